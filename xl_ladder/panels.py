"""The publication's panels as result sheets: the regions of the province, the trend over the
years, and trede 3 by sector."""

from __future__ import annotations

import math
from typing import Any

from . import values
from .context import JOB_SEEKERS, PLACES, PUBLISHED_SHARE, SALARIED, Context, rung_places
from .layout import COUNT, EVOLUTION, HEADER, SHARE, TITLE, Chart, SheetLayout, Style
from .model import Ladder

REGIONS, TREND, SECTORS = "Regio's", "Trend", "Trede 3"
PER_100 = "0.0"


def _fraction(numerator: float, denominator: float) -> float | None:
    """A share as the fraction Excel's % formats expect (empty without data)."""
    return values.fraction(values.share_pct(numerator, denominator))


def _value(ladder: Ladder, row: int | None, region: str, year: int) -> float:
    """The value used of a row for a region and year; NaN without it."""
    k = ladder.column(region, year)
    return math.nan if k is None or row is None else float(ladder.value[row, k])


def _indicator(context: Context, code: str, region: str, year: int) -> float:
    return math.nan if context.indicators is None else context.indicators.get(code, region, year)


def _places(ladder: Ladder, context: Context, region: str, year: int, rung: int | None = None) -> float:
    """Places (all rungs, or one) from the measure table, else from the context table (sub-regions,
    earlier editions): the measure table wins where it has a value."""
    row = ladder.total_row if rung is None else ladder.rung_rows.get(rung)
    found = _value(ladder, row, region, year)
    if math.isnan(found):
        found = _indicator(context, PLACES if rung is None else rung_places(rung), region, year)
    return found


def regions_sheet(ladder: Ladder, context: Context) -> SheetLayout:
    """Per region of the focus region: places on treden 5+4+3, salaried employment and job seekers,
    each with its share within the focus region, and places per 100 salaried jobs."""
    s = ladder.settings
    year = s.report_year
    known = list(ladder.table.regions)
    if context.indicators is not None:
        known += [r for r, y in context.indicators.columns if y == year and r not in known]
    parts = [r for r in known if r not in (s.focus, s.reference) and not math.isnan(_places(ladder, context, r, year))]
    sheet = SheetLayout(REGIONS)
    sheet.put(0, 0, [[f"Spreiding over de regio's van {s.focus}, {year}"]], TITLE)
    header: list[list[Any]] = [
        ["Regio", "Plaatsen", "Loontrekkenden", "Werkzoekenden", "Aandeel", "Aandeel", "Aandeel", "Plaatsen per 100"],
              [None, "trede 5+4+3", None, "zonder werk", "plaatsen", "loontrekkenden", "werkzoekenden", "loontrekkenden"]]
    focus = [_places(ladder, context, s.focus, year), _indicator(context, SALARIED, s.focus, year),
             _indicator(context, JOB_SEEKERS, s.focus, year)]

    def line(name: str, figures: list[float]) -> list[Any]:
        shares = [_fraction(f, total) for f, total in zip(figures, focus, strict=True)]
        per_100 = values.cell(figures[0] / figures[1] * 100) if figures[1] > 0 else None
        return [name, *map(values.cell, figures), *shares, per_100]

    rows = [[_places(ladder, context, r, year), _indicator(context, SALARIED, r, year),
             _indicator(context, JOB_SEEKERS, r, year)] for r in parts]
    sums = [math.fsum(f[i] for f in rows if not math.isnan(f[i])) if rows else math.nan for i in range(3)]
    body: list[list[Any]] = [line(r, f) for r, f in zip(parts, rows, strict=True)]
    body += [line("Som van de regio's", sums), line(s.focus, focus)]
    sheet.put(2, 0, header, HEADER)
    sheet.put(4, 0, body)
    n = len(body)
    sheet.style(4, 1, n, 3, Style(number_format=COUNT))
    sheet.style(4, 4, n, 3, Style(number_format=SHARE))
    sheet.style(4, 7, n, 1, Style(number_format=PER_100))
    sheet.style(4 + n - 1, 0, 1, 8, Style(bold=True))
    notes = ["Aandeel = deel van de regio in het totaal van " + s.focus + "."]
    if not math.isnan(sums[0]) and not math.isnan(focus[0]) and abs(sums[0] - focus[0]) >= 0.5:
        notes.append(f"De som van de regio's ({values.shown(sums[0])}) wijkt af van het totaal van {s.focus} "
                     f"({values.shown(focus[0])}): verschil {values.shown(sums[0] - focus[0])}.")
    sheet.put(4 + n + 1, 0, [[note] for note in notes])
    sheet.fit_columns((range(1), 30), (range(1, 8), 12))
    return sheet


def trend_sheet(ladder: Ladder, context: Context) -> SheetLayout:
    """Every year in the workbook: total places, per rung, share of the reference region, ratio to
    salaried employment, evolution; a line chart of the total."""
    s, table = ladder.settings, ladder.table
    years = sorted({y for r, y in table.columns if r == s.focus} | (
        {y for r, y in context.indicators.columns if r == s.focus and not math.isnan(_places(ladder, context, r, y))}
        if context.indicators is not None else set()))
    rung_rows = ladder.rung_rows
    sheet = SheetLayout(TREND)
    sheet.put(0, 0, [[f"Tewerkstelling en participatie van kansengroepen in {s.focus}, per jaar"]], TITLE)
    header: list[list[Any]] = [["Jaar", "Totaal", *[f"Trede {n}" for n in rung_rows], "Totaal", "Loontrekkenden", "Aandeel in",
               "In % van de", "Evolutie", "Bron aandeel", "Opmerking"],
              [None, s.focus, *[None for _ in rung_rows], s.reference, None, s.reference, "loontrekkenden",
               None, None, None]]
    body: list[list[Any]] = []
    previous: tuple[int, float] | None = None
    total_row = ladder.total_row
    for year in years:
        k = ladder.column(s.focus, year)
        total = _places(ladder, context, s.focus, year)
        reference = _places(ladder, context, s.reference, year)
        share, source = _fraction(total, reference), "berekend"
        if share is None:
            printed = _indicator(context, PUBLISHED_SHARE, s.focus, year)
            share, source = (values.cell(printed / 100), "gepubliceerd") if not math.isnan(printed) else (None, "")
        salaried = _indicator(context, SALARIED, s.focus, year)
        evolution, note = None, None
        if previous is not None and not math.isnan(total):
            evolution = values.fraction(values.evolution_pct(previous[1], total))
            note = f"evolutie t.o.v. {previous[0]}"
        if math.isnan(total) and total_row is not None and k is not None and (lacking := ladder.missing(total_row, k)):
            note = "totaal onvolledig, ontbreekt: " + ", ".join(lacking)
        body.append([year, values.cell(total), *[values.cell(_places(ladder, context, s.focus, year, n)) for n in rung_rows],
                     values.cell(reference), values.cell(salaried), share, _fraction(total, salaried), evolution, source, note])
        if not math.isnan(total):
            previous = (year, total)
    sheet.put(2, 0, header, HEADER)
    sheet.put(4, 0, body)
    n, counts = len(body), 4 + len(rung_rows)
    sheet.style(4, 1, n, counts - 1, Style(number_format=COUNT))
    sheet.style(4, counts, n, 2, Style(number_format=SHARE))
    sheet.style(4, counts + 2, n, 1, Style(number_format=EVOLUTION))
    data = 4 + n + 1
    sheet.put(data, 0, [["Grafiek", s.focus]] + [[str(row[0]), row[1]] for row in body])  # years as labels
    sheet.style(data + 1, 1, n, 1, Style(number_format=COUNT))
    sheet.chart = Chart(name="Grafiek trend", kind="line", title=f"Plaatsen trede 5+4+3 in {s.focus}",
                        source=(data, 0, n + 1, 2), anchor=(data + n + 2, 0, data + n + 20, 6),
                        number_format=COUNT, axis_format=COUNT)
    last = len(header[0]) - 1
    sheet.fit_columns((range(1), 8), (range(1, last), 12), (range(last, last + 1), 40))
    return sheet


def sectors_sheet(ladder: Ladder, context: Context) -> SheetLayout | None:
    """Trede 3 by sector, focus against reference, with the check against trede 3 of the table;
    None when the workbook has no sector figures for both regions."""
    sectors = context.sectors
    s = ladder.settings
    years = [] if sectors is None else [
        y for y in sorted({y for _, y in sectors.columns}, reverse=True)
        if (s.focus, y) in sectors.columns and (s.reference, y) in sectors.columns]
    if sectors is None or not sectors.keys or not years:
        return None
    year = s.report_year if s.report_year in years else years[0]
    own = [sectors.get(k, s.focus, year) for k in sectors.keys]
    ref = [sectors.get(k, s.reference, year) for k in sectors.keys]
    own_total = math.fsum(v for v in own if not math.isnan(v))
    ref_total = math.fsum(v for v in ref if not math.isnan(v))
    sheet = SheetLayout(SECTORS)
    sheet.put(0, 0, [[f"Trede 3 (arbeidsmatige activiteiten) naar sector, {year}"]], TITLE)
    header = ["Sector", f"{s.focus} {year}", f"{s.reference} {year}", f"Aandeel {s.focus}", f"Aandeel {s.reference}"]
    body = [[label, values.cell(o), values.cell(r), _fraction(o, own_total), _fraction(r, ref_total)]
            for label, o, r in zip(sectors.labels, own, ref, strict=True)]
    body.append(["Totaal", own_total, ref_total, 1.0, 1.0])
    trede3 = ladder.rung_rows.get(3)
    body.append(["Trede 3 in de tabel Maatregelen", values.cell(_value(ladder, trede3, s.focus, year)),
                 values.cell(_value(ladder, trede3, s.reference, year)), None, None])
    sheet.put(2, 0, [header, *body])
    sheet.style(2, 0, 1, 5, HEADER)
    sheet.style(3, 1, len(body), 2, Style(number_format=COUNT))
    sheet.style(3, 3, len(body), 2, Style(number_format=SHARE))
    sheet.fit_columns((range(1), 30), (range(1, 5), 12))
    return sheet
