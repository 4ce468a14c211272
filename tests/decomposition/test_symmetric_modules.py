"""Multiplicities of S_n in natural^K and subsets^K by Young's rule, without elements.

References: the character backend (sums over listed elements) for n <= 8; beyond, two counts
that share nothing with Young's rule: sum_lambda m_lambda dim_lambda = |X| (hook lengths) and
sum_lambda m_lambda^2 = #orbits of S_n on X x X (Bell-type counts: for n >= 2K the number of
set partitions of 2K positions, sum_j S(2K, j); for subsets, K + 1).
"""

import math

import numpy as np
import pytest

from plrep.decomposition import multiplicities
from plrep.decomposition._projectors import character_multiplicities
from plrep.decomposition._symmetric import young_multiplicities
from plrep.groups import hook_dimension, symmetric
from plrep.gsets import natural_gset, parse_space, symmetric_power, tensor_power


@pytest.mark.parametrize(
    "spec",
    ["S2:natural^3", "S3:natural^3", "S4:natural^3", "S5:natural^2", "S6:natural^3", "S7:natural^2",
     "S8:natural^2", "S5:subsets^2", "S6:subsets^4", "S8:subsets^3", "S7:natural^0"],
)  # fmt: skip
def test_young_rule_matches_the_character_backend(spec):
    space = parse_space(spec)
    np.testing.assert_array_equal(young_multiplicities(space), character_multiplicities(space))


def _bell_prefix(m, n):
    """Set partitions of m positions into at most n blocks."""
    stirling = [[1]]
    for k in range(1, m + 1):
        stirling.append([0] * (k + 1))
        for j in range(1, k + 1):
            stirling[k][j] = j * (stirling[k - 1][j] if j < k else 0) + stirling[k - 1][j - 1]
    return sum(stirling[m][: n + 1])


@pytest.mark.parametrize(("n", "k"), [(30, 2), (40, 2), (20, 3), (12, 3)])
def test_natural_powers_beyond_listing_size(n, k):
    space = tensor_power(natural_gset(symmetric(n)), k)
    counts = multiplicities(space)
    simples = space.group.simples
    assert sum(int(m) * s.dim for s, m in zip(simples, counts, strict=True)) == n**k
    assert sum(int(m) ** 2 for m in counts) == _bell_prefix(2 * k, n)
    assert all(hook_dimension(s.partition) == s.dim for s, m in zip(simples, counts, strict=True) if m)


def test_subsets_beyond_listing_size():
    space = parse_space("S30:subsets^3")
    counts = multiplicities(space)
    present = {s.partition for s, m in zip(space.group.simples, counts, strict=True) if m}
    assert present == {(30,), (29, 1), (28, 2), (27, 3)} and counts.max() == 1
    assert sum(s.dim for s, m in zip(space.group.simples, counts, strict=True) if m) == math.comb(30, 3)


def test_other_gsets_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match=r"`space` must be natural\^K or subsets\^K"):
        young_multiplicities(symmetric_power(natural_gset(symmetric(9)), 2))


def test_multiplicities_of_large_natural_powers_need_no_central_element():
    """Issue 25 item 10: S50:natural^3 was refused by the projection backend's size cap.

    Independent facts: the trivial simple occurs once per orbit, B(K) times (Bell numbers:
    orbits of S_n on K-tuples are set partitions, n >= K); (n-1, 1) occurs B(K+1) - B(K)
    times (orbits on (K+1)-tuples less orbits on K-tuples); dimensions add up to n^K.
    """
    from plrep import multiplicities, parse_space
    from plrep.groups import hook_dimension

    space = parse_space("S50:natural^3")
    counts = multiplicities(space)
    simples = space.group.simples
    by_shape = {s.partition: int(m) for s, m in zip(simples, counts, strict=True) if m}
    assert by_shape[(50,)] == 5 and by_shape[(49, 1)] == 15 - 5
    assert sum(m * hook_dimension(shape) for shape, m in by_shape.items()) == 50**3
