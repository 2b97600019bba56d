"""Regions matched across every table of figures (``Maatregelen``, ``Context``, ``Sectoren``).

Figures are found by the exact region name of their column, so a region spelt slightly
differently in one column (``West Vlaanderen 2020`` beside ``West-Vlaanderen 2019``, or in the
context table) would silently get no figures where the other spelling is asked for. Such twins
(:func:`names.twins`) are an error naming both header cells. Regions that are plainly different
(the sub-regions of the context table) are no concern here.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import names
from .cells import address
from .problems import Problem, Severity, quoted
from .table import RawTable, figure_column


def check(tables: Sequence[RawTable]) -> list[Problem]:
    """An error at the later header cell of every pair of twin region names, naming both cells."""
    first: dict[str, str] = {}
    for raw in tables:
        for i, title in enumerate(raw.header):
            found = figure_column(title)
            if found is not None:
                first.setdefault(found[0], address(raw.sheet, raw.top, raw.left + i))
    problems, named = [], set()
    for one, other in names.twins(first):
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
