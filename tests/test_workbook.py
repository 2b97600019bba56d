"""The shipped workbook: reproducible from the tool, the xlwings VBA inside, the contract's table."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from xl_ladder.adapters import workbook_builder
from xl_ladder.adapters.file_reader import read_workbook
from xl_ladder.sheet_names import NAMES
from xl_ladder.shell.workflow import ship

from . import libreoffice
from .conftest import SHIPPED, read_reference
from .helpers import digest

HEADER = ["Code", "Omschrijving", "Formule", "West-Vlaanderen 2019", "West-Vlaanderen 2020",
          "Vlaams Gewest 2019", "Vlaams Gewest 2020"]


def test_shipped_workbook_is_what_the_tool_builds(tmp_path: Path) -> None:
    """Rebuilding gives the committed bytes: the shipped file is reproducible and up to date; the
    button's module beside it is the package's (named like the workbook)."""
    first, second = tmp_path / "a.xlsm", tmp_path / "b.xlsm"
    ship(first)
    ship(second)
    assert digest(first) == digest(second) == digest(SHIPPED)
    module = workbook_builder.BUTTON_MODULE.read_bytes()
    assert first.with_suffix(".py").read_bytes() == SHIPPED.with_suffix(".py").read_bytes() == module
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.py", "a.xlsm", "b.py", "b.xlsm"]  # no draft left


def test_a_build_with_errors_in_the_input_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "kapot.csv"
    data.write_text(workbook_builder.DEFAULT_DATA.read_text(encoding="utf-8").replace("a t/m f", "a t/m"),
                    encoding="utf-8")
    assert ship(tmp_path / "K.xlsm", data).ladder is None
    assert [p.name for p in tmp_path.iterdir()] == ["kapot.csv"]


def test_vba_is_xlwings_quickstart_standalone() -> None:
    with zipfile.ZipFile(SHIPPED) as package:
        assert package.read("xl/vbaProject.bin") == workbook_builder.vba_project()
        vml = package.read("xl/drawings/vmlDrawing1.vml").decode()
        workbook = package.read("xl/workbook.xml").decode()
        types = package.read("[Content_Types].xml").decode()
    assert "<x:FmlaMacro>[0]!SampleCall</x:FmlaMacro>" in vml
    assert ">Vernieuwen<" in vml
    assert 'name="xlwings.conf"' in workbook and 'state="hidden"' in workbook
    assert "application/vnd.ms-excel.sheet.macroEnabled.main+xml" in types


def test_table_holds_every_row_of_the_publication() -> None:
    book = read_workbook(SHIPPED)
    assert book.table.sheet == "Maatregelen"
    assert book.table.header == HEADER
    measures = read_reference("measures.csv")
    assert len(book.table.rows) == len(measures) == 45
    columns = {"wvl_2019": 3, "wvl_2020": 4, "vg_2019": 5, "vg_2020": 6}
    for row, ref in zip(book.table.rows, measures, strict=True):
        assert row[1] == ref["label"]
        if ref["kind"] == "measure":
            assert row[0] == ref["code"] and row[2] == ""
        else:
            assert row[2] != ""
        for position, (column, index) in enumerate(columns.items()):
            printed = ref["provenance"][position] in "TPA" or ref["kind"] == "measure"
            expected = float(ref[column]) if ref[column] and printed else ""
            assert row[index] == expected, (ref["id"], column)


def test_reading_never_modifies_the_file(workbook_copy: Path) -> None:
    before = (digest(workbook_copy), workbook_copy.stat().st_mtime_ns)
    for command in ("check", "compute"):
        result = subprocess.run([sys.executable, "-m", "xl_ladder", command, str(workbook_copy)],
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    assert (digest(workbook_copy), workbook_copy.stat().st_mtime_ns) == before


def test_compute_csv_has_the_contract_fields(workbook_copy: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "compute", str(workbook_copy), "--format", "csv"],
                            capture_output=True, text=True, check=True)
    header = result.stdout.splitlines()[0].split(",")
    for field in ["label", "code", "region", "year", "value", "computed", "published", "share_pct", "evolution_pct"]:
        assert field in header
    assert len(result.stdout.splitlines()) == 1 + 45 * 4


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken zip"])
def test_not_a_workbook_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kapot.xlsm"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "check", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "kapot.xlsm" in result.stderr and "Traceback" not in result.stderr


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "compute", str(tmp_path / "weg.xlsm")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "niet gevonden" in result.stderr and "Traceback" not in result.stderr


def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    """A real spreadsheet application shows the table with the publication's figures."""
    sheets = libreoffice.sheets_as_csv(SHIPPED, tmp_path)
    assert sorted(sheets) == sorted(["Start", "Maatregelen", "Instellingen", "xlwings.conf", "Context", "Sectoren", "Formules",
                                     *NAMES])
    table = sheets["Maatregelen"]
    assert table[0] == HEADER
    by_code = {row[0]: row for row in table[1:]}
    assert by_code["a"][3:7] == ["2977", "3050", "14004", "14165"]
    assert by_code["totaal"][2:7] == ["trede 5 + trede 4 + trede 3", "", "52790", "", ""]
