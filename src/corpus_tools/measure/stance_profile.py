"""Stance profiles: the statements of :func:`~corpus_tools.measure.stance.stance_statements`
aggregated per unit or per group, and the evidence behind them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from corpus_tools.evaluate.stats import DEFAULT_SEED, bootstrap_mean_ci
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.measure.stance import AUTHOR, stance_statements
from corpus_tools.viz.evidence import with_sentences

__all__ = ["stance_evidence", "stance_profile", "stance_summary"]


def stance_profile(
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    statements: pd.DataFrame | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    voices: Iterable[str] = (AUTHOR,),
) -> pd.DataFrame:
    """One stance profile per unit: the mean direction of its statements on each dimension.

    Args:
        units: The units table.
        case: As for :func:`stance_statements` (names the dimensions).
        statements: :func:`stance_statements` of the same units, if at hand.
        sentence_table: Passed to :func:`stance_statements` when ``statements`` is None.
        mentions: Passed to :func:`stance_statements` when ``statements`` is None.
        voices: Whose statements count; default the author's only.

    Returns:
        One row per unit (in ``units`` order): unit_id, then the case's three dimensions
        (confrontation, the target's, the response's; each in [-1, 1], NaN where the
        unit has no statement on it), and n_<dimension> (the statements behind each). The
        rows behind a unit's score are ``statements[statements.unit_id == unit_id]``
        (see :func:`stance_evidence`).
    """
    case = resolve_case(case)
    dims = list(case.stance_dimensions)
    if statements is None:
        statements = stance_statements(units, case=case, sentence_table=sentence_table, mentions=mentions)
    own = statements[statements["voice"].isin(list(voices))]
    grid = pd.MultiIndex.from_product([units["unit_id"], dims], names=["unit_id", "dimension"])
    stats = own.groupby(["unit_id", "dimension"])["direction"].agg(["mean", "size"]).reindex(grid)
    means = stats["mean"].unstack("dimension").reindex(units["unit_id"])[dims]
    counts = stats["size"].fillna(0).astype("int64").unstack("dimension").reindex(units["unit_id"])[dims]
    profile = pd.concat([means, counts.add_prefix("n_")], axis=1).reset_index()
    profile.columns.name = None
    return profile[["unit_id", *dims, *(f"n_{d}" for d in dims)]]


def stance_evidence(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    sentence_table: pd.DataFrame,
    *,
    unit_id: str | None = None,
    dimension: str | None = None,
) -> pd.DataFrame:
    """The statements behind a profile, each in its sentence with the evidence marked [[ ]].

    Args:
        statements: :func:`stance_statements`.
        units: The units table.
        sentence_table: :func:`corpus_tools.sentences` of the same units.
        unit_id: Keep one unit only.
        dimension: Keep one dimension only.

    Returns:
        ``statements`` (filtered) with a ``sentence`` column from
        :func:`corpus_tools.viz.evidence.with_sentences`.
    """
    rows = statements
    if unit_id is not None:
        rows = rows[rows["unit_id"] == unit_id]
    if dimension is not None:
        rows = rows[rows["dimension"] == dimension]
    return with_sentences(rows.reset_index(drop=True), units, sentence_table)


def stance_summary(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    by: str = "outlet",
    voices: Iterable[str] = (AUTHOR,),
    n_boot: int = 2000,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Mean direction per group and dimension, with counts and a bootstrap interval.

    Args:
        statements: :func:`stance_statements`.
        case: The case that names the dimensions (None: the bundled corpus's).
        units: The units table (for ``by``).
        by: A units column to group by (outlet, publisher, unit_id, ...).
        voices: Whose statements count; default the author's only.
        n_boot: Bootstrap resamples of the statements (seeded: same numbers every run).
        seed: Random seed (:func:`corpus_tools.evaluate.stats.bootstrap_mean_ci`).

    Returns:
        One row per group and dimension: ``by``, dimension, n_units (units with a
        statement), n_statements, n_pos, n_neg, mean, ci_low, ci_high (95% percentile
        bootstrap over statements; with a handful of statements it is wide, and with all
        of one sign it collapses to that sign).
    """
    dims = list(resolve_case(case).stance_dimensions)
    own = statements[statements["voice"].isin(list(voices))].merge(units[["unit_id", by]].drop_duplicates(), on="unit_id") \
        if by != "unit_id" else statements[statements["voice"].isin(list(voices))]
    rows = []
    for group in sorted(units[by].unique()):
        for dimension in dims:
            part = own[(own[by] == group) & (own["dimension"] == dimension)]
            values = part["direction"].astype(float).tolist()
            mean, lo, hi = bootstrap_mean_ci(values, n_boot=n_boot, seed=seed)
            rows.append({
                by: group, "dimension": dimension, "n_units": part["unit_id"].nunique(),
                "n_statements": len(values), "n_pos": int((part["direction"] > 0).sum()),
                "n_neg": int((part["direction"] < 0).sum()),
                "mean": mean, "ci_low": lo, "ci_high": hi,
            })
    return pd.DataFrame(rows)
