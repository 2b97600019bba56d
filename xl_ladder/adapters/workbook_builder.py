"""Build the shipped workbook ``Kansengroepen.xlsm`` from the publication's table.

Reproducible (fixed document dates, deterministic content), so it can be rebuilt whenever
xlwings is upgraded: the VBA project is taken from xlwings' own ``quickstart_standalone.xlsm``,
which embeds the xlwings VBA (analysts need no add-in); its macro ``SampleCall`` runs ``main()``
of the ``.py`` file named like the workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
import xlwings
from xlsxwriter.utility import xl_cell_to_rowcol

from .. import functions
from ..context import CONTEXT_TABLE, SECTOR, SECTORS_TABLE, SOURCE
from ..layout import text_width
from ..settings import EXPLANATION
from ..settings import SHEET as SETTINGS_SHEET
from ..table import CODE, FORMULA, LABEL, TABLE_NAME
from . import lite, lite_bundle

DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_DATA = DATA / "publicatie_2020.csv"
DEFAULT_CONTEXT = DATA / "context_2020.csv"
DEFAULT_SECTORS = DATA / "sectoren_2020.csv"
BUTTON_MODULE = DATA / "Kansengroepen.py"
"""The module the VBA button imports, written beside the workbook under the workbook's name."""
TEXT_COLUMNS = {CODE, LABEL, FORMULA, SOURCE, SECTOR}
QUICKSTART = Path(xlwings.__file__).resolve().parent / "quickstart_standalone.xlsm"
MACRO = "SampleCall"
START_SHEET = "Start"
EXAMPLES_SHEET = "Formules"
CONF_SHEET = "xlwings.conf"
XLWINGS_CONF = [
    ("Interpreter_Win", "python"),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", "Kansengroepen"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
]
FIXED_DATE = dt.datetime(2026, 1, 1)
BUTTON_ROW_HEIGHT = 42
"""Points: room for a button of 40 pixels and its offset."""


def read_rows(path: Path) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a table CSV (UTF-8); figures become numbers, empty cells None."""
    with path.open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))

    def cell(name: str, text: str) -> Any:
        if text == "":
            return None
        return text if name in TEXT_COLUMNS else float(text) if "." in text else int(text)

    return header, [[cell(name, text) for name, text in zip(header, row, strict=True)] for row in body]


def vba_project() -> bytes:
    """The ``vbaProject.bin`` of the installed xlwings' standalone quickstart."""
    with zipfile.ZipFile(QUICKSTART) as package:
        return package.read("xl/vbaProject.bin")


def build(output: Path, data: Path = DEFAULT_DATA, context: Path | None = DEFAULT_CONTEXT,
          sectors: Path | None = DEFAULT_SECTORS, settings: Mapping[str, str] | None = None) -> None:
    """Write the workbook: start sheet with the button, the measure table, settings, the context
    tables (when given), the sample formulas and the xlwings config (``settings`` replaces some of
    its values, e.g. the interpreter)."""
    header, rows = read_rows(data)
    book = xlsxwriter.Workbook(str(output), {"in_memory": True})
    book.set_properties({"title": "Kansengroepen op de participatieladder", "created": FIXED_DATE})
    book.add_vba_project(io.BytesIO(vba_project()), is_stream=True)
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 16, "font_color": "#1F4E78"}),
        "text": book.add_format({"text_wrap": True, "valign": "top"}),
        "count": book.add_format({"num_format": "#,##0"}),
        "code": book.add_format({"align": "center"}),
        "bold": book.add_format({"bold": True}),
        "plain": book.add_format(),
    }
    _start_sheet(book, fmt)
    _table_sheet(book, fmt, TABLE_NAME, header, rows, freeze=2)
    _settings_sheet(book, fmt)
    tables = {TABLE_NAME: [header, *rows]}
    for name, path in ((CONTEXT_TABLE, context), (SECTORS_TABLE, sectors)):
        if path is not None:
            table_header, table_rows = read_rows(path)
            _table_sheet(book, fmt, name, table_header, table_rows, freeze=1)
            tables[name] = [table_header, *table_rows]
    _examples_sheet(book, fmt, tables)
    conf = book.add_worksheet(CONF_SHEET)
    for r, (key, value) in enumerate(XLWINGS_CONF):
        conf.write(r, 0, key)
        conf.write(r, 1, (settings or {}).get(key, value))
    conf.hide()
    book.close()
    _add_lite_parts(output)


def _add_lite_parts(path: Path) -> None:
    """Add what xlwings Lite reads (its web-extension parts) to the package XlsxWriter wrote, and
    name the Lite button's shape; XlsxWriter knows neither. Deterministic, like the rest of the build."""
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    added = lite_bundle.parts()
    edited = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            if info.filename == "[Content_Types].xml":
                overrides = "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>'
                                    for part, kind in lite_bundle.CONTENT_TYPES.items())
                data = data.replace(b"</Types>", overrides.encode() + b"</Types>")
            elif info.filename == "_rels/.rels":
                kind, target = lite_bundle.ROOT_RELATIONSHIP
                ids = set(re.findall(rb'Id="(rId\d+)"', data))
                rid = next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}".encode() not in ids)
                data = data.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{kind}" '
                                                         f'Target="{target}"/></Relationships>'.encode())
            elif info.filename.startswith("xl/drawings/drawing") and b'name="TextBox ' in data:
                data, count = re.subn(rb'name="TextBox \d+"', f'name="{lite.BUTTON_SHAPE}"'.encode(), data)
                edited += count
            package.writestr(info, data)
        for name, data in added.items():
            info = zipfile.ZipInfo(name, FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    assert edited == 1, "the Lite button must be the workbook's only text box"


def _start_sheet(book: Any, fmt: dict[str, Any]) -> None:
    """How to use the workbook, and its two buttons: VBA (with Python) and xlwings Lite (without).

    One short line per row, never wrapped: a wrapped line in a row of fixed height overlaps the
    next one in LibreOffice. The Lite button is a shape named :data:`lite.BUTTON_SHAPE`,
    hyperlinked to the cell it covers (see :mod:`xl_ladder.adapters.lite`).
    """
    sheet = book.add_worksheet(START_SHEET)
    sheet.activate()
    sheet.set_column("A:A", 80)
    sheet.set_column("B:B", 32)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4, not the US Letter a sheet without a paper size prints on
    sheet.fit_to_pages(1, 0)  # text and both buttons on one page width
    sheet.write("A1", "Kansengroepen op de participatieladder", fmt["title"])
    lines = [
        ("Zo werkt het", fmt["bold"]),
        (f"1. Vul de cijfers in op het blad '{TABLE_NAME}': één kolom per regio en jaar ('West-Vlaanderen 2020').", None),
        ("    Een lege cel betekent: geen gegeven (nooit 0).", None),
        ("    Een rij met een formule is een totaal; cijfers op zo'n rij zijn de gepubliceerde totalen.", None),
        (f"2. Kies op het blad '{SETTINGS_SHEET}' de focusregio, de referentieregio en de jaren (leeg = standaard).", None),
        ("3. Vernieuw de resultaatbladen met een van de twee knoppen hieronder.", None),
        ("Notatie: 'a t/m f' (a tot en met f), 'e' + f'' (som), '40% f' (40% van f),", None),
        ("    'trede 5 + trede 4 + trede 3' (verwijzing naar de rijen met die code).", None),
    ]
    for r, (line, cell_format) in enumerate(lines, start=2):
        sheet.write(r, 0, line, cell_format)
    sheet.write(11, 0, "Vernieuwen", fmt["bold"])
    button_row = 12
    lite_row, lite_col = xl_cell_to_rowcol(lite.BUTTON_CELL)
    label = book.add_format({"valign": "vcenter"})
    for row in (button_row, lite_row):
        sheet.set_row(row, BUTTON_ROW_HEIGHT, label)
    sheet.write(button_row, 0, "Met Python op deze computer (Windows, macOS): de knop Vernieuwen.", label)
    sheet.insert_button(button_row, 1, {"macro": MACRO, "caption": "Vernieuwen", "width": 210, "height": 40,
                                        "x_offset": 4, "y_offset": 6})
    sheet.write(lite_row, 0, "Zonder Python, met de invoegtoepassing xlwings Lite (ook Excel op het web):", label)
    sheet.insert_textbox(lite_row, lite_col, "Vernieuwen", {
        "width": 210, "height": 40, "x_offset": 4, "y_offset": 6,
        "url": f"internal:{lite.START_SHEET}!{lite.BUTTON_CELL}", "tip": "Vernieuwen met xlwings Lite",
        "fill": {"color": "#1F4E78"}, "line": {"none": True},
        "font": {"color": "white", "bold": True}, "align": {"vertical": "middle", "horizontal": "center"},
    })
    notes = [
        "Eerste keer met xlwings Lite: voeg de invoegtoepassing 'xlwings Lite' toe (Start > Invoegtoepassingen),",
        "    start ze met de knop xlwings Lite op het tabblad Start en vertrouw de werkmap als Lite erom vraagt.",
        "    Lite werkt pas als het gestart is; bewaar de werkmap daarna, dan start Lite voortaan vanzelf.",
        "Zonder Excel, op de opdrachtregel: xl-ladder refresh Kansengroepen.xlsm",
    ]
    for r, line in enumerate(notes, start=lite_row + 2):
        sheet.write(r, 0, line)


def _table_sheet(book: Any, fmt: dict[str, Any], name: str, header: list[str], rows: list[list[Any]],
                 freeze: int) -> None:
    """A sheet holding one Excel table of the same name: text columns, then figures per region and year."""
    sheet = book.add_worksheet(name)
    columns = []
    for title in header:
        column: dict[str, Any] = {"header": title}
        if title not in TEXT_COLUMNS and name == TABLE_NAME:  # context tables mix counts and percentages
            column["format"] = fmt["count"]
        columns.append(column)
    sheet.add_table(0, 0, max(len(rows), 1), len(header) - 1, {
        "name": name, "columns": columns, "data": rows, "style": "Table Style Light 9",
    })
    widths = {CODE: 9, LABEL: 62, FORMULA: 28, SOURCE: 40, SECTOR: 45}
    for c, title in enumerate(header):
        # Every title (beside its filter button: 2 more) and every text (codes, labels, sources) whole.
        texts = [title] + [row[c] for row in rows if isinstance(row[c], str)]
        width = max(widths.get(title, 15), *(text_width(text) + 2 for text in texts))
        sheet.set_column(c, c, math.ceil(width), fmt["code"] if title == CODE and name == TABLE_NAME else None)
    sheet.freeze_panes(1, freeze)
    sheet.set_landscape()  # a printed page holds the widest column
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0)  # the column titles on every printed page
    sheet.repeat_columns(0)  # and the codes: a page of figures without them could not be read


@dataclass(frozen=True)
class Example:
    """One worksheet function at work on the Formules sheet: its call, and the function giving its value."""

    what: str
    name: str
    arguments: tuple[Any, ...]
    tables: tuple[str, ...]
    function: Callable[..., Any]
    number_format: str | None = None

    def arguments_text(self, separator: str) -> str:
        """The arguments as written in a formula: texts quoted, then the tables with their header."""
        shown = [f'"{a}"' if isinstance(a, str) else str(a) for a in self.arguments]
        return separator.join(shown + [f"{table}[#All]" for table in self.tables])

    def value(self, tables: dict[str, list[list[Any]]]) -> Any:
        """What the function gives for this call (cached in its cells)."""
        return self.function(*self.arguments, *(tables[name] for name in self.tables))


PATHS = (
    ("Met Python (VBA-knop)", lambda name, arguments: f"{name}({arguments})"),
    ("Met xlwings Lite", lite_bundle.stored_call),
)
"""The two ways to call the functions, each with how Excel stores its call in the file: a VBA
function by its bare name, an Office add-in's (Lite's) as ``_xldudf_NAME``. A cell binds only on
its own path (the other shows #NAAM? once Excel recalculates), so each path has its own cells."""


def _examples(with_context: bool) -> list[Example]:
    """The calls the Formules sheet shows (one on the Context table when the workbook has it)."""
    focus, year, base = "West-Vlaanderen", 2020, 2019
    examples = [
        Example("Trede 5 met 40% van SINE, West-Vlaanderen 2020", "LADDER_WAARDE", ("DGK + 40% f + COL", focus, year),
                (TABLE_NAME,), functions.value, "#,##0.0"),
        Example("Gekende doelgroepkortingen a t/m c, West-Vlaanderen 2020", "LADDER_WAARDE", ("a t/m c", focus, year),
                (TABLE_NAME,), functions.value, "#,##0"),
        Example("Onvolledig: a t/m e (d en e ontbreken)", "LADDER_WAARDE", ("a t/m e", focus, year),
                (TABLE_NAME,), functions.value),
        Example("Aandeel West-Vlaanderen in het totaal, 2020", "LADDER_AANDEEL", ("totaal", year),
                (TABLE_NAME,), functions.share, "0.0%"),
        Example("Evolutie trede 3, West-Vlaanderen 2019–2020", "LADDER_EVOLUTIE", ("trede 3", focus, base, year),
                (TABLE_NAME,), functions.evolution, "+0.0%;-0.0%;0.0%"),
        Example("Plaatsen t.o.v. de loontrekkenden, West-Vlaanderen 2020", "LADDER_VERHOUDING",
                ("totaal", "loontrekkenden", focus, year), (TABLE_NAME, CONTEXT_TABLE), functions.ratio, "0.0%"),
    ]
    return [example for example in examples if with_context or CONTEXT_TABLE not in example.tables]


def _examples_sheet(book: Any, fmt: dict[str, Any], tables: dict[str, list[list[Any]]]) -> None:
    """The worksheet functions at work, once for each path (values shown until Excel recalculates them)."""
    sheet = book.add_worksheet(EXAMPLES_SHEET)
    sheet.set_column("A:A", 55)
    sheet.set_column("B:B", 70)
    sheet.set_column("C:D", 24)
    sheet.write("A1", "Functies van de participatieladder (categorie Participatieladder)", fmt["title"])
    for r, line in enumerate((  # lines that fit columns A and B, the printed part
            "Kolom C rekent met Python (VBA-knop; alleen Excel voor Windows, na het importeren van de functies met",
            "de macro ImportPythonUDFs), kolom D met xlwings Lite (zodra Lite gestart is). Elke cel werkt op één van de",
            "twee manieren; de andere kolom toont dan #NAAM?. De notatie is die van de kolom Formule."), start=1):
        sheet.write(r, 0, line)
    sheet.write_row(4, 0, ["Wat", "Formule", *(label for label, _ in PATHS)], fmt["bold"])
    examples = _examples(CONTEXT_TABLE in tables)
    for r, example in enumerate(examples, start=5):
        sheet.write(r, 0, example.what)
        sheet.write(r, 1, f"{example.name}({example.arguments_text('; ')})")  # Dutch Excel takes semicolons
        cell_format = book.add_format({"num_format": example.number_format}) if example.number_format else None
        value = example.value(tables)
        for c, (_, stored) in enumerate(PATHS, start=2):  # files store formulas with commas
            sheet.write_formula(r, c, "=" + stored(example.name, example.arguments_text(",")), cell_format, value)
    # Printed: the calls as text, on one A4 page; their results (columns C, D, the spilled ladders) exist only
    # where a way to run the functions is present: any other program prints #NAAM? there.
    sheet.print_area(0, 0, 4 + len(examples), 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 1)
    ladder = functions.whole_ladder(tables[TABLE_NAME])
    row = 5 + len(examples) + 1
    for label, stored in PATHS:
        sheet.write(row, 0, f"De hele ladder als dynamische matrix, {label[0].lower()}{label[1:]}: "
                            f"LADDER_TABEL({TABLE_NAME}[#All])", fmt["bold"])
        _spill(sheet, row + 1, "=" + stored("LADDER_TABEL", f"{TABLE_NAME}[#All]"), ladder, fmt["plain"])
        row += len(ladder) + 3


def _spill(sheet: Any, row: int, formula: str, values: list[list[Any]], blank: Any) -> None:
    """A dynamic array formula with its whole result cached, as Excel saves a spilled range (an
    empty result as an empty cell: XlsxWriter pads the range with zeros, and drops a blank without
    a format, so ``blank`` is a format)."""
    sheet.write_dynamic_array_formula(row, 0, row + len(values) - 1, len(values[0]) - 1, formula, None, values[0][0])
    for r, line in enumerate(values):
        for c, value in enumerate(line):
            if (r or c) and value == "":
                sheet.write_blank(row + r, c, None, blank)
            elif r or c:
                sheet.write(row + r, c, value)


def _settings_sheet(book: Any, fmt: dict[str, Any]) -> None:
    sheet = book.add_worksheet(SETTINGS_SHEET)
    sheet.set_column("A:A", 18)
    sheet.set_column("B:B", 20)
    sheet.set_column("C:C", 80)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)  # a setting and its explanation on one page
    sheet.write_row(0, 0, ["Instelling", "Waarde", "Uitleg"], fmt["bold"])
    for r, (name, text) in enumerate(EXPLANATION.items(), start=1):
        sheet.write(r, 0, name)
        sheet.write_blank(r, 1, None)
        sheet.write(r, 2, text)
