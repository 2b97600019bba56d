"""The worksheet functions as xlwings UDFs (category "Participatieladder"), with help for Excel's wizard.

Thin wrappers over :mod:`xl_ladder.functions`; ``workbook/Kansengroepen.py`` re-exports them so
*Import Functions* finds them. Pass the measure table with its header: ``Maatregelen[#All]``.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw

from .. import functions

CATEGORY = "Participatieladder"
TABLE_HELP = "De tabel Maatregelen mét kopregel, bv. Maatregelen[#All]"


@xw.func(category=CATEGORY)
@xw.arg("formule", doc="Notatie van de publicatie, bv. \"a t/m e + 40% f\" of \"trede 5 + trede 4\"")
@xw.arg("regio", doc="Regio zoals in de kolomtitels, bv. \"West-Vlaanderen\"")
@xw.arg("jaar", doc="Jaar zoals in de kolomtitels, bv. 2020")
@xw.arg("tabel", ndim=2, doc=TABLE_HELP)
def LADDER_WAARDE(formule: str, regio: str, jaar: Any, tabel: Any) -> Any:
    """Aantal volgens een formule in de notatie van de publicatie, voor een regio en een jaar."""
    return functions.value(formule, regio, jaar, tabel)


@xw.func(category=CATEGORY)
@xw.arg("formule", doc="Notatie van de publicatie, bv. \"trede 5 + trede 4 + trede 3\"")
@xw.arg("jaar", doc="Jaar, bv. 2020")
@xw.arg("tabel", ndim=2, doc=TABLE_HELP)
@xw.arg("focusregio", doc="Optioneel; standaard de eerste regio die niet de referentie is")
@xw.arg("referentieregio", doc="Optioneel; standaard Vlaams Gewest")
def LADDER_AANDEEL(formule: str, jaar: Any, tabel: Any, focusregio: str | None = None,
                   referentieregio: str | None = None) -> Any:
    """Aandeel van de focusregio in de referentieregio (als breuk: geef de cel de opmaak %)."""
    return functions.share(formule, jaar, tabel, focusregio, referentieregio)


@xw.func(category=CATEGORY)
@xw.arg("formule", doc="Notatie van de publicatie, bv. \"e' + f'\"")
@xw.arg("regio", doc="Regio zoals in de kolomtitels")
@xw.arg("van_jaar", doc="Beginjaar, bv. 2019")
@xw.arg("tot_jaar", doc="Eindjaar, bv. 2020")
@xw.arg("tabel", ndim=2, doc=TABLE_HELP)
def LADDER_EVOLUTIE(formule: str, regio: str, van_jaar: Any, tot_jaar: Any, tabel: Any) -> Any:
    """Evolutie tussen twee jaren (als breuk: geef de cel de opmaak %)."""
    return functions.evolution(formule, regio, van_jaar, tot_jaar, tabel)


@xw.func(category=CATEGORY)
@xw.arg("formule", doc="Notatie van de publicatie, bv. \"totaal\"")
@xw.arg("indicator", doc="Code in de tabel Context, bv. \"loontrekkenden\" of \"wzw\"")
@xw.arg("regio", doc="Regio zoals in de kolomtitels")
@xw.arg("jaar", doc="Jaar, bv. 2020")
@xw.arg("tabel", ndim=2, doc=TABLE_HELP)
@xw.arg("context", ndim=2, doc="De tabel Context mét kopregel, bv. Context[#All]")
def LADDER_VERHOUDING(formule: str, indicator: str, regio: str, jaar: Any, tabel: Any, context: Any) -> Any:
    """Verhouding tot een contextcijfer, bv. plaatsen t.o.v. de loontrekkenden (als breuk: opmaak %)."""
    return functions.ratio(formule, indicator, regio, jaar, tabel, context)


@xw.func(category=CATEGORY)
@xw.arg("tabel", ndim=2, doc=TABLE_HELP)
@xw.arg("focusregio", doc="Optioneel")
@xw.arg("referentieregio", doc="Optioneel")
@xw.arg("basisjaar", doc="Optioneel; standaard het voorlaatste jaar")
@xw.arg("verslagjaar", doc="Optioneel; standaard het laatste jaar")
def LADDER_TABEL(tabel: Any, focusregio: str | None = None, referentieregio: str | None = None,
                 basisjaar: Any = None, verslagjaar: Any = None) -> Any:
    """De hele ladder als dynamische matrix: codes, aantallen, aandelen en evoluties zoals op het blad Ladder."""
    return functions.whole_ladder(tabel, focusregio, referentieregio, basisjaar, verslagjaar)
