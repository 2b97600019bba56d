"""Result sheets put into a workbook package: each sheet's part, drawing, charts and print names.

:func:`write_sheets` is the refresh's writer: the workbook's own parts stay as they were
(:mod:`.xlsx_package`), the file is replaced all or nothing (:mod:`.file_writer`).
"""

from __future__ import annotations

from pathlib import Path

from ..cells import column_letters, sheet_prefix
from ..layout import SheetLayout
from ..problems import os_error_text
from . import formula_cache, xlsx_sheet
from .file_writer import Stamp, WriteError, refusal, stamp, write_atomically
from .opc import CHART_PART, DRAWING_PART, TYPES
from .xlsx_package import PRINT_NAMES, Package


def put_sheet(package: Package, layout: SheetLayout) -> None:
    """Write one result sheet (its drawing and charts, its print area and title rows) into the package."""
    part, name = package.sheet_part(layout.name)
    drawing_rel = None
    if layout.charts:
        drawing = package.unused(DRAWING_PART)
        drawing_rel = package.add_relationship(part, "drawing", drawing)
        package.set_bytes(drawing, xlsx_sheet.drawing_xml(layout.charts).encode())
        package.set_content_type(drawing, TYPES["drawing"])
        values = layout.cells()
        for number, chart in enumerate(layout.charts, start=1):
            target = package.unused(CHART_PART)
            package.set_bytes(target, xlsx_sheet.chart_xml(chart, name, lambda r, c: values.get((r, c))).encode())
            if package.add_relationship(drawing, "chart", target) != f"rId{number}":  # the drawing names them so
                raise WriteError(f"tekening {drawing}: onverwachte relatie voor grafiek {number}; er is niets geschreven")
            package.set_content_type(target, TYPES["chart"])
    package.set_bytes(part, "".join(xlsx_sheet.sheet_xml(layout, package.styles.index, drawing_rel)).encode())
    package.set_content_type(part, TYPES["worksheet"])
    package.set_print_names(name, print_names(name, layout))


def write_sheet_alone(source: Path, target: Path, layouts: list[SheetLayout], sheet: str) -> None:
    """A new file ``target``: the workbook with ``layouts`` written and only ``sheet`` visible (for printing it)."""
    package = Package(source)
    for layout in layouts:
        put_sheet(package, layout)
    package.drop_stale_calc_chain()
    package.show_only(sheet)
    with target.open("xb") as handle:
        package.save(handle)


def print_names(sheet: str, layout: SheetLayout) -> dict[str, str]:
    """The defined names that hold a sheet's print area and title rows, with what they refer to."""
    printing, names = layout.printing, {}
    if printing.area is not None:
        row, col, rows, cols = printing.area
        names[PRINT_NAMES[0]] = (f"{sheet_prefix(sheet)}!${column_letters(col)}${row + 1}:"
                                 f"${column_letters(col + cols - 1)}${row + rows}")
    if printing.title_rows is not None:
        first, last = printing.title_rows
        names[PRINT_NAMES[1]] = f"{sheet_prefix(sheet)}!${first + 1}:${last + 1}"
    return names


def write_sheets(source: Path, target: Path, layouts: list[SheetLayout], read: Stamp | None = None,
                 tables: formula_cache.Tables | None = None) -> None:
    """Put ``layouts`` into the workbook ``source`` and save the result as ``target``.

    ``read`` is the source's :func:`stamp` when its figures were read: if another program saved
    the file since, nothing is written (its changes would be lost, or the figures be stale). ``tables``
    (name → rows, header first, as read) recompute the cached values of the worksheet-function cells
    (:mod:`.formula_cache`).
    """
    if refused := refusal(target):
        raise WriteError(refused)
    package = Package(source)
    package.match_extension(target)
    for layout in layouts:
        put_sheet(package, layout)
    package.drop_stale_calc_chain()
    if tables:
        shared = formula_cache.shared_strings(package.parts.get("xl/sharedStrings.xml", b""))
        for part in [name for name in package.parts if name.startswith("xl/worksheets/") and name.endswith(".xml")]:
            package.set_bytes(part, formula_cache.rewrite(package.parts[part], tables, shared))

    def unchanged() -> None:
        if read is not None and stamp(source) != read:
            raise WriteError(f"{source.name} is intussen gewijzigd door een ander programma: er is niets geschreven, "
                             "zodat die wijzigingen niet verloren gaan; vernieuw opnieuw")

    try:
        write_atomically(target, package.save, unchanged)
    except OSError as error:
        raise WriteError(f"{target.name} kon niet geschreven worden: {os_error_text(error)}") from error
