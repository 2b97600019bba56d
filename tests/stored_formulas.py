"""Worksheet-function calls as the file stores them: the formula text of each cell (``<f>``), read
from the sheet's XML, and the values cached for it (the cell, or the whole spilled range of a
dynamic array), read with python-calamine."""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine as calamine
from defusedxml import ElementTree

from .raw_cells import sheet_part

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CALL = re.compile(r"(?P<name>[A-Za-z_][\w.]*)\((?P<arguments>.*)\)", re.S)
ARGUMENT = re.compile(r'\s*(?:"(?P<text>(?:[^"]|"")*)"|(?P<table>\w+)\[#All\]|(?P<number>-?[\d.]+))\s*(?:,|$)')


@dataclass(frozen=True)
class StoredCall:
    """One cell calling a worksheet function, as stored in the file."""

    address: str
    name: str
    """As stored: ``LADDER_WAARDE`` (a VBA function) or ``_xldudf_LADDER_WAARDE`` (an add-in's)."""
    arguments: tuple[Any, ...]
    """Texts and numbers as written; a table reference ``Maatregelen[#All]`` as ``("table", "Maatregelen")``."""
    cached: list[list[Any]]
    """The values the file holds for it: one cell, or the spilled range of a dynamic array."""

    def resolved(self, tables: dict[str, list[list[Any]]]) -> list[Any]:
        """The arguments as Excel hands them to the function: tables as rows, header first."""
        return [tables[a[1]] if isinstance(a, tuple) else a for a in self.arguments]


def _arguments(text: str) -> tuple[Any, ...]:
    found: list[Any] = []
    position = 0
    while position < len(text):
        match = ARGUMENT.match(text, position)
        assert match and match.end() > position, f"cannot read the arguments {text!r} at {position}"
        if match["text"] is not None:
            found.append(match["text"].replace('""', '"'))
        elif match["table"]:
            found.append(("table", match["table"]))
        else:
            number = float(match["number"])
            found.append(int(number) if number.is_integer() else number)
        position = match.end()
    return tuple(found)


def _cell(address: str) -> tuple[int, int]:
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()  # type: ignore[union-attr]
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(digits) - 1, column - 1


def stored_calls(path: Path, sheet: str) -> list[StoredCall]:
    """Every formula cell of ``sheet`` that calls a function, in sheet order."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read(sheet_part(archive, sheet)))
    book = calamine.CalamineWorkbook.from_path(str(path))
    values = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    book.close()

    def value(row: int, column: int) -> Any:
        return values[row][column] if row < len(values) and column < len(values[row]) else ""

    calls = []
    for cell in root.iter(f"{MAIN}c"):
        formula = cell.find(f"{MAIN}f")
        if formula is None or not formula.text:
            continue
        match = CALL.fullmatch(formula.text)
        assert match, formula.text
        top, left = _cell(cell.get("r", ""))
        bottom, right = _cell(formula.get("ref", "").split(":")[-1]) if formula.get("ref") else (top, left)
        cached = [[value(r, c) for c in range(left, right + 1)] for r in range(top, bottom + 1)]
        calls.append(StoredCall(cell.get("r", ""), match["name"], _arguments(match["arguments"]), cached))
    return calls


def same_cells(result: list[list[Any]], cached: list[list[Any]]) -> bool:
    """Whether a function's result equals the values the file caches for it: texts exactly, an empty
    result as an empty cell, numbers to the 16 significant digits XlsxWriter writes a spilled cell with."""
    def same(got: Any, kept: Any) -> bool:
        if isinstance(got, int | float) and isinstance(kept, int | float):
            return math.isclose(got, kept, rel_tol=1e-15)
        return ("" if got is None else got) == kept
    return len(result) == len(cached) and all(
        len(row) == len(kept) and all(same(g, k) for g, k in zip(row, kept, strict=True))
        for row, kept in zip(result, cached, strict=True))
