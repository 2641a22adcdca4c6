"""Findings rendered from computed facts: a claim that no longer holds fails, naming itself."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
from conftest import CORPUS, ROOT

import corpus_tools as ct
from corpus_tools.extract.gazetteer import split_cell
from corpus_tools.viz.findings import (
    FindingError,
    claim,
    findings_markdown,
    fold,
    join_words,
    number_word,
    outlet_label,
    plural,
    spelling_variants,
)

# The check the notebooks' Markdown cells must pass: no number typed by hand.
TYPED_NUMBER = re.compile(r"(?<![\w.])[-+−]?\d+\.\d+|\d{1,3},\d{3}|\d+(\.\d+)?\s?%")
# Notebooks whose findings are computed (the others join as theirs are).
COMPUTED_FINDINGS = ["00_corpus.ipynb", "01_actors.ipynb"]


def test_a_true_claim_is_returned_and_a_false_one_fails_naming_it():
    assert claim("the river is long", 3 > 2) == "the river is long"
    with pytest.raises(FindingError, match="the river is short"):
        claim("the river is short", 3 < 2)
    # numpy and pandas truth values count too
    assert claim("all positive", pd.Series([1, 2]).gt(0).all()) == "all positive"
    with pytest.raises(AssertionError, match="none negative"):
        claim("none negative", pd.Series([1, -2]).ge(0).all())


def test_findings_markdown_lists_every_claim_and_stops_at_a_false_one():
    text = findings_markdown(["worded from the data", ("checked and true", True)], heading="## Findings")
    assert text.splitlines() == ["## Findings", "", "- worded from the data", "- checked and true"]
    with pytest.raises(FindingError, match="the second claim"):
        findings_markdown([("the first claim", True), ("the second claim", False), ("a third", True)])
    with pytest.raises(TypeError, match="claims"):
        findings_markdown([("too", "many", "parts")])
    assert not findings_markdown([]).strip()


def test_number_words_and_plurals():
    assert [number_word(n) for n in (0, 1, 14, 20)] == ["zero", "one", "fourteen", "twenty"]
    assert number_word(21) == "21" and number_word(7851) == "7,851"
    assert number_word(5, capital=True) == "Five"
    with pytest.raises(ValueError, match="n"):
        number_word(-1)
    with pytest.raises(ValueError, match="n"):
        number_word(2.5)
    assert plural(1, "piece") == "1 piece" and plural(14, "piece") == "14 pieces"
    assert plural(2, "sentence", words=True) == "two sentences"
    assert plural(3, "analysis", "analyses") == "3 analyses"
    assert plural(1200, "word") == "1,200 words"


def test_fold_words_a_ratio_without_overstating_it():
    assert fold(10.0) == "tenfold" and fold(9.97) == "tenfold"
    assert fold(9.41) == "more than ninefold" and fold(9.9) == "more than ninefold"  # never rounded up
    assert fold(2.0) == "twofold" and fold(2.5) == "more than twofold"
    assert fold(1.3) == "less than twofold" and fold(1.0) == "less than twofold"
    assert fold(33.0) == "33-fold" and fold(34.5) == "more than 34-fold"
    for bad in (0.5, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="ratio"):
            fold(bad)
    # worded ratios never carry a typed number the notebook check would flag
    assert not any(TYPED_NUMBER.search(fold(r)) for r in (1.2, 2.0, 3.7, 9.41, 12.2))


def test_join_words():
    assert join_words([]) == "" and join_words(["a"]) == "a"
    assert join_words(["a", "b"]) == "a and b"
    assert join_words(["a", "b", "c"], last="or") == "a, b or c"


GAZETTEER = pd.DataFrame(
    [
        ("okafor", "Lena Okafor", "gov", "person", "Lena Okafor;Okafor", "", "governor"),
        ("kell", "Hassan al-Kell", "gov", "person", "Hassan al-Kell", "=HK", ""),
        ("front", "Pell Front", "sep", "organisation", "=Pell Front", "Kata'ib Pell", ""),
    ],
    columns=["id", "name", "group", "type", "names", "aliases", "roles"],
)


def _mentions(rows):
    return pd.DataFrame(rows, columns=["actor", "surface", "how"])


def test_spelling_variants_compare_as_the_gazetteer_does():
    mentions = _mentions([
        ("okafor", "Okafor", "name"), ("okafor", "Okafor", "name"), ("okafor", "Mrs. Okafor", "name"),
        ("okafor", "Okafour", "name"), ("okafor", "the governor", "role"), ("okafor", "she", "pronoun"),
        ("kell", "Al-Kell", "name"), ("kell", "Hassan Al-Kell", "name"), ("kell", "Hassan Kel", "name"), ("kell", "H.K.", "alias"),
        ("front", "Kata’ib Pell", "alias"), ("front", "Pell Fronts", "name"),
    ])
    table = spelling_variants(mentions, GAZETTEER)
    listed = dict(zip(table["surface"], table["listed"]))
    # a listed form inside a longer one, with article, case or apostrophe style changed, is listed
    assert listed["Okafor"] and listed["Mrs. Okafor"] and listed["Hassan Al-Kell"] and listed["Kata’ib Pell"]
    # other spellings are not, nor a part of a listed form ("Al-Kell" of "Hassan al-Kell"),
    # and a listed form must match whole words ("Pell Fronts")
    assert not listed["Okafour"] and not listed["Hassan Kel"] and not listed["H.K."] and not listed["Pell Fronts"]
    assert not listed["Al-Kell"]
    # roles and pronouns are not spellings
    assert "the governor" not in listed and "she" not in listed
    assert table.loc[table.surface == "Okafor", "count"].item() == 2
    assert table["actor"].tolist() == sorted(table["actor"])


def test_spelling_variants_refuse_an_actor_outside_the_gazetteer():
    with pytest.raises(ValueError, match="brek"):
        spelling_variants(_mentions([("brek", "Brek", "name")]), GAZETTEER)


def test_an_unstated_outlet_is_named_by_its_units():
    units = pd.DataFrame({"unit_id": ["a", "b", "c"], "outlet": ["Daily", "(not stated)", "(not stated)"]})
    assert outlet_label(units, "Daily") == "Daily"
    assert outlet_label(units, "(not stated)") == "the unstated outlet of `b` and `c`"
    with pytest.raises(ValueError, match="Weekly"):
        outlet_label(units, "Weekly")


def test_every_name_and_alias_the_gazetteer_lists_counts_as_listed():
    case = ct.load_case(CORPUS)
    rows = [(r.id, e.lstrip("=").strip()) for r in case.gazetteer.itertuples() for e in split_cell(r.names) + split_cell(r.aliases)]
    mentions = _mentions([(actor, entry, "name") for actor, entry in rows])
    table = spelling_variants(mentions, case.gazetteer)
    assert table["listed"].all(), table.loc[~table["listed"], ["actor", "surface"]].to_dict("records")
    # and the same entries under another actor are not that actor's spellings
    shifted = _mentions([(rows[(k + 1) % len(rows)][0], entry, "name") for k, (_, entry) in enumerate(rows)])
    assert not spelling_variants(shifted, case.gazetteer)["listed"].all()


def test_the_typed_number_check_catches_what_it_should():
    for typed in ("7,851 words", "precision 1.00", "87%", "43.7 per", "−0.25", "12 %"):
        assert TYPED_NUMBER.search(typed), typed
    for fine in ("fourteen pieces", "the 7 November 2021 attack", "1. first", "`per_1000`", "v0.5.1", "notebook 01"):
        assert not TYPED_NUMBER.search(fine), fine


@pytest.mark.parametrize("name", COMPUTED_FINDINGS)
def test_no_number_is_typed_in_the_markdown_of_notebooks_with_computed_findings(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            typed = [m.group(0) for m in TYPED_NUMBER.finditer(cell.source)]
            assert not typed, f"{name} cell {cell.get('id')}: numbers typed by hand {typed}; compute them in a code cell"


@pytest.mark.parametrize("name", COMPUTED_FINDINGS)
def test_findings_are_rendered_by_code_that_checks_them(name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    heading = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Findings"))
    after = [c for c in nb.cells[heading + 1:] if c.cell_type == "code"]
    generic = [c for c in after if "bundled-corpus" not in c.metadata.get("tags", [])]
    assert generic and "findings_markdown(" in generic[0].source, f"{name}: the findings are not rendered by code"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "claim(" in code, f"{name}: no claim of the prose is checked"
