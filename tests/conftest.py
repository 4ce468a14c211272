"""Shared test settings (hypothesis profiles sized for a 2-core CI machine) and helpers."""

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

# "ci" (the default) draws the same examples on every run, so a clean clone's CI cannot fail at
# random; "explore" draws new ones each run and more of them, to look for cases CI never tries:
# HYPOTHESIS_PROFILE=explore make test.
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "explore", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _random_params(spec, seed=0, bias_scale=0.3):
    """Generic filters and nonzero invariant biases (numpy draws: no per-shape JAX compiles)."""
    import jax.numpy as jnp

    from plrep.nn import NetworkParams

    rng = np.random.default_rng(seed)
    return NetworkParams(
        spec,
        {
            name: jnp.asarray(
                rng.normal(size=shape) * (bias_scale if name.endswith("bias") else 0.5), jnp.float32
            )
            for name, shape in spec.parameter_shapes().items()
        },
    )


@pytest.fixture(scope="session")
def random_params():
    """``random_params(spec, seed=0, bias_scale=0.3)``: a C_n network with generic parameters."""
    return _random_params


def _mpmath_activation(spec: str, x: float) -> float:
    """plrep's activation ``spec`` at the float ``x``, in 50-digit mpmath, rounded once to float64.

    Written from the definitions (docs of plrep.activations), not from plrep's code: the
    reference for the library's and the explorer page's activations alike.
    """
    import mpmath

    with mpmath.workdps(50):
        x = mpmath.mpf(float(x))
        family, _, parameter = spec.partition(":")
        if family == "prelu":
            value = x if x >= 0 else mpmath.mpf(float(parameter)) * x
        elif family == "pow":
            value = x ** int(parameter)
        else:
            value = {
                "relu": lambda: max(x, 0),
                "abs": lambda: abs(x),
                "leaky_relu": lambda: x if x >= 0 else mpmath.mpf(0.01) * x,
                "identity": lambda: x,
                "elu": lambda: x if x > 0 else mpmath.expm1(x),
                "gelu": lambda: x / 2 * mpmath.erfc(-x / mpmath.sqrt(2)),
                "silu": lambda: x / (1 + mpmath.exp(-x)),
                "softplus": lambda: mpmath.log1p(mpmath.exp(x)),
                "tanh": lambda: mpmath.tanh(x),
                "frelu": lambda: min(x, 0),
                "sigmoid": lambda: 1 / (1 + mpmath.exp(-x)),
                # The authors' zigzag: -u - 3, u + 3, 3 - 2u, u/2 - 9/2 on the four pieces.
                "sawtooth": lambda: (
                    -x - 3
                    if x < -3
                    else x + 3
                    if x < 0
                    else 3 - 2 * x
                    if x < 3
                    else x / 2 - mpmath.mpf(9) / 2
                ),
            }[spec]()
        return float(value)


def _assert_activation_accurate(spec: str, xs, values) -> None:
    """``values`` (sigma at ``xs``) against the mpmath reference: within a few float64 roundings.

    gelu(x) = x erfc(-x / sqrt 2) / 2 rounds x / sqrt 2 once, and e^{-x^2 / 2} turns that into a
    relative error of about x^2 * 1e-16 (2e-13 at x = -36): the bound grows with x^2 there.
    Below the smallest normal float64 only an absolute bound makes sense (subnormals).
    """
    xs, values = np.asarray(xs, float), np.asarray(values, float)
    expected = np.array([_mpmath_activation(spec, x) for x in xs])
    tiny = np.finfo(float).tiny
    rtol = 1e-15 * (1 + xs**2) if spec == "gelu" else np.full(xs.shape, 2e-15)
    error = np.abs(values - expected)
    bad = np.where(np.abs(expected) >= tiny, error > rtol * np.abs(expected), error > 2 * tiny)
    assert not bad.any(), (spec, xs[bad][:5], values[bad][:5], expected[bad][:5])


@pytest.fixture(scope="session")
def assert_activation_accurate():
    """``check(spec, xs, values)``: sigma's values against 50-digit mpmath (``_mpmath_activation``)."""
    return _assert_activation_accurate


@pytest.fixture
def refuses():
    """The runner of every ``BAD_INPUT`` table: ``refuses(call, error, message)``.

    ``call()`` must raise ``error`` (TypeError, ValueError, ...) with ``message`` in its text;
    the tables (tests/*/test_bad_input.py) hold one row per bad input found, whatever found it.
    """

    def check(call, error, message):
        with pytest.raises(error) as info:
            call()
        assert message in str(info.value), f"{message!r} not in {str(info.value)!r}"

    return check


def _generic_params(init, *args, seed: int = 0, scale: float = 0.5, **kwargs):
    """``init(*args, **kwargs)``'s pytree (found by ``jax.eval_shape``: traced, never compiled)
    filled with numpy normal draws times ``scale``: generic parameters for symmetry checks.

    Initialisers that draw each block with its own ``jax.random.normal`` compile once per block
    shape (``dws_layer_init`` on (2, 5, 4, 1): about 100 compiles, most of a test's time).
    """
    import jax
    import jax.numpy as jnp

    shapes = jax.eval_shape(lambda: init(*args, **kwargs))
    leaves, tree = jax.tree_util.tree_flatten(shapes)
    rng = np.random.default_rng(seed)
    return jax.tree_util.tree_unflatten(
        tree, [jnp.asarray(rng.normal(size=leaf.shape) * scale, leaf.dtype) for leaf in leaves]
    )


@pytest.fixture(scope="session")
def generic_params():
    """``generic_params(init, *args, seed=0, scale=0.5, **kwargs)``: see ``_generic_params``."""
    return _generic_params
