"""Per-mention and per-unit sentiment toward an actor, with reproducible intervals."""

from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct
import corpus_tools.measure.sentiment
from corpus_tools.evaluate.stats import bootstrap_mean_ci
from corpus_tools.measure.sentiment_rules import score_label


@pytest.fixture(scope="module")
def kadhimi_scores(units):
    return ct.sentiment_toward(units, "kadhimi", rules=True)


def test_one_judgement_per_sentence_not_per_mention(units, kadhimi_scores):
    mentions = ct.find_mentions(units)
    target = mentions[mentions.actor == "kadhimi"]
    assert len(kadhimi_scores) == target.groupby(["unit_id", "sent_id"]).ngroups
    assert not kadhimi_scores.duplicated(["unit_id", "sent_id"]).any()
    assert kadhimi_scores["n_mentions"].sum() == len(target)
    probabilities = kadhimi_scores[["p_negative", "p_neutral", "p_positive"]]
    assert (kadhimi_scores["label"] == probabilities.idxmax(axis=1).str.removeprefix("p_")).all()
    assert ((kadhimi_scores.score - (kadhimi_scores.p_positive - kadhimi_scores.p_negative)).abs() < 1e-3).all()
    assert (kadhimi_scores["rule_label"] == kadhimi_scores["rule_score"].map(score_label)).all()
    # A sentence with a name and a pronoun is scored at the name.
    both = target.groupby(["unit_id", "sent_id"])["how"].agg(set)
    mixed = both[both.map(lambda hows: "name" in hows and "pronoun" in hows)].index
    assert len(mixed) > 0
    chosen = kadhimi_scores.set_index(["unit_id", "sent_id"]).loc[list(mixed), "how"]
    assert (chosen == "name").all()


def test_scores_are_those_of_target_sentiment_on_the_sentence(units, sents, kadhimi_scores):
    for row in kadhimi_scores.head(5).itertuples():
        sentence = sents.set_index(["unit_id", "sent_id"]).loc[(row.unit_id, row.sent_id)]
        expected = ct.target_sentiment(sentence.text, (row.start - sentence.start, row.end - sentence.start))
        assert row.score == pytest.approx(expected.score)


def test_profile_counts_shares_interval_and_too_few(units, kadhimi_scores):
    profile = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores)
    assert profile.n_sentences.sum() == len(kadhimi_scores)
    assert (profile.n_positive + profile.n_neutral + profile.n_negative == profile.n_sentences).all()
    assert (profile.share_positive + profile.share_neutral + profile.share_negative).round(9).eq(1).all()
    assert (profile.too_few == (profile.n_sentences < 5)).all()
    for row in profile.itertuples():
        own = kadhimi_scores[kadhimi_scores.unit_id == row.unit_id].sort_values("sent_id")
        assert (row.score, row.ci_low, row.ci_high) == pytest.approx(bootstrap_mean_ci(own.score.tolist()))
    again = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores)
    pd.testing.assert_frame_equal(profile, again)


def test_profile_without_pronouns_and_by_outlet(units, kadhimi_scores):
    names_only = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores, include_pronouns=False)
    assert names_only.n_sentences.sum() == (kadhimi_scores.how != "pronoun").sum()
    by_outlet = ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores, by="outlet")
    assert by_outlet.n_sentences.sum() == len(kadhimi_scores)
    assert "Atlantic Council" in set(by_outlet.outlet)
    with pytest.raises(ValueError, match="by='colour' is not a column of units"):
        ct.sentiment_profile(units, "kadhimi", scores=kadhimi_scores, by="colour")


def test_difference_between_outlets_is_an_interval(units, kadhimi_scores):
    table = ct.measure.sentiment.sentiment_difference(
        kadhimi_scores, "Atlantic Council", "Wall Street Journal", units=units, by="outlet")
    row = table.set_index("measure").loc["score"]
    outlets = kadhimi_scores.merge(units[["unit_id", "outlet"]], on="unit_id")
    first = outlets[outlets.outlet == "Atlantic Council"].score
    second = outlets[outlets.outlet == "Wall Street Journal"].score
    assert (row.n_first, row.n_second) == (len(first), len(second))
    assert row.difference == pytest.approx(first.mean() - second.mean())
    assert row.ci_low < row.difference < row.ci_high
    assert row.supported == (row.ci_low > 0 or row.ci_high < 0)


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


def test_rule_columns_only_when_asked(units):
    plain = ct.sentiment_toward(units.head(2), "kadhimi")
    with_rules = ct.sentiment_toward(units.head(2), "kadhimi", rules=True)
    assert "rule_score" not in plain.columns and "rule_label" not in plain.columns
    assert list(with_rules.columns) == [*plain.columns, "rule_score", "rule_label"]
    pd.testing.assert_frame_equal(with_rules[plain.columns], plain)

