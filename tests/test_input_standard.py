"""One standard for every input table (``docs/problems.md``, the sections after *Settings*).

The context tables (``Context``, ``Sectoren``) and the settings get the checks of the measure
table; regions are matched across all tables; codes and figures just outside a table are named;
Excel 365's error values are located at their cell; long cell texts are cut; command-line usage
errors are Dutch. Every case is a real workbook made from the shipped one as in
``test_bad_input.py``; every numeric case asserts a message at its cell or the figure read.

Addresses in the shipped workbook: ``Context`` has A Code, B Omschrijving, C Bron, D/E/F
West-Vlaanderen 2014/2018/2020, G/H Vlaams Gewest 2018/2020, I … N sub-regions 2020; rows 2
plaatsen, 6 loontrekkenden, 7 wzw, 8 bevolking, 20 aandeel_referentie (the last). ``Sectoren``
has A Sector, B West-Vlaanderen 2020, C Vlaams Gewest 2020; rows 2 … 6 (4 Algemeen welzijnswerk).
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from xl_ladder import panels
from xl_ladder.catalogue import Edition
from xl_ladder.figures import read_figure
from xl_ladder.problems import EXCEL_ERRORS, QUOTED_LENGTH, quoted
from xl_ladder.shell.workflow import check_file

from . import every_path
from .case_books import Standard, add_column, append, assert_expected, build_standard, retitle_in
from .helpers import error_cell

C, SE, M, S = "Context!", "Sectoren!", "Maatregelen!", "Instellingen!"
E, W = "fout", "waarschuwing"
NEW_ERRORS = ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA"]


CASES = [
    # 1. one standard: context figures read by the measure table's rules
    Standard("context-getal-als-tekst", [(C + "F6", W)], ("'438.131'", "438131"), typed={C + "F6": "438.131"},
             read=("loontrekkenden", "West-Vlaanderen", 2020, 438131)),
    Standard("context-getal-dunne-spatie", [(C + "F6", W)], ("438131",), typed={C + "F6": "438\u2009131"},
             read=("loontrekkenden", "West-Vlaanderen", 2020, 438131)),
    Standard("context-getal-engels", [(C + "H6", W)], ("'2,382,023'", "Engelse", "2382023"),
             typed={C + "H6": "2,382,023"}, read=("loontrekkenden", "Vlaams Gewest", 2020, 2382023)),
    Standard("context-komma-als-duizendtal", [(C + "F7", E)], ("'32,349'", "dubbelzinnig", "32349"),
             typed={C + "F7": "32,349"}),
    Standard("context-tekst", [(C + "F7", E)], ("'nb'",), typed={C + "F7": "nb"}),
    Standard("context-onmogelijk-groot", [(C + "H8", E)], ("66.291.430", "10.000.000"), typed={C + "H8": 66_291_430}),
    Standard("context-niet-geheel", [(C + "F6", W)], ("geen geheel aantal",), typed={C + "F6": 438131.5},
             read=("loontrekkenden", "West-Vlaanderen", 2020, 438131.5)),
    Standard("context-negatief", [(C + "F7", E)], ("negatief",), typed={C + "F7": "-32349"}),
    Standard("context-aandeel-procent-als-tekst", [(C + "D20", W)], ("'19,9%'", "19,9"), typed={C + "D20": "19,9%"},
             read=("aandeel_referentie", "West-Vlaanderen", 2014, 19.9)),
    Standard("context-aandeel-als-breuk", [(C + "D20", E)], ("0,199", "tussen 0 en 1", "19,9"),
             typed={C + "D20": 0.199}),
    Standard("context-aandeel-boven-100", [(C + "D20", E)], ("199",), typed={C + "D20": 199}),
    Standard("context-aandeel-procent-in-aantal", [(C + "F7", E)], ("'12%'",), typed={C + "F7": "12%"}),
    Standard("context-code-dubbel", [(C + "A8", E)], ("'wzw'", C + "A7"), typed={C + "A8": "wzw"}),
    Standard("context-code-dubbel-schrijfwijze", [(C + "A8", E)], ("'WZW'", C + "A7"), typed={C + "A8": " WZW "}),
    Standard("context-code-tikfout", [(C + "A6", E)], ("'loontrekenden'", "bedoelt u 'loontrekkenden'?"),
             typed={C + "A6": "loontrekenden"}),
    Standard("context-code-spatie", [(C + "A6", E)], ("bedoelt u 'loontrekkenden'?",),
             typed={C + "A6": "loon trekkenden"}),
    Standard("context-code-hoofdletters", [], typed={C + "A6": "  Loontrekkenden "},
             read=("loontrekkenden", "West-Vlaanderen", 2020, 438131)),
    Standard("context-kolom-dubbel", [(C + "H1", E)], ("'Vlaams Gewest 2018'", C + "G1"),
             book=retitle_in("Context", "H", "Vlaams Gewest  2018")),
    Standard("sectoren-getal-als-tekst", [(SE + "B4", W)], ("'1.087,5'", "geen geheel aantal"),
             typed={SE + "B4": "1.087,5"}),
    Standard("sectoren-onmogelijk-groot", [(SE + "C4", E)], ("10.000.000",), typed={SE + "C4": 63_200_000}),
    Standard("sectoren-dubbel", [(SE + "A6", E)], ("'Algemeen Welzijnswerk'", SE + "A4"),
             typed={SE + "A6": "Algemeen Welzijnswerk"}),
    Standard("komma-als-duizendtal", [(M + "E7", E)], ("'29,254'", "dubbelzinnig"), typed={"E7": "29,254"}),
    Standard("getal-als-tekst-engels", [(M + "E7", W)], ("'29,254.0'", "29254"), typed={"E7": "29,254.0"}),
    Standard("getal-als-tekst-smalle-spatie", [(M + "E7", W)], ("29254",), typed={"E7": "29\u202f254"}),
    Standard("instelling-dubbel", [(S + "B4", E)], ("twee keer", S + "B4", S + "B6"),
             typed={S + "B4": 2019, S + "A6": "basisjaar ", S + "B6": 2020}),
    Standard("instelling-dubbel-met-tikfout", [(S + "B6", E)], ("'Basisjar'", "tweede 'Basisjaar'", S + "B4"),
             typed={S + "B4": 2019, S + "A6": "Basisjar", S + "B6": 2020}),
    Standard("basisjaar-is-verslagjaar", [(S + "B4", E)], ("hetzelfde", "2020"), typed={S + "B4": 2020, S + "B5": 2020}),
    Standard("instelling-regio-tikfout", [(S + "B2", E)], ("'West Vlaanderen'", "bedoelt u 'West-Vlaanderen'?"),
             typed={S + "B2": "West Vlaanderen"}),
    Standard("instelling-regio-alleen-in-context", [(S + "B2", E)], ("'Brugge'", "tabel Maatregelen"),
             typed={S + "B2": "Brugge"}),
    # 2. names that almost match
    Standard("regio-spatie-voor-streepje", [(C + "F1", E)], ("'West Vlaanderen'", "'West-Vlaanderen'", M + "D1"),
             book=retitle_in("Context", "F", "West Vlaanderen 2020")),
    Standard("regio-hoofdletters-tussen-tabellen", [(C + "F1", E)], ("'West-vlaanderen'", M + "D1"),
             book=retitle_in("Context", "F", "West-vlaanderen 2020")),
    Standard("regio-accent", [(C + "H1", E)], ("'Vlaams Gewést'", M + "F1"),
             book=retitle_in("Context", "H", "Vlaams Gewést 2020")),
    Standard("regio-tikfout", [(SE + "C1", E)], ("'Vlaams Gewset'", "'Vlaams Gewest'", M + "F1"),
             book=retitle_in("Sectoren", "C", "Vlaams Gewset 2020")),
    Standard("regio-letter-vergeten", [(C + "E1", E)], ("'West-Vlaandren'",),
             book=retitle_in("Context", "E", "West-Vlaandren 2018")),
    Standard("regio-vreemde-letter", [(M + "H1", E)], ("ander alfabet", "'West-Vlaanderen'"),
             rows=add_column("W\u0435st-Vlaanderen 2021")),
    Standard("regio-andere-naam", [], book=retitle_in("Context", "N", "Oost-Vlaanderen 2020")),
    Standard("kolom-spatie-achteraan", [], book=retitle_in("Maatregelen", "E", "West-Vlaanderen 2020 ")),
    Standard("kolom-jaar-tikfout", [(M + "E1", E), (S + "B5", E)], ("'West-Vlaanderen 2202'", "geen jaar tussen 1900 en 2100"),
             book=retitle_in("Maatregelen", "E", "West-Vlaanderen 2202")),
    Standard("context-kolom-jaar-tikfout", [(C + "F1", E)], ("'West-Vlaanderen 0202'", "geen jaar"),
             book=retitle_in("Context", "F", "West-Vlaanderen 0202")),
    Standard("code-met-punt", [(M + "A16", E)], ("'i.'", "geen maatregelcode", "bedoelt u 'i'?"), typed={"A16": "i."}),
    Standard("code-vreemde-letter", [(M + "A6", E), (M + "C3", E), (M + "C4", E), (M + "C5", E)],
             ("ander alfabet", "bedoelt u 'a'?"), typed={"A6": "\u0430"}),
    Standard("totaalcode-zonder-formule", [(M + "A47", E)], ("'XYZ'", "geen formule"),
             rows=append("XYZ", "losse rij", "", "", "5", "", "")),
    Standard("rij-onder-de-contexttabel", [(C + "A27", W)], ("buiten de tabel Context",),
             typed={C + "A27": "nieuwe_code", C + "F27": 5}),
    Standard("kolom-na-lege-kolom", [(M + "I1", W)], ("buiten de tabel Maatregelen",),
             typed={"I1": "Limburg 2020", "I6": 5}),
    Standard("sectoren-kolom-na-lege-kolom", [(SE + "E3", W)], ("buiten de tabel Sectoren",), typed={SE + "E3": 12}),
    # 6. messages
    Standard("excel-fout-overloop", [(M + "E6", E)], ("#SPILL!", "uitlopen"), stored={M + "E6": error_cell("E6", "#SPILL!")}),
    Standard("excel-fout-gegevens-ophalen", [(M + "E6", E)], ("#GETTING_DATA",),
             stored={M + "E6": error_cell("E6", "#GETTING_DATA")}),
    Standard("excel-fout-in-context", [(C + "F6", E)], ("#BLOCKED!",), stored={C + "F6": error_cell("F6", "#BLOCKED!")}),
    Standard("excel-fout-in-instelling", [(S + "B4", E)], ("Basisjaar", "#CALC!"), typed={S + "B4": 1},
             stored={S + "B4": error_cell("B4", "#CALC!")}),
    Standard("lange-tekst", [(M + "E6", E)], ("(500 tekens)",), typed={"E6": "geen gegeven " + "x" * 487}),
    Standard("lange-code", [(M + "A47", E)], ("(301 tekens)",), rows=append("1" + "x" * 300, "lang", "", "", "5", "", "")),
]
IDS = {case.id for case in CASES} | {"cli-geen-opdracht", "cli-onbekende-opdracht", "cli-argument-ontbreekt",
                                     "cli-onbekende-optie", "cli-ongeldige-keuze"}
"""Every case id of this file, as docs/problems.md lists them (checked in test_bad_input.py)."""


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_input_standard_case(tmp_path: Path, case: Standard) -> None:
    path = build_standard(tmp_path, case)
    checked = check_file(path)
    if not case.file_only:
        every_path.assert_same(path, checked)
    assert_expected(checked, case)
    if case.read:
        assert checked.ladder is not None and checked.context.indicators is not None
        code, region, year, value = case.read
        assert checked.context.indicators.get(code, region, year) == pytest.approx(value)


def test_places_per_salaried_job_use_the_figure_read(tmp_path: Path) -> None:
    """'438.131' typed as text gives the publication's 12,0 places per 100 salaried jobs (52.790 / 438.131)."""
    checked = check_file(build_standard(tmp_path, CASES[0]))
    assert checked.ladder is not None

    cells = panels.regions_sheet(Edition(checked.ladder, checked.context)).cells()
    (row,) = [r for (r, c), value in cells.items() if c == 0 and value == "West-Vlaanderen"]
    assert cells[row, 2] == 438131
    assert round(cells[row, 7], 1) == 12.0


@pytest.mark.parametrize("code", NEW_ERRORS)
def test_every_new_excel_error_is_located(tmp_path: Path, code: str) -> None:
    checked = check_file(build_standard(tmp_path, Standard(code, [], stored={M + "E7": error_cell("E7", code)})))
    assert [(p.location, p.severity.value) for p in checked.problems] == [(M + "E7", E)]
    assert code in checked.problems[0].message and EXCEL_ERRORS[code][1] in checked.problems[0].message


def test_twin_regions_would_have_lost_figures(tmp_path: Path) -> None:
    """Without the twin check, 'West Vlaanderen 2020' in Context hides loontrekkenden from the focus region."""
    checked = check_file(build_standard(tmp_path, Standard("x", [], book=retitle_in("Context", "F", "West Vlaanderen 2020"))))
    assert checked.ladder is None
    assert checked.context.indicators is not None
    assert math.isnan(checked.context.indicators.get("loontrekkenden", "West-Vlaanderen", 2020))


def test_quoted_texts_are_cut_everywhere() -> None:
    """The one helper: a long text is cut to QUOTED_LENGTH characters and says how long it was."""
    assert quoted("a" * QUOTED_LENGTH) == "'" + "a" * QUOTED_LENGTH + "'"
    assert quoted("a\nb") == "'a b'"
    assert (read_figure("y" * 1000).error or "").startswith("'" + "y" * (QUOTED_LENGTH - 1) + "…' (1000 tekens)")


@pytest.mark.parametrize(("args", "words"), [
    ([], ("ontbrekend argument: opdracht",)),
    (["tel"], ("ongeldige keuze 'tel'", "kies uit")),
    (["check"], ("ontbrekend argument: werkmap",)),
    (["check", "x.xlsm", "--snel"], ("onbekend argument: --snel",)),
    (["compute", "x.xlsm", "--format", "xml"], ("--format: ongeldige keuze 'xml'",)),
], ids=["cli-geen-opdracht", "cli-onbekende-opdracht", "cli-argument-ontbreekt", "cli-onbekende-optie",
        "cli-ongeldige-keuze"])
def test_usage_errors_are_dutch(args: list[str], words: tuple[str, ...]) -> None:
    result = subprocess.run([sys.executable, "-m", "xl_ladder", *args], capture_output=True, text=True,
                            encoding="utf-8", check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("gebruik: xl-ladder")
    assert "usage" not in result.stderr and "error" not in result.stderr and "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def test_live_excel_reads_the_context_and_settings_to_the_same_standard(tmp_path: Path) -> None:
    """Through xlwings (the remote engine standing in for Excel): an error value in a setting, a twin region
    in Context and a figure typed as text there give the same problems, at the same cells, as the file."""
    import xlwings as xw

    from xl_ladder.adapters import excel
    from xl_ladder.pipeline import check_raw

    from . import remote_book

    case = Standard("live", [], typed={S + "B4": "#REF!", C + "F7": "32.349"},
                    book=retitle_in("Context", "H", "Vlaams gewest 2020"))
    path = build_standard(tmp_path, case)
    payload = remote_book.payload(path)
    settings = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Instellingen")
    settings["values"][3][1] = "#REF!"  # as Excel sends an error value (calamine reads it as "")
    found = excel.read_book(xw.Book(json=payload))
    assert found is not None
    live = sorted((p.location, p.severity.value) for p in check_raw(*found).problems)
    assert live == sorted((p.location, p.severity.value) for p in check_file(path).problems)
    assert live == [(C + "F7", W), (C + "H1", E), (S + "B4", E)]


@pytest.mark.parametrize(("one", "other", "twins"), [
    ("West-Vlaanderen", "West Vlaanderen", True), ("Vlaams Gewest", "vlaams gewest", True),
    ("West-Vlaanderen", "West-Vlaandren", True), ("West-Vlaanderen", "Wst-Vlaandren", True),
    ("Vlaams Gewest", "Vlaams Gewset", True), ("Brugge", "Bruge", True), ("Ieper", "Iéper", True),
    ("Gent", "Genk", False), ("Arrondissement Gent", "Arrondissement Genk", False),
    ("Oost-Vlaanderen", "West-Vlaanderen", False), ("Regio 1", "Regio 11", False), ("Regio 12", "Regio 21", False),
    ("Brugge", "Brussel", False), ("wzw", "nwwz", False), ("Zuid-West-Vlaanderen", "West-Vlaanderen", False),
])
def test_twin_names(one: str, other: str, twins: bool) -> None:
    """What counts as one name typed differently (xl_ladder.names), on pairs decided by hand."""
    from xl_ladder import names

    assert bool(names.twins([one, other])) is twins
