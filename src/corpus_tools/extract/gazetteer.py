"""The actor gazetteer: one CSV of actors, their groups, name forms, aliases and role nouns.

Documented column by column in ``corpus/gazetteer.md``. Groups are whatever the file
defines (any lowercase id); a case file (:mod:`corpus_tools.io.case`) says which of them
are suspects.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from corpus_tools.text.normalize import normalize_text

TYPES = frozenset({"person", "organisation", "state", "government"})
GAZETTEER_COLUMNS = ["id", "name", "group", "type", "names", "aliases", "roles"]

_ID_RE = re.compile(r"[a-z][a-z0-9_]*")


class GazetteerError(ValueError):
    """A malformed gazetteer file: the message names the file, the line and the problem."""




def split_cell(cell: str) -> list[str]:
    """Split a ';'-separated gazetteer cell into stripped, non-empty entries."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _entry_key(entry: str) -> str:
    """Return the comparison key of an entry: case, article, '=' and punctuation ignored."""
    text = normalize_text(entry.lstrip("=")).lower().replace("'", "")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in {"al", "el"}]
    return " ".join(words)


def _default_gazetteer_path() -> Path:
    """The gazetteer of the default case (see :func:`corpus_tools.io.case.default_case`)."""
    from corpus_tools.io.case import default_case

    return default_case().path.parent / default_case().gazetteer_file


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the actor gazetteer.

    Args:
        path: CSV file with columns id, name, group, type, names, aliases, roles.
            None: the gazetteer of the default case (the nearest ``corpus/case.toml``).

    Returns:
        One row per actor, columns :data:`GAZETTEER_COLUMNS` (entries stay
        ';'-separated strings, exactly as in the file).

    Raises:
        GazetteerError: on a missing column, an empty or non-ascii-lowercase id, a
            duplicate id, an unknown group or type, an actor without any name form or
            alias, or a name/alias/role claimed by two actors. The message names the
            file and the line.
    """
    path = Path(path) if path is not None else _default_gazetteer_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise GazetteerError(f"{path}: not UTF-8 ({err})") from None
    reader = csv.reader(raw.splitlines(keepends=True))
    header = next(reader, None)
    if header is None:
        raise GazetteerError(
            f"{path}, line 1: empty file, expected header {GAZETTEER_COLUMNS}"
        )
    header = [h.strip() for h in header]
    missing = [c for c in GAZETTEER_COLUMNS if c not in header]
    if missing:
        raise GazetteerError(f"{path}, line 1: missing column(s) {missing}")
    rows: list[dict[str, str]] = []
    seen_ids: dict[str, int] = {}
    claimed: dict[str, tuple[str, int]] = {}
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            raise GazetteerError(
                f"{path}, line {line}: {len(fields)} fields, expected {len(header)}"
            )
        row = {h: f.strip() for h, f in zip(header, fields)}
        _check_row(row, path, line, seen_ids, claimed)
        seen_ids[row["id"]] = line
        rows.append({c: row[c] for c in GAZETTEER_COLUMNS})
    return pd.DataFrame(rows, columns=GAZETTEER_COLUMNS)


def _check_row(
    row: dict[str, str],
    path: Path,
    line: int,
    seen_ids: dict[str, int],
    claimed: dict[str, tuple[str, int]],
) -> None:
    """Validate one gazetteer row; raise GazetteerError naming file and line."""
    where = f"{path}, line {line}"
    actor = row["id"]
    if not _ID_RE.fullmatch(actor):
        raise GazetteerError(
            f"{where}: id {actor!r} is not lowercase ascii ([a-z][a-z0-9_]*)"
        )
    if actor in seen_ids:
        raise GazetteerError(
            f"{where}: duplicate id {actor!r} (first defined on line {seen_ids[actor]})"
        )
    if not _ID_RE.fullmatch(row["group"]):
        raise GazetteerError(f"{where}: group {row['group']!r} of {actor!r} is not a lowercase id ([a-z][a-z0-9_]*)")
    if row["type"] not in TYPES:
        raise GazetteerError(
            f"{where}: unknown type {row['type']!r} for {actor!r}; expected one of {sorted(TYPES)}"
        )
    if not row["name"]:
        raise GazetteerError(f"{where}: actor {actor!r} has no display name")
    entries = (
        split_cell(row["names"])
        + split_cell(row["aliases"])
        + split_cell(row["roles"])
    )
    if not split_cell(row["names"]) + split_cell(row["aliases"]):
        raise GazetteerError(f"{where}: actor {actor!r} has no name form or alias")
    for entry in entries:
        key = _entry_key(entry)
        if not key:
            raise GazetteerError(
                f"{where}: entry {entry!r} of {actor!r} has no letters"
            )
        other = claimed.get(key)
        if other is not None and other[0] != actor:
            raise GazetteerError(
                f"{where}: alias {entry!r} of {actor!r} is already claimed by "
                f"{other[0]!r} (line {other[1]})"
            )
        claimed[key] = (actor, line)
