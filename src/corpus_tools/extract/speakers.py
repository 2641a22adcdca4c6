"""Speakers: who a reporting verb or a quotation is attributed to, and the cue lists.

The parts of speech attribution that find a speaker around a position (a gazetteer
mention, a capitalised name run, a pronoun or a speaker noun);
:mod:`corpus_tools.extract.speech` assembles them into quotes and reported speech.

:func:`verb_subject` is the package's one finder of a verb's subject: the speaker of
"X said", the accuser of "X blamed Y" (:mod:`corpus_tools.measure.blame_clauses`) and
the caller of "X urged ..." (:mod:`corpus_tools.measure.stance_scope`) are found by it,
with the word lists of ``lexicon/subject_words.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus_tools.extract.quote_spans import _trim_end
from corpus_tools.extract.speech_context import _Context
from corpus_tools.io.lexicon import read_tab_rows

QUOTE_COLUMNS = ["start", "end", "speaker", "speaker_start", "speaker_end", "kind", "verb"]
KINDS = ("direct", "reported")
PRONOUNS = frozenset({"he", "she", "they"})


@dataclass(frozen=True)
class SubjectWords:
    """The word lists of ``subject_words.txt``, by kind."""

    skip: frozenset[str]
    be: frozenset[str]
    time: frozenset[str]
    link: frozenset[str]
    control: frozenset[str]
    gerund: frozenset[str]
    not_name: frozenset[str]
    title: frozenset[str]
    organisation: frozenset[str]


_WORD_KINDS = ("skip", "be", "time", "link", "control", "gerund", "not_name", "title", "organisation")


@lru_cache(maxsize=1)
def subject_words() -> SubjectWords:
    """Auxiliaries and adverbs, not-a-name words, titles and organisation words
    (``subject_words.txt``), read once."""
    rows = read_tab_rows("subject_words.txt")
    return SubjectWords(*(frozenset(w.lower() for k, w in rows if k == kind) for kind in _WORD_KINDS))


_NAME_TOKEN = r"(?:[A-Z][A-Za-z'\-]*[A-Za-z]|[A-Z]\.)"
_NAME_RUN = rf"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?{_NAME_TOKEN}(?:[ \t]+(?:(?:al|bin|ibn|de|van)[ \t-]+)?{_NAME_TOKEN})*"
_NAME_END_RE = re.compile(rf"(?<![\w'.-])({_NAME_RUN})$")
_NAME_START_RE = re.compile(rf"({_NAME_RUN})(?![\w'-])")


# --------------------------------------------------------------------------- cue lists


def read_tagged_list(name: str) -> dict[str, frozenset[str]]:
    """A ``form<TAB>tag`` list as {tag: lowercase forms} (a line without a tag: tag ``""``)."""
    out: dict[str, set[str]] = {}
    for form, *tag in read_tab_rows(name):
        out.setdefault(tag[0].strip() if tag else "", set()).add(form.strip().lower())
    return {tag: frozenset(forms) for tag, forms in out.items()}


@dataclass(frozen=True)
class _Cues:
    speech: frozenset[str]
    verbs: frozenset[str]
    nouns: frozenset[str]
    objects: frozenset[str]
    verb_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The reporting verbs, speaker nouns and audience objects, compiled once."""
    general = read_tagged_list("speech_verbs.txt").get("", frozenset())
    extra = read_tagged_list("blame_reporting.txt")
    verbs = (general | extra.get("verb", frozenset())) - {"according"}
    alternation = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    return _Cues(
        speech=general,
        verbs=verbs,
        nouns=extra.get("noun", frozenset()),
        objects=extra.get("object", frozenset()),
        verb_re=re.compile(rf"(?<![\w'-])(?:{alternation})(?![\w'-])", re.IGNORECASE),
    )


@lru_cache(maxsize=8)
def speaker_nouns(lexicon: Path | None = None) -> frozenset[str]:
    """The nouns that can be a verb's subject as a speaker ("officials", "the ministry"):
    kinds ``noun`` and ``vague`` of ``blame_reporting.txt`` and ``noun`` of
    ``stance_speakers.txt``, with a case's files of the same names.

    Args:
        lexicon: The case's lexicon folder, or None.

    Returns:
        The nouns, lower case.
    """
    reporting = read_tab_rows("blame_reporting.txt", extra=lexicon)
    stance = read_tab_rows("stance_speakers.txt", extra=lexicon)
    return frozenset(
        [form.lower() for form, *kind in reporting if kind and kind[0] in ("noun", "vague")]
        + [word.lower() for kind, word in stance if kind == "noun"]
    )


# --------------------------------------------------------------------------- speakers


@dataclass
class Speaker:
    """A speaker found in the text: label (actor id, surname or phrase) and span."""

    label: str | None
    start: int
    end: int
    kind: str  # mention, name, pronoun, noun


class _Local:
    """The actor mentions of one text for :func:`verb_subject` (the look-ups of
    :class:`_Context` that the subject search needs)."""

    def __init__(self, norm: str, mentions: Iterable[Sequence]) -> None:
        self.norm = norm
        self.rows = sorted((int(m[0]), int(m[1]), str(m[2])) for m in mentions)

    def mention_ending(self, pos: int) -> tuple[int, int, str] | None:
        return next((m for m in self.rows if m[1] == pos), None)

    def mentions_within(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return [m for m in self.rows if lo <= m[0] < hi and m[1] <= hi]


@lru_cache(maxsize=16)
def _noun_re(nouns: frozenset[str] | None, *, at_end: bool = True) -> re.Pattern[str]:
    """A speaker noun phrase (``nouns``, default :func:`speaker_nouns`) with
    up to two modifiers, capitalised or titles ("chief prosecutor", "Iraqi officials"),
    after an optional determiner; ``at_end``: ending the searched text."""
    words = speaker_nouns() if nouns is None else nouns
    alternation = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))
    titles = "|".join(sorted(subject_words().title, key=len, reverse=True))
    phrase = rf"((?:(?:[A-Z][\w'-]*|(?i:{titles}))\s+){{0,2}}?(?i:{alternation or '(?!x)x'}))"
    if at_end:
        return re.compile(rf"(?<![\w'-])(?:(?:[Tt]he|[Aa]n?|[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Oo]ther|[Ii]nitial)\s+)?{phrase}$")
    return re.compile(rf"(?<![\w'-]){phrase}(?![\w'-])")


def verb_subject(
    norm: str,
    verb_start: int,
    *,
    lo: int = 0,
    mentions: Iterable[Sequence] = (),
    nouns: Collection[str] | None = None,
    listed: bool = False,
) -> Speaker | None:
    """Who is the subject of the verb at ``verb_start``: the one finder of who speaks
    ("X said"), accuses ("X has repeatedly blamed Y") or calls ("X urged Y to ...").

    Searching left from the verb: auxiliaries and adverbs are skipped (``subject_words.txt``,
    kind ``skip``, and -ly words), then "who"; after a comma an appositive is passed over
    ("X, a former official, said": a name or mention before one of the last three commas);
    otherwise the phrase ending there is the subject: an actor mention, a speaker noun
    phrase, a capitalised name run (its words checked against the not-a-name and title
    words) or a pronoun. A phrase governed by a preposition ("the attack on X prompted")
    is no subject, except before "who".

    Args:
        norm: The normalised text.
        verb_start: Where the verb starts.
        lo: Start of the stretch that may hold the subject (its sentence or clause).
        mentions: (start, end, actor, ...) of the actor mentions; a pronoun bound to an
            actor may be passed as that actor's mention.
        nouns: The speaker nouns ("officials", "analysts"); None: :func:`speaker_nouns`
            without a case's own.
        listed: A verb right after a comma with no appositive subject before it is listed
            after another ("X denies it, condemns Y"): it shares the clause's subject.
            Off for reporting verbs, where ", said X" names the speaker after the verb.

    Returns:
        A :class:`Speaker`: ``label`` is the actor id (kind ``mention``), the surname as
        written (``name``), the noun phrase (``noun``) or None (``pronoun``); None when no
        subject is found.
    """
    if not 0 <= lo <= verb_start <= len(norm):
        raise ValueError(f"verb_subject: need 0 <= lo <= verb_start <= len(norm), got lo={lo}, verb_start={verb_start}")
    nouns = None if nouns is None else frozenset(w.lower() for w in nouns)
    return _subject(_Local(norm, mentions), lo, verb_start, nouns, listed=listed)


def _strip_back(norm: str, lo: int, pos: int) -> tuple[int, bool]:
    """Move ``pos`` left over spaces, adverbs (``repeatedly``, ``-ly`` words) and auxiliaries;
    also say whether a form of "be" was passed."""
    words = subject_words()
    be = False
    while True:
        while pos > lo and norm[pos - 1].isspace():
            pos -= 1
        m = re.search(r"(?<![\w'-])([A-Za-z]+)$", norm[lo:pos])
        if not m:
            return pos, be
        word = m.group(1).lower()
        if word in words.time:  # "X on Tuesday asked"
            day = re.search(r"(?<![\w'-])(?:(?:on|last|this)\s+)?[A-Za-z]+$", norm[lo:pos], re.IGNORECASE)
            pos = lo + day.start()
            continue
        if word in words.skip or word in words.be or (word.endswith("ly") and len(word) > 4):
            be = be or word in words.be
            pos = lo + m.start(1)
            continue
        return pos, be


def _speaker_ending(ctx, lo: int, pos: int, *, names_only: bool = False, nouns: frozenset[str] | None = None) -> Speaker | None:
    """The speaker noun phrase that ends at ``pos`` (searching no further left than ``lo``)."""
    norm = ctx.norm
    mention = ctx.mention_ending(pos)
    if mention is not None and mention[0] >= lo:
        return Speaker(mention[2], mention[0], mention[1], "mention")
    if norm[lo:pos].endswith(")"):  # "Hossein Moanes (Abu Ali al-Askari) warned"
        k = norm.rfind("(", lo, pos)
        if k > lo:
            return _speaker_ending(ctx, lo, _trim_end(norm, k), names_only=names_only, nouns=nouns)
    if not names_only:
        noun = _noun_re(nouns).search(norm[lo:pos])
        if noun and not re.match(r"(?:it|this|that|which|who)\b", noun.group(1), re.IGNORECASE):
            return Speaker(noun.group(1), lo + noun.start(1), pos, "noun")
    name = _NAME_END_RE.search(norm[lo:pos])
    if name:
        a, run = _name_in(lo + name.start(1), name.group(1))
        if run:
            inner = next(iter(ctx.mentions_within(a, pos)), None)
            if inner is not None:
                return Speaker(inner[2], inner[0], inner[1], "mention")
            return Speaker(_surname(run), a, pos, "name")
    if names_only:
        return None
    pron = re.search(r"(?<![\w'-])(he|she|they)$", norm[lo:pos], re.IGNORECASE)
    if pron:
        return Speaker(None, lo + pron.start(1), pos, "pronoun")
    return None


def _name_in(start: int, run: str) -> tuple[int, str]:
    """The name in a capitalised run at ``start``: the run, or the run without the leading
    words that never open a name ("The Pentagon", "On Monday Smith"); (start, "") if none."""
    while run:
        if _is_name(run):
            return start, run
        m = re.match(r"\S+[ \t]+", run)
        if not m:
            break
        start, run = start + m.end(), run[m.end() :]
    return start, ""


def _speaker_starting(ctx: _Context, pos: int, hi: int) -> Speaker | None:
    """The speaker noun phrase that starts at ``pos`` (for ``said X`` and ``," X said``)."""
    norm = ctx.norm
    mention = ctx.mention_starting(pos)
    if mention is not None:
        return Speaker(mention[2], mention[0], mention[1], "mention")
    pron = re.match(r"(he|she|they)(?![\w'-])", norm[pos:hi], re.IGNORECASE)
    if pron:
        return Speaker(None, pos, pos + pron.end(1), "pronoun")
    name = _NAME_START_RE.match(norm, pos, hi)
    if name and _is_name(name.group(1)):
        inner = next(iter(ctx.mentions_within(pos, name.end(1))), None)
        if inner is not None:
            return Speaker(inner[2], inner[0], inner[1], "mention")
        return Speaker(_surname(name.group(1)), pos, name.end(1), "name")
    nouns = "|".join(sorted((re.escape(w) for w in ctx.nouns or speaker_nouns()), key=len, reverse=True))
    noun = re.match(
        rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Ss]everal|[Ss]ome|[Tt]wo)\s+)?((?:[\w'-]+\s+){{0,2}}?(?i:{nouns}))(?![\w'-])", norm[pos:hi]
    )
    if noun and not {w.lower() for w in noun.group(1).split()[:-1]} & subject_words().not_name:
        return Speaker(noun.group(1), pos + noun.start(1), pos + noun.end(1), "noun")
    return None


def _is_name(run: str) -> bool:
    """True for a capitalised run that can name a person or a news source: not opened by a
    not-a-name word, and not made only of not-a-name and title words."""
    words = [w.lower().removesuffix("'s") for w in re.split(r"[ \t]+", run) if w]
    words = [w for w in words if w not in {"mr.", "mrs.", "ms.", "dr."}]
    lists = subject_words()
    return bool(words) and words[0] not in lists.not_name and not all(w in lists.not_name | lists.title for w in words)


def _surname(run: str) -> str:
    """The last word of a name run that is no title, without a possessive: "Kyle Orton" ->
    "Orton"."""
    lists = subject_words()
    words = [w.removesuffix("'s") for w in re.split(r"[ \t]+", run.strip()) if w]
    kept = [w for w in words if w.lower() not in lists.not_name | lists.title]
    return (kept or words)[-1]


_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w'-])(?:on|of|at|to|for|with|against|in|from|by|about|over|into|upon)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)


def governed_by_preposition(norm: str, start: int) -> bool:
    """True when a preposition governs the phrase at ``start`` ("the attack on X
    prompted"): it is no verb's subject.

    Args:
        norm: The normalised text.
        start: Where the phrase starts.

    Returns:
        Whether "on", "of", "against" ... (with an article) stands right before it.
    """
    return bool(_PREPOSITION_BEFORE.search(norm[max(0, start - 20) : start]))


def _is_object(norm: str, speaker: Speaker) -> bool:
    return governed_by_preposition(norm, speaker.start)


def _subject(ctx, lo: int, verb_start: int, nouns: frozenset[str] | None, *, listed: bool = False) -> Speaker | None:
    """The subject of the verb at ``verb_start`` in ``[lo, verb_start)`` (see :func:`verb_subject`)."""
    norm = ctx.norm
    words = subject_words()
    verb = re.match(r"[A-Za-z]*", norm[verb_start:]).group(0).lower()
    pos, be = _strip_back(norm, lo, verb_start)
    if be and not verb.endswith("ing"):
        return None  # a passive ("X is accused of"): its subject is acted upon
    link = re.search(r"(?<![\w'-])([A-Za-z]+)$", norm[lo:pos])
    word = link.group(1).lower() if link else ""
    if word in words.link:  # "X met Y and said": the clause's subject
        return _opening_subject(ctx, lo, lo + link.start(1), nouns)
    if word in words.control or (verb.endswith("ing") and word in words.gerund):  # "prompting Y to claim": Y
        comma = norm.rfind(",", lo, lo + link.start(1))  # not across a comma: "even if X did, it is time to"
        found = _candidates(ctx, max(lo, comma + 1), lo + link.start(1), nouns)
        return found[-1] if found else None
    who = re.search(r"(,?)\s*\bwho$", norm[lo:pos])
    if who:
        pos = _trim_end(norm, lo + who.start())
        if who.group(1):
            pos += 1  # "Michael Rubin, formerly a US official in Baghdad, who describes"
    found = None
    if norm[lo:pos].endswith(","):
        commas = [lo + i for i, ch in enumerate(norm[lo : pos - 1]) if ch == ","]
        for k in reversed(commas[-3:]):
            found = _speaker_ending(ctx, lo, _trim_end(norm, k), names_only=True)
            if found is not None and not _is_organisation(norm[found.start : found.end], found):
                break
            found = None
        if found is None and listed and not re.search(r"[\w'-]", norm[_trim_end(norm, pos - 1) : pos]):
            found = _opening_subject(ctx, lo, pos - 1, nouns)
    else:
        found = _speaker_ending(ctx, lo, pos, nouns=nouns)
    if found is not None and who is None and _is_object(norm, found):
        # "the attack on X prompted": X is the object of "on"; the head before it may speak
        # ("an adviser to X said")
        a = max(lo, found.start - 20)
        head = _speaker_ending(ctx, lo, _trim_end(norm, a + _PREPOSITION_BEFORE.search(norm[a : found.start]).start()), nouns=nouns)
        quantifier = head is not None and str(head.label).lower() in subject_words().not_name  # "Some of X"
        return head if head is not None and head.kind == "noun" and not quantifier and not _is_object(norm, head) else None
    return found


_NAME_ANY_RE = re.compile(rf"(?<![\w'.-])({_NAME_RUN})(?![\w'-])")


def _possessive(norm: str, end: int) -> bool:
    """True when the phrase ending at ``end`` is a possessive ("Haiti's", "Haiti 's")."""
    return norm[end - 2 : end] in ("'s", "\u2019s") or bool(re.match(r"['\u2019]s(?![\w'-])", norm[end : end + 3]))


_MODIFIED_BEFORE = re.compile(r"(?<![\w'-])(?:a|an|as|his|her|its|their)\s+$", re.IGNORECASE)  # "as an Iraqi nationalist"


def _candidates(ctx, lo: int, hi: int, nouns: frozenset[str] | None) -> list[Speaker]:
    """The phrases of ``[lo, hi)`` that can be a subject, in order: mentions, names, speaker
    noun phrases and subject pronouns, without those governed by a preposition or followed
    by a possessive ("Haiti's prosecutor") or after an indefinite article or a possessive
    pronoun ("an Iraqi nationalist"), and without a lone capitalised word opening
    the stretch before a comma ("Meanwhile,")."""
    norm = ctx.norm
    found = [Speaker(m[2], m[0], m[1], "mention") for m in ctx.mentions_within(lo, hi)]
    for m in _NAME_ANY_RE.finditer(norm, lo, hi):
        a, run = _name_in(m.start(1), m.group(1))
        lone_opener = " " not in run and not norm[lo:a].strip(" \n\t\"'") and norm[a + len(run) : a + len(run) + 1] == ","
        if run and not lone_opener and not any(s.start <= a < s.end for s in found):
            found.append(Speaker(_surname(run), a, a + len(run), "name"))
    for noun in _noun_re(nouns, at_end=False).finditer(norm[lo:hi]):
        a, b = lo + noun.start(1), lo + noun.end(1)
        if not any(s.start <= a < s.end or a <= s.start < b for s in found):
            found.append(Speaker(noun.group(1), a, b, "noun"))
    for pron in re.finditer(r"(?<![\w'-])(he|she|they)(?![\w'-])", norm[lo:hi], re.IGNORECASE):
        found.append(Speaker(None, lo + pron.start(1), lo + pron.end(1), "pronoun"))
    return sorted(
        (
            s
            for s in found
            if not _is_object(norm, s) and not _possessive(norm, s.end) and not _MODIFIED_BEFORE.search(norm[max(0, s.start - 8) : s.start])
        ),
        key=lambda s: s.start,
    )


def _opening_subject(ctx, lo: int, hi: int, nouns: frozenset[str] | None) -> Speaker | None:
    """The first subject candidate of ``[lo, hi)`` if it opens the stretch (within its first
    six words), else None."""
    found = _candidates(ctx, lo, hi, nouns)
    return found[0] if found and len(ctx.norm[lo : found[0].start].split()) <= 6 else None


def clause_subject(
    norm: str, lo: int, hi: int, *, mentions: Iterable[Sequence] = (), nouns: Collection[str] | None = None
) -> Speaker | None:
    """The subject that opens the clause ``[lo, hi)``: the rule :func:`verb_subject` applies
    to a linked verb ("X met Y and said"), for a cue that is no verb ("X is locked and
    loaded").

    Args:
        norm: The normalised text.
        lo, hi: The clause, or its part before the cue.
        mentions: (start, end, actor, ...) of the actor mentions.
        nouns: The speaker nouns; None: :func:`speaker_nouns` without a case's own.

    Returns:
        The first mention, name, speaker noun phrase or pronoun within the first six words
        that is not governed by a preposition nor a possessive; None if there is none.
    """
    if not 0 <= lo <= hi <= len(norm):
        raise ValueError(f"clause_subject: need 0 <= lo <= hi <= len(norm), got lo={lo}, hi={hi}")
    nouns = None if nouns is None else frozenset(w.lower() for w in nouns)
    return _opening_subject(_Local(norm, mentions), lo, hi, nouns)


def _before_verb(ctx: _Context, verb_start: int) -> Speaker | None:
    """The subject of a reporting verb in its sentence (:func:`verb_subject`)."""
    return _subject(ctx, ctx.sentence_of(verb_start)[0], verb_start, ctx.nouns)


def _is_organisation(surface: str, speaker: Speaker) -> bool:
    """True for a capitalised name run made of organisation words ("Newlines Institute")."""
    return speaker.kind == "name" and bool({w.lower() for w in surface.split()} & subject_words().organisation)


def _after_verb_content(ctx: _Context, verb_end: int, sent_end: int) -> int:
    """Where the reported content starts after a verb: skip an audience ("told Arab News",
    "told reporters"), "that" and punctuation."""
    norm = ctx.norm
    pos = verb_end
    objects = "|".join(re.escape(o) for o in _cues().objects)
    m = re.match(rf"\s+(?:(?:{objects})(?![\w'-])|{_NAME_RUN}(?![\w'-]))", norm[pos:sent_end])
    if m and re.search(r"told\s*$|tells\s*$|tell\s*$", norm[max(0, pos - 6) : pos], re.IGNORECASE):
        pos += m.end()
    m = re.match(r"[\s,:]*(?:[a-z]+ly\s+)?(?:that\b)?[\s,:]*", norm[pos:sent_end])
    return pos + (m.end() if m else 0)
