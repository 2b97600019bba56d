"""The result sheets (Ladder, Treden, Controle) as backend-neutral layouts, in Dutch."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import rungs, values
from .layout import COUNT, EVOLUTION, SHARE, BarChart, SheetLayout, Style
from .model import Ladder
from .problems import Problem

LADDER, RUNGS, CONTROL = "Ladder", "Treden", "Controle"
SHEETS = (LADDER, RUNGS, CONTROL)

TITLE = Style(bold=True, size=14, font_color="1F4E78")
HEADER = Style(bold=True, fill="1F4E78", font_color="FFFFFF", wrap=True, halign="center", border_bottom=True)
NOTE = Style(italic=True, font_color="595959")
BANDS = {5: ("DDEBF7", "BDD7EE"), 4: ("E2EFDA", "C6E0B4"), 3: ("FFF2CC", "FFE699")}
TOTAL_FILL = "D9D9D9"


def _cell(value: float) -> float | None:
    """A matrix value as a cell value: NaN (no data) stays an empty cell."""
    return None if value is None or math.isnan(value) else float(value)


def _fraction(pct: float) -> float | None:
    """A percentage as the fraction Excel's % formats expect."""
    return None if math.isnan(pct) else float(pct) / 100.0


def _number(value: float) -> str:
    """Dutch display of a count in footnotes: 42.748,6 → '42.748,6', 6098 → '6.098'."""
    text = f"{values.round_half_up(value, 1):,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-2] if text.endswith(",0") else text


def build(ladder: Ladder, problems: list[Problem]) -> list[SheetLayout]:
    """All result sheets, in workbook order."""
    return [ladder_sheet(ladder), rungs_sheet(ladder), control_sheet(ladder, problems)]


def _columns(ladder: Ladder) -> list[int | None]:
    s = ladder.settings
    return [ladder.column(region, year) for region in (s.focus, s.reference) for year in (s.base_year, s.report_year)]


def ladder_sheet(ladder: Ladder) -> SheetLayout:
    """The publication's main table: counts, shares and evolutions per row, in rung bands."""
    s, table = ladder.settings, ladder.table
    sheet = SheetLayout(LADDER, widths={0: 9, 1: 58, 2: 22, **{c: 12 for c in range(3, 11)}}, freeze=(5, 2))
    sheet.put(0, 0, [["Tewerkstelling en arbeidsmatige participatie van personen uit de kansengroepen"]], TITLE)
    sheet.put(1, 0, [[f"{s.focus} en {s.reference}, {s.base_year}–{s.report_year}. "
                      f"Aandeel = {s.focus} in {s.reference}; evolutie {s.base_year}–{s.report_year}."]], NOTE)
    sheet.put(3, 0, [["Code", "Maatregel", "Formule", s.focus, None, s.reference, None,
                      f"Aandeel {s.focus}", None, f"Evolutie {s.base_year}–{s.report_year}", None]], HEADER)
    years = [str(s.base_year), str(s.report_year)]
    sheet.put(4, 0, [[None, None, None, *years, *years, *years, s.focus, s.reference]], HEADER)
    sheet.heights.update({3: 30, 4: 30})
    sheet.merges += [(3, col, 1, 2) for col in (3, 5, 7, 9)] + [(3, col, 2, 1) for col in (0, 1, 2)]
    columns = _columns(ladder)
    nan = np.full(len(table.rows), np.nan)
    counts = [ladder.value[:, k] if k is not None else nan for k in columns]
    shares = [values.share_pct(counts[0], counts[2]), values.share_pct(counts[1], counts[3])]
    evolutions = [values.evolution_pct(counts[0], counts[1]), values.evolution_pct(counts[2], counts[3])]
    body = [
        [row.code, row.label, row.formula.text if row.formula else None,
         *(_cell(c[i]) for c in counts), *(_fraction(p[i]) for p in shares), *(_fraction(e[i]) for e in evolutions)]
        for i, row in enumerate(table.rows)
    ]
    first = 5
    sheet.put(first, 0, body)
    n = len(body)
    sheet.style(first, 3, n, 4, Style(number_format=COUNT))
    sheet.style(first, 7, n, 2, Style(number_format=SHARE))
    sheet.style(first, 9, n, 2, Style(number_format=EVOLUTION))
    sheet.style(first, 0, n, 1, Style(halign="center"))
    band, group = rungs.membership(table), rungs.groups(table)
    total = rungs.total_row(table)
    for i, row in enumerate(table.rows):
        fill = TOTAL_FILL if i == total else BANDS.get(band[i] or 0, (None, None))[group[i] % 2]
        sheet.style(first + i, 0, 1, 11, Style(bold=row.is_aggregate, fill=fill))
        if not row.is_aggregate:
            sheet.style(first + i, 1, 1, 1, Style(indent=1))
    notes = _footnotes(ladder)
    sheet.put(first + n + 1, 0, [[note] for note in notes], NOTE)
    return sheet


def _footnotes(ladder: Ladder) -> list[str]:
    """Weighted terms (40% of SINE) and published totals that differ from the sum of their parts."""
    table, notes = ladder.table, []
    for row in table.rows:
        for term in row.formula.terms if row.formula else ():
            if term.weight != 1:
                target = table.rows[table.index_of(term.first)] if table.index_of(term.first) is not None else None
                what = f"{term.first} ({target.label})" if target and target.label else term.first
                notes.append(f"{row.label or row.code}: slechts {term.weight * 100:g}% van {what} meegeteld.")
    for record in _differences(ladder):
        notes.append(f"{record[1] or record[0]}, {record[2]} {record[3]}: gepubliceerd {_number(record[4])}, "
                     f"{record[7]} {_number(record[5])} (verschil {_number(record[6])}).")
    return notes


def _differences(ladder: Ladder) -> list[list[Any]]:
    """Published totals that differ (by at least one unit) from the computed or known sum."""
    table, found = ladder.table, []
    for i, row in enumerate(table.rows):
        if not row.is_aggregate:
            continue
        for k, (region, year) in enumerate(table.columns):
            published = ladder.published[i, k]
            complete = not math.isnan(ladder.computed[i, k])
            summed = ladder.computed[i, k] if complete else ladder.known_sum[i, k]
            if math.isnan(published) or math.isnan(summed) or abs(published - summed) < 0.5:
                continue
            what = "som van de delen" if complete else f"som van de gekende delen (ontbreekt: {', '.join(ladder.missing[(i, k)])})"
            found.append([row.code, row.label, region, year, published, summed, published - summed, what])
    return found


def rungs_sheet(ladder: Ladder) -> SheetLayout:
    """Per rung and compared year: counts, distribution over the rungs, share of the focus region; a bar chart."""
    s, table = ladder.settings, ladder.table
    sheet = SheetLayout(RUNGS, widths={0: 52, **{c: 14 for c in range(1, 11)}}, freeze=(3, 1))
    sheet.put(0, 0, [[f"De participatieladder: {s.focus} en {s.reference}"]], TITLE)
    header = ["Trede"]
    for year in (s.base_year, s.report_year):
        header += [f"{s.focus} {year}", f"{s.reference} {year}", f"Verdeling {s.focus} {year}",
                   f"Verdeling {s.reference} {year}", f"Aandeel {s.focus} {year}"]
    sheet.put(2, 0, [header], HEADER)
    sheet.heights[2] = 62
    rows = list(rungs.rung_rows(table).values())
    total = rungs.total_row(table)
    body = []
    for i in rows + ([total] if total is not None else []):
        line: list[Any] = [table.rows[i].label or table.rows[i].code]
        for year in (s.base_year, s.report_year):
            focus = ladder.value[i, k] if (k := ladder.column(s.focus, year)) is not None else math.nan
            ref = ladder.value[i, k] if (k := ladder.column(s.reference, year)) is not None else math.nan
            focus_total = ladder.value[total, ladder.column(s.focus, year)] if total is not None else math.nan
            ref_total = ladder.value[total, ladder.column(s.reference, year)] if total is not None else math.nan
            line += [_cell(focus), _cell(ref), _fraction(values.share_pct(focus, focus_total)),
                     _fraction(values.share_pct(ref, ref_total)), _fraction(values.share_pct(focus, ref))]
        body.append(line)
    sheet.put(3, 0, body)
    n = len(body)
    for offset in (1, 6):
        sheet.style(3, offset, n, 2, Style(number_format=COUNT))
        sheet.style(3, offset + 2, n, 3, Style(number_format=SHARE))
    for r, i in enumerate(rows):
        rung = rungs.rung_of_code(table.rows[i].code) or 0
        sheet.style(3 + r, 0, 1, 11, Style(fill=BANDS.get(rung, (None,))[0]))
    if total is not None:
        sheet.style(3 + n - 1, 0, 1, 11, Style(bold=True, fill=TOTAL_FILL))
    note = 3 + n + 1
    sheet.put(note, 0, [["Verdeling = aandeel van de trede in het totaal van dezelfde regio en hetzelfde jaar."]], NOTE)
    if rows:
        sheet.chart = BarChart(
            title=f"Verdeling over de treden, {s.report_year}",
            categories=(3, 3 + len(rows) - 1, 0),
            series=[(f"{s.focus}", 3, 3 + len(rows) - 1, 8), (f"{s.reference}", 3, 3 + len(rows) - 1, 9)],
            anchor=(note + 2, 0, note + 20, 6),
        )
    return sheet


def control_sheet(ladder: Ladder, problems: list[Problem]) -> SheetLayout:
    """Every input problem and every difference between published and computed totals."""
    sheet = SheetLayout(CONTROL, widths={0: 14, 1: 40, 2: 18, 3: 8, 4: 14, 5: 14, 6: 12, 7: 60}, freeze=(1, 0))
    sheet.put(0, 0, [["Controle van de invoer"]], TITLE)
    sheet.put(2, 0, [["Problemen in de invoer"]], Style(bold=True))
    sheet.put(3, 0, [["Ernst", "Plaats", "Melding"]], HEADER)
    rows = [[p.severity.value, p.location, p.message] for p in problems] or [[None, None, "Geen problemen gevonden."]]
    sheet.put(4, 0, rows)
    sheet.merges += [(r, 2, 1, 6) for r in range(3, 4 + len(rows))]
    start = 4 + len(rows) + 1
    sheet.put(start, 0, [["Gepubliceerde totalen en de som van hun delen"]], Style(bold=True))
    start += 1
    sheet.put(start, 0, [["Code", "Omschrijving", "Regio", "Jaar", "Gepubliceerd", "Som van de delen", "Verschil", "Opmerking"]], HEADER)
    found = _differences(ladder)
    diffs = [record[:7] + [record[7].capitalize()] for record in found]
    for i, row in enumerate(ladder.table.rows):
        for k, (region, year) in enumerate(ladder.table.columns):
            if row.is_aggregate and (i, k) in ladder.missing and math.isnan(ladder.published[i, k]):
                diffs.append([row.code, row.label, region, year, None, _cell(ladder.known_sum[i, k]), None,
                              f"Onvolledig, geen gepubliceerd totaal: ontbreekt {', '.join(ladder.missing[(i, k)])}"])
    diffs = diffs or [[None, None, None, None, None, None, None, "Alle gepubliceerde totalen kloppen met de som van hun delen."]]
    sheet.put(start + 1, 0, diffs)
    sheet.style(start + 1, 4, len(diffs), 3, Style(number_format=COUNT))
    return sheet
