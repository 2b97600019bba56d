"""The tree shows the shell around the core: the core imports no adapter, no shell and no spreadsheet
library; the adapters import no shell. Read from the source (``ast``), so an import inside a
function counts as much as one at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xl_ladder"
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__main__.py")
ADAPTERS = sorted((PACKAGE / "adapters").glob("*.py"))
SPREADSHEET_LIBRARIES = {"xlwings", "openpyxl", "python_calamine", "xlsxwriter", "defusedxml", "zipfile"}


def imported(source: str, package: str) -> set[str]:
    """Every module ``source`` (a module of ``package``, dotted) imports, anywhere in it, as absolute names.

    ``from x import y`` counts as importing ``x`` and ``x.y`` (``y`` may be a module:
    ``from xl_ladder import adapters``); relative imports are resolved against ``package``.
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def violations(source: str, package: str) -> list[str]:
    """The imports that break the layering, for a module of ``package`` (``xl_ladder`` or ``xl_ladder.adapters``)."""
    found = []
    for name in sorted(imported(source, package)):
        parts = name.split(".")
        if parts[:2] == ["xl_ladder", "shell"]:
            found.append(f"{name}: the shell is the outermost layer")
        if package == "xl_ladder" and parts[:2] == ["xl_ladder", "adapters"]:
            found.append(f"{name}: the core imports no adapter")
        if package == "xl_ladder" and parts[0].lower() in SPREADSHEET_LIBRARIES:
            found.append(f"{name}: only adapters know a spreadsheet library")
    return found


def test_the_layers_have_modules() -> None:
    assert {"model.py", "table.py", "pipeline.py", "notation.py"} <= {p.name for p in CORE}
    assert {"excel.py", "file_reader.py", "xlsx_package.py", "xlsx_results.py", "file_writer.py"} <= {p.name for p in ADAPTERS}


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_module_imports_no_edge(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8"), "xl_ladder") == []


@pytest.mark.parametrize("path", ADAPTERS, ids=lambda p: p.name)
def test_adapter_imports_no_shell(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8"), "xl_ladder.adapters") == []


@pytest.mark.parametrize(("source", "package"), [
    ("from xl_ladder import adapters", "xl_ladder"),
    ("from . import adapters", "xl_ladder"),
    ("from .adapters.excel import refresh", "xl_ladder"),
    ("import xl_ladder.adapters.excel", "xl_ladder"),
    ("def f():\n    from .shell import cli", "xl_ladder"),
    ("from xl_ladder import shell", "xl_ladder"),
    ("import zipfile", "xl_ladder"),
    ("from openpyxl import load_workbook", "xl_ladder"),
    ("from .. import shell", "xl_ladder.adapters"),
    ("from ..shell.workflow import check_file", "xl_ladder.adapters"),
    ("from xl_ladder.shell import stopping", "xl_ladder.adapters"),
])
def test_the_check_sees_each_kind_of_violation(source: str, package: str) -> None:
    """The check itself can fail, on every way of writing the imports it forbids."""
    assert violations(source, package)


@pytest.mark.parametrize(("source", "package"), [
    ("from . import names", "xl_ladder"), ("from .table import RawTable", "xl_ladder"), ("import numpy", "xl_ladder"),
    ("from .. import problems", "xl_ladder.adapters"), ("import zipfile", "xl_ladder.adapters"),
    ("from . import xml_edit", "xl_ladder.adapters"),
])
def test_the_check_lets_the_layering_through(source: str, package: str) -> None:
    assert violations(source, package) == []


def test_the_shell_may_import_adapters() -> None:
    """The file workflow does import adapters: the shell wires them to the core."""
    assert "xl_ladder.adapters.xlsx_results" in imported((PACKAGE / "shell" / "workflow.py").read_text(encoding="utf-8"),
                                                         "xl_ladder.shell")
