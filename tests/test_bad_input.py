"""The catalogue of bad input (``docs/problems.md``): every case is a real workbook, checked, and
must give exactly the expected problems — location, severity, and the words that matter.

Workbooks are made the way the mistakes are made: the shipped builder from a changed CSV (what
the table holds), openpyxl on a built copy (what an analyst types in a cell), or the sheet XML
edited (what only Excel writes: cached errors, formulas with or without their result).

Addresses are those of the shipped table (``xl_ladder/data/publicatie_2020.csv``): header in
row 1, columns A Code, B Omschrijving, C Formule, D/E West-Vlaanderen 2019/2020, F/G Vlaams Gewest
2019/2020; CSV line n is sheet row n: 2 trede 5, 3 IND, 4 DGK, 5 VDB, 6 a, 7 b, 8 c, 11 f, 12 COL,
14 CM, 19 the row without a code (formula ``k``), 42 d', 46 totaal (the last row).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from xl_ladder.shell.workflow import check_file

from . import every_path
from .case_books import (
    BOOK,
    Case,
    E,
    M,
    Rows,
    S,
    W,
    add_column,
    append,
    clear_settings,
    drop_columns,
    empty,
    formula,
    make,
    retitle,
    tiny_rows,
    without_vlaams_gewest,
)
from .conftest import ROOT


def merge(book: openpyxl.Workbook) -> None:
    book["Maatregelen"].merge_cells("D8:E8")


def merge_note_below(book: openpyxl.Workbook) -> None:
    """A source note two rows below the table, merged over three columns: the analyst's own business."""
    book["Maatregelen"]["A49"] = "Bron: VDAB, Departement WSE"
    book["Maatregelen"].merge_cells("A49:C49")


def rename_table(book: openpyxl.Workbook) -> None:
    table = book["Maatregelen"].tables["Maatregelen"]
    table.name = table.displayName = "Tabel1"


def drop_settings(book: openpyxl.Workbook) -> None:
    del book["Instellingen"]


# --------------------------------------------------------------------------------------------
# the catalogue
# --------------------------------------------------------------------------------------------

LONG = " + ".join(["a"] * 700)  # 2797 characters

CASES = [
    # figure cells (E6 = a, West-Vlaanderen 2020; E7 = b)
    Case("tekst-nb", [(M + "E6", E)], ("'nb'", "laat de cel leeg"), typed={"E6": "nb"}),
    Case("tekst-nvt", [(M + "E6", E)], ("'n.v.t.'",), typed={"E6": "n.v.t."}),
    Case("tekst-streepje", [(M + "E6", E)], ("'-'",), typed={"E6": "-"}),
    Case("tekst-met-eenheid", [(M + "E6", E)], ("'3.050 personen'",), typed={"E6": "3.050 personen"}),
    Case("getal-als-tekst-duizendtal", [(M + "E7", W)], ("'29.254'", "29254"), typed={"E7": "29.254"}),
    Case("getal-als-tekst-decimaal", [(M + "E6", W)], ("'21,3'", "21,3", "geen geheel aantal"), typed={"E6": "21,3"}),
    Case("getal-als-tekst-spatie", [(M + "E6", W)], ("3050",), typed={"E6": "3\u00a0050"}),
    Case("getal-als-tekst-geheel", [(M + "E6", W)], ("'3050'",), typed={"E6": "3050"}),
    Case("punt-als-decimaal", [(M + "E6", E)], ("'1.5'", "dubbelzinnig"), typed={"E6": "1.5"}),
    Case("percentage", [(M + "E6", E)], ("'12%'",), typed={"E6": "12%"}),
    Case("negatief", [(M + "E6", E)], ("negatief", "-5"), typed={"E6": -5}),
    Case("negatief-als-tekst", [(M + "E6", E)], ("negatief", "-3"), typed={"E6": "-3"}),
    Case("niet-geheel", [(M + "E6", W)], ("geen geheel aantal", "12,5"), typed={"E6": 12.5}),
    Case("onmogelijk-groot", [(M + "E6", E)], ("12.345.678", "10.000.000"), typed={"E6": 12_345_678}),
    Case("grootste-aantal", [], typed={"D6": 10_000_000, "F6": 10_000_000}),  # 2019: no published total holds a
    Case("logische-waarde", [(M + "E6", E)], ("'WAAR'",), typed={"E6": True}),
    Case("datum", [(M + "E6", E)], ("datum", "Getal"), typed={"E6": dt.date(2020, 1, 1)}),
    Case("spaties", [], typed={"E6": "   "}),
    Case("excel-fout-nb", [(M + "E6", E)], ("#N/B", "#N/A"), typed={"E6": "#N/A"}),
    Case("excel-fout-deling", [(M + "E6", E)], ("#DEEL/0!", "deling door nul"),
         stored={"E6": '<c r="E6" t="e"><f>E7/0</f><v>#DIV/0!</v></c>'}),
    Case("excel-fout-verwijzing", [(M + "E6", E)], ("#VERW!",),
         stored={"E6": '<c r="E6" t="e"><f>#REF!+1</f><v>#REF!</v></c>'}),
    Case("formule-zonder-waarde", [(M + "E6", E)], ("'=E7+1'", "zonder berekende waarde"), typed={"E6": "=E7+1"},
         file_only="live Excel computes every formula before it hands the values over"),
    Case("formule-met-waarde", [], stored={"E6": '<c r="E6"><f>3000+51</f><v>3051</v></c>'}),
    # codes
    Case("code-hoofdletter", [(M + "A6", W)], ("'A'", "'a'"), typed={"A6": "A"}),
    Case("code-krul-accent", [(M + "A42", W)], ("'d’'", "gelezen als 'd''"), typed={"A42": "d’"}),
    Case("code-spaties", [], typed={"A6": " a  "}),
    Case("code-ongeldig", [(M + "A47", E)], ("'1x'",), rows=append("1x", "foute code", "", "", "5", "", "")),
    Case("code-dubbel", [(M + "A47", E)], ("'a'", "Maatregelen!A6"),
         rows=append("a", "nog eens a", "", "", "5", "", "")),
    Case("code-dubbel-andere-schrijfwijze", [(M + "A47", E), (M + "A47", W)], ("'d''", "Maatregelen!A42"),
         rows=append("D’", "DAZ nog eens", "", "", "5", "", "")),
    Case("rij-zonder-code-en-formule", [(M + "A47", E)], ("zonder code",),
         rows=append("", "losse rij", "", "", "5", "", "")),
    Case("maatregelcode-met-formule", [(M + "A47", W)], ("'g''", "bereiken"),
         rows=append("g'", "totaal met een maatregelcode", "a + b", "", "32304", "", "")),
    # formulas (C2 trede 5, C3 IND, C4 DGK, C5 VDB, C12 COL)
    Case("formule-notatie", [(M + "C4", E)], ("'a + + b'", "positie 5"), rows=formula("DGK", "a + + b")),
    Case("formule-omgekeerd-bereik", [(M + "C3", E)], ("'a t/m f'",), rows=formula("IND", "f t/m a")),
    Case("formule-onbekende-code", [(M + "C2", E)], ("'DKG'", "bedoelt u 'DGK'?"),
         rows=formula("trede 5", "DKG + 40% f + COL")),
    Case("formule-bereik-tot-totaal", [(M + "C3", E)], ("maatregelcode",), rows=formula("IND", "a t/m DGK")),
    Case("formule-eigen-rij", [(M + "C4", E)], ("eigen rij",), rows=formula("DGK", "a + b + c + d + e + DGK")),
    Case("formule-gewicht-boven-100", [(M + "C2", E)], ("400%", "meer dan 100%"),
         rows=formula("trede 5", "DGK + 400% f + COL")),
    Case("formule-dubbel-geteld", [(M + "C5", W)], ("'a' telt 2 keer mee",), rows=formula("VDB", "a + a + b")),
    Case("formule-te-lang", [(M + "C5", E)], ("2000",), rows=formula("VDB", LONG)),
    Case("formule-als-excel-formule", [(M + "C4", E)], ("#NAAM?",),
         stored={"C4": '<c r="C4" t="e"><f>a+b+c+d+e</f><v>#NAME?</v></c>'}),
    # columns and the table
    Case("kolom-code-ontbreekt", [(M + "A1", E), (M + "A2", E), (M + "A3", E), (M + "B4", E), (M + "B4", E)],
         ("'Code'",), start=tiny_rows, rows=drop_columns("Code")),
    Case("kolom-formule-ontbreekt", [(M + "A1", E), (M + "A19", E)], ("'Formule'",), rows=drop_columns("Formule")),
    Case("kolom-tikfout-formule", [(M + "C1", E), (M + "A19", E)], ("'Formuel'", "bedoelt u 'Formule'"),
         book=retitle("C", "Formuel")),
    Case("kolom-tikfout-omschrijving", [(M + "B1", E)], ("bedoelt u 'Omschrijving'",),
         book=retitle("B", "Omschrijvng")),
    Case("kolom-onbekend", [(M + "H1", W)], ("'Opmerking'", "genegeerd"), rows=add_column("Opmerking"),
         typed={"H6": "bron VDAB"}),
    Case("kolom-jaar-eerst", [(M + "H1", E)], ("bedoelt u 'West-Vlaanderen 2021'",),
         rows=add_column("2021 West-Vlaanderen")),
    Case("kolom-jaar-vast", [(M + "H1", E)], ("bedoelt u 'West-Vlaanderen 2021'",),
         rows=add_column("West-Vlaanderen2021")),
    Case("kolom-dubbel", [(M + "H1", E)], ("'West-Vlaanderen 2020'", "Maatregelen!E1"),
         rows=add_column("West-Vlaanderen  2020", {"a": "3050"})),
    Case("kolom-regio-hoofdletters", [(M + "H1", E), (S + "B5", E)], ("'west-vlaanderen'", "'West-Vlaanderen'", M + "D1"),
         rows=add_column("west-vlaanderen 2021")),
    Case("geen-cijferkolommen", [(M + "A1", E)], ("geen kolommen met cijfers",),
         rows=drop_columns("West-Vlaanderen 2019", "West-Vlaanderen 2020", "Vlaams Gewest 2019", "Vlaams Gewest 2020")),
    Case("tabel-leeg", [(M + "A1", E)], ("geen rijen",), rows=empty),
    Case("tabel-ontbreekt", [(BOOK, E)], ("'Maatregelen'", "'Tabel1'"), book=rename_table),
    Case("samengevoegde-cellen", [(M + "D8", E)], ("D8:E8", "samengevoegd"), book=merge,
         file_only="Excel's client sends values, not merges: live, the merge's second cell is empty (no data, "
                   "its totals incomplete)"),
    Case("samenvoeging-buiten-de-tabel", [], book=merge_note_below),
    Case("rij-onder-de-tabel", [(M + "A47", W)], ("buiten de tabel",), typed={"A47": "z2", "B47": "nieuw", "E47": 5}),
    Case("kolom-naast-de-tabel", [(M + "H1", W)], ("buiten de tabel",), typed={"H1": "Limburg 2020", "H6": 5}),
    # settings (B2 Focusregio, B3 Referentieregio, B4 Basisjaar, B5 Verslagjaar)
    Case("referentieregio-onbekend", [(S + "B3", E)], ("'Brussel'", "West-Vlaanderen, Vlaams Gewest"),
         typed={S + "B3": "Brussel"}),
    Case("basisjaar-onbekend", [(S + "B4", E)], ("2017", "2019, 2020"), typed={S + "B4": 2017}),
    Case("jaar-geen-getal", [(S + "B5", E)], ("'vorig jaar'", "geen jaartal"), typed={S + "B5": "vorig jaar"}),
    Case("basisjaar-na-verslagjaar", [(S + "B4", E)], ("na verslagjaar",), typed={S + "B4": 2020, S + "B5": 2019}),
    Case("focus-is-referentie", [(S + "B2", E)], ("dezelfde",), typed={S + "B2": "Vlaams Gewest"}),
    Case("instelling-tikfout", [(S + "B3", E)], ("'Referentieregi'", "bedoelt u 'Referentieregio'?"),
         typed={S + "A3": "Referentieregi", S + "B3": "Vlaams Gewest"}),
    Case("instellingen-ontbreken", [("Instellingen", E)], ("'Vlaams Gewest'", "standaard"),
         rows=without_vlaams_gewest, book=drop_settings),
    Case("instellingen-leeg", [], book=clear_settings),
    Case("instelling-excel-fout", [(S + "B4", E)], ("Basisjaar", "#VERW!"), typed={S + "B4": "#REF!"}),
    Case("instelling-hoofdletters", [], typed={S + "B3": "vlaams gewest", S + "B2": "  West-Vlaanderen "}),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_catalogue_case(tmp_path: Path, case: Case) -> None:
    path = make(tmp_path, case)
    checked = check_file(path)
    problems = checked.problems
    if not case.file_only:
        every_path.assert_same(path, checked)
    got = sorted((p.location, p.severity.value) for p in problems)
    assert got == sorted((location, severity.value) for location, severity in case.expected)
    if case.expected:
        location, severity = case.expected[0]
        message = next(p.message for p in problems if (p.location, p.severity) == (location, severity))
        for word in case.words:
            assert word in message, (word, message)


def test_cycle_is_reported_once_at_one_of_its_formulas(tmp_path: Path) -> None:
    """COL = g + CM and CM = COL: one error, at the formula of COL (C12) or of CM (C14)."""
    def cycle(rows: Rows) -> None:
        formula("COL", "g + CM")(rows)
        formula("CM", "COL")(rows)
    problems = check_file(make(tmp_path, Case("kringverwijzing", [], rows=cycle))).problems
    assert [p.severity for p in problems] == [E]
    assert problems[0].location in {M + "C12", M + "C14"}
    assert "kringverwijzing" in problems[0].message and "COL" in problems[0].message and "CM" in problems[0].message


def test_catalogue_is_documented() -> None:
    """Every case tested here, in test_input_standard.py and in test_package.py has its row in
    docs/problems.md (and the other way round)."""
    from . import test_hostile as hostile  # the second round (issue 20)
    from . import test_hostile3 as hostile3  # the third round (issue 27)
    from . import test_input_standard as input_standard
    from .test_package import PACKAGE_CASES  # the package and file cases, tested there

    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", text, re.M))
    assert documented == ({case.id for case in CASES} | {"kringverwijzing"} | FILE_CASES | input_standard.IDS
                          | PACKAGE_CASES | hostile.IDS | hostile.ROUND2_FILE_CASES
                          | hostile3.IDS | hostile3.FILE_CASES)


FILE_CASES = {"geen-werkmap", "zip-kapot", "zip-geen-werkmap", "xls-of-wachtwoord", "zip-bom", "zip-bom-verhouding",
              "xml-bom", "bestand-ontbreekt", "onderdeel-beschadigd"}
"""File-level cases, tested in test_faults.py."""


@pytest.mark.parametrize(("typed", "code", "value"), [
    ({"E7": "29.254"}, "b", 29254.0),
    ({"E6": "21,3"}, "a", 21.3),
    ({"E6": "3\u00a0050"}, "a", 3050.0),
    ({"E6": 12.5}, "a", 12.5),
    ({"E6": 10_000_000, "G6": 10_000_000}, "a", 10_000_000.0),  # the reference as much (issue 27)
])
def test_warned_figures_are_read_as_the_number_meant(tmp_path: Path, typed: dict[str, Any], code: str,
                                                     value: float) -> None:
    checked = check_file(make(tmp_path, Case("gelezen", [], typed=typed)))
    assert checked.ladder is not None
    frame = checked.ladder.tidy()
    record = frame[(frame.code == code) & (frame.region == "West-Vlaanderen") & (frame.year == 2020)]
    assert record.value.tolist() == [value]


def test_cached_formula_result_is_used(tmp_path: Path) -> None:
    """A formula in a figure cell counts with the value Excel computed (3051 instead of the shipped 3050)."""
    case = Case("formule-met-waarde", [], stored={"E6": '<c r="E6"><f>3000+51</f><v>3051</v></c>'})
    checked = check_file(make(tmp_path, case))
    assert checked.ladder is not None
    frame = checked.ladder.tidy()
    a_2020 = frame[(frame.code == "a") & (frame.region == "West-Vlaanderen") & (frame.year == 2020)]
    assert a_2020.value.tolist() == [3051]


def test_check_lists_every_problem_at_once(tmp_path: Path) -> None:
    """Four errors and two warnings in the sheet, the table and the settings: all on stderr, errors first."""
    case = Case("alles", [], rows=formula("trede 5", "DKG + 40% f + COL"), book=merge,
                typed={"E6": "nb", "E7": "29.254", "H1": "Opmerking", S + "B3": "Brussel"})
    path = make(tmp_path, case)
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "check", str(path)],
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 1
    found = [tuple(line.split(": ")[:2]) for line in result.stderr.splitlines()]
    assert sorted(found) == sorted([
        (M + "D8", "fout"), (M + "C2", "fout"), (M + "E6", "fout"), (S + "B3", "fout"),
        (M + "H1", "waarschuwing"), (M + "E7", "waarschuwing"),
    ])
    assert [severity for _, severity in found] == ["fout"] * 4 + ["waarschuwing"] * 2
    assert result.stdout.strip() == f"{BOOK}: 4 fout(en), 2 waarschuwing(en)"
