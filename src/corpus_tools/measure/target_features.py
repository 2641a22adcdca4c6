"""Readable features of one mention in a sentence, for the learned target sentiment model.

Everything here is offline: the lexicons are VADER's (bundled with ``vaderSentiment``)
and TextBlob's pattern lexicon (bundled with ``textblob``), read as dictionaries. The
mention itself is masked as ``<T>``, so the model learns from the words around it, never
from who the person is.

Feature names say what they are; the part before ``:`` (or the first ``_``-separated
word) is the feature's group, so sets of features can be switched on and off by group:

``l1:w`` / ``r1:w``
    The word right before / after the mention.
``near:w``, ``left:w``, ``right:w``, ``sent:w``, ``clause:w``
    Words within ``near`` tokens of the mention, left or right of it within
    ``window`` tokens, anywhere in the sentence, in the mention's clause.
``bi:a_b``, ``sbi:a_b``, ``tri:a_b_c``
    Bigrams within ``window`` tokens of the mention and anywhere in the sentence, and
    trigrams through the mention, the mention as ``<T>`` (``bi:accused_<T>``,
    ``bi:<T>_said``). Words are Porter stems when ``stem`` is on.
``vader_<scope>_pos`` / ``vader_<scope>_neg``, ``tb_<scope>_pos`` / ``tb_<scope>_neg``
    Lexicon strength in a scope (``sent``, ``left``, ``right``, ``clause``, ``cleft``,
    ``cright``, ``near``, ``dist`` = weighted by closeness), in [0, 1].
``lex_<scope>_pos`` / ``lex_<scope>_neg``
    How many polar lexicon words the scope holds (0, 1/3, 2/3, 1 for three or more).
``harm_near``, ``harm_clause``, ``harm_sent``
    How many words of violence, threat or attack the scope holds (same scale).
``struct:<cue>``
    Structural cues (:mod:`corpus_tools.measure.target_structure`): ``subject``,
    ``possessive``, ``passive_subject``, ``passive_agent``, ``speaker``, ``in_quote``,
    ``after:<preposition>``, ``governed_pos``/``governed_neg`` (a polar word right
    before the mention, as in "praised X"), ``victim`` / ``attacked`` (a word of
    violence or attack acts on the mention), ``pronoun``, ``question``,
    ``negation_near``, ``negated_lexicon``. When the mention is a victim, the harm words
    are masked as ``<harm>`` in the word features.
``role:<cue>&<side>_<pos|neg>``
    A structural cue crossed with the lexicon strength of the target's clause
    (``role:subject&right_neg``: the mention is the subject and its clause goes on
    negatively).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from textblob import en as textblob_en
from vaderSentiment.vaderSentiment import BOOSTER_DICT, N_SCALAR, NEGATE, SentimentIntensityAnalyzer

from corpus_tools.measure.target_cue_words import (
    HARM,
    HARM_PREPOSITIONS,
)
from corpus_tools.measure.target_structure import clause_range, harm_role, structural_cues

__all__ = ["FEATURE_GROUPS", "FeatureOptions", "Token", "target_features", "tokenize"]

TARGET = "<T>"
HARM_MASK = "<harm>"
FEATURE_GROUPS = ("l1", "r1", "near", "left", "right", "sent", "bi", "sbi", "tri", "clause", "vader", "tb", "lex", "harm", "struct",
                  "role")

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[^\w\s]|_+")
_VADER_ALPHA = 15.0
_NEGATION_SCOPE = 3
_NOT_ROLES = frozenset({"question", "negation_near", "negated_lexicon"})


@dataclass(frozen=True)
class FeatureOptions:
    """Which features to extract and how wide the windows are.

    Attributes:
        near: tokens on each side that count as "near" the mention.
        window: tokens on each side for the ``left:``/``right:`` words and bigrams.
        groups: feature groups to keep (see ``FEATURE_GROUPS``).
        stem: use Porter stems (nltk, no data files) in the word features.
        harm_neutral: leave the violence vocabulary (``HARM``) out of the lexicon
            strengths; it is then seen only through the ``harm_*`` counts and cues.
    """

    near: int = 3
    window: int = 8
    groups: tuple[str, ...] = FEATURE_GROUPS
    stem: bool = False
    harm_neutral: bool = False


@dataclass(slots=True)
class Token:
    """One token: character offsets, lowercased form and lexicon valences."""

    start: int
    end: int
    low: str
    vader: float = 0.0
    textblob: float = 0.0
    negated: bool = False


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


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Porter stem of a lowercase word (punctuation and the mask unchanged)."""
    return _porter().stem(word) if word[:1].isalpha() else word


@cache
def _porter():
    """nltk's Porter stemmer (pure code, needs no nltk_data)."""
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with character offsets.

    Curly apostrophes count as straight ones, and a possessive ``'s`` becomes a
    token of its own, so that "Trump's" yields the mention "Trump".

    Args:
        text: the sentence.

    Returns:
        Tokens in order, lexicon valences not yet set.
    """
    plain = text.replace("’", "'")
    tokens = []
    for match in _TOKEN_RE.finditer(plain):
        low = match.group().lower()
        start, end = match.span()
        if low.endswith("'s") and len(low) > 2:
            tokens.append(Token(start, end - 2, low[:-2]))
            tokens.append(Token(end - 2, end, "'s"))
        else:
            tokens.append(Token(start, end, low))
    return tokens


def _score_lexicons(tokens: list[Token], *, harm_neutral: bool = False) -> None:
    """Set each token's VADER and TextBlob valence, with negation and boosters applied."""
    vader, blob, intensifiers = _vader_lexicon(), _textblob_lexicon(), _textblob_intensifiers()
    for i, tok in enumerate(tokens):
        if harm_neutral and tok.low in HARM:
            continue
        v, b = vader.get(tok.low, 0.0), blob.get(tok.low, 0.0)
        if not (v or b):
            continue
        before = [t.low for t in tokens[max(0, i - _NEGATION_SCOPE):i]]
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


def _squash(x: float) -> float:
    """Map a non-negative valence sum into [0, 1) the way VADER normalises."""
    return x / math.sqrt(x * x + _VADER_ALPHA)


def _scope_features(feats: dict[str, float], name: str, polar: list[tuple[int, Token]],
                    ranges: tuple[tuple[int, int], ...], weight: Callable[[int], float] | None = None) -> None:
    """Add vader/tb/lex pos and neg strengths of one scope.

    Args:
        feats: where the features go.
        name: the scope's name.
        polar: (index, token) of the sentence's tokens with a lexicon valence, in order.
        ranges: token index ranges [a, b) that make up the scope.
        weight: weight of the token at an index (default 1).
    """
    vpos = vneg = bpos = bneg = 0.0
    npos = nneg = 0
    for i, tok in polar:
        if not any(a <= i < b for a, b in ranges):
            continue
        w = 1.0 if weight is None else weight(i)
        if tok.vader > 0:
            vpos += w * tok.vader
        elif tok.vader < 0:
            vneg -= w * tok.vader
        if tok.textblob > 0:
            bpos += w * tok.textblob
        elif tok.textblob < 0:
            bneg -= w * tok.textblob
        polarity = tok.vader or tok.textblob
        npos += polarity > 0
        nneg += polarity < 0
    for key, value in ((f"vader_{name}_pos", _squash(vpos)), (f"vader_{name}_neg", _squash(vneg)),
                       (f"tb_{name}_pos", min(1.0, bpos)), (f"tb_{name}_neg", min(1.0, bneg)),
                       (f"lex_{name}_pos", min(npos, 3) / 3), (f"lex_{name}_neg", min(nneg, 3) / 3)):
        if value:
            feats[key] = round(value, 4)


def _word_features(feats: dict[str, float], tokens: list[Token], lo: int, hi: int, opts: FeatureOptions, *,
                   victim: bool = False) -> None:
    """Add the bag-of-words and bigram features around the mention (masked as ``<T>``).

    When the mention is a victim, the words of harm and the preposition after them
    ("threats against") are masked as ``<harm>`` too: the cue ``struct:victim`` stands
    for them, and they do not also count as criticism.
    """
    words = [_stem(t.low) if opts.stem else t.low for t in tokens]
    if victim:
        for i, t in enumerate(tokens):
            if t.low in HARM or (t.low in HARM_PREPOSITIONS and i and tokens[i - 1].low in HARM):
                words[i] = HARM_MASK
    n = len(words)
    groups = opts.groups
    if "l1" in groups and lo > 0:
        feats[f"l1:{words[lo - 1]}"] = 1.0
    if "r1" in groups and hi < n:
        feats[f"r1:{words[hi]}"] = 1.0
    for i in range(max(0, lo - opts.window), lo):
        if "near" in groups and lo - i <= opts.near:
            feats[f"near:{words[i]}"] = 1.0
        if "left" in groups:
            feats[f"left:{words[i]}"] = 1.0
    for i in range(hi, min(n, hi + opts.window)):
        if "near" in groups and i - hi < opts.near:
            feats[f"near:{words[i]}"] = 1.0
        if "right" in groups:
            feats[f"right:{words[i]}"] = 1.0
    if "sent" in groups:
        for i in (*range(lo), *range(hi, n)):
            feats[f"sent:{words[i]}"] = 1.0
    if "sbi" in groups:
        masked = [*words[:lo], TARGET, *words[hi:]]
        for a, b in itertools.pairwise(masked):
            feats[f"sbi:{a}_{b}"] = 1.0
    if "bi" in groups:
        span = [*words[max(0, lo - opts.window):lo], TARGET, *words[hi:hi + opts.window]]
        for a, b in itertools.pairwise(span):
            feats[f"bi:{a}_{b}"] = 1.0
    if "tri" in groups:
        span = [*words[max(0, lo - 2):lo], TARGET, *words[hi:hi + 2]]
        for a, b, c in zip(span, span[1:], span[2:]):
            feats[f"tri:{a}_{b}_{c}"] = 1.0
    if "clause" in groups:
        c0, c1 = clause_range(tokens, lo, hi)
        for i in (*range(c0, lo), *range(hi, c1)):
            feats[f"clause:{words[i]}"] = 1.0


def target_features(text: str, start: int, end: int, *, options: FeatureOptions | None = None) -> dict[str, float]:
    """Features of the mention ``text[start:end]`` in the sentence ``text``.

    Args:
        text: the sentence.
        start: first character of the mention.
        end: one past its last character.
        options: windows and feature groups (default ``FeatureOptions()``).

    Returns:
        Feature name -> value (binary features have value 1.0). Callers validate the
        span; a span that covers no token is treated as a mention between tokens.
    """
    opts = options or FeatureOptions()
    tokens = tokenize(text)
    _score_lexicons(tokens, harm_neutral=opts.harm_neutral)
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if inside:
        lo, hi = inside[0], inside[-1] + 1
    else:
        lo = hi = sum(t.end <= start for t in tokens)
        tokens.insert(lo, Token(start, end, TARGET))
        hi = lo + 1
    feats: dict[str, float] = {}
    relation = harm_role([t.low for t in tokens], lo, hi)
    _word_features(feats, tokens, lo, hi, opts, victim=relation == "victim")
    rest = tokens[:lo] + tokens[hi:]
    lexical = {"vader", "tb", "lex"} & set(opts.groups)
    if lexical:
        c0, c1 = clause_range(tokens, lo, hi)
        n = len(tokens)
        near = ((max(0, lo - opts.near), lo), (hi, hi + opts.near))
        scopes: dict[str, tuple[tuple[int, int], ...]] = {
            "sent": ((0, lo), (hi, n)), "left": ((0, lo),), "right": ((hi, n),), "clause": ((c0, lo), (hi, c1)),
            "cleft": ((c0, lo),), "cright": ((hi, c1),), "near": near, "dist": ((0, lo), (hi, n)),
        }
        polar = [(i, t) for i, t in enumerate(tokens) if (t.vader or t.textblob) and not lo <= i < hi]
        scoped: dict[str, float] = {}
        for name, ranges in scopes.items():
            weight = (lambda i: 2.0 / (1.0 + (lo - i if i < lo else i - hi + 1))) if name == "dist" else None
            _scope_features(scoped, name, polar, ranges, weight)
        feats.update((k, v) for k, v in scoped.items() if k.split("_", 1)[0] in lexical)
    if "harm" in opts.groups:
        c0, c1 = clause_range(tokens, lo, hi)
        for name, lo_hi in (("near", (max(0, lo - opts.near), hi + opts.near)), ("clause", (c0, c1)), ("sent", (0, len(tokens)))):
            count = sum(t.low in HARM for t in tokens[lo_hi[0]:lo_hi[1]])
            if count:
                feats[f"harm_{name}"] = min(count, 3) / 3
    if "struct" in opts.groups or "role" in opts.groups:
        cues = structural_cues(tokens, lo, hi, relation)
        if any(t.negated for t in rest):
            cues.append("negated_lexicon")
        if "struct" in opts.groups:
            feats.update((f"struct:{cue}", 1.0) for cue in cues)
        if "role" in opts.groups and lexical:
            clause_strength = {f"{side}_{pole}": scoped.get(f"vader_c{side}_{pole}", 0.0) + scoped.get(f"tb_c{side}_{pole}", 0.0)
                               for side in ("left", "right") for pole in ("pos", "neg")}
            roles = [cue for cue in cues if cue not in _NOT_ROLES] or ["none"]
            for cue in roles:
                for key, value in clause_strength.items():
                    if value:
                        feats[f"role:{cue}&{key}"] = round(value / 2, 4)
    return feats
