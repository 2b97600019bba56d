"""The press release: a Dutch draft written from the edition's figures, in the shape of POM
West-Vlaanderen's press text of the 2018 edition.

Every figure comes from the catalogue (:class:`catalogue.Edition`), printed as the publication
prints it; ratios and comparisons are worded by :mod:`.wording`, so the draft passes its own check
(:mod:`.press_check`). A sentence whose figure is missing is left out, never written with a 0, an
empty number or a guess; the draft's last section lists what was left out and why. Regions, years
and rungs follow the workbook's settings: another focus region or report year, another text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import wording
from .catalogue import TOTAL, Edition, Figure, rung_code
from .context import SALARIED
from .headline import is_unassigned

TITLE, LEAD, HEADING, TEXT, BULLET = "titel", "inleiding", "tussentitel", "tekst", "opsomming"
"""Paragraph styles: the docx writer and the result sheet each give them their own look."""
JOB_SEEKERS_CODES = ("wzw", "nwwz")
"""Werkzoekenden zonder werk: the infographic's code and the press text's (niet-werkende werkzoekenden)."""
INACTIVE = "niet_beroepsactieven"
SICK = "langdurig_zieken"
LEFT_OUT = "Weggelaten zinnen"
RUNG_WORDS = {
    5: "oefenen een betaalde job uit met een persoonsgebonden ondersteuning",
    4: "volgen zonder arbeidscontract een tijdelijk activerend traject",
    3: "verrichten onbetaald arbeidsmatige activiteiten onder begeleiding",
}


@dataclass(frozen=True)
class Paragraph:
    style: str
    text: str


@dataclass(frozen=True)
class Omission:
    """A sentence left out: what it would have said, and why it could not."""

    sentence: str
    why: str


@dataclass
class Draft:
    """The press release: paragraphs in reading order, then what was left out."""

    paragraphs: list[Paragraph] = field(default_factory=list)
    omitted: list[Omission] = field(default_factory=list)

    def all(self) -> list[Paragraph]:
        """The text as printed: the paragraphs, then the section listing what was left out."""
        if not self.omitted:
            return list(self.paragraphs)
        return [*self.paragraphs, Paragraph(HEADING, LEFT_OUT),
                *(Paragraph(BULLET, f"{o.sentence}: {o.why}.") for o in self.omitted)]

    def text(self) -> str:
        """Plain text: paragraphs apart, bullets marked as the press text marks them."""
        return "\n\n".join(("• " if p.style == BULLET else "") + p.text for p in self.all()) + "\n"


class _Writer:
    """Collects paragraphs; a sentence with a figure the workbook lacks becomes an omission."""

    def __init__(self) -> None:
        self.draft = Draft()
        self._sentences: list[str] = []

    def has(self, what: str, *figures: Figure) -> bool:
        """Whether every figure of the sentence ``what`` is known; if not, the sentence is noted as left out."""
        lacking = next((f for f in figures if not f.known), None)
        if lacking is not None:
            self.draft.omitted.append(Omission(what, lacking.why or f"geen cijfer voor {lacking.label}"))
        return lacking is None

    def add(self, sentence: str) -> None:
        self._sentences.append(sentence)

    def end(self, style: str = TEXT) -> None:
        """Close the current paragraph (nothing when all its sentences were left out)."""
        if self._sentences:
            self.draft.paragraphs.append(Paragraph(style, " ".join(self._sentences)))
        self._sentences = []


def draft(edition: Edition) -> Draft:
    """The press release of the edition's report year, for its focus region."""
    s = edition.settings
    focus, year = s.focus, s.report_year
    out = _Writer()
    total = edition.count(TOTAL, focus, year)
    if out.has("Titel met het totaal", total):
        out.add(f"{focus} biedt kansen: {total.printed} tewerkstellings- en participatieplaatsen voor kansengroepen in {year}")
    out.end(TITLE)
    _lead(out, edition, total)
    _salaried(out, edition, total)
    _rungs(out, edition)
    _context(out, edition)
    _regions(out, edition)
    _sectors(out, edition)
    return out.draft


def _lead(out: _Writer, edition: Edition, total: Figure) -> None:
    s = edition.settings
    focus, reference, year = s.focus, s.reference, s.report_year
    if out.has("Inleiding met het totaal", total):
        out.add(f"In {year} bood {focus} aan {total.printed} personen uit de kansengroepen een tewerkstellings- of "
                "participatieplaats op de treden 3, 4 en 5 van de participatieladder.")
    share, ref_total = edition.share(TOTAL, year), edition.count(TOTAL, reference, year)
    if out.has(f"Aandeel in {reference}", share, ref_total):
        out.add(f"Dat is {share.printed} van alle tewerkstellings- en participatieplaatsen voor kansengroepen in {reference} "
                f"({ref_total.printed}).")
    evolution = edition.evolution(TOTAL, focus, s.base_year, year)
    if out.has(f"Evolutie {s.period}", evolution):
        out.add(_evolution_sentence(evolution))
    _earlier_years(out, edition, total)
    out.end(LEAD)


def _earlier_years(out: _Writer, edition: Edition, total: Figure) -> None:
    """The total against the latest and the first earlier year with a total (the editions before), and the
    share of the reference region then and now."""
    s = edition.settings
    focus, reference, year = s.focus, s.reference, s.report_year
    earlier = [y for y in edition.years(TOTAL, focus) if y < year and y != s.base_year]
    for then in dict.fromkeys(earlier[-1:] + earlier[:1]):
        old = edition.count(TOTAL, focus, then)
        if out.has(f"Vergelijking met {then}", old, total):
            out.add(f"Tegenover {then} ({old.printed}) is dat {wording.compared(old.value, total.value).text}.")
    if earlier:
        first = earlier[0]
        old_share, new_share = edition.share(TOTAL, first), edition.share(TOTAL, year)
        if out.has(f"Aandeel in {reference} tegenover {first}", old_share, new_share):
            out.add(_share_change(focus, reference, first, old_share, new_share))


def _evolution_sentence(evolution: Figure) -> str:
    source = " (gepubliceerde evolutie)" if evolution.published else ""
    if abs(evolution.value) < wording.STATUS_QUO:
        return f"Tegenover {evolution.since} is dat een status quo{source}."
    word = "een stijging" if evolution.value > 0 else "een daling"
    return f"Tegenover {evolution.since} is dat {word} met {evolution.printed.lstrip('+-')}{source}."


def _share_change(focus: str, reference: str, first: int, old: Figure, new: Figure) -> str:
    if old.printed == new.printed:
        return f"Het aandeel van {focus} in {reference} bleef met {new.printed} gelijk aan dat van {first}."
    word = "steeg" if new.value > old.value else "daalde"
    return f"Het aandeel van {focus} in {reference} {word} van {old.printed} in {first} naar {new.printed}."


def _salaried(out: _Writer, edition: Edition, total: Figure) -> None:
    s = edition.settings
    salaried = edition.count(SALARIED, s.focus, s.report_year)
    ratio = edition.proportion(TOTAL, SALARIED, s.focus, s.report_year)
    if out.has("Verhouding tot de loontrekkenden", total, salaried, ratio):
        words = wording.one_in(total.value, salaried.value)
        out.add(f"Die {total.printed} personen vertegenwoordigen {ratio.printed} van alle loontrekkenden in {s.focus} "
                f"({salaried.printed} personen)" + (f", dit is {words} personen" if words else "") + ".")
    out.end()


def _rungs(out: _Writer, edition: Edition) -> None:
    s = edition.settings
    total = edition.count(TOTAL, s.focus, s.report_year)
    if out.has("Opsomming per trede", total):
        out.add(f"Van deze {total.printed} personen:")
    out.end()
    top = max(edition.ladder.rung_rows, default=None)
    for rung in edition.ladder.rung_rows:
        _rung(out, edition, rung, salaried_too=rung == top)
    lower = [rung for rung in edition.ladder.rung_rows if rung in (3, 4)]
    if len(lower) == 2:
        both = edition.summed([rung_code(rung) for rung in lower], s.focus, s.report_year)
        if out.has("Treden 3 en 4 samen", both):
            out.add(f"Samen volgden in {s.report_year} {both.printed} mensen een traject met werk- en zorgbegeleiding of "
                    "arbeidsmatige activiteiten (trede 3 en 4).")
        out.end()


def _rung(out: _Writer, edition: Edition, rung: int, salaried_too: bool) -> None:
    """A bullet with the rung's count; the highest rung also against the salaried employment."""
    s = edition.settings
    figure = edition.count(rung_code(rung), s.focus, s.report_year)
    if out.has(f"Trede {rung}", figure):
        out.add(f"{figure.printed} personen {RUNG_WORDS.get(rung, 'staan op deze trede')} (trede {rung}).")
        ratio = edition.proportion(rung_code(rung), SALARIED, s.focus, s.report_year)
        if salaried_too and out.has(f"Trede {rung} tegenover de loontrekkenden", ratio):
            words = wording.one_in(figure.value, edition.count(SALARIED, s.focus, s.report_year).value)
            out.add(f"Dat is {ratio.printed} van alle loontrekkenden in {s.focus}" + (f", {words}" if words else "") + ".")
    out.end(BULLET)


def _job_seekers(edition: Edition) -> Figure:
    s = edition.settings
    found = [edition.count(code, s.focus, s.report_year) for code in JOB_SEEKERS_CODES]
    return next((f for f in found if f.known), found[0])


def _context(out: _Writer, edition: Edition) -> None:
    s = edition.settings
    seekers, sick = _job_seekers(edition), edition.count(SICK, s.focus, s.report_year)
    if out.has("Werkzoekenden zonder werk", seekers):
        out.add(f"In {s.focus} waren er in {s.report_year} {seekers.printed} werkzoekenden zonder werk.")
    share = edition.share(seekers.codes[0], s.report_year)
    if out.has(f"Werkzoekenden zonder werk: aandeel in {s.reference}", seekers, share):
        out.add(f"De {seekers.printed} werkzoekenden zonder werk in {s.focus} vormen {share.printed} van het totaal in "
                f"{s.reference}.")
    if out.has("Langdurig zieken", sick):
        out.add(f"Er waren {sick.printed} langdurig zieken in {s.focus}.")
    if sick.known and seekers.known and sick.value != seekers.value:
        out.add(_sick_against_seekers(edition, sick, seekers))
    inactive = edition.count(INACTIVE, s.focus, s.report_year)
    if out.has("Niet-beroepsactieven", inactive):
        out.add(f"De groep niet-beroepsactieven ({inactive.printed} personen) werkt niet en zoekt evenmin werk, maar hoort "
                "wel tot de potentiële beroepsbevolking tussen 18 en 64 jaar.")
        if sick.known and (words := wording.one_in(sick.value, inactive.value)):
            out.add(f"{words[0].upper()}{words[1:]} van hen is langdurig ziek.")
    out.end()


def _sick_against_seekers(edition: Edition, sick: Figure, seekers: Figure) -> str:
    """``Het verschil bedraagt 14.334 personen of bijna de helft méér langdurig zieken dan werkzoekenden zonder werk.``"""
    names = {True: "langdurig zieken", False: "werkzoekenden zonder werk"}
    sick_more = sick.value > seekers.value
    larger, smaller = (sick, seekers) if sick_more else (seekers, sick)
    difference, more = edition.difference(larger, smaller), wording.more(larger.value, smaller.value)
    return (f"Het verschil bedraagt {difference.printed} personen" +
            (f" of {more} {names[sick_more]} dan {names[not sick_more]}" if more else "") + ".")


def _regions(out: _Writer, edition: Edition) -> None:
    s, spread = edition.settings, edition.spread
    if not spread.parts:
        return
    year = spread.year
    focus_total = edition.count(TOTAL, s.focus, year)
    figures = [edition.count(TOTAL, line.region, year) for line in spread.parts if not is_unassigned(line.region)]
    if out.has(f"Spreiding over de regio's van {s.focus}", focus_total, *figures):
        figures.sort(key=lambda figure: -figure.value)
        listed = "; ".join(f"{f.region} {f.printed} ({edition.part(TOTAL, f.region, s.focus, year).printed} van {s.focus})"
                           for f in figures)
        out.add(f"Van de {focus_total.printed} plaatsen in {s.focus} in {year} stonden er in {listed}.")
        unassigned = spread.unassigned
        if unassigned is not None and out.has("Niet toe te wijzen plaatsen", figure := edition.count(
                TOTAL, unassigned.region, year)):
            out.add(f"{figure.printed} plaatsen zijn niet toe te wijzen aan een regio.")
    out.end()


def _sectors(out: _Writer, edition: Edition) -> None:
    s, found, sectors = edition.settings, edition.sectors, edition.context.sectors
    if found is None or sectors is None:
        return
    trede3 = edition.count(rung_code(3), s.focus, found.year)
    figures = [(label, edition.count(key, s.focus, found.year), edition.proportion(key, rung_code(3), s.focus, found.year))
               for key, label in zip(sectors.keys, sectors.labels, strict=True)]
    if out.has("Trede 3 naar sector", trede3, *(figure for _, figure, _ in figures)):
        figures.sort(key=lambda found: -found[1].value)
        listed = "; ".join(f"{figure.printed} in {_sector_words(label)} ({part.printed} van trede 3)"
                           for label, figure, part in figures)
        out.add(f"Van de {trede3.printed} personen op trede 3 in {s.focus} in {found.year} werkten er {listed}.")
    out.end()


def _sector_words(label: str) -> str:
    """A sector's name inside a sentence: ``de sector van de sociale economie``, ``andere sectoren``."""
    name = wording.sector_names(label)[0]
    first, _, rest = name.partition(" ")
    return f"de {first.lower()} {rest}" if first.casefold() == "sector" else name[0].lower() + name[1:]
