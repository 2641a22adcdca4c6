"""The one pronoun resolver: speaker pronouns for speech, actor pronouns and role nouns
for blame (invented sentences)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from corpus_tools.extract.pronouns import bind_group_pronouns, resolve_speaker_pronouns
from corpus_tools.text.clauses import clause_spans


@dataclass
class _Sp:
    start: int
    end: int
    kind: str
    label: str | None


def _pronoun(text: str, word: str) -> _Sp:
    start = text.index(word)
    return _Sp(start, start + len(word.split()[0]), "pronoun", None)


def _person(text: str, name: str) -> dict[tuple[int, int], str]:
    return {(text.index(name), text.index(name) + len(name)): name}


def _spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split(". "):
        end = pos + len(part) + (1 if pos + len(part) < len(text) else 0)
        out.append((pos, min(end, len(text))))
        pos = end + 1
    return out


def _resolve(text: str, speakers: list[_Sp], persons: dict[tuple[int, int], str] | None = None) -> None:
    spans = _spans(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        return next((a, b) for a, b in spans if a <= pos <= b)

    def previous(pos: int) -> tuple[int, int]:
        k = next(i for i, (a, _) in enumerate(spans) if a == pos)
        return spans[k - 1] if k else (0, 0)

    def person_before(lo: int, hi: int) -> str | None:
        found = sorted((a, name) for (a, b), name in (persons or {}).items() if lo <= a < hi)
        return found[0][1] if found else None

    resolve_speaker_pronouns(text, speakers, sentence_of=sentence_of, previous_sentence=previous,
                             person_before=person_before)


@pytest.mark.parametrize(
    "text, named, persons, expected",
    [
        # a person named before it in its own sentence
        ("Mr Okafor met the pilots and he said the engine failed.", [], ["Okafor"], "Okafor"),
        # else the most recent named speaker
        ("Dlamini said the port was closed. Later he said it reopened.", ["Dlamini"], [], "Dlamini"),
        # else the first person named in the previous sentence
        ("The clerk Ruiz filed the form. Later he said it was lost.", [], ["Ruiz"], "Ruiz"),
        # the person in its own sentence wins over an earlier speaker
        ("Dlamini spoke first. Then Mr Ruiz came and he said no.", ["Dlamini"], ["Ruiz"], "Ruiz"),
        # nothing before it
        ("Later he said the road was shut.", [], [], None),
    ],
)
def test_he_speaks_for_a_person_before_him(text, named, persons, expected):
    speakers = [_Sp(text.index(n), text.index(n) + len(n), "name", n) for n in named]
    he = _pronoun(text, "he said")
    found = {}
    for name in persons:
        found.update(_person(text, name))
    _resolve(text, [*speakers, he], found)
    assert he.label == expected


def test_they_speaks_for_the_most_recent_speaker_not_a_person_before_it():
    text = "Unions said the pay was low, Ruiz wrote. They said more."
    unions = _Sp(0, 6, "noun", "unions")
    ruiz = _Sp(text.index("Ruiz"), text.index("Ruiz") + 4, "name", "Ruiz")
    they = _pronoun(text, "They")
    _resolve(text, [unions, ruiz, they])
    assert they.label == "Ruiz"
    text = "Unions said the pay was low to Ruiz. They said more."
    unions = _Sp(0, 6, "noun", "unions")
    they = _pronoun(text, "They")
    _resolve(text, [unions, they], _person(text, "Ruiz"))
    assert they.label == "unions"


def test_clause_initial_they_binds_to_the_first_actor_of_the_previous_sentence():
    text = "The ferry sank, but they blamed the weather."
    clauses = clause_spans(text, words="strong", bare="subject", conjunctions="drop")
    binds = bind_group_pronouns(text, clauses, previous=["port_board", "crew"])
    assert [(text[a:b], who) for a, b, who in binds] == [("they", "port_board")]
    # no previous sentence in the paragraph: nothing is bound
    assert bind_group_pronouns(text, clauses, previous=()) == []
    # "they" inside a clause (not opening it) is not bound
    inner = "The ferry sank and the crew said they tried."
    assert bind_group_pronouns(inner, clause_spans(inner, words="none"), previous=["port_board"]) == []


def test_hold_them_responsible_binds_to_the_last_actor_before_it():
    text = "Critics of the owners and the insurers hold them responsible."
    before = [(text.index("owners") + 6, "owners"), (text.index("insurers") + 8, "insurers")]
    binds = bind_group_pronouns(text, [(0, len(text))], before=before)
    assert [(text[a:b], who) for a, b, who in binds] == [("them", "insurers")]
    assert bind_group_pronouns(text, [(0, len(text))], before=[]) == []


def test_their_patron_binds_to_the_recent_sponsor():
    text = "The gang acted with the approval of their patron."
    binds = bind_group_pronouns(text, [(0, len(text))], sponsor="shipping_cartel")
    assert [(text[a:b], who) for a, b, who in binds] == [("patron", "shipping_cartel")]
    assert bind_group_pronouns(text, [(0, len(text))], sponsor=None) == []


@pytest.mark.parametrize("text, refers", [
    ("It was the right call.", True),
    ("These were the wrong steps.", True),
    ("It is odd to blame the crew.", False),
    ("It's easy to blame the crew.", False),
    ("The board failed.", False),
])
def test_a_sentence_that_opens_with_a_pronoun_refers_back(text, refers):
    from corpus_tools.extract.pronouns import opens_with_anaphor
    assert opens_with_anaphor("First. " + text, 7) is refers


def test_a_subject_pronoun_stands_for_the_first_mention_of_the_previous_sentence():
    from corpus_tools.extract.pronouns import holds_anaphor, subject_antecedent
    previous = ["okafor", "port_board", "crew"]
    assert subject_antecedent("They", previous, skip=lambda m: m == "okafor") == "port_board"
    assert subject_antecedent("they", ["okafor"], skip=lambda m: m == "okafor") == "okafor"
    assert subject_antecedent("Officials", previous) is None
    assert subject_antecedent("he", []) is None
    text = "Punish them now. Punish the crew now."
    assert holds_anaphor(text, 0, 16) and not holds_anaphor(text, 17, len(text))
