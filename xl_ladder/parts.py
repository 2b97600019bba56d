"""Sums over parts — the regions of the focus region, the sectors of trede 3 — where a part may have no data.

Empty is no data, never 0, in every table and panel as in the measure table: a sum over parts one
of which has no figure is *incomplete*. It has no value (a share or ratio over it would be wrong
without a word), the parts without data are named, and the sum of the known parts is shown apart
(:class:`PartSum`). The panels (``Regio's``, ``Trede 3``) sum through :func:`sum_parts`.

A region's places come from the measure table, else from ``Context`` (:func:`places`); the parts of
the focus region may together hold more than the focus region only by rounding
(:func:`within_whole`): more means a region that is no part is summed as one.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import values
from .context import JOB_SEEKERS, PLACES, SALARIED, Context, rung_places
from .model import Ladder
from .problems import Problem, Severity, parts_in_doubt, quoted

TOLERANCE = 0.01
"""How much more than the whole its parts may hold (published parts are rounded or suppressed, never 1 % more)."""


@dataclass(frozen=True)
class PartSum:
    """A sum over named parts: complete, or incomplete with what it lacks."""

    total: float
    """The sum; NaN when a part has no data or there are no parts."""
    known: float
    """The sum of the parts with data; NaN when none has any."""
    missing: tuple[str, ...]
    """The parts without data, in the parts' order."""

    def note(self, what: str, parts: str) -> str | None:
        """A sentence for an incomplete sum (``what``: what is summed; ``parts``: what the parts are), else None."""
        if not self.missing:
            return None
        known = f"; de som van de gekende {parts} is {values.shown(self.known)}" if not math.isnan(self.known) else ""
        return f"{what} is onvolledig, ontbreekt: {', '.join(self.missing)}{known}."


def sum_parts(parts: Iterable[tuple[str, float]]) -> PartSum:
    """Sum named parts (NaN = no data) the publication's way: incomplete as soon as one part has no data."""
    named = list(parts)
    missing = tuple(name for name, value in named if math.isnan(value))
    given = [value for _, value in named if not math.isnan(value)]
    known = math.fsum(given) if given else math.nan
    return PartSum(math.nan if missing or not named else known, known, missing)


def indicator(context: Context, code: str, region: str, year: int) -> float:
    """A figure of the ``Context`` table; NaN without it."""
    return math.nan if context.indicators is None else context.indicators.get(code, region, year)


def places(ladder: Ladder, context: Context, region: str, year: int, rung: int | None = None) -> float:
    """Places (all rungs, or one) from the measure table, else from the context table (sub-regions,
    earlier editions): the measure table wins where it has a value."""
    row = ladder.total_row if rung is None else ladder.rung_rows.get(rung)
    k = ladder.column(region, year)
    found = math.nan if k is None or row is None else float(ladder.value[row, k])
    if math.isnan(found):
        found = indicator(context, PLACES if rung is None else rung_places(rung), region, year)
    return found


REGION_FIGURES = (("plaatsen", None), ("loontrekkenden", SALARIED), ("werkzoekenden", JOB_SEEKERS))
"""What the sheet ``Regio's`` sums over the parts of the focus region: places, then context figures by code."""


def region_figure(ladder: Ladder, context: Context, code: str | None, region: str, year: int) -> float:
    """One figure of a region on the sheet ``Regio's``: its places (``code`` None) or a context figure."""
    return places(ladder, context, region, year) if code is None else indicator(context, code, region, year)


def within_whole(ladder: Ladder, context: Context, cells: Mapping[str, str]) -> list[Problem]:
    """An error when the known parts of the focus region hold more than the focus region itself (beyond
    :data:`TOLERANCE`), at the header cell of the largest part: a region that is no part is summed as one.

    ``cells`` maps each region to its first header cell.
    """
    s = ladder.settings
    year = s.report_year
    for what, code in REGION_FIGURES:
        whole = region_figure(ladder, context, code, s.focus, year)
        figures = {part: region_figure(ladder, context, code, part, year) for part in s.parts}
        summed = sum_parts(figures.items())
        if math.isnan(whole) or math.isnan(summed.known) or summed.known <= whole * (1 + TOLERANCE):
            continue
        largest = max((part for part in figures if not math.isnan(figures[part])), key=figures.__getitem__)
        return [Problem(Severity.ERROR, cells.get(largest, largest),
                        f"de deelregio's van {s.focus} tellen samen {values.shown(summed.known, 0)} {what} in {year}, "
                        f"meer dan {s.focus} zelf ({values.shown(whole, 0)}): een regio die geen deel is, telt mee "
                        f"(de grootste: {quoted(largest)}, {values.shown(figures[largest], 0)}); noem de deelregio's "
                        "bij Deelregio's op blad Instellingen")]
    return []


def settled(ladder: Ladder, context: Context, cells: Mapping[str, str]) -> tuple[Ladder, list[Problem]]:
    """The ladder with the parts of the focus region it may sum, and the problems (issue 27).

    Parts named at ``Deelregio's`` are the analyst's word (they may not hold more than the focus:
    :func:`within_whole`). The default parts (the regions only ``Context`` holds) must be shown to sum to
    the focus — their places, else their salaried jobs or job seekers in the report year, within
    :data:`TOLERANCE` — or their role is in doubt: then none is summed, with a warning at the largest
    one's header cell (West-Vlaanderen's sub-regions under another focus region, a comparison column).
    Parts without a complete figure in the report year are kept: there is nothing to sum.
    """
    s = ladder.settings
    if s.parts_declared or not s.parts:
        return ladder, within_whole(ladder, context, cells)
    summable = False
    for what, code in REGION_FIGURES:
        whole = region_figure(ladder, context, code, s.focus, s.report_year)
        figures = {part: region_figure(ladder, context, code, part, s.report_year) for part in s.parts}
        summed = sum_parts(figures.items())
        summable = summable or not math.isnan(summed.total)
        if math.isnan(whole) or math.isnan(summed.total):
            continue
        if abs(summed.total - whole) <= whole * TOLERANCE:
            return ladder, []
        largest = max(figures, key=figures.__getitem__)
        return _unsummed(ladder, cells.get(largest, largest), parts_in_doubt(
            list(s.parts), s.focus, s.report_year, f"tellen samen {values.shown(summed.total, 0)} {what}",
            f"niet de {values.shown(whole, 0)} van {s.focus}"))
    if not summable:
        return ladder, []
    return _unsummed(ladder, cells.get(s.parts[0], s.parts[0]), parts_in_doubt(
        list(s.parts), s.focus, s.report_year, f"tellen niet aantoonbaar op tot {s.focus}",
        f"(geen plaatsen, loontrekkenden of werkzoekenden van {s.focus} om mee te vergelijken)"))


def _unsummed(ladder: Ladder, where: str, message: str) -> tuple[Ladder, list[Problem]]:
    """The ladder without parts of the focus region, and the warning why."""
    settings = dataclasses.replace(ladder.settings, parts=())
    return dataclasses.replace(ladder, settings=settings), [Problem(Severity.WARNING, where, message)]
