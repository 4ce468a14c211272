"""Inspect named arrays (activations, weights) over a G-set: one labelled report.

Each array has a G-set axis, indexed by the points of X in their documented order
(docs/architecture.md, "Arrays"); its other axes are units. Layouts:

* ``axis=k``: axis k has length |X|;
* ``axis=None`` (the default): the one axis of length |X| (an error if none or several do);
* ``axis=(i, j)``: the G-set is a product and its points are spread over several axes, flattened
  row-major — a periodic h x w image under C_h x C_w is ``axis=(-2, -1)``;
* ``fibers=True``: escnn-style regular fields — the G-set axis has length c |X| and holds c
  blocks of |X| (entry f |X| + x is point x of field f); each field is a unit.

The energies are those of ``plrep.decomposition.energies``, summarised per array by
``EnergySummary`` (dominant simple, purity per unit, key simples).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from plrep._validate import check_int, describe
from plrep.decomposition import (
    DEFAULT_ENRICHMENT,
    EnergySummary,
    array_labels,
    energies,
    random_baseline,
    summarize_energies,
)
from plrep.gsets import GSet, as_gset

__all__ = [
    "ARCHIVE_ORDER",
    "GIVEN_ORDER",
    "MAX_INSPECTED_ENTRIES",
    "ONNX_ORDER",
    "InspectionReport",
    "check_rows",
    "default_max_rows",
    "gset_layout",
    "inspect_arrays",
]

# Rows (units: one |X|-vector each) inspected in one call, by default: as many as hold 2^24
# entries. Product groups cost most per entry (C59xC59: about 2 s and 400 MB per 2^24 entries
# on a 2-core machine); ``max_rows`` raises the bound.
MAX_INSPECTED_ENTRIES = 1 << 24

# What the order of a report's arrays follows (``InspectionReport.order``, ``"order"`` in its JSON):
# the network's order wherever the model carries one, else the order the arrays came in.
GIVEN_ORDER = "the order the arrays were given in"
ARCHIVE_ORDER = "the archive's member order (the order they were passed to numpy.savez)"
ONNX_ORDER = "the ONNX graph's node order (topological: each tensor after the tensors it is computed from)"


def default_max_rows(points: int) -> int:
    """The rows inspected by default over a G-set of ``points`` points: 2^24 entries' worth."""
    return max(1, MAX_INSPECTED_ENTRIES // max(int(points), 1))


def check_rows(sizes, points: int, max_rows: int | None, argument: str = "arrays") -> None:
    """Refuse more than ``max_rows`` rows of ``points`` entries in arrays of ``sizes`` entries."""
    limit = default_max_rows(points) if max_rows is None else max_rows
    rows = sum(-(-int(size) // max(int(points), 1)) for size in sizes)
    if rows > limit:
        default = " (the default: 2^24 entries / |X|)" if max_rows is None else ""
        raise ValueError(
            f"`{argument}` must hold at most {limit} rows of |X| = {points} points in all{default}, got "
            f"{rows} rows; pass `max_rows` to inspect more"
        )


def _axes(axis, ndim: int, name: str) -> tuple[int, ...]:
    raw = axis if isinstance(axis, tuple | list) else (axis,)
    if not raw:
        raise ValueError(f"`axis` must name at least one axis, got {describe(axis)} instead")
    out = tuple(check_int(a, "axis", minimum=-ndim, maximum=ndim - 1) % ndim for a in raw)
    if len(set(out)) != len(out):
        raise ValueError(f"`axis` must name distinct axes, got {describe(axis)} instead")
    return out


def _default_axis(shape: tuple[int, ...], size: int, name: str, exclude: int | None = None) -> int:
    found = [i for i, n in enumerate(shape) if n == size and i != exclude]
    if len(found) != 1:
        which = "no axis" if not found else f"axes {found}"
        raise ValueError(
            f"`{name}` must have exactly one axis of length {size} when `axis` is not given, "
            f"got shape {shape} ({which} of that length); pass `axis`"
        )
    return found[0]


def gset_layout(x: np.ndarray, size: int, *, axis=None, fibers: bool = False, name: str = "x") -> np.ndarray:
    """``x`` rearranged to (*units, |X|) following the layout options (module docstring).

    Raises:
        ValueError: the G-set axes do not have |X| points (or a multiple of it, for fibers).
    """
    return _flatten(x, _gset_axes(x, size, axis, fibers, name), size, fibers, name)


def _gset_axes(x: np.ndarray, size: int, axis, fibers: bool, name: str, exclude: int | None = None):
    """The G-set axes of ``x`` (non-negative), chosen as ``gset_layout`` documents."""
    if x.ndim == 0:
        raise ValueError(f"`{name}` must have at least one axis, got a scalar instead")
    if axis is None and not fibers:
        return (_default_axis(x.shape, size, name, exclude),)
    return _axes(-1 if axis is None else axis, x.ndim, name)


def _flatten(x: np.ndarray, axes: tuple[int, ...], size: int, fibers: bool, name: str) -> np.ndarray:
    points = int(np.prod([x.shape[a] for a in axes]))
    moved = np.moveaxis(x, axes, tuple(range(-len(axes), 0)))
    flat = moved.reshape(*moved.shape[: moved.ndim - len(axes)], points)
    if fibers:
        if len(axes) != 1 or points % size:
            raise ValueError(
                f"`{name}` must have its fiber axis of length a multiple of {size} (blocks of |X|), "
                f"got shape {x.shape} instead"
            )
        return flat.reshape(*flat.shape[:-1], points // size, size)
    if points != size:
        raise ValueError(
            f"`{name}` must have {size} entries along axis {axes if len(axes) > 1 else axes[0]} "
            f"(one per point of the G-set), got shape {x.shape} instead"
        )
    return flat


@dataclass(frozen=True, eq=False)
class InspectionReport:
    """What each named array holds, simple by simple.

    Attributes:
        space: the G-set.
        summaries: {array name: ``EnergySummary``}, in the order inspected.
        skipped: {array name: reason} for arrays that could not be decomposed.
        source: where the arrays came from (a file name, ``"jax"``, an ONNX model).
        devices: number of devices the computation ran on (1 for numpy).
        order: what the order of ``summaries`` (and of ``skipped``) follows: the network's
            order where the model has one (an ONNX graph's node order, the dict a probed
            function returns), else the order the arrays came in (``GIVEN_ORDER``,
            ``ARCHIVE_ORDER``).
    """

    space: GSet
    summaries: dict[str, EnergySummary]
    skipped: dict[str, str] = field(default_factory=dict)
    source: str = "arrays"
    devices: int = 1
    order: str = GIVEN_ORDER

    def __repr__(self) -> str:
        shown = list(self.summaries)
        names = ", ".join(shown[:4]) + (f", ... ({len(shown)} in all)" if len(shown) > 4 else "")
        return (
            f"InspectionReport({self.source!r} over {self.space.group.name} on {self.space.name} "
            f"({self.space.size} points): arrays [{names}], {len(self.skipped)} skipped; .table() prints it)"
        )

    @property
    def names(self) -> list[str]:
        return list(self.summaries)

    def relative(self) -> np.ndarray:
        """Share of each array's energy per simple, (num_arrays, num_simples)."""
        labels = array_labels(self.space)
        rows = [s.relative() for s in self.summaries.values()]
        return np.array(rows) if rows else np.zeros((0, labels.num_simples))

    def table(self) -> str:
        """The report as text: per array, energy shares of the key simples and unit purities."""
        simples = array_labels(self.space).simples
        lines = [
            f"{self.source}: {len(self.summaries)} array(s) over {self.space.group.name} "
            f"({self.space.size} points), {self.devices} device(s)"
        ]
        for name, summary in self.summaries.items():
            share = summary.relative()
            keys = ", ".join(f"{simples[i].name} {share[i]:.3f}" for i in summary.key_simples)
            purity = summary.purity
            alive = purity[~np.isnan(purity)]
            median = f"{np.median(alive):.3f}" if alive.size else "n/a"
            lines.append(
                f"  {name}: {summary.num_units} unit(s) {list(summary.unit_shape)}, "
                f"key simples (>= {summary.key_fraction:g}): {keys}; median unit purity {median}"
            )
            if summary.baseline is not None and not _is_abelian(array_labels(self.space)):
                # Shares favour large simples (a random vector puts m_L dim L / |X| in L); the
                # enrichment says which ones the units chose.
                ratio = summary.enrichment()
                chosen = ", ".join(f"{simples[i].name} {ratio[i]:.2f}x" for i in summary.enriched_simples())
                lines.append(
                    f"    against a random vector (share / baseline >= {DEFAULT_ENRICHMENT:g}): {chosen or 'none'}"
                )
        lines.extend(f"  skipped {name}: {reason}" for name, reason in self.skipped.items())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """Jupyter: one row per array, its energy per simple shaded as in the explorer."""
        from plrep._html import energy_table

        group = self.space.group
        rows = [(name, s.totals) for name, s in self.summaries.items()]
        title = f"{self.source}: {len(rows)} array(s) over {group.name} ({self.space.name}, {self.space.size} points)"
        skipped = "; ".join(f"skipped {n}: {r}" for n, r in self.skipped.items())
        return energy_table(
            [s.name for s in array_labels(self.space).simples], rows, title=title, note=skipped
        )

    def to_dict(self, *, units: bool = True) -> dict:
        """JSON shape: ``group``, ``gset``, ``simples``, ``devices``, ``order``, ``arrays`` (in the
        network's order, as ``order`` says), ``skipped``."""
        group = self.space.group
        return {
            "source": self.source,
            "group": group.name,
            "gset": {"name": self.space.name, "size": self.space.size},
            "simples": [s.to_dict() for s in array_labels(self.space).simples],
            "devices": self.devices,
            "order": self.order,
            "arrays": [{"name": n, **s.to_dict(units=units)} for n, s in self.summaries.items()],
            "skipped": [{"name": n, "reason": r} for n, r in self.skipped.items()],
        }


def inspect_arrays(
    space,
    arrays: Mapping[str, object],
    *,
    axis=None,
    fibers: bool = False,
    key_fraction: float = 0.9,
    skip_mismatched: bool = False,
    source: str = "arrays",
    max_rows: int | None = None,
    batch_axis: int | None = None,
) -> InspectionReport:
    """Decompose each named array along its G-set axis and summarise it.

    Args:
        space: a ``GSet``, a group or a spec such as ``"C59xC59"``.
        arrays: {name: real array}; the G-set axis is chosen by ``axis``/``fibers``.
        axis, fibers: the layout (module docstring).
        key_fraction: the share of the energy the key simples hold, in (0, 1].
        skip_mismatched: list arrays whose shape does not fit in ``skipped`` instead of raising.
        source: a label for the report.
        batch_axis: an axis of every array that holds samples, not units: the energies are
            summed over it, as ``plrep.nn.probe`` does over samples (default: none; every
            axis but the G-set's is a unit).
        max_rows: the most rows (units, |X| entries each) inspected in all; by default as many
            as hold ``MAX_INSPECTED_ENTRIES`` (2^24) entries. Checked before any work.

    Returns:
        An ``InspectionReport``.

    Raises:
        ValueError, TypeError: a non-numeric or non-finite array, or (unless
            ``skip_mismatched``) one without a G-set axis; the message names the array.

    Example:
        >>> import numpy as np
        >>> t = np.arange(8)
        >>> r = inspect_arrays("C8", {"w": np.stack([np.cos(np.pi * t / 2), np.ones(8)], 1)})
        >>> r.summaries["w"].dominant.tolist(), r.summaries["w"].key_simples
        ([2, 0], [0, 2])
    """
    gset = as_gset(space)
    if not isinstance(arrays, Mapping) or not arrays:
        raise TypeError(
            f"`arrays` must be a non-empty mapping of names to arrays, got {describe(arrays)} instead"
        )
    if max_rows is not None:
        max_rows = check_int(max_rows, "max_rows", minimum=1)
    check_rows([np.size(value) for value in arrays.values()], gset.size, max_rows)
    summaries, skipped = {}, {}
    baseline = random_baseline(gset)
    for name, value in arrays.items():
        label = f"arrays[{name!r}]"
        array = np.asarray(value)
        try:
            flat, batch = _layout(array, gset.size, axis, fibers, label, batch_axis)
        except ValueError as error:
            if not skip_mismatched:
                raise
            skipped[str(name)] = str(error)
            continue
        rows = energies(gset, _finite(flat, label))
        if batch is not None:  # samples, not units: their energies add up
            rows = rows.sum(axis=batch)
        summaries[str(name)] = summarize_energies(
            array_labels(gset), rows, unit_shape=rows.shape[:-1], key_fraction=key_fraction, baseline=baseline
        )
    return InspectionReport(gset, summaries, skipped, source)


def _layout(array, size, axis, fibers, label, batch_axis):
    """(array as (*units, |X|), position of the batch among the unit axes or None)."""
    if batch_axis is None:
        return gset_layout(array, size, axis=axis, fibers=fibers, name=label), None
    if array.ndim < 2:
        raise ValueError(
            f"`{label}` must have a batch axis and a G-set axis, got shape {array.shape} instead"
        )
    batch = check_int(batch_axis, "batch_axis", minimum=-array.ndim, maximum=array.ndim - 1) % array.ndim
    try:
        axes = _gset_axes(array, size, axis, fibers, label, exclude=batch)
    except ValueError:
        if axis is None and not fibers and array.shape[batch] == size:  # the batch is the only candidate
            axes = (batch,)
        else:
            raise
    if batch in axes:
        raise ValueError(
            f"`batch_axis` must not be a G-set axis of `{label}`, got {batch_axis} (shape {array.shape}) instead"
        )
    units = [i for i in range(array.ndim) if i not in axes]
    return _flatten(array, axes, size, fibers, label), units.index(batch)


def _is_abelian(group) -> bool:
    """Every real simple of an abelian group is 1-dim or 2-dim of complex type (cyclic products leave the type unset)."""
    return all(s.dim == 1 or (s.dim == 2 and s.type in (None, "complex")) for s in group.simples)


def _finite(array: np.ndarray, label: str) -> np.ndarray:
    if array.dtype.kind not in "biuf":
        raise TypeError(f"`{label}` must be a real numeric array, got dtype {array.dtype} instead")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"`{label}` must contain only finite values, got NaN or infinity instead")
    return array
