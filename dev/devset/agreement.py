"""Inter-coder agreement on the development set's blame and stance coding.

Run from the repository root::

    python dev/devset/agreement.py

Reads the two independent codings in ``dev/devset/coding/`` and the event of each
excerpt from ``dev/devset/articles.csv``; prints a table and writes
``dev/devset/agreement.json``. Krippendorff's alpha (nominal) is computed here (no
dependency); ``check_alpha()`` reproduces two published examples and runs first.

Measures (see CODEBOOK.md for the columns):

* ``group_presence``: one unit per (doc, group) over every group id of the doc's event;
  a coder's value is 1 if they have any claim row for the pair (any role, certainty or
  voice, denials included), else 0. ``none`` rows mean no claims.
* ``group_role_presence``: the same per (doc, group, role) over all three roles.
* ``certainty``: one unit per (doc, group, voice) that *both* coders coded; a coder's
  value is the set of certainties they gave it (usually one, e.g. ``asserted``; two
  when the same voice both asserts and hedges in different roles, ``asserted+hedged``).
  Two voice normalisations: ``voice`` (lowercased, dots, a leading "the" and the
  article "al-" dropped, so "U.S." = "us" and "Al-Maliki" = "maliki") and
  ``author_other`` (voice reduced to ``author`` or ``other``).
* ``role``: as ``certainty`` but the value is the set of roles.
* ``author_certainty`` / ``author_role``: the certainty (role) sets of the
  (doc, group) claims both coders made in the author's voice.
* ``stance_presence``: one unit per (doc, dimension, direction) over both dimensions
  and both directions; 1 if the coder has any stance row for it.

Each measure reports alpha, raw percent agreement (share of units on which the two
coders gave the same value), the number of units and the value counts per coder.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from itertools import permutations
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODING = HERE / "coding"
OUT = HERE / "agreement.json"

# The group ids of each event, as listed in CODEBOOK.md ("Group ids per event").
EVENT_GROUPS = {
    "abqaiq": ["houthis", "iran", "iraqi_militias", "saudi_arabia", "us_government", "unnamed", "other"],
    "nordstream": ["russia", "us_government", "ukraine", "uk", "poland", "unnamed", "other"],
    "kremlin": ["ukraine", "us_government", "russia", "unnamed", "other"],
    "moise": ["mercenaries", "haitian_plotters", "haitian_officials", "us_linked", "unnamed", "other"],
    "crocus": ["islamic_state", "ukraine", "western_states", "russia", "unnamed", "other"],
}
ROLES = ["perpetrator", "sponsor", "enabler"]
CERTAINTIES = ["asserted", "hedged", "attributed", "denied"]
DIMENSIONS = ["confrontation", "response"]
DIRECTIONS = ["1", "-1"]
CODERS = ["a", "b"]


# ---------------------------------------------------------------- Krippendorff's alpha


def krippendorff_alpha_nominal(units: list[list]) -> float:
    """Krippendorff's alpha for nominal data.

    Args:
        units: one list per unit holding the values the coders gave it; ``None`` is a
            missing value. Units with fewer than two values are not pairable and are
            ignored.

    Returns:
        alpha = 1 - D_o / D_e from the coincidence matrix (Krippendorff 2011,
        "Computing Krippendorff's alpha-reliability"); ``nan`` when fewer than two
        pairable values or when all pairable values are the same (D_e = 0).
    """
    coincidences: Counter = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in permutations(range(m), 2):
            coincidences[(values[i], values[j])] += 1.0 / (m - 1)
    n_c: Counter = Counter()
    for (c, _k), w in coincidences.items():
        n_c[c] += w
    n = sum(n_c.values())
    if n < 2:
        return float("nan")
    observed = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    if expected == 0:
        return float("nan")
    return 1.0 - observed / expected


def check_alpha() -> None:
    """Reproduce two textbook values; raise AssertionError if either is off."""
    # Krippendorff (2004), Content Analysis, 2nd ed., binary data, two observers,
    # ten units: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    got = krippendorff_alpha_nominal([list(u) for u in zip(a, b)])
    assert round(got, 3) == 0.095, got
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C:
    # four observers, twelve units, missing values; nominal alpha = 0.743.
    x = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, x, x, x],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, x, 3],
        [x, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, x],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, x],
    ]
    got = krippendorff_alpha_nominal([list(u) for u in zip(*data)])
    assert round(got, 3) == 0.743, got
    # Perfect agreement with variation is 1; systematic disagreement is negative.
    assert krippendorff_alpha_nominal([[0, 0], [1, 1], [0, 0]]) == 1.0
    assert krippendorff_alpha_nominal([[0, 1], [1, 0]]) < 0


# ---------------------------------------------------------------- reading the codings


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def norm_voice(voice: str) -> str:
    """Lowercase; drop dots, a leading 'the' and the article 'al-'; squeeze spaces."""
    v = voice.lower().replace(".", "").strip()
    v = re.sub(r"^the\s+", "", v)
    v = re.sub(r"^al-", "", v)
    return re.sub(r"\s+", " ", v)


def author_other(voice: str) -> str:
    return "author" if norm_voice(voice) == "author" else "other"


def load() -> tuple[dict[str, str], dict[str, list], dict[str, list]]:
    events = {r["doc_id"]: r["event"] for r in read_csv(HERE / "articles.csv")}
    blame, stance = {}, {}
    for c in CODERS:
        rows = read_csv(CODING / f"coding_{c}.csv")
        for r in rows:
            ev = events.get(r["doc_id"])
            if ev is None:
                sys.exit(f"coding_{c}.csv: unknown doc_id {r['doc_id']!r}")
            if r["group"] != "none":
                if r["group"] not in EVENT_GROUPS[ev]:
                    sys.exit(f"coding_{c}.csv: {r['doc_id']}: group {r['group']!r} is not a group of {ev}")
                if r["role"] not in ROLES or r["certainty"] not in CERTAINTIES or not r["voice"]:
                    sys.exit(f"coding_{c}.csv: {r['doc_id']} {r['group']}: bad role/certainty/voice {r}")
        missing = sorted(set(events) - {r["doc_id"] for r in rows})
        if missing:
            sys.exit(f"coding_{c}.csv: no row for {missing}")
        blame[c] = [r for r in rows if r["group"] != "none"]
        srows = read_csv(CODING / f"stance_{c}.csv")
        for r in srows:
            if r["doc_id"] not in events or r["dimension"] not in DIMENSIONS or r["direction"] not in DIRECTIONS:
                sys.exit(f"stance_{c}.csv: bad row {r}")
        stance[c] = srows
    return events, blame, stance


# ---------------------------------------------------------------- measures


def summarise(units: dict[tuple, tuple]) -> dict:
    """alpha, percent agreement, unit count and value counts for {unit: (value_a, value_b)}."""
    keys = sorted(units)
    pairs = [units[k] for k in keys]
    alpha = krippendorff_alpha_nominal([list(p) for p in pairs])
    agree = sum(1 for va, vb in pairs if va == vb)
    out = {
        "alpha": None if alpha != alpha else round(alpha, 4),
        "percent_agreement": round(100.0 * agree / len(pairs), 2) if pairs else None,
        "n_units": len(pairs),
        "n_agree": agree,
        "n_disagree": len(pairs) - agree,
    }
    for i, c in enumerate(CODERS):
        out[f"values_{c}"] = dict(sorted(Counter(str(p[i]) for p in pairs).items()))
    return out


def presence_units(events, blame, key_fn, universe_fn) -> dict:
    coded = {c: {key_fn(r) for r in blame[c]} for c in CODERS}
    units = {}
    for doc, ev in events.items():
        for key in universe_fn(doc, ev):
            units[key] = tuple(int(key in coded[c]) for c in CODERS)
    return units


def set_units(blame, key_fn, value_field, author_only=False) -> dict:
    """{(doc, group, voice): ('+'.join(sorted values a), ... b)} for keys both coders have."""
    vals = {}
    for c in CODERS:
        d: dict[tuple, set] = {}
        for r in blame[c]:
            if author_only and norm_voice(r["voice"]) != "author":
                continue
            d.setdefault(key_fn(r), set()).add(r[value_field])
        vals[c] = d
    shared = set(vals["a"]) & set(vals["b"])
    return {k: tuple("+".join(sorted(vals[c][k])) for c in CODERS) for k in shared}


def shared_counts(blame, key_fn) -> dict:
    keys = {c: {key_fn(r) for r in blame[c]} for c in CODERS}
    return {"both": len(keys["a"] & keys["b"]), "only_a": len(keys["a"] - keys["b"]), "only_b": len(keys["b"] - keys["a"])}


def compute() -> dict:
    events, blame, stance = load()
    res: dict = {
        "definitions": {
            "group_presence": "unit (doc, group) over every group of the doc's event; 1 if the coder has any claim row",
            "group_role_presence": "unit (doc, group, role) over every group and role; 1 if any claim row",
            "certainty.voice": "unit (doc, group, voice) coded by both, voice lowercased without dots, "
            "leading 'the' or 'al-'; value = the set of certainties given",
            "certainty.author_other": "as certainty.voice with voice reduced to author/other",
            "role.voice": "as certainty.voice, value = the set of roles",
            "role.author_other": "as role.voice with voice reduced to author/other",
            "author_certainty": "unit (doc, group) with author-voice rows from both coders; value = set of certainties",
            "author_role": "unit (doc, group) with author-voice rows from both coders; value = set of roles",
            "stance_presence": "unit (doc, dimension, direction) over both dimensions and directions; "
            "1 if any stance row",
        },
        "method": "Krippendorff's alpha, nominal, two coders (own implementation, checked against "
        "Krippendorff 2004 binary example 0.095 and Krippendorff 2011 example 0.743)",
        "n_docs": len(events),
        "n_blame_rows": {c: len(blame[c]) for c in CODERS},
        "n_stance_rows": {c: len(stance[c]) for c in CODERS},
    }
    res["group_presence"] = summarise(
        presence_units(events, blame, lambda r: (r["doc_id"], r["group"]),
                       lambda doc, ev: [(doc, g) for g in EVENT_GROUPS[ev]])
    )
    res["group_role_presence"] = summarise(
        presence_units(events, blame, lambda r: (r["doc_id"], r["group"], r["role"]),
                       lambda doc, ev: [(doc, g, ro) for g in EVENT_GROUPS[ev] for ro in ROLES])
    )
    voice_key = lambda r: (r["doc_id"], r["group"], norm_voice(r["voice"]))  # noqa: E731
    ao_key = lambda r: (r["doc_id"], r["group"], author_other(r["voice"]))  # noqa: E731
    dg_key = lambda r: (r["doc_id"], r["group"])  # noqa: E731
    res["certainty"] = {
        "voice": {**summarise(set_units(blame, voice_key, "certainty")), "claims": shared_counts(blame, voice_key)},
        "author_other": {**summarise(set_units(blame, ao_key, "certainty")), "claims": shared_counts(blame, ao_key)},
    }
    res["role"] = {
        "voice": summarise(set_units(blame, voice_key, "role")),
        "author_other": summarise(set_units(blame, ao_key, "role")),
    }
    res["author_certainty"] = summarise(set_units(blame, dg_key, "certainty", author_only=True))
    res["author_role"] = summarise(set_units(blame, dg_key, "role", author_only=True))
    coded = {c: {(r["doc_id"], r["dimension"], r["direction"]) for r in stance[c]} for c in CODERS}
    res["stance_presence"] = summarise({
        (doc, dim, d): tuple(int((doc, dim, d) in coded[c]) for c in CODERS)
        for doc in events for dim in DIMENSIONS for d in DIRECTIONS
    })
    return res


def fmt(name: str, m: dict) -> str:
    alpha = "  n/a " if m["alpha"] is None else f"{m['alpha']:6.3f}"
    return f"{name:38s} alpha {alpha}   agreement {m['percent_agreement']:6.2f}%   units {m['n_units']:4d}   disagree {m['n_disagree']:3d}"


def main() -> None:
    check_alpha()
    res = compute()
    OUT.write_text(json.dumps(res, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{res['n_docs']} docs; blame rows a={res['n_blame_rows']['a']} b={res['n_blame_rows']['b']}; "
          f"stance rows a={res['n_stance_rows']['a']} b={res['n_stance_rows']['b']}")
    print(fmt("(a) (doc, group) presence", res["group_presence"]))
    print(fmt("(b) (doc, group, role) presence", res["group_role_presence"]))
    print(fmt("(c) certainty, shared (doc,group,voice)", res["certainty"]["voice"]))
    print(fmt("    certainty, voice author/other", res["certainty"]["author_other"]))
    print(fmt("    role, shared (doc,group,voice)", res["role"]["voice"]))
    print(fmt("    role, voice author/other", res["role"]["author_other"]))
    print(fmt("    certainty, author voice only", res["author_certainty"]))
    print(fmt("    role, author voice only", res["author_role"]))
    print(fmt("(d) stance (doc, dim, direction)", res["stance_presence"]))
    c = res["certainty"]["voice"]["claims"]
    print(f"(doc, group, voice) claims: both {c['both']}, only a {c['only_a']}, only b {c['only_b']}")
    print(f"wrote {OUT.relative_to(HERE.parent.parent)}")


if __name__ == "__main__":
    main()
