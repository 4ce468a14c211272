"""The dihedral backend: D_n-modules decomposed by FFTs over the rotations (docs/math.md §5).

s r s = r^-1, so the C_n-isotypic band of the frequencies {+-k} of any D_n-set X is
D_n-invariant. For 0 < k < n/2 the band is the rho_k-isotypic component of D_n. For k = 0 and
k = n/2 (n even) the band carries the 1-dim characters with r -> (-1)^{2k/n} and splits by the
eigenvalue eps = +-1 of s: P_(k, eps) = P_k (1 + eps s) / 2, with (s f)(x) = f(s x).

Multiplicities: m_(k, eps) = (m_k + eps tr(s P_k)) / 2 for the 1-dim ones, m_k (C_n) for rho_k;
tr(s P_k) = (1/n) sum_t chi_k(t) fix(r^t s), and a point x with s x = r^d x on a rotation
orbit of length l is fixed by r^t s exactly when t = -d (mod l): it adds n/l for k = 0 and
(-1)^d n/l for k = n/2 when l is even (0 when l is odd). Cost: one real FFT per rotation orbit,
no group element is listed.
"""

from __future__ import annotations

import numpy as np

from plrep.decomposition._cache import CACHE
from plrep.decomposition._fft import fft_multiplicities, fft_parts
from plrep.groups import DihedralGroup, cyclic
from plrep.gsets import GSet

__all__ = ["DihedralParts", "dihedral_multiplicities", "dihedral_parts", "uses_dihedral"]


def uses_dihedral(gset: GSet) -> bool:
    """D_n with n >= 3 (generators r, s of ``plrep.groups.dihedral``)."""
    return isinstance(gset.group, DihedralGroup) and gset.group.degree >= 3


def _rotation_gset(gset: GSet) -> GSet:
    return CACHE.get(
        ("dihedral-rotations", gset),
        lambda: GSet(cyclic(gset.group.degree), gset.generators[:1], f"{gset.name}|C", check=False),
        size_of=lambda g: g.generators.nbytes,
    )


def _trace_terms(gset: GSet) -> tuple[float, float]:
    """(tr(s P_0), tr(s P_{n/2})) on R^X, from rotation orbits (see the module docstring)."""
    n = gset.group.degree
    rotate, reflect = gset.generators[0], gset.generators[1]
    size = gset.size
    orbit = np.full(size, -1, dtype=np.int64)
    position = np.zeros(size, dtype=np.int64)
    lengths = []
    for start in range(size):
        if orbit[start] >= 0:
            continue
        point, step = start, 0
        while orbit[point] < 0:
            orbit[point], position[point] = len(lengths), step
            point, step = rotate[point], step + 1
        lengths.append(step)
    lengths = np.array(lengths, dtype=np.int64)
    image = reflect
    same = orbit[image] == orbit
    length = lengths[orbit]
    delta = (position[image] - position) % length
    trivial = float((n / length)[same].sum()) / n
    even = same & (length % 2 == 0)
    alternating = float(((-1.0) ** delta[even] * (n / length[even])).sum()) / n
    return trivial, alternating


def dihedral_multiplicities(gset: GSet) -> np.ndarray:
    """Multiplicity of each real simple of D_n (``group.bands`` order) in R^X, int array."""
    band = fft_multiplicities(_rotation_gset(gset))  # C_n simples: frequency k = id
    trivial, alternating = _trace_terms(gset)
    counts = []
    for k, eps in gset.group.bands:
        if eps == 0:
            counts.append(band[k])
            continue
        trace = trivial if k == 0 else alternating
        counts.append(round((band[k] + eps * trace) / 2))
    return np.array(counts, dtype=np.int64)


class DihedralParts:
    """Components from the C_n spectrum, split by s on the bands k = 0, n/2; ``ProjectedParts`` methods."""

    def __init__(self, gset: GSet, x: np.ndarray, workers) -> None:
        self._gset = gset
        self._rotations = fft_parts(_rotation_gset(gset), x, workers)
        self._bands = gset.group.bands

    def _component(self, simple: int) -> np.ndarray:
        k, eps = self._bands[simple]
        part = self._rotations.project(np.array([k]))
        if eps == 0:
            return part
        return (part + eps * part[..., self._gset.generators[1]]) / 2

    def energies(self) -> np.ndarray:
        bands = self._rotations.energies()  # (..., n//2 + 1), by frequency k
        out = np.empty((*bands.shape[:-1], len(self._bands)))
        for simple, (k, eps) in enumerate(self._bands):
            out[..., simple] = bands[..., k] if eps == 0 else np.square(self._component(simple)).sum(axis=-1)
        return out

    def project(self, ids: np.ndarray) -> np.ndarray:
        parts = [self._component(int(i)) for i in np.atleast_1d(ids)]
        return np.sum(parts, axis=0)

    def components(self) -> np.ndarray:
        return np.stack([self._component(i) for i in range(len(self._bands))], axis=-2)

    def reconstruct(self) -> np.ndarray:
        return self._rotations.reconstruct()


def dihedral_parts(gset: GSet, x: np.ndarray, workers) -> DihedralParts:
    """The dihedral backend of ``decompose`` (x validated, shape (..., |X|))."""
    return DihedralParts(gset, x, workers)
