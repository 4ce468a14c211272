"""The mean_max read-out of DWS networks: invariant, and its max features are the maxima."""

from __future__ import annotations

import itertools

import jax
import numpy as np
import pytest

from plrep.nn import dws_apply, dws_init
from plrep.nn._dws_network import _invariant_features
from plrep.weightspace import permute_neurons


def test_mean_max_readout_is_invariant_and_doubles_the_head_input():
    rng = np.random.default_rng(0)
    widths = (2, 3, 4, 1)
    mlp = [(rng.normal(size=(5, d, e)), rng.normal(size=(5, d))) for e, d in itertools.pairwise(widths)]
    mean = dws_init(jax.random.key(0), widths, channels=(3,), head_width=8)
    both = dws_init(jax.random.key(0), widths, channels=(3,), head_width=8, readout="mean_max")
    assert both["head"][0][0].shape[0] == 2 * mean["head"][0][0].shape[0]
    moved = permute_neurons(mlp, [rng.permutation(3), rng.permutation(4)])
    np.testing.assert_allclose(dws_apply(both, moved), dws_apply(both, mlp), atol=1e-5)
    with pytest.raises(ValueError, match="`readout`"):
        dws_init(jax.random.key(0), widths, readout="sum")


def test_max_features_are_the_maxima_over_hidden_axes():
    rng = np.random.default_rng(1)
    weights = [
        (rng.normal(size=(3, 2, 1)), rng.normal(size=(3, 1))),
        (rng.normal(size=(1, 3, 1)), rng.normal(size=(1, 1))),
    ]
    feats = np.asarray(_invariant_features(weights, (2, 3, 1), ("mean", "max")))
    expected_max = [
        *weights[0][0][:, :, 0].max(axis=0),
        weights[0][1].max(),
        weights[1][0].max(),
        weights[1][1][0, 0],
    ]
    np.testing.assert_allclose(feats[5:], expected_max, rtol=1e-6)
