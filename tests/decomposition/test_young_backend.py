"""The regular module of S_6 and S_7 by Young's orthogonal form (plrep.decomposition._young).

References: Murnaghan–Nakayama values (traces of the matrices on class representatives, by
cycle type), Schur orthogonality checked numerically on S_6 (B^T B = I), and the character
backend's projectors on S_6.
"""

import numpy as np
import pytest

from plrep import decompose, interaction_graph, symmetric
from plrep.cli import main
from plrep.decomposition import _young, clear_cache
from plrep.decomposition._projectors import character_parts
from plrep.groups import mn_character
from plrep.gsets import regular


@pytest.mark.parametrize("n", [6, 7])
def test_bases_are_orthonormal_and_carry_the_right_characters(n):
    group = symmetric(n)
    bases = _young.young_basis(group)
    assert [b.shape[1] for b in bases] == [s.dim**2 for s in group.simples]
    if n == 6:  # S_7's 5040 x 5040 product is left to the character checks
        stacked = np.concatenate(bases, axis=1)
        assert np.abs(stacked.T @ stacked - np.eye(group.order)).max() < 1e-12
    reps, types = group.class_representatives, group.class_cycle_types
    for simple, basis in zip(group.simples, bases, strict=True):
        f = simple.dim
        matrices = basis.reshape(group.order, f, f) / np.sqrt(f / group.order)
        traces = np.trace(matrices[reps], axis1=1, axis2=2)
        expected = [mn_character(simple.partition, mu) for mu in types]
        np.testing.assert_allclose(traces, expected, atol=1e-9)


def test_s6_matches_the_character_backend(monkeypatch):
    monkeypatch.setattr(_young, "YOUNG_DEGREES", (6, 7))  # S_6 keeps its projectors by default
    space = regular(symmetric(6))
    x = np.random.default_rng(7).normal(size=(2, space.size))
    ours = decompose(space, x)
    assert ours.backend == "young"
    reference = character_parts(space, x)
    np.testing.assert_allclose(ours.components(), reference.components(), atol=1e-12)
    np.testing.assert_allclose(ours.energies(), reference.energies(), atol=1e-10)
    np.testing.assert_allclose(ours.reconstruct(), x, atol=1e-12)


def test_s6_graph_and_s8_refusal(capsys, monkeypatch):
    clear_cache()
    by_projectors = interaction_graph("S6", "relu")
    monkeypatch.setattr(_young, "YOUNG_DEGREES", (6, 7))
    clear_cache()
    by_young = interaction_graph("S6", "relu")
    assert by_young.edge_set == by_projectors.edge_set
    assert decompose(regular(symmetric(7)), np.ones(5040)).backend == "young"
    assert main(["graph", "S8", "--activation", "relu"]) == 2
    assert "|G| |X| at most" in capsys.readouterr().err
