"""Plots the notebooks share. Each returns the figure and the table of what it plots,
ready for :func:`corpus_tools.save_figure`."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from corpus_tools.figures import outlet_colors


def bar_by_unit(
    table: pd.DataFrame,
    value: str,
    *,
    title: str,
    xlabel: str,
    label: str = "unit_id",
    color_by: str = "outlet",
) -> tuple[plt.Figure, pd.DataFrame]:
    """Horizontal bars, one per row of ``table``, coloured by ``color_by`` with a legend.

    Returns:
        The figure and the plotted columns (label, colour group, value).
    """
    data = table[[label, color_by, value]].reset_index(drop=True)
    colors = outlet_colors(data[color_by].tolist())
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(data) + 1.5))
    ax.barh(data[label], data[value], color=[colors[g] for g in data[color_by]])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    for y, v in enumerate(data[value]):
        ax.text(v, y, f" {v:,.0f}" if float(v).is_integer() else f" {v:.2f}", va="center", fontsize=8)
    handles = [Patch(color=c, label=g) for g, c in colors.items()]
    ax.legend(handles=handles, title=color_by, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig, data


def keyness_panels(
    table: pd.DataFrame, *, by: str = "outlet", top: int = 6, title: str
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per group: its most over-used terms by G2, with the counts as labels.

    Args:
        table: The result of :func:`corpus_tools.keyness`.
        by: The grouping column of ``table``.
        top: Terms per panel.
        title: Figure title.
    """
    data = table[table["over"]].groupby(by).head(top).reset_index(drop=True)
    groups = sorted(data[by].unique())
    ncols = 2
    nrows = -(-len(groups) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(10, 2.2 * nrows), squeeze=False)
    colors = outlet_colors(groups)
    for ax, group in zip(axes.flat, groups):
        part = data[data[by] == group]
        ax.barh(part["term"], part["g2"], color=colors[group])
        ax.invert_yaxis()
        ax.set_title(_shorten(group), fontsize=10)
        for y, row in enumerate(part.itertuples()):
            ax.text(row.g2, y, f" {row.count} vs {row.count_rest}", va="center", fontsize=7)
        ax.set_xlabel("log-likelihood G2")
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return fig, data


def _shorten(text: str, width: int = 45) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def heatmap(
    matrix: pd.DataFrame,
    *,
    title: str,
    colorbar: str,
    labels: pd.DataFrame | None = None,
    cmap: str = "Blues",
    center_zero: bool = False,
) -> tuple[plt.Figure, pd.DataFrame]:
    """A labelled heatmap of a numeric matrix; each cell shows its value (or ``labels``).

    Args:
        matrix: Rows and columns as they should appear.
        title: Figure title.
        colorbar: What the colour encodes.
        labels: Same shape as ``matrix``: the text in each cell (e.g. the count behind a rate).
        cmap: A colour-blind-safe sequential map ("Blues", "viridis") or diverging ("PuOr").
        center_zero: Make the colour scale symmetric around zero (for signed scores).

    Returns:
        The figure and the matrix in long form (row, column, value).
    """
    values = matrix.astype(float)
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * values.shape[1], 1.2 + 0.45 * values.shape[0]))
    limit = float(abs(values).max().max()) or 1.0
    kwargs = {"vmin": -limit, "vmax": limit} if center_zero else {"vmin": 0, "vmax": limit}
    image = ax.imshow(values.to_numpy(), cmap=cmap, aspect="auto", **kwargs)
    ax.set_xticks(range(values.shape[1]), [_shorten(str(c), 28) for c in values.columns], rotation=35, ha="right")
    ax.set_yticks(range(values.shape[0]), [_shorten(str(r), 40) for r in values.index])
    text = labels if labels is not None else values.map(lambda v: f"{v:.2g}" if v == v else "")
    for (i, j), value in pd.DataFrame(values.to_numpy()).stack().items():
        dark = abs(value) > 0.6 * limit
        ax.text(j, i, text.iat[i, j], ha="center", va="center", fontsize=7, color="white" if dark else "black")
    ax.set_title(title)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    long = values.rename_axis(index="row", columns="column").stack(future_stack=True).rename("value").reset_index()
    return fig, long


def interval_dots(
    table: pd.DataFrame,
    *,
    label: str,
    title: str,
    xlabel: str,
    color_by: str | None = None,
    n_column: str = "n_mentions",
) -> tuple[plt.Figure, pd.DataFrame]:
    """One dot per row at ``score`` with its ``ci_low``..``ci_high`` interval and its count.

    Returns:
        The figure and the plotted columns.
    """
    columns = [label, *([color_by] if color_by else []), n_column, "score", "ci_low", "ci_high"]
    data = table[list(dict.fromkeys(columns))].reset_index(drop=True)
    colors = outlet_colors(data[color_by].tolist()) if color_by else {}
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(data) + 1.6))
    for y, row in data.iterrows():
        color = colors.get(row[color_by], "#0072B2") if color_by else "#0072B2"
        ax.plot([row.ci_low, row.ci_high], [y, y], color=color, linewidth=2, alpha=0.6)
        ax.plot(row.score, y, "o", color=color)
        ax.text(max(row.ci_high, row.score), y, f"  n={row[n_column]}", va="center", fontsize=8)
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_yticks(range(len(data)), [_shorten(str(v), 40) for v in data[label]])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    if colors:
        handles = [Patch(color=c, label=g) for g, c in colors.items()]
        ax.legend(handles=handles, title=color_by, loc="upper left", bbox_to_anchor=(1.12, 1), fontsize=8, frameon=False)
    return fig, data


def paired_dots(
    table: pd.DataFrame, *, label: str, left: str, right: str, names: tuple[str, str], title: str, xlabel: str
) -> tuple[plt.Figure, pd.DataFrame]:
    """Two measures per row, joined by a line, so the shift from one to the other shows.

    Returns:
        The figure and the plotted columns.
    """
    data = table[[label, left, right]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(data) + 1.6))
    for y, row in data.iterrows():
        ax.plot([row[left], row[right]], [y, y], color="#999999", linewidth=1)
    ax.plot(data[left], range(len(data)), "s", color="#D55E00", label=names[0])
    ax.plot(data[right], range(len(data)), "o", color="#0072B2", label=names[1])
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_yticks(range(len(data)), [_shorten(str(v), 40) for v in data[label]])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    return fig, data
