"""Regions across every table of figures (``Maatregelen``, ``Context``, ``Sectoren``): spelt alike, and
each with a role.

Figures are found by the exact region name of their column, so a region spelt slightly
differently in one column (``West Vlaanderen 2020`` beside ``West-Vlaanderen 2019``, or in the
context table) would silently get no figures where the other spelling is asked for. Such twins
(:func:`names.twins`) are an error naming both header cells.

Every region is the focus, the reference or a part of the focus (its *deelregio's*, summed on the
sheet ``Regio's``). Which regions are parts comes from the workbook: the setting ``Deelregio's``, or
by default the regions that only the context tables hold (the measure table counts the focus and
the reference; ``Context`` adds its sub-regions). A region with none of these roles — Oost-Vlaanderen
added to the measure table for comparison — is named, so it is neither summed as a part nor
silently left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import names
from .cells import address, cell_text
from .problems import Problem, Severity, quoted
from .table import RawTable, figure_column

_LIST = re.compile(r"[;\n]")
"""What separates the regions of the setting ``Deelregio's`` (a comma may be part of a name)."""
NAMED_AT_MOST = 8
"""Regions named in one message; the others are counted."""


@dataclass(frozen=True)
class Regions:
    """The regions of every table of figures, found once: where each is first named, which of them only the
    table ``Context`` holds (the default parts of the focus region), and the pairs spelt as twins."""

    cells: dict[str, str]
    """Region → the address of its first header cell, in table order."""
    sub_regions: frozenset[str] = frozenset()
    twins: list[tuple[str, str]] = field(default_factory=list)
    """(earlier, later) spellings of one region (:func:`names.twins`)."""


def first_cells(tables: Sequence[RawTable]) -> dict[str, str]:
    """Each region of the tables' figure columns → the address of its first header cell, in table order."""
    first: dict[str, str] = {}
    for raw in tables:
        for i, title in enumerate(raw.header):
            found = figure_column(title)
            if found is not None and found[0] not in first:
                first[found[0]] = address(raw.sheet, raw.top, raw.left + i)
    return first


def of_tables(measures: RawTable, context: RawTable | None, others: Sequence[RawTable]) -> Regions:
    """The regions of the measure table, the ``Context`` table and the other tables of figures."""
    cells = first_cells([measures, *([context] if context else []), *others])
    in_context = first_cells([context]).keys() - first_cells([measures]).keys() if context else set()
    return Regions(cells, frozenset(in_context), names.twins(cells))


def check(regions: Regions) -> list[Problem]:
    """An error at the later header cell of every pair of twin region names, naming both cells."""
    first = regions.cells
    problems, named = [], set()
    for one, other in regions.twins:
        if other in named:  # one message per spelling, against the earliest
            continue
        named.add(other)
        foreign = names.foreign_letters(one) + names.foreign_letters(other)
        note = f" (met de letter '{foreign}' uit een ander alfabet)" if foreign else ""
        problems.append(Problem(Severity.ERROR, first[other],
                                f"regio {quoted(other)} lijkt dezelfde als {quoted(one)} in {first[one]}, anders "
                                f"geschreven{note}: schrijf een regio overal precies gelijk, anders worden haar "
                                "cijfers niet samen gelezen"))
    return problems


def parts_of_focus(declared: str, where: str, focus: str, reference: str,
                   regions: Regions) -> tuple[tuple[str, ...], list[Problem]]:
    """The parts of the focus region and the problems with their roles.

    ``declared`` is the setting ``Deelregio's`` as typed at ``where`` (empty: the default, the regions
    only ``Context`` holds). Every region without a role gets one warning naming them all; a twin
    spelling is an error of its own (:func:`check`).
    """
    known = regions.cells
    if declared:
        parts, problems = _declared(declared, where, focus, reference, known)
    else:
        parts = [region for region in known if region in regions.sub_regions and region not in (focus, reference)]
        problems = []
    twinned = {region for pair in regions.twins for region in pair}
    unclear = [region for region in known if region not in (focus, reference, *parts, *twinned)]
    if unclear:
        why = f"{where} noemt ze niet" if declared else "deelregio's zijn standaard de regio's die alleen in Context staan"
        problems.append(Problem(Severity.WARNING, known[unclear[0]], _without_role(unclear, focus, why)))
    return tuple(parts), problems


def _declared(declared: str, where: str, focus: str, reference: str,
              known: Mapping[str, str]) -> tuple[list[str], list[Problem]]:
    """The parts the setting names: regions separated by ``;`` or a line break, or by commas when no region
    holds one. A name that is no region of any table, or that is the focus or the reference, is an error:
    its places would silently be missing from the sum."""
    by_name = {region.casefold(): region for region in known}
    pieces = [cell_text(name) for name in _LIST.split(declared)]
    if not all(piece.casefold() in by_name for piece in pieces if piece):  # 'Brugge, Oostende'
        pieces = [cell_text(name) for piece in pieces for name in piece.split(",")]
    parts: list[str] = []
    problems = []
    roles = {focus: "de focusregio", reference: "de referentieregio"}
    for typed in filter(None, pieces):
        region = by_name.get(typed.casefold())
        if region is None:
            meant = names.closest(typed, known)
            hint = f"; bedoelt u '{meant}'?" if meant else ""
            problems.append(Problem(Severity.ERROR, where, f"deelregio {quoted(typed)} komt in geen tabel voor als "
                                                           f"'<Regio> <Jaar>'{hint}"))
        elif region in roles:
            problems.append(Problem(Severity.ERROR, where, f"deelregio {quoted(typed)} is {roles[region]}: een deel van "
                                                           f"{focus} kan dat niet zijn"))
        elif region not in parts:
            parts.append(region)
    return parts, problems


def _without_role(unclear: list[str], focus: str, why: str) -> str:
    """The warning naming the regions without a role (at most :data:`NAMED_AT_MOST`, the others counted)."""
    shown = ", ".join(quoted(region) for region in unclear[:NAMED_AT_MOST])
    more = f" en {len(unclear) - NAMED_AT_MOST} andere" if len(unclear) > NAMED_AT_MOST else ""
    name, be, stand, belong = ("regio", "is", "staat", "hoort") if len(unclear) == 1 else ("regio's", "zijn", "staan", "horen")
    return (f"{name} {shown}{more} {be} geen focus-, referentie- of deelregio van {focus} ({why}) en {stand} dus niet "
            f"op het blad Regio's: {belong} ze bij {focus}, noem de deelregio's dan bij Deelregio's op blad Instellingen")
