"""Cell addresses as analysts read them in messages: ``Maatregelen!D5``."""

from __future__ import annotations

import re


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
