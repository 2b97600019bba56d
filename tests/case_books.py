"""Workbooks made the way mistakes are made, for the catalogue of bad input (``docs/problems.md``):
the shipped builder from a changed CSV, openpyxl on a built copy, or the sheet XML edited. Used by
``test_bad_input.py``, ``test_input_standard.py`` and ``test_hostile.py``."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.utils

from xl_ladder.adapters import workbook_builder
from xl_ladder.pipeline import Checked
from xl_ladder.problems import Severity

from .raw_cells import store

M, S = "Maatregelen!", "Instellingen!"
E, W = Severity.ERROR, Severity.WARNING
BOOK = "Kansengroepen.xlsm"
Rows = list[list[str]]


def shipped_rows() -> Rows:
    """The shipped CSV, header first."""
    with workbook_builder.DEFAULT_DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def tiny_rows() -> Rows:
    """A three-row table: measures a, b and their sum S."""
    return [["Code", "Omschrijving", "Formule", "Limburg 2023", "Vlaams Gewest 2023"],
            ["a", "A", "", "1", "10"], ["b", "B", "", "2", "20"], ["S", "som", "a + b", "", ""]]


def append(*row: str) -> Callable[[Rows], None]:
    """Add a row at the end of the table (it becomes sheet row 47)."""
    return lambda rows: rows.append(list(row))


def formula(code: str, text: str) -> Callable[[Rows], None]:
    """Give the row with ``code`` another formula."""
    def change(rows: Rows) -> None:
        (row,) = [r for r in rows if r[0] == code]
        row[2] = text
    return change


def add_column(title: str, values: dict[str, str] | None = None) -> Callable[[Rows], None]:
    """Add a column at the right end of the table (column H), with values by code."""
    def change(rows: Rows) -> None:
        rows[0].append(title)
        for row in rows[1:]:
            row.append((values or {}).get(row[0], ""))
    return change


def drop_columns(*titles: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        keep = [i for i, title in enumerate(rows[0]) if title not in titles]
        rows[:] = [[row[i] for i in keep] for row in rows]
    return change


def retitle(column: str, title: str) -> Callable[[openpyxl.Workbook], None]:
    """Rename a table column as Excel does: the header cell and the table's column name together."""
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["Maatregelen"]
        sheet[f"{column}1"] = title
        sheet.tables["Maatregelen"].tableColumns[ord(column) - ord("A")].name = title
    return change


def empty(rows: Rows) -> None:
    """Only the header is left."""
    del rows[1:]


def without_vlaams_gewest(rows: Rows) -> None:
    """The reference region is called 'Vlaanderen': the default 'Vlaams Gewest' is not in the table."""
    rows[0] = [title.replace("Vlaams Gewest", "Vlaanderen") for title in rows[0]]


def clear_settings(book: openpyxl.Workbook) -> None:
    book["Instellingen"].delete_rows(1, 10)


@dataclass(frozen=True)
class Case:
    """One kind of bad input and the exact answer expected."""

    id: str
    expected: list[tuple[str, Severity]]
    words: tuple[str, ...] = ()
    """Must all occur in the message of the first expected problem."""
    rows: Callable[[Rows], None] | None = None
    start: Callable[[], Rows] = shipped_rows
    typed: dict[str, Any] = field(default_factory=dict)
    """Cells typed with openpyxl: ``"E6"`` on Maatregelen, ``"Instellingen!B3"`` elsewhere."""
    book: Callable[[openpyxl.Workbook], None] | None = None
    stored: dict[str, str] = field(default_factory=dict)
    file_only: str = ""
    """Why the live path cannot see this case (then it is not run there); empty: both paths, same verdict."""


def make(tmp_path: Path, case: Case) -> Path:
    """Build the case's workbook: changed CSV → builder → typed cells / book edits → stored XML."""
    rows = case.start()
    if case.rows:
        case.rows(rows)
    data = tmp_path / "tabel.csv"
    with data.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    path = tmp_path / BOOK
    workbook_builder.build(path, data)
    if case.typed or case.book:
        book = openpyxl.load_workbook(path, keep_vba=True)
        for ref, value in case.typed.items():
            sheet, _, cell = ref.rpartition("!")
            book[sheet or "Maatregelen"][cell] = value
        if case.book:
            case.book(book)
        book.save(path)
    if case.stored:
        store(path, {f"Maatregelen!{ref}": xml for ref, xml in case.stored.items()})
    return path


def retitle_in(sheet: str, column: str, title: str) -> Callable[[openpyxl.Workbook], None]:
    """Rename a column of the sheet's table as Excel does: header cell and table column together."""
    def change(book: openpyxl.Workbook) -> None:
        book[sheet][f"{column}1"] = title
        book[sheet].tables[sheet].tableColumns[openpyxl.utils.column_index_from_string(column) - 1].name = title
    return change


@dataclass(frozen=True)
class Standard:
    """A case of this file: the workbook change, the problems expected (location, severity), the words."""

    id: str
    expected: list[tuple[str, str]]
    words: tuple[str, ...] = ()
    typed: dict[str, Any] = field(default_factory=dict)
    """``"Context!F6": value``; a bare address is on Maatregelen."""
    book: Callable[[openpyxl.Workbook], None] | None = None
    rows: Callable[[list[list[str]]], None] | None = None
    stored: dict[str, str] = field(default_factory=dict)
    read: tuple[str, str, int, float] | None = None
    """(context code, region, year, value): the figure the context table must then hold."""
    file_only: str = ""
    """Why the live path cannot see this case; empty: both paths give the same verdict."""


def build_standard(tmp_path: Path, case: Standard) -> Path:
    typed = {ref if "!" in ref else M + ref: value for ref, value in case.typed.items()}
    path = make(tmp_path, Case(case.id, [], rows=case.rows, typed=typed, book=case.book))
    if case.stored:
        store(path, case.stored)
    return path


def assert_expected(checked: Checked, case: Standard) -> None:
    """Exactly the case's problems (cell, severity); the first one's message holds the case's words and is
    short (long cell texts are cut)."""
    got = sorted((p.location, p.severity.value) for p in checked.problems)
    assert got == sorted(case.expected), [str(p) for p in checked.problems]
    for location, severity in case.expected[:1]:
        message = next(p.message for p in checked.problems if (p.location, p.severity.value) == (location, severity))
        for word in case.words:
            assert word in message, (word, message)
        assert len(message) < 400, message
