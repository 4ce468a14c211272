"""The weight space of an MLP as a permutation module of its neuron-permutation group (docs/math.md §7).

An MLP with widths (d_0, ..., d_M) computes x_m = σ(W_m x_{m-1} + b_m) for m = 1..M (no σ after
the last layer), with W_m of shape (d_m, d_{m-1}) and b_m of shape (d_m,). Its parameters are a
list ``[(W_1, b_1), ..., (W_M, b_M)]`` of numpy arrays (leading batch axes allowed, the same on
every array). Neuron layers are numbered 0..M; layers 1..M-1 are *hidden*.

Symmetry: G = S_{d_1} x ... x S_{d_{M-1}}. Reordering the hidden neurons of layer h by a
permutation p (neuron k of the result is neuron p[k] of the input) sends
W_h -> W_h[p, :], b_h -> b_h[p], W_{h+1} -> W_{h+1}[:, p] and leaves the function unchanged for
any pointwise σ. In the convention (g·f)(x) = f(g^{-1} x) this is the action of g = p^{-1}.
Input (layer 0) and output (layer M) units are not permuted: reordering the inputs gives the
function x -> f(P x), a different one in general.

Flat layout (``WeightSpace.layout``): W_1, b_1, W_2, b_2, ..., each flattened row-major, so
the weight space is R^N with N = sum_m d_m (d_{m-1} + 1), the permutation module of G on the
disjoint union of the index sets {(i, j)} of the W_m and {i} of the b_m.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from plrep._validate import check_choice, check_finite_array, check_finite_real, describe

__all__ = [
    "WeightSpace",
    "canonical_form",
    "check_params",
    "check_widths",
    "function_change",
    "input_permutation_changes_function",
    "is_function_invariant",
    "mlp_forward",
    "permute_neurons",
    "weight_space",
]


MAX_WIDTHS = 65  # d_0..d_M: 64 layers, (2M)^2 = 16384 blocks


def check_widths(widths: object, name: str = "widths") -> tuple[int, ...]:
    """Return ``widths`` as a tuple of at least two positive ints (d_0, ..., d_M), or raise.

    Raises:
        TypeError: not a sequence (a string is not one).
        ValueError: fewer than two entries, or an entry that is not a positive int.

    Example:
        >>> import numpy as np
        >>> check_widths([2, np.int64(3), 1])
        (2, 3, 1)
    """
    if isinstance(widths, (str, bytes)) or not isinstance(widths, (Sequence, np.ndarray)):
        raise TypeError(
            f"`{name}` must be a sequence of positive integers (d_0, ..., d_M), got {describe(widths)} instead"
        )
    if len(widths) > MAX_WIDTHS:
        raise ValueError(
            f"`{name}` must have at most {MAX_WIDTHS} entries ({MAX_WIDTHS - 1} layers), got {len(widths)} instead"
        )
    values = list(widths)
    if len(values) < 2:
        raise ValueError(
            f"`{name}` must have at least 2 entries (d_0, ..., d_M), got {describe(widths)} instead"
        )
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"`{name}` must be positive integers, got {describe(widths)} instead")
    return tuple(int(v) for v in values)


@dataclass(frozen=True)
class WeightSpace:
    """The weight space ⊕_m (W_m ⊕ b_m) of an MLP with ``widths`` = (d_0, ..., d_M).

    Attributes:
        widths: the layer widths.

    Example:
        >>> space = weight_space((2, 3, 1))
        >>> space.hidden, space.group_order, space.size  # G = S_3; N = 3 (2 + 1) + 1 (3 + 1)
        ((3,), 6, 13)
        >>> [(name, offset) for name, offset, _ in space.layout]
        [('W1', 0), ('b1', 6), ('W2', 9), ('b2', 12)]
        >>> space.generators().shape  # (0 1) and (0 1 2) as permutations of the 13 indices
        (2, 13)
    """

    widths: tuple[int, ...]

    @property
    def num_layers(self) -> int:
        """M: the number of linear layers."""
        return len(self.widths) - 1

    @property
    def hidden(self) -> tuple[int, ...]:
        """(d_1, ..., d_{M-1}): the widths whose neurons G permutes."""
        return self.widths[1:-1]

    @property
    def group_order(self) -> int:
        """|G| = prod_h d_h! (an exact Python int)."""
        return math.prod(math.factorial(d) for d in self.hidden)

    @cached_property
    def layout(self) -> tuple[tuple[str, int, tuple[int, ...]], ...]:
        """(name, offset, shape) of W_1, b_1, ..., W_M, b_M in the flat vector."""
        rows, offset = [], 0
        for m in range(1, self.num_layers + 1):
            for name, shape in (
                (f"W{m}", (self.widths[m], self.widths[m - 1])),
                (f"b{m}", (self.widths[m],)),
            ):
                rows.append((name, offset, shape))
                offset += math.prod(shape)
        return tuple(rows)

    @property
    def size(self) -> int:
        """N = sum_m d_m (d_{m-1} + 1): the dimension of the weight space."""
        return sum(d * (e + 1) for d, e in zip(self.widths[1:], self.widths[:-1], strict=True))

    def flatten(self, params) -> np.ndarray:
        """Parameters -> flat vectors of shape (..., N) in the ``layout`` order."""
        params = check_params(params, self.widths)
        batch = params[0][0].shape[:-2]
        return np.concatenate([a.reshape(*batch, -1) for pair in params for a in pair], axis=-1)

    def unflatten(self, vector) -> list[tuple[np.ndarray, np.ndarray]]:
        """Flat vectors (..., N) -> parameters [(W_m, b_m)] (copies, in the dtype of ``vector``).

        Raises:
            TypeError: ``vector`` is not a real numeric array.
            ValueError: its last axis is not of length N, or it has NaN or infinite entries.
        """
        check_finite_array(vector, "vector", last_axis=self.size)
        vector = np.asarray(vector)
        batch = vector.shape[:-1]
        pieces = [vector[..., o : o + math.prod(s)].reshape(*batch, *s).copy() for _, o, s in self.layout]
        return list(zip(pieces[0::2], pieces[1::2], strict=True))

    def index_permutation(self, perms) -> np.ndarray:
        """The flat-index permutation q of ``permute_neurons``: flatten(permuted) = flat[..., q]."""
        perms = _check_perms(perms, self.widths)
        full = [np.arange(self.widths[0]), *perms, np.arange(self.widths[-1])]
        parts = []
        for (_, offset, shape), m in zip(
            self.layout, np.repeat(np.arange(1, self.num_layers + 1), 2), strict=True
        ):
            local = np.arange(math.prod(shape)).reshape(shape)
            local = local[full[m]][:, full[m - 1]] if len(shape) == 2 else local[full[m]]
            parts.append(offset + local.ravel())
        return np.concatenate(parts)

    def generators(self) -> np.ndarray:
        """Flat-index permutations (r, N) of a generating set of G: per hidden layer of width
        n >= 2 the transposition (0 1) and the n-cycle (0 1 ... n-1)."""
        gens = []
        for h, d in enumerate(self.hidden):
            for cycle in ([1, 0, *range(2, d)], [*range(1, d), 0]) if d >= 2 else ():
                perms = [np.arange(e) for e in self.hidden]
                perms[h] = np.array(cycle)
                gens.append(self.index_permutation(perms))
        return np.array(gens, dtype=np.int64).reshape(len(gens), self.size)


def weight_space(widths) -> WeightSpace:
    """The ``WeightSpace`` of an MLP with widths (d_0, ..., d_M), validated.

    Example:
        >>> weight_space([2, 3, 1]).size  # W_1 (3x2), b_1 (3), W_2 (1x3), b_2 (1)
        13
    """
    return WeightSpace(check_widths(widths))


def check_params(params, widths, name: str = "params") -> list[tuple[np.ndarray, np.ndarray]]:
    """Validate a parameter list against ``widths``; returns float arrays (batch axes kept).

    ``name`` is the argument named in error messages.

    Raises:
        TypeError: not a list of (W, b) pairs.
        ValueError: wrong number of layers, shapes that do not match the widths or disagree in
            their batch axes, or non-finite entries.

    Example:
        >>> params = check_params([([[1, 2]], [0]), ([[3]], [1])], (2, 1, 1))
        >>> [(w.dtype.name, w.shape, b.shape) for w, b in params]
        [('float64', (1, 2), (1,)), ('float64', (1, 1), (1,))]
    """
    widths = check_widths(widths)
    if isinstance(params, (str, bytes)) or not isinstance(params, Sequence):
        raise TypeError(f"`{name}` must be a list of (W, b) pairs, got {describe(params)} instead")
    if len(params) != len(widths) - 1:
        raise ValueError(
            f"`{name}` must have {len(widths) - 1} (W, b) pairs for widths {widths}, got {len(params)} instead"
        )
    out, batch = [], None
    for m, pair in enumerate(params, start=1):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"`{name}[{m - 1}]` must be a pair (W_{m}, b_{m}), got {describe(pair)} instead")
        try:
            weight, bias = (np.asarray(a, dtype=np.float64) for a in pair)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"`{name}[{m - 1}]` must hold real arrays (W_{m}, b_{m}), got {' '.join(describe(pair).split())} "
                "instead"
            ) from error
        want = (widths[m], widths[m - 1])
        if weight.ndim < 2 or weight.shape[-2:] != want or bias.shape[-1:] != want[:1]:
            raise ValueError(
                f"`{name}[{m - 1}]` must hold W_{m} of shape (..., {want[0]}, {want[1]}) and b_{m} of shape "
                f"(..., {want[0]}), got shapes {weight.shape} and {bias.shape} instead"
            )
        for label, shape in ((f"W_{m}", weight.shape[:-2]), (f"b_{m}", bias.shape[:-1])):
            batch = shape if batch is None else batch
            if shape != batch:
                raise ValueError(
                    f"`{name}` must share one batch shape, got {batch} and {shape} (at {label}) instead"
                )
        if not (np.all(np.isfinite(weight)) and np.all(np.isfinite(bias))):
            raise ValueError(f"`{name}[{m - 1}]` must have finite entries, got NaN or inf instead")
        out.append((weight, bias))
    return out


def _check_perms(perms, widths: tuple[int, ...]) -> list[np.ndarray]:
    hidden = widths[1:-1]
    if isinstance(perms, (str, bytes)) or not isinstance(perms, Sequence) or len(perms) != len(hidden):
        raise ValueError(
            f"`perms` must hold one permutation per hidden layer ({len(hidden)}), got {describe(perms)} instead"
        )
    out = []
    for h, (perm, d) in enumerate(zip(perms, hidden, strict=True), start=1):
        perm = np.asarray(perm)
        if (
            perm.shape != (d,)
            or not np.issubdtype(perm.dtype, np.integer)
            or np.any(np.sort(perm) != np.arange(d))
        ):
            raise ValueError(
                f"`perms[{h - 1}]` must be a permutation of 0..{d - 1}, got {describe(perm)} instead"
            )
        out.append(perm.astype(np.int64))
    return out


def permute_neurons(params, perms, *, widths=None, input_perm=None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Reorder hidden neurons: neuron k of hidden layer h becomes neuron ``perms[h-1][k]``'s copy.

    W_h -> W_h[p_h][:, p_{h-1}], b_h -> b_h[p_h] with p_0 = ``input_perm`` (identity by default;
    a non-identity input permutation is *not* in G) and p_M the identity.

    Args:
        params: [(W_m, b_m)], batch axes first.
        perms: one permutation of 0..d_h-1 per hidden layer h = 1..M-1.
        widths: the widths; inferred from the shapes when omitted.
        input_perm: optional permutation of the input units 0..d_0-1.

    Returns:
        The permuted parameters [(W_m, b_m)], float arrays.

    Example:
        >>> import numpy as np
        >>> params = [
        ...     (np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([0.3, -0.2, 0.1])),
        ...     (np.array([[1.0, 2.0, -1.0]]), np.array([0.5])),
        ... ]  # widths (2, 3, 1)
        >>> permuted = permute_neurons(params, [[2, 0, 1]])  # new neuron k = old neuron p[k]
        >>> permuted[0][1].tolist(), permuted[1][0].tolist()
        ([0.1, 0.3, -0.2], [[-1.0, 1.0, 2.0]])
    """
    widths = _infer_widths(params) if widths is None else check_widths(widths)
    params = check_params(params, widths)
    full = [np.arange(widths[0]), *_check_perms(perms, widths), np.arange(widths[-1])]
    if input_perm is not None:
        full[0] = _check_perms([input_perm], (1, widths[0], 1))[0]
    return [
        (w[..., full[m], :][..., full[m - 1]], b[..., full[m]]) for m, (w, b) in enumerate(params, start=1)
    ]


def _infer_widths(params, name: str = "params") -> tuple[int, ...]:
    try:
        first = np.shape(params[0][0])
        return check_widths([first[-1], *(np.shape(pair[0])[-2] for pair in params)])
    except (TypeError, IndexError, KeyError, ValueError) as error:
        raise TypeError(f"`{name}` must be a list of (W, b) pairs, got {describe(params)} instead") from error


def _activation(spec) -> Callable[[np.ndarray], np.ndarray]:
    if isinstance(spec, str) and spec.strip().lower() in ("sin", "sine"):
        return np.sin
    from plrep.activations import activation

    return activation(spec)


def mlp_forward(params, x, *, activation="relu") -> np.ndarray:
    """f(x) for an unbatched parameter list; x of shape (..., d_0), result (..., d_M).

    ``activation``: ``"sin"`` or anything ``plrep.activations.activation`` accepts.

    Raises:
        TypeError, ValueError: ``params`` as in ``check_params``; ``x`` not a finite real array
            with last axis d_0.

    Example:
        >>> import numpy as np
        >>> params = [(np.eye(2), np.zeros(2)), (np.ones((1, 2)), np.zeros(1))]  # relu(x_0) + relu(x_1)
        >>> mlp_forward(params, [[1.0, -2.0], [3.0, 4.0]]).tolist()
        [[1.0], [7.0]]
    """
    return _forward(params, x, activation, "params")


def _forward(params, x, activation, name: str) -> np.ndarray:
    widths = _infer_widths(params, name)
    params = check_params(params, widths, name)
    x = check_finite_array(x, "x", last_axis=widths[0])
    sigma = _activation(activation)
    for m, (weight, bias) in enumerate(params, start=1):
        x = x @ weight.T + bias
        x = sigma(x) if m < len(params) else x
    return x


def function_change(params, other, x, *, activation="relu") -> float:
    """max |f_params(x) - f_other(x)| over the rows of ``x`` (both checked as in ``mlp_forward``).

    Raises:
        TypeError, ValueError: as ``mlp_forward``, or outputs of different shapes.

    Example:
        >>> import numpy as np
        >>> params = [
        ...     (np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([0.3, -0.2, 0.1])),
        ...     (np.array([[1.0, 2.0, -1.0]]), np.array([0.5])),
        ... ]  # widths (2, 3, 1)
        >>> x = np.array([[1.0, 2.0], [-0.5, 0.3]])
        >>> function_change(params, permute_neurons(params, [[2, 0, 1]]), x) < 1e-12
        True
    """
    first = _forward(params, x, activation, "params")
    second = _forward(other, x, activation, "other")
    if first.shape != second.shape:
        raise ValueError(
            f"`other` must give outputs of shape {first.shape} like `params`, got {second.shape} instead"
        )
    return float(np.max(np.abs(first - second)))


def _check_rtol(rtol) -> float:
    rtol = check_finite_real(rtol, "rtol")
    if rtol < 0:
        raise ValueError(f"`rtol` must be a non-negative real number, got {rtol} instead")
    return rtol


def is_function_invariant(params, perms, x, *, activation="relu", rtol: float = 1e-10) -> bool:
    """Whether reordering hidden neurons by ``perms`` leaves f unchanged on ``x`` (relative to max|f|).

    Raises:
        TypeError, ValueError: as ``mlp_forward`` and ``permute_neurons``; ``rtol`` not a finite
            real number >= 0.

    Example:
        >>> import numpy as np
        >>> params = [
        ...     (np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([0.3, -0.2, 0.1])),
        ...     (np.array([[1.0, 2.0, -1.0]]), np.array([0.5])),
        ... ]  # widths (2, 3, 1)
        >>> is_function_invariant(params, [[2, 0, 1]], np.array([[1.0, 2.0], [-0.5, 0.3]]))
        True
    """
    rtol = _check_rtol(rtol)
    change = function_change(params, permute_neurons(params, perms), x, activation=activation)
    scale = max(1.0, float(np.max(np.abs(mlp_forward(params, x, activation=activation)))))
    return change <= rtol * scale


def input_permutation_changes_function(
    params, input_perm, x, *, activation="relu", rtol: float = 1e-10
) -> bool:
    """Whether reordering the *input* units by ``input_perm`` changes f on ``x`` (it does, generically).

    Raises:
        TypeError, ValueError: as ``mlp_forward`` and ``permute_neurons``; ``rtol`` not a finite
            real number >= 0.

    Example:
        >>> import numpy as np
        >>> params = [
        ...     (np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([0.3, -0.2, 0.1])),
        ...     (np.array([[1.0, 2.0, -1.0]]), np.array([0.5])),
        ... ]  # widths (2, 3, 1)
        >>> input_permutation_changes_function(params, [1, 0], np.array([[1.0, 2.0], [-0.5, 0.3]]))
        True
    """
    rtol = _check_rtol(rtol)
    widths = _infer_widths(params)
    identity = [np.arange(d) for d in widths[1:-1]]
    moved = permute_neurons(params, identity, input_perm=input_perm)
    scale = max(1.0, float(np.max(np.abs(mlp_forward(params, x, activation=activation)))))
    return function_change(params, moved, x, activation=activation) > rtol * scale


_KEYS = ("bias", "norm")


def canonical_form(params, *, key="bias") -> tuple[list[tuple[np.ndarray, np.ndarray]], list[np.ndarray]]:
    """Remove the symmetry: sort each hidden layer's neurons by a key, first layer first.

    Keys: ``"bias"`` sorts neurons of layer h by b_h, ``"norm"`` by the norm of the incoming
    row of W_h; both ignore the order of layer h-1, and ties are broken by the incoming row
    itself (already canonical, since layers are processed in order). For parameters whose keys
    are distinct, canonical_form(permute_neurons(θ, g)) = canonical_form(θ) for every g.

    Returns:
        (canonical parameters, the permutations used), with
        ``permute_neurons(params, perms)`` equal to the canonical parameters.

    Raises:
        ValueError: batched parameters, or an unknown ``key``.

    Example:
        >>> import numpy as np
        >>> params = [
        ...     (np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([0.3, -0.2, 0.1])),
        ...     (np.array([[1.0, 2.0, -1.0]]), np.array([0.5])),
        ... ]  # widths (2, 3, 1)
        >>> canonical, perms = canonical_form(params)  # sort hidden neurons by bias
        >>> perms[0].tolist(), canonical[0][1].tolist()
        ([1, 2, 0], [-0.2, 0.1, 0.3])
        >>> again, _ = canonical_form(permute_neurons(params, [[2, 0, 1]]))
        >>> all(np.array_equal(a, b) for pa, pb in zip(canonical, again) for a, b in zip(pa, pb))
        True
    """
    key = check_choice(key, "key", _KEYS)
    widths = _infer_widths(params)
    params = check_params(params, widths)
    if params[0][0].ndim != 2:
        raise ValueError(
            f"`params` must be unbatched for canonical_form, got W_1 of shape {params[0][0].shape} instead"
        )
    perms, previous = [], np.arange(widths[0])
    for h in range(1, len(widths) - 1):
        weight, bias = params[h - 1]
        rows = weight[:, previous]
        primary = bias if key == "bias" else np.linalg.norm(weight, axis=1)
        order = np.lexsort((*rows.T[::-1], primary))
        perms.append(order)
        previous = order
    return permute_neurons(params, perms, widths=widths), perms
