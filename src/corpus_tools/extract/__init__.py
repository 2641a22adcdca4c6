"""Per-text extraction: actor mentions and speech attribution."""
