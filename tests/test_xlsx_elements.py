"""Each writer function against one exact expected string (XlsxWriter's habit: one small test per
element), written here by hand from the file format, never produced by the code under test.

The cell and row writer is the hottest path of a refresh and the one with the most cases: every
kind of value, no data, large numbers, white space Excel would trim, characters XML forbids.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pytest

from xl_ladder.adapters.opc import TASKPANES, TASKPANES_RELS, WEBEXTENSION, duplicate_parts, relationships, rels_path, resolve
from xl_ladder.adapters.xlsx_sheet import (
    cell_xml,
    drawing_xml,
    rows_xml,
    write_anchor_point,
    write_data_labels,
    write_series,
    write_sheet_pr,
    write_text_properties,
    write_title,
)
from xl_ladder.adapters.xml_text import XmlWriter, escape, quoteattr
from xl_ladder.layout import BAR, SCATTER, Chart, Style


def written(write: Callable[[XmlWriter], None]) -> str:
    w = XmlWriter()
    write(w)
    return w.xml


# -- one cell ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (None, '<c r="B2"/>'),
    ("Trede 5", '<c r="B2" t="inlineStr"><is><t>Trede 5</t></is></c>'),
    ("", '<c r="B2" t="inlineStr"><is><t></t></is></c>'),
    (True, '<c r="B2" t="b"><v>1</v></c>'),
    (False, '<c r="B2" t="b"><v>0</v></c>'),
    (0, '<c r="B2"><v>0</v></c>'),
    (42749, '<c r="B2"><v>42749</v></c>'),
    (42749.0, '<c r="B2"><v>42749</v></c>'),
    (-0.0, '<c r="B2"><v>0</v></c>'),
    (0.5, '<c r="B2"><v>0.5</v></c>'),
    (-0.123, '<c r="B2"><v>-0.123</v></c>'),
    (0.1 + 0.2, '<c r="B2"><v>0.30000000000000004</v></c>'),  # every digit a double holds: no rounding here
    (999999999999999.0, '<c r="B2"><v>999999999999999</v></c>'),
    (1e15, '<c r="B2"><v>1000000000000000.0</v></c>'),  # from 1e15 on, as Python writes a double
    (1e16, '<c r="B2"><v>1e+16</v></c>'),
    (-1e16, '<c r="B2"><v>-1e+16</v></c>'),
    (math.nan, '<c r="B2"/>'),  # no data is an empty cell, never 0 nor the text "nan"
    (math.inf, '<c r="B2"/>'),
    (-math.inf, '<c r="B2"/>'),
    (np.float64(2.5), '<c r="B2"><v>2.5</v></c>'),
    (np.int64(7), '<c r="B2"><v>7</v></c>'),
    (np.float64("nan"), '<c r="B2"/>'),
    (Decimal("1.25"), '<c r="B2"><v>1.25</v></c>'),
    (np.bool_(True), '<c r="B2"><v>1</v></c>'),  # numpy's bool is a number to Python, not a bool
])
def test_cell_of_each_kind_of_value(value: Any, expected: str) -> None:
    assert cell_xml("B2", value, "") == expected


@pytest.mark.parametrize(("text", "expected"), [
    (" 5 %", '<t xml:space="preserve"> 5 %</t>'),
    ("trede 5 ", '<t xml:space="preserve">trede 5 </t>'),
    ("\tingesprongen", '<t xml:space="preserve">\tingesprongen</t>'),
    ("twee woorden", "<t>twee woorden</t>"),
    ("regel 1\nregel 2", "<t>regel 1\nregel 2</t>"),  # a line break inside is kept as it is
    ("a < b & c > d", "<t>a &lt; b &amp; c &gt; d</t>"),
    ('"aanhalingstekens" en \'apostrof\'', "<t>\"aanhalingstekens\" en 'apostrof'</t>"),
    ("a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh", "<t>abcdefgh</t>"),  # XML 1.0 forbids them: dropped
    ("\x01 voor", '<t xml:space="preserve"> voor</t>'),  # white space left once they are gone counts
    ("\ufffe\uffffeinde", "<t>einde</t>"),
    ("é ≠ ∑", "<t>é ≠ ∑</t>"),
])
def test_text_cell_keeps_white_space_and_drops_what_xml_forbids(text: str, expected: str) -> None:
    assert cell_xml("A1", text, "") == f'<c r="A1" t="inlineStr"><is>{expected}</is></c>'


def test_a_cell_carries_its_style_with_or_without_a_value() -> None:
    assert cell_xml("C3", None, ' s="4"') == '<c r="C3" s="4"/>'
    assert cell_xml("C3", math.nan, ' s="4"') == '<c r="C3" s="4"/>'
    assert cell_xml("C3", 0.25, ' s="4"') == '<c r="C3" s="4"><v>0.25</v></c>'
    assert cell_xml("C3", "x", ' s="4"') == '<c r="C3" s="4" t="inlineStr"><is><t>x</t></is></c>'
    assert cell_xml("C3", True, ' s="4"') == '<c r="C3" s="4" t="b"><v>1</v></c>'


# -- rows ---------------------------------------------------------------------------------------------

def test_rows_in_order_with_heights_and_one_lookup_per_style() -> None:
    bold, shaded = Style(bold=True), Style(fill="DDEBF7")
    looked_up: list[Style] = []

    def index(style: Style) -> int:
        looked_up.append(style)
        return 7 if style is bold else 9

    values: dict[int, dict[int, Any]] = {0: {0: "Code", 2: 1.5}, 3: {1: True}}
    styles = {0: {0: bold, 1: bold}, 3: {1: shaded, 4: shaded}}
    xml = "".join(rows_xml([0, 3], values, styles, {3: 30.0}, index, ["A", "B", "C", "D", "E"]))
    assert xml == (
        '<row r="1"><c r="A1" s="7" t="inlineStr"><is><t>Code</t></is></c><c r="B1" s="7"/><c r="C1"><v>1.5</v></c></row>'
        '<row r="4" ht="30" customHeight="1"><c r="B4" s="9" t="b"><v>1</v></c><c r="E4" s="9"/></row>')
    assert looked_up == [bold, shaded]


def test_a_row_height_with_a_fraction_and_an_empty_row() -> None:
    nothing: dict[int, dict[int, Any]] = {}
    xml = "".join(rows_xml([1], nothing, {1: {0: Style()}}, {1: 20.25}, lambda style: 0, ["A"]))
    assert xml == '<row r="2" ht="20.25" customHeight="1"><c r="A2" s="0"/></row>'
    assert list(rows_xml([], {}, {}, {}, lambda style: 0, [])) == []


# -- XmlWriter ----------------------------------------------------------------------------------------

def test_xml_writer_elements() -> None:
    w = XmlWriter()
    w.declaration()
    w.start("a", ("x", 1), ("y", "twee"))
    w.empty("b")
    w.empty("c", ("v", 0.5))
    w.data("d", "tekst")
    w.data("e", 3, ("n", "m"))
    w.raw("<f/>")
    w.end("a")
    assert w.xml == ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<a x="1" y="twee"><b/><c v="0.5"/><d>tekst</d><e n="m">3</e><f/></a>')


def test_xml_writer_escapes_text_and_attributes() -> None:
    assert written(lambda w: w.data("t", "a<b & c>\"d\"")) == '<t>a&lt;b &amp; c&gt;"d"</t>'
    assert written(lambda w: w.empty("x", ("v", 'a"b<c&d\ne\rf\tg'))) == '<x v="a&quot;b&lt;c&amp;d&#10;e&#13;f&#9;g"/>'
    assert written(lambda w: w.start("x", ("v", "'"))) == "<x v=\"'\">"
    assert XmlWriter().xml == ""


def test_escape_and_quoteattr() -> None:
    assert escape("a&b<c>d") == "a&amp;b&lt;c&gt;d"
    assert escape("&lt;") == "&amp;lt;"  # escaped once, not taken for an entity
    assert escape("x'y", {"'": "&apos;"}) == "x&apos;y"
    assert quoteattr("gewoon") == '"gewoon"'
    assert quoteattr('zei "ja"') == "'zei \"ja\"'"
    assert quoteattr("zei \"ja\" en 'nee'") == "\"zei &quot;ja&quot; en 'nee'\""
    assert quoteattr("a\nb") == '"a&#10;b"'


# -- sheet and chart elements -------------------------------------------------------------------------

def test_sheet_pr() -> None:
    assert written(write_sheet_pr) == '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'


def test_anchor_point() -> None:
    assert written(lambda w: write_anchor_point(w, "from", 3, 1)) == (
        "<xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>")


def test_text_properties() -> None:
    assert written(lambda w: write_text_properties(w, 1200)) == (
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="0"/></a:pPr><a:endParaRPr lang="nl-BE"/>'
        "</a:p></c:txPr>")
    assert 'b="1"' in written(lambda w: write_text_properties(w, 1300, bold=True))


def test_title() -> None:
    assert written(lambda w: write_title(w, "Plaatsen & aandeel")) == (
        '<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1300" b="1"/></a:pPr><a:r>'
        '<a:rPr lang="nl-BE" sz="1300" b="1"/><a:t>Plaatsen &amp; aandeel</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title>')


def test_data_labels() -> None:
    assert written(lambda w: write_data_labels(w, "0.0%")) == (
        '<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
        '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


LABELS = ('<c:dLbls><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
          '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')


def test_bar_series() -> None:
    chart = Chart("Grafiek", BAR, "t", (0, 0, 3, 2), (0, 3, 10, 8), "#,##0")
    xml = written(lambda w: write_series(w, chart, 1, "West-Vlaanderen", ("Ladder!$A$2:$A$3", ["trede 5", "trede 4"]),
                                         ("Ladder!$B$2:$B$3", [42749.0, 0.25])))
    assert xml == (
        '<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:v>West-Vlaanderen</c:v></c:tx>'
        '<c:spPr><a:solidFill><a:srgbClr val="9DC3E6"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
        + LABELS
        + '<c:cat><c:strRef><c:f>Ladder!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/>'
        '<c:pt idx="0"><c:v>trede 5</c:v></c:pt><c:pt idx="1"><c:v>trede 4</c:v></c:pt></c:strCache></c:strRef></c:cat>'
        '<c:val><c:numRef><c:f>Ladder!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/>'
        '<c:pt idx="0"><c:v>42749</c:v></c:pt><c:pt idx="1"><c:v>0.25</c:v></c:pt></c:numCache></c:numRef></c:val>'
        "</c:ser>")


def test_scatter_series_with_a_missing_point_and_the_fifth_colour() -> None:
    chart = Chart("Grafiek", SCATTER, "t", (0, 0, 3, 2), (0, 3, 10, 8), "#,##0")
    xml = written(lambda w: write_series(w, chart, 4, "Totaal", ("Trend!$A$2:$A$3", [2014, 2020]),
                                         ("Trend!$B$2:$B$3", [None, 52790.0])))
    assert xml == (
        '<c:ser><c:idx val="4"/><c:order val="4"/><c:tx><c:v>Totaal</c:v></c:tx>'
        '<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="1F4E78"/></a:solidFill></a:ln></c:spPr>'
        '<c:marker><c:symbol val="circle"/><c:size val="7"/></c:marker>'
        + LABELS
        + '<c:xVal><c:numRef><c:f>Trend!$A$2:$A$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/>'
        '<c:pt idx="0"><c:v>2014</c:v></c:pt><c:pt idx="1"><c:v>2020</c:v></c:pt></c:numCache></c:numRef></c:xVal>'
        '<c:yVal><c:numRef><c:f>Trend!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/>'
        '<c:pt idx="1"><c:v>52790</c:v></c:pt></c:numCache></c:numRef></c:yVal><c:smooth val="0"/></c:ser>')


def test_drawing_with_two_charts_names_each_by_its_relationship() -> None:
    first = Chart("Grafiek ladder", BAR, "t", (0, 0, 2, 2), (1, 2, 3, 4))
    second = Chart("Grafiek <trend>", SCATTER, "t", (0, 0, 2, 2), (5, 0, 9, 6))
    frame = ('<xdr:twoCellAnchor><xdr:from><xdr:col>{}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{}</xdr:row>'
             '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{}</xdr:col><xdr:colOff>0</xdr:colOff>'
             '<xdr:row>{}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
             '<xdr:cNvPr id="{}" name="{}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/>'
             '<a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/'
             'drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId{}"/>'
             "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>")
    assert drawing_xml([first, second]) == (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        + frame.format(2, 1, 4, 3, 2, "Grafiek ladder", 1)
        + frame.format(0, 5, 6, 9, 3, "Grafiek &lt;trend&gt;", 2)
        + "</xdr:wsDr>")


# -- part paths (adapters/opc.py) ---------------------------------------------------------------------

@pytest.mark.parametrize(("part", "rels"), [
    ("", "_rels/.rels"),
    ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"),
    ("xl/worksheets/sheet12.xml", "xl/worksheets/_rels/sheet12.xml.rels"),
    ("xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"),
    ("xl/charts/chart3.xml", "xl/charts/_rels/chart3.xml.rels"),
    (WEBEXTENSION, "xl/webextensions/_rels/webextension1.xml.rels"),
    (TASKPANES, TASKPANES_RELS),
    ("workbook.xml", "_rels/workbook.xml.rels"),  # a main part at the package's root (some writers)
])
def test_every_part_has_its_relationships_part(part: str, rels: str) -> None:
    assert rels_path(part) == rels


@pytest.mark.parametrize(("source", "target", "part"), [
    ("", "xl/workbook.xml", "xl/workbook.xml"),
    ("xl/workbook.xml", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"),
    ("xl/workbook.xml", "styles.xml", "xl/styles.xml"),
    ("xl/workbook.xml", "/xl/styles.xml", "xl/styles.xml"),  # absolute, as LibreOffice writes some
    ("xl/worksheets/sheet1.xml", "../drawings/drawing1.xml", "xl/drawings/drawing1.xml"),
    ("xl/drawings/drawing1.xml", "../charts/chart1.xml", "xl/charts/chart1.xml"),
    ("xl/worksheets/sheet1.xml", "./../tables/table1.xml", "xl/tables/table1.xml"),
    ("xl/webextensions/taskpanes.xml", "webextension1.xml", WEBEXTENSION),
])
def test_relationship_targets_resolve_to_parts(source: str, target: str, part: str) -> None:
    assert resolve(source, target) == part


def test_relationships_leave_external_targets_out() -> None:
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="t/worksheet" Target="worksheets/sheet1.xml"/>'
            b'<Relationship Id="rId2" Type="t/hyperlink" Target="https://pomwvl.be" TargetMode="External"/>'
            b'<Relationship Id="rId3" Type="t/styles" Target="/xl/styles.xml"/></Relationships>')
    assert relationships("xl/workbook.xml", rels) == (("rId1", "t/worksheet", "xl/worksheets/sheet1.xml"),
                                                      ("rId3", "t/styles", "xl/styles.xml"))


def test_a_part_stored_twice_ignoring_case_is_refused() -> None:
    assert duplicate_parts(["xl/workbook.xml", "xl/styles.xml"]) is None
    refusal = duplicate_parts(["xl/workbook.xml", "XL/Workbook.xml"])
    assert refusal is not None and refusal.startswith("onderdeel XL/Workbook.xml staat twee keer in het bestand")
