"""The check of a press text against the workbook: every figure and every comparative phrase judged.

As Cornell's AggChecker and Inria's StatCheck do, each claim is read with the words around it —
the indicator, region and year named nearest to it (:mod:`.mentions`) — and translated into one
figure of the catalogue (:class:`catalogue.Edition`), which is then compared with the claim as
printed, rounding as printed. Ours is smaller and exact: the catalogue knows every figure.

A claim is ``klopt`` (with where the figure stands), ``wijkt af`` (with the workbook's figure as
it would be printed) or ``niet in de werkmap``. A figure the workbook cannot give is never called
right: a number whose meaning the words leave open, or whose figure the workbook lacks, is
``niet in de werkmap``. Figures are judged by :mod:`.press_numbers`, phrases by :mod:`.press_phrases`,
in reading order, so a phrase can compare the figures named before it.
"""

from __future__ import annotations

from . import press_numbers, press_phrases
from .catalogue import Edition
from .mentions import YEAR, Vocabulary
from .press_text import (
    POINTING_BACK,
    RIGHT,
    UNKNOWN,
    WRONG,
    Finding,
    Number,
    Phrase,
    Reader,
    numbers,
    paragraphs,
    phrases,
    report,
    sentences,
    summary,
)

__all__ = ["RIGHT", "UNKNOWN", "WRONG", "Finding", "check", "report", "summary"]


def check(text: str, edition: Edition) -> list[Finding]:
    """Every figure and comparative phrase of ``text``, in reading order, judged against the workbook."""
    reader = Reader(edition, Vocabulary(edition))
    findings: list[Finding] = []
    for paragraph in paragraphs(text):
        reader.previous_year = None
        for sentence in sentences(paragraph):
            reader.pointing_back = bool(POINTING_BACK.match(sentence))
            findings += _sentence(sentence, reader)
    return findings


def _sentence(sentence: str, reader: Reader) -> list[Finding]:
    mentions = tuple(reader.vocabulary.find(sentence))
    data_years = [m.year for m in mentions if m.kind == YEAR and not m.comparison]
    reader.document_year = reader.document_year or next(iter(data_years), None)  # the title's year
    said = list(phrases(sentence))
    taken = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in said]
    items: list[Number | Phrase] = sorted([*numbers(sentence, taken), *said], key=lambda item: item.start)
    findings = [press_numbers.judge(sentence, item, mentions, reader) if isinstance(item, Number)
                else press_phrases.judge(sentence, item, mentions, reader) for item in items]  # reading order
    reader.previous_year = data_years[-1] if data_years else reader.year
    return findings
