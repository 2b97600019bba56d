"""Live Excel through xlwings: read the measure table from the open book, write the result sheets.

Thin on purpose: the same core (pipeline, report) as the command line does the work. Every
xlwings call is a round trip to Excel, so values go in one assignment per sheet and each
format is set once per rectangle (:func:`~xl_ladder.layout.property_rectangles`); the number
of calls depends on the sheet's structure, not on its number of rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import xlwings as xw

from .. import report, sources
from ..cells import address, same_sheet, sheet_prefix
from ..context import CONTEXT_TABLE, SECTORS_TABLE
from ..layout import BAR, LINE_HEIGHT, SCATTER, Chart, SheetLayout, property_rectangles, runs
from ..pipeline import Checked, check_raw
from ..problems import Problem, Severity
from ..settings import SHEET as SETTINGS_SHEET
from ..settings import RawSettings, read_sheet
from ..sheet_names import CONTROL
from ..table import TABLE_NAME, RawTable, no_header, outside

TITLE = "Kansengroepen"


INPUT_TABLES = (TABLE_NAME, CONTEXT_TABLE, SECTORS_TABLE)
Found = tuple[RawTable, RawSettings, dict[str, RawTable], list[Problem]]
"""What the core needs from an open book: the measure table, the settings, the context tables, and what
finding them told (the arguments of :func:`~xl_ladder.pipeline.check_raw`)."""


def _read_table(sheet: xw.Sheet, table: Any) -> RawTable:
    """One input table as plain values, errors as their text (#N/A …) so the core reports them instead of
    reading "no data"; read with the row under it and two columns beside it in one call, so values typed
    just outside are named as on the file path."""
    whole = table.range
    top, left = whole.row - 1, whole.column - 1
    if table.header_row_range is None:  # Excel: Tabelontwerp → Kopregel switched off
        return no_header(sheet.name, top, left, table.name)
    bottom, right = top + whole.rows.count - 1, left + whole.columns.count - 1
    body = table.data_body_range.rows.count if table.data_body_range is not None else 0
    area = sheet.range((top + 1, left + 1), (bottom + 2, right + 3)).options(ndim=2, err_to_str=True).value
    width = right - left + 1
    filled = {(top + r, left + c) for r, row in enumerate(area) for c, value in enumerate(row) if value not in (None, "")}
    return RawTable(sheet.name, top, left, list(area[0][:width]), [row[:width] for row in area[1:1 + body]],
                    tuple(outside(sheet.name, table.name, filled, bottom + 1, right)))


def read_book(book: xw.Book) -> Found | None:
    """The input of an open book (None without the measure table), found as Excel finds names: the analyst's
    other tables are not read (one of them may well have no header row)."""
    sheets = list(book.sheets)
    tables = {table.name: (sheet, table) for sheet in sheets for table in sheet.tables}
    where = {name: address(sheet.name, table.range.row - 1, table.range.column - 1)
             for name, (sheet, table) in tables.items()}
    main = next((name for name in tables if name.casefold() == TABLE_NAME.casefold()), None)
    if main is None:
        return None
    found: list[Problem] = sources.find(TABLE_NAME, where, "tabel")[1]  # a copy beside it: not read, said
    extra = {}
    for wanted in (CONTEXT_TABLE, SECTORS_TABLE):
        name, near = sources.find(wanted, where, "tabel")
        found += near
        if name is not None:
            extra[wanted] = _read_table(*tables[name])
    settings, told = _read_settings(book, sheets, found)
    return _read_table(*tables[main]), settings, extra, found + told


def _read_settings(book: xw.Book, sheets: list[xw.Sheet], found: list[Problem]) -> tuple[RawSettings, list[Problem]]:
    """The settings sheet's cells from A1 to its last used cell (absent sheet: all defaults)."""
    name, near = sources.find(SETTINGS_SHEET, {sheet.name: f"{sheet_prefix(sheet.name)}!A1" for sheet in sheets}, "blad")
    found += near
    if name is None:
        return {}, []
    sheet = book.sheets[name]
    used = sheet.used_range
    last = (used.row + used.rows.count - 1, used.column + used.columns.count - 1)
    grid = sheet.range((1, 1), last).options(ndim=2, err_to_str=True).value
    return read_sheet(name, grid)


@contextmanager
def status(app: xw.App) -> Iterator[Any]:
    """Progress in Excel's status bar ("Vernieuwen: …"), always handed back to Excel at the end."""
    def show(text: str) -> None:
        with suppress(NotImplementedError):  # engines without a status bar (xlwings' remote engine)
            app.status_bar = f"Vernieuwen: {text}"

    try:
        yield show
    finally:
        with suppress(NotImplementedError):
            app.status_bar = False


CHART_TYPES = {BAR: "bar_clustered", SCATTER: "xy_scatter_lines"}
ROW_HEIGHT = 15.0
"""Points per row, to size a chart frame given in rows."""


def _grid(layout: SheetLayout) -> list[list[Any]]:
    """All blocks of a sheet as one rectangle of plain Python values (one assignment)."""
    cells = layout.cells()
    grid: list[list[Any]] = [[None] * (max(c for _, c in cells) + 1) for _ in range(max(r for r, _ in cells) + 1)]
    for (r, c), value in cells.items():
        grid[r][c] = value.item() if hasattr(value, "item") else value
    return grid


def _apply(target: xw.Range, name: str, value: Any) -> None:
    """Set one style property on a range."""
    if name == "number_format":
        target.number_format = value
    elif name == "fill":
        target.color = f"#{value}"
    elif name == "indent":
        target.adjust_indent(value)
    elif name == "wrap":
        target.wrap_text = value
    elif name == "align":
        with suppress(NotImplementedError):  # Office.js (Lite) and Windows align; other remote clients cannot
            target.horizontal_alignment = value
    elif name == "color":
        target.font.color = f"#{value}"
    else:
        setattr(target.font, name, value)


def write_sheet(book: xw.Book, layout: SheetLayout) -> None:
    """Write one result sheet: cleared, one values assignment, one call per format rectangle."""
    sheets = list(book.sheets)
    sheet = next((s for s in sheets if same_sheet(s.name, layout.name)), None)  # Excel ignores case here
    if sheet is not None:
        sheet.clear()
    else:
        sheet = book.sheets.add(layout.name, after=sheets[-1])
    sheet.range((1, 1)).value = _grid(layout)
    for name, value, row, col, rows, cols in property_rectangles(layout):
        _apply(sheet.range((row + 1, col + 1), (row + rows, col + cols)), name, value)
    for first, last, width in runs(layout.widths):
        sheet.range((1, first + 1), (1, last + 1)).column_width = width
    _set_heights(sheet, layout)
    if layout.freeze:
        sheet.freeze_panes.freeze_at(sheet.range((layout.freeze[0] + 1, layout.freeze[1] + 1)))
    for chart in layout.charts:
        _write_chart(sheet, chart)
    if layout.printing.area is not None:  # orientation, fit and footer are kept by the sheet (see README)
        row, col, rows, cols = layout.printing.area
        sheet.page_setup.print_area = sheet.range((row + 1, col + 1), (row + rows, col + cols)).address


def _set_heights(sheet: xw.Sheet, layout: SheetLayout) -> None:
    """Rows as tall as their wrapped or large text: on a sheet of the usual line height Excel fits them
    itself, one call for all; a sheet with its own line height (the page) gets it, then its taller runs."""
    if not layout.heights:
        return
    first, last = min(layout.heights), max(layout.heights)
    base = layout.line_height
    if base == LINE_HEIGHT:
        width = max(c for _, c in layout.cells()) + 1
        sheet.range((first + 1, 1), (last + 1, width)).rows.autofit()
        return
    sheet.range((1, 1), (last + 1, 1)).row_height = base  # every row its line height first: one call
    for top, bottom, height in runs({r: h for r, h in layout.heights.items() if h != base}):
        sheet.range((top + 1, 1), (bottom + 1, 1)).row_height = height


def _write_chart(sheet: xw.Sheet, chart: Chart) -> None:
    """Point the sheet's chart at its data block, creating it the first time; it then follows the numbers."""
    top, left, rows, cols = chart.source
    source = sheet.range((top + 1, left + 1), (top + rows, left + cols))
    existing = [c for c in sheet.charts if c.name == chart.name]
    if existing:
        existing[0].set_source_data(source)
        return
    r1, c1, r2, _ = chart.anchor
    added = sheet.charts.add(anchor=sheet.range((r1 + 1, c1 + 1)), width=480, height=ROW_HEIGHT * (r2 - r1),
                             chart_type=CHART_TYPES[chart.kind], name=chart.name)
    added.set_source_data(source)


def refresh(book: xw.Book) -> Checked | None:
    """The Vernieuwen button: check, compute and write the result sheets of the open book.

    Problems go to the Controle sheet and a Dutch alert; with errors, only Controle is written.
    """
    app = book.app
    with status(app) as show:
        show("tabel lezen")
        found = read_book(book)
        if found is None:
            app.alert(f"Geen Excel-tabel '{TABLE_NAME}' gevonden in deze werkmap.", title=TITLE)
            return None
        checked = check_raw(*found)
        show("resultaatbladen schrijven")
        layouts = report.build(checked.ladder, checked.problems, checked.context) if checked.ladder else [
            report.control_sheet(None, checked.problems)]
        inputs = [found[0].sheet, *(table.sheet for table in found[2].values())]
        layouts = [layout for layout in layouts if not any(same_sheet(layout.name, sheet) for sheet in inputs)]
        for layout in layouts:
            write_sheet(book, layout)
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    listed = any(layout.name == CONTROL for layout in layouts)
    see = (f"zie het blad {CONTROL}" if listed else
           f"het blad {CONTROL} bevat uw invoer en is niet overschreven")
    if errors:
        app.alert(f"{len(errors)} fout(en) in de invoer; {see}.\n" + str(errors[0]), title=TITLE)
    elif checked.problems:
        app.alert(f"Vernieuwd, met {len(checked.problems)} waarschuwing(en); {see}.", title=TITLE)
    return checked


def button(book: xw.Book) -> None:
    """What the Vernieuwen button runs: the refresh, with any failure as a Dutch alert, never a traceback."""
    try:
        refresh(book)
    except Exception as error:  # the analyst sees a message box, whatever went wrong
        book.app.alert(f"Vernieuwen is mislukt: {type(error).__name__}: {error}", title=TITLE)
