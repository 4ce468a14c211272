"""Checks of proposed weight sharing and of proposed actions (docs/math.md §6).

* ``check_sharing``: a colour-label array p (a matrix (|Y|, |X|) or a 3-tensor
  (|Y|, |X1|, |X2|)) stands for all weights W = sum_c w_c [p == c]. Every such W is
  equivariant iff each colour class is G-invariant, i.e. p[g y, g x] = p[y, x] (for a
  quadratic map x -> W(x, x) only the multiset {p[y, a, b], p[y, b, a]} matters). If not,
  random colour weights and a random input give a counterexample f(g x) != g f(x) with g a
  generator (a nonzero polynomial identity fails at random points almost surely).
* ``check_homomorphism`` (in ``plrep.groups``) tells whether generator images define an action.
* ``check_action``: a rule g -> (map of Y) given on all elements (e.g. the "folded" output
  j -> g(j) mod N/2 of the 2019 note) is an action iff f(e) = id and f(s g) = f(s) o f(g)
  for all g and generators s.
* ``pair_preserving_group(n)``: the subgroup of S_n preserving the pairs {i, i + n/2}
  (C_2 wr S_{n/2}, order 2^{n/2} (n/2)!), of which the folded rule is an action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_choice, check_int, describe
from plrep.equivariant._orbits import _natural, orbit_labels
from plrep.groups import PermutationGroup, perm_from_cycles
from plrep.gsets import GSet

__all__ = ["ActionReport", "SharingReport", "check_action", "check_sharing", "pair_preserving_group"]


@dataclass(frozen=True)
class SharingReport:
    """Result of ``check_sharing``.

    Attributes:
        equivariant: every weight tensor with this sharing is equivariant.
        complete: equivariant and the colours are exactly the orbits (all equivariant maps).
        num_colours, num_orbits: colours used, and dim of the equivariant space.
        generator: index of a generator g that breaks it (None if equivariant).
        entry: an index tuple e with p[g e] != p[e].
        weights: colour -> weight of the counterexample; inputs: its input(s);
        difference: max |f(g x) - g f(x)| there.

    Example:
        >>> import numpy as np
        >>> from plrep.groups import symmetric
        >>> report = check_sharing(np.zeros((4, 4), dtype=int), symmetric(4))  # one shared weight
        >>> report.equivariant, report.complete, report.num_colours, report.num_orbits
        (True, False, 1, 2)
    """

    equivariant: bool
    complete: bool
    num_colours: int
    num_orbits: int
    generator: int | None = None
    entry: tuple[int, ...] | None = None
    weights: dict | None = None
    inputs: tuple[np.ndarray, ...] | None = None
    difference: float = 0.0


def _act(perm: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(g.f)(x) = f(g^-1 x): out[g x] = f[x]."""
    out = np.empty_like(values)
    out[..., perm] = values
    return out


def _resolve_spaces(pattern: np.ndarray, spaces) -> list:

    if not isinstance(spaces, list | tuple):  # one G-set, or a group acting naturally, on every axis
        spaces = [spaces if isinstance(spaces, GSet) else _natural(spaces)] * pattern.ndim
    for space in spaces:
        if not isinstance(space, GSet):
            raise TypeError(f"`spaces` must be G-sets, got {describe(space)} instead")
    if len(spaces) != pattern.ndim:
        raise ValueError(
            f"`spaces` must give one G-set per axis of `pattern` ({pattern.ndim}), got {len(spaces)}"
        )
    sizes = tuple(int(np.asarray(s.generators).shape[1]) for s in spaces)
    if pattern.shape != sizes:
        raise ValueError(
            f"`pattern` must have shape {sizes} (target first), got shape {pattern.shape} instead"
        )
    return list(spaces)


def _apply(pattern, weights, inputs) -> np.ndarray:
    tensor = weights[pattern]
    if pattern.ndim == 2:
        return tensor @ inputs[0]
    return np.einsum("yab,a,b->y", tensor, inputs[0], inputs[-1])


def check_sharing(
    pattern, spaces, *, kind: Literal["bilinear", "quadratic"] = "bilinear", seed: int = 0
) -> SharingReport:
    """Is every map with this weight sharing G-equivariant? With a counterexample if not.

    Args:
        pattern: int array of colour labels, shape (|Y|, |X|) for linear maps
            (f(x)[y] = sum_x W[y, x] x[x]) or (|Y|, |X1|, |X2|) for bilinear/quadratic maps
            (f(x)[y] = sum_{a,b} W[y, a, b] x1[a] x2[b]).
        spaces: a group (its natural action on every axis), one G-set for every axis, or one
            G-set per axis, target first.
        kind: for 3-tensors, ``"bilinear"`` (two inputs) or ``"quadratic"`` (x1 = x2).
        seed: seed of the random counterexample.

    Raises:
        ValueError: a pattern of the wrong shape or dimension, or non-integer labels.

    Returns:
        A ``SharingReport``.

    Example:
        >>> import numpy as np
        >>> from plrep.groups import cyclic, symmetric
        >>> deepsets = 1 - np.eye(4, dtype=int)  # colour 0 on the diagonal, 1 off it
        >>> report = check_sharing(deepsets, symmetric(4))
        >>> report.equivariant, report.complete
        (True, True)
        >>> circulant = np.array([[(x - y) % 4 for x in range(4)] for y in range(4)])
        >>> check_sharing(circulant, cyclic(4)).complete  # convolutions are all of Hom_{C_4}
        True
        >>> broken = check_sharing(circulant, symmetric(4))  # but not S_4-equivariant
        >>> broken.equivariant, broken.generator, broken.difference > 0
        (False, 0, True)
    """

    check_choice(kind, "kind", ("bilinear", "quadratic"))
    seed = check_int(seed, "seed", minimum=0)
    pattern = np.asarray(pattern)
    if pattern.ndim not in (2, 3) or not np.issubdtype(pattern.dtype, np.integer) or pattern.size == 0:
        raise ValueError(
            f"`pattern` must be a non-empty integer array of colour labels with 2 or 3 axes, got {describe(pattern)} instead"
        )
    spaces = _resolve_spaces(pattern, spaces)
    _, colours = np.unique(pattern, return_inverse=True)
    colours = colours.reshape(pattern.shape)
    key = colours
    if kind == "quadratic" and pattern.ndim == 3:  # only {p[y,a,b], p[y,b,a]} matters
        swapped = colours.transpose(0, 2, 1)
        key = np.minimum(colours, swapped) * (colours.max() + 1) + np.maximum(colours, swapped)
    orbits = orbit_labels(*spaces)
    if kind == "quadratic" and pattern.ndim == 3:  # orbits of G x (swap a <-> b)
        swapped = orbits.transpose(0, 2, 1)
        _, orbits = np.unique(
            np.minimum(orbits, swapped) * orbits.size + np.maximum(orbits, swapped), return_inverse=True
        )
        orbits = orbits.reshape(pattern.shape)
    num_orbits = int(orbits.max()) + 1
    num_colours = int(colours.max()) + 1
    images = [np.asarray(s.generators) for s in spaces]
    for s in range(images[0].shape[0]):
        moved = key[np.ix_(*(img[s] for img in images))]  # moved[e] = key[g e]
        if np.array_equal(moved, key):
            continue
        entry = tuple(int(v) for v in np.argwhere(moved != key)[0])
        rng = np.random.default_rng(seed)
        weights = rng.normal(size=num_colours)
        inputs = tuple(rng.normal(size=n) for n in pattern.shape[1:])
        if kind == "quadratic":
            inputs = (inputs[0],) * len(inputs)
        outputs = _apply(
            colours, weights, tuple(_act(img[s], x) for img, x in zip(images[1:], inputs, strict=True))
        )
        expected = _act(images[0][s], _apply(colours, weights, inputs))
        return SharingReport(
            False,
            False,
            num_colours,
            num_orbits,
            s,
            entry,
            dict(zip(np.unique(pattern).tolist(), weights.tolist(), strict=True)),
            inputs,
            float(np.abs(outputs - expected).max()),
        )
    # The colour maps span the equivariant space iff their counts per orbit have full rank.
    counts = np.zeros((num_colours, num_orbits))
    np.add.at(counts, (colours.ravel(), orbits.ravel()), 1.0)
    complete = int(np.linalg.matrix_rank(counts)) == num_orbits
    return SharingReport(True, complete, num_colours, num_orbits)


@dataclass(frozen=True)
class ActionReport:
    """Result of ``check_action``: f(g h)(y) != f(g)(f(h)(y)) for the recorded g, h, y.

    Example:
        >>> from plrep.groups import symmetric
        >>> report = check_action(symmetric(4), lambda perms: perms[:, :2] % 2, 2)  # fold mod 2
        >>> report.is_action, report.reason
        (False, 'f(s g) != f(s) o f(g)')
    """

    is_action: bool
    g: np.ndarray | None = None
    h: np.ndarray | None = None
    point: int | None = None
    reason: str = ""


def check_action(
    group: PermutationGroup, action: Callable[[np.ndarray], np.ndarray], size: int
) -> ActionReport:
    """Is g -> action(g) (a map of {0..size-1} for each element) an action of G?

    Args:
        group: a listable permutation group.
        action: vectorised rule, perms (m, n) -> int maps (m, size) with values in 0..size-1.
        size: |Y|.

    Returns:
        An ``ActionReport``: ``is_action``, else g, h and a point where f(g h) != f(g) o f(h).

    Raises:
        TypeError: ``group`` is not a PermutationGroup or ``action`` is not callable.
        ValueError: ``action`` returns the wrong shape, non-integers or points outside 0..size-1.

    Example:
        >>> fold = lambda perms: perms[:, :2] % 2  # j -> g(j) mod n/2, n = 4
        >>> check_action(pair_preserving_group(4), fold, 2).is_action
        True
    """
    if not isinstance(group, PermutationGroup):
        raise TypeError(f"`group` must be a PermutationGroup, got {describe(group)} instead")
    if not callable(action):
        raise TypeError(f"`action` must be a callable, got {describe(action)} instead")
    size = check_int(size, "size", minimum=1)
    elements = group.elements
    maps = np.asarray(action(elements))
    if maps.shape != (group.order, size) or not np.issubdtype(maps.dtype, np.integer):
        raise ValueError(
            f"`action` must return an integer array of shape (m, {size}), got {describe(maps)} instead"
        )
    if maps.min() < 0 or maps.max() >= size:
        raise ValueError(f"`action` must return points in 0..{size - 1}")
    if not np.array_equal(maps[0], np.arange(size)):
        return ActionReport(
            False,
            elements[0],
            elements[0],
            int(np.argmax(maps[0] != np.arange(size))),
            "the identity does not act as the identity",
        )
    for gen in group.generators:
        products = group.index_of(gen[elements])  # s o g
        composed = np.take_along_axis(np.broadcast_to(maps[group.index_of(gen)[0]], maps.shape), maps, axis=1)
        bad = np.any(maps[products] != composed, axis=1)
        if bad.any():
            row = int(np.argmax(bad))
            point = int(np.argmax(maps[products[row]] != composed[row]))
            return ActionReport(False, gen, elements[row], point, "f(s g) != f(s) o f(g)")
    return ActionReport(True)


def pair_preserving_group(n: int) -> PermutationGroup:
    """The subgroup of S_n (n even) preserving the pairs {i, i + n/2}: C_2 wr S_{n/2}.

    Generated by (0 n/2), (0 1)(n/2 n/2+1) and the double cycle (0..n/2-1)(n/2..n-1); order
    2^{n/2} (n/2)!.

    Raises:
        ValueError: ``n`` odd or below 2.

    Example:
        >>> G = pair_preserving_group(6)
        >>> G.name, G.order  # 2^3 3!
        ('Pairs6', 48)
    """
    n = check_int(n, "n", minimum=2)
    if n % 2:
        raise ValueError(f"`n` must be even, got {n} instead")
    h = n // 2
    gens = [perm_from_cycles(n, [(0, h)])]
    if h > 1:
        gens.append(perm_from_cycles(n, [(0, 1), (h, h + 1)]))
        gens.append(perm_from_cycles(n, [tuple(range(h)), tuple(range(h, n))]))
    return PermutationGroup(gens, name=f"Pairs{n}")
