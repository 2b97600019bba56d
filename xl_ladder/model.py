"""The ladder model: every row, region and year computed, compared and related.

All arithmetic runs on (rows × region-year columns) numpy matrices, one aggregate row at a
time in dependency order with all its terms at once, so the cost grows with the number of
aggregates, not of cells or terms.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from . import plausible, rungs, values
from .settings import Settings
from .table import MeasureTable

if TYPE_CHECKING:  # pandas is imported by tidy() alone: a refresh never needs it (issue 13)
    import pandas as pd

FIELDS = [
    "row", "label", "code", "kind", "formula", "trede", "region", "year",
    "value", "computed", "published", "complete", "missing", "known_sum", "gap",
    "share_pct", "evolution_pct", "distribution_pct",
]
"""Columns of the tidy result, in order; the first ones are the command-line contract."""


@dataclass(frozen=True)
class Lack:
    """The measures whose missing data leave one aggregate incomplete, and where."""

    parts: np.ndarray
    """Those measures (reached directly or through other aggregates) as places among the measure rows,
    ascending: table order."""
    gaps: np.ndarray
    """(part × hole) matrix: True where that measure's missing data leaves the aggregate incomplete.

    Only the lacking measures get a row: a matrix over every measure made this bookkeeping grow with
    aggregates × measures × holes (issue 13: it showed in the peak memory of bench/run.py's 10 × rows)."""


@dataclass
class Ladder:
    """Computed results of one table under one set of settings."""

    table: MeasureTable
    settings: Settings
    value: np.ndarray
    """Value used: the published total where given, else the computed one (if complete)."""
    computed: np.ndarray
    """Sum of the parts; NaN where a part is missing."""
    known_sum: np.ndarray
    """Sum of the parts that are known (equals ``computed`` when complete)."""
    published: np.ndarray
    holes: np.ndarray
    """Columns where some measure has no data: the only columns where a total can be incomplete."""
    lacks: dict[int, Lack]
    """Aggregate row → the measures whose missing data leave it incomplete, and where. Codes are named on
    demand (:meth:`missing`): a large table has thousands of such cells."""

    def missing(self, i: int, k: int) -> list[str]:
        """Codes of the measures without data that row ``i`` lacks in column ``k``, in table order.

        A measure without data lacks itself; a complete total lacks nothing (even if published).
        """
        if i not in self.lacks:
            return [self.table.rows[i].code or ""] if np.isnan(self.value[i, k]) else []
        at = np.searchsorted(self.holes, k)
        if at == len(self.holes) or self.holes[at] != k:
            return []
        lack = self.lacks[i]
        return [self._measure_codes[m] for m in lack.parts[lack.gaps[:, at]].tolist()]

    def incomplete_by_missing(self, i: int, among: np.ndarray | None = None) -> list[tuple[list[str], list[int]]]:
        """Aggregate row ``i``'s incomplete columns (of those ``among`` marks) grouped by the measures
        they lack, first column first.

        Grouped in numpy (each column's lack as a packed bit pattern), so a large table costs a
        few array calls per row and one name lookup per lacking measure and group.
        """
        lack, parts = self.lacks[i].gaps, self.lacks[i].parts
        wanted = lack.any(axis=0) if among is None else lack.any(axis=0) & among[self.holes]
        at = np.flatnonzero(wanted)
        if not len(at):
            return []
        bits = np.ascontiguousarray(np.packbits(lack[:, at], axis=0).T)
        _, first, which = np.unique(bits.view(np.dtype((np.void, bits.shape[1]))).ravel(),
                                    return_index=True, return_inverse=True)
        names: list[list[str]] = [[] for _ in first]
        for g, m in zip(*(found.tolist() for found in np.nonzero(lack[:, at[first]].T)), strict=True):  # by group, in table order
            names[g].append(self._measure_codes[parts[m]])
        columns: list[list[int]] = [[] for _ in first]
        for g, k in zip(which.tolist(), self.holes[at].tolist(), strict=True):
            columns[g].append(k)
        return [(names[g], columns[g]) for g in np.argsort(first).tolist()]

    @functools.cached_property
    def aggregate_rows(self) -> list[int]:
        """The aggregate rows, in table order."""
        return sorted(self.lacks)

    @functools.cached_property
    def incomplete(self) -> list[tuple[int, int]]:
        """(aggregate row, column) of every total that lacks data, in table order."""
        return [(i, int(self.holes[at])) for i in self.aggregate_rows for at in np.flatnonzero(self.lacks[i].gaps.any(axis=0))]

    @functools.cached_property
    def _measure_codes(self) -> list[str]:
        return [row.code or "" for row in self.table.rows if not row.is_aggregate]

    def column(self, region: str, year: int) -> int | None:
        """Index of the region-year column, or None if the table has none."""
        return self._column_index.get((region, year))

    @functools.cached_property
    def _column_index(self) -> dict[tuple[str, int], int]:
        return {key: k for k, key in enumerate(self.table.columns)}

    @functools.cached_property
    def differences(self) -> list[tuple[int, int, float, bool]]:
        """(row, column, sum, complete) where a published total differs by at least one unit from the
        sum of its parts (of its known parts when incomplete), in table order; found once."""
        rows = np.array(self.aggregate_rows, dtype=int)  # only aggregates are published
        complete = ~np.isnan(self.computed[rows])
        summed = np.where(complete, self.computed[rows], self.known_sum[rows])
        differs = values.differs(self.published[rows], summed)  # False wherever either side is missing
        return [(int(rows[a]), int(k), float(summed[a, k]), bool(complete[a, k]))
                for a, k in zip(*np.nonzero(differs), strict=True)]

    @functools.cached_property
    def unexplained(self) -> list[tuple[int, int, float, bool]]:
        """The :attr:`differences` that rounding and missing parts cannot explain (:func:`plausible.unexplained`):
        published figures that are probably typos, used as published and marked on the page.

        A total whose difference comes only from such a part (trede 5 mistyped, inside the grand total) is not
        flagged again: with the part's own sum in its place, it is explained.
        """
        flagged = plausible.typos(self.differences, self.table.evaluation_order, self.table.terms,
                                  self.published, self.value)
        return [d for d in self.differences if (d[0], d[1]) in flagged]

    @functools.cached_property
    def rung_rows(self) -> dict[int, int]:
        """Rung → row of its total (see :func:`rungs.rung_rows`), found once."""
        return rungs.rung_rows(self.table)

    @functools.cached_property
    def total_row(self) -> int | None:
        """Row of the grand total, found once."""
        return rungs.total_row(self.table)

    def tidy(self) -> pd.DataFrame:
        """One record per row × region × year with every figure of the contract."""
        return _tidy(self)


def compute(table: MeasureTable, settings: Settings) -> Ladder:
    """Compute aggregates, keeping published and computed totals side by side."""
    aggregate = np.array([row.is_aggregate for row in table.rows], dtype=bool)
    published = np.where(aggregate[:, None], table.figures, np.nan)
    value = np.where(aggregate[:, None], np.nan, table.figures)
    computed = value.copy()
    known_sum = value.copy()
    measure_rows = np.flatnonzero(~aggregate)
    holes = np.flatnonzero(np.isnan(value[measure_rows]).any(axis=0))
    slot = np.full(len(aggregate), -1)  # row → its place among the measures (a row of each lack matrix)
    slot[measure_rows] = np.arange(len(measure_rows))
    lacks: dict[int, Lack] = {}
    for i in table.evaluation_order:
        rows = [j for j, _ in table.terms[i]]
        weights = np.array([weight for _, weight in table.terms[i]])
        absent = np.isnan(value[rows])
        part = np.where(absent, known_sum[rows], value[rows])
        known = ~np.isnan(part)
        # Summed term by term in formula order (a reduction over the first axis), as written.
        total = np.add.reduce(weights[:, None] * np.where(known, part, 0.0), axis=0, initial=0.0)
        gaps = absent[:, holes]
        slots = slot[rows]
        measures = slots >= 0
        inherited = np.flatnonzero(~measures & gaps.any(axis=1))  # aggregate terms missing somewhere
        reached = np.zeros(len(measure_rows), dtype=bool)  # not np.unique: it imports numpy.ma (start-up)
        reached[slots[measures]] = True
        for at in inherited:
            reached[lacks[rows[at]].parts] = True
        parts = np.flatnonzero(reached)
        lack = np.zeros((len(parts), len(holes)), dtype=bool)
        lack[np.searchsorted(parts, slots[measures])] = gaps[measures]  # a measure named twice: the same gaps
        for at in inherited:
            lack[np.searchsorted(parts, lacks[rows[at]].parts)] |= lacks[rows[at]].gaps & gaps[at]
        lacking = lack.any(axis=1)
        lacks[i] = Lack(parts[lacking], lack[lacking])
        known_sum[i] = np.where(known.any(axis=0), total, np.nan)
        computed[i] = total
        computed[i, holes[lack.any(axis=0)]] = np.nan
        value[i] = np.where(np.isnan(published[i]), computed[i], published[i])
    return Ladder(table, settings, value, computed, known_sum, published, holes, lacks)


def _previous_columns(table: MeasureTable) -> list[int | None]:
    """For each column, the column of the same region in the latest earlier year (columns are unique)."""
    by_region: dict[str, list[tuple[int, int]]] = {}
    for k, (region, year) in enumerate(table.columns):
        by_region.setdefault(region, []).append((year, k))
    result: list[int | None] = [None] * len(table.columns)
    for found in by_region.values():
        found.sort()
        for (_, earlier), (_, k) in itertools.pairwise(found):
            result[k] = earlier
    return result


def _reference_columns(ladder: Ladder) -> list[int | None]:
    """For each column, the reference region's column of the same year (None for the reference itself)."""
    ref = ladder.settings.reference
    position = {key: k for k, key in enumerate(ladder.table.columns)}
    return [None if region == ref else position.get((ref, year)) for region, year in ladder.table.columns]


def _by_columns(matrix: np.ndarray, other: list[int | None],
                rule: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Apply an elementwise two-argument rule between each column and its partner column (NaN where none)."""
    result = np.full(matrix.shape, np.nan)
    pairs = [(k, partner) for k, partner in enumerate(other) if partner is not None]
    own, partners = [k for k, _ in pairs], [partner for _, partner in pairs]
    result[:, own] = rule(matrix[:, partners], matrix[:, own])
    return result


def _tidy(ladder: Ladder) -> pd.DataFrame:
    import pandas as pd  # only ``compute`` (the tidy table) needs pandas; its import costs a refresh 0.2 s

    table = ladder.table
    n, c = ladder.value.shape
    share = _by_columns(ladder.value, _reference_columns(ladder), lambda ref, own: values.share_pct(own, ref))
    evolution = _by_columns(ladder.value, _previous_columns(table), values.evolution_pct)
    total = ladder.total_row
    distribution = (
        values.share_pct(ladder.value, np.broadcast_to(ladder.value[total], ladder.value.shape))
        if total is not None else np.full((n, c), np.nan)
    )

    def per_row(items: list[Any]) -> np.ndarray:
        """One value per table row, repeated for each of its columns (records are row-major)."""
        return np.repeat(np.array(items, dtype=object), c)

    def per_column(items: list[Any]) -> np.ndarray:
        return np.tile(np.array(items, dtype=object), n)

    missing = np.full(n * c, "", dtype=object)
    is_measure = per_row([not row.is_aggregate for row in table.rows]).astype(bool)
    for i, k in [*ladder.incomplete, *np.argwhere(is_measure.reshape(n, c) & np.isnan(ladder.value)).tolist()]:
        missing[i * c + k] = ", ".join(ladder.missing(i, k))
    frame = pd.DataFrame({
        "row": np.repeat(np.arange(n), c) + 1,
        "label": per_row([row.label for row in table.rows]),
        "code": per_row([row.code or "" for row in table.rows]),
        "kind": per_row(["aggregaat" if row.is_aggregate else "maatregel" for row in table.rows]),
        "formula": per_row([row.formula.text if row.formula else "" for row in table.rows]),
        "trede": pd.array(per_row(rungs.membership(table)), dtype="Int64"),
        "region": per_column([region for region, _ in table.columns]),
        "year": np.tile(np.array([year for _, year in table.columns], dtype=np.int64), n),
        "value": values.without_noise(ladder.value).ravel(),
        "computed": values.without_noise(ladder.computed).ravel(),
        "published": ladder.published.ravel(),
        "complete": missing == "",
        "missing": missing,
        "known_sum": values.without_noise(ladder.known_sum).ravel(),
        "gap": values.without_noise(ladder.published - ladder.computed).ravel(),
        "share_pct": share.ravel(),
        "evolution_pct": evolution.ravel(),
        "distribution_pct": distribution.ravel(),
    })
    return frame[FIELDS]
