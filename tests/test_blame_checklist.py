"""Behavioural tests of blame_claims (CheckList, Ribeiro et al., ACL 2020).

Templates of the project's own writing generate sentences per capability, each with the
answer it must give, on an invented case built here: two states (Veldor, whose governor
Ilsa Marenko is the target, and Ostrana), a group (the Crimson Front), a second group (the
Grey Hand), and a third state (Tarvik). Nothing depends on the bundled corpus.

One test per capability passes when all its items pass (the failing sentences are
listed). A positive item passes when its expected (group, role, certainty, voice) is among the
claims of its text; a "no claim" item when its text yields no claim (or, for questions
and hypotheticals, no claim in the author's voice). Every text starts with a sentence of
its own paragraph that names the event, so that constructions needing the piece to be
about the event can fire: a "no claim" item cannot pass only for lack of scope.

Run ``python tests/test_blame_checklist.py`` for the counts and pass rate per capability.
"""

from __future__ import annotations

import itertools
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import corpus_tools as ct

GAZETTEER = """\
id,name,group,type,names,aliases,roles
marenko,Ilsa Marenko,veldor,person,Ilsa Marenko;Marenko,,governor;Veldor's governor;governor of Veldor
veldor,Republic of Veldor,veldor,state,Veldor;=Republic of Veldor,=Veldorian security forces;=Veldorian police,Veldorian government
kovit,Anna Kovit,veldor,person,Anna Kovit;Kovit,,interior minister;Veldor's interior minister
ostrana,Ostrana,ostrana,state,Ostrana,=Ostranan government,Ostranan leadership
fenk,Dario Fenk,ostrana,person,Dario Fenk;Fenk,,Ostranan foreign ministry spokesman
crimson_front,The Crimson Front,crimson_front,organisation,=Crimson Front;=the Crimson Front,,
grey_hand,The Grey Hand,grey_hand,organisation,=Grey Hand;=the Grey Hand,,
tarvik,Tarvik,tarvik,state,Tarvik,,Tarvikan government
"""

CASE = """\
description = "Bombing of governor Ilsa Marenko's convoy on the Tessel bridge, 3 March 2025"
target = "marenko"
gazetteer = "gazetteer.csv"
suspects = ["crimson_front", "ostrana", "grey_hand"]
sponsors = ["ostrana"]
event = ["March 3", "the Tessel bridge bombing"]
harm = ["kill", "assassinate", "bomb"]
pronouns = ["she", "her", "herself"]

[demonyms]
Ostranan = "ostrana"
Veldorian = "veldor"
"""

LEAD = "The bombing of Marenko's convoy on the Tessel bridge shocked the capital.\n\n"

# Actors: (text, group, role of "behind"/"responsible"), for the first word of a sentence and inside one.
ACTORS = [
    ("the Crimson Front", "crimson_front", "perpetrator"),
    ("the Grey Hand", "grey_hand", "perpetrator"),
    ("Ostrana", "ostrana", "sponsor"),
    ("Tarvik", "tarvik", "perpetrator"),
]
EVENTS = [
    "the attack on Marenko",
    "the bombing of the governor's convoy",
    "the Tessel bridge bombing",
]
SPEAKERS = [("Anna Kovit", "kovit"), ("Veldor", "veldor"), ("Dario Fenk", "fenk")]
UNNAMED = ["saboteurs", "foreign parties", "ill-wishers", "criminal armed groups", "unknown assailants"]
NO_CLAIM = None
NO_AUTHOR_CLAIM = "no author claim"


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


def items() -> list[tuple[str, str, object]]:
    """(capability, text, expected): expected is a (group, role, certainty, voice) tuple,
    NO_CLAIM or NO_AUTHOR_CLAIM."""
    out: list[tuple[str, str, object]] = []
    pairs = list(itertools.product(ACTORS, EVENTS))
    for (actor, group, _), event in pairs:
        # passives, with quantified agents
        out.append(("passive", f"{cap(event)} was carried out by {actor}.", (group, "perpetrator", "asserted", "author")))
        out.append(
            (
                "passive (quantified agent)",
                f"{cap(event)} was carried out by at least one cell of {actor}.",
                (group, "perpetrator", "asserted", "author"),
            )
        )
        out.append(
            (
                "passive (quantified agent)",
                f"{cap(event)} was carried out by members of {actor}, officials said.",
                (group, "perpetrator", "attributed", "officials"),
            )
        )
        # denials in the denier's voice
        out.append(("denial", f"{cap(actor)} denied any involvement in {event}.", (group, ROLE[group], "denied", ACTOR_ID[group])))
        out.append(
            ("denial", f"{cap(actor)} has rejected any responsibility for {event}.", (group, ROLE[group], "denied", ACTOR_ID[group]))
        )
        # suspicion and pointing
        out.append(("suspicion", f"{cap(actor)} is suspected of carrying out {event}.", (group, "perpetrator", "hedged", "author")))
        out.append(("suspicion", f"Fingers are pointing at {actor} after {event}.", (group, ROLE[group], "hedged", "author")))
        out.append(("suspicion", f"The most likely culprits behind {event} are {actor}.", (group, ROLE[group], "hedged", "author")))
        # claims of responsibility
        out.append(
            (
                "claim of responsibility",
                f"{cap(actor)} claimed responsibility for {event}.",
                (group, "perpetrator", "attributed", ACTOR_ID[group]),
            )
        )
        # questions and hypotheticals
        out.append(("question", f"Did {actor} carry out {event}?", NO_AUTHOR_CLAIM))
        out.append(("hypothetical", f"If {actor} was behind {event}, the region faces a long crisis.", NO_AUTHOR_CLAIM))
        # certainty and role
        out.append(("asserted", f"{cap(actor)} carried out {event}.", (group, "perpetrator", "asserted", "author")))
        out.append(("hedged", f"{cap(actor)} probably carried out {event}.", (group, "perpetrator", "hedged", "author")))
        out.append(("hedged", f"{cap(event)} was most likely ordered by {actor}.", (group, "sponsor", "hedged", "author")))
        out.append(("role: sponsor", f"{cap(actor)} ordered {event}.", (group, "sponsor", "asserted", "author")))
        out.append(("negation", f"{cap(actor)} did not carry out {event}.", (group, "perpetrator", "denied", "author")))
        out.append(("negation", f"{cap(actor)} played no role in {event}.", (group, ROLE[group], "denied", "author")))
        # attribution to named and unnamed sources
        out.append(
            (
                "attribution (unnamed source)",
                f"According to reports, {actor} carried out {event}.",
                (group, "perpetrator", "attributed", "reports"),
            )
        )
        out.append(
            (
                "attribution (unnamed source)",
                f"{cap(actor)} reportedly carried out {event}.",
                (group, "perpetrator", "attributed", "reports"),
            )
        )
    for ((actor, group, _), event), (speaker, speaker_id) in zip(pairs, itertools.cycle(SPEAKERS)):
        if group == GROUP_OF[speaker_id]:
            speaker, speaker_id = SPEAKERS[0] if speaker_id != "kovit" else SPEAKERS[2]
        # accusation of one party by another, in the accuser's voice
        out.append(("accusation", f"{speaker} blamed {actor} for {event}.", (group, ROLE[group], "asserted", speaker_id)))
        out.append(("accusation", f"{speaker} accused {actor} of carrying out {event}.", (group, ROLE[group], "asserted", speaker_id)))
        out.append(("accusation", f"{speaker} directed blame at {actor} for {event}.", (group, ROLE[group], "asserted", speaker_id)))
        # attribution to named sources: the speaker's voice and certainty kept
        out.append(
            (
                "attribution (named source)",
                f"According to {speaker}, {actor} carried out {event}.",
                (group, "perpetrator", "asserted", speaker_id),
            )
        )
        out.append(
            (
                "speaker's voice kept",
                f"\u201c{cap(actor)} carried out {event},\u201d {speaker} said.",
                (group, "perpetrator", "asserted", speaker_id),
            )
        )
        out.append(
            ("speaker's voice kept", f"{speaker} said that {actor} probably ordered {event}.", (group, "sponsor", "hedged", speaker_id))
        )
        out.append(
            (
                "denial (by another party)",
                f"{speaker} rejected claims that {actor} was behind {event}.",
                (group, ROLE[group], "denied", speaker_id),
            )
        )
    for event in EVENTS:
        # no group claimed
        out.append(("no group has claimed", f"No group has claimed responsibility for {event}.", NO_CLAIM))
        out.append(("no group has claimed", f"Nobody has yet claimed responsibility for {event}.", NO_CLAIM))
        out.append(("no group has claimed", f"No one has claimed responsibility for {event} so far.", NO_CLAIM))
        # enablers
        out.append(
            ("role: enabler", f"The Veldorian security forces failed to prevent {event}.", ("veldor", "enabler", "asserted", "author"))
        )
        out.append(("role: enabler", f"Tarvik did nothing to stop {event}.", ("tarvik", "enabler", "asserted", "author")))
        # staging claims aimed at the target's own side
        out.append(
            ("staging", f"{cap(event)} was staged by the Veldorian security forces.", ("veldor", "perpetrator", "asserted", "author"))
        )
        out.append(
            (
                "staging",
                f"Dario Fenk said {event} was staged to boost the governor's popularity.",
                ("veldor", "perpetrator", "asserted", "fenk"),
            )
        )
        out.append(("staging", f"{cap(event)} was a false flag operation by Veldor.", ("veldor", "perpetrator", "asserted", "author")))
        for unnamed in UNNAMED:
            out.append(
                ("unnamed perpetrator", f"{cap(event)} was carried out by {unnamed}.", ("unnamed", "perpetrator", "asserted", "author"))
            )
            out.append(
                ("unnamed perpetrator", f"Anna Kovit said {unnamed} were behind {event}.", ("unnamed", "perpetrator", "asserted", "kovit"))
            )
    for actor, _group, _ in ACTORS:
        # other violence: no claim for this event
        out.append(("other violence", f"In 2019, {actor} bombed a police station in the north.", NO_CLAIM))
        out.append(("other violence", f"{cap(actor)} has carried out similar attacks in recent months.", NO_CLAIM))
        out.append(("other violence", f"{cap(actor)} kidnapped two journalists last year.", NO_CLAIM))
        out.append(("other violence", f"{cap(actor)} was blamed for the killing of protesters in 2021.", NO_CLAIM))
        out.append(("no group has claimed", f"{cap(actor)} has not claimed responsibility for the bombing.", NO_CLAIM))
    return out


GROUP_OF = {"kovit": "veldor", "veldor": "veldor", "fenk": "ostrana"}
ACTOR_ID = {group: group for _, group, _ in ACTORS}
ROLE = {group: role for _, group, role in ACTORS}
ITEMS = items()


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> dict[str, set[tuple[str, str, str, str]]]:
    """Claims of every item's text, (group, role, certainty, voice), found in one run."""
    folder = tmp_path_factory.mktemp("case_veldor")
    (folder / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
    (folder / "case.toml").write_text(CASE, encoding="utf-8")
    return run(folder)


def run(folder: Path) -> dict[str, set[tuple[str, str, str, str]]]:
    case = ct.load_case(folder / "case.toml")
    units = pd.DataFrame({"unit_id": [f"u{k:04d}" for k in range(len(ITEMS))], "text": [LEAD + text for _, text, _ in ITEMS]})
    claims = ct.blame_claims(units, case=case)
    lead_end = len(LEAD)
    claims = claims[claims["start"] >= lead_end]
    out: dict[str, set[tuple[str, str, str, str]]] = {u: set() for u in units["unit_id"]}
    for r in claims.itertuples():
        out[r.unit_id].add((r.group, r.role, r.certainty, r.voice))
    return out


def passes(expected: object, claims: set[tuple[str, str, str, str]]) -> bool:
    if expected is NO_CLAIM:
        return not claims
    if expected == NO_AUTHOR_CLAIM:
        return not any(voice == "author" for *_, voice in claims)
    return expected in claims


CAPABILITIES = sorted({c for c, _, _ in ITEMS})


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_capability(found, capability):
    failures = [
        f"{text!r} -> {sorted(found[f'u{k:04d}'])}, expected {expected}"
        for k, (c, text, expected) in enumerate(ITEMS)
        if c == capability and not passes(expected, found[f"u{k:04d}"])
    ]
    assert not failures, f"{capability}: {len(failures)} failing\n" + "\n".join(failures)


def test_the_suite_is_large_and_covers_every_capability():
    counts = Counter(c for c, _, _ in ITEMS)
    assert len(ITEMS) >= 300
    assert all(n >= 4 for n in counts.values()), counts
    assert len({t for _, t, _ in ITEMS}) == len(ITEMS), "duplicate sentences"


def summary(found: dict[str, set[tuple[str, str, str, str]]]) -> pd.DataFrame:
    """Items and passes per capability."""
    rows = [(c, passes(e, found[f"u{k:04d}"])) for k, (c, _, e) in enumerate(ITEMS)]
    table = pd.DataFrame(rows, columns=["capability", "passed"]).groupby("capability")["passed"].agg(["size", "sum"])
    return table.rename(columns={"size": "items", "sum": "passed"}).assign(rate=lambda t: (t["passed"] / t["items"]).round(3))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
        (Path(tmp) / "case.toml").write_text(CASE, encoding="utf-8")
        result = run(Path(tmp))
    table = summary(result)
    print(table.to_string())
    print(f"total: {int(table['passed'].sum())} of {int(table['items'].sum())}")
    if "-v" in sys.argv:
        for k, (c, t, e) in enumerate(ITEMS):
            if not passes(e, result[f"u{k:04d}"]):
                print(textwrap.shorten(f"FAIL {c}: {t} -> {sorted(result[f'u{k:04d}'])} expected {e}", 300))
