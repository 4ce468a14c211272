"""plrep.nn.probe: energies reduced on the device equal numpy's, over points and over samples.

References: the activations are recomputed here in numpy float64 and decomposed with numpy's
complex FFT (C_n, C_p x C_p) or explicit S_3 projectors, never with plrep's device code.
"""

import json

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from plrep.gsets import parse_space
from plrep.nn import device_energies, probe


def _fft2_by_simple(a: np.ndarray, p: int, group) -> np.ndarray:
    """Energies over C_p x C_p of a (..., p*p) by numpy's fft2, summed per simple of plrep's ids."""
    power = np.abs(np.fft.fft2(a.reshape(*a.shape[:-1], p, p))) ** 2 / (p * p)
    u, v = np.meshgrid(np.arange(p), np.arange(p), indexing="ij")
    ids = group.simple_ids(np.stack([u, v], -1)).ravel()
    out = np.zeros((*a.shape[:-1], group.num_simples))
    for k in range(group.num_simples):
        out[..., k] = power.reshape(*a.shape[:-1], -1)[..., ids == k].sum(-1)
    return out


def test_mlp_on_pairs_over_the_points_matches_numpy():
    p, width = 7, 5
    rng = np.random.default_rng(0)
    embed = rng.normal(size=(p, 3)).astype(np.float32)
    w_in = rng.normal(size=(6, width)).astype(np.float32)

    def mlp(pairs):  # pairs: point index x = a * p + b of C_p x C_p (row-major)
        a, b = pairs // p, pairs % p
        table = jnp.asarray(embed)
        h = jnp.concatenate([table[a], table[b]], -1) @ w_in
        return {"pre": h, "post": jnp.square(h)}

    report = probe(mlp, f"C{p}xC{p}")
    group = parse_space(f"C{p}xC{p}").group
    x = np.arange(p * p)
    pre = np.concatenate([embed[x // p], embed[x % p]], -1).astype(np.float64) @ w_in
    for name, act in (("pre", pre), ("post", pre**2)):
        want = _fft2_by_simple(act.T, p, group)
        got = report.summaries[name].energies
        np.testing.assert_allclose(got, want, rtol=2e-5, atol=2e-5 * want.max())
    assert report.devices == len(jax.local_devices())
    # Input in (k, 0) + (0, k) and x^2: only frequencies (2k,0), (0,2k), (k,k), (k,-k), (0,0).
    json.dumps(report.to_dict(), allow_nan=False)


def test_samples_on_a_circular_conv_net_match_numpy_and_batch_size():
    n = 12
    rng = np.random.default_rng(1)
    kernel = rng.normal(size=(4, n)).astype(np.float32)
    x = rng.normal(size=(50, n)).astype(np.float32)

    def net(signals):
        h = jnp.fft.irfft(jnp.fft.rfft(signals)[:, None, :] * jnp.fft.rfft(kernel)[None], n=n)
        return {"h": jax.nn.relu(h), "logits": h.sum(-1)}

    h = np.maximum(
        np.fft.irfft(
            np.fft.rfft(x.astype(np.float64))[:, None] * np.fft.rfft(kernel.astype(np.float64))[None], n=n
        ),
        0,
    )
    power = np.abs(np.fft.fft(h)) ** 2 / n
    want = power[..., : n // 2 + 1].copy()
    want[..., 1 : n // 2] *= 2
    want = want.sum(0)
    for batch in (7, 50, 1000):
        report = probe(net, "C12", x, axis=-1, batch_size=batch)
        np.testing.assert_allclose(report.summaries["h"].energies, want, rtol=2e-5, atol=1e-4)
        assert "logits" in report.skipped


def test_permutation_group_projectors_on_the_device():
    rng = np.random.default_rng(2)
    values = rng.normal(size=(3, 4))
    report = probe(lambda pts: {"v": jnp.asarray(values, jnp.float32)[pts]}, "S3:natural")
    mean = values.mean(0)
    got = report.summaries["v"].energies
    simples = parse_space("S3").group.simples
    trivial = next(s.id for s in simples if s.order == 1)
    standard = next(s.id for s in simples if s.dim == 2)
    np.testing.assert_allclose(got[:, trivial], 3 * mean**2, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(got[:, standard], ((values - mean) ** 2).sum(0), rtol=1e-5, atol=1e-6)


def test_device_energies_of_a_non_regular_cyclic_gset_use_projectors():
    from plrep import energies

    space = parse_space("C6")
    f = device_energies(space)
    a = np.random.default_rng(3).normal(size=(2, 6))
    np.testing.assert_allclose(np.asarray(f(jnp.asarray(a, jnp.float32))), energies(space, a), rtol=1e-5)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match=r"`fn` must be a callable"):
        probe(3, "C4")
    with pytest.raises(ValueError, match=r"`inputs` must have 4 rows"):
        probe(lambda x: {"a": x}, "C4", np.zeros(5))
    with pytest.raises(ValueError, match=r"`inputs` must be given"):
        probe(lambda x: {"a": x}, "C4", axis=-1)
    with pytest.raises(TypeError, match=r"`fn` must return a non-empty dict"):
        probe(lambda x: x, "C4")
    with pytest.raises(ValueError, match=r"NaN or infinity in 'a'"):
        probe(lambda x: {"a": jnp.log(x - 1.0)}, "C4")
    with pytest.raises(ValueError, match=r"`key_fraction` must be a number"):
        probe(lambda x: {"a": x}, "C4", key_fraction=0)


def test_flax_recipe():
    nn = pytest.importorskip("flax.linen")

    class Model(nn.Module):
        @nn.compact
        def __call__(self, x):
            h = nn.relu(nn.Dense(6, name="hidden")(jax.nn.one_hot(x, 8)))
            return nn.Dense(8, name="out")(h)

    model = Model()
    params = model.init(jax.random.key(0), jnp.arange(8))

    def fn(points):  # the recipe of README.md: capture_intermediates
        _, state = model.apply(params, points, capture_intermediates=True, mutable=["intermediates"])
        # the top-level "__call__" entry is the model's own output (a tuple); submodules by name
        return {k: v["__call__"][0] for k, v in state["intermediates"].items() if k != "__call__"}

    report = probe(fn, "C8")
    one_hot = np.eye(8)
    kernel = np.asarray(params["params"]["hidden"]["kernel"], np.float64)
    bias = np.asarray(params["params"]["hidden"]["bias"], np.float64)
    hidden = one_hot @ kernel + bias
    total = (hidden**2).sum()
    np.testing.assert_allclose(report.summaries["hidden"].energies.sum(), total, rtol=1e-5)


def test_equinox_recipe():
    eqx = pytest.importorskip("equinox")
    mlp = eqx.nn.MLP(in_size=8, out_size=8, width_size=6, depth=1, key=jax.random.key(0))

    def fn(points):  # the recipe of README.md: call the layers yourself, keep what you need
        x = jax.nn.one_hot(points, 8)
        hidden = jax.vmap(mlp.layers[0])(x)
        return {"hidden": hidden, "logits": jax.vmap(mlp.layers[1])(jax.nn.relu(hidden))}

    report = probe(fn, "C8")
    weight = np.asarray(mlp.layers[0].weight, np.float64)
    bias = np.asarray(mlp.layers[0].bias, np.float64)
    hidden = np.eye(8) @ weight.T + bias
    np.testing.assert_allclose(report.summaries["hidden"].energies.sum(1), (hidden**2).sum(0), rtol=1e-5)


# Four forced host devices against one (over samples, with padding, and over the points): in
# tests/nn/test_devices.py, in the one subprocess that checks every sharded entry point.


def test_probe_of_a_function_closing_over_network_weights():
    """Weights captured by the probed function are concrete inside jit; checking them must not trace."""
    import jax

    from plrep.nn import NetworkSpec, apply_with_intermediates, init

    params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))

    def fn(x):
        logits, out = apply_with_intermediates(params, x)
        return {"post": out.post[0], "logits": logits}

    x = np.random.default_rng(0).normal(size=(5, 1, 4))
    report = probe(fn, "C4", x, axis=-1)
    _, out = apply_with_intermediates(params, x)
    want = (np.abs(np.fft.rfft(np.asarray(out.post[0], np.float64), axis=-1)) ** 2).sum(0)
    want[:, 1] *= 2  # L1 of C4 is the pair of frequencies 1 and 3; L0 and L2 are one each
    np.testing.assert_allclose(report.summaries["post"].energies * 4, want, rtol=1e-4)
    assert list(report.skipped) == ["logits"]
