"""Python side of ``Kansengroepen.xlsm`` (xlwings quickstart convention), written beside it by
``xl-ladder quickstart`` (and ``xl-ladder build-workbook``) from the installed package.

The *Vernieuwen* button runs the macro ``SampleCall``, which imports this module (named like the
workbook) and calls :func:`main`. The worksheet functions are imported from here by xlwings
(``UDF Modules`` on the ``xlwings.conf`` sheet names this module; macro ``ImportPythonUDFs``).
"""

import xlwings as xw

from xl_ladder.adapters import excel
from xl_ladder.adapters.udfs import LADDER_AANDEEL, LADDER_EVOLUTIE, LADDER_TABEL, LADDER_VERHOUDING, LADDER_WAARDE

__all__ = ["LADDER_AANDEEL", "LADDER_EVOLUTIE", "LADDER_TABEL", "LADDER_VERHOUDING", "LADDER_WAARDE", "main"]


def main() -> None:
    """Refresh the result sheets of the workbook that called (the Vernieuwen button)."""
    excel.button(xw.Book.caller())
