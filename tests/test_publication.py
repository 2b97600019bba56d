"""The publication page as a reader gets it: ``xl-ladder publish`` prints the refreshed shipped workbook's
page through LibreOffice (Dutch locale), and every headline figure of the 2020 infographic stands on
that one page, in print large enough to read.

Expected values are typed from the infographic (tests/reference/sources/001_…txt, as the
reference CSVs record them), never taken from the code under test.
"""

from __future__ import annotations

import datetime
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

from xl_ladder.adapters import accessible_pdf
from xl_ladder.adapters import libreoffice as libreoffice_adapter
from xl_ladder.shell import cli
from xl_ladder.shell.publish import _umask

from . import libreoffice
from .conftest import SHIPPED

LADDER = ["42.749", "210.323", "20,3%", "8.546", "46.788", "18,3%", "1.495", "6.295", "23,7%",
          "52.790", "263.406", "20,0%"]
"""The ladder panel: trede 5, 4, 3 and the total, each West-Vlaanderen, Vlaams Gewest, share."""
RUNG_NAMES = ["Betaald werk", "Betaald werk met ondersteuning", "Individuele inschakeling", "Collectieve inschakeling",
              "Tijdelijke activerende trajecten", "Arbeidsmatige activiteiten onder begeleiding",
              "Sociale contacten buitenshuis", "Contacten beperkt tot de huiselijke kring"]
SPLIT_OF_TRADE_5 = ["37.379", "187.801", "6.098", "25.502"]
SPLIT = ["70,8%", "71,3%", "11,6%", "9,7%", "16,2%", "17,8%", "2,8%", "2,4%"]
RATIOS = ["12,0%", "438.131", "11,1%", "2.382.023"]
EVOLUTION = ["-17,0%", "-17,2%", "+1,1%", "+1,7%", "gepubliceerd"]
REGIONS = ["Brugge", "11.044", "20,9%", "107.759", "24,6%", "7.477", "23,1%",
           "Oostende", "5.346", "10,1%", "42.539", "9,7%", "6.122", "18,9%",
           "Westhoek", "8.327", "15,8%", "67.651", "15,4%", "5.391", "16,7%",
           "Zuid-West-Vlaanderen", "15.852", "30,0%", "120.927", "27,6%", "7.510", "23,2%",
           "Midden-West-Vlaanderen", "11.916", "22,6%", "99.255", "22,7%", "5.849", "18,1%",
           "303", "0,6%", "32.349", "52.788"]
SECTORS = ["472", "31,6%", "2.074", "32,9%", "352", "23,5%", "1.728", "27,5%", "87", "5,8%", "632", "10,0%",
           "510", "34,1%", "1.768", "28,1%", "74", "4,9%", "93", "1,5%"]
CONTEXT = ["1.200.945", "6.629.143", "703.418", "3.986.275", "528.748", "2.911.350", "25.861", "181.240",
           "149.154", "890.329", "112.493", "532.315", "21,1%", "20.763", "108.780", "19,1%", "11.816", "67.026",
           "17,6%", "32.349", "213.974", "15,1%", "18,4%", "42.661", "221.903", "4.022", "16.239",
           "8,4%", "7,7%", "76,5%", "74,7%", "5,9%", "7,0%", "3,2", "4,3", "21,5%", "21,1%"]
MIN_PAGE_POINTS, MIN_SHEET_POINTS = 8.0, 7.0


def texts_and_sizes(pdf: Path) -> list[tuple[str, float]]:
    """Each page's text and the size of its smallest printed character (in points)."""
    pages = []
    for page in extract_pages(str(pdf)):
        chars = [c for box in page if isinstance(box, LTTextContainer) for line in box for c in line
                 if isinstance(c, LTChar) and c.get_text().strip()]
        text = " ".join(box.get_text() for box in page if isinstance(box, LTTextContainer))
        pages.append((re.sub(r"\s+", " ", text), min((c.size for c in chars), default=0.0)))
    return pages


MEASURES = ["Doelgroepkortingen", "36.165", "182.834", "SINE", "1.214", "4.967", "Lokale diensteneconomie", "297", "2.385",
            "Collectief maatwerk", "5.801", "23.117", "Werkplekinstrumenten", "6.717", "37.517",
            "Activiteitencoöperatie", "99", "588", "Duaal leren", "496", "2.443", "Wijk-werken", "871", "4.283",
            "Doorstroom", "363", "1.957", "Arbeidszorg", "959", "4.463", "AMA Welzijn", "536", "1.832"]
"""The eleven measure boxes under the rungs: name, West-Vlaanderen, Vlaams Gewest."""
PAGE_TITLE = "Tewerkstelling van kansengroepen in West-Vlaanderen, cijfers 2020"
PUBLISHER = "POM West-Vlaanderen, Koning Leopold III-laan 66, 8200 Brugge"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    import openpyxl

    folder = tmp_path_factory.mktemp("publiceer")
    book = folder / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    edited = openpyxl.load_workbook(book, keep_vba=True)
    settings = edited["Instellingen"]
    labels = [settings.cell(r, 1).value for r in range(1, settings.max_row + 1)]
    row = labels.index("Uitgever") + 1 if "Uitgever" in labels else settings.max_row + 1  # a workbook built before it
    settings.cell(row, 1, "Uitgever")
    settings.cell(row, 2, PUBLISHER)
    edited.save(book)
    assert cli.main(["publish", str(book), "--output", str(folder / "uit")]) == 0
    return folder / "uit" / "Kansengroepen-publicatie.pdf", folder / "uit" / "Kansengroepen-publicatie.png"


def found_in(text: str, expected: list[str]) -> list[str]:
    """The expected items missing from ``text`` (a figure as a whole word, a label as a phrase)."""
    words = set(text.split())
    return [item for item in expected if (item not in text if " " in item else item not in words)]


def test_every_headline_figure_on_the_printed_pages(published: tuple[Path, Path]) -> None:
    """All 51 headline figures of the infographic, the measure boxes included, on A4 pages in print order,
    every character at 8 pt or more."""
    pdf, picture = published
    assert a4_portrait_png(picture)
    if sys.platform != "win32":
        assert pdf.stat().st_mode & 0o044 == 0o044 & ~_umask(), "readable as any new file"
    pages = texts_and_sizes(pdf)
    assert 2 <= len(pages) <= 3, "the publication prints on a few A4 pages"
    text = " ".join(page for page, _ in pages)
    expected = (LADDER + RUNG_NAMES + SPLIT_OF_TRADE_5 + SPLIT + RATIOS + EVOLUTION + REGIONS + SECTORS + CONTEXT
                + MEASURES)
    assert not found_in(text, expected), found_in(text, expected)
    for label in ("Sector geestelijke gezondheidszorg", "Niet toe te wijzen", "slechts 40%", "Evolutie 2019–2020"):
        assert label.casefold() in text.casefold(), label
    assert text.index("De participatieladder") < text.index("Verdeling over de treden") < text.index(
        "Spreiding over de regio's") < text.index("Context, 2020") < text.index("Bronnen"), "panels in print order"
    smallest = min(size for _, size in pages)
    print(f"\npublication: {len(pages)} A4 pages; the 40 headline figures found before and the 11 measure boxes "
          f"({len(expected)} printed figures and labels) found; smallest text {smallest:.1f} pt")
    assert smallest >= MIN_PAGE_POINTS - 0.05


def test_the_page_speaks_to_the_reader(published: tuple[Path, Path]) -> None:
    """Sources from the Bron column of Context and the publisher set on Instellingen; no words for the analyst,
    no tool, no print date."""
    pdf, _ = published
    text = " ".join(page for page, _ in texts_and_sizes(pdf))
    assert "POM infographic 2020" in text and PUBLISHER in text
    for analyst in ("deze werkmap", "xl_ladder", "xl-ladder", "blad Context", "vul ", "Controle"):
        assert analyst not in text, analyst
    today = datetime.date.today()
    assert f"{today.day:02d}/{today.month:02d}/{today.year}" not in text, "no print date"


def test_the_pdf_is_tagged_titled_dutch_and_marked_pdf_ua(published: tuple[Path, Path]) -> None:
    """What pikepdf can see of accessibility: not a PDF/UA validation (none runs here, see README)."""
    import pikepdf

    pdf, _ = published
    with pikepdf.open(pdf) as document:
        root = document.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "nl-BE"
        assert str(document.docinfo.Title) == PAGE_TITLE and bool(root.ViewerPreferences.DisplayDocTitle)
        with document.open_metadata() as metadata:
            assert metadata["pdfuaid:part"] == "1"
            assert metadata["dc:title"] == PAGE_TITLE
        [figure] = accessible_pdf.figures(document)  # the chart, on one page
        alternative = str(figure.Alt)
        for said in ("Individuele inschakeling: 70,8% in West-Vlaanderen, 71,3% in Vlaams Gewest",
                     "Trede 3: 2,8% in West-Vlaanderen, 2,4% in Vlaams Gewest"):
            assert said in alternative


def many_regions(book: Path, count: int) -> None:
    """``count`` more sub-regions of West-Vlaanderen in Context (0 places, salaried and job seekers each)."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import TableColumn

    edited = openpyxl.load_workbook(book, keep_vba=True)
    sheet = edited["Context"]
    table = sheet.tables["Context"]
    codes = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
    last = sheet.max_column
    for k in range(count):
        col = last + 1 + k
        name = f"Gemeente {k + 1:02d} 2020"
        sheet.cell(1, col, name)
        for code in ("plaatsen", "loontrekkenden", "wzw"):
            sheet.cell(codes.index(code) + 1, col, 0)
        table.tableColumns.append(TableColumn(id=col, name=name))
    table.ref = f"A1:{get_column_letter(last + count)}{sheet.max_row}"
    table.autoFilter.ref = table.ref
    edited.save(book)


@pytest.mark.parametrize("count", [31, 65])
def test_many_regions_continue_on_the_next_page_at_8_points(tmp_path: Path, count: int) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    many_regions(book, count - 5)
    assert cli.main(["publish", str(book), "--output", str(tmp_path / "uit")]) == 0
    pages = texts_and_sizes(tmp_path / "uit" / "Kansengroepen-publicatie.pdf")
    text = " ".join(page for page, _ in pages)
    assert f"Gemeente {count - 5:02d}" in text and "Brugge" in text and not found_in(text, MEASURES + LADDER)
    holding = [page for page, _ in pages if "Gemeente" in page]
    assert len(holding) >= 2 or count < 40  # 65 regions take more than a page
    for page in holding:  # a page of regions has its column titles: the panel's header repeated where it is cut
        assert "Regio" in page.split() and "aantal" in page.split() and "Loontrekkenden" in page.split(), page[:300]
    assert ("(vervolg)" in text) == (len(holding) > 1)
    smallest = min(size for _, size in pages)
    print(f"\n{count} sub-regions: {len(pages)} pages, smallest text {smallest:.1f} pt")
    assert smallest >= MIN_PAGE_POINTS - 0.05


def test_an_incomplete_figure_says_so_and_names_what_it_lacks(tmp_path: Path) -> None:
    """Doelgroepkortingen, trede 5 and individuele inschakeling without their published West-Vlaanderen
    figure: d and e have no data, so they are incomplete where they stand, never blank, never 0."""
    import openpyxl

    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    edited = openpyxl.load_workbook(book, keep_vba=True)
    sheet = edited["Maatregelen"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("West-Vlaanderen 2020") + 1
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 1).value in ("trede 5", "IND", "DGK"):
            sheet.cell(r, column).value = None
    edited.save(book)
    assert cli.main(["publish", str(book), "--output", str(tmp_path / "uit")]) == 0
    text = " ".join(page for page, _ in texts_and_sizes(tmp_path / "uit" / "Kansengroepen-publicatie.pdf"))
    assert text.split().count("onvolledig") >= 6  # trede 5, individuele inschakeling, doelgroepkortingen: figure, share
    assert " 0 " not in text[:text.index("Verdeling over de treden")]  # never a 0 for what is missing
    assert "Doelgroepkortingen, West-Vlaanderen: onvolledig: ontbreekt d, e." in text
    assert "Betaald werk met ondersteuning, West-Vlaanderen: onvolledig: ontbreekt d, e." in text
    assert "210.323" in text


def a4_portrait_png(picture: Path) -> bool:
    width, height = struct.unpack(">II", picture.read_bytes()[16:24])  # the PNG's IHDR
    return picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and abs(width / height - 210 / 297) < 0.01


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="the fallback is what runs without poppler anyway")
def test_without_poppler_draw_makes_the_png(published: tuple[Path, Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """An analyst without poppler (most Windows machines) still gets the PNG, from LibreOffice Draw."""
    which = shutil.which
    monkeypatch.setattr(libreoffice_adapter.shutil, "which", lambda name: None if name == "pdftoppm" else which(name))
    pdf, _ = published
    assert a4_portrait_png(libreoffice_adapter.png(pdf, tmp_path))


def test_result_sheets_print_readably(tmp_path: Path, built_workbook: Path) -> None:
    """The whole refreshed workbook as LibreOffice prints it (as this package builds it): every page A4, the
    publication at ≥ 8 pt, every result sheet one page wide at ≥ 7 pt (its last column's title on the page that
    starts with its title), ``Formules`` on one page without a function's error."""
    import pikepdf

    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(built_workbook, book)
    assert cli.main(["refresh", str(book)]) == 0
    [pdf] = [p for p in libreoffice.convert(book, "pdf", tmp_path / "pdf") if p.suffix == ".pdf"]
    pages = texts_and_sizes(pdf)
    first = next(i for i, (text, _) in enumerate(pages) if "Tewerkstelling van kansengroepen in" in text)
    results = pages[first:]
    # the input sheets print their titles and codes on every page: no page of figures without them
    formulas = next(i for i, (text, _) in enumerate(pages) if "Functies van de participatieladder" in text)
    for text, _ in pages[1:formulas]:
        assert any(title in text.split() for title in ("Code", "Sector", "Instelling")), text[:200]
    assert formulas + 1 == first and "#NAME?" not in pages[formulas][0], "Formules: one page, the calls as text"
    with pikepdf.open(pdf) as printed:
        sizes = {tuple(sorted(round(float(x)) for x in page.mediabox[2:])) for page in printed.pages}
    assert sizes == {(595, 842)}, sizes
    assert results[0][1] >= MIN_PAGE_POINTS - 0.05, results[0][1]
    smallest = min(size for _, size in results[1:])
    print(f"\nresult sheets: {len(results) - 1} pages, smallest text {smallest:.1f} pt")
    assert smallest >= MIN_SHEET_POINTS - 0.05
    for title, last_title in (("Tewerkstelling en arbeidsmatige participatie", "Vlaams Gewest"),
                              ("De participatieladder: West-Vlaanderen", "Aandeel West-Vlaanderen in"),
                              ("Tewerkstelling en participatie van kansengroepen in", "Opmerking")):
        page = next(text for text, _ in results if title in text)
        assert last_title in page, (title, last_title)


def test_publish_without_libreoffice_says_how_to_install_it_and_writes_nothing(tmp_path: Path) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    bare = tmp_path / "bin"  # a PATH holding this python and nothing else
    bare.mkdir()
    (bare / "python").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (bare / "python").chmod(0o755)
    before = sorted(p.name for p in tmp_path.iterdir())
    done = subprocess.run([str(bare / "python"), "-m", "xl_ladder", "publish", str(book)], capture_output=True, text=True,
                          env={"PATH": str(bare), "XLWINGS_LICENSE_KEY": "noncommercial"}, check=False, timeout=120)
    assert done.returncode == 3, done.stderr
    assert "LibreOffice is niet gevonden" in done.stderr and "installeer LibreOffice" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert book.read_bytes() == SHIPPED.read_bytes()


def test_publish_with_input_errors_writes_nothing(broken_workbook: Path) -> None:
    assert cli.main(["publish", str(broken_workbook)]) == 1
    assert not list(broken_workbook.parent.glob("*-publicatie.*"))


def test_publish_that_cannot_place_the_png_exits_3_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF placed, the PNG refused (a full disk, a file in the way): exit 3, as every write failure, and
    neither file stays behind, nor a temporary copy."""
    from xl_ladder.shell import publish

    book, out = tmp_path / "Kansengroepen.xlsm", tmp_path / "uit"
    shutil.copyfile(SHIPPED, book)
    replace = publish.os.replace

    def refuse_png(source: str, target: Path) -> None:
        if str(target).endswith(".png"):
            raise OSError(28, "No space left on device", str(target))
        replace(source, target)
    monkeypatch.setattr(publish.os, "replace", refuse_png)
    assert cli.main(["publish", str(book), "--output", str(out)]) == 3
    assert list(out.iterdir()) == []


def test_publish_into_a_folder_it_cannot_create_exits_3(tmp_path: Path) -> None:
    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    (tmp_path / "bestand").write_text("geen map")
    assert cli.main(["publish", str(book), "--output", str(tmp_path / "bestand" / "uit")]) == 3


def test_the_page_layout_holds() -> None:
    """Title bands one row, notes in rows of their own that fit the page's width, every panel on the same
    columns, no figure of the ladder left blank; the print set-up: A4 portrait, one page wide, no date."""
    from xl_ladder import page_grid, publication
    from xl_ladder.catalogue import Edition
    from xl_ladder.layout import REGULAR, text_width
    from xl_ladder.shell.workflow import check_file

    checked = check_file(SHIPPED)
    assert checked.ladder is not None
    page = publication.page(Edition(checked.ladder, checked.context))
    cells, styles = page.cells(), page.cell_styles()
    bands = sorted({r for (r, c), style in styles.items() if style.fill == publication.DARK and c == 0})
    assert len(bands) == 8  # ladder, split, ratios, evolution, regions, sectors, context, sources
    for r in bands:
        assert page.heights[r] == publication.LINE and cells[(r, 0)] and all(
            cells.get((r, c)) is None for c in range(1, publication.SPAN)), r
    notes = [r for (r, c), style in styles.items() if style.italic and c == 0 and isinstance(cells.get((r, c)), str)]
    assert notes
    for r in notes:
        assert text_width(cells[(r, 0)]) * REGULAR <= page_grid.TEXT_WIDTH, cells[(r, 0)]
        assert all(cells.get((r, c)) is None for c in range(1, publication.SPAN)), r  # a note shares its row with nothing
    assert max(c for (_, c), value in cells.items() if value is not None and c < publication.CHART_DATA) < publication.SPAN
    ladder_rows = range(bands[0] + 2, bands[1])
    labelled = [r for r in ladder_rows if isinstance(cells.get((r, 0)), str) and cells[(r, 0)].startswith(("Trede ", " "))]
    assert len(labelled) == 6 + 2 + 11  # six rungs, two parts of trede 5, eleven measure boxes
    for r in labelled:
        assert cells.get((r, 1)) is not None and cells.get((r, 2)) is not None, cells.get((r, 0))
    printing = page.printing
    assert printing.portrait and printing.fit_height == 0 and not printing.dated and printing.breaks


def test_published_files_beside_the_shipped_workbook_are_ignored_by_git() -> None:
    """`publish workbook/Kansengroepen.xlsm` writes beside it: never as new files for git to show."""
    import fnmatch

    from xl_ladder.shell.publish import names

    patterns = [line.strip() for line in (SHIPPED.parents[1] / ".gitignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    for name in names(SHIPPED):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_an_untagged_pdf_is_not_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice that ignores the PDF/UA options (before 7.4) writes an untagged PDF: refused, exit 3,
    nothing written, and the message says which LibreOffice is needed."""
    book, out = tmp_path / "Kansengroepen.xlsm", tmp_path / "uit"
    shutil.copyfile(SHIPPED, book)
    monkeypatch.setattr(libreoffice_adapter, "ACCESSIBLE", "pdf")
    assert cli.main(["publish", str(book), "--output", str(out)]) == 3
    assert not out.exists() or list(out.iterdir()) == []
