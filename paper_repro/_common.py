"""Small helpers shared by the figure scripts: picture names in the chosen format, data beside them."""

from __future__ import annotations

import contextlib
import contextvars
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


PICTURE_FORMATS = ("png", "svg", "pdf")
# The runner sets the format around each figure's make(); scripts name their pictures with
# picture(stem), so matplotlib picks the format from the suffix.
_FORMAT = contextvars.ContextVar("picture_format", default="png")


def picture(stem: str) -> str:
    """The file name of a picture in the current format: ``picture("c8_relu")`` -> ``"c8_relu.png"``."""
    return f"{stem}.{_FORMAT.get()}"


@contextlib.contextmanager
def picture_format(name: str):
    """Within the block, ``picture`` names files ``.png``, ``.svg`` or ``.pdf``."""
    if name not in PICTURE_FORMATS:
        raise ValueError(f"`format` must be one of {', '.join(PICTURE_FORMATS)}, got {name!r} instead")
    token = _FORMAT.set(name)
    try:
        yield
    finally:
        _FORMAT.reset(token)
