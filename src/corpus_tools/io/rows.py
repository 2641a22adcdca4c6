"""Rows of a table grouped by unit, as plain tuples: no pandas in the loops over units."""

from __future__ import annotations

import pandas as pd

__all__ = ["rows_by_unit"]


def rows_by_unit(table: pd.DataFrame, columns: list[str], *, key: str = "unit_id") -> dict[str, list[tuple]]:
    """The rows of ``table`` grouped by ``key``, each row a tuple of ``columns``.

    Args:
        table: A table with a ``key`` column and ``columns``.
        columns: The columns to keep, in this order.
        key: The column to group by.

    Returns:
        ``{key value: [row tuple, ...]}``; rows keep the table's order within a group, and
        values are Python objects (``tolist``: ints, floats, strings, None or NaN).
    """
    out: dict[str, list[tuple]] = {}
    if not len(table):
        return out
    for unit, *row in zip(table[key].tolist(), *(table[c].tolist() for c in columns)):
        out.setdefault(unit, []).append(tuple(row))
    return out
