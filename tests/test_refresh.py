"""``xl-ladder refresh``: result sheets written into the package and nothing else touched."""

from __future__ import annotations

import hashlib
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_ladder.sheet_names import NAMES
from xl_ladder.shell.workflow import check_file

from . import libreoffice
from .conftest import SHIPPED, read_reference
from .enrich import ANALYST_PART, ANALYST_SHEET, enrich
from .helpers import digest, headers
from .stop_at import stopped_at

RESULT_SHEETS = set(NAMES)
SHARED_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
"""Parts a refresh may change besides its own sheets: new sheets are registered, formats appended."""


def inventory(path: Path) -> dict[str, tuple[int, str]]:
    """Part name → (size, sha256) of every part of the package."""
    with zipfile.ZipFile(path) as archive:
        return {i.filename: (i.file_size, hashlib.sha256(archive.read(i)).hexdigest()) for i in archive.infolist()}


def refresh(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xl_ladder", "refresh", str(path), *extra],
                          capture_output=True, text=True, check=False)


def tool_parts(path: Path) -> set[str]:
    """Parts belonging to the result sheets: their worksheet parts and everything reachable from them."""
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    owned = set()
    for sheet in RESULT_SHEETS:
        found = re.search(rf'<sheet name="{sheet}" sheetId="\d+" r:id="(\w+)"', workbook)
        assert found, sheet
        pointed = re.search(rf'Id="{found.group(1)}" [^>]*Target="([^"]+)"', rels)
        assert pointed, sheet
        target = pointed.group(1)
        owned.add("xl/" + target)
    owned |= {n for n in names if n.startswith(("xl/charts/", "xl/drawings/")) and "drawing99" not in n}
    owned |= {f"xl/worksheets/_rels/{Path(p).name}.rels" for p in owned if p.startswith("xl/worksheets/")} & names
    return owned


def test_refreshing_the_shipped_workbook_changes_nothing(workbook_copy: Path) -> None:
    """The shipped workbook is already refreshed: refreshing again must give the same package."""
    before = inventory(workbook_copy)
    assert refresh(workbook_copy).returncode == 0
    assert inventory(workbook_copy) == before


@pytest.mark.parametrize("enriched", [False, True], ids=["built", "enriched"])
def test_only_the_tools_parts_change(tmp_path: Path, bare_workbook: Path, enriched: bool) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    if enriched:
        enrich(bare_workbook, book)
    else:
        shutil.copyfile(bare_workbook, book)
    before = inventory(book)
    result = refresh(book)
    assert result.returncode == 0, result.stderr
    after = inventory(book)
    owned = tool_parts(book)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed <= SHARED_PARTS, changed
    assert set(after) - set(before) == owned - set(before)
    assert {n for n in before if n not in SHARED_PARTS} <= set(after)
    if enriched:
        for part in (ANALYST_PART, "xl/vbaProject.bin", "customUI/customUI14.xml", "xl/media/image99.png",
                     "docProps/app.xml", "docProps/core.xml", "xl/drawings/vmlDrawing1.vml"):
            assert after[part] == before[part]
        with zipfile.ZipFile(book) as archive:
            workbook = archive.read("xl/workbook.xml").decode()
        assert '<definedName name="MijnDoel">Analyse!$B$1</definedName>' in workbook
    # A second refresh changes nothing at all: same sheets, no formats appended again.
    assert refresh(book).returncode == 0
    assert inventory(book) == after


def test_libreoffice_shows_the_computed_figures(tmp_path: Path) -> None:
    """Open the refreshed, enriched workbook in LibreOffice: the Ladder sheet shows the publication's figures."""
    book = tmp_path / "Kansengroepen.xlsm"
    enrich(SHIPPED, book)
    assert refresh(book).returncode == 0
    sheets = libreoffice.sheets_as_csv(book, tmp_path / "lo")
    assert RESULT_SHEETS | {ANALYST_SHEET, "Maatregelen", "Start"} <= set(sheets)
    assert sheets[ANALYST_SHEET][1][:2] == ["Dubbel", "80"]  # the analyst's formula and cached value survive
    ladder = sheets["Ladder"]
    titles = headers(ladder, 3, 2)  # a blank row and two header rows under the title
    body = [dict(zip(titles, row, strict=False)) for row in ladder[5:5 + 45]]
    measures = read_reference("measures.csv")
    reproduced = 0
    counts = {"wvl_2019": "West-Vlaanderen 2019", "wvl_2020": "West-Vlaanderen 2020", "vg_2019": "Vlaams Gewest 2019",
              "vg_2020": "Vlaams Gewest 2020"}
    percents = {"share_2019_pct": "Aandeel in Vlaams Gewest 2019", "share_2020_pct": "Aandeel in Vlaams Gewest 2020",
                "evo_wvl_pct": "Evolutie 2019–2020 West-Vlaanderen", "evo_vg_pct": "Evolutie 2019–2020 Vlaams Gewest"}
    for row, ref in zip(body, measures, strict=True):
        assert row["Maatregel"] == ref["label"]
        for column, title in counts.items():
            if ref[column]:
                assert round(float(row[title])) == int(ref[column]), (ref["id"], column, row[title])
                reproduced += 1
        for column, title in percents.items():
            if ref[column]:
                shown = float(row[title].rstrip("%"))
                assert abs(shown - float(ref[column])) <= 0.05 + 1e-9, (ref["id"], column, row[title])
                reproduced += 1
    print(f"\nLadder sheet in LibreOffice shows {reproduced} figures of measures.csv")
    assert reproduced == 199
    grid = sheets["Treden"]
    titles = headers(grid, 2, 3)  # under the title and a blank row: three header rows
    treden = {row[0]: dict(zip(titles, row, strict=False)) for row in grid[5:9]}
    rung_counts = [f"Aantal {year} {region}" for year in (2019, 2020) for region in ("West-Vlaanderen", "Vlaams Gewest")]
    rung3 = treden["TREDE 3 - ARBEIDSMATIGE ACTIVITEITEN ONDER BEGELEIDING"]
    assert [rung3[title] for title in rung_counts] == ["1523", "6672", "1495", "6295"]
    total = treden["TEWERKSTELLING EN ARBEIDSMATIGE PARTICIPATIE VAN PERSONEN UIT DE KANSENGROEPEN"]
    assert [total[title] for title in rung_counts[2:]] == ["52790", "263406"]


def test_pdf_renders_every_result_sheet(tmp_path: Path) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    assert refresh(book).returncode == 0
    pdf = [p for p in libreoffice.convert(book, "pdf", tmp_path / "pdf") if p.suffix == ".pdf"]
    assert len(pdf) == 1
    text = subprocess.run(["pdftotext", str(pdf[0]), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Tewerkstelling en arbeidsmatige participatie", "42,749", "De participatieladder",
                     "Verdeling over de treden", "Controle van de invoer", "slechts 40% van f (SINE)"):
        assert expected in text


def test_output_option_leaves_the_source_alone(tmp_path: Path, workbook_copy: Path) -> None:
    before = inventory(workbook_copy)
    target = tmp_path / "uit.xlsm"
    assert refresh(workbook_copy, "--output", str(target)).returncode == 0
    assert inventory(workbook_copy) == before
    assert set(libreoffice.sheets_as_csv(target, tmp_path / "lo")) >= RESULT_SHEETS


def test_deleted_result_sheet_is_recreated(tmp_path: Path, workbook_copy: Path) -> None:
    assert refresh(workbook_copy).returncode == 0
    import openpyxl  # an analyst deleting a sheet in a spreadsheet program

    book = openpyxl.load_workbook(workbook_copy, keep_vba=True)
    del book["Treden"]
    book.save(workbook_copy)
    assert refresh(workbook_copy).returncode == 0
    sheets = libreoffice.sheets_as_csv(workbook_copy, tmp_path / "lo")
    assert sheets["Treden"][5][3] == "42749"


def test_open_in_excel_is_refused(workbook_copy: Path) -> None:
    before = inventory(workbook_copy)
    (workbook_copy.parent / f"~${workbook_copy.name}").write_bytes(b"owner")
    result = refresh(workbook_copy)
    assert result.returncode == 3
    assert "geopend in Excel" in result.stderr
    assert inventory(workbook_copy) == before


def test_input_errors_write_nothing(broken_workbook: Path) -> None:
    before = digest(broken_workbook)
    result = refresh(broken_workbook)
    assert result.returncode == 1
    assert "Maatregelen!D6" in result.stderr
    assert digest(broken_workbook) == before


KILLED = [
    # (point, phase, whether the new file is in place)
    ("call:xl_ladder.adapters.file_reader:read_workbook", "reading", False),
    ("call:xl_ladder.adapters.xlsx_package:_copy_compressed", "the temporary file half written", False),
    ("call:xl_ladder.adapters.xlsx_results:write_sheets.<locals>.unchanged", "just before the rename", False),
    ("call:xl_ladder.shell.cli:_report", "just after the rename", True),
]


@pytest.mark.parametrize(("point", "phase", "renamed"), KILLED, ids=[phase for _, phase, _ in KILLED])
def test_killed_mid_write_leaves_old_or_new(tmp_path: Path, bare_workbook: Path, point: str, phase: str,
                                            renamed: bool) -> None:
    """SIGKILL (no handler can run) at a point of each phase: the file is the old or the new one, whole."""
    old = digest(bare_workbook)
    reference = tmp_path / "ref.xlsm"
    shutil.copyfile(bare_workbook, reference)
    assert refresh(reference).returncode == 0
    new = digest(reference)
    victim = tmp_path / "victim.xlsm"
    shutil.copyfile(bare_workbook, victim)
    result, hit = stopped_at(point, "SIGKILL", victim, tmp_path)
    assert hit == point.replace(":", " ", 1)
    assert result.returncode == -signal.SIGKILL
    assert digest(victim) == (new if renamed else old), phase
    with zipfile.ZipFile(victim) as archive:
        assert archive.testzip() is None


def test_controle_lists_gaps_and_incomplete_totals(tmp_path: Path, workbook_copy: Path) -> None:
    assert refresh(workbook_copy).returncode == 0
    control = libreoffice.sheets_as_csv(workbook_copy, tmp_path / "lo")["Controle"]
    header = next(row for row in control if row and row[0] == "Code")  # the second list, by its headers
    listed = [dict(zip(header, row, strict=False)) for row in control[control.index(header) + 1:] if row and row[0]]
    lines = [line for line in listed if line["Code"] == "COL"]
    # Collectieve inschakeling 2020: WVL printed 6.098 vs 6.102 known (h missing); VG 25.502 vs 25.531.
    figures = ("Gepubliceerd", "Som van de delen", "Verschil")
    assert [lines[1][k] for k in ("Omschrijving", "Kolom(men)", *figures)] == [
        "COLLECTIEVE INSCHAKELING", "Vlaams Gewest 2020", "25502", "25531", "-29"]
    assert [lines[0][k] for k in figures] == ["6098", "6102", "-4"] and "ontbreekt: h" in lines[0]["Opmerking"]
    # incomplete totals without a published figure: one line per total and missing set, naming the columns
    trede5 = [line for line in listed if line["Code"] == "trede 5"]
    assert len(trede5) == 1 and trede5[0]["Kolom(men)"] == "West-Vlaanderen 2019, Vlaams Gewest 2019"
    assert "ontbreekt d, e, f" in trede5[0]["Opmerking"]
    assert check_file(workbook_copy).problems == []
