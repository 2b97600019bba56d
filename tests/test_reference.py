"""Every figure of the publication's main table that follows from the inputs, from the shipped workbook.

Expected values come from ``tests/reference`` (checked against the publication), never from
the code under test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from xl_ladder.shell.workflow import check_file
from xl_ladder.values import round_half_up

from .conftest import SHIPPED, read_reference

FOCUS, REF = "West-Vlaanderen", "Vlaams Gewest"
COUNTS = {"wvl_2019": (FOCUS, 2019), "wvl_2020": (FOCUS, 2020), "vg_2019": (REF, 2019), "vg_2020": (REF, 2020)}
SHARES = {"share_2019_pct": 2019, "share_2020_pct": 2020}
EVOLUTIONS = {"evo_wvl_pct": FOCUS, "evo_vg_pct": REF}
TOLERANCE = 0.05 + 1e-9
"""Printed percentages have one decimal: the exact value lies within half a unit of the print."""


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    checked = check_file(SHIPPED)
    assert checked.problems == []
    assert checked.ladder is not None
    return checked.ladder.tidy()


@pytest.fixture(scope="module")
def measures() -> list[dict[str, str]]:
    return read_reference("measures.csv")


def cell(tidy: pd.DataFrame, row: int, region: str, year: int) -> pd.Series:
    """The tidy record of table row ``row`` (1-based), region and year."""
    found = tidy[(tidy["row"] == row) & (tidy["region"] == region) & (tidy["year"] == year)]
    assert len(found) == 1
    return found.iloc[0]


def test_rows_in_publication_order(tidy: pd.DataFrame, measures: list[dict[str, str]]) -> None:
    rows = tidy.drop_duplicates("row").sort_values("row")
    assert list(rows["label"]) == [m["label"] for m in measures]
    measure_codes = [m["code"] for m in measures if m["kind"] == "measure"]
    assert list(rows[rows["kind"] == "maatregel"]["code"]) == measure_codes


def test_every_figure_of_the_table(tidy: pd.DataFrame, measures: list[dict[str, str]]) -> None:
    reproduced, wrong = 0, []
    for number, ref in enumerate(measures, start=1):
        for column, (region, year) in COUNTS.items():
            if ref[column]:
                got = cell(tidy, number, region, year)["value"]
                ok = not math.isnan(got) and round_half_up(got) == int(ref[column])
                reproduced += ok
                wrong += [] if ok else [(ref["id"], column, ref[column], got)]
        for column, year in SHARES.items():
            if ref[column]:
                got = cell(tidy, number, FOCUS, year)["share_pct"]
                ok = abs(got - float(ref[column])) <= TOLERANCE
                reproduced += ok
                wrong += [] if ok else [(ref["id"], column, ref[column], got)]
        for column, region in EVOLUTIONS.items():
            if ref[column]:
                got = cell(tidy, number, region, 2020)["evolution_pct"]
                ok = abs(got - float(ref[column])) <= TOLERANCE
                reproduced += ok
                wrong += [] if ok else [(ref["id"], column, ref[column], got)]
    print(f"\nreproduced {reproduced} figures of measures.csv")
    assert wrong == []
    assert reproduced == sum(1 for ref in measures for c in [*COUNTS, *SHARES, *EVOLUTIONS] if ref[c])


def test_derived_totals_are_computed_not_typed(tidy: pd.DataFrame, measures: list[dict[str, str]]) -> None:
    """Figures the reference derives (provenance D) are empty in the workbook and computed by the tool."""
    derived = 0
    for number, ref in enumerate(measures, start=1):
        if ref["kind"] != "aggregate":
            continue
        for position, (column, (region, year)) in enumerate(COUNTS.items()):
            if ref["provenance"][position] == "D":
                record = cell(tidy, number, region, year)
                assert math.isnan(record["published"])
                assert record["computed"] == int(ref[column])
                derived += 1
    assert derived == 9  # CM, WPI, DOOR 2019 (×2 regions), k group 2020 (×2), VG total 2020


def test_forty_percent_of_sine(tidy: pd.DataFrame) -> None:
    """Trede 5 = doelgroepkortingen + 40 % SINE + collectief: 36.165 + 0,4·1.214 + 6.098 = 42.748,6."""
    wvl = tidy[(tidy["code"] == "trede 5") & (tidy["year"] == 2020)].set_index("region")
    assert wvl.loc[FOCUS, "computed"] == pytest.approx(36165 + 0.4 * 1214 + 6098)
    assert wvl.loc[REF, "computed"] == pytest.approx(182834 + 0.4 * 4967 + 25502)
    assert round_half_up(wvl.loc[FOCUS, "computed"]) == 42749
    assert round_half_up(wvl.loc[REF, "computed"]) == 210323


RUNG_CODES = {"T5": "trede 5", "T5_IND": "IND", "DGK": "DGK", "T5_COL": "COL", "CM": "CM", "WPI": "WPI",
              "DL": "DL", "DOOR": "DOOR", "T4": "trede 4", "T3": "trede 3", "TOTAL": "totaal"}
REGION = {"WVL": FOCUS, "VG": REF}


def test_rung_totals(tidy: pd.DataFrame) -> None:
    """Sums, gaps, missing parts and the distribution over the rungs, as in rung_totals.csv.

    Only decompositions written with the workbook's own formulas are compared (the reference
    also lists alternative decompositions, e.g. the naive individueel + collectief).
    """
    checked = 0
    for ref in read_reference("rung_totals.csv"):
        code = RUNG_CODES.get(ref["group_id"])
        if code is None or ref["components"].startswith("ctx:"):
            continue  # groups outside the main table, or the 2018 press text (context figures)
        record = tidy[(tidy["code"] == code) & (tidy["region"] == REGION[ref["region"]]) & (tidy["year"] == int(ref["year"]))]
        assert len(record) == 1
        got = record.iloc[0]
        if ref["status"] == "incomplete":
            assert not got["complete"]
            assert got["missing"].split(", ") == ref["unknown_components"].split(";")
            if ref["known_partial_sum"]:
                assert got["known_sum"] == float(ref["known_partial_sum"])
            checked += 1
        elif ref["component_sum"] and got["complete"] and abs(got["computed"] - float(ref["component_sum"])) < 1e-6:
            if ref["printed_total"]:
                assert got["published"] == float(ref["printed_total"])
            checked += 1
        if ref["pct_of_total_printed"]:
            assert abs(got["distribution_pct"] - float(ref["pct_of_total_printed"])) <= TOLERANCE
            checked += 1
    print(f"\nchecked {checked} rung-total facts")
    assert checked >= 30


def test_published_differs_from_sum(tidy: pd.DataFrame) -> None:
    """Collectieve inschakeling 2020: 6.098 printed, 6.102 summed (h missing); VG 25.502 against 25.531."""
    col = tidy[(tidy["code"] == "COL") & (tidy["year"] == 2020)].set_index("region")
    assert col.loc[FOCUS, "published"] == 6098
    assert col.loc[FOCUS, "known_sum"] == 297 + 5783 + 22
    assert col.loc[FOCUS, "missing"] == "h"
    assert col.loc[REF, "computed"] == 2385 + 0 + 23018 + 128
    assert col.loc[REF, "gap"] == 25502 - 25531
    assert col.loc[REF, "value"] == 25502
