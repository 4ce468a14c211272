"""The array namespace in which plrep's named activations run under JAX.

``plrep.activations`` writes each activation once against an array module ``xp`` (numpy's
functions plus ``erf``); this is that module for JAX: ``jax.numpy`` with ``erf``, ``erfc`` from
``jax.scipy.special``, so ``activation.apply(x, JAX)`` is jittable.
"""

from __future__ import annotations

import jax.numpy as jnp
import jax.scipy.special

__all__ = ["JAX", "apply_activation"]


class _JaxNamespace:
    erf = staticmethod(jax.scipy.special.erf)
    erfc = staticmethod(jax.scipy.special.erfc)

    def __getattr__(self, name: str):
        return getattr(jnp, name)


JAX = _JaxNamespace()


def apply_activation(sigma, x):
    """sigma(x) for a JAX array x; jittable."""
    return sigma.apply(x, JAX)
