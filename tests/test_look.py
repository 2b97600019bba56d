"""The workbook as a reader sees it: no title or label cut off by the cell beside it.

LibreOffice draws only the visible part of a text that the next filled cell cuts off, so the
text of its PDF shows whether every title is whole.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import python_calamine as calamine

from xl_ladder import report
from xl_ladder.layout import SheetLayout, text_width
from xl_ladder.sheet_names import NAMES
from xl_ladder.shell.workflow import check_file, refresh_file

from . import libreoffice
from .conftest import SHIPPED

INPUT_TABLES = ("Maatregelen", "Context", "Sectoren")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A refreshed copy of the shipped workbook and the text of each page of its PDF."""
    folder = tmp_path_factory.mktemp("look")
    book = folder / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    refresh_file(book)
    pdf = [p for p in libreoffice.convert(book, "pdf", folder / "pdf") if p.suffix == ".pdf"]
    assert len(pdf) == 1, "LibreOffice wrote no PDF"
    text = subprocess.run(["pdftotext", "-raw", str(pdf[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    return book, [flat(page) for page in text.split("\f")]


def cut_candidates(cells: dict[tuple[int, int], Any]) -> dict[tuple[int, int], str]:
    """Texts with a filled cell to their right: the ones a narrow column would cut off."""
    last = max(c for _, c in cells)
    return {(r, c): value for (r, c), value in cells.items() if isinstance(value, str) and value
            and any(cells.get((r, k)) not in (None, "") for k in range(c + 1, last + 1))}


def test_result_sheets_show_every_title_and_label_whole(rendered: tuple[Path, list[str]]) -> None:
    book, pages = rendered
    checked = check_file(book)
    assert checked.ladder is not None
    layouts = report.build(checked.ladder, checked.problems, checked.context)
    assert sorted(layout.name for layout in layouts) == sorted(NAMES)
    shown = 0
    starts: list[int | None] = []
    for layout in layouts:  # in workbook order, each on a later page (the publication page repeats some titles)
        after = max((i for i in starts if i is not None), default=-1) + 1
        starts.append(next((i for i, p in enumerate(pages) if i >= after and flat(layout.cells()[(0, 0)]) in p), None))
    assert None not in starts, f"every result sheet's title is printed, in workbook order: {starts}"
    for layout, first, end in zip(layouts, starts, [*starts[1:], len(pages)], strict=True):
        assert first is not None and end is not None
        printed = " ".join(pages[first:end])  # its first page and the pages it runs on to
        wrapped = {cell for cell, style in layout.cell_styles().items() if style.wrap}
        area = layout.printing.area
        cells = {cell: value for cell, value in layout.cells().items()
                 if area is None or cell[1] < area[1] + area[3]}  # the chart's data beside the page print not
        for cell, text in cut_candidates(cells).items():
            # a wrapped text shows on several lines: each of its words whole; any other text whole
            # (a hyphen may end a line: West- / Vlaanderen)
            words = re.findall(r"[^\s-]+-?", text)
            assert all(word in printed for word in words) if cell in wrapped else flat(text) in printed, (
                f"{layout.name}: {text!r} is cut off")
            shown += 1
        assert "###" not in printed, f"{layout.name}: a number too wide for its column"
    print(f"\n{shown} titles and labels beside a filled cell, all whole in LibreOffice's rendering")
    assert shown > 200


def test_input_tables_show_their_titles_labels_and_sources_whole(rendered: tuple[Path, list[str]]) -> None:
    book, pages = rendered
    first_result = next(i for i, p in enumerate(pages) if "Tewerkstelling van kansengroepen in" in p)  # the page
    text = " ".join(pages[:first_result])
    workbook = calamine.CalamineWorkbook.from_path(str(book))
    shown = 0
    for name in INPUT_TABLES:
        grid = workbook.get_sheet_by_name(name).to_python()
        for value in cut_candidates({(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row)}).values():
            assert flat(value) in text, f"{name}: {value!r} is cut off"
            shown += 1
    workbook.close()
    print(f"\n{shown} texts of the input tables beside a filled cell, all whole in LibreOffice's rendering")
    assert shown > 100


def test_text_width_by_hand() -> None:
    """Ten digits of Calibri 11 take 74.3 px; a column shows 7 px per unit of width (plus 1 unit to spare)."""
    assert text_width("0123456789") == pytest.approx(10 * 7.43 / 7 + 1)
    assert text_width("iiii") < text_width("0000") < text_width("WWWW")


def test_text_runs_on_over_empty_cells() -> None:
    """A long text with empty cells to its right needs no width; beside a filled cell it sets its column's."""
    sheet = SheetLayout("Proef")
    sheet.put(0, 0, [["Een lange titel die over de lege cellen ernaast loopt"]])
    sheet.put(1, 0, [["kort", 1.0]])
    sheet.fit_columns([(range(1), 1, False)])
    # Calibri Bold, in digits: k 0.95 + o 1.06 + r 0.70 + t 0.68 = 3.39 → 3.39 × 7.43 / 7 + 1 = 4.6 → 5
    assert sheet.widths[0] == 5
    sheet.put(2, 0, [["kort", None, None, 2.0]])  # runs on over two empty columns of 8.43
    sheet.fit_columns([(range(1), 1, False)])
    assert sheet.widths[0] == 5
    sheet.fit_columns([(range(1), 12, False)])
    assert sheet.widths[0] == 12  # the least width asked for
