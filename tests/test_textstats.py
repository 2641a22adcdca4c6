"""Frequency, keyness, collocation and KWIC tables."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.text.textstats import log_likelihood


def test_log_likelihood_matches_a_hand_computation():
    # a=10 in c=1000 words vs b=5 in d=2000: E1 = 5, E2 = 10.
    expected = 2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10))
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(expected)
    assert log_likelihood(5, 10, 1000, 2000) == pytest.approx(0.0)


def _tiny():
    units = pd.DataFrame({
        "unit_id": ["a", "b"], "outlet": ["X", "Y"],
        "text": ["Drones struck. Drones struck again. Drones everywhere.", "The militias voted. The militias lost."],
    })
    return units, ct.tokens(units)


def test_term_frequencies_skip_stop_words_and_punctuation():
    units, toks = _tiny()
    freq = ct.term_frequencies(toks, units, by="outlet", top=2)
    x = freq[freq.outlet == "X"]
    assert x["term"].tolist() == ["drones", "struck"]
    assert x["count"].tolist() == [3, 2]
    assert "the" not in set(freq["term"])


def test_keyness_ranks_the_group_word_first():
    units, toks = _tiny()
    table = ct.keyness(toks, units, by="outlet", min_count=2)
    top = table[table.outlet == "X"].iloc[0]
    assert (top.term, top["count"], top.count_rest, bool(top.over)) == ("drones", 3, 0, True)


def test_kwic_offsets_point_into_the_text(units):
    hits = ct.kwic(units, r"\bkadhimi\b", window=20)
    text = units.set_index("unit_id")["text"]
    assert len(hits) > 50
    assert all(text[r.unit_id][r.start : r.end].lower() == "kadhimi" for r in hits.itertuples())


def test_collocations_find_the_names(toks):
    pairs = set(zip(*ct.collocations(toks, top=30)[["w1", "w2"]].T.values))
    assert ("prime", "minister") in pairs
    assert ("green", "zone") in pairs
