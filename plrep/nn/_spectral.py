"""The three steps of an FFT conv layer, apart, so that analysis can reuse the spectra.

``conv_layer`` (``plrep.nn._network``) is ``synthesis(mix_channels(w, spectrum(v))) + b``.
``frequency_flow`` takes each layer's energies from the same spectra (``spectrum`` of a
layer's output is also the next layer's input spectrum), so no FFT is taken twice.
"""

from __future__ import annotations

import jax.numpy as jnp

from plrep.groups import CyclicProduct

__all__ = ["mix_channels", "spectrum", "synthesis"]


def spectrum(x, group: CyclicProduct):
    """rfftn of signals (..., c, |G|) over the grid of G, flattened: (..., c, F), complex.

    F = n_1 ... n_{r-1} (n_r // 2 + 1) frequencies, in row-major order of the rfftn grid
    (entry 0 is the zero frequency).
    """
    factors = group.factors
    grid = x.reshape(*x.shape[:-1], *factors)
    x_hat = jnp.fft.rfftn(grid, axes=tuple(range(-len(factors), 0)))
    return x_hat.reshape(*x.shape[:-1], -1)


def mix_channels(weight, x_hat, group: CyclicProduct):
    """(A v)^ = W(xi) v^(xi): filters (c_out, c_in, |G|) applied to spectra (..., c_in, F)."""
    w_hat = spectrum(weight, group)
    # HIGHEST: GPUs default to TF32-like float32 matmuls (~1e-3 relative), which would blur the
    # exact zeros frequency analysis exists to find; CPUs compute the same either way.
    return jnp.einsum("oif,...if->...of", w_hat, x_hat, precision="highest")


def synthesis(y_hat, group: CyclicProduct):
    """Inverse of ``spectrum``: flattened spectra (..., c, F) -> real signals (..., c, |G|)."""
    factors = group.factors
    half = (*factors[:-1], factors[-1] // 2 + 1)
    grid = y_hat.reshape(*y_hat.shape[:-1], *half)
    y = jnp.fft.irfftn(grid, s=factors, axes=tuple(range(-len(factors), 0)))
    return y.reshape(*y_hat.shape[:-1], group.order)
