"""What the workbook carries for xlwings Lite: ``main.py``, ``requirements.txt`` and the web-extension parts.

xl_ladder is not on PyPI, and Lite's ``requirements.txt`` installs only from PyPI (or a URL that
allows cross-origin downloads). So ``main.py`` carries the package itself: the source of every
module the Lite script and the worksheet functions import (found by following the package's own
imports, so no file adapter and no XlsxWriter/calamine/openpyxl come along), read from the
installed package at build time, and a small import hook that serves them as ``xl_ladder``. The
code Lite runs is therefore always the code the tests run, never a hand-kept copy.

Lite keeps a workbook's code as settings of its add-in (WA200008175 in Microsoft's store) in
``xl/webextensions/webextension1.xml``: each ``we:property`` value is JSON. The parts carry what
workbooks saved by Lite carry, nothing more (``docs/lite.md`` lists each property and its source).
"""

from __future__ import annotations

import ast
import json
import sys
import uuid
from pathlib import Path

import xlwings

from .. import __version__
from .opc import (
    A_NS,
    PKG_REL_NS,
    REL_NS,
    TASKPANES,
    TASKPANES_REL,
    TASKPANES_RELS,
    WE_NS,
    WEB_TYPES,
    WEBEXTENSION,
    WEBEXTENSION_REL,
    WETP_NS,
)
from .xml_text import escape

PACKAGE = "xl_ladder"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
ENTRY_MODULES = ("xl_ladder.adapters.lite", "xl_ladder.adapters.udfs")
"""What ``main.py`` imports: the button's script and the worksheet functions."""
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-35"
"""Pyodide and add-in versions as the newest public workbooks saved by Lite record them (a
workbook opened by a newer add-in is upgraded by it)."""
ADDIN_ID = "WA200008175"
LITE_PACKAGES = {"xlwings": f"xlwings=={xlwings.__version__}  # required", "numpy": "numpy"}
"""How ``requirements.txt`` names each library the embedded modules import: xlwings pinned to the
release the package is tested with and marked required, as Lite writes it; numpy is built by
Pyodide itself, so listed without a version (Lite's advice)."""
LITE_REQUIRED = ("python-dotenv==1.1.1  # required", "pyodide-http  # required", "black  # required")
"""The lines every public Lite-saved ``requirements.txt`` holds after xlwings', marked ``# required`` by the
add-in (the newest of them, add-in 1.0.0.0-18: python-dotenv 1.1.1). Whether Lite needs them at start is not
documented; kept as Lite writes them (issue 27), they cost a few pure wheels (``docs/lite.md``)."""
STORED_PREFIX = "_xldudf_"
"""How Excel stores a call of an Office add-in's custom function in the file (``_xldudf_NAME(…)``);
a bare name in the file binds to a VBA function, never to an add-in's."""

CONTENT_TYPES = WEB_TYPES
ROOT_RELATIONSHIP = (TASKPANES_REL, TASKPANES)
WEBEXTENSION_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/xl_ladder/Kansengroepen.xlsm")).upper() + "}"
"""Fixed, so that the build stays byte-for-byte reproducible."""
CONTAINS_FUNCTIONS_EXT = "{D87F86FE-615C-45B5-9D79-34F1136793EB}"
FUNCTION_LIST_EXT = "{7C84B067-C214-45C3-A712-C9D94CD141B2}"
XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


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


def functions() -> list[str]:
    """The worksheet functions: top-level functions of the udfs module decorated with ``xw.func``."""
    tree = ast.parse(_path("xl_ladder.adapters.udfs").read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.FunctionDef)
            and any("func" in ast.unparse(d) for d in node.decorator_list)]


def stored_call(name: str, arguments: str) -> str:
    """A worksheet function's call as Excel stores an add-in's (Lite's) custom function in the file."""
    return f"{STORED_PREFIX}{name}({arguments})"


def _literal(text: str) -> str:
    """A module's source as one string literal that reads as the source itself in Lite's editor:
    a raw triple-quoted string, or (for a text such a literal cannot hold) one literal per line."""
    if "'''" not in text and not text.endswith(("\\", "'")):
        return "r'''" + text + "'''"
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
    names = functions()
    sources = "".join(f"    {m!r}: {_literal(_path(m).read_text(encoding='utf-8'))},\n" for m in modules)
    return (
        f'"""Kansengroepen — the Python of this workbook for xlwings Lite (no Python installation needed).\n\n'
        f"Generated by `xl-ladder build-workbook` from {PACKAGE} {__version__}: edit the package, not this file.\n"
        f"The button VernieuwenLite on the sheet Start runs the script Vernieuwen; the worksheet\n"
        f"functions {', '.join(names)} work in every cell.\n"
        f"The last lines import them from the package {PACKAGE}, whose {len(modules)} modules follow below\n"
        f"as text, served by an import hook.\n"
        '"""\n'
        + LOADER
        + f"\n_PACKAGES = {tuple(packages)!r}\n"
        + "_SOURCES = {\n" + sources + "}\n\n"
        + "from xl_ladder.adapters.lite import vernieuwen  # noqa: E402  (the button's script)\n"
        + f"from xl_ladder.adapters.udfs import {', '.join(names)}  # noqa: E402\n"
    )


def _module_level_imports(module: str) -> set[str]:
    """The top-level names of what ``module`` imports when it is imported: not inside a function
    (``Ladder.tidy`` imports pandas when it is called, which the Lite path never does) and not
    under ``if TYPE_CHECKING``."""
    found: set[str] = set()
    stack: list[ast.AST] = [ast.parse(_path(module).read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack += node.orelse
        elif not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack += ast.iter_child_nodes(node)
    return found


def libraries() -> list[str]:
    """The libraries outside the standard library that the embedded modules import, in a stable order."""
    imported = set().union(*(_module_level_imports(m) for m in embedded_modules()))
    return sorted(imported - set(sys.stdlib_module_names) - {PACKAGE, "__future__"})


def requirements_txt() -> str:
    """Lite's ``requirements.txt``: the libraries the embedded modules import, and nothing else."""
    unknown = [name for name in libraries() if name not in LITE_PACKAGES]
    if unknown:
        raise ValueError(f"the Lite bundle imports {unknown}: say in LITE_PACKAGES how requirements.txt names them")
    lines = [LITE_PACKAGES[name] for name in sorted(libraries(), key=list(LITE_PACKAGES).index)]
    return "".join(f"{line}\n" for line in [*lines[:1], *LITE_REQUIRED, *lines[1:]])


def _element(tag: str, attributes: dict[str, str] | None = None, content: str | None = None) -> str:
    """One XML element, its attribute values escaped; empty when it has no content."""
    text = "".join(f" {name}={_attribute(value)}" for name, value in (attributes or {}).items())
    return f"<{tag}{text}/>" if content is None else f"<{tag}{text}>{content}</{tag}>"


def _attribute(text: str) -> str:
    return '"' + escape(text, {'"': "&quot;"}) + '"'


def _property(name: str, value: object) -> str:
    """A Lite setting: its value JSON, as the add-in stores it."""
    return _element("we:property", {"name": name, "value": json.dumps(value, ensure_ascii=False)})


def _reference(store: str) -> str:
    return _element("we:reference", {"id": ADDIN_ID if store == ADDIN_ID else ADDIN_ID.lower(), "version": "1.0.0.0",
                                     "store": store, "storeType": "OMEX"})


def _extension(uri: str, content: str) -> str:
    return _element("a:ext", {"xmlns:a": A_NS, "uri": uri}, content)


def webextension() -> str:
    """``webextension1.xml``: the add-in, its settings (Lite's files) and the custom functions the cells call.

    The four properties are those every public workbook saved by Lite carries. The extension list keeps
    ``containsCustomFunctions`` as Lite and Excel store it (empty) and names the functions the cells call as
    Excel stores them (``docs/lite.md``).
    """
    properties = "".join([
        _property("main.py", main_py()),
        _property("pyodideVersion", PYODIDE_VERSION),
        _property("addinVersion", ADDIN_VERSION),
        _property("requirements.txt", requirements_txt()),
    ])
    ids = "".join(_element("we:customFunctionIds", content=STORED_PREFIX + name) for name in functions())
    return XML_HEADER + _element("we:webextension", {"xmlns:we": WE_NS, "id": WEBEXTENSION_ID}, "".join([
        _reference("en-US"),
        _element("we:alternateReferences", content=_reference(ADDIN_ID)),
        _element("we:properties", content=properties),
        _element("we:bindings"),
        _element("we:snapshot", {"xmlns:r": REL_NS}),
        _element("we:extLst", content=_extension(CONTAINS_FUNCTIONS_EXT, _element("we:containsCustomFunctions"))
                 + _extension(FUNCTION_LIST_EXT, _element("we:customFunctionIdList", content=ids))),
    ]))


def taskpanes() -> str:
    """``taskpanes.xml``: the pane docked right and closed (``visibility="0"``), as every public workbook
    saved by Lite has it; Lite itself decides whether it starts with the workbook."""
    reference = _element("wetp:webextensionref", {"xmlns:r": REL_NS, "r:id": "rId1"})
    pane = _element("wetp:taskpane", {"dockstate": "right", "visibility": "0", "width": "438", "row": "3"}, reference)
    return XML_HEADER + _element("wetp:taskpanes", {"xmlns:wetp": WETP_NS}, pane)


def parts() -> dict[str, bytes]:
    """The three web-extension parts (the package-level relationship and content types are the builder's)."""
    relationship = _element("Relationship", {"Id": "rId1", "Type": WEBEXTENSION_REL, "Target": "webextension1.xml"})
    rels = XML_HEADER + _element("Relationships", {"xmlns": PKG_REL_NS}, relationship)
    return {WEBEXTENSION: webextension().encode(), TASKPANES: taskpanes().encode(), TASKPANES_RELS: rels.encode()}
