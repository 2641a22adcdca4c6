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
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from corpus_tools.evaluate.stats import DEFAULT_SEED, bootstrap_mean_ci
from corpus_tools.extract.mentions import find_mentions
from corpus_tools.extract.speech import quotes
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.lexicon import read_tab_rows, read_word_list
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences
from corpus_tools.viz.evidence import with_sentences

__all__ = [
    "ROLES",
    "STATEMENT_COLUMNS",
    "compile_pattern",
    "headline_check",
    "pairwise_concordance",
    "stance_evidence",
    "stance_profile",
    "stance_statements",
    "stance_statements_in_text",
    "stance_summary",
]

# The three dimensions by role; their names in the output come from the case
# (confrontation, the target's dimension, the response's dimension).
ROLES: tuple[str, ...] = ("confrontation", "target", "response")
STATEMENT_COLUMNS = [
    "unit_id",
    "sent_id",
    "start",
    "end",
    "dimension",
    "direction",
    "cue",
    "text",
    "voice",
    "speech",
    "agent",
    "agent_group",
    "kind",
    "modal",
    "negated",
]
NEGATION_WINDOW = 3  # words before a cue in which a negator flips it
AUTHOR = "author"
_AFTER_KINDS = frozenset({"modal", "frame", "call", "cancel"})
_PRONOUN_OPENERS = re.compile(r"^\W*(?:it|this|that|these|they|such)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w]+(?:['-][\w]+)*")
_CLAUSE_BREAK = re.compile(r"[;:(\u2014\u2013]|,|\s-\s|\s--\s")
_CLAUSE_NEGATORS = frozenset({"neither", "nor"})  # "neither the embassy nor the White House lifted a finger"
_OBJECT_STARTS = frozenset("the a an him her them it their his its these those all any every".split())
_NOT_SUBJECT_START = frozenset("the a an this that these those he she they we it i you his her their its our".split())


# --------------------------------------------------------------------------- cue files


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a cue-list pattern to a case-insensitive regex on whole words.

    Syntax: words separated by spaces; ``word*`` matches words starting with ``word``;
    ``a|b`` matches either; ``(a|b)?`` is optional; ``...`` allows up to four words.

    Args:
        pattern: One pattern as written in a ``stance_*.txt`` file.

    Returns:
        The compiled regex (matches never start or end inside a hyphenated word).
    """
    gap = r"(?:\s+[\w'-]+){0,4}?"
    body, pending_gap, first = "", False, True
    for token in pattern.split():
        if token == "...":
            pending_gap = True
            continue
        optional = token.startswith("(") and token.endswith(")?")
        words = token[1:-2] if optional else token
        alts = [re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in words.split("|")]
        piece = "(?:" + "|".join(alts) + ")"
        sep = "" if first else (gap if pending_gap else "") + r"\s+"
        if optional and first:
            body += f"(?:{piece}\\s+)?"
            continue  # the next token needs no separator
        body += f"(?:{sep}{piece})?" if optional else sep + piece
        pending_gap, first = False, False
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """One cue of a stance cue list."""

    dimension: str
    direction: int
    pattern: str
    regex: re.Pattern[str]
    flags: frozenset[str]


@dataclass(frozen=True)
class Trigger:
    """One prescriptive cue found in a text."""

    start: int
    end: int
    kind: str
    negated: bool
    surface: str


@dataclass(frozen=True)
class Hit:
    """One stance cue found in a text."""

    start: int
    end: int
    cue: Cue
    surface: str


@cache
def load_cues() -> tuple[Cue, ...]:
    """Read the three dimension cue lists (``lexicon/stance_<role>.txt``).

    Returns:
        Every cue of every dimension (``Cue.dimension`` is the role).
    """
    cues = []
    for dimension in ROLES:
        for fields in read_tab_rows(f"stance_{dimension}.txt"):
            direction, pattern = int(fields[0]), fields[1]
            flags = frozenset(fields[2]) if len(fields) > 2 else frozenset()
            cues.append(Cue(dimension, direction, pattern, compile_pattern(pattern), flags))
    return tuple(cues)


@cache
def _modality() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, compile_pattern(p)) for kind, p in read_tab_rows("stance_modality.txt") if kind != "epistemic")


@cache
def _epistemic() -> frozenset[str]:
    return frozenset(p.lower() for kind, p in read_tab_rows("stance_modality.txt") if kind == "epistemic")


@cache
def _negation() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    rows = read_tab_rows("stance_negation.txt")
    return (
        frozenset(w.lower() for kind, w in rows if kind == "negator"),
        tuple(compile_pattern(p) for kind, p in rows if kind == "denial"),
    )


@cache
def _targets() -> tuple[re.Pattern[str], ...]:
    return tuple(compile_pattern(p) for p in read_word_list("stance_targets.txt"))


@cache
def _agents(case: Case) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    rows = read_tab_rows("stance_agents.txt", extra=case.lexicon)
    compiled = []
    for group, label, pattern in rows:
        regex = compile_pattern(pattern)
        if pattern != pattern.lower():  # capitalised names ("Iraq", "the West") stay capitalised
            regex = re.compile(regex.pattern)
        compiled.append((group, label, regex))
    return tuple(compiled)


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


# --------------------------------------------------------------------------- finding cues


def _words_before(ntext: str, lo: int, pos: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``pos`` (not before ``lo``), stopping at punctuation."""
    stretch = ntext[lo:pos]
    breaks = list(_CLAUSE_BREAK.finditer(stretch))
    if breaks:
        stretch = stretch[breaks[-1].end() :]
    return [w.lower() for w in re.findall(r"[\w']+", stretch)][-n:]


def _is_negated(ntext: str, lo: int, pos: int) -> bool:
    """True if a negator stands within NEGATION_WINDOW words before ``pos`` (after ``lo``)."""
    negators, _ = _negation()
    if any(w in negators or w.endswith("n't") for w in _words_before(ntext, lo, pos, NEGATION_WINDOW)):
        return True
    return any(w in _CLAUSE_NEGATORS for w in _words_before(ntext, lo, pos, 50))


def _modal_is_prescriptive(ntext: str, match: re.Match[str], s: int) -> bool:
    """False for epistemic and conditional uses of should/must."""
    word = match.group(0).lower()
    after = ntext[match.end() : match.end() + 40]
    nxt = re.match(r"\s+(?:not\s+|n't\s+)?([\w']+)(?:\s+([\w']+))?", after)
    if word in ("should", "must"):
        if re.match(r"n't|\s+not\b", after) is None and nxt is None:
            return False
        if nxt:
            first, second = nxt.group(1), (nxt.group(2) or "")
            if first.lower() in _epistemic():
                return False
            if word == "must" and (first.lower() == "have" or (first.lower() == "be" and second.lower().endswith("ing"))):
                return False
            if word == "should" and (first.lower() in _NOT_SUBJECT_START - {"not"} or (first[:1].isupper() and first != "I")):
                return False
    return True


def _negatable(kind: str, surface: str) -> bool:
    """True for a modal that "not" right after negates ("should not"), not "can help by not"."""
    return kind == "modal" and not surface.lower().endswith(" by")


def _triggers(ntext: str, s: int, e: int) -> list[Trigger]:
    """Prescriptive cues in the sentence [s, e), longest first where they overlap."""
    found = []
    for kind, regex in _modality():
        for m in regex.finditer(ntext, s, e):
            if kind == "modal" and not _modal_is_prescriptive(ntext, m, s):
                continue
            neg = re.match(r"(?:n't|\s+not\b|\s+never\b)", ntext[m.end() : e]) if _negatable(kind, m.group(0)) else None
            end = m.end() + (neg.end() if neg else 0)
            found.append(Trigger(m.start(), end, kind, bool(neg), ntext[m.start() : end]))
    return _longest(found)


def _longest(items: list) -> list:
    """Drop items overlapping a longer (then earlier) one; return the rest by start."""
    kept: list = []
    for item in sorted(items, key=lambda t: (-(t.end - t.start), t.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda t: t.start)


def _hits(ntext: str, s: int, e: int) -> list[Hit]:
    """Stance cues in the sentence [s, e); within a dimension the longer cue wins."""
    hits = []
    for dimension in ROLES:
        found = [
            Hit(m.start(), m.end(), cue, ntext[m.start() : m.end()])
            for cue in load_cues()
            if cue.dimension == dimension
            for m in cue.regex.finditer(ntext, s, e)
        ]
        hits += _longest(found)
    return hits


def _imperatives(ntext: str, s: int, e: int, hits: Sequence[Hit]) -> list[Trigger]:
    """Clauses opening with a bare confrontation verb: "..., target him"."""
    out = []
    for hit in hits:
        if hit.cue.dimension != "confrontation" or not hit.cue.pattern.split()[0].split("|")[0].isalpha():
            continue
        before = ntext[s : hit.start]
        at_start = not before.strip()
        after_condition = re.search(r"[;:]\s*$", before) or (
            re.search(r",\s*$", before) and re.match(r"\s*(?:if|when|once|unless)\b", before, re.IGNORECASE)
        )
        base = hit.surface.split()[0].lower() == hit.cue.pattern.split()[0].split("|")[0]
        nxt = re.match(r"\s+([\w']+)", ntext[hit.end : e]) if len(hit.surface.split()) == 1 else None
        takes_object = len(hit.surface.split()) > 1 or (
            nxt is not None and (nxt.group(1).lower() in _OBJECT_STARTS or nxt.group(1)[:1].isupper())
        )
        if (at_start or after_condition) and base and takes_object:
            out.append(Trigger(hit.start, hit.start, "imperative", False, ""))
    return out


def _has_target(ntext: str, s: int, e: int, sent_mentions: pd.DataFrame, suspects: tuple[str, ...]) -> bool:
    """True if the sentence names a suspect group or the perpetrators."""
    if sent_mentions["group"].isin(list(suspects)).any():
        return True
    return any(regex.search(ntext, s, e) for regex in _targets())


def _names(sent_mentions: pd.DataFrame, prev_mentions: pd.DataFrame, ntext: str, s: int, *, column: str, value: str) -> bool:
    """True if the sentence mentions ``value`` (in ``column``), or opens with a pronoun
    after a sentence that does."""
    if (sent_mentions[column] == value).any():
        return True
    return bool(_PRONOUN_OPENERS.match(ntext[s : s + 12])) and (prev_mentions[column] == value).any()


# --------------------------------------------------------------------------- agents


def _agent_in(ntext: str, lo: int, hi: int, mentions: pd.DataFrame, case: Case) -> tuple[str, str]:
    """The first actor in text[lo:hi]: (agent, agent_group), or ("", "")."""
    found = _mention_at(mentions, lo, hi)
    best: tuple[int, str, str] | None = None
    if len(found):
        row = found.iloc[0]
        best = (int(row["start"]), str(row["actor"]), str(row["group"]))
    for group, label, regex in _agents(case):
        m = regex.search(ntext, lo, hi)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label, group)
    return (best[1], best[2]) if best else ("", "")


def _agent(ntext: str, s: int, e: int, trigger: Trigger, mentions: pd.DataFrame, case: Case) -> tuple[str, str]:
    """Who is to act on a prescription: "that X"/"for X to" after a frame, else the subject."""
    if trigger.kind == "imperative":
        return "", ""
    if trigger.kind == "frame":
        m = re.match(r"\s*(?:that|for)\s+", ntext[trigger.end : e])
        if m or re.search(r"\b(?:that|for)$", trigger.surface):
            lo = trigger.end + (m.end() if m else 0)
            to = re.search(r"\b(?:to|should|must|takes?|is|are)\b", ntext[lo:e])
            agent = _agent_in(ntext, lo, lo + (to.start() if to else 60), mentions, case)
            if agent[0]:
                return agent
    if trigger.kind == "modal":
        passive = re.match(r"(?:\s+\w+)?\s+be\s+(?:\w+ly\s+)?\w+(?:ed|en)\b(?!\s+to\b)", ntext[trigger.end : e])
        if passive:  # "should be emulated by future premiers"; without "by", the subject is acted upon
            by = re.match(r"\s+by\s+", ntext[trigger.end + passive.end() : e])
            lo = trigger.end + passive.end() + (by.end() if by else 0)
            return _agent_in(ntext, lo, min(e, lo + 40), mentions, case) if by else ("", "")
    head = ntext[s : trigger.start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
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


def _cue_voice(
    pos: int,
    trigger: Trigger | None,
    triggers: Sequence[Trigger],
    voices: Sequence[_Voice],
    ntext: str,
    s: int,
    mentions: pd.DataFrame,
    case: Case,
) -> tuple[str, str]:
    """Whose statement a cue is: the voice at its prescriptive cue, or the caller of a call."""
    voice = _voice_at(voices, trigger.start if trigger else pos)
    if trigger is not None and trigger.kind == "call" and voice[0] == AUTHOR:
        endorsed = any(t.kind == "endorse" and _voice_at(voices, t.start)[0] == AUTHOR for t in triggers)
        caller, _ = _agent_in(ntext, s, trigger.start, mentions, case)
        if caller and not endorsed:
            return caller, "call"
    return voice


def _sentence_statements(
    ntext: str, s: int, e: int, sent_mentions: pd.DataFrame, prev_mentions: pd.DataFrame, voices: Sequence[_Voice], case: Case
) -> list[dict]:
    """Stance statements of one sentence (without unit keys)."""
    hits = _hits(ntext, s, e)
    if not hits:
        return []
    triggers = _triggers(ntext, s, e)
    triggers = sorted(triggers + _imperatives(ntext, s, e, hits), key=lambda t: t.start)
    _, denials = _negation()
    denial_end = min((m.end() for d in denials for m in d.finditer(ntext, s, e)), default=None)
    target = None
    groups: dict[tuple[str, str, str], list] = {}
    for hit in hits:
        cue = hit.cue
        if cue.dimension == "confrontation" and "T" in cue.flags:
            target = _has_target(ntext, s, e, sent_mentions, case.suspects) if target is None else target
            if not target:
                continue
        if cue.dimension == "response" and (
            case.response_group is None or not _names(sent_mentions, prev_mentions, ntext, s, column="group", value=case.response_group)
        ):
            continue
        if cue.dimension == "target" and not _names(sent_mentions, prev_mentions, ntext, s, column="actor", value=case.target):
            continue
        trigger = _governing(hit, triggers) if _needs_scope(cue) else None
        if _needs_scope(cue) and (trigger is None or trigger.kind == "cancel"):
            continue
        if trigger is None and denial_end is not None and hit.start >= denial_end:
            continue
        lo = trigger.end if trigger is not None and trigger.end <= hit.start else s
        negated = _is_negated(ntext, lo, hit.start)
        direction = cue.direction * (-1 if negated else 1) * (-1 if trigger is not None and trigger.negated else 1)
        voice, speech = _cue_voice(hit.start, trigger, triggers, voices, ntext, s, sent_mentions, case)
        groups.setdefault((cue.dimension, voice, speech), []).append((hit, trigger, direction, negated))
    names = dict(zip(ROLES, case.stance_dimensions))
    return [
        _statement_row(ntext, s, e, names[dim], voice, speech, items, sent_mentions, case)
        for (dim, voice, speech), items in groups.items()
        if sum(d for _, _, d, _ in items) != 0
    ]


def _statement_row(
    ntext: str, s: int, e: int, dimension: str, voice: str, speech: str, items: list, sent_mentions: pd.DataFrame, case: Case
) -> dict:
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


def _unit_statements(
    text: str, sentence_rows: Sequence[tuple[int, int, int]], mentions: pd.DataFrame, quote_rows: pd.DataFrame, case: Case
) -> list[dict]:
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
        for row in _unit_statements(
            text, spans, mention_groups.get(unit_id, empty_mentions), quote_groups.get(unit_id, empty_quotes), case
        ):
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


# --------------------------------------------------------------------------- profiles


def stance_profile(
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    statements: pd.DataFrame | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    voices: Iterable[str] = (AUTHOR,),
) -> pd.DataFrame:
    """One stance profile per unit: the mean direction of its statements on each dimension.

    Args:
        units: The units table.
        case: As for :func:`stance_statements` (names the dimensions).
        statements: :func:`stance_statements` of the same units, if at hand.
        sentence_table: Passed to :func:`stance_statements` when ``statements`` is None.
        mentions: Passed to :func:`stance_statements` when ``statements`` is None.
        voices: Whose statements count; default the author's only.

    Returns:
        One row per unit (in ``units`` order): unit_id, then the case's three dimensions
        (confrontation, the target's, the response's; each in [-1, 1], NaN where the
        unit has no statement on it), and n_<dimension> (the statements behind each). The
        rows behind a unit's score are ``statements[statements.unit_id == unit_id]``
        (see :func:`stance_evidence`).
    """
    case = resolve_case(case)
    dims = list(case.stance_dimensions)
    if statements is None:
        statements = stance_statements(units, case=case, sentence_table=sentence_table, mentions=mentions)
    own = statements[statements["voice"].isin(list(voices))]
    grid = pd.MultiIndex.from_product([units["unit_id"], dims], names=["unit_id", "dimension"])
    stats = own.groupby(["unit_id", "dimension"])["direction"].agg(["mean", "size"]).reindex(grid)
    means = stats["mean"].unstack("dimension").reindex(units["unit_id"])[dims]
    counts = stats["size"].fillna(0).astype("int64").unstack("dimension").reindex(units["unit_id"])[dims]
    profile = pd.concat([means, counts.add_prefix("n_")], axis=1).reset_index()
    profile.columns.name = None
    return profile[["unit_id", *dims, *(f"n_{d}" for d in dims)]]


def stance_evidence(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    sentence_table: pd.DataFrame,
    *,
    unit_id: str | None = None,
    dimension: str | None = None,
) -> pd.DataFrame:
    """The statements behind a profile, each in its sentence with the evidence marked [[ ]].

    Args:
        statements: :func:`stance_statements`.
        units: The units table.
        sentence_table: :func:`corpus_tools.sentences` of the same units.
        unit_id: Keep one unit only.
        dimension: Keep one dimension only.

    Returns:
        ``statements`` (filtered) with a ``sentence`` column from
        :func:`corpus_tools.viz.evidence.with_sentences`.
    """
    rows = statements
    if unit_id is not None:
        rows = rows[rows["unit_id"] == unit_id]
    if dimension is not None:
        rows = rows[rows["dimension"] == dimension]
    return with_sentences(rows.reset_index(drop=True), units, sentence_table)


def stance_summary(
    statements: pd.DataFrame,
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    by: str = "outlet",
    voices: Iterable[str] = (AUTHOR,),
    n_boot: int = 2000,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Mean direction per group and dimension, with counts and a bootstrap interval.

    Args:
        statements: :func:`stance_statements`.
        case: The case that names the dimensions (None: the bundled corpus's).
        units: The units table (for ``by``).
        by: A units column to group by (outlet, publisher, unit_id, ...).
        voices: Whose statements count; default the author's only.
        n_boot: Bootstrap resamples of the statements (seeded: same numbers every run).
        seed: Random seed (:func:`corpus_tools.evaluate.stats.bootstrap_mean_ci`).

    Returns:
        One row per group and dimension: ``by``, dimension, n_units (units with a
        statement), n_statements, n_pos, n_neg, mean, ci_low, ci_high (95% percentile
        bootstrap over statements; with a handful of statements it is wide, and with all
        of one sign it collapses to that sign).
    """
    dims = list(resolve_case(case).stance_dimensions)
    own = (
        statements[statements["voice"].isin(list(voices))].merge(units[["unit_id", by]].drop_duplicates(), on="unit_id")
        if by != "unit_id"
        else statements[statements["voice"].isin(list(voices))]
    )
    rows = []
    for group in sorted(units[by].unique()):
        for dimension in dims:
            part = own[(own[by] == group) & (own["dimension"] == dimension)]
            values = part["direction"].astype(float).tolist()
            mean, lo, hi = bootstrap_mean_ci(values, n_boot=n_boot, seed=seed)
            rows.append(
                {
                    by: group,
                    "dimension": dimension,
                    "n_units": part["unit_id"].nunique(),
                    "n_statements": len(values),
                    "n_pos": int((part["direction"] > 0).sum()),
                    "n_neg": int((part["direction"] < 0).sum()),
                    "mean": mean,
                    "ci_low": lo,
                    "ci_high": hi,
                }
            )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- outside check


def pairwise_concordance(reference: Sequence[float], measure: Sequence[float]) -> dict[str, float]:
    """Compare two orderings of the same items pair by pair.

    Args:
        reference: The outside judgement (e.g. headline codes -1/0/+1).
        measure: The measured scores, same order (NaN not allowed: decide first).

    Returns:
        n_items; n_pairs (pairs the reference orders, i.e. not tied there); concordant,
        discordant and tied (tied in the measure only) among those; concordance
        (concordant / n_pairs); tau_b (Kendall's tau-b over all pairs, ties in both
        corrected; NaN if either side is constant).
    """
    ref, mea = list(map(float, reference)), list(map(float, measure))
    if len(ref) != len(mea) or any(math.isnan(v) for v in ref + mea):
        raise ValueError("reference and measure must have the same length and no NaN")
    conc = disc = tied = ties_ref = ties_mea = 0
    for i in range(len(ref)):
        for j in range(i + 1, len(ref)):
            a, b = ref[i] - ref[j], mea[i] - mea[j]
            ties_ref += a == 0
            ties_mea += b == 0
            if a == 0:
                continue
            if b == 0:
                tied += 1
            elif (a > 0) == (b > 0):
                conc += 1
            else:
                disc += 1
    n0 = len(ref) * (len(ref) - 1) // 2
    denom = math.sqrt((n0 - ties_ref) * (n0 - ties_mea))
    # tau-b numerator: concordant minus discordant over pairs tied in neither
    return {
        "n_items": len(ref),
        "n_pairs": conc + disc + tied,
        "concordant": conc,
        "discordant": disc,
        "tied": tied,
        "concordance": conc / (conc + disc + tied) if conc + disc + tied else math.nan,
        "tau_b": (conc - disc) / denom if denom else math.nan,
    }


def headline_check(
    profile: pd.DataFrame,
    headlines: pd.DataFrame,
    *,
    dimension: str = "confrontation",
    nan_as: float | None = 0.0,
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Compare the measure with codes read off the units' headlines.

    Args:
        profile: :func:`stance_profile`.
        headlines: One row per unit: unit_id and a ``dimension`` column holding the code
            (e.g. ``tests/data/stance_headlines.csv``).
        dimension: Which dimension to compare.
        nan_as: The measure's value for a unit with no statement on the dimension (0:
            says nothing, so neither side); None drops those units instead.

    Returns:
        The joined table (unit_id, headline, code, measure, n, measure_used) and the
        summary of :func:`pairwise_concordance` over the units kept.
    """
    table = headlines.rename(columns={dimension: "code"}).merge(
        profile[["unit_id", dimension, f"n_{dimension}"]].rename(columns={dimension: "measure", f"n_{dimension}": "n"}),
        on="unit_id",
        how="left",
    )
    if nan_as is None:
        table = table[table["measure"].notna()].copy()
        table["measure_used"] = table["measure"]
    else:
        table["measure_used"] = table["measure"].fillna(nan_as)
    return table.reset_index(drop=True), pairwise_concordance(table["code"], table["measure_used"])
