"""S_n orbits on index tuples by equality patterns equal the generator-graph labelling."""

import itertools

import numpy as np
import pytest

import plrep
from plrep.equivariant._orbits import orbit_labels
from plrep.equivariant._tuple_orbits import equality_pattern_labels, growth_strings
from plrep.gsets import natural_gset, tensor_power

BELL = [1, 1, 2, 5, 15, 52, 203, 877]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_hom_basis_of_s_n_equals_the_orbit_graph(n):
    # The reference labels connected components of the generator graph (scipy), a different
    # method; both number orbits by their first entry in row-major order.
    X = natural_gset(plrep.symmetric(n))
    for k, l in itertools.product(range(5), repeat=2):  # noqa: E741
        if n ** (k + l) > 4**5 or k + l > 7:
            continue
        expected = orbit_labels(tensor_power(X, l), tensor_power(X, k))
        assert np.array_equal(plrep.hom_basis(f"S{n}", k, l).labels, expected), (n, k, l)


def test_counts_are_bell_numbers_once_n_reaches_k_plus_l():
    for m in range(8):
        assert len(growth_strings(m, m)) == BELL[m]
    for k, l in [(2, 2), (3, 1), (1, 3), (4, 0)]:  # noqa: E741
        assert plrep.hom_basis("S20", k, l).count == BELL[k + l]
    # Fewer points than positions: only patterns with at most n blocks occur.
    assert np.unique(equality_pattern_labels(2, 5)).size == sum(1 for r in growth_strings(5, 5) if max(r) < 2)


def test_symmetric_sources_and_other_groups_keep_the_general_path():
    assert plrep.hom_basis("S5", 2, 1, symmetric=True).count == 4
    assert plrep.hom_basis("A5", 1, 1).count == 2
