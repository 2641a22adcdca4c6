"""Copies of one case unpickled in a process (as on a Dask worker, once per run) are one object."""

from __future__ import annotations

import pickle
from pathlib import Path

import corpus_tools as ct

FERRY = Path(__file__).parent / "data" / "case_ferry" / "case.toml"


def test_equal_cases_unpickle_to_one_object_and_different_cases_do_not():
    bundled = [pickle.loads(pickle.dumps(ct.load_case(ct.find_corpus_dir()))) for _ in range(2)]
    ferry = pickle.loads(pickle.dumps(ct.load_case(FERRY)))
    assert bundled[0] is bundled[1]
    assert ferry is not bundled[0]
    assert ferry.target != bundled[0].target
    original = ct.load_case(FERRY)
    copy = pickle.loads(pickle.dumps(original))
    assert copy.actor_groups == original.actor_groups and copy.gazetteer.equals(original.gazetteer)
