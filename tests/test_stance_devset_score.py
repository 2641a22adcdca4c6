"""The development-set scorer (dev/devset/score_stance.py) on small invented inputs."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "dev" / "devset" / "score_stance.py"


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("score_stance", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_load_texts_checks_every_file(scorer, tmp_path):
    good, bad = "Calm returned to the port.", "The port was closed."
    (tmp_path / "ev-01.txt").write_text(good, encoding="utf-8")
    (tmp_path / "ev-02.txt").write_text(bad, encoding="utf-8")
    digest = hashlib.sha256(good.encode()).hexdigest()
    articles = pd.DataFrame({"doc_id": ["ev-01"], "sha256": [digest]})
    assert scorer.load_texts(articles, texts_dir=tmp_path).text.tolist() == [good]
    wrong = pd.DataFrame({"doc_id": ["ev-01", "ev-02"], "sha256": [digest, digest]})
    with pytest.raises(scorer.DevsetError, match=r"ev-02\.txt: sha256"):
        scorer.load_texts(wrong, texts_dir=tmp_path)
    missing = pd.DataFrame({"doc_id": ["ev-03"], "sha256": [digest]})
    with pytest.raises(scorer.DevsetError, match=r"ev-03\.txt: missing"):
        scorer.load_texts(missing, texts_dir=tmp_path)


def test_evidence_span_tolerates_quote_style_and_spacing(scorer):
    text = "He said the claims were \u201ca pretext\u201d for\nmore strikes."
    assert scorer.evidence_span(text, "claims were") == (12, 23)
    start, end = scorer.evidence_span(text, 'were "a pretext" for more strikes')
    assert text[start:end].startswith("were") and text[start:end].endswith("strikes")
    assert scorer.evidence_span(text, "nothing like this") is None


def test_scores_count_matches_by_doc_dimension_direction_and_sentence(scorer):
    texts = {"d1": "First sentence. Second sentence here.", "d2": "Only one."}
    reference = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2"], "dimension": ["confrontation", "response", "confrontation"],
        "direction": [1, -1, -1], "voice": ["author", "X", "author"],
        "evidence": ["Second sentence", "First sentence", "Only one"],
    })
    found = pd.DataFrame({
        "unit_id": ["d1", "d1", "d2"], "ref_dimension": ["confrontation", "response", "confrontation"],
        "direction": [1, -1, 1], "voice": ["author", "author", "author"],
        "sent_start": [16, 16, 0], "sent_end": [37, 37, 9],
    })
    rows = {(r["level"], r["voices"]): r for r in scorer.score(reference, found, texts, event="e")}
    statement_all = rows[("statement", "all")]
    # d1 confrontation matches; d1 response is in the wrong sentence; d2 has the wrong direction
    assert (statement_all["tp_reference"], statement_all["n_reference"], statement_all["tp_found"]) == (1, 3, 1)
    assert rows[("article_presence", "all")]["tp_reference"] == 3
    assert rows[("article_direction", "all")]["tp_reference"] == 2
    author = rows[("statement", "author")]
    assert (author["n_reference"], author["n_found"], author["tp_reference"]) == (2, 3, 1)
