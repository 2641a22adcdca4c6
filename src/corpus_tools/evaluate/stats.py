"""Small statistics shared by the analyses: seeded bootstrap intervals."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DEFAULT_SEED = 20211107  # the date of the attack: any fixed number makes runs repeatable


def bootstrap_mean_ci(
    values: Sequence[float], *, n_boot: int = 2000, level: float = 0.95, seed: int = DEFAULT_SEED
) -> tuple[float, float, float]:
    """Mean of ``values`` with a percentile bootstrap interval, reproducible by ``seed``.

    Args:
        values: The observations (e.g. one score per mention).
        n_boot: Number of resamples.
        level: Coverage of the interval.
        seed: Seed of the random generator.

    Returns:
        (mean, low, high); with one value the interval is that value; with none, NaNs.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return (float("nan"),) * 3
    mean = float(data.mean())
    if data.size == 1:
        return mean, mean, mean
    rng = np.random.default_rng(seed)
    means = data[rng.integers(0, data.size, size=(n_boot, data.size))].mean(axis=1)
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail])
    return mean, float(low), float(high)


def bootstrap_diff_ci(
    first: Sequence[float], second: Sequence[float], *, n_boot: int = 2000, level: float = 0.95, seed: int = DEFAULT_SEED
) -> tuple[float, float, float]:
    """Difference of means (first minus second) with a percentile bootstrap interval.

    Each sample is resampled on its own. An interval that includes 0 does not support
    a difference.

    Returns:
        (difference, low, high); NaNs when either sample is empty.
    """
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if a.size == 0 or b.size == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    diffs = (a[rng.integers(0, a.size, size=(n_boot, a.size))].mean(axis=1)
             - b[rng.integers(0, b.size, size=(n_boot, b.size))].mean(axis=1))
    tail = (1 - level) / 2
    low, high = np.quantile(diffs, [tail, 1 - tail])
    diff = float(a.mean() - b.mean())
    return diff, float(low), float(high)
