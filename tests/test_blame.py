"""Tests for corpus_tools.measure.blame: roles, certainty, voice and scope on crafted sentences,
the constructions of the corpus the project's issue lists, and corpus-level guarantees."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import ROOT

from corpus_tools.evaluate.blame_eval import changed_pairs, evaluate_against_gold, gold_summary, load_gold, summary_by_rules
from corpus_tools.measure.blame import (
    CERTAINTIES,
    CLAIM_COLUMNS,
    ROLES,
    blame_claims,
    blame_claims_in_text,
)
from corpus_tools.measure.blame_tables import CERTAINTY_WEIGHTS, blame_matrix, claim_pairs

GOLD = ROOT / "tests" / "data" / "blame_gold.csv"


def claims_of(text: str) -> set[tuple[str, str, str, str]]:
    """(group, role, certainty, voice) of every claim in ``text``."""
    found = blame_claims_in_text(text)
    return {(r.group, r.role, r.certainty, r.voice) for r in found.itertuples()}


# ------------------------------------------------------------------ roles


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Militias launched three drones at Prime Minister Mustafa al-Kadhimi's residence on Sunday.", ("militias", "perpetrator")),
        ("The attack on Kadhimi was carried out by Kataib Hezbollah.", ("militias", "perpetrator")),
        ("Iran ordered the attack on Kadhimi.", ("iran", "sponsor")),
        ("The assassination attempt was approved by Tehran.", ("iran", "sponsor")),
        ("The drone strike on the prime minister's home had Tehran's fingerprints all over it.", ("iran", "sponsor")),
        ("The Biden administration failed to respond to the attack on Kadhimi.", ("us_government", "enabler")),
        ("Washington's tepid response to the attack on Kadhimi will embolden Tehran.", ("us_government", "enabler")),
    ],
)
def test_roles(text, expected):
    assert expected in {(g, r) for g, r, _, _ in claims_of(text)}


def test_responsible_without_a_role_takes_the_actors_role():
    # "behind" names no role: the Iranian state acts through others (sponsor), a militia does the deed
    assert ("iran", "sponsor") in {(g, r) for g, r, _, _ in claims_of("Iran was behind the attack on Kadhimi.")}
    assert ("militias", "perpetrator") in {(g, r) for g, r, _, _ in claims_of("Kataib Hezbollah was behind the attack on Kadhimi.")}


def test_patron_descriptors_are_not_blamed():
    found = claims_of("The attack on Kadhimi was carried out by militias backed by Iran.")
    assert {g for g, *_ in found} == {"militias"}
    found = claims_of("Proxies of Iran's Islamic Revolutionary Guard Corps sent an exploding drone to assassinate Kadhimi.")
    assert {g for g, *_ in found} == {"militias"}


def test_the_victim_is_never_blamed():
    assert claims_of("Kadhimi survived the attack on his residence, which was carried out by drones.") == set()


# ------------------------------------------------------------------ certainty


@pytest.mark.parametrize(
    "text, certainty",
    [
        ("Kataib Hezbollah carried out the attack on Kadhimi.", "asserted"),
        ("There is no doubt that Kataib Hezbollah carried out the attack on Kadhimi.", "asserted"),
        ("The attack on Kadhimi was likely carried out by Kataib Hezbollah.", "hedged"),
        ("Kataib Hezbollah was almost certainly behind the drone strike on the prime minister's home.", "hedged"),
        ("The attack on Kadhimi suggests Kataib Hezbollah was responsible.", "hedged"),
        ("Whether Kataib Hezbollah or another group carried out the attack on Kadhimi, Iran gains.", "hedged"),
        ("According to reports, Kataib Hezbollah carried out the attack.", "attributed"),
        ("Kataib Hezbollah allegedly carried out the attack on Kadhimi.", "attributed"),
        ("Kataib Hezbollah did not carry out the attack on Kadhimi.", "denied"),
    ],
)
def test_certainty_of_a_militia_claim(text, certainty):
    assert ("militias", certainty) in {(g, c) for g, _, c, _ in claims_of(text)}


@pytest.mark.parametrize(
    "text, certainty",
    [
        ("Iran did not order the attack on Kadhimi.", "denied"),
        ("It is unlikely that Iran ordered the attack on Kadhimi.", "denied"),
        ("The militias carried out the attack on Kadhimi without Tehran's approval.", "denied"),
        ("It is inconceivable that the militias carried out the attack on Kadhimi without Tehran's approval.", "asserted"),
        ("It seems improbable that the militias carried out the attack on Kadhimi without Tehran's approval.", "hedged"),
        ("Even if Iran did not order the attack on Kadhimi, it armed those who carried it out.", "hedged"),
    ],
)
def test_certainty_of_sponsorship_negation_and_double_negation(text, certainty):
    assert ("iran", "sponsor", certainty) in {(g, r, c) for g, r, c, _ in claims_of(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Did Iran sanction the attack on Kadhimi?",
        "If Kataib Hezbollah was responsible for the attack, the government must act.",
        "Assuming it was Kataib Hezbollah, the attack on Kadhimi will not be the last.",
    ],
)
def test_questions_and_hypotheticals_commit_no_one(text):
    assert claims_of(text) == set()


def test_a_named_source_keeps_its_own_certainty():
    found = claims_of("According to Iraqi officials, Kataib Hezbollah carried out the attack.")
    assert found == {("militias", "perpetrator", "asserted", "iraqi_government")}


# ------------------------------------------------------------------ voice


def test_direct_quote_is_the_speakers_claim():
    text = "\u201cKataib Hezbollah carried out the attack on Kadhimi,\u201d Kyle Orton told Arab News."
    assert claims_of(text) == {("militias", "perpetrator", "asserted", "Orton")}


def test_reported_speech_is_the_speakers_claim():
    text = "Kyle Orton believes that the attack on Kadhimi was ordered by Iran."
    assert claims_of(text) == {("iran", "sponsor", "asserted", "Orton")}
    text = "Kyle Orton believes that the attack on Kadhimi was probably ordered by Iran."
    assert claims_of(text) == {("iran", "sponsor", "hedged", "Orton")}


def test_denial_inside_a_quote_stays_denied():
    text = "\u201cIran tried to discourage the attack on Kadhimi,\u201d Heras said."
    assert ("iran", "sponsor", "denied", "Heras") in claims_of(text)


def test_deflection_by_the_accused_is_their_own_denial():
    assert claims_of("Iran condemned the attack on Kadhimi.") == {("iran", "sponsor", "denied", "iran")}
    assert claims_of("Iran denied any involvement in the attack on Kadhimi.") == {("iran", "sponsor", "denied", "iran")}
    # a condemnation by someone not accused is no claim at all
    assert claims_of("The State Department condemned the attack on Kadhimi.") == set()


# ------------------------------------------------------------------ scope: other violence


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias killed hundreds of protesters in 2019.",
        "On March 21, 2021, militias assassinated INIS officer Mahmoud Laith Hussein in the Mansour neighborhood of Baghdad.",
        "Iran-backed militias have used drones in a series of attacks on US bases in Iraq.",
        "The US strike that killed Qassem Soleimani was ordered by President Donald Trump.",
        "In Lebanon in 2008, Hezbollah took control of West Beirut with Iran's approval.",
        "Kataib Hezbollah launched rockets at the embassy last year.",
        "The militias attacked the Green Zone on Friday.",
    ],
)
def test_other_violence_yields_no_claim(text):
    assert claims_of(text) == set()


def test_event_anchor_in_the_paragraph_lends_scope():
    text = "No group has claimed responsibility for the attack. Kataib Hezbollah is responsible, officials believe."
    assert {g for g, *_ in claims_of(text)} == {"militias"}
    assert claims_of("Kataib Hezbollah is responsible, officials believe.") == set()


# ------------------------------------------------------------------ implicit blame (frames revised after the check)
# The constructions below were added after the first comparison with the hand coding
# (the implicit-blame frames of blame_frames.txt; the header says why each one is general); these invented sentences,
# none of them from the corpus, check each one and its limits.


IRAN_SPONSOR = ("iran", "sponsor")
MILITIA_PERP = ("militias", "perpetrator")
MILITIA_HEDGED = (*MILITIA_PERP, "hedged", "author")


@pytest.mark.parametrize(
    "text, expected",
    [
        # blaming by "deflecting blame": the author presupposes the blame is theirs
        ("Tehran is trying to deflect blame for the attack on Kadhimi.", (*IRAN_SPONSOR, "asserted", "author")),
        ("The militias sought to shift the blame for the drone strike onto the Americans.", (*MILITIA_PERP, "asserted", "author")),
        # insinuation by timing: the attack followed a threat against the victim
        ("The drone attack on Kadhimi's residence came a day after Qais al-Khazali threatened the prime minister.", MILITIA_HEDGED),
        ("The strike on the prime minister came just hours after Kataib Hezbollah warned Kadhimi to step aside.", MILITIA_HEDGED),
        ("The attack came two days after Khazali, who boasted of earlier attacks on US bases, warned Kadhimi.", MILITIA_HEDGED),
        # the attack as one instance of an actor's pattern or campaign
        ("The attack on Kadhimi is part of a broader campaign of Iranian intimidation.", (*IRAN_SPONSOR, "asserted", "author")),
        ("Jonathan Spyer notes that the strike falls into a pattern of militia intimidation.", (*MILITIA_PERP, "asserted", "Spyer")),
        # what the attack exposes as a danger
        ("The assassination attempt exposes the danger of Iranian meddling in Iraq.", (*IRAN_SPONSOR, "hedged", "author")),
        ("The attack on Kadhimi underscores the threat posed by Kataib Hezbollah.", MILITIA_HEDGED),
    ],
)
def test_implicit_blame_constructions(text, expected):
    assert expected in claims_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The attack on Kadhimi came a day after the election results were announced.",
        "The attack on Kadhimi came a day after Khazali praised the prime minister.",
        "The attack on Kadhimi came a day after Washington warned of rising tension.",
        "The attack on the US base came a day after Khazali threatened Kadhimi.",
        "The attack on Kadhimi breaks a pattern of Iranian restraint.",
        "The attack on Kadhimi exposes the limits of American influence.",
        "The attack on Kadhimi highlights the danger of a repeat.",
        "Iranian officials visited Baghdad after the attack on Kadhimi.",
    ],
)
def test_implicit_blame_needs_its_whole_construction(text):
    assert {(g, c) for g, _, c, v in claims_of(text) if v == "author"} == set()


def test_a_state_that_only_designates_is_not_blamed():
    text = "The attack came a day after Asaib Ahl al-Haq's US designated terrorist leader, Qais Khazali, warned the prime minister."
    assert {(g, c) for g, _, c, _ in claims_of(text)} == {("militias", "hedged")}


def test_a_plain_denial_presupposes_nothing():
    assert claims_of("Iran denied any involvement in the attack on Kadhimi.") == {("iran", "sponsor", "denied", "iran")}


def test_deflecting_blame_is_both_the_accused_denial_and_the_authors_claim():
    found = claims_of("Iran and its proxies are trying to deflect blame for the attack on Kadhimi.")
    assert {("iran", "sponsor", "denied", "iran"), ("iran", "sponsor", "asserted", "author")} <= found
    assert ("militias", "perpetrator", "asserted", "author") in found


# ------------------------------------------------------------------ the corpus


@pytest.fixture(scope="module")
def claims(units, sents):
    return blame_claims(units, sentence_table=sents)


def test_columns_and_values(claims):
    assert list(claims.columns) == CLAIM_COLUMNS
    assert set(claims["role"]) <= set(ROLES)
    assert set(claims["certainty"]) <= set(CERTAINTIES)
    assert claims["cue"].str.len().gt(0).all()


def test_every_claim_points_at_the_words_of_its_actor(claims, units):
    texts = dict(zip(units["unit_id"], units["text"]))
    for r in claims.itertuples():
        text = texts[r.unit_id]
        words = text[r.start : r.end]
        assert re.fullmatch(r"[\w][\w'’.\- ]*", words), (r.unit_id, words)
        assert r.start == 0 or not text[r.start - 1].isalnum(), (r.unit_id, words)
        assert r.actor != "kadhimi"  # the target is never blamed


def test_claims_come_from_unit_text_never_captions_or_bios(claims, units, sents):
    texts = units.set_index("unit_id")
    spans = sents.set_index(["unit_id", "sent_id"])
    for r in claims.itertuples():
        text = texts.loc[r.unit_id, "text"]
        s_start, s_end = spans.loc[(r.unit_id, r.sent_id), ["start", "end"]]
        assert text[s_start:s_end] == r.text
        assert s_start <= r.start < r.end <= s_end
        for part in ("captions", "bio"):  # (Rubin's dek repeats a body sentence, so the dek is not checked)
            extra = texts.loc[r.unit_id, part]
            assert not extra or r.text not in extra


@pytest.mark.parametrize(
    "unit_id, sentence_start",
    [
        ("001-knights", "On March 21, 2021, militias assassinated INIS officer"),
        ("001-knights", "On June 7, militias intercepted and killed senior INIS officer"),
        ("000-rubin", "Iraqis saw this starkly when, after young Iraqis took to the streets"),
        ("000-rubin", "President Joe Biden’s team has not been much better."),
        ("000-rubin", "It has failed to respond to most Iranian- or Iranian-backed drone or rocket attacks"),
        ("002-intro", "Iran-backed militias have used drones in a series of attacks on US bases"),
        ("002-slavin", "The ill-advised US assassination by drone of IRGC Quds Force leader"),
        ("002-sales", "It comes on the heels of a series of attacks on US soldiers"),
        ("002-zais", "It has been the PMF—not ISIS—who have flown drones"),
        ("001-spyer", "In Lebanon in 2008, Hezbollah—the local Iranian proxy—took control"),
        ("001-spyer", "The attack on the U.S. base in Tanf on Oct. 20"),
        ("003-brief", "The attack retaliated for the killing and wounding of pro-Iranian protesters"),
        ("004-report", "Iran-backed militias responded by killing hundreds of demonstrators."),
        ("004-report", "They have carried out similar drone attacks in recent months"),
    ],
)
def test_no_claim_from_other_violence_in_the_corpus(claims, unit_id, sentence_start):
    part = claims[claims["unit_id"] == unit_id]
    assert not part["text"].str.startswith(sentence_start).any()


def _claim(claims, unit_id, words, group):
    part = claims[(claims["unit_id"] == unit_id) & claims["text"].str.contains(words, regex=False) & (claims["group"] == group)]
    return {(r.role, r.certainty, r.voice) for r in part.itertuples()}


@pytest.mark.parametrize(
    "unit_id, words, group, expected",
    [
        # "the affiliation of the perpetrators is not in doubt. Only Iran-supported Shiite militias ..."
        ("001-spyer", "Only Iran-supported Shiite militias have the means", "militias", ("perpetrator", "asserted", "author")),
        ("003-brief", "It is inconceivable, despite denials", "iran", ("sponsor", "asserted", "author")),
        ("004-report", "Topping the list of likely conspirators", "militias", ("perpetrator", "hedged", "author")),
        ("002-sales", "it appears to have Tehran’s fingerprints all over it", "iran", ("sponsor", "hedged", "author")),
        ("002-pfaff", "Whether the attack was orchestrated by Iran", "iran", ("sponsor", "hedged", "author")),
        ("002-pfaff", "Whether the attack was orchestrated by Iran", "militias", ("sponsor", "hedged", "author")),
        ("002-slavin", "did so without explicit approval from Tehran", "iran", ("sponsor", "denied", "author")),
        ("001-abdul-hussain", "Saeed Khatibzadeh, the spokesman", "iran", ("sponsor", "denied", "khatibzadeh")),
        ("001-abdul-hussain", "a committee should be formed to investigate the attack", "militias", ("perpetrator", "denied", "khazali")),
        ("004-report", "does not proceed if Tehran does not want it to", "iran", ("sponsor", "asserted", "Orton")),
        ("004-report", "This attack likely occurred with the knowledge of Iran", "iran", ("sponsor", "hedged", "Heras")),
        ("000-rubin", "militias launched three drones laden with explosives", "militias", ("perpetrator", "asserted", "author")),
        ("001-abdul-hussain", "but refused to name the perpetrator", "us_government", ("enabler", "asserted", "author")),
    ],
)
def test_issue_constructions(claims, unit_id, words, group, expected):
    assert expected in _claim(claims, unit_id, words, group)


def test_the_spokesmans_condemnation_is_not_the_authors_blame(claims):
    found = _claim(claims, "001-abdul-hussain", "Saeed Khatibzadeh, the spokesman", "iran")
    assert all(voice != "author" for _, _, voice in found)


def test_blame_matrix_and_pairs(claims, units):
    weighted, counts = blame_matrix(claims, units, by="outlet")
    assert list(weighted.index) == list(dict.fromkeys(units["outlet"]))
    assert counts.to_numpy().sum() == len(claims)
    expected = sum(CERTAINTY_WEIGHTS[c] for c in claims["certainty"])
    assert weighted.to_numpy().sum() == pytest.approx(expected)
    pairs = claim_pairs(claims, voices="author")
    assert set(pairs["certainty"]) <= set(CERTAINTIES)
    assert pairs["n_claims"].sum() == (claims["voice"] == "author").sum()


def test_evaluation_against_the_hand_coding_runs_and_counts_consistently(claims):
    gold = load_gold(GOLD)
    summary = gold_summary(claims, gold)
    assert list(summary["voices"]) == ["author", "all"]
    for row in summary.itertuples():
        ev = evaluate_against_gold(claims, gold, voices=row.voices)
        assert row.tp + row.fp == len(claim_pairs(claims, voices=row.voices))
        assert row.tp + row.fn == (ev["status"] != "fp").sum()
        assert 0 <= row.precision <= 1 and 0 <= row.recall <= 1


def test_evaluation_on_a_toy_coding():
    claims = pd.DataFrame(
        [
            ("u1", 0, 0, 1, "iran", "iran", "sponsor", "hedged", "author", "x", "t"),
            ("u1", 1, 0, 1, "militias", "militias", "perpetrator", "asserted", "author", "x", "t"),
            ("u2", 0, 0, 1, "iran", "iran", "sponsor", "attributed", "Orton", "x", "t"),
        ],
        columns=CLAIM_COLUMNS,
    )
    gold = pd.DataFrame(
        [
            ("u1", "iran", "sponsor", "hedged", "author", "", ""),
            ("u2", "militias", "perpetrator", "asserted", "author", "", ""),
            ("u3", "none", "", "", "", "", ""),
        ],
        columns=["unit_id", "group", "role", "certainty", "voice", "evidence", "note"],
    )
    summary = gold_summary(claims, gold).set_index("voices")
    assert summary.loc["author", ["tp", "fp", "fn"]].tolist() == [1, 1, 1]
    assert summary.loc["all", ["tp", "fp", "fn"]].tolist() == [1, 2, 1]
    assert summary.loc["author", "certainty_agree"] == 1.0 and summary.loc["author", "role_agree"] == 1.0


def test_changed_pairs_and_summary_by_rules_on_a_toy_coding():
    row = ("u1", 0, 0, 1, "iran", "iran", "sponsor", "hedged", "author", "x", "t")
    before = pd.DataFrame([row], columns=CLAIM_COLUMNS)
    added = ("u2", 0, 0, 1, "militias", "militias", "perpetrator", "asserted", "author", "x", "t")
    after = pd.DataFrame([row, added], columns=CLAIM_COLUMNS)
    gold = pd.DataFrame(
        [("u1", "iran", "sponsor", "hedged", "author", "", ""), ("u2", "militias", "perpetrator", "hedged", "author", "", "")],
        columns=["unit_id", "group", "role", "certainty", "voice", "evidence", "note"],
    )
    changed = changed_pairs(before, after, gold)
    assert changed[["unit_id", "status before", "status after", "certainty_agree after"]].values.tolist() == [["u2", "fn", "tp", False]]
    table = summary_by_rules({"before": before, "after": after}, gold).set_index(["rules", "voices"])
    assert table.loc[("before", "author"), "recall"] == 0.5
    assert table.loc[("after", "author"), "recall"] == 1.0
