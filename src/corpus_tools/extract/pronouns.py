"""Pronoun and role-noun resolution: the one resolver every measure uses.

* **The target's pronouns** (:func:`resolve_pronouns`, for mentions): he/his/him/himself
  are resolved to the case's target, conservatively. A pronoun is resolved to the target
  when the target is the closest person mentioned before it, in the same or the previous
  sentence; a subject "he" (or a pronoun opening its sentence) also needs the target to be
  the first person of its sentence, and quoted speakers ('..." he said') are left alone.
  Other antecedents give no row.
* **Speaker pronouns** (:func:`resolve_speaker_pronouns`, for speech): "he"/"she" speak
  for the first person named before them in their sentence, else the most recent named
  speaker, else the first person named in the previous sentence; "they" for the most
  recent speaker of this or the previous sentence.
* **Actor pronouns and role nouns** (:func:`bind_group_pronouns`, for blame): a
  clause-initial "they" refers to the first actor of the previous sentence of the same
  paragraph, "hold them responsible" to the last actor before it, and "their patron" to
  the last actor of a sponsor group named in the last sentences.
* **Back-reference to the previous sentence** (for stance): a sentence that opens with a
  pronoun referring back ("It was the right call", not an expletive "It's easy to
  ...") or holds an object pronoun ("punish them") may take its referent from the
  previous sentence's mentions (:func:`opens_with_anaphor`, :func:`holds_anaphor`); a
  subject pronoun ("they urged ...") stands for the first of them
  (:func:`subject_antecedent`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from corpus_tools.text.normalize import word_set as _words

DEFAULT_PRONOUNS = ("he", "his", "him", "himself")
SUBJECT_PRONOUNS = frozenset({"he", "she"})


def sentence_index(spans: list[tuple[int, int]], starts: list[int], pos: int) -> int | None:
    """Index of the span containing pos, None if pos is in no span."""
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return k
    return None


@functools.lru_cache(maxsize=8)
def _pronoun_regex(pronouns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, pronouns))})(?!\w)", re.IGNORECASE)

# ------------------------------------------------------------------------ pronouns

_NON_PERSON = _words(
    # Capitalised words that do not start a person's name: function words that open
    # sentences, calendar words, places, nationalities, and the head words of
    # organisation and publication names. A heuristic list; see corpus/gazetteer.md.
    """
    the a an in on at by for of to and but or when after before this that these
    those it its he his she her they their we our i if as while since though
    although yet so then now still even only just many most some all both each
    every no not what who which why how where there here with from into over
    under between among during despite according instead moreover however
    hopefully perhaps below above because unknown note first fast rule love can
    sunday monday tuesday wednesday thursday friday saturday january february
    march april may june july august september october november december iraq
    iran syria lebanon israel turkey gaza baghdad beirut tehran najaf tigris
    kurdistan basra erbil washington boston australia africa pacific gulf east
    west north south middle near horn green zone river street road city port
    strip region iraqi iraqis iranian iranians american americans israeli
    israelis lebanese syrian kurdish kurds sunni sunnis shiite shiites shia arab
    arabs western soviet colombian australian palestinian palestinians jewish
    christian christianity persian turkish english muslim old council institute
    forum news journal times post interest center centre university foundation
    initiative program programs ministry department embassy assembly parliament
    police army force forces corps guard guards party alliance movement front
    brigade brigades organization commission service agency office house
    republic state states union nations committee court bank company hospital
    crescent reuters shutterstock wikimedia commons media press update updates
    image photo screenshot twitter topic tags enterprise revolutionary islamic
    national international federal interior foreign supreme security human unit
    defense democracies navy marine government prime minister president premier
    ayatollah grand leader recent related articles aid diplomacy politics attack
    drone strike
    """
)
_PERSON_NOUN_RE = re.compile(
    r"(?<!\w)(?:bodyguard|guard|spokesman|spokesperson|analyst|judge|officer|official|"
    r"prisoner|protester|protestor|militiaman|gunman|terrorist|commander|cleric|leader|"
    r"president|premier|minister|predecessor|successor|father|son|brother|friend|"
    r"colleague|writer|ambassador|envoy|attacker|suspect|dictator|member|chief|governor|"
    r"general|soldier|diplomat|rival|man)(?!\w)",
    re.IGNORECASE,
)
_CAP_TOKEN_RE = re.compile(
    r"(?<![\w'.])(?:Mrs?\.|Ms\.|Dr\.|[A-Z]\.(?=\s)|[^\W\d_][\w'-]*)"
)
_SPEECH_AFTER_RE = re.compile(
    r"(?<!\w)([A-Z][a-z]+)\s+(?:said|says|told|believes|argues|argued|noted|notes|added|"
    r"warned|wrote|suggests|suggested|explained)(?!\w)"
)
_SPEECH_BEFORE_RE = re.compile(
    r"(?<!\w)(?:said|says|told|according\s+to)\s+([A-Z][a-z]+)(?!\w)"
)
_SPEECH_VERB_AFTER_PRONOUN_RE = re.compile(
    r"\s+(?:said|says|told|added|argued|noted|explained|stated|warned|wrote|insisted|"
    r"continued|asked)(?!\w)",
    re.IGNORECASE,
)


def _capitalised_runs(ntext: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised tokens separated by single spaces (candidate person names)."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for m in _CAP_TOKEN_RE.finditer(ntext):
        tok = m.group(0)
        if not tok[0].isupper() or (
            tok.isupper() and len(tok) > 1 and not tok.endswith(".")
        ):
            if current:
                runs.append(current)
            current = []
            continue
        if current and re.fullmatch(r"[ \t]+", ntext[current[-1].end() : m.start()]):
            current.append(m)
        else:
            if current:
                runs.append(current)
            current = [m]
    if current:
        runs.append(current)
    return runs


def _clean_token(tok: str) -> str:
    """Lowercase a capitalised token and drop a possessive 's."""
    low = tok.lower()
    return low.removesuffix("'s")


def _unknown_person_spans(
    ntext: str, occupied: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Heuristic spans of people not in the gazetteer (they block pronoun resolution).

    A run of two or more capitalised words none of which is a known place,
    organisation, nationality or function word ("Kyle Orton", "Mr. Spyer"); then every
    later capitalised occurrence of such a run's last word ("Orton said"), and any
    capitalised word that is the subject or object of a speech verb ("said Heras").
    """

    def free(a: int, b: int) -> bool:
        k = bisect.bisect_left(occupied, (a, b))
        left = k == 0 or occupied[k - 1][1] <= a
        right = k == len(occupied) or occupied[k][0] >= b
        return left and right

    spans: list[tuple[int, int]] = []
    surnames: set[str] = set()
    for run in _capitalised_runs(ntext):
        while run and _clean_token(run[0].group(0)) in _NON_PERSON:
            run = run[1:]
        if len(run) < 2 or any(_clean_token(m.group(0)) in _NON_PERSON for m in run):
            continue
        a, b = run[0].start(), run[-1].end()
        if free(a, b):
            spans.append((a, b))
            surnames.add(run[-1].group(0).split("'")[0])
    for rx in (_SPEECH_AFTER_RE, _SPEECH_BEFORE_RE):
        for m in rx.finditer(ntext):
            word = m.group(1)
            if word.lower() not in _NON_PERSON and free(m.start(1), m.end(1)):
                surnames.add(word)
    for word in surnames:
        for m in re.finditer(rf"(?<![\w'-]){re.escape(word)}(?![\w-])", ntext):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end()))
    return sorted(set(spans))


def resolve_pronouns(
    ntext: str,
    persons: list[tuple[int, int, bool]],
    occupied: list[tuple[int, int]],
    spans: list[tuple[int, int]],
    *,
    pronouns: tuple[str, ...] = DEFAULT_PRONOUNS,
) -> list[tuple[int, int]]:
    """The spans of the pronouns that refer to the target (see the module docstring).

    Args:
        ntext: normalised text.
        persons: the person mentions found so far, (start, end, is it the target).
        occupied: the spans of all mentions found so far (of any type).
        spans: sorted sentence spans.
        pronouns: the target's pronouns (lowercase), e.g. he/his/him/himself.

    Returns:
        (start, end) of every pronoun resolved to the target; others give nothing.
    """
    if not spans or not any(flag for *_, flag in persons):
        return []
    starts = [s for s, _ in spans]
    occupied = sorted(occupied)
    events = list(persons)
    for a, b in _unknown_person_spans(ntext, occupied):
        events.append((a, b, False))
    for m in _PERSON_NOUN_RE.finditer(ntext):
        k = bisect.bisect_left(occupied, (m.start(), m.end()))
        inside = (k > 0 and occupied[k - 1][1] > m.start()) or (
            k < len(occupied) and occupied[k][0] < m.end()
        )
        if not inside:
            events.append((m.start(), m.end(), False))
    items = sorted(
        [(a, 0, b, flag) for a, b, flag in events]
        + [(m.start(), 1, m.end(), None) for m in _pronoun_regex(pronouns).finditer(ntext)]
    )
    rows: list[tuple[int, int]] = []
    # the closest person event so far: (sentence index, is it the target)
    last: tuple[int, bool] | None = None
    # sentence index -> is the first person event of that sentence the target
    first_in: dict[int, bool] = {}
    for start, is_pronoun, end, flag in items:
        sent = sentence_index(spans, starts, start)
        if sent is None:
            continue
        if not is_pronoun:
            last = (sent, bool(flag))
            first_in.setdefault(sent, bool(flag))
            continue
        resolved = (
            last is not None
            and last[1]
            and last[0] >= sent - 1
            and not _is_speech_attribution(ntext, start, end)
            and _subject_allows(ntext, spans[sent][0], start, end, sent, first_in)
        )
        first_in.setdefault(sent, resolved)
        if resolved:
            rows.append((start, end))
        last = (sent, resolved)
    return rows


def _subject_allows(
    ntext: str,
    sent_start: int,
    start: int,
    end: int,
    sent: int,
    first_in: dict[int, bool],
) -> bool:
    """Subject preference for "he" and for any pronoun opening its sentence.

    Such a pronoun refers to the first person of its sentence, or of the previous
    sentence when no person precedes it in its own; that person must be the target.
    ("Khazali joined the protest at the prime minister's residence, during which he
    accused ..." is therefore not resolved.)

    Returns:
        True when the pronoun may be resolved to the target.
    """
    opens_sentence = not re.search(r"\w", ntext[sent_start:start])
    if not (opens_sentence or ntext[start:end].lower() in SUBJECT_PRONOUNS):
        return True
    if sent in first_in:
        return first_in[sent]
    return first_in.get(sent - 1, True)


def _is_speech_attribution(ntext: str, start: int, end: int) -> bool:
    """True for '..." he said': the pronoun names a quoted speaker, left unresolved."""
    quote_before = re.search(
        r"\"\s*,?\s*$|,\s*\"\s*$", ntext[max(0, start - 4) : start]
    )
    return bool(quote_before) and bool(_SPEECH_VERB_AFTER_PRONOUN_RE.match(ntext, end))


# ---------------------------------------------------------------------------- API


# ------------------------------------------------------------------- speaker pronouns


class SpeakerRef(Protocol):
    """A speaker found by the speech module: where it stands, what it is, whom it names."""

    start: int
    end: int
    kind: str  # mention, name, pronoun, noun
    label: str | None


def resolve_speaker_pronouns(
    norm: str,
    speakers: Sequence[SpeakerRef],
    *,
    sentence_of: Callable[[int], tuple[int, int]],
    previous_sentence: Callable[[int], tuple[int, int]],
    person_before: Callable[[int, int], str | None],
) -> None:
    """Give pronoun speakers (he, she, they) the label of what they refer to, in place.

    Args:
        norm: The normalised text.
        speakers: Every speaker of the text (pronoun ones get their ``label`` set).
        sentence_of: The (start, end) of the sentence holding a position.
        previous_sentence: The (start, end) of the sentence before the one starting at a
            position ((0, 0) for the first).
        person_before: The first person named in ``[lo, hi)`` outside quotes, or None.

    Returns:
        None; ``label`` of each pronoun speaker is set (None when nothing fits).
    """
    last_named: str | None = None
    for sp in sorted(speakers, key=lambda s: s.start):
        if sp.kind != "pronoun":
            if sp.kind in ("mention", "name") and sp.label:
                last_named = sp.label
            continue
        s_start, _ = sentence_of(sp.start)
        if norm[sp.start : sp.end].lower() == "they":
            lo = previous_sentence(s_start)[0]
            earlier = [s for s in speakers if lo <= s.start < sp.start and s.label]
            sp.label = max(earlier, key=lambda s: s.start).label if earlier else None
            continue
        sp.label = person_before(s_start, sp.start) or last_named or person_before(*previous_sentence(s_start))


# ------------------------------------------------------- actor pronouns and role nouns

A = TypeVar("A")
_THEY_OPENING_RE = re.compile(r"(?:[A-Z]\w*(?:\s+\w+)?,\s*)?(they)\b", re.IGNORECASE)
_HOLD_THEM_RE = re.compile(r"\bhold\s+(them)\s+responsible", re.IGNORECASE)
_PATRON_RE = re.compile(r"\b(?:their|its|the)\s+(patrons?)\b", re.IGNORECASE)


def bind_group_pronouns(
    norm: str,
    clauses: Sequence[tuple[int, int]],
    *,
    previous: Sequence[A] = (),
    before: Sequence[tuple[int, A]] = (),
    sponsor: A | None = None,
) -> list[tuple[int, int, A]]:
    """Bind actor pronouns and role nouns of one sentence to their antecedents.

    Args:
        norm: The normalised sentence (offsets are into it).
        clauses: Its clauses (the shared splitter's spans).
        previous: The actors of the previous sentence of the same paragraph, in order
            (empty when there is none): a clause-initial "they" refers to the first.
        before: (end offset, actor) of the actors named in this sentence: "hold them
            responsible" refers to the last one ending before "them".
        sponsor: The last actor of a sponsor group in the recent sentences: "their
            patron" refers to it.

    Returns:
        (start, end, antecedent) of every bound word, in the order found.
    """
    binds: list[tuple[int, int, A]] = []
    if previous:
        for a, _ in clauses:
            m = _THEY_OPENING_RE.match(norm, a)
            if m:
                binds.append((m.start(1), m.end(1), previous[0]))
    for m in _HOLD_THEM_RE.finditer(norm):
        earlier = [actor for end, actor in before if end <= m.start(1)]
        if earlier:
            binds.append((m.start(1), m.end(1), earlier[-1]))
    if sponsor is not None:
        for m in _PATRON_RE.finditer(norm):
            binds.append((m.start(1), m.end(1), sponsor))
    return binds


# ------------------------------------------------ back-reference to the previous sentence

_OPENING_ANAPHOR_RE = re.compile(
    r"^\W*(?:it|this|that|these|they|such)\b(?!(?:'s|\u2019s|\s+is|\s+was)\s+\w+\s+(?:to|that)\b)", re.IGNORECASE
)
_ANAPHOR_RE = re.compile(r"\b(?:them|they|it|its|their|those|him|her|his)\b", re.IGNORECASE)
SUBJECT_ANAPHORS = frozenset({"he", "she", "they", "it"})


def opens_with_anaphor(text: str, start: int) -> bool:
    """True if the sentence at ``start`` opens with a pronoun that refers back.

    Args:
        text: The normalised text.
        start: The sentence's start.

    Returns:
        True for "It was the right call", "These are ...", False for an expletive "It is
        odd to ...", "It's easy to ..." (only the sentence's first 12 characters are read).
    """
    return bool(_OPENING_ANAPHOR_RE.match(text[start:start + 12]))


def holds_anaphor(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` holds a pronoun that may refer to a group named before
    ("punish them", "their sponsors")."""
    return bool(_ANAPHOR_RE.search(text, start, end))


def subject_antecedent(word: str, previous: Sequence[A], *, skip: Callable[[A], bool] = lambda _: False) -> A | None:
    """What a subject pronoun stands for: the first mention of the previous sentence.

    Args:
        word: The subject word ("they", "He", ...).
        previous: The previous sentence's mentions, in order.
        skip: Mentions to pass over when another is there (e.g. the case's target).

    Returns:
        The antecedent, or None when ``word`` is no subject pronoun or nothing precedes.
    """
    if word.lower() not in SUBJECT_ANAPHORS or not previous:
        return None
    kept = [m for m in previous if not skip(m)] or list(previous)
    return kept[0]
