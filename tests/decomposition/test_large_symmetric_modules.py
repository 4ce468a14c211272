"""S_n modules past the listing of partitions (issue 26): ids by rows, Young's rule, the central backend.

References that share no code with the library: partitions listed and sorted by a generator
written here; p(n) from the literature (OEIS A000041); dense transposition sums built entry by
entry from their definition and diagonalised by numpy; the dimension and orbit counts
sum m dim = |X| and sum m^2 = #orbits on X x X (Bell numbers for n >= 2K).
"""

import math
import warnings

import numpy as np
import pytest

from plrep.decomposition import array_labels, decompose, energies, multiplicities
from plrep.graphs import interaction_graph
from plrep.groups import symmetric
from plrep.groups._row_ids import row_count, row_id, row_partition
from plrep.gsets import parse_space


def _partitions(n, largest=None):
    largest = n if largest is None else largest
    if n == 0:
        return [()]
    return [(p, *rest) for p in range(min(n, largest), 0, -1) for rest in _partitions(n - p, p)]


@pytest.mark.parametrize("n", [1, 2, 5, 9, 14])
def test_row_ids_rank_by_boxes_below_the_first_row(n):
    # by m = n - lambda_1, then lexicographically largest rest first
    expected = sorted(_partitions(n), key=lambda s: (n - s[0], [-p for p in s[1:]]))
    assert [row_id(s) for s in expected] == list(range(len(expected)))
    assert [row_partition(n, i) for i in range(len(expected))] == expected


def test_row_ids_of_small_modules_do_not_depend_on_n():
    first = [(0,), (1,), (2,), (1, 1), (3,), (2, 1), (1, 1, 1)]
    for n in (52, 60, 1000, 10000):
        assert [row_id((n - sum(nu), *nu)) for nu in first] == list(range(7))
        assert row_count(n, 3) == 7
    # (500, 1^500): after every nu of m < 500 (all fit below a first row of 1000 - m > m), and
    # the last of the p(500) partitions of 500 (parts <= 500) in reverse lexicographic order
    p = _partition_counts(500)
    assert row_id((500,) + (1,) * 500) == sum(p[:500]) + p[500] - 1


def _partition_counts(top):
    """p(0..top) by the coin-change recurrence over part sizes."""
    counts = [1] + [0] * top
    for part in range(1, top + 1):
        for total in range(part, top + 1):
            counts[total] += counts[total - part]
    return counts


def test_large_symmetric_groups_count_but_never_list():
    # p(60), p(1000): OEIS A000041
    assert symmetric(60).num_simples == 966467
    big = symmetric(1000)
    assert big.num_simples == 24061467864032622473692149727991
    assert big.ranks_by_rows and not symmetric(51).ranks_by_rows
    simple = big.simples[3]
    assert simple.partition == (998, 1, 1) and simple.name == "(998,1,1)"
    assert simple.dim == 999 * 998 // 2  # hook lengths of (n-2, 1, 1): C(n-1, 2)
    with pytest.raises(OverflowError, match="num_simples"):
        len(big.simples)
    with pytest.raises(ValueError, match="`partition` must be a partition of 1000"):
        big.simple_id((999, 2))


def test_simples_of_s10000_are_ranked_not_listed():
    import tracemalloc

    tracemalloc.start()
    try:
        group = symmetric(10000)
        simple = group.simples[4]  # (9997, 3): was refused (p(10000) partitions to list)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert simple.partition == (9997, 3) and group.simple_id((9997, 3)) == 4
    assert peak < 64 * 2**20


def test_small_groups_keep_their_dimension_ids():
    g = symmetric(12)
    assert [g.simple_id(s.partition) for s in g.simples[:5]] == [0, 1, 2, 3, 4]
    assert g.simples[2].name == "11a"  # ATLAS names by dimension, as before


def _bell(m, n):
    """Set partitions of m points into at most n blocks."""
    rows = [[1]]
    for k in range(1, m + 1):
        prev = rows[-1] + [0]
        rows.append([0] + [j * prev[j] + prev[j - 1] for j in range(1, k + 1)])
    return sum(rows[m][: n + 1])


@pytest.mark.parametrize(("spec", "size", "orbits"), [
    ("S1000:natural^2", 1000**2, _bell(4, 1000)),
    ("S60:natural^3", 60**3, _bell(6, 60)),
    ("S60:natural^4", 60**4, _bell(8, 60)),
    ("S1000:subsets^2", math.comb(1000, 2), 3),
    ("S60:subsets^4", math.comb(60, 4), 5),
])  # fmt: skip
def test_young_rule_past_the_partition_listing(spec, size, orbits):
    space = parse_space(spec)
    counts = multiplicities(space)
    labels = array_labels(space)
    assert len(counts) == labels.num_simples == row_count(space.group.degree, int(spec[-1]))
    assert sum(int(m) * s.dim for s, m in zip(labels.simples, counts, strict=True)) == size
    assert sum(int(m) ** 2 for m in counts) == orbits


def _dense_transposition_sum(points):
    """T = sum over transpositions (a b) of the permutation matrix, from its definition."""
    points = np.array(points)
    n = int(points.max()) + 1
    radix = n ** np.arange(points.shape[1])[::-1]
    keys = points @ radix
    order = np.argsort(keys)
    matrix = np.zeros((len(points), len(points)))
    for a in range(n):
        for b in range(a + 1, n):
            image = np.where(points == a, b, np.where(points == b, a, points))
            if not np.isin(image @ radix, keys).all():  # subsets: the image as a sorted tuple
                image = np.sort(image, axis=1)
            rows = order[np.searchsorted(keys, image @ radix, sorter=order)]
            matrix[rows, np.arange(len(points))] += 1
    return matrix


def _content(shape):
    return sum(j - i for i, part in enumerate(shape) for j in range(part))


@pytest.mark.parametrize("spec", ["S11:natural^2", "S9:natural^3", "S52:subsets^2", "S12:subsets^3"])
def test_central_components_are_the_eigenspaces_of_the_transposition_sum(spec):
    space = parse_space(spec)
    n, k = space.group.degree, int(spec[-1])
    if "natural" in spec:
        points = [tuple(int(d) for d in np.unravel_index(i, (n,) * k)) for i in range(n**k)]
    else:  # itertools.combinations order, as the G-set lists them
        points = sorted(tuple(c) for c in _combinations(n, k))
    eigenvalues, vectors = np.linalg.eigh(_dense_transposition_sum(points))
    x = np.random.default_rng(5).normal(size=(2, space.size))
    result = decompose(space, x)
    assert result.backend == "central"
    labels = array_labels(space)
    counts = multiplicities(space)
    for simple in np.flatnonzero(counts):
        shape = labels.simples[simple].partition
        basis = vectors[:, np.abs(eigenvalues - _content(shape)) < 0.5]
        assert basis.shape[1] == counts[simple] * labels.simples[simple].dim
        np.testing.assert_allclose(result.project([simple]), x @ basis @ basis.T, atol=1e-9)


def _combinations(n, k):
    if k == 0:
        return [()]
    return [(*c, last) for last in range(n) for c in _combinations(last, k - 1)]


def test_components_of_a_million_points_stay_apart():
    # S1000:natural^2: the constants of a Gaussian vector are 1e-3 of it; after the refined
    # projection no other component holds more than round-off of them
    space = parse_space("S1000:natural^2")
    x = np.random.default_rng(0).normal(size=(1, space.size))
    constant = decompose(space, x).project([0])
    spread = np.ptp(constant[0, ::1001]), np.ptp(np.delete(constant[0], np.arange(0, 10**6, 1001)))
    assert max(spread) < 1e-13 * np.abs(constant).max()
    shares = energies(space, constant)[0] / np.square(constant).sum()
    assert shares[0] == pytest.approx(1.0, abs=1e-12) and shares[1:].max() < 1e-26


def _by_rest(graph):
    """Vertices and edges labelled by the boxes below the first row (lambda = (n - |nu|, nu))."""
    nu = {v.id: v.partition[1:] for v in graph.vertices}
    return set(nu.values()), {(nu[s], nu[t]) for s, t in graph.edge_set}


@pytest.mark.parametrize(("family", "k"), [("natural", 2), ("subsets", 2), ("natural", 3)])
@pytest.mark.parametrize("activation", ["relu", "pow:2"])
def test_graphs_do_not_depend_on_n_from_2k_plus_1(family, k, activation):
    # the character backend for n <= 8, the central one beyond (n = 9, 60: ids by rows)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        above = [2 * k + 1, 2 * k + 2, 9] + ([60] if k == 2 else [])
        graphs = [_by_rest(interaction_graph(f"S{n}:{family}^{k}", activation)) for n in above]
        at_bound = _by_rest(interaction_graph(f"S{2 * k}:{family}^{k}", activation))
    assert all(g == graphs[0] for g in graphs)
    # n = 2K: the same simples, but (n - K, K) cannot reach (n - 1, 1) (its vectors are constant
    # on the pairs of complementary K-subsets, a quotient that exists only for n = 2K)
    assert at_bound[0] == graphs[0][0]
    assert ((k,), (1,)) in graphs[0][1] and ((k,), (1,)) not in at_bound[1]


def test_hom_basis_past_its_labels_names_what_it_holds():
    from plrep.equivariant import growth_strings, hom_basis

    # Bell number B_5 = 52 (OEIS A000110): the maps of Hom_{S_64}(R^{X^3}, R^{X^2}); the basis
    # is built (issue 26), its 64^5 labels are refused and the message says what to use
    basis = hom_basis("S64", 3, 2)
    assert basis.count == 52
    with pytest.raises(ValueError, match=r"about 2\^30 entries.*the basis has 52 maps.*basis\.apply"):
        _ = basis.labels
    assert len(growth_strings(5, 64)) == 52
    small = hom_basis("S6", 3, 2)  # the labelled path agrees where it applies: B_5 again
    assert small.count == 52
