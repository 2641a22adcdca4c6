"""Figures are written as PNG, SVG and CSV, byte-identical when re-run."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import corpus_tools as ct


def _draw_and_save(directory):
    ct.use_style()
    data = pd.DataFrame({"unit": ["a", "b", "c"], "words": [120, 340, 95]})
    fig, ax = plt.subplots()
    ax.bar(data["unit"], data["words"])
    ax.set_title("Words per unit")
    ax.set_ylabel("words")
    paths = ct.save_figure(fig, "demo", data, directory=directory)
    plt.close(fig)
    return {ext: path.read_bytes() for ext, path in paths.items()}


def test_save_figure_is_byte_identical_on_rerun(tmp_path):
    first = _draw_and_save(tmp_path)
    second = _draw_and_save(tmp_path)
    assert set(first) == {"png", "svg", "csv"}
    assert first == second
    assert b"<dc:date>" not in first["svg"]
    assert first["csv"].decode() == "unit,words\na,120\nb,340\nc,95\n"


def test_untitled_figure_is_refused(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    with pytest.raises(ValueError, match="has no title"):
        ct.save_figure(fig, "untitled", pd.DataFrame(), directory=tmp_path)
    plt.close(fig)
