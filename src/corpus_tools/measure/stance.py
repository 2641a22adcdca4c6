"""Stance: what each piece says should be done, how it judges the case's target, and the response.

Three dimensions, each a direction +1 / -1 per statement; the case file names the last
two (``[stance]`` in ``case.toml``: the target's dimension, default the target id, and
the response group and its dimension):

``confrontation``
    +1 calls to confront, punish or deter the case's suspects (impose costs, hold
    responsible, arrest, charge or target their leaders, retaliate, disarm, disband,
    respond forcefully); -1 calls for restraint (calm, de-escalation, dialogue, quiet
    help, not pointing fingers, waiting for the investigation). Only *prescriptions*
    count: an action cue (``lexicon/stance_confrontation.txt``) inside the scope of a
    prescriptive cue (``lexicon/stance_modality.txt``: should, must, it is time, the
    importance of; calls, urges and demands; declared intent such as "vowed to",
    "reserves the right to"; criticism of inaction such as "has failed to", "did
    nothing to"; criticism "for" an action; rhetorical questions such as "why has no one
    been held to account?") or in an imperative. General verbs ("target", "ignore")
    count only when aimed at the suspects (:func:`~corpus_tools.measure.stance_scope.aimed_at_suspects`).
the response (role ``response``)
    +1 endorses how the case's response group reacted to this event, -1 criticises it
    (tepid, failed to respond, a pretext, baseless accusations). Evaluation cues
    (``lexicon/stance_response.txt``) in a sentence that names that group, about the
    event (``lexicon/stance_events.txt``, in the sentence or the two before it) and no
    other one, not in the group's own voice.
the target (role ``target``)
    +1 supports or praises the target, -1 criticises it (a disappointment, wasted the
    mandate). Evaluation cues (``lexicon/stance_target.txt``) in a sentence that
    mentions the target (its pronouns, ``case.pronouns``, resolved by
    :func:`corpus_tools.find_mentions`); calls to support it count as prescriptions.

Rules, each documented beside its cue list:

* negation: "should not" / "must not" flip the modal; a negator within
  ``NEGATION_WINDOW`` words before a cue flips the cue ("by not pointing fingers"
  is -1); "no need to" cancels the prescription; "this is not to suggest that ..."
  cancels the evaluations after it; under a complaint of inaction or a rhetorical
  question the negation is the complaint and flips nothing;
* epistemic and conditional modals are not prescriptions ("one should expect ...",
  "he must be doing something right", "should voters decide ..."), nor are open
  questions ("Should the government retaliate?"); a prescription in the main clause of
  a conditional counts ("if they are responsible, they must pay");
* voice: statements inside a quotation or reported speech belong to the speaker found
  by the package's one speech attributor (:mod:`corpus_tools.extract.speech`); a call,
  a declared intent or a criticism written in the author's voice ("X urged an
  independent investigation") to its subject
  (:func:`~corpus_tools.measure.stance_scope.subject_voice`). ``voice`` is
  ``"author"`` or the speaker (a gazetteer actor id, else the name as written);
  profiles use the author's voice only;
* agent: who is to act, from the subject of the modal, the "that X" / "for X to" of a
  frame or the "on X to" of a call (gazetteer actors, else ``lexicon/stance_agents.txt``).
  A prescription aimed at a third party still counts for confrontation, with
  ``agent_group == "other"``.

One statement is one sentence x dimension x voice: its cues are summed and the sign is
the direction (a sentence whose cues cancel out gives no row). ``start, end`` span the
prescriptive cue and the cues behind the row, so ``text[start:end]`` is the evidence.
Profiles and summaries are in :mod:`corpus_tools.measure.stance_profile`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from corpus_tools.extract.mentions import find_mentions
from corpus_tools.extract.pronouns import opens_with_anaphor
from corpus_tools.extract.speech import quotes
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.validate import check_units
from corpus_tools.measure.stance_cues import (
    QUESTION_KINDS,
    ROLES,
    Cue,
    Hit,
    Trigger,
    compile_pattern,
    find_hits,
    find_imperatives,
    find_triggers,
    is_negated,
    negation_cues,
    stance_clause_start,
)
from corpus_tools.measure.stance_scope import (
    Mention,
    Voice,
    about_event,
    agent_of,
    aimed_at_suspects,
    speaks,
    subject_voice,
    voice_at,
    voice_stretches,
)
from corpus_tools.text.clauses import clause_breaks, last_subordinator
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences

__all__ = [
    "AUTHOR",
    "ROLES",
    "STATEMENT_COLUMNS",
    "compile_pattern",
    "stance_statements",
    "stance_statements_in_text",
]

STATEMENT_COLUMNS = [
    "unit_id", "sent_id", "start", "end", "dimension", "direction", "cue", "text",
    "voice", "speech", "agent", "agent_group", "kind", "modal", "negated",
]
AUTHOR = "author"
EVENT_WINDOW = 2  # sentences before a response cue in which the event may be named
_AFTER_KINDS = frozenset({"modal", "frame", "call", "commit", "inaction", "criticise", "cancel"}) | QUESTION_KINDS
# Kinds whose statement is their subject's when the author writes it ("X urged ...").
_SUBJECT_KINDS = {"call": "call", "commit": "commitment", "criticise": "criticism"}
_CLAUSE_KINDS = frozenset({"call", "commit", "inaction", "criticise"})
# a call's scope ends at a clause break: ; : dashes, or a word that opens a clause by itself
_SCOPE_CLAUSES = {"marks": ("stop", "dash"), "commas": "none", "words": "all", "bare": "any"}
_OBJECT_BEFORE = re.compile(r"\b(?:in|on|onto|from|against|to|toward|towards|of|at|into|over|about|with|\w+ed)\s+(?:the\s+)?$",
                            re.IGNORECASE)
# a clause without its own subject: a coordinator, then a lower-case word that opens no noun phrase
_COORDINATED = re.compile(r"\s*(?:[Aa]nd|[Bb]ut|[Yy]et|[Oo]r|[Tt]hen)\s+(?:(?:instead|also|then|later|again)\s+)?"
                          r"(?!(?:the|a|an|this|that|these|those|he|she|it|they|we|i|you|his|her|its|their|our)\b)[a-z]+\b")


def _names(sent_mentions: Sequence[Mention], prev_mentions: Sequence[Mention], ntext: str, s: int,
           *, column: str, value: str) -> bool:
    """True if the sentence mentions ``value`` (in ``column``), or opens with a pronoun
    after a sentence that does."""
    if any(getattr(m, column) == value for m in sent_mentions):
        return True
    return opens_with_anaphor(ntext, s) and any(getattr(m, column) == value for m in prev_mentions)


# --------------------------------------------------------------------------- statements


@dataclass(frozen=True)
class _Sentence:
    """One sentence and what the rules need around it."""

    ntext: str
    s: int
    e: int
    prev: tuple[tuple[int, int], ...]  # the sentences before it that may carry its topic
    mentions: tuple[Mention, ...]
    prev_mentions: tuple[Mention, ...]
    voices: Sequence[Voice]
    case: Case
    blamed: dict[str, frozenset[str]]  # voice -> groups it blames in the unit


def _governing(hit: Hit, triggers: Sequence[Trigger], ntext: str) -> Trigger | None:
    """The prescriptive cue whose scope holds ``hit``: the nearest after-scope cue before
    it (an imperative at it), else a whole-sentence endorsement. A call, declared
    intent, criticism or complaint of inaction reaches only to the end of its clause."""
    before = [t for t in triggers if (t.kind in _AFTER_KINDS and t.end <= hit.start) or (t.kind == "imperative" and t.start == hit.start)]
    if before:
        nearest = max(before, key=lambda t: t.start)
        if nearest.kind in _CLAUSE_KINDS and _scope_ends(ntext, nearest.end, hit.start):
            return None
        return nearest
    endorse = [t for t in triggers if t.kind in ("endorse", "disendorse")]
    return endorse[0] if endorse else None


def _scope_ends(ntext: str, lo: int, hi: int) -> bool:
    """True if a clause break (the shared splitter) stands between ``lo`` and ``hi``."""
    return any(b.start >= lo for b in clause_breaks(ntext, start=max(0, lo - 1), end=hi, **_SCOPE_CLAUSES))


def _needs_scope(cue: Cue) -> bool:
    return (cue.dimension == "confrontation" and "X" not in cue.flags) or "P" in cue.flags


def _cue_voice(pos: int, trigger: Trigger | None, triggers: Sequence[Trigger], sent: _Sentence,
               hit: Hit | None = None) -> tuple[str, str]:
    """Whose statement a cue is: the voice at its prescriptive cue; the subject of a call,
    a declared intent or a criticism written in the author's voice; or the critic named
    in the cue's clause ("a claim that X dismissed as a pretext")."""
    voice = voice_at(sent.voices, trigger.start if trigger else pos)
    if trigger is None and hit is not None and ("X" in hit.cue.flags or "O" in hit.cue.flags) and voice[0] == AUTHOR:
        # "X is locked and loaded", "X condemned Y": the subject's statement
        pseudo = Trigger(hit.start, hit.end, "commit" if "X" in hit.cue.flags else "criticise", False, hit.surface)
        caller = subject_voice(sent.ntext, sent.s, sent.e, pseudo, sent.mentions, sent.prev_mentions, sent.case)
        return (caller, _SUBJECT_KINDS[pseudo.kind]) if caller else voice
    if trigger is None and hit is not None:
        # the innermost critic: "a claim that X dismissed as baseless" is X's evaluation
        clause = _clause_start(sent.ntext, sent.s, hit.start)
        critics = [(m, how) for m in sent.mentions if clause <= m.start < hit.start
                   and (how := speaks(sent.ntext, m, sent.case))]
        if critics:
            return critics[-1][0].actor, critics[-1][1]
    if trigger is not None and trigger.kind in _SUBJECT_KINDS and voice[0] == AUTHOR:
        endorsed = any((t.kind == "endorse" or (t.kind in ("modal", "frame") and t.end <= trigger.start))
                       and voice_at(sent.voices, t.start)[0] == AUTHOR for t in triggers)  # "X should press for"
        caller = subject_voice(sent.ntext, sent.s, sent.e, trigger, sent.mentions, sent.prev_mentions, sent.case)
        if caller and not endorsed:
            return caller, _SUBJECT_KINDS[trigger.kind]
    return voice


def _direction(cue: Cue, trigger: Trigger | None, negated: bool) -> tuple[int, bool]:
    """The direction of a cue under its trigger, and whether a negation counted."""
    kind = trigger.kind if trigger is not None else None
    if kind in ("inaction", "impatience"):  # "failed to rein them in", "when will they be charged?"
        return cue.direction, False
    if kind == "rhetorical":  # "why has no one been charged?" / "why should we negotiate?"
        return (cue.direction if trigger.negated else -cue.direction), trigger.negated
    if kind == "doubting":  # "how long will they ignore it?"
        return -cue.direction * (-1 if negated else 1), negated
    if kind in ("criticise", "disendorse"):  # "criticised them for allowing it without retaliation", "... is a mistake"
        return -cue.direction * (-1 if negated else 1), negated
    flipped = trigger is not None and trigger.negated
    return cue.direction * (-1 if negated else 1) * (-1 if flipped else 1), negated or flipped


def _nearer(hit: Hit, others: Sequence[Mention], own: Sequence[Mention]) -> bool:
    """True if a mention in ``others`` stands nearer to the cue than every one in ``own``."""
    if not others or not own:
        return False

    def distance(rows: Sequence[Mention]) -> int:
        return min(m.start - hit.end if m.start >= hit.end else max(hit.start - m.end, 0) for m in rows)

    return distance(others) < distance(own)


def _target_applies(hit: Hit, sent: _Sentence) -> bool:
    """A target cue counts if the sentence (or, after a pronoun opener, the previous one)
    names the target and no other actor stands nearer to the cue."""
    target = sent.case.target
    if not _names(sent.mentions, sent.prev_mentions, sent.ntext, sent.s, column="actor", value=target):
        return False
    own = [m for m in sent.mentions if m.actor == target]
    if "P" in hit.cue.flags or not own:
        return True
    sub = last_subordinator(sent.ntext, _clause_start(sent.ntext, sent.s, hit.start), hit.start)
    if sub is not None and not any(sub <= m.start < hit.start for m in own):
        return False  # "suspicions that the country's corrupt elite ...": another clause's subject
    return _attached(hit, sent, own, "")


def _attached(hit: Hit, sent: _Sentence, own: Sequence[Mention], voice: str) -> bool:
    """True if an evaluation cue is about one of ``own`` rather than another actor: the
    subject of its clause if there is one ("the rebels are a disappointment to her
    rivals" is about the rebels), else the nearer mention."""
    others = [m for m in sent.mentions if m not in own and m.actor != voice and not speaks(sent.ntext, m, sent.case)]
    clause = _clause_start(sent.ntext, sent.s, hit.start)
    if any(clause <= m.start < hit.start for m in own):
        return True
    if any(clause <= m.start < hit.start for m in others):
        return False
    if _COORDINATED.match(sent.ntext, clause, hit.start) and sent.mentions:
        return sent.mentions[0] in own  # "X did this, and instead cast baseless suspicion on Y": X's clause
    # an object ("suspicion on Y", "missteps in Y", "blamed Y for") is not what the cue evaluates
    others = [m for m in others if not _OBJECT_BEFORE.search(sent.ntext, max(0, m.start - 24), m.start)]
    return not _nearer(hit, others, own)


def _clause_start(ntext: str, s: int, pos: int) -> int:
    """Start of the clause that holds ``pos`` (after the last clause break before it)."""
    return stance_clause_start(ntext, s, pos)


def _response_applies(hit: Hit, voice: str, sent: _Sentence) -> bool:
    """A response cue counts if it evaluates the response group (named where its flags
    say), about this event, in a voice other than the group's own."""
    case, group = sent.case, sent.case.response_group
    if group is None:
        return False
    rows = [m for m in sent.mentions if m.group == group]
    opener = opens_with_anaphor(sent.ntext, sent.s) and any(m.group == group for m in sent.prev_mentions)
    if not rows and not opener:
        return False
    if "S" in hit.cue.flags and not (opener or any(m.start < hit.start for m in rows)):
        return False
    if "O" in hit.cue.flags and not any(m.start >= hit.end for m in rows):
        return False
    if not hit.cue.flags & {"S", "O"} and rows and not _attached(hit, sent, rows, voice):
        return False
    if case.actor_groups.get(voice) == group:
        return False
    return about_event(sent.ntext, [(sent.s, sent.e), *sent.prev], case)


def _sentence_statements(sent: _Sentence) -> list[dict]:
    """Stance statements of one sentence (without unit keys)."""
    ntext, s, e, case = sent.ntext, sent.s, sent.e, sent.case
    hits = find_hits(ntext, s, e, lexicon=case.lexicon)
    if not hits:
        return []
    triggers = find_triggers(ntext, s, e)
    triggers = sorted(triggers + find_imperatives(ntext, s, e, hits), key=lambda t: t.start)
    _, denials = negation_cues(lexicon=case.lexicon)
    denial_end = min((m.end() for d in denials for m in d.finditer(ntext, s, e)), default=None)
    groups: dict[tuple[str, str, str], list] = {}
    for hit in hits:
        cue = hit.cue
        if cue.dimension == "target" and not _target_applies(hit, sent):
            continue
        trigger = _governing(hit, triggers, ntext) if _needs_scope(cue) else None
        if _needs_scope(cue) and (trigger is None or trigger.kind == "cancel"):
            continue
        if cue.dimension == "target" and trigger is not None and trigger.kind in ("inaction", "criticise"):
            continue  # "they failed to support him" criticises them, it is no call to support him
        if trigger is None and denial_end is not None and hit.start >= denial_end:
            continue
        voice, speech = _cue_voice(hit.start, trigger, triggers, sent, hit)
        if cue.dimension == "response" and not _response_applies(hit, voice, sent):
            continue
        if cue.dimension == "confrontation" and "T" in cue.flags:
            agent = agent_of(ntext, s, e, trigger, sent.mentions, case)[0] if trigger is not None else ""
            own = case.actor_groups.get(voice)
            if not aimed_at_suspects(ntext, s, e, sent.mentions, sent.prev_mentions, case,
                                     exclude_actors={voice, agent}, exclude_groups={own} if own else (),
                                     blamed=sent.blamed.get(voice, frozenset())):
                continue
        lo = trigger.end if trigger is not None and trigger.end <= hit.start else s
        direction, negated = _direction(cue, trigger, is_negated(ntext, lo, hit.start, lexicon=case.lexicon))
        groups.setdefault((cue.dimension, voice, speech), []).append((hit, trigger, direction, negated))
    names = dict(zip(ROLES, case.stance_dimensions))
    return [_statement_row(sent, names[dim], voice, speech, items)
            for (dim, voice, speech), items in groups.items() if sum(d for _, _, d, _ in items) != 0]


def _statement_row(sent: _Sentence, dimension: str, voice: str, speech: str, items: list) -> dict:
    """Assemble one statement from the cues behind it."""
    triggers = [t for _, t, _, _ in items if t is not None]
    spans = [(h.start, h.end) for h, _, _, _ in items] + [(t.start, t.end) for t in triggers if t.end > t.start]
    first = triggers[0] if triggers else None
    agent, group = agent_of(sent.ntext, sent.s, sent.e, first, sent.mentions, sent.case) if first is not None else ("", "")
    return {
        "start": min(a for a, _ in spans),
        "end": max(b for _, b in spans),
        "dimension": dimension,
        "direction": 1 if sum(d for _, _, d, _ in items) > 0 else -1,
        "cue": " | ".join(("not " if neg else "") + h.surface for h, _, _, neg in items),
        "voice": voice,
        "speech": speech,
        "agent": agent,
        "agent_group": group,
        "kind": "prescription" if triggers else "evaluation",
        "modal": " | ".join(dict.fromkeys(t.surface or f"({t.kind})" for t in triggers)),
        "negated": any(neg for _, _, _, neg in items),
    }


def _mention_index(mentions: pd.DataFrame) -> dict[str, dict[int, tuple[Mention, ...]]]:
    """unit_id -> sent_id -> the sentence's mentions in text order, in one pass."""
    index: dict[str, dict[int, list[Mention]]] = {}
    columns = (mentions[c].tolist() for c in ("unit_id", "sent_id", "start", "end", "actor", "group"))
    for unit_id, sent_id, start, end, actor, group in zip(*columns):
        index.setdefault(unit_id, {}).setdefault(int(sent_id), []).append(Mention(int(start), int(end), str(actor), str(group)))
    return {u: {k: tuple(sorted(v)) for k, v in sents.items()} for u, sents in index.items()}


def _unit_statements(text: str, sentence_rows: Sequence[tuple[int, int, int]], by_sent: dict[int, tuple[Mention, ...]],
                     quote_rows: pd.DataFrame, case: Case, blamed: dict[str, frozenset[str]]) -> list[dict]:
    """Stance statements of one unit, with sent_id and the sentence text."""
    ntext = normalize_text(text)
    voices = voice_stretches(quote_rows, sentence_rows)
    empty: tuple[Mention, ...] = ()
    rows = []
    for k, (sent_id, s, e) in enumerate(sentence_rows):
        prev_id = sentence_rows[k - 1][0] if k else None
        before = tuple((a, b) for _, a, b in sentence_rows[max(0, k - EVENT_WINDOW):k])
        sent = _Sentence(ntext, s, e, before, by_sent.get(sent_id, empty),
                         by_sent.get(prev_id, empty) if k else empty, voices.get(sent_id, []), case, blamed)
        for row in _sentence_statements(sent):
            rows.append({"sent_id": sent_id, **row, "text": text[s:e]})
    return rows


def _empty_statements() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in STATEMENT_COLUMNS})
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64", "direction": "int64", "negated": "bool"})


def stance_statements(
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    quote_table: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Find every prescriptive or evaluative stance statement in every unit.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: The case: suspects, target, response group, dimension names (None: the
            bundled corpus's).
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the same units, if at hand.
        quote_table: :func:`corpus_tools.quotes` of the same units, if at hand.
        claims: :func:`corpus_tools.blame_claims` of the same units, if at hand: a group
            that a voice blames in a unit counts as a target of that voice's
            confrontation cues there, like the case's suspects.

    Returns:
        One row per statement (sentence x dimension x voice): unit_id, sent_id, start,
        end (the evidence span), dimension, direction (+1/-1), cue (the cues, "not ..."
        when negated), text (the sentence), voice ("author" or the speaker), speech
        (author, quote, reported; call, commitment or criticism when the voice is the
        subject of a call, a declared intent or a criticism), agent and agent_group (who
        is to act, "" when unstated), kind (prescription or evaluation), modal (the
        prescriptive cues, "(rhetorical)" etc. for a question), negated (whether a
        negation flipped a cue).
    """
    check_units(units, function="stance_statements")
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    if mentions is None:
        mentions = find_mentions(units, case=case, sentence_table=sents)
    if quote_table is None:
        quote_table = quotes(units, case=case, sentence_table=sents, mentions=mentions)
    sent_groups = dict(tuple(sents.groupby("unit_id", sort=False)))
    mention_index = _mention_index(mentions)
    quote_groups = dict(tuple(quote_table.groupby("unit_id", sort=False)))
    empty_quotes = quote_table.iloc[0:0]
    blamed: dict[str, dict[str, frozenset[str]]] = {}
    if claims is not None and len(claims):
        for (unit_id, voice), part in claims.groupby(["unit_id", "voice"]):
            blamed.setdefault(unit_id, {})[voice] = frozenset(part["group"])
    rows = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = sent_groups.get(unit_id)
        if unit_sents is None:
            continue
        spans = list(zip(unit_sents["sent_id"], unit_sents["start"], unit_sents["end"]))
        for row in _unit_statements(text, spans, mention_index.get(unit_id, {}),
                                    quote_groups.get(unit_id, empty_quotes), case, blamed.get(unit_id, {})):
            rows.append({"unit_id": unit_id, **row})
    if not rows:
        return _empty_statements()
    frame = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64", "direction": "int64"})


def stance_statements_in_text(text: str, *, case: Case | str | None = None, unit_id: str = "text") -> pd.DataFrame:
    """The stance statements of one raw string (split and searched for actors here).

    Args:
        text: Any text, e.g. one paragraph of your own.
        case: As for :func:`stance_statements`.
        unit_id: The key to give it.

    Returns:
        As :func:`stance_statements`.
    """
    units = pd.DataFrame({"unit_id": [unit_id], "text": [text]})
    return stance_statements(units, case=case)
