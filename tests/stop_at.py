"""Run ``xl-ladder`` in this process and send it a stop signal from inside, at a chosen point.

    python tests/stop_at.py POINT SIGNAL REPORT ARG...

A test-only wrapper: real signals at exact moments instead of a sleep and timing luck. POINT:

- ``import:NAME`` — when module ``NAME`` is looked for by its first import;
- ``call:MODULE:QUALNAME`` — when that Python function is called, ``return:…`` when it returns;
- ``event:N`` — at the ``N``-th call or return of any Python function (importlib's own frames
  included), counted from here: the first few hundred come before the tool's first line, where
  no program can catch a signal; ``REPORT`` names the function.

The signal goes to this process (``os.kill``), so the tool's handlers see a real one. REPORT
receives one line naming where it was sent, or nothing if the point was never reached; the
test asserts it, so a renamed function cannot pass unnoticed.
"""

from __future__ import annotations

import importlib.abc
import os
import runpy
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any


class _Point:
    """Where to send the signal, and the record of having sent it."""

    def __init__(self, point: str, signum: int, report: Path) -> None:
        self.kind, _, self.where = point.partition(":")
        self.signum, self.report, self.events = signum, report, 0

    def send(self, where: str) -> None:
        sys.setprofile(None)
        self.report.write_text(where + "\n", encoding="utf-8")
        os.kill(os.getpid(), self.signum)

    def profile(self, frame: FrameType, event: str, arg: Any) -> None:
        if event not in ("call", "return"):
            return
        self.events += 1
        name = f"{frame.f_globals.get('__name__')}:{frame.f_code.co_qualname}"
        if (self.kind == event and name == self.where) or (self.kind == "event" and self.events == int(self.where)):
            self.send(f"{event} {name}")


class _Finder(importlib.abc.MetaPathFinder):
    """Sends the signal when the module is looked for; finds nothing itself."""

    def __init__(self, point: _Point) -> None:
        self.point = point

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        if fullname == self.point.where:
            sys.meta_path.remove(self)
            self.point.send(f"import {fullname}")


def stopped_at(point: str, signame: str, book: Path, folder: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """``xl-ladder refresh book`` in a fresh process, the signal sent at ``point``, and where it was sent
    (empty if the point was never reached); ``folder`` holds the report."""
    report = folder / "gestopt.txt"
    report.unlink(missing_ok=True)
    result = subprocess.run([sys.executable, __file__, point, signame, str(report), "refresh", str(book)],
                            capture_output=True, text=True, timeout=120, check=False)
    return result, report.read_text(encoding="utf-8").strip() if report.exists() else ""


def main() -> None:
    point_text, signame, report = sys.argv[1:4]
    sys.argv = ["xl-ladder", *sys.argv[4:]]
    point = _Point(point_text, getattr(signal, signame), Path(report))
    if point.kind == "import":
        sys.meta_path.insert(0, _Finder(point))
    else:
        sys.setprofile(point.profile)
    runpy.run_module("xl_ladder", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
