"""Actor mentions: the gazetteer and a rule-based mention finder.

The gazetteer (``corpus/gazetteer.csv``, documented in ``corpus/gazetteer.md``) lists
each actor with its group, type, name forms, aliases and role nouns.
:func:`find_mentions_in_text` finds the actors in one string:

* every name form and alias is compiled to a regular expression that tolerates the
  usual transliteration variants of Arabic and Persian names (dh/z/th/d, e/i, o/u,
  doubled letters, an optional ``al-`` article, apostrophes, line breaks), so that
  spellings nobody listed are still found;
* role nouns ("the prime minister", "the Iranian regime") count only when the context
  does not make them someone else's or another time's ("former prime minister ...",
  "the next premier", "any Iraqi prime minister");
* a title directly before a name ("Prime Minister Mustafa al-Kadhimi", "Mr. Kadhimi")
  is one mention of that name;
* he/his/him/himself are resolved to Kadhimi when he is the closest person mentioned
  before them, in the same or the previous sentence (conservatively: a subject "he"
  also needs Kadhimi to be the first person of its sentence, and quoted speakers are
  left alone); other antecedents give no row.

Offsets are character offsets into the string passed in: ``text[start:end] == surface``.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import sentences, span_sentences

__all__ = [
    "GAZETTEER_COLUMNS",
    "GROUPS",
    "HOWS",
    "MENTION_COLUMNS",
    "TYPES",
    "GazetteerError",
    "compile_entry",
    "find_mentions",
    "find_mentions_in_text",
    "load_gazetteer",
]

GROUPS = frozenset(
    {"iran", "militias", "iraqi_government", "us_government", "sadrists", "other"}
)
TYPES = frozenset({"person", "organisation", "state", "government"})
HOWS = ("name", "alias", "role", "pronoun")
MENTION_COLUMNS = ["sent_id", "start", "end", "surface", "actor", "group", "how"]
GAZETTEER_COLUMNS = ["id", "name", "group", "type", "names", "aliases", "roles"]

_ID_RE = re.compile(r"[a-z][a-z0-9_]*")


def _words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a word-list literal as a frozenset."""
    return frozenset(text.split())


class GazetteerError(ValueError):
    """A malformed gazetteer file: the message names the file, the line and the problem."""


# --------------------------------------------------------------------------- loading


def _default_gazetteer_path() -> Path:
    """Return corpus/gazetteer.csv nearest the CWD, else the repository's own copy.

    Returns:
        Path of the gazetteer to use.

    Raises:
        FileNotFoundError: if neither exists.
    """
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "corpus" / "gazetteer.csv"
        if candidate.is_file():
            return candidate
    fallback = Path(__file__).resolve().parents[3] / "corpus" / "gazetteer.csv"
    if fallback.is_file():
        return fallback
    raise FileNotFoundError(
        f"no corpus/gazetteer.csv above {here} and none at {fallback}; pass path= explicitly"
    )


def _split_cell(cell: str) -> list[str]:
    """Split a ';'-separated gazetteer cell into stripped, non-empty entries."""
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def _entry_key(entry: str) -> str:
    """Return the comparison key of an entry: case, article, '=' and punctuation ignored."""
    text = normalize_text(entry.lstrip("=")).lower().replace("'", "")
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w and w not in {"al", "el"}]
    return " ".join(words)


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the actor gazetteer.

    Args:
        path: CSV file with columns id, name, group, type, names, aliases, roles.
            None: ``corpus/gazetteer.csv`` in the nearest folder above the CWD that has
            one, falling back to the repository's ``corpus/`` next to ``src/``.

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
    if row["group"] not in GROUPS:
        raise GazetteerError(
            f"{where}: unknown group {row['group']!r} for {actor!r}; expected one of {sorted(GROUPS)}"
        )
    if row["type"] not in TYPES:
        raise GazetteerError(
            f"{where}: unknown type {row['type']!r} for {actor!r}; expected one of {sorted(TYPES)}"
        )
    if not row["name"]:
        raise GazetteerError(f"{where}: actor {actor!r} has no display name")
    entries = (
        _split_cell(row["names"])
        + _split_cell(row["aliases"])
        + _split_cell(row["roles"])
    )
    if not _split_cell(row["names"]) + _split_cell(row["aliases"]):
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


# ------------------------------------------------------------------------- compiling

_VOWELS = frozenset("aeiou")
_DIGRAPHS = ("kh", "gh", "sh", "dh", "th", "zh", "ph", "ch")
_SUN_LETTERS = frozenset({"t", "th", "d", "dh", "r", "z", "zh", "s", "sh", "n", "l"})
# between the words of a name: hyphen, whitespace or nothing
_WORD_SEP = r"(?:\s*-\s*|\s+|)"
_LITERAL_SEP = r"(?:\s*-\s*|\s+)"  # between the words of an English phrase
_D_CLASS = r"(?:dh|zh|th|dz|d|z){1,2}"
_ARTICLE_WORDS = frozenset({"al", "el"})


def _is_acronym(word: str) -> bool:
    """True for all-capital abbreviations such as US, U.S., IRGC, PM."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _acronym_regex(word: str) -> str:
    """Case-sensitive acronym, with or without periods (US, U.S., U.S)."""
    letters = word.replace(".", "")
    dotted = r"\.".join(re.escape(c) for c in letters) + r"\.?"
    return f"(?-i:(?:{dotted}|{re.escape(letters)}))"


def _units(word: str) -> list[tuple[str, bool]]:
    """Split a lowercase ascii word into letter units, collapsing doubles.

    Returns:
        (unit, junction) pairs; digraphs (kh, dh, ...) are one unit, a doubled letter
        or a run of vowels of one class (i/e, o/u) is one unit, and ``junction`` marks
        a vowel before "ll" (the Allah/al- junction: Hezbollah, Hizballah, Abdullah).
    """
    raw: list[str] = []
    i = 0
    while i < len(word):
        if word[i : i + 2] in _DIGRAPHS:
            raw.append(word[i : i + 2])
            i += 2
        else:
            raw.append(word[i])
            i += 1
    out: list[tuple[str, bool]] = []
    for k, unit in enumerate(raw):
        junction = (
            unit in _VOWELS
            and k > 0
            and raw[k - 1] not in _VOWELS
            and raw[k + 1 : k + 3] == ["l", "l"]
        )
        if out and _same_unit(out[-1][0], unit):
            kept = "i" if unit == "i" else out[-1][0]  # "ei" ends like "i": Khamenei
            out[-1] = (kept, out[-1][1] or junction)
            continue
        out.append((unit, junction))
    return out


def _same_unit(a: str, b: str) -> bool:
    """True when b repeats a (doubled letter or same vowel class)."""
    if a == b:
        return True
    return (a in "ie" and b in "ie") or (a in "ou" and b in "ou")


def _unit_regex(unit: str, prev: str | None, nxt: str | None, junction: bool) -> str:
    """Regex for one letter unit, with its transliteration variants."""
    if junction:
        return "[aeou]{1,2}"
    if unit == "a":
        return "a(?:'?a)?"
    if unit in ("e", "i"):
        if nxt is None and unit == "i":
            # a final -i (nisba) never becomes -e: Raisi is not "raise"
            return r"(?:(?:[ie]'?)?i|y|ee)"
        return r"(?:y?[ie](?:'?[ie])?|y)"
    if unit in ("o", "u"):
        return "[ou](?:'?[ou])?"
    if unit == "y":
        between_vowels = prev in _VOWELS and nxt in _VOWELS
        return "[yi]?" if between_vowels else "[yi]"
    if unit in ("d", "dh", "z", "zh", "th"):
        return _D_CLASS
    if unit in ("k", "kh"):
        return r"[kq]{1,2}h?"
    if unit == "q":
        return r"(?:[kq]{1,2}h?|gh?)"
    if unit in ("g", "gh"):
        return r"(?:gh?|q)"
    if unit in ("f", "ph"):
        return r"(?:ph|f{1,2})"
    if unit == "h":
        optional = prev in ("a", "e") and (nxt is None or nxt not in _VOWELS)
        return "h?" if optional else "h"
    if len(unit) == 2:
        return unit
    return re.escape(unit) + "{1,2}"


def _translit_word(word: str) -> tuple[str, str | None]:
    """Compile one word of a name to a variant-tolerant regex.

    Returns:
        (regex, first_unit): first_unit is the word's first letter unit (used for the
        assimilated article as-Sadr, ash-Shaabi), None for acronyms.
    """
    if _is_acronym(word):
        return _acronym_regex(word), None
    w = normalize_text(word).lower().replace("'", "")
    if not (w.isascii() and w.isalpha()):
        return re.escape(w), None
    prefix = ""
    abd = re.match(r"abd[aeiou]l", w)
    if abd and len(w) >= 5:  # Abdul / Abdel / Abd al- / Abd-al- / Abdal
        prefix = r"abd(?:\s*-\s*|\s+)?[aeuo]l"
        w = w[5:]
        if not w:
            return prefix, "a"
    units = _units(w)
    parts = []
    for k, (unit, junction) in enumerate(units):
        prev = units[k - 1][0] if k > 0 else None
        nxt = units[k + 1][0] if k + 1 < len(units) else None
        parts.append(_unit_regex(unit, prev, nxt, junction))
    body = "'?".join(parts)
    if prefix:
        return prefix + _WORD_SEP + body, "a"
    return body, units[0][0]


def _article(first_unit: str | None) -> str:
    """Optional Arabic article before a name word: al-, Al , el-, al, as-/ash-/ad-..."""
    if first_unit is None:
        return ""
    alternatives = [r"[aeu]l(?:\s*-\s*|\s+)?"]
    if first_unit in _SUN_LETTERS:
        alternatives.append(
            "a" + _unit_regex(first_unit, None, None, False) + r"\s*-\s*"
        )
    return "(?:" + "|".join(alternatives) + ")?"


def _entry_words(entry: str) -> list[str]:
    """Split an entry into words on whitespace and hyphens, keeping acronyms' periods."""
    return [w for w in re.split(r"[\s\-]+", entry.strip()) if w]


def _translit_regex(entry: str) -> str:
    """Variant-tolerant regex body for a transliterated name or alias."""
    words = _entry_words(entry)
    kept = [
        w
        for k, w in enumerate(words)
        if not (w.lower() in _ARTICLE_WORDS and k + 1 < len(words))
    ]
    parts = []
    for word in kept:
        body, first = _translit_word(word)
        parts.append(_article(first) + body)
    return _WORD_SEP.join(parts)


def _literal_regex(entry: str, *, keep_capitals: bool = True) -> str:
    """Regex body for an English phrase: flexible spaces, acronyms exact, and (with
    keep_capitals) a capitalised word must stay capitalised ("Trump", not "trump")."""
    parts = []
    for word in _entry_words(normalize_text(entry)):
        if _is_acronym(word):
            parts.append(_acronym_regex(word))
        elif keep_capitals and word[:1].isupper():
            parts.append(f"(?-i:{re.escape(word[0])}){re.escape(word[1:])}")
        else:
            parts.append(re.escape(word))
    return _LITERAL_SEP.join(parts)


def compile_entry(
    entry: str, *, literal: bool | None = None, keep_capitals: bool = True
) -> re.Pattern[str]:
    """Compile one gazetteer entry (name form, alias or role) to a regex.

    Args:
        entry: the entry as written in the gazetteer; a leading '=' marks an English
            phrase that is matched literally (flexible whitespace, no letter variants).
        literal: force literal (True) or transliteration (False) matching; None:
            decided by the '=' marker.
        keep_capitals: in literal phrases, a capitalised word must be capitalised in
            the text (proper nouns); role nouns are compiled with False.

    Returns:
        A compiled, case-insensitive pattern with word boundaries on both sides, to be
        run on :func:`normalise_quotes` text.
    """
    is_literal = entry.startswith("=") if literal is None else literal
    body = entry.lstrip("=")
    regex = (
        _literal_regex(body, keep_capitals=keep_capitals)
        if is_literal
        else _translit_regex(body)
    )
    return re.compile(rf"(?<!\w){regex}(?!\w)", re.IGNORECASE)


# ------------------------------------------------------------------- fixed patterns

_PATRON_VERBS = (
    r"(?:backed|supported|sponsored|aligned|allied|affiliated|linked|funded|"
    r"controlled|directed|leaning|friendly)"
)
_PATRON = (
    rf"(?:pro[\s-]?(?:Iran(?:ian)?|Tehran)|(?:Iran(?:ian)?|Tehran)-{_PATRON_VERBS})"
)
_MILITIA_ADJ = (
    r"(?:Shiite|Shia|Shi'ite|Shi'a|Iraqi|political|armed|terrorist|paramilitary|"
    r"proxy|militia|hard-?line|Islamist)"
)
_MILITIA_HEAD = r"(?:militia(?:s|men|man)?|proxies)"
_GROUP_HEAD = (
    r"(?:groups?|factions?|part(?:y|ies)|forces|blocs?|elements?|fighters|"
    r"movements?|networks?)"
)
# "Iran-backed militias", "pro-Iranian groups", "Iranian proxy militias": one militias mention.
_PATRON_RE = re.compile(
    rf"(?<!\w)(?:{_PATRON}\s+(?:{_MILITIA_ADJ}\s+){{0,2}}(?:{_MILITIA_HEAD}|{_GROUP_HEAD})"
    rf"|Iranian\s+(?:{_MILITIA_ADJ}\s+){{0,2}}{_MILITIA_HEAD})(?!\w)",
    re.IGNORECASE,
)
# A name used as a patron or place adjective is not a mention of that actor.
_ADJ_SUFFIX_RE = re.compile(rf"-\s*(?:{_PATRON_VERBS}|based)(?!\w)", re.IGNORECASE)
_PRO_PREFIX_RE = re.compile(r"(?:^|[^\w])pro[\s-]?$", re.IGNORECASE)
# Phrases that contain an alias but name a place or another organisation.
_BLOCKERS_RE = re.compile(
    r"(?<!\w)(?:Washington,?\s*D\.?C\.?|Washington\s+Institute|Washington\s+Post|"
    r"Sadr\s+City|Tehran\s+Times)(?!\w)",
    re.IGNORECASE,
)
# Honorifics and titles that make one mention with a directly following person name.
_TITLE_RE = re.compile(
    r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Gen|Sheikh|Shaykh|Sayyid|Sayyed|Grand\s+Ayatollah|Ayatollah|"
    r"President|General|Judge|Imam|Hajj?i?)\.?(?!\w)"
)
_PRONOUN_RE = re.compile(r"(?<!\w)(?:he|his|him|himself)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class _Entry:
    """One compiled gazetteer entry."""

    pattern: re.Pattern[str]
    actor: str
    group: str
    type: str
    how: str


@dataclass
class _Cand:
    """A candidate mention before overlap resolution."""

    start: int
    end: int
    actor: str | None
    group: str | None
    type: str | None
    how: str

    @property
    def length(self) -> int:
        return self.end - self.start


_HOW_RANK = {"block": 0, "name": 1, "alias": 2, "role": 3, "pronoun": 4}


@functools.lru_cache(maxsize=16)
def _compile_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[_Entry, ...]:
    """Compile every entry of a gazetteer (rows as tuples in GAZETTEER_COLUMNS order)."""
    compiled = []
    for actor, _name, group, typ, names, aliases, roles in rows:
        for how, cell, literal in (
            ("name", names, None),
            ("alias", aliases, None),
            ("role", roles, True),
        ):
            for entry in _split_cell(cell):
                pattern = compile_entry(
                    entry, literal=literal, keep_capitals=how != "role"
                )
                compiled.append(_Entry(pattern, actor, group, typ, how))
    return tuple(compiled)


def _gazetteer_rows(
    gazetteer: pd.DataFrame | str | Path | None,
) -> tuple[tuple[str, ...], ...]:
    """Return the gazetteer as a hashable tuple of rows."""
    if gazetteer is None or isinstance(gazetteer, (str, Path)):
        gazetteer = _cached_default(str(gazetteer) if gazetteer is not None else None)
    frame = gazetteer.reindex(columns=GAZETTEER_COLUMNS).fillna("").astype(str)
    return tuple(tuple(r) for r in frame.itertuples(index=False, name=None))


@functools.lru_cache(maxsize=4)
def _cached_default(path: str | None) -> pd.DataFrame:
    """load_gazetteer, cached per path (None: the default search)."""
    return load_gazetteer(path)


# ----------------------------------------------------------------------- sentences

def _spans_and_ids(
    text: str, sentence_spans: Sequence[tuple[int, int]] | pd.DataFrame | None
) -> tuple[list[tuple[int, int]], list[int]]:
    """Normalise the sentence_spans argument to sorted spans and their sent_ids."""
    if sentence_spans is None:
        spans = list(span_sentences(text))
        return spans, list(range(len(spans)))
    if isinstance(sentence_spans, pd.DataFrame):
        frame = sentence_spans.sort_values("start")
        spans = list(zip(frame["start"].astype(int), frame["end"].astype(int)))
        ids = (
            [int(i) for i in frame["sent_id"]]
            if "sent_id" in frame.columns
            else list(range(len(spans)))
        )
        return spans, ids
    pairs = [(int(s), int(e)) for s, e in sentence_spans]
    order = sorted(range(len(pairs)), key=lambda k: pairs[k][0])
    return [pairs[k] for k in order], order


def _sentence_index(
    spans: list[tuple[int, int]], starts: list[int], pos: int
) -> int | None:
    """Index of the span containing pos, None if pos is in no span."""
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and spans[k][0] <= pos < spans[k][1]:
        return k
    return None


# -------------------------------------------------------------------- role context

_ROLE_NEGATORS = _words(
    """
    former then ex next future previous prior past late new incoming another any
    every each a an would-be potential prospective eventual successive one
    """
)
_ROLE_POSSESSIVES = _words("his her their its our your my")
_ROLE_PREDICATIVE = _words(
    """
    as become becomes became becoming remain remains remained named appointed
    """
)
_ROLE_ANCHORS = _words(
    """
    the this that to of on at by with for from in against into upon over about
    toward towards iraq's iraqi
    """
)
_AFTER_NOUN = _words(
    """
    is was has had have can could will would should may might must did does do
    himself and or but who whose whom that which said says told in of on at to
    for with by from as after afterwards again also then now still however last
    this since during
    """
)
_CALENDAR = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    """
)


def _role_refers(ntext: str, start: int, end: int, sent_start: int) -> bool:
    """Decide whether a role noun at [start, end) refers to its actor here.

    Not when: a capitalised name follows ("Premier Mikhail Gorbachev"); it is the
    possessive of a proper name ("the Prime Minister's Guesthouse"); "premier" is an
    adjective ("Iraq's premier intelligence agency"); or a qualifier within three
    words before it makes it someone else's or another time's (former, then-, next,
    future, any, a/an, his/their, a foreign adjective such as "Soviet"), or the role is
    predicative ("as prime minister", "became premier").
    """
    after = ntext[end : end + 80]
    name_after = re.match(r"[ \t]*\n?[ \t]*([A-Z][\w'-]*)", after)
    if (
        name_after
        and after[:1].isspace()
        and name_after.group(1).lower() not in _CALENDAR
    ):
        return False
    if re.match(r"'s\s+[A-Z]", after):
        return False
    if ntext[start:end].lower().endswith("premier"):
        nxt = re.match(r"\s+([a-z][a-z'-]*)", after)
        if nxt and not (
            nxt.group(1) in _AFTER_NOUN or nxt.group(1).endswith(("ed", "ly"))
        ):
            return False
    return _qualifiers_allow(ntext[sent_start:start])


def _qualifiers_allow(before: str) -> bool:
    """Walk back over up to three words before a role noun; False if one disqualifies it."""
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9'.]*-?|[^\sA-Za-z0-9]", before)
    words_seen = 0
    for k in range(len(tokens) - 1, -1, -1):
        tok = tokens[k]
        if not tok[0].isalnum():
            if tok in {",", "-"}:
                continue
            return True
        word = tok.rstrip("-").rstrip(".")
        low = word.lower()
        if low in _ROLE_ANCHORS:
            return True
        if (
            low in _ROLE_NEGATORS
            or low in _ROLE_POSSESSIVES
            or low in _ROLE_PREDICATIVE
        ):
            return False
        if word.isdigit():
            return False
        if word[:1].isupper() and words_seen == 0 and (k > 0 or word.endswith("'s")):
            return False  # a foreign adjective or possessive: "Soviet Premier", "Lebanon's"
        words_seen += 1
        if words_seen >= 3:
            return True
    return True


# ---------------------------------------------------------------------- candidates


def _entry_candidates(ntext: str, entries: Iterable[_Entry]) -> list[_Cand]:
    """Run every compiled entry over the text; drop adjectival uses of names."""
    cands = []
    for e in entries:
        for m in e.pattern.finditer(ntext):
            if m.end() <= m.start():
                continue
            if e.how != "role":
                if _ADJ_SUFFIX_RE.match(ntext, m.end()):
                    continue  # "Iran-backed", "US-based"
                if _PRO_PREFIX_RE.search(ntext[max(0, m.start() - 5) : m.start()]):
                    continue  # "pro-Iran"
            cands.append(_Cand(m.start(), m.end(), e.actor, e.group, e.type, e.how))
    return cands


def _fixed_candidates(ntext: str, actors: dict[str, tuple[str, str]]) -> list[_Cand]:
    """Patron-militia phrases (for the generic militias actor) and blockers."""
    cands = []
    if "militias" in actors:
        group, typ = actors["militias"]
        for m in _PATRON_RE.finditer(ntext):
            cands.append(_Cand(m.start(), m.end(), "militias", group, typ, "alias"))
    for m in _BLOCKERS_RE.finditer(ntext):
        cands.append(_Cand(m.start(), m.end(), None, None, None, "block"))
    return cands


def _merge_titles(ntext: str, names: list[_Cand], titles: list[_Cand]) -> list[_Cand]:
    """Join titles and role nouns directly before a person name into one mention."""
    title_start: dict[int, int] = {}
    for t in titles:
        title_start[t.end] = min(t.start, title_start.get(t.end, t.start))
    merged = []
    for n in names:
        if n.type != "person":
            continue
        start = n.start
        while True:
            j = start
            while j > 0 and ntext[j - 1].isspace():
                j -= 1
            if j == start or j not in title_start or "\n\n" in ntext[j:start]:
                break
            start = title_start[j]
        if start < n.start:
            merged.append(_Cand(start, n.end, n.actor, n.group, n.type, n.how))
    return merged


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest candidates, never overlapping; ties: block, name, alias, role."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-c.length, _HOW_RANK[c.how], c.start)):
        k = bisect.bisect_left(taken, (c.start, c.end))
        left_ok = k == 0 or taken[k - 1][1] <= c.start
        right_ok = k == len(taken) or taken[k][0] >= c.end
        if left_ok and right_ok:
            taken.insert(k, (c.start, c.end))
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# ------------------------------------------------------------------------ pronouns

_NON_PERSON = _words(
    # Capitalised words that do not start a person's name: function words that open
    # sentences, calendar words, places, nationalities, and the head words of
    # organisation and publication names. A heuristic list; see corpus/gazetteer.md.
    """
    the a an in on at by for of to and but or when after before this that these
    those it its he his she her they their we our i if as while since though
    although yet so then now still even only just many most some all both each
    every no not what who which why how where there here with from into over
    under between among during despite according instead moreover however
    hopefully perhaps below above because unknown note first fast rule love can
    sunday monday tuesday wednesday thursday friday saturday january february
    march april may june july august september october november december iraq
    iran syria lebanon israel turkey gaza baghdad beirut tehran najaf tigris
    kurdistan basra erbil washington boston australia africa pacific gulf east
    west north south middle near horn green zone river street road city port
    strip region iraqi iraqis iranian iranians american americans israeli
    israelis lebanese syrian kurdish kurds sunni sunnis shiite shiites shia arab
    arabs western soviet colombian australian palestinian palestinians jewish
    christian christianity persian turkish english muslim old council institute
    forum news journal times post interest center centre university foundation
    initiative program programs ministry department embassy assembly parliament
    police army force forces corps guard guards party alliance movement front
    brigade brigades organization commission service agency office house
    republic state states union nations committee court bank company hospital
    crescent reuters shutterstock wikimedia commons media press update updates
    image photo screenshot twitter topic tags enterprise revolutionary islamic
    national international federal interior foreign supreme security human unit
    defense democracies navy marine government prime minister president premier
    ayatollah grand leader recent related articles aid diplomacy politics attack
    drone strike
    """
)
_PERSON_NOUN_RE = re.compile(
    r"(?<!\w)(?:bodyguard|guard|spokesman|spokesperson|analyst|judge|officer|official|"
    r"prisoner|protester|protestor|militiaman|gunman|terrorist|commander|cleric|leader|"
    r"president|premier|minister|predecessor|successor|father|son|brother|friend|"
    r"colleague|writer|ambassador|envoy|attacker|suspect|dictator|member|chief|governor|"
    r"general|soldier|diplomat|rival|man)(?!\w)",
    re.IGNORECASE,
)
_CAP_TOKEN_RE = re.compile(
    r"(?<![\w'.])(?:Mrs?\.|Ms\.|Dr\.|[A-Z]\.(?=\s)|[^\W\d_][\w'-]*)"
)
_SPEECH_AFTER_RE = re.compile(
    r"(?<!\w)([A-Z][a-z]+)\s+(?:said|says|told|believes|argues|argued|noted|notes|added|"
    r"warned|wrote|suggests|suggested|explained)(?!\w)"
)
_SPEECH_BEFORE_RE = re.compile(
    r"(?<!\w)(?:said|says|told|according\s+to)\s+([A-Z][a-z]+)(?!\w)"
)
_SPEECH_VERB_AFTER_PRONOUN_RE = re.compile(
    r"\s+(?:said|says|told|added|argued|noted|explained|stated|warned|wrote|insisted|"
    r"continued|asked)(?!\w)",
    re.IGNORECASE,
)


def _capitalised_runs(ntext: str) -> list[list[re.Match[str]]]:
    """Runs of capitalised tokens separated by single spaces (candidate person names)."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for m in _CAP_TOKEN_RE.finditer(ntext):
        tok = m.group(0)
        if not tok[0].isupper() or (
            tok.isupper() and len(tok) > 1 and not tok.endswith(".")
        ):
            if current:
                runs.append(current)
            current = []
            continue
        if current and re.fullmatch(r"[ \t]+", ntext[current[-1].end() : m.start()]):
            current.append(m)
        else:
            if current:
                runs.append(current)
            current = [m]
    if current:
        runs.append(current)
    return runs


def _clean_token(tok: str) -> str:
    """Lowercase a capitalised token and drop a possessive 's."""
    low = tok.lower()
    return low.removesuffix("'s")


def _unknown_person_spans(
    ntext: str, occupied: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Heuristic spans of people not in the gazetteer (they block pronoun resolution).

    A run of two or more capitalised words none of which is a known place,
    organisation, nationality or function word ("Kyle Orton", "Mr. Spyer"); then every
    later capitalised occurrence of such a run's last word ("Orton said"), and any
    capitalised word that is the subject or object of a speech verb ("said Heras").
    """

    def free(a: int, b: int) -> bool:
        k = bisect.bisect_left(occupied, (a, b))
        left = k == 0 or occupied[k - 1][1] <= a
        right = k == len(occupied) or occupied[k][0] >= b
        return left and right

    spans: list[tuple[int, int]] = []
    surnames: set[str] = set()
    for run in _capitalised_runs(ntext):
        while run and _clean_token(run[0].group(0)) in _NON_PERSON:
            run = run[1:]
        if len(run) < 2 or any(_clean_token(m.group(0)) in _NON_PERSON for m in run):
            continue
        a, b = run[0].start(), run[-1].end()
        if free(a, b):
            spans.append((a, b))
            surnames.add(run[-1].group(0).split("'")[0])
    for rx in (_SPEECH_AFTER_RE, _SPEECH_BEFORE_RE):
        for m in rx.finditer(ntext):
            word = m.group(1)
            if word.lower() not in _NON_PERSON and free(m.start(1), m.end(1)):
                surnames.add(word)
    for word in surnames:
        for m in re.finditer(rf"(?<![\w'-]){re.escape(word)}(?![\w-])", ntext):
            if free(m.start(), m.end()):
                spans.append((m.start(), m.end()))
    return sorted(set(spans))


def _pronoun_rows(
    ntext: str,
    mentions: list[_Cand],
    spans: list[tuple[int, int]],
    kadhimi: tuple[str, str] | None,
) -> list[_Cand]:
    """Resolve he/his/him/himself to kadhimi (see module docstring); others unresolved."""
    if kadhimi is None or not spans:
        return []
    starts = [s for s, _ in spans]
    occupied = sorted((c.start, c.end) for c in mentions)
    # person events: (start, end, is_kadhimi)
    events: list[tuple[int, int, bool]] = [
        (c.start, c.end, c.actor == "kadhimi") for c in mentions if c.type == "person"
    ]
    for a, b in _unknown_person_spans(ntext, occupied):
        events.append((a, b, False))
    for m in _PERSON_NOUN_RE.finditer(ntext):
        k = bisect.bisect_left(occupied, (m.start(), m.end()))
        inside = (k > 0 and occupied[k - 1][1] > m.start()) or (
            k < len(occupied) and occupied[k][0] < m.end()
        )
        if not inside:
            events.append((m.start(), m.end(), False))
    pronouns = [m for m in _PRONOUN_RE.finditer(ntext)]
    items = sorted(
        [(a, 0, b, flag) for a, b, flag in events]
        + [(m.start(), 1, m.end(), None) for m in pronouns]
    )
    group, typ = kadhimi
    rows: list[_Cand] = []
    # the closest person event so far: (sentence index, is it kadhimi)
    last: tuple[int, bool] | None = None
    # sentence index -> is the first person event of that sentence kadhimi
    first_in: dict[int, bool] = {}
    for start, is_pronoun, end, flag in items:
        sent = _sentence_index(spans, starts, start)
        if sent is None:
            continue
        if not is_pronoun:
            last = (sent, bool(flag))
            first_in.setdefault(sent, bool(flag))
            continue
        resolved = (
            last is not None
            and last[1]
            and last[0] >= sent - 1
            and not _is_speech_attribution(ntext, start, end)
            and _subject_allows(ntext, spans[sent][0], start, end, sent, first_in)
        )
        first_in.setdefault(sent, resolved)
        if resolved:
            rows.append(_Cand(start, end, "kadhimi", group, typ, "pronoun"))
        last = (sent, resolved)
    return rows


def _subject_allows(
    ntext: str,
    sent_start: int,
    start: int,
    end: int,
    sent: int,
    first_in: dict[int, bool],
) -> bool:
    """Subject preference for "he" and for any pronoun opening its sentence.

    Such a pronoun refers to the first person of its sentence, or of the previous
    sentence when no person precedes it in its own; that person must be Kadhimi.
    ("Khazali joined the protest at the prime minister's residence, during which he
    accused ..." is therefore not resolved.)

    Returns:
        True when the pronoun may be resolved to Kadhimi.
    """
    opens_sentence = not re.search(r"\w", ntext[sent_start:start])
    if not (opens_sentence or ntext[start:end].lower() == "he"):
        return True
    if sent in first_in:
        return first_in[sent]
    return first_in.get(sent - 1, True)


def _is_speech_attribution(ntext: str, start: int, end: int) -> bool:
    """True for '..." he said': the pronoun names a quoted speaker, left unresolved."""
    quote_before = re.search(
        r"\"\s*,?\s*$|,\s*\"\s*$", ntext[max(0, start - 4) : start]
    )
    return bool(quote_before) and bool(_SPEECH_VERB_AFTER_PRONOUN_RE.match(ntext, end))


# ---------------------------------------------------------------------------- API


def _empty_mentions() -> pd.DataFrame:
    """An empty mentions table with the standard columns and dtypes."""
    return pd.DataFrame(
        {
            "sent_id": pd.Series(dtype="int64"),
            "start": pd.Series(dtype="int64"),
            "end": pd.Series(dtype="int64"),
            "surface": pd.Series(dtype="object"),
            "actor": pd.Series(dtype="object"),
            "group": pd.Series(dtype="object"),
            "how": pd.Series(dtype="object"),
        }
    )


def find_mentions_in_text(
    text: str,
    *,
    sentence_spans: Sequence[tuple[int, int]] | pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | str | Path | None = None,
    pronouns: bool = True,
) -> pd.DataFrame:
    """Find the gazetteer's actors in one text.

    Args:
        text: the raw text (curly quotes are fine; offsets refer to this string).
        sentence_spans: sentence (start, end) offsets into ``text``, either as pairs
            (sent_id = position in the list after sorting by start) or as a DataFrame
            with start, end and optionally sent_id columns (e.g. one unit's rows of
            ``corpus_tools.sentences(units)``). None: split with :func:`corpus_tools.span_sentences`.
        gazetteer: a DataFrame from :func:`load_gazetteer`, a path to a gazetteer CSV,
            or None for the default gazetteer.
        pronouns: also resolve he/his/him/himself to Kadhimi.

    Returns:
        One row per mention, ordered by start, columns sent_id, start, end, surface,
        actor, group, how (name, alias, role or pronoun). Mentions never overlap and
        ``text[start:end] == surface``. sent_id is -1 for a mention outside every span.
    """
    if not text:
        return _empty_mentions()
    rows = _gazetteer_rows(gazetteer)
    entries = _compile_rows(rows)
    actors = {r[0]: (r[2], r[3]) for r in rows}
    ntext = normalize_text(text)
    spans, ids = _spans_and_ids(ntext, sentence_spans)
    starts = [s for s, _ in spans]

    raw = _entry_candidates(ntext, entries)
    titles = [c for c in raw if c.how == "role"] + [
        _Cand(m.start(), m.end(), None, None, None, "role")
        for m in _TITLE_RE.finditer(ntext)
    ]
    names = [c for c in raw if c.how in ("name", "alias")]
    roles = []
    for c in _resolve_overlaps([c for c in raw if c.how == "role"]):
        k = _sentence_index(spans, starts, c.start)
        sent_start = spans[k][0] if k is not None else 0
        if _role_refers(ntext, c.start, c.end, sent_start):
            roles.append(c)
    cands = (
        names
        + roles
        + _merge_titles(ntext, names, titles)
        + _fixed_candidates(ntext, actors)
    )
    mentions = [c for c in _resolve_overlaps(cands) if c.how != "block"]
    if pronouns and "kadhimi" in actors:
        mentions += _pronoun_rows(ntext, mentions, spans, actors["kadhimi"])
        mentions.sort(key=lambda c: c.start)
    if not mentions:
        return _empty_mentions()
    out = []
    for c in mentions:
        k = _sentence_index(spans, starts, c.start)
        out.append(
            {
                "sent_id": ids[k] if k is not None else -1,
                "start": c.start,
                "end": c.end,
                "surface": text[c.start : c.end],
                "actor": c.actor,
                "group": c.group,
                "how": c.how,
            }
        )
    frame = pd.DataFrame(out, columns=MENTION_COLUMNS)
    return frame.astype({"sent_id": "int64", "start": "int64", "end": "int64"})


def find_mentions(
    units: pd.DataFrame,
    *,
    sentence_table: pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | str | Path | None = None,
    pronouns: bool = True,
) -> pd.DataFrame:
    """Find the gazetteer's actors in every unit, keyed to the package's sentences.

    Args:
        units: The table from :func:`corpus_tools.load_corpus` (needs unit_id, text).
        sentence_table: :func:`corpus_tools.sentences` of the same units, if at hand.
        gazetteer: As for :func:`find_mentions_in_text`.
        pronouns: Also resolve he/his/him/himself to Kadhimi (``how="pronoun"``).

    Returns:
        One row per mention: unit_id, sent_id, start, end, surface, actor, group, how.
    """
    sents = sentence_table if sentence_table is not None else sentences(units)
    by_unit = dict(tuple(sents.groupby("unit_id", sort=False)))
    table = load_gazetteer(gazetteer) if not isinstance(gazetteer, pd.DataFrame) else gazetteer
    frames = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        spans = by_unit.get(unit_id, sents.iloc[0:0])[["sent_id", "start", "end"]]
        found = find_mentions_in_text(text, sentence_spans=spans, gazetteer=table, pronouns=pronouns)
        frames.append(found.assign(unit_id=unit_id))
    columns = ["unit_id", *MENTION_COLUMNS]
    if not frames:
        return _empty_mentions().assign(unit_id=pd.Series(dtype="object"))[columns]
    return pd.concat(frames, ignore_index=True)[columns]
