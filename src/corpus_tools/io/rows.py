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


def column_kinds(rows: list[tuple], columns: list[str], ints: frozenset[str]) -> dict[str, str] | None:
    """How ``pd.DataFrame(rows, columns=columns)`` types each non-integer column.

    Args:
        rows: The rows (tuples in the order of ``columns``).
        columns: The column names.
        ints: Columns cast to int64 afterwards (not inferred).

    Returns:
        ``{column: "str" or "object"}``: "str" when the column holds a string (others
        None), "object" when it is empty or holds only None; None when a value is neither a
        string nor None (the caller then builds the tables with pandas).
    """
    kinds = {}
    for k, column in enumerate(columns):
        if column in ints:
            continue
        values = [row[k] for row in rows]
        if any(v is not None and not isinstance(v, str) for v in values):
            return None
        kinds[column] = "str" if any(v is not None for v in values) else "object"
    return kinds


def stack_units(parts: list[tuple[str, list[tuple], dict[str, str]]], columns: list[str], ints: frozenset[str],
                *, key: str = "unit_id") -> pd.DataFrame:
    """The table that concatenating one typed DataFrame per unit gives, built at once.

    Per unit, pandas would build ``pd.DataFrame(rows, columns=columns)``, cast ``ints`` to
    int64 and add ``key``; ``pd.concat`` then keeps a column as str when every unit's is
    str (a None there became NaN) and makes it object otherwise (a None of a unit whose
    column is object stays None). This builds the same table without a DataFrame per unit.

    Args:
        parts: Per unit, in order: (key value, rows, :func:`column_kinds` of the rows as
            pandas would have inferred them).
        columns: The columns of the rows.
        ints: The int64 columns.
        key: The name of the unit column, put first.

    Returns:
        The stacked table (columns ``key`` then ``columns``, a fresh RangeIndex).
    """
    data: dict[str, pd.Series] = {key: pd.Series([u for u, rows, _ in parts for _ in rows], dtype="str")}
    for k, column in enumerate(columns):
        if column in ints:
            data[column] = pd.Series([row[k] for _, rows, _ in parts for row in rows], dtype="int64")
            continue
        as_str = all(kinds[column] == "str" for _, _, kinds in parts)
        values = [
            (float("nan") if row[k] is None and kinds[column] == "str" else row[k])
            for _, rows, kinds in parts for row in rows
        ]
        data[column] = pd.Series(values, dtype="str" if as_str else object)
    return pd.DataFrame(data)
