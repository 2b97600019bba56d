"""The tree shows the shell around the core: the core imports no adapter, no shell and no spreadsheet
library; the adapters import no shell; inside the core, input → model → sheets → functions, each
layer importing only its own and those before it. Read from the source (``ast``), so an import
inside a function counts as much as one at the top."""

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


CORE_LAYERS = {
    "input": {"problems", "cells", "codes", "names", "figures", "values", "wording", "notation", "table", "settings",
              "regions", "sources", "context", "sheet_names", "result_sheets", "rungs", "plausible", "coverage"},
    "model": {"model", "parts", "pipeline", "headline", "catalogue", "mentions"},
    "sheets": {"layout", "columns", "panels", "publication", "report", "press", "press_check", "press_sheet", "press_text",
               "press_numbers", "press_phrases", "page_grid"},
    "functions": {"functions"},
}
"""The core's layers in order, each module in one: the rules of the input (and the pure rules every layer
uses: arithmetic, words), the model (and the edition's figures), the result sheets (the press release and
its check beside them), the worksheet functions. Modules not yet in the tree may be named here."""
RANK = {module: rank for rank, modules in enumerate(CORE_LAYERS.values()) for module in modules}


def upward(source: str, module: str) -> list[str]:
    """The core modules that ``module`` (a core module's name) imports from a later layer than its own."""
    core = {name.split(".")[1] for name in imported(source, "xl_ladder") if name.count(".") == 1}
    return sorted(f"{module} ({_layer(module)}) imports {name} ({_layer(name)})"
                  for name in core if name in RANK and RANK[name] > RANK[module])


def _layer(module: str) -> str:
    return next(layer for layer, modules in CORE_LAYERS.items() if module in modules)


def test_every_core_module_has_a_layer() -> None:
    assert {p.stem for p in CORE if p.stem != "__init__"} - set(RANK) == set()


@pytest.mark.parametrize("path", [p for p in CORE if p.stem in RANK], ids=lambda p: p.name)
def test_core_module_imports_no_later_layer(path: Path) -> None:
    assert upward(path.read_text(encoding="utf-8"), path.stem) == []


@pytest.mark.parametrize(("source", "module", "found"), [
    ("from .model import Ladder", "table", "table (input) imports model (model)"),
    ("from . import report", "model", "model (model) imports report (sheets)"),
    ("def f():\n    from .functions import LADDER_WAARDE", "publication", "publication (sheets) imports functions (functions)"),
    ("import xl_ladder.panels", "headline", "headline (model) imports panels (sheets)"),
])
def test_the_layering_check_sees_an_import_upward(source: str, module: str, found: str) -> None:
    assert upward(source, module) == [found]


@pytest.mark.parametrize(("source", "module"), [
    ("from . import values", "wording"), ("from .model import Ladder", "headline"), ("from .report import build", "functions"),
    ("from .catalogue import Edition", "press_check"), ("import numpy", "table"),
])
def test_the_layering_check_lets_imports_downward_through(source: str, module: str) -> None:
    assert upward(source, module) == []


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
