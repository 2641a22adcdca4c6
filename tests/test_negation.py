"""Negation comes from one list, lexicon/negators.txt: every measure reads it, and a
case's own lexicon folder adds to it (invented sentences, the invented ferry case)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.io import lexicon
from corpus_tools.io.lexicon import LexiconError
from corpus_tools.measure.blame_rules import case_lexicon
from corpus_tools.measure.stance_cues import find_triggers, is_negated

FERRY = Path(__file__).resolve().parent / "data" / "case_ferry"
BLAME = "The Korvathi government seldom ordered the ferry attack, officials wrote."
STANCE = "The Tessaly government should seldom impose sanctions on the cartel."


def _units(text: str) -> pd.DataFrame:
    units = pd.DataFrame({"unit_id": ["u1"], "text": [text]})
    for col in ("source_file", "outlet", "publisher", "author", "date", "genre", "title"):
        units[col] = ""
    units["n_words"] = units["text"].str.split().str.len()
    return units


@pytest.fixture()
def own_case(tmp_path) -> ct.Case:
    """The ferry case with a lexicon folder of its own that adds the negator "seldom"."""
    folder = tmp_path / "ferry"
    shutil.copytree(FERRY, folder)
    (folder / "lexicon").mkdir()
    (folder / "lexicon" / "negators.txt").write_text("# my own\nnegator\tseldom\n", encoding="utf-8")
    toml = (folder / "case.toml").read_text(encoding="utf-8")
    (folder / "case.toml").write_text(toml.replace('gazetteer = "gazetteer.csv"',
                                                   'gazetteer = "gazetteer.csv"\nlexicon = "lexicon"'), encoding="utf-8")
    return ct.load_case(folder)


def test_the_kinds_of_the_shared_list():
    assert {"not", "never", "no longer", "cannot"} <= lexicon.negators(("negator",))
    assert {"neither", "nor"} == lexicon.negators(("correlative",))
    assert "without" in lexicon.negators(("absence",))
    assert "end" in lexicon.negators(lexicon.NEGATOR_KINDS) and "end" not in lexicon.negators()
    with pytest.raises(LexiconError, match="unknown kind"):
        lexicon.negators(("negatr",))


def test_a_case_folder_adds_a_negator_to_the_blame_measure(own_case):
    package = ct.blame_claims(_units(BLAME), case=ct.load_case(FERRY))
    own = ct.blame_claims(_units(BLAME), case=own_case)
    assert "denied" not in set(package["certainty"])
    assert "denied" in set(own["certainty"])
    assert case_lexicon(own_case).negation.search("seldom")
    assert not case_lexicon(ct.load_case(FERRY)).negation.search("seldom")


def test_a_case_folder_adds_a_negator_to_the_stance_measure(own_case):
    package = ct.stance_statements(_units(STANCE), case=ct.load_case(FERRY))
    own = ct.stance_statements(_units(STANCE), case=own_case)
    assert list(package["negated"]) == [False] and list(package["direction"]) == [1]
    assert list(own["negated"]) == [True] and list(own["direction"]) == [-1]


def test_stance_reads_every_shared_negator():
    text = "The ministry cannot impose sanctions."
    assert is_negated(text, 0, text.index("impose"))
    text = "Neither the ministry nor the court will impose sanctions."
    assert is_negated(text, 0, text.index("impose"))
    text = "The ministry will impose sanctions."
    assert not is_negated(text, 0, text.index("impose"))


def test_sentiment_negation_reads_the_shared_list():
    flipped = ct.rule_sentiment("Okafor was seldom brave.", (0, 6))
    plain = ct.rule_sentiment("Okafor was not brave.", (0, 6))
    assert plain.score < 0 < flipped.score


@pytest.mark.parametrize("text, negated", [
    ("The ministry should no longer impose sanctions.", True),
    ("The ministry should never impose sanctions.", True),
    ("The ministry should not impose sanctions.", True),
    ("The ministry should now impose sanctions.", False),
])
def test_a_modal_is_negated_by_a_shared_negator(text, negated):
    modals = [t for t in find_triggers(text, 0, len(text)) if t.kind == "modal"]
    assert len(modals) == 1 and modals[0].negated is negated


def test_sentiment_reads_two_word_negators_from_the_list():
    # "far from" negates what follows it ("far" alone has no valence): the praise turns round
    assert ct.rule_sentiment("Okafor was far from brave.", (0, 6)).score < 0
    assert ct.rule_sentiment("Okafor was far and brave.", (0, 6)).score > 0
