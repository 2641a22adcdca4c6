"""Word clusters for the target model: a small table, word -> cluster number, read offline.

The tables (``lexicon/models/word_clusters_<K>.tsv.gz``, one ``word<TAB>cluster`` line per
word) were derived from the sentence-embedding model all-MiniLM-L6-v2 by
``dev/word_clusters/build.py``: the whole words of the model's own vocabulary, each
embedded alone and grouped by k-means into K clusters. No labelled data went into them,
and nothing here needs the embedding model: the features only look words up.
Keys are lowercase, unstemmed words of ASCII letters.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = ["centroid_table", "cluster_table", "word_cluster"]

_MODELS = "lexicon/models"


def _table_path(k: int) -> Path:
    """Path of the packaged table with ``k`` clusters."""
    return Path(str(files("corpus_tools").joinpath(f"{_MODELS}/word_clusters_{k}.tsv.gz")))


@cache
def cluster_table(k: int, path: Path | None = None) -> dict[str, int]:
    """The word -> cluster table with ``k`` clusters.

    Args:
        k: number of clusters (a table ``word_clusters_<k>.tsv.gz`` must be packaged).
        path: read this file instead of the packaged one.

    Returns:
        Lowercase word -> cluster number in [0, k).

    Raises:
        ValueError: no such table, or a line that is not ``word<TAB>number`` below ``k``
            (naming the file and line).
    """
    source = path or _table_path(k)
    if not source.is_file():
        raise ValueError(f"cluster_table: no table with k={k} ({source} does not exist)")
    table: dict[str, int] = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            word, sep, number = line.rstrip("\n").partition("\t")
            if not sep or not word or not number.isdigit() or int(number) >= k:
                raise ValueError(f"{source}:{lineno}: expected 'word<TAB>cluster below {k}', got {line.rstrip()!r}")
            table[word] = int(number)
    return table


def word_cluster(word: str, k: int) -> int | None:
    """Cluster number of a word (looked up lowercased), or None if the table lacks it.

    Args:
        word: the word, any case, unstemmed.
        k: number of clusters of the table to use.
    """
    return cluster_table(k).get(word.lower())


@cache
def centroid_table(k: int, path: Path | None = None) -> dict[int, tuple[float, ...]]:
    """The reduced centroid vectors of the ``k`` clusters (``word_centroids_<k>.tsv.gz``).

    Args:
        k: number of clusters.
        path: read this file instead of the packaged one.

    Returns:
        Cluster number -> its centroid, PCA-reduced and scaled into [-1, 1].

    Raises:
        ValueError: no such table, a bad line (naming file and line), or vectors of
            unequal length.
    """
    source = path or Path(str(files("corpus_tools").joinpath(f"{_MODELS}/word_centroids_{k}.tsv.gz")))
    if not source.is_file():
        raise ValueError(f"centroid_table: no table with k={k} ({source} does not exist)")
    table: dict[int, tuple[float, ...]] = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            number, sep, values = line.rstrip("\n").partition("\t")
            try:
                vector = tuple(float(v) for v in values.split())
                if not sep or not number.isdigit() or int(number) >= k or not vector:
                    raise ValueError("bad line")
            except ValueError:
                raise ValueError(f"{source}:{lineno}: expected 'cluster<TAB>v1 v2 ...', got {line.rstrip()!r}") from None
            table[int(number)] = vector
    if len({len(v) for v in table.values()}) > 1:
        raise ValueError(f"{source}: centroid vectors of unequal length")
    return table
