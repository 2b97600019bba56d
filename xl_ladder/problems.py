"""Problems found in the input: where (``sheet!cell``), how bad, and what is wrong, in Dutch.

The catalogue of every kind of bad input and its message is ``docs/problems.md``.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error stops a refresh; a warning is reported and the refresh goes on."""

    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the input allows."""

    severity: Severity
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


class InputError(Exception):
    """Raised when the input holds errors; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def has_errors(problems: list[Problem]) -> bool:
    """True if any problem is an error (warnings alone let the work go on)."""
    return any(p.severity is Severity.ERROR for p in problems)


@dataclass(frozen=True)
class BadCell:
    """A cell whose stored content is no usable value: an Excel error, a formula never computed.

    Adapters put it where the cell's value would be, so the core reports it at that cell
    instead of reading it as empty (python-calamine returns both as an empty string).
    """

    reason: str
    """Dutch, for the message."""


EXCEL_ERRORS = {
    # file format (English) → what Dutch Excel shows, and what it means
    "#NULL!": ("#LEEG!", "lege doorsnede van bereiken"),
    "#DIV/0!": ("#DEEL/0!", "deling door nul"),
    "#VALUE!": ("#WAARDE!", "verkeerd soort waarde"),
    "#REF!": ("#VERW!", "verwijzing naar een cel die niet meer bestaat"),
    "#NAME?": ("#NAAM?", "onbekende naam of functie"),
    "#NUM!": ("#GETAL!", "ongeldig getal"),
    "#N/A": ("#N/B", "waarde niet beschikbaar"),
    # Excel 365's newer errors (python-calamine cannot read them: file_reader masks them, then locates them)
    "#SPILL!": ("#SPILL!", "de matrixformule kan niet uitlopen: de cellen ernaast zijn niet leeg"),
    "#CALC!": ("#CALC!", "een matrix kan niet berekend worden (bv. een lege matrix)"),
    "#FIELD!": ("#FIELD!", "het veld bestaat niet in het gekoppelde gegevenstype"),
    "#BLOCKED!": ("#BLOCKED!", "toegang tot een externe bron is geblokkeerd"),
    "#CONNECT!": ("#CONNECT!", "geen verbinding met een externe bron"),
    "#BUSY!": ("#BUSY!", "Excel was de waarde nog aan het ophalen"),
    "#UNKNOWN!": ("#UNKNOWN!", "een gegevenstype dat deze Excel-versie niet kent"),
    "#GETTING_DATA": ("#GETTING_DATA", "Excel was de gegevens nog aan het ophalen"),
    "#PYTHON!": ("#PYTHON!", "fout in een Python-formule"),
}


QUOTED_LENGTH = 60
"""Longest cell text quoted whole in a message; a longer one is cut (a pasted paragraph would drown the message)."""


def quoted(value: object) -> str:
    """A cell's text in quotes for a message, cut with ``…`` when long: every message quoting a cell uses it."""
    text = str(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")  # one line; positions kept
    if len(text) > QUOTED_LENGTH:
        return f"'{text[:QUOTED_LENGTH - 1].rstrip()}…' ({len(text)} tekens)"
    return f"'{text}'"


def excel_error(code: str) -> BadCell:
    """The cell value for an Excel error such as ``#DIV/0!``, named as Dutch Excel shows it."""
    dutch, meaning = EXCEL_ERRORS.get(code, (quoted(code), "foutwaarde"))
    shown = dutch if dutch in (code, quoted(code)) else f"{dutch} ({code})"
    return BadCell(f"Excel-foutwaarde {shown}: {meaning}; herstel de formule of laat de cel leeg")


def uncomputed_formula(formula: str) -> BadCell:
    """The cell value for a formula saved without its result (e.g. by a script, never opened in Excel)."""
    shown = f"formule {quoted('=' + formula)}" if formula else "een formule"
    return BadCell(f"{shown} zonder berekende waarde: open de werkmap in Excel en bewaar ze opnieuw")


_OS_ERRORS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EACCES: "geen toegang (rechten)",
    errno.EPERM: "niet toegestaan: het bestand of de map is beveiligd",
    errno.EROFS: "het station is alleen-lezen",
    errno.ENOENT: "de map of het bestand bestaat niet",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
}


def os_error_text(error: OSError) -> str:
    """Dutch words for an operating-system error (the analyst reads them, not a programmer)."""
    return _OS_ERRORS.get(error.errno or 0, f"systeemfout {error.errno}: {error.strerror or error}")
