"""The live-Excel path through xlwings' remote engine: same values as the headless refresh, few actions."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw

from xl_ladder.adapters import excel, workbook_builder
from xl_ladder.shell.workflow import refresh_file

from . import remote_book
from .conftest import SHIPPED
from .helpers import file_values, same

MAX_ACTIONS = 90
"""Ladder, Treden and Controle: values, formats per rectangle, widths, the heights of wrapped rows."""


def test_live_refresh_writes_what_the_headless_refresh_writes(tmp_path: Path) -> None:
    bare = tmp_path / "Kansengroepen.xlsm"
    workbook_builder.build(bare)
    headless = tmp_path / "headless.xlsm"
    shutil.copyfile(bare, headless)
    refresh_file(headless)
    book = remote_book.open_book(bare)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is not None
    written = remote_book.written_values(book)
    for sheet in ("Publicatie", "Ladder", "Treden", "Controle", "Regio's", "Trend", "Trede 3"):
        live = {k: v for k, v in written[sheet].items() if v not in (None, "")}
        expected = file_values(headless, sheet)
        assert live.keys() == expected.keys(), sheet
        assert all(same(live[k], expected[k]) for k in expected), sheet
    funcs = [a["func"] for a in remote_book.actions(book)]
    assert funcs.count("addSheet") == 7 and funcs.count("addChart") == 3
    print(f"\nlive refresh of a new book: {len(funcs)} actions")


MAIN_SHEETS = ("Ladder", "Treden", "Controle")
MAX_ALL_ACTIONS = 250
MAX_PAGE_ACTIONS = 125
"""The publication page: its panels' formats do not merge into few rectangles."""


def test_refreshing_the_shipped_workbook_stays_within_the_action_budget() -> None:
    """≤ 60 actions for the main sheets (Ladder, Treden, Controle); the panel sheets add a few each."""
    book = remote_book.open_book(SHIPPED, charts={"Publicatie": ["Grafiek publicatie"], "Treden": ["Grafiek treden"],
                                                  "Trend": ["Grafiek trend"]})
    excel.refresh(book)
    names = [sheet.name for sheet in book.sheets]
    per_sheet: dict[str, int] = {}
    for action in remote_book.actions(book):
        name = names[action["sheet_position"]] if action["sheet_position"] is not None else action["func"]
        per_sheet[name] = per_sheet.get(name, 0) + 1
    funcs = [a["func"] for a in remote_book.actions(book)]
    counts = {f: funcs.count(f) for f in sorted(set(funcs))}
    print(f"\nlive refresh of the shipped workbook: {len(funcs)} actions, per sheet {per_sheet}, by kind {counts}")
    assert sum(per_sheet[name] for name in MAIN_SHEETS) <= MAX_ACTIONS
    assert len(funcs) <= MAX_ALL_ACTIONS and per_sheet["Publicatie"] <= MAX_PAGE_ACTIONS
    assert "addSheet" not in counts and "addChart" not in counts  # existing sheets and charts are reused
    assert counts["setValues"] == len(per_sheet)  # one values assignment per sheet


def synthetic(path: Path, measures: int, regions: int = 1) -> None:
    """A workbook with ``measures`` measure rows under the same aggregate structure, for ``regions``
    regions besides Vlaams Gewest, years 2023 and 2024."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    codes = [letters[i % 26] + "'" * (i // 26) for i in range(measures)]
    half = measures // 2
    names = [f"Regio {n + 1}" for n in range(regions)] + ["Vlaams Gewest"]
    width = 2 * len(names)
    rows: list[list[Any]] = [["trede 5", "Trede 5", f"{codes[0]} t/m {codes[half - 1]}", *[None] * width]]
    rows += [[c, f"Maatregel {c}", None] + [i + n + 1 for n in range(width)] for i, c in enumerate(codes[:half])]
    rows += [["trede 4", "Trede 4", f"{codes[half]} t/m {codes[-1]}"] + [None] * width]
    rows += [[c, f"Maatregel {c}", None] + [2 * i + n + 1 for n in range(width)] for i, c in enumerate(codes[half:])]
    rows += [["totaal", "Totaal", "trede 5 + trede 4"] + [None] * width]
    data = path.with_suffix(".csv")
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Code", "Omschrijving", "Formule"] + [f"{name} {year}" for name in names for year in (2023, 2024)])
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    workbook_builder.build(path, data)


def live_actions(path: Path) -> int:
    """Actions of a live refresh of ``path``, the publication page aside (bounded on its own): its panels
    stand side by side, so where a longer panel ends moves the others' rectangles a little."""
    book = remote_book.open_book(path)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is not None
    names = [sheet.name for sheet in book.sheets]
    on_page = [a for a in remote_book.actions(book) if a["sheet_position"] is not None
               and names[a["sheet_position"]] == "Publicatie"]
    assert len(on_page) <= MAX_PAGE_ACTIONS
    return len(remote_book.actions(book)) - len(on_page)


def test_actions_do_not_grow_with_the_number_of_rows(tmp_path: Path) -> None:
    counts = {}
    for measures in (40, 400):
        synthetic(tmp_path / f"m{measures}.xlsm", measures)
        counts[measures] = live_actions(tmp_path / f"m{measures}.xlsm")
    print(f"\nactions: 40 measure rows → {counts[40]}, 400 measure rows → {counts[400]}")
    assert counts[40] == counts[400]


def test_actions_do_not_grow_with_the_number_of_regions(tmp_path: Path) -> None:
    """3 and 31 regions: both with regions beside the focus and the reference (one warning on Controle)."""
    counts = {}
    for regions in (2, 30):
        synthetic(tmp_path / f"r{regions}.xlsm", 40, regions)
        counts[regions] = live_actions(tmp_path / f"r{regions}.xlsm")
    print(f"\nactions: 3 regions → {counts[2]}, 31 regions → {counts[30]}")
    assert counts[2] == counts[30]


def test_errors_are_shown_on_controle_and_in_an_alert(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "Kansengroepen.xlsm"
    workbook_builder.build(path)
    book_file = openpyxl.load_workbook(path, keep_vba=True)
    book_file["Maatregelen"]["D6"] = "nb"
    book_file.save(path)
    book = remote_book.open_book(path)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is None
    written = remote_book.written_values(book)
    assert set(written) == {"Controle"}
    assert "Maatregelen!D6" in written["Controle"].values()
    alerts = [a for a in remote_book.actions(book) if a["func"] == "alert"]
    assert len(alerts) == 1 and "1 fout(en)" in alerts[0]["args"][0]


def test_missing_table_is_an_alert_not_a_traceback(tmp_path: Path) -> None:
    book = remote_book.open_book(SHIPPED)
    book.sheets["Maatregelen"].impl.api["tables"] = []
    assert excel.refresh(book) is None
    alerts = [a for a in remote_book.actions(book) if a["func"] == "alert"]
    assert "Maatregelen" in alerts[0]["args"][0]


@pytest.mark.parametrize("name", ["Ladder", "Treden", "Controle", "Regio's", "Trend", "Trede 3"])
def test_sheet_positions_follow_the_book(name: str, tmp_path: Path) -> None:
    """New result sheets go after the last sheet, in report order."""
    path = tmp_path / "Kansengroepen.xlsm"
    workbook_builder.build(path)
    book = remote_book.open_book(path)
    excel.refresh(book)
    assert [s.name for s in book.sheets][-6:] == ["Ladder", "Treden", "Controle", "Regio's", "Trend", "Trede 3"]
    assert name in [s.name for s in book.sheets]


def test_button_turns_failures_into_an_alert(monkeypatch: pytest.MonkeyPatch) -> None:
    book = remote_book.open_book(SHIPPED)

    def broken(_: object) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr(excel, "refresh", broken)
    excel.button(book)
    alerts = [a for a in remote_book.actions(book) if a["func"] == "alert"]
    assert len(alerts) == 1 and "Vernieuwen is mislukt" in alerts[0]["args"][0] and "schijf vol" in alerts[0]["args"][0]


def _headerless(name: str) -> dict[str, Any]:
    """A table whose header row the analyst switched off (Tabelontwerp → Kopregel), as Excel's client sends it."""
    return {"name": name, "range_address": "$A$20:$B$22", "header_row_range_address": None,
            "data_body_range_address": "$A$20:$B$22", "total_row_range_address": None, "show_headers": False,
            "show_totals": False, "table_style": "TableStyleLight9", "show_autofilter": False}


def test_a_table_of_the_analyst_without_header_row_is_left_alone() -> None:
    """Once an English AttributeError alert: every table was read, header row or not."""
    payload = remote_book.payload(SHIPPED)
    start = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Start")
    start["tables"].append(_headerless("MijnLijst"))
    book = xw.Book(json=payload)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is not None
    assert not [a for a in remote_book.actions(book) if a["func"] == "alert"]


def test_the_measure_table_without_header_row_is_a_dutch_error() -> None:
    payload = remote_book.payload(SHIPPED)
    sheet = next(sheet for sheet in payload["sheets"] if sheet["name"] == "Maatregelen")
    sheet["tables"] = [_headerless("Maatregelen")]
    book = xw.Book(json=payload)
    checked = excel.refresh(book)
    assert checked is not None and checked.ladder is None
    alerts = [a for a in remote_book.actions(book) if a["func"] == "alert"]
    assert len(alerts) == 1 and "Maatregelen!A20: fout: de tabel Maatregelen heeft geen kopregel" in alerts[0]["args"][0]
