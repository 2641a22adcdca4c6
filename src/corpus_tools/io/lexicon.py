"""The package's documented word and cue lists (``src/corpus_tools/lexicon/``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def read_word_list(name: str) -> list[str]:
    """Read a packaged list: one entry per line, ``#`` comment lines and blanks skipped.

    Args:
        name: File name under ``corpus_tools/lexicon``, e.g. ``"stopwords.txt"``.

    Returns:
        The entries, stripped, in file order.
    """
    text = resources.files("corpus_tools.lexicon").joinpath(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def read_tab_rows(name: str, *, extra: Path | None = None) -> list[list[str]]:
    """Read a packaged list whose entries are tab-separated fields (``form<TAB>tag``).

    Args:
        name: File name under ``corpus_tools/lexicon``.
        extra: A case's own lexicon folder: rows of a file of the same name there are
            added after the package's.

    Returns:
        One list of fields per entry, comments and blanks skipped as in :func:`read_word_list`.
    """
    lines = read_word_list(name)
    if extra is not None and (extra / name).is_file():
        text = (extra / name).read_text(encoding="utf-8")
        lines += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [line.split("\t") for line in lines]
