"""Text normalisation that keeps one character for one character.

Offsets computed on normalised text are valid on the original text, so evidence can
always be cut from the raw unit text.
"""

from __future__ import annotations

_ONE_FOR_ONE = str.maketrans({
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (also the curly apostrophe)
    "\u201a": "'",  # single low-9 quotation mark
    "\u201b": "'",  # single high-reversed-9 quotation mark
    "\u2032": "'",  # prime
    "\u00b4": "'",  # acute accent used as an apostrophe
    "\u02bc": "'",  # modifier letter apostrophe
    "\u02bb": "'",  # modifier letter turned comma (transliterated ayn)
    "\u02bf": "'",  # modifier letter left half ring (ayn)
    "\u02be": "'",  # modifier letter right half ring (hamza)
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u201e": '"',  # double low-9 quotation mark
    "\u2033": '"',  # double prime
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
})


def normalize_text(text: str) -> str:
    """Straighten curly quotes and apostrophes and turn odd spaces into plain ones.

    Args:
        text: Any string.

    Returns:
        A string of the same length in which every character keeps its position.
    """
    return text.translate(_ONE_FOR_ONE)


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word-list literal, as a frozenset."""
    return frozenset(text.split())
