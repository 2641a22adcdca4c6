"""Cue lists of the stance measure and the finders of cues in a sentence.

The rule data live in ``lexicon/stance_*.txt`` (documented there); this module compiles
them (:func:`compile_pattern`) and finds, in one sentence of a normalised text, the
prescriptive cues (:func:`find_triggers`, :func:`find_imperatives`) and the dimension
cues (:func:`find_hits`) that :mod:`corpus_tools.measure.stance` combines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corpus_tools.io.case import Case
from corpus_tools.io.lexicon import (
    NEGATOR_KINDS,
    LexiconError,
    compile_pattern,
    negators,
    read_rows,
    read_tab_rows,
    read_word_list,
)
from corpus_tools.text.anchors import AnchorIndex, fold
from corpus_tools.text.clauses import clause_start

__all__ = [
    "NEGATION_WINDOW",
    "ROLES",
    "STANCE_CLAUSES",
    "Cue",
    "Hit",
    "Trigger",
    "compile_pattern",
    "find_hits",
    "find_imperatives",
    "find_triggers",
    "is_negated",
    "load_cues",
    "question_cues",
    "stance_clause_start",
]

# The three dimensions by role; their names in the output come from the case
# (confrontation, the target's dimension, the response's dimension).
ROLES: tuple[str, ...] = ("confrontation", "target", "response")
NEGATION_WINDOW = 3  # words before a cue in which a negator flips it
# Stance cuts at every comma and bracket: a negator or a subject never reaches past one.
STANCE_CLAUSES = {"marks": ("stop", "dash", "bracket"), "commas": "all", "words": "none"}
_OBJECT_STARTS = frozenset("the a an him her them it their his its these those all any every".split())
CUE_FLAGS = frozenset("TGXPSO")  # documented in the cue files
_GERUND_NEXT = re.compile(r"\s+\w+ing\b", re.IGNORECASE)
_DEONTIC = frozenset({"should", "must", "ought", "need", "needs"})
QUESTION_KINDS = frozenset({"rhetorical", "impatience", "doubting"})
MODALITY_KINDS = frozenset({"modal", "frame", "endorse", "disendorse", "call", "commit", "inaction", "criticise", "cancel",
                            "epistemic"}) | QUESTION_KINDS
_NOT_SUBJECT_START = frozenset(
    "the a an this that these those he she they we it i you his her their its our".split()
)


# --------------------------------------------------------------------------- cue files


@dataclass(frozen=True)
class Cue:
    """One cue of a stance cue list."""

    dimension: str
    direction: int
    pattern: str
    regex: re.Pattern[str]
    flags: frozenset[str]


@dataclass(frozen=True)
class Trigger:
    """One prescriptive cue found in a text."""

    start: int
    end: int
    kind: str
    negated: bool
    surface: str


@dataclass(frozen=True)
class Hit:
    """One stance cue found in a text."""

    start: int
    end: int
    cue: Cue
    surface: str


@cache
def load_cues(lexicon: Path | None = None) -> tuple[Cue, ...]:
    """Read the three dimension cue lists (``lexicon/stance_<role>.txt``).

    Args:
        lexicon: A case's lexicon folder: rows of files of the same names there are added.

    Returns:
        Every cue of every dimension (``Cue.dimension`` is the role).

    Raises:
        LexiconError: naming the file and line of a malformed entry.
    """
    cues = []
    for dimension in ROLES:
        for row in read_rows(f"stance_{dimension}.txt", extra=lexicon):
            fields = row.fields
            flags = frozenset(fields[2]) if len(fields) > 2 else frozenset()
            if flags - CUE_FLAGS:
                raise LexiconError(row.file, f"unknown flag(s) {sorted(flags - CUE_FLAGS)}; expected some of {sorted(CUE_FLAGS)}",
                                   line=row.line)
            cues.append(Cue(dimension, int(fields[0]), fields[1], compile_pattern(fields[1]), flags))
    return tuple(cues)


@cache
def modality_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The prescriptive cues of ``stance_modality.txt`` (kind, regex), questions and
    epistemic verbs apart."""
    rows = read_tab_rows("stance_modality.txt")
    for line, fields in enumerate(rows, start=1):
        if len(fields) != 2 or fields[0] not in MODALITY_KINDS:
            raise ValueError(f"stance_modality.txt: entry {line} ({fields!r}) is not kind<TAB>pattern "
                             f"with kind in {sorted(MODALITY_KINDS)}")
    return tuple((kind, compile_pattern(p)) for kind, p in rows if kind not in QUESTION_KINDS | {"epistemic"})


@cache
def question_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The question openers of ``stance_modality.txt`` (kind, regex anchored at the opening)."""
    rows = read_tab_rows("stance_modality.txt")
    return tuple((kind, re.compile(r"[\W_]*(?:(?:but|and|so|then)\s+)?" + compile_pattern(p).pattern, re.IGNORECASE))
                 for kind, p in rows if kind in QUESTION_KINDS)


@cache
def epistemic_verbs() -> frozenset[str]:
    """The verbs that make a following should/must epistemic."""
    return frozenset(p.lower() for kind, p in read_tab_rows("stance_modality.txt") if kind == "epistemic")


@cache
def negation_cues(*, lexicon: Path | None = None) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """The shared negators (``negators.txt``, every kind) and the compiled denial frames
    of ``stance_negation.txt`` (``lexicon``: a case's folder adding rows to both)."""
    rows = read_tab_rows("stance_negation.txt", extra=lexicon)
    return (
        negators(NEGATOR_KINDS, lexicon=lexicon),
        tuple(compile_pattern(p) for kind, p in rows if kind == "denial"),
    )


@cache
def target_patterns() -> tuple[re.Pattern[str], ...]:
    """The compiled patterns of ``stance_targets.txt`` (perpetrators, the attack)."""
    return tuple(compile_pattern(p) for p in read_word_list("stance_targets.txt"))


@cache
def agent_patterns(case: Case) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(group, label, regex) of ``stance_agents.txt`` plus the case's own file of that name."""
    rows = read_tab_rows("stance_agents.txt", extra=case.lexicon)
    compiled = []
    for group, label, pattern in rows:
        regex = compile_pattern(pattern)
        if pattern != pattern.lower():  # capitalised names ("Europe", "the West") stay capitalised
            regex = re.compile(regex.pattern)
        compiled.append((group, label, regex))
    return tuple(compiled)


# --------------------------------------------------------------------------- finding cues


def stance_clause_start(ntext: str, s: int, pos: int) -> int:
    """Start of the clause that holds ``pos`` (the shared splitter, stance granularity).

    Args:
        ntext: The normalised text.
        s: The sentence's (or stretch's) start; never earlier than this.
        pos: A position in the sentence.

    Returns:
        The end of the last clause break between ``s`` and ``pos``, else ``s``.
    """
    return clause_start(ntext, pos, start=s, **STANCE_CLAUSES)


def words_before(ntext: str, lo: int, pos: int, n: int) -> list[str]:
    """Up to ``n`` words right before ``pos`` (not before ``lo``), stopping at punctuation."""
    stretch = ntext[stance_clause_start(ntext, lo, pos):pos]
    return [w.lower() for w in re.findall(r"[\w']+", stretch)][-n:]


def is_negated(ntext: str, lo: int, pos: int, *, lexicon: Path | None = None) -> bool:
    """True if a negator (``negators.txt``) stands within NEGATION_WINDOW words before
    ``pos`` (after ``lo``), or a correlative ("neither ... nor") anywhere in its clause
    before it ("neither the embassy nor the ministry lifted a finger").

    Args:
        ntext: The normalised text.
        lo: Where the search may begin (the sentence or the trigger's end).
        pos: The cue's start.
        lexicon: A case's lexicon folder whose ``negators.txt`` adds negators.

    Returns:
        Whether the cue is negated.
    """
    words, _ = negation_cues(lexicon=lexicon)
    if any(w in words or w.endswith("n't") for w in words_before(ntext, lo, pos, NEGATION_WINDOW)):
        return True
    correlatives = negators(("correlative",), lexicon=lexicon)
    return any(w in correlatives for w in words_before(ntext, lo, pos, 50))


def modal_is_prescriptive(ntext: str, match: re.Match[str], s: int) -> bool:
    """False for epistemic and conditional uses of should/must."""
    word = match.group(0).lower()
    after = ntext[match.end():match.end() + 40]
    neg = modal_negation().match(after)
    nxt = re.match(r"\s+([\w']+)(?:\s+([\w']+))?", after[neg.end():] if neg else after)
    if word in ("should", "must"):
        if neg is None and nxt is None:
            return False
        if nxt:
            first, second = nxt.group(1), (nxt.group(2) or "")
            if first.lower() in epistemic_verbs():
                return False
            if word == "must" and (first.lower() == "have" or (first.lower() == "be" and second.lower().endswith("ing"))):
                return False
            if word == "should" and (first.lower() in _NOT_SUBJECT_START - {"not"} or (first[:1].isupper() and first != "I")):
                return False
    return True


@cache
def modal_negation() -> re.Pattern[str]:
    """A negator of kind ``negator`` (``negators.txt``) right after a modal: "should not",
    "must never", "shouldn't" (matched at the modal's end)."""
    words = sorted(negators(("negator",)) - {"n't"}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?:n't|\s+(?:{alts}))(?![\w'-])", re.IGNORECASE)


def negatable(kind: str, surface: str) -> bool:
    """True for a modal that "not" right after negates ("should not"), not "can help by not"."""
    return kind == "modal" and not surface.lower().endswith(" by")


def _question(ntext: str, s: int, e: int) -> Trigger | None:
    """For a sentence that asks a question: a question trigger (rhetorical, impatience,
    doubting; ``negated`` if the question holds a negation), or an ``open`` one that
    prescribes nothing. None if the sentence is not a question."""
    if not re.search(r"\?[\W_]*$", ntext[s:e]):
        return None
    for kind, regex in question_cues():
        m = regex.match(ntext, s, e)
        if m:
            words = [w.lower() for w in re.findall(r"[\w']+", ntext[m.end():e])]
            negative, _ = negation_cues()
            negated = any(w in negative or w.endswith("n't") for w in words)  # "why has nobody been charged?"
            if kind == "rhetorical" and not negated and not _DEONTIC.intersection(words):
                break  # "why would he do it?" doubts a claim, it prescribes nothing
            return Trigger(s, s, kind, negated, ntext[m.start():m.end()].strip(" \"'\u201c"))
    return Trigger(s, s, "open", False, "")


@cache
def _modality_index() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], AnchorIndex]:
    """The prescriptive cues and the anchor words that let a sentence skip most of them."""
    cues = modality_cues()
    return cues, AnchorIndex([regex for _, regex in cues])


@cache
def _cue_index(lexicon: Path | None) -> tuple[tuple[Cue, ...], AnchorIndex]:
    """The dimension cues and the anchor words that let a sentence skip most of them."""
    cues = load_cues(lexicon)
    return cues, AnchorIndex([cue.regex for cue in cues])


def find_triggers(ntext: str, s: int, e: int) -> list[Trigger]:
    """Prescriptive cues in the sentence [s, e), longest first where they overlap.

    A question is prescriptive only as a whole (one trigger at its start, see
    ``stance_modality.txt``); an open question has none.
    """
    question = _question(ntext, s, e)
    if question is not None:
        return [] if question.kind == "open" else [question]
    found = []
    cues, index = _modality_index()
    for kind, regex in (cues[k] for k in index.candidates(fold(ntext[s:e]))):
        for m in regex.finditer(ntext, s, e):
            if kind == "modal" and not modal_is_prescriptive(ntext, m, s):
                continue
            neg = modal_negation().match(ntext, m.end(), e) if negatable(kind, m.group(0)) else None
            end = neg.end() if neg else m.end()
            found.append(Trigger(m.start(), end, kind, bool(neg), ntext[m.start():end]))
    return longest(found)


def longest(items: list) -> list:
    """Drop items overlapping a longer (then earlier) one; return the rest by start."""
    kept: list = []
    for item in sorted(items, key=lambda t: (-(t.end - t.start), t.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda t: t.start)


def find_hits(ntext: str, s: int, e: int, *, lexicon: Path | None = None) -> list[Hit]:
    """Stance cues in the sentence [s, e); within a dimension the longer cue wins.

    Args:
        ntext: The normalised text.
        s, e: The sentence.
        lexicon: A case's lexicon folder (its ``stance_<role>.txt`` rows are added).

    Returns:
        The cues found, by dimension then start.
    """
    hits = []
    cues, index = _cue_index(lexicon)
    present = [cues[k] for k in index.candidates(fold(ntext[s:e]))]  # the cues whose anchor words occur
    for dimension in ROLES:
        found = [Hit(m.start(), m.end(), cue, ntext[m.start():m.end()])
                 for cue in present if cue.dimension == dimension
                 for m in cue.regex.finditer(ntext, s, e)
                 if "G" not in cue.flags or not _GERUND_NEXT.match(ntext, m.end(), e)]
        hits += longest(found)
    return hits


def find_imperatives(ntext: str, s: int, e: int, hits: Sequence[Hit]) -> list[Trigger]:
    """Clauses opening with a bare confrontation verb: "..., target him"."""
    out = []
    for hit in hits:
        if hit.cue.dimension != "confrontation" or not hit.cue.pattern.split()[0].split("|")[0].isalpha():
            continue
        before = ntext[s:hit.start]
        at_start = not before.strip()
        after_condition = re.search(r"[;:]\s*$", before) or (
            re.search(r",\s*$", before) and re.match(r"\s*(?:if|when|once|unless)\b", before, re.IGNORECASE)
        )
        base = hit.surface.split()[0].lower() == hit.cue.pattern.split()[0].split("|")[0]
        nxt = re.match(r"\s+([\w']+)", ntext[hit.end:e]) if len(hit.surface.split()) == 1 else None
        takes_object = len(hit.surface.split()) > 1 or (nxt is not None and (
            nxt.group(1).lower() in _OBJECT_STARTS or nxt.group(1)[:1].isupper()))
        if (at_start or after_condition) and base and takes_object:
            out.append(Trigger(hit.start, hit.start, "imperative", False, ""))
    return out
