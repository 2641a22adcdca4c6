"""Behavioural (CheckList) suite for the stance measure, on an invented case.

Templates of the project's own writing generate sentences per capability (Ribeiro et
al., "Beyond Accuracy: Behavioral Testing of NLP Models with CheckList", ACL 2020), each
with the answer the measure must give. The case is invented here (a bridge bombing in
the invented country of Velland; suspects the Grey Wolves militia and the state of
Dravenia; target the mayor Mara Linde; response group the Velland government), so
nothing of the bundled corpus is involved. All sentences are measured in one call (one
unit each) and checked capability by capability; each capability must pass in full.

The templates were written alongside the rules they test: a full pass shows that the
rules do what their documentation claims on sentences of these shapes, not how often
they are right on news text (that is what dev/devset/score_stance.py measures).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.measure.stance import stance_statements

GAZETTEER = """id,name,group,type,names,aliases,roles
linde,Mara Linde,velland_government,person,Mara Linde;Linde,,mayor;Ilse's mayor;mayor of Ilse
velland,Republic of Velland,velland_government,state,Velland;=Republic of Velland,,
velland_government,Velland national government,velland_government,government,=Velland government;=government of Velland,\
=Velland's government;=the cabinet,
rhee,Tomas Rhee,velland_government,person,Tomas Rhee;Rhee,,interior minister;Velland's interior minister
grey_wolves,Grey Wolves militia,wolves,organisation,=Grey Wolves,=the Wolves;=Grey Wolves militia,
orsk,Ivo Orsk,wolves,person,Ivo Orsk;Orsk,,
dravenia,Dravenia,dravenia,state,Dravenia,=Dravenian regime;=Dravenian government,
amsel,Paul Amsel,opposition,person,Paul Amsel;Amsel,,opposition senator
harbor_council,Council of Harbors,other,organisation,=Council of Harbors,=Harbor Council,
"""

CASE = """target = "linde"
gazetteer = "gazetteer.csv"
suspects = ["wolves", "dravenia"]
event = ["the bridge bombing", "the Ilse bombing", "June 4"]
harm = ["kill", "bomb"]
pronouns = ["she", "her", "herself"]

[stance]
target_dimension = "linde"
response_group = "velland_government"
response_dimension = "velland_response"
"""

CONF, TARGET, RESPONSE = "confrontation", "linde", "velland_response"
NONE = None  # expected: no row on the dimension


@dataclass(frozen=True)
class Example:
    """One generated sentence (or two-sentence text) and the answer it must get."""

    capability: str
    text: str
    dimension: str
    expected: int | None  # direction, or None for "no row on this dimension"
    voice: str | None = "author"  # whose statement; None: any voice except the author's


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> ct.Case:
    folder = tmp_path_factory.mktemp("case_velland")
    (folder / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
    (folder / "case.toml").write_text(CASE, encoding="utf-8")
    return ct.load_case(folder / "case.toml")


SUSPECTS = ["the Grey Wolves", "Dravenia", "the Dravenian regime", "Ivo Orsk"]
AGENTS = ["Velland", "The government of Velland", "The international community"]
CONFRONT = [  # bare verb phrase, with {s} for the suspect
    "impose sanctions on {s}",
    "hold {s} accountable for the bombing",
    "impose real costs on {s}",
    "retaliate against {s}",
    "punish {s}",
    "confront {s}",
]
RESTRAIN = [
    "pursue dialogue with {s}",
    "show restraint toward {s}",
    "avoid escalation with {s}",
    "seek a diplomatic solution with {s}",
]
PAST = {  # past participles for the rhetorical questions
    "impose sanctions on {s}": "imposed sanctions on {s}",
    "hold {s} accountable for the bombing": "held {s} accountable for the bombing",
    "punish {s}": "punished {s}",
    "confront {s}": "confronted {s}",
}


def _actions() -> Iterable[tuple[str, int]]:
    yield from ((a, 1) for a in CONFRONT)
    yield from ((a, -1) for a in RESTRAIN)


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def examples() -> list[Example]:
    """Every generated example, capability by capability."""
    out: list[Example] = []
    add = out.append
    # modal prescriptions: modal x agent x action
    modals = ["should", "must", "needs to", "ought to", "has to"]
    for k, ((action, d), modal) in enumerate(itertools.product(_actions(), modals)):
        agent, s = AGENTS[k % len(AGENTS)], SUSPECTS[k % len(SUSPECTS)]
        add(Example("modal prescription", f"{agent} {modal} {action.format(s=s)}.", CONF, d))
    for action, d in _actions():
        add(Example("modal prescription", f"It is time to {action.format(s='the Grey Wolves')}.", CONF, d))
    # negated prescriptions flip; "no need to" cancels
    for (action, d), agent in itertools.product(_actions(), AGENTS[:2]):
        add(Example("negated prescription", f"{agent} should not {action.format(s='Dravenia')}.", CONF, -d))
        add(Example("negated prescription", f"{agent} must not {action.format(s='the Grey Wolves')}.", CONF, -d))
    for action, _ in _actions():
        add(Example("negated prescription", f"There is no need to {action.format(s='the Grey Wolves')}.", CONF, NONE))
    # criticism of inaction prescribes the action
    frames = ["{a} has failed to {v}.", "{a} refused to {v}.", "{a} has yet to {v}.", "{a} did nothing to {v}."]
    for (action, d), frame in itertools.product(_actions(), frames):
        agent = AGENTS[len(out) % 2]
        add(Example("criticism of inaction", frame.format(a=agent, v=action.format(s="the Grey Wolves")), CONF, d))
    for s in SUSPECTS:
        add(Example("criticism of inaction", f"The government did nothing to stop {s} before the bombing.", CONF, 1))
        add(Example("criticism of inaction", f"Velland fails to tackle {s}, and everyone can see it.", CONF, 1))
    # conditionals: a prescription in the main clause counts, an inverted "should" does not
    for (action, d), s in itertools.product(_actions(), SUSPECTS[:2]):
        add(Example("conditional", f"If {s} is responsible for the bombing, Velland must {action.format(s=s)}.", CONF, d))
    for s in SUSPECTS:
        add(Example("conditional", f"If {s} is responsible, it must pay a heavy price.", CONF, 1))
        add(Example("conditional", f"If {s} strikes again, target its commanders.", CONF, 1))
        add(Example("conditional", f"Should Velland decide to punish {s}, markets will fall.", CONF, NONE))
    # rhetorical questions prescribe; open questions do not
    for s in SUSPECTS:
        add(Example("rhetorical question", f"Why has no one held {s} accountable for the bombing?", CONF, 1))
        add(Example("rhetorical question", f"Why has nobody been held to account for the bombing by {s}?", CONF, 1))
        add(Example("rhetorical question", f"Why should Velland negotiate with {s}?", CONF, 1))
        add(Example("rhetorical question", f"Why should anyone punish {s} before the evidence is in?", CONF, -1))
        add(Example("rhetorical question", f"When will Velland hold {s} accountable?", CONF, 1))
        add(Example("rhetorical question", f"How long will the government ignore {s}?", CONF, 1))
        add(Example("rhetorical question", f"Should Velland impose sanctions on {s}?", CONF, NONE))
        add(Example("rhetorical question", f"Will the cabinet confront {s}?", CONF, NONE))
    for past in PAST.values():
        add(Example("rhetorical question", f"Why hasn't Velland {past.format(s='Dravenia')}?", CONF, 1))
    # epistemic modals: predictions and inferences prescribe nothing
    for s in SUSPECTS:
        add(Example("epistemic modal", f"One should expect Velland to retaliate against {s}.", CONF, NONE))
        add(Example("epistemic modal", f"The cabinet must have weighed sanctions on {s} for weeks.", CONF, NONE))
        add(Example("epistemic modal", f"Velland must be preparing sanctions on {s}.", CONF, NONE))
        add(Example("epistemic modal", f"Velland imposed sanctions on {s} in May.", CONF, NONE))
        add(Example("epistemic modal", f"Observers anticipate that Velland will confront {s}.", CONF, NONE))
    # quoted and reported prescriptions: the speaker's voice
    speakers = [("Senator Paul Amsel", "amsel"), ("Ingrid Solberg, an analyst,", "Solberg"), ("Tomas Rhee", "rhee")]
    for k, ((action, d), (speaker, voice)) in enumerate(itertools.product(_actions(), speakers)):
        v = action.format(s="the Grey Wolves")
        if k % 2:
            add(Example("quoted/reported prescription", f"\u201cVelland must {v},\u201d {speaker} said.", CONF, d, voice))
        else:
            add(Example("quoted/reported prescription", f"{speaker} said that Velland should {v}.", CONF, d, voice))
    # calls by named parties: the caller's voice
    callers = [("The Council of Harbors", "harbor_council"), ("Senator Paul Amsel", "amsel"),
               ("Ingrid Solberg", "Solberg"), ("Opposition lawmakers", "Opposition lawmakers")]
    calls = [("called for restraint", -1), ("urged calm", -1), ("appealed for dialogue with Dravenia", -1),
             ("urged an independent investigation into the bombing", 1),
             ("called for sanctions against the Grey Wolves", 1),
             ("demanded that Velland punish the Grey Wolves", 1),
             ("called on Velland to hold Dravenia accountable", 1)]
    for (caller, voice), (call, d) in itertools.product(callers, calls):
        add(Example("call by named party", f"{caller} {call}.", CONF, d, voice))
    for day, s in itertools.product(["Tuesday", "Friday"], SUSPECTS):
        add(Example("call by named party", f"The chief prosecutor on {day} asked a judge to charge {s} over the bombing.",
                    CONF, 1, "chief prosecutor"))
    # declared intent: the declarer's voice; threats by the suspects are aimed at no suspect
    for (action, d), (subject, voice) in itertools.product(_actions(), [("Velland", "velland"), ("Tomas Rhee", "rhee")]):
        add(Example("declared intent", f"{subject} vowed to {action.format(s='the Grey Wolves')}.", CONF, d, voice))
    for (action, d) in _actions():
        add(Example("declared intent", f"\u201cWe will {action.format(s='Dravenia')},\u201d Tomas Rhee said.", CONF, d, "rhee"))
    for s in SUSPECTS:
        add(Example("declared intent", f"Velland reserves the right to retaliate against {s}.", CONF, 1, "velland"))
        add(Example("declared intent", f"{_cap(s)} threatened to retaliate against Velland.", CONF, NONE))
    # restraint vs confrontation: minimal pairs that differ in the action only
    pairs = [("calm", -1), ("de-escalation", -1), ("dialogue with Dravenia", -1), ("diplomacy with the Grey Wolves", -1),
             ("restraint", -1), ("sanctions on Dravenia", 1), ("consequences for the Grey Wolves", 1),
             ("a forceful response to the Grey Wolves", 1), ("retaliation against Dravenia", 1),
             ("the punishment of the Grey Wolves", 1)]
    for (noun, d), frame in itertools.product(pairs, ["The bombing calls for {n}.", "It is time for {n}.",
                                                      "What Velland needs to choose now is {n}."]):
        add(Example("restraint vs confrontation", frame.format(n=noun), CONF, d))
    # response to this event: endorse / criticise, in voices other than the government's
    gov = ["The government of Velland", "Velland", "The cabinet"]
    criticise = ["{g}'s response to the bridge bombing was tepid.", "{g} failed to respond to the bombing.",
                 "{g} is using the bombing as a pretext to silence critics.",
                 "{g}'s accusations after the bombing are baseless.",
                 "{g}'s handling of the bombing investigation was botched.",
                 "After the bombing, {g} tried to shift the blame onto the opposition."]
    endorse = ["{g} acted swiftly after the bombing.", "{g}'s firm response to the bombing was the right call.",
               "Critics praised {g} for its reaction to the bombing."]
    for g, t in itertools.product(gov, criticise):
        add(Example("response evaluation", t.format(g=g).replace("The cabinet's", "The cabinet's"), RESPONSE, -1))
    for g, t in itertools.product(gov, endorse):
        add(Example("response evaluation", t.format(g=g), RESPONSE, 1, voice=None if t.startswith("Critics") else "author"))
    for s in SUSPECTS:  # the critic named in the clause
        add(Example("response evaluation", f"Velland blamed {s} for the bombing, a claim that Senator Paul Amsel "
                    "dismissed as a pretext.", RESPONSE, -1, "amsel"))
    for t in ["Tomas Rhee said the government's response to the bombing was the right call.",
              "Tomas Rhee dismissed the criticism of the cabinet's response to the bombing as baseless.",
              "Interior Minister Rhee called the accusations against the cabinet after the bombing baseless."]:
        add(Example("response evaluation", t, RESPONSE, NONE))  # the government does not evaluate itself
    # praise and criticism of the target (her pronouns from the case)
    praise = ["{t} is a competent and brave leader.", "{t} has been courageous since the bombing.",
              "{t} is a principled and credible mayor.", "Allies should support {t}."]
    blame = ["{t} has been a disappointment.", "{t} wasted her mandate.", "{t} is weak and indecisive.",
             "{t} has proved ineffective."]
    for t in ["Mara Linde", "Mayor Linde", "Linde"]:
        for p in praise:
            add(Example("target praise/criticism", p.format(t=t), TARGET, 1))
        for p in blame:
            add(Example("target praise/criticism", p.format(t=t), TARGET, -1))
        add(Example("target praise/criticism", f"{t} spoke after the bombing. She was courageous.", TARGET, 1))
        add(Example("target praise/criticism", f"{t} spoke after the bombing. She was indecisive.", TARGET, -1))
        add(Example("target praise/criticism", f"Velland failed to support {t}.", TARGET, NONE))
        add(Example("target praise/criticism", f"Suspicions grow that the city's corrupt elite turned against {t}.",
                    TARGET, NONE))
        add(Example("target praise/criticism", f"The Grey Wolves are a disappointment to {t}'s rivals in Dravenia.",
                    TARGET, NONE))
    # negation
    for t in ["Linde", "Mayor Linde"]:
        add(Example("negation", f"{t} is not competent.", TARGET, -1))
        add(Example("negation", f"{t} is neither brave nor decisive.", TARGET, -1))
        add(Example("negation", f"{t} is not weak.", TARGET, 1))
        add(Example("negation", f"This is not to suggest that {t} is weak.", TARGET, NONE))
    for s in SUSPECTS:
        add(Example("negation", f"Velland can help by not pointing fingers at {s}.", CONF, -1))
        add(Example("negation", f"Velland should not avoid confrontation with {s}.", CONF, 1))
        add(Example("negation", f"Velland need not confront {s}.", CONF, NONE))
        add(Example("negation", f"Neither the cabinet nor the police lifted a finger after the bombing by {s}.",
                    RESPONSE, -1))
    # paraphrases: one-off sentences of other shapes (written after the templates above)
    for text, dimension, expected, voice in [
        ("The time has come to make the Grey Wolves pay for what they did.", CONF, 1, "author"),
        ("Velland would be wise to sanction Dravenia.", CONF, 1, "author"),
        ("The cabinet still has not held the Grey Wolves to account.", CONF, 1, "author"),
        ("Why is Ivo Orsk still at large?", CONF, NONE, "author"),
        ("If Dravenia ordered the bombing, Velland should expel its diplomats.", CONF, 1, "author"),
        ("Velland ought not to rush into retaliation against Dravenia.", CONF, -1, "author"),
        ("Cooler heads must prevail in talks with Dravenia.", CONF, -1, "author"),
        ("Senator Paul Amsel demanded tougher sanctions on Dravenia.", CONF, 1, "amsel"),
        ("The Council of Harbors pleaded for calm after the bombing.", CONF, -1, "harbor_council"),
        ("Amsel insisted that the Grey Wolves be disarmed.", CONF, 1, "amsel"),
        ("\u201cDravenia must be made to pay,\u201d Ingrid Solberg wrote.", CONF, 1, "Solberg"),
        ("Velland is expected to impose sanctions on Dravenia next week.", CONF, NONE, "author"),
        ("Retaliating against Dravenia would be a grave mistake.", CONF, -1, "author"),
        ("Velland should stop appeasing the Grey Wolves.", CONF, 1, "author"),
        ("It would be foolish to negotiate with the Grey Wolves now.", CONF, 1, "author"),
        ("There must be consequences for the Grey Wolves.", CONF, 1, "author"),
        ("The cabinet's silence after the bombing is a disgrace.", RESPONSE, -1, "author"),
        ("Velland's swift arrests after the bombing deserve praise.", RESPONSE, 1, "author"),
        ("The government of Velland has bungled the bombing investigation.", RESPONSE, -1, "author"),
        ("Velland's claim that Dravenia ordered the bombing is a fabrication, Dravenia said.", RESPONSE, -1, "dravenia"),
        ("Velland's new budget is a mistake.", RESPONSE, NONE, "author"),
        ("Velland failed to fix the roads last year.", RESPONSE, NONE, "author"),
        ("Linde handled the aftermath of the bombing with remarkable courage.", TARGET, 1, "author"),
        ("Linde is not the incompetent mayor her rivals describe.", TARGET, 1, "author"),
        ("Many residents admire Linde's resilience.", TARGET, 1, "author"),
        ("Those who planted the bomb must be hunted down and brought to justice.", CONF, 1, "author"),
        ("Velland has every right to strike back at the Grey Wolves.", CONF, 1, "author"),
        ("Amsel warned against a rush to judgment about Dravenia.", CONF, -1, "amsel"),
        ("The Council of Harbors appealed to all sides to exercise restraint.", CONF, -1, "harbor_council"),
        ("Dravenia, for its part, called for an end to the blame game.", CONF, -1, "dravenia"),
        ("\u201cWe will not rest until the Grey Wolves are held accountable,\u201d Rhee told reporters.", CONF, 1, "rhee"),
        ("According to Ingrid Solberg, Velland should seek talks with Dravenia.", CONF, -1, "Solberg"),
        ("Velland must not let the bombing go unpunished.", CONF, 1, "author"),
        ("The Grey Wolves deserve to be punished.", CONF, 1, "author"),
        ("Solberg, an analyst, argued that sanctions on Dravenia would only make things worse.", CONF, -1, "Solberg"),
        ("What Velland should not do is lash out at Dravenia.", CONF, -1, "author"),
        ("Velland needs to be careful not to escalate with Dravenia.", CONF, -1, "author"),
        ("If the Grey Wolves did this, they must face the consequences.", CONF, 1, "author"),
        ("Should the investigation point to Dravenia, sanctions will follow.", CONF, NONE, "author"),
        ("Velland's government has yet to explain how the bombers got through.", RESPONSE, -1, "author"),
        ("The cabinet's response to the bombing has been a model of calm.", RESPONSE, 1, "author"),
        ("Velland rushed to blame Dravenia for the bombing without any evidence.", RESPONSE, -1, "author"),
        ("Amsel said Velland's handling of the bombing was a disaster.", RESPONSE, -1, "amsel"),
        ("Velland's farm subsidies are a disaster.", RESPONSE, NONE, "author"),
        ("Linde, who survived the bombing unhurt, has been widely praised for her calm.", TARGET, 1, "author"),
        ("She has shown real courage.", TARGET, NONE, "author"),
        ("Linde spent the week in meetings. Her critics say she is out of her depth.", TARGET, NONE, "author"),
        ("Linde is no coward.", TARGET, 1, "author"),
    ]:
        add(Example("paraphrases", text, dimension, expected, voice))
    # other events: no response row
    others = ["{g}'s response to last year's floods was tepid.", "{g}'s trade policy is misguided.",
              "{g}'s handling of the election was botched.", "{g} failed to respond to the earthquake.",
              "{g} hesitated for years over the budget.", "{g}'s reaction to the previous attacks was feckless."]
    for g, t in itertools.product(gov, others):
        add(Example("other-event prescription", t.format(g=g), RESPONSE, NONE))
    return out


EXAMPLES = examples()


@pytest.fixture(scope="module")
def results(case) -> pd.DataFrame:
    units = pd.DataFrame({"unit_id": [f"x{i:04d}" for i in range(len(EXAMPLES))], "text": [e.text for e in EXAMPLES]})
    found = stance_statements(units, case=case)
    rows = []
    for i, ex in enumerate(EXAMPLES):
        mine = found[(found.unit_id == f"x{i:04d}") & (found.dimension == ex.dimension)]
        rows.append({"capability": ex.capability, "text": ex.text, "passed": _passes(ex, mine),
                     "got": "; ".join(f"{r.direction:+d} [{r.voice}] {r.cue}" for r in mine.itertuples())})
    return pd.DataFrame(rows)


def _passes(ex: Example, rows: pd.DataFrame) -> bool:
    if ex.expected is None:
        return rows.empty
    rows = rows[rows.voice != "author"] if ex.voice is None else rows[rows.voice == ex.voice]
    return len(rows) == 1 and int(rows.direction.iloc[0]) == ex.expected


CAPABILITIES = list(dict.fromkeys(e.capability for e in EXAMPLES))


def test_suite_size():
    assert len(EXAMPLES) >= 300
    assert len(CAPABILITIES) >= 13


@pytest.mark.parametrize("capability", CAPABILITIES)
def test_capability(results, capability):
    part = results[results.capability == capability]
    failed = part[~part.passed]
    assert failed.empty, f"{len(failed)} of {len(part)} fail:\n" + "\n".join(
        f"  {r.text!r} -> {r.got or 'no row'}" for r in failed.head(15).itertuples())


def _one(case: ct.Case, text: str, **kwargs) -> pd.DataFrame:
    return stance_statements(pd.DataFrame({"unit_id": ["u"], "text": [text]}), case=case, **kwargs)


def test_a_group_the_voice_blames_counts_as_a_target(case):
    """Confrontation aimed at whoever the same voice blames (blame claims passed in)."""
    text = "Senator Paul Amsel urged Velland to punish the Council of Harbors."
    assert _one(case, text).empty  # the council is no suspect of the case
    claims = pd.DataFrame({"unit_id": ["u"], "voice": ["amsel"], "group": ["other"]})
    row = _one(case, text, claims=claims).iloc[0]
    assert (row.dimension, row.direction, row.voice, row.agent) == (CONF, 1, "amsel", "velland")
    others = pd.DataFrame({"unit_id": ["u"], "voice": ["Solberg"], "group": ["other"]})
    assert _one(case, text, claims=others).empty  # blamed by someone else


def test_a_case_lexicon_adds_cues_and_names_a_bad_line(case, tmp_path):
    folder = tmp_path / "case_lex"
    (folder / "lexicon").mkdir(parents=True)
    (folder / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
    (folder / "case.toml").write_text(CASE.replace('pronouns =', 'lexicon = "lexicon"\npronouns ='), encoding="utf-8")
    text = "Velland must blockade the Grey Wolves."
    assert _one(case, text).empty
    (folder / "lexicon" / "stance_confrontation.txt").write_text("# event words\n1\tblockade\tT\n", encoding="utf-8")
    assert _one(ct.load_case(folder / "case.toml"), text).direction.tolist() == [1]
    bad = tmp_path / "case_bad"
    (bad / "lexicon").mkdir(parents=True)
    (bad / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
    (bad / "case.toml").write_text((folder / "case.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (bad / "lexicon" / "stance_confrontation.txt").write_text("# event words\n1\tblockade\n+2\tsiege\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"case_bad/lexicon/stance_confrontation\.txt, line 3"):
        _one(ct.load_case(bad / "case.toml"), text)
