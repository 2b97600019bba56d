"""Context figures the publication relates the ladder to: populations per region and year, and
trede 3 by sector. Each lives in an Excel table of its own, with the same ``<Regio> <Jaar>``
columns as the measure table.

- ``Context``: ``Code``, ``Omschrijving`` (and optionally ``Bron``), then figures; the codes the
  tool uses are :data:`PLACES` (places on treden 5+4+3 where the measure table has no column:
  sub-regions, earlier editions), ``plaatsen_trede<N>`` (per rung, likewise), :data:`SALARIED`
  (bezoldigde tewerkstelling), :data:`JOB_SEEKERS` (wzw), :data:`PUBLISHED_SHARE` (a share
  of the reference region printed where its total is not) and the evolutions printed where the
  tables cannot derive them (:data:`PUBLISHED_EVOLUTION_PLACES`, :data:`PUBLISHED_EVOLUTION_SALARIED`).
  A row's code says how its figures read (:func:`reader`): counts, percentages, evolutions, ratios.
- ``Sectoren``: ``Sector``, then figures (trede 3 by sector).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import codes, names
from .cells import Where, as_read, cell_text, invisible_note, is_blank
from .figures import Figure, read_evolution, read_figure, read_ratio, read_share
from .problems import BadCell, Problem, Severity, quoted, reporter
from .table import CODE, LABEL, RawTable, Report, columns_of, figures_of, where_of

CONTEXT_TABLE, SECTORS_TABLE = "Context", "Sectoren"
SOURCE, SECTOR = "Bron", "Sector"
SALARIED, JOB_SEEKERS, PUBLISHED_SHARE = "loontrekkenden", "wzw", "aandeel_referentie"
PUBLISHED_EVOLUTION_PLACES, PUBLISHED_EVOLUTION_SALARIED = "evolutie_plaatsen", "evolutie_loontrekkenden"
"""Evolutions (in %) printed where the tables cannot derive them: the previous year's total is not in
the measure table, or the salaried employment of the previous year is not in Context."""
PLACES = "plaatsen"


def rung_places(rung: int) -> str:
    """The context code of the places on one rung."""
    return f"{PLACES}_trede{rung}"


@dataclass
class FigureTable:
    """Rows (by key) of figures per region and year; NaN = no data."""

    keys: list[str]
    labels: list[str]
    columns: list[tuple[str, int]]
    figures: np.ndarray
    where: Where = field(default_factory=Where)
    sources: list[str] = field(default_factory=list)
    """Each row's ``Bron`` (empty where the table has no such column or the cell is empty)."""

    def cell(self, key: str, region: str, year: int) -> str:
        """Address of one figure's cell; empty when the row or column is absent."""
        row, col = self._rows.get(codes.key(key)), self._columns.get((region, year))
        return "" if row is None or col is None else self.where.cell(row, col)

    def source(self, key: str) -> str:
        """The ``Bron`` of a row, empty without one."""
        row = self._rows.get(codes.key(key))
        return self.sources[row] if row is not None and row < len(self.sources) else ""

    def get(self, key: str, region: str, year: int) -> float:
        """One figure, NaN when the row, the column or the cell is absent."""
        row, col = self._rows.get(codes.key(key)), self._columns.get((region, year))
        return math.nan if row is None or col is None else float(self.figures[row, col])

    @functools.cached_property
    def _rows(self) -> dict[str, int]:
        return {codes.key(k): i for i, k in reversed(list(enumerate(self.keys)))}  # the first row of a key wins

    @functools.cached_property
    def _columns(self) -> dict[tuple[str, int], int]:
        return {key: k for k, key in enumerate(self.columns)}


@dataclass
class Context:
    """The context tables of a workbook; either may be absent."""

    indicators: FigureTable | None = None
    sectors: FigureTable | None = None


KNOWN = (PLACES, *(rung_places(rung) for rung in (5, 4, 3)), SALARIED, JOB_SEEKERS, PUBLISHED_SHARE,
         PUBLISHED_EVOLUTION_PLACES, PUBLISHED_EVOLUTION_SALARIED)
"""The context codes the tool itself uses; other codes are the analyst's own (for ``LADDER_VERHOUDING``)."""


def is_share(code: str) -> bool:
    """True for a row of percentages from 0 to 100: ``aandeel_…`` or ``…graad`` (werkzaamheidsgraad)."""
    key = codes.key(code)
    return key.startswith("aandeel") or key.endswith("graad")


def reader(code: str) -> Callable[[object], Figure]:
    """How a row's figures are read, by its code: percentages, evolutions (``evolutie_…``, may be
    negative), ratios (``verhouding_…``, decimals), else counts of people."""
    key = codes.key(code)
    if key.startswith("evolutie"):
        return read_evolution
    if key.startswith("verhouding"):
        return read_ratio
    return read_share if is_share(code) else read_figure



def _cell(row: list[Any], col: int | None) -> Any:
    """A row's cell as the core reads it, None where the row is short or the column absent."""
    return as_read(row[col]) if col is not None and col < len(row) else None


def parse_figures(raw: RawTable, name: str, key: str, label: str | None,
                  known: tuple[str, ...] = ()) -> tuple[FigureTable, list[Problem]]:
    """A table of figures keyed by its ``key`` column; every problem collected.

    Figures are read by the same rules as the measure table (:func:`table.figures_of`); a key typed
    twice (also when spelt differently: :func:`names.fold`) is refused, and so is a key that is a near
    miss of one of the ``known`` codes, whose figures would otherwise silently go unused.
    """
    problems: list[Problem] = list(raw.problems)
    report = reporter(problems)
    required = (key, label) if label else (key,)
    columns = columns_of(raw, report, required=required, table_name=name, optional=(SOURCE,))
    seen: dict[str, tuple[str, str]] = {}
    keys, labels, values, rows, sources = [], [], [], [], []
    for r, row in enumerate(raw.rows):
        typed = _key(raw, r, row, columns.named, key, report)
        if typed is None:
            unusable = isinstance(_cell(row, columns.named.get(key)), BadCell)  # reported as such
            if not unusable and any(not is_blank(_cell(row, c)) for c in columns.positions):
                report(raw.cell(r, columns.named.get(key, 0)), f"rij zonder {key.lower()} in de tabel {name}")
            continue
        _check_key(typed, raw.cell(r, columns.named.get(key, 0)), key, known, seen, report)
        keys.append(typed)
        rows.append(r)
        labels.append(cell_text(_cell(row, columns.named.get(label))) or typed if label else typed)
        sources.append(cell_text(_cell(row, columns.named.get(SOURCE))))
        values.append(figures_of(raw, r, row, columns.positions, report, reader(typed)))
    figures = np.array(values, dtype=float).reshape(len(keys), len(columns.keys))
    return FigureTable(keys, labels, columns.keys, figures, where_of(raw, rows, columns.positions), sources), problems


def _key(raw: RawTable, r: int, row: list[Any], named: dict[str, int], key: str, report: Report) -> str | None:
    """A row's key (code or sector) as typed, normalised; None when empty. An unusable key or label cell
    (an Excel error) is an error: the row's figures would silently count under no name."""
    for column in named.values():
        if isinstance(cell := _cell(row, column), BadCell):
            report(raw.cell(r, column), cell.reason)
    cell = _cell(row, named.get(key))
    if note := invisible_note(cell):
        report(raw.cell(r, named.get(key, 0)), f"{key.lower()} {note}", Severity.WARNING)
    return codes.normalize(cell_text(cell)) or None


TOTALS = ("totaal", "total", "som", "samen", "allesectoren", "trede3")
"""Folded names of a row that sums the others: in ``Sectoren`` it would count as a sector, doubling the total."""


def _check_key(typed: str, at: str, key: str, known: tuple[str, ...], seen: dict[str, tuple[str, str]],
               report: Report) -> None:
    """A key typed twice (in any spelling), a near miss of a code the tool uses, or a total among the
    sectors is an error."""
    folded = names.fold(typed)
    if key == SECTOR and (folded in TOTALS or folded.startswith(TOTALS[0])):
        report(at, f"sector {quoted(typed)} lijkt een totaal: ze zou als sector meetellen en het totaal verdubbelen; "
                   "laat de rij weg (de sectoren worden opgeteld) of zet ze onder de tabel")
    if folded in seen:
        other, where = seen[folded]
        same = "" if codes.key(other) == codes.key(typed) else f" (als {quoted(other)})"
        report(at, f"{key.lower()} {quoted(typed)} komt al voor in {where}{same}: elke {key.lower()} één rij")
    else:
        seen[folded] = (typed, at)
    if known and codes.key(typed) not in {codes.key(k) for k in known} and (meant := names.closest(typed, known)):
        report(at, f"onbekende {key.lower()} {quoted(typed)}: bedoelt u '{meant}'? (de cijfers van deze rij "
                   "worden nu niet gebruikt)")


def parse(tables: dict[str, RawTable]) -> tuple[Context, list[Problem]]:
    """The context tables present in a workbook (by table name)."""
    context, problems = Context(), []
    if CONTEXT_TABLE in tables:
        context.indicators, found = parse_figures(tables[CONTEXT_TABLE], CONTEXT_TABLE, CODE, LABEL, KNOWN)
        problems += found
    if SECTORS_TABLE in tables:
        context.sectors, found = parse_figures(tables[SECTORS_TABLE], SECTORS_TABLE, SECTOR, None)
        problems += found
    return context, problems
