"""Names that almost match (``xl_ladder.names``): the search for twins gives the pairwise definition's verdicts.

``twins`` looks each name's near spellings up instead of comparing every pair (2.000 regions: 2
million pairs). The pairwise search it replaced is kept here as the definition; hypothesis
compares the two on lists of random names built to be near each other (letters dropped,
neighbours swapped, case, spaces, accents, digits), besides the pairs decided by hand in
``tests/test_input_standard.py``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from xl_ladder import names


def pairwise_twins(spellings: list[str]) -> list[tuple[str, str]]:
    """The definition: every two distinct spellings, folded alike or one a typing error of the other."""
    folded = {spelling: names.fold(spelling) for spelling in spellings}
    distinct = list(folded)
    pairs = []
    for j, later in enumerate(distinct):
        for earlier in distinct[:j]:
            one, other = sorted((folded[earlier], folded[later]), key=len)
            if one == other or names._typo(other, one):
                pairs.append((earlier, later))
    return pairs


BASES = st.text(alphabet="abcdeéxyz12 -", min_size=3, max_size=12)


@st.composite
def near_names(draw: st.DrawFn) -> list[str]:
    """A few base names and variants of them: letters dropped or swapped, case, separators, accents."""
    result: list[str] = []
    for base in draw(st.lists(BASES, min_size=1, max_size=4)):
        result.append(base)
        for _ in range(draw(st.integers(0, 5))):
            variant = list(draw(st.sampled_from(result)))
            for _ in range(draw(st.integers(1, 2))):
                if not variant:
                    break
                i = draw(st.integers(0, len(variant) - 1))
                how = draw(st.sampled_from(["drop", "swap", "upper", "hyphen", "accent", "digit"]))
                if how == "drop":
                    del variant[i]
                elif how == "swap" and i + 1 < len(variant):
                    variant[i], variant[i + 1] = variant[i + 1], variant[i]
                elif how == "upper":
                    variant[i] = variant[i].upper()
                elif how == "hyphen":
                    variant.insert(i, "-")
                elif how == "accent":
                    variant[i] = {"e": "é", "a": "à", "é": "e"}.get(variant[i], variant[i])
                elif how == "digit":
                    variant.insert(i, "1")
            result.append("".join(variant))
    return draw(st.permutations(result))


@settings(max_examples=200, deadline=None)
@given(near_names())
def test_twins_are_the_pairwise_verdicts(spellings: list[str]) -> None:
    assert names.twins(spellings) == pairwise_twins(spellings)


def test_twins_among_many_in_the_definitions_order() -> None:
    """Pairs decided by hand, in the definition's order (by the later name, then the earlier); then 400
    names, where the pairwise search still runs in a test's time."""
    spellings = ["Brugge", "Bruge", "Brgge", "Brugeg", "Brugge 1", "Gent", "Genk"]
    assert names.twins(spellings) == pairwise_twins(spellings) == [
        ("Brugge", "Bruge"), ("Brugge", "Brgge"), ("Brugge", "Brugeg"), ("Bruge", "Brugeg")]
    spellings = [f"Gemeente {chr(97 + n % 26)}{chr(97 + n // 26 % 26)}{n // 676}" for n in range(400)]
    spellings += ["Gemeente ba0", "Gemeente ab0", "gemeente-aa-0", "Gemeente aa1x"]
    assert names.twins(spellings) == pairwise_twins(spellings)
    assert ("Gemeente aa0", "gemeente-aa-0") in names.twins(spellings)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_fold_as_defined(text: str) -> None:
    """``fold``'s shortcut for ASCII gives what the whole definition gives: look-alikes made Latin, accents
    and case dropped (NFKD, casefold), then letters and digits only."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", names.latin(text)).casefold()
    assert names.fold(text) == "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))
