"""No silent wrong number, round 3 (issue 27; ``docs/problems.md``, *Round 3*): figures that cannot be, every
measure counted once, the report year, every input read. Each case is a real workbook made by editing the
shipped one the way the mistake is made, run through the file path and — unless the live path cannot see it —
through live Excel with the same verdict (``tests/every_path.py``), as in round 2 (``tests/test_hostile.py``).

Every case asserts the problems (cell, severity, the words that matter) and, where a figure is at stake, the
figure: the value the shipped workbook holds (checked by hand against the publication, ``tests/reference``),
empty, or refused at its cell. Addresses are the shipped workbook's: ``Maatregelen`` D/E West-Vlaanderen
2019/2020, F/G Vlaams Gewest 2019/2020; row 2 trede 5 (42.749 and 210.323 published in 2020), 6 measure ``a``
(2.977 / 3.050 and 14.004 / 14.165), 7 ``b`` (34.480 / 29.254), 18 trede 4, 43 trede 3, 46 ``totaal`` (52.790);
``Instellingen`` B2 Focusregio … B5 Verslagjaar, B6 Deelregio's.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import python_calamine as calamine
from openpyxl.worksheet.table import Table

from xl_ladder.cells import column_letters
from xl_ladder.shell.workflow import check_file, refresh_file

from .case_books import Rows, add_column, append, drop_columns, formula, retitle_in
from .helpers import assert_refused, digest, error_cell, run
from .hostile_books import (
    MISSING_BRUGGE,
    PARTS,
    VG,
    WVL,
    C,
    E,
    Hostile,
    M,
    S,
    Sheets,
    W,  # round 2's workbooks and checks, extended
    assert_case,
    build,
    clear_column,
    regions_are,
    rename_table,
    table_column,
    texts,
)
from .raw_cells import sheet_part, store

# --------------------------------------------------------------------------------------------
# making workbooks
# --------------------------------------------------------------------------------------------


def several_rows(*changes: Callable[[Rows], None]) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        for one in changes:
            one(rows)
    return change


ZEROS = dict.fromkeys([*"abcdefghijklmnopqrstuvwxyz", *(f"{c}'" for c in "abcdef")], "0")
"""A 0 on every measure row (next year's columns prepared with zeros): 32 measures."""


# --------------------------------------------------------------------------------------------
# what the sheets must show
# --------------------------------------------------------------------------------------------


def no_evolution(sheets: Sheets) -> None:
    """The Ladder shows the report year alone and no evolution (empty cells, never 0 %): measure a's row is
    a, its label, no formula, 3.050, 14.165, 3.050 / 14.165, and two empty evolutions."""
    grid = sheets["Ladder"]
    assert "Evolutie tot 2020" in texts(grid)
    assert any("geen evolutie: geen jaar vóór 2020 met cijfers voor beide regio's" in text for text in texts(grid))
    row = next(row for row in grid if row and row[0] == "a")
    assert row[3:5] == [3050, 14165]
    assert row[5] == pytest.approx(3050 / 14165)
    assert row[6:8] == ["", ""]
    assert "Evolutie tot 2020" in texts(sheets["Publicatie"])


NO_BASE = ("geen jaar vóór 2020 met cijfers voor West-Vlaanderen en Vlaams Gewest", "de evoluties blijven leeg")

BASE_YEAR = [  # class 1: the base year lies before the report year, with figures for both regions
    Hostile("basisjaar-focus-leeg", [(S + "B4", W)], (*NO_BASE, "2019: geen cijfers voor West-Vlaanderen"),
            book=clear_column("Maatregelen", "D", range(2, 47)), settings=(WVL, VG, None, 2020),
            figures={("a", WVL, 2020): 3050, ("totaal", WVL, 2020): 52790}, sheets=no_evolution),
    Hostile("basisjaar-referentie-leeg", [(S + "B4", W)], (*NO_BASE, "2019: geen cijfers voor Vlaams Gewest"),
            book=clear_column("Maatregelen", "F", range(2, 47)), settings=(WVL, VG, None, 2020),
            sheets=no_evolution),
    Hostile("basisjaar-kolom-verwijderd", [(S + "B4", W)], (*NO_BASE, "2019: geen cijfers voor West-Vlaanderen"),
            rows=drop_columns("West-Vlaanderen 2019"), settings=(WVL, VG, None, 2020),
            figures={("b", WVL, 2020): 29254}, sheets=no_evolution),
    Hostile("basisjaar-beide-kolommen-verwijderd", [],  # a table of one year, as a first edition: said on the Ladder
            rows=drop_columns("West-Vlaanderen 2019", "Vlaams Gewest 2019"),
            settings=(WVL, VG, None, 2020), sheets=no_evolution),
    Hostile("basisjaar-gekozen-focus-leeg", [(S + "B4", E)], ("Basisjaar 2019", "geen enkel cijfer voor West-Vlaanderen"),
            book=clear_column("Maatregelen", "D", range(2, 47)), typed={S + "B4": 2019}),
    Hostile("verslagjaar-gekozen-gelijk-aan-standaardbasisjaar", [(S + "B4", W)], (*NO_BASE[1:], "2019: geen cijfers"),
            book=clear_column("Maatregelen", "D", range(2, 47)), typed={S + "B5": 2020},
            settings=(WVL, VG, None, 2020), sheets=no_evolution),
]

def typo_marked(code: str, label: str, published: str) -> Callable[[Sheets], None]:
    """The page prints the published figure with a note marking it; Controle lists the problem (never 'Geen
    problemen gevonden')."""
    def check(sheets: Sheets) -> None:
        page = " ".join(texts(sheets["Publicatie"]))
        assert f"Let op: {label}" in page and published in page, page
        control = texts(sheets["Controle"])
        assert "Geen problemen gevonden." not in control
        assert any(f"gepubliceerd totaal '{code}'" in text for text in control)
    return check


IMPOSSIBLE = [  # class 2: figures that cannot be
    Hostile("aandeel-focus-en-referentie-verwisseld", [(S + "B2", E)], ("'Vlaams Gewest'", "verwisseld?"),
            typed={S + "B2": VG, S + "B3": WVL}),
    Hostile("aandeel-tikfout-in-referentie", [(M + "E6", E)], ("3.050", "1.416 in Maatregelen!G6", "215,4 %"),
            typed={"G6": 1416}),  # 3.050 / 1.416 = 215,4 %
    Hostile("aandeel-tikfout-in-focus", [(M + "E7", E)], ("292.540", "148.663 in Maatregelen!G7"),
            typed={"E7": 292540}),
    Hostile("aandeel-tikfout-in-basisjaar", [(M + "D6", E)], ("29.770", "14.004 in Maatregelen!F6"),
            typed={"D6": 29770}),
    Hostile("aandeel-gepubliceerd-totaal-boven-referentie", [(M + "E43", E)], ("14.950", "6.295 in Maatregelen!G43"),
            typed={"E43": 14950}),
    Hostile("aandeel-tikfout-in-gepubliceerd-referentietotaal", [(M + "E2", E)], ("42.749", "21.032 in Maatregelen!G2"),
            typed={"G2": 21032}),
    Hostile("aandeel-gelijk-aan-referentie", [], typed={"D6": 14004}, figures={("a", WVL, 2019): 14004}),  # 100 %: can be
    Hostile("totaal-tikfout", [(M + "E2", W)], ("'trede 5'", "24.749", "de som van de delen is 42.748,6"),
            typed={"E2": 24749}, figures={("trede 5", WVL, 2020): 24749, ("totaal", WVL, 2020): 52790},
            sheets=typo_marked("trede 5", "Trede 5 - betaald werk met ondersteuning", "24.749")),
    Hostile("totaal-tikfout-onvolledig", [(M + "E4", W)], ("'DGK'", "3.616", "gekende delen is 35.304", "(d, e)"),
            typed={"E4": 3616}, figures={("DGK", WVL, 2020): 3616},  # trede 5 is not flagged again: DGK explains it
            sheets=typo_marked("DGK", "Doelgroepkortingen", "3.616")),
    Hostile("totaal-tikfout-eindtotaal", [(M + "E46", W), (C + "L1", W)],  # and its parts do not sum to it
            ("'totaal'", "5.279", "de som van de delen is 52.790"),
            typed={"E46": 5279}),
    Hostile("totaal-tikfout-referentie-2019", [(M + "F12", W)], ("'COL'", "52.689", "de som van de delen is 25.689"),
            typed={"F12": 52689}),
    Hostile("totaal-boven-gekende-delen", [], typed={"E12": 6500},  # h is missing: it may hold the 398 more
            figures={("COL", WVL, 2020): 6500}),
    Hostile("totaal-afronding", [], typed={"E43": 1500}, figures={("trede 3", WVL, 2020): 1500}),  # 5 more: rounding
]

ONCE = [  # class 3: every measure counted once
    Hostile("maatregel-nieuw-in-geen-formule", [(M + "A47", E)], ("'g''", "telt in geen enkele trede"),
            rows=append("g'", "Nieuwe maatregel", "", "", "120", "", "640")),
    Hostile("maatregel-nieuw-zonder-cijfers", [(M + "A47", W)], ("'g''", "geen cijfers"),
            rows=append("g'", "Nieuwe maatregel", "", "", "", "", ""), figures={("totaal", WVL, 2020): 52790}),
    Hostile("maatregel-in-twee-treden", [(M + "A6", E)], ("'a' telt 2 keer", "'DGK' en 'trede 4'"),
            rows=formula("trede 4", "a + k t/m d'")),  # once totaal 55.840
    Hostile("maatregel-twee-keer-in-een-formule", [(M + "A44", E), (M + "C43", W)], ("'e'' telt 2 keer", "'trede 3'"),
            rows=formula("trede 3", "e' + f' + e'")),
    Hostile("maatregel-in-bereik-en-subtotaal", [(M + "A13", E)], ("'g' telt 2 keer", "'trede 5' en 'COL'"),
            rows=formula("trede 5", "DGK + 40% f + COL + g")),
    Hostile("trede-niet-in-totaal", [(M + "A46", E)], ("'trede 3' telt niet mee in 'totaal'",),
            rows=formula("totaal", "trede 5 + trede 4")),
    Hostile("subtotaal-niet-in-trede", [(M + "A13", E), (M + "A15", E), (M + "A16", E), (M + "A17", E)],
            ("'g' telt in geen enkele trede",), rows=formula("trede 5", "DGK + 40% f")),
    Hostile("subtotaal-dubbel-in-trede", [(M + "A6", E), (M + "A7", E), (M + "A8", E), (M + "A9", E)],
            ("'a' telt 2 keer", "'DGK' en 'VDB'"),  # VDB = a + b + c + d, DGK holds them too
            rows=formula("trede 5", "DGK + VDB + 40% f + COL")),
]

NEXT_YEAR = [  # class 5: the report year has figures to report
    Hostile("verslagjaar-nullen-klaargezet", [(S + "B5", W)], ("alle 32 cijfers van West-Vlaanderen in 2021 zijn 0",
                                                                "2021 lijkt nog niet ingevuld"),
            rows=several_rows(add_column("West-Vlaanderen 2021", ZEROS), add_column("Vlaams Gewest 2021", ZEROS)),
            settings=(WVL, VG, 2019, 2020), figures={("totaal", WVL, 2020): 52790}),
    Hostile("verslagjaar-nullen-bij-focus", [(S + "B5", W)], ("alle 32 cijfers van West-Vlaanderen in 2021 zijn 0",),
            rows=several_rows(add_column("West-Vlaanderen 2021", ZEROS),
                              add_column("Vlaams Gewest 2021", dict.fromkeys(ZEROS, "500"))),
            settings=(WVL, VG, 2019, 2020)),
    Hostile("verslagjaar-een-verdwaald-cijfer", [(S + "B5", W)], ("West-Vlaanderen heeft in 2021 maar 1 cijfer, het jaar "
                                                                  "ervoor 40",),
            rows=several_rows(add_column("West-Vlaanderen 2021", {"a": "3100"}),
                              add_column("Vlaams Gewest 2021", {"a": "14200"})),
            settings=(WVL, VG, 2019, 2020), figures={("a", WVL, 2020): 3050}),
    Hostile("verslagjaar-enkele-cijfers", [(S + "B5", W)], ("maar 5 cijfers",),
            rows=several_rows(add_column("West-Vlaanderen 2021", dict.fromkeys("abcfg", "100")),
                              add_column("Vlaams Gewest 2021", dict.fromkeys("abcfg", "500"))),
            settings=(WVL, VG, 2019, 2020)),
    Hostile("verslagjaar-nullen-gekozen", [(S + "B5", W)], ("Verslagjaar 2021", "alle 32 cijfers", "al ingevuld?"),
            rows=several_rows(add_column("West-Vlaanderen 2021", ZEROS), add_column("Vlaams Gewest 2021", ZEROS)),
            typed={S + "B5": 2021}, settings=(WVL, VG, 2020, 2021)),
    Hostile("verslagjaar-half-ingevuld", [], settings=(WVL, VG, 2020, 2021),  # 20 of 40 rows: a year being filled
            rows=several_rows(add_column("West-Vlaanderen 2021", dict.fromkeys("abcfghijklmnopqrstuv", "100")),
                              add_column("Vlaams Gewest 2021", dict.fromkeys("abcfghijklmnopqrstuv", "500")))),
]

def other_focus(rows: Rows) -> None:
    """Oost-Vlaanderen 2020 added to the measure table, twice West-Vlaanderen's measures (totals computed)."""
    rows[0].append("Oost-Vlaanderen 2020")
    for row in rows[1:]:
        row.append(str(2 * int(row[4])) if row[4] and not row[2] else "")


ROLES = [  # class 4: regions and their roles, round 2
    Hostile("deelregios-bij-andere-focus", [(C + "I1", W), (M + "D1", W), (S + "B4", W)],
            ("tellen niet aantoonbaar op tot Oost-Vlaanderen", "niet opgeteld"),  # once Brugge 17,4 % of it
            rows=other_focus, typed={S + "B2": "Oost-Vlaanderen"}, sheets=regions_are([], None)),
    Hostile("vergelijkingskolom-in-context", [(C + "O1", W)],
            ("en 4 andere", "tellen samen 1.138.131 loontrekkenden in 2020, niet de 438.131 van West-Vlaanderen",
             "niet opgeteld"),  # 438.131 + 700.000
            book=table_column("Context", "Brussel 2020", {6: 700000}), sheets=regions_are([], None)),
    Hostile("vergelijkingskolom-deelregios-gekozen", [(C + "O1", W)], ("'Brussel'", "Instellingen!B6 noemt ze niet"),
            book=table_column("Context", "Brussel 2020", {6: 700000}), typed={S + "B6": "; ".join(PARTS)},
            sheets=regions_are(PARTS, 52788)),
    Hostile("deelregio-ander-jaar", [], book=retitle_in("Context", "I", "Brugge 2019"),  # Brugge lacks 2020:
            sheets=regions_are(PARTS, None, MISSING_BRUGGE)),  # the sum is incomplete, said (nothing wrong summed)
    Hostile("deelregios-tellen-op", [], sheets=regions_are(PARTS, 52788)),  # 52.788 of 52.790: within rounding
]

def copy_measures_sheet(book: openpyxl.Workbook) -> None:
    """Excel's copy of the measure sheet beside it ('Maatregelen (2)', its table renamed 'Maatregelen3'), edited."""
    copy = book.copy_worksheet(book["Maatregelen"])
    copy.title = "Maatregelen (2)"
    copy.add_table(Table(displayName="Maatregelen3", ref=book["Maatregelen"].tables["Maatregelen"].ref))
    copy["E6"] = 9999


UNREAD = [  # class 6: input the tool does not read is named
    Hostile("instelling-in-kolom-c", [(S + "C5", E)], ("Verslagjaar '2019' staat in kolom C", "zet ze in kolom B"),
            typed={S + "C5": "2019"}),
    Hostile("instelling-regio-in-kolom-c", [(S + "C2", E)], ("Focusregio 'Vlaams Gewest' staat in kolom C",),
            typed={S + "C2": VG}),
    Hostile("instelling-naam-is-foutwaarde", [(S + "A5", E)], ("#VERW! (#REF!)", "Instellingen!B5 wordt niet gelezen"),
            typed={S + "B5": 2019}, stored={S + "A5": error_cell("A5", "#REF!")}),
    Hostile("kop-is-foutwaarde", [(M + "D1", E), (S + "B4", W)], ("kolomkop: Excel-foutwaarde #VERW! (#REF!)",
                                                                  "niet gelezen"),
            stored={M + "D1": error_cell("D1", "#REF!")}),  # once "kopcel (leeg) verschilt van de kolomnaam"
    Hostile("tabel-kopie-ernaast", [("'Maatregelen (2)'!A1", W)], ("'Maatregelen3'", "wordt niet gelezen"),
            book=copy_measures_sheet, figures={("a", WVL, 2020): 3050}),
    Hostile("context-tabel-met-voorvoegsel", [(C + "A1", E)], ("'tblContext'", "lijkt de tabel 'Context'"),
            book=rename_table("Context", "tblContext")),
]

CLASSES: list[tuple[int, list[Hostile]]] = [(1, BASE_YEAR), (2, IMPOSSIBLE), (3, ONCE), (4, ROLES), (5, NEXT_YEAR),
                                            (6, UNREAD)]
CASES = [dataclasses.replace(case, kind=kind) for kind, cases in CLASSES for case in cases]
IDS = {case.id for case in CASES}
FILE_CASES = {"lite-verplichte-regels", "lite-functievlag-zoals-lite", "formules-waarde-na-wijziging",
              "formules-fout-na-wijziging", "werkmap-strict-open-xml", "blad-in-utf16",
              "blad-onleesbare-cel"}
"""Cases of the file, the package, the command line: each named by a test here or in ``tests/test_lite.py``."""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_round3_case(tmp_path: Path, case: Hostile) -> None:
    assert_case(build(tmp_path, case), case)


def test_no_evolution_without_a_base_year_in_compute(tmp_path: Path) -> None:
    """basisjaar-focus-leeg, through ``compute``: West-Vlaanderen's evolutions 2020 are empty (no 2019 figure),
    Vlaams Gewest's are computed (a: 14.165 / 14.004 − 1 = 1,1 %)."""
    path = build(tmp_path, CASES[0])
    checked = check_file(path)
    assert checked.ladder is not None
    frame = checked.ladder.tidy()
    wvl = frame[(frame.region == WVL) & (frame.year == 2020)]
    assert wvl.evolution_pct.isna().all()
    (a_vg,) = frame[(frame.code == "a") & (frame.region == VG) & (frame.year == 2020)].evolution_pct.tolist()
    assert a_vg == pytest.approx((14165 / 14004 - 1) * 100)




def test_every_file_case_is_named_by_a_test() -> None:
    sources = "".join((Path(__file__).parent / name).read_text(encoding="utf-8")
                      for name in ("test_hostile3.py", "test_lite.py"))
    for case in FILE_CASES:
        assert f"{case}:" in sources.replace(f'"{case}"', ""), case


# --------------------------------------------------------------------------------------------
# 7. the worksheet functions' cached values (file only: live Excel computes the cells itself)
# --------------------------------------------------------------------------------------------


def function_cells(path: Path) -> dict[str, Any]:
    """The cached values of the sheet Formules, as LibreOffice and any reader show them (address → value)."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    grid = book.get_sheet_by_name("Formules").to_python(skip_empty_area=False)
    book.close()
    return {f"{column_letters(c)}{r + 1}": value for r, row in enumerate(grid) for c, value in enumerate(row)}


def test_cached_values_follow_a_changed_figure(workbook_copy: Path) -> None:
    """formules-waarde-na-wijziging: a (West-Vlaanderen 2020) typed 3.150 instead of 3.050: both sets of
    cells give a t/m c = 3.150 + 29.254 + 3.000 = 35.404 (once still 35.304), and both LADDER_TABEL arrays
    show a's new figure and share 3.150 / 14.165."""
    store(workbook_copy, {M + "E6": '<c r="E6"><v>3150</v></c>'})
    assert refresh_file(workbook_copy).ladder is not None
    cells = function_cells(workbook_copy)
    assert cells["C7"] == cells["D7"] == 35404
    assert cells["C6"] == cells["D6"] == pytest.approx(42748.6)  # trede 5 uses DGK as published: unchanged
    for top in (14, 64):  # each array: header rows, then trede 5 … ; a is the table's fifth row
        assert cells[f"A{top + 6}"] == "a" and cells[f"E{top + 6}"] == 3150
        assert cells[f"H{top + 6}"] == pytest.approx(2977 / 14004) and cells[f"I{top + 6}"] == pytest.approx(3150 / 14165)


def test_cached_values_become_the_error_the_cell_gives(workbook_copy: Path) -> None:
    """formules-fout-na-wijziging: c (West-Vlaanderen 2020) emptied: a t/m c is incomplete, both cells say so
    in Dutch (once 35.304); the share of the grand total is unchanged (52.790 published)."""
    store(workbook_copy, {M + "E8": '<c r="E8"/>'})
    assert refresh_file(workbook_copy).ladder is not None
    cells = function_cells(workbook_copy)
    assert cells["C7"] == cells["D7"] == "#FOUT: onvolledig, ontbreekt: c"
    assert cells["C9"] == cells["D9"] == pytest.approx(52790 / 263406)  # 263.406: Vlaams Gewest's computed total


def test_calls_are_read_as_excel_stores_them() -> None:
    """The arguments of a stored call: texts (a doubled quote inside), numbers, nothing, whole tables; a
    cell reference is not computed here."""
    from xl_ladder.adapters import formula_cache

    tables = {"Maatregelen": [["Code"]], "Context": [["Code"]]}
    assert formula_cache.arguments('"a ""b""",2020,,Maatregelen[#All]', tables) == ['a "b"', 2020, None, [["Code"]]]
    assert formula_cache.arguments('"x",2020.5,Context[#All]', tables) == ["x", 2020.5, [["Code"]]]
    assert formula_cache.arguments('"x",B2,Maatregelen[#All]', tables) is None
    assert formula_cache.arguments('"x",Elders[#All]', tables) is None


# --------------------------------------------------------------------------------------------
# 9. messages that mislead (file only: the file as another program saved it)
# --------------------------------------------------------------------------------------------


def rewritten(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A copy of ``source`` with every part passed through ``change(name, data)``."""
    with zipfile.ZipFile(source) as archive:
        data = {info.filename: change(info.filename, archive.read(info)) for info in archive.infolist()}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    return target


def strict(name: str, data: bytes) -> bytes:
    """A part as Excel saves it for 'Strict Open XML-werkmap': the ISO strict namespaces."""
    if not name.endswith((".xml", ".rels")):
        return data
    return (data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                         b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            .replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                     b"http://purl.oclc.org/ooxml/officeDocument/relationships"))


def test_strict_open_xml_is_named(tmp_path: Path, workbook_copy: Path) -> None:
    """werkmap-strict-open-xml: once "geen Excel-tabel 'Maatregelen' gevonden"; now what it is and how to save
    it as an ordinary workbook, and nothing written."""
    path = rewritten(workbook_copy, tmp_path / "Strikt.xlsm", strict)
    before = digest(path)
    for command in ("check", "refresh"):
        result = run(command, str(path))
        assert_refused(result, 1, "Strikt.xlsm: fout: de werkmap is opgeslagen als 'Strict Open XML-werkmap'",
                       "'Excel-werkmap met macro's (*.xlsm)'")
        assert "geen Excel-tabel" not in result.stderr
    assert digest(path) == before


def test_a_utf16_sheet_is_named_once(tmp_path: Path, workbook_copy: Path) -> None:
    """blad-in-utf16: a sheet part stored in UTF-16 gave eleven errors of five wrong causes (the sheet read as
    empty); now one, naming the part and the encoding."""
    with zipfile.ZipFile(workbook_copy) as archive:
        part = sheet_part(archive, "Maatregelen")

    def utf16(name: str, data: bytes) -> bytes:
        return data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16") \
            if name == part else data

    path = rewritten(workbook_copy, tmp_path / "Kansengroepen.xlsm", utf16)
    problems = check_file(path).problems
    assert [str(p) for p in problems] == [f"Kansengroepen.xlsm: fout: onderdeel {part} is opgeslagen in UTF-16, een "
                                          "tekencodering die dit programma niet leest (het blad zou leeg lijken): open "
                                          "de werkmap in Excel en bewaar ze opnieuw (Excel schrijft UTF-8)"]


def test_a_cell_the_reader_refuses_names_its_sheet(workbook_copy: Path) -> None:
    """blad-onleesbare-cel: a text reference beyond the workbook's list of texts (which Excel never writes) once
    gave "de inhoud kan niet gelezen worden" without a cause; now the sheet and what to do."""
    store(workbook_copy, {M + "E6": '<c r="E6" t="s"><v>99999</v></c>'})
    assert_refused(run("check", str(workbook_copy)), 1, "de inhoud kan niet gelezen worden: het blad 'Maatregelen' "
                                                        "heeft een cel waarvan de opgeslagen waarde niet bij haar soort "
                                                        "past", "bewaar ze opnieuw")
