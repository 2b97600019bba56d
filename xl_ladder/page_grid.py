"""The grid of the publication page: panels stacked in reading order on A4 portrait pages, one grid of
columns, a panel's table cut across pages where it outgrows one (its title and header repeated), and
cells that never show a bare blank (*nb*)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from . import values
from .columns import Column, Table
from .layout import COUNT, SheetLayout, Style, wrap_lines

DARK = "1F4E78"
TITLE = Style(bold=True, size=16, color=DARK)
PANEL = Style(bold=True, fill=DARK, color="FFFFFF")
HEAD = Style(bold=True, fill="DDEBF7")
TOTAL = Style(bold=True, fill="D9D9D9")
NOTE = Style(italic=True)
RATIO = "0.0"
LINE = 14.0
"""Points per line on the page: Calibri 11 needs 13,4; a point less than Excel's rows, so the page prints larger."""
WIDTHS = (46, 10, 10, 9, 9, 8, 8)
"""The page's columns: a label column that wraps, then six figure columns; on A4 portrait at full size."""
SPAN = len(WIDTHS)
TEXT_WIDTH = sum(WIDTHS)
CHART_ROWS = 11
CHART_DATA = SPAN + 3
"""Column of the chart's data, beyond the printed area."""
PAGE_POINTS = 760.0
"""Height of an A4 portrait page's printed area, in points, with some room to spare (784 between the
margins, less the footer): a panel that fits on a page starts on a new one rather than being cut."""
FOOTER = "Tewerkstelling van kansengroepen"
"""The footer stays as the workbook was built (live Excel keeps a sheet's page set-up): no names, no date."""
MAX_BOXES = 15
"""Measure boxes under one rung at most (the publication has up to five): a table of many measures keeps its page."""
NOT_AVAILABLE = "nb"
INCOMPLETE = "onvolledig"
NOT_COUNTED = "niet geteld"


@dataclass
class Page:
    """The page filled from the top: each panel goes below the previous one.

    A panel's table taller than a page is cut into pieces that each fit one (``splits``, planned from a
    first layout by :meth:`plan`): each piece after the first starts a page with the panel's title,
    *(vervolg)*, and the table's header, so a reader never meets figures without their column titles.
    """

    sheet: SheetLayout
    splits: dict[int, list[int]] = field(default_factory=dict)
    """Panel → how many rows of its table stand on each page (panels not in it are not cut)."""
    row: int = 0
    starts: list[int] = field(default_factory=list)
    """The first row of each panel."""
    titles: list[str] = field(default_factory=list)
    tables: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Panel → the first and the last-but-one row of its table's body (one table per panel is cut)."""
    forced: list[int] = field(default_factory=list)
    """Rows that start a page because a table was cut there."""

    def title(self, text: str) -> None:
        """A panel's title band: one row over the whole width."""
        self.starts.append(self.row)
        self.titles.append(text)
        self._band(text)

    def _band(self, text: str) -> None:
        self.sheet.put(self.row, 0, [[text, *[None] * (SPAN - 1)]], PANEL)
        self.row += 1

    def table(self, table: Table[Any]) -> None:
        """A table in the panel's look; its label column (the first) wraps long texts."""
        table.header_style, table.wrap_header = HEAD, True
        first = table.columns[0]
        table.columns = [Column(first.header, first.value, first.number_format, first.width, True, first.style),
                         *table.columns[1:]]
        panel = len(self.starts) - 1
        pieces, done = self.splits.get(panel, [len(table.rows)]), 0
        for k, size in enumerate(pieces):
            if k:
                self.forced.append(self.row)
                self._band(f"{self.titles[panel]} (vervolg)")
            top = self.row + table.header_rows
            self.row = replace(table, rows=table.rows[done:done + size]).put(self.sheet, self.row, 0)
            self.tables.setdefault(panel, (top, self.row))
            done += size

    def notes(self, *texts: str) -> None:
        """Notes in italics, broken into lines of the page's width: each line its own row, which no other
        panel shares, so a note reads on without blank lines and never runs off the page."""
        lines = [line for text in texts for line in wrap_lines(text, TEXT_WIDTH, bold=False)]
        if lines:
            self.sheet.put(self.row, 0, [[line] for line in lines], NOTE)
            self.row += len(lines)

    def gap(self) -> None:
        self.row += 1

    def _height(self, first: int, last: int) -> float:
        """Printed height of rows ``first`` to ``last`` (excluded), once :meth:`SheetLayout.fit_rows` ran."""
        return math.fsum(self.sheet.heights.get(r, LINE) for r in range(first, last))

    def _panels(self) -> list[tuple[int, int, float]]:
        """Each panel's first row, end and height (less a closing gap, which may end a page)."""
        cells = self.sheet.cells()
        return [(start, end, self._height(start, end) - (LINE if (end - 1, 0) not in cells else 0.0))
                for start, end in itertools.pairwise([*self.starts, self.row])]

    def breaks(self) -> tuple[int, ...]:
        """Where a page must end: before a panel that fits on a page but not in what is left of this one,
        and where a table was cut (a panel taller than a page that was not cut continues on the next)."""
        found, used = [], self._height(0, self.starts[0] if self.starts else self.row)
        forced = sorted(self.forced)
        for start, end, tall in self._panels():
            inside = [r for r in forced if start < r < end]
            if inside:  # a cut panel: it starts where it stands, each piece on a page of its own
                found += inside
                used = self._height(inside[-1], end)
                continue
            if used and used + tall > PAGE_POINTS and tall <= PAGE_POINTS:
                found.append(start)
                used = 0.0
            used = (used + tall) % PAGE_POINTS
        return tuple(found)

    def plan(self) -> dict[int, list[int]]:
        """For each panel taller than a page, the rows of its table on each page: as many as fit below what
        the page already holds, then as many as fit below the repeated title and header."""
        plan, used = {}, self._height(0, self.starts[0] if self.starts else self.row)
        for panel, (start, end, tall) in enumerate(self._panels()):
            if tall <= PAGE_POINTS or panel not in self.tables:
                if used and used + tall > PAGE_POINTS:
                    used = 0.0
                used = (used + tall) % PAGE_POINTS
                continue
            body, body_end = self.tables[panel]
            repeated = LINE + self._height(start + 1, body)  # the title band again, and the header
            pieces, count, filled = [], 0, used + self._height(start, body)
            for r in range(body, body_end):
                if count and filled + self._height(r, r + 1) > PAGE_POINTS:
                    pieces.append(count)
                    count, filled = 0, repeated
                filled += self._height(r, r + 1)
                count += 1
            plan[panel] = [*pieces, count]
            used = (filled + self._height(body_end, end)) % PAGE_POINTS
        return plan


def shown(value: float, scale: Callable[[float], Any] = values.cell) -> Any:
    """A figure as a cell: *nb* where there is no data, never an empty cell or 0."""
    return NOT_AVAILABLE if math.isnan(value) else scale(value)


def pct(value: float) -> float | None:
    return values.fraction(value)


def figure(header: tuple[str | None, ...], get: Callable[[Any], float], number_format: str = COUNT,
            scale: Callable[[float], Any] = values.cell) -> Column[Any]:
    return Column(header, lambda item: shown(get(item), scale), number_format, style=lambda item: RIGHT)


RIGHT = Style(align="right")
"""A figure's cell, also when it says *nb*, stands right under its title."""
