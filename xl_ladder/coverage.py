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
    found, reached = _rungs_left_out(table, total, rung_rows)
    wrong = [i for i, row in enumerate(table.rows) if not row.is_aggregate and reached[i] != 1]
    named_by = _named_by(table, reached)
    found += [_measure(table, i, int(reached[i]), named_by.get(i, [])) for i in wrong[:NAMED_AT_MOST]]
    if len(wrong) > NAMED_AT_MOST:
        last = found[-1]
        found[-1] = Problem(last.severity, last.location,
                            f"{last.message} (en nog {len(wrong) - NAMED_AT_MOST} andere maatregelen)")
    return found


def _rungs_left_out(table: MeasureTable, total: int | None, rung_rows: list[int]) -> tuple[list[Problem], np.ndarray]:
    """The error for rung totals the grand total does not name, and the paths to each row: from the grand total
    (from the rungs without one), and from the rungs left out (their measures are told once, at the total)."""
    if total is None:
        return [], paths(table, rung_rows)
    reached = paths(table, [total])
    left = [i for i in rung_rows if reached[i] == 0]
    if not left:
        return [], reached
    return [Problem(Severity.ERROR, table.rows[total].location, messages.rung_left_out(
        [table.rows[i].code or "" for i in left], table.rows[total].code or ""))], reached + paths(table, left)


def _measure(table: MeasureTable, i: int, times: int, named_by: list[int]) -> Problem:
    """The problem of measure row ``i``, reached ``times`` times (not 1) through the rows ``named_by``."""
    row = table.rows[i]
    if times:
        return Problem(Severity.ERROR, row.location, messages.measure_twice(
            row.code or row.label, times, [table.rows[j].code or table.rows[j].location for j in named_by]))
    empty = bool(np.isnan(table.figures[i]).all())
    return Problem(Severity.WARNING if empty else Severity.ERROR, row.location,
                   messages.measure_left_out(row.code or row.label, empty))


def _named_by(table: MeasureTable, reached: np.ndarray) -> dict[int, list[int]]:
    """Row → the reached rows whose formulas name it, in table order (each once)."""
    result: dict[int, list[int]] = {}
    for i in sorted(table.terms):
        if reached[i]:
            for j, _ in table.terms[i]:
                if i not in result.setdefault(j, []):
                    result[j].append(i)
    return result
