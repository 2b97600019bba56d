"""The workbook's embedded xlwings VBA and the pinned xlwings package must be the same release."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
import tomllib
import zipfile

import xlwings
from oletools.olevba import VBA_Parser

from .conftest import ROOT, SHIPPED


def vba_version() -> str:
    """``XLWINGS_VERSION`` as declared in the workbook's VBA modules."""
    parser = VBA_Parser("Kansengroepen.xlsm", data=zipfile.ZipFile(SHIPPED).read("xl/vbaProject.bin"))
    try:
        for _, _, _, code in parser.extract_macros():
            found = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', code)
            if found:
                return found.group(1)
    finally:
        parser.close()
    raise AssertionError("no XLWINGS_VERSION in the workbook's VBA")


def pinned_version() -> str:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (pin,) = [d for d in dependencies if d.startswith("xlwings")]
    return pin.split("==")[1]


def test_workbook_vba_matches_the_pinned_xlwings() -> None:
    assert vba_version() == pinned_version() == xlwings.__version__


def test_button_macro_is_in_the_vba() -> None:
    parser = VBA_Parser("Kansengroepen.xlsm", data=zipfile.ZipFile(SHIPPED).read("xl/vbaProject.bin"))
    code = "\n".join(source for _, _, _, source in parser.extract_macros())
    parser.close()
    assert "Sub SampleCall()" in code
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in code


def test_version_is_the_installed_one() -> None:
    """``xl-ladder --version`` says the version pip installed (the package's metadata, not the module's text)."""
    result = subprocess.run([sys.executable, "-m", "xl_ladder", "--version"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout) == (0, f"xl-ladder {importlib.metadata.version('xl_ladder')}\n")


def test_an_older_python_gets_a_dutch_sentence_not_a_traceback() -> None:
    older = "import sys; sys.version_info = (3, 10, 12, 'final', 0); import xl_ladder"
    result = subprocess.run([sys.executable, "-c", older], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr == ("xl_ladder heeft Python 3.11 of nieuwer nodig; dit is Python 3.10.12: installeer een nieuwere "
                             "Python (python.org) en maak de omgeving opnieuw\n")
