"""The whole-sentence TextBlob column of sentiment_toward, computed the fast way, equals the reference function."""

from __future__ import annotations

import pytest

from corpus_tools.measure.sentiment import _sentence_textblob
from corpus_tools.measure.sentiment_rules import sentence_textblob

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
