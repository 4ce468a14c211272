"""PatternBasis (issue 26): Hom_{S_n}(R^{X^k}, R^{X^l}) without a label per entry, and W x.

References share no code with the pattern path: ``orbit_basis`` labels the connected
components of the generator graph on the tensor-power G-sets (scipy), W = c[labels] is formed
densely, and at n = 64 equivariance is checked by permuting tuples with numpy indexing and a
few rows of W x are summed by brute force over the patterns of all 64^3 inputs.
"""

import itertools
import math

import numpy as np
import pytest

import plrep
from plrep.equivariant import PatternBasis, growth_strings, hom_basis, orbit_basis
from plrep.equivariant._patterns import moebius_coarsening
from plrep.gsets import natural_gset, tensor_power

SPLITS = [(k, m - k) for m in range(6) for k in range(m + 1)]  # all k + l <= 5


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_apply_equals_the_dense_map_of_the_orbit_graph_basis(n):
    # n < k + l included: partitions with more than n blocks have no entries and drop out.
    X = natural_gset(plrep.symmetric(n))
    rng = np.random.default_rng(n)
    for k, l in SPLITS:  # noqa: E741
        basis = hom_basis(f"S{n}", k, l)
        reference = orbit_basis(tensor_power(X, k), tensor_power(X, l))
        assert isinstance(basis, PatternBasis)
        # the same maps in the same order (first occurrence in row-major order)
        assert basis.count == reference.count, (n, k, l)
        assert np.array_equal(basis.representatives, reference.representatives), (n, k, l)
        assert basis.representative_tuples() == reference.representative_tuples(), (n, k, l)
        assert np.array_equal(basis.labels, reference.labels), (n, k, l)
        coefficients = rng.normal(size=basis.count)
        W = coefficients[reference.labels]  # (|Y|, |X|)
        x = rng.normal(size=(2, 3, n**k))  # batch axes first
        np.testing.assert_allclose(basis.apply(coefficients, x), x @ W.T, atol=1e-12)
        g = rng.normal(size=(4, n**l))
        np.testing.assert_allclose(basis.apply(coefficients, g, transpose=True), g @ W, atol=1e-12)
        # each basis map alone: B_i x
        for i in range(basis.count):
            B = (reference.labels == i).astype(float)
            np.testing.assert_allclose(basis.apply(np.eye(basis.count)[i], x[0, 0]), B @ x[0, 0], atol=1e-12)


def test_basis_order_is_the_lexicographic_order_of_growth_strings():
    # Reference: the canonical form (blocks renumbered by first use) of every tuple of 5
    # values, sorted; equal to the numbering by first occurrence in the orbit graph above.
    canonical = set()
    for t in itertools.product(range(5), repeat=5):
        first: dict[int, int] = {}
        canonical.add(tuple(first.setdefault(v, len(first)) for v in t))
    basis = hom_basis("S64", 3, 2)
    assert basis.patterns == sorted(canonical) == growth_strings(5, 64)
    assert basis.representative_tuples() == basis.patterns
    assert basis.count == 52  # Bell number B_5 (OEIS A000110)
    # fewer points than positions: only the patterns with at most 3 blocks
    assert hom_basis("S3", 2, 3).patterns == [r for r in sorted(canonical) if max(r) < 3]


def test_moebius_function_of_the_partition_lattice():
    # mu(finest, coarsest) in the lattice of partitions of m points is (-1)^(m-1) (m-1)!
    for m in range(1, 6):
        strings = growth_strings(m, m)
        matrix = moebius_coarsening(strings)
        assert matrix[0, len(strings) - 1] == (-1) ** (m - 1) * math.factorial(m - 1)
        # zeta[pi, sigma] = [sigma <= pi] (every block of sigma inside one of pi); mu zeta = identity
        zeta = np.array(
            [
                [float(all(len({p[i] for i in range(m) if s[i] == b}) == 1 for b in set(s))) for s in strings]
                for p in strings
            ]
        )
        np.testing.assert_allclose(matrix @ zeta, np.eye(len(strings)), atol=1e-12)


def _act(perm, tensor):
    """(g.f)[g t_1, ..., g t_r] = f[t] on the last r axes (all of them of length n)."""
    inverse = np.argsort(perm)
    return tensor[np.ix_(*[inverse] * tensor.ndim)]


@pytest.mark.parametrize(("k", "l"), [(3, 2), (2, 3)])
def test_applied_maps_of_s64_are_equivariant(k, l):  # noqa: E741
    basis = hom_basis("S64", k, l)
    rng = np.random.default_rng(0)
    coefficients = rng.normal(size=52)
    x = rng.normal(size=64**k)
    y = basis.apply(coefficients, x)
    assert y.shape == (64**l,) and np.abs(y).max() > 1  # not the zero map
    for _ in range(2):
        perm = rng.permutation(64)
        moved = basis.apply(coefficients, _act(perm, x.reshape((64,) * k)).ravel())
        np.testing.assert_allclose(moved, _act(perm, y.reshape((64,) * l)).ravel(), atol=1e-9)
        # and the transpose
        g = rng.normal(size=64**l)
        back = basis.apply(coefficients, g, transpose=True)
        moved = basis.apply(coefficients, _act(perm, g.reshape((64,) * l)).ravel(), transpose=True)
        np.testing.assert_allclose(moved, _act(perm, back.reshape((64,) * k)).ravel(), atol=1e-9)


def test_rows_of_s64_maps_by_brute_force_over_patterns():
    # (W x)[y] = sum_x c[pattern(y, x)] x[x]: the pattern of each (y, x) by first use of each
    # value (numpy over the 64^3 inputs), ranked among the sorted canonical strings.
    basis = hom_basis("S64", 3, 2)
    rng = np.random.default_rng(1)
    coefficients = rng.normal(size=52)
    x = rng.normal(size=64**3)
    out = basis.apply(coefficients, x)
    inputs = np.stack(np.unravel_index(np.arange(64**3), (64,) * 3), axis=-1)
    rank = {r: i for i, r in enumerate(basis.patterns)}
    for y in [(0, 0), (5, 9), (63, 5)]:
        tuples = np.concatenate([np.broadcast_to(y, (len(inputs), 2)), inputs], axis=1)
        growth = np.zeros_like(tuples)
        for p in range(1, 5):
            value = growth[:, :p].max(axis=1) + 1
            for q in range(p - 1, -1, -1):
                value = np.where(tuples[:, q] == tuples[:, p], growth[:, q], value)
            growth[:, p] = value
        rank_of_key = {sum(v * 5**p for p, v in enumerate(r)): i for r, i in rank.items()}
        keys, inverse = np.unique(growth @ 5 ** np.arange(5), return_inverse=True)
        labels = np.array([rank_of_key[key] for key in keys.tolist()])[inverse]
        expected = coefficients[labels] @ x
        assert out[y[0] * 64 + y[1]] == pytest.approx(expected, rel=1e-10, abs=1e-10)


def test_all_splits_of_five_at_s64_build_or_are_refused_with_the_reason():
    for k, l in [(3, 2), (2, 3), (4, 1), (1, 4)]:  # noqa: E741
        basis = hom_basis("S64", k, l)
        assert basis.count == 52 and basis.representatives.shape == (52, 2)
        assert "PatternBasis(52 orbit matrices" in repr(basis)
    for k, l in [(5, 0), (0, 5)]:  # noqa: E741
        basis = hom_basis("S64", k, l)  # the maps build; only their 64^5-point vectors do not fit
        assert basis.count == 52 and len(basis.patterns) == 52
        assert basis.representative_tuples()[-1] == (0, 1, 2, 3, 4)  # all five positions distinct
        with pytest.raises(ValueError, match=r"at most 16777216 points each \(the vectors the maps act on\)"):
            basis.apply(np.zeros(52), np.zeros(3))
    # (5, 0) where the vector fits: the invariant linear forms on X^5
    small = hom_basis("S16", 5, 0)
    x = np.random.default_rng(2).normal(size=16**5)
    assert small.apply(np.eye(52)[0], x)[0] == pytest.approx(x[np.arange(16) * (16**5 - 1) // 15].sum())


def test_label_members_are_refused_naming_what_to_use_instead():
    basis = hom_basis("S64", 4, 1)
    for member in (
        lambda: basis.labels,
        basis.dense,
        basis.matrices,
        lambda: basis.basis_matrix(0),
        lambda: basis.weight_matrix(np.zeros(52)),
    ):
        with pytest.raises(ValueError, match=r"the basis has 52 maps.*use basis\.apply"):
            member()
    # S_32: 2^25 entries fit MAX_ENTRIES, but not the 2 GiB working memory of the labelling
    with pytest.raises(ValueError, match=r"within 2048 MiB of working memory.*52 maps.*use basis\.apply"):
        _ = hom_basis("S32", 3, 2).labels
    assert hom_basis("S28", 3, 2).labels.shape == (28**2, 28**3)  # the largest n the labels reach
