"""The FFT backend: isotypic decomposition for cyclic products, by real FFTs.

For f in R^X and a real simple L of G, the isotypic component is P_L f with
P_L = (1/|G|) sum_g chi_L(g) rho(g), chi_L the real character of L (docs/math.md §2: for C_n,
P_k[x, y] = (dim L_k / n) cos(2 pi k (x - y) / n)). The fast path never builds P_L: on an
orbit G.x0 = G/H it lifts f to F(g) = f(g.x0) on G, takes the real FFT of F over all
factors (``scipy.fft.rfftn``), and reads the component of L off the DFT coefficients at
the frequencies +-xi of L. With numpy's unnormalised DFT, ||f||^2 = ||F||^2 / |H| and
Parseval give the energy ||P_L f||^2 = (|X_o| / |G|^2) sum_{xi in L} |F^(xi)|^2.

``fft_dense_projector`` builds P_L from the character, for tests and benchmarks only. Only
``plrep.decomposition._front`` chooses this backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix

from plrep.decomposition._cache import CACHE
from plrep.groups import CyclicProduct
from plrep.gsets import GSet

__all__ = [
    "MAX_DENSE_SIZE",
    "FourierParts",
    "fft_dense_projector",
    "fft_energies",
    "fft_multiplicities",
    "fft_parts",
]

# The dense reference costs |X|^2 memory and O(|G| |X|^2) time (C_2048 takes seconds); beyond
# this it would run for minutes or exhaust memory.
MAX_DENSE_SIZE = 4096


@dataclass(frozen=True, eq=False)
class _SpectrumLayout:
    """How the rfftn grid of G maps onto simples; shared by every decomposition of G."""

    group: CyclicProduct

    @cached_property
    def rfft_shape(self) -> tuple[int, ...]:
        return (*self.group.factors[:-1], self.group.factors[-1] // 2 + 1)

    @cached_property
    def weights(self) -> np.ndarray:
        """How many full-spectrum frequencies each rfft entry stands for (1 or 2)."""
        n_last = self.group.factors[-1]
        last = np.full(n_last // 2 + 1, 2.0)
        last[0] = 1.0
        if n_last % 2 == 0:
            last[-1] = 1.0
        return last

    @cached_property
    def simple_ids(self) -> np.ndarray:
        """Simple id of each rfft entry, shape ``rfft_shape``."""
        grids = np.meshgrid(*(np.arange(s) for s in self.rfft_shape), indexing="ij")
        return self.group.simple_ids(np.stack(grids, axis=-1))

    @cached_property
    def binning(self) -> csr_matrix:
        """Sparse (rfft entries x simples) matrix summing weighted power into simples."""
        ids = self.simple_ids.ravel()
        weights = np.broadcast_to(self.weights, self.rfft_shape).ravel()
        return csr_matrix((weights, (np.arange(ids.size), ids)), shape=(ids.size, self.group.num_simples))


def _scipy_fft():
    """scipy.fft, imported on first use: it pulls in scipy.special, which was half of the CPU
    time of ``import plrep`` (issue 25 item 18)."""
    import scipy.fft

    return scipy.fft


def _layout(group: CyclicProduct) -> _SpectrumLayout:
    return CACHE.get(
        ("fft-layout", group), lambda: _SpectrumLayout(group), size_of=lambda _: 16 * group.order
    )


def _lift_shape(gset: GSet) -> tuple[int, ...]:
    return (gset.num_orbits, *gset.group.factors)


def _spectrum(gset: GSet, x: np.ndarray, workers: int | None) -> np.ndarray:
    """rfftn of the lifted functions, shape (..., num_orbits?, *rfft_shape)."""
    factors = gset.group.factors
    axes = tuple(range(-len(factors), 0))
    if gset.is_regular:
        lifted = x.reshape(*x.shape[:-1], *factors)
    else:
        lifted = x[..., gset.orbit_lift.reshape(_lift_shape(gset))]
    return _scipy_fft().rfftn(lifted, axes=axes, workers=workers)


def _power_to_energies(spectrum: np.ndarray, gset: GSet, layout: _SpectrumLayout) -> np.ndarray:
    """Turn a spectrum (destroyed in the process) into energies per simple."""
    group = gset.group
    pairs = spectrum.view(np.float64)
    np.square(pairs, out=pairs)
    power = pairs[..., 0::2]
    power += pairs[..., 1::2]
    if gset.is_regular:
        scale = 1.0 / group.order
    else:
        # Each orbit contributes with weight |X_o| / |G|^2 (see the module docstring).
        scale = (gset.orbit_sizes / group.order**2).reshape(-1, *([1] * len(group.factors)))
        power = (power * scale).sum(axis=-len(group.factors) - 1)
        scale = 1.0
    if group.is_cyclic_spec:
        return np.multiply(power, layout.weights * scale, order="C")  # one pass: weigh and compact
    flat = power.reshape(-1, int(np.prod(layout.rfft_shape)))
    binned = (layout.binning.T @ flat.T).T * scale
    return binned.reshape(*power.shape[: power.ndim - len(group.factors)], group.num_simples)


@dataclass(frozen=True, eq=False)
class FourierParts:
    """The FFT backend's result: rfftn coefficients of the lifted functions.

    ``spectrum`` has shape (..., num_orbits, *rfft_shape) (no orbit axis for the regular
    module); every method reads the isotypic parts off it.
    """

    gset: GSet
    spectrum: np.ndarray
    workers: int | None = None

    @cached_property
    def _layout(self) -> _SpectrumLayout:
        return _layout(self.gset.group)

    def energies(self) -> np.ndarray:
        return _power_to_energies(self.spectrum.copy(), self.gset, self._layout)

    def project(self, ids: np.ndarray) -> np.ndarray:
        keep = np.isin(self._layout.simple_ids, ids)
        return self._synthesise(np.where(keep, self.spectrum, 0))

    def components(self) -> np.ndarray:
        """One batched inverse FFT: the spectrum copied once per simple, others zeroed."""
        ids = self._layout.simple_ids
        count = self.gset.group.num_simples
        onehot = ids == np.arange(count).reshape(-1, *([1] * ids.ndim))
        orbit_axes = 0 if self.gset.is_regular else 1
        onehot = onehot.reshape(onehot.shape[0], *([1] * orbit_axes), *ids.shape)
        spread = np.expand_dims(self.spectrum, -ids.ndim - orbit_axes - 1) * onehot
        return self._synthesise(spread)

    def reconstruct(self) -> np.ndarray:
        return self._synthesise(self.spectrum)

    def _synthesise(self, spectrum: np.ndarray) -> np.ndarray:
        """Inverse FFT and restriction to X; leading axes of ``spectrum`` are kept."""
        group = self.gset.group
        rank = len(group.factors)
        axes = tuple(range(-rank, 0))
        lifted = _scipy_fft().irfftn(spectrum, s=group.factors, axes=axes, workers=self.workers)
        if self.gset.is_regular:
            return lifted.reshape(*lifted.shape[: lifted.ndim - rank], group.order)
        flat = lifted.reshape(*lifted.shape[: lifted.ndim - rank - 1], -1)
        return flat[..., self.gset.lift_positions]


def fft_parts(gset: GSet, x: np.ndarray, workers: int | None) -> FourierParts:
    """The FFT backend of ``decompose`` (x already validated, shape (..., |X|))."""
    return FourierParts(gset, _spectrum(gset, x, workers), workers)


def fft_energies(gset: GSet, x: np.ndarray, workers: int | None) -> np.ndarray:
    """Energies per simple, squaring the FFT in place (no second copy of the spectrum)."""
    return _power_to_energies(_spectrum(gset, x, workers), gset, _layout(gset.group))


def fft_multiplicities(gset: GSet) -> np.ndarray:
    """How often each simple occurs in R^X, shape (num_simples,).

    L occurs once in R[G/H] for each orbit whose stabiliser H lies in ker L; the FFT of the
    indicator of H equals |H| on exactly those frequencies and 0 elsewhere.
    """
    group = gset.group
    if gset.is_regular:
        return np.ones(group.num_simples, dtype=np.int64)
    lift = gset.orbit_lift.reshape(_lift_shape(gset))
    stabiliser = (lift == gset.base_points.reshape(-1, *([1] * len(group.factors)))).astype(np.float64)
    axes = tuple(range(-len(group.factors), 0))
    hat = _scipy_fft().rfftn(stabiliser, axes=axes).real
    sizes = stabiliser.sum(axis=axes).reshape(-1, *([1] * len(group.factors)))
    present = np.rint(hat / sizes).sum(axis=0)
    ids = _layout(group).simple_ids
    counts = np.zeros(group.num_simples)
    np.maximum.at(counts, ids.ravel(), present.ravel())
    return counts.astype(np.int64)


def fft_dense_projector(gset: GSet, simple_id: int) -> np.ndarray:
    """(1/|G|) sum_g chi_L(g) rho(g) from the character: O(|G| |X|^2), a reference only.

    rho(g)[x, y] = 1 iff x = g.y.
    """
    group = gset.group
    elements = group.elements
    chars = group.character(simple_id, elements)
    projector = np.zeros((gset.size, gset.size))
    columns = np.arange(gset.size)
    for element, weight in zip(elements, chars, strict=True):
        projector[gset.permutation(element), columns] += weight
    return projector / group.order
