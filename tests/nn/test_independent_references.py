"""plrep.nn against references that share no code with it: numpy forward passes written out from
the defining formulas, hand-computed pooled features, and the statistics of the initialisers."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from plrep.decomposition import energies
from plrep.groups import parse_group
from plrep.nn import (
    NetworkSpec,
    apply,
    apply_with_intermediates,
    dws_apply,
    init,
    inr_apply,
    inr_init,
    invariant_features,
    simple_inputs,
)


def _numpy_conv(weight, bias, v, factors):
    """(A v)[o, x] = sum_i sum_t w[o, i, t] v[i, x - t] + b[o], x - t per factor mod n (row-major)."""
    size = int(np.prod(factors))
    coords = [np.unravel_index(k, factors) for k in range(size)]
    out = np.zeros((*v.shape[:-2], weight.shape[0], size))
    for x in range(size):
        for t in range(size):
            diff = tuple((a - b) % n for a, b, n in zip(coords[x], coords[t], factors, strict=True))
            y = np.ravel_multi_index(diff, factors)
            out[..., x] += np.einsum("oi,...i->...o", weight[:, :, t], v[..., :, y])
    return out + bias[:, None]


def _numpy_forward(params, x, sigma):
    """The network of docs/math.md §1 in float64 numpy: returns (y, pre list, post list)."""
    spec = params.spec
    arrays = {k: np.asarray(v, np.float64) for k, v in params.arrays.items()}
    v, pre, post = np.asarray(x, np.float64), [], []
    for layer in range(spec.num_layers):
        z = _numpy_conv(
            arrays[f"layers.{layer}.weight"], arrays[f"layers.{layer}.bias"], v, spec.group.factors
        )
        v = sigma(z)
        pre.append(z)
        post.append(v)
    if spec.readout is not None:
        v = v.mean(axis=-1) @ arrays["readout.weight"].T + arrays["readout.bias"]
    return v, pre, post


SIGMAS = {"relu": lambda z: np.maximum(z, 0.0), "tanh": np.tanh}


@pytest.mark.parametrize(("group", "activation"), [("C5", "relu"), ("C3xC4", "tanh"), ("C2xC3", "relu")])
def test_apply_with_intermediates_matches_a_numpy_forward_pass(group, activation, random_params):
    spec = NetworkSpec(group, (2, 3, 2), activation, readout=2)
    params = random_params(spec, seed=4, bias_scale=1.0)
    x = np.random.default_rng(5).normal(size=(3, 2, spec.group.order))
    want_y, want_pre, want_post = _numpy_forward(params, x, SIGMAS[activation])
    y, outs = apply_with_intermediates(params, x)
    for got, want in zip(outs.pre + outs.post, want_pre + want_post, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(y, want_y, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(apply(params, x), want_y, rtol=1e-4, atol=1e-4)
    # pre and post really differ here (negative pre-activations), so swapping them is seen
    assert any(
        np.abs(np.asarray(a) - np.asarray(b)).max() > 0.1 for a, b in zip(outs.pre, outs.post, strict=True)
    )


def test_dws_invariant_features_are_means_computed_by_hand():
    # widths (2, 3, 1), one channel: W1 (3, 2) pooled over its 3 hidden rows, b1 (3,) to its mean,
    # W2 (1, 3) over its 3 hidden columns, b2 (1,) kept: features [W1 col means, mean b1, mean W2, b2].
    w1 = np.array([[1.0, -2.0], [4.0, 0.0], [-2.0, 5.0]])
    b1 = np.array([3.0, -6.0, 0.0])
    w2 = np.array([[2.0, 7.0, -3.0]])
    b2 = np.array([0.5])
    weights = [(w1[..., None], b1[..., None]), (w2[..., None], b2[..., None])]
    expected = [1.0, 1.0, -1.0, 2.0, 0.5]  # (1 + 4 - 2)/3, (-2 + 0 + 5)/3, (3 - 6 + 0)/3, 6/3, 0.5
    np.testing.assert_allclose(invariant_features(weights), expected, atol=1e-6)


def test_dws_apply_equals_its_head_on_hand_pooled_features():
    from plrep.nn import dws_init

    net = dws_init(jax.random.key(0), (2, 3, 1), channels=(1,), head_width=3)
    net["layers"] = []  # no equivariant layer: the head reads the pooled raw weights
    w1 = np.array([[1.0, -2.0], [4.0, 0.0], [-2.0, 5.0]])
    mlp = [(w1, np.array([3.0, -6.0, 0.0])), (np.array([[2.0, 7.0, -3.0]]), np.array([0.5]))]
    h = np.array([1.0, 1.0, -1.0, 2.0, 0.5])
    (a, b), (c, d) = (tuple(np.asarray(p, np.float64) for p in pair) for pair in net["head"])
    expected = np.maximum(h @ a + b, 0.0) @ c + d
    np.testing.assert_allclose(dws_apply(net, mlp), expected, rtol=1e-5, atol=1e-6)


def test_he_init_has_std_sqrt_two_over_fan_in():
    # 8192 draws of the first layer: the sample std is within ~1 % (one standard error) of the
    # true one; a 5 % margin is five standard errors, and the fixed key makes it deterministic.
    spec = NetworkSpec("C16", (8, 64, 32), readout=4)
    params = init(jax.random.key(0), spec)
    for name, fan_in in (("layers.0.weight", 8 * 16), ("layers.1.weight", 64 * 16), ("readout.weight", 32)):
        w = np.asarray(params.arrays[name], np.float64)
        assert abs(w.std() / np.sqrt(2.0 / fan_in) - 1.0) < 0.05 + 3.0 / np.sqrt(2 * w.size), name
        assert abs(w.mean()) < 5 * np.sqrt(2.0 / fan_in) / np.sqrt(w.size), name
    assert all(not np.any(np.asarray(params.arrays[k])) for k in params.arrays if k.endswith("bias"))


@pytest.mark.parametrize("scale", [1.0, 3.5])
def test_simple_inputs_have_rms_scale_times_two_to_a_uniform_power(scale):
    group = parse_group("C12")
    x = simple_inputs(group, 3, (400,), seed=2, scale=scale)
    rms = np.sqrt(np.mean(x**2, axis=-1))
    u = np.log2(rms / scale)
    assert u.min() >= -1 - 1e-12 and u.max() <= 1 + 1e-12
    # u uniform on [-1, 1]: of 400 draws, both ends are reached within 0.1 and the mean is ~0
    assert u.min() < -0.9 and u.max() > 0.9 and abs(u.mean()) < 0.15
    # all energy in the chosen simple (energies: the squared norm of each isotypic part)
    e = energies(group, x)
    np.testing.assert_allclose(e.sum(-1), np.sum(x**2, axis=-1), rtol=1e-10)
    np.testing.assert_allclose(e[:, 3], np.sum(x**2, axis=-1), rtol=1e-10)


def test_inr_apply_matches_a_numpy_siren():
    params = inr_init(jax.random.key(3), (1, 5, 4, 1))
    x = np.linspace(-np.pi, np.pi, 9)
    h = x[:, None]
    for m, (w, b) in enumerate(params):
        h = h @ np.asarray(w, np.float64).T + np.asarray(b, np.float64)
        h = np.sin(h) if m < len(params) - 1 else h
    np.testing.assert_allclose(inr_apply(params, x.astype(np.float32)), h[:, 0], rtol=1e-5, atol=1e-5)


def test_sine_targets_are_a_sin_bx():
    from plrep.nn import sine_targets

    a, b, x = np.array([1.0, -2.0, 0.5]), np.array([1.0, 3.0, 0.25]), np.linspace(-np.pi, np.pi, 7)
    want = np.array([[ai * np.sin(bi * xk) for xk in x] for ai, bi in zip(a, b, strict=True)])
    np.testing.assert_allclose(sine_targets(a, b, x), want, rtol=1e-6, atol=1e-6)
