"""Which region is the focus, which the reference, which regions are its parts, and which years are compared.

Stored in the workbook (sheet ``Instellingen``: a label in column A, its value in column B);
an empty value, an absent row or an absent sheet takes the default.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import names, regions
from .cells import address, as_read, cell_text, column_letters, invisible_note, is_blank
from .problems import BadCell, Problem, Severity, no_base_year, quoted, thin_year
from .table import TABLE_NAME, MeasureTable

SHEET = "Instellingen"
FOCUS, REFERENCE, BASE_YEAR, REPORT_YEAR = "Focusregio", "Referentieregio", "Basisjaar", "Verslagjaar"
PARTS = "Deelregio's"
PUBLISHER = "Uitgever"
DEFAULT_REFERENCE = "Vlaams Gewest"
EXPLANATION = {
    FOCUS: "Regio waarvoor het aandeel berekend wordt (leeg: de eerste regio die niet de referentie is)",
    REFERENCE: f"Regio waartegen vergeleken wordt (leeg: {DEFAULT_REFERENCE})",
    BASE_YEAR: "Jaar waarmee vergeleken wordt (leeg: het jaar met cijfers vóór het verslagjaar)",
    REPORT_YEAR: "Jaar van het verslag (leeg: het laatste jaar met cijfers voor focus- en referentieregio)",
    PARTS: "Regio's die samen de focusregio vormen, gescheiden door ; (leeg: de regio's die alleen in de tabel "
           "Context staan)",
    PUBLISHER: "Wie publiceert: staat onderaan de publicatiepagina (leeg: geen naam)",
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings: always valid for the table they were resolved against."""

    focus: str
    reference: str
    base_year: int | None
    """None when no year before the report year has figures for both regions: evolutions stay empty (never 0 %)."""
    report_year: int
    parts: tuple[str, ...] = ()
    """The regions that make up the focus region (sheet ``Regio's``), in table order or as declared."""
    publisher: str = ""
    """Who publishes the page (its footer); empty: no name."""
    focus_cell: str = SHEET
    """Where the focus is typed (``Instellingen!B2``), or the sheet's name: for messages about the choice."""
    parts_declared: bool = False
    """Whether the parts were named at ``Deelregio's`` (else the default: to be shown to sum to the focus)."""

    @property
    def years(self) -> tuple[int, ...]:
        """The years compared: base and report year, or the report year alone without a base year."""
        return (self.report_year,) if self.base_year is None else (self.base_year, self.report_year)

    @property
    def period(self) -> str:
        """The period of the evolutions, as titles write it: '2019–2020', or 'tot 2020' without a base year."""
        return f"tot {self.report_year}" if self.base_year is None else f"{self.base_year}–{self.report_year}"


RawSettings = dict[str, tuple[Any, str]]
"""Setting label (column A) → (cell value in column B, its address), as an adapter reads them."""


def collect(rows: Iterable[tuple[Any, Any, str]]) -> RawSettings:
    """The settings of the sheet's (label, value, value's address) rows, as every adapter reads them.

    A label typed twice (case and spaces aside) keeps its first row, with a value that is an error
    naming both cells: which of two choices was meant cannot be guessed, and the last one silently
    winning would be a wrong setting without a message.
    """
    result: RawSettings = {}
    first: dict[str, str] = {}
    for label, value, where in rows:
        if not isinstance(label, str) or not cell_text(label):
            continue
        value = as_read(value)  # live Excel's errors, as text
        text, folded = cell_text(label), _folded(label)
        if folded not in first:
            first[folded] = text
            result[text] = (value, where)
            continue
        earlier = result[first[folded]][1]
        result[first[folded]] = (BadCell(f"{quoted(text)} staat twee keer op het blad {SHEET} ({earlier} en {where}): "
                                         "laat er één staan"), earlier)
    return result


def _folded(label: str) -> str:
    """A label as the settings compare it: case, runs of spaces and invisible characters aside."""
    return cell_text(label).casefold()


def read_sheet(sheet: str, grid: list[list[Any]]) -> tuple[RawSettings, list[Problem]]:
    """The settings of the sheet's cells (``grid`` from A1 on, as any backend reads them), and the problems.

    Labels stand in column A, values in column B. Labels found in another column (a column inserted
    before them, the table moved) are an error: read from column A the sheet would silently give every
    setting its default.
    """
    problems = [Problem(Severity.WARNING, address(sheet, r, 0), f"instelling {note}")
                for r, row in enumerate(grid) if row and (note := invisible_note(row[0]))]
    problems += _unread(sheet, grid)
    raw = collect((row[0], row[1] if len(row) > 1 and row[1] != "" else None, address(sheet, r, 1))
                  for r, row in enumerate(grid) if row)
    shifted = None if any(_folded(label) in _KNOWN for label in raw) else _labels_elsewhere(grid)
    if shifted is not None:
        return {}, [*problems, Problem(
            Severity.ERROR, address(sheet, *shifted),
            f"de instellingen staan in kolom {column_letters(shifted[1])}, niet in kolom A: de naam hoort in "
            "kolom A, de waarde in kolom B; zet ze terug (nu worden ze niet gebruikt)")]
    return raw, problems


_KNOWN = {name.casefold() for name in EXPLANATION}


def _unread(sheet: str, grid: list[list[Any]]) -> list[Problem]:
    """Errors for what the sheet holds but the settings would not read (issue 27): a label that is an Excel
    error, with a value beside it; a value typed in column C (the explanation's) while column B is empty."""
    found = []
    for r, row in enumerate(grid):
        label, value, other = (as_read(row[c]) if len(row) > c else None for c in range(3))
        if isinstance(label, BadCell) and not is_blank(value):
            found.append(Problem(Severity.ERROR, address(sheet, r, 0), f"naam van de instelling: {label.reason}; de "
                                                                       f"waarde in {address(sheet, r, 1)} wordt niet gelezen"))
        named = cell_text(label) if isinstance(label, str) else ""
        if named.casefold() in _KNOWN and is_blank(value) and _value_like(other):
            found.append(Problem(Severity.ERROR, address(sheet, r, 2), f"{_NAMES[named.casefold()]} {quoted(other)} "
                                                                       "staat in kolom C, niet in kolom B: ze wordt niet "
                                                                       "gelezen (de standaard geldt); zet ze in kolom B"))
    return found


_NAMES = {name.casefold(): name for name in EXPLANATION}
VALUE_LENGTH = 40
"""A text in column C at most this long is a value typed there; longer, the explanation (or a note)."""


def _value_like(cell: Any) -> bool:
    """Whether a cell of column C looks like a setting's value: a number, or a short text (a region, a year)."""
    return (isinstance(cell, int | float) and not isinstance(cell, bool)) or \
        (isinstance(cell, str) and 0 < len(cell_text(cell)) <= VALUE_LENGTH)


def _labels_elsewhere(grid: list[list[Any]]) -> tuple[int, int] | None:
    """(row, column) of the first setting label outside column A, if any."""
    return next(((r, c) for r, row in enumerate(grid) for c, cell in enumerate(row[1:], start=1)
                 if isinstance(cell, str) and _folded(cell) in _KNOWN), None)


def _given(raw: RawSettings) -> tuple[dict[str, tuple[Any, str]], list[Problem]]:
    """Values of the known settings, labels matched case-insensitively; a misspelt label is an error.

    A misspelt label would otherwise drop the analyst's choice silently and use the default.
    """
    known = {name.casefold(): name for name in EXPLANATION}
    folded = {label: _folded(label) for label in raw}
    given: dict[str, tuple[Any, str]] = {}
    problems = []
    for label, (value, where) in raw.items():
        if folded[label] in known:
            given[known[folded[label]]] = (value, where)
            continue
        close = difflib.get_close_matches(folded[label], list(known), n=1, cutoff=0.8)
        if close and close[0] not in folded.values():
            problems.append(Problem(Severity.ERROR, where, f"onbekende instelling {quoted(label)}: bedoelt u "
                                                           f"'{known[close[0]]}'? (de waarde wordt nu niet gebruikt)"))
        elif close and value not in (None, ""):  # a second, misspelt row of a setting: which value is meant?
            first = next(w for other, (_, w) in raw.items() if folded[other] == close[0])
            problems.append(Problem(Severity.ERROR, where, f"onbekende instelling {quoted(label)} lijkt een tweede "
                                                           f"'{known[close[0]]}' (ook in {first}): laat er één staan"))
    return given, problems


def _typed(name: str, value: Any, where: str, problems: list[Problem]) -> tuple[str, str, str]:
    """(typed text, cell address or sheet name, what to add when the default is used) of one setting.

    Spaces are folded within each line; line breaks are kept (a list of regions may put one a line).
    """
    if isinstance(value, BadCell):
        problems.append(Problem(Severity.ERROR, where, f"{name}: {value.reason}"))
        value = None
    if note := invisible_note(value):
        problems.append(Problem(Severity.WARNING, where, f"{name}: {note}"))
    lines = value.splitlines() if isinstance(value, str) else [value]
    text = "\n".join(filter(None, map(cell_text, lines)))
    return text, where, "" if text else " (standaard; kies op blad Instellingen)"


YEAR_DIGITS = 4
"""A year has at most four digits: a longer number is no year (and would fill a message)."""


def year_of(value: Any) -> int | None:
    """A year as typed in a cell (2020, 2020.0 or the text ' 2020 '), or None if it is none (at most four digits).

    The settings sheet and the worksheet functions read years alike through this.
    """
    if isinstance(value, str):
        text = value.strip()
        value = int(text) if text.isascii() and text.isdigit() and len(text) <= YEAR_DIGITS else None
    elif isinstance(value, float) and value.is_integer() and abs(value) < 10 ** YEAR_DIGITS:
        value = int(value)
    return value if type(value) is int and abs(value) < 10 ** YEAR_DIGITS else None


def _years_with_figures(table: MeasureTable, *wanted: str) -> list[int]:
    """The years in which every region of ``wanted`` has at least one figure, ascending."""
    if not table.rows:  # an empty table is an error of its own
        return table.years
    found: list[int] = np.flatnonzero(~np.isnan(table.figures).all(axis=0)).tolist()
    if not wanted:
        return sorted({table.columns[k][1] for k in found})
    holding: dict[str, set[int]] = {region: set() for region in wanted}
    for k in found:
        region, year = table.columns[k]
        if region in holding:
            holding[region].add(year)
    return sorted(set.intersection(*holding.values()))


def resolve(raw: RawSettings, table: MeasureTable,
            known: regions.Regions | None = None) -> tuple[Settings | None, list[Problem]]:
    """Apply defaults and check the settings against the regions and years in the table.

    ``known`` holds the regions of every table (the context tables too), for the parts of the focus
    region (:func:`regions.parts_of_focus`); without it, those of the measure table. A table without
    figure columns has already been reported by the table; nothing is added.
    """
    if not table.columns:
        return None, []
    given_settings, problems = _given(raw)
    regions_ = table.regions
    typed = {name: _typed(name, *given_settings.get(name, (None, SHEET)), problems) for name in EXPLANATION}

    reference = _region(REFERENCE, typed[REFERENCE], DEFAULT_REFERENCE, regions_, problems)
    focus = _region(FOCUS, typed[FOCUS], next((r for r in regions_ if r != reference), None), regions_, problems)
    same = focus is not None and focus == reference
    if same:
        problems.append(Problem(Severity.ERROR, typed[FOCUS][1], "focusregio en referentieregio zijn dezelfde"))
    found, base, report = _years(typed, table, tuple(dict.fromkeys(filter(None, (focus, reference)))), problems)
    if reference is None or focus is None or not found or report is None or same:
        return None, problems
    everywhere = known or regions.Regions(dict.fromkeys(regions_, SHEET))
    parts, part_problems = regions.parts_of_focus(typed[PARTS][0], typed[PARTS][1], focus, reference, everywhere)
    problems += part_problems
    return Settings(focus, reference, base, report, parts, publisher=typed[PUBLISHER][0], focus_cell=typed[FOCUS][1],
                    parts_declared=bool(typed[PARTS][0])), problems


def _region(name: str, typed: tuple[str, str, str], default: str | None, regions_: list[str],
            problems: list[Problem]) -> str | None:
    """A region setting: typed or the default, as the table spells it; an error when the table has no such region."""
    text, where, note = typed
    chosen = text or default
    match = next((r for r in regions_ if chosen and r.casefold() == chosen.casefold()), None)
    if match is None:
        meant = names.closest(chosen, regions_) if chosen else None
        hint = f"; bedoelt u '{meant}'?" if meant else ""
        problems.append(Problem(Severity.ERROR, where, f"{name} {quoted(chosen or '(geen)')}{note} komt niet voor in "
                                                       f"de tabel {TABLE_NAME}; regio's: {', '.join(regions_)}{hint}"))
    return match


@dataclass
class _YearChoice:
    """Choosing a base or report year: the table and the regions (focus, reference) that must have figures.

    A year with no figure for either region is refused when typed, and skipped, with a word, by
    default: empty columns prepared for next year would otherwise make every figure blank.
    """

    table: MeasureTable
    wanted: tuple[str, ...]
    problems: list[Problem]

    @functools.cached_property
    def filled(self) -> list[int]:
        """The years with figures for every wanted region."""
        return _years_with_figures(self.table, *self.wanted)

    @functools.cached_property
    def held(self) -> list[int]:
        """The years with a column of either wanted region."""
        return sorted({y for r, y in self.table.columns if r in self.wanted}) if self.wanted else self.table.years

    def lacking(self, year: int) -> str:
        """The wanted regions without a figure in ``year``."""
        return " en ".join(r for r in self.wanted if year not in _years_with_figures(self.table, r))

    def without_column(self, year: int) -> list[str]:
        """The wanted regions without a column for ``year``."""
        return [region for region in self.wanted if (region, year) not in self.table.columns]

    def refusal(self, name: str, text: str, chosen: int | None, note: str) -> str | None:
        """Why ``chosen`` cannot be the year ``name`` (typed as ``text``, empty for the default), or None.

        By default, the latest year must have a column for both regions when one of them has it: a lost
        column (a header renamed, ``WVL 2020``) would otherwise move the report a year back with a warning.
        """
        years = ", ".join(map(str, self.table.years))
        latest = self.held[-1] if self.held else None
        if name == REPORT_YEAR and not text and latest is not None and (lost := self.without_column(latest)):
            return (f"{name}{note}: {' en '.join(lost)} heeft geen kolom voor {latest}, "
                    f"{' en '.join(r for r in self.wanted if r not in lost)} wel: is een kolom anders genoemd? Geef "
                    f"ze de titel '{lost[0]} {latest}', of kies het verslagjaar op blad Instellingen")
        if text and chosen is None:
            return f"{name} {quoted(text)} is geen jaartal"
        if chosen is None:
            return f"{name}{note}: geen jaar met cijfers voor {' en '.join(self.wanted) or 'een regio'} (jaren: {years})"
        if chosen not in self.table.years:
            return f"{name} {chosen}{note} komt niet voor in de tabel; jaren: {years}"
        if chosen not in self.filled:
            return f"{name} {chosen}: geen enkel cijfer voor {self.lacking(chosen)} in {chosen}"
        return None

    def pick(self, name: str, typed: tuple[str, str, str], default: int | None, latest: int) -> int | None:
        """The year of setting ``name``: typed, else ``default``, said when it is not the ``latest``."""
        text, where, note = typed
        chosen = year_of(text) if text else default
        if (refusal := self.refusal(name, text, chosen, note)) or chosen is None:
            self.problems.append(Problem(Severity.ERROR, where, refusal or name))
            return None
        if said := self._said(name, chosen, note, latest if not text else None):
            self.problems.append(Problem(Severity.WARNING, where, said))
        return chosen

    def _said(self, name: str, chosen: int, note: str, latest: int | None) -> str | None:
        """What to say of ``chosen``: by default (``latest`` given) when a later year is passed over, typed
        (``latest`` None) when its figures are all 0 or a handful; None when nothing."""
        if latest is None:
            why = self.thin(chosen)
            return thin_year(name, chosen, "", None, why) if why else None
        if chosen == latest:
            return None
        if why := self.thin(latest):
            return thin_year(name, chosen, note, latest, why)
        return f"{name} {chosen}{note}: {latest} heeft geen cijfers voor {self.lacking(latest)}; {chosen} is het laatste " \
               "jaar ervoor met cijfers"

    def thin(self, year: int) -> str | None:
        """Why ``year``'s figures cannot yet be a report (all 0, or only a handful of rows filled where the year
        before has many: next year's columns prepared with zeros, a stray figure), or None."""
        for region in self.wanted:
            count, zero, before = _filling(self.table, region, year)
            if count and zero:
                return f"alle {count} cijfers van {region} in {year} zijn 0"
            if count and before >= HANDFUL * count and before - count > HANDFUL:
                return (f"{region} heeft in {year} maar {count} {'cijfer' if count == 1 else 'cijfers'}, het jaar "
                        f"ervoor {before}")
        return None

    @functools.cached_property
    def ready(self) -> list[int]:
        """The filled years that are not :meth:`thin`: what the report year is by default."""
        return [year for year in self.filled if not self.thin(year)]


HANDFUL = 4
"""A year is thin when the year before it has at least this many times its figures (and this many more)."""


def _filling(table: MeasureTable, region: str, year: int) -> tuple[int, bool, int]:
    """(figures of the region in the year, all of them 0, figures of the region in the latest earlier year)."""
    at = {key: k for k, key in enumerate(table.columns)}
    if (region, year) not in at:
        return 0, False, 0
    column = table.figures[:, at[region, year]]
    known = column[~np.isnan(column)]
    earlier = max((y for r, y in at if r == region and y < year), default=None)
    before = 0 if earlier is None else int((~np.isnan(table.figures[:, at[region, earlier]])).sum())
    return len(known), bool(len(known)) and bool((known == 0).all()), before


def _years(typed: Mapping[str, tuple[str, str, str]], table: MeasureTable, wanted: tuple[str, ...],
           problems: list[Problem]) -> tuple[bool, int | None, int | None]:
    """(found, base year, report year): typed, or by default the latest two years with figures for the
    ``wanted`` regions (focus and reference). ``found`` is False on an error.

    By default the base year lies before the report year and has figures for both regions; when no
    year does, there is no base year (None) and the evolutions stay empty, said at the setting's cell:
    the report year itself as base year would show 0 % on every row (issue 27).
    """
    choice = _YearChoice(table, wanted, problems)
    filled, held = choice.filled, choice.held
    ready = choice.ready or filled
    report = choice.pick(REPORT_YEAR, typed[REPORT_YEAR], ready[-1] if ready else None,
                         held[-1] if held else table.years[-1])
    if report is None:
        return False, None, None
    earlier = [y for y in filled if y < report]
    if not typed[BASE_YEAR][0] and not earlier:  # a table of one year (a first edition) is said on the Ladder alone
        if before := [y for y in held if y < report]:
            problems.append(Problem(Severity.WARNING, typed[BASE_YEAR][1], no_base_year(
                report, wanted, [(y, choice.lacking(y)) for y in before], typed[BASE_YEAR][2])))
        return True, None, report
    base = choice.pick(BASE_YEAR, typed[BASE_YEAR], earlier[-1] if earlier else report,
                       max((y for y in held if y < report), default=report))
    if base is None:
        return False, None, None
    if base > report:
        problems.append(Problem(Severity.ERROR, typed[BASE_YEAR][1], f"basisjaar {base} ligt na verslagjaar {report}"))
        return False, None, None
    if base == report:  # an evolution of 0 % would be shown
        problems.append(Problem(Severity.ERROR, typed[BASE_YEAR][1], f"basisjaar en verslagjaar zijn hetzelfde ({base}): "
                                                                     "een evolutie vraagt twee verschillende jaren"))
        return False, None, None
    return True, base, report
