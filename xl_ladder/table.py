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
from .cells import Where, address, as_read, cell_text, invisible_note, is_blank
from .figures import Figure, dutch, read_cells
from .problems import BadCell, Problem, Severity, quoted, reporter

TABLE_NAME = "Maatregelen"
CODE, LABEL, FORMULA = "Code", "Omschrijving", "Formule"
REQUIRED = (CODE, LABEL, FORMULA)
FIRST_YEAR, LAST_YEAR = 1900, 2100
"""Years a figure column may carry: a typo outside them would silently be the latest or earliest year."""
_FIGURE_HEADER = re.compile(r"^(?P<region>.*\S)\s+(?P<year>\d{4})$")
_YEARISH = re.compile(r"[0-9OoIl]{3,6}")
"""A number that may be a year typed wrong: ``2O20`` (letter O), ``20l9`` (letter l), ``202``, ``20202``."""
_RENAMED_TWIN = re.compile(r"^(?P<region>.*\S)\s+(?P<year>\d{4})\d+$")
"""What Excel makes of a title typed twice in one table: ``West-Vlaanderen 2020`` becomes ``West-Vlaanderen 20202``."""
_LOOKALIKE_DIGITS = str.maketrans("OoIl", "0011")
_AROUND = " _-/.,;:*()[]'\""
"""What may stand between a region and a year typed wrong (``West-Vlaanderen_2020``, ``(2020)``, ``2020.``)."""

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
    names: tuple[str, ...] | None = None
    """The table's own column names, where the file keeps them apart from the header cells (other programs
    can change one and not the other); None where the backend has only the cells (live Excel keeps both equal)."""

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
    where: Where = field(default_factory=Where)

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


def _near_miss(title: str, regions: set[str]) -> tuple[bool, str | None]:
    """Whether a header that is no ``<Regio> <Jaar>`` looks like one (a year-like number, or a region of the
    table in it), and the title it probably meant: its figures would otherwise silently go unread."""
    for match in _YEARISH.finditer(title):
        if sum(c.isdigit() for c in match[0]) < 2:
            continue
        year = match[0].translate(_LOOKALIKE_DIGITS)
        region = title[:match.start()].strip(_AROUND) or title[match.end():].strip(_AROUND)
        plausible = len(year) == 4 and FIRST_YEAR <= int(year) <= LAST_YEAR
        return True, f"{region} {year}" if region and plausible else None
    folded = title.casefold()
    return any(region.casefold() in folded for region in regions), None


def _title(raw: RawTable, i: int, at: Callable[[int], str], report: Report) -> str | None:
    """The title of header column ``i`` as the tool reads it; None (reported) when the header cell and the
    table's own column name disagree: which one is right cannot be told."""
    cell = as_read(raw.header[i])
    if isinstance(cell, BadCell):  # read as empty, it would be blamed on the table's column name (issue 27)
        report(at(i), f"kolomkop: {cell.reason}; de kolom en haar cijfers worden niet gelezen")
        return None
    title = cell_text(cell)
    if raw.names is not None and i < len(raw.names) and cell_text(raw.names[i]) != title:
        report(at(i), f"kopcel {quoted(title) if title else '(leeg)'} verschilt van de kolomnaam "
                      f"{quoted(cell_text(raw.names[i]))} die de "
                      "tabel zelf bewaart (een ander programma paste er één aan): typ de kop opnieuw in Excel, dan "
                      "neemt de tabel hem over")
        return None
    if note := invisible_note(cell):
        report(at(i), f"kolomkop {note}", Severity.WARNING)
    return title


def _unknown_columns(raw: RawTable, unknown: dict[int, str], found: _Columns, expected: str,
                     at: Callable[[int], str], report: Report) -> None:
    """An error for a header that nearly is ``<Regio> <Jaar>``; a warning for any other column left out,
    naming a number in it (its figures may belong to a region whose title was lost)."""
    for i, title in unknown.items():
        near, meant = _near_miss(title, {region for region, _ in found.keys})
        hint = f"; bedoelt u {quoted(meant)}?" if meant else ""
        if (twice := _RENAMED_TWIN.match(title)) and (twice["region"], int(twice["year"])) in found.first:
            hint = (f"; zo noemt Excel een tweede kolom {quoted(twice['region'] + ' ' + twice['year'])}: staat die "
                    "kolom er twee keer?")
        if near:
            report(at(i), f"kolom {quoted(title)} lijkt een cijferkolom maar is geen '<Regio> <Jaar>' (bv. "
                          f"'West-Vlaanderen 2020'): haar cijfers worden niet gelezen{hint}")
            continue
        number = next((r for r, row in enumerate(raw.rows) if i < len(row) and type(row[i]) in (int, float)), None)
        held = "" if number is None else (f" (ze bevat getallen, bv. {raw.cell(number, i)}: horen ze bij een regio "
                                          "en jaar, geef de kolom dan een titel als 'West-Vlaanderen 2021')")
        shown = f"kolom {quoted(title)}" if title else "kolom zonder titel"
        report(at(i), f"{shown} wordt genegeerd: geen {expected} of '<Regio> <Jaar>'{held}", Severity.WARNING)


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
    for i in range(len(raw.header)):
        title = _title(raw, i, at, report)
        if title is None:
            continue
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
    _unknown_columns(raw, unknown, found, ", ".join(required + optional), at, report)
    if not found.keys:
        report(start, "geen kolommen met cijfers ('<Regio> <Jaar>', bv. 'West-Vlaanderen 2020')")
    return found


def figures_of(raw: RawTable, r: int, body: list[Any], positions: list[int], report: Report,
               read: Callable[[object], Figure] | None = None) -> np.ndarray:
    """The figures of body row ``r`` in the given columns (NaN = no data), each problem reported at its cell:
    one reader for the rows of every table."""
    cells = (list(map(body.__getitem__, positions)) if len(body) > max(positions, default=-1) else  # twice as fast
             [body[col] if col < len(body) else None for col in positions])
    values, told = read_cells(cells, read)
    for k, figure in told:
        if figure.error:
            report(raw.cell(r, positions[k]), figure.error)
        if figure.warning:
            report(raw.cell(r, positions[k]), figure.warning, Severity.WARNING)
    return values


def where_of(raw: RawTable, rows: list[int], positions: list[int]) -> Where:
    """Where the figures of a parsed table stand (``rows``: the body row of each kept row)."""
    return Where(raw.sheet, raw.top, raw.left, tuple(rows), tuple(positions))


def no_header(sheet: str, top: int, left: int, name: str) -> RawTable:
    """An input table whose header row is switched off (Tabelontwerp → Kopregel): an error, on every path."""
    return RawTable(sheet, top, left, [], [], (Problem(
        Severity.ERROR, address(sheet, top, left),
        f"de tabel {name} heeft geen kopregel: zet ze aan (Tabelontwerp → Kopregel), de kolommen worden aan hun "
        "titel herkend"),))


def outside(sheet: str, name: str, filled: set[tuple[int, int]], below: int, right: int) -> list[Problem]:
    """A warning at the first filled cell of the row under the table (``below``, past Excel's totals row) and
    of the column beside it, or after an empty one: a value typed there is left out, perhaps by mistake.

    ``filled`` holds the (row, column) of the filled cells around the table, as any backend sees them.
    """
    beside = min((cell for cell in filled if cell[1] == right + 1), default=None)
    cells = [min((cell for cell in filled if cell[0] == below), default=None, key=lambda cell: cell[1]),
             beside or min((cell for cell in filled if cell[1] == right + 2), default=None)]
    return [Problem(Severity.WARNING, address(sheet, *cell),
                    f"deze cel ligt net buiten de tabel {name} en wordt genegeerd: vergroot de tabel "
                    "(sleep de hoek rechtsonder) als ze erbij hoort") for cell in dict.fromkeys(cells) if cell]


def parse(raw: RawTable) -> tuple[MeasureTable, list[Problem]]:
    """Validate ``raw`` and build the table; every problem is collected, none raised."""
    problems: list[Problem] = list(raw.problems)
    report = reporter(problems)
    columns = columns_of(raw, report)
    rows: list[Row] = []
    values: list[np.ndarray] = []
    formula_cells: list[str] = []
    seen: dict[str, str] = {}
    body_rows: list[int] = []
    for r, body in enumerate(raw.rows):
        if all(is_blank(c) for c in body):
            continue
        row, formula_cell = _row(raw, r, body, columns.named, seen, report)
        rows.append(row)
        body_rows.append(r)
        formula_cells.append(formula_cell)
        values.append(figures_of(raw, r, body, columns.positions, report))
    figures = np.array(values, dtype=float).reshape(len(rows), len(columns.keys))
    table = MeasureTable(rows, columns.keys, figures, where=where_of(raw, body_rows, columns.positions))
    if not rows and not problems:
        report(address(raw.sheet, raw.top, raw.left), f"de tabel {TABLE_NAME} heeft geen rijen")
    _resolve(table, formula_cells, report)
    return table, problems


def _row(raw: RawTable, r: int, body: list[Any], named: dict[str, int], seen: dict[str, str],
         report: Report) -> tuple[Row, str]:
    """Body row ``r`` as a row of the table (code, label, formula), and the address of its formula cell."""
    cell = {name: as_read(body[named[name]]) if named.get(name, len(body)) < len(body) else None for name in REQUIRED}
    at = {name: raw.cell(r, named.get(name, 0)) for name in REQUIRED}
    for name, value in cell.items():
        if isinstance(value, BadCell):
            report(at[name], value.reason)
    formula_text = cell_text(cell[FORMULA])
    code = _code(cell[CODE], at[CODE], bool(formula_text), seen, report)
    formula = None
    if formula_text:
        try:
            formula = notation.parse(formula_text)
        except notation.NotationError as error:
            report(at[FORMULA], str(error))
    elif code is None:
        if not isinstance(cell[CODE], BadCell):  # reported as such
            report(raw.cell(r, 0), "rij zonder code en zonder formule: een maatregel heeft een code, een totaal een "
                                   "formule")
    elif FORMULA in named and codes.is_valid(code) and not codes.is_measure_code(code) \
            and not isinstance(cell[FORMULA], BadCell):
        report(at[CODE], _not_a_measure(code))
    return Row(code, cell_text(cell[LABEL]), formula, raw.cell(r, 0)), at[FORMULA]


def _code(cell: Any, at: str, has_formula: bool, seen: dict[str, str], report: Report) -> str | None:
    """A row's code, normalised and checked (valid, not seen before, a measure code not on a formula row)."""
    typed = cell_text(cell)
    if not typed:
        return None
    code = codes.normalize(typed)
    if note := invisible_note(cell):
        report(at, f"code {note}", Severity.WARNING)
    if not codes.is_valid(code):
        report(at, f"{quoted(code)} is geen geldige code (a … z, a' … of een woord zoals 'trede 5')")
    elif codes.key(code) in seen:
        report(at, f"code {quoted(code)} komt al voor in {seen[codes.key(code)]}")
    else:
        seen[codes.key(code)] = at
    if codes.is_measure_code(code) and code != typed:
        report(at, f"code {quoted(typed)} gelezen als '{code}'", Severity.WARNING)
    if codes.is_measure_code(code) and has_formula:
        report(at, f"maatregelcode '{code}' op een rij met formule: de rij is een totaal en telt niet mee in "
                   "bereiken (t/m); geef ze een code zoals 'DGK' of maak de formule leeg", Severity.WARNING)
    return code


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
