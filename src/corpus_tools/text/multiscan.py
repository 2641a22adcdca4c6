"""Many word-start patterns over one text in one pass, with the matches of each.

The gazetteer compiles every name, alias and role noun to its own pattern, and each
pattern run over a whole text costs a pass over every character. :class:`MultiScan`
finds the same matches with one pass: a combined pattern stops only at word starts
whose first character some pattern can begin with (:func:`~corpus_tools.text.anchors.first_chars`)
and where one of those patterns matches; there, one more pattern tells which ones match
and where their matches end. The matches of each pattern are then chosen as
``finditer`` chooses them (leftmost first, never overlapping), so
:meth:`MultiScan.spans` gives exactly ``[(m.start(), m.end()) for m in p.finditer(text)]``
for every pattern ``p``.

A pattern qualifies when it starts with ``(?<!\\w)``, has no alternation at its top
level, no groups, cannot match empty and shares the flags of the first pattern that
qualifies; any other pattern is run on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus_tools.text.anchors import FOLD_TABLE, first_chars, fold

__all__ = ["MultiScan"]

WORD_START = "(?<!\\w)"


def top_level_bar(rx: str) -> bool:
    """True when the regular expression ``rx`` has an alternation outside every group.

    Args:
        rx: Pattern text (not verbose).

    Returns:
        Whether a ``|`` stands outside parentheses and character classes.
    """
    depth, i, in_class = 0, 0, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (rx[i + 1 : i + 2] == "^")
            if rx[i : i + 1] == "]":  # a "]" first in a class is a literal
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _class_of(char: str) -> str:
    """A character class of every character that folds to ``char``."""
    chars = {char, char.upper(), *(chr(k) for k, v in FOLD_TABLE.items() if v == char)}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


class MultiScan:
    """The matches of many patterns in a text, found together (see the module).

    Args:
        patterns: The compiled patterns.
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        groups: dict[str, list[int]] = {}
        flags = None
        alone = []
        for k, p in enumerate(self.patterns):
            first = first_chars(p) if self._plain(p) else None
            if first is None or (flags is not None and p.flags != flags):
                alone.append(k)
                continue
            flags = p.flags
            for c in first:
                groups.setdefault(c, []).append(k)
        self.alone = tuple(alone)
        self.scan: re.Pattern[str] | None = None
        self.which: dict[str, tuple[re.Pattern[str], tuple[int, ...]]] = {}
        self._groups: dict[str, tuple[int, ...]] = {}
        self._flags = 0
        if not groups:
            return
        try:
            self.scan = re.compile(
                WORD_START + "(?=" + "|".join(
                    f"(?={_class_of(c)})(?:" + "|".join(f"(?:{self.patterns[k].pattern})" for k in ks) + ")"
                    for c, ks in sorted(groups.items())
                ) + ")",
                flags,
            )
            self._groups, self._flags = {c: tuple(ks) for c, ks in groups.items()}, flags  # "which": compiled when needed
        except (re.error, RecursionError, OverflowError):  # too large to combine: every pattern alone
            self.scan = None
            self.alone = tuple(range(len(self.patterns)))

    def _which(self, first: str) -> tuple[re.Pattern[str], tuple[int, ...]]:
        """For a first character: a pattern whose groups tell which patterns match there, and those patterns."""
        found = self.which.get(first)
        if found is None:
            ks = self._groups[first]
            found = self.which[first] = (re.compile("".join(f"(?=({self.patterns[k].pattern})|)" for k in ks), self._flags), ks)
        return found

    @staticmethod
    def _plain(p: re.Pattern[str]) -> bool:
        return (
            isinstance(p.pattern, str)
            and p.pattern.startswith(WORD_START)
            and p.groups == 0
            and not p.flags & re.VERBOSE
            and not top_level_bar(p.pattern)
        )

    def spans(self, text: str) -> list[list[tuple[int, int]]]:
        """The matches of every pattern, as ``finditer`` finds them.

        Args:
            text: The text.

        Returns:
            One list of (start, end) per pattern, in the patterns' order.
        """
        out: list[list[tuple[int, int]]] = [[] for _ in self.patterns]
        for k in self.alone:
            out[k] = [(m.start(), m.end()) for m in self.patterns[k].finditer(text)]
        if self.scan is None:
            return out
        reach = [0] * len(self.patterns)  # where each pattern's next match may start
        for m in self.scan.finditer(text):
            p = m.start()
            which, members = self._which(fold(text[p]))
            for k, span in zip(members, which.match(text, p).regs[1:]):
                if span[0] >= 0 and p >= reach[k]:
                    out[k].append((p, span[1]))
                    reach[k] = span[1]
        return out
