"""Data parallelism with ``jax.sharding``: a 1-D ``Mesh`` over the batch axis.

Every batch is split evenly across the mesh's devices (``shard_batch``); parameters and
running totals are replicated (``replicate``). Callers pad batches to a multiple of the device
count (``padded_size``) and mask the padding out of every sum, so results do not depend on the
number of devices beyond float32 summation order. Where padding would change the answer (a
mean over a training mini-batch), ``shard_batch`` falls back to replicating the batch: every
device then computes the whole batch, which is slower but gives the same numbers.

Several hosts: after ``jax.distributed.initialize(...)`` on every host, ``jax.devices()``
spans them all; pass it as ``devices`` (docs/devices.md).
"""

from __future__ import annotations

import jax
import numpy as np
from jax.sharding import Mesh, NamedSharding, PartitionSpec

__all__ = ["batch_mesh", "padded_size", "replicate", "shard_batch"]


def batch_mesh(devices=None) -> Mesh:
    """A 1-D mesh named ``"batch"`` over ``devices`` (default: every local device)."""
    devices = jax.local_devices() if devices is None else list(devices)
    if not devices:
        raise ValueError("`devices` must name at least one device, got none")
    return Mesh(np.array(devices), ("batch",))


def padded_size(batch: int, mesh: Mesh) -> int:
    """The smallest multiple of the device count that is >= ``batch``."""
    count = mesh.devices.size
    return -(-batch // count) * count


def shard_batch(array, mesh: Mesh):
    """``array`` on the mesh, split along axis 0 (replicated when axis 0 does not divide evenly)."""
    spec = PartitionSpec("batch") if np.shape(array)[0] % mesh.devices.size == 0 else PartitionSpec()
    return jax.device_put(array, NamedSharding(mesh, spec))


def replicate(tree, mesh: Mesh):
    """Every array of a pytree copied to every device of the mesh."""
    return jax.device_put(tree, NamedSharding(mesh, PartitionSpec()))
