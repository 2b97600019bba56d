"""The refresh as an xlwings Lite script: the same live adapter as the VBA button, run by Pyodide.

xlwings Lite runs ``main.py`` from the workbook with ``XLWINGS_ON_SERVER=true``, where
``xw.script`` registers a script for the task pane and for a sheet button: a shape named
:data:`BUTTON_SHAPE`, hyperlinked to :data:`BUTTON_CELL` on the Start sheet, runs it when
clicked. Outside Lite the decorator changes nothing, so this module imports everywhere.
Like every module ``main.py`` embeds, it imports no file adapter and no spreadsheet library
besides xlwings.
"""

from __future__ import annotations

import xlwings as xw

from . import excel

START_SHEET = "Start"
BUTTON_SHAPE = "VernieuwenLite"
BUTTON_CELL = "B15"
"""The cell the Lite button is hyperlinked to: the add-in runs the script when it gets selected."""


@xw.script(name="Vernieuwen", button=f"[{BUTTON_SHAPE}]{START_SHEET}!{BUTTON_CELL}")
def vernieuwen(book: xw.Book) -> None:
    """Vernieuwen: rewrite the result sheets (Ladder, Treden, Controle, …) from the table Maatregelen."""
    excel.button(book)
