"""The package conventions both the reader and the writer rely on: namespaces, relationship parts,
how a relationship's target names a part."""

from __future__ import annotations

import functools
import posixpath

from defusedxml import ElementTree

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
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
