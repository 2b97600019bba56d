"""An xlwings remote-engine book built from a workbook file, standing in for live Excel.

``xw.Book(json=...)`` records every action Excel would carry out; the helpers here build the
payload as Excel's client sends it and replay the recorded values per sheet. The client sends an
error cell as its text (``#N/A``, ``#SPILL!``), a date as an ISO string (``dates="iso"``, the
xlwings add-in) or as its serial number (``dates="serial"``, older Excel), a whole number as an
int and an empty cell as ``""`` — not what python-calamine reads from the file (an error as ``""``,
a date as a ``datetime``, every number a float), so the values are translated here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any, Literal

import python_calamine as calamine
import xlwings as xw

from xl_ladder.cells import column_letters

from .raw_cells import sheet_part

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_ERROR_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"[^>]*?\bt="e"[^>]*>(?:(?!</c>).)*?<v>([^<]*)</v>', re.S)
_ERROR_VALUE = re.compile(rb'(<c [^>]*\bt="e"[^>]*>(?:(?!</c>).)*?<v>)[^<]*(<)', re.S)


def _address(top: int, left: int, bottom: int, right: int) -> str:
    return f"${column_letters(left)}${top + 1}:${column_letters(right)}${bottom + 1}"


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _errors(archive: zipfile.ZipFile, sheet: str) -> dict[tuple[int, int], str]:
    """(row, col) → the error text of each error cell of a sheet, as Excel's client sends it."""
    text = archive.read(sheet_part(archive, sheet)).decode()
    return {(int(row) - 1, _column(col)): value for col, row, value in _ERROR_CELL.findall(text)}


def _readable(path: Path) -> bytes:
    """The package with every error stored as #N/A: python-calamine refuses Excel 365's newer errors."""
    copy = io.BytesIO()
    with zipfile.ZipFile(path) as archive, zipfile.ZipFile(copy, "w") as target:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = _ERROR_VALUE.sub(rb"\1#N/A\2", data)
            target.writestr(info.filename, data)
    return copy.getvalue()


def sent(value: Any, dates: Literal["iso", "serial"] = "iso") -> Any:
    """A cell value as Excel's client sends it."""
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime | dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        if dates == "serial":
            return (moment - EXCEL_EPOCH) / dt.timedelta(days=1)
        return moment.isoformat(timespec="milliseconds") + "Z"
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return value


def payload(path: Path, charts: dict[str, list[str]] | None = None,
            dates: Literal["iso", "serial"] = "iso") -> dict[str, Any]:
    """The book as the remote engine expects it: every sheet's values as the client sends them, its
    tables and charts."""
    book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(_readable(path)), load_tables=True)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in book.table_names or []:
        table = book.get_table_by_name(name)
        assert table.start is not None and table.end is not None, name
        (top, left), (bottom, right) = table.start, table.end
        tables.setdefault(table.sheet, []).append({
            "name": name, "range_address": _address(top - 1, left, bottom, right),
            "header_row_range_address": _address(top - 1, left, top - 1, right),
            "data_body_range_address": _address(top, left, bottom, right),
            "total_row_range_address": None, "show_headers": True, "show_totals": False,
            "table_style": "TableStyleLight9", "show_autofilter": True,
        })
    sheets = []
    with zipfile.ZipFile(path) as archive:
        for meta in book.sheets_metadata:
            values = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False) or [[""]]
            width = max(len(row) for row in values)
            grid = [[sent(value, dates) for value in row] + [""] * (width - len(row)) for row in values]
            for (r, c), error in _errors(archive, meta.name).items():
                grid[r][c] = error
            sheets.append({
                "name": meta.name, "values": grid,
                "pictures": [], "tables": tables.get(meta.name, []), "shapes": [], "pivot_tables": [],
                "charts": [{"name": n, "chart_type": "barClustered", "left": 0, "top": 0, "width": 480, "height": 270}
                           for n in (charts or {}).get(meta.name, [])],
            })
    book.close()
    return {"client": "Microsoft Office Scripts", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"},
            "names": [], "sheets": sheets}


def open_book(path: Path, charts: dict[str, list[str]] | None = None) -> xw.Book:
    """A remote-engine book holding the file's contents."""
    return xw.Book(json=payload(path, charts))


def actions(book: xw.Book) -> list[dict[str, Any]]:
    return book.json()["actions"]


def written_values(book: xw.Book) -> dict[str, dict[tuple[int, int], Any]]:
    """Sheet name → {(row, col): value} of every setValues action, sheets named as at the end."""
    names = [sheet.name for sheet in book.sheets]
    result: dict[str, dict[tuple[int, int], Any]] = {}
    for action in actions(book):
        if action["func"] == "setValues":
            cells = result.setdefault(names[action["sheet_position"]], {})
            for r, row in enumerate(action["values"]):
                for c, value in enumerate(row):
                    cells[(action["start_row"] + r, action["start_column"] + c)] = value
    return result
