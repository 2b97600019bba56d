"""Open a workbook file for reading only after refusing what would harm the reader.

Declared sizes are checked first (a zip bomb is refused without inflating it; both zip readers
stop at the declared size), a part stored twice is refused, and no part may carry a DTD (Excel
never writes one; entity expansion is how an XML bomb works). Only each part's prolog is parsed
for that, with expat. What a damaged package raises while it is read is told in Dutch here too.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.parsers import expat

import python_calamine as calamine
from defusedxml import DTDForbidden, ElementTree

from ..problems import InputError, Problem, Severity, os_error_text, unreadable_sheet, utf16_part
from . import opc
from .opc import MAX_UNPACKED, duplicate_parts, relationships, rels_path

MAX_RATIO = 200
"""Highest compression ratio accepted for a part above :data:`RATIO_FROM` (real sheets stay far below)."""
RATIO_FROM = 1 << 20
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Start of an old ``.xls`` file, and of an encrypted (password-protected) ``.xlsx``/``.xlsm``."""
_PARSED_PARTS = re.compile(r"^xl/(worksheets/[^/]+|tables/[^/]+|sharedStrings|workbook|styles)\.xml$")
"""The parts calamine parses for the values; they are checked for a DTD. Relationship and content-type
parts go through defusedxml (entities refused); the writer reads the others as text, never as XML."""
_DAMAGE = (
    ((zipfile.BadZipFile, zlib.error, EOFError), "de gecomprimeerde gegevens van een onderdeel kloppen niet"),
    ((KeyError,), "een onderdeel ontbreekt"),
    ((ElementTree.ParseError, expat.ExpatError), "een onderdeel is geen geldige XML"),
    ((ValueError, NotImplementedError, RuntimeError, calamine.CalamineError), "de inhoud kan niet gelezen worden"),
)
"""What a damaged package raises while its parts are read (defusedxml's refusals are ValueErrors), and the
Dutch words for it: the libraries' own texts are English, so they are never shown."""
BROKEN = tuple(kind for kinds, _ in _DAMAGE for kind in kinds)


def fail(path: Path, message: str) -> InputError:
    return InputError([Problem(Severity.ERROR, path.name or str(path), message)])


class SheetUnreadable(ValueError):
    """The values of one sheet could not be read (a cell the reader refuses): raised with the sheet's name."""

    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet


def damaged(error: BaseException) -> str:
    """Dutch words for what broke while the package was read; for a missing part, its name; for a sheet
    whose cells cannot be read, the sheet (once the words alone, without a cause)."""
    words = next(text for kinds, text in _DAMAGE if isinstance(error, kinds))
    if isinstance(error, SheetUnreadable):
        return unreadable_sheet(words, error.sheet)
    missing = re.search(r"'([^']+)'", str(error)) if isinstance(error, KeyError) else None
    return f"{words} ({missing[1]})" if missing else words


@contextmanager
def open_package(path: Path) -> Iterator[zipfile.ZipFile]:
    """Open the package after checking it is one, of a sane size, without DTDs; refuse it otherwise."""
    if path.is_dir():
        raise fail(path, "dit is een map, geen werkmap: geef het pad van het .xlsm-bestand")
    if path.exists() and not path.is_file():
        raise fail(path, "dit is geen gewoon bestand (maar bv. een apparaat of een pijp): geef het pad van het .xlsm-bestand")
    if not path.is_file():
        raise fail(path, "bestand niet gevonden")
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_OLE2))
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        if start == _OLE2:
            raise fail(path, "een oud .xls-bestand of een werkmap met wachtwoord: bewaar ze in Excel "
                              "als .xlsm, zonder wachtwoord") from error
        raise fail(path, "dit is geen Excel-werkmap (.xlsm/.xlsx), of het bestand is beschadigd") from error
    except OSError as error:
        raise fail(path, f"het bestand kan niet gelezen worden: {os_error_text(error)}") from error
    with archive:
        _check_sizes(path, archive.infolist())
        if refusal := duplicate_parts(archive.namelist()):
            raise fail(path, refusal)
        if "[Content_Types].xml" not in archive.namelist() or main_part(archive) is None:
            raise fail(path, "dit zip-bestand is geen Excel-werkmap (er is geen werkmap-onderdeel)")
        for info in archive.infolist():
            if _PARSED_PARTS.match(info.filename) and _utf16(archive, info):  # else read as empty (issue 27)
                raise fail(path, utf16_part(info.filename))
            if _PARSED_PARTS.match(info.filename) and _has_dtd(archive, info):
                raise fail(path, f"onderdeel {info.filename} bevat een DTD (<!DOCTYPE>); Excel schrijft die nooit: "
                                  "geweigerd (mogelijk een XML-bom)")
        yield archive


def _utf16(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """True if the part is stored in UTF-16 (a byte order mark, or a NUL beside '<'), which the readers cannot read."""
    with archive.open(info) as handle:
        start = handle.read(4)
    return start[:2] in (b"\xff\xfe", b"\xfe\xff") or start[:2] in (b"<\x00", b"\x00<")


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes the archive declares (the readers never unpack beyond them)."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED:
        raise fail(path, f"de werkmap pakt uit tot {total >> 20} MB, meer dan {MAX_UNPACKED >> 20} MB: geweigerd "
                          "(mogelijk een zip-bom)")
    for info in infos:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise fail(path, f"onderdeel {info.filename} is {ratio} keer samengeperst ({info.file_size >> 20} MB "
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


def part_relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, part name) of a part's internal relationships."""
    rels = rels_path(part)
    if rels not in archive.namelist():
        return {}
    return {rid: (kind, target) for rid, kind, target in relationships(part, archive.read(rels))}


def main_part(archive: zipfile.ZipFile) -> str | None:
    """The workbook part of the package, if its relationships name one."""
    rels = rels_path("")
    return opc.main_part(relationships("", archive.read(rels))) if rels in archive.namelist() else None


