"""The ``xl-ladder`` command: compute, check and build the workbook without Excel.

Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 wrong use of the command,
3 the workbook could not be written (it is then left as it was).

Each command imports what it needs when it runs (``--help`` not even numpy): a refresh or a check
never loads the workbook builder (xlwings, XlsxWriter) nor pandas, which once took most of a
refresh's start-up (issue 13; ``bench/run.py`` prints the start-up of ``xl-ladder --help``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .. import __version__
from ..problems import Severity, os_error_text
from . import stopping

if TYPE_CHECKING:
    import pandas as pd

    from ..catalogue import Figure
    from ..pipeline import Checked

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_WRITE = 0, 1, 2, 3
WORKBOOK_HELP = "het Excel-bestand (.xlsm of .xlsx) met de tabel Maatregelen"


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
        neutralised(frame).to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        json.dump(_records(frame, checked), sys.stdout, ensure_ascii=False, indent=1)
        print()
    return EXIT_OK


def _records(frame: pd.DataFrame, checked: Checked) -> list[dict[str, Any]]:
    """The tidy table as JSON records (no data as null), each with its figure as the edition prints it and where
    it comes from (the catalogue's ``printed`` and ``source``)."""
    from ..catalogue import Edition

    assert checked.ladder is not None
    edition = Edition(checked.ladder, checked.context)
    records: list[dict[str, Any]] = [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}
        for record in json.loads(frame.to_json(orient="records", force_ascii=False))
    ]
    for record in records:
        record.update(_located(edition.row_figure(record["row"] - 1, record["region"], record["year"])))
    return records


def _located(figure: Figure | None) -> dict[str, str | None]:
    """A figure's printed form and source for JSON: null where there is none."""
    if figure is None:
        return {"printed": None, "source": None}
    return {"printed": figure.printed or None, "source": figure.source or None}


def _input_errors(checked: Checked) -> bool:
    """Report the problems; True (and say that nothing was written) when errors stop the command."""
    _report(checked)
    if checked.ladder is None:
        print("niets geschreven: los eerst de fouten op", file=sys.stderr)
    return checked.ladder is None


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell text starts that a spreadsheet opening the CSV would run as a formula (CSV injection)."""


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """The tidy table with every text that a spreadsheet would take for a formula (``=HYPERLINK(…)``, ``+``,
    ``-``, ``@``, a tab) prefixed with an apostrophe, the usual defence: opened in Excel the CSV shows the
    text instead of running it. Numbers stay numbers; JSON is written exact."""
    def safe(value: object) -> object:
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value

    texts = frame.select_dtypes(exclude=["number", "bool"]).columns
    return frame.assign(**{name: frame[name].map(safe) for name in texts})


def _refresh(args: argparse.Namespace) -> int:
    from ..adapters.file_writer import WriteError
    from .workflow import refresh_file

    stopping.finished_when_replaced(args.output or args.workbook)
    try:
        checked = refresh_file(args.workbook, args.output)
    except WriteError as error:
        print(f"fout: {error}", file=sys.stderr)
        return EXIT_WRITE
    if _input_errors(checked):
        return EXIT_INPUT
    written = args.output or args.workbook
    print(f"{written.name}: resultaatbladen vernieuwd")
    _warn_if_not_importable(written)
    return EXIT_OK


def _publish(args: argparse.Namespace) -> int:
    from ..adapters.file_writer import WriteError
    from ..adapters.libreoffice import LibreOfficeError
    from .publish import publish

    return _writes("publicatiepagina", lambda: publish(args.workbook, args.output), LibreOfficeError, WriteError)


def _press_release(args: argparse.Namespace) -> int:
    from ..adapters.file_writer import WriteError
    from .press_release import write_press_release

    def write() -> tuple[Checked, list[Path]]:
        checked, _, written = write_press_release(args.workbook, args.output)
        return checked, [written] if written else []

    return _writes("persbericht", write, WriteError)


def _writes(what: str, write: Callable[[], tuple[Checked, list[Path]]], *failures: type[Exception]) -> int:
    """Run a command that writes files from the workbook: exit 3 (nothing written) when they cannot be written,
    1 with the input's errors."""
    try:
        checked, written = write()
    except failures as error:
        print(f"fout: {error}; er is niets geschreven", file=sys.stderr)
        return EXIT_WRITE
    if _input_errors(checked):
        return EXIT_INPUT
    print(f"{what} geschreven: {', '.join(str(path) for path in written)}")
    return EXIT_OK


def _check_text(args: argparse.Namespace) -> int:
    from ..adapters.documents import DocumentError
    from ..press_check import WRONG, report
    from .press_release import check_press_text

    try:
        checked, findings = check_press_text(args.text, args.workbook)
    except DocumentError as error:
        print(f"fout: {error}", file=sys.stderr)
        return EXIT_USAGE
    _report(checked)
    if findings is None:
        print("niets nagekeken: los eerst de fouten in de werkmap op", file=sys.stderr)
        return EXIT_INPUT
    if not findings:
        print(f"waarschuwing: {args.text.name}: geen cijfers of vergelijkingen gevonden om na te kijken", file=sys.stderr)
    if args.format == "json":
        json.dump([finding.as_json() for finding in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"Nakijken van {args.text.name} tegen {args.workbook.name}")
        print("\n".join(report(findings)))
    return EXIT_INPUT if any(finding.verdict == WRONG for finding in findings) else EXIT_OK


def _warn_if_not_importable(workbook: Path) -> None:
    """A macro workbook whose name the VBA button cannot import gets a Dutch warning (the exit stays 0)."""
    from .quickstart import importable, not_importable_warning

    if workbook.suffix.lower() == ".xlsm" and not importable(workbook):
        print(not_importable_warning(workbook), file=sys.stderr)


def _quickstart(args: argparse.Namespace) -> int:
    from .quickstart import WORKBOOK, quickstart

    def write() -> Checked:
        checked, (key, interpreter) = quickstart(args.folder, args.overwrite)
        if checked.ladder is not None:
            workbook = args.folder / WORKBOOK
            print(f"{workbook} en {workbook.with_suffix('.py').name} geschreven; de knop Vernieuwen start "
                  f"{interpreter} ({key} op het blad xlwings.conf)")
        return checked

    return _shipped(write)


def _build(args: argparse.Namespace) -> int:
    from ..adapters import workbook_builder  # xlwings and XlsxWriter: only this command needs them
    from .workflow import ship

    def write() -> Checked:
        data = args.data or workbook_builder.DEFAULT_DATA
        checked = ship(args.output, data)
        if checked.ladder is not None:
            print(f"{args.output} en {args.output.with_suffix('.py').name} gebouwd uit {data.name}")
        return checked

    return _shipped(write)


def _shipped(write: Callable[[], Checked]) -> int:
    """Run a command that writes the workbook and its module: its exit code, problems and refusals in Dutch."""
    from ..adapters.file_writer import WriteError

    try:
        checked = write()
    except WriteError as error:
        print(f"fout: {error}", file=sys.stderr)
        return EXIT_WRITE
    return EXIT_INPUT if _input_errors(checked) else EXIT_OK


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
    main.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                      help="toon het versienummer van xl_ladder en stop")
    commands = main.add_subparsers(dest="command", required=True, metavar="opdracht",
                                   title="opdrachten", parser_class=_DutchParser)
    refresh = commands.add_parser("refresh", help="vernieuw de resultaatbladen (Ladder, Treden, Controle, …)")
    refresh.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    refresh.add_argument("--output", type=Path, metavar="PAD", help="schrijf de vernieuwde werkmap hierheen, niet "
                                                                   "over de werkmap zelf")
    refresh.set_defaults(run=_refresh)
    check = commands.add_parser("check", help="controleer de werkmap en toon elk probleem")
    check.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    check.set_defaults(run=_check)
    compute = commands.add_parser("compute", help="toon de resultaten als tabel (csv of json)")
    compute.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    compute.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (standaard) of json")
    compute.set_defaults(run=_compute)
    publish = commands.add_parser("publish", help="schrijf de publicatiepagina als PDF en PNG (met LibreOffice)")
    publish.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    publish.add_argument("--output", type=Path, metavar="MAP", help="schrijf de PDF en de PNG in deze map, niet naast "
                                                                    "de werkmap")
    publish.set_defaults(run=_publish)
    press = commands.add_parser("persbericht", help="schrijf een ontwerp van persbericht (.docx) uit de werkmap")
    press.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    press.add_argument("--output", type=Path, metavar="BESTAND.docx",
                       help="waar het persbericht komt (standaard: naast de werkmap, <werkmap>-persbericht-<jaar>.docx)")
    press.set_defaults(run=_press_release)
    check_text = commands.add_parser(
        "nakijken", help="kijk de cijfers van een persbericht (.docx, .txt, .md, .pdf) na tegen de werkmap",
        description="Elk cijfer en elke vergelijking in de tekst wordt gezocht in de werkmap en beoordeeld: klopt, wijkt "
                    "af of niet in de werkmap. Exitcode 0 als niets afwijkt, 1 als iets afwijkt.")
    check_text.add_argument("text", type=Path, metavar="tekst", help="het persbericht: .docx, .txt, .md of .pdf")
    check_text.add_argument("workbook", type=Path, metavar="werkmap", help=WORKBOOK_HELP)
    check_text.add_argument("--format", choices=("tekst", "json"), default="tekst", help="tekst (standaard) of json")
    check_text.set_defaults(run=_check_text)
    build = commands.add_parser(
        "build-workbook", help="bouw de meegeleverde werkmap (opnieuw) uit een CSV met maatregelen",
        description="Bouwt de werkmap: de tabel Maatregelen uit een CSV, de knoppen Vernieuwen (de VBA van de "
                    "geïnstalleerde xlwings, en xlwings Lite met de code van dit pakket), en vernieuwt ze, zodat ze "
                    "met haar resultaatbladen opent.")
    build.add_argument("--output", type=Path, default=Path("workbook/Kansengroepen.xlsm"), metavar="PAD",
                       help="waar de werkmap komt; een bestaande wordt vervangen (standaard: %(default)s)")
    build.add_argument("--data", type=Path, metavar="CSV",  # default: the shipped measure CSV (see ship)
                       help="de maatregelen: de kolommen Code, Omschrijving, Formule en één per regio en jaar "
                            "(standaard: de cijfers van de publicatie 2020, meegeleverd)")
    build.set_defaults(run=_build)
    start = commands.add_parser("quickstart", help="schrijf Kansengroepen.xlsm en Kansengroepen.py in een map, klaar "
                                                    "voor de knop Vernieuwen met deze Python")
    start.add_argument("folder", type=Path, metavar="map", help="de map (wordt gemaakt als ze niet bestaat)")
    start.add_argument("--overwrite", action="store_true", help="vervang Kansengroepen.xlsm en .py als ze er al zijn")
    start.set_defaults(run=_quickstart)
    return main


def main(argv: list[str] | None = None) -> int:
    """Run one command (the console script's entry point, which also catches Ctrl-C and SIGTERM, is
    ``xl_ladder.__main__.run``)."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        print(f"fout: {error.filename or ''}: {os_error_text(error)}", file=sys.stderr)
        return EXIT_USAGE
