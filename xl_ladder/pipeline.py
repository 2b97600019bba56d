"""The steps every entry point shares: validate, resolve settings, compute.

The command line, the Excel button and the worksheet functions all go through here, so they
give the same numbers and the same problems. Plain rows in, a ladder and problems out: which
backend read the rows is the caller's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import context as context_tables
from . import model, regions, result_sheets
from .problems import Problem, has_errors
from .settings import RawSettings, resolve
from .table import TABLE_NAME, RawTable, parse


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
    problems += setting_problems + context_problems + regions.check([raw, *(extra or {}).values()])
    problems += result_sheets.input_on_result_sheets({TABLE_NAME: raw, **(extra or {})})
    if settings is None or has_errors(problems):
        return Checked(None, problems, context)
    return Checked(model.compute(table, settings), problems, context)
