"""Time the learned target sentiment model against bare VADER + TextBlob on the same sentences.

Usage: python benchmarks/target_model_speed.py PATH/TO/newsmtsc-format.jsonl [--limit 2000] [--repeat 3]

Reads the first ``limit`` targets of the file (the data stays where it is), then times,
best of ``repeat`` runs: the model (``predict_target``, weights already loaded), bare
VADER ``polarity_scores`` plus ``TextBlob(s).sentiment`` on each target's sentence (the
cost of the two lexicon scorers alone, no targeting), and the package's rules
(``corpus_tools.sentiment.target_sentiment``). Also reports the one-off cost of loading
the weights.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from corpus_tools.sentiment import target_sentiment
from textblob import TextBlob
from tokenize_speed import best_of  # this folder is on sys.path when a script here runs
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from corpus_tools.measure.target_model import load_model, predict_target


def read_targets(path: Path, limit: int) -> list[tuple[str, tuple[int, int]]]:
    """The first ``limit`` (sentence, span) pairs of a NewsMTSC-format file."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for t in row["targets"]:
                out.append((row["sentence_normalized"], (int(t["from"]), int(t["to"]))))
                if len(out) == limit:
                    return out
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    targets = read_targets(args.data, args.limit)
    start = time.perf_counter()
    load_model()
    load_seconds = time.perf_counter() - start
    analyzer = SentimentIntensityAnalyzer()
    predict_target(*targets[0])  # warm the lexicon caches
    runs = {
        "model predict_target": lambda: [predict_target(text, span) for text, span in targets],
        "bare VADER + TextBlob": lambda: [(analyzer.polarity_scores(text), TextBlob(text).sentiment) for text, _ in targets],
        "bare VADER": lambda: [analyzer.polarity_scores(text) for text, _ in targets],
        "rules target_sentiment": lambda: [target_sentiment(text, span) for text, span in targets],
    }
    print(f"{len(targets)} targets, best of {args.repeat}; loading the weights took {load_seconds * 1000:.0f} ms")
    for name, run in runs.items():
        seconds, _ = best_of(args.repeat, run)
        print(f"{name:<24} {seconds:7.3f} s  {len(targets) / seconds:9,.0f} targets/s  {seconds / len(targets) * 1e3:6.3f} ms/target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
