"""The writer's parts against parts Excel itself saved (files from XlsxWriter's comparison tests, see
``tests/excel_saved/README.md``), ignoring only what Excel varies from machine to machine."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from xl_ladder.adapters.opc import (
    CHART_NS,
    CHART_PART,
    CONTENT_TYPES,
    DRAWING_NS,
    DRAWING_PART,
    MAIN_NS,
    REL_NS,
    SHEET_PART,
    TYPES,
    relationships,
    rels_path,
)
from xl_ladder.adapters.xlsx_package import replace_print_names
from xl_ladder.adapters.xlsx_results import print_names
from xl_ladder.adapters.xlsx_sheet import drawing_xml, rows_xml, write_page_setup, write_reference, write_sheet_views
from xl_ladder.adapters.xml_edit import XmlPart
from xl_ladder.adapters.xml_text import XmlWriter
from xl_ladder.layout import SCATTER, Chart, PrintSetup, SheetLayout

SAVED = Path(__file__).resolve().parent / "excel_saved"


def part(name: str, inside: str) -> str:
    with zipfile.ZipFile(SAVED / f"{name}.xlsx") as package:
        return package.read(inside).decode()


def sheet_data(name: str) -> str:
    """The ``<sheetData>`` of Excel's first sheet without ``spans`` (an optional hint Excel adds to each row)."""
    sheet = part(name, "xl/worksheets/sheet1.xml")
    data = sheet[sheet.index("<sheetData>") + len("<sheetData>"):sheet.index("</sheetData>")]
    return re.sub(r' spans="[^"]*"', "", data)


def test_booleans_as_excel_writes_them() -> None:
    assert "".join(rows_xml([0, 1], {0: {0: True}, 1: {0: False}}, {}, {}, lambda s: 0, ["A"])) == sheet_data("types02")


def test_numbers_as_excel_writes_them() -> None:
    assert "".join(rows_xml([0, 1], {0: {0: 0.5}, 1: {0: 0.5}}, {}, {}, lambda s: 0, ["A"])) == sheet_data("types03")


def test_row_heights_as_excel_writes_them() -> None:
    """Excel's rows are empty (``<row …/>``): their start tags are compared, each of ours holding one cell."""
    saved = sheet_data("set_row01")
    heights = {int(r) - 1: float(ht) for r, ht in re.findall(r'<row r="(\d+)" ht="([\d.]+)"', saved)}
    assert len(heights) == 11
    ours = "".join(rows_xml(sorted(heights), {r: {0: 1} for r in heights}, {}, heights, lambda s: 0, ["A"]))
    assert re.findall(r"<row [^>]*?(?=/?>)", ours) == re.findall(r"<row [^>]*?(?=/?>)", saved)


def test_print_area_and_titles_as_excel_writes_them() -> None:
    """Excel's workbook part, its defined names taken out and put back by the writer: the same bytes."""
    for name, printing in (("print_area02", PrintSetup(area=(0, 0, 1, 7))), ("repeat01", PrintSetup(title_rows=(0, 0)))):
        saved = part(name, "xl/workbook.xml")
        document = XmlPart(re.sub("<definedNames>.*</definedNames>", "", saved).encode())
        replace_print_names(document, {"Sheet1": print_names("Sheet1", SheetLayout("Sheet1", printing=printing))})
        assert document.bytes().decode() == saved


def test_page_setup_as_excel_writes_it() -> None:
    """Less the printer's resolution, which is the printer's."""
    saved = re.search(r"<pageSetup [^>]*/>", part("landscape01", "xl/worksheets/sheet1.xml"))
    assert saved is not None
    w = XmlWriter()
    write_page_setup(w, PrintSetup(fit_height=1))
    assert w.xml == re.sub(r' (horizontal|vertical)Dpi="\d+"', "", saved[0])


def test_frozen_pane_as_excel_writes_it() -> None:
    """The pane itself; the selection after it says where the cursor was, which is the analyst's."""
    saved = re.search(r"<pane [^>]*/>", part("panes01", "xl/worksheets/sheet1.xml"))
    assert saved is not None
    w = XmlWriter()
    write_sheet_views(w, (1, 0), True)
    assert re.findall(r"<pane [^>]*/>", w.xml) == [saved[0]]


def test_drawing_as_excel_writes_it() -> None:
    """The whole drawing part, less the offsets inside the corner cells (the writer anchors at cell edges) and
    Excel's CRLF after the declaration."""
    saved = part("chart_scatter01", "xl/drawings/drawing1.xml").replace("\r\n", "\n")
    saved = re.sub(r"<xdr:(col|row)Off>\d+</xdr:\1Off>", r"<xdr:\1Off>0</xdr:\1Off>", saved)
    assert drawing_xml([Chart("Chart 1", SCATTER, "", (0, 0, 5, 3), (8, 4, 22, 11))]) == saved


def test_series_values_as_excel_writes_them() -> None:
    chart = part("chart_scatter01", "xl/charts/chart1.xml")
    saved = re.search(r"<c:xVal>(.*?)</c:xVal>", chart)
    assert saved is not None
    w = XmlWriter()
    write_reference(w, "num", "Sheet1!$A$1:$A$5", [1.0, 2.0, 3.0, 4.0, 5.0])
    assert w.xml == saved[1]


def test_part_paths_relationships_and_content_types_are_excel_s() -> None:
    """Where Excel puts a sheet, its drawing and its chart, how each names the next, and their content types."""
    with zipfile.ZipFile(SAVED / "chart_scatter01.xlsx") as package:
        names = set(package.namelist())
        sheet, drawing, chart = SHEET_PART.format(1), DRAWING_PART.format(1), CHART_PART.format(1)
        assert {sheet, drawing, chart, rels_path(sheet), rels_path(drawing), CONTENT_TYPES} <= names
        links = {(source, kind.rpartition("/")[2], target)
                 for source in ("xl/workbook.xml", sheet, drawing)
                 for _, kind, target in relationships(source, package.read(rels_path(source)))}
        assert {("xl/workbook.xml", "worksheet", sheet), (sheet, "drawing", drawing), (drawing, "chart", chart)} <= links
        kinds = {kind for _, kind, _ in relationships("xl/workbook.xml", package.read(rels_path("xl/workbook.xml")))}
        assert f"{REL_NS}/worksheet" in kinds
        types = {e.get("PartName"): e.get("ContentType") for e in ElementTree.fromstring(package.read(CONTENT_TYPES))}
        assert types[f"/{sheet}"] == TYPES["worksheet"]
        assert types[f"/{drawing}"] == TYPES["drawing"]
        assert types[f"/{chart}"] == TYPES["chart"]
        assert ElementTree.fromstring(package.read(sheet)).tag == f"{{{MAIN_NS}}}worksheet"
        assert ElementTree.fromstring(package.read(drawing)).tag == f"{{{DRAWING_NS}}}wsDr"
        assert ElementTree.fromstring(package.read(chart)).tag == f"{{{CHART_NS}}}chartSpace"
