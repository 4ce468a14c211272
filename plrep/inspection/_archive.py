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

from plrep._files import (
    DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_RATIO,
    MAX_ARCHIVE_BYTES,
    MAX_ARCHIVE_MEMBERS,
    PickledArrayError,
    read_npz,
)
from plrep._validate import check_finite_real, check_int
from plrep.inspection._report import check_rows

__all__ = ["MAX_ARCHIVE_BYTES", "load_archive"]


def load_archive(
    path,
    *,
    max_bytes: int = MAX_ARCHIVE_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_ratio: float = DEFAULT_MAX_RATIO,
    points: int | None = None,
    max_rows: int | None = None,
    options: dict | None = None,
) -> dict[str, np.ndarray]:
    """Read an activation archive: {name: array}, in the archive's order.

    Every bound is checked from the zip directory and the members' .npy headers, before any
    member's data is read.

    Args:
        path: a ``.npz`` file.
        max_bytes: cap on the expanded size of all arrays together (at most
            ``MAX_ARCHIVE_BYTES``, the cap of every archive plrep reads).
        max_members: the most members (default 1,000; at most ``MAX_ARCHIVE_MEMBERS``).
        max_ratio: the most a member over 1 MiB may expand (default 100-fold; zip bombs
            expand about 1000-fold).
        points: |X| of the G-set the arrays will be inspected over; with it the rows (units)
            of all members together are bounded by ``max_rows`` as ``inspect_arrays`` does.
        max_rows: see ``inspect_arrays`` (default: 2^24 entries / ``points``).
        options: {"max_members", "max_ratio", "max_rows": command-line option} for messages.

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
    max_members = check_int(max_members, "max_members", minimum=1, maximum=MAX_ARCHIVE_MEMBERS)
    max_ratio = check_finite_real(max_ratio, "max_ratio")
    if max_ratio < 1:
        raise ValueError(f"`max_ratio` must be at least 1, got {max_ratio} instead")
    check_shapes = None
    if points is not None:
        points = check_int(points, "points", minimum=1)
        if max_rows is not None:
            max_rows = check_int(max_rows, "max_rows", minimum=1)

        def check_shapes(headers):
            sizes = [int(np.prod(shape, dtype=object)) for shape, _ in headers.values()]
            check_rows(sizes, points, max_rows, "archive")

    try:
        arrays = read_npz(
            path,
            "archive",
            max_bytes=max_bytes,
            real_only=True,
            max_members=max_members,
            max_ratio=max_ratio,
            check_shapes=check_shapes,
            options=options,
        )
    except PickledArrayError as error:
        raise ValueError(
            f"`archive` member {error.member!r} of {str(path)[:200]!r} must be a numeric array, got dtype "
            "object instead (object arrays and pickles are never loaded)"
        ) from None
    if not arrays:
        raise ValueError(f"`archive` must hold at least one array, got none in {str(path)[:200]!r}")
    return arrays
