"""Offline sentence and word tokenizing with character offsets into the unit text.

Punkt is built from the package's own abbreviation list (no downloaded model), and
words come from NLTK's ``NLTKWordTokenizer.span_tokenize``, which needs no data.
Both run on normalised text (curly quotes straightened one for one), so the offsets
they give are valid on the raw text: ``text[start:end]`` is always the evidence.
Sentences never cross a paragraph break (a blank line), so headings stay sentences
of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pandas as pd
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from corpus_tools.io.lexicon import read_word_list
from corpus_tools.io.validate import check_units
from corpus_tools.text.normalize import normalize_text

SENTENCE_COLUMNS = ["unit_id", "sent_id", "start", "end", "text"]
TOKEN_COLUMNS = ["unit_id", "sent_id", "tok_id", "start", "end", "token"]
_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n[^\S\n]*\n|\s*\Z)", re.DOTALL)
_WORD = re.compile(r"\w")


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Return a Punkt sentence tokenizer built from the packaged abbreviation list."""
    params = PunktParameters()
    params.abbrev_types = set(read_word_list("abbreviations.txt"))
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def word_tokenizer() -> NLTKWordTokenizer:
    """Return NLTK's default (Treebank-style) word tokenizer; it needs no data."""
    return NLTKWordTokenizer()


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each paragraph: text between blank lines, trimmed."""
    for match in _PARAGRAPH.finditer(text):
        yield match.span()


def span_sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in ``text``; sentences never cross paragraphs.

    Args:
        text: Raw text (curly or straight quotes alike).

    Returns:
        Character offsets into ``text``.
    """
    yield from _sentence_spans(text) if isinstance(text, str) else _split(text)


RECENT_SPLITS = 64  # texts whose sentence spans are kept (a sentence is split again for each mention in it)


def _split(text: str) -> tuple[tuple[int, int], ...]:
    """The sentence spans of a text, split afresh (whole units are split once: no cache)."""
    norm = normalize_text(text)
    punkt = sentence_tokenizer()
    return tuple(
        (p_start + s_start, p_start + s_end)
        for p_start, p_end in paragraph_spans(norm)
        for s_start, s_end in punkt.span_tokenize(norm[p_start:p_end])
    )


_sentence_spans = lru_cache(maxsize=RECENT_SPLITS)(_split)


def span_words(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each word token of one sentence (Treebank conventions).

    Falls back to whitespace-and-punctuation splitting on the rare input that NLTK's
    span alignment cannot handle, so no text is ever lost.
    """
    norm = normalize_text(text)
    try:
        yield from list(word_tokenizer().span_tokenize(norm))
    except ValueError:
        for match in re.finditer(r"\w+(?:['\u2019]\w+)*|[^\w\s]", norm):
            yield match.span()


def sentences(units: pd.DataFrame) -> pd.DataFrame:
    """Split every unit into sentences.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).

    Returns:
        DataFrame with unit_id, sent_id (0-based within the unit), start, end, text.
    """
    check_units(units, function="sentences")
    rows = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        for sent_id, (start, end) in enumerate(_split(text)):
            rows.append((unit_id, sent_id, start, end, text[start:end]))
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def tokens(units: pd.DataFrame, *, sentence_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Split every unit into word tokens, keyed by sentence.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        sentence_table: The result of :func:`sentences` for the same units, if you have
            it already; it saves splitting the sentences a second time.

    Returns:
        DataFrame with unit_id, sent_id, tok_id (0-based within the unit), start, end,
        token (the raw slice ``text[start:end]``).
    """
    check_units(units, function="tokens")
    spans = _sentence_spans_by_unit(units, sentence_table)
    rows = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        tok_id = 0
        for sent_id, (s_start, s_end) in enumerate(spans[unit_id]):
            for start, end in span_words(text[s_start:s_end]):
                rows.append((unit_id, sent_id, tok_id, s_start + start, s_start + end, text[s_start + start : s_start + end]))
                tok_id += 1
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def _sentence_spans_by_unit(units: pd.DataFrame, sentence_table: pd.DataFrame | None) -> dict[str, list[tuple[int, int]]]:
    """Sentence spans per unit: from the given table, or split afresh."""
    if sentence_table is None:
        return {uid: list(_split(text)) for uid, text in zip(units["unit_id"], units["text"])}
    spans: dict[str, list[tuple[int, int]]] = {uid: [] for uid in units["unit_id"]}
    for uid, sent_id, start, end in zip(*(sentence_table[c] for c in ("unit_id", "sent_id", "start", "end"))):
        if sent_id != len(spans[uid]):
            raise ValueError(f"sentence_table: unit {uid!r} sentence {sent_id} is out of order; pass sentences(units)")
        spans[uid].append((start, end))
    return spans


def is_word(token: str) -> bool:
    """True for a token holding a letter or digit (not bare punctuation)."""
    return bool(_WORD.search(token))
