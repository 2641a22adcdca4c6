"""The text of one unit as speech attribution reads it: sentences, paragraphs, actor
mentions and direct quote spans, indexed for binary search
(:mod:`corpus_tools.extract.speakers`, :mod:`corpus_tools.extract.speech`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from corpus_tools.text.tokenizing import paragraph_spans


@dataclass
class _Context:
    """Everything the speaker search needs about one text."""

    raw: str
    norm: str
    sent_spans: list[tuple[int, int]]
    mention_rows: list[tuple[int, int, str, str]]  # start, end, actor, type; sorted
    quote_spans: list[tuple[int, int]] = field(default_factory=list)  # sorted, not overlapping
    nouns: frozenset[str] | None = None  # the speaker nouns (None: :func:`speaker_nouns`)

    def __post_init__(self) -> None:
        # Indexes built once, so every look-up is a binary search, not a scan of the text.
        self.mention_rows = sorted(self.mention_rows)
        self._sent_starts = [s for s, _ in self.sent_spans]
        self._mention_starts = [m[0] for m in self.mention_rows]
        self._by_start = {m[0]: m for m in reversed(self.mention_rows)}
        self._by_end = {}
        for m in self.mention_rows:
            self._by_end.setdefault(m[1], m)
        self.paragraphs = list(paragraph_spans(self.norm))
        self._para_starts = [a for a, _ in self.paragraphs]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sent_starts, pos) - 1
        if k >= 0 and self.sent_spans[k][0] <= pos <= self.sent_spans[k][1]:
            return self.sent_spans[k]
        return (pos, pos)

    def paragraph_index(self, pos: int) -> int:
        """Index of the paragraph holding ``pos`` (its end included), -1 if none."""
        k = bisect.bisect_right(self._para_starts, pos) - 1
        return k if k >= 0 and pos <= self.paragraphs[k][1] else -1

    def mention_ending(self, pos: int) -> tuple[int, int, str, str] | None:
        return self._by_end.get(pos)

    def mention_starting(self, pos: int) -> tuple[int, int, str, str] | None:
        return self._by_start.get(pos)

    def mentions_within(self, lo: int, hi: int, *, ending_by: bool = True) -> list[tuple[int, int, str, str]]:
        """Mentions that start in ``[lo, hi)`` (and, if ``ending_by``, end by ``hi``), in order."""
        k = bisect.bisect_left(self._mention_starts, lo)
        out = []
        while k < len(self.mention_rows) and self.mention_rows[k][0] < hi:
            if not ending_by or self.mention_rows[k][1] <= hi:
                out.append(self.mention_rows[k])
            k += 1
        return out

    def inside_mention(self, pos: int) -> bool:
        k = bisect.bisect_right(self._mention_starts, pos) - 1
        return any(self.mention_rows[j][0] <= pos < self.mention_rows[j][1] for j in range(max(k - 2, 0), k + 1))

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (pos, float("inf"))) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]
