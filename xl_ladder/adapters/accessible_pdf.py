"""The published PDF made whole for assistive technology, after LibreOffice tagged it.

LibreOffice's PDF/UA export (see :func:`.libreoffice.pdf`) writes the structure tree, ``MarkInfo``
and the ``pdfuaid`` mark, but takes the document's language from the locale it runs in, its title
from the workbook's properties, and leaves a chart's figure without alternative text. This sets
what the publication itself knows, whatever the machine: the language (``/Lang``, ``dc:language``),
the page's own title (info dictionary and ``dc:title``, shown in the window's title bar), and the
chart's description as the ``/Alt`` of every ``Figure``. Only ``xl-ladder publish`` needs it.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

LANGUAGE = "nl-BE"


def finish(document: Path, title: str, figure_text: str = "", language: str = LANGUAGE) -> None:
    """Set the language, the title and the figures' alternative text of the PDF ``document``, in place."""
    with pikepdf.open(document, allow_overwriting_input=True) as pdf:
        pdf.Root.Lang = pikepdf.String(language)
        preferences = pdf.Root.get("/ViewerPreferences")
        if not isinstance(preferences, pikepdf.Dictionary):
            preferences = pdf.Root.ViewerPreferences = pikepdf.Dictionary()
        preferences.DisplayDocTitle = True
        with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["dc:title"] = title
            metadata["dc:language"] = [language]
        pdf.docinfo["/Title"] = pikepdf.String(title)  # after the metadata: its update would overwrite the info
        if figure_text:
            for element in figures(pdf):
                element.Alt = pikepdf.String(figure_text)
        pdf.save(document)


def tagged(document: Path) -> bool:
    """Whether the PDF has a structure tree and is marked as tagged (LibreOffice before 7.4 ignores the
    export's options and writes an untagged PDF)."""
    with pikepdf.open(document) as pdf:
        marks = pdf.Root.get("/MarkInfo")
        return "/StructTreeRoot" in pdf.Root and isinstance(marks, pikepdf.Dictionary) and bool(marks.get("/Marked"))


def figures(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The structure elements of type ``Figure``, in reading order."""
    found: list[pikepdf.Dictionary] = []
    root = pdf.Root.get("/StructTreeRoot")
    stack = [root] if isinstance(root, pikepdf.Dictionary) else []
    while stack:
        node = stack.pop()
        if node.get("/S") == pikepdf.Name.Figure:
            found.append(node)
        kids = node.get("/K")
        children = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        stack.extend(reversed([kid for kid in children if isinstance(kid, pikepdf.Dictionary)]))
    return found
