"""The device side of ``frequency_flow``: one jitted pass per network shape, energies on the device.

Per batch, the pass runs the network in the Fourier domain and reads every energy off spectra
it computes anyway (``plrep.nn._spectral``):

* the input's spectrum x^ (needed by the first layer) gives the input energies;
* layer l mixes channels, y^ = W_l(xi) v^; the pre-activation A v + b has spectrum
  y^ + |G| b at xi = 0 (a constant adds only to the zero frequency), so its energies need no
  FFT at all;
* the post-activation sigma(irfft(y^) + b) is transformed once: that spectrum gives its
  energies and is the next layer's input spectrum.

So a network of L layers costs L + 1 rffts and L irffts, fewer than a forward pass that takes
one extra rfft per layer. Powers |x^(xi)|^2 are summed over channels and, through a one-hot
matrix, per source, then per simple (``spectrum_energies``); totals stay on the device across
batches and only the (sources x layers x simples) arrays come back. Batches are sharded over
the devices of a 1-D mesh (``plrep.nn._sharding``); padding rows carry source -1, whose one-hot
row is zero, so they add nothing.
"""

from __future__ import annotations

from collections import Counter

import jax
import jax.numpy as jnp
import numpy as np
from jax.sharding import PartitionSpec as P

from plrep.nn._energies import power, spectrum_energies
from plrep.nn._network import NetworkParams, NetworkSpec
from plrep.nn._sharding import batch_mesh, padded_size, replicate, shard_batch
from plrep.nn._spectral import mix_channels, spectrum, synthesis
from plrep.nn._xp import apply_activation

__all__ = ["TRACES", "flow_pass", "layer_energies"]

# One compiled pass per (network spec, number of sources), kept across calls; jax.jit adds
# one executable per batch shape. TRACES counts how often each pass was traced (tests check
# that a second call with the same shapes compiles nothing).
_PASSES: dict = {}
_MAX_PASSES = 16
TRACES: Counter = Counter()


def flow_pass(spec: NetworkSpec, num_sources: int, mesh):
    """Jitted (params, x, source, totals) -> totals + this batch's (input, pre, post, finite)."""
    key = (spec, num_sources, mesh)
    if key not in _PASSES:
        if len(_PASSES) >= _MAX_PASSES:
            _PASSES.pop(next(iter(_PASSES)))
        _PASSES[key] = jax.jit(_make_pass(spec, num_sources, mesh))
    return _PASSES[key]


def _make_pass(spec: NetworkSpec, num_sources: int, mesh):
    group, sigma = spec.group, spec.sigma
    per_simple = spectrum_energies(group)

    def reduce(onehot, x_hat, constant=None):
        summed = power(x_hat).sum(axis=-2)  # over channels: (batch, F)
        if constant is not None:  # x^ + |G| c at xi = 0, without a copy of x^
            summed = summed.at[:, 0].set(power(x_hat[..., 0] + group.order * constant).sum(axis=-1))
        by_source = jnp.matmul(onehot.T, summed, precision="highest")
        return per_simple(by_source)

    def local(params: NetworkParams, x, source):
        """This device's share of the batch -> its partial totals, summed over the mesh."""
        onehot = jax.nn.one_hot(source, num_sources, dtype=x.dtype)  # source -1: a zero row
        x_hat = spectrum(x, group)
        inputs = reduce(onehot, x_hat)
        pre, post = [], []
        for layer in range(spec.num_layers):
            bias = params.bias(layer)
            y_hat = mix_channels(params.weight(layer), x_hat, group)
            pre.append(reduce(onehot, y_hat, constant=bias))
            v = apply_activation(sigma, synthesis(y_hat, group) + bias[:, None])
            x_hat = spectrum(v, group)
            post.append(reduce(onehot, x_hat))
        partial = (inputs, jnp.stack(pre, axis=1), jnp.stack(post, axis=1))
        finite = jnp.all(jnp.isfinite(x)).astype(jnp.int32)
        return jax.lax.psum((*partial, finite), "batch")

    # shard_map: each device runs the plain single-device program on its rows (the SPMD
    # partitioner, given the whole pass, picks FFT layouts that XLA's CPU FFT rejects).
    sharded = jax.shard_map(local, mesh=mesh, in_specs=(P(), P("batch"), P("batch")), out_specs=P())

    def run(params: NetworkParams, x, source, totals):
        TRACES[(spec, num_sources)] += 1  # runs while tracing only
        inputs, pre, post, finite = sharded(params, x, source)
        count = mesh.devices.size
        return (totals[0] + inputs, totals[1] + pre, totals[2] + post, totals[3] & (finite == count))

    return run


def layer_energies(
    params: NetworkParams, x, source: np.ndarray, num_sources: int, batch_size: int, devices=None
):
    """Energies of input, pre and post, summed over channels and over the samples of each source.

    ``x`` is (N, c_0, |G|) of any real dtype (sent to the device as float32, batch by batch);
    ``source[b]`` names the source of sample b. Returns float64 arrays of shapes
    (num_sources, S), (num_sources, num_layers, S) and the same.

    Raises:
        ValueError: ``data`` holds NaN or infinity, or values beyond float32 (checked on the device).
    """
    spec = params.spec
    mesh = batch_mesh(devices)
    size = padded_size(min(batch_size, len(x)), mesh)
    step = flow_pass(spec, num_sources, mesh)
    simples, dtype = spec.group.num_simples, jnp.result_type(float)
    layers = (num_sources, spec.num_layers, simples)
    totals = (jnp.zeros((num_sources, simples), dtype), jnp.zeros(layers, dtype), jnp.zeros(layers, dtype))
    totals = replicate((*totals, jnp.array(True)), mesh)
    params = replicate(params, mesh)
    for start in range(0, len(x), size):
        with np.errstate(over="ignore", invalid="ignore"):  # overflow to inf is flagged below
            chunk = np.asarray(x[start : start + size], dtype=np.float32)
        where = np.asarray(source[start : start + size], dtype=np.int32)
        if len(chunk) < size:  # pad to one batch shape, so the pass compiles once
            chunk = np.concatenate([chunk, np.zeros((size - len(chunk), *chunk.shape[1:]), np.float32)])
            where = np.concatenate([where, np.full(size - len(where), -1, np.int32)])
        totals = step(params, shard_batch(chunk, mesh), shard_batch(where, mesh), totals)
    if not bool(totals[3]):
        raise ValueError(
            "`data` must contain only finite values within float32 range (|x| < 3.4e38), "
            "got NaN or infinity (after conversion to float32) instead"
        )
    return tuple(np.asarray(t, dtype=np.float64) for t in totals[:3])
