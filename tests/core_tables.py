"""The shipped tables as plain rows, for core tests that need no workbook: the CSVs the workbook is built
from (xl_ladder/data), read as an adapter would hand them to the core."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from xl_ladder.pipeline import Checked, check_raw
from xl_ladder.table import RawTable

DATA = Path(__file__).resolve().parent.parent / "xl_ladder" / "data"


def raw(name: str, sheet: str) -> RawTable:
    """A CSV of xl_ladder/data as the table ``sheet`` at A1: numbers as numbers, empty cells as None."""
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        header, *body = csv.reader(handle)

    def cell(text: str) -> Any:
        if text == "":
            return None
        try:
            return float(text) if "." in text else int(text)
        except ValueError:
            return text

    return RawTable(sheet, 0, 0, list(header), [[cell(text) for text in row] for row in body])


def shipped(context: bool = True, sectors: bool = True) -> Checked:
    """The shipped workbook's tables checked and computed, without a workbook; optionally without context tables."""
    extra = {}
    if context:
        extra["Context"] = raw("context_2020.csv", "Context")
    if sectors:
        extra["Sectoren"] = raw("sectoren_2020.csv", "Sectoren")
    return check_raw(raw("publicatie_2020.csv", "Maatregelen"), {}, extra)
