"""What counts as a figure in a region-year cell, in every table. Empty means *no data*, never 0.

A figure is a count of people: whole, not negative, and not more than anyone could count in
one region (:data:`MAX_COUNT`); a share in the context tables is a percentage from 0 to 100.
Numbers typed as text are read, with a warning, so the analyst can fix the cell, when only one
reading exists (Dutch ``1.234,5``, English ``1,234.5``); ``1,234`` and ``1.5`` are refused as
ambiguous, anything else is an error at that cell rather than a silent 0.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .cells import as_read, visible
from .problems import BadCell, quoted

MAX_COUNT = 10_000_000
"""More people than any Belgian region has inhabitants: a larger count in one cell is a typing error."""
LONGEST_SHOWN = 1e15
"""Numbers from here on are shown in scientific notation in messages (a figure of 300 digits would fill the screen)."""

_GROUPS = ". \u00a0\u2009\u202f"
"""What may group thousands in a Dutch number typed as text: point, space, non-breaking, thin and narrow space."""
_DUTCH_NUMBER = re.compile(
    r"^-?(?:\d{1,3}(?P<sep>[. \u00a0\u2009\u202f])\d{3}(?:(?P=sep)\d{3})*|\d+)(?:,\d+)?$"
)
"""``1234``, ``1.234``, ``1 234`` (also with a non-breaking or thin space), each with an optional ``,5``."""
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_COMMA_THOUSAND = re.compile(r"^-?[1-9]\d{0,2},\d{3}$")
"""``1,234``: 1,234 in Dutch, 1234 in English; no reading is safe."""
_ENGLISH_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})+\.\d+$|^-?\d{1,3}(?:,\d{3}){2,}$")
"""``1,234.5``, ``1,234,567``: only an English reading exists."""
_PERCENT = re.compile(r"^(?P<number>.*?)\s*%$")
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
    if abs(value) >= LONGEST_SHOWN:
        return f"{value:.3e}".replace(".", ",")
    shown = format(int(value) if value.is_integer() else value, ",")
    shown = shown.translate(str.maketrans(",.", ".,"))
    return shown if grouped else shown.replace(".", "")


def plain_counts(cells: list[object]) -> np.ndarray:
    """Each cell's value where it is the common case, a whole number of people in range; NaN for any other cell.

    A fast path for big tables, in numpy: taking cells one by one was most of a refresh of a large
    table (1.1 million cells: 1.6 of its 2.3 s, issue 13). The NaN cells are empty or go through
    :func:`read_figure`, which explains.
    """
    numbers = np.array([cell if type(cell) is float or (type(cell) is int and 0 <= cell <= MAX_COUNT) else math.nan
                        for cell in cells], dtype=float)  # not bool, not a subclass; no int too large for a float
    numbers[~((numbers >= 0) & (numbers <= MAX_COUNT) & (numbers == np.floor(numbers)))] = math.nan
    return numbers


def read_cells(cells: list[object], read: Callable[[object], Figure] | None = None
               ) -> tuple[np.ndarray, list[tuple[int, Figure]]]:
    """One row's figures (NaN = no data) and, by position, the cells with something to tell (an error or a
    warning): the one reader of every table's rows. ``read`` reads one cell (counts by default: they take
    :func:`plain_counts`' fast path first; percentages, evolutions and ratios are read cell by cell)."""
    counts = read is None or read is read_figure
    values = plain_counts(cells) if counts else np.full(len(cells), math.nan)
    read = read_figure if counts or read is None else read
    told: list[tuple[int, Figure]] = []
    for k in np.flatnonzero(np.isnan(values)).tolist():  # empty, or not a plain count: read one by one
        cell = cells[k]
        if cell is None or cell == "":
            continue
        figure = read(cell)
        values[k] = math.nan if figure.value is None else figure.value
        if figure.error or figure.warning:
            told.append((k, figure))
    return values, told


def read_figure(cell: object) -> Figure:
    """Interpret one cell as a count; numbers typed as text (``1.234``, ``21,3``) are accepted with a warning."""
    return _read(cell, _checked)


def read_share(cell: object) -> Figure:
    """Interpret one cell as a percentage (``19,9`` for 19,9 %), as the context tables print shares.

    ``12%`` typed as text is 12; a number between 0 and 1 is refused: it is what Excel stores for a
    cell formatted as ``19,9%`` (0,199), and reading it as 0,199 % would be silently wrong.
    """
    figure = _percent(cell, _share)
    if figure.value is not None and 0 < figure.value < 1:
        percent = dutch(round(figure.value * 100, 6))  # 0,199 × 100 is 19,900000000000002 in binary
        return Figure(None, error=f"aandeel {dutch(figure.value)} ligt tussen 0 en 1: een aandeel staat hier in procent "
                                  f"(typ {percent} voor {percent}%, in een cel met opmaak Getal)")
    return figure


def read_evolution(cell: object) -> Figure:
    """Interpret one cell as an evolution in percent (``-17`` for −17 %), as the publication prints it.

    Between −100 % (all gone) and +1000 %; a value strictly between −1 and 1 gets a warning: it is
    what Excel stores for a cell formatted as ``-17%`` (−0,17), though +0,5 % can be meant too.
    """
    figure = _percent(cell, _evolution)
    if figure.value is not None and 0 < abs(figure.value) < 1 and figure.warning is None:
        percent = dutch(round(figure.value * 100, 6))
        return Figure(figure.value, warning=f"evolutie {dutch(figure.value)}% gelezen; bedoelt u {percent}%? Een "
                                            "evolutie staat hier in procent (typ -17 voor -17%)")
    return figure


def read_ratio(cell: object) -> Figure:
    """Interpret one cell as a ratio (``3,2`` job seekers per vacancy): not negative, decimals allowed."""
    return _read(cell, _ratio)


def _percent(cell: object, check: Callable[[float, str | None], Figure]) -> Figure:
    """A percentage, typed as a number or as text with ``%`` (then with a warning)."""
    if isinstance(cell, str) and (match := _PERCENT.match(cell.strip())) and match["number"]:
        figure = _read(match["number"], check)
        if figure.value is None:
            return Figure(None, error=f"{quoted(cell)} is geen percentage")
        return Figure(figure.value, warning=f"percentage als tekst {quoted(cell)} gelezen als {dutch(figure.value)}: "
                                            "typ het als getal, in procent")
    return _read(cell, check)


def _read(cell: object, check: Callable[[float, str | None], Figure]) -> Figure:
    """What every figure cell shares: empty, errors, logical values, dates, numbers typed as text."""
    if cell is None or (isinstance(cell, str) and not visible(cell).strip()):
        return Figure(None)
    cell = as_read(cell)
    if isinstance(cell, BadCell):
        return Figure(None, error=cell.reason)
    if isinstance(cell, bool):
        return Figure(None, error=f"'{_LOGICAL[cell]}' (een logische waarde) is geen getal")
    if isinstance(cell, (dt.date, dt.time, dt.timedelta)):
        return Figure(None, error=f"een datum of tijd ({cell}) is geen getal: zet de celopmaak op Getal")
    if isinstance(cell, (int, float)):
        return check(_as_float(cell), None)
    shown = quoted(str(cell).strip())
    text = visible(str(cell)).strip()
    if _COMMA_THOUSAND.match(text):
        return Figure(None, error=f"{shown} is dubbelzinnig: in het Nederlands {text} (een komma scheidt decimalen), "
                                  f"in het Engels {text.replace(',', '')}; typ het getal zonder scheidingsteken")
    if _DUTCH_NUMBER.match(text):
        value = float(re.sub(f"[{_GROUPS}]", "", text).replace(",", "."))
        return check(value, f"getal als tekst {shown} gelezen als {dutch(value)}: typ het als getal")
    if _ENGLISH_NUMBER.match(text):
        value = float(text.replace(",", ""))
        return check(value, f"getal als tekst {shown} in Engelse schrijfwijze gelezen als {dutch(value)}: "
                            "typ het als getal")
    if _POINT_DECIMAL.match(text):
        return Figure(None, error=f"{shown} is dubbelzinnig: een punt scheidt duizendtallen (1.234), "
                                  "een komma decimalen (21,3)")
    return Figure(None, error=f"{shown} is geen getal (laat de cel leeg als er geen gegeven is)")
def _as_float(number: int | float) -> float:
    """Any Python number as a float; integers too large for a float become infinite (then refused)."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def _share(value: float, note: str | None) -> Figure:
    """Refuse what cannot be a percentage of people."""
    if math.isnan(value):
        return Figure(None, error="geen getal (NaN)")
    if not 0 <= value <= 100:
        return Figure(None, error=f"aandeel {dutch(value)}% ligt niet tussen 0 en 100%")
    return Figure(value, warning=note)


def _evolution(value: float, note: str | None) -> Figure:
    """Refuse what cannot be an evolution in percent."""
    if math.isnan(value):
        return Figure(None, error="geen getal (NaN)")
    if not -100 <= value <= 1000:
        return Figure(None, error=f"evolutie {dutch(value)}% ligt niet tussen -100% en +1000%")
    return Figure(value, warning=note)


def _ratio(value: float, note: str | None) -> Figure:
    """Refuse what cannot be a ratio of two counts of people."""
    if math.isnan(value) or value < 0 or value > MAX_COUNT:
        return Figure(None, error=f"verhouding {dutch(value)} is geen verhouding van aantallen (0 of meer)")
    return Figure(value, warning=note)


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
