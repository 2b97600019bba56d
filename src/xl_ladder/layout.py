"""Backend-neutral sheet layout: blocks of values plus styled ranges, widths, panes, print set-up.

The report builds these; the file writer and the live-Excel writer each turn them into their
own calls (one write per block, one format per styled range).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

COUNT = "#,##0"
SHARE = "0.0%"
EVOLUTION = "+0.0%;-0.0%;0.0%"


@dataclass(frozen=True)
class Style:
    """Cell formatting; ``None``/``False`` fields mean 'not set' so styles can be layered."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    font_color: str | None = None
    fill: str | None = None
    number_format: str | None = None
    indent: int = 0
    wrap: bool = False
    halign: str | None = None
    border_bottom: bool = False

    def over(self, base: "Style") -> "Style":
        """This style layered on top of ``base``: fields set here win."""
        changes = {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, False, 0)}
        return replace(base, **changes)


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


@dataclass(frozen=True)
class BarChart:
    """A clustered bar chart: categories in one column, one series per value column."""

    title: str
    categories: tuple[int, int, int]
    """(first row, last row, column) of the category labels."""
    series: list[tuple[str, int, int, int]]
    """(name, first row, last row, column) of each series' values."""
    anchor: tuple[int, int, int, int]
    """(from row, from col, to row, to col) of the chart's frame."""
    number_format: str = SHARE


@dataclass
class SheetLayout:
    """Everything one result sheet shows."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    styles: list[StyledRange] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(row, col, rows, cols) rectangles shown as one cell (headers spanning columns)."""
    freeze: tuple[int, int] | None = None
    chart: BarChart | None = None

    def put(self, row: int, col: int, values: list[list[Any]], style: Style | None = None) -> None:
        """Add a block and, optionally, style its whole rectangle."""
        self.blocks.append(Block(row, col, values))
        if style is not None and values:
            self.style(row, col, len(values), max(len(v) for v in values), style)

    def style(self, row: int, col: int, rows: int, cols: int, style: Style) -> None:
        """Style a rectangle (later styles are layered over earlier ones)."""
        if rows > 0 and cols > 0:
            self.styles.append(StyledRange(row, col, rows, cols, style))

    def cell_styles(self) -> dict[tuple[int, int], Style]:
        """The resulting style of every styled cell (for writers that style cell by cell)."""
        result: dict[tuple[int, int], Style] = {}
        for styled in self.styles:
            for r in range(styled.row, styled.row + styled.rows):
                for c in range(styled.col, styled.col + styled.cols):
                    result[(r, c)] = styled.style.over(result.get((r, c), Style()))
        return result
