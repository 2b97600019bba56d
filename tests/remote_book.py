"""An xlwings remote-engine book built from a workbook file, standing in for live Excel.

``xw.Book(json=...)`` records every action Excel would carry out; the helpers here build the
payload (what the xlwings add-in would send) and replay the recorded values per sheet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import python_calamine as calamine
import xlwings as xw

from xl_ladder.cells import column_letters


def _address(top: int, left: int, bottom: int, right: int) -> str:
    return f"${column_letters(left)}${top + 1}:${column_letters(right)}${bottom + 1}"


def payload(path: Path, charts: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The book as the remote engine expects it: every sheet's values, its tables and charts."""
    book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
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
    for meta in book.sheets_metadata:
        values = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False) or [[""]]
        width = max(len(row) for row in values)
        sheets.append({
            "name": meta.name, "values": [row + [""] * (width - len(row)) for row in values],
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
