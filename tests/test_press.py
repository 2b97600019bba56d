"""The press release: the draft written from the workbook, and any press text checked against it.

Expected verdicts and figures are typed from the 2018 press text (tests/reference/sources/000_…txt)
and the 2020 infographic, or worked out by hand; never taken from the code under test.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from xl_ladder.catalogue import Edition
from xl_ladder.pipeline import check_raw
from xl_ladder.press import draft
from xl_ladder.press_check import RIGHT, UNKNOWN, WRONG, check
from xl_ladder.shell import cli
from xl_ladder.table import RawTable

from .conftest import REFERENCE, SHIPPED
from .core_tables import raw, shipped
from .libreoffice import soffice

PRESS_2018 = REFERENCE / "sources" / "000_0c0d485adbb48adb.txt"
RIGHT_2018 = ["57.302", "279.529", "20,5%", "55.706", "19,9%", "425.462", "13,5%", "45.119", "10.728", "1.454", "12.182",
              "14.193", "41.793", "27.600", "157.245", "ruim de helft méér", "bijna 1 op 7", "ongeveer één op tien",
              "Ruim één op de vier"]
"""Figures the shipped workbook holds for 2014 and 2018 (its Context table): totals of both regions and the share,
the base year's total and share, the salaried employment and the ratio to it, the rungs, their sum (12.182 =
1.454 + 10.728) and a difference (14.193 = 41.793 − 27.600), the langdurig zieken, the werkzoekenden, the
niet-beroepsactieven, and the true comparisons."""
NOT_IN_WORKBOOK_2018 = ["18,5%", "17,7%", "14,1%", "86,9%", "8", "24", "781", "23,8%", "56", "74,1%", "72,1%",
                        "status quo", "op twee personen na evenveel"]
"""The shares of salaried employment and of the potential labour force, the share of the werkzoekenden in Flanders,
the part of them in a kansengroep, the maatwerkbedrijven, 2017 (the comparisons with it)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def judged(capsys: pytest.CaptureFixture[str], text: Path, workbook: Path = SHIPPED) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = run(capsys, "nakijken", str(text), str(workbook), "--format", "json")
    return code, json.loads(out)


def verdicts(findings: list[dict[str, Any]], text: str) -> set[str]:
    return {f["oordeel"] for f in findings if f["tekst"] == text}


def test_the_2018_press_text_against_the_shipped_workbook(capsys: pytest.CaptureFixture[str]) -> None:
    code, findings = judged(capsys, PRESS_2018)
    assert code == 1  # something differs
    assert all(set(f) >= {"zin", "tekst", "oordeel", "werkmap", "plaats"} for f in findings)
    for text in RIGHT_2018:
        assert verdicts(findings, text) == {RIGHT}, text
    for text in NOT_IN_WORKBOOK_2018:
        assert verdicts(findings, text) == {UNKNOWN}, text
    wrong = [f for f in findings if f["oordeel"] == WRONG]
    assert [f["tekst"] for f in wrong] == ["ruim een derde méér"]  # 41.793 against 27.600 is 51 % more
    assert wrong[0]["werkmap"].startswith("ruim de helft méér")
    assert "invaliden dan werklozen" in wrong[0]["zin"]
    total = next(f for f in findings if f["tekst"] == "57.302")
    assert total["plaats"] == "Context!E2" and total["werkmap"] == "57.302"
    assert next(f for f in findings if f["tekst"] == "12.182")["plaats"] in ("Context!E5 + Context!E4", "Context!E4 + Context!E5")
    assert all(f["werkmap"] is None and f["plaats"] is None for f in findings if f["oordeel"] == UNKNOWN)


@pytest.mark.parametrize(("typed", "changed", "workbook"), [
    ("45.119", "45.191", "45.119"),   # trede 5, 2018
    ("13,5%", "15,3%", "13,5%"),      # places per salaried job, 2018
    ("(279.529)", "(279.592)", "279.529"),
    ("bijna 1 op 7", "ruim 1 op 7", "bijna één op zeven (13,5%)"),
])
def test_a_figure_changed_on_purpose_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str,
                                              changed: str, workbook: str) -> None:
    text = PRESS_2018.read_text(encoding="utf-8")
    assert typed in text
    edited = tmp_path / "persbericht.txt"
    edited.write_text(text.replace(typed, changed), encoding="utf-8")
    code, findings = judged(capsys, edited)
    found = [f for f in findings if f["tekst"] == changed.strip("()")]
    assert code == 1 and [f["oordeel"] for f in found] == [WRONG] and found[0]["werkmap"] == workbook


def test_the_draft_carries_the_headline_figures_in_dutch_notation() -> None:
    checked = shipped()
    assert checked.ladder is not None
    text = draft(Edition(checked.ladder, checked.context)).text()
    assert text.startswith("West-Vlaanderen biedt kansen: 52.790 tewerkstellings- en participatieplaatsen voor "
                           "kansengroepen in 2020")
    for figure in ("52.790", "20,0%", "263.406", "12,0%", "438.131", "bijna één op acht", "42.749", "8.546", "1.495",
                   "32.349", "17,0%", "57.302", "55.706", "15.852", "303"):
        assert figure in text, figure
    assert "Weggelaten" not in text and "nan" not in text.casefold()


def test_the_draft_is_confirmed_by_its_own_check() -> None:
    checked = shipped()
    assert checked.ladder is not None
    edition = Edition(checked.ladder, checked.context)
    findings = check(draft(edition).text(), edition)
    assert len(findings) >= 40
    assert [(f.text, f.verdict, f.meaning) for f in findings if f.verdict != RIGHT] == []


def _renamed(table: RawTable, names: dict[str, str]) -> RawTable:
    header = [re.sub("|".join(map(re.escape, names)), lambda m: names[m.group(0)], h) if isinstance(h, str) else h
              for h in table.header]
    return replace(table, header=header)


def test_another_focus_region_and_report_year_give_a_text_about_them() -> None:
    names = {"West-Vlaanderen": "Oost-Vlaanderen", "2020": "2022", "2019": "2021"}
    tables = {"Context": _renamed(raw("context_2020.csv", "Context"), names),
              "Sectoren": _renamed(raw("sectoren_2020.csv", "Sectoren"), names)}
    checked = check_raw(_renamed(raw("publicatie_2020.csv", "Maatregelen"), names), {}, tables)
    assert checked.ladder is not None, checked.problems
    edition = Edition(checked.ladder, checked.context)
    text = draft(edition).text()
    assert text.startswith("Oost-Vlaanderen biedt kansen: 52.790 tewerkstellings- en participatieplaatsen voor "
                           "kansengroepen in 2022")
    assert "West-Vlaanderen" not in text and "2020" not in text and "Tegenover 2021" in text
    assert all(f.verdict == RIGHT for f in check(text, edition))


def test_a_focus_total_that_is_incomplete_leaves_its_sentences_out_and_says_why() -> None:
    """The focus's 2020 totals as typed removed and measure a emptied: the total lacks a."""
    measures = raw("publicatie_2020.csv", "Maatregelen")
    column = measures.header.index("West-Vlaanderen 2020")
    code = measures.header.index("Code")
    rows = [list(row) for row in measures.rows]
    for row in rows:
        if row[measures.header.index("Formule")] or row[code] == "a":
            row[column] = None
    extra = {"Context": raw("context_2020.csv", "Context"), "Sectoren": raw("sectoren_2020.csv", "Sectoren")}
    checked = check_raw(replace(measures, rows=rows), {}, extra)
    assert checked.ladder is not None
    result = draft(Edition(checked.ladder, checked.context))
    text = result.text()
    assert "biedt kansen" not in text and "52.790" not in text and "52.791" not in text
    assert "Weggelaten zinnen" in text
    left = {o.sentence: o.why for o in result.omitted}
    assert "Titel met het totaal" in left and "ontbreekt a" in left["Titel met het totaal"]
    assert "32.349 werkzoekenden zonder werk" in text  # what does not need the total stays
    assert not re.search(r"(?<![\d.,])0(?![\d.,])", text.split("Weggelaten")[0])  # no figure written as 0


def test_persbericht_writes_a_docx_that_writer_opens_and_that_checks_out(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "persbericht.docx"
    code, _out, err = run(capsys, "persbericht", str(SHIPPED), "--output", str(target))
    assert code == 0 and target.exists(), err
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)], check=False, capture_output=True,
                   timeout=180)
    pdf = tmp_path / "persbericht.pdf"
    assert pdf.exists(), "LibreOffice Writer could not open the draft"
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "52.790" in shown and "bijna één op acht" in shown
    code, findings = judged(capsys, pdf)
    assert code == 0 and findings and {f["oordeel"] for f in findings} == {RIGHT}


def test_persbericht_writes_nothing_on_input_errors(tmp_path: Path, broken_workbook: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "persbericht", str(broken_workbook), "--output", str(tmp_path / "p.docx"))
    assert code == 1 and "Maatregelen!D6" in err and not (tmp_path / "p.docx").exists()


def test_persbericht_refuses_another_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "persbericht", str(SHIPPED), "--output", str(tmp_path / "p.pdf"))
    assert code == 3 and ".docx" in err and not list(tmp_path.iterdir())


def test_nakijken_reads_markdown_and_reports_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "bericht.md"
    text.write_text("# West-Vlaanderen in 2020\n\nIn 2020 telde West-Vlaanderen 42.749 personen op trede 5 en 8.546 op "
                    "trede 4.\n\n- Alle 52.790 plaatsen samen zijn 12,0% van de loontrekkenden in West-Vlaanderen\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "nakijken", str(text), str(SHIPPED))
    assert code == 0
    assert "Samen: 4 klopt, 0 wijkt af, 0 niet in de werkmap." in out
    assert "Maatregelen!E2" in out  # where trede 5 of West-Vlaanderen 2020 stands


@pytest.mark.parametrize("name", ["bericht.odt", "geen.txt"])
def test_nakijken_says_what_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    if name.endswith(".odt"):
        (tmp_path / name).write_bytes(b"PK")
    code, _, err = run(capsys, "nakijken", str(tmp_path / name), str(SHIPPED))
    assert code == 2 and err.startswith("fout:") and "Traceback" not in err


def test_nakijken_checks_nothing_against_a_workbook_with_errors(tmp_path: Path, broken_workbook: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "bericht.txt"
    text.write_text("West-Vlaanderen telde 52.790 plaatsen in 2020.", encoding="utf-8")
    code, out, err = run(capsys, "nakijken", str(text), str(broken_workbook))
    assert code == 1 and "niets nagekeken" in err and out == ""


def test_compute_json_prints_each_figure_as_the_edition_does_and_says_where_it_stands(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compute", str(SHIPPED), "--format", "json")
    records = {(r["code"], r["region"], r["year"]): r for r in json.loads(out)}
    assert code == 0
    assert (records["trede 5", "West-Vlaanderen", 2020]["printed"], records["trede 5", "West-Vlaanderen", 2020]["source"]) \
        == ("42.749", "Maatregelen!E2")
    assert records["f", "West-Vlaanderen", 2019]["printed"] is None  # SINE 2019: no data, never 0
    assert records["totaal", "Vlaams Gewest", 2020]["printed"] == "263.406"  # computed: the VG total is not printed
    assert records["totaal", "Vlaams Gewest", 2020]["source"].startswith("berekend: trede 5 + trede 4 + trede 3")


@pytest.mark.parametrize(("sentence", "text", "verdict"), [
    ("In 2020 telde Oost-Vlaanderen 50.000 plaatsen.", "50.000", UNKNOWN),       # a region the workbook lacks
    ("In 2020 telde West-Vlaanderen 52\u00a0790 plaatsen.", "52\u00a0790", RIGHT),  # thousands apart by a no-break space
    ("Dat is 12.0% van de 438.131 loontrekkenden in West-Vlaanderen in 2020.", "12.0%", UNKNOWN),  # no subject named
    ("De 52.790 plaatsen zijn 12.0% van de loontrekkenden in West-Vlaanderen in 2020.", "12.0%", RIGHT),  # English decimal
    ("Tegenover 2019 is het aantal plaatsen in West-Vlaanderen in 2020 een stijging met 17,0%.", "17,0%", WRONG),  # it fell
    ("Tegenover 2019 is het aantal plaatsen in West-Vlaanderen in 2020 een daling met 17,0%.", "17,0%", RIGHT),
    ("In 2025 telde West-Vlaanderen 52.790 plaatsen.", "52.790", UNKNOWN),         # a year the workbook lacks
    ("In 2020 telde West-Vlaanderen 36.165 doelgroepkortingen.", "36.165", RIGHT),  # a measure by its label
    ("In 2020 telde West-Vlaanderen 1.241 SINE-plaatsen en 297 in de LDE.", "297", RIGHT),
    # a count whose subject the text does not name, before "% van alle loontrekkenden": not taken for them
    ("Die 52.790 personen zijn 12,0% van alle loontrekkenden in West-Vlaanderen (438.131 personen).", "52.790", UNKNOWN),
    ("Die 52.790 personen zijn 12,0% van alle loontrekkenden in West-Vlaanderen (438.131 personen).", "438.131", RIGHT),
])
def test_hostile_sentences(sentence: str, text: str, verdict: str) -> None:
    checked = shipped()
    assert checked.ladder is not None
    found = [f for f in check(sentence, Edition(checked.ladder, checked.context)) if f.text == text]
    assert [f.verdict for f in found] == [verdict], [(f.text, f.verdict, f.meaning) for f in found]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252", "utf-8-sig"])
def test_nakijken_reads_a_text_as_windows_editors_save_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           encoding: str) -> None:
    """Notepad's "Unicode" is UTF-16: read as Windows-1252 it was letters with zeros between, and no figure found."""
    text = tmp_path / "bericht.txt"
    text.write_bytes("West-Vlaanderen telde in 2020 52.790 plaatsen; één op acht loontrekkenden.\r\n".encode(encoding))
    code, findings = judged(capsys, text)
    assert code == 0 and [(f["tekst"], f["oordeel"]) for f in findings][:1] == [("52.790", RIGHT)]


def test_nakijken_refuses_a_text_it_cannot_decode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "bericht.txt"
    text.write_bytes(b"\xff\xfeW\x00\x00\xd8")  # UTF-16 with half a surrogate pair
    code, _, err = run(capsys, "nakijken", str(text), str(SHIPPED))
    assert code == 2 and "tekstcodering" in err
