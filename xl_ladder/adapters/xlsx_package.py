"""A workbook package's parts, edited in memory and saved with every part the tool does not own unchanged.

Every other part of the package (VBA, buttons, ribbons, the analyst's sheets with their
cached values, pictures, names, x14 extensions, docProps) is copied unchanged, still compressed.
Only these change: the result sheets and their drawing/chart parts, ``styles.xml`` (formats
appended, none renumbered), and — when a result sheet is new — ``workbook.xml``, its
relationships and ``[Content_Types].xml``, each edited at the parser's byte offsets
(:mod:`.xml_edit`). What goes into a result sheet's parts is :mod:`.xlsx_results`'s; replacing
the file, :mod:`.file_writer`'s.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import BinaryIO

from defusedxml import ElementTree

from ..cells import same_sheet
from ..problems import os_error_text
from .file_writer import WriteError
from .opc import (
    CONTENT_TYPES,
    MACRO_MAIN,
    MAX_UNPACKED,
    PKG_REL_NS,
    REL_NS,
    SHEET_PART,
    TYPES,
    duplicate_parts,
    main_part,
    relationships,
    rels_path,
    resolve,
)
from .xlsx_styles import StyleBook, StylesError
from .xml_edit import XmlPart, XmlShapeError

NEW_RELS = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}"></Relationships>').encode()
NEW_PART_DATE = (1980, 1, 1, 0, 0, 0)
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
"""A zip member's local header: signature, versions, flags, method, time, date, CRC, sizes, name and extra lengths."""
DATA_DESCRIPTOR = 0x08
"""Flag: CRC and sizes follow the data instead of being in the local header."""


def _copy_compressed(archive: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Append a member from its compressed bytes, as ``writestr`` would after compressing it again.

    Recompressing unchanged parts was most of the writing time (the measure sheet of a large
    workbook is megabytes of XML). zipfile has no public call for this, so this does what
    ``ZipFile._open_to_write`` and ``_ZipWriteFile.close`` do for a seekable file: write the local
    header and data at ``start_dir`` and register the member for the central directory.
    ``tests/test_xlsx_parts.py`` pins this: an archive copied this way is byte for byte the one
    ``writestr`` writes.
    """
    handle = archive.fp
    if handle is None:
        raise WriteError("het zip-archief is al gesloten")
    info.flag_bits &= ~DATA_DESCRIPTOR
    handle.seek(archive.start_dir)
    info.header_offset = handle.tell()
    handle.write(info.FileHeader())
    handle.write(data)
    archive.start_dir = handle.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info


class _Parts(MutableMapping[str, bytes]):
    """Part name → content, unpacked only when asked for: most parts are copied without a look."""

    def __init__(self, source: bytes, infos: list[zipfile.ZipInfo]) -> None:
        self._archive = zipfile.ZipFile(io.BytesIO(source))
        self._names: dict[str, zipfile.ZipInfo | None] = {info.filename: info for info in infos}
        """Each part's member in the source; None for a part added in memory."""
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
        except OSError as error:
            raise WriteError(f"{path.name} kon niet gelezen worden: {os_error_text(error)}") from error
        except zipfile.BadZipFile as error:
            raise WriteError(f"{path.name}: geen leesbare Excel-werkmap") from error
        if refusal := duplicate_parts([info.filename for info in self.infos]):
            raise WriteError(f"{path.name}: {refusal}")
        self.changed: set[str] = set()
        self._types: dict[str, tuple[str, str | None]] = {}
        self._print_names: dict[str, dict[str, str]] = {}
        """Sheet name → its print names: written at :meth:`_flush`, with the content types."""
        self.rewritten: set[str] = set()
        """sheetId of every sheet written, to find a calculation chain naming their cells."""
        self.workbook = self._main_part()
        try:
            self.styles = StyleBook(self.parts[self._styles_part()])
        except StylesError as error:
            raise WriteError(str(error)) from error

    # -- reading helpers -------------------------------------------------------------------
    def set_bytes(self, part: str, data: bytes) -> None:
        if self.parts.get(part) != data:
            self.parts[part] = data
            self.changed.add(part)

    def relationships(self, part: str) -> tuple[tuple[str, str, str], ...]:
        """(id, type, resolved target) of a part's internal relationships."""
        rels = rels_path(part)
        if rels not in self.parts:
            return ()
        try:
            return relationships(part, self.parts[rels])
        except ElementTree.ParseError as error:
            raise WriteError(f"onderdeel {rels} is geen geldige XML: er is niets geschreven") from error

    def _compressed(self, info: zipfile.ZipInfo) -> bytes:
        """A member's data as stored (compressed) in the source file, after its local header."""
        *_, name_length, extra_length = LOCAL_HEADER.unpack_from(self.source, info.header_offset)
        start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
        return self.source[start:start + info.compress_size]

    def _main_part(self) -> str:
        if (found := main_part(self.relationships(""))) is None:
            raise WriteError("geen werkmap-onderdeel gevonden in het pakket")
        return found

    def _styles_part(self) -> str:
        for _, kind, target in self.relationships(self.workbook):
            if kind.endswith("/styles"):
                return target
        raise WriteError("de werkmap heeft geen stijlen-onderdeel (styles.xml)")

    def _parsed(self, part: str, empty: bytes = b"") -> XmlPart:
        """The part parsed for editing (``empty`` when it does not exist yet)."""
        try:
            return XmlPart(self.parts.get(part, empty))
        except XmlShapeError as error:
            raise WriteError(f"onderdeel {part} is geen geldige XML: er is niets geschreven") from error

    def _edit(self, part: str, change: Callable[[XmlPart], None], empty: bytes = b"") -> None:
        document = self._parsed(part, empty)
        change(document)
        if document.edited:
            self.set_bytes(part, document.bytes())

    def content_type(self, part: str) -> str | None:
        """The content type ``[Content_Types].xml`` gives a part (an override, else its extension's default)."""
        self._flush()
        root = self._parsed(CONTENT_TYPES).root
        overrides = {e.attrs.get("PartName", "").lstrip("/").casefold(): e.attrs.get("ContentType") for e in root.children
                     if e.local == "Override"}
        defaults = {e.attrs.get("Extension", "").casefold(): e.attrs.get("ContentType") for e in root.children
                    if e.local == "Default"}
        return overrides.get(part.casefold()) or defaults.get(part.rpartition(".")[2].casefold())

    @property
    def macro_enabled(self) -> bool:
        """True for a package with macros (VBA): Excel opens it only as ``.xlsm``."""
        has_vba = any(kind.endswith("/vbaProject") for _, kind, _ in self.relationships(self.workbook))
        return has_vba or "macroEnabled" in (self.content_type(self.workbook) or "")

    def unused(self, pattern: str) -> str:
        number = 1
        while pattern.format(number) in self.parts:
            number += 1
        return pattern.format(number)

    # -- editing ----------------------------------------------------------------------------
    def add_relationship(self, part: str, kind: str, target: str) -> str:
        rels = rels_path(part)
        relative = posixpath.relpath(target, posixpath.dirname(part) or ".")
        added = []

        def add(document: XmlPart) -> None:
            ids = {e.attrs.get("Id") for e in document.root.children}
            number = 1
            while f"rId{number}" in ids:
                number += 1
            added.append(f"rId{number}")
            document.append(document.root, document.markup(
                document.root, "Relationship", {"Id": added[0], "Type": f"{REL_NS}/{kind}", "Target": relative}))

        self._edit(rels, add, NEW_RELS)
        return added[0]

    def _drop_relationships(self, part: str, target: str) -> None:
        """Remove ``part``'s relationships to ``target``."""
        def drop(document: XmlPart) -> None:
            for element in document.root.children:
                if element.attrs.get("TargetMode") != "External" and resolve(part, element.attrs.get("Target", "")) == target:
                    document.remove(element)

        if rels_path(part) in self.parts:
            self._edit(rels_path(part), drop)

    def set_content_type(self, part: str, content_type: str | None) -> None:
        """Give ``part`` its own content type (an override, moved to the end: the order stays the same
        from one refresh to the next); None removes it. Kept until :meth:`_flush`, which edits the part once
        (a refresh sets some twenty content types: parsing the part for each was a fifth of the writing)."""
        self._types.pop(part.casefold(), None)
        self._types[part.casefold()] = (part, content_type)

    def _flush(self) -> None:
        """Apply the kept content types and print names, each part parsed once."""
        types, self._types = self._types, {}
        if types:
            def change(document: XmlPart) -> None:
                for element in document.root.children:
                    if element.local == "Override" and element.attrs.get("PartName", "").lstrip("/").casefold() in types:
                        document.remove(element)
                for part, content_type in types.values():
                    if content_type is not None:
                        document.append(document.root, document.markup(
                            document.root, "Override", {"PartName": f"/{part}", "ContentType": content_type}))

            self._edit(CONTENT_TYPES, change)
        names, self._print_names = self._print_names, {}
        if names:
            self._edit(self.workbook, lambda document: replace_print_names(document, names))

    def _delete(self, name: str) -> None:
        """Delete one part and its content-type override (some writers give even ``.rels`` parts one)."""
        if name in self.parts:
            del self.parts[name]
            self.changed.add(name)
            self.set_content_type(name, None)

    def _remove(self, part: str) -> None:
        """Delete a part with its relationships."""
        self._delete(part)
        self._delete(rels_path(part))

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

    def sheet_part(self, name: str) -> tuple[str, str]:
        """The part of result sheet ``name`` and its name as the workbook spells it, emptied of its old
        drawing; created if absent. Sheet names are matched as Excel matches them (ignoring case)."""
        document = self._parsed(self.workbook)
        sheets = document.root.child("sheets")
        if sheets is None:
            raise WriteError("workbook.xml heeft een onbekende vorm (geen <sheets>); er is niets geschreven")
        entries = [e for e in sheets.children if e.local == "sheet"]
        found = next((e for e in entries if same_sheet(e.attrs.get("name", ""), name)), None)
        if found is not None:
            spelled, rid = found.attrs.get("name", name), found.attrs.get(f"{{{REL_NS}}}id")
            part = next((t for i, _, t in self.relationships(self.workbook) if i == rid), None)
            if part is None or part not in self.parts:
                raise WriteError(f"blad '{spelled}' verwijst naar een onderdeel dat ontbreekt; er is niets geschreven")
            if any(kind.endswith("/table") for _, kind, _ in self.relationships(part)):
                raise WriteError(f"blad '{spelled}' bevat een Excel-tabel en draagt de naam van resultaatblad '{name}': "
                                 "een vernieuwing zou ze overschrijven; geef het blad een andere naam")
            for owned in self._owned_closure(part):
                self._remove(owned)
            self._delete(rels_path(part))
            self.rewritten.add(found.attrs.get("sheetId", ""))
            return part, spelled
        part = self.unused(SHEET_PART)
        new_rid = self.add_relationship(self.workbook, "worksheet", part)
        ids = [int(e.attrs["sheetId"]) for e in entries if e.attrs.get("sheetId", "").isdigit()]
        sheet_id = str(max(ids, default=0) + 1)
        document.append(sheets, document.markup(sheets, "sheet", {"name": name, "sheetId": sheet_id,
                                                                  f"{{{REL_NS}}}id": new_rid}))
        self.set_bytes(self.workbook, document.bytes())
        self.set_content_type(part, TYPES["worksheet"])
        self.rewritten.add(sheet_id)
        return part, name

    def drop_stale_calc_chain(self) -> None:
        """Remove the calculation chain if it names a cell of a rewritten sheet.

        Excel rebuilds a missing chain when it opens the file, but a chain naming formulas that
        are no longer there makes it offer to repair the workbook.
        """
        for _, kind, target in self.relationships(self.workbook):
            if kind.endswith("/calcChain") and target in self.parts:
                sheet, named = "0", set()
                for cell in self._parsed(target).root.children:
                    sheet = cell.attrs.get("i", sheet)  # an omitted sheet id repeats the previous one
                    named.add(sheet)
                if named & self.rewritten:
                    self._remove(target)
                    self._drop_relationships(self.workbook, target)

    def match_extension(self, target: Path) -> None:
        """Refuse a name Excel would not open this package under; make an ``.xlsm`` macro-enabled.

        A package with macros saved as ``.xlsx`` is refused by Excel ("format or extension not
        valid"); dropping the macros to fit the name would lose the analyst's VBA. The other way
        is lossless: a package without macros becomes macro-enabled by its content type alone.
        """
        suffix = target.suffix.casefold()
        if suffix not in (".xlsm", ".xlsx"):
            raise WriteError(f"{target.name}: de werkmap moet een naam op .xlsm (met macro's) of .xlsx krijgen")
        if suffix == ".xlsx" and self.macro_enabled:
            raise WriteError(f"{target.name}: deze werkmap heeft macro's (VBA) en Excel opent ze niet als .xlsx: "
                             "kies een naam op .xlsm")
        if suffix == ".xlsm" and not self.macro_enabled:
            self.set_content_type(self.workbook, MACRO_MAIN)

    def set_print_names(self, name: str, names: dict[str, str]) -> None:
        """Sheet ``name``'s print area and title rows, as Excel keeps them: defined names local to the sheet
        (``_xlnm.Print_Area``, ``_xlnm.Print_Titles``), replaced at every refresh (see :meth:`_flush`)."""
        self._print_names[name] = names

    def show_only(self, name: str) -> None:
        """Hide every sheet but ``name`` and make it the active one: a private copy then prints that sheet alone."""
        def change(document: XmlPart) -> None:
            sheets = document.root.child("sheets")
            entries = [e for e in sheets.children if e.local == "sheet"] if sheets is not None else []
            shown = next(i for i, e in enumerate(entries) if same_sheet(e.attrs.get("name", ""), name))
            for i, entry in enumerate(entries):
                document.set(entry, "state", "visible" if i == shown else "hidden")
            views = document.root.child("bookViews")
            for view in views.children if views is not None else []:
                document.set(view, "activeTab", str(shown))
                document.set(view, "firstSheet", str(shown))

        self._edit(self.workbook, change)

    def save(self, handle: BinaryIO) -> None:
        """Write the package: unchanged parts as they were (compressed bytes copied), in their order; new parts at the end."""
        self._flush()
        self.set_bytes(self._styles_part(), self.styles.xml)
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


def replace_print_names(document: XmlPart, wanted: dict[str, dict[str, str]]) -> None:
    """Replace the print names of the sheets in ``wanted`` (by sheet name) in the workbook part."""
    root = document.root
    sheets = root.child("sheets")
    entries = [e for e in sheets.children if e.local == "sheet"] if sheets is not None else []
    index = {str(i): name for i, e in enumerate(entries) for name in wanted if same_sheet(e.attrs.get("name", ""), name)}
    names = root.child("definedNames")
    for element in names.children if names is not None else []:
        if element.attrs.get("localSheetId") in index and element.attrs.get("name") in PRINT_NAMES:
            document.remove(element)
    markups = [document.markup(names or root, "definedName", {"name": key, "localSheetId": at}, text=ref)
               for at, name in index.items() for key, ref in wanted[name].items()]
    if names is not None:
        for markup in markups:
            document.append(names, markup)
    elif markups:
        document.insert_child(root, document.markup(root, "definedNames", {}, content="".join(markups)),
                              after=("sheets", "functionGroups", "externalReferences"))


PRINT_NAMES = ("_xlnm.Print_Area", "_xlnm.Print_Titles")


