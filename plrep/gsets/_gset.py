"""One ``GSet`` class for every group (docs/math.md §1).

A G-set X is given by one permutation of X per generator of G: ``generators[i][x]`` is the
point the i-th generator sends x to. The permutation module R^X carries
(g.f)(x) = f(g^{-1} x), so on the regular module of C_n, where the generator sends x to
x + 1, (a.f)(x) = f(x - 1).

Everything about X that does not depend on the family of G (orbits, products, powers,
unions) is computed from these generator images alone; the group supplies the rest through
the ``plrep.groups.Group`` protocol (``element_images``, ``action_violation``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from plrep._validate import describe
from plrep.groups import Group

__all__ = ["MAX_POINTS", "MAX_TABLE_ENTRIES", "GSet"]

# Products and powers list every point, so a request such as tensor_power(X, 50) must fail at
# once with a clear message rather than exhaust memory.
MAX_POINTS = 2**24
# The table of every element's permutation of X has |G| |X| entries (int64).
MAX_TABLE_ENTRIES = 2**26


@dataclass(frozen=True, eq=False)
class GSet:
    """A finite G-set: the group and the permutation of X by each of its generators.

    Two G-sets are equal when they have equal groups and equal generator images; the name
    and point labels are descriptions.

    Attributes:
        group: the acting group (any ``plrep.groups.Group``).
        generators: int array of shape (r, |X|); row i is the permutation of generator i.
        name: a short description such as ``"X^2"`` or ``"R[G]"``.
        is_regular: True when X is G itself in the group's element order (``regular``).

    Example:
        >>> from plrep.groups import cyclic
        >>> GSet(cyclic(3), [[1, 2, 0]]).size
        3
    """

    group: Group
    generators: np.ndarray
    name: str = "X"
    is_regular: bool = field(default=False, repr=False)
    labeller: Callable[[], np.ndarray] | None = field(default=None, repr=False)
    check: bool = field(default=True, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.group, Group):
            raise TypeError(f"`group` must be a plrep group, got {describe(self.group)} instead")
        generators = np.asarray(self.generators)
        rank = self.group.num_generators
        if (
            generators.ndim != 2
            or generators.shape[0] != rank
            or not np.issubdtype(generators.dtype, np.integer)
        ):
            raise ValueError(
                f"`generators` must be an integer array of shape ({rank}, |X|), one permutation "
                f"per generator of {self.group.name}, got {describe(generators)} instead"
            )
        if generators.dtype != np.int64 or generators.flags.writeable:  # read-only int64: kept as is
            generators = generators.astype(np.int64)  # a copy, so callers' arrays stay theirs
        generators.setflags(write=False)
        object.__setattr__(self, "generators", generators)
        if self.check:
            _check_permutations(generators)
            reason = self.group.action_violation(generators)
            if reason is not None:
                raise ValueError(f"`generators` must define an action of {self.group.name}: {reason}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GSet):
            return NotImplemented
        return self is other or (
            self.group == other.group
            and self.generators.shape == other.generators.shape
            and np.array_equal(self.generators, other.generators)
        )

    def __hash__(self) -> int:
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.group, self.generators.shape, self.generators.tobytes()))

    def __repr__(self) -> str:
        return f"GSet({self.group.name}, {self.name}, size {self.size})"

    @property
    def size(self) -> int:
        """|X|."""
        return int(self.generators.shape[1])

    @cached_property
    def points(self) -> np.ndarray | None:
        """Labels of the points, int array (|X|, width), or None where none were recorded.

        Natural points are (x,); X^k lists k-tuples in row-major order; symmetric powers and
        subsets list sorted tuples in lexicographic order.
        """
        return None if self.labeller is None else self.labeller()

    # --- orbits ----------------------------------------------------------------------------

    @cached_property
    def orbit_labels(self) -> np.ndarray:
        """Orbit number of each point, shape (|X|,); orbits numbered by their smallest point."""
        if self.is_regular:
            return np.zeros(self.size, dtype=np.int64)
        size = self.size
        rows = np.tile(np.arange(size), self.generators.shape[0])
        graph = coo_matrix(
            (np.ones(rows.size, dtype=np.int8), (rows, self.generators.ravel())), shape=(size, size)
        )
        labels = connected_components(graph, directed=True, connection="weak")[1]
        # connected_components numbers components by their smallest point already.
        return labels.astype(np.int64)

    @cached_property
    def base_points(self) -> np.ndarray:
        """Smallest point of each orbit, shape (num_orbits,)."""
        labels = self.orbit_labels
        firsts = np.full(labels.max() + 1, self.size, dtype=np.int64)
        np.minimum.at(firsts, labels, np.arange(self.size))
        return firsts

    @property
    def num_orbits(self) -> int:
        return int(self.base_points.size)

    @cached_property
    def orbit_sizes(self) -> np.ndarray:
        """Number of points in each orbit, shape (num_orbits,)."""
        return np.bincount(self.orbit_labels, minlength=self.num_orbits)

    @cached_property
    def orbit_lift(self) -> np.ndarray:
        """g . x0 for each orbit's base point x0 and each element g, shape (num_orbits, |G|)."""
        return self.group.element_images(self.generators, self.base_points).T

    @cached_property
    def lift_positions(self) -> np.ndarray:
        """For each point x, a flat position in ``orbit_lift`` that maps to x, shape (|X|,)."""
        flat = self.orbit_lift.ravel()
        positions = np.empty(self.size, dtype=np.int64)
        positions[flat[::-1]] = np.arange(flat.size)[::-1]  # any preimage will do; keep the first
        return positions

    # --- elements acting -------------------------------------------------------------------

    @cached_property
    def element_perms(self) -> np.ndarray:
        """The permutation of X by every element (rows in the group's element order), (|G|, |X|)."""
        entries = self.group.order * self.size
        if entries > MAX_TABLE_ENTRIES:
            raise ValueError(
                f"`space` must have |G| |X| at most {MAX_TABLE_ENTRIES} for a table of every element's "
                f"permutation, got {self.group.order} x {self.size} instead"
            )
        perms = self.group.element_images(self.generators)
        perms.setflags(write=False)
        return perms

    def permutation(self, element) -> np.ndarray:
        """The permutation of X by one group element, shape (|X|,).

        Elements are exponent tuples for cyclic products and permutations of the domain for
        permutation groups.
        """
        index = int(self.group.index_of(element)[0])
        factors = getattr(self.group, "factors", None)
        if self.group.order * self.size <= MAX_TABLE_ENTRIES or factors is None:
            return self.element_perms[index]
        # A cyclic product too large for the table: compose generator powers instead.
        perm = np.arange(self.size)
        for axis, power in enumerate(np.unravel_index(index, factors)):
            for _ in range(int(power)):
                perm = self.generators[axis][perm]
        return perm

    def act(self, element, values) -> np.ndarray:
        """(g.f)(x) = f(g^-1 x) for f of shape (..., |X|)."""
        values = np.asarray(values)
        if values.ndim == 0 or values.shape[-1] != self.size:
            raise ValueError(f"`values` must have shape (..., {self.size}), got {describe(values)} instead")
        out = np.empty_like(values)
        out[..., self.permutation(element)] = values
        return out

    @cached_property
    def permutation_character(self) -> np.ndarray:
        """Number of fixed points of each conjugacy class (permutation groups), float (num_classes,)."""
        perms = self.element_perms[self.group.class_representatives]
        return (perms == np.arange(self.size)).sum(axis=1).astype(np.float64)


def _check_permutations(generators: np.ndarray) -> None:
    size = generators.shape[1]
    for row, perm in enumerate(generators):
        if perm.min(initial=0) < 0 or perm.max(initial=-1) >= size or np.unique(perm).size != size:
            raise ValueError(
                f"`generators` row {row} must be a permutation of 0..{size - 1}, got {describe(perm)} instead"
            )
