"""Word clusters and induced valences for the target model: small tables, read offline.

The tables (``lexicon/models/word_clusters_<K>.tsv.gz``, one ``word<TAB>cluster`` line per
word, and ``word_centroids_<K>.tsv.gz``, the clusters' reduced centroids) were derived from
the sentence-embedding model all-MiniLM-L6-v2 by ``dev/word_clusters/build.py``: the whole
words of the model's own vocabulary, each embedded alone and grouped by k-means into K
clusters; ``word_valence_induced.tsv.gz`` (``dev/word_clusters/induced_valence.py``) holds
valences predicted from the same embeddings for words VADER lacks. No labelled data went
into them, and nothing here needs the embedding model: the features only look words up.
Keys are lowercase, unstemmed words of ASCII letters. The features are off in the shipped
model (the model card's fourth round).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from corpus_tools.measure.target_cue_words import HARM

__all__ = ["centroid_table", "cluster_features", "cluster_table", "induced_features", "induced_table", "word_cluster"]

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


@cache
def induced_table(path: Path | None = None) -> dict[str, float]:
    """Word -> valence in [-1, 1] induced from word embeddings for words VADER lacks (``word_valence_induced.tsv.gz``).

    Args:
        path: read this file instead of the packaged one.

    Raises:
        ValueError: a line that is not ``word<TAB>number`` (naming file and line).
    """
    source = path or Path(str(files("corpus_tools").joinpath(f"{_MODELS}/word_valence_induced.tsv.gz")))
    table: dict[str, float] = {}
    with gzip.open(source, "rt", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            word, _, value = line.rstrip("\n").partition("\t")
            try:
                table[word] = float(value)
            except ValueError:
                raise ValueError(f"{source}:{lineno}: expected 'word<TAB>valence', got {line.rstrip()!r}") from None
    return table


def cluster_features(low: Sequence[str], lo: int, hi: int, *, groups: Iterable[str], window: int, clusters: int,
                     near: int = 3, victim: bool = False) -> dict[str, float]:
    """Word-cluster features around the mention ``low[lo:hi]`` (``l1c``, ``r1c``, ``nc``, ``lc``, ``rc``, ``sc``, ``ctri``, ``cvec``).

    ``ctri:a_b_c`` are the trigrams through the mention (as ``tri:``) with each word
    the table holds replaced by ``c<number>`` and the mention by ``<T>``.

    Args:
        low: the sentence's lowercase, unstemmed tokens.
        lo: first token of the mention; hi: one past its last.
        groups: feature groups to produce.
        window: tokens on each side for ``lc``, ``rc`` and ``cvec``.
        clusters: K of the table.
        near: tokens on each side for ``nc`` (either side, as the ``near:`` words).
        victim: the mention is a victim of violence; words of harm then add nothing, as
            they are masked in the word features.

    Returns:
        Feature name -> value; words the table lacks (punctuation, numbers, rare words)
        add nothing.
    """
    table = cluster_table(clusters)
    wanted = set(groups)
    n = len(low)
    feats: dict[str, float] = {}

    def add(prefix: str, indices: Iterable[int]) -> None:
        if prefix in wanted:
            for i in indices:
                number = table.get(low[i])
                if number is not None and not (victim and low[i] in HARM):
                    feats[f"{prefix}:{number}"] = 1.0

    add("l1c", range(max(0, lo - 1), lo))
    add("r1c", range(hi, min(n, hi + 1)))
    add("nc", (*range(max(0, lo - near), lo), *range(hi, min(n, hi + near))))
    add("lc", range(max(0, lo - window), lo))
    add("rc", range(hi, min(n, hi + window)))
    add("sc", (*range(lo), *range(hi, n)))
    if "ctri" in wanted:
        def form(i: int) -> str:
            number = table.get(low[i])
            return low[i] if number is None or (victim and low[i] in HARM) else f"c{number}"

        span = [*(form(i) for i in range(max(0, lo - 2), lo)), "<T>", *(form(i) for i in range(hi, min(n, hi + 2)))]
        for a, b, c in zip(span, span[1:], span[2:]):
            feats[f"ctri:{a}_{b}_{c}"] = 1.0
    if "cvec" in wanted:
        centroids = centroid_table(clusters)
        for side, indices in (("left", range(max(0, lo - window), lo)), ("right", range(hi, min(n, hi + window)))):
            found = [centroids[table[low[i]]] for i in indices if low[i] in table and not (victim and low[i] in HARM)]
            for d, values in enumerate(zip(*found)):
                mean = round(sum(values) / len(found), 4)
                if mean:
                    feats[f"cvec_{side}_{d}"] = mean
    return feats


def induced_features(tokens: Sequence[Any], lo: int, hi: int, *, clause: tuple[int, int], near: int,
                     harm_neutral: bool = False) -> dict[str, float]:
    """Strengths of the induced valences around the mention: ``ind_<scope>_<pos|neg>``.

    Only tokens without a VADER or TextBlob valence count (the lexicons speak for the
    rest), never the mention's own, nor words of harm with ``harm_neutral``.

    Args:
        tokens: the sentence's tokens (``low``, ``vader``, ``textblob`` attributes).
        lo: first token of the mention; hi: one past its last.
        clause: token range [c0, c1) of the mention's clause.
        near: tokens on each side that count as near.
        harm_neutral: leave the words of harm out.

    Returns:
        Feature name -> summed valence capped at 1, in the scopes ``sent``, ``left``,
        ``right``, ``clause``, ``near``; zero strengths left out.
    """
    table = induced_table()
    sums: dict[str, float] = {}
    for i, tok in enumerate(tokens):
        if lo <= i < hi or tok.vader or tok.textblob or (harm_neutral and tok.low in HARM):
            continue
        value = table.get(tok.low)
        if not value:
            continue
        pole = "pos" if value > 0 else "neg"
        scopes = ["sent", "left" if i < lo else "right"]
        if clause[0] <= i < clause[1]:
            scopes.append("clause")
        if (lo - i if i < lo else i - hi + 1) <= near:
            scopes.append("near")
        for scope in scopes:
            sums[f"ind_{scope}_{pole}"] = sums.get(f"ind_{scope}_{pole}", 0.0) + abs(value)
    return {name: round(min(1.0, total), 4) for name, total in sorted(sums.items())}
