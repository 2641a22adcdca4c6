"""The one subject finder: who says, accuses or calls is found the same way in speech
("X said ..."), blame ("X blamed Y for the attack") and stance ("X urged Y to ...").

Every sentence here is invented for the tests; the measures run on the invented ferry
case (``tests/data/case_ferry``), whose gazetteer knows Jonas Brek (``brek``) but not
Miriam Holt.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.extract.speakers import clause_subject, verb_subject
from corpus_tools.measure.stance import stance_statements

FERRY = Path(__file__).resolve().parent / "data" / "case_ferry"


def _subject(text: str, verb: str, **kwargs):
    return verb_subject(text, text.index(verb), **kwargs)


@pytest.mark.parametrize(
    ("text", "verb", "label", "kind"),
    [
        ("Nadia Ferrow has repeatedly blamed the dockers.", "blamed", "Ferrow", "name"),
        ("Nadia Ferrow, a former port official, said it was arson.", "said", "Ferrow", "name"),
        ("He urged calm.", "urged", None, "pronoun"),
        ("The Pentagon said it was arson.", "said", "Pentagon", "name"),
        ("Former President Tom Ostrander urged calm.", "urged", "Ostrander", "name"),
        ("The chief prosecutor on Tuesday asked a judge to act.", "asked", "chief prosecutor", "noun"),
        ("Ferrow is also blaming the dockers.", "blaming", "Ferrow", "name"),
        ("Ferrow met Tom Ostrander and said it was arson.", "said", "Ferrow", "name"),
        ("The fire prompted Ostrander to blame the dockers.", "blame", "Ostrander", "name"),
    ],
)
def test_the_subject_of_a_verb(text, verb, label, kind):
    found = _subject(text, verb)
    assert found is not None and (found.label, found.kind) == (label, kind)


def test_a_mention_before_the_verb_gives_its_actor_and_span():
    text = "Nadia Ferrow has repeatedly blamed the dockers."
    found = _subject(text, "blamed", mentions=[(0, 12, "ferrow")])
    assert (found.label, found.start, found.end, found.kind) == ("ferrow", 0, 12, "mention")


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The attack on Nadia Ferrow prompted a protest.", "prompted"),  # governed by "on"
        ("Ferrow is accused of arson.", "accused"),  # a passive: Ferrow is acted upon
        ("Ferrow's dog barked.", "barked"),  # no name, noun or pronoun ends before the verb
        ("Meanwhile, the harbour said nothing.", "said"),
    ],
)
def test_no_subject(text, verb):
    assert _subject(text, verb, mentions=[(14, 26, "ferrow")] if "attack" in text else ()) is None


def test_an_opening_subject_for_a_cue_that_is_no_verb():
    text = "Tom Ostrander is locked and loaded."
    assert clause_subject(text, 0, text.index("locked")).label == "Ostrander"
    assert clause_subject("Under the bridge and far away, nobody", 0, 37) is None


def test_bad_positions_are_refused():
    with pytest.raises(ValueError, match="verb_start"):
        verb_subject("Ferrow said", 3, lo=5)
    with pytest.raises(ValueError, match="clause_subject"):
        clause_subject("Ferrow said", 0, 99)


# --------------------------------------------------------------------------- the three measures agree

CAUSE = "the Red Tide cartel planted the bomb on the ferry"
FRAMES = {  # frame -> (speech, blame, stance) sentences with the same subject
    "auxiliary and adverb": "Jonas Brek has repeatedly {verb}",
    "appositive": "Miriam Holt, a former harbour official, {verb}",
    "pronoun": "Jonas Brek flew to Marvassa on Monday. He {verb}",
    "prepositional phrase": "An adviser to Jonas Brek {verb}",  # the adviser speaks, not Brek
}
VERBS = {
    "speech": f"said that {CAUSE}.",
    "blame": "blamed the Red Tide cartel for the ferry bombing.",
    "stance": "urged the government to punish the Red Tide cartel for the ferry bombing.",
}
EXPECTED = {"auxiliary and adverb": "brek", "appositive": "Holt", "pronoun": "brek", "prepositional phrase": "adviser"}


@pytest.fixture(scope="module")
def voices() -> dict[tuple[str, str], set[str]]:
    case = ct.load_case(FERRY)
    texts = {(frame, measure): pattern.format(verb=VERBS[measure]) for frame, pattern in FRAMES.items() for measure in VERBS}
    keys = list(texts)
    units = pd.DataFrame({"unit_id": [f"u{i}" for i in range(len(keys))], "text": [texts[k] for k in keys]})
    by_unit = dict(zip(units["unit_id"], keys))
    out: dict[tuple[str, str], set[str]] = {k: set() for k in keys}
    for r in ct.quotes(units, case=case).itertuples():
        if by_unit[r.unit_id][1] == "speech":
            out[by_unit[r.unit_id]].add(str(r.speaker))
    for r in ct.blame_claims(units, case=case).itertuples():
        if by_unit[r.unit_id][1] == "blame":
            out[by_unit[r.unit_id]].add(r.voice)
    for r in stance_statements(units, case=case).itertuples():
        if by_unit[r.unit_id][1] == "stance":
            out[by_unit[r.unit_id]].add(r.voice)
    return out


@pytest.mark.parametrize("frame", list(FRAMES))
@pytest.mark.parametrize("measure", list(VERBS))
def test_speech_blame_and_stance_find_the_same_subject(voices, frame, measure):
    assert voices[(frame, measure)] == {EXPECTED[frame]}
