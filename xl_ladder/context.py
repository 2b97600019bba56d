"""Context figures the publication relates the ladder to: populations per region and year, and
trede 3 by sector. Each lives in an Excel table of its own, with the same ``<Regio> <Jaar>``
columns as the measure table.

- ``Context``: ``Code``, ``Omschrijving`` (and optionally ``Bron``), then figures; the codes the
  tool uses are :data:`PLACES` (places on treden 5+4+3 where the measure table has no column:
  sub-regions, earlier editions), ``plaatsen_trede<N>`` (per rung, likewise), :data:`SALARIED`
  (bezoldigde tewerkstelling), :data:`JOB_SEEKERS` (wzw) and :data:`PUBLISHED_SHARE` (a share
  of the reference region printed where its total is not).
- ``Sectoren``: ``Sector``, then figures (trede 3 by sector).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import codes, names
from .cells import cell_text, is_blank
from .figures import read_count, read_share
from .problems import BadCell, Problem, Severity, quoted
from .table import CODE, LABEL, RawTable, columns_of

CONTEXT_TABLE, SECTORS_TABLE = "Context", "Sectoren"
SOURCE, SECTOR = "Bron", "Sector"
SALARIED, JOB_SEEKERS, PUBLISHED_SHARE = "loontrekkenden", "wzw", "aandeel_referentie"
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


KNOWN = (PLACES, *(rung_places(rung) for rung in (5, 4, 3)), SALARIED, JOB_SEEKERS, PUBLISHED_SHARE)
"""The context codes the tool itself uses; other codes are the analyst's own (for ``LADDER_VERHOUDING``)."""


def is_share(code: str) -> bool:
    """True for a row of percentages (``aandeel_…``); every other row holds counts of people."""
    return codes.key(code).startswith("aandeel")


def _cell(row: list[Any], col: int | None) -> Any:
    """A row's cell, None where the row is short or the column absent."""
    return row[col] if col is not None and col < len(row) else None


def parse_figures(raw: RawTable, name: str, key: str, label: str | None,
                  known: tuple[str, ...] = ()) -> tuple[FigureTable, list[Problem]]:
    """A table of figures keyed by its ``key`` column; every problem collected.

    Figures are read by the same rules as the measure table (:mod:`figures`); a key typed twice
    (also when spelt differently: :func:`names.fold`) is refused, and so is a key that is a near
    miss of one of the ``known`` codes, whose figures would otherwise silently go unused.
    """
    problems: list[Problem] = list(raw.problems)

    def report(location: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, location, message))

    required = (key, label) if label else (key,)
    columns = columns_of(raw, report, required=required, table_name=name, optional=(SOURCE,))
    known_keys = {codes.key(k) for k in known}
    seen: dict[str, tuple[str, str]] = {}
    keys, labels, values = [], [], []
    for r, row in enumerate(raw.rows):
        cell = functools.partial(_cell, row)
        at = raw.cell(r, columns.named.get(key, 0))
        if isinstance(cell(columns.named.get(key)), BadCell):
            report(at, cell(columns.named.get(key)).reason)
        typed = codes.normalize(cell_text(cell(columns.named.get(key))))
        if not typed:
            if any(not is_blank(cell(c)) for c in columns.positions):
                report(at, f"rij zonder {key.lower()} in de tabel {name}")
            continue
        folded = names.fold(typed)
        if folded in seen:
            other, where = seen[folded]
            same = "" if codes.key(other) == codes.key(typed) else f" (als {quoted(other)})"
            report(at, f"{key.lower()} {quoted(typed)} komt al voor in {where}{same}: elke {key.lower()} één rij")
        else:
            seen[folded] = (typed, at)
        if known and codes.key(typed) not in known_keys and (meant := names.closest(typed, known)):
            report(at, f"onbekende {key.lower()} {quoted(typed)}: bedoelt u '{meant}'? (de cijfers van deze rij "
                       "worden nu niet gebruikt)")
        keys.append(typed)
        labels.append(cell_text(cell(columns.named.get(label))) or typed if label else typed)
        read = read_share if is_share(typed) else read_count
        line = []
        for col in columns.positions:
            figure = read(cell(col))
            if figure.error:
                report(raw.cell(r, col), figure.error)
            if figure.warning:
                report(raw.cell(r, col), figure.warning, Severity.WARNING)
            line.append(math.nan if figure.value is None else figure.value)
        values.append(line)
    figures = np.array(values, dtype=float).reshape(len(keys), len(columns.keys))
    return FigureTable(keys, labels, columns.keys, figures), problems


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
