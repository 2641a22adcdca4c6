"""Time the measurement functions on the corpus: blame claims (both rule sets), quotes,
stance statements and sentiment toward Kadhimi.

Usage: python benchmarks/measure_speed.py [--copies 10] [--repeat 3]

The corpus is replicated ``copies`` times (fresh unit ids), sentences and mentions are
computed once, and each function is timed on them; the best of ``repeat`` runs is
reported with the words per second it implies.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

import pandas as pd

import corpus_tools as ct
from corpus_tools import blame
from corpus_tools.quotes import quotes


def replicate(units: pd.DataFrame, copies: int) -> pd.DataFrame:
    """The units ``copies`` times, each copy with fresh ids."""
    frames = [units.assign(unit_id=units["unit_id"] + f"#{i}") for i in range(copies)]
    return pd.concat(frames, ignore_index=True)


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The shortest of ``repeat`` wall-clock times of ``run()``, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    units = replicate(ct.load_corpus(), args.copies)
    words = int(units["n_words"].sum())
    sents = ct.sentences(units)
    mentions = ct.find_mentions(units, sentence_table=sents)
    quoted = quotes(units, sentence_table=sents, mentions=mentions)
    runs = {
        "quotes": lambda: quotes(units, sentence_table=sents, mentions=mentions),
        "blame_claims (frozen)": lambda: blame.blame_claims(
            units, sentence_table=sents, mentions=mentions, quote_table=quoted, rules="frozen"
        ),
        "blame_claims (revised)": lambda: blame.blame_claims(units, sentence_table=sents, mentions=mentions, quote_table=quoted),
        "stance_statements": lambda: ct.stance_statements(units),
        "sentiment_toward kadhimi": lambda: ct.sentiment_toward(units, actor="kadhimi"),
    }
    print(f"{len(units)} units, {words:,} words, best of {args.repeat}")
    for name, run in runs.items():
        seconds = best_time(run, args.repeat)
        print(f"{name:<26} {seconds:7.2f} s  {words / seconds:10,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
