"""The whole-sentence baseline columns of sentiment_toward, computed the fast way, equal the reference functions."""

from __future__ import annotations

import pytest

from corpus_tools.measure.sentiment import _sentence_textblob, _sentence_vader
from corpus_tools.measure.sentiment_rules import rule_sentiment, sentence_textblob, sentence_vader

SENTENCES = (
    "The mayor praised the brilliant volunteers.",
    "Critics said the plan was a terrible, costly failure. The mayor disagreed.",
    "\u201cIt is a disgrace,\u201d said Ana Ruiz \u2014 and she meant it!",
    "Nothing happened.",
    "  ",
)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_fast_textblob_column_equals_sentence_textblob(sentence):
    assert _sentence_textblob(sentence) == sentence_textblob(sentence)


@pytest.mark.parametrize("sentence", [s for s in SENTENCES if s.strip()])
def test_vader_column_equals_sentence_vader_also_when_the_rule_scorer_saw_a_shorter_sentence(sentence):
    start = 4
    rules = rule_sentiment(sentence, (start, start + 5))
    assert _sentence_vader(sentence, rules) == sentence_vader(sentence)
