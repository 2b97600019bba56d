"""The package conventions both the reader and the writer rely on: namespaces, content types, part
paths, relationship parts, how a relationship's target names a part. Nobody spells a namespace twice."""

from __future__ import annotations

import functools
import posixpath

from defusedxml import ElementTree

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CONTENT_TYPES = "[Content_Types].xml"
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TYPES = {
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
}
"""Content types of the parts a refresh writes."""
WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION = "xl/webextensions/webextension1.xml"
TASKPANES = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
WEB_TYPES = {
    WEBEXTENSION: "application/vnd.ms-office.webextension+xml",
    TASKPANES: "application/vnd.ms-office.webextensiontaskpanes+xml",
}
"""An Office add-in's parts (where xlwings Lite keeps a workbook's code) and their content types."""
SHEET_PART, DRAWING_PART, CHART_PART = "xl/worksheets/sheet{}.xml", "xl/drawings/drawing{}.xml", "xl/charts/chart{}.xml"
"""Where new parts go (``{}``: the first free number)."""
MAX_UNPACKED = 512 * 1024 * 1024
"""Refuse packages that unpack to more than this (zip bombs): memory stays bounded."""


def rels_path(part: str) -> str:
    """The relationships part of ``part`` (``""`` is the package itself)."""
    folder, _, name = part.rpartition("/")  # string slicing: asked for every part, for every result sheet
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def resolve(source_part: str, target: str) -> str:
    """The part a relationship target names, relative to the part holding the relationship."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


@functools.lru_cache(maxsize=256)
def relationships(part: str, rels: bytes) -> tuple[tuple[str, str, str], ...]:
    """(id, type, resolved target) of the internal relationships in ``rels`` (entities refused).

    Cached: finding what a result sheet owns asks for the relationships of every part, for each sheet.
    """
    root = ElementTree.fromstring(rels)
    return tuple(
        (rel.get("Id", ""), rel.get("Type", ""), resolve(part, rel.get("Target", "")))
        for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship")
        if rel.get("TargetMode") != "External"
    )


def main_part(package_relationships: tuple[tuple[str, str, str], ...]) -> str | None:
    """The workbook part, from the package's own relationships (``_rels/.rels``); None if it names none."""
    return next((target for _, kind, target in package_relationships if kind.endswith("/officeDocument")), None)


def duplicate_parts(names: list[str]) -> str | None:
    """The Dutch refusal of a zip that stores a part more than once (part names ignore case, zip
    entries do not); None if every part is stored once.

    Readers disagree on which copy counts (Python's zipfile takes the last, others the first), so
    such a package could show one program other figures than another.
    """
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            return (f"onderdeel {name} staat twee keer in het bestand (programma's lezen dan elk een ander): "
                    "geweigerd; bewaar de werkmap opnieuw in Excel")
        seen.add(name.casefold())
    return None
