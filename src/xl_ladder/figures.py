"""What counts as a figure in a region-year cell. Empty means *no data*, never 0."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_DUTCH_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


@dataclass(frozen=True)
class Figure:
    """A cell read as a figure: its value (None = no data) and, if any, what was wrong with it."""

    value: float | None
    error: str | None = None
    warning: str | None = None


def read_figure(cell: object) -> Figure:
    """Interpret one cell; numbers typed as Dutch text (``1.234``, ``21,3``) are accepted with a warning."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return Figure(None)
    if isinstance(cell, bool):
        return Figure(None, error=f"'{cell}' is geen aantal")
    if isinstance(cell, (int, float)):
        return _checked(float(cell), warning=None)
    text = str(cell).strip()
    if _DUTCH_NUMBER.match(text):
        value = float(text.replace(".", "").replace(",", "."))
        return _checked(value, warning=f"getal als tekst '{text}' gelezen als {value:g}")
    return Figure(None, error=f"'{text}' is geen getal (laat de cel leeg als er geen gegeven is)")


def _checked(value: float, warning: str | None) -> Figure:
    """Refuse what cannot be a count of people."""
    if not math.isfinite(value):
        return Figure(None, error="geen eindig getal")
    if value < 0:
        return Figure(None, error=f"negatief aantal ({value:g})")
    return Figure(value, warning=warning)
