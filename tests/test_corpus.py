"""The project corpus loads as fourteen authored units, and bad input fails loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, write_small_corpus

import corpus_tools as ct
from corpus_tools.io.corpus import UNIT_COLUMNS, UNIT_EXTRA_COLUMNS

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
    with pytest.raises(ct.CorpusError, match=r"raw/b\.txt: unit 'b' has no text"):
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


def test_unknown_segmentation_column(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", ",credit,", ",credits,")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 1: unknown column\(s\): credits"):
        ct.load_corpus(corpus_copy)


def test_unlisted_raw_file_is_not_ignored(corpus_copy):
    (corpus_copy / "raw" / "005_extra.txt").write_text("A new article.", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"005_extra\.txt: not listed in metadata\.csv"):
        ct.load_corpus(corpus_copy)


def test_bad_date(tmp_path):
    root = write_small_corpus(tmp_path / "c", {"a.txt": b"text\n"})
    _replace(root / "metadata.csv", "2021-11-07", "7 Nov 2021")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 2: date '7 Nov 2021' is not ISO"):
        ct.load_corpus(root)


# --------------------------------------------------------------------------- hardening
# Each test below is an input class a fuzz run found mishandled: it must load correctly or
# stop with a CorpusError naming the file, the line or row, and the problem.

HEADER = "source_file,publisher,outlet,author,date,genre,title"


def _row(name: str, *, date: str = "2021-11-07", title: str = "") -> str:
    return f"{name},Pub,Outlet,Someone,{date},news,{title or 'Title of ' + name}"


def _corpus(root, files: dict[str, bytes], metadata: list[str] | None = None, *, header: str = HEADER) -> Path:
    """Raw files (subfolders allowed) and a metadata.csv of the given rows (default: one per file)."""
    for name, data in files.items():
        (root / "raw" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "raw" / name).write_bytes(data)
    rows = [_row(name) for name in files] if metadata is None else metadata
    (root / "metadata.csv").write_bytes(("\n".join([header, *rows]) + "\n").encode("utf-8"))
    return root


# Data corruption: one id, two files.

def test_same_stem_in_a_subfolder_gives_two_units_with_their_own_text(tmp_path):
    root = _corpus(tmp_path, {"article.txt": b"Top text.\n", "2022/article.txt": b"Nested text.\n"})
    units = ct.load_corpus(root)
    assert units["unit_id"].tolist() == ["2022/article", "article"]
    assert units["source_file"].tolist() == ["2022/article.txt", "article.txt"]
    assert units["text"].tolist() == ["Nested text.", "Top text."]


def test_same_stem_with_another_suffix_case_is_refused_naming_both(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"one\n", "a.TXT": b"two\n"})
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 2: raw/a\.TXT \(line 3\) and raw/a\.txt would both be unit 'a'"):
        ct.load_corpus(root)


# Silent loss.

def test_listed_file_in_a_subfolder_loads_with_its_relative_path(tmp_path):
    root = _corpus(tmp_path, {"2021/nov/x.txt": b"Deep.\n", "y.txt": b"Flat.\n"})
    units = ct.load_corpus(root)
    assert units["source_file"].tolist() == ["2021/nov/x.txt", "y.txt"]
    assert units["unit_id"].tolist() == ["2021/nov/x", "y"]


def test_upper_case_suffix_is_loaded_when_listed(tmp_path):
    root = _corpus(tmp_path, {"LOUD.TXT": b"Shout.\n"})
    assert ct.load_corpus(root)["unit_id"].tolist() == ["LOUD"]


@pytest.mark.parametrize("unlisted", ["sub/extra.txt", "deep/er/extra.txt", "EXTRA.TXT", "extra.Txt"])
def test_unlisted_raw_file_anywhere_under_raw_is_refused(tmp_path, unlisted):
    root = _corpus(tmp_path, {"a.txt": b"text\n", unlisted: b"more\n"}, [_row("a.txt")])
    with pytest.raises(ct.CorpusError, match=rf"raw/{re.escape(unlisted)}: not listed in metadata\.csv"):
        ct.load_corpus(root)


def test_unlisted_file_differing_only_in_case_gets_a_hint(tmp_path):
    root = _corpus(tmp_path, {"A.txt": b"text\n"}, [_row("a.txt")])
    with pytest.raises(ct.CorpusError, match=r"raw/A\.txt: not listed .*line 2 lists 'a\.txt': names are case-sensitive"):
        ct.load_corpus(root)


def test_hidden_files_and_folders_are_not_sources(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"text\n", ".ipynb_checkpoints/a-checkpoint.txt": b"x\n", ".hidden.txt": b"y\n"},
                   [_row("a.txt")])
    assert ct.load_corpus(root)["unit_id"].tolist() == ["a"]


def test_file_without_a_segmentation_row_is_refused_naming_it(corpus_copy):
    seg = corpus_copy / "segmentation.csv"
    seg.write_text("".join(ln for ln in seg.read_text(encoding="utf-8").splitlines(keepends=True)
                           if not ln.startswith("003-brief,")), encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv: no unit for raw/003_298e8f6d201a8252\.txt "
                                             r"\(listed in metadata\.csv line 5\)"):
        ct.load_corpus(corpus_copy)


def test_header_only_segmentation_is_refused_naming_a_file(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"text\n"})
    (root / "segmentation.csv").write_text("unit_id,source_file,body\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv: no unit for raw/a\.txt"):
        ct.load_corpus(root)


def test_file_names_match_across_unicode_normalisation(tmp_path):
    import unicodedata
    nfd = unicodedata.normalize("NFD", "café.txt")
    root = _corpus(tmp_path, {nfd: b"text\n"}, [_row("café.txt")])
    assert ct.load_corpus(root)["source_file"].tolist() == ["café.txt"]


# Accepted garbage.

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_refused(tmp_path, encoding):
    root = _corpus(tmp_path, {"a.txt": "Plain words\nand more words.\n".encode(encoding)})
    with pytest.raises(ct.CorpusError, match=r"raw/a\.txt, line 1: looks like UTF-16"):
        ct.load_corpus(root)


def test_nul_byte_is_refused_with_its_line(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"first line\nsecond line\nthird \x00 line\n"})
    with pytest.raises(ct.CorpusError, match=r"raw/a\.txt, line 3: NUL byte"):
        ct.load_corpus(root)


def test_byte_order_marks_are_not_text(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"\xef\xbb\xbfFirst.\n\xef\xbb\xbfSecond.\n"})
    units = ct.load_corpus(root)
    assert units.loc[0, "text"] == "First.\n\nSecond."
    assert units.loc[0, "body_lines"] == (1, 2)


@pytest.mark.parametrize("date, problem", [
    ("2021-02-30", r"date '2021-02-30' is not a real date: 2021-02 has 28 days"),
    ("2020-02-30", r"date '2020-02-30' is not a real date: 2020-02 has 29 days"),
    ("2021-04-31", r"is not a real date: 2021-04 has 30 days"),
    ("2021-00-10", r"date '2021-00-10' has month 00"),
    ("2021-13", r"date '2021-13' has month 13"),
    ("2021-11-00", r"is not a real date"),
    ("0000", r"there is no year 0000"),
    ("21-11-07", r"is not ISO"),
    ("2021-1-7", r"is not ISO"),
    ("٢٠٢١", r"is not ISO"),
])
def test_impossible_dates_are_refused(tmp_path, date, problem):
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, [_row("a.txt", date=date)])
    with pytest.raises(ct.CorpusError, match=rf"metadata\.csv, line 2: .*{problem}.*row for 'a\.txt'"):
        ct.load_corpus(root)


def test_impossible_date_in_segmentation_is_refused(corpus_copy):
    _replace(corpus_copy / "segmentation.csv", "Andrew L. Peek,2021-11-08", "Andrew L. Peek,2021-11-31")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 9: date '2021-11-31' is not a real date.*'002-peek'"):
        ct.load_corpus(corpus_copy)


def test_repeated_column_is_refused_naming_it(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, [_row("a.txt") + ",Other title"], header=HEADER + ",title")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 1: column 'title' appears twice \(columns 7 and 8\)"):
        ct.load_corpus(root)


@pytest.mark.parametrize("name, problem", [
    ("../outside.txt", "points outside raw/"),
    ("sub/../../outside.txt", "points outside raw/"),
    ("/etc/outside.txt", "is an absolute path"),
    ("C:/outside.txt", "is an absolute path"),
    ("sub\\a.txt", "holds a backslash"),
    ("./a.txt", "has an empty or '.' folder"),
    ("sub//a.txt", "has an empty or '.' folder"),
])
def test_source_file_must_stay_inside_raw(tmp_path, name, problem):
    (tmp_path / "outside.txt").write_text("outside\n", encoding="utf-8")
    root = _corpus(tmp_path / "c", {"a.txt": b"text\n"}, [_row(name)])
    with pytest.raises(ct.CorpusError, match=rf"metadata\.csv, line 2: source_file {re.escape(repr(name))} {re.escape(problem)}"):
        ct.load_corpus(root)


def test_body_of_only_invisible_characters_is_refused(tmp_path):
    invisible = "\u200b\u200c\u200d\u2060\ufeff \u00ad\n\u200b\n".encode()
    root = _corpus(tmp_path, {"a.txt": b"text\n", "z.txt": invisible})
    with pytest.raises(ct.CorpusError, match=r"raw/z\.txt: unit 'z' has no text"):
        ct.load_corpus(root)


def test_segmented_unit_of_only_invisible_characters_is_refused_naming_its_file(tmp_path):
    root = _corpus(tmp_path, {"a.txt": "Text\n\u200b\u2060\n".encode()})
    (root / "segmentation.csv").write_text("unit_id,source_file,body\nu1,a.txt,1\nu2,a.txt,2\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"segmentation\.csv, line 3: unit 'u2' has no text: its body lines in raw/a\.txt"):
        ct.load_corpus(root)


def test_lines_of_invisible_characters_are_blank_not_paragraphs(tmp_path):
    root = _corpus(tmp_path, {"a.txt": "One.\n\u200b\u200b\nTwo\u200dthree.\n".encode()})
    units = ct.load_corpus(root)
    assert units.loc[0, "text"] == "One.\n\nTwo\u200dthree."  # a joiner inside a word is kept
    assert units.loc[0, "body_lines"] == (1, 3)


# Unclear errors.

def test_excel_byte_order_mark_in_csv_files_is_accepted(corpus_copy):
    for name in ("metadata.csv", "segmentation.csv"):
        path = corpus_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert ct.load_corpus(corpus_copy).equals(ct.load_corpus(CORPUS))


def test_unclosed_quote_running_to_the_end_is_blamed_on_the_csv_line(tmp_path):
    rows = [_row("a.txt"), _row("b.txt", title='"Unclosed title'), _row("c.txt"), _row("d.txt")]
    root = _corpus(tmp_path, {n: b"text\n" for n in ("a.txt", "b.txt", "c.txt", "d.txt")}, rows)
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 3: a quote opened .* is never closed"):
        ct.load_corpus(root)


def test_unclosed_quote_closed_by_a_later_quote_is_blamed_on_the_line_where_it_opens(tmp_path):
    rows = [_row("a.txt"), _row("b.txt", title='"Unclosed title'), _row("c.txt"), _row("d.txt", title='"Quoted, fine"')]
    root = _corpus(tmp_path, {n: b"text\n" for n in ("a.txt", "b.txt", "c.txt", "d.txt")}, rows)
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 3: .*quote opened on (this )?line (3 )?not closed"):
        ct.load_corpus(root)


def test_line_break_inside_a_quoted_title_is_refused(tmp_path):
    rows = [_row("a.txt", title='"Two\nlines"')]
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, rows)
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv, line 2: title holds a line break \(the row runs from line 2 to line 3"):
        ct.load_corpus(root)


def test_multiline_description_is_fine(tmp_path):
    rows = [_row("a.txt") + ',"Two\nlines, with a comma"', _row("b.txt") + ",one"]
    root = _corpus(tmp_path, {"a.txt": b"text\n", "b.txt": b"more\n"}, rows, header=HEADER + ",description")
    assert ct.load_corpus(root)["unit_id"].tolist() == ["a", "b"]


@pytest.mark.parametrize("digest", ["abc123", "g" * 64, "0" * 63, "0" * 65])
def test_malformed_sha256_is_not_reported_as_an_altered_file(tmp_path, digest):
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, [f"a.txt,{digest},Pub,Outlet,Someone,2021-11-07,news,T"],
                   header="source_file,sha256,publisher,outlet,author,date,genre,title")
    with pytest.raises(ct.CorpusError, match=rf"metadata\.csv, line 2: sha256 '{digest}' is not a sha256: must be 64 hex digits"):
        ct.load_corpus(root)


@pytest.mark.parametrize("line_end", [b"\r\n", b"\r"])
def test_crlf_and_cr_line_ends_number_lines_like_lf(corpus_copy, line_end):
    for path in [*(corpus_copy / "raw").iterdir(), corpus_copy / "metadata.csv", corpus_copy / "segmentation.csv"]:
        path.write_bytes(path.read_bytes().replace(b"\n", line_end))
    meta = corpus_copy / "metadata.csv"
    meta.write_bytes(re.sub(rb",[0-9a-f]{64},", b",,", meta.read_bytes()))  # the hashes were of the LF files
    assert ct.load_corpus(corpus_copy).equals(ct.load_corpus(CORPUS))
    assert ct.corpus_lines(corpus_copy).equals(ct.corpus_lines(CORPUS))


def test_empty_metadata_file_is_named(tmp_path):
    root = _corpus(tmp_path, {"a.txt": b"text\n"})
    (root / "metadata.csv").write_bytes(b"")
    with pytest.raises(ct.CorpusError, match=r"metadata\.csv: file is empty"):
        ct.load_corpus(root)


# Friction.

@pytest.mark.parametrize("date", ["2021", "2021-11", "2021-11-07", "2024-02-29", ""])
def test_partial_dates_are_kept_as_given(tmp_path, date):
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, [_row("a.txt", date=date)])
    assert ct.load_corpus(root).loc[0, "date"] == date


def test_extra_metadata_columns_follow_the_standard_ones(tmp_path):
    rows = [_row("b.txt") + ",https://b.example,x", _row("a.txt") + ",https://a.example,y"]
    root = _corpus(tmp_path, {"a.txt": b"text\n", "b.txt": b"more\n"}, rows, header=HEADER + ",url,mood")
    units = ct.load_corpus(root)
    assert units.columns.tolist() == UNIT_COLUMNS + UNIT_EXTRA_COLUMNS + ["url", "mood"]
    assert units[["unit_id", "url", "mood"]].values.tolist() == [["a", "https://a.example", "y"], ["b", "https://b.example", "x"]]


def test_extra_columns_reach_every_unit_of_a_segmented_file(corpus_copy):
    meta = corpus_copy / "metadata.csv"
    lines = meta.read_text(encoding="utf-8").splitlines()
    meta.write_text("\n".join([lines[0] + ",url", *(ln + f",u{i}" for i, ln in enumerate(lines[1:]))]) + "\n", encoding="utf-8")
    units = ct.load_corpus(corpus_copy)
    assert units.drop(columns="url").equals(ct.load_corpus(CORPUS))
    assert (units[units.source_file.str.startswith("002_")]["url"] == "u2").all()


@pytest.mark.parametrize("column", ["text", "n_words", "unit_id", "body_lines", "_line"])
def test_extra_column_may_not_replace_a_computed_one(tmp_path, column):
    root = _corpus(tmp_path, {"a.txt": b"text\n"}, [_row("a.txt") + ",x"], header=HEADER + f",{column}")
    with pytest.raises(ct.CorpusError, match=rf"metadata\.csv, line 1: reserved column name\(s\) {column}: the loader computes"):
        ct.load_corpus(root)


# Order.

def test_order_does_not_depend_on_row_order_or_file_creation(corpus_copy, tmp_path):
    for name in ("metadata.csv", "segmentation.csv"):
        path = corpus_copy / name
        head, *rows = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join([head, *reversed(rows)]) + "\n", encoding="utf-8")
    assert ct.load_corpus(corpus_copy).equals(ct.load_corpus(CORPUS))
    assert ct.corpus_lines(corpus_copy).equals(ct.corpus_lines(CORPUS))
    names = ["b.txt", "a/z.txt", "a.txt", "B.txt"]
    first = ct.load_corpus(_corpus(tmp_path / "one", {n: n.encode() for n in names}))
    second = ct.load_corpus(_corpus(tmp_path / "two", {n: n.encode() for n in reversed(names)}))
    assert first.equals(second)
    assert first["source_file"].tolist() == sorted(names)
