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


def test_many_positions_are_labelled_without_listing_m_to_the_m_candidates():
    # Issue 25 item 4: `plrep basis S4 --in 11` (m = 12 positions) enumerated 12^12 candidate
    # strings and never finished. For n = 2 the reference is closed-form: the growth string of
    # t in {0,1}^m is r_p = t_p xor t_0, every such r (r_0 = 0) is admissible, and the
    # lexicographic rank of r is r read as a binary number.
    m = 20
    labels = equality_pattern_labels(2, m)
    bits = np.stack(np.unravel_index(np.arange(2**m), (2,) * m), axis=-1)
    growth = bits ^ bits[:, :1]
    expected = growth @ (2 ** np.arange(m - 1, -1, -1))
    assert np.array_equal(labels.ravel(), expected)
    assert len(growth_strings(m, 2)) == 2 ** (m - 1)


@pytest.mark.parametrize(("n", "m"), [(3, 7), (4, 8), (7, 7), (2, 9)])
def test_ranks_past_the_bit_path_match_a_brute_force_pattern_ranking(n, m):
    # Reference: the pattern of each tuple by a dict of first uses, ranked among the sorted set.
    tuples = list(itertools.product(range(n), repeat=m))
    patterns = []
    for t in tuples:
        first_use: dict[int, int] = {}
        patterns.append(tuple(first_use.setdefault(v, len(first_use)) for v in t))
    rank = {p: i for i, p in enumerate(sorted(set(patterns)))}
    assert equality_pattern_labels(n, m).ravel().tolist() == [rank[p] for p in patterns]
