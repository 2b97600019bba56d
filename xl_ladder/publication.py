"""The publication page: the infographic as one printable A4 page, drawn from the workbook.

Panels side by side in three columns — the ladder and the regions; the split of the total, the
ratios to salaried employment, the evolution and the sectors; the context and a chart — in plain
cells, formats and one chart, so Excel, LibreOffice and xlwings Lite all show the same page. Every
figure comes from :mod:`.headline`; a figure typed in ``Context`` because the tables cannot derive
it is marked *gepubliceerd*; a panel without figures says so instead of showing 0.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from . import values
from .columns import Column, Table, grouped
from .context import PUBLISHED_EVOLUTION_PLACES, PUBLISHED_EVOLUTION_SALARIED, SALARIED, Context
from .headline import (
    COUNTS,
    PERCENT,
    ContextLine,
    Evolution,
    Pair,
    RegionLine,
    RungLine,
    Spread,
    context_lines,
    disagreeing,
    distribution,
    evolutions,
    ladder_lines,
    pair,
    readable,
    regional_spread,
    salaried_ratios,
    sector_split,
)
from .layout import BAR, COUNT, EVOLUTION, SHARE, Chart, PrintSetup, SheetLayout, Style, wrap_lines
from .model import Ladder
from .panels import sector_notes, spread_notes
from .sheet_names import PAGE

T = TypeVar("T")
DARK = "1F4E78"
TITLE = Style(bold=True, size=16, color=DARK)
PANEL = Style(bold=True, fill=DARK, color="FFFFFF")
HEAD = Style(bold=True, fill="DDEBF7")
TOTAL = Style(bold=True, fill="D9D9D9")
NOTE = Style(italic=True)
RATIO = "0.0"
LINE = 14.0
"""Points per line on the page: Calibri 11 needs 13,4; a point less than Excel's rows, so the page prints larger."""
WIDTHS = (28, 12, 12, 8, 1, 25, 9, 7, 10, 7, 9, 7, 1, 30, 12, 12, 8)
"""The page's columns: three panel columns (a wrapped label column, then figures) and two narrow gaps."""
LEFT, MIDDLE, RIGHT = 0, 5, 13
"""First column of each panel column."""
SPAN = {LEFT: 4, MIDDLE: 7, RIGHT: 4}
CHART_ROWS = 9
CHART_DATA = 20
"""Column of the chart's data, beyond the printed area."""
SOURCE = "Bron: de tabellen Maatregelen, Context en Sectoren van deze werkmap; berekend met xl_ladder"


@dataclass
class _Stack:
    """A panel column filled from the top: each panel goes below the previous one."""

    sheet: SheetLayout
    col: int
    row: int

    @property
    def width(self) -> float:
        return sum(WIDTHS[self.col:self.col + SPAN[self.col]])

    def title(self, text: str) -> None:
        self.sheet.put(self.row, self.col, [[text, *[None] * (SPAN[self.col] - 1)]], PANEL)
        self.row += 1

    def table(self, table: Table[Any]) -> None:
        """A table in the panel's look; its label column (the first) wraps long texts."""
        table.header_style, table.wrap_header = HEAD, True
        first = table.columns[0]
        table.columns = [Column(first.header, first.value, first.number_format, first.width, True, first.style),
                         *table.columns[1:]]
        self.row = table.put(self.sheet, self.row, self.col)

    def notes(self, *texts: str) -> None:
        """Notes in small italics, broken into lines that fit the panel (a note never runs into the next panel)."""
        lines = [line for text in texts for line in wrap_lines(text, self.width, bold=False)]
        if lines:
            self.sheet.put(self.row, self.col, [[line] for line in lines], NOTE)
            self.row += len(lines)

    def gap(self) -> None:
        self.row += 1




def _figure(header: tuple[str | None, ...], get: Callable[[T], float], number_format: str = COUNT,
            scale: Callable[[float], Any] = values.cell) -> Column[T]:
    return Column(header, lambda item: scale(get(item)), number_format)


def _pct(value: float) -> float | None:
    return values.fraction(value)


def page(ladder: Ladder, context: Context) -> SheetLayout:
    """The publication page of the report year."""
    s = ladder.settings
    sheet = SheetLayout(PAGE, gridlines=False, line_height=LINE)
    sheet.put(0, 0, [[f"Tewerkstelling van kansengroepen in {s.focus}, cijfers {s.report_year}"]], TITLE)
    sheet.put(1, 0, [[f"Plaatsen op de participatieladder (treden 5, 4 en 3) in {s.focus} en {s.reference}; "
                      f"aandeel = {s.focus} in % van {s.reference}."]])
    left, middle, right = (_Stack(sheet, col, 2) for col in (LEFT, MIDDLE, RIGHT))
    _ladder(left, ladder, context)
    _split(left, ladder, context)
    _ratios(left, ladder, context)
    _regions(middle, ladder, context)
    middle.gap()
    _sectors(middle, ladder, context)
    middle.gap()
    _evolution(middle, ladder, context)
    _context(right, ladder, context)
    right.gap()
    _chart(sheet, right, max(left.row, middle.row), ladder, context)
    last = max(left.row, middle.row, right.row)
    sheet.widths.update(enumerate(WIDTHS))
    sheet.fit_rows()
    sheet.printing = PrintSetup(fit_height=1, area=(0, 0, last, len(WIDTHS)), footer=SOURCE)
    return sheet


def _ladder(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    stack.title(f"De participatieladder, {s.report_year}")
    rows: list[tuple[str, Pair | None, Style | None]] = []
    for line in ladder_lines(ladder, context):
        rows.append((f"{line.rung}  {line.name}", line.places, _rung_style(line)))
        rows += [(f"    {label}", figures, None) for label, figures in line.parts]
    total = pair(ladder, context)
    rows.append(("Totaal trede 5+4+3", total, TOTAL))
    stack.table(Table([
        Column(("Trede",), lambda row: row[0]),
        _figure((s.focus,), lambda row: row[1].focus if row[1] else math.nan),
        _figure((s.reference,), lambda row: row[1].reference if row[1] else math.nan),
        _figure(("Aandeel",), lambda row: row[1].share if row[1] else math.nan, SHARE, _pct),
    ], rows, row_style=lambda row: row[2]))
    notes = ["Treden 6, 2 en 1 worden niet geteld."]
    if math.isnan(total.focus) and math.isnan(total.reference):
        notes.insert(0, f"Geen totaal voor {s.report_year} in de tabel Maatregelen (zie het blad Controle).")
    notes += _weighted(ladder)
    notes += disagreeing(ladder)  # issue 27: a published figure its parts cannot explain, marked
    stack.notes(*notes)
    stack.gap()


def _rung_style(line: RungLine) -> Style:
    return Style(bold=True, fill={5: "DDEBF7", 4: "E2EFDA", 3: "FFF2CC"}.get(line.rung, "F2F2F2"))


def _weighted(ladder: Ladder) -> list[str]:
    """The weighted terms (only 40 % of SINE), one note per measure and weight, as the publication's footnote."""
    table, found = ladder.table, dict[tuple[str, float], list[str]]()
    for row in table.rows:
        for term in row.formula.terms if row.formula else ():
            if term.weight != 1:
                found.setdefault((term.first, term.weight), []).append(row.code or readable(row.label))
    notes = []
    for (code, weight), where in found.items():
        at = table.index_of(code)
        name = f"{readable(table.rows[at].label)} ({code})" if at is not None and table.rows[at].label else code
        notes.append(f"Slechts {weight * 100:g}% van {name} telt mee in {' en '.join(where)}, om dubbeltelling te vermijden.")
    return notes


def _split(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    stack.title(f"Verdeling over de treden, {s.report_year}")
    lines = distribution(ladder, context)
    stack.table(Table([
        Column(("in % van het totaal van de regio",), lambda line: line[0]),
        _figure((s.focus,), lambda line: line[1].focus, SHARE, _pct),
        _figure((s.reference,), lambda line: line[1].reference, SHARE, _pct),
    ], lines))
    if lines and any(not math.isnan(p.focus) for _, p in lines):
        stack.notes("Samen iets meer dan 100%: SINE telt volledig bij individuele inschakeling, voor 40% in het totaal.")
    else:
        stack.notes(f"Geen verdeling: het totaal van {s.report_year} ontbreekt.")
    stack.gap()


def _ratios(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    stack.title("In verhouding tot de bezoldigde tewerkstelling")
    ratios = salaried_ratios(ladder, context)
    stack.table(Table([
        Column(("Regio",), lambda ratio: ratio.region),
        _figure(("Plaatsen",), lambda ratio: ratio.places),
        _figure(("Loon-trekkenden",), lambda ratio: ratio.salaried),
        _figure(("In %",), lambda ratio: ratio.pct, SHARE, _pct),
    ], ratios))
    if all(math.isnan(ratio.salaried) for ratio in ratios):
        stack.notes(f"Geen loontrekkenden ('{SALARIED}') voor {s.report_year} in de tabel Context.")
    stack.gap()


def _evolution(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    stack.title(f"Evolutie {s.period}")  # issue 27: without a base year, "tot 2020"
    lines = evolutions(ladder, context)

    def source(line: Evolution) -> str | None:
        figures = (line.focus, line.reference)
        if all(math.isnan(f.value) for f in figures):
            return None
        return "gepubliceerd" if any(f.published for f in figures) else "berekend"

    blank: Column[Evolution] = Column(("",), lambda line: None)  # the panel's columns come in pairs (see regions)
    stack.table(Table([
        Column(("",), lambda line: line.label),
        *grouped(s.focus, [_figure(("%",), lambda line: line.focus.value, EVOLUTION, _pct), blank]),
        *grouped(s.reference, [_figure(("%",), lambda line: line.reference.value, EVOLUTION, _pct), blank]),
        Column(("Bron",), source),
    ], lines))
    missing = [code for line, code in zip(lines, (PUBLISHED_EVOLUTION_PLACES, PUBLISHED_EVOLUTION_SALARIED), strict=True)
               if math.isnan(line.focus.value) or math.isnan(line.reference.value)]
    notes = ["Gepubliceerd: ingevuld op het blad Context (de tabellen missen het vorige jaar)."
             ] if any(_published(line) for line in lines) else []
    if missing:
        notes.append(f"Geen gegeven voor een regio: vul {' en '.join(missing)} in op het blad Context.")
    stack.notes(*notes)


def _published(line: Evolution) -> bool:
    return line.focus.published or line.reference.published


def _context(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    stack.title(f"Context, {s.report_year}")
    lines = context_lines(ladder, context)

    def shown(get: Callable[[Pair], float]) -> Callable[[ContextLine], Any]:
        """A percentage as the fraction Excel's % format shows; a count or ratio as it is."""
        def cell(line: ContextLine) -> Any:
            figure = get(line.figures)
            return _pct(figure) if line.kind == PERCENT else values.cell(figure)
        return cell

    table = Table([
        Column(("",), lambda line: short(line.label), wrap=True),
        Column((s.focus,), shown(lambda p: p.focus)),
        Column((s.reference,), shown(lambda p: p.reference)),
        Column(("Aandeel",), lambda line: _pct(line.figures.share) if line.kind == COUNTS else None, SHARE),
    ], lines)
    stack.table(table)
    for r, line in enumerate(lines):  # each line its own format: counts, percentages, ratios
        number_format = {COUNTS: COUNT, PERCENT: SHARE}.get(line.kind, RATIO)
        stack.sheet.style(stack.row - len(lines) + r, stack.col + 1, 1, 2, Style(number_format=number_format))
    if not lines:
        stack.notes(f"Geen contextcijfers voor {s.report_year} in de tabel Context.")
    else:
        stack.notes(f"Zoals ingevuld op het blad Context (daar met de toelichting tussen haakjes); aandeel = {s.focus} "
                    f"in % van {s.reference}, berekend.")


def short(label: str) -> str:
    """A context label without its explanation between brackets: the page has room for the name only."""
    return re.sub(r"\s*\([^()]*\)", "", label).strip() or label


def _regions(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    spread = regional_spread(ladder, context)
    stack.title(f"Spreiding over de regio's van {s.focus}, {spread.year}")
    if not spread.parts:
        stack.notes(f"Geen regio's van {s.focus} met cijfers voor {spread.year} in de tabellen.")
        return
    lines = [*spread.parts, spread.total, spread.focus]
    figures = ("Plaatsen 5+4+3", "Loontrekkenden", "Wzw")
    columns: list[Column[RegionLine]] = [Column(("Regio",), lambda line: line.region)]
    for k, title in enumerate(figures):
        columns += grouped(title, [_figure(("aantal",), _nth(k)), _figure(("%",), _share_of(spread, k), SHARE, _pct)])
    stack.table(Table(columns, lines, row_style=lambda line: TOTAL if line is spread.focus else None))
    stack.notes(f"% = deel van de regio in {s.focus}; wzw = werkzoekenden zonder werk.", *spread_notes(spread, s.focus))


def _nth(k: int) -> Callable[[RegionLine], float]:
    return lambda line: line.figures[k]


def _share_of(spread: Spread, k: int) -> Callable[[RegionLine], float]:
    return lambda line: spread.share(line, k)


def _sectors(stack: _Stack, ladder: Ladder, context: Context) -> None:
    s = ladder.settings
    found = sector_split(ladder, context)
    stack.title(f"Trede 3 naar sector, {found.year if found else s.report_year}")
    if found is None:
        stack.notes("Geen cijfers per sector voor beide regio's (tabel Sectoren).")
        return
    lines = [*found.lines, ("Totaal", found.total)]
    columns: list[Column[tuple[str, Pair]]] = [Column(("Sector",), lambda line: line[0])]
    for region, own in ((s.focus, True), (s.reference, False)):
        columns += grouped(region, [_figure(("aantal",), _sector(own)),
                                    _figure(("%",), _sector(own, found.total), SHARE, _pct)])
    stack.table(Table(columns, lines, row_style=lambda line: TOTAL if line[0] == "Totaal" else None))
    stack.notes("% = deel van de sector in trede 3 van de regio.", *sector_notes(found, s.focus, s.reference))


def _sector(focus: bool, total: Pair | None = None) -> Callable[[tuple[str, Pair]], float]:
    """A sector's count for the focus or the reference, or its percent of ``total`` of the same region."""
    def get(line: tuple[str, Pair]) -> float:
        figure = line[1].focus if focus else line[1].reference
        if total is None:
            return figure
        return float(values.share_pct(figure, total.focus if focus else total.reference))
    return get


def _chart(sheet: SheetLayout, stack: _Stack, bottom: int, ladder: Ladder, context: Context) -> None:
    """The split of the total as bars, highest rung on top; its data stand beyond the printed area."""
    s = ladder.settings
    lines = distribution(ladder, context)[::-1]  # the first category is drawn at the bottom
    if not lines:
        return
    top = 3
    data = Table([Column(("Verdeling",), lambda line: line[0]),
                  _figure((s.focus,), lambda line: line[1].focus, SHARE, _pct),
                  _figure((s.reference,), lambda line: line[1].reference, SHARE, _pct)], lines, header_style=Style())
    data.put(sheet, top, CHART_DATA)
    end = max(bottom, stack.row + CHART_ROWS)  # down to the other panels' end, and tall enough to read
    sheet.charts.append(Chart(name="Grafiek publicatie", kind=BAR, title=f"Verdeling over de treden, {s.report_year}",
                              source=(top, CHART_DATA, len(lines) + 1, 3), anchor=(stack.row, RIGHT, end, RIGHT + SPAN[RIGHT])))
    stack.row = end

