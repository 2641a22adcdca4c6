"""The project corpus loads as fourteen authored units, and bad input fails loudly."""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, write_small_corpus

import corpus_tools as ct

UNIT_IDS = [
    "000-rubin", "001-intro", "001-spyer", "001-knights", "001-abdul-hussain",
    "002-intro", "002-sales", "002-peek", "002-slavin", "002-pfaff", "002-warrick",
    "002-zais", "003-brief", "004-report",
]


def test_fourteen_units_with_the_contract_columns(units):
    assert units["unit_id"].tolist() == UNIT_IDS
    assert units.columns[:10].tolist() == [
        "unit_id", "source_file", "outlet", "publisher", "author", "date", "genre",
        "title", "text", "n_words",
    ]


@pytest.mark.parametrize("unit_id, outlet, publisher, author, date", [
    ("000-rubin", "The National Interest", "The National Interest", "Michael Rubin", "2021-11-07"),
    ("001-spyer", "Wall Street Journal", "AIJAC", "Jonathan Spyer", "2021-11-08"),
    ("001-knights", "Fikra Forum (The Washington Institute for Near East Policy)", "AIJAC", "Michael Knights", "2021-11-09"),
    ("001-abdul-hussain", "The National Interest", "AIJAC", "Hussain Abdul-Hussain", "2021-11-10"),
    ("001-intro", "AIJAC", "AIJAC", "AIJAC staff", "2021-11-12"),
    ("002-warrick", "Atlantic Council", "Atlantic Council", "Thomas S. Warrick", "2021-11-08"),
    ("003-brief", "(not stated)", "(not stated)", "", ""),
    ("004-report", "Arab News", "Arab News", "", ""),
])
def test_outlet_publisher_author_date(units, unit_id, outlet, publisher, author, date):
    row = units.set_index("unit_id").loc[unit_id]
    assert (row.outlet, row.publisher, row.author, row.date) == (outlet, publisher, author, date)


def test_dates_are_iso_or_empty(units):
    assert all(d == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in units["date"])


# Counted by hand from the source files (whitespace-separated words holding a letter
# or digit; a hyphenated word is one word, a lone dash is none).
HAND_COUNTED_WORDS = {"002-slavin": 135, "002-peek": 192, "002-intro": 159, "001-intro": 361}


@pytest.mark.parametrize("unit_id, expected", sorted(HAND_COUNTED_WORDS.items()))
def test_hand_counted_word_counts(units, unit_id, expected):
    assert units.set_index("unit_id").loc[unit_id, "n_words"] == expected


def test_count_words_rule():
    assert ct.count_words("Iran’s ill-advised strike — in 2020 — failed .") == 6


def test_metadata_parts_are_not_analysed_text(units):
    by_id = units.set_index("unit_id")
    knights = by_id.loc["001-knights"]
    assert "Photo:" in knights.captions and "Photo:" not in knights.text
    assert "Jill and Jay Bernstein Fellow" in knights.bio
    assert "Jill and Jay Bernstein Fellow" not in knights.text
    # Rubin's dek repeats a body sentence: it is counted once.
    rubin = by_id.loc["000-rubin"]
    dek_sentence = "both the motive and tactics suggest either Iran"
    assert dek_sentence in rubin.dek and rubin.text.count(dek_sentence) == 1
    # His headings are part of his text.
    assert "The Disappointing Kadhimi" in rubin.text


def test_boilerplate_is_in_no_unit(units):
    all_text = "\n".join(units["text"])
    for fragment in ("RELATED ARTICLES", "RECENT POSTS", "Jump to a reaction", "SIGN UP FOR AIJAC",
                     "Tom Warrick:", "Readers may also be interested", "Image: Reuters"):
        assert fragment not in all_text


def test_every_source_line_is_accounted_for():
    lines = ct.corpus_lines(CORPUS)
    assert set(lines["part"]) <= {"title", "dek", "byline", "dateline", "caption", "bio", "credit", "body", "boilerplate"}
    boiler = lines[lines.part == "boilerplate"]
    assert boiler["unit_id"].eq("").all()
    assert "RELATED ARTICLES" in boiler["text"].tolist()
    assert "Tom Warrick: There needs to be consequences for those responsible" in boiler["text"].tolist()


def test_find_corpus_dir_walks_up(monkeypatch, tmp_path):
    monkeypatch.chdir(CORPUS / "raw")
    assert ct.find_corpus_dir() == CORPUS
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ct.CorpusError, match="no corpus/ folder"):
        ct.find_corpus_dir()


# --------------------------------------------------------------------------- a user's corpus


def test_folder_without_segmentation_loads_one_unit_per_file(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"First line.\n\nSecond para.\n", "b.txt": "Iran’s move.".encode()})
    units = ct.load_corpus(root)
    assert units["unit_id"].tolist() == ["a", "b"]
    assert units.loc[0, "text"] == "First line.\n\nSecond para."
    assert units.loc[1, "title"] == "Title of b.txt"
    assert units["n_words"].tolist() == [4, 2]


# --------------------------------------------------------------------------- bad input


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_raw_file(corpus_copy):
    (corpus_copy / "raw" / "003_298e8f6d201a8252.txt").unlink()
    with pytest.raises(ct.CorpusError, match=r"003_298e8f6d201a8252\.txt: file is missing"):
        ct.load_corpus(corpus_copy)


def test_hash_mismatch(corpus_copy):
    path = corpus_copy / "raw" / "004_05851526156f2ea5.txt"
    path.write_bytes(path.read_bytes().replace(b"Orton", b"Ortan", 1))
    with pytest.raises(ct.CorpusError, match=r"004_05851526156f2ea5\.txt: sha256 differs from metadata\.csv line 6"):
        ct.load_corpus(corpus_copy)


def test_bytes_that_are_not_utf8(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"good line\nbad \xff byte\n"})
    with pytest.raises(ct.CorpusError, match=r"a\.txt, line 2: bytes that are not UTF-8"):
        ct.load_corpus(root)


def test_empty_unit(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"text\n", "b.txt": b"  \n\n"})
    with pytest.raises(ct.CorpusError, match=r"raw/b\.txt: empty unit 'b'"):
        ct.load_corpus(root)


def test_duplicate_unit_id(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", "002-peek,", "002-sales,")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 9: duplicate unit_id '002-sales' \(first at line 8\)"):
        ct.load_corpus(corpus_copy)


def test_line_range_outside_the_file(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", ",1-32\n", ",1-40\n")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 15: body: line range 1-40 is outside .* \(32 lines\)"):
        ct.load_corpus(corpus_copy)


def test_overlapping_line_ranges(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", ",45-47\n", ",39-47\n")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 9: 002-peek body 39-47 overlaps 002-sales body 35-39"):
        ct.load_corpus(corpus_copy)


def test_malformed_line_range(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", ",45-47\n", ",45..47\n")
    with pytest.raises(ct.CorpusError, match=r"line 9: body: malformed line range '45\.\.47'"):
        ct.load_corpus(corpus_copy)


def test_missing_metadata_column(corpus_copy):
    _replace(corpus_copy / "metadata.csv", "source_file,sha256,publisher,", "source_file,sha256,")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 1: missing required column\(s\): publisher"):
        ct.load_corpus(corpus_copy)


def test_unknown_column(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", "unit_id,source_file,", "unit_id,sourcefile,")
    with pytest.raises(ct.CorpusError, match=r"missing required column\(s\): source_file"):
        ct.load_corpus(corpus_copy)
    _replace(corpus_copy / "segmentation.csv", "unit_id,sourcefile,", "unit_id,source_file,")
    _replace(corpus_copy / "segmentation.csv", ",body\n", ",bodyy\n")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 1: missing required column\(s\): body"):
        ct.load_corpus(corpus_copy)


def test_unknown_extra_column(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"text\n"})
    _replace(root / "metadata.csv", ",title\n", ",title,mood\n")
    _replace(root / "metadata.csv", "Title of a.txt\n", "Title of a.txt,happy\n")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 1: unknown column\(s\): mood"):
        ct.load_corpus(root)


def test_unlisted_raw_file_is_not_ignored(corpus_copy):
    (corpus_copy / "raw" / "005_extra.txt").write_text("A new article.", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"005_extra\.txt: not listed in metadata\.csv"):
        ct.load_corpus(corpus_copy)


def test_bad_date(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"text\n"})
    _replace(root / "metadata.csv", "2021-11-07", "7 Nov 2021")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 2: date '7 Nov 2021' is not ISO"):
        ct.load_corpus(root)
