"""The edition's figures: every figure the workbook yields, computed once, each with its label,
region, year, unit, how it is printed and where it comes from.

One :class:`Edition` per refresh. The publication page and the panels read its headline
structures (computed once, from :mod:`.headline`); the press release, its check and
``compute --format json`` read its :class:`Figure` objects, so a figure printed in the text is the
figure on the page. A figure the workbook cannot give is a :class:`Figure` without a value that
says why (``why``): never a 0 and never a guess.

Indicators are named by code: a row of ``Maatregelen`` by its code (``trede 5``, ``DGK``, ``f``,
``totaal``), a row of ``Context`` by its code (``loontrekkenden``), a sector of ``Sectoren`` by its
name. The places on treden 5+4+3 are ``totaal`` and ``trede N`` whichever table holds them: the
measure table where it has a value, else ``Context`` (``plaatsen``, ``plaatsen_trede5``), as
:func:`parts.places` rules.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from . import codes, headline, rungs, values
from .context import PLACES, PUBLISHED_EVOLUTION_PLACES, PUBLISHED_SHARE, SALARIED, Context, rung_places
from .model import Ladder
from .settings import Settings

COUNT, PERCENT, EVOLUTION, RATIO = "aantal", "procent", "evolutie", "verhouding"
"""Units: people, a percentage (0–100), an evolution in percent (may be negative), a ratio (decimals)."""
VALUE, SHARE, PART, PROPORTION, CHANGE, SUM, DIFFERENCE = (
    "waarde", "aandeel", "deel", "verhouding", "evolutie", "som", "verschil")
"""Kinds: an indicator's figure; the focus in % of the reference; a region in % of the region it belongs
to; one indicator in % of another (same region); an evolution; a sum of indicators; a difference."""
TOTAL = rungs.TOTAL_CODE
LONG_TERM_SICK = "langdurig_zieken"
LONG_TERM_SICK_PARTS = ("langdurig_zieken_loontrekkenden", "langdurig_zieken_zelfstandigen")
"""Langdurig zieken where only its parts are typed (the infographic 2020 prints them apart)."""


def rung_code(rung: int) -> str:
    return f"trede {rung}"


@dataclass(frozen=True)
class Figure:
    """One figure of the edition; ``value`` NaN when the workbook cannot give it (``why`` says why)."""

    kind: str
    codes: tuple[str, ...]
    """What it is about: one indicator; for a proportion the part, then the whole; for a sum its terms."""
    label: str
    region: str
    year: int
    unit: str
    value: float
    source: str
    """Where it comes from: a cell (``Context!E3``), or how it is computed from which cells."""
    since: int | None = None
    """The earlier year of an evolution or comparison."""
    of: str | None = None
    """The region a share or part is taken of."""
    published: bool = False
    """Typed in the workbook as published (not derived by the tool)."""
    why: str = ""
    """Why there is no value: the cells or parts that are missing."""

    @property
    def known(self) -> bool:
        return not math.isnan(self.value)

    @property
    def printed(self) -> str:
        """As the publication prints it: counts whole, percentages and ratios with one decimal, Dutch notation."""
        return printed(self.value, self.unit)

    @property
    def key(self) -> tuple[str, tuple[str, ...], str, int, int | None, str | None]:
        return self.kind, tuple(map(codes.key, self.codes)), self.region, self.year, self.since, self.of


def printed(value: float, unit: str) -> str:
    """A value in the publication's notation: ``42.749``, ``12,0%``, ``+1,1%``, ``3,2``; empty without a value."""
    if math.isnan(value):
        return ""
    if unit == COUNT:
        return values.shown(value, 0)
    if unit == RATIO:
        return values.fixed(value, 1)
    shown = values.fixed(abs(value), 1) + "%"
    if unit == EVOLUTION:
        rounded = values.round_half_up(abs(value), 1)
        return ("+" if value > 0 else "-" if value < 0 and rounded else "") + shown
    return ("-" if value < 0 else "") + shown


@dataclass
class Edition:
    """The figures of one workbook under its settings, each computed once."""

    ladder: Ladder
    context: Context = field(default_factory=Context)
    _counts: dict[tuple[str, str, int], Figure] = field(default_factory=dict, init=False, repr=False)

    @property
    def settings(self) -> Settings:
        return self.ladder.settings

    # The headline structures the page and the panels lay out, computed once.
    @functools.cached_property
    def rungs(self) -> list[headline.RungLine]:
        return headline.ladder_lines(self.ladder, self.context)

    @functools.cached_property
    def distribution(self) -> list[tuple[str, headline.Pair]]:
        return headline.distribution(self.ladder, self.context)

    @functools.cached_property
    def salaried_ratios(self) -> list[headline.Ratio]:
        return headline.salaried_ratios(self.ladder, self.context)

    @functools.cached_property
    def evolutions(self) -> list[headline.Evolution]:
        return headline.evolutions(self.ladder, self.context)

    @functools.cached_property
    def spread(self) -> headline.Spread:
        return headline.regional_spread(self.ladder, self.context)

    @functools.cached_property
    def sectors(self) -> headline.Sectors | None:
        return headline.sector_split(self.ladder, self.context)

    @functools.cached_property
    def boxes(self) -> list[headline.MeasureBox]:
        """The measure boxes under the rungs (doelgroepkortingen, SINE, …)."""
        return headline.measure_boxes(self.ladder, self.context)

    @functools.cached_property
    def context_lines(self) -> list[headline.ContextLine]:
        return headline.context_lines(self.ladder, self.context)

    # Single figures, by what they are about.
    def count(self, code: str, region: str, year: int) -> Figure:
        """An indicator's figure: a row of Maatregelen (the places: else Context), a row of Context, a sector."""
        key = (codes.key(code), region, year)
        if key not in self._counts:  # asked for many times: every share, proportion and evolution starts here
            self._counts[key] = self._count(*key)
        return self._counts[key]

    def _count(self, key: str, region: str, year: int) -> Figure:
        rung = rungs.rung_of_code(key)
        row = self._row(key, rung)
        label = self._label(key, row)
        found = self._from_measures(row, label, region, year)
        if found is not None and found.known:
            return found
        typed = self._from_context(PLACES if key == TOTAL else rung_places(rung) if rung else key, label, region, year)
        if typed is not None:
            return replace(typed, codes=(self._code(key, row),))
        derived = self._sick(region, year) if key == LONG_TERM_SICK else self._sector(key, region, year)
        return derived or found or Figure(VALUE, (self._code(key, row),), label, region, year, COUNT, math.nan, "",
                                          why=f"geen cijfer voor {label} in {region} {year} in de werkmap")

    def _row(self, key: str, rung: int | None) -> int | None:
        """The row of Maatregelen that holds an indicator: the total, a rung's total, or a row by its code."""
        if key == TOTAL:
            return self.ladder.total_row
        return self.ladder.rung_rows.get(rung) if rung else self.ladder.table.index_of(key)

    def _sick(self, region: str, year: int) -> Figure | None:
        """Langdurig zieken from its two typed parts (where the row itself is not typed)."""
        summed = self.summed(LONG_TERM_SICK_PARTS, region, year)
        return replace(summed, kind=VALUE, codes=(LONG_TERM_SICK,), label="Langdurig zieken") if summed.known else None

    def _sector(self, key: str, region: str, year: int) -> Figure | None:
        """A sector of ``Sectoren`` (trede 3), by its name."""
        sectors = self.context.sectors
        keys = [codes.key(k) for k in sectors.keys] if sectors is not None else []
        if sectors is None or key not in keys:
            return None
        figure, source, label = sectors.get(key, region, year), sectors.cell(key, region, year), sectors.labels[keys.index(key)]
        return Figure(VALUE, (key,), label, region, year, COUNT, figure, source,
                      why="" if not math.isnan(figure) else _no_figure(source, label, region, year))

    def _code(self, key: str, row: int | None) -> str:
        return (self.ladder.table.rows[row].code or key) if row is not None else key

    def _label(self, key: str, row: int | None) -> str:
        rung = rungs.rung_of_code(key)
        if rung:
            return f"Trede {rung}"
        if key == TOTAL:
            return "Totaal trede 5+4+3"
        if row is not None:
            return headline.readable(self.ladder.table.rows[row].label or self.ladder.table.rows[row].code or key)
        table = self.context.indicators
        if table is not None and key in (keys := [codes.key(k) for k in table.keys]):
            return table.labels[keys.index(key)]
        return key

    def _from_measures(self, row: int | None, label: str, region: str, year: int) -> Figure | None:
        k = self.ladder.column(region, year)
        if row is None or k is None:
            return None
        ladder, table_row = self.ladder, self.ladder.table.rows[row]
        value, code = float(ladder.value[row, k]), table_row.code or table_row.label
        if not table_row.is_aggregate or not math.isnan(float(ladder.published[row, k])):
            source = ladder.table.where.cell(row, k)
            return Figure(VALUE, (code,), label, region, year, COUNT, value, source, published=table_row.is_aggregate,
                          why="" if not math.isnan(value) else _no_figure(source, label, region, year))
        missing = ladder.missing(row, k)
        why = f"{label} {region} {year} is onvolledig: ontbreekt {', '.join(missing)}" if math.isnan(value) else ""
        return Figure(VALUE, (code,), label, region, year, COUNT, value, self._computed(row, k), why=why)

    def _computed(self, row: int, k: int) -> str:
        """How a total is computed, from which cells: ``berekend: a t/m f = Maatregelen!E5 + …``."""
        table = self.ladder.table
        terms = " + ".join((f"{weight * 100:g}% " if weight != 1 else "") + (table.where.cell(j, k) or table.rows[j].code or "")
                           for j, weight in table.terms.get(row, []))
        formula = table.rows[row].formula
        return f"berekend: {formula.text if formula else ''} = {terms}"

    def _from_context(self, key: str, label: str, region: str, year: int) -> Figure | None:
        table = self.context.indicators
        if table is None:
            return None
        found = table.get(key, region, year)
        if math.isnan(found):
            return None
        unit = headline._kind(key)
        return Figure(VALUE, (key,), label, region, year, {headline.COUNTS: COUNT, headline.PERCENT: PERCENT}.get(
            unit, RATIO) if not codes.key(key).startswith("evolutie") else EVOLUTION, found,
            table.cell(key, region, year), published=True)

    def share(self, code: str, year: int) -> Figure:
        """The focus region's figure in percent of the reference region's; where the tables lack the
        reference, the share ``Context`` holds as published (``aandeel_referentie``, for the places)."""
        s = self.settings
        focus, reference = self.count(code, s.focus, year), self.count(code, s.reference, year)
        label = f"Aandeel van {s.focus} in {s.reference}: {focus.label}"
        if focus.known and reference.known:
            pct = float(values.share_pct(focus.value, reference.value))
            return Figure(SHARE, focus.codes, label, s.focus, year, PERCENT, pct, f"{_ref(focus)} ÷ {_ref(reference)}",
                          of=s.reference)
        if codes.key(code) == TOTAL and (typed := self._from_context(PUBLISHED_SHARE, label, s.focus, year)) is not None:
            return replace(typed, kind=SHARE, codes=focus.codes, label=label, unit=PERCENT, of=s.reference)
        return Figure(SHARE, focus.codes, label, s.focus, year, PERCENT, math.nan, "", of=s.reference,
                      why=_lacking(focus, reference))

    def proportion(self, code: str, whole: str, region: str, year: int) -> Figure:
        """One indicator in percent of another, in one region: places per salaried job, a rung in % of the total."""
        part, of = self.count(code, region, year), self.count(whole, region, year)
        label = f"{part.label} in % van {of.label.lower()}"
        if part.known and of.known:
            return Figure(PROPORTION, (*part.codes, *of.codes), label, region, year, PERCENT,
                          float(values.share_pct(part.value, of.value)), f"{_ref(part)} ÷ {_ref(of)}")
        return Figure(PROPORTION, (*part.codes, *of.codes), label, region, year, PERCENT, math.nan, "",
                      why=_lacking(part, of))

    def part(self, code: str, region: str, whole: str, year: int) -> Figure:
        """A region's figure in percent of the region it is part of (the regions of the focus)."""
        own, of = self.count(code, region, year), self.count(code, whole, year)
        label = f"{own.label}: {region} in % van {whole}"
        if own.known and of.known:
            return Figure(PART, own.codes, label, region, year, PERCENT, float(values.share_pct(own.value, of.value)),
                          f"{_ref(own)} ÷ {_ref(of)}", of=whole)
        return Figure(PART, own.codes, label, region, year, PERCENT, math.nan, "", of=whole, why=_lacking(own, of))

    def evolution(self, code: str, region: str, since: int | None, year: int) -> Figure:
        """From ``since`` to ``year``, computed where both are known, else as published in Context (the places);
        without ``since`` (no base year: no earlier year with figures for both regions) none, never 0 %."""
        if since is None:
            return Figure(CHANGE, (code,), f"Evolutie tot {year}", region, year, EVOLUTION, math.nan, "",
                          why=f"geen basisjaar: geen jaar vóór {year} met cijfers voor beide regio's")
        old, new = self.count(code, region, since), self.count(code, region, year)
        label = f"Evolutie {since}–{year}: {new.label}"
        if old.known and new.known:
            return Figure(CHANGE, new.codes, label, region, year, EVOLUTION, float(values.evolution_pct(old.value, new.value)),
                          f"{_ref(new)} ÷ {_ref(old)} − 1", since=since)
        if codes.key(code) == TOTAL and since == self.settings.base_year and (
                typed := self._from_context(PUBLISHED_EVOLUTION_PLACES, label, region, year)) is not None:
            return replace(typed, kind=CHANGE, codes=new.codes, label=label, since=since)
        return Figure(CHANGE, new.codes, label, region, year, EVOLUTION, math.nan, "", since=since, why=_lacking(old, new))

    def summed(self, terms: Sequence[str], region: str, year: int) -> Figure:
        """Several indicators added up (``trede 3 en 4``); no value when one lacks."""
        found = [self.count(code, region, year) for code in terms]
        label = " + ".join(figure.label for figure in found)
        if all(figure.known for figure in found):
            return Figure(SUM, tuple(c for figure in found for c in figure.codes), label, region, year, COUNT,
                          math.fsum(figure.value for figure in found), " + ".join(_ref(figure) for figure in found))
        return Figure(SUM, tuple(terms), label, region, year, COUNT, math.nan, "", why=_lacking(*found))

    @staticmethod
    def difference(larger: Figure, smaller: Figure) -> Figure:
        """How many more ``larger`` counts than ``smaller``."""
        label = f"{larger.label} min {smaller.label.lower()}"
        if larger.known and smaller.known:
            return Figure(DIFFERENCE, (*larger.codes, *smaller.codes), label, larger.region, larger.year, COUNT,
                          larger.value - smaller.value, f"{_ref(larger)} − {_ref(smaller)}", since=smaller.year)
        return Figure(DIFFERENCE, (*larger.codes, *smaller.codes), label, larger.region, larger.year, COUNT, math.nan, "",
                      since=smaller.year, why=_lacking(larger, smaller))

    def years(self, code: str, region: str) -> list[int]:
        """The years with a figure of an indicator for a region, in either table, ascending."""
        found = {year for r, year in self.ladder.table.columns if r == region}
        if self.context.indicators is not None:
            found |= {year for r, year in self.context.indicators.columns if r == region}
        return [year for year in sorted(found) if self.count(code, region, year).known]

    # Every figure, for listings and the check of a text.
    @functools.cached_property
    def figures(self) -> list[Figure]:
        """Every figure the workbook yields, once: table rows, shares, evolutions, proportions, regions, sectors,
        context. Built on demand (a refresh that needs a few figures never builds them all)."""
        seen: dict[tuple[object, ...], Figure] = {}
        for figure in self._all():
            if figure.known:
                seen.setdefault(figure.key, figure)
        return list(seen.values())

    def _all(self) -> Iterator[Figure]:
        yield from (self.count(code, region, year) for code in dict.fromkeys([*self._codes, LONG_TERM_SICK])
                    for region in self._regions for year in self._years)
        for year in self._years:
            yield from (self.share(code, year) for code in self._codes)
            for region in self._regions:
                yield from self._proportions(region, year)
        yield from self._evolutions()
        yield from self._sector_shares()

    def _sector_shares(self) -> Iterator[Figure]:
        """Each sector in % of trede 3, for both regions."""
        sectors = self.context.sectors
        if self.sectors is not None and sectors is not None:
            yield from (self.proportion(sector, rung_code(3), region, self.sectors.year) for sector in sectors.keys
                        for region in (self.settings.focus, self.settings.reference))

    @property
    def _places(self) -> list[str]:
        return [TOTAL, *(rung_code(n) for n in self.ladder.rung_rows)]

    @property
    def _codes(self) -> list[str]:
        """Every indicator: the places, the rows of Maatregelen, the rows of Context."""
        indicators = self.context.indicators
        return list(dict.fromkeys([*self._places, *(row.code for row in self.ladder.table.rows if row.code),
                                   *(indicators.keys if indicators is not None else [])]))

    @property
    def _columns(self) -> list[tuple[str, int]]:
        indicators = self.context.indicators
        return [*self.ladder.table.columns, *(indicators.columns if indicators is not None else [])]

    @property
    def _regions(self) -> list[str]:
        s = self.settings
        return list(dict.fromkeys([s.focus, s.reference, *(region for region, _ in self._columns)]))

    @property
    def _years(self) -> list[int]:
        return sorted({year for _, year in self._columns})

    def _proportions(self, region: str, year: int) -> Iterator[Figure]:
        """Places per salaried job, each rung in % of the total, and a part of the focus in % of it."""
        for code in self._places:
            yield self.proportion(code, SALARIED, region, year)
            if code != TOTAL:
                yield self.proportion(code, TOTAL, region, year)
        if region in self.settings.parts:
            yield from (self.part(code, region, self.settings.focus, year) for code in (TOTAL, SALARIED, "wzw"))

    def _evolutions(self) -> Iterator[Figure]:
        """Every row from the base year to the report year; the total from each earlier year with a total."""
        s = self.settings
        own = [row.code for row in self.ladder.table.rows if row.code]
        for region in (s.focus, s.reference):
            yield from (self.evolution(code, region, s.base_year, s.report_year) for code in dict.fromkeys([*self._places, *own]))
            yield from (self.evolution(TOTAL, region, year, s.report_year) for year in self.years(TOTAL, region)
                        if year < s.report_year)

    def row_figure(self, i: int, region: str, year: int) -> Figure | None:
        """The figure of a row of Maatregelen in one region-year column (None without that column)."""
        row = self.ladder.table.rows[i]
        return self._from_measures(i, self._label(codes.key(row.code or row.label), i), region, year)


def _ref(figure: Figure) -> str:
    """How a figure is named inside another's source: its cell, else its own source in brackets."""
    if figure.source and " " not in figure.source:
        return figure.source
    return f"({figure.source})" if figure.source else f"{figure.label} {figure.region} {figure.year}"


def _no_figure(source: str, label: str, region: str, year: int) -> str:
    return f"{source} is leeg" if source else f"geen cijfer voor {label} in {region} {year} in de werkmap"


def _lacking(*figures: Figure) -> str:
    """Why a figure derived from others has no value: the first of them without one."""
    return next((f.why or f"geen cijfer voor {f.label} in {f.region} {f.year}" for f in figures if not f.known), "")
