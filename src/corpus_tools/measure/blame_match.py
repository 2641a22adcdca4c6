"""Blame frames matched in prepared sentences, and the certainty of each match.

A match links the head actors of a frame's actor phrase to its responsibility cue; its
certainty comes from hedges, boosters, negative evaluations and negation around it (see
:mod:`corpus_tools.measure.blame`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corpus_tools.measure.blame_clauses import Sentence, Slot, marked
from corpus_tools.measure.blame_rules import ADJECTIVE, COORD_FULL, EVENT, MEMBERS, POSSESSOR, Frame, Lexicon, frames
from corpus_tools.text.anchors import AnchorIndex, fold


def default_role(actor: str, group: str, actor_type: str, *, sponsors: tuple[str, ...] = ()) -> str:
    """Role for words that assign responsibility without one ("responsible", "behind").

    A state of a sponsor group (case key "sponsors"), its government and its leaders act
    through others, so "X was behind the attack" is read as sponsorship; every other
    actor (including a sponsor's armed organisations, which can do the deed) as
    perpetration.

    Args:
        actor: Gazetteer actor id.
        group: Its group.
        actor_type: Its gazetteer type (person, organisation, state, government).
        sponsors: The case's sponsor groups.

    Returns:
        "sponsor" or "perpetrator".
    """
    actor_type = actor_type.removeprefix(ADJECTIVE)
    return "sponsor" if group in sponsors and actor_type in ("state", "government", "person") else "perpetrator"


@dataclass(frozen=True)
class Raw:
    """A frame match for one head actor, before certainty and voice."""

    sent: Sentence
    slot: Slot
    frame: Frame
    role: str
    negative: bool
    cue: str
    match_start: int
    match_end: int
    cue_start: int
    clause: int
    speaker: Slot | None = None


_SPEAKS = re.compile(r"\s+(?:said|says|told|added|adds|stated|noted|explained|insisted|stressed|wrote)\b", re.IGNORECASE)


def postposed_speaker(sent: Sentence) -> Slot | None:
    """The actor of a closing attribution ("..., the police chief said."), if any."""
    for slot in reversed(sent.slots):
        if sent.masked[: slot.start].rstrip().endswith(",") and _SPEAKS.match(sent.masked, slot.end):
            return slot
    return None


def _heads(masked: str, a_start: int, a_end: int, slots: list[Slot]) -> list[Slot]:
    """The head actors of a matched noun phrase: coordinated mentions, not possessors,
    "of"-complements, "backed by" patrons, bracketed repetitions or a closing speaker
    ("..., the police chief said")."""
    inside = [s for s in slots if a_start <= s.start < a_end and not _SPEAKS.match(masked, s.end)]
    heads: list[Slot] = []
    prev: Slot | None = None
    for slot in inside:
        if prev is None:
            heads = [slot]
        else:
            between = masked[prev.end : slot.start]
            if POSSESSOR.fullmatch(between) and prev in heads:
                heads[heads.index(prev)] = slot
            elif (COORD_FULL.fullmatch(between) or MEMBERS.fullmatch(between)) and prev in heads:
                heads.append(slot)
        prev = slot
    return heads


@cache
def _frame_index() -> AnchorIndex:
    return AnchorIndex([frame.pattern for frame in frames()])


def sentence_matches(sent: Sentence, unit_in_scope: bool) -> list[Raw]:
    """Every claim every frame yields in every clause of one sentence, frame by frame.

    The same as calling :func:`frame_matches` for each frame and clause, but a frame
    is skipped in a clause that lacks its anchor words (:mod:`corpus_tools.text.anchors`;
    a frame's match lies inside its clause) and in a sentence that lacks its mask characters.
    """
    every = frames()
    masked = sent.masked
    index = _frame_index()
    present = [set(index.candidates(fold(masked[a:b]))) for a, b in sent.clauses]
    out: list[Raw] = []
    for k in sorted(set().union(*present)):
        frame = every[k]
        if all(c in masked for c in frame.needs):
            for clause, kept in enumerate(present):
                if k in kept:
                    out += frame_matches(sent, frame, clause, unit_in_scope)
    return out


def frame_matches(sent: Sentence, frame: Frame, clause: int, unit_in_scope: bool) -> list[Raw]:
    """Every claim one frame yields in one clause of one sentence."""
    if not sent.clean[clause] and frame.scope != "own":
        return []
    if not unit_in_scope and not frame.has_event:
        return []  # a frame with an event anchor of its own carries its scope
    a, b = sent.clauses[clause]
    masked = sent.masked[a:b]
    if any(c not in masked for c in frame.needs) or (frame.prefilter is not None and not frame.prefilter.search(masked)):
        return []
    lex = sent.lex
    has_actor = "A" in frame.pattern.groupindex
    out = []
    for m in frame.pattern.finditer(sent.masked, a, b):
        if frame.role == "enabler" and re.search(
            r"\b(?:must|should|ought\s+to|needs?\s+to)\b", sent.norm[m.start() : m.end()], re.IGNORECASE
        ):
            continue  # a prescription, not a claim about what happened
        a_start, a_end = m.span("A") if has_actor else (m.start(), m.start())
        if frame.scope == "own" and marked(sent, a, a_start):
            continue  # other violence before the actor: the anchor may not be this attack
        word_role = next((g for g in ("perpetrator", "sponsor", "neutral") if g in m.groupdict() and m.group(g)), None)
        cue_start, cue_end = m.span(word_role) if word_role else m.span()
        cue = sent.norm[cue_start:cue_end] if word_role else _frame_cue(sent, m, a_start, a_end)
        negative = frame.polarity == "-" or _negated(sent, m, a_end, m.end() if frame.role == "claim" else cue_start, lex)
        speakers = _heads(sent.masked, *m.span("S"), sent.slots) if "S" in frame.pattern.groupindex and m.group("S") else []
        heads = _heads(sent.masked, a_start, a_end, sent.slots) if has_actor else _target_slot(sent, m)
        for slot in heads:
            if speakers and slot.actor == speakers[0].actor:
                continue
            if frame.scope == "adjective" and not slot.type.startswith(ADJECTIVE):
                continue
            role = frame.role if frame.role not in ("cue", "neutral", "agent") else (word_role or "neutral")
            if frame.role == "agent":
                role = "agent"
            elif frame.role in ("claim", "stage"):
                role = "perpetrator"
            elif frame.role in ("accuse", "deny"):
                role = "sponsor" if lex.sponsor_words.search(sent.norm[m.end() : b]) else "neutral"
            if role in ("neutral", "deflect", "accuse", "deny"):
                role = default_role(slot.actor, slot.group, slot.type, sponsors=sent.lex.sponsors)
            speaker = speakers[0] if speakers else None
            out.append(Raw(sent, slot, frame, role, negative, cue, m.start(), m.end(), cue_start, clause, speaker))
    return out


def _target_slot(sent: Sentence, m: re.Match[str]) -> list[Slot]:
    """For a frame without an actor (a staging claim): the case target's side, unless the
    target belongs to no side (group ``other``)."""
    lex = sent.lex
    group = lex.actor_groups.get(lex.victim, "other")
    if group == "other":
        return []
    return [Slot(m.start(), m.end(), lex.victim, group, lex.actor_types.get(lex.victim, ""))]


def _frame_cue(sent: Sentence, m: re.Match[str], a_start: int, a_end: int) -> str:
    """The words of a match outside its actor phrase, event anchors shown as [event]."""
    text = sent.norm[m.start() : a_start] + " " + sent.norm[a_end : m.end()]
    masked = sent.masked[m.start() : a_start] + " " + sent.masked[a_end : m.end()]
    words = re.sub(f"{EVENT}+", "[event]", "".join(t if mk != EVENT else EVENT for t, mk in zip(text, masked)))
    return " ".join(words.split())


def _negated(sent: Sentence, m: re.Match[str], a_end: int, cue_start: int, lex: Lexicon) -> bool:
    """A negation between the actor and the cue, or an absence word ("without") just
    before the match or the cue."""
    if a_end <= cue_start and lex.negation.search(sent.norm[a_end:cue_start]):
        return True
    lo = min(m.start(), cue_start)
    before = sent.norm[:lo].split()[-4:]
    window = " ".join(before) + " " + sent.norm[lo:cue_start]
    return bool(lex.absence.search(window))


@dataclass(frozen=True)
class Certainty:
    """A claim's certainty, whether it is negated, the cue words, and whether its sentence
    is a question or a hypothetical (which commits no one)."""

    certainty: str
    negative: bool
    cue: str
    hypothetical: bool = False


def certainty_of(raw: Raw, carried: str, *, spoken_from: int | None = None) -> Certainty:
    """Decide the certainty of one claim (see :mod:`corpus_tools.measure.blame`).

    Args:
        raw: The frame match.
        carried: A hedge or booster carried from the previous sentence ("hedge:likely").
        spoken_from: For a claim in someone's speech, where that speech starts in the
            sentence (hedges before it are the author's, not the speaker's); None for
            the author's own claims, whose hedges come from outside direct quotes.

    Returns:
        The :class:`Certainty`.
    """
    lex = raw.sent.lex
    sent = raw.sent
    clause_start, clause_end = sent.clauses[raw.clause]
    end = max(raw.match_end, raw.cue_start)
    matrix = sent.norm[max(spoken_from, 0) : end] if spoken_from is not None else sent.unquoted[:end]
    hedge = [m.group(0) for m in lex.hedge.finditer(matrix)]
    if raw.frame.strength == "hedge":
        hedge.append("(frame)")
    conditional = lex.conditional.match(sent.norm) or lex.conditional.match(sent.norm[clause_start:clause_end])
    question = sent.norm.rstrip().endswith("?")
    if conditional:
        hedge.append(conditional.group(0).strip(" ,"))
    if question:
        hedge.append("?")
    boost = [m.group(0) for m in lex.boost.finditer(_without(matrix, lex.hedge))]
    if raw.frame.strength == "boost":
        boost.append("only")
    strong = lex.neg_strong.search(matrix)
    weak = lex.neg_weak.search(matrix)
    if carried:
        (hedge if carried.startswith("hedge:") else boost).append(carried.split(":", 1)[1] + " (previous sentence)")
    hypothetical = question or bool(conditional and conditional.group(0).strip(" ,").lower() != "whether")
    if raw.negative:
        if lex.concessive.search(sent.norm[clause_start : raw.cue_start]) or lex.concessive.search(sent.norm[: raw.match_start][-40:]):
            return Certainty("hedged", False, "even if ... not", hypothetical)
        if strong:
            return Certainty("asserted", False, f"{strong.group(0)} ... {raw.cue}", hypothetical)
        if weak:
            return Certainty("hedged", False, f"{weak.group(0)} ... {raw.cue}", hypothetical)
        return Certainty("denied", True, "not/without", hypothetical)
    if (strong or weak) and not _negative_sibling(raw):  # "it is unlikely that Iran ordered it"
        return Certainty("denied", True, (strong or weak).group(0), hypothetical)
    if hedge:
        return Certainty("hedged", False, _join_cues(hedge), hypothetical)
    attribution = lex.attribution.search(matrix)
    if attribution:
        return Certainty("attributed", False, attribution.group(0), hypothetical)
    return Certainty("asserted", False, _join_cues(boost), hypothetical)


def _join_cues(words: list[str]) -> str:
    """Distinct cue words (case-insensitively), in order of appearance."""
    return ", ".join({w.lower(): w for w in reversed(words)}[k] for k in dict.fromkeys(w.lower() for w in words))


def _negative_sibling(raw: Raw) -> bool:
    """True when the claim's clause also holds a negated construction ("... would undertake
    ... without Tehran's approval"): the negative evaluation belongs to that one."""
    lex = raw.sent.lex
    a, b = raw.sent.clauses[raw.clause]
    return bool(lex.absence.search(raw.sent.norm[a:b]) or lex.negation.search(raw.sent.norm[a:b]))


def _without(text: str, rx: re.Pattern[str]) -> str:
    """``text`` with the matches of ``rx`` blanked (so "almost certainly" is no booster)."""
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def carried_cue(prev: Sentence | None, sent: Sentence, prev_claims: int) -> str:
    """A booster or hedge carried from a previous sentence that named the culprits without
    naming anyone ("the affiliation of the perpetrators is not in doubt. Only X ...")."""
    if prev is None or prev.paragraph != sent.paragraph or prev_claims or prev.slots:
        return ""
    if not re.search(r"\b(?:culprits?|perpetrators?|attackers|those\s+responsible)\b", prev.norm, re.IGNORECASE):
        return ""
    lex = sent.lex
    hedge = lex.hedge.search(prev.unquoted)
    if hedge:
        return "hedge:" + hedge.group(0)
    boost = lex.boost.search(_without(prev.unquoted, lex.hedge))
    return "boost:" + boost.group(0) if boost else ""
