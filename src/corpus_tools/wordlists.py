"""The package's documented word and cue lists (``src/corpus_tools/resources/``)."""

from __future__ import annotations

from importlib import resources


def read_word_list(name: str) -> list[str]:
    """Read a packaged list: one entry per line, ``#`` comment lines and blanks skipped.

    Args:
        name: File name under ``corpus_tools/resources``, e.g. ``"stopwords.txt"``.

    Returns:
        The entries, stripped, in file order.
    """
    text = resources.files("corpus_tools.resources").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
