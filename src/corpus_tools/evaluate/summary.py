"""The three questions side by side per outlet: one table from the measures' tables.

Each cell keeps its evidence count and, where it is a mean, its bootstrap interval, so a
reader can tell an outlet that says little from one that says the opposite.
"""

from __future__ import annotations

import pandas as pd

from corpus_tools.io.case import Case, resolve_case
from corpus_tools.measure.sentiment import sentiment_profile
from corpus_tools.measure.stance_profile import stance_summary

MIN_STATEMENTS = 3  # stance means from fewer author statements are flagged, as in the figures


def outlet_summary(
    units: pd.DataFrame,
    *,
    sentiment: pd.DataFrame,
    statements: pd.DataFrame,
    claims: pd.DataFrame,
    case: Case | str | None = None,
    by: str = "outlet",
) -> pd.DataFrame:
    """Sentiment toward the target, stance on each dimension and blame, one row per outlet.

    Args:
        units: The units table.
        sentiment: :func:`corpus_tools.sentiment_toward` of the case's target.
        statements: :func:`corpus_tools.stance_statements`.
        claims: :func:`corpus_tools.blame_claims`.
        case: The case (names the stance dimensions).
        by: The units column to group by.

    Returns:
        One row per value of ``by``: n_units; sentiment (mean, ci_low, ci_high,
        n_sentences, too_few); for each stance dimension its mean, interval and
        n_statements (author voice) with a ``_too_few`` flag; blame n_claims (author
        voice), the most blamed group, its share of the claims and its most frequent role.
    """
    case = resolve_case(case)
    rows = units.groupby(by, sort=True).size().rename("n_units").to_frame()
    senti = sentiment_profile(units, case=case, scores=sentiment, by=by).set_index(by)
    rows = rows.join(senti[["score", "ci_low", "ci_high", "n_sentences", "too_few"]].add_prefix("sentiment_"))
    stance = stance_summary(statements, units, case=case, by=by)
    for dim in case.stance_dimensions:
        part = stance[stance["dimension"] == dim].set_index(by)
        rows[dim] = part["mean"]
        rows[f"{dim}_ci_low"], rows[f"{dim}_ci_high"] = part["ci_low"], part["ci_high"]
        rows[f"{dim}_n"] = part["n_statements"].reindex(rows.index).fillna(0).astype(int)
        rows[f"{dim}_too_few"] = rows[f"{dim}_n"] < MIN_STATEMENTS
    own = claims[claims["voice"] == "author"].merge(units[["unit_id", by]], on="unit_id")
    blame_rows = {}
    for key, part in own.groupby(by):
        top = part["group"].value_counts()
        group = top.index[0]
        blame_rows[key] = {"blame_n_claims": len(part), "blame_top_group": group,
                           "blame_top_share": top.iloc[0] / len(part),
                           "blame_top_role": part.loc[part["group"] == group, "role"].value_counts().index[0]}
    blame = pd.DataFrame.from_dict(blame_rows, orient="index")
    rows = rows.join(blame)
    rows["blame_n_claims"] = rows["blame_n_claims"].fillna(0).astype(int)
    return rows.reset_index()
