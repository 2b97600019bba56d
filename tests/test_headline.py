"""The publication's headline figures computed by the core from the shipped tables, without a workbook.

Expected values typed from the 2020 infographic (tests/reference/sources/001_…txt; the reference
CSVs record them); percentages within half a printed decimal.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import pytest

from xl_ladder import headline, publication
from xl_ladder.catalogue import Edition
from xl_ladder.context import Context
from xl_ladder.headline import Pair
from xl_ladder.model import Ladder

from .core_tables import shipped

HALF = 0.05 + 1e-9


def close(pair: Pair, focus: float, reference: float, tolerance: float = 0.0) -> bool:
    return abs(pair.focus - focus) <= tolerance + 1e-9 and abs(pair.reference - reference) <= tolerance + 1e-9


class Shipped(NamedTuple):
    ladder: Ladder
    context: Context


@pytest.fixture(scope="module")
def checked() -> Shipped:
    result = shipped()
    assert result.ladder is not None, result.problems
    return Shipped(result.ladder, result.context)


def test_the_ladder_as_the_publication_draws_it(checked: Shipped) -> None:
    lines = headline.ladder_lines(checked.ladder, checked.context)
    assert [line.rung for line in lines] == [6, 5, 4, 3, 2, 1]
    by_rung = {line.rung: line for line in lines}
    assert by_rung[6].places is None and by_rung[2].places is None and by_rung[1].places is None
    for rung, focus, reference, share in ((5, 42749, 210323, 20.3), (4, 8546, 46788, 18.3), (3, 1495, 6295, 23.7)):
        places = by_rung[rung].places
        assert places is not None and close(places, focus, reference) and abs(places.share - share) <= HALF, rung
    [(individual, first), (collective, second)] = by_rung[5].parts
    assert (individual, collective) == ("Individuele inschakeling", "Collectieve inschakeling")
    assert close(first, 37379, 187801) and close(second, 6098, 25502)
    total = headline.pair(checked.ladder, checked.context)
    assert close(total, 52790, 263406) and abs(total.share - 20.0) <= HALF


def test_split_of_the_total(checked: Shipped) -> None:
    split = dict(headline.distribution(checked.ladder, checked.context))
    printed = {"Individuele inschakeling": (70.8, 71.3), "Collectieve inschakeling": (11.6, 9.7),
               "Trede 4": (16.2, 17.8), "Trede 3": (2.8, 2.4)}
    assert list(split) == list(printed)
    for label, (focus, reference) in printed.items():
        assert close(split[label], focus, reference, 0.05), label
    # SINE counts in full in individueel and for 40 % in the total: 101,4 % for West-Vlaanderen
    assert abs(sum(p.focus for p in split.values()) - 101.4) <= 0.2


def test_ratios_and_evolutions(checked: Shipped) -> None:
    ratios = headline.salaried_ratios(checked.ladder, checked.context)
    assert [(r.region, r.salaried) for r in ratios] == [("West-Vlaanderen", 438131), ("Vlaams Gewest", 2382023)]
    assert abs(ratios[0].pct - 12.0) <= HALF and abs(ratios[1].pct - 11.1) <= HALF
    places, salaried = headline.evolutions(checked.ladder, checked.context)
    # the 2019 total and salaried employment are not in the tables: the printed figures, marked published
    assert (places.focus.value, places.reference.value) == (-17.0, -17.2)
    assert (salaried.focus.value, salaried.reference.value) == (1.1, 1.7)
    assert all(f.published for f in (places.focus, places.reference, salaried.focus, salaried.reference))


def test_regional_spread(checked: Shipped) -> None:
    spread = headline.regional_spread(checked.ladder, checked.context)
    printed = {"Brugge": (11044, 20.9), "Oostende": (5346, 10.1), "Westhoek": (8327, 15.8),
               "Zuid-West-Vlaanderen": (15852, 30.0), "Midden-West-Vlaanderen": (11916, 22.6)}
    lines = {line.region: line for line in spread.parts}
    for region, (places, share) in printed.items():
        assert lines[region].places == places and abs(spread.share(lines[region], 0) - share) <= HALF, region
    assert spread.unassigned is not None and spread.unassigned.places == 303  # the footnote's 303, 0,6 %
    assert abs(spread.share(spread.unassigned, 0) - 0.6) <= HALF
    assert (spread.total.places, spread.total.salaried, spread.total.job_seekers) == (52788, 438131, 32349)
    assert spread.gap == -2  # 52.788 against 52.790


def test_sectors_and_context(checked: Shipped) -> None:
    sectors = headline.sector_split(checked.ladder, checked.context)
    assert sectors is not None and close(sectors.total, 1495, 6295) and close(sectors.trede3, 1495, 6295)
    assert close(dict(sectors.lines)["Sector van de sociale economie"], 510, 1768)
    lines = {publication.short(line.label): line for line in headline.context_lines(checked.ladder, checked.context)}
    for label, share in (("Werkzoekenden zonder werk", 15.1), ("Loontrekkenden", 18.4), ("Zelfstandigen en helpers", 21.1),
                         ("Werknemers in het stelsel van de dienstencheques", 19.1), ("Opgerichte ondernemingen", 17.6)):
        assert abs(lines[label].figures.share - share) <= HALF, label
    sick = lines["Langdurig zieken in % van de beroepsbevolking"]
    assert sick.derived and close(sick.figures, 8.4, 7.7, 0.05)  # (42.661 + 4.022) / (528.748 + 25.861)
    assert lines["Werkzaamheidsgraad 20-64"].kind == headline.PERCENT
    assert lines["Arbeidsmarktkrapte"].kind == headline.RATIO and close(lines["Arbeidsmarktkrapte"].figures, 3.2, 4.3)
    assert not any("Evolutie" in label for label in lines)  # published evolutions stand in their own panel


def test_empty_inputs_give_empty_panels_with_a_note_never_a_zero() -> None:
    bare = shipped(context=False, sectors=False)
    assert bare.ladder is not None
    page = publication.page(Edition(bare.ladder, bare.context))
    cells = page.cells()
    texts = " ".join(v for v in cells.values() if isinstance(v, str))
    for note in ("Geen cijfers per sector", "Geen contextcijfers", "nb = niet beschikbaar"):
        assert note in texts, note
    assert "vul " not in texts  # what the analyst must do is no word for the reader: Controle says it
    told = " ".join(problem.message for problem in publication.for_the_analyst(Edition(bare.ladder, bare.context)))
    assert "vul evolutie_plaatsen in de tabel Context in" in told and "geen loontrekkenden" in told
    assert list(cells.values()).count("nb") >= 4  # the salaried employment and its ratio of both regions, the evolutions
    ratios = headline.salaried_ratios(bare.ladder, bare.context)
    assert all(math.isnan(r.salaried) and math.isnan(r.pct) for r in ratios)
    numbers = [v for (_, c), v in cells.items() if isinstance(v, float) and c < 20]
    assert 0.0 not in numbers  # no missing figure printed as 0 (the shipped table has no true zero on the page)


def test_measure_boxes_are_the_groups_under_each_rung() -> None:
    """The infographic's eleven boxes, typed from it: a group, not its measures (DGK, not a … e; not VDB, which
    DGK holds); ended measures (TIW: 0 in both regions) left out; SINE in full."""
    checked = shipped()
    assert checked.ladder is not None
    boxes = headline.measure_boxes(checked.ladder, checked.context)
    assert [(box.rung, box.code, box.figures.focus, box.figures.reference) for box in boxes] == [
        (5, "DGK", 36165, 182834), (5, "f", 1214, 4967), (5, "g", 297, 2385), (5, "CM", 5801, 23117),
        (4, "WPI", 6717, 37517), (4, "s", 99, 588), (4, "DL", 496, 2443), (4, "z", 871, 4283), (4, "DOOR", 363, 1957),
        (3, "e'", 959, 4463), (3, "f'", 536, 1832)]
