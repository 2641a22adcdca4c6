"""Time the measurement functions on the corpus: blame claims, quotes,
stance statements and sentiment toward Kadhimi.

Usage: python benchmarks/measure_speed.py [--copies 10] [--repeat 3]

The corpus is replicated ``copies`` times (fresh unit ids), sentences and mentions are
computed once, and each function is timed on them; the best of ``repeat`` runs is
reported with the words per second it implies.
"""

from __future__ import annotations

import argparse
import sys

from tokenize_speed import best_of, replicate  # this folder is on sys.path when a script here runs

import corpus_tools as ct
from corpus_tools.extract.speech import quotes
from corpus_tools.measure import blame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = ct.load_corpus()
    units = replicate(corpus, args.copies * int(corpus["n_words"].sum()))
    words = int(units["n_words"].sum())
    sents = ct.sentences(units)
    mentions = ct.find_mentions(units, sentence_table=sents)
    quoted = quotes(units, sentence_table=sents, mentions=mentions)
    runs = {
        "quotes": lambda: quotes(units, sentence_table=sents, mentions=mentions),
        "blame_claims": lambda: blame.blame_claims(units, sentence_table=sents, mentions=mentions, quote_table=quoted),
        "stance_statements": lambda: ct.stance_statements(units),
        "sentiment_toward kadhimi": lambda: ct.sentiment_toward(units, actor="kadhimi"),
    }
    print(f"{len(units)} units, {words:,} words, best of {args.repeat}")
    for name, run in runs.items():
        seconds, _ = best_of(args.repeat, run)
        print(f"{name:<26} {seconds:7.2f} s  {words / seconds:10,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
