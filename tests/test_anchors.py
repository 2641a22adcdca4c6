"""Anchor words and the one-pass scanner give the same matches as running each pattern."""

from __future__ import annotations

import re
import sys

import pytest

from corpus_tools.text.anchors import FOLD_TABLE, AnchorIndex, anchor_words, first_chars, fold
from corpus_tools.text.multiscan import MultiScan, top_level_bar

TEXTS = [
    "The council blamed the mayor for the flooding; the mayor denied it.",
    "BLAMED BY ALL, the Harbour Board resigned.",
    "Nobody was blameless — the inquiry said so.",
    "The \u212aelvin-sign \u017fpelling and \u0130stanbul, \u0131stanbul differ.",
    "al-Qasimi and el Kasimy met Kassimi at the port.",
    "",
]
PATTERNS = [
    r"(?<!\w)blame[sd]\b",
    r"(?<![\w-])(?:deny|denied|denies)(?![\w-])",
    r"(?<!\w)(?:[aeu]l(?:\s*-\s*|\s+)?)?[kq]{1,2}h?'?a(?:'?a)?'?s{1,2}'?(?:y|[ie])m(?:[iy]|ee)(?!\w)",
    r"(?<!\w)(?-i:(?:H\.B\.?|HB))(?!\w)",
    r"(?<!\w)harbou?r\s+board(?!\w)",
    r"(?<!\w)skelvin|stanbul",
    r"\w+ing",
    r"x?",
]


def test_fold_table_lists_every_non_ascii_lookalike_of_an_ascii_character():
    ascii_class = re.compile("[" + re.escape("".join(map(chr, range(32, 127)))) + "]", re.IGNORECASE)
    found = {cp for cp in range(128, sys.maxunicode + 1) if not 0xD800 <= cp < 0xE000 and ascii_class.fullmatch(chr(cp))}
    assert found == set(FOLD_TABLE)


def test_anchor_words_of_simple_patterns():
    assert anchor_words(re.compile(r"(?<!\w)blame[sd]\b", re.I)) == {"blamed", "blames"}
    assert anchor_words(re.compile(r"x?yz")) == {"yz"}
    assert anchor_words(re.compile(r"a|bc")) is None  # a one-letter alternative: no anchor
    assert anchor_words(re.compile(r"\w+")) is None
    assert first_chars(re.compile(r"(?<!\w)(?:al\s+)?[kq]a", re.I)) == {"a", "k", "q"}
    assert first_chars(re.compile(r"x?")) is None


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("text", TEXTS)
def test_a_match_always_leaves_its_anchor(pattern, text):
    for flags in (0, re.IGNORECASE):
        rx = re.compile(pattern, flags)
        anchors = anchor_words(rx)
        if anchors is not None and rx.search(text):
            assert any(a in fold(text) for a in anchors)
        first = first_chars(rx)
        for m in rx.finditer(text):
            if first is not None and m.end() > m.start():
                assert fold(text[m.start()]) in first


def test_anchor_index_skips_only_patterns_that_cannot_match():
    rxs = [re.compile(p, re.IGNORECASE) for p in PATTERNS]
    index = AnchorIndex(rxs)
    for text in TEXTS:
        kept = index.candidates(fold(text))
        assert kept == sorted(kept)
        assert {k for k, rx in enumerate(rxs) if rx.search(text)} <= set(kept)
    assert index.candidates(fold("a quiet sea")) == sorted(index.always)


def test_top_level_bar():
    assert top_level_bar(r"a|b")
    assert not top_level_bar(r"(?:a|b)[|]\|")
    assert not top_level_bar(r"[]|](a)")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_multiscan_finds_what_finditer_finds(flags):
    rxs = [re.compile(p, flags) for p in PATTERNS]
    scan = MultiScan(rxs)
    assert scan.scan is not None and len(scan.alone) < len(rxs)
    for text in [*TEXTS, " ".join(TEXTS), "kasimi kassimikasimi qasimi-qasimi"]:
        assert scan.spans(text) == [[m.span() for m in rx.finditer(text)] for rx in rxs]
