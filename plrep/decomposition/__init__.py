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
    random_baseline,
    summarize,
)
from plrep.decomposition._measures import UnitMeasures, gini, unit_measures
from plrep.decomposition._projectors import DENSE_LIMIT
from plrep.decomposition._summary import DEFAULT_ENRICHMENT, TIE_TOLERANCE, EnergySummary, summarize_energies
from plrep.decomposition._symmetric import ModuleSimples, array_labels

__all__ = [
    "CACHE",
    "DEFAULT_ENRICHMENT",
    "DENSE_LIMIT",
    "MAX_DENSE_SIZE",
    "TIE_TOLERANCE",
    "BoundedCache",
    "Decomposition",
    "EnergySummary",
    "ModuleSimples",
    "UnitMeasures",
    "array_labels",
    "by_simple",
    "clear_cache",
    "decompose",
    "dense_projector",
    "energies",
    "gini",
    "multiplicities",
    "random_baseline",
    "summarize",
    "summarize_energies",
    "unit_measures",
]
