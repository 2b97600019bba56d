"""Which region is the focus, which the reference, and which years are compared.

Stored in the workbook (sheet ``Instellingen``: a label in column A, its value in column B);
an empty value takes the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problems import Problem, Severity
from .table import MeasureTable

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
"""Setting name → (cell value, cell address), as an adapter reads them."""


def resolve(raw: RawSettings, table: MeasureTable) -> tuple[Settings | None, list[Problem]]:
    """Apply defaults and check the settings against the regions and years in the table."""
    problems: list[Problem] = []
    regions, years = table.regions, table.years

    def given(name: str) -> tuple[str, str]:
        value, where = raw.get(name, (None, f"{SHEET}!B"))
        text = "" if value is None else str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        return text, where

    def region(name: str, default: str | None) -> str | None:
        text, where = given(name)
        chosen = text or default
        if chosen is None or chosen not in regions:
            shown = chosen or "(geen)"
            problems.append(Problem(Severity.ERROR, where, f"{name} '{shown}' komt niet voor in de tabel; regio's: {', '.join(regions)}"))
            return None
        return chosen

    def year(name: str, default: int | None) -> int | None:
        text, where = given(name)
        if text and not text.isdigit():
            problems.append(Problem(Severity.ERROR, where, f"{name} '{text}' is geen jaartal"))
            return None
        chosen = int(text) if text else default
        if chosen is None or chosen not in years:
            problems.append(Problem(Severity.ERROR, where, f"{name} {chosen or '(geen)'} komt niet voor in de tabel; jaren: {', '.join(map(str, years))}"))
            return None
        return chosen

    reference = region(REFERENCE, DEFAULT_REFERENCE)
    focus = region(FOCUS, next((r for r in regions if r != reference), None))
    base = year(BASE_YEAR, years[-2] if len(years) >= 2 else (years[-1] if years else None))
    report = year(REPORT_YEAR, years[-1] if years else None)
    if None in (reference, focus, base, report):
        return None, problems
    if focus == reference:
        problems.append(Problem(Severity.ERROR, given(FOCUS)[1], "focusregio en referentieregio zijn dezelfde"))
        return None, problems
    if base > report:  # type: ignore[operator]
        problems.append(Problem(Severity.ERROR, given(BASE_YEAR)[1], f"basisjaar {base} ligt na verslagjaar {report}"))
        return None, problems
    return Settings(focus, reference, base, report), problems  # type: ignore[arg-type]
