"""A number of a press text judged: which figure of the catalogue its words mean, and whether it is that figure.

The words nearest to the number decide (:class:`Claim`): the indicator and region named in its clause
(else in its sentence), the year named with it, a comparison year, ``van X naar Y``. A count is a
figure of an indicator, a difference (``het verschil bedraagt``, ``een daling met 4.512 personen``) or
a figure named before (``Die 57.302 personen``); a percentage is tried by the rules of
:data:`PERCENT_RULES` in turn. No rule that fits: *niet in de werkmap*.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .catalogue import COUNT, EVOLUTION, PERCENT, Figure
from .mentions import INDICATOR, REGION, YEAR, Mention
from .press_text import RIGHT, WRONG, Finding, Number, Reader, compared_year, nearest, unknown
from .values import fixed, round_half_up

FUNCTION_WORDS = frozenset("""in op van bij voor uit tot en of naar met aan is zijn was waren er die dat per ten tegenover
    werden werd worden wordt waarvan goed voor""".split())
"""Words that may follow a number without saying what it counts."""
UNITS = frozenset("personen persoon mensen plaatsen plaats".split())
"""Words that follow a number and say only that it counts people or places."""
SHARE_WORDS = re.compile(r"\b(?:aandeel|bijdrage)\b", re.I)
CHANGE_WORDS = re.compile(r"\b(?:stijging|daling|toename|afname|groei|evolutie|gestegen|gedaald|toegenomen|afgenomen|"
                          r"steeg|daalde|stijgt|daalt)\b", re.I)
FALLING = frozenset({"daling", "afname", "gedaald", "afgenomen", "daalde", "daalt"})
DIFFERENCE = re.compile(r"\bverschil\b[^.;]*$", re.I)
RISE_OR_FALL = re.compile(r"\b(?P<word>stijging|daling|toename|afname)\s+met\s+$", re.I)
BACK = re.compile(r"\b(?:die|deze|dit|dat|van\s+deze)\s+$", re.I)
FROM = re.compile(r"\bvan\s+$")
TO = re.compile(r"\s*(?:in\s+\d{4}\s+)?naar\b")
OF = re.compile(r"\s*\)?\s*van\s+(?:alle|al\s+de|de|het|hun)?\s*")
NOT_SAID = "de zin zegt niet welk cijfer het is"
WHOLE_OF_PERCENT = re.compile(r"%\s*van\s+(?:alle|al\s+de|de|het)?\s*(?:[\w-]+\s+)?$")


@dataclass(frozen=True)
class Claim:
    """A number in its sentence, with the words that say what it is."""

    sentence: str
    number: Number
    mentions: tuple[Mention, ...]
    reader: Reader
    year: int
    compared: int | None
    region: str
    indicator: Mention | None

    @property
    def before(self) -> str:
        return self.sentence[:self.number.start]

    @property
    def after(self) -> str:
        return self.sentence[self.number.end:]

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator the number is about: named near it, else the one the text named last."""
        return self.indicator.codes if self.indicator else self.reader.subject()

    @functools.cached_property
    def names_reference(self) -> bool:
        return any(m.kind == REGION and m.region == self.reader.edition.settings.reference for m in self.mentions)

    @property
    def between_years(self) -> bool:
        """``van 19,9% naar 20,5%``: the number is one end of a change."""
        return bool((FROM.search(self.before) and TO.match(self.after)) or re.search(r"\bnaar\s+$", self.before))


def judge(sentence: str, number: Number, mentions: tuple[Mention, ...], reader: Reader) -> Finding:
    """The verdict on one number of ``sentence``."""
    claim = _claim(sentence, number, mentions, reader)
    if number.percent:
        return judged(claim, _percent(claim))
    if DIFFERENCE.search(claim.before):
        return judged(claim, _difference(reader))
    if (rise := RISE_OR_FALL.search(claim.before)) is not None and claim.compared is not None:
        return judged(claim, _change_in_people(claim, rise["word"]))
    return _count(claim)


def _claim(sentence: str, number: Number, mentions: tuple[Mention, ...], reader: Reader) -> Claim:
    left = max((sentence.rfind(mark, 0, number.start) for mark in ";()"), default=-1) + 1
    right = min((at for mark in ";()" if (at := sentence.find(mark, number.end)) >= 0), default=len(sentence))
    mentions = mentions if number.percent else _for_a_count(sentence, number, mentions)
    clause = [m for m in mentions if left <= m.start and m.end <= right]  # between semicolons or brackets

    def named(kind: str) -> Mention | None:
        return nearest(clause, kind, number.start, number.end) or nearest(mentions, kind, number.start, number.end)

    region = named(REGION)
    year, compared = _year_of(sentence, number, mentions, reader)
    return Claim(sentence, number, mentions, reader, year, compared,
                 region.region if region else reader.edition.settings.focus, named(INDICATOR))


def _for_a_count(sentence: str, number: Number, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """The mentions that may say what a count counts: not the whole of a later percentage (``52.790 … 12,0% van
    alle loontrekkenden``: 52.790 are no loontrekkenden)."""
    return tuple(m for m in mentions if not (m.kind == INDICATOR and m.start > number.end
                                             and WHOLE_OF_PERCENT.search(sentence[:m.start])))


def _year_of(sentence: str, number: Number, mentions: tuple[Mention, ...], reader: Reader) -> tuple[int, int | None]:
    """The year a number speaks of, and the year it is compared with (if the sentence names one)."""
    compared = compared_year(sentence, mentions, reader)
    return _own_year(sentence, number, mentions, reader, compared), compared


def _own_year(sentence: str, number: Number, mentions: tuple[Mention, ...], reader: Reader, compared: int | None) -> int:
    before, after = sentence[:number.start], sentence[number.end:]
    if following := re.match(r"\s*in\s+(\d{4})\b", after):  # 19,9% in 2014
        return int(following.group(1))
    if FROM.search(before) and TO.match(after):  # van 19,9% naar …: the earlier year
        return compared or reader.year
    found = _year_named(sentence, number, mentions)
    return found if found is not None and not re.search(r"\bnaar\s+$", before) else reader.year


def _year_named(sentence: str, number: Number, mentions: tuple[Mention, ...]) -> int | None:
    """The year right before the number (``tegenover 2018 (57.302)``), else the year named nearest to it."""
    right_before = [m for m in mentions if m.kind == YEAR and re.fullmatch(r"\s*\(?\s*", sentence[m.end:number.start])]
    if right_before:
        return right_before[0].year
    years = [m for m in mentions if m.kind == YEAR and not m.comparison]
    found = nearest(years, YEAR, number.start, number.end, before_only=True) or nearest(years, YEAR, number.start,
                                                                                          number.end)
    return found.year if found else None


# Counts -------------------------------------------------------------------------------------------------

def _count(claim: Claim) -> Finding:
    counted = _counted(claim)
    if counted is False:
        return unknown(claim.sentence, claim.number.text, "telt iets wat de werkmap niet kent")
    if BACK.search(claim.before) or claim.indicator is None:  # Die 57.302 personen: named before
        same = next((f for f in reversed(claim.reader.recent) if _same(f, claim.number)), None)
        if same is not None:
            return judged(claim, same)
    codes = counted.codes if isinstance(counted, Mention) else claim.codes
    if not codes:
        return unknown(claim.sentence, claim.number.text, NOT_SAID)
    return judged(claim, claim.reader.count(codes, claim.region, claim.year))


def _counted(claim: Claim) -> Mention | bool | None:
    """What the words after a count say it counts: an indicator named there (``8.546 op trede 4``, ``510 in de
    sector …``), nothing more than people (None: ``personen``, a function word), or something the workbook does
    not know (False: ``8 maatwerkbedrijven``, ``781 VTE``)."""
    after = re.sub(r"^\s*van\s+de\s+\d+", "", claim.after)  # 8 van de 24 maatwerkbedrijven
    words = re.match(r"\s*(?:(?:personen|persoon|mensen)\s+)?(?:(?:op|in|bij|uit|van)\s+)?(?:(?:de|het|een)\s+)?", after)
    start = claim.number.end + (words.end() if words else 0)
    named = next((m for m in claim.mentions if m.kind == INDICATOR and m.start == start), None)
    if named is not None:
        return named
    word = re.match(r"\s*([^\W\d][\w-]*)", after)
    return None if word is None or word.group(1).casefold() in FUNCTION_WORDS | UNITS else False


def _same(figure: Figure, number: Number) -> bool:
    return figure.unit == COUNT and not number.percent and _rounded(figure.value, number) == number.value


def _difference(reader: Reader) -> Figure | None:
    """``Het verschil bedraagt …``: between the last two figures the text named (of different things)."""
    if not reader.recent:
        return None
    last = reader.recent[-1]
    other = next((f for f in reversed(reader.recent[:-1]) if f.codes != last.codes), None)
    if other is None:
        return None
    return reader.edition.difference(*sorted((last, other), key=lambda f: f.value, reverse=True))


def _change_in_people(claim: Claim, word: str) -> Figure | None:
    """``een daling met 4.512 personen`` (tegenover 2018): the difference, which must go the way the word says."""
    if not claim.codes or claim.compared is None:
        return None
    new, old = (claim.reader.count(claim.codes, claim.region, year) for year in (claim.year, claim.compared))
    difference = claim.reader.edition.difference(new, old)
    if not difference.known:
        return difference
    rising = word.casefold() in ("stijging", "toename")
    agrees = (difference.value > 0) == rising or difference.value == 0
    return Figure(difference.kind, difference.codes, difference.label, claim.region, claim.year, COUNT,
                  abs(difference.value) if agrees else difference.value, difference.source, since=claim.compared)


# Percentages --------------------------------------------------------------------------------------------

class _Undecided:
    """A rule that does not speak to this percentage: the next one is tried."""


UNDECIDED = _Undecided()
Rule = Callable[[Claim], "Figure | _Undecided | None"]


def _between_years(claim: Claim) -> Figure | _Undecided | None:
    """``toegenomen van 19,9% naar 20,5%``: a share of the reference region, then and now."""
    if claim.between_years and (SHARE_WORDS.search(claim.sentence) or claim.names_reference):
        return claim.reader.edition.share(claim.codes[0], claim.year) if claim.codes else None
    return UNDECIDED


def _evolution(claim: Claim) -> Figure | _Undecided | None:
    """``een daling met 17,0%``, ``+1,1%``: from the comparison year (else the base year) to the year."""
    if (claim.number.signed or CHANGE_WORDS.search(claim.sentence)) and claim.codes:
        since = claim.compared or claim.reader.edition.settings.base_year
        return claim.reader.edition.evolution(claim.codes[0], claim.region, since, claim.year)
    return UNDECIDED


def _of_something(claim: Claim) -> Figure | _Undecided | None:
    """``12,0% van alle loontrekkenden``, ``30,0% van West-Vlaanderen``, ``14,1% van het Vlaamse totaal``."""
    of = OF.match(claim.after)
    if of is None:
        return UNDECIDED
    whole = _whole(claim.mentions, claim.number.end + of.end())
    if whole is None:
        return None  # 86,9% van dit aantal, 23,8% van hun uren: of something the workbook does not know
    return _of_region(claim, whole) if whole.kind == REGION else _of_indicator(claim, whole)


def _of_region(claim: Claim, whole: Mention) -> Figure | None:
    edition, s = claim.reader.edition, claim.reader.edition.settings
    if not claim.codes:
        return None
    if whole.region == s.reference or re.match(r"\s*totaal", claim.sentence[whole.end:]):
        return edition.share(claim.codes[0], claim.year)
    part = nearest(claim.mentions, REGION, claim.number.start, claim.number.end, before_only=True)
    return edition.part(claim.codes[0], part.region, whole.region, claim.year) if part else None


def _of_indicator(claim: Claim, whole: Mention) -> Figure | None:
    edition = claim.reader.edition
    if whole.codes == claim.codes and claim.names_reference:
        return edition.share(claim.codes[0], claim.year)  # 20,0% van alle plaatsen … in Vlaams Gewest
    parts = [m for m in claim.mentions if m.kind == INDICATOR and m.end <= claim.number.start and m.codes != whole.codes]
    own = parts[-1].codes if parts else claim.reader.subject()
    return edition.proportion(own[0], whole.codes[0], claim.region, claim.year) if own else None


def _named_share(claim: Claim) -> Figure | _Undecided | None:
    """``een aandeel van 20,5% in de Vlaamse tewerkstelling``."""
    if SHARE_WORDS.search(claim.sentence) and claim.names_reference and claim.codes:
        return claim.reader.edition.share(claim.codes[0], claim.year)
    return UNDECIDED


def _typed_percentage(claim: Claim) -> Figure | _Undecided | None:
    """A percentage the workbook holds as such (``werkzaamheidsgraad``)."""
    if claim.codes and (figure := claim.reader.count(claim.codes, claim.region, claim.year)).unit == PERCENT:
        return figure
    return None


PERCENT_RULES: tuple[Rule, ...] = (_between_years, _evolution, _of_something, _named_share, _typed_percentage)


def _percent(claim: Claim) -> Figure | None:
    for rule in PERCENT_RULES:
        found = rule(claim)
        if not isinstance(found, _Undecided):
            return found
    return None  # pragma: no cover (the last rule always decides)


def _whole(mentions: tuple[Mention, ...], start: int) -> Mention | None:
    """What a percentage is taken of, named right after ``van``: an indicator (past a region's adjective:
    ``van alle West-Vlaamse loontrekkenden``), or a region."""
    near = [m for m in mentions if start <= m.start <= start + 25]
    if len(near) >= 2 and near[0].kind == REGION and near[1].kind == INDICATOR and near[1].start - near[0].end <= 2:
        return near[1]
    return near[0] if near else None


# Verdicts -----------------------------------------------------------------------------------------------

def _rounded(value: float, number: Number) -> float:
    """The workbook's value rounded as the text rounds it (``20%`` is compared with 20,04 rounded to 20)."""
    return round_half_up(value, number.decimals) if value >= 0 else -round_half_up(-value, number.decimals)


def _as_written(claim: Claim, figure: Figure) -> float:
    """The number as the text means it: ``een daling met 17,0%`` is −17,0 (the word gives the sign)."""
    number = claim.number
    if number.signed:
        return number.value
    if figure.unit != EVOLUTION:
        return abs(number.value)
    words = [m.group(0).casefold() for m in CHANGE_WORDS.finditer(claim.before)]
    falling = words[-1] in FALLING if words else figure.value < 0
    return -abs(number.value) if falling else abs(number.value)


def judged(claim: Claim, figure: Figure | None) -> Finding:
    """The number against the figure its words mean."""
    if figure is None:
        return unknown(claim.sentence, claim.number.text, NOT_SAID)
    period = f"{figure.since}–{figure.year}" if figure.since and figure.since != figure.year else str(figure.year)
    meaning = f"{figure.label}, {figure.region} {period}"
    if not figure.known:
        return unknown(claim.sentence, claim.number.text, f"{meaning}: {figure.why}")
    if figure.unit == COUNT:
        claim.reader.recent.append(figure)
    right = _rounded(figure.value, claim.number) == _as_written(claim, figure)
    return Finding(claim.sentence, claim.number.text, RIGHT if right else WRONG, _printed(figure, claim.number),
                   figure.source, meaning)


def _printed(figure: Figure, number: Number) -> str:
    """The workbook's value as the text would print it: the publication's rounding, or the text's if finer."""
    if number.decimals <= (0 if figure.unit == COUNT else 1):
        return figure.printed
    sign = "-" if figure.value < 0 else "+" if figure.unit == EVOLUTION and figure.value > 0 else ""
    return sign + fixed(abs(figure.value), number.decimals) + ("%" if figure.unit in (PERCENT, EVOLUTION) else "")
