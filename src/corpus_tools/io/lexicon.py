"""The one reader of rule data: every cue list in ``corpus_tools/lexicon/``.

Each list is a UTF-8 text file, one entry per line, fields separated by tabs, ``#``
lines and blank lines skipped. ``lexicon/schema.toml`` declares each file's columns and
what each column may hold; :func:`read_rows` checks every row against it and raises
:class:`LexiconError` naming the file, the line and the problem. The pattern language
of the ``pattern`` columns is compiled by :func:`compile_pattern` and documented in
``lexicon/README.md``.

A case may carry a lexicon folder of its own (case key ``lexicon``): a file there with
the name of a package list adds its rows after the package's, checked the same way.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

PACKAGE = "corpus_tools.lexicon"
SCHEMA_FILE = "schema.toml"
COLUMN_TYPES = ("word", "phrase", "pattern", "regex", "template", "kind", "direction", "number", "flags", "id", "text")


class LexiconError(ValueError):
    """A rule-data file is missing or has a malformed row."""

    def __init__(self, file: str | Path, problem: str, *, line: int | None = None):
        where = f"{file}, line {line}" if line is not None else f"{file}"
        super().__init__(f"{where}: {problem}")
        self.file, self.line, self.problem = str(file), line, problem


@dataclass(frozen=True)
class Row:
    """One entry of a list: its fields and where it was read."""

    fields: tuple[str, ...]
    file: str
    line: int


@dataclass(frozen=True)
class _Schema:
    columns: tuple[str, ...]
    types: tuple[str, ...]
    required: int
    kinds: frozenset[str] | None


@functools.cache
def _schemas() -> dict[str, _Schema]:
    """The declared schema of every package list (``lexicon/schema.toml``)."""
    text = resources.files(PACKAGE).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    out = {}
    for name, spec in tomllib.loads(text).items():
        columns = tuple(spec["columns"])
        types = tuple(spec.get("types", ["text"] * len(columns)))
        if len(types) != len(columns) or any(t not in COLUMN_TYPES for t in types):
            raise LexiconError(SCHEMA_FILE, f"[{name}]: types must name one of {COLUMN_TYPES} per column")
        kinds = frozenset(spec["kinds"]) if "kinds" in spec else None
        out[name] = _Schema(columns, types, int(spec.get("required", len(columns))), kinds)
    return out


def _check_field(value: str, typ: str, column: str, schema: _Schema) -> str | None:
    """The problem with one field, or None."""
    if not value.strip() and typ != "flags":
        return f"column {column!r} is empty"
    if typ == "direction" and value.strip() not in ("1", "-1", "+1"):
        return f"column {column!r} must be 1 or -1, not {value!r}"
    if typ == "number":
        try:
            float(value)
        except ValueError:
            return f"column {column!r} must be a number, not {value!r}"
    if typ == "kind" and schema.kinds is not None and value.strip() not in schema.kinds:
        return f"unknown {column} {value.strip()!r}; expected one of {sorted(schema.kinds)}"
    if typ == "regex":
        try:
            re.compile(value)
        except re.error as err:
            return f"column {column!r} is not a valid regular expression ({err})"
    if typ == "pattern":
        try:
            compile_pattern(value)
        except (ValueError, re.error) as err:
            return f"column {column!r} is not a valid pattern ({err})"
    return None


def _parse(text: str, file: str, schema: _Schema) -> list[Row]:
    """Split a list into rows, checking each against its schema."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = tuple(f.strip() for f in raw.rstrip("\r\n").split("\t"))
        if not schema.required <= len(fields) <= len(schema.columns):
            raise LexiconError(file, f"{len(fields)} tab-separated field(s), expected {' <TAB> '.join(schema.columns)} "
                                     f"({schema.required} to {len(schema.columns)} fields)", line=number)
        for value, typ, column in zip(fields, schema.types, schema.columns):
            problem = _check_field(value, typ, column, schema)
            if problem:
                raise LexiconError(file, problem, line=number)
        rows.append(Row(fields, file, number))
    return rows


@functools.lru_cache(maxsize=128)
def read_rows(name: str, *, extra: Path | None = None) -> tuple[Row, ...]:
    """Read and check one list, plus a case's file of the same name.

    Args:
        name: File name under ``corpus_tools/lexicon``, e.g. ``"stance_modality.txt"``.
        extra: A case's own lexicon folder; rows of ``extra/name`` are added after the
            package's (checked against the same schema).

    Returns:
        The rows in file order.

    Raises:
        LexiconError: a missing file or a row that breaks the file's schema.
    """
    schema = _schemas().get(name)
    package = resources.files(PACKAGE).joinpath(name)
    if not package.is_file():
        raise LexiconError(f"lexicon/{name}", "no such list in the package")
    if schema is None:
        raise LexiconError(f"lexicon/{name}", f"no schema declared for it in lexicon/{SCHEMA_FILE}")
    rows = _parse(package.read_text(encoding="utf-8"), f"lexicon/{name}", schema)
    if extra is not None and (Path(extra) / name).is_file():
        path = Path(extra) / name
        rows += _parse(path.read_text(encoding="utf-8"), str(path), schema)
    return tuple(rows)


def read_word_list(name: str, *, extra: Path | None = None) -> list[str]:
    """The entries of a one-column list (or the whole lines of any list), in file order."""
    return ["\t".join(r.fields) for r in read_rows(name, extra=extra)]


def read_tab_rows(name: str, *, extra: Path | None = None) -> list[list[str]]:
    """The tab-separated fields of every entry of a list, in file order."""
    return [list(r.fields) for r in read_rows(name, extra=extra)]


NEGATOR_KINDS = ("negator", "determiner", "correlative", "absence", "verb", "cessation")
SENTIMENT_NEGATOR_KINDS = ("negator", "determiner", "correlative", "absence", "verb")


@functools.lru_cache(maxsize=64)
def negators(kinds: tuple[str, ...] = SENTIMENT_NEGATOR_KINDS, *, lexicon: Path | None = None) -> frozenset[str]:
    """The shared negators (``lexicon/negators.txt``) of the given kinds, lowercase.

    Args:
        kinds: Which kinds to read (see the file's header; default: all but
            ``cessation``).
        lexicon: A case's own lexicon folder, whose ``negators.txt`` adds rows.

    Returns:
        The negator words and phrases.

    Raises:
        LexiconError: an unknown kind, or a bad row in either file.
    """
    unknown = set(kinds) - set(NEGATOR_KINDS)
    if unknown:
        raise LexiconError("lexicon/negators.txt", f"unknown kind(s) {sorted(unknown)}; expected {list(NEGATOR_KINDS)}")
    return frozenset(r.fields[1].lower() for r in read_rows("negators.txt", extra=lexicon) if r.fields[0] in kinds)


# --------------------------------------------------------------------------- patterns


_QUOTE = "[\"'\u2018\u2019\u201c\u201d]?"  # a quote mark may stand between words: accusing him of "undermining"
_GAP = rf"(?:{_QUOTE}\s+{_QUOTE}[\w'-]+{_QUOTE}){{0,4}}?"


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a word pattern (``lexicon/README.md``) to a case-insensitive regex on whole words.

    Syntax: words separated by spaces; ``word*`` matches words starting with ``word``;
    ``a|b`` matches either; ``(a|b)?`` is optional; ``...`` allows up to four words. A
    quotation mark may stand between two words.

    Args:
        pattern: One pattern as written in a list.

    Returns:
        The compiled regex (matches never start or end inside a hyphenated word).

    Raises:
        ValueError: an empty pattern, one made only of gaps, an empty alternative, or a
            bracket that is not an optional ``(a|b)?``.
    """
    body, pending_gap, first = "", False, True
    for token in pattern.split():
        if token == "...":
            pending_gap = True
            continue
        optional = token.startswith("(") and token.endswith(")?")
        if not optional and ("(" in token or ")" in token):
            raise ValueError(f"{token!r} is neither a word, a|b nor an optional (a|b)?")
        words = token[1:-2] if optional else token
        if not words or any(not w for w in words.split("|")):
            raise ValueError(f"empty alternative in {token!r}")
        alts = [re.escape(w[:-1]) + r"[\w'-]*" if w.endswith("*") else re.escape(w) for w in words.split("|")]
        piece = "(?:" + "|".join(alts) + ")"
        sep = "" if first else (_GAP if pending_gap else "") + rf"{_QUOTE}\s+{_QUOTE}"
        if optional and first:
            body += f"(?:{piece}\\s+)?"
            continue  # the next token needs no separator
        body += f"(?:{sep}{piece})?" if optional else sep + piece
        pending_gap, first = False, False
    if not body:
        raise ValueError(f"pattern {pattern!r} has no word")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
