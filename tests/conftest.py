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
