"""Tests for corpus_tools.extract.speech: direct quotes (straight and curly, across sentences and
paragraphs), reported speech, and speaker attribution, on crafted sentences and the corpus."""

from __future__ import annotations

import pytest

from corpus_tools.extract.speech import QUOTE_COLUMNS, direct_quote_spans, find_quotes, quotes, speaker_of_span


def rows(text: str) -> list[tuple[str, str | None, str]]:
    """(kind, speaker, quoted words) for every quote found in ``text``."""
    found = find_quotes(text)
    return [(r.kind, r.speaker, text[r.start : r.end]) for r in found.itertuples()]


# ------------------------------------------------------------------ direct quotes


@pytest.mark.parametrize("open_mark, close_mark", [('"', '"'), ("\u201c", "\u201d")], ids=["straight", "curly"])
def test_direct_quote_with_postposed_attribution(open_mark, close_mark):
    text = f"{open_mark}They wanted to send a message,{close_mark} Kyle Orton told reporters."
    assert rows(text) == [("direct", "Orton", "They wanted to send a message,")]


@pytest.mark.parametrize("open_mark, close_mark", [('"', '"'), ("\u201c", "\u201d")], ids=["straight", "curly"])
def test_inverted_attribution_and_pronoun_speaker(open_mark, close_mark):
    text = (
        f"{open_mark}It is clear who did this,{close_mark} said Nicholas Heras. {open_mark}Nobody else had the drones,{close_mark} he said."
    )
    assert [(k, s) for k, s, _ in rows(text)] == [("direct", "Heras"), ("direct", "Heras")]


def test_quote_spanning_sentences_is_one_quote():
    text = '"Iran knew. It could have stopped it. It did not," Heras said.'
    assert rows(text) == [("direct", "Heras", "Iran knew. It could have stopped it. It did not,")]


def test_quote_continuing_into_next_paragraph_news_style():
    # the first paragraph opens a quote and does not close it; the next reopens it
    text = (
        "\u201cAl-Kadhimi's next move is fraught with peril,\u201d said Heras. \u201cHe can escalate.\n\n"
        "\u201cBut if he backs down, he sets a precedent.\n\n"
        "\u201cTherefore, he will choose police action.\u201d\n\n"
        "The prime minister has not commented."
    )
    found = rows(text)
    assert [s for _, s, _ in found] == ["Heras", "Heras"]
    long_quote = found[1][2]
    assert long_quote.startswith("He can escalate.") and long_quote.endswith("police action.")
    assert "\n\n" in long_quote and "has not commented" not in long_quote


def test_unclosed_quote_without_continuation_ends_with_its_paragraph():
    text = '"This is an unclosed quotation that goes on for a while\n\nThe next paragraph is the author again.'
    spans = direct_quote_spans(text)
    assert len(spans) == 1
    _, start, end = spans[0]
    assert text[start:end] == "This is an unclosed quotation that goes on for a while"


def test_standalone_quote_paragraph_keeps_the_previous_speaker():
    text = (
        "\u201cThe militias work through splinter groups,\u201d Kyle Orton told Arab News.\n\n"
        "\u201cIt isn't clear whether these groups actually exist beyond social media.\u201d"
    )
    assert [s for _, s, _ in rows(text)] == ["Orton", "Orton"]


def test_scare_quotes_are_not_speech():
    text = 'Drones struck the "green zone" on Sunday, ending "forever wars" talk.'
    assert rows(text) == []


def test_attribution_before_the_quote_and_appositive():
    text = "Jane Smith, a researcher at the Newlines Institute, told Arab News: \u201cThe militias are behind this.\u201d"
    direct = [r for r in rows(text) if r[0] == "direct"]
    assert direct == [("direct", "Smith", "The militias are behind this.")]


def test_speaker_that_is_a_gazetteer_actor_gets_its_id():
    text = (
        "Saeed Khatibzadeh, the spokesman of Iran's Foreign Ministry, condemned the attack and warned of \u201csecurity conspiracies.\u201d"
    )
    speakers = {s for _, s, _ in rows(text)}
    assert speakers == {"khatibzadeh"}


# ------------------------------------------------------------------ reported speech


@pytest.mark.parametrize(
    "text, speaker, words",
    [
        ("Kyle Orton said the militias did it.", "Orton", "the militias did it."),
        ("Kyle Orton, an independent analyst, believes that the militias did it.", "Orton", "the militias did it."),
        ("The drones were launched from the east, officials said.", "officials", "The drones were launched from the east"),
        ("According to Reuters, three drones struck the house.", "Reuters", "three drones struck the house."),
        ("Iraqi officials say the attack was an assassination attempt.", "iraqi_government", "the attack was an assassination attempt."),
    ],
)
def test_reported_speech(text, speaker, words):
    assert ("reported", speaker, words) in rows(text)


def test_verbs_of_action_are_not_speech():
    assert rows("The militias responded by throwing drones at the houses.") == []
    assert rows("History suggests that a democracy cannot coexist with armed movements.") == []


def test_speaker_of_span_prefers_the_innermost_quote():
    text = 'Heras said that the militias had "a clear motive to strike," and left.'
    found = find_quotes(text)
    pos = text.index("clear")
    assert speaker_of_span(found, pos, pos + 5) == ("Heras", "direct")
    assert speaker_of_span(found, 0, 5) is None


# ------------------------------------------------------------------ the corpus


@pytest.fixture(scope="module")
def corpus_quotes(units, sents):
    return quotes(units, sentence_table=sents)


def test_columns_and_offsets(corpus_quotes, units):
    assert list(corpus_quotes.columns) == ["unit_id", *QUOTE_COLUMNS]
    texts = units.set_index("unit_id")["text"]
    for r in corpus_quotes.itertuples():
        assert 0 <= r.start < r.end <= len(texts[r.unit_id])
        if r.speaker_start >= 0:
            assert 0 <= r.speaker_start < r.speaker_end <= len(texts[r.unit_id])
    assert set(corpus_quotes["kind"]) <= {"direct", "reported"}


def _speaker_of(corpus_quotes, units, unit_id, words):
    text = units.set_index("unit_id").loc[unit_id, "text"]
    pos = text.index(words)
    part = corpus_quotes[corpus_quotes["unit_id"] == unit_id]
    return speaker_of_span(part, pos, pos + len(words))


@pytest.mark.parametrize(
    "unit_id, words, speaker",
    [
        ("004-report", "Iran’s militia network, especially in Iraq", "Orton"),
        ("004-report", "It isn’t clear whether these groups actually exist", "Orton"),
        ("004-report", "does not proceed if Tehran does not want it to", "Orton"),
        ("004-report", "Again, exactly how this came about", "Orton"),
        ("004-report", "the IRGC agents who did this", "Orton"),
        ("004-report", "This attack likely occurred with the knowledge of Iran", "Heras"),
        ("004-report", "But if he backs down and does not respond", "Heras"),
        ("004-report", "Al-Kadhimi is most likely to go the route of police action", "Heras"),
        ("001-abdul-hussain", "security conspiracies", "khatibzadeh"),
        ("001-abdul-hussain", "a committee should be formed to investigate the attack", "khazali"),
        ("001-abdul-hussain", "the enemies of Iraq", "maliki"),
        ("001-spyer", "The blood of the martyrs will judge you", "khazali"),
        ("001-knights", "burn what remained of the stability of Iraq", "askari"),
        ("001-intro", "the apparently weak response from Washington", "Abdul-Hussain"),
        ("002-intro", "don’t build homelands", "kadhimi"),
    ],
)
def test_corpus_speakers(corpus_quotes, units, unit_id, words, speaker):
    assert _speaker_of(corpus_quotes, units, unit_id, words)[0] == speaker


def test_author_text_has_no_speaker(corpus_quotes, units):
    assert _speaker_of(corpus_quotes, units, "001-spyer", "But the affiliation of the perpetrators is not in doubt") is None
    assert _speaker_of(corpus_quotes, units, "004-report", "Topping the list of likely conspirators") is None
