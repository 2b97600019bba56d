"""Cells as analysts read them: addresses in messages (``Maatregelen!D5``), texts as Excel shows them."""

from __future__ import annotations

import re
from typing import Any

from .problems import BadCell


def column_letters(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_prefix(sheet: str) -> str:
    """Sheet name as written before ``!``, quoted when Excel would quote it."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def same_sheet(a: str, b: str) -> bool:
    """True if Excel takes both names for one sheet: it compares sheet names ignoring case, Unicode-wide."""
    return a.casefold() == b.casefold()


def address(sheet: str, row: int, col: int) -> str:
    """0-based row/column → ``Sheet!A1``."""
    return f"{sheet_prefix(sheet)}!{column_letters(col)}{row + 1}"


def cell_text(cell: Any) -> str:
    """A text cell as the analyst sees it: whitespace folded; a whole float without ``.0``."""
    if cell is None or isinstance(cell, BadCell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
