"""Faults around the workbook file: whatever goes wrong, a Dutch answer, the right exit code, not
one byte of the analyst's workbook changed (sha256 before and after) and no temporary file left.

Write protection is made so that it binds the user running the tests: mode bits for a normal
user; as root (who ignores mode bits) the immutable flag, ``chattr +i``, which binds root too.
Each such test first proves that the protection really stops a write.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest

from xl_ladder.shell import cli

from . import libreoffice
from .bombs import MAX_KIB, laughs_in, measured_check, with_parts, zip_bomb
from .helpers import assert_refused, digest, run
from .raw_cells import sheet_part

ROOT_USER = os.geteuid() == 0


@contextmanager
def write_protected(path: Path) -> Iterator[None]:
    """Make ``path`` (file or folder) unwritable for the user running the tests, then restore it."""
    if not ROOT_USER:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("as root only the immutable flag blocks writing, and chattr +i is not possible here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


# --------------------------------------------------------------------------------------------
# the workbook cannot be written
# --------------------------------------------------------------------------------------------


def test_open_in_excel_refresh_is_refused_but_reading_works(workbook_copy: Path) -> None:
    before = digest(workbook_copy)
    (workbook_copy.parent / f"~${workbook_copy.name}").write_bytes(b"owner")
    assert run("check", str(workbook_copy)).returncode == 0
    assert run("compute", str(workbook_copy)).returncode == 0
    assert_refused(run("refresh", str(workbook_copy)), 3, "geopend in Excel")
    assert digest(workbook_copy) == before
    assert {p.name for p in workbook_copy.parent.iterdir()} == {f"~${workbook_copy.name}", workbook_copy.name}


def test_read_only_file(workbook_copy: Path) -> None:
    before = digest(workbook_copy)
    with write_protected(workbook_copy):
        with pytest.raises(PermissionError):
            workbook_copy.open("ab").close()
        result = run("refresh", str(workbook_copy))
    assert_refused(result, 3, workbook_copy.name, "alleen-lezen")
    assert digest(workbook_copy) == before
    assert [p.name for p in workbook_copy.parent.iterdir()] == [workbook_copy.name]


def test_read_only_folder(workbook_copy: Path) -> None:
    before = digest(workbook_copy)
    folder = workbook_copy.parent
    with write_protected(folder):
        with pytest.raises(PermissionError):
            (folder / "probe").touch()
        result = run("refresh", str(workbook_copy))
    assert_refused(result, 3, "kon niet geschreven worden")
    assert digest(workbook_copy) == before
    assert [p.name for p in folder.iterdir()] == [workbook_copy.name]


def test_output_folder_missing(tmp_path: Path, workbook_copy: Path) -> None:
    before = digest(workbook_copy)
    result = run("refresh", str(workbook_copy), "--output", str(tmp_path / "weg" / "uit.xlsm"))
    assert_refused(result, 3, "uit.xlsm kon niet geschreven worden", "bestaat niet")
    assert digest(workbook_copy) == before


def test_full_disk(tmp_path: Path, workbook_copy: Path) -> None:
    """A tmpfs with room for the workbook but not for its refreshed copy beside it."""
    disk = tmp_path / "usb-stick"
    disk.mkdir()
    pages = -(-workbook_copy.stat().st_size // 4096) + 2
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={pages * 4}k", "tmpfs", str(disk)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        book = disk / workbook_copy.name
        shutil.copyfile(workbook_copy, book)
        before = digest(book)
        result = run("refresh", str(book))
        assert_refused(result, 3, "de schijf is vol")
        assert digest(book) == before
        assert [p.name for p in disk.iterdir()] == [book.name]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize(("call", "code", "words"), [
    ("fsync", errno.ENOSPC, "de schijf is vol"),  # delayed allocation: a full disk shows when syncing
    ("replace", errno.EACCES, "geen toegang"),  # the rename over the workbook is refused
])
def test_failing_write_changes_nothing(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                       workbook_copy: Path, call: str, code: int, words: str) -> None:
    """Simulated in-process, so it runs everywhere: the failure surfaces after the new file was written."""
    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    before = digest(workbook_copy)
    monkeypatch.setattr(os, call, fail)
    assert cli.main(["refresh", str(workbook_copy)]) == 3
    assert words in capsys.readouterr().err
    monkeypatch.undo()
    assert digest(workbook_copy) == before
    assert [p.name for p in workbook_copy.parent.iterdir()] == [workbook_copy.name]


@pytest.mark.skipif(ROOT_USER, reason="root reads every file: no mechanism makes a file unreadable for root")
def test_unreadable_file(workbook_copy: Path) -> None:
    workbook_copy.chmod(0)
    try:
        result = run("check", str(workbook_copy))
    finally:
        workbook_copy.chmod(0o644)
    assert_refused(result, 1, "kan niet gelezen worden", "geen toegang")


# --------------------------------------------------------------------------------------------
# files that are no (sound) workbook
# --------------------------------------------------------------------------------------------


def plain_zip(source: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("leesmij.txt", "geen werkmap")


def first_half(source: Path, target: Path) -> None:
    data = source.read_bytes()
    target.write_bytes(data[:len(data) // 2])


def ole2(source: Path, target: Path) -> None:
    target.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))


def text_file(source: Path, target: Path) -> None:
    target.write_text("Code;Omschrijving\na;VOP\n", encoding="utf-8")


@pytest.mark.parametrize(("make", "words"), [
    (text_file, "dit is geen Excel-werkmap"),
    (first_half, "dit is geen Excel-werkmap (.xlsm/.xlsx), of het bestand is beschadigd"),
    (plain_zip, "dit zip-bestand is geen Excel-werkmap (er is geen werkmap-onderdeel)"),
    (ole2, "een oud .xls-bestand of een werkmap met wachtwoord"),
], ids=["geen-werkmap", "zip-kapot", "zip-geen-werkmap", "xls-of-wachtwoord"])
def test_not_a_workbook(tmp_path: Path, workbook_copy: Path, make: Callable[[Path, Path], None], words: str) -> None:
    path = tmp_path / "kapot.xlsm"
    make(workbook_copy, path)
    before = digest(path)
    assert_refused(run("check", str(path)), 1, f"kapot.xlsm: fout: {words}")
    assert_refused(run("refresh", str(path)), 1, words, "niets geschreven")
    assert digest(path) == before


def test_missing_workbook(tmp_path: Path) -> None:
    assert_refused(run("check", str(tmp_path / "weg.xlsm")), 1, "weg.xlsm: fout: bestand niet gevonden")


def test_damaged_part(tmp_path: Path, workbook_copy: Path) -> None:
    """The measure sheet's compressed bytes are damaged (a bad sector, a broken download)."""
    path = tmp_path / "kapot.xlsm"
    with zipfile.ZipFile(workbook_copy) as archive:
        info = archive.getinfo(sheet_part(archive, "Maatregelen"))
    data = bytearray(workbook_copy.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 100:start + 400] = bytes(300)
    path.write_bytes(bytes(data))
    result = run("check", str(path))
    assert_refused(result, 1, "kapot.xlsm: fout: de werkmap is beschadigd")


# --------------------------------------------------------------------------------------------
# bombs: refused quickly, in bounded memory
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    laughs_in("SHEET"),  # calamine would read the cell as empty: silently no data
    laughs_in("xl/sharedStrings.xml"),
    laughs_in("SHEET", before_doctype="<!--" + "opvulling " * 2000 + "-->"),  # DTD far from the start
], ids=["in-blad", "in-gedeelde-teksten", "na-lange-commentaar"])
def test_xml_bomb(tmp_path: Path, workbook_copy: Path, change: Callable[[str, str], str]) -> None:
    path = tmp_path / "bom.xlsm"
    with_parts(workbook_copy, path, change)
    before = digest(path)
    result, _, kib = measured_check(path)
    assert_refused(result, 1, "bom.xlsm: fout: onderdeel", "DTD", "XML-bom")
    assert kib < MAX_KIB, kib  # its time is bench/bombs.py's
    assert_refused(run("refresh", str(path)), 1, "XML-bom")
    assert digest(path) == before


@pytest.mark.parametrize(("megabytes", "words"), [
    (2048, "pakt uit tot 2048 MB, meer dan 512 MB"),
    (300, "keer samengeperst (300 MB uitgepakt)"),
], ids=["zip-bom", "zip-bom-verhouding"])
def test_zip_bomb(tmp_path: Path, workbook_copy: Path, megabytes: int, words: str) -> None:
    path = tmp_path / "bom.xlsm"
    zip_bomb(workbook_copy, path, megabytes)
    with zipfile.ZipFile(path) as archive:  # a sound zip: Python's own reader accepts it
        assert sum(i.file_size for i in archive.infolist()) >= megabytes << 20
    before = digest(path)
    result, _, kib = measured_check(path)
    assert_refused(result, 1, "bom.xlsm: fout:", words, "zip-bom")
    assert kib < MAX_KIB, kib  # its time is bench/bombs.py's
    assert_refused(run("refresh", str(path)), 1, "zip-bom")
    assert digest(path) == before


def test_zip_bomb_is_a_real_one(tmp_path: Path, workbook_copy: Path) -> None:
    """The generator makes what it claims: the padded sheet inflates to its declared size and CRC."""
    path = tmp_path / "klein.xlsm"
    zip_bomb(workbook_copy, path, 3)
    with zipfile.ZipFile(path) as archive:
        sheet = sheet_part(archive, "Maatregelen")
        assert archive.testzip() is None
        assert len(archive.read(sheet)) == archive.getinfo(sheet).file_size > 3 << 20


# --------------------------------------------------------------------------------------------
# other workbooks and other paths
# --------------------------------------------------------------------------------------------

MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def test_xlsx_without_vba(tmp_path: Path, workbook_copy: Path) -> None:
    """An .xlsx is checked, computed and refreshed like an .xlsm, and stays a valid .xlsx."""
    path = tmp_path / "Kansengroepen.xlsx"
    book = openpyxl.load_workbook(workbook_copy)  # as a spreadsheet program saves it without macros
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "xl/vbaProject.bin" not in archive.namelist()
        assert PLAIN_MAIN in archive.read("[Content_Types].xml").decode()
    assert run("check", str(path)).returncode == 0
    assert run("compute", str(path)).returncode == 0
    result = run("refresh", str(path))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        assert "xl/vbaProject.bin" not in archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
    assert PLAIN_MAIN in types and MACRO_MAIN not in types
    ladder = libreoffice.sheets_as_csv(path, tmp_path / "lo")["Ladder"]
    assert any(row[:1] == ["trede 5"] and "42749" in row for row in ladder)


def test_path_with_spaces_and_accents(tmp_path: Path, workbook_copy: Path) -> None:
    folder = tmp_path / "map met spaties" / "Eigen analyses (2021)"
    folder.mkdir(parents=True)
    path = folder / "Kansengroepen vóór 2021.xlsm"
    shutil.copyfile(workbook_copy, path)
    assert run("check", str(path)).returncode == 0
    output = tmp_path / "uitvoer met spaties" / "Résultat été ñ.xlsm"
    output.parent.mkdir()
    assert run("refresh", str(path), "--output", str(output)).returncode == 0
    result = run("refresh", str(path))
    assert result.returncode == 0, result.stderr
    assert "Kansengroepen vóór 2021.xlsm: resultaatbladen vernieuwd" in result.stdout
    assert digest(path) == digest(output)
    (folder / "~$Kansengroepen vóór 2021.xlsm").write_bytes(b"owner")
    before = digest(path)
    assert_refused(run("refresh", str(path)), 3, "Kansengroepen vóór 2021.xlsm is geopend in Excel")
    assert digest(path) == before
