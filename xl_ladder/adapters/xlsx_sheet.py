"""SpreadsheetML for one result sheet (and its chart), streamed from a layout.

Strings are written inline, so the workbook's shared-string table is never touched.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..cells import column_letters, sheet_prefix
from ..layout import Chart, SheetLayout, Style
from .xml_text import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _value(ref: str, value: Any, s: str) -> str:
    if value is None:
        return f'<c r="{ref}"{s}/>'
    if type(value) is str:  # the common cases first: a result sheet is text and floats
        return _text(ref, value, s)
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) or (hasattr(value, "__float__") and not isinstance(value, str)):
        number = float(value)
        if not math.isfinite(number):
            return f'<c r="{ref}"{s}/>'
        text = repr(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
        return f'<c r="{ref}"{s}><v>{text}</v></c>'
    return _text(ref, str(value), s)


def _text(ref: str, value: str, s: str) -> str:
    text = _ILLEGAL.sub("", value)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


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
    letters = [column_letters(c) for c in range(last_col + 1)]
    # One format lookup per distinct style, in order of first use; cell_styles gives equal styles as
    # one object, so they are told apart by identity (no dataclass hashing per cell).
    attributes: dict[int, str] = {}
    yield f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
    yield '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    yield f'<dimension ref="A1:{column_letters(last_col)}{last_row + 1}"/>'
    yield '<sheetViews><sheetView workbookViewId="0">'
    if layout.freeze:
        rows, cols = layout.freeze
        pane = "bottomRight" if rows and cols else "bottomLeft" if rows else "topRight"
        split = (f' xSplit="{cols}"' if cols else "") + (f' ySplit="{rows}"' if rows else "")
        top_left = f"{column_letters(cols)}{rows + 1}"
        yield (f'<pane{split} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
               f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>')
    yield '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    if layout.widths:
        yield "<cols>" + "".join(
            f'<col min="{c + 1}" max="{c + 1}" width="{w:g}" customWidth="1"/>' for c, w in sorted(layout.widths.items())
        ) + "</cols>"
    yield "<sheetData>"
    for r in used_rows:  # one piece per row: a piece per cell costs more than the cell itself
        number = str(r + 1)
        line, line_styles = values.get(r, {}), styles.get(r, {})
        cells = [f'<row r="{number}">']
        for c in sorted(line.keys() | line_styles.keys()):
            styled = line_styles.get(c)
            if styled is None:
                s = ""
            else:
                s = attributes.get(id(styled)) or attributes.setdefault(id(styled), f' s="{style_index(styled)}"')
            cells.append(_value(letters[c] + number, line.get(c), s))
        cells.append("</row>")
        yield "".join(cells)
    yield "</sheetData>"
    yield '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
    yield '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    if drawing_rel:
        yield f'<drawing r:id="{drawing_rel}"/>'
    yield "</worksheet>"


def drawing_xml(chart: Chart) -> str:
    """A drawing holding one chart frame, anchored to cells."""
    r1, c1, r2, c2 = chart.anchor
    def point(tag: str, r: int, c: int) -> str:
        return (f"<xdr:{tag}><xdr:col>{c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r}</xdr:row>"
                f"<xdr:rowOff>0</xdr:rowOff></xdr:{tag}>")

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f"<xdr:twoCellAnchor>{point('from', r1, c1)}{point('to', r2, c2)}"
        f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name={quoteattr(chart.name)}/>'
        '<xdr:cNvGraphicFramePr/>'
        '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{REL}" r:id="rId1"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
    )


SERIES_COLOURS = ("1F4E78", "9DC3E6", "70AD47", "FFC000")


def chart_xml(chart: Chart, sheet: str, cached: Callable[[int, int], Any]) -> str:
    """The chart part, with cached values: horizontal bars (the ladder, highest rung on top) or a line."""
    def ref(first: int, last: int, col: int) -> str:
        letters = column_letters(col)
        return escape(f"{sheet_prefix(sheet)}!${letters}${first + 1}:${letters}${last + 1}")

    def cache(first: int, last: int, col: int, kind: str) -> str:
        points = []
        for i, r in enumerate(range(first, last + 1)):
            value = cached(r, col)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            points.append(f'<c:pt idx="{i}"><c:v>{escape(str(value))}</c:v></c:pt>')
        head = '<c:formatCode>General</c:formatCode>' if kind == "num" else ""
        return f"<c:{kind}Cache>{head}<c:ptCount val=\"{last - first + 1}\"/>{''.join(points)}</c:{kind}Cache>"

    top, left, rows, cols = chart.source
    first, last = top + 1, top + rows - 1
    line = chart.kind == "line"
    series = []
    for idx, col in enumerate(range(left + 1, left + cols)):
        name = cached(top, col)
        colour = SERIES_COLOURS[idx % len(SERIES_COLOURS)]
        look = (f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr>'
                '<c:marker><c:symbol val="circle"/><c:size val="6"/></c:marker>' if line else
                f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>')
        series.append(
            f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/><c:tx><c:v>{escape(str(name or ""))}</c:v></c:tx>{look}'
            f'<c:dLbls><c:numFmt formatCode="{escape(chart.number_format)}" sourceLinked="0"/><c:showLegendKey val="0"/>'
            '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>'
            f'<c:cat><c:strRef><c:f>{ref(first, last, left)}</c:f>{cache(first, last, left, "str")}</c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{ref(first, last, col)}</c:f>{cache(first, last, col, "num")}</c:numRef></c:val>'
            + ('<c:smooth val="0"/>' if line else "") + "</c:ser>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{REL}">'
        '<c:roundedCorners val="0"/><c:chart>'
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        + (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(series)}<c:marker val="1"/>'
           if line else
           f'<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>{"".join(series)}'
           '<c:gapWidth val="60"/>')
        + '<c:axId val="50010001"/><c:axId val="50010002"/>'
        + ("</c:lineChart>" if line else "</c:barChart>")
        + '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="'
        + ("minMax" if line else "maxMin") + '"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"b" if line else "l"}"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="{"l" if line else "b"}"/><c:majorGridlines/>'
        f'<c:numFmt formatCode="{escape(chart.axis_format)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
        '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
        "</c:chart></c:chartSpace>"
    )
