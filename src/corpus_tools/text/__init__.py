"""Text layer: normalisation, sentences, tokens and clauses (character offsets kept)."""
