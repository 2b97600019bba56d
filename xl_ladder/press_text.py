"""A press text as the check reads it: paragraphs, sentences, the numbers and phrases in them, the
state of the reading (the text's year, the figures it named), and the verdicts with their report.

The judging is in :mod:`.press_numbers` (figures) and :mod:`.press_phrases` (comparative phrases);
:mod:`.press_check` runs them over a text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from . import wording
from .catalogue import Edition, Figure
from .mentions import PREVIOUS_YEAR, YEAR, Mention, Vocabulary, masked

RIGHT, WRONG, UNKNOWN = "klopt", "wijkt af", "niet in de werkmap"
NUMBER = re.compile(r"(?<![\w.,])(?P<sign>[+\-−])?(?P<digits>\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?|\d+[.,]\d{1,2}(?!\d)|"
                    r"\d+(?:,\d+)?)(?![\w]|[.,]\d)(?P<percent>\s?%|\s?procent\b)?")
BULLETS = "•*–·\uf0b7"
"""How lists are marked: in Markdown, in Word, and as a PDF's Symbol font gives the bullet to pdftotext."""
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÝÉ•(‘'“0-9])")
POINTING_BACK = re.compile(r"\s*(?:dat|dit|die|deze|het\s+verschil|daarvan|van\s+(?:hen|deze))\b", re.I)
PHRASES = (("één op", wording.ONE_IN), ("méér", wording.FRACTION_MORE), ("keer", wording.TIMES),
           ("na evenveel", wording.FEW_APART), ("status quo", wording.SAME))


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


def unknown(sentence: str, text: str, why: str) -> Finding:
    return Finding(sentence, text, UNKNOWN, None, None, why)


def paragraphs(text: str) -> list[str]:
    """A text as paragraphs: blank lines apart, bullets apart, lines joined (a word broken by a hyphen
    at a line end stays hyphenated: ``niet-`` / ``werkende``)."""
    found: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").split("\n"):
        kept, starts = _line(line)
        if starts:
            found.append([])
        if kept:
            found[-1].append(kept)
    return [_joined(lines) for lines in found if lines]


def _line(line: str) -> tuple[str, bool]:
    """A line as it is kept (a page number is dropped, a bullet taken off) and whether it starts a paragraph
    (after a blank line, a page number, or as a list item)."""
    line = line.strip().lstrip("#").strip()
    if not line or re.fullmatch(r"\|?\s*\d+\s*", line):
        return "", True
    if line[0] in BULLETS or line.startswith("- "):
        return line.lstrip(BULLETS + "- ").strip(), True
    return line, False


def _joined(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text += line if text.endswith("-") or not text else " " + line
    return re.sub(r"[ \t\r\n\f\v]+", " ", text)  # not str.split: a no-break space in 52 790 stays


def sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE_END.split(paragraph) if s.strip()]


@dataclass
class Reader:
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

    def subject(self) -> tuple[str, ...]:
        """The codes of the figure the text named last (what a sentence without an indicator speaks of)."""
        return self.recent[-1].codes[:1] if self.recent else ()

    def count(self, codes: Sequence[str], region: str, year: int) -> Figure:
        """An indicator's figure (the first of its codes with one), or the sum of several (``trede 3 en 4``)."""
        if len(codes) > 1 and all(code.startswith("trede") for code in codes):
            return self.edition.summed(codes, region, year)
        found = [self.edition.count(code, region, year) for code in codes]
        return next((f for f in found if f.known), found[0])


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    text: str
    value: float
    decimals: int
    percent: bool
    signed: bool


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    kind: str


def numbers(sentence: str, taken: Sequence[tuple[int, int]]) -> Iterator[Number]:
    """The numbers of a sentence that may be figures: not a year, a date, an age, a name, a rung's number."""
    for match in NUMBER.finditer(masked(sentence)):
        digits = match["digits"]
        inside = any(start <= match.start() < end for start, end in taken)
        if inside or (re.fullmatch(r"(19[9]\d|20\d\d|2100)", digits) and not match["percent"]):  # a year
            continue
        value = _value(digits) * (-1 if match["sign"] in ("-", "−") else 1)
        decimals = len(re.split(r"[.,]", digits)[-1]) if re.search(r"[.,]\d{1,2}$", digits) else 0
        yield Number(match.start(), match.end(), sentence[match.start():match.end()].strip(), value, decimals,
                     bool(match["percent"]), bool(match["sign"]))


def _value(digits: str) -> float:
    """``52.790`` and ``52 790`` (no-break spaces) are thousands; ``12,0`` and, as English writes it, ``12.0`` a decimal."""
    grouped = re.sub(r"[.\u00a0\u202f](?=\d{3}(?:\D|$))", "", digits)
    return float(grouped.replace(",", "."))


def phrases(sentence: str) -> Iterator[Phrase]:
    for kind, pattern in PHRASES:
        yield from (Phrase(match.start(), match.end(), kind) for match in pattern.finditer(sentence))


def nearest(mentions: Sequence[Mention], kind: str, start: int, end: int, *, before_only: bool = False) -> Mention | None:
    """The mention of ``kind`` nearest to the span (before it, or after it unless ``before_only``)."""
    def distance(m: Mention) -> int:
        return start - m.end if m.end <= start else (m.start - end if not before_only else 10**9)
    found = [m for m in mentions if m.kind == kind and (m.end <= start or m.start >= end)]
    best = min(found, key=distance, default=None)
    return best if best is not None and distance(best) < 10**9 else None


def compared_year(sentence: str, mentions: Sequence[Mention], reader: Reader) -> int | None:
    """The year the sentence compares with: ``tegenover 2014``, ``als in 2017``, ``het jaar voordien``."""
    named = next((m.year for m in mentions if m.kind == YEAR and m.comparison), None)
    return named if named is not None else reader.year - 1 if PREVIOUS_YEAR.search(sentence) else None


def place(figure: Figure) -> str:
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
            lines += ["", f"„{sentence if len(sentence) <= 110 else sentence[:107] + '…'}”"]
        detail = {RIGHT: f"{finding.meaning}; {finding.place}",
                  WRONG: f"werkmap: {finding.workbook} ({finding.meaning}; {finding.place})"}.get(finding.verdict,
                                                                                              finding.meaning)
        lines.append(f"  {finding.verdict:<18}  {finding.text:<24}  {detail}")
    counts = summary(findings)
    lines += ["", f"Samen: {counts[RIGHT]} klopt, {counts[WRONG]} wijkt af, {counts[UNKNOWN]} niet in de werkmap."]
    return lines


