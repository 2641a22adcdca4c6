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
are resolved by the shared resolver (:mod:`corpus_tools.extract.pronouns`): to a person
named before them in the same sentence, else to the most recent named speaker, else to
the first person named in the previous sentence; "they" to the most recent speaker.

Offsets are character offsets into the text passed in. Cue words come from the
package's documented lists ``speech_verbs.txt`` and ``blame_reporting.txt``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import pandas as pd

from corpus_tools.extract.mentions import find_mentions_in_text
from corpus_tools.extract.pronouns import resolve_speaker_pronouns
from corpus_tools.extract.quote_spans import direct_quote_spans
from corpus_tools.extract.speakers import (
    _NAME_RUN,
    QUOTE_COLUMNS,
    Speaker,
    _after_verb_content,
    _before_verb,
    _Context,
    _cues,
    _is_name,
    _speaker_starting,
    _surname,
    _trim_end,
    speaker_nouns,
    subject_words,
)
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.rows import column_kinds, rows_by_unit, stack_units
from corpus_tools.io.validate import check_units
from corpus_tools.text.clauses import opens_fronted_clause
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences, span_sentences

__all__ = ["QUOTE_COLUMNS", "direct_quote_spans", "find_quotes", "quotes", "speaker_of_span"]

# --------------------------------------------------------------------------- reported speech


@dataclass
class _Speech:
    start: int
    end: int
    speaker: Speaker
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
        speaker = Speaker("reports", s_start + m.start(), s_start + m.end(1), "noun")
        out.append(_Speech(s_start + m.end(), s_end, speaker, "reported", "reports"))
    for m in re.finditer(r"\breportedly\b", norm[s_start:s_end], re.IGNORECASE):
        speaker = Speaker("reports", s_start + m.start(), s_start + m.end(), "noun")
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
    if re.search(r"(?:'s|\b(?:the|a|an|his|her|their|its|this|that))\s+$", norm[s_start : m.start()], re.IGNORECASE):
        return []  # "Velland's claim that ...", "the report": a noun, not a verb of speech
    if _non_finite(norm, s_start, m.start(), verb):
        return []  # "rushed to blame X without evidence", "by blaming X": the author's account of an act
    before = _before_verb(ctx, m.start())  # the one subject finder, :func:`verb_subject`
    if before is not None and _unknown_word(ctx, before, verb):
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


def _content_end(norm: str, s_start: int, speaker_start: int, content: int, s_end: int) -> int:
    """End of reported content: the sentence end, or the first comma when the speech sits
    in a fronted subordinate clause (the shared clause splitter's openers: "To the extent Iraqis believe X, Y will ..."), or the
    closing quote when the content is a quotation followed by "but"/"and" and another
    verb phrase of the subject ('X condemned "..." but refused to ...')."""
    if norm[content:content + 1] == '"':
        close = norm.find('"', content + 1, s_end)
        if close > 0 and re.match(r"\s+(?:but|and|yet)\s+\w", norm[close + 1 : s_end]):
            return close + 1
    if opens_fronted_clause(norm, s_start, speaker_start):
        comma = norm.find(",", content, s_end)
        if comma > 0:
            return comma
    return s_end


def _non_finite(norm: str, s_start: int, verb_start: int, verb: str) -> bool:
    """True for a reporting verb after "to" or an -ing verb after a preposition
    (``subject_words.txt`` kinds ``control``, ``gerund``), adverbs allowed between."""
    m = re.search(r"(?<![\w'-])([A-Za-z]+)\s+(?:[a-z]+ly\s+)?$", norm[s_start:verb_start])
    word = m.group(1).lower() if m else ""
    return word in subject_words().control or (verb.endswith("ing") and word in subject_words().gerund)


def _unknown_word(ctx: _Context, speaker: Speaker, verb: str) -> bool:
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


def _phrase_speaker(ctx: _Context, pos: int, hi: int) -> Speaker | None:
    """Any short noun phrase after "according to" ("various accounts", "official results")."""
    m = re.match(r"((?:[\w'-]+\s+){0,4}[\w'-]+)", ctx.norm[pos:hi])
    if not m:
        return None
    phrase = re.split(r"[,.;]", m.group(1))[0].strip()
    return Speaker(phrase, pos, pos + len(phrase), "noun") if phrase else None


# --------------------------------------------------------------------------- direct attribution


def _attribute_direct(ctx: _Context, open_mark: int, c_start: int, c_end: int) -> tuple[Speaker, str] | None:
    """Speaker of one direct quote from an attribution right after or right before it."""
    norm = ctx.norm
    close = c_end + 1 if c_end < len(norm) and norm[c_end] == '"' else c_end
    k = ctx.paragraph_index(close)
    para_end = ctx.paragraphs[k][1] if k >= 0 else len(norm)
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
    """Move ``pos`` right over auxiliaries and adverbs (``subject_words.txt`` kind ``skip``,
    and -ly words), the same words the subject finder skips leftwards."""
    skip = subject_words().skip
    while True:
        m = re.match(r"\s+([a-z]+)(?![\w'-])", norm[pos:])
        if not m or not (m.group(1) in skip or (m.group(1).endswith("ly") and len(m.group(1)) > 4)):
            return _skip_space(norm, pos)
        pos += m.end()


# --------------------------------------------------------------------------- assembling


def _mention_rows(text: str, mentions: pd.DataFrame | list[tuple] | None, sentence_spans, case: Case) -> list[tuple[int, int, str, str]]:
    """(start, end, actor, type) of every non-pronoun gazetteer mention (``mentions``: a
    table, or its rows as (start, end, actor, how) tuples; None: found here)."""
    if mentions is None:
        mentions = find_mentions_in_text(text, case=case, sentence_spans=sentence_spans, pronouns=False)
    if isinstance(mentions, pd.DataFrame):
        how = mentions["how"].tolist() if "how" in mentions.columns else [None] * len(mentions)
        mentions = list(zip(mentions["start"].tolist(), mentions["end"].tolist(), mentions["actor"].tolist(), how))
    types = case.actor_types
    return sorted((int(a), int(b), str(actor), types.get(str(actor), "")) for a, b, actor, how in mentions if how != "pronoun")


def _resolve_pronouns(ctx: _Context, items: list[_Speech]) -> None:
    """Give pronoun speakers the person they refer to: the shared resolver,
    :func:`corpus_tools.extract.pronouns.resolve_speaker_pronouns`."""
    resolve_speaker_pronouns(
        ctx.norm,
        [item.speaker for item in items],
        sentence_of=ctx.sentence_of,
        previous_sentence=lambda pos: _previous_sentence(ctx, pos),
        person_before=lambda lo, hi: _person_before(ctx, lo, hi),
    )


def _previous_sentence(ctx: _Context, s_start: int) -> tuple[int, int]:
    starts = [s for s, _ in ctx.sent_spans]
    k = bisect.bisect_left(starts, s_start) - 1
    return ctx.sent_spans[k] if k >= 0 else (0, 0)


def _person_before(ctx: _Context, lo: int, hi: int) -> str | None:
    """The first person named in ``[lo, hi)`` outside quotes: a gazetteer person or a
    capitalised name that is not an organisation; None if there is none."""
    people: list[tuple[int, str]] = [
        (m[0], m[2]) for m in ctx.mentions_within(lo, hi, ending_by=False) if m[3] == "person" and not ctx.in_quote(m[0])
    ]
    for m in re.finditer(_NAME_RUN, ctx.norm[lo:hi]):
        a = lo + m.start()
        words = {w.lower() for w in m.group(0).split()}
        if len(m.group(0).split()) >= 2 and _is_name(m.group(0)) and not words & subject_words().organisation and not ctx.in_quote(a):
            if not ctx.inside_mention(a):
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
    return _frame(_quote_items(text, resolve_case(case), mentions, sentence_spans, min_words))


def _quote_items(text: str, case: Case, mentions, sentence_spans, min_words: int) -> list[_Speech]:
    """The quotes and reported speech of one text (the arguments of :func:`find_quotes`)."""
    spans = sorted(sentence_spans) if sentence_spans is not None else list(span_sentences(text))
    norm = normalize_text(text)
    ctx = _Context(text, norm, spans, _mention_rows(text, mentions, spans, case), nouns=speaker_nouns(case.lexicon))
    directs = direct_quote_spans(text)
    ctx.quote_spans = sorted((o, e) for o, _, e in directs)
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
    return items


def _unattributed(ctx: _Context, pending, items: list[_Speech], reported: list[_Speech], min_words: int) -> list[_Speech]:
    """Direct quotes with no attribution of their own: the reported clause they sit in,
    else the previous quote's speaker (same or previous paragraph), else None if long."""
    para = ctx.paragraph_index

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
            out.append(_Speech(c_start, c_end, Speaker(None, -1, -1, "none"), "direct", ""))
    return out


def _only_attribution_between(ctx: _Context, a: int, b: int) -> bool:
    """True when at most an attribution clause (", he told Arab News.") separates two quotes."""
    between = ctx.norm[a:b]
    return len(between.split()) <= 25 and ("." in between or "\n" in between or '"' in between)


def _rows(items: list[_Speech]) -> list[tuple]:
    return [
        (s.start, s.end, s.speaker.label, s.speaker.start, s.speaker.end, s.kind, s.verb)
        for s in sorted(items, key=lambda s: (s.start, s.end))
        if s.end > s.start
    ]


def _frame(items: list[_Speech]) -> pd.DataFrame:
    rows = _rows(items)
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
    check_units(units, function="quotes")
    case = resolve_case(case)
    sents = sentence_table if sentence_table is not None else sentences(units)
    if not len(units):
        return pd.DataFrame(columns=["unit_id", *QUOTE_COLUMNS])
    sent_groups = rows_by_unit(sents, ["start", "end"])
    mention_groups = rows_by_unit(mentions, ["start", "end", "actor", "how"]) if mentions is not None else None
    parts = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        spans = [(int(a), int(b)) for a, b in sent_groups.get(unit_id, [])]
        unit_mentions = mention_groups.get(unit_id, []) if mention_groups is not None else None
        rows = _rows(_quote_items(text, case, unit_mentions, spans, 6))
        kinds = column_kinds(rows, QUOTE_COLUMNS, _INT_COLUMNS)
        if kinds is None:  # a value pandas would type otherwise: one table per unit, as find_quotes builds it
            return _stacked(units, case, sents, mentions)
        seen: set[tuple] = set()
        kept = [r for r in rows if (r[0], r[1], r[5]) not in seen and not seen.add((r[0], r[1], r[5]))]
        parts.append((unit_id, kept, kinds))
    return stack_units(parts, QUOTE_COLUMNS, _INT_COLUMNS)


_INT_COLUMNS = frozenset({"start", "end", "speaker_start", "speaker_end"})


def _stacked(units: pd.DataFrame, case: Case, sents: pd.DataFrame, mentions: pd.DataFrame | None) -> pd.DataFrame:
    """quotes by concatenating the tables of :func:`find_quotes` (inputs the fast path does not cover)."""
    sent_groups = dict(tuple(sents.groupby("unit_id", sort=False)))
    mention_groups = dict(tuple(mentions.groupby("unit_id", sort=False))) if mentions is not None else {}
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = sent_groups.get(unit_id, sents.iloc[0:0])
        spans = [(int(a), int(b)) for a, b in zip(unit_sents["start"], unit_sents["end"])]
        unit_mentions = mention_groups.get(unit_id, mentions.iloc[0:0]) if mentions is not None else None
        found = find_quotes(text, case=case, mentions=unit_mentions, sentence_spans=spans)
        frames.append(found.assign(unit_id=unit_id))
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
