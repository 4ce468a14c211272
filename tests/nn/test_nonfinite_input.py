"""JAX entry points refuse NaN and infinity eagerly (values are concrete outside jit), naming the
argument; under jit the values are tracers and only shapes are checked."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from plrep.nn import (
    NetworkSpec,
    apply,
    apply_with_intermediates,
    dws_apply,
    dws_init,
    init,
    inr_apply,
    inr_init,
)

NET_SPEC = NetworkSpec("C4", (1, 2), readout=2)
NET = init(jax.random.key(0), NET_SPEC)
X = np.ones((3, 1, 4), np.float32)
MLP = [
    (np.ones((3, 2), np.float32), np.ones(3, np.float32)),
    (np.ones((1, 3), np.float32), np.ones(1, np.float32)),
]
DWS = dws_init(jax.random.key(1), (2, 3, 1), channels=(2,), head_width=4)
INR = inr_init(jax.random.key(2), (1, 4, 1))
GRID = np.linspace(-np.pi, np.pi, 8).astype(np.float32)


def _with(array, index, value):
    out = np.array(array, copy=True)
    out[index] = value
    return out


def _net_with(name, value):
    arrays = dict(NET.arrays)
    arrays[name] = _with(arrays[name], (0,) * arrays[name].ndim, value)
    return type(NET)(NET_SPEC, arrays)


def _mlp_with(layer, part, value):
    pairs = [list(p) for p in MLP]
    pairs[layer][part] = _with(pairs[layer][part], (0,) * pairs[layer][part].ndim, value)
    return [tuple(p) for p in pairs]


def _dws_with(value):
    net = jax.tree_util.tree_map(np.array, DWS)
    net["head"][0][0][0, 0] = value
    return net


def _inr_with(value):
    return [(_with(INR[0][0], (0, 0), value), INR[0][1]), INR[1]]


BAD = {
    "apply nan x": (lambda: apply(NET, _with(X, (0, 0, 1), np.nan)), "`x`"),
    "apply inf x": (lambda: apply(NET, _with(X, (2, 0, 3), -np.inf)), "`x`"),
    "apply nan weight": (lambda: apply(_net_with("layers.0.weight", np.nan), X), "layers.0.weight"),
    "apply inf readout bias": (lambda: apply(_net_with("readout.bias", np.inf), X), "readout.bias"),
    "apply_with_intermediates nan x": (
        lambda: apply_with_intermediates(NET, _with(X, (1, 0, 2), np.nan)),
        "`x`",
    ),
    "dws_apply nan W1": (lambda: dws_apply(DWS, _mlp_with(0, 0, np.nan)), "`weights[0][0]`"),
    "dws_apply inf b2": (lambda: dws_apply(DWS, _mlp_with(1, 1, np.inf)), "`weights[1][1]`"),
    "dws_apply nan head": (lambda: dws_apply(_dws_with(np.nan), MLP), "`params['head'][0][0]`"),
    "inr_apply nan x": (lambda: inr_apply(INR, _with(GRID, 3, np.nan)), "`x`"),
    "inr_apply inf weight": (lambda: inr_apply(_inr_with(np.inf), GRID), "`params[0][0]`"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_non_finite_values_are_refused_naming_the_argument(name):
    call, argument = BAD[name]
    with pytest.raises(ValueError, match="must contain only finite values") as info:
        call()
    assert argument in str(info.value)


def test_jit_still_traces_and_finite_input_runs():
    np.testing.assert_allclose(jax.jit(apply)(NET, X), apply(NET, X), rtol=1e-6)
    np.testing.assert_allclose(jax.jit(dws_apply)(DWS, MLP), dws_apply(DWS, MLP), rtol=1e-5)
    np.testing.assert_allclose(jax.jit(inr_apply)(INR, GRID), inr_apply(INR, GRID), rtol=1e-5, atol=1e-6)
    # under jit values are unknown: NaN flows through rather than raising at trace time
    assert np.isnan(np.asarray(jax.jit(inr_apply)(INR, _with(GRID, 3, np.nan)))).any()


def test_values_beyond_float32_are_refused_not_turned_into_infinity():
    with pytest.raises(
        ValueError, match=r"^`x` must hold values of magnitude at most 3\.403e\+38 \(float32\)"
    ):
        apply(NET, _with(X.astype(np.float64), (0, 0, 0), 1e300))


def test_parameters_closed_over_by_a_jitted_function_are_checked_on_the_host():
    # While jit traces, jnp operations even on concrete closed-over arrays give tracers; the
    # check must read them on the host (numpy), not stage them (TracerBoolConversionError).
    forward = jax.jit(lambda x: apply_with_intermediates(NET, x)[1].post[0])
    np.testing.assert_allclose(forward(X), apply_with_intermediates(NET, X)[1].post[0], rtol=1e-6)
    bad = _net_with("layers.0.weight", np.nan)
    with pytest.raises(ValueError, match=r"layers\.0\.weight"):
        jax.jit(lambda x: apply(bad, x))(X)
