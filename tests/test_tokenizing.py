"""Sentences and tokens keep their offsets, handle abbreviations, and need no nltk_data."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct

TEXT_CHARS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list(".?!\"'’“”  \n-—")),
    max_size=300,
)


def _one_unit(text: str) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": ["u"], "text": [text]})


@settings(max_examples=300, deadline=None)
@given(TEXT_CHARS)
def test_offsets_give_back_every_sentence_and_token(text):
    units = _one_unit(text)
    sents = ct.sentences(units)
    toks = ct.tokens(units)
    for row in sents.itertuples():
        assert text[row.start : row.end] == row.text
        assert row.text.strip() == row.text != ""
    for row in toks.itertuples():
        assert text[row.start : row.end] == row.token != ""
    # Tokens are ordered, do not overlap and sit inside their sentence.
    ends = sents.set_index("sent_id")
    previous_end = 0
    for row in toks.itertuples():
        assert row.start >= previous_end
        assert ends.loc[row.sent_id, "start"] <= row.start and row.end <= ends.loc[row.sent_id, "end"]
        previous_end = row.end
    # No word character is lost.
    covered = set()
    for row in toks.itertuples():
        covered.update(range(row.start, row.end))
    assert all(i in covered for i, ch in enumerate(text) if ch.isalnum())


def _sentence_texts(text: str) -> list[str]:
    return ct.sentences(_one_unit(text))["text"].tolist()


def test_no_sentence_ends_inside_abbreviations():
    text = ("Militiamen targeted the U.S. Embassy in Baghdad. Mr. Khazali spoke on Nov. 6, "
            "days after the Oct. 10 vote. Andrew L. Peek and C. Anthony Pfaff reacted.")
    assert _sentence_texts(text) == [
        "Militiamen targeted the U.S. Embassy in Baghdad.",
        "Mr. Khazali spoke on Nov. 6, days after the Oct. 10 vote.",
        "Andrew L. Peek and C. Anthony Pfaff reacted.",
    ]


def test_corpus_sentences_around_abbreviations(sents):
    for s in sents["text"]:
        assert not s.endswith(("U.S.", "Mr.", "Nov.", "Oct.")), s
        assert not s.startswith(("Embassy", "Kadhimi’s residence")), s
    assert "“The blood of the martyrs will judge you,” Mr. Khazali repeatedly declared in reference to Mr. Kadhimi." in set(sents["text"])


def test_headings_are_sentences_of_their_own(sents):
    rubin = sents[sents.unit_id == "000-rubin"]["text"].tolist()
    assert "The Disappointing Kadhimi" in rubin
    assert "Can Kadhimi Reinvent Himself?" in rubin


def test_curly_apostrophes_tokenize_like_straight_ones():
    curly = ct.tokens(_one_unit("Iran’s proxies didn’t “win”."))
    straight = ct.tokens(_one_unit("Iran's proxies didn't \"win\"."))
    assert curly[["start", "end"]].equals(straight[["start", "end"]])
    assert curly["token"].tolist() == ["Iran", "’s", "proxies", "did", "n’t", "“", "win", "”", "."]


def test_sentence_and_token_keys_join(sents, toks):
    joined = toks.merge(sents, on=["unit_id", "sent_id"], suffixes=("", "_sent"))
    assert len(joined) == len(toks)
    assert ((joined.start >= joined.start_sent) & (joined.end <= joined.end_sent)).all()
    assert toks.groupby("unit_id")["tok_id"].apply(lambda s: s.tolist() == list(range(len(s)))).all()


_SNAPSHOT = """
import json, corpus_tools as ct
units = ct.load_corpus({corpus!r})
s, t = ct.sentences(units), ct.tokens(units)
print(json.dumps([s[["start", "end"]].values.tolist(), t[["start", "end"]].values.tolist()]))
"""


def test_same_output_without_nltk_data(tmp_path):
    from conftest import CORPUS

    def run(env_extra):
        env = {k: v for k, v in os.environ.items() if k != "NLTK_DATA"} | env_extra
        out = subprocess.run([sys.executable, "-c", _SNAPSHOT.format(corpus=str(CORPUS))],
                             env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
        return json.loads(out.stdout)

    empty = tmp_path / "empty_nltk_data"
    empty.mkdir()
    assert run({"NLTK_DATA": str(empty), "HOME": str(tmp_path)}) == run({})


def test_tokens_reuse_a_sentence_table(units, sents, toks):
    assert ct.tokens(units, sentence_table=sents).equals(toks)
