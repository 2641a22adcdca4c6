"""Blame attribution: who is held responsible for the attack, in what role, how surely,
and in whose voice.

A **claim** links a gazetteer actor to a responsibility word by one of the constructions
in ``lexicon/blame_frames.txt`` ("militias launched three drones at Kadhimi's
residence", "the attack was orchestrated by Iran", "without Tehran's explicit approval",
"likely conspirators are fighters affiliated with ... militias"). Each claim gets:

* a **role**: perpetrator (carried it out), sponsor (ordered, approved, armed, directed,
  knew) or enabler (made it possible by failing to act or deter: weak responses,
  impunity). Words that assign responsibility without a role ("responsible",
  "behind") give the role from the actor (:func:`default_role`);
* a **certainty**: asserted (stated, or boosted: "not in doubt", "inconceivable ...
  without"), hedged (likely, suggests, appears, if, whether, a question), attributed
  (in someone else's words: a quotation or reported speech, see
  :mod:`corpus_tools.extract.speech`) or denied (negated: "did so without explicit approval
  from Tehran", "Iran likely tried to discourage it"; or rejected by the accused
  themselves: "Tehran denounced the attack");
* a **voice**: ``"author"``, or the speaker (actor id or surname as written);
* a **cue**: the words that decided role and certainty, so every row can be audited.

**Scope.** Only this attack counts. A claim needs an event anchor (``blame_events.txt``:
"the attack", "the drone strike", "the attempt on Kadhimi's life", "November 7",
"culprits", "perpetrators", ...) in its own construction or its paragraph; enabler
claims, which describe standing conditions, need only that the piece is about the
attack. A clause with an other-violence marker (``blame_other_violence.txt``: 2019
protesters, INIS officers, US bases, Lebanon, Soleimani, "in recent months", ...) yields
no claim and lends no anchor.

**Clauses.** Sentences are cut at ``; : —`` and dashes, before "but", "even though",
"although", "though", "while", "whereas", "because", and after a fronted subordinate
clause ("If X was responsible, it ..."). A construction never crosses a cut; a hedge
counts from the start of the sentence to the end of the claim's clause.

**Two rule sets.** The rules were written from the constructions the project's issue
lists, the texts and the project's own test sentences, and frozen before they were
compared with the hand coding in ``tests/data/blame_gold.csv``
(:func:`evaluate_against_gold`). That comparison showed that the misses were implicit
blame, so four general constructions were added afterwards
(``blame_frames_revised.txt``: blame presupposed by "deflecting blame", insinuation by
timing, the attack as part of an actor's pattern, the danger the attack exposes), with
state adjectives before nouns of state conduct ("Iranian meddling",
``blame_adjectives.txt``) and "US designated" read as an adjective. ``rules="revised"``
(the default) uses everything; ``rules="frozen"`` gives the rules as first compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from corpus_tools.extract.mentions import find_mentions, find_mentions_in_text
from corpus_tools.extract.speech import find_quotes, quotes, speaker_of_span
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.lexicon import read_tab_rows
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import paragraph_spans, sentences, span_sentences

__all__ = [
    "CERTAINTIES",
    "CERTAINTY_COLORS",
    "CERTAINTY_WEIGHTS",
    "CLAIM_COLUMNS",
    "ROLES",
    "RULES",
    "VOICE_COLORS",
    "VOICE_KINDS",
    "blame_claims",
    "blame_claims_in_text",
    "blame_matrix",
    "changed_pairs",
    "claim_pairs",
    "count_table",
    "default_role",
    "evaluate_against_gold",
    "gold_by_unit",
    "gold_pairs",
    "gold_summary",
    "load_gold",
    "matrix_labels",
    "stacked_bars",
    "summary_by_rules",
    "voice_kind",
]

CLAIM_COLUMNS = ["unit_id", "sent_id", "start", "end", "actor", "group", "role", "certainty", "voice", "cue", "text"]
ROLES = ("perpetrator", "sponsor", "enabler")
CERTAINTIES = ("asserted", "hedged", "attributed", "denied")
# Weights for aggregating claims into one number per cell (see notebooks/04_blame.ipynb):
# a stated claim counts fully; a hedged one half; a claim the author only reports a
# quarter (the outlet gives it space, not its word); a denial subtracts half.
CERTAINTY_WEIGHTS = {"asserted": 1.0, "hedged": 0.5, "attributed": 0.25, "denied": -0.5}
# Groups whose condemnations and calls for inquiries are read as deflections (denials of
# their own responsibility): the two groups DESIGN.md's coverage names as suspects.

_HEAD, _BODY, _VICTIM, _EVENT = "\x01", "\x02", "\x03", "\x04"
_SLOT = f"{_HEAD}{_BODY}*"
_WORDS = r"[A-Za-z][\w'-]*"


# --------------------------------------------------------------------------- resources


def _phrase_regex(phrases: Iterable[str], *, bounded: bool = True) -> str:
    """One alternation of lowercase phrases, longest first, flexible spaces, word-bounded
    unless ``bounded`` is False."""
    parts = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    if not body:
        return r"(?!x)x"
    return rf"(?<![\w-])(?:{body})(?![\w-])" if bounded else f"(?:{body})"


@dataclass(frozen=True)
class Frame:
    """One blame construction from ``blame_frames.txt``."""

    role: str
    polarity: str
    strength: str
    template: str
    pattern: re.Pattern[str]
    scope: str = "clause"

    @property
    def has_event(self) -> bool:
        return "{EV}" in self.template


@dataclass(frozen=True)
class _Lexicon:
    """The blame cue lists compiled for one case."""

    victim: str
    sponsors: tuple[str, ...]
    suspects: tuple[str, ...]
    actor_types: dict[str, str]
    actor_groups: dict[str, str]
    events: tuple[tuple[str, re.Pattern[str]], ...]
    markers: re.Pattern[str]
    marker_actors: frozenset[str]
    acts: frozenset[str]
    hedge: re.Pattern[str]
    conditional: re.Pattern[str]
    boost: re.Pattern[str]
    neg_strong: re.Pattern[str]
    neg_weak: re.Pattern[str]
    negation: re.Pattern[str]
    absence: re.Pattern[str]
    concessive: re.Pattern[str]


def _read_classes(name: str) -> dict[str, frozenset[str]]:
    """A ``class<TAB>entry`` resource as {class: lowercase entries}."""
    out: dict[str, set[str]] = {}
    for row in read_tab_rows(name):
        out.setdefault(row[0].strip(), set()).add(row[1].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _acts() -> frozenset[str]:
    """Verbs of other violent acts (``blame_other_violence.txt``, class ``act``)."""
    return frozenset(e for kind, e in read_tab_rows("blame_other_violence.txt") if kind == "act")


def _event_patterns(case: Case) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``blame_events.txt`` with the case's placeholders filled in."""
    fill = {
        "{VICTIM}": rf"(?:the\s+)?{_VICTIM}+",
        "{TPRON}": rf"(?:{'|'.join(map(re.escape, case.pronouns))})",
        "{HARM}": _phrase_regex((h.lower() for h in case.harm), bounded=False),
        "{EVENT}": _phrase_regex((e.lower() for e in case.event), bounded=False),
    }
    out = []
    for kind, rx in read_tab_rows("blame_events.txt"):
        for key, value in fill.items():
            rx = rx.replace(key, value)
        out.append((kind, re.compile(rx, re.IGNORECASE)))
    return tuple(out)


@lru_cache(maxsize=8)
def _lexicon(case: Case) -> _Lexicon:
    """Read and compile every blame cue list once per case."""
    events = _event_patterns(case)
    other = read_tab_rows("blame_other_violence.txt")
    markers = re.compile("|".join(f"(?:{rx})" for kind, rx in other if kind == "marker"), re.IGNORECASE)
    hedges = _read_classes("blame_hedges.txt")
    boosts = _read_classes("blame_boosters.txt")
    denials = _read_classes("blame_denials.txt")
    acts = _acts()
    return _Lexicon(
        victim=case.target,
        sponsors=case.sponsors,
        suspects=case.suspects,
        actor_types=case.actor_types,
        actor_groups=case.actor_groups,
        events=events,
        markers=markers,
        marker_actors=frozenset(e for kind, e in other if kind == "actor"),
        acts=acts,
        hedge=re.compile(_phrase_regex(hedges.get("hedge", ())), re.IGNORECASE),
        conditional=re.compile(rf"^\W*(?:{_phrase_regex(hedges.get('conditional', ()))})", re.IGNORECASE),
        boost=re.compile(_phrase_regex(boosts.get("boost", ())), re.IGNORECASE),
        neg_strong=re.compile(_phrase_regex(boosts.get("neg_strong", ())), re.IGNORECASE),
        neg_weak=re.compile(_phrase_regex(boosts.get("neg_weak", ())), re.IGNORECASE),
        negation=re.compile(r"n't\b|" + _phrase_regex(denials.get("negation", ()) - {"n't"}), re.IGNORECASE),
        absence=re.compile(_phrase_regex(denials.get("absence", ())), re.IGNORECASE),
        concessive=re.compile(_phrase_regex(denials.get("concessive", ())), re.IGNORECASE),
    )


RULES = ("revised", "frozen")
_FRAME_FILES = {"frozen": ("blame_frames.txt",), "revised": ("blame_frames.txt", "blame_frames_revised.txt")}


def _check_rules(rules: str) -> None:
    if rules not in RULES:
        raise ValueError(f"rules must be one of {RULES}, not {rules!r}")


@lru_cache(maxsize=2)
def _frames(rules: str) -> tuple[Frame, ...]:
    """The frames of one rule set: "frozen" (``blame_frames.txt``, as first compared with
    the hand coding) or "revised" (plus ``blame_frames_revised.txt``)."""
    _check_rules(rules)
    words = _read_classes("blame_responsibility.txt")
    acts = _acts()
    return tuple(_compile_frame(*row, words=words, acts=acts) for name in _FRAME_FILES[rules] for row in read_tab_rows(name))


@lru_cache(maxsize=8)
def _adjective_rx(case: Case) -> tuple[re.Pattern[str], dict[str, str]]:
    """The case's demonyms before a noun of state conduct (``blame_adjectives.txt``) and
    the actor each names."""
    rows = read_tab_rows("blame_adjectives.txt")
    actors = {adjective.lower(): actor for adjective, actor in case.demonyms}
    if not actors:
        return re.compile(r"(?!x)x"), {}
    nouns = [row[1].strip().lower() for row in rows if row[0] == "noun"]
    rx = re.compile(rf"(?<![\w'-])({'|'.join(map(re.escape, actors))})(?=\s+(?:{'|'.join(map(re.escape, nouns))})\b)", re.IGNORECASE)
    return rx, actors


_DESIGNATED_RE = re.compile(r"\s+designated\b", re.IGNORECASE)


def _revised_mentions(norm: str, mentions: list[tuple[int, int, str, str, str]], case: Case) -> list[tuple[int, int, str, str, str]]:
    """The blamable mentions of the revised rules: ``mentions`` without a state that only
    designates ("Asaib Ahl al-Haq's US designated terrorist leader", written without the
    hyphen that already marks "US-designated" as an adjective), plus the state adjectives
    that name a state ("Iranian meddling", ``blame_adjectives.txt``)."""
    mentions = [m for m in mentions if not _DESIGNATED_RE.match(norm, m[1])]
    rx, actors = _adjective_rx(case)
    extra = []
    for m in rx.finditer(norm):
        if not any(a < m.end() and m.start() < b for a, b, *_ in mentions):
            actor = actors[m.group(1).lower()]
            extra.append((m.start(), m.end(), actor, case.actor_groups[actor], case.actor_types.get(actor, "")))
    return sorted([*mentions, *extra])


# An actor noun phrase: pre-modifiers, a mention, and its coordinated or descriptive parts.
_NOT_PRE = (
    "of|among|in|on|at|to|for|with|from|against|over|and|or|nor|but|by|that|which|who|is|was|are|were|only"
    "|why|how|what|when|where|whether|because|if|not"
)
_PRE = rf"(?:(?<![\w'-])(?!(?:{_NOT_PRE})\b){_WORDS}\s+)"
_COORD = r"(?:\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+)"
_SOME_OF = r"(?:(?:some|several|many|most|all|one|two|three|each|any|none|certain)\s+of\s+)"
_DESC = (
    r"(?:'s\s+(?:[\w-]+\s+){0,2}?|\s+of\s+(?:the\s+)?|\s*\(\s*|"
    r"\s+(?:backed|supported|sponsored|funded|armed|directed|controlled|run)\s+by\s+(?:the\s+)?|"
    r"\s+(?:linked|allied|loyal|close|answerable|beholden)\s+to\s+(?:the\s+)?|"
    r"\s+(?:affiliated|aligned|allied|associated)\s+with\s+(?:the\s+)?|"
    r"\s+with\s+(?:close\s+)?(?:ties|connections|links)\s+to\s+(?:both\s+)?)"
)
_APPOSITIVE = rf"(?:,\s+(?:(?!\b(?:said|says|told|that|which|who)\b)(?:[^,;{_HEAD}{_BODY}]|{_SLOT})){{1,120}}?,)"
_NP = (
    rf"(?P<A>(?:(?:either|neither|both)\s+)?{_PRE}{{0,2}}{_SLOT}(?:(?:{_DESC}|{_COORD}{_SOME_OF}?{_PRE}{{0,3}}){_SLOT})*\)?{_APPOSITIVE}?)"
)
_COORD_FULL = re.compile(rf"{_COORD}{_SOME_OF}?{_PRE}{{0,3}}")
_POSSESSOR = re.compile(r"'s\s+(?:[\w-]+\s+){0,2}")


def _compile_frame(
    role: str, polarity: str, strength: str, template: str, scope: str = "clause", *, words: dict, acts: frozenset[str]
) -> Frame:
    """Compile a frame template (syntax in ``blame_frames.txt``) to a regular expression."""
    act_rx = _phrase_regex(acts)
    macros = {
        "{A}": _NP,
        "{EV}": f"{_EVENT}+",
        "{K}": rf"(?:(?:the\s+)?{_VICTIM}+|him)(?![\w-])",
        "{V}": f"(?:(?P<perpetrator>{_phrase_regex(words['perp_verb'])})|(?P<sponsor>{_phrase_regex(words['sponsor_verb'])}))",
        "{N}": f"(?:(?P<sponsor>{_phrase_regex(words['sponsor_noun'])})|(?P<perpetrator>{_phrase_regex(words['perp_noun'])}))",
        "{R}": f"(?P<neutral>{_phrase_regex(words['neutral_noun'])})",
        "{P}": f"(?P<neutral>{_phrase_regex(words['neutral_pred'])})",
    }
    pieces = _split_template(template)
    out = []
    for k, piece in enumerate(pieces):
        gap = re.fullmatch(r"(~~?)(\d+)", piece)
        if gap:
            if gap.group(1) == "~":  # no actor and no other violent act in a tight gap
                out.append(rf"(?:(?!{act_rx})[^\s{_HEAD}{_BODY}]+\s+){{0,{gap.group(2)}}}?")
            else:
                out.append(rf"(?:\S+\s+){{0,{gap.group(2)}}}?")
            continue
        rx = piece.replace(" ", r"\s+")
        for macro, sub in macros.items():
            rx = rx.replace(macro, sub)
        out.append(rx + (r",?\s+" if k + 1 < len(pieces) else ""))
    return Frame(role, polarity, strength, template, re.compile("".join(out), re.IGNORECASE), scope.strip() or "clause")


def _split_template(template: str) -> list[str]:
    """Split a template on spaces outside parentheses."""
    pieces, depth, current = [], 0, ""
    for ch in template.strip():
        depth += ch == "("
        depth -= ch == ")"
        if ch == " " and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += ch
    return [*pieces, current] if current else pieces


# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class _Slot:
    """A blamable actor in a sentence: a mention, or a pronoun bound to one."""

    start: int
    end: int
    actor: str
    group: str
    type: str


@dataclass
class _Sentence:
    """One sentence prepared for matching (offsets relative to ``start``)."""

    sent_id: int
    start: int
    end: int
    paragraph: int
    norm: str
    masked: str
    slots: list[_Slot]
    clauses: list[tuple[int, int]]
    clean: list[bool]
    anchors: list[tuple[str, int, int]]
    unquoted: str = ""  # norm with quoted words blanked: hedges inside a quote are the speaker's
    lex: _Lexicon | None = None


_SUBJECT_START = r"(?:the|this|that|these|those|it|its|they|their|he|his|she|her|we|i|there|a|an|[A-Z][\w'-]*)\b"
_CUT_RE = re.compile(
    r"\s*[;:]\s*|\s*[\u2014\u2013]\s*|\s+-\s+"
    rf"|,?\s+but\s+(?={_SUBJECT_START})"
    r"|,\s*(?=(?:even\s+though|although|though|while|whereas|because)\b)|\s+(?=even\s+though\b)"
)
_FRONTED_RE = re.compile(
    r"^\W*(?:while|although|though|because|when|as|since|whereas|if|assuming|once|after|before|unless)\b", re.IGNORECASE
)
_ACCORDING_RE = re.compile(r"^\W*according\s+to\b[^,]*,\s*", re.IGNORECASE)
_MAIN_START_RE = re.compile(r",\s+(?=(?:the|this|that|these|those|it|they|he|she|we|i|there|one|a|an|both)\b)", re.IGNORECASE)


def _clauses(norm: str) -> list[tuple[int, int]]:
    """Cut a sentence into clauses (see module docstring)."""
    cuts = [(m.start(), m.end()) for m in _CUT_RE.finditer(norm)]
    if _FRONTED_RE.match(norm):
        m = _MAIN_START_RE.search(norm)
        if m:
            cuts.append((m.start(), m.end()))
    according = _ACCORDING_RE.match(norm)  # "According to X, Y did it": X is no co-subject
    if according:
        cuts.append((according.end() - 1, according.end()))
    spans, pos = [], 0
    for a, b in sorted(cuts):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    spans.append((pos, len(norm)))
    return [(a, b) for a, b in spans if b > a]


def _mask(norm: str, mentions: list[tuple[int, int, str, str, str]], victim: str) -> tuple[str, list[_Slot]]:
    """Replace actor mentions by slot characters (same length) and the victim by ``\\x03``."""
    chars = list(norm)
    slots = []
    for start, end, actor, group, typ in mentions:
        if re.match(r"-[A-Za-z]", norm[end : end + 2]) or (start > 0 and norm[start - 1] == "-"):
            continue  # an adjective ("US-designated", "Iran-supplied", "anti-Iran"), not the actor
        if actor == victim:
            chars[start:end] = _VICTIM * (end - start)
        else:
            chars[start:end] = _HEAD + _BODY * (end - start - 1)
            slots.append(_Slot(start, end, actor, group, typ))
    return "".join(chars), slots


def _bind_pronouns(sent: _Sentence, previous: _Sentence | None, recent_sponsor: _Slot | None) -> None:
    """Bind a clause-initial "they" to the first actor of the previous sentence (same
    paragraph), "hold them responsible" to the last actor before it, and "their patron"
    to the last actor of a sponsor group (case key "sponsors") of the last three sentences."""
    binds: list[tuple[int, int, _Slot]] = []
    if previous is not None and previous.paragraph == sent.paragraph and previous.slots:
        for a, _ in sent.clauses:
            m = re.match(r"(?:[A-Z]\w*(?:\s+\w+)?,\s*)?(they)\b", sent.norm[a:], re.IGNORECASE)
            if m:
                binds.append((a + m.start(1), a + m.end(1), previous.slots[0]))
    for m in re.finditer(r"\bhold\s+(them)\s+responsible", sent.norm, re.IGNORECASE):
        before = [s for s in sent.slots if s.end <= m.start(1)]
        if before:
            binds.append((m.start(1), m.end(1), before[-1]))
    if recent_sponsor is not None:
        for m in re.finditer(r"\b(?:their|its|the)\s+(patrons?)\b", sent.norm, re.IGNORECASE):
            binds.append((m.start(1), m.end(1), recent_sponsor))
    chars = list(sent.masked)
    for a, b, slot in binds:
        if set(chars[a:b]) & {_HEAD, _BODY, _VICTIM}:
            continue
        chars[a:b] = _HEAD + _BODY * (b - a - 1)
        sent.slots.append(_Slot(a, b, slot.actor, slot.group, slot.type))
    sent.masked = "".join(chars)
    sent.slots.sort(key=lambda s: s.start)


def _find_anchors(sent: _Sentence) -> None:
    """Record the event anchors of clean clauses and mark event/target spans with ``\\x04``
    (in every clause: frames of scope "own" may use an anchor in a marked clause)."""
    lex = sent.lex
    has_means = any(kind == "means" and rx.search(sent.masked) for kind, rx in lex.events)
    chars = list(sent.masked)
    for kind, rx in lex.events:
        if kind == "means" or (kind == "target" and not has_means):
            continue
        for m in rx.finditer(sent.masked):
            clause = next((k for k, (a, b) in enumerate(sent.clauses) if a <= m.start() < b), None)
            if clause is None:
                continue
            if sent.clean[clause]:
                sent.anchors.append((kind, m.start(), m.end()))
            if kind in ("event", "target") and not set(chars[m.start() : m.end()]) & {_HEAD, _BODY}:
                chars[m.start() : m.end()] = _EVENT * (m.end() - m.start())
    sent.masked = "".join(chars)


def _clean_clauses(sent: _Sentence) -> list[bool]:
    """True for each clause that carries no other-violence marker."""
    return [not _marked(sent, a, b) for a, b in sent.clauses]


def _prepare(
    text: str,
    spans: list[tuple[int, int, int]],
    mentions: list[tuple[int, int, str, str, str]],
    lex: _Lexicon,
    quoted: list[tuple[int, int]] = (),
) -> list[_Sentence]:
    """Normalise, mask, cut and anchor every sentence of one text (``quoted``: the
    direct quotes' word spans, blanked for the author's hedges and boosters)."""
    norm = normalize_text(text)
    chars = list(norm)
    for a, b in quoted:
        chars[a:b] = " " * (b - a)
    unquoted = "".join(chars)
    paragraphs = list(paragraph_spans(norm))
    out: list[_Sentence] = []
    recent: list[tuple[int, _Slot]] = []
    for k, (sent_id, s_start, s_end) in enumerate(spans):
        local = [(a - s_start, b - s_start, *rest) for a, b, *rest in mentions if s_start <= a and b <= s_end]
        masked, slots = _mask(norm[s_start:s_end], local, lex.victim)
        para = next((i for i, (a, b) in enumerate(paragraphs) if a <= s_start < b), -1)
        sent = _Sentence(
            sent_id,
            s_start,
            s_end,
            para,
            norm[s_start:s_end],
            masked,
            slots,
            _clauses(norm[s_start:s_end]),
            [],
            [],
            unquoted[s_start:s_end],
            lex,
        )
        sponsor = [sl for j, sl in recent if j >= k - 3 and sl.group in lex.sponsors]
        _bind_pronouns(sent, out[-1] if out else None, sponsor[-1] if sponsor else None)
        sent.clean = _clean_clauses(sent)
        _find_anchors(sent)
        recent += [(k, sl) for sl in slots]
        out.append(sent)
    return out


# --------------------------------------------------------------------------- claims


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
    return "sponsor" if group in sponsors and actor_type in ("state", "government", "person") else "perpetrator"


@dataclass(frozen=True)
class _Raw:
    """A frame match for one head actor, before certainty and voice."""

    sent: _Sentence
    slot: _Slot
    frame: Frame
    role: str
    negative: bool
    cue: str
    match_start: int
    match_end: int
    cue_start: int
    clause: int


def _heads(masked: str, a_start: int, a_end: int, slots: list[_Slot]) -> list[_Slot]:
    """The head actors of a matched noun phrase: coordinated mentions, not possessors,
    "of"-complements, "backed by" patrons or bracketed repetitions."""
    inside = [s for s in slots if a_start <= s.start < a_end]
    heads: list[_Slot] = []
    prev: _Slot | None = None
    for slot in inside:
        if prev is None:
            heads = [slot]
        else:
            between = masked[prev.end : slot.start]
            if _POSSESSOR.fullmatch(between) and prev in heads:
                heads[heads.index(prev)] = slot
            elif _COORD_FULL.fullmatch(between) and prev in heads:
                heads.append(slot)
        prev = slot
    return heads


def _frame_matches(sent: _Sentence, frame: Frame, clause: int, unit_in_scope: bool, para_in_scope: bool) -> list[_Raw]:
    """Every claim one frame yields in one clause of one sentence."""
    if not sent.clean[clause] and frame.scope != "own":
        return []
    if frame.role == "enabler":
        if not unit_in_scope:
            return []
    elif not frame.has_event and not para_in_scope:
        return []
    a, b = sent.clauses[clause]
    lex = sent.lex
    out = []
    for m in frame.pattern.finditer(sent.masked, a, b):
        if frame.role == "enabler" and re.search(
            r"\b(?:must|should|ought\s+to|needs?\s+to)\b", sent.norm[m.start() : m.end()], re.IGNORECASE
        ):
            continue  # a prescription, not a claim about what happened
        if frame.scope == "own" and _marked(sent, a, m.start("A")):
            continue  # other violence before the actor: the anchor may not be this attack
        word_role = next((g for g in ("perpetrator", "sponsor", "neutral") if g in m.groupdict() and m.group(g)), None)
        cue_start, cue_end = m.span(word_role) if word_role else m.span()
        cue = sent.norm[cue_start:cue_end] if word_role else _frame_cue(sent, m)
        negative = frame.polarity == "-" or _negated(sent, m, cue_start, lex)
        for slot in _heads(sent.masked, m.start("A"), m.end("A"), sent.slots):
            role = frame.role if frame.role not in ("cue", "neutral", "agent") else (word_role or "neutral")
            if frame.role == "agent":
                role = "agent"
            if role in ("neutral", "deflect"):
                role = default_role(slot.actor, slot.group, slot.type, sponsors=sent.lex.sponsors)
            out.append(_Raw(sent, slot, frame, role, negative, cue, m.start(), m.end(), cue_start, clause))
    return out


def _marked(sent: _Sentence, start: int, end: int) -> bool:
    """True when ``sent.norm[start:end]`` names other violence (a marker or marker actor)."""
    lex = sent.lex
    return bool(lex.markers.search(sent.norm[start:end])) or any(s.actor in lex.marker_actors for s in sent.slots if start <= s.start < end)


def _frame_cue(sent: _Sentence, m: re.Match[str]) -> str:
    """The words of a match outside its actor phrase, event anchors shown as [event]."""
    text = sent.norm[m.start() : m.start("A")] + " " + sent.norm[m.end("A") : m.end()]
    masked = sent.masked[m.start() : m.start("A")] + " " + sent.masked[m.end("A") : m.end()]
    words = re.sub(f"{_EVENT}+", "[event]", "".join(t if mk != _EVENT else _EVENT for t, mk in zip(text, masked)))
    return " ".join(words.split())


def _negated(sent: _Sentence, m: re.Match[str], cue_start: int, lex: _Lexicon) -> bool:
    """A negation between the actor and the cue, or an absence word ("without") just
    before the match or the cue."""
    if m.end("A") <= cue_start and lex.negation.search(sent.norm[m.end("A") : cue_start]):
        return True
    lo = min(m.start(), cue_start)
    before = sent.norm[:lo].split()[-4:]
    window = " ".join(before) + " " + sent.norm[lo:cue_start]
    return bool(lex.absence.search(window))


# --------------------------------------------------------------------------- certainty and voice


@dataclass(frozen=True)
class _Certainty:
    certainty: str
    negative: bool
    cue: str


def _certainty(raw: _Raw, carried: str) -> _Certainty:
    """Decide the certainty of one author-voice claim (see module docstring)."""
    lex = raw.sent.lex
    sent = raw.sent
    clause_start, clause_end = sent.clauses[raw.clause]
    matrix = sent.unquoted[: max(raw.match_end, raw.cue_start)]
    hedge = [m.group(0) for m in lex.hedge.finditer(matrix)]
    if raw.frame.strength == "hedge":
        hedge.append("(frame)")
    conditional = lex.conditional.match(sent.norm) or lex.conditional.match(sent.norm[clause_start:clause_end])
    if conditional:
        hedge.append(conditional.group(0).strip(" ,"))
    if sent.norm.rstrip().endswith("?"):
        hedge.append("?")
    boost = [m.group(0) for m in lex.boost.finditer(_without(matrix, lex.hedge))]
    if raw.frame.strength == "boost":
        boost.append("only")
    strong = lex.neg_strong.search(matrix)
    weak = lex.neg_weak.search(matrix)
    if carried:
        (hedge if carried.startswith("hedge:") else boost).append(carried.split(":", 1)[1] + " (previous sentence)")
    if raw.negative:
        if lex.concessive.search(sent.norm[clause_start : raw.cue_start]) or lex.concessive.search(sent.norm[: raw.match_start][-40:]):
            return _Certainty("hedged", False, "even if ... not")
        if strong:
            return _Certainty("asserted", False, f"{strong.group(0)} ... {raw.cue}")
        if weak:
            return _Certainty("hedged", False, f"{weak.group(0)} ... {raw.cue}")
        return _Certainty("denied", True, "not/without")
    if (strong or weak) and not _negative_sibling(raw):  # "it is unlikely that Iran ordered it"
        return _Certainty("denied", True, (strong or weak).group(0))
    if hedge:
        return _Certainty("hedged", False, _join_cues(hedge))
    return _Certainty("asserted", False, _join_cues(boost))


def _join_cues(words: list[str]) -> str:
    """Distinct cue words (case-insensitively), in order of appearance."""
    return ", ".join({w.lower(): w for w in reversed(words)}[k] for k in dict.fromkeys(w.lower() for w in words))


def _negative_sibling(raw: _Raw) -> bool:
    """True when the claim's clause also holds a negated construction ("... would undertake
    ... without Tehran's approval"): the negative evaluation belongs to that one."""
    lex = raw.sent.lex
    a, b = raw.sent.clauses[raw.clause]
    return bool(lex.absence.search(raw.sent.norm[a:b]) or lex.negation.search(raw.sent.norm[a:b]))


def _without(text: str, rx: re.Pattern[str]) -> str:
    """``text`` with the matches of ``rx`` blanked (so "almost certainly" is no booster)."""
    return rx.sub(lambda m: " " * len(m.group(0)), text)


def _carried(prev: _Sentence | None, sent: _Sentence, prev_claims: int) -> str:
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


# --------------------------------------------------------------------------- assembling


def _claims_of_text(
    text: str,
    spans: list[tuple[int, int, int]],
    mentions: list[tuple[int, int, str, str, str]],
    quote_rows: pd.DataFrame,
    case: Case,
    rules: str,
) -> list[dict]:
    """Claims of one text as row dicts (without unit_id)."""
    if rules == "revised":
        mentions = _revised_mentions(normalize_text(text), mentions, case)
    lex = _lexicon(case)
    direct = quote_rows[quote_rows["kind"] == "direct"] if len(quote_rows) else quote_rows
    sents = _prepare(text, spans, mentions, lex, list(zip(direct["start"], direct["end"])) if len(direct) else [])
    unit_in_scope = any(s.anchors for s in sents)
    para_scope = {s.paragraph for s in sents if s.anchors}
    rows: list[dict] = []
    prev_count = 0
    for k, sent in enumerate(sents):
        carried = _carried(sents[k - 1] if k else None, sent, prev_count)
        raws = [
            raw
            for frame in _frames(rules)
            for clause in range(len(sent.clauses))
            for raw in _frame_matches(sent, frame, clause, unit_in_scope, sent.paragraph in para_scope)
        ]
        new = [_row(raw, carried, quote_rows, case.suspects) for raw in _resolve_agents(raws)]
        new = [r for r in new if r is not None]
        rows += new
        prev_count = len(new)
    return _dedupe(rows)


def _resolve_agents(raws: list[_Raw]) -> list[_Raw]:
    """A bare "by"-agent is a perpetrator unless another frame gave the same actor a role
    in the same sentence ("was orchestrated by Iran" is sponsorship)."""
    named = {(r.slot.start, r.slot.end) for r in raws if r.role != "agent"}
    out = []
    for raw in raws:
        if raw.role == "agent":
            if (raw.slot.start, raw.slot.end) in named:
                continue
            raw = _Raw(**{**raw.__dict__, "role": "perpetrator"})
        out.append(raw)
    return out


def _row(raw: _Raw, carried: str, quote_rows: pd.DataFrame, suspects: tuple[str, ...]) -> dict | None:
    """One output row for a raw claim: certainty, voice and cue decided."""
    sent, slot = raw.sent, raw.slot
    start, end = sent.start + slot.start, sent.start + slot.end
    if raw.frame.role == "deflect":
        if slot.group not in suspects:
            return None
        certainty, voice, cue = "denied", slot.actor, raw.cue
    else:
        decided = _certainty(raw, carried)
        spoken = speaker_of_span(quote_rows, start, end) if len(quote_rows) else None
        if spoken is not None:
            voice = spoken[0]
            certainty = "denied" if decided.negative else "attributed"
            cue = f"{raw.cue} | {spoken[1]} speech"
        else:
            voice, certainty = "author", decided.certainty
            cue = raw.cue + (f" | {decided.cue}" if decided.cue else "")
    return {
        "sent_id": sent.sent_id,
        "start": start,
        "end": end,
        "actor": slot.actor,
        "group": slot.group,
        "role": raw.role,
        "certainty": certainty,
        "voice": voice,
        "cue": cue,
        "_order": (sent.start + raw.match_start, raw.frame.template),
    }


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per (sentence, group, role, certainty, voice); cues of duplicates joined."""
    kept: dict[tuple, dict] = {}
    for row in sorted(rows, key=lambda r: r["_order"]):
        key = (row["sent_id"], row["group"], row["role"], row["certainty"], row["voice"])
        if key in kept:
            if row["cue"] not in kept[key]["cue"]:
                kept[key]["cue"] += " ; " + row["cue"]
        else:
            kept[key] = dict(row)
    return [{k: v for k, v in r.items() if k != "_order"} for r in kept.values()]


def _mention_tuples(mentions: pd.DataFrame, case: Case) -> list[tuple[int, int, str, str, str]]:
    """(start, end, actor, group, type) of the mentions that can be blamed or are the victim."""
    types = case.actor_types
    keep = mentions[(mentions["how"] != "pronoun") | (mentions["actor"] == case.target)]
    return sorted((int(r.start), int(r.end), str(r.actor), str(r.group), types.get(str(r.actor), "")) for r in keep.itertuples())


def _empty_claims() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sent_id", "start", "end") else "object") for c in CLAIM_COLUMNS})


def blame_claims_in_text(
    text: str,
    *,
    sentence_spans: list[tuple[int, int]] | None = None,
    mentions: pd.DataFrame | None = None,
    quote_rows: pd.DataFrame | None = None,
    case: Case | str | None = None,
    rules: str = "revised",
) -> pd.DataFrame:
    """Find the responsibility claims in one text.

    Args:
        text: Raw text (curly or straight quotes).
        case: The case: target, suspects, sponsors, event phrases (None: the bundled corpus's).
        sentence_spans: Sentence (start, end) offsets; split afresh when None.
        mentions: :func:`corpus_tools.find_mentions_in_text` of ``text``; found when None.
        quote_rows: :func:`corpus_tools.extract.speech.find_quotes` of ``text``; found when None.
        rules: "revised" (every frame) or "frozen" (without ``blame_frames_revised.txt``
            and the state adjectives: the rules as first compared with the hand coding).

    Returns:
        The columns of :func:`blame_claims` except unit_id, one row per claim.

    Raises:
        ValueError: ``rules`` is not one of :data:`RULES`.
    """
    _check_rules(rules)
    case = resolve_case(case)
    spans = sorted(sentence_spans) if sentence_spans is not None else list(span_sentences(text))
    if mentions is None:
        mentions = find_mentions_in_text(text, case=case, sentence_spans=spans)
    if quote_rows is None:
        quote_rows = find_quotes(text, case=case, mentions=mentions, sentence_spans=spans)
    rows = _claims_of_text(text, [(k, a, b) for k, (a, b) in enumerate(spans)], _mention_tuples(mentions, case), quote_rows, case, rules)
    frame = pd.DataFrame(rows, columns=CLAIM_COLUMNS[1:-1]) if rows else _empty_claims()[CLAIM_COLUMNS[1:-1]]
    norm_spans = dict(enumerate(spans))
    frame["text"] = [text[norm_spans[s][0] : norm_spans[s][1]] for s in frame["sent_id"]]
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64"}).sort_values(["sent_id", "start"]).reset_index(drop=True)


def blame_claims(
    units: pd.DataFrame,
    *,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    quote_table: pd.DataFrame | None = None,
    case: Case | str | None = None,
    rules: str = "revised",
) -> pd.DataFrame:
    """Find every claim that assigns responsibility for the case's event to an actor.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: As for :func:`blame_claims_in_text`.
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the same units, if at hand.
        quote_table: :func:`corpus_tools.extract.speech.quotes` of the same units, if at hand.
        rules: "revised" (every frame) or "frozen" (the rules as first compared with the
            hand coding; see :func:`blame_claims_in_text`).

    Returns:
        One row per claim: unit_id, sent_id, start, end (the blamed actor's mention),
        actor, group, role (perpetrator, sponsor, enabler), certainty (asserted, hedged,
        attributed, denied), voice ("author" or the speaker), cue (the words that decided
        role and certainty) and text (the sentence).

    Raises:
        ValueError: ``rules`` is not one of :data:`RULES`.
    """
    _check_rules(rules)
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    found = mentions if mentions is not None else find_mentions(units, case=case, sentence_table=sents)
    quoted = quote_table if quote_table is not None else quotes(units, case=case, sentence_table=sents, mentions=found)
    by_unit = {name: dict(tuple(table.groupby("unit_id", sort=False))) for name, table in
               (("sents", sents), ("mentions", found), ("quotes", quoted))}
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = by_unit["sents"].get(unit_id, sents.iloc[0:0])
        spans = [(int(i), int(a), int(b)) for i, a, b in unit_sents[["sent_id", "start", "end"]].itertuples(index=False)]
        rows = _claims_of_text(
            text, spans, _mention_tuples(by_unit["mentions"].get(unit_id, found.iloc[0:0]), case),
            by_unit["quotes"].get(unit_id, quoted.iloc[0:0]), case, rules,
        )
        by_id = {i: (a, b) for i, a, b in spans}
        for row in rows:
            a, b = by_id[row["sent_id"]]
            row.update(unit_id=unit_id, text=text[a:b])
        frames += rows
    if not frames:
        return _empty_claims()
    table = pd.DataFrame(frames, columns=CLAIM_COLUMNS)
    order = {u: k for k, u in enumerate(units["unit_id"])}
    table = table.sort_values(["unit_id", "sent_id", "start"], key=lambda s: s.map(order) if s.name == "unit_id" else s)
    return table.astype({"sent_id": "int64", "start": "int64", "end": "int64"}).reset_index(drop=True)


# --------------------------------------------------------------------------- aggregating


def claim_pairs(claims: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """Collapse claims to one row per (unit, group).

    The pair's certainty is its claims' most frequent certainty; a tie goes to the
    certainty of the earliest claim (a piece's first claim is its lede or thesis).

    Args:
        claims: The table from :func:`blame_claims`.
        voices: "all", or "author" for the author's own claims only.

    Returns:
        unit_id, group, n_claims, roles ("perpetrator;sponsor"), certainty,
        certainties (every certainty seen, ";"-joined).
    """
    data = claims if voices == "all" else claims[claims["voice"] == "author"]
    rows = []
    for (unit_id, group), part in data.sort_values(["sent_id", "start"]).groupby(["unit_id", "group"], sort=False):
        counts = part["certainty"].value_counts()
        top = counts[counts == counts.max()].index
        certainty = next(c for c in part["certainty"] if c in top)
        rows.append((unit_id, group, len(part), ";".join(sorted(set(part["role"]))), certainty, ";".join(sorted(set(part["certainty"])))))
    table = pd.DataFrame(rows, columns=["unit_id", "group", "n_claims", "roles", "certainty", "certainties"])
    return table.sort_values(["unit_id", "group"]).reset_index(drop=True)


def blame_matrix(
    claims: pd.DataFrame,
    units: pd.DataFrame,
    *,
    by: str = "outlet",
    weights: dict[str, float] | None = None,
    groups: list[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Certainty-weighted blame per ``by`` value (outlet, unit_id, ...) and blamed group.

    Args:
        claims: The table from :func:`blame_claims`.
        units: The units table (for ``by``).
        by: A units column.
        weights: Weight per certainty; default :data:`CERTAINTY_WEIGHTS`.
        groups: Columns to show (default: every group blamed at least once).

    Returns:
        (weighted, counts): the summed weights and the number of claims, both indexed by
        ``by`` (every value, blamed or not) with one column per group.
    """
    weights = weights or CERTAINTY_WEIGHTS
    joined = claims.merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    joined = joined.assign(weight=joined["certainty"].map(weights))
    groups = groups or sorted(claims["group"].unique())
    index = list(dict.fromkeys(units[by]))
    weighted = (
        joined.pivot_table(index=by, columns="group", values="weight", aggfunc="sum").reindex(index=index, columns=groups).fillna(0.0)
    )
    counts = (
        joined.pivot_table(index=by, columns="group", values="weight", aggfunc="size")
        .reindex(index=index, columns=groups)
        .fillna(0)
        .astype(int)
    )
    return weighted, counts


# --------------------------------------------------------------------------- the hand coding


GOLD_COLUMNS = ["unit_id", "group", "role", "certainty", "voice", "evidence", "note"]


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read the hand coding (``tests/data/blame_gold.csv``, documented beside it).

    Returns:
        The rows, columns unit_id, group, role, certainty, voice, evidence, note.
    """
    gold = pd.read_csv(path, dtype=str).fillna("")
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    return gold[GOLD_COLUMNS]


def gold_pairs(gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """The hand coding collapsed to (unit, group): roles and certainties seen.

    Args:
        gold: :func:`load_gold`.
        voices: "all", or "author" for rows in the author's voice.

    Returns:
        unit_id, group, n_rows, roles, certainties (";"-joined sets).
    """
    data = gold[gold["group"] != "none"]
    if voices == "author":
        data = data[data["voice"].str.lower() == "author"]
    rows = [
        (u, g, len(p), ";".join(sorted(set(p["role"]))), ";".join(sorted(set(p["certainty"]))))
        for (u, g), p in data.groupby(["unit_id", "group"], sort=False)
    ]
    return pd.DataFrame(rows, columns=["unit_id", "group", "n_rows", "roles", "certainties"])


def evaluate_against_gold(claims: pd.DataFrame, gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """Compare claims with the hand coding at the (unit, group) level.

    A (unit, group) pair is blamed by the rules when any claim (in the chosen voices)
    names that group, whatever its certainty; by the coder when the coding has a row for
    it. For pairs both name:

    * certainty agrees when the pair's certainty (:func:`claim_pairs`) is one the coder
      gave that pair; ``certainty_any`` when any certainty of the rules' claims is;
    * role agrees when the role sets overlap; ``role_exact`` when they are equal.

    Args:
        claims: :func:`blame_claims`.
        gold: :func:`load_gold`.
        voices: "all" or "author" (both sides filtered the same way).

    Returns:
        One row per pair either side names: unit_id, group, status (tp, fp, fn),
        pred_roles, gold_roles, pred_certainty, pred_certainties, gold_certainties,
        certainty_agree, certainty_any, role_agree, role_exact, n_claims.
    """
    pred = claim_pairs(claims, voices=voices).rename(
        columns={"roles": "pred_roles", "certainty": "pred_certainty", "certainties": "pred_certainties"}
    )
    hand = gold_pairs(gold, voices=voices).rename(columns={"roles": "gold_roles", "certainties": "gold_certainties"})
    both = pred.merge(hand, on=["unit_id", "group"], how="outer", indicator=True)
    both["status"] = both["_merge"].map({"both": "tp", "left_only": "fp", "right_only": "fn"}).astype(str)

    def sets(col: str) -> pd.Series:
        return both[col].fillna("").map(lambda s: set(filter(None, s.split(";"))))

    pred_roles, gold_roles = sets("pred_roles"), sets("gold_roles")
    pred_cert, gold_cert = sets("pred_certainties"), sets("gold_certainties")
    tp = both["status"] == "tp"
    both["certainty_agree"] = [bool(ok) and c in g for ok, c, g in zip(tp, both["pred_certainty"], gold_cert)]
    both["certainty_any"] = [bool(ok) and bool(p & g) for ok, p, g in zip(tp, pred_cert, gold_cert)]
    both["role_agree"] = [bool(ok) and bool(p & g) for ok, p, g in zip(tp, pred_roles, gold_roles)]
    both["role_exact"] = [bool(ok) and p == g for ok, p, g in zip(tp, pred_roles, gold_roles)]
    both["n_claims"] = both["n_claims"].fillna(0).astype(int)
    columns = [
        "unit_id",
        "group",
        "status",
        "pred_roles",
        "gold_roles",
        "pred_certainty",
        "pred_certainties",
        "gold_certainties",
        "certainty_agree",
        "certainty_any",
        "role_agree",
        "role_exact",
        "n_claims",
    ]
    return both[columns].fillna("").sort_values(["unit_id", "group"]).reset_index(drop=True)


def gold_summary(claims: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and agreement at the (unit, group) level, author voice and all voices.

    Returns:
        One row per level: voices, tp, fp, fn, precision, recall, matched, certainty_agree
        (share of matched pairs), certainty_any, role_agree, role_exact.
    """
    rows = []
    for voices in ("author", "all"):
        ev = evaluate_against_gold(claims, gold, voices=voices)
        tp, fp, fn = (int((ev["status"] == s).sum()) for s in ("tp", "fp", "fn"))
        matched = ev[ev["status"] == "tp"]
        rows.append(
            {
                "voices": voices,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": tp / (tp + fp) if tp + fp else float("nan"),
                "recall": tp / (tp + fn) if tp + fn else float("nan"),
                "matched": len(matched),
                **{
                    col: float(matched[col].mean()) if len(matched) else float("nan")
                    for col in ("certainty_agree", "certainty_any", "role_agree", "role_exact")
                },
            }
        )
    return pd.DataFrame(rows)


def summary_by_rules(claims_by_rules: dict[str, pd.DataFrame], gold: pd.DataFrame) -> pd.DataFrame:
    """:func:`gold_summary` of several claim tables side by side (e.g. frozen and revised).

    Returns:
        One row per (rules, voices), the columns of :func:`gold_summary`.
    """
    parts = [gold_summary(claims, gold).assign(rules=name) for name, claims in claims_by_rules.items()]
    table = pd.concat(parts, ignore_index=True)
    return table[["rules", *[c for c in table.columns if c != "rules"]]]


def changed_pairs(before: pd.DataFrame, after: pd.DataFrame, gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """The (unit, group) pairs whose check result differs between two claim tables.

    Args:
        before, after: :func:`blame_claims` tables (e.g. ``rules="frozen"`` and the default).
        gold: :func:`load_gold`.
        voices: "all" or "author".

    Returns:
        unit_id, group, gold_certainties, then status, pred_certainty and certainty_agree
        before and after; one row per pair whose status or certainty changed.
    """
    keys = ["unit_id", "group"]
    cols = ["status", "pred_certainty", "certainty_agree"]
    old = evaluate_against_gold(before, gold, voices=voices)
    new = evaluate_against_gold(after, gold, voices=voices)
    both = old[[*keys, "gold_certainties", *cols]].merge(
        new[[*keys, "gold_certainties", *cols]], on=keys, how="outer", suffixes=(" before", " after")
    )
    both["gold_certainties"] = both["gold_certainties after"].fillna(both["gold_certainties before"])
    changed = (both["status before"] != both["status after"]) | (both["pred_certainty before"] != both["pred_certainty after"])
    columns = [*keys, "gold_certainties", *(f"{c} {w}" for c in cols for w in ("before", "after"))]
    return both.loc[changed, columns].fillna("").reset_index(drop=True)


# --------------------------------------------------------------------------- notebook views


VOICE_KINDS = ("author", "quoted source", "accused's own denial")


def voice_kind(claims: pd.DataFrame) -> pd.Series:
    """Whose claim each row is: the author's, a quoted source's, or the accused's own
    denial (a deflection: the voice is the blamed actor itself).

    Returns:
        A Series aligned with ``claims``, values in :data:`VOICE_KINDS`.
    """
    own = claims["voice"] == claims["actor"]
    kinds = ["author" if v == "author" else ("accused's own denial" if o else "quoted source") for v, o in zip(claims["voice"], own)]
    return pd.Series(kinds, index=claims.index, name="voice_kind")


def count_table(
    claims: pd.DataFrame, units: pd.DataFrame, *, by: str = "outlet", column: str = "certainty", order: Iterable[str] = CERTAINTIES
) -> pd.DataFrame:
    """Claims counted per ``by`` value (rows, every unit's value) and ``column`` value.

    Args:
        claims: :func:`blame_claims`, possibly with extra columns (e.g. voice_kind).
        units: The units table (for ``by``).
        by: A units column.
        column: A claims column.
        order: The columns, in order.

    Returns:
        Counts with a final ``total`` column.
    """
    joined = claims.merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    table = pd.crosstab(joined[by], joined[column]).reindex(index=list(dict.fromkeys(units[by])), columns=list(order)).fillna(0).astype(int)
    return table.assign(total=table.sum(axis=1)).rename_axis(index=by, columns=column)


def matrix_labels(weighted: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Cell labels "weight (n claims)" for :func:`blame_matrix`; empty cells stay blank."""
    labels = weighted.copy().astype(object)
    for r in weighted.index:
        for c in weighted.columns:
            n = int(counts.loc[r, c])
            labels.loc[r, c] = f"{weighted.loc[r, c]:+.2f} ({n})" if n else ""
    return labels


def stacked_bars(table: pd.DataFrame, *, title: str, xlabel: str, colors: dict[str, str] | None = None):
    """Horizontal stacked bars, one bar per row of ``table`` (a count table whose last
    column may be ``total``), each segment labelled with its count; the total is written
    at the end of the bar.

    Returns:
        The figure and the plotted counts in long form (row, segment, count).
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from corpus_tools.viz.figures import PALETTE

    data = table.drop(columns=[c for c in ("total",) if c in table.columns])
    colors = colors or {c: PALETTE[k % len(PALETTE)] for k, c in enumerate(data.columns)}
    fig, ax = plt.subplots(figsize=(8.5, 0.42 * len(data) + 1.6))
    left = pd.Series(0.0, index=data.index)
    labels = [_shorten_label(str(i)) for i in data.index]
    for col in data.columns:
        ax.barh(labels, data[col], left=left, color=colors[col], label=col, edgecolor="white", linewidth=0.5)
        for y, (value, start) in enumerate(zip(data[col], left)):
            if value:
                ax.text(start + value / 2, y, str(int(value)), ha="center", va="center", fontsize=7, color="black")
        left = left + data[col]
    for y, total in enumerate(left):
        ax.text(total, y, f"  n={int(total)}", va="center", fontsize=7)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(float(left.max()), 1.0) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    long = data.rename_axis(index="row", columns="segment").stack().rename("count").reset_index()
    return fig, long


def _shorten_label(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


CERTAINTY_COLORS = {"asserted": "#0072B2", "hedged": "#56B4E9", "attributed": "#E69F00", "denied": "#D55E00"}
VOICE_COLORS = {"author": "#0072B2", "quoted source": "#E69F00", "accused's own denial": "#D55E00"}


def gold_by_unit(claims: pd.DataFrame, gold: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the groups the coder and the rules name, at both voice levels.

    Returns:
        One row per unit: unit_id, then for "author" and "all" voices: gold and rules
        (";"-joined groups), tp, fp, fn and certainty_agree (matched pairs whose
        certainty agrees, "k/n").
    """
    out = pd.DataFrame({"unit_id": units["unit_id"]}).set_index("unit_id")
    for voices in ("author", "all"):
        ev = evaluate_against_gold(claims, gold, voices=voices)
        for unit_id in out.index:
            part = ev[ev["unit_id"] == unit_id]
            tp = part[part["status"] == "tp"]
            out.loc[unit_id, f"{voices}: gold"] = ";".join(part.loc[part["status"] != "fp", "group"]) or "-"
            out.loc[unit_id, f"{voices}: rules"] = ";".join(part.loc[part["status"] != "fn", "group"]) or "-"
            for status in ("tp", "fp", "fn"):
                out.loc[unit_id, f"{voices}: {status}"] = int((part["status"] == status).sum())
            out.loc[unit_id, f"{voices}: certainty agrees"] = f"{int(tp['certainty_agree'].sum())}/{len(tp)}"
    counts = [c for c in out.columns if c.endswith((": tp", ": fp", ": fn"))]
    return out.astype({c: int for c in counts}).reset_index()
