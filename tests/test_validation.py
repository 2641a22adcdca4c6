"""Every public function says what is wrong with its arguments, at the door."""

from __future__ import annotations

import pandas as pd
import pytest

import corpus_tools as ct

UNITS = pd.DataFrame({"unit_id": ["a", "b"], "text": ["The minister spoke.", "Nobody came."]})
MEASURES = {
    "sentences": lambda u: ct.sentences(u),
    "tokens": lambda u: ct.tokens(u),
    "find_mentions": lambda u: ct.find_mentions(u),
    "quotes": lambda u: ct.quotes(u),
    "sentiment_toward": lambda u: ct.sentiment_toward(u),
    "blame_claims": lambda u: ct.blame_claims(u),
    "stance_statements": lambda u: ct.stance_statements(u),
}


@pytest.mark.parametrize("name", sorted(MEASURES))
@pytest.mark.parametrize(
    "units, error, message",
    [
        ("not a table", TypeError, "units must be a pandas DataFrame"),
        (UNITS.drop(columns="text"), ValueError, "no column(s) ['text']"),
        (UNITS.assign(unit_id=["a", "a"]), ValueError, "unit_id must be unique; repeated: ['a']"),
        (UNITS.assign(unit_id=["a", None]), ValueError, "missing unit_id"),
        (UNITS.assign(unit_id=["a", 7]), TypeError, "unit_id must be a non-empty string, not 7"),
        (UNITS.assign(text=["ok", float("nan")]), TypeError, "the text of unit 'b' must be a string, not float"),
    ],
)
def test_bad_units_are_named_at_the_door(name, units, error, message):
    with pytest.raises(error) as err:
        MEASURES[name](units)
    assert str(err.value).startswith(f"{name}: ") and message in str(err.value)


@pytest.mark.parametrize(
    "text, span, error, message",
    [
        (b"bytes", (0, 1), TypeError, "text must be a str, not bytes"),
        ("Some text", (0, "3"), TypeError, "span must be a (start, end) tuple of two ints"),
        ("Some text", [0, 3], TypeError, "span must be a (start, end) tuple of two ints"),
        ("Some text", (0,), TypeError, "span must be a (start, end) tuple of two ints"),
        ("Some text", (3, 3), ValueError, "empty or outside the text"),
        ("Some text", (5, 40), ValueError, "empty or outside the text (length 9)"),
        ("Some text", (4, 5), ValueError, "only whitespace"),
    ],
)
def test_target_sentiment_checks_text_and_span(text, span, error, message):
    with pytest.raises(error, match=r"^target_sentiment: ") as err:
        ct.target_sentiment(text, span)
    assert message in str(err.value)


def test_a_title_never_joins_a_name_across_a_sentence_end():
    units = pd.DataFrame({"unit_id": ["u"], "text": ["We thank the President. Biden spoke today about it."]})
    mentions = ct.find_mentions(units)
    sents = ct.sentences(units)
    for row in mentions.itertuples():
        sentence = sents[(sents.unit_id == row.unit_id) & (sents.sent_id == row.sent_id)].iloc[0]
        assert sentence.start <= row.start and row.end <= sentence.end, row.surface
    ct.sentiment_toward(units, "biden")  # scores every mention within its own sentence


def test_outlet_profile_does_not_depend_on_row_order(units):
    forward = ct.sentiment_profile(units, by="outlet").sort_values("outlet", ignore_index=True)
    backward = ct.sentiment_profile(units.iloc[::-1], by="outlet").sort_values("outlet", ignore_index=True)
    pd.testing.assert_frame_equal(forward, backward)
