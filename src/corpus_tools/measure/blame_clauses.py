"""Sentences prepared for blame matching: normalised, actor mentions masked as slots,
cut into clauses, pronouns bound, event anchors found.

**Clauses.** Sentences are cut by the shared splitter (:mod:`corpus_tools.text.clauses`)
at its strong breaks: ``; :`` and dashes, before the words flagged strong in
``lexicon/clause_breaks.txt`` ("but", "even though", "although", "while", "because" ...)
after a comma or before a subject, after a fronted subordinate clause ("If X was
responsible, it ..."), and after "According to X,". A construction never crosses a cut.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus_tools.extract.pronouns import bind_group_pronouns
from corpus_tools.extract.speakers import governed_by_preposition, speaker_nouns, verb_subject
from corpus_tools.measure.blame_rules import BODY, EVENT, HEAD, VICTIM, Lexicon
from corpus_tools.text.anchors import AnchorIndex, fold
from corpus_tools.text.clauses import Break, clause_breaks, spans_between
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import paragraph_spans


@dataclass(frozen=True)
class Slot:
    """A blamable actor in a sentence: a mention, or a pronoun bound to one."""

    start: int
    end: int
    actor: str
    group: str
    type: str


@dataclass
class Sentence:
    """One sentence prepared for matching (offsets relative to ``start``)."""

    sent_id: int
    start: int
    end: int
    paragraph: int
    norm: str
    masked: str
    slots: list[Slot]
    clauses: list[tuple[int, int]]
    clean: list[bool]
    anchors: list[tuple[str, int, int]]
    unquoted: str = ""  # norm with quoted words blanked: hedges inside a quote are the speaker's
    lex: Lexicon | None = None


# Blame cuts only at strong breaks: a claim's construction may run over a comma.
BLAME_CLAUSES = {"marks": ("stop", "dash"), "commas": "before_word", "words": "strong", "bare": "subject",
                 "fronted": True, "conjunctions": "drop"}
_ACCORDING_RE = re.compile(r"^\W*according\s+to\b[^,]*,\s*", re.IGNORECASE)


def _clauses(norm: str, *, lexicon: Path | None = None) -> list[tuple[int, int]]:
    """Cut a sentence into clauses with the shared splitter (see module docstring)."""
    breaks = clause_breaks(norm, lexicon=lexicon, **BLAME_CLAUSES)
    according = _ACCORDING_RE.match(norm)  # "According to X, Y did it": X is no co-subject
    if according:
        breaks.append(Break(according.end() - 1, according.end(), "according"))
    return spans_between(breaks, start=0, end=len(norm))


def _mask(norm: str, mentions: list[tuple[int, int, str, str, str]], victim: str) -> tuple[str, list[Slot]]:
    """Replace actor mentions by slot characters (same length) and the victim by ``\\x03``."""
    chars = list(norm)
    slots = []
    for start, end, actor, group, typ in mentions:
        if re.match(r"-[A-Za-z]", norm[end : end + 2]) or (start > 0 and norm[start - 1] == "-"):
            continue  # an adjective ("US-designated", "Iran-supplied", "anti-Iran"), not the actor
        if actor == victim:
            chars[start:end] = VICTIM * (end - start)
        else:
            chars[start:end] = HEAD + BODY * (end - start - 1)
            slots.append(Slot(start, end, actor, group, typ))
    return "".join(chars), slots


def _bind_pronouns(sent: Sentence, previous: Sentence | None, recent_sponsor: Slot | None) -> None:
    """Mask the actor pronouns and role nouns the shared resolver binds
    (:func:`corpus_tools.extract.pronouns.bind_group_pronouns`) as slots of their actors."""
    same_paragraph = previous is not None and previous.paragraph == sent.paragraph
    binds = bind_group_pronouns(
        sent.norm,
        sent.clauses,
        previous=previous.slots if same_paragraph else (),
        before=[(s.end, s) for s in sent.slots],
        sponsor=recent_sponsor,
    )
    chars = list(sent.masked)
    for a, b, slot in binds:
        if set(chars[a:b]) & {HEAD, BODY, VICTIM}:
            continue
        chars[a:b] = HEAD + BODY * (b - a - 1)
        sent.slots.append(Slot(a, b, slot.actor, slot.group, slot.type))
    sent.masked = "".join(chars)
    sent.slots.sort(key=lambda s: s.start)


@lru_cache(maxsize=16)
def _event_index(events: tuple[tuple[str, re.Pattern[str]], ...]) -> AnchorIndex:
    return AnchorIndex([rx for _, rx in events])


def _find_anchors(sent: Sentence) -> None:
    """Record the event anchors of clean clauses and mark event/target spans with ``\\x04``
    (in every clause: frames of scope "own" may use an anchor in a marked clause)."""
    lex = sent.lex
    index = _event_index(lex.events)
    present = set(index.candidates(fold(sent.masked)))  # the rest cannot match: their anchor words are absent
    events = [(kind, rx) for k, (kind, rx) in enumerate(lex.events) if k in present]
    has_means = any(kind == "means" and rx.search(sent.masked) for kind, rx in events)
    chars = list(sent.masked)
    for kind, rx in events:
        if kind == "means" or (kind == "target" and not has_means):
            continue
        for m in rx.finditer(sent.masked):
            clause = next((k for k, (a, b) in enumerate(sent.clauses) if a <= m.start() < b), None)
            if clause is None:
                continue
            if sent.clean[clause]:
                sent.anchors.append((kind, m.start(), m.end()))
            if kind in ("event", "target", "passive") and not set(chars[m.start() : m.end()]) & {HEAD, BODY}:
                chars[m.start() : m.end()] = EVENT * (m.end() - m.start())
    sent.masked = "".join(chars)


def _clean_clauses(sent: Sentence) -> list[bool]:
    """True for each clause that carries no other-violence marker."""
    return [not marked(sent, a, b) for a, b in sent.clauses]


def prepare(
    text: str,
    spans: list[tuple[int, int, int]],
    mentions: list[tuple[int, int, str, str, str]],
    lex: Lexicon,
    quoted: list[tuple[int, int]] = (),
) -> list[Sentence]:
    """Normalise, mask, cut and anchor every sentence of one text (``quoted``: the
    direct quotes' word spans, blanked for the author's hedges and boosters)."""
    norm = normalize_text(text)
    chars = list(norm)
    for a, b in quoted:
        chars[a:b] = " " * (b - a)
    unquoted = "".join(chars)
    paragraphs = list(paragraph_spans(norm))
    para_starts = [a for a, _ in paragraphs]
    mentions = sorted(mentions)
    mention_starts = [m[0] for m in mentions]
    out: list[Sentence] = []
    recent: list[tuple[int, Slot]] = []
    for k, (sent_id, s_start, s_end) in enumerate(spans):
        # mentions and paragraph found by binary search: the cost stays linear in the text
        lo, hi = bisect.bisect_left(mention_starts, s_start), bisect.bisect_left(mention_starts, s_end)
        local = [(a - s_start, b - s_start, *rest) for a, b, *rest in mentions[lo:hi] if b <= s_end]
        masked, slots = _mask(norm[s_start:s_end], local, lex.victim)
        j = bisect.bisect_right(para_starts, s_start) - 1
        para = j if j >= 0 and s_start < paragraphs[j][1] else -1
        sent = Sentence(
            sent_id,
            s_start,
            s_end,
            para,
            norm[s_start:s_end],
            masked,
            slots,
            _clauses(norm[s_start:s_end], lexicon=lex.folder),
            [],
            [],
            unquoted[s_start:s_end],
            lex,
        )
        recent = [(j, sl) for j, sl in recent if j >= k - 3]  # only the last three sentences are read
        sponsor = [sl for j, sl in recent if sl.group in lex.sponsors]
        _bind_pronouns(sent, out[-1] if out else None, sponsor[-1] if sponsor else None)
        sent.clean = _clean_clauses(sent)
        _find_anchors(sent)
        recent += [(k, sl) for sl in slots]
        out.append(sent)
    return out


_DEFINITE_RE = re.compile(r"(?<![\w'-])(?:the|these|those)\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")


def marked(sent: Sentence, start: int, end: int) -> bool:
    """True when ``sent.norm[start:end]`` names other violence: a marker, a marker actor,
    a year before the event's, or a plural noun of a series ("attacks") that is neither
    definite ("the attacks") nor has the target or an event phrase within six words."""
    lex = sent.lex
    text = sent.norm[start:end]
    if lex.markers.search(text) or any(s.actor in lex.marker_actors for s in sent.slots if start <= s.start < end):
        return True
    if lex.event_year is not None and any(int(y) < lex.event_year for y in _YEAR_RE.findall(text)):
        return True
    for m in lex.series.finditer(text):
        a, b = start + m.start(), start + m.end()
        before = re.search(r"(?:\S+\s+){0,6}$", sent.norm[:a])
        after = re.match(r"(?:\s+\S+){0,6}", sent.norm[b:])
        lo, hi = before.start() if before else a, b + (after.end() if after else 0)
        definite = _DEFINITE_RE.search(sent.norm[:a])
        if not definite and VICTIM not in sent.masked[lo:hi] and not lex.event_phrase.search(sent.norm[lo:hi]):
            return True
    return False


def subject_voice(sent: Sentence, pos: int, *, frame_speaker: Slot | None = None) -> str | None:
    """Who speaks a verb at ``pos`` (relative to the sentence): its subject in its clause,
    found by the package's one subject finder
    (:func:`corpus_tools.extract.speakers.verb_subject`; the sentence's slots, bound
    pronouns included, are its mentions). Returns the
    actor, the surname or the noun phrase ("The authorities have blamed":
    ``authorities``); None when there is none or it is an unbound pronoun. A speaker the
    frame itself matched (``frame_speaker``) is taken, unless a preposition governs it and
    it closes a speaker noun phrase ("an adviser to X blamed": ``adviser``)."""
    if frame_speaker is not None and not governed_by_preposition(sent.norm, frame_speaker.start):
        return frame_speaker.actor
    at = frame_speaker.end if frame_speaker is not None else pos  # "an adviser to X blamed": the adviser
    a = next((a for a, b in sent.clauses if a <= at <= b), 0)
    found = verb_subject(sent.norm, at, lo=a, mentions=[(s.start, s.end, s.actor) for s in sent.slots],
                         nouns=speaker_nouns(sent.lex.folder))
    if found is None and frame_speaker is not None:
        return frame_speaker.actor  # "accused by X", "according to X", "lashed out at X for blaming"
    return found.label if found is not None else None
