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
from typing import IO, Any
from xml.parsers import expat

import python_calamine as calamine
from defusedxml import DTDForbidden, ElementTree

from .. import sources
from ..cells import address, sheet_prefix
from ..context import CONTEXT_TABLE, SECTORS_TABLE
from ..problems import BadCell, InputError, Problem, Severity, excel_error, os_error_text, uncomputed_formula
from ..settings import SHEET as SETTINGS_SHEET
from ..settings import RawSettings, read_sheet
from ..table import TABLE_NAME, RawTable, no_header, outside
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
_DAMAGE = (
    ((zipfile.BadZipFile, zlib.error, EOFError), "de gecomprimeerde gegevens van een onderdeel kloppen niet"),
    ((KeyError,), "een onderdeel ontbreekt"),
    ((ElementTree.ParseError, expat.ExpatError), "een onderdeel is geen geldige XML"),
    ((ValueError, NotImplementedError, RuntimeError, calamine.CalamineError), "de inhoud kan niet gelezen worden"),
)
"""What a damaged package raises while its parts are read (defusedxml's refusals are ValueErrors), and the
Dutch words for it: the libraries' own texts are English, so they are never shown."""
_BROKEN = tuple(kind for kinds, _ in _DAMAGE for kind in kinds)
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""How the file format escapes a character in a name (a line break typed in a header is ``_x000a_``)."""


@dataclass(frozen=True)
class WorkbookInput:
    """What the core needs from a workbook file."""

    table: RawTable
    settings: RawSettings
    extra: dict[str, RawTable] = field(default_factory=dict)
    """The context tables present (Context, Sectoren), by name."""
    found: list[Problem] = field(default_factory=list)
    """What finding the input told (a sheet or table under a name that nearly matches, settings moved)."""


@dataclass(frozen=True)
class _Table:
    """An Excel table as its part describes it: where it is and its own column names."""

    name: str
    sheet: str
    part: str
    """The part of its sheet."""
    top: int
    left: int
    bottom: int
    right: int
    headers: int
    """Header rows: 1, or 0 when switched off."""
    totals: int
    """Rows of its totals row (Excel's *Totaalrij*), under the body."""
    columns: tuple[str, ...]


def _fail(path: Path, message: str) -> InputError:
    return InputError([Problem(Severity.ERROR, path.name or str(path), message)])


def _damaged(error: BaseException) -> str:
    """Dutch words for what broke while the package was read; for a missing part, its name."""
    words = next(text for kinds, text in _DAMAGE if isinstance(error, kinds))
    missing = re.search(r"'([^']+)'", str(error)) if isinstance(error, KeyError) else None
    return f"{words} ({missing[1]})" if missing else words


def unescape(name: str) -> str:
    """A name as the file format stores it (``West-Vlaanderen_x000a_2020``) in plain text."""
    return _ESCAPE.sub(lambda match: chr(int(match[1], 16)), name) if "_x" in name else name


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
        raise _fail(path, f"de werkmap is beschadigd: {_damaged(error)}") from error


def _open(path: Path, data: bytes | None = None) -> calamine.CalamineWorkbook:
    """The workbook opened by python-calamine, from the file or from a copy of its bytes."""
    try:
        if data is None:
            return calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data), load_tables=True)
    except Exception as error:  # calamine raises several unrelated types for broken files
        cause = f": {_damaged(error)}" if isinstance(error, _BROKEN) else ""
        raise _fail(path, f"de werkmap kan niet gelezen worden{cause}") from error


def _read_input(path: Path, archive: zipfile.ZipFile, book: calamine.CalamineWorkbook) -> WorkbookInput:
    """The tables and the settings, from the package and calamine's view of it (closed afterwards).

    Tables and the settings sheet are found as Excel finds them (:mod:`xl_ladder.sources`); each sheet
    is read once, however many tables it holds.
    """
    try:
        sheets = _sheet_parts(archive)
        tables = {table.name: table for table in _table_parts(archive, sheets)}
        main = next((table for name, table in tables.items() if name.casefold() == TABLE_NAME.casefold()), None)
        if main is None:
            others = f" (wel: {', '.join(repr(n) for n in tables)})" if tables else ""
            raise _fail(path, f"geen Excel-tabel '{TABLE_NAME}' gevonden{others}: selecteer de cijfers, "
                              f"Invoegen > Tabel, en noem de tabel '{TABLE_NAME}'")
        where = {name: address(table.sheet, table.top, table.left) for name, table in tables.items()}
        found: list[Problem] = []
        extra = {}
        for wanted in EXTRA_TABLES:
            name, near = sources.find(wanted, where, "tabel")
            found += near
            if name is not None:
                extra[wanted] = _read_table(book, archive, tables[name])
        sheet, near = sources.find(SETTINGS_SHEET, {name: f"{sheet_prefix(name)}!A1" for name in sheets}, "blad")
        settings, told = _read_settings(book, archive, sheets, sheet)
        return WorkbookInput(_read_table(book, archive, main), settings, extra, found + near + told)
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
    if path.is_dir():
        raise _fail(path, "dit is een map, geen werkmap: geef het pad van het .xlsm-bestand")
    if path.exists() and not path.is_file():
        raise _fail(path, "dit is geen gewoon bestand (maar bv. een apparaat of een pijp): geef het pad van het .xlsm-bestand")
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
    found = {
        sheet.get("name", ""): rels[sheet.get(f"{{{REL_NS}}}id", "")][1]
        for sheet in root.iter(f"{{{MAIN_NS}}}sheet") if sheet.get(f"{{{REL_NS}}}id", "") in rels
    }
    for part in found.values():
        if part not in archive.namelist():  # python-calamine would say "File not found", in English
            raise KeyError(f"'{part}'")
    return found


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
    kept: dict[tuple[int, int], tuple[str, str]] | None = None
    """When asked for: each cell's type and stored text (a shared string's index, an inline string's text)."""
    merged: list[tuple[str, tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    """Every merge of the sheet: its range and (row, col) of its corners."""


def _scan(data: bytes, rows: range, cols: range, outside: tuple[int, int] = (0, 0)) -> _Scan:
    """Excel errors, formulas without a result and filled cells of a sheet part within an area; all merges.

    A byte search in the raw part decides first whether its cells need a look at all: not when it
    has no formula, no error value and no cell used from row or column ``outside`` on (the usual
    case: nothing beside the table).
    """
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


def _refuse_dtd(*args: object) -> None:
    """Expat without a DTD cannot expand entities, and every part's prolog was checked for one; a DOCTYPE
    met while reading a part is refused all the same."""
    raise ValueError("DTD in een onderdeel")


class _Cells:
    """Expat handlers noting the cells of an area (elements are never built: ~4 times faster).

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
        parser.StartDoctypeDeclHandler = _refuse_dtd
        parser.Parse(data, True)

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


def _area(ref: str) -> tuple[int, int, int, int] | None:
    """``A1:G46`` → (top, left, bottom, right), 0-based; None for anything else."""
    first, _, last = ref.partition(":")
    start, end = _position(first), _position(last or first)
    return None if start is None or end is None else (*start, *end)


def _table_parts(archive: zipfile.ZipFile, sheets: dict[str, str]) -> list[_Table]:
    """Every Excel table of the workbook, from its part: name, place, header and totals rows, column names."""
    found = []
    for sheet, part in sheets.items():
        for kind, target in _relationships(archive, part).values():
            if not kind.endswith("/table") or target not in archive.namelist():
                continue
            attrs, columns = _table_part(archive.read(target))
            area = _area(attrs.get("ref", ""))
            if area is not None:
                found.append(_Table(attrs.get("displayName") or attrs.get("name") or "", sheet, part, *area,
                                    int(attrs.get("headerRowCount") or 1), int(attrs.get("totalsRowCount") or 0),
                                    tuple(map(unescape, columns))))
    return found


def _table_part(data: bytes) -> tuple[dict[str, str], list[str]]:
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
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.Parse(data, True)
    return root, columns


def _read_table(book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, table: _Table) -> RawTable:
    """An Excel table: its header cells and its column names (both, as other programs may change one), its
    body, and what plain values cannot carry (errors, merged cells, cells just outside it)."""
    if not table.headers:
        return no_header(table.sheet, table.top, table.left, table.name)
    rows: list[list[Any]] = book.get_table_by_name(table.name).to_python()  # faster than the whole sheet
    width, bottom = table.right - table.left + 1, table.bottom - table.totals
    data = archive.read(table.part)
    header = _header(archive, data, table)
    if header is None:  # rows stored without their number: calamine's grid
        grid = book.get_sheet_by_name(table.sheet).to_python(skip_empty_area=False)
        header = grid[table.top][table.left:table.right + 1] if table.top < len(grid) else []
    below = table.bottom + 1
    scan = _scan(data, range(table.top, below + 1), range(table.left, table.right + 3), outside=(below, table.right + 1))
    for (r, c), bad in scan.bad.items():
        if table.top < r <= bottom and c <= table.right:
            rows[r - table.top - 1][c - table.left] = bad
    problems = [Problem(Severity.ERROR, address(table.sheet, *start),
                        f"cellen {ref} zijn samengevoegd: in de tabel {table.name} hoort elke cel een eigen waarde; "
                        "maak de samenvoeging ongedaan") for ref, start, end in scan.merged
                if start[0] <= bottom and end[0] >= table.top and start[1] <= table.right and end[1] >= table.left]
    problems += outside(table.sheet, table.name, scan.filled, below, table.right)
    return RawTable(table.sheet, table.top, table.left, header + [""] * (width - len(header)), rows, tuple(problems),
                    table.columns)


_ROW_END = re.compile(rb"</(?:[\w.-]+:)?row\s*>")


def _header(archive: zipfile.ZipFile, data: bytes, table: _Table) -> list[Any] | None:
    """The header cells of a table as the sheet holds them, from its row alone (the sheet itself is read by
    calamine only as the table's body); None when the sheet's rows carry no number."""
    start = re.search(rb"<(?:[\w.-]+:)?row\b[^>]*?\br\s*=\s*[\"']%d[\"'][^>]*?(/?)>" % (table.top + 1), data)
    if start is None:
        return None
    end = _ROW_END.search(data, start.end()) if not start[1] else start
    if end is None:
        return None
    found = _Scan(kept={})
    _Cells(found, range(table.top, table.top + 1), range(table.left, table.right + 1)).read(data[start.start():end.end()])
    kept = found.kept or {}
    strings = _shared_strings(archive, {int(text) for kind, text in kept.values() if kind == "s" and text.isdigit()})
    header: list[Any] = [""] * (table.right - table.left + 1)
    for (_, c), (kind, text) in kept.items():
        header[c - table.left] = _stored(kind, text, strings)
    return header


def _stored(kind: str, text: str, strings: dict[int, str]) -> Any:
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
    """Raised by :class:`_Strings` once every string asked for is read."""


class _Strings:
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
        parser.StartDoctypeDeclHandler = _refuse_dtd
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


def _shared_strings(archive: zipfile.ZipFile, needed: set[int]) -> dict[int, str]:
    """The shared strings of ``needed`` indices, streamed only as far as the last of them."""
    rels = _relationships(archive, _main_part(archive) or "")
    part = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
    if not needed or part is None or part not in archive.namelist():
        return {}
    with archive.open(part) as stream:
        return _Strings(needed).read(stream)


def _read_settings(book: calamine.CalamineWorkbook, archive: zipfile.ZipFile, sheets: dict[str, str],
                   sheet: str | None) -> tuple[RawSettings, list[Problem]]:
    """The settings sheet's cells from A1 on, errors located (absent sheet: all defaults)."""
    if sheet is None:
        return {}, []
    grid: list[list[Any]] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    width = max((len(row) for row in grid), default=0)
    for (r, c), bad in _scan(archive.read(sheets[sheet]), range(len(grid)), range(width)).bad.items():
        grid[r][c] = bad
    return read_sheet(sheet, grid)
