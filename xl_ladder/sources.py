"""Where the input is: the settings sheet and the input tables, found as Excel finds them.

Excel compares sheet and table names ignoring case, so the sheet ``instellingen`` is the sheet
``Instellingen`` and the table ``context`` the table ``Context``. A near miss — ``Instellingen (2)``
(Excel's name for a copy of the sheet), ``Instellingen `` with a space, ``Instelingen``, a table
``Context2`` (the table of a copied sheet) — would otherwise leave the analyst's input unread and
the defaults used without a word: it is an error when the name itself is absent, and a warning
beside it (only the name itself is read).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from . import names
from .problems import Problem, Severity, quoted

_COPY = re.compile(r"^\d+$")
"""What Excel appends to the name of a copy (folded: ``Instellingen (2)`` is ``instellingen2``)."""


def near(wanted: str, name: str) -> bool:
    """True if ``name`` is not ``wanted`` as Excel compares names, but looks like it: the same letters
    in another spacing or punctuation, a copy's number appended, or a typing error."""
    if name.casefold() == wanted.casefold():
        return False
    folded, meant = names.fold(name), names.fold(wanted)
    return folded == meant or (folded.startswith(meant) and bool(_COPY.match(folded[len(meant):]))) \
        or folded in {prefix + meant for prefix in _PREFIXES} or bool(names.twins([wanted, name]))


_PREFIXES = ("tbl", "tabel", "table", "tab", "t")
"""What analysts put before a table's name by habit (``tblContext``, issue 27)."""


def find(wanted: str, available: Mapping[str, str], kind: str) -> tuple[str | None, list[Problem]]:
    """The name among ``available`` (name → where it is, for messages) that is ``wanted`` as Excel compares
    names, and a problem for each near miss. ``kind`` is ``blad`` or ``tabel``."""
    found = next((name for name in available if name.casefold() == wanted.casefold()), None)
    the, which, this = ("het", "dat", "dit") if kind == "blad" else ("de", "die", "deze")
    problems = []
    for name, where in available.items():
        if not near(wanted, name):
            continue
        if found is None:
            problems.append(Problem(Severity.ERROR, where, f"{kind} {quoted(name)} lijkt {the} {kind} '{wanted}', "
                                                           f"{which} ontbreekt: wat erin staat, wordt niet gelezen; "
                                                           f"hernoem {this} {kind} naar '{wanted}'"))
        else:
            problems.append(Problem(Severity.WARNING, where, f"{kind} {quoted(name)} wordt niet gelezen: alleen "
                                                             f"{the} {kind} {quoted(found)} telt"))
    return found, problems
