"""``xl-ladder publish``: the publication page of a workbook as PDF and PNG, printed by LibreOffice.

The page is drawn from the workbook's current figures in a private copy (the workbook itself is
never written), printed alone as an accessible PDF (tagged, PDF/UA, Dutch, titled, the chart
described), and both files are placed beside the workbook (or in ``--output``) only when both could
be made and written: a missing LibreOffice, a full disk or a read-only folder changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from .. import report
from ..adapters import accessible_pdf, libreoffice
from ..adapters.file_writer import WriteError
from ..adapters.xlsx_results import write_sheet_alone
from ..cells import cell_text
from ..layout import SheetLayout
from ..pipeline import Checked
from ..problems import os_error_text
from ..sheet_names import PAGE
from .workflow import check_file


def names(workbook: Path) -> tuple[str, str]:
    """The files the page is published as: ``<werkmap>-publicatie.pdf`` and ``.png``."""
    return f"{workbook.stem}-publicatie.pdf", f"{workbook.stem}-publicatie.png"


def title_of(page: SheetLayout) -> str:
    """The page's title: the text of its first cell."""
    first = page.cells().get((0, 0))
    return cell_text(first) if isinstance(first, str) else PAGE


def publish(workbook: Path, folder: Path | None = None) -> tuple[Checked, list[Path]]:
    """Print the page; the files written (none when the input has errors). LibreOffice's absence or failure
    raises :class:`~xl_ladder.adapters.libreoffice.LibreOfficeError` (also an untagged PDF: a LibreOffice
    older than 7.4), a file that cannot be placed
    :class:`~xl_ladder.adapters.file_writer.WriteError`; nothing is written then."""
    checked = check_file(workbook)
    if checked.ladder is None:
        return checked, []
    libreoffice.soffice()  # missing: say so before any work
    target = folder if folder is not None else workbook.parent
    layouts = report.build(checked.ladder, checked.problems, checked.context)
    page = next(layout for layout in layouts if layout.name == PAGE)
    with tempfile.TemporaryDirectory(prefix="xl-ladder-") as temporary:
        work = Path(temporary)
        copy = work / f"{workbook.stem}-publicatie.xlsm"
        write_sheet_alone(workbook, copy, layouts, PAGE)
        printed = libreoffice.pdf(copy, work, accessible=True)
        if not accessible_pdf.tagged(printed):
            raise libreoffice.LibreOfficeError("LibreOffice maakte een PDF zonder tags, niet toegankelijk voor "
                                               "schermlezers: LibreOffice 7.4 of nieuwer is nodig")
        accessible_pdf.finish(printed, title_of(page), next((chart.description for chart in page.charts), ""))
        picture = libreoffice.png(printed, work)
        written = [target / name for name in names(workbook)]
        place_together(list(zip((printed, picture), written, strict=True)))
    return checked, written


def place_together(files: list[tuple[Path, Path]]) -> None:
    """Copy each made file to its place, all or none: every copy is written beside its target first, then
    all are renamed into place; a failure removes the copies, and the files already renamed (a rename
    failing after another succeeded is rare: the copies stand in the same folders). Raises
    :class:`WriteError` (in Dutch)."""
    copies: list[tuple[str, Path]] = []
    placed: list[Path] = []
    try:
        for made, place in files:
            place.parent.mkdir(parents=True, exist_ok=True)
            descriptor, copy = tempfile.mkstemp(prefix=f".{place.name}.", suffix=".tmp", dir=place.parent)
            copies.append((copy, place))
            os.chmod(copy, 0o666 & ~_umask())  # as any new file of the user's, not mkstemp's private 0600
            with os.fdopen(descriptor, "wb") as handle, made.open("rb") as source:
                shutil.copyfileobj(source, handle)
                handle.flush()
                os.fsync(handle.fileno())
        for copy, place in copies:
            os.replace(copy, place)
            placed.append(place)
    except OSError as error:
        for leftover in [*(Path(copy) for copy, _ in copies), *placed]:
            with contextlib.suppress(OSError):
                leftover.unlink()
        where = error.filename if isinstance(error.filename, str) else files[-1][1]
        raise WriteError(f"{Path(where).name} kon niet geschreven worden: {os_error_text(error)}") from error


def _umask() -> int:
    """The process's file mode mask (read by setting it, then setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
