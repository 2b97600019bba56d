"""The refresh as an xlwings Lite script: the same live adapter as the VBA button, run by Pyodide.

xlwings Lite runs ``main.py`` from the workbook with ``XLWINGS_ON_SERVER=true``, where
``xw.script`` registers a script for the task pane and for a sheet button: a shape named
:data:`BUTTON_SHAPE`, hyperlinked to :data:`BUTTON_CELL` on the Start sheet, runs it when
clicked. Outside Lite the decorator changes nothing, so this module imports everywhere.
Like every module ``main.py`` embeds, it imports no file adapter and no spreadsheet library
besides xlwings.

No ``from __future__ import annotations`` here: xlwings before 0.37 finds the book parameter by
comparing the annotation itself with ``xw.Book``, and the script must at least run there to say
in Dutch which xlwings it needs.
"""

import xlwings as xw

from . import excel

START_SHEET = "Start"
BUTTON_SHAPE = "VernieuwenLite"
BUTTON_CELL = "B15"
"""The cell the Lite button is hyperlinked to: the add-in runs the script when it gets selected."""
MIN_XLWINGS = (0, 37)
"""The oldest xlwings release the live adapter is tested with in Lite's engine: xlwings 0.33
(Lite's default for workbooks of early 2026) cannot set column widths or read a used range there."""


def xlwings_too_old(version: str) -> bool:
    """Whether the xlwings Lite loaded is older than :data:`MIN_XLWINGS`."""
    return tuple(int(part) for part in version.split(".")[:2]) < MIN_XLWINGS


@xw.script(name="Vernieuwen", button=f"[{BUTTON_SHAPE}]{START_SHEET}!{BUTTON_CELL}")
def vernieuwen(book: xw.Book) -> None:
    """Vernieuwen: rewrite the result sheets (Ladder, Treden, Controle, …) from the table Maatregelen."""
    if xlwings_too_old(xw.__version__):
        book.app.alert(f"xlwings Lite laadde xlwings {xw.__version__}; deze werkmap heeft xlwings "
                       f"{'.'.join(map(str, MIN_XLWINGS))} of nieuwer nodig. Zet in requirements.txt de regel "
                       "van deze werkmap terug (xlwings==…  # required) en herstart xlwings Lite.", title=excel.TITLE)
        return
    excel.button(book)
