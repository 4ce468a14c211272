"""A toy task that ships with plrep: which frequency band dominates a periodic signal.

Signals live on G = C_n (or C_n x C_m, periodic images). The simples other than the trivial
one are split by frequency size |xi| (the Euclidean norm of the canonical frequency, in units
of the smallest factor's fundamental) into ``num_classes`` bands of nearly equal numbers; a
sample's label is the band holding the most energy ||P_L x||^2 (``plrep.decomposition.energies``).
Energies per simple are invariant under G, so the label is a G-invariant function of the
signal: exactly what an equivariant network with an invariant read-out can represent.
Generation: a random Gaussian signal reweighted per simple, with one randomly chosen band
boosted; the label is then recomputed from the actual energies, never assumed.
"""

from __future__ import annotations

import numpy as np

from plrep._validate import check_finite_real, check_int, describe
from plrep.decomposition import decompose, energies
from plrep.groups import CyclicProduct, parse_group
from plrep.nn._validate import MAX_SEED

__all__ = ["band_of_simples", "frequency_bands"]


def band_of_simples(group: CyclicProduct, num_classes: int) -> np.ndarray:
    """Band index of each simple, shape (num_simples,); -1 for the trivial simple.

    Non-trivial simples are sorted by the length of their frequency vector (each coordinate
    taken as min(xi_i, n_i - xi_i) / n_i) and cut into ``num_classes`` contiguous bands.

    Raises:
        TypeError: ``group`` is not a CyclicProduct.
        ValueError: ``num_classes`` < 2 or above the number of non-trivial simples.

    Example:
        >>> from plrep.groups import cyclic
        >>> band_of_simples(cyclic(8), 2).tolist()  # L0 | L1, L2 | L3, L4
        [-1, 0, 0, 1, 1]
    """
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")
    num_classes = check_int(num_classes, "num_classes", minimum=2)
    freqs = group.simple_frequencies.astype(np.float64)
    n = np.asarray(group.factors, dtype=np.float64)
    length = np.linalg.norm(np.minimum(freqs, n - freqs) / n, axis=-1)
    nontrivial = np.flatnonzero(length > 0)
    if nontrivial.size < num_classes:
        raise ValueError(
            f"`num_classes` must be at most {nontrivial.size} for {group.name}, got {num_classes} instead"
        )
    order = nontrivial[np.argsort(length[nontrivial], kind="stable")]
    bands = np.full(group.num_simples, -1)
    for band, members in enumerate(np.array_split(order, num_classes)):
        bands[members] = band
    return bands


def frequency_bands(
    group: CyclicProduct | str, num_samples: int, *, num_classes: int = 3, boost: float = 3.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Signals labelled by their dominant frequency band.

    Args:
        group: the group (or spec such as ``"C32"``, ``"C8xC8"``).
        num_samples: how many signals.
        num_classes: number of bands (labels 0..num_classes-1, low to high frequency).
        boost: amplitude factor of the chosen band; larger makes the task easier.
        seed: seed of the ``numpy.random.Generator``.

    Returns:
        ``(x, y)``: x float32 of shape (num_samples, 1, |G|) with unit mean square, y int32 of
        shape (num_samples,).

    Raises:
        TypeError: ``group`` is not a CyclicProduct or spec.
        ValueError: ``num_samples`` < 1, ``boost`` <= 0, or ``num_classes`` as in ``band_of_simples``.

    Example:
        >>> x, y = frequency_bands("C8", 5, num_classes=2, seed=0)
        >>> x.shape, x.dtype.name, y.dtype.name
        ((5, 1, 8), 'float32', 'int32')
        >>> round(float((x**2).mean()), 5), set(y.tolist()) <= {0, 1}  # unit mean square
        (1.0, True)
    """
    group = parse_group(group) if isinstance(group, str) else group
    if not isinstance(group, CyclicProduct):
        raise TypeError(
            f"`group` must be a CyclicProduct or a spec such as 'C8', got {describe(group)} instead"
        )
    num_samples = check_int(num_samples, "num_samples", minimum=1)
    boost = check_finite_real(boost, "boost")
    if boost <= 0:  # a non-positive gain would erase or flip the band that defines the label
        raise ValueError(f"`boost` must be positive, got {boost} instead")
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    bands = band_of_simples(group, num_classes)
    rng = np.random.default_rng(seed)
    chosen = rng.integers(0, num_classes, size=num_samples)
    # Random per-simple gains spread the energy unevenly inside and outside the chosen band.
    gains = rng.uniform(0.2, 1.0, size=(num_samples, group.num_simples))
    gains *= np.where(bands[None, :] == chosen[:, None], boost, 1.0)
    gains[:, bands < 0] = 0.0
    components = decompose(group, rng.normal(size=(num_samples, group.order))).components()
    x = np.einsum("bs,bsx->bx", gains, components)
    x /= np.sqrt(np.mean(x**2, axis=-1, keepdims=True))
    power = energies(group, x)
    band_power = np.stack([power[:, bands == b].sum(axis=-1) for b in range(num_classes)], axis=-1)
    return x[:, None, :].astype(np.float32), np.argmax(band_power, axis=-1).astype(np.int32)
