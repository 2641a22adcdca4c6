"""Blame claims checked against a hand coding: (unit, group) pairs matched, precision,
recall, certainty and role agreement, per unit and between two claim tables."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from corpus_tools.measure.blame_tables import claim_pairs
from corpus_tools.text.normalize import normalize_text

__all__ = [
    "GOLD_COLUMNS",
    "changed_pairs",
    "claim_matches",
    "evaluate_against_gold",
    "evidence_span",
    "gold_by_unit",
    "gold_pairs",
    "gold_summary",
    "load_gold",
    "summary_by_rules",
]

GOLD_COLUMNS = ["unit_id", "group", "role", "certainty", "voice", "evidence", "note"]


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read the hand coding (``tests/data/blame_gold.csv``, documented beside it).

    Returns:
        The rows, columns unit_id, group, role, certainty, voice, evidence, note.
    """
    gold = pd.read_csv(path, dtype=str).fillna("")
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}")
    return gold[GOLD_COLUMNS]


def gold_pairs(gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """The hand coding collapsed to (unit, group): roles and certainties seen.

    Args:
        gold: :func:`load_gold`.
        voices: "all", or "author" for rows in the author's voice.

    Returns:
        unit_id, group, n_rows, roles, certainties (";"-joined sets).
    """
    data = gold[gold["group"] != "none"]
    if voices == "author":
        data = data[data["voice"].str.lower() == "author"]
    rows = [
        (u, g, len(p), ";".join(sorted(set(p["role"]))), ";".join(sorted(set(p["certainty"]))))
        for (u, g), p in data.groupby(["unit_id", "group"], sort=False)
    ]
    return pd.DataFrame(rows, columns=["unit_id", "group", "n_rows", "roles", "certainties"])


def evaluate_against_gold(claims: pd.DataFrame, gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """Compare claims with the hand coding at the (unit, group) level.

    A (unit, group) pair is blamed by the rules when any claim (in the chosen voices)
    names that group, whatever its certainty; by the coder when the coding has a row for
    it. For pairs both name:

    * certainty agrees when the pair's certainty (:func:`claim_pairs`) is one the coder
      gave that pair; ``certainty_any`` when any certainty of the rules' claims is;
    * role agrees when the role sets overlap; ``role_exact`` when they are equal.

    Args:
        claims: :func:`blame_claims`.
        gold: :func:`load_gold`.
        voices: "all" or "author" (both sides filtered the same way).

    Returns:
        One row per pair either side names: unit_id, group, status (tp, fp, fn),
        pred_roles, gold_roles, pred_certainty, pred_certainties, gold_certainties,
        certainty_agree, certainty_any, role_agree, role_exact, n_claims.
    """
    pred = claim_pairs(claims, voices=voices).rename(
        columns={"roles": "pred_roles", "certainty": "pred_certainty", "certainties": "pred_certainties"}
    )
    hand = gold_pairs(gold, voices=voices).rename(columns={"roles": "gold_roles", "certainties": "gold_certainties"})
    both = pred.merge(hand, on=["unit_id", "group"], how="outer", indicator=True)
    both["status"] = both["_merge"].map({"both": "tp", "left_only": "fp", "right_only": "fn"}).astype(str)

    def sets(col: str) -> pd.Series:
        return both[col].fillna("").map(lambda s: set(filter(None, s.split(";"))))

    pred_roles, gold_roles = sets("pred_roles"), sets("gold_roles")
    pred_cert, gold_cert = sets("pred_certainties"), sets("gold_certainties")
    tp = both["status"] == "tp"
    both["certainty_agree"] = [bool(ok) and c in g for ok, c, g in zip(tp, both["pred_certainty"], gold_cert)]
    both["certainty_any"] = [bool(ok) and bool(p & g) for ok, p, g in zip(tp, pred_cert, gold_cert)]
    both["role_agree"] = [bool(ok) and bool(p & g) for ok, p, g in zip(tp, pred_roles, gold_roles)]
    both["role_exact"] = [bool(ok) and p == g for ok, p, g in zip(tp, pred_roles, gold_roles)]
    both["n_claims"] = both["n_claims"].fillna(0).astype(int)
    columns = [
        "unit_id",
        "group",
        "status",
        "pred_roles",
        "gold_roles",
        "pred_certainty",
        "pred_certainties",
        "gold_certainties",
        "certainty_agree",
        "certainty_any",
        "role_agree",
        "role_exact",
        "n_claims",
    ]
    return both[columns].fillna("").sort_values(["unit_id", "group"]).reset_index(drop=True)


def gold_summary(claims: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and agreement at the (unit, group) level, author voice and all voices.

    Returns:
        One row per level: voices, tp, fp, fn, precision, recall, matched, certainty_agree
        (share of matched pairs), certainty_any, role_agree, role_exact.
    """
    rows = []
    for voices in ("author", "all"):
        ev = evaluate_against_gold(claims, gold, voices=voices)
        tp, fp, fn = (int((ev["status"] == s).sum()) for s in ("tp", "fp", "fn"))
        matched = ev[ev["status"] == "tp"]
        rows.append(
            {
                "voices": voices,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": tp / (tp + fp) if tp + fp else float("nan"),
                "recall": tp / (tp + fn) if tp + fn else float("nan"),
                "matched": len(matched),
                **{
                    col: float(matched[col].mean()) if len(matched) else float("nan")
                    for col in ("certainty_agree", "certainty_any", "role_agree", "role_exact")
                },
            }
        )
    return pd.DataFrame(rows)


def summary_by_rules(claims_by_rules: dict[str, pd.DataFrame], gold: pd.DataFrame) -> pd.DataFrame:
    """:func:`gold_summary` of several claim tables side by side (e.g. two rule versions).

    Returns:
        One row per (rules, voices), the columns of :func:`gold_summary`.
    """
    parts = [gold_summary(claims, gold).assign(rules=name) for name, claims in claims_by_rules.items()]
    table = pd.concat(parts, ignore_index=True)
    return table[["rules", *[c for c in table.columns if c != "rules"]]]


def changed_pairs(before: pd.DataFrame, after: pd.DataFrame, gold: pd.DataFrame, *, voices: str = "all") -> pd.DataFrame:
    """The (unit, group) pairs whose check result differs between two claim tables.

    Args:
        before, after: :func:`blame_claims` tables (e.g. two rule versions).
        gold: :func:`load_gold`.
        voices: "all" or "author".

    Returns:
        unit_id, group, gold_certainties, then status, pred_certainty and certainty_agree
        before and after; one row per pair whose status or certainty changed.
    """
    keys = ["unit_id", "group"]
    cols = ["status", "pred_certainty", "certainty_agree"]
    old = evaluate_against_gold(before, gold, voices=voices)
    new = evaluate_against_gold(after, gold, voices=voices)
    both = old[[*keys, "gold_certainties", *cols]].merge(
        new[[*keys, "gold_certainties", *cols]], on=keys, how="outer", suffixes=(" before", " after")
    )
    both["gold_certainties"] = both["gold_certainties after"].fillna(both["gold_certainties before"])
    changed = (both["status before"] != both["status after"]) | (both["pred_certainty before"] != both["pred_certainty after"])
    columns = [*keys, "gold_certainties", *(f"{c} {w}" for c in cols for w in ("before", "after"))]
    return both.loc[changed, columns].fillna("").reset_index(drop=True)


def gold_by_unit(claims: pd.DataFrame, gold: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Per unit: the groups the coder and the rules name, at both voice levels.

    Returns:
        One row per unit: unit_id, then for "author" and "all" voices: gold and rules
        (";"-joined groups), tp, fp, fn and certainty_agree (matched pairs whose
        certainty agrees, "k/n").
    """
    out = pd.DataFrame({"unit_id": units["unit_id"]}).set_index("unit_id")
    for voices in ("author", "all"):
        ev = evaluate_against_gold(claims, gold, voices=voices)
        for unit_id in out.index:
            part = ev[ev["unit_id"] == unit_id]
            tp = part[part["status"] == "tp"]
            out.loc[unit_id, f"{voices}: gold"] = ";".join(part.loc[part["status"] != "fp", "group"]) or "-"
            out.loc[unit_id, f"{voices}: rules"] = ";".join(part.loc[part["status"] != "fn", "group"]) or "-"
            for status in ("tp", "fp", "fn"):
                out.loc[unit_id, f"{voices}: {status}"] = int((part["status"] == status).sum())
            out.loc[unit_id, f"{voices}: certainty agrees"] = f"{int(tp['certainty_agree'].sum())}/{len(tp)}"
    counts = [c for c in out.columns if c.endswith((": tp", ": fp", ": fn"))]
    return out.astype({c: int for c in counts}).reset_index()


def evidence_span(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a coder's evidence string stands in the unit text.

    The evidence is an exact substring by the codebook; curly and straight quotes, odd
    spaces and runs of whitespace are allowed to differ.

    Args:
        text: The unit text.
        evidence: The coder's quotation of it.

    Returns:
        (start, end) offsets into ``text``, or None when the evidence is not found.
    """
    if not evidence.strip():
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    norm = normalize_text(text)
    words = normalize_text(evidence).split()
    m = re.search(r"\s+".join(map(re.escape, words)), norm)
    return (m.start(), m.end()) if m else None


def claim_matches(claims: pd.DataFrame, sentence_table: pd.DataFrame, reference: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Match the reference claims one by one.

    A reference row is matched when a found claim has its unit and group and the found
    claim's sentence overlaps the reference evidence in the text (any voice, role or
    certainty). Rows whose group is ``none`` are left out.

    Args:
        claims: :func:`corpus_tools.blame_claims`.
        sentence_table: :func:`corpus_tools.sentences` of ``units``.
        reference: Rows with unit_id, group, role, certainty, voice, evidence.
        units: The units (unit_id, text).

    Returns:
        The reference rows with ``ev_start``, ``ev_end`` (-1 when the evidence is not
        found in the text), ``matched`` (bool) and ``found`` (the matching claims'
        "role/certainty/voice", ";"-joined).
    """
    texts = dict(zip(units["unit_id"], units["text"]))
    spans = {(u, int(s)): (int(a), int(b)) for u, s, a, b in sentence_table[["unit_id", "sent_id", "start", "end"]].itertuples(index=False)}
    found: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for r in claims.itertuples():
        a, b = spans[(r.unit_id, int(r.sent_id))]
        found.setdefault((r.unit_id, r.group), []).append((a, b, f"{r.role}/{r.certainty}/{r.voice}"))
    rows = []
    for r in reference[reference["group"] != "none"].itertuples():
        span = evidence_span(texts.get(r.unit_id, ""), r.evidence)
        lo, hi = span if span else (-1, -1)
        hits = [label for a, b, label in found.get((r.unit_id, r.group), []) if span and a < hi and lo < b]
        rows.append({**r._asdict(), "ev_start": lo, "ev_end": hi, "matched": bool(hits), "found": ";".join(dict.fromkeys(hits))})
    out = pd.DataFrame(rows)
    return out.drop(columns=["Index"]) if "Index" in out.columns else out
