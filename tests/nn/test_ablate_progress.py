"""Restricted / excluded loss, per-unit measures and progress over checkpoints, against references
that share no code with plrep: numpy DFTs with hand-made frequency masks, hand-written projectors,
and planted networks whose ablated losses are known in closed form."""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
import pytest

from plrep import gini, summarize, unit_measures
from plrep.nn import ablate, cross_entropy_stable, device_projection, load_checkpoints, progress

P = 7


def _dft_projection(x: np.ndarray, keep_freqs: set[int]) -> np.ndarray:
    """Projection of real signals (..., n) onto frequencies {k, n - k : k in keep}, by numpy's FFT."""
    n = x.shape[-1]
    mask = np.array([(k in keep_freqs) or ((n - k) % n in keep_freqs) for k in range(n)])
    return np.fft.ifft(np.fft.fft(x) * mask).real


def _dft2_projection(x: np.ndarray, p: int, keep_pairs: set[tuple[int, int]]) -> np.ndarray:
    """The same on C_p x C_p (pairs a * p + b on the last axis): keep (k1, k2) and (-k1, -k2)."""
    grid = x.reshape(*x.shape[:-1], p, p)
    k1, k2 = np.meshgrid(np.arange(p), np.arange(p), indexing="ij")
    mask = np.zeros((p, p), bool)
    for a, b in keep_pairs:
        mask |= (k1 == a % p) & (k2 == b % p)
        mask |= (k1 == -a % p) & (k2 == -b % p)
    return np.fft.ifft2(np.fft.fft2(grid) * mask).real.reshape(x.shape)


def _xent(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Float64 cross-entropy by the textbook logsumexp (the reference for the stable form)."""
    top = logits.max(axis=-1, keepdims=True)
    lse = top[:, 0] + np.log(np.exp(logits - top).sum(axis=-1))
    return lse - logits[np.arange(len(labels)), labels]


def test_projection_matches_a_numpy_dft_on_cp_and_cp_x_cp():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 12))
    got = np.asarray(device_projection("C12", [0, 5, 6])(jnp.asarray(x, jnp.float32)))
    np.testing.assert_allclose(got, _dft_projection(x, {0, 5, 6}), atol=1e-5)
    y = rng.normal(size=(2, P * P))
    got = np.asarray(device_projection(f"C{P}xC{P}", [(1, 1), (3, -3)])(jnp.asarray(y, jnp.float32)))
    np.testing.assert_allclose(got, _dft2_projection(y, P, {(1, 1), (3, -3)}), atol=1e-5)


def test_projection_on_a_non_cyclic_gset_matches_hand_projectors():
    # S_3 on its 3 points: trivial = the mean J/3, the standard simple = I - J/3, by hand.
    x = np.array([[1.0, 2.0, 6.0], [0.5, -1.0, 0.0]])
    mean = x.mean(axis=1, keepdims=True) * np.ones((1, 3))
    trivial = np.asarray(device_projection("S3:natural", [0])(jnp.asarray(x, jnp.float32)))
    standard = np.asarray(device_projection("S3:natural", ["2a"])(jnp.asarray(x, jnp.float32)))
    np.testing.assert_allclose(trivial, mean, atol=1e-6)
    np.testing.assert_allclose(standard, x - mean, atol=1e-6)


def _planted(keys, scale=8.0, p=P):
    """Logits sum_k scale cos(2 pi k (a + b - c) / p): argmax at c = a + b, living in (k, k) only."""

    def fn(x, intervene):
        a, b, c = x[:, None] // p, x[:, None] % p, jnp.arange(p)
        return intervene("logits", scale * sum(jnp.cos(2 * jnp.pi * k * (a + b - c) / p) for k in keys))

    pairs = np.arange(p * p)
    a, b, c = pairs[:, None] // p, pairs[:, None] % p, np.arange(p)
    logits = scale * sum(np.cos(2 * np.pi * k * (a + b - c) / p) for k in keys)
    return fn, logits, (a[:, 0] + b[:, 0]) % p


def test_planted_logits_restricted_keeps_the_loss_and_excluded_gives_chance():
    fn, logits, labels = _planted([1, 3])
    space = f"C{P}xC{P}"
    kept = ablate(fn, space, at="logits", labels=labels, keep=[0, (1, 1), (3, 3)])
    cut = ablate(fn, space, at="logits", labels=labels, remove=[(1, 1), (3, 3)])
    full = _xent(logits, labels).mean()
    assert kept.full_loss == pytest.approx(full, rel=1e-5)
    assert kept.loss == pytest.approx(full, rel=1e-5) and kept.accuracy == 1.0
    # Nothing but the key terms: removing them leaves zero logits, the uniform guess, log p.
    assert cut.loss == pytest.approx(math.log(P), rel=1e-5)
    # Keeping one key frequency of two: a closed form again (the other term cancelled).
    one = ablate(fn, space, at="logits", labels=labels, keep=[(1, 1)])
    _, only_one, _ = _planted([1])
    assert one.loss == pytest.approx(_xent(only_one, labels).mean(), rel=1e-5) and one.accuracy == 1.0


def test_output_ablates_the_returned_logits_without_a_hook():
    fn, _, labels = _planted([1, 2])
    plain = lambda x, intervene: fn(x, lambda name, value: value)  # noqa: E731 - no hook called
    via_output = ablate(plain, f"C{P}xC{P}", at="output", labels=labels, remove=[(2, 2)])
    _, only_one, _ = _planted([1])
    assert via_output.loss == pytest.approx(_xent(only_one, labels).mean(), rel=1e-5)


def test_ablation_at_a_hidden_layer_matches_numpy():
    rng = np.random.default_rng(1)
    hidden = rng.normal(size=(P * P, 5))
    readout = rng.normal(size=(5, P))
    labels = rng.integers(0, P, size=P * P)

    def fn(x, intervene):
        h = intervene("hidden", jnp.asarray(hidden, jnp.float32)[x])
        return h @ jnp.asarray(readout, jnp.float32)

    rows = {"train": np.arange(0, P * P, 2), "test": np.arange(1, P * P, 2)}
    got = ablate(fn, f"C{P}xC{P}", at="hidden", labels=labels, remove=[(1, 2), (0, 3)], rows=rows)
    projected = hidden - _dft2_projection(hidden.T, P, {(1, 2), (0, 3)}).T
    losses = _xent(projected @ readout, labels)
    for split, idx in rows.items():
        assert got.splits[split]["loss"] == pytest.approx(losses[idx].mean(), rel=1e-4)
        assert got.splits[split]["full_loss"] == pytest.approx(
            _xent(hidden @ readout, labels)[idx].mean(), rel=1e-4
        )


def test_ablation_of_a_parameter_axis_matches_numpy():
    # An embedding over Z_p (axis 0), looked up by the inputs: the G-set is not the batch.
    rng = np.random.default_rng(2)
    embed = rng.normal(size=(P, 4))
    unembed = rng.normal(size=(4, 3))
    inputs = np.array([0, 3, 5, 6, 1])
    labels = np.array([0, 1, 2, 0, 1])

    def fn(x, intervene):
        e = intervene("W_E", jnp.asarray(embed, jnp.float32))
        return e[x] @ jnp.asarray(unembed, jnp.float32)

    got = ablate(fn, f"C{P}", at="W_E", labels=labels, inputs=inputs, keep=[2])
    projected = _dft_projection(embed.T, {2}).T
    assert got.loss == pytest.approx(_xent(projected[inputs] @ unembed, labels).mean(), rel=1e-4)


def test_stable_cross_entropy_keeps_tiny_losses():
    logits = np.array([[30.0, 0.0, -5.0], [0.0, 1.0, 2.0]])
    labels = np.array([0, 0])
    got = np.asarray(cross_entropy_stable(jnp.asarray(logits, jnp.float32), jnp.asarray(labels)))
    exact = [math.log1p(math.exp(-30.0) + math.exp(-35.0)), -0.0 + math.log(1 + math.e + math.e**2)]
    np.testing.assert_allclose(got, exact, rtol=1e-5)  # 9.4e-14 survives; log-softmax gives 0


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"at": "nowhere", "keep": [0]}, "`at` must name"),
        ({"at": "logits", "keep": ["L(9,9)"]}, "`keep` must hold simples"),
        ({"at": "logits", "keep": [999]}, "`keep` must hold simple ids"),
        ({"at": "logits", "keep": [0], "remove": [1]}, "exactly one of `keep` and `remove`"),
        ({"at": "logits"}, "exactly one of `keep` and `remove`"),
        ({"at": "logits", "keep": [0], "labels": np.zeros(3, int)}, "`labels` must be"),
        ({"at": "logits", "keep": [0], "rows": np.array([P * P])}, "`rows` must index"),
    ],
)
def test_bad_input_names_the_argument(kwargs, fragment):
    fn, _, labels = _planted([1])
    kwargs = {"labels": labels, **kwargs}
    with pytest.raises((ValueError, TypeError), match=fragment.replace("(", r"\(").replace(")", r"\)")):
        ablate(fn, f"C{P}xC{P}", **kwargs)


def test_gini_against_the_pairwise_formula():
    rng = np.random.default_rng(3)
    for x in (rng.random(9), rng.exponential(size=30), np.array([0.0, 0.0, 5.0])):
        pairwise = np.abs(x[:, None] - x[None, :]).sum() / (2 * x.size**2 * x.mean())
        assert gini(x) == pytest.approx(pairwise, rel=1e-12)
    with pytest.raises(ValueError, match="`values`"):
        gini([0.0, 0.0])


def test_unit_measures_against_a_numpy_dft():
    rng = np.random.default_rng(4)
    n = 10
    t = np.arange(n)
    units = np.stack(
        [
            np.cos(2 * np.pi * 3 * t / n) + 0.2 * rng.normal(size=n),
            np.sin(2 * np.pi * 2 * t / n) + 0.1,
            np.cos(2 * np.pi * 3 * t / n + 1.0),
        ],
        axis=1,
    )
    m = unit_measures(summarize(f"C{n}", units, axis=0), simples=[3])
    power = np.abs(np.fft.fft(units.T)) ** 2 / n  # per unit, per frequency
    per_freq = np.stack(
        [power[:, 0]] + [power[:, k] + power[:, n - k] for k in range(1, n // 2)] + [power[:, n // 2]], 1
    )
    np.testing.assert_allclose(m.key_share, per_freq[:, 3] / per_freq.sum(1), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(m.purity, per_freq.max(1) / per_freq.sum(1), rtol=1e-9)
    assert m.dominant.tolist() == per_freq.argmax(1).tolist() == [3, 2, 3]
    assert m.distinct_dominant == [2, 3] and m.to_dict()["num_distinct_dominant"] == 2


def _params_at(step_scale):
    t = np.arange(P)
    return {"W": np.stack([np.cos(2 * np.pi * t / P), step_scale * np.cos(2 * np.pi * 2 * t / P)], 1)}


def test_progress_from_a_directory_matches_hand_numbers(tmp_path):
    for step, scale in ((0, 1.0), (100, 0.5), (200, 0.0)):
        np.savez(tmp_path / f"ckpt_{step:05d}.npz", **_params_at(scale))
    run = progress(tmp_path, f"C{P}", watch="W", key_simples=[1], show_progress=False)
    assert run.steps == [0, 100, 200]
    # Energies of the two columns: |cos|^2 = P / 2 each, the second scaled by scale^2.
    np.testing.assert_allclose(run.column("key_share"), [1 / 2, 1 / 1.25, 1.0], rtol=1e-9)
    # Gini over the 3 non-trivial simples of C_7, energies (1, s^2, 0) up to a factor.
    expected = [gini(np.array([1.0, s * s, 0.0])) for s in (1.0, 0.5, 0.0)]
    np.testing.assert_allclose(run.column("gini"), expected, rtol=1e-9)


def test_progress_losses_equal_ablate_at_each_checkpoint():
    p = P
    pairs = np.arange(p * p)
    labels = (pairs // p + pairs % p) % p

    def model(params, x, intervene):
        a, b, c = x[:, None] // p, x[:, None] % p, jnp.arange(p)
        waves = sum(params[f"s{k}"] * jnp.cos(2 * jnp.pi * k * (a + b - c) / p) for k in (1, 2))
        return intervene("logits", waves + jnp.asarray(params["noise"])[x])

    noise = np.random.default_rng(5).normal(size=(p * p, p)).astype(np.float32)
    runs = [{"s1": np.float32(s), "s2": np.float32(2 * s), "noise": noise} for s in (0.0, 1.0, 4.0)]
    rows = {"train": pairs[::3], "test": np.setdiff1d(pairs, pairs[::3])}
    run = progress(
        runs,
        f"C{p}",
        watch=lambda q: np.eye(p),  # a flat spectrum: Gini 0 whatever the step
        model=model,
        labels=labels,
        rows=rows,
        at="logits",
        at_space=f"C{p}xC{p}",
        restrict=[0, (1, 1), (2, 2)],
        exclude=[(1, 1), (2, 2)],
        key_simples=[1],
        show_progress=False,
    )
    for row, params in zip(run.rows, runs, strict=True):
        fn = lambda x, iv, q=params: model(q, x, iv)  # noqa: E731
        kept = ablate(fn, f"C{p}xC{p}", at="logits", labels=labels, rows=rows, keep=[0, (1, 1), (2, 2)])
        cut = ablate(fn, f"C{p}xC{p}", at="logits", labels=labels, rows=rows, remove=[(1, 1), (2, 2)])
        for split in rows:
            assert row[f"restricted_loss_{split}"] == pytest.approx(kept.splits[split]["loss"], rel=1e-6)
            assert row[f"excluded_loss_{split}"] == pytest.approx(cut.splits[split]["loss"], rel=1e-6)
            assert row[f"loss_{split}"] == pytest.approx(kept.splits[split]["full_loss"], rel=1e-6)
        assert row["gini"] == pytest.approx(0.0, abs=1e-9)


def test_progress_refuses_bad_checkpoints(tmp_path):
    with pytest.raises(ValueError, match=r"`checkpoints` must hold at least one \.npz"):
        load_checkpoints(tmp_path)
    np.savez(tmp_path / "a_1.npz", W=np.zeros((P, 2)))
    np.savez(tmp_path / "a_2.npz", W=np.zeros((P, 3)))
    with pytest.raises(ValueError, match="`checkpoints` must all hold the same arrays and shapes"):
        load_checkpoints(tmp_path)
    with pytest.raises(ValueError, match="`checkpoints` must all have the same structure"):
        progress([_params_at(1.0), {"W": np.zeros((P, 3))}], f"C{P}", watch="W", show_progress=False)
    with pytest.raises(ValueError, match="`watch` must name an array"):
        progress([_params_at(1.0)], f"C{P}", watch="V", show_progress=False)
    with pytest.raises(ValueError, match="`key_simples` must hold simple ids"):
        progress([_params_at(1.0)], f"C{P}", watch="W", key_simples=[99], show_progress=False)
