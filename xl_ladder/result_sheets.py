"""The sheet names the result sheets own, compared as Excel compares sheet names: ignoring case.

Excel holds ``trend`` and ``Trend`` to be the same sheet (it refuses a second one, and a package
holding both must be repaired), so a refresh writes into the sheet of that name whatever its
case. An input table on such a sheet would be overwritten: that is refused before anything is
computed, on every path (file, live Excel).
"""

from __future__ import annotations

from collections.abc import Mapping

from .cells import same_sheet
from .problems import Problem, Severity
from .sheet_names import NAMES
from .table import RawTable


def owned(sheet: str) -> str | None:
    """The result sheet that ``sheet`` is for Excel, or None for the analyst's own sheets."""
    return next((name for name in NAMES if same_sheet(sheet, name)), None)


def input_on_result_sheets(tables: Mapping[str, RawTable]) -> list[Problem]:
    """An error for each input table (by name) standing on a sheet a refresh rewrites."""
    problems = []
    for name, table in tables.items():
        result = owned(table.sheet)
        if result is not None:
            same = "dat is" if table.sheet == result else "dat Excel ziet als"
            problems.append(Problem(Severity.ERROR, table.cell(-1, 0),
                                    f"de tabel {name} staat op blad '{table.sheet}', {same} het resultaatblad "
                                    f"'{result}': een vernieuwing zou de invoer overschrijven; geef het blad een "
                                    "andere naam (bv. 'Invoer')"))
    return problems
