"""plrep.nn: equivariance (also under jit), FFT = dense circulant, spec checks, training, toy task."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plrep.decomposition import energies
from plrep.gsets import regular
from plrep.nn import (
    NetworkSpec,
    accuracy,
    apply,
    apply_dense,
    apply_with_intermediates,
    band_of_simples,
    circulant_matrix,
    conv_layer,
    frequency_bands,
    init,
    train,
)

# Prime, power of two, and products (one with a repeated factor and an odd last factor).
GROUPS = ["C7", "C8", "C3xC4", "C4xC4xC3"]


def shift(group_spec, element, x):
    """(g.f)(x) = f(g^-1 x) on the regular module, via plrep.gsets (the shared convention)."""
    spec = NetworkSpec(group_spec, (1, 1))
    return regular(spec.group).act(np.asarray(element), np.asarray(x))


@pytest.fixture(scope="module")
def jitted():
    return jax.jit(apply_with_intermediates)


@pytest.mark.parametrize("group", GROUPS)
@settings(max_examples=8)  # eager JAX dispatch is slow; 4 groups x 8 draws keeps this ~5 s
@given(data=st.data())
def test_every_layer_and_the_network_are_equivariant(jitted, group, data, random_params):
    spec = NetworkSpec(group, (2, 3, 2), "relu", readout=None)
    params = random_params(spec, seed=data.draw(st.integers(0, 5)))
    factors = spec.group.factors
    element = [data.draw(st.integers(0, n - 1)) for n in factors]
    x = np.random.default_rng(data.draw(st.integers(0, 100))).normal(size=(3, 2, spec.group.order))
    for forward in (apply_with_intermediates, jitted):
        y, outs = forward(params, x)
        y_shifted, outs_shifted = forward(params, shift(group, element, x))
        for a, b in zip(outs.pre + outs.post, outs_shifted.pre + outs_shifted.post, strict=True):
            np.testing.assert_allclose(b, shift(group, element, a), atol=2e-5)
        np.testing.assert_allclose(y_shifted, shift(group, element, y), atol=2e-5)


@pytest.mark.parametrize("group", ["C6", "C3xC5"])
def test_invariant_readout_is_invariant_under_jit(group, random_params):
    spec = NetworkSpec(group, (1, 4, 4), "gelu", readout=3)
    params = random_params(spec)
    x = np.random.default_rng(1).normal(size=(5, 1, spec.group.order))
    forward = jax.jit(apply)
    logits = forward(params, x)
    assert logits.shape == (5, 3)
    for element in np.ndindex(*spec.group.factors):
        np.testing.assert_allclose(forward(params, shift(group, element, x)), logits, atol=2e-5)


@pytest.mark.parametrize(
    ("group", "activation"),
    # Every group with at least one activation; each activation on a prime and a product.
    [
        ("C7", "relu"),
        ("C7", "pow:3"),
        ("C8", "tanh"),
        ("C8", "relu"),
        ("C3xC4", "pow:3"),
        ("C3xC4", "tanh"),
        ("C4xC4xC3", "relu"),
        ("C1", "tanh"),
        ("C2", "pow:3"),
    ],
)
def test_fft_layers_equal_the_dense_circulant_reference(group, activation, random_params):
    spec = NetworkSpec(group, (2, 3, 3), activation, readout=2)
    params = random_params(spec, bias_scale=1.0)
    x = np.random.default_rng(2).normal(size=(4, 2, spec.group.order))
    np.testing.assert_allclose(apply(params, x), apply_dense(params, x), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("group", GROUPS)
def test_circulant_matrix_commutes_with_the_regular_action(group):
    # The dense reference is equivariant by construction only if it matches plrep.gsets'
    # convention rho(g)[x, y] = 1 iff x = g.y; check that on every generator.
    spec = NetworkSpec(group, (2, 2))
    gset = regular(spec.group)
    weight = np.random.default_rng(3).normal(size=(2, 2, spec.group.order))
    matrix = circulant_matrix(weight, spec.group)
    for axis in range(len(spec.group.factors)):
        rho = np.zeros((gset.size, gset.size))
        rho[gset.generators[axis], np.arange(gset.size)] = 1.0
        block = np.kron(np.eye(2), rho)
        np.testing.assert_allclose(matrix @ block, block @ matrix, atol=1e-12)


def test_conv_layer_matches_the_defining_sum_on_c5():
    # (A v)[o, x] = sum_i sum_t w[o, i, t] v[i, x - t], written out by hand.
    rng = np.random.default_rng(4)
    weight, bias, v = rng.normal(size=(2, 3, 5)), rng.normal(size=2), rng.normal(size=(3, 5))
    expected = np.array(
        [
            [
                sum(weight[o, i, t] * v[i, (x - t) % 5] for i in range(3) for t in range(5)) + bias[o]
                for x in range(5)
            ]
            for o in range(2)
        ]
    )
    got = conv_layer(jnp.asarray(weight), jnp.asarray(bias), jnp.asarray(v), NetworkSpec("C5", (3, 2)).group)
    np.testing.assert_allclose(got, expected, atol=1e-4)


def test_init_shapes_and_leading_batch_axes():
    spec = NetworkSpec("C4xC6", (1, 5, 2), "relu", readout=4)
    params = init(jax.random.key(0), spec)
    assert {k: v.shape for k, v in params.arrays.items()} == spec.parameter_shapes()
    assert all(v.dtype == jnp.float32 for v in params.arrays.values())
    assert apply(params, np.zeros((2, 3, 1, 24))).shape == (2, 3, 4)
    _, outs = apply_with_intermediates(params, np.zeros((1, 24)))
    assert [o.shape for o in outs.post] == [(5, 24), (2, 24)]


def test_spec_and_input_errors_name_the_argument():
    with pytest.raises(
        ValueError, match=r"^`widths` must be a sequence of at least two channel counts, got \(3,\) instead$"
    ):
        NetworkSpec("C8", (3,))
    with pytest.raises(ValueError, match=r"^`widths` must be an integer >= 1, got 0 instead$"):
        NetworkSpec("C8", (1, 0))
    with pytest.raises(ValueError, match=r"^`readout` must be an integer >= 1, got 0 instead$"):
        NetworkSpec("C8", (1, 2), readout=0)
    with pytest.raises(ValueError, match="`activation` must be one of"):
        NetworkSpec("C8", (1, 2), "swish")
    with pytest.raises(TypeError, match=r"^`spec` must be a NetworkSpec, got 'C8' instead$"):
        init(jax.random.key(0), "C8")
    params = init(jax.random.key(0), NetworkSpec("C8", (2, 2)))
    message = (
        r"^`x` must have shape \(\.\.\., 2, 8\) \(channels, \|G\| of C8\), got shape \(4, 1, 8\) instead$"
    )
    with pytest.raises(ValueError, match=message):
        apply(params, np.zeros((4, 1, 8)))


def test_spec_normalises_group_and_activation_names():
    spec = NetworkSpec("c4xc6", [1, 2], "ReLU")
    assert spec.group.factors == (4, 6) and spec.widths == (1, 2) and spec.activation == "relu"
    assert hash(spec) == hash(NetworkSpec("C4xC6", (1, 2), "relu"))


def test_toy_task_labels_are_shift_invariant_and_reproducible():
    x, y = frequency_bands("C16", 64, seed=3)
    assert x.shape == (64, 1, 16) and x.dtype == np.float32 and set(np.unique(y)) <= {0, 1, 2}
    x2, y2 = frequency_bands("C16", 64, seed=3)
    np.testing.assert_array_equal(x, x2)
    np.testing.assert_array_equal(y, y2)
    bands = band_of_simples(NetworkSpec("C16", (1, 1)).group, 3)
    shifted = np.roll(x[:, 0].astype(np.float64), 5, axis=-1)
    power = energies(NetworkSpec("C16", (1, 1)).group, shifted)
    labels = np.argmax(np.stack([power[:, bands == b].sum(-1) for b in range(3)], -1), -1)
    np.testing.assert_array_equal(labels, y)


def test_band_of_simples_c8_splits_by_frequency():
    # C_8 non-trivial simples L1..L4 in three bands: sizes 2, 1, 1 (np.array_split).
    assert band_of_simples(NetworkSpec("C8", (1, 1)).group, 3).tolist() == [-1, 0, 0, 1, 2]


def test_training_reduces_loss_and_is_reproducible():
    spec = NetworkSpec("C8", (1, 4), "relu", readout=3)
    x, y = frequency_bands(spec.group, 256, seed=0)
    params = init(jax.random.key(0), spec)
    first = train(params, x, y, steps=60, batch_size=32, learning_rate=1e-2, seed=1, progress=False)
    second = train(params, x, y, steps=60, batch_size=32, learning_rate=1e-2, seed=1, progress=False)
    np.testing.assert_array_equal(first.losses, second.losses)
    assert first.losses[-10:].mean() < 0.7 * first.losses[:10].mean()
    assert accuracy(first.params, x, y) > accuracy(params, x, y)


def test_train_rejects_labels_out_of_range():
    spec = NetworkSpec("C4", (1, 2), readout=2)
    params = init(jax.random.key(0), spec)
    with pytest.raises(ValueError, match=r"^`y` must hold integer labels in 0\.\.1"):
        train(params, np.zeros((3, 1, 4)), np.array([0, 1, 2]), steps=1, progress=False)


def test_a_readout_network_jits_with_its_parameters_closed_over():
    # Inside a jit trace, jnp ops on closed-over arrays give tracers: the finiteness check of
    # the read-out must not call bool() on one (it did, so probe(lambda x: apply(params, x)) failed).
    import jax

    params = init(jax.random.key(0), NetworkSpec("C8", (1, 2), readout=3))
    x = np.random.default_rng(0).normal(size=(2, 1, 8)).astype(np.float32)
    np.testing.assert_allclose(jax.jit(lambda v: apply(params, v))(x), apply(params, x), rtol=1e-6, atol=1e-7)
