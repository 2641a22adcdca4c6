"""Checks at the door of every public function: say what is wrong with an argument.

A units table, a text and a span are checked before any work starts, so a mistake is
reported in terms of the caller's arguments (which column, which id, which type), not
as a ``KeyError`` deep inside a measure.
"""

from __future__ import annotations

import numbers

import pandas as pd


def check_units(units: object, *, function: str, columns: tuple[str, ...] = ("unit_id", "text")) -> pd.DataFrame:
    """Return ``units`` if it is a usable units table, else raise naming the problem.

    Args:
        units: What the caller passed as ``units``.
        function: The public function's name, for the message.
        columns: The columns it needs.

    Returns:
        ``units`` unchanged.

    Raises:
        TypeError: not a DataFrame, or a ``text`` that is not a string.
        ValueError: a missing column, a missing or duplicate ``unit_id``.
    """
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"{function}: units must be a pandas DataFrame (see corpus_tools.load_corpus), not {type(units).__name__}")
    missing = [c for c in columns if c not in units.columns]
    if missing:
        raise ValueError(f"{function}: units has no column(s) {missing}; it has {list(units.columns)}")
    ids = units["unit_id"]
    if ids.isna().any():
        raise ValueError(f"{function}: units has a missing unit_id in row(s) {list(units.index[ids.isna()])[:5]}")
    bad_id = [i for i in ids if not isinstance(i, str) or not i]
    if bad_id:
        raise TypeError(f"{function}: unit_id must be a non-empty string, not {bad_id[0]!r}")
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise ValueError(f"{function}: unit_id must be unique; repeated: {duplicated[:5]}")
    if "text" in columns:
        for unit_id, text in zip(ids, units["text"]):
            if not isinstance(text, str):
                raise TypeError(f"{function}: the text of unit {unit_id!r} must be a string, not {type(text).__name__} ({text!r:.40})")
    return units


def check_text_span(text: object, span: object, *, function: str) -> tuple[str, int, int]:
    """Return (text, start, end) if ``span`` is a non-empty span of the string ``text``.

    Raises:
        TypeError: text not a string, span not a pair of integers.
        ValueError: a span that is empty, blank or outside the text.
    """
    if not isinstance(text, str):
        raise TypeError(f"{function}: text must be a str, not {type(text).__name__}")
    pair = isinstance(span, tuple) and len(span) == 2
    if not pair or not all(isinstance(x, numbers.Integral) and not isinstance(x, bool) for x in span):
        raise TypeError(f"{function}: span must be a (start, end) tuple of two ints, not {span!r}")
    start, end = int(span[0]), int(span[1])
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{function}: span {span!r} is empty or outside the text (length {len(text)})")
    if not text[start:end].strip():
        raise ValueError(f"{function}: span {span!r} covers only whitespace")
    return text, start, end
