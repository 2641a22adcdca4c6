"""Direct quotations: the spans between double quote marks, straight or curly, with
news style's quotes that run over paragraphs. Part of speech attribution
(:mod:`corpus_tools.extract.speech`)."""

from __future__ import annotations

from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.tokenizing import paragraph_spans

_OPEN_CURLY, _CLOSE_CURLY = "\u201c", "\u201d"


def _is_opening(raw: str, norm: str, i: int) -> bool:
    """Decide whether the quote mark at ``i`` opens a quote (curly marks say so; straight
    marks open after a space, a bracket or a dash, or at the start)."""
    if raw[i] == _OPEN_CURLY:
        return True
    if raw[i] == _CLOSE_CURLY:
        return False
    before = norm[i - 1] if i > 0 else " "
    after = norm[i + 1] if i + 1 < len(norm) else " "
    return (before.isspace() or before in "([{-\u2014\u2013/") and not after.isspace()


def direct_quote_spans(text: str) -> list[tuple[int, int, int]]:
    """Find direct quotations between double quote marks.

    A paragraph that opens a quote and does not close it continues into the next
    paragraph when that paragraph starts with an opening quote mark (news style);
    otherwise the quote ends with its paragraph.

    Args:
        text: Raw text, straight or curly quotes.

    Returns:
        (open_mark, content_start, content_end): the content is ``text[content_start:content_end]``;
        ``content_end`` is the closing mark's position, or the paragraph end when there is none.
    """
    norm = normalize_text(text)
    found: list[tuple[int, int, int]] = []
    pending: int | None = None  # opening mark of a quote left open by the previous paragraph
    pending_end = 0
    for p_start, p_end in paragraph_spans(norm):
        marks = [i for i in range(p_start, p_end) if norm[i] == '"']
        open_at: int | None = None
        if pending is not None:
            if marks and marks[0] == p_start and _is_opening(text, norm, p_start):
                open_at, marks = pending, marks[1:]
            else:
                found.append((pending, pending + 1, pending_end))
            pending = None
        for i in marks:
            if open_at is None:
                if _is_opening(text, norm, i):
                    open_at = i
            elif text[i] == _OPEN_CURLY:  # a new opening while one is open: the first never closed
                found.append((open_at, open_at + 1, _trim_end(norm, i)))
                open_at = i
            else:
                found.append((open_at, open_at + 1, i))
                open_at = None
        if open_at is not None:
            pending, pending_end = open_at, p_end
    if pending is not None:
        found.append((pending, pending + 1, pending_end))
    return found


def _trim_end(norm: str, end: int) -> int:
    while end > 0 and norm[end - 1].isspace():
        end -= 1
    return end
