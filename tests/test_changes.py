"""The tool follows the data, not the shipped numbers, regions or years.

Every test builds a workbook from a *modified* copy of the shipped measure CSV and checks the
results against hand calculation; the arithmetic is written next to each expected value and no
expected value is taken from the code under test.

Shipped figures used below (``West-Vlaanderen 2019/2020`` → ``Limburg 2023/2024``,
``Vlaams Gewest 2019/2020`` → ``Vlaams Gewest 2023/2024``)::

    code     formula              L2023  L2024   VG2023  VG2024
    trede 5  DGK + 40% f + COL        -  42749        - 210323   (published)
    IND      a t/m f                  -  37379        - 187801   (published)
    DGK      a + b + c + d + e        -  36165        - 182834   (published)
    a                              2977   3050    14004  14165
    b                             34480  29254   174504 148663
    c                              6906   3000    34365  15327
    d, e                              -      -        -      -
    f        (SINE)                   -   1214        -   4967
    COL      g t/m j               6099   6098    25689  25502   (published)
    g                               312    297     2463   2385
    h                                 0      -        6      0
    i                              5771   5783    23137  23018
    j                                16     22       83    128
    trede 4  k t/m d'                 -   8546        -  46788   (published)
    DL       t t/m y                  -    496        -   2443   (published)
    t, u, v                     196/99/99  0/0/0    …     0/0/0
    w, x, y                           -  416/34/46    - 1871/212/360
    trede 3  e' + f'               1523   1495     6672   6295   (published)
    totaal   trede 5+trede 4+trede 3  -  52790        -      -   (published)
"""

from __future__ import annotations

import copy
import csv
import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from xl_ladder import report
from xl_ladder.adapters import workbook_builder
from xl_ladder.pipeline import Checked
from xl_ladder.problems import Severity
from xl_ladder.shell.workflow import check_file

L, VG = "Limburg", "Vlaams Gewest"
RENAMED = {
    "West-Vlaanderen 2019": f"{L} 2023",
    "West-Vlaanderen 2020": f"{L} 2024",
    "Vlaams Gewest 2019": f"{VG} 2023",
    "Vlaams Gewest 2020": f"{VG} 2024",
}
FIELDS = [
    "row", "label", "code", "kind", "formula", "trede", "region", "year",
    "value", "computed", "published", "complete", "missing", "known_sum", "gap",
    "share_pct", "evolution_pct", "distribution_pct",
]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


@dataclass
class Data:
    """A measure table as CSV text cells, to be changed and written back."""

    header: list[str]
    rows: list[list[str]]

    @classmethod
    def shipped(cls) -> Data:
        """The shipped CSV, read with the csv module."""
        with workbook_builder.DEFAULT_DATA.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        return cls(header, rows)

    def copy(self) -> Data:
        """An independent copy."""
        return copy.deepcopy(self)

    def rename(self, mapping: dict[str, str]) -> Data:
        """Rename region-year columns (``old title → new title``)."""
        self.header = [mapping.get(title, title) for title in self.header]
        return self

    def column(self, title: str) -> int:
        """Index of a column by its title."""
        return self.header.index(title)

    def row(self, code: str) -> list[str]:
        """The row with this code."""
        matches = [row for row in self.rows if row[0] == code]
        assert len(matches) == 1, code
        return matches[0]

    def set(self, code: str, title: str, value: int | str | None) -> Data:
        """Put a figure (None: empty cell) in the row of ``code``, column ``title``."""
        self.row(code)[self.column(title)] = "" if value is None else str(value)
        return self

    def set_formula(self, code: str, formula: str) -> Data:
        """Replace the formula of a row."""
        self.row(code)[self.column("Formule")] = formula
        return self

    def add_column(self, title: str, figures: dict[str, int], at: int | None = None) -> Data:
        """Add a region-year column (empty except ``figures``), at index ``at`` or at the end."""
        at = len(self.header) if at is None else at
        self.header.insert(at, title)
        for row in self.rows:
            row.insert(at, str(figures[row[0]]) if row[0] in figures else "")
        return self

    def write(self, path: Path) -> Path:
        """Write as UTF-8 CSV like the shipped one."""
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(self.header)
            csv.writer(handle).writerows(self.rows)
        return path


def renamed() -> Data:
    """The shipped data with regions and years renamed (Limburg / Vlaams Gewest, 2023 / 2024)."""
    return Data.shipped().rename(RENAMED)


def build(tmp_path: Path, data: Data, name: str = "Kopie.xlsm") -> Path:
    """Build a workbook from ``data`` with the shipped builder; return its path."""
    output = tmp_path / name
    workbook_builder.build(output, data.write(tmp_path / (output.stem + ".csv")))
    return output


def edit_settings(path: Path, cells: dict[str, Any]) -> Path:
    """Type values in column B of the sheet Instellingen, as an analyst would, and save."""
    book = openpyxl.load_workbook(path, keep_vba=True)
    for cell, value in cells.items():
        book["Instellingen"][cell] = value
    book.save(path)
    return path


def computed(path: Path) -> tuple[pd.DataFrame, Checked]:
    """Check and compute a workbook that must have no errors; the tidy frame and the outcome."""
    checked = check_file(path)
    assert checked.ladder is not None, [str(p) for p in checked.problems]
    assert not [p for p in checked.problems if p.severity is Severity.ERROR]
    return checked.ladder.tidy(), checked


def at(frame: pd.DataFrame, code: str, region: str, year: int) -> pd.Series:
    """The one record of ``code`` in ``region`` and ``year``."""
    found = frame[(frame.code == code) & (frame.region == region) & (frame.year == year)]
    assert len(found) == 1, (code, region, year, len(found))
    return found.iloc[0]


def nan(value: Any) -> bool:
    """True for no data."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def error_locations(checked: Checked) -> list[str]:
    """Where the errors are."""
    return [p.location for p in checked.problems if p.severity is Severity.ERROR]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "xl_ladder", *args],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )


# --------------------------------------------------------------------------------------------
# filling measures, removing published totals
# --------------------------------------------------------------------------------------------


def filled_without_published() -> Data:
    """d = 500, e = 361 in Limburg 2024; no published DGK, IND, trede 5 in 2024 (both regions)."""
    data = renamed().set("d", f"{L} 2024", 500).set("e", f"{L} 2024", 361)
    for code in ("DGK", "IND", "trede 5"):
        data.set(code, f"{L} 2024", None).set(code, f"{VG} 2024", None)
    return data


def test_filled_measures_make_the_aggregates_complete(tmp_path: Path) -> None:
    frame, checked = computed(build(tmp_path, filled_without_published()))
    assert checked.problems == []
    assert checked.ladder is not None
    assert (checked.ladder.settings.focus, checked.ladder.settings.reference) == (L, VG)

    dgk = at(frame, "DGK", L, 2024)
    # a + b + c + d + e = 3050 + 29254 + 3000 + 500 + 361 = 36165
    assert dgk.value == pytest.approx(36165)
    assert dgk.computed == pytest.approx(36165)
    assert dgk.known_sum == pytest.approx(36165)
    assert bool(dgk.complete) and dgk.missing == ""
    assert nan(dgk.published) and nan(dgk.gap)
    assert dgk.kind == "aggregaat" and dgk.trede == 5

    # VDB = a + b + c + d = 3050 + 29254 + 3000 + 500 = 35804 (never published)
    assert at(frame, "VDB", L, 2024).value == pytest.approx(35804)
    # IND = a t/m f = 36165 + 1214 = 37379
    ind = at(frame, "IND", L, 2024)
    assert ind.value == pytest.approx(37379) and bool(ind.complete)

    # trede 5 = DGK + 40% f + COL = 36165 + 0,4·1214 + 6098 = 36165 + 485,6 + 6098 = 42748,6
    # (COL's value is its published 6098: its own sum g t/m j lacks h)
    rung = at(frame, "trede 5", L, 2024)
    assert rung.value == pytest.approx(42748.6)
    assert rung.computed == pytest.approx(42748.6)
    assert bool(rung.complete) and rung.missing == ""
    col = at(frame, "COL", L, 2024)
    assert col.value == 6098 and not bool(col.complete) and col.missing == "h"
    assert col.known_sum == pytest.approx(297 + 5783 + 22)  # g + i + j = 6102
    # the 40% rule is visible: trede 5 − DGK − COL = 0,4 × f
    assert rung.value - dgk.value - col.value == pytest.approx(0.4 * 1214)

    # distribution over the published grand total 52790: 42748,6 / 52790
    assert rung.distribution_pct == pytest.approx(42748.6 / 52790 * 100)
    # the reference region still lacks d and e, so there is no share
    assert nan(rung.share_pct)


def test_missing_parts_keep_aggregates_incomplete(tmp_path: Path) -> None:
    """Where d and e stay empty and nothing is published: no value, the known parts summed."""
    frame, _ = computed(build(tmp_path, filled_without_published()))

    dgk = at(frame, "DGK", VG, 2024)
    assert nan(dgk.value) and nan(dgk.computed) and nan(dgk.published)
    assert not bool(dgk.complete)
    assert dgk.missing == "d, e"
    # a + b + c = 14165 + 148663 + 15327 = 178155
    assert dgk.known_sum == pytest.approx(178155)

    rung = at(frame, "trede 5", VG, 2024)
    assert nan(rung.value) and not bool(rung.complete)
    assert rung.missing == "d, e"
    # 178155 + 0,4·4967 + 25502 = 178155 + 1986,8 + 25502 = 205643,8
    assert rung.known_sum == pytest.approx(205643.8)

    # IND VG 2024 = a t/m f: d and e missing, known a+b+c+f = 178155 + 4967 = 183122
    ind = at(frame, "IND", VG, 2024)
    assert ind.missing == "d, e" and ind.known_sum == pytest.approx(183122)

    # 2023 untouched: DGK lacks d and e, known 2977 + 34480 + 6906 = 44363
    old = at(frame, "DGK", L, 2023)
    assert old.missing == "d, e" and old.known_sum == pytest.approx(44363)


def test_controle_groups_incomplete_totals_by_what_they_lack(tmp_path: Path) -> None:
    """Nine extra regions (2024) with a = 1, b = 2, c = 3 and d, e varied: DGK (a + b + c + d + e)
    lacks d in R1–R7 and R9, e in R8; R9 publishes DGK = 100, so it is a difference, not a gap."""
    data = renamed()
    for n in range(1, 10):
        data.add_column(f"R{n} 2024", {"a": 1, "b": 2, "c": 3, **({"d": 4} if n == 8 else {"e": 5})})
    data.set("DGK", "R9 2024", 100)
    _, checked = computed(build(tmp_path, data))
    assert checked.ladder is not None
    cells = report.control_sheet(checked.ladder, checked.problems).cells()
    lines = [[cells.get((r, c)) for c in range(7)] for r in sorted({r for r, _ in cells}) if cells.get((r, 0)) == "DGK"]
    assert [line[2:] for line in lines] == [
        # published totals against their known parts a + b + c (d, e have no 2020 figures):
        # 3050 + 29254 + 3000 = 35304, 36165 − 35304 = 861; 14165 + 148663 + 15327 = 178155, gap 4679
        ["Som van de gekende delen (ontbreekt: d, e)", f"{L} 2024", 36165, 35304, 861],
        ["Som van de gekende delen (ontbreekt: d, e)", f"{VG} 2024", 182834, 178155, 4679],
        # R9: printed 100 against the known 1 + 2 + 3 + 5 = 11, gap 89
        ["Som van de gekende delen (ontbreekt: d)", "R9 2024", 100, 11, 89],
        # the shipped 2023 columns lack d and e (the publication gives no 2019 figures for them)
        ["Onvolledig, geen gepubliceerd totaal: ontbreekt d, e", f"{L} 2023, {VG} 2023", None, None, None],
        # seven columns lack d: six named, then the count; one column: its known sum 1 + 2 + 3 + 5 = 11
        ["Onvolledig, geen gepubliceerd totaal: ontbreekt d",
         "R1 2024, R2 2024, R3 2024, R4 2024, R5 2024, R6 2024 … (7 kolommen)", None, None, None],
        # R8 lacks e only: known 1 + 2 + 3 + 4 = 10
        ["Onvolledig, geen gepubliceerd totaal: ontbreekt e", "R8 2024", None, 10, None],
    ]
    assert {line[1] for line in lines} == {"Doelgroepkortingen"}


@pytest.mark.parametrize(
    ("sine", "rung", "ind"),
    [
        (1000, 36165 + 400 + 6098, 36165 + 1000),  # 0,4·1000 = 400 → 42663; IND 37165
        (0, 36165 + 0 + 6098, 36165),  # 0 is a count: 42263, complete
        (2500, 36165 + 1000 + 6098, 36165 + 2500),  # 0,4·2500 = 1000 → 43263
    ],
)
def test_sine_counts_for_forty_percent_in_trede_5_only(tmp_path: Path, sine: int, rung: float, ind: float) -> None:
    data = filled_without_published().set("f", f"{L} 2024", sine)
    frame, _ = computed(build(tmp_path, data))
    assert at(frame, "trede 5", L, 2024).value == pytest.approx(rung)
    assert at(frame, "IND", L, 2024).value == pytest.approx(ind)  # a t/m f counts f fully
    assert bool(at(frame, "trede 5", L, 2024).complete)


def test_published_totals_win_and_the_gap_is_shown(tmp_path: Path) -> None:
    """Published totals kept: the value is the published one, gap = published − computed."""
    data = (renamed()
            .set("d", f"{L} 2024", 500).set("e", f"{L} 2024", 361)
            .set("d", f"{VG} 2024", 2000).set("e", f"{VG} 2024", 1500))
    frame, _ = computed(build(tmp_path, data))

    dgk = at(frame, "DGK", L, 2024)
    # computed 3050 + 29254 + 3000 + 500 + 361 = 36165 = published → gap 0
    assert (dgk.value, dgk.computed, dgk.published, dgk.gap) == pytest.approx((36165, 36165, 36165, 0))

    rung = at(frame, "trede 5", L, 2024)
    # computed 36165 + 485,6 + 6098 = 42748,6; published 42749; gap 0,4
    assert rung.value == 42749 and rung.published == 42749
    assert rung.computed == pytest.approx(42748.6)
    assert rung.gap == pytest.approx(0.4)

    ref = at(frame, "DGK", VG, 2024)
    # computed 14165 + 148663 + 15327 + 2000 + 1500 = 181655; published 182834; gap 1179
    assert ref.computed == pytest.approx(181655)
    assert ref.value == 182834 and ref.gap == pytest.approx(1179)

    ref_rung = at(frame, "trede 5", VG, 2024)
    # DGK's value (published 182834) + 0,4·4967 + 25502 = 182834 + 1986,8 + 25502 = 210322,8
    assert ref_rung.computed == pytest.approx(210322.8)
    assert ref_rung.gap == pytest.approx(210323 - 210322.8)

    # shares use the values: 42749 / 210323 and 36165 / 182834
    assert rung.share_pct == pytest.approx(42749 / 210323 * 100)
    assert dgk.share_pct == pytest.approx(36165 / 182834 * 100)


# --------------------------------------------------------------------------------------------
# one measure changes
# --------------------------------------------------------------------------------------------


def test_changing_one_measure_moves_share_and_evolution(tmp_path: Path) -> None:
    data = (renamed()
            .set("a", f"{L} 2023", 2800).set("a", f"{L} 2024", 3500).set("a", f"{VG} 2024", 14000)
            .set("d", f"{L} 2023", 400).set("e", f"{L} 2023", 314)
            .set("d", f"{L} 2024", 500).set("e", f"{L} 2024", 361)
            .set("d", f"{VG} 2024", 2000).set("e", f"{VG} 2024", 1500)
            .set("DGK", f"{L} 2024", None).set("DGK", f"{VG} 2024", None))
    frame, _ = computed(build(tmp_path, data))

    a = at(frame, "a", L, 2024)
    assert a.value == 3500
    assert a.share_pct == pytest.approx(25.0)  # 3500 / 14000
    assert a.evolution_pct == pytest.approx(25.0)  # 3500 / 2800 − 1
    ref = at(frame, "a", VG, 2024)
    assert ref.evolution_pct == pytest.approx((14000 / 14004 - 1) * 100)  # −0,0286 %
    assert nan(ref.share_pct)  # the reference region has no share in itself

    # DGK 2023 = 2800 + 34480 + 6906 + 400 + 314 = 44900
    assert at(frame, "DGK", L, 2023).value == pytest.approx(44900)
    # DGK 2024 = 3500 + 29254 + 3000 + 500 + 361 = 36615 (450 more than with a = 3050)
    dgk = at(frame, "DGK", L, 2024)
    assert dgk.value == pytest.approx(36615)
    # reference DGK 2024 = 14000 + 148663 + 15327 + 2000 + 1500 = 181490
    assert at(frame, "DGK", VG, 2024).value == pytest.approx(181490)
    assert dgk.share_pct == pytest.approx(36615 / 181490 * 100)
    assert dgk.evolution_pct == pytest.approx((36615 / 44900 - 1) * 100)

    # trede 5 keeps its published 42749; computed 36615 + 485,6 + 6098 = 43198,6; gap −449,6
    rung = at(frame, "trede 5", L, 2024)
    assert rung.value == 42749
    assert rung.computed == pytest.approx(43198.6)
    assert rung.gap == pytest.approx(-449.6)


# --------------------------------------------------------------------------------------------
# years and regions are data
# --------------------------------------------------------------------------------------------


def test_other_years_and_a_third_year(tmp_path: Path) -> None:
    """Limburg 2023, 2024, 2026 (no 2025; 2026 typed first), Vlaams Gewest 2023 … 2026."""
    data = renamed()
    data.add_column(f"{L} 2026", {"a": 3660, "b": 0, **dict.fromkeys("klmnopqrs", 10)},  # 11 figures: more than a
                    at=data.column(f"{L} 2023"))  # handful (issue 27: a stray figure does not make a report year)
    data.add_column(f"{VG} 2025", {"a": 15000})
    data.add_column(f"{VG} 2026", {"a": 18300})
    frame, checked = computed(build(tmp_path, data))
    assert checked.ladder is not None
    settings = checked.ladder.settings
    # defaults: the latest year with figures for both regions, and the one before it with figures for both
    # (Limburg has no 2025: an evolution 2025–2026 would leave every Limburg evolution blank)
    assert (settings.focus, settings.reference, settings.base_year, settings.report_year) == (L, VG, 2024, 2026)

    assert set(frame.year) == {2023, 2024, 2025, 2026}
    assert frame[(frame.region == L) & (frame.year == 2025)].empty
    assert len(frame) == 45 * 7  # 45 rows × 7 region-year columns

    a26 = at(frame, "a", L, 2026)
    assert a26.evolution_pct == pytest.approx(20.0)  # against 2024 (no 2025): 3660 / 3050 − 1
    assert a26.share_pct == pytest.approx(20.0)  # 3660 / 18300
    assert at(frame, "a", VG, 2026).evolution_pct == pytest.approx(22.0)  # 18300 / 15000 − 1
    assert at(frame, "a", VG, 2025).evolution_pct == pytest.approx((15000 / 14165 - 1) * 100)
    assert at(frame, "a", L, 2024).evolution_pct == pytest.approx((3050 / 2977 - 1) * 100)
    assert nan(at(frame, "a", L, 2023).evolution_pct)  # no earlier year
    assert at(frame, "b", L, 2026).evolution_pct == pytest.approx(-100.0)  # 29254 → 0

    c26 = at(frame, "c", L, 2026)
    assert nan(c26.value) and nan(c26.evolution_pct) and not bool(c26.complete)
    dgk = at(frame, "DGK", L, 2026)
    assert nan(dgk.value) and dgk.missing == "c, d, e"
    assert dgk.known_sum == pytest.approx(3660 + 0)  # a + b


def test_same_numbers_under_other_names_give_the_same_hand_results(tmp_path: Path) -> None:
    """Only the column titles change: a few figures recomputed by hand in the renamed table."""
    frame, _ = computed(build(tmp_path, renamed()))
    assert sorted(set(frame.region)) == [L, VG]
    assert sorted(set(frame.year)) == [2023, 2024]
    assert at(frame, "a", L, 2024).share_pct == pytest.approx(3050 / 14165 * 100)
    # trede 4 = k t/m d' = 0 + 1206 + 1507 + 49 + 208 + 3031 + 591 + 125 + 99 + 0 + 0 + 0 + 416
    #          + 34 + 46 + 871 + 159 + 204 + 0 + 0 = 8546 (= published, gap 0)
    rung = at(frame, "trede 4", L, 2024)
    assert rung.computed == pytest.approx(8546) and rung.gap == pytest.approx(0)
    # grand total Vlaams Gewest 2024 is not published: 210323 + 46788 + 6295 = 263406
    total = at(frame, "totaal", VG, 2024)
    assert nan(total.published) and total.value == pytest.approx(263406)
    # COL evolution in Limburg: 6099 → 6098
    assert at(frame, "COL", L, 2024).evolution_pct == pytest.approx((6098 / 6099 - 1) * 100)


# --------------------------------------------------------------------------------------------
# the settings sheet
# --------------------------------------------------------------------------------------------


def three_regions() -> Data:
    """Renamed data plus Antwerpen (a = 1000 in 2023, 1100 in 2024) between Limburg and Vlaams Gewest."""
    data = renamed()
    data.add_column("Antwerpen 2023", {"a": 1000}, at=data.column(f"{VG} 2023"))
    data.add_column("Antwerpen 2024", {"a": 1100}, at=data.column(f"{VG} 2023"))
    return data


def test_settings_default_to_the_table(tmp_path: Path) -> None:
    frame, checked = computed(build(tmp_path, three_regions()))
    assert [(p.location, p.severity.value) for p in checked.problems] == [("Maatregelen!F1", "waarschuwing")]
    assert "'Antwerpen' is geen focus-, referentie- of deelregio van Limburg" in checked.problems[0].message
    assert checked.ladder is not None
    settings = checked.ladder.settings
    # focus: the first region (in column order) that is not the reference
    assert (settings.focus, settings.reference, settings.base_year, settings.report_year) == (L, VG, 2023, 2024)
    assert at(frame, "a", "Antwerpen", 2024).share_pct == pytest.approx(1100 / 14165 * 100)
    assert at(frame, "a", "Antwerpen", 2024).evolution_pct == pytest.approx(10.0)  # 1100 / 1000 − 1


def test_another_focus_region(tmp_path: Path) -> None:
    path = edit_settings(build(tmp_path, three_regions()), {"B2": "Antwerpen"})
    frame, checked = computed(path)
    assert [(p.location, p.severity.value) for p in checked.problems] == [("Maatregelen!D1", "waarschuwing")]
    assert "'Limburg' is geen focus-, referentie- of deelregio van Antwerpen" in checked.problems[0].message
    assert checked.ladder is not None and checked.ladder.settings.focus == "Antwerpen"
    assert at(frame, "a", "Antwerpen", 2024).share_pct == pytest.approx(1100 / 14165 * 100)


def test_another_reference_region(tmp_path: Path) -> None:
    path = edit_settings(build(tmp_path, three_regions()), {"B3": L})
    frame, checked = computed(path)
    assert checked.ladder is not None
    # reference Limburg; focus: the first region that is not Limburg
    assert (checked.ladder.settings.reference, checked.ladder.settings.focus) == (L, "Antwerpen")
    assert at(frame, "a", VG, 2024).share_pct == pytest.approx(14165 / 3050 * 100)
    assert at(frame, "a", "Antwerpen", 2024).share_pct == pytest.approx(1100 / 3050 * 100)
    assert nan(at(frame, "a", L, 2024).share_pct)


def test_years_typed_in_the_settings(tmp_path: Path) -> None:
    """A year typed as a number or as text (the same year twice is refused: see below)."""
    path = edit_settings(build(tmp_path, three_regions()), {"B4": 2023.0, "B5": " 2024 "})
    _, checked = computed(path)
    assert checked.ladder is not None
    assert (checked.ladder.settings.base_year, checked.ladder.settings.report_year) == (2023, 2024)


@pytest.mark.parametrize(
    ("cells", "location", "fragment"),
    [
        ({"B2": "Brussel"}, "Instellingen!B2", "Focusregio 'Brussel'"),
        ({"B3": "Brussel"}, "Instellingen!B3", "Referentieregio 'Brussel'"),
        ({"B2": VG}, "Instellingen!B2", "dezelfde"),
        ({"B2": L, "B3": L}, "Instellingen!B2", "dezelfde"),
        ({"B4": 2019}, "Instellingen!B4", "2019"),  # a year of the shipped table, not of this one
        ({"B5": 2020}, "Instellingen!B5", "2020"),
        ({"B5": "vorig jaar"}, "Instellingen!B5", "geen jaartal"),
        ({"B4": 2024, "B5": 2023}, "Instellingen!B4", "na verslagjaar"),
        ({"B4": 2024, "B5": "2024"}, "Instellingen!B4", "hetzelfde"),
    ],
)
def test_wrong_settings_are_errors_at_their_cell(tmp_path: Path, cells: dict[str, Any], location: str, fragment: str) -> None:
    path = edit_settings(build(tmp_path, three_regions()), cells)
    checked = check_file(path)
    assert checked.ladder is None
    assert location in error_locations(checked)
    assert any(fragment in p.message for p in checked.problems if p.location == location)


def test_table_without_the_default_reference_region(tmp_path: Path) -> None:
    """No 'Vlaams Gewest' in the table: an error at the reference setting, until one is chosen."""
    data = Data.shipped().rename({
        "West-Vlaanderen 2019": f"{L} 2023", "West-Vlaanderen 2020": f"{L} 2024",
        "Vlaams Gewest 2019": "Vlaanderen 2023", "Vlaams Gewest 2020": "Vlaanderen 2024",
    })
    path = build(tmp_path, data)
    checked = check_file(path)
    assert checked.ladder is None
    assert error_locations(checked) == ["Instellingen!B3"]

    frame, checked = computed(edit_settings(path, {"B3": "Vlaanderen"}))
    assert checked.ladder is not None and checked.ladder.settings.focus == L
    assert at(frame, "a", L, 2024).share_pct == pytest.approx(3050 / 14165 * 100)


def test_table_and_settings_errors_are_reported_together(tmp_path: Path) -> None:
    path = edit_settings(build(tmp_path, renamed()), {"B2": "Brussel"})
    book = openpyxl.load_workbook(path, keep_vba=True)
    book["Maatregelen"]["E6"] = "nb"
    book.save(path)
    locations = error_locations(check_file(path))
    assert "Maatregelen!E6" in locations
    assert "Instellingen!B2" in locations


def test_settings_error_without_settings_sheet_has_a_real_location(tmp_path: Path) -> None:
    """No Instellingen sheet and no 'Vlaams Gewest' column: the default reference fails."""
    data = Data.shipped().rename({"Vlaams Gewest 2019": "Vlaanderen 2023", "Vlaams Gewest 2020": "Vlaanderen 2024"})
    path = build(tmp_path, data)
    book = openpyxl.load_workbook(path, keep_vba=True)
    del book["Instellingen"]
    book.save(path)
    (location,) = error_locations(check_file(path))
    # a whole cell address, or a sheet / file name; never a column letter without a row
    assert re.fullmatch(r"[^!]+(![A-Z]+[0-9]+)?", location), location


def test_text_typed_in_a_figure_cell_of_a_workbook(tmp_path: Path) -> None:
    """'nb' typed over a (row 6, Maatregelen column E = Limburg 2024) is an error at E6."""
    path = build(tmp_path, renamed())
    book = openpyxl.load_workbook(path, keep_vba=True)
    book["Maatregelen"]["E6"] = "nb"
    book["Maatregelen"]["E7"] = "29.254"  # b as Dutch text: a warning, read as 29254
    book.save(path)
    checked = check_file(path)
    assert checked.ladder is None
    assert error_locations(checked) == ["Maatregelen!E6"]
    assert any(p.location == "Maatregelen!E7" and p.severity is Severity.WARNING for p in checked.problems)


# --------------------------------------------------------------------------------------------
# blank is no data, 0 is a count
# --------------------------------------------------------------------------------------------


def without_published_dl_trede4_total(w: int | None) -> Data:
    """w in Limburg 2024 set to ``w`` (None: empty), published DL, trede 4 and totaal removed there."""
    data = renamed().set("w", f"{L} 2024", w)
    for code in ("DL", "trede 4", "totaal"):
        data.set(code, f"{L} 2024", None)
    return data


def test_an_empty_measure_makes_its_aggregates_incomplete(tmp_path: Path) -> None:
    frame, _ = computed(build(tmp_path, without_published_dl_trede4_total(None)))
    w = at(frame, "w", L, 2024)
    assert nan(w.value) and not bool(w.complete) and w.missing == "w"

    dl = at(frame, "DL", L, 2024)
    assert nan(dl.value) and nan(dl.computed) and not bool(dl.complete)
    assert dl.missing == "w"
    assert dl.known_sum == pytest.approx(0 + 0 + 0 + 34 + 46)  # t + u + v + x + y = 80

    rung = at(frame, "trede 4", L, 2024)
    assert nan(rung.value) and rung.missing == "w"
    assert rung.known_sum == pytest.approx(8546 - 416)  # 8130

    total = at(frame, "totaal", L, 2024)
    assert nan(total.value) and total.missing == "w"
    # trede 5 (published 42749) + trede 4 known 8130 + trede 3 (published 1495) = 52374
    assert total.known_sum == pytest.approx(52374)
    assert nan(at(frame, "trede 3", L, 2024).distribution_pct)  # no grand total to divide by

    # the reference region is untouched: DL = 0 + 0 + 0 + 1871 + 212 + 360 = 2443 = published
    ref = at(frame, "DL", VG, 2024)
    assert bool(ref.complete) and ref.computed == pytest.approx(2443) and ref.gap == pytest.approx(0)


def test_a_zero_measure_keeps_its_aggregates_complete(tmp_path: Path) -> None:
    frame, _ = computed(build(tmp_path, without_published_dl_trede4_total(0)))
    w = at(frame, "w", L, 2024)
    assert w.value == 0 and bool(w.complete) and w.missing == ""

    dl = at(frame, "DL", L, 2024)
    assert bool(dl.complete) and dl.missing == ""
    assert dl.value == pytest.approx(80)  # 0 + 0 + 0 + 0 + 34 + 46

    rung = at(frame, "trede 4", L, 2024)
    assert bool(rung.complete) and rung.value == pytest.approx(8130)  # 8546 − 416

    total = at(frame, "totaal", L, 2024)
    assert bool(total.complete) and total.value == pytest.approx(52374)  # 42749 + 8130 + 1495
    assert at(frame, "trede 3", L, 2024).distribution_pct == pytest.approx(1495 / 52374 * 100)
    assert at(frame, "trede 4", L, 2024).distribution_pct == pytest.approx(8130 / 52374 * 100)


def test_evolution_and_share_rules_around_zero(tmp_path: Path) -> None:
    data = (renamed()
            .set("g", f"{L} 2023", 0).set("g", f"{L} 2024", 0)        # 0 → 0
            .set("i", f"{L} 2023", 5771).set("i", f"{L} 2024", 0)     # x → 0
            .set("j", f"{L} 2023", 0).set("j", f"{L} 2024", 22)       # 0 → x
            .set("a'", f"{L} 2023", None).set("a'", f"{L} 2024", 159)  # no data → x
            .set("c'", f"{L} 2023", 0).set("c'", f"{L} 2024", None)   # 0 → no data
            .set("c'", f"{VG} 2024", 2)
            .set("d'", f"{L} 2024", 0).set("d'", f"{VG} 2024", 0))
    frame, _ = computed(build(tmp_path, data))
    assert at(frame, "g", L, 2024).evolution_pct == 0.0
    assert at(frame, "i", L, 2024).evolution_pct == -100.0
    assert nan(at(frame, "j", L, 2024).evolution_pct)
    assert nan(at(frame, "a'", L, 2024).evolution_pct)
    assert nan(at(frame, "c'", L, 2024).evolution_pct)
    # shares: 0 of a reference of 0 is no share; a share of an empty cell is none either
    assert nan(at(frame, "d'", L, 2024).share_pct)
    assert nan(at(frame, "c'", L, 2024).share_pct)
    assert at(frame, "g", L, 2024).share_pct == 0.0  # 0 / 2385


# --------------------------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------------------------


def test_cli_compute_json_on_a_modified_copy(tmp_path: Path) -> None:
    data = renamed().set("d", f"{L} 2024", 1000).set("e", f"{L} 2024", 361).set("DGK", f"{L} 2024", None)
    path = build(tmp_path, data)
    result = cli("compute", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 45 * 4
    assert list(records[0]) == [*FIELDS, "printed", "source"]  # the contract's fields, then the catalogue's
    (dgk,) = [r for r in records if r["code"] == "DGK" and r["region"] == L and r["year"] == 2024]
    # 3050 + 29254 + 3000 + 1000 + 361 = 36665
    assert dgk["value"] == pytest.approx(36665)
    assert dgk["computed"] == pytest.approx(36665)
    assert dgk["published"] is None and dgk["gap"] is None
    assert dgk["complete"] is True and dgk["missing"] == ""
    assert dgk["trede"] == 5 and dgk["kind"] == "aggregaat"
    assert dgk["printed"] == "36.665" and dgk["source"].startswith("berekend: a + b + c + d + e = ")
    (a,) = [r for r in records if r["code"] == "a" and r["region"] == L and r["year"] == 2024]
    assert a["share_pct"] == pytest.approx(3050 / 14165 * 100)
    assert a["evolution_pct"] == pytest.approx((3050 / 2977 - 1) * 100)


def test_cli_check_reports_errors_with_their_cell(tmp_path: Path) -> None:
    data = renamed().set_formula("DGK", "a + b + c + d + XYZ").set("a", f"{L} 2024", -5)
    path = build(tmp_path, data)
    result = cli("check", str(path))
    assert result.returncode == 1
    assert "Maatregelen!C4" in result.stderr  # DGK's formula: row 4, column C
    assert "'XYZ'" in result.stderr
    assert "Maatregelen!E6" in result.stderr  # a, Limburg 2024: row 6, column E
    assert "2 fout(en)" in result.stdout

    computed_run = cli("compute", str(path), "--format", "json")
    assert computed_run.returncode == 1
    assert computed_run.stdout == ""
    assert "Maatregelen!C4" in computed_run.stderr


def test_cli_check_passes_with_only_a_warning(tmp_path: Path) -> None:
    path = build(tmp_path, renamed())
    book = openpyxl.load_workbook(path, keep_vba=True)
    book["Maatregelen"]["E6"] = "3.050"  # a typed as Dutch text
    book.save(path)
    result = cli("check", str(path))
    assert result.returncode == 0, result.stderr
    assert "Maatregelen!E6: waarschuwing" in result.stderr
    assert "0 fout(en), 1 waarschuwing(en)" in result.stdout
