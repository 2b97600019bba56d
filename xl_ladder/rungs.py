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
    """For each row, its sub-band within its rung (0, 1, …), for distinct shades.

    A rung total that refers to aggregates by code is split at them: ``trede 5 = DGK + 40% f +
    COL`` gives *individuele* (up to COL) and *collectieve inschakeling* (from COL on). A rung
    written as one range (``trede 4 = k t/m d'``) is one band. Analysts steer the bands by how
    they write the rung formula.
    """
    band = membership(table)
    rung_at = rung_rows(table)
    bounds = {j for i in rung_at.values() for j, _ in table.terms.get(i, []) if j in table.terms}
    result, passed, current = [], 0, None
    for i in range(len(table.rows)):
        if band[i] != current:
            current, passed = band[i], 0
        passed += i in bounds
        result.append(max(passed - 1, 0))
    return result


NAMES = {
    6: "Betaald werk",
    5: "Betaald werk met ondersteuning",
    4: "Tijdelijke activerende trajecten",
    3: "Arbeidsmatige activiteiten onder begeleiding",
    2: "Sociale contacten buitenshuis",
    1: "Contacten beperkt tot de huiselijke kring",
}
"""The six rungs as the publication names them, top to bottom; the tool counts 5, 4 and 3."""


def parts(table: MeasureTable) -> dict[int, list[int]]:
    """For each rung split into sub-bands (see :func:`groups`), the first row of each: trede 5 gives
    *individuele* and *collectieve inschakeling*. A rung of one band has no parts."""
    band, group = membership(table), groups(table)
    result: dict[int, list[int]] = {}
    for rung, start in rung_rows(table).items():
        heads: dict[int, int] = {}
        for i in range(start + 1, len(table.rows)):
            if band[i] != rung:
                break
            heads.setdefault(group[i], i)
        if len(heads) > 1:
            result[rung] = [heads[g] for g in sorted(heads)]
    return result
