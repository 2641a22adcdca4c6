"""Tests for the development-set scoring of blame claims: the texts are checked before
use, and reference claims are matched one by one by the position of their evidence."""

from __future__ import annotations

import hashlib
import importlib.util

import pandas as pd
import pytest
from conftest import ROOT

from corpus_tools.evaluate.blame_eval import claim_matches, evidence_span
from corpus_tools.measure.blame import CLAIM_COLUMNS


@pytest.fixture(scope="module")
def score_blame():
    spec = importlib.util.spec_from_file_location("score_blame", ROOT / "dev" / "devset" / "score_blame.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _articles(text: str) -> pd.DataFrame:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return pd.DataFrame({"doc_id": ["ev-01", "ev-02"], "event": ["ev", "ev"], "sha256": [sha, sha]})


def test_a_missing_text_is_named(score_blame, tmp_path):
    (tmp_path / "ev-01.txt").write_text("Some text.", encoding="utf-8")
    with pytest.raises(score_blame.DevsetError, match=r"ev-02\.txt"):
        score_blame.load_texts(_articles("Some text."), texts_dir=tmp_path, event="ev")


def test_a_changed_text_is_named(score_blame, tmp_path):
    for doc in ("ev-01", "ev-02"):
        (tmp_path / f"{doc}.txt").write_text("Some text.", encoding="utf-8")
    (tmp_path / "ev-02.txt").write_text("Some other text.", encoding="utf-8")
    with pytest.raises(score_blame.DevsetError, match=r"ev-02\.txt: sha256"):
        score_blame.load_texts(_articles("Some text."), texts_dir=tmp_path, event="ev")


def test_texts_that_match_become_units(score_blame, tmp_path):
    for doc in ("ev-01", "ev-02"):
        (tmp_path / f"{doc}.txt").write_text("Some text.", encoding="utf-8")
    units = score_blame.load_texts(_articles("Some text."), texts_dir=tmp_path, event="ev")
    assert units.to_dict("list") == {"unit_id": ["ev-01", "ev-02"], "text": ["Some text.", "Some text."]}


def test_evidence_is_found_despite_curly_quotes_and_spacing():
    text = "First sentence. Then \u201cX did it,\u201d  she said."
    assert evidence_span(text, '"X did it," she said') == (21, 42)
    assert evidence_span(text, "not there") is None


def test_claims_match_the_reference_by_group_and_overlapping_sentence():
    text = "Alpha blamed Beta. Gamma denied it. Later, nothing."
    units = pd.DataFrame({"unit_id": ["u"], "text": [text]})
    sents = pd.DataFrame({"unit_id": ["u"] * 3, "sent_id": [0, 1, 2], "start": [0, 19, 36], "end": [18, 35, 51]})
    claims = pd.DataFrame([("u", 0, 13, 17, "beta", "beta", "perpetrator", "asserted", "alpha", "x", "")], columns=CLAIM_COLUMNS)
    reference = pd.DataFrame(
        [
            ("u", "beta", "perpetrator", "asserted", "alpha", "Alpha blamed Beta"),  # same group, same sentence
            ("u", "beta", "perpetrator", "denied", "gamma", "Gamma denied it"),  # same group, other sentence
            ("u", "gamma", "perpetrator", "asserted", "alpha", "Alpha blamed Beta"),  # other group
            ("u", "none", "", "", "", ""),
        ],
        columns=["unit_id", "group", "role", "certainty", "voice", "evidence"],
    )
    matched = claim_matches(claims, sents, reference, units)
    assert matched["matched"].tolist() == [True, False, False]
    assert matched["found"].tolist() == ["perpetrator/asserted/alpha", "", ""]
