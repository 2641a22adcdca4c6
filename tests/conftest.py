"""Shared fixtures: the project corpus, and a factory for small crafted corpora."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

import corpus_tools as ct

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def units():
    return ct.load_corpus(CORPUS)


@pytest.fixture(scope="session")
def sents(units):
    return ct.sentences(units)


@pytest.fixture(scope="session")
def toks(units):
    return ct.tokens(units)


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the project corpus (raw files, metadata, segmentation)."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS / "raw", target / "raw")
    for name in ("metadata.csv", "segmentation.csv"):
        shutil.copy(CORPUS / name, target / name)
    return target


def write_small_corpus(root: Path, files: dict[str, bytes], *, with_hash: bool = True) -> Path:
    """Write raw files and a metadata.csv (no segmentation) under ``root``."""
    (root / "raw").mkdir(parents=True)
    rows = ["source_file,sha256,publisher,outlet,author,date,genre,title"]
    for name, data in files.items():
        (root / "raw" / name).write_bytes(data)
        digest = hashlib.sha256(data).hexdigest() if with_hash else ""
        rows.append(f"{name},{digest},Pub,Outlet,Someone,2021-11-07,news,Title of {name}")
    (root / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root
