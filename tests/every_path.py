"""Every path holds the same standard: a workbook's verdict through the file (``xl-ladder check`` and
``refresh``) and through live Excel (``adapters.excel.refresh`` on a remote-engine book whose payload
is what Excel's client sends: errors as text, dates as ISO strings or serial numbers, whole numbers
as ints). A verdict is whether the ladder is computed and every problem's (cell, severity)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import xlwings as xw

from xl_ladder.adapters import excel
from xl_ladder.pipeline import Checked

from . import remote_book

Verdict = tuple[bool, list[tuple[str, str]]]
BOOK = "(de werkmap)"
"""Where a problem of the whole workbook is located, on either path (the file path names the file)."""


def verdict(checked: Checked | None, name: str) -> Verdict:
    """Computed or not, and the problems as (cell, severity), sorted."""
    if checked is None:  # live: no measure table, told in an alert
        return False, [(BOOK, "fout")]
    return checked.ladder is not None, sorted((BOOK if p.location == name else p.location, p.severity.value)
                                              for p in checked.problems)


def live(path: Path, dates: Literal["iso", "serial"] = "iso") -> Verdict:
    """The verdict of the Vernieuwen button on the book as Excel would hand it over."""
    return verdict(excel.refresh(xw.Book(json=remote_book.payload(path, dates=dates))), path.name)


def assert_same(path: Path, checked: Checked) -> None:
    """The live path gives the file path's verdict (``checked``) on the same workbook."""
    assert live(path) == verdict(checked, path.name), [str(p) for p in checked.problems]
