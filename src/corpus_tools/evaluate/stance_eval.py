"""Outside checks of the stance measure: a profile against codes read off headlines."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

__all__ = ["headline_check", "pairwise_concordance"]


def pairwise_concordance(reference: Sequence[float], measure: Sequence[float]) -> dict[str, float]:
    """Compare two orderings of the same items pair by pair.

    Args:
        reference: The outside judgement (e.g. headline codes -1/0/+1).
        measure: The measured scores, same order (NaN not allowed: decide first).

    Returns:
        n_items; n_pairs (pairs the reference orders, i.e. not tied there); concordant,
        discordant and tied (tied in the measure only) among those; concordance
        (concordant / n_pairs); tau_b (Kendall's tau-b over all pairs, ties in both
        corrected; NaN if either side is constant).
    """
    ref, mea = list(map(float, reference)), list(map(float, measure))
    if len(ref) != len(mea) or any(math.isnan(v) for v in ref + mea):
        raise ValueError("reference and measure must have the same length and no NaN")
    conc = disc = tied = ties_ref = ties_mea = 0
    for i in range(len(ref)):
        for j in range(i + 1, len(ref)):
            a, b = ref[i] - ref[j], mea[i] - mea[j]
            ties_ref += a == 0
            ties_mea += b == 0
            if a == 0:
                continue
            if b == 0:
                tied += 1
            elif (a > 0) == (b > 0):
                conc += 1
            else:
                disc += 1
    n0 = len(ref) * (len(ref) - 1) // 2
    denom = math.sqrt((n0 - ties_ref) * (n0 - ties_mea))
    # tau-b numerator: concordant minus discordant over pairs tied in neither
    return {
        "n_items": len(ref),
        "n_pairs": conc + disc + tied,
        "concordant": conc,
        "discordant": disc,
        "tied": tied,
        "concordance": conc / (conc + disc + tied) if conc + disc + tied else math.nan,
        "tau_b": (conc - disc) / denom if denom else math.nan,
    }


def headline_check(
    profile: pd.DataFrame,
    headlines: pd.DataFrame,
    *,
    dimension: str = "confrontation",
    nan_as: float | None = 0.0,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Compare the measure with codes read off the units' headlines.

    Args:
        profile: :func:`corpus_tools.measure.stance_profile.stance_profile`.
        headlines: One row per unit: unit_id and a ``dimension`` column holding the code
            (e.g. ``tests/data/stance_headlines.csv``).
        dimension: Which dimension to compare.
        nan_as: The measure's value for a unit with no statement on the dimension (0:
            says nothing, so neither side); None drops those units instead.

    Returns:
        The joined table (unit_id, headline, code, measure, n, measure_used) and the
        summary of :func:`pairwise_concordance` over the units kept.
    """
    table = headlines.rename(columns={dimension: "code"}).merge(
        profile[["unit_id", dimension, f"n_{dimension}"]].rename(columns={dimension: "measure", f"n_{dimension}": "n"}),
        on="unit_id", how="left",
    )
    if nan_as is None:
        table = table[table["measure"].notna()].copy()
        table["measure_used"] = table["measure"]
    else:
        table["measure_used"] = table["measure"].fillna(nan_as)
    return table.reset_index(drop=True), pairwise_concordance(table["code"], table["measure_used"])
