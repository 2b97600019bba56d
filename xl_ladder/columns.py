"""Tables on result sheets, each built from one column specification.

A :class:`Column` says everything about one column — its header (one line per header row), how a
row's value is found, its number format, its least width, whether long texts wrap — so the header,
the body and the styles of a table can never fall out of step (they used to be kept in step by
position: ``body[r][7]``, ``4 + len(rung_rows)``). The same table serves the file writer, live
Excel and the worksheet function that returns the whole ladder (:meth:`Table.grid`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from .layout import HEADER, SheetLayout, Style

T = TypeVar("T")
WIDTH = 12.0
"""Least width of a figure column (Excel's unit: a digit of Calibri 11)."""


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of a table: header lines, value per row, format, width."""

    header: tuple[str | None, ...]
    """One line per header row, top first; None leaves that header cell empty (a group title
    standing over several columns is written once, over the first)."""
    value: Callable[[T], Any]
    number_format: str | None = None
    width: float = WIDTH
    """Least width; the column is widened to show its texts whole unless it wraps them."""
    wrap: bool = False
    """Long texts wrap within the column's width instead of widening it (keeps a printed page readable)."""
    style: Callable[[T], Style | None] | None = None
    """A style for one cell of a row, on top of the row's style (e.g. an indent)."""


def grouped(title: str, columns: Sequence[Column[T]]) -> list[Column[T]]:
    """``columns`` under one group title: the title goes over the first, above their own headers."""
    return [replace(c, header=(title if k == 0 else None, *c.header)) for k, c in enumerate(columns)]


@dataclass
class Table(Generic[T]):
    """Rows of items shown through columns, with an optional style per row."""

    columns: Sequence[Column[T]]
    rows: Sequence[T]
    row_style: Callable[[T], Style | None] | None = None
    header_style: Style = field(default_factory=lambda: HEADER)
    wrap_header: bool = False
    """The last header line wraps in its column (long region names over narrow figure columns); the
    lines above it run on over the empty cells beside them (a group title over its columns)."""

    @property
    def header_rows(self) -> int:
        return max((len(c.header) for c in self.columns), default=0)

    def header(self) -> list[list[Any]]:
        """The header rows; a column with fewer lines has them at the top (``Trede`` beside a group title)."""
        depth = self.header_rows
        return [[c.header[line] if line < len(c.header) else None for c in self.columns] for line in range(depth)]

    def body(self) -> list[list[Any]]:
        return [[column.value(item) for column in self.columns] for item in self.rows]

    def grid(self) -> list[list[Any]]:
        """Header and body as one rectangle."""
        return self.header() + self.body()

    def put(self, sheet: SheetLayout, row: int, col: int = 0) -> int:
        """Write the table at (row, col) with its styles; the first row below it is returned."""
        header, body = self.header(), self.body()
        width, top = len(self.columns), row + len(header)
        sheet.put(row, col, header, self.header_style)
        if self.wrap_header:
            sheet.style(top - 1, col, 1, width, Style(wrap=True))
        for k, column in enumerate(self.columns):  # a figure's own title stands right, over its figures
            if column.number_format is not None:
                sheet.style(top - 1, col + k, 1, 1, Style(align="right"))
        sheet.put(top, col, body)
        for k, column in enumerate(self.columns):
            look = Style(number_format=column.number_format, wrap=column.wrap)
            if look != Style():
                sheet.style(top, col + k, len(body), 1, look)
        for r, item in enumerate(self.rows):
            if self.row_style is not None and (style := self.row_style(item)) is not None:
                sheet.style(top + r, col, 1, width, style)
            for k, column in enumerate(self.columns):
                if column.style is not None and (style := column.style(item)) is not None:
                    sheet.style(top + r, col + k, 1, 1, style)
        return top + len(body)

    def widths(self, col: int = 0) -> Iterator[tuple[range, float, bool]]:
        """Neighbouring columns of the same least width and wrapping as one group (one call in live
        Excel): (columns, least width, fixed) each; a wrapping group keeps its width fixed."""
        start = 0
        for k in range(1, len(self.columns) + 1):
            if k == len(self.columns) or (self.columns[k].width, self.columns[k].wrap) != (
                    self.columns[start].width, self.columns[start].wrap):
                first = self.columns[start]
                yield range(col + start, col + k), first.width, first.wrap
                start = k
