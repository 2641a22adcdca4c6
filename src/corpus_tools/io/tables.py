"""Corpora and results as single table files: Parquet, JSON Lines or CSV.

A folder of text files (:func:`corpus_tools.load_corpus`) suits a few hundred articles;
a large corpus usually comes as one table with a ``text`` column and metadata columns.
:func:`load_table` reads such a file into the units table the measures take, checking
every row, and :func:`write_tables` writes the tables of
:func:`corpus_tools.measure_corpus` (or any tables) to a folder.

Rules of :func:`load_table`:

* the format comes from the suffix (``.parquet``/``.pq``, ``.jsonl``/``.ndjson``,
  ``.csv``) unless ``format=`` is given;
* ``text`` is required: every row's text must be a string with a visible character;
* ``unit_id`` is optional: without the column, row N (counting data rows from 1) gets the
  id ``<file stem>-N`` (``articles.csv`` -> ``articles-1``, ``articles-2``, ...); with it,
  every id must be a non-empty string (integers are written as decimal strings) and unique;
* CSV files are UTF-8 (a byte-order mark is dropped) and every value is read as a string;
  JSON Lines hold one JSON object per line (blank lines are skipped; a key missing from a
  line is null there);
* ``n_words`` is computed from ``text`` as :func:`corpus_tools.load_corpus` counts it,
  replacing a column of that name;
* problems raise :class:`corpus_tools.CorpusError` naming the file, the row and, for CSV
  and JSON Lines, the line where the row starts.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpus_tools.io.corpus import count_words
from corpus_tools.io.corpus_checks import CorpusError, check_column_names, csv_rows, decode, is_blank

SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
FORMATS = ("parquet", "jsonl", "csv")
_TABLE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*")


# --------------------------------------------------------------------------- reading


def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(map(repr, FORMATS))}, not {format!r}")
        return format
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CorpusError(path, f"unknown table format {suffix or '(no suffix)'!r}: use .parquet, .jsonl or .csv, or pass format=")
    return SUFFIXES[suffix]


def _read_csv(path: Path) -> tuple[pd.DataFrame, list[int]]:
    header: list[str] | None = None
    rows, lines = [], []
    for line, _, fields in csv_rows(path):
        if header is None:
            header = [name.strip() for name in fields]
            _check_header(path, header, line)
            continue
        if len(fields) != len(header):
            raise CorpusError(path, f"row {len(rows) + 1} has {len(fields)} fields for {len(header)} columns", line=line)
        rows.append(fields)
        lines.append(line)
    if header is None:
        raise CorpusError(path, "file is empty: it needs a header row naming the columns (text, ...)")
    frame = pd.DataFrame(rows, columns=header, dtype="str") if rows else pd.DataFrame(columns=header)
    return frame, lines


def _check_header(path: Path, header: list[str], line: int) -> None:
    check_column_names(path, line, header)


def _read_jsonl(path: Path) -> tuple[pd.DataFrame, list[int]]:
    records, lines = [], []
    for number, raw in enumerate(decode(path, path.read_bytes()).splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise CorpusError(path, f"not valid JSON ({err.msg} at column {err.colno})", line=number) from None
        if not isinstance(record, dict):
            raise CorpusError(path, f"each line must be a JSON object ({{...}}), not {type(record).__name__}", line=number)
        records.append(record)
        lines.append(number)
    return pd.DataFrame.from_records(records) if records else pd.DataFrame(), lines


def _read_parquet(path: Path) -> pd.DataFrame:
    try:
        return pd.read_parquet(path, engine="pyarrow")
    except (OSError, ValueError) as err:  # pyarrow's ArrowInvalid is a ValueError
        raise CorpusError(path, f"not a readable Parquet file: {err}") from None


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _where(lines: list[int], row: int) -> int | None:
    return lines[row - 1] if lines else None


def _unit_ids(path: Path, frame: pd.DataFrame, lines: list[int]) -> list[str]:
    if "unit_id" not in frame.columns:
        return [f"{path.stem}-{row}" for row in range(1, len(frame) + 1)]
    ids, first = [], {}
    for row, value in enumerate(frame["unit_id"], start=1):
        if isinstance(value, str):
            unit_id = value.strip()
        elif _is_missing(value):
            unit_id = ""
        elif isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) and float(value).is_integer():
            unit_id = str(int(value))
        else:
            raise CorpusError(path, f"row {row}: unit_id must be a string or an integer, not {type(value).__name__} {value!r}",
                              line=_where(lines, row))
        if not unit_id:
            raise CorpusError(path, f"row {row}: unit_id is empty", line=_where(lines, row))
        if unit_id in first:
            raise CorpusError(path, f"row {row}: unit_id {unit_id!r} repeats row {first[unit_id]}", line=_where(lines, row))
        first[unit_id] = row
        ids.append(unit_id)
    return ids


def _check_texts(path: Path, frame: pd.DataFrame, ids: list[str], lines: list[int]) -> None:
    for row, (unit_id, text) in enumerate(zip(ids, frame["text"]), start=1):
        if _is_missing(text):
            raise CorpusError(path, f"row {row} (unit_id {unit_id!r}): text is missing", line=_where(lines, row))
        if not isinstance(text, str):
            raise CorpusError(path, f"row {row} (unit_id {unit_id!r}): text must be a string, not {type(text).__name__} {text!r}",
                              line=_where(lines, row))
        if is_blank(text):
            raise CorpusError(path, f"row {row} (unit_id {unit_id!r}): text is empty", line=_where(lines, row))


def load_table(path: str | os.PathLike, *, format: str | None = None) -> pd.DataFrame:
    """Read a corpus from one table file: one row per unit, a ``text`` column, any metadata.

    Args:
        path: A ``.parquet``, ``.jsonl`` or ``.csv`` file (see the module's rules).
        format: ``"parquet"``, ``"jsonl"`` or ``"csv"`` to override the suffix.

    Returns:
        The units table: ``unit_id`` first (given or derived), then the file's other
        columns in their order, with ``n_words`` computed from ``text``.

    Raises:
        CorpusError: the file is missing, unreadable or malformed, has no ``text``
            column, or a row has a missing, repeated or non-string id or text, naming
            the file, the row and (CSV, JSON Lines) the line.
        ValueError: ``format`` is not one of :data:`FORMATS`.
    """
    path = Path(path)
    kind = _format_of(path, format)
    if not path.is_file():
        raise CorpusError(path, "file is missing")
    if kind == "csv":
        frame, lines = _read_csv(path)
    elif kind == "jsonl":
        frame, lines = _read_jsonl(path)
    else:
        frame, lines = _read_parquet(path), []
    if "text" not in frame.columns:
        found = ", ".join(map(str, frame.columns)) or "none"
        raise CorpusError(path, f"no 'text' column (columns: {found})")
    if len(frame) == 0:
        raise CorpusError(path, "holds no rows: a corpus needs at least one unit")
    ids = _unit_ids(path, frame, lines)
    _check_texts(path, frame, ids, lines)
    frame = frame.drop(columns=[c for c in ("unit_id",) if c in frame.columns])
    frame.insert(0, "unit_id", pd.Series(ids, dtype="str", index=frame.index))
    words = [count_words(text) for text in frame["text"]]
    if "n_words" in frame.columns:
        frame["n_words"] = pd.Series(words, dtype="int64", index=frame.index)
    else:
        frame.insert(len(frame.columns), "n_words", pd.Series(words, dtype="int64", index=frame.index))
    return frame.reset_index(drop=True)


# --------------------------------------------------------------------------- writing


def _write_one(table: pd.DataFrame, path: Path, format: str) -> None:
    if format == "parquet":
        table.to_parquet(path, index=False, engine="pyarrow")
    elif format == "csv":
        table.to_csv(path, index=False, lineterminator="\n")
    else:
        table.to_json(path, orient="records", lines=True, force_ascii=False)


def write_tables(tables: Mapping[str, pd.DataFrame], folder: str | os.PathLike, *, format: str = "parquet") -> dict[str, Path]:
    """Write each table to ``folder/<name>.<format>``, e.g. the result of measure_corpus.

    Args:
        tables: Table name -> DataFrame; names are file names without a suffix
            (letters, digits, ``_``, ``.``, ``-``).
        folder: Created if needed; files of the same names are replaced.
        format: ``"parquet"`` (default; keeps dtypes), ``"jsonl"`` or ``"csv"``.

    Returns:
        Table name -> the path written.

    Raises:
        TypeError: ``tables`` is not a mapping of names to DataFrames.
        ValueError: an unknown format, a name that is not a plain file name, or a table
            whose values the format cannot hold (naming the table).
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(map(repr, FORMATS))}, not {format!r}")
    if not isinstance(tables, Mapping):
        raise TypeError(f"tables must be a mapping of names to DataFrames, not {type(tables).__name__}")
    for name, table in tables.items():
        if not isinstance(name, str) or not _TABLE_NAME.fullmatch(name):
            raise ValueError(f"table name {name!r} is not a plain file name (letters, digits, '_', '.', '-')")
        if not isinstance(table, pd.DataFrame):
            raise TypeError(f"table {name!r} must be a DataFrame, not {type(table).__name__}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, table in tables.items():
        path = folder / f"{name}.{format}"
        partial = path.with_name(path.name + ".partial")
        try:
            _write_one(table, partial, format)
        except (ValueError, TypeError, OverflowError) as err:  # pyarrow's conversion errors are among these
            partial.unlink(missing_ok=True)
            raise ValueError(f"table {name!r} cannot be written as {format}: {err}") from err
        os.replace(partial, path)
        written[name] = path
    return written
