"""LibreOffice headless as a real spreadsheet client for the tests.

LibreOffice exits 0 even when a file fails to load, so callers check what it wrote, never its
exit code.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def soffice() -> str:
    """Path of the soffice binary; CI installs it (``.ci/run``), so its absence is a failure."""
    found = shutil.which("soffice")
    assert found, "LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui"
    return found


def convert(workbook: Path, target: str, outdir: Path) -> list[Path]:
    """Convert ``workbook`` with LibreOffice (``csv`` per sheet, ``pdf``); return the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{outdir / 'profile'}",
         "--convert-to", target, "--outdir", str(outdir), str(workbook)],
        check=False, capture_output=True, timeout=180,
    )
    return sorted(p for p in set(outdir.iterdir()) - before if p.is_file())


def sheets_as_csv(workbook: Path, outdir: Path) -> dict[str, list[list[str]]]:
    """Every sheet as LibreOffice shows its values, keyed by sheet name."""
    result = {}
    for path in convert(workbook, CSV_ALL_SHEETS, outdir):
        sheet = path.stem[len(workbook.stem) + 1:]
        with path.open(encoding="utf-8", newline="") as handle:
            result[sheet] = list(csv.reader(handle))
    assert result, f"LibreOffice could not load {workbook.name}"
    return result
