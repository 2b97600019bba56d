"""The ladder model: every row, region and year computed, compared and related.

All arithmetic runs on (rows × region-year columns) numpy matrices, one aggregate row at a
time in dependency order, so the cost grows with the number of aggregates, not of cells.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import rungs, values
from .settings import Settings
from .table import MeasureTable

FIELDS = [
    "row", "label", "code", "kind", "formula", "trede", "region", "year",
    "value", "computed", "published", "complete", "missing", "known_sum", "gap",
    "share_pct", "evolution_pct", "distribution_pct",
]
"""Columns of the tidy result, in order; the first ones are the command-line contract."""


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
    missing: dict[tuple[int, int], list[str]]
    """(aggregate row, column) → codes of the measures without data that make it incomplete.

    A measure without data is not listed: it is simply NaN in ``value`` (it misses itself)."""

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
        complete = ~np.isnan(self.computed)
        summed = np.where(complete, self.computed, self.known_sum)
        with np.errstate(invalid="ignore"):
            differs = np.abs(self.published - summed) >= 0.5  # False wherever either side is missing
        return [(int(i), int(k), float(summed[i, k]), bool(complete[i, k])) for i, k in zip(*np.nonzero(differs))]

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
    n, c = table.figures.shape
    aggregate = np.array([row.is_aggregate for row in table.rows], dtype=bool)
    published = np.where(aggregate[:, None], table.figures, np.nan)
    value = np.where(aggregate[:, None], np.nan, table.figures)
    computed = value.copy()
    known_sum = value.copy()
    measure_rows = [i for i in range(n) if not aggregate[i]]
    measure_codes = [table.rows[i].code or "" for i in measure_rows]
    slot = {i: k for k, i in enumerate(measure_rows)}
    lacks: dict[int, np.ndarray] = {i: np.isnan(value[i])[None, :] for i in measure_rows}
    missing: dict[tuple[int, int], list[str]] = {}
    for i in table.evaluation_order:
        total = np.zeros(c)
        any_known = np.zeros(c, dtype=bool)
        lack = np.zeros((len(measure_rows), c), dtype=bool)
        for j, weight in table.terms[i]:
            absent = np.isnan(value[j])
            part = np.where(absent, known_sum[j], value[j])
            known = ~np.isnan(part)
            total += weight * np.where(known, part, 0.0)
            any_known |= known
            if j in slot:
                lack[slot[j]] |= absent
            else:
                lack |= lacks[j] & absent[None, :]
        lacks[i] = lack
        incomplete = np.flatnonzero(lack.any(axis=0))
        columns = incomplete.tolist()
        # Only the incomplete columns are searched for their missing measures: most columns are complete.
        lacking, at = np.nonzero(lack[:, incomplete])
        for k, col in zip(lacking.tolist(), at.tolist()):
            missing.setdefault((i, columns[col]), []).append(measure_codes[k])
        known_sum[i] = np.where(any_known, total, np.nan)
        computed[i] = total
        computed[i, incomplete] = np.nan
        value[i] = np.where(np.isnan(published[i]), computed[i], published[i])
    return Ladder(table, settings, value, computed, known_sum, published, missing)


def _previous_columns(table: MeasureTable) -> list[int | None]:
    """For each column, the column of the same region in the latest earlier year (columns are unique)."""
    by_region: dict[str, list[tuple[int, int]]] = {}
    for k, (region, year) in enumerate(table.columns):
        by_region.setdefault(region, []).append((year, k))
    result: list[int | None] = [None] * len(table.columns)
    for found in by_region.values():
        found.sort()
        for (_, earlier), (_, k) in zip(found, found[1:]):
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
    own = [k for k, partner in enumerate(other) if partner is not None]
    result[:, own] = rule(matrix[:, [other[k] for k in own]], matrix[:, own])
    return result


def _tidy(ladder: Ladder) -> pd.DataFrame:
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
    for (i, k), codes in ladder.missing.items():
        missing[i * c + k] = ", ".join(codes)
    is_measure = per_row([not row.is_aggregate for row in table.rows]).astype(bool)
    lacks_itself = is_measure & np.isnan(ladder.value.ravel())
    missing[lacks_itself] = per_row([row.code or "" for row in table.rows])[lacks_itself]
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
