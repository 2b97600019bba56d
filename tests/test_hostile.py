"""No silent wrong number, round 2 (issue 20; ``docs/problems.md``, *Round 2*): inputs a hostile analyst
tries, in ten classes, each a real workbook made by editing the shipped one, each run through the file
path and — unless the live path cannot see it — through live Excel with the same verdict.

Every case asserts the problems (cell and severity, and the words that matter) and, where a figure is
at stake, the figure: read right (the value the shipped workbook holds, checked by hand against the
publication in ``tests/reference``), or refused at its cell. Addresses are the shipped workbook's:
``Maatregelen`` E1 = West-Vlaanderen 2020, G1 = Vlaams Gewest 2020, row 6 = measure ``a`` (3050 and
14165 in 2020), row 46 = ``totaal`` (52.790 published for West-Vlaanderen 2020); ``Instellingen`` B2
Focusregio … B5 Verslagjaar, B6 Deelregio's; ``Context`` I … N the six parts of West-Vlaanderen (2020),
row 2 plaatsen, 6 loontrekkenden, 7 wzw; ``Sectoren`` rows 2 … 6, B/C West-Vlaanderen/Vlaams Gewest 2020.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import errno
import io
import json
import math
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_ladder import parts, regions
from xl_ladder.shell.workflow import check_file

from . import every_path
from .case_books import Standard, add_column, retitle_in
from .case_books import build_standard as standard_build
from .helpers import assert_refused, digest, error_cell, run
from .hostile_books import (
    MISSING_BRUGGE,
    PARTS,
    SE,
    VG,
    WVL,
    C,
    E,
    Hostile,
    M,
    S,
    W,  # the workbooks and checks of the hostile rounds
    assert_case,
    build,
    clear_column,
    columns,
    copy_settings_sheet,
    edit_part,
    inline,
    regions_are,
    rename_sheet,
    rename_table,
    salaried_read,
    sectors_are,
    several,
    shift_settings,
    table_column,
    table_row,
)
from .raw_cells import sheet_part

HEADERS = [  # class 1: headers as Excel stores them
    Hostile("kop-regelafbreking", [], stored={M + "E1": inline("E1", "West-Vlaanderen\n2020")},
            edit=edit_part("xl/tables/table1.xml", 'name="West-Vlaanderen 2020"', 'name="West-Vlaanderen_x000a_2020"'),
            figures={("a", WVL, 2020): 3050, ("totaal", WVL, 2020): 52790}),
    Hostile("kop-onzichtbare-spatie", [(M + "E1", W)], ("⟨U+200B⟩", "gelezen als 'West-Vlaanderen 2020'"),
            book=retitle_in("Maatregelen", "E", "West-Vlaanderen 2020\u200b"), figures={("a", WVL, 2020): 3050}),
    Hostile("kop-zachte-afbreekstreep", [(M + "E1", W)], ("⟨U+00AD⟩",),
            book=retitle_in("Maatregelen", "E", "West-Vlaan\u00adderen 2020"), figures={("a", WVL, 2020): 3050}),
    Hostile("kop-bom", [(M + "G1", W)], ("⟨U+FEFF⟩",), book=retitle_in("Maatregelen", "G", "\ufeffVlaams Gewest 2020"),
            figures={("a", VG, 2020): 14165}),
    Hostile("kop-jaar-met-punt", [(M + "E1", E), (S + "B5", E)],
            ("'West-Vlaanderen 2020.'", "bedoelt u 'West-Vlaanderen 2020'?"),
            book=retitle_in("Maatregelen", "E", "West-Vlaanderen 2020.")),
    Hostile("kop-jaar-met-letter-o", [(M + "E1", E), (S + "B5", E)],
            ("'West-Vlaanderen 2O20'", "bedoelt u 'West-Vlaanderen 2020'?"),
            book=retitle_in("Maatregelen", "E", "West-Vlaanderen 2O20")),
    Hostile("kop-voorlopig", [(M + "G1", E), (S + "B5", E)], ("niet gelezen", "bedoelt u 'Vlaams Gewest 2020'?"),
            book=retitle_in("Maatregelen", "G", "Vlaams Gewest 2020 (voorlopig)")),
    Hostile("kop-zonder-jaar", [(M + "G1", E), (S + "B5", E)], ("'Vlaams Gewest'", "geen '<Regio> <Jaar>'"),
            book=retitle_in("Maatregelen", "G", "Vlaams Gewest")),
    Hostile("kop-dubbel-door-excel-hernoemd", [(M + "H1", E)], ("'West-Vlaanderen 20202'", "twee keer"),
            rows=add_column("West-Vlaanderen 20202", {"a": "3050"})),
    Hostile("kop-getallen-zonder-titel", [(M + "H1", W)], ("'Kolom1'", "bevat getallen", M + "H6"),
            rows=add_column("Kolom1", {"a": "3050"})),
    Hostile("kop-afkorting-van-focus", [(S + "B5", E)],
            ("West-Vlaanderen heeft geen kolom voor 2020, Vlaams Gewest wel", "'West-Vlaanderen 2020'"),
            book=retitle_in("Maatregelen", "E", "WVL 2020")),
    Hostile("code-onzichtbaar", [(M + "A6", W)], ("'a⟨U+200B⟩'", "gelezen als 'a'"), typed={"A6": "a\u200b"},
            figures={("DGK", WVL, 2020): 36165, ("a", WVL, 2020): 3050}),
    Hostile("contextcode-onzichtbaar", [(C + "A6", W)], ("⟨U+2060⟩",), typed={C + "A6": "loontrekkenden\u2060"},
            sheets=salaried_read),
]

NAMES = [  # class 2: the header cell and the table's column name
    Hostile("kop-en-kolomnaam-verschillen", [(M + "E1", E), (S + "B5", E)],
            ("'West-Vlaanderen 2021'", "'West-Vlaanderen 2020'"),
            stored={M + "E1": inline("E1", "West-Vlaanderen 2021")},
            file_only="live Excel keeps a table's column names equal to its header cells"),
    Hostile("kolomnaam-anders-in-context", [(C + "F1", E)], ("'West-Vlaanderen 2020'", "'West-Vlaanderen 2019'"),
            edit=edit_part("xl/tables/table2.xml", 'name="West-Vlaanderen 2020"', 'name="West-Vlaanderen 2019"'),
            file_only="live Excel keeps a table's column names equal to its header cells"),
    Hostile("kopcel-leeg-kolomnaam-gevuld", [(M + "E1", E), (S + "B5", E)],
            ("kopcel (leeg) verschilt", "'West-Vlaanderen 2020'"),
            stored={M + "E1": '<c r="E1"/>'},
            file_only="live Excel keeps a table's column names equal to its header cells"),
]

ROLES = [  # class 3: regions whose role is unclear
    Hostile("regio-ter-vergelijking-in-maatregelen", [(M + "H1", W)],
            ("'Oost-Vlaanderen'", "geen focus-, referentie- of deelregio van West-Vlaanderen"),
            rows=add_column("Oost-Vlaanderen 2020", {"a": "4000", "totaal": "60000"}),
            sheets=regions_are(PARTS, 52788)),
    Hostile("regio-ter-vergelijking-in-context", [(C + "O1", W)],  # issue 27: in doubt, not summed (once an error)
            ("tellen samen 112.788 plaatsen in 2020, niet de 52.790 van West-Vlaanderen", "niet opgeteld",
             "Deelregio's"),
            book=table_column("Context", "Oost-Vlaanderen 2020", {2: 60000, 6: 500000}), sheets=regions_are([], None)),
    Hostile("deelregios-gekozen", [(C + "O1", W)], ("'Oost-Vlaanderen'", "Instellingen!B6 noemt ze niet"),
            book=table_column("Context", "Oost-Vlaanderen 2020", {2: 60000, 6: 500000}),
            typed={S + "B6": "; ".join(PARTS)}, sheets=regions_are(PARTS, 52788)),
    Hostile("deelregio-tikfout", [(S + "B6", E), (C + "K1", W)], ("'Westhoeck'", "bedoelt u 'Westhoek'?"),
            typed={S + "B6": "; ".join(PARTS).replace("Westhoek", "Westhoeck")}),
    Hostile("deelregio-is-focus", [(S + "B6", E), (C + "I1", W)], ("'West-Vlaanderen'", "focusregio"),
            typed={S + "B6": "West-Vlaanderen"}),
    Hostile("deelregios-onvolledig-opgegeven", [(C + "L1", W)],
            ("'Zuid-West-Vlaanderen', 'Midden-West-Vlaanderen', 'Niet toe te wijzen aan een regio'",),
            typed={S + "B6": "Brugge\nOostende\nWesthoek"},
            sheets=regions_are(PARTS[:3], 11044 + 5346 + 8327, "wijkt af van het totaal")),
    Hostile("deelregios-met-komma", [], typed={S + "B6": ", ".join(PARTS)}, sheets=regions_are(PARTS, 52788)),
    Hostile("regio-alleen-in-sectoren", [(SE + "D1", W)], ("'Oost-Vlaanderen' is geen focus-",),
            book=table_column("Sectoren", "Oost-Vlaanderen 2020", {2: 500}), sheets=regions_are(PARTS, 52788)),
    Hostile("deelregio-zonder-cijfer", [], typed={C + "I2": None},
            sheets=regions_are(PARTS, None, MISSING_BRUGGE)),
]

EMPTY = [  # class 4: empty is no data, everywhere
    Hostile("sectoren-lege-cel", [], typed={SE + "B4": None},
            sheets=sectors_are(None, False, "Het totaal van West-Vlaanderen is onvolledig, ontbreekt: Algemeen "
                                            "welzijnswerk; de som van de gekende sectoren is 1.408")),  # 1.495 − 87
    Hostile("sectoren-spaties", [], typed={SE + "B6": "   "},
            sheets=sectors_are(None, False, "ontbreekt: Andere; de som van de gekende sectoren is 1.421")),  # 1.495 − 74
    Hostile("sectoren-alles-ingevuld", [], sheets=sectors_are(1495, True)),
    Hostile("sectoren-totaalrij", [(SE + "A7", E)], ("'Totaal'", "verdubbelen"),
            book=table_row("Sectoren", {"A": "Totaal", "B": 1495, "C": 6295})),
    Hostile("regio-loontrekkenden-leeg", [], typed={C + "I6": None},
            sheets=regions_are(PARTS, 52788, "De som van de regio's (loontrekkenden) is onvolledig, ontbreekt: Brugge; "
                                             "de som van de gekende regio's is 330.372")),  # 438.131 − 107.759
    Hostile("regio-werkzoekenden-leeg", [], typed={C + "M7": None},
            sheets=regions_are(PARTS, 52788, "(werkzoekenden) is onvolledig, ontbreekt: Midden-West-Vlaanderen")),
]

FOUND = [  # class 5: sheets and tables found as Excel finds them
    Hostile("instellingen-kleine-letters", [], book=rename_sheet("Instellingen", "instellingen"),
            typed={S + "B5": 2019}, settings=(WVL, VG, None, 2019)),
    Hostile("instellingen-spatie-achteraan", [("'Instellingen '!A1", E)], ("'Instellingen '", "ontbreekt"),
            book=several(rename_sheet("Instellingen", "Instellingen ")), typed={S + "B2": VG, S + "B3": WVL}),
    Hostile("instellingen-kopie", [("'Instellingen (2)'!A1", E)], ("lijkt het blad 'Instellingen'",),
            book=rename_sheet("Instellingen", "Instellingen (2)"), typed={S + "B2": VG, S + "B3": WVL}),
    Hostile("instellingen-kopie-ernaast", [("'Instellingen (2)'!A1", W)], ("alleen het blad 'Instellingen' telt",),
            book=copy_settings_sheet("Instellingen (2)"), typed={S + "B5": 2019},
            settings=(WVL, VG, None, 2019)),
    Hostile("instellingen-tikfout-blad", [("Instelingen!A1", E)], ("'Instelingen'",),
            book=rename_sheet("Instellingen", "Instelingen"), typed={S + "B2": VG, S + "B3": WVL}),
    Hostile("instellingen-verschoven", [(S + "B2", E)], ("kolom B, niet in kolom A",),
            typed={S + "B2": VG, S + "B3": WVL}, book=shift_settings),
    Hostile("context-tabel-kopie", [(C + "A1", E)], ("'Context2'", "lijkt de tabel 'Context'"),
            book=rename_table("Context", "Context2")),
    Hostile("sectoren-tabel-kleine-letters", [], book=rename_table("Sectoren", "sectoren"),
            sheets=sectors_are(1495, True)),
]

YEARS = [  # class 6: the report year has figures
    Hostile("verslagjaar-lege-kolommen", [(S + "B5", W)], ("2020",
                    "2021 heeft geen cijfers voor West-Vlaanderen en Vlaams Gewest"),
            rows=columns("West-Vlaanderen 2021", "Vlaams Gewest 2021"),
            figures={("totaal", WVL, 2020): 52790}, settings=(WVL, VG, 2019, 2020)),
    Hostile("verslagjaar-gekozen-zonder-cijfers", [(S + "B5", E)], ("Verslagjaar 2021", "geen enkel cijfer"),
            rows=columns("West-Vlaanderen 2021", "Vlaams Gewest 2021"),
            typed={S + "B5": 2021}),
    Hostile("focus-zonder-cijfers-in-laatste-jaar", [(S + "B5", W)], ("Verslagjaar 2019", "West-Vlaanderen"),
            book=clear_column("Maatregelen", "E", range(2, 47)), settings=(WVL, VG, None, 2019)),  # no 0 % (issue 27)
    Hostile("referentie-zonder-cijfers-gekozen", [(S + "B5", E)], ("geen enkel cijfer voor Vlaams Gewest in 2020",),
            book=clear_column("Maatregelen", "G", range(2, 47)), typed={S + "B5": 2020}),
    Hostile("referentie-een-jaar-verder", [(S + "B5", E)], ("West-Vlaanderen heeft geen kolom voor 2021",),
            rows=add_column("Vlaams Gewest 2021", {"a": "15000"})),
    Hostile("referentie-een-jaar-verder-gekozen", [], rows=add_column("Vlaams Gewest 2021", {"a": "15000"}),
            typed={S + "B5": 2020}, settings=(WVL, VG, 2019, 2020)),
    Hostile("basisjaar-gekozen-zonder-cijfers", [(S + "B4", E)], ("Basisjaar 2018",),
            rows=columns("West-Vlaanderen 2018", "Vlaams Gewest 2018"),
            typed={S + "B4": 2018}),
]

MESSAGES = [  # class 8: messages
    Hostile("getal-van-300-cijfers", [(M + "E6", E)], ("onmogelijk groot aantal (1,111e+299)",), typed={"E6": "1" * 300}),
    Hostile("jaar-van-300-cijfers", [(S + "B4", E)], ("(300 tekens) is geen jaartal",), typed={S + "B4": "2" * 300}),
]

EVERY_PATH = [  # class 10: every path: Excel's errors sent as text in a text column
    Hostile("fout-in-omschrijving", [(M + "B6", E)], ("#N/B (#N/A)",), stored={M + "B6": error_cell("B6")}),
    Hostile("fout-in-code", [(M + "A6", E), (M + "C3", E), (M + "C4", E), (M + "C5", E)], ("#N/B",),
            stored={M + "A6": error_cell("A6")}),  # and each formula that needs a
    Hostile("fout-in-contextcode", [(C + "A6", E)], ("#N/B",), stored={C + "A6": error_cell("A6")}),
    Hostile("fout-in-sector", [(SE + "A4", E)], ("#DEEL/0!",), stored={SE + "A4": error_cell("A4", "#DIV/0!")}),
    Hostile("tekst-als-foutwaarde-in-omschrijving", [(M + "B7", E)], ("#N/B",), stored={M + "B7": inline("B7", "#N/A")}),
    Hostile("nieuwe-fout-in-contextomschrijving", [(C + "B6", E)], ("#SPILL!",),
            stored={C + "B6": error_cell("B6", "#SPILL!")}),
]

CLASSES = [(1, HEADERS), (2, NAMES), (3, ROLES), (4, EMPTY), (5, FOUND), (6, YEARS), (8, MESSAGES), (10, EVERY_PATH)]
CASES = [dataclasses.replace(case, kind=kind) for kind, cases in CLASSES for case in cases]
IDS = {case.id for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_case(tmp_path: Path, case: Hostile) -> None:
    assert_case(build(tmp_path, case), case)


def test_every_class_has_cases() -> None:
    """Classes 7 (files) and 9 (exports) are about the file and the command line: tested by the functions
    at the end of this module (ROUND2_FILE_CASES)."""
    assert {case.kind for case in CASES} == {1, 2, 3, 4, 5, 6, 8, 10}


# --------------------------------------------------------------------------------------------
# the rules in the core
# --------------------------------------------------------------------------------------------


def test_a_sum_with_a_part_missing_is_incomplete() -> None:
    """The measure table's rule for every table: no value, the missing part named, the known sum apart."""
    summed = parts.sum_parts([("Brugge", math.nan), ("Oostende", 5346.0), ("Westhoek", 8327.0)])
    assert math.isnan(summed.total) and summed.known == 5346 + 8327 and summed.missing == ("Brugge",)
    assert summed.note("De som", "regio's") == "De som is onvolledig, ontbreekt: Brugge; de som van de gekende regio's is 13.673."
    complete = parts.sum_parts([("a", 1.0), ("b", 0.0)])
    assert (complete.total, complete.missing, complete.note("x", "y")) == (1.0, (), None)
    nothing = parts.sum_parts([("a", math.nan)])
    assert math.isnan(nothing.total) and math.isnan(nothing.known) and nothing.note("De som", "delen") == \
        "De som is onvolledig, ontbreekt: a."
    assert math.isnan(parts.sum_parts([]).total)


KNOWN = {WVL: "Maatregelen!D1", VG: "Maatregelen!F1", "Brugge": "Context!I1", "Oostende": "Context!J1",
         "Oost-Vlaanderen": "Maatregelen!H1"}


@pytest.mark.parametrize(("declared", "parts_found", "problems"), [
    ("", ("Brugge", "Oostende"), [("Maatregelen!H1", W)]),  # default: the regions only Context has
    ("Brugge; Oost-Vlaanderen", ("Brugge", "Oost-Vlaanderen"), [("Context!J1", W)]),
    ("brugge\n oostende ", ("Brugge", "Oostende"), [("Maatregelen!H1", W)]),  # case and spaces aside
    ("Brugge, Oostende", ("Brugge", "Oostende"), [("Maatregelen!H1", W)]),  # commas, when no region holds one
    ("Bruges; Oostende", ("Oostende",), [("Instellingen!B6", E), ("Context!I1", W), ]),
    ("Vlaams Gewest; Brugge; Oostende; Oost-Vlaanderen", ("Brugge", "Oostende", "Oost-Vlaanderen"),
     [("Instellingen!B6", E)]),
])
def test_the_parts_of_the_focus_come_from_the_workbook(declared: str, parts_found: tuple[str, ...],
                                                       problems: list[tuple[str, str]]) -> None:
    known = regions.Regions(KNOWN, frozenset({"Brugge", "Oostende"}))
    found, told = regions.parts_of_focus(declared, "Instellingen!B6", WVL, VG, known)
    assert found == parts_found
    assert sorted((p.location, p.severity.value) for p in told) == sorted(problems), [str(p) for p in told]


def test_sheet_and_table_names_as_excel_compares_them() -> None:
    from xl_ladder import sources

    assert sources.find("Instellingen", {"instellingen": "x", "Start": "y"}, "blad") == ("instellingen", [])
    for near in ("Instellingen ", "Instellingen (2)", "Instelingen", "INSTELLINGEN_2", "Instellingen-kopie"[:12] + "2"):
        assert sources.near("Instellingen", near), near
    for other in ("Start", "Instellingen oud", "Regio's", "Instellingen"):
        assert not sources.near("Instellingen", other), other


# --------------------------------------------------------------------------------------------
# 7. files as other programs hold them; 8. messages of the file path
# --------------------------------------------------------------------------------------------

ENGLISH = re.compile(r"\b(Error|error|not found|No such|There is no|File|too large|Permission|denied|"
                     r"KeyError|Traceback|invalid|archive)\b")
"""Words of the libraries' and the system's own (English) messages that must never reach the analyst."""


def assert_dutch(text: str) -> None:
    assert not ENGLISH.search(text), text


def test_libreoffice_lock_is_honoured(workbook_copy: Path) -> None:
    """libreoffice-slot: LibreOffice's ``.~lock.NAME#`` is Excel's ``~$NAME``: its next save would wipe the refresh."""
    lock = workbook_copy.with_name(f".~lock.{workbook_copy.name}#")
    lock.write_text(",analist,pc,03.12.2026 10:00,file:///home/analist/.config/libreoffice/4;", encoding="utf-8")
    before = digest(workbook_copy)
    assert run("check", str(workbook_copy)).returncode == 0
    result = run("refresh", str(workbook_copy))
    assert_refused(result, 3, "geopend in LibreOffice", lock.name)
    assert digest(workbook_copy) == before
    assert {p.name for p in workbook_copy.parent.iterdir()} == {lock.name, workbook_copy.name}


def test_libreoffice_lock_beside_a_linked_workbook(tmp_path: Path, workbook_copy: Path) -> None:
    """libreoffice-slot-bij-koppeling: the lock beside the file a symbolic link points to counts."""
    link = tmp_path / "elders" / "Kansengroepen.xlsm"
    link.parent.mkdir()
    link.symlink_to(workbook_copy)
    workbook_copy.with_name(f".~lock.{workbook_copy.name}#").write_text("x", encoding="utf-8")
    before = digest(workbook_copy)
    assert_refused(run("refresh", str(link)), 3, "geopend in LibreOffice")
    assert digest(workbook_copy) == before and link.is_symlink()


def test_read_only_file_is_not_rewritten_even_by_root(workbook_copy: Path) -> None:
    """alleen-lezen-ook-voor-root: no write bit is the analyst's 'Alleen-lezen', which root's rename would ignore."""
    before = digest(workbook_copy)
    workbook_copy.chmod(0o444)
    try:
        if os.geteuid() == 0:
            with workbook_copy.open("ab"):  # root could write it: only the refusal keeps it as it is
                pass
        result = run("refresh", str(workbook_copy))
    finally:
        workbook_copy.chmod(0o644)
    assert_refused(result, 3, "alleen-lezen")
    assert digest(workbook_copy) == before
    assert [p.name for p in workbook_copy.parent.iterdir()] == [workbook_copy.name]


def test_hard_linked_workbook_is_refused_with_a_reason(tmp_path: Path, workbook_copy: Path) -> None:
    """harde-koppeling: replacing the file would cut the link, the other name keeping the old figures."""
    other = tmp_path / "kopie-op-de-schijf.xlsm"
    os.link(workbook_copy, other)
    before = digest(workbook_copy)
    assert_refused(run("refresh", str(workbook_copy)), 3, "harde koppeling", "--output")
    assert digest(workbook_copy) == digest(other) == before and os.stat(other).st_ino == os.stat(workbook_copy).st_ino
    result = run("refresh", str(workbook_copy), "--output", str(tmp_path / "nieuw.xlsm"))
    assert result.returncode == 0, result.stderr  # a new file breaks no link


def test_output_that_is_a_directory(tmp_path: Path, workbook_copy: Path) -> None:
    """uitvoer-is-een-map."""
    folder = tmp_path / "uit.xlsm"
    folder.mkdir()
    assert_refused(run("refresh", str(workbook_copy), "--output", str(folder)), 3, "is een map")
    assert list(folder.iterdir()) == []
    assert_refused(run("refresh", str(workbook_copy), "--output", ""), 3, "fout: . is een map")  # once a traceback


def test_workbook_that_is_a_directory(tmp_path: Path) -> None:
    """werkmap-is-een-map: named as a directory, not as a missing file."""
    folder = tmp_path / "Kansengroepen.xlsm"
    folder.mkdir()
    for command in ("check", "refresh", "compute"):
        result = run(command, str(folder))
        assert_refused(result, 1, "Kansengroepen.xlsm: fout: dit is een map, geen werkmap")
        assert_dutch(result.stderr)


def test_workbook_that_is_no_regular_file(tmp_path: Path) -> None:
    """werkmap-geen-gewoon-bestand: a named pipe is named as such (reading it would hang)."""
    pipe = tmp_path / "Kansengroepen.xlsm"
    os.mkfifo(pipe)
    assert_refused(run("check", str(pipe)), 1, "Kansengroepen.xlsm: fout: dit is geen gewoon bestand")


def test_missing_part_is_told_in_dutch(tmp_path: Path, workbook_copy: Path) -> None:
    """onderdeel-ontbreekt: a sheet part named by the workbook but absent from the zip (once a bare KeyError)."""
    path = tmp_path / "kapot.xlsm"
    with zipfile.ZipFile(workbook_copy) as source, zipfile.ZipFile(path, "w") as target:
        gone = sheet_part(source, "Maatregelen")
        for info in source.infolist():
            if info.filename != gone:
                target.writestr(info, source.read(info))
    result = run("check", str(path))
    assert_refused(result, 1, "kapot.xlsm: fout: de werkmap is beschadigd: een onderdeel ontbreekt", gone)
    assert_dutch(result.stderr)


def test_file_size_limit_is_told_in_dutch(workbook_copy: Path) -> None:
    """bestand-te-groot: the system refuses a file that large (once 'File too large', the system's English)."""
    limit = workbook_copy.stat().st_size // 2

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    before = digest(workbook_copy)
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "refresh", str(workbook_copy)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120, check=False, preexec_fn=small_files)
    assert_refused(result, 3, "kon niet geschreven worden: het bestand wordt groter dan het systeem toelaat")
    assert_dutch(result.stderr)
    assert digest(workbook_copy) == before
    assert [p.name for p in workbook_copy.parent.iterdir()] == [workbook_copy.name]


def test_system_errors_without_dutch_words_are_named_by_number() -> None:
    """systeemfout-onbekend: an error the table has no words for shows its number and code, never the English text."""
    from xl_ladder.problems import os_error_text

    assert os_error_text(OSError(errno.ENOTSOCK, os.strerror(errno.ENOTSOCK))) == \
        f"systeemfout {errno.ENOTSOCK} (ENOTSOCK)"
    assert os_error_text(OSError("iets")) == "onbekende systeemfout"
    assert os_error_text(OSError(errno.EFBIG, "File too large")) == "het bestand wordt groter dan het systeem toelaat"


# --------------------------------------------------------------------------------------------
# 9. exports safe to open
# --------------------------------------------------------------------------------------------

HYPERLINK = '=HYPERLINK("http://voorbeeld.be/?"&amp;A1;"klik")'


def compute(path: Path, form: str) -> str:
    result = run("compute", str(path), "--format", form)
    assert result.returncode == 0, result.stderr
    return result.stdout


def labels(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Label by code, as the CSV and as the JSON of ``compute`` give it (West-Vlaanderen 2020)."""
    rows = list(csv.DictReader(io.StringIO(compute(path, "csv"))))
    records = json.loads(compute(path, "json"))
    return ({r["code"]: r["label"] for r in rows if r["region"] == WVL and r["year"] == "2020"},
            {r["code"]: r["label"] for r in records if r["region"] == WVL and r["year"] == 2020})


def test_csv_neutralises_a_formula_in_a_description(tmp_path: Path) -> None:
    """csv-formule-in-omschrijving: opened in Excel the CSV shows the text, it does not run it; JSON is exact."""
    path = build(tmp_path, Hostile("csv", [], stored={M + "B6": inline("B6", HYPERLINK)}))
    typed = '=HYPERLINK("http://voorbeeld.be/?"&A1;"klik")'
    in_csv, in_json = labels(path)
    assert in_csv["a"] == "'" + typed and in_json["a"] == typed


@pytest.mark.parametrize("start", ["+", "-", "@"])
def test_csv_neutralises_every_formula_start(tmp_path: Path, start: str) -> None:
    """csv-teken-vooraan: ``+``, ``-``, ``@``; the shipped '- Gesco (o.a. BKO)' too (a leading tab or line
    break never reaches a label: the reader folds spaces, see the next test). Numbers keep their sign: b's
    evolution 2019–2020 is 29.254 / 34.480 − 1 = −15,2 %."""
    text = f"{start}SUM(1;2)"
    path = build(tmp_path, Hostile("csv", [], stored={M + "B7": inline("B7", text)}))
    in_csv, in_json = labels(path)
    assert in_csv["b"] == "'" + text and in_json["b"] == text
    assert in_csv["e"] == "'- Gesco (o.a. BKO)" and in_json["e"] == "- Gesco (o.a. BKO)"
    rows = list(csv.DictReader(io.StringIO(compute(path, "csv"))))
    (b,) = [r for r in rows if r["code"] == "b" and r["region"] == WVL and r["year"] == "2020"]
    assert float(b["evolution_pct"]) == pytest.approx((29254 / 34480 - 1) * 100)  # −15,2 %: a number, unquoted


def test_csv_rule_on_every_text_column() -> None:
    """The rule itself: a tab or carriage return first is neutralised too; numbers and inner signs are not."""
    import pandas as pd

    from xl_ladder.shell.cli import neutralised

    frame = pd.DataFrame({"label": ["\tx", "\rx", "a-b", "=1", None], "gap": [-4.0, 1.0, 2.0, 3.0, 4.0],
                          "trede": pd.array([5, None, 3, 4, 5], dtype="Int64"), "complete": [True] * 5})
    safe = neutralised(frame)
    assert safe.label.tolist()[:4] == ["'\tx", "'\rx", "a-b", "'=1"] and safe.label.isna().tolist()[4]
    assert safe.gap.tolist() == [-4.0, 1.0, 2.0, 3.0, 4.0] and safe.trede.dtype == "Int64"
    assert frame.label.tolist()[0] == "\tx"  # the frame itself (the JSON's source) is left exact


def test_csv_neutralises_a_region_name(tmp_path: Path) -> None:
    """csv-regio-met-teken: a region is text in the CSV like any other ('@Limburg 2020' is a figure column)."""
    path = build(tmp_path, Hostile("csv", [], rows=add_column("@Limburg 2020", {"a": "100"})))
    rows = list(csv.DictReader(io.StringIO(compute(path, "csv"))))
    assert {r["region"] for r in rows} == {WVL, VG, "'@Limburg"}
    assert {r["region"] for r in json.loads(compute(path, "json"))} == {WVL, VG, "@Limburg"}


def test_dates_sent_as_serial_numbers_are_the_known_limit(tmp_path: Path) -> None:
    """datum-als-serieel-getal: a date in a figure cell is refused on the file path and live as the xlwings
    add-in sends it (an ISO string); an older client sending the serial number sends a number, read as
    43.831 people — the limit README and docs/problems.md name (xlwings Lite needs a newer Excel). Here the
    number is above Vlaams Gewest's 14.165 and refused as a figure that cannot be (issue 27); below it, it
    would be read."""
    path = standard_build(tmp_path, Standard("datum", [], typed={"E6": dt.date(2020, 1, 1)}))
    on_file = every_path.verdict(check_file(path), path.name)
    assert on_file == (False, [(M + "E6", E)])
    assert every_path.live(path) == on_file
    assert every_path.live(path, dates="serial") == (False, [(M + "E6", E)])  # 43.831 > Vlaams Gewest's 14.165


ROUND2_FILE_CASES = {
    "libreoffice-slot", "libreoffice-slot-bij-koppeling", "alleen-lezen-ook-voor-root", "harde-koppeling",
    "uitvoer-is-een-map", "werkmap-is-een-map", "werkmap-geen-gewoon-bestand",
    "onderdeel-ontbreekt", "bestand-te-groot", "systeemfout-onbekend",
    "csv-formule-in-omschrijving", "csv-teken-vooraan", "csv-regio-met-teken", "datum-als-serieel-getal",
}
"""The cases of classes 7, 8 and 9 tested by the functions above (each names its id in its docstring or a comment)."""
