"""Figures that cannot be (issue 27).

- **The focus region is part of the reference region**, so no count of the focus exceeds the reference's: a
  share above 100 % is an error at the focus's cell, naming the reference's (a typo, 1.416 for 14.165). When
  most figures are above, focus and reference are swapped on ``Instellingen``: one error at the setting.
- **A published total differs from the sum of its parts only as far as rounding and its missing parts
  explain**: complete, by at most :data:`TOLERANCE` (the source's own totals differ by up to 0,2 %: collectieve
  inschakeling 6.098 against 6.102); incomplete, it may exceed the known parts (the missing ones add to
  them) but not fall short of them. Any other difference is a warning at the published cell, and the
  publication page marks the figure (:meth:`model.Ladder.unexplained`): it is used as published.

The rules work on plain arrays and rows; :mod:`.pipeline` calls them with the cells' addresses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from . import problems as messages
from .cells import address
from .problems import Problem, Severity
from .table import MeasureTable, RawTable, figure_column

TOLERANCE = 0.01
"""How far (share of the larger figure) a published total may differ from the sum of its complete parts."""
FLOOR = 10.0
"""A difference of at most this many people is always explained (rounding of small published totals)."""
SWAPPED = 0.5
"""Above this share of the compared cells with the focus above the reference, the two are swapped."""
NAMED_AT_MOST = 10
"""Cells located one by one; beyond, one more problem counts the rest."""


def figure_cells(raw: RawTable, table: MeasureTable) -> Callable[[int, int], str]:
    """The address of the figure of ``table`` row i, column k, in the sheet ``raw`` was read from."""
    position: dict[tuple[str, int], int] = {}
    for i, title in enumerate(raw.header):
        if (key := figure_column(title)) is not None:
            position.setdefault((key[0].casefold(), key[1]), i)

    def cell(i: int, k: int) -> str:
        region, year = table.columns[k]
        row = int(re.sub(r"^.*?(\d+)$", r"\1", table.rows[i].location)) - 1
        return address(raw.sheet, row, raw.left + position.get((region.casefold(), year), 0))
    return cell


def unexplained(published: float, summed: float, complete: bool) -> bool:
    """Whether a published total's difference from the sum of its parts (of the known ones when incomplete)
    is more than rounding and the missing parts can explain."""
    gap = published - summed
    allowed = max(FLOOR, TOLERANCE * max(abs(published), abs(summed)))
    return bool(abs(gap) > allowed if complete else gap < -allowed)


Difference = tuple[int, int, float, bool]
"""(row, column, the sum of its parts or of its known parts, complete) of a published total (Ladder.differences)."""


def typos(differences: list[Difference], order: list[int], terms: dict[int, list[tuple[int, float]]],
          published: np.ndarray, value: np.ndarray) -> set[tuple[int, int]]:
    """(row, column) of the published totals their parts cannot explain, in evaluation order; a total whose
    difference vanishes with each flagged part replaced by that part's own sum is not flagged."""
    rank = {i: n for n, i in enumerate(order)}
    flagged: dict[tuple[int, int], tuple[float, bool]] = {}  # (row, column) → its parts' sum, complete
    for i, k, summed, complete in sorted(differences, key=lambda d: rank.get(d[0], -1)):
        shown = float(published[i, k])
        inside = [(weight, *flagged[j, k], float(value[j, k])) for j, weight in terms.get(i, []) if (j, k) in flagged]
        mended = summed + sum(weight * (own - used) for weight, own, _, used in inside)
        whole = complete and all(part for _, _, part, _ in inside)
        if unexplained(shown, summed, complete) and unexplained(shown, mended, whole):
            flagged[i, k] = (summed, complete)
    return set(flagged)


def _compared(table: MeasureTable, focus: str, reference: str) -> tuple[list[tuple[int, int]], np.ndarray]:
    """The (focus column, reference column) pairs of the same year, and where (row × pair) the focus is above."""
    at = {key: k for k, key in enumerate(table.columns)}
    pairs = [(k, at[reference, year]) for (region, year), k in at.items() if region == focus and (reference, year) in at]
    if not pairs or not len(table.rows):
        return [], np.zeros((0, 0), dtype=bool)
    f, r = table.figures[:, [k for k, _ in pairs]], table.figures[:, [j for _, j in pairs]]
    with np.errstate(invalid="ignore"):
        compared = ~np.isnan(f) & ~np.isnan(r) & ((f > 0) | (r > 0))
        return pairs, compared & (f > r)


def focus_above_reference(table: MeasureTable, focus: str, reference: str, cell: Callable[[int, int], str],
                          setting: str) -> list[Problem]:
    """An error at every focus figure above the reference's of the same row and year (``cell(i, k)`` is the
    address of row i, column k); one error at the focus setting (``setting``) when most are above."""
    pairs, above = _compared(table, focus, reference)
    count = int(above.sum())
    if not count:
        return []
    compared = _compared_count(table, pairs)
    if count > SWAPPED * compared and count > 1:
        return [Problem(Severity.ERROR, setting, messages.swapped(focus, reference, count, compared))]
    found = []
    for i, p in np.argwhere(above).tolist()[:NAMED_AT_MOST]:
        k, j = pairs[p]
        what = table.rows[i].code or table.rows[i].label
        found.append(Problem(Severity.ERROR, cell(i, k), messages.above_reference(
            what, focus, reference, table.columns[k][1], float(table.figures[i, k]), float(table.figures[i, j]),
            cell(i, j))))
    if count > NAMED_AT_MOST:
        found.append(Problem(Severity.ERROR, setting, messages.more_above(focus, reference, count - NAMED_AT_MOST)))
    return found


def _compared_count(table: MeasureTable, pairs: list[tuple[int, int]]) -> int:
    """How many cells of the pairs hold a figure on both sides (not both 0)."""
    f, r = table.figures[:, [k for k, _ in pairs]], table.figures[:, [j for _, j in pairs]]
    return int((~np.isnan(f) & ~np.isnan(r) & ((np.nan_to_num(f) > 0) | (np.nan_to_num(r) > 0))).sum())
