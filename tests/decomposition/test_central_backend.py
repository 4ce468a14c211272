"""The central-element backend (sum of transpositions) against the character backend, and graphs.

For n <= 8 both backends apply to the same G-set, so the components must agree; the character
backend sums over listed elements, the central one never sees an element. Beyond listing size,
the graph of S_n on pairs labelled by nu (lambda = (n - |nu|, nu)) must be the one found by the
character backend for n = 6..8 (stability in n), and odd activations respect the transpose.
"""

import warnings

import numpy as np
import pytest

from plrep.decomposition import decompose, multiplicities
from plrep.decomposition._central import central_parts, content_sum
from plrep.decomposition._projectors import character_parts
from plrep.graphs import interaction_graph
from plrep.gsets import parse_space


@pytest.mark.parametrize(
    "spec",
    [
        "S7:natural^2",
        "S7:natural^3",
        "S8:subsets^3",
        "S5:natural^1",
        "S6:subsets^2",
        "S6:natural^3",
        "S7:natural^4",
    ],
)
def test_central_backend_matches_the_character_backend(spec):
    space = parse_space(spec)
    x = np.random.default_rng(3).normal(size=(2, space.size))
    central = central_parts(space, x).components()
    listed = character_parts(space, x).components()
    np.testing.assert_allclose(central, listed, atol=1e-10)


def test_equal_content_sums_are_refused():
    # (4,1,1) and (3,3) of S_6 share a content sum: on 6 positions the swaps cannot tell them
    # apart (S6:natural^3 works now: there the position types separate (4,1,1) from (3,3))
    assert content_sum((4, 1, 1)) == content_sum((3, 3))
    with pytest.raises(ValueError, match="equal content sums"):
        central_parts(parse_space("S9:natural^6"), np.zeros((1, 9**6))).energies()


def test_beyond_listing_size_uses_no_elements():
    space = parse_space("S10:natural^2")
    x = np.random.default_rng(0).normal(size=(3, space.size))
    result = decompose(space, x)
    assert result.backend == "central"
    np.testing.assert_allclose(result.reconstruct(), x, atol=1e-12)
    counts = multiplicities(space)
    dims = np.array([s.dim for s in space.group.simples])
    # each component lies in its isotypic subspace, whose dimension is multiplicity x dimension
    ranks = {int(i): np.linalg.matrix_rank(decompose(space, np.eye(space.size)).project([int(i)]), tol=1e-8)
             for i in np.flatnonzero(counts)}  # fmt: skip
    assert ranks == {int(i): int(counts[i] * dims[i]) for i in np.flatnonzero(counts)}


def _by_nu(graph):
    n = sum(graph.vertices[0].partition)
    nu = {v.id: v.partition[1:] for v in graph.vertices}
    assert all(sum(v.partition) == n for v in graph.vertices)
    return {(nu[s], nu[t]) for s, t in graph.edge_set}


@pytest.mark.parametrize("activation", ["relu", "tanh", "pow:2"])
def test_pair_graphs_are_stable_in_n(activation):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        small = [_by_nu(interaction_graph(f"S{n}:natural^2", activation)) for n in (7, 8)]
        large = [_by_nu(interaction_graph(f"S{n}:natural^2", activation)) for n in (9, 30)]
    assert small[0] == small[1] == large[0] == large[1]
