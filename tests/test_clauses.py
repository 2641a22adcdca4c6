"""The one clause splitter: offsets give back the text, each break kind cuts, options
choose the granularity, and a case's lexicon folder adds break words."""

from __future__ import annotations

import pytest

from corpus_tools.text.clauses import clause_breaks, clause_spans, clause_start, clause_words, opens_fronted_clause

COARSE = {"marks": ("stop", "dash"), "commas": "before_word", "words": "strong", "bare": "subject",
          "fronted": True, "conjunctions": "drop"}
COMMAS = {"marks": ("stop", "dash", "bracket"), "commas": "all", "words": "none"}

SENTENCES = [
    "The mayor resigned; the council stayed.",
    "If the harbour board was at fault, it never said so \u2014 but the ferry sank anyway.",
    "The captain (who had sailed for years) blamed the fog, although nobody believed him.",
    "Prices rose -- sharply -- while wages, which had stalled, fell.",
    "  Leading spaces, then a colon: and a quote \"here\" at the end.  ",
]


def _texts(text: str, **options) -> list[str]:
    return [text[a:b] for a, b in clause_spans(text, **options)]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("options", [{}, COARSE, COMMAS])
def test_clauses_and_breaks_tile_the_text(text, options):
    spans = clause_spans(text, **options)
    breaks = clause_breaks(text, **options)
    covered = [False] * len(text)
    for a, b in spans:
        for i in range(a, b):
            assert not covered[i]
            covered[i] = True
    for brk in breaks:
        for i in range(brk.start, brk.end):
            covered[i] = True
    assert all(covered)
    assert all(b > a for a, b in spans) and spans == sorted(spans)
    # no clause holds a break's own characters
    assert not any(a < brk.start < brk.end <= b and brk.end > brk.start for a, b in spans for brk in breaks
                   if text[brk.start:brk.end].strip() in {";", ":", "\u2014", "--", ","})


def test_offsets_into_a_longer_text():
    text = "Before. The mayor resigned; the council stayed. After."
    start, end = 8, 47
    spans = clause_spans(text, start=start, end=end)
    assert [text[a:b] for a, b in spans] == ["The mayor resigned", "the council stayed."]
    assert spans[0][0] == start and spans[-1][1] == end


@pytest.mark.parametrize(
    "text, kind, clauses",
    [
        ("The mayor resigned; the council stayed.", "stop", ["The mayor resigned", "the council stayed."]),
        ("One plan: build a bridge.", "stop", ["One plan", "build a bridge."]),
        ("The port closed \u2014 for a week.", "dash", ["The port closed", "for a week."]),
        ("The port closed - for a week.", "dash", ["The port closed", "for a week."]),
        ("The port closed -- for a week.", "dash", ["The port closed", "for a week."]),
        ("A well-run port closed.", None, ["A well-run port closed."]),
        ("The board (and its chair) quit.", "bracket", ["The board", "and its chair", "quit."]),
        ('He said "no" twice.', "quote", ["He said", "no", "twice."]),
        ("The plan was cheap, but it failed.", "contrast", ["The plan was cheap", "but it failed."]),
        ("She stayed because the pay was good.", "adverbial", ["She stayed", "because the pay was good."]),
        ("The ferry, which was old, sank.", "relative", ["The ferry", "which was old, sank."]),
        ("The ferry sank, and the crew swam.", "coordinator", ["The ferry sank", "and the crew swam."]),
        ("Cats and dogs swam.", None, ["Cats and dogs swam."]),
    ],
)
def test_each_break_kind_cuts_at_the_fine_granularity(text, kind, clauses):
    assert _texts(text) == clauses
    kinds = {b.kind for b in clause_breaks(text)}
    assert kinds == ({kind} if kind else set())


def test_a_sentence_initial_word_opens_no_second_clause():
    assert _texts("Although it rained, the race went on.") == ["Although it rained, the race went on."]


def test_commas_option():
    text = "The ferry, old and slow, sank, which nobody expected."
    assert _texts(text, **COMMAS) == ["The ferry", "old and slow", "sank", "which nobody expected."]
    assert _texts(text, commas="before_word") == ["The ferry, old and slow, sank", "which nobody expected."]
    assert _texts(text, commas="none", bare="none") == [text]


def test_words_option_strong_keeps_weak_words_in_the_clause():
    text = "The captain blamed the fog, which was thick, but the pilot blamed the captain."
    assert _texts(text, words="all") == ["The captain blamed the fog", "which was thick", "but the pilot blamed the captain."]
    assert _texts(text, words="strong") == ["The captain blamed the fog, which was thick", "but the pilot blamed the captain."]
    assert _texts(text, words="none", commas="before_word") == [text]


def test_bare_option_needs_a_subject_when_asked():
    with_subject = "The plan was cheap but it failed."
    without = "The plan was cheap but useless."
    assert _texts(with_subject, bare="any") == ["The plan was cheap", "but it failed."]
    assert _texts(without, bare="any") == ["The plan was cheap", "but useless."]
    assert _texts(with_subject, bare="subject") == ["The plan was cheap", "but it failed."]
    assert _texts(without, bare="subject") == [without]
    assert _texts(with_subject, bare="none") == [with_subject]


def test_conjunctions_option_drops_but_into_the_break():
    text = "The plan was cheap, but it failed."
    assert _texts(text, conjunctions="drop") == ["The plan was cheap", "it failed."]
    assert _texts(text, conjunctions="keep") == ["The plan was cheap", "but it failed."]
    # a subordinator is never dropped: its clause keeps it
    assert _texts("The plan failed, although it was cheap.", conjunctions="drop")[-1] == "although it was cheap."


def test_fronted_option_cuts_after_a_fronted_clause():
    text = "If the harbour board was at fault, it never said so."
    assert _texts(text, fronted=True, words="none") == ["If the harbour board was at fault", "it never said so."]
    assert _texts(text, fronted=False, words="none") == [text]
    # no fronted opener: the comma stays
    assert _texts("The board, it seems, was at fault.", fronted=True, words="none") == ["The board, it seems, was at fault."]


def test_clause_start_finds_the_last_break_before_a_position():
    text = "First part, second part; third part"
    pos = text.index("third") + 2
    assert clause_start(text, pos, **COMMAS) == text.index("third")
    pos = text.index("second") + 2
    assert clause_start(text, pos, **COMMAS) == text.index("second")
    assert clause_start(text, 3, start=0, **COMMAS) == 0


@pytest.mark.parametrize("option, value", [("commas", "some"), ("words", "weak"), ("bare", "never"),
                                           ("conjunctions", "skip"), ("marks", ("stop", "ellipsis"))])
def test_an_unknown_option_value_is_named(option, value):
    with pytest.raises(ValueError, match=option):
        clause_breaks("A text.", **{option: value})


def test_a_span_outside_the_text_is_an_error():
    with pytest.raises(ValueError, match="outside"):
        clause_spans("short", start=2, end=99)


def test_a_case_lexicon_folder_adds_break_words(tmp_path):
    text = "The ferry sank whereupon the crew swam."
    assert _texts(text) == [text]
    (tmp_path / "clause_breaks.txt").write_text("# my own\nadverbial\twhereupon\tb\n", encoding="utf-8")
    assert _texts(text, lexicon=tmp_path) == ["The ferry sank", "whereupon the crew swam."]
    assert "whereupon" in clause_words(tmp_path).of_kind("adverbial")


@pytest.mark.parametrize("text, fronted", [
    ("To the extent voters believe it, the mayor is safe.", True),
    ("Should the board resign, the port will close.", True),
    ('"If it rains, we stay."', True),
    ("Whereas the crew stayed, the captain left.", True),
    ("The board should resign.", False),
    ("Iffy plans, the mayor said, fail.", False),
])
def test_opens_fronted_clause(text, fronted):
    assert opens_fronted_clause(text) is fronted


def test_a_fronted_only_opener_never_cuts_inside_a_sentence():
    text = "The board, should it resign, would close the port."
    assert _texts(text) == [text]
    assert _texts("Should the board resign, the port will close.", fronted=True, words="none") == [
        "Should the board resign", "the port will close."]


def test_last_subordinator():
    from corpus_tools.text.clauses import last_subordinator
    text = "Voters voiced suspicions that the mayor, who lied, was weak"
    assert last_subordinator(text, 0, len(text)) == text.index("who")
    assert last_subordinator(text, 0, text.index("who")) == text.index("that")
    assert last_subordinator("The mayor was weak", 0, 18) is None
    assert last_subordinator("The board and the mayor were weak", 0, 33) is None
