"""Problems found in the input: where (``sheet!cell``), how bad, and what is wrong, in Dutch.

The catalogue of every kind of bad input and its message is ``docs/problems.md``.
"""

from __future__ import annotations

import errno
import unicodedata
from collections.abc import Callable
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


def reporter(problems: list[Problem]) -> Callable[..., None]:
    """``report(location, message, severity=ERROR)``: each call adds one problem to ``problems``."""
    def report(location: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(severity, location, message))

    return report


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


_IGNORABLE = frozenset(map(chr, [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164,
                                  *range(0xFE00, 0xFE10), 0xFFA0]))
"""Unicode's other default-ignorable characters: combining grapheme joiner, Hangul fillers, variation selectors."""


def invisible(text: str) -> str:
    """The characters of ``text`` nobody sees on screen (Unicode format characters: zero-width space,
    soft hyphen, byte order mark, direction marks, word joiner; and the other default-ignorable ones),
    each once, in order.

    Two names that differ only by one look identical, so they are taken out of every name the tool
    compares (:func:`xl_ladder.cells.cell_text`) and shown visibly in messages (:func:`quoted`).
    """
    if text.isascii():
        return ""
    return "".join(dict.fromkeys(c for c in text if c in _IGNORABLE or unicodedata.category(c) == "Cf"))


def code_point(char: str) -> str:
    """A character as messages show one that cannot be seen: ``⟨U+200B⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


def quoted(value: object) -> str:
    """A cell's text in quotes for a message, cut with ``…`` when long, invisible characters shown as ``⟨U+200B⟩``:
    every message quoting a cell uses it."""
    text = str(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")  # one line; positions kept
    for char in invisible(text):
        text = text.replace(char, code_point(char))
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
    errno.EFBIG: "het bestand wordt groter dan het systeem toelaat",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ELOOP: "te veel symbolische koppelingen na elkaar (een kring?)",
    errno.EIO: "lees- of schrijffout op het station",
    errno.EMFILE: "te veel open bestanden",
    errno.ENFILE: "te veel open bestanden",
    errno.EXDEV: "het bestand staat op een ander station",
    errno.EINVAL: "ongeldige bestandsnaam of bewerking",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.ETIMEDOUT: "het netwerkstation antwoordt niet",
    errno.ESTALE: "het netwerkbestand is niet meer bereikbaar",
}


def os_error_text(error: OSError) -> str:
    """Dutch words for an operating-system error (the analyst reads them, not a programmer).

    An error without Dutch words here is named by its number only: the system's own text is English.
    """
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    name = errno.errorcode.get(error.errno or 0)
    return f"systeemfout {error.errno} ({name})" if name else "onbekende systeemfout"


# --------------------------------------------------------------------------------------------
# Figures that cannot be (issue 27): the messages of the rules in settings, plausible, coverage
# --------------------------------------------------------------------------------------------


def _and(names: list[str] | tuple[str, ...]) -> str:
    return " en ".join(names)


def no_base_year(report: int, wanted: tuple[str, ...], earlier: list[tuple[int, str]], note: str) -> str:
    """No year before the report year has figures for both regions (``earlier``: each year before it and the
    regions it lacks): there is no evolution, and the sheets leave it empty instead of showing 0 %."""
    why = f" ({'; '.join(f'{year}: geen cijfers voor {lacking}' for year, lacking in earlier[-3:])})"
    return (f"Basisjaar{note}: geen jaar vóór {report} met cijfers voor {_and(wanted)}{why}: er is geen evolutie te "
            f"berekenen, de evoluties blijven leeg; vul de cijfers van het vorige jaar in of kies het basisjaar op blad "
            "Instellingen")


def _n(value: float) -> str:
    """A count as messages show it: Dutch thousands, one decimal where it has one (42.748,6)."""
    text = f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-2] if text.endswith(",0") else text


def above_reference(what: str, focus: str, reference: str, year: int, own: float, other: float, where: str) -> str:
    """A focus figure above the reference's: the focus is part of the reference, so it cannot be."""
    return (f"{quoted(what)}: {focus} {year} heeft {_n(own)}, meer dan {reference} ({_n(other)} in {where}): een aandeel "
            f"van {_n(round(own / other * 100, 1)) + ' %' if other else 'meer dan 100 %'} kan niet, want {focus} is "
            f"een deel van {reference}; een tikfout in een van beide cellen?")


def swapped(focus: str, reference: str, count: int, compared: int) -> str:
    """Most focus figures above the reference's: the two settings are swapped."""
    return (f"Focusregio {quoted(focus)} heeft in {count} van de {compared} vergeleken cellen meer dan referentieregio "
            f"{quoted(reference)}: de focusregio is een deel van de referentieregio, dus zijn ze verwisseld? Kies ze "
            "opnieuw op blad Instellingen (Focusregio, Referentieregio)")


def more_above(focus: str, reference: str, count: int) -> str:
    return f"nog {count} andere cellen waar {focus} meer heeft dan {reference}: zie de cellen hierboven"


def unexplained_total(what: str, column: str, published: float, summed: float, missing: list[str]) -> str:
    """A published total that its parts cannot explain (a warning: it is used as published, and marked)."""
    gap = published - summed
    parts = (f"de som van de gekende delen is {_n(summed)} en de ontbrekende ({', '.join(missing)}) kunnen daar "
             "alleen bij komen" if missing else f"de som van de delen is {_n(summed)}")
    return (f"gepubliceerd totaal {quoted(what)}, {column}: {_n(published)}, maar {parts} (verschil "
            f"{_n(gap)}): meer dan afronding verklaart; een tikfout? Het cijfer wordt gebruikt zoals het er staat en "
            "is op het blad Publicatie gemarkeerd")


def rung_left_out(codes: list[str], total: str) -> str:
    """Rung totals the grand total does not name: their measures count nowhere."""
    one = len(codes) == 1
    return (f"{_and([quoted(code) for code in codes])} {'telt' if one else 'tellen'} niet mee in {quoted(total)}: de "
            f"formule van het totaal noemt {'haar' if one else 'ze'} niet; voeg {'haar' if one else 'ze'} toe "
            "(bv. trede 5 + trede 4 + trede 3)")


def measure_left_out(code: str, empty: bool) -> str:
    """A measure no rung or total formula reaches."""
    effect = ("ze heeft geen cijfers, maar telt ook later niet mee" if empty
              else "haar cijfers ontbreken in het totaal")
    return (f"maatregel {quoted(code)} telt in geen enkele trede: geen formule van een trede of van het totaal noemt "
            f"ze ({effect}); noem ze in de formule van haar trede of van een subtotaal daarin")


def measure_twice(code: str, times: int, rows: list[str]) -> str:
    """A measure the grand total reaches more than once."""
    return (f"maatregel {quoted(code)} telt {times} keer mee in het totaal: ze staat in de formules van "
            f"{_and([quoted(row) for row in rows])}; een maatregel hoort bij één trede, laat ze in één formule staan")


def thin_year(name: str, chosen: int, note: str, latest: int | None, why: str) -> str:
    """A year whose figures are all 0 or only a handful: passed over by default, said when typed."""
    if latest is None:
        return (f"{name} {chosen}: {why}: is het jaar al ingevuld? De cijfers worden gebruikt zoals ze er staan "
                "(een evolutie van -100 % bij een 0 die nog geen cijfer is)")
    return (f"{name} {chosen}{note}: {why}: {latest} lijkt nog niet ingevuld en is niet het verslagjaar; {chosen} is "
            f"het laatste jaar ervoor met cijfers; kies {latest} op blad Instellingen als het toch het verslagjaar is")


def parts_in_doubt(parts: list[str], focus: str, year: int, found: str, against: str) -> str:
    """Regions taken as parts by default that are not shown to sum to the focus region: not summed."""
    shown = ", ".join(quoted(part) for part in parts[:3]) + (f" en {len(parts) - 3} andere" if len(parts) > 3 else "")
    return (f"de regio's {shown} (standaard: alleen in Context) {found} in {year}, {against}: ze worden niet "
            f"opgeteld als delen van {focus} (blad Regio's); horen ze erbij, noem ze bij Deelregio's op blad "
            "Instellingen")


def strict_workbook() -> str:
    """A workbook saved as Strict Open XML: said what it is and how to save it as an ordinary workbook."""
    return ("de werkmap is opgeslagen als 'Strict Open XML-werkmap', een vorm die dit programma niet leest (de tabellen "
            "worden er niet in gevonden): open ze in Excel, kies Bestand > Opslaan als, bestandstype 'Excel-werkmap "
            "met macro's (*.xlsm)', en vernieuw opnieuw")


def utf16_part(part: str) -> str:
    """A part of the package stored in UTF-16: its one cause, instead of the empty sheet's many."""
    return (f"onderdeel {part} is opgeslagen in UTF-16, een tekencodering die dit programma niet leest (het blad zou "
            "leeg lijken): open de werkmap in Excel en bewaar ze opnieuw (Excel schrijft UTF-8)")


def unreadable_sheet(words: str, sheet: str) -> str:
    """The cells of a sheet the reader refuses (a text reference beyond the workbook's list of texts, a
    true/false cell holding another number): the sheet named, and what to do."""
    return (f"{words}: het blad {quoted(sheet)} heeft een cel waarvan de opgeslagen waarde niet bij haar soort past "
            "(bv. een verwijzing naar een tekst die niet bestaat), wat Excel zelf nooit schrijft: open de werkmap in "
            "Excel en bewaar ze opnieuw")
