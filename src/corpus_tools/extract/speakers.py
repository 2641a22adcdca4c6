"""Speakers: who a reporting verb or a quotation is attributed to, and the cue lists.

The parts of speech attribution that find a speaker around a position (a gazetteer
mention, a capitalised name run, a pronoun or a speaker noun) and the direct quote
spans of a text; :mod:`corpus_tools.extract.speech` assembles them into quotes and
reported speech.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from corpus_tools.io.lexicon import read_tab_rows
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import paragraph_spans

QUOTE_COLUMNS = ["start", "end", "speaker", "speaker_start", "speaker_end", "kind", "verb"]
KINDS = ("direct", "reported")
PRONOUNS = frozenset({"he", "she", "they"})

_OPEN_CURLY, _CLOSE_CURLY = "\u201c", "\u201d"
_AUX = frozenset("will would may might can could has have had did does do also has".split())
# Capitalised words that never make a speaker name on their own.
_NOT_NAME = frozenset(
    """
    the a an in on at by for of to and but or when after before this that these those it its
    he his she her they their we our i if as while since though although yet so then now still
    even only just many most some all both each every no not what who which why how where there
    here with from into over under between among during despite according instead moreover
    however perhaps because such again first finally next last one two three initial early
    mr mrs ms dr sunday monday tuesday wednesday thursday friday saturday january february
    march april may june july august september october november december
    """.split()
)
_ORG_WORDS = frozenset(
    """
    news institute unit council forum journal times post interest center centre university
    foundation ministry department embassy assembly parliament agency office house
    committee alliance movement party front organization organisation force forces
    """.split()
)
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
    adverbs: frozenset[str]
    verb_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The reporting verbs, speaker nouns, audience objects and adverbs, compiled once."""
    general = read_tagged_list("speech_verbs.txt").get("", frozenset())
    extra = read_tagged_list("blame_reporting.txt")
    verbs = (general | extra.get("verb", frozenset())) - {"according"}
    alternation = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
    return _Cues(
        speech=general,
        verbs=verbs,
        nouns=extra.get("noun", frozenset()),
        objects=extra.get("object", frozenset()),
        adverbs=extra.get("adverb", frozenset()),
        verb_re=re.compile(rf"(?<![\w'-])(?:{alternation})(?![\w'-])", re.IGNORECASE),
    )


# --------------------------------------------------------------------------- direct quote spans


def _is_opening(raw: str, norm: str, i: int) -> bool:
    """Decide whether the quote mark at ``i`` opens a quote (curly marks say so; straight
    marks open after a space, a bracket or a dash, or at the start)."""
    if raw[i] == _OPEN_CURLY:
        return True
    if raw[i] == _CLOSE_CURLY:
        return False
    before = norm[i - 1] if i > 0 else " "
    after = norm[i + 1] if i + 1 < len(norm) else " "
    return (before.isspace() or before in "([{-\u2014\u2013/") and not after.isspace()


def direct_quote_spans(text: str) -> list[tuple[int, int, int]]:
    """Find direct quotations between double quote marks.

    A paragraph that opens a quote and does not close it continues into the next
    paragraph when that paragraph starts with an opening quote mark (news style);
    otherwise the quote ends with its paragraph.

    Args:
        text: Raw text, straight or curly quotes.

    Returns:
        (open_mark, content_start, content_end): the content is ``text[content_start:content_end]``;
        ``content_end`` is the closing mark's position, or the paragraph end when there is none.
    """
    norm = normalize_text(text)
    found: list[tuple[int, int, int]] = []
    pending: int | None = None  # opening mark of a quote left open by the previous paragraph
    pending_end = 0
    for p_start, p_end in paragraph_spans(norm):
        marks = [i for i in range(p_start, p_end) if norm[i] == '"']
        open_at: int | None = None
        if pending is not None:
            if marks and marks[0] == p_start and _is_opening(text, norm, p_start):
                open_at, marks = pending, marks[1:]
            else:
                found.append((pending, pending + 1, pending_end))
            pending = None
        for i in marks:
            if open_at is None:
                if _is_opening(text, norm, i):
                    open_at = i
            elif text[i] == _OPEN_CURLY:  # a new opening while one is open: the first never closed
                found.append((open_at, open_at + 1, _trim_end(norm, i)))
                open_at = i
            else:
                found.append((open_at, open_at + 1, i))
                open_at = None
        if open_at is not None:
            pending, pending_end = open_at, p_end
    if pending is not None:
        found.append((pending, pending + 1, pending_end))
    return found


def _trim_end(norm: str, end: int) -> int:
    while end > 0 and norm[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- speakers


@dataclass
class _Speaker:
    """A speaker found in the text: label (actor id, surname or phrase) and span."""

    label: str | None
    start: int
    end: int
    kind: str  # mention, name, pronoun, noun


@dataclass
class _Context:
    """Everything the speaker search needs about one text."""

    raw: str
    norm: str
    sent_spans: list[tuple[int, int]]
    mention_rows: list[tuple[int, int, str, str]]  # start, end, actor, type; sorted
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # sorted, not overlapping

    def __post_init__(self) -> None:
        # Indexes built once, so every look-up is a binary search, not a scan of the text.
        self.mention_rows = sorted(self.mention_rows)
        self._sent_starts = [s for s, _ in self.sent_spans]
        self._mention_starts = [m[0] for m in self.mention_rows]
        self._by_start = {m[0]: m for m in reversed(self.mention_rows)}
        self._by_end = {}
        for m in self.mention_rows:
            self._by_end.setdefault(m[1], m)
        self.paragraphs = list(paragraph_spans(self.norm))
        self._para_starts = [a for a, _ in self.paragraphs]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k >= 0 and self.sent_spans[k][0] <= pos <= self.sent_spans[k][1]:
            return self.sent_spans[k]
        return (pos, pos)

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (its end included), -1 if none."""
        k = bisect.bisect_right(self._para_starts, pos) - 1
        return k if k >= 0 and pos <= self.paragraphs[k][1] else -1

    def mention_ending(self, pos: int) -> tuple[int, int, str, str] | None:
        return self._by_end.get(pos)

    def mention_starting(self, pos: int) -> tuple[int, int, str, str] | None:
        return self._by_start.get(pos)

    def mentions_within(self, lo: int, hi: int, *, ending_by: bool = True) -> list[tuple[int, int, str, str]]:
        """Mentions that start in ``[lo, hi)`` (and, if ``ending_by``, end by ``hi``), in order."""
        k = bisect.bisect_left(self._mention_starts, lo)
        out = []
        while k < len(self.mention_rows) and self.mention_rows[k][0] < hi:
            if not ending_by or self.mention_rows[k][1] <= hi:
                out.append(self.mention_rows[k])
            k += 1
        return out

    def inside_mention(self, pos: int) -> bool:
        k = bisect.bisect_right(self._mention_starts, pos) - 1
        return any(self.mention_rows[j][0] <= pos < self.mention_rows[j][1] for j in range(max(k - 2, 0), k + 1))

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (pos, float("inf"))) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]


def _strip_back(ctx: _Context, lo: int, pos: int) -> int:
    """Move ``pos`` left over spaces, adverbs (``repeatedly``, ``-ly`` words) and auxiliaries."""
    cues = _cues()
    while True:
        while pos > lo and ctx.norm[pos - 1].isspace():
            pos -= 1
        m = re.search(r"(?<![\w'-])([A-Za-z]+)$", ctx.norm[lo:pos])
        if not m:
            return pos
        word = m.group(1).lower()
        if word in cues.adverbs or word in _AUX or (word.endswith("ly") and len(word) > 4):
            pos = lo + m.start(1)
            continue
        return pos


def _speaker_ending(ctx: _Context, lo: int, pos: int, *, names_only: bool = False) -> _Speaker | None:
    """The speaker noun phrase that ends at ``pos`` (searching no further left than ``lo``)."""
    norm = ctx.norm
    mention = ctx.mention_ending(pos)
    if mention is not None and mention[0] >= lo:
        return _Speaker(mention[2], mention[0], mention[1], "mention")
    if norm[lo:pos].endswith(")"):  # "Hossein Moanes (Abu Ali al-Askari) warned"
        k = norm.rfind("(", lo, pos)
        if k > lo:
            return _speaker_ending(ctx, lo, _trim_end(norm, k), names_only=names_only)
    if not names_only:
        nouns = "|".join(sorted(_cues().nouns, key=len, reverse=True))
        noun = re.search(
            rf"(?<![\w'-])(?:(?:[Tt]he|[Mm]ost|[Mm]any|[Ss]ome|[Ss]everal|[Oo]ther|[Ii]nitial)\s+)?((?:[A-Z][\w'-]*\s+){{0,2}}?(?i:{nouns}))$",
            norm[lo:pos],
        )
        if noun and not re.match(r"(?:it|this|that|which|who)\b", noun.group(1), re.IGNORECASE):
            return _Speaker(noun.group(1), lo + noun.start(1), pos, "noun")
    name = _NAME_END_RE.search(norm[lo:pos])
    if name and _is_name(name.group(1)):
        a = lo + name.start(1)
        inner = next(iter(ctx.mentions_within(a, pos)), None)
        if inner is not None:
            return _Speaker(inner[2], inner[0], inner[1], "mention")
        return _Speaker(_surname(name.group(1)), a, pos, "name")
    if names_only:
        return None
    pron = re.search(r"(?<![\w'-])(he|she|they)$", norm[lo:pos], re.IGNORECASE)
    if pron:
        return _Speaker(None, lo + pron.start(1), pos, "pronoun")
    return None


def _speaker_starting(ctx: _Context, pos: int, hi: int) -> _Speaker | None:
    """The speaker noun phrase that starts at ``pos`` (for ``said X`` and ``," X said``)."""
    norm = ctx.norm
    mention = ctx.mention_starting(pos)
    if mention is not None:
        return _Speaker(mention[2], mention[0], mention[1], "mention")
    pron = re.match(r"(he|she|they)(?![\w'-])", norm[pos:hi], re.IGNORECASE)
    if pron:
        return _Speaker(None, pos, pos + pron.end(1), "pronoun")
    name = _NAME_START_RE.match(norm, pos, hi)
    if name and _is_name(name.group(1)):
        inner = next(iter(ctx.mentions_within(pos, name.end(1))), None)
        if inner is not None:
            return _Speaker(inner[2], inner[0], inner[1], "mention")
        return _Speaker(_surname(name.group(1)), pos, name.end(1), "name")
    nouns = "|".join(sorted(_cues().nouns, key=len, reverse=True))
    noun = re.match(
        rf"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Ss]everal|[Ss]ome|[Tt]wo)\s+)?((?:[\w'-]+\s+){{0,2}}?(?i:{nouns}))(?![\w'-])", norm[pos:hi]
    )
    if noun and not {w.lower() for w in noun.group(1).split()[:-1]} & _NOT_NAME:
        return _Speaker(noun.group(1), pos + noun.start(1), pos + noun.end(1), "noun")
    return None


def _is_name(run: str) -> bool:
    """True for a capitalised run that can name a person or a news source."""
    words = [w.lower().removesuffix("'s") for w in re.split(r"[ \t]+", run) if w]
    words = [w for w in words if w not in {"mr.", "mrs.", "ms.", "dr."}]
    return bool(words) and not all(w in _NOT_NAME for w in words) and words[0] not in _NOT_NAME


def _surname(run: str) -> str:
    """The last word of a name run, without a possessive: "Kyle Orton" -> "Orton"."""
    last = re.split(r"[ \t]+", run.strip())[-1]
    return last.removesuffix("'s")


_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w'-])(?:on|of|at|to|for|with|against|in|from|by|about|over|into|upon)\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE
)


def _is_object(ctx: _Context, speaker: _Speaker) -> bool:
    """True when a preposition governs the phrase ("the attack on Kadhimi suggests"):
    it is not the verb's subject."""
    return bool(_PREPOSITION_BEFORE.search(ctx.norm[max(0, speaker.start - 20) : speaker.start]))


def _before_verb(ctx: _Context, verb_start: int) -> _Speaker | None:
    """The subject of a reporting verb: a speaker right before it, possibly followed by an
    appositive (", an independent analyst,") or "who"."""
    lo, _ = ctx.sentence_of(verb_start)
    pos = _strip_back(ctx, lo, verb_start)
    who = re.search(r"(,?)\s*\bwho$", ctx.norm[lo:pos])
    if who:
        pos = _trim_end(ctx.norm, lo + who.start())
        if who.group(1):
            pos += 1  # "Michael Rubin, formerly a US official in Baghdad, who describes"
    if ctx.norm[lo:pos].endswith(","):
        commas = [lo + i for i, ch in enumerate(ctx.norm[lo : pos - 1]) if ch == ","]
        for k in reversed(commas[-3:]):
            found = _speaker_ending(ctx, lo, _trim_end(ctx.norm, k), names_only=True)
            if found is not None and not _is_organisation(ctx.norm[found.start : found.end], found):
                return found
        return None
    return _speaker_ending(ctx, lo, pos)


def _is_organisation(surface: str, speaker: _Speaker) -> bool:
    """True for a capitalised name run made of organisation words ("Newlines Institute")."""
    return speaker.kind == "name" and bool({w.lower() for w in surface.split()} & _ORG_WORDS)


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


