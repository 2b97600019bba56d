"""The publication page as a reader gets it: ``xl-ladder publish`` prints the refreshed shipped workbook's
page through LibreOffice (Dutch locale), and every headline figure of the 2020 infographic stands on
that one page, in print large enough to read.

Expected values are typed from the infographic (tests/reference/sources/001_…txt, as the
reference CSVs record them), never taken from the code under test.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer

from xl_ladder.adapters import libreoffice as libreoffice_adapter
from xl_ladder.shell import cli

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


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("publiceer")
    book = folder / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    assert cli.main(["publish", str(book), "--output", str(folder / "uit")]) == 0
    return folder / "uit" / "Kansengroepen-publicatie.pdf", folder / "uit" / "Kansengroepen-publicatie.png"


def test_every_headline_figure_on_one_printed_page(published: tuple[Path, Path]) -> None:
    pdf, _ = published
    pages = texts_and_sizes(pdf)
    assert len(pages) == 1, "the publication page prints on one A4 page"
    text = pages[0][0]
    words = set(text.split())
    expected = LADDER + RUNG_NAMES + SPLIT_OF_TRADE_5 + SPLIT + RATIOS + EVOLUTION + REGIONS + SECTORS + CONTEXT
    missing = [item for item in expected if (item not in text if " " in item else item not in words)]
    assert not missing, missing
    for label in ("Sector geestelijke gezondheidszorg", "Niet toe te wijzen", "slechts 40%", "Evolutie 2019–2020"):
        assert label.casefold() in text.casefold(), label
    print(f"\npublication page: {len(expected)} printed figures and labels of the infographic found")


def test_the_page_prints_at_8_points_or_more(published: tuple[Path, Path]) -> None:
    pdf, picture = published
    [(_, smallest)] = texts_and_sizes(pdf)
    print(f"\nsmallest printed text on the publication page: {smallest:.1f} pt")
    assert smallest >= MIN_PAGE_POINTS - 0.05
    assert a4_landscape_png(picture)


def a4_landscape_png(picture: Path) -> bool:
    width, height = struct.unpack(">II", picture.read_bytes()[16:24])  # the PNG's IHDR
    return picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and abs(width / height - 297 / 210) < 0.01


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="the fallback is what runs without poppler anyway")
def test_without_poppler_draw_makes_the_png(published: tuple[Path, Path], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """An analyst without poppler (most Windows machines) still gets the PNG, from LibreOffice Draw."""
    which = shutil.which
    monkeypatch.setattr(libreoffice_adapter.shutil, "which", lambda name: None if name == "pdftoppm" else which(name))
    pdf, _ = published
    assert a4_landscape_png(libreoffice_adapter.png(pdf, tmp_path))


def test_result_sheets_print_readably(tmp_path: Path) -> None:
    """The whole refreshed workbook as LibreOffice prints it: the page at ≥ 8 pt, every result sheet
    one page wide at ≥ 7 pt (its last column's title on the page that starts with its title)."""
    book = tmp_path / "Kansengroepen.xlsm"
    shutil.copyfile(SHIPPED, book)
    assert cli.main(["refresh", str(book)]) == 0
    [pdf] = [p for p in libreoffice.convert(book, "pdf", tmp_path / "pdf") if p.suffix == ".pdf"]
    pages = texts_and_sizes(pdf)
    first = next(i for i, (text, _) in enumerate(pages) if "Tewerkstelling van kansengroepen in" in text)
    results = pages[first:]
    # the input sheets print their titles and codes on every page: no page of figures without them
    formulas = next(i for i, (text, _) in enumerate(pages) if "Functies van de participatieladder" in text)
    for text, _ in pages[1:formulas]:
        assert any(title in text.split() for title in ("Code", "Sector", "Instelling")), text[:200]
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
