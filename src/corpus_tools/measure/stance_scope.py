"""What a stance cue is about and who utters it: suspects, the event, the caller.

Helpers of :mod:`corpus_tools.measure.stance`, each reading a documented list:

* :func:`aimed_at_suspects`: is a confrontation cue aimed at the case's suspects (a
  suspect group named in the sentence, or before a pronoun in the previous one, other
  than the one who speaks or acts; the perpetrators, ``stance_targets.txt``; or a group
  the same voice blames, from blame claims passed in)?
* :func:`about_event`: is a sentence about the case's event (``stance_events.txt``, the
  case's event phrases and harm words) and not about another one?
* :func:`agent_of`: who is to act on a prescription.
* :func:`voice_stretches` / :func:`voice_at`: whose voice a stretch of text is in, from
  the package's one speech attributor.
* :func:`subject_voice`: who makes a call or declares an intent ("X urged ...",
  "calls from X to ...", "X vowed to ..."): the subject found by the package's one
  subject finder (:func:`corpus_tools.extract.speakers.verb_subject`, as for speech and
  blame), with stance's own layers: "calls from X" re-targeted to X, the case's
  collective agents (``stance_agents.txt``), a pronoun's antecedent in the previous
  sentence, and the clause's opening subject for a cue that is no verb.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from corpus_tools.extract.pronouns import holds_anaphor, subject_antecedent
from corpus_tools.extract.speakers import clause_subject, speaker_nouns, subject_words, verb_subject
from corpus_tools.io.case import Case
from corpus_tools.io.lexicon import read_tab_rows
from corpus_tools.measure.stance_cues import (
    QUESTION_KINDS,
    Trigger,
    agent_patterns,
    compile_pattern,
    stance_clause_start,
    target_patterns,
)

__all__ = [
    "Mention",
    "Voice",
    "about_event",
    "agent_in",
    "agent_of",
    "aimed_at_suspects",
    "event_patterns",
    "speaks",
    "subject_voice",
    "voice_at",
    "voice_stretches",
]

class Mention(NamedTuple):
    """One actor mention of a sentence (from :func:`corpus_tools.find_mentions`)."""

    start: int
    end: int
    actor: str
    group: str


@cache
def event_patterns(case: Case) -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(event, other) patterns: ``stance_events.txt`` (with the case's own file) plus the
    case's event phrases and harm words as event patterns.

    Args:
        case: The case.

    Returns:
        Compiled patterns of the two kinds.
    """
    rows = read_tab_rows("stance_events.txt", extra=case.lexicon)
    event = [compile_pattern(p) for kind, p in rows if kind == "event"]
    other = [compile_pattern(p) for kind, p in rows if kind == "other"]
    for phrase in (*case.event, *case.harm):
        words = [re.escape(w) for w in phrase.split()]
        event.append(re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"[\w'-]*", re.IGNORECASE))
    return tuple(event), tuple(other)


@cache
def _speaker_words(lexicon: Path | None) -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, evaluating verbs) of ``stance_speakers.txt`` (and the case's file)."""
    rows = read_tab_rows("stance_speakers.txt", extra=lexicon)
    for fields in rows:
        if len(fields) != 2 or fields[0] not in ("noun", "verb"):
            raise ValueError(f"stance_speakers.txt: {fields!r} is not noun|verb<TAB>word")
    nouns = frozenset(w.lower() for kind, w in rows if kind == "noun")
    return nouns, frozenset(w.lower() for kind, w in rows if kind == "verb")


def speaks(ntext: str, mention: Mention, case: Case) -> str:
    """How the mention speaks: "criticism" if an evaluating verb of ``stance_speakers.txt``
    follows it ("London dismissed ..."; auxiliaries and adverbs of ``subject_words.txt``
    skipped), "reported" if a reporting verb does ("X said"), else ""."""
    words = [w.lower() for w in re.findall(r"[\w-]+", ntext[mention.end:mention.end + 40])]
    skip = subject_words().skip
    word = next((w for w in words[:3] if w not in skip and not (w.endswith("ly") and len(w) > 4)), "")
    if not word or not re.match(r"\s", ntext[mention.end:mention.end + 1]):
        return ""
    if word in _speaker_words(case.lexicon)[1]:
        return "criticism"
    return "reported" if word in _reporting_verbs() else ""


@cache
def _reporting_verbs() -> frozenset[str]:
    return frozenset(r[0].lower() for r in read_tab_rows("speech_verbs.txt"))


def about_event(ntext: str, spans: Collection[tuple[int, int]], case: Case) -> bool:
    """True if one of the spans (a sentence, and the one before it) names the event and
    the sentence itself names no other event.

    Args:
        ntext: The normalised text.
        spans: (start, end) of the sentence first, then of the sentences that may carry
            its topic (the previous one).
        case: The case.

    Returns:
        Whether a response cue there can concern the case's event.
    """
    event, other = event_patterns(case)
    (s, e), *rest = list(spans)
    if any(rx.search(ntext, s, e) for rx in other):
        return False
    return any(rx.search(ntext, a, b) for a, b in [(s, e), *rest] for rx in event)


def aimed_at_suspects(ntext: str, s: int, e: int, sent_mentions: Sequence[Mention], prev_mentions: Sequence[Mention],
                      case: Case, *, exclude_actors: Collection[str] = (), exclude_groups: Collection[str] = (),
                      blamed: Collection[str] = ()) -> bool:
    """True if the sentence [s, e) names whom a confrontation cue would be aimed at.

    Args:
        ntext: The normalised text.
        s, e: The sentence.
        sent_mentions: Its mentions (:data:`Mention` tuples of :func:`corpus_tools.find_mentions` rows).
        prev_mentions: The previous sentence's mentions (for "them", "they", "it").
        case: The case (its suspect groups).
        exclude_actors: Actors that do not count (the caller, the agent).
        exclude_groups: Groups that do not count (the caller's).
        blamed: Groups the same voice blames in the unit; they count as suspects.

    Returns:
        Whether a suspect, a blamed group or the perpetrators are named.
    """
    groups = set(case.suspects) | set(blamed)

    def named(rows: Sequence[Mention]) -> bool:
        return any(m.group in groups and m.actor not in exclude_actors and m.group not in exclude_groups for m in rows)

    if named(sent_mentions) or any(rx.search(ntext, s, e) for rx in target_patterns()):
        return True
    return holds_anaphor(ntext, s, e) and named(prev_mentions)


def _clause_before(ntext: str, s: int, pos: int) -> int:
    """Start of the stretch that holds the subject of the verb at ``pos``: the last clause
    break before it, or the sentence start when only an apposition separates them."""
    lo = stance_clause_start(ntext, s, pos)
    words = [w.lower() for w in re.findall(r"[\w']+", ntext[lo:pos])]
    skip = subject_words().skip | subject_words().be | subject_words().link
    if lo > s and all(w in skip for w in words):
        return s
    return lo


def subject_voice(ntext: str, s: int, e: int, trigger: Trigger, mentions: Sequence[Mention], prev_mentions: Sequence[Mention],
                  case: Case) -> str:
    """Who makes the call, threat or criticism at ``trigger``, or "" if nobody is named.

    Args:
        ntext: The normalised text.
        s, e: The sentence.
        trigger: The call, commit or criticise cue.
        mentions: The sentence's mentions.
        prev_mentions: The previous sentence's mentions (for a pronoun subject).
        case: The case.

    Returns:
        The gazetteer actor id, else a collective agent label (``stance_agents.txt``),
        else the surname as written, else the speaker noun phrase ("chief prosecutor");
        "" when the subject is none of these ("This attack calls for ...").
    """
    lo, hi = _clause_before(ntext, s, trigger.start), trigger.start
    if re.search(r"\bcalls\s+(?:from|by|in)$", trigger.surface, re.IGNORECASE):  # "calls (in X) from Y to ..."
        start = trigger.end if not trigger.surface.lower().endswith(" in") else None
        if start is None:
            m = re.search(r"\s(?:from|by)\s", ntext[trigger.end:min(e, trigger.end + 60)])
            start = trigger.end + m.end() if m else None
        if start is not None:
            stop = re.search(r"\s(?:to|for|that)\s|[,;.]", ntext[start:e])
            lo, hi = start, start + (stop.start() if stop else min(80, e - start))
    nouns = speaker_nouns(case.lexicon)
    found = verb_subject(ntext, hi, lo=lo, mentions=mentions, nouns=nouns, listed=True)
    if found is None:  # a cue that is no verb ("X is locked and loaded", "weapons capable of"): the clause's subject
        found = clause_subject(ntext, lo, hi, mentions=mentions, nouns=nouns)
    if found is not None and found.kind == "mention":
        return str(found.label)
    for _, label, regex in agent_patterns(case):  # a collective agent ("the militias") as the case labels it
        if regex.search(ntext, found.start if found is not None else lo, hi):
            return label
    if found is not None and found.kind == "pronoun":  # its antecedent, the previous sentence's first mention
        antecedent = subject_antecedent(ntext[found.start:found.end], prev_mentions, skip=lambda m: m.actor == case.target)
        return antecedent.actor if antecedent is not None else ""
    return found.label or "" if found is not None else ""


# --------------------------------------------------------------------------- agents


def agent_in(ntext: str, lo: int, hi: int, mentions: Sequence[Mention], case: Case) -> tuple[str, str]:
    """The first actor in text[lo:hi]: (agent, agent_group), or ("", "")."""
    found = [m for m in mentions if m.start >= lo and m.end <= hi]
    best: tuple[int, str, str] | None = (found[0].start, found[0].actor, found[0].group) if found else None
    for group, label, regex in agent_patterns(case):
        m = regex.search(ntext, lo, hi)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label, group)
    return (best[1], best[2]) if best else ("", "")


def agent_of(ntext: str, s: int, e: int, trigger: Trigger, mentions: Sequence[Mention], case: Case) -> tuple[str, str]:
    """Who is to act on a prescription: "that X"/"for X to" after a frame, "on X to" after a
    call, else the subject."""
    if trigger.kind in ("imperative", *QUESTION_KINDS):
        return "", ""
    if trigger.kind in ("frame", "call"):
        m = re.match(r"\s*(?:that|for|on|upon)\s+", ntext[trigger.end:e])
        if m or re.search(r"\b(?:that|for|on|upon)$", trigger.surface):
            lo = trigger.end + (m.end() if m else 0)
            to = re.search(r"\b(?:to|should|must|takes?|is|are)\b", ntext[lo:e])
            # "for X to", "on X to": without "to", X is no agent ("time for sanctions on X"); "that X acts"
            that = re.search(r"\bthat$", ntext[trigger.start:lo].strip())
            hi = lo + to.start() if to else (min(e, lo + 60) if that else lo)
            agent = agent_in(ntext, lo, hi, mentions, case)
            if agent[0]:
                return agent
        if trigger.kind == "call":
            urged = re.match(r"((?:\s+[\w'-]+){1,5}?)\s+to\b", ntext[trigger.end:e])  # "urged X to"
            if urged:
                return agent_in(ntext, trigger.end, trigger.end + urged.end(1), mentions, case)
            return agent_in(ntext, trigger.start, trigger.end, mentions, case)  # "asked the court to"
    if trigger.kind in ("modal", "frame"):
        passive = re.match(r"(?:\s+\w+)?\s+be\s+(?:\w+ly\s+)?(?:\w+(?:ed|en)\b(?!\s+to\b)|(?:made|forced|compelled)\s+to\b)",
                           ntext[trigger.end:e])  # "should be punished", "must be made to pay": the subject is acted upon
        if passive:  # "should be emulated by future premiers"; without "by", the subject is acted upon
            by = re.match(r"\s+by\s+", ntext[trigger.end + passive.end():e])
            lo = trigger.end + passive.end() + (by.end() if by else 0)
            return agent_in(ntext, lo, min(e, lo + 40), mentions, case) if by else ("", "")
    head = ntext[s:trigger.start]
    if trigger.kind in ("endorse", "disendorse") and re.match(r"\W*(?:\w+ing|to)\b", head, re.IGNORECASE):
        return "", ""  # "Retaliating against X would be a mistake": the subject is the action, X its object
    lo = stance_clause_start(ntext, s, trigger.start)
    return agent_in(ntext, lo, trigger.start, mentions, case)


# --------------------------------------------------------------------------- voice


@dataclass(frozen=True)
class Voice:
    """A stretch of text in someone else's voice."""

    start: int
    end: int
    voice: str
    speech: str  # "quote", "reported" or "call"


_SPEECH_KINDS = {"direct": "quote", "reported": "reported"}
_AUTHOR_SPEAKERS = frozenset({"i", "we"})


def voice_stretches(quote_rows: pd.DataFrame, sentence_rows: Sequence[tuple[int, int, int]]) -> dict[int, list[Voice]]:
    """Non-author stretches of every sentence of one unit, keyed by sent_id, from the
    package's one speech attributor (:func:`corpus_tools.extract.speech.find_quotes`).

    Args:
        quote_rows: One unit's rows of :func:`corpus_tools.quotes`.
        sentence_rows: (sent_id, start, end) of the unit's sentences, in order.

    Returns:
        sent_id -> the stretches of the sentence in someone else's voice.
    """
    out: dict[int, list[Voice]] = {}
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
                out.setdefault(sent_id, []).append(Voice(max(q.start, s), min(q.end, e), speaker, _SPEECH_KINDS[q.kind]))
            k += 1
    return out


def voice_at(voices: Sequence[Voice], pos: int) -> tuple[str, str]:
    """(voice, speech) at a position: the innermost non-author stretch, else ``("author", "author")``."""
    inside = [v for v in voices if v.start <= pos < v.end]
    if not inside:
        return "author", "author"
    v = min(inside, key=lambda v: v.end - v.start)
    return v.voice, v.speech
