"""Stance statements and profiles: cue types, negation, agents, voice, and the corpus."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from corpus_tools.evaluate.stance_eval import pairwise_concordance
from corpus_tools.measure.stance import (
    STATEMENT_COLUMNS,
    compile_pattern,
    stance_statements,
    stance_statements_in_text,
)
from corpus_tools.measure.stance_profile import stance_evidence, stance_profile


def rows(text: str, dimension: str | None = None) -> pd.DataFrame:
    found = stance_statements_in_text(text)
    return found if dimension is None else found[found.dimension == dimension]


def direction(text: str, dimension: str = "confrontation") -> int | None:
    """The one author-voice direction on ``dimension`` (None if there is none)."""
    found = rows(text, dimension)
    found = found[found.voice == "author"]
    assert len(found) <= 1, found
    return int(found.direction.iloc[0]) if len(found) else None


# --------------------------------------------------------------------------- cue types


@pytest.mark.parametrize(
    "sentence",
    [
        "The United States should impose meaningful costs on Iran's proxies.",
        "Washington must hold the militias accountable for the attack.",
        "Baghdad needs to disarm the militias.",
        "Iraq ought to disband the Popular Mobilization Forces.",
        "It is time to take the fight to Tehran.",
        "It is necessary to respond forcefully to the attack.",
        "There needs to be consequences for those responsible.",
        "This attack calls for a forceful response against the militias.",
        "If the militias strike again, target their leaders.",
        "It makes sense to hold Iran responsible.",
        "The attack provides an opportunity for Iraq to rein in the militias.",
    ],
)
def test_calls_to_confront_are_plus_one(sentence):
    assert direction(sentence) == 1


@pytest.mark.parametrize(
    "sentence",
    [
        "Washington should press for calm and de-escalation.",
        "All sides need to pursue dialogue with Tehran.",
        "The United States can help by not pointing fingers.",
        "Iraq must avoid escalation with the militias.",
        "Quiet offers to assist the investigation would be welcomed.",
    ],
)
def test_calls_for_restraint_are_minus_one(sentence):
    assert direction(sentence) == -1


@pytest.mark.parametrize(
    "sentence",
    [
        "Kadhimi arrested thirteen militiamen in June.",  # describes, prescribes nothing
        "Militias targeted the US embassy with rockets.",
        "One should expect Tehran to escalate its campaign.",  # epistemic should
        "The attack threatens violence should Iraqis decide to confront the militias.",  # conditional inversion
        "Iraq should arrest corrupt officials.",  # a general verb without Iran, militias or perpetrators
    ],
)
def test_descriptions_predictions_and_conditionals_are_not_prescriptions(sentence):
    assert rows(sentence, "confrontation").empty


def test_statement_columns_offsets_and_evidence_span():
    text = "Kadhimi survived. Above all, the US must impose costs on Tehran."
    found = rows(text)
    assert list(found.columns) == STATEMENT_COLUMNS
    row = found.iloc[0]
    assert (row.sent_id, row.kind, row.modal, row.cue) == (1, "prescription", "must", "impose costs")
    assert text[row.start:row.end] == "must impose costs"
    assert row.text == "Above all, the US must impose costs on Tehran."


# --------------------------------------------------------------------------- negation


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The United States should not escalate against Iran.", -1),  # negated modal flips
        ("The US must not appease Tehran.", 1),
        ("We should not pursue dialogue with Tehran.", 1),
        ("The US can help by not pointing fingers at Iran.", -1),  # negated action flips
        ("The US should not avoid escalation with Iran.", 1),
    ],
)
def test_negation_flips(sentence, expected):
    assert direction(sentence) == expected
    assert rows(sentence, "confrontation").negated.all()


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no need to punish Iran for this attack.",
        "Washington need not confront the militias.",
        "It is not necessary to disarm the militias.",
    ],
)
def test_no_need_to_cancels(sentence):
    assert rows(sentence, "confrontation").empty


def test_denial_frame_cancels_evaluation_and_neither_nor_flips_praise():
    assert direction("This is not to suggest that the militiamen see Kadhimi as weak.", "kadhimi") is None
    assert direction("Kadhimi is neither charismatic nor decisive.", "kadhimi") == -1


# --------------------------------------------------------------------------- agents


def test_agent_is_the_subject_or_the_that_clause():
    us = rows("Going forward, the United States should work to marginalize the militias.").iloc[0]
    assert (us.agent, us.agent_group) == ("us_government", "us_government")
    iraq = rows("It is time that Iraq disarms the militias.").iloc[0]
    assert iraq.agent_group == "iraqi_government"
    nobody = rows("It is necessary to respond forcefully to the attack.").iloc[0]
    assert (nobody.agent, nobody.agent_group) == ("", "")


def test_prescription_aimed_at_a_third_party_counts_with_agent_other():
    """Decision (resources/stance_agents.txt): confrontation is about what should be done
    toward Iran and its militias, whoever does it; the agent says who."""
    text = "Regional governments should come together to hold Iran's proxies accountable."
    row = rows(text, "confrontation").iloc[0]
    assert (row.direction, row.agent, row.agent_group, row.voice) == (1, "regional_governments", "other", "author")
    assert stance_profile(pd.DataFrame({"unit_id": ["t"], "text": [text]})).confrontation.iloc[0] == 1


# --------------------------------------------------------------------------- voice


def test_quoted_speech_is_the_speakers_not_the_authors():
    text = "“The United States must impose real costs on Iran,” Orton told reporters."
    row = rows(text, "confrontation").iloc[0]
    assert (row.voice, row.speech, row.direction) == ("Orton", "quote", 1)
    units = pd.DataFrame({"unit_id": ["q"], "text": [text]})
    assert math.isnan(stance_profile(units).confrontation.iloc[0])
    assert stance_profile(units, voices=["Orton"]).confrontation.iloc[0] == 1


def test_reported_speech_and_calls_belong_to_the_speaker():
    reported = rows("Abdul-Hussain argues that the United States should target the militia leaders.").iloc[0]
    assert (reported.voice, reported.speech) == ("Abdul-Hussain", "reported")
    call = rows("Kadhimi appeared on television to appeal for calm.").iloc[0]
    assert (call.voice, call.speech, call.direction) == ("kadhimi", "call", -1)
    endorsed = rows("Kadhimi's call for calm is certainly wise.", "confrontation").iloc[0]
    assert (endorsed.voice, endorsed.direction) == ("author", -1)


def test_short_scare_quotes_stay_in_the_authors_voice():
    row = rows("Rubin calls Kadhimi's tenure a “disappointment” and he is right.", "kadhimi").iloc[0]
    assert row.voice == "author"


# --------------------------------------------------------------------------- the other dimensions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Biden administration's tepid response emboldened Tehran.", -1),
        ("Washington failed to respond to most of the attacks.", -1),
        ("The ill-advised US assassination of Soleimani backfired.", -1),
        ("Neither the US embassy nor the White House lifted a finger after the attack.", -1),
        ("Trump ordered the strike on Soleimani. It was the right call.", 1),
        ("The militias' tepid protest fizzled.", None),  # no US government in the sentence
    ],
)
def test_us_response(text, expected):
    assert direction(text, "us_response") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For most Iraqis, Kadhimi is a disappointment.", -1),
        ("Kadhimi has wasted his mandate.", -1),
        ("Kadhimi is a competent and brave leader.", 1),
        ("Iraq's friends should support Kadhimi.", 1),
        ("The US failed to support Kadhimi.", None),  # criticises the US, not a call to support him
        ("The militias are a disappointment to Tehran.", None),  # not about Kadhimi
    ],
)
def test_kadhimi(text, expected):
    assert direction(text, "kadhimi") == expected


# --------------------------------------------------------------------------- helpers


def test_compile_pattern_syntax():
    assert compile_pattern("impose ... costs").search("must impose real, meaningful costs") is None  # comma breaks the gap
    assert compile_pattern("impose ... costs").search("impose meaningful costs on Tehran")
    assert compile_pattern("it is (also|now)? time").search("It is also time to act")
    assert compile_pattern("it is (also|now)? time").search("it is time to act")
    assert compile_pattern("backed").search("Iran-backed militias") is None  # never inside a hyphenated word
    assert compile_pattern("marginaliz*|marginalis*").search("marginalising the militias")
    assert compile_pattern("accuse|accusing ... of undermining").search('accusing him of "undermining" it')  # quote marks
    with pytest.raises(ValueError, match="neither a word"):
        compile_pattern("is (ready|prepared) to")  # a group without "?" is an error, not a literal


def test_pairwise_concordance():
    perfect = pairwise_concordance([1, 0, -1], [0.9, 0.1, -0.5])
    assert (perfect["n_pairs"], perfect["concordant"], perfect["tau_b"]) == (3, 3, 1.0)
    mixed = pairwise_concordance([1, 1, 0, -1], [1.0, 0.0, 0.0, 1.0])
    assert (mixed["n_pairs"], mixed["concordant"], mixed["discordant"], mixed["tied"]) == (5, 1, 2, 2)
    with pytest.raises(ValueError):
        pairwise_concordance([1, 0], [1.0, math.nan])


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def corpus_statements(units, sents):
    return stance_statements(units, sentence_table=sents)


def _row_for(statements, unit_id, phrase, dimension):
    found = statements[(statements.unit_id == unit_id) & statements.text.str.contains(phrase, regex=False)
                       & (statements.dimension == dimension)]
    assert len(found) == 1, found
    return found.iloc[0]


def test_corpus_rubin_take_the_fight_is_confrontation_plus_one(corpus_statements):
    row = _row_for(corpus_statements, "000-rubin", "into the heart of Baghdad and Tehran", "confrontation")
    assert (row.direction, row.voice, row.agent_group) == (1, "author", "us_government")


def test_corpus_slavin_not_pointing_fingers_is_confrontation_minus_one(corpus_statements):
    row = _row_for(corpus_statements, "002-slavin", "can help by not pointing fingers", "confrontation")
    assert (row.direction, row.voice) == (-1, "author")


def test_corpus_slavin_ill_advised_is_us_response_minus_one(corpus_statements):
    row = _row_for(corpus_statements, "002-slavin", "ill-advised US assassination", "us_response")
    assert row.direction == -1


def test_corpus_rubin_disappointment_is_kadhimi_minus_one(corpus_statements):
    row = _row_for(corpus_statements, "000-rubin", "Kadhimi is a disappointment", "kadhimi")
    assert row.direction == -1


def test_corpus_quoted_and_reported_statements_are_not_the_authors(corpus_statements):
    intro = corpus_statements[corpus_statements.unit_id == "001-intro"]  # summarises the reprints
    assert len(intro) and (intro.voice != "author").all()
    sadr = _row_for(corpus_statements, "004-report", "calling for militias", "confrontation")
    assert sadr.voice == "sadr"


def test_corpus_profile_links_to_its_evidence(units, sents, corpus_statements):
    profile = stance_profile(units, statements=corpus_statements)
    dims = ["confrontation", "kadhimi", "us_response"]
    assert list(profile.columns) == ["unit_id", *dims, *(f"n_{d}" for d in dims)]
    assert profile.unit_id.tolist() == units.unit_id.tolist()
    own = corpus_statements[corpus_statements.voice == "author"]
    for row in profile.itertuples():
        for dim in ("confrontation", "kadhimi", "us_response"):
            behind = own[(own.unit_id == row.unit_id) & (own.dimension == dim)]
            assert getattr(row, f"n_{dim}") == len(behind)
            score = getattr(row, dim)
            assert math.isnan(score) if behind.empty else score == pytest.approx(behind.direction.mean())
    evidence = stance_evidence(corpus_statements, units, sents, unit_id="002-slavin")
    assert len(own) and len(evidence)  # an empty measure would pass the checks above
    assert evidence.sentence.str.contains(r"\[\[", regex=True).all()
    texts = units.set_index("unit_id").text
    assert all(texts[r.unit_id][r.start:r.end] in r.text for r in corpus_statements.itertuples())
