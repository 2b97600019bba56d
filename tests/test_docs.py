"""What the README counts is what the files hold: each count derived from the files it counts.

Nothing here is a number written twice: the expected value comes from ``docs/problems.md``,
the Lite bundle, ``tests/reference/`` or ``bench/generate.py``, so a new problem, module or
reference figure makes the README's sentence fail here until it says the new count.
"""

from __future__ import annotations

import csv
import re
import sys

import pytest

from xl_ladder.adapters import lite_bundle

from .conftest import REFERENCE, ROOT
from .helpers import said

README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "xl_ladder"


def rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def filled(records: list[dict[str, str]], columns: list[str]) -> int:
    return sum(1 for record in records for column in columns if record[column])


def test_problems_counted_as_catalogued() -> None:
    """*Command line*: "— N of them": the cases of docs/problems.md, one row with an id each, from the catalogue on
    (its own section, round 2 of issue 20, package and file)."""
    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    cases = re.findall(r"^\| `([a-z0-9-]+)` \|", text[text.index("## Catalogue"):], re.M)
    assert len(cases) == len(set(cases)), "an id of docs/problems.md is used twice"
    assert said(r"the tool recognises — (\d+) of them") == (len(cases),)


def test_modules_lite_carries() -> None:
    """*Without Python*: the N modules of main.py are the core and the live adapters, with their packages; the
    core modules the README names as left out (nothing the button or the functions import) are not there."""
    embedded = lite_bundle.embedded_modules()
    assert said(r"holding the source of the (\d+) modules") == (len(embedded),)
    left_out = re.search(r"all but the check of a press text \(([^)]*)\)", re.sub(r"\s+", " ", README))
    assert left_out, "the README no longer names the core modules Lite does without"
    core = {f"xl_ladder.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}
    core -= {f"xl_ladder.{name}" for name in re.findall(r"`(\w+)`", left_out[1])}
    live = {f"xl_ladder.adapters.{name}" for name in ("excel", "udfs", "lite")}
    assert set(embedded) == core | live | {"xl_ladder", "xl_ladder.adapters"}


def test_modules_lite_md_counts() -> None:
    """docs/lite.md: "embeds each of the N modules", the modules main.py carries."""
    assert said(r"embeds each of the (\d+) modules", ROOT / "docs" / "lite.md") == (len(lite_bundle.embedded_modules()),)


def test_design_names_every_shell_module() -> None:
    """docs/design.md, *The shell*: every module of xl_ladder/shell is named there."""
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    shell = design[design.index("- **The shell**"):]
    missing = {p.name for p in (PACKAGE / "shell").glob("*.py") if p.stem != "__init__"} - set(re.findall(r"`(\w+\.py)`", shell))
    assert missing == set(), f"docs/design.md, The shell: does not name {sorted(missing)}"


def test_reference_figures_counted() -> None:
    """*Checked against the publication* and *The workbook*: the counts of tests/reference."""
    measures = rows("measures.csv")
    counts = ["wvl_2019", "wvl_2020", "vg_2019", "vg_2020"]
    shares_evolutions = ["share_2019_pct", "share_2020_pct", "evo_wvl_pct", "evo_vg_pct"]
    assert said(r"holds all (\d+) rows of the publication's table") == (len(measures),)
    assert said(r"reproduce all (\d+) figures of `measures.csv`") == (filled(measures, counts + shares_evolutions),)
    assert said(r"carries the same (\d+) figures") == (filled(measures, counts + shares_evolutions),)
    assert said(r"reproduce all (\d+) printed shares and evolutions") == (filled(measures, shares_evolutions),)
    regions = rows("regions.csv")
    region_counts = filled(regions, ["bezoldigde_tewerkstelling", "wzw", "kansengroepen_t543"])
    region_shares = filled(regions, ["bezoldigde_share_pct", "wzw_share_pct", "kansengroepen_share_pct"])
    assert said(r"the (\d+) figures of `regions.csv` \((\d+) counts, (\d+) shares\)") == (
        region_counts + region_shares, region_counts, region_shares)
    sectors = [row for row in rows("trede3_sectors.csv") if row["row_type"] == "sector"]
    assert said(r"the (\d+) sector shares of `trede3_sectors.csv`") == (filled(sectors, ["wvl_pct", "vg_pct"]),)


@pytest.fixture(scope="module")
def generate() -> object:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate


def test_generated_workbooks_counted(generate: object) -> None:
    """*Benchmark*: the generated workbooks' measures, aggregates, regions, years and rows."""
    measures, aggregates = len(generate.MEASURES), len(generate.AGGREGATES)  # type: ignore[attr-defined]
    assert said(r"the publication's (\d+) measures \+ (\d+) aggregates") == (measures, aggregates)
    regions, years = len(generate.regions()), len(generate.YEARS)  # type: ignore[attr-defined]
    assert said(r"municipal scale, (\d+) regions .*? × (\d+) years × (\d+) rows") == (regions, years, measures + aggregates)


def test_layout_names_every_module() -> None:
    """*Layout*: every module of the package is named in its folder's entry."""
    layout = README[README.index("## Layout"):]
    for folder in (PACKAGE, PACKAGE / "adapters", PACKAGE / "shell"):
        entry = re.search(rf"^    {re.escape(folder.relative_to(ROOT).as_posix())}/ +(.*?)(?=^    \S)", layout, re.M | re.S)
        assert entry, folder
        named = set(re.findall(r"[a-z_]+", entry.group(1)))
        unnamed = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"} - named
        assert not unnamed, f"README, Layout: {folder.name}/ does not name {sorted(unnamed)}"


def test_reference_folder_stands_alone() -> None:
    """tests/reference: its README names every file there, and what the CSVs point to is there."""
    readme = (REFERENCE / "README.md").read_text(encoding="utf-8")
    for path in REFERENCE.iterdir():
        if path.name not in ("README.md", "__pycache__"):
            assert f"`{path.name}{'/' if path.is_dir() else ''}`" in readme, path.name
    notes = [name for name in REFERENCE.glob("*.csv") if "see NOTES" in name.read_text(encoding="utf-8")]
    assert notes and (REFERENCE / "NOTES.md").exists()
    assert "../" not in readme + (REFERENCE / "NOTES.md").read_text(encoding="utf-8")


def test_every_option_of_the_command_line_is_explained() -> None:
    """``xl-ladder … --help`` explains every argument and option of every command, in Dutch words."""
    import argparse

    from xl_ladder.shell import cli

    main = cli.parser()
    commands = next(a for a in main._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in {"xl-ladder": main, **commands.choices}.items():
        for action in command._actions:
            if not isinstance(action, argparse._SubParsersAction):
                assert action.help, f"{name} {action.option_strings or action.metavar}: no help text"
                assert not re.search(r"\b(the|show|this|help|message)\b", action.help), action.help
