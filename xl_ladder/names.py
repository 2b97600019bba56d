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

import functools
import itertools
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
    text = str(name)
    if text.isascii():  # the same, faster: no look-alikes, accents or case beyond ASCII's
        return "".join(filter(str.isalnum, text.lower()))
    text = unicodedata.normalize("NFKD", latin(text))
    return "".join(c for c in text.casefold() if c.isalnum() and not unicodedata.combining(c))


def foreign_letters(name: str) -> str:
    """The letters of ``name`` from another alphabet that look like Latin ones (empty when none)."""
    return "".join(dict.fromkeys(c for c in name if latin(c) != c))


def _typo(longer: str, shorter: str) -> bool:
    """True if ``shorter`` is ``longer`` with one or two letters dropped, or with two neighbours swapped.

    Digits must agree: ``Regio 1`` and ``Regio 11`` are two regions.
    """
    if len(shorter) < MIN_TYPO or not 0 <= len(longer) - len(shorter) <= 2:
        return False
    typo = _swapped(longer, shorter) if len(longer) == len(shorter) else _dropped(longer, shorter)
    return typo and _digits(longer) == _digits(shorter)


def _swapped(one: str, other: str) -> bool:
    """Two neighbours swapped, nothing else different (equal lengths)."""
    differ = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and one[differ[0]] == other[differ[1]] \
        and one[differ[1]] == other[differ[0]]


def _dropped(longer: str, shorter: str) -> bool:
    """``shorter`` is a subsequence of ``longer``: only letters dropped."""
    letters = iter(longer)
    return all(c in letters for c in shorter)


def _digits(folded: str) -> str:
    return "".join(filter(str.isdigit, folded))


def twins(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (earlier, later) of distinct spellings among ``names`` that are twins, in input order.

    Near-linear in the number of names (2.000 regions: 2 million pairs): names folded alike are
    grouped, and each folded name looks up the few others that may be a typing error of it
    (:class:`_Pieces`), which :func:`_typo`, the definition, then decides.
    """
    order: dict[str, int] = {}
    spellings: dict[str, list[str]] = {}
    for name in names:
        if name not in order:
            order[name] = len(order)
            spellings.setdefault(fold(name), []).append(name)
    pairs = {pair for alike in spellings.values() for pair in itertools.combinations(alike, 2)}
    for longer, shorter in _typing_errors(spellings):
        pairs.update((one, other) if order[one] < order[other] else (other, one)
                     for one in spellings[longer] for other in spellings[shorter])
    return sorted(pairs, key=lambda pair: (order[pair[1]], order[pair[0]]))


def _typing_errors(folded: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs (longer, shorter) of folded names where the shorter is a typing error of the longer."""
    pieces = _Pieces(folded)
    for longer in pieces.names:
        for shorter in pieces.candidates(longer):
            if _typo(longer, shorter):
                yield longer, shorter


class _Pieces:
    """Folded names, indexed to find the ones a folded name may be a typing error of.

    One letter dropped or two neighbours swapped: the few such spellings of a name are looked up
    as they are. Two letters dropped (too many spellings to list): names are indexed by their
    thirds. If ``shorter`` is ``longer`` with two letters dropped, at least one third of
    ``shorter`` is untouched (two changes touch at most two thirds) and stands in ``longer``
    where it stands in ``shorter``, moved right by at most two. Digits must agree too, so they
    are part of the key.
    """

    def __init__(self, folded: Iterable[str]) -> None:
        self.names = list(folded)
        self.known = set(self.names)
        self.index: dict[tuple[int, int, str, str], list[str]] = {}
        for name in self.names:
            if len(name) >= MIN_TYPO:
                digits = _digits(name)
                for third, (start, stop) in enumerate(_thirds(len(name))):
                    self.index.setdefault((len(name), third, name[start:stop], digits), []).append(name)

    def candidates(self, longer: str) -> set[str]:
        """Known names one or two letters shorter than ``longer`` or as long, that may be typing errors of it."""
        size = len(longer)
        near = {longer[:i] + longer[i + 1:] for i in range(size) if not longer[i].isdigit()} if size > MIN_TYPO else set()
        near.update(longer[:i] + longer[i + 1] + longer[i] + longer[i + 2:] for i in range(size - 1))
        found = (near & self.known) - {longer}
        if size - 2 >= MIN_TYPO:
            digits = _digits(longer)
            keys = [(size - 2, third, longer[start:stop], digits) for third, start, stop in _probes(size)]
            found.update(name for hits in map(self.index.get, keys) if hits for name in hits)
        return found


@functools.cache
def _thirds(length: int) -> tuple[tuple[int, int], ...]:
    return (0, length // 3), (length // 3, 2 * length // 3), (2 * length // 3, length)


@functools.cache
def _probes(size: int) -> tuple[tuple[int, int, int], ...]:
    """Where a folded name of ``size`` letters may hold a third of a name two letters shorter: (which third, start, stop)."""
    return tuple((third, start + moved, stop + moved) for third, (start, stop) in enumerate(_thirds(size - 2))
                 for moved in range(3))


def _alike(one: str, other: str) -> bool:
    """Whether two folded names are twins: the same, or one a typing error of the other."""
    shorter, longer = sorted((one, other), key=len)
    return shorter == longer or _typo(longer, shorter)


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` is a twin of, if any (the first in ``known``'s order)."""
    folded = fold(name)
    return next((k for k in known if k != name and _alike(fold(k), folded)), None)
