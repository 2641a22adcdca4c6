"""Blame rule data compiled for matching: cue lists, event anchors and frames.

Reads the blame lexicon files (``lexicon/blame_*.txt``, documented in their headers) and
compiles them for one case: the case's event phrases, harm words and target pronouns fill
the placeholders of ``blame_events.txt``; the frame templates of ``blame_frames.txt``
become regular expressions over a sentence whose actor mentions are masked as slots.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from corpus_tools.io.case import Case
from corpus_tools.io.lexicon import negators, read_tab_rows

# Mask characters: an actor mention is HEAD BODY*, the target VICTIM*, an event anchor EVENT*.
HEAD, BODY, VICTIM, EVENT = "\x01", "\x02", "\x03", "\x04"
SLOT = f"{HEAD}{BODY}*"
_WORDS = r"[A-Za-z0-9][\w'-]*"


def phrase_regex(phrases: Iterable[str], *, bounded: bool = True) -> str:
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
    prefilter: re.Pattern[str] | None = None

    @property
    def has_event(self) -> bool:
        return "{EV}" in self.template

    @cached_property
    def needs(self) -> str:
        """Mask characters a sentence must hold for the frame to match: an actor, an
        event anchor, the target."""
        marks = {"{A}": HEAD, "{S}": HEAD, "{EV}": EVENT, "{K}": VICTIM}
        return "".join(sorted({c for macro, c in marks.items() if macro in self.template}))


@dataclass(frozen=True)
class Lexicon:
    """The blame cue lists compiled for one case."""

    victim: str
    sponsors: tuple[str, ...]
    suspects: tuple[str, ...]
    actor_types: dict[str, str]
    actor_groups: dict[str, str]
    events: tuple[tuple[str, re.Pattern[str]], ...]
    markers: re.Pattern[str]
    series: re.Pattern[str]
    event_phrase: re.Pattern[str]
    event_year: int | None
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
    attribution: re.Pattern[str]
    report_nouns: re.Pattern[str]
    vague_speakers: frozenset[str]
    sponsor_words: re.Pattern[str]
    speaker_nouns: frozenset[str]
    folder: Path | None = None  # the case's own lexicon folder


def _read_classes(name: str, *, extra: Path | None = None) -> dict[str, frozenset[str]]:
    """A ``class<TAB>entry`` resource as {class: lowercase entries} (``extra``: a case's
    lexicon folder, whose file of the same name adds entries)."""
    out: dict[str, set[str]] = {}
    for row in read_tab_rows(name, extra=extra):
        out.setdefault(row[0].strip(), set()).add(row[1].strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _acts() -> frozenset[str]:
    """Verbs of other violent acts (``blame_other_violence.txt``, class ``act``)."""
    return frozenset(e for kind, e in read_tab_rows("blame_other_violence.txt") if kind == "act")


def _event_year(case: Case) -> int | None:
    """The year of the case's event: the latest year in its description or event phrases."""
    years = [int(y) for text in (case.description, *case.event) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text)]
    return max(years) if years else None


def _forms(verb: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """A verb (or phrasal verb) and its -s, -ed and -ing forms, plus listed irregular ones."""
    head, _, rest = verb.lower().partition(" ")
    tail = f" {rest}" if rest else ""
    stem = head[:-1] if head.endswith("e") else head
    regular = {head, f"{head}s", f"{stem}ed", f"{stem}ing"}
    return {f"{w}{tail}" for w in regular} | set(irregular.get(verb.lower(), ()))


def _event_patterns(case: Case) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """``blame_events.txt`` with the case's placeholders filled in."""
    rows = read_tab_rows("blame_events.txt")
    irregular = {row[1].strip().lower(): tuple(f.strip().lower() for f in row[2].split(";")) for row in rows if row[0] == "inflect"}
    harm = {form for h in case.harm for form in _forms(h, irregular)}
    fill = {
        "{VICTIM}": rf"(?:the\s+)?{VICTIM}+",
        "{TPRON}": rf"(?:{'|'.join(map(re.escape, case.pronouns))})",
        "{HARM}": phrase_regex(harm, bounded=False),
        "{EVENT}": phrase_regex((e.lower() for e in case.event), bounded=False),
    }
    out = []
    for kind, rx, *_ in rows:
        if kind == "inflect":
            continue
        for key, value in fill.items():
            rx = rx.replace(key, value)
        out.append((kind, re.compile(rx, re.IGNORECASE)))
    return tuple(out)


@lru_cache(maxsize=8)
def case_lexicon(case: Case) -> Lexicon:
    """Read and compile every blame cue list once per case."""
    events = _event_patterns(case)
    other = read_tab_rows("blame_other_violence.txt", extra=case.lexicon)
    markers = re.compile("|".join(f"(?:{rx})" for kind, rx, *_ in other if kind == "marker") or r"(?!x)x", re.IGNORECASE)
    series = re.compile("|".join(f"(?:{rx})" for kind, rx, *_ in other if kind == "series") or r"(?!x)x", re.IGNORECASE)
    hedges = _read_classes("blame_hedges.txt", extra=case.lexicon)
    boosts = _read_classes("blame_boosters.txt", extra=case.lexicon)
    denials = _read_classes("blame_denials.txt", extra=case.lexicon)
    reporting = read_tab_rows("blame_reporting.txt")
    words = _read_classes("blame_responsibility.txt")
    acts = _acts()
    return Lexicon(
        folder=case.lexicon,
        victim=case.target,
        sponsors=case.sponsors,
        suspects=case.suspects,
        actor_types=case.actor_types,
        actor_groups=case.actor_groups,
        events=events,
        markers=markers,
        series=series,
        event_phrase=re.compile(phrase_regex(e.lower() for e in case.event), re.IGNORECASE),
        event_year=_event_year(case),
        marker_actors=frozenset(e for kind, e, *_ in other if kind == "actor"),
        acts=acts,
        hedge=re.compile(phrase_regex(hedges.get("hedge", ())), re.IGNORECASE),
        conditional=re.compile(rf"^\W*(?:{phrase_regex(hedges.get('conditional', ()))})", re.IGNORECASE),
        boost=re.compile(phrase_regex(boosts.get("boost", ())), re.IGNORECASE),
        neg_strong=re.compile(phrase_regex(boosts.get("neg_strong", ())), re.IGNORECASE),
        neg_weak=re.compile(phrase_regex(boosts.get("neg_weak", ())), re.IGNORECASE),
        negation=re.compile(r"n't\b|" + phrase_regex(negators(("negator",), lexicon=case.lexicon) - {"n't"}), re.IGNORECASE),
        absence=re.compile(phrase_regex(denials.get("absence", frozenset()) | negators(("absence",), lexicon=case.lexicon)),
                           re.IGNORECASE),
        concessive=re.compile(phrase_regex(denials.get("concessive", ())), re.IGNORECASE),
        attribution=re.compile(phrase_regex(hedges.get("attribution", ())), re.IGNORECASE),
        report_nouns=re.compile(
            phrase_regex(form.lower() for form, *tag in reporting if tag and tag[0].strip() == "claim_noun") + r"\s+(?:that|of)\b",
            re.IGNORECASE,
        ),
        vague_speakers=frozenset(form.lower() for form, *tag in reporting if tag and tag[0].strip() == "vague"),
        speaker_nouns=frozenset(form.lower() for form, *tag in reporting if tag and tag[0].strip() in ("noun", "vague")),
        sponsor_words=re.compile(
            phrase_regex(words.get("sponsor_verb", frozenset()) | words.get("sponsor_noun", frozenset())), re.IGNORECASE
        ),
    )


@lru_cache(maxsize=1)
def frames() -> tuple[Frame, ...]:
    """The blame constructions of ``blame_frames.txt``, compiled."""
    words = {**_read_classes("blame_responsibility.txt"), **_read_classes("blame_denials.txt")}
    acts = _acts()
    return tuple(_compile_frame(*row, words=words, acts=acts) for row in read_tab_rows("blame_frames.txt"))


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
UNNAMED = "unnamed"
ADJECTIVE = "adjective:"  # type prefix of an actor named by a demonym


@lru_cache(maxsize=8)
def _unnamed_rx(case: Case) -> re.Pattern[str]:
    """Phrases that name an unnamed perpetrator (``blame_unnamed.txt`` and the case's own)."""
    rows = read_tab_rows("blame_unnamed.txt", extra=case.lexicon)
    return re.compile(phrase_regex(row[0].strip().lower() for row in rows), re.IGNORECASE)


def blamable_mentions(norm: str, mentions: list[tuple[int, int, str, str, str]], case: Case) -> list[tuple[int, int, str, str, str]]:
    """The blamable mentions: ``mentions`` without a state that only
    designates ("Asaib Ahl al-Haq's US designated terrorist leader", written without the
    hyphen that already marks "US-designated" as an adjective), plus the state adjectives
    that name a state ("Iranian meddling", ``blame_adjectives.txt``), plus the phrases
    that name an unnamed perpetrator ("saboteurs", ``blame_unnamed.txt``: actor and group
    ``unnamed``)."""
    mentions = [m for m in mentions if not _DESIGNATED_RE.match(norm, m[1])]
    rx, actors = _adjective_rx(case)
    extra: list[tuple[int, int, str, str, str]] = []
    for m in rx.finditer(norm):
        if not any(a < m.end() and m.start() < b for a, b, *_ in mentions):
            actor = actors[m.group(1).lower()]
            extra.append((m.start(), m.end(), actor, case.actor_groups[actor], ADJECTIVE + case.actor_types.get(actor, "")))
    for m in _unnamed_rx(case).finditer(norm):
        if not any(a < m.end() and m.start() < b for a, b, *_ in [*mentions, *extra]):
            extra.append((m.start(), m.end(), UNNAMED, UNNAMED, "organisation"))
    return sorted([*mentions, *extra])


# An actor noun phrase: pre-modifiers, a mention, and its coordinated or descriptive parts.
_NOT_PRE = (
    "of|among|in|on|at|to|for|with|from|against|over|and|or|nor|but|by|that|which|who|is|was|are|were|only"
    "|why|how|what|when|where|whether|because|if|not"
)
_PRE = rf"(?:(?<![\w'-])(?!(?:{_NOT_PRE})\b){_WORDS}\s+)"
_COORD = r"(?:\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+)"
_SOME_OF = r"(?:(?:some|several|many|most|all|one|two|three|each|any|none|certain)\s+of\s+)"
_MEMBERS = r"\s+(?:made\s+up\s+of|consisting\s+of|comprising|including)\s+(?:[\w-]+\s+){0,2}?"
_DESC = (
    rf"(?:{_MEMBERS}|'s\s+(?:[\w-]+\s+){{0,2}}?|\s+of\s+(?:the\s+)?|\s*\(\s*|"
    r"\s+(?:backed|supported|sponsored|funded|armed|directed|controlled|run)\s+by\s+(?:the\s+)?|"
    r"\s+(?:linked|allied|loyal|close|answerable|beholden)\s+to\s+(?:the\s+)?|"
    r"\s+(?:affiliated|aligned|allied|associated)\s+with\s+(?:the\s+)?|"
    r"\s+with\s+(?:close\s+)?(?:ties|connections|links)\s+to\s+(?:both\s+)?)"
)
_APPOSITIVE = rf"(?:,\s+(?:(?!\b(?:said|says|told|that)\b)(?:[^,;{HEAD}{BODY}]|{SLOT})){{1,120}}?,)"
_COUNT = (
    r"(?:(?:at\s+least|at\s+most|more\s+than|as\s+many\s+as|up\s+to|no\s+fewer\s+than)\s+)?"
    r"(?:one|two|three|four|five|several|some|a\s+few|a\s+number|a\s+handful|many)\s+(?:of\s+)?"
)
_UNIT = (
    r"(?:the\s+)?(?:militants|members|fighters|operatives|agents|elements|gunmen|supporters|affiliates|units?|cells?|branch)"
    r"\s+of\s+(?:the\s+)?"
)
_GROUP_OF = (
    r"(?:an?\s+)?(?:group|team|unit|cell|squad|band|commando|gang|network)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:including|made\s+up\s+of|consisting\s+of|comprising|of)\s+(?:\d+\s+)?"
)
# A quantifier or part before an actor: "at least one cell of", "members of", "a group of assassins including".
_QUANT = rf"(?:{_COUNT}(?:{_UNIT})?|{_UNIT}|{_GROUP_OF})"
_PARTS = rf"(?:(?:{_DESC}|{_COORD}{_SOME_OF}?{_PRE}{{0,3}}){SLOT})*"
_NP = rf"(?P<A>(?:(?:either|neither|both)\s+)?{_QUANT}?{_PRE}{{0,2}}{SLOT}{_PARTS}\)?{_APPOSITIVE}?)"
COORD_FULL = re.compile(rf"{_COORD}{_SOME_OF}?{_PRE}{{0,3}}")
POSSESSOR = re.compile(r"'s\s+(?:[\w-]+\s+){0,2}")
MEMBERS = re.compile(_MEMBERS)


def _compile_frame(
    role: str, polarity: str, strength: str, template: str, scope: str = "clause", *, words: dict, acts: frozenset[str]
) -> Frame:
    """Compile a frame template (syntax in ``blame_frames.txt``) to a regular expression."""
    act_rx = phrase_regex(acts)
    macros = {
        "{A}": _NP,
        "{S}": _NP.replace("(?P<A>", "(?P<S>"),
        "{NOTOBJ}": "".join(
            rf"(?<!\b{p}\s)(?<!\b{p}\sthe\s)" for p in ("on", "at", "in", "over", "into", "near", "against", "inside", "for")
        ),
        "{EV}": f"{EVENT}+",
        "{K}": rf"(?:(?:the\s+)?{VICTIM}+|him)(?![\w-])",
        "{V}": f"(?:(?P<perpetrator>{phrase_regex(words['perp_verb'])})|(?P<sponsor>{phrase_regex(words['sponsor_verb'])}))",
        "{N}": f"(?:(?P<sponsor>{phrase_regex(words['sponsor_noun'])})|(?P<perpetrator>{phrase_regex(words['perp_noun'])}))",
        "{R}": f"(?P<neutral>{phrase_regex(words['neutral_noun'])})",
        "{P}": f"(?P<neutral>{phrase_regex(words['neutral_pred'])})",
    }
    pieces = _split_template(template)
    out = []
    literal = []  # pieces without an actor, anchor or target: one of them must occur
    for k, piece in enumerate(pieces):
        gap = re.fullmatch(r"(~~?)(\d+)", piece)
        if gap:
            if gap.group(1) == "~":  # no actor and no other violent act in a tight gap
                out.append(rf"(?:(?!{act_rx})[^\s{HEAD}{BODY}]+\s+){{0,{gap.group(2)}}}?")
            else:
                out.append(rf"(?:\S+\s+){{0,{gap.group(2)}}}?")
            continue
        rx = piece.replace(" ", r"\s+")
        for macro, sub in macros.items():
            rx = rx.replace(macro, sub)
        rx = re.sub(r"\{W:(\w+)\}", lambda m: phrase_regex(_word_class(words, m.group(1), template)), rx)
        out.append(rx + (r",?\s+" if k + 1 < len(pieces) else ""))
        if not any(macro in piece for macro in ("{A}", "{S}", "{EV}", "{K}", "{NOTOBJ}")) and not piece.endswith("?"):
            literal.append(re.sub(r"\(\?P<\w+>", "(?:", rx))
    prefilter = re.compile(max(literal, key=len), re.IGNORECASE) if literal else None
    pattern = re.compile("".join(out), re.IGNORECASE)
    return Frame(role, polarity, strength, template, pattern, scope.strip() or "clause", prefilter)


def _word_class(words: dict[str, frozenset[str]], name: str, template: str) -> frozenset[str]:
    """The entries of a word class named in a template as ``{W:name}``."""
    if name not in words:
        raise ValueError(f"blame_frames.txt: template {template!r} names an unknown word class {name!r}")
    return words[name]


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
