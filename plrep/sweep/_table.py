"""The results table: one Parquet row per finished cell, in the grid's order.

Columns: ``cell`` (the definition's hash), ``status`` ("done" or "failed"), ``error``, one
column per crossed axis (and the batch parameter, as a list), then the task's result
columns: its top-level values that are numbers, strings, booleans, None or flat lists of
these. A column whose values have no common Arrow type is written as JSON text. Timings
stay in the cells' JSON: the table depends only on the results, never on the engine.
"""

from __future__ import annotations

import json

__all__ = ["build_table", "write_table"]

_SCALARS = (bool, int, float, str, type(None))


def _is_column_value(value) -> bool:
    if isinstance(value, _SCALARS):
        return True
    return isinstance(value, list) and all(isinstance(item, _SCALARS) for item in value)


def _column(values: list):
    import pyarrow as pa

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        return pa.array(
            [None if v is None else json.dumps(v, sort_keys=True) for v in values], type=pa.string()
        )


def build_table(records: list[dict], axes: list[str]):
    """A ``pyarrow.Table`` of ``records`` (cell files, in grid order) with columns as above."""
    import pyarrow as pa

    columns: dict[str, list] = {"cell": [], "status": [], "error": []}
    columns.update({axis: [] for axis in axes})
    result_keys: dict[str, None] = {}
    for record in records:
        for key, value in (record.get("result") or {}).items():
            if _is_column_value(value) and key not in columns:
                result_keys[key] = None
    columns.update({key: [] for key in result_keys})
    for record in records:
        parameters = record["definition"]["parameters"]
        result = record.get("result") or {}
        columns["cell"].append(record["cell"])
        columns["status"].append(record["status"])
        columns["error"].append(record.get("error"))
        for axis in axes:
            columns[axis].append(parameters.get(axis))
        for key in result_keys:
            value = result.get(key)
            columns[key].append(value if _is_column_value(value) else None)
    fixed = {"cell": pa.string(), "status": pa.string(), "error": pa.string()}  # typed even when all null
    return pa.table(
        {
            name: pa.array(values, type=fixed[name]) if name in fixed else _column(values)
            for name, values in columns.items()
        }
    )


def write_table(table, path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)
