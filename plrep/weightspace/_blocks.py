"""Dimensions of the blocks of equivariant linear maps on an MLP's weight space (docs/math.md §7).

The weight space V = ⊕_m (W_m ⊕ b_m) of an MLP with widths (d_0, ..., d_M) is a permutation
module of G = S_{d_1} x ... x S_{d_{M-1}} (``plrep.weightspace``). An equivariant linear map
V -> V is a block matrix; the block A -> B (A, B among W_1, b_1, ..., W_M, b_M) is a G-invariant
function on (index set of B) x (index set of A), so its dimension is the number of G-orbits there.

Each index of W_m is a pair (i, j) with i a neuron of layer m and j one of layer m-1; an index
of b_m is a neuron i of layer m. A pair (target index, source index) thus has, for each neuron
layer l, a tuple of k_l coordinates (k_l <= 2: at most one from the target and one from the
source). G is the product of the S_{d_h} and each coordinate is moved only by its own factor,
so the orbits on pairs are products of orbits per layer:

- a hidden layer of width n (S_n acting): the orbit of a k-tuple is its *equality pattern*
  (which coordinates are equal), a set partition of the k positions with at most n blocks;
- an input or output layer (nothing acting): every k-tuple is its own orbit, n^k of them.

Closed formula (*derived*): dim(A -> B) = prod_l c_l(k_l) with c_l(0) = 1 and

    hidden layer:        c(1) = 1,    c(2) = min(d_l, 2)     (equal / different)
    input/output layer:  c(1) = d_l,  c(2) = d_l^2

so, for hidden widths >= 2: W_m -> W_m has c_m(2) c_{m-1}(2), which is 4 when both layers are
hidden (the 4 of docs/math.md §7) but 2 d_0^2 for m = 1 and 2 d_M^2 for m = M; blocks between
adjacent layers share one layer, all other blocks share none. Invariant linear functionals
V -> R: sum over objects of prod_l c_l(1) over the object's layers.

Three independent computations are offered and tested against each other: ``method="orbits"``
(enumerate equality patterns per layer: tuples over min(n, k) symbols, canonicalised to
restricted-growth strings, never listing G), ``"formula"`` (the product above) and
``"nullspace"`` (rank of the constraints T[q_B i, q_A j] = T[i, j] for the generators of G;
small weight spaces only).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_choice, describe
from plrep.weightspace._permute import check_widths, weight_space

__all__ = [
    "MAX_NULLSPACE_ENTRIES",
    "DWSBlocks",
    "block_dimension",
    "dws_blocks",
    "equivariant_nullspace",
    "invariant_dimension",
    "object_layers",
    "object_names",
]

Method = Literal["formula", "orbits", "nullspace"]
_METHODS = ("formula", "orbits", "nullspace")
MAX_NULLSPACE_ENTRIES = 4096  # |B| |A| (or N^2) entries the dense nullspace check may use
_MAX_GENERATOR_SPACE = 10**6  # N: the generators of G are stored as (r, N) flat index permutations
_INT64_MAX = int(np.iinfo(np.int64).max)


def object_names(widths) -> tuple[str, ...]:
    """('W1', 'b1', ..., 'WM', 'bM'): the pieces of the weight space in flat-layout order.

    Example:
        >>> object_names((2, 3, 1))
        ('W1', 'b1', 'W2', 'b2')
    """
    widths = check_widths(widths)
    return tuple(f"{kind}{m}" for m in range(1, len(widths)) for kind in ("W", "b"))


def object_layers(widths, name: str) -> tuple[int, ...]:
    """The neuron layers of an object's axes: W_m -> (m, m-1), b_m -> (m,).

    Example:
        >>> object_layers((2, 3, 1), "W2"), object_layers((2, 3, 1), "b1")
        ((2, 1), (1,))
    """
    widths = check_widths(widths)
    check_choice(name, "name", object_names(widths))
    m = int(name[1:])
    return (m, m - 1) if name[0] == "W" else (m,)


def _is_hidden(widths: tuple[int, ...], layer: int) -> bool:
    return 0 < layer < len(widths) - 1


def _layer_counts(widths, target: str, source: str) -> dict[int, int]:
    counts: dict[int, int] = {}
    for layer in (*object_layers(widths, target), *object_layers(widths, source)):
        counts[layer] = counts.get(layer, 0) + 1
    return counts


def _equality_patterns(n: int, k: int) -> int:
    """Orbits of S_n on [n]^k, counted as distinct equality patterns of the k-tuples.

    Every tuple uses at most k distinct values and S_n maps them onto the first ones, so the
    tuples over min(n, k) symbols meet every orbit; two tuples are in one orbit iff their
    restricted-growth strings (first occurrences renumbered 0, 1, ...) agree.
    """
    patterns = set()
    for word in itertools.product(range(min(n, k)), repeat=k):
        first: dict[int, int] = {}
        patterns.add(tuple(first.setdefault(v, len(first)) for v in word))
    return len(patterns)


def _orbits(widths, counts: dict[int, int]) -> int:
    total = 1
    for layer, k in counts.items():
        d = widths[layer]
        total *= _equality_patterns(d, k) if _is_hidden(widths, layer) else d**k
    return total


def _formula(widths, counts: dict[int, int]) -> int:
    total = 1
    for layer, k in counts.items():
        d = widths[layer]
        if _is_hidden(widths, layer):
            total *= 1 if k == 1 else min(d, 2)
        else:
            total *= d**k
    return total


def _slices(widths) -> dict[str, np.ndarray]:
    space = weight_space(widths)
    return {name: np.arange(o, o + math.prod(s)) for name, o, s in space.layout}


def _check_nullspace_size(widths, target: str, source: str | None) -> None:
    """Refuse, before anything is allocated, blocks or weight spaces too large for dense SVD."""
    sizes = {name: math.prod(shape) for name, _, shape in weight_space(widths).layout}
    n_b, n_a = (1 if target is None else sizes[target]), sizes[source]
    if n_b * n_a > MAX_NULLSPACE_ENTRIES:
        block = f"{target} <- {source}" if target is not None else source
        raise ValueError(
            f"the nullspace method handles blocks of at most {MAX_NULLSPACE_ENTRIES} entries, "
            f"got {n_b} x {n_a} for {block} instead"
        )
    size = weight_space(widths).size
    if size > _MAX_GENERATOR_SPACE:
        raise ValueError(
            f"`widths` must give a weight space of at most {_MAX_GENERATOR_SPACE} entries for the nullspace "
            f"method, got {size} instead"
        )


def _nullspace_dim(widths, target: str, source: str) -> int:
    _check_nullspace_size(widths, target, source)
    rows_idx, cols_idx = _slices(widths)[target], _slices(widths)[source]
    gens = weight_space(widths).generators()
    return _null_dim(_constraints(_local(gens, rows_idx), _local(gens, cols_idx)))


def _local(gens: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """The generators restricted to one object's flat indices, renumbered 0..len-1."""
    return np.searchsorted(idx, gens[:, idx]).reshape(len(gens), idx.size)


def _constraints(rows_perms: np.ndarray, cols_perms: np.ndarray) -> np.ndarray:
    """Dense constraint matrix with rows e_(i,j) - e_(q_B i, q_A j), one block per generator."""
    n_b, n_a = rows_perms.shape[1], cols_perms.shape[1]
    index = np.arange(n_b * n_a).reshape(n_b, n_a)
    blocks = []
    for q_b, q_a in zip(rows_perms, cols_perms, strict=True):
        moved = np.zeros((n_b * n_a, n_b * n_a))
        moved[index.ravel(), index[np.ix_(q_b, q_a)].ravel()] = 1.0
        blocks.append(np.eye(n_b * n_a) - moved)
    return np.concatenate(blocks) if blocks else np.zeros((1, n_b * n_a))


def _null_dim(constraints: np.ndarray) -> int:
    singular = np.linalg.svd(constraints, compute_uv=False)
    return constraints.shape[1] - int((singular > 1e-9).sum())


def block_dimension(widths, target: str, source: str, *, method: Method = "formula") -> int:
    """dim of the block source -> target of G-equivariant linear maps on the weight space.

    Args:
        widths: (d_0, ..., d_M).
        target, source: object names such as ``"W2"``, ``"b1"`` (see ``object_names``).
        method: ``"formula"`` (closed form), ``"orbits"`` (equality patterns per layer) or
            ``"nullspace"`` (numerical, blocks of at most ``MAX_NULLSPACE_ENTRIES`` entries).

    Example:
        >>> block_dimension((2, 3, 4, 1), "W2", "W2")  # both layers hidden: 4
        4
    """
    widths = check_widths(widths)
    method = check_choice(method, "method", _METHODS)
    names = object_names(widths)
    check_choice(target, "target", names)
    check_choice(source, "source", names)
    if method == "nullspace":
        return _nullspace_dim(widths, target, source)
    counts = _layer_counts(widths, target, source)
    return _orbits(widths, counts) if method == "orbits" else _formula(widths, counts)


def invariant_dimension(widths, name: str, *, method: Method = "formula") -> int:
    """dim of G-invariant linear functionals on one object: orbits of G on its index set.

    Closed form: the product over the object's layers of d_l (input/output layer) or 1
    (hidden layer).

    Example:
        >>> [invariant_dimension((2, 3, 1), name) for name in ("W1", "b1", "W2", "b2")]
        [2, 1, 1, 1]
    """
    widths = check_widths(widths)
    method = check_choice(method, "method", _METHODS)
    check_choice(name, "name", object_names(widths))
    counts = {layer: 1 for layer in object_layers(widths, name)}
    if method == "nullspace":
        _check_nullspace_size(widths, None, name)
        gens = weight_space(widths).generators()
        return _null_dim(
            _constraints(np.zeros((len(gens), 1), dtype=np.int64), _local(gens, _slices(widths)[name]))
        )
    return _orbits(widths, counts) if method == "orbits" else _formula(widths, counts)


@dataclass(frozen=True)
class DWSBlocks:
    """The block table of End_G(weight space).

    Attributes:
        widths: (d_0, ..., d_M).
        names: object names, the rows (targets) and columns (sources) of ``dims``.
        dims: int array (2M, 2M): dims[t, s] = dim of the block names[s] -> names[t].
        invariants: int array (2M,): invariant functionals on each object.
        method: how the numbers were computed.

    Example:
        >>> blocks = dws_blocks((2, 3, 1))
        >>> blocks.names, blocks.total, blocks.total_invariant
        (('W1', 'b1', 'W2', 'b2'), 41, 5)
    """

    widths: tuple[int, ...]
    names: tuple[str, ...]
    dims: np.ndarray
    invariants: np.ndarray
    method: str

    @property
    def total(self) -> int:
        """dim End_G(V): the sum of all block dimensions."""
        return int(self.dims.sum())

    @property
    def total_invariant(self) -> int:
        """dim Hom_G(V, R): the number of G-orbits on the index set of V."""
        return int(self.invariants.sum())

    def to_dict(self) -> dict:
        blocks = [
            {"target": t, "source": s, "dimension": int(self.dims[i, j])}
            for i, t in enumerate(self.names)
            for j, s in enumerate(self.names)
        ]
        return {
            "widths": list(self.widths),
            "group": " x ".join(f"S{d}" for d in self.widths[1:-1]) or "trivial",
            "weight_space_dim": weight_space(self.widths).size,
            "method": self.method,
            "objects": list(self.names),
            "blocks": blocks,
            "total": self.total,
            "invariants": {n: int(v) for n, v in zip(self.names, self.invariants, strict=True)},
            "total_invariant": self.total_invariant,
        }


def dws_blocks(widths, *, method: Method = "formula") -> DWSBlocks:
    """Every block dimension, the invariant functionals and the totals for ``widths``.

    The counts are exact Python ints, stored as int64 arrays.

    Raises:
        ValueError: bad ``widths`` or ``method``, or widths so large that dim End_G(V) (the sum
            of all blocks, hence every block) exceeds 2^63 - 1 and would not fit in int64.

    Example:
        >>> blocks = dws_blocks((2, 3, 1))  # one hidden layer: G = S_3
        >>> blocks.dims.tolist()  # rows: targets W1, b1, W2, b2; columns: sources
        [[8, 4, 4, 2], [4, 2, 2, 1], [4, 2, 2, 1], [2, 1, 1, 1]]
        >>> dws_blocks((2, 3, 1), method="nullspace").total  # the numerical cross-check
        41
    """
    widths = check_widths(widths)
    method = check_choice(method, "method", _METHODS)
    names = object_names(widths)
    dims = [[block_dimension(widths, t, s, method=method) for s in names] for t in names]
    inv = [invariant_dimension(widths, n, method=method) for n in names]
    for label, total in (("dim End_G(V)", sum(map(sum, dims))), ("the invariant count", sum(inv))):
        if total > _INT64_MAX:
            raise ValueError(
                f"`widths` must keep {label} <= 2^63 - 1 (int64), got {total} for widths {widths} instead"
            )
    return DWSBlocks(widths, names, np.array(dims, dtype=np.int64), np.array(inv, dtype=np.int64), method)


def equivariant_nullspace(widths) -> np.ndarray:
    """Orthonormal basis (dim, N, N) of all equivariant T: R^N -> R^N (T[q i, q j] = T[i, j]).

    Dense SVD on N^2 unknowns: for tests (span checks of ``plrep.nn``) with N^2 at most
    ``MAX_NULLSPACE_ENTRIES``.

    Raises:
        ValueError: bad ``widths``, or N^2 above ``MAX_NULLSPACE_ENTRIES``.

    Example:
        >>> equivariant_nullspace((2, 3, 1)).shape  # dim = dws_blocks((2, 3, 1)).total
        (41, 13, 13)
    """
    space = weight_space(widths)
    n = space.size
    if n * n > MAX_NULLSPACE_ENTRIES:
        raise ValueError(
            f"`widths` must give a weight space with N^2 <= {MAX_NULLSPACE_ENTRIES}, got N = {n} for {describe(list(widths))} instead"
        )
    gens = space.generators()
    constraints = _constraints(gens, gens)
    _, singular, vt = np.linalg.svd(constraints)
    rank = int((singular > 1e-9).sum())
    return vt[rank:].reshape(-1, n, n)
