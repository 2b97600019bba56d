"""The publication page: the infographic as printable A4 pages, drawn from the workbook.

The panels stand one below the other in the infographic's reading order — the ladder with the
measures under each rung, the split of the total and its chart, the ratios to salaried employment,
the evolution, the regions, the sectors, the context, the sources — on one grid of columns: a
panel owns its rows (a note never shares a row with another panel), prints on A4 portrait one page
wide, and a panel that outgrows a page (many regions) continues on the next, never smaller. A
tagged PDF reads the cells row by row, so this is also the reading order of the published PDF.

Every figure comes from :mod:`.headline`; a figure typed in ``Context`` because the tables cannot
derive it is marked *gepubliceerd*; an incomplete figure says *onvolledig* and names what it lacks;
a figure without data says *nb* (niet beschikbaar), never 0. The words are for the reader: the
analyst's instructions stand on ``Controle``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import values
from .catalogue import Edition
from .columns import Column, Table, grouped
from .context import (
    CONTEXT_TABLE,
    PUBLISHED_EVOLUTION_PLACES,
    PUBLISHED_EVOLUTION_SALARIED,
    SALARIED,
    SOURCE,
)
from .headline import (
    COUNTS,
    PERCENT,
    ContextLine,
    Evolution,
    Lacking,
    MeasureBox,
    Pair,
    RegionLine,
    RungLine,
    Spread,
    context_sources,
    disagreeing,
    lacking,
    pair,
    readable,
)
from .layout import BAR, COUNT, EVOLUTION, SHARE, Chart, PrintSetup, SheetLayout, Style
from .model import Ladder
from .page_grid import (
    CHART_DATA,
    CHART_ROWS,
    DARK,
    FOOTER,
    INCOMPLETE,
    LINE,
    MAX_BOXES,
    NOT_AVAILABLE,
    NOT_COUNTED,
    RATIO,
    RIGHT,
    SPAN,
    TITLE,
    TOTAL,
    WIDTHS,
    Page,
    figure,
    pct,
    shown,
)
from .panels import sector_notes, spread_notes
from .problems import Problem, Severity
from .rungs import total_row
from .sheet_names import PAGE


@dataclass(frozen=True)
class _Row:
    """A row of the ladder panel: a rung, a part of a rung or a measure box, with its figures."""

    label: str
    figures: Pair | None
    """None: a rung the tool does not count."""
    style: Style | None = None
    lacks: Lacking = field(default_factory=Lacking)
    """What an incomplete figure lacks, per region (named in a line under the row)."""


@dataclass(frozen=True)
class _Share:
    """A row of percentages of both regions (the split of the total)."""

    label: str
    figures: Pair


@dataclass(frozen=True)
class _Sector:
    """A sector of trede 3 (or the total) with its counts and shares of both regions."""

    label: str
    counts: Pair
    shares: Pair
    total: bool = False


def page(edition: Edition) -> SheetLayout:
    """The publication page of the report year: laid out once, and again with the tables that are taller
    than a page cut into pieces of a page each."""
    first = _layout(edition, {})
    plan = first.plan()
    return (_layout(edition, plan) if plan else first).sheet


def _layout(edition: Edition, splits: dict[int, list[int]]) -> Page:
    s = edition.settings
    sheet = SheetLayout(PAGE, gridlines=False, line_height=LINE)
    out = Page(sheet, splits)
    sheet.put(0, 0, [[f"Tewerkstelling van kansengroepen in {s.focus}, cijfers {s.report_year}"]], TITLE)
    out.row = 1
    out.notes(f"Plaatsen op de participatieladder (treden 5, 4 en 3) in {s.focus} en in {s.reference}; "
              f"aandeel = {s.focus} in % van {s.reference}; nb = niet beschikbaar.")
    out.gap()
    _ladder(out, edition)
    _split(out, edition)
    _ratios(out, edition)
    _evolution(out, edition)
    _regions(out, edition)
    _sectors(out, edition)
    _context(out, edition)
    _sources(out, edition)
    sheet.widths.update(enumerate(WIDTHS))
    sheet.fit_rows()
    sheet.printing = PrintSetup(area=(0, 0, out.row, SPAN), footer=FOOTER, portrait=True, dated=False,
                                breaks=out.breaks())
    return out


def for_the_analyst(edition: Edition) -> list[Problem]:
    """What the analyst can add for the page to say more (listed on ``Controle``, never on the page): the
    evolutions and the salaried employment the tables lack, the sources."""
    ladder, context = edition.ladder, edition.context
    s, found = ladder.settings, []
    for line, code in zip(edition.evolutions, (PUBLISHED_EVOLUTION_PLACES, PUBLISHED_EVOLUTION_SALARIED),
                          strict=True):
        for region, found_figure in ((s.focus, line.focus), (s.reference, line.reference)):
            if math.isnan(found_figure.value):
                found.append(f"{PAGE}: geen evolutie {s.period} ({line.label}) voor {region}: vul "
                             f"{code} in de tabel Context in (de tabellen hebben geen volledig {s.base_year or 'basisjaar'}); "
                             "de pagina toont nb")
    found += [f"{PAGE}: geen loontrekkenden ('{SALARIED}') voor {ratio.region} in {s.report_year} in de tabel Context; "
              "de pagina toont nb" for ratio in edition.salaried_ratios if math.isnan(ratio.salaried)]
    if context.indicators is not None and not context_sources(ladder, context):
        found.append(f"{PAGE}: de kolom {SOURCE} van de tabel Context is leeg: de pagina noemt geen bronnen")
    return [Problem(Severity.WARNING, CONTEXT_TABLE, message) for message in found]


def _ladder(out: Page, edition: Edition) -> None:
    ladder, context = edition.ladder, edition.context
    """The six rungs, each counted rung with its parts and the measures under it, and the total."""
    s = ladder.settings
    out.title(f"De participatieladder en haar maatregelen, {s.report_year}")
    boxes = edition.boxes
    rows: list[_Row] = []
    left_out = []
    for line in edition.rungs:
        rows.append(_Row(f"Trede {line.rung}  {line.name}", line.places, _rung_style(line), lacking(ladder, line.row)))
        own = [box for box in boxes if box.rung == line.rung]
        if len(own) > MAX_BOXES:
            left_out.append(f"Trede {line.rung} telt {len(own)} maatregelen; ze staan niet afzonderlijk op deze pagina.")
            own = []
        rows += _parts_and_boxes(ladder, line, own)
    at = total_row(ladder.table)
    rows.append(_Row("Totaal trede 5+4+3", pair(ladder, context), TOTAL, lacking(ladder, at)))
    table = Table([
        Column(("Trede en maatregel",), lambda row: row.label),
        _counted(s.focus, lambda p: p.focus, COUNT),
        _counted(s.reference, lambda p: p.reference, COUNT),
        _counted("Aandeel", lambda p: p.share, SHARE, pct),
    ], rows, row_style=lambda row: row.style)
    out.table(table)
    _mark_incomplete(out, rows, s.focus, s.reference)
    out.notes(*_weighted(ladder), *disagreeing(ladder), "Treden 6, 2 en 1 worden niet geteld.", *left_out)
    out.gap()


def _counted(header: str, get: Callable[[Pair], float], number_format: str,
             scale: Callable[[float], Any] = values.cell) -> Column[_Row]:
    """A figure of a ladder row: *niet geteld* for a rung without figures, *onvolledig* where a part lacks."""
    def cell(row: _Row) -> Any:
        if row.figures is None:
            return NOT_COUNTED if header != "Aandeel" else None
        figure = get(row.figures)
        if math.isnan(figure) and (row.lacks.focus or row.lacks.reference):
            return INCOMPLETE
        return shown(figure, scale)
    return Column((header,), cell, number_format, style=lambda row: RIGHT)


def _parts_and_boxes(ladder: Ladder, line: RungLine, boxes: Sequence[MeasureBox]) -> list[_Row]:
    """A rung's parts (individuele, collectieve inschakeling), each followed by the measure boxes it holds."""
    def box_rows(first: int, last: float) -> list[_Row]:
        return [_Row(f"    {box.label}", box.figures, None, lacking(ladder, box.row)) for box in boxes if first <= box.row < last]

    if not line.parts:
        return box_rows(0, math.inf)
    rows: list[_Row] = []
    starts = [*line.part_rows, math.inf]
    for (label, figures), start, end in zip(line.parts, starts, starts[1:], strict=False):
        rows.append(_Row(f"  {label}", figures, _PART, lacking(ladder, int(start))))
        rows += box_rows(int(start), end)
    return rows


_PART = Style(bold=True)


def _mark_incomplete(out: Page, rows: Sequence[_Row], focus: str, reference: str) -> None:
    """Under the table, each incomplete figure with what it lacks (the cell itself says *onvolledig*)."""
    notes = []
    for row in rows:
        for region, lacks in ((focus, row.lacks.focus), (reference, row.lacks.reference)):
            if lacks:
                notes.append(f"{row.label.strip()}, {region}: {INCOMPLETE}: ontbreekt {', '.join(lacks)}.")
    out.notes(*notes)


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
        name = readable(table.rows[at].label) if at is not None and table.rows[at].label else code
        notes.append(f"Slechts {weight * 100:g}% van {name} telt mee in {' en '.join(where)}, om dubbeltelling te "
                     f"vermijden; onder de trede staat {name} volledig.")
    return notes


def _split(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    out.title(f"Verdeling over de treden, {s.report_year}")
    lines = [_Share(label, figures) for label, figures in edition.distribution]
    out.table(Table([
        Column(("In % van het totaal van de regio",), lambda line: line.label),
        figure((s.focus,), lambda line: line.figures.focus, SHARE, pct),
        figure((s.reference,), lambda line: line.figures.reference, SHARE, pct),
    ], lines))
    if lines and any(not math.isnan(line.figures.focus) for line in lines):
        out.notes("Samen iets meer dan 100%: SINE telt volledig bij individuele inschakeling, voor 40% in het totaal.")
        _chart(out, ladder, lines)
    else:
        out.notes(f"Geen verdeling: het totaal van {s.report_year} is onvolledig.")
    out.gap()


def _ratios(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    out.title(f"In verhouding tot de bezoldigde tewerkstelling, {s.report_year}")
    ratios = edition.salaried_ratios
    out.table(Table([
        Column(("Regio",), lambda ratio: ratio.region),
        figure(("Plaatsen",), lambda ratio: ratio.places),
        figure(("Loon-trekkenden",), lambda ratio: ratio.salaried),
        figure(("In %",), lambda ratio: ratio.pct, SHARE, pct),
    ], ratios))
    out.notes("Plaatsen op trede 5, 4 en 3 in % van de loontrekkenden (bezoldigde tewerkstelling) van de regio.")
    out.gap()


def _evolution(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    out.title(f"Evolutie {s.period}")
    lines = edition.evolutions

    def source(line: Evolution) -> str:
        figures = (line.focus, line.reference)
        if all(math.isnan(f.value) for f in figures):
            return NOT_AVAILABLE
        return "gepubliceerd" if any(f.published for f in figures) else "berekend"

    out.table(Table([
        Column(("",), lambda line: line.label),
        figure((s.focus,), lambda line: line.focus.value, EVOLUTION, pct),
        figure((s.reference,), lambda line: line.reference.value, EVOLUTION, pct),
        Column(("",), lambda line: None, width=0),  # the word beside the figures, not against them
        Column(("Bron",), source),
    ], lines))
    if any(line.focus.published or line.reference.published for line in lines):
        out.notes("Gepubliceerd: het cijfer zoals de bron het publiceert (de tabellen hebben geen volledig "
                  f"{s.base_year or 'basisjaar'}).")
    out.gap()


def _regions(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    spread = edition.spread
    out.title(f"Spreiding over de regio's van {s.focus}, {spread.year}")
    if not spread.parts:
        out.notes(f"Geen cijfers per regio van {s.focus} voor {spread.year}.")
        out.gap()
        return
    lines = [*spread.parts, spread.total, spread.focus]
    columns: list[Column[RegionLine]] = [Column(("Regio",), lambda line: line.region)]
    for k, (title, count) in enumerate((("Plaatsen 5+4+3", _places), ("Loontrekkenden", _salaried),
                                        ("Wzw", _job_seekers))):  # k: the figure as Spread.share counts them
        columns += grouped(title, [figure(("aantal",), count), figure(("%",), _share_of(spread, k), SHARE, pct)])
    out.table(Table(columns, lines, row_style=lambda line: TOTAL if line is spread.focus else None))
    out.notes(f"% = deel van de regio in {s.focus}; wzw = werkzoekenden zonder werk.", *spread_notes(spread, s.focus))
    out.gap()


def _places(line: RegionLine) -> float:
    return line.places


def _salaried(line: RegionLine) -> float:
    return line.salaried


def _job_seekers(line: RegionLine) -> float:
    return line.job_seekers


def _share_of(spread: Spread, k: int) -> Callable[[RegionLine], float]:
    return lambda line: spread.share(line, k)


def _sectors(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    found = edition.sectors
    out.title(f"Trede 3 naar sector, {found.year if found else s.report_year}")
    if found is None:
        out.notes("Geen cijfers per sector voor beide regio's.")
        out.gap()
        return
    total = found.total

    def line(label: str, counts: Pair, is_total: bool = False) -> _Sector:
        shares = Pair(float(values.share_pct(counts.focus, total.focus)),
                      float(values.share_pct(counts.reference, total.reference)))
        return _Sector(label, counts, shares, is_total)

    lines = [*(line(label, counts) for label, counts in found.lines), line("Totaal", total, True)]
    columns: list[Column[_Sector]] = [Column(("Sector",), lambda row: row.label)]
    columns += grouped(s.focus, [figure(("aantal",), lambda row: row.counts.focus),
                                 figure(("%",), lambda row: row.shares.focus, SHARE, pct)])
    columns += grouped(s.reference, [figure(("aantal",), lambda row: row.counts.reference),
                                     figure(("%",), lambda row: row.shares.reference, SHARE, pct)])
    out.table(Table(columns, lines, row_style=lambda row: TOTAL if row.total else None))
    out.notes("% = deel van de sector in trede 3 van de regio.", *sector_notes(found, s.focus, s.reference))
    out.gap()


def _context(out: Page, edition: Edition) -> None:
    ladder = edition.ladder
    s = ladder.settings
    out.title(f"Context, {s.report_year}")
    lines = edition.context_lines
    if not lines:
        out.notes(f"Geen contextcijfers voor {s.report_year}.")
        out.gap()
        return

    def as_cell(get: Callable[[Pair], float]) -> Callable[[ContextLine], Any]:
        """A percentage as the fraction Excel's % format shows; a count or ratio as it is."""
        def cell(line: ContextLine) -> Any:
            return shown(get(line.figures), pct if line.kind == PERCENT else values.cell)
        return cell

    out.table(Table([
        Column(("",), lambda line: short(line.label), wrap=True),
        Column((s.focus,), as_cell(lambda p: p.focus), COUNT, style=lambda line: RIGHT),  # format per line below
        Column((s.reference,), as_cell(lambda p: p.reference), COUNT, style=lambda line: RIGHT),
        Column(("Aandeel",), lambda line: pct(line.figures.share) if line.kind == COUNTS else None, SHARE),
    ], lines))
    for r, line in enumerate(lines):  # each line its own format: counts, percentages, ratios
        number_format = {COUNTS: COUNT, PERCENT: SHARE}.get(line.kind, RATIO)
        out.sheet.style(out.row - len(lines) + r, 1, 1, 2, Style(number_format=number_format))
    derived = [f"{line.label}: berekend." for line in lines if line.derived and short(line.label) != line.label]
    out.notes(f"Aandeel = {s.focus} in % van {s.reference}.", *derived)
    out.gap()


def short(label: str) -> str:
    """A context label without its explanation between brackets: the page has room for the name only."""
    return re.sub(r"\s*\([^()]*\)", "", label).strip() or label


def _sources(out: Page, edition: Edition) -> None:
    ladder, context = edition.ladder, edition.context
    """Where the figures come from (the ``Bron`` column of ``Context``) and who publishes them (``Uitgever``)."""
    s = ladder.settings
    out.title("Bronnen")
    found = context_sources(ladder, context)
    lines = [source if source.endswith(".") else f"{source}." for source in found]
    out.notes(*(lines or ["De bronnen van de cijfers zijn niet opgegeven."]))
    if s.publisher:
        out.notes(s.publisher)


def _chart(out: Page, ladder: Ladder, lines: Sequence[_Share]) -> None:
    """The split of the total as bars, highest rung on top, across the page under its table; its data stand
    beyond the printed area, its alternative text says what it shows."""
    s = ladder.settings
    shown = list(lines)[::-1]  # the first category is drawn at the bottom
    top = out.row
    # in each group of bars the first series is drawn lowest, and the legend lists the lowest last: the
    # reference first puts the focus on top in both, as in the tables
    data = Table([Column(("Verdeling",), lambda line: line.label),
                  figure((s.reference,), lambda line: line.figures.reference, SHARE, pct),
                  figure((s.focus,), lambda line: line.figures.focus, SHARE, pct)], shown, header_style=Style())
    data.put(out.sheet, top, CHART_DATA)
    def said(pct: float) -> str:
        return NOT_AVAILABLE if math.isnan(pct) else f"{values.shown(pct)}%"

    described = "; ".join(f"{line.label}: {said(line.figures.focus)} in {s.focus}, "
                          f"{said(line.figures.reference)} in {s.reference}" for line in lines)
    out.sheet.charts.append(Chart(
        name="Grafiek publicatie", kind=BAR, title=f"Verdeling over de treden, {s.report_year}",
        source=(top, CHART_DATA, len(shown) + 1, 3), anchor=(out.row, 0, out.row + CHART_ROWS, SPAN),
        description=f"Staafdiagram: verdeling van de plaatsen over de treden, {s.report_year}, in % van het totaal "
                    f"van de regio. {described}.", major_unit=0.2, colours=("9DC3E6", DARK)))
    out.row += CHART_ROWS
