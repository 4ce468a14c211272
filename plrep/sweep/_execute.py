"""Computing one cell, wherever it runs: the same function in this process, a worker process or a Ray worker.

``execute_cell`` never raises for a failure of the task: it returns a record whose status is
``"failed"`` with the error, so one bad cell is recorded and the sweep goes on. The record is
what ``cells/<id>.json`` holds; only ``seconds`` and ``warnings`` differ between runs.
"""

from __future__ import annotations

import json
import math
import time
import traceback
import warnings

__all__ = ["RESERVED_COLUMNS", "execute_cell", "failed_record"]

RESERVED_COLUMNS = ("cell", "status", "error")
_MAX_ERROR = 2_000  # characters of an error message kept (a message can echo a huge input)


def _plain(value):
    """numpy scalars and arrays as Python values, so that the result is plain JSON."""
    if hasattr(value, "tolist") and callable(value.tolist):
        return value.tolist()
    raise TypeError(f"a value of type {type(value).__name__} is not JSON")


def _check_result(result, parameters: dict) -> dict:
    if not isinstance(result, dict) or not all(isinstance(key, str) for key in result):
        raise TypeError(
            f"a sweep task must return a dict with string keys, got {type(result).__name__} instead"
        )
    clash = [key for key in result if key in RESERVED_COLUMNS or key in parameters]
    if clash:
        raise ValueError(
            f"a sweep task's result keys must differ from its parameters and from {RESERVED_COLUMNS}, "
            f"got {clash[0]!r}"
        )
    try:  # through JSON and back: the record is exactly what the file will hold
        return json.loads(json.dumps(result, default=_plain, allow_nan=False))
    except ValueError:
        bad = [key for key, value in result.items() if isinstance(value, float) and not math.isfinite(value)]
        raise ValueError(
            f"a sweep task's result must be finite (use None for 'none'), got NaN or infinity in {bad[:3] or 'a nested value'}"
        ) from None


def failed_record(cell_id: str, definition: dict, error: str, seconds: float = 0.0) -> dict:
    return {
        "cell": cell_id,
        "definition": definition,
        "status": "failed",
        "result": None,
        "error": error[:_MAX_ERROR],
        "seconds": seconds,
        "warnings": [],
    }


def execute_cell(function, parameters: dict, cell_id: str, definition: dict) -> dict:
    """Run ``function(**parameters)`` and return the cell's record (done or failed).

    Warnings raised by the task are recorded in the record (not printed by every worker).
    """
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = _check_result(function(**parameters), parameters)
        except Exception as error:  # noqa: BLE001 -- a failed cell is recorded with its error; the sweep goes on
            message = f"{type(error).__name__}: {' '.join(str(error).split())}"
            record = failed_record(cell_id, definition, message, time.perf_counter() - start)
            record["traceback"] = traceback.format_exc()[-_MAX_ERROR:]
            return record
    return {
        "cell": cell_id,
        "definition": definition,
        "status": "done",
        "result": result,
        "error": None,
        "seconds": time.perf_counter() - start,
        "warnings": list(dict.fromkeys(str(w.message)[:_MAX_ERROR] for w in caught)),
    }
