"""plrep.weightspace: neuron permutations keep the function, input permutations do not (docs/math.md §7)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plrep.weightspace import (
    canonical_form,
    check_params,
    check_widths,
    function_change,
    input_permutation_changes_function,
    is_function_invariant,
    mlp_forward,
    permute_neurons,
    weight_space,
)

WIDTHS = [(2, 3, 1), (3, 1, 2), (2, 5, 4, 1), (1, 7, 7, 7, 1), (4, 2, 3, 2, 3)]


def _random(widths, seed):
    space = weight_space(widths)
    rng = np.random.default_rng(seed)
    return space, space.unflatten(rng.normal(size=space.size)), rng


@pytest.mark.parametrize("widths", WIDTHS)
@pytest.mark.parametrize("activation", ["relu", "sin", "tanh"])
def test_hidden_permutations_keep_the_function(widths, activation):
    space, params, rng = _random(widths, 0)
    x = rng.normal(size=(50, widths[0]))
    for _ in range(5):
        perms = [rng.permutation(d) for d in space.hidden]
        assert is_function_invariant(params, perms, x, activation=activation)
        moved = permute_neurons(params, perms)
        assert function_change(params, moved, x, activation=activation) < 1e-12


@pytest.mark.parametrize("widths", [w for w in WIDTHS if w[0] >= 2])
@pytest.mark.parametrize("activation", ["relu", "sin"])
def test_input_permutations_change_the_function(widths, activation):
    _, params, rng = _random(widths, 1)
    x = rng.normal(size=(50, widths[0]))
    swap = np.r_[1, 0, np.arange(2, widths[0])]
    assert input_permutation_changes_function(params, swap, x, activation=activation)


@given(seed=st.integers(0, 10**6), widths=st.lists(st.integers(1, 5), min_size=2, max_size=5))
@settings(max_examples=30, deadline=None)
def test_index_permutation_matches_permute_neurons(seed, widths):
    space, params, rng = _random(widths, seed)
    perms = [rng.permutation(d) for d in space.hidden]
    flat = space.flatten(params)
    np.testing.assert_array_equal(
        space.flatten(permute_neurons(params, perms)), flat[space.index_permutation(perms)]
    )
    for gen in space.generators():  # generators act within each object (block structure)
        for _, offset, shape in space.layout:
            block = gen[offset : offset + math.prod(shape)]
            assert block.min() >= offset and block.max() < offset + math.prod(shape)


def test_layout_and_size():
    space = weight_space([2, 3, 4, 1])
    assert space.size == 3 * 3 + 4 * 4 + 1 * 5  # d_m (d_{m-1} + 1)
    assert [name for name, _, _ in space.layout] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert space.group_order == math.factorial(3) * math.factorial(4)
    assert space.generators().shape == (4, 30)


def test_batched_permutation_and_forward():
    space = weight_space([2, 4, 1])
    rng = np.random.default_rng(3)
    batch = space.unflatten(rng.normal(size=(6, space.size)))
    moved = permute_neurons(batch, [rng.permutation(4)])
    assert moved[0][0].shape == (6, 4, 2)
    single = [(w[2], b[2]) for w, b in batch]
    assert mlp_forward(single, rng.normal(size=(3, 2))).shape == (3, 1)


@pytest.mark.parametrize("key", ["bias", "norm"])
def test_canonical_form_removes_the_symmetry(key):
    space, params, rng = _random((3, 6, 5, 2), 4)
    canonical, perms = canonical_form(params, key=key)
    np.testing.assert_allclose(space.flatten(canonical), space.flatten(permute_neurons(params, perms)))
    for _ in range(5):
        moved = permute_neurons(params, [rng.permutation(d) for d in space.hidden])
        np.testing.assert_allclose(space.flatten(canonical_form(moved, key=key)[0]), space.flatten(canonical))
    x = rng.normal(size=(20, 3))
    assert function_change(params, canonical, x) < 1e-12


def test_bad_widths():
    with pytest.raises(ValueError, match=r"^`widths` must be positive integers, got \[2, 0, 1\] instead$"):
        check_widths([2, 0, 1])
    with pytest.raises(ValueError, match="must be positive integers"):
        check_widths((3, -1, 2))
    with pytest.raises(ValueError, match=r"at least 2 entries"):
        weight_space([3])
    with pytest.raises(TypeError, match="sequence of positive integers"):
        check_widths("2,3")


def test_bad_params():
    _, params, _ = _random((2, 3, 1), 0)
    with pytest.raises(ValueError) as info:
        check_params([(params[0][0].T, params[0][1]), params[1]], (2, 3, 1))
    assert str(info.value) == (
        "`params[0]` must hold W_1 of shape (..., 3, 2) and b_1 of shape (..., 3), got shapes (2, 3) and (3,) instead"
    )
    with pytest.raises(ValueError, match=r"must have 2 \(W, b\) pairs"):
        check_params(params[:1], (2, 3, 1))
    bad = [(params[0][0].copy(), params[0][1]), params[1]]
    bad[0][0][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"^`params\[0\]` must have finite entries, got NaN or inf instead$"):
        check_params(bad, (2, 3, 1))
    with pytest.raises(ValueError, match=r"`perms\[0\]` must be a permutation of 0..2"):
        permute_neurons(params, [[0, 0, 1]])
    with pytest.raises(ValueError, match="one permutation per hidden layer"):
        permute_neurons(params, [])
