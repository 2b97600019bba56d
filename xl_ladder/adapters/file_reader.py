"""Read the measure table, the context tables and the settings from a workbook file, never writing to it.

python-calamine reads values (the cached ones for formula cells) several times faster than
openpyxl; the file is opened read-only and never saved. The package is refused first if it is
hostile (:mod:`.package_guard`); what the values cannot show (errors, formulas without a result,
merges, cells just outside a table) comes from the sheet XML (:mod:`.sheet_scan`). Tables and the
settings sheet are found as Excel finds them.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine
from defusedxml import ElementTree

from .. import sources
from ..cells import address, sheet_prefix
from ..context import CONTEXT_TABLE, SECTORS_TABLE
from ..problems import Problem, Severity, strict_workbook
from ..settings import SHEET as SETTINGS_SHEET
from ..settings import RawSettings, read_sheet
from ..table import TABLE_NAME, RawTable, no_header, outside
from .opc import MAIN_NS, REL_NS
from .package_guard import BROKEN, SheetUnreadable, damaged, fail, main_part, open_package, part_relationships
from .sheet_scan import Cells, Scan, Strings, area, scan_part, stored, table_part, unescape

STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
"""The main namespace of a workbook saved as *Strict Open XML* (ISO 29500 strict), which the readers do not read."""

EXTRA_TABLES = (CONTEXT_TABLE, SECTORS_TABLE)

_UNREADABLE_ERROR = "Unsupported cell error value"
"""How python-calamine refuses a sheet holding an error value it does not know (``#SPILL!``, ``#CALC!``, …)."""
_ERROR_VALUE = re.compile(rb"(<(?:[\w.-]+:)?c\b[^>]*\bt\s*=\s*[\"']e[\"'][^>]*>(?:(?!</(?:[\w.-]+:)?c>).)*?"
                          rb"<(?:[\w.-]+:)?v>)[^<]*(<)", re.S)
"""The stored value of a cell of type ``e`` (an Excel error)."""


@dataclass(frozen=True)
class WorkbookInput:
    """What the core needs from a workbook file."""

    table: RawTable
    settings: RawSettings
    extra: dict[str, RawTable] = field(default_factory=dict)
    """The context tables present (Context, Sectoren), by name."""
    found: list[Problem] = field(default_factory=list)
    """What finding the input told (a sheet or table under a name that nearly matches, settings moved)."""


@dataclass(frozen=True)
class _Table:
    """An Excel table as its part describes it: where it is and its own column names."""

    name: str
    sheet: str
    part: str
    """The part of its sheet."""
    top: int
    left: int
    bottom: int
    right: int
    headers: int
    """Header rows: 1, or 0 when switched off."""
    totals: int
    """Rows of its totals row (Excel's *Totaalrij*), under the body."""
    columns: tuple[str, ...]


def read_workbook(path: Path) -> WorkbookInput:
    """Read the ``Maatregelen`` table and the ``Instellingen`` sheet; raise :class:`InputError` with a Dutch message."""
    try:
        with open_package(path) as archive:
            try:
                return _read_input(path, archive, _open(path))
            except calamine.CalamineError as error:
                if _UNREADABLE_ERROR not in str(error):
                    raise
            return _read_input(path, archive, _open(path, _masked(archive)))
    except BROKEN as error:
        raise fail(path, f"de werkmap is beschadigd: {damaged(error)}") from error


def _open(path: Path, data: bytes | None = None) -> calamine.CalamineWorkbook:
    """The workbook opened by python-calamine, from the file or from a copy of its bytes."""
    try:
        if data is None:
            return calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data), load_tables=True)
    except Exception as error:  # calamine raises several unrelated types for broken files
        cause = f": {damaged(error)}" if isinstance(error, BROKEN) else ""
        raise fail(path, f"de werkmap kan niet gelezen worden{cause}") from error


def _read_input(path: Path, archive: zipfile.ZipFile, book: calamine.CalamineWorkbook) -> WorkbookInput:
    """The tables and the settings, from the package and calamine's view of it (closed afterwards).

    Tables and the settings sheet are found as Excel finds them (:mod:`xl_ladder.sources`); each sheet
    is read once, however many tables it holds.
    """
    try:
        if STRICT_NS.encode() in archive.read(main_part(archive) or ""):  # else: "geen Excel-tabel" (issue 27)
            raise fail(path, strict_workbook())
        sheets = _sheet_parts(archive)
        tables = {table.name: table for table in _table_parts(archive, sheets)}
        main = next((table for name, table in tables.items() if name.casefold() == TABLE_NAME.casefold()), None)
        if main is None:
            others = f" (wel: {', '.join(repr(n) for n in tables)})" if tables else ""
            raise fail(path, f"geen Excel-tabel '{TABLE_NAME}' gevonden{others}: selecteer de cijfers, "
                              f"Invoegen > Tabel, en noem de tabel '{TABLE_NAME}'")
        where = {name: address(table.sheet, table.top, table.left) for name, table in tables.items()}
        found: list[Problem] = sources.find(TABLE_NAME, where, "tabel")[1]  # a copy beside it: not read, said
        extra = {}
        for wanted in EXTRA_TABLES:
            name, near = sources.find(wanted, where, "tabel")
            found += near
            if name is not None:
                extra[wanted] = _read_table(book, archive, tables[name])
        sheet, near = sources.find(SETTINGS_SHEET, {name: f"{sheet_prefix(name)}!A1" for name in sheets}, "blad")
        settings, told = _read_settings(book, archive, sheets, sheet)
        return WorkbookInput(_read_table(book, archive, main), settings, extra, found + near + told)
    finally:
        book.close()


def _masked(archive: zipfile.ZipFile) -> bytes:
    """The package with every Excel error value stored as ``#N/A``, which calamine reads.

    Only the values calamine sees change; the sheet scan reads the original parts and reports each
    error, ``#SPILL!`` and the like included, at its cell. Used only after calamine refused a sheet
    (python-calamine 0.x knows only the seven classic errors), so the usual read costs nothing more.
    """
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("xl/worksheets/") and b"#" in data:
                data = _ERROR_VALUE.sub(rb"\1#N/A\2", data)
            target.writestr(info.filename, data)
    return copy.getvalue()


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package."""
    workbook = main_part(archive) or ""
    rels = part_relationships(archive, workbook)
    root = ElementTree.fromstring(archive.read(workbook))
    found = {
        sheet.get("name", ""): rels[sheet.get(f"{{{REL_NS}}}id", "")][1]
        for sheet in root.iter(f"{{{MAIN_NS}}}sheet") if sheet.get(f"{{{REL_NS}}}id", "") in rels
    }
    for part in found.values():
        if part not in archive.namelist():  # python-calamine would say "File not found", in English
            raise KeyError(f"'{part}'")
    return found


def _table_parts(archive: zipfile.ZipFile, sheets: dict[str, str]) -> list[_Table]:
    """Every Excel table of the workbook, from its part: name, place, header and totals rows, column names."""
    found = []
    for sheet, part in sheets.items():
        for kind, target in part_relationships(archive, part).values():
            if not kind.endswith("/table") or target not in archive.namelist():
                continue
            attrs, columns = table_part(archive.read(target))
            where = area(attrs.get("ref", ""))
            if where is not None:
                found.append(_Table(attrs.get("displayName") or attrs.get("name") or "", sheet, part, *where,
                                    int(attrs.get("headerRowCount") or 1), int(attrs.get("totalsRowCount") or 0),
                                    tuple(map(unescape, columns))))
    return found


def _read_table(book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, table: _Table) -> RawTable:
    """An Excel table: its header cells and its column names (both, as other programs may change one), its
    body, and what plain values cannot carry (errors, merged cells, cells just outside it)."""
    if not table.headers:
        return no_header(table.sheet, table.top, table.left, table.name)
    try:
        rows: list[list[Any]] = book.get_table_by_name(table.name).to_python()  # faster than the whole sheet
    except (ValueError, calamine.CalamineError) as error:
        raise SheetUnreadable(table.sheet) from error
    width, bottom = table.right - table.left + 1, table.bottom - table.totals
    data = archive.read(table.part)
    header = _header(archive, data, table)
    if header is None:  # rows stored without their number: calamine's grid
        grid = book.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
        header = grid[table.top][table.left:table.right + 1] if table.top < len(grid) else []
    below = table.bottom + 1
    scan = scan_part(data, range(table.top, below + 1), range(table.left, table.right + 3), outside=(below, table.right + 1))
    for (r, c), bad in scan.bad.items():
        if table.top < r <= bottom and c <= table.right:
            rows[r - table.top - 1][c - table.left] = bad
    problems = [Problem(Severity.ERROR, address(table.sheet, *start),
                        f"cellen {ref} zijn samengevoegd: in de tabel {table.name} hoort elke cel een eigen waarde; "
                        "maak de samenvoeging ongedaan") for ref, start, end in scan.merged
                if start[0] <= bottom and end[0] >= table.top and start[1] <= table.right and end[1] >= table.left]
    problems += outside(table.sheet, table.name, scan.filled, below, table.right)
    return RawTable(table.sheet, table.top, table.left, header + [""] * (width - len(header)), rows, tuple(problems),
                    table.columns)


_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")


def _header(archive: zipfile.ZipFile, data: bytes, table: _Table) -> list[Any] | None:
    """The header cells of a table as the sheet holds them, from its row alone (the sheet itself is read by
    calamine only as the table's body); None when the sheet's rows carry no number."""
    start = re.search(rb"<(?:[\w.-]+:)?row\b[^>]*?\br\s*=\s*[\"']%d[\"'][^>]*?(/?)>" % (table.top + 1), data)
    if start is None:
        return None
    end = _ROW_END.search(data, start.end()) if not start[1] else start
    if end is None:
        return None
    found = Scan(kept={})
    Cells(found, range(table.top, table.top + 1), range(table.left, table.right + 1)).read(data[start.start():end.end()])
    kept = found.kept or {}
    strings = _shared_strings(archive, {int(text) for kind, text in kept.values() if kind == "s" and text.isdigit()})
    header: list[Any] = [""] * (table.right - table.left + 1)
    for (_, c), (kind, text) in kept.items():
        header[c - table.left] = stored(kind, text, strings)
    return header


def _shared_strings(archive: zipfile.ZipFile, needed: set[int]) -> dict[int, str]:
    """The shared strings of ``needed`` indices, streamed only as far as the last of them."""
    rels = part_relationships(archive, main_part(archive) or "")
    part = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
    if not needed or part is None or part not in archive.namelist():
        return {}
    with archive.open(part) as stream:
        return Strings(needed).read(stream)


def _read_settings(book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, sheets: dict[str, str],
                   sheet: str | None) -> tuple[RawSettings, list[Problem]]:
    """The settings sheet's cells from A1 on, errors located (absent sheet: all defaults)."""
    if sheet is None:
        return {}, []
    try:
        grid: list[list[Any]] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except (ValueError, calamine.CalamineError) as error:
        raise SheetUnreadable(sheet) from error
    width = max((len(row) for row in grid), default=0)
    for (r, c), bad in scan_part(archive.read(sheets[sheet]), range(len(grid)), range(width)).bad.items():
        grid[r][c] = bad
    return read_sheet(sheet, grid)
