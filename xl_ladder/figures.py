"""What counts as a figure in a region-year cell. Empty means *no data*, never 0.

A figure is a count of people: whole, not negative, and not more than anyone could count in
one region (:data:`MAX_COUNT`). Numbers typed as Dutch text are read, with a warning, so the
analyst can fix the cell; anything else is an error at that cell rather than a silent 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from .problems import EXCEL_ERRORS, BadCell, excel_error

MAX_COUNT = 10_000_000
"""More people than any Belgian region has inhabitants: a larger count in one cell is a typing error."""

_DUTCH_NUMBER = re.compile(
    r"^-?(?:\d{1,3}(?P<sep>[. \u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*|\d+)(?:,\d+)?$"
)
"""``1234``, ``1.234``, ``1 234`` (also with a non-breaking space), each with an optional ``,5``."""
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_LOGICAL = {True: "WAAR", False: "ONWAAR"}


@dataclass(frozen=True)
class Figure:
    """A cell read as a figure: its value (None = no data) and, if any, what was wrong with it."""

    value: float | None
    error: str | None = None
    warning: str | None = None


def dutch(value: float, grouped: bool = False) -> str:
    """A number as Dutch Excel shows it: decimal comma, optionally ``.`` between thousands."""
    value = float(value)
    if math.isinf(value):
        return "-oneindig" if value < 0 else "oneindig"
    shown = format(int(value) if value.is_integer() else value, ",")
    shown = shown.translate(str.maketrans(",.", ".,"))
    return shown if grouped else shown.replace(".", "")


def plain_count(cell: object) -> float | None:
    """The cell's value when it is the common case, a whole number of people in range; else None.

    A fast path for big tables: anything else goes through :func:`read_figure`, which explains.
    """
    if type(cell) is float or type(cell) is int:  # not bool, not a subclass
        if 0 <= cell <= MAX_COUNT and float(cell).is_integer():
            return float(cell)
    return None


def read_figure(cell: object) -> Figure:
    """Interpret one cell; numbers typed as Dutch text (``1.234``, ``21,3``) are accepted with a warning."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return Figure(None)
    if isinstance(cell, BadCell):
        return Figure(None, error=cell.reason)
    if isinstance(cell, bool):
        return Figure(None, error=f"'{_LOGICAL[cell]}' (een logische waarde) is geen aantal")
    if isinstance(cell, (dt.date, dt.time, dt.timedelta)):
        return Figure(None, error=f"een datum of tijd ({cell}) is geen aantal: zet de celopmaak op Getal")
    if isinstance(cell, (int, float)):
        return _checked(_as_float(cell), note=None)
    text = str(cell).strip()
    if text.upper() in EXCEL_ERRORS:  # as live Excel reports errors (xlwings ``err_to_str``)
        return Figure(None, error=excel_error(text.upper()).reason)
    if _DUTCH_NUMBER.match(text):
        value = float(re.sub(r"[. \u00a0\u202f]", "", text).replace(",", "."))
        return _checked(value, note=f"getal als tekst '{text}' gelezen als {dutch(value)}: typ het als getal")
    if _POINT_DECIMAL.match(text):
        return Figure(None, error=f"'{text}' is dubbelzinnig: een punt scheidt duizendtallen (1.234), "
                                  "een komma decimalen (21,3)")
    return Figure(None, error=f"'{text}' is geen getal (laat de cel leeg als er geen gegeven is)")


def _as_float(number: int | float) -> float:
    """Any Python number as a float; integers too large for a float become infinite (then refused)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def _checked(value: float, note: str | None) -> Figure:
    """Refuse what cannot be a count of people; warn about a count that is not whole."""
    if math.isnan(value):
        return Figure(None, error="geen getal (NaN)")
    if value < 0:
        return Figure(None, error=f"negatief aantal ({dutch(value)}): een aantal personen is nooit negatief")
    if value > MAX_COUNT:
        return Figure(None, error=f"onmogelijk groot aantal ({dutch(value, grouped=True)}): meer dan "
                                  f"{dutch(MAX_COUNT, grouped=True)} personen in één cel is een tikfout")
    if not value.is_integer():
        fraction = f"geen geheel aantal personen ({dutch(value)})"
        note = f"{note}; {fraction}" if note else fraction
    return Figure(value, warning=note)
