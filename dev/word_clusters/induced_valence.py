"""Build a table of valences induced for words VADER lacks, from all-MiniLM-L6-v2 word embeddings.

Usage (same environment as ``build.py``)::

    HF_HUB_OFFLINE=1 python dev/word_clusters/induced_valence.py --vader PATH/TO/vader_lexicon.txt \\
        --out src/corpus_tools/lexicon/models/word_valence_induced.tsv.gz

A ridge regression from a word's embedding to its VADER valence (divided by 4, so in
[-1, 1]) is fitted on the vocabulary words, those VADER lacks counted as 0, and predicts
the valence of the words VADER lacks, each by a model fitted without it (5 folds over
those words, seed 0), so a word comes out polar only if its embedding resembles VADER's
polar words more than the rest of the vocabulary; words predicted at least ``--min``
away from zero are written, ``word<TAB>valence`` (2 decimals), sorted by word, gzip without a
timestamp. The vocabulary is ``build.py``'s; no labelled data is read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from build import embed, model_dir, vocabulary, write_gzip

ALPHA = 1.0


def vader_valences(path: Path) -> dict[str, float]:
    """VADER lexicon word -> mean valence / 4."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            out[parts[0]] = float(parts[1]) / 4.0
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vader", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--min", type=float, default=0.15)
    args = parser.parse_args(argv)
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import KFold, cross_val_score

    directory = model_dir()
    words = vocabulary(directory / "vocab.txt")
    vectors = embed(words, directory)
    lexicon = vader_valences(args.vader)
    seen = np.array([w in lexicon for w in words])
    y = np.array([lexicon.get(w, 0.0) for w in words])
    r2 = cross_val_score(Ridge(alpha=ALPHA), vectors[seen], y[seen], cv=5, scoring="r2")
    unseen = np.flatnonzero(~seen)
    pred = np.zeros(len(words))
    for _, test in KFold(n_splits=5, shuffle=True, random_state=0).split(unseen):
        train = np.ones(len(words), dtype=bool)
        train[unseen[test]] = False
        pred[unseen[test]] = Ridge(alpha=ALPHA).fit(vectors[train], y[train]).predict(vectors[unseen[test]])
    pred = np.clip(pred, -1.0, 1.0)
    rows = [f"{words[i]}\t{pred[i]:.2f}" for i in unseen if abs(pred[i]) >= args.min]
    write_gzip(args.out, rows)
    print(f"{int(seen.sum())} VADER words (5-fold R2 among them {r2.mean():.3f}); {len(rows)} of {len(unseen)} other words written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
