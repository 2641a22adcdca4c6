"""How the cost of measure_corpus grows: with corpus size, unit length and sentence length.

Usage: python benchmarks/scale_speed.py [--quick] [--sizes 10 50 200] [--workers 2] [--repeat 2] [--keep-caches]
       [--dask-copies 50] [--dask-repeat 3] [--only dask|baselines]

Printed, for the bundled corpus:

1. replicated 10x, 50x and 200x (every copy gets fresh unit ids): wall and CPU seconds
   of each stage of ``ct.measure_corpus`` and of the whole pipeline, words per second,
   and the log-log slope of CPU time against words from the smallest to the largest
   size (1.0 = linear, 2.0 = quadratic);
2. one long unit (the corpus joined into one unit, 1x, 2x, 4x) and one long sentence
   (sentences of the corpus joined by semicolons, 1x, 2x, 4x): each stage's cost
   relative to the 1x case (linear: 2 and 4);
3. bare library baselines on the same text: Punkt sentence splitting against
   ``ct.sentences``, and VADER + TextBlob on each scored mention's sentence against
   ``ct.sentiment_toward``;
4. serial against ``engine="dask"`` on a LocalCluster of ``--workers`` single-threaded
   worker processes (at ``--dask-copies``, default the smallest size; ``--only dask`` runs
   this section alone; ``--only baselines`` runs section 3 alone): one cold run, then
   ``--dask-repeat`` pairs of a serial and a warm Dask run, back to back so that drift in
   the machine's speed hits both; the median ratio of the pairs, and whether the tables are identical;
5. peak resident memory (``resource.getrusage``) and the result tables' size, with a
   linear projection to 10 million words.

``--quick`` uses 1x, 2x and 4x copies, a quarter of the corpus for the long unit and a
shorter sentence. Replicated copies repeat every sentence, so the TextBlob cache of the
sentiment measure would answer every copy after the first from memory; unless
``--keep-caches``, it keeps only the last 64 texts (here and in the Dask workers), which
still serves a sentence scored once per mention in it. Section 2 takes the lower
of ``--repeat`` runs. Timings on a shared machine vary:
CPU seconds are steadier than wall seconds.
"""

from __future__ import annotations

import argparse
import functools
import math
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable

import pandas as pd

import corpus_tools as ct
from corpus_tools.measure import pipeline
from corpus_tools.text.tokenizing import sentence_tokenizer

STAGES = ("sentences", "find_mentions", "quotes", "sentiment_toward", "blame_claims", "stance_statements")
PROJECT_WORDS = 10_000_000
RECENT_TEXTS = 64  # the corpus has some 350 sentences, so a copy never finds the previous copy's


# --------------------------------------------------------------------------- helpers


def shrink_text_caches(size: int = RECENT_TEXTS) -> bool:
    """Keep only the most recent texts in the sentiment measure's TextBlob cache.

    Replicated copies repeat every sentence, so the full cache would answer each copy
    after the first from memory. A cache of the last few texts still serves what a real
    corpus repeats (one sentence scored once per mention in it) but not the copies.
    Every loaded module of the package that holds the cached function
    (``_textblob_polarity``) gets the same smaller cache.

    Returns:
        True if a cache was replaced.
    """
    import corpus_tools.measure.sentiment  # noqa: F401  (loads the modules that hold the cache)

    shrunk: dict[int, Callable] = {}
    for name, module in list(sys.modules.items()):
        cached = getattr(module, "_textblob_polarity", None) if name.startswith("corpus_tools") else None
        if cached is None or not hasattr(cached, "__wrapped__"):
            continue
        if id(cached.__wrapped__) not in shrunk:
            shrunk[id(cached.__wrapped__)] = functools.lru_cache(maxsize=size)(cached.__wrapped__)
        module._textblob_polarity = shrunk[id(cached.__wrapped__)]
    return bool(shrunk)


class StageClock:
    """Wrap the stage functions measure_corpus calls, adding up wall and CPU seconds per stage."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._saved = {name: getattr(pipeline, name) for name in STAGES}

    def __enter__(self) -> StageClock:
        for name, func in self._saved.items():
            setattr(pipeline, name, self._timed(name, func))
        return self

    def __exit__(self, *exc) -> None:
        for name, func in self._saved.items():
            setattr(pipeline, name, func)

    def _timed(self, name: str, func: Callable) -> Callable:
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.wall[name] += time.perf_counter() - wall
                self.cpu[name] += time.process_time() - cpu
        return run


def timed(func: Callable, *args, **kwargs) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def replicate(units: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of the units, each unit id suffixed ``#k``."""
    return pd.concat([units.assign(unit_id=units["unit_id"] + f"#{k}") for k in range(copies)], ignore_index=True)


def long_unit(units: pd.DataFrame, copies: int) -> pd.DataFrame:
    """The units' texts joined into one unit, ``copies`` times over."""
    text = "\n\n".join(units["text"].tolist() * copies)
    return pd.DataFrame({"unit_id": [f"joined-x{copies}"], "text": [text], "n_words": [ct.count_words(text)]})


def long_sentence(sentences: list[str], copies: int) -> pd.DataFrame:
    """One unit holding one sentence: the given sentences joined by semicolons, ``copies`` times over."""
    parts = [s.strip().rstrip(".!?") for s in sentences] * copies
    text = "; ".join(parts) + "."
    return pd.DataFrame({"unit_id": [f"sentence-x{copies}"], "text": [text], "n_words": [ct.count_words(text)]})


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def tables_mb(tables: dict[str, pd.DataFrame]) -> float:
    return sum(t.memory_usage(deep=True).sum() for t in tables.values()) / 2**20


def identical(got: pd.DataFrame, want: pd.DataFrame, name: str) -> bool:
    try:
        pd.testing.assert_frame_equal(got, want, obj=name)
    except AssertionError as err:
        print(f"  {err}")
        return False
    return True


def slope(x0: float, y0: float, x1: float, y1: float) -> float:
    return math.log(y1 / y0) / math.log(x1 / x0) if min(x0, y0, x1, y1) > 0 and x1 != x0 else float("nan")


def staged(units: pd.DataFrame, case: ct.Case) -> tuple[dict, dict, float, float, dict]:
    """measure_corpus (serial) with per-stage wall and CPU seconds."""
    with StageClock() as clock:
        wall, cpu, tables = timed(ct.measure_corpus, units, case=case, progress=False)
    return dict(clock.wall), dict(clock.cpu), wall, cpu, tables


# --------------------------------------------------------------------------- sections


def scale_section(corpus: pd.DataFrame, case: ct.Case, sizes: list[int]) -> dict[int, dict]:
    print(f"\n== 1. Corpus replicated {', '.join(f'{k}x' for k in sizes)} (serial; seconds wall / CPU) ==")
    rows, runs = [], {}
    for k in sizes:
        units = replicate(corpus, k)
        words = int(units["n_words"].sum())
        walls, cpus, wall, cpu, tables = staged(units, case)
        runs[k] = {"words": words, "cpu": cpus, "wall": walls, "total_cpu": cpu, "total_wall": wall,
                   "rss": peak_rss_mb(), "tables_mb": tables_mb(tables), "rows": {n: len(t) for n, t in tables.items()}}
        rows.append({"copies": f"{k}x", "units": len(units), "words": words,
                     **{s: f"{walls[s]:.1f}/{cpus[s]:.1f}" for s in STAGES},
                     "pipeline": f"{wall:.1f}/{cpu:.1f}", "words/s (CPU)": round(words / cpu)})
        del tables, units
    print(pd.DataFrame(rows).to_string(index=False))
    first, last = runs[sizes[0]], runs[sizes[-1]]
    print(f"\nlog-log slope of CPU seconds against words, {sizes[0]}x -> {sizes[-1]}x (1.0 = linear):")
    slopes = {s: slope(first["words"], first["cpu"][s], last["words"], last["cpu"][s]) for s in STAGES}
    slopes["pipeline"] = slope(first["words"], first["total_cpu"], last["words"], last["total_cpu"])
    print("  " + "  ".join(f"{s} {v:.2f}" for s, v in slopes.items()))
    return runs


def ratio_section(title: str, make: Callable[[int], pd.DataFrame], case: ct.Case, repeat: int) -> None:
    print(f"\n== {title} (CPU seconds, lower of {repeat}; ratio to 1x, linear = 2 and 4) ==")
    base: dict[str, float] = {}
    rows = []
    for copies in (1, 2, 4):
        units = make(copies)
        cpus: dict[str, float] = {}
        for _ in range(repeat):
            _, stage_cpu, _, cpu, tables = staged(units, case)
            for name, seconds in [*stage_cpu.items(), ("pipeline", cpu)]:
                cpus[name] = min(cpus.get(name, seconds), seconds)
        if copies == 1:
            base = cpus
        rows.append({"copies": f"{copies}x", "words": int(units["n_words"].sum()), "sentences": len(tables["sentences"]),
                     **{s: f"{cpus[s]:.2f} ({cpus[s] / base[s]:.1f})" if base[s] > 0 else f"{cpus[s]:.2f}" for s in cpus}})
    print(pd.DataFrame(rows).to_string(index=False))


def best_cpu(func: Callable, repeat: int) -> tuple[float, object]:
    """Lowest CPU seconds of ``repeat`` calls of ``func()`` and its last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        _, cpu, result = timed(func)
        best = min(best, cpu)
    return best, result


def baseline_section(corpus: pd.DataFrame, case: ct.Case, copies: int, repeat: int) -> None:
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    print(f"\n== 3. Against the bare library calls ({copies}x copies; CPU seconds, lower of {repeat}) ==")
    units = replicate(corpus, copies)
    texts = units["text"].tolist()
    punkt = sentence_tokenizer()
    bare_s, _ = best_cpu(lambda: [list(punkt.span_tokenize(t)) for t in texts], repeat)
    pkg_s, sents = best_cpu(lambda: ct.sentences(units), repeat)
    mentions = ct.find_mentions(units, case=case, sentence_table=sents)
    pkg_m, scores = best_cpu(lambda: ct.sentiment_toward(units, case=case, sentence_table=sents, mentions=mentions), repeat)
    by_id = sents.set_index(["unit_id", "sent_id"])["text"]
    scored = [by_id[(u, s)] for u, s in zip(scores["unit_id"], scores["sent_id"])]
    vader = SentimentIntensityAnalyzer()
    bare_m, _ = best_cpu(lambda: [(vader.polarity_scores(s)["compound"], TextBlob(s).sentiment.polarity) for s in scored],
                         repeat)
    print(pd.DataFrame([
        {"package": "ct.sentences", "seconds": round(pkg_s, 2), "bare": "Punkt span_tokenize per text",
         "bare seconds": round(bare_s, 2), "ratio": round(pkg_s / bare_s, 2)},
        {"package": f"ct.sentiment_toward ({len(scored)} sentences)", "seconds": round(pkg_m, 2),
         "bare": "VADER + TextBlob per judged sentence", "bare seconds": round(bare_m, 2), "ratio": round(pkg_m / bare_m, 2)},
    ]).to_string(index=False))


def dask_section(corpus: pd.DataFrame, case: ct.Case, copies: int, workers: int, bypass: bool, repeat: int) -> None:
    """Serial against warm Dask workers, in alternating pairs so that drift in machine speed hits both."""
    import dask
    from distributed import Client, LocalCluster

    print(f"\n== 4. Serial against Dask, {workers} single-threaded worker processes ({copies}x copies; wall seconds; "
          f"{repeat} alternating pairs) ==")
    units = replicate(corpus, copies)
    start = time.perf_counter()
    with dask.config.set(pipeline.OWN_CLUSTER_CONFIG), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0") as cluster, \
            Client(cluster) as client:  # configured as measure_corpus configures a cluster it starts itself
        started = time.perf_counter() - start
        if bypass:
            client.run(shrink_text_caches)
        before = sum(client.run(time.process_time).values())
        cold, _, cold_tables = timed(ct.measure_corpus, units, case=case, engine="dask", client=client, progress=False)
        rows = [{"run": f"dask, workers cold (cluster start {started:.1f} s not included)", "wall seconds": round(cold, 1),
                 "CPU seconds": f"{sum(client.run(time.process_time).values()) - before:.1f} in the workers", "speed-up (wall)": ""}]
        pairs, same = [], True
        for k in range(1, repeat + 1):
            serial_s, serial_cpu, serial = timed(ct.measure_corpus, units, case=case, progress=False)
            before = sum(client.run(time.process_time).values())
            wall, _, tables = timed(ct.measure_corpus, units, case=case, engine="dask", client=client, progress=False)
            cpu = sum(client.run(time.process_time).values()) - before
            same &= all(identical(got[name], serial[name], name) for got in (tables, cold_tables) for name in pipeline.TABLES)
            pairs.append((serial_s, wall))
            rows += [{"run": f"pair {k}: serial", "wall seconds": round(serial_s, 1), "CPU seconds": f"{serial_cpu:.1f}",
                      "speed-up (wall)": ""},
                     {"run": f"pair {k}: dask, workers warm", "wall seconds": round(wall, 1),
                      "CPU seconds": f"{cpu:.1f} in the workers", "speed-up (wall)": round(serial_s / wall, 2)}]
    print(pd.DataFrame(rows).to_string(index=False))
    ratios = [s / d for s, d in pairs]
    print(f"speed-up, median of the {len(pairs)} pairs: {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f} to {max(ratios):.2f}); fastest serial over fastest Dask: "
          f"{min(s for s, _ in pairs) / min(d for _, d in pairs):.2f}")
    print(f"tables identical to the serial run (rows, order, dtypes): {'yes' if same else 'NO'}")


def memory_section(runs: dict[int, dict], baseline_rss: float) -> None:
    print("\n== 5. Memory (peak resident set of this process; result tables' deep size) ==")
    rows = []
    for k, run in runs.items():
        rows.append({"copies": f"{k}x", "words": run["words"], "peak RSS MB": round(run["rss"]),
                     "tables MB": round(run["tables_mb"], 1), "table rows": sum(run["rows"].values())})
    print(pd.DataFrame(rows).to_string(index=False))
    last = runs[max(runs)]
    per_word_rss = max(last["rss"] - baseline_rss, 0.0) / last["words"]
    per_word_tables = last["tables_mb"] / last["words"]
    print(f"projection to {PROJECT_WORDS:,} words (linear from the largest run): result tables about "
          f"{per_word_tables * PROJECT_WORDS / 1024:.1f} GB; peak resident set about "
          f"{(baseline_rss + per_word_rss * PROJECT_WORDS) / 1024:.1f} GB "
          f"(start {baseline_rss:.0f} MB + {per_word_rss * 1e6:.0f} MB per million words)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (1x, 2x, 4x), a quarter corpus for the long unit")
    parser.add_argument("--sizes", type=int, nargs="+", help="copies of the corpus (default 10 50 200; quick: 1 2 4)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dask-copies", type=int, help="copies for serial against Dask (default: the smallest size)")
    parser.add_argument("--only", choices=("dask", "baselines"), help="run only that section")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each long unit and sentence (the lower counts)")
    parser.add_argument("--dask-repeat", type=int, default=3, help="alternating serial and warm Dask runs")
    parser.add_argument("--keep-caches", action="store_true", help="let replicated sentences hit the TextBlob cache")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes or ([1, 2, 4] if args.quick else [10, 50, 200]))
    bypass = not args.keep_caches and shrink_text_caches()
    corpus = ct.load_corpus()
    case = ct.load_case(ct.find_corpus_dir())
    print(f"corpus: {len(corpus)} units, {int(corpus['n_words'].sum()):,} words; "
          f"TextBlob sentence cache {'kept to the last 64 texts' if bypass else 'in full'}")
    ct.measure_corpus(corpus.iloc[:2], case=case, progress=False)  # imports, lexicons, compiled rules
    baseline_rss = peak_rss_mb()
    dask_copies = args.dask_copies or (2 if args.quick else sizes[0])
    if args.only == "dask":
        dask_section(corpus, case, dask_copies, args.workers, bypass, args.dask_repeat)
        return 0
    if args.only == "baselines":
        baseline_section(corpus, case, sizes[0], args.repeat)
        return 0
    runs = scale_section(corpus, case, sizes)
    part = corpus.iloc[: max(1, int((corpus["n_words"].cumsum() <= corpus["n_words"].sum() / 4).sum()))] if args.quick else corpus
    ratio_section(f"2a. One long unit ({'a quarter of ' if args.quick else ''}the corpus joined, 1x/2x/4x)",
                  lambda k: long_unit(part, k), case, args.repeat)
    sents = ct.sentences(corpus)["text"].tolist()[: 10 if args.quick else 25]
    ratio_section(f"2b. One long sentence ({len(sents)} corpus sentences joined by semicolons, 1x/2x/4x)",
                  lambda k: long_sentence(sents, k), case, args.repeat)
    baseline_section(corpus, case, sizes[0], args.repeat)
    dask_section(corpus, case, dask_copies, args.workers, bypass, args.dask_repeat)
    memory_section(runs, baseline_rss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
