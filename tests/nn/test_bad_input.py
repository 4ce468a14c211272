"""Bad input to the public entry points of plrep.nn: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import plrep
from plrep import nn
from plrep.nn import (
    NetworkParams,
    NetworkSpec,
    band_of_simples,
    check_containment,
    dws_apply,
    dws_init,
    dws_layer_apply,
    dws_layer_init,
    empirical_graph,
    frequency_bands,
    init,
    inr_apply,
    inr_grid,
    inr_init,
    invariant_features,
    load,
    save,
    simple_inputs,
    sine_targets,
    widths_of,
)
from plrep.weightspace import weight_space

C8 = plrep.cyclic(8)
WIDTHS = (2, 3, 1)
SPACE = weight_space(WIDTHS)
RAW = SPACE.unflatten(np.linspace(-1, 1, 4 * SPACE.size).reshape(4, SPACE.size).astype(np.float32))
NET = dws_init(jax.random.key(0), WIDTHS, channels=(2,))
LAYER = dws_layer_init(jax.random.key(1), (1, 2, 1), 1, 1)
ONE = [(jnp.zeros((1, 1, 1)), jnp.zeros((1, 1))), (jnp.zeros((1, 1, 1)), jnp.zeros((1, 1)))]  # (1, 1, 1)
INR = inr_init(jax.random.key(0), (1, 4, 1))
GRID = inr_grid(8)
NAN = float("nan")


def _key():
    return jax.random.key(0)


def _ch(*shapes):
    """Channel-last weights from (W shape, b shape) pairs."""
    return [(jnp.zeros(w), jnp.zeros(b)) for w, b in shapes]


def _classifier():
    return init(jax.random.key(0), NetworkSpec("C8", (1, 4), "relu", readout=3))


def _data():
    x = np.random.default_rng(0).normal(size=(20, 1, 8)).astype(np.float32)
    return x, np.arange(20) % 3


def _cases():
    flow = nn_train = trained = nn
    params = _classifier()
    x, y = _data()
    nan_params = NetworkParams(params.spec, {k: v * np.nan for k, v in params.arrays.items()})
    simple_flow = flow.frequency_flow(params, samples=2)
    return {
        "apply of a string": (lambda: nn.apply("p", x), TypeError, "`params` must be NetworkParams"),
        "apply_dense of None": (lambda: nn.apply_dense(None, x), TypeError, "`params` must be NetworkParams"),
        "apply complex input": (lambda: nn.apply(params, x * 1j), TypeError, "`x` must be a real array"),
        "weight of layer 5": (lambda: params.weight(5), ValueError, "`layer` must be an integer <= 0"),
        "circulant_matrix of a spec": (
            lambda: nn.circulant_matrix(np.ones((2, 2, 8)), "C8"),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "circulant_matrix 2-d weight": (
            lambda: nn.circulant_matrix(np.ones((2, 8)), C8),
            ValueError,
            "`weight` must have shape (c_out, c_in, 8)",
        ),
        "conv_layer bias shape": (
            lambda: nn.conv_layer(np.ones((2, 1, 8)), np.zeros(3), np.ones((1, 8)), C8),
            ValueError,
            "`bias` must have shape (2,)",
        ),
        "conv_layer input channels": (
            lambda: nn.conv_layer(np.ones((2, 1, 8)), np.zeros(2), np.ones((2, 8)), C8),
            ValueError,
            "`x` must have shape (..., 1, 8)",
        ),
        "accuracy batch_size -1": (
            lambda: nn_train.accuracy(params, x, y, batch_size=-1),
            ValueError,
            "`batch_size` must be an integer >= 1",
        ),
        "accuracy empty": (
            lambda: nn_train.accuracy(params, x[:0], y[:0]),
            ValueError,
            "`x` must hold at least one",
        ),
        "accuracy labels out of range": (
            lambda: nn_train.accuracy(params, x, y + 5),
            ValueError,
            "`y` must hold integer labels in 0..2",
        ),
        "cross_entropy short labels": (
            lambda: nn_train.cross_entropy(params, x, y[:5]),
            ValueError,
            "`y` must have shape (20,)",
        ),
        "train nan input": (
            lambda: nn_train.train(params, np.full_like(x, np.nan), y, steps=1, batch_size=4, progress=False),
            ValueError,
            "`x` must contain only finite values",
        ),
        "train negative learning rate": (
            lambda: nn_train.train(params, x, y, steps=1, batch_size=4, learning_rate=-1.0, progress=False),
            ValueError,
            "`learning_rate` must be positive",
        ),
        "simple_inputs of a spec": (
            lambda: flow.simple_inputs("C8", 1, (2, 1)),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "simple_inputs negative size": (
            lambda: flow.simple_inputs(C8, 1, (2, -1)),
            ValueError,
            "`shape` must be",
        ),
        "simple_inputs nan scale": (
            lambda: flow.simple_inputs(C8, 1, (2, 1), scale=float("nan")),
            ValueError,
            "`scale` must be a finite real number",
        ),
        "frequency_flow negative seed": (
            lambda: flow.frequency_flow(params, seed=-1),
            ValueError,
            "`seed` must be an integer >= 0",
        ),
        "frequency_flow empty data": (
            lambda: flow.frequency_flow(params, np.ones((0, 1, 8))),
            ValueError,
            "`data` must hold at least one sample",
        ),
        "frequency_flow NaN data": (
            lambda: flow.frequency_flow(params, np.full((3, 1, 8), np.nan)),
            ValueError,
            "`data` must contain only finite values within float32 range",
        ),
        "frequency_flow data beyond float32": (
            lambda: flow.frequency_flow(params, np.full((3, 1, 8), 1e300)),
            ValueError,
            "`data` must contain only finite values within float32 range",
        ),
        "frequency_flow complex data": (
            lambda: flow.frequency_flow(params, np.ones((3, 1, 8)) * 1j),
            TypeError,
            "`data` must be a real array",
        ),
        "frequency_flow string data": (
            lambda: flow.frequency_flow(params, np.array([["a"] * 8])),
            TypeError,
            "`data` must be a numeric array",
        ),
        "frequency_flow no devices": (
            lambda: flow.frequency_flow(params, samples=2, devices=[]),
            ValueError,
            "`devices` must name at least one device",
        ),
        "train no devices": (
            lambda: nn_train.train(params, x, y, steps=1, batch_size=4, devices=[]),
            ValueError,
            "`devices` must name at least one device",
        ),
        "relative of an unknown stage": (
            lambda: simple_flow.relative("foo"),
            ValueError,
            "`stage` must be one of",
        ),
        "check_containment negative tolerance": (
            lambda: flow.check_containment(simple_flow, tolerance=-1.0),
            ValueError,
            "`tolerance` must be a relative energy in [0, 1)",
        ),
        "empirical_graph tolerance 2": (
            lambda: flow.empirical_graph(simple_flow, tolerance=2.0),
            ValueError,
            "`tolerance` must be a relative energy in [0, 1)",
        ),
        "band_of_simples of a spec": (
            lambda: band_of_simples("C8", 3),
            TypeError,
            "`group` must be a CyclicProduct",
        ),
        "save non-finite weights": (
            lambda: trained.save("/nonexistent/never-written.npz", nan_params),
            ValueError,
            "`layers.0.weight` must contain only finite values",
        ),
        "save extra not JSON": (
            lambda: trained.save("/nonexistent/never-written.npz", params, extra={"x": object()}),
            TypeError,
            "`extra` must be JSON-serialisable",
        ),
        "10^12 simple inputs": (
            lambda: simple_inputs(C8, 1, (10**6, 10**6)),
            ValueError,
            "`shape` must give at most",
        ),
        "containment of a string": (
            lambda: check_containment("f"),
            TypeError,
            "`flow` must be a FrequencyFlow",
        ),
        "empirical graph of a string": (
            lambda: empirical_graph("f"),
            TypeError,
            "`flow` must be a FrequencyFlow",
        ),
        "zero boost": (lambda: frequency_bands("C8", 10, boost=0), ValueError, "`boost` must be positive"),
        "load(None)": (lambda: load(None), TypeError, "`weights` must be a file path"),
        "save to a number": (
            lambda: save(5, init(_key(), NetworkSpec("C4", (1, 2)))),
            TypeError,
            "`path` must be a file path",
        ),
        "dws_apply empty params": (lambda: dws_apply({}, RAW), TypeError, "`params` must be a dict"),
        "dws_apply string params": (lambda: dws_apply("p", RAW), TypeError, "`params` must be a dict"),
        "dws_apply string weights": (
            lambda: dws_apply(NET, "a"),
            TypeError,
            "`weights` must be a list of (W, b)",
        ),
        "dws_apply empty weights": (
            lambda: dws_apply(NET, []),
            ValueError,
            "`weights` must be a non-empty list",
        ),
        "dws_apply pair of strings": (
            lambda: dws_apply(NET, [("a", "b")]),
            TypeError,
            "`weights[0]` must be a real",
        ),
        "dws_apply not a pair": (
            lambda: dws_apply(NET, [RAW[0][0]]),
            TypeError,
            "`weights[0]` must be a pair",
        ),
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
            # a head for 3 channels (15 rows) after no layer (1 channel: 5 rows, or 10 with mean_max)
            lambda: dws_apply(
                {"layers": [], "head": dws_init(jax.random.key(0), WIDTHS, channels=(3,))["head"]}, RAW
            ),
            ValueError,
            "`params['head']` must be [(W (5, H)",
        ),
        "dws_init channels int": (
            lambda: dws_init(jax.random.key(0), WIDTHS, channels=5),
            TypeError,
            "`channels` must be a sequence",
        ),
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
            lambda: dws_layer_apply(
                {**LAYER, "bias": {"W9": 0}}, _ch(((2, 1, 1), (2, 1)), ((1, 2, 1), (1, 1)))
            ),
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
        "inr_apply string params": (
            lambda: inr_apply("p", GRID),
            TypeError,
            "`params` must be a non-empty list",
        ),
        "inr_apply empty params": (
            lambda: inr_apply([], GRID),
            TypeError,
            "`params` must be a non-empty list",
        ),
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
        "inr_grid huge": (
            lambda: inr_grid(10**10),
            ValueError,
            "`num_points` must be an integer <= 10000000",
        ),
        "sine_targets 2-D x": (lambda: sine_targets([1.0], [1.0], [[0.0]]), ValueError, "`x` must be 1-D"),
        "sine_targets NaN x": (
            lambda: sine_targets([1.0], [1.0], [NAN]),
            ValueError,
            "`x` must contain only finite",
        ),
    }


NAMES = (
    "10^12 simple inputs",
    "accuracy batch_size -1",
    "accuracy empty",
    "accuracy labels out of range",
    "apply complex input",
    "apply of a string",
    "apply_dense of None",
    "band_of_simples of a spec",
    "check_containment negative tolerance",
    "circulant_matrix 2-d weight",
    "circulant_matrix of a spec",
    "containment of a string",
    "conv_layer bias shape",
    "conv_layer input channels",
    "cross_entropy short labels",
    "dws_apply batch mismatch",
    "dws_apply empty params",
    "dws_apply empty weights",
    "dws_apply head for other channels",
    "dws_apply not a pair",
    "dws_apply other input width",
    "dws_apply pair of strings",
    "dws_apply scalars",
    "dws_apply short head",
    "dws_apply string params",
    "dws_apply string weights",
    "dws_init channels int",
    "dws_layer_apply bias keys",
    "dws_layer_apply other channel count",
    "dws_layer_apply params for other widths",
    "empirical graph of a string",
    "empirical_graph tolerance 2",
    "frequency_flow NaN data",
    "frequency_flow complex data",
    "frequency_flow data beyond float32",
    "frequency_flow empty data",
    "frequency_flow negative seed",
    "frequency_flow no devices",
    "frequency_flow string data",
    "inr_apply 2-D x",
    "inr_apply batched",
    "inr_apply empty params",
    "inr_apply layers do not chain",
    "inr_apply output width 4",
    "inr_apply string params",
    "inr_apply string x",
    "inr_grid huge",
    "invariant_features string",
    "load(None)",
    "relative of an unknown stage",
    "save extra not JSON",
    "save non-finite weights",
    "save to a number",
    "simple_inputs nan scale",
    "simple_inputs negative size",
    "simple_inputs of a spec",
    "sine_targets 2-D x",
    "sine_targets NaN x",
    "train nan input",
    "train negative learning rate",
    "train no devices",
    "weight of layer 5",
    "widths_of 1-D W",
    "widths_of bias batch",
    "widths_of bias channels",
    "widths_of bool",
    "widths_of channels differ between layers",
    "widths_of layers do not chain",
    "widths_of zero width",
    "zero boost",
)


@pytest.fixture(scope="module")
def bad_input():
    return _cases()


def test_every_case_is_listed(bad_input):
    assert sorted(bad_input) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_bad_input_names_the_argument(bad_input, name, refuses):
    refuses(*bad_input[name])


def test_load_names_a_directory_and_save_refuses_missing_folders(tmp_path):
    with pytest.raises(ValueError, match="which is a directory"):
        load(tmp_path)
    params = init(_key(), NetworkSpec("C4", (1, 2)))
    with pytest.raises(ValueError, match="which is in a folder that does not exist"):
        save(tmp_path / "missing" / "net.npz", params)
    assert not (tmp_path / "missing").exists()


def test_train_progress_must_be_a_bool():
    from plrep.nn import train

    params = init(_key(), NetworkSpec("C4", (1, 2), readout=2))
    x, y = np.zeros((4, 1, 4)), np.zeros(4, dtype=int)
    with pytest.raises(TypeError, match="`progress` must be a bool"):
        train(params, x, y, steps=1, batch_size=4, progress="no")


@pytest.mark.parametrize("which", ["nn", "dws", "dws_layer", "inr"])
@pytest.mark.parametrize("bad_key", ["a", 5, np.zeros(3, dtype=np.uint32)])
def test_initialisers_want_one_jax_key(which, bad_key):
    from plrep.nn import dws_init, dws_layer_init, inr_init

    call = {
        "nn": lambda key: init(key, NetworkSpec("C4", (1, 2))),
        "dws": lambda key: dws_init(key, (1, 2, 1)),
        "dws_layer": lambda key: dws_layer_init(key, (1, 2, 1), 1, 2),
        "inr": lambda key: inr_init(key, (1, 4, 1)),
    }[which]
    with pytest.raises(TypeError, match=r"`key` must be one key from jax\.random\.key"):
        call(bad_key)
    import jax

    call(jax.random.key(0))  # typed keys and raw PRNGKey data both work
    call(jax.random.PRNGKey(0))


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


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("w", np.zeros(2), np.zeros((1, 3, 4))), TypeError, "`weight` must be a real array"),
        (
            (np.zeros(3), np.zeros(2), np.zeros((1, 3, 4))),
            ValueError,
            "`weight` must have shape (outputs, c)",
        ),
        ((np.zeros((2, 3)), np.zeros(3), np.zeros((1, 3, 4))), ValueError, "`bias` must have shape (2,)"),
        (
            (np.zeros((2, 3)), np.zeros(2), np.zeros((1, 5, 4))),
            ValueError,
            "`x` must have shape (..., 3, |G|)",
        ),
        (
            (np.zeros((2, 3)), np.zeros(2), np.full((1, 3, 4), np.nan)),
            ValueError,
            "`x` must contain only finite",
        ),
        (
            (np.full((2, 3), np.inf), np.zeros(2), np.zeros((1, 3, 4))),
            ValueError,
            "`weight` must contain only",
        ),
    ],
)
def test_invariant_readout_checks_its_arguments(args, error, message, refuses):
    refuses(lambda: nn.invariant_readout(*args), error, message)


def test_invariant_readout_is_the_mean_over_g_then_dense():
    rng = np.random.default_rng(0)
    weight, bias, x = rng.normal(size=(2, 3)), rng.normal(size=2), rng.normal(size=(5, 3, 8))
    want = np.einsum("oc,bcg->bo", weight, x) / 8 + bias  # mean over G written as a sum / |G|
    np.testing.assert_allclose(np.asarray(nn.invariant_readout(weight, bias, x)), want, rtol=1e-5, atol=1e-6)
    # Under jit the shapes are still checked (tracers skip only the value check).
    np.testing.assert_allclose(
        np.asarray(jax.jit(nn.invariant_readout)(weight, bias, x)), want, rtol=1e-5, atol=1e-6
    )
