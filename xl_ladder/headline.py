"""The publication's headline figures, computed once from the ladder and the context tables.

The publication page and the panel sheets (Regio's, Trend, Trede 3) lay these out; neither
computes a figure of its own, so every sheet shows the same number. NaN means no data: a panel
shows an empty cell and says why, never a 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from . import codes, rungs, values
from .context import (
    JOB_SEEKERS,
    KNOWN,
    PLACES,
    PUBLISHED_EVOLUTION_PLACES,
    PUBLISHED_EVOLUTION_SALARIED,
    SALARIED,
    Context,
    reader,
)
from .figures import read_evolution, read_ratio, read_share
from .model import Ladder
from .parts import REGION_FIGURES, PartSum, indicator, places, region_figure, sum_parts
from .table import MeasureTable

UNASSIGNED = "niet toe te wijzen"
"""A region of the context table whose name starts like this holds the places no region can be given."""


@dataclass(frozen=True)
class Pair:
    """One figure for the focus region and one for the reference region; NaN = no data."""

    focus: float
    reference: float

    @property
    def share(self) -> float:
        """The focus in percent of the reference (NaN without both)."""
        return float(values.share_pct(self.focus, self.reference))


def value(ladder: Ladder, row: int | None, region: str, year: int) -> float:
    """The value used of a table row for a region and year; NaN without it."""
    k = ladder.column(region, year)
    return math.nan if k is None or row is None else float(ladder.value[row, k])


def pair(ladder: Ladder, context: Context, rung: int | None = None, row: int | None = None) -> Pair:
    """Places of the report year for focus and reference: all rungs, one rung, or one table row."""
    s = ladder.settings
    if row is not None:
        return Pair(value(ladder, row, s.focus, s.report_year), value(ladder, row, s.reference, s.report_year))
    return Pair(places(ladder, context, s.focus, s.report_year, rung), places(ladder, context, s.reference, s.report_year, rung))


def readable(label: str) -> str:
    """A label typed in capitals (``INDIVIDUELE INSCHAKELING``) as a reader writes it; one word in
    capitals is an abbreviation (``SINE``) and stays."""
    return label.capitalize() if label.isupper() and " " in label.strip() else label


@dataclass(frozen=True)
class RungLine:
    """A rung of the ladder as the publication draws it: its number and name, its places (None for
    the rungs the tool does not count) and, for a split rung, its parts."""

    rung: int
    name: str
    places: Pair | None
    parts: tuple[tuple[str, Pair], ...] = ()
    row: int | None = None
    """The rung total's row of the measure table (None for the rungs the tool does not count)."""
    part_rows: tuple[int, ...] = ()
    """The rows of :attr:`parts`, in the same order."""


def ladder_lines(ladder: Ladder, context: Context) -> list[RungLine]:
    """The six rungs, top (6) to bottom (1); trede 5 split into individuele and collectieve inschakeling."""
    split = rungs.parts(ladder.table)
    lines = []
    for rung, name in rungs.NAMES.items():
        if rung not in ladder.rung_rows:
            lines.append(RungLine(rung, name, None))
            continue
        parts = tuple((readable(ladder.table.rows[i].label or ladder.table.rows[i].code or ""), pair(ladder, context, row=i))
                      for i in split.get(rung, []))
        lines.append(RungLine(rung, name, pair(ladder, context, rung), parts, ladder.rung_rows[rung],
                              tuple(split.get(rung, []))))
    return lines


@dataclass(frozen=True)
class Lacking:
    """The codes of the measures without data that leave a table row without a figure, per region."""

    focus: tuple[str, ...] = ()
    reference: tuple[str, ...] = ()


def lacking(ladder: Ladder, row: int | None) -> Lacking:
    """What a row of the measure table lacks in the report year, for focus and reference (nothing where
    it has a value, a published total included)."""
    s = ladder.settings

    def of(region: str) -> tuple[str, ...]:
        k = ladder.column(region, s.report_year)
        if k is None or row is None or not math.isnan(ladder.value[row, k]):
            return ()
        return tuple(ladder.missing(row, k))
    return Lacking(of(s.focus), of(s.reference))


@dataclass(frozen=True)
class MeasureBox:
    """A measure or group of measures the publication shows in a box under its rung."""

    rung: int
    label: str
    code: str
    figures: Pair
    row: int


def measure_boxes(ladder: Ladder, context: Context) -> list[MeasureBox]:
    """The boxes under the counted rungs: in each rung, the rows that no other row of the rung holds
    (a group such as doelgroepkortingen, not its measures), the rung's own parts (individuele and
    collectieve inschakeling) aside; ended measures (0 in both regions) are left out, as published."""
    table = ladder.table
    boxes = []
    for rung, i in _box_rows(ladder):
        figures = pair(ladder, context, row=i)
        if not (figures.focus == 0 and figures.reference == 0):
            boxes.append(MeasureBox(rung, readable(table.rows[i].label or table.rows[i].code or ""),
                                    table.rows[i].code or "", figures, i))
    return boxes


def _box_rows(ladder: Ladder) -> list[tuple[int, int]]:
    """(rung, row) of each row of a rung that no other row of the rung holds, in table order."""
    table, member, split = ladder.table, rungs.membership(ladder.table), rungs.parts(ladder.table)
    found = []
    for rung, start in ladder.rung_rows.items():
        rows = [i for i in range(len(table.rows)) if member[i] == rung and i != start and i not in split.get(rung, [])]
        inside = _held(table, [i for i in rows if i in table.terms])
        found += [(rung, i) for i in rows if i not in inside]
    return found


def _held(table: MeasureTable, groups: list[int]) -> set[int]:
    """The rows some group holds: its measures and groups, and a group whose measures another group holds too
    (the later of two that hold the same)."""
    reached = {i: _reached(table, i) for i in groups}
    inside = {j for below, _ in reached.values() for j in below}
    for i, (_, held) in reached.items():
        if any(j != i and (held < other or (held == other and j < i)) for j, (_, other) in reached.items()):
            inside.add(i)
    return inside


def _reached(table: MeasureTable, i: int) -> tuple[set[int], frozenset[int]]:
    """The rows an aggregate reaches through its formula, and the measures among them."""
    found, stack = set(), [k for k, _ in table.terms[i]]
    while stack:
        j = stack.pop()
        if j not in found:
            found.add(j)
            stack.extend(k for k, _ in table.terms.get(j, []))
    return found, frozenset(j for j in found if j not in table.terms)


def distribution(ladder: Ladder, context: Context) -> list[tuple[str, Pair]]:
    """The split of the total: each counted rung (or each part of a split rung) in percent of the
    total of the same region. SINE counts in full in individuele inschakeling and for 40 % in the
    total, so the shares add up to a little more than 100 % (101,4 % in 2020), as published."""
    total = pair(ladder, context)
    result = []
    for line in ladder_lines(ladder, context):
        if line.places is None:
            continue
        for label, figures in line.parts or ((f"Trede {line.rung}", line.places),):
            result.append((label, Pair(float(values.share_pct(figures.focus, total.focus)),
                                       float(values.share_pct(figures.reference, total.reference)))))
    return result


@dataclass(frozen=True)
class Ratio:
    """Places on treden 5+4+3 in proportion to the salaried employment of one region."""

    region: str
    places: float
    salaried: float

    @property
    def pct(self) -> float:
        return float(values.share_pct(self.places, self.salaried))


def salaried_ratios(ladder: Ladder, context: Context) -> list[Ratio]:
    s = ladder.settings
    return [Ratio(region, places(ladder, context, region, s.report_year), indicator(context, SALARIED, region, s.report_year))
            for region in (s.focus, s.reference)]


@dataclass(frozen=True)
class Sourced:
    """A figure and where it comes from: computed from the tables, or typed in Context as published."""

    value: float
    published: bool = False


@dataclass(frozen=True)
class Evolution:
    label: str
    focus: Sourced
    reference: Sourced


def _evolution(old: float, new: float, printed: float) -> Sourced:
    """Computed where both years are known, else the published figure (NaN without either)."""
    computed = float(values.evolution_pct(old, new))
    if not math.isnan(computed):
        return Sourced(computed)
    return Sourced(printed, published=not math.isnan(printed))


def evolutions(ladder: Ladder, context: Context) -> list[Evolution]:
    """The evolution panel, base year to report year: places on treden 5+4+3 and salaried employment."""
    s = ladder.settings

    def at(figure: str, region: str, year: int | None) -> float:  # no base year: no old figure (never 0 %)
        if year is None:
            return math.nan
        return places(ladder, context, region, year) if figure == PLACES else indicator(context, SALARIED, region, year)

    def of(figure: str, region: str) -> Sourced:
        printed = PUBLISHED_EVOLUTION_PLACES if figure == PLACES else PUBLISHED_EVOLUTION_SALARIED
        return _evolution(at(figure, region, s.base_year), at(figure, region, s.report_year),
                          indicator(context, printed, region, s.report_year))

    return [Evolution(label, of(figure, s.focus), of(figure, s.reference)) for label, figure in (
        ("Kansengroepen (trede 5+4+3)", PLACES), ("Bezoldigde tewerkstelling", SALARIED))]


@dataclass(frozen=True)
class RegionLine:
    """A region of the focus: places on treden 5+4+3, salaried employment, job seekers without work."""

    region: str
    places: float
    salaried: float
    job_seekers: float

    @property
    def figures(self) -> tuple[float, float, float]:
        return self.places, self.salaried, self.job_seekers


@dataclass(frozen=True)
class Spread:
    """The focus region's places over its parts (setting ``Deelregio's``) in the report year."""

    year: int
    parts: list[RegionLine]
    """The regions, then the places no region can be given (when the workbook has them)."""
    focus: RegionLine
    sums: tuple[PartSum, PartSum, PartSum]
    """Places, salaried employment, job seekers summed over the parts: incomplete when a part lacks one."""

    @property
    def total(self) -> RegionLine:
        """The sums as a line (NaN where incomplete)."""
        return RegionLine("Som van de regio's", *(part.total for part in self.sums))

    def share(self, line: RegionLine, figure: int) -> float:
        """A figure of a region in percent of the focus region's (``figure``: 0 places, 1 salaried, 2 job seekers)."""
        return float(values.share_pct(line.figures[figure], self.focus.figures[figure]))

    @property
    def unassigned(self) -> RegionLine | None:
        return next((line for line in self.parts if is_unassigned(line.region)), None)

    @property
    def gap(self) -> float:
        """Sum of the regions less the focus region's total places (0 when they agree)."""
        return self.total.places - self.focus.places


def is_unassigned(region: str) -> bool:
    return region.casefold().startswith(UNASSIGNED)


def regional_spread(ladder: Ladder, context: Context) -> Spread:
    """The parts of the focus as the workbook declares them (:func:`regions.parts_of_focus`), the places no
    region can be given last; every sum over them through :func:`parts.sum_parts` (empty is no data)."""
    s = ladder.settings
    year = s.report_year

    def line(region: str) -> RegionLine:
        return RegionLine(region, *(region_figure(ladder, context, code, region, year) for _, code in REGION_FIGURES))

    parts = [line(r) for r in sorted(s.parts, key=is_unassigned)]
    sums = tuple(sum_parts((p.region, p.figures[k]) for p in parts) for k in range(3))
    return Spread(year, parts, line(s.focus), (sums[0], sums[1], sums[2]))


@dataclass(frozen=True)
class Sectors:
    """Trede 3 by sector, focus against reference, with trede 3 of the measure table to check against."""

    year: int
    lines: list[tuple[str, Pair]]
    sums: tuple[PartSum, PartSum]
    """The sectors summed for focus and reference: incomplete (no total, no shares) when a sector lacks a figure."""
    trede3: Pair

    @property
    def total(self) -> Pair:
        return Pair(self.sums[0].total, self.sums[1].total)


def sector_split(ladder: Ladder, context: Context) -> Sectors | None:
    """The sectors of the report year (else the latest year with both regions); None without any."""
    sectors, s = context.sectors, ladder.settings
    years = [] if sectors is None else [
        y for y in sorted({y for _, y in sectors.columns}, reverse=True)
        if (s.focus, y) in sectors.columns and (s.reference, y) in sectors.columns]
    if sectors is None or not sectors.keys or not years:
        return None
    year = s.report_year if s.report_year in years else years[0]
    lines = [(label, Pair(sectors.get(k, s.focus, year), sectors.get(k, s.reference, year)))
             for k, label in zip(sectors.keys, sectors.labels, strict=True)]

    sums = (sum_parts((label, p.focus) for label, p in lines), sum_parts((label, p.reference) for label, p in lines))
    trede3 = ladder.rung_rows.get(3)
    return Sectors(year, lines, sums, Pair(value(ladder, trede3, s.focus, year), value(ladder, trede3, s.reference, year)))


COUNTS, PERCENT, RATIO = "aantal", "procent", "verhouding"


@dataclass(frozen=True)
class ContextLine:
    """A line of the context panel: a figure of each region, as a count, a percentage or a ratio."""

    label: str
    figures: Pair
    kind: str
    """:data:`COUNTS`, :data:`PERCENT` or :data:`RATIO`."""
    derived: bool = False
    """Computed by the tool from other context rows (not typed)."""


DERIVED = (
    ("Langdurig zieken (> 1 jaar) in % van de beroepsbevolking (werkenden + werklozen)",
     ("langdurig_zieken_loontrekkenden", "langdurig_zieken_zelfstandigen"), ("werkenden", "werklozen")),
)
"""Context lines the publication computes from other rows: (label, numerator codes, denominator codes)."""
OWN = {codes.key(code) for code in KNOWN if code not in (SALARIED, JOB_SEEKERS)}
"""The tool's own context rows, shown in their own panels, not among the context figures."""


def context_lines(ladder: Ladder, context: Context) -> list[ContextLine]:
    """Every context row with a figure for the focus or the reference in the report year, in table
    order, then the derived lines whose parts are all there."""
    table, s = context.indicators, ladder.settings
    if table is None:
        return []
    lines = []
    for code, label in zip(table.keys, table.labels, strict=True):
        figures = Pair(table.get(code, s.focus, s.report_year), table.get(code, s.reference, s.report_year))
        if codes.key(code) not in OWN and not (math.isnan(figures.focus) and math.isnan(figures.reference)):
            lines.append(ContextLine(label, figures, _kind(code)))
    for label, numerator, denominator in DERIVED:
        def total(names: Sequence[str], region: str) -> float:
            return math.fsum(table.get(name, region, s.report_year) for name in names)  # NaN if one is missing
        figures = Pair(*(float(values.share_pct(total(numerator, r), total(denominator, r))) for r in (s.focus, s.reference)))
        if not (math.isnan(figures.focus) and math.isnan(figures.reference)):
            lines.append(ContextLine(label, figures, PERCENT, derived=True))
    return lines


def context_sources(ladder: Ladder, context: Context) -> list[str]:
    """The sources (``Bron``) of the context rows with a figure in the report year, each once, in table order."""
    table, s = context.indicators, ladder.settings
    if table is None:
        return []
    regions = (s.focus, s.reference, *s.parts)
    found = [table.source(code) for code in table.keys
             if any(not math.isnan(table.get(code, region, s.report_year)) for region in regions)]
    return list(dict.fromkeys(source for source in found if source))


def _kind(code: str) -> str:
    reads = reader(code)
    return PERCENT if reads in (read_share, read_evolution) else RATIO if reads is read_ratio else COUNTS


def disagreeing(ladder: Ladder) -> list[str]:
    """A note for every published figure of the report year that its parts cannot explain
    (:attr:`Ladder.unexplained`, issue 27): the page marks what it prints as published."""
    s = ladder.settings
    shown = {ladder.column(region, s.report_year) for region in (s.focus, s.reference)}
    return [f"Let op: {readable(ladder.table.rows[i].label) or ladder.table.rows[i].code}, "
            f"{' '.join(map(str, ladder.table.columns[k]))}: gepubliceerd {values.shown(ladder.published[i, k])}, "
            f"maar de som van de {'' if complete else 'gekende '}delen is {values.shown(summed)} (tikfout?); "
            "zie het blad Controle."
            for i, k, summed, complete in ladder.unexplained if k in shown]
