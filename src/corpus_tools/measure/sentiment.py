"""Target-dependent sentiment: how a sentence evaluates the person at ``text[start:end]``.

The scorer is built on two general-purpose lexicons that ship with their packages and
need no downloaded data: VADER's lexicon (``vaderSentiment``) and TextBlob's pattern
lexicon (``TextBlob(s).sentiment``). Around them sit the package's own rules, each with
a name so it can be switched off (``rules=...``) and its contribution measured
(``benchmarks/newsmtsc.py`` prints an ablation table):

``clause``
    The evidence is the clause around the mention (split on ``;``, ``:``, dashes,
    brackets, quotes, "but/however/while/although/because", relative pronouns, and
    commas before conjunctions). The rest of the sentence still counts, with weight
    ``CONTEXT_WEIGHT``. Evidence never crosses a sentence boundary.
``contrast``
    "X is experienced, but he is weak": a clause introduced by "but/however/yet/
    although/though/whereas/despite" that continues about the target (starts with a
    pronoun or a verb) joins the evidence; evidence before the contrast weighs 0.5,
    after it 1.5 (VADER's own but-weights).
``negation``
    Polar words within four tokens after a negator ("not", "n't", "never", "no",
    "neither", "nor", "without", "hardly", "no longer", "far from", "lack", "fail to")
    are flipped with VADER's negation constant; "neither A nor B" negates both. An
    "un-" word VADER lacks whose stem is positive ("unelectable") counts as negated.
``reported_speech``
    When the target is the speaker ("X said ...", "..., X said", "according to X"),
    what X says is not an evaluation of X: the evidence is the frame ("X said") and the
    reported content weighs ``SPEAKER_CONTENT_WEIGHT * CONTEXT_WEIGHT``. When the
    target is inside the content, reporting verbs carry no sentiment.
``role``
    The target as the one evaluated versus the one acted upon. When a polar word
    evaluates the target directly ("criticized X", "criticism of X", "X's lies") it
    weighs ``ROLE_CUE_WEIGHT``; then, and when the target is the subject of a copula
    ("X is a disappointment"), the sentence outside the clause weighs only
    ``COPULA_CONTEXT_WEIGHT``. If that word is event vocabulary ("the attack on X",
    "X's home was struck", "X was wounded"), the target is the one acted upon and the
    word carries no sentiment. A target that is the agent of a verb of perpetration
    ("militias attacked ...", tagged ``act`` in event_words.txt) keeps that word's
    valence: perpetrating violence is an evaluation, suffering it is not.
``event_words``
    Words in ``lexicon/event_words.txt`` (attack, drone, explosives, killed, ...)
    describe what happened, not how the target is judged: they carry no sentiment.
    Words tagged ``context`` there ("attack", "strike", "fire") count only when the
    sentence also has an untagged one, so "Clinton attacked Sanders" stays verbal.
``domain_neutral``
    Words in ``lexicon/domain_neutral.txt`` (party, united, justice, security, like,
    ...) are names and function words in news, not evaluations.
``proper_names``
    A lexicon word inside a capitalised name ("Popular Mobilization Forces",
    "Freedom Caucus", "Justice Ginsburg") is part of a name and carries no sentiment
    (skipped in headline-cased text).
``news_cues``
    Adds ``lexicon/news_cues.txt`` (slammed, hypocrite, corruption, statesman, ...)
    to VADER's lexicon, for words VADER lacks.

Scoring: every token gets a valence (VADER's lexicon, positive values times
``POSITIVE_SCALE``, VADER's boosters) and a weight from the rules; the mention itself
weighs 0. ``vader`` is the weighted valence sum normalised as VADER does
(x / sqrt(x^2 + 15)); ``textblob`` is the weighted sum of TextBlob polarities of the
equal-weight stretches of evidence, with neutralised words left out. The score is
``(vader + TEXTBLOB_WEIGHT * textblob) / (1 + TEXTBLOB_WEIGHT)`` in [-1, 1]; the label
uses ``NEGATIVE_BELOW`` and ``POSITIVE_ABOVE`` (asymmetric: slight negativity toward a
person is already negative in news). The constants were chosen by hand on the
development part of NewsMTSC (see ``benchmarks/newsmtsc.py``); no lexicon entry was
learned from it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
from textblob import TextBlob
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    SentimentIntensityAnalyzer,
)

from corpus_tools.evaluate.stats import DEFAULT_SEED, bootstrap_diff_ci, bootstrap_mean_ci
from corpus_tools.extract.mentions import find_mentions
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.lexicon import read_word_list
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences, span_sentences

__all__ = [
    "ALL_RULES",
    "RULE_NAMES",
    "TargetSentiment",
    "compare_units",
    "score_label",
    "sentence_textblob",
    "sentence_vader",
    "sentiment_profile",
    "sentiment_toward",
    "target_sentiment",
]

RULE_NAMES: tuple[str, ...] = (
    "clause",
    "contrast",
    "negation",
    "reported_speech",
    "role",
    "event_words",
    "domain_neutral",
    "proper_names",
    "news_cues",
)
ALL_RULES: frozenset[str] = frozenset(RULE_NAMES)

# Hand-chosen on the NewsMTSC development part (never on the holdout part).
CONTEXT_WEIGHT = 0.3  # weight of the sentence outside the target's clause
COPULA_CONTEXT_WEIGHT = 0.25  # ... when the target is directly evaluated (rule "role")
ROLE_CUE_WEIGHT = 2.0  # weight of the polar word that directly evaluates the target
SPEAKER_CONTENT_WEIGHT = 0.25  # weight of what the target is reported as saying
TEXTBLOB_WEIGHT = 0.15  # TextBlob's share in the blend with VADER
NEGATIVE_BELOW = -0.05  # score < this -> "negative"
POSITIVE_ABOVE = 0.03  # score > this -> "positive"
VADER_ALPHA = 15  # VADER's normalisation constant
NEGATION_SCOPE = 4  # tokens after a negator that it can flip
MIN_CLAUSE_WORDS = 3  # a clause with fewer words besides the mention is widened
POSITIVE_SCALE = 0.6  # factor on positive valences (news uses praise words in passing)

_TOKEN_RE = re.compile(r"\w+(?:[-']\w+)*|-{2,}|[^\w\s]")
_BOUNDARY_PUNCT = frozenset(';:()[]{}"—–') | {"--"}
_CONTRAST = frozenset({"but", "however", "yet", "although", "though", "whereas", "despite", "nevertheless", "nonetheless"})
_SUBORDINATORS = frozenset(
    {
        "while",
        "because",
        "unless",
        "since",
        "whereas",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "when",
        "after",
        "before",
        "if",
        "as",
        "so",
        "and",
        "or",
        "nor",
        "that",
    }
)
_BARE_BOUNDARY = frozenset(
    {"but", "however", "although", "though", "whereas", "while", "because", "unless", "despite", "which", "who", "whom", "whose"}
)
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "his", "her", "their", "its", "him", "them", "this", "that"})
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "neither",
        "nor",
        "without",
        "hardly",
        "cannot",
        "nobody",
        "nothing",
        "none",
        "nowhere",
        "barely",
        "lack",
        "lacks",
        "lacked",
        "lacking",
        "scarcely",
        "rarely",
    }
)
_FAIL = frozenset({"fail", "fails", "failed", "failing"})
_COPULAS = frozenset(
    {
        "is",
        "was",
        "are",
        "were",
        "remains",
        "remained",
        "seems",
        "seemed",
        "appears",
        "appeared",
        "looks",
        "looked",
        "became",
        "becomes",
        "be",
        "been",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
    }
)
_SPEECH_ADVERBS = frozenset(
    {
        "also",
        "has",
        "have",
        "had",
        "later",
        "then",
        "reportedly",
        "previously",
        "once",
        "recently",
        "repeatedly",
        "publicly",
        "again",
        "further",
        "privately",
        "earlier",
        "often",
        "would",
        "will",
        "first",
    }
)
_NOT_UN = frozenset({"unlike", "unless", "until", "under", "undo", "unit", "unite"})
_LIKE_SUBJECTS = frozenset(
    {"i", "we", "you", "they", "to", "would", "do", "does", "did", "not", "really", "'d", "also", "still", "people", "voters"}
)
_TITLE_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "former",
        "ex",
        "president",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prime",
        "minister",
        "premier",
        "then",
        "vice",
        "speaker",
        "leader",
        "general",
        "secretary",
    }
)
_OBJECT_PREPS = frozenset({"at", "of", "against", "on", "with", "toward", "towards", "by", "for"})
_BE_AUX = frozenset({"is", "was", "are", "were", "be", "been", "being", "get", "got"})


@dataclass(frozen=True)
class TargetSentiment:
    """Sentiment a sentence expresses toward one mention, with its evidence.

    Attributes:
        score: blended score in [-1, 1] (negative < 0 < positive).
        label: "negative", "neutral" or "positive" (thresholds ``NEGATIVE_BELOW``,
            ``POSITIVE_ABOVE``).
        target: the mention, ``text[start:end]``.
        window: (start, end) of the core evidence in the original text.
        vader: VADER-lexicon part of the score, in [-1, 1].
        textblob: TextBlob part of the score, in [-1, 1].
        cues: the words that moved the score, as ``"word:+1.2"``, plus the rule
            decisions taken (``"neutral:drones(event_words)"``, ``"speaker:said"``, ...).
        sentence_vader: VADER compound of the whole sentence, the raw score the
            rules are meant to improve on (shown beside it for comparison).
        rules: the rules that were on.
    """

    score: float
    label: str
    target: str
    window: tuple[int, int]
    vader: float
    textblob: float
    cues: tuple[str, ...]
    sentence_vader: float
    rules: frozenset[str]


@dataclass
class _Tok:
    """One token of the sentence and what the rules decided about it."""

    start: int
    end: int
    text: str  # original surface
    low: str  # lowercased, possessive stripped, for lexicon look-up
    weight: float = 1.0
    valence: float = 0.0
    negated: bool = False
    tb_text: str | None = None  # replacement for TextBlob ("" drops the token)


# --------------------------------------------------------------------------- resources


@cache
def _event_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Event vocabulary: (always-event words, context-dependent words, agentive verbs)."""
    strict, context, acts = set(), set(), set()
    for line in read_word_list("event_words.txt"):
        word, *tags = line.lower().split()
        (context if "context" in tags else strict).add(word)
        if "act" in tags:
            acts.add(word)
    return frozenset(strict), frozenset(context), frozenset(acts)


@cache
def _word_set(name: str) -> frozenset[str]:
    """One-word-per-line resource as a set of lowercase words."""
    return frozenset(line.split()[0].lower() for line in read_word_list(name))


@cache
def _news_cues() -> dict[str, float]:
    """News evaluation cues (word -> valence) absent from VADER's lexicon."""
    base = _vader().lexicon
    cues = {}
    for line in read_word_list("news_cues.txt"):
        word, value = line.split()
        if word not in base:
            cues[word.lower()] = float(value)
    return cues


@cache
def _vader() -> SentimentIntensityAnalyzer:
    """The shared VADER analyzer (its lexicon ships with vaderSentiment)."""
    return SentimentIntensityAnalyzer()


# --------------------------------------------------------------------------- text


def _tokenize(text: str, offset: int = 0) -> list[_Tok]:
    """Regex word/punctuation tokens with character offsets.

    Args:
        text: normalised text.
        offset: added to every offset.

    Returns:
        Tokens in order.
    """
    toks = []
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        low = surface.lower()
        if low.endswith("'s") and len(low) > 2:
            low = low[:-2]
        toks.append(_Tok(m.start() + offset, m.end() + offset, surface, low))
    return toks


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The (start, end) of the package's sentence (Punkt) that holds the span's start."""
    for s0, s1 in span_sentences(text):
        if s0 <= start < s1:
            return s0, max(s1, end)
    return 0, len(text)


def _clause_starts(toks: Sequence[_Tok], speech: bool) -> list[int]:
    """Indices of tokens that open a new clause.

    Args:
        toks: sentence tokens.
        speech: also split after reporting verbs ("said [that] | ...").

    Returns:
        Sorted token indices (0 always included).
    """
    starts = {0}
    verbs = _word_set("speech_verbs.txt") if speech else frozenset()
    for i, tok in enumerate(toks):
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if tok.text in _BOUNDARY_PUNCT or (tok.text == "-" and _spaced(toks, i)) or (tok.text == "," and nxt in _SUBORDINATORS | _CONTRAST):
            starts.add(i + 1)
        elif tok.low in _BARE_BOUNDARY and i > 0:
            starts.add(i)
        elif tok.low in verbs and tok.low != "according":
            starts.add(_speech_content_start(toks, i))
    return sorted(s for s in starts if s < len(toks))


def _spaced(toks: Sequence[_Tok], i: int) -> bool:
    """True if token i is a free-standing hyphen (used as a dash)."""
    return 0 < i < len(toks) - 1 and toks[i - 1].end < toks[i].start and toks[i].end < toks[i + 1].start


def _speech_content_start(toks: Sequence[_Tok], i: int) -> int:
    """Where the reported content begins after the reporting verb at index i."""
    for j in range(i + 1, min(i + 9, len(toks))):
        if toks[j].low == "that":
            return j + 1
        if toks[j].text in _BOUNDARY_PUNCT or toks[j].text == ",":
            return j
    return i + 1


def _clauses(toks: Sequence[_Tok], speech: bool) -> list[tuple[int, int]]:
    """Clauses as (first, last+1) token index ranges."""
    starts = [*_clause_starts(toks, speech), len(toks)]
    return [(a, b) for a, b in itertools.pairwise(starts) if b > a]


def _content_words(toks: Sequence[_Tok], lo: int, hi: int, target: tuple[int, int]) -> int:
    """Number of word tokens in toks[lo:hi] outside the target span."""
    return sum(1 for t in toks[lo:hi] if t.text[0].isalnum() and not (t.start < target[1] and t.end > target[0]))


# --------------------------------------------------------------------------- rules


def _core_range(toks: Sequence[_Tok], clauses: Sequence[tuple[int, int]], tgt: tuple[int, int], span: tuple[int, int]) -> tuple[int, int]:
    """Token range of the target's clause, widened while it says too little.

    Args:
        toks: sentence tokens.
        clauses: clause token ranges.
        tgt: (first, last+1) token indices of the mention.
        span: character span of the mention.

    Returns:
        (lo, hi) token indices of the core evidence.
    """
    idx = [k for k, (a, b) in enumerate(clauses) if a < tgt[1] and b > tgt[0]]
    k0, k1 = idx[0], idx[-1]
    while _content_words(toks, clauses[k0][0], clauses[k1][1], span) < MIN_CLAUSE_WORDS:
        if k1 + 1 < len(clauses):
            k1 += 1
        elif k0 > 0:
            k0 -= 1
        else:
            break
    return clauses[k0][0], clauses[k1][1]


def _apply_contrast(toks: Sequence[_Tok], clauses: Sequence[tuple[int, int]], core: tuple[int, int], cues: list[str]) -> tuple[int, int]:
    """Join a contrast clause that continues about the target; weight 0.5 / 1.5.

    Args:
        toks: sentence tokens (weights are changed in place).
        clauses: clause token ranges.
        core: current core token range.
        cues: list the decision is recorded in.

    Returns:
        The (possibly widened) core token range.
    """
    lo, hi = core
    for a, b in clauses:
        if a < hi or (toks[a].low not in _CONTRAST and not (toks[a].text == "," and a + 1 < b and toks[a + 1].low in _CONTRAST)):
            continue
        first = a + 1 if toks[a].text == "," else a
        nxt = toks[first + 1].low if first + 1 < b else ""
        if a == hi and (nxt in _PRONOUN_SUBJECTS or (nxt.endswith(("ed", "s")) and not toks[first + 1].text[:1].isupper())):
            for t in toks[lo:hi]:
                t.weight *= 0.5
            for t in toks[a:b]:
                t.weight *= 1.5
            cues.append(f"contrast:{toks[first].low}")
            return lo, b
        break
    for a, b in clauses:
        if b <= lo and any(t.low in _CONTRAST for t in toks[a:b]):
            for t in toks[a:b]:
                t.weight *= 0.5
    if lo > 0 and any(t.low in _CONTRAST for t in toks[lo : min(lo + 2, hi)]):
        for t in toks[:lo]:
            t.weight *= 0.5
        cues.append(f"contrast:{toks[lo].low}")
    return lo, hi


def _speaker_verb(toks: Sequence[_Tok], tgt: tuple[int, int]) -> int | None:
    """Index of the reporting verb whose speaker is the target, if any.

    Args:
        toks: sentence tokens.
        tgt: (first, last+1) token indices of the mention.

    Returns:
        The verb's token index, or None when the target is not a speaker.
    """
    verbs = _word_set("speech_verbs.txt")
    lo, hi = tgt
    j = hi
    if j < len(toks) and toks[j].text == ",":  # "X, a senator from Ohio, said"
        close = next((k for k in range(j + 1, min(j + 12, len(toks))) if toks[k].text == ","), None)
        j = close + 1 if close is not None else j
    while j < len(toks) and toks[j].low in _SPEECH_ADVERBS:
        j += 1
    if j < len(toks) and toks[j].low in verbs and toks[j].low != "according":
        return j  # "X said", "X also told"
    if lo > 1 and toks[lo - 1].low in verbs and toks[lo - 1].low != "according" and toks[lo - 2].text in {",", '"', "'"}:
        return lo - 1  # '"...," said X'
    if lo > 1 and toks[lo - 1].low == "to" and toks[lo - 2].low == "according":
        return lo - 2  # "according to X"
    return None


def _apply_speech(toks: Sequence[_Tok], tgt: tuple[int, int], core: tuple[int, int], cues: list[str]) -> tuple[tuple[int, int], bool]:
    """Down-weight what the target says; silence reporting verbs around others' words.

    Args:
        toks: sentence tokens (weights/valences changed in place).
        tgt: token range of the mention.
        core: current core token range.
        cues: list the decision is recorded in.

    Returns:
        (core range, whether the target is the speaker).
    """
    verbs = _word_set("speech_verbs.txt")
    v = _speaker_verb(toks, tgt)
    if v is None:
        for t in toks:
            if t.low in verbs:
                t.valence, t.tb_text = 0.0, ""
        return core, False
    cues.append(f"speaker:{toks[v].low}")
    frame = (min(tgt[0], v), max(tgt[1], v + 1))
    for i, t in enumerate(toks):
        if not frame[0] <= i < frame[1]:
            t.weight *= SPEAKER_CONTENT_WEIGHT
    return frame, True


def _evaluative_cue(toks: Sequence[_Tok], tgt: tuple[int, int]) -> int | None:
    """Index of a polar word that evaluates the mention directly, if any.

    Args:
        toks: sentence tokens with valences.
        tgt: token range of the mention.

    Returns:
        The polar word of "criticized X", "criticism of X", "lashed out at X"
        (the mention as object) or "X's lies" (the mention as possessor), else None.
    """
    lo, hi = tgt
    j = lo - 1
    while j >= 0 and (toks[j].low in _TITLE_WORDS or (toks[j].text[0].isupper() and toks[j].text.endswith("."))):
        j -= 1
    if j >= 0 and toks[j].low in _OBJECT_PREPS:
        j -= 1
        if j >= 0 and toks[j].low in {"out", "aim"}:  # "lashed out at", "took aim at"
            j -= 1
    if j >= 0 and toks[j].valence:
        return j
    if toks[hi - 1].text.lower().endswith("'s") or (hi < len(toks) and toks[hi].text == "'"):
        for k in range(hi, min(hi + 3, len(toks))):
            if toks[k].valence:
                return k
    return None


def _apply_role(toks: Sequence[_Tok], tgt: tuple[int, int], cues: list[str]) -> float:
    """Strengthen evidence that evaluates the mention directly (in place).

    Args:
        toks: sentence tokens (weights changed in place).
        tgt: token range of the mention.
        cues: list the decision is recorded in.

    Returns:
        The weight for the sentence outside the core clause.
    """
    strict, context, _ = _event_words()
    cue = _evaluative_cue(toks, tgt)
    if cue is None and _is_copula_subject(toks, tgt):
        cue = next((j for j in range(tgt[1], min(tgt[1] + 4, len(toks))) if toks[j].low in strict | context and toks[j].valence), None)
    if cue is not None and toks[cue].low in strict | context:
        toks[cue].valence, toks[cue].tb_text = 0.0, ""  # "the attack on X", "X was shot"
        cues.append(f"role:acted-upon:{toks[cue].text}")
        return CONTEXT_WEIGHT
    if cue is not None:
        toks[cue].weight *= ROLE_CUE_WEIGHT
        cues.append(f"role:evaluated-by:{toks[cue].text}")
        return COPULA_CONTEXT_WEIGHT
    if _is_copula_subject(toks, tgt):
        cues.append("role:copula-subject")
        return COPULA_CONTEXT_WEIGHT
    return CONTEXT_WEIGHT


def _is_copula_subject(toks: Sequence[_Tok], tgt: tuple[int, int]) -> bool:
    """True if the mention is directly followed by a copula ("X is ...")."""
    for j in range(tgt[1], min(tgt[1] + 2, len(toks))):
        if toks[j].low in _COPULAS:
            return True
        if toks[j].low not in {"also", "still", "now", "has", "have", "had", "simply"}:
            return False
    return False


def _agent_of_event(toks: Sequence[_Tok], tgt: tuple[int, int], events: frozenset[str]) -> bool:
    """True if the mention is the agent of a verb of perpetration ("militias attacked").

    Args:
        toks: sentence tokens.
        tgt: token range of the mention.
        events: event words in force.

    Returns:
        Whether an agentive event verb follows the mention (active voice) or the
        mention follows "by" right after such a verb.
    """
    acts = _event_words()[2] & events
    lo, hi = tgt
    while lo > 0 and toks[lo - 1].text[0].isupper():
        lo -= 1  # "by Juan David [Ortiz]"
    if lo > 1 and toks[lo - 1].low == "by" and toks[lo - 2].low in acts:
        return True  # "attacked by X"
    if toks[hi - 1].text.lower().endswith("'s"):
        return False  # "X's home"
    for j in range(hi, min(hi + 3, len(toks))):
        if toks[j].low in _BE_AUX or not toks[j].text[0].isalnum():
            return False
        if toks[j].low in acts:
            return True
    return False


def _event_set(toks: Sequence[_Tok]) -> frozenset[str]:
    """Event words in force for this sentence (context words only next to strict ones)."""
    strict, context, _ = _event_words()
    if any(t.low in strict for t in toks):
        return strict | context
    return strict


def _is_headline(toks: Sequence[_Tok]) -> bool:
    """True for title-cased text (then capitals do not mark names).

    Args:
        toks: sentence tokens.

    Returns:
        Whether the text has no final full stop and most longer words capitalised.
    """
    words = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    if not words or toks[-1].text in {".", "!", "?", '"'}:
        return False
    return sum(t.text[0].isupper() for t in words) > 0.6 * len(words)


def _in_name(toks: Sequence[_Tok], i: int, tgt: tuple[int, int]) -> bool:
    """True if token i is a capitalised word inside a name ("Popular Mobilization").

    Args:
        toks: sentence tokens.
        i: token index.
        tgt: token range of the mention (a capitalised word right before it is an
            epithet, "Murderer Erdogan", not a name).

    Returns:
        Whether the token is part of a multi-word name.
    """
    word = toks[i].text
    if not word[0].isupper() or (word.isupper() and len(word) > 1) or i + 1 == tgt[0]:
        return False
    if i == 0 or toks[i - 1].text in {'"', "'", ":", "(", "-", "—", ".", "!", "?"}:
        return i + 1 < len(toks) and toks[i + 1].text[0].isupper()
    return True


# --------------------------------------------------------------------------- scoring


def _lexicon_valence(tok: _Tok, lexicon: dict[str, float], cues: dict[str, float]) -> float:
    """Valence of a token: VADER lexicon, then the news cues, else 0."""
    for form in (tok.text.lower(), tok.low):
        if form in lexicon:
            return float(lexicon[form])
        if form in cues:
            return cues[form]
    return 0.0


def _assign_valences(toks: Sequence[_Tok], tgt: tuple[int, int], rules: frozenset[str], cues: list[str]) -> None:
    """Give each token its lexicon valence, then neutralise per the rules (in place).

    Args:
        toks: sentence tokens.
        tgt: token range of the mention.
        rules: rules in force.
        cues: list neutralisations are recorded in.
    """
    lexicon = _vader().lexicon
    news = _news_cues() if "news_cues" in rules else {}
    events = _event_set(toks) if "event_words" in rules else frozenset()
    if events and "role" in rules and _agent_of_event(toks, tgt, events):
        cues.append("role:agent-of-event")
        events = frozenset()
    neutral = _word_set("domain_neutral.txt") if "domain_neutral" in rules else frozenset()
    names = "proper_names" in rules and not _is_headline(toks)
    for i, tok in enumerate(toks):
        if tgt[0] <= i < tgt[1]:
            tok.tb_text = ""
            continue
        tok.valence = _lexicon_valence(tok, lexicon, news)
        if tok.valence > 0:
            tok.valence *= POSITIVE_SCALE
        if tok.low in _NEGATORS and "negation" in rules:
            tok.valence = 0.0
        if not tok.valence and "negation" in rules:
            tok.valence = _prefix_negated(tok.low, lexicon)
        reason = (
            "event_words"
            if tok.low in events
            else "domain_neutral"
            if tok.low in neutral and not _verb_like(toks, i)
            else "proper_names"
            if names and tok.valence and _in_name(toks, i, tgt)
            else None
        )
        if reason:
            if tok.valence:
                cues.append(f"neutral:{tok.text}({reason})")
            tok.valence, tok.tb_text = 0.0, ""


def _prefix_negated(word: str, lexicon: dict[str, float]) -> float:
    """Valence of an un-word missing from the lexicon whose stem is positive.

    Args:
        word: lowercased token.
        lexicon: VADER lexicon.

    Returns:
        ``N_SCALAR * stem valence`` for "unelectable"-type words (stem positive),
        else 0. Only "un-" is used: "in-/dis-" are too often not negations.
    """
    if word.startswith("un") and word not in _NOT_UN and lexicon.get(word[2:], 0.0) > 0:
        return N_SCALAR * float(lexicon[word[2:]])
    return 0.0


def _verb_like(toks: Sequence[_Tok], i: int) -> bool:
    """True for the verb "like" ("they didn't like it"), not the preposition."""
    return toks[i].low == "like" and i > 0 and (toks[i - 1].low in _LIKE_SUBJECTS or toks[i - 1].low.endswith("n't"))


def _apply_boosters(toks: Sequence[_Tok]) -> None:
    """VADER's intensifiers ("very", "deeply", "slightly") scale the next polar word."""
    for prev, tok in itertools.pairwise(toks):
        if tok.valence and prev.low in BOOSTER_DICT:
            tok.valence += math.copysign(BOOSTER_DICT[prev.low], tok.valence)


def _apply_negation(toks: Sequence[_Tok], cues: list[str]) -> None:
    """Flip polar words in the scope of a negator (in place).

    Args:
        toks: sentence tokens with valences.
        cues: list the flips are recorded in.
    """
    i = 0
    while i < len(toks):
        tok, nxt = toks[i], toks[i + 1].low if i + 1 < len(toks) else ""
        neg = tok.low in _NEGATORS or tok.low.endswith("n't") or (tok.low in _FAIL and nxt == "to") or (tok.low == "far" and nxt == "from")
        if tok.low == "no" and nxt == "longer":
            neg = True
        if not neg:
            i += 1
            continue
        tok.tb_text = "not"
        for t in toks[i + 1 : i + 1 + NEGATION_SCOPE]:
            if not t.text[0].isalnum() or t.low in _CONTRAST or t.low == "nor":
                break
            if t.valence and not t.negated:
                t.valence *= N_SCALAR
                t.negated = True
                cues.append(f"negated:{t.text}({tok.text})")
        i += 1


def _vader_part(toks: Sequence[_Tok]) -> float:
    """Weighted sum of token valences, normalised the way VADER does."""
    total = sum(t.weight * t.valence for t in toks)
    return total / math.sqrt(total * total + VADER_ALPHA) if total else 0.0


def _textblob_part(toks: Sequence[_Tok]) -> float:
    """TextBlob polarity of each equal-weight run of evidence, weighted and summed."""
    total, run, weight = 0.0, [], None
    for t in [*list(toks), None]:
        w = None if t is None else round(t.weight, 6)
        if (t is None or w != weight) and run:
            total += weight * _textblob_polarity(" ".join(run))
            run = []
        if t is not None:
            weight = w
            piece = t.text if t.tb_text is None else t.tb_text
            if piece and w:
                run.append(piece)
    return max(-1.0, min(1.0, total))


@lru_cache(maxsize=65536)
def _textblob_polarity(text: str) -> float:
    """TextBlob (pattern lexicon) polarity of a short text; no corpora needed."""
    return float(TextBlob(text).sentiment.polarity) if text.strip() else 0.0


def score_label(score: float) -> str:
    """Three-way label of a score.

    Args:
        score: a ``TargetSentiment.score``.

    Returns:
        "negative" below ``NEGATIVE_BELOW``, "positive" above ``POSITIVE_ABOVE``,
        else "neutral".
    """
    if score < NEGATIVE_BELOW:
        return "negative"
    if score > POSITIVE_ABOVE:
        return "positive"
    return "neutral"


def _check_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Validate a character span against a text.

    Args:
        text: the text.
        span: (start, end), end exclusive.

    Returns:
        The span as ints.

    Raises:
        ValueError: if the span is empty or falls outside the text.
    """
    start, end = int(span[0]), int(span[1])
    if start >= end:
        raise ValueError(f"empty span ({start}, {end}): start must be < end")
    if start < 0 or end > len(text):
        raise ValueError(f"span ({start}, {end}) is outside the text (length {len(text)})")
    if not text[start:end].strip():
        raise ValueError(f"span ({start}, {end}) covers only whitespace")
    return start, end


def _check_rules(rules: Iterable[str] | None) -> frozenset[str]:
    """Rules as a frozenset, refusing unknown names."""
    chosen = ALL_RULES if rules is None else frozenset(rules)
    unknown = chosen - ALL_RULES
    if unknown:
        raise ValueError(f"unknown rule(s) {sorted(unknown)}; known: {list(RULE_NAMES)}")
    return chosen


def target_sentiment(text: str, span: tuple[int, int], *, rules: Iterable[str] | None = None) -> TargetSentiment:
    """Sentiment that ``text`` expresses toward the mention ``text[start:end]``.

    Args:
        text: a sentence (or a longer text: evidence stays in the mention's sentence
            when the "clause" rule is on).
        span: (start, end) character offsets of the mention, end exclusive.
        rules: names of the rules to apply (default: all, see ``RULE_NAMES``).

    Returns:
        A ``TargetSentiment`` with score, label, evidence window, per-scorer parts and
        the cues that fired.

    Raises:
        ValueError: if the span is empty or outside the text, or a rule is unknown.
    """
    start, end = _check_span(text, span)
    on = _check_rules(rules)
    norm = normalize_text(text)
    s0, s1 = _sentence_bounds(norm, start, end) if "clause" in on else (0, len(norm))
    toks = _tokenize(norm[s0:s1], s0)
    tgt_idx = [i for i, t in enumerate(toks) if t.start < end and t.end > start]
    tgt = (tgt_idx[0], tgt_idx[-1] + 1)
    cues: list[str] = []
    _assign_valences(toks, tgt, on, cues)
    _apply_boosters(toks)
    if "negation" in on:
        _apply_negation(toks, cues)
    core = _weigh_evidence(toks, tgt, (start, end), on, cues)
    vader = _vader_part(toks)
    blob = _textblob_part(toks)
    score = round(max(-1.0, min(1.0, (vader + TEXTBLOB_WEIGHT * blob) / (1 + TEXTBLOB_WEIGHT))), 4)
    cues.extend(f"{t.text}:{t.valence:+.1f}" for t in toks if t.valence and t.weight)
    window = (toks[core[0]].start, toks[core[1] - 1].end)
    return TargetSentiment(
        score=score,
        label=score_label(score),
        target=text[start:end],
        window=window,
        vader=round(vader, 4),
        textblob=round(blob, 4),
        cues=tuple(cues),
        sentence_vader=sentence_vader(norm[s0:s1]),
        rules=on,
    )


def _weigh_evidence(
    toks: Sequence[_Tok], tgt: tuple[int, int], span: tuple[int, int], on: frozenset[str], cues: list[str]
) -> tuple[int, int]:
    """Set token weights by the scoping rules and return the core token range.

    Args:
        toks: sentence tokens (weights changed in place).
        tgt: token range of the mention.
        span: character span of the mention.
        on: rules in force.
        cues: list the decisions are recorded in.

    Returns:
        (lo, hi) token range of the core evidence.
    """
    for t in toks[tgt[0] : tgt[1]]:
        t.weight = 0.0
    if "clause" not in on:
        core = (0, len(toks))
        if "reported_speech" in on:
            core, _ = _apply_speech(toks, tgt, core, cues)
        return core
    clauses = _clauses(toks, speech="reported_speech" in on)
    core = _core_range(toks, clauses, tgt, span)
    speaker = False
    if "reported_speech" in on:
        core, speaker = _apply_speech(toks, tgt, core, cues)
    if "contrast" in on and not speaker:
        core = _apply_contrast(toks, clauses, core, cues)
    ctx = CONTEXT_WEIGHT
    if "role" in on and not speaker:
        ctx = _apply_role(toks, tgt, cues)
    for i, t in enumerate(toks):
        if not core[0] <= i < core[1]:
            t.weight *= ctx
    return core


def sentence_vader(sentence: str) -> float:
    """VADER compound score of a whole sentence (the raw, untargeted baseline).

    Args:
        sentence: the sentence.

    Returns:
        VADER's compound score in [-1, 1].
    """
    return float(_vader().polarity_scores(normalize_text(sentence))["compound"])


def sentence_textblob(sentence: str) -> float:
    """TextBlob polarity of a whole sentence (the raw, untargeted baseline).

    Args:
        sentence: the sentence.

    Returns:
        TextBlob's polarity in [-1, 1].
    """
    return _textblob_polarity(normalize_text(sentence))


# --------------------------------------------------------------------------- per corpus

MENTION_SCORE_COLUMNS = [
    "unit_id",
    "sent_id",
    "start",
    "end",
    "surface",
    "how",
    "score",
    "label",
    "vader",
    "textblob",
    "sentence_vader",
    "sentence_textblob",
    "cues",
]
PROFILE_COLUMNS = ["n_mentions", "score", "ci_low", "ci_high", "sentence_vader"]


def sentiment_toward(
    units: pd.DataFrame,
    actor: str | None = None,
    *,
    case: Case | str | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    rules: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Score the sentiment toward every mention of ``actor``, one row per mention.

    Each mention is scored within its own sentence (the package's sentences), so the
    evidence never leaves it. Pronoun mentions are included; filter on ``how`` to
    leave them out.

    Args:
        units: The table from :func:`corpus_tools.load_corpus`.
        actor: A gazetteer actor id (default: the case's target).
        case: The case (None: the bundled corpus's).
        sentence_table: :func:`corpus_tools.sentences` of the units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the units, if at hand.
        rules: The rules of :func:`target_sentiment` (default: all).

    Returns:
        unit_id, sent_id, start, end, surface, how, score, label (the combined
        target-scoped measure), vader and textblob (its two lexicon parts),
        sentence_vader and sentence_textblob (the naive whole-sentence scores, for
        comparison) and cues (the words and rule decisions behind the score).
    """
    case = resolve_case(case)
    actor = case.check_actor(actor if actor is not None else case.target)
    sents = sentence_table if sentence_table is not None else sentences(units)
    found = mentions if mentions is not None else find_mentions(units, case=case, sentence_table=sents)
    found = found[found["actor"] == actor]
    bounds = sents.set_index(["unit_id", "sent_id"])[["start", "end", "text"]]
    rows = []
    for m in found.itertuples():
        s_start, _, s_text = bounds.loc[(m.unit_id, m.sent_id)]
        result = target_sentiment(s_text, (m.start - s_start, m.end - s_start), rules=rules)
        rows.append(
            (
                m.unit_id,
                m.sent_id,
                m.start,
                m.end,
                m.surface,
                m.how,
                result.score,
                result.label,
                result.vader,
                result.textblob,
                result.sentence_vader,
                sentence_textblob(s_text),
                "; ".join(result.cues),
            )
        )
    return pd.DataFrame(rows, columns=MENTION_SCORE_COLUMNS)


def sentiment_profile(
    units: pd.DataFrame,
    actor: str | None = None,
    *,
    case: Case | str | None = None,
    by: str = "unit_id",
    scores: pd.DataFrame | None = None,
    include_pronouns: bool = True,
    n_boot: int = 2000,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Mean target-scoped sentiment toward ``actor`` per unit (or outlet), with a bootstrap 95% interval.

    Args:
        units: The units table.
        actor: A gazetteer actor id (default: the case's target).
        case: The case (None: the bundled corpus's).
        by: ``"unit_id"`` or another units column (``"outlet"``) to pool mentions by.
        scores: :func:`sentiment_toward` for the same actor, if at hand.
        include_pronouns: Count pronoun mentions (``how == "pronoun"``).
        n_boot: Bootstrap resamples; seed: their seed (the same seed gives the same interval).

    Returns:
        One row per group with at least one mention: ``by``, n_mentions, score, ci_low,
        ci_high, and sentence_vader (the naive mean of whole-sentence VADER over the same
        mentions). Empty (same columns) when the actor is never mentioned.
    """
    scored = scores if scores is not None else sentiment_toward(units, actor, case=case)
    if not include_pronouns:
        scored = scored[scored["how"] != "pronoun"]
    if by != "unit_id":
        scored = scored.merge(units[["unit_id", by]], on="unit_id")
    rows = []
    for key, group in scored.groupby(by, sort=False):
        mean, low, high = bootstrap_mean_ci(group["score"].tolist(), n_boot=n_boot, seed=seed)
        rows.append((key, len(group), mean, low, high, float(group["sentence_vader"].mean())))
    return pd.DataFrame(rows, columns=[by, *PROFILE_COLUMNS])


def compare_units(scores: pd.DataFrame, first: str, second: str, *, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Compare two units' target-scoped and whole-sentence means, with bootstrap intervals.

    Args:
        scores: :func:`sentiment_toward` output.
        first, second: unit ids.

    Returns:
        One row per measure (target-scoped ``score``, naive ``sentence_vader``): the two
        means, their counts, the difference first minus second and its 95% interval, and
        whether the interval excludes zero.
    """
    rows = []
    for measure in ("score", "sentence_vader"):
        a = scores.loc[scores["unit_id"] == first, measure].tolist()
        b = scores.loc[scores["unit_id"] == second, measure].tolist()
        diff, low, high = bootstrap_diff_ci(a, b, seed=seed)
        rows.append(
            {
                "measure": measure,
                f"mean_{first}": np.mean(a) if a else np.nan,
                f"n_{first}": len(a),
                f"mean_{second}": np.mean(b) if b else np.nan,
                f"n_{second}": len(b),
                "difference": diff,
                "ci_low": low,
                "ci_high": high,
                "supported": bool(low > 0 or high < 0),
            }
        )
    return pd.DataFrame(rows)
