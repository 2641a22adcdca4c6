"""Figures that show each piece with the evidence behind it.

Every point estimate carries its count; estimates from fewer observations than a
measure's minimum are drawn hollow and grey and labelled "too few"; a piece with no
observation is written out as "no statement" or "no claim", never drawn as a zero.
Colours are the Okabe-Ito palette, which stays distinct for colour-blind readers. Each
function returns the figure and the table it draws, for
:func:`corpus_tools.save_figure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from corpus_tools.viz.figures import PALETTE

GREY = "#999999"
MIN_STATEMENTS = 3  # stance means from fewer statements are drawn as "too few"
ROLE_COLORS = {"perpetrator": "#0072B2", "sponsor": "#E69F00", "enabler": "#009E73"}


def _label(text: str, width: int = 34) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def stance_panels(
    profile: pd.DataFrame,
    *,
    dimensions: Sequence[str],
    label: str = "unit_id",
    min_statements: int = MIN_STATEMENTS,
    title: str = "Stance per piece: mean direction of its statements",
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per stance dimension, one row per piece; every piece is placed.

    Args:
        profile: :func:`corpus_tools.stance_profile` (a column per dimension and n_<dimension>).
        dimensions: The dimensions, in panel order (``case.stance_dimensions``).
        label: The column naming each row.
        min_statements: Fewer statements than this are drawn hollow and grey, "too few".
        title: Figure title.

    Returns:
        The figure and the long table: label, dimension, mean, n, status (shown, too few,
        no statement).
    """
    rows = []
    for dim in dimensions:
        for name, mean, n in zip(profile[label], profile[dim], profile[f"n_{dim}"]):
            status = "no statement" if n == 0 else "too few" if n < min_statements else "shown"
            rows.append({label: name, "dimension": dim, "mean": mean, "n": int(n), "status": status})
    data = pd.DataFrame(rows)
    names = list(profile[label])
    fig, axes = plt.subplots(1, len(dimensions), figsize=(3.4 * len(dimensions) + 2.2, 0.32 * len(names) + 1.8), sharey=True)
    for ax, dim in zip(np.atleast_1d(axes), dimensions):
        part = data[data["dimension"] == dim].reset_index(drop=True)
        ax.axvline(0, color="0.85", lw=0.8, zorder=0)
        for y, row in part.iterrows():
            if row.status == "no statement":
                ax.text(0, y, "no statement", ha="center", va="center", fontsize=7, color=GREY, style="italic")
                continue
            shown = row.status == "shown"
            color = PALETTE[0] if shown else GREY
            ax.plot(row["mean"], y, "o", ms=7, color=color, mfc=color if shown else "white", mew=1.5)
            note = f"n={row.n}" + ("" if shown else " (too few)")
            left = row["mean"] <= 0.4  # near +1 the label goes to the marker's left, clear of it
            ax.text(row["mean"], y, f"  {note}" if left else f"{note}  ", va="center", fontsize=7,
                    color="black" if shown else GREY, ha="left" if left else "right")
        ax.set_xlim(-1.25, 1.25)
        ax.set_xticks([-1, 0, 1])
        ax.set_title(dim, fontsize=10)
        ax.set_xlabel("-1 ... +1")
    first = np.atleast_1d(axes)[0]
    first.set_yticks(range(len(names)), [_label(n) for n in names])
    first.invert_yaxis()
    fig.suptitle(title)
    return fig, data


def blame_shares(
    claims: pd.DataFrame,
    units: pd.DataFrame,
    *,
    label: str = "unit_id",
    groups: Sequence[str] | None = None,
    roles: Sequence[str] = ("perpetrator", "sponsor", "enabler"),
    title: str = "Whom each piece blames, in what role: share of its claims",
) -> tuple[plt.Figure, pd.DataFrame]:
    """Per piece, the share of its claims that name each (group, role); pieces without a claim say so.

    Args:
        claims: :func:`corpus_tools.blame_claims` (any voices the caller kept).
        units: The units table (every piece gets a row, in its order).
        label: The units column naming each row.
        groups: The groups to show, in order (default: those claimed, most claimed first).
        roles: The roles, in colour order.
        title: Figure title.

    Returns:
        The figure and the table: label, group, role, n (claims), share (of the piece's).
    """
    if groups is None:
        groups = list(claims["group"].value_counts().index)
    counts = claims.groupby(["unit_id", "group", "role"]).size().rename("n").reset_index()
    totals = claims.groupby("unit_id").size()
    names = dict(zip(units["unit_id"], units[label]))
    rows = [
        {label: names[u], "unit_id": u, "group": g, "role": r,
         "n": int(counts[(counts.unit_id == u) & (counts.group == g) & (counts.role == r)]["n"].sum()),
         "share": float(counts[(counts.unit_id == u) & (counts.group == g) & (counts.role == r)]["n"].sum() / totals[u])
         if u in totals else float("nan")}
        for u in units["unit_id"] for g in groups for r in roles
    ]
    data = pd.DataFrame(rows)
    fig, axes = plt.subplots(1, len(groups), figsize=(2.3 * len(groups) + 2.5, 0.32 * len(units) + 2.0), sharey=True)
    for ax, group in zip(np.atleast_1d(axes), groups):
        for y, unit in enumerate(units["unit_id"]):
            if unit not in totals:
                ax.text(0.5, y, "no claim", ha="center", va="center", fontsize=7, color=GREY, style="italic")
                continue
            left = 0.0
            for role in roles:
                cell = data[(data.unit_id == unit) & (data.group == group) & (data.role == role)].iloc[0]
                if cell.n:
                    ax.barh(y, cell.share, left=left, color=ROLE_COLORS.get(role, GREY), height=0.7)
                    ax.text(left + cell.share / 2, y, str(cell.n), ha="center", va="center", fontsize=7, color="white")
                    left += cell.share
        ax.set_xlim(0, 1)
        ax.set_xticks([0, 0.5, 1], ["0", "½", "1"])
        ax.set_title(group, fontsize=10)
    first = np.atleast_1d(axes)[0]
    first.set_yticks(range(len(units)), [_label(names[u]) for u in units["unit_id"]])
    first.invert_yaxis()
    handles = [plt.Rectangle((0, 0), 1, 1, color=ROLE_COLORS.get(r, GREY)) for r in roles]
    fig.legend(handles, roles, loc="lower center", ncol=len(roles), frameon=False, fontsize=8)
    fig.suptitle(title + " (numbers: claims)")
    fig.subplots_adjust(bottom=0.12)
    return fig, data.drop(columns="unit_id") if label != "unit_id" else data


LABEL_COLORS = {"negative": "#D55E00", "neutral": "#BBBBBB", "positive": "#0072B2"}


def label_counts(
    profile: pd.DataFrame,
    *,
    label: str = "unit_id",
    title: str = "Judgements per piece",
) -> tuple[plt.Figure, pd.DataFrame]:
    """Stacked bars of the negative, neutral and positive judgements of each row, with counts.

    Args:
        profile: :func:`corpus_tools.sentiment_profile` (n_negative, n_neutral, n_positive, too_few).
        label: The column naming each row.
        title: Figure title.

    Returns:
        The figure and the plotted counts.
    """
    columns = [label, "n_negative", "n_neutral", "n_positive", "too_few"]
    data = profile[columns].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(data) + 1.6))
    for y, row in data.iterrows():
        left = 0
        for name in ("negative", "neutral", "positive"):
            n = int(row[f"n_{name}"])
            if n:
                ax.barh(y, n, left=left, color=LABEL_COLORS[name], alpha=0.45 if row.too_few else 1.0, height=0.7)
                ax.text(left + n / 2, y, str(n), ha="center", va="center", fontsize=7)
                left += n
        if row.too_few:
            ax.text(left, y, "  too few", va="center", fontsize=7, color=GREY)
    ax.set_yticks(range(len(data)), [_label(v) for v in data[label]])
    ax.invert_yaxis()
    ax.set_xlabel("sentences judged")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in LABEL_COLORS.values()]
    ax.legend(handles, list(LABEL_COLORS), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_title(title)
    return fig, data


def two_measures(
    table: pd.DataFrame,
    *,
    label: str,
    first: tuple[str, str, str],
    second: tuple[str, str, str],
    title: str,
) -> tuple[plt.Figure, pd.DataFrame]:
    """Two measures of the same thing per row, each with its count; a missing one is written out.

    Args:
        table: One row per piece.
        label: The column naming each row.
        first, second: (value column, count column, name) of each measure.
        title: Figure title.

    Returns:
        The figure and the plotted columns.
    """
    data = table[[label, first[0], first[1], second[0], second[1]]].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8.5, 0.4 * len(data) + 1.8))
    ax.axvline(0, color="0.85", lw=0.8, zorder=0)
    for (value, count, name), marker, color, dy in ((first, "o", PALETTE[0], -0.15), (second, "s", PALETTE[3], 0.15)):
        for y, row in data.iterrows():
            if row[count] == 0 or pd.isna(row[value]):
                ax.text(-1.2, y + dy, f"no {name}", va="center", fontsize=6, color=GREY, style="italic")
                continue
            ax.plot(row[value], y + dy, marker, color=color, ms=6)
            ax.text(row[value], y + dy, f"  n={int(row[count])}", va="center", fontsize=6)
    ax.set_xlim(-1.25, 1.25)
    ax.set_yticks(range(len(data)), [_label(v) for v in data[label]])
    ax.invert_yaxis()
    handles = [plt.Line2D([], [], marker=m, ls="", color=c) for m, c in (("o", PALETTE[0]), ("s", PALETTE[3]))]
    ax.legend(handles, [first[2], second[2]], loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_xlabel("-1 negative … +1 positive")
    ax.set_title(title)
    return fig, data


def outlet_panels(
    summary: pd.DataFrame,
    *,
    measures: Sequence[tuple[str, str, str, str]],
    label: str = "outlet",
    title: str = "The three questions per outlet",
) -> tuple[plt.Figure, pd.DataFrame]:
    """One panel per measure, one row per outlet: the mean with its interval and count.

    Args:
        summary: :func:`corpus_tools.evaluate.summary.outlet_summary`.
        measures: (panel title, mean column, count column, too-few column) per panel; the
            interval columns are ``<mean>_ci_low``/``<mean>_ci_high`` or ``ci_low``/``ci_high``
            beside a ``sentiment_score`` column.
        label: The column naming each row.
        title: Figure title.

    Returns:
        The figure and the long table it draws.
    """
    rows = []
    for name, mean, count, few in measures:
        low = f"{mean}_ci_low" if f"{mean}_ci_low" in summary.columns else mean.replace("score", "ci_low")
        high = f"{mean}_ci_high" if f"{mean}_ci_high" in summary.columns else mean.replace("score", "ci_high")
        for _, r in summary.iterrows():
            rows.append({label: r[label], "measure": name, "mean": r[mean], "ci_low": r[low], "ci_high": r[high],
                         "n": int(r[count]) if pd.notna(r[count]) else 0, "too_few": bool(r[few])})
    data = pd.DataFrame(rows)
    names = list(summary[label])
    fig, axes = plt.subplots(1, len(measures), figsize=(3.3 * len(measures) + 2.2, 0.4 * len(names) + 1.8), sharey=True)
    for ax, (name, *_rest) in zip(np.atleast_1d(axes), measures):
        part = data[data["measure"] == name].reset_index(drop=True)
        ax.axvline(0, color="0.85", lw=0.8, zorder=0)
        for y, r in part.iterrows():
            if r.n == 0 or pd.isna(r["mean"]):
                ax.text(0, y, "none", ha="center", va="center", fontsize=7, color=GREY, style="italic")
                continue
            color = GREY if r.too_few else PALETTE[0]
            ax.plot([r.ci_low, r.ci_high], [y, y], color=color, lw=2, alpha=0.6)
            ax.plot(r["mean"], y, "o", color=color, mfc="white" if r.too_few else color, mew=1.5)
            ax.text(1.6, y, f"n={r.n}", ha="right", va="center", fontsize=7, color=color)
        ax.set_xlim(-1.25, 1.65)
        ax.set_xticks([-1, 0, 1])
        ax.set_title(name, fontsize=10)
    first = np.atleast_1d(axes)[0]
    first.set_yticks(range(len(names)), [_label(n) for n in names])
    first.invert_yaxis()
    fig.suptitle(title + " (hollow grey: too few to read)")
    return fig, data
