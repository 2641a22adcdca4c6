"""Figures place every piece and show the evidence behind each estimate."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

import corpus_tools as ct
from corpus_tools.viz import panels, plots


def test_stance_panels_place_every_piece_and_flag_thin_evidence(units):
    case = ct.load_case("corpus")
    profile = pd.DataFrame({
        "unit_id": ["a", "b", "c"],
        "confrontation": [1.0, -1.0, None], "kadhimi": [0.5, None, 1.0], "us_response": [None, None, -1.0],
        "n_confrontation": [4, 1, 0], "n_kadhimi": [6, 0, 2], "n_us_response": [0, 0, 5],
    })
    fig, data = panels.stance_panels(profile, dimensions=case.stance_dimensions)
    plt.close(fig)
    assert len(data) == 3 * 3
    status = data.set_index(["unit_id", "dimension"])["status"]
    assert status[("a", "confrontation")] == "shown"
    assert status[("b", "confrontation")] == "too few"
    assert status[("c", "confrontation")] == "no statement"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts.count("no statement") == 4 and any("(too few)" in t for t in texts)


def test_blame_shares_are_per_piece_and_no_claim_is_not_zero():
    units = pd.DataFrame({"unit_id": ["x", "y", "z"]})
    claims = pd.DataFrame({
        "unit_id": ["x", "x", "x", "y"], "group": ["iran", "iran", "militias", "militias"],
        "role": ["sponsor", "perpetrator", "perpetrator", "perpetrator"],
    })
    fig, data = panels.blame_shares(claims, units)
    plt.close(fig)
    x = data[data.unit_id == "x"].set_index(["group", "role"])
    assert x.loc[("iran", "sponsor"), "share"] == 1 / 3 and x.loc[("militias", "perpetrator"), "n"] == 1
    assert data[data.unit_id == "y"]["share"].sum() == 1.0
    assert data[data.unit_id == "z"]["share"].isna().all()
    assert any(t.get_text() == "no claim" for ax in fig.axes for t in ax.texts)


def test_interval_dots_grey_out_too_few():
    table = pd.DataFrame({"unit_id": ["a", "b"], "n_sentences": [12, 2], "score": [0.1, -0.4],
                          "ci_low": [0.0, -0.9], "ci_high": [0.2, 0.1], "too_few": [False, True]})
    fig, _ = plots.interval_dots(table, label="unit_id", title="t", xlabel="x", n_column="n_sentences")
    plt.close(fig)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "  n=12" in texts and "  n=2 (too few)" in texts


def test_outlet_summary_puts_the_three_questions_side_by_side_with_counts():
    from pathlib import Path

    from corpus_tools.evaluate.summary import outlet_summary

    folder = Path(__file__).resolve().parent / "data" / "case_ferry"
    case, units = ct.load_case(folder), ct.load_corpus(folder)
    tables = ct.measure_corpus(units, case=case)
    summary = outlet_summary(units, sentiment=tables["sentiment"], statements=tables["stance"], claims=tables["blame"], case=case)
    assert list(summary.outlet) == sorted(units.outlet.unique())
    assert summary.n_units.sum() == len(units)
    own = tables["blame"][tables["blame"].voice == "author"]
    assert summary.blame_n_claims.sum() == len(own)
    for dim in case.stance_dimensions:
        assert (summary[f"{dim}_too_few"] == (summary[f"{dim}_n"] < 3)).all()
    fig, data = panels.outlet_panels(summary, measures=[("sentiment", "sentiment_score", "sentiment_n_sentences", "sentiment_too_few")])
    plt.close(fig)
    assert len(data) == len(summary)
