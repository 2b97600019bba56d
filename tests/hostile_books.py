"""The workbooks of the hostile rounds (issues 20 and 27): the shipped workbook edited the way a mistake is made,
and what a case expects of its result sheets. Shared by ``test_hostile`` and ``test_hostile3``."""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as calamine
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.table import TableColumn

from xl_ladder.shell.workflow import check_file, refresh_file

from . import every_path
from .case_books import Standard, add_column, assert_expected
from .case_books import build_standard as standard_build
from .helpers import by_label

M, S, C, SE = "Maatregelen!", "Instellingen!", "Context!", "Sectoren!"
E, W = "fout", "waarschuwing"
WVL, VG = "West-Vlaanderen", "Vlaams Gewest"

PARTS = ["Brugge", "Oostende", "Westhoek", "Zuid-West-Vlaanderen", "Midden-West-Vlaanderen",
         "Niet toe te wijzen aan een regio"]
PLACES = {"Brugge": 11044, "Oostende": 5346, "Westhoek": 8327, "Zuid-West-Vlaanderen": 15852,
          "Midden-West-Vlaanderen": 11916, "Niet toe te wijzen aan een regio": 303}
"""Places on treden 5+4+3 per part, 2020 (tests/reference/regions.csv); they add up to 52.788."""
SECTORS_WVL = {"Sector geestelijke gezondheidszorg": 472, "Sector zorg voor personen met een handicap": 352,
               "Algemeen welzijnswerk": 87, "Sector van de sociale economie": 510, "Andere": 74}
"""Trede 3 by sector, West-Vlaanderen 2020 (tests/reference/trede3_sectors.csv): 1.495 in all."""

Sheets = dict[str, list[list[Any]]]


# --------------------------------------------------------------------------------------------
# making workbooks
# --------------------------------------------------------------------------------------------


def edit_part(part: str, old: str, new: str) -> Callable[[Path], None]:
    """Change a package part's text, as another program saving the file would."""
    def change(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            data = {info.filename: archive.read(info) for info in archive.infolist()}
        text = data[part].decode()
        assert old in text, (part, old)
        data[part] = text.replace(old, new, 1).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in data.items():
                archive.writestr(name, content)
    return change


def inline(ref: str, text: str) -> str:
    """A cell holding ``text`` as an inline string (as Excel stores a typed line break: a real line feed)."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def table_column(sheet: str, title: str, values: dict[int, Any]) -> Callable[[openpyxl.Workbook], None]:
    """Add a column at the right of the sheet's table, as Excel does when a title is typed beside it."""
    def change(book: openpyxl.Workbook) -> None:
        worksheet = book[sheet]
        table = worksheet.tables[sheet]
        first, last = table.ref.split(":")
        row = int(re.sub(r"\D", "", last))
        letter = get_column_letter(column_index_from_string(re.sub(r"\d", "", last)) + 1)
        worksheet[f"{letter}1"] = title
        for r, value in values.items():
            worksheet[f"{letter}{r}"] = value
        table.ref = f"{first}:{letter}{row}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
        table.tableColumns.append(TableColumn(id=len(table.tableColumns) + 1, name=title))
    return change


def table_row(sheet: str, values: dict[str, Any]) -> Callable[[openpyxl.Workbook], None]:
    """Add a row under the sheet's table, as Excel does when a value is typed right under it (by column letter)."""
    def change(book: openpyxl.Workbook) -> None:
        worksheet = book[sheet]
        table = worksheet.tables[sheet]
        first, last = table.ref.split(":")
        row = int(re.sub(r"\D", "", last)) + 1
        for column, value in values.items():
            worksheet[f"{column}{row}"] = value
        right = re.sub(r"\d", "", last)
        table.ref = f"{first}:{right}{row}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref
    return change


def rename_sheet(old: str, new: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book[old].title = "tijdelijk"  # openpyxl would make 'instellingen' 'instellingen1': it compares like Excel
        book["tijdelijk"].title = new
    return change


def rename_table(sheet: str, new: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        table = book[sheet].tables[sheet]
        del book[sheet].tables[sheet]
        table.name = table.displayName = new
        book[sheet].add_table(table)
    return change


def copy_settings_sheet(title: str) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book.copy_worksheet(book["Instellingen"]).title = title
    return change


def shift_settings(book: openpyxl.Workbook) -> None:
    """A column inserted before the settings: labels in B, values in C."""
    book["Instellingen"].insert_cols(1)


def clear_column(sheet: str, column: str, rows: range) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        for r in rows:
            book[sheet][f"{column}{r}"] = None
    return change


def columns(*titles: str) -> Callable[[list[list[str]]], None]:
    """Empty figure columns added to the measure table (next year's, prepared in advance)."""
    def change(rows: list[list[str]]) -> None:
        for title in titles:
            add_column(title)(rows)
    return change


def several(*changes: Callable[[openpyxl.Workbook], None]) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        for one in changes:
            one(book)
    return change


@dataclass(frozen=True, kw_only=True)
class Hostile(Standard):
    """One hostile input, in its class of issue 20, and the exact answer expected (what a case of
    test_input_standard.py holds, and more)."""

    kind: int = 0
    """The class of issue 20 (1 headers … 10 every path)."""
    edit: Callable[[Path], None] | None = None
    """A change at package level, last (another program's save)."""
    figures: dict[tuple[str, str, int], float | None] = field(default_factory=dict)
    """(code, region, year) → the value computed (None: no data)."""
    sheets: Callable[[Sheets], None] | None = None
    """Assertions on the result sheets of the refreshed workbook."""
    settings: tuple[str, str, int | None, int] | None = None
    """(focus, reference, base year, report year) the workbook is computed with (base year None: no evolution)."""


def build(tmp_path: Path, case: Hostile) -> Path:
    path = standard_build(tmp_path, case)
    if case.edit:
        case.edit(path)
    return path


def result_sheets(path: Path) -> Sheets:
    """The result sheets of a refreshed copy, as any reader sees them."""
    copy = path.with_name("vernieuwd.xlsm")
    copy.write_bytes(path.read_bytes())
    checked = refresh_file(copy)
    assert checked.ladder is not None, [str(p) for p in checked.problems]
    book = calamine.CalamineWorkbook.from_path(str(copy))
    found = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    book.close()
    return found


def texts(grid: list[list[Any]]) -> list[str]:
    return [cell for row in grid for cell in row if isinstance(cell, str)]


# --------------------------------------------------------------------------------------------
# what the sheets must show
# --------------------------------------------------------------------------------------------


def regions_are(names: list[str], places_sum: float | None, note: str | None = None) -> Callable[[Sheets], None]:
    """The sheet Regio's lists exactly ``names`` as parts, their places summed to ``places_sum`` (None:
    incomplete, the cell empty), and a note holding ``note``."""
    def check(sheets: Sheets) -> None:
        grid = sheets["Regio's"]
        rows = [row[0] for row in grid[4:] if row and row[0]]
        listed = rows[:rows.index("Som van de regio's")]
        assert listed == names
        total = by_label(grid)["Som van de regio's"][1]
        assert total == ("" if places_sum is None else places_sum)
        if note:
            assert any(note in text for text in texts(grid)), texts(grid)
    return check


def sectors_are(total: float | None, shares: bool, note: str | None = None) -> Callable[[Sheets], None]:
    """Trede 3: West-Vlaanderen's total (None: incomplete, empty), its shares there or not, a note."""
    def check(sheets: Sheets) -> None:
        grid = sheets["Trede 3"]
        rows = by_label(grid)
        assert rows["Totaal"][1] == ("" if total is None else total)
        assert rows["Totaal"][2] == 6295  # Vlaams Gewest complete: 2.074 + 1.728 + 632 + 1.768 + 93
        assert (rows["Andere"][3] != "") is shares
        if shares:
            assert rows["Andere"][3] == pytest.approx(74 / 1495)
        if note:
            assert any(note in text for text in texts(grid)), texts(grid)
    return check


def salaried_read(sheets: Sheets) -> None:
    """The salaried jobs of West-Vlaanderen are read (438.131), and give 12,0 places per 100 (52.790 / 438.131)."""
    row = by_label(sheets["Regio's"])[WVL]
    assert row[2] == 438131 and round(row[7], 1) == 12.0


MISSING_BRUGGE = "De som van de regio's (plaatsen) is onvolledig, ontbreekt: Brugge; de som van de gekende regio's is 41.744"
"""52.788 − 11.044 = 41.744."""


def assert_case(path: Path, case: Hostile) -> None:
    """A hostile case's verdict on its workbook: the problems, the figures read, the settings used, the result
    sheets, and (unless file-only) the same verdict through live Excel."""
    checked = check_file(path)
    assert_expected(checked, case)
    if case.figures:
        assert checked.ladder is not None
        frame = checked.ladder.tidy()
        for (code, region, year), value in case.figures.items():
            (found,) = frame[(frame.code == code) & (frame.region == region) & (frame.year == year)].value.tolist()
            assert (math.isnan(found) if value is None else found == value), (code, region, year, found)
    if case.settings:
        assert checked.ladder is not None
        used = checked.ladder.settings
        assert (used.focus, used.reference, used.base_year, used.report_year) == case.settings
    if case.sheets:
        case.sheets(result_sheets(path))
    if not case.file_only:
        every_path.assert_same(path, checked)
