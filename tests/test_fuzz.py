"""Fuzzing the formula notation and the validation of the measure table with hypothesis.

Whatever an analyst or a broken file puts in the table, validation answers with problems — no
exception, nothing typed is ever evaluated as code, every problem sits at a cell of the table,
and what validation lets through computes. How many cases ran and how long they took is printed
at the end (``pytest -s``).

The suite runs a quarter of the examples it once did (they took a minute of its 3½); on a
machine that found a failing example before, hypothesis tries that one first (``.hypothesis/``).
``XL_LADDER_FUZZ=diep`` runs four times as many, for a deeper search after changing the notation
or the table's checks.
"""

from __future__ import annotations

import builtins
import math
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas  # noqa: F401  # imported by Ladder.tidy when first used: loaded here, before exec is refused
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from xl_ladder import model, notation
from xl_ladder.cells import sheet_prefix
from xl_ladder.figures import MAX_COUNT, read_figure
from xl_ladder.problems import EXCEL_ERRORS, Severity, excel_error, has_errors, uncomputed_formula
from xl_ladder.settings import resolve
from xl_ladder.table import RawTable, parse

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DEPTH = 4 if os.environ.get("XL_LADDER_FUZZ") == "diep" else 1
"""Examples are ``n * DEPTH``."""
RUNS: dict[str, list[float]] = {}
"""Test name → seconds taken by each case run."""


@pytest.fixture(scope="module", autouse=True)
def report_runs() -> Iterator[None]:
    yield
    total = sum(len(times) for times in RUNS.values())
    print(f"\nfuzzing: {total} cases in {sum(map(sum, RUNS.values())):.1f} s")
    for name, times in RUNS.items():
        print(f"  {name}: {len(times)} cases, {sum(times):.1f} s, slowest {max(times) * 1000:.0f} ms")


@contextmanager
def counted(name: str) -> Iterator[None]:
    """Time one case, with Python's code-running builtins disabled: no input may reach them."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"code evaluated: {args[:1]!r}")

    saved = {name: getattr(builtins, name) for name in ("eval", "exec", "compile")}
    started = time.perf_counter()
    try:
        for builtin in saved:
            setattr(builtins, builtin, refuse)
        yield
    finally:
        for builtin, function in saved.items():
            setattr(builtins, builtin, function)
        RUNS.setdefault(name, []).append(time.perf_counter() - started)


# --------------------------------------------------------------------------------------------
# what a cell can hold
# --------------------------------------------------------------------------------------------

CODES = ["a", "b", "f", "k", "z", "a'", "d'", "d’", "A", "F", "DGK", "COL", "trede 5", "Trede 5", "totaal", "x"]
TOKENS = [*CODES, "t/m", "t.e.m.", "tot en met", "+", "40%", "12,5 %", "400%", "0%", " ", "=", "SUM(", ")",
          "__import__('os').system('ls')", "1e999%", "9" * 400 + "%"]
SEEN = ["nb", "n.v.t.", "-", "?", "1.234", "21,3", "1 234", "1.5", "12%", "-3", "#N/A", "#DIV/0!", "WAAR",
        "3050 ", " ", "\u00a0", "1.234.567,89", "٣٠٥٠", "1e5", "inf", "NaN", "0x10"]

words = st.text(max_size=30)
formula_text = st.lists(st.sampled_from(TOKENS) | words, max_size=8).map(" ".join)
numbers = st.one_of(
    st.integers(), st.integers(-10, MAX_COUNT * 2), st.floats(allow_nan=True, allow_infinity=True),
    st.just(10**400), st.just(-(10**400)),
)
temporal = st.one_of(st.dates(), st.datetimes(), st.times(), st.timedeltas())
cells = st.one_of(
    st.none(), st.just(""), st.booleans(), numbers, temporal, words, st.sampled_from(SEEN + CODES), formula_text,
    st.builds(excel_error, st.sampled_from(sorted(EXCEL_ERRORS)) | words), st.builds(uncomputed_formula, words),
)
REGIONS = ["Limburg", "Vlaams Gewest", "West-Vlaanderen", "west-vlaanderen", "Brussel"]
titles = st.one_of(
    st.sampled_from(["Code", "Omschrijving", "Formule", "code", "FORMULE", "Formuel", "Codes", "Omschrijvng", "", " "]),
    st.builds(lambda region, year, glue: f"{region}{glue}{year}", st.sampled_from(REGIONS),
              st.integers(2018, 2025) | st.integers(0, 9999), st.sampled_from([" ", "  ", "", "\t"])),
    st.builds(lambda region, year: f"{year} {region}", st.sampled_from(REGIONS), st.integers(2018, 2025)),
    words, st.none(), st.integers(),
)


@st.composite
def raw_tables(draw: st.DrawFn) -> RawTable:
    """A table as an adapter might hand it over: mostly sensible columns, then anything in any cell."""
    header = draw(st.one_of(
        st.lists(titles, max_size=9),
        st.builds(lambda extra: ["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023", *extra],
                  st.lists(titles, max_size=3)),
    ))
    width = len(header)
    row = st.lists(cells, min_size=max(width - 1, 0), max_size=width + 1)
    sensible = st.builds(lambda code, label, text, *figures: [code, label, text, *figures],
                         st.sampled_from(CODES) | cells, words, st.just("") | formula_text,
                         *[cells] * max(width - 3, 0))
    rows = draw(st.lists(sensible | row, max_size=25))
    sheet = draw(st.sampled_from(["Maatregelen", "Mijn cijfers", "Blad'1"]) | st.text(min_size=1, max_size=31))
    return RawTable(sheet, draw(st.integers(0, 1_048_000)), draw(st.integers(0, 16_000)), header, rows)


raw_settings = st.dictionaries(
    st.sampled_from(["Focusregio", "Referentieregio", "Basisjaar", "Verslagjaar", "referentieregio ",
                     "Referentieregi", "Basisjar", "Instelling"]) | words,
    st.tuples(cells | st.sampled_from(REGIONS), st.builds(lambda n: f"Instellingen!B{n}", st.integers(1, 50))),
    max_size=6,
)


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

ADDRESS = re.compile(r"!(?P<col>[A-Z]+)(?P<row>\d+)$")


def column_number(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26: written out here so the check does not lean on the code under test."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def check_table(raw: RawTable, settings_raw: dict[str, Any]) -> None:
    """Validation answers with problems inside the table's area; what it lets through computes."""
    table, problems = parse(raw)
    assert parse(raw)[1] == problems  # the same answer every time
    width = max([len(raw.header), *map(len, raw.rows)], default=1)
    for problem in problems:
        assert problem.severity in (Severity.ERROR, Severity.WARNING)
        assert isinstance(problem.message, str) and problem.message
        assert problem.location.startswith(sheet_prefix(raw.sheet) + "!")
        where = ADDRESS.search(problem.location)
        assert where, problem.location
        assert raw.top <= int(where["row"]) - 1 <= raw.top + len(raw.rows)
        assert raw.left <= column_number(where["col"]) < raw.left + max(width, 1)
    assert table.figures.shape == (len(table.rows), len(table.columns))
    known = table.figures[~np.isnan(table.figures)]
    assert ((known >= 0) & (known <= MAX_COUNT)).all()
    if not has_errors(problems):  # a weight above 100% is an error at its cell; an accepted table has none
        for terms in table.terms.values():
            assert all(0 <= weight <= 1 for _, weight in terms)
    chosen, setting_problems = resolve(settings_raw, table)
    if chosen is not None and not has_errors(problems + setting_problems):
        event("computed")
        ladder = model.compute(table, chosen)
        assert len(ladder.tidy()) == len(table.rows) * len(table.columns)


@settings(FUZZ, max_examples=375 * DEPTH)
@given(raw_tables(), raw_settings)
def test_fuzz_table_validation(raw: RawTable, settings_raw: dict[str, Any]) -> None:
    with counted("table.parse (random tables, settings, model)"):
        check_table(raw, settings_raw)


MEASURES = ["a", "b", "f", "k", "z", "a'", "d'"]
WEIGHTS = ["", "", "40% ", "100% ", "0% ", "12,5%"]
figure = st.none() | st.integers(0, 100_000) | st.sampled_from([0, "1.234", 2.5])


@st.composite
def referring_rows(draw: st.DrawFn) -> list[list[Any]]:
    """Measures and aggregates whose formulas refer to rows of the table: chains, cycles, ranges, self."""
    codes = draw(st.lists(st.sampled_from([f"S{i}" for i in range(8)]), min_size=1, max_size=8, unique=True))
    operands = st.sampled_from(MEASURES + codes + ["a t/m z", "f t/m d'", "a t/m d'"])
    term = st.builds(str.__add__, st.sampled_from(WEIGHTS), operands)
    rows = [[code, "", " + ".join(draw(st.lists(term, min_size=1, max_size=5))), draw(figure), draw(figure)]
            for code in codes]
    return rows + [[code, "", None, draw(figure), draw(figure)] for code in MEASURES]


@settings(FUZZ, max_examples=150 * DEPTH)
@given(referring_rows())
def test_fuzz_formulas_between_rows(body: list[list[Any]]) -> None:
    raw = RawTable("Maatregelen", 0, 0, ["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023"], body)
    with counted("table.parse (formulas referring to rows)"):
        check_table(raw, {})


@settings(FUZZ, max_examples=750 * DEPTH)
@given(cells)
def test_fuzz_figure_cells(cell: Any) -> None:
    """Any cell is no data, a count (maybe with a warning), or an error — never an exception."""
    with counted("figures.read_figure"):
        figure = read_figure(cell)
    if figure.value is None:
        assert figure.warning is None
    else:
        assert figure.error is None and 0 <= figure.value <= MAX_COUNT and math.isfinite(figure.value)


@settings(FUZZ, max_examples=750 * DEPTH)
@given(st.one_of(formula_text, st.text(max_size=200),
                 st.text(alphabet="at/m+%, .'’0123456789e", max_size=notation.MAX_LENGTH + 5)))
def test_fuzz_notation(text: str) -> None:
    """A formula or a NotationError naming a position inside the text; never anything else."""
    with counted("notation.parse"):
        try:
            formula = notation.parse(text)
        except notation.NotationError as error:
            assert 1 <= error.position <= len(text) + 1
            return
    assert formula.terms and all(1 <= term.position <= len(text) for term in formula.terms)
    assert all(term.weight >= 0 and not math.isnan(term.weight) for term in formula.terms)


SLOW_INPUTS: list[Callable[[], RawTable]] = [
    lambda: RawTable("M", 0, 0, ["Code", "Omschrijving", "Formule", "L 2023"],
                     [[f"A{i}", "", f"A{i + 1}", 1] for i in range(3000)] + [["A3000", "", "A0", 1]]),
    lambda: RawTable("M", 0, 0, ["Code", "Omschrijving", "Formule", "L 2023"],
                     [[c, "", None, 1] for c in "abcdefghijklmnopqrstuvwxyz"] +
                     [[f"S{i}", "", " + ".join(["a t/m z"] * 190), None] for i in range(20)]),
]


@pytest.mark.parametrize("make", SLOW_INPUTS, ids=["kring-van-3000-rijen", "lange-formules"])
def test_worst_cases_do_not_break(make: Callable[[], RawTable]) -> None:
    """A 3000-row cycle (no recursion limit) and long range formulas: reported, not a crash."""
    problems = parse(make())[1]
    assert problems and {p.severity for p in problems} <= {Severity.ERROR, Severity.WARNING}
