"""Frequency flow through an equivariant network, and the spectra of its filters.

For inputs concentrated in one simple L_k (every input channel a generic vector of L_k, with
generic amplitudes) or for a user's data set, ``frequency_flow`` measures the energy
||P_L v||^2 of the input and of every layer's pre-activation A_l v_{l-1} + b_l and
post-activation sigma(.) on every simple L. The energies are read off the spectra the FFT
layers compute anyway and summed over channels and samples on the device, in the network's
float32 (totals in float64 with ``jax_enable_x64``); see ``plrep.nn._flow_pass``.

Kernel containment (docs/math.md §4): an equivariant map, linear or not, sends L_i only into
simples L_j whose kernel contains ker L_i. For a cyclic product with L_i of frequency xi_i,
ker L_i is the annihilator of <xi_i>, so the allowed targets are the simples of the
multiples a xi_i (for C_n: ord(j) divides ord(i)). ``kernel_closure`` builds that relation,
``empirical_graph`` reads the network's graph off a flow, and ``check_containment`` reports
every energy outside the closure above a relative tolerance as a violation.

Filter spectra: layer l acts on the frequency xi by its complex channel matrix
W_l(xi) = sum_t w_l[:, :, t] exp(-2 pi i <xi, t>) (``plrep.nn``); ``filter_spectra`` returns
its singular values and Frobenius norm per simple (the gains of the layer on L ⊗ R^c).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from plrep._validate import check_choice, check_finite_real, check_int, describe
from plrep.decomposition import decompose
from plrep.groups import CyclicProduct
from plrep.nn._flow_pass import layer_energies
from plrep.nn._network import NetworkParams
from plrep.nn._validate import MAX_SEED

__all__ = [
    "DEFAULT_TOLERANCE",
    "FrequencyFlow",
    "frequency_flow",
    "simple_inputs",
]

# Relative energy counted as a real edge. Float32 round-off leaves at most about 3e-14 of a
# layer's energy in forbidden simples (measured on random nets of 2-4 layers: C_64 relu,
# C_60 elu, C_12 tanh, C_4 x C_6 gelu, up to 16 channels), while the weakest allowed targets
# in those nets carried 4e-6 or more: the threshold sits orders of magnitude from both.
DEFAULT_TOLERANCE = 1e-9
MAX_SAMPLE_FLOATS = 2**28  # 2 GiB of float64 signals


@dataclass(frozen=True, eq=False)
class FrequencyFlow:
    """Energies per simple of every layer, for each source (a simple L_k or a data set).

    Attributes:
        group: the network's group.
        sources: simple ids of the inputs' simple, or ``("data",)`` for a data set.
        input: energies of the inputs, shape (num_sources, num_simples).
        pre: pre-activation energies, shape (num_sources, num_layers, num_simples).
        post: post-activation energies, same shape.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> flow = frequency_flow(params, samples=4)
        >>> flow.sources, flow.input.shape, flow.post.shape  # 3 simples of C4, 1 layer
        ((0, 1, 2), (3, 3), (3, 1, 3))
        >>> flow.relative("post").sum(axis=-1).round(6).tolist()  # shares of each layer's energy
        [[1.0], [1.0], [1.0]]
    """

    group: CyclicProduct
    sources: tuple
    input: np.ndarray
    pre: np.ndarray
    post: np.ndarray

    @property
    def num_layers(self) -> int:
        return self.pre.shape[1]

    @property
    def from_simples(self) -> bool:
        return self.sources != ("data",)

    def __repr__(self) -> str:
        names = [self._source_name(s) for s in self.sources]
        shown = ", ".join(names) if len(names) <= 6 else f"{names[0]}, ..., {names[-1]}"
        return (
            f"FrequencyFlow({self.group.name}, sources [{shown}], {self.num_layers} layers, "
            f"{self.pre.shape[-1]} simples; pre/post have axes (source, layer, simple))"
        )

    def _repr_html_(self) -> str:
        """Jupyter: for each input source and layer, the post-activation energy per simple."""
        from plrep._html import energy_table

        rows = [
            (f"{self._source_name(source)} · layer {layer + 1}", self.post[i, layer])
            for i, source in enumerate(self.sources)
            for layer in range(self.num_layers)
        ]
        title = f"frequency flow over {self.group.name}: post-activation energy per simple"
        return energy_table([s.name for s in self.group.simples], rows, title=title)

    def _source_name(self, source) -> str:
        return source if isinstance(source, str) else self.group.simples[int(source)].name

    def table(self, stage: str = "post", *, relative: bool = True, digits: int = 3) -> str:
        """A labelled text table: one row per (source, layer), one column per simple.

        Shares of each layer's energy by default (``relative=False``: the energies); values
        below 1e-12 of their row's largest are round-off and print as 0. ``relative()`` and
        ``pre``/``post`` hold the numbers as arrays.
        """
        check_choice(stage, "stage", ("pre", "post"))
        values = self.relative(stage) if relative else {"pre": self.pre, "post": self.post}[stage]
        names = [s.name for s in self.group.simples]
        header = ["source", "layer", *names]
        rows = []
        for i, source in enumerate(self.sources):
            for layer, row in enumerate(values[i], start=1):
                peak = float(np.abs(row).max(initial=0.0))
                cells = [_cell(v, peak, digits) for v in row]
                rows.append([self._source_name(source), str(layer), *cells])
        widths = [max(len(r[c]) for r in [header, *rows]) for c in range(len(header))]
        what = "share of each layer's energy" if relative else "energy"
        lines = [f"{self.group.name} frequency flow, {stage}-activation {what} per simple:"]
        for r in [header, *rows]:
            lines.append(
                "  ".join(
                    cell.rjust(w) if c > 1 else cell.ljust(w)
                    for c, (cell, w) in enumerate(zip(r, widths, strict=True))
                ).rstrip()
            )
        return "\n".join(lines)

    def relative(self, stage: str = "post") -> np.ndarray:
        """Energies divided by each layer's total, shape (num_sources, num_layers, num_simples)."""
        values = {"pre": self.pre, "post": self.post}[check_choice(stage, "stage", ("pre", "post"))]
        total = values.sum(axis=-1, keepdims=True)
        return values / np.where(total > 0, total, 1.0)

    def to_dict(self) -> dict:
        return {
            "group": self.group.name,
            "simples": [s.to_dict() for s in self.group.simples],
            "sources": list(self.sources),
            "input": self.input.tolist(),
            "pre": self.pre.tolist(),
            "post": self.post.tolist(),
        }


def _cell(value: float, peak: float, digits: int) -> str:
    """A table cell: round-off (below 1e-12 of the row's largest value) prints as 0."""
    if abs(value) <= 1e-12 * peak:
        return "0"
    return f"{value:.{digits}f}" if 10 ** (-digits) <= abs(value) < 1e6 else f"{value:.{digits}g}"


def simple_inputs(group: CyclicProduct, simple_id: int, shape: tuple, *, seed: int = 0, scale: float = 1.0):
    """Random signals in one simple L: shape (*shape, |G|), float64.

    Each signal is the projection onto L of a Gaussian vector, rescaled to root-mean-square
    ``scale * 2**u`` with u uniform in [-1, 1] (generic directions and amplitudes).

    Args:
        group: a cyclic product.
        simple_id: the simple L.
        shape: the batch shape, e.g. (samples, channels).
        seed: seed of the ``numpy.random.Generator``.
        scale: the typical root-mean-square size.

    Raises:
        TypeError, ValueError: a bad group or shape, too many values, ``scale`` <= 0.

    Example:
        >>> from plrep.decomposition import energies
        >>> from plrep.groups import cyclic
        >>> v = simple_inputs(cyclic(8), 2, (3,))
        >>> v.shape, (energies(cyclic(8), v) > 1e-12).astype(int).tolist()  # all energy on L2
        ((3, 8), [[0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0]])
    """
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")
    if not isinstance(shape, tuple | list):
        raise TypeError(f"`shape` must be a tuple of sizes, got {describe(shape)} instead")
    shape = tuple(check_int(size, "shape", minimum=0) for size in shape)
    if math.prod(shape) * group.order > MAX_SAMPLE_FLOATS:
        raise ValueError(
            f"`shape` must give at most {MAX_SAMPLE_FLOATS} values with |G| = {group.order}, got {shape} "
            f"({math.prod(shape) * group.order} values) instead"
        )
    scale = check_finite_real(scale, "scale")
    if scale <= 0:
        raise ValueError(f"`scale` must be positive, got {scale} instead")
    rng = np.random.default_rng(check_int(seed, "seed", minimum=0, maximum=MAX_SEED))
    x = decompose(group, rng.normal(size=(*shape, group.order))).project(simple_id)
    rms = np.sqrt(np.mean(x**2, axis=-1, keepdims=True))
    return x * (scale * 2.0 ** rng.uniform(-1, 1, size=(*shape, 1)) / rms)


def frequency_flow(
    params,
    data=None,
    *,
    samples: int = 32,
    seed: int = 0,
    scale: float = 1.0,
    batch_size: int = 2048,
    devices=None,
) -> FrequencyFlow:
    """Energy of every layer on every simple, for inputs in each simple or for ``data``.

    Args:
        params: ``plrep.nn.NetworkParams``.
        data: optional inputs of shape (N, c_0, |G|), or (N, |G|) when c_0 = 1. Without it,
            ``samples`` random inputs in each simple L_k (``simple_inputs``) are used.
        samples: inputs per simple.
        seed: seed of the random inputs.
        scale: root-mean-square size of the random inputs.
        batch_size: samples per forward pass (bounds memory), split across the devices.
        devices: the devices to shard batches over (default: every local device; with
            ``jax.distributed``, ``jax.devices()`` spans all hosts, docs/devices.md).

    Returns:
        ``FrequencyFlow``.

    Raises:
        TypeError: ``params`` not NetworkParams.
        ValueError: ``data`` of the wrong shape or empty, or with NaN, infinity or values
            beyond float32 (checked on the device, after the pass); bad ``samples``, ``seed``,
            ``scale``, ``batch_size`` or ``devices``.

    Example:
        >>> import jax
        >>> from plrep.nn import NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # one relu layer, zero bias
        >>> flow = frequency_flow(params, samples=4)
        >>> flow.pre.shape, flow.post.shape  # (sources, layers, simples)
        ((3, 1, 3), (3, 1, 3))
        >>> import numpy as np
        >>> frequency_flow(params, np.ones((2, 4))).sources  # a data set: one source
        ('data',)
    """

    if not isinstance(params, NetworkParams):
        raise TypeError(f"`params` must be NetworkParams, got {describe(params)} instead")
    spec = params.spec
    group, c_in = spec.group, spec.widths[0]
    batch_size = check_int(batch_size, "batch_size", minimum=1)
    if data is not None:
        x = _check_data(data, c_in, group)
        totals = layer_energies(params, x, np.zeros(len(x), dtype=np.int32), 1, batch_size, devices)
        return FrequencyFlow(group, ("data",), *totals)
    samples = check_int(samples, "samples", minimum=1)
    seed = check_int(seed, "seed", minimum=0, maximum=MAX_SEED)
    x = np.concatenate(
        [
            simple_inputs(group, simple, (samples, c_in), seed=seed + simple, scale=scale)
            for simple in range(group.num_simples)
        ]
    )
    source = np.repeat(np.arange(group.num_simples), samples)
    totals = layer_energies(params, x, source, group.num_simples, batch_size, devices)
    return FrequencyFlow(group, tuple(range(group.num_simples)), *totals)


def _check_data(data, c_in: int, group: CyclicProduct) -> np.ndarray:
    # No float64 copy and no finiteness pass on the host: a large data set goes to the device in
    # float32 batches, and the pass itself flags NaN or infinity (``layer_energies``).
    try:
        x = np.asarray(data)
    except (ValueError, TypeError) as error:
        raise ValueError(f"`data` must be a numeric array, got {describe(data)} instead") from error
    if x.dtype.kind == "c":
        raise TypeError(f"`data` must be a real array, got {describe(x)} instead")
    if x.dtype.kind not in "biuf":
        raise TypeError(f"`data` must be a numeric array, got {describe(x)} instead")
    original = x.shape
    if x.ndim == 2 and c_in == 1:
        x = x[:, None, :]
    if x.ndim != 3 or x.shape[1:] != (c_in, group.order):
        allowed = f"(N, {c_in}, {group.order})" + (f" or (N, {group.order})" if c_in == 1 else "")
        raise ValueError(
            f"`data` must have shape {allowed} for a network on {group.name} with {c_in} input channel(s), "
            f"got shape {original} instead"
        )
    if len(x) == 0:
        raise ValueError("`data` must hold at least one sample, got none")
    return x
