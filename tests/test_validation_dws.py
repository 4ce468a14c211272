"""Regression tests of the validation sweep for plrep.nn, plrep.nn, plrep.weightspace, plrep.dws_blocks.

Each case is (call, exception type, a substring of the message naming the argument). Before the
sweep these raised KeyError, "string indices" or unpack TypeErrors, jax dot_general errors,
tried to allocate 10^10 floats, overflowed int64, or silently returned False.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from plrep.cli import main
from plrep.nn import (
    dws_apply,
    dws_init,
    dws_layer_apply,
    dws_layer_init,
    inr_apply,
    inr_grid,
    inr_init,
    invariant_features,
    sine_targets,
    widths_of,
)
from plrep.weightspace import (
    block_dimension,
    dws_blocks,
    function_change,
    input_permutation_changes_function,
    invariant_dimension,
    is_function_invariant,
    mlp_forward,
    weight_space,
)

WIDTHS = (2, 3, 1)
SPACE = weight_space(WIDTHS)
RAW = SPACE.unflatten(np.linspace(-1, 1, 4 * SPACE.size).reshape(4, SPACE.size).astype(np.float32))
NET = dws_init(jax.random.key(0), WIDTHS, channels=(2,))
LAYER = dws_layer_init(jax.random.key(1), (1, 2, 1), 1, 1)
ONE = [(jnp.zeros((1, 1, 1)), jnp.zeros((1, 1))), (jnp.zeros((1, 1, 1)), jnp.zeros((1, 1)))]  # (1, 1, 1)
INR = inr_init(jax.random.key(0), (1, 4, 1))
GRID = inr_grid(8)
MLP = SPACE.unflatten(np.arange(SPACE.size) / 10)
X = np.ones((4, 2))
NAN = float("nan")


def _ch(*shapes):
    """Channel-last weights from (W shape, b shape) pairs."""
    return [(jnp.zeros(w), jnp.zeros(b)) for w, b in shapes]


CASES = {
    # plrep.nn: the network
    "dws_apply empty params": (lambda: dws_apply({}, RAW), TypeError, "`params` must be a dict"),
    "dws_apply string params": (lambda: dws_apply("p", RAW), TypeError, "`params` must be a dict"),
    "dws_apply string weights": (
        lambda: dws_apply(NET, "a"),
        TypeError,
        "`weights` must be a list of (W, b)",
    ),
    "dws_apply empty weights": (lambda: dws_apply(NET, []), ValueError, "`weights` must be a non-empty list"),
    "dws_apply pair of strings": (
        lambda: dws_apply(NET, [("a", "b")]),
        TypeError,
        "`weights[0]` must be a real",
    ),
    "dws_apply not a pair": (lambda: dws_apply(NET, [RAW[0][0]]), TypeError, "`weights[0]` must be a pair"),
    "dws_apply scalars": (lambda: dws_apply(NET, [(1.0, 2.0)]), ValueError, "`weights[0]` must hold W_1"),
    "dws_apply other input width": (
        lambda: dws_apply(NET, weight_space((3, 3, 1)).unflatten(np.zeros(16))),
        ValueError,
        "`params['layers'][0]['terms']",
    ),
    "dws_apply batch mismatch": (
        lambda: dws_apply(NET, [RAW[0], (RAW[1][0][0], RAW[1][1][0])]),
        ValueError,
        "`weights` must share one batch shape",
    ),
    "dws_apply short head": (
        lambda: dws_apply({**NET, "head": NET["head"][:1]}, RAW),
        ValueError,
        "`params['head']` must be",
    ),
    "dws_apply head for other channels": (
        lambda: dws_apply({**NET, "layers": []}, RAW),
        ValueError,
        "`params['head']` must be [(W (5, H)",
    ),
    "dws_init channels int": (
        lambda: dws_init(jax.random.key(0), WIDTHS, channels=5),
        TypeError,
        "`channels` must be a sequence",
    ),
    # plrep.nn: one layer and the shapes
    "dws_layer_apply params for other widths": (
        lambda: dws_layer_apply(LAYER, ONE),
        ValueError,
        "`params` must hold the terms of a layer for widths (1, 1, 1)",
    ),
    "dws_layer_apply other channel count": (
        lambda: dws_layer_apply(LAYER, _ch(((2, 1, 3), (2, 3)), ((1, 2, 3), (1, 3)))),
        ValueError,
        "for widths (1, 2, 1) and 3 input channels",
    ),
    "dws_layer_apply bias keys": (
        lambda: dws_layer_apply({**LAYER, "bias": {"W9": 0}}, _ch(((2, 1, 1), (2, 1)), ((1, 2, 1), (1, 1)))),
        ValueError,
        "`params['bias']` must be empty or have the keys",
    ),
    "widths_of channels differ between layers": (
        lambda: widths_of(_ch(((2, 1, 3), (2, 3)), ((1, 2, 2), (1, 2)))),
        ValueError,
        "`weights` must have one channel count c, got 3 (at W_1) and 2 (at W_2)",
    ),
    "widths_of bias channels": (
        lambda: widths_of(_ch(((2, 1, 3), (2, 2)), ((1, 2, 3), (1, 3)))),
        ValueError,
        "`weights` must have one channel count c, got 3 (at W_1) and 2 (at b_1)",
    ),
    "widths_of layers do not chain": (
        lambda: widths_of(_ch(((2, 1, 3), (2, 3)), ((1, 3, 3), (1, 3)))),
        ValueError,
        "`weights[1]` must hold W_2 of shape (..., 1, 2, c)",
    ),
    "widths_of bias batch": (
        lambda: widths_of(_ch(((5, 2, 1, 3), (4, 2, 3)), ((5, 1, 2, 3), (5, 1, 3)))),
        ValueError,
        "`weights` must share one batch shape, got (5,) (at W_1) and (4,) (at b_1)",
    ),
    "widths_of 1-D W": (
        lambda: widths_of(_ch(((2,), (2, 3)))),
        ValueError,
        "`weights[0]` must hold W_1 of shape (..., d_1, d_0, c)",
    ),
    "widths_of zero width": (
        lambda: widths_of(_ch(((0, 1, 3), (0, 3)))),
        ValueError,
        "`weights[0]` must have positive widths",
    ),
    "widths_of bool": (
        lambda: widths_of([(jnp.zeros((2, 1, 3), bool), jnp.zeros((2, 3)))]),
        TypeError,
        "`weights[0]` must be a real array",
    ),
    "invariant_features string": (lambda: invariant_features("w"), TypeError, "`weights` must be a list"),
    # plrep.nn
    "inr_apply string params": (lambda: inr_apply("p", GRID), TypeError, "`params` must be a non-empty list"),
    "inr_apply empty params": (lambda: inr_apply([], GRID), TypeError, "`params` must be a non-empty list"),
    "inr_apply string x": (lambda: inr_apply(INR, "x"), TypeError, "`x` must be a real array"),
    "inr_apply 2-D x": (lambda: inr_apply(INR, GRID[:, None]), ValueError, "`x` must have shape (P,)"),
    "inr_apply output width 4": (
        lambda: inr_apply(INR[:1], GRID),
        ValueError,
        "`params[0]` must hold W_1 of shape (1, 1)",
    ),
    "inr_apply layers do not chain": (
        lambda: inr_apply([INR[0], (jnp.zeros((1, 3)), jnp.zeros(1))], GRID),
        ValueError,
        "`params[1]` must hold W_2 of shape (1, 4)",
    ),
    "inr_apply batched": (
        lambda: inr_apply([(jnp.zeros((5, 4, 1)), jnp.zeros((5, 4))), INR[1]], GRID),
        ValueError,
        "(an unbatched INR R -> R)",
    ),
    "inr_grid huge": (lambda: inr_grid(10**10), ValueError, "`num_points` must be an integer <= 10000000"),
    "sine_targets 2-D x": (lambda: sine_targets([1.0], [1.0], [[0.0]]), ValueError, "`x` must be 1-D"),
    "sine_targets NaN x": (
        lambda: sine_targets([1.0], [1.0], [NAN]),
        ValueError,
        "`x` must contain only finite",
    ),
    # plrep.weightspace
    "mlp_forward NaN x": (lambda: mlp_forward(MLP, [[NAN, 1.0]]), ValueError, "`x` must contain only finite"),
    "mlp_forward string x": (lambda: mlp_forward(MLP, "ab"), TypeError, "`x` must be a numeric array"),
    "mlp_forward wrong x": (
        lambda: mlp_forward(MLP, np.ones(3)),
        ValueError,
        "`x` must have last axis of length 2",
    ),
    "mlp_forward string entries": (
        lambda: mlp_forward([(np.zeros((3, 2)), ["a", "b", "c"]), MLP[1]], X),
        TypeError,
        "`params[0]` must hold real arrays",
    ),
    "function_change NaN x": (
        lambda: function_change(MLP, MLP, [[1.0, NAN]]),
        ValueError,
        "`x` must contain only finite",
    ),
    "function_change other string": (
        lambda: function_change(MLP, "q", X),
        TypeError,
        "`other` must be a list",
    ),
    "function_change other outputs": (
        lambda: function_change(MLP, weight_space((2, 3, 2)).unflatten(np.zeros(17)), X),
        ValueError,
        "`other` must give outputs of shape (4, 1)",
    ),
    "is_function_invariant rtol nan": (
        lambda: is_function_invariant(MLP, [[1, 0, 2]], X, rtol=NAN),
        ValueError,
        "`rtol` must be a finite real number, got nan",
    ),
    "is_function_invariant rtol negative": (
        lambda: is_function_invariant(MLP, [[1, 0, 2]], X, rtol=-1),
        ValueError,
        "`rtol` must be a non-negative real number, got -1.0",
    ),
    "input_permutation rtol nan": (
        lambda: input_permutation_changes_function(MLP, [1, 0], X, rtol=NAN),
        ValueError,
        "`rtol` must be a finite real number",
    ),
    "input_permutation rtol string": (
        lambda: input_permutation_changes_function(MLP, [1, 0], X, rtol="a"),
        TypeError,
        "`rtol` must be a real number",
    ),
    "unflatten NaN": (
        lambda: SPACE.unflatten(np.full(13, NAN)),
        ValueError,
        "`vector` must contain only finite",
    ),
    "unflatten wrong length": (
        lambda: SPACE.unflatten(np.zeros(12)),
        ValueError,
        "`vector` must have last axis of length 13",
    ),
    "unflatten string": (lambda: SPACE.unflatten("abc"), TypeError, "`vector` must be a numeric array"),
    # plrep.weightspace
    "dws_blocks int64 overflow": (
        lambda: dws_blocks((100000000, 100000000)),
        ValueError,
        "`widths` must keep dim End_G(V) <= 2^63 - 1 (int64), got 100000002000000010000000000000000",
    ),
    "dws_blocks just over int64": (
        lambda: dws_blocks((3037000499, 1)),
        ValueError,
        "`widths` must keep dim End_G(V) <= 2^63 - 1",
    ),
    "block_dimension nullspace huge": (
        lambda: block_dimension((10**8, 10**8), "W1", "W1", method="nullspace"),
        ValueError,
        "nullspace method handles blocks of at most 4096 entries",
    ),
    "invariant_dimension nullspace large object": (
        lambda: invariant_dimension((100, 100, 1), "W1", method="nullspace"),
        ValueError,
        "nullspace method handles blocks of at most 4096 entries, got 1 x 10000 for W1",
    ),
    "invariant_dimension nullspace huge space": (
        lambda: invariant_dimension((2, 3, 10**6, 1), "W1", method="nullspace"),
        ValueError,
        "`widths` must give a weight space of at most 1000000 entries",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_names_the_argument(name):
    call, error, message = CASES[name]
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_shape_checks_run_under_jit_and_reject_at_trace_time():
    eager = dws_apply(NET, RAW)
    np.testing.assert_allclose(jax.jit(dws_apply)(NET, RAW), eager, rtol=1e-5, atol=1e-6)
    layer_in = [(w[..., None], b[..., None]) for w, b in RAW]
    layer = dws_layer_init(jax.random.key(2), WIDTHS, 1, 2)
    for got, want in zip(
        jax.jit(dws_layer_apply)(layer, layer_in), dws_layer_apply(layer, layer_in), strict=True
    ):
        np.testing.assert_allclose(got[0], want[0], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(jax.jit(invariant_features)(layer_in), invariant_features(layer_in))
    with pytest.raises(ValueError, match="must hold the terms of a layer for widths"):
        jax.jit(dws_layer_apply)(LAYER, ONE)
    np.testing.assert_allclose(jax.jit(inr_apply)(INR, GRID), inr_apply(INR, GRID), rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match=r"`x` must have shape \(P,\)"):
        jax.jit(inr_apply)(INR, GRID[:, None])


def test_dws_network_applies_to_any_hidden_width():
    """The layers only learn input/output axes, so one network serves every hidden width."""
    other = weight_space((2, 5, 1)).unflatten(np.zeros((3, weight_space((2, 5, 1)).size), np.float32))
    assert dws_apply(NET, other).shape == (3, 1)


def test_largest_tables_that_fit_are_exact():
    table = dws_blocks((10**4, 10**4))
    assert table.total == 10**16 + 2 * 10**12 + 10**8  # W1<-W1 d0^2 d1^2, W1<->b1 d0 d1^2, b1<-b1 d1^2
    assert table.total_invariant == 10**8 + 10**4


def test_cli_refuses_widths_beyond_int64(capsys):
    assert main(["dws", "100000000,100000000"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "`widths` must keep dim End_G(V) <= 2^63 - 1" in err
