"""Blame claims aggregated: per (unit, group) pairs, certainty-weighted matrices, and
whose voice each claim is in."""

from __future__ import annotations

import pandas as pd

__all__ = ["CERTAINTY_WEIGHTS", "VOICE_KINDS", "blame_matrix", "claim_pairs", "voice_kind"]

# Weights for aggregating claims into one number per cell (see notebooks/04_blame.ipynb):
# a stated claim counts fully; a hedged one half; a claim the author only reports a
# quarter (the outlet gives it space, not its word); a denial subtracts half.
CERTAINTY_WEIGHTS = {"asserted": 1.0, "hedged": 0.5, "attributed": 0.25, "denied": -0.5}
VOICE_KINDS = ("author", "quoted source", "accused's own denial")


def claim_pairs(claims: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """Collapse claims to one row per (unit, group).

    The pair's certainty is its claims' most frequent certainty; a tie goes to the
    certainty of the earliest claim (a piece's first claim is its lede or thesis).

    Args:
        claims: The table from :func:`blame_claims`.
        voices: "all", or "author" for the author's own claims only.

    Returns:
        unit_id, group, n_claims, roles ("perpetrator;sponsor"), certainty,
        certainties (every certainty seen, ";"-joined).
    """
    data = claims if voices == "all" else claims[claims["voice"] == "author"]
    rows = []
    for (unit_id, group), part in data.sort_values(["sent_id", "start"]).groupby(["unit_id", "group"], sort=False):
        counts = part["certainty"].value_counts()
        top = counts[counts == counts.max()].index
        certainty = next(c for c in part["certainty"] if c in top)
        rows.append((unit_id, group, len(part), ";".join(sorted(set(part["role"]))), certainty, ";".join(sorted(set(part["certainty"])))))
    table = pd.DataFrame(rows, columns=["unit_id", "group", "n_claims", "roles", "certainty", "certainties"])
    return table.sort_values(["unit_id", "group"]).reset_index(drop=True)


def blame_matrix(
    claims: pd.DataFrame,
    units: pd.DataFrame,
    *,
    by: str = "outlet",
    weights: dict[str, float] | None = None,
    groups: list[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Certainty-weighted blame per ``by`` value (outlet, unit_id, ...) and blamed group.

    Args:
        claims: The table from :func:`blame_claims`.
        units: The units table (for ``by``).
        by: A units column.
        weights: Weight per certainty; default :data:`CERTAINTY_WEIGHTS`.
        groups: Columns to show (default: every group blamed at least once).

    Returns:
        (weighted, counts): the summed weights and the number of claims, both indexed by
        ``by`` (every value, blamed or not) with one column per group.
    """
    weights = weights or CERTAINTY_WEIGHTS
    joined = claims.merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    joined = joined.assign(weight=joined["certainty"].map(weights))
    groups = groups or sorted(claims["group"].unique())
    index = list(dict.fromkeys(units[by]))
    weighted = (
        joined.pivot_table(index=by, columns="group", values="weight", aggfunc="sum").reindex(index=index, columns=groups).fillna(0.0)
    )
    counts = (
        joined.pivot_table(index=by, columns="group", values="weight", aggfunc="size")
        .reindex(index=index, columns=groups)
        .fillna(0)
        .astype(int)
    )
    return weighted, counts


def voice_kind(claims: pd.DataFrame) -> pd.Series:
    """Whose claim each row is: the author's, a quoted source's, or the accused's own
    denial (a deflection: the voice is the blamed actor itself).

    Returns:
        A Series aligned with ``claims``, values in :data:`VOICE_KINDS`.
    """
    own = claims["voice"] == claims["actor"]
    kinds = ["author" if v == "author" else ("accused's own denial" if o else "quoted source") for v, o in zip(claims["voice"], own)]
    return pd.Series(kinds, index=claims.index, name="voice_kind")
