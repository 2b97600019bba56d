"""A comparative phrase of a press text judged by the rules of :mod:`.wording`: "bijna één op acht",
"ruim de helft méér", "twee keer zoveel", "status quo", "op twee personen na evenveel".

A phrase compares two figures. They are the indicators the sentence names around the phrase (``méér
invaliden dan werklozen``; ``één op de vier is langdurig ziek``; ``één op tien van alle
loontrekkenden``), else the figures the text named last. A phrase whose figures the words leave open
(``één op de twee laaggeschoold``) is *niet in de werkmap*, never right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import wording
from .catalogue import PERCENT, Figure, printed
from .mentions import INDICATOR, REGION, Mention
from .press_text import RIGHT, WRONG, Finding, Phrase, Reader, compared_year, nearest, place, unknown

WHOLE_BEFORE = re.compile(r"\bvan\s+(?:alle|al\s+de|de|het)?\s*(?:[\w-]+\s+)?$")
ONLY_PEOPLE = re.compile(r"\b(?:personen|mensen|van\s+(?:hen|alle\s+\w+|de\s+\w+)|in\s+[\w-]+)\b")


@dataclass(frozen=True)
class _Said:
    """A phrase in its sentence."""

    sentence: str
    phrase: Phrase
    mentions: tuple[Mention, ...]
    reader: Reader

    @property
    def text(self) -> str:
        return self.sentence[self.phrase.start:self.phrase.end]

    def figure(self, mention: Mention) -> Figure:
        region = nearest(self.mentions, REGION, self.phrase.end, self.phrase.end)
        return self.reader.count(mention.codes, region.region if region else self.reader.edition.settings.focus,
                                 self.reader.year)

    def unknown(self, why: str) -> Finding:
        return unknown(self.sentence, self.text, why)

    def judged(self, right: bool, workbook: str, where: str, meaning: str) -> Finding:
        return Finding(self.sentence, self.text, RIGHT if right else WRONG, workbook, where, meaning)


def judge(sentence: str, phrase: Phrase, mentions: tuple[Mention, ...], reader: Reader) -> Finding:
    said = _Said(sentence, phrase, mentions, reader)
    if phrase.kind == "één op":
        return _one_in(said)
    if phrase.kind in ("méér", "keer"):
        return _more(said)
    return _equal(said)


def _one_in(said: _Said) -> Finding:
    match = wording.ONE_IN.fullmatch(said.text)
    n = wording.read_number(match["n"]) if match else None
    found = _part_and_whole(said)
    if isinstance(found, str) or n is None or match is None:
        return said.unknown(found if isinstance(found, str) else "de zin zegt niet van welke cijfers")
    part, whole = found
    right = wording.one_in_holds((match["q"] or "").casefold(), n, part.value, whole.value)
    words = wording.one_in(part.value, whole.value) or ""
    return said.judged(right, f"{words} ({printed(part.value / whole.value * 100, PERCENT)})".strip(),
                       f"{place(part)} ÷ {place(whole)}",
                       f"{part.label} in verhouding tot {whole.label.lower()}, {part.region} {part.year}")


def _part_and_whole(said: _Said) -> tuple[Figure, Figure] | str:
    """The two figures of "one in N": the part and the whole, both known; else why not."""
    whole_at = _whole_named(said)
    whole = said.figure(whole_at) if whole_at is not None else None
    part = _part(said, whole_at, whole)
    if isinstance(part, str):
        return part
    if whole is None and part is not None and part.known:  # één op de vier (van de niet-beroepsactieven named before)
        whole = next((f for f in reversed(said.reader.recent) if f.known and f.value > part.value), None)
    return _both_known(part, whole)


def _whole_named(said: _Said) -> Mention | None:
    """The whole as the sentence names it: ``van alle loontrekkenden``."""
    return next((m for m in said.mentions if m.kind == INDICATOR and WHOLE_BEFORE.search(said.sentence[:m.start])), None)


def _part(said: _Said, whole_at: Mention | None, whole: Figure | None) -> Figure | str | None:
    """The part of "one in N": named after the phrase (``is langdurig ziek``), else the figure named last; a
    phrase followed by words the workbook does not know (``laaggeschoold``) has none."""
    end = said.phrase.end
    clause = re.split(r"[,;.:]|\ben\b", said.sentence[end:], maxsplit=1)[0]
    named = [m for m in said.mentions if m.kind == INDICATOR and end <= m.start < end + len(clause) and m is not whole_at]
    if named:
        return said.figure(named[0])
    if ONLY_PEOPLE.sub("", clause).strip(" ()"):
        return "de zin zegt niet van welk cijfer dit een deel is"
    return next((f for f in reversed(said.reader.recent) if whole is None or f.codes != whole.codes), None)


def _both_known(first: Figure | None, second: Figure | None) -> tuple[Figure, Figure] | str:
    """Both figures, or why one is missing."""
    if first is None or second is None:
        return "de zin zegt niet van welke cijfers"
    lacking = next((f for f in (first, second) if not f.known), None)
    return lacking.why if lacking is not None else (first, second)


def _more(said: _Said) -> Finding:
    match = (wording.FRACTION_MORE if said.phrase.kind == "méér" else wording.TIMES).fullmatch(said.text)
    compared = _compared_pair(said)
    if isinstance(compared, str) or match is None:
        return said.unknown(compared if isinstance(compared, str) else "de zin zegt niet welke cijfers vergeleken worden")
    larger, smaller = compared
    qualifier = (match["q"] or "").casefold()
    if said.phrase.kind == "méér":
        right = wording.fraction_holds(qualifier, match["f"].casefold(), larger.value, smaller.value)
    else:
        right = wording.times_holds(qualifier, wording.read_number(match["n"]) or 0, larger.value, smaller.value)
    pct = printed((larger.value / smaller.value - 1) * 100, PERCENT)
    return said.judged(right, f"{wording.more(larger.value, smaller.value) or ''} ({pct} méér)",
                       f"{place(larger)} ÷ {place(smaller)}",
                       f"{larger.label} tegenover {smaller.label.lower()}, {larger.region} {larger.year}")


def _compared_pair(said: _Said) -> tuple[Figure, Figure] | str:
    """"X méér A dan B": A and B as the sentence names them after the phrase, else the last two figures named."""
    named = [m for m in said.mentions if m.kind == INDICATOR and m.start >= said.phrase.end]
    recent = said.reader.recent
    if len(named) >= 2:
        return _both_known(*(said.figure(m) for m in named[:2]))
    if len(recent) < 2:
        return "de zin zegt niet welke cijfers vergeleken worden"
    other = next((f for f in reversed(recent[:-1]) if f.codes != recent[-1].codes), recent[-2])
    larger, smaller = sorted((recent[-1], other), key=lambda f: f.value, reverse=True)
    return _both_known(larger, smaller)


def _equal(said: _Said) -> Finding:
    """"status quo", "op twee personen na evenveel": the last figure named against the year compared with."""
    compared = compared_year(said.sentence, said.mentions, said.reader)
    if compared is None or not said.reader.recent:
        return said.unknown("de zin zegt niet met welk jaar")
    last = said.reader.recent[-1]
    old = said.reader.count(last.codes, last.region, compared)
    new = said.reader.count(last.codes, last.region, last.year if last.year != compared else said.reader.year)
    lacking = next((f for f in (old, new) if not f.known), None)
    if lacking is not None:
        return said.unknown(lacking.why)
    if said.phrase.kind == "status quo":
        right = wording.status_quo_holds(old.value, new.value)
    else:
        match = wording.FEW_APART.search(said.text)
        right = match is not None and wording.few_apart_holds(wording.read_number(match["n"]) or -1, old.value, new.value)
    return said.judged(right, f"{wording.compared(old.value, new.value).text} ({new.printed} tegenover {old.printed})",
                       f"{place(new)} − {place(old)}", f"{new.label}, {new.region} {compared}–{new.year}")
