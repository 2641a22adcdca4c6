"""Load a corpus folder into a table of authored units, validating every input.

A corpus folder holds:

* ``raw/``: the source files, never edited: every ``*.txt`` file (any case of the
  suffix) in it or in its subfolders, except hidden ones (names starting with ``.``);
* ``metadata.csv``: one row per source file (``source_file``, ``publisher``, ``outlet``,
  ``author``, ``date``, ``genre``, ``title``; optional ``sha256`` and ``description``;
  any other column is kept and appears in the units table after the standard columns).
  ``source_file`` is the path relative to ``raw/`` with forward slashes;
* ``segmentation.csv`` (optional): one row per unit, giving the line ranges of its
  body and of its title, dek, byline, dateline, captions, bio and credit lines. Every
  file listed in ``metadata.csv`` must then have at least one unit in it.
  Without it, each source file is one unit whose body is the whole file and whose id is
  its ``source_file`` without the suffix (``2022/article.txt`` -> ``2022/article``).

Files are UTF-8; a byte-order mark (U+FEFF) is dropped wherever it is. LF, CRLF and CR
all end a line, and line numbers count them as an editor does. Dates are YYYY, YYYY-MM or YYYY-MM-DD (kept as
given) or empty. Units are sorted by source file, then by their first line in it.

Every problem raises :class:`CorpusError` naming the file, the line and the problem.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from corpus_tools.io.corpus_checks import (
    CorpusError,
    check_date,
    check_sha256,
    check_source_name,
    decode,
    is_blank,
    read_table,
    split_lines,
)

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

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
PARAGRAPH_SEPARATOR = "\n\n"


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


# --------------------------------------------------------------------------- metadata

# Columns of the units table that the loader computes: a metadata column may not take their names.
_COMPUTED = ("unit_id", "text", "n_words", *UNIT_EXTRA_COLUMNS)


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def read_metadata(root: Path) -> tuple[dict[str, dict], list[str]]:
    """Read ``metadata.csv``: one validated row per source file.

    Returns:
        The rows keyed by ``source_file`` (each with its line as ``_line``), and the
        names of the extra columns, in the file's order.
    """
    path = root / METADATA_FILE
    columns, rows = read_table(path, METADATA_REQUIRED, METADATA_OPTIONAL, allow_extra=True, multiline=("description",))
    extra = [c for c in columns if c not in METADATA_REQUIRED + METADATA_OPTIONAL]
    clash = [c for c in extra if c in _COMPUTED or c.startswith("_")]
    if clash:
        problem = (f"reserved column name(s) {', '.join(clash)}: the loader computes {', '.join(_COMPUTED)}, "
                   "and names starting with '_' are its own; rename them")
        raise CorpusError(path, problem, line=1)
    metadata: dict[str, dict] = {}
    first_at: dict[str, int] = {}
    for line, row in rows:
        name = check_source_name(path, line, row["source_file"])
        if _nfc(name) in first_at:
            raise CorpusError(path, f"duplicate source_file {name!r} (first at line {first_at[_nfc(name)]})", line=line)
        first_at[_nfc(name)] = line
        check_date(path, line, row["date"], row=f" (in the row for {name!r})")
        check_sha256(path, line, row.get("sha256", ""), row=f" (in the row for {name!r})")
        metadata[name] = row | {"_line": line}
    return metadata, extra


# --------------------------------------------------------------------------- sources


def _raw_files(raw: Path) -> list[str]:
    """Every ``*.txt`` file under ``raw/`` (any case of the suffix, hidden ones skipped), relative to it."""
    found = []
    for folder, dirs, files in os.walk(raw):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        here = Path(folder).relative_to(raw)
        found += [(here / f).as_posix() for f in files if not f.startswith(".") and f.lower().endswith(".txt")]
    return found


def read_sources(root: Path, metadata: dict[str, dict]) -> dict[str, list[str]]:
    """Read every source file listed in the metadata, checking presence, hash and encoding.

    Every ``*.txt`` file under ``raw/`` must be listed; every listed file must exist.

    Returns:
        The lines of each file (without line ends), keyed by ``source_file``.
    """
    raw = root / RAW_DIR
    on_disk = {_nfc(rel): rel for rel in _raw_files(raw)}
    listed = {_nfc(name) for name in metadata}
    by_lower = {name.lower(): name for name in metadata}
    for form, rel in sorted(on_disk.items()):
        if form not in listed:
            near = by_lower.get(rel.lower())
            hint = f" ({METADATA_FILE} line {metadata[near]['_line']} lists {near!r}: names are case-sensitive)" if near else ""
            raise CorpusError(raw / rel, f"not listed in {METADATA_FILE}: add a row for it{hint}")
    sources = {}
    for name in sorted(metadata):
        row = metadata[name]
        path = raw / on_disk.get(_nfc(name), name)
        if not path.is_file():
            raise CorpusError(raw / name, f"file is missing (listed in {METADATA_FILE} line {row['_line']})")
        data = path.read_bytes()
        expected = row.get("sha256", "")
        if expected and hashlib.sha256(data).hexdigest() != expected.lower():
            raise CorpusError(
                path, f"sha256 differs from {METADATA_FILE} line {row['_line']}: the raw file was altered"
            )
        sources[name] = split_lines(decode(path, data))
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


def read_segmentation(
    root: Path, sources: dict[str, list[str]], metadata: dict[str, dict]
) -> tuple[list[dict], list[Segment]]:
    """Read ``segmentation.csv``: unit rows and their validated, non-overlapping segments.

    Every file listed in the metadata must have at least one unit here.
    """
    path = root / SEGMENTATION_FILE
    units, segments, seen = [], [], {}
    _, rows = read_table(path, SEGMENTATION_REQUIRED, SEGMENTATION_OPTIONAL)
    for line, row in rows:
        unit_id, name = row["unit_id"], row["source_file"]
        if not unit_id:
            raise CorpusError(path, "empty unit_id", line=line)
        if unit_id in seen:
            raise CorpusError(path, f"duplicate unit_id {unit_id!r} (first at line {seen[unit_id]})", line=line)
        seen[unit_id] = line
        if name not in sources:
            raise CorpusError(path, f"unit {unit_id!r}: source_file {name!r} is not in {METADATA_FILE}", line=line)
        check_date(path, line, row.get("date", ""), row=f" (unit {unit_id!r})")
        n_lines = len(sources[name])
        for part in SEGMENT_PARTS:
            for first, last in _parse_ranges(path, line, part, row.get(part, "")):
                if last > n_lines:
                    raise CorpusError(
                        path, f"{part}: line range {first}-{last} is outside {name} ({n_lines} lines)", line=line
                    )
                segments.append(Segment(unit_id, name, part, first, last, line))
        units.append(row | {"_line": line, "_file": path})
    covered = {unit["source_file"] for unit in units}
    for name in sorted(set(sources) - covered):
        raise CorpusError(
            path,
            f"no unit for {RAW_DIR}/{name} (listed in {METADATA_FILE} line {metadata[name]['_line']}): "
            f"add a row for each unit in it; once {SEGMENTATION_FILE} exists, every listed file needs one",
        )
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


def whole_file_unit_id(source_file: str) -> str:
    """The unit id of a file without segmentation: its path relative to ``raw/`` without the suffix."""
    return source_file[: len(source_file) - len(PurePosixPath(source_file).suffix)]


def _whole_file_segments(
    root: Path, metadata: dict[str, dict], sources: dict[str, list[str]]
) -> tuple[list[dict], list[Segment]]:
    """Without a segmentation file: one unit per source file, the whole file as body."""
    units, segments, owner = [], [], {}
    raw = root / RAW_DIR
    for name in sorted(metadata):
        row = metadata[name]
        unit_id = whole_file_unit_id(name)
        if unit_id in owner:
            other = owner[unit_id]
            raise CorpusError(
                root / METADATA_FILE,
                f"{RAW_DIR}/{other} (line {metadata[other]['_line']}) and {RAW_DIR}/{name} would both be unit "
                f"{unit_id!r}: rename one of them, or give their units ids in a {SEGMENTATION_FILE}",
                line=row["_line"],
            )
        owner[unit_id] = name
        units.append({"unit_id": unit_id, "source_file": name, "_line": None, "_file": raw / name})
        segments.append(Segment(unit_id, name, "body", 1, len(sources[name]), row["_line"]))
    return units, segments


# --------------------------------------------------------------------------- assembling


@dataclass
class _Loaded:
    root: Path
    metadata: dict[str, dict]
    extra_columns: list[str]
    sources: dict[str, list[str]]
    units: list[dict]
    segments: list[Segment]
    by_unit: dict[str, list[Segment]]
    units_per_file: Counter


def _load(path: str | os.PathLike | None) -> _Loaded:
    root = find_corpus_dir(path)
    metadata, extra = read_metadata(root)
    sources = read_sources(root, metadata)
    if (root / SEGMENTATION_FILE).exists():
        units, segments = read_segmentation(root, sources, metadata)
    else:
        units, segments = _whole_file_segments(root, metadata, sources)
    by_unit: dict[str, list[Segment]] = defaultdict(list)
    for seg in segments:
        by_unit[seg.unit_id].append(seg)
    # Sorted by source file, then by where the unit starts in it: the order of no input's rows.
    units.sort(key=lambda u: (u["source_file"], min((s.first for s in by_unit[u["unit_id"]]), default=0), u["unit_id"]))
    per_file = Counter(unit["source_file"] for unit in units)
    return _Loaded(root, metadata, extra, sources, units, segments, by_unit, per_file)


def _part_lines(loaded: _Loaded, unit_id: str, part: str) -> list[tuple[int, str]]:
    """The non-blank (line number, stripped text) pairs of one part of one unit, in order."""
    out = []
    for seg in loaded.by_unit[unit_id]:
        if seg.part == part:
            lines = loaded.sources[seg.source_file]
            out += [(n, lines[n - 1].strip()) for n in range(seg.first, seg.last + 1) if not is_blank(lines[n - 1])]
    return sorted(out)


def count_words(text: str) -> int:
    """Count whitespace-separated strings that contain a letter or a digit."""
    return sum(any(ch.isalnum() for ch in chunk) for chunk in text.split())


def _file_title(loaded: _Loaded, unit: dict) -> str:
    """The metadata title of the unit's file, if the unit is the file's only unit."""
    return loaded.metadata[unit["source_file"]]["title"] if loaded.units_per_file[unit["source_file"]] == 1 else ""


def _unit_row(loaded: _Loaded, unit: dict) -> dict:
    """Assemble one unit's row: metadata (unit values override file values) and body text."""
    file_meta = loaded.metadata[unit["source_file"]]
    body = _part_lines(loaded, unit["unit_id"], "body")
    if not body:
        where = "" if unit["_line"] is None else f" in {RAW_DIR}/{unit['source_file']}"
        raise CorpusError(
            unit["_file"],
            f"unit {unit['unit_id']!r} has no text: its body lines{where} are blank or hold only invisible characters",
            line=unit["_line"],
        )
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
    } | {column: file_meta[column] for column in loaded.extra_columns}


def load_corpus(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load a corpus folder into one row per authored unit.

    Args:
        path: The corpus folder; None finds the nearest ``corpus/`` walking up from the CWD.

    Returns:
        DataFrame with columns unit_id, source_file, outlet, publisher, author, date,
        genre, title, text, n_words, then dek, byline, captions, bio (metadata, never
        analysed) and body_lines (the source line of each paragraph of ``text``), then
        any extra columns of ``metadata.csv``. Paragraphs of ``text`` are separated by a
        blank line. Rows are sorted by source_file, then by the unit's first line.

    Raises:
        CorpusError: naming the file, line and problem for any invalid input.
    """
    loaded = _load(path)
    rows = [_unit_row(loaded, unit) for unit in loaded.units]
    return pd.DataFrame(rows, columns=UNIT_COLUMNS + UNIT_EXTRA_COLUMNS + loaded.extra_columns)


def corpus_lines(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Every non-blank source line with the unit and part it belongs to.

    Lines in no unit (navigation, footers, related-article lists, jump lists) have
    an empty ``unit_id`` and part ``"boilerplate"``, so nothing is dropped unseen.
    Lines of only whitespace or invisible characters count as blank.

    Returns:
        DataFrame with columns source_file, line, unit_id, part, text.
    """
    loaded = _load(path)
    owner = {}
    for seg in loaded.segments:
        for number in range(seg.first, seg.last + 1):
            owner[(seg.source_file, number)] = (seg.unit_id, seg.part)
    rows = []
    for name, lines in sorted(loaded.sources.items()):
        for number, text in enumerate(lines, start=1):
            if not is_blank(text):
                unit_id, part = owner.get((name, number), ("", "boilerplate"))
                rows.append((name, number, unit_id, part, text.strip()))
    return pd.DataFrame(rows, columns=LINE_COLUMNS)
