"""Finite abelian groups C_{n_1} x ... x C_{n_r} and their real simple representations.

Conventions (MATH.md §2): C_n = Z/n with generator a; the real simples of C_n are L_k,
k = 0..floor(n/2), where L_k is spanned by cos(2 pi k x / n) and sin(2 pi k x / n) on the
regular module. For a product the complex characters are frequency tuples xi in
prod Z/n_i, chi_xi(g) = exp(2 pi i sum_i xi_i g_i / n_i); the real simples are the classes
{xi, -xi}, of dimension 1 when xi = -xi and 2 otherwise. Each class is named by its
lexicographically smaller member, and ids number the classes in that (row-major) order, so
for C_n the id of L_k is k.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from plrep._validate import check_int, describe

__all__ = ["CyclicProduct", "SimpleRep", "cyclic", "direct_product", "parse_group"]

# Groups are enumerated element by element in places (G-sets, dense references), so a
# silly spec such as C99999999999 must fail at once with a clear message, not after an
# allocation error.
MAX_GROUP_ORDER = 2**31


@dataclass(frozen=True)
class SimpleRep:
    """A real simple representation: metadata only, arrays live elsewhere.

    Attributes:
        id: index of the simple in its group's list (for C_n, id = k of L_k).
        name: ``"L3"`` for C_n, ``"L(1,2)"`` for products.
        dim: real dimension.
        order: order of the image of the group in GL(L) (for C_n, ord(k) = n / gcd(n, k)).
        frequency: the canonical frequency tuple (abelian groups); empty otherwise.
        type: ``"real"``, ``"complex"`` or ``"quaternionic"`` (Frobenius–Schur type; set by
            ``plrep.characters`` for permutation groups), ``None`` where not recorded.
    """

    id: int
    name: str
    dim: int
    order: int
    frequency: tuple[int, ...] = ()
    type: str | None = None

    def to_dict(self) -> dict:
        """The JSON shape of ARCHITECTURE.md: id, name, dim, order (+ frequency, type)."""
        out = {"id": self.id, "name": self.name, "dim": self.dim, "order": self.order}
        if self.frequency:
            out["frequency"] = list(self.frequency)
        if self.type is not None:
            out["type"] = self.type
        return out


@dataclass(frozen=True)
class CyclicProduct:
    """The group C_{n_1} x ... x C_{n_r}; ``CyclicProduct((8,))`` is C_8.

    Elements are integer tuples g with 0 <= g_i < n_i, enumerated in row-major order.
    Per-simple data are exposed as arrays (``simple_frequencies``, ``simple_dims``,
    ``simple_orders``) so that C_{2^20}, with half a million simples, costs O(|G|) memory;
    ``simples`` builds the metadata objects on demand.
    """

    factors: tuple[int, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.factors, tuple) or not self.factors:
            raise ValueError(
                f"`factors` must be a non-empty tuple of positive integers, got {describe(self.factors)} instead"
            )
        for n in self.factors:
            check_int(n, "factors", minimum=1)
        if math.prod(self.factors) > MAX_GROUP_ORDER:
            raise ValueError(
                f"the group order must be at most {MAX_GROUP_ORDER}, got {math.prod(self.factors)} instead"
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
    def simples(self) -> tuple[SimpleRep, ...]:
        """The real simple representations, in id order."""
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
    """The cyclic group C_n, n >= 1."""
    return CyclicProduct((check_int(n, "n", minimum=1),))


def direct_product(*groups: CyclicProduct) -> CyclicProduct:
    """The direct product of cyclic products, e.g. ``direct_product(cyclic(4), cyclic(6))``."""
    if not groups:
        raise ValueError("`groups` must name at least one group, got none instead")
    for group in groups:
        if not isinstance(group, CyclicProduct):
            raise TypeError(f"`groups` must be CyclicProduct instances, got {describe(group)} instead")
    return CyclicProduct(tuple(n for group in groups for n in group.factors))


_FACTOR = re.compile(r"^([a-z]+)(\d+)$")
_KNOWN_FAMILIES = {"c": "cyclic", "d": "dihedral", "s": "symmetric", "a": "alternating", "q": "quaternion"}


def parse_group(spec: str):
    """Parse a group spec such as ``"C8"``, ``"c4xC6"``, ``"D6"``, ``"S5"``, ``"Q8"``, ``"S3xC2"``.

    Case-insensitive. Products of cyclic groups only give a ``CyclicProduct`` (FFT path);
    any D_n (order 2n), S_n, A_n or Q_8 factor gives a ``plrep.permgroups.PermutationGroup``.

    Raises:
        ValueError: for a malformed spec, a zero or oversized order, or Q_n with n != 8.
    """
    if not isinstance(spec, str):
        raise TypeError(f"`group` must be a group spec string such as 'C8', got {describe(spec)} instead")
    factors = []
    for part in spec.strip().lower().split("x"):
        match = _FACTOR.match(part)
        if match is None or match.group(1) not in _KNOWN_FAMILIES:
            raise ValueError(f"`group` must be a spec such as 'C8' or 'C4xC6', got {spec!r} instead")
        family, size = match.group(1), int(match.group(2))
        if size < 1:
            raise ValueError(
                f"`group` must have factors with n >= 1 (C8, D5, S4, A5, Q8), got {spec!r} instead"
            )
        factors.append((family, size))
    if any(family != "c" for family, _ in factors):
        from plrep.permgroups import parse_permutation_group

        return parse_permutation_group(factors, spec)
    factors = [size for _, size in factors]
    if math.prod(factors) > MAX_GROUP_ORDER:
        raise ValueError(
            f"`group` order must be at most {MAX_GROUP_ORDER}, got {spec!r} of order {math.prod(factors)} instead"
        )
    return CyclicProduct(tuple(factors))
