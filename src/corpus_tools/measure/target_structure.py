"""Structural cues of a mention, for :mod:`corpus_tools.measure.target_features`.

Word-pattern heuristics, no parser: the clause around the mention, whether it sits in a
quotation, how it relates to words of violence or attack, and its role in the sentence
(subject, possessive, passive subject or agent, speaker, after a preposition, governed by
a polar word, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vaderSentiment.vaderSentiment import NEGATE

from corpus_tools.measure.target_cue_words import (
    ATTACK,
    BE,
    CLAUSE_PUNCT,
    CLAUSE_WORDS,
    HARM,
    HARM_PREPOSITIONS,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING,
    SPEECH_FILLERS,
    SURVIVAL,
    TITLES,
    VIOLENT_CONTEXT,
)

if TYPE_CHECKING:
    from corpus_tools.measure.target_features import Token

__all__ = ["clause_range", "harm_role", "in_quote", "structural_cues"]

PARTICIPLES = frozenset({"shot", "struck", "beaten", "hit", "slain"})


def clause_range(tokens: list[Token], lo: int, hi: int) -> tuple[int, int]:
    """Token range of the clause around tokens[lo:hi], widened once if it is tiny."""
    def bounds(a: int, b: int) -> tuple[int, int]:
        while a > 0 and tokens[a - 1].low not in CLAUSE_PUNCT and tokens[a - 1].low not in CLAUSE_WORDS:
            a -= 1
        while b < len(tokens) and tokens[b].low not in CLAUSE_PUNCT and tokens[b].low not in CLAUSE_WORDS:
            b += 1
        return a, b

    a, b = bounds(lo, hi)
    if (b - a) - (hi - lo) < 3:
        a, b = bounds(max(0, a - 1), min(len(tokens), b + 1))
    return a, b


def quoted_tokens(tokens: list[Token], *, stop: int | None = None) -> tuple[set[int], bool]:
    """Which tokens sit inside quotation marks (curly marks open and close, a straight one toggles).

    Args:
        tokens: The sentence's tokens.
        stop: Read only the tokens before this index.

    Returns:
        The indices of the quoted tokens, and whether a quotation is open at ``stop``.
    """
    inside, state = set(), False
    for i, tok in enumerate(tokens[:stop]):
        if tok.low == "“":
            state = True
        elif tok.low == "”":
            state = False
        elif tok.low == '"':
            state = not state
        elif state:
            inside.add(i)
    return inside, state


def in_quote(tokens: list[Token], lo: int) -> bool:
    """True if the mention at token ``lo`` sits inside quotation marks."""
    return quoted_tokens(tokens, stop=lo)[1]


def harm_role(words: list[str], lo: int, hi: int) -> str | None:
    """How the mention at words[lo:hi] relates to words of violence or attack.

    Returns:
        "victim" if a violence word acts on it ("X was shot", "the assassination of X",
        "threats against X", "X survived"), or an attack word does in a sentence with
        words of armed violence ("gunmen attacked X's home"); "attacked" if an attack
        word acts on it otherwise ("the senator attacked X": mostly verbal); else None.
    """
    acting = None
    after = [w for w in words[hi:hi + 6] if w not in SPEECH_FILLERS]
    for k, w in enumerate(after[:4]):
        if w in CLAUSE_PUNCT or w in CLAUSE_WORDS:
            break
        if w in BE:
            acting = next((x for x in after[k + 1:k + 3] if x in HARM and (x.endswith("ed") or x in PARTICIPLES)), None)
            break
    if after and after[0] in SURVIVAL:
        acting = "survived"
    k = lo - 1
    while k >= 0 and words[k] in TITLES:
        k -= 1
    if acting is None and k >= 0 and words[k] in HARM and lo - k <= 3:
        acting = words[k]
    if acting is None and k >= 1 and words[k] in HARM_PREPOSITIONS and words[k - 1] in HARM:
        acting = words[k - 1]
    if acting is None:
        return None
    if acting in ATTACK and not VIOLENT_CONTEXT.intersection(words):
        return "attacked"
    return "victim"


def structural_cues(tokens: list[Token], lo: int, hi: int, relation: str | None) -> list[str]:
    """Structural cues of the mention at tokens[lo:hi] (names without the ``struct:`` prefix)."""
    words = [t.low for t in tokens]
    left = [w for w in words[:lo] if w not in TITLES and not w.isdigit()]
    nxt = words[hi] if hi < len(words) else ""
    after = [w for w in words[hi:hi + 3] if w not in SPEECH_FILLERS]
    cues = []
    if nxt == "'s" or words[lo] in {"his", "her", "their"}:
        cues.append("possessive")
    elif not left or (left[-1] in {",", "and"} and len(left) <= 2):
        cues.append("subject")
    if any(w in BE for w in after[:1]) and any(w.endswith(("ed", "en")) for w in after[1:3]):
        cues.append("passive_subject")
    prev = words[lo - 1] if lo else ""
    if prev == "by" and any(w.endswith(("ed", "en")) for w in words[max(0, lo - 4):lo - 1]):
        cues.append("passive_agent")
    if prev in PREPOSITIONS:
        cues.append(f"after:{prev}")
    if (after and after[0] in REPORTING) or prev in REPORTING or words[max(0, lo - 2):lo] == ["according", "to"]:
        cues.append("speaker")
    if relation:
        cues.append(relation)
    if in_quote(tokens, lo):
        cues.append("in_quote")
    if words[lo] in PRONOUNS:
        cues.append("pronoun")
    if "?" in words:
        cues.append("question")
    k = lo - 1
    while k >= 0 and words[k] in TITLES:
        k -= 1
    governor = tokens[k] if k >= 0 and lo - k <= 3 else None
    if governor is not None and (governor.vader or governor.textblob):
        cues.append("governed_pos" if (governor.vader or governor.textblob) > 0 else "governed_neg")
    if any(w in NEGATE or w.endswith("n't") for w in words[max(0, lo - 3):hi + 3]):
        cues.append("negation_near")
    return cues
