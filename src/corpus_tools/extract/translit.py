"""Transliteration-tolerant regular expressions for gazetteer entries (see ``corpus/gazetteer.md``)."""

from __future__ import annotations

import re

from corpus_tools.text.normalize import normalize_text

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
