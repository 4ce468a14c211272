"""``probe``: the frequency content of any JAX function's activations, reduced on the device.

``fn`` maps a batch of inputs to a dict {name: activation}. Two ways to run it:

* **over the points** (``axis=0``, the default): fn is evaluated on one input per point of the
  G-set X (by default the point indices 0..|X|-1, or ``inputs`` whose leading axis enumerates
  X in its documented order). Axis 0 of every activation is then indexed by X; every other axis
  is a unit (a neuron, an embedding dimension). Example: an MLP on pairs (a, b) of C_p x C_p.
* **over samples** (``axis`` not 0): ``inputs`` is a batch of N samples (axis 0), and each
  activation carries the G-set on axis ``axis`` (an int, or a tuple such as (-2, -1) for
  periodic images, flattened row-major); energies are summed over the samples. Example: a C_n
  convolutional network on signals (N, c, n), ``axis=-1``.

Everything heavy stays on the device: the jitted pass evaluates fn, takes each activation's
energies per simple (``device_energies``: rfft + segment sums, or projectors at HIGHEST
precision) and sums them over the batch; batches are accumulated on the device, sharded across
the local devices with ``jax.sharding`` (a 1-D ``Mesh`` over the batch axis), and only the
(units x simples) totals come back. Padding of the last batch is masked out, so results do not
depend on the batch size or the number of devices (up to float32 summation order).

The report lists the activations in the order ``fn``'s dict holds them (its insertion order: the
network's order when fn builds the dict layer by layer), not in the sorted order JAX's pytrees
return dicts in. Activations without a G-set axis of the right length are listed in the report's
``skipped``.
Multi-host: call ``jax.distributed.initialize()`` on every host first (docs/architecture.md,
"Many devices"); ``devices=jax.devices()`` then spans all hosts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

from plrep._validate import check_finite_real, check_int, describe
from plrep.decomposition import summarize_energies
from plrep.gsets import as_gset
from plrep.inspection import InspectionReport
from plrep.nn._energies import device_energies

__all__ = ["local_device_count", "probe"]

# Compiled passes, keyed by (fn, G-set, layout, devices); jax.jit adds one entry per shape.
_COMPILED: dict = {}
_MAX_COMPILED = 16
# Samples per batch by default; memory is batch x (largest activation).
DEFAULT_BATCH = 4096


def local_device_count() -> int:
    """Number of local devices that probes and frequency flows shard their batches over.

    Example:
        >>> local_device_count() >= 1
        True
    """
    return len(jax.local_devices())


def _axes(axis, ndim: int) -> tuple[int, ...]:
    raw = axis if isinstance(axis, tuple | list) else (axis,)
    return tuple(int(a) % ndim for a in raw)


def _layout(shape: tuple[int, ...], axis, size: int, over_points: bool) -> tuple[int, ...] | str:
    """The G-set axes of an activation of this shape, or the reason it cannot be used."""
    ndim = len(shape)
    raw = axis if isinstance(axis, tuple | list) else (axis,)
    if any(not -ndim <= a < ndim for a in raw):
        return f"shape {shape} has no axis {axis}"
    axes = _axes(axis, ndim)
    if not over_points and 0 in axes:
        return f"axis {axis} is the sample axis of shape {shape}"
    points = int(np.prod([shape[a] for a in axes]))
    if points != size:
        return f"shape {shape} has {points} entries along axis {axis}, not |X| = {size}"
    return axes


def _to_last(a, axes: tuple[int, ...]):
    moved = jnp.moveaxis(a, axes, tuple(range(-len(axes), 0)))
    return moved.reshape(*moved.shape[: moved.ndim - len(axes)], -1)


def _build(fn, gset, layouts: dict, over_points: bool, mesh: Mesh):
    energy = device_energies(gset)

    def batch_energies(batch, mask):
        outputs = fn(batch)
        new = {}
        for name, axes in layouts.items():
            a = jnp.asarray(outputs[name])
            finite = jnp.all(jnp.isfinite(a)).astype(jnp.int32)
            e = energy(_to_last(a.astype(jnp.result_type(a.dtype, jnp.float32)), axes))
            if not over_points:
                e = jnp.tensordot(mask.astype(e.dtype), e, axes=(0, 0))
            new[name] = (e, finite)
        return new

    if not over_points:  # each device's rows through fn alone, partial sums added over the mesh
        local = batch_energies  # (the SPMD partitioner's FFT layouts fail on XLA's CPU backend)
        batch_energies = jax.shard_map(
            lambda batch, mask: jax.lax.psum(local(batch, mask), "batch"),
            mesh=mesh,
            in_specs=(PartitionSpec("batch"), PartitionSpec("batch")),
            out_specs=PartitionSpec(),
        )
    count = 1 if over_points else mesh.devices.size

    def step(batch, mask, totals):
        new = batch_energies(batch, mask)
        return {name: (totals[name][0] + e, totals[name][1] & (ok == count)) for name, (e, ok) in new.items()}

    return jax.jit(step)


def _check_fn_output(shapes, name="fn") -> None:
    if not isinstance(shapes, Mapping) or not shapes:
        raise TypeError(
            f"`{name}` must return a non-empty dict of activations, got {describe(shapes)} instead"
        )


def _mesh(devices) -> Mesh:
    devices = jax.local_devices() if devices is None else list(devices)
    if not devices:
        raise ValueError("`devices` must name at least one device, got none")
    return Mesh(np.array(devices), ("batch",))


def _put(array, mesh: Mesh):
    count = mesh.devices.size
    spec = PartitionSpec("batch") if array.shape[0] % count == 0 else PartitionSpec()
    return jax.device_put(array, NamedSharding(mesh, spec))


def probe(
    fn: Callable,
    space,
    inputs=None,
    *,
    axis=0,
    batch_size: int = DEFAULT_BATCH,
    key_fraction: float = 0.9,
    devices=None,
) -> InspectionReport:
    """Energies per simple of every activation of ``fn`` (module docstring), as a report.

    Args:
        fn: batch of inputs -> {name: activation}; traced by ``jax.jit``.
        space: a ``GSet``, a group or a spec such as ``"C59xC59"``.
        inputs: over the points, optional (default: the point indices, int32); over samples,
            a batch (N, ...).
        axis: 0 to run over the points; otherwise the G-set axis (or axes) of each activation.
        batch_size: samples per device step (over samples only).
        key_fraction: share of the energy the key simples hold.
        devices: the devices to shard over (default: every local device).

    Returns:
        An ``InspectionReport`` with ``devices`` set; per-unit energies are float64 on the host.

    Raises:
        TypeError, ValueError: a bad argument, or NaN/infinity in an activation (naming it).

    Example:
        >>> import jax.numpy as jnp
        >>> def fn(points):  # one unit at frequency 2 of C8
        ...     return {"wave": jnp.cos(2 * jnp.pi * 2 * points / 8)[:, None]}
        >>> probe(fn, "C8").summaries["wave"].key_simples
        [2]
    """
    if not callable(fn):
        raise TypeError(
            f"`fn` must be a callable returning a dict of activations, got {describe(fn)} instead"
        )
    gset = as_gset(space)
    key_fraction = check_finite_real(key_fraction, "key_fraction")
    if not 0.0 < key_fraction <= 1.0:
        raise ValueError(f"`key_fraction` must be a number in (0, 1], got {key_fraction} instead")
    batch_size = check_int(batch_size, "batch_size", minimum=1, maximum=2**24)
    over_points = not isinstance(axis, tuple | list) and check_int(axis, "axis") == 0
    if over_points:
        inputs = jnp.arange(gset.size, dtype=jnp.int32) if inputs is None else inputs
    elif inputs is None:
        raise ValueError("`inputs` must be given when `axis` is not 0 (a batch of samples)")
    inputs = np.asarray(inputs) if not isinstance(inputs, jax.Array) else inputs
    if inputs.ndim == 0 or inputs.dtype.kind not in "biuf":
        raise TypeError(f"`inputs` must be a real array with a batch axis, got {describe(inputs)} instead")
    if over_points and inputs.shape[0] != gset.size:
        raise ValueError(
            f"`inputs` must have {gset.size} rows (one per point of the G-set), got shape {inputs.shape} instead"
        )
    mesh = _mesh(devices)
    return _run(fn, gset, inputs, axis, over_points, batch_size, key_fraction, mesh)


def _run(fn, gset, inputs, axis, over_points, batch_size, key_fraction, mesh) -> InspectionReport:
    count = mesh.devices.size
    step_size = inputs.shape[0] if over_points else -(-min(batch_size, inputs.shape[0]) // count) * count
    order = _ReturnedOrder(fn)
    shapes = jax.eval_shape(order.fn, jax.ShapeDtypeStruct((step_size, *inputs.shape[1:]), inputs.dtype))
    _check_fn_output(shapes)
    layouts, skipped = {}, {}
    for name in order.names(shapes):
        struct = shapes[name]
        found = _layout(tuple(struct.shape), axis, gset.size, over_points)
        (
            skipped.__setitem__(str(name), found)
            if isinstance(found, str)
            else layouts.__setitem__(name, found)
        )
    key = (fn, gset, tuple(sorted(layouts.items())), over_points, tuple(mesh.devices.flat))
    if key not in _COMPILED:
        if len(_COMPILED) >= _MAX_COMPILED:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = _build(fn, gset, layouts, over_points, mesh)
    step = _COMPILED[key]
    totals = _zeros(shapes, layouts, gset, over_points)
    for start in range(0, inputs.shape[0], step_size):
        batch, mask = _batch(inputs, start, step_size)
        totals = step(_put(batch, mesh), _put(mask, mesh), totals)
    summaries = {}
    for name in layouts:  # fn's order (the jitted step returns its dict sorted by name)
        energy, finite = totals[name]
        if not bool(finite):
            raise ValueError(f"`fn` must return finite activations, got NaN or infinity in {name!r}")
        host = np.asarray(energy, dtype=np.float64)
        summaries[str(name)] = summarize_energies(
            gset.group, np.maximum(host, 0.0), unit_shape=host.shape[:-1], key_fraction=key_fraction
        )
    return InspectionReport(gset, summaries, skipped, getattr(fn, "__name__", "jax"), count, order.described)


class _ReturnedOrder:
    """Wraps ``fn`` to record the order of the keys of the dict it returns, which JAX drops:
    ``eval_shape`` and ``jit`` flatten a dict as a pytree, and a pytree's dict comes back with its
    keys sorted. The wrapper runs once, while ``eval_shape`` traces it."""

    def __init__(self, fn):
        self._fn, self._keys, self.seen = fn, None, False

    def fn(self, batch):
        outputs = self._fn(batch)
        if isinstance(outputs, Mapping):  # any mapping (a dict subclass is no JAX type): a dict
            self._keys = list(outputs)
            return dict(outputs)
        return outputs

    def names(self, shapes) -> list:
        """The names of ``shapes`` in fn's order (its dict's insertion order), else sorted."""
        keys = [k for k in self._keys or () if k in shapes]
        self.seen = len(keys) == len(shapes)
        return keys if self.seen else list(shapes)

    @property
    def described(self) -> str:
        """The report's ``order``."""
        if self.seen:
            return "the order of the dict fn returns (its insertion order)"
        return "sorted by name (the order of the mapping fn returns could not be seen)"


def _batch(inputs, start: int, size: int):
    chunk = inputs[start : start + size]
    mask = np.ones(size, dtype=np.float32)
    if chunk.shape[0] < size:  # pad with copies of the first row, masked out of every sum
        mask[chunk.shape[0] :] = 0.0
        pad = np.repeat(np.asarray(inputs[:1]), size - chunk.shape[0], axis=0)
        chunk = np.concatenate([np.asarray(chunk), pad])
    return chunk, mask


def _zeros(shapes, layouts, gset, over_points) -> dict:
    out = {}
    for name, axes in layouts.items():
        shape = shapes[name].shape
        units = [n for i, n in enumerate(shape) if i not in axes and (over_points or i != 0)]
        dtype = jnp.result_type(shapes[name].dtype, jnp.float32)
        out[name] = (jnp.zeros((*units, gset.group.num_simples), dtype), jnp.array(True))
    return out
