"""Score ``corpus_tools.blame_claims`` on the development set.

Run from anywhere::

    python dev/devset/score_blame.py [--event abqaiq] [--details]

For each event, the excerpts of that event are read from ``$DEVSET_TEXTS`` (default
``/work/devset_texts``; each ``<doc_id>.txt`` is checked against the sha256 in
``articles.csv``) into a units table (unit_id = doc_id, text = the file), blame claims
are found with the event's case (``cases/<event>/case.toml``) and compared with
``blame_reference.csv``:

* (unit, group) pairs over all voices: precision and recall; certainty agreement on the
  matched pairs (the pair's most frequent certainty is one the reference gives it);
* the same pairs in the author's voice only;
* claim by claim: a reference row is found when a claim has its doc and group and the
  claim's sentence overlaps the row's evidence in the text.

Prints a table per event and the total, and writes ``blame_scores.csv`` beside this file.
With ``--details`` it also prints every missed and extra pair and every missed claim.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import corpus_tools as ct
from corpus_tools.evaluate.blame_eval import claim_matches, evaluate_against_gold

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from devset_texts import DevsetError, load_texts, read_articles, texts_dir  # noqa: E402

EVENTS = ("abqaiq", "nordstream", "kremlin", "moise", "crocus")


def score_event(event: str, *, texts_dir: Path, articles: pd.DataFrame, reference: pd.DataFrame, details: bool = False) -> dict:
    """Find the claims of one event's excerpts and score them against the reference."""
    units = load_texts(articles, texts_dir=texts_dir, event=event)
    case = ct.load_case(HERE / "cases" / event / "case.toml")
    sents = ct.sentences(units)
    claims = ct.blame_claims(units, case=case, sentence_table=sents)
    gold = reference[reference["event"] == event].rename(columns={"doc_id": "unit_id"})
    row: dict = {"event": event, "docs": len(units), "claims": len(claims)}
    for voices in ("all", "author"):
        ev = evaluate_against_gold(claims, gold, voices=voices)
        tp, fp, fn = (int((ev["status"] == s).sum()) for s in ("tp", "fp", "fn"))
        row.update({f"{voices}_tp": tp, f"{voices}_fp": fp, f"{voices}_fn": fn})
        if voices == "all":
            row["certainty_agree"] = int(ev.loc[ev["status"] == "tp", "certainty_agree"].sum())
        if details:
            for r in ev[ev["status"] != "tp"].itertuples():
                print(f"  [{voices}] {r.status} {r.unit_id} {r.group}  pred={r.pred_certainties} gold={r.gold_certainties}")
            if voices == "all":
                for r in ev[(ev["status"] == "tp") & ~ev["certainty_agree"]].itertuples():
                    print(f"  [certainty] {r.unit_id} {r.group}  pred={r.pred_certainty} gold={r.gold_certainties}")
    matches = claim_matches(claims, sents, gold, units)
    row.update(
        {
            "ref_claims": len(matches),
            "claims_found": int(matches["matched"].sum()),
            "evidence_missing": int((matches["ev_start"] < 0).sum()),
        }
    )
    if details:
        for r in matches[~matches["matched"]].itertuples():
            print(f"  [claim] {r.unit_id} {r.group} {r.role}/{r.certainty}/{r.voice}: {r.evidence[:110]!r}")
    return row


def _rates(table: pd.DataFrame) -> pd.DataFrame:
    """Add precision, recall and agreement columns to counts."""

    def ratio(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a / b.where(b > 0)).round(3)

    out = table.copy()
    for v in ("all", "author"):
        out[f"{v}_precision"] = ratio(out[f"{v}_tp"], out[f"{v}_tp"] + out[f"{v}_fp"])
        out[f"{v}_recall"] = ratio(out[f"{v}_tp"], out[f"{v}_tp"] + out[f"{v}_fn"])
    out["certainty_agreement"] = ratio(out["certainty_agree"], out["all_tp"])
    out["claim_recall"] = ratio(out["claims_found"], out["ref_claims"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", action="append", choices=EVENTS, help="score only this event (repeatable)")
    parser.add_argument("--details", action="store_true", help="print every missed or extra pair and missed claim")
    parser.add_argument("--out", type=Path, default=HERE / "blame_scores.csv", help="where to write the table")
    args = parser.parse_args(argv)
    texts = texts_dir()
    articles = read_articles()
    reference = pd.read_csv(HERE / "blame_reference.csv", dtype=str).fillna("")
    rows = []
    try:
        for event in args.event or EVENTS:
            if args.details:
                print(f"== {event}")
            rows.append(score_event(event, texts_dir=texts, articles=articles, reference=reference, details=args.details))
    except DevsetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    table = pd.DataFrame(rows)
    total = table.drop(columns="event").sum().to_dict()
    table = _rates(pd.concat([table, pd.DataFrame([{"event": "total", **total}])], ignore_index=True))
    shown = [
        "event",
        "docs",
        "claims",
        "all_precision",
        "all_recall",
        "certainty_agreement",
        "author_precision",
        "author_recall",
        "claim_recall",
    ]
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(table[shown].to_string(index=False))
    table.to_csv(args.out, index=False)
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
