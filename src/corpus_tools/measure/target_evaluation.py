"""Scoring helpers for the target sentiment model: macro F1, accuracy, sentence bootstrap.

Kept apart from training so they need only numpy, and so the same definitions score the
model and the baselines.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["LABELS", "accuracy", "bootstrap_by_group", "confusion", "macro_f1"]

LABELS = ("negative", "neutral", "positive")


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Unweighted mean of the per-class F1 over the three labels.

    Args:
        gold: gold labels.
        pred: predicted labels, same length.

    Returns:
        Macro F1 in [0, 1] (a class never gold nor predicted scores 0).
    """
    scores = []
    for cls in LABELS:
        tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
        wrong = sum((g == cls) != (p == cls) for g, p in zip(gold, pred))
        scores.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    return float(np.mean(scores))


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of predictions equal to the gold label (0 for no items)."""
    return sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0


def confusion(gold: Sequence[str], pred: Sequence[str]) -> list[list[int]]:
    """Confusion counts, gold label down (``LABELS`` order), predicted across."""
    return [[sum(g == a and p == b for g, p in zip(gold, pred)) for b in LABELS] for a in LABELS]


def bootstrap_by_group(gold: Sequence[str], preds: dict[str, Sequence[str]], groups: Sequence[str], *,
                       n_boot: int = 2000, seed: int = 0) -> dict[str, dict[str, list[float]]]:
    """95% percentile intervals of macro F1 and accuracy, resampling whole groups.

    All methods are scored on the same resamples, so their intervals are comparable
    and the paired differences to the first method are given too.

    Args:
        gold: gold labels.
        preds: method name -> predicted labels (first entry is the reference).
        groups: the group (sentence) of each item; a resample draws groups with
            replacement and keeps all their items.
        n_boot: number of resamples.
        seed: seed of numpy's default generator.

    Returns:
        Method -> {"macro_f1": [low, high], "accuracy": [low, high]}; other methods
        also get "macro_f1_diff_to_<first>": [low, high] (first minus method).
    """
    code = {label: k for k, label in enumerate(LABELS)}
    keys = sorted(set(groups))
    key_index = {k: i for i, k in enumerate(keys)}
    group_of = np.array([key_index[g] for g in groups])
    cells = {name: np.array([code[g] * 3 + code[p] for g, p in zip(gold, pred)]) for name, pred in preds.items()}
    rng = np.random.default_rng(seed)
    names = list(preds)
    draws = {name: np.zeros((n_boot, 2)) for name in names}
    for b in range(n_boot):
        times_drawn = np.bincount(rng.integers(0, len(keys), size=len(keys)), minlength=len(keys))
        item_weight = times_drawn[group_of]
        for name in names:
            counts = np.bincount(cells[name], weights=item_weight, minlength=9).reshape(3, 3)
            draws[name][b] = _f1_and_accuracy(counts)
    out: dict[str, dict[str, list[float]]] = {}
    for name in names:
        out[name] = {"macro_f1": _interval(draws[name][:, 0]), "accuracy": _interval(draws[name][:, 1])}
        if name != names[0]:
            out[name][f"macro_f1_diff_to_{names[0]}"] = _interval(draws[names[0]][:, 0] - draws[name][:, 0])
    return out


def _f1_and_accuracy(counts: np.ndarray) -> tuple[float, float]:
    """Macro F1 and accuracy from a 3x3 confusion matrix (gold down, predicted across)."""
    tp = np.diag(counts)
    denom = counts.sum(axis=0) + counts.sum(axis=1)
    f1 = np.divide(2 * tp, denom, out=np.zeros(3), where=denom > 0)
    total = counts.sum()
    return float(f1.mean()), float(tp.sum() / total) if total else 0.0


def _interval(values: Sequence[float]) -> list[float]:
    """2.5th and 97.5th percentiles, rounded to 4 decimals."""
    low, high = np.percentile(np.asarray(values), [2.5, 97.5])
    return [round(float(low), 4), round(float(high), 4)]
