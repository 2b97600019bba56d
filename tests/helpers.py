"""What several test modules need, in one place: no test module imports from another."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import python_calamine as calamine
from defusedxml import ElementTree

from xl_ladder.adapters import lite_bundle
from xl_ladder.adapters.opc import WE_NS

from .conftest import SHIPPED


def digest(path: Path) -> str:
    """The file's SHA-256: equal digests, unchanged bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter."""
    return subprocess.run([sys.executable, "-m", "xl_ladder", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


def assert_refused(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """The command failed with exit ``code`` and said ``words`` (Dutch), without a traceback."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


def error_cell(ref: str, code: str = "#N/A", formula: str = "NB()") -> str:
    """A sheet cell as Excel stores a formula whose result is an error value."""
    return f'<c r="{ref}" t="e"><f>{formula}</f><v>{code}</v></c>'


def by_label(grid: list[list[Any]]) -> dict[str, list[Any]]:
    """The rows of a sheet by the text in their first cell."""
    return {row[0]: row for row in grid if row and isinstance(row[0], str) and row[0]}


def file_values(path: Path, sheet: str) -> dict[tuple[int, int], Any]:
    """Non-empty cells of a sheet as the headless refresh wrote them."""
    book = calamine.CalamineWorkbook.from_path(str(path))
    grid = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    return {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row) if v != ""}


def same(live: Any, headless: Any) -> bool:
    """A value written live equals the file's, numbers within floating-point noise."""
    if isinstance(live, (int, float)) and isinstance(headless, (int, float)):
        return abs(live - headless) <= 1e-9 * max(1.0, abs(headless))
    return live == headless


def lite_properties(path: Path = SHIPPED) -> dict[str, Any]:
    """The add-in's settings the workbook carries (each value JSON), by name."""
    with zipfile.ZipFile(path) as package:
        root = ElementTree.fromstring(package.read(lite_bundle.WEBEXTENSION))
    return {p.get("name", ""): json.loads(p.get("value", "")) for p in root.iter(f"{{{WE_NS}}}property")}
