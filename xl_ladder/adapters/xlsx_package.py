"""Write result sheets into an existing ``.xlsm`` by replacing only the parts the tool owns.

Every other part of the package (VBA, buttons, ribbons, the analyst's sheets with their
cached values, pictures, names, x14 extensions, docProps) is copied unchanged. Only these
change: the result sheets and their drawing/chart parts, ``styles.xml`` (formats appended,
none renumbered), and — when a result sheet is new — ``workbook.xml``, its relationships and
``[Content_Types].xml``. The file is written to a temporary file beside the target and then
atomically renamed over it, so a failure leaves the old file as it was.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import struct
import tempfile
import zipfile
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from defusedxml import ElementTree

from ..layout import SheetLayout
from ..problems import os_error_text
from . import xlsx_sheet
from .opc import MAIN_NS, MAX_UNPACKED, PKG_REL_NS, REL_NS, rels_path, relationships
from .xlsx_styles import StyleBook, StylesError

TYPES = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
NEW_PART_DATE = (1980, 1, 1, 0, 0, 0)
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
"""A zip member's local header: signature, versions, flags, method, time, date, CRC, sizes, name and extra lengths."""
DATA_DESCRIPTOR = 0x08
"""Flag: CRC and sizes follow the data instead of being in the local header."""


class WriteError(Exception):
    """The workbook could not be written; the message is Dutch and the file is unchanged."""


def _copy_compressed(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Append a member from its compressed bytes, as ``writestr`` would after compressing it again.

    Recompressing unchanged parts was most of the writing time (the measure sheet of a large
    workbook is megabytes of XML). zipfile has no public call for this, so this does what
    ``ZipFile._open_to_write`` and ``_ZipWriteFile.close`` do for a seekable file: write the local
    header and data at ``start_dir`` and register the member for the central directory.
    """
    info.flag_bits &= ~DATA_DESCRIPTOR
    archive.fp.seek(archive.start_dir)
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader())
    archive.fp.write(data)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


class _Parts(MutableMapping[str, bytes]):
    """Part name → content, unpacked only when asked for: most parts are copied without a look."""

    def __init__(self, source: bytes, infos: list[zipfile.ZipInfo]) -> None:
        self._archive = zipfile.ZipFile(io.BytesIO(source))
        self._names = {info.filename: info for info in infos}
        self._data: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._data:
            info = self._names[name]  # KeyError for an absent part, as a dict would
            if info is None:
                raise KeyError(name)
            self._data[name] = self._archive.read(info)
        return self._data[name]

    def __setitem__(self, name: str, data: bytes) -> None:
        self._names.setdefault(name, None)
        self._data[name] = data

    def __delitem__(self, name: str) -> None:
        del self._names[name]
        self._data.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)


class Package:
    """The parts of a workbook package, edited in memory."""

    def __init__(self, path: Path) -> None:
        try:
            with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
                self.infos = archive.infolist()
                if sum(info.file_size for info in self.infos) > MAX_UNPACKED:
                    raise WriteError(f"{path.name}: het bestand is uitgepakt groter dan {MAX_UNPACKED >> 20} MB")
                handle.seek(0)
                self.source = handle.read()  # unchanged members are copied from it, still compressed
            self.parts = _Parts(self.source, self.infos)
        except (zipfile.BadZipFile, OSError) as error:
            raise WriteError(f"{path.name}: geen leesbare Excel-werkmap ({error})") from error
        self.changed: set[str] = set()
        self._sheets: tuple[bytes, dict[str, str]] | None = None
        self.workbook = self._main_part()
        try:
            self.styles = StyleBook(self.text(self._styles_part()))
        except StylesError as error:
            raise WriteError(str(error)) from error

    # -- reading helpers -------------------------------------------------------------------
    def text(self, part: str) -> str:
        return self.parts[part].decode("utf-8")

    def set_text(self, part: str, text: str) -> None:
        data = text.encode("utf-8")
        if self.parts.get(part) != data:
            self.parts[part] = data
            self.changed.add(part)

    def relationships(self, part: str) -> tuple[tuple[str, str, str], ...]:
        """(id, type, resolved target) of a part's internal relationships."""
        rels = rels_path(part)
        if rels not in self.parts:
            return ()
        return relationships(part, self.parts[rels])

    def _compressed(self, info: zipfile.ZipInfo) -> bytes:
        """A member's data as stored (compressed) in the source file, after its local header."""
        *_, name_length, extra_length = LOCAL_HEADER.unpack_from(self.source, info.header_offset)
        start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
        return self.source[start:start + info.compress_size]

    def _main_part(self) -> str:
        for _, kind, target in self.relationships(""):
            if kind.endswith("/officeDocument"):
                return target
        raise WriteError("geen werkmap-onderdeel gevonden in het pakket")

    def _styles_part(self) -> str:
        for _, kind, target in self.relationships(self.workbook):
            if kind.endswith("/styles"):
                return target
        raise WriteError("de werkmap heeft geen stijlen-onderdeel (styles.xml)")

    def sheets(self) -> dict[str, str]:
        """Sheet name → relationship id, from workbook.xml (parsed again only after it changed)."""
        data = self.parts[self.workbook]
        if self._sheets is None or self._sheets[0] is not data:
            root = ElementTree.fromstring(data)
            self._sheets = (data, {s.get("name", ""): s.get(f"{{{REL_NS}}}id", "") for s in root.iter(f"{{{MAIN_NS}}}sheet")})
        return self._sheets[1]

    def _unused(self, pattern: str) -> str:
        number = 1
        while pattern.format(number) in self.parts:
            number += 1
        return pattern.format(number)

    # -- editing ----------------------------------------------------------------------------
    def _add_relationship(self, part: str, kind: str, target: str) -> str:
        rels = rels_path(part)
        text = self.text(rels) if rels in self.parts else (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL_NS}"></Relationships>')
        ids = set(re.findall(r'Id="([^"]+)"', text))
        number = 1
        while f"rId{number}" in ids:
            number += 1
        relative = posixpath.relpath(target, posixpath.dirname(part) or ".")
        element = f'<Relationship Id="rId{number}" Type="{REL_NS}/{kind}" Target="{escape(relative)}"/>'
        self.set_text(rels, text.replace("</Relationships>", element + "</Relationships>"))
        return f"rId{number}"

    def _set_content_type(self, part: str, kind: str | None) -> None:
        text = self.text("[Content_Types].xml")
        text = re.sub(rf'<Override PartName="/{re.escape(part)}"[^>]*/>', "", text)
        if kind is not None:
            text = text.replace("</Types>", f'<Override PartName="/{part}" ContentType="{TYPES[kind]}"/></Types>')
        self.set_text("[Content_Types].xml", text)

    def _remove(self, part: str) -> None:
        for name in (part, rels_path(part)):
            if name in self.parts:
                del self.parts[name]
                self.changed.add(name)
        self._set_content_type(part, None)

    def _owned_closure(self, sheet_part: str) -> set[str]:
        """Parts reachable only from the sheet (its drawing, chart, …), to be replaced with it."""
        reach, stack = set(), [sheet_part]
        while stack:
            for _, _, target in self.relationships(stack.pop()):
                if target in self.parts and target not in reach and target != sheet_part:
                    reach.add(target)
                    stack.append(target)
        outside = {p for p in self.parts if not p.endswith(".rels") and p not in reach and p != sheet_part}
        shared = {t for p in outside for _, _, t in self.relationships(p)}
        return reach - shared

    def _sheet_part(self, name: str) -> str:
        """The part of result sheet ``name``, emptied of its old drawing; created if absent."""
        rid = self.sheets().get(name)
        if rid:
            part = next(t for i, _, t in self.relationships(self.workbook) if i == rid)
            for owned in self._owned_closure(part):
                self._remove(owned)
            rels = rels_path(part)
            if rels in self.parts:
                del self.parts[rels]
                self.changed.add(rels)
            return part
        part = self._unused("xl/worksheets/sheet{}.xml")
        new_rid = self._add_relationship(self.workbook, "worksheet", part)
        text = self.text(self.workbook)
        prefix = re.search(rf'xmlns:(\w+)="{re.escape(REL_NS)}"', text)
        if prefix is None or "</sheets>" not in text:
            raise WriteError("workbook.xml heeft een onbekende vorm; er is niets geschreven")
        ids = [int(i) for i in re.findall(r'<sheet\b[^>]*\bsheetId="(\d+)"', text)]
        element = f'<sheet name={quoteattr(name)} sheetId="{max(ids, default=0) + 1}" {prefix.group(1)}:id="{new_rid}"/>'
        self.set_text(self.workbook, text.replace("</sheets>", element + "</sheets>"))
        self._set_content_type(part, "worksheet")
        return part

    def put_sheet(self, layout: SheetLayout) -> None:
        """Write one result sheet (and its chart) into the package."""
        part = self._sheet_part(layout.name)
        drawing_rel = None
        if layout.chart is not None:
            drawing = self._unused("xl/drawings/drawing{}.xml")
            chart = self._unused("xl/charts/chart{}.xml")
            drawing_rel = self._add_relationship(part, "drawing", drawing)
            self.set_text(drawing, xlsx_sheet.drawing_xml(layout.chart))
            self._add_relationship(drawing, "chart", chart)
            values = layout.cells()
            self.set_text(chart, xlsx_sheet.chart_xml(layout.chart, layout.name, lambda r, c: values.get((r, c))))
            self._set_content_type(drawing, "drawing")
            self._set_content_type(chart, "chart")
        self.set_text(part, "".join(xlsx_sheet.sheet_xml(layout, self.styles.index, drawing_rel)))
        self._set_content_type(part, "worksheet")

    def save(self, handle: BinaryIO) -> None:
        """Write the package: unchanged parts as they were (compressed bytes copied), in their order; new parts at the end."""
        self.set_text(self._styles_part(), self.styles.xml)
        with zipfile.ZipFile(handle, "w", compresslevel=1) as archive:  # the tool's own parts: speed over a few bytes
            known = set()
            for info in self.infos:
                known.add(info.filename)
                if info.filename not in self.parts:
                    continue
                if info.filename in self.changed:
                    archive.writestr(info, self.parts[info.filename])
                else:
                    _copy_compressed(archive, info, self._compressed(info))
            for name in sorted(set(self.parts) - known):
                info = zipfile.ZipInfo(name, NEW_PART_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, self.parts[name])


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$name`` beside it."""
    return path.with_name("~$" + path.name)


def write_atomically(target: Path, write: Callable[[BinaryIO], Any]) -> None:
    """Write to a temporary file beside ``target``, sync, then rename over it (all or nothing)."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".~{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_sheets(source: Path, target: Path, layouts: list[SheetLayout]) -> None:
    """Put ``layouts`` into the workbook ``source`` and save the result as ``target``."""
    if lock_file(target).exists():
        raise WriteError(f"{target.name} is geopend in Excel ({lock_file(target).name} bestaat): "
                         "sluit de werkmap en probeer opnieuw")
    if target.exists() and not os.access(target, os.W_OK):  # a rename would replace it all the same
        raise WriteError(f"{target.name} is alleen-lezen: zet 'Alleen-lezen' uit en probeer opnieuw")
    package = Package(source)
    for layout in layouts:
        package.put_sheet(layout)
    try:
        write_atomically(target, package.save)
    except OSError as error:
        raise WriteError(f"{target.name} kon niet geschreven worden: {os_error_text(error)}") from error
