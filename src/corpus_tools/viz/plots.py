"""Plots the notebooks share. Each returns the figure and the table of what it plots,
ready for :func:`corpus_tools.save_figure`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from corpus_tools.io.case import resolve_case
from corpus_tools.measure.stance import AUTHOR
from corpus_tools.viz.figures import PALETTE, outlet_colors

JITTER = 0.06  # x shift between units drawn at the same place on the stance map


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
    mask_diagonal: bool = False,
) -> tuple[plt.Figure, pd.DataFrame]:
    """A labelled heatmap of a numeric matrix; each cell shows its value (or ``labels``).

    Args:
        matrix: Rows and columns as they should appear.
        title: Figure title.
        colorbar: What the colour encodes.
        labels: Same shape as ``matrix``: the text in each cell (e.g. the count behind a rate).
        cmap: A colour-blind-safe sequential map ("Blues", "viridis") or diverging ("PuOr").
        center_zero: Make the colour scale symmetric around zero (for signed scores).
        mask_diagonal: Leave the diagonal out of the colour scale (drawn grey, value
            still written): in a co-occurrence matrix it holds each row's own total.

    Returns:
        The figure and the matrix in long form (row, column, value).
    """
    values = matrix.astype(float)
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * values.shape[1], 1.2 + 0.45 * values.shape[0]))
    shown = values.to_numpy().copy()
    if mask_diagonal:
        np.fill_diagonal(shown, np.nan)
    limit = float(np.nanmax(np.abs(shown))) if np.isfinite(shown).any() else 1.0
    limit = limit or 1.0
    kwargs = {"vmin": -limit, "vmax": limit} if center_zero else {"vmin": 0, "vmax": limit}
    colormap = plt.get_cmap(cmap).copy()
    colormap.set_bad("#dddddd")
    image = ax.imshow(np.ma.masked_invalid(shown), cmap=colormap, aspect="auto", **kwargs)
    ax.set_xticks(range(values.shape[1]), [_shorten(str(c), 28) for c in values.columns], rotation=35, ha="right")
    ax.set_yticks(range(values.shape[0]), [_shorten(str(r), 40) for r in values.index])
    text = labels if labels is not None else values.map(lambda v: f"{v:.2g}" if v == v else "")
    for (i, j), value in pd.DataFrame(values.to_numpy()).stack().items():
        dark = abs(value) > 0.6 * limit and not (mask_diagonal and i == j)
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
    """One dot per row at ``score`` with its ``ci_low``..``ci_high`` interval and its count;
    rows flagged ``too_few`` are drawn hollow and grey.

    Returns:
        The figure and the plotted columns.
    """
    columns = [label, *([color_by] if color_by else []), n_column, "score", "ci_low", "ci_high",
               *(["too_few"] if "too_few" in table.columns else [])]
    data = table[list(dict.fromkeys(columns))].reset_index(drop=True)
    colors = outlet_colors(data[color_by].tolist()) if color_by else {}
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(data) + 1.6))
    for y, row in data.iterrows():
        too_few = bool(row.get("too_few", False))
        color = "#999999" if too_few else colors.get(row[color_by], "#0072B2") if color_by else "#0072B2"
        ax.plot([row.ci_low, row.ci_high], [y, y], color=color, linewidth=2, alpha=0.6)
        ax.plot(row.score, y, "o", color=color, mfc="white" if too_few else color, mew=1.5)
        ax.text(max(row.ci_high, row.score), y, f"  n={row[n_column]}" + (" (too few)" if too_few else ""),
                va="center", fontsize=8, color=color if too_few else "black")
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


# --------------------------------------------------------------------------- stance


def _rank_at_same_place(xs: Sequence[float], ys: Sequence[float]) -> list[int]:
    """For each point, how many earlier points sit at the same place (0 for the first)."""
    seen: dict[tuple[float, float], int] = {}
    ranks = []
    for x, y in zip(xs, ys):
        key = (round(x, 2), round(y, 2))
        ranks.append(seen.get(key, 0))
        seen[key] = ranks[-1] + 1
    return ranks


def stance_map(
    profile: pd.DataFrame,
    units: pd.DataFrame,
    *,
    x: str = "confrontation",
    y: str = "us_response",
    title: str = "Stance map: what each piece prescribes and how it judges the response",
) -> tuple[plt.Figure, pd.DataFrame]:
    """Scatter of the units on two stance dimensions, sized by evidence, coloured by outlet.

    A unit with no statement on a dimension is drawn at 0 on it with a hollow marker
    (square: no ``x`` statement, triangle: no ``y`` statement); units with none on either
    are listed beside the plot instead of piling up at the origin.

    Args:
        profile: :func:`stance_profile`.
        units: The units table (for the outlet).
        x, y: The dimensions on the axes.
        title: Figure title.

    Returns:
        The figure and the plotted table (unit_id, outlet, x, y, their counts, which
        side was missing, the plotted position, and x_drawn: x shifted by JITTER per
        unit already drawn at the same place).
    """
    data = profile.merge(units[["unit_id", "outlet"]], on="unit_id")
    data = data[["unit_id", "outlet", x, f"n_{x}", y, f"n_{y}"]].copy()
    data["missing"] = [("both" if mx and my else x if mx else y if my else "")
                       for mx, my in zip(data[x].isna(), data[y].isna())]
    data["x_plotted"] = data[x].fillna(0.0)
    data["y_plotted"] = data[y].fillna(0.0)
    colors = outlet_colors(units["outlet"].tolist())
    markers = {"": "o", x: "s", y: "^"}
    fig, ax = plt.subplots(figsize=(9, 6.5))
    ax.axhline(0, color="0.8", lw=0.8, zorder=0)
    ax.axvline(0, color="0.8", lw=0.8, zorder=0)
    # points at the same place are drawn side by side (x shifted by JITTER each), labels stacked
    ranks = _rank_at_same_place(data["x_plotted"], data["y_plotted"])
    data["x_drawn"] = data["x_plotted"] + [JITTER * k for k in ranks]
    shown = data[data["missing"] != "both"]
    stacked = _rank_at_same_place(shown["x_plotted"], shown["y_plotted"])
    group_size = shown.groupby(["x_plotted", "y_plotted"])["unit_id"].transform("size")
    for row, k, size in zip(shown.itertuples(), stacked, group_size):
        n = getattr(row, f"n_{x}") + getattr(row, f"n_{y}")
        color = colors[row.outlet]
        hollow = row.missing != ""
        ax.scatter(row.x_drawn, row.y_plotted, s=40 + 40 * n, marker=markers[row.missing],
                   facecolors="white" if hollow else color, edgecolors=color, linewidths=2, alpha=0.9)
        ax.annotate(f"{row.unit_id} ({getattr(row, f'n_{x}')}, {getattr(row, f'n_{y}')})",
                    (row.x_plotted + JITTER * (size - 1), row.y_plotted),
                    xytext=(10 + 2 * math.sqrt(n), -12 * k), textcoords="offset points", fontsize=8, va="center")
    none = data[data["missing"] == "both"]
    note = "No statement on either dimension:\n" + "\n".join(none["unit_id"]) if len(none) else ""
    ax.text(1.02, 0.02, note + "\n\nLabels: unit (n on x, n on y).\nHollow square: nothing on x, drawn at 0.\n"
            "Hollow triangle: nothing on y, drawn at 0.\nSize: statements behind the point.",
            transform=ax.transAxes, fontsize=8, va="bottom")
    handles = [Line2D([], [], marker="o", ls="", color=c, label=o) for o, c in colors.items()]
    ax.legend(handles=handles, title="outlet", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_xlim(-1.35, 1.85)
    ax.set_ylim(-1.3, 1.3)
    ax.set_xlabel(f"{x}: -1 calls for restraint ... +1 calls to confront the suspects")
    ax.set_ylabel(f"{y}: -1 criticises ... +1 endorses the response")
    ax.set_title(title)
    return fig, data


def statement_counts_plot(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    *,
    case=None,
    voices: Iterable[str] = (AUTHOR,),
    title: str = "Stance statements per unit: how many, in which direction",
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per dimension: each unit's +1 statements to the right, -1 to the left.

    Returns:
        The figure and the counts (unit_id, dimension, n_pos, n_neg).
    """
    dims = list(resolve_case(case).stance_dimensions)
    own = statements[statements["voice"].isin(list(voices))]
    grid = pd.MultiIndex.from_product([units["unit_id"], dims], names=["unit_id", "dimension"])
    counts = pd.DataFrame({
        "n_pos": own[own["direction"] > 0].groupby(["unit_id", "dimension"]).size(),
        "n_neg": own[own["direction"] < 0].groupby(["unit_id", "dimension"]).size(),
    }).reindex(grid).fillna(0).astype("int64").reset_index()
    fig, axes = plt.subplots(1, len(dims), figsize=(11, 0.32 * len(units) + 1.6), sharey=True)
    limit = max(1, int(counts[["n_pos", "n_neg"]].max().max()))
    for ax, dimension in zip(axes, dims):
        part = counts[counts["dimension"] == dimension]
        ax.barh(part["unit_id"], part["n_pos"], color=PALETTE[0], label="+1")
        ax.barh(part["unit_id"], -part["n_neg"], color=PALETTE[3], label="-1")
        ax.axvline(0, color="0.5", lw=0.8)
        ax.set_xlim(-limit - 0.5, limit + 0.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
        ax.set_title(dimension, fontsize=10)
        ax.set_xlabel("statements: -1 left, +1 right")
    axes[0].invert_yaxis()
    axes[-1].legend(loc="lower right", fontsize=8, frameon=False)
    fig.suptitle(title)
    fig.tight_layout()
    return fig, counts
