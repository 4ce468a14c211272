"""Activation archives: a framework-neutral ``.npz`` of named numeric arrays, read safely.

The format (docs/architecture.md, "Activation archives"): a zip of ``NAME.npy`` members, each a
numeric array (bool, integer or floating; never object), written by ``numpy.savez`` from any
framework (``np.savez("acts.npz", embed=W_E, hidden=h)``). Each array has one axis indexed by
the points of the G-set; the others are units.

Reading never executes code and never reads more than it checked: every member's .npy header
is parsed first (shape, dtype), its expanded size is checked against the cap (alone and summed
over the archive), and only then is the member read with ``allow_pickle=False``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from plrep._validate import check_int

__all__ = ["MAX_ARCHIVE_BYTES", "load_archive"]

# 2 GiB of expanded arrays: far more than a probe of a small model needs, and small enough that a
# crafted archive (a zip bomb, a header claiming 10^12 entries) is refused before any read.
MAX_ARCHIVE_BYTES = 2 * 1024**3


def _header(handle, label: str, member: str):
    try:
        version = np.lib.format.read_magic(handle)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
    except (ValueError, OSError, EOFError) as error:
        raise ValueError(
            f"`archive` member {member!r} of {label} is not a valid .npy array: {error}"
        ) from None
    return shape, fortran, dtype


def _check_member(label: str, member: str, shape, dtype) -> int:
    if dtype.hasobject or not (np.issubdtype(dtype, np.number) or dtype.kind == "b"):
        raise ValueError(
            f"`archive` member {member!r} of {label} must be a numeric array, got dtype {dtype} instead "
            "(object arrays and pickles are never loaded)"
        )
    if np.issubdtype(dtype, np.complexfloating):
        raise ValueError(f"`archive` member {member!r} of {label} must be real, got dtype {dtype} instead")
    return int(np.prod(shape, dtype=object)) * dtype.itemsize


def load_archive(path, *, max_bytes: int = MAX_ARCHIVE_BYTES) -> dict[str, np.ndarray]:
    """Read an activation archive: {name: array}, in the archive's order.

    Args:
        path: a ``.npz`` file.
        max_bytes: cap on the expanded size of all arrays together.

    Raises:
        ValueError: not a zip, a member that is not a numeric .npy array (object arrays,
            pickles), or more than ``max_bytes`` when expanded; the message names the member.
        TypeError: ``path`` is not a path.
    """
    if not isinstance(path, str | Path):
        raise TypeError(f"`archive` must be a path to a .npz file, got {type(path).__name__} instead")
    max_bytes = check_int(max_bytes, "max_bytes", minimum=0)
    path = Path(path)
    label = repr(str(path))
    if not path.is_file():
        problem = "is a directory" if path.is_dir() else "does not exist"
        raise ValueError(f"`archive` must be an existing .npz file, got {label}, which {problem}")
    if not zipfile.is_zipfile(path):
        raise ValueError(f"`archive` must be a .npz archive, got {label}, which is not in .npz (zip) format")
    arrays: dict[str, np.ndarray] = {}
    used = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if not info.filename.endswith(".npy"):
                raise ValueError(f"`archive` member {info.filename!r} of {label} must be a .npy array")
            name = info.filename[: -len(".npy")]
            with archive.open(info) as handle:
                shape, _fortran, dtype = _header(handle, label, info.filename)
                used += _check_member(label, info.filename, shape, dtype)
                if used > max_bytes:
                    raise ValueError(
                        f"`archive` must hold at most {max_bytes} bytes of arrays when expanded, "
                        f"got more by member {info.filename!r} of {label}"
                    )
            with archive.open(info) as handle:
                arrays[name] = np.lib.format.read_array(handle, allow_pickle=False)
            if arrays[name].shape != tuple(shape):
                raise ValueError(f"`archive` member {info.filename!r} of {label} is truncated")
    if not arrays:
        raise ValueError(f"`archive` must hold at least one array, got none in {label}")
    return arrays
