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

import bisect
import itertools
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from corpus_tools.measure.target_cue_words import (
    CONDEMNATION,
    HARM,
    HARM_PREPOSITIONS,
    PRONOUNS,
    TITLES,
)
from corpus_tools.measure.target_lexicons import _score_lexicons
from corpus_tools.measure.target_structure import clause_range, harm_role, quoted_tokens, structural_cues

__all__ = ["FEATURE_GROUPS", "FeatureOptions", "Token", "target_features", "tokenize"]

TARGET = "<T>"
HARM_MASK = "<harm>"
FEATURE_GROUPS = ("l1", "r1", "near", "left", "right", "sent", "bi", "sbi", "tri", "clause", "vader", "tb", "lex", "harm", "struct",
                  "role")

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*|[^\w\s]|_+")
_VADER_ALPHA = 15.0
_OPENERS = frozenset({".", "!", "?", '"', "“", "‘", "'", ":", "(", "—", "-"})
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
        owner: add the lexicon strengths of the polar words nearer the mention than
            any other person-like word (a capitalised word or a pronoun), ``*_own_*``,
            and of the rest, ``*_other_*``.
        quotes: add the lexicon strengths inside quotation marks (``*_quoted_*``) and
            outside them (``*_unquoted_*``).
        news_words: read the lexicons as news does: the package's news evaluation cues
            (``lexicon/news_cues.txt``: "slammed", "hypocrite", ...) join VADER's, and its
            domain-neutral words (``lexicon/domain_neutral.txt``: "party", "united",
            "justice", ...) carry no valence.
        event_neutral: the package's event vocabulary (``lexicon/event_words.txt``:
            "explosion", "injured", "bomb", ...) carries no valence in the lexicon
            strengths: it tells what happened, not how the author judges anyone. Words
            tagged ``context`` there ("attack", "struck") only when the sentence also
            has an untagged one, so "the senator attacked X" keeps its valence.
        victim_condemnation: when the mention is the victim of violence or threats
            (``struct:victim``), words condemning it ("condemned", "denounced", ...)
            judge the attack, not the mention: they are left out of its lexicon strengths.
    """

    near: int = 3
    window: int = 8
    groups: tuple[str, ...] = FEATURE_GROUPS
    stem: bool = False
    harm_neutral: bool = False
    owner: bool = False
    quotes: bool = False
    news_words: bool = False
    event_neutral: bool = False
    victim_condemnation: bool = False


@dataclass(slots=True)
class Token:
    """One token: character offsets, lowercased form and lexicon valences."""

    start: int
    end: int
    low: str
    vader: float = 0.0
    textblob: float = 0.0
    negated: bool = False


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


def _squash(x: float) -> float:
    """Map a non-negative valence sum into [0, 1) the way VADER normalises."""
    return x / math.sqrt(x * x + _VADER_ALPHA)


_SCOPES = ("sent", "left", "right", "clause", "cleft", "cright", "near", "dist")


def _scope_features(polar: list[tuple[int, Token]], lo: int, hi: int, clause: tuple[int, int],
                    near: int) -> dict[str, float]:
    """vader/tb/lex pos and neg strengths of every scope, in one pass over the polar tokens.

    Args:
        polar: (index, token) of the sentence's tokens with a lexicon valence, in order,
            the mention's own tokens left out.
        lo: first token of the mention; hi: one past its last.
        clause: token range [c0, c1) of the mention's clause.
        near: tokens on each side that count as near.

    Returns:
        Feature name -> strength, zero strengths left out. Scopes: ``sent``, ``left``,
        ``right``, ``clause``, ``cleft``, ``cright``, ``near``, ``dist`` (``sent`` with
        each token weighted 2 / (1 + its distance from the mention)).
    """
    c0, c1 = clause
    sums = {name: [0.0, 0.0, 0.0, 0.0, 0, 0] for name in _SCOPES}
    for i, tok in polar:
        before = i < lo
        names = ["sent", "left" if before else "right"]
        if c0 <= i < c1:
            names += ("clause", "cleft" if before else "cright")
        if (lo - i if before else i - hi + 1) <= near:
            names.append("near")
        for name in names:
            _accumulate(sums[name], tok.vader, tok.textblob)
        _accumulate(sums["dist"], tok.vader, tok.textblob, 2.0 / (1.0 + (lo - i if before else i - hi + 1)))
    return _strength_features(sums)


def _accumulate(acc: list, v: float, b: float, w: float = 1.0) -> None:
    """Add one polar word's VADER valence ``v`` and TextBlob polarity ``b`` (weighted by
    ``w``) to a scope's [vader pos, vader neg, tb pos, tb neg, n pos, n neg]."""
    if v > 0:
        acc[0] += w * v
    elif v < 0:
        acc[1] -= w * v
    if b > 0:
        acc[2] += w * b
    elif b < 0:
        acc[3] -= w * b
    acc[4] += (v or b) > 0
    acc[5] += (v or b) < 0


def _strength_features(sums: dict[str, list]) -> dict[str, float]:
    """Feature name -> strength of every scope's sums, zero strengths left out."""
    feats: dict[str, float] = {}
    for name, (vpos, vneg, bpos, bneg, npos, nneg) in sums.items():
        for key, value in ((f"vader_{name}_pos", _squash(vpos)), (f"vader_{name}_neg", _squash(vneg)),
                           (f"tb_{name}_pos", min(1.0, bpos)), (f"tb_{name}_neg", min(1.0, bneg)),
                           (f"lex_{name}_pos", min(npos, 3) / 3), (f"lex_{name}_neg", min(nneg, 3) / 3)):
            if value:
                feats[key] = round(value, 4)
    return feats


def _strengths(polar: list[tuple[int, Token]], part_of: dict[int, str], parts: tuple[str, ...]) -> dict[str, float]:
    """vader/tb/lex pos and neg strengths of the polar words, summed per part of the sentence.

    Args:
        polar: (index, token) of the polar tokens.
        part_of: token index -> the name of its part (tokens not in it are skipped).
        parts: the part names, each giving ``vader_<part>_pos`` and so on.
    """
    sums = {name: [0.0, 0.0, 0.0, 0.0, 0, 0] for name in parts}
    for i, tok in polar:
        part = part_of.get(i)
        if part is None:
            continue
        _accumulate(sums[part], tok.vader, tok.textblob)
    return _strength_features(sums)


def _owner_features(tokens: list[Token], text: str, polar: list[tuple[int, Token]], lo: int, hi: int) -> dict[str, float]:
    """Lexicon strengths of the polar words nearer the mention than any other person-like word, and of the rest.

    Person-like: a pronoun, or a capitalised word that does not open the sentence or a
    quotation and is not a title. A polar word as near to the mention as to another
    person counts as the mention's own.
    """
    others = [j for j, t in enumerate(tokens) if not lo <= j < hi and (
        t.low in PRONOUNS or (j and text[t.start:t.start + 1].isupper() and t.low not in TITLES
                              and tokens[j - 1].low not in _OPENERS))]
    part_of = {}
    for i, _ in polar:
        d_target = lo - i if i < lo else i - hi + 1
        k = bisect.bisect_left(others, i)
        d_other = min((abs(others[m] - i) for m in (k - 1, k) if 0 <= m < len(others)), default=len(tokens) + 1)
        part_of[i] = "own" if d_target <= d_other else "other"
    return _strengths(polar, part_of, ("own", "other"))


def _quote_features(tokens: list[Token], polar: list[tuple[int, Token]]) -> dict[str, float]:
    """Lexicon strengths of the polar words inside quotation marks (``*_quoted_*``) and outside (``*_unquoted_*``)."""
    inside, _ = quoted_tokens(tokens)
    part_of = {i: "quoted" if i in inside else "unquoted" for i, _ in polar}
    return _strengths(polar, part_of, ("quoted", "unquoted"))


def _word_features(feats: dict[str, float], tokens: list[Token], words: list[str], lo: int, hi: int,
                   opts: FeatureOptions, *, victim: bool = False) -> None:
    """Add the bag-of-words and bigram features around the mention (masked as ``<T>``).

    When the mention is a victim, the words of harm and the preposition after them
    ("threats against") are masked as ``<harm>`` too: the cue ``struct:victim`` stands
    for them, and they do not also count as criticism.
    """
    if victim:
        words = list(words)
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


@lru_cache(maxsize=512)
def _analysed(text: str, harm_neutral: bool, stem: bool, news_words: bool = False,
              event_neutral: bool = False) -> tuple[tuple[Token, ...], tuple[str, ...], tuple[str, ...]]:
    """The sentence's tokens with lexicon valences, their lowercase forms and their word forms.

    Cached, so a sentence with several mentions is tokenized and scored once; the
    tokens are not changed afterwards.
    """
    tokens = tokenize(text)
    _score_lexicons(tokens, harm_neutral=harm_neutral, news_words=news_words, event_neutral=event_neutral)
    lows = tuple(t.low for t in tokens)
    return tuple(tokens), lows, tuple(_stem(w) for w in lows) if stem else lows


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
    scored, lows, stems = _analysed(text, opts.harm_neutral, opts.stem, opts.news_words, opts.event_neutral)
    tokens, low, words = list(scored), list(lows), list(stems)
    inside = [i for i, t in enumerate(tokens) if t.start < end and t.end > start]
    if inside:
        lo, hi = inside[0], inside[-1] + 1
    else:
        lo = hi = sum(t.end <= start for t in tokens)
        tokens.insert(lo, Token(start, end, TARGET))
        low.insert(lo, TARGET)
        words.insert(lo, TARGET)
        hi = lo + 1
    feats: dict[str, float] = {}
    relation = harm_role(low, lo, hi)
    _word_features(feats, tokens, words, lo, hi, opts, victim=relation == "victim")
    clause = clause_range(tokens, lo, hi)
    lexical = {"vader", "tb", "lex"} & set(opts.groups)
    if lexical:
        polar = [(i, t) for i, t in enumerate(tokens) if (t.vader or t.textblob) and not lo <= i < hi]
        if opts.victim_condemnation and relation == "victim":
            polar = [(i, t) for i, t in polar if t.low not in CONDEMNATION]
        scoped = _scope_features(polar, lo, hi, clause, opts.near)
        if opts.owner:
            scoped.update(_owner_features(tokens, text, polar, lo, hi))
        if opts.quotes:
            scoped.update(_quote_features(tokens, polar))
        feats.update((k, v) for k, v in scoped.items() if k.split("_", 1)[0] in lexical)
    if "harm" in opts.groups:
        for name, (a, b) in (("near", (max(0, lo - opts.near), hi + opts.near)), ("clause", clause), ("sent", (0, len(tokens)))):
            count = sum(w in HARM for w in low[a:b])
            if count:
                feats[f"harm_{name}"] = min(count, 3) / 3
    if "struct" in opts.groups or "role" in opts.groups:
        cues = structural_cues(tokens, lo, hi, relation)
        if any(t.negated for t in tokens[:lo]) or any(t.negated for t in tokens[hi:]):
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
