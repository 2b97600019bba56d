"""The publication's arithmetic rules, in one place, vectorised over numpy arrays.

- no data (NaN) stays no data;
- share = focus / reference; a reference of 0 gives no share;
- evolution = new / old − 1; 0 → 0 is 0 %, x → 0 is −100 %, 0 → x has no evolution;
- rounding happens only for display, half up, after summing (42.748,6 → 42.749).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .figures import dutch


def share_pct(focus: Any, reference: Any) -> Any:
    """Share of the focus region in the reference region, in percent (arrays or plain numbers)."""
    if isinstance(focus, float) and isinstance(reference, float):  # one cell: plain Python is faster
        return focus / reference * 100.0 if reference > 0 else math.nan
    focus, reference = np.asarray(focus, float), np.asarray(reference, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(reference > 0, focus / reference * 100.0, np.nan)


def evolution_pct(old: Any, new: Any) -> Any:
    """Evolution from ``old`` to ``new``, in percent, with the publication's zero rules (arrays or numbers)."""
    if isinstance(old, float) and isinstance(new, float):
        if old == 0 and new == 0:
            return 0.0
        return (new / old - 1.0) * 100.0 if old > 0 else math.nan
    old, new = np.asarray(old, float), np.asarray(new, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(old > 0, (new / old - 1.0) * 100.0, np.nan)
    return np.where((old == 0) & (new == 0), 0.0, ratio)


def differs(first: Any, second: Any) -> Any:
    """True where two counts differ by at least one unit as printed (half a person rounds apart); False
    wherever either side has no data (arrays or plain numbers)."""
    if isinstance(first, float) and isinstance(second, float):
        return abs(first - second) >= 0.5  # a comparison with NaN is False
    with np.errstate(invalid="ignore"):
        return np.abs(np.asarray(first, float) - np.asarray(second, float)) >= 0.5


def without_noise(matrix: np.ndarray) -> np.ndarray:
    """Drop binary floating-point noise (0.4000000000015 → 0.4) from computed results; not a display rounding."""
    return np.round(np.asarray(matrix, float), 9)


def round_half_up(value: float, digits: int = 0) -> float:
    """Round for display the way the publication does (half up, not banker's rounding)."""
    factor = 10.0**digits
    return math.floor(value * factor + 0.5 + 1e-9) / factor


def cell(value: float | None) -> float | None:
    """A computed value as a cell value: no data (NaN) stays an empty cell."""
    return None if value is None or math.isnan(value) else float(value)


def fraction(pct: float) -> float | None:
    """A percentage as the fraction Excel's % formats expect (empty without data)."""
    return None if math.isnan(pct) else float(pct) / 100.0


def share_fraction(focus: float, reference: float) -> float | None:
    """The focus region's share of the reference as the fraction Excel's % formats expect (empty without one)."""
    return fraction(share_pct(focus, reference))


def shown(value: float, digits: int = 1) -> str:
    """A number in a Dutch sentence, rounded for display: 42.748,6 → '42.748,6', 6098 → '6.098'."""
    return dutch(round_half_up(value, digits), grouped=True)
