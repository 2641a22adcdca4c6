"""Counts over actor mentions: rates, spellings and co-occurrence."""

from __future__ import annotations

import itertools

import pandas as pd


def mention_rates(mentions: pd.DataFrame, units: pd.DataFrame, *, by: str = "outlet", column: str = "group") -> pd.DataFrame:
    """Mentions per 1,000 words for each ``by`` value and each ``column`` value.

    Args:
        mentions: The table from :func:`corpus_tools.find_mentions`.
        units: The units table (for ``by`` and the word counts).
        by: A units column (outlet, unit_id, ...).
        column: A mentions column (group, actor, how).

    Returns:
        Long table with ``by``, ``column``, count, n_words, per_1000.
    """
    words = units.groupby(by)["n_words"].sum()
    joined = mentions.merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    counts = joined.groupby([by, column]).size().rename("count")
    grid = pd.MultiIndex.from_product([words.index, sorted(mentions[column].unique())], names=[by, column])
    table = counts.reindex(grid, fill_value=0).reset_index()
    table["n_words"] = table[by].map(words)
    table["per_1000"] = 1000 * table["count"] / table["n_words"]
    return table


def spellings(mentions: pd.DataFrame, *, how: tuple[str, ...] = ("name", "alias")) -> pd.DataFrame:
    """Each actor's distinct surface forms (case kept), with counts.

    Returns:
        DataFrame with actor, n_mentions, n_forms, forms ("form (count); ...", most frequent first).
    """
    found = mentions[mentions["how"].isin(how)]
    counts = found.groupby(["actor", "surface"]).size().rename("count").reset_index()
    counts = counts.sort_values(["actor", "count", "surface"], ascending=[True, False, True])
    return (
        counts.groupby("actor")
        .agg(
            n_mentions=("count", "sum"),
            n_forms=("surface", "size"),
            forms=("surface", lambda s: "; ".join(f"{f} ({c})" for f, c in zip(s, counts.loc[s.index, "count"]))),
        )
        .sort_values("n_mentions", ascending=False)
        .reset_index()
    )


def cooccurrence(mentions: pd.DataFrame, *, actors: list[str] | None = None) -> pd.DataFrame:
    """How many sentences mention both of two actors.

    Args:
        mentions: The table from :func:`corpus_tools.find_mentions`.
        actors: Which actors (rows and columns); default: all.

    Returns:
        Square DataFrame indexed by actor; the diagonal counts the sentences mentioning the actor.
    """
    actors = actors or sorted(mentions["actor"].unique())
    per_sentence = mentions[mentions["actor"].isin(actors)].groupby(["unit_id", "sent_id"])["actor"].agg(lambda a: sorted(set(a)))
    matrix = pd.DataFrame(0, index=actors, columns=actors)
    for present in per_sentence:
        for actor in present:
            matrix.loc[actor, actor] += 1
        for a, b in itertools.combinations(present, 2):
            matrix.loc[a, b] += 1
            matrix.loc[b, a] += 1
    return matrix
