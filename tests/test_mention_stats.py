"""Mention rates, spellings, co-occurrence and evidence views."""

from __future__ import annotations

import pandas as pd

from corpus_tools.measure.mention_stats import cooccurrence, mention_rates, spellings
from corpus_tools.viz.evidence import mark_span, with_sentences

MENTIONS = pd.DataFrame({
    "unit_id": ["a", "a", "a", "b"],
    "sent_id": [0, 0, 1, 0],
    "start": [0, 10, 20, 0],
    "end": [7, 14, 27, 10],
    "surface": ["Kadhimi", "Iran", "Kadhimi", "Al-Kadhimi"],
    "actor": ["kadhimi", "iran", "kadhimi", "kadhimi"],
    "group": ["iraqi_government", "iran", "iraqi_government", "iraqi_government"],
    "how": ["name", "name", "name", "name"],
})
UNITS = pd.DataFrame({"unit_id": ["a", "b"], "outlet": ["X", "Y"], "n_words": [500, 2000]})


def test_mention_rates_per_thousand_words_with_zero_cells():
    rates = mention_rates(MENTIONS, UNITS, by="outlet", column="group").set_index(["outlet", "group"])
    assert rates.loc[("X", "iraqi_government"), "per_1000"] == 4.0
    assert rates.loc[("Y", "iraqi_government"), "per_1000"] == 0.5
    assert rates.loc[("Y", "iran"), "count"] == 0


def test_mention_rates_by_unit_id():
    rates = mention_rates(MENTIONS, UNITS, by="unit_id", column="actor")
    assert rates.set_index(["unit_id", "actor"]).loc[("a", "kadhimi"), "count"] == 2


def test_spellings_counts_forms():
    row = spellings(MENTIONS).set_index("actor").loc["kadhimi"]
    assert (row.n_mentions, row.n_forms, row.forms) == (3, 2, "Kadhimi (2); Al-Kadhimi (1)")


def test_cooccurrence_counts_sentences_not_mentions():
    co = cooccurrence(MENTIONS)
    assert co.loc["kadhimi", "iran"] == co.loc["iran", "kadhimi"] == 1
    assert co.loc["kadhimi", "kadhimi"] == 3


def test_evidence_marks_the_span_in_its_sentence():
    text = "He met them. Kadhimi spoke."
    assert mark_span(text, 13, 20, within=(13, 27)) == "[[Kadhimi]] spoke."
    units = pd.DataFrame({"unit_id": ["u"], "text": [text]})
    sents = pd.DataFrame({"unit_id": ["u", "u"], "sent_id": [0, 1], "start": [0, 13], "end": [12, 27]})
    rows = pd.DataFrame({"unit_id": ["u"], "sent_id": [1], "start": [13], "end": [20]})
    assert with_sentences(rows, units, sents)["sentence"].tolist() == ["[[Kadhimi]] spoke."]
