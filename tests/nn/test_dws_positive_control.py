"""A positive control for weight-space learning: DWS must learn an invariant it can see.

The Frobenius norm of the hidden-to-hidden matrix W_2 is invariant under neuron permutations and
needs a non-linear read of every entry (a sum of squares), so a DWS network that learns it to
R^2 >= 0.9 on held-out weight sets has working layers, read-out and training. Without this check a
broken layer could pass as "the data is hard" (docs/dws_digits.md). The reference is numpy's
norm of the raw weights, computed independently of the network.
"""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep.nn import dws_apply, dws_init

WIDTHS = (2, 4, 4, 1)
R2_TARGET = 0.9  # the bar the issue sets for the control (held-out weight sets)


def _weight_sets(rng, n):
    """n random MLPs of WIDTHS, entries N(0, 1) (batched), and the Frobenius norm of each W_2."""
    params = [
        (rng.normal(size=(n, d, e)).astype(np.float32), rng.normal(size=(n, d)).astype(np.float32))
        for e, d in itertools.pairwise(WIDTHS)
    ]
    norms = np.sqrt(np.sum(params[1][0].astype(np.float64) ** 2, axis=(1, 2)))
    return params, norms


def test_dws_learns_the_frobenius_norm_of_a_hidden_weight_matrix():
    rng = np.random.default_rng(0)
    train_params, train_norms = _weight_sets(rng, 1024)
    train_params = jax.tree_util.tree_map(jnp.asarray, train_params)
    test_params, test_norms = _weight_sets(rng, 256)
    mu, sd = train_norms.mean(), train_norms.std()
    net = dws_init(jax.random.key(0), WIDTHS, channels=(16, 16), out_dim=1, head_width=32)
    steps = 600
    optimizer = optax.adam(optax.cosine_decay_schedule(3e-3, steps))
    state = optimizer.init(net)
    targets = jnp.asarray((train_norms - mu) / sd, jnp.float32)

    @jax.jit
    def step(net, state, idx):
        batch = jax.tree_util.tree_map(lambda v: v[idx], train_params)

        def loss(p):
            return jnp.mean((dws_apply(p, batch)[:, 0] - targets[idx]) ** 2)

        updates, state = optimizer.update(jax.grad(loss)(net), state, net)
        return optax.apply_updates(net, updates), state

    batches = np.random.default_rng(1)
    for _ in range(steps):
        net, state = step(net, state, jnp.asarray(batches.integers(0, len(train_norms), 64)))
    predicted = np.asarray(dws_apply(net, test_params))[:, 0] * sd + mu
    r2 = 1 - np.sum((predicted - test_norms) ** 2) / np.sum((test_norms - test_norms.mean()) ** 2)
    assert r2 >= R2_TARGET, f"held-out R^2 {r2:.3f} < {R2_TARGET}"
