"""The steps every entry point shares: read, validate, resolve settings, compute.

The command line, the Excel button and the worksheet functions all go through here, so they
give the same numbers and the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import context as context_tables, model, report
from .adapters.file_reader import read_workbook
from .adapters.xlsx_package import write_sheets
from .problems import InputError, Problem, has_errors
from .settings import RawSettings, resolve
from .table import RawTable, parse


@dataclass
class Checked:
    """Outcome of validation: the ladder if the input allows it, and every problem found."""

    ladder: model.Ladder | None
    problems: list[Problem]
    context: context_tables.Context = field(default_factory=context_tables.Context)


def check_raw(raw: RawTable, raw_settings: RawSettings, extra: dict[str, RawTable] | None = None) -> Checked:
    """Validate the measure table, the settings and the context tables from any backend; compute if no errors."""
    table, problems = parse(raw)
    settings, setting_problems = resolve(raw_settings, table)  # regions and years come from the header alone
    context, context_problems = context_tables.parse(extra or {})
    problems += setting_problems + context_problems
    if settings is None or has_errors(problems):
        return Checked(None, problems, context)
    return Checked(model.compute(table, settings), problems, context)


def check_file(path: Path) -> Checked:
    """Validate a workbook file (read-only); unreadable files become problems, not tracebacks."""
    try:
        book = read_workbook(path)
    except InputError as error:
        return Checked(None, error.problems)
    return check_raw(book.table, book.settings, book.extra)


def refresh_file(path: Path, output: Path | None = None) -> Checked:
    """Rewrite the result sheets of ``path`` (or write the refreshed copy to ``output``).

    With errors in the input nothing is written; warnings are listed on the Controle sheet.
    Write failures raise :class:`~xl_ladder.adapters.xlsx_package.WriteError`, leaving the file as it was.
    """
    checked = check_file(path)
    if checked.ladder is not None:
        write_sheets(path, output or path, report.build(checked.ladder, checked.problems, checked.context))
    return checked

