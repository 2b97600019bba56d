"""The ``xl-ladder`` command: compute, check and build the workbook without Excel.

Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 wrong use of the command,
3 the workbook could not be written (it is then left as it was).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from ..adapters import workbook_builder
from ..adapters.xlsx_package import WriteError
from ..pipeline import Checked
from ..problems import Severity, os_error_text
from .stopping import message as stop_message, stoppable
from .workflow import check_file, refresh_file, ship

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3


def _report(checked: Checked) -> None:
    """Problems to stderr, errors first, one per line."""
    for problem in sorted(checked.problems, key=lambda p: p.severity is not Severity.ERROR):
        print(problem, file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    checked = check_file(args.workbook)
    _report(checked)
    errors = sum(p.severity is Severity.ERROR for p in checked.problems)
    warnings = len(checked.problems) - errors
    print(f"{args.workbook.name}: {errors} fout(en), {warnings} waarschuwing(en)")
    return EXIT_INPUT if errors else EXIT_OK


def _compute(args: argparse.Namespace) -> int:
    checked = check_file(args.workbook)
    _report(checked)
    if checked.ladder is None:
        return EXIT_INPUT
    frame = checked.ladder.tidy()
    if args.format == "csv":
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        records = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
            for record in json.loads(frame.to_json(orient="records", force_ascii=False))
        ]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        print()
    return EXIT_OK


def _refresh(args: argparse.Namespace) -> int:
    try:
        checked = refresh_file(args.workbook, args.output)
    except WriteError as error:
        print(f"fout: {error}", file=sys.stderr)
        return EXIT_WRITE
    _report(checked)
    if checked.ladder is None:
        print("niets geschreven: los eerst de fouten op", file=sys.stderr)
        return EXIT_INPUT
    print(f"{(args.output or args.workbook).name}: resultaatbladen vernieuwd")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    checked = ship(args.output, args.data)
    _report(checked)
    print(f"{args.output} gebouwd uit {args.data.name}")
    return EXIT_OK if checked.ladder is not None else EXIT_INPUT


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = argparse.ArgumentParser(prog="xl-ladder", description="Kansengroepen op de participatieladder.")
    commands = main.add_subparsers(dest="command", required=True)
    refresh = commands.add_parser("refresh", help="rewrite the result sheets (Ladder, Treden, Controle)")
    refresh.add_argument("workbook", type=Path)
    refresh.add_argument("--output", type=Path, help="write the refreshed workbook here instead of in place")
    refresh.set_defaults(run=_refresh)
    check = commands.add_parser("check", help="validate the workbook and list every problem")
    check.add_argument("workbook", type=Path)
    check.set_defaults(run=_check)
    compute = commands.add_parser("compute", help="print the results as a tidy table")
    compute.add_argument("workbook", type=Path)
    compute.add_argument("--format", choices=("csv", "json"), default="csv")
    compute.set_defaults(run=_compute)
    build = commands.add_parser("build-workbook", help="(re)build the shipped workbook from a measure CSV")
    build.add_argument("--output", type=Path, default=Path("workbook/Kansengroepen.xlsm"))
    build.add_argument("--data", type=Path, default=workbook_builder.DEFAULT_DATA)
    build.set_defaults(run=_build)
    return main


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        with stoppable():
            return args.run(args)
    except KeyboardInterrupt:
        text, code = stop_message()
        print(f"fout: {text}", file=sys.stderr)
        return code
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        print(f"fout: {error.filename or ''}: {os_error_text(error)}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
