"""Checks against hand codings: agreement statistics and bootstrap intervals."""
