"""The workbook without a local Python: what xlwings Lite reads from the shipped package, run on CPython.

``main.py`` and ``requirements.txt`` are read out of the shipped workbook and executed in a separate
interpreter with ``XLWINGS_ON_SERVER=true`` (as in Lite's runtime), where the installed xl_ladder,
python-calamine, XlsxWriter, openpyxl and defusedxml cannot be imported: the workbook must carry
everything itself. xlwings' own ``custom_scripts_call`` / ``custom_functions_call`` run the button
script and the worksheet functions as the runtime does.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import xlwings as xw
from defusedxml import ElementTree

from xl_ladder.adapters import lite, lite_bundle
from xl_ladder.sheet_names import NAMES
from xl_ladder.shell.workflow import refresh_file

from . import libreoffice, remote_book
from .conftest import SHIPPED, read_reference
from .helpers import file_values, lite_properties, said, same
from .raw_cells import sheet_part
from .stored_formulas import StoredCall, same_cells, stored_calls

WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
RESULT_SHEETS = NAMES
CHARTS = {"Publicatie": ["Grafiek publicatie"], "Treden": ["Grafiek treden"], "Trend": ["Grafiek trend"]}
RUNTIME_ACTIONS = {line.strip() for line in (Path(__file__).parent / "lite_runtime_actions.txt").read_text().splitlines()
                   if line.strip() and not line.startswith("#")}
WVL, VG = "West-Vlaanderen", "Vlaams Gewest"

RUNNER = r'''
import asyncio, importlib.abc, json, sys, types

BLOCKED = ("xl_ladder", "python_calamine", "xlsxwriter", "openpyxl", "defusedxml", "pandas")


class Blocked(importlib.abc.MetaPathFinder):
    """Nothing outside the workbook and its requirements.txt (xlwings, numpy): the installed package,
    the file libraries and pandas are out of reach."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"not available inside xlwings Lite: {name}")
        return None


sys.meta_path.insert(0, Blocked())
job = json.load(sys.stdin)
import xlwings as xw
import xlwings.server

xw.__version__ = job.get("xlwings_version") or xw.__version__  # to play an older release of Lite's xlwings

main = types.ModuleType("main")
sys.modules["main"] = main
exec(compile(job["main"], "main.py", "exec"), main.__dict__)


async def run():
    book = xw.Book(json=job["payload"])
    if job["script"]:
        book = await xlwings.server.custom_scripts_call(module=main, script_name=job["script"],
                                                        typehint_to_value={xw.Book: book})
    results = []
    for call in job["calls"]:
        data = {"func_name": call[0], "args": call[1], "version": xw.__version__, "client": "Office.js",
                "runtime": "1.4", "caller_address": "Formules!C5"}
        results.append(await xlwings.server.custom_functions_call(data, main))
    return book.json(), results


actions, results = asyncio.run(run())
json.dump({"actions": actions, "results": results, "on_server": xw.on_server,
           "scripts": xlwings.server.custom_scripts_meta(main),
           "functions": xlwings.server.custom_functions_meta(main),
           "modules": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)}, sys.stdout, default=str)
'''


def cell(value: Any) -> list[list[Any]]:
    """A worksheet-function argument as Excel hands it to Lite: always a matrix."""
    return value if isinstance(value, list) else [[value]]


def as_excel_range(path: Path, name: str) -> list[list[Any]]:
    """An Excel table with its header, as a range argument: empty cells as empty strings."""
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path), load_tables=True)
    table = book.get_table_by_name(name)
    rows = [list(table.columns)] + [list(row) for row in table.to_python()]
    book.close()
    return rows


def run_in_lite(payload: dict[str, Any], calls: list[tuple[str, list[Any]]], script: str | None = "vernieuwen",
                main: str | None = None, xlwings_version: str | None = None) -> dict[str, Any]:
    """Run ``main.py`` of the shipped workbook in a fresh interpreter, as Lite would, on ``payload``."""
    job = {"main": main or lite_properties()["main.py"], "payload": payload, "script": script,
           "calls": [(name, [cell(a) for a in args]) for name, args in calls], "xlwings_version": xlwings_version}
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    result = subprocess.run([sys.executable, "-c", RUNNER], input=json.dumps(job, default=str), capture_output=True,
                            text=True, env=env, cwd="/", timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def publication_calls(table: list[list[Any]]) -> tuple[list[tuple[str, list[Any]]], list[tuple[float, float]]]:
    """Every printed count, share and evolution of a coded row as a worksheet-function call, with the
    printed figure and its tolerance (counts exact; percentages within half a printed decimal)."""
    codes = {"T5": "trede 5", "T4": "trede 4", "T3": "trede 3", "TOTAL": "totaal", "T5_COL": "COL"}
    calls, expected = [], []
    for ref in read_reference("measures.csv"):
        code = ref["code"] or codes.get(ref["id"])
        if not code:
            continue
        for column, region, year in (("wvl_2019", WVL, 2019), ("wvl_2020", WVL, 2020),
                                     ("vg_2019", VG, 2019), ("vg_2020", VG, 2020)):
            if ref[column]:
                calls.append(("LADDER_WAARDE", [code, region, year, table]))
                expected.append((float(ref[column]), 0.5 if ref["kind"] == "aggregate" else 0.0))
        for column, year in (("share_2019_pct", 2019), ("share_2020_pct", 2020)):
            if ref[column]:
                calls.append(("LADDER_AANDEEL", [code, year, table]))
                expected.append((float(ref[column]) / 100, 0.0005))
        for column, region in (("evo_wvl_pct", WVL), ("evo_vg_pct", VG)):
            if ref[column]:
                calls.append(("LADDER_EVOLUTIE", [code, region, 2019, 2020, table]))
                expected.append((float(ref[column]) / 100, 0.0005))
    return calls, expected


@pytest.fixture(scope="module")
def lite_run() -> dict[str, Any]:
    """One Lite run on the shipped workbook: the button script, then every worksheet-function call."""
    table = as_excel_range(SHIPPED, "Maatregelen")
    context = as_excel_range(SHIPPED, "Context")
    calls, expected = publication_calls(table)
    calls += [("LADDER_VERHOUDING", ["totaal", "loontrekkenden", WVL, 2020, table, context]),
              ("LADDER_VERHOUDING", ["totaal", "loontrekkenden", VG, 2020, table, context]),
              ("LADDER_TABEL", [table]),
              ("LADDER_WAARDE", ["a t/m e", WVL, 2020, table])]
    run = run_in_lite(remote_book.payload(SHIPPED, CHARTS), calls)
    run["expected"] = expected
    return run


def test_main_py_and_requirements_are_in_the_workbook() -> None:
    properties = lite_properties()
    assert list(properties) == ["main.py", "pyodideVersion", "addinVersion", "requirements.txt"]  # as Lite saves them
    assert properties["requirements.txt"] == lite_bundle.requirements_txt()
    assert properties["pyodideVersion"] == lite_bundle.PYODIDE_VERSION
    assert properties["addinVersion"] == lite_bundle.ADDIN_VERSION
    assert properties["main.py"] == lite_bundle.main_py()  # generated from the package as it is now
    print(f"\nmain.py: {len(properties['main.py'].encode())} bytes, {len(lite_bundle.embedded_modules())} modules")


def test_requirements_keep_the_lines_lite_marks_required() -> None:
    """lite-verplichte-regels: as every public Lite-saved requirements.txt (amararun/xlwings-lite-apps-codes-docs, 1.0.0.0-18)
    starts: xlwings, python-dotenv, pyodide-http, black, each '# required'; then what the modules import."""
    assert lite_bundle.requirements_txt().splitlines() == [
        f"xlwings=={xw.__version__}  # required", "python-dotenv==1.1.1  # required", "pyodide-http  # required",
        "black  # required", "numpy"]


def test_requirements_name_what_the_embedded_modules_import() -> None:
    """numpy and xlwings at module level; pandas only inside Ladder.tidy (compute's table), which Lite never calls
    (``tests/test_imports.py`` runs the commands: only compute loads pandas)."""
    assert lite_bundle.libraries() == ["numpy", "xlwings"]


LITE_SAVED_WEBEXTENSION = (
    '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" '
    'id="{DEF15F1F-8550-4167-ADEB-CF61B4F11547}"><we:reference id="wa200008175" version="1.0.0.0" store="en-IN" '
    'storeType="OMEX"/><we:alternateReferences><we:reference id="wa200008175" version="1.0.0.0" store="WA200008175" '
    'storeType="OMEX"/></we:alternateReferences><we:properties><we:property name="main.py" value=""/>'
    '<we:property name="pyodideVersion" value=""/><we:property name="addinVersion" value=""/>'
    '<we:property name="requirements.txt" value=""/></we:properties><we:bindings/><we:snapshot '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/><we:extLst><a:ext '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" uri="{D87F86FE-615C-45B5-9D79-34F1136793EB}">'
    '<we:containsCustomFunctions/></a:ext><a:ext xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'uri="{7C84B067-C214-45C3-A712-C9D94CD141B2}"><we:customFunctionIdList/></a:ext></we:extLst></we:webextension>'
)
LITE_SAVED_TASKPANES = (
    '<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
    '<wetp:taskpane dockstate="right" visibility="0" width="355" row="3"><wetp:webextensionref '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane>'
    "</wetp:taskpanes>"
)
"""The two parts of a workbook saved by xlwings Lite 1.0.0.0-18, property values left out:
INTELISCAPE_X_DYNAMIC_WEB_SCRAPER_v2_1125.xlsx in the public repository
amararun/xlwings-lite-apps-codes-docs (commit f6c015e); docs/lite.md compares all six found."""


def shape(xml: bytes | str) -> list[tuple[str, tuple[str, ...], str]]:
    """Each element in document order: tag, attribute names, and the values that say what the part does
    (property names, store ids, pane state). Not: this workbook's instance id, the pane's width and row."""
    telling = ("name", "id", "storeType", "version", "uri", "dockstate", "visibility")
    root = ElementTree.fromstring(xml)
    return [(e.tag, tuple(sorted(e.attrib)),
             " ".join(f"{k}={e.get(k, '').lower()}" for k in telling if k in e.attrib and e is not root))
            for e in root.iter()]


def test_web_extension_parts_have_the_shape_lite_saves() -> None:
    """lite-functievlag-zoals-lite: same elements, attributes, properties and pane state as a workbook saved
    by Lite, ``containsCustomFunctions`` stored as Lite stores it (empty, issue 27); the one deliberate
    difference: the list names the functions the cells call, as Excel lists an add-in's. The parts the build
    writes (the shipped workbook holds what it builds)."""
    built = lite_bundle.parts()
    ours, panes = built[lite_bundle.WEBEXTENSION], built[lite_bundle.TASKPANES]
    functions = [f"{lite_bundle.STORED_PREFIX}{name}" for name in lite_bundle.functions()]
    ids = [(f"{WE}customFunctionIds", (), "")] * len(functions)
    assert shape(ours) == shape(LITE_SAVED_WEBEXTENSION) + ids
    root = ElementTree.fromstring(ours)
    assert [e.text for e in root.iter(f"{WE}customFunctionIds")] == functions
    flag = root.find(f".//{WE}containsCustomFunctions")
    assert flag is not None and flag.attrib == {} and not list(flag)
    assert [r.get("store") for r in root.iter(f"{WE}reference")] == ["en-US", lite_bundle.ADDIN_ID]  # locale, store id
    assert shape(panes) == shape(LITE_SAVED_TASKPANES)


def test_no_broken_function_names_in_the_workbook() -> None:
    """One report blames Excel's repair dialog on a Lite workbook on ``_xleta.*`` defined names holding
    #NAME?; such names are Excel's store of functions passed as values (eta lambdas): none here."""
    with zipfile.ZipFile(SHIPPED) as package:
        book = package.read("xl/workbook.xml").decode()
    assert "_xleta." not in book and "#NAME?" not in book


def test_the_workbook_carries_everything_lite_runs(lite_run: dict[str, Any]) -> None:
    """The script and the functions ran with the installed package and the file libraries blocked."""
    assert lite_run["on_server"] is True
    assert lite_run["modules"] == sorted(lite_bundle.embedded_modules())
    assert not any(m.split(".")[-1].startswith(("file_", "package_guard", "sheet_scan", "xlsx_", "workbook_builder", "opc"))
                   for m in lite_run["modules"])


def test_button_script_is_registered_for_the_shape_on_start(lite_run: dict[str, Any]) -> None:
    [script] = lite_run["scripts"]
    assert script["function_name"] == "vernieuwen" and script["name"] == "Vernieuwen"
    assert script["button"] == f"[{lite.BUTTON_SHAPE}]{lite.START_SHEET}!{lite.BUTTON_CELL}"
    with zipfile.ZipFile(SHIPPED) as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode()
        rels = package.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        sheets = package.read("xl/workbook.xml").decode()
    assert f'name="{lite.BUTTON_SHAPE}"><a:hlinkClick' in drawing
    assert f'Target="#{lite.START_SHEET}!{lite.BUTTON_CELL}"' in rels
    assert sheets.index('name="Start"') < sheets.index('name="Maatregelen"')


def test_script_writes_what_the_headless_refresh_writes(lite_run: dict[str, Any]) -> None:
    """Same values on every result sheet as the committed (headless-refreshed) workbook."""
    names = [sheet["name"] for sheet in remote_book.payload(SHIPPED)["sheets"]]
    actions = lite_run["actions"]["actions"]
    written: dict[str, dict[tuple[int, int], Any]] = {}
    for action in actions:
        if action["func"] == "setValues":
            cells = written.setdefault(names[action["sheet_position"]], {})
            for r, row in enumerate(action["values"]):
                for c, value in enumerate(row):
                    cells[(action["start_row"] + r, action["start_column"] + c)] = value
    assert set(written) == set(RESULT_SHEETS)
    for sheet in RESULT_SHEETS:
        live = {k: v for k, v in written[sheet].items() if v not in (None, "")}
        expected = file_values(SHIPPED, sheet)
        assert live.keys() == expected.keys(), sheet
        assert all(same(live[k], expected[k]) for k in expected), sheet
    used = {action["func"] for action in actions}
    print(f"\nLite script: {len(actions)} actions of {len(used)} kinds: {sorted(used)}")
    assert used <= RUNTIME_ACTIONS, used - RUNTIME_ACTIONS
    assert said(r"runtime implements \((\d+) kinds, (\d+) actions") == (len(used), len(actions))
    assert {"setNumberFormat", "setRangeColor", "setFontProperty", "setColumnWidth", "setChartSourceData"} <= used
    assert "addSheet" not in used and "addChart" not in used  # the shipped sheets and charts are reused


def test_worksheet_functions_give_the_publication_figures(lite_run: dict[str, Any]) -> None:
    results, expected = lite_run["results"], lite_run["expected"]
    checked = 0
    for result, (figure, tolerance) in zip(results[:len(expected)], expected, strict=True):  # then 4 more calls
        [[got]] = result
        assert abs(got - figure) <= tolerance + 1e-9, (got, figure)
        checked += 1
    print(f"\nLite worksheet functions reproduce {checked} printed counts, shares and evolutions")
    assert checked == len(lite_run["expected"]) >= 170  # of the 199 figures in measures.csv, those of coded rows
    ratio_wvl, ratio_vg, ladder, incomplete = results[checked:]
    assert abs(ratio_wvl[0][0] * 100 - 12.0) <= 0.05 and abs(ratio_vg[0][0] * 100 - 11.1) <= 0.05
    assert len(ladder) == 2 + 45 and ladder[2][4] == 42749
    assert incomplete == [["#FOUT: onvolledig, ontbreekt: d, e"]]


@pytest.fixture(scope="module")
def stored_lite_calls() -> list[tuple[StoredCall, Any]]:
    """Every cell of the Formules sheet stored as a Lite call (``_xldudf_NAME``), with what Lite's
    runtime returns for it: ``custom_functions_call`` on the arguments as Excel hands them over."""
    calls = [c for c in stored_calls(SHIPPED, "Formules") if c.name.startswith(lite_bundle.STORED_PREFIX)]
    tables = {name: as_excel_range(SHIPPED, name) for name in ("Maatregelen", "Context")}
    run = run_in_lite(remote_book.payload(SHIPPED), [(c.name.removeprefix(lite_bundle.STORED_PREFIX), c.resolved(tables))
                                                     for c in calls], script=None)
    return list(zip(calls, run["results"], strict=True))


def test_every_lite_function_is_stored_as_excel_stores_an_add_in_call(
        stored_lite_calls: list[tuple[StoredCall, Any]]) -> None:
    called = {call.name.removeprefix(lite_bundle.STORED_PREFIX) for call, _ in stored_lite_calls}
    assert called == set(lite_bundle.functions())


def test_lite_cells_cache_what_lite_computes(stored_lite_calls: list[tuple[StoredCall, Any]]) -> None:
    """The value each Lite cell shows before Lite recalculates it is the one Lite will compute
    (a dynamic array: its whole spilled range)."""
    for call, result in stored_lite_calls:
        assert same_cells(result, call.cached), (call.address, result, call.cached)
    print(f"\n{len(stored_lite_calls)} Lite cells on Formules hold what custom_functions_call returns "
          f"({sum(len(c.cached) * len(c.cached[0]) for c, _ in stored_lite_calls)} cached values)")


def test_worksheet_functions_carry_their_help(lite_run: dict[str, Any]) -> None:
    functions = {f["name"]: f for f in lite_run["functions"]["functions"]}
    assert sorted(functions) == ["LADDER_AANDEEL", "LADDER_EVOLUTIE", "LADDER_TABEL", "LADDER_VERHOUDING",
                                 "LADDER_WAARDE"]
    for function in functions.values():
        assert function["description"] and not function["description"].startswith("Python function")
        assert all(not p["description"].startswith("Positional argument") for p in function["parameters"])
    optional = [p["name"] for p in functions["LADDER_AANDEEL"]["parameters"] if p.get("optional")]
    assert optional == ["focusregio", "referentieregio"]


def test_errors_are_a_dutch_alert_and_on_controle(broken_workbook: Path) -> None:
    run = run_in_lite(remote_book.payload(broken_workbook, CHARTS), [])
    actions = run["actions"]["actions"]
    alerts = [a for a in actions if a["func"] == "alert"]
    assert len(alerts) == 1 and "1 fout(en)" in alerts[0]["args"][0] and "Controle" in alerts[0]["args"][0]
    names = [sheet["name"] for sheet in remote_book.payload(broken_workbook)["sheets"]]
    controle = [a for a in actions if a["func"] == "setValues" and names[a["sheet_position"]] == "Controle"]
    assert "Maatregelen!D6" in json.dumps(controle)


def test_the_refresh_keeps_the_lite_parts_and_both_sets_of_formulas_byte_identical(workbook_copy: Path) -> None:
    before = parts_of(workbook_copy)
    with zipfile.ZipFile(workbook_copy) as package:
        formules = sheet_part(package, "Formules")
    assert refresh_file(workbook_copy).ladder is not None
    after = parts_of(workbook_copy)
    kept = [*lite_bundle.parts(), "_rels/.rels", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels",
            formules, "xl/metadata.xml", "xl/sharedStrings.xml"]
    for name in kept:
        assert after[name] == before[name], name
    assert set(lite_bundle.parts()) <= set(after)
    assert stored_calls(workbook_copy, "Formules") == stored_calls(SHIPPED, "Formules")


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_web_extension_parts_pass_openxml_audit() -> None:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator(max_errors=1000).validate(str(SHIPPED))
    errors = [str(e) for e in result.errors]
    assert not [e for e in errors if "webextension" in e.lower()], errors
    assert result.is_valid, errors


def test_libreoffice_opens_the_workbook_with_its_lite_parts(tmp_path: Path) -> None:
    sheets = libreoffice.sheets_as_csv(SHIPPED, tmp_path)
    for name in RESULT_SHEETS:
        assert name in sheets
    assert any("xlwings Lite" in " ".join(row) for row in sheets["Start"])
    assert any(cell == "52790" for row in sheets["Ladder"] for cell in row) or any(
        "52.790" in cell or "52,790" in cell for row in sheets["Ladder"] for cell in row)


def test_main_py_fails_loudly_without_its_embedded_modules() -> None:
    """The hook serves only what is embedded: a module left out is an ImportError, not the installed copy."""
    main, count = re.subn(r"^    'xl_ladder\.values': ", "    'xl_ladder.values_gone': ", lite_properties()["main.py"],
                          flags=re.M)
    assert count == 1
    with pytest.raises(AssertionError, match=r"not available inside xlwings Lite: xl_ladder\.values"):
        run_in_lite(remote_book.payload(SHIPPED, CHARTS), [], main=main)


@pytest.mark.parametrize("name", lite_bundle.embedded_modules())
def test_embedded_modules_are_the_package_sources(name: str) -> None:
    """Each embedded module is byte-for-byte the package's file (generated, never hand-kept)."""
    assert embedded_sources()[name] == lite_bundle._path(name).read_text(encoding="utf-8")


@functools.cache
def embedded_sources() -> dict[str, str]:
    """The ``_SOURCES`` literal of the stored ``main.py``, read as Python reads it."""
    tree = ast.parse(lite_properties()["main.py"])
    [sources] = [node.value for node in tree.body if isinstance(node, ast.Assign)
                 and [ast.unparse(t) for t in node.targets] == ["_SOURCES"]]
    return ast.literal_eval(sources)


def test_an_older_xlwings_in_lite_is_a_dutch_alert_not_a_half_refresh() -> None:
    """Lite installs the pinned xlwings; should it load an older one, the button says what to do."""
    assert not lite.xlwings_too_old(xw.__version__)  # the release requirements.txt pins
    assert lite.xlwings_too_old("0.33.20") and not lite.xlwings_too_old("0.37.0") and not lite.xlwings_too_old("1.0")
    run = run_in_lite(remote_book.payload(SHIPPED, CHARTS), [], xlwings_version="0.33.20")
    actions = run["actions"]["actions"]
    assert [a["func"] for a in actions] == ["alert"]
    assert "xlwings 0.33.20" in actions[0]["args"][0] and "requirements.txt" in actions[0]["args"][0]


@pytest.mark.parametrize("text", ["import re\nPATTERN = r'\\d+'  # \"doc\"\n", "x = '''quoted'''\n", "ends with \\",
                                  "ends with '", "", "é – ’\n"])
def test_a_module_is_embedded_as_a_literal_of_exactly_its_text(text: str) -> None:
    """A raw triple-quoted string where it can hold the text, one literal per line where it cannot."""
    literal = lite_bundle._literal(text)
    assert ast.literal_eval(literal) == text
    assert literal.startswith("r'''") == ("'''" not in text and not text.endswith(("\\", "'")))
