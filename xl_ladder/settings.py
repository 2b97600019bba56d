"""Which region is the focus, which the reference, and which years are compared.

Stored in the workbook (sheet ``Instellingen``: a label in column A, its value in column B);
an empty value, an absent row or an absent sheet takes the default.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import names
from .problems import EXCEL_ERRORS, BadCell, Problem, Severity, excel_error, quoted
from .table import TABLE_NAME, MeasureTable

SHEET = "Instellingen"
FOCUS, REFERENCE, BASE_YEAR, REPORT_YEAR = "Focusregio", "Referentieregio", "Basisjaar", "Verslagjaar"
DEFAULT_REFERENCE = "Vlaams Gewest"
EXPLANATION = {
    FOCUS: "Regio waarvoor het aandeel berekend wordt (leeg: de eerste regio die niet de referentie is)",
    REFERENCE: f"Regio waartegen vergeleken wordt (leeg: {DEFAULT_REFERENCE})",
    BASE_YEAR: "Jaar waarmee vergeleken wordt (leeg: het voorlaatste jaar in de tabel)",
    REPORT_YEAR: "Jaar van het verslag (leeg: het laatste jaar in de tabel)",
}


@dataclass(frozen=True)
class Settings:
    """Resolved settings: always valid for the table they were resolved against."""

    focus: str
    reference: str
    base_year: int
    report_year: int


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
        if not isinstance(label, str) or not label.strip():
            continue
        if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:  # live Excel's errors, as text
            value = excel_error(value.strip().upper())
        text, folded = label.strip(), _folded(label)
        if folded not in first:
            first[folded] = text
            result[text] = (value, where)
            continue
        earlier = result[first[folded]][1]
        result[first[folded]] = (BadCell(f"{quoted(text)} staat twee keer op het blad {SHEET} ({earlier} en {where}): "
                                         "laat er één staan"), earlier)
    return result


def _folded(label: str) -> str:
    """A label as the settings compare it: case and runs of spaces aside."""
    return " ".join(label.split()).casefold()


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
    """(typed text, cell address or sheet name, what to add when the default is used) of one setting."""
    if isinstance(value, BadCell):
        problems.append(Problem(Severity.ERROR, where, f"{name}: {value.reason}"))
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else " ".join(str(value).split())
    return text, where, "" if text else " (standaard; kies op blad Instellingen)"


def year_of(value: Any) -> int | None:
    """A year as typed in a cell (2020, 2020.0 or the text ' 2020 '), or None if it is none.

    The settings sheet and the worksheet functions read years alike through this.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and (text := value.strip()).isascii() and text.isdigit():
        return int(text)
    return None


def resolve(raw: RawSettings, table: MeasureTable) -> tuple[Settings | None, list[Problem]]:
    """Apply defaults and check the settings against the regions and years in the table.

    A table without figure columns has already been reported by the table; nothing is added.
    """
    if not table.columns:
        return None, []
    given_settings, problems = _given(raw)
    regions, years = table.regions, table.years
    typed = {name: _typed(name, *given_settings.get(name, (None, SHEET)), problems) for name in EXPLANATION}

    def region(name: str, default: str | None) -> str | None:
        text, where, note = typed[name]
        chosen = text or default
        match = next((r for r in regions if chosen and r.casefold() == chosen.casefold()), None)
        if match is None:
            meant = names.closest(chosen, regions) if chosen else None
            hint = f"; bedoelt u '{meant}'?" if meant else ""
            problems.append(Problem(Severity.ERROR, where, f"{name} {quoted(chosen or '(geen)')}{note} komt niet voor in "
                                                           f"de tabel {TABLE_NAME}; regio's: {', '.join(regions)}{hint}"))
        return match

    def year(name: str, default: int) -> int | None:
        text, where, note = typed[name]
        chosen = year_of(text) if text else default
        if chosen is None:
            problems.append(Problem(Severity.ERROR, where, f"{name} {quoted(text)} is geen jaartal"))
            return None
        if chosen not in years:
            problems.append(Problem(Severity.ERROR, where, f"{name} {chosen}{note} komt niet voor in de tabel; "
                                                           f"jaren: {', '.join(map(str, years))}"))
            return None
        return chosen

    reference = region(REFERENCE, DEFAULT_REFERENCE)
    focus = region(FOCUS, next((r for r in regions if r != reference), None))
    base = year(BASE_YEAR, years[-2] if len(years) >= 2 else years[-1])
    report = year(REPORT_YEAR, years[-1])
    if reference is None or focus is None or base is None or report is None:
        return None, problems
    if focus == reference:
        problems.append(Problem(Severity.ERROR, typed[FOCUS][1], "focusregio en referentieregio zijn dezelfde"))
        return None, problems
    if base > report:
        problems.append(Problem(Severity.ERROR, typed[BASE_YEAR][1], f"basisjaar {base} ligt na verslagjaar {report}"))
        return None, problems
    if base == report and (typed[BASE_YEAR][0] or typed[REPORT_YEAR][0]):  # chosen: an evolution of 0 % would be shown
        problems.append(Problem(Severity.ERROR, typed[BASE_YEAR][1], f"basisjaar en verslagjaar zijn hetzelfde ({base}): "
                                                                     "een evolutie vraagt twee verschillende jaren"))
        return None, problems
    return Settings(focus, reference, base, report), problems
