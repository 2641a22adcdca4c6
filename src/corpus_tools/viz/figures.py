"""One way to draw and save figures: readable, colour-blind safe, byte-identical on re-runs."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

from corpus_tools.io.corpus import CorpusError, find_corpus_dir

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# form of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
SVG_HASH_SALT = "corpus_tools"


def use_style() -> None:
    """Set matplotlib defaults for every figure: palette, sizes, fixed SVG ids."""
    matplotlib.rcParams.update({
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "figure.figsize": (8, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.labelsize": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "path",
    })


def outlet_colors(outlets: list[str]) -> dict[str, str]:
    """Map each outlet (sorted) to a palette colour, the same in every notebook."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(set(outlets)))}


FIGURES_ENV = "CORPUS_TOOLS_FIGURES"


def figures_dir(directory: str | os.PathLike | None = None) -> Path:
    """The folder figures go to: ``directory``, else ``$CORPUS_TOOLS_FIGURES``, else
    ``figures/`` beside the nearest corpus."""
    if directory is not None:
        return Path(directory)
    if os.environ.get(FIGURES_ENV):
        return Path(os.environ[FIGURES_ENV])
    try:
        return find_corpus_dir().parent / "figures"
    except CorpusError:
        return Path.cwd() / "figures"


def save_figure(
    fig: plt.Figure,
    name: str,
    data: pd.DataFrame,
    *,
    directory: str | os.PathLike | None = None,
) -> dict[str, Path]:
    """Write ``fig`` as PNG and SVG and ``data`` (the plotted numbers) as CSV.

    Metadata that changes between runs (dates, software versions) is left out and SVG
    ids are salted with a constant, so re-running writes the same bytes.

    Args:
        fig: The figure; it must carry a title (suptitle or axes title).
        name: File stem, e.g. ``"00_words_per_unit"``.
        data: The numbers the figure plots, saved beside it for readers to check.
        directory: Where to write; default ``figures/`` beside the corpus.

    Returns:
        The paths written, keyed by ``"png"``, ``"svg"``, ``"csv"``.
    """
    if not _has_title(fig):
        raise ValueError(f"figure {name!r} has no title: set one so readers know what it shows")
    out = figures_dir(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = {ext: out / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
        fig.savefig(paths["png"], format="png", metadata={"Software": None})
        fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=False, lineterminator="\n", float_format="%.6g")
    return paths


def _has_title(fig: plt.Figure) -> bool:
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        return True
    return any(ax.get_title() for ax in fig.axes)
