"""``xl-ladder publish``: the publication page of a workbook as PDF and PNG, printed by LibreOffice.

The page is drawn from the workbook's current figures in a private copy (the workbook itself is
never written), printed alone, and both files are placed beside the workbook (or in ``--output``)
only when both could be made: a missing LibreOffice changes nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .. import report
from ..adapters import libreoffice
from ..adapters.file_writer import write_atomically
from ..adapters.xlsx_results import write_sheet_alone
from ..pipeline import Checked
from ..sheet_names import PAGE
from .workflow import check_file


def names(workbook: Path) -> tuple[str, str]:
    """The files the page is published as: ``<werkmap>-publicatie.pdf`` and ``.png``."""
    return f"{workbook.stem}-publicatie.pdf", f"{workbook.stem}-publicatie.png"


def _copy(made: Path) -> Callable[[BinaryIO], None]:
    def write(handle: BinaryIO) -> None:
        with made.open("rb") as source:
            shutil.copyfileobj(source, handle)
    return write


def publish(workbook: Path, folder: Path | None = None) -> tuple[Checked, list[Path]]:
    """Print the page; the files written (none when the input has errors). LibreOffice's absence or failure
    raises :class:`~xl_ladder.adapters.libreoffice.LibreOfficeError`, a file that cannot be placed
    :class:`~xl_ladder.adapters.file_writer.WriteError`; nothing is written then."""
    checked = check_file(workbook)
    if checked.ladder is None:
        return checked, []
    libreoffice.soffice()  # missing: say so before any work
    target = folder if folder is not None else workbook.parent
    with tempfile.TemporaryDirectory(prefix="xl-ladder-") as temporary:
        work = Path(temporary)
        copy = work / f"{workbook.stem}-publicatie.xlsm"
        write_sheet_alone(workbook, copy, report.build(checked.ladder, checked.problems, checked.context), PAGE)
        printed = libreoffice.pdf(copy, work)
        picture = libreoffice.png(printed, work)
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for made, name in zip((printed, picture), names(workbook), strict=True):
            write_atomically(target / name, _copy(made))
            written.append(target / name)
    return checked, written
