"""The ladder model: every row, region and year computed, compared and related.

All arithmetic runs on (rows × region-year columns) numpy matrices, one aggregate row at a
time in dependency order, so the cost grows with the number of aggregates, not of cells.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """(row, column) → codes of the measures without data that make an aggregate incomplete."""

    def column(self, region: str, year: int) -> int | None:
        """Index of the region-year column, or None if the table has none."""
        try:
            return self.table.columns.index((region, year))
        except ValueError:
            return None

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
    slot = {i: k for k, i in enumerate(measure_rows)}
    lacks: dict[int, np.ndarray] = {i: np.isnan(value[i])[None, :] for i in measure_rows}
    for i in table.evaluation_order:
        total = np.zeros(c)
        any_known = np.zeros(c, dtype=bool)
        lack = np.zeros((len(measure_rows), c), dtype=bool)
        for j, weight in table.terms[i]:
            part = np.where(np.isnan(value[j]), known_sum[j], value[j])
            total += weight * np.nan_to_num(part)
            any_known |= ~np.isnan(part)
            absent = np.isnan(value[j])
            if j in slot:
                lack[slot[j]] |= absent
            else:
                lack |= lacks[j] & absent[None, :]
        lacks[i] = lack
        complete = ~lack.any(axis=0)
        known_sum[i] = np.where(any_known, total, np.nan)
        computed[i] = np.where(complete, total, np.nan)
        value[i] = np.where(np.isnan(published[i]), computed[i], published[i])
    missing: dict[tuple[int, int], list[str]] = {}
    for i in measure_rows:
        for col in np.nonzero(lacks[i][0])[0]:
            missing[(i, int(col))] = [table.rows[i].code or ""]
    for i in table.evaluation_order:
        for k, col in zip(*np.nonzero(lacks[i])):
            missing.setdefault((i, int(col)), []).append(table.rows[measure_rows[k]].code or "")
    return Ladder(table, settings, value, computed, known_sum, published, missing)


def _previous_columns(table: MeasureTable) -> list[int | None]:
    """For each column, the column of the same region in the latest earlier year."""
    result: list[int | None] = []
    for region, year in table.columns:
        earlier = [(y, k) for k, (r, y) in enumerate(table.columns) if r == region and y < year]
        result.append(max(earlier)[1] if earlier else None)
    return result


def _reference_columns(ladder: Ladder) -> list[int | None]:
    """For each column, the reference region's column of the same year (None for the reference itself)."""
    ref = ladder.settings.reference
    return [None if region == ref else ladder.column(ref, year) for region, year in ladder.table.columns]


def _by_columns(matrix: np.ndarray, other: list[int | None], rule) -> np.ndarray:
    """Apply a two-argument rule between each column and its partner column (NaN where none)."""
    result = np.full(matrix.shape, np.nan)
    for k, partner in enumerate(other):
        if partner is not None:
            result[:, k] = rule(matrix[:, partner], matrix[:, k])
    return result


def _tidy(ladder: Ladder) -> pd.DataFrame:
    table = ladder.table
    n, c = ladder.value.shape
    share = _by_columns(ladder.value, _reference_columns(ladder), lambda ref, own: values.share_pct(own, ref))
    evolution = _by_columns(ladder.value, _previous_columns(table), values.evolution_pct)
    total = rungs.total_row(table)
    distribution = (
        values.share_pct(ladder.value, np.broadcast_to(ladder.value[total], ladder.value.shape))
        if total is not None else np.full((n, c), np.nan)
    )
    trede = rungs.membership(table)
    rows = np.repeat(np.arange(n), c)
    cols = np.tile(np.arange(c), n)
    missing = [", ".join(ladder.missing.get((int(i), int(k)), [])) for i, k in zip(rows, cols)]
    frame = pd.DataFrame({
        "row": rows + 1,
        "label": [table.rows[i].label for i in rows],
        "code": [table.rows[i].code or "" for i in rows],
        "kind": ["aggregaat" if table.rows[i].is_aggregate else "maatregel" for i in rows],
        "formula": [table.rows[i].formula.text if table.rows[i].formula else "" for i in rows],
        "trede": pd.array([trede[i] for i in rows], dtype="Int64"),
        "region": [table.columns[k][0] for k in cols],
        "year": [table.columns[k][1] for k in cols],
        "value": values.without_noise(ladder.value).ravel(),
        "computed": values.without_noise(ladder.computed).ravel(),
        "published": ladder.published.ravel(),
        "complete": [m == "" for m in missing],
        "missing": missing,
        "known_sum": values.without_noise(ladder.known_sum).ravel(),
        "gap": values.without_noise(ladder.published - ladder.computed).ravel(),
        "share_pct": share.ravel(),
        "evolution_pct": evolution.ravel(),
        "distribution_pct": distribution.ravel(),
    })
    return frame[FIELDS]
