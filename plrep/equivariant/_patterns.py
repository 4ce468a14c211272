"""Hom_{S_n}(R^{[n]^k}, R^{[n]^l}) by equality patterns, without a label per entry (issue 26).

The orbits of S_n on index tuples t = (y_1..y_l, x_1..x_k) are the set partitions pi of the
m = l + k positions into at most n blocks (``growth_strings``), so the orbit basis has a few
maps B_pi whatever n is, while its label array has n^m entries (1.1e9 for S_64, m = 5).
``PatternBasis`` keeps the partitions and builds the labels only on request, under the caps of
the labelled path.

Applying W = sum_pi c_pi B_pi uses the *at least* matrices E_sigma (E_sigma[y, x] = 1 iff t is
constant on every block of sigma, whatever else is equal). Ordering partitions by refinement
(sigma <= pi: every block of sigma lies in a block of pi), E_sigma = sum_{pi >= sigma} B_pi, so
by Moebius inversion on the partition lattice

    B_sigma = sum_{pi >= sigma} mu(sigma, pi) E_pi,
    mu(sigma, pi) = prod over the blocks of pi of (-1)^(b - 1) (b - 1)!,

with b the number of blocks of sigma merged into that block (the interval [sigma, pi] is a
product of full partition lattices). Partitions with more than n blocks have B = 0 and only
coarser partitions enter, so W = sum_pi d_pi E_pi with d_pi = sum_{sigma <= pi} mu(sigma, pi) c_sigma.
E_pi f is one diagonal take of f (x-positions of a block share an axis), a sum over the blocks
that hold only x-positions, and a diagonal write into the output (strided views): one pass over
max(|X|, |Y|) per partition (docs/math.md §6).
"""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np
from numpy.lib.stride_tricks import as_strided

from plrep._validate import check_finite_array, check_int, describe, size_text
from plrep.equivariant._orbit_basis import MAX_ENTRIES, OrbitBasis, _check_work
from plrep.equivariant._tuple_orbits import equality_pattern_labels
from plrep.groups import SymmetricGroup
from plrep.gsets import MAX_POINTS, GSet, tensor_power

__all__ = [
    "MAX_APPLY_ENTRIES",
    "MAX_APPLY_PATTERNS",
    "PatternBasis",
    "check_entries",
    "is_symmetric_on_points",
]

# Partitions one apply loops over (one einsum each) and whose Moebius matrix it builds
# (count^2 floats): Bell(8) = 4140, so every k + l <= 8.
MAX_APPLY_PATTERNS = 4140
# Output entries (batch x |Y| float64) one apply allocates: 512 MiB.
MAX_APPLY_ENTRIES = 2**26
# Positions k + l of a basis (one growth-string entry each) and bits of a tuple's int64 index:
# the maps themselves need no vector, so these bound a basis, not ``MAX_POINTS``.
MAX_POSITIONS = 64
MAX_INDEX_BITS = 62


def stirling2(m: int, j: int) -> int:
    """S(m, j): set partitions of m points into j blocks."""
    return sum((-1) ** (j - i) * math.comb(j, i) * i**m for i in range(j + 1)) // math.factorial(j)


def pattern_count(n: int, m: int) -> int:
    """Set partitions of m positions into at most n blocks (= orbits of S_n on [n]^m)."""
    return sum(stirling2(m, j) for j in range(min(m, n) + 1)) if m else 1


def growth_string_array(m: int, max_blocks: int) -> np.ndarray:
    """All restricted growth strings of length m with at most ``max_blocks`` blocks, (count, m).

    Lexicographic order, as ``growth_strings``, built with numpy (each string is followed by
    its admissible next values in increasing order, so the order is kept at each step).
    """
    if m == 0:
        return np.zeros((1, 0), dtype=np.int64)
    strings = np.zeros((1 if max_blocks >= 1 else 0, 1), dtype=np.int64)
    largest = np.zeros(len(strings), dtype=np.int64)
    for _ in range(1, m):
        options = np.minimum(largest + 2, max_blocks)
        rows = np.repeat(np.arange(len(strings)), options)
        starts = np.repeat(np.cumsum(options) - options, options)
        values = np.arange(rows.size) - starts
        strings = np.concatenate([strings[rows], values[:, None]], axis=1)
        largest = np.maximum(largest[rows], values)
    return strings


def _canonical(labels) -> tuple[int, ...]:
    """The growth string of a labelling of positions (blocks renumbered by first use)."""
    first: dict[int, int] = {}
    return tuple(first.setdefault(v, len(first)) for v in labels)


def moebius_coarsening(strings: list[tuple[int, ...]]) -> np.ndarray:
    """M[pi, sigma] = mu(sigma, pi) for sigma <= pi (sigma refines pi), else 0.

    ``strings`` must be closed under coarsening (all partitions with at most n blocks are).
    The coarsenings of sigma are the partitions of its blocks: growth strings g over its
    blocks, pi = g o sigma; mu multiplies (-1)^(b-1) (b-1)! over the blocks of g.
    """
    index = {s: i for i, s in enumerate(strings)}
    matrix = np.zeros((len(strings), len(strings)))
    for j, sigma in enumerate(strings):
        blocks = max(sigma) + 1 if sigma else 0
        for merge in growth_string_array(blocks, blocks).tolist():
            sizes = np.bincount(merge) if merge else np.zeros(0, dtype=np.int64)
            mu = math.prod((-1) ** (b - 1) * math.factorial(b - 1) for b in sizes.tolist())
            matrix[index[_canonical([merge[v] for v in sigma])], j] = mu
    return matrix


def _diagonal_view(array: np.ndarray, batch: int, blocks: list[int], order: list[int], writeable: bool):
    """The view of ``array`` (batch axes, then one axis per position) with one axis per block.

    ``blocks[p]`` is the block of position p; the view's axes are the blocks in ``order``, and
    its stride for a block is the sum of the strides of that block's positions (a diagonal).
    """
    strides = list(array.strides[:batch])
    shape = list(array.shape[:batch])
    n = array.shape[batch] if array.ndim > batch else 1
    for block in order:
        strides.append(sum(array.strides[batch + p] for p, b in enumerate(blocks) if b == block))
        shape.append(n)
    return as_strided(array, shape=tuple(shape), strides=tuple(strides), writeable=writeable)


def apply_at_least(weights, strings, inputs, n: int, out_positions: int, transpose: bool) -> np.ndarray:
    """sum_pi weights[pi] E_pi applied to ``inputs`` (batch + (n,) * k), batch + (n,) * l.

    Positions are (y_1..y_l, x_1..x_k) with ``out_positions`` = l; with ``transpose`` the
    x-positions are the output and the y-positions the input (E_pi^T).
    """
    m = len(strings[0])
    batch = inputs.ndim - (m - out_positions if not transpose else out_positions)
    if transpose:
        out_pos, in_pos = list(range(out_positions, m)), list(range(out_positions))
    else:
        out_pos, in_pos = list(range(out_positions)), list(range(out_positions, m))
    out = np.zeros(inputs.shape[:batch] + (n,) * len(out_pos))
    for weight, string in zip(weights.tolist(), strings, strict=True):
        if weight == 0.0:
            continue
        in_blocks = [string[p] for p in in_pos]
        out_blocks = [string[p] for p in out_pos]
        in_order = list(dict.fromkeys(in_blocks))
        out_order = list(dict.fromkeys(out_blocks))
        # Take the diagonals of the input, sum the blocks not seen by the output.
        taken = _diagonal_view(inputs, batch, in_blocks, in_order, writeable=False)
        summed = tuple(batch + i for i, b in enumerate(in_order) if b not in out_order)
        kept = [b for b in in_order if b in out_order]
        reduced = taken.sum(axis=summed) if summed else taken
        # Order the kept axes as the output's blocks, with length-1 axes for output-only blocks.
        reduced = np.moveaxis(
            reduced, [batch + kept.index(b) for b in out_order if b in kept], range(batch, batch + len(kept))
        )
        expanded = reduced.reshape(reduced.shape[:batch] + tuple(n if b in kept else 1 for b in out_order))
        view = _diagonal_view(out, batch, out_blocks, out_order, writeable=True)
        view += weight * expanded
    return out


class PatternBasis:
    """The orbit basis of Hom_{S_n}(R^{[n]^k}, R^{[n]^l}): one map per equality pattern.

    Has the members of ``OrbitBasis`` in the same order (maps numbered by the lexicographic
    order of their growth strings = the order of first occurrence in row-major order); the
    label-based ones (``labels``, ``matrices``, ``basis_matrix``, ``dense``,
    ``weight_matrix``) build the labels on first use and are refused, under the caps of
    ``orbit_basis``, when the n^(k + l) entries are too many. ``apply`` computes W x for
    W = sum_pi c_pi B_pi without forming W, in about one pass over max(|X|, |Y|) per map.

    Attributes:
        n, k, l: the points and the tensor powers of the source and the target.
        patterns: the growth strings over the positions (y_1..y_l, x_1..x_k), one per map.

    Example:
        >>> from plrep.equivariant import hom_basis
        >>> basis = hom_basis("S64", 3, 2)  # 52 maps; its labels would have 64^5 entries
        >>> basis.count, basis.patterns[:3]
        (52, [(0, 0, 0, 0, 0), (0, 0, 0, 0, 1), (0, 0, 0, 1, 0)])
        >>> import numpy as np
        >>> x = np.ones(64**3)
        >>> basis.apply(np.eye(52)[0], x)[:3]  # B_0: y_1 = y_2 = x_1 = x_2 = x_3, a diagonal
        array([1., 0., 0.])
    """

    def __init__(self, natural, k: int, l: int) -> None:  # noqa: E741
        """S_n's natural G-set and the powers; ``hom_basis(group, k, l)`` is the usual way in.

        Raises:
            TypeError: ``natural`` is not the natural G-set of a symmetric group.
            ValueError: k or l negative, k + l past ``MAX_POSITIONS``, or |X|^k or |X|^l past
                2^``MAX_INDEX_BITS`` (``apply`` refuses vectors past ``MAX_POINTS``).
        """
        if not (
            isinstance(natural, GSet)
            and isinstance(natural.group, SymmetricGroup)
            and natural.size == natural.group.degree
            and np.array_equal(natural.generators, natural.group.generators)
        ):
            raise TypeError(
                f"`natural` must be the natural G-set of a symmetric group, got {describe(natural)} instead"
            )
        k, l = check_int(k, "k", minimum=0), check_int(l, "l", minimum=0)  # noqa: E741
        n = natural.size
        # The maps need no vector: S_64 with k = 5 builds (52 maps); ``apply`` then refuses the
        # 64^5-point vector. What must hold is that tuples have int64 indices (representatives)
        # and that a growth string, one entry per position, is short.
        if k + l > MAX_POSITIONS:
            raise ValueError(
                f"`k` and `l` must have k + l at most {MAX_POSITIONS} positions, got k = {k}, l = {l} instead"
            )
        largest = max(k, l) * math.log2(n) if n > 1 else 0.0
        if largest > MAX_INDEX_BITS:
            raise ValueError(
                f"`k` and `l` must keep |X|^k and |X|^l below 2^{MAX_INDEX_BITS} points each (int64 "
                f"indices of the tuples) for |X| = {n}, got k = {k}, l = {l} (about 2^{largest:.0f} "
                "points) instead"
            )
        self._natural = natural
        self.n = n
        self.k = k
        self.l = l

    def __repr__(self) -> str:
        return (
            f"PatternBasis({self.count} orbit matrices, S{self.n}: X^{self.k} -> X^{self.l}; "
            "equality patterns, labels built on request)"
        )

    @property
    def count(self) -> int:
        """dim Hom_G(R^X, R^Y): set partitions of the k + l positions into at most n blocks."""
        return pattern_count(self.n, self.k + self.l)

    @cached_property
    def source(self):
        """X^k as a ``GSet`` (built on first use: S_64's X^4 holds 268 MB of generator images)."""
        return tensor_power(self._natural, self.k)

    @cached_property
    def target(self):
        """X^l as a ``GSet`` (built on first use)."""
        return tensor_power(self._natural, self.l)

    def _check_patterns(self, what: str) -> None:
        if self.count > MAX_APPLY_PATTERNS:
            raise ValueError(
                f"`{what}` must have at most {MAX_APPLY_PATTERNS} maps to list or apply, got "
                f"{size_text(self.count)} (S{self.n}, k + l = {self.k + self.l}) instead"
            )

    def _check_vectors(self) -> None:
        """Refuse to apply maps whose vectors on X^k or X^l are past ``MAX_POINTS``."""
        n, k, l = self.n, self.k, self.l  # noqa: E741
        largest = max(k, l) * math.log2(n) if n > 1 else 0.0
        if largest > math.log2(MAX_POINTS) + 1e-9:
            raise ValueError(
                f"`k` and `l` must keep |X|^k and |X|^l at most {MAX_POINTS} points each (the vectors "
                f"the maps act on) for |X| = {n}, got k = {k}, l = {l} (about 2^{largest:.0f} "
                f"points) instead; the basis itself has {self.count} maps (basis.patterns and "
                f"basis.representatives list them), but no vector on X^{max(k, l)} fits"
            )

    @cached_property
    def patterns(self) -> list[tuple[int, ...]]:
        """Growth string of each map over (y_1..y_l, x_1..x_k), in basis order."""
        self._check_patterns("patterns")
        return [tuple(r) for r in growth_string_array(self.k + self.l, self.n).tolist()]

    @cached_property
    def _labelled(self):
        """The labelled ``OrbitBasis`` (the caps of ``hom_basis`` before issue 26 apply)."""
        return _labelled_tuple_basis(self._natural, self.k, self.l, self)

    @property
    def labels(self) -> np.ndarray:
        """int array (|Y|, |X|): the orbit (map) number of each matrix entry; built on request."""
        return self._labelled.labels

    @cached_property
    def representatives(self) -> np.ndarray:
        """(y, x) of the first entry of each orbit, int array (count, 2): the growth strings."""
        m = self.k + self.l
        if self.count * max(m, 1) > MAX_APPLY_ENTRIES:  # too many to list: the labels decide
            return self._labelled.representatives
        strings = growth_string_array(m, self.n)
        radix = self.n ** np.arange(m - 1, -1, -1, dtype=np.int64)
        y = strings[:, : self.l] @ radix[self.k :]
        x = strings[:, self.l :] @ radix[self.l :] if self.k else np.zeros(len(strings), dtype=np.int64)
        return np.stack([y, x], axis=-1)

    def representative_tuples(self) -> list[tuple[int, ...]]:
        """Each orbit's first entry as the index tuple (y_1..y_l, x_1..x_k): its growth string."""
        m = self.k + self.l
        if self.count * max(m, 1) > MAX_APPLY_ENTRIES:
            return self._labelled.representative_tuples()
        return [tuple(r) for r in growth_string_array(m, self.n).tolist()]

    def matrices(self):
        """Sparse 0/1 matrix (count, |Y| |X|): row i is the flattened B_i (from the labels)."""
        return self._labelled.matrices()

    def basis_matrix(self, index: int):
        """B_index as a sparse (|Y|, |X|) 0/1 matrix (from the labels)."""
        return self._labelled.basis_matrix(index)

    def dense(self) -> np.ndarray:
        """All basis matrices, int8 array (count, |Y|, |X|) (from the labels)."""
        return self._labelled.dense()

    def weight_matrix(self, coefficients) -> np.ndarray:
        """W = sum_i c_i B_i, shape (..., |Y|, |X|) (from the labels; ``apply`` avoids W)."""
        return self._labelled.weight_matrix(coefficients)

    @cached_property
    def _moebius(self) -> np.ndarray:
        return moebius_coarsening(self.patterns)

    def apply(self, coefficients, inputs, *, transpose: bool = False) -> np.ndarray:
        """W x for W = sum_i c_i B_i, without forming W (or W^T x with ``transpose``).

        Args:
            coefficients: shape (count,), the weight of each map in basis order.
            inputs: shape (..., |X|) (batch axes first; |X| = n^k, tuples in row-major
                order), or (..., |Y|) with ``transpose``.
            transpose: apply W^T: R^Y -> R^X instead.

        Returns:
            float array (..., |Y|) ((..., |X|) with ``transpose``): (W x)[y] = sum_x W[y, x] x[x].

        Raises:
            ValueError: coefficients not of shape (count,), inputs of the wrong last axis,
                non-finite values, more than ``MAX_APPLY_PATTERNS`` maps or more than
                ``MAX_APPLY_ENTRIES`` output entries.

        Example:
            >>> import numpy as np
            >>> from plrep.equivariant import hom_basis
            >>> basis = hom_basis("S3", 1, 1)  # B_0 = I, B_1 = 11^T - I
            >>> basis.apply([2.0, 1.0], np.array([1.0, 0.0, 0.0])).tolist()
            [2.0, 1.0, 1.0]
        """
        if not isinstance(transpose, bool):
            raise TypeError(f"`transpose` must be a bool, got {describe(transpose)} instead")
        self._check_patterns("coefficients")
        self._check_vectors()
        size_in, size_out = self.n**self.k, self.n**self.l
        if transpose:
            size_in, size_out = size_out, size_in
        coefficients = check_finite_array(coefficients, "coefficients", last_axis=self.count)
        if coefficients.ndim != 1:
            raise ValueError(
                f"`coefficients` must have shape ({self.count},), got shape {coefficients.shape} instead"
            )
        inputs = check_finite_array(inputs, "inputs", last_axis=size_in)
        batch_shape = inputs.shape[:-1]
        entries = math.prod(batch_shape) * size_out
        if entries > MAX_APPLY_ENTRIES:
            raise ValueError(
                f"`inputs` must keep the output at most {MAX_APPLY_ENTRIES} entries (batch x {size_out}), "
                f"got batch shape {batch_shape} ({size_text(entries)} entries) instead"
            )
        weights = self._moebius @ coefficients
        in_axes = self.l if transpose else self.k
        tensor = np.ascontiguousarray(inputs).reshape(batch_shape + (self.n,) * in_axes)
        out = apply_at_least(weights, self.patterns, tensor, self.n, self.l, transpose)
        return out.reshape((*batch_shape, size_out))


def is_symmetric_on_points(X: GSet) -> bool:
    return isinstance(X.group, SymmetricGroup) and X.size == X.group.degree


def check_entries(X: GSet, k: int, l: int, log_source: float, symmetric: bool) -> None:  # noqa: E741
    """Refuse |source| x |X^l| entries past ``MAX_ENTRIES`` or ``MAX_WORK_BYTES``, from the powers."""
    if log_source + l * math.log2(max(X.size, 1)) > math.log2(MAX_ENTRIES) + 1e-6:
        raise ValueError(
            f"`k` and `l` must keep |source| x |X^l| at most {MAX_ENTRIES} entries for |X| = {X.size}, "
            f"got k = {k}, l = {l} (about 2^{log_source + l * math.log2(max(X.size, 1)):.0f} entries) instead"
            + _pattern_note(X, k, l, symmetric)
        )
    source_size = math.comb(X.size + k - 1, k) if symmetric else X.size**k
    try:
        _check_work(source_size * X.size**l, 2, len(X.generators), "k` and `l")
    except ValueError as error:  # S_n on tuples: say what to use instead of the labels
        raise ValueError(str(error) + _pattern_note(X, k, l, symmetric)) from None
    if source_size * X.size**l > MAX_ENTRIES:  # name the powers, not the G-sets built from them
        raise ValueError(
            f"`k` and `l` must keep |source| x |X^l| at most {MAX_ENTRIES} entries for |X| = {X.size}, "
            f"got k = {k}, l = {l} ({source_size * X.size**l} entries) instead"
        )


def _labelled_tuple_basis(X: GSet, k: int, l: int, basis) -> OrbitBasis:  # noqa: E741
    """The labelled orbit basis of S_n on tuples (``PatternBasis``'s label-based members).

    The caps are those ``hom_basis`` applied before it returned a ``PatternBasis``; the
    labels come from the equality patterns by broadcasting (no graph).
    """
    check_entries(X, k, l, k * math.log2(X.size) if X.size > 1 else 0.0, False)
    # Checked first, then the G-sets (``basis.source`` of S_4, k = 12 alone holds 268 MB).
    labels = equality_pattern_labels(X.size, k + l).reshape(X.size**l, X.size**k)
    return OrbitBasis(basis.source, basis.target, labels)


def _pattern_note(X: GSet, k: int, l: int, symmetric: bool) -> str:  # noqa: E741
    """For S_n on tuples: what the basis holds without its labels (issue 26).

    The labels are one per matrix entry (64^5 = 1.1e9 for S_64, k + l = 5): that array is what
    is refused. The maps are the set partitions of the k + l positions into at most n blocks
    (``growth_strings``), few whatever n is, and ``PatternBasis.apply`` uses them directly.
    """
    if symmetric or not is_symmetric_on_points(X) or k + l > 12:
        return ""
    count = pattern_count(X.size, k + l)
    return (
        f"; the basis has {count} maps, one per set partition of the {k + l} positions into at most "
        f"{X.size} blocks (plrep.equivariant.growth_strings({k + l}, {X.size}) lists them), but the "
        "labels are one per matrix entry; use basis.apply(coefficients, x) for W x, and "
        "basis.patterns / representatives for the maps"
    )
