"""Sentiment toward a target: one judgement per sentence, by the learned scorer.

:func:`target_sentiment` is the measure of record for one mention: the linear model of
:mod:`corpus_tools.measure.target_model`, trained on NewsMTSC's labels of how an author
evaluates the person named (``lexicon/models/MODEL_CARD.md``); its ``cues`` name the
features that decided it. The rule-based scorer
(:func:`corpus_tools.measure.sentiment_rules.rule_sentiment`) is kept beside it for
comparison.

A sentence that mentions the target three times (name, pronoun, role noun) is one
observation, not three: :func:`sentiment_toward` gives one judgement per (sentence,
target), scored at the sentence's most explicit mention (a name before an alias, a role
noun or a pronoun). :func:`sentiment_profile` counts the judgements per unit or outlet,
with shares and a mean score whose bootstrap interval resamples sentences; fewer than
:data:`MIN_SENTENCES` sentences are flagged ``too_few``. :func:`sentiment_difference`
compares two units or outlets by the interval of their difference.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from textblob.en import sentiment as pattern_sentiment

from corpus_tools.evaluate.stats import DEFAULT_SEED, bootstrap_diff_ci, bootstrap_mean_ci
from corpus_tools.extract.mentions import find_mentions
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.validate import check_text_span, check_units
from corpus_tools.measure.sentiment_rules import rule_sentiment, sentence_vader
from corpus_tools.measure.target_model import Prediction, predict_target
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences

JUDGEMENT_COLUMNS = [
    "unit_id", "sent_id", "start", "end", "surface", "how", "n_mentions", "score", "label",
    "p_negative", "p_neutral", "p_positive", "cues", "sentence_vader", "sentence_textblob",
]
RULE_COLUMNS = ["rule_score", "rule_label"]  # only with rules=True: the rule scorer costs twice the learned one
PROFILE_COLUMNS = [
    "n_sentences", "n_mentions", "n_positive", "n_neutral", "n_negative",
    "share_positive", "share_neutral", "share_negative", "score", "ci_low", "ci_high",
    "too_few", "sentence_vader",
]
LABELS = ("positive", "neutral", "negative")
MIN_SENTENCES = 5  # fewer judgements than this are flagged "too few", not read as a result
_HOW_ORDER = {"name": 0, "alias": 1, "role": 2, "pronoun": 3}


def target_sentiment(text: str, span: tuple[int, int]) -> Prediction:
    """How ``text`` evaluates the person at ``text[start:end]``, by the learned scorer.

    Args:
        text: The sentence holding the mention.
        span: (start, end) character offsets of the mention, end exclusive.

    Returns:
        A :class:`~corpus_tools.measure.target_model.Prediction`: ``label`` (negative,
        neutral, positive), ``score`` = P(positive) - P(negative) in [-1, 1], the class
        ``probabilities``, and ``cues``, the features that decided it with their
        contributions.

    Raises:
        TypeError, ValueError: a text that is not a string, or a span that is not a
            non-empty (start, end) pair of ints inside it.
    """
    _, start, end = check_text_span(text, span, function="target_sentiment")
    return predict_target(text, (start, end))


def _sentence_textblob(sentence: str) -> float:
    """TextBlob polarity of a whole sentence, the same value as
    :func:`~corpus_tools.measure.sentiment_rules.sentence_textblob`, from the pattern
    analyzer directly (without building a ``TextBlob``, which costs as much again)."""
    norm = normalize_text(sentence)
    return float(pattern_sentiment(norm)[0]) if norm.strip() else 0.0


def _one_per_sentence(found: pd.DataFrame) -> list[tuple]:
    """The most explicit mention of each sentence (a name before an alias, a role noun, a
    pronoun; then the first), with the sentence's mention count.

    Returns:
        (unit_id, sent_id, start, end, surface, how, n_mentions) per sentence, in no
        particular order.
    """
    best: dict[tuple, tuple] = {}
    count: dict[tuple, int] = {}
    for row in zip(found["unit_id"], found["sent_id"], found["start"], found["end"], found["surface"], found["how"]):
        key = row[:2]
        count[key] = count.get(key, 0) + 1
        rank = (_HOW_ORDER[row[5]], row[2])
        if key not in best or rank < best[key][0]:
            best[key] = (rank, row)
    return [(*row, count[key]) for key, (_, row) in best.items()]


def sentiment_toward(
    units: pd.DataFrame,
    actor: str | None = None,
    *,
    case: Case | str | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    rules: bool = False,
) -> pd.DataFrame:
    """Judge how every sentence that mentions ``actor`` evaluates them: one row per sentence.

    Args:
        units: The table from :func:`corpus_tools.load_corpus`.
        actor: A gazetteer actor id (default: the case's target).
        case: The case (None: the bundled corpus's).
        sentence_table: :func:`corpus_tools.sentences` of the units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the units, if at hand.
        rules: Also score each sentence with the rule-based scorer, for comparison
            (columns rule_score and rule_label; it costs twice the learned scorer).

    Returns:
        One row per (unit, sentence) in units order: unit_id, sent_id, start, end,
        surface and how (the mention scored), n_mentions (the actor's mentions in the
        sentence), score in [-1, 1] and label of the learned scorer with its class
        probabilities and cues (the features that decided it), and for comparison the
        naive whole-sentence sentence_vader and sentence_textblob (and, with
        ``rules=True``, the rule-based scorer's rule_score and rule_label).
    """
    check_units(units, function="sentiment_toward")
    case = resolve_case(case)
    actor = case.check_actor(actor if actor is not None else case.target)
    sents = sentence_table if sentence_table is not None else sentences(units)
    found = mentions if mentions is not None else find_mentions(units, case=case, sentence_table=sents)
    found = found[found["actor"] == actor]
    columns = JUDGEMENT_COLUMNS + (RULE_COLUMNS if rules else [])
    if found.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    bounds = {(u, s): (int(start), text) for u, s, start, text in
              zip(sents["unit_id"].tolist(), sents["sent_id"].tolist(), sents["start"].tolist(), sents["text"].tolist())}
    order = {u: k for k, u in enumerate(units["unit_id"].tolist())}
    rows = []
    for unit_id, sent_id, start, end, surface, how, n_mentions in sorted(
            _one_per_sentence(found), key=lambda m: (order.get(m[0], len(order)), m[1])):
        s_start, s_text = bounds[(unit_id, sent_id)]
        span = (int(start - s_start), int(end - s_start))
        result = target_sentiment(s_text, span)
        p = result.probabilities
        row = (unit_id, sent_id, start, end, surface, how, n_mentions, result.score, result.label,
               p["negative"], p["neutral"], p["positive"], "; ".join(result.cues),
               sentence_vader(s_text), _sentence_textblob(s_text))
        if rules:
            by_rule = rule_sentiment(s_text, span)
            row += (by_rule.score, by_rule.label)
        rows.append(row)
    table = pd.DataFrame(rows, columns=columns)
    return table.reset_index(drop=True)


def _with_group(scores: pd.DataFrame, units: pd.DataFrame, by: str) -> pd.DataFrame:
    """``scores`` with the ``by`` column of the units, checked."""
    if by == "unit_id":
        return scores
    if by not in units.columns:
        raise ValueError(f"by={by!r} is not a column of units; it has {list(units.columns)}")
    return scores.merge(units[["unit_id", by]], on="unit_id", how="left")


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
    """Counts, shares and a mean score of the judgements per unit (or outlet), with a bootstrap interval.

    Args:
        units: The units table.
        actor: A gazetteer actor id (default: the case's target).
        case: The case (None: the bundled corpus's).
        by: ``"unit_id"`` or another units column (``"outlet"``) to pool sentences by.
        scores: :func:`sentiment_toward` for the same actor, if at hand.
        include_pronouns: Keep sentences that mention the actor only by pronoun.
        n_boot: Bootstrap resamples (of sentences); seed: their seed.

    Returns:
        One row per group with at least one judgement, in order of first appearance:
        ``by``, n_sentences, n_mentions, n_positive/n_neutral/n_negative and their
        shares, score (mean) with ci_low/ci_high (95% percentile bootstrap over
        sentences), too_few (fewer than MIN_SENTENCES sentences: read as no result), and
        sentence_vader (the naive mean of whole-sentence VADER over the same sentences).
    """
    check_units(units, function="sentiment_profile", columns=("unit_id",))
    scored = scores if scores is not None else sentiment_toward(units, actor, case=case)
    if not include_pronouns:
        scored = scored[scored["how"] != "pronoun"]
    scored = _with_group(scored, units, by)
    rows = []
    for key, group in scored.groupby(by, sort=False):
        group = group.sort_values(["unit_id", "sent_id"])  # the interval must not depend on row order
        mean, low, high = bootstrap_mean_ci(group["score"].tolist(), n_boot=n_boot, seed=seed)
        counts = {label: int((group["label"] == label).sum()) for label in LABELS}
        n = len(group)
        rows.append((key, n, int(group["n_mentions"].sum()), counts["positive"], counts["neutral"], counts["negative"],
                     counts["positive"] / n, counts["neutral"] / n, counts["negative"] / n, mean, low, high,
                     n < MIN_SENTENCES, float(group["sentence_vader"].mean())))
    return pd.DataFrame(rows, columns=[by, *PROFILE_COLUMNS])


def sentiment_difference(
    scores: pd.DataFrame,
    first: str,
    second: str,
    *,
    units: pd.DataFrame | None = None,
    by: str = "unit_id",
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Compare two units (or outlets) by the bootstrap interval of their difference.

    Args:
        scores: :func:`sentiment_toward` output.
        first, second: Two values of ``by`` (unit ids by default).
        units: The units table, needed when ``by`` is not ``unit_id``.
        by: The column the two values are of.
        seed: Bootstrap seed.

    Returns:
        One row per measure (the target-scoped ``score``, the naive ``sentence_vader``):
        the two means and sentence counts, the difference first minus second, its 95%
        interval, and ``supported`` (the interval excludes zero).
    """
    if by != "unit_id" and units is None:
        raise ValueError(f"sentiment_difference: by={by!r} needs the units table (units=...)")
    table = _with_group(scores, units, by) if units is not None else scores
    for value in (first, second):
        if not (table[by] == value).any():
            raise ValueError(f"sentiment_difference: no judgement has {by} == {value!r}")
    rows = []
    for measure in ("score", "sentence_vader"):
        a = table.loc[table[by] == first].sort_values(["unit_id", "sent_id"])[measure].tolist()
        b = table.loc[table[by] == second].sort_values(["unit_id", "sent_id"])[measure].tolist()
        diff, low, high = bootstrap_diff_ci(a, b, seed=seed)
        rows.append({
            "measure": measure, "first": first, "n_first": len(a), "mean_first": float(np.mean(a)),
            "second": second, "n_second": len(b), "mean_second": float(np.mean(b)),
            "difference": diff, "ci_low": low, "ci_high": high, "supported": bool(low > 0 or high < 0),
        })
    return pd.DataFrame(rows)


def compare_units(scores: pd.DataFrame, first: str, second: str, *, seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Old name of :func:`sentiment_difference` for two units (kept while documented as such)."""
    return sentiment_difference(scores, first, second, seed=seed)
