"""The steps every entry point shares: validate, resolve settings, compute.

The command line, the Excel button and the worksheet functions all go through here, so they
give the same numbers and the same problems. Plain rows in, a ladder and problems out: which
backend read the rows is the caller's business.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import context as context_tables
from . import coverage, model, parts, plausible, regions, result_sheets
from .problems import Problem, Severity, has_errors, unexplained_total
from .settings import RawSettings, resolve
from .table import TABLE_NAME, RawTable, parse


@dataclass
class Checked:
    """Outcome of validation: the ladder if the input allows it, and every problem found."""

    ladder: model.Ladder | None
    problems: list[Problem]
    context: context_tables.Context = field(default_factory=context_tables.Context)


def check_raw(raw: RawTable, raw_settings: RawSettings, extra: dict[str, RawTable] | None = None,
              found: Sequence[Problem] = ()) -> Checked:
    """Validate the measure table, the settings and the context tables from any backend; compute if no errors.

    ``found`` holds what the backend saw while finding the input (a settings sheet or a table under a
    name that nearly matches, settings in the wrong column).
    """
    extra = extra or {}
    table, problems = parse(raw)
    context, context_problems = context_tables.parse(extra)
    others = [found_table for name, found_table in extra.items() if name != context_tables.CONTEXT_TABLE]
    known = regions.of_tables(raw, extra.get(context_tables.CONTEXT_TABLE), others)
    settings, setting_problems = resolve(raw_settings, table, known)  # regions and years come from the headers
    problems += setting_problems + context_problems + regions.check(known) + list(found)
    problems += result_sheets.input_on_result_sheets({TABLE_NAME: raw, **extra})
    if settings is None or has_errors(problems):
        return Checked(None, problems, context)
    cell = plausible.figure_cells(raw, table)
    problems += coverage.check(table)
    problems += plausible.focus_above_reference(table, settings.focus, settings.reference, cell, settings.focus_cell)
    if has_errors(problems):
        return Checked(None, problems, context)
    ladder, part_problems = parts.settled(model.compute(table, settings), context, known.cells)
    problems += part_problems + _unexplained(ladder, cell)
    return Checked(None if has_errors(problems) else ladder, problems, context)


def _unexplained(ladder: model.Ladder, cell: Callable[[int, int], str]) -> list[Problem]:
    """A warning at every published total its parts cannot explain (:attr:`model.Ladder.unexplained`)."""
    found = []
    for i, k, summed, complete in ladder.unexplained:
        row, (region, year) = ladder.table.rows[i], ladder.table.columns[k]
        missing = [] if complete else ladder.missing(i, k)
        found.append(Problem(Severity.WARNING, cell(i, k), unexplained_total(
            row.code or row.label, f"{region} {year}", float(ladder.published[i, k]), summed, missing)))
    return found
