"""Per-mention and per-unit sentiment toward an actor, with reproducible intervals."""

from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.evaluate.stats import bootstrap_mean_ci
from corpus_tools.measure.sentiment_rules import score_label


@pytest.fixture(scope="module")
def kadhimi_scores(units):
    return ct.sentiment_toward(units, "kadhimi")


def test_one_row_per_mention_with_a_column_per_scorer(units, kadhimi_scores):
    mentions = ct.find_mentions(units)
    assert len(kadhimi_scores) == (mentions.actor == "kadhimi").sum()
    for column in ("unit_id", "sent_id", "start", "end", "score", "label", "vader", "textblob", "sentence_vader", "how"):
        assert column in kadhimi_scores.columns
    assert (kadhimi_scores["label"] == kadhimi_scores["score"].map(score_label)).all()
    assert set(kadhimi_scores["label"]) <= {"negative", "neutral", "positive"}
    assert "pronoun" in set(kadhimi_scores["how"])


def test_scores_are_those_of_target_sentiment_on_the_sentence(units, sents, kadhimi_scores):
    row = kadhimi_scores.iloc[0]
    sentence = sents.set_index(["unit_id", "sent_id"]).loc[(row.unit_id, row.sent_id)]
    expected = ct.target_sentiment(sentence.text, (row.start - sentence.start, row.end - sentence.start))
    assert row.score == pytest.approx(expected.score)


def test_profile_interval_contains_the_score_and_is_reproducible(units, kadhimi_scores):
    profile = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores)
    assert profile.columns.tolist() == ["unit_id", "n_mentions", "score", "ci_low", "ci_high", "sentence_vader"]
    assert (profile.ci_low <= profile.score).all() and (profile.score <= profile.ci_high).all()
    assert profile.n_mentions.sum() == len(kadhimi_scores)
    again = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores)
    pd.testing.assert_frame_equal(profile, again)
    wide = profile[profile.n_mentions >= 10]
    assert ((wide.ci_high - wide.ci_low) > 0).all()


def test_profile_without_pronouns_and_by_outlet(units, kadhimi_scores):
    names_only = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores, include_pronouns=False)
    assert names_only.n_mentions.sum() == (kadhimi_scores.how != "pronoun").sum()
    by_outlet = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores, by="outlet")
    assert by_outlet.n_mentions.sum() == len(kadhimi_scores)
    assert "Atlantic Council" in set(by_outlet.outlet)


def test_actor_without_mentions_gives_an_empty_profile(units):
    text = units.assign(text="Nobody of note is named in this short text at all.")
    profile = ct.sentiment_profile(text, "kadhimi")
    assert profile.empty and "ci_low" in profile.columns


@pytest.mark.parametrize("actor, hint", [("Kadhimi", "did you mean 'kadhimi'"), ("no_such_actor", "not an actor id")])
def test_unknown_actor_is_an_error_not_an_empty_table(units, actor, hint):
    with pytest.raises(ValueError, match=hint):
        ct.sentiment_profile(units, actor)


def test_bootstrap_interval_matches_the_normal_approximation():
    # 100 draws of 0 and 1: the mean's standard error is 0.05, so the 95% interval is
    # about 0.5 +- 0.098; a wrong resampling (of the wrong size, or not with replacement)
    # gives a much narrower or a wider interval.
    mean, low, high = bootstrap_mean_ci([0.0] * 50 + [1.0] * 50, n_boot=4000, seed=3)
    assert mean == 0.5
    assert low == pytest.approx(0.402, abs=0.02) and high == pytest.approx(0.598, abs=0.02)


def test_bootstrap_mean_ci():
    mean, low, high = bootstrap_mean_ci([0.0, 1.0, 0.5, 0.25], n_boot=500, seed=1)
    assert mean == pytest.approx(0.4375) and low < mean < high
    assert bootstrap_mean_ci([0.3]) == (0.3, 0.3, 0.3)
    assert bootstrap_mean_ci([1.0, 2.0], seed=5) == bootstrap_mean_ci([1.0, 2.0], seed=5)
