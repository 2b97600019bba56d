"""The publication's panels (regions, trend, trede 3 by sector, context ratios) as the refresh writes them.

Read back from the shipped, refreshed workbook; expected values from tests/reference.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import python_calamine as calamine

from .conftest import SHIPPED, read_reference
from .helpers import by_label

HALF = 0.05 + 1e-9
"""Printed percentages have one decimal."""


@pytest.fixture(scope="module")
def sheets() -> dict[str, list[list[Any]]]:
    book = calamine.CalamineWorkbook.from_path(str(SHIPPED))
    found = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
             for name in ("Regio's", "Trend", "Trede 3")}
    book.close()
    return found


def test_regions(sheets: dict[str, list[list[Any]]]) -> None:
    """Every count and share of the regional panel: places, salaried employment, job seekers."""
    rows = by_label(sheets["Regio's"])
    checked, printed = 0, 0
    columns = ("kansengroepen_t543", "bezoldigde_tewerkstelling", "wzw", "kansengroepen_share_pct",
               "bezoldigde_share_pct", "wzw_share_pct")
    for ref in read_reference("regions.csv"):
        printed += sum(1 for column in columns if ref[column])
        label = {"Som regio's": "Som van de regio's"}.get(ref["region"], ref["region"])
        row = rows[label]
        for column, index in (("kansengroepen_t543", 1), ("bezoldigde_tewerkstelling", 2), ("wzw", 3)):
            if ref[column]:
                assert row[index] == float(ref[column]), (label, column)
                checked += 1
        for column, index in (("kansengroepen_share_pct", 4), ("bezoldigde_share_pct", 5), ("wzw_share_pct", 6)):
            if ref[column]:
                assert abs(row[index] * 100 - float(ref[column])) <= HALF, (label, column, row[index])
                checked += 1
    print(f"\nregional panel: {checked} figures reproduced")
    assert checked == printed == 38  # 22 counts and the 16 printed regional shares
    # places per 100 salaried jobs, by hand: 11.044 / 107.759 × 100 = 10,25; province 52.790 / 438.131 × 100 = 12,05
    assert rows["Brugge"][7] == pytest.approx(11044 / 107759 * 100)
    assert rows["West-Vlaanderen"][7] == pytest.approx(52790 / 438131 * 100)
    notes = [row[0] for row in sheets["Regio's"] if row and str(row[0]).startswith("De som van de regio's")]
    assert notes == ["De som van de regio's (52.788) wijkt af van het totaal van West-Vlaanderen (52.790): verschil -2."]


def test_trend(sheets: dict[str, list[list[Any]]]) -> None:
    """2014 and 2018 totals of the press text with their shares of Flanders; 2020 with the context ratios."""
    grid = sheets["Trend"]
    header = [" ".join(part for part in pair if part) for pair in zip(grid[2], grid[3], strict=True)]  # titles on two lines
    table = list(itertools.takewhile(lambda row: isinstance(row[0], float), grid[4:]))  # the chart's data follow
    rows = {int(row[0]): dict(zip(header, row, strict=True)) for row in table}
    assert list(rows) == [2014, 2018, 2019, 2020]
    total, share, ratio = "Totaal West-Vlaanderen", "Aandeel in Vlaams Gewest", "In % van de loontrekkenden"
    assert rows[2014][total] == 55706 and abs(rows[2014][share] * 100 - 19.9) <= HALF
    assert rows[2014]["Bron aandeel"] == "gepubliceerd"
    assert rows[2018][total] == 57302 and abs(rows[2018][share] * 100 - 20.5) <= HALF  # 57.302 / 279.529
    assert abs(rows[2018][ratio] * 100 - 13.5) <= HALF  # 57.302 / 425.462
    assert [rows[2018][f"Trede {n}"] for n in (5, 4, 3)] == [45119, 10728, 1454]
    assert rows[2019][total] == "" and "onvolledig" in rows[2019]["Opmerking"]
    assert rows[2020][total] == 52790 and abs(rows[2020][share] * 100 - 20.0) <= HALF
    assert abs(rows[2020][ratio] * 100 - 12.0) <= HALF  # 52.790 / 438.131
    assert rows[2020]["Totaal Vlaams Gewest"] == 263406  # 11,1% of 2.382.023 in the publication
    assert abs(263406 / 2382023 * 100 - 11.1) <= HALF
    # evolution 2014 → 2018 by hand: 57.302 / 55.706 − 1 = +2,87 %
    assert rows[2018]["Evolutie"] == pytest.approx(57302 / 55706 - 1)


def test_trede_3_by_sector(sheets: dict[str, list[list[Any]]]) -> None:
    rows = by_label(sheets["Trede 3"])
    checked = 0
    for ref in read_reference("trede3_sectors.csv"):
        row = rows["Totaal" if ref["row_type"] == "total" else ref["sector"]]
        assert (row[1], row[2]) == (float(ref["wvl_2020"]), float(ref["vg_2020"]))
        for column, index in (("wvl_pct", 3), ("vg_pct", 4)):
            if ref[column]:
                assert abs(row[index] * 100 - float(ref[column])) <= HALF, (ref["sector"], column)
                checked += 1
    assert checked == 10
    assert rows["Trede 3 in de tabel Maatregelen"][1:3] == [1495, 6295]  # the sectors add up to trede 3


def test_context_ratios_in_the_reference() -> None:
    """The context figures the panels use are those of context.csv (12,0 % of 438.131; 11,1 %; 13,5 %)."""
    context = {(r["id"], r["region"], r["date"][:4]): r["value"] for r in read_reference("context.csv")}
    assert float(context[("kansengroepen_pct_loontrekkenden", "WVL", "2020")]) == 12.0
    assert abs(52790 / float(context[("loontrekkenden", "WVL", "2019")]) * 100 - 12.0) <= HALF
    assert abs(263406 / float(context[("loontrekkenden", "VG", "2019")]) * 100 - 11.1) <= HALF
    assert abs(57302 / float(context[("loontrekkenden", "WVL", "2018")]) * 100 - 13.5) <= HALF
