"""Actor mentions: the case's gazetteer and a rule-based mention finder.

The gazetteer (:mod:`corpus_tools.extract.gazetteer`, documented in
``corpus/gazetteer.md``) lists each actor with its group, type, name forms, aliases and
role nouns. :func:`find_mentions_in_text` finds the actors in one string:

* every name form and alias is compiled to a regular expression that tolerates the
  usual transliteration variants of Arabic and Persian names
  (:mod:`corpus_tools.extract.translit`), so that spellings nobody listed are found;
* role nouns ("the prime minister", "the governor") count only when the context does
  not make them someone else's or another time's ("former prime minister ...", "the
  next premier", "any governor");
* a title directly before a name ("Prime Minister X", "Mr. X") is one mention of it;
* "<patron>-backed groups" name the case's generic proxy actor (``[proxies]`` in the
  case file; the words are in ``lexicon/proxy_phrases.txt``);
* the target's pronouns are resolved by :mod:`corpus_tools.extract.pronouns`.

Offsets are character offsets into the string passed in: ``text[start:end] == surface``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corpus_tools.extract.gazetteer import GAZETTEER_COLUMNS, load_gazetteer, split_cell
from corpus_tools.extract.pronouns import resolve_pronouns, sentence_index
from corpus_tools.extract.translit import compile_entry
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.io.lexicon import read_tab_rows
from corpus_tools.io.rows import column_kinds, rows_by_unit, stack_units
from corpus_tools.io.validate import check_units
from corpus_tools.text.multiscan import MultiScan
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.normalize import word_set as _words
from corpus_tools.text.tokenizing import sentences, span_sentences

__all__ = ["HOWS", "MENTION_COLUMNS", "find_mentions", "find_mentions_in_text"]

HOWS = ("name", "alias", "role", "pronoun")
MENTION_COLUMNS = ["sent_id", "start", "end", "surface", "actor", "group", "how"]


@functools.cache
def _proxy_words() -> dict[str, str]:
    """The proxy-phrase word classes as one regex alternation each."""
    classes: dict[str, list[str]] = {}
    for kind, word in read_tab_rows("proxy_phrases.txt"):
        classes.setdefault(kind, []).append(word)
    return {kind: "(?:" + "|".join(words) + ")" for kind, words in classes.items()}


def _proxy_regex(patrons: list[str], demonyms: list[str]) -> re.Pattern[str] | None:
    """ "pro-X ... groups", "X-backed ... militias", "<demonym> ... militias"."""
    if not patrons:
        return None
    w = _proxy_words()
    patron = "(?:" + "|".join([*patrons, *map(re.escape, demonyms)]) + ")"
    lead = rf"(?:pro[\s-]?{patron}|{patron}-{w['verb']})"
    mods = rf"(?:{w['modifier']}\s+){{0,2}}"
    alts = [rf"{lead}\s+{mods}{w['head']}"]
    if demonyms:
        alts.append(rf"(?:{'|'.join(map(re.escape, demonyms))})\s+{mods}{w['proxy']}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)", re.IGNORECASE)


@functools.cache
def _adjective_suffix_re() -> re.Pattern[str]:
    """A name used as a patron or place adjective ("X-backed", "X-based") is no mention."""
    return re.compile(rf"-\s*(?:{_proxy_words()['verb']}|based)(?!\w)", re.IGNORECASE)


_PRO_PREFIX_RE = re.compile(r"(?:^|[^\w])pro[\s-]?$", re.IGNORECASE)
# A name followed by the head of a place or an organisation's name is part of that name
# ("Washington Post", "Washington, D.C.", "Sadr City", "Tehran Times").
_NAME_CONTINUES_RE = re.compile(
    r",?\s*D\.?C\.?(?!\w)|\s+(?:Institute|Post|Times|City|Street|Square|University|Journal|"
    r"Herald|Tribune|Review|News|Agency|Airport|Province|Governorate)(?!\w)"
)
# Honorifics and titles that make one mention with a directly following person name.
_TITLE_RE = re.compile(
    r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Gen|Sheikh|Shaykh|Sayyid|Sayyed|Grand\s+Ayatollah|Ayatollah|"
    r"President|General|Judge|Imam|Hajj?i?)\.?(?!\w)"
)


@dataclass(frozen=True)
class _Entry:
    """One compiled gazetteer entry."""

    pattern: re.Pattern[str]
    actor: str
    group: str
    type: str
    how: str


@dataclass
class _Cand:
    """A candidate mention before overlap resolution."""

    start: int
    end: int
    actor: str | None
    group: str | None
    type: str | None
    how: str

    @property
    def length(self) -> int:
        return self.end - self.start


_HOW_RANK = {"name": 1, "alias": 2, "role": 3, "pronoun": 4}


@dataclass(frozen=True)
class _Matcher:
    """A gazetteer compiled for one case: entries, actors, proxy phrases, the target."""

    entries: tuple[_Entry, ...]
    actors: dict[str, tuple[str, str]]
    proxy: re.Pattern[str] | None
    proxy_actor: str | None
    target: str | None
    pronouns: tuple[str, ...]
    scanner: MultiScan | None = None  # the entries' patterns, found in one pass


def _compile(gazetteer: pd.DataFrame, case: Case) -> _Matcher:
    """Compile every entry of a gazetteer, and the case's proxy phrases."""
    frame = gazetteer.reindex(columns=GAZETTEER_COLUMNS).fillna("").astype(str)
    entries, patrons = [], []
    for actor, _name, group, typ, names, aliases, roles in frame.itertuples(index=False, name=None):
        for how, cell, literal in (("name", names, None), ("alias", aliases, None), ("role", roles, True)):
            for entry in split_cell(cell):
                pattern = compile_entry(entry, literal=literal, keep_capitals=how != "role")
                entries.append(_Entry(pattern, actor, group, typ, how))
                if actor in case.proxy_patrons and how != "role":
                    patrons.append(pattern.pattern.removeprefix("(?<!\\w)").removesuffix("(?!\\w)"))
    actors = {a: (g, t) for a, g, t in zip(frame["id"], frame["group"], frame["type"])}
    demonyms = [adj for adj, actor in case.demonyms if actor in case.proxy_patrons]
    proxy_actor = case.proxy_actor if case.proxy_actor in actors else None
    return _Matcher(
        entries=tuple(entries), actors=actors, scanner=MultiScan([e.pattern for e in entries]),
        proxy=_proxy_regex(patrons, demonyms) if proxy_actor else None, proxy_actor=proxy_actor,
        target=case.target if case.target in actors else None, pronouns=case.pronouns,
    )


@functools.lru_cache(maxsize=16)
def _case_matcher(case: Case) -> _Matcher:
    return _compile(case.gazetteer, case)


def _matcher(case: Case | str | Path | None, gazetteer: pd.DataFrame | str | Path | None) -> _Matcher:
    """The compiled matcher of a case, or of a gazetteer given in its place."""
    case = resolve_case(case)
    if gazetteer is None:
        return _case_matcher(case)
    table = gazetteer if isinstance(gazetteer, pd.DataFrame) else load_gazetteer(gazetteer)
    return _compile(table, case)


# ----------------------------------------------------------------------- sentences

def _spans_and_ids(
    text: str, sentence_spans: Sequence[tuple[int, int]] | pd.DataFrame | None
) -> tuple[list[tuple[int, int]], list[int]]:
    """Normalise the sentence_spans argument to sorted spans and their sent_ids."""
    if sentence_spans is None:
        spans = list(span_sentences(text))
        return spans, list(range(len(spans)))
    if isinstance(sentence_spans, pd.DataFrame):
        frame = sentence_spans.sort_values("start")
        spans = list(zip(frame["start"].astype(int), frame["end"].astype(int)))
        ids = (
            [int(i) for i in frame["sent_id"]]
            if "sent_id" in frame.columns
            else list(range(len(spans)))
        )
        return spans, ids
    pairs = [(int(s), int(e)) for s, e in sentence_spans]
    order = sorted(range(len(pairs)), key=lambda k: pairs[k][0])
    return [pairs[k] for k in order], order


# -------------------------------------------------------------------- role context

_ROLE_NEGATORS = _words(
    """
    former then ex next future previous prior past late new incoming another any
    every each a an would-be potential prospective eventual successive one
    """
)
_ROLE_POSSESSIVES = _words("his her their its our your my")
_ROLE_PREDICATIVE = _words(
    """
    as become becomes became becoming remain remains remained named appointed
    """
)
_ROLE_ANCHORS = _words(
    """
    the this that to of on at by with for from in against into upon over about
    toward towards iraq's iraqi
    """
)
_AFTER_NOUN = _words(
    """
    is was has had have can could will would should may might must did does do
    himself and or but who whose whom that which said says told in of on at to
    for with by from as after afterwards again also then now still however last
    this since during
    """
)
_CALENDAR = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    """
)


def _role_refers(ntext: str, start: int, end: int, sent_start: int) -> bool:
    """Decide whether a role noun at [start, end) refers to its actor here.

    Not when: a capitalised name follows ("Premier Mikhail Gorbachev"); it is the
    possessive of a proper name ("the Prime Minister's Guesthouse"); "premier" is an
    adjective ("Iraq's premier intelligence agency"); or a qualifier within three
    words before it makes it someone else's or another time's (former, then-, next,
    future, any, a/an, his/their, a foreign adjective such as "Soviet"), or the role is
    predicative ("as prime minister", "became premier").
    """
    after = ntext[end : end + 80]
    name_after = re.match(r"[ \t]*\n?[ \t]*([A-Z][\w'-]*)", after)
    if (
        name_after
        and after[:1].isspace()
        and name_after.group(1).lower() not in _CALENDAR
    ):
        return False
    if re.match(r"'s\s+[A-Z]", after):
        return False
    if ntext[start:end].lower().endswith("premier"):
        nxt = re.match(r"\s+([a-z][a-z'-]*)", after)
        if nxt and not (
            nxt.group(1) in _AFTER_NOUN or nxt.group(1).endswith(("ed", "ly"))
        ):
            return False
    return _qualifiers_allow(ntext[sent_start:start])


def _qualifiers_allow(before: str) -> bool:
    """Walk back over up to three words before a role noun; False if one disqualifies it."""
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9'.]*-?|[^\sA-Za-z0-9]", before)
    words_seen = 0
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        if not tok[0].isalnum():
            if tok in {",", "-"}:
                continue
            return True
        word = tok.rstrip("-").rstrip(".")
        low = word.lower()
        if low in _ROLE_ANCHORS:
            return True
        if (
            low in _ROLE_NEGATORS
            or low in _ROLE_POSSESSIVES
            or low in _ROLE_PREDICATIVE
        ):
            return False
        if word.isdigit():
            return False
        if word[:1].isupper() and words_seen == 0 and (k > 0 or word.endswith("'s")):
            return False  # a foreign adjective or possessive: "Soviet Premier", "Lebanon's"
        words_seen += 1
        if words_seen >= 3:
            return True
    return True


# ---------------------------------------------------------------------- candidates


def _entry_candidates(ntext: str, entries: Sequence[_Entry], scanner: MultiScan | None = None) -> list[_Cand]:
    """Run every compiled entry over the text (all at once with ``scanner``, built from
    the entries' patterns); drop adjectival uses of names and names that are part of a
    place's or an organisation's name."""
    cands = []
    adjective = _adjective_suffix_re()
    found = scanner.spans(ntext) if scanner is not None else [[m.span() for m in e.pattern.finditer(ntext)] for e in entries]
    for e, spans in zip(entries, found):
        for start, end in spans:
            if end <= start:
                continue
            if e.how != "role":
                if adjective.match(ntext, end) or _NAME_CONTINUES_RE.match(ntext, end):
                    continue  # "X-backed", "X-based", "X Post", "X City"
                if _PRO_PREFIX_RE.search(ntext[max(0, start - 5) : start]):
                    continue  # "pro-X"
            cands.append(_Cand(start, end, e.actor, e.group, e.type, e.how))
    return cands


def _proxy_candidates(ntext: str, matcher: _Matcher) -> list[_Cand]:
    """Proxy phrases ("X-backed militias") as mentions of the case's proxy actor."""
    if matcher.proxy is None or matcher.proxy_actor is None:
        return []
    group, typ = matcher.actors[matcher.proxy_actor]
    return [_Cand(m.start(), m.end(), matcher.proxy_actor, group, typ, "alias") for m in matcher.proxy.finditer(ntext)]


def _merge_titles(ntext: str, names: list[_Cand], titles: list[_Cand], spans: list[tuple[int, int]]) -> list[_Cand]:
    """Join titles and role nouns directly before a person name, in its sentence, into one mention."""
    starts = [s for s, _ in spans]
    title_start: dict[int, int] = {}
    for t in titles:
        title_start[t.end] = min(t.start, title_start.get(t.end, t.start))
    merged = []
    for n in names:
        if n.type != "person":
            continue
        start = n.start
        while True:
            j = start
            while j > 0 and ntext[j - 1].isspace():
                j -= 1
            if j == start or j not in title_start or "\n\n" in ntext[j:start]:
                break
            if sentence_index(spans, starts, title_start[j]) != sentence_index(spans, starts, n.start):
                break  # "We thank the President. Biden spoke.": two sentences, two mentions
            start = title_start[j]
        if start < n.start:
            merged.append(_Cand(start, n.end, n.actor, n.group, n.type, n.how))
    return merged


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest candidates, never overlapping; ties: name, alias, role."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-c.length, _HOW_RANK[c.how], c.start)):
        k = bisect.bisect_left(taken, (c.start, c.end))
        left_ok = k == 0 or taken[k - 1][1] <= c.start
        right_ok = k == len(taken) or taken[k][0] >= c.end
        if left_ok and right_ok:
            taken.insert(k, (c.start, c.end))
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)




def _empty_mentions() -> pd.DataFrame:
    """An empty mentions table with the standard columns and dtypes."""
    return pd.DataFrame(
        {
            "sent_id": pd.Series(dtype="int64"),
            "start": pd.Series(dtype="int64"),
            "end": pd.Series(dtype="int64"),
            "surface": pd.Series(dtype="object"),
            "actor": pd.Series(dtype="object"),
            "group": pd.Series(dtype="object"),
            "how": pd.Series(dtype="object"),
        }
    )


def find_mentions_in_text(
    text: str,
    *,
    case: Case | str | Path | None = None,
    sentence_spans: Sequence[tuple[int, int]] | pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | str | Path | None = None,
    pronouns: bool = True,
) -> pd.DataFrame:
    """Find the case's actors in one text.

    Args:
        text: the raw text (curly quotes are fine; offsets refer to this string).
        case: a :class:`~corpus_tools.io.case.Case`, a path to a case file, or None for
            the bundled corpus's case.
        sentence_spans: sentence (start, end) offsets into ``text``, either as pairs
            (sent_id = position in the list after sorting by start) or as a DataFrame
            with start, end and optionally sent_id columns (e.g. one unit's rows of
            ``corpus_tools.sentences(units)``). None: split with :func:`corpus_tools.span_sentences`.
        gazetteer: a gazetteer (table or CSV path) to use instead of the case's.
        pronouns: also resolve the target's pronouns (``how="pronoun"``).

    Returns:
        One row per mention, ordered by start, columns sent_id, start, end, surface,
        actor, group, how (name, alias, role or pronoun). Mentions never overlap and
        ``text[start:end] == surface``. sent_id is -1 for a mention outside every span.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    matcher = _matcher(case, gazetteer)
    if not text:
        return _empty_mentions()
    rows = _text_rows(text, matcher, *_spans_and_ids(normalize_text(text), sentence_spans), pronouns=pronouns)
    if not rows:
        return _empty_mentions()
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64"})


def _text_rows(text: str, matcher: _Matcher, spans: list[tuple[int, int]], ids: list[int], *, pronouns: bool) -> list[tuple]:
    """The mentions of one non-empty text as rows in the order of :data:`MENTION_COLUMNS`."""
    ntext = normalize_text(text)
    starts = [s for s, _ in spans]

    raw = _entry_candidates(ntext, matcher.entries, matcher.scanner)
    titles = [c for c in raw if c.how == "role"] + [
        _Cand(m.start(), m.end(), None, None, None, "role")
        for m in _TITLE_RE.finditer(ntext)
    ]
    names = [c for c in raw if c.how in ("name", "alias")]
    roles = []
    for c in _resolve_overlaps([c for c in raw if c.how == "role"]):
        k = sentence_index(spans, starts, c.start)
        sent_start = spans[k][0] if k is not None else 0
        if _role_refers(ntext, c.start, c.end, sent_start):
            roles.append(c)
    cands = names + roles + _merge_titles(ntext, names, titles, spans) + _proxy_candidates(ntext, matcher)
    mentions = _resolve_overlaps(cands)
    if pronouns and matcher.target is not None:
        persons = [(c.start, c.end, c.actor == matcher.target) for c in mentions if c.type == "person"]
        group, typ = matcher.actors[matcher.target]
        for start, end in resolve_pronouns(ntext, persons, [(c.start, c.end) for c in mentions], spans, pronouns=matcher.pronouns):
            mentions.append(_Cand(start, end, matcher.target, group, typ, "pronoun"))
        mentions.sort(key=lambda c: c.start)
    out = []
    for c in mentions:
        k = sentence_index(spans, starts, c.start)
        out.append((ids[k] if k is not None else -1, c.start, c.end, text[c.start : c.end], c.actor, c.group, c.how))
    return out


def find_mentions(
    units: pd.DataFrame,
    *,
    case: Case | str | Path | None = None,
    sentence_table: pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | str | Path | None = None,
    pronouns: bool = True,
) -> pd.DataFrame:
    """Find the case's actors in every unit, keyed to the package's sentences.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        case: As for :func:`find_mentions_in_text`.
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        gazetteer: As for :func:`find_mentions_in_text`.
        pronouns: Also resolve the target's pronouns (``how="pronoun"``).

    Returns:
        One row per mention: unit_id, sent_id, start, end, surface, actor, group, how.
    """
    check_units(units, function="find_mentions")
    sents = sentence_table if sentence_table is not None else sentences(units)
    table = gazetteer if gazetteer is None or isinstance(gazetteer, pd.DataFrame) else load_gazetteer(gazetteer)
    columns = ["unit_id", *MENTION_COLUMNS]
    if not len(units):
        return _empty_mentions().assign(unit_id=pd.Series(dtype="object"))[columns]
    matcher = _matcher(case, table)
    by_unit = rows_by_unit(sents, ["sent_id", "start", "end"])
    parts = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        unit_sents = sorted(by_unit.get(unit_id, []), key=lambda r: r[1])
        if not isinstance(text, str) or len({r[1] for r in unit_sents}) < len(unit_sents):
            return _stacked_frames(units, sents, case, table, pronouns)  # as pandas orders equal starts
        rows = _text_rows(text, matcher, [(int(a), int(b)) for _, a, b in unit_sents], [int(i) for i, _, _ in unit_sents],
                          pronouns=pronouns) if text else []
        kinds = column_kinds(rows, MENTION_COLUMNS, _INT_COLUMNS)
        if kinds is None:
            return _stacked_frames(units, sents, case, table, pronouns)
        parts.append((unit_id, rows, kinds))
    return stack_units(parts, MENTION_COLUMNS, _INT_COLUMNS)


_INT_COLUMNS = frozenset({"sent_id", "start", "end"})


def _stacked_frames(units: pd.DataFrame, sents: pd.DataFrame, case, table, pronouns: bool) -> pd.DataFrame:
    """find_mentions by concatenating one table per unit (for inputs the fast path does not cover)."""
    by_unit = dict(tuple(sents.groupby("unit_id", sort=False)))
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        spans = by_unit.get(unit_id, sents.iloc[0:0])[["sent_id", "start", "end"]]
        found = find_mentions_in_text(text, case=case, sentence_spans=spans, gazetteer=table, pronouns=pronouns)
        frames.append(found.assign(unit_id=unit_id))
    return pd.concat(frames, ignore_index=True)[["unit_id", *MENTION_COLUMNS]]
