"""Permutations of {0..n-1} as int arrays: validation and cycle notation."""

from __future__ import annotations

import numpy as np

from plrep._validate import check_int, describe

__all__ = ["MAX_ELEMENTS", "MAX_ELEMENT_ENTRIES", "as_generators", "perm_from_cycles"]

# Listing elements costs |G| x degree integers and every character computation is O(|G| r);
# beyond this, orders and orbit bases (which need only generators) still work.
MAX_ELEMENTS = 200_000
# |G| x degree int64 entries of the element list (256 MiB); the class and index tables built
# from it take a few times as much.
MAX_ELEMENT_ENTRIES = 2**25


def as_generators(generators: object) -> np.ndarray:
    """Validate permutation generators: a non-empty (r, n) integer array of permutations.

    A single permutation (one row) is accepted and returned as shape (1, n); the result is a
    read-only int64 array.

    Raises:
        ValueError: rows of different lengths, an empty or non-integer array, or a row that
            is not a permutation of 0..n-1.

    Example:
        >>> as_generators([1, 2, 0]).tolist()
        [[1, 2, 0]]
        >>> as_generators([[1, 0, 2], [0, 2, 1]]).shape
        (2, 3)
    """
    if isinstance(generators, list | tuple) and generators:
        lengths = sorted({len(np.atleast_1d(g)) for g in generators})
        if len(lengths) > 1:
            raise ValueError(f"`generators` must all have the same length, got lengths {lengths} instead")
    array = np.asarray(generators)
    if array.ndim == 1 and array.size:
        array = array[None, :]
    if (
        array.ndim != 2
        or array.shape[0] == 0
        or array.shape[1] == 0
        or not np.issubdtype(array.dtype, np.integer)
    ):
        raise ValueError(
            "`generators` must be a non-empty integer array of shape (r, n), one permutation of "
            f"0..n-1 per row, got {describe(array)} instead"
        )
    degree = array.shape[1]
    for row, perm in enumerate(array):
        if np.any(np.sort(perm) != np.arange(degree)):
            raise ValueError(
                f"`generators` row {row} must be a permutation of 0..{degree - 1}, got {describe(perm.tolist())} instead"
            )
    array = array.astype(np.int64)
    array.setflags(write=False)
    return array


def perm_from_cycles(degree: int, cycles) -> np.ndarray:
    """The permutation of {0..degree-1} with the given cycles, e.g. ``[(0, 1, 2)]``.

    ``perm[i]`` is the image of i: a cycle (a, b, c) sends a -> b -> c -> a; points in no
    cycle are fixed.

    Raises:
        ValueError: a point outside 0..degree-1, or cycles that are not disjoint.

    Example:
        >>> perm_from_cycles(4, [(0, 1, 2)]).tolist()
        [1, 2, 0, 3]
    """
    degree = check_int(degree, "degree", minimum=1)
    perm = np.arange(degree)
    seen: set[int] = set()
    for cycle in cycles:
        cycle = [check_int(c, "cycles", minimum=0, maximum=degree - 1) for c in cycle]
        if seen.intersection(cycle) or len(set(cycle)) != len(cycle):
            raise ValueError(
                f"`cycles` must be disjoint cycles of distinct points, got {describe(cycles)} instead"
            )
        seen.update(cycle)
        perm[cycle] = np.roll(cycle, -1)
    return perm
