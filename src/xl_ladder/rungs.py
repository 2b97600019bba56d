"""The rungs (treden) of the ladder and the grand total, found by their codes.

The publication writes its grand total as ``trede 5 + trede 4 + trede 3``; the rows coded
``trede N`` are therefore the rung totals and the row coded ``totaal`` the grand total. A row
belongs to rung N when the formula of ``trede N`` reaches it, directly or through other rows.
"""

from __future__ import annotations

import re

from .table import MeasureTable

TOTAL_CODE = "totaal"
_RUNG = re.compile(r"^trede (\d+)$", re.IGNORECASE)


def rung_of_code(code: str | None) -> int | None:
    """N for a code ``trede N``, else None."""
    match = _RUNG.match(code or "")
    return int(match.group(1)) if match else None


def rung_rows(table: MeasureTable) -> dict[int, int]:
    """Rung number → row index of its rung total, highest rung first (as the ladder is drawn)."""
    found = {rung_of_code(row.code): i for i, row in enumerate(table.rows)}
    return {n: found[n] for n in sorted((n for n in found if n is not None), reverse=True)}


def total_row(table: MeasureTable) -> int | None:
    """Row index of the grand total (code ``totaal``), if the table has one."""
    return table.index_of(TOTAL_CODE)


def membership(table: MeasureTable) -> list[int | None]:
    """For each row, the rung it belongs to; None for the grand total.

    A row reached by the formula of ``trede N`` belongs to rung N; any other row (a subtotal
    shown for information, such as *individuele inschakeling*) to the band it stands in: the
    nearest rung total above it, as the publication's table is drawn.
    """
    result: list[int | None] = [None] * len(table.rows)
    starts = rung_rows(table)
    for rung, start in starts.items():
        stack = [start]
        while stack:
            i = stack.pop()
            if result[i] is not None:
                continue
            result[i] = rung
            stack.extend(j for j, _ in table.terms.get(i, []))
    band: int | None = None
    total = total_row(table)
    for i in range(len(table.rows)):
        band = next((n for n, start in starts.items() if start == i), band)
        if result[i] is None and i != total:
            result[i] = band
    return result


def groups(table: MeasureTable) -> list[int]:
    """For each row, the number of its group within its rung band (0, 1, 2 …), for alternating shades.

    A group starts at each top-level aggregate of a band: one whose measures are not all
    covered by another aggregate of the band (so *individuele* and *collectieve inschakeling*
    are groups of trede 5, *doelgroepkortingen* is not: it lies inside individueel).
    """
    reach: dict[int, frozenset[int]] = {}

    def closure(i: int) -> frozenset[int]:
        if i not in reach:
            reach[i] = frozenset([i]) if i not in table.terms else frozenset().union(
                *(closure(j) for j, _ in table.terms[i])
            )
        return reach[i]

    band = membership(table)
    rung_starts = set(rung_rows(table).values())
    result, group, current = [], -1, None
    for i in range(len(table.rows)):
        if band[i] != current:
            current, group = band[i], -1
        if i in table.terms and i not in rung_starts:
            peers = [j for j in table.terms if band[j] == band[i] and j not in rung_starts and j != i]
            inside = any(closure(i) < closure(j) or (closure(i) == closure(j) and j < i) for j in peers)
            if not inside:
                group += 1
        result.append(max(group, 0))
    return result
