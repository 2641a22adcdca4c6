"""Figures and evidence views."""
