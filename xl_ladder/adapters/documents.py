"""Press texts as files: the draft written as ``.docx`` (python-docx), any text read back from
``.docx``, ``.txt``, ``.md`` or ``.pdf`` (poppler's ``pdftotext``, as the analyst's own PDF reader
would show it).

Each library is imported where it is used: a refresh never needs python-docx.
"""

from __future__ import annotations

import codecs
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ..press import BULLET, HEADING, LEAD, TITLE, Paragraph

READABLE = (".docx", ".txt", ".md", ".pdf")
LANGUAGE = "nl-BE"


class DocumentError(Exception):
    """A text that cannot be read or written, said in Dutch."""


def write_docx(paragraphs: Sequence[Paragraph], target: Path | BinaryIO, title: str) -> None:
    """The draft as a Word document: title, lead in bold, headings, bullets as a list; Dutch (Belgium)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = LANGUAGE
    styles = document.styles
    for name in ("Normal", "Title", "Heading 2", "List Bullet"):
        run_properties = styles[name].element.get_or_add_rPr()
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = run_properties.makeelement(qn("w:lang"), {})
            run_properties.append(language)
        language.set(qn("w:val"), LANGUAGE)
    for paragraph in paragraphs:
        if paragraph.style == TITLE:
            document.add_heading(paragraph.text, level=0)
        elif paragraph.style == HEADING:
            document.add_heading(paragraph.text, level=2)
        elif paragraph.style == BULLET:
            document.add_paragraph(paragraph.text, style="List Bullet")
        else:
            document.add_paragraph().add_run(paragraph.text).bold = paragraph.style == LEAD
    document.save(target if not isinstance(target, Path) else str(target))


def read_text(path: Path) -> str:
    """The text of a press release file, paragraphs apart by blank lines."""
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise DocumentError(f"{path.name}: onbekend soort tekst ({path.suffix or 'geen extensie'}); lees .docx, .txt, "
                            ".md of .pdf")
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return _pdf_text(path)
    return _plain_text(path.name, path.read_bytes())


def _plain_text(name: str, data: bytes) -> str:
    """A text file as Windows' editors save it: UTF-8 (with or without a byte order mark), UTF-16 ("Unicode" in
    Notepad: a byte order mark, or a zero byte beside every Latin letter) or Windows-1252. Read as 1252, UTF-16 would
    be letters with zeros between them and not one figure found."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data[:200]:
        encodings = ("utf-16-le",) if data[1:2] == b"\x00" else ("utf-16-be",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise DocumentError(f"{name}: onbekende tekstcodering; bewaar de tekst als UTF-8 (Kladblok: Opslaan als, "
                        "Codering UTF-8)")


def _docx_text(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:  # lxml's too
        raise DocumentError(f"{path.name}: geen leesbaar Word-document (.docx); bewaar het opnieuw als Word-document "
                            "of als tekst") from error
    lines = []
    for paragraph in document.paragraphs:
        bullet = paragraph.style is not None and "List" in (paragraph.style.name or "")
        lines.append(("• " if bullet else "") + paragraph.text)
    return "\n\n".join(lines)


def _pdf_text(path: Path) -> str:
    program = shutil.which("pdftotext")  # -layout: a word broken at a line end keeps its hyphen (West-Vlaanderen)
    if program is None:
        raise DocumentError("pdftotext (poppler) is niet geïnstalleerd: bewaar de tekst als .docx of .txt, of installeer "
                            "poppler-utils")
    done = subprocess.run([program, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120, check=False)
    if done.returncode != 0:
        raise DocumentError(f"{path.name}: pdftotext kon de PDF niet lezen ({done.stderr.decode(errors='replace').strip()})")
    return done.stdout.decode("utf-8", errors="replace")
