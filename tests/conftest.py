"""Shared fixtures: the shipped workbook, the publication's reference figures."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

# xlwings' remote engine (the stand-in for live Excel) needs a licence key; the PolyForm
# Noncommercial licence fits this project (README). Set before any test imports xlwings.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "workbook" / "Kansengroepen.xlsm"
REFERENCE = Path(__file__).resolve().parent / "reference"


def read_reference(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV (``tests/reference``: the publication's figures, see its README)."""
    path = REFERENCE / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def workbook_copy(tmp_path: Path) -> Path:
    """A copy of the shipped workbook that a test may change."""
    target = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, target)
    return target


@pytest.fixture
def broken_workbook(workbook_copy: Path) -> Path:
    """A copy of the shipped workbook with one input error: ``nb`` typed over the figure in ``Maatregelen!D6``."""
    import openpyxl

    book = openpyxl.load_workbook(workbook_copy, keep_vba=True)
    book["Maatregelen"]["D6"] = "nb"
    book.save(workbook_copy)
    return workbook_copy


@pytest.fixture(scope="session")
def built_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped workbook as built, before its first refresh: built once a session, never changed."""
    from xl_ladder.adapters import workbook_builder

    target = tmp_path_factory.mktemp("gebouwd") / "Kaal.xlsm"
    workbook_builder.build(target)
    return target


@pytest.fixture
def bare_workbook(tmp_path: Path, built_workbook: Path) -> Path:
    """A copy of the shipped workbook as built, before its first refresh (no result sheets yet), that a test may change."""
    target = tmp_path / "Kaal.xlsm"
    shutil.copyfile(built_workbook, target)
    return target
