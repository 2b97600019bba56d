"""The tree shows the shell around the core: the core imports no adapter, no shell, no spreadsheet library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xl_ladder"
CORE = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__main__.py")
SPREADSHEET_LIBRARIES = {"xlwings", "openpyxl", "python_calamine", "xlsxwriter", "defusedxml", "zipfile"}


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it, relative imports written as ``.name``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.update(f"{base}.{alias.name}" if not node.module else base for alias in node.names)
    return names


def test_the_core_has_modules() -> None:
    assert {"model.py", "table.py", "pipeline.py", "notation.py"} <= {p.name for p in CORE}


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_module_imports_no_edge(path: Path) -> None:
    for name in imported(path):
        parts = name.lstrip(".").split(".")
        assert not (name.startswith(".") and parts[0] in {"adapters", "shell"}), f"{path.name} imports {name}"
        assert not name.startswith("xl_ladder.adapters") and not name.startswith("xl_ladder.shell"), \
            f"{path.name} imports {name}"
        assert parts[0].lower() not in SPREADSHEET_LIBRARIES, f"{path.name} imports {name}"


def test_the_checker_sees_an_adapter_import() -> None:
    """The check itself can fail: the file workflow does import adapters."""
    assert any(name.startswith("..adapters") for name in imported(PACKAGE / "shell" / "workflow.py"))
