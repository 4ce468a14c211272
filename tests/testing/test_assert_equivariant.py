"""plrep.testing: assert_equivariant catches what it should and the strategies draw valid objects."""

import numpy as np
import pytest
from hypothesis import given

from plrep import decompose, natural_gset, orbit_basis, symmetric, tensor_power
from plrep.testing import assert_equivariant, strategies


def test_pointwise_maps_and_deepsets_layers_pass():
    assert_equivariant(np.tanh, "C12")
    assert_equivariant(np.tanh, "S4:natural^2")
    assert_equivariant(lambda x: 2 * x - x.mean(-1, keepdims=True), "D5:natural")


def test_a_map_that_breaks_the_symmetry_fails_naming_the_generator():
    weights = np.arange(4.0)  # a per-point weight singles points out
    with pytest.raises(AssertionError, match=r"^f is not equivariant for generator \d of S4: max"):
        assert_equivariant(lambda x: x * weights, "S4:natural")
    # A shift by one commutes with C_n but not with the reflections of D_n.
    assert_equivariant(lambda x: np.roll(x, 1, axis=-1), "C6")
    with pytest.raises(AssertionError, match="for generator 1 of D6"):
        assert_equivariant(lambda x: np.roll(x, 1, axis=-1), "D6:natural")


def test_maps_between_different_gsets():
    X = natural_gset(symmetric(4))
    pairs = tensor_power(X, 2)
    for matrix in orbit_basis(X, pairs).dense():  # every Hom_G(R^X, R^{X^2}) basis map
        assert_equivariant(lambda x, m=matrix: x @ m.T, X, pairs)
    with pytest.raises(AssertionError, match="must map inputs of shape"):
        assert_equivariant(lambda x: x, X, pairs)


def test_bad_arguments():
    with pytest.raises(TypeError, match=r"^`f` must be callable, got 3 instead$"):
        assert_equivariant(3, "C4")
    with pytest.raises(ValueError, match=r"^`inputs` must have shape \(batch, 4\)"):
        assert_equivariant(np.tanh, "C4", inputs=np.zeros((2, 5)))
    with pytest.raises(ValueError, match=r"^`target` must be a G-set of C4, got one of C5 instead$"):
        assert_equivariant(np.tanh, "C4", "C5")


@given(strategies.gsets())
def test_drawn_gsets_are_actions_whose_energies_add_up(gset):
    x = np.random.default_rng(0).normal(size=(2, gset.size))
    energies = decompose(gset, x).energies()
    np.testing.assert_allclose(energies.sum(-1), (x**2).sum(-1), rtol=1e-10)
    assert gset.group.action_violation(gset.generators) is None
