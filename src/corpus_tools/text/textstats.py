"""Counts over tokens: frequencies, keyness, collocations and keyword in context."""

from __future__ import annotations

import math
import re

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from corpus_tools.io.lexicon import read_word_list
from corpus_tools.text.normalize import normalize_text


def stopwords() -> frozenset[str]:
    """The package's English stop word list (function words), lowercase."""
    return frozenset(read_word_list("stopwords.txt"))


def content_terms(tokens: pd.DataFrame) -> pd.DataFrame:
    """Keep the content-word tokens and add a ``term`` column (normalised, lowercase).

    A content word has a letter, is not a stop word and is not a clitic ("'s", "n't").

    Args:
        tokens: The table from :func:`corpus_tools.tokens`.

    Returns:
        The kept rows of ``tokens`` with an added ``term`` column.
    """
    stop = stopwords()
    terms = tokens["token"].map(lambda t: normalize_text(t).lower())
    keep = terms.str.contains(r"[a-z]", regex=True) & ~terms.isin(stop) & ~terms.str.startswith("'")
    return tokens[keep].assign(term=terms[keep])


def term_frequencies(tokens: pd.DataFrame, units: pd.DataFrame, *, by: str = "outlet", top: int = 10) -> pd.DataFrame:
    """Most frequent content words per group of units.

    Args:
        tokens: The table from :func:`corpus_tools.tokens`.
        units: The units table (to look up ``by``).
        by: A units column to group by (outlet, unit_id, author, ...).
        top: How many terms per group.

    Returns:
        DataFrame with ``by``, term, count, per_1000 (per 1,000 content words of the group),
        n_terms (the group's content words), sorted by group then descending count.
    """
    terms = content_terms(tokens).merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    counts = terms.groupby([by, "term"]).size().rename("count").reset_index()
    totals = terms.groupby(by).size().rename("n_terms")
    counts = counts.merge(totals, on=by)
    counts["per_1000"] = 1000 * counts["count"] / counts["n_terms"]
    counts = counts.sort_values([by, "count", "term"], ascending=[True, False, True])
    return counts.groupby(by).head(top).reset_index(drop=True)


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood (G2) for a term seen ``a`` times in ``c`` words vs ``b`` in ``d``.

    Follows Rayson & Garside (2000): expected E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d),
    G2 = 2(a ln(a/E1) + b ln(b/E2)), zero counts contributing nothing.
    """
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def keyness(tokens: pd.DataFrame, units: pd.DataFrame, *, by: str = "outlet", min_count: int = 3) -> pd.DataFrame:
    """Distinctive words of each group against the rest of the corpus (log-likelihood).

    Args:
        tokens: The table from :func:`corpus_tools.tokens`.
        units: The units table (to look up ``by``).
        by: A units column to group by.
        min_count: Minimum count of the term in the group.

    Returns:
        DataFrame with ``by``, term, count (in group), count_rest, n_group, n_rest,
        per_1000, per_1000_rest, g2, over (True where the group uses the term more),
        sorted by group and descending g2. G2 above 3.84 is p < 0.05 and above 15.13
        p < 0.0001 for one test; with many terms tested, read it as a ranking.
    """
    terms = content_terms(tokens).merge(units[list(dict.fromkeys(["unit_id", by]))], on="unit_id")
    counts = terms.groupby([by, "term"]).size().unstack(fill_value=0)
    group_totals = counts.sum(axis=1)
    term_totals = counts.sum(axis=0)
    total = int(group_totals.sum())
    rows = []
    for group, row in counts.iterrows():
        n_group = int(group_totals[group])
        for term, a in row[row >= min_count].items():
            b = int(term_totals[term] - a)
            n_rest = total - n_group
            rows.append({
                by: group, "term": term, "count": int(a), "count_rest": b,
                "n_group": n_group, "n_rest": n_rest,
                "per_1000": 1000 * a / n_group, "per_1000_rest": 1000 * b / n_rest if n_rest else float("nan"),
                "g2": log_likelihood(int(a), b, n_group, n_rest),
            })
    table = pd.DataFrame(rows)
    table["over"] = table["per_1000"] > table["per_1000_rest"]
    return table.sort_values([by, "g2", "term"], ascending=[True, False, True]).reset_index(drop=True)


def collocations(tokens: pd.DataFrame, *, top: int = 20, min_count: int = 3) -> pd.DataFrame:
    """Two-word collocations of content words, ranked by log-likelihood ratio.

    Bigrams are counted within sentences only, over adjacent tokens.

    Returns:
        DataFrame with w1, w2, count, llr.
    """
    stop = stopwords()
    finder = BigramCollocationFinder.from_documents(
        [normalize_text(t).lower() for t in group["token"]]
        for _, group in tokens.groupby(["unit_id", "sent_id"], sort=True)
    )
    finder.apply_freq_filter(min_count)
    finder.apply_word_filter(lambda w: w in stop or not re.search(r"[a-z]", w) or w.startswith("'"))
    scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    rows = [(w1, w2, finder.ngram_fd[(w1, w2)], score) for (w1, w2), score in scored]
    table = pd.DataFrame(rows, columns=["w1", "w2", "count", "llr"])
    return table.sort_values(["llr", "w1", "w2"], ascending=[False, True, True]).head(top).reset_index(drop=True)


def kwic(units: pd.DataFrame, pattern: str, *, window: int = 50) -> pd.DataFrame:
    """Keyword in context: every match of a regular expression, with text either side.

    Matching is case-insensitive on normalised text; offsets are into ``units.text``.

    Args:
        units: The units table.
        pattern: A regular expression, e.g. ``r"\\bKadhimi\\b"``.
        window: Characters of context each side.

    Returns:
        DataFrame with unit_id, start, end, left, match, right.
    """
    regex = re.compile(pattern, re.IGNORECASE)
    rows = []
    for unit_id, text in zip(units["unit_id"], units["text"]):
        flat = text.replace("\n", " ")
        for m in regex.finditer(normalize_text(text)):
            left = flat[max(0, m.start() - window) : m.start()]
            right = flat[m.end() : m.end() + window]
            rows.append((unit_id, m.start(), m.end(), left, flat[m.start() : m.end()], right))
    return pd.DataFrame(rows, columns=["unit_id", "start", "end", "left", "match", "right"])
