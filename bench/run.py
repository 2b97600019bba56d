"""Speed of the refresh on the shipped workbook and on a large generated one (not part of the tests).

    python bench/run.py [--runs 5] [--seconds 3]   # the figures below, for both workbooks
    python bench/run.py --profile       # where one refresh of the large workbook spends its time (pyinstrument)

For each workbook: the refresh (``workflow.refresh_file`` on a copy) against a plain openpyxl
``load_workbook(keep_vba=True)`` + ``save`` of the same file — the round trip the part-level
writer replaces, so their ratio is the speed-up users get — and how the refresh splits into
reading, computing and writing. Every figure is the best (time.perf_counter) of at least ``--runs``
rounds and ``--seconds`` of rounds (the small workbook gets many), after one untimed round; a round
times the refresh, the round trip and the three stages one after the other, each on a fresh copy
of an already refreshed workbook (as after pressing Vernieuwen twice).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# xlwings' remote engine records the live path's actions; it needs this key (PolyForm
# Noncommercial licence, see README). The product's runtime does not use the remote engine.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' remote-engine helpers

import openpyxl  # noqa: E402

from generate import FLANDERS, PROVINCE, generate  # noqa: E402
from tests import remote_book  # noqa: E402
from tests.test_functions import table_range  # noqa: E402
from xl_ladder import context, functions, model, report, workflow  # noqa: E402
from xl_ladder.adapters import excel, udfs  # noqa: E402
from xl_ladder.adapters.file_reader import read_workbook  # noqa: E402
from xl_ladder.adapters.xlsx_package import write_sheets  # noqa: E402
from xl_ladder.settings import resolve  # noqa: E402
from xl_ladder.table import parse  # noqa: E402

SHIPPED = Path(__file__).resolve().parent.parent / "workbook" / "Kansengroepen.xlsm"
LARGE = "Groot.xlsm"
GOAL_SPEED_UP = 5.0
"""The refresh should be at least this many times faster than the openpyxl round trip."""
GOAL_COMPUTE_SHARE = 0.05
"""Computing should take at most this share of the refresh of the large workbook."""


def stage_times(path: Path) -> dict[str, float]:
    """One refresh of ``path``, the steps of ``workflow.refresh_file`` timed in three stages.

    read = file_reader.read_workbook + table.parse + settings.resolve + context.parse;
    compute = model.compute + report.build (the result sheets as layouts); write = xlsx_package.write_sheets.
    """
    times = {}
    start = time.perf_counter()
    book = read_workbook(path)
    table, problems = parse(book.table)
    settings, setting_problems = resolve(book.settings, table)
    found, context_problems = context.parse(book.extra)
    times["read"] = time.perf_counter() - start
    assert settings is not None, "the benchmark workbooks have no input errors"
    start = time.perf_counter()
    layouts = report.build(model.compute(table, settings), problems + setting_problems + context_problems, found)
    times["compute"] = time.perf_counter() - start
    start = time.perf_counter()
    write_sheets(path, path, layouts)
    times["write"] = time.perf_counter() - start
    return times


def refresh(path: Path) -> dict[str, float]:
    start = time.perf_counter()
    workflow.refresh_file(path)
    return {"refresh": time.perf_counter() - start}


def openpyxl_round_trip(path: Path) -> dict[str, float]:
    start = time.perf_counter()
    openpyxl.load_workbook(path, keep_vba=True).save(path.with_name("openpyxl-" + path.name))
    return {"openpyxl": time.perf_counter() - start}


def best_of(source: Path, runs: int, seconds: float,
            works: list[Callable[[Path], dict[str, float]]]) -> tuple[dict[str, float], int]:
    """Best time of each measured step, and the number of rounds.

    A round runs every one of ``works`` once, each on a fresh copy of ``source``, so a slow
    spell of the machine hits all of them alike (their ratios are what the benchmark reports).
    Rounds repeat until there are ``runs`` of them and ``seconds`` have passed; one untimed
    round goes first (first-call costs: imports, caches, the file in the page cache).
    """
    best: dict[str, float] = {}
    rounds, started = 0, None
    with tempfile.TemporaryDirectory() as folder:
        while rounds < runs or time.perf_counter() - started < seconds:
            for work in works:
                copy = Path(folder) / source.name
                shutil.copyfile(source, copy)
                for step, spent in work(copy).items():
                    if started is not None:
                        best[step] = min(spent, best.get(step, spent))
            if started is None:
                started = time.perf_counter()
            else:
                rounds += 1
    return best, rounds


def _actions(workbook: Path) -> tuple[int, float]:
    """The number of actions one live refresh sends to Excel (recorded by xlwings' remote engine), and its time."""
    book = remote_book.open_book(workbook, charts={"Treden": ["Grafiek treden"], "Trend": ["Grafiek trend"]})
    start = time.perf_counter()
    excel.refresh(book)
    return len(remote_book.actions(book)), time.perf_counter() - start


def live_path_actions(workbook: Path) -> str:
    """The live path's actions on ``workbook``, and on the same rows with only two regions and two years
    (for the generated workbook): equal counts show they do not grow with regions or years."""
    count, seconds = _actions(workbook)
    found = f"{count} actions, built in {seconds * 1000:.1f} ms"
    if workbook.name != LARGE:
        return found
    cut = workbook.with_name("Klein.xlsm")
    rows = generate(cut, keep={f"{region} {year}" for region in (PROVINCE, FLANDERS) for year in (2024, 2025)})
    return found + f"; the same {len(rows)} rows for 2 regions × 2 years: {_actions(cut)[0]} actions"


def udf_calls(workbook: Path, calls: int = 500) -> str:
    """Time of ``calls`` worksheet-function calls over the workbook's table, and the table cache's hit ratio."""
    rows = table_range(workbook)
    ladder = functions.ladder_of(rows)
    codes = [row.code for row in ladder.table.rows if row.code]
    regions, years = ladder.table.regions, ladder.table.years
    before = functions.cache_info()
    start = time.perf_counter()
    for i in range(calls):  # Excel hands every call its own copy of the range
        udfs.LADDER_WAARDE(codes[i % len(codes)], regions[i % len(regions)], years[i % len(years)],
                           [list(row) for row in rows])
    seconds = time.perf_counter() - start
    after = functions.cache_info()
    hits, misses = after.hits - before.hits, after.misses - before.misses
    return f"{seconds * 1000:.1f} ms ({seconds / calls * 1e6:.0f} µs a call), cache hits {hits / (hits + misses):.1%}"


LIVE: dict[str, Callable[[Path], str]] = {
    "live-path xlwings actions": live_path_actions,
    "500 UDF calls + cache hit ratio": udf_calls,
}


def measure(path: Path, runs: int, seconds: float) -> tuple[float, float]:
    """Print every figure for one workbook; return the speed-up over openpyxl and the compute share."""
    best, rounds = best_of(path, runs, seconds, [refresh, openpyxl_round_trip, stage_times])
    refreshed, round_trip = best.pop("refresh"), best.pop("openpyxl")
    stages = best
    total = sum(stages.values())
    print(f"\n{path.name} ({path.stat().st_size / 1024:,.0f} kB), best of {rounds} rounds")
    print(f"  refresh                     {refreshed * 1000:9.1f} ms")
    print(f"  openpyxl load + save        {round_trip * 1000:9.1f} ms")
    print(f"  openpyxl / refresh          {round_trip / refreshed:9.1f} ×   (goal ≥ {GOAL_SPEED_UP:g} ×)")
    for stage, seconds in stages.items():
        print(f"  {stage:<26}  {seconds * 1000:9.1f} ms  {seconds / total:6.1%} of read + compute + write")
    for label, action in LIVE.items():
        print(f"  {label}: {action(path)}")
    return round_trip / refreshed, stages["compute"] / total


def profile(path: Path) -> None:
    """Print where one refresh of ``path`` spends its time."""
    from pyinstrument import Profiler  # optional: pip install pyinstrument

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        workflow.refresh_file(copy)  # warm: imports and caches, as in the timed runs
        profiler = Profiler(interval=0.0005)
        with profiler:
            workflow.refresh_file(copy)
    print(profiler.output_text(unicode=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="at least this many timed rounds per workbook")
    parser.add_argument("--seconds", type=float, default=3.0, help="and at least this long per workbook")
    parser.add_argument("--profile", action="store_true", help="profile one refresh of the large workbook instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / LARGE
        generate(large)
        if args.profile:
            profile(large)
            return
        shipped_speed_up, _ = measure(SHIPPED, max(args.runs, 1), args.seconds)
        large_speed_up, compute_share = measure(large, max(args.runs, 1), args.seconds)
    print(f"\ngoals: refresh ≥ {GOAL_SPEED_UP:g} × faster than openpyxl on both workbooks: "
          f"{_verdict(min(shipped_speed_up, large_speed_up) >= GOAL_SPEED_UP)}; "
          f"computing ≤ {GOAL_COMPUTE_SHARE:.0%} of the refresh on the large one ({compute_share:.1%}): "
          f"{_verdict(compute_share <= GOAL_COMPUTE_SHARE)}")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


if __name__ == "__main__":
    main()
