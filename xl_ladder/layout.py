"""Backend-neutral sheet layout: blocks of values plus styled ranges, widths, panes, charts, print set-up.

The report builds these (tables through :mod:`.columns`); the file writer and the live-Excel
writer each turn them into their own calls (one write per block, one format per styled range).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

COUNT = "#,##0"
SHARE = "0.0%"
DEFAULT_WIDTH = 8.43
"""Excel's width of a column without one of its own."""
EVOLUTION = "+0.0%;-0.0%;0.0%"


@dataclass(frozen=True)
class Style:
    """Cell formatting; ``None``/``False`` fields mean 'not set' so styles can be layered."""

    bold: bool = False
    fill: str | None = None
    """Background colour as RRGGBB."""
    number_format: str | None = None
    indent: int = 0
    wrap: bool = False
    """Long text wraps within the cell's width (the row grows)."""
    align: str | None = None
    """Horizontal alignment, ``right`` for a header standing over figures (text is left aligned)."""
    size: float | None = None
    """Font size in points (the workbook's own size when not set)."""
    color: str | None = None
    """Font colour as RRGGBB."""
    italic: bool = False

    def over(self, base: Style) -> Style:
        """This style layered on top of ``base``: fields set here win."""
        changes = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, False, 0)}
        return replace(base, **changes)


TITLE = Style(bold=True)
HEADER = Style(bold=True, fill="9BC2E6")
"""Few, plain formats: live Excel pays one call per format and rectangle (see property_rectangles)."""
NOTE = Style(italic=True)
TITLE_LARGE = Style(bold=True, size=14)
"""A result sheet's title."""

class _Advances(dict):
    """Advance widths by character; a character outside the table counts as a wide capital (1.35)
    or a wide lowercase letter (1.06)."""

    def __missing__(self, ch: str) -> int:
        return 135 if ch.isupper() else 106


CALIBRI_BOLD = _Advances(zip(map(chr, range(32, 127)), map(int, """
45 64 87 98 100 144 139 46 61 61 98 98 51 60 53 85 100 100 100 100 100 100 100 100 100 100 54 54 98 98 98 91
177 120 111 104 124 96 91 126 124 53 65 108 83 172 130 133 105 135 111 93 98 129 117 179 109 103 94 64 85 64 98
98 59 97 106 83 106 99 62 94 106 48 50 95 48 161 106 106 106 106 70 79 68 106 93 147 91 93 78 68 94 68 98
""".split()), strict=True))
"""Advance widths of the printable ASCII characters in Calibri Bold, in hundredths of its digit width
(from Carlito, which has Calibri's metrics); regular text is narrower."""
DIGIT_PIXELS, COLUMN_PIXELS = 7.43, 7
"""A Calibri 11 digit is 7.43 px wide at 96 dpi; Excel counts a column's width in whole 7 px digits."""
PADDING, MAX_WIDTH = 1.0, 100.0


def text_width(text: str) -> float:
    """The column width (Excel's unit: 7 px, a digit of Calibri 11) that shows ``text`` whole,
    bold or not.

    Excel has no text measuring without a live instance, so it is measured with Calibri Bold's
    metrics. LibreOffice's stand-in font, DejaVu Sans, is narrower relative to its digit.
    """
    hundredths = sum(map(CALIBRI_BOLD.__getitem__, text))
    return hundredths / 100 * DIGIT_PIXELS / COLUMN_PIXELS + PADDING


REGULAR = 0.93
"""Regular Calibri is about this much narrower than bold (the metrics above)."""


def wrap_lines(text: str, width: float, bold: bool = True) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (Excel's column units), as a cell that wraps
    shows it: at spaces, and after a hyphen (``West-`` / ``Vlaanderen``); a word wider than the
    line stands alone."""
    factor = 1.0 if bold else REGULAR
    lines: list[str] = []
    for piece in re.findall(r"\S+?(?:-|(?=\s)|$)\s*", text):
        if lines and text_width(lines[-1] + piece.rstrip()) * factor <= width:
            lines[-1] += piece
        else:
            lines.append(piece)
    return [line.rstrip() for line in lines]


LINE_HEIGHT, FONT_SIZE = 15.0, 11.0
"""Points per line of Calibri 11, Excel's default row height."""


@dataclass(frozen=True)
class Block:
    """A rectangle of values written at (row, col), 0-based; ``None`` leaves a cell empty."""

    row: int
    col: int
    values: list[list[Any]]


@dataclass(frozen=True)
class StyledRange:
    """A style applied to a rectangle of cells."""

    row: int
    col: int
    rows: int
    cols: int
    style: Style


BAR, SCATTER = "bar", "scatter"


@dataclass(frozen=True)
class Chart:
    """A chart of one block: series names in its first row, categories (or x values) in its first column."""

    name: str
    """The chart's name in the sheet; a refresh finds its chart again by it."""
    kind: str
    """:data:`BAR` (clustered, horizontal, first category on top: the ladder) or :data:`SCATTER`
    (a line through points placed by their x value: years at their true distance)."""
    title: str
    source: tuple[int, int, int, int]
    """(row, col, rows, cols) of the block, header row and category column included."""
    anchor: tuple[int, int, int, int]
    """(from row, from col, to row, to col) of the chart's frame."""
    number_format: str = SHARE
    """Format of the data labels."""
    axis_format: str = "0%"
    x_format: str = "0"
    """Format of a scatter chart's x axis (years)."""


@dataclass(frozen=True)
class PrintSetup:
    """How a sheet prints: A4 landscape, one page wide; optionally one page tall, an area, title rows
    repeated on every page, a footer."""

    fit_height: int = 0
    """Pages tall the sheet is shrunk to (0: as many as it needs)."""
    area: tuple[int, int, int, int] | None = None
    """(row, col, rows, cols) printed; None: everything filled."""
    title_rows: tuple[int, int] | None = None
    """(first, last) rows, 0-based, printed at the top of every page."""
    footer: str = ""
    """Text at the bottom left of every page; the print date stands at the right."""


@dataclass
class SheetLayout:
    """Everything one result sheet shows."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    styles: list[StyledRange] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    """Row heights in points, for rows whose text wraps or is larger than the default (:meth:`fit_rows`)."""
    freeze: tuple[int, int] | None = None
    charts: list[Chart] = field(default_factory=list)
    printing: PrintSetup = field(default_factory=PrintSetup)
    gridlines: bool = True
    """Excel's gridlines on screen (a page laid out like print reads better without)."""
    line_height: float = LINE_HEIGHT
    """Points per line of text; less than Excel's 15 packs a page tighter (every row then gets a height)."""
    _cells: tuple[int, dict[tuple[int, int], Any]] | None = field(default=None, repr=False, compare=False)
    _styled: tuple[int, dict[tuple[int, int], Style]] | None = field(default=None, repr=False, compare=False)
    """:meth:`cells` and :meth:`cell_styles`, kept while no block or style is added (both only grow):
    fitting, writing and counting live calls each ask for them."""

    def put(self, row: int, col: int, values: list[list[Any]], style: Style | None = None) -> None:
        """Add a block and, optionally, style its whole rectangle."""
        self.blocks.append(Block(row, col, values))
        if style is not None and values:
            self.style(row, col, len(values), max(len(v) for v in values), style)

    def style(self, row: int, col: int, rows: int, cols: int, style: Style) -> None:
        """Style a rectangle (later styles are layered over earlier ones)."""
        if rows > 0 and cols > 0:
            self.styles.append(StyledRange(row, col, rows, cols, style))

    def fit_columns(self, groups: Iterable[tuple[range, float, bool]]) -> None:
        """Give each group of columns one width (one call in live Excel): a fixed group its width, any
        other at least its minimum and enough to show whole every text in it that the next filled
        cell to its right would cut off (a fixed group's texts wrap instead).

        Text runs on over empty cells to its right, as in Excel, so a column's width depends on
        the widths to its right: call this once the blocks are in place; groups are fitted from
        right to left.
        """
        cells = self.cells()
        filled: dict[int, list[int]] = {}
        for (r, c), value in cells.items():
            if value is not None:
                filled.setdefault(r, []).append(c)
        widest: dict[tuple[int, int], float] = {}  # (column, next filled column) → the widest text there
        for r, cols in filled.items():
            cols.sort()
            for c, right in itertools.pairwise(cols):
                if isinstance(text := cells[(r, c)], str):
                    widest[(c, right)] = max(widest.get((c, right), 0.0), text_width(text))
        for columns, minimum, fixed in sorted(groups, key=lambda group: group[0].start, reverse=True):
            needed = minimum
            for (c, right), width in widest.items():
                if c in columns and not fixed:
                    beside = sum(self.widths.get(k, DEFAULT_WIDTH) for k in range(c + 1, right) if k not in columns)
                    spanned = sum(1 for k in range(c, right) if k in columns)
                    needed = max(needed, (width - beside) / spanned)
            width = min(math.ceil(needed), MAX_WIDTH)
            self.widths.update(dict.fromkeys(columns, width))
        self.fit_rows()

    def fit_rows(self) -> None:
        """Give every row holding wrapped or large text the height it needs (call once the columns
        have their widths). Neither Excel nor LibreOffice grows a row for wrapped text written to a
        file, so without this a wrapped label runs into the row below."""
        cells, line = self.cells(), self.line_height
        if line != LINE_HEIGHT:
            self.heights.update(dict.fromkeys({r for r, _ in cells}, line))
        for (r, c), style in self.cell_styles().items():
            text = cells.get((r, c))
            if not isinstance(text, str) or not text or not (style.wrap or (style.size or FONT_SIZE) > FONT_SIZE):
                continue
            scale = (style.size or FONT_SIZE) / FONT_SIZE
            width = (self.widths.get(c, DEFAULT_WIDTH) - PADDING) / scale
            lines = len(wrap_lines(text, width, style.bold)) if style.wrap else 1
            height = math.ceil(lines * line * scale)
            if height > line:
                self.heights[r] = max(self.heights.get(r, line), height)

    def cells(self) -> dict[tuple[int, int], Any]:
        """Every written cell's value by (row, col); a later block overwrites an earlier one."""
        if self._cells is not None and self._cells[0] == len(self.blocks):
            return self._cells[1]
        self._cells = (len(self.blocks), self._all_cells())
        return self._cells[1]

    def _all_cells(self) -> dict[tuple[int, int], Any]:
        return {(b.row + r, b.col + c): v for b in self.blocks for r, row in enumerate(b.values)
                for c, v in enumerate(row)}

    def cell_styles(self) -> dict[tuple[int, int], Style]:
        """The resulting style of every styled cell (for writers that style cell by cell)."""
        if self._styled is None or self._styled[0] != len(self.styles):
            self._styled = (len(self.styles), self._layered())
        return self._styled[1]

    def _layered(self) -> dict[tuple[int, int], Style]:
        result: dict[tuple[int, int], Style] = {}
        # Few distinct (style, base) pairs cover many cells: equal styles are first made one
        # object, then each pair is layered once and looked up by identity (hashing a dataclass
        # per cell would cost more than the layering saves).
        canonical: dict[Style, Style] = {}
        layered: dict[int, dict[int, Style]] = {}  # id(top) → id(base) → top over base
        plain = canonical.setdefault(Style(), Style())
        for styled in self.styles:
            top = canonical.setdefault(styled.style, styled.style)
            over = layered.setdefault(id(top), {})
            for r in range(styled.row, styled.row + styled.rows):
                for c in range(styled.col, styled.col + styled.cols):
                    base = result.get((r, c), plain)
                    if (style := over.get(id(base))) is None:
                        layer = top.over(base)
                        style = over[id(base)] = canonical.setdefault(layer, layer)
                    result[(r, c)] = style
        return result


T = TypeVar("T")


def runs(sizes: dict[int, T]) -> list[tuple[int, int, T]]:
    """Neighbouring rows (or columns) holding equal values, as (first, last, value): a run-length code."""
    found: list[tuple[int, int, T]] = []
    for at, size in sorted(sizes.items()):
        if found and found[-1][1] == at - 1 and found[-1][2] == size:
            found[-1] = (found[-1][0], at, size)
        else:
            found.append((at, at, size))
    return found


def _neighbours(cols: list[int]) -> list[tuple[int, int]]:
    """Column numbers as runs of neighbours, (first, last) each."""
    return [(first, last) for first, last, _ in runs(dict.fromkeys(cols, True))]


def property_rectangles(layout: SheetLayout) -> list[tuple[str, Any, int, int, int, int]]:
    """Each style property's value over the fewest rectangles: (property, value, row, col, rows, cols).

    A live-Excel writer sets one property on one rectangle per call, so the number of calls
    depends on the sheet's structure (bands, aggregate rows), not on its number of cells.
    """
    by_value: dict[tuple[str, Any], dict[int, list[int]]] = {}
    for (r, c), style in layout.cell_styles().items():
        for f in fields(style):
            value = getattr(style, f.name)
            if value not in (None, False, 0):
                by_value.setdefault((f.name, value), {}).setdefault(r, []).append(c)
    result = []
    for (name, value), rows in by_value.items():
        open_runs: dict[tuple[int, int], tuple[int, int]] = {}  # (first col, last col) → (first row, rows)
        for r in sorted(rows):
            still_open = {}
            for run in _neighbours(rows[r]):
                first, count = open_runs.pop(run, (r, 0))
                if first + count != r:
                    result.append((name, value, first, run[0], count, run[1] - run[0] + 1))
                    first, count = r, 0
                still_open[run] = (first, count + 1)
            for run, (first, count) in open_runs.items():
                result.append((name, value, first, run[0], count, run[1] - run[0] + 1))
            open_runs = still_open
        for run, (first, count) in open_runs.items():
            result.append((name, value, first, run[0], count, run[1] - run[0] + 1))
    return result
