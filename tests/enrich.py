"""Make a copy of the shipped workbook hold what analysts add and openpyxl would lose.

Adds, at package level: an analyst's sheet with formulas and their cached values, a picture on
it, an x14 conditional format, a defined name and a custom ribbon (customUI) part.
"""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Eigen analyse</t></is></c><c r="B1"><v>40</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Dubbel</t></is></c><c r="B2"><f>B1*2</f><v>80</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Uit tabel</t></is></c><c r="B3"><f>SUM(Maatregelen!D6:D8)</f><v>44363</v></c></row></sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/><extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{00000000-000E-0000-0000-000001000000}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>B1:B3</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst></worksheet>"""
SHEET_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing999.xml"/></Relationships>"""
DRAWING = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Logo"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"""
DRAWING_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image99.png"/></Relationships>"""
RIBBON = """<customUI xmlns="http://schemas.microsoft.com/office/2009/07/customui"><ribbon><tabs><tab id="xlLadder" label="Kansengroepen"><group id="g" label="Ladder"><button id="b" label="Vernieuwen" onAction="SampleCall"/></group></tab></tabs></ribbon></customUI>"""
ANALYST_SHEET = "Analyse"
ANALYST_PART = "xl/worksheets/sheet99.xml"


def enrich(source: Path, target: Path) -> None:
    """Write ``target``: ``source`` plus an analyst's sheet, picture, x14 format, name and ribbon."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    text = {name: parts[name].decode() for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "_rels/.rels")}
    text["xl/workbook.xml"] = text["xl/workbook.xml"].replace(
        "</sheets>", f'<sheet name="{ANALYST_SHEET}" sheetId="99" r:id="rId90"/></sheets>'
        '<definedNames><definedName name="MijnDoel">Analyse!$B$1</definedName></definedNames>')
    text["xl/_rels/workbook.xml.rels"] = text["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>", '<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>')
    text["_rels/.rels"] = text["_rels/.rels"].replace(
        "</Relationships>", '<Relationship Id="rIdUI" Type="http://schemas.microsoft.com/office/2007/relationships/ui/extensibility" Target="customUI/customUI14.xml"/></Relationships>')
    text["[Content_Types].xml"] = text["[Content_Types].xml"].replace(
        "</Types>", '<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/{ANALYST_PART}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/drawings/drawing999.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    added = {
        ANALYST_PART: SHEET, "xl/worksheets/_rels/sheet99.xml.rels": SHEET_RELS,
        "xl/drawings/drawing999.xml": DRAWING, "xl/drawings/_rels/drawing999.xml.rels": DRAWING_RELS,
        "customUI/customUI14.xml": RIBBON,
    }
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, text[name].encode() if name in text else data)
        for name, content in added.items():
            archive.writestr(name, content.encode())
        archive.writestr("xl/media/image99.png", PNG)
