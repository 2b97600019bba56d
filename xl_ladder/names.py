"""Names that almost match: one home for deciding that two spellings mean the same thing.

Regions, context codes and sector names are matched by exact spelling (case aside), so a name
typed slightly differently in one place silently finds no figures. Two spellings are *twins*
when they differ only in case, spaces, hyphens, punctuation, accents or look-alike letters from
another alphabet (``West Vlaanderen``, ``west-vlaanderen``, ``Wеst-Vlaanderen`` with a Cyrillic
``е``), or when one is the other with one or two letters dropped or two neighbours swapped
(``West-Vlaandren``, ``Vlaams Gewset``). A different letter is a different name (``Gent`` and
``Genk`` are both towns), and names shorter than :data:`MIN_TYPO` letters are compared only
folded.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

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


def _variants(folded: str) -> Iterator[str]:
    """The folded name with one or two letters dropped, or two neighbours swapped."""
    if len(folded) < MIN_TYPO:
        return
    once = {folded[:i] + folded[i + 1:] for i in range(len(folded))}
    yield from once
    for shorter in once:
        if len(shorter) >= MIN_TYPO:
            yield from (shorter[:i] + shorter[i + 1:] for i in range(len(shorter)))
    yield from (folded[:i] + folded[i + 1] + folded[i] + folded[i + 2:] for i in range(len(folded) - 1))


def twins(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of distinct spellings among ``names`` that are twins, in input order.

    Linear in the number of names (each name's few variants are looked up, never all pairs).
    """
    order: dict[str, int] = {}
    by_fold: dict[str, list[str]] = {}
    for name in names:
        if name not in order:
            order[name] = len(order)
            by_fold.setdefault(fold(name), []).append(name)
    pairs: set[tuple[str, str]] = set()
    for folded, spellings in by_fold.items():
        others = [o for v in _variants(folded) if v != folded for o in by_fold.get(v, ())]
        for name in spellings:
            for other in [*spellings, *others]:
                if other != name:
                    pairs.add(tuple(sorted((name, other), key=order.__getitem__)))  # type: ignore[arg-type]
    return sorted(pairs, key=lambda pair: (order[pair[1]], order[pair[0]]))


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` is a twin of, if any (the first in ``known``'s order)."""
    return next((k for k in known if k != name and twins([k, name])), None)
