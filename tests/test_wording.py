"""The rule set for proportions and comparisons in words: each case worked out by hand."""

from __future__ import annotations

import pytest

from xl_ladder import wording


@pytest.mark.parametrize(("part", "whole", "words"), [
    (52_790, 438_131, "bijna één op acht"),      # 12,05 %: 1/8 = 12,5 %, 0,96 of it
    (57_302, 425_462, "bijna één op zeven"),     # 13,47 %: 1/7 = 14,29 %
    (41_793, 157_245, "ruim één op vier"),       # 26,58 %: 1/4 = 25 %, 1,06 of it
    (50, 100, "één op twee"),
    (1, 10, "één op tien"),
    (10_050, 100_000, "één op tien"),             # 1,005 of 1/10: within the writer's 2 %
    (60, 100, None),                              # more than a little over a half: not "one in N"
    (0, 100, None),
])
def test_one_in(part: float, whole: float, words: str | None) -> None:
    assert wording.one_in(part, whole) == words


@pytest.mark.parametrize(("larger", "smaller", "words"), [
    (41_793, 27_600, "ruim de helft méér"),      # 51,4 % more: 1,03 × a half
    (46_683, 32_349, "bijna de helft méér"),     # 44,3 % more: 0,89 × a half
    (133, 100, "een derde méér"),
    (125, 100, "een kwart méér"),
    (200, 100, "twee keer zoveel"),
    (290, 100, "bijna drie keer zoveel"),
    (108, 100, "8,0% méér"),
])
def test_more(larger: float, smaller: float, words: str) -> None:
    assert wording.more(larger, smaller) == words


def test_the_press_text_of_2018_wrote_a_third_where_it_is_a_half() -> None:
    """41.793 langdurig zieken against 27.600 werkzoekenden: 51 % more."""
    assert not wording.fraction_holds("ruim", "een derde", 41_793, 27_600)
    assert wording.fraction_holds("ruim", "de helft", 41_793, 27_600)
    assert wording.fraction_holds("", "de helft", 41_793, 27_600)  # 1,03 × a half: within 5 %


@pytest.mark.parametrize(("qualifier", "ratio", "true"), [
    ("bijna", 0.96, True), ("bijna", 1.0, False), ("bijna", 0.79, False), ("bijna", 0.8, True),
    ("ruim", 1.0, False), ("ruim", 1.06, True), ("ruim", 1.25, True), ("ruim", 1.3, False),
    ("ongeveer", 1.06, True), ("ongeveer", 0.91, True), ("ongeveer", 1.11, False),
    ("", 1.04, True), ("", 1.06, False), ("zowat", 1.09, True), ("net geen", 0.9, True),
])
def test_qualifiers(qualifier: str, ratio: float, true: bool) -> None:
    assert wording.holds(qualifier, ratio) is true


def test_every_phrase_the_writer_makes_is_true_by_the_check() -> None:
    """One rule set: the words written for a value pass the check of those words, over a range of values."""
    for whole in (1_000, 438_131):
        for per_mille in range(25, 550, 7):
            part = whole * per_mille / 1000
            words = wording.one_in(part, whole)
            assert words is not None
            match = wording.ONE_IN.fullmatch(words)
            assert match is not None, words
            assert wording.one_in_holds((match["q"] or "").casefold(), wording.read_number(match["n"]) or 0, part, whole)
    for percent in range(19, 87, 3):  # below a fifth the writer gives a percentage, above 87 % "keer zoveel"
        words = wording.more(100 + percent, 100)
        assert words is not None
        found = wording.FRACTION_MORE.fullmatch(words)
        assert found is not None, words
        assert wording.fraction_holds((found["q"] or "").casefold(), found["f"], 100 + percent, 100), words


@pytest.mark.parametrize(("old", "new", "text"), [
    (57_300, 57_302, "op twee personen na evenveel"),
    (57_302, 57_302, "evenveel"),
    (57_301, 57_302, "op één persoon na evenveel"),
    (100_000, 100_400, "een status quo"),                       # 0,4 %
    (55_706, 57_302, "een stijging met 1.596 personen (+2,9%)"),
    (57_302, 52_790, "een daling met 4.512 personen (-7,9%)"),
])
def test_compared(old: float, new: float, text: str) -> None:
    assert wording.compared(old, new).text == text


def test_phrases_as_people_write_them() -> None:
    found = [(m["q"] or "", m["n"]) for m in wording.ONE_IN.finditer(
        "dit is bijna 1 op 7 personen. Ruim één op de vier is ziek; een op de twee; ongeveer één op tien")]
    assert found == [("bijna", "7"), ("Ruim", "vier"), ("", "twee"), ("ongeveer", "tien")]
    assert wording.FEW_APART.search("Dat zijn er op twee personen na evenveel als in 2017.")
    assert wording.SAME.search("een status quo in vergelijking met het jaar voordien")
    assert wording.read_number("zeven") == 7 and wording.read_number("een") == 1 and wording.read_number("12") == 12
