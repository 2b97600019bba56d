"""The ``xl-ladder`` command: compute, check and build the workbook without Excel.

Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 wrong use of the command,
3 the workbook could not be written (it is then left as it was).

Each command imports what it needs when it runs (``--help`` not even numpy): a refresh or a check
never loads the workbook builder (xlwings, XlsxWriter) nor pandas, which took most of a refresh's
start-up (issue 13: ``xl-ladder --help`` 0.4 s, a refresh of the shipped workbook 0.43 s against
openpyxl's 0.21 s).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..problems import Severity, os_error_text
from .stopping import message as stop_message
from .stopping import stoppable

if TYPE_CHECKING:
    from ..pipeline import Checked

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3


def _report(checked: Checked) -> None:
    """Problems to stderr, errors first, one per line."""
    for problem in sorted(checked.problems, key=lambda p: p.severity is not Severity.ERROR):
        print(problem, file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    from .workflow import check_file

    checked = check_file(args.workbook)
    _report(checked)
    errors = sum(p.severity is Severity.ERROR for p in checked.problems)
    warnings = len(checked.problems) - errors
    print(f"{args.workbook.name}: {errors} fout(en), {warnings} waarschuwing(en)")
    return EXIT_INPUT if errors else EXIT_OK


def _compute(args: argparse.Namespace) -> int:
    from .workflow import check_file

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
    from ..adapters.xlsx_package import WriteError
    from .workflow import refresh_file

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
    from ..adapters import workbook_builder  # xlwings and XlsxWriter: only this command needs them
    from .workflow import ship

    data = args.data or workbook_builder.DEFAULT_DATA
    checked = ship(args.output, data)
    _report(checked)
    print(f"{args.output} gebouwd uit {data.name}")
    return EXIT_OK if checked.ladder is not None else EXIT_INPUT


_ARGPARSE_DUTCH = [
    (r"the following arguments are required: (.*)", r"ontbrekend argument: \1"),
    (r"unrecognized arguments: (.*)", r"onbekend argument: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1: ongeldige keuze \2 (kies uit \3)"),
    (r"argument (\S+): expected one argument", r"\1: hier hoort een waarde bij"),
    (r"argument (\S+): (.*)", r"\1: \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"dubbelzinnige optie \1: kan \2 zijn"),
]
"""argparse's English usage errors (Python 3.11–3.13) and their Dutch words; an unknown one is shown as it is."""


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]  # argparse's own
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _DutchParser(argparse.ArgumentParser):
    """argparse speaking Dutch: usage, help and errors (wrong use of the command exits 2, as argparse does)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, add_help=False, formatter_class=_HelpFormatter, **kwargs)  # type: ignore[misc, arg-type]
        self._positionals.title, self._optionals.title = "argumenten", "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        for english, dutch in _ARGPARSE_DUTCH:
            if re.fullmatch(english, message, re.S):
                message = re.sub(english, dutch, message, flags=re.S)
                break
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    main = _DutchParser(prog="xl-ladder", description="Kansengroepen op de participatieladder.")
    commands = main.add_subparsers(dest="command", required=True, metavar="opdracht",
                                   title="opdrachten", parser_class=_DutchParser)
    refresh = commands.add_parser("refresh", help="vernieuw de resultaatbladen (Ladder, Treden, Controle, …)")
    refresh.add_argument("workbook", type=Path, metavar="werkmap")
    refresh.add_argument("--output", type=Path, metavar="PAD", help="schrijf de vernieuwde werkmap hierheen, niet "
                                                                   "over de werkmap zelf")
    refresh.set_defaults(run=_refresh)
    check = commands.add_parser("check", help="controleer de werkmap en toon elk probleem")
    check.add_argument("workbook", type=Path, metavar="werkmap")
    check.set_defaults(run=_check)
    compute = commands.add_parser("compute", help="toon de resultaten als tabel (csv of json)")
    compute.add_argument("workbook", type=Path, metavar="werkmap")
    compute.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (standaard) of json")
    compute.set_defaults(run=_compute)
    build = commands.add_parser("build-workbook", help="bouw de meegeleverde werkmap (opnieuw) uit een CSV met maatregelen")
    build.add_argument("--output", type=Path, default=Path("workbook/Kansengroepen.xlsm"), metavar="PAD")
    build.add_argument("--data", type=Path, metavar="CSV")  # default: the shipped measure CSV (see ship)
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
