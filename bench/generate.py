"""A large, realistic measure workbook for benchmarks: West-Vlaanderen down to its municipalities.

Same layout as the shipped workbook (built by ``workbook_builder.build``), at municipal scale:
79 regions (64 municipalities, 8 arrondissements, 5 regions, the province, Flanders) × 23 years
(2003–2025) × 60 measures (codes a … z, a' … z', a'' … h'') plus 16 aggregate rows in the
publication's notation. Municipal figures follow each municipality's size; higher levels are
their sums; Vlaams Gewest is a multiple of the province. Like real source data it has measures
that start or end (0 outside their years), early years without a municipal breakdown, a few
suppressed municipal cells (empty = no data) and published totals on aggregate rows, some of
which differ from the sum of their parts. Seeded: the same seed gives the same bytes.

Scaled up for the benchmark's linearity and column-limit figures: ``towns`` adds fictitious
municipalities (``Brugge-2`` …) spread over the same arrondissements, ``blocks`` repeats the 76
rows with the next measure codes (block 2: ``i''`` …) and renamed aggregates (``DGK-2``), ``years``
keeps only the latest years (the benchmark's 2.000 regions of one year, where comparing region names
for near misses once dominated).

    python bench/generate.py [--output bench/out/Groot.xlsm] [--seed 2025] [--towns 64] [--blocks 1] [--years 23]
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path
from typing import Any

from xl_ladder import pipeline
from xl_ladder.adapters import workbook_builder
from xl_ladder.shell import workflow
from xl_ladder.table import CODE, FORMULA, LABEL, TABLE_NAME, RawTable
from xl_ladder.values import round_half_up

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "out" / "Groot.xlsm"
YEARS = range(2003, 2026)
PROVINCE, FLANDERS = "West-Vlaanderen", "Vlaams Gewest"

MUNICIPALITIES: dict[str, dict[str, int]] = {
    "Brugge": {"Beernem": 16, "Blankenberge": 20, "Brugge": 118, "Damme": 11, "Jabbeke": 14, "Knokke-Heist": 33,
               "Oostkamp": 23, "Torhout": 20, "Zedelgem": 23, "Zuienkerke": 3},
    "Diksmuide": {"Diksmuide": 17, "Houthulst": 10, "Koekelare": 9, "Kortemark": 13, "Lo-Reninge": 3},
    "Ieper": {"Heuvelland": 8, "Ieper": 35, "Langemark-Poelkapelle": 8, "Mesen": 1, "Poperinge": 20,
              "Vleteren": 4, "Wervik": 19, "Zonnebeke": 13},
    "Kortrijk": {"Anzegem": 15, "Avelgem": 10, "Deerlijk": 12, "Harelbeke": 28, "Kortrijk": 77, "Kuurne": 13,
                 "Lendelede": 6, "Menen": 33, "Spiere-Helkijn": 2, "Waregem": 38, "Wevelgem": 31, "Zwevegem": 25},
    "Oostende": {"Bredene": 18, "De Haan": 13, "Gistel": 12, "Ichtegem": 14, "Middelkerke": 20, "Oostende": 72,
                 "Oudenburg": 9},
    "Roeselare": {"Hooglede": 10, "Ingelmunster": 11, "Izegem": 28, "Ledegem": 10, "Lichtervelde": 9,
                  "Moorslede": 11, "Roeselare": 63, "Staden": 11},
    "Tielt": {"Ardooie": 9, "Dentergem": 8, "Meulebeke": 11, "Oostrozebeke": 8, "Pittem": 7, "Ruiselede": 5,
              "Tielt": 20, "Wielsbeke": 9, "Wingene": 14},
    "Veurne": {"Alveringem": 5, "De Panne": 11, "Koksijde": 22, "Nieuwpoort": 11, "Veurne": 12},
}
"""Arrondissement → municipality → inhabitants in thousands (rounded, about 2020)."""
REGIONS = {
    "Regio Brugge": ["Brugge"], "Regio Oostende": ["Oostende"], "Westhoek": ["Diksmuide", "Ieper", "Veurne"],
    "Zuid-West-Vlaanderen": ["Kortrijk"], "Midden-West-Vlaanderen": ["Roeselare", "Tielt"],
}
"""The five regions of West-Vlaanderen and their arrondissements."""

MEASURES = [
    # (code, label, first year, last year): 0 outside those years (the measure did not exist).
    ("a", "Vlaamse Ondersteuningspremie (VOP)", 2008, 2025), ("b", "RSZ-korting ouderen", 2003, 2025),
    ("c", "RSZ-korting jongeren", 2003, 2025), ("d", "Aanwervingsincentive langdurig werkzoekenden (WSE)", 2016, 2025),
    ("e", "- Gesco (o.a. BKO)", 2003, 2016), ("f", "SINE", 2003, 2025),
    ("g", "Lokale diensteneconomie - buurt- en nabijheidsdiensten", 2003, 2025),
    ("h", "Lokale diensteneconomie - overige", 2003, 2025), ("i", "Maatwerkbedrijven", 2016, 2025),
    ("j", "Maatwerkafdelingen", 2016, 2025), ("k", "Invoegbedrijven", 2003, 2019),
    ("l", "Sociale werkplaatsen", 2003, 2015), ("m", "Beschutte werkplaatsen", 2003, 2015),
    ("n", "Collectief maatwerk - individuele begeleiding", 2016, 2025),
    ("o", "Collectief maatwerk - doelgroepwerknemers in opstart", 2016, 2025),
    ("p", "Collectief maatwerk - overige", 2019, 2025),
    ("q", "TIW (Tender Intensief Werkplekleren)", 2017, 2021), ("r", "Beroepsverkennende stages (BVS)", 2003, 2025),
    ("s", "Werkervaringsstages (WES)", 2003, 2025), ("t", "Opleidingsstages (OS)", 2003, 2025),
    ("u", "(Laaggeschoolde) IBO", 2003, 2025), ("v", "Beroepsinlevingsstages (BIS)", 2003, 2025),
    ("w", "Activiteitencoöperatie", 2019, 2025), ("x", "Gespecialiseerde IBO (GIBO)", 2003, 2025),
    ("y", "Werkplekleren - jobcoaching", 2010, 2025), ("z", "Werkplekleren - overige", 2003, 2025),
    ("a'", "Leren en werken - Brugprojecten", 2003, 2019), ("b'", "Leren en werken - Voortrajecten", 2003, 2019),
    ("c'", "Leren en werken - Persoonlijke Ontwikkelingstrajecten (POT)", 2003, 2019),
    ("d'", "Leren en werken - Aanloopfases werkervaring en vorming", 2019, 2025),
    ("e'", "Duaal leren - Aanloopfases duaal leren", 2019, 2025), ("f'", "Naadloos Flexibele Trajecten (NAFT)", 2012, 2025),
    ("g'", "Duaal leren - werkplekcomponent", 2016, 2025),
    ("h'", "Deeltijds beroepssecundair onderwijs - arbeidsdeelname", 2003, 2025),
    ("i'", "Syntra-leertijd", 2003, 2025), ("j'", "Duaal leren - overige", 2020, 2025),
    ("k'", "Wijk-werken", 2018, 2025), ("l'", "PWA-stelsel", 2003, 2017),
    ("m'", "Activerende arbeidszorg WSE", 2003, 2025), ("n'", "Activeringstrajecten (werk- en zorgdecreet)", 2015, 2025),
    ("o'", "TAZ-trajecten (Tender Activering Zorg)", 2017, 2023),
    ("p'", "DAZ-trajecten (Doorstroom uit Arbeidszorg)", 2017, 2023),
    ("q'", "Werk-welzijnstrajecten", 2014, 2025), ("r'", "GTB-trajecten", 2003, 2025),
    ("s'", "Zorg- en begeleidingstrajecten", 2008, 2025), ("t'", "Tender activering", 2012, 2018),
    ("u'", "Tender doorstroom", 2012, 2018), ("v'", "Begeleid werken", 2003, 2014),
    ("w'", "Arbeidstrajectbegeleiding", 2003, 2025), ("x'", "Doorstroom - overige", 2003, 2025),
    ("y'", "Arbeidszorg (buiten AMA)", 2003, 2025), ("z'", "Arbeidszorg in dagcentra", 2003, 2025),
    ("a''", "Arbeidszorg in sociale werkplaatsen", 2003, 2015), ("b''", "Arbeidszorg OCMW", 2003, 2025),
    ("c''", "Arbeidszorg CGG", 2003, 2025), ("d''", "Arbeidszorg - overige", 2003, 2025),
    ("e''", "AMA Welzijn (werk- en zorgdecreet) (vanuit WVG)", 2014, 2025),
    ("f''", "AMA Gehandicaptenzorg", 2014, 2025), ("g''", "AMA Geestelijke gezondheidszorg", 2014, 2025),
    ("h''", "AMA - overige", 2014, 2025),
]
AGGREGATES = [
    # (code, label, formula, placed before this measure code); empty code: an informational row.
    ("trede 5", "TREDE 5 - BETAALD WERK MET ONDERSTEUNING", "DGK + 40% f + COL", "a"),
    ("IND", "INDIVIDUELE INSCHAKELING", "a t/m f", "a"),
    ("DGK", "Doelgroepkortingen", "a t/m e", "a"),
    ("COL", "COLLECTIEVE INSCHAKELING", "LDE + CM", "g"),
    ("LDE", "Lokale diensteneconomie (LDE)", "g + h", "g"),
    ("CM", "Collectief maatwerk", "i t/m p", "i"),
    ("trede 4", "TREDE 4 - TIJDELIJKE ACTIVERENDE TRAJECTEN", "q t/m x'", "q"),
    ("WPL", "Werkplekleren", "q t/m z", "q"),
    ("", "Werkplekleren - stages", "r t.e.m. v", "r"),
    ("DL", "Duaal leren (inclusief leren en werken)", "a' t/m j'", "a'"),
    ("WW", "Wijk-werken en PWA", "k' + l'", "k'"),
    ("DOOR", "Doorstroom / Activering uit arbeidszorg", "m' t/m x'", "m'"),
    ("trede 3", "TREDE 3 - ARBEIDSMATIGE ACTIVITEITEN ONDER BEGELEIDING", "AZ + AMA", "y'"),
    ("AZ", "Arbeidszorg", "y' t/m d''", "y'"),
    ("AMA", "Arbeidsmatige activiteiten (AMA)", "e'' t/m h''", "e''"),
    ("totaal", "TEWERKSTELLING EN ARBEIDSMATIGE PARTICIPATIE VAN PERSONEN UIT DE KANSENGROEPEN",
     "trede 5 + trede 4 + trede 3", None),
]
PUBLISHED = {"trede 5", "IND", "COL", "trede 4", "trede 3", "totaal"}
"""Aggregates whose totals the province and Flanders publish (every year)."""
NO_BREAKDOWN = {"x": range(2003, 2007)}
"""Measures without a municipal breakdown in some years: only province and Flanders have figures."""
SUPPRESSED = 0.002
"""Share of municipal cells left empty (suppressed small counts, late deliveries)."""
GAPS = 0.04
"""Share of published totals that differ from the sum of their parts (corrections, other sources)."""


Towns = dict[str, dict[str, int]]
"""Arrondissement → municipality → inhabitants in thousands."""
Measure = tuple[str, str, int, int]
Row = tuple[str, str, str, str]
"""(code, label, formula, the code it has in the first block)."""


def municipalities(towns: int = 64) -> Towns:
    """The 64 municipalities, then fictitious ones (``Brugge-2`` …) in the real ones' order and sizes."""
    real = [(arrondissement, town, size) for arrondissement, members in MUNICIPALITIES.items()
            for town, size in members.items()]
    result: Towns = {arrondissement: {} for arrondissement in MUNICIPALITIES}
    for n in range(towns):
        arrondissement, town, size = real[n % len(real)]
        result[arrondissement][town if n < len(real) else f"{town}-{n // len(real) + 1}"] = size
    return result


def regions(towns: Towns = MUNICIPALITIES) -> list[str]:
    """Region columns in table order: the focus region first, then the reference, then the finer levels."""
    arrondissements = [f"Arrondissement {name}" for name in towns]
    return [PROVINCE, FLANDERS, *REGIONS, *arrondissements, *(town for members in towns.values() for town in members)]


def _measure_code(n: int) -> str:
    """The ``n``-th measure code in code order: a … z, a' … z', a'' …"""
    return chr(ord("a") + n % 26) + "'" * (n // 26)


def _blocks(blocks: int) -> tuple[list[Measure], list[Row]]:
    """Measures and rows in table order, the publication's 76 rows repeated ``blocks`` times.

    Block b (from 2) continues the measure codes where block b - 1 stopped and renames its
    aggregates (``DGK-2``, ``trede-5-2``: only the first block holds the ladder's rungs, each adding up the
    other blocks' rung of the same number, so that every measure counts once in the total).
    """
    measures: list[Measure] = []
    rows: list[Row] = []
    for b in range(blocks):
        renamed = {code: _measure_code(b * len(MEASURES) + n) for n, (code, _, _, _) in enumerate(MEASURES)}
        renamed |= {code: code if b == 0 else f"{code.replace(' ', '-')}-{b + 1}" for code, _, _, _ in AGGREGATES if code}
        suffix = "" if b == 0 else f" (blok {b + 1})"
        measures += [(renamed[code], label + suffix, first, last) for code, label, first, last in MEASURES]
        rows += [(renamed.get(code, code), label + suffix, _renamed(formula, renamed), code)
                 for code, label, formula in _ordered_rows()]
    copies = "".join  # every measure counted once: a rung of the first block adds up the blocks' rungs
    rows = [(code, label, formula + copies(f" + {code.replace(' ', '-')}-{b + 1}" for b in range(1, blocks))
             if n < len(rows) // blocks and code.startswith("trede ") else formula, first)
            for n, (code, label, formula, first) in enumerate(rows)]
    return measures, rows


def _renamed(formula: str, renamed: dict[str, str]) -> str:
    """A formula of the first block with its codes renamed (``a t/m f`` → ``i'' t/m n''``)."""
    terms = []
    for term in formula.split(" + ") if formula else ():
        weight, _, codes = term.rpartition("% ")
        for word in (" t/m ", " t.e.m. "):
            if word in codes:
                codes = word.join(renamed[code] for code in codes.split(word))
                break
        else:
            codes = renamed[codes]
        terms.append(f"{weight}% {codes}" if weight else codes)
    return " + ".join(terms)


def _municipal_figures(rng: random.Random, towns: Towns, measures: list[Measure],
                       years: range) -> dict[str, dict[tuple[str, int], int | None]]:
    """Measure code → (municipality, year) → count (None: no data), driven by size and a trend per measure."""
    result: dict[str, dict[tuple[str, int], int | None]] = {}
    for code, _, first, last in measures:
        rate = rng.lognormvariate(math.log(0.6), 1.0)  # places per 1000 inhabitants
        growth = rng.uniform(-0.04, 0.06)
        local = {town: rng.uniform(0.6, 1.5) for members in towns.values() for town in members}
        figures: dict[tuple[str, int], int | None] = {}
        for members in towns.values():
            for town, size in members.items():
                for year in years:
                    if not first <= year <= last:
                        figures[(town, year)] = 0
                        continue
                    mean = size * rate * local[town] * (1 + growth) ** (year - first)
                    count = max(0, round(rng.gauss(mean, math.sqrt(mean) + 0.3)))
                    figures[(town, year)] = None if rng.random() < SUPPRESSED else count
        result[code] = figures
    return result


def _measure_values(rng: random.Random, towns: Towns, measures: list[Measure],
                    years: range) -> dict[str, dict[tuple[str, int], int | None]]:
    """Measure code → (region, year) → count at every level; higher levels are sums of the known figures below."""
    municipal = _municipal_figures(rng, towns, measures, years)
    below_province = regions(towns)[2:]
    result = {}
    for code, _, _, _ in measures:
        figures = municipal[code]
        factor = rng.uniform(4.3, 5.6)  # Flanders against West-Vlaanderen
        values: dict[tuple[str, int], int | None] = dict(figures)
        for year in years:
            arrondissement = {
                name: sum(figures[(town, year)] or 0 for town in members) for name, members in towns.items()
            }
            for name, total in arrondissement.items():
                values[(f"Arrondissement {name}", year)] = total
            for region, members in REGIONS.items():
                values[(region, year)] = sum(arrondissement[name] for name in members)
            province = sum(arrondissement.values())
            values[(PROVINCE, year)] = province
            values[(FLANDERS, year)] = round(province * factor * rng.uniform(0.97, 1.03))
            if year in NO_BREAKDOWN.get(code, ()):
                for region in below_province:
                    values[(region, year)] = None
        result[code] = values
    return result


def _ordered_rows() -> list[tuple[str, str, str]]:
    """(code, label, formula) in publication order: each aggregate just above its first part."""
    before: dict[str | None, list[tuple[str, str, str]]] = {}
    for code, label, formula, at in AGGREGATES:
        before.setdefault(at, []).append((code, label, formula))
    rows = []
    for code, label, _, _ in MEASURES:
        rows += before.get(code, [])
        rows.append((code, label, ""))
    return rows + before.get(None, [])


def table(seed: int = 2025, towns: int = 64, blocks: int = 1, years: range = YEARS) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the measure table for a seed (counts as numbers, None = no data): same seed, same table."""
    rng = random.Random(seed)
    measures, ordered = _blocks(blocks)
    places = municipalities(towns)
    values = _measure_values(rng, places, measures, years)
    columns = [(region, year) for region in regions(places) for year in years]
    header = [CODE, LABEL, FORMULA, *(f"{region} {year}" for region, year in columns)]
    rows = [[code, label, formula, *(values[code][key] if code in values else None for key in columns)]
            for code, label, formula, _ in ordered]
    _publish(rng, header, rows, [first for _, _, _, first in ordered])
    return header, rows


def _publish(rng: random.Random, header: list[str], rows: list[list[Any]], first_codes: list[str]) -> None:
    """Type the province's and Flanders' published totals on aggregate rows: the tool's own sums, rounded
    half up as printed, a few of them off (later corrections, other sources)."""
    ladder = pipeline.check_raw(RawTable(TABLE_NAME, 0, 0, header, rows), {}).ladder
    assert ladder is not None, "the generated table has no input errors"
    for i, row in enumerate(rows):
        if first_codes[i] not in PUBLISHED:
            continue
        for k, (region, _) in enumerate(ladder.table.columns):
            if region in (PROVINCE, FLANDERS):
                gap = rng.choice((-1, 1)) * rng.randint(1, 12) if rng.random() < GAPS else 0
                row[3 + k] = int(round_half_up(ladder.computed[i, k])) + gap


def generate(output: Path = DEFAULT_OUTPUT, seed: int = 2025, keep: set[str] | None = None,
             towns: int = 64, blocks: int = 1, years: range = YEARS) -> list[list[Any]]:
    """Write the measure CSV beside ``output``, build the workbook from it and refresh it (as the shipped one is).

    ``keep``: only these region-year columns (``"Brugge 2025"``), the same rows: the benchmark
    compares the live path's actions on the whole table and on such a cut.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    header, rows = table(seed, towns, blocks, years)
    if keep is not None:
        kept = [k for k, title in enumerate(header) if k < 3 or title in keep]
        header, rows = [header[k] for k in kept], [[row[k] for k in kept] for row in rows]
    data = output.with_suffix(".csv")
    with data.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")  # None is written as an empty cell: no data
        writer.writerow(header)
        writer.writerows(rows)
    workbook_builder.build(output, data)
    workflow.refresh_file(output)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--towns", type=int, default=64, help="municipalities (beyond 64: fictitious ones)")
    parser.add_argument("--blocks", type=int, default=1, help="the 76 rows this many times")
    parser.add_argument("--years", type=int, default=len(YEARS), help=f"the latest this many of {YEARS.start}–{YEARS.stop - 1}")
    args = parser.parse_args()
    years = YEARS[-args.years:]
    rows = generate(args.output, args.seed, towns=args.towns, blocks=args.blocks, years=years)
    empty = sum(cell is None for row in rows for cell in row[3:])
    print(f"{args.output}: {len(rows)} rows × {len(rows[0]) - 3} figure columns ({(len(rows[0]) - 3) // len(years)} regions × "
          f"{len(years)} years), {empty} empty cells, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
