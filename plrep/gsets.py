"""G-sets (permutation representations) of cyclic products, given by generator permutations.

A G-set X of G = C_{n_1} x ... x C_{n_r} is given by one permutation per factor generator:
``generators[i][x]`` is the point that the i-th generator e_i sends x to. The permutation
module R^X carries (g.f)(x) = f(g^{-1} x) (MATH.md §1), so the regular module of C_n, where
e_1 sends x to x + 1, has (a.f)(x) = f(x - 1) as in MATH.md §2.

Each orbit is isomorphic to G/H for its stabiliser H. The FFT decomposition lifts a function
on an orbit to G by F(g) = f(g . x0) (``lift_index``), which is where the orbit structure is
used; no |X| x |X| matrix is ever built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from plrep._validate import check_int, describe
from plrep.groups import CyclicProduct

__all__ = ["GSet", "coset_space", "disjoint_union", "product_action", "regular", "tensor_power"]

# Products and powers list every point, so a request such as tensor_power(X, 50) must fail at
# once with a clear message rather than exhaust memory.
MAX_POINTS = 2**24


@dataclass(frozen=True, eq=False)
class GSet:
    """A finite G-set of a cyclic product G, given by the permutations of G's generators.

    Attributes:
        group: the acting group.
        generators: int array of shape (r, |X|); row i is the permutation of generator e_i.
        is_standard_regular: True when X is G itself in row-major order (the FFT fast path).
    """

    group: CyclicProduct
    generators: np.ndarray
    is_standard_regular: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.group, CyclicProduct):
            raise TypeError(f"`group` must be a CyclicProduct, got {describe(self.group)} instead")
        generators = np.asarray(self.generators)
        rank = len(self.group.factors)
        if (
            generators.ndim != 2
            or generators.shape[0] != rank
            or not np.issubdtype(generators.dtype, np.integer)
        ):
            raise ValueError(
                f"`generators` must be an integer array of shape ({rank}, |X|), one permutation "
                f"per factor of {self.group.name}, got {describe(generators)} instead"
            )
        generators = generators.astype(np.int64)
        generators.setflags(write=False)
        object.__setattr__(self, "generators", generators)
        if not self.is_standard_regular:
            _check_action(self.group, generators)

    @property
    def size(self) -> int:
        """|X|."""
        return int(self.generators.shape[1])

    @cached_property
    def _components(self) -> tuple[int, np.ndarray]:
        size = self.size
        rows = np.tile(np.arange(size), len(self.group.factors))
        graph = coo_matrix(
            (np.ones(rows.size, dtype=np.int8), (rows, self.generators.ravel())), shape=(size, size)
        )
        return connected_components(graph, directed=True, connection="weak")

    @cached_property
    def orbit_labels(self) -> np.ndarray:
        """Orbit number of each point, shape (|X|,); orbits numbered by their smallest point."""
        if self.is_standard_regular:
            return np.zeros(self.size, dtype=np.int64)
        return self._components[1].astype(np.int64)

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
    def lift_index(self) -> np.ndarray | None:
        """Point g . x0 for each orbit and group element, shape (num_orbits, n_1, ..., n_r).

        ``None`` for the standard regular module, where the lift is the identity.
        """
        if self.is_standard_regular:
            return None
        points = self.base_points
        for axis, n in enumerate(self.group.factors):
            perm = self.generators[axis]
            layers = [points]
            for _ in range(n - 1):
                layers.append(perm[layers[-1]])
            points = np.stack(layers, axis=-1)
        return points

    @cached_property
    def lift_positions(self) -> np.ndarray | None:
        """For each point x, a flat position in ``lift_index`` that maps to x, shape (|X|,)."""
        if self.is_standard_regular:
            return None
        flat = self.lift_index.ravel()
        positions = np.empty(self.size, dtype=np.int64)
        positions[flat[::-1]] = np.arange(flat.size)[::-1]  # any preimage will do; keep the first
        return positions

    def permutation(self, element: tuple[int, ...] | np.ndarray) -> np.ndarray:
        """The permutation of X by a group element g (tuple of exponents), shape (|X|,)."""
        element = np.asarray(element)
        if element.shape != (len(self.group.factors),) or not np.issubdtype(element.dtype, np.integer):
            raise ValueError(
                f"`element` must have {len(self.group.factors)} integer entries, got {describe(element)} instead"
            )
        perm = np.arange(self.size)
        for axis, power in enumerate(element % np.asarray(self.group.factors)):
            for _ in range(int(power)):
                perm = self.generators[axis][perm]
        return perm

    def act(self, element: tuple[int, ...] | np.ndarray, values: np.ndarray) -> np.ndarray:
        """(g.f)(x) = f(g^{-1} x) for f of shape (..., |X|)."""
        values = np.asarray(values)
        if values.ndim == 0 or values.shape[-1] != self.size:
            raise ValueError(f"`values` must have shape (..., {self.size}), got {describe(values)} instead")
        out = np.empty_like(values)
        out[..., self.permutation(element)] = values
        return out


def _check_action(group: CyclicProduct, generators: np.ndarray) -> None:
    """Raise unless the generator permutations define an action of ``group``."""
    size = generators.shape[1]
    identity = np.arange(size)
    for axis, perm in enumerate(generators):
        if perm.min(initial=0) < 0 or perm.max(initial=-1) >= size or np.unique(perm).size != size:
            raise ValueError(
                f"`generators` row {axis} must be a permutation of 0..{size - 1}, got {describe(perm)} instead"
            )
    for axis, (perm, n) in enumerate(zip(generators, group.factors, strict=True)):
        power = identity
        for _ in range(n):
            power = perm[power]
        if not np.array_equal(power, identity):
            raise ValueError(
                f"`generators` row {axis} must have order dividing {n} (it generates C{n}), but its {n}-th power is not the identity"
            )
    for i in range(len(generators)):
        for j in range(i):
            if not np.array_equal(generators[i][generators[j]], generators[j][generators[i]]):
                raise ValueError(
                    f"`generators` rows {j} and {i} must commute (G is abelian), but they do not"
                )


def regular(group: CyclicProduct) -> GSet:
    """The regular module R^G: X = G in row-major order, e_i adds 1 to coordinate i."""
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")
    grid = np.arange(group.order).reshape(group.factors)
    # np.roll(grid, -1, axis)[x] holds x + e_i: the point that e_i sends x to.
    generators = np.stack([np.roll(grid, -1, axis=axis).ravel() for axis in range(len(group.factors))])
    return GSet(group, generators, is_standard_regular=True)


def coset_space(group: CyclicProduct, subgroup_generators) -> GSet:
    """G acting on the cosets G/H, H generated by the given elements (tuples of exponents).

    Example: ``coset_space(cyclic(12), [(4,)])`` is C_12 acting on C_12/<4>, an orbit of size 4.
    """
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")
    subgroup = _check_elements(subgroup_generators, len(group.factors))
    elements = np.stack(np.unravel_index(np.arange(group.order), group.factors), axis=-1)
    rows, cols = [], []
    for h in subgroup:
        rows.append(np.arange(group.order))
        cols.append(
            np.ravel_multi_index(tuple((elements + h).T % np.asarray(group.factors)[:, None]), group.factors)
        )
    if rows:
        graph = coo_matrix(
            (np.ones(sum(r.size for r in rows)), (np.concatenate(rows), np.concatenate(cols))),
            shape=(group.order,) * 2,
        )
        _, coset = connected_components(graph, directed=True, connection="weak")
    else:
        coset = np.arange(group.order)
    shifts = regular(group).generators
    generators = np.empty((len(group.factors), coset.max() + 1), dtype=np.int64)
    generators[:, coset] = coset[shifts]
    return GSet(group, generators)


def _check_elements(value, rank: int) -> np.ndarray:
    """Group elements as an int array (m, rank): a list of exponent tuples, or one tuple."""
    elements = np.asarray(value)
    if elements.size == 0:
        return np.zeros((0, rank), dtype=np.int64)
    if elements.ndim == 1:
        elements = elements[None, :]
    if elements.ndim != 2 or elements.shape[1] != rank or not np.issubdtype(elements.dtype, np.integer):
        raise ValueError(
            f"`subgroup_generators` must be integer exponent tuples of length {rank}, "
            f"got {describe(value)} instead"
        )
    return elements.astype(np.int64)


def _check_gset(value: object, name: str) -> GSet:
    if not isinstance(value, GSet):
        raise TypeError(f"`{name}` must be a GSet, got {describe(value)} instead")
    return value


def tensor_power(gset: GSet, k: int) -> GSet:
    """X^k with the diagonal action (k = 2: pairs of points), points in row-major order."""
    _check_gset(gset, "gset")
    k = check_int(k, "k", minimum=1)
    if gset.size**k > MAX_POINTS:
        raise ValueError(
            f"`k` must keep |X|^k at most {MAX_POINTS} points, got |X|^k = {gset.size}^{k} instead"
        )
    result = gset
    for _ in range(k - 1):
        result = product_action(result, gset)
    return result


def product_action(first: GSet, second: GSet) -> GSet:
    """X x Y with the diagonal action; the point (x, y) has index x * |Y| + y."""
    _check_gset(first, "first")
    _check_gset(second, "second")
    if first.size * second.size > MAX_POINTS:
        raise ValueError(
            f"`second` must keep |X| |Y| at most {MAX_POINTS} points, got {first.size} x {second.size} instead"
        )
    if first.group != second.group:
        raise ValueError(
            f"`second` must be a G-set of {first.group.name}, got one of {second.group.name} instead"
        )
    generators = first.generators[:, :, None] * second.size + second.generators[:, None, :]
    return GSet(first.group, generators.reshape(len(first.group.factors), -1))


def disjoint_union(*gsets: GSet) -> GSet:
    """X_1 ⊔ X_2 ⊔ ..., points numbered consecutively."""
    for gset in gsets:
        _check_gset(gset, "gsets")
    if not gsets or any(g.group != gsets[0].group for g in gsets):
        raise ValueError("`gsets` must be one or more G-sets of the same group")
    offsets = np.cumsum([0] + [g.size for g in gsets[:-1]])
    return GSet(
        gsets[0].group,
        np.concatenate([g.generators + o for g, o in zip(gsets, offsets, strict=True)], axis=1),
    )
