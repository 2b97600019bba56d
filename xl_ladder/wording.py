"""Proportions and comparisons in words, by one rule set: what the press release writes and what the
check of a press text accepts.

A phrase is a qualifier and a target: *bijna* (at most a fifth below the target), *ruim* (above it,
at most a quarter), *ongeveer* (within a tenth), none (within a twentieth). The writer picks the
target nearest the true value and the qualifier that makes the phrase true; the check tests whether
a phrase as written is true. So the text the tool writes always passes its own check, and "ruim een
derde méér" for 51 % more never does.

- one in N: ``één op acht`` (the part in proportion to the whole, up to a little over a half);
- a fraction more: ``de helft méér``, ``een derde méér`` (``a`` more than ``b``, up to about 90 %);
- times as many: ``twee keer zoveel``;
- equal: ``evenveel``, ``op twee personen na evenveel``, ``een status quo`` (less than half a percent).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import values

NUMBERS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
           "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig")
FRACTIONS = (("een vijfde", 1 / 5), ("een kwart", 1 / 4), ("een derde", 1 / 3), ("de helft", 1 / 2),
             ("twee derde", 2 / 3), ("drie kwart", 3 / 4))
EXACT, ABOUT, ALMOST, WELL_OVER = "", "ongeveer", "bijna", "ruim"
QUALIFIERS = {"": EXACT, "ongeveer": ABOUT, "zowat": ABOUT, "circa": ABOUT, "nagenoeg": ABOUT, "bijna": ALMOST,
              "net geen": ALMOST, "iets minder dan": ALMOST, "ruim": WELL_OVER, "iets meer dan": WELL_OVER,
              "goed": WELL_OVER, "meer dan": WELL_OVER}
"""Qualifiers as written, and the rule each follows."""
BOUNDS = {EXACT: (0.95, 1.05), ABOUT: (0.9, 1.1), ALMOST: (0.8, 1.0), WELL_OVER: (1.0, 1.25)}
"""The true value over the target that each qualifier allows (bijna: below, ruim: above, both open at 1)."""
WRITTEN_EXACT = 0.02
"""The writer calls a value exact only within 2 %: the check allows 5 %, so a rounded phrase stays true."""
STATUS_QUO = 0.5
"""Less than half a percent apart is a *status quo*."""
FEW = 10
"""At most this many people apart: ``op N personen na evenveel``."""


def sector_names(label: str) -> tuple[str, ...]:
    """How a text names a sector of ``Sectoren``: by its label, and a one-word label (``Andere``) only with the
    word sector (``andere sectoren``, ``andere sector``), never as the bare word."""
    if " " in label.strip():
        return (label,)
    return (f"{label} sectoren", f"{label} sector")


def number(n: int) -> str:
    """A whole number as the text writes it: in words up to twenty, else in digits."""
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else values.shown(n, 0)


def read_number(text: str) -> int | None:
    """A number written in words (``twee``, ``een``) or digits (``7``); None for anything else."""
    text = text.strip().casefold()
    if text.isdigit():
        return int(text)
    text = {"een": "één", "eén": "één"}.get(text, text)
    return NUMBERS.index(text) if text in NUMBERS else None


def holds(qualifier: str, ratio: float) -> bool:
    """Whether a phrase with this qualifier is true when the value is ``ratio`` times its target."""
    low, high = BOUNDS[QUALIFIERS.get(qualifier, EXACT)]
    if QUALIFIERS.get(qualifier, EXACT) in (ALMOST, WELL_OVER):
        return low <= ratio < high if high == 1.0 else low < ratio <= high
    return low <= ratio <= high


def _qualifier(ratio: float) -> str:
    """The qualifier the writer uses for a value ``ratio`` times its target."""
    if abs(ratio - 1) <= WRITTEN_EXACT:
        return EXACT
    return ALMOST if ratio < 1 else WELL_OVER


def _phrase(qualifier: str, text: str) -> str:
    return f"{qualifier} {text}" if qualifier else text


def one_in(part: float, whole: float) -> str | None:
    """``part`` of ``whole`` as "one in N" (``bijna één op acht``); None where the words do not fit
    (no data, none, or more than a little over half: then :func:`fraction_of` says it)."""
    if math.isnan(part) or math.isnan(whole) or part <= 0 or whole <= 0 or part / whole > 0.55 or part / whole < 0.02:
        return None
    n = round(whole / part)
    return _phrase(_qualifier(part / whole * n), f"één op {number(n)}")


def one_in_holds(qualifier: str, n: int, part: float, whole: float) -> bool:
    return part > 0 and whole > 0 and holds(qualifier, part / whole * n)


def more(larger: float, smaller: float) -> str | None:
    """How much more ``larger`` is than ``smaller`` in words: ``ruim de helft méér``, ``bijna twee keer
    zoveel``, or in percent below a fifth (``8,0 % méér``); None without data."""
    if math.isnan(larger) or math.isnan(smaller) or smaller <= 0 or larger < smaller:
        return None
    times = larger / smaller
    if times >= 1.87:
        n = round(times)
        return _phrase(_qualifier(times / n), f"{number(n)} keer zoveel")
    excess = times - 1
    if excess < 0.18:
        return f"{values.fixed(excess * 100, 1)}% méér"
    name, target = min(FRACTIONS, key=lambda fraction: abs(math.log(excess / fraction[1])))
    return _phrase(_qualifier(excess / target), f"{name} méér")


def fraction_holds(qualifier: str, fraction: str, larger: float, smaller: float) -> bool:
    """Whether "<qualifier> <fraction> méér" is true of ``larger`` against ``smaller``."""
    target = dict(FRACTIONS)[fraction]
    return smaller > 0 and holds(qualifier, (larger / smaller - 1) / target)


def times_holds(qualifier: str, n: int, larger: float, smaller: float) -> bool:
    return smaller > 0 and holds(qualifier, larger / smaller / n)


@dataclass(frozen=True)
class Comparison:
    """A figure against an earlier one, in words: the phrase and whether it is a rise, a fall or the same."""

    text: str
    direction: int
    """1 a rise, -1 a fall, 0 the same (within a status quo)."""


def compared(old: float, new: float) -> Comparison:
    """``new`` against ``old``: ``evenveel``, ``op twee personen na evenveel``, ``een status quo``, else
    ``een stijging met 1.596 personen (+2,9%)`` or ``een daling met …``."""
    difference = values.round_half_up(new, 0) - values.round_half_up(old, 0)
    if difference == 0:
        return Comparison("evenveel", 0)
    if abs(difference) <= FEW:
        people = "persoon" if abs(difference) == 1 else "personen"
        return Comparison(f"op {number(int(abs(difference)))} {people} na evenveel", 0)
    change = (new / old - 1) * 100
    if abs(change) < STATUS_QUO:
        return Comparison("een status quo", 0)
    word, sign = ("stijging", "+") if difference > 0 else ("daling", "-")
    return Comparison(f"een {word} met {values.shown(abs(difference), 0)} personen ({sign}{values.fixed(abs(change), 1)}%)",
                      1 if difference > 0 else -1)


def status_quo_holds(old: float, new: float) -> bool:
    return old > 0 and abs((new / old - 1) * 100) < STATUS_QUO


def few_apart_holds(n: int, old: float, new: float) -> bool:
    return abs(values.round_half_up(new, 0) - values.round_half_up(old, 0)) == n


_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS if q), key=len, reverse=True))
_NUMBER = r"\d+|" + "|".join(sorted(NUMBERS[1:], key=len, reverse=True)) + r"|een|eén"
_FRACTION = "|".join(re.escape(name) for name, _ in sorted(FRACTIONS, key=lambda f: -len(f[0])))
ONE_IN = re.compile(rf"(?:\b(?P<q>{_QUALIFIER})\s+)?(?:één|een|eén|1)\s+op\s+(?:de\s+)?(?P<n>{_NUMBER})\b", re.I)
FRACTION_MORE = re.compile(rf"(?:\b(?P<q>{_QUALIFIER})\s+)?\b(?P<f>{_FRACTION})\s+(?:méér|meer)\b", re.I)
TIMES = re.compile(rf"(?:\b(?P<q>{_QUALIFIER})\s+)?\b(?P<n>{_NUMBER})\s+keer\s+(?:zoveel|meer|zo\s+veel)\b", re.I)
FEW_APART = re.compile(rf"\bop\s+(?P<n>{_NUMBER})\s+(?:personen|persoon|plaatsen|plaats)\s+na\s+evenveel\b", re.I)
SAME = re.compile(r"\bstatus\s+quo\b", re.I)
"""The phrases the check reads, as the writer writes them and as people do (``1 op 7``, ``een op de vier``)."""
