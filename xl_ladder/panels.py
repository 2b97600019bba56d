"""The publication's panels as result sheets: the regions of the focus, the trend over the years,
and trede 3 by sector. The figures come from :mod:`.headline`; each table from one column
specification (:mod:`.columns`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from . import values
from .catalogue import Edition
from .columns import Column, Table, grouped
from .context import PUBLISHED_SHARE, SALARIED, Context
from .headline import Pair, RegionLine, Sectors, Spread
from .layout import COUNT, EVOLUTION, NOTE, SCATTER, SHARE, TITLE_LARGE, Chart, PrintSetup, SheetLayout, Style
from .model import Ladder
from .parts import indicator, places
from .sheet_names import REGIONS, SECTORS, TREND, footer

PER_100 = "0.0"


def spread_notes(spread: Spread, focus: str) -> list[str]:
    """What a reader of the regional spread must know: the places no region can be given, and a sum
    of the regions that differs from (or cannot be compared with) the total."""
    notes = []
    if (unassigned := spread.unassigned) is not None and not math.isnan(unassigned.places):
        share = values.share_pct(unassigned.places, spread.focus.places)
        of_total = f" ({values.shown(share)}% van het totaal)" if not math.isnan(share) else ""
        notes.append(f"Waaronder {values.shown(unassigned.places, 0)} plaatsen{of_total} die niet toe te wijzen zijn "
                     "aan een regio.")
    notes += [note for part, what in zip(spread.sums, ("plaatsen", "loontrekkenden", "werkzoekenden"), strict=True)
              if (note := part.note(f"De som van de regio's ({what})", "regio's"))]
    if values.differs(spread.total.places, spread.focus.places):
        notes.append(f"De som van de regio's ({values.shown(spread.total.places)}) wijkt af van het totaal van {focus} "
                     f"({values.shown(spread.focus.places)}): verschil {values.shown(spread.gap)}.")
    return notes


REGION_FIGURES: tuple[tuple[str, Callable[[RegionLine], float]], ...] = (
    ("Plaatsen trede 5+4+3", lambda line: line.places),
    ("Loontrekkenden", lambda line: line.salaried),
    ("Werkzoekenden zonder werk", lambda line: line.job_seekers),
)
"""The figures of a region on Regio's, each with its title: counted, then as a share of the focus region's."""


def _count(figure: Callable[[RegionLine], float]) -> Callable[[RegionLine], float | None]:
    """A region's figure as a cell."""
    return lambda line: values.cell(figure(line))


def _share(spread: Spread, figure: Callable[[RegionLine], float]) -> Callable[[RegionLine], float | None]:
    """A region's figure as a fraction of the focus region's."""
    return lambda line: values.share_fraction(figure(line), figure(spread.focus))


def regions_sheet(edition: Edition) -> SheetLayout:
    """Per region of the focus region: places on treden 5+4+3, salaried employment and job seekers,
    each with its share within the focus region, and places per 100 salaried jobs (the edition's spread,
    as the page shows it)."""
    s = edition.settings
    spread = edition.spread
    lines = [*spread.parts, spread.total, spread.focus]
    columns: list[Column[RegionLine]] = [
        Column(("Regio",), lambda line: line.region, width=30),
        *grouped("Aantal", [Column((title,), _count(figure), COUNT) for title, figure in REGION_FIGURES]),
        *grouped(f"Aandeel in {s.focus}", [Column((title,), _share(spread, figure), SHARE) for title, figure in REGION_FIGURES]),
        Column(("Plaatsen per 100", "loontrekkenden"),
               lambda line: values.cell(line.places / line.salaried * 100) if line.salaried > 0 else None, PER_100),
    ]
    table = Table(columns, lines, row_style=lambda line: Style(bold=True) if line is spread.focus else None)
    sheet = SheetLayout(REGIONS, printing=PrintSetup(title_rows=(2, 1 + table.header_rows), footer=footer(REGIONS)))
    sheet.put(0, 0, [[f"Spreiding over de regio's van {s.focus}, {spread.year}"]], TITLE_LARGE)
    end = table.put(sheet, 2)
    notes = [f"Aandeel = deel van de regio in het totaal van {s.focus}.", *spread_notes(spread, s.focus)]
    sheet.put(end + 1, 0, [[note] for note in notes], NOTE)
    sheet.fit_columns(table.widths())
    return sheet


@dataclass(frozen=True)
class SectorLine:
    """A line of Trede 3: a sector, the total of the sectors, or trede 3 as the measure table has it (the check,
    without shares)."""

    label: str
    figures: Pair
    total: bool = False
    checking: bool = False


@dataclass(frozen=True)
class _Year:
    """A line of the trend: one year's figures of the focus region."""

    year: int
    total: float
    rungs: dict[int, float]
    reference: float
    salaried: float
    share: float | None
    source: str | None
    evolution: float | None
    note: str | None


def _trend(ladder: Ladder, context: Context) -> list[_Year]:
    s, table = ladder.settings, ladder.table
    years = sorted({y for r, y in table.columns if r == s.focus} | (
        {y for r, y in context.indicators.columns if r == s.focus and not math.isnan(places(ladder, context, r, y))}
        if context.indicators is not None else set()))
    lines: list[_Year] = []
    previous: tuple[int, float] | None = None
    for year in years:
        total, reference = places(ladder, context, s.focus, year), places(ladder, context, s.reference, year)
        share, source = values.share_fraction(total, reference), "berekend"
        if share is None:
            printed = indicator(context, PUBLISHED_SHARE, s.focus, year)
            share, source = (values.cell(printed / 100), "gepubliceerd") if not math.isnan(printed) else (None, "")
        evolution, note = None, None
        if previous is not None and not math.isnan(total):
            evolution = values.fraction(values.evolution_pct(previous[1], total))
            note = f"evolutie t.o.v. {previous[0]}"
        k = ladder.column(s.focus, year)
        if math.isnan(total) and ladder.total_row is not None and k is not None and (
                lacking := ladder.missing(ladder.total_row, k)):
            note = "totaal onvolledig, ontbreekt: " + ", ".join(lacking)
        lines.append(_Year(year, total, {n: places(ladder, context, s.focus, year, n) for n in ladder.rung_rows},
                           reference, indicator(context, SALARIED, s.focus, year), share, source or None, evolution, note))
        if not math.isnan(total):
            previous = (year, total)
    return lines


def _rung(n: int) -> Callable[[_Year], float | None]:
    return lambda line: values.cell(line.rungs[n])


def trend_sheet(ladder: Ladder, context: Context) -> SheetLayout:
    """Every year in the workbook: total places, per rung, share of the reference region, ratio to
    salaried employment, evolution; a line chart of the total with the years at their true distance."""
    s = ladder.settings
    lines = _trend(ladder, context)
    columns: list[Column[_Year]] = [
        Column(("Jaar",), lambda line: line.year, width=8),
        Column(("Totaal", s.focus), lambda line: values.cell(line.total), COUNT),
        *[Column((f"Trede {n}",), _rung(n), COUNT) for n in ladder.rung_rows],
        Column(("Totaal", s.reference), lambda line: values.cell(line.reference), COUNT),
        Column(("Loontrekkenden",), lambda line: values.cell(line.salaried), COUNT),
        Column(("Aandeel in", s.reference), lambda line: line.share, SHARE),
        Column(("In % van de", "loontrekkenden"), lambda line: values.share_fraction(line.total, line.salaried), SHARE),
        Column(("Evolutie",), lambda line: line.evolution, EVOLUTION),
        Column(("Bron aandeel",), lambda line: line.source),
        Column(("Opmerking",), lambda line: line.note, width=40),
    ]
    table = Table(columns, lines)
    sheet = SheetLayout(TREND, printing=PrintSetup(title_rows=(2, 1 + table.header_rows), footer=footer(TREND)))
    sheet.put(0, 0, [[f"Tewerkstelling en participatie van kansengroepen in {s.focus}, per jaar"]], TITLE_LARGE)
    end = table.put(sheet, 2)
    data = end + 1
    points = [line for line in lines if not math.isnan(line.total)]  # a year without a total is no point at 0
    chart_data = Table([Column(("Grafiek: jaar",), lambda line: line.year),
                        Column((s.focus,), lambda line: values.cell(line.total), COUNT)], points, header_style=Style())
    chart_end = chart_data.put(sheet, data)
    sheet.charts.append(Chart(name="Grafiek trend", kind=SCATTER, title=f"Plaatsen trede 5+4+3 in {s.focus}",
                              source=(data, 0, len(points) + 1, 2), anchor=(chart_end + 1, 0, chart_end + 19, 6),
                              number_format=COUNT, axis_format=COUNT))
    sheet.fit_columns(table.widths())
    return sheet


def sectors_sheet(edition: Edition) -> SheetLayout | None:
    """Trede 3 by sector, focus against reference, with the check against trede 3 of the table;
    None when the workbook has no sector figures for both regions (the edition's sectors, as the page shows them)."""
    s = edition.settings
    found = edition.sectors
    if found is None:
        return None
    lines = [*(SectorLine(label, figures) for label, figures in found.lines), SectorLine("Totaal", found.total, total=True),
             SectorLine("Trede 3 in de tabel Maatregelen", found.trede3, checking=True)]

    def share(figure: float, total: float, line: SectorLine) -> float | None:
        return None if line.checking else values.share_fraction(figure, total)

    columns: list[Column[SectorLine]] = [
        Column(("Sector",), lambda line: line.label, width=30),
        *grouped("Aantal", [Column((f"{s.focus} {found.year}",), lambda line: values.cell(line.figures.focus), COUNT),
                            Column((f"{s.reference} {found.year}",), lambda line: values.cell(line.figures.reference),
                                   COUNT)]),
        *grouped("Verdeling over de sectoren (% van trede 3 van de regio)", [
            Column((s.focus,), lambda line: share(line.figures.focus, found.total.focus, line), SHARE),
            Column((s.reference,), lambda line: share(line.figures.reference, found.total.reference, line), SHARE)]),
    ]
    table = Table(columns, lines, row_style=lambda line: Style(bold=True) if line.total else None)
    notes = sector_notes(found, s.focus, s.reference)
    sheet = SheetLayout(SECTORS, printing=PrintSetup(title_rows=(2, 1 + table.header_rows), footer=footer(SECTORS)))
    sheet.put(0, 0, [[f"Trede 3 (arbeidsmatige activiteiten) naar sector, {found.year}"]], TITLE_LARGE)
    end = table.put(sheet, 2)
    sheet.put(end + 1, 0, [[note] for note in notes], NOTE)
    sheet.fit_columns(table.widths())
    return sheet


def sector_notes(found: Sectors, focus: str, reference: str) -> list[str]:
    """A sector without a figure (the total then incomplete, no shares) and a sum that differs from trede 3."""
    notes = [note for part, region in zip(found.sums, (focus, reference), strict=True)
             if (note := part.note(f"Het totaal van {region}", "sectoren"))]
    for region, summed, table in ((focus, found.total.focus, found.trede3.focus),
                                  (reference, found.total.reference, found.trede3.reference)):
        if values.differs(summed, table):
            notes.append(f"{region}: de sectoren tellen op tot {values.shown(summed)}, trede 3 in de tabel Maatregelen "
                         f"is {values.shown(table)}.")
    return notes
