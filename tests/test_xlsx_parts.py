"""The part-level writer's pieces, element by element, against exact expected strings (XlsxWriter's habit)."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from xl_ladder.adapters.xlsx_package import _copy_compressed
from xl_ladder.adapters.xlsx_results import print_names
from xl_ladder.adapters.xlsx_sheet import (
    chart_xml,
    footer_text,
    write_axis,
    write_cols,
    write_header_footer,
    write_legend,
    write_page_margins,
    write_page_setup,
    write_reference,
    write_sheet_views,
)
from xl_ladder.adapters.xlsx_styles import StyleBook
from xl_ladder.adapters.xml_edit import XmlPart
from xl_ladder.adapters.xml_text import XmlWriter
from xl_ladder.layout import COUNT, SCATTER, Chart, PrintSetup, SheetLayout, Style


def _archive(members: dict[str, bytes], copy: bool) -> bytes:
    """An archive of ``members`` written by ``writestr``, or copied member by member from one that was."""
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    if not copy:
        return source.getvalue()
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as read, zipfile.ZipFile(target, "w") as archive:
        for info in read.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            _copy_compressed(archive, info, source.getvalue()[start:start + info.compress_size])
    return target.getvalue()


def test_copying_compressed_members_gives_the_archive_writestr_gives() -> None:
    """``_copy_compressed`` does by hand what zipfile's private writer does (it has no public call for
    copying a compressed member): byte for byte the same archive. Should a Python release change those
    internals, this fails before any workbook is written wrongly."""
    members = {"[Content_Types].xml": b"<Types/>" * 50, "xl/workbook.xml": "<workbook>é</workbook>".encode() * 99,
               "xl/media/image1.png": bytes(range(256)) * 40}
    copied = _archive(members, copy=True)
    assert copied == _archive(members, copy=False)
    with zipfile.ZipFile(io.BytesIO(copied)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == members


# -- elements, each against the exact string Excel writes (XlsxWriter's tests of Excel's own files
#    record the same forms: pageSetup, headerFooter, definedName) ------------------------------------

def written(write: Callable[[XmlWriter], None]) -> str:
    w = XmlWriter()
    write(w)
    return w.xml


def test_page_setup() -> None:
    assert written(lambda w: write_page_setup(w, PrintSetup())) == (
        '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>')
    assert written(lambda w: write_page_setup(w, PrintSetup(fit_height=1))) == (
        '<pageSetup paperSize="9" orientation="landscape"/>')


def test_page_margins() -> None:
    assert written(write_page_margins) == (
        '<pageMargins left="0.25" right="0.25" top="0.35" bottom="0.45" header="0.15" footer="0.2"/>')


def test_header_footer() -> None:
    """A lone & starts a code in Excel's footers: the analyst's text has it doubled; &P, &N and &D are codes."""
    assert written(lambda w: write_header_footer(w, PrintSetup(footer="Bron: A & B"))) == (
        '<headerFooter scaleWithDoc="0"><oddFooter>&amp;L&amp;12Bron: A &amp;&amp; B&amp;C&amp;12&amp;P / &amp;N'
        '&amp;R&amp;12&amp;D</oddFooter></headerFooter>')
    assert footer_text(PrintSetup(fit_height=1, footer="x")) == "&L&12x&R&12&D"  # one page: no page number
    assert written(lambda w: write_header_footer(w, PrintSetup())) == ""


def test_sheet_views() -> None:
    assert written(lambda w: write_sheet_views(w, None, True)) == '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    assert written(lambda w: write_sheet_views(w, (5, 2), False)) == (
        '<sheetViews><sheetView showGridLines="0" workbookViewId="0"><pane xSplit="2" ySplit="5" topLeftCell="C6" '
        'activePane="bottomRight" state="frozen"/><selection pane="bottomRight" activeCell="C6" sqref="C6"/>'
        '</sheetView></sheetViews>')


def test_cols() -> None:
    assert written(lambda w: write_cols(w, {2: 12.0, 0: 8.5})) == (
        '<cols><col min="1" max="1" width="8.5" customWidth="1"/><col min="3" max="3" width="12" customWidth="1"/></cols>')
    assert written(lambda w: write_cols(w, {})) == ""


def test_axes_and_legend() -> None:
    assert written(lambda w: write_axis(w, "valAx", "1", "2", "l", "#,##0", gridlines=True, scatter=True,
                                        from_zero=True)) == (
        '<c:valAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="2"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/>'
        '</c:valAx>')
    years = written(lambda w: write_axis(w, "valAx", "2", "1", "b", "0", bounds=(2013, 2021), scatter=True))
    assert '<c:scaling><c:orientation val="minMax"/><c:max val="2021"/><c:min val="2013"/></c:scaling>' in years
    assert years.endswith('<c:crossBetween val="midCat"/><c:majorUnit val="1"/></c:valAx>')
    assert written(write_legend) == '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>'


def test_series_reference_skips_missing_points() -> None:
    assert written(lambda w: write_reference(w, "num", "Trend!$B$2:$B$4", [55706.0, math.nan, 52790.0])) == (
        '<c:numRef><c:f>Trend!$B$2:$B$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>'
        '<c:pt idx="0"><c:v>55706</c:v></c:pt><c:pt idx="2"><c:v>52790</c:v></c:pt></c:numCache></c:numRef>')


def test_a_scatter_chart_places_years_by_value() -> None:
    """The trend's x values are the years as numbers (2014 and 2018 four apart), not categories."""
    cells = {(0, 0): "Jaar", (0, 1): "Totaal", (1, 0): 2014, (1, 1): 55706.0, (2, 0): 2018, (2, 1): 57302.0,
             (3, 0): 2020, (3, 1): 52790.0}
    chart = Chart("Grafiek trend", SCATTER, "Plaatsen", (0, 0, 4, 2), (5, 0, 20, 6), COUNT, COUNT)
    xml = chart_xml(chart, "Trend", lambda r, c: cells.get((r, c)))
    assert '<c:scatterChart><c:scatterStyle val="lineMarker"/>' in xml and "<c:catAx>" not in xml
    assert ('<c:xVal><c:numRef><c:f>Trend!$A$2:$A$4</c:f><c:numCache><c:formatCode>General</c:formatCode>'
            '<c:ptCount val="3"/><c:pt idx="0"><c:v>2014</c:v></c:pt><c:pt idx="1"><c:v>2018</c:v></c:pt>') in xml
    assert '<c:max val="2021"/><c:min val="2013"/>' in xml


def test_print_names() -> None:
    layout = SheetLayout("Regio's", printing=PrintSetup(area=(0, 0, 40, 18), title_rows=(2, 4)))
    assert print_names("Regio's", layout) == {"_xlnm.Print_Area": "'Regio''s'!$A$1:$R$40",
                                               "_xlnm.Print_Titles": "'Regio''s'!$3:$5"}
    assert print_names("Ladder", SheetLayout("Ladder")) == {}


def test_defined_names_are_added_in_schema_order() -> None:
    """A workbook without defined names gets them after <sheets> (before calcPr), with their text escaped."""
    part = XmlPart(b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
                   b'<sheet name="A" sheetId="1"/></sheets><calcPr calcId="1"/></workbook>')
    inner = part.markup(part.root, "definedName", {"name": "_xlnm.Print_Area", "localSheetId": "0"}, text="A!$A$1:$B$2")
    part.insert_child(part.root, part.markup(part.root, "definedNames", {}, content=inner), after=("sheets",))
    assert part.bytes() == (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>'
                            b'<sheet name="A" sheetId="1"/></sheets><definedNames><definedName name="_xlnm.Print_Area" '
                            b'localSheetId="0">A!$A$1:$B$2</definedName></definedNames><calcPr calcId="1"/></workbook>')


def test_cell_formats_with_wrap_alignment_size_and_colour() -> None:
    book = StyleBook(STYLES)
    book.index(Style(bold=True, size=16, color="1F4E78"))
    book.index(Style(wrap=True, align="right"))
    book.index(Style(indent=1, italic=True))
    xml = book.xml.decode()
    assert '<font><b/><sz val="16"/><color rgb="FF1F4E78"/><name val="Calibri"/><family val="2"/></font>' in xml
    assert '<font><i/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/></font>' in xml
    assert '<alignment horizontal="right" wrapText="1"/>' in xml
    assert '<alignment horizontal="left" indent="1"/>' in xml


STYLES = (b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/></font></fonts>'
          b'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
          b'</fill></fills><borders count="1"><border/></borders><cellXfs count="1"><xf numFmtId="0" fontId="0" '
          b'fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>')
"""The styles part as Excel writes it for a new workbook, cut to what the writer touches."""


def test_namespaces_and_part_paths_have_one_home() -> None:
    """Every namespace, content type and part path of the package is spelt in adapters/opc.py alone."""
    package = Path(__file__).resolve().parent.parent / "xl_ladder"
    spelt = {path.relative_to(package).as_posix() for path in package.rglob("*.py")
             if path.name != "opc.py" and re.search(r"http://schemas\.|application/vnd\.|\"xl/(worksheets|drawings|charts|"
                                                    r"webextensions)/[^\"/]*\.xml", path.read_text(encoding="utf-8"))}
    assert spelt == set()
