"""How fast hostile workbooks are refused: an XML bomb and two zip bombs, each checked in a fresh
interpreter. (Not a test: ``tests/test_faults.py`` asserts that they are refused, in bounded memory.)

    python bench/bombs.py

Prints, per bomb, the seconds ``xl-ladder check`` took (the interpreter's start not included) and
its peak memory.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' bomb makers

from tests.bombs import laughs_in, measured_check, with_parts, zip_bomb  # noqa: E402

SHIPPED = ROOT / "workbook" / "Kansengroepen.xlsm"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "Kansengroepen.xlsm"
        shutil.copyfile(SHIPPED, source)
        bombs = {"XML bomb in the measure sheet": lambda path: with_parts(source, path, laughs_in("SHEET")),
                 "XML bomb in the shared strings": lambda path: with_parts(source, path, laughs_in("xl/sharedStrings.xml")),
                 "zip bomb of 2048 MiB": lambda path: zip_bomb(source, path, 2048),
                 "zip bomb of 300 MiB (ratio)": lambda path: zip_bomb(source, path, 300)}
        for name, make in bombs.items():
            path = Path(folder) / "bom.xlsm"
            make(path)
            result, seconds, kib = measured_check(path)
            verdict = "refused" if result.returncode == 1 else f"exit {result.returncode}"
            print(f"{name:34} {verdict}: {seconds:.2f} s, peak memory {kib >> 10} MiB")
            path.unlink()


if __name__ == "__main__":
    main()
