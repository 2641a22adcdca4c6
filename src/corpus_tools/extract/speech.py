"""Quotations and reported speech, each attributed to its speaker.

Two kinds of speech are found in a text:

* **direct** quotes between double quotation marks, straight (``"``) or curly
  (``“ ”``). A quote may run over several sentences, and over several paragraphs in news
  style: a paragraph that opens a quote and does not close it continues in the next
  paragraph, which reopens with a quote mark. Short quotes nobody is said to speak
  (fewer than ``min_words`` words: scare quotes such as the "green zone", titles,
  single words) are not returned.
* **reported** speech: ``X said (that) ...``, ``X told Arab News ...``, ``X, an analyst,
  believes ...``, ``..., X said.``, ``..., said X.``, ``according to X``, ``reports are
  that ...``.

A direct quote's speaker is found, in this order: an attribution right after it
(``," Orton told Arab News``, ``," said Orton``, ``," he said``); an attribution right
before it (``Orton said: "...``); the reported clause it sits in (``X warned that his
appointment would "burn ..."``); the previous quote, when this one follows it in the
same or the next paragraph with no attribution of its own (news style: a speaker's
quote continues in the next paragraph).

The speaker is the gazetteer actor id when the speaker is a gazetteer mention
(``khazali``, ``us_government``), else the surname as written (``Orton``), else the
speaker noun phrase (``reports``, ``Iraqi people``). Pronoun speakers (he, she, they)
are resolved to a person named before them in the same sentence, else to the most
recent named speaker, else to the last person named in the previous sentence.

Offsets are character offsets into the text passed in. Cue words come from the
package's documented lists ``speech_verbs.txt`` and ``blame_reporting.txt``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from corpus_tools.extract.mentions import find_mentions_in_text
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.lexicon import read_tab_rows
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import paragraph_spans, sentences, span_sentences

__all__ = ["QUOTE_COLUMNS", "find_quotes", "quotes", "read_tagged_list", "speaker_of_span"]

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
    """Read a packaged resource of ``form<TAB>tag`` lines into {tag: forms}.

    Args:
        name: File name under ``corpus_tools/lexicon``.

    Returns:
        The lower-cased forms of each tag; ``#`` comment lines and blanks are skipped.
        A line without a tag gets the tag ``""``.
    """
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
    mention_rows: list[tuple[int, int, str, str]]  # start, end, actor, type
    quote_spans: list[tuple[int, int]] = field(default_factory=list)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        starts = [s for s, _ in self.sent_spans]
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and self.sent_spans[k][0] <= pos <= self.sent_spans[k][1]:
            return self.sent_spans[k]
        return (pos, pos)

    def mention_ending(self, pos: int) -> tuple[int, int, str, str] | None:
        return next((m for m in self.mention_rows if m[1] == pos), None)

    def mention_starting(self, pos: int) -> tuple[int, int, str, str] | None:
        return next((m for m in self.mention_rows if m[0] == pos), None)

    def in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quote_spans)


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
        inner = next((m for m in ctx.mention_rows if a <= m[0] and m[1] <= pos), None)
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
        inner = next((m for m in ctx.mention_rows if pos <= m[0] and m[1] <= name.end(1)), None)
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


# --------------------------------------------------------------------------- reported speech


@dataclass
class _Speech:
    start: int
    end: int
    speaker: _Speaker
    kind: str
    verb: str


def _reported(ctx: _Context) -> list[_Speech]:
    """Reported speech in every sentence: subject + verb, postposed attribution,
    ``according to X`` and ``reports are that``."""
    found: list[_Speech] = []
    for s_start, s_end in ctx.sent_spans:
        found += _reported_in_sentence(ctx, s_start, s_end)
    return found


def _reported_in_sentence(ctx: _Context, s_start: int, s_end: int) -> list[_Speech]:
    norm = ctx.norm
    out: list[_Speech] = []
    for m in re.finditer(
        r"according to\s+(?:(?:reporting|reports?|a statement|statements)\s+(?:by|from|in)\s+)?", norm[s_start:s_end], re.IGNORECASE
    ):
        a = s_start + m.end()
        speaker = _speaker_starting(ctx, a, s_end)
        if speaker is None or speaker.kind not in ("mention", "name"):
            speaker = _phrase_speaker(ctx, a, s_end)
        if speaker is None:
            continue
        phrase_start = s_start + m.start()
        if norm[s_start:phrase_start].strip(" ,"):
            content = (s_start, _trim_end(norm, phrase_start))
            if norm[content[1] - 1] == ",":
                content = (s_start, content[1] - 1)
        else:
            comma = norm.find(",", speaker.end, s_end)
            content = (_skip_space(norm, comma + 1) if comma >= 0 else speaker.end, s_end)
        out.append(_Speech(content[0], content[1], speaker, "reported", "according to"))
    for m in re.finditer(
        r"\b(?:(?:initial|early|media|press|unconfirmed)\s+)?(reports)\s+(?:are|say|said|suggest|suggested|indicate|indicated)\s+that\b",
        norm[s_start:s_end],
        re.IGNORECASE,
    ):
        speaker = _Speaker("reports", s_start + m.start(), s_start + m.end(1), "noun")
        out.append(_Speech(s_start + m.end(), s_end, speaker, "reported", "reports"))
    for m in re.finditer(r"\breportedly\b", norm[s_start:s_end], re.IGNORECASE):
        speaker = _Speaker("reports", s_start + m.start(), s_start + m.end(), "noun")
        # "reportedly" reports its own clause: between the commas around it, if any
        lo = norm.rfind(",", s_start, s_start + m.start())
        hi = norm.find(",", s_start + m.end(), s_end)
        lo = _skip_space(norm, lo + 1) if lo >= 0 else s_start
        out.append(_Speech(lo, hi if hi >= 0 else s_end, speaker, "reported", "reportedly"))
    for m in _cues().verb_re.finditer(norm, s_start, s_end):
        if ctx.in_quote(m.start()):
            continue
        out += _verb_speech(ctx, m, s_start, s_end)
    return out


def _verb_speech(ctx: _Context, m: re.Match[str], s_start: int, s_end: int) -> list[_Speech]:
    """Reported speech around one reporting verb: ``X said that ...``, ``..., X said.``
    or ``..., said X.`` (a verb right after a quote is left to the direct-quote rules)."""
    norm = ctx.norm
    verb = m.group(0).lower()
    before = _before_verb(ctx, m.start())
    relative = re.search(r"\bwho\s+$", norm[s_start : m.start()]) is not None  # "from X, ..., who argues": X speaks
    if before is not None and (_unknown_word(ctx, before, verb) or (_is_object(ctx, before) and not relative)):
        before = None
    if before is not None:
        if _quote_adjacent(norm, before.start, s_start):
            return []
        comma = _postposed_comma(norm, s_start, before.start)
        if comma and re.fullmatch(rf"(?:\s+{_NAME_RUN})?\s*[.!?]?\s*", norm[m.end() : s_end]):
            return [_Speech(s_start, _trim_end(norm, comma), before, "reported", verb)]
        content = _after_verb_content(ctx, m.end(), s_end)
        if re.match(r"(?:by|to|for|with|on|in)\b", norm[content:s_end]):
            return []  # "they responded by throwing ...": an action, not speech
        end = _content_end(norm, s_start, before.start, content, s_end)
        if content < end and norm[content:end].strip(" .\"'"):
            return [_Speech(content, end, before, "reported", verb)]
        return []
    if re.search(r",\s*$", norm[s_start : m.start()]):
        after = _speaker_starting(ctx, _skip_space(norm, m.end()), s_end)
        if after is not None and after.kind != "pronoun":
            comma = norm.rfind(",", s_start, m.start())
            return [_Speech(s_start, comma, after, "reported", verb)]
    return []


_SUBORDINATE_RE = re.compile(
    r"\s*(?:to the extent|if|when|as|while|although|though|because|since|unless|whether|should|once)\b", re.IGNORECASE
)


def _content_end(norm: str, s_start: int, speaker_start: int, content: int, s_end: int) -> int:
    """End of reported content: the sentence end, or the first comma when the speech sits
    in a fronted subordinate clause ("To the extent Iraqis believe X, Y will ..."), or the
    closing quote when the content is a quotation followed by "but"/"and" and another
    verb phrase of the subject ('X condemned "..." but refused to ...')."""
    if norm[content:content + 1] == '"':
        close = norm.find('"', content + 1, s_end)
        if close > 0 and re.match(r"\s+(?:but|and|yet)\s+\w", norm[close + 1 : s_end]):
            return close + 1
    if _SUBORDINATE_RE.match(norm[s_start:speaker_start]):
        comma = norm.find(",", content, s_end)
        if comma > 0:
            return comma
    return s_end


def _unknown_word(ctx: _Context, speaker: _Speaker, verb: str) -> bool:
    """True for a lone capitalised word, seen once in the text, before a verb of belief or
    evidence ("History suggests"): a common noun opening the sentence, not a speaker.
    Speech verbs proper ("Heras said") are trusted."""
    if speaker.kind != "name" or verb in _cues().speech:
        return False
    word = ctx.norm[speaker.start : speaker.end]
    return " " not in word and len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", ctx.norm)) < 2


def _skip_space(norm: str, pos: int) -> int:
    while pos < len(norm) and norm[pos].isspace():
        pos += 1
    return pos


def _quote_adjacent(norm: str, pos: int, lo: int) -> bool:
    """True when a closing quote mark (and a comma) stands right before ``pos`` in its sentence."""
    return bool(re.search(r"[\"'][\s,]*$|,[\s]*[\"'][\s]*$", norm[max(lo, pos - 4) : pos]))


def _postposed_comma(norm: str, s_start: int, speaker_start: int) -> int:
    """Position of the comma before a sentence-final attribution ("..., X said."), or 0."""
    m = re.search(r",\s*$", norm[s_start:speaker_start])
    return s_start + m.start() if m and norm[s_start : s_start + m.start()].strip() else 0


def _phrase_speaker(ctx: _Context, pos: int, hi: int) -> _Speaker | None:
    """Any short noun phrase after "according to" ("various accounts", "official results")."""
    m = re.match(r"((?:[\w'-]+\s+){0,4}[\w'-]+)", ctx.norm[pos:hi])
    if not m:
        return None
    phrase = re.split(r"[,.;]", m.group(1))[0].strip()
    return _Speaker(phrase, pos, pos + len(phrase), "noun") if phrase else None


# --------------------------------------------------------------------------- direct attribution


def _attribute_direct(ctx: _Context, open_mark: int, c_start: int, c_end: int) -> tuple[_Speaker, str] | None:
    """Speaker of one direct quote from an attribution right after or right before it."""
    norm = ctx.norm
    close = c_end + 1 if c_end < len(norm) and norm[c_end] == '"' else c_end
    para_end = next((b for a, b in paragraph_spans(norm) if a <= close <= b), len(norm))
    if re.search(r"[.]\s*$", norm[c_start:c_end]):
        after = ""  # the quote ends its sentence: what follows is a new sentence
    else:
        after = norm[close:para_end]
    m = re.match(r"[\s,]*", after)
    pos = close + (m.end() if m else 0)
    verbs = _cues().verb_re
    vm = verbs.match(norm, pos) if after else None
    if vm:  # ," said Orton
        found = _speaker_starting(ctx, _skip_space(norm, vm.end()), para_end)
        if found is not None:
            return found, vm.group(0).lower()
    found = _speaker_starting(ctx, pos, para_end) if after else None
    if found is not None:  # ," Orton said / ," Nicholas Heras, senior analyst ..., told
        rest = found.end
        app = re.match(r",[^,\"]{1,200},", norm[rest:para_end])
        if app:
            rest += app.end()
        rest = _skip_adverbs(norm, rest)
        vm = verbs.match(norm, rest)
        if vm:
            return found, vm.group(0).lower()
    s_start, _ = ctx.sentence_of(open_mark)
    pre = norm[s_start:open_mark]
    vm = re.search(r"(\w+)\s*[:,]?\s*$", pre)
    if vm and verbs.fullmatch(vm.group(1)):  # Orton said: "..."
        found = _before_verb(ctx, s_start + vm.start(1))
        if found is not None:
            return found, vm.group(1).lower()
    return None


def _skip_adverbs(norm: str, pos: int) -> int:
    while True:
        m = re.match(r"\s+([a-z]+ly|also|repeatedly|later|then)(?![\w'-])", norm[pos:])
        if not m:
            return _skip_space(norm, pos)
        pos += m.end()


# --------------------------------------------------------------------------- assembling


def _mention_rows(text: str, mentions: pd.DataFrame | None, sentence_spans, case: Case) -> list[tuple[int, int, str, str]]:
    """(start, end, actor, type) of every non-pronoun gazetteer mention."""
    if mentions is None:
        mentions = find_mentions_in_text(text, case=case, sentence_spans=sentence_spans, pronouns=False)
    types = case.actor_types
    rows = mentions[mentions["how"] != "pronoun"] if "how" in mentions.columns else mentions
    return sorted((int(r.start), int(r.end), str(r.actor), types.get(str(r.actor), "")) for r in rows.itertuples())


def _resolve_pronouns(ctx: _Context, items: list[_Speech]) -> None:
    """Give pronoun speakers the person they refer to (see module docstring)."""
    last_named: str | None = None
    for item in sorted(items, key=lambda s: s.speaker.start):
        sp = item.speaker
        if sp.kind != "pronoun":
            if sp.kind in ("mention", "name") and sp.label:
                last_named = sp.label
            continue
        s_start, _ = ctx.sentence_of(sp.start)
        if ctx.norm[sp.start : sp.end].lower() == "they":
            sp.label = _group_before(items, sp, _previous_sentence(ctx, s_start)[0])
            continue
        sp.label = _person_before(ctx, s_start, sp.start) or last_named or _person_before(ctx, *_previous_sentence(ctx, s_start))


def _group_before(items: list[_Speech], pronoun: _Speaker, lo: int) -> str | None:
    """For "they": the most recent speaker of any kind in this or the previous sentence."""
    earlier = [s.speaker for s in items if lo <= s.speaker.start < pronoun.start and s.speaker.label]
    return max(earlier, key=lambda sp: sp.start).label if earlier else None


def _previous_sentence(ctx: _Context, s_start: int) -> tuple[int, int]:
    starts = [s for s, _ in ctx.sent_spans]
    k = bisect.bisect_left(starts, s_start) - 1
    return ctx.sent_spans[k] if k >= 0 else (0, 0)


def _person_before(ctx: _Context, lo: int, hi: int) -> str | None:
    """The first person named in ``[lo, hi)`` outside quotes: a gazetteer person or a
    capitalised name that is not an organisation; None if there is none."""
    people: list[tuple[int, str]] = [
        (m[0], m[2]) for m in ctx.mention_rows if lo <= m[0] < hi and m[3] == "person" and not ctx.in_quote(m[0])
    ]
    for m in re.finditer(_NAME_RUN, ctx.norm[lo:hi]):
        a = lo + m.start()
        words = {w.lower() for w in m.group(0).split()}
        if len(m.group(0).split()) >= 2 and _is_name(m.group(0)) and not words & _ORG_WORDS and not ctx.in_quote(a):
            if not any(x[0] <= a < x[1] for x in ctx.mention_rows):
                people.append((a, _surname(m.group(0))))
    return min(people)[1] if people else None


def find_quotes(
    text: str,
    *,
    case: Case | str | None = None,
    mentions: pd.DataFrame | None = None,
    sentence_spans: list[tuple[int, int]] | None = None,
    min_words: int = 6,
) -> pd.DataFrame:
    """Find direct quotes and reported speech in one text, with their speakers.

    Args:
        text: Raw text (straight or curly quotes).
        case: The case whose gazetteer names the speakers (None: the bundled corpus's).
        mentions: The gazetteer mentions of ``text`` (:func:`corpus_tools.find_mentions_in_text`);
            found afresh when None.
        sentence_spans: Sentence (start, end) offsets; split afresh when None.
        min_words: Unattributed direct quotes shorter than this are scare quotes, not speech.

    Returns:
        One row per quote, ordered by start: start, end (the quoted or reported words),
        speaker (actor id, surname, phrase, or None for an unattributed long quote),
        speaker_start, speaker_end (-1 when there is no speaker), kind ("direct" or
        "reported") and verb (the reporting cue).
    """
    spans = sorted(sentence_spans) if sentence_spans is not None else list(span_sentences(text))
    norm = normalize_text(text)
    ctx = _Context(text, norm, spans, _mention_rows(text, mentions, spans, resolve_case(case)))
    directs = direct_quote_spans(text)
    ctx.quote_spans = [(o, e) for o, _, e in directs]
    reported = _reported(ctx)
    items: list[_Speech] = list(reported)
    pending: list[tuple[int, int, int]] = []
    for open_mark, c_start, c_end in directs:
        attr = _attribute_direct(ctx, open_mark, c_start, c_end)
        if attr is not None:
            items.append(_Speech(c_start, c_end, attr[0], "direct", attr[1]))
        else:
            pending.append((open_mark, c_start, c_end))
    _resolve_pronouns(ctx, items)
    items += _unattributed(ctx, pending, items, reported, min_words)
    return _frame(items)


def _unattributed(ctx: _Context, pending, items: list[_Speech], reported: list[_Speech], min_words: int) -> list[_Speech]:
    """Direct quotes with no attribution of their own: the reported clause they sit in,
    else the previous quote's speaker (same or previous paragraph), else None if long."""
    paragraphs = list(paragraph_spans(ctx.norm))

    def para(pos: int) -> int:
        return next((k for k, (a, b) in enumerate(paragraphs) if a <= pos <= b), -1)

    out: list[_Speech] = []
    for open_mark, c_start, c_end in pending:
        host = next((r for r in reported if r.start <= open_mark and c_end <= r.end), None)
        if host is not None:
            out.append(_Speech(c_start, c_end, host.speaker, "direct", host.verb))
            continue
        earlier = [s for s in items + out if s.kind == "direct" and s.end <= open_mark]
        prev = max(earlier, key=lambda s: s.end, default=None)
        if prev is not None and para(open_mark) - para(prev.end) <= 1 and _only_attribution_between(ctx, prev.end, open_mark):
            out.append(_Speech(c_start, c_end, prev.speaker, "direct", prev.verb))
        elif len(ctx.norm[c_start:c_end].split()) >= min_words:
            out.append(_Speech(c_start, c_end, _Speaker(None, -1, -1, "none"), "direct", ""))
    return out


def _only_attribution_between(ctx: _Context, a: int, b: int) -> bool:
    """True when at most an attribution clause (", he told Arab News.") separates two quotes."""
    between = ctx.norm[a:b]
    return len(between.split()) <= 25 and ("." in between or "\n" in between or '"' in between)


def _frame(items: list[_Speech]) -> pd.DataFrame:
    rows = [
        (s.start, s.end, s.speaker.label, s.speaker.start, s.speaker.end, s.kind, s.verb)
        for s in sorted(items, key=lambda s: (s.start, s.end))
        if s.end > s.start
    ]
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS).drop_duplicates(["start", "end", "kind"])
    return frame.astype({"start": "int64", "end": "int64", "speaker_start": "int64", "speaker_end": "int64"}).reset_index(drop=True)


def quotes(
    units: pd.DataFrame,
    *,
    case: Case | str | None = None,
    sentence_table: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Direct quotes and reported speech of every unit.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: As for :func:`find_quotes`.
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        mentions: :func:`corpus_tools.find_mentions` of the same units, if at hand.

    Returns:
        unit_id plus the columns of :func:`find_quotes`.
    """
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    sent_groups = dict(tuple(sents.groupby("unit_id", sort=False)))
    mention_groups = dict(tuple(mentions.groupby("unit_id", sort=False))) if mentions is not None else {}
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = sent_groups.get(unit_id, sents.iloc[0:0])
        spans = [(int(a), int(b)) for a, b in zip(unit_sents["start"], unit_sents["end"])]
        unit_mentions = mention_groups.get(unit_id, mentions.iloc[0:0]) if mentions is not None else None
        found = find_quotes(text, case=case, mentions=unit_mentions, sentence_spans=spans)
        frames.append(found.assign(unit_id=unit_id))
    if not frames:
        return pd.DataFrame(columns=["unit_id", *QUOTE_COLUMNS])
    return pd.concat(frames, ignore_index=True)[["unit_id", *QUOTE_COLUMNS]]


def speaker_of_span(quote_rows: pd.DataFrame, start: int, end: int) -> tuple[str, str] | None:
    """The speaker of the innermost quote or reported clause that contains ``[start, end)``.

    Args:
        quote_rows: Rows of :func:`find_quotes` (or one unit's rows of :func:`quotes`).
        start, end: A span of the same text.

    Returns:
        (speaker, kind), with speaker "unattributed" for a long quote nobody is said to
        speak; None when the span is in the author's own voice.
    """
    inside = quote_rows[(quote_rows["start"] <= start) & (quote_rows["end"] >= end)]
    if inside.empty:
        return None
    best = inside.assign(width=inside["end"] - inside["start"]).sort_values(["width", "kind"]).iloc[0]
    return (best["speaker"] if isinstance(best["speaker"], str) else "unattributed", best["kind"])
