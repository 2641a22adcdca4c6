"""The package's documented word and cue lists (``src/corpus_tools/lexicon/``)."""

from __future__ import annotations

from importlib import resources


def read_word_list(name: str) -> list[str]:
    """Read a packaged list: one entry per line, ``#`` comment lines and blanks skipped.

    Args:
        name: File name under ``corpus_tools/lexicon``, e.g. ``"stopwords.txt"``.

    Returns:
        The entries, stripped, in file order.
    """
    text = resources.files("corpus_tools.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def read_tab_rows(name: str) -> list[list[str]]:
    """Read a packaged list whose entries are tab-separated fields (``form<TAB>tag``).

    Returns:
        One list of fields per entry, comments and blanks skipped as in :func:`read_word_list`.
    """
    return [line.split("\t") for line in read_word_list(name)]
