"""Tests for the rule-based scorer corpus_tools.measure.sentiment_rules.rule_sentiment (no NewsMTSC file needed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.measure.sentiment_lexicon import TEXTBLOB_WEIGHT
from corpus_tools.measure.sentiment_rules import ALL_RULES, RULE_NAMES, TargetSentiment, rule_sentiment, score_label


def label(text: str, mention: str, rules=ALL_RULES) -> str:
    """Label toward the first occurrence of ``mention`` in ``text``."""
    start = text.index(mention)
    return rule_sentiment(text, (start, start + len(mention)), rules=rules).label


# For each rule: (sentence where the rule changes the label, label with the rule,
# label without it) and (sentence where it must not change the label, its label).
# All sentences written for these tests.
RULE_CASES = {
    "clause": (
        ("Kadhimi is a brave leader; the militias are a disgrace and a menace.",
         "Kadhimi", "positive", "negative"),
        ("Kadhimi is a brave leader.", "Kadhimi", "positive"),
    ),
    "contrast": (
        ("Kadhimi was once popular, but he has failed badly.",
         "Kadhimi", "negative", "positive"),
        ("Kadhimi was once popular, but the militias have grown stronger.",
         "Kadhimi", "positive"),
    ),
    "negation": (
        ("He is neither charismatic nor decisive.", "He", "negative", "positive"),
        ("Kadhimi did not travel to Najaf, and he remains a capable leader.",
         "Kadhimi", "positive"),
    ),
    "reported_speech": (
        ("Kadhimi said the militias were cowards and criminals.",
         "Kadhimi", "neutral", "negative"),
        ("The envoy said Kadhimi is a disappointment.", "Kadhimi", "negative"),
    ),
    "role": (
        ("Militias attacked the convoy.", "Militias", "negative", "neutral"),
        ("Drones attacked Kadhimi's home.", "Kadhimi", "neutral"),
    ),
    "event_words": (
        ("Kadhimi survived an assassination attempt.", "Kadhimi", "neutral", "negative"),
        ("Critics called Kadhimi a weak leader after the drone attack.",
         "Kadhimi", "negative"),
    ),
    "domain_neutral": (
        ("Kadhimi met party officials to discuss security and health care.",
         "Kadhimi", "neutral", "positive"),
        ("Kadhimi is a decent and honest man.", "Kadhimi", "positive"),
    ),
    "proper_names": (
        ("Kadhimi met the Popular Mobilization Forces commander.",
         "Kadhimi", "neutral", "positive"),
        ("Kadhimi is popular among young Iraqis.", "Kadhimi", "positive"),
    ),
    "news_cues": (
        ("The envoy called Kadhimi a hypocrite.", "Kadhimi", "negative", "neutral"),
        ("Kadhimi is a disappointment.", "Kadhimi", "negative"),
    ),
}


def test_every_rule_has_cases() -> None:
    assert set(RULE_CASES) == set(RULE_NAMES)


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_rule_changes_label(rule: str) -> None:
    text, mention, with_rule, without_rule = RULE_CASES[rule][0]
    assert label(text, mention) == with_rule
    assert label(text, mention, ALL_RULES - {rule}) == without_rule


@pytest.mark.parametrize("rule", RULE_NAMES)
def test_rule_leaves_label_alone(rule: str) -> None:
    text, mention, expected = RULE_CASES[rule][1]
    assert label(text, mention) == expected
    assert label(text, mention, ALL_RULES - {rule}) == expected


# Sentences in the style of the Kadhimi corpus (README.md), written for these tests.
@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Kadhimi is a disappointment.", "Kadhimi", {"negative"}),
        ("He is neither charismatic nor decisive.", "He", {"negative"}),
        ("Kadhimi has done something right", "Kadhimi", {"positive"}),
        ("Militias launched three drones laden with explosives at Kadhimi's residence.",
         "Kadhimi", {"neutral"}),
        ("Kadhimi escaped unharmed", "Kadhimi", {"neutral", "positive"}),
        ("a quietly brave leader with a conscience", "leader", {"positive"}),
    ],
)
def test_kadhimi_examples(text: str, mention: str, expected: set[str]) -> None:
    assert label(text, mention) in expected


@pytest.mark.parametrize(
    ("text", "mention"),
    [("Kadhimi's home was attacked.", "Kadhimi"), ("Kadhimi was attacked at home.", "Kadhimi")],
)
def test_role_acted_upon_is_not_evaluated(text: str, mention: str) -> None:
    """Being the target of an attack is not an evaluation (rule "role")."""
    assert label(text, mention) == "neutral"
    assert label(text, mention, ALL_RULES - {"role"}) == "negative"


def test_role_keeps_verbal_criticism() -> None:
    assert label("Kadhimi was criticized by the envoy.", "Kadhimi") == "negative"


def test_result_is_auditable() -> None:
    text = "Militias launched drones at the residence, and critics called Kadhimi weak."
    start = text.index("Kadhimi")
    res = rule_sentiment(text, (start, start + 7))
    assert isinstance(res, TargetSentiment)
    assert res.target == "Kadhimi"
    assert res.window[0] <= start < start + 7 <= res.window[1]
    assert any(c.startswith("weak:") for c in res.cues)
    assert any("launched" in c and "event_words" in c for c in res.cues)
    assert res.score == pytest.approx((res.vader + TEXTBLOB_WEIGHT * res.textblob) / (1 + TEXTBLOB_WEIGHT), abs=1e-4)
    assert res.sentence_vader != res.score  # raw sentence score kept beside it
    with pytest.raises(AttributeError):
        res.score = 0.0  # frozen


def test_curly_quotes_and_offsets() -> None:
    text = "\u201cKadhimi\u2019s government is a disappointment,\u201d the envoy said."
    res = rule_sentiment(text, (1, 8))
    assert res.target == "Kadhimi"
    assert res.label == "negative"


@pytest.mark.parametrize("span", [(3, 3), (5, 2), (-1, 4), (0, 99), (10, 40), (7, 8)])
def test_bad_spans_raise(span: tuple[int, int]) -> None:
    text = "Kadhimi is a leader."  # (7, 8) is a single space: not a mention
    with pytest.raises(ValueError, match=r"span|empty"):
        rule_sentiment(text, span)


def test_empty_span_message_says_empty() -> None:
    with pytest.raises(ValueError, match="is empty or outside the text"):
        rule_sentiment("Kadhimi is a leader.", (4, 4))


def test_out_of_range_message_says_outside() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        rule_sentiment("Kadhimi is a leader.", (0, 200))


def test_unknown_rule_raises() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        rule_sentiment("Kadhimi is a leader.", (0, 7), rules={"sarcasm"})


def test_no_rules_still_scores() -> None:
    res = rule_sentiment("Kadhimi is a disappointment.", (0, 7), rules=())
    assert res.label == "negative" and res.rules == frozenset()


WORDS = st.sampled_from(
    "Kadhimi the militias drone attack killed brave not never but however said "
    "disappointment good bad , ; \u2014 \" ' . ! ? Iraq's Popular Forces party hypocrite "
    "neither nor who which very \u201c \u201d".split()
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30), st.data(), st.sampled_from([None, ()]))
def test_score_always_in_range(words: list[str], data, rules) -> None:
    text = " ".join(words)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        with pytest.raises(ValueError):
            rule_sentiment(text, (start, end), rules=rules)
        return
    res = rule_sentiment(text, (start, end), rules=rules)
    assert -1.0 <= res.vader <= 1.0 and -1.0 <= res.score <= 1.0
    assert res.score == pytest.approx((res.vader + TEXTBLOB_WEIGHT * res.textblob) / (1 + TEXTBLOB_WEIGHT), abs=1e-4)
    assert res.label == score_label(res.score)
    assert res.target == text[start:end]
    assert 0 <= res.window[0] < res.window[1] <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=80), st.data())
def test_any_text_scores_in_range(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    res = rule_sentiment(text, (start, end))
    assert -1.0 <= res.vader <= 1.0 and -1.0 <= res.score <= 1.0
    assert res.label == score_label(res.score)


PROBE = """
import json
from corpus_tools.measure.sentiment_rules import rule_sentiment
cases = {cases!r}
out = []
for text, mention in cases:
    i = text.index(mention)
    r = rule_sentiment(text, (i, i + len(mention)))
    out.append([r.score, r.label, list(r.cues)])
print(json.dumps(out))
"""

OFFLINE_CASES = [
    ("Kadhimi is a disappointment.", "Kadhimi"),
    ("Militias launched three drones laden with explosives at Kadhimi's residence.",
     "Kadhimi"),
    ("He is neither charismatic nor decisive, the envoy said.", "He"),
]


def test_same_result_without_nltk_data(tmp_path) -> None:
    """With NLTK_DATA pointing at an empty directory, results are identical."""
    env = dict(os.environ, NLTK_DATA=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(cases=OFFLINE_CASES)],
        env=env, capture_output=True, text=True, check=True, timeout=120,
    )
    here = []
    for text, mention in OFFLINE_CASES:
        i = text.index(mention)
        r = rule_sentiment(text, (i, i + len(mention)))
        here.append([r.score, r.label, list(r.cues)])
    assert json.loads(proc.stdout) == here
    assert not any(tmp_path.iterdir())  # nothing was downloaded into it
    assert "nltk_data" not in proc.stderr.lower()
