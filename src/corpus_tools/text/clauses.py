"""The one clause splitter: a sentence cut into clauses, as character offsets.

Like NLTK's ``span_tokenize``, nothing is lost: :func:`clause_breaks` returns the
stretches that separate clauses (a semicolon with its spaces, ", although" up to the
word, ...) and :func:`clause_spans` the clauses between them, so that clauses and breaks
together give back ``text[start:end]`` character for character.

What cuts is rule data, ``lexicon/clause_breaks.txt`` (punctuation, clause-opening words
and their flags, read by :func:`corpus_tools.io.lexicon.read_rows`). How fine the cut is
each measure chooses with keyword options:

* ``marks``: which punctuation kinds cut (``stop`` ; :, ``dash``, ``bracket``, ``quote``);
* ``commas``: ``"all"`` (every comma cuts), ``"before_word"`` (a comma cuts only before a
  clause-opening word) or ``"none"``;
* ``words``: ``"all"`` listed words, only the ``"strong"`` ones (flag ``s``), or ``"none"``;
* ``bare``: whether a word flagged ``b`` cuts with no comma before it: ``"any"``, only
  when a subject follows (``"subject"``), or ``"none"``;
* ``fronted``: cut after a fronted clause ("If X was responsible, it ...";
  :func:`opens_fronted_clause` tells whether a stretch opens with one);
* ``conjunctions``: ``"keep"`` a linking conjunction (flag ``c``: "but") at the start of
  the next clause, or ``"drop"`` it into the break.

Texts are expected normalised (:func:`corpus_tools.text.normalize.normalize_text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus_tools.io.lexicon import read_rows

__all__ = [
    "Break",
    "ClauseWords",
    "clause_breaks",
    "clause_spans",
    "clause_start",
    "clause_words",
    "last_subordinator",
    "opens_fronted_clause",
    "spans_between",
]

CLAUSE_FILE = "clause_breaks.txt"
MARK_KINDS = ("stop", "dash", "bracket", "quote")
WORD_KINDS = ("contrast", "adverbial", "relative", "coordinator")
_COMMAS = ("all", "before_word", "none")
_WORDS = ("all", "strong", "none")
_BARE = ("any", "subject", "none")
_CONJUNCTIONS = ("keep", "drop")


@dataclass(frozen=True)
class Break:
    """A stretch of text between two clauses: ``text[start:end]`` (may be empty)."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class ClauseWords:
    """The clause-break data of one lexicon folder, compiled."""

    marks: dict[str, frozenset[str]]
    words: dict[str, tuple[str, str]]  # word or phrase -> (kind, flags)
    subjects: frozenset[str]
    word_rx: re.Pattern[str]
    fronted_rx: re.Pattern[str]  # a fronted-clause opener at the start of a stretch

    def of_kind(self, *kinds: str) -> frozenset[str]:
        """The listed words (or marks) of the given kinds, lowercase."""
        marks = {m for k in kinds for m in self.marks.get(k, ())}
        return frozenset(marks | {w for w, (k, _) in self.words.items() if k in kinds})

    def flagged(self, flag: str) -> frozenset[str]:
        """The listed words that carry ``flag``."""
        return frozenset(w for w, (_, flags) in self.words.items() if flag in flags)


@lru_cache(maxsize=16)
def clause_words(lexicon: Path | None = None) -> ClauseWords:
    """Read ``lexicon/clause_breaks.txt`` (plus a case's file of the same name).

    Args:
        lexicon: A case's own lexicon folder, whose ``clause_breaks.txt`` adds rows.

    Returns:
        The marks by kind, the words with kind and flags, the subject openers and a
        regex that finds every listed word (longest first).
    """
    marks: dict[str, set[str]] = {}
    words: dict[str, tuple[str, str]] = {}
    subjects: set[str] = set()
    openers: set[str] = set()
    for row in read_rows(CLAUSE_FILE, extra=lexicon):
        kind, entry = row.fields[0], " ".join(row.fields[1].lower().split())
        flags = row.fields[2] if len(row.fields) > 2 else ""
        if kind in MARK_KINDS or kind == "comma":
            marks.setdefault(kind, set()).add(entry)
        elif kind == "subject":
            subjects.add(entry)
        elif kind != "fronted":
            words[entry] = (kind, flags)
        if "f" in flags:
            openers.add(entry)
    fronted_rx = re.compile(r"\W*" + _alternatives(openers).pattern, re.IGNORECASE)
    return ClauseWords({k: frozenset(v) for k, v in marks.items()}, words, frozenset(subjects), _alternatives(words),
                       fronted_rx)


def _alternatives(entries: Iterable[str]) -> re.Pattern[str]:
    """A regex of whole words or phrases (longest first, any white space between words)."""
    alts = sorted(entries, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in alts) or r"(?!x)x"
    return re.compile(rf"(?<![\w'-])(?:{body})(?![\w'-])", re.IGNORECASE)


def _check(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"clause_breaks: {name}={value!r}; expected one of {allowed}")


@lru_cache(maxsize=64)
def _mark_rx(lexicon: Path | None, marks: tuple[str, ...], commas: str) -> re.Pattern[str]:
    """A regex of the cutting marks with the white space around them."""
    data = clause_words(lexicon)
    chars = {m for k in marks for m in data.marks.get(k, ()) if m not in ("-", "--")}
    if commas == "all":
        chars |= set(data.marks.get("comma", ()))
    alts = [re.escape(m) for m in sorted(chars, key=len, reverse=True)]
    dashes = data.marks.get("dash", ()) if "dash" in marks else ()
    if "--" in dashes:
        alts.insert(0, "-{2,}")
    if "-" in dashes:
        alts.append(r"(?<=\s)-(?=\s)")  # a hyphen with a space on both sides is a dash
    return re.compile(rf"\s*(?:{'|'.join(alts) or '(?!x)x'})\s*")


def _mark_breaks(text: str, lo: int, hi: int, data: ClauseWords, marks: tuple[str, ...], commas: str,
                 lexicon: Path | None) -> list[Break]:
    """Breaks at punctuation: the mark with the white space around it."""
    kinds = {m: k for k, ms in data.marks.items() for m in ms}
    out = []
    for m in _mark_rx(lexicon, marks, commas).finditer(text, lo, hi):
        mark = m.group(0).strip()
        out.append(Break(m.start(), m.end(), "dash" if mark.startswith("-") else kinds.get(mark, "comma")))
    return out


def _opens_subject(text: str, pos: int, hi: int, data: ClauseWords, *, capitals: bool) -> bool:
    """True if the word at ``pos`` can open a subject (a listed opener, or capitalised)."""
    m = re.match(r"[\w'-]+", text[pos:hi])
    if not m:
        return False
    return m.group(0).lower() in data.subjects or (capitals and m.group(0)[0].isupper())


def _word_breaks(text: str, lo: int, hi: int, data: ClauseWords, *, commas: str, words: str, bare: str,
                 conjunctions: str) -> list[Break]:
    """Breaks before clause-opening words (after a comma, or bare per the flags)."""
    out = []
    for m in data.word_rx.finditer(text, lo, hi):
        word = " ".join(m.group(0).lower().split())
        kind, flags = data.words[word]
        if words == "strong" and "s" not in flags:
            continue
        back = max(lo, m.start() - 40)
        before = re.search(r"\s*(,?)\s*$", text[back:m.start()])
        a = back + before.start()
        comma = bool(before.group(1))
        if a <= lo and not comma:
            continue  # the sentence's first word opens no second clause
        after = m.end() + len(text[m.end():hi]) - len(text[m.end():hi].lstrip())
        if comma and commas != "none":
            ok = True
        elif "b" in flags and bare == "any":
            ok = True
        elif "b" in flags and bare == "subject":
            ok = _opens_subject(text, after, hi, data, capitals=True)
        else:
            ok = False
        if not ok:
            continue
        end = after if conjunctions == "drop" and "c" in flags else m.start()
        out.append(Break(a, end, kind))
    return out


def opens_fronted_clause(text: str, start: int = 0, end: int | None = None, *, lexicon: Path | None = None) -> bool:
    """True if ``text[start:end]`` opens with a fronted subordinate clause ("If X was
    responsible, ...", "To the extent voters believe it, ..."): its first word or phrase
    is flagged ``f`` in ``clause_breaks.txt``.

    Args:
        text: A normalised text.
        start: Where the stretch (e.g. the sentence) begins.
        end: Where it ends (default: the end of ``text``).
        lexicon: A case's lexicon folder whose ``clause_breaks.txt`` adds rows.

    Returns:
        Whether a fronted-clause opener stands at the start.
    """
    end = len(text) if end is None else end
    return clause_words(lexicon).fronted_rx.match(text, start, end) is not None


def last_subordinator(text: str, start: int, end: int, *, lexicon: Path | None = None) -> int | None:
    """Where the last subordinator (a word flagged ``u``: "that", "which", "because" ...)
    of ``text[start:end]`` begins, or None.

    Args:
        text: A normalised text.
        start: Where the stretch begins.
        end: Where it ends.
        lexicon: A case's lexicon folder whose ``clause_breaks.txt`` adds rows.

    Returns:
        The offset of the last subordinator, or None when there is none.
    """
    data = clause_words(lexicon)
    found = None
    for m in data.word_rx.finditer(text, start, end):
        if "u" in data.words[" ".join(m.group(0).lower().split())][1]:
            found = m.start()
    return found


def _fronted_break(text: str, lo: int, hi: int, data: ClauseWords) -> list[Break]:
    """The break after a fronted clause: the first comma before a subject opener."""
    if not data.fronted_rx.match(text, lo, hi):
        return []
    for m in re.finditer(r",\s+", text[lo:hi]):
        if _opens_subject(text, lo + m.end(), hi, data, capitals=False):
            return [Break(lo + m.start(), lo + m.end(), "fronted")]
    return []


def clause_breaks(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    marks: tuple[str, ...] = MARK_KINDS,
    commas: str = "before_word",
    words: str = "all",
    bare: str = "any",
    fronted: bool = False,
    conjunctions: str = "keep",
    lexicon: Path | None = None,
) -> list[Break]:
    """The stretches that separate the clauses of ``text[start:end]``.

    Args:
        text: A normalised text (offsets are into it).
        start: Where the stretch to cut begins (e.g. a sentence's start).
        end: Where it ends (default: the end of ``text``).
        marks: Punctuation kinds that cut (see module docstring).
        commas: ``"all"``, ``"before_word"`` or ``"none"``.
        words: ``"all"``, ``"strong"`` or ``"none"``: which listed words open a clause.
        bare: ``"any"``, ``"subject"`` or ``"none"``: may a ``b`` word cut with no comma.
        fronted: Also cut after a fronted subordinate clause.
        conjunctions: ``"keep"`` or ``"drop"`` a linking conjunction ("but").
        lexicon: A case's lexicon folder whose ``clause_breaks.txt`` adds rows.

    Returns:
        Breaks sorted by start; they may touch or overlap (``clause_spans`` merges them).

    Raises:
        ValueError: an unknown option value or a span outside the text.
    """
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"clause_breaks: start={start}, end={end} outside a text of {len(text)} characters")
    for name, value, allowed in (("commas", commas, _COMMAS), ("words", words, _WORDS), ("bare", bare, _BARE),
                                 ("conjunctions", conjunctions, _CONJUNCTIONS)):
        _check(name, value, allowed)
    unknown = set(marks) - set(MARK_KINDS)
    if unknown:
        raise ValueError(f"clause_breaks: marks={marks!r}; each must be one of {MARK_KINDS}")
    data = clause_words(lexicon)
    out = _mark_breaks(text, start, end, data, tuple(marks), commas, lexicon)
    if words != "none":
        out += _word_breaks(text, start, end, data, commas=commas, words=words, bare=bare, conjunctions=conjunctions)
    if fronted:
        out += _fronted_break(text, start, end, data)
    return sorted(out, key=lambda b: (b.start, b.end))


def clause_spans(text: str, *, start: int = 0, end: int | None = None, **options) -> list[tuple[int, int]]:
    """The clauses of ``text[start:end]`` as (start, end) offsets, breaks left out.

    Args:
        text: A normalised text.
        start: Where the stretch to cut begins.
        end: Where it ends (default: the end of ``text``).
        **options: The keyword options of :func:`clause_breaks`.

    Returns:
        Non-empty spans in order; with the breaks between them they tile the stretch.
    """
    end = len(text) if end is None else end
    return spans_between(clause_breaks(text, start=start, end=end, **options), start=start, end=end)


def spans_between(breaks: Iterable[Break], *, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty stretches of ``[start, end)`` outside the (merged) breaks.

    Args:
        breaks: Breaks, in any order (a measure may add its own to the splitter's).
        start: Start of the stretch.
        end: End of the stretch.

    Returns:
        (start, end) spans in order.
    """
    spans, pos = [], start
    for brk in sorted(breaks, key=lambda b: (b.start, b.end)):
        if brk.start > pos:
            spans.append((pos, brk.start))
        pos = max(pos, brk.end)
    spans.append((pos, end))
    return [(a, b) for a, b in spans if b > a]


def clause_start(text: str, pos: int, *, start: int = 0, **options) -> int:
    """Where the clause that holds ``pos`` begins: the end of the last break before it.

    Args:
        text: A normalised text.
        pos: A position in it.
        start: Where the stretch (e.g. the sentence) begins; never earlier than this.
        **options: The keyword options of :func:`clause_breaks`.

    Returns:
        An offset between ``start`` and ``pos``.
    """
    breaks = [b for b in clause_breaks(text, start=start, end=pos, **options) if b.end <= pos]
    return max([start, *(b.end for b in breaks)])
