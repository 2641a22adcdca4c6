"""Load a corpus folder into a table of authored units, validating every input.

A corpus folder holds:

* ``raw/*.txt``: the source files, never edited;
* ``metadata.csv``: one row per source file (``source_file``, ``publisher``, ``outlet``,
  ``author``, ``date``, ``genre``, ``title``; optional ``sha256`` and ``description``);
* ``segmentation.csv`` (optional): one row per unit, giving the line ranges of its
  body and of its title, dek, byline, dateline, captions, bio and credit lines.
  Without it, each source file is one unit whose body is the whole file.

Every problem raises :class:`CorpusError` naming the file, the line and the problem.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

METADATA_FILE = "metadata.csv"
SEGMENTATION_FILE = "segmentation.csv"
RAW_DIR = "raw"

METADATA_REQUIRED = ("source_file", "publisher", "outlet", "author", "date", "genre", "title")
METADATA_OPTIONAL = ("sha256", "description")
SEGMENT_PARTS = ("title", "dek", "byline", "dateline", "caption", "bio", "credit", "body")
SEGMENTATION_REQUIRED = ("unit_id", "source_file", "body")
SEGMENTATION_OPTIONAL = ("outlet", "publisher", "author", "date", "genre", *(p for p in SEGMENT_PARTS if p != "body"))

UNIT_COLUMNS = [
    "unit_id", "source_file", "outlet", "publisher", "author", "date", "genre",
    "title", "text", "n_words",
]
UNIT_EXTRA_COLUMNS = ["dek", "byline", "captions", "bio", "body_lines"]
LINE_COLUMNS = ["source_file", "line", "unit_id", "part", "text"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
PARAGRAPH_SEPARATOR = "\n\n"


class CorpusError(ValueError):
    """A corpus file is missing, altered, malformed or inconsistent."""

    def __init__(self, file: str | os.PathLike, problem: str, *, line: int | None = None):
        where = f"{file}, line {line}" if line is not None else f"{file}"
        super().__init__(f"{where}: {problem}")
        self.file = str(file)
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Segment:
    """One line range of one part of one unit, as declared in the segmentation file."""

    unit_id: str
    source_file: str
    part: str
    first: int
    last: int
    declared_at: int


# --------------------------------------------------------------------------- locating


def find_corpus_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the corpus folder: ``path`` itself, or the nearest ``corpus/`` walking up.

    Args:
        path: A corpus folder, or None to search upward from the current directory.

    Returns:
        The folder that holds ``raw/`` and ``metadata.csv``.
    """
    if path is not None:
        root = Path(path)
        if not root.is_dir():
            raise CorpusError(root, "corpus folder not found")
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "corpus"
        if (candidate / METADATA_FILE).is_file():
            return candidate
    raise CorpusError(here, "no corpus/ folder with a metadata.csv here or in any parent folder")


# --------------------------------------------------------------------------- csv files


def _read_csv(path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> list[tuple[int, dict]]:
    """Read a CSV into (line number, row) pairs, checking its columns."""
    if not path.is_file():
        raise CorpusError(path, "file is missing")
    text = _decode(path, path.read_bytes())
    reader = csv.DictReader(text.splitlines(keepends=True))
    columns = reader.fieldnames or []
    missing = [c for c in required if c not in columns]
    if missing:
        raise CorpusError(path, f"missing required column(s): {', '.join(missing)}", line=1)
    unknown = [c for c in columns if c not in required + optional]
    if unknown:
        raise CorpusError(path, f"unknown column(s): {', '.join(unknown)}", line=1)
    rows = []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            raise CorpusError(path, "wrong number of fields", line=reader.line_num)
        rows.append((reader.line_num, {k: v.strip() for k, v in row.items()}))
    return rows


def _decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 bytes or raise a CorpusError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(path, f"bytes that are not UTF-8 at byte {err.start}", line=line) from None


def _check_date(path: Path, line: int, value: str) -> str:
    if value and not _ISO_DATE.match(value):
        raise CorpusError(path, f"date {value!r} is not ISO (YYYY-MM-DD) or empty", line=line)
    return value


def read_metadata(root: Path) -> dict[str, dict]:
    """Read ``metadata.csv``: one validated row per source file, keyed by file name."""
    path = root / METADATA_FILE
    metadata: dict[str, dict] = {}
    for line, row in _read_csv(path, METADATA_REQUIRED, METADATA_OPTIONAL):
        name = row["source_file"]
        if not name:
            raise CorpusError(path, "empty source_file", line=line)
        if name in metadata:
            raise CorpusError(path, f"duplicate source_file {name!r}", line=line)
        _check_date(path, line, row["date"])
        metadata[name] = row | {"_line": line}
    return metadata


# --------------------------------------------------------------------------- sources


def read_sources(root: Path, metadata: dict[str, dict]) -> dict[str, list[str]]:
    """Read every source file listed in the metadata, checking presence, hash and encoding.

    Returns:
        The lines of each file (without line ends), keyed by file name.
    """
    raw = root / RAW_DIR
    listed = set(metadata)
    on_disk = {p.name for p in raw.glob("*.txt")} if raw.is_dir() else set()
    for name in sorted(on_disk - listed):
        raise CorpusError(raw / name, f"not listed in {METADATA_FILE}: add a row for it")
    sources = {}
    for name, row in metadata.items():
        path = raw / name
        if not path.is_file():
            raise CorpusError(path, f"file is missing (listed in {METADATA_FILE})", line=None)
        data = path.read_bytes()
        expected = row.get("sha256", "")
        if expected and hashlib.sha256(data).hexdigest() != expected.lower():
            raise CorpusError(
                path, f"sha256 differs from {METADATA_FILE} line {row['_line']}: the raw file was altered"
            )
        text = _decode(path, data)
        sources[name] = [ln.rstrip("\r") for ln in text.split("\n")]
    return sources


# --------------------------------------------------------------------------- segmentation


def _parse_ranges(path: Path, line: int, column: str, spec: str) -> list[tuple[int, int]]:
    """Parse ``"11-43;45"`` into [(11, 43), (45, 45)]."""
    ranges = []
    for piece in filter(None, (p.strip() for p in spec.split(";"))):
        match = _RANGE.match(piece)
        if not match:
            raise CorpusError(path, f"{column}: malformed line range {piece!r} (use 12-40;45)", line=line)
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise CorpusError(path, f"{column}: line range {piece!r} is empty or reversed", line=line)
        ranges.append((first, last))
    return ranges


def read_segmentation(root: Path, sources: dict[str, list[str]]) -> tuple[list[dict], list[Segment]]:
    """Read ``segmentation.csv``: unit rows and their validated, non-overlapping segments."""
    path = root / SEGMENTATION_FILE
    units, segments, seen = [], [], {}
    for line, row in _read_csv(path, SEGMENTATION_REQUIRED, SEGMENTATION_OPTIONAL):
        unit_id, name = row["unit_id"], row["source_file"]
        if not unit_id:
            raise CorpusError(path, "empty unit_id", line=line)
        if unit_id in seen:
            raise CorpusError(path, f"duplicate unit_id {unit_id!r} (first at line {seen[unit_id]})", line=line)
        seen[unit_id] = line
        if name not in sources:
            raise CorpusError(path, f"unit {unit_id!r}: source_file {name!r} is not in {METADATA_FILE}", line=line)
        _check_date(path, line, row.get("date", ""))
        n_lines = len(sources[name])
        for part in SEGMENT_PARTS:
            for first, last in _parse_ranges(path, line, part, row.get(part, "")):
                if last > n_lines:
                    raise CorpusError(
                        path, f"{part}: line range {first}-{last} is outside {name} ({n_lines} lines)", line=line
                    )
                segments.append(Segment(unit_id, name, part, first, last, line))
        units.append(row | {"_line": line, "_file": path})
    _check_overlaps(path, segments)
    return units, segments


def _check_overlaps(path: Path, segments: list[Segment]) -> None:
    """Raise if any source line is claimed by two segments."""
    claimed: dict[tuple[str, int], Segment] = {}
    for seg in segments:
        for number in range(seg.first, seg.last + 1):
            other = claimed.setdefault((seg.source_file, number), seg)
            if other is not seg:
                raise CorpusError(
                    path,
                    f"{seg.unit_id} {seg.part} {seg.first}-{seg.last} overlaps {other.unit_id} "
                    f"{other.part} {other.first}-{other.last} (declared at line {other.declared_at}) "
                    f"at {seg.source_file} line {number}",
                    line=seg.declared_at,
                )


def _whole_file_segments(
    root: Path, metadata: dict[str, dict], sources: dict[str, list[str]]
) -> tuple[list[dict], list[Segment]]:
    """Without a segmentation file: one unit per source file, the whole file as body."""
    units, segments = [], []
    raw = root / RAW_DIR
    for name, row in metadata.items():
        unit_id = Path(name).stem
        units.append({"unit_id": unit_id, "source_file": name, "_line": None, "_file": raw / name})
        segments.append(Segment(unit_id, name, "body", 1, len(sources[name]), row["_line"]))
    return units, segments


# --------------------------------------------------------------------------- assembling


@dataclass
class _Loaded:
    root: Path
    metadata: dict[str, dict]
    sources: dict[str, list[str]]
    units: list[dict]
    segments: list[Segment]


def _load(path: str | os.PathLike | None) -> _Loaded:
    root = find_corpus_dir(path)
    metadata = read_metadata(root)
    sources = read_sources(root, metadata)
    if (root / SEGMENTATION_FILE).exists():
        units, segments = read_segmentation(root, sources)
    else:
        units, segments = _whole_file_segments(root, metadata, sources)
    return _Loaded(root, metadata, sources, units, segments)


def _part_lines(loaded: _Loaded, unit_id: str, part: str) -> list[tuple[int, str]]:
    """The non-blank (line number, stripped text) pairs of one part of one unit, in order."""
    out = []
    for seg in loaded.segments:
        if seg.unit_id == unit_id and seg.part == part:
            lines = loaded.sources[seg.source_file]
            out += [(n, lines[n - 1].strip()) for n in range(seg.first, seg.last + 1) if lines[n - 1].strip()]
    return sorted(out)


def count_words(text: str) -> int:
    """Count whitespace-separated strings that contain a letter or a digit."""
    return sum(any(ch.isalnum() for ch in chunk) for chunk in text.split())


def _file_title(loaded: _Loaded, unit: dict) -> str:
    """The metadata title of the unit's file, if the unit is the file's only unit."""
    siblings = [u for u in loaded.units if u["source_file"] == unit["source_file"]]
    return loaded.metadata[unit["source_file"]]["title"] if len(siblings) == 1 else ""


def _unit_row(loaded: _Loaded, unit: dict) -> dict:
    """Assemble one unit's row: metadata (unit values override file values) and body text."""
    file_meta = loaded.metadata[unit["source_file"]]
    body = _part_lines(loaded, unit["unit_id"], "body")
    if not body:
        raise CorpusError(unit["_file"], f"empty unit {unit['unit_id']!r}: its body has no text", line=unit["_line"])
    text = PARAGRAPH_SEPARATOR.join(t for _, t in body)
    titles = _part_lines(loaded, unit["unit_id"], "title")

    def field(name: str) -> str:
        return unit.get(name) or file_meta.get(name, "")

    def part_text(part: str) -> str:
        return "\n".join(t for _, t in _part_lines(loaded, unit["unit_id"], part))

    return {
        "unit_id": unit["unit_id"],
        "source_file": unit["source_file"],
        "outlet": field("outlet"),
        "publisher": unit.get("publisher") or file_meta["publisher"],
        "author": field("author"),
        "date": field("date"),
        "genre": field("genre"),
        "title": titles[0][1] if titles else _file_title(loaded, unit),
        "text": text,
        "n_words": count_words(text),
        "dek": part_text("dek"),
        "byline": part_text("byline"),
        "captions": part_text("caption"),
        "bio": part_text("bio"),
        "body_lines": tuple(n for n, _ in body),
    }


def load_corpus(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a corpus folder into one row per authored unit.

    Args:
        path: The corpus folder; None finds the nearest ``corpus/`` walking up from the CWD.

    Returns:
        DataFrame with columns unit_id, source_file, outlet, publisher, author, date,
        genre, title, text, n_words, then dek, byline, captions, bio (metadata, never
        analysed) and body_lines (the source line of each paragraph of ``text``).
        Paragraphs of ``text`` are separated by a blank line.

    Raises:
        CorpusError: naming the file, line and problem for any invalid input.
    """
    loaded = _load(path)
    rows = [_unit_row(loaded, unit) for unit in loaded.units]
    return pd.DataFrame(rows, columns=UNIT_COLUMNS + UNIT_EXTRA_COLUMNS)


def corpus_lines(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every non-blank source line with the unit and part it belongs to.

    Lines in no unit (navigation, footers, related-article lists, jump lists) have
    an empty ``unit_id`` and part ``"boilerplate"``, so nothing is dropped unseen.

    Returns:
        DataFrame with columns source_file, line, unit_id, part, text.
    """
    loaded = _load(path)
    owner = {}
    for seg in loaded.segments:
        for number in range(seg.first, seg.last + 1):
            owner[(seg.source_file, number)] = (seg.unit_id, seg.part)
    rows = []
    for name, lines in loaded.sources.items():
        for number, text in enumerate(lines, start=1):
            if text.strip():
                unit_id, part = owner.get((name, number), ("", "boilerplate"))
                rows.append((name, number, unit_id, part, text.strip()))
    return pd.DataFrame(rows, columns=LINE_COLUMNS)
