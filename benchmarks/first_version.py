"""The whole measuring pipeline against the package's first version, on the same replicated corpus.

Usage: python benchmarks/first_version.py --first-src /path/to/first/src [--sizes 10 50] [--keep-caches]

The first version (commit 6f24330) had no ``measure_corpus``; its six functions are
called as it was used: each on the units alone (``sentences``, ``find_mentions``,
``quotes``, ``sentiment_toward``, ``blame_claims``, ``stance_statements``, every call
splitting and searching afresh), and, as a second figure, chained (each given the
tables before it, as far as its arguments allow). The current version runs
``measure_corpus`` (serial). Each version runs in a subprocess of its own (``PYTHONPATH``
= its ``src``) on the bundled corpus replicated ``k`` times (fresh unit ids per copy),
after a warm-up on two units (imports, lexicons, compiled rules); the figures are CPU
seconds of that process. Check out the first version with
``git worktree add <dir> 6f24330`` and pass ``--first-src <dir>/src``.

As in ``scale_speed.py``, the TextBlob sentence cache of either version keeps only the
last 64 texts unless ``--keep-caches``, so replicated copies do not answer each other
from memory.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECENT_TEXTS = 64
CURRENT_SRC = Path(__file__).resolve().parents[1] / "src"
STAGES = ("sentences", "find_mentions", "quotes", "sentiment_toward", "blame_claims", "stance_statements")


def shrink_text_caches(size: int = RECENT_TEXTS) -> int:
    """Give every loaded corpus_tools module's ``_textblob_polarity`` a cache of the last ``size`` texts.

    Returns:
        How many module attributes were replaced (0: no such cache).
    """
    shrunk: dict[int, object] = {}
    count = 0
    for name, module in list(sys.modules.items()):
        cached = getattr(module, "_textblob_polarity", None) if name.startswith("corpus_tools") else None
        if cached is None or not hasattr(cached, "__wrapped__"):
            continue
        key = id(cached.__wrapped__)
        if key not in shrunk:
            shrunk[key] = functools.lru_cache(maxsize=size)(cached.__wrapped__)
        module._textblob_polarity = shrunk[key]
        count += 1
    return count


def _cpu(func, *args, **kwargs):
    start = time.process_time()
    result = func(*args, **kwargs)
    return time.process_time() - start, result


def child(units_path: str, keep_caches: bool) -> dict:
    """Run in the subprocess: time the version found on PYTHONPATH."""
    import corpus_tools as ct

    units = pickle.loads(Path(units_path).read_bytes())
    out: dict = {"version": "current" if hasattr(ct, "measure_corpus") else "first", "words": int(units["n_words"].sum())}
    if hasattr(ct, "measure_corpus"):
        from corpus_tools.measure import pipeline

        ct.measure_corpus(units.iloc[:2], progress=False)  # warm-up
        out["shrunk"] = 0 if keep_caches else shrink_text_caches()
        stage_cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        saved = {name: getattr(pipeline, name) for name in STAGES}

        def timed(name, func):
            def run(*args, **kwargs):
                seconds, result = _cpu(func, *args, **kwargs)
                stage_cpu[name] += seconds
                return result
            return run

        for name, func in saved.items():
            setattr(pipeline, name, timed(name, func))
        try:
            out["pipeline"], _ = _cpu(ct.measure_corpus, units, progress=False)
        finally:
            for name, func in saved.items():
                setattr(pipeline, name, func)
        out["stages"] = stage_cpu
    else:
        warm = units.iloc[:2]
        for name in STAGES:
            getattr(ct, name)(warm)
        out["shrunk"] = 0 if keep_caches else shrink_text_caches()
        alone = {name: _cpu(getattr(ct, name), units)[0] for name in STAGES}
        out["alone"], out["alone_total"] = alone, sum(alone.values())
        chained: dict[str, float] = {}
        chained["sentences"], sents = _cpu(ct.sentences, units)
        chained["find_mentions"], found = _cpu(ct.find_mentions, units, sentence_table=sents)
        chained["quotes"], quoted = _cpu(ct.quotes, units, sentence_table=sents, mentions=found)
        chained["sentiment_toward"], _ = _cpu(ct.sentiment_toward, units, sentence_table=sents, mentions=found)
        chained["blame_claims"], _ = _cpu(ct.blame_claims, units, sentence_table=sents, mentions=found, quote_table=quoted)
        chained["stance_statements"], _ = _cpu(ct.stance_statements, units, sentence_table=sents, mentions=found)
        out["chained"], out["chained_total"] = chained, sum(chained.values())
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _run(src: Path, units_path: str, keep_caches: bool) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    args = [sys.executable, __file__, "--child", units_path] + (["--keep-caches"] if keep_caches else [])
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{src}: the timing run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first-src", type=Path, help="the first version's src folder (a worktree of 6f24330)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50], help="copies of the corpus")
    parser.add_argument("--keep-caches", action="store_true", help="let replicated sentences hit the TextBlob cache")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.keep_caches)))
        return 0
    if args.first_src is None or not (args.first_src / "corpus_tools").is_dir():
        parser.error(f"--first-src must be the src folder of the first version, holding corpus_tools/ (got {args.first_src})")
    sys.path.insert(0, str(CURRENT_SRC))
    import pandas as pd

    import corpus_tools as ct

    corpus = ct.load_corpus()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.sizes:
            units = pd.concat([corpus.assign(unit_id=corpus["unit_id"] + f"#{c}") for c in range(k)], ignore_index=True)
            path = Path(tmp) / f"units-{k}.pkl"
            path.write_bytes(pickle.dumps(units))
            now = _run(CURRENT_SRC, str(path), args.keep_caches)
            first = _run(args.first_src, str(path), args.keep_caches)
            words = now["words"]
            rows.append({
                "copies": f"{k}x", "words": words,
                "current pipeline CPU s": round(now["pipeline"], 1),
                "first, alone CPU s": round(first["alone_total"], 1),
                "first, chained CPU s": round(first["chained_total"], 1),
                "speed-up vs alone": round(first["alone_total"] / now["pipeline"], 2),
                "speed-up vs chained": round(first["chained_total"] / now["pipeline"], 2),
                "current words/CPU s": round(words / now["pipeline"]),
                "first (alone) words/CPU s": round(words / first["alone_total"]),
                "peak RSS MB current/first": f"{now['peak_rss_mb']:.0f}/{first['peak_rss_mb']:.0f}",
            })
            print(f"\n{k}x ({words:,} words), CPU seconds per stage:")
            print(pd.DataFrame({"current (measure_corpus)": now["stages"], "first, alone": first["alone"],
                                "first, chained": first["chained"]}).round(2).to_string())
            print(f"TextBlob caches shrunk: current {now['shrunk']}, first {first['shrunk']}")
    print("\n" + pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
