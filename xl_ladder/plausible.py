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

from collections.abc import Callable

import numpy as np

from . import problems as messages
from .problems import Problem, Severity
from .table import MeasureTable

TOLERANCE = 0.01
"""How far (share of the larger figure) a published total may differ from the sum of its complete parts."""
FLOOR = 10.0
"""A difference of at most this many people is always explained (rounding of small published totals)."""
SWAPPED = 0.5
"""Above this share of the compared cells with the focus above the reference, the two are swapped."""
NAMED_AT_MOST = 10
"""Cells located one by one; beyond, one more problem counts the rest."""


def unexplained(published: float, summed: float, complete: bool) -> bool:
    """Whether a published total's difference from the sum of its parts (of the known ones when incomplete)
    is more than rounding and the missing parts can explain."""
    gap = published - summed
    allowed = max(FLOOR, TOLERANCE * max(abs(published), abs(summed)))
    return bool(abs(gap) > allowed if complete else gap < -allowed)


def focus_above_reference(table: MeasureTable, focus: str, reference: str, cell: Callable[[int, int], str],
                          setting: str) -> list[Problem]:
    """An error at every focus figure above the reference's of the same row and year (``cell(i, k)`` is the
    address of row i, column k); one error at the focus setting (``setting``) when most are above."""
    at = {key: k for k, key in enumerate(table.columns)}
    pairs = [(k, at[reference, year]) for (region, year), k in at.items()
             if region == focus and (reference, year) in at]
    if not pairs or not len(table.rows):
        return []
    own, other = (np.array(side) for side in zip(*pairs, strict=True))
    f, r = table.figures[:, own], table.figures[:, other]
    with np.errstate(invalid="ignore"):
        compared = ~np.isnan(f) & ~np.isnan(r) & ((f > 0) | (r > 0))
        above = compared & (f > r)
    count = int(above.sum())
    if not count:
        return []
    if count > SWAPPED * int(compared.sum()) and count > 1:
        return [Problem(Severity.ERROR, setting, messages.swapped(focus, reference, count, int(compared.sum())))]
    found = []
    for i, p in np.argwhere(above).tolist()[:NAMED_AT_MOST]:
        k, j = int(own[p]), int(other[p])
        row = table.rows[i]
        found.append(Problem(Severity.ERROR, cell(i, k), messages.above_reference(
            row.code or row.label, focus, reference, table.columns[k][1], float(f[i, p]), float(r[i, p]), cell(i, j))))
    if count > NAMED_AT_MOST:
        found.append(Problem(Severity.ERROR, setting, messages.more_above(focus, reference, count - NAMED_AT_MOST)))
    return found
