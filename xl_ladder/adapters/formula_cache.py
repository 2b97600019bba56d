"""The cached values of the worksheet-function cells, rewritten by the refresh (issue 27, class 7).

A cell calling ``LADDER_WAARDE(…)`` (the VBA path's bare name) or ``_xldudf_LADDER_WAARDE(…)`` (Lite's)
keeps in the file the value it had when last computed. Excel shows it until the function runs; LibreOffice
and any reader show it always. After a figure changes, a refresh that left it would let those cells show
the old figure (35.304 where it is now 35.404). So the refresh computes every such call with the table as
it now reads (the plain functions of :mod:`xl_ladder.functions`, exactly what the cells compute) and writes
the value into the cell, the formula untouched; a ``LADDER_TABEL`` array writes its whole range when the
ladder still has that shape (else its cells keep their values until Excel recalculates them).

Only calls whose arguments are literals (texts, numbers, nothing) and whole tables (``Maatregelen[#All]``,
``Context[#All]``) are computed: a call on a cell reference is left as Excel left it.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .. import functions
from ..cells import column_letters

FUNCTIONS: dict[str, Callable[..., Any]] = {
    "LADDER_WAARDE": functions.value, "LADDER_AANDEEL": functions.share, "LADDER_EVOLUTIE": functions.evolution,
    "LADDER_VERHOUDING": functions.ratio, "LADDER_TABEL": functions.whole_ladder,
}
_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_CALL = re.compile(rb'^(<f[^>]*>)((?:_xldudf_)?(LADDER_[A-Z]+)\((.*)\))</f>', re.S)
_ARGUMENT = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([A-Za-z_][\w.]*)\[#All\]|(-?[0-9]+(?:\.[0-9]+)?)|())\s*(?:,|$)')
_REF = re.compile(rb'ref="([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)"')

Tables = Mapping[str, Sequence[Sequence[Any]]]


def arguments(text: str, tables: Tables) -> list[Any] | None:
    """The arguments of a call as the function takes them (a table as its rows), or None when one is not a
    literal or a known table."""
    found: list[Any] = []
    at = 0
    while at < len(text):
        match = _ARGUMENT.match(text, at)
        if match is None or match.end() == at:
            return None
        quoted, table, number, _ = match.groups()
        if table is not None and table not in tables:
            return None
        found.append(quoted.replace('""', '"') if quoted is not None else tables[table] if table is not None else
                     (float(number) if "." in number else int(number)) if number is not None else None)
        at = match.end()
    return found


def value(name: str, text: str, tables: Tables) -> Any:
    """What ``name(text)`` computes now, or None when it cannot be computed here."""
    given = arguments(html.unescape(text), tables)
    if given is None:
        return None
    while given and given[-1] is None:  # an empty optional argument: the function's default
        given.pop()
    try:
        return FUNCTIONS[name](*given)
    except (TypeError, ValueError):  # a call Excel itself would refuse (#WAARDE!): left as it is
        return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def cell_xml(ref: str, attributes: bytes, formula: bytes, value: Any) -> bytes:
    """A cell with its formula (if any) and ``value`` cached, other attributes (style, metadata) kept."""
    kept = re.sub(rb'\s*t="[^"]*"', b"", attributes)
    if _empty(value):
        return b'<c r="%s"%s>%s</c>' % (ref.encode(), kept, formula) if formula else b'<c r="%s"%s/>' % (ref.encode(), kept)
    if _number(value):
        return b'<c r="%s"%s>%s<v>%s</v></c>' % (ref.encode(), kept, formula, repr(float(value)).encode())
    text = html.escape(str(value), quote=False).encode()
    if formula:
        return b'<c r="%s"%s t="str">%s<v>%s</v></c>' % (ref.encode(), kept, formula, text)
    return b'<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref.encode(), kept, text)


def _column(letters: bytes) -> int:
    number = 0
    for char in letters.decode():
        number = number * 26 + ord(char) - 64
    return number - 1


Edit = tuple[int, int, bytes]
"""(start, end, new text) of one cell in the sheet part."""


def shared_strings(part: bytes) -> list[str]:
    """The texts of a shared-string table, in order (a rich text's runs joined)."""
    return [_texts(item) for item in re.findall(rb"<si>(.*?)</si>", part, re.S)]


_TEXT_KINDS = (b"str", b"e", b"b")


def _current(cell: re.Match[bytes], shared: Sequence[str]) -> Any:
    """The value a cell holds now (as the reader would show it), to leave an unchanged cell byte for byte."""
    found = re.search(rb't="([^"]*)"', cell.group(3))
    kind, body = found.group(1) if found else b"", cell.group(4) or b""
    if kind == b"inlineStr":
        return _texts(body)
    stored = re.search(rb"<v>(.*?)</v>", body, re.S)
    text = html.unescape(stored.group(1).decode("utf-8")) if stored else None
    if text is None or kind in _TEXT_KINDS:
        return text
    if kind == b"s":
        return shared[int(text)] if text.isdigit() and int(text) < len(shared) else None
    return _float(text)


def _float(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:  # an empty or odd <v> another program wrote: the cell gets its value
        return text


def _texts(xml: bytes) -> str:
    """The text of an inline or shared string (a rich text's runs joined)."""
    return html.unescape("".join(t.decode("utf-8") for t in re.findall(rb"<t[^>]*>(.*?)</t>", xml, re.S)))


def _same(old: Any, new: Any) -> bool:
    if _empty(old) or _empty(new):
        return _empty(old) and _empty(new)
    if _number(new) and isinstance(old, float):  # written with 16 digits by XlsxWriter and Excel: within that
        return math.isclose(float(new), old, rel_tol=1e-14)
    return isinstance(old, str) and not _number(new) and old == str(new)


def rewrite(sheet: bytes, tables: Tables, shared: Sequence[str] = ()) -> bytes:
    """The sheet part with every computable function cell's cached value (and array range) rewritten; a cell
    whose value is unchanged keeps its bytes (``shared``: the workbook's shared strings)."""
    if b"LADDER_" not in sheet:
        return sheet
    edits, spilled = _calls(sheet, tables, shared)
    done = {start for start, _, _ in edits}
    for cell in _CELL.finditer(sheet):
        ref = cell.group(1).decode() + cell.group(2).decode()
        if ref in spilled and cell.start() not in done and not _same(_current(cell, shared), spilled[ref]):
            edits.append((cell.start(), cell.end(), cell_xml(ref, cell.group(3), b"", spilled[ref])))
    out, at = [], 0
    for start, end, xml in sorted(edits):
        out += [sheet[at:start], xml]
        at = end
    return b"".join([*out, sheet[at:]])


def _calls(sheet: bytes, tables: Tables, shared: Sequence[str]) -> tuple[list[Edit], dict[str, Any]]:
    """The edits of the cells holding a computable call, and the values of the arrays' other cells by address."""
    edits: list[Edit] = []
    spilled: dict[str, Any] = {}
    for cell in _CELL.finditer(sheet):
        call = _CALL.match(cell.group(4) or b"")
        computed = None if call is None else value(call.group(3).decode(), call.group(4).decode("utf-8"), tables)
        if isinstance(computed, list):  # LADDER_TABEL: the array's range
            computed = _array(cell, call.group(1) if call else b"", computed, spilled)
        if call is None or computed is None:
            continue
        ref = cell.group(1).decode() + cell.group(2).decode()
        spilled.pop(ref, None)
        if not _same(_current(cell, shared), computed):
            formula = call.group(1) + call.group(2) + b"</f>"
            edits.append((cell.start(), cell.end(), cell_xml(ref, cell.group(3), formula, computed)))
    return edits, spilled


def _array(cell: re.Match[bytes], opening: bytes, grid: list[list[Any]], spilled: dict[str, Any]) -> Any:
    """The top-left value of an array's new result, its other cells added to ``spilled``; None when the stored
    range has another shape (then Excel recalculates it)."""
    if not _fits(opening, grid):
        return None
    top, left = int(cell.group(2)) - 1, _column(cell.group(1))
    spilled.update({f"{column_letters(left + c)}{top + r + 1}": item
                    for r, line in enumerate(grid) for c, item in enumerate(line)})
    return grid[0][0]


def _fits(opening: bytes, grid: list[list[Any]]) -> bool:
    """Whether the array formula's stored range has the shape of the new result (else it is left to Excel)."""
    found = _REF.search(opening)
    if found is None:
        return False
    rows = int(found.group(4)) - int(found.group(2)) + 1
    columns = _column(found.group(3)) - _column(found.group(1)) + 1
    return bool(grid) and rows == len(grid) and columns == max(map(len, grid))
