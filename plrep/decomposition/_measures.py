"""Per-unit measures of an ``EnergySummary`` and the Gini coefficient of a spectrum.

* ``unit_measures(summary, simples)``: per unit the dominant simple and purity (from the
  summary), the fraction of its energy in ``simples`` (default: the summary's key simples), and
  over the batch the distinct dominant simples and the enrichment against the random baseline;
* ``gini(values)``: the Gini coefficient of non-negative numbers, 0 when all are equal and
  (n - 1) / n when one holds everything. Over the energies per simple of an embedding it says
  how concentrated its spectrum is (Nanda et al. 2023 plot it against the training step).

Numpy only: usable on energies from any source (``summarize``, ``probe``, an archive).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep._validate import check_finite_array, describe
from plrep.decomposition._summary import EnergySummary

__all__ = ["UnitMeasures", "gini", "unit_measures"]


def gini(values) -> float:
    """Gini coefficient of non-negative values: mean |x_i - x_j| / (2 mean x), in [0, 1).

    Raises:
        ValueError: empty, negative or non-finite values, or all zero (no distribution).

    Example:
        >>> gini([1.0, 1.0, 1.0, 1.0]), gini([0.0, 0.0, 0.0, 2.0])
        (0.0, 0.75)
    """
    array = check_finite_array(values, "values").ravel()
    if array.size == 0 or np.any(array < 0) or array.max() <= 0:  # max, not sum: no overflow
        raise ValueError(f"`values` must be non-negative with a positive sum, got {describe(values)} instead")
    ordered = np.sort(array) / array.max()  # scale-free; sums of values near 1e308 would overflow
    n = ordered.size
    # Sorted form of the mean-difference formula: sum_i (2 i - n - 1) x_(i) / (n sum x), i = 1..n.
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * ordered) / (n * ordered.sum()))


@dataclass(frozen=True)
class UnitMeasures:
    """What each unit holds and how the batch spreads over the simples.

    Attributes:
        simples: the simple ids ``key_share`` counts.
        dominant: per unit, its dominant simple id (-1: a tie or no energy).
        purity: per unit, its largest energy fraction (NaN: no energy).
        key_share: per unit, the fraction of its energy in ``simples`` (NaN: no energy).
        distinct_dominant: the distinct dominant simples over the units (ties left out), sorted.
        enrichment: per simple, observed share / random-baseline share (None without a baseline).

    Example:
        >>> import numpy as np
        >>> from plrep import summarize
        >>> m = unit_measures(summarize("C8", np.eye(8)[:2]), simples=[0])  # two point masses
        >>> m.key_share.tolist(), m.to_dict()["num_distinct_dominant"]  # 1/8 of each in the trivial
        ([0.125, 0.125], 0)
    """

    simples: list[int]
    dominant: np.ndarray
    purity: np.ndarray
    key_share: np.ndarray
    distinct_dominant: list[int]
    enrichment: np.ndarray | None

    def to_dict(self, *, units: bool = False) -> dict:
        def median(a):
            alive = a[~np.isnan(a)]
            return float(np.median(alive)) if alive.size else None

        out = {
            "simples": self.simples,
            "median_purity": median(self.purity),
            "median_key_share": median(self.key_share),
            "distinct_dominant": self.distinct_dominant,
            "num_distinct_dominant": len(self.distinct_dominant),
            "enrichment": None
            if self.enrichment is None
            else [None if np.isnan(r) else float(r) for r in self.enrichment],
        }
        if units:
            out["units"] = [
                {
                    "dominant": None if d < 0 else int(d),
                    "purity": None if np.isnan(p) else float(p),
                    "key_share": None if np.isnan(s) else float(s),
                }
                for d, p, s in zip(self.dominant, self.purity, self.key_share, strict=True)
            ]
        return out


def unit_measures(summary: EnergySummary, simples=None) -> UnitMeasures:
    """Per-unit measures of ``summary`` (module docstring); ``simples`` default: its key simples.

    Example:
        >>> import numpy as np
        >>> from plrep import summarize
        >>> t = np.arange(12)
        >>> units = np.stack([np.cos(2 * np.pi * 2 * t / 12), np.cos(2 * np.pi * 5 * t / 12) + 0.5], axis=1)
        >>> m = unit_measures(summarize("C12", units, axis=0), simples=[2, 5])
        >>> m.dominant.tolist(), m.key_share.round(3).tolist(), m.distinct_dominant
        ([2, 5], [1.0, 0.667], [2, 5])
    """
    if not isinstance(summary, EnergySummary):
        raise TypeError(
            f"`summary` must be an EnergySummary (from `summarize`), got {describe(summary)} instead"
        )
    count = summary.energies.shape[1]
    if simples is None:
        chosen = list(summary.key_simples)
    else:
        raw = np.atleast_1d(np.asarray(simples, dtype=object))
        if raw.ndim != 1 or not all(isinstance(s, int | np.integer) and not isinstance(s, bool) for s in raw):
            raise TypeError(f"`simples` must be a list of simple ids (ints), got {describe(simples)} instead")
        chosen = sorted({int(s) for s in raw})
        if any(not 0 <= s < count for s in chosen):
            raise ValueError(f"`simples` must be simple ids in [0, {count}), got {chosen} instead")
    norms = summary.unit_norms
    alive = ~np.isnan(summary.purity)
    share = np.full(summary.num_units, np.nan)
    share[alive] = summary.energies[alive][:, chosen].sum(axis=1) / norms[alive]
    dominant = summary.dominant
    distinct = sorted({int(d) for d in dominant if d >= 0})
    enrichment = summary.enrichment() if summary.baseline is not None else None
    return UnitMeasures(chosen, dominant, summary.purity, share, distinct, enrichment)
