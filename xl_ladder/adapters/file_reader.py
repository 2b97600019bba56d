"""Read the measure table and the settings from a workbook file, without ever writing to it.

python-calamine reads values (the cached ones for formula cells) several times faster than
openpyxl; the file is opened read-only and never saved. Two things it cannot do are done here:

- **Refuse hostile packages before unpacking them.** Declared sizes are checked first (a zip
  bomb is refused without inflating it; both zip readers stop at the declared size), and no part
  may carry a DTD (Excel never writes one; entity expansion is how an XML bomb works). Only
  each part's prolog is parsed for that, with defusedxml.
- **Tell an empty cell from an unusable one.** calamine returns an Excel error (``#DIV/0!``) and
  a formula saved without its result both as ``""`` — no data. The sheet XML is scanned (streamed
  through expat, and only when a byte search finds formulas, errors or cells beyond the table) to
  report them at their cell, together with merged cells in the table and values typed just
  outside it, which the table would otherwise silently leave out.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

import python_calamine as calamine
from defusedxml import DTDForbidden, ElementTree

from ..cells import address
from ..context import CONTEXT_TABLE, SECTORS_TABLE
from ..problems import BadCell, InputError, Problem, Severity, excel_error, os_error_text, uncomputed_formula
from ..settings import SHEET as SETTINGS_SHEET
from ..settings import RawSettings, collect
from ..table import TABLE_NAME, RawTable
from .opc import MAIN_NS, MAX_UNPACKED, REL_NS, duplicate_parts, relationships, rels_path

EXTRA_TABLES = (CONTEXT_TABLE, SECTORS_TABLE)

MAX_RATIO = 200
"""Highest compression ratio accepted for a part above :data:`RATIO_FROM` (real sheets stay far below)."""
RATIO_FROM = 1 << 20
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Start of an old ``.xls`` file, and of an encrypted (password-protected) ``.xlsx``/``.xlsm``."""
_PARSED_PARTS = re.compile(r"^xl/(worksheets/[^/]+|tables/[^/]+|sharedStrings|workbook|styles)\.xml$")
"""The parts calamine parses for the values; they are checked for a DTD. Relationship and content-type
parts go through defusedxml (entities refused); the writer reads the others as text, never as XML."""
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")
_MERGE = re.compile(rb"<(?:[\w.-]+:)?mergeCell\s+ref\s*=\s*[\"']([A-Z]+\d+):([A-Z]+\d+)[\"']")
_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\s+ref\s*=\s*[\"'](?:[A-Z]+\d+:)?([A-Z]+\d+)[\"']")
_HEAD = 1 << 16
"""The used range (``<dimension>``) comes before the cells, within this many bytes."""
_HIDDEN = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/", b't="e"', b"t='e'")
"""Byte strings of which one occurs wherever a formula or an Excel error is stored (as every writer writes them)."""
_UNREADABLE_ERROR = "Unsupported cell error value"
"""How python-calamine refuses a sheet holding an error value it does not know (``#SPILL!``, ``#CALC!``, …)."""
_ERROR_VALUE = re.compile(rb"(<(?:[\w.-]+:)?c\b[^>]*\bt\s*=\s*[\"']e[\"'][^>]*>(?:(?!</(?:[\w.-]+:)?c>).)*?"
                          rb"<(?:[\w.-]+:)?v>)[^<]*(<)", re.S)
"""The stored value of a cell of type ``e`` (an Excel error)."""
_BROKEN = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError,
           ElementTree.ParseError, expat.ExpatError, calamine.CalamineError)
"""What a damaged package raises while its parts are read (defusedxml's refusals are ValueErrors)."""


@dataclass(frozen=True)
class WorkbookInput:
    """What the core needs from a workbook file."""

    table: RawTable
    settings: RawSettings
    extra: dict[str, RawTable] = field(default_factory=dict)
    """The context tables present (Context, Sectoren), by name."""


def _fail(path: Path, message: str) -> InputError:
    return InputError([Problem(Severity.ERROR, path.name, message)])


def read_workbook(path: Path) -> WorkbookInput:
    """Read the ``Maatregelen`` table and the ``Instellingen`` sheet; raise :class:`InputError` with a Dutch message."""
    try:
        with _package(path) as archive:
            try:
                return _read_input(path, archive, _open(path))
            except calamine.CalamineError as error:
                if _UNREADABLE_ERROR not in str(error):
                    raise
            return _read_input(path, archive, _open(path, _masked(archive)))
    except _BROKEN as error:
        raise _fail(path, f"de werkmap is beschadigd ({type(error).__name__}: {error})") from error


def _open(path: Path, data: bytes | None = None) -> calamine.CalamineWorkbook:
    """The workbook opened by python-calamine, from the file or from a copy of its bytes."""
    try:
        if data is None:
            return calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data), load_tables=True)
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise _fail(path, f"de werkmap kan niet gelezen worden ({type(error).__name__}: {error})") from error


def _read_input(path: Path, archive: zipfile.ZipFile, book: calamine.CalamineWorkbook) -> WorkbookInput:
    """The tables and the settings, from the package and calamine's view of it (closed afterwards)."""
    try:
        sheets = _sheet_parts(archive)
        table = _read_table(path, book, archive, sheets)
        if table is None:
            others = f" (wel: {', '.join(repr(n) for n in book.table_names)})" if book.table_names else ""
            raise _fail(path, f"geen Excel-tabel '{TABLE_NAME}' gevonden{others}: selecteer de cijfers, "
                              f"Invoegen > Tabel, en noem de tabel '{TABLE_NAME}'")
        extra = {name: found for name in EXTRA_TABLES
                 if (found := _read_table(path, book, archive, sheets, name)) is not None}
        return WorkbookInput(table, _read_settings(book, archive, sheets), extra)
    finally:
        book.close()


def _masked(archive: zipfile.ZipFile) -> bytes:
    """The package with every Excel error value stored as ``#N/A``, which calamine reads.

    Only the values calamine sees change; the sheet scan reads the original parts and reports each
    error, ``#SPILL!`` and the like included, at its cell. Used only after calamine refused a sheet
    (python-calamine 0.x knows only the seven classic errors), so the usual read costs nothing more.
    """
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.startswith("xl/worksheets/") and b"#" in data:
                data = _ERROR_VALUE.sub(rb"\1#N/A\2", data)
            target.writestr(info.filename, data)
    return copy.getvalue()


@contextmanager
def _package(path: Path) -> Iterator[zipfile.ZipFile]:
    """Open the package after checking it is one, of a sane size, without DTDs; refuse it otherwise."""
    if not path.is_file():
        raise _fail(path, "bestand niet gevonden")
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_OLE2))
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        if start == _OLE2:
            raise _fail(path, "een oud .xls-bestand of een werkmap met wachtwoord: bewaar ze in Excel "
                              "als .xlsm, zonder wachtwoord") from error
        raise _fail(path, "dit is geen Excel-werkmap (.xlsm/.xlsx), of het bestand is beschadigd") from error
    except OSError as error:
        raise _fail(path, f"het bestand kan niet gelezen worden: {os_error_text(error)}") from error
    with archive:
        _check_sizes(path, archive.infolist())
        if refusal := duplicate_parts(archive.namelist()):
            raise _fail(path, refusal)
        if "[Content_Types].xml" not in archive.namelist() or _main_part(archive) is None:
            raise _fail(path, "dit zip-bestand is geen Excel-werkmap (er is geen werkmap-onderdeel)")
        for info in archive.infolist():
            if _PARSED_PARTS.match(info.filename) and _has_dtd(archive, info):
                raise _fail(path, f"onderdeel {info.filename} bevat een DTD (<!DOCTYPE>); Excel schrijft die nooit: "
                                  "geweigerd (mogelijk een XML-bom)")
        yield archive


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes the archive declares (the readers never unpack beyond them)."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED:
        raise _fail(path, f"de werkmap pakt uit tot {total >> 20} MB, meer dan {MAX_UNPACKED >> 20} MB: geweigerd "
                          "(mogelijk een zip-bom)")
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise _fail(path, f"onderdeel {info.filename} is {ratio} keer samengeperst ({info.file_size >> 20} MB "
                              "uitgepakt): geweigerd (mogelijk een zip-bom)")


class _PrologOver(Exception):
    """Raised by the expat handler at the root element: the prolog, where a DTD would be, is read."""


def _has_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True if the part's prolog declares a DTD.

    Only the prolog is read, a kilobyte at a time, and parsing stops at the DOCTYPE itself,
    so no entity is ever expanded; expat honours the part's declared encoding.
    """
    def doctype(*_: object) -> None:
        raise DTDForbidden("DOCTYPE", None, None)

    def root(*_: object) -> None:
        raise _PrologOver

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    with archive.open(info) as part:
        try:
            while chunk := part.read(1024):
                parser.Parse(chunk, False)
        except DTDForbidden:
            return True
        except (_PrologOver, expat.ExpatError):  # not well-formed (Excel's VML often is not): no DTD question
            return False
    return False


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, part name) of a part's internal relationships."""
    rels = rels_path(part)
    if rels not in archive.namelist():
        return {}
    return {rid: (kind, target) for rid, kind, target in relationships(part, archive.read(rels))}


def _main_part(archive: zipfile.ZipFile) -> str | None:
    return next((t for kind, t in _relationships(archive, "").values() if kind.endswith("/officeDocument")), None)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package."""
    workbook = _main_part(archive) or ""
    rels = _relationships(archive, workbook)
    root = ElementTree.fromstring(archive.read(workbook))
    return {
        sheet.get("name", ""): rels[sheet.get(f"{{{REL_NS}}}id", "")][1]
        for sheet in root.iter(f"{{{MAIN_NS}}}sheet") if sheet.get(f"{{{REL_NS}}}id", "") in rels
    }


@functools.lru_cache(maxsize=4096)
def _column(letters: str) -> int:
    """``A`` → 0, ``AA`` → 26 (cached: a sheet repeats the same few columns on every row)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _position(ref: str) -> tuple[int, int] | None:
    """``D5`` → (4, 3), 0-based; None for anything else."""
    match = _REF.match(ref)
    return None if match is None else (int(match[2]) - 1, _column(match[1]))


@dataclass
class _Scan:
    """What the sheet XML holds in an area that calamine's values do not show."""

    bad: dict[tuple[int, int], BadCell] = field(default_factory=dict)
    filled: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """Every merge of the sheet: its range and (row, col) of its corners."""


def _scan(archive: zipfile.ZipFile, part: str, rows: range, cols: range, outside: tuple[int, int] = (0, 0)) -> _Scan:
    """Excel errors, formulas without a result and filled cells of the sheet part within an area; all merges.

    A byte search in the raw part decides first whether its cells need a look at all: not when it
    has no formula, no error value and no cell used from row or column ``outside`` on (the usual
    case: nothing beside the table).
    """
    data = archive.read(part)
    found = _Scan()
    for match in _MERGE.finditer(data) if b"mergeCell " in data else ():
        first, last = (_position(ref.decode()) for ref in match.groups())
        if first and last:
            found.merged.append((f"{match[1].decode()}:{match[2].decode()}", first, last))
    used = _DIMENSION.search(data, 0, _HEAD)
    end = _position(used[1].decode()) if used else None
    hidden = any(marker in data for marker in _HIDDEN)
    if hidden or end is None or end[0] >= outside[0] or end[1] >= outside[1]:
        _Cells(found, rows, cols).read(data)
    return found


class _Cells:
    """Expat handlers noting the cells of an area (elements are never built: ~4 times faster).

    Expat without a DTD cannot expand entities, and every part's prolog was checked for one;
    a DOCTYPE here is refused all the same.
    """

    def __init__(self, found: _Scan, rows: range, cols: range) -> None:
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
        parser.StartDoctypeDeclHandler = self.refuse
        parser.Parse(data, True)

    def refuse(self, *args: object) -> None:
        raise ValueError("DTD in een werkblad")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]
        if name == "row":
            self.row, self.col = int(attrs.get("r") or self.row + 2) - 1, -1
        elif name == "c":
            self.row, self.col = _position(attrs.get("r", "")) or (self.row, self.col + 1)
            self.cell = (self.row, self.col) if self.row in self.rows and self.col in self.cols else None
            self.type, self.inline, self.formula, self.value = attrs.get("t", ""), False, None, []
        elif self.cell is not None and name == "f":
            self.formula = self.text = []
        elif self.cell is not None and name == "v":
            self.text = self.value
        elif self.cell is not None and name == "is":
            self.inline = True

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name in ("f", "v"):
            self.text = None
        elif name == "c" and self.cell is not None:
            value = "".join(self.value)
            if self.type == "e" and value:
                self.found.bad[self.cell] = excel_error(value)
            elif self.formula is not None and not value and self.type != "str":
                self.found.bad[self.cell] = uncomputed_formula("".join(self.formula))
            elif value or self.inline:
                self.found.filled.add(self.cell)
            self.cell = None


def _totals_rows(archive: zipfile.ZipFile, part: str, name: str) -> int:
    """Rows of the table's totals row (Excel's *Totaalrij*), which calamine leaves out of the body."""
    for kind, target in _relationships(archive, part).values():
        if kind.endswith("/table") and target in archive.namelist():
            root = ElementTree.fromstring(archive.read(target))
            if root.get("name", "").casefold() == name.casefold():
                return int(root.get("totalsRowCount") or 0)
    return 0


def _read_table(path: Path, book: calamine.CalamineWorkbook, archive: zipfile.ZipFile,
                sheets: dict[str, str], name: str = TABLE_NAME) -> RawTable | None:
    """An Excel table by name (None if the workbook has none), with what plain values cannot carry."""
    names = {table.casefold(): table for table in book.table_names or []}
    if name.casefold() not in names:
        return None
    found = book.get_table_by_name(names[name.casefold()])
    first, left = found.start or (1, 0)
    top = first - 1
    rows: list[list[Any]] = found.to_python()
    right = left + len(found.columns) - 1
    bottom = top + len(rows)
    part = sheets[found.sheet]
    below = bottom + 1 + _totals_rows(archive, part, names[name.casefold()])
    scan = _scan(archive, part, range(top, below + 1), range(left, right + 3), outside=(below, right + 1))
    for (r, c), bad in scan.bad.items():
        if top < r <= bottom and c <= right:
            rows[r - top - 1][c - left] = bad
    problems = [Problem(Severity.ERROR, address(found.sheet, *start),
                        f"cellen {ref} zijn samengevoegd: in de tabel {name} hoort elke cel een eigen waarde; "
                        "maak de samenvoeging ongedaan") for ref, start, end in scan.merged
                if start[0] <= bottom and end[0] >= top and start[1] <= right and end[1] >= left]
    beside = min((cell for cell in scan.filled if cell[1] == right + 1), default=None)
    outside = [  # the first cell of the row under the table; of the column beside it, or after an empty one
        min((cell for cell in scan.filled if cell[0] == below), default=None, key=lambda cell: cell[1]),
        beside or min((cell for cell in scan.filled if cell[1] == right + 2), default=None),
    ]
    problems += [Problem(Severity.WARNING, address(found.sheet, *cell),
                         f"deze cel ligt net buiten de tabel {name} en wordt genegeerd: vergroot de tabel "
                         "(sleep de hoek rechtsonder) als ze erbij hoort") for cell in dict.fromkeys(outside) if cell]
    return RawTable(found.sheet, top, left, list(found.columns), rows, tuple(problems))


def _read_settings(book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, sheets: dict[str, str]) -> RawSettings:
    """Label in column A, value in column B of the settings sheet (absent sheet: all defaults)."""
    if SETTINGS_SHEET not in book.sheet_names:
        return {}
    grid = book.get_sheet_by_name(SETTINGS_SHEET).to_python(skip_empty_area=False)
    if not grid:
        return {}
    bad = _scan(archive, sheets[SETTINGS_SHEET], range(len(grid)), range(1, 2)).bad
    return collect((row[0], bad.get((r, 1)) or (row[1] if len(row) > 1 and row[1] != "" else None),
                    address(SETTINGS_SHEET, r, 1)) for r, row in enumerate(grid) if row)
