"""Finite abelian groups C_{n_1} x ... x C_{n_r} and their real simple representations.

Conventions (docs/math.md §2): C_n = Z/n with generator a; the real simples of C_n are L_k,
k = 0..floor(n/2), where L_k is spanned by cos(2 pi k x / n) and sin(2 pi k x / n) on the
regular module. For a product the complex characters are frequency tuples xi in
prod Z/n_i, chi_xi(g) = exp(2 pi i sum_i xi_i g_i / n_i); the real simples are the classes
{xi, -xi}, of dimension 1 when xi = -xi and 2 otherwise. Each class is named by its
lexicographically smaller member, and ids number the classes in that (row-major) order, so
for C_n the id of L_k is k.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from plrep._validate import check_int, describe, size_text
from plrep.groups._protocol import Group
from plrep.groups._simple import LazySimples, SimpleRep

__all__ = ["MAX_FACTORS", "MAX_GROUP_ORDER", "CyclicProduct", "cyclic", "cyclic_product"]

# Groups are enumerated element by element in places (G-sets, dense references), so a
# silly spec such as C99999999999 must fail at once with a clear message, not after an
# allocation error.
MAX_GROUP_ORDER = 2**31
# Past this many simples (C_8192 and up) ``simples`` is a lazy sequence: C_1048576 has 524,289.
LAZY_SIMPLES = 4097

# Factors of one product: 2^31 allows at most 31 that are not C1, and numpy arrays (one axis
# per factor) stop at 64 axes; C1 x C1 x ... x C1 (3001 times) must fail here, not in numpy.
MAX_FACTORS = 32


@dataclass(frozen=True)
class CyclicProduct(Group):
    """The group C_{n_1} x ... x C_{n_r}; ``CyclicProduct((8,))`` is C_8.

    Elements are integer tuples g with 0 <= g_i < n_i, enumerated in row-major order.
    Per-simple data are exposed as arrays (``simple_frequencies``, ``simple_dims``,
    ``simple_orders``) so that C_{2^20}, with half a million simples, costs O(|G|) memory;
    ``simples`` builds the metadata objects on demand.

    Example:
        >>> G = CyclicProduct((2, 4))
        >>> [s.name for s in G.simples]  # frequency classes {xi, -xi}, named by the smaller one
        ['L(0,0)', 'L(0,1)', 'L(0,2)', 'L(1,0)', 'L(1,1)', 'L(1,2)']
    """

    factors: tuple[int, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.factors, tuple) or not self.factors:
            raise ValueError(
                f"`factors` must be a non-empty tuple of positive integers, got {describe(self.factors)} instead"
            )
        if len(self.factors) > MAX_FACTORS:
            raise ValueError(
                f"`factors` must have at most {MAX_FACTORS} entries, got {len(self.factors)} instead"
            )
        for n in self.factors:
            check_int(n, "factors", minimum=1)
        if math.prod(self.factors) > MAX_GROUP_ORDER:
            raise ValueError(
                f"`factors` must multiply to a group order of at most {MAX_GROUP_ORDER}, "
                f"got {size_text(math.prod(self.factors))} instead"
            )

    @property
    def name(self) -> str:
        """The group spec, e.g. ``"C8"`` or ``"C4xC6"``."""
        return "x".join(f"C{n}" for n in self.factors)

    @property
    def order(self) -> int:
        return math.prod(self.factors)

    @property
    def is_cyclic_spec(self) -> bool:
        """True for a single factor C_n (whose simples are numbered by k)."""
        return len(self.factors) == 1

    def __str__(self) -> str:
        return self.name

    # --- the Group protocol: elements are exponent tuples, numbered in row-major order ------

    @property
    def num_generators(self) -> int:
        """One generator e_i per factor."""
        return len(self.factors)

    @property
    def elements(self) -> np.ndarray:
        """All elements as exponent tuples, int array (|G|, r), in row-major order."""
        return np.stack(np.unravel_index(np.arange(self.order), self.factors), axis=-1)

    def index_of(self, elements) -> np.ndarray:
        """Row-major number of each exponent tuple (taken mod n_i), shape (m,)."""
        array = np.atleast_2d(np.asarray(elements))
        if array.shape[-1] != self.num_generators or not np.issubdtype(array.dtype, np.integer):
            raise ValueError(
                f"`element` must have {self.num_generators} integer exponents, got {describe(elements)} instead"
            )
        reduced = array % np.asarray(self.factors)
        return np.ravel_multi_index(tuple(reduced.T), self.factors).astype(np.int64)

    def regular_images(self) -> np.ndarray:
        """e_i sends g to g + e_i: generator images on X = G in row-major order, (r, |G|)."""
        grid = np.arange(self.order).reshape(self.factors)
        # np.roll(grid, -1, axis)[g] holds g + e_i.
        return np.stack([np.roll(grid, -1, axis=axis).ravel() for axis in range(len(self.factors))])

    def right_multiplication(self, elements) -> np.ndarray:
        """g -> g + h for each given h (abelian: the same as left multiplication), (m, |G|)."""
        shifts = np.atleast_2d(np.asarray(elements))
        self.index_of(shifts)  # validates
        grid = self.elements
        return (
            np.stack([self.index_of(grid + h) for h in shifts]) if shifts.size else np.zeros((0, self.order))
        )

    def element_images(self, images: np.ndarray, points=None) -> np.ndarray:
        """g . x for every element g (row-major) and the given points, shape (|G|, m).

        Built factor by factor (x, e_1 x, e_1^2 x, ...), so the cost is |G| per point and no
        |G| x |X| table is made for points that were not asked for.
        """
        images = np.asarray(images)
        current = np.arange(images.shape[1]) if points is None else np.asarray(points, dtype=np.int64)
        for axis, n in enumerate(self.factors):
            layers = [current]
            for _ in range(n - 1):
                layers.append(images[axis][layers[-1]])
            current = np.stack(layers, axis=-1)
        # current has shape (m, n_1, ..., n_r): point first, then the exponents.
        return current.reshape(current.shape[0], self.order).T

    def action_violation(self, images: np.ndarray) -> str | None:
        """Each image must be a permutation of order dividing n_i, and the images must commute."""
        size = images.shape[1]
        identity = np.arange(size)
        for axis, (perm, n) in enumerate(zip(images, self.factors, strict=True)):
            power = identity
            for _ in range(n):
                power = perm[power]
            if not np.array_equal(power, identity):
                return f"row {axis} must have order dividing {n} (it generates C{n}), but its {n}-th power is not the identity"
        for i in range(len(images)):
            for j in range(i):
                if not np.array_equal(images[i][images[j]], images[j][images[i]]):
                    return f"rows {j} and {i} must commute (G is abelian), but they do not"
        return None

    # --- simples, as arrays -------------------------------------------------------------

    @cached_property
    def _canonical_flat(self) -> np.ndarray:
        """Row-major flat index of the canonical frequency of each simple, sorted."""
        if self.is_cyclic_spec:
            return np.arange(self.factors[0] // 2 + 1, dtype=np.int64)
        flat = np.arange(self.order, dtype=np.int64)
        return flat[flat <= negate_flat(self.factors, flat)]

    @property
    def num_simples(self) -> int:
        return int(self._canonical_flat.size)

    @cached_property
    def simple_frequencies(self) -> np.ndarray:
        """Canonical frequency tuples, shape (num_simples, r)."""
        return np.stack(np.unravel_index(self._canonical_flat, self.factors), axis=-1)

    @cached_property
    def simple_dims(self) -> np.ndarray:
        """Real dimension of each simple, shape (num_simples,)."""
        self_conjugate = self._canonical_flat == negate_flat(self.factors, self._canonical_flat)
        return np.where(self_conjugate, 1, 2)

    @cached_property
    def simple_orders(self) -> np.ndarray:
        """Order of the image of G in each simple: lcm_i n_i / gcd(n_i, xi_i)."""
        n = np.asarray(self.factors, dtype=np.int64)
        per_factor = n // np.gcd(n, self.simple_frequencies)
        return np.lcm.reduce(per_factor, axis=-1)

    def simple_ids(self, frequencies: np.ndarray) -> np.ndarray:
        """Id of the simple containing each frequency tuple (any sign), shape (...,)."""
        frequencies = np.asarray(frequencies, dtype=np.int64) % np.asarray(self.factors)
        flat = np.ravel_multi_index(np.moveaxis(frequencies, -1, 0), self.factors)
        canonical = np.minimum(flat, negate_flat(self.factors, flat))
        return np.searchsorted(self._canonical_flat, canonical)

    @cached_property
    def simples(self) -> tuple[SimpleRep, ...] | LazySimples:
        """The real simple representations, in id order (past ``LAZY_SIMPLES`` a lazy sequence)."""
        if self.num_simples > LAZY_SIMPLES:
            return LazySimples(self.num_simples, self.simple, self.name)
        return tuple(self.simple(i) for i in range(self.num_simples))

    def simple(self, simple_id: int) -> SimpleRep:
        """Metadata of one simple, by id."""
        simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=self.num_simples - 1)
        freq = tuple(int(v) for v in self.simple_frequencies[simple_id])
        name = f"L{freq[0]}" if self.is_cyclic_spec else "L(" + ",".join(map(str, freq)) + ")"
        return SimpleRep(
            id=simple_id,
            name=name,
            dim=int(self.simple_dims[simple_id]),
            order=int(self.simple_orders[simple_id]),
            frequency=freq,
        )

    def character(self, simple_id: int, elements: np.ndarray) -> np.ndarray:
        """Real character of a simple on group elements of shape (..., r).

        chi(g) = dim * cos(2 pi sum_i xi_i g_i / n_i): the trace of the rotation by that angle
        on a 2-dimensional simple, and +-1 on a 1-dimensional one.
        """
        simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=self.num_simples - 1)
        freq = self.simple_frequencies[simple_id]
        phase = (np.asarray(elements) * freq / np.asarray(self.factors)).sum(axis=-1)
        return self.simple_dims[simple_id] * np.cos(2 * np.pi * phase)


def negate_flat(factors: tuple[int, ...], flat: np.ndarray) -> np.ndarray:
    """Row-major flat index of -g for the elements g with flat index ``flat``."""
    coords = np.unravel_index(flat, factors)
    negated = tuple((-c) % n for c, n in zip(coords, factors, strict=True))
    return np.ravel_multi_index(negated, factors)


def cyclic(n: int) -> CyclicProduct:
    """The cyclic group C_n, n >= 1.

    Example:
        >>> [s.name for s in cyclic(6).simples]
        ['L0', 'L1', 'L2', 'L3']
    """
    return CyclicProduct((check_int(n, "n", minimum=1, maximum=MAX_GROUP_ORDER),))


def cyclic_product(*factors: int) -> CyclicProduct:
    """C_{n_1} x ... x C_{n_r}; ``cyclic_product(4, 6)`` is C4xC6.

    Example:
        >>> G = cyclic_product(4, 6)
        >>> G.name, G.order, G.num_simples
        ('C4xC6', 24, 14)
    """
    if not factors:
        raise ValueError("`factors` must name at least one factor, got none instead")
    return CyclicProduct(tuple(check_int(n, "factors", minimum=1) for n in factors))
