"""Small helpers shared by the figure scripts: writing the data beside the picture."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def write_json(path: Path, payload: dict) -> str:
    """Write ``payload`` (numpy arrays become lists) and return the file name."""

    def convert(value):
        if isinstance(value, np.ndarray):
            return value.tolist()
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"cannot serialise {type(value).__name__}")

    path.write_text(json.dumps(payload, default=convert, indent=1) + "\n", encoding="utf-8")
    return path.name
