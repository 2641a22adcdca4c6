"""corpus_tools: load, tokenize and measure a news corpus, offline and traceably."""
