"""Findings written from computed facts: checked claims, number words and spelling variants.

A notebook's findings are rendered by code, so that a change in the data cannot leave a
false sentence behind: each claim is passed with the condition that makes it true, and a
claim whose condition fails raises an ``AssertionError`` that names it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

import pandas as pd

from corpus_tools.extract.gazetteer import _entry_key, split_cell

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty")
_FOLD = {2: "twofold", 3: "threefold", 4: "fourfold", 5: "fivefold", 6: "sixfold", 7: "sevenfold",
         8: "eightfold", 9: "ninefold", 10: "tenfold", 20: "twentyfold", 100: "a hundredfold"}
_FOLD_TOLERANCE = 0.05


class FindingError(AssertionError):
    """A finding whose condition no longer holds on the data; the message quotes the claim."""


def claim(text: str, holds: object) -> str:
    """Return a claim's text, after checking the condition that makes it true.

    Args:
        text: The sentence as it will be printed.
        holds: The computed condition (anything with a truth value, e.g. a numpy bool).

    Returns:
        ``text`` unchanged.

    Raises:
        FindingError: ``holds`` is false; the message quotes ``text``.
    """
    if not bool(holds):
        raise FindingError(f"finding no longer holds on this corpus: {text!r}")
    return text


def findings_markdown(claims: Iterable[str | tuple[str, object]], *, heading: str | None = None) -> str:
    """A Markdown bullet list of findings, each one checked.

    Args:
        claims: Sentences worded from computed facts (``str``) or ``(text, condition)``
            pairs; every condition is checked with :func:`claim`.
        heading: An optional Markdown heading line put before the list (e.g. "## Findings").

    Returns:
        The Markdown text, one ``- `` bullet per claim.

    Raises:
        FindingError: a condition is false (naming that claim).
        TypeError: an item is neither a string nor a (text, condition) pair.
    """
    bullets = []
    for item in claims:
        if isinstance(item, str):
            bullets.append(item)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
            bullets.append(claim(*item))
        else:
            raise TypeError(f"claims: expected a str or a (text, condition) pair, got {item!r}")
    lines = [heading, ""] if heading else []
    return "\n".join(lines + [f"- {b}" for b in bullets])


def number_word(n: int, *, capital: bool = False) -> str:
    """A count as a word up to twenty ("fourteen"), in digits with thousands commas beyond.

    Args:
        n: A non-negative whole number.
        capital: Capitalise the word (to start a sentence).

    Returns:
        The word or the digits.

    Raises:
        ValueError: ``n`` is negative or not whole.
    """
    if int(n) != n or n < 0:
        raise ValueError(f"n: expected a non-negative whole number, got {n!r}")
    n = int(n)
    word = _SMALL[n] if n < len(_SMALL) else f"{n:,}"
    return word[:1].upper() + word[1:] if capital else word


def plural(n: int, singular: str, plural_form: str | None = None, *, words: bool = False) -> str:
    """A count with its noun, singular or plural ("1 piece", "14 pieces", "fourteen pieces").

    Args:
        n: The count.
        singular: The noun for one.
        plural_form: The noun for several (default: ``singular + "s"``).
        words: Write the count as a word up to twenty (:func:`number_word`).

    Returns:
        The phrase.
    """
    noun = singular if n == 1 else (plural_form or singular + "s")
    count = number_word(n) if words else f"{int(n):,}"
    return f"{count} {noun}"


def fold(ratio: float) -> str:
    """A ratio of two sizes in words: "ninefold", "more than ninefold", "less than twofold".

    Args:
        ratio: The larger size divided by the smaller (at least 1).

    Returns:
        The whole-number fold when the ratio is within 0.05 of it, "more than" the fold
        below it otherwise (never rounded up); ratios under 1.95 are "less than twofold".

    Raises:
        ValueError: ``ratio`` is below 1 or not finite.
    """
    if not math.isfinite(ratio) or ratio < 1:
        raise ValueError(f"ratio: expected a finite number of at least 1, got {ratio!r}")
    if ratio < 2 - _FOLD_TOLERANCE:
        return "less than twofold"
    whole = round(ratio)
    if abs(ratio - whole) <= _FOLD_TOLERANCE:
        return _FOLD.get(whole, f"{whole}-fold")
    below = math.floor(ratio)
    return f"more than {_FOLD.get(below, f'{below}-fold')}"


def join_words(items: Iterable[str], *, last: str = "and") -> str:
    """Join phrases as in prose: "a", "a and b", "a, b and c".

    Args:
        items: The phrases.
        last: The word before the last phrase ("and", "or").

    Returns:
        The joined text ("" for no phrase).
    """
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def spelling_variants(mentions: pd.DataFrame, gazetteer: pd.DataFrame, *, how: tuple[str, ...] = ("name", "alias")) -> pd.DataFrame:
    """Each surface form of each actor, and whether it contains a form the gazetteer lists.

    A surface form is *listed* when one of the actor's names or aliases occurs in it as
    whole words, compared as the gazetteer compares its entries (case, the article
    al-/el-, apostrophes, hyphens and the ``=`` marker ignored): "Mr. Kadhimi" and
    "Al-Kadhimi" contain the listed "Kadhimi", "Khadimi" does not. Forms that are not
    listed were found by the matching rules (transliteration, acronym, proxy phrase).

    Args:
        mentions: The table from :func:`corpus_tools.find_mentions`.
        gazetteer: The case's gazetteer (``case.gazetteer``).
        how: Which kinds of mention are spellings (default: names and aliases).

    Returns:
        DataFrame with actor, surface, count, listed (bool), sorted by actor, then
        descending count, then surface.

    Raises:
        ValueError: a mention's actor is not in the gazetteer.
    """
    entries = {}
    for row in gazetteer.itertuples():
        keys = [_entry_key(e) for e in split_cell(str(row.names or "")) + split_cell(str(row.aliases or ""))]
        entries[row.id] = [re.compile(rf"(?<!\S){re.escape(k)}(?!\S)") for k in keys if k]
    found = mentions[mentions["how"].isin(how)]
    unknown = sorted(set(found["actor"]) - set(entries))
    if unknown:
        raise ValueError(f"mentions: actor(s) {unknown} not in the gazetteer")
    counts = found.groupby(["actor", "surface"]).size().rename("count").reset_index()
    counts["listed"] = [any(p.search(_entry_key(s)) for p in entries[a]) for a, s in zip(counts["actor"], counts["surface"])]
    counts = counts.sort_values(["actor", "count", "surface"], ascending=[True, False, True])
    return counts.reset_index(drop=True)


def outlet_label(units: pd.DataFrame, outlet: str, *, unstated: tuple[str, ...] = ("", "(not stated)")) -> str:
    """An outlet as prose names it; an outlet the metadata leaves unstated is named by its units.

    Args:
        units: The units table (unit_id, outlet).
        outlet: A value of ``units.outlet``.
        unstated: Values that mean the outlet is not known.

    Returns:
        ``outlet`` itself, or e.g. "the unstated outlet of `003-brief`".

    Raises:
        ValueError: no unit has this outlet.
    """
    ids = units.loc[units["outlet"] == outlet, "unit_id"].tolist()
    if not ids:
        raise ValueError(f"outlet: no unit has outlet {outlet!r}")
    return f"the unstated outlet of {join_words(f'`{u}`' for u in ids)}" if outlet in unstated else outlet
