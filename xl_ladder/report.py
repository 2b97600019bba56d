"""The main result sheets (Ladder, Treden, Controle) as backend-neutral layouts, in Dutch.

Each table is built from one column specification (:mod:`.columns`); :func:`build` puts every
result sheet in workbook order, the publication page first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import panels, publication, rungs, values
from .catalogue import Edition
from .columns import Column, Table, grouped
from .context import Context
from .layout import BAR, COUNT, EVOLUTION, NOTE, SHARE, TITLE, TITLE_LARGE, Chart, PrintSetup, SheetLayout, Style
from .model import Ladder
from .press_sheet import press_sheet
from .problems import Problem
from .sheet_names import CONTROL, LADDER, RUNGS, footer
from .table import Row

LIST_HEADER = TITLE  # the lists on Controle: bold headers without fill
BANDS = {5: ("DDEBF7", "BDD7EE"), 4: ("E2EFDA", "C6E0B4"), 3: ("FFF2CC", "FFE699")}
TOTAL_FILL = "D9D9D9"
"""Bottom left of every printed page of a result sheet (page number and print date follow)."""


def build(ladder: Ladder, problems: list[Problem], context: Context | None = None) -> list[SheetLayout]:
    """All result sheets, in workbook order: the publication page, the press release, the main sheets, then the panels."""
    context = context or Context()
    edition = Edition(ladder, context)
    sheets = [publication.page(edition), press_sheet(edition), ladder_sheet(ladder), rungs_sheet(ladder),
              control_sheet(ladder, [*problems, *publication.for_the_analyst(edition)]),
              panels.regions_sheet(edition), panels.trend_sheet(ladder, context), panels.sectors_sheet(edition)]
    return [sheet for sheet in sheets if sheet is not None]


def _column_values(ladder: Ladder, region: str, year: int) -> np.ndarray:
    """The values used of every row in one region-year column (NaN where the table has none)."""
    k = ladder.column(region, year)
    return ladder.value[:, k] if k is not None else np.full(len(ladder.table.rows), np.nan)


def _figures(data: np.ndarray, number_format: str, header: str, scale: Callable[[float], Any] = values.cell) -> Column[int]:
    """A column showing one figure per table row, from an array over the rows."""
    return Column((header,), lambda i: scale(data[i]), number_format)


def _formula_text(row: Row) -> str | None:
    return row.formula.text if row.formula else None


def ladder_table(ladder: Ladder) -> Table[int]:
    """The publication's main table: per row the counts, shares and evolutions, in table order.

    Shares and evolutions are fractions (for Excel's % formats). Used by the Ladder sheet and
    by the worksheet function that returns the whole ladder (:meth:`Table.grid`).
    """
    s, rows = ladder.settings, ladder.table.rows
    years = s.years
    counts = {(region, year): _column_values(ladder, region, year) for region in (s.focus, s.reference) for year in years}
    band, group, total = rungs.membership(ladder.table), rungs.groups(ladder.table), ladder.total_row

    def band_style(i: int) -> Style:
        fill = TOTAL_FILL if i == total else BANDS.get(band[i] or 0, (None, None))[group[i] % 2]
        return Style(bold=rows[i].is_aggregate, fill=fill)

    columns: list[Column[int]] = [
        Column(("Code",), lambda i: rows[i].code, width=9),
        Column(("Maatregel",), lambda i: rows[i].label, width=48, wrap=True,
               style=lambda i: None if rows[i].is_aggregate else Style(indent=1)),
        Column(("Formule",), lambda i: _formula_text(rows[i]), width=22),
    ]
    for region in (s.focus, s.reference):
        columns += grouped(region, [_figures(counts[region, year], COUNT, str(year)) for year in years])
    columns += grouped(f"Aandeel in {s.reference}", [
        _figures(values.share_pct(counts[s.focus, year], counts[s.reference, year]), SHARE, str(year), values.fraction)
        for year in years])
    columns += grouped(f"Evolutie {s.period}", [
        _figures(_evolution(counts, region, s.base_year, s.report_year), EVOLUTION, region, values.fraction)
        for region in (s.focus, s.reference)])
    return Table(columns, range(len(rows)), row_style=band_style, wrap_header=True)


def _evolution(counts: dict[tuple[str, int], np.ndarray], region: str, base: int | None, report: int) -> np.ndarray:
    """The evolution of every row from the base year to the report year; empty without a base year (never 0 %)."""
    if base is None:
        return np.full(len(counts[region, report]), np.nan)
    return values.evolution_pct(counts[region, base], counts[region, report])


def ladder_sheet(ladder: Ladder) -> SheetLayout:
    """The publication's main table: counts, shares and evolutions per row, in rung bands."""
    s = ladder.settings
    table = ladder_table(ladder)
    first = 3 + table.header_rows
    sheet = SheetLayout(LADDER, freeze=(first, 2),
                        printing=PrintSetup(title_rows=(3, first - 1), footer=footer(LADDER)))
    sheet.put(0, 0, [["Tewerkstelling en arbeidsmatige participatie van personen uit de kansengroepen"]], TITLE_LARGE)
    evolution = (f"evolutie {s.period}." if s.base_year is not None else
                 f"geen evolutie: geen jaar vóór {s.report_year} met cijfers voor beide regio's (zie Controle).")
    sheet.put(1, 0, [[f"{s.focus} en {s.reference}, {'–'.join(map(str, s.years))}. "
                      f"Aandeel = {s.focus} in {s.reference}; {evolution}"]])
    end = table.put(sheet, 3)
    sheet.put(end + 1, 0, [[note] for note in _footnotes(ladder)], NOTE)
    sheet.fit_columns(table.widths())
    return sheet


def _footnotes(ladder: Ladder) -> list[str]:
    """Weighted terms (40% of SINE) and published totals that differ from the sum of their parts."""
    table, notes = ladder.table, []
    for row in table.rows:
        for term in row.formula.terms if row.formula else ():
            if term.weight != 1:
                at = table.index_of(term.first)
                target = table.rows[at] if at is not None else None
                what = f"{term.first} ({target.label})" if target and target.label else term.first
                notes.append(f"{row.label or row.code}: slechts {term.weight * 100:g}% van {what} meegeteld.")
    notes.extend(f"{d.label or d.code}, {d.region} {d.year}: gepubliceerd {values.shown(d.published)}, "
                 f"{d.what} {values.shown(d.summed)} (verschil {values.shown(d.gap)})." for d in differences(ladder))
    return notes


@dataclass(frozen=True)
class Difference:
    """A published total that differs from the (known) sum of its parts."""

    code: str | None
    label: str
    region: str
    year: int
    published: float
    summed: float
    what: str
    """What was summed: all parts, or the known ones (naming the missing)."""

    @property
    def gap(self) -> float:
        return self.published - self.summed


def differences(ladder: Ladder) -> list[Difference]:
    """Published totals that differ from the (known) sum of their parts, in table order."""
    found = []
    for i, k, summed, complete in ladder.differences:
        row, (region, year) = ladder.table.rows[i], ladder.table.columns[k]
        what = ("som van de delen" if complete
                else f"som van de gekende delen (ontbreekt: {', '.join(ladder.missing(i, k))})")
        found.append(Difference(row.code, row.label, region, year, float(ladder.published[i, k]), summed, what))
    return found


def rung_table(ladder: Ladder) -> Table[int]:
    """Per rung (and the grand total) and compared year: counts, distribution over the rungs, share of the focus."""
    s, rows = ladder.settings, ladder.table.rows
    years, regions = s.years, (s.focus, s.reference)
    counts = {(region, year): _column_values(ladder, region, year) for region in regions for year in years}
    total = ladder.total_row
    shown = [*ladder.rung_rows.values(), *([total] if total is not None else [])]

    def per_year(make: Callable[[str, int], Column[int]]) -> list[Column[int]]:
        return [c for year in years for c in grouped(str(year), [make(region, year) for region in regions])]

    def distribution(region: str, year: int) -> Column[int]:
        data = counts[region, year]
        whole = data[total] if total is not None else np.nan
        return _figures(values.share_pct(data, np.full(len(data), whole)), SHARE, region, values.fraction)

    columns: list[Column[int]] = [
        Column(("Trede",), lambda i: rows[i].label or rows[i].code, width=34, wrap=True),
        *grouped("Aantal", per_year(lambda region, year: _figures(counts[region, year], COUNT, region))),
        *grouped("Verdeling over de treden", per_year(distribution)),
        *grouped(f"Aandeel {s.focus} in {s.reference}", [
            _figures(values.share_pct(counts[s.focus, year], counts[s.reference, year]), SHARE, str(year), values.fraction)
            for year in years]),
    ]

    def look(i: int) -> Style:
        return (Style(bold=True, fill=TOTAL_FILL) if i == total else
                Style(fill=BANDS.get(rungs.rung_of_code(rows[i].code) or 0, (None,))[0]))

    return Table(columns, shown, row_style=look)


def rungs_sheet(ladder: Ladder) -> SheetLayout:
    """Per rung and compared year: counts, distribution over the rungs, share of the focus region; a bar chart."""
    s, rows = ladder.settings, ladder.table.rows
    table = rung_table(ladder)
    sheet = SheetLayout(RUNGS, printing=PrintSetup(title_rows=(2, 1 + table.header_rows), footer=footer(RUNGS)))
    sheet.put(0, 0, [[f"De participatieladder: {s.focus} en {s.reference}"]], TITLE_LARGE)
    end = table.put(sheet, 2)
    sheet.put(end + 1, 0, [["Verdeling = aandeel van de trede in het totaal van dezelfde regio en hetzelfde jaar."]], NOTE)
    rung_rows = list(ladder.rung_rows.values())
    if rung_rows:
        data = end + 3
        distribution = {region: _column_values(ladder, region, s.report_year) for region in (s.focus, s.reference)}
        whole = {region: figures[ladder.total_row] if ladder.total_row is not None else np.nan
                 for region, figures in distribution.items()}
        chart_rows = rung_rows[::-1]  # lowest rung first: the bars then run top-down from the highest
        chart = Table([
            Column((f"Grafiek: verdeling {s.report_year}",), lambda i: (rows[i].code or "").capitalize()),
            *[_figures(values.share_pct(distribution[region], np.full(len(rows), whole[region])), SHARE, region,
                       values.fraction) for region in (s.focus, s.reference)],
        ], chart_rows, header_style=Style())
        chart_end = chart.put(sheet, data)
        sheet.charts.append(_ladder_chart(s.report_year, (data, 0, len(chart_rows) + 1, 3), chart_end + 1))
    sheet.fit_columns(table.widths())
    return sheet


def _ladder_chart(year: int, source: tuple[int, int, int, int], top: int) -> Chart:
    return Chart(name="Grafiek treden", kind=BAR,
                 title=f"Verdeling over de treden, {year} (% van het totaal van de regio)",
                 source=source, anchor=(top, 0, top + 18, 5))


@dataclass(frozen=True)
class ProblemLine:
    """A line of Controle's first list: one input problem, or the sentence that there is none."""

    message: str
    severity: str | None = None
    place: str | None = None


@dataclass(frozen=True)
class DifferenceLine:
    """A line of Controle's second list: a published total against the sum of its parts, an incomplete total
    without a published figure, or the sentence that every total agrees."""

    remark: str
    code: str | None = None
    label: str | None = None
    columns: str | None = None
    """Where (``West-Vlaanderen 2020``; for an incomplete total every column it concerns)."""
    published: float | None = None
    summed: float | None = None
    gap: float | None = None


PROBLEM_COLUMNS: list[Column[ProblemLine]] = [
    Column(("Ernst",), lambda line: line.severity, width=10),
    Column(("Plaats",), lambda line: line.place, width=30, wrap=True),
    Column(("Melding",), lambda line: line.message, width=60, wrap=True),
]
DIFFERENCE_COLUMNS: list[Column[DifferenceLine]] = [
    Column(("Code",), lambda line: line.code, width=10),
    Column(("Omschrijving",), lambda line: line.label, width=30, wrap=True),
    Column(("Opmerking",), lambda line: line.remark, width=60, wrap=True),
    Column(("Kolom(men)",), lambda line: line.columns, width=24, wrap=True),
    Column(("Gepubliceerd",), lambda line: line.published, COUNT, 13),
    Column(("Som van de delen",), lambda line: line.summed, COUNT, 13),
    Column(("Verschil",), lambda line: line.gap, COUNT, 13),
]
"""The two lists share the sheet's columns: their first three have the same widths."""


def control_sheet(ladder: Ladder | None, problems: list[Problem]) -> SheetLayout:
    """Every input problem and every difference between published and computed totals.

    Without a ladder (the input has errors) only the problems are listed.
    """
    sheet = SheetLayout(CONTROL, printing=PrintSetup(footer=footer(CONTROL)))
    sheet.put(0, 0, [["Controle van de invoer"]], TITLE_LARGE)
    lines = [ProblemLine(p.message, p.severity.value, p.location) for p in problems] or [
        ProblemLine("Geen problemen gevonden.")]
    end = Table(PROBLEM_COLUMNS, lines, header_style=LIST_HEADER).put(sheet, 2)
    if ladder is not None:
        found = [DifferenceLine(d.what.capitalize(), d.code, d.label, f"{d.region} {d.year}", d.published, d.summed, d.gap)
                 for d in differences(ladder)] + _incomplete(ladder)
        found = found or [DifferenceLine("Alle gepubliceerde totalen kloppen met de som van hun delen.")]
        Table(DIFFERENCE_COLUMNS, found, header_style=LIST_HEADER).put(sheet, end + 2)
    sheet.fit_columns(Table(DIFFERENCE_COLUMNS, []).widths())
    return sheet


def _incomplete(ladder: Ladder) -> list[DifferenceLine]:
    """Incomplete totals without a published figure: one line per total and set of missing measures,
    naming the columns it concerns (a large table would otherwise list thousands of lines)."""
    lines: list[DifferenceLine] = []
    for i in ladder.aggregate_rows:
        row = ladder.table.rows[i]
        for lacking, columns in ladder.incomplete_by_missing(i, among=np.isnan(ladder.published[i])):
            where = ", ".join("{} {}".format(*ladder.table.columns[k]) for k in columns[:6])
            where += f" … ({len(columns)} kolommen)" if len(columns) > 6 else ""
            known = values.cell(ladder.known_sum[i, columns[0]]) if len(columns) == 1 else None
            lines.append(DifferenceLine(f"Onvolledig, geen gepubliceerd totaal: ontbreekt {', '.join(lacking)}",
                                        row.code, row.label, where, summed=known))
    return lines
