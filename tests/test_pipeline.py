"""measure_corpus: the six tables once, serially or on two Dask worker processes, identical
to calling the six public functions on the whole corpus."""

from __future__ import annotations

import importlib
import io
from itertools import pairwise
from pathlib import Path

import distributed
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.measure import pipeline
from corpus_tools.measure.pipeline import TABLES, partition_bounds, show_progress

FERRY = Path(__file__).resolve().parent / "data" / "case_ferry"
# Units with nothing to find: partitions of them return empty tables, which must not
# change the dtypes of the combined tables.
QUIET = pd.DataFrame({
    "unit_id": ["quiet-first", "quiet-last"],
    "text": ["The weather stayed mild all week.", "Nothing. Happened. Here."],
})


def direct(units: pd.DataFrame, case) -> dict[str, pd.DataFrame]:
    """The six public functions called once on all the units, each given the tables before it."""
    sents = ct.sentences(units)
    found = ct.find_mentions(units, case=case, sentence_table=sents)
    quoted = ct.quotes(units, case=case, sentence_table=sents, mentions=found)
    return {
        "sentences": sents,
        "mentions": found,
        "quotes": quoted,
        "sentiment": ct.sentiment_toward(units, case=case, sentence_table=sents, mentions=found),
        "blame": ct.blame_claims(units, case=case, sentence_table=sents, mentions=found, quote_table=quoted),
        "stance": ct.stance_statements(units, case=case, sentence_table=sents, mentions=found, quote_table=quoted),
    }


def assert_same(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)


@pytest.fixture(scope="module")
def client():
    """Two single-threaded worker processes, closed after the module."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0")
    client = distributed.Client(cluster)
    # import the package on both workers while this process computes the expected tables
    warming = [client.submit(importlib.import_module, "corpus_tools.measure.pipeline", workers=[address], pure=False)
               for address in client.nthreads()]
    yield client
    del warming
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def bundled(units):
    case = ct.load_case(Path(__file__).resolve().parents[1] / "corpus")
    return units, case, direct(units, case)


@pytest.fixture(scope="module")
def ferry():
    case = ct.load_case(FERRY)
    units = pd.concat([QUIET.iloc[:1], ct.load_corpus(FERRY), QUIET.iloc[1:]], ignore_index=True)
    return units, case, direct(units, case)


# --------------------------------------------------------------------------- identical results


def test_serial_one_unit_per_partition_is_identical(ferry):
    units, case, want = ferry
    assert len(partition_bounds(units, words=1)) == len(units)
    assert_same(ct.measure_corpus(units, case=case, partition_words=1), want)


def test_dask_on_two_worker_processes_is_identical_on_the_bundled_corpus(client, bundled):
    units, case, want = bundled
    assert len(client.nthreads()) == 2
    got = ct.measure_corpus(units, case=case, engine="dask", client=client)
    assert_same(got, want)
    assert all(len(got[name]) > 0 for name in TABLES)


def test_dask_is_identical_on_the_ferry_case_one_unit_per_partition(ferry, client):
    units, case, want = ferry
    got = ct.measure_corpus(units, case=case, engine="dask", client=client, partition_words=1)
    assert_same(got, want)
    assert set(got["mentions"]["group"]) <= set(case.groups)  # the ferry case went to the workers


def test_dask_takes_the_default_client_before_starting_a_cluster(ferry, client, monkeypatch):
    units, case, _ = ferry

    def refuse(*args, **kwargs):
        raise AssertionError("a LocalCluster was started although a client is running")

    monkeypatch.setattr(distributed, "LocalCluster", refuse)
    with client.as_current():
        got = ct.measure_corpus(units.iloc[:3], case=case, engine="dask")
    assert_same(got, direct(units.iloc[:3], case))


def test_dask_without_a_client_starts_a_local_cluster_and_closes_it(ferry, monkeypatch):
    units, case, _ = ferry
    started, real_cluster = [], distributed.LocalCluster

    def small_cluster(**kwargs):
        started.append((kwargs, real_cluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0")))
        return started[-1][1]

    def no_client():
        raise ValueError("No clients found")

    monkeypatch.setattr(distributed, "default_client", no_client)
    monkeypatch.setattr(distributed, "LocalCluster", small_cluster)
    got = ct.measure_corpus(units.iloc[1:3], case=case, engine="dask")
    assert len(started) == 1 and started[0][0]["processes"] is True
    assert started[0][1].status.name == "closed"
    assert_same(got, direct(units.iloc[1:3], case))


def test_an_empty_units_table_gives_six_empty_tables():
    got = ct.measure_corpus(pd.DataFrame({"unit_id": pd.Series(dtype="str"), "text": pd.Series(dtype="str")}))
    assert list(got) == list(TABLES) and all(len(t) == 0 for t in got.values())


# --------------------------------------------------------------------------- partitions


@pytest.mark.parametrize("lengths, words, at_least", [
    ([10] * 7, 1, 1), ([600, 6, 6, 6, 600, 6], 100, 1), ([6] * 5, 10_000, 4), ([6] * 3, 10_000, 8), ([1200, 6, 6, 6], 100, 2),
])
def test_partitions_are_contiguous_non_empty_and_cover_every_unit_once(lengths, words, at_least):
    units = pd.DataFrame({"text": ["x" * n for n in lengths]})
    bounds = partition_bounds(units, words=words, at_least=at_least)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(units)
    assert all(a < b for a, b in bounds) and all(b == c for (_, b), (c, _) in pairwise(bounds))
    assert len(bounds) == min(len(units), max(at_least, -(-sum(n + 1 for n in lengths) // (words * pipeline.CHARS_PER_WORD))))


@pytest.mark.parametrize("lengths, words, multiple_of, expected", [
    ([10] * 9, 6, 2, 4), ([10] * 9, 6, 3, 3), ([10] * 9, 6, 1, 3), ([10] * 3, 1, 2, 3), ([10] * 9, 1, 4, 9),
])
def test_partitions_come_in_multiples_of_the_worker_threads_while_units_last(lengths, words, multiple_of, expected):
    units = pd.DataFrame({"text": ["x" * n for n in lengths]})  # 99 characters: 3 partitions of 6 words (36)
    bounds = partition_bounds(units, words=words, multiple_of=multiple_of)
    assert len(bounds) == expected
    assert bounds[0][0] == 0 and bounds[-1][1] == len(units) and all(b == c for (_, b), (c, _) in pairwise(bounds))


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("units, error, words", [
    ([{"unit_id": "a", "text": "x"}], TypeError, ["units", "DataFrame", "list"]),
    (pd.DataFrame({"unit_id": ["a"], "body": ["x"]}), ValueError, ["'text'", "body"]),
    (pd.DataFrame({"text": ["x"]}), ValueError, ["'unit_id'"]),
    (pd.DataFrame({"unit_id": ["a", "b", "a"], "text": ["x", "y", "z"]}), ValueError, ["'unit_id'", "'a'", "rows 0 and 2"]),
    (pd.DataFrame({"unit_id": ["a", None], "text": ["x", "y"]}), ValueError, ["'unit_id'", "missing", "row 1"]),
    (pd.DataFrame({"unit_id": [1, 2], "text": ["x", "y"]}), TypeError, ["'unit_id'", "strings", "row 0"]),
    (pd.DataFrame({"unit_id": ["a", " "], "text": ["x", "y"]}), ValueError, ["'unit_id'", "empty", "row 1"]),
    (pd.DataFrame({"unit_id": ["a", "b"], "text": ["x", None]}, dtype=object), TypeError, ["'text'", "row 1", "'b'"]),
    (pd.DataFrame({"unit_id": ["a", "b"], "text": ["x", 3.5]}), TypeError, ["'text'", "row 1", "float"]),
])
def test_bad_units_are_refused_naming_the_column_and_row(units, error, words):
    with pytest.raises(error) as caught:
        ct.measure_corpus(units)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("options, error, word", [
    ({"engine": "spark"}, ValueError, "engine"),
    ({"engine": "serial", "client": object()}, ValueError, "client"),
    ({"engine": "dask", "client": "tcp://scheduler:8786"}, TypeError, "client"),
    ({"progress": "yes"}, TypeError, "progress"),
    ({"partition_words": 0}, ValueError, "partition_words"),
    ({"partition_words": 2.5}, TypeError, "partition_words"),
    ({"case": 3}, TypeError, "case"),
])
def test_bad_options_are_refused_by_name(options, error, word):
    units = pd.DataFrame({"unit_id": ["a"], "text": ["Nothing here."]})
    with pytest.raises(error, match=word):
        ct.measure_corpus(units, **options)


# --------------------------------------------------------------------------- progress


def test_progress_bar_on_request_counts_units_and_is_quiet_otherwise(ferry, capsys):
    _, case, _ = ferry
    small = pd.DataFrame({"unit_id": list("abcd"), "text": ["Okafor spoke.", "She left.", "It rained.", "The ferry sailed."]})
    ct.measure_corpus(small, case=case, partition_words=1, progress=True)
    shown = capsys.readouterr().err
    assert "measure_corpus" in shown and "4/4" in shown
    ct.measure_corpus(small, case=case, partition_words=1)  # automatic: off under pytest
    ct.measure_corpus(small, case=case, partition_words=1, progress=False)
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_automatic_progress_only_on_a_terminal_outside_tests_and_notebooks(monkeypatch):
    assert show_progress(True) is True and show_progress(False) is False
    assert show_progress(None) is False  # under pytest
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.delitem(__import__("sys").modules, "ipykernel", raising=False)
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert show_progress(None) is True
    monkeypatch.setattr("sys.stderr", io.StringIO())  # redirected to a file or pipe
    assert show_progress(None) is False
    monkeypatch.setattr("sys.stderr", _Terminal())
    monkeypatch.setitem(__import__("sys").modules, "ipykernel", object())  # a notebook kernel
    assert show_progress(None) is False
