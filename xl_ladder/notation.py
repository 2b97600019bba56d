"""The publication's formula notation, parsed without ``eval``.

Grammar (whitespace is free, keywords are case-insensitive)::

    formula  := term ("+" term)*
    term     := [weight] operand
    weight   := number "%"                 e.g. "40%", "40 %", "12,5%"
    operand  := code [range code]          e.g. "f", "a t/m f", "trede 5"
    range    := "t/m" | "t.e.m." | "tot en met"

A code is a measure code (``f``, ``d'``, also with a typographic prime ``d’``) or the code of
an aggregate row (a word, optionally followed by a number: ``DGK``, ``trede 5``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import codes
from .problems import quoted

MAX_LENGTH = 2000
"""Longest formula accepted; longer text is refused before parsing (bounded time)."""


@dataclass(frozen=True)
class Term:
    """One term of a formula: ``weight × code`` or ``weight × (first t/m last)``."""

    first: str
    last: str | None
    weight: float
    position: int
    """1-based character position of the term in the formula, for messages."""


@dataclass(frozen=True)
class Formula:
    """A parsed formula: the sum of its terms."""

    text: str
    terms: tuple[Term, ...]


class NotationError(ValueError):
    """A formula that does not follow the notation; the message is Dutch, for the workbook."""

    def __init__(self, formula: str, position: int, expected: str, found: str) -> None:
        self.formula = formula
        self.position = position
        self.expected = expected
        self.found = found
        super().__init__(
            f"formule {quoted(formula)}: op positie {position} verwacht {expected}, gevonden {found}"
        )


_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<range>t\s*/\s*m\b|t\.e\.m\.|tot\s+en\s+met\b)
  | (?P<weight>\d+(?:[.,]\d+)?\s*%)
  | (?P<code>[^\W\d_][\w.\-]*(?:[ \t]+\d+\b)?[{codes.PRIMES}]*)
  | (?P<plus>\+)
    """,
    re.VERBOSE | re.IGNORECASE,
)

_WHAT = {
    "range": "'t/m'",
    "weight": "een percentage",
    "code": "een code",
    "plus": "'+'",
}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """Split ``text`` into (kind, value, 1-based position) tokens."""
    result: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise NotationError(text, pos + 1, "een code, 't/m', '+' of een percentage", f"'{text[pos]}'")
        kind = match.lastgroup or ""
        if kind != "space":
            result.append((kind, match.group(), pos + 1))
        pos = match.end()
    return result


def parse(text: str) -> Formula:
    """Parse a formula; raise :class:`NotationError` naming the position and what was expected."""
    if len(text) > MAX_LENGTH:
        raise NotationError(text, MAX_LENGTH + 1, f"hoogstens {MAX_LENGTH} tekens", "meer")
    tokens = _tokens(text)
    if not tokens:
        raise NotationError(text, 1, "een code", "een lege formule")
    terms: list[Term] = []
    i = 0

    def found(index: int) -> str:
        return f"'{tokens[index][1]}'" if index < len(tokens) else "het einde"

    def expect(index: int, kind: str) -> str:
        if index >= len(tokens) or tokens[index][0] != kind:
            where = tokens[index][2] if index < len(tokens) else len(text) + 1
            raise NotationError(text, where, _WHAT[kind], found(index))
        return tokens[index][1]

    while True:
        start = tokens[i][2] if i < len(tokens) else len(text) + 1
        weight = 1.0
        if i < len(tokens) and tokens[i][0] == "weight":
            weight = float(tokens[i][1].rstrip("%").strip().replace(",", ".")) / 100
            i += 1
        first = codes.normalize(expect(i, "code"))
        i += 1
        last = None
        if i < len(tokens) and tokens[i][0] == "range":
            last = codes.normalize(expect(i + 1, "code"))
            for code, at in ((first, start), (last, tokens[i + 1][2])):
                if not codes.is_measure_code(code):
                    raise NotationError(text, at, "een maatregelcode (a … z, a' …) in een bereik", f"'{code}'")
            if codes.order(first) > codes.order(last):
                raise NotationError(text, start, f"een oplopend bereik ('{last} t/m {first}')", f"'{first} t/m {last}'")
            i += 2
        terms.append(Term(first, last, weight, start))
        if i == len(tokens):
            return Formula(text, tuple(terms))
        expect(i, "plus")
        i += 1
