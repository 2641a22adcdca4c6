"""Sentiment toward a case's target across a corpus: per mention, per unit, compared.

Each mention of the target is scored by :func:`target_sentiment` within its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from corpus_tools.evaluate.stats import DEFAULT_SEED, bootstrap_diff_ci, bootstrap_mean_ci
from corpus_tools.extract.mentions import find_mentions
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.validate import check_units
from corpus_tools.measure.sentiment_rules import (
    sentence_textblob,
    target_sentiment,
)
from corpus_tools.text.tokenizing import sentences

# --------------------------------------------------------------------------- per corpus

MENTION_SCORE_COLUMNS = [
    "unit_id", "sent_id", "start", "end", "surface", "how", "score", "label",
    "vader", "textblob", "sentence_vader", "sentence_textblob", "cues",
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
    check_units(units, function="sentiment_toward")
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
        rows.append((m.unit_id, m.sent_id, m.start, m.end, m.surface, m.how, result.score, result.label,
                     result.vader, result.textblob, result.sentence_vader, sentence_textblob(s_text),
                     "; ".join(result.cues)))
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
        group = group.sort_values(["unit_id", "sent_id", "start"])  # the interval must not depend on row order
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
        rows.append({
            "measure": measure, f"mean_{first}": np.mean(a) if a else np.nan, f"n_{first}": len(a),
            f"mean_{second}": np.mean(b) if b else np.nan, f"n_{second}": len(b),
            "difference": diff, "ci_low": low, "ci_high": high, "supported": bool(low > 0 or high < 0),
        })
    return pd.DataFrame(rows)
