"""``ablate``: restricted and excluded loss per simple at a named intermediate of any JAX model.

A model is ``fn(inputs, intervene) -> logits`` (batch, classes). Wherever it computes something
worth ablating it writes ``h = intervene("hidden", h)``; plrep passes the identity to read the
model and a projection to ablate it. The intermediate carries a G-set X on axis ``axis`` (an int,
or a tuple flattened row-major, as in ``probe``):

* an activation over the inputs, when the inputs *are* the points of X (``inputs`` default:
  the point indices 0..|X|-1): the hidden layer or the logits of a network on pairs (a, b) of
  C_p x C_p, X on axis 0;
* a parameter indexed by X, whatever the inputs: the embedding matrix W_E (p, d) of Z_p.

``keep=S`` replaces the intermediate by its projection onto the isotypic components of the
simples in S (the *restricted* model); ``remove=S`` subtracts that projection (the *excluded*
model). The projection is plrep's own decomposition, on the device, inside the jitted pass: for a
regular module of a cyclic product the real FFT with the other frequencies zeroed, otherwise the
sum of the dense isotypic projectors (``plrep.decomposition.dense_projector``) at HIGHEST
precision. Loss (mean cross-entropy) and accuracy are taken on the rows named by ``rows``, with
the unablated model's beside them.

The cross-entropy is computed as (max - correct) + log1p(sum of the other exp(x - max)), so that
a confident model's loss of 1e-9 is not rounded to 0 in float32 (the textbook log-softmax
subtracts two numbers near 20 and keeps about 1e-6): restricted and full loss can be compared
down to ~1e-30.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import jax
import jax.numpy as jnp
import numpy as np

from plrep._validate import check_int, describe
from plrep.decomposition import dense_projector
from plrep.groups import CyclicProduct
from plrep.gsets import GSet, as_gset
from plrep.nn._energies import MAX_PROJECTOR_ENTRIES, _fft_layout

__all__ = [
    "OUTPUT",
    "Ablation",
    "ablate",
    "ablate_logits",
    "cross_entropy_stable",
    "device_projection",
    "resolve_simples",
]

# The name under which ``at`` ablates the model's returned logits (no ``intervene`` call needed).
OUTPUT = "output"


def resolve_simples(group, simples, name: str) -> list[int]:
    """Simple ids from ids, names (``"L(1,1)"``, ``"2a"``) or, for cyclic products, frequencies.

    Raises:
        TypeError, ValueError: naming ``name``, for anything that is not a simple of ``group``.

    Example:
        >>> from plrep.groups import cyclic_product
        >>> resolve_simples(cyclic_product(5, 5), [0, "L(1,1)", (2, 2), (-2, -2)], "keep")
        [0, 4, 10]
    """
    if isinstance(simples, str | int | np.integer):
        simples = [simples]
    try:
        items = list(simples)
    except TypeError:
        raise TypeError(
            f"`{name}` must be a list of simples (ids, names or frequency tuples), got {describe(simples)} instead"
        ) from None
    by_name = {s.name: s.id for s in group.simples}
    ids = []
    for item in items:
        if isinstance(item, bool):
            raise TypeError(f"`{name}` must hold simples of {group.name}, got the bool {item!r}")
        if isinstance(item, int | np.integer):
            if not 0 <= int(item) < group.num_simples:
                raise ValueError(
                    f"`{name}` must hold simple ids of {group.name} in [0, {group.num_simples}), got {int(item)}"
                )
            ids.append(int(item))
        elif isinstance(item, str):
            if item not in by_name:
                shown = ", ".join(list(by_name)[:6])
                raise ValueError(
                    f"`{name}` must hold simples of {group.name}, got {item!r}, which is not one (names: {shown}, ...)"
                )
            ids.append(by_name[item])
        elif isinstance(item, tuple | list) and isinstance(group, CyclicProduct):
            if len(item) != len(group.factors) or not all(isinstance(v, int | np.integer) for v in item):
                raise ValueError(
                    f"`{name}` must hold frequency tuples of {len(group.factors)} ints for {group.name}, got {item!r}"
                )
            ids.append(int(group.simple_ids(np.asarray(item, dtype=np.int64))))
        else:
            raise TypeError(
                f"`{name}` must hold simples of {group.name} (ids, names or frequency tuples), got {describe(item)}"
            )
    return sorted(set(ids))


def _fft_projection(group: CyclicProduct, chosen: np.ndarray):
    ids, _ = _fft_layout(group)
    factors = group.factors
    half = (*factors[:-1], factors[-1] // 2 + 1)
    mask = np.isin(ids, chosen).reshape(half)
    grid_axes = tuple(range(-len(factors), 0))

    def project(a):
        grid = a.reshape(*a.shape[:-1], *factors)
        spectrum = jnp.fft.rfftn(grid, axes=grid_axes) * jnp.asarray(mask)
        back = jnp.fft.irfftn(spectrum, s=factors, axes=grid_axes)
        return back.reshape(a.shape).astype(a.dtype)

    return project


def _dense_projection(gset: GSet, chosen: np.ndarray):
    entries = gset.size**2
    if entries > MAX_PROJECTOR_ENTRIES:
        raise ValueError(
            f"`space` must have |X|^2 <= {MAX_PROJECTOR_ENTRIES} for an on-device projector, "
            f"got {gset.size}^2 = {entries} instead"
        )
    matrix = sum((dense_projector(gset, int(s)) for s in chosen), np.zeros((gset.size, gset.size)))

    def project(a):
        return jnp.einsum("xy,...y->...x", jnp.asarray(matrix, a.dtype), a, precision="highest")

    return project


def device_projection(space, simples) -> Callable:
    """A jittable map (..., |X|) -> (..., |X|): the projection onto the simples' isotypic components.

    Example:
        >>> import jax.numpy as jnp
        >>> t = jnp.arange(8.0)
        >>> x = 1.0 + jnp.cos(2 * jnp.pi * t / 8) + jnp.cos(2 * jnp.pi * 3 * t / 8)
        >>> bool(jnp.allclose(device_projection("C8", [0, 3])(x), x - jnp.cos(2 * jnp.pi * t / 8), atol=1e-6))
        True
    """
    gset = as_gset(space)
    chosen = np.asarray(resolve_simples(gset.group, simples, "simples"), dtype=np.int64)
    if isinstance(gset.group, CyclicProduct) and gset.is_regular:
        return _fft_projection(gset.group, chosen)
    return _dense_projection(gset, chosen)


def cross_entropy_stable(logits, labels):
    """Per-row cross-entropy (float32 safe down to ~1e-30 for confident rows; module docstring).

    Example:
        >>> import jax.numpy as jnp
        >>> float(cross_entropy_stable(jnp.array([[25.0, 0.0]]), jnp.array([0]))[0])  # exp(-25)
        1.39e-11
    """
    top = jnp.max(logits, axis=-1, keepdims=True)
    shifted = logits - top
    is_top = jnp.arange(logits.shape[-1]) == jnp.argmax(logits, axis=-1, keepdims=True)
    others = jnp.sum(jnp.where(is_top, 0.0, jnp.exp(shifted)), axis=-1)
    correct = jnp.take_along_axis(shifted, labels[..., None], axis=-1)[..., 0]
    return -correct + jnp.log1p(others)


def _axes(axis, ndim: int) -> tuple[int, ...] | None:
    """``axis`` (an int or a tuple of distinct ints) as non-negative axes, None if out of range."""
    raw = tuple(axis) if isinstance(axis, tuple | list) else (axis,)
    if not raw or any(isinstance(a, bool) or not isinstance(a, int | np.integer) for a in raw):
        raise TypeError(f"`axis` must be an int or a non-empty tuple of ints, got {describe(axis)} instead")
    if any(not -ndim <= a < ndim for a in raw):
        return None
    axes = tuple(int(a) % ndim for a in raw)
    if len(set(axes)) != len(axes):
        raise ValueError(f"`axis` must name distinct axes, got {axis} (of {ndim}) instead")
    return axes


def _along(a, axes: tuple[int, ...], project):
    """Apply ``project`` along the (flattened) G-set axes of ``a``, in place of them."""
    moved = jnp.moveaxis(a, axes, tuple(range(-len(axes), 0)))
    lead = moved.shape[: moved.ndim - len(axes)]
    out = project(moved.reshape(*lead, -1)).reshape(moved.shape)
    return jnp.moveaxis(out, tuple(range(-len(axes), 0)), axes)


def intermediates(model: Callable, params, inputs) -> dict[str, tuple[int, ...]]:
    """Names and shapes that ``model(params, inputs, intervene)`` passes to ``intervene``, and "output"."""
    seen: dict[str, tuple[int, ...]] = {}

    def record(name, value):
        seen.setdefault(str(name), tuple(jnp.shape(value)))
        return value

    out = jax.eval_shape(lambda p, x: model(p, x, record), params, inputs)
    if not hasattr(out, "shape") or len(out.shape) != 2:
        raise TypeError(f"`fn` must return logits of shape (batch, classes), got {describe(out)} instead")
    seen[OUTPUT] = tuple(out.shape)
    return seen


def check_site(shapes: Mapping[str, tuple[int, ...]], at, axis, size: int) -> tuple[int, ...]:
    """The G-set axes of intermediate ``at``, or a ValueError naming ``at`` / ``axis``."""
    if not isinstance(at, str):
        raise TypeError(f"`at` must be the name of an intermediate (a str), got {describe(at)} instead")
    if at not in shapes:
        raise ValueError(
            f"`at` must name an intermediate the model passes to `intervene` (or {OUTPUT!r}), "
            f"got {at!r}; it has: {', '.join(shapes)}"
        )
    shape = shapes[at]
    axes = _axes(axis, len(shape))
    if axes is None:
        raise ValueError(f"`axis` must be an axis of {at!r} (shape {shape}), got {axis}")
    points = int(np.prod([shape[a] for a in axes]))
    if points != size:
        raise ValueError(
            f"`at` must name an intermediate with |X| = {size} entries along `axis` {axis}, "
            f"got {at!r} of shape {shape} ({points} entries)"
        )
    return axes


@dataclass(frozen=True)
class Ablation:
    """Loss and accuracy of a model with one intermediate projected, beside the model's own.

    Attributes:
        at: the intermediate.
        mode: "keep" (restricted) or "remove" (excluded).
        simples: the simple ids kept or removed.
        names: their names.
        splits: {split: {"loss", "accuracy", "full_loss", "full_accuracy", "rows"}}.

    Example:
        >>> a = Ablation("logits", "remove", [1], ["L(1)"], {"all": {"loss": 2.0, "full_loss": 0.1}})
        >>> a.loss, a.full_loss
        (2.0, 0.1)
    """

    at: str
    mode: str
    simples: list[int]
    names: list[str]
    splits: dict = field(default_factory=dict)

    def _first(self, key: str) -> float:
        return next(iter(self.splits.values()))[key]

    @property
    def loss(self) -> float:
        """Ablated loss on the first split."""
        return self._first("loss")

    @property
    def accuracy(self) -> float:
        return self._first("accuracy")

    @property
    def full_loss(self) -> float:
        return self._first("full_loss")

    @property
    def full_accuracy(self) -> float:
        return self._first("full_accuracy")

    def to_dict(self) -> dict:
        return {
            "at": self.at,
            "mode": self.mode,
            "simples": self.simples,
            "names": self.names,
            "splits": self.splits,
        }


def check_rows(rows, batch: int) -> dict[str, np.ndarray]:
    """``rows`` as {split: int indices}, each checked against the batch size."""
    if rows is None:
        return {"all": np.arange(batch)}
    if not isinstance(rows, Mapping):
        rows = {"rows": rows}
    out = {}
    for name, index in rows.items():
        array = np.asarray(index)
        if array.dtype == bool and array.shape == (batch,):
            array = np.flatnonzero(array)
        if array.ndim != 1 or array.size == 0 or array.dtype.kind not in "iu":
            raise ValueError(
                f"`rows` must give each split a non-empty 1-D array of row indices (or a boolean mask of "
                f"{batch}), got {describe(index)} for {name!r}"
            )
        if array.min() < 0 or array.max() >= batch:
            raise ValueError(
                f"`rows` must index the {batch} inputs, got indices outside [0, {batch}) for {name!r}"
            )
        if np.unique(array).size != array.size:  # a repeated row would weigh twice: a 0/1 mask as ints?
            raise ValueError(
                f"`rows` must hold distinct row indices (or a boolean mask), got repeated indices for {name!r}"
            )
        out[str(name)] = array
    return out


def check_labels(labels, batch: int, classes: int) -> np.ndarray:
    array = np.asarray(labels)
    if array.dtype.kind not in "iu" or array.shape != (batch,):
        raise ValueError(f"`labels` must be {batch} integer class labels, got {describe(labels)} instead")
    if array.size and (array.min() < 0 or array.max() >= classes):
        raise ValueError(
            f"`labels` must lie in [0, {classes}) (the logits' classes), got {array.min()}..{array.max()}"
        )
    return array


def build_ablation(model: Callable, gset: GSet, at: str, axes: tuple[int, ...], projections: dict):
    """A jitted ``(params, inputs, labels) -> {variant: per-row loss, correct}``, variant "full" and
    each key of ``projections`` ({variant: (mode, projection)}), all in one pass."""

    def variant(params, inputs, labels, mode, project):
        def intervene(name, value):
            if str(name) != at or project is None:
                return value
            kept = _along(value, axes, project)
            return kept if mode == "keep" else value - kept

        logits = model(params, inputs, intervene)
        if at == OUTPUT and project is not None:
            kept = _along(logits, axes, project)
            logits = kept if mode == "keep" else logits - kept
        logits = logits.astype(jnp.result_type(logits.dtype, jnp.float32))
        return cross_entropy_stable(logits, labels), jnp.argmax(logits, axis=-1) == labels

    def run(params, inputs, labels):
        out = {"full": variant(params, inputs, labels, "keep", None)}
        for name, (mode, project) in projections.items():
            out[name] = variant(params, inputs, labels, mode, project)
        return out

    return jax.jit(run)


def summarize_rows(per_row: dict, rows: dict[str, np.ndarray]) -> dict:
    """{variant: {split: (loss, accuracy)}} in float64 on the host."""
    out = {}
    for name, (losses, correct) in per_row.items():
        losses = np.asarray(losses, dtype=np.float64)
        correct = np.asarray(correct)
        out[name] = {
            split: (float(losses[idx].mean()), float(correct[idx].mean())) for split, idx in rows.items()
        }
    return out


def ablate(
    fn: Callable,
    space,
    *,
    at: str,
    labels,
    keep=None,
    remove=None,
    inputs=None,
    rows=None,
    axis=0,
) -> Ablation:
    """Loss and accuracy with intermediate ``at`` restricted to (``keep``) or cleared of (``remove``) simples.

    Args:
        fn: ``fn(inputs, intervene) -> logits`` (batch, classes), jit-traceable; calls
            ``intervene(name, value)`` on each intermediate that may be ablated and uses its result.
            ``at="output"`` ablates the returned logits themselves.
        space: the G-set indexing the intermediate's axis ``axis``: a ``GSet``, group or spec.
        at: the intermediate's name.
        labels: (batch,) integer class labels.
        keep, remove: exactly one: simples as ids, names or (cyclic products) frequency tuples.
        inputs: the batch (default: the point indices 0..|X|-1 of ``space``, int32).
        rows: the rows the loss is averaged over: indices, a boolean mask, or {split: indices}
            (default: all rows). The whole batch is always evaluated (a projection along the
            batch axis needs every point).
        axis: the intermediate's G-set axis (int, or tuple flattened row-major).

    Returns:
        An ``Ablation``; ``loss`` / ``accuracy`` of the ablated model and ``full_loss`` /
        ``full_accuracy`` of the model itself, per split in ``splits``.

    Raises:
        TypeError, ValueError: naming the argument (an ``at`` the model does not offer, simples
            not of the group, labels of the wrong shape, ...).

    Example:
        >>> import jax.numpy as jnp
        >>> p = 7
        >>> pairs = jnp.arange(p * p)
        >>> def fn(x, intervene):  # logits cos(2 pi k (a + b - c) / p) for k = 1, 2: the answer a + b
        ...     a, b, c = x[:, None] // p, x[:, None] % p, jnp.arange(p)
        ...     waves = sum(jnp.cos(2 * jnp.pi * k * (a + b - c) / p) for k in (1, 2))
        ...     return intervene("logits", 10.0 * waves)
        >>> labels = (pairs // p + pairs % p) % p
        >>> kept = ablate(fn, f"C{p}xC{p}", at="logits", labels=labels, keep=[(1, 1), (2, 2)])
        >>> cut = ablate(fn, f"C{p}xC{p}", at="logits", labels=labels, remove=[(1, 1), (2, 2)])
        >>> kept.accuracy, round(kept.loss / kept.full_loss, 4), round(cut.loss, 4)  # chance: log 7
        (1.0, 1.0, 1.9459)
    """
    if not callable(fn):
        raise TypeError(
            f"`fn` must be a callable fn(inputs, intervene) -> logits, got {describe(fn)} instead"
        )
    gset = as_gset(space)
    if (keep is None) == (remove is None):
        raise ValueError(
            "exactly one of `keep` and `remove` must be given (the simples to keep or to remove)"
        )
    mode = "keep" if keep is not None else "remove"
    simples = resolve_simples(gset.group, keep if keep is not None else remove, mode)
    if not simples:  # keeping none zeroes the intermediate, removing none changes nothing
        raise ValueError(f"`{mode}` must name at least one simple of {gset.group.name}, got none")
    if inputs is None:
        inputs = jnp.arange(gset.size, dtype=jnp.int32)
    inputs = inputs if isinstance(inputs, jax.Array) else np.asarray(inputs)
    if inputs.ndim == 0 or inputs.dtype.kind not in "biuf":
        raise TypeError(f"`inputs` must be a real array with a batch axis, got {describe(inputs)} instead")
    if inputs.dtype.kind == "f" and not bool(jnp.all(jnp.isfinite(inputs))):
        raise ValueError("`inputs` must be finite, got NaN or infinity instead")
    check_int(inputs.shape[0], "inputs.shape[0]", minimum=1)
    model = _as_model(fn)
    shapes = intermediates(model, None, inputs)
    axes = check_site(shapes, at, axis, gset.size)
    batch, classes = shapes[OUTPUT]
    labels = check_labels(labels, batch, classes)
    splits = check_rows(rows, batch)
    project = device_projection(gset, simples)
    run = build_ablation(model, gset, at, axes, {mode: (mode, project)})
    per_row = run(None, inputs, jnp.asarray(labels))
    if not bool(jnp.all(jnp.isfinite(per_row["full"][0]))):  # finite logits give a finite loss
        raise ValueError(
            "`fn` must return finite logits, got NaN or infinity (the model's own loss is not finite)"
        )
    values = summarize_rows(per_row, splits)
    table = {
        split: {
            "loss": values[mode][split][0],
            "accuracy": values[mode][split][1],
            "full_loss": values["full"][split][0],
            "full_accuracy": values["full"][split][1],
            "rows": int(splits[split].size),
        }
        for split in splits
    }
    names = [gset.group.simples[i].name for i in simples]
    return Ablation(at, mode, simples, names, table)


def ablate_logits(
    logits, space, *, labels, keep=None, remove=None, rows=None, name: str = "logits"
) -> Ablation:
    """``ablate`` of saved logits (|X|, classes): the batch is the G-set's points, in its order.

    Example:
        >>> import numpy as np
        >>> pairs = np.arange(25)
        >>> a, b, c = pairs[:, None] // 5, pairs[:, None] % 5, np.arange(5)
        >>> logits = 6 * np.cos(2 * np.pi * (a + b - c) / 5)
        >>> round(ablate_logits(logits, "C5xC5", labels=(a + b)[:, 0] % 5, remove=["L(1,1)"]).loss, 4)  # log 5
        1.6094
    """
    array = np.asarray(logits)
    if array.dtype.kind not in "iuf" or array.ndim != 2:
        raise TypeError(f"`logits` must be a real array (|X|, classes), got {describe(logits)} instead")
    gset = as_gset(space)
    if array.shape[0] != gset.size:
        raise ValueError(
            f"`logits` must have |X| = {gset.size} rows (one per point), got shape {array.shape}"
        )
    table = jnp.asarray(array, jnp.float32)

    def fn(points, intervene):
        return intervene(name, table)[points]

    return ablate(fn, gset, at=name, labels=labels, keep=keep, remove=remove, rows=rows)


def _as_model(fn):
    def model(params, inputs, intervene):
        return fn(inputs, intervene)

    return model
