"""Python side of ``Kansengroepen.xlsm`` (xlwings quickstart convention).

The *Vernieuwen* button runs the macro ``SampleCall``, which imports this module and calls
:func:`main`. The worksheet functions below are imported by xlwings (``UDF Modules`` on the
``xlwings.conf`` sheet names this module).
"""

import xlwings as xw

from xl_ladder.adapters import excel


def main() -> None:
    """Refresh the result sheets of the workbook that called (the Vernieuwen button)."""
    excel.button(xw.Book.caller())
