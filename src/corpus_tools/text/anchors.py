"""Required words of regular expressions: skip the patterns that cannot match a text.

Many rules run a long list of patterns over every sentence or unit, and most patterns
cannot match most texts. :func:`anchor_words` reads a compiled pattern and derives a
set of strings one of which every match must contain (after :func:`fold`), e.g.
``{"blamed", "blames"}`` for ``(?<!\\w)blame[sd]\\b``; :class:`AnchorIndex` then tells,
for a folded text, which patterns of a list may match it. A pattern with no derivable
anchor is always a candidate, so filtering never changes what the patterns find.

Only ASCII characters of a pattern become anchors. :func:`fold` lowercases a text and
maps the four non-ASCII characters that a case-insensitive pattern lets match an ASCII
letter (dotted and dotless i, long s, the Kelvin sign) to that letter, so a match of a
pattern, case-insensitive or not, always leaves its anchor in the folded text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product
from re import _constants as _sre  # the standard library's parser of regular expressions
from re import _parser as _sre_parse

__all__ = ["AnchorIndex", "anchor_words", "first_chars", "fold"]

# Non-ASCII characters that match an ASCII letter case-insensitively (checked over all of Unicode in the tests).
FOLD_TABLE = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
MAX_STRINGS = 64  # the most alternatives one anchor may have
MIN_LENGTH = 2  # shorter anchors are found in nearly every text: no anchor then
_CLASS_CHARS = 8  # character classes of up to this many ASCII characters are expanded
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def fold(text: str) -> str:
    """``text`` lowercased, with the non-ASCII look-alikes of ASCII letters mapped to them.

    Args:
        text: Any text.

    Returns:
        The folded text, in which the (folded) anchor of every match of a pattern occurs.
    """
    return text.translate(FOLD_TABLE).lower()


def _char(code: int) -> str | None:
    """The folded character of a literal, or None for a non-ASCII one."""
    return chr(code).lower() if code < 128 else None


def _finite(op, av) -> frozenset[str] | None:
    """Every string one item of a parsed pattern can consume, if few and ASCII (None otherwise)."""
    if op is _sre.LITERAL:
        c = _char(av)
        return None if c is None else frozenset({c})
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""})  # zero width: the items around it stay contiguous
    if op is _sre.IN:
        chars = set()
        for item_op, item_av in av:
            c = _char(item_av) if item_op is _sre.LITERAL else None
            if c is None:
                return None
            chars.add(c)
        return frozenset(chars) if len(chars) <= _CLASS_CHARS else None
    if op is _sre.SUBPATTERN:
        return _finite_seq(list(av[-1]))
    if op is _sre.ATOMIC_GROUP:
        return _finite_seq(list(av))
    if op is _sre.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            strings = _finite_seq(list(branch))
            if strings is None:
                return None
            out |= strings
        return frozenset(out) if len(out) <= MAX_STRINGS else None
    if op in _REPEATS and av[1] <= 4:
        low, high, body = av
        strings = _finite_seq(list(body))
        if strings is None:
            return None
        out = set()
        for n in range(low, high + 1):
            out |= {"".join(p) for p in product(strings, repeat=n)}
            if len(out) > MAX_STRINGS:
                return None
        return frozenset(out)
    return None


def _finite_seq(items: list) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, av in items:
        part = _finite(op, av)
        if part is None:
            return None
        strings = frozenset(a + b for a in strings for b in part)
        if len(strings) > MAX_STRINGS:
            return None
    return strings


def _score(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in candidates if c and min(map(len, c)) >= MIN_LENGTH]
    return max(usable, key=_score) if usable else None


def _required(items: list) -> frozenset[str] | None:
    """A set of strings one of which every match of the parsed sequence contains."""
    candidates: list[frozenset[str]] = []
    parts = [_finite(op, av) for op, av in items]
    for i in range(len(items)):  # contiguous windows of finite items
        strings = frozenset({""})
        for j in range(i, len(items)):
            if parts[j] is None:
                break
            strings = frozenset(a + b for a in strings for b in parts[j])
            if len(strings) > MAX_STRINGS:
                break
            candidates.append(strings)
    for (op, av), part in zip(items, parts):  # nested items every match goes through
        if part is not None:
            continue
        if op is _sre.SUBPATTERN:
            inner = _required(list(av[-1]))
        elif op in _REPEATS and av[0] >= 1:
            inner = _required(list(av[2]))
        elif op is _sre.ATOMIC_GROUP:
            inner = _required(list(av))
        elif op is _sre.BRANCH:
            branches = [_required(list(b)) for b in av[1]]
            inner = None if any(b is None for b in branches) else frozenset().union(*branches)
            inner = inner if inner is not None and len(inner) <= MAX_STRINGS else None
        else:
            inner = None
        if inner is not None:
            candidates.append(inner)
    return _best(candidates)


def anchor_words(pattern: re.Pattern[str] | None) -> frozenset[str] | None:
    """A set of folded strings one of which every match of ``pattern`` contains.

    Args:
        pattern: A compiled pattern (None: no pattern, no anchor).

    Returns:
        The anchor strings, or None when none can be derived (the pattern is then
        always tried).
    """
    if pattern is None or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, AttributeError, TypeError):
        return None
    return _required(list(parsed))


def trie_regex(words: Sequence[str]) -> str:
    """One pattern for a set of literal words, as a trie: at a position it matches the
    longest word that starts there (no flags needed: the words are matched as written)."""
    trie: dict = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def render(node: dict) -> str:
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


class AnchorIndex:
    """Which patterns of a list may match a text, by their anchors.

    Args:
        patterns: The patterns, in order (None entries are always candidates).
    """

    def __init__(self, patterns: Sequence[re.Pattern[str] | None]) -> None:
        self.anchors = [anchor_words(p) for p in patterns]
        self.always = frozenset(i for i, a in enumerate(self.anchors) if a is None)
        by_word: dict[str, set[int]] = {}
        for i, anchor in enumerate(self.anchors):
            for word in anchor or ():
                by_word.setdefault(word, set()).add(i)
        # a word found at a position implies every shorter anchor word it starts with
        self._implied = {
            word: frozenset().union(*(by_word[word[:n]] for n in range(1, len(word) + 1) if word[:n] in by_word))
            for word in by_word
        }
        self._finder = re.compile(f"(?=({trie_regex(sorted(by_word))}))") if by_word else None
        self.size = len(self.anchors)

    def candidates(self, folded: str) -> list[int]:
        """The positions of the patterns that may match a text, in order.

        Args:
            folded: The text, folded with :func:`fold` (a pattern's match must lie in it).

        Returns:
            Sorted positions: every pattern whose anchor occurs, and every pattern without one.
        """
        found = set(self.always)
        if self._finder is not None:
            for word in set(self._finder.findall(folded)):
                if word:
                    found |= self._implied[word]
        return sorted(found)


def _first(items: list) -> tuple[frozenset[str] | None, bool]:
    """(folded first characters, can the sequence match empty) of a parsed sequence."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width
        first, empty = _first_item(op, av)
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_item(op, av) -> tuple[frozenset[str] | None, bool]:
    if op is _sre.LITERAL or op is _sre.IN:
        strings = _finite(op, av)
        return (None, False) if strings is None else (frozenset(strings), False)
    if op is _sre.SUBPATTERN:
        return _first(list(av[-1]))
    if op is _sre.ATOMIC_GROUP:
        return _first(list(av))
    if op is _sre.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            first, branch_empty = _first(list(branch))
            if first is None:
                return None, False
            out |= first
            empty = empty or branch_empty
        return frozenset(out), empty
    if op in _REPEATS:
        first, empty = _first(list(av[2]))
        return first, empty or av[0] == 0
    return None, False


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The folded characters a non-empty match of ``pattern`` can start with.

    Args:
        pattern: A compiled pattern.

    Returns:
        The set of single folded ASCII characters, or None when it cannot be derived
        (a class like ``\\w``, a non-ASCII literal, or a pattern that may match empty).
    """
    if not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, RecursionError, AttributeError, TypeError):
        return None
    first, empty = _first(list(parsed))
    return None if empty or not first else first
