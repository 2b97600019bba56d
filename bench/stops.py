"""SIGTERM at random moments of a refresh: does every one end as the README (*Stopped*) says? (Not a test.)

    python bench/stops.py [--stops 100] [--within 0.4] [--seed 19]

Starts ``python -m xl_ladder refresh COPY`` on a fresh copy of the shipped workbook as built (before
its first refresh, so that a finished refresh changes it) as many times
as ``--stops`` says, sends each a SIGTERM after a random delay in the first ``--within`` seconds,
and sorts what happened:

- **stopped**: exit 143, the Dutch message alone on stderr, the workbook unchanged;
- **finished**: the stop came after the final rename had begun: exit 0, the workbook refreshed;
- **before Python ran the tool**: ended by the signal itself (no message), the workbook unchanged —
  the interpreter's own start, before the tool's first line, which no program can guard;
- anything else (another exit code, a traceback, a file left behind, a broken workbook) is
  **wrong** and printed in full.

The tests pin each phase deterministically (``tests/test_package.py``, signals sent from inside
the process); this script is the check against real timing.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xl_ladder.adapters import workbook_builder

MESSAGE = "fout: afgebroken (SIGTERM): er is niets geschreven, de werkmap is ongewijzigd\n"
CHILD_ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""As on an analyst's machine: with Python's bytecode cache (see bench/run.py)."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refresh(book: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "xl_ladder", "refresh", str(book)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=CHILD_ENVIRONMENT)


EXPECTED = {
    # what a refresh may end as, by what it did: exit code, stdout and stderr as they must be, the workbook
    "stopped": (143, "", MESSAGE, "ongewijzigd"),
    "finished": (0, "Kansengroepen.xlsm: resultaatbladen vernieuwd\n", "", "vernieuwd"),
    "before Python ran the tool": (-signal.SIGTERM, "", "", "ongewijzigd"),
}


def outcome(process: subprocess.Popen[str], book: Path, old: str, new: str) -> tuple[str, str]:
    """What one stopped refresh did: its class and, for a wrong one, what was seen."""
    out, err = process.communicate(timeout=120)
    state = {old: "ongewijzigd", new: "vernieuwd"}.get(_digest(book), "anders")
    left = sorted(p.name for p in book.parent.iterdir() if p != book)
    seen = (process.returncode, out, err, state)
    kind = next((kind for kind, expected in EXPECTED.items() if seen == expected and not left), "wrong")
    return kind, "" if kind != "wrong" else f"exit {seen[0]}, workbook {state}, left {left}, stdout {out!r}, stderr {err!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stops", type=int, default=100)
    parser.add_argument("--within", type=float, default=0.4, help="seconds after the start")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    generator = random.Random(args.seed)
    counts: collections.Counter[str] = collections.Counter()
    moments: dict[str, list[float]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        bare, reference = Path(folder) / "kaal.xlsm", Path(folder) / "referentie.xlsm"
        workbook_builder.build(bare)
        shutil.copyfile(bare, reference)
        subprocess.run([sys.executable, "-m", "xl_ladder", "refresh", str(reference)], check=True,
                       capture_output=True, env=CHILD_ENVIRONMENT)  # also writes the bytecode cache
        old, new = _digest(bare), _digest(reference)
        book = Path(folder) / "werk" / "Kansengroepen.xlsm"
        book.parent.mkdir()
        durations = []
        for _ in range(3):
            shutil.copyfile(bare, book)
            started = time.perf_counter()
            _refresh(book).communicate()
            durations.append(time.perf_counter() - started)
        for n in range(args.stops):
            shutil.copyfile(bare, book)
            delay = generator.uniform(0, args.within)
            process = _refresh(book)
            time.sleep(delay)
            process.send_signal(signal.SIGTERM)
            kind, seen = outcome(process, book, old, new)
            counts[kind] += 1
            moments[kind].append(delay)
            if seen:
                print(f"stop {n + 1} at {delay * 1000:.0f} ms: {seen}")
    print(f"{args.stops} SIGTERMs in the first {args.within * 1000:.0f} ms of a refresh "
          f"(an unstopped refresh takes {min(durations) * 1000:.0f} ms here):")
    for kind in ("stopped", "finished", "before Python ran the tool", "wrong"):
        times = moments[kind]
        span = f" (sent {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms after the start)" if times else ""
        print(f"  {kind:<28} {counts[kind]:4}{span}")
    print(f"(load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)")
    sys.exit(1 if counts["wrong"] else 0)


if __name__ == "__main__":
    main()
