"""The press release draft as a result sheet (``Persbericht``), so that analysts in Excel can copy it.

Every refresh path writes it (file, VBA button, xlwings Lite): one paragraph a row, in one wide
column whose text wraps, styled by the paragraph's role; the same text as ``xl-ladder persbericht``
writes into a ``.docx``.
"""

from __future__ import annotations

from .catalogue import Edition
from .layout import NOTE, PrintSetup, SheetLayout, Style
from .press import BULLET, HEADING, LEAD, TITLE, draft
from .sheet_names import PRESS, footer

WIDTH = 110.0
"""The text column's width (Excel's unit): a line of a printed A4 landscape page."""
LOOK = {TITLE: Style(bold=True, size=14, wrap=True), LEAD: Style(bold=True, wrap=True), HEADING: Style(bold=True, wrap=True)}


def press_sheet(edition: Edition) -> SheetLayout:
    """The draft of the edition's press release, one paragraph a row, with a line on how it was made."""
    sheet = SheetLayout(PRESS, gridlines=False, printing=PrintSetup(footer=footer(PRESS)))
    sheet.widths[0] = WIDTH
    sheet.put(0, 0, [["Ontwerp van persbericht, geschreven uit de cijfers van deze werkmap; kijk een aangepaste tekst na "
                      "met xl-ladder nakijken."]], NOTE)
    row, previous = 2, None
    for paragraph in draft(edition).all():
        bullet = paragraph.style == BULLET
        row += 1 if previous == BULLET and not bullet else 0  # a list stands apart from the paragraph after it
        sheet.put(row, 0, [[f"• {paragraph.text}" if bullet else paragraph.text]], LOOK.get(paragraph.style, Style(wrap=True)))
        row += 1 if bullet else 2
        previous = paragraph.style
    sheet.fit_rows()
    return sheet
