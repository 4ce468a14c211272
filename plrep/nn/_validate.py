"""Input checks for the JAX modules: they look only at shapes, dtypes and keys, so they also
work on tracers inside ``jax.jit`` (no values are read or printed)."""

from __future__ import annotations

from collections.abc import Mapping

import jax
import jax.numpy as jnp
import numpy as np

from plrep._validate import describe

# The largest seed ``jax.random.key`` takes (a signed 64-bit integer); numpy's generators take any.
MAX_SEED = 2**63 - 1


def describe_value(value: object) -> str:
    """Like ``describe``, but short for dicts and for JAX arrays and tracers (no values)."""
    if isinstance(value, Mapping):
        return f"a dict with keys {sorted(map(str, value))}"
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        return f"an array of shape {tuple(value.shape)} and dtype {value.dtype}"
    return describe(value)


def _numeric(array: np.ndarray) -> np.ndarray:
    if array.dtype.kind not in "biuf":
        raise TypeError(f"expected a real dtype, got {array.dtype}")
    return array


def real_array(value: object, name: str) -> jax.Array:
    """``value`` as a JAX array of a real (integer or floating, not bool) dtype."""
    try:  # numpy first for plain Python input: jnp.asarray reads a str as a dtype name
        array = jnp.asarray(value if hasattr(value, "dtype") else _numeric(np.asarray(value)))
    except (TypeError, ValueError) as error:
        raise TypeError(f"`{name}` must be a real array, got {describe_value(value)} instead") from error
    if array.dtype == jnp.bool_ or not (
        jnp.issubdtype(array.dtype, jnp.floating) or jnp.issubdtype(array.dtype, jnp.integer)
    ):
        raise TypeError(f"`{name}` must be a real array, got {describe_value(array)} instead")
    return array


def check_finite_if_concrete(array, name: str):
    """Refuse NaN or infinity where the values are known (outside jit); tracers pass unchecked."""
    if isinstance(array, jax.core.Tracer):
        return array
    # Checked on the host in numpy: jnp on a concrete array would still be staged (a tracer)
    # when this runs while a jit is tracing with the array closed over, and casting float64
    # input to JAX's float32 could overflow before the check.
    if not bool(np.all(np.isfinite(np.asarray(array)))):
        raise ValueError(f"`{name}` must contain only finite values, got NaN or infinity instead")
    return array


def check_key(key: object, name: str = "key"):
    """A single ``jax.random`` key: a typed key (``jax.random.key``) or raw uint32 data of shape (2,)."""
    dtype, shape = getattr(key, "dtype", None), getattr(key, "shape", None)
    if dtype is not None and jax.dtypes.issubdtype(dtype, jax.dtypes.prng_key) and shape == ():
        return key
    if dtype == np.uint32 and shape == (2,):  # jax.random.PRNGKey(seed)
        return key
    raise TypeError(f"`{name}` must be one key from jax.random.key(seed), got {describe_value(key)} instead")
