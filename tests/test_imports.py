"""Each command imports only what it needs: a refresh never loads xlwings, pandas or XlsxWriter.

Start-up is most of what an analyst waits for on a normal workbook (the Excel button starts a
Python process on every click), so the command line imports the workbook builder and pandas only
in the commands that use them (issue 13). Checked in a fresh process, from ``sys.modules`` at exit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape as sax_escape
from xml.sax.saxutils import quoteattr as sax_quoteattr

import pytest

from xl_ladder.adapters.xml_text import escape, quoteattr

HEAVY = ("xlwings", "pandas", "xlsxwriter", "openpyxl")
"""Libraries of other commands (building, compute's tidy table) or of none (openpyxl)."""
RUN_AND_LIST = """
import atexit, json, runpy, sys
listing, sys.argv = sys.argv[1], ["xl-ladder", *sys.argv[2:]]
atexit.register(lambda: open(listing, "w").write(json.dumps(sorted(sys.modules))))
runpy.run_module("xl_ladder", run_name="__main__")
"""


def imported(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    """Exit code of ``xl-ladder args`` in a fresh process, and the top-level packages it imported."""
    listing = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, str(listing), *args], capture_output=True, text=True, check=False)
    return done.returncode, {name.partition(".")[0] for name in json.loads(listing.read_text())}


@pytest.mark.parametrize("command", [("refresh",), ("check",), ("refresh", "--output", "Uit.xlsm")])
def test_refresh_and_check_import_no_builder_and_no_pandas(workbook_copy: Path, command: tuple[str, ...]) -> None:
    args = [command[0], str(workbook_copy), *(str(workbook_copy.with_name(a)) if a.endswith(".xlsm") else a
                                             for a in command[1:])]
    code, modules = imported(workbook_copy.parent, *args)
    assert code == 0
    assert {"xl_ladder", "numpy", "python_calamine"} <= modules  # it did read and compute
    assert modules.isdisjoint(HEAVY), modules & set(HEAVY)


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    code, modules = imported(tmp_path, "--help")
    assert code == 0
    assert modules.isdisjoint({*HEAVY, "numpy", "python_calamine"}), modules & {*HEAVY, "numpy", "python_calamine"}


def test_compute_imports_pandas_but_not_the_builder(workbook_copy: Path) -> None:
    code, modules = imported(workbook_copy.parent, "compute", str(workbook_copy))
    assert code == 0
    assert "pandas" in modules
    assert modules.isdisjoint({"xlwings", "xlsxwriter"})


@pytest.mark.parametrize("text", ["", "a & b", "<x>", 'say "hi"', "it's", "both \" and '", "tab\tline\nend\r",
                                  "&amp; already", "Ω ‘quoted’ ’", "'\"<&>\"'"])
def test_xml_text_escapes_as_saxutils(text: str) -> None:
    """The refresh escapes XML without xml.sax.saxutils (it imports urllib.request): the same text all the same."""
    assert escape(text) == sax_escape(text)
    assert escape(text, {'"': "&quot;"}) == sax_escape(text, {'"': "&quot;"})
    assert quoteattr(text) == sax_quoteattr(text)
