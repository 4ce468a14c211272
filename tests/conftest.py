"""Shared test settings (hypothesis profiles sized for a 2-core CI machine) and helpers."""

import numpy as np
import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


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
