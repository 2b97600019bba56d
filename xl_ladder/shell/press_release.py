"""The press release from the command line: the draft written as ``.docx``, a press text checked."""

from __future__ import annotations

from pathlib import Path

from ..adapters.documents import read_text, write_docx
from ..adapters.file_writer import WriteError, write_atomically
from ..catalogue import Edition
from ..pipeline import Checked
from ..press import Draft, draft
from ..press_check import Finding, check
from ..problems import os_error_text
from .workflow import check_file


def default_output(workbook: Path, year: int) -> Path:
    """Beside the workbook: ``Kansengroepen-persbericht-2020.docx``."""
    return workbook.with_name(f"{workbook.stem}-persbericht-{year}.docx")


def write_press_release(workbook: Path, output: Path | None) -> tuple[Checked, Draft | None, Path | None]:
    """Write the draft of the workbook's press release; nothing is written when the input has errors.

    A failed write raises :class:`WriteError` and leaves no file (written whole or not at all).
    """
    checked = check_file(workbook)
    if checked.ladder is None:
        return checked, None, None
    edition = Edition(checked.ladder, checked.context)
    text = draft(edition)
    target = output or default_output(workbook, edition.settings.report_year)
    if target.suffix.lower() != ".docx":
        raise WriteError(f"{target.name}: een persbericht wordt geschreven als .docx")
    title = text.paragraphs[0].text if text.paragraphs else "Persbericht"
    try:
        write_atomically(target, lambda handle: write_docx(text.all(), handle, title))
    except OSError as error:
        raise WriteError(f"{target.name} kon niet geschreven worden: {os_error_text(error)}") from error
    return checked, text, target


def check_press_text(text_file: Path, workbook: Path) -> tuple[Checked, list[Finding] | None]:
    """Every figure and phrase of a press text judged against the workbook (None when the workbook has errors).

    An unreadable text raises :class:`DocumentError`, said in Dutch.
    """
    text = read_text(text_file)
    checked = check_file(workbook)
    if checked.ladder is None:
        return checked, None
    return checked, check(text, Edition(checked.ladder, checked.context))
