"""The one decomposition front: validate once, choose the backend in one place.

In the manner of ``scipy.fft``: the public functions here check their arguments, turn any
``space`` (a spec, a group, a G-set) into a G-set with ``plrep.gsets.as_gset``, and hand the
work to a backend chosen by ``_backend``:

* ``"fft"`` for cyclic products (``_fft``): real FFTs over the group, never an |X| x |X|
  matrix;
* ``"characters"`` for permutation groups (``_projectors``): character projectors.

Both return parts with the same methods, wrapped in the one public ``Decomposition`` type.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_finite_array, check_int, describe, nonfinite_error
from plrep.decomposition._central import central_parts, uses_central
from plrep.decomposition._dihedral import dihedral_multiplicities, dihedral_parts, uses_dihedral
from plrep.decomposition._fft import (
    MAX_DENSE_SIZE,
    fft_dense_projector,
    fft_energies,
    fft_multiplicities,
    fft_parts,
)
from plrep.decomposition._projectors import (
    character_dense_projector,
    character_multiplicities,
    character_parts,
)
from plrep.decomposition._summary import EnergySummary, _check_fraction, summarize_energies
from plrep.decomposition._symmetric import array_labels, young_multiplicities
from plrep.decomposition._young import uses_young, young_parts
from plrep.groups import MAX_ELEMENTS, CyclicProduct, SymmetricGroup
from plrep.gsets import GSet, as_gset

__all__ = ["Decomposition", "decompose", "dense_projector", "energies", "multiplicities", "summarize"]

Backend = Literal["fft", "characters", "central", "dihedral", "young"]


def _backend(gset: GSet) -> Backend:
    """The only place where a backend is chosen.

    FFT for cyclic products; FFT over the rotations for D_n (n >= 3); Young's orthogonal form for the regular
    module of S_7; the central element (sum of transpositions) for S_n beyond listing
    size on natural^K / subsets^K (for K <= 2 its eigenspaces in closed form, ``_pairs``);
    character projectors otherwise.
    """
    if isinstance(gset.group, CyclicProduct):
        return "fft"
    if uses_dihedral(gset):
        return "dihedral"
    if uses_young(gset):
        return "young"
    if isinstance(gset.group, SymmetricGroup) and gset.group.order > MAX_ELEMENTS and uses_central(gset):
        return "central"
    return "characters"


def _parts(gset: GSet, x: np.ndarray, backend: Backend, workers):
    if backend == "fft":
        return fft_parts(gset, x, workers)
    if backend == "dihedral":
        return dihedral_parts(gset, x, workers)
    if backend == "young":
        return young_parts(gset, x)
    return central_parts(gset, x) if backend == "central" else character_parts(gset, x)


def _check_workers(workers) -> int | None:
    if workers is None:
        return None
    # scipy.fft counts negative workers back from the CPU count: -1 all, -os.cpu_count() one
    return check_int(workers, "workers", minimum=-(os.cpu_count() or 1), maximum=1024)


@dataclass(frozen=True, eq=False)
class Decomposition:
    """The isotypic decomposition of a batch of functions on a G-set.

    Attributes:
        gset: the G-set X.
        backend: ``"fft"`` or ``"characters"``, the method that computed it.

    Simple ids follow ``gset.group.simples``.

    Example:
        >>> d = decompose("C4", [1.0, 0.0, 0.0, 0.0])
        >>> d.backend, d.energies().round(6).tolist()  # L0, L1, L2; they sum to ||f||^2 = 1
        ('fft', [0.25, 0.5, 0.25])
        >>> d.project([1]).round(6).tolist()  # the L1 component
        [0.5, 0.0, -0.5, 0.0]
    """

    gset: GSet
    backend: Backend
    _parts: object
    _scale: object = 1.0  # power of two per function: the parts are of x / scale (see _scaled)

    @property
    def group(self):
        return self.gset.group

    @property
    def labels(self):
        """What labels the simples axis: the group, or the simples a large S_n module can hold."""
        return array_labels(self.gset)

    def __repr__(self) -> str:
        return f"Decomposition({self.gset!r}, backend={self.backend!r})"

    def _repr_html_(self) -> str:
        """Jupyter: the energy per simple, shaded as in the explorer (summed over a batch)."""
        from plrep._html import energy_table

        rows = np.asarray(self.energies(), dtype=float).reshape(-1, self.labels.num_simples)
        note = f"Summed over a batch of {rows.shape[0]}." if rows.shape[0] > 1 else ""
        title = f"{self.group.name} on {self.gset.name}: energy per simple ({self.backend} backend)"
        return energy_table(
            [s.name for s in self.labels.simples], [("f", rows.sum(axis=0))], title=title, note=note
        )

    def energies(self) -> np.ndarray:
        """Squared norms ||P_L f||^2 per simple, shape (..., num_simples); they sum to ||f||^2.

        The last axis follows ``group.simples`` (id order); ``table()`` labels it by name.
        """
        with np.errstate(over="ignore"):  # a true ||x||^2 beyond 1.8e308 is refused just below
            parts = self._parts.energies()
            return _finite_energies(
                parts if isinstance(self._scale, float) else parts * self._scale * self._scale
            )

    def table(self) -> dict[str, float | np.ndarray]:
        """Energies keyed by simple name, e.g. ``{'L0': 0.1, 'L1': 2.0, ...}``.

        A float per simple for one input, an array of the batch shape for a batch. Round-off
        (an energy below 1e-12 of the total, such as 1.5e-32 for a simple that is absent) is
        given as 0.0; ``energies()`` keeps the raw values.
        """
        energies = self.energies()
        total = energies.sum(axis=-1, keepdims=True)
        return by_simple(self.gset, np.where(energies < 1e-12 * total, 0.0, energies))

    def project(self, simple_ids) -> np.ndarray:
        """Sum of the isotypic components of the given simples (each counted once), (..., |X|)."""
        ids = np.atleast_1d(np.asarray(simple_ids))
        count = self.labels.num_simples
        if not np.issubdtype(ids.dtype, np.integer) or ids.size == 0 or ids.min() < 0 or ids.max() >= count:
            raise ValueError(
                f"`simple_ids` must be ids in 0..{count - 1}, got {describe(simple_ids)} instead"
            )
        return self._parts.project(np.unique(ids)) * self._scale

    def components(self) -> np.ndarray:
        """Every isotypic component, shape (..., num_simples, |X|); memory heavy for big G."""
        return self._parts.components() * np.asarray(self._scale)[..., None]

    def reconstruct(self) -> np.ndarray:
        """The input back, shape (..., |X|) (the sum of all components)."""
        return self._parts.reconstruct() * self._scale


def _along(x, axis, gset: GSet) -> np.ndarray:
    """Validate x and move its G-set axis last (every other axis is a batch of units)."""
    # finite=False: _scaled reduces every function to its peak anyway, and max/min propagate
    # NaN and infinity, so it checks finiteness without another full pass over x.
    if axis is None or (type(axis) is int and axis == -1):  # any other value is checked below
        return check_finite_array(x, "x", last_axis=gset.size, finite=False)
    array = check_finite_array(x, "x", finite=False)
    axis = check_int(axis, "axis", minimum=-array.ndim, maximum=array.ndim - 1)
    if array.shape[axis] != gset.size:
        raise ValueError(
            f"`x` must have axis {axis} of length {gset.size} (one entry per point of the G-set), "
            f"got shape {array.shape} instead"
        )
    return np.moveaxis(array, axis, -1)


def decompose(space, x, *, axis: int = -1, workers: int | None = None) -> Decomposition:
    """Decompose functions on a G-set into isotypic components.

    Args:
        space: a ``GSet``, a group (its regular module) or a spec such as ``"S4:natural"``.
        x: real array, finite, whose axis ``axis`` has length |X| and is indexed by the points
            of the G-set in its documented order (docs/architecture.md, "Arrays").
        axis: the G-set axis of ``x`` (default: the last). Every other axis is a batch of units
            (neurons, channels, embedding dimensions); results put the G-set axis last, so
            energies have shape (*other axes, num_simples).
        workers: FFT threads, as in ``scipy.fft`` (None: scipy's default).

    Returns:
        A ``Decomposition``: ``energies()``, ``project(ids)``, ``components()``,
        ``reconstruct()``.

    Raises:
        ValueError, TypeError: for a non-numeric, non-finite or wrongly shaped ``x``.

    Example:
        >>> from plrep import cyclic
        >>> decompose(cyclic(4), [1.0, 0.0, 0.0, 0.0]).energies().round(4).tolist()
        [0.25, 0.5, 0.25]
        >>> decompose("S3", [1.0, 0, 0, 0, 0, 0]).energies().round(4).tolist()
        [0.1667, 0.1667, 0.6667]
        >>> decompose("C4", [[1.0, 0.0], [0.0, 0.0], [-1.0, 0.0], [0.0, 0.0]], axis=0).energies().round(4).tolist()
        [[0.0, 2.0, 0.0], [0.0, 0.0, 0.0]]
    """
    gset = as_gset(space)
    workers = _check_workers(workers)
    x = _along(x, axis, gset)
    backend = _backend(gset)
    x, scale = _scaled(x, contiguous=backend != "fft")
    parts = _parts(gset, x, backend, workers)
    return Decomposition(gset, backend, parts, scale)


# Peaks of x inside [2^-300, 2^300]: an FFT or projector product of x and of x / 2^k agree
# bit for bit (powers of two commute with every rounding while nothing overflows or goes
# subnormal; squares stay within 2^-600 .. 2^600 |X|^2), so no scaling pass is needed.
_SAFE_PEAKS = (2.0**-300, 2.0**300)


def _scaled(x: np.ndarray, *, contiguous: bool = True) -> tuple[np.ndarray, np.ndarray | float]:
    """``(x / scale, scale)``: x C-ordered and scaled by a power of two per function where needed.

    scale is a power of two near max |x| (1 for zeros), shape (..., 1), or the float 1.0 when every
    function's peak is in ``_SAFE_PEAKS``. Energies are taken of x / scale and multiplied by scale
    twice (exact: powers of two), so they neither overflow for |x| ~ 1e154 nor lose the FFT's sums
    to overflow before squaring. x is often a strided view (its G-set axis moved last): the
    projector products run on a contiguous copy (``contiguous``; 2-3x faster), while the FFT
    reads the strided view directly (pocketfft gathers each line itself, so a copy would only
    add a pass). x itself is never modified.
    """
    arranged = np.ascontiguousarray if contiguous else np.asarray
    if not x.size:
        return arranged(x), 1.0
    peak = np.maximum(x.max(axis=-1, keepdims=True), -x.min(axis=-1, keepdims=True))  # no |x| copy
    if not np.all(np.isfinite(peak)):  # NaN and +-inf reach the peaks (see _along)
        raise nonfinite_error("x")
    alive = peak[peak > 0]
    if alive.size == 0 or (alive.min() >= _SAFE_PEAKS[0] and alive.max() <= _SAFE_PEAKS[1]):
        return arranged(x), 1.0
    exponent = np.frexp(np.where(peak > 0, peak, 1.0))[1]
    scale = np.ldexp(1.0, exponent - 1)  # x / scale in [1, 2): scale itself stays finite at 1e308
    return np.divide(x, scale, order="C"), scale


def energies(space, x, *, axis: int = -1, workers: int | None = None) -> np.ndarray:
    """Squared norms of the isotypic components of x, shape (*other axes, num_simples).

    The same as ``decompose(space, x, axis=axis).energies()``; the FFT backend squares in place.

    Args:
        space, x, workers: as ``decompose``.

    Raises:
        ValueError, TypeError: as ``decompose``.

    Example:
        >>> from plrep import cyclic
        >>> energies(cyclic(2), [1.0, 1.0]).tolist()
        [2.0, 0.0]
    """
    gset = as_gset(space)
    workers = _check_workers(workers)
    x = _along(x, axis, gset)
    backend = _backend(gset)
    x, scale = _scaled(x, contiguous=backend != "fft")
    parts = (
        fft_energies(gset, x, workers) if backend == "fft" else _parts(gset, x, backend, workers).energies()
    )
    with np.errstate(over="ignore"):  # a true ||x||^2 beyond 1.8e308 is refused just below
        return _finite_energies(parts if isinstance(scale, float) else parts * scale * scale)  # float: 1.0


def _finite_energies(energies: np.ndarray) -> np.ndarray:
    """Refuse energies that overflowed: finite x (1e155) must not come back as inf.

    x itself was checked finite (or NaN/inf would have been refused), so an infinite energy
    means ||P_L x||^2 passed float64's 1.8e308; the caller can rescale x (energies scale by
    the square of the scale).
    """
    if not np.all(np.isfinite(energies)):
        raise ValueError(
            "`x` must have energies ||P_L x||^2 within float64 (below 1.8e308, so |x| well below "
            "1e154), got energies that overflow; divide x by a power of two and multiply the "
            "energies by its square"
        )
    return energies


def by_simple(space, values) -> dict[str, float | np.ndarray]:
    """Label the last axis of ``values`` (one entry per simple, in id order) by simple name.

    For ``multiplicities``, ``energies``, ``discrete_energies`` and the like, which return plain
    arrays: ``by_simple(cyclic(4), [1, 2, 3]) == {'L0': 1, 'L1': 2, 'L2': 3}``.

    Example:
        >>> from plrep import natural_gset, symmetric
        >>> X = natural_gset(symmetric(4))
        >>> by_simple(X, multiplicities(X))
        {'1a': 1, '1b': 0, '2a': 0, '3a': 1, '3b': 0}
    """
    group = as_gset(space) if isinstance(space, str) else space
    group = array_labels(group) if isinstance(group, GSet) else getattr(group, "group", group)
    if not hasattr(group, "simples"):
        raise TypeError(
            f"`space` must be a group, a G-set or a spec such as 'C4', got {describe(space)} instead"
        )
    try:
        values = np.asarray(values)
    except (TypeError, ValueError):
        raise TypeError(f"`values` must be an array, got {describe(values)} instead") from None
    names = [s.name for s in group.simples]
    if values.ndim == 0 or values.shape[-1] != len(names):
        raise ValueError(
            f"`values` must have one entry per simple on its last axis ({len(names)}), "
            f"got shape {values.shape} instead"
        )
    return {
        name: values[..., i].item() if values.ndim == 1 else values[..., i] for i, name in enumerate(names)
    }


def summarize(
    space, x, *, axis: int = -1, key_fraction: float = 0.9, workers: int | None = None
) -> EnergySummary:
    """Energies of every unit along ``axis``, with dominant simples, purities and key simples.

    Args:
        space: a ``GSet``, a group or a spec such as ``"C59xC59"``.
        x: real array whose axis ``axis`` is indexed by the points of the G-set; every other
            axis is a unit (flattened in C order).
        axis: the G-set axis (default: the last).
        key_fraction: the fraction of the total energy the key simples must hold, in (0, 1].
        workers: FFT threads, as in ``scipy.fft``.

    Returns:
        An ``EnergySummary`` (``energies`` (units, simples), ``dominant``, ``purity``,
        ``key_simples``, ``to_dict()``).

    Example:
        >>> import numpy as np
        >>> x = np.cos(2 * np.pi * 3 * np.arange(12) / 12)[:, None] * [1.0, 2.0]  # 2 units on axis 1
        >>> s = summarize("C12", x, axis=0)
        >>> s.key_simples, s.dominant.tolist(), s.purity.round(6).tolist()
        ([3], [3, 3], [1.0, 1.0])
    """
    key_fraction = _check_fraction(key_fraction)
    gset = as_gset(space)
    rows = energies(gset, x, axis=axis, workers=workers)
    labels = array_labels(gset)
    return summarize_energies(labels, rows, key_fraction=key_fraction, baseline=random_baseline(gset))


def random_baseline(space) -> np.ndarray:
    """Share of each simple in the energy of a random vector of R^X, (num_simples,), sum 1.

    The isotypic component of simple L has dimension m_L dim L (multiplicity times real
    dimension), so an isotropic random vector puts on average m_L dim L / |X| of its energy
    there. Divide an observed share by it to see which simples were chosen rather than large
    (``EnergySummary.enrichment``).

    Example:
        >>> random_baseline("S4").round(4).tolist()  # dim^2 / 24 on the regular set
        [0.0417, 0.0417, 0.1667, 0.375, 0.375]
        >>> random_baseline("C4").tolist()
        [0.25, 0.5, 0.25]
    """
    gset = as_gset(space)
    dims = np.array([simple.dim for simple in array_labels(gset).simples], dtype=float)
    return multiplicities(gset) * dims / gset.size


def multiplicities(space) -> np.ndarray:
    """How often each simple occurs in R^X, int array (num_simples,).

    Example:
        >>> from plrep import natural_gset, symmetric
        >>> multiplicities(natural_gset(symmetric(4))).tolist()  # trivial + standard
        [1, 0, 0, 1, 0]
    """
    gset = as_gset(space)
    if isinstance(gset.group, SymmetricGroup) and gset.group.order > MAX_ELEMENTS:
        # S_n, n >= 9: Young's rule, no elements, and never the projection backend's sparse
        # central element (S50:natural^3 needs none of its 1.9e7 entries: issue 25 item 10)
        return young_multiplicities(gset)
    backend = _backend(gset)
    if backend == "fft":
        return fft_multiplicities(gset)
    if backend == "dihedral":
        return dihedral_multiplicities(gset)
    return character_multiplicities(gset)


def dense_projector(space, simple_id: int) -> np.ndarray:
    """The |X| x |X| isotypic projector P_L, from the character: a reference for tests.

    P_L = (dim L / (w_L |G|)) sum_g chi_L(g) rho(g), with rho(g)[x, y] = 1 iff x = g.y.

    Raises:
        ValueError: more than ``MAX_DENSE_SIZE`` points, or an unknown ``simple_id``.

    Args:
        space: a G-set, group or spec (``as_gset``).
        simple_id: the simple L, an id of ``group.simples``.

    Returns:
        float array (|X|, |X|), symmetric and idempotent, of trace m_L(X) dim L.

    Example:
        >>> dense_projector("S3:natural", 0).round(6).tolist()  # onto the constants
        [[0.333333, 0.333333, 0.333333], [0.333333, 0.333333, 0.333333], [0.333333, 0.333333, 0.333333]]
        >>> float(dense_projector("C4", 1).trace())  # L1 of C4 is a plane
        2.0
    """
    gset = as_gset(space)
    simple_id = check_int(simple_id, "simple_id", minimum=0, maximum=gset.group.num_simples - 1)
    if gset.size > MAX_DENSE_SIZE:
        raise ValueError(
            f"`space` must have at most {MAX_DENSE_SIZE} points for a dense projector, got {gset.size} instead; "
            "use decompose, which never builds the matrix"
        )
    backend = _backend(gset)
    if backend == "fft":
        return fft_dense_projector(gset, simple_id)
    if backend in ("central", "dihedral", "young"):
        return _parts(gset, np.eye(gset.size), backend, None).project(np.array([simple_id])).T
    return character_dense_projector(gset, simple_id)
