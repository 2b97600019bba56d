"""Every measure counted once (issue 27): the grand total counts each measure with the weight its rung gives
it — none left out, none twice.

The grand total (code ``totaal``; without it, the rung totals ``trede N``) reaches measures through formulas.
Counting the paths from it to each measure (a measure named in two rungs has two; ``40% f`` is one path with
a weight) finds:

- a rung total the grand total does not name: an error at the grand total's row (its measures count nowhere);
- a measure no path reaches (a new row ``g'`` no formula names): an error at its row, or a warning when it
  has no figure at all (then it changes no number);
- a measure reached twice (``a`` in trede 5 and trede 4, or a range and a subtotal holding it): an error at
  its row naming the rows whose formulas name it.

A table without grand total and rung totals (a small table of one's own) is not checked.
"""

from __future__ import annotations

import numpy as np

from . import problems as messages
from . import rungs
from .problems import Problem, Severity
from .table import MeasureTable

NAMED_AT_MOST = 10
"""Measures located one by one; beyond, they are counted in the last message."""


def paths(table: MeasureTable, roots: list[int]) -> np.ndarray:
    """For each row, the number of ways the ``roots``' formulas reach it (a root reaches itself once)."""
    count = np.zeros(len(table.rows), dtype=np.int64)
    count[roots] = 1
    for i in reversed(table.evaluation_order):  # every row before the rows it names
        for j, _ in table.terms.get(i, []):
            count[j] += count[i]
    return count


def check(table: MeasureTable) -> list[Problem]:
    """Measures the grand total leaves out or counts twice, and rung totals it does not name."""
    total, rung_rows = rungs.total_row(table), list(rungs.rung_rows(table).values())
    if total is None and not rung_rows:
        return []
    found: list[Problem] = []
    reached = paths(table, [total] if total is not None else rung_rows)
    if total is not None:
        left = [i for i in rung_rows if reached[i] == 0]
        if left:
            found.append(Problem(Severity.ERROR, table.rows[total].location, messages.rung_left_out(
                [table.rows[i].code or "" for i in left], table.rows[total].code or "")))
            reached = reached + paths(table, left)  # their measures are told once, here
    named_by = _named_by(table, reached)
    told = 0
    for i, row in enumerate(table.rows):
        if row.is_aggregate or reached[i] == 1:
            continue
        told += 1
        if told > NAMED_AT_MOST:
            continue
        if reached[i] == 0:
            empty = bool(np.isnan(table.figures[i]).all()) if table.figures.size else True
            found.append(Problem(Severity.WARNING if empty else Severity.ERROR, row.location,
                                 messages.measure_left_out(row.code or row.label, empty)))
        else:
            found.append(Problem(Severity.ERROR, row.location, messages.measure_twice(
                row.code or row.label, int(reached[i]), [table.rows[j].code or table.rows[j].location
                                                         for j in named_by.get(i, [])])))
    if told > NAMED_AT_MOST:
        found[-1] = Problem(found[-1].severity, found[-1].location,
                            f"{found[-1].message} (en nog {told - NAMED_AT_MOST} andere maatregelen)")
    return found


def _named_by(table: MeasureTable, reached: np.ndarray) -> dict[int, list[int]]:
    """Row → the reached rows whose formulas name it, in table order (each once)."""
    result: dict[int, list[int]] = {}
    for i in sorted(table.terms):
        if reached[i]:
            for j, _ in table.terms[i]:
                if i not in result.setdefault(j, []):
                    result[j].append(i)
    return result
