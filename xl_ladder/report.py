"""The result sheets (Ladder, Treden, Controle) as backend-neutral layouts, in Dutch."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import panels, rungs, values
from .context import Context
from .layout import COUNT, EVOLUTION, HEADER, SHARE, TITLE, Chart, SheetLayout, Style
from .model import Ladder
from .problems import Problem

LADDER, RUNGS, CONTROL = "Ladder", "Treden", "Controle"

LIST_HEADER = TITLE  # the lists on Controle: bold headers without fill
BANDS = {5: ("DDEBF7", "BDD7EE"), 4: ("E2EFDA", "C6E0B4"), 3: ("FFF2CC", "FFE699")}
TOTAL_FILL = "D9D9D9"
CONTROL_COLUMNS = ((range(1), 14), (range(1, 2), 30), (range(2, 3), 60), (range(3, 7), 16))
"""Column groups of the Controle sheet and their least widths (each group one width)."""


def build(ladder: Ladder, problems: list[Problem], context: Context | None = None) -> list[SheetLayout]:
    """All result sheets, in workbook order: the panels of regions and trend after the main ones."""
    context = context or Context()
    sheets = [ladder_sheet(ladder), rungs_sheet(ladder), control_sheet(ladder, problems),
              panels.regions_sheet(ladder, context), panels.trend_sheet(ladder, context),
              panels.sectors_sheet(ladder, context)]
    return [sheet for sheet in sheets if sheet is not None]


def _columns(ladder: Ladder) -> list[int | None]:
    s = ladder.settings
    return [ladder.column(region, year) for region in (s.focus, s.reference) for year in (s.base_year, s.report_year)]


def ladder_table(ladder: Ladder) -> tuple[list[list[Any]], list[list[Any]]]:
    """The main table's two header rows and its body: per row the counts, shares and evolutions.

    Shares and evolutions are fractions (for Excel's % formats). Used by the Ladder sheet and
    by the worksheet function that returns the whole ladder.
    """
    s, table = ladder.settings, ladder.table
    years = [str(s.base_year), str(s.report_year)]
    header = [["Code", "Maatregel", "Formule", s.focus, None, s.reference, None,
               f"Aandeel {s.focus}", None, f"Evolutie {s.base_year}–{s.report_year}", None],
              [None, None, None, *years, *years, *years, s.focus, s.reference]]
    nan = np.full(len(table.rows), np.nan)
    counts = [ladder.value[:, k] if k is not None else nan for k in _columns(ladder)]
    shares = [values.share_pct(counts[0], counts[2]), values.share_pct(counts[1], counts[3])]
    evolutions = [values.evolution_pct(counts[0], counts[1]), values.evolution_pct(counts[2], counts[3])]
    body = [
        [row.code, row.label, row.formula.text if row.formula else None,
         *(values.cell(c[i]) for c in counts), *(values.fraction(p[i]) for p in shares),
         *(values.fraction(e[i]) for e in evolutions)]
        for i, row in enumerate(table.rows)
    ]
    return header, body


def ladder_sheet(ladder: Ladder) -> SheetLayout:
    """The publication's main table: counts, shares and evolutions per row, in rung bands."""
    s, table = ladder.settings, ladder.table
    sheet = SheetLayout(LADDER, freeze=(5, 2))
    sheet.put(0, 0, [["Tewerkstelling en arbeidsmatige participatie van personen uit de kansengroepen"]], TITLE)
    sheet.put(1, 0, [[f"{s.focus} en {s.reference}, {s.base_year}–{s.report_year}. "
                      f"Aandeel = {s.focus} in {s.reference}; evolutie {s.base_year}–{s.report_year}."]])
    header, body = ladder_table(ladder)
    sheet.put(3, 0, header, HEADER)
    first = 5
    sheet.put(first, 0, body)
    n = len(body)
    sheet.style(first, 3, n, 4, Style(number_format=COUNT))
    sheet.style(first, 7, n, 2, Style(number_format=SHARE))
    sheet.style(first, 9, n, 2, Style(number_format=EVOLUTION))
    band, group = rungs.membership(table), rungs.groups(table)
    total = ladder.total_row
    for i, row in enumerate(table.rows):
        fill = TOTAL_FILL if i == total else BANDS.get(band[i] or 0, (None, None))[group[i] % 2]
        sheet.style(first + i, 0, 1, 11, Style(bold=row.is_aggregate, fill=fill))
        if not row.is_aggregate:
            sheet.style(first + i, 1, 1, 1, Style(indent=1))
    notes = _footnotes(ladder)
    sheet.put(first + n + 1, 0, [[note] for note in notes])
    sheet.fit_columns((range(1), 9), (range(1, 2), 40), (range(2, 3), 22), (range(3, 11), 12))
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
    notes.extend(f"{record[1] or record[0]}, {record[2]} {record[3]}: gepubliceerd {values.shown(record[4])}, "
                 f"{record[7]} {values.shown(record[5])} (verschil {values.shown(record[6])})."
                 for record in _differences(ladder))
    return notes


def _differences(ladder: Ladder) -> list[list[Any]]:
    """Published totals that differ from the (known) sum of their parts, as lines for the sheets."""
    found = []
    for i, k, summed, complete in ladder.differences:
        row, (region, year), published = ladder.table.rows[i], ladder.table.columns[k], float(ladder.published[i, k])
        what = ("som van de delen" if complete
                else f"som van de gekende delen (ontbreekt: {', '.join(ladder.missing(i, k))})")
        found.append([row.code, row.label, region, year, published, summed, published - summed, what])
    return found


def rungs_sheet(ladder: Ladder) -> SheetLayout:
    """Per rung and compared year: counts, distribution over the rungs, share of the focus region; a bar chart."""
    s, table = ladder.settings, ladder.table
    years = (s.base_year, s.report_year)
    sheet = SheetLayout(RUNGS)
    sheet.put(0, 0, [[f"De participatieladder: {s.focus} en {s.reference}"]], TITLE)
    sheet.put(2, 0, [["Trede", "Aantal", None, None, None, "Verdeling over de treden", None, None, None,
                      f"Aandeel {s.focus}", None],
                     [None, *[f"{region} {year}" for year in years for region in (s.focus, s.reference)] * 2,
                      *map(str, years)]], HEADER)
    rows = list(ladder.rung_rows.values())
    total = ladder.total_row
    shown = rows + ([total] if total is not None else [])

    def value(i: int | None, region: str, year: int) -> float:
        k = ladder.column(region, year)
        return math.nan if i is None or k is None else float(ladder.value[i, k])

    body = []
    for i in shown:
        counts = [value(i, region, year) for year in years for region in (s.focus, s.reference)]
        totals = [value(total, region, year) for year in years for region in (s.focus, s.reference)]
        shares = [values.share_pct(value(i, s.focus, year), value(i, s.reference, year)) for year in years]
        body.append([table.rows[i].label or table.rows[i].code, *map(values.cell, counts),
                     *(values.fraction(values.share_pct(c, t)) for c, t in zip(counts, totals, strict=True)),
                     *map(values.fraction, shares)])
    sheet.put(4, 0, body)
    n = len(body)
    sheet.style(4, 1, n, 4, Style(number_format=COUNT))
    sheet.style(4, 5, n, 6, Style(number_format=SHARE))
    for r, i in enumerate(rows):
        sheet.style(4 + r, 0, 1, 11, Style(fill=BANDS.get(rungs.rung_of_code(table.rows[i].code) or 0, (None,))[0]))
    if total is not None:
        sheet.style(4 + n - 1, 0, 1, 11, Style(bold=True, fill=TOTAL_FILL))
    note = 4 + n + 1
    sheet.put(note, 0, [["Verdeling = aandeel van de trede in het totaal van dezelfde regio en hetzelfde jaar."]])
    if rows:
        data = note + 2
        sheet.put(data, 0, [[f"Grafiek: verdeling {s.report_year}", s.focus, s.reference]] + [
            [(table.rows[i].code or "").capitalize(), body[r][7], body[r][8]] for r, i in enumerate(rows)])
        sheet.style(data + 1, 1, len(rows), 2, Style(number_format=SHARE))
        sheet.chart = Chart(
            name="Grafiek treden",
            kind="bar",
            title=f"Verdeling over de treden, {s.report_year}",
            source=(data, 0, len(rows) + 1, 3),
            anchor=(data + len(rows) + 2, 0, data + len(rows) + 20, 3),
        )
    sheet.fit_columns((range(1), 30), (range(1, 11), 12))
    return sheet


def control_sheet(ladder: Ladder | None, problems: list[Problem]) -> SheetLayout:
    """Every input problem and every difference between published and computed totals.

    Without a ladder (the input has errors) only the problems are listed.
    """
    sheet = SheetLayout(CONTROL)
    sheet.put(0, 0, [["Controle van de invoer"]], TITLE)
    rows: list[list[Any]] = [[p.severity.value, p.location, p.message] for p in problems]
    rows = rows or [[None, None, "Geen problemen gevonden."]]
    sheet.put(2, 0, [["Ernst", "Plaats", "Melding"], *rows])
    sheet.style(2, 0, 1, 3, LIST_HEADER)
    if ladder is None:
        sheet.fit_columns(*CONTROL_COLUMNS)
        return sheet
    start = 2 + len(rows) + 2
    diffs = [[code, label, what.capitalize(), f"{region} {year}", published, summed, gap]
             for code, label, region, year, published, summed, gap, what in _differences(ladder)]
    # Incomplete totals without a published figure: one line per total and set of missing measures,
    # naming the columns it concerns (a large table would otherwise list thousands of lines).
    for i in ladder.aggregate_rows:
        row = ladder.table.rows[i]
        for lacking, columns in ladder.incomplete_by_missing(i, among=np.isnan(ladder.published[i])):
            where = ", ".join("{} {}".format(*ladder.table.columns[k]) for k in columns[:6])
            where += f" … ({len(columns)} kolommen)" if len(columns) > 6 else ""
            known = values.cell(ladder.known_sum[i, columns[0]]) if len(columns) == 1 else None
            diffs.append([row.code, row.label, f"Onvolledig, geen gepubliceerd totaal: ontbreekt {', '.join(lacking)}",
                          where, None, known, None])
    diffs = diffs or [[None, None, "Alle gepubliceerde totalen kloppen met de som van hun delen."]]
    header = ["Code", "Omschrijving", "Opmerking", "Kolom(men)", "Gepubliceerd", "Som van de delen", "Verschil"]
    sheet.put(start, 0, [header, *diffs])
    sheet.style(start, 0, 1, 7, LIST_HEADER)
    sheet.style(start + 1, 4, len(diffs), 3, Style(number_format=COUNT))
    sheet.fit_columns(*CONTROL_COLUMNS)
    return sheet
