"""The measure table (``Maatregelen``) as the core sees it, parsed and validated.

Adapters hand over a :class:`RawTable` — plain cell values plus where they sit — so the same
validation serves the file reader, live Excel and the worksheet functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codes, notation
from .cells import address
from .figures import read_figure
from .problems import Problem, Severity

TABLE_NAME = "Maatregelen"
CODE, LABEL, FORMULA = "Code", "Omschrijving", "Formule"
REQUIRED = (CODE, LABEL, FORMULA)
_FIGURE_HEADER = re.compile(r"^(?P<region>.*\S)\s+(?P<year>\d{4})$")


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

    def index_of(self, code: str) -> int | None:
        """Row index of a code (case-insensitive), or None."""
        wanted = codes.key(code)
        for index, row in enumerate(self.rows):
            if row.code is not None and codes.key(row.code) == wanted:
                return index
        return None


def _text(cell: Any) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def parse(raw: RawTable) -> tuple[MeasureTable, list[Problem]]:
    """Validate ``raw`` and build the table; every problem is collected, none raised."""
    problems: list[Problem] = []

    def report(location: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, location, message))

    header_at = {i: address(raw.sheet, raw.top, raw.left + i) for i in range(len(raw.header))}
    named: dict[str, int] = {}
    columns: list[tuple[str, int]] = []
    figure_cols: list[int] = []
    for i, cell in enumerate(raw.header):
        title = _text(cell)
        fixed = next((name for name in REQUIRED if name.casefold() == title.casefold()), None)
        match = _FIGURE_HEADER.match(title)
        if fixed:
            named[fixed] = i
        elif match:
            key = (match["region"], int(match["year"]))
            if key in columns:
                report(header_at[i], f"kolom '{title}' komt twee keer voor")
                continue
            columns.append(key)
            figure_cols.append(i)
    start = address(raw.sheet, raw.top, raw.left)
    for name in REQUIRED:
        if name not in named:
            report(start, f"kolom '{name}' ontbreekt in de tabel {TABLE_NAME}")
    if not columns:
        report(start, "geen kolommen met cijfers ('<Regio> <Jaar>', bv. 'West-Vlaanderen 2020')")

    rows: list[Row] = []
    values: list[list[float]] = []
    formula_cells: list[str] = []
    seen: dict[str, str] = {}
    for r, body in enumerate(raw.rows):
        get = lambda name: body[named[name]] if name in named and named[name] < len(body) else None  # noqa: E731
        if all(_text(c) == "" for c in body):
            continue
        code = codes.normalize(_text(get(CODE))) if _text(get(CODE)) else None
        label = _text(get(LABEL))
        formula_text = _text(get(FORMULA))
        code_at = raw.cell(r, named.get(CODE, 0))
        formula_at = raw.cell(r, named.get(FORMULA, 0))
        if code is not None:
            if not codes.is_valid(code):
                report(code_at, f"'{code}' is geen geldige code (a … z, a' … of een woord zoals 'trede 5')")
            elif codes.key(code) in seen:
                report(code_at, f"code '{code}' komt al voor in {seen[codes.key(code)]}")
            else:
                seen[codes.key(code)] = code_at
            if codes.is_measure_code(code) and code != _text(get(CODE)):
                report(code_at, f"code '{_text(get(CODE))}' gelezen als '{code}'", Severity.WARNING)
        formula = None
        if formula_text:
            try:
                formula = notation.parse(formula_text)
            except notation.NotationError as error:
                report(formula_at, str(error))
        elif code is None:
            report(raw.cell(r, 0), "rij zonder code en zonder formule")
        row_values = []
        for col in figure_cols:
            figure = read_figure(body[col] if col < len(body) else None)
            if figure.error:
                report(raw.cell(r, col), figure.error)
            if figure.warning:
                report(raw.cell(r, col), figure.warning, Severity.WARNING)
            row_values.append(np.nan if figure.value is None else figure.value)
        rows.append(Row(code, label, formula, raw.cell(r, 0)))
        values.append(row_values)
        formula_cells.append(formula_at)

    figures = np.array(values, dtype=float).reshape(len(rows), len(columns))
    table = MeasureTable(rows, columns, figures)
    if not rows and not problems:
        report(start, f"de tabel {TABLE_NAME} heeft geen rijen")
    _resolve(table, formula_cells, report)
    return table, problems


def expand(formula: notation.Formula, table: MeasureTable) -> tuple[list[tuple[int, float]], list[str]]:
    """The rows a formula adds up, as (row, weight) with ranges expanded in code order, and the unknown codes.

    Each unknown code is reported as ``"'<code>' (positie N)"``.
    """
    by_key = {codes.key(row.code): i for i, row in enumerate(table.rows) if row.code}
    measures = sorted(
        (codes.order(row.code), i) for i, row in enumerate(table.rows) if row.code and codes.is_measure_code(row.code)
    )
    refs: list[tuple[int, float]] = []
    unknown: list[str] = []
    for term in formula.terms:
        absent = [c for c in (term.first, term.last) if c is not None and codes.key(c) not in by_key]
        if absent:
            unknown.append(f"'{absent[0]}' (positie {term.position})")
        elif term.last is None:
            refs.append((by_key[codes.key(term.first)], term.weight))
        else:
            low, high = codes.order(term.first), codes.order(term.last)
            refs.extend((j, term.weight) for order, j in measures if low <= order <= high)
    return refs, unknown


def _resolve(table: MeasureTable, formula_cells: list[str], report: Any) -> None:
    """Expand every formula into weighted row references and order aggregates; report unknown codes and cycles."""
    for i, row in enumerate(table.rows):
        if row.formula is None:
            continue
        refs, unknown = expand(row.formula, table)
        for code in unknown:
            report(formula_cells[i], f"formule '{row.formula.text}': onbekende code {code}")
        if any(j == i for j, _ in refs):
            report(formula_cells[i], f"formule '{row.formula.text}' verwijst naar haar eigen rij")
            refs = [(j, w) for j, w in refs if j != i]
        table.terms[i] = refs
    table.evaluation_order = _topological(table, formula_cells, report)


def _topological(table: MeasureTable, formula_cells: list[str], report: Any) -> list[int]:
    """Order aggregates so references come first; report each cycle once."""
    order: list[int] = []
    state: dict[int, int] = {}  # 1 = visiting, 2 = done

    def visit(i: int, path: list[int]) -> None:
        state[i] = 1
        for j, _ in table.terms.get(i, []):
            if j not in table.terms:
                continue
            if state.get(j) == 1:
                cycle = path[path.index(j):] + [j]
                names = " → ".join(table.rows[k].code or table.rows[k].label for k in cycle)
                report(formula_cells[j], f"kringverwijzing: {names}")
            elif state.get(j) is None:
                visit(j, path + [j])
        state[i] = 2
        order.append(i)

    for i in table.terms:
        if i not in state:
            visit(i, [i])
    return order
