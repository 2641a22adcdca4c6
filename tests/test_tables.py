"""load_table and write_tables: corpora and results as Parquet, JSON Lines and CSV files."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.io.tables import FORMATS


@pytest.fixture(scope="module")
def flat_units(units):
    """The bundled units without the tuple column (body_lines), which CSV cannot hold as such."""
    return units.drop(columns=["body_lines"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_units_round_trip_through_every_format(flat_units, tmp_path, fmt):
    written = ct.write_tables({"units": flat_units}, tmp_path / "out", format=fmt)
    assert written == {"units": tmp_path / "out" / f"units.{fmt}"}
    loaded = ct.load_table(written["units"])
    pd.testing.assert_frame_equal(loaded, flat_units)


def test_result_tables_round_trip_through_parquet_with_their_dtypes(tmp_path):
    units = pd.DataFrame({"unit_id": ["u1", "u2"], "text": [
        "Governor Okafor said the cartel carried out the attack. She called for calm.",
        "The ferry sank near Marvassa.",
    ]})
    tables = ct.measure_corpus(units, case="tests/data/case_ferry")
    written = ct.write_tables(tables, tmp_path, format="parquet")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.parquet" for name in tables)
    for name, table in tables.items():
        back = pd.read_parquet(written[name])
        pd.testing.assert_frame_equal(back, table, check_dtype=False, obj=name)
        kept = {c: str(t) for c, t in table.dtypes.items() if str(t) != "object"}  # object columns of strings come back as str
        assert {c: str(back[c].dtype) for c in kept} == kept
    assert len(tables["mentions"]) > 0


def test_without_unit_id_rows_are_numbered_from_one_after_the_file_stem(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("title,text\nOne,First text here.\nTwo,\"Second, with a comma\nand a line break.\"\n", encoding="utf-8")
    loaded = ct.load_table(path)
    assert loaded["unit_id"].tolist() == ["articles-1", "articles-2"]
    assert loaded.columns.tolist() == ["unit_id", "title", "text", "n_words"]
    assert loaded["text"].iloc[1] == "Second, with a comma\nand a line break."
    assert loaded["n_words"].tolist() == [3, 8]


def test_jsonl_integer_ids_become_strings_and_missing_keys_are_null(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"unit_id": 7, "text": "A.", "outlet": "X"}\n\n{"unit_id": 8, "text": "B b."}\n', encoding="utf-8")
    loaded = ct.load_table(path)
    assert loaded["unit_id"].tolist() == ["7", "8"]
    assert loaded["outlet"].iloc[0] == "X" and pd.isna(loaded["outlet"].iloc[1])
    assert loaded["n_words"].tolist() == [1, 2]


def test_a_loaded_table_is_measured_like_the_same_units(tmp_path, flat_units):
    sample = flat_units.iloc[[0, 4]]
    ct.write_tables({"sample": sample}, tmp_path, format="jsonl")
    loaded = ct.load_table(tmp_path / "sample.jsonl")
    pd.testing.assert_frame_equal(ct.sentences(loaded), ct.sentences(sample.reset_index(drop=True)))


# --------------------------------------------------------------------------- bad tables


def _csv(tmp_path, body: str, name: str = "bad.csv"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, words", [
    ("unit_id,body\na,Some text.\n", ["no 'text' column", "unit_id, body"]),
    ("unit_id,text\na,One.\nb,Two.\na,Three.\n", ["line 4", "row 3", "'a'", "repeats row 1"]),
    ("unit_id,text\na,One.\n,Two.\n", ["line 3", "row 2", "unit_id is empty"]),
    ("unit_id,text\na,One.\nb,  \n", ["line 3", "row 2", "'b'", "text is empty"]),
    ("unit_id,text\na,\"One.\nb,Two.\n", ["line 2", "quote"]),
    ("unit_id,text\na,One.,extra\n", ["line 2", "3 fields for 2 columns"]),
    ("unit_id,text,text\na,One.,Two.\n", ["line 1", "'text' appears twice"]),
    ("unit_id,text\n", ["no rows"]),
    ("", ["empty"]),
])
def test_bad_csv_is_refused_naming_file_line_and_row(tmp_path, body, words):
    path = _csv(tmp_path, body)
    with pytest.raises(ct.CorpusError) as caught:
        ct.load_table(path)
    assert str(path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


@pytest.mark.parametrize("lines, words", [
    (['{"unit_id": "a", "text": "One."}', '{"unit_id": "b", "text": 5}'], ["line 2", "row 2", "'b'", "must be a string", "int"]),
    (['{"unit_id": "a", "text": "One."}', '', '{"unit_id": "b", "text": null}'], ["line 3", "row 2", "text is missing"]),
    (['{"unit_id": "a", "text": "One."}', '{"unit_id": "b", "text": "Two."'], ["line 2", "not valid JSON"]),
    (['["a", "One."]'], ["line 1", "JSON object"]),
    (['{"unit_id": ["a"], "text": "One."}'], ["line 1", "row 1", "unit_id must be a string or an integer"]),
    (['{"unit_id": "a", "title": "One."}'], ["no 'text' column", "title"]),
])
def test_bad_jsonl_is_refused_naming_file_line_and_row(tmp_path, lines, words):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError) as caught:
        ct.load_table(path)
    assert str(path) in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_bad_parquet_rows_are_named_by_row(tmp_path):
    path = tmp_path / "bad.parquet"
    pd.DataFrame({"unit_id": ["a", "b", "c"], "text": ["One.", "Two.", None]}).to_parquet(path, index=False)
    with pytest.raises(ct.CorpusError, match=r"bad\.parquet: row 3 \(unit_id 'c'\): text is missing"):
        ct.load_table(path)
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    with pytest.raises(ct.CorpusError, match="not a readable Parquet file"):
        ct.load_table(garbage)


def test_format_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(ct.CorpusError, match="file is missing"):
        ct.load_table(tmp_path / "none.csv")
    odd = tmp_path / "corpus.tsv"
    odd.write_text("text\nOne.\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match=r"unknown table format '\.tsv'"):
        ct.load_table(odd)
    assert ct.load_table(odd, format="csv")["unit_id"].tolist() == ["corpus-1"]
    with pytest.raises(ValueError, match="format"):
        ct.load_table(odd, format="tsv")


def test_write_tables_refuses_bad_arguments_and_leaves_no_partial_file(tmp_path):
    table = pd.DataFrame({"a": [1]})
    with pytest.raises(ValueError, match="format"):
        ct.write_tables({"t": table}, tmp_path, format="xlsx")
    with pytest.raises(TypeError, match="mapping"):
        ct.write_tables([table], tmp_path)
    with pytest.raises(TypeError, match="'t'"):
        ct.write_tables({"t": [1, 2]}, tmp_path)
    with pytest.raises(ValueError, match="plain file name"):
        ct.write_tables({"../t": table}, tmp_path)
    mixed = pd.DataFrame({"value": pd.Series([1, "one"], dtype=object)})
    with pytest.raises(ValueError, match="table 'mixed' cannot be written as parquet"):
        ct.write_tables({"mixed": mixed}, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []
    ct.write_tables({"mixed": mixed}, tmp_path / "out", format="jsonl")
    assert [json.loads(line) for line in (tmp_path / "out" / "mixed.jsonl").read_text().splitlines()] == [{"value": 1}, {"value": "one"}]
