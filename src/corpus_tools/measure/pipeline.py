"""Measure a whole corpus once: sentences, mentions and quotes shared by every measure.

:func:`measure_corpus` computes the six tables of the package in one pass and hands
each stage's table to the next, so nothing is split, searched or attributed twice::

    sentences -> mentions -> quotes -> sentiment (toward the case's target), blame, stance

Units are independent, so the corpus is cut into contiguous partitions of whole units.
Each partition is measured with the same public functions, serially or on the workers
of a ``dask.distributed`` cluster, and the partitions' tables are concatenated in the
units' order: both engines give the same rows, order and dtypes as calling the six
functions once on the whole corpus.
"""

from __future__ import annotations

import logging
import math
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd

from corpus_tools.extract.mentions import find_mentions
from corpus_tools.extract.speech import quotes
from corpus_tools.io.case import Case, resolve_case
from corpus_tools.measure.blame import blame_claims
from corpus_tools.measure.sentiment import sentiment_toward
from corpus_tools.measure.stance import stance_statements
from corpus_tools.text.tokenizing import sentences

TABLES = ("sentences", "mentions", "quotes", "sentiment", "blame", "stance")
STACKED = ("mentions", "quotes")  # built by concatenating one table per unit
ENGINES = ("serial", "dask")
PARTITION_WORDS = 50_000
CHARS_PER_WORD = 6  # partitions are cut by characters: about this many per word
PROGRESS_DELAY = 2.0  # seconds before an automatic progress bar shows (short runs stay quiet)
DASHBOARD = "127.0.0.1:0"  # a LocalCluster started here serves its dashboard on a free local port
# A LocalCluster started here runs without the workers' statistical profiler, which samples the
# measuring thread every 10 ms and cost about a tenth of the workers' CPU time.
OWN_CLUSTER_CONFIG = {"distributed.worker.profile.enabled": False}


# --------------------------------------------------------------------------- checking


def check_units(units: Any) -> None:
    """Check that ``units`` is a table measure_corpus can partition.

    Args:
        units: Should be a DataFrame with a ``unit_id`` column of unique, non-empty
            strings and a ``text`` column of strings.

    Raises:
        TypeError: ``units`` is not a DataFrame, or an id or a text is not a string.
        ValueError: a column is missing, or an id is missing, empty or repeated.
    """
    if not isinstance(units, pd.DataFrame):
        raise TypeError(f"units must be a pandas DataFrame (e.g. from load_corpus or load_table), not {type(units).__name__}")
    for column in ("unit_id", "text"):
        if column not in units.columns:
            raise ValueError(f"units has no {column!r} column (columns: {', '.join(map(str, units.columns))})")
    seen: dict[str, int] = {}
    for row, (unit_id, text) in enumerate(zip(units["unit_id"], units["text"])):
        if not isinstance(unit_id, str):
            if unit_id is None or (isinstance(unit_id, float) and math.isnan(unit_id)):
                raise ValueError(f"units: column 'unit_id' is missing in row {row}")
            raise TypeError(f"units: column 'unit_id' must hold strings; row {row} holds {type(unit_id).__name__} {unit_id!r}")
        if not unit_id.strip():
            raise ValueError(f"units: column 'unit_id' is empty in row {row}")
        if unit_id in seen:
            raise ValueError(f"units: column 'unit_id' repeats {unit_id!r} (rows {seen[unit_id]} and {row})")
        seen[unit_id] = row
        if not isinstance(text, str):
            raise TypeError(f"units: column 'text' must hold strings; row {row} (unit_id {unit_id!r}) holds {type(text).__name__} {text!r}")


def _check_options(engine: Any, client: Any, progress: Any, partition_words: Any) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(map(repr, ENGINES))}, not {engine!r}")
    if client is not None and engine != "dask":
        raise ValueError("client is used only with engine='dask'")
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None (automatic), not {progress!r}")
    if isinstance(partition_words, bool) or not isinstance(partition_words, int):
        raise TypeError(f"partition_words must be an int, not {type(partition_words).__name__}")
    if partition_words < 1:
        raise ValueError(f"partition_words must be at least 1, not {partition_words}")


# --------------------------------------------------------------------------- one partition


def measure_partition(units: pd.DataFrame, *, case: Case, sentiment_rules: bool = False) -> dict[str, pd.DataFrame]:
    """The six tables of some units, each stage reusing the tables before it.

    This is the serial pipeline that both engines run on every partition.

    Args:
        units: Units with unit_id and text (already checked).
        case: The resolved case.
        sentiment_rules: Add the rule-based scorer's columns to the sentiment table.

    Returns:
        A dict with the tables named in :data:`TABLES`.
    """
    sents = sentences(units)
    found = find_mentions(units, case=case, sentence_table=sents)
    quoted = quotes(units, case=case, sentence_table=sents, mentions=found)
    return {
        "sentences": sents,
        "mentions": found,
        "quotes": quoted,
        "sentiment": sentiment_toward(units, case=case, sentence_table=sents, mentions=found,
                                      rules=sentiment_rules),
        "blame": blame_claims(units, case=case, sentence_table=sents, mentions=found, quote_table=quoted),
        "stance": stance_statements(units, case=case, sentence_table=sents, mentions=found, quote_table=quoted),
    }


def partition_bounds(units: pd.DataFrame, *, words: int, at_least: int = 1, multiple_of: int = 1) -> list[tuple[int, int]]:
    """Cut the units into contiguous row ranges of about ``words`` words each.

    Args:
        units: Units with a text column.
        words: Target size of a partition (counted as :data:`CHARS_PER_WORD` characters a word).
        at_least: The smallest number of partitions wanted (no more than there are units).
        multiple_of: Round the number of partitions up to a multiple of this (the worker
            threads, so that no thread is left with the last partition alone).

    Returns:
        ``[(first_row, end_row), ...]`` covering every row once, in order; a unit is never split.
    """
    n = len(units)
    if n == 0:
        return []
    reach = np.cumsum(units["text"].str.len().to_numpy(dtype="float64") + 1.0)
    count = max(math.ceil(reach[-1] / (words * CHARS_PER_WORD)), at_least)
    count = min(-(-count // multiple_of) * multiple_of, n)
    edges = [0]
    for k in range(1, count):
        end = int(np.searchsorted(reach, reach[-1] * k / count)) + 1  # through the unit that reaches the k-th share
        edges.append(min(max(end, edges[-1] + 1), n - (count - k)))  # every partition keeps a unit
    edges.append(n)
    return list(pairwise(edges))


def _stack(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables built per unit: empty ones too, as the library stacks its units'."""
    return pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0].reset_index(drop=True)


def _rows(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables built from rows: the dtypes are inferred from every row at once."""
    filled = [t for t in tables if len(t)]
    if not filled:  # no rows anywhere: the empty table exactly as the function builds it
        return tables[0]
    out = pd.concat(filled, ignore_index=True) if len(filled) > 1 else filled[0].reset_index(drop=True)
    for column in out.columns:
        if len({str(t[column].dtype) for t in filled}) > 1:  # parts disagree (e.g. a part whose values are all None)
            out[column] = pd.Series(out[column].tolist(), dtype=None)
    return out


def combine(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate the partitions' tables in order, as one run over all their units builds them.

    ``mentions`` and ``quotes`` stack per-unit tables (a unit with none still counts
    towards the dtypes); the other tables are built from all rows at once (dtypes
    inferred from the values).

    Args:
        parts: :func:`measure_partition` results, in the units' order.

    Returns:
        A dict with the tables named in :data:`TABLES`.
    """
    return {name: (_stack if name in STACKED else _rows)([part[name] for part in parts]) for name in TABLES}


# --------------------------------------------------------------------------- progress


def _in_notebook() -> bool:
    if "ipykernel" in sys.modules:
        return True
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    return type(shell).__name__ == "ZMQInteractiveShell"


def show_progress(progress: bool | None) -> bool:
    """Whether to draw a progress bar: ``progress`` if given, else only on a terminal.

    Args:
        progress: True or False to decide; None: on when stderr is a terminal and the
            code runs neither in a notebook nor under pytest.

    Returns:
        True to draw the bar.
    """
    if progress is not None:
        return progress
    if "PYTEST_CURRENT_TEST" in os.environ or _in_notebook():
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _bar(progress: bool | None, *, total: int, unit: str):
    from tqdm import tqdm

    return tqdm(total=total, unit=unit, desc="measure_corpus", file=sys.stderr, disable=not show_progress(progress),
                delay=PROGRESS_DELAY if progress is None else 0.0, leave=progress is True)


# --------------------------------------------------------------------------- engines


def _run_serial(units: pd.DataFrame, case: Case, bounds: list[tuple[int, int]], progress: bool | None,
                rules: bool) -> list[dict]:
    parts = []
    with _bar(progress, total=len(units), unit="unit") as bar:
        for start, end in bounds:
            parts.append(measure_partition(units.iloc[start:end], case=case, sentiment_rules=rules))
            bar.update(end - start)
    return parts


@contextmanager
def _dask_client(client: Any) -> Iterator[Any]:
    """The given client, else the current default client, else a LocalCluster closed on exit."""
    import dask
    from distributed import Client, LocalCluster, default_client

    if client is not None:
        if not isinstance(client, Client):
            raise TypeError(f"client must be a dask.distributed Client, not {type(client).__name__}")
        yield client
        return
    try:
        running = default_client()
    except ValueError:  # no client is running
        running = None
    if running is not None:
        yield running
        return
    with dask.config.set(OWN_CLUSTER_CONFIG):  # the worker processes take the configuration they start with
        cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=DASHBOARD, silence_logs=logging.ERROR)
    try:
        with Client(cluster) as own:
            yield own
    finally:
        cluster.close()


def _threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def _run_dask(units: pd.DataFrame, case: Case, client: Any, words: int, progress: bool | None,
              rules: bool) -> list[dict]:
    from distributed import as_completed

    with _dask_client(client) as active:
        threads = _threads(active)
        bounds = partition_bounds(units, words=words, at_least=2 * threads, multiple_of=threads)
        case_on_workers = active.scatter(case, broadcast=True)  # one copy per worker: its caches persist
        # The units travel inside the tasks rather than scattered ahead: a task that holds
        # its own data waits on the scheduler and goes to whichever worker is free next.
        futures = [active.submit(measure_partition, units.iloc[a:b], case=case_on_workers, sentiment_rules=rules, pure=False)
                   for a, b in bounds]
        order = {future.key: k for k, future in enumerate(futures)}
        parts: list[dict | None] = [None] * len(futures)
        try:
            with _bar(progress, total=len(futures), unit="partition") as bar:
                for future in as_completed(futures):
                    parts[order[future.key]] = future.result()
                    bar.update(1)
        finally:
            active.cancel([*futures, case_on_workers])
    return parts


def measure_corpus(
    units: pd.DataFrame,
    *,
    case: Case | str | os.PathLike | None = None,
    engine: str = "serial",
    client: Any = None,
    progress: bool | None = None,
    partition_words: int = PARTITION_WORDS,
    sentiment_rules: bool = False,
) -> dict[str, pd.DataFrame]:
    """Compute every table of the package once, sharing sentences, mentions and quotes.

    Args:
        units: The units table (:func:`corpus_tools.load_corpus` or
            :func:`corpus_tools.load_table`): unique string ``unit_id``, string ``text``.
        case: The case (a Case or the path of a case file or folder; None: the bundled
            corpus's). It is resolved here, then sent to the workers.
        engine: ``"serial"`` (this process) or ``"dask"`` (the workers of a
            ``dask.distributed`` cluster).
        client: For ``engine="dask"``: the Client to use; None takes the current default
            client, or else starts a LocalCluster (one process per core) and closes it after.
        progress: Draw a tqdm bar on stderr (per unit for serial, per partition for Dask).
            None: only on a terminal, after two seconds, never in notebooks or tests.
        partition_words: About how many words each partition holds (Dask also makes at
            least two partitions per worker thread). Units are never split.
        sentiment_rules: Also score the sentiment table's sentences with the rule-based
            scorer (``rules=True`` of :func:`corpus_tools.sentiment_toward`).

    Returns:
        Tables ``sentences``, ``mentions``, ``quotes``, ``sentiment`` (toward the case's
        target), ``blame`` and ``stance``, equal to calling :func:`corpus_tools.sentences`,
        :func:`corpus_tools.find_mentions`, :func:`corpus_tools.quotes`,
        :func:`corpus_tools.sentiment_toward`, :func:`corpus_tools.blame_claims` and
        :func:`corpus_tools.stance_statements` on the whole corpus, each given the tables before it.

    Raises:
        TypeError: ``units`` is not a DataFrame, an id or text is not a string, or an
            option has the wrong type.
        ValueError: a column is missing, an id is missing or repeated, or ``engine`` is unknown.
    """
    check_units(units)
    _check_options(engine, client, progress, partition_words)
    case = resolve_case(case)
    if len(units) == 0:
        return measure_partition(units, case=case, sentiment_rules=sentiment_rules)
    if engine == "serial":
        parts = _run_serial(units, case, partition_bounds(units, words=partition_words), progress, sentiment_rules)
    else:
        parts = _run_dask(units, case, client, partition_words, progress, sentiment_rules)
    return combine(parts)
