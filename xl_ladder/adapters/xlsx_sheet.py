"""SpreadsheetML for one result sheet, its drawing and its charts, written element by element.

Each element has its own small writer on one shared :class:`~.xml_text.XmlWriter` (XlsxWriter's
habit), tested against exact expected strings in ``tests/test_xlsx_parts.py``. Only the cells of a
row are built in one piece: a piece per cell costs more than the cell itself. Strings are written
inline, so the workbook's shared-string table is never touched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..cells import column_letters, sheet_prefix
from ..layout import BAR, LINE_HEIGHT, Chart, PrintSetup, SheetLayout, Style
from .opc import A_NS, CHART_NS, DRAWING_NS, MAIN_NS, REL_NS
from .xml_text import XmlWriter, escape

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MARGINS = (("left", 0.25), ("right", 0.25), ("top", 0.35), ("bottom", 0.45), ("header", 0.15), ("footer", 0.2))
"""Inches; narrow, so a printed page holds more at a readable size."""
A4 = 9
"""Excel's paper size code for A4."""


def cell_xml(ref: str, value: Any, s: str) -> str:
    """One cell: ``s`` is its style attribute (`` s="3"`` or empty); no data (None, NaN, ±inf) is an empty cell;
    integers up to 1e15 without a decimal point, as Excel writes them."""
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if type(value) is str:  # the common cases first: a result sheet is text and floats
        return text_cell_xml(ref, value, s)
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) or (hasattr(value, "__float__") and not isinstance(value, str)):
        number = float(value)
        if not math.isfinite(number):
            return f'<c r="{ref}"{s}/>'
        text = repr(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
        return f'<c r="{ref}"{s}><v>{text}</v></c>'
    return text_cell_xml(ref, str(value), s)


def text_cell_xml(ref: str, value: str, s: str) -> str:
    """A string written inline, without the characters XML 1.0 forbids; leading or trailing white space kept."""
    text = _ILLEGAL.sub("", value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def write_sheet_pr(w: XmlWriter) -> None:
    """Fit to pages is on for every result sheet (the page setup says how many)."""
    w.start("sheetPr")
    w.empty("pageSetUpPr", ("fitToPage", 1))
    w.end("sheetPr")


def write_sheet_views(w: XmlWriter, freeze: tuple[int, int] | None, gridlines: bool) -> None:
    w.start("sheetViews")
    view = (("workbookViewId", 0),) if gridlines else (("showGridLines", 0), ("workbookViewId", 0))
    if not freeze:
        w.empty("sheetView", *view)
        w.end("sheetViews")
        return
    w.start("sheetView", *view)
    rows, cols = freeze
    pane = "bottomRight" if rows and cols else "bottomLeft" if rows else "topRight"
    top_left = f"{column_letters(cols)}{rows + 1}"
    split = ((("xSplit", cols),) if cols else ()) + ((("ySplit", rows),) if rows else ())
    w.empty("pane", *split, ("topLeftCell", top_left), ("activePane", pane), ("state", "frozen"))
    w.empty("selection", ("pane", pane), ("activeCell", top_left), ("sqref", top_left))
    w.end("sheetView")
    w.end("sheetViews")


def write_cols(w: XmlWriter, widths: dict[int, float]) -> None:
    if not widths:
        return
    w.start("cols")
    for c, width in sorted(widths.items()):
        w.empty("col", ("min", c + 1), ("max", c + 1), ("width", f"{width:g}"), ("customWidth", 1))
    w.end("cols")


def write_page_margins(w: XmlWriter) -> None:
    w.empty("pageMargins", *MARGINS)


def write_page_setup(w: XmlWriter, printing: PrintSetup) -> None:
    """A4 landscape, one page wide (the default, left out as Excel leaves it out) and as many tall as the
    set-up allows; attributes in Excel's order."""
    tall = (("fitToHeight", printing.fit_height),) if printing.fit_height != 1 else ()
    w.empty("pageSetup", ("paperSize", A4), *tall, ("orientation", "landscape"))


def footer_text(printing: PrintSetup) -> str:
    """The footer as Excel codes it: the text at the left (``&`` doubled), page number in the middle
    when the sheet may print on several pages, the print date at the right."""
    left = printing.footer.replace("&", "&&")  # a lone & starts a code
    middle = "&C&12&P / &N" if printing.fit_height != 1 else ""
    return f"&L&12{left}{middle}&R&12&D"


def write_header_footer(w: XmlWriter, printing: PrintSetup) -> None:
    if not printing.footer:
        return
    w.start("headerFooter", ("scaleWithDoc", 0))  # the footer keeps its size on a shrunk page
    w.data("oddFooter", footer_text(printing))
    w.end("headerFooter")


def sheet_xml(layout: SheetLayout, style_index: Callable[[Style], int], drawing_rel: str | None) -> Iterator[str]:
    """The worksheet part, piece by piece."""
    values: dict[int, dict[int, Any]] = {}  # row → column → value: cells are written row by row
    for (r, c), value in layout.cells().items():
        values.setdefault(r, {})[c] = value
    styles: dict[int, dict[int, Style]] = {}
    for (r, c), style in layout.cell_styles().items():
        styles.setdefault(r, {})[c] = style
    used_rows = sorted(values.keys() | styles.keys())
    last_row = used_rows[-1] if used_rows else 0
    last_col = max((max(line) for line in (*values.values(), *styles.values())), default=0)
    w = XmlWriter()
    w.declaration()
    w.start("worksheet", ("xmlns", MAIN_NS), ("xmlns:r", REL_NS))
    write_sheet_pr(w)
    w.empty("dimension", ("ref", f"A1:{column_letters(last_col)}{last_row + 1}"))
    write_sheet_views(w, layout.freeze, layout.gridlines)
    if layout.line_height == LINE_HEIGHT:
        w.empty("sheetFormatPr", ("defaultRowHeight", f"{LINE_HEIGHT:g}"))
    else:
        w.empty("sheetFormatPr", ("defaultRowHeight", f"{layout.line_height:g}"), ("customHeight", 1))
    write_cols(w, layout.widths)
    w.start("sheetData")
    yield w.xml
    letters = [column_letters(c) for c in range(last_col + 1)]
    yield from rows_xml(used_rows, values, styles, layout.heights, style_index, letters)
    w = XmlWriter()
    w.end("sheetData")
    write_page_margins(w)
    write_page_setup(w, layout.printing)
    write_header_footer(w, layout.printing)
    if drawing_rel:
        w.empty("drawing", ("r:id", drawing_rel))
    w.end("worksheet")
    yield w.xml


def rows_xml(used_rows: list[int], values: dict[int, dict[int, Any]], styles: dict[int, dict[int, Style]],
          heights: dict[int, float], style_index: Callable[[Style], int], letters: list[str]) -> Iterator[str]:
    """The cells, a row at a time. One format lookup per distinct style, in order of first use;
    cell_styles gives equal styles as one object, so they are told apart by identity."""
    attributes: dict[int, str] = {}
    for r in used_rows:
        number = str(r + 1)
        line, line_styles = values.get(r, {}), styles.get(r, {})
        height = heights.get(r)
        cells = [f'<row r="{number}" ht="{height:g}" customHeight="1">' if height else f'<row r="{number}">']
        for c in sorted(line.keys() | line_styles.keys()):
            styled = line_styles.get(c)
            if styled is None:
                s = ""
            else:
                s = attributes.get(id(styled)) or attributes.setdefault(id(styled), f' s="{style_index(styled)}"')
            cells.append(cell_xml(letters[c] + number, line.get(c), s))
        cells.append("</row>")
        yield "".join(cells)


def write_anchor_point(w: XmlWriter, tag: str, row: int, col: int) -> None:
    w.start(f"xdr:{tag}")
    for name, value in (("col", col), ("colOff", 0), ("row", row), ("rowOff", 0)):
        w.data(f"xdr:{name}", value)
    w.end(f"xdr:{tag}")


def write_chart_frame(w: XmlWriter, chart: Chart, number: int) -> None:
    """One chart frame anchored to cells; ``number`` is its place in the drawing (rId and id)."""
    r1, c1, r2, c2 = chart.anchor
    w.start("xdr:twoCellAnchor")
    write_anchor_point(w, "from", r1, c1)
    write_anchor_point(w, "to", r2, c2)
    w.start("xdr:graphicFrame", ("macro", ""))
    w.start("xdr:nvGraphicFramePr")
    w.empty("xdr:cNvPr", ("id", number + 1), ("name", chart.name))
    w.empty("xdr:cNvGraphicFramePr")
    w.end("xdr:nvGraphicFramePr")
    w.start("xdr:xfrm")
    w.empty("a:off", ("x", 0), ("y", 0))
    w.empty("a:ext", ("cx", 0), ("cy", 0))
    w.end("xdr:xfrm")
    w.start("a:graphic")
    w.start("a:graphicData", ("uri", CHART_NS))
    w.empty("c:chart", ("xmlns:c", CHART_NS), ("xmlns:r", REL_NS), ("r:id", f"rId{number}"))
    w.end("a:graphicData")
    w.end("a:graphic")
    w.end("xdr:graphicFrame")
    w.empty("xdr:clientData")
    w.end("xdr:twoCellAnchor")


def drawing_xml(charts: list[Chart]) -> str:
    """A drawing holding the sheet's chart frames; chart ``n`` (from 1) is its relationship ``rIdn``."""
    w = XmlWriter()
    w.declaration()
    w.start("xdr:wsDr", ("xmlns:xdr", DRAWING_NS), ("xmlns:a", A_NS))
    for number, chart in enumerate(charts, start=1):
        write_chart_frame(w, chart, number)
    w.end("xdr:wsDr")
    return w.xml


SERIES_COLOURS = ("1F4E78", "9DC3E6", "70AD47", "FFC000")
TEXT_SIZE, TITLE_SIZE = 1200, 1300
"""Hundredths of a point: chart texts as large as the cells', so a shrunk print stays readable."""
AXES = ("50010001", "50010002")


def write_text_properties(w: XmlWriter, size: int, bold: bool = False) -> None:
    """The size (and weight) of a chart's or a title's text."""
    w.start("c:txPr")
    w.empty("a:bodyPr")
    w.empty("a:lstStyle")
    w.start("a:p")
    w.start("a:pPr")
    w.empty("a:defRPr", ("sz", size), ("b", int(bold)))
    w.end("a:pPr")
    w.empty("a:endParaRPr", ("lang", "nl-BE"))
    w.end("a:p")
    w.end("c:txPr")


def write_title(w: XmlWriter, title: str) -> None:
    w.start("c:title")
    w.start("c:tx")
    w.start("c:rich")
    w.empty("a:bodyPr")
    w.start("a:p")
    w.start("a:pPr")
    w.empty("a:defRPr", ("sz", TITLE_SIZE), ("b", 1))
    w.end("a:pPr")
    w.start("a:r")
    w.empty("a:rPr", ("lang", "nl-BE"), ("sz", TITLE_SIZE), ("b", 1))
    w.data("a:t", title)
    w.end("a:r")
    w.end("a:p")
    w.end("c:rich")
    w.end("c:tx")
    w.empty("c:overlay", ("val", 0))
    w.end("c:title")


def write_reference(w: XmlWriter, kind: str, formula: str, points: list[Any]) -> None:
    """A series' cells (``str`` for categories, ``num`` for numbers) and their cached values."""
    w.start(f"c:{kind}Ref")
    w.data("c:f", formula)
    w.start(f"c:{kind}Cache")
    if kind == "num":
        w.data("c:formatCode", "General")
    w.empty("c:ptCount", ("val", len(points)))
    for i, point in enumerate(points):
        if point is None or (isinstance(point, float) and math.isnan(point)):
            continue
        w.start("c:pt", ("idx", i))
        w.data("c:v", int(point) if isinstance(point, float) and point.is_integer() else point)
        w.end("c:pt")
    w.end(f"c:{kind}Cache")
    w.end(f"c:{kind}Ref")


def write_data_labels(w: XmlWriter, number_format: str) -> None:
    w.start("c:dLbls")
    w.empty("c:numFmt", ("formatCode", number_format), ("sourceLinked", 0))
    for name, shown in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0), ("showSerName", 0),
                        ("showPercent", 0), ("showBubbleSize", 0)):
        w.empty(f"c:{name}", ("val", shown))
    w.end("c:dLbls")


def write_series(w: XmlWriter, chart: Chart, index: int, name: str, categories: tuple[str, list[Any]],
                 numbers: tuple[str, list[Any]]) -> None:
    """One series: a bar of each category, or a line through (x, y) points."""
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    w.start("c:ser")
    w.empty("c:idx", ("val", index))
    w.empty("c:order", ("val", index))
    w.start("c:tx")
    w.data("c:v", name)
    w.end("c:tx")
    w.start("c:spPr")
    if chart.kind == BAR:
        w.start("a:solidFill")
        w.empty("a:srgbClr", ("val", colour))
        w.end("a:solidFill")
    else:
        w.start("a:ln", ("w", 28575))
        w.start("a:solidFill")
        w.empty("a:srgbClr", ("val", colour))
        w.end("a:solidFill")
        w.end("a:ln")
    w.end("c:spPr")
    if chart.kind == BAR:
        w.empty("c:invertIfNegative", ("val", 0))
    else:
        w.start("c:marker")
        w.empty("c:symbol", ("val", "circle"))
        w.empty("c:size", ("val", 7))
        w.end("c:marker")
    write_data_labels(w, chart.number_format)
    places = (("c:cat", "str"), ("c:val", "num")) if chart.kind == BAR else (("c:xVal", "num"), ("c:yVal", "num"))
    for (tag, kind), cells in zip(places, (categories, numbers), strict=True):
        w.start(tag)
        write_reference(w, kind, *cells)
        w.end(tag)
    if chart.kind != BAR:
        w.empty("c:smooth", ("val", 0))
    w.end("c:ser")


def write_axis(w: XmlWriter, kind: str, own: str, other: str, position: str, number_format: str,
               gridlines: bool = False, bounds: tuple[float, float] | None = None, scatter: bool = False,
               from_zero: bool = False) -> None:
    """A category (``catAx``) or value (``valAx``) axis, crossing the other at its start; ``bounds`` fix
    a value axis' ends (and a tick per unit, or per few units on a long axis); ``from_zero`` starts it at 0,
    so a line's slope is not blown up by a cut-off axis."""
    w.start(f"c:{kind}")
    w.empty("c:axId", ("val", own))
    w.start("c:scaling")
    w.empty("c:orientation", ("val", "minMax"))
    if bounds is not None:
        w.empty("c:max", ("val", f"{bounds[1]:g}"))
        w.empty("c:min", ("val", f"{bounds[0]:g}"))
    elif from_zero:
        w.empty("c:min", ("val", 0))
    w.end("c:scaling")
    w.empty("c:delete", ("val", 0))
    w.empty("c:axPos", ("val", position))
    if gridlines:
        w.empty("c:majorGridlines")
    w.empty("c:numFmt", ("formatCode", number_format), ("sourceLinked", 0))
    w.empty("c:tickLblPos", ("val", "nextTo"))
    w.empty("c:crossAx", ("val", other))
    w.empty("c:crosses", ("val", "autoZero"))
    if kind == "catAx":
        w.empty("c:auto", ("val", 1))
        w.empty("c:lblAlgn", ("val", "ctr"))
        w.empty("c:lblOffset", ("val", 100))
    else:
        w.empty("c:crossBetween", ("val", "midCat" if scatter else "between"))
        if bounds is not None:
            w.empty("c:majorUnit", ("val", max(1, math.ceil((bounds[1] - bounds[0]) / 10))))
    w.end(f"c:{kind}")


def write_legend(w: XmlWriter) -> None:
    """At the right: in a bar chart its entries read top-down like the bars (the first row of the
    data is the lowest bar, and each bar's series run upwards in the legend's order from the bottom)."""
    w.start("c:legend")
    w.empty("c:legendPos", ("val", "r"))
    w.empty("c:overlay", ("val", 0))
    w.end("c:legend")


def chart_xml(chart: Chart, sheet: str, cached: Callable[[int, int], Any]) -> str:
    """The chart part with cached values: horizontal clustered bars, first category at the bottom, or a
    line through points placed by their x value (years at their true distance)."""
    top, left, rows, cols = chart.source
    first, last = top + 1, top + rows - 1

    def cells(col: int) -> tuple[str, list[Any]]:
        letters = column_letters(col)
        return (f"{sheet_prefix(sheet)}!${letters}${first + 1}:${letters}${last + 1}",
                [cached(r, col) for r in range(first, last + 1)])

    bar = chart.kind == BAR
    w = XmlWriter()
    w.declaration()
    w.start("c:chartSpace", ("xmlns:c", CHART_NS), ("xmlns:a", A_NS), ("xmlns:r", REL_NS))
    w.empty("c:roundedCorners", ("val", 0))
    w.start("c:chart")
    write_title(w, chart.title)
    w.empty("c:autoTitleDeleted", ("val", 0))
    w.start("c:plotArea")
    w.empty("c:layout")
    if bar:
        w.start("c:barChart")
        w.empty("c:barDir", ("val", "bar"))
        w.empty("c:grouping", ("val", "clustered"))
    else:
        w.start("c:scatterChart")
        w.empty("c:scatterStyle", ("val", "lineMarker"))
    w.empty("c:varyColors", ("val", 0))
    for index, col in enumerate(range(left + 1, left + cols)):
        write_series(w, chart, index, str(cached(top, col) or ""), cells(left), cells(col))
    if bar:
        w.empty("c:gapWidth", ("val", 60))
    w.empty("c:axId", ("val", AXES[0]))
    w.empty("c:axId", ("val", AXES[1]))
    w.end("c:barChart" if bar else "c:scatterChart")
    if bar:
        write_axis(w, "catAx", AXES[0], AXES[1], "l", "General")
        write_axis(w, "valAx", AXES[1], AXES[0], "b", chart.axis_format, gridlines=True)
    else:
        years = [x for x in cells(left)[1] if isinstance(x, (int, float))]
        bounds = (min(years) - 1, max(years) + 1) if years else None
        write_axis(w, "valAx", AXES[0], AXES[1], "b", chart.x_format, bounds=bounds, scatter=True)
        write_axis(w, "valAx", AXES[1], AXES[0], "l", chart.axis_format, gridlines=True, scatter=True, from_zero=True)
    w.end("c:plotArea")
    write_legend(w)
    w.empty("c:plotVisOnly", ("val", 1))
    w.end("c:chart")
    write_text_properties(w, TEXT_SIZE)
    w.end("c:chartSpace")
    return w.xml
