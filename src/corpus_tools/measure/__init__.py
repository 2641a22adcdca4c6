"""Learned measurements: target-dependent sentiment model, its features and its training."""
