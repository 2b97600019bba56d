"""Speed of the refresh as the analyst pays it, on the shipped workbook and generated ones (not part of the tests).

    python bench/run.py [--quick]          # every figure below (about 8 minutes on 2 cores)
    python bench/run.py --profile NAME     # where one refresh of a workbook spends its time (pyinstrument)

Workbooks: the shipped one; generated ones (``bench/generate.py``, seeded) at municipal scale —
79 regions × 23 years × 76 rows, the base of the scaling figures — with 8 × the columns (632
regions: 14 536 figure columns, near Excel's limit of 16 384), with 10 × the rows (760), and
2.000 regions of one year (issue 19: region names compared for near misses, once pairwise).

For each workbook, in interleaved rounds (the order alternating, each on a fresh copy of an
already refreshed workbook, as after pressing Vernieuwen twice):

- **whole processes**, as the command line and the Excel button pay them: ``python -m xl_ladder
  refresh COPY`` against ``python -c`` running a plain openpyxl ``load_workbook(keep_vba=True)`` +
  ``save`` of the same file, the round trip the part-level writer replaces; best and median, and
  each process's peak memory, as GNU time (``/usr/bin/time``) reports it;
- **in one process** (imports done): the refresh (``workflow.refresh_file``), the base of the
  time per cell, and its split into reading, computing and writing; and the comparison of the
  region names for near misses (``names.twins``), once 89 % of a refresh at 2.000 regions.

Then, for the shipped and the municipal workbook, the live path's xlwings actions (remote engine)
and 500 worksheet-function calls. At the end every goal of issues 13 and 19 with its figure.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# xlwings' remote engine records the live path's actions; it needs this key (PolyForm
# Noncommercial licence, see README). The product's runtime does not use the remote engine.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' remote-engine helpers

from generate import FLANDERS, PROVINCE, YEARS, _measure_code, _renamed, generate  # noqa: E402

from tests import remote_book  # noqa: E402
from tests.test_functions import table_range  # noqa: E402
from xl_ladder import context, functions, model, regions, report, result_sheets  # noqa: E402
from xl_ladder.adapters import excel, udfs, workbook_builder  # noqa: E402
from xl_ladder.adapters.file_reader import read_workbook  # noqa: E402
from xl_ladder.adapters.xlsx_results import write_sheets  # noqa: E402
from xl_ladder.settings import resolve  # noqa: E402
from xl_ladder.shell import workflow  # noqa: E402
from xl_ladder.table import TABLE_NAME, parse  # noqa: E402

SHIPPED = ROOT / "workbook" / "Kansengroepen.xlsm"
BASE = "Gemeenten.xlsm"
COLUMNS = "Kolommen.xlsm"
ROWS = "Rijen.xlsm"
REGIONS = "Regio's.xlsm"


@dataclass(frozen=True)
class Workbook:
    """A benchmark workbook: how to make it and how many rounds it gets."""

    label: str
    name: str
    rounds: int
    towns: int = 64
    blocks: int = 1
    years: int = len(YEARS)
    """The latest this many years of bench/generate.py's."""
    live: bool = False
    """Also the live path's actions and worksheet-function calls."""


WORKBOOKS = [
    Workbook("shipped", SHIPPED.name, 15, live=True),
    Workbook("municipal (base)", BASE, 5, live=True),
    Workbook("8 × columns (≈ 650 regions)", COLUMNS, 2, towns=8 * 79 - 15),
    Workbook("10 × rows", ROWS, 1, blocks=10),
    Workbook("2.000 regions × 1 year", REGIONS, 3, towns=2000 - 15, years=1),
]
"""Rounds: fewer for the big ones (openpyxl takes 40–100 s a round there on a busy machine), so a run stays
under about 10 minutes."""
IN_PROCESS_ROUNDS = 3
GOAL_SPEED_UP = {SHIPPED.name: 1.5, BASE: 5.0, COLUMNS: 8.0, REGIONS: 6.0}
"""Whole processes: openpyxl load + save ÷ refresh, at least (issue 13; 2.000 regions: issue 19, where
comparing region names for near misses was pairwise)."""
GOAL_PER_CELL = 1.5
"""Refresh time per cell at 8 × the columns and at 10 × the rows, at most this many times the base's."""
GOAL_MEMORY = 1.0
"""Peak memory of the refresh ÷ openpyxl's on the municipal and larger workbooks, at most."""
GOAL_COMPUTE_SHARE = 0.05
"""Computing should take at most this share of the in-process refresh of the municipal workbook."""
TIME = "/usr/bin/time"
"""GNU time (Debian: apt-get install time), for each process's peak memory."""
OPENPYXL = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1], keep_vba=True).save(sys.argv[2])"
CHILD_ENVIRONMENT = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""The processes run as on an analyst's machine, with Python's bytecode cache: some shells (this
workplace's among them) set PYTHONDONTWRITEBYTECODE, which makes every process compile the tool's
modules anew (about 80 ms of a 300 ms refresh) while openpyxl's, installed by pip, are compiled."""


def whole_process(command: list[str]) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one process running ``command``; its output is dropped.

    The peak comes from GNU time between this process and ``command``: on Linux a child's own
    ``ru_maxrss`` starts at the size of the process that started it (this one holds the big
    generated workbooks), so ``os.wait4`` would report this process's size, not the child's.
    """
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        done = subprocess.run([TIME, "-f", "%M", "-o", peak.name, *command], check=False,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=CHILD_ENVIRONMENT)
        seconds = time.perf_counter() - start
        if done.returncode:  # the generated workbooks' warnings (regions without a role) are expected, failures not
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
        return seconds, int(peak.read().split()[-1]) / 1024  # kB


def refresh_process(path: Path) -> tuple[float, float]:
    return whole_process([sys.executable, "-m", "xl_ladder", "refresh", str(path)])


def openpyxl_process(path: Path) -> tuple[float, float]:
    return whole_process([sys.executable, "-c", OPENPYXL, str(path), str(path.with_name("openpyxl-" + path.name))])


def stage_times(path: Path) -> dict[str, float]:
    """One refresh of ``path`` in this process, the steps of ``workflow.refresh_file`` timed in three stages.

    read = file_reader.read_workbook + the checks of ``pipeline.check_raw`` (table.parse,
    context.parse, regions.of_tables and check, settings.resolve, result_sheets); compute = model.compute +
    report.build (the result sheets as layouts); write = xlsx_results.write_sheets. Also, within
    read, regions.of_tables and check alone: the region names compared for near misses.
    """
    times = {}
    start = time.perf_counter()
    book = read_workbook(path)
    table, problems = parse(book.table)
    found, context_problems = context.parse(book.extra)
    checked = time.perf_counter()
    others = [raw for name, raw in book.extra.items() if name != context.CONTEXT_TABLE]
    known = regions.of_tables(book.table, book.extra.get(context.CONTEXT_TABLE), others)
    problems += regions.check(known)
    times["region names"] = time.perf_counter() - checked
    settings, setting_problems = resolve(book.settings, table, known)
    problems += result_sheets.input_on_result_sheets({TABLE_NAME: book.table, **book.extra})
    times["read"] = time.perf_counter() - start
    assert settings is not None, "the benchmark workbooks have no input errors"
    start = time.perf_counter()
    layouts = report.build(model.compute(table, settings), problems + setting_problems + context_problems, found)
    times["compute"] = time.perf_counter() - start
    start = time.perf_counter()
    write_sheets(path, path, layouts)
    times["write"] = time.perf_counter() - start
    return times


def start_up(rounds: int = 7) -> str:
    """The best of ``rounds`` whole processes: Python alone, and ``xl-ladder --help`` (no numpy: each
    command imports what it needs, issue 13)."""
    def best(command: list[str]) -> float:
        return min(whole_process(command)[0] for _ in range(rounds))

    python = best([sys.executable, "-c", "pass"])
    help_ = best([sys.executable, "-m", "xl_ladder", "--help"])
    return f"start-up (best of {rounds}): python -c pass {python * 1000:.0f} ms, xl-ladder --help {help_ * 1000:.0f} ms"


def warm_up() -> None:
    """One untimed run of each process on the shipped workbook: Python, numpy and openpyxl in the page
    cache, the tool's bytecode written."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / SHIPPED.name
        for run in (refresh_process, openpyxl_process):
            shutil.copyfile(SHIPPED, copy)
            run(copy)


def refresh_in_process(path: Path) -> float:
    start = time.perf_counter()
    workflow.refresh_file(path)
    return time.perf_counter() - start


@dataclass
class Figures:
    """Every timing of one workbook over the rounds (seconds), and peak memory (MB)."""

    cells: int
    size: int
    times: dict[str, list[float]] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)

    def add(self, step: str, seconds: float) -> None:
        self.times.setdefault(step, []).append(seconds)

    def best(self, step: str) -> float:
        return min(self.times[step])

    def median(self, step: str) -> float:
        return statistics.median(self.times[step])


def rounds_of(source: Path, rounds: int, cells: int) -> Figures:
    """Interleaved rounds on fresh copies of ``source``.

    A round runs the refresh process and the openpyxl process (their order alternating), then the
    in-process refresh and stages, so a slow spell of the shared machine hits both sides of a ratio.
    The in-process steps get at least :data:`IN_PROCESS_ROUNDS` rounds (they are cheap) after an
    untimed one (imports, caches), with this process's own objects frozen out of the garbage
    collector's way, as in a fresh process; the processes have their untimed run in :func:`warm_up`
    only, as an analyst's second refresh of the day would.
    """
    figures = Figures(cells, source.stat().st_size)
    processes: list[tuple[str, Callable[[Path], tuple[float, float]]]] = [
        ("refresh process", refresh_process), ("openpyxl process", openpyxl_process)]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / source.name

        def fresh() -> Path:
            shutil.copyfile(source, copy)
            return copy

        gc.collect()
        gc.freeze()
        for round_ in range(max(rounds, IN_PROCESS_ROUNDS) + 1):
            for step, run in (processes[::(-1) ** round_] if 0 < round_ <= rounds else []):
                seconds, peak = run(fresh())
                figures.memory[step] = max(peak, figures.memory.get(step, 0.0))
                figures.add(step, seconds)
            spent = {"refresh in process": refresh_in_process(fresh()), **stage_times(fresh())}
            for step, seconds in spent.items():
                if round_:
                    figures.add(step, seconds)
    gc.unfreeze()
    return figures


def _actions(workbook: Path) -> tuple[int, float]:
    """The number of actions one live refresh sends to Excel (recorded by xlwings' remote engine), and its time."""
    book = remote_book.open_book(workbook, charts={"Treden": ["Grafiek treden"], "Trend": ["Grafiek trend"]})
    start = time.perf_counter()
    excel.refresh(book)
    return len(remote_book.actions(book)), time.perf_counter() - start


def longer(target: Path, times: int = 3) -> int:
    """The shipped table ``times`` over, built as ``target``: each copy after the first continues the measure
    codes and renames its aggregates (``DGK-2``), as bench/generate.py's blocks do, and the first copy's rungs add up
    the copies' (``trede 5 + trede-5-2 + trede-5-3``: no measure counted nowhere). Returns its rows."""
    with workbook_builder.DEFAULT_DATA.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    measures = [row[0] for row in rows if row[0] and not row[2]]
    table = [header]
    for b in range(times):
        renamed = {code: _measure_code(b * len(measures) + n) for n, code in enumerate(measures)}
        renamed |= {row[0]: row[0] if b == 0 else f"{row[0].replace(' ', '-')}-{b + 1}" for row in rows if row[0] and row[2]}
        table += [[renamed.get(row[0], row[0]), row[1], _renamed(row[2], renamed), *row[3:]] for row in rows]
    for row in table[1:len(rows) + 1]:  # every measure counted once: each rung of the first copy holds the copies' rungs
        if row[0].startswith("trede "):
            row[2] += "".join(f" + {row[0].replace(' ', '-')}-{b + 1}" for b in range(1, times))
    data = target.with_suffix(".csv")
    with data.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    workflow.ship(target, data)  # built and refreshed, as the shipped one
    return len(table) - 1


def live_path_actions(workbook: Path) -> str:
    """The live path's actions on ``workbook``: for the shipped one also on its table three times over, for
    the generated one on the same rows with only two regions and two years. The result sheets' calls do not
    grow with rows, regions or years: Excel fits the heights of wrapped rows in one call per sheet."""
    count, seconds = _actions(workbook)
    found = f"{count} actions, built in {seconds * 1000:.1f} ms"
    if workbook.name == SHIPPED.name:
        with tempfile.TemporaryDirectory() as folder:
            three = Path(folder) / "Drievoud.xlsm"
            length = longer(three)
            return found + f"; the table 3 × longer ({length} rows, 3 × the aggregates): {_actions(three)[0]} actions"
    if workbook.name != BASE:
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


def show(workbook: Workbook, path: Path, figures: Figures) -> None:
    """Print the figures of one workbook."""
    rounds, in_process = len(figures.times["refresh process"]), len(figures.times["refresh in process"])
    print(f"\n{workbook.label}: {path.name} ({figures.size / 1024:,.0f} kB, {figures.cells:,} figure cells), "
          f"{rounds} rounds (best / median), {in_process} in process")
    for step in ("refresh process", "openpyxl process"):
        print(f"  {step:<24} {figures.best(step) * 1000:9.0f} / {figures.median(step) * 1000:6.0f} ms"
              f"   peak memory {figures.memory[step]:7.0f} MB")
    print(f"  openpyxl ÷ refresh       {_speed_up(figures, min):9.1f} / {_speed_up(figures, statistics.median):6.1f} ×")
    print(f"  refresh in process       {figures.best('refresh in process') * 1000:9.1f} ms "
          f"({figures.best('refresh in process') / figures.cells * 1e9:.0f} ns a cell)")
    stages = {step: figures.best(step) for step in ("read", "compute", "write")}
    for stage, seconds in stages.items():
        print(f"    {stage:<22} {seconds * 1000:9.1f} ms  {seconds / sum(stages.values()):6.1%} of read + compute + write")
    print(f"    of which region names {figures.best('region names') * 1000:9.1f} ms  (regions.check: near misses, in read)")
    if workbook.live:
        for label, action in LIVE.items():
            print(f"  {label}: {action(path)}")


def _speed_up(figures: Figures, pick: Callable[[list[float]], float]) -> float:
    return pick(figures.times["openpyxl process"]) / pick(figures.times["refresh process"])


def goals(measured: dict[str, Figures]) -> None:
    """Every goal of issues 13 and 19 next to its figure."""
    print("\ngoals (issues 13 and 19; whole processes unless said otherwise)")
    for name, goal in GOAL_SPEED_UP.items():
        best, median = _speed_up(measured[name], min), _speed_up(measured[name], statistics.median)
        print(f"  {name:<22} openpyxl ÷ refresh  {best:5.1f} / {median:5.1f} ×  (best / median)   goal ≥ {goal:g} ×"
              f"   {_verdict(min(best, median) >= goal)}")
    base = measured[BASE]
    per_cell = base.best("refresh in process") / base.cells
    for name, what in ((COLUMNS, "8 × columns"), (ROWS, "10 × rows")):
        ratio = measured[name].best("refresh in process") / measured[name].cells / per_cell
        print(f"  time per cell, {what:<12} ÷ base  {ratio:5.2f}  (in process)      goal ≤ {GOAL_PER_CELL:g}"
              f"        {_verdict(ratio <= GOAL_PER_CELL)}")
    for name in (BASE, COLUMNS, ROWS):
        memory = measured[name].memory
        ratio = memory["refresh process"] / memory["openpyxl process"]
        print(f"  {name:<22} peak memory refresh ÷ openpyxl  {ratio:4.2f} ({memory['refresh process']:.0f} MB / "
              f"{memory['openpyxl process']:.0f} MB)   goal ≤ {GOAL_MEMORY:g}   {_verdict(ratio <= GOAL_MEMORY)}")
    stages = {step: base.best(step) for step in ("read", "compute", "write")}
    share = stages["compute"] / sum(stages.values())
    print(f"  {BASE:<22} computing, share of the refresh  {share:.1%}   goal ≤ {GOAL_COMPUTE_SHARE:.0%}"
          f"   {_verdict(share <= GOAL_COMPUTE_SHARE)}")


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


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
    parser.add_argument("--quick", action="store_true", help="one round per workbook (a try, not figures)")
    parser.add_argument("--profile", metavar="NAME", choices=[w.name for w in WORKBOOKS],
                        help="profile one refresh of this workbook instead")
    args = parser.parse_args()
    started = time.perf_counter()
    measured: dict[str, Figures] = {}
    if not args.profile:
        warm_up()
        print(start_up())
    with tempfile.TemporaryDirectory() as folder:
        for workbook in WORKBOOKS:
            if args.profile and workbook.name != args.profile:
                continue
            path = SHIPPED if workbook.name == SHIPPED.name else Path(folder) / workbook.name
            if path != SHIPPED:
                generate(path, towns=workbook.towns, blocks=workbook.blocks, years=YEARS[-workbook.years:])
            if args.profile:
                profile(path)
                return
            rows = parse(read_workbook(path).table)[0]
            measured[workbook.name] = rounds_of(path, 1 if args.quick else workbook.rounds,
                                                len(rows.rows) * len(rows.columns))
            show(workbook, path, measured[workbook.name])
    goals(measured)
    print(f"\n({time.perf_counter() - started:.0f} s, load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}"
          f" on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
