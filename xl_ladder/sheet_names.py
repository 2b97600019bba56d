"""The names of the result sheets, in workbook order: a leaf module, so that validation (which must
know which sheets a refresh owns) does not import the code that builds them."""

PAGE, LADDER, RUNGS, CONTROL, REGIONS, TREND, SECTORS = (
    "Publicatie", "Ladder", "Treden", "Controle", "Regio's", "Trend", "Trede 3")
NAMES = (PAGE, LADDER, RUNGS, CONTROL, REGIONS, TREND, SECTORS)
FOOTER = "Kansengroepen op de participatieladder"


def footer(sheet: str) -> str:
    """The footer a result sheet prints: the publication's subject and the sheet."""
    return f"{FOOTER} – {sheet}"
