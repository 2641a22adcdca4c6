"""Evidence views: any table of spans turned back into the sentences behind it."""

from __future__ import annotations

import pandas as pd

MARK_OPEN, MARK_CLOSE = "[[", "]]"


def mark_span(text: str, start: int, end: int, *, within: tuple[int, int] | None = None) -> str:
    """Return ``text`` (or the slice ``within``) with ``text[start:end]`` wrapped in [[ ]].

    Args:
        text: The unit text.
        start, end: The span to mark.
        within: The (start, end) of the context to return, e.g. the sentence.
    """
    lo, hi = within if within is not None else (0, len(text))
    return text[lo:start] + MARK_OPEN + text[start:end] + MARK_CLOSE + text[end:hi]


def with_sentences(rows: pd.DataFrame, units: pd.DataFrame, sentence_table: pd.DataFrame) -> pd.DataFrame:
    """Add the sentence each row's span sits in, with the span marked.

    Args:
        rows: Any table with unit_id, sent_id, start, end (mentions, claims, scores).
        units: The units table (for the text).
        sentence_table: :func:`corpus_tools.sentences` of the same units.

    Returns:
        ``rows`` with an added ``sentence`` column, e.g. "... at [[Kadhimi]]'s residence".
    """
    texts = units.set_index("unit_id")["text"]
    spans = sentence_table.set_index(["unit_id", "sent_id"])[["start", "end"]]
    marked = []
    for row in rows.itertuples():
        s_start, s_end = spans.loc[(row.unit_id, row.sent_id)]
        marked.append(mark_span(texts[row.unit_id], row.start, row.end, within=(s_start, s_end)))
    return rows.assign(sentence=marked)
