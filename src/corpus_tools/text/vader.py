"""VADER in linear time: the same scores as ``vaderSentiment``, without its quadratic steps.

VADER's negation and idiom checks lower-case the whole sentence for every word they
look at, so one long sentence costs the square of its length. Both checks only read the
three words before a word and the two after it; :class:`LinearVader` hands them that
window instead of the sentence, with the word's index moved into it. Scores are
identical (``tests/test_vader.py`` compares them with the library on many sentences).
"""

from __future__ import annotations

from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_BEFORE, _AFTER = 3, 3  # the checks read words i-3 .. i+2


class LinearVader(SentimentIntensityAnalyzer):
    """``SentimentIntensityAnalyzer`` whose per-word checks read a window, not the sentence."""

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        # Called only when i > start_i, so every index it reads (i-3 .. i-1) is >= 0.
        lo = max(0, i - _BEFORE)
        return SentimentIntensityAnalyzer._negation_check(valence, words_and_emoticons[lo : i + 1], start_i, i - lo)

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        if i < _BEFORE:  # reads i-3, which wraps around to the sentence's end: keep the library's behaviour
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        lo = i - _BEFORE
        return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons[lo : i + _AFTER], i - lo)


@cache
def vader() -> LinearVader:
    """The package's one VADER analyzer (its lexicon ships with vaderSentiment)."""
    return LinearVader()
