"""The sign symmetry of sine networks (SIRENs): signs x permutations of the hidden neurons.

sin is odd, so flipping the sign of hidden neuron i of layer h (its incoming row of W_h, its
bias b_h[i] and its outgoing column of W_{h+1}) leaves sin-MLP functions unchanged:
W_{h+1}[:, i] sin(-(W_h[i] x + b_h[i])) = (-W_{h+1}[:, i]) sin(W_h[i] x + b_h[i]). Together with
the neuron permutations of ``_permute`` this is the group (C_2 ≀ S_{d_h}) = C_2^{d_h} ⋊ S_{d_h}
per hidden layer (the hyperoctahedral group B_{d_h}, order 2^{d_h} d_h!). A second, equally exact
move: sin(z + π) = -sin(z), so shifting b_h[i] by π and flipping only the outgoing column is a
symmetry too (``shift_phases``); with it the bias is only defined modulo π up to sign.

ReLU networks do not have this symmetry (relu is not odd): ``sign_flip_changes_function`` says
so numerically. The invariant models of ``plrep.nn`` (DWS) are built for permutations only;
``sine_canonical_form`` removes the signs first (one representative per orbit), as ScaleGMN
(Kalogeropoulos et al. 2024) does for sign-symmetric activations.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from plrep._validate import check_finite_real, describe
from plrep.weightspace._permute import (
    _infer_widths,
    canonical_form,
    check_params,
    function_change,
    mlp_forward,
)

__all__ = [
    "flip_signs",
    "is_sign_invariant",
    "shift_phases",
    "sign_canonical_form",
    "sine_canonical_form",
    "sine_group_order",
]


def sine_group_order(widths) -> int:
    """|G| = prod_h 2^{d_h} d_h! for the hidden widths d_h: signs x permutations (exact int).

    Example:
        >>> sine_group_order((2, 3, 1))  # 2^3 * 3! = 48
        48
    """
    widths = _infer_hidden(widths)
    return math.prod(2**d * math.factorial(d) for d in widths)


def _infer_hidden(widths) -> tuple[int, ...]:
    from plrep.weightspace._permute import check_widths

    return check_widths(widths)[1:-1]


def _check_per_neuron(values, params, name: str, *, integer: bool) -> list[np.ndarray]:
    """One array per hidden layer, shape (..., d_h) broadcastable to the parameters' batch."""
    hidden = [w.shape[-2] for w, _ in params[:-1]]
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence) or len(values) != len(hidden):
        raise ValueError(
            f"`{name}` must hold one array per hidden layer ({len(hidden)}), got {describe(values)} instead"
        )
    out = []
    for h, (value, d) in enumerate(zip(values, hidden, strict=True)):
        array = np.asarray(value)
        if array.ndim < 1 or array.shape[-1] != d or array.dtype.kind not in "biuf":
            raise ValueError(
                f"`{name}[{h}]` must be a real array of shape (..., {d}), got {describe(value)} instead"
            )
        if integer and not np.all(array == np.round(array)):
            raise ValueError(f"`{name}[{h}]` must hold integers, got {describe(value)} instead")
        if not integer and not np.all(np.abs(array) == 1):
            raise ValueError(f"`{name}[{h}]` must hold only +1 and -1, got {describe(value)} instead")
        out.append(array.astype(np.float64))
    return out


def flip_signs(params, signs) -> list[tuple[np.ndarray, np.ndarray]]:
    """Multiply hidden neuron i of layer h by s_h[i] = ±1: W_h -> s_h W_h (rows), b_h -> s_h b_h,
    W_{h+1} -> W_{h+1} s_h (columns). Leaves sin-networks' functions unchanged.

    Args:
        params: [(W_m, b_m)], batch axes first.
        signs: one array of ±1 of shape (..., d_h) per hidden layer (batch axes broadcast).

    Example:
        >>> import numpy as np
        >>> params = [(np.array([[1.0], [2.0]]), np.array([0.5, -1.0])), (np.array([[3.0, 4.0]]), np.array([0.0]))]
        >>> flipped = flip_signs(params, [[1, -1]])
        >>> flipped[0][0].ravel().tolist(), flipped[0][1].tolist(), flipped[1][0].tolist()
        ([1.0, -2.0], [0.5, 1.0], [[3.0, -4.0]])
        >>> x = np.linspace(-1, 1, 5)[:, None]
        >>> function_change(params, flipped, x, activation="sin") < 1e-12
        True
    """
    params = check_params(params, _infer_widths(params))
    signs = _check_per_neuron(signs, params, "signs", integer=False)
    out = [list(pair) for pair in params]
    for h, s in enumerate(signs):
        out[h][0] = out[h][0] * s[..., :, None]
        out[h][1] = out[h][1] * s
        out[h + 1][0] = out[h + 1][0] * s[..., None, :]
    return [tuple(pair) for pair in out]


def shift_phases(params, shifts) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shift hidden biases by k π (integers k per neuron) and multiply the outgoing columns by
    (-1)^k: sin(z + k π) = (-1)^k sin(z), so sin-networks' functions do not change.

    Example:
        >>> import numpy as np
        >>> params = [(np.array([[1.0], [2.0]]), np.array([0.5, -1.0])), (np.array([[3.0, 4.0]]), np.array([0.0]))]
        >>> moved = shift_phases(params, [[1, 0]])
        >>> round(float(moved[0][1][0]), 4), moved[1][0].tolist()
        (3.6416, [[-3.0, 4.0]])
        >>> function_change(params, moved, np.linspace(-1, 1, 5)[:, None], activation="sin") < 1e-12
        True
    """
    params = check_params(params, _infer_widths(params))
    shifts = _check_per_neuron(shifts, params, "shifts", integer=True)
    out = [list(pair) for pair in params]
    for h, k in enumerate(shifts):
        out[h][1] = out[h][1] + np.pi * k
        out[h + 1][0] = out[h + 1][0] * np.where(k % 2 == 0, 1.0, -1.0)[..., None, :]
    return [tuple(pair) for pair in out]


def is_sign_invariant(params, signs, x, *, activation="sin", rtol: float = 1e-10) -> bool:
    """Whether ``flip_signs(params, signs)`` computes the same function on ``x`` (relative to max|f|).

    True for sin (odd) for every choice of signs; false in general for relu.

    Example:
        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> params = [(rng.normal(size=(3, 2)), rng.normal(size=3)), (rng.normal(size=(1, 3)), rng.normal(size=1))]
        >>> x = rng.normal(size=(10, 2))
        >>> is_sign_invariant(params, [[1, -1, -1]], x), is_sign_invariant(params, [[1, -1, -1]], x, activation="relu")
        (True, False)
    """
    rtol = check_finite_real(rtol, "rtol")
    if rtol < 0:
        raise ValueError(f"`rtol` must be a non-negative real number, got {rtol} instead")
    change = function_change(params, flip_signs(params, signs), x, activation=activation)
    scale = max(1.0, float(np.max(np.abs(mlp_forward(params, x, activation=activation)))))
    return change <= rtol * scale


def sign_canonical_form(params, *, phase: bool = False):
    """Fix every hidden neuron's sign: the representative with bias >= 0 (a zero bias: the first
    non-zero incoming weight > 0). Works on batched parameters.

    With ``phase=True`` the biases are first reduced modulo π (``shift_phases``) into
    [-π/2, π/2), so the representative is unique under signs *and* π-shifts: bias in [0, π/2].

    Returns:
        (canonical parameters, signs, shifts): ``shift_phases(flip_signs ...)``, in that order,
        reproduce the canonical parameters; shifts are zeros unless ``phase``.

    Example:
        >>> import numpy as np
        >>> params = [(np.array([[1.0], [2.0]]), np.array([0.5, -1.0])), (np.array([[3.0, 4.0]]), np.array([0.0]))]
        >>> canonical, signs, _ = sign_canonical_form(params)
        >>> canonical[0][1].tolist(), signs[0].tolist()
        ([0.5, 1.0], [1.0, -1.0])
    """
    if not isinstance(phase, bool):
        raise TypeError(f"`phase` must be a bool, got {describe(phase)} instead")
    params = check_params(params, _infer_widths(params))
    hidden = len(params) - 1
    shifts = [np.zeros_like(params[h][1]) for h in range(hidden)]
    if phase:
        shifts = [-np.round(params[h][1] / np.pi) for h in range(hidden)]
        shifts = [
            np.where(np.abs(params[h][1] / np.pi + s - 0.5) < 1e-12, s - 1, s) for h, s in enumerate(shifts)
        ]
        params = shift_phases(params, shifts)
    signs = []
    for h in range(hidden):  # layer by layer: layer h's incoming rows depend on layer h-1's signs
        weight, bias = params[h]
        first = np.take_along_axis(weight, np.argmax(weight != 0, axis=-1)[..., None], axis=-1)[..., 0]
        tie_sign = np.where(first < 0, -1.0, 1.0)
        s = np.where(bias > 0, 1.0, np.where(bias < 0, -1.0, tie_sign))
        full = [np.ones_like(params[k][1]) for k in range(hidden)]
        full[h] = s
        params = flip_signs(params, full)
        signs.append(s)
    return params, signs, shifts


def sine_canonical_form(params, *, phase: bool = False):
    """Canonical form under signs x permutations: ``sign_canonical_form`` then
    ``canonical_form(key="bias")`` (sign flips and neuron orders commute). Unbatched only.

    Returns (canonical parameters, signs, shifts, perms).

    Example:
        >>> import numpy as np
        >>> from plrep.weightspace import permute_neurons
        >>> rng = np.random.default_rng(1)
        >>> params = [(rng.normal(size=(3, 1)), rng.normal(size=3)), (rng.normal(size=(1, 3)), rng.normal(size=1))]
        >>> moved = permute_neurons(flip_signs(params, [[-1, 1, -1]]), [[2, 0, 1]])
        >>> a, b = sine_canonical_form(params)[0], sine_canonical_form(moved)[0]
        >>> all(np.allclose(u, v) for pa, pb in zip(a, b) for u, v in zip(pa, pb))
        True
    """
    canonical, signs, shifts = sign_canonical_form(params, phase=phase)
    canonical, perms = canonical_form(canonical, key="bias")
    return canonical, signs, shifts, perms
