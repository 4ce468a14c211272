"""C_n- and C_n x C_m-equivariant networks in JAX: circular convolutions computed by FFTs.

A network on G = C_{n_1} x ... x C_{n_r} (docs/math.md §1) maps v_0 in (R^G)^{c_0} through layers

    v_l = sigma(A_l v_{l-1} + b_l),   (A_l v)[o, x] = sum_i sum_{t in G} w_l[o, i, t] v[i, x - t],

with b_l[o] one scalar per output channel (a G-invariant bias) and sigma a pointwise activation
(``plrep.activations``). Each A_l is a G-equivariant linear map (R^G)^{c_in} -> (R^G)^{c_out}
for the regular action (a.f)(x) = f(x - 1) of docs/math.md §2, and every such map has this form.
With numpy's unnormalised DFT, A_l is block diagonal in the Fourier basis:

    (A_l v)^(xi) = W_l(xi) v^(xi),   W_l(xi) = sum_t w_l[:, :, t] exp(-2 pi i <xi, t>),

a complex c_out x c_in "channel matrix" per frequency xi, which is how ``apply`` computes it
(``jnp.fft.rfftn``). An optional invariant read-out averages each channel over G and applies
a dense layer, giving G-invariant logits.

Shapes: group elements are flattened row-major, so a signal is an array (..., c, |G|) with the
G axis last and any leading batch axes; weights are (c_out, c_in, |G|), biases (c_out,).
Parameters are a ``NetworkParams`` pytree whose static part is the ``NetworkSpec``, so
``jax.jit(apply)`` and optax work on it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

from plrep._validate import check_int, describe
from plrep.activations import Activation, activation
from plrep.groups import CyclicProduct, parse_group
from plrep.nn._spectral import mix_channels, spectrum, synthesis
from plrep.nn._validate import check_finite_if_concrete, check_key, real_array
from plrep.nn._xp import apply_activation

__all__ = [
    "LayerOutputs",
    "NetworkParams",
    "NetworkSpec",
    "apply",
    "apply_dense",
    "apply_with_intermediates",
    "circulant_matrix",
    "conv_layer",
    "init",
    "invariant_readout",
]


@dataclass(frozen=True)
class NetworkSpec:
    """The architecture of an equivariant network: static metadata, no arrays.

    Attributes:
        group: the symmetry group (``CyclicProduct``) or a spec string such as ``"C8"``.
        widths: channel counts (c_0, c_1, ..., c_L); c_0 input channels, L conv layers.
        activation: an activation spec name, such as ``"relu"`` or ``"prelu:0.2"``.
        readout: number of outputs of the invariant read-out (mean over G + dense), or
            ``None`` for a network whose output is the last layer's signal.

    Example:
        >>> spec = NetworkSpec("C4", (1, 2), readout=2)  # one conv layer 1 -> 2 channels on C_4
        >>> spec.group.name, spec.activation, spec.num_layers
        ('C4', 'relu', 1)
        >>> spec.parameter_shapes()
        {'layers.0.weight': (2, 1, 4), 'layers.0.bias': (2,), 'readout.weight': (2, 2), 'readout.bias': (2,)}
    """

    group: CyclicProduct
    widths: tuple[int, ...]
    activation: str = "relu"
    readout: int | None = None

    def __post_init__(self) -> None:
        group = parse_group(self.group) if isinstance(self.group, str) else self.group
        if not isinstance(group, CyclicProduct):
            raise TypeError(
                f"`group` must be a CyclicProduct or a spec such as 'C8', got {describe(group)} instead"
            )
        if not isinstance(self.widths, tuple | list) or len(self.widths) < 2:
            raise ValueError(
                f"`widths` must be a sequence of at least two channel counts, got {describe(self.widths)} instead"
            )
        widths = tuple(check_int(w, "widths", minimum=1) for w in self.widths)
        if not isinstance(self.activation, str):
            raise TypeError(
                f"`activation` must be a spec name such as 'relu', got {describe(self.activation)} instead"
            )
        name = activation(self.activation).name
        readout = None if self.readout is None else check_int(self.readout, "readout", minimum=1)
        object.__setattr__(self, "group", group)
        object.__setattr__(self, "widths", widths)
        object.__setattr__(self, "activation", name)
        object.__setattr__(self, "readout", readout)

    @property
    def num_layers(self) -> int:
        return len(self.widths) - 1

    @property
    def sigma(self) -> Activation:
        return activation(self.activation)

    def parameter_shapes(self) -> dict[str, tuple[int, ...]]:
        """Name -> shape of every parameter array, in the order of the weights file format."""
        shapes: dict[str, tuple[int, ...]] = {}
        for layer, (c_in, c_out) in enumerate(zip(self.widths[:-1], self.widths[1:], strict=True)):
            shapes[f"layers.{layer}.weight"] = (c_out, c_in, self.group.order)
            shapes[f"layers.{layer}.bias"] = (c_out,)
        if self.readout is not None:
            shapes["readout.weight"] = (self.readout, self.widths[-1])
            shapes["readout.bias"] = (self.readout,)
        return shapes


@jax.tree_util.register_pytree_node_class
@dataclass(frozen=True)
class NetworkParams:
    """The parameters of a network: arrays by name, plus the static ``spec``.

    ``arrays`` maps the names of ``spec.parameter_shapes()`` to arrays of those shapes. A pytree:
    leaves are the arrays (in sorted-name order), the spec is static auxiliary data.

    Example:
        >>> import jax
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> params.weight(0).shape, params.bias(0).shape
        ((2, 1, 4), (2,))
        >>> len(jax.tree_util.tree_leaves(params))  # the arrays are the leaves; the spec is static
        4
    """

    spec: NetworkSpec
    arrays: dict

    def __repr__(self) -> str:
        # Shapes, not values: the arrays of a trained network run to thousands of lines.
        total = sum(int(getattr(a, "size", 0)) for a in self.arrays.values())
        return f"NetworkParams({self.spec!r}, {len(self.arrays)} arrays, {total} parameters)"

    def tree_flatten(self):
        names = tuple(sorted(self.arrays))
        return tuple(self.arrays[k] for k in names), (self.spec, names)

    @classmethod
    def tree_unflatten(cls, aux, children):
        spec, names = aux
        return cls(spec, dict(zip(names, children, strict=True)))

    def weight(self, layer: int):
        return self.arrays[f"layers.{self._layer(layer)}.weight"]

    def bias(self, layer: int):
        return self.arrays[f"layers.{self._layer(layer)}.bias"]

    def _layer(self, layer: int) -> int:
        return check_int(layer, "layer", minimum=0, maximum=self.spec.num_layers - 1)


class LayerOutputs(NamedTuple):
    """Intermediate signals of every conv layer, each of shape (..., c_l, |G|).

    Example:
        >>> import jax
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> _, outputs = apply_with_intermediates(params, jax.numpy.ones((3, 1, 4)))
        >>> len(outputs.pre), outputs.post[0].shape
        (1, (3, 2, 4))
    """

    pre: tuple  # A_l v_{l-1} + b_l
    post: tuple  # sigma(pre)


def init(key, spec: NetworkSpec) -> NetworkParams:
    """Random parameters: He-normal filters (fan-in c_in |G|), zero biases.

    Args:
        key: a ``jax.random`` key.
        spec: the architecture.

    Returns:
        ``NetworkParams`` with float32 arrays.

    Raises:
        TypeError: ``key`` is not a JAX key or ``spec`` not a NetworkSpec.

    Example:
        >>> import jax
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> sorted(params.arrays)
        ['layers.0.bias', 'layers.0.weight', 'readout.bias', 'readout.weight']
        >>> params.bias(0).tolist(), params.weight(0).dtype.name
        ([0.0, 0.0], 'float32')
    """
    key = check_key(key)
    if not isinstance(spec, NetworkSpec):
        raise TypeError(f"`spec` must be a NetworkSpec, got {describe(spec)} instead")
    shapes = spec.parameter_shapes()
    keys = jax.random.split(key, len(shapes))
    arrays = {}
    for sub, (name, shape) in zip(keys, shapes.items(), strict=True):
        if name.endswith(".bias"):
            arrays[name] = jnp.zeros(shape, jnp.float32)
        else:
            fan_in = int(np.prod(shape[1:]))
            arrays[name] = jax.random.normal(sub, shape, jnp.float32) * np.sqrt(2.0 / fan_in)
    return NetworkParams(spec, arrays)


def conv_layer(weight, bias, x, group: CyclicProduct):
    """One equivariant linear layer A v + b, by FFT (no activation).

    Args:
        weight: filters w[o, i, t], shape (c_out, c_in, |G|).
        bias: shape (c_out,), one scalar per output channel.
        x: signals, shape (..., c_in, |G|).
        group: the group G, for the shape of its FFT grid.

    Returns:
        (..., c_out, |G|), with (A v)[o, x] = sum_i sum_t w[o, i, t] v[i, x - t].

    Raises:
        TypeError: ``group`` is not a CyclicProduct.
        ValueError: shapes of ``weight``, ``bias`` or ``x`` that do not fit together.

    Example:
        >>> import jax.numpy as jnp
        >>> from plrep.groups import cyclic
        >>> shift = jnp.zeros((1, 1, 4)).at[0, 0, 1].set(1.0)  # w[t] = [t == 1]: v -> v(x - 1)
        >>> conv_layer(shift, jnp.zeros(1), jnp.arange(4.0)[None], cyclic(4)).round(5).tolist()
        [[3.0, 0.0, 1.0, 2.0]]
    """
    _check_group(group)
    if jnp.ndim(weight) != 3 or jnp.shape(weight)[2] != group.order:
        raise ValueError(
            f"`weight` must have shape (c_out, c_in, {group.order}), got shape {jnp.shape(weight)} instead"
        )
    c_out, c_in = weight.shape[:2]
    if jnp.shape(bias) != (c_out,):
        raise ValueError(f"`bias` must have shape ({c_out},), got shape {jnp.shape(bias)} instead")
    if jnp.ndim(x) < 2 or jnp.shape(x)[-2:] != (c_in, group.order):
        raise ValueError(
            f"`x` must have shape (..., {c_in}, {group.order}), got shape {jnp.shape(x)} instead"
        )
    return synthesis(mix_channels(weight, spectrum(x, group), group), group) + bias[:, None]


def invariant_readout(weight, bias, x):
    """Mean over G per channel, then a dense layer: (..., c, |G|) -> (..., outputs).

    Shapes are checked always (also under jit); values are checked finite where concrete.

    Example:
        >>> import jax.numpy as jnp
        >>> x = jnp.arange(8.0).reshape(2, 4)  # 2 channels on C_4; channel means 1.5 and 5.5
        >>> invariant_readout(jnp.eye(2), jnp.zeros(2), x).tolist()
        [1.5, 5.5]
    """
    weight = check_finite_if_concrete(real_array(weight, "weight"), "weight")
    bias = check_finite_if_concrete(real_array(bias, "bias"), "bias")
    x = check_finite_if_concrete(real_array(x, "x"), "x")
    if weight.ndim != 2:
        raise ValueError(f"`weight` must have shape (outputs, c), got shape {tuple(weight.shape)} instead")
    outputs, channels = weight.shape
    if tuple(bias.shape) != (outputs,):
        raise ValueError(f"`bias` must have shape ({outputs},), got shape {tuple(bias.shape)} instead")
    if x.ndim < 2 or x.shape[-2] != channels:
        raise ValueError(f"`x` must have shape (..., {channels}, |G|), got shape {tuple(x.shape)} instead")
    return jnp.matmul(jnp.mean(x, axis=-1), weight.T, precision="highest") + bias


def _check_group(group) -> None:
    if not isinstance(group, CyclicProduct):
        raise TypeError(f"`group` must be a CyclicProduct, got {describe(group)} instead")


def _check_params(params) -> NetworkSpec:
    if not isinstance(params, NetworkParams):
        raise TypeError(f"`params` must be NetworkParams, got {describe(params)} instead")
    for name in sorted(params.arrays):  # eagerly only: tracers under jit pass unchecked
        check_finite_if_concrete(params.arrays[name], f"params.arrays[{name!r}]")
    return params.spec


def _check_input(spec: NetworkSpec, x):
    if jnp.iscomplexobj(x):
        raise TypeError(f"`x` must be a real array, got complex dtype {jnp.result_type(x)} instead")
    shape = jnp.shape(x)
    expected = (spec.widths[0], spec.group.order)
    if len(shape) < 2 or tuple(shape[-2:]) != expected:
        raise ValueError(
            f"`x` must have shape (..., {expected[0]}, {expected[1]}) (channels, |G| of {spec.group.name}), "
            f"got shape {tuple(shape)} instead"
        )
    if not isinstance(x, jax.core.Tracer):  # concrete values: refuse what float32 cannot hold
        values = np.asarray(x)
        check_finite_if_concrete(values, "x")
        if values.size and np.abs(values).max() > np.finfo(np.float32).max:
            raise ValueError(
                f"`x` must hold values of magnitude at most {np.finfo(np.float32).max:.4g} (float32), "
                f"got {np.abs(values).max():.4g} instead"
            )
    return jnp.asarray(x, jnp.float32)


def apply_with_intermediates(params: NetworkParams, x):
    """Run the network and return (output, ``LayerOutputs``) with every pre/post activation.

    Args:
        params: ``NetworkParams``.
        x: input signals, shape (..., c_0, |G|).

    Returns:
        ``(y, outputs)``: y is (..., readout) with a read-out, else (..., c_L, |G|);
        ``outputs.pre[l]`` and ``outputs.post[l]`` are (..., c_{l+1}, |G|).

    Example:
        >>> import jax
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> y, outputs = apply_with_intermediates(params, jax.numpy.ones((3, 1, 4)))
        >>> y.shape, outputs.pre[0].shape
        ((3, 2), (3, 2, 4))
    """
    spec = _check_params(params)
    v = _check_input(spec, x)
    sigma = spec.sigma
    pre, post = [], []
    for layer in range(spec.num_layers):
        z = conv_layer(params.weight(layer), params.bias(layer), v, spec.group)
        v = apply_activation(sigma, z)
        pre.append(z)
        post.append(v)
    if spec.readout is not None:
        v = invariant_readout(params.arrays["readout.weight"], params.arrays["readout.bias"], v)
    return v, LayerOutputs(tuple(pre), tuple(post))


def apply(params: NetworkParams, x):
    """The network's output: (..., c_0, |G|) -> (..., readout) or (..., c_L, |G|). Jittable.

    Equivariant without a read-out: shifting the input on G shifts the output the same way.

    Example:
        >>> import jax
        >>> import numpy as np
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))  # no read-out
        >>> x = np.array([[1.0, -2.0, 0.5, 3.0]], dtype=np.float32)
        >>> y, y_shifted = apply(params, x), apply(params, np.roll(x, 1, axis=-1))
        >>> y.shape, bool(np.allclose(np.roll(y, 1, axis=-1), y_shifted, atol=1e-6))
        ((2, 4), True)
    """
    return apply_with_intermediates(params, x)[0]


# --- the dense reference -----------------------------------------------------------------


def circulant_matrix(weight, group: CyclicProduct) -> np.ndarray:
    """The dense matrix of a conv layer, for tests and benchmarks (float64, O(c^2 |G|^2)).

    A[(o, x), (i, y)] = w[o, i, x - y] with x - y the group difference; shape
    (c_out |G|, c_in |G|), rows and columns channel-major.

    Example:
        >>> import numpy as np
        >>> from plrep.groups import cyclic
        >>> shift = np.zeros((1, 1, 4))
        >>> shift[0, 0, 1] = 1.0  # A[x, y] = [x - y = 1]
        >>> circulant_matrix(shift, cyclic(4)).astype(int).tolist()
        [[0, 0, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
    """
    _check_group(group)
    weight = np.asarray(weight, dtype=np.float64)
    if weight.ndim != 3 or weight.shape[2] != group.order:
        raise ValueError(
            f"`weight` must have shape (c_out, c_in, {group.order}), got shape {weight.shape} instead"
        )
    c_out, c_in, size = weight.shape
    coords = np.stack(np.unravel_index(np.arange(size), group.factors), axis=-1)
    diff = (coords[:, None, :] - coords[None, :, :]) % np.asarray(group.factors)
    index = np.ravel_multi_index(np.moveaxis(diff, -1, 0), group.factors)  # (x, y) -> x - y
    dense = weight[:, :, index]  # (c_out, c_in, x, y)
    return dense.transpose(0, 2, 1, 3).reshape(c_out * size, c_in * size)


def apply_dense(params: NetworkParams, x):
    """``apply`` with every conv layer as a dense circulant matmul: the reference for tests.

    Example:
        >>> import jax
        >>> import numpy as np
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2)))
        >>> x = np.array([[1.0, -2.0, 0.5, 3.0]], dtype=np.float32)
        >>> bool(np.allclose(apply_dense(params, x), apply(params, x), atol=1e-5))
        True
    """
    spec = _check_params(params)
    v = _check_input(spec, x)
    sigma = spec.sigma
    size = spec.group.order
    for layer in range(spec.num_layers):
        matrix = jnp.asarray(circulant_matrix(params.weight(layer), spec.group), jnp.float32)
        flat = jnp.matmul(v.reshape(*v.shape[:-2], -1), matrix.T, precision="highest")
        z = flat.reshape(*v.shape[:-2], -1, size) + params.bias(layer)[:, None]
        v = apply_activation(sigma, z)
    if spec.readout is not None:
        v = invariant_readout(params.arrays["readout.weight"], params.arrays["readout.bias"], v)
    return v
