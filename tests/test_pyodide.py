"""The workbook's main.py in real Pyodide 0.27.5 (the npm package, under Node), as far as it runs
offline: Pyodide's numpy comes from its CDN, so the Lite path stops at ``import numpy``; what runs
before and without it is checked against CPython (tests/pyodide/check.py says what).

Needs Node and ``npm install pyodide@0.27.5`` in a folder named by ``XL_LADDER_PYODIDE``
(the folder holding ``node_modules``); skipped otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import xlwings

from xl_ladder import codes, notation
from xl_ladder.adapters import lite_bundle
from xl_ladder.adapters.workbook_builder import DEFAULT_DATA, read_rows

from .helpers import lite_properties

PYODIDE = os.environ.get("XL_LADDER_PYODIDE", "")
HERE = Path(__file__).parent / "pyodide"

pytestmark = pytest.mark.skipif(not (PYODIDE and (Path(PYODIDE) / "node_modules" / "pyodide").is_dir()
                                     and shutil.which("node")),
                                reason="Pyodide not installed: npm install pyodide@0.27.5, then set XL_LADDER_PYODIDE")


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    header, rows = read_rows(DEFAULT_DATA)
    formulas = [row[header.index("Formule")] for row in rows if row[header.index("Formule")]]
    formulas += ["a t/m e + 40% f", "e’ + f’", "a +", "trede 5 + trede 4 + trede 3", "q2"]
    package = Path(xlwings.__file__).parent
    job = {"main": lite_properties()["main.py"], "formulas": formulas,
           "codes": ["b'", "z", "a", "a'", "k"],
           "xlwings": {str(p.relative_to(package)): p.read_text(encoding="utf-8") for p in package.rglob("*.py")}}
    path = tmp_path_factory.mktemp("pyodide") / "job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(["node", str(HERE / "run.mjs"), str(path), PYODIDE], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_pyodide_runs_main_py_up_to_numpy(pyodide_run: dict[str, Any]) -> None:
    print(f"\nPyodide: Python {pyodide_run['python']}, xlwings {pyodide_run['xlwings']}; main.py: {pyodide_run['main']}; "
          f"{len(pyodide_run['imported'])} of {len(pyodide_run['compiled'])} modules import without numpy")
    assert pyodide_run["python"] == "3.12.7" and pyodide_run["xlwings"] == xlwings.__version__
    assert pyodide_run["func_decorator"] == "xlwings.pro.udfs_officejs"  # Lite's decorators, not the no-ops
    assert pyodide_run["main"] == "ModuleNotFoundError: numpy"  # numpy: the one thing missing offline
    assert pyodide_run["compiled"] == lite_bundle.embedded_modules()  # every module is valid Python 3.12
    assert set(pyodide_run["failed"].values()) == {"numpy"}
    assert {"xl_ladder.codes", "xl_ladder.notation", "xl_ladder.problems", "xl_ladder.cells"} <= set(pyodide_run["imported"])


def test_the_notation_parses_every_formula_as_on_cpython(pyodide_run: dict[str, Any]) -> None:
    for formula, parsed in pyodide_run["parsed"].items():
        try:
            expected = repr(notation.parse(formula))
        except notation.NotationError as error:
            expected = f"NotationError: {error}"
        assert parsed == expected, formula
    assert pyodide_run["code_order"] == sorted(["b'", "z", "a", "a'", "k"], key=codes.order) == ["a", "k", "z", "a'", "b'"]
