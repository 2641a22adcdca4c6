"""Outside judgements of a corpus: the hand codings and summaries its measures are checked against.

A corpus folder may hold files of judgements made outside this package (a hand coding of
blame, editors' headlines coded for stance, pronouns checked by a reader) in a
``checks/`` subfolder, or beside ``metadata.csv``. The notebooks run a check only when
its file exists for the corpus they are given, and say so when it does not.

The bundled corpus keeps its judgements with the tests (``tests/data/``), where the tests
read them too; :func:`find_check` finds them there for that corpus only.
"""

from __future__ import annotations

import os
from pathlib import Path

from corpus_tools.io.corpus import find_corpus_dir

CHECKS_DIR = "checks"
_REPOSITORY = Path(__file__).resolve().parents[3]
BUNDLED_CORPUS = _REPOSITORY / "corpus"
BUNDLED_CHECKS = _REPOSITORY / "tests" / "data"


def is_bundled_corpus(corpus: str | os.PathLike | None) -> bool:
    """True when ``corpus`` (None: the nearest ``corpus/`` above the CWD) is the project's own corpus.

    Args:
        corpus: A corpus folder, or None.

    Returns:
        Whether it resolves to the repository's ``corpus/`` folder.
    """
    return find_corpus_dir(corpus).resolve() == BUNDLED_CORPUS.resolve()


def find_check(corpus: str | os.PathLike | None, name: str, *, given: str | os.PathLike | None = None) -> Path | None:
    """The file of outside judgements ``name`` for a corpus, or None when it has none.

    Args:
        corpus: The corpus folder (None: the nearest ``corpus/`` above the CWD).
        name: The file name, e.g. ``"blame_gold.csv"``.
        given: A path chosen by the user; it wins, and must exist.

    Returns:
        ``given``; else ``CORPUS/checks/NAME``; else ``CORPUS/NAME``; else, for the bundled
        corpus only, ``tests/data/NAME``; else None.

    Raises:
        FileNotFoundError: ``given`` is set but is not a file.
    """
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise FileNotFoundError(f"check file {path} (argument given) not found")
        return path
    folder = find_corpus_dir(corpus)
    for candidate in (folder / CHECKS_DIR / name, folder / name):
        if candidate.is_file():
            return candidate
    bundled = BUNDLED_CHECKS / name
    if is_bundled_corpus(folder) and bundled.is_file():
        return bundled
    return None


def skipped(check: str, name: str, corpus: str | os.PathLike | None) -> str:
    """The sentence a notebook prints for a check it cannot run on this corpus.

    Args:
        check: What the check is, e.g. ``"The check against the hand coding of blame"``.
        name: The file it needs.
        corpus: The corpus folder.

    Returns:
        A sentence naming the check, the file and where it was looked for.
    """
    folder = find_corpus_dir(corpus)
    return (f"{check} was skipped: it needs {name}, and the corpus {folder} has none "
            f"(looked for {CHECKS_DIR}/{name} and {name} in the corpus folder).")
