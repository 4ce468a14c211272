"""Activation archives: a framework-neutral ``.npz`` of named numeric arrays, read safely.

The format (docs/architecture.md, "Activation archives"): a zip of ``NAME.npy`` members, each a
numeric array (bool, integer or real floating; never object), written by ``numpy.savez`` from
any framework (``np.savez("acts.npz", embed=W_E, hidden=h)``). Each array has one axis indexed
by the points of the G-set; the others are units.

Reading goes through ``plrep._files.read_npz``, the one safe reader plrep has: it never executes
code and never reads more than it checked (every member's .npy header is parsed first, its
dtype and expanded size checked, alone and summed over the archive, and only then is it read).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plrep._files import MAX_ARCHIVE_BYTES, PickledArrayError, read_npz
from plrep._validate import check_int

__all__ = ["MAX_ARCHIVE_BYTES", "load_archive"]


def load_archive(path, *, max_bytes: int = MAX_ARCHIVE_BYTES) -> dict[str, np.ndarray]:
    """Read an activation archive: {name: array}, in the archive's order.

    Args:
        path: a ``.npz`` file.
        max_bytes: cap on the expanded size of all arrays together (at most
            ``MAX_ARCHIVE_BYTES``, the cap of every archive plrep reads).

    Raises:
        ValueError: not a zip, a member that is not a real numeric .npy array (object arrays,
            pickles, complex), or more than ``max_bytes`` when expanded; the message names the
            member.
        TypeError: ``path`` is not a path.

    Example:
        >>> import tempfile, numpy as np
        >>> path = tempfile.mkdtemp() + "/acts.npz"
        >>> np.savez(path, embed=np.ones((8, 3)), hidden=np.zeros(8))
        >>> {name: a.shape for name, a in load_archive(path).items()}
        {'embed': (8, 3), 'hidden': (8,)}
    """
    if not isinstance(path, str | Path):
        raise TypeError(f"`archive` must be a path to a .npz file, got {type(path).__name__} instead")
    max_bytes = check_int(max_bytes, "max_bytes", minimum=0)
    try:
        arrays = read_npz(path, "archive", max_bytes=max_bytes, real_only=True)
    except PickledArrayError as error:
        raise ValueError(
            f"`archive` member {error.member!r} of {str(path)[:200]!r} must be a numeric array, got dtype "
            "object instead (object arrays and pickles are never loaded)"
        ) from None
    if not arrays:
        raise ValueError(f"`archive` must hold at least one array, got none in {str(path)[:200]!r}")
    return arrays
