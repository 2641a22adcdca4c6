"""Tokens, lexicons and valences for the rule-based target sentiment scorer.

The scorer's parts that do not depend on where the target stands: tokens with offsets,
VADER's and TextBlob's lexicons (shipped in their packages, no downloaded data), the
package's own lists (``lexicon/event_words.txt``, ``domain_neutral.txt``,
``news_cues.txt``, ``negators.txt``), boosters and negation. The scoping rules are in
:mod:`corpus_tools.measure.sentiment_rules`.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from textblob.en import sentiment as _pattern_sentiment
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    SentimentIntensityAnalyzer,
)

from corpus_tools.io.lexicon import negators, read_word_list
from corpus_tools.text.clauses import MARK_KINDS, clause_breaks, clause_words
from corpus_tools.text.tokenizing import span_sentences
from corpus_tools.text.vader import vader

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
_CONTRAST = clause_words().of_kind("contrast")  # lexicon/clause_breaks.txt
_BOUNDARY_PUNCT = clause_words().of_kind(*MARK_KINDS) - {"-"}  # a lone hyphen is a dash only between spaces
# The sentiment rules cut at every listed punctuation mark and clause-opening word.
SENTIMENT_CLAUSES = {"marks": MARK_KINDS, "commas": "before_word", "words": "all", "bare": "any"}
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "his", "her", "their", "its",
                               "him", "them", "this", "that"})
_COPULAS = frozenset({"is", "was", "are", "were", "remains", "remained", "seems",
                      "seemed", "appears", "appeared", "looks", "looked", "became",
                      "becomes", "be", "been", "isn't", "wasn't", "aren't", "weren't"})
_SPEECH_ADVERBS = frozenset({"also", "has", "have", "had", "later", "then", "reportedly",
                             "previously", "once", "recently", "repeatedly", "publicly",
                             "again", "further", "privately", "earlier", "often",
                             "would", "will", "first"})
_NOT_UN = frozenset({"unlike", "unless", "until", "under", "undo", "unit", "unite"})
_LIKE_SUBJECTS = frozenset({"i", "we", "you", "they", "to", "would", "do", "does", "did",
                            "not", "really", "'d", "also", "still", "people", "voters"})
_TITLE_WORDS = frozenset({"the", "a", "an", "former", "ex", "president", "sen", "senator",
                          "rep", "gov", "governor", "mr", "mrs", "ms", "dr", "prime",
                          "minister", "premier", "then", "vice", "speaker", "leader",
                          "general", "secretary"})
_OBJECT_PREPS = frozenset({"at", "of", "against", "on", "with", "toward", "towards", "by",
                           "for"})
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


def _vader() -> SentimentIntensityAnalyzer:
    """The shared VADER analyzer (:func:`corpus_tools.text.vader.vader`)."""
    return vader()


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
    """Indices of tokens that open a new clause (the shared splitter's breaks).

    Args:
        toks: sentence tokens.
        speech: also split after reporting verbs ("said [that] | ...").

    Returns:
        Sorted token indices (0 always included).
    """
    starts = {0}
    if not toks:
        return [0]
    base = toks[0].start
    chars = [" "] * (toks[-1].end - base)
    for tok in toks:  # the sentence as tokenised: white space between tokens, offsets kept
        chars[tok.start - base:tok.end - base] = tok.text
    text = "".join(chars)
    tok_starts = [t.start - base for t in toks]
    for brk in clause_breaks(text, **SENTIMENT_CLAUSES):
        i = bisect.bisect_left(tok_starts, brk.end)
        if 0 < i < len(toks) or (i == 0 and brk.end > 0):
            starts.add(i)
    if speech:
        verbs = _word_set("speech_verbs.txt")
        for i, tok in enumerate(toks):
            if tok.low in verbs and tok.low != "according":
                starts.add(_speech_content_start(toks, i))
    return sorted(s for s in starts if s < len(toks))


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
    return sum(1 for t in toks[lo:hi]
               if t.text[0].isalnum() and not (t.start < target[1] and t.end > target[0]))


# --------------------------------------------------------------------------- scoring


def _lexicon_valence(tok: _Tok, lexicon: dict[str, float], cues: dict[str, float]) -> float:
    """Valence of a token: VADER lexicon, then the news cues, else 0."""
    for form in (tok.text.lower(), tok.low):
        if form in lexicon:
            return float(lexicon[form])
        if form in cues:
            return cues[form]
    return 0.0


def _assign_valences(toks: Sequence[_Tok], tgt: tuple[int, int], rules: frozenset[str],
                     cues: list[str]) -> None:
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
        if tok.low in negators() and "negation" in rules:
            tok.valence = 0.0
        if not tok.valence and "negation" in rules:
            tok.valence = _prefix_negated(tok.low, lexicon)
        reason = ("event_words" if tok.low in events else
                  "domain_neutral" if tok.low in neutral and not _verb_like(toks, i) else
                  "proper_names" if names and tok.valence and _in_name(toks, i, tgt) else None)
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
    return toks[i].low == "like" and i > 0 and (
        toks[i - 1].low in _LIKE_SUBJECTS or toks[i - 1].low.endswith("n't"))


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
        neg = tok.low in negators() or tok.low.endswith("n't") or f"{tok.low} {nxt}" in negators()  # "fail to", "far from"
        if not neg:
            i += 1
            continue
        tok.tb_text = "not"
        for t in toks[i + 1:i + 1 + NEGATION_SCOPE]:
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
    """TextBlob (pattern lexicon) polarity of a short text; no corpora needed.

    ``TextBlob(text).sentiment.polarity``, asked of the pattern scorer that
    ``TextBlob.sentiment`` calls (without the named tuple it builds on every call).
    """
    return float(_pattern_sentiment(text)[0]) if text.strip() else 0.0


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
