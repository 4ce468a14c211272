"""Isotypic decomposition of permutation modules: one front, two backends.

``decompose(space, x)`` returns a ``Decomposition`` for any G-set: real FFTs for cyclic
products, character projectors for permutation groups. ``energies`` and ``multiplicities``
are the common shortcuts; ``dense_projector`` is the O(|X|^2) reference for tests.
"""

from plrep.decomposition._cache import CACHE, BoundedCache, clear_cache
from plrep.decomposition._fft import MAX_DENSE_SIZE
from plrep.decomposition._front import (
    Decomposition,
    by_simple,
    decompose,
    dense_projector,
    energies,
    multiplicities,
    summarize,
)
from plrep.decomposition._projectors import DENSE_LIMIT
from plrep.decomposition._summary import TIE_TOLERANCE, EnergySummary, summarize_energies

__all__ = [
    "CACHE",
    "DENSE_LIMIT",
    "MAX_DENSE_SIZE",
    "TIE_TOLERANCE",
    "BoundedCache",
    "Decomposition",
    "EnergySummary",
    "by_simple",
    "clear_cache",
    "decompose",
    "dense_projector",
    "energies",
    "multiplicities",
    "summarize",
    "summarize_energies",
]
