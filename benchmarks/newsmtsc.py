"""Benchmark ``corpus_tools.target_sentiment`` on NewsMTSC-format data.

Usage::

    python benchmarks/newsmtsc.py PATH [--split dev|holdout|all] [--sweep]

PATH is any NewsMTSC-format jsonl file: one JSON object per line with
``sentence_normalized`` and ``targets``, each target with ``from``, ``to`` (character
offsets, end exclusive), ``mention`` and ``polarity`` (2.0 negative, 4.0 neutral,
6.0 positive). The dataset is NOT shipped with this project; it is published by
Hamborg and Donnay (2021), "NewsMTSC: (Multi-)Target-dependent Sentiment
Classification in News Articles", EACL 2021, at https://github.com/fhamborg/NewsMTSC
(MIT licence).

Holdout: a sentence belongs to the holdout part when the SHA-256 of its UTF-8
``sentence_normalized`` text, read as an integer, is 0 modulo 5 (about 20 %). All
targets of one sentence therefore fall on the same side. The module's thresholds and
rule weights were chosen by hand on the dev part only (``--split dev``, ``--sweep``);
the holdout part is for reporting.

Printed: macro F1 over the three classes (F1m, the paper's primary metric), accuracy
and n for target_sentiment and, in the same run, two untargeted baselines (whole-
sentence VADER compound, polar when |c| > 0.3 as in the NewsMTSC README, and at VADER's
own 0.05; whole-sentence TextBlob polarity, polar when non-zero), then an ablation
table (each rule removed in turn) and the confusion matrix of the full scorer.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from corpus_tools.measure import sentiment_rules as sent
from corpus_tools.measure.train_target_model import KEPT_ASIDE_MODULUS, Item, kept_aside
from corpus_tools.measure.train_target_model import read_items as read_all

LABELS = ("negative", "neutral", "positive")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
VADER_README_THRESHOLD = 0.3
VADER_OWN_THRESHOLD = 0.05
TEXTBLOB_THRESHOLD = 0.0


def is_holdout(sentence: str) -> bool:
    """True if the sentence belongs to the fixed part kept aside (SHA-256 mod 5 == 0)."""
    return kept_aside(sentence)


def read_items(path: Path, split: str) -> list[Item]:
    """The labelled targets of one split ("dev", "holdout" or "all") of a NewsMTSC-format file.

    Read by the training command's reader (:func:`corpus_tools.measure.train_target_model.read_items`),
    so the benchmark and the model share one reading and one split.
    """
    items = read_all(path)
    return items if split == "all" else [it for it in items if kept_aside(it.sentence) == (split == "holdout")]


def three_way(value: float, low: float, high: float) -> str:
    """Label a score: below ``low`` negative, above ``high`` positive."""
    return "negative" if value < low else "positive" if value > high else "neutral"


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Macro-averaged F1 over the three classes.

    Args:
        gold: gold labels.
        pred: predicted labels.

    Returns:
        The unweighted mean of the per-class F1 scores.
    """
    scores = []
    for cls in LABELS:
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
        fp = sum(g != cls and p == cls for g, p in zip(gold, pred))
        fn = sum(g == cls and p != cls for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of predictions equal to the gold label."""
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def score_items(items: Sequence[Item], rules: Iterable[str], desc: str) -> list[float]:
    """Run target_sentiment over all items with one rule set (progress on stderr).

    Args:
        items: labelled targets.
        rules: rule names in force.
        desc: label for the progress line.

    Returns:
        The score of each item.
    """
    rules = frozenset(rules)
    out = []
    for k, it in enumerate(items, 1):
        out.append(sent.rule_sentiment(it.sentence, (it.start, it.end), rules=rules).score)
        if k % 2000 == 0 or k == len(items):
            print(f"  {desc}: {k}/{len(items)}", file=sys.stderr, flush=True)
    return out


RESULTS: list[dict] = []  # every row printed, for --results


def row(name: str, gold: Sequence[str], pred: Sequence[str], ref: float | None = None) -> str:
    """One formatted table row: F1m, accuracy, n (and the F1m change to ``ref``)."""
    f1 = macro_f1(gold, pred)
    RESULTS.append({"method": name.strip(), "f1m": round(f1, 4), "accuracy": round(accuracy(gold, pred), 4), "n": len(gold)})
    delta = "" if ref is None else f"{f1 - ref:+8.3f}"
    return f"{name:<44}{f1:7.3f}{accuracy(gold, pred):7.3f}{len(gold):7d}{delta}"


def baselines(items: Sequence[Item], gold: Sequence[str]) -> list[str]:
    """Table rows for the whole-sentence VADER and TextBlob baselines."""
    cache: dict[str, tuple[float, float]] = {}
    for it in items:
        if it.sentence not in cache:
            cache[it.sentence] = (sent.sentence_vader(it.sentence),
                                  sent.sentence_textblob(it.sentence))
    vader = [cache[it.sentence][0] for it in items]
    blob = [cache[it.sentence][1] for it in items]
    rows = []
    for th in (VADER_README_THRESHOLD, VADER_OWN_THRESHOLD):
        pred = [three_way(v, -th, th) for v in vader]
        rows.append(row(f"sentence VADER compound, |c|>{th}", gold, pred))
    pred = [three_way(b, -TEXTBLOB_THRESHOLD, TEXTBLOB_THRESHOLD) for b in blob]
    rows.append(row(f"sentence TextBlob polarity, |p|>{TEXTBLOB_THRESHOLD}", gold, pred))
    return rows


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[str]:
    """Confusion matrix rows (gold down, predicted across)."""
    counts = Counter(zip(gold, pred))
    corner = "gold \\ predicted"
    lines = [f"{corner:<18}" + "".join(f"{c:>10}" for c in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<18}" + "".join(f"{counts[(g, p)]:>10d}" for p in LABELS))
    return lines


def sweep(gold: Sequence[str], scores: Sequence[float]) -> list[str]:
    """F1m of the full scorer over a grid of label thresholds (for tuning on dev)."""
    lines = ["NEGATIVE_BELOW POSITIVE_ABOVE   F1m    acc"]
    grid = []
    for low in (-0.15, -0.1, -0.07, -0.05, -0.03, -0.01, 0.0):
        for high in (0.0, 0.01, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3):
            pred = [three_way(s, low, high) for s in scores]
            grid.append((macro_f1(gold, pred), accuracy(gold, pred), low, high))
    for f1, acc, low, high in sorted(grid, reverse=True)[:10]:
        lines.append(f"{low:>14.2f} {high:>14.2f} {f1:6.3f} {acc:6.3f}")
    return lines


def run(path: Path, split: str, do_sweep: bool, out: Callable[[str], None] = print) -> None:
    """Score one split and print the tables.

    Args:
        path: NewsMTSC-format jsonl.
        split: "dev", "holdout" or "all".
        do_sweep: also print the threshold sweep.
        out: where lines go.
    """
    t0 = time.perf_counter()
    items = read_items(path, split)
    if not items:
        raise SystemExit(f"{path}: no targets in split {split!r}")
    gold = [it.label for it in items]
    n_sent = len({it.sentence for it in items})
    dist = Counter(gold)
    out(f"NewsMTSC benchmark: {path.name}, split={split}, {len(items)} targets in "
        f"{n_sent} sentences ({', '.join(f'{c} {dist[c]}' for c in LABELS)})")
    out(f"holdout = sha256(sentence) % {KEPT_ASIDE_MODULUS} == 0; labels from "
        f"score < {sent.NEGATIVE_BELOW} / > {sent.POSITIVE_ABOVE}")
    header = f"{'method':<44}{'F1m':>7}{'acc':>7}{'n':>7}"
    out("")
    out(header)
    full = score_items(items, sent.ALL_RULES, "all rules")
    full_pred = [sent.score_label(s) for s in full]
    ref = macro_f1(gold, full_pred)
    out(row("target_sentiment (all rules)", gold, full_pred))
    for line in baselines(items, gold):
        out(line)
    out("")
    out("Ablation (each rule removed in turn; last column = change in F1m)")
    out(header + f"{'dF1m':>8}")
    out(row("all rules", gold, full_pred, ref))
    for name in sent.RULE_NAMES:
        scores = score_items(items, sent.ALL_RULES - {name}, f"without {name}")
        out(row(f"  without {name}", gold, [sent.score_label(s) for s in scores], ref))
    scores = score_items(items, (), "no rules")
    out(row("no rules (VADER+TextBlob, mention masked)", gold,
            [sent.score_label(s) for s in scores], ref))
    out("")
    out("Confusion matrix, target_sentiment (all rules)")
    for line in confusion(gold, full_pred):
        out(line)
    if do_sweep:
        out("")
        out("Threshold sweep (tuning aid: use on --split dev only)")
        for line in sweep(gold, full):
            out(line)
    out("")
    out(f"elapsed {time.perf_counter() - t0:.1f} s")


def main(argv: Sequence[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="NewsMTSC-format jsonl file")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="holdout",
                        help="which part to score (default: holdout)")
    parser.add_argument("--results", type=Path,
                        help="also write the metrics (numbers only, no data) to this CSV")
    parser.add_argument("--sweep", action="store_true",
                        help="also print a threshold sweep (dev split only)")
    args = parser.parse_args(argv)
    if args.sweep and args.split != "dev":
        parser.error("--sweep tunes thresholds: use it with --split dev only")
    if not args.path.is_file():
        parser.error(f"{args.path}: no such file")
    run(args.path, args.split, args.sweep)
    if args.results:
        write_results(args.results, args.path, args.split)


def write_results(target: Path, path: Path, split: str) -> None:
    """Write the printed metrics with the split and file they came from."""
    import csv

    seen = set()
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "split", "method", "f1m", "accuracy", "n"], lineterminator="\n")
        writer.writeheader()
        for result in RESULTS:
            if result["method"] not in seen:
                seen.add(result["method"])
                writer.writerow({"file": path.name, "split": split, **result})


if __name__ == "__main__":
    main()
