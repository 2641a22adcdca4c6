"""Per-corpus measures: target sentiment, blame claims, stance statements."""
