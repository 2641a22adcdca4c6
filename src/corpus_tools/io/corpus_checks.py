"""Checks of the corpus loader's inputs: encodings, line ends, CSV tables, names, dates, hashes.

Every check raises :class:`CorpusError` naming the file, the line and the problem.
"""

from __future__ import annotations

import calendar
import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path


class CorpusError(ValueError):
    """A corpus file is missing, altered, malformed or inconsistent."""

    def __init__(self, file: str | os.PathLike, problem: str, *, line: int | None = None):
        where = f"{file}, line {line}" if line is not None else f"{file}"
        super().__init__(f"{where}: {problem}")
        self.file = str(file)
        self.line = line
        self.problem = problem


BOM = "\ufeff"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LINE_END = re.compile(r"\r\n|\r|\n")
_LINE_END_BYTES = re.compile(rb"\r\n|\r|\n")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_INVISIBLE = frozenset({"Cc", "Cf"})


# --------------------------------------------------------------------------- bytes and lines


def line_of(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counting LF, CRLF and CR as line ends."""
    return len(_LINE_END_BYTES.findall(data, 0, offset)) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes at one parity of offsets, and many of them: ASCII-range characters in UTF-16."""
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    nuls = even + odd
    return nuls >= 2 and max(even, odd) >= 0.9 * nuls and nuls * 32 >= len(data)


def decode(path: str | os.PathLike, data: bytes) -> str:
    """Decode a file's UTF-8 bytes, dropping byte-order marks (U+FEFF).

    Raises:
        CorpusError: for UTF-16 (with or without a byte-order mark), NUL bytes, or
            bytes that are not UTF-8, naming the line.
    """
    if data.startswith(_UTF16_BOMS):
        raise CorpusError(path, "looks like UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8", line=1)
    nul = data.find(b"\0")
    if nul >= 0:
        if _looks_like_utf16(data):
            raise CorpusError(path, "looks like UTF-16 (NUL bytes between the characters): save it as UTF-8", line=1)
        raise CorpusError(path, f"NUL byte (\\x00) at byte {nul}", line=line_of(data, nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(path, f"bytes that are not UTF-8 at byte {err.start}", line=line_of(data, err.start)) from None
    return text.replace(BOM, "")


def split_lines(text: str) -> list[str]:
    """Split at LF, CRLF and CR alike, as editors number lines (a final line end leaves '')."""
    return _LINE_END.split(text)


def is_blank(line: str) -> bool:
    """True for a line of only whitespace, zero-width and other invisible (Cc, Cf) characters."""
    return not line.strip() or all(ch.isspace() or unicodedata.category(ch) in _INVISIBLE for ch in line)


# --------------------------------------------------------------------------- csv tables


def csv_rows(path: Path) -> Iterator[tuple[int, int, list[str]]]:
    """The non-empty rows of a CSV file with the lines they run over (the one CSV reader
    of corpus tables: metadata, segmentation, single-table corpora).

    Args:
        path: The CSV file (UTF-8, with or without a byte-order mark; any line ends).

    Yields:
        (line where the row starts, line where it ends, its fields), header included.

    Raises:
        CorpusError: malformed quoting, naming the line where the row starts.
    """
    reader = csv.reader(io.StringIO(decode(path, path.read_bytes()), newline=""), strict=True)
    start = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if str(err) == "unexpected end of data":
                problem = "a quote opened in the row starting on this line is never closed (it runs to the end of the file)"
            else:
                problem = (f"malformed quoting ({err}) in the row starting on this line and ending on line "
                           f"{reader.line_num}: is a quote opened on this line not closed?")
            raise CorpusError(path, problem, line=start) from None
        line, end, start = start, reader.line_num, reader.line_num + 1
        if fields:
            yield line, end, fields


def read_table(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    *,
    allow_extra: bool = False,
    multiline: tuple[str, ...] = (),
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV table, checking its header, quoting and field counts.

    Args:
        path: The CSV file (UTF-8, with or without a byte-order mark; any line ends).
        required: Columns that must be present.
        optional: Columns that may be present.
        allow_extra: Accept other columns too (else they are refused as unknown).
        multiline: Columns whose values may hold line breaks (quoted).

    Returns:
        The column names (stripped), and (line where the row starts, row) pairs with
        stripped values.
    """
    if not path.is_file():
        raise CorpusError(path, "file is missing")
    columns: list[str] | None = None
    rows = []
    for line, end, fields in csv_rows(path):
        if columns is None:
            columns = _check_header(path, line, [c.strip() for c in fields], required, optional, allow_extra)
            continue
        spans = f" (the row runs from line {line} to line {end}: is a quote opened on line {line} not closed?)" if end > line else ""
        if len(fields) != len(columns):
            raise CorpusError(path, f"wrong number of fields: {len(fields)} for {len(columns)} columns{spans}", line=line)
        for column, value in zip(columns, fields):
            if column not in multiline and ("\n" in value or "\r" in value):
                raise CorpusError(path, f"{column} holds a line break{spans}", line=line)
        rows.append((line, {c: v.strip() for c, v in zip(columns, fields)}))
    if columns is None:
        raise CorpusError(path, f"file is empty: it needs a header row naming the columns ({', '.join(required)}, ...)")
    return columns, rows


def check_column_names(path: Path, line: int, columns: list[str]) -> dict[str, int]:
    """Every column named, none twice; returns name -> column number (from 1)."""
    first_at: dict[str, int] = {}
    for number, column in enumerate(columns, start=1):
        if not column:
            raise CorpusError(path, f"column {number} has no name", line=line)
        if column in first_at:
            raise CorpusError(path, f"column {column!r} appears twice (columns {first_at[column]} and {number})", line=line)
        first_at[column] = number
    return first_at


def _check_header(
    path: Path, line: int, columns: list[str], required: tuple[str, ...], optional: tuple[str, ...], allow_extra: bool
) -> list[str]:
    first_at = check_column_names(path, line, columns)
    missing = [c for c in required if c not in first_at]
    if missing:
        raise CorpusError(path, f"missing required column(s): {', '.join(missing)}", line=line)
    unknown = [c for c in columns if c not in required + optional]
    if unknown and not allow_extra:
        raise CorpusError(path, f"unknown column(s): {', '.join(unknown)}", line=line)
    return columns


# --------------------------------------------------------------------------- values


def check_source_name(path: Path, line: int, name: str) -> str:
    """A ``source_file`` must be a plain path relative to ``raw/`` with forward slashes."""
    if not name:
        raise CorpusError(path, "empty source_file", line=line)
    if "\\" in name:
        raise CorpusError(path, f"source_file {name!r} holds a backslash: write the path relative to raw/ with '/'", line=line)
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise CorpusError(path, f"source_file {name!r} is an absolute path: give the path relative to raw/", line=line)
    parts = name.split("/")
    if ".." in parts:
        raise CorpusError(path, f"source_file {name!r} points outside raw/", line=line)
    if any(part in ("", ".") for part in parts):
        raise CorpusError(path, f"source_file {name!r} has an empty or '.' folder: write it as a plain path relative to raw/", line=line)
    return name


def check_date(path: Path, line: int, value: str, *, row: str = "") -> str:
    """A date is empty, YYYY, YYYY-MM or YYYY-MM-DD with a real month and day; returned as given."""
    if not value:
        return value
    match = _DATE.fullmatch(value)
    if not match:
        raise CorpusError(path, f"date {value!r} is not ISO (YYYY-MM-DD, YYYY-MM or YYYY) or empty{row}", line=line)
    year, month, day = (int(g) if g else None for g in match.groups())
    if year == 0:
        raise CorpusError(path, f"date {value!r}: there is no year 0000{row}", line=line)
    if month is not None and not 1 <= month <= 12:
        raise CorpusError(path, f"date {value!r} has month {month:02d}: months run from 01 to 12{row}", line=line)
    if day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise CorpusError(path, f"date {value!r} is not a real date: {year:04d}-{month:02d} has {days} days{row}", line=line)
    return value


def check_sha256(path: Path, line: int, value: str, *, row: str = "") -> str:
    """An optional sha256 must be 64 hex digits."""
    if value and not _SHA256.fullmatch(value):
        raise CorpusError(path, f"sha256 {value!r} is not a sha256: must be 64 hex digits{row}", line=line)
    return value
