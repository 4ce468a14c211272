"""Isotypic decomposition of permutation modules of cyclic products, by real FFTs.

For f in R^X and a real simple L of G, the isotypic component is P_L f with
P_L = (1/|G|) sum_g chi_L(g) rho(g), chi_L the real character of L (MATH.md §2: for C_n,
P_k[x, y] = (dim L_k / n) cos(2 pi k (x - y) / n)). The fast path never builds P_L: on an
orbit G.x0 = G/H it lifts f to F(g) = f(g.x0) on G, takes the real FFT of F over all
factors (``scipy.fft.rfftn``), and reads the component of L off the DFT coefficients at
the frequencies +-xi of L. With numpy's unnormalised DFT, ||f||^2 = ||F||^2 / |H| and
Parseval give the energy ||P_L f||^2 = (|X_o| / |G|^2) sum_{xi in L} |F^(xi)|^2.

``dense_projector`` builds P_L from the character for tests and benchmarks only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import scipy.fft
from scipy.sparse import csr_matrix

from plrep._validate import check_finite_array, check_int, describe
from plrep.groups import CyclicProduct
from plrep.gsets import GSet, regular

__all__ = ["Decomposition", "decompose", "dense_projector", "energies", "multiplicities"]

# Two threads: the machines this project targets have two cores, and more workers than
# cores only adds scheduling noise.
_WORKERS = 2
# The dense reference costs |X|^2 memory and O(|G| |X|^2) time (C_2048 takes seconds); beyond
# this it would run for minutes or exhaust memory.
MAX_DENSE_SIZE = 4096


def as_gset(space: GSet | CyclicProduct) -> GSet:
    """Accept a G-set or a group (meaning its regular module); permutation groups too."""
    if isinstance(space, GSet):
        return space
    if isinstance(space, CyclicProduct):
        return regular(space)
    from plrep.permgroups import PermutationGroup  # general finite groups (lazy: no cycle)
    from plrep.permgsets import PermGSet

    if isinstance(space, PermGSet | PermutationGroup):
        from plrep.projectors import as_perm_gset

        return as_perm_gset(space)
    raise TypeError(f"`space` must be a GSet or a CyclicProduct group, got {describe(space)} instead")


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


@lru_cache(maxsize=16)
def _layout(group: CyclicProduct) -> _SpectrumLayout:
    return _SpectrumLayout(group)


@dataclass(frozen=True, eq=False)
class Decomposition:
    """The isotypic decomposition of a batch of functions on a G-set.

    Attributes:
        gset: the G-set X.
        spectrum: complex rfftn coefficients of the lifted functions, shape
            (..., num_orbits, *rfft_shape) (no orbit axis for the standard regular module).
    """

    gset: GSet
    spectrum: np.ndarray

    @property
    def group(self) -> CyclicProduct:
        return self.gset.group

    @cached_property
    def _layout(self) -> _SpectrumLayout:
        return _layout(self.group)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        rank = len(self.group.factors) + (0 if self.gset.is_standard_regular else 1)
        return self.spectrum.shape[: self.spectrum.ndim - rank]

    def energies(self) -> np.ndarray:
        """Squared norms ||P_L f||^2 per simple, shape (..., num_simples); they sum to ||f||^2."""
        return _power_to_energies(self.spectrum.copy(), self.gset, self._layout)

    def project(self, simple_ids) -> np.ndarray:
        """Sum of the isotypic components of the given simples, shape (..., |X|)."""
        ids = np.atleast_1d(np.asarray(simple_ids))
        if (
            not np.issubdtype(ids.dtype, np.integer)
            or ids.size == 0
            or ids.min() < 0
            or ids.max() >= self.group.num_simples
        ):
            raise ValueError(
                f"`simple_ids` must be ids in 0..{self.group.num_simples - 1}, got {describe(simple_ids)} instead"
            )
        keep = np.isin(self._layout.simple_ids, ids)
        return self._synthesise(np.where(keep, self.spectrum, 0))

    def components(self) -> np.ndarray:
        """Every isotypic component, shape (..., num_simples, |X|); memory heavy for big G.

        One batched inverse FFT: the spectrum is copied once per simple with every other
        simple's frequencies zeroed.
        """
        group = self.group
        ids = self._layout.simple_ids
        onehot = ids == np.arange(group.num_simples).reshape(-1, *([1] * ids.ndim))
        orbit_axes = 0 if self.gset.is_standard_regular else 1
        onehot = onehot.reshape(onehot.shape[0], *([1] * orbit_axes), *ids.shape)
        spread = np.expand_dims(self.spectrum, -ids.ndim - orbit_axes - 1) * onehot
        return self._synthesise(spread)

    def reconstruct(self) -> np.ndarray:
        """The input back from its spectrum, shape (..., |X|) (the sum of all components)."""
        return self._synthesise(self.spectrum)

    def _synthesise(self, spectrum: np.ndarray) -> np.ndarray:
        """Inverse FFT and restriction to X; leading axes of ``spectrum`` are kept."""
        rank = len(self.group.factors)
        axes = tuple(range(-rank, 0))
        lifted = scipy.fft.irfftn(spectrum, s=self.group.factors, axes=axes, workers=_WORKERS)
        if self.gset.is_standard_regular:
            return lifted.reshape(*lifted.shape[: lifted.ndim - rank], self.group.order)
        flat = lifted.reshape(*lifted.shape[: lifted.ndim - rank - 1], -1)
        return flat[..., self.gset.lift_positions]


def decompose(space: GSet | CyclicProduct, x) -> Decomposition:
    """Decompose functions on a G-set into isotypic components, by real FFTs.

    Args:
        space: a ``GSet``, or a group for its regular module.
        x: real array of shape (..., |X|), finite.

    Returns:
        A ``Decomposition``: ``energies()``, ``project(ids)``, ``components()``,
        ``reconstruct()``.

    Raises:
        ValueError, TypeError: for a non-numeric, non-finite or wrongly shaped ``x``.

    Example:
        >>> from plrep import cyclic, decompose
        >>> decompose(cyclic(4), [1.0, 0.0, 0.0, 0.0]).energies().round(4).tolist()
        [0.25, 0.5, 0.25]
    """
    gset = as_gset(space)
    if not isinstance(gset, GSet):  # a permutation group: character projectors
        from plrep.projectors import decompose_perm

        return decompose_perm(gset, x)
    x = check_finite_array(x, "x", last_axis=gset.size)
    return Decomposition(gset, _spectrum(gset, x))


def energies(space: GSet | CyclicProduct, x) -> np.ndarray:
    """Squared norms of the isotypic components of x, shape (..., num_simples).

    The fast path of ``decompose(space, x).energies()``: it squares the FFT in place.
    """
    gset = as_gset(space)
    if not isinstance(gset, GSet):
        from plrep.projectors import decompose_perm

        return decompose_perm(gset, x).energies()
    x = check_finite_array(x, "x", last_axis=gset.size)
    return _power_to_energies(_spectrum(gset, x), gset, _layout(gset.group))


def _spectrum(gset: GSet, x: np.ndarray) -> np.ndarray:
    factors = gset.group.factors
    axes = tuple(range(-len(factors), 0))
    if gset.is_standard_regular:
        lifted = x.reshape(*x.shape[:-1], *factors)
    else:
        lifted = x[..., gset.lift_index]
    return scipy.fft.rfftn(lifted, axes=axes, workers=_WORKERS)


def _power_to_energies(spectrum: np.ndarray, gset: GSet, layout: _SpectrumLayout) -> np.ndarray:
    """Turn a spectrum (destroyed in the process) into energies per simple."""
    group = gset.group
    pairs = spectrum.view(np.float64)
    np.square(pairs, out=pairs)
    power = pairs[..., 0::2]
    power += pairs[..., 1::2]
    if gset.is_standard_regular:
        scale = 1.0 / group.order
    else:
        # Each orbit contributes with weight |X_o| / |G|^2 (see the module docstring).
        scale = (gset.orbit_sizes / group.order**2).reshape(-1, *([1] * len(group.factors)))
        power = (power * scale).sum(axis=-len(group.factors) - 1)
        scale = 1.0
    if group.is_cyclic_spec:
        power *= layout.weights * scale
        return np.ascontiguousarray(power)
    flat = power.reshape(-1, int(np.prod(layout.rfft_shape)))
    binned = (layout.binning.T @ flat.T).T * scale
    return binned.reshape(*power.shape[: power.ndim - len(group.factors)], group.num_simples)


def multiplicities(space: GSet | CyclicProduct) -> np.ndarray:
    """How often each simple occurs in R^X, shape (num_simples,).

    L occurs once in R[G/H] for each orbit whose stabiliser H lies in ker L; the FFT of the
    indicator of H equals |H| on exactly those frequencies and 0 elsewhere.
    """
    gset = as_gset(space)
    if not isinstance(gset, GSet):
        from plrep.projectors import perm_multiplicities

        return perm_multiplicities(gset)
    group = gset.group
    if gset.is_standard_regular:
        return np.ones(group.num_simples, dtype=np.int64)
    stabiliser = (gset.lift_index == gset.base_points.reshape(-1, *([1] * len(group.factors)))).astype(
        np.float64
    )
    axes = tuple(range(-len(group.factors), 0))
    hat = scipy.fft.rfftn(stabiliser, axes=axes, workers=_WORKERS).real
    sizes = stabiliser.sum(axis=axes).reshape(-1, *([1] * len(group.factors)))
    present = np.rint(hat / sizes).sum(axis=0)
    ids = _layout(group).simple_ids
    counts = np.zeros(group.num_simples)
    np.maximum.at(counts, ids.ravel(), present.ravel())
    return counts.astype(np.int64)


def check_dense_size(size: int) -> None:
    """Refuse a dense |X| x |X| reference projector beyond ``MAX_DENSE_SIZE`` points."""
    if size > MAX_DENSE_SIZE:
        raise ValueError(
            f"`space` must have at most {MAX_DENSE_SIZE} points for a dense projector, got {size} instead; "
            "use decompose, which never builds the matrix"
        )


def dense_projector(space: GSet | CyclicProduct, simple_id: int) -> np.ndarray:
    """The |X| x |X| isotypic projector (1/|G|) sum_g chi_L(g) rho(g), from the character.

    A reference for tests and benchmarks: it costs O(|G| |X|^2). rho(g)[x, y] = 1 iff x = g.y.
    """
    gset = as_gset(space)
    if not isinstance(gset, GSet):
        from plrep.projectors import dense_perm_projector

        return dense_perm_projector(gset, simple_id)
    group = gset.group
    simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=group.num_simples - 1)
    check_dense_size(gset.size)
    elements = np.stack(np.unravel_index(np.arange(group.order), group.factors), axis=-1)
    chars = group.character(simple_id, elements)
    projector = np.zeros((gset.size, gset.size))
    columns = np.arange(gset.size)
    for element, weight in zip(elements, chars, strict=True):
        projector[gset.permutation(element), columns] += weight
    return projector / group.order
