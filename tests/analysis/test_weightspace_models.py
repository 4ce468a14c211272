"""analysis/_weightspace_models.py, the weight-space studies' shared inputs and models, checked
against independent computations (plrep.weightspace, numpy by hand)."""

import importlib.util
import sys
from pathlib import Path

import jax
import numpy as np
import pytest

from plrep.weightspace import mlp_forward, permute_neurons

MODULE = Path(__file__).resolve().parents[2] / "analysis" / "_weightspace_models.py"


@pytest.fixture(scope="module")
def shared():
    spec = importlib.util.spec_from_file_location("_weightspace_models", MODULE)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def _inrs(rng, widths=(2, 4, 5, 1), n=3):
    return [
        (rng.normal(size=(n, d, e)).astype(np.float32), rng.normal(size=(n, d)).astype(np.float32))
        for d, e in zip(widths[1:], widths[:-1], strict=True)
    ]


def test_jax_permutation_matches_permute_neurons(shared):
    rng = np.random.default_rng(0)
    inr = [(w[0], b[0]) for w, b in _inrs(rng)]
    perms = [rng.permutation(4), rng.permutation(5)]
    ours = shared.apply_perms(inr, perms)
    want = permute_neurons(inr, perms)
    assert all(
        np.allclose(a, b) for pa, pb in zip(ours, want, strict=True) for a, b in zip(pa, pb, strict=True)
    )


def test_random_permutations_keep_every_function(shared):
    rng = np.random.default_rng(1)
    inrs = _inrs(rng)
    moved = shared.random_permute_batch(jax.random.key(0), [(np.asarray(w), np.asarray(b)) for w, b in inrs])
    coords = rng.uniform(-1, 1, size=(6, 2))
    for n in range(3):
        a = mlp_forward([(w[n], b[n]) for w, b in inrs], coords, activation="sin")
        b = mlp_forward([(np.asarray(w[n]), np.asarray(b[n])) for w, b in moved], coords, activation="sin")
        assert np.allclose(a, b, atol=1e-5)


def test_statistics_are_mean_std_and_quantiles_of_each_object(shared):
    rng = np.random.default_rng(2)
    inrs = _inrs(rng)
    feats = shared.statistics(inrs)
    assert feats.shape == (3, 7 * 6)
    # INR 1, object b2 (the 4th object: W1, b1, W2, b2, ...), by hand with sorted values
    values = np.sort(inrs[1][1][1].astype(np.float64))
    n = len(values)
    quartile = lambda q: np.interp(q * (n - 1), np.arange(n), values)  # noqa: E731 (linear interpolation)
    want = [values.mean(), values.std(), values[0], quartile(0.25), quartile(0.5), quartile(0.75), values[-1]]
    assert np.allclose(feats[1, 21:28], want, atol=1e-5)


def test_normaliser_standardises_each_object_over_the_training_inrs(shared):
    rng = np.random.default_rng(3)
    inrs = _inrs(rng, n=6)
    train = np.array([0, 2, 3, 5])
    out = shared.normaliser(inrs, train)(inrs)
    for pair in out:
        for v in pair:
            part = np.asarray(v)[train]
            assert abs(part.mean()) < 1e-5 and abs(part.std() - 1) < 1e-4


def test_render_is_mlp_forward(shared):
    rng = np.random.default_rng(4)
    inrs = _inrs(rng)
    coords = rng.uniform(-1, 1, size=(5, 2))
    got = shared.render(inrs, coords)
    for n in range(3):
        want = mlp_forward([(w[n], b[n]) for w, b in inrs], coords, activation="sin")[:, 0]
        assert np.allclose(got[n], want, atol=1e-5)


def test_train_fits_a_linear_regression_and_refuses_unknown_losses(shared):
    rng = np.random.default_rng(5)
    x = rng.normal(size=(256, 3)).astype(np.float32)
    y = (x @ np.array([[1.0], [-2.0], [0.5]])).astype(np.float32)
    params = shared.mlp_init(jax.random.key(0), 3, out=1, hidden=16)
    before = float(np.mean((np.asarray(shared.mlp_apply(params, x)) - y) ** 2))
    trained = shared.train(
        shared.mlp_apply, params, x, y, loss="mse", steps=300, batch=64, learning_rate=1e-2, seed=0
    )
    after = float(np.mean((np.asarray(shared.mlp_apply(trained, x)) - y) ** 2))
    assert after < 0.05 * before
    with pytest.raises(ValueError, match="loss"):
        shared.train(
            shared.mlp_apply, params, x, y, loss="hinge", steps=1, batch=4, learning_rate=1e-2, seed=0
        )
