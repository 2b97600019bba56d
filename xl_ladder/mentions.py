"""What a sentence of a press text names: regions, years, indicators, and the spans that hold no figure.

The check of a press text (:mod:`.press_check`) finds the figure a number means by the words
around it, as a reader does: the indicator, the region and the year named nearest to it. The
words come from two places: the publication's own vocabulary (``langdurig zieken`` and
``invaliden`` are the same people; ``tewerkstellings- en participatieplaatsen`` are the places on
treden 5+4+3) and the workbook itself (its region names, the labels of its measures, context rows
and sectors), so a text about another region or measure is read with that region's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import codes, wording
from .catalogue import LONG_TERM_SICK, TOTAL, Edition, rung_code
from .context import KNOWN
from .headline import readable

REGION, YEAR, INDICATOR = "regio", "jaar", "indicator"
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
FIRST_YEAR, LAST_YEAR = 1990, 2100
"""A four-digit number in these years is a year, not a figure."""
OTHER_REGIONS = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen", "Brussel",
                 "Brussels Hoofdstedelijk Gewest", "Wallonië", "Waals Gewest", "België", "Vlaams Gewest")
"""Regions a text may name that the workbook may lack: a figure of Oost-Vlaanderen is then one the workbook
cannot give (never compared with the focus region's)."""
VOCABULARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"tewerkstellings-\s*en(?:/of)?\s*participatie(?:plaatsen|plaats|maatregelen|maatregel)", (TOTAL,)),
    (r"tewerkstelling\s+en\s+participatie", (TOTAL,)),
    (r"participatieplaatsen|participatieplaats|plaatsen", (TOTAL,)),
    (r"kansengroepen|kansengroep", (TOTAL,)),
    (r"loontrekkenden|bezoldigde\s+tewerkstelling", ("loontrekkenden",)),
    (r"niet[- ]werkende\s+werkzoekenden|werkzoekenden\s+zonder\s+werk|wzw|werkzoekenden", ("wzw", "nwwz")),
    (r"werklozen", ("nwwz", "wzw", "werklozen")),
    (r"langdurig(?:\s*\([^()]*\))?\s*zieken|langdurig(?:\s*\([^()]*\))?\s*ziek|invaliden", (LONG_TERM_SICK,)),
    (r"niet-beroepsactieven", ("niet_beroepsactieven",)),
    (r"potentiële\s+beroepsbevolking|bevolking\s+op\s+arbeidsleeftijd", ("bevolking_18_64",)),
    (r"werkzaamheidsgraad", ("werkzaamheidsgraad",)),
    (r"werkloosheidsgraad", ("werkloosheidsgraad",)),
)
"""The publication's words for its indicators (case aside), and the codes they stand for, the first
code with a figure counting (the 2018 text's niet-werkende werkzoekenden are the 2020 infographic's wzw)."""
RUNGS = re.compile(r"\btrede(?:n)?\s+(?P<list>\d(?:\s*(?:,|\+|en|t/m)\s*\d(?!\d|[.,]\d))*)\b", re.I)
NOT_FIGURES = (
    r"(?:https?://|www\.)\S+",
    rf"\b\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}\b",
    rf"\b(?:{MONTHS})\s+\d{{4}}\b",
    r"\b\d{2}\s*(?:-|tot|en)\s*\d{2}\s*(?:jaar|jarigen|jarige)\b",
    r"\b(?:van|tussen)\s+\d{2}\s+(?:tot|en)\s+\d{2}\b",
    r"\b(?:bevolking|werkenden|werklozen|werkzaamheidsgraad)\s+\d{2}-\d{2}\b",
    r"\b\d{1,2}\s+(?:jaar|maanden|weken)\b",
    r"^\s*\|\s*\d+\s*$",
    r"\b[A-Za-z]+-\d+\b",
)
"""Numbers that are no figure: web addresses, dates, ages (18-64), durations (twee jaar), page numbers,
names with a number (COVID-19)."""
COMPARISON = re.compile(r"\b(?:tegenover|in\s+vergelijking\s+met|vergeleken\s+met|ten\s+opzichte\s+van|t\.o\.v\.|"
                        r"als\s+in|dan\s+in|sinds|vanaf)\s+(?:het\s+jaar\s+)?$", re.I)
PREVIOUS_YEAR = re.compile(r"\b(?:het\s+jaar\s+(?:voordien|ervoor|daarvoor)|vorig\s+jaar)\b", re.I)


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: where it stands and what it stands for."""

    start: int
    end: int
    kind: str
    codes: tuple[str, ...] = ()
    """An indicator's codes (several for a sum: ``trede 3 en 4``), or a region's name as its only code."""
    year: int = 0
    comparison: bool = False
    """A year something is compared with (``tegenover 2014``), not the year of the figures around it."""

    @property
    def region(self) -> str:
        return self.codes[0]


class Vocabulary:
    """The words of one workbook: its regions and indicators, as patterns."""

    def __init__(self, edition: Edition) -> None:
        s = edition.settings
        self.focus, self.reference = s.focus, s.reference
        self.counted = set(edition.ladder.rung_rows)
        regions = dict.fromkeys([s.focus, s.reference, *edition.ladder.table.regions, *s.parts,
                                 *([r for r, _ in edition.context.indicators.columns] if edition.context.indicators else []),
                                 *OTHER_REGIONS])
        self.regions = [(pattern, region) for region in regions for pattern in _region_words(region, s.reference)]
        self.indicators = [(re.compile(rf"(?<![\w-]){pattern}(?![\w-])", re.I), found) for pattern, found in VOCABULARY]
        self.indicators += [(re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", re.I), (code,))
                            for words, code in _workbook_words(edition)]

    def find(self, sentence: str) -> list[Mention]:
        """Every region, year and indicator named in ``sentence``, the longest name winning where names overlap."""
        found = [Mention(m.start(), m.end(), INDICATOR, self._rungs(m["list"])) for m in RUNGS.finditer(sentence)]
        for pattern, region in self.regions:
            found += [Mention(m.start(), m.end(), REGION, (region,)) for m in pattern.finditer(sentence)]
        for pattern, meant in self.indicators:
            found += [Mention(m.start(), m.end(), INDICATOR, meant) for m in pattern.finditer(sentence)]
        for match in re.finditer(r"(?<![\d.,])(\d{4})(?!\d|[.,]\d|\s*%)", sentence):
            year = int(match.group(1))
            if FIRST_YEAR <= year <= LAST_YEAR:
                compared = bool(COMPARISON.search(sentence[:match.start()]))
                found.append(Mention(match.start(), match.end(), YEAR, year=year, comparison=compared))
        return _without_overlaps(found)

    def _rungs(self, listed: str) -> tuple[str, ...]:
        numbers = [int(n) for n in re.findall(r"\d", listed)]
        if "t/m" in listed and len(numbers) == 2:
            numbers = list(range(min(numbers), max(numbers) + 1))
        if set(numbers) == self.counted:
            return (TOTAL,)
        return tuple(rung_code(n) for n in dict.fromkeys(numbers))


def _region_words(region: str, reference: str) -> list[re.Pattern[str]]:
    """A region's name as a text writes it: the name, and the adjective of a ``…Vlaanderen`` or of the
    reference region (``West-Vlaamse``; ``Vlaamse`` and ``Vlaanderen`` for the Vlaams Gewest)."""
    words = [re.escape(region)]
    if region.endswith("Vlaanderen"):
        words.append(re.escape(region[: -len("Vlaanderen")]) + r"Vlaamse")
    if region == reference and region.casefold().startswith("vlaams"):
        words += ["Vlaanderen", "Vlaamse", "Vlaams"]
    return [re.compile(rf"(?<![\w-]){word}(?![\w-])", re.I) for word in words]


def _workbook_words(edition: Edition) -> Iterable[tuple[str, str]]:
    """The workbook's own names for its measures, context rows and sectors."""
    yield from _measure_words(edition)
    yield from _context_words(edition)
    yield from _sector_words(edition)


def _measure_words(edition: Edition) -> Iterable[tuple[str, str]]:
    for row in edition.ladder.table.rows:
        label = readable(row.label or "").lstrip("- ").strip()
        if row.code and len(label) >= 3 and not (label.isupper() and " " in label):  # TREDE 5 - …: a rung, see RUNGS
            yield from ((words, row.code) for words in _names(label))


def _context_words(edition: Edition) -> Iterable[tuple[str, str]]:
    indicators = edition.context.indicators
    own = {codes.key(code) for code in KNOWN}
    for code, label in zip(indicators.keys, indicators.labels, strict=True) if indicators else ():
        if codes.key(code) not in own and len(short := _bare(label)) >= 6:
            yield short, code


def _sector_words(edition: Edition) -> Iterable[tuple[str, str]]:
    sectors = edition.context.sectors
    for key, label in zip(sectors.keys, sectors.labels, strict=True) if sectors else ():
        yield from ((words, key) for words in wording.sector_names(label))


def _bare(label: str) -> str:
    """A label without what stands between brackets."""
    return re.sub(r"\s*\([^()]*\)", "", label).strip()


def _names(label: str) -> list[str]:
    """A measure's names: its label, the label without brackets, the abbreviation in them (``Lokale
    diensteneconomie (LDE)``: also ``Lokale diensteneconomie`` and ``LDE``)."""
    bare = _bare(label)
    return [label, *([bare] if bare != label and len(bare) >= 3 else []), *re.findall(r"\(([A-Z]{2,})\)", label)]


def _without_overlaps(found: list[Mention]) -> list[Mention]:
    """The longest mention wins where two overlap; in sentence order."""
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start - m.end, m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def masked(sentence: str) -> str:
    """The sentence with every span that holds no figure blanked (same length: positions stay)."""
    for pattern in NOT_FIGURES:
        sentence = re.sub(pattern, lambda m: " " * len(m.group(0)), sentence, flags=re.I | re.M)
    return sentence

