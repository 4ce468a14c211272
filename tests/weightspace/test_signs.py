"""Sign symmetry of sine networks: flips and π-shifts keep sin-MLPs' functions, not ReLU ones'; the
group order by enumeration; the canonical form is constant on orbits and keeps the function."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from plrep.weightspace import (
    flip_signs,
    is_sign_invariant,
    permute_neurons,
    shift_phases,
    sign_canonical_form,
    sine_canonical_form,
    sine_group_order,
)


def _random_params(rng, widths):
    return [(rng.normal(size=(d, e)), rng.normal(size=d)) for e, d in itertools.pairwise(widths)]


def _forward(params, x, sigma):
    """An independent forward pass (plain numpy loop, no plrep code)."""
    h = x
    for m, (w, b) in enumerate(params):
        h = h @ w.T + b
        h = sigma(h) if m < len(params) - 1 else h
    return h


def _random_signs(rng, widths):
    return [rng.choice([-1.0, 1.0], size=d) for d in widths[1:-1]]


@pytest.mark.parametrize("widths", [(1, 5, 1), (2, 3, 4, 1), (3, 2, 2, 2)])
def test_flips_and_phase_shifts_keep_sine_functions(widths):
    rng = np.random.default_rng(0)
    params = _random_params(rng, widths)
    x = rng.normal(size=(20, widths[0]))
    for _ in range(5):
        signs = _random_signs(rng, widths)
        shifts = [rng.integers(-3, 4, size=d) for d in widths[1:-1]]
        for moved in (flip_signs(params, signs), shift_phases(params, shifts)):
            np.testing.assert_allclose(_forward(moved, x, np.sin), _forward(params, x, np.sin), atol=1e-10)
        assert is_sign_invariant(params, signs, x)


def test_relu_networks_do_not_have_the_sign_symmetry():
    rng = np.random.default_rng(1)
    params = _random_params(rng, (2, 4, 1))
    x = rng.normal(size=(50, 2))
    flipped = flip_signs(params, [[-1.0, 1.0, 1.0, 1.0]])
    relu = lambda z: np.maximum(z, 0)  # noqa: E731
    assert np.max(np.abs(_forward(flipped, x, relu) - _forward(params, x, relu))) > 1e-3
    assert not is_sign_invariant(params, [[-1, 1, 1, 1]], x, activation="relu")


def test_group_order_matches_an_enumeration_of_distinct_images():
    """For generic parameters every element of signs x permutations gives a different point."""
    widths = (1, 2, 3, 1)
    params = _random_params(np.random.default_rng(2), widths)
    points = set()
    for s1, s2 in itertools.product(
        itertools.product([-1.0, 1.0], repeat=2), itertools.product([-1.0, 1.0], repeat=3)
    ):
        for p1, p2 in itertools.product(itertools.permutations(range(2)), itertools.permutations(range(3))):
            moved = permute_neurons(flip_signs(params, [s1, s2]), [list(p1), list(p2)])
            points.add(tuple(np.round(np.concatenate([a.ravel() for pair in moved for a in pair]), 9)))
    assert len(points) == sine_group_order(widths) == 2**2 * 2 * 2**3 * 6


def test_group_order_formula():
    assert sine_group_order((3, 5, 4, 2)) == 2**5 * math.factorial(5) * 2**4 * math.factorial(4)


@pytest.mark.parametrize("phase", [False, True])
def test_canonical_form_is_constant_on_orbits_and_keeps_the_function(phase):
    rng = np.random.default_rng(3)
    widths = (1, 6, 5, 1)
    params = _random_params(rng, widths)
    x = rng.normal(size=(30, 1))
    reference = sine_canonical_form(params, phase=phase)[0]
    np.testing.assert_allclose(_forward(reference, x, np.sin), _forward(params, x, np.sin), atol=1e-9)
    for _ in range(10):
        moved = flip_signs(params, _random_signs(rng, widths))
        if phase:
            moved = shift_phases(moved, [rng.integers(-2, 3, size=d) for d in widths[1:-1]])
        moved = permute_neurons(moved, [rng.permutation(d) for d in widths[1:-1]])
        canonical = sine_canonical_form(moved, phase=phase)[0]
        for (a, b), (c, d) in zip(canonical, reference, strict=True):
            np.testing.assert_allclose(a, c, atol=1e-9)
            np.testing.assert_allclose(b, d, atol=1e-9)


def test_sign_canonical_form_is_batched_and_reproducible_from_its_signs():
    rng = np.random.default_rng(4)
    batch = [
        (rng.normal(size=(7, 3, 2)), rng.normal(size=(7, 3))),
        (rng.normal(size=(7, 1, 3)), rng.normal(size=(7, 1))),
    ]
    canonical, signs, shifts = sign_canonical_form(batch, phase=True)
    assert np.all(canonical[0][1] >= 0) and np.all(canonical[0][1] <= np.pi / 2 + 1e-12)
    again = flip_signs(shift_phases(batch, shifts), signs)
    for (a, b), (c, d) in zip(again, canonical, strict=True):
        np.testing.assert_allclose(a, c)
        np.testing.assert_allclose(b, d)


def test_bad_input_names_the_argument():
    params = _random_params(np.random.default_rng(5), (1, 3, 1))
    with pytest.raises(ValueError, match="`signs"):
        flip_signs(params, [[1, 0, 1]])
    with pytest.raises(ValueError, match="`signs"):
        flip_signs(params, [[1, 1]])
    with pytest.raises(ValueError, match="`shifts"):
        shift_phases(params, [[0.5, 0, 0]])
    with pytest.raises(TypeError, match="`phase`"):
        sign_canonical_form(params, phase="yes")
