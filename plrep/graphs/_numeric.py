"""Numerical interaction graphs: sample vectors in each simple, apply sigma, project.

L_i -> L_j is decided from the relative strength ||P_j sigma(v)|| / ||sigma(v)||, maximised
over the samples v. Samples are generic vectors of the L_i-isotypic component (projected
Gaussian vectors, every multiplicity covered) at several amplitudes and both signs, so
amplitude-dependent activations (dead zones, min(x, 0) on negative constants) are caught,
unlike with the unit basis vectors of the authors' notebooks (``basis_strengths``). A
positively homogeneous sigma (relu, abs, prelu, pow:P) gives every amplitude the same ratios,
so it is sampled at one (``sample_amplitudes``).

For C_n a faster path gives the same numbers: a vector of L_k is periodic with period
d = ord(k), so it is sampled on C_d; and L_k = L_{k' n/d} with k' a unit mod d is the image
of L_{n/d} under the automorphism x -> k' x of C_d, which maps frequency j' to k' j'. So
one sample set per divisor d of n decides every edge (see ``cyclic_rows``).
"""

from __future__ import annotations

import numpy as np

from plrep.activations import Activation
from plrep.decomposition import decompose, energies, multiplicities
from plrep.graphs._rules import divisors
from plrep.groups import cyclic
from plrep.maps import fourier_basis

__all__ = [
    "AMPLITUDES",
    "MAX_SAMPLE_FLOATS",
    "basis_strengths",
    "check_sample_memory",
    "cyclic_rows",
    "generic_strengths",
    "present_strengths",
    "sample_amplitudes",
    "strengths_from_energies",
]

# Large amplitudes matter for smooth activations: sigma(A cos x) has Fourier coefficients that
# decay like exp(-c m / A), so far harmonics rise above float64 noise only for large A; at
# A = 32768 softplus on C_4093 still shows its weakest edge (harmonic ~2046) at ~5e-9.
AMPLITUDES = (0.1, 0.5, 2.0, 8.0, 32.0, 128.0, 512.0, 2048.0, 8192.0, 32768.0)
DIRECTIONS = 3  # random directions per amplitude (each also taken with the opposite sign)
SNAP = 1e-9  # relative size below which a projected sample's entry is round-off of a zero
MAX_SAMPLE_FLOATS = 2**27  # 1 GiB of float64 samples at once
CHUNK_FLOATS = 2**24  # samples beyond this go through sigma and the energies one amplitude at a time


def _apply(sigma: Activation, vectors: np.ndarray) -> np.ndarray:
    """sigma(vectors), minus the samples that overflowed to +-inf (e.g. exp at amplitude 2048).

    NaN anywhere is an error; so is overflow in every sample.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        values = np.asarray(sigma(vectors), dtype=np.float64)
    if values.shape != vectors.shape:
        raise ValueError(
            f"`activation` {sigma.name!r} must map an array of shape {vectors.shape} to the same shape, "
            f"got shape {values.shape} instead"
        )
    finite = np.isfinite(values).all(axis=-1)  # one pass; NaN and infinity are told apart below
    if finite.all():
        return values
    if np.isnan(values).any():
        bad = float(np.abs(vectors[np.isnan(values)]).min())
        raise ValueError(
            f"`activation` {sigma.name!r} must return finite values, got NaN at an input x with |x| = {bad:.4g}"
        )
    if not finite.any():
        raise ValueError(
            f"`activation` {sigma.name!r} must return finite values, got infinity on every sample"
        )
    return values[finite]


def _relative_strength(sigma: Activation, space, vectors: np.ndarray) -> np.ndarray:
    """max over samples of ||P_j sigma(v)|| / ||sigma(v)||, shape (num_simples,)."""
    values = _apply(sigma, vectors)
    # Rescale each sample (the strength is a ratio) so that squares cannot overflow, e.g. x^64;
    # in place unless sigma handed back its input (a user's identity) or a read-only array.
    peak = _peaks(values)
    peak = np.where(peak > 0, peak, 1.0)
    private = values.flags.writeable and not np.may_share_memory(values, vectors)
    values = np.divide(values, peak, out=values if private else None)
    return strengths_from_energies(energies(space, values))


def _peaks(values: np.ndarray) -> np.ndarray:
    """max |v| of each sample, shape (..., 1), from its max and min (no |v| copy)."""
    return np.maximum(values.max(axis=-1, keepdims=True), -values.min(axis=-1, keepdims=True))


def strengths_from_energies(energy: np.ndarray) -> np.ndarray:
    """max over samples of sqrt(energy_j / total), shape (num_simples,), from (samples, num_simples)."""
    total = energy.sum(axis=-1, keepdims=True)
    nonzero = total[..., 0] > 0  # sigma(v) = 0 (ReLU of a negative constant) says nothing
    if not np.any(nonzero):
        return np.zeros(energy.shape[-1])
    return np.sqrt(np.clip(energy[nonzero] / total[nonzero], 0, None)).max(axis=0)


def _scaled(vectors: np.ndarray, amplitudes: tuple[float, ...] = AMPLITUDES) -> np.ndarray:
    """Each vector at every amplitude (max |v| = amplitude) and with both signs.

    Entries below ``SNAP`` of the largest are set to exactly 0 first: in a projected sample
    they are structural zeros (the diagonal of an antisymmetric matrix) carrying round-off,
    which the larger amplitudes would magnify into a false output (tanh(1e-12) is no zero).
    """
    peak = _peaks(vectors)
    unit = vectors / np.where(peak > 0, peak, 1.0)
    unit[np.abs(unit) <= SNAP] = 0.0
    count = len(amplitudes) * vectors.shape[0]
    scaled = np.empty((2 * count, *vectors.shape[1:]))
    for k, amplitude in enumerate(amplitudes):  # written in place: no concatenated copies
        np.multiply(unit, amplitude, out=scaled[k * vectors.shape[0] : (k + 1) * vectors.shape[0]])
    np.negative(scaled[:count], out=scaled[count:])
    return scaled


def sample_amplitudes(sigma: Activation) -> tuple[float, ...]:
    """``AMPLITUDES``, or (1.0,) for a positively homogeneous sigma (relu, abs, prelu, pow:P).

    sigma(a v) = a^p sigma(v) for a > 0 makes every ratio ||P_j sigma(a v)|| / ||sigma(a v)||
    that of v: the other nine amplitudes would repeat the same strengths (up to round-off),
    so dropping them leaves the maximum over samples, and every decision, as it was.
    """
    return (1.0,) if getattr(sigma, "is_positively_homogeneous", False) else AMPLITUDES


def generic_strengths(space, num_simples: int, sigma: Activation, rng) -> np.ndarray:
    """Strength matrix (num_simples x num_simples) for any space with a decomposition.

    Only the duck-typed protocol is used: ``multiplicities(space)``, ``decompose(space, x)
    .project(id)`` and ``energies(space, x)``; rows of simples absent from ``space`` stay 0.
    """
    present = np.flatnonzero(multiplicities(space) > 0)
    strengths = np.zeros((num_simples, num_simples))
    strengths[np.ix_(present, present)] = present_strengths(space, present, sigma, rng)
    return strengths


def present_strengths(space, present: np.ndarray, sigma: Activation, rng) -> np.ndarray:
    """Strengths between the simples present in ``space`` only, shape (len(present), len(present)).

    The same samples as ``generic_strengths`` (which embeds this block); memory O(len(present)^2),
    so groups with many simples (S_30 has 5,604) but few in the module stay cheap.
    """
    from tqdm.auto import tqdm

    size = _space_size(space)
    decomposition = decompose(space, rng.normal(size=(DIRECTIONS, size)))
    strengths = np.zeros((len(present), len(present)))
    # A regular module of a listed group costs |G| |X| per sample (S_7: ~20 s per simple):
    # a bar on a terminal (never in pipes or logs) for work beyond ~10^9 gathered entries.
    amplitudes = sample_amplitudes(sigma)
    work = len(present) * 2 * len(amplitudes) * DIRECTIONS * size * _listing_cost(space)
    bar = tqdm(present, desc="simples", leave=False, disable=None if work > 10**9 else True)
    for row, i in enumerate(bar):
        samples = decomposition.project(int(i))  # generic vectors of the L_i-isotypic part
        # amplitude by amplitude when the samples are large (S1000:natural^2: 60 x 10^6 floats at
        # once otherwise); the strength is a maximum over samples, so the pieces combine exactly
        groups = (
            [amplitudes] if samples.size * 2 * len(amplitudes) <= CHUNK_FLOATS else [(a,) for a in amplitudes]
        )
        for group in groups:
            found = _relative_strength(sigma, space, _scaled(samples, group))[present]
            strengths[row] = np.maximum(strengths[row], found)
    return strengths


def _listing_cost(space) -> int:
    """|G| when projections walk the group's elements (character backend), else 1."""
    group = getattr(space, "group", space)
    listed = type(group).__name__ not in ("CyclicProduct", "DihedralGroup")
    return int(group.order) if listed and int(group.order) <= 10**7 else 1


def basis_strengths(group, sigma: Activation) -> np.ndarray:
    """The authors' method: only the Fourier basis vectors of each simple, amplitude 1."""

    strengths = np.zeros((group.num_simples, group.num_simples))
    for i in range(group.num_simples):
        strengths[i] = _relative_strength(sigma, group, fourier_basis(group, i))
    return strengths


def cyclic_rows(n: int, sigma: Activation, rng) -> dict[int, np.ndarray]:
    """{d: strengths from L_1 of C_d to C_d frequencies 0..d//2} for every divisor d of n.

    Generic vectors A cos(2 pi x / d + phase) of L_1 of C_d (one random phase per direction,
    every amplitude and both signs): one small sample set per divisor, whatever n is.
    """
    rows = {}
    for d in divisors(n):
        phases = rng.uniform(0, 2 * np.pi, size=(DIRECTIONS, 1))
        base = np.cos(2 * np.pi * np.arange(d) / d + phases)  # generic vectors of L_1 of C_d
        rows[d] = _relative_strength(sigma, cyclic(d), _scaled(base))  # indexed by j' of C_d
    return rows


def _space_size(space) -> int:
    return int(getattr(space, "size", None) or space.order)


def check_sample_memory(size: int, amplitudes: int = len(AMPLITUDES)) -> None:
    """Refuse a graph whose samples (size x amplitudes x 2 DIRECTIONS floats) pass the cap.

    ``amplitudes``: how many a graph samples (``sample_amplitudes``: one for relu-like sigma).
    """
    floats = size * amplitudes * DIRECTIONS * 2
    if floats > MAX_SAMPLE_FLOATS:
        raise ValueError(
            f"`group` is too large for the numeric method: {floats} sample values needed, at most "
            f"{MAX_SAMPLE_FLOATS}; use method='condensed' for C_n"
        )
