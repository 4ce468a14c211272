"""Energies per simple computed on the device, inside jitted code.

``device_energies(gset)`` returns a jittable ``f(a) -> e`` with a of shape (..., |X|) (the
G-set axis last) and e of shape (..., num_simples), e[..., L] = ||P_L a||^2
(docs/math.md §2), so that only the small (units x simples) totals leave the device:

* regular module of a cyclic product: the real FFT over the factors, power
  |F(xi)|^2 / |G| weighted by 2 for the rfft entries that stand for a pair {xi, -xi}, summed per
  simple with ``jax.ops.segment_sum`` (exact additions, no matmul);
* any other G-set: the stack of isotypic projectors P (num_simples, |X|, |X|), from
  ``plrep.decomposition.dense_projector``, and e = ||P_L a||^2 by an einsum at
  ``precision=HIGHEST`` (full float32 on GPUs, whose default matmul precision is TF32-like).

Precision: the result has the dtype of a (float32 unless ``jax_enable_x64`` and a float64
input); energies are then accurate to about 1e-6 of the unit's energy.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from plrep.decomposition import dense_projector
from plrep.groups import CyclicProduct
from plrep.gsets import GSet, as_gset

__all__ = ["MAX_PROJECTOR_ENTRIES", "device_energies"]

# num_simples x |X|^2 projector entries kept on the device (4 bytes each: 256 MiB at most).
MAX_PROJECTOR_ENTRIES = 2**26


def _fft_layout(group: CyclicProduct) -> tuple[np.ndarray, np.ndarray]:
    """Simple id and pair weight (1 or 2) of every rfftn entry, both flattened."""
    factors = group.factors
    shape = (*factors[:-1], factors[-1] // 2 + 1)
    grids = np.meshgrid(*(np.arange(s) for s in shape), indexing="ij")
    ids = group.simple_ids(np.stack(grids, axis=-1)).ravel()
    last = np.full(shape[-1], 2.0)
    last[0] = 1.0
    if factors[-1] % 2 == 0:
        last[-1] = 1.0
    weights = np.broadcast_to(last, shape).ravel()
    return ids, weights


def spectrum_energies(group: CyclicProduct):
    """A jittable map from summed powers |x^(xi)|^2 (..., F) of flattened rfftn spectra
    (``plrep.nn._spectral.spectrum``) to energies per simple (..., num_simples).

    Powers add over samples and channels, so callers sum them first and call this once on the
    totals (few segment sums instead of one per sample).
    """
    ids, weights = _fft_layout(group)
    num = group.num_simples

    def energies(power):
        weighted = power * jnp.asarray(weights / group.order, power.dtype)
        lead = weighted.shape[:-1]
        summed = jax.ops.segment_sum(weighted.reshape(-1, ids.size).T, jnp.asarray(ids), num_segments=num)
        return summed.T.reshape(*lead, num)

    return energies


def power(spectrum):
    """|x^|^2 of a complex spectrum, in its real dtype."""
    return jnp.square(spectrum.real) + jnp.square(spectrum.imag)


def _fft_energies(group: CyclicProduct):
    factors = group.factors
    per_simple = spectrum_energies(group)

    def energies(a):
        lead = a.shape[:-1]
        grid = a.reshape(*lead, *factors)
        spectrum = jnp.fft.rfftn(grid, axes=tuple(range(-len(factors), 0)))
        return per_simple(power(spectrum).reshape(*lead, -1))

    return energies


def _projector_energies(gset: GSet):
    group = gset.group
    entries = group.num_simples * gset.size**2
    if entries > MAX_PROJECTOR_ENTRIES:
        raise ValueError(
            f"`space` must have num_simples x |X|^2 <= {MAX_PROJECTOR_ENTRIES} for on-device projectors, "
            f"got {group.num_simples} x {gset.size}^2 = {entries} instead"
        )
    stack = np.stack([dense_projector(gset, s) for s in range(group.num_simples)])

    def energies(a):
        projected = jnp.einsum("sxy,...y->...sx", jnp.asarray(stack, a.dtype), a, precision="highest")
        return jnp.sum(jnp.square(projected), axis=-1)  # ||P a||^2: never negative, unlike <a, P a>

    return energies


def device_energies(gset: GSet):
    """A jittable map (..., |X|) -> (..., num_simples) of energies per simple (module docstring).

    Args:
        gset: a G-set, a group (its regular module) or a spec such as ``"S4:natural"``.

    Example:
        >>> import jax, jax.numpy as jnp
        >>> energy = jax.jit(device_energies("C4"))
        >>> energy(jnp.array([1.0, 0.0, 0.0, 0.0])).round(4).tolist()
        [0.25, 0.5, 0.25]
    """
    gset = as_gset(gset, "gset")
    if isinstance(gset.group, CyclicProduct) and gset.is_regular:
        return _fft_energies(gset.group)
    return _projector_energies(gset)
