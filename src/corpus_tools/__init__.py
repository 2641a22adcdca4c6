"""corpus_tools: load, tokenize and measure a news corpus, offline and traceably.

The pipeline reads from its names: ``load_corpus`` -> ``sentences`` / ``tokens`` ->
measurements (``measure_corpus`` computes them all once, serially or on Dask).
Every table carries ``unit_id``, ``sent_id``, ``start``, ``end`` where
they apply, so ``units.text[start:end]`` gives back the evidence.
"""

from corpus_tools.extract.gazetteer import GazetteerError, load_gazetteer
from corpus_tools.extract.mentions import find_mentions, find_mentions_in_text
from corpus_tools.extract.speech import find_quotes, quotes
from corpus_tools.io.case import Case, CaseError, load_case
from corpus_tools.io.corpus import (
    CorpusError,
    corpus_lines,
    count_words,
    find_corpus_dir,
    load_corpus,
)
from corpus_tools.io.tables import load_table, write_tables
from corpus_tools.measure.blame import blame_claims
from corpus_tools.measure.pipeline import measure_corpus
from corpus_tools.measure.sentiment import sentiment_profile, sentiment_toward, target_sentiment
from corpus_tools.measure.sentiment_rules import TargetSentiment, rule_sentiment
from corpus_tools.measure.stance import stance_statements
from corpus_tools.measure.stance_profile import stance_profile
from corpus_tools.measure.target_model import Prediction
from corpus_tools.text.normalize import normalize_text
from corpus_tools.text.textstats import (
    collocations,
    content_terms,
    keyness,
    kwic,
    term_frequencies,
)
from corpus_tools.text.tokenizing import sentences, span_sentences, span_words, tokens
from corpus_tools.viz.figures import PALETTE, outlet_colors, save_figure, use_style

__all__ = [
    "PALETTE",
    "Case",
    "CaseError",
    "CorpusError",
    "GazetteerError",
    "Prediction",
    "TargetSentiment",
    "blame_claims",
    "collocations",
    "content_terms",
    "corpus_lines",
    "count_words",
    "find_corpus_dir",
    "find_mentions",
    "find_mentions_in_text",
    "find_quotes",
    "keyness",
    "kwic",
    "load_case",
    "load_corpus",
    "load_gazetteer",
    "load_table",
    "measure_corpus",
    "normalize_text",
    "outlet_colors",
    "quotes",
    "rule_sentiment",
    "save_figure",
    "sentences",
    "sentiment_profile",
    "sentiment_toward",
    "span_sentences",
    "span_words",
    "stance_profile",
    "stance_statements",
    "target_sentiment",
    "term_frequencies",
    "tokens",
    "use_style",
    "write_tables",
]
