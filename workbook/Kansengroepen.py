"""Python side of ``Kansengroepen.xlsm`` (xlwings quickstart convention).

The *Vernieuwen* button runs the macro ``SampleCall``, which imports this module and calls
:func:`main`. Worksheet functions will be defined here too (``UDF Modules`` on the
``xlwings.conf`` sheet names this module).
"""

import xlwings as xw


def main() -> None:
    """The Vernieuwen button. Until the live refresh lands, point the analyst to the command line."""
    xw.Book.caller().app.alert(
        "Vernieuwen vanuit Excel volgt in een volgende versie.\n"
        "Gebruik intussen op de opdrachtregel: xl-ladder compute Kansengroepen.xlsm",
        title="Kansengroepen",
    )
