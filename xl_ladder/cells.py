"""Cells as analysts read them: addresses in messages (``Maatregelen!D5``), texts as Excel shows them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .problems import EXCEL_ERRORS, BadCell, code_point, excel_error, invisible, quoted


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


def visible(text: str) -> str:
    """``text`` as a reader sees it: invisible characters left out, accents composed (``e`` + ``´`` is ``é``)."""
    if text.isascii():
        return text
    for char in invisible(text):
        text = text.replace(char, "")
    return unicodedata.normalize("NFC", text)


def cell_text(cell: Any) -> str:
    """A text cell as the analyst sees it: whitespace folded, invisible characters left out; a whole float
    without ``.0``. Every name the tool compares (headers, codes, regions, settings) goes through here."""
    if cell is None or isinstance(cell, BadCell):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(visible(str(cell)).split())


def invisible_note(cell: Any) -> str | None:
    """What to tell about a name typed with invisible characters (read without them), or None."""
    hidden = invisible(cell) if isinstance(cell, str) else ""
    if not hidden:
        return None
    return (f"{quoted(cell.strip())} bevat een onzichtbaar teken ({', '.join(map(code_point, hidden))}): gelezen als "
            f"{quoted(cell_text(cell))}; typ de tekst opnieuw")


def as_read(cell: Any) -> Any:
    """A cell as the core reads it: an Excel error value that live Excel sends as its text (``#N/A``) is an
    error at that cell, in a text column as in a figure column, on every path."""
    if isinstance(cell, str) and cell.strip().upper() in EXCEL_ERRORS:
        return excel_error(cell.strip().upper())
    return cell


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


@dataclass(frozen=True)
class Where:
    """Where a table's figures stand on their sheet: each figure can name its cell (the edition's
    catalogue says where every figure comes from)."""

    sheet: str = ""
    top: int = 0
    """0-based sheet row of the header row."""
    left: int = 0
    rows: tuple[int, ...] = ()
    """The body row of each table row (empty body rows are skipped)."""
    columns: tuple[int, ...] = ()
    """The body column of each figure column."""

    def cell(self, i: int, k: int) -> str:
        """Address of the figure of table row ``i`` in figure column ``k``; empty when unknown."""
        if not self.sheet or i >= len(self.rows) or k >= len(self.columns):
            return ""
        return address(self.sheet, self.top + 1 + self.rows[i], self.left + self.columns[k])
