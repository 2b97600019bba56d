"""Unit tests of the measure codes, the formula notation and the validation of the measure table.

Everything here works on plain strings and hand-made :class:`RawTable` objects: no workbook.
"""

from __future__ import annotations

import builtins
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_ladder import codes
from xl_ladder.notation import MAX_LENGTH, Formula, NotationError, parse
from xl_ladder.problems import Problem, Severity
from xl_ladder.table import MeasureTable, RawTable
from xl_ladder.table import parse as parse_table

# --------------------------------------------------------------------------------------------
# codes
# --------------------------------------------------------------------------------------------


def test_measure_codes_run_a_to_z_then_primed() -> None:
    """a < b < z < a' < z' < a'' whatever order they are given in."""
    shuffled = ["a''", "z'", "b", "a'", "z", "a", "m'"]
    assert sorted(shuffled, key=codes.order) == ["a", "b", "z", "a'", "m'", "z'", "a''"]
    assert codes.order("z") < codes.order("a'") < codes.order("z'") < codes.order("a''")


def test_order_accepts_typographic_primes_and_capitals() -> None:
    assert codes.order("D’") == codes.order("d'")


def test_order_refuses_aggregate_codes() -> None:
    with pytest.raises(ValueError):
        codes.order("DGK")
    with pytest.raises(ValueError):
        codes.order("trede 5")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("a", "a"),
        ("A", "a"),
        (" f ", "f"),
        ("d'", "d'"),
        ("d’", "d'"),  # right single quotation mark (Word autocorrect)
        ("d‘", "d'"),  # left single quotation mark
        ("d′", "d'"),  # prime sign
        ("D’", "d'"),
        ("  e’  ", "e'"),
        ("A’’", "a''"),
        ("a'′", "a''"),
        ("trede 5", "trede 5"),
        ("  trede   5 ", "trede 5"),
        ("trede\t5", "trede 5"),
        ("DGK", "DGK"),  # aggregate codes keep their case for display
        ("Trede 5", "Trede 5"),
    ],
)
def test_normalize(typed: str, canonical: str) -> None:
    assert codes.normalize(typed) == canonical


def test_key_is_case_insensitive_for_aggregates() -> None:
    assert codes.key("DGK") == codes.key("dgk") == codes.key(" Dgk ")
    assert codes.key("Trede  5") == codes.key("trede 5")
    assert codes.key("A’") == codes.key("a'")
    assert codes.key("a") != codes.key("a'")


@pytest.mark.parametrize("code", ["a", "z", "d'", "a''", "K", "d’"])
def test_measure_codes(code: str) -> None:
    assert codes.is_measure_code(code)
    assert codes.is_valid(code)


@pytest.mark.parametrize("code", ["DGK", "trede 5", "ab", "COL", "totaal", "Collectief-maatwerk"])
def test_aggregate_codes_are_valid_but_not_measures(code: str) -> None:
    assert not codes.is_measure_code(code)
    assert codes.is_valid(code)


@pytest.mark.parametrize("code", ["", "1a", "5", "trede 5 6", "a b", "a+b", "'a"])
def test_invalid_codes(code: str) -> None:
    assert not codes.is_valid(code)


# --------------------------------------------------------------------------------------------
# notation: what parses
# --------------------------------------------------------------------------------------------


def shape(formula: Formula) -> list[tuple[str, str | None, float, int]]:
    """The terms of a parsed formula as plain tuples (first, last, weight, position)."""
    return [(t.first, t.last, t.weight, t.position) for t in formula.terms]


def test_sum_of_codes_with_positions() -> None:
    formula = parse("a + b + c + d + e")
    assert formula.text == "a + b + c + d + e"
    assert shape(formula) == [("a", None, 1.0, 1), ("b", None, 1.0, 5), ("c", None, 1.0, 9),
                              ("d", None, 1.0, 13), ("e", None, 1.0, 17)]


def test_plus_needs_no_spaces() -> None:
    assert shape(parse("a+b")) == [("a", None, 1.0, 1), ("b", None, 1.0, 3)]


@pytest.mark.parametrize(
    "text",
    ["a t/m f", "a T/M f", "a T/m f", "A t/m F", "a t / m f", "a t.e.m. f", "a T.E.M. f",
     "a tot en met f", "a Tot En Met f", "a TOT  EN\tMET f", "a\tt/m\tf"],
)
def test_range_keywords(text: str) -> None:
    assert shape(parse(text)) == [("a", "f", 1.0, 1)]


def test_ranges_cross_into_primed_codes() -> None:
    assert shape(parse("k t/m d'")) == [("k", "d'", 1.0, 1)]
    assert shape(parse("z t/m a'")) == [("z", "a'", 1.0, 1)]
    assert shape(parse("z' t/m a''")) == [("z'", "a''", 1.0, 1)]
    assert shape(parse("a t/m a")) == [("a", "a", 1.0, 1)]


def test_range_starting_at_t_is_not_a_keyword() -> None:
    """``t t/m y`` (duaal leren): the code t followed by a range, not ``t/`` misread."""
    assert shape(parse("t t/m y")) == [("t", "y", 1.0, 1)]
    assert shape(parse("t + m")) == [("t", None, 1.0, 1), ("m", None, 1.0, 5)]


@pytest.mark.parametrize(
    ("text", "weight"),
    [("40% f", 0.40), ("40 % f", 0.40), ("12,5% f", 0.125), ("12.5% f", 0.125), ("100% f", 1.0),
     ("0% f", 0.0), ("150 % f", 1.5)],
)
def test_weights(text: str, weight: float) -> None:
    (term,) = parse(text).terms
    assert term.first == "f"
    assert term.last is None
    assert term.weight == pytest.approx(weight)
    assert term.position == 1


def test_weight_applies_to_a_range_and_to_one_term_only() -> None:
    formula = parse("50% a t/m c + d")
    assert [(t.first, t.last) for t in formula.terms] == [("a", "c"), ("d", None)]
    assert [t.weight for t in formula.terms] == pytest.approx([0.5, 1.0])


def test_the_publication_rung_formula() -> None:
    """``DGK + 40% f + COL``: the weighted SINE term sits at position 7, COL at 15."""
    formula = parse("DGK + 40% f + COL")
    assert [(t.first, t.position) for t in formula.terms] == [("DGK", 1), ("f", 7), ("COL", 15)]
    assert [t.weight for t in formula.terms] == pytest.approx([1.0, 0.4, 1.0])


def test_multiword_codes() -> None:
    formula = parse("trede 5 + trede 4 + trede 3")
    assert [t.first for t in formula.terms] == ["trede 5", "trede 4", "trede 3"]
    assert [t.position for t in formula.terms] == [1, 11, 21]
    assert [t.first for t in parse("trede  5 +Trede\t4").terms] == ["trede 5", "Trede 4"]


def test_typographic_primes_and_capitals_are_normalized() -> None:
    assert [t.first for t in parse("d’ + e‘ + f′ + A + B''").terms] == ["d'", "e'", "f'", "a", "b''"]
    assert shape(parse("K t/m D’")) == [("k", "d'", 1.0, 1)]


def test_stray_spaces_are_ignored() -> None:
    formula = parse("   a   t/m   c  +  40 %  f  +  trede   5   ")
    assert shape(formula) == [("a", "c", 1.0, 4), ("f", None, 0.4, 20), ("trede 5", None, 1.0, 32)]


# --------------------------------------------------------------------------------------------
# notation: what does not parse
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "found"),
    [
        ("f t/m a", 1, "'f t/m a'"),  # reversed range, reported at the start of the term
        ("a'' t/m z'", 1, "'a'' t/m z''"),  # reversed across primes: z' comes before a''
        ("a + f t/m b", 5, "'f t/m b'"),
        ("", 1, "een lege formule"),
        ("   ", 1, "een lege formule"),
        ("a +", 4, "het einde"),  # trailing +: a code expected just after the end
        ("a + ", 5, "het einde"),
        ("+ a", 1, "'+'"),
        ("a + + b", 5, "'+'"),
        ("a b", 3, "'b'"),  # two codes without +
        ("a * b", 3, "'*'"),  # unknown operator
        ("a - b", 3, "'-'"),
        ("(a + b)", 1, "'('"),
        ("a t/m DGK", 7, "'DGK'"),  # range endpoint that is not a measure code
        ("DGK t/m f", 1, "'DGK'"),
        ("a t/m trede 5", 7, "'trede 5'"),
        ("a t/m", 6, "het einde"),
        ("a t/m f t/m g", 9, "'t/m'"),
        ("40%", 4, "het einde"),
        ("40% + a", 5, "'+'"),
        ("40% 40% f", 5, "'40%'"),
        ("1 + a", 1, "'1'"),
        ("a ; b", 3, "';'"),
    ],
)
def test_errors_name_formula_position_and_what_was_found(text: str, position: int, found: str) -> None:
    with pytest.raises(NotationError) as caught:
        parse(text)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.formula == text
    assert error.position == position
    assert error.found == found
    message = str(error)
    # Dutch, and it names the formula as the analyst typed it
    assert message.startswith(f"formule '{text}': op positie {position} verwacht ")
    assert f"gevonden {found}" in message


def test_reversed_range_message_suggests_the_ascending_range() -> None:
    with pytest.raises(NotationError) as caught:
        parse("f t/m a")
    assert "oplopend bereik" in str(caught.value)
    assert "'a t/m f'" in str(caught.value)


def test_range_endpoint_must_be_a_measure_code() -> None:
    with pytest.raises(NotationError) as caught:
        parse("a t/m DGK")
    assert "maatregelcode" in str(caught.value)


def test_overlong_formula_is_refused_before_parsing() -> None:
    text = "a + " * (MAX_LENGTH // 4) + "b"
    assert len(text) > MAX_LENGTH
    with pytest.raises(NotationError) as caught:
        parse(text)
    assert caught.value.position == MAX_LENGTH + 1
    assert f"hoogstens {MAX_LENGTH} tekens" in str(caught.value)


def test_longest_formula_accepted() -> None:
    text = "a" + " " * (MAX_LENGTH - 5) + " + b"
    assert len(text) == MAX_LENGTH
    assert [t.first for t in parse(text).terms] == ["a", "b"]


# --------------------------------------------------------------------------------------------
# notation: never evaluated, never crashes (hypothesis)
# --------------------------------------------------------------------------------------------


@pytest.fixture
def no_evaluation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make eval/exec/compile fail loudly while a test runs."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the notation must never evaluate text")

    for name in ("eval", "exec", "compile"):
        monkeypatch.setattr(builtins, name, refuse)


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "__import__('os').system('echo pwned')",
        "a + __import__('os')",
        "eval('1+1')",
        "exec('import os')",
        "open('/etc/passwd').read()",
        "a; import os",
        "lambda: 0",
        "[x for x in ()]",
        "a if b else c",
        "1 + 1",
        "a + b.__class__.__bases__[0]",
    ],
)
def test_python_is_not_evaluated(text: str, no_evaluation: None) -> None:
    with pytest.raises(NotationError):
        parse(text)


def test_dotted_names_are_just_codes(no_evaluation: None) -> None:
    """A word with dots is an (unknown) aggregate code, never an attribute lookup."""
    assert [t.first for t in parse("os.system + a").terms] == ["os.system", "a"]


TOKENS = [
    "a", "f", "z", "a'", "d’", "D′", "k", "t", "m", "A", "trede 5", "trede", "5", "DGK", "COL",
    "totaal", "tot", "en", "met", "t/m", "T/M", "t.e.m.", "tot en met", "/", "+", "++", "40%",
    "12,5 %", "0%", "%", ",", ".", "-", "_", "(", ")", "*", "'", "’", "`", " ", "  ", "\t", "\n",
    "\u00a0", "é", "\u017f", "K", "١٢%", "__import__('os')", "eval", ";",
]


def check_outcome(text: str) -> None:
    """``parse(text)`` returns a well-formed formula or raises NotationError with a sane position."""
    try:
        formula = parse(text)
    except NotationError as error:
        assert 1 <= error.position <= len(text) + 1
        assert str(error).startswith("formule '")
        return
    assert formula.text == text
    assert formula.terms
    positions = [t.position for t in formula.terms]
    assert positions == sorted(set(positions))
    for term in formula.terms:
        assert 1 <= term.position <= len(text)
        assert codes.normalize(term.first) == term.first
        assert term.weight >= 0
        if term.last is not None:
            assert codes.is_measure_code(term.first) and codes.is_measure_code(term.last)
            assert codes.order(term.first) <= codes.order(term.last)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_fuzz_arbitrary_text(text: str) -> None:
    check_outcome(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=14), st.sampled_from(["", " ", "  "]))
def test_fuzz_notation_tokens(tokens: list[str], glue: str) -> None:
    check_outcome(glue.join(tokens))


MEASURES = st.tuples(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), st.integers(0, 2))
AGGREGATES = ["DGK", "COL", "IND", "trede 5", "Trede 4", "totaal", "WPI", "Collectief-maatwerk"]


@st.composite
def measure_spelling(draw: st.DrawFn, letter: str, primes: int) -> str:
    """One way an analyst may type a measure code (capital letter, any prime character)."""
    typed = draw(st.sampled_from([letter, letter.upper()]))
    return typed + "".join(draw(st.sampled_from("'’‘′")) for _ in range(primes))


@st.composite
def well_formed(draw: st.DrawFn) -> tuple[str, list[tuple[str, str | None, float, int]]]:
    """A valid formula and the terms it must parse to, positions included."""
    text = draw(st.sampled_from(["", " ", "  "]))
    expected: list[tuple[str, str | None, float, int]] = []
    for n in range(draw(st.integers(1, 5))):
        if n:
            text += draw(st.sampled_from(["+", " + ", "  +\t", "+ "]))
        position = len(text) + 1
        weight = 1.0
        if draw(st.booleans()):
            whole, tenth = draw(st.integers(0, 200)), draw(st.none() | st.integers(1, 9))
            weight = (whole + (tenth or 0) / 10) / 100
            text += (str(whole) if tenth is None else f"{whole},{tenth}") + draw(st.sampled_from(["%", " %"])) + " "
        kind = draw(st.sampled_from(["measure", "range", "aggregate"]))
        if kind == "aggregate":
            code = draw(st.sampled_from(AGGREGATES))
            text += code
            expected.append((code, None, weight, position))
        elif kind == "measure":
            letter, primes = draw(MEASURES)
            text += draw(measure_spelling(letter, primes))
            expected.append((letter + "'" * primes, None, weight, position))
        else:
            (l1, p1), (l2, p2) = sorted([draw(MEASURES), draw(MEASURES)], key=lambda m: (m[1], m[0]))
            keyword = draw(st.sampled_from(["t/m", "T/M", "t.e.m.", "tot en met", "t / m"]))
            text += f"{draw(measure_spelling(l1, p1))} {keyword} {draw(measure_spelling(l2, p2))}"
            expected.append((l1 + "'" * p1, l2 + "'" * p2, weight, position))
    text += draw(st.sampled_from(["", " ", "\t"]))
    return text, expected


@settings(max_examples=400, deadline=None)
@given(well_formed())
def test_fuzz_well_formed_formulas_parse_to_their_terms(case: tuple[str, list[tuple[str, str | None, float, int]]]) -> None:
    text, expected = case
    got = shape(parse(text))
    assert [(f, last, p) for f, last, _, p in got] == [(f, last, p) for f, last, _, p in expected]
    assert [w for *_, w, _ in got] == pytest.approx([w for *_, w, _ in expected])


# --------------------------------------------------------------------------------------------
# the measure table
# --------------------------------------------------------------------------------------------

HEADER = ["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023"]


def raw(rows: list[list[Any]], header: list[Any] | None = None, top: int = 0, left: int = 0,
        sheet: str = "Maatregelen") -> RawTable:
    """A RawTable as an adapter would hand it over (header at sheet row ``top``, column ``left``)."""
    return RawTable(sheet, top, left, list(header or HEADER), rows)


def located(problems: list[Problem]) -> set[tuple[str, Severity]]:
    """(location, severity) of every problem."""
    return {(p.location, p.severity) for p in problems}


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the errors."""
    return [p for p in problems if p.severity is Severity.ERROR]


def row_of(table: MeasureTable, code: str) -> int:
    """Row index of a code, which must exist."""
    index = table.index_of(code)
    assert index is not None, code
    return index


def test_valid_table() -> None:
    table, problems = parse_table(raw([
        ["IND", "individueel", "a t/m f", None, None],
        ["DGK", "doelgroepen", "a + b + c", None, None],
        ["a", "A", None, 10, 100],
        ["b", "B", "", 0, 200],
        ["c", "C", None, "", 300],
        ["f", "SINE", None, 5, 50],
        ["trede 5", "trede", "DGK + 40% f", None, None],
    ]))
    assert problems == []
    assert table.regions == ["Limburg", "Vlaams Gewest"]
    assert table.years == [2023]
    assert table.columns == [("Limburg", 2023), ("Vlaams Gewest", 2023)]
    # empty cells are no data (NaN), a typed 0 stays 0
    assert table.figures[row_of(table, "b"), 0] == 0
    assert np.isnan(table.figures[row_of(table, "c"), 0])
    assert np.isnan(table.figures[row_of(table, "DGK"), 0])
    assert table.rows[row_of(table, "DGK")].is_aggregate
    assert not table.rows[row_of(table, "a")].is_aggregate
    # "a t/m f" runs over the measures present: a, b, c, f (d and e are not in the table)
    ind, dgk, rung = row_of(table, "IND"), row_of(table, "DGK"), row_of(table, "trede 5")
    assert table.terms[ind] == [(row_of(table, c), 1.0) for c in "abcf"]
    assert table.terms[dgk] == [(row_of(table, c), 1.0) for c in "abc"]
    assert [j for j, _ in table.terms[rung]] == [dgk, row_of(table, "f")]
    assert [w for _, w in table.terms[rung]] == pytest.approx([1.0, 0.4])
    # DGK is evaluated before trede 5, which refers to it
    assert table.evaluation_order.index(dgk) < table.evaluation_order.index(rung)


def test_range_endpoint_absent_from_the_table_is_an_unknown_code() -> None:
    """Codes between the endpoints may be absent; an endpoint itself must exist (typo guard)."""
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["SOM", "", "a t/m e", None, None],
    ]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!C3", Severity.ERROR)]
    assert "'e'" in problems[0].message


def test_ranges_follow_code_order_not_table_order() -> None:
    """``y t/m b'`` takes y, z, a', b' wherever they stand; not x, c' nor the unrelated rows."""
    table, problems = parse_table(raw([
        ["b'", "", None, 1, 1],
        ["x", "", None, 1, 1],
        ["z", "", None, 1, 1],
        ["c'", "", None, 1, 1],
        ["a'", "", None, 1, 1],
        ["y", "", None, 1, 1],
        ["SOM", "", "y t/m b'", None, None],
    ]))
    assert problems == []
    taken = {table.rows[j].code for j, _ in table.terms[row_of(table, "SOM")]}
    assert taken == {"y", "z", "a'", "b'"}


def test_references_are_case_and_prime_insensitive() -> None:
    table, problems = parse_table(raw([
        ["d'", "", None, 1, 1],
        ["Trede 5", "", "D’", None, None],
        ["totaal", "", "TREDE 5", None, None],
    ]))
    assert problems == []
    assert table.terms[row_of(table, "totaal")] == [(row_of(table, "trede 5"), 1.0)]
    assert table.terms[row_of(table, "trede 5")] == [(row_of(table, "d'"), 1.0)]


def test_unknown_code_names_the_formula_cell() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["SOM", "som", "a + q", None, None],
    ]))
    assert len(problems) == 1
    (problem,) = problems
    assert problem.location == "Maatregelen!C3"
    assert problem.severity is Severity.ERROR
    assert "'a + q'" in problem.message and "'q'" in problem.message


def test_unknown_code_in_a_shifted_table() -> None:
    """A table whose header sits at C3 (top=2, left=2): its Formule column is E, first body row 4."""
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["SOM", "som", "a + DGK", None, None],
    ], top=2, left=2))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!E5", Severity.ERROR)]
    assert "'DGK'" in problems[0].message


def test_syntax_error_is_located_at_the_formula_cell() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["b", "B", None, 1, 2],
        ["SOM", "som", "a + + b", None, None],
    ]))
    (problem,) = problems
    assert (problem.location, problem.severity) == ("Maatregelen!C4", Severity.ERROR)
    assert problem.message.startswith("formule 'a + + b': op positie 5")


def test_self_reference() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["SOM", "som", "a + SOM", None, None],
    ]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!C3", Severity.ERROR)]
    assert "eigen rij" in problems[0].message


def test_two_cycle_is_reported_as_kringverwijzing() -> None:
    _table, problems = parse_table(raw([
        ["X", "x", "Y", None, None],
        ["Y", "y", "X", None, None],
        ["a", "A", None, 1, 2],
    ]))
    found = errors(problems)
    assert len(found) == 1, problems  # one cycle, reported once
    (problem,) = found
    assert "kringverwijzing" in problem.message
    assert problem.location in {"Maatregelen!C2", "Maatregelen!C3"}
    assert "x" in problem.message.casefold() and "y" in problem.message.casefold()


def test_three_cycle_through_multiword_codes() -> None:
    _table, problems = parse_table(raw([
        ["trede 1", "", "trede 2 + a", None, None],
        ["trede 2", "", "trede 3", None, None],
        ["trede 3", "", "trede 1", None, None],
        ["a", "A", None, 1, 2],
    ]))
    assert len(problems) == 1
    (problem,) = problems
    assert problem.severity is Severity.ERROR
    assert problem.location in {"Maatregelen!C2", "Maatregelen!C3", "Maatregelen!C4"}
    assert "kringverwijzing" in problem.message
    assert all(f"trede {n}" in problem.message for n in (1, 2, 3))


def test_duplicate_code() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["b", "B", None, 1, 2],
        ["a", "A again", None, 3, 4],
    ]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!A4", Severity.ERROR)]
    assert "'a'" in problems[0].message and "Maatregelen!A2" in problems[0].message


def test_duplicate_aggregate_code_differing_in_case() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["DGK", "", "a", None, None],
        ["dgk", "", "a", None, None],
    ]))
    assert [(p.location, p.severity) for p in errors(problems)] == [("Maatregelen!A4", Severity.ERROR)]


def test_text_in_a_figure_cell_is_an_error_at_that_cell() -> None:
    _table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        ["b", "B", None, 3, "nb"],
    ]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!E3", Severity.ERROR)]
    assert "'nb'" in problems[0].message


def test_number_typed_as_dutch_text_is_a_warning_and_read() -> None:
    table, problems = parse_table(raw([
        ["a", "A", None, "1.234", 2],
        ["b", "B", None, "12,5", " 7 "],
    ]))
    assert located(problems) == {
        ("Maatregelen!D2", Severity.WARNING),
        ("Maatregelen!D3", Severity.WARNING),
        ("Maatregelen!E3", Severity.WARNING),
    }
    assert table.figures[0, 0] == 1234
    assert table.figures[1, 0] == 12.5
    assert table.figures[1, 1] == 7


@pytest.mark.parametrize("cell", [-1, "-3", True, float("inf"), float("nan"), "1.5", "twaalf", "12%"])
def test_impossible_figures_are_errors(cell: Any) -> None:
    _table, problems = parse_table(raw([["a", "A", None, cell, 2]]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!D2", Severity.ERROR)]


def test_missing_formule_column() -> None:
    _table, problems = parse_table(raw(
        [["a", "A", 1, 2]],
        header=["Code", "Omschrijving", "Limburg 2023", "Vlaams Gewest 2023"],
    ))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!A1", Severity.ERROR)]
    assert "'Formule'" in problems[0].message


def test_missing_columns_located_at_the_table_corner() -> None:
    _table, problems = parse_table(raw([], header=["Omschrijving", "Limburg 2023"], top=4, left=3))
    assert located(problems) == {("Maatregelen!D5", Severity.ERROR)}
    messages = " ".join(p.message for p in problems)
    assert "'Code'" in messages and "'Formule'" in messages


def test_column_headers_are_case_insensitive() -> None:
    _table, problems = parse_table(raw([["a", "A", None, 1, 2]],
                                      header=["code", "OMSCHRIJVING", "formule", "Limburg 2023", "Vlaams Gewest 2023"]))
    assert problems == []


def test_duplicated_region_year_column() -> None:
    table, problems = parse_table(raw(
        [["a", "A", None, 1, 2, 3]],
        header=["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023", "Limburg  2023"],
    ))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!F1", Severity.ERROR)]
    assert "Limburg 2023" in problems[0].message
    assert table.columns == [("Limburg", 2023), ("Vlaams Gewest", 2023)]


def test_no_figure_columns() -> None:
    _table, problems = parse_table(raw([["a", "A", None]], header=["Code", "Omschrijving", "Formule"]))
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!A1", Severity.ERROR)]


def test_row_without_code_or_formula_and_invalid_code() -> None:
    _table, problems = parse_table(raw([
        [None, "only a label", None, 1, 2],
        ["1x", "bad code", None, 1, 2],
    ]))
    assert located(problems) == {("Maatregelen!A2", Severity.ERROR), ("Maatregelen!A3", Severity.ERROR)}


def test_empty_rows_are_skipped_but_addresses_still_count_them() -> None:
    table, problems = parse_table(raw([
        ["a", "A", None, 1, 2],
        [None, "", None, None, ""],
        ["SOM", "", "a + q", None, None],
    ]))
    assert len(table.rows) == 2
    assert [(p.location, p.severity) for p in problems] == [("Maatregelen!C4", Severity.ERROR)]


def test_quoted_sheet_name_in_addresses() -> None:
    _table, problems = parse_table(raw([["a", "A", None, "nb", 2]], sheet="Mijn cijfers"))
    assert [p.location for p in problems] == ["'Mijn cijfers'!D2"]


def test_every_problem_is_collected() -> None:
    """Eleven faults in one table: all of them are reported, each at its own cell."""
    header = ["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023", "Limburg 2023"]
    table, problems = parse_table(raw([
        ["a", "A", None, "nb", 2, 0],          # row 2: D2 text; F2 is the ignored duplicate column
        ["b", "B", None, "1.234", -5, 0],      # row 3: D3 warning, E3 negative
        ["a", "A twice", None, 1, 1, 0],       # row 4: A4 duplicate code
        ["SOM", "", "a + q", None, None, 0],   # row 5: C5 unknown code q
        ["ZELF", "", "ZELF + b", None, None],  # row 6: C6 self-reference
        ["P", "", "a t/m", None, None],        # row 7: C7 syntax error
        ["XA", "", "YB", None, None],          # rows 8-9: a cycle
        ["YB", "", "XA", None, None],
        [None, "lost", None, 1, 1],            # row 10: A10 no code, no formula
        ["c", "C", None, 1, "x"],              # row 11: E11 text
    ], header=header))
    expected_errors = {
        "Maatregelen!F1", "Maatregelen!D2", "Maatregelen!E3", "Maatregelen!A4", "Maatregelen!C5",
        "Maatregelen!C6", "Maatregelen!C7", "Maatregelen!A10", "Maatregelen!E11",
    }
    got_errors = {p.location for p in errors(problems)}
    cycle = got_errors - expected_errors
    assert expected_errors <= got_errors
    assert len(cycle) == 1 and cycle <= {"Maatregelen!C8", "Maatregelen!C9"}
    assert ("Maatregelen!D3", Severity.WARNING) in located(problems)
    # every row is kept (table order) so later steps can still name them
    assert len(table.rows) == 10
