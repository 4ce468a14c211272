"""Numerical interaction graphs: sample vectors in each simple, apply sigma, project.

L_i -> L_j is decided from the relative strength ||P_j sigma(v)|| / ||sigma(v)||, maximised
over the samples v. Samples are generic vectors of the L_i-isotypic component (projected
Gaussian vectors, every multiplicity covered) at several amplitudes and both signs, so
amplitude-dependent activations (dead zones, min(x, 0) on negative constants) are caught,
unlike with the unit basis vectors of the authors' notebooks (``basis_samples``).

For C_n a faster path gives the same numbers: a vector of L_k is periodic with period
d = ord(k), so it is sampled on C_d; and L_k = L_{k' n/d} with k' a unit mod d is the image
of L_{n/d} under the automorphism x -> k' x of C_d, which maps frequency j' to k' j'. So
one sample set per divisor d of n decides every edge (see ``cyclic_strengths``).
"""

from __future__ import annotations

import numpy as np

from plrep.activations import Activation
from plrep.fourier import decompose, energies, multiplicities
from plrep.graphs_rules import divisors
from plrep.groups import cyclic

__all__ = [
    "AMPLITUDES",
    "MAX_SAMPLE_FLOATS",
    "basis_strengths",
    "check_sample_memory",
    "cyclic_strengths",
    "generic_strengths",
]

# Large amplitudes matter for smooth activations: sigma(A cos x) has Fourier coefficients that
# decay like exp(-c m / A), so far harmonics rise above float64 noise only for large A.
AMPLITUDES = (0.1, 0.5, 2.0, 8.0, 32.0, 128.0, 512.0, 2048.0)
DIRECTIONS = 3  # random directions per amplitude (each also taken with the opposite sign)
MAX_SAMPLE_FLOATS = 2**27  # 1 GiB of float64 samples at once


def _relative_strength(sigma: Activation, space, vectors: np.ndarray) -> np.ndarray:
    """max over samples of ||P_j sigma(v)|| / ||sigma(v)||, shape (num_simples,)."""
    values = sigma(vectors)
    if values.shape != vectors.shape or not np.all(np.isfinite(values)):
        raise ValueError(f"`activation` {sigma.name!r} must return finite values of its input's shape")
    # Rescale each sample (the strength is a ratio) so that squares cannot overflow, e.g. x^64.
    peak = np.abs(values).max(axis=-1, keepdims=True)
    energy = energies(space, values / np.where(peak > 0, peak, 1.0))
    total = energy.sum(axis=-1, keepdims=True)
    nonzero = total[..., 0] > 0
    if not np.any(nonzero):
        return np.zeros(energy.shape[-1])
    return np.sqrt(np.clip(energy[nonzero] / total[nonzero], 0, None)).max(axis=0)


def _scaled(vectors: np.ndarray) -> np.ndarray:
    """Each vector at every amplitude (max |v| = amplitude) and with both signs."""
    peak = np.abs(vectors).max(axis=-1, keepdims=True)
    unit = vectors / np.where(peak > 0, peak, 1.0)
    scaled = np.concatenate([a * unit for a in AMPLITUDES])
    return np.concatenate([scaled, -scaled])


def generic_strengths(space, size: int, num_simples: int, sigma: Activation, rng) -> np.ndarray:
    """Strength matrix (num_simples x num_simples) for any space with an FFT/projector path."""
    check_sample_memory(size)
    present = multiplicities(space) > 0
    gaussian = rng.normal(size=(DIRECTIONS, size))
    decomposition = decompose(space, gaussian)
    strengths = np.zeros((num_simples, num_simples))
    for i in np.flatnonzero(present):
        strengths[i] = _relative_strength(sigma, space, _scaled(decomposition.project(int(i))))
    return strengths


def basis_strengths(group, sigma: Activation) -> np.ndarray:
    """The authors' method: only the Fourier basis vectors of each simple, amplitude 1."""
    from plrep.maps import fourier_basis

    strengths = np.zeros((group.num_simples, group.num_simples))
    for i in range(group.num_simples):
        strengths[i] = _relative_strength(sigma, group, fourier_basis(group, i))
    return strengths


def cyclic_strengths(n: int, sigma: Activation, rng) -> np.ndarray:
    """Strength matrix of C_n from one sample set per divisor (the quotient/Galois path)."""
    check_sample_memory(n)
    strengths = np.zeros((n // 2 + 1, n // 2 + 1))
    for d in divisors(n):
        quotient = cyclic(d)
        phases = rng.uniform(0, 2 * np.pi, size=(DIRECTIONS, 1))
        base = np.cos(2 * np.pi * np.arange(d) / d + phases)  # generic vectors of L_1 of C_d
        row = _relative_strength(sigma, quotient, _scaled(base))  # indexed by j' of C_d
        g = n // d
        units = [k for k in range(1, d + 1) if np.gcd(k, d) == 1 and 2 * (k % d) <= d] if d > 1 else [0]
        targets = np.arange(d // 2 + 1)
        for unit in units:
            mapped = (targets * unit) % d
            mapped = np.minimum(mapped, d - mapped) * g  # frequency in C_n, canonical sign
            np.maximum.at(strengths[(unit % d) * g], mapped, row)
    return strengths


def check_sample_memory(size: int) -> None:
    floats = size * len(AMPLITUDES) * DIRECTIONS * 2
    if floats > MAX_SAMPLE_FLOATS:
        raise ValueError(
            f"`group` is too large for the numeric method: {floats} sample values needed, at most "
            f"{MAX_SAMPLE_FLOATS}; use method='condensed' for C_n"
        )
