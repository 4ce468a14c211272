"""G-sets of permutation groups: natural, regular, tensor and symmetric powers, products.

A G-set X is given, like ``plrep.gsets.GSet``, by one permutation of X per generator of G:
``generators[i][x]`` is where the i-th generator s_i sends x, and R^X carries
(g.f)(x) = f(g^-1 x) (MATH.md §1). The permutation of X by every element (``element_perms``,
aligned with ``group.elements``) is found by a breadth-first walk of the Cayley graph, which
also proves that the generator images define an action: if two words equal in G act
differently on X, the walk meets the same element twice with different images
(``cayley_walk`` reports that pair; ``plrep.sharing`` turns it into a violated relation).

Points of constructed G-sets are tuples (``points``): X^k in row-major order, symmetric
powers as sorted tuples (multisets) in lexicographic order, so Sym^k(R^X) = R^{multisets}.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from plrep._validate import check_int, describe
from plrep.permgroups import PermutationGroup

__all__ = [
    "PermGSet",
    "cayley_walk",
    "natural_gset",
    "perm_disjoint_union",
    "perm_product_action",
    "perm_regular",
    "perm_tensor_power",
    "symmetric_power",
]

# Point tuples are kept only for G-sets up to this size (representatives need them).
_MAX_POINTS = 2**24


@dataclass(frozen=True)
class CayleyWalk:
    """Images of all elements under proposed generator images, or the first conflict.

    ``perms[e]`` is the image of ``group.elements[e]``; ``parent``/``parent_gen`` give the walk's
    tree (element e = s_{parent_gen[e]} o parent[e]). ``conflict = (g, s, a)``: s o g = a in G
    but t_s o image(g) != image(a).
    """

    perms: np.ndarray
    parent: np.ndarray
    parent_gen: np.ndarray
    conflict: tuple[int, int, int] | None


def cayley_walk(group: PermutationGroup, images: np.ndarray) -> CayleyWalk:
    """Walk the Cayley graph of G from the identity, carrying the images ``images[i]`` of s_i."""
    size, points = group.order, images.shape[1]
    elements = group.elements
    perms = np.full((size, points), -1, dtype=np.int64)
    parent = np.full(size, -1, dtype=np.int64)
    parent_gen = np.full(size, -1, dtype=np.int64)
    perms[0] = np.arange(points)
    known = np.zeros(size, dtype=bool)
    known[0] = True
    frontier = np.array([0])
    while frontier.size:
        discovered = []
        for s, (gen, image) in enumerate(zip(group.generators, images, strict=True)):
            targets = group.index_of(gen[elements[frontier]])
            mapped = image[perms[frontier]]
            old = known[targets]
            differs = np.any(perms[targets[old]] != mapped[old], axis=1)
            if differs.any():
                where = np.flatnonzero(old)[np.argmax(differs)]
                return CayleyWalk(perms, parent, parent_gen, (int(frontier[where]), s, int(targets[where])))
            new = ~old
            perms[targets[new]] = mapped[new]
            parent[targets[new]], parent_gen[targets[new]] = frontier[new], s
            known[targets[new]] = True
            discovered.append(targets[new])
        frontier = np.concatenate(discovered)
    return CayleyWalk(perms, parent, parent_gen, None)


class PermGSet:
    """A finite G-set of a permutation group G.

    Attributes:
        group: the ``PermutationGroup``.
        generators: int array (r, |X|), the permutation of X by each generator of G.
        points: tuple labels of the points (constructed G-sets), or None.
        name: a short description such as ``"X^2"``.
    """

    def __init__(self, group: PermutationGroup, generators, *, points=None, name: str = "X", trusted=False):
        if not isinstance(group, PermutationGroup):
            raise TypeError(f"`group` must be a PermutationGroup, got {describe(group)} instead")
        gens = np.asarray(generators)
        r = len(group.generators)
        if gens.ndim != 2 or gens.shape[0] != r or not np.issubdtype(gens.dtype, np.integer):
            raise ValueError(
                f"`generators` must be an integer array of shape ({r}, |X|), one permutation per "
                f"generator of {group.name}, got {describe(gens)} instead"
            )
        for row, perm in enumerate(gens):
            if np.any(np.sort(perm) != np.arange(gens.shape[1])):
                raise ValueError(f"`generators` row {row} must be a permutation of 0..{gens.shape[1] - 1}")
        self.group, self.points, self.name = group, points, name
        self.generators = gens.astype(np.int64)
        self.generators.setflags(write=False)
        if not trusted:
            from plrep.sharing import check_homomorphism

            report = check_homomorphism(group, self.generators)
            if not report.is_homomorphism:
                raise ValueError(f"`generators` must define an action of {group.name}: {report.reason}")

    def __repr__(self) -> str:
        return f"PermGSet({self.group.name}, {self.name}, size {self.size})"

    @property
    def size(self) -> int:
        """|X|."""
        return int(self.generators.shape[1])

    @cached_property
    def element_perms(self) -> np.ndarray:
        """Permutation of X by each element of G (rows aligned with ``group.elements``)."""
        walk = cayley_walk(self.group, self.generators)
        if walk.conflict is not None:  # only reachable for an untrusted, unchecked action
            raise ValueError(f"`generators` must define an action of {self.group.name}")
        walk.perms.setflags(write=False)
        return walk.perms

    def permutation(self, element) -> np.ndarray:
        """The permutation of X by a group element given as a permutation of the domain."""
        return self.element_perms[int(self.group.index_of(element)[0])]

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
        """Number of fixed points of each conjugacy class, float array (num_classes,)."""
        perms = self.element_perms[self.group.class_representatives]
        return (perms == np.arange(self.size)).sum(axis=1).astype(np.float64)


def natural_gset(group: PermutationGroup) -> PermGSet:
    """G acting on {0..n-1} by its permutations."""
    if not isinstance(group, PermutationGroup):
        raise TypeError(f"`group` must be a PermutationGroup, got {describe(group)} instead")
    return PermGSet(
        group, group.generators, points=[(x,) for x in range(group.degree)], name="X", trusted=True
    )


@lru_cache(maxsize=16)
def perm_regular(group: PermutationGroup) -> PermGSet:
    """R[G]: X = ``group.elements`` (in that order), s sends x to s x; cached per group."""
    elements = group.elements
    gens = np.stack([group.index_of(gen[elements]) for gen in group.generators])
    return PermGSet(group, gens, points=[(e,) for e in range(group.order)], name="R[G]", trusted=True)


def _check_size(size: int, what: str) -> None:
    if size > _MAX_POINTS:
        raise ValueError(f"`{what}` must have at most {_MAX_POINTS} points, got {size} instead")


def perm_product_action(first: PermGSet, second: PermGSet) -> PermGSet:
    """X x Y with the diagonal action; (x, y) has index x |Y| + y."""
    if first.group is not second.group:
        raise ValueError(
            f"`second` must be a G-set of {first.group.name}, got one of {second.group.name} instead"
        )
    _check_size(first.size * second.size, "product")
    gens = first.generators[:, :, None] * second.size + second.generators[:, None, :]
    points = None
    if first.points is not None and second.points is not None:
        points = [a + b for a in first.points for b in second.points]
    return PermGSet(
        first.group,
        gens.reshape(len(gens), -1),
        points=points,
        name=f"{first.name}x{second.name}",
        trusted=True,
    )


def perm_tensor_power(gset: PermGSet, k: int) -> PermGSet:
    """X^k with the diagonal action, row-major (k = 0 gives the one-point G-set)."""
    if not isinstance(gset, PermGSet):
        raise TypeError(f"`gset` must be a PermGSet, got {describe(gset)} instead")
    k = check_int(k, "k", minimum=0)
    _check_size(gset.size**k, "tensor power")
    gens = np.zeros((len(gset.generators), 1), dtype=np.int64)
    for _ in range(k):
        gens = (gens[:, :, None] * gset.size + gset.generators[:, None, :]).reshape(len(gens), -1)
    points = None if gset.points is None else [sum(p, ()) for p in itertools.product(gset.points, repeat=k)]
    return PermGSet(gset.group, gens, points=points, name=f"{gset.name}^{k}", trusted=True)


def symmetric_power(gset: PermGSet, k: int) -> PermGSet:
    """Multisets of size k from X (sorted index tuples, lexicographic): Sym^k(R^X) = R^{these}."""
    if not isinstance(gset, PermGSet):
        raise TypeError(f"`gset` must be a PermGSet, got {describe(gset)} instead")
    k = check_int(k, "k", minimum=0)
    count = math.comb(gset.size + k - 1, k)
    _check_size(count, "symmetric power")  # before listing them
    combos = np.array(list(itertools.combinations_with_replacement(range(gset.size), k)), dtype=np.int64)
    combos = combos.reshape(count, k)  # k = 0: one empty multiset
    radix = gset.size ** np.arange(k - 1, -1, -1)
    lookup = {int(key): i for i, key in enumerate(combos @ radix)}
    gens = []
    for gen in gset.generators:
        keys = np.sort(gen[combos], axis=1) @ radix
        gens.append([lookup[int(key)] for key in keys])
    return PermGSet(
        gset.group,
        np.array(gens, dtype=np.int64).reshape(len(gset.generators), -1),
        points=[tuple(int(v) for v in c) for c in combos],
        name=f"Sym^{k}({gset.name})",
        trusted=True,
    )


def perm_disjoint_union(*gsets: PermGSet) -> PermGSet:
    """X_1 ⊔ X_2 ⊔ ..., points numbered consecutively (labels (i, point))."""
    if not gsets or any(g.group is not gsets[0].group for g in gsets):
        raise ValueError("`gsets` must be one or more G-sets of the same group")
    offsets = np.cumsum([0] + [g.size for g in gsets[:-1]])
    gens = np.concatenate([g.generators + o for g, o in zip(gsets, offsets, strict=True)], axis=1)
    return PermGSet(gsets[0].group, gens, name="+".join(g.name for g in gsets), trusted=True)
