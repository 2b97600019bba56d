"""The check of a press text against the workbook: every figure and every comparative phrase judged.

As Cornell's AggChecker and Inria's StatCheck do, each claim is read with the words around it —
the indicator, region and year named nearest to it (:mod:`.mentions`) — and translated into one
figure of the catalogue (:class:`catalogue.Edition`), which is then compared with the claim as
printed, rounding as printed. Ours is smaller and exact: the catalogue knows every figure.

A claim is ``klopt`` (with where the figure stands), ``wijkt af`` (with the workbook's figure as
it would be printed) or ``niet in de werkmap``. A figure the workbook cannot give is never called
right: a number whose meaning the words leave open, or whose figure the workbook lacks, is
``niet in de werkmap``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from . import wording
from .catalogue import COUNT, EVOLUTION, PERCENT, Edition, Figure, printed
from .mentions import INDICATOR, PREVIOUS_YEAR, REGION, YEAR, Mention, Vocabulary, masked

RIGHT, WRONG, UNKNOWN = "klopt", "wijkt af", "niet in de werkmap"
NUMBER = re.compile(r"(?<![\w.,])(?P<sign>[+\-−])?(?P<digits>\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?|\d+[.,]\d{1,2}(?!\d)|"
                    r"\d+(?:,\d+)?)"
                    r"(?![\w]|[.,]\d)(?P<percent>\s?%|\s?procent\b)?")
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
POINTING_BACK = re.compile(r"\s*(?:dat|dit|die|deze|het\s+verschil|daarvan|van\s+(?:hen|deze))\b", re.I)
BACK = re.compile(r"\b(?:die|deze|dit|dat|van\s+deze)\s+$", re.I)
BULLETS = "•*–·\uf0b7"
"""How lists are marked: in Markdown, in Word, and as a PDF's Symbol font gives the bullet to pdftotext."""
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÝÉ•(‘'“0-9])")


@dataclass(frozen=True)
class Finding:
    """One figure or phrase of the text, judged."""

    sentence: str
    text: str
    verdict: str
    workbook: str | None
    """The workbook's value as it would be printed; None where the workbook cannot say."""
    place: str | None
    """Where the figure stands in the workbook (a cell, or how it is computed from which cells)."""
    meaning: str = ""
    """What the claim was read as (indicator, region, year), or why it could not be checked."""

    def as_json(self) -> dict[str, str | None]:
        return {"zin": self.sentence, "tekst": self.text, "oordeel": self.verdict, "werkmap": self.workbook,
                "plaats": self.place, "uitleg": self.meaning}


def paragraphs(text: str) -> list[str]:
    """A text as paragraphs: blank lines apart, bullets apart, lines joined (a word broken by a hyphen
    at a line end stays hyphenated: ``niet-`` / ``werkende``)."""
    found: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.strip().lstrip("#").strip()
        if not line or re.fullmatch(r"\|?\s*\d+\s*", line):
            found.append([])
            continue
        if line[0] in BULLETS or line.startswith("- "):
            found.append([])
            line = line.lstrip(BULLETS + "- ").strip()
        found[-1].append(line)
    joined = []
    for lines in found:
        text = ""
        for line in lines:
            text += line if text.endswith("-") or not text else " " + line
        if text:
            joined.append(re.sub(r"[ \t\r\n\f\v]+", " ", text))  # not str.split: a no-break space in 52 790 stays
    return joined


def sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE_END.split(paragraph) if s.strip()]


@dataclass
class _Reader:
    """What the text has said so far: the year it speaks of, and the figures it named (most recent last).

    A sentence that names no year speaks of the text's year (the first it names, in its title), or of the
    previous sentence's when it points back to it (``Dat is …``); so a comparison with 2014 in one sentence
    does not move the next one to 2014, also where a PDF's paragraphs run together."""

    edition: Edition
    vocabulary: Vocabulary
    document_year: int | None = None
    previous_year: int | None = None
    pointing_back: bool = False
    recent: list[Figure] = field(default_factory=list)

    @property
    def year(self) -> int:
        back = self.previous_year if self.pointing_back else None
        return back or self.document_year or self.edition.settings.report_year


def check(text: str, edition: Edition) -> list[Finding]:
    """Every figure and comparative phrase of ``text``, in reading order, judged against the workbook."""
    reader = _Reader(edition, Vocabulary(edition))
    findings: list[Finding] = []
    for paragraph in paragraphs(text):
        reader.previous_year = None
        for sentence in sentences(paragraph):
            reader.pointing_back = bool(POINTING_BACK.match(sentence))
            findings += _sentence(sentence, reader)
    return findings


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    text: str
    value: float
    decimals: int
    percent: bool
    signed: bool


def _numbers(sentence: str, taken: Sequence[tuple[int, int]]) -> Iterator[_Number]:
    """The numbers of a sentence that may be figures: not a year, a date, an age, a name, a rung's number."""
    blank = masked(sentence)
    for match in NUMBER.finditer(blank):
        if any(start <= match.start() < end for start, end in taken):
            continue
        digits = match["digits"]
        if "," not in digits and "." not in digits and len(digits) == 4 and 1990 <= int(digits) <= 2100 and not match["percent"]:
            continue  # a year
        value = _value(digits)
        if match["sign"] in ("-", "−"):
            value = -value
        decimals = len(re.split(r"[.,]", digits)[-1]) if re.search(r"[.,]\d{1,2}$", digits) else 0
        yield _Number(match.start(), match.end(), sentence[match.start():match.end()].strip(), value, decimals,
                      bool(match["percent"]), bool(match["sign"]))


def _value(digits: str) -> float:
    """``52.790`` and ``52 790`` (no-break spaces) are thousands; ``12,0`` and, as English writes it, ``12.0`` a decimal."""
    grouped = re.sub(r"[.\u00a0\u202f](?=\d{3}(?:\D|$))", "", digits)
    return float(grouped.replace(",", "."))


def _sentence(sentence: str, reader: _Reader) -> list[Finding]:
    mentions = reader.vocabulary.find(sentence)
    years = [m for m in mentions if m.kind == YEAR]
    data_years = [m.year for m in years if not m.comparison]
    if reader.document_year is None and data_years:
        reader.document_year = data_years[0]
    phrases = list(_phrases(sentence))
    taken = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in phrases]
    items: list[_Number | _Phrase] = [*_numbers(sentence, taken), *phrases]
    findings = []
    for item in sorted(items, key=lambda item: item.start):  # in reading order: a phrase reads the figures before it
        if isinstance(item, _Number):
            findings.append(_number(sentence, item, mentions, reader))
        else:
            findings.append(_phrase(sentence, item.start, item.end, item.kind, mentions, reader))
    reader.previous_year = data_years[-1] if data_years else reader.year
    return findings


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    kind: str


def _phrases(sentence: str) -> Iterator[_Phrase]:
    for kind, pattern in (("één op", wording.ONE_IN), ("méér", wording.FRACTION_MORE), ("keer", wording.TIMES),
                          ("na evenveel", wording.FEW_APART), ("status quo", wording.SAME)):
        for match in pattern.finditer(sentence):
            yield _Phrase(match.start(), match.end(), kind)


# Numbers ------------------------------------------------------------------------------------------------

def _nearest(mentions: Sequence[Mention], kind: str, start: int, end: int, *, before_only: bool = False) -> Mention | None:
    """The mention of ``kind`` nearest to the span (before it, or after it unless ``before_only``)."""
    def distance(m: Mention) -> int:
        return start - m.end if m.end <= start else (m.start - end if not before_only else 10**9)
    found = [m for m in mentions if m.kind == kind and (m.end <= start or m.start >= end)]
    best = min(found, key=distance, default=None)
    return best if best is not None and distance(best) < 10**9 else None


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence a number stands in: between semicolons, brackets or the sentence's ends."""
    left = max((sentence.rfind(mark, 0, start) for mark in ";()"), default=-1) + 1
    right = min((at for mark in ";()" if (at := sentence.find(mark, end)) >= 0), default=len(sentence))
    return left, right


def _year_of(sentence: str, number: _Number, mentions: Sequence[Mention], reader: _Reader) -> tuple[int, int | None]:
    """The year a number speaks of, and the year it is compared with (if the sentence names one)."""
    compared = next((m.year for m in mentions if m.kind == YEAR and m.comparison), None)
    if compared is None and PREVIOUS_YEAR.search(sentence):
        compared = reader.year - 1
    years = [m for m in mentions if m.kind == YEAR and not m.comparison]
    own = reader.year
    before = sentence[:number.start]
    following = re.match(r"\s*in\s+(\d{4})\b", sentence[number.end:])
    if re.search(r"\bvan\s+$", before) and re.match(r"\s*(?:in\s+\d{4}\s+)?naar\b", sentence[number.end:]):
        return (int(following.group(1)) if following else compared or own), compared
    right_after = next((m for m in mentions if m.kind == YEAR and re.fullmatch(r"\s*\(?\s*", sentence[m.end:number.start])),
                       None)
    if right_after is not None:
        return right_after.year, compared
    if re.search(r"\bnaar\s+$", before):
        return (int(following.group(1)) if following else own), compared
    nearest = _nearest(years, YEAR, number.start, number.end, before_only=True) or _nearest(years, YEAR, number.start,
                                                                                                    number.end)
    return (nearest.year if nearest else own), compared


def _number(sentence: str, number: _Number, mentions: Sequence[Mention], reader: _Reader) -> Finding:
    edition, s = reader.edition, reader.edition.settings
    year, compared = _year_of(sentence, number, mentions, reader)
    clause = _clause(sentence, number.start, number.end)
    near = [m for m in mentions if clause[0] <= m.start and m.end <= clause[1]]
    region_at = _nearest(near, REGION, number.start, number.end) or _nearest(mentions, REGION, number.start, number.end)
    region = region_at.region if region_at else s.focus
    indicators = [m for m in mentions if m.kind == INDICATOR]
    indicator = _nearest(near, INDICATOR, number.start, number.end) or _nearest(indicators, INDICATOR, number.start,
                                                                                   number.end)
    before, after = sentence[:number.start], sentence[number.end:]
    figure: Figure | None
    if number.percent:
        figure = _percent(sentence, number, mentions, indicator, region, year, compared, reader)
    elif DIFFERENCE.search(before):
        figure = _difference(reader)
    elif (rise := RISE_OR_FALL.search(before)) is not None and compared is not None:
        figure = _change_in_people(rise["word"], indicator, region, year, compared, reader)
    else:
        counted = _counted(after, indicators, number)
        if counted is False:
            return _unknown(sentence, number.text, "telt iets wat de werkmap niet kent")
        if BACK.search(before) or indicator is None:
            same = next((f for f in reversed(reader.recent) if _same(f, number)), None)
            if same is not None:
                return _judged(sentence, number, same, reader)
        mention = counted if isinstance(counted, Mention) else indicator
        codes = mention.codes if mention else (reader.recent[-1].codes[:1] if reader.recent else ())
        if not codes:
            return _unknown(sentence, number.text, "de zin zegt niet welk cijfer het is")
        figure = _count(edition, codes, region, year)
    if figure is None:
        return _unknown(sentence, number.text, "de zin zegt niet welk cijfer het is")
    return _judged(sentence, number, figure, reader)


def _counted(after: str, indicators: Sequence[Mention], number: _Number) -> Mention | bool | None:
    """What the words after a count say it counts: an indicator named there (``8.546 op trede 4``, ``510 in de
    sector …``), nothing more than people (None: ``personen``, a function word), or something the workbook does
    not know (False: ``8 maatwerkbedrijven``, ``781 VTE``)."""
    after = re.sub(r"^\s*van\s+de\s+\d+", "", after)  # 8 van de 24 maatwerkbedrijven
    words = re.match(r"\s*(?:(?:personen|persoon|mensen)\s+)?(?:(?:op|in|bij|uit|van)\s+)?(?:(?:de|het|een)\s+)?", after)
    start = number.end + (words.end() if words else 0)
    named = next((m for m in indicators if m.start == start), None)
    if named is not None:
        return named
    word = re.match(r"\s*([^\W\d][\w-]*)", after)
    if word is None or word.group(1).casefold() in FUNCTION_WORDS | UNITS:
        return None
    return False


def _same(figure: Figure, number: _Number) -> bool:
    return figure.unit == COUNT and not number.percent and _shown(figure.value, number) == number.value


def _count(edition: Edition, codes: tuple[str, ...], region: str, year: int) -> Figure:
    """An indicator's figure (the first of its codes with one), or the sum of several (``trede 3 en 4``)."""
    if len(codes) > 1 and all(code.startswith("trede") for code in codes):
        return edition.summed(codes, region, year)
    found = [edition.count(code, region, year) for code in codes]
    return next((f for f in found if f.known), found[0])


def _difference(reader: _Reader) -> Figure | None:
    """``Het verschil bedraagt …``: between the last two figures the text named (of different things)."""
    last = reader.recent[-1:] and reader.recent[-1]
    if not last:
        return None
    other = next((f for f in reversed(reader.recent[:-1]) if f.codes != last.codes), None)
    if other is None:
        return None
    larger, smaller = (last, other) if last.value >= other.value else (other, last)
    return reader.edition.difference(larger, smaller)


def _change_in_people(word: str, indicator: Mention | None, region: str, year: int, compared: int,
                      reader: _Reader) -> Figure | None:
    """``een daling met 4.512 personen`` (tegenover 2018): the difference, which must go the way the word says."""
    codes = indicator.codes if indicator else (reader.recent[-1].codes[:1] if reader.recent else ())
    if not codes:
        return None
    new, old = _count(reader.edition, codes, region, year), _count(reader.edition, codes, region, compared)
    difference = reader.edition.difference(new, old)
    rising = word.casefold() in ("stijging", "toename")
    if difference.known and (difference.value > 0) != rising and difference.value != 0:
        return Figure(difference.kind, difference.codes, difference.label, region, year, COUNT, difference.value,
                      difference.source, since=compared)  # the sign shows the other way: wijkt af
    return Figure(difference.kind, difference.codes, difference.label, region, year, COUNT, abs(difference.value),
                  difference.source, since=compared, why=difference.why) if difference.known else difference


def _percent(sentence: str, number: _Number, mentions: Sequence[Mention], indicator: Mention | None, region: str,
             year: int, compared: int | None, reader: _Reader) -> Figure | None:
    """Which percentage is meant: a share of the reference, an evolution, one figure in % of another, a
    region in % of the focus, or a percentage the workbook holds as such."""
    edition, s = reader.edition, reader.edition.settings
    before, after = sentence[:number.start], sentence[number.end:]
    regions = [m for m in mentions if m.kind == REGION]
    names_reference = any(m.region == s.reference for m in regions)
    codes = indicator.codes if indicator else (reader.recent[-1].codes[:1] if reader.recent else ())
    of = re.match(r"\s*\)?\s*van\s+(?:alle|al\s+de|de|het|hun)?\s*", after)
    if ((re.search(r"\bvan\s+$", before) and re.match(r"\s*(?:in\s+\d{4}\s+)?naar\b", after)) or re.search(
            r"\bnaar\s+$", before)) and (SHARE_WORDS.search(sentence) or names_reference):
        return edition.share(codes[0], year) if codes else None
    if (number.signed or CHANGE_WORDS.search(sentence)) and codes:
        return edition.evolution(codes[0], region, compared or s.base_year, year)
    if of is not None:
        whole = _whole(mentions, number.end + of.end())
        if whole is None:
            return None  # 86,9% van dit aantal, 23,8% van hun uren: of something the workbook does not know
        if (whole.kind == REGION and whole.region == s.reference) or (whole.kind == REGION and re.match(
                r"\s*totaal", sentence[whole.end:])):
            return edition.share(codes[0], year) if codes else None
        if whole.kind == REGION and whole.region == s.focus:
            part = _nearest(regions, REGION, number.start, number.end, before_only=True)
            return edition.part(codes[0], part.region, s.focus, year) if part and codes else None
        if whole.kind == INDICATOR and whole.codes == codes and names_reference:
            return edition.share(codes[0], year)  # 20,0% van alle plaatsen … in Vlaams Gewest
        if whole.kind == INDICATOR:
            parts = [m for m in mentions if m.kind == INDICATOR and m.end <= number.start and m.codes != whole.codes]
            own = parts[-1].codes if parts else (reader.recent[-1].codes if reader.recent else ())
            return edition.proportion(own[0], whole.codes[0], region, year) if own else None
        return None
    if SHARE_WORDS.search(sentence) and names_reference and codes:
        return edition.share(codes[0], year)
    if codes and (figure := _count(edition, codes, region, year)).unit == PERCENT:
        return figure
    return None


def _whole(mentions: Sequence[Mention], start: int) -> Mention | None:
    """What a percentage is taken of, named right after ``van``: an indicator (past a region's adjective:
    ``van alle West-Vlaamse loontrekkenden``), or a region."""
    near = [m for m in mentions if start <= m.start <= start + 25]
    if len(near) >= 2 and near[0].kind == REGION and near[1].kind == INDICATOR and near[1].start - near[0].end <= 2:
        return near[1]
    return near[0] if near else None


def _shown(value: float, number: _Number) -> float:
    """The workbook's value rounded as the text rounds it (``20%`` is compared with 20,04 rounded to 20)."""
    from .values import round_half_up

    return round_half_up(value, number.decimals) if value >= 0 else -round_half_up(-value, number.decimals)


def _judged(sentence: str, number: _Number, figure: Figure, reader: _Reader) -> Finding:
    period = f"{figure.since}–{figure.year}" if figure.since and figure.since != figure.year else str(figure.year)
    meaning = f"{figure.label}, {figure.region} {period}"
    if not figure.known:
        return Finding(sentence, number.text, UNKNOWN, None, None, f"{meaning}: {figure.why}")
    if figure.unit == COUNT:
        reader.recent.append(figure)
    value = abs(number.value) if figure.unit != EVOLUTION and not number.signed else number.value
    if figure.unit == EVOLUTION and not number.signed:  # een daling met 17,0%: the word gives the sign
        words = [m.group(0).casefold() for m in CHANGE_WORDS.finditer(sentence[:number.start])]
        falling = bool(words) and words[-1] in FALLING
        value = -abs(number.value) if falling or (not words and figure.value < 0) else abs(number.value)
    right = _shown(figure.value, number) == value
    return Finding(sentence, number.text, RIGHT if right else WRONG, _printed(figure, number), figure.source, meaning)


def _printed(figure: Figure, number: _Number) -> str:
    """The workbook's value as the text would print it: the publication's rounding, or the text's if finer."""
    if number.decimals > (0 if figure.unit == COUNT else 1):
        digits = number.decimals
        from .values import fixed

        shown = fixed(abs(figure.value), digits)
        sign = "-" if figure.value < 0 else "+" if figure.unit == EVOLUTION and figure.value > 0 else ""
        return sign + shown + ("%" if figure.unit in (PERCENT, EVOLUTION) else "")
    return figure.printed


def _unknown(sentence: str, text: str, why: str) -> Finding:
    return Finding(sentence, text, UNKNOWN, None, None, why)


# Phrases ------------------------------------------------------------------------------------------------

def _phrase(sentence: str, start: int, end: int, kind: str, mentions: Sequence[Mention], reader: _Reader) -> Finding:
    text = sentence[start:end]
    if kind == "één op":
        return _one_in(sentence, text, end, mentions, reader)
    if kind in ("méér", "keer"):
        return _more(sentence, text, kind, end, mentions, reader)
    return _equal(sentence, text, kind, mentions, reader)


def _one_in(sentence: str, text: str, end: int, mentions: Sequence[Mention], reader: _Reader) -> Finding:
    match = wording.ONE_IN.fullmatch(text)
    assert match is not None
    n = wording.read_number(match["n"])
    qualifier = (match["q"] or "").casefold()
    s = reader.edition.settings
    clause = re.split(r"[,;.:]|\ben\b", sentence[end:], maxsplit=1)[0]
    later = [m for m in mentions if m.kind == INDICATOR and end <= m.start < end + len(clause)]
    region_at = _nearest(mentions, REGION, end, end)
    region = region_at.region if region_at else s.focus
    whole_at = next((m for m in mentions if m.kind == INDICATOR and re.search(
        r"\bvan\s+(?:alle|al\s+de|de|het)?\s*(?:[\w-]+\s+)?$", sentence[:m.start])), None)
    part: Figure | None = None
    whole: Figure | None = None
    if whole_at is not None:
        whole = _count(reader.edition, whole_at.codes, region, reader.year)
    named = [m for m in later if m is not whole_at]
    if named:
        part = _count(reader.edition, named[0].codes, region, reader.year)
    elif re.sub(r"\b(?:personen|mensen|van\s+(?:hen|alle\s+\w+|de\s+\w+)|in\s+[\w-]+)\b", "", clause).strip(" ()"):
        return _unknown(sentence, text, "de zin zegt niet van welk cijfer dit een deel is")
    else:
        part = next((f for f in reversed(reader.recent) if whole is None or f.codes != whole.codes), None)
    if whole is None and part is not None:
        whole = next((f for f in reversed(reader.recent) if f.known and part.known and f.value > part.value), None)
    if part is None or whole is None or n is None or not part.known or not whole.known:
        why = (part.why if part is not None and not part.known else whole.why if whole is not None and not whole.known
               else "de zin zegt niet van welke cijfers")
        return _unknown(sentence, text, why)
    right = wording.one_in_holds(qualifier, n, part.value, whole.value)
    words = wording.one_in(part.value, whole.value) or ""
    pct = printed(part.value / whole.value * 100, PERCENT)
    return Finding(sentence, text, RIGHT if right else WRONG, f"{words} ({pct})".strip(), f"{_place(part)} ÷ {_place(whole)}",
                   f"{part.label} in verhouding tot {whole.label.lower()}, {part.region} {part.year}")


def _more(sentence: str, text: str, kind: str, end: int, mentions: Sequence[Mention], reader: _Reader) -> Finding:
    pattern = wording.FRACTION_MORE if kind == "méér" else wording.TIMES
    match = pattern.fullmatch(text)
    assert match is not None
    qualifier = (match["q"] or "").casefold()
    named = [m for m in mentions if m.kind == INDICATOR and m.start >= end]
    region = reader.edition.settings.focus
    if len(named) >= 2:
        larger, smaller = (_count(reader.edition, m.codes, region, reader.year) for m in named[:2])
    elif len(reader.recent) >= 2:
        last, other = reader.recent[-1], next((f for f in reversed(reader.recent[:-1]) if f.codes != reader.recent[-1].codes),
                                              reader.recent[-2])
        larger, smaller = (last, other) if last.value >= other.value else (other, last)
    else:
        return _unknown(sentence, text, "de zin zegt niet welke cijfers vergeleken worden")
    if not (larger.known and smaller.known):
        return _unknown(sentence, text, larger.why if not larger.known else smaller.why)
    if kind == "méér":
        right = wording.fraction_holds(qualifier, match["f"].casefold(), larger.value, smaller.value)
    else:
        right = wording.times_holds(qualifier, wording.read_number(match["n"]) or 0, larger.value, smaller.value)
    words = wording.more(larger.value, smaller.value) or ""
    pct = printed((larger.value / smaller.value - 1) * 100, PERCENT)
    return Finding(sentence, text, RIGHT if right else WRONG, f"{words} ({pct} méér)", f"{_place(larger)} ÷ {_place(smaller)}",
                   f"{larger.label} tegenover {smaller.label.lower()}, {larger.region} {larger.year}")


def _equal(sentence: str, text: str, kind: str, mentions: Sequence[Mention], reader: _Reader) -> Finding:
    compared = next((m.year for m in mentions if m.kind == YEAR and m.comparison), None)
    if compared is None and PREVIOUS_YEAR.search(sentence):
        compared = reader.year - 1
    if compared is None or not reader.recent:
        return _unknown(sentence, text, "de zin zegt niet met welk jaar")
    last = reader.recent[-1]
    old = _count(reader.edition, last.codes, last.region, compared)
    new = _count(reader.edition, last.codes, last.region, last.year if last.year != compared else reader.year)
    if not (old.known and new.known):
        return _unknown(sentence, text, old.why if not old.known else new.why)
    if kind == "status quo":
        right = wording.status_quo_holds(old.value, new.value)
    else:
        match = wording.FEW_APART.search(text)
        right = match is not None and wording.few_apart_holds(wording.read_number(match["n"]) or -1, old.value, new.value)
    words = wording.compared(old.value, new.value).text
    return Finding(sentence, text, RIGHT if right else WRONG, f"{words} ({new.printed} tegenover {old.printed})",
                   f"{_place(new)} − {_place(old)}", f"{new.label}, {new.region} {compared}–{new.year}")


def _place(figure: Figure) -> str:
    return figure.source or figure.label


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    """How many claims of each verdict."""
    return {verdict: sum(f.verdict == verdict for f in findings) for verdict in (RIGHT, WRONG, UNKNOWN)}





def report(findings: Sequence[Finding]) -> list[str]:
    """The findings as a Dutch report for the terminal: each sentence once, its claims under it, then the count."""
    lines: list[str] = []
    sentence = None
    for finding in findings:
        if finding.sentence != sentence:
            sentence = finding.sentence
            shown = sentence if len(sentence) <= 110 else sentence[:107] + "…"
            lines += ["", f"„{shown}”"]
        if finding.verdict == RIGHT:
            detail = f"{finding.meaning}; {finding.place}"
        elif finding.verdict == WRONG:
            detail = f"werkmap: {finding.workbook} ({finding.meaning}; {finding.place})"
        else:
            detail = finding.meaning
        lines.append(f"  {finding.verdict:<18}  {finding.text:<24}  {detail}")
    counts = summary(findings)
    lines += ["", f"Samen: {counts[RIGHT]} klopt, {counts[WRONG]} wijkt af, {counts[UNKNOWN]} niet in de werkmap."]
    return lines
