"""Time the learned target sentiment model against bare VADER + TextBlob on the same sentences.

Usage: python benchmarks/target_model_speed.py PATH/TO/newsmtsc-format.jsonl [--limit 2000] [--repeat 3] [--clock cpu]

Reads the first ``limit`` targets of the file (the data stays where it is), then times,
best of ``repeat`` runs: the model (``predict_target``, weights already loaded), bare
VADER ``polarity_scores`` plus ``TextBlob(s).sentiment`` on each target's sentence (the
cost of the two lexicon scorers alone, no targeting), bare VADER alone, and the
package's rules (``corpus_tools.rule_sentiment``). Then the whole measure,
``corpus_tools.sentiment_toward`` (learned scorer and whole-sentence baseline
columns, table building; sentences and mentions given), for every person of the bundled
corpus and of the invented ferry case, against bare VADER + TextBlob on the sentences it
scored. Also reports the one-off cost of loading the weights. The package's per-text
caches are emptied before every run, so a repeat costs what the first run did. Every ratio is to a
baseline timed in the same run, so a loaded machine slows both sides.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import corpus_tools as ct
from corpus_tools.measure.target_model import load_model, predict_target

CLOCK = {"wall": time.perf_counter, "cpu": time.process_time}


def best_of(repeat: int, func, clock: str = "wall"):
    """Shortest of ``repeat`` timings of ``func()`` and its last result.

    ``clock="cpu"`` times this process's processor time: on a shared machine other
    processes then slow the timing less than wall time.
    """
    timer, times, result = CLOCK[clock], [], None
    for _ in range(repeat):
        start = timer()
        result = func()
        times.append(timer() - start)
    return min(times), result


FERRY = Path(__file__).resolve().parent.parent / "tests" / "data" / "case_ferry"


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
    parser.add_argument("--clock", choices=sorted(CLOCK), default="wall", help="wall time or this process's CPU time")
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
        "rules rule_sentiment": lambda: [ct.rule_sentiment(text, span) for text, span in targets],
    }
    print(f"{len(targets)} targets, best of {args.repeat} ({args.clock} time); loading the weights took {load_seconds * 1000:.0f} ms")
    seconds = {name: best_of(args.repeat, cold(run), args.clock)[0] for name, run in runs.items()}
    for name in runs:
        print(f"{name:<24} {seconds[name]:7.3f} s  {len(targets) / seconds[name]:9,.0f} targets/s  "
              f"{seconds[name] / len(targets) * 1e3:6.3f} ms/target  "
              f"{seconds[name] / seconds['bare VADER']:5.2f} x bare VADER")
    toward_speed(args.repeat, analyzer, args.clock)
    return 0


def cold(run):
    """``run`` preceded by emptying the package's per-text caches, so repeats do not reuse earlier work."""
    from corpus_tools.measure import sentiment_lexicon, target_features

    def wrapped():
        target_features._analysed.cache_clear()
        sentiment_lexicon._textblob_polarity.cache_clear()
        return run()

    return wrapped


def toward_speed(repeat: int, analyzer: SentimentIntensityAnalyzer, clock: str) -> None:
    """Time ``sentiment_toward`` for every person of two cases against bare VADER + TextBlob on its sentences."""
    for label, case, units in (("bundled corpus", None, ct.load_corpus()),
                               ("ferry case", ct.load_case(FERRY), ct.load_corpus(FERRY))):
        resolved = ct.load_case(FERRY) if case is not None else None
        sents = ct.sentences(units)
        mentions = ct.find_mentions(units, case=resolved, sentence_table=sents)
        people = sorted(a for a, t in (resolved or _default_case()).actor_types.items() if t == "person")
        people = [a for a in people if (mentions["actor"] == a).any()]

        def measure(people=people, units=units, resolved=resolved, sents=sents, mentions=mentions):
            return [ct.sentiment_toward(units, a, case=resolved, sentence_table=sents, mentions=mentions) for a in people]

        toward, tables = best_of(repeat, cold(measure), clock)
        text_of = dict(zip(zip(sents["unit_id"], sents["sent_id"]), sents["text"]))
        texts = [text_of[key] for table in tables for key in zip(table["unit_id"], table["sent_id"])]
        bare, _ = best_of(repeat, lambda texts=texts: [(analyzer.polarity_scores(t), TextBlob(t).sentiment) for t in texts],
                          clock)
        print(f"sentiment_toward, {label}: {len(people)} people, {len(texts)} rows in {toward:.3f} s "
              f"({len(texts) / toward:,.0f} rows/s); bare VADER + TextBlob on the same sentences {bare:.3f} s; "
              f"ratio {toward / bare:.2f}")


def _default_case():
    """The bundled corpus's case."""
    from corpus_tools.io.case import default_case

    return default_case()


if __name__ == "__main__":
    sys.exit(main())
