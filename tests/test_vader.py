"""The package's VADER gives the library's scores, in linear time."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from corpus_tools.text.vader import vader

LIBRARY = SentimentIntensityAnalyzer()
# Words that exercise the negation, idiom, booster and "but" checks.
WORDS = (
    "not never without doubt so this kind of sort the bomb shit hot cut me some slack "
    "good bad great terrible very extremely barely hardly but least at yeah right "
    "he she it was is no nor or happy sad failed to win lose love hate isn't"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), st.sampled_from(["", ".", "!", "?"]))
def test_scores_equal_the_library_on_generated_sentences(words, end):
    text = " ".join(words) + end
    assert vader().polarity_scores(text) == LIBRARY.polarity_scores(text)


def test_scores_equal_the_library_on_a_long_sentence():
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(600))
    assert vader().polarity_scores(text) == LIBRARY.polarity_scores(text)
