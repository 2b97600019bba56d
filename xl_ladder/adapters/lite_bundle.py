"""What the workbook carries for xlwings Lite: ``main.py``, ``requirements.txt`` and the web-extension parts.

xl_ladder is not on PyPI, and Lite's ``requirements.txt`` installs only from PyPI (or a URL that
allows cross-origin downloads). So ``main.py`` carries the package itself: the source of every
module the Lite script and the worksheet functions import (found by following the package's own
imports, so no file adapter and no XlsxWriter/calamine/openpyxl come along), read from the
installed package at build time, and a small import hook that serves them as ``xl_ladder``. The
code Lite runs is therefore always the code the tests run, never a hand-kept copy.

Lite keeps a workbook's code as settings of its add-in (WA200008175 in Microsoft's store) in
``xl/webextensions/webextension1.xml``: each ``we:property`` value is JSON.
"""

from __future__ import annotations

import ast
import json
import uuid
from pathlib import Path
from xml.sax.saxutils import escape

import xlwings

from .. import __version__

PACKAGE = "xl_ladder"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
ENTRY_MODULES = ("xl_ladder.adapters.lite", "xl_ladder.adapters.udfs")
"""What ``main.py`` imports: the button's script and the worksheet functions."""
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-35"
"""Pyodide and add-in versions as the newest public workbooks saved by Lite record them (a
workbook opened by a newer add-in is upgraded by it)."""
ADDIN_ID = "WA200008175"
PYODIDE_PACKAGES = ("pandas",)
"""Built by Pyodide itself (numpy comes with pandas): listed without a version, as Lite asks."""

WEBEXTENSION = "xl/webextensions/webextension1.xml"
TASKPANES = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS = "xl/webextensions/_rels/taskpanes.xml.rels"
CONTENT_TYPES = {
    WEBEXTENSION: "application/vnd.ms-office.webextension+xml",
    TASKPANES: "application/vnd.ms-office.webextensiontaskpanes+xml",
}
ROOT_RELATIONSHIP = ("http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes", TASKPANES)
WEBEXTENSION_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/xl_ladder/Kansengroepen.xlsm")).upper() + "}"
"""Fixed, so that the build stays byte-for-byte reproducible."""


def _path(module: str) -> Path:
    """The source file of a module of the package (``__init__.py`` for a package)."""
    relative = Path(*module.split(".")[1:])
    package = PACKAGE_DIR / relative / "__init__.py"
    return package if package.exists() else (PACKAGE_DIR / relative).with_suffix(".py")


def _is_module(module: str) -> bool:
    return module.split(".")[0] == PACKAGE and _path(module).exists()


def _imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, relative or absolute."""
    found: set[str] = set()
    is_package = _path(module).name == "__init__.py"
    for node in ast.walk(ast.parse(_path(module).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if _is_module(alias.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.update(m for m in [base] + [f"{base}.{a.name}" for a in node.names] if _is_module(m))
    return found


def embedded_modules() -> list[str]:
    """Every module the entry modules need, with the packages holding them, in a stable order."""
    seen: set[str] = set()
    stack = list(ENTRY_MODULES)
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        stack += [".".join(parts[:i]) for i in range(1, len(parts))]
        stack += _imports(module)
    return sorted(seen)


def _functions(module: str) -> list[str]:
    """The worksheet functions of a module: top-level functions decorated with ``xw.func``."""
    tree = ast.parse(_path(module).read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any("func" in ast.unparse(d) for d in node.decorator_list)]


def _literal(text: str) -> str:
    """A source text as adjacent string literals, one line each: readable in Lite's editor."""
    lines = text.splitlines(keepends=True) or [""]
    return "(\n" + "".join(f"        {line!r}\n" for line in lines) + "    )"


LOADER = '''
import importlib.abc
import importlib.util
import linecache
import sys


class _Embedded(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the modules in _SOURCES by name, before any installed copy."""

    def find_spec(self, name, path=None, target=None):
        if name in _SOURCES:
            return importlib.util.spec_from_loader(name, self, is_package=name in _PACKAGES)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        source, filename = _SOURCES[module.__name__], f"<Kansengroepen.xlsm: {module.__name__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)


for _name in [n for n in sys.modules if n == "xl_ladder" or n.startswith("xl_ladder.")]:
    del sys.modules[_name]  # a restart of the script must not keep an older copy
sys.meta_path[:] = [_Embedded()] + [f for f in sys.meta_path if type(f).__name__ != "_Embedded"]
'''


def main_py() -> str:
    """The ``main.py`` Lite runs: header, the embedded package, the import hook, the entry points."""
    modules = embedded_modules()
    packages = [m for m in modules if _path(m).name == "__init__.py"]
    functions = _functions("xl_ladder.adapters.udfs")
    sources = "".join(f"    {m!r}: {_literal(_path(m).read_text(encoding='utf-8'))},\n" for m in modules)
    return (
        f'"""Kansengroepen — the Python of this workbook for xlwings Lite (no Python installation needed).\n\n'
        f"Generated by `xl-ladder build-workbook` from {PACKAGE} {__version__}: edit the package, not this file.\n"
        f"The button VernieuwenLite on the sheet Start runs the script Vernieuwen; the worksheet\n"
        f"functions {', '.join(functions)} work in every cell.\n"
        f"The last lines import them from the package {PACKAGE}, whose {len(modules)} modules follow below\n"
        f"as text, served by an import hook.\n"
        '"""\n'
        + LOADER
        + f"\n_PACKAGES = {tuple(packages)!r}\n"
        + "_SOURCES = {\n" + sources + "}\n\n"
        + "from xl_ladder.adapters.lite import vernieuwen  # noqa: E402  (the button's script)\n"
        + f"from xl_ladder.adapters.udfs import {', '.join(functions)}  # noqa: E402\n"
    )


def requirements_txt() -> str:
    """Lite's ``requirements.txt``: xlwings pinned to the release the package is tested with, marked required."""
    return f"xlwings=={xlwings.__version__}  # required\n" + "".join(f"{name}\n" for name in PYODIDE_PACKAGES)


def _property(name: str, value: object) -> str:
    return f'<we:property name="{escape(name)}" value={_attribute(json.dumps(value, ensure_ascii=False))}/>'


def _attribute(text: str) -> str:
    return '"' + escape(text, {'"': "&quot;"}) + '"'


def parts() -> dict[str, bytes]:
    """The three web-extension parts (the package-level relationship and content types are the builder's)."""
    header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    properties = "".join([
        _property("main.py", main_py()),
        _property("pyodideVersion", PYODIDE_VERSION),
        _property("addinVersion", ADDIN_VERSION),
        _property("requirements.txt", requirements_txt()),
        _property("Office.AutoShowTaskpaneWithDocument", True),
    ])
    drawing = "http://schemas.openxmlformats.org/drawingml/2006/main"
    webextension = (
        f'{header}<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" '
        f'id="{WEBEXTENSION_ID}">'
        f'<we:reference id="{ADDIN_ID.lower()}" version="1.0.0.0" store="en-US" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{ADDIN_ID}" version="1.0.0.0" store="{ADDIN_ID}" '
        f'storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{properties}</we:properties><we:bindings/>"
        f'<we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
        f'<we:extLst><a:ext xmlns:a="{drawing}" uri="{{D87F86FE-615C-45B5-9D79-34F1136793EB}}">'
        f"<we:containsCustomFunctions/></a:ext>"
        f'<a:ext xmlns:a="{drawing}" uri="{{7C84B067-C214-45C3-A712-C9D94CD141B2}}">'
        f"<we:customFunctionIdList/></a:ext></we:extLst></we:webextension>"
    )
    # visibility="1": the task pane opens (and asks to trust the add-in) the first time the
    # workbook is opened, and with it every time after (Microsoft's "autoopen" documentation).
    taskpanes = (
        f'{header}<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
        f'<wetp:taskpane dockstate="right" visibility="1" width="438" row="3">'
        f'<wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        f'r:id="rId1"/></wetp:taskpane></wetp:taskpanes>'
    )
    rels = (
        f'{header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" '
        f'Target="webextension1.xml"/></Relationships>'
    )
    return {WEBEXTENSION: webextension.encode(), TASKPANES: taskpanes.encode(), TASKPANES_RELS: rels.encode()}
