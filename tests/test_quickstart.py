"""The workbook from the package: ``xl-ladder quickstart MAP``, as an analyst with only ``pip install``
gets it, and the warning for a workbook name the VBA button cannot import."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import python_calamine as calamine

from xl_ladder.shell import quickstart

from .conftest import ROOT, SHIPPED
from .helpers import assert_refused, digest, run
from .raw_cells import sheet_part


def conf_sheet(path: Path) -> dict[str, str]:
    """The ``xlwings.conf`` sheet: key in column A, value in column B."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("xlwings.conf").to_python()
    book.close()
    return {str(row[0]): str(row[1]) for row in rows}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding xl_ladder from its wheel, built from a copy of the sources that is
    then deleted: nothing of the repository is left to fall back on. Its other libraries are this
    environment's (read through a ``.pth`` line, so they are not installed again)."""
    work = tmp_path_factory.mktemp("wheel")
    source, dist, env = work / "source", work / "dist", work / "env"
    shutil.copytree(ROOT / "xl_ladder", source / "xl_ladder", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
                   check=True, capture_output=True, timeout=600)
    shutil.rmtree(source)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    target = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip())
    (target / "libraries.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    [wheel] = dist.glob("xl_ladder-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True, timeout=600)
    return env


def in_env(env: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(env / "bin" / "xl-ladder"), *args], cwd=cwd, env=environ, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)


def test_quickstart_from_a_wheel_writes_a_workbook_that_refreshes(installed: Path, tmp_path: Path) -> None:
    done = in_env(installed, "quickstart", "Analyse", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    workbook = tmp_path / "Analyse" / "Kansengroepen.xlsm"
    assert "Kansengroepen.py geschreven" in done.stdout
    interpreter = conf_sheet(workbook)["Interpreter_Mac"]  # POSIX: the key macOS reads
    assert Path(interpreter).parent == installed / "bin"
    where = subprocess.run([interpreter, "-c", "import xl_ladder; print(xl_ladder.__file__)"], capture_output=True,
                           text=True, check=True, cwd=tmp_path).stdout
    assert Path(where).is_relative_to(installed), where  # the button's Python has the package: the wheel's copy
    assert workbook.with_suffix(".py").read_bytes() == SHIPPED.with_suffix(".py").read_bytes()
    ours, shipped = parts(workbook), parts(SHIPPED)
    with zipfile.ZipFile(workbook) as package:
        conf = sheet_part(package, "xlwings.conf")
    assert ours.keys() == shipped.keys()
    # Only the interpreter differs (on its sheet, and as a shared string): main.py, functions, results are the same.
    assert [name for name in ours if ours[name] != shipped[name]] == [conf, "xl/sharedStrings.xml"]

    refreshed = in_env(installed, "refresh", str(workbook), cwd=tmp_path)
    assert refreshed.returncode == 0, refreshed.stderr
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=100).validate(str(workbook))
    assert result.is_valid, [str(e) for e in result.errors]


def test_quickstart_never_overwrites_without_being_told(tmp_path: Path) -> None:
    folder = tmp_path / "Map"
    folder.mkdir()
    own = folder / "Kansengroepen.py"
    own.write_text("# van de analist\n", encoding="utf-8")
    assert_refused(run("quickstart", str(folder)), 3, "Kansengroepen.py bestaat al", "--overwrite", "niets geschreven")
    assert [p.name for p in folder.iterdir()] == ["Kansengroepen.py"] and own.read_text() == "# van de analist\n"
    done = run("quickstart", str(folder), "--overwrite")
    assert done.returncode == 0, done.stderr
    assert own.read_bytes() == SHIPPED.with_suffix(".py").read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["Kansengroepen.py", "Kansengroepen.xlsm"]
    before = digest(folder / "Kansengroepen.xlsm")
    assert_refused(run("quickstart", str(folder)), 3, "Kansengroepen.xlsm en Kansengroepen.py bestaan al")
    assert digest(folder / "Kansengroepen.xlsm") == before


def test_on_windows_the_button_gets_pythonw_of_the_same_environment(tmp_path: Path) -> None:
    scripts = tmp_path / ".venv" / "Scripts"
    scripts.mkdir(parents=True)
    for name in ("python.exe", "pythonw.exe"):
        (scripts / name).write_bytes(b"")
    python = str(scripts / "python.exe")
    assert quickstart.interpreter(python, windows=True) == ("Interpreter_Win", str(scripts / "pythonw.exe"))
    (scripts / "pythonw.exe").unlink()  # an installation without it: the console one still runs the button
    assert quickstart.interpreter(python, windows=True) == ("Interpreter_Win", python)
    assert quickstart.interpreter("/opt/venv/bin/python3", windows=False) == ("Interpreter_Mac", "/opt/venv/bin/python3")


@pytest.mark.parametrize(("name", "warned"), [("Kansengroepen (1).xlsm", True), ("2021 Kansengroepen.xlsm", True),
                                              ("import.xlsm", True), ("Kansengroepen_2021.xlsm", False),
                                              ("Kansengroepen (1).xlsx", False)])
def test_a_refresh_to_a_name_the_button_cannot_import_warns(workbook_copy: Path, name: str, warned: bool) -> None:
    source = workbook_copy
    if name.endswith(".xlsx"):  # a workbook without macros, as .xlsx: it has no button to break
        source = workbook_copy.with_name("zonder.xlsx")
        subprocess.run([sys.executable, "-c", "import openpyxl, sys; b = openpyxl.load_workbook(sys.argv[1]); "
                        "b.save(sys.argv[2])", str(workbook_copy), str(source)], check=True)
    done = run("refresh", str(source), "--output", str(workbook_copy.with_name(name)))
    assert done.returncode == 0, done.stderr
    assert ("waarschuwing: de knop Vernieuwen" in done.stderr) is warned, done.stderr
    if warned:
        assert f"import {Path(name).stem}" in done.stderr and "Traceback" not in done.stderr
