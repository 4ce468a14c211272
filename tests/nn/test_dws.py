"""plrep.nn: equivariance, span equality with the nullspace, invariance of the read-out, jit."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from jax.flatten_util import ravel_pytree

from plrep.nn import dws_apply, dws_init, dws_layer_apply, dws_layer_init, invariant_features
from plrep.weightspace import dws_blocks, equivariant_nullspace, permute_neurons, weight_space


def _channels(params):
    return [
        (jnp.asarray(w, jnp.float32)[..., None], jnp.asarray(b, jnp.float32)[..., None]) for w, b in params
    ]


def _flat_layer(widths, unravel):
    space = weight_space(widths)

    def apply(pvec, v):
        pieces = []
        for _, offset, shape in space.layout:
            size = int(np.prod(shape))
            pieces.append(v[offset : offset + size].reshape(*shape, 1))
        out = dws_layer_apply(unravel(pvec), list(zip(pieces[0::2], pieces[1::2], strict=True)))
        return jnp.concatenate([a.ravel() for pair in out for a in pair])

    return apply


@pytest.mark.parametrize("widths", [(2, 3, 1), (1, 2, 2, 1), (2, 1, 3, 1), (3, 2), (1, 2, 1, 2, 1)])
def test_span_equals_nullspace(widths, generic_params):
    """The layer's parameter -> matrix map has rank dim End_G(V) and lands in End_G(V)."""
    params = generic_params(
        dws_layer_init, jax.random.key(0), widths, 1, 1, bias=False
    )  # only its layout is used
    flat, unravel = ravel_pytree(params)
    apply = _flat_layer(widths, unravel)
    n = weight_space(widths).size
    with jax.enable_x64(True):
        jac = jax.jit(jax.jacfwd(apply, argnums=1))
        mats = np.stack([np.asarray(jac(jnp.asarray(e), jnp.zeros(n))) for e in np.eye(flat.size)]).reshape(
            flat.size, -1
        )
    basis = equivariant_nullspace(widths).reshape(-1, n * n)
    assert flat.size == len(basis) == dws_blocks(widths).total
    assert np.linalg.matrix_rank(mats) == len(basis)
    np.testing.assert_allclose(mats - (mats @ basis.T) @ basis, 0, atol=1e-10)


@pytest.mark.parametrize("widths", [(2, 5, 4, 1), (3, 6, 2), (1, 4, 1, 3, 2)])
def test_layer_equivariance_and_network_invariance(widths, generic_params):
    space = weight_space(widths)
    rng = np.random.default_rng(0)
    batch = space.unflatten(rng.normal(size=(5, space.size)))
    # generic parameters, nonzero biases included (numpy draws: no compile per block shape)
    layer = generic_params(dws_layer_init, jax.random.key(1), widths, 1, 3, seed=1)
    net = generic_params(dws_init, jax.random.key(2), widths, channels=(4, 4), out_dim=2, seed=2)
    apply_layer, apply_net = jax.jit(dws_layer_apply), jax.jit(dws_apply)
    for _ in range(3):
        perms = [rng.permutation(d) for d in space.hidden]
        moved = permute_neurons(batch, perms)
        out = apply_layer(layer, _channels(batch))
        out_moved = apply_layer(layer, _channels(moved))
        for c in range(3):
            expected = permute_neurons(
                [(np.asarray(w[..., c]), np.asarray(b[..., c])) for w, b in out], perms
            )
            got = [(np.asarray(w[..., c]), np.asarray(b[..., c])) for w, b in out_moved]
            np.testing.assert_allclose(space.flatten(got), space.flatten(expected), atol=1e-5)
        # float32 sums in another order: equal to a few roundings of the outputs' size
        np.testing.assert_allclose(apply_net(net, moved), apply_net(net, batch), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(
            invariant_features(_channels(moved)), invariant_features(_channels(batch)), atol=1e-6
        )


def test_jit_matches_eager_and_shapes(generic_params):
    widths = (2, 32, 32, 1)
    space = weight_space(widths)
    batch = space.unflatten(np.random.default_rng(0).normal(size=(4, space.size)).astype(np.float32))
    net = generic_params(dws_init, jax.random.key(0), widths, channels=(8,), out_dim=3, scale=0.1)
    eager = dws_apply(net, batch)
    np.testing.assert_allclose(jax.jit(dws_apply)(net, batch), eager, rtol=1e-5, atol=1e-5)
    assert eager.shape == (4, 3)


def test_errors():
    with pytest.raises(ValueError, match=r"^`in_channels` must be an integer >= 1, got 0 instead$"):
        dws_layer_init(jax.random.key(0), (2, 3, 1), 0, 1)
    with pytest.raises(ValueError, match="must be positive integers"):
        dws_init(jax.random.key(0), (2, -3, 1))
    layer = dws_layer_init(jax.random.key(0), (2, 3, 1), 1, 1)
    bad = [(jnp.zeros((3, 2, 1)), jnp.zeros((4, 1))), (jnp.zeros((1, 3, 1)), jnp.zeros((1, 1)))]
    with pytest.raises(ValueError, match=r"`weights\[0\]` must hold W_1 of shape \(\.\.\., 3, 2, c\)"):
        dws_layer_apply(layer, bad)
