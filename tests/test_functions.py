"""Worksheet functions as plain Python: the publication's figures, the refresh's numbers, Dutch errors."""

from __future__ import annotations

import ast
import math
from pathlib import Path
from typing import Any

import pytest
import python_calamine as calamine

from xl_ladder import functions
from xl_ladder.adapters import lite_bundle, udfs

from .conftest import SHIPPED, read_reference
from .stored_formulas import same_cells, stored_calls

WVL, VG = "West-Vlaanderen", "Vlaams Gewest"


def table_range(path: Path = SHIPPED) -> list[list[Any]]:
    """The Maatregelen table as Excel hands it to a UDF: header row first, empty cells as None."""
    book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
    table = book.get_table_by_name("Maatregelen")
    rows = [list(table.columns)] + [[None if v == "" else v for v in row] for row in table.to_python()]
    book.close()
    return rows


@pytest.fixture(scope="module")
def table() -> list[list[Any]]:
    return table_range()


def test_value_with_the_forty_percent_rule(table: list[list[Any]]) -> None:
    # 36.165 + 0,4 × 1.214 + 6.098 = 42.748,6 (doelgroepkortingen, SINE, collectieve inschakeling)
    assert udfs.LADDER_WAARDE("DGK + 40% f + COL", WVL, 2020, table) == pytest.approx(42748.6)
    assert udfs.LADDER_WAARDE("DGK + 40% f + COL", VG, 2020.0, table) == pytest.approx(182834 + 0.4 * 4967 + 25502)
    # a t/m c = 3.050 + 29.254 + 3.000
    assert udfs.LADDER_WAARDE("a t/m c", WVL, 2020, table) == 35304
    # the publication's grand total: 42.749 + 8.546 + 1.495
    assert udfs.LADDER_WAARDE("trede 5 + trede 4 + trede 3", WVL, 2020, table) == 52790
    assert udfs.LADDER_WAARDE("e’ + f’", VG, "2020", table) == 4463 + 1832


def test_incomplete_and_bad_arguments_are_dutch_text(table: list[list[Any]]) -> None:
    assert udfs.LADDER_WAARDE("a t/m e", WVL, 2020, table) == "#FOUT: onvolledig, ontbreekt: d, e"
    assert udfs.LADDER_WAARDE("a +", WVL, 2020, table).startswith("#FOUT: formule 'a +': op positie 4 verwacht een code")
    assert "onbekende code 'q2'" in udfs.LADDER_WAARDE("q2", WVL, 2020, table)
    assert "geen kolom 'Brussel 2020'" in udfs.LADDER_WAARDE("a", "Brussel", 2020, table)
    assert udfs.LADDER_WAARDE("a", WVL, "vorig jaar", table) == "#FOUT: 'vorig jaar' is geen jaartal"
    assert udfs.LADDER_WAARDE("a", WVL, 2020, [["Code"]]).startswith("#FOUT: geef de tabel Maatregelen")
    assert udfs.LADDER_EVOLUTIE("k", WVL, 2019, 2020, table) == "#FOUT: onvolledig, ontbreekt: k"


def test_shares_and_evolutions_of_the_publication(table: list[list[Any]]) -> None:
    """Every printed share and evolution of a coded row, through the worksheet functions."""
    checked, printed = 0, 0
    codes = {"T5": "trede 5", "T4": "trede 4", "T3": "trede 3", "TOTAL": "totaal", "T5_COL": "COL"}
    for ref in read_reference("measures.csv"):
        code = ref["code"] or codes.get(ref["id"])
        printed += sum(1 for c in ("share_2019_pct", "share_2020_pct", "evo_wvl_pct", "evo_vg_pct") if ref[c])
        if not code:
            continue
        for column, year in (("share_2019_pct", 2019), ("share_2020_pct", 2020)):
            if ref[column]:
                got = udfs.LADDER_AANDEEL(code, year, table)
                assert abs(got * 100 - float(ref[column])) <= 0.05 + 1e-9, (code, column, got)
                checked += 1
        for column, region in (("evo_wvl_pct", WVL), ("evo_vg_pct", VG)):
            if ref[column]:
                got = udfs.LADDER_EVOLUTIE(code, region, 2019, 2020, table)
                assert abs(got * 100 - float(ref[column])) <= 0.05 + 1e-9, (code, column, got)
                checked += 1
    print(f"\nworksheet functions reproduce {checked} of the {printed} printed shares and evolutions")
    assert checked == printed  # every printed share and evolution belongs to a coded row


def test_share_with_other_regions(table: list[list[Any]]) -> None:
    # reversed roles: Flanders in West-Flanders cannot be (issue 27: the focus is part of the reference)
    assert "verwisseld?" in udfs.LADDER_AANDEEL("a", 2020, table, VG, WVL)
    assert "Vlaanderen" in udfs.LADDER_AANDEEL("a", 2020, table, None, "Vlaanderen")


def test_whole_ladder_equals_the_refreshed_sheet(table: list[list[Any]]) -> None:
    """LADDER_TABEL gives exactly what the refresh wrote on the Ladder sheet (rows 4 onwards)."""
    book = calamine.CalamineWorkbook.from_path(str(SHIPPED))
    sheet = book.get_sheet_by_name("Ladder").to_python(skip_empty_area=False)
    book.close()
    result = udfs.LADDER_TABEL(table)
    assert len(result) == 2 + 45
    for r, row in enumerate(result):
        written = sheet[3 + r]
        for c, value in enumerate(row):
            expected = written[c]
            if isinstance(value, float):
                assert isinstance(expected, float) and math.isclose(value, expected, rel_tol=1e-12), (r, c)
            else:
                assert value == expected, (r, c)


def test_value_equals_the_refresh_for_every_coded_row(table: list[list[Any]]) -> None:
    """For every code, region and year: the function's value is the value the refresh uses."""
    ladder = functions.ladder_of(table)
    compared = 0
    for i, row in enumerate(ladder.table.rows):
        for k, (region, year) in enumerate(ladder.table.columns):
            if row.code and not math.isnan(ladder.value[i, k]):
                assert udfs.LADDER_WAARDE(row.code, region, year, table) == pytest.approx(ladder.value[i, k])
                compared += 1
    assert compared > 100


def test_the_table_is_parsed_once_for_many_formulas(table: list[list[Any]]) -> None:
    before = functions.cache_info()
    for year in (2019, 2020) * 250:
        udfs.LADDER_WAARDE("g t/m j", VG, year, [list(row) for row in table])
    after = functions.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 499


def test_function_wizard_help() -> None:
    """Every function is declared for Excel with its category, a docstring and help for each argument.

    xlwings attaches this metadata only on Windows, so the declarations are read from the source.
    """
    tree = ast.parse(Path(udfs.__file__).read_text(encoding="utf-8"))
    functions_found = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [f.name for f in functions_found] == ["LADDER_WAARDE", "LADDER_AANDEEL", "LADDER_EVOLUTIE",
                                                 "LADDER_VERHOUDING", "LADDER_TABEL"]
    for function in functions_found:
        decorators = {ast.unparse(d.func): d for d in function.decorator_list if isinstance(d, ast.Call)}
        assert ast.unparse(decorators["xw.func"]) == "xw.func(category=CATEGORY)"
        documented = {ast.literal_eval(d.args[0]) for d in function.decorator_list
                      if isinstance(d, ast.Call) and ast.unparse(d.func) == "xw.arg" and any(k.arg == "doc" for k in d.keywords)}
        assert documented == {a.arg for a in function.args.args}, function.name
        assert ast.get_docstring(function)


def test_ratio_to_a_context_figure(table: list[list[Any]]) -> None:
    """12,0 % = 52.790 / 438.131 loontrekkenden; 11,1 % for Flanders (263.406 / 2.382.023)."""
    book = calamine.CalamineWorkbook.from_path(str(SHIPPED), load_tables=True)
    found = book.get_table_by_name("Context")
    context = [list(found.columns)] + [[None if v == "" else v for v in row] for row in found.to_python()]
    book.close()
    assert abs(udfs.LADDER_VERHOUDING("totaal", "loontrekkenden", WVL, 2020, table, context) * 100 - 12.0) <= 0.05
    assert abs(udfs.LADDER_VERHOUDING("totaal", "loontrekkenden", VG, 2020, table, context) * 100 - 11.1) <= 0.05
    assert udfs.LADDER_VERHOUDING("totaal", "wzw", WVL, 2020, table, context) == pytest.approx(52790 / 32349)
    assert "geen cijfer 'bevolking' voor West-Vlaanderen 2019" in udfs.LADDER_VERHOUDING(
        "trede 3", "bevolking", WVL, 2019, table, context)


def test_every_vba_path_function_is_called_from_a_bare_name_cell() -> None:
    """Formules stores the VBA path's calls as Excel stores a VBA function's: by its bare name."""
    bare = {call.name for call in stored_calls(SHIPPED, "Formules") if not call.name.startswith("_")}
    assert bare == set(lite_bundle.functions())  # the functions udfs declares with xw.func


def test_vba_path_cells_cache_what_the_functions_compute() -> None:
    """What each bare-name cell shows before Excel recalculates it is what xlwings' COM server will
    return: the function called with the ranges as Excel hands them over (a dynamic array: the whole range)."""
    book = calamine.CalamineWorkbook.from_path(str(SHIPPED), load_tables=True)
    tables = {}
    for name in ("Maatregelen", "Context"):
        found = book.get_table_by_name(name)
        tables[name] = [list(found.columns)] + [[None if v == "" else v for v in row] for row in found.to_python()]
    book.close()
    calls = [call for call in stored_calls(SHIPPED, "Formules") if not call.name.startswith("_")]
    for call in calls:
        result = getattr(udfs, call.name)(*call.resolved(tables))
        assert same_cells(result if isinstance(result, list) else [[result]], call.cached), call.address
    assert len(calls) == 7
