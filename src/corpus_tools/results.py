"""The coded data: every table the measures produce, written to ``results/`` as CSV.

Five tables, defined column by column in ``CODEBOOK.md``:

* ``units.csv``: one row per unit, its metadata without its text;
* ``mentions.csv``: every mention of a gazetteer actor;
* ``sentiment.csv``: how each sentence that mentions the case's target evaluates them;
* ``blame.csv``: every claim that assigns responsibility for the event;
* ``stance.csv``: every prescriptive or evaluative stance statement.

Each row keeps its offsets into the unit text (``unit_id``, ``sent_id``, ``start``,
``end``), its ``outlet`` and its ``voice`` (``author`` or the speaker). The files are
sorted and floats are written with a fixed format, so writing the same tables twice
gives the same bytes.

Command line: ``python -m corpus_tools.results [CORPUS] [--case CASE] [--out FOLDER]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from corpus_tools.extract.speech import speaker_of_span
from corpus_tools.io.case import Case, load_case, resolve_case
from corpus_tools.io.corpus import find_corpus_dir, load_corpus
from corpus_tools.measure.blame_tables import voice_kind
from corpus_tools.measure.pipeline import measure_corpus

FLOAT_FORMAT = "%.4f"
TABLES = ("units", "mentions", "sentiment", "blame", "stance")
# Unit columns that hold text rather than describe it: left out of units.csv.
UNIT_TEXT_COLUMNS = ("text", "dek", "captions", "bio")
SPAN = ["unit_id", "outlet", "sent_id", "start", "end"]
COLUMNS: dict[str, list[str]] = {
    "mentions": [*SPAN, "surface", "actor", "group", "how", "voice", "speech"],
    "sentiment": [*SPAN, "actor", "surface", "how", "n_mentions", "voice", "speech", "score", "label",
                  "sentence_vader", "sentence_textblob", "cues"],
    "blame": [*SPAN, "actor", "group", "role", "certainty", "voice", "voice_kind", "cue", "text"],
    "stance": [*SPAN, "dimension", "direction", "kind", "modal", "negated", "cue", "agent", "agent_group",
               "voice", "speech", "text"],
}
SORT_KEYS: dict[str, list[str]] = {
    "units": ["unit_id"],
    "mentions": ["unit_id", "sent_id", "start", "end", "actor"],
    "sentiment": ["unit_id", "sent_id", "start", "end"],
    "blame": ["unit_id", "sent_id", "start", "end", "group", "role", "certainty", "voice"],
    "stance": ["unit_id", "sent_id", "start", "end", "dimension", "direction", "voice"],
}
_SPEECH = {"direct": "quote", "reported": "reported"}


def _voices(rows: pd.DataFrame, quote_table: pd.DataFrame) -> pd.DataFrame:
    """``voice`` and ``speech`` of each span: the speaker of the innermost quote or reported
    clause that holds it (speech "quote" or "reported"), else the author."""
    by_unit = dict(tuple(quote_table.groupby("unit_id", sort=False))) if len(quote_table) else {}
    voice, speech = [], []
    for unit_id, start, end in zip(rows["unit_id"], rows["start"], rows["end"]):
        found = speaker_of_span(by_unit[unit_id], start, end) if unit_id in by_unit else None
        voice.append("author" if found is None else found[0])
        speech.append("author" if found is None else _SPEECH.get(found[1], found[1]))
    return rows.assign(voice=voice, speech=speech)


def code_corpus(units: pd.DataFrame, *, case: Case | str | os.PathLike | None = None) -> dict[str, pd.DataFrame]:
    """Run every measure on a corpus and return the coded tables (not yet sorted).

    Args:
        units: The table from :func:`corpus_tools.load_corpus`.
        case: The case (None: the bundled corpus's).

    Returns:
        Tables keyed ``mentions``, ``quotes``, ``sentiment`` (toward the case's target),
        ``blame`` and ``stance``, in the measures' own columns plus ``voice`` and
        ``speech`` on mentions and sentiment.
    """
    case = resolve_case(case)
    tables = measure_corpus(units, case=case, sentiment_rules=True)
    quoted, claims = tables["quotes"], tables["blame"]
    return {
        "mentions": _voices(tables["mentions"], quoted),
        "quotes": quoted,
        "sentiment": _voices(tables["sentiment"], quoted).assign(actor=case.target),
        "blame": claims.assign(voice_kind=voice_kind(claims)),
        "stance": tables["stance"],
    }


def result_table(name: str, units: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """One coded table in its ``results/`` form: fixed columns, outlet joined, sorted.

    Args:
        name: One of :data:`TABLES`.
        units: The units table (gives ``outlet``; for ``"units"`` it is the table).
        table: The measure's table (not used for ``"units"``).

    Returns:
        The columns of :data:`COLUMNS` (for units: every column but the text ones), then
        any further column the measure added, rows sorted by :data:`SORT_KEYS`.

    Raises:
        ValueError: an unknown ``name``, or a table without a column the codebook defines.
    """
    if name not in TABLES:
        raise ValueError(f"name={name!r} is not one of {list(TABLES)}")
    if name == "units":
        out = units.drop(columns=[c for c in UNIT_TEXT_COLUMNS if c in units.columns])
        out = out.apply(lambda col: col.map(_joined) if col.map(lambda v: isinstance(v, (tuple, list))).any() else col)
    else:
        if table is None:
            raise ValueError(f"table for {name!r} is missing")
        outlets = units.set_index("unit_id")["outlet"]
        table = table.assign(outlet=table["unit_id"].map(outlets).fillna(""))
        missing = [c for c in COLUMNS[name] if c not in table.columns]
        if missing:
            raise ValueError(f"{name} table lacks column(s) {missing}")
        out = table[COLUMNS[name] + [c for c in table.columns if c not in COLUMNS[name]]]
    keys = [*SORT_KEYS[name], *(c for c in out.columns if c not in SORT_KEYS[name])]
    return out.sort_values(keys, kind="mergesort", key=_sort_key).reset_index(drop=True)


def _joined(value: object) -> object:
    """A tuple or list cell (``body_lines``) as its items joined by ``;``."""
    return ";".join(str(v) for v in value) if isinstance(value, (tuple, list)) else value


def _sort_key(column: pd.Series) -> pd.Series:
    """Sort mixed or missing values as text, numbers as numbers."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return column
    return column.astype(str)


def write_results(
    units: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    folder: str | os.PathLike,
) -> dict[str, Path]:
    """Write the coded tables to ``folder`` as CSV, deterministically.

    Args:
        units: The units table of the corpus.
        tables: The measures' tables keyed as :func:`code_corpus` returns them (at least
            ``mentions``, ``sentiment``, ``blame``, ``stance``; other keys are ignored).
        folder: Where to write (created if needed).

    Returns:
        The paths written, keyed by table name (:data:`TABLES`).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in TABLES:
        table = result_table(name, units, tables.get(name) if name != "units" else None)
        path = folder / f"{name}.csv"
        table.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT, encoding="utf-8")
        paths[name] = path
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m corpus_tools.results [CORPUS] [--case CASE] [--out FOLDER]``."""
    parser = argparse.ArgumentParser(description="Write the coded tables of a corpus to CSV (see CODEBOOK.md).")
    parser.add_argument("corpus", nargs="?", default=None, help="corpus folder (default: the nearest corpus/)")
    parser.add_argument("--case", default=None, help="case file (default: CORPUS/case.toml)")
    parser.add_argument("--out", default="results", help="output folder (default: results)")
    args = parser.parse_args(argv)
    corpus = find_corpus_dir(args.corpus)
    case = load_case(args.case if args.case is not None else corpus)
    units = load_corpus(corpus)
    for name, path in write_results(units, code_corpus(units, case=case), args.out).items():
        print(f"{name}: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
