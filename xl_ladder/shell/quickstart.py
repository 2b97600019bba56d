"""The workbook from the installed package: ``xl-ladder quickstart MAP``.

After xlwings' own ``xlwings quickstart``: the analyst gets the pair the VBA button needs,
``Kansengroepen.xlsm`` and ``Kansengroepen.py`` side by side, with the Python that ran the command
already filled in on the workbook's ``xlwings.conf`` sheet, so the button finds this package.
"""

from __future__ import annotations

import keyword
import os
import sys
from pathlib import Path

from ..adapters.file_writer import WriteError
from ..pipeline import Checked
from ..problems import os_error_text
from .workflow import ship

WORKBOOK = "Kansengroepen.xlsm"


def interpreter(executable: str = sys.executable, windows: bool = os.name == "nt") -> tuple[str, str]:
    """The ``xlwings.conf`` key and value for the Python running this command (``executable``).

    On Windows the button wants ``pythonw.exe`` (no console window) of the same environment, beside
    ``python.exe`` in a venv's ``Scripts`` folder and in a python.org installation; macOS reads
    ``Interpreter_Mac``. On Linux, where Excel does not run, the POSIX key carries the path too.
    The path is kept as given, not resolved: a venv's ``python`` is a link whose target lacks the venv.
    """
    if windows:
        windowless = Path(executable).with_name("pythonw.exe")
        return "Interpreter_Win", str(windowless if windowless.exists() else executable)
    return "Interpreter_Mac", executable


def importable(workbook: Path) -> bool:
    """Whether the VBA button can import the module named like ``workbook`` (``import <name>``)."""
    return workbook.stem.isidentifier() and not keyword.iskeyword(workbook.stem)


def not_importable_warning(workbook: Path) -> str:
    """Dutch: why the VBA button cannot run ``workbook``, and which name would do."""
    return (f"waarschuwing: de knop Vernieuwen (met Python) werkt niet in '{workbook.name}': hij voert "
            f"'import {workbook.stem}' uit, en dat is geen Python-naam; geef de werkmap een naam met enkel "
            f"letters, cijfers en _ (bv. Kansengroepen_2021.xlsm) en zet het .py-bestand met dezelfde naam "
            f"ernaast (xlwings Lite en de opdrachtregel werken met elke naam)")


def quickstart(folder: Path, overwrite: bool = False) -> tuple[Checked, tuple[str, str]]:
    """Write ``Kansengroepen.xlsm`` (refreshed) and ``Kansengroepen.py`` into ``folder`` (made if
    needed), the interpreter filled in; never over existing files unless ``overwrite``.

    Returns what the refresh found and the (key, interpreter) written on ``xlwings.conf``.
    """
    workbook = folder / WORKBOOK
    existing = [path.name for path in (workbook, workbook.with_suffix(".py")) if path.exists()]
    if existing and not overwrite:
        verb = "bestaat" if len(existing) == 1 else "bestaan"
        raise WriteError(f"{' en '.join(existing)} {verb} al in {folder}: er is niets geschreven; "
                         "kies een andere map, of vervang met --overwrite")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"de map {folder} kon niet gemaakt worden: {os_error_text(error)}") from error
    setting = interpreter()
    return ship(workbook, settings=dict([setting])), setting
