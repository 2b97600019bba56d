"""Cells written into a package as raw XML, the way Excel stores what openpyxl cannot type
(error values, inline strings, numbers as text)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    """The part of a sheet, found by parsing workbook.xml and its relationships (any writer's attribute order)."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next(s.get(rel) for s in book.iter(main + "sheet") if s.get("name") == sheet)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(r.get("Target", "") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def store(path: Path, cells: dict[str, str]) -> None:
    """Write cells as raw XML (``"Context!F6": '<c …>'``), as Excel stores what openpyxl cannot type."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        names = {sheet: sheet_part(archive, sheet) for sheet in {ref.split("!")[0] for ref in cells}}
    for ref, xml in cells.items():
        sheet, cell = ref.split("!")
        text, count = re.subn(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', xml, parts[names[sheet]].decode(), count=1)
        assert count == 1, ref
        parts[names[sheet]] = text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
