"""find_mentions and quotes build their tables at once exactly as stacking one table per unit would."""

from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.extract import mentions as mentions_module
from corpus_tools.extract import speech
from corpus_tools.io.case import resolve_case

ODD = pd.DataFrame({
    "unit_id": ["empty", "no-actor", "long-quote"],
    "text": ["", "Nothing to see here at all.", '"This is a long quote that nobody is said to have spoken," and so on.'],
})


def _same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want)
    for column in got.columns:  # None and NaN are both missing to assert_frame_equal: compare the values' types too
        assert [type(v) for v in got[column].tolist()] == [type(v) for v in want[column].tolist()], column


@pytest.fixture(scope="module")
def tables() -> list[pd.DataFrame]:
    corpus = ct.load_corpus()[["unit_id", "text"]]
    spoken = pd.DataFrame({"unit_id": ["spoken"], "text": ['"We will rebuild the harbour wall this year," Jane Dalby told reporters.']})
    return [corpus, pd.concat([ODD, corpus.iloc[:3]], ignore_index=True), ODD, ODD.iloc[1:2], spoken]


def test_mentions_match_the_per_unit_tables(tables):
    for units in tables:
        sents = ct.sentences(units)
        _same(ct.find_mentions(units, sentence_table=sents), mentions_module._stacked_frames(units, sents, None, None, True))


def test_quotes_match_the_per_unit_tables(tables):
    case = resolve_case(None)
    dtypes = set()
    for units in tables:
        sents = ct.sentences(units)
        found = ct.find_mentions(units, sentence_table=sents)
        for given in (found, None):
            got = ct.quotes(units, sentence_table=sents, mentions=given)
            _same(got, speech._stacked(units, case, sents, given))
            dtypes.add(str(got["speaker"].dtype))
    assert dtypes == {"object", "str"}  # both ways pandas types a speaker column occur
