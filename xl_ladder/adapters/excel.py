"""Live Excel through xlwings: read the measure table from the open book, write the result sheets.

Thin on purpose: the same core (workflow, report) as the command line does the work. Every
xlwings call is a round trip to Excel, so values go in one assignment per sheet and each
format is set once per rectangle (:func:`~xl_ladder.layout.property_rectangles`); the number
of calls depends on the sheet's structure, not on its number of rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import xlwings as xw

from .. import report
from ..cells import address, same_sheet
from ..context import CONTEXT_TABLE, SECTORS_TABLE
from ..layout import Chart, SheetLayout, property_rectangles
from ..pipeline import Checked, check_raw
from ..problems import Problem, Severity
from ..settings import SHEET as SETTINGS_SHEET
from ..settings import RawSettings, collect
from ..table import TABLE_NAME, RawTable

TITLE = "Kansengroepen"


INPUT_TABLES = (TABLE_NAME, CONTEXT_TABLE, SECTORS_TABLE)


def _tables(book: xw.Book) -> dict[str, RawTable]:
    """The input tables of the open book as plain values, by lower-cased name; the analyst's other
    tables are not read (one of them may well have no header row)."""
    wanted = {name.casefold() for name in INPUT_TABLES}
    found = {}
    for sheet in book.sheets:
        for table in sheet.tables:
            if table.name.casefold() not in wanted:
                continue
            top, left = table.range.row - 1, table.range.column - 1
            if table.header_row_range is None:  # Excel: Tabelontwerp → Kopregel switched off
                found[table.name.casefold()] = RawTable(sheet.name, top, left, [], [], (Problem(
                    Severity.ERROR, address(sheet.name, top, left),
                    f"de tabel {table.name} heeft geen kopregel: zet ze aan (Tabelontwerp → Kopregel), "
                    "de kolommen worden aan hun titel herkend"),))
                continue
            # Error cells as text (#N/A …) so the core reports them instead of reading "no data".
            body = (table.data_body_range.options(ndim=2, err_to_str=True).value
                    if table.data_body_range is not None else [])
            found[table.name.casefold()] = RawTable(sheet.name, top, left, list(table.header_row_range.value), body)
    return found


def read_book(book: xw.Book) -> tuple[RawTable, RawSettings, dict[str, RawTable]] | None:
    """The measure table, the settings and the context tables of an open book (None without the table)."""
    tables = _tables(book)
    if TABLE_NAME.casefold() not in tables:
        return None
    extra = {name: tables[name.casefold()] for name in (CONTEXT_TABLE, SECTORS_TABLE) if name.casefold() in tables}
    return tables[TABLE_NAME.casefold()], _read_settings(book), extra


def _read_settings(book: xw.Book) -> RawSettings:
    names = [sheet.name for sheet in book.sheets]
    if SETTINGS_SHEET not in names:
        return {}
    used = book.sheets[SETTINGS_SHEET].used_range
    column = xw.utils.col_name(used.column + 1)
    return collect((row[0], row[1], f"{SETTINGS_SHEET}!{column}{used.row + r}")
                   for r, row in enumerate(used.options(ndim=2, err_to_str=True).value) if row and len(row) > 1)


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


CHART_TYPES = {"bar": "bar_clustered", "line": "line_markers"}
ROW_HEIGHT = 15.0
"""Points per row, to size a chart frame given in rows."""


def _grid(layout: SheetLayout) -> list[list[Any]]:
    """All blocks of a sheet as one rectangle of plain Python values (one assignment)."""
    cells = layout.cells()
    grid: list[list[Any]] = [[None] * (max(c for _, c in cells) + 1) for _ in range(max(r for r, _ in cells) + 1)]
    for (r, c), value in cells.items():
        grid[r][c] = value.item() if hasattr(value, "item") else value
    return grid


def _width_runs(widths: dict[int, float]) -> list[tuple[int, int, float]]:
    """Adjacent columns of equal width as (first, last, width): one call each."""
    runs: list[tuple[int, int, float]] = []
    for col, width in sorted(widths.items()):
        if runs and runs[-1][1] == col - 1 and runs[-1][2] == width:
            runs[-1] = (runs[-1][0], col, width)
        else:
            runs.append((col, col, width))
    return runs


def _apply(target: xw.Range, name: str, value: Any) -> None:
    """Set one style property on a range."""
    if name == "number_format":
        target.number_format = value
    elif name == "fill":
        target.color = f"#{value}"
    elif name == "indent":
        target.adjust_indent(value)
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
    for first, last, width in _width_runs(layout.widths):
        sheet.range((1, first + 1), (1, last + 1)).column_width = width
    if layout.freeze:
        sheet.freeze_panes.freeze_at(sheet.range((layout.freeze[0] + 1, layout.freeze[1] + 1)))
    if layout.chart:
        _write_chart(sheet, layout.chart)


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
    listed = any(layout.name == report.CONTROL for layout in layouts)
    see = (f"zie het blad {report.CONTROL}" if listed else
           f"het blad {report.CONTROL} bevat uw invoer en is niet overschreven")
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
