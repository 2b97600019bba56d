"""The measure table (``Maatregelen``) as the core sees it, parsed and validated.

Adapters hand over a :class:`RawTable` — plain cell values plus where they sit — so the same
validation serves the file reader, live Excel and the worksheet functions. Validation never
raises: every problem is collected with its cell (the catalogue is ``docs/problems.md``).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codes, names, notation
from .cells import address, cell_text, is_blank
from .figures import dutch, plain_counts, read_figure
from .problems import BadCell, Problem, Severity, quoted

TABLE_NAME = "Maatregelen"
CODE, LABEL, FORMULA = "Code", "Omschrijving", "Formule"
REQUIRED = (CODE, LABEL, FORMULA)
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a figure column may carry: a typo outside them would silently be the latest or earliest year."""
_FIGURE_HEADER = re.compile(r"^(?P<region>.*\S)\s+(?P<year>\d{4})$")
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})\s+(?P<region>.*\S)$")
_YEAR_GLUED = re.compile(r"^(?P<region>.*[^\W\d_])[\s_\-/]*(?P<year>\d{4})$")

Report = Callable[..., None]


@dataclass(frozen=True)
class RawTable:
    """An Excel table as read from any backend: header, body rows and the position of its header."""

    sheet: str
    top: int
    """0-based sheet row of the header row."""
    left: int
    """0-based sheet column of the first column."""
    header: list[Any]
    rows: list[list[Any]]
    problems: tuple[Problem, ...] = ()
    """What the adapter saw that plain values cannot carry (merged cells, cells just outside the table)."""

    def cell(self, row: int, col: int) -> str:
        """Address of body cell (row, col), both 0-based within the body."""
        return address(self.sheet, self.top + 1 + row, self.left + col)


@dataclass(frozen=True)
class Row:
    """One row of the measure table, in table order."""

    code: str | None
    label: str
    formula: notation.Formula | None
    location: str
    """Address of the row's first cell, for messages."""

    @property
    def is_aggregate(self) -> bool:
        return self.formula is not None


@dataclass
class MeasureTable:
    """The validated table: rows, figure columns and the matrix of figures (NaN = no data)."""

    rows: list[Row]
    columns: list[tuple[str, int]]
    figures: np.ndarray
    terms: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    """For each aggregate row: (referenced row, weight) with ranges expanded."""
    evaluation_order: list[int] = field(default_factory=list)
    """Aggregate rows ordered so that every reference is evaluated first."""

    @property
    def regions(self) -> list[str]:
        return list(dict.fromkeys(region for region, _ in self.columns))

    @property
    def years(self) -> list[int]:
        return sorted({year for _, year in self.columns})

    @functools.cached_property
    def code_index(self) -> dict[str, int]:
        """Code key → row index of its first row (computed once: formulas look codes up all the time)."""
        index: dict[str, int] = {}
        for i, row in enumerate(self.rows):
            if row.code:
                index.setdefault(codes.key(row.code), i)
        return index

    @functools.cached_property
    def measure_order(self) -> list[tuple[tuple[int, int], int]]:
        """(code order, row index) of the measure rows, sorted: what ranges (``a t/m f``) run over."""
        return sorted((codes.order(row.code), i) for i, row in enumerate(self.rows)
                      if row.code and codes.is_measure_code(row.code) and not row.is_aggregate)

    def index_of(self, code: str) -> int | None:
        """Row index of a code (case-insensitive), or None."""
        return self.code_index.get(codes.key(code))


def _suggest(word: str, choices: list[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` (case-insensitive), if close enough to be a typing error."""
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return folded[close[0]] if close else None


@dataclass
class _Columns:
    """Where the fixed columns are and which columns hold figures for which region and year."""

    named: dict[str, int] = field(default_factory=dict)
    keys: list[tuple[str, int]] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    first: dict[tuple[str, int], int] = field(default_factory=dict)
    """Region-year → its (first) column: a duplicate is found in constant time (a list search made reading
    the header quadratic: 6 of the 7 seconds of refreshing 14 536 figure columns, issue 13)."""


def figure_column(title: Any) -> tuple[str, int] | None:
    """(region, year) of a header cell titled ``<Regio> <Jaar>``, spaces folded; None for any other title."""
    match = _FIGURE_HEADER.match(cell_text(title))
    return None if match is None else (match["region"], int(match["year"]))


def _figure_header(title: str) -> str | None:
    """What an unrecognised header probably meant as ``<Regio> <Jaar>``, if it looks like one."""
    for pattern in (_YEAR_FIRST, _YEAR_GLUED):
        match = pattern.match(title)
        if match:
            return f"{match['region']} {match['year']}"
    return None


def columns_of(raw: RawTable, report: Report, required: tuple[str, ...] = REQUIRED,
               table_name: str = TABLE_NAME, optional: tuple[str, ...] = ()) -> _Columns:
    """Recognise the header: fixed columns, ``<Regio> <Jaar>`` columns; report the rest with a suggestion.

    Shared by every table of figures in the workbook (measures, context, sectors).
    """
    found = _Columns()

    def at(i: int) -> str:  # addressed when reported: a wide header is mostly fine
        return address(raw.sheet, raw.top, raw.left + i)

    spelling: dict[str, str] = {}
    unknown: dict[int, str] = {}
    for i, cell in enumerate(raw.header):
        title = cell_text(cell)
        fixed = next((name for name in required + optional if name.casefold() == title.casefold()), None)
        match = _FIGURE_HEADER.match(title)
        if fixed:
            if fixed in found.named:
                report(at(i), f"kolom '{fixed}' komt twee keer voor; alleen {at(found.named[fixed])} telt")
            else:
                found.named[fixed] = i
        elif match:
            region = spelling.setdefault(match["region"].casefold(), match["region"])  # a twin: regions.check
            key = (region, int(match["year"]))
            if not FIRST_YEAR <= key[1] <= LAST_YEAR:  # 0202 or 2202 for 2022: it would become a base or report year
                report(at(i), f"kolom {quoted(title)}: {match['year']} is geen jaar tussen {FIRST_YEAR} en {LAST_YEAR}")
                continue
            if key in found.first:
                report(at(i), f"kolom {quoted(f'{region} {key[1]}')} komt twee keer voor; alleen "
                              f"{at(found.first[key])} telt")
                continue
            found.first[key] = i
            found.keys.append(key)
            found.positions.append(i)
        else:
            unknown[i] = title
    start = address(raw.sheet, raw.top, raw.left)
    for name in required:
        if name in found.named:
            continue
        typo = next((i for i, title in unknown.items() if _suggest(title, [name])), None)
        if typo is None:
            report(start, f"kolom '{name}' ontbreekt in de tabel {table_name}")
        else:
            report(at(typo), f"kolomkop {quoted(unknown.pop(typo))}: bedoelt u '{name}'? (de kolom '{name}' ontbreekt)")
    for i, title in unknown.items():
        meant = _figure_header(title)
        hint = f"; bedoelt u {quoted(meant)}?" if meant else ""
        shown = f"kolom {quoted(title)}" if title else "kolom zonder titel"
        report(at(i), f"{shown} wordt genegeerd: geen {', '.join(required + optional)} of '<Regio> <Jaar>'{hint}",
               Severity.WARNING)
    if not found.keys:
        report(start, "geen kolommen met cijfers ('<Regio> <Jaar>', bv. 'West-Vlaanderen 2020')")
    return found


def parse(raw: RawTable) -> tuple[MeasureTable, list[Problem]]:
    """Validate ``raw`` and build the table; every problem is collected, none raised."""
    problems: list[Problem] = list(raw.problems)

    def report(location: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, location, message))

    columns = columns_of(raw, report)
    named = columns.named
    rows: list[Row] = []
    values: list[np.ndarray] = []
    formula_cells: list[str] = []
    seen: dict[str, str] = {}
    last = max(columns.positions, default=-1)
    for r, body in enumerate(raw.rows):
        if all(is_blank(c) for c in body):
            continue

        cell = {name: body[named[name]] if named.get(name, len(body)) < len(body) else None for name in REQUIRED}
        at = {name: raw.cell(r, named.get(name, 0)) for name in REQUIRED}
        for name, value in cell.items():
            if isinstance(value, BadCell):
                report(at[name], value.reason)
        typed_code, label, formula_text = cell_text(cell[CODE]), cell_text(cell[LABEL]), cell_text(cell[FORMULA])
        code = codes.normalize(typed_code) if typed_code else None
        if code is not None:
            if not codes.is_valid(code):
                report(at[CODE], f"{quoted(code)} is geen geldige code (a … z, a' … of een woord zoals 'trede 5')")
            elif codes.key(code) in seen:
                report(at[CODE], f"code {quoted(code)} komt al voor in {seen[codes.key(code)]}")
            else:
                seen[codes.key(code)] = at[CODE]
            if codes.is_measure_code(code) and code != typed_code:
                report(at[CODE], f"code {quoted(typed_code)} gelezen als '{code}'", Severity.WARNING)
            if codes.is_measure_code(code) and formula_text:
                report(at[CODE], f"maatregelcode '{code}' op een rij met formule: de rij is een totaal en telt niet "
                                 "mee in bereiken (t/m); geef ze een code zoals 'DGK' of maak de formule leeg",
                       Severity.WARNING)
        formula = None
        if formula_text:
            try:
                formula = notation.parse(formula_text)
            except notation.NotationError as error:
                report(at[FORMULA], str(error))
        elif code is None:
            report(raw.cell(r, 0), "rij zonder code en zonder formule: een maatregel heeft een code, "
                                   "een totaal een formule")
        elif FORMULA in named and codes.is_valid(code) and not codes.is_measure_code(code) \
                and not isinstance(cell[FORMULA], BadCell):
            report(at[CODE], _not_a_measure(code))
        cells = (list(map(body.__getitem__, columns.positions)) if len(body) > last else  # twice as fast
                 [body[col] if col < len(body) else None for col in columns.positions])
        row_values = plain_counts(cells)
        for k in np.flatnonzero(np.isnan(row_values)).tolist():  # empty, or not a plain count: read one by one
            typed, col = cells[k], columns.positions[k]
            if typed is None or typed == "":
                continue
            figure = read_figure(typed)
            if figure.error:
                report(raw.cell(r, col), figure.error)
            if figure.warning:
                report(raw.cell(r, col), figure.warning, Severity.WARNING)
            row_values[k] = np.nan if figure.value is None else figure.value
        rows.append(Row(code, label, formula, raw.cell(r, 0)))
        values.append(row_values)
        formula_cells.append(at[FORMULA])

    figures = np.array(values, dtype=float).reshape(len(rows), len(columns.keys))
    table = MeasureTable(rows, columns.keys, figures)
    if not rows and not problems:
        report(address(raw.sheet, raw.top, raw.left), f"de tabel {TABLE_NAME} heeft geen rijen")
    _resolve(table, formula_cells, report)
    return table, problems


def _not_a_measure(code: str) -> str:
    """Why a row with a code that is no measure code and no formula would silently count nowhere."""
    meant = codes.normalize(names.latin(code).strip(".,;:)(-_ "))
    hint = f"bedoelt u '{meant}'? " if meant != code and codes.is_measure_code(meant) else ""
    foreign = names.foreign_letters(code)
    letters = f" (met de letter '{foreign}' uit een ander alfabet)" if foreign else ""
    return (f"code {quoted(code)}{letters} is geen maatregelcode (a … z, a' …) en de rij heeft geen formule: ze telt "
            f"nergens mee; {hint}geef een maatregel een code als 'a' of 'd'', een totaal een formule")


def expand(formula: notation.Formula, table: MeasureTable) -> tuple[list[tuple[int, float]], list[str]]:
    """The rows a formula adds up, as (row, weight) with ranges expanded in code order, and the unknown codes.

    Ranges run over measure rows only (an aggregate with a letter code is not one of its own parts).
    Each unknown code is reported as ``"'<code>' (positie N)"``, with the closest known code if any.
    """
    refs: list[tuple[int, float]] = []
    unknown: list[str] = []
    for term in formula.terms:
        absent = [c for c in (term.first, term.last) if c is not None and table.index_of(c) is None]
        if absent:
            meant = _suggest(absent[0], [row.code for row in table.rows if row.code])
            unknown.append(f"{quoted(absent[0])} (positie {term.position})" + (f"; bedoelt u '{meant}'?" if meant else ""))
        elif term.last is None:
            refs.append((table.code_index[codes.key(term.first)], term.weight))
        else:
            low, high = codes.order(term.first), codes.order(term.last)
            refs.extend((j, term.weight) for order, j in table.measure_order if low <= order <= high)
    return refs, unknown


def _resolve(table: MeasureTable, formula_cells: list[str], report: Report) -> None:
    """Expand every formula into weighted row references and order aggregates; report unknown codes and cycles."""
    for i, row in enumerate(table.rows):
        if row.formula is None:
            continue
        for term in row.formula.terms:
            if term.weight > 1:
                report(formula_cells[i], f"formule {quoted(row.formula.text)}: gewicht {dutch(term.weight * 100)}% (positie "
                                         f"{term.position}) is meer dan 100%: een persoon telt hoogstens één keer")
        refs, unknown = expand(row.formula, table)
        for code in unknown:
            report(formula_cells[i], f"formule {quoted(row.formula.text)}: onbekende code {code}")
        if any(j == i for j, _ in refs):
            report(formula_cells[i], f"formule {quoted(row.formula.text)} verwijst naar haar eigen rij")
            refs = [(j, w) for j, w in refs if j != i]
        for j, count in Counter(j for j, _ in refs).items():
            if count > 1:
                report(formula_cells[i], f"formule {quoted(row.formula.text)}: '{table.rows[j].code}' telt {count} keer mee",
                       Severity.WARNING)
        table.terms[i] = refs
    table.evaluation_order = _topological(table, formula_cells, report)


def _topological(table: MeasureTable, formula_cells: list[str], report: Report) -> list[int]:
    """Order aggregates so references come first; report each cycle once (iterative: no depth limit)."""
    order: list[int] = []
    state: dict[int, int] = {}  # 1 = on the current path, 2 = done
    for root in table.terms:
        if root in state:
            continue
        state[root] = 1
        path, pending = [root], [iter(table.terms[root])]
        while pending:
            for j, _ in pending[-1]:
                if j not in table.terms:
                    continue
                if state.get(j) == 1:
                    cycle = [*path[path.index(j):], j]
                    names = " → ".join(table.rows[k].code or table.rows[k].label for k in cycle)
                    report(formula_cells[j], f"kringverwijzing: {names}")
                elif j not in state:
                    state[j] = 1
                    path.append(j)
                    pending.append(iter(table.terms[j]))
                    break
            else:
                done = path.pop()
                pending.pop()
                state[done] = 2
                order.append(done)
    return order
