"""Measure codes of the publication: ``a … z``, then ``a' … z'``, then ``a'' …`` and so on.

One home for what a code is, how users may type it and how codes are ordered, because ranges
(``k t/m d'``) depend on that order.
"""

from __future__ import annotations

import re

#: Characters analysts (and Word/Excel autocorrect) type for the prime of ``a'``.
PRIMES = "'’‘′`´"

_MEASURE = re.compile(rf"^([A-Za-z])([{PRIMES}]*)$")
_AGGREGATE = re.compile(r"^[^\W\d_][\w.\-]*(?: \d+)?$")


def normalize(raw: str) -> str:
    """Return the canonical spelling of a code: trimmed, inner spaces folded, primes as ``'``.

    Measure codes are lower case (``A`` → ``a``); aggregate codes keep their case for display
    but are compared case-insensitively through :func:`key`.
    """
    text = " ".join(str(raw).split())
    match = _MEASURE.match(text)
    if match:
        return match.group(1).lower() + "'" * len(match.group(2))
    return text


def key(code: str) -> str:
    """Key under which a (normalized) code is looked up: case-insensitive."""
    return normalize(code).casefold()


def is_measure_code(code: str) -> bool:
    """True for a letter with optional primes (``f``, ``d'``): the codes ranges run over."""
    return bool(_MEASURE.match(code))


def is_valid(code: str) -> bool:
    """True for a measure code or an aggregate code (a word, optionally with a number: ``trede 5``)."""
    return is_measure_code(code) or bool(_AGGREGATE.match(code))


def order(code: str) -> tuple[int, int]:
    """Sort key of a measure code: all unprimed letters first, then ``a'`` … ``z'``, …"""
    match = _MEASURE.match(code)
    if not match:
        raise ValueError(f"not a measure code: {code!r}")
    return (len(match.group(2)), ord(match.group(1).lower()) - ord("a"))
