"""Read the measure table and the settings from a workbook file, without ever writing to it.

python-calamine reads values (the cached ones for formula cells) several times faster than
openpyxl; the file is opened read-only and never saved.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import python_calamine as calamine

from ..cells import address
from ..problems import InputError, Problem, Severity
from ..settings import SHEET as SETTINGS_SHEET, RawSettings
from ..table import TABLE_NAME, RawTable


@dataclass(frozen=True)
class WorkbookInput:
    """What the core needs from a workbook file."""

    table: RawTable
    settings: RawSettings


def _fail(path: Path, message: str) -> InputError:
    return InputError([Problem(Severity.ERROR, path.name, message)])


def read_workbook(path: Path) -> WorkbookInput:
    """Read the ``Maatregelen`` table and the ``Instellingen`` sheet; raise :class:`InputError` with a Dutch message."""
    if not path.is_file():
        raise _fail(path, "bestand niet gevonden")
    if not zipfile.is_zipfile(path):
        raise _fail(path, "dit is geen Excel-werkmap (.xlsm/.xlsx)")
    try:
        book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise _fail(path, f"de werkmap kan niet gelezen worden ({type(error).__name__}: {error})") from error
    try:
        names = {name.casefold(): name for name in book.table_names or []}
        if TABLE_NAME.casefold() not in names:
            raise _fail(path, f"geen Excel-tabel '{TABLE_NAME}' gevonden (Invoegen > Tabel, tabelnaam '{TABLE_NAME}')")
        found = book.get_table_by_name(names[TABLE_NAME.casefold()])
        top, left = found.start or (1, 0)
        table = RawTable(found.sheet, top - 1, left, list(found.columns), found.to_python())
        return WorkbookInput(table, _read_settings(book))
    finally:
        book.close()


def _read_settings(book: calamine.CalamineWorkbook) -> RawSettings:
    """Label in column A, value in column B of the settings sheet (absent sheet: all defaults)."""
    if SETTINGS_SHEET not in book.sheet_names:
        return {}
    grid = book.get_sheet_by_name(SETTINGS_SHEET).to_python(skip_empty_area=False)
    result: RawSettings = {}
    for r, row in enumerate(grid):
        if row and isinstance(row[0], str) and row[0].strip():
            value = row[1] if len(row) > 1 and row[1] != "" else None
            result[row[0].strip()] = (value, address(SETTINGS_SHEET, r, 1))
    return result
