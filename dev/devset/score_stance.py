"""Score :func:`corpus_tools.stance_statements` against the development set's stance reference.

Run from anywhere (paths are relative to this file)::

    DEVSET_TEXTS=/path/to/texts python dev/devset/score_stance.py [--out FILE] [--show-misses]

For each event of ``articles.csv`` the excerpt texts are read from ``$DEVSET_TEXTS``
(default ``/work/devset_texts``; ``<doc_id>.txt``, UTF-8), each checked against the
``sha256`` of ``articles.csv`` (a mismatch or a missing file stops the run naming the
file), put in a units table (``unit_id = doc_id``) and measured with the event's case
(``cases/<event>/case.toml``). The statements are scored against
``stance_reference.csv`` (dimensions ``confrontation`` and ``response``; the case's
response dimension is mapped to ``response``; the target's dimension has no reference
and is only counted):

* **article level**: one item per (doc, dimension) with a statement (``presence``), and
  per (doc, dimension, direction) (``direction``); precision, recall and F1 over the
  items of the event's articles.
* **statement level**: a reference row is found (recall) if a statement of the same
  doc, dimension and direction lies in a sentence that overlaps the row's evidence; a
  found statement is right (precision) if it matches some reference row so.

Both levels are computed twice: ``author`` (reference rows and statements in the
author's voice only) and ``all`` (every voice; voices need not agree). The table is
printed and written to ``stance_scores.csv`` beside this file (or ``--out``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

import corpus_tools as ct

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devset_texts import DevsetError, load_texts, read_articles, texts_dir  # noqa: E402

DIMENSIONS = ("confrontation", "response")
SCORE_COLUMNS = ["event", "level", "voices", "n_reference", "n_found", "tp_reference", "tp_found",
                 "precision", "recall", "f1"]


def measure_event(units: pd.DataFrame, case: ct.Case) -> pd.DataFrame:
    """Stance statements of one event's units, with the sentence span and the dimension
    renamed to the reference's names (confrontation, response; target's kept as ``target``).

    Args:
        units: The event's units.
        case: The event's case.

    Returns:
        :func:`corpus_tools.stance_statements` plus ``sent_start``, ``sent_end`` and
        ``ref_dimension``.
    """
    sents = ct.sentences(units)
    found = ct.stance_statements(units, case=case, sentence_table=sents)
    names = dict(zip(case.stance_dimensions, ("confrontation", "target", "response")))
    found = found.assign(ref_dimension=found["dimension"].map(names))
    spans = sents[["unit_id", "sent_id", "start", "end"]].rename(columns={"start": "sent_start", "end": "sent_end"})
    return found.merge(spans, on=["unit_id", "sent_id"], how="left")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", ct.normalize_text(text)).strip().lower()


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a reference row's evidence lies in its text (exact, else ignoring case,
    quote style and runs of spaces), or None.

    Args:
        text: The excerpt.
        evidence: The reference's ``evidence`` column.

    Returns:
        (start, end) character offsets into ``text``, or None if not found.
    """
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    norm = ct.normalize_text(text)
    if len(norm) != len(text):
        return None
    pattern = r"\s+".join(re.escape(w) for w in _squash(evidence).split())
    m = re.search(pattern, norm, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def match_statements(reference: pd.DataFrame, found: pd.DataFrame, texts: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """Which reference rows are found, and which statements match a reference row.

    Args:
        reference: Reference rows (doc_id, dimension, direction, evidence).
        found: :func:`measure_event` rows (unit_id, ref_dimension, direction, sent_start, sent_end).
        texts: doc_id -> text.

    Returns:
        (reference_hit, found_hit): boolean Series aligned with ``reference`` and ``found``.
    """
    ref_hit = pd.Series(False, index=reference.index)
    found_hit = pd.Series(False, index=found.index)
    for i, ref in reference.iterrows():
        span = evidence_span(texts[ref["doc_id"]], ref["evidence"])
        if span is None:
            print(f"warning: evidence of {ref['doc_id']} not found in its text: {ref['evidence'][:60]!r}", file=sys.stderr)
            continue
        same = found[(found["unit_id"] == ref["doc_id"]) & (found["ref_dimension"] == ref["dimension"])
                     & (found["direction"] == int(ref["direction"]))
                     & (found["sent_start"] < span[1]) & (found["sent_end"] > span[0])]
        if len(same):
            ref_hit[i] = True
            found_hit[same.index] = True
    return ref_hit, found_hit


def _prf(n_ref: int, n_found: int, tp_ref: int, tp_found: int) -> dict[str, float]:
    precision = tp_found / n_found if n_found else float("nan")
    recall = tp_ref / n_ref if n_ref else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if n_found and n_ref and precision + recall else (
        0.0 if n_found and n_ref else float("nan"))
    return {"n_reference": n_ref, "n_found": n_found, "tp_reference": tp_ref, "tp_found": tp_found,
            "precision": precision, "recall": recall, "f1": f1}


def score(reference: pd.DataFrame, found: pd.DataFrame, texts: dict[str, str], *, event: str) -> list[dict]:
    """Article- and statement-level scores of one event (or of all, concatenated).

    Args:
        reference: The event's reference rows.
        found: The event's :func:`measure_event` rows.
        texts: doc_id -> text.
        event: The label of the rows.

    Returns:
        One dict per (level, voices) with the columns of :data:`SCORE_COLUMNS`.
    """
    rows = []
    for voices in ("author", "all"):
        ref = reference if voices == "all" else reference[reference["voice"] == "author"]
        got = found[found["ref_dimension"].isin(DIMENSIONS)]
        got = got if voices == "all" else got[got["voice"] == "author"]
        got_items_table = pd.DataFrame({"doc_id": got["unit_id"], "dimension": got["ref_dimension"], "direction": got["direction"]})
        for level, keys in (("article_presence", ["doc_id", "dimension"]), ("article_direction", ["doc_id", "dimension", "direction"])):
            ref_items = set(ref[keys].astype(str).itertuples(index=False, name=None))
            got_items = set(got_items_table[keys].astype(str).itertuples(index=False, name=None))
            tp = len(ref_items & got_items)
            rows.append({"event": event, "level": level, "voices": voices, **_prf(len(ref_items), len(got_items), tp, tp)})
        ref_hit, found_hit = match_statements(ref, got, texts)
        rows.append({"event": event, "level": "statement", "voices": voices,
                     **_prf(len(ref), len(got), int(ref_hit.sum()), int(found_hit.sum()))})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Measure every event, score, print the table and write the CSV.

    Args:
        argv: Command-line arguments (``--out FILE``, ``--show-misses``).

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "stance_scores.csv")
    parser.add_argument("--show-misses", action="store_true", help="print missed reference rows and unmatched statements")
    args = parser.parse_args(argv)
    articles = read_articles()
    reference = pd.read_csv(HERE / "stance_reference.csv", dtype={"direction": int}, keep_default_na=False)
    units = load_texts(articles, texts_dir=texts_dir())
    texts = dict(zip(units["unit_id"], units["text"]))
    all_found, rows = [], []
    for event in dict.fromkeys(articles["event"]):
        case = ct.load_case(HERE / "cases" / event / "case.toml")
        docs = articles.loc[articles["event"] == event, "doc_id"]
        found = measure_event(units[units["unit_id"].isin(docs)], case).assign(event=event)
        ref = reference[reference["event"] == event]
        rows += score(ref, found, texts, event=event)
        all_found.append(found)
        if args.show_misses:
            _show(ref, found, texts)
    found = pd.concat(all_found, ignore_index=True)
    rows += score(reference, found, texts, event="all")
    table = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    table.to_csv(args.out, index=False, float_format="%.3f")
    with pd.option_context("display.width", 160, "display.max_rows", 200):
        print(table.round(2).to_string(index=False))
    n_docs = len(articles)
    any_doc = found["unit_id"].nunique()
    author_doc = found.loc[found["voice"] == "author", "unit_id"].nunique()
    print(f"\n{any_doc} of {n_docs} articles have a stance statement (any voice, any dimension); "
          f"{author_doc} in the author's voice; {len(found)} statements "
          f"({(found['ref_dimension'] == 'target').sum()} on the target's dimension, which has no reference)")
    print(f"written: {args.out}")
    return 0


def _show(ref: pd.DataFrame, found: pd.DataFrame, texts: dict[str, str]) -> None:
    got = found[found["ref_dimension"].isin(DIMENSIONS)]
    ref_hit, found_hit = match_statements(ref, got, texts)
    for _, r in ref[~ref_hit].iterrows():
        print(f"  MISS {r['doc_id']} {r['dimension']} {r['direction']:+d} [{r['voice']}] {r['evidence'][:110]}")
    for _, f in got[~found_hit].iterrows():
        print(f"  EXTRA {f['unit_id']} {f['ref_dimension']} {f['direction']:+d} [{f['voice']}] cue={f['cue']!r} :: "
              f"{f['text'][:110]!r}")
    for _, f in got[found_hit].iterrows():
        print(f"  HIT {f['unit_id']} {f['ref_dimension']} {f['direction']:+d} [{f['voice']}] cue={f['cue']!r}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DevsetError as err:
        sys.exit(f"error: {err}")
