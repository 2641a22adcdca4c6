"""The development set's article list and texts, read and checked in one place.

The scoring scripts (``score_blame.py``, ``score_stance.py``) read the excerpts with
:func:`load_texts`: ``$DEVSET_TEXTS/<doc_id>.txt`` (default ``/work/devset_texts``), each
checked against the sha256 recorded in ``articles.csv``. The texts themselves are never
in the repository.
"""

from __future__ import annotations

import csv
import hashlib
import os
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_TEXTS = "/work/devset_texts"


class DevsetError(RuntimeError):
    """A development-set text is missing, not UTF-8, or differs from the one recorded in articles.csv."""


def texts_dir() -> Path:
    """The folder of the development-set texts: ``$DEVSET_TEXTS``, else the default."""
    return Path(os.environ.get("DEVSET_TEXTS", DEFAULT_TEXTS))


def read_articles(path: Path = HERE / "articles.csv") -> pd.DataFrame:
    """The development set's article list (doc_id, event, sha256, ...), every field a string.

    Args:
        path: ``articles.csv``.

    Returns:
        One row per excerpt, in file order.
    """
    with path.open(encoding="utf-8", newline="") as fh:
        return pd.DataFrame(list(csv.DictReader(fh)))


def load_texts(articles: pd.DataFrame, *, texts_dir: Path, event: str | None = None) -> pd.DataFrame:
    """A units table (unit_id, text) of the excerpts, each checked against its sha256.

    Args:
        articles: :func:`read_articles` (needs doc_id and sha256; event if ``event`` is given).
        texts_dir: The folder holding ``<doc_id>.txt``.
        event: Only the excerpts of this event (default: all).

    Returns:
        unit_id (= doc_id) and text, in ``articles`` order.

    Raises:
        DevsetError: naming the file that is missing, not UTF-8 or not the recorded text.
    """
    if event is not None:
        articles = articles[articles["event"] == event]
    rows = []
    for doc_id, digest in zip(articles["doc_id"], articles["sha256"]):
        path = texts_dir / f"{doc_id}.txt"
        if not path.is_file():
            raise DevsetError(f"{path}: missing (set DEVSET_TEXTS to the folder of the development-set texts)")
        data = path.read_bytes()
        found = hashlib.sha256(data).hexdigest()
        if found != digest:
            raise DevsetError(f"{path}: sha256 {found} differs from {digest} recorded in {HERE / 'articles.csv'}")
        try:
            rows.append({"unit_id": doc_id, "text": data.decode("utf-8")})
        except UnicodeDecodeError as err:
            raise DevsetError(f"{path}: not UTF-8 ({err})") from None
    return pd.DataFrame(rows, columns=["unit_id", "text"])
