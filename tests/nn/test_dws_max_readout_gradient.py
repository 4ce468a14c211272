"""The mean_max read-out's gradient is finite under jit with XLA's optimisations off.

Seen in ``python analysis/dws_digits.py --quick --dws-channels 4`` (a one-layer DWS network,
4 channels, mean_max read-out): every DWS logit was NaN after training. The study's --quick
mode compiles with ``jax_disable_most_optimizations``; there the gradient of ``jnp.max``, which
finds the maximisers by comparing the input with the max again and divides by their count,
came out 0 / 0 = NaN in the first step (eager and optimised jit were finite). ``dws_apply``
now reads the max at its argmax, which has the same value and a finite gradient.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

from plrep.nn import dws_apply, dws_init


@pytest.fixture
def unoptimised_xla():
    old = jax.config.read("jax_disable_most_optimizations")
    jax.config.update("jax_disable_most_optimizations", True)
    try:
        yield
    finally:
        jax.config.update("jax_disable_most_optimizations", old)


def _batch(widths, n, seed):
    rng = np.random.default_rng(seed)
    return [
        (
            rng.normal(size=(n, widths[m + 1], widths[m])).astype(np.float32),
            rng.normal(size=(n, widths[m + 1])).astype(np.float32),
        )
        for m in range(len(widths) - 1)
    ]


def _gradient(net, weights, labels):
    def loss(params):
        return optax.softmax_cross_entropy_with_integer_labels(dws_apply(params, weights), labels).mean()

    return jax.jit(jax.grad(loss))(net)


@pytest.mark.parametrize("channels", [(4,), (4, 5)])
def test_mean_max_gradient_is_finite_without_xla_optimisations(unoptimised_xla, channels):
    widths = (2, 32, 32, 1)  # the digits study's INRs, at its --quick batch of 64
    weights = _batch(widths, 64, seed=0)
    labels = jnp.asarray(np.random.default_rng(1).integers(0, 10, 64))
    net = dws_init(
        jax.random.key(0), widths, channels=channels, out_dim=10, head_width=128, readout="mean_max"
    )
    grads = _gradient(net, weights, labels)
    bad = [
        jax.tree_util.keystr(p)
        for p, g in jax.tree_util.tree_leaves_with_path(grads)
        if not np.all(np.isfinite(g))
    ]
    assert bad == []


def test_max_readout_value_and_gradient_match_a_hand_computation():
    """Value: the max over the hidden axes (numpy); gradient of the summed max features with
    respect to the inputs: 1 at each maximiser, 0 elsewhere (no ties in continuous draws)."""
    from plrep.nn._dws_network import _invariant_features

    widths = (2, 5, 4, 1)
    pairs = [(w[0][..., None], b[0][..., None]) for w, b in _batch(widths, 1, seed=3)]
    features = _invariant_features(pairs, widths, ("max",))
    w1, b1 = (np.asarray(a[..., 0], np.float64) for a in pairs[0])
    w2, b2 = (np.asarray(a[..., 0], np.float64) for a in pairs[1])
    w3, b3 = (np.asarray(a[..., 0], np.float64) for a in pairs[2])
    expected = np.concatenate(
        [w1.max(axis=0), [b1.max()], [w2.max()], [b2.max()], w3.max(axis=1), b3]
    )  # W1 (5, 2): max over the hidden rows; W2 (4, 5): over both hidden axes; W3 (1, 4): over inputs
    np.testing.assert_allclose(np.asarray(features), expected, rtol=1e-6)
    grad_w2 = jax.grad(lambda p: jnp.sum(_invariant_features(p, widths, ("max",))))(pairs)[1][0][..., 0]
    hand = (w2 == w2.max()).astype(np.float64)
    np.testing.assert_array_equal(np.asarray(grad_w2), hand)
