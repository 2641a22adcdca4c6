"""Reading corpora, case files and rule data."""
