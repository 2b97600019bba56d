"""Worksheet functions (UDFs) as plain Python: the measure table as a range, results as cell values.

Excel recalculates every formula that uses the table whenever it changes, so a sheet with
hundreds of these formulas would parse the same table hundreds of times; the parsed and
computed table is therefore cached, keyed by its content and the settings. Problems come back
as Dutch text in the cell, never as an exception.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple

from . import notation, report, values
from .context import CONTEXT_TABLE, parse_figures
from .model import Ladder
from .pipeline import check_raw
from .problems import Severity
from .settings import BASE_YEAR, FOCUS, REFERENCE, REPORT_YEAR, year_of
from .table import CODE, LABEL, TABLE_NAME, RawTable, expand

ERROR_PREFIX = "#FOUT: "


class FunctionError(ValueError):
    """A bad argument; shown in the cell as ``#FOUT: <Dutch message>``."""


class CacheInfo(NamedTuple):
    """Hits and misses of the table cache since the start (for tests and the benchmark)."""

    hits: int
    misses: int


CACHE_SIZE = 16
_cache: OrderedDict[bytes, Ladder | FunctionError] = OrderedDict()
_counts = {"hits": 0, "misses": 0}


_last_digest: list[tuple[Sequence[Sequence[Any]], bytes]] = []
"""The last table given as a tuple (of tuples: it cannot change) and its digest: a refresh rewriting the
cached values of ``Formules`` hands every call the same table, and hashing it was most of their cost."""


def _digest(table: Sequence[Sequence[Any]]) -> bytes:
    """A digest of the table's content: Excel hands every call a new copy of the range, and hashing its pickle
    is several times faster than hashing nested tuples."""
    if isinstance(table, tuple) and _last_digest and _last_digest[0][0] is table:
        return _last_digest[0][1]
    digest = hashlib.blake2b(pickle.dumps(table, protocol=5), digest_size=16).digest()
    if isinstance(table, tuple):
        _last_digest[:] = [(table, digest)]
    return digest


def _key(table: Sequence[Sequence[Any]], settings: tuple[Any, ...]) -> bytes:
    """A digest of the table's content and the settings."""
    return hashlib.blake2b(_digest(table) + pickle.dumps(settings, protocol=5), digest_size=16).digest()


def _build(table: Sequence[Sequence[Any]], settings: tuple[tuple[str, Any], ...]) -> Ladder:
    if len(table) < 2:
        raise FunctionError(f"geef de tabel {TABLE_NAME} mét kopregel, bv. {TABLE_NAME}[#All]")
    raw = RawTable(TABLE_NAME, 0, 0, list(table[0]), [list(row) for row in table[1:]])
    checked = check_raw(raw, {name: (value, name) for name, value in settings if value not in (None, "")})
    if checked.ladder is None:
        first = next(p for p in checked.problems if p.severity is Severity.ERROR)
        raise FunctionError(f"{first.location}: {first.message}")
    return checked.ladder


def ladder_of(table: Sequence[Sequence[Any]], focus: str | None = None, reference: str | None = None,
              base_year: Any = None, report_year: Any = None) -> Ladder:
    """The computed ladder of a table range (header row first), from the cache when the table is unchanged.

    A table that cannot be computed is cached too: its error is raised again without re-parsing.
    """
    settings = ((FOCUS, focus), (REFERENCE, reference), (BASE_YEAR, base_year), (REPORT_YEAR, report_year))
    key = _key(table, settings)
    if key in _cache:
        _counts["hits"] += 1
        _cache.move_to_end(key)
    else:
        _counts["misses"] += 1
        try:
            _cache[key] = _build(table, settings)
        except FunctionError as error:
            _cache[key] = error
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    outcome = _cache[key]
    if isinstance(outcome, FunctionError):
        raise FunctionError(str(outcome))
    return outcome


def cache_info() -> CacheInfo:
    """Hits and misses of the table cache."""
    return CacheInfo(_counts["hits"], _counts["misses"])


def _year(value: Any) -> int:
    year = year_of(value)
    if year is None:
        raise FunctionError(f"'{value}' is geen jaartal")
    return year


def _column(ladder: Ladder, region: Any, year: Any) -> int:
    k = ladder.column(str(region or "").strip(), _year(year))
    if k is None:
        raise FunctionError(f"geen kolom '{region} {year}' in de tabel; regio's: {', '.join(ladder.table.regions)}")
    return k


def evaluate(ladder: Ladder, formula: str, k: int) -> float:
    """The value of a formula in column ``k``: weighted sum of the values used, as the refresh computes them."""
    try:
        parsed = notation.parse(str(formula or ""))
    except notation.NotationError as error:
        raise FunctionError(str(error)) from error
    refs, unknown = expand(parsed, ladder.table)
    if unknown:
        raise FunctionError(f"formule '{parsed.text}': onbekende code {unknown[0]}")
    missing: list[str] = []
    for j, _ in refs:
        if math.isnan(ladder.value[j, k]):
            missing += ladder.missing(j, k)
    if missing:
        raise FunctionError("onvolledig, ontbreekt: " + ", ".join(dict.fromkeys(missing)))
    return float(sum(weight * ladder.value[j, k] for j, weight in refs))


def cell_value(compute: Any) -> Any:
    """Run a computation for a cell: its result, or the Dutch error text."""
    try:
        return compute()
    except FunctionError as error:
        return ERROR_PREFIX + str(error)


def value(formula: str, region: str, year: Any, table: Sequence[Sequence[Any]]) -> Any:
    """Value of a notation expression (``"a t/m e + 40% f"``) for a region and year."""
    def compute() -> float:
        ladder = ladder_of(table)
        return evaluate(ladder, formula, _column(ladder, region, year))
    return cell_value(compute)


def share(formula: str, year: Any, table: Sequence[Sequence[Any]], focus: str | None = None,
          reference: str | None = None) -> Any:
    """Share of the focus region in the reference region, as a fraction (format the cell as %)."""
    def compute() -> float:
        ladder = ladder_of(table, focus, reference)
        own = evaluate(ladder, formula, _column(ladder, ladder.settings.focus, year))
        ref = evaluate(ladder, formula, _column(ladder, ladder.settings.reference, year))
        result = float(values.share_pct(own, ref))
        if math.isnan(result):
            raise FunctionError(f"geen aandeel: {ladder.settings.reference} {year} is 0")
        return result / 100
    return cell_value(compute)


def evolution(formula: str, region: str, from_year: Any, to_year: Any, table: Sequence[Sequence[Any]]) -> Any:
    """Evolution between two years, as a fraction (0 → 0 is 0, x → 0 is −100 %, 0 → x has none)."""
    def compute() -> float:
        ladder = ladder_of(table)
        old = evaluate(ladder, formula, _column(ladder, region, from_year))
        new = evaluate(ladder, formula, _column(ladder, region, to_year))
        result = float(values.evolution_pct(old, new))
        if math.isnan(result):
            raise FunctionError(f"geen evolutie vanaf 0 in {from_year}")
        return result / 100
    return cell_value(compute)


def ratio(formula: str, indicator: str, region: str, year: Any, table: Sequence[Sequence[Any]],
          context_table: Sequence[Sequence[Any]]) -> Any:
    """A notation expression in proportion to a context figure (e.g. places per salaried job), as a fraction."""
    def compute() -> float:
        ladder = ladder_of(table)
        own = evaluate(ladder, formula, _column(ladder, region, year))
        if len(context_table) < 2:
            raise FunctionError(f"geef de tabel {CONTEXT_TABLE} mét kopregel, bv. {CONTEXT_TABLE}[#All]")
        raw = RawTable(CONTEXT_TABLE, 0, 0, list(context_table[0]), [list(row) for row in context_table[1:]])
        figures, _ = parse_figures(raw, CONTEXT_TABLE, CODE, LABEL)
        base = figures.get(str(indicator or ""), str(region or "").strip(), _year(year))
        if math.isnan(base) or base == 0:
            raise FunctionError(f"geen cijfer '{indicator}' voor {region} {year} in de tabel {CONTEXT_TABLE}")
        return own / base
    return cell_value(compute)


def whole_ladder(table: Sequence[Sequence[Any]], focus: str | None = None, reference: str | None = None,
                 base_year: Any = None, report_year: Any = None) -> Any:
    """The main table (two header rows, then one row per table row), as on the Ladder sheet."""
    def compute() -> list[list[Any]]:
        grid = report.ladder_table(ladder_of(table, focus, reference, base_year, report_year)).grid()
        return [[("" if v is None else v) for v in row] for row in grid]
    result = cell_value(compute)
    return result if isinstance(result, list) else [[result]]
