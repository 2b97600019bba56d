"""Run inside Pyodide (tests/pyodide/run.mjs): what of the workbook's main.py runs without numpy.

Pyodide's numpy (and micropip) come from its CDN, out of reach offline; so this installs the
pure-Python xlwings from the files the job carries, executes main.py as Lite does, and reports
how far it gets, which embedded modules compile and import, and what the formula notation parser
(pure Python) makes of every formula. JOB is the job as JSON text (set by run.mjs).
"""

import json
import os
import sys
from typing import Any

job = json.loads(globals()["JOB"])  # set by run.mjs
site = next(p for p in sys.path if p.endswith("site-packages"))
for relative, text in job["xlwings"].items():
    path = os.path.join(site, "xlwings", relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
os.environ.update({"XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"})
result: dict[str, object] = {"python": sys.version.split()[0]}

import xlwings as xw  # noqa: E402

result["xlwings"] = xw.__version__
result["func_decorator"] = xw.func.__module__

namespace: dict[str, Any] = {"__name__": "main"}
try:
    exec(compile(job["main"], "main.py", "exec"), namespace)
    result["main"] = "ran"
except ModuleNotFoundError as error:
    result["main"] = f"ModuleNotFoundError: {error.name}"
result["compiled"] = sorted(name for name, source in namespace["_SOURCES"].items()
                            if compile(source, name, "exec") is not None)
imported: list[str] = []
failed: dict[str, str | None] = {}
for name in sorted(namespace["_SOURCES"]):
    try:
        __import__(name)
        imported.append(name)
    except ModuleNotFoundError as error:
        failed[name] = error.name
result["imported"], result["failed"] = imported, failed

from xl_ladder import codes, notation  # noqa: E402  (served by main.py's import hook)

parsed: dict[str, str] = {}
for formula in job["formulas"]:
    try:
        parsed[formula] = repr(notation.parse(formula))
    except notation.NotationError as error:
        parsed[formula] = f"NotationError: {error}"
result["parsed"] = parsed
result["code_order"] = sorted(job["codes"], key=codes.order)
json.dumps(result)  # the value run.mjs prints
