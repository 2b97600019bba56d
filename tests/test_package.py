"""The package and the file (``docs/problems.md``, *Package and file*): sheet names as Excel sees
them, package XML as other programs write it, the file as the operating system has it.

Every workbook here is real: a copy of the shipped one edited at package level, saved by
LibreOffice or openpyxl. Every refreshed workbook is run through openpyxl-audit (a port of the
Open XML SDK validator) and must have no error its input did not have; every refusal leaves the
file byte for byte as it was, with no temporary file beside it.
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import signal
import subprocess
import sys
import xml.dom.minidom
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from defusedxml import ElementTree

from xl_ladder.sheet_names import NAMES
from xl_ladder.shell import cli, workflow
from xl_ladder.shell.workflow import check_file

from . import libreoffice
from .conftest import SHIPPED
from .enrich import enrich
from .helpers import assert_refused, digest, run
from .stop_at import stopped_at

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RESULT_SHEETS = set(NAMES)
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CALC_CHAIN_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"

PACKAGE_CASES = {
    # sheet names
    "resultaatblad-andere-hoofdletters", "maatregelen-op-resultaatblad", "context-op-resultaatblad",
    "sectoren-op-resultaatblad", "eigen-tabel-op-resultaatblad",
    # package XML
    "xml-voorvoegsel", "xml-attribuutvolgorde", "xml-witruimte", "libreoffice-bewaard", "openpyxl-bewaard",
    "dubbel-onderdeel", "dubbel-onderdeel-hoofdletters", "calcchain-op-resultaatblad", "calcchain-elders",
    "verwijderd-onderdeel",
    # the file
    "xlsm-als-xlsx", "macro-werkmap-heet-xlsx", "xlsx-als-xlsm", "andere-extensie", "symbolische-koppeling",
    "modus-en-eigenaar", "eigenaar-niet-te-behouden", "nieuwe-uitvoer-umask", "sigterm", "ctrl-c",
    "tijdelijk-bestand-van-gedode-run", "intussen-gewijzigd", "intussen-vervangen",
}
"""Cases of this module, each with its row in docs/problems.md."""


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def repack(source: Path, target: Path, change: Callable[[str, bytes], bytes | None] = lambda name, data: data,
           add: dict[str, bytes] | None = None) -> None:
    """Copy a package, passing each part through ``change`` (None drops it) and adding ``add``."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = change(info.filename, archive.read(info))
            if data is not None:
                out.writestr(info.filename, data)
        for name, data in (add or {}).items():
            out.writestr(name, data)


def replace_in(part: str, old: str, new: str) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        assert old in data.decode(), (part, old)
        return data.decode().replace(old, new).encode()
    return change


def read(path: Path, part: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part)


def computed(path: Path) -> Any:
    """The tidy results of a workbook that has no input errors."""
    ladder = check_file(path).ladder
    assert ladder is not None, path
    return ladder.tidy()


def sheet_names(path: Path) -> list[str]:
    root = ElementTree.fromstring(read(path, "xl/workbook.xml"))
    return [sheet.get("name", "") for sheet in root.iter(f"{{{MAIN}}}sheet")]


def assert_consistent(path: Path) -> None:
    """The package holds together: every override and internal relationship names a part that is
    there (a ``#Sheet!A1`` target is a place in the workbook, no part), no part is stored twice, no
    two sheets share a name as Excel compares them."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert archive.testzip() is None
        assert len(names) == len({n.casefold() for n in names})
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        for override in types.iter(f"{{{CONTENT}}}Override"):
            assert override.get("PartName", "").lstrip("/") in names, override.get("PartName")
        for rels in (n for n in names if n.endswith(".rels")):
            folder = rels.rpartition("_rels/")[0]
            for relation in ElementTree.fromstring(archive.read(rels)).iter(f"{{{PKG_REL}}}Relationship"):
                target = relation.get("Target", "")
                if relation.get("TargetMode") != "External" and not target.startswith("#"):
                    resolved = target.lstrip("/") if target.startswith("/") else os.path.normpath(folder + target)
                    assert resolved in names, (rels, target)
    folded = [n.casefold() for n in sheet_names(path)]
    assert len(folded) == len(set(folded)), folded


def audit(path: Path) -> collections.Counter[tuple[str, str, str]]:
    """openxml-audit's findings for the package, as (severity, id, description) with how often each occurs.

    Warnings count too (stricter than the errors alone): a refresh must not add either.
    """
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=0).validate(str(path))
    return collections.Counter((error.severity.name, error.id, error.description) for error in result.errors)


def summary(findings: collections.Counter[tuple[str, str, str]]) -> str:
    errors = sum(n for (severity, *_), n in findings.items() if severity == "ERROR")
    return f"{errors} error(s), {sum(findings.values()) - errors} warning(s)"


def refresh_adds_no_error(book: Path) -> tuple[str, str]:
    """Refresh ``book`` and assert the refresh added no validation finding; the findings before and after."""
    before = audit(book)
    result = run("refresh", str(book))
    assert result.returncode == 0, result.stderr
    after = audit(book)
    assert not after - before, after - before
    assert_consistent(book)
    return summary(before), summary(after)


def assert_untouched(path: Path, before: str) -> None:
    """Byte for byte as it was, nothing left beside it."""
    assert digest(path) == before
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(".~")]


def bare_copy(tmp_path: Path, bare_workbook: Path, name: str = "Kansengroepen.xlsm") -> Path:
    target = tmp_path / name
    shutil.copyfile(bare_workbook, target)
    return target


# --------------------------------------------------------------------------------------------
# openxml-audit on the four workbooks the issue names
# --------------------------------------------------------------------------------------------

CALC_CHAIN = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="{MAIN}">'
              '<c r="B2" i="99" l="1"/><c r="B3"/>{more}</calcChain>')


def with_calc_chain(source: Path, target: Path, more: str = "") -> None:
    """``source`` plus a calculation chain as Excel writes one: its part, relationship and content type."""
    add_rel = replace_in("xl/_rels/workbook.xml.rels", "</Relationships>",
                         f'<Relationship Id="rId99" Type="{REL}/calcChain" Target="calcChain.xml"/></Relationships>')
    add_type = replace_in("[Content_Types].xml", "</Types>",
                          f'<Override PartName="/xl/calcChain.xml" ContentType="{CALC_CHAIN_TYPE}"/></Types>')
    repack(source, target, lambda name, data: add_type(name, add_rel(name, data)),
           {"xl/calcChain.xml": CALC_CHAIN.format(more=more).encode()})


def libreoffice_saved(source: Path, folder: Path) -> Path:
    """``source`` opened and saved as .xlsm by LibreOffice (which exits 0 even when it fails)."""
    written = [p for p in libreoffice.convert(source, "xlsm", folder) if p.suffix == ".xlsm"]
    assert written and written[0].stat().st_size > 0, "LibreOffice wrote no .xlsm"
    return written[0]


AUDITED: dict[str, tuple[int, int]] = {}


@pytest.mark.parametrize("kind", ["shipped", "enriched", "libreoffice-bewaard", "calcchain-op-resultaatblad"])
def test_refresh_adds_no_validation_error(tmp_path: Path, kind: str) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    if kind == "shipped":
        shutil.copyfile(SHIPPED, book)
    elif kind == "enriched":
        enrich(SHIPPED, book)
    elif kind == "libreoffice-bewaard":
        enrich(SHIPPED, tmp_path / "verrijkt.xlsm")
        shutil.copyfile(libreoffice_saved(tmp_path / "verrijkt.xlsm", tmp_path / "lo"), book)
        assert computed(book).equals(computed(SHIPPED))  # LibreOffice kept the figures
    else:
        enrich(SHIPPED, tmp_path / "verrijkt.xlsm")
        with_calc_chain(tmp_path / "verrijkt.xlsm", book, more='<c r="A1" i="8"/>')  # Ladder is sheetId 8
    before, after = refresh_adds_no_error(book)
    print(f"\nopenxml-audit {kind}: before the refresh {before}, after {after}")
    if kind == "calcchain-op-resultaatblad":
        with zipfile.ZipFile(book) as archive:
            assert "xl/calcChain.xml" not in archive.namelist()
            assert b"calcChain" not in archive.read("xl/_rels/workbook.xml.rels")
            assert b"calcChain" not in archive.read("[Content_Types].xml")


# --------------------------------------------------------------------------------------------
# 3. sheet names as Excel sees them
# --------------------------------------------------------------------------------------------


def rename_sheets(source: Path, target: Path, renames: dict[str, str]) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != "xl/workbook.xml":
            return data
        text = data.decode()
        for old, new in renames.items():
            old_attr = f'name="{old}"'
            assert old_attr in text, old
            text = text.replace(old_attr, f'name="{new}"')
        return text.encode()
    repack(source, target, change)


@pytest.mark.parametrize("renamed", ["trend", "LADDER", "REGIO'S", "trede 3"])
def test_result_sheet_in_other_case_gets_no_twin(tmp_path: Path, renamed: str) -> None:
    """resultaatblad-andere-hoofdletters: Excel holds ``trend`` to be ``Trend``: it is refreshed, not doubled."""
    original = next(name for name in RESULT_SHEETS if name.casefold() == renamed.casefold())
    book = tmp_path / "Kansengroepen.xlsm"
    rename_sheets(SHIPPED, book, {original: renamed})
    names = sheet_names(book)
    refresh_adds_no_error(book)
    assert sheet_names(book) == names  # no sheet added, the analyst's spelling kept
    with zipfile.ZipFile(book) as archive:
        charts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/charts/")]
    if original in ("Trend", "Treden"):
        assert any(renamed in chart for chart in charts)  # the chart points at the sheet as it is spelled


@pytest.mark.parametrize(("case", "sheet", "renames", "location"), [
    ("maatregelen-op-resultaatblad", "Maatregelen", {"Ladder": "Oud", "Maatregelen": "ladder"}, "ladder!A1"),
    ("context-op-resultaatblad", "Context", {"Trend": "Trend oud", "Context": "TREND"}, "TREND!A1"),
    ("sectoren-op-resultaatblad", "Sectoren", {"Trede 3": "Oud", "Sectoren": "Trede 3"}, "'Trede 3'!A1"),
])
def test_input_table_on_a_result_sheet_is_refused(tmp_path: Path, case: str, sheet: str, renames: dict[str, str],
                                                  location: str) -> None:
    """A refresh would overwrite the analyst's input: an error at the table, nothing written."""
    book = tmp_path / "Kansengroepen.xlsm"
    rename_sheets(SHIPPED, book, renames)
    before = digest(book)
    problems = [p for p in check_file(book).problems if p.severity.value == "fout"]
    assert [p.location for p in problems] == [location]
    assert "een vernieuwing zou de invoer overschrijven" in problems[0].message
    assert_refused(run("refresh", str(book)), 1, "niets geschreven", location)
    assert_untouched(book, before)


def test_own_table_on_a_result_sheet_is_not_overwritten(tmp_path: Path) -> None:
    """eigen-tabel-op-resultaatblad: an Excel table of the analyst's own (not an input table) on a sheet
    named like a result sheet: the writer refuses rather than overwrite it."""
    book = tmp_path / "Kansengroepen.xlsm"
    rename = replace_in("xl/workbook.xml", 'name="Sectoren"', 'name="controle"')
    own = lambda name, data: data.replace(b'name="Sectoren" displayName="Sectoren"',  # noqa: E731
                                          b'name="Eigen" displayName="Eigen"') if name.startswith("xl/tables/") else data
    drop_old = replace_in("xl/workbook.xml", 'name="Controle"', 'name="Controle oud"')
    repack(SHIPPED, book, lambda name, data: own(name, drop_old(name, rename(name, data))))
    assert [p.location for p in check_file(book).problems if p.severity.value == "fout"] == []
    before = digest(book)
    assert_refused(run("refresh", str(book)), 3, "blad 'controle' bevat een Excel-tabel")
    assert_untouched(book, before)


# --------------------------------------------------------------------------------------------
# 4. package XML as other programs write it
# --------------------------------------------------------------------------------------------


def prefixed(text: str, namespace: str, prefix: str) -> str:
    """Every unprefixed element written with ``prefix`` (as some writers write SpreadsheetML)."""
    text = re.sub(r"<(/?)([A-Za-z][\w.-]*)(?=[\s/>])", rf"<\1{prefix}:\2", text)
    return text.replace(f'xmlns="{namespace}"', f'xmlns:{prefix}="{namespace}"')


def as_prefixed(name: str, data: bytes) -> bytes:
    if name in ("xl/workbook.xml", "xl/styles.xml"):
        return prefixed(data.decode(), MAIN, "x").encode()
    if name.endswith(".rels"):
        return prefixed(data.decode(), PKG_REL, "pr").encode()
    if name == "[Content_Types].xml":
        return prefixed(data.decode(), CONTENT, "ct").encode()
    return data


def _reversed_attributes(match: re.Match[str]) -> str:
    attributes = re.findall(r'([\w:]+)="([^"]*)"', match[2])
    quoted = (f"{k}='{v.replace(chr(39), '&apos;')}'" for k, v in reversed(attributes))
    return f"<{match[1]} " + "  ".join(quoted) + " />"


def as_shuffled(name: str, data: bytes) -> bytes:
    """Attributes in reverse order, single quotes, a space before ``/>``."""
    if name in ("xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml") or name.endswith(".rels"):
        return re.sub(r"<((?:\w+:)?(?:sheet|Relationship|Override|Default|numFmt|xf))\s([^<>]*?)/>",
                      _reversed_attributes, data.decode()).encode()
    return data


def as_pretty(name: str, data: bytes) -> bytes:
    """Indented, one element a line (as a hand-edited or pretty-printing writer leaves it)."""
    if name in ("xl/workbook.xml", "[Content_Types].xml", "xl/styles.xml") or name.endswith(".rels"):
        return xml.dom.minidom.parseString(data).toprettyxml(indent="  ", encoding="UTF-8")
    return data


@pytest.mark.parametrize("base", ["bare", "refreshed"])
@pytest.mark.parametrize(("case", "change"), [
    ("xml-voorvoegsel", as_prefixed), ("xml-attribuutvolgorde", as_shuffled), ("xml-witruimte", as_pretty),
], ids=["xml-voorvoegsel", "xml-attribuutvolgorde", "xml-witruimte"])
def test_package_xml_as_other_writers_write_it(tmp_path: Path, bare_workbook: Path, base: str, case: str,
                                               change: Callable[[str, bytes], bytes]) -> None:
    """The result sheets are added (bare) or replaced (refreshed), whatever the XML's spelling."""
    source = bare_workbook if base == "bare" else SHIPPED
    book = tmp_path / "Kansengroepen.xlsm"
    repack(source, book, change)
    assert read(book, "xl/workbook.xml") != read(source, "xl/workbook.xml")
    refresh_adds_no_error(book)
    assert set(sheet_names(book)) >= RESULT_SHEETS | {"Maatregelen"}
    assert len(sheet_names(book)) == 7 + len(RESULT_SHEETS)  # Start, the four input sheets, Formules, xlwings.conf
    with zipfile.ZipFile(book) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    if case == "xml-voorvoegsel":  # new elements take the part's own prefix
        assert "<sheet " not in workbook and "<x:sheet " in workbook
        assert "<xf " not in styles and "<font>" not in styles
    assert computed(book).equals(computed(SHIPPED))
    # a second refresh finds its formats again, whatever their spelling: no format appended twice
    before = read(book, "xl/styles.xml")
    assert run("refresh", str(book)).returncode == 0
    assert read(book, "xl/styles.xml") == before


def test_openpyxl_saved_copy(tmp_path: Path) -> None:
    """openpyxl-bewaard: another writer's whole package (its own styles, rels, content types)."""
    book = tmp_path / "Kansengroepen.xlsm"
    openpyxl.load_workbook(SHIPPED, keep_vba=True).save(book)
    before, after = refresh_adds_no_error(book)
    print(f"\nopenxml-audit openpyxl-bewaard: before the refresh {before}, after {after}")
    assert set(sheet_names(book)) >= RESULT_SHEETS


def duplicated(part: str, case_variant: bool) -> Callable[[Path, Path], None]:
    def make(source: Path, target: Path) -> None:
        with zipfile.ZipFile(source) as archive:
            data = archive.read(part)
        other = data.replace(b"<v>3050</v>", b"<v>9999</v>")
        with pytest.warns(UserWarning, match="Duplicate name") if not case_variant else _nothing():
            repack(source, target, add={(part.upper() if case_variant else part): other})
    return make


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


@pytest.mark.parametrize(("case", "part", "case_variant"), [
    ("dubbel-onderdeel", "xl/worksheets/sheet2.xml", False),
    ("dubbel-onderdeel-hoofdletters", "xl/styles.xml", True),
], ids=["dubbel-onderdeel", "dubbel-onderdeel-hoofdletters"])
def test_duplicate_part_is_refused(tmp_path: Path, case: str, part: str, case_variant: bool) -> None:
    """Readers disagree on which copy counts: the figures would depend on the program."""
    book = tmp_path / "Kansengroepen.xlsm"
    duplicated(part, case_variant)(SHIPPED, book)
    before = digest(book)
    name = part.upper() if case_variant else part
    assert_refused(run("check", str(book)), 1, f"onderdeel {name} staat twee keer in het bestand")
    assert_refused(run("refresh", str(book)), 1, "staat twee keer", "niets geschreven")
    assert_untouched(book, before)


def test_calc_chain_elsewhere_is_kept(tmp_path: Path) -> None:
    """calcchain-elders: a chain naming only the analyst's own cells stays, byte for byte."""
    enrich(SHIPPED, tmp_path / "verrijkt.xlsm")
    book = tmp_path / "Kansengroepen.xlsm"
    with_calc_chain(tmp_path / "verrijkt.xlsm", book)
    chain = read(book, "xl/calcChain.xml")
    refresh_adds_no_error(book)
    assert read(book, "xl/calcChain.xml") == chain
    assert b"calcChain" in read(book, "[Content_Types].xml")


def test_removed_part_loses_its_content_type(tmp_path: Path) -> None:
    """verwijderd-onderdeel: the Trend chart stored as chart9.xml is replaced; its content type goes with it."""
    book = tmp_path / "Kansengroepen.xlsm"

    def rename(name: str, data: bytes) -> bytes:
        if name.startswith("xl/drawings/_rels/"):
            return data.replace(b"../charts/chart2.xml", b"../charts/chart9.xml")
        if name == "[Content_Types].xml":
            return data.replace(b"/xl/charts/chart2.xml", b"/xl/charts/chart9.xml")
        return data

    with zipfile.ZipFile(SHIPPED) as archive:
        chart = archive.read("xl/charts/chart2.xml")
    repack(SHIPPED, book, lambda name, data: None if name == "xl/charts/chart2.xml" else rename(name, data),
           {"xl/charts/chart9.xml": chart})
    assert_consistent(book)  # the input holds together: chart9 is where its drawing points
    refresh_adds_no_error(book)
    with zipfile.ZipFile(book) as archive:
        assert "xl/charts/chart9.xml" not in archive.namelist()
        assert b"chart9" not in archive.read("[Content_Types].xml")


# --------------------------------------------------------------------------------------------
# 5. the file as the operating system has it
# --------------------------------------------------------------------------------------------


def test_macro_workbook_is_never_written_as_xlsx(tmp_path: Path, workbook_copy: Path) -> None:
    """xlsm-als-xlsx: Excel refuses to open a macro package named .xlsx."""
    before = digest(workbook_copy)
    target = tmp_path / "uit.xlsx"
    assert_refused(run("refresh", str(workbook_copy), "--output", str(target)), 3, "uit.xlsx", "macro's (VBA)",
                   "kies een naam op .xlsm")
    assert not target.exists()
    assert_untouched(workbook_copy, before)


def test_macro_workbook_named_xlsx_is_not_refreshed(tmp_path: Path) -> None:
    """macro-werkmap-heet-xlsx: a macro package already misnamed is not written again under that name."""
    book = tmp_path / "Kansengroepen.xlsx"
    shutil.copyfile(SHIPPED, book)
    before = digest(book)
    assert_refused(run("refresh", str(book)), 3, "Kansengroepen.xlsx", "kies een naam op .xlsm")
    assert_untouched(book, before)


def test_xlsx_written_as_xlsm_is_made_macro_enabled(tmp_path: Path) -> None:
    """xlsx-als-xlsm: a package without macros, written as .xlsm, gets the macro-enabled content type."""
    plain = tmp_path / "Kansengroepen.xlsx"
    openpyxl.load_workbook(SHIPPED).save(plain)
    target = tmp_path / "uit.XLSM"
    before = audit(plain)
    result = run("refresh", str(plain), "--output", str(target))
    assert result.returncode == 0, result.stderr
    types = ElementTree.fromstring(read(target, "[Content_Types].xml"))
    main = [o.get("ContentType") for o in types.iter(f"{{{CONTENT}}}Override") if o.get("PartName") == "/xl/workbook.xml"]
    assert main == [MACRO_MAIN]
    assert not audit(target) - before
    assert_consistent(target)
    assert "Ladder" in libreoffice.sheets_as_csv(target, tmp_path / "lo")


@pytest.mark.parametrize("name", ["uit.ods", "uit.xls", "uit"])
def test_output_of_another_kind_is_refused(tmp_path: Path, workbook_copy: Path, name: str) -> None:
    """andere-extensie."""
    assert_refused(run("refresh", str(workbook_copy), "--output", str(tmp_path / name)), 3,
                   "moet een naam op .xlsm (met macro's) of .xlsx krijgen")
    assert not (tmp_path / name).exists()


def test_symlinked_workbook_is_refreshed_at_its_target(tmp_path: Path, bare_workbook: Path) -> None:
    """symbolische-koppeling: the file the link points to is replaced; the link stays a link."""
    real = tmp_path / "gedeeld"
    real.mkdir()
    target = bare_copy(real, bare_workbook)
    link = tmp_path / "Kansengroepen.xlsm"
    link.symlink_to(os.path.relpath(target, tmp_path))
    before = digest(target)
    result = run("refresh", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert digest(target) != before and set(sheet_names(target)) >= RESULT_SHEETS
    assert sorted(p.name for p in real.iterdir()) == [target.name]
    (real / f"~${target.name}").write_bytes(b"owner")  # open in Excel through its real path
    before = digest(target)
    assert_refused(run("refresh", str(link)), 3, "geopend in Excel")
    assert digest(target) == before


def test_mode_and_owner_are_kept(workbook_copy: Path, bare_workbook: Path) -> None:
    """modus-en-eigenaar."""
    shutil.copyfile(bare_workbook, workbook_copy)
    workbook_copy.chmod(0o640)
    owner = (4321, 4321) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(workbook_copy, *owner)
    assert run("refresh", str(workbook_copy)).returncode == 0
    status = workbook_copy.stat()
    assert (status.st_mode & 0o7777, status.st_uid, status.st_gid) == (0o640, *owner)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user takes root")
def test_owner_that_cannot_be_kept_is_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                              workbook_copy: Path, bare_workbook: Path) -> None:
    """eigenaar-niet-te-behouden: the file belongs to another user, who may not be given the new file."""
    shutil.copyfile(bare_workbook, workbook_copy)
    os.chown(workbook_copy, 4321, 4321)
    before = digest(workbook_copy)

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    assert cli.main(["refresh", str(workbook_copy)]) == 3
    assert "van een andere gebruiker" in capsys.readouterr().err
    assert_untouched(workbook_copy, before)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_output_gets_the_default_mode(tmp_path: Path, workbook_copy: Path, umask: int, mode: int) -> None:
    """nieuwe-uitvoer-umask: 0666 less the umask, as any program creating a file (not the 0600 of a temporary)."""
    target = tmp_path / "uit.xlsm"
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "refresh", str(workbook_copy), "--output", str(target)],
                            capture_output=True, text=True, check=False, preexec_fn=lambda: os.umask(umask))
    assert result.returncode == 0, result.stderr
    assert target.stat().st_mode & 0o7777 == mode


WRITING_THEN_WAITING = """
import sys, time
from xl_ladder.adapters import xlsx_package
from xl_ladder.shell.cli import main

def save(self, handle):
    handle.write(b"PK half geschreven")
    handle.flush()
    print("geschreven", flush=True)
    time.sleep(60)

xlsx_package.Package.save = save
sys.exit(main(["refresh", sys.argv[1]]))
"""
STOPPED = "afgebroken ({}): er is niets geschreven, de werkmap is ongewijzigd"
WRITING = "call:xl_ladder.adapters.xlsx_package:_copy_compressed"
"""A point while the temporary file is half written: the first part copied as it was."""


@pytest.mark.parametrize(("case", "signame", "code", "shown"), [
    ("sigterm", "SIGTERM", 143, "SIGTERM"), ("ctrl-c", "SIGINT", 130, "Ctrl-C"),
], ids=["sigterm", "ctrl-c"])
def test_stopped_while_writing(tmp_path: Path, workbook_copy: Path, bare_workbook: Path, case: str, signame: str,
                               code: int, shown: str) -> None:
    """Stopped with a temporary file half written: a Dutch message, no traceback, nothing left, nothing changed."""
    shutil.copyfile(bare_workbook, workbook_copy)
    before = digest(workbook_copy)
    result, hit = stopped_at(WRITING, signame, workbook_copy, tmp_path)
    assert hit == WRITING.replace(":", " ", 1)
    assert result.returncode == code
    assert result.stderr == f"fout: {STOPPED.format(shown)}\n" and not result.stdout
    assert_untouched(workbook_copy, before)


PHASES = [
    # (point, what it is; True: the refresh had replaced the file, and counts)
    ("import:xl_ladder.shell.cli", "loading the command line", False),
    ("import:numpy", "numpy's import", False),
    ("import:datetime", "an import from inside numpy's C extension, which turns any exception into an ImportError",
     False),
    ("call:xl_ladder.adapters.file_reader:read_workbook", "reading", False),
    ("call:xl_ladder.model:compute", "computing", False),
    ("call:zipfile:ZipFile.__del__", "a finaliser, where Python prints an exception and carries on", False),
    ("return:tempfile:_mkstemp_inner", "the temporary file just created, its name not yet known", False),
    (WRITING, "writing the temporary file", False),
    ("call:xl_ladder.adapters.xlsx_results:write_sheets.<locals>.unchanged", "the last check before the rename", False),
    ("call:xl_ladder.shell.cli:_report", "reporting, the new file in place", True),
    ("call:xl_ladder.shell.stopping:end", "the command done, the process exiting", True),
]


@pytest.mark.parametrize(("point", "phase", "finished"), PHASES, ids=[point.split(":")[-1] for point, _, _ in PHASES])
def test_stopped_in_every_phase(tmp_path: Path, bare_workbook: Path, point: str, phase: str, finished: bool) -> None:
    """A SIGTERM sent from inside the refresh at a point of each phase (no timing luck): before the new
    file is in place, the Dutch message, exit 143 and the workbook as it was; after, the finished
    refresh with its usual output. Never a traceback, never a file left beside it."""
    book = tmp_path / "werk" / "Kansengroepen.xlsm"
    book.parent.mkdir()
    shutil.copyfile(bare_workbook, book)
    before = digest(book)
    result, hit = stopped_at(point, "SIGTERM", book, tmp_path)
    assert hit == point.replace(":", " ", 1), (phase, hit)
    assert [p.name for p in book.parent.iterdir()] == [book.name]
    if finished:
        assert (result.returncode, result.stderr) == (0, ""), phase
        assert result.stdout == f"{book.name}: resultaatbladen vernieuwd\n"
        assert digest(book) != before
    else:
        assert (result.returncode, result.stderr) == (143, f"fout: {STOPPED.format('SIGTERM')}\n"), phase
        assert not result.stdout
        assert digest(book) == before


def test_temporary_file_of_a_killed_run_is_removed(workbook_copy: Path, bare_workbook: Path) -> None:
    """tijdelijk-bestand-van-gedode-run: SIGKILL leaves the half-written file; the next run removes it,
    but not that of a refresh still running on the same workbook."""
    shutil.copyfile(bare_workbook, workbook_copy)
    before = digest(workbook_copy)
    process = subprocess.Popen([sys.executable, "-c", WRITING_THEN_WAITING, str(workbook_copy)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "geschreven"
    process.send_signal(signal.SIGKILL)
    process.wait()
    left = [p for p in workbook_copy.parent.iterdir() if p.name.startswith(".~")]
    assert len(left) == 1 and left[0].name.startswith(f".~{workbook_copy.name}.")
    assert digest(workbook_copy) == before
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = workbook_copy.parent / f".~{workbook_copy.name}.{alive.pid}.abcdefgh.tmp"
        running.write_bytes(b"PK")
        assert run("refresh", str(workbook_copy)).returncode == 0
        assert [p.name for p in workbook_copy.parent.iterdir() if p.name.startswith(".~")] == [running.name]
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.parametrize("how", ["intussen-gewijzigd", "intussen-vervangen"])
def test_changed_on_disk_during_the_refresh(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                            workbook_copy: Path, how: str) -> None:
    """Another program saved the workbook while the refresh computed: its save wins, the refresh says so.

    ``intussen-vervangen`` saves as Excel does, by renaming a new file over it, with the same size
    and modification time: only the inode tells.
    """
    other = workbook_copy.parent / "ander.xlsm"
    build = workflow.report.build

    def save_meanwhile(*args: Any) -> Any:
        status = workbook_copy.stat()
        if how == "intussen-gewijzigd":
            with zipfile.ZipFile(workbook_copy, "a") as archive:
                archive.writestr("customXml/item1.xml", "<opmerking>bewaard door een ander programma</opmerking>")
        else:
            shutil.copyfile(workbook_copy, other)
            os.utime(other, ns=(status.st_atime_ns, status.st_mtime_ns))
            os.replace(other, workbook_copy)
        return build(*args)

    monkeypatch.setattr(workflow.report, "build", save_meanwhile)
    assert cli.main(["refresh", str(workbook_copy)]) == 3
    assert "is intussen gewijzigd door een ander programma: er is niets geschreven" in capsys.readouterr().err
    monkeypatch.undo()
    saved = digest(workbook_copy)
    assert_untouched(workbook_copy, saved)
    if how == "intussen-gewijzigd":
        assert b"bewaard door een ander programma" in read(workbook_copy, "customXml/item1.xml")


def test_package_cases_are_documented() -> None:
    """Every case of this module has its row in the *Package and file* section of docs/problems.md."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "problems.md").read_text(encoding="utf-8")
    section = text.split("## Package and file", 1)[1]
    assert set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M)) == PACKAGE_CASES


def test_live_refresh_never_clears_an_input_table(tmp_path: Path) -> None:
    """The button in live Excel: with the Context table on a sheet named ``controle`` the error is
    reported, and the Controle sheet the error list would go to is not written over the input."""
    from xl_ladder.adapters import excel

    from . import remote_book

    book_path = tmp_path / "Kansengroepen.xlsm"
    rename_sheets(SHIPPED, book_path, {"Controle": "Controle oud", "Context": "controle"})
    book = remote_book.open_book(book_path)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is None
    assert [p.location for p in checked.problems if p.severity.value == "fout"] == ["controle!A1"]
    names = [sheet.name for sheet in book.sheets]
    actions = remote_book.actions(book)
    touched = {names[a["sheet_position"]] for a in actions if a.get("sheet_position") is not None}
    assert "controle" not in touched
    assert [a["func"] for a in actions] == ["alert"] and "controle!A1" in actions[0]["args"][0]
    assert "niet overschreven" in actions[0]["args"][0] and "zie het blad" not in actions[0]["args"][0]
