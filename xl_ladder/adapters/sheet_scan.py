"""What a sheet's XML holds that python-calamine's values do not show, streamed through expat.

calamine returns an Excel error (``#DIV/0!``) and a formula saved without its result both as
``""`` — no data. The sheet XML is scanned (and only when a byte search finds formulas, errors or
cells beyond the table) to report them at their cell, together with merged cells in the table and
values typed just outside it, which the table would otherwise silently leave out. The same
handlers read a table part's columns and the shared strings a header needs; elements are never
built.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import IO, Any
from xml.parsers import expat

from ..problems import BadCell, excel_error, uncomputed_formula

_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_MERGE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s+ref\s*=\s*[\"']([A-Z]+\d+):([A-Z]+\d+)[\"']")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s+ref\s*=\s*[\"'](?:[A-Z]+\d+:)?([A-Z]+\d+)[\"']")
_HEAD = 1 << 16
"""The used range (``<dimension>``) comes before the cells, within this many bytes."""
_HIDDEN = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"', b"t='e'")
"""Byte strings of which one occurs wherever a formula or an Excel error is stored (as every writer writes them)."""
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How the file format escapes a character in a name (a line break typed in a header is ``_x000a_``)."""


def unescape(name: str) -> str:
    """A name as the file format stores it (``West-Vlaanderen_x000a_2020``) in plain text."""
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), name) if "_x" in name else name


@functools.lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26 (cached: a sheet repeats the same few columns on every row)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def position(ref: str) -> tuple[int, int] | None:
    """``D5`` → (4, 3), 0-based; None for anything else."""
    match = _REF.match(ref)
    return None if match is None else (int(match[2]) - 1, _column(match[1]))


@dataclass
class Scan:
    """What the sheet XML holds in an area that calamine's values do not show."""

    bad: dict[tuple[int, int], BadCell] = field(default_factory=dict)
    filled: set[tuple[int, int]] = field(default_factory=set)
    kept: dict[tuple[int, int], tuple[str, str]] | None = None
    """When asked for: each cell's type and stored text (a shared string's index, an inline string's text)."""
    merged: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """Every merge of the sheet: its range and (row, col) of its corners."""


def scan_part(data: bytes, rows: range, cols: range, outside: tuple[int, int] = (0, 0)) -> Scan:
    """Excel errors, formulas without a result and filled cells of a sheet part within an area; all merges.

    A byte search in the raw part decides first whether its cells need a look at all: not when it
    has no formula, no error value and no cell used from row or column ``outside`` on (the usual
    case: nothing beside the table).
    """
    found = Scan()
    for match in _MERGE.finditer(data) if b"mergeCell " in data else ():
        first, last = (position(ref.decode()) for ref in match.groups())
        if first and last:
            found.merged.append((f"{match[1].decode()}:{match[2].decode()}", first, last))
    used = _DIMENSION.search(data, 0, _HEAD)
    end = position(used[1].decode()) if used else None
    hidden = any(marker in data for marker in _HIDDEN)
    if hidden or end is None or end[0] >= outside[0] or end[1] >= outside[1]:
        Cells(found, rows, cols).read(data)
    return found


def refuse_dtd(*args: object) -> None:
    """Expat without a DTD cannot expand entities, and every part's prolog was checked for one; a DOCTYPE
    met while reading a part is refused all the same."""
    raise ValueError("DTD in een onderdeel")


class Cells:
    """Expat handlers noting the cells of an area (elements are never built: ~4 times faster).

    """

    def __init__(self, found: Scan, rows: range, cols: range) -> None:
        self.found, self.rows, self.cols = found, rows, cols
        self.row = self.col = -1
        self.cell: tuple[int, int] | None = None
        """The current cell, if inside the area."""
        self.type, self.inline = "", False
        self.formula: list[str] | None = None
        self.value: list[str] = []
        self.text: list[str] | None = None

    def read(self, data: bytes) -> None:
        parser = expat.ParserCreate()
        parser.StartElementHandler, parser.EndElementHandler = self.start, self.end
        parser.CharacterDataHandler = self.characters
        parser.StartDoctypeDeclHandler = refuse_dtd
        parser.Parse(data, True)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name == "row":
            self.row, self.col = int(attrs.get("r") or self.row + 2) - 1, -1
        elif name == "c":
            self.row, self.col = position(attrs.get("r", "")) or (self.row, self.col + 1)
            self.cell = (self.row, self.col) if self.row in self.rows and self.col in self.cols else None
            self.type, self.inline, self.formula, self.value = attrs.get("t", ""), False, None, []
        elif self.cell is not None and name == "f":
            self.formula = self.text = []
        elif self.cell is not None and name == "v":
            self.text = self.value
        elif self.cell is not None and name == "is":
            self.inline = True
        elif self.inline and name == "t":
            self.text = self.value

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name in ("f", "v", "t"):
            self.text = None
        elif name == "c" and self.cell is not None:
            value = "".join(self.value)
            if self.found.kept is not None:
                self.found.kept[self.cell] = ("inlineStr" if self.inline else self.type, value)
            if self.type == "e" and value:
                self.found.bad[self.cell] = excel_error(value)
            elif self.formula is not None and not value and self.type != "str":
                self.found.bad[self.cell] = uncomputed_formula("".join(self.formula))
            elif value or self.inline:
                self.found.filled.add(self.cell)
            self.cell = None


def area(ref: str) -> tuple[int, int, int, int] | None:
    """``A1:G46`` → (top, left, bottom, right), 0-based; None for anything else."""
    first, _, last = ref.partition(":")
    start, end = position(first), position(last or first)
    return None if start is None or end is None else (*start, *end)


def table_part(data: bytes) -> tuple[dict[str, str], list[str]]:
    """The attributes of a table part's root and its column names, streamed (a wide table has thousands)."""
    root: dict[str, str] = {}
    columns: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if not root:
            root.update(attrs)
        elif name == "tableColumn":
            columns.append(attrs.get("name", ""))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.Parse(data, True)
    return root, columns


def stored(kind: str, text: str, strings: dict[int, str]) -> Any:
    """A cell's value from its type and stored text, as python-calamine gives it."""
    if kind == "s":
        return strings.get(int(text), "") if text.isdigit() else ""
    if kind in ("inlineStr", "str", "d"):
        return unescape(text)
    if kind == "b":
        return text == "1"
    if kind == "e":
        return excel_error(text)
    try:
        return float(text)
    except ValueError:
        return ""


class _Enough(Exception):
    """Raised by :class:`Strings` once every string asked for is read."""


class Strings:
    """Expat handlers reading the shared-string table as far as the last index asked for: a ``<si>``'s text
    is its ``<t>`` texts, phonetic runs (``<rPh>``) aside."""

    def __init__(self, needed: set[int]) -> None:
        self.needed, self.last = needed, max(needed)
        self.found: dict[int, str] = {}
        self.index, self.texts = -1, list[str]()
        self.reading = self.phonetic = False

    def read(self, stream: IO[bytes]) -> dict[int, str]:
        parser = expat.ParserCreate()
        parser.StartElementHandler, parser.EndElementHandler = self.start, self.end
        parser.CharacterDataHandler = self.characters
        parser.StartDoctypeDeclHandler = refuse_dtd
        try:
            while chunk := stream.read(1 << 16):
                parser.Parse(chunk, False)
        except _Enough:
            pass
        return self.found

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name == "si":
            self.index += 1
            self.texts = []
        self.phonetic = self.phonetic or name == "rPh"
        self.reading = self.reading or (name == "t" and not self.phonetic)

    def characters(self, text: str) -> None:
        if self.reading:
            self.texts.append(text)

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        self.reading = self.reading and name != "t"
        self.phonetic = self.phonetic and name != "rPh"
        if name == "si":
            if self.index in self.needed:
                self.found[self.index] = unescape("".join(self.texts))
            if self.index >= self.last:
                raise _Enough


