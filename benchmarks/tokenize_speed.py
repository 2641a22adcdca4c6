"""Time ``sentences`` and ``tokens`` against bare NLTK calls on about a million words.

Usage: python benchmarks/tokenize_speed.py [--words 1000000] [--repeat 3]

The corpus is replicated until it holds the requested number of words. The baseline
calls the same Punkt model's ``span_tokenize`` on each unit text and
``NLTKWordTokenizer.span_tokenize`` on each sentence, building nothing else; the package
adds normalisation, paragraph splitting and the DataFrames with their keys.
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

import corpus_tools as ct
from corpus_tools.text.tokenizing import sentence_tokenizer, word_tokenizer


def replicate(units: pd.DataFrame, words: int) -> pd.DataFrame:
    """Repeat the units (with fresh ids) until they hold at least ``words`` words."""
    copies = -(-words // int(units["n_words"].sum()))
    frames = [units.assign(unit_id=units["unit_id"] + f"#{i}") for i in range(copies)]
    return pd.concat(frames, ignore_index=True)


def bare_nltk(texts: list[str]) -> int:
    """Sentence-split each text and word-split each sentence with NLTK directly."""
    punkt, words = sentence_tokenizer(), word_tokenizer()
    n = 0
    for text in texts:
        for start, end in punkt.span_tokenize(text):
            n += sum(1 for _ in words.span_tokenize(text[start:end]))
    return n


def package(units: pd.DataFrame) -> int:
    """The package's sentence and token tables (tokens reuse the sentence table)."""
    sentence_table = ct.sentences(units)
    return len(ct.tokens(units, sentence_table=sentence_table))


def best_of(repeat: int, func, *args) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    units = replicate(ct.load_corpus(), args.words)
    print(f"{len(units)} units, {units['n_words'].sum():,} words; best of {args.repeat} runs", file=sys.stderr)
    bare_s, bare_n = best_of(args.repeat, bare_nltk, units["text"].tolist())
    pkg_s, pkg_n = best_of(args.repeat, package, units)
    print(f"bare NLTK (sentences + tokens): {bare_s:7.2f} s  ({bare_n:,} tokens)")
    print(f"corpus_tools sentences + tokens: {pkg_s:7.2f} s  ({pkg_n:,} tokens)")
    print(f"ratio: {pkg_s / bare_s:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
