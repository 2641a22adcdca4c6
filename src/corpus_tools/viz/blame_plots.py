"""Tables and figures of blame claims for the notebooks: counts per outlet and category,
labels for the blame matrix, horizontal stacked bars, the category colours."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from corpus_tools.measure.blame import CERTAINTIES

__all__ = ["CERTAINTY_COLORS", "VOICE_COLORS", "count_table", "matrix_labels", "stacked_bars"]

CERTAINTY_COLORS = {"asserted": "#0072B2", "hedged": "#56B4E9", "attributed": "#009E73", "denied": "#D55E00"}
VOICE_COLORS = {"author": "#0072B2", "quoted source": "#CC79A7", "accused's own denial": "#D55E00"}


def count_table(
    claims: pd.DataFrame, units: pd.DataFrame, *, by: str = "outlet", column: str = "certainty", order: Iterable[str] = CERTAINTIES
) -> pd.DataFrame:
    """Claims counted per ``by`` value (rows, every unit's value) and ``column`` value.

    Args:
        claims: :func:`blame_claims`, possibly with extra columns (e.g. voice_kind).
        units: The units table (for ``by``).
        by: A units column.
        column: A claims column.
        order: The columns, in order.

    Returns:
        Counts with a final ``total`` column.
    """
    joined = claims.merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    table = pd.crosstab(joined[by], joined[column]).reindex(index=list(dict.fromkeys(units[by])), columns=list(order)).fillna(0).astype(int)
    return table.assign(total=table.sum(axis=1)).rename_axis(index=by, columns=column)


def matrix_labels(weighted: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Cell labels "weight (n claims)" for :func:`blame_matrix`; empty cells stay blank."""
    labels = weighted.copy().astype(object)
    for r in weighted.index:
        for c in weighted.columns:
            n = int(counts.loc[r, c])
            labels.loc[r, c] = f"{weighted.loc[r, c]:+.2f} ({n})" if n else ""
    return labels


def stacked_bars(table: pd.DataFrame, *, title: str, xlabel: str, colors: dict[str, str] | None = None):
    """Horizontal stacked bars, one bar per row of ``table`` (a count table whose last
    column may be ``total``), each segment labelled with its count; the total is written
    at the end of the bar.

    Returns:
        The figure and the plotted counts in long form (row, segment, count).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from corpus_tools.viz.figures import PALETTE

    data = table.drop(columns=[c for c in ("total",) if c in table.columns])
    colors = colors or {c: PALETTE[k % len(PALETTE)] for k, c in enumerate(data.columns)}
    fig, ax = plt.subplots(figsize=(8.5, 0.42 * len(data) + 1.6))
    left = pd.Series(0.0, index=data.index)
    labels = [_shorten_label(str(i)) for i in data.index]
    for col in data.columns:
        ax.barh(labels, data[col], left=left, color=colors[col], label=col, edgecolor="white", linewidth=0.5)
        for y, (value, start) in enumerate(zip(data[col], left)):
            if value:
                ax.text(start + value / 2, y, str(int(value)), ha="center", va="center", fontsize=7, color="black")
        left = left + data[col]
    for y, total in enumerate(left):
        ax.text(total, y, f"  n={int(total)}", va="center", fontsize=7)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    long = data.rename_axis(index="row", columns="segment").stack().rename("count").reset_index()
    return fig, long


def _shorten_label(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
