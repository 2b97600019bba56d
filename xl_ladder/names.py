"""Names that almost match: one home for deciding that two spellings mean the same thing.

Regions, context codes and sector names are matched by exact spelling (case aside), so a name
typed slightly differently in one place silently finds no figures. Two spellings are *twins*
when they differ only in case, spaces, hyphens, punctuation, accents or look-alike letters from
another alphabet (``West Vlaanderen``, ``west-vlaanderen``, ``W\u0435st-Vlaanderen`` with a Cyrillic
``\u0435``), or when one is the other with one or two letters dropped or two neighbours swapped
(``West-Vlaandren``, ``Vlaams Gewset``). A different letter is a different name (``Gent`` and
``Genk`` are both towns), so are different digits (``Regio 1``, ``Regio 11``), and names shorter
than :data:`MIN_TYPO` letters are compared only folded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

MIN_TYPO = 5
"""Shortest folded name for which a dropped or swapped letter counts as a typing error."""

_LOOKALIKE = str.maketrans(
    "аеорсухіјѕԁАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdABEKMHOPCTXIJSaeikvoptuxABEZHIKMNOPTYX",
)
"""Cyrillic and Greek letters that look like Latin ones (pasted from a PDF or a foreign keyboard)."""


def latin(name: str) -> str:
    """The name with look-alike letters from other alphabets replaced by the Latin letters they mimic."""
    return name.translate(_LOOKALIKE)


def fold(name: str) -> str:
    """The name reduced to what a reader sees: look-alikes Latin, no accents, case, spaces or punctuation."""
    text = unicodedata.normalize("NFKD", latin(str(name)))
    return "".join(c for c in text.casefold() if c.isalnum() and not unicodedata.combining(c))


def foreign_letters(name: str) -> str:
    """The letters of ``name`` from another alphabet that look like Latin ones (empty when none)."""
    return "".join(dict.fromkeys(c for c in name if latin(c) != c))


def _typo(longer: str, shorter: str) -> bool:
    """True if ``shorter`` is ``longer`` with one or two letters dropped, or with two neighbours swapped.

    Digits must agree: ``Regio 1`` and ``Regio 11`` are two regions.
    """
    if len(shorter) < MIN_TYPO or not 0 <= len(longer) - len(shorter) <= 2 or _digits(longer) != _digits(shorter):
        return False
    if len(longer) == len(shorter):
        differ = [i for i, (a, b) in enumerate(zip(longer, shorter, strict=True)) if a != b]
        return len(differ) == 2 and differ[1] == differ[0] + 1 and longer[differ[0]] == shorter[differ[1]] \
            and longer[differ[1]] == shorter[differ[0]]
    letters = iter(longer)
    return all(c in letters for c in shorter)  # a subsequence: only letters dropped


def _digits(folded: str) -> str:
    return "".join(c for c in folded if c.isdigit())


def twins(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of distinct spellings among ``names`` that are twins, in input order.

    Only names whose folded lengths differ by at most two are compared (sorted by length): the 79
    regions of bench/generate.py take 6 ms, of a 970 ms check of that workbook.
    """
    order: dict[str, int] = {}
    folded: dict[str, str] = {}
    for name in names:
        if name not in order:
            order[name] = len(order)
            folded[name] = fold(name)
    by_length = sorted(order, key=lambda name: len(folded[name]))
    pairs = []
    for i, name in enumerate(by_length):
        for other in by_length[i + 1:]:
            if len(folded[other]) > len(folded[name]) + 2:
                break
            if folded[name] == folded[other] or _typo(folded[other], folded[name]):
                first, second = sorted((name, other), key=order.__getitem__)
                pairs.append((first, second))
    return sorted(pairs, key=lambda pair: (order[pair[1]], order[pair[0]]))


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` is a twin of, if any (the first in ``known``'s order)."""
    return next((k for k in known if k != name and twins([k, name])), None)
