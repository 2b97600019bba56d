"""Workbook files wired to the core: read with the file adapter, check, write the result sheets."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import report
from ..adapters.file_reader import read_workbook
from ..adapters.file_writer import WriteError, stamp, write_atomically
from ..adapters.xlsx_results import write_sheets
from ..pipeline import Checked, check_raw
from ..problems import InputError, os_error_text
from ..table import TABLE_NAME


def check_file(path: Path) -> Checked:
    """Validate a workbook file (read-only); unreadable files become problems, not tracebacks."""
    return _checked(path)[0]


def _checked(path: Path) -> tuple[Checked, dict[str, tuple[tuple[Any, ...], ...]]]:
    """The checked workbook, and its tables as the worksheet functions take them (header first)."""
    try:
        book = read_workbook(path)
    except InputError as error:
        return Checked(None, error.problems), {}
    tables = {name: (tuple(raw.header), *map(tuple, raw.rows))  # tuples: the functions hash each table once
              for name, raw in {TABLE_NAME: book.table, **book.extra}.items()}
    return check_raw(book.table, book.settings, book.extra, book.found), tables


def refresh_file(path: Path, output: Path | None = None) -> Checked:
    """Rewrite the result sheets of ``path`` (or write the refreshed copy to ``output``).

    With errors in the input nothing is written; warnings are listed on the Controle sheet.
    Write failures raise :class:`~xl_ladder.adapters.file_writer.WriteError`, leaving the file as it was;
    so does a save by another program while the refresh ran (the file is stamped before it is read).
    """
    try:
        read = stamp(path)
    except OSError:
        read = None  # the reader reports the missing or unreadable file
    checked, tables = _checked(path)
    if checked.ladder is not None:
        write_sheets(path, output or path, report.build(checked.ladder, checked.problems, checked.context), read, tables)
    return checked


def ship(output: Path, data: Path | None = None, settings: Mapping[str, str] | None = None) -> Checked:
    """Build the workbook (from the shipped measure CSV unless ``data``; ``settings`` for its
    ``xlwings.conf`` sheet) and refresh it, so it opens with its result sheets; write the button's
    module beside it, named like it. With errors in the input nothing is written."""
    from ..adapters import workbook_builder  # only this command builds; a refresh never needs XlsxWriter

    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / output.name
        workbook_builder.build(draft, data or workbook_builder.DEFAULT_DATA, settings=settings)
        checked = refresh_file(draft, output)
    if checked.ladder is not None:
        module = workbook_builder.BUTTON_MODULE.read_bytes()
        try:
            write_atomically(output.with_suffix(".py"), lambda handle: handle.write(module))
        except OSError as error:
            raise WriteError(f"{output.with_suffix('.py').name} kon niet geschreven worden: {os_error_text(error)}") from error
    return checked
