"""Stance: what each piece says should be done, how it judges the case's target, and the response.

Three dimensions, each a direction +1 / -1 per statement; the case file names the last
two (``[stance]`` in ``case.toml``; for the bundled corpus ``kadhimi`` and ``us_response``):

``confrontation``
    +1 calls to confront, punish or deter the suspect groups (impose costs, hold
    responsible, arrest or target their leaders, disarm, disband, respond forcefully);
    -1 calls for restraint (calm, de-escalation, dialogue, quiet help, not pointing
    fingers). Only *prescriptions* count: an action cue
    (``lexicon/stance_confrontation.txt``) inside the scope of a prescriptive cue
    (``lexicon/stance_modality.txt``: should, must, needs to, it is time, it is
    necessary to, the US can help by, calls for, "... is wise") or in an imperative.
the response (role ``response``)
    +1 endorses what the case's response group did or does, -1 criticises it (tepid,
    failed to respond, ill-advised). Evaluation cues (``lexicon/stance_response.txt``) in
    a sentence that names that group.
the target (role ``target``)
    +1 supports or praises the target, -1 criticises them (a disappointment, wasted the
    mandate). Evaluation cues (``lexicon/stance_target.txt``) in a sentence that
    mentions the target; calls to support them count as prescriptions.

Rules, each documented beside its cue list:

* negation: "should not" / "must not" flip the modal; a negator within
  :data:`NEGATION_WINDOW` words before a cue flips the cue ("by not pointing fingers"
  is -1); "no need to" cancels the prescription; "this is not to suggest that ..."
  cancels the evaluations after it;
* epistemic and conditional modals are not prescriptions ("one should expect ...",
  "he must be doing something right", "should Iraqis attribute the attack ...");
* voice: statements inside a quotation or reported speech belong to the speaker found
  by the package's one speech attributor (:mod:`corpus_tools.extract.speech`), and a
  call ("X appealed for calm") to the caller. ``voice`` is ``"author"`` or the speaker (a
  gazetteer actor id, else the name as written); profiles use the author's voice only;
* agent: who is to act, from the subject of the modal or the "that X" / "for X to" of a
  frame (gazetteer actors, else ``lexicon/stance_agents.txt``). A prescription aimed at
  a third party ("Regional governments should ...") still counts for confrontation,
  with ``agent_group == "other"``.

One statement is one sentence x dimension x voice: its cues are summed and the sign is
the direction (a sentence whose cues cancel out gives no row). ``start, end`` span the
prescriptive cue and the cues behind the row, so ``text[start:end]`` is the evidence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from corpus_tools.extract.mentions import find_mentions
from corpus_tools.extract.speech import quotes
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.measure.stance_cues import (
    CLAUSE_BREAK,
    ROLES,
    Cue,
    Hit,
    Trigger,
    agent_patterns,
    compile_pattern,
    find_hits,
    find_imperatives,
    find_triggers,
    is_negated,
    negation_cues,
    target_patterns,
)
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
_AFTER_KINDS = frozenset({"modal", "frame", "call", "cancel"})
_PRONOUN_OPENERS = re.compile(r"^\W*(?:it|this|that|these|they|such)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- voice


@dataclass(frozen=True)
class _Voice:
    """A stretch of text in someone else's voice."""

    start: int
    end: int
    voice: str
    speech: str  # "quote", "reported" or "call"


_SPEECH_KINDS = {"direct": "quote", "reported": "reported"}
_AUTHOR_SPEAKERS = frozenset({"i", "we"})


def _voices(quote_rows: pd.DataFrame, sentence_rows: Sequence[tuple[int, int, int]]) -> dict[int, list[_Voice]]:
    """Non-author stretches of every sentence of one unit, keyed by sent_id, from the
    package's one speech attributor (:func:`corpus_tools.extract.speech.find_quotes`)."""
    out: dict[int, list[_Voice]] = {}
    if quote_rows.empty:
        return out
    starts = [s for _, s, _ in sentence_rows]
    for q in quote_rows.itertuples(index=False):
        speaker = q.speaker if isinstance(q.speaker, str) and q.speaker else "unknown speaker"
        if speaker.lower() in _AUTHOR_SPEAKERS:
            continue
        k = max(bisect.bisect_right(starts, q.start) - 1, 0)
        while k < len(sentence_rows) and sentence_rows[k][1] < q.end:
            sent_id, s, e = sentence_rows[k]
            if q.start < e and q.end > s:
                out.setdefault(sent_id, []).append(_Voice(max(q.start, s), min(q.end, e), speaker, _SPEECH_KINDS[q.kind]))
            k += 1
    return out


def _mention_at(mentions: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Mentions inside [start, end)."""
    return mentions[(mentions["start"] >= start) & (mentions["end"] <= end)]


def _voice_at(voices: Sequence[_Voice], pos: int) -> tuple[str, str]:
    """(voice, speech) at a position: the innermost non-author stretch, else the author."""
    inside = [v for v in voices if v.start <= pos < v.end]
    if not inside:
        return AUTHOR, "author"
    v = min(inside, key=lambda v: v.end - v.start)
    return v.voice, v.speech



def _has_target(ntext: str, s: int, e: int, sent_mentions: pd.DataFrame, suspects: tuple[str, ...]) -> bool:
    """True if the sentence names a suspect group or the perpetrators."""
    if sent_mentions["group"].isin(list(suspects)).any():
        return True
    return any(regex.search(ntext, s, e) for regex in target_patterns())


def _names(sent_mentions: pd.DataFrame, prev_mentions: pd.DataFrame, ntext: str, s: int,
           *, column: str, value: str) -> bool:
    """True if the sentence mentions ``value`` (in ``column``), or opens with a pronoun
    after a sentence that does."""
    if (sent_mentions[column] == value).any():
        return True
    return bool(_PRONOUN_OPENERS.match(ntext[s:s + 12])) and (prev_mentions[column] == value).any()


# --------------------------------------------------------------------------- agents


def _agent_in(ntext: str, lo: int, hi: int, mentions: pd.DataFrame, case: Case) -> tuple[str, str]:
    """The first actor in text[lo:hi]: (agent, agent_group), or ("", "")."""
    found = _mention_at(mentions, lo, hi)
    best: tuple[int, str, str] | None = None
    if len(found):
        row = found.iloc[0]
        best = (int(row["start"]), str(row["actor"]), str(row["group"]))
    for group, label, regex in agent_patterns(case):
        m = regex.search(ntext, lo, hi)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label, group)
    return (best[1], best[2]) if best else ("", "")


def _agent(ntext: str, s: int, e: int, trigger: Trigger, mentions: pd.DataFrame, case: Case) -> tuple[str, str]:
    """Who is to act on a prescription: "that X"/"for X to" after a frame, else the subject."""
    if trigger.kind == "imperative":
        return "", ""
    if trigger.kind == "frame":
        m = re.match(r"\s*(?:that|for)\s+", ntext[trigger.end:e])
        if m or re.search(r"\b(?:that|for)$", trigger.surface):
            lo = trigger.end + (m.end() if m else 0)
            to = re.search(r"\b(?:to|should|must|takes?|is|are)\b", ntext[lo:e])
            agent = _agent_in(ntext, lo, lo + (to.start() if to else 60), mentions, case)
            if agent[0]:
                return agent
    if trigger.kind == "modal":
        passive = re.match(r"(?:\s+\w+)?\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en)\b(?!\s+to\b)", ntext[trigger.end:e])
        if passive:  # "should be emulated by future premiers"; without "by", the subject is acted upon
            by = re.match(r"\s+by\s+", ntext[trigger.end + passive.end():e])
            lo = trigger.end + passive.end() + (by.end() if by else 0)
            return _agent_in(ntext, lo, min(e, lo + 40), mentions, case) if by else ("", "")
    head = ntext[s:trigger.start]
    breaks = list(CLAUSE_BREAK.finditer(head))
    lo = s + breaks[-1].end() if breaks else s
    return _agent_in(ntext, lo, trigger.start, mentions, case)


# --------------------------------------------------------------------------- statements


def _governing(hit: Hit, triggers: Sequence[Trigger]) -> Trigger | None:
    """The prescriptive cue whose scope holds ``hit``: the nearest after-scope cue before
    it (an imperative at it), else a whole-sentence endorsement."""
    before = [t for t in triggers if (t.kind in _AFTER_KINDS and t.end <= hit.start) or (t.kind == "imperative" and t.start == hit.start)]
    if before:
        return max(before, key=lambda t: t.start)
    endorse = [t for t in triggers if t.kind == "endorse"]
    return endorse[0] if endorse else None


def _needs_scope(cue: Cue) -> bool:
    return cue.dimension == "confrontation" or "P" in cue.flags


def _cue_voice(pos: int, trigger: Trigger | None, triggers: Sequence[Trigger], voices: Sequence[_Voice],
               ntext: str, s: int, mentions: pd.DataFrame, case: Case) -> tuple[str, str]:
    """Whose statement a cue is: the voice at its prescriptive cue, or the caller of a call."""
    voice = _voice_at(voices, trigger.start if trigger else pos)
    if trigger is not None and trigger.kind == "call" and voice[0] == AUTHOR:
        endorsed = any(t.kind == "endorse" and _voice_at(voices, t.start)[0] == AUTHOR for t in triggers)
        caller, _ = _agent_in(ntext, s, trigger.start, mentions, case)
        if caller and not endorsed:
            return caller, "call"
    return voice


def _sentence_statements(ntext: str, s: int, e: int, sent_mentions: pd.DataFrame, prev_mentions: pd.DataFrame,
                         voices: Sequence[_Voice], case: Case) -> list[dict]:
    """Stance statements of one sentence (without unit keys)."""
    hits = find_hits(ntext, s, e)
    if not hits:
        return []
    triggers = find_triggers(ntext, s, e)
    triggers = sorted(triggers + find_imperatives(ntext, s, e, hits), key=lambda t: t.start)
    _, denials = negation_cues()
    denial_end = min((m.end() for d in denials for m in d.finditer(ntext, s, e)), default=None)
    target = None
    groups: dict[tuple[str, str, str], list] = {}
    for hit in hits:
        cue = hit.cue
        if cue.dimension == "confrontation" and "T" in cue.flags:
            target = _has_target(ntext, s, e, sent_mentions, case.suspects) if target is None else target
            if not target:
                continue
        if cue.dimension == "response" and (case.response_group is None or not _names(
                sent_mentions, prev_mentions, ntext, s, column="group", value=case.response_group)):
            continue
        if cue.dimension == "target" and not _names(sent_mentions, prev_mentions, ntext, s, column="actor", value=case.target):
            continue
        trigger = _governing(hit, triggers) if _needs_scope(cue) else None
        if _needs_scope(cue) and (trigger is None or trigger.kind == "cancel"):
            continue
        if trigger is None and denial_end is not None and hit.start >= denial_end:
            continue
        lo = trigger.end if trigger is not None and trigger.end <= hit.start else s
        negated = is_negated(ntext, lo, hit.start)
        direction = cue.direction * (-1 if negated else 1) * (-1 if trigger is not None and trigger.negated else 1)
        voice, speech = _cue_voice(hit.start, trigger, triggers, voices, ntext, s, sent_mentions, case)
        groups.setdefault((cue.dimension, voice, speech), []).append((hit, trigger, direction, negated))
    names = dict(zip(ROLES, case.stance_dimensions))
    return [_statement_row(ntext, s, e, names[dim], voice, speech, items, sent_mentions, case)
            for (dim, voice, speech), items in groups.items() if sum(d for _, _, d, _ in items) != 0]


def _statement_row(ntext: str, s: int, e: int, dimension: str, voice: str, speech: str, items: list,
                   sent_mentions: pd.DataFrame, case: Case) -> dict:
    """Assemble one statement from the cues behind it."""
    triggers = [t for _, t, _, _ in items if t is not None]
    spans = [(h.start, h.end) for h, _, _, _ in items] + [(t.start, t.end) for t in triggers if t.end > t.start]
    first = triggers[0] if triggers else None
    agent, group = _agent(ntext, s, e, first, sent_mentions, case) if first is not None else ("", "")
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
        "modal": " | ".join(dict.fromkeys(t.surface or "(imperative)" for t in triggers)),
        "negated": any(neg or (t is not None and t.negated) for _, t, _, neg in items),
    }


def _unit_statements(text: str, sentence_rows: Sequence[tuple[int, int, int]], mentions: pd.DataFrame,
                     quote_rows: pd.DataFrame, case: Case) -> list[dict]:
    """Stance statements of one unit, with sent_id and the sentence text."""
    ntext = normalize_text(text)
    voices = _voices(quote_rows, sentence_rows)
    by_sent = dict(tuple(mentions.groupby("sent_id"))) if len(mentions) else {}
    empty = mentions.iloc[0:0]
    rows = []
    for k, (sent_id, s, e) in enumerate(sentence_rows):
        prev = by_sent.get(sentence_rows[k - 1][0], empty) if k else empty
        for row in _sentence_statements(ntext, s, e, by_sent.get(sent_id, empty), prev, voices.get(sent_id, []), case):
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
) -> pd.DataFrame:
    """Find every prescriptive or evaluative stance statement in every unit.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: The case: suspects, target, response group, dimension names (None: the
            bundled corpus's).
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the same units, if at hand.
        quote_table: :func:`corpus_tools.quotes` of the same units, if at hand.

    Returns:
        One row per statement (sentence x dimension x voice): unit_id, sent_id, start,
        end (the evidence span), dimension, direction (+1/-1), cue (the cues, "not ..."
        when negated), text (the sentence), voice ("author" or the speaker), speech
        (author, quote, reported, call), agent and agent_group (who is to act, "" when
        unstated), kind (prescription or evaluation), modal (the prescriptive cue),
        negated (whether a negation flipped a cue).
    """
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    if mentions is None:
        mentions = find_mentions(units, case=case, sentence_table=sents)
    if quote_table is None:
        quote_table = quotes(units, case=case, sentence_table=sents, mentions=mentions)
    sent_groups = dict(tuple(sents.groupby("unit_id", sort=False)))
    mention_groups = dict(tuple(mentions.groupby("unit_id", sort=False)))
    quote_groups = dict(tuple(quote_table.groupby("unit_id", sort=False)))
    empty_mentions, empty_quotes = mentions.iloc[0:0], quote_table.iloc[0:0]
    rows = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = sent_groups.get(unit_id)
        if unit_sents is None:
            continue
        spans = list(zip(unit_sents["sent_id"], unit_sents["start"], unit_sents["end"]))
        for row in _unit_statements(text, spans, mention_groups.get(unit_id, empty_mentions),
                                    quote_groups.get(unit_id, empty_quotes), case):
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
