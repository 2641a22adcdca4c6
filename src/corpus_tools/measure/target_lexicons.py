"""The lexicons behind the target features: VADER's, TextBlob's, the package's news lists.

All read offline from the installed packages and from the package's own rule lists
(``lexicon/news_cues.txt``, ``domain_neutral.txt``, ``event_words.txt``), as dictionaries;
:func:`_score_lexicons` gives each token of a sentence its valences, with negation,
boosters and intensifiers applied, for :mod:`corpus_tools.measure.target_features`.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from textblob import en as textblob_en
from vaderSentiment.vaderSentiment import BOOSTER_DICT, N_SCALAR, NEGATE, SentimentIntensityAnalyzer

from corpus_tools.measure.target_cue_words import HARM

if TYPE_CHECKING:
    from corpus_tools.measure.target_features import Token

NEGATION_SCOPE = 3


@cache
def _vader_lexicon() -> dict[str, float]:
    """VADER's lexicon (word -> valence in [-4, 4]), as bundled with vaderSentiment."""
    return dict(SentimentIntensityAnalyzer().lexicon)


@cache
def _textblob_lexicon() -> dict[str, float]:
    """TextBlob's pattern lexicon as word -> polarity in [-1, 1] (non-zero entries only)."""
    out = {}
    for word, by_tag in textblob_en.sentiment.items():
        polarity = (by_tag.get(None) or next(iter(by_tag.values())))[0]
        if polarity and " " not in word:
            out[word.lower()] = float(polarity)
    return out


@cache
def _textblob_intensifiers() -> dict[str, float]:
    """TextBlob's adverb modifiers (word -> intensity, e.g. "very" -> 1.3)."""
    out = {}
    for word, by_tag in textblob_en.sentiment.items():
        values = by_tag.get("RB")
        if values and values[2] != 1.0 and " " not in word:
            out[word.lower()] = float(values[2])
    return out


@cache
def _news_lexicons() -> tuple[dict[str, float], dict[str, float]]:
    """VADER's and TextBlob's lexicons read as news does (see ``FeatureOptions.news_words``)."""
    from corpus_tools.io.lexicon import read_word_list

    neutral = {line.split()[0].lower() for line in read_word_list("domain_neutral.txt")}
    vader = dict(_vader_lexicon())
    for line in read_word_list("news_cues.txt"):
        word, value = line.split()
        vader.setdefault(word.lower(), float(value))
    blob = {w: v for w, v in _textblob_lexicon().items() if w not in neutral}
    return {w: v for w, v in vader.items() if w not in neutral}, blob


@cache
def _event_words() -> tuple[frozenset[str], frozenset[str]]:
    """The package's event vocabulary: (always event words, words that are only in violent context)."""
    from corpus_tools.io.lexicon import read_tab_rows

    always, context = set(), set()
    for fields in read_tab_rows("event_words.txt"):
        (context if "context" in fields[1:] else always).add(fields[0].lower())
    return frozenset(always), frozenset(context)


def _score_lexicons(tokens: list[Token], *, harm_neutral: bool = False, news_words: bool = False,
                    event_neutral: bool = False) -> None:
    """Set each token's VADER and TextBlob valence, with negation and boosters applied."""
    vader, blob = _news_lexicons() if news_words else (_vader_lexicon(), _textblob_lexicon())
    intensifiers = _textblob_intensifiers()
    skip: frozenset[str] | set[str] = HARM if harm_neutral else frozenset()
    if event_neutral:
        always, context = _event_words()
        skip = skip | always | (context if any(t.low in always for t in tokens) else frozenset())
    for i, tok in enumerate(tokens):
        if tok.low in skip:
            continue
        v, b = vader.get(tok.low, 0.0), blob.get(tok.low, 0.0)
        if not (v or b):
            continue
        before = [t.low for t in tokens[max(0, i - NEGATION_SCOPE):i]]
        negated = any(w in NEGATE or w.endswith("n't") for w in before)
        tok.negated = negated
        if v:
            if before and before[-1] in BOOSTER_DICT:
                v += math.copysign(BOOSTER_DICT[before[-1]], v)
            tok.vader = v * N_SCALAR if negated else v
        if b:
            if before and before[-1] in intensifiers:
                b = max(-1.0, min(1.0, b * intensifiers[before[-1]]))
            tok.textblob = b * -0.5 if negated else b
