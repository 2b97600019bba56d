"""LibreOffice headless as the printer of the publication page: workbook → PDF, PDF → PNG.

An optional dependency: only ``xl-ladder publish`` needs it. LibreOffice exits 0 even when a file
fails to load, so what it wrote is checked, never its exit code. It runs with a profile of its own
(an analyst's open LibreOffice is not disturbed) and in a Dutch locale, so the numbers print as
the analyst's Excel shows them (``42.749``, ``20,3%``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

DUTCH = "nl_BE.UTF-8"
TIMEOUT = 240
"""Seconds a conversion may take (the first start of LibreOffice builds its profile)."""
PNG_PIXELS = (1654, 2339)
"""A4 portrait at 200 dpi (the publication's first page)."""
KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
INSTALL = ("installeer LibreOffice (gratis): Debian/Ubuntu: sudo apt-get install libreoffice-calc-nogui "
           "libreoffice-draw-nogui; macOS: brew install --cask libreoffice; Windows: winget install "
           "TheDocumentFoundation.LibreOffice (of https://www.libreoffice.org/download)")


class LibreOfficeError(Exception):
    """LibreOffice is missing or could not convert; the message is Dutch and says what to do."""


def soffice() -> str:
    """The LibreOffice program: on the PATH, else where its installers put it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    found = found or next((place for place in KNOWN_PLACES if Path(place).exists()), None)
    if found is None:
        raise LibreOfficeError(f"LibreOffice is niet gevonden; {INSTALL}")
    return found


def convert(source: Path, target: str, folder: Path) -> Path:
    """``source`` converted to ``target`` (a LibreOffice filter spec, e.g. ``pdf``) in ``folder``."""
    program, wanted = soffice(), folder / f"{source.stem}.{target.partition(':')[0]}"
    profile = folder / "profiel"
    environment = {**os.environ, "LANG": DUTCH, "LC_ALL": DUTCH}
    try:
        subprocess.run([program, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                        "--convert-to", target, "--outdir", str(folder), str(source)],
                       capture_output=True, timeout=TIMEOUT, check=False, env=environment,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0)
    except subprocess.TimeoutExpired as error:
        raise LibreOfficeError(f"LibreOffice antwoordde niet binnen {TIMEOUT} s (staat het nog open met een venster?)") from error
    except OSError as error:
        raise LibreOfficeError(f"LibreOffice kon niet starten ({error.strerror or error}); {INSTALL}") from error
    if not wanted.exists() or wanted.stat().st_size == 0:
        raise LibreOfficeError(f"LibreOffice maakte geen {wanted.suffix[1:].upper()} van {source.name}")
    return wanted


ACCESSIBLE = 'pdf:calc_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
"""Calc's PDF export as PDF/UA: a tagged PDF (structure tree, ``MarkInfo``), marked ``pdfuaid:part 1``,
the document's title shown in the window (LibreOffice 7.4 and later take these JSON filter options)."""


def pdf(workbook: Path, folder: Path, accessible: bool = False) -> Path:
    """The workbook's visible sheets printed to PDF, as their page set-up says; ``accessible``: tagged, PDF/UA."""
    return convert(workbook, ACCESSIBLE if accessible else "pdf", folder)


def png(document: Path, folder: Path) -> Path:
    """The first page of a PDF as a PNG: by poppler's ``pdftoppm`` where it is installed (it draws the
    page as printed), else by LibreOffice Draw, which imports the PDF as text boxes in its own metrics:
    texts can then touch their neighbours or lose a letter under a band's fill."""
    drawn = _poppler(document, folder)
    if drawn is not None:
        return drawn
    width, height = PNG_PIXELS
    options = f'{{"PixelWidth":{{"type":"long","value":"{width}"}},"PixelHeight":{{"type":"long","value":"{height}"}}}}'
    try:
        return convert(document, f"png:draw_png_Export:{options}", folder)
    except LibreOfficeError as error:
        raise LibreOfficeError(f"{error}: voor de PNG is LibreOffice Draw nodig (Debian/Ubuntu: sudo apt-get install "
                               "libreoffice-draw-nogui)") from error


def _poppler(document: Path, folder: Path) -> Path | None:
    """The first page drawn by ``pdftoppm``; None where it is missing or fails (Draw takes over)."""
    program, wanted = shutil.which("pdftoppm"), folder / f"{document.stem}.png"
    if program is None:
        return None
    width, height = PNG_PIXELS
    try:
        subprocess.run([program, "-png", "-singlefile", "-scale-to-x", str(width),
                        "-scale-to-y", str(height), str(document), str(wanted.with_suffix(""))],
                       capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return wanted if wanted.exists() and wanted.stat().st_size else None
