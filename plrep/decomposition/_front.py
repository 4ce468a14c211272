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

from dataclasses import dataclass
from typing import Literal

import numpy as np

from plrep._validate import check_finite_array, check_int, describe
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
from plrep.decomposition._symmetric import young_multiplicities
from plrep.groups import MAX_ELEMENTS, CyclicProduct, SymmetricGroup
from plrep.gsets import GSet, as_gset

__all__ = ["Decomposition", "decompose", "dense_projector", "energies", "multiplicities"]

Backend = Literal["fft", "characters", "central", "dihedral"]


def _backend(gset: GSet) -> Backend:
    """The only place where a backend is chosen.

    FFT for cyclic products; FFT over the rotations for D_n (n >= 3); the central element (sum of transpositions) for S_n beyond listing
    size on natural^K / subsets^K; character projectors otherwise.
    """
    if isinstance(gset.group, CyclicProduct):
        return "fft"
    if uses_dihedral(gset):
        return "dihedral"
    if isinstance(gset.group, SymmetricGroup) and gset.group.order > MAX_ELEMENTS and uses_central(gset):
        return "central"
    return "characters"


def _parts(gset: GSet, x: np.ndarray, backend: Backend, workers):
    if backend == "fft":
        return fft_parts(gset, x, workers)
    if backend == "dihedral":
        return dihedral_parts(gset, x, workers)
    return central_parts(gset, x) if backend == "central" else character_parts(gset, x)


def _check_workers(workers) -> int | None:
    if workers is None:
        return None
    return check_int(workers, "workers", minimum=-64, maximum=1024)


@dataclass(frozen=True, eq=False)
class Decomposition:
    """The isotypic decomposition of a batch of functions on a G-set.

    Attributes:
        gset: the G-set X.
        backend: ``"fft"`` or ``"characters"``, the method that computed it.

    Simple ids follow ``gset.group.simples``.
    """

    gset: GSet
    backend: Backend
    _parts: object

    @property
    def group(self):
        return self.gset.group

    def __repr__(self) -> str:
        return f"Decomposition({self.gset!r}, backend={self.backend!r})"

    def energies(self) -> np.ndarray:
        """Squared norms ||P_L f||^2 per simple, shape (..., num_simples); they sum to ||f||^2."""
        return self._parts.energies()

    def project(self, simple_ids) -> np.ndarray:
        """Sum of the isotypic components of the given simples (each counted once), (..., |X|)."""
        ids = np.atleast_1d(np.asarray(simple_ids))
        count = self.group.num_simples
        if not np.issubdtype(ids.dtype, np.integer) or ids.size == 0 or ids.min() < 0 or ids.max() >= count:
            raise ValueError(
                f"`simple_ids` must be ids in 0..{count - 1}, got {describe(simple_ids)} instead"
            )
        return self._parts.project(np.unique(ids))

    def components(self) -> np.ndarray:
        """Every isotypic component, shape (..., num_simples, |X|); memory heavy for big G."""
        return self._parts.components()

    def reconstruct(self) -> np.ndarray:
        """The input back, shape (..., |X|) (the sum of all components)."""
        return self._parts.reconstruct()


def decompose(space, x, *, workers: int | None = None) -> Decomposition:
    """Decompose functions on a G-set into isotypic components.

    Args:
        space: a ``GSet``, a group (its regular module) or a spec such as ``"S4:natural"``.
        x: real array of shape (..., |X|), finite.
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
    """
    gset = as_gset(space)
    workers = _check_workers(workers)
    x = check_finite_array(x, "x", last_axis=gset.size)
    backend = _backend(gset)
    return Decomposition(gset, backend, _parts(gset, x, backend, workers))


def energies(space, x, *, workers: int | None = None) -> np.ndarray:
    """Squared norms of the isotypic components of x, shape (..., num_simples).

    The same as ``decompose(space, x).energies()``; the FFT backend squares in place.

    Example:
        >>> from plrep import cyclic
        >>> energies(cyclic(2), [1.0, 1.0]).tolist()
        [2.0, 0.0]
    """
    gset = as_gset(space)
    workers = _check_workers(workers)
    x = check_finite_array(x, "x", last_axis=gset.size)
    backend = _backend(gset)
    if backend == "fft":
        return fft_energies(gset, x, workers)
    return _parts(gset, x, backend, workers).energies()


def multiplicities(space) -> np.ndarray:
    """How often each simple occurs in R^X, int array (num_simples,).

    Example:
        >>> from plrep import natural_gset, symmetric
        >>> multiplicities(natural_gset(symmetric(4))).tolist()  # trivial + standard
        [1, 0, 0, 1, 0]
    """
    gset = as_gset(space)
    if _backend(gset) == "fft":
        return fft_multiplicities(gset)
    if _backend(gset) == "dihedral":
        return dihedral_multiplicities(gset)
    if isinstance(gset.group, SymmetricGroup) and gset.group.order > MAX_ELEMENTS:
        return young_multiplicities(gset)  # S_n, n >= 9: Young's rule, no elements
    return character_multiplicities(gset)


def dense_projector(space, simple_id: int) -> np.ndarray:
    """The |X| x |X| isotypic projector P_L, from the character: a reference for tests.

    P_L = (dim L / (w_L |G|)) sum_g chi_L(g) rho(g), with rho(g)[x, y] = 1 iff x = g.y.

    Raises:
        ValueError: more than ``MAX_DENSE_SIZE`` points, or an unknown ``simple_id``.
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
    if backend in ("central", "dihedral"):
        return _parts(gset, np.eye(gset.size), backend, None).project(np.array([simple_id])).T
    return character_dense_projector(gset, simple_id)
