"""What a batch of units holds, simple by simple: dominant simple, purity, key simples.

A *unit* is one function on the G-set X (a neuron's response over X, an embedding dimension,
a channel). From the energies e[u, L] = ||P_L f_u||^2 (they sum to ||f_u||^2 over L):

* the dominant simple of unit u is argmax_L e[u, L], its purity p_u = max_L e[u, L] / ||f_u||^2
  (1 for a unit living in one isotypic component, 1 / #simples at worst);
* the key simples of the batch are the smallest set of simples holding at least a fraction F
  (default 0.9) of the total energy sum_u ||f_u||^2: the simples sorted by total energy,
  largest first, taken until the running sum reaches F;
* the random baseline of simple L is the share of the energy a random (isotropic Gaussian)
  vector of R^X puts in L: its isotypic component has dimension m_L dim L of the |X|
  coordinates, so the expected share is m_L dim L / |X|. The observed share divided by it
  (``enrichment``) is 1 for noise and large for a simple the units *chose*; key simples by share
  alone favour large simples (the 3-dim simples of S_4 hold 3/8 of a random vector each).

Definitions: docs/math.md §8. Decisions carry a margin: a unit whose two largest
energies differ by less than ``TIE_TOLERANCE`` of its energy has no well-defined dominant simple
and is reported as a tie (``dominant = -1``); a unit with (numerically) zero energy has neither a
dominant simple nor a purity (``-1`` and NaN; ``None`` in JSON).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from plrep._validate import check_finite_array, check_finite_real, describe

__all__ = ["DEFAULT_ENRICHMENT", "TIE_TOLERANCE", "EnergySummary", "summarize_energies"]

# Relative gap below which two energies are treated as equal: float64 round-off in the FFT or
# projector path is ~1e-15 of the energy; float32 activations (a JAX model) carry ~1e-7; the gap
# sits above both so that a genuine tie is never resolved by round-off.
TIE_TOLERANCE = 1e-5

# Enrichment (observed share / random-baseline share) from which a simple counts as chosen by the
# units: twice what noise gives. A random vector's enrichment fluctuates around 1 by about
# sqrt(2 / (m_L dim L * units)), far below 1 for any batch of more than a few units.
DEFAULT_ENRICHMENT = 2.0


def _check_fraction(value) -> float:
    value = check_finite_real(value, "key_fraction")
    if not 0.0 < value <= 1.0:
        raise ValueError(f"`key_fraction` must be a number in (0, 1], got {value} instead")
    return value


@dataclass(frozen=True, eq=False)
class EnergySummary:
    """Energies per unit and simple, and what they say.

    Attributes:
        group: the group whose simples label the columns.
        energies: float array (num_units, num_simples); units flattened in C order.
        unit_shape: the shape of the unit axes before flattening.
        key_fraction: the fraction F used for ``key_simples``.
        baseline: the random-baseline share of each simple, (num_simples,), summing to 1, or
            None when the G-set is unknown (energies given without their space).

    Example:
        >>> import numpy as np
        >>> from plrep import summarize
        >>> t = np.arange(12)
        >>> units = np.stack([np.cos(2 * np.pi * 2 * t / 12), np.cos(2 * np.pi * 2 * t / 12) + 1], axis=1)
        >>> summary = summarize("C12", units, axis=0)  # two neurons over C_12
        >>> summary.dominant.tolist(), summary.purity.round(3).tolist(), summary.key_simples
        ([2, 0], [1.0, 0.667], [0, 2])
    """

    group: object
    energies: np.ndarray
    unit_shape: tuple[int, ...]
    key_fraction: float = 0.9
    baseline: np.ndarray | None = None

    def __repr__(self) -> str:
        # One line: the energies array is what `energies` is for, not the repr.
        return (
            f"EnergySummary({getattr(self.group, 'name', self.group)}, {self.num_units} unit(s) of shape "
            f"{tuple(self.unit_shape)} x {self.energies.shape[-1]} simples, key_fraction {self.key_fraction:g})"
        )

    @property
    def num_units(self) -> int:
        return int(self.energies.shape[0])

    @property
    def totals(self) -> np.ndarray:
        """Energy per simple over all units, (num_simples,)."""
        return self.energies.sum(axis=0)

    @property
    def unit_norms(self) -> np.ndarray:
        """||f_u||^2 per unit, (num_units,)."""
        return self.energies.sum(axis=1)

    @property
    def purity(self) -> np.ndarray:
        """Largest energy fraction per unit, (num_units,); NaN for units without energy."""
        norms = self.unit_norms
        alive = norms > _zero_level(self.energies)
        out = np.full(self.num_units, np.nan)
        out[alive] = self.energies[alive].max(axis=1) / norms[alive]
        return out

    @property
    def dominant(self) -> np.ndarray:
        """Dominant simple id per unit, (num_units,); -1 for a tie or a unit without energy."""
        if self.energies.shape[1] == 1:
            top = np.zeros(self.num_units, dtype=np.int64)
            return np.where(np.isnan(self.purity), -1, top)
        ordered = np.sort(self.energies, axis=1)
        gap = (ordered[:, -1] - ordered[:, -2]) / np.maximum(self.unit_norms, np.finfo(float).tiny)
        top = self.energies.argmax(axis=1)
        return np.where(np.isnan(self.purity) | (gap < TIE_TOLERANCE), -1, top)

    @property
    def key_simples(self) -> list[int]:
        """The fewest simples holding ``key_fraction`` of the total energy, largest first."""
        totals = self.totals
        whole = totals.sum()
        if whole <= 0:
            return []
        order = np.argsort(-totals, kind="stable")
        running = np.cumsum(totals[order]) / whole
        # Round-off must not drop a simple the fraction needs: accept within 1e-12.
        count = int(np.searchsorted(running, self.key_fraction - 1e-12) + 1)
        return [int(i) for i in order[: min(count, order.size)]]

    def relative(self) -> np.ndarray:
        """Totals as fractions of the whole energy, (num_simples,)."""
        whole = self.totals.sum()
        return self.totals / whole if whole > 0 else np.zeros_like(self.totals)

    def enrichment(self) -> np.ndarray:
        """Observed share / random-baseline share per simple, (num_simples,).

        1 is what a random vector gives; NaN for a simple absent from the G-set (baseline 0).

        Raises:
            ValueError: the summary was made without its G-set (no baseline).

        Example:
            >>> import numpy as np
            >>> from plrep import summarize
            >>> x = np.random.default_rng(0).normal(size=(2000, 24))  # noise on S_4's regular set
            >>> s = summarize("S4", x)
            >>> s.baseline.round(3).tolist(), bool(np.allclose(s.enrichment(), 1, atol=0.1))
            ([0.042, 0.042, 0.167, 0.375, 0.375], True)
        """
        if self.baseline is None:
            raise ValueError(
                "this summary has no random baseline: make it with `summarize(space, x)` or pass "
                "`baseline=` to `summarize_energies`"
            )
        out = np.full(self.baseline.shape, np.nan)
        present = self.baseline > 0
        out[present] = self.relative()[present] / self.baseline[present]
        return out

    def enriched_simples(self, threshold: float = DEFAULT_ENRICHMENT) -> list[int]:
        """Simples whose enrichment is at least ``threshold``, most enriched first.

        The simples the units *chose*, as opposed to the ones that hold much energy because they
        are large; ``threshold`` (default ``DEFAULT_ENRICHMENT``) must be positive.

        Example:
            >>> import numpy as np
            >>> from plrep import summarize
            >>> rng = np.random.default_rng(1)
            >>> x = rng.normal(size=(64, 12)) * 0.1 + np.cos(2 * np.pi * 5 * np.arange(12) / 12)
            >>> summarize("C12", x).enriched_simples()
            [5]
        """
        threshold = check_finite_real(threshold, "threshold")
        if threshold <= 0:
            raise ValueError(f"`threshold` must be positive, got {threshold} instead")
        ratio = self.enrichment()
        chosen = np.flatnonzero(np.nan_to_num(ratio, nan=-np.inf) >= threshold)
        return [int(i) for i in chosen[np.argsort(-ratio[chosen], kind="stable")]]

    def _repr_html_(self) -> str:
        """Jupyter: the totals per simple, shaded as in the explorer, with the key simples."""
        from plrep._html import energy_table

        names = [s.name for s in self.group.simples]
        keys = ", ".join(names[i] for i in self.key_simples)
        title = f"{self.group.name}: {self.num_units} unit(s); key simples (>= {self.key_fraction:g}): {keys}"
        return energy_table(names, [("all units", self.totals)], title=title)

    def purity_histogram(self, bins: int = 10) -> tuple[np.ndarray, np.ndarray]:
        """Counts of unit purities in ``bins`` equal bins of [0, 1] (units with energy only)."""
        purity = self.purity
        return np.histogram(purity[~np.isnan(purity)], bins=bins, range=(0.0, 1.0))

    def to_dict(self, *, units: bool = True) -> dict:
        """JSON shape: ``key_simples``, ``totals``, ``relative``, ``purity`` stats, ``units``."""
        purity = self.purity
        alive = purity[~np.isnan(purity)]
        out = {
            "key_fraction": self.key_fraction,
            "key_simples": self.key_simples,
            "totals": self.totals.tolist(),
            "relative": self.relative().tolist(),
            "unit_shape": list(self.unit_shape),
            "baseline": None if self.baseline is None else self.baseline.tolist(),
            "enrichment": None
            if self.baseline is None
            else [None if np.isnan(r) else float(r) for r in self.enrichment()],
            "num_units": self.num_units,
            "purity_summary": {
                "mean": float(alive.mean()) if alive.size else None,
                "median": float(np.median(alive)) if alive.size else None,
                "min": float(alive.min()) if alive.size else None,
                "histogram": self.purity_histogram()[0].tolist(),
            },
        }
        if units:
            out["units"] = [
                {
                    "index": index,
                    "dominant": None if d < 0 else int(d),
                    "purity": None if np.isnan(p) else float(p),
                    "energies": row.tolist(),
                }
                for index, (d, p, row) in enumerate(zip(self.dominant, purity, self.energies, strict=True))
            ]
        return out


def _zero_level(energies: np.ndarray) -> float:
    """Energy below which a unit counts as zero: round-off of the largest unit's energy."""
    scale = float(energies.sum(axis=1).max()) if energies.size else 0.0
    return max(scale * 1e-12, np.finfo(float).tiny)


def summarize_energies(
    group, energies, *, unit_shape=None, key_fraction: float = 0.9, baseline=None
) -> EnergySummary:
    """An ``EnergySummary`` from energies already computed, shape (*units, num_simples).

    ``baseline``: the random-baseline share per simple (``random_baseline(space)``), if known.

    Raises:
        ValueError, TypeError: energies not finite and non-negative, or of the wrong width.

    Example:
        >>> from plrep.groups import cyclic
        >>> s = summarize_energies(cyclic(4), [[0.0, 3.0, 0.5], [2.0, 0.0, 0.0]])
        >>> s.dominant.tolist(), s.purity.round(2).tolist(), s.key_simples  # 5 of 5.5 >= 0.9
        ([1, 0], [0.86, 1.0], [1, 0])
    """
    key_fraction = _check_fraction(key_fraction)
    array = check_finite_array(energies, "energies", last_axis=group.num_simples)
    if np.any(array < 0):
        raise ValueError(f"`energies` must be non-negative, got {describe(array)} with negative entries")
    shape = tuple(array.shape[:-1]) if unit_shape is None else tuple(unit_shape)
    flat = array.reshape(-1, group.num_simples)
    if baseline is not None:
        baseline = check_finite_array(baseline, "baseline", last_axis=group.num_simples)
        if baseline.ndim != 1 or np.any(baseline < 0) or not np.isclose(baseline.sum(), 1.0):
            raise ValueError(
                f"`baseline` must be non-negative shares, one per simple, summing to 1, "
                f"got {describe(baseline)} instead"
            )
    return EnergySummary(group, flat, shape, key_fraction, baseline)
