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

from collections.abc import Iterable, Sequence

from corpus_tools.io.validate import check_text_span
from corpus_tools.measure.sentiment_lexicon import (  # noqa: F401  the scorer's parts
    _BE_AUX,
    _CONTRAST,
    _COPULAS,
    _OBJECT_PREPS,
    _PRONOUN_SUBJECTS,
    _SPEECH_ADVERBS,
    _TITLE_WORDS,
    ALL_RULES,
    CONTEXT_WEIGHT,
    COPULA_CONTEXT_WEIGHT,
    MIN_CLAUSE_WORDS,
    NEGATIVE_BELOW,
    POSITIVE_ABOVE,
    ROLE_CUE_WEIGHT,
    RULE_NAMES,
    SPEAKER_CONTENT_WEIGHT,
    TEXTBLOB_WEIGHT,
    TargetSentiment,
    _agent_of_event,
    _apply_boosters,
    _apply_negation,
    _assign_valences,
    _clauses,
    _content_words,
    _event_set,
    _event_words,
    _in_name,
    _is_headline,
    _sentence_bounds,
    _textblob_part,
    _textblob_polarity,
    _Tok,
    _tokenize,
    _vader,
    _vader_part,
    _word_set,
)
from corpus_tools.text.normalize import normalize_text

# --------------------------------------------------------------------------- rules


def _core_range(toks: Sequence[_Tok], clauses: Sequence[tuple[int, int]],
                tgt: tuple[int, int], span: tuple[int, int]) -> tuple[int, int]:
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


def _apply_contrast(toks: Sequence[_Tok], clauses: Sequence[tuple[int, int]],
                    core: tuple[int, int], cues: list[str]) -> tuple[int, int]:
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
        if a < hi or (toks[a].low not in _CONTRAST and not (
                toks[a].text == "," and a + 1 < b and toks[a + 1].low in _CONTRAST)):
            continue
        first = a + 1 if toks[a].text == "," else a
        nxt = toks[first + 1].low if first + 1 < b else ""
        if a == hi and (nxt in _PRONOUN_SUBJECTS or (nxt.endswith(("ed", "s"))
                        and not toks[first + 1].text[:1].isupper())):
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
    if lo > 0 and any(t.low in _CONTRAST for t in toks[lo:min(lo + 2, hi)]):
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
        close = next((k for k in range(j + 1, min(j + 12, len(toks)))
                      if toks[k].text == ","), None)
        j = close + 1 if close is not None else j
    while j < len(toks) and toks[j].low in _SPEECH_ADVERBS:
        j += 1
    if j < len(toks) and toks[j].low in verbs and toks[j].low != "according":
        return j  # "X said", "X also told"
    if lo > 1 and toks[lo - 1].low in verbs and toks[lo - 1].low != "according" \
            and toks[lo - 2].text in {",", '"', "'"}:
        return lo - 1  # '"...," said X'
    if lo > 1 and toks[lo - 1].low == "to" and toks[lo - 2].low == "according":
        return lo - 2  # "according to X"
    return None


def _apply_speech(toks: Sequence[_Tok], tgt: tuple[int, int], core: tuple[int, int],
                  cues: list[str]) -> tuple[tuple[int, int], bool]:
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
    while j >= 0 and (toks[j].low in _TITLE_WORDS or (toks[j].text[0].isupper()
                      and toks[j].text.endswith("."))):
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
        cue = next((j for j in range(tgt[1], min(tgt[1] + 4, len(toks)))
                    if toks[j].low in strict | context and toks[j].valence), None)
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


def _check_rules(rules: Iterable[str] | None) -> frozenset[str]:
    """Rules as a frozenset, refusing unknown names."""
    chosen = ALL_RULES if rules is None else frozenset(rules)
    unknown = chosen - ALL_RULES
    if unknown:
        raise ValueError(f"unknown rule(s) {sorted(unknown)}; known: {list(RULE_NAMES)}")
    return chosen


def rule_sentiment(text: str, span: tuple[int, int], *,
                     rules: Iterable[str] | None = None) -> TargetSentiment:
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
    _, start, end = check_text_span(text, span, function="rule_sentiment")
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
    score = round((vader + TEXTBLOB_WEIGHT * blob) / (1 + TEXTBLOB_WEIGHT), 4)  # both parts lie in [-1, 1]
    cues.extend(f"{t.text}:{t.valence:+.1f}" for t in toks if t.valence and t.weight)
    window = (toks[core[0]].start, toks[core[1] - 1].end)
    return TargetSentiment(
        score=score, label=score_label(score), target=text[start:end],
        window=window, vader=round(vader, 4), textblob=round(blob, 4),
        cues=tuple(cues), sentence_vader=sentence_vader(norm[s0:s1]), rules=on)


def _weigh_evidence(toks: Sequence[_Tok], tgt: tuple[int, int], span: tuple[int, int],
                    on: frozenset[str], cues: list[str]) -> tuple[int, int]:
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
    for t in toks[tgt[0]:tgt[1]]:
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
