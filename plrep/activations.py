"""Named activations for numpy and JAX, with their parity and kinks.

Parity decides which harmonics an activation creates (docs/math.md §3, §4): write
sigma = sigma_even + sigma_odd with sigma_even(x) = (sigma(x) + sigma(-x)) / 2 and
sigma_odd(x) = (sigma(x) - sigma(-x)) / 2. Two facts matter: whether sigma_even is constant
and whether sigma_odd is linear. They are known exactly for the named activations and
detected numerically for any other callable.

Specs: ``relu``, ``abs``, ``leaky_relu`` (slope 0.01), ``prelu:P``, ``elu``, ``gelu`` (exact
erf form), ``silu``, ``softplus``, ``tanh``, ``sigmoid``, ``identity``, ``frelu`` (min(x, 0)), ``sawtooth`` (the
authors' "SReLU", a zigzag with kinks at -3, 0, 3), ``pow:P`` (P a non-negative integer).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

import numpy as np

from plrep._validate import check_finite_real, check_int, describe

__all__ = ["Activation", "Parity", "activation", "activation_names", "detect_parity"]


@dataclass(frozen=True)
class Parity:
    """The two parity facts about an activation.

    Attributes:
        even_constant: sigma_even is constant (sigma is odd up to a constant).
        odd_linear: sigma_odd is linear (sigma is even up to a linear term).
        exact: True when the facts are known in closed form, False when detected numerically.
    """

    even_constant: bool
    odd_linear: bool
    exact: bool = True

    @property
    def is_affine(self) -> bool:
        return self.even_constant and self.odd_linear


def _relu(x, xp):
    return xp.maximum(x, 0.0)


def _prelu(slope: float):
    def fn(x, xp):
        return xp.where(x >= 0, x, slope * x)

    return fn


def _elu(x, xp):
    return xp.where(x > 0, x, xp.expm1(xp.minimum(x, 0.0)))


def _gelu(x, xp):
    # x Phi(x) = x erfc(-x / sqrt 2) / 2: 1 + erf(x / sqrt 2) cancels to nothing for x << 0
    # (gelu(-10) came out -0.0). Tail accuracy: rounding x / sqrt 2 costs ~x^2 1e-16 relative.
    return 0.5 * x * _erfc(xp)(-x / math.sqrt(2.0))


def _silu(x, xp):
    return x * _sigmoid(x, xp)


def _softplus(x, xp):
    return xp.logaddexp(x, 0.0)


def _sigmoid(x, xp):
    # 1 / (1 + e^-x) written with e^-|x| only: no overflow, and for x << 0 it is e^x / (1 + e^x)
    # to full relative accuracy (the tanh form 0.5 (1 + tanh(x / 2)) returned 0 at x = -40).
    e = xp.exp(-xp.abs(x))
    return xp.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# The authors' sawtooth "SReLU" (SRelUBasic in cyclic.nb of github.com/dtubbenhauer/pl-reps,
# the code accompanying Gibson-Tubbenhauer-Williamson): -u - 3 for u < -3, u + 3 on [-3, 0),
# 3 - 2u on [0, 3), u/2 - 9/2 for u >= 3. Continuous (0 at -3, 3 at 0, -3 at 3), kinks at
# -3, 0, 3, with slopes -1, 1, -2, 1/2. Written with where (not a sum of relus) so every value
# is the one formula of its piece, exactly.
SAWTOOTH_KINKS = (-3.0, 0.0, 3.0)


def _sawtooth(x, xp):
    return xp.where(
        x < -3.0,
        -x - 3.0,
        xp.where(x < 0.0, x + 3.0, xp.where(x < 3.0, 3.0 - 2.0 * x, 0.5 * x - 4.5)),
    )


def _pow(power: int):
    def fn(x, xp):
        return x**power

    return fn


def _erfc(xp: ModuleType) -> Callable:
    # numpy has no erfc; other array modules (plrep.nn's JAX namespace) bring their own.
    # scipy.special is imported here, on first use: at module level it was half of the
    # CPU time of `import plrep` (issue 25).
    if xp is np:
        import scipy.special

        return scipy.special.erfc
    return xp.erfc


@dataclass(frozen=True)
class Activation:
    """A pointwise activation usable from numpy and JAX.

    Attributes:
        name: the spec that recreates it (``"prelu:-0.5"``), or the callable's name.
        parity: its ``Parity`` facts.
        kinks: points where it is not smooth (relu: (0.0,)); empty for smooth ones.
        closed_form: which exact Fourier formula applies (``"prelu"``, ``"pow"``), if any.
        slope: the negative-side slope of the piecewise-linear family relu/abs/prelu.
        power: the exponent of ``pow:P``.

    Example:
        >>> sigma = activation("abs")
        >>> sigma([-2.0, 3.0]).tolist(), sigma.slope
        ([2.0, 3.0], -1.0)
        >>> sigma.parity.even_constant, sigma.parity.odd_linear  # even: only even harmonics
        (False, True)
    """

    name: str
    function: Callable = field(repr=False, compare=False)
    parity: Parity
    kinks: tuple[float, ...] = ()
    closed_form: str | None = None
    slope: float | None = None
    power: int | None = None
    is_builtin: bool = True

    def __call__(self, x):
        """Apply to a numpy array (float64)."""
        if self.is_builtin:
            return self.function(np.asarray(x, dtype=np.float64), np)
        return self.function(np.asarray(x, dtype=np.float64))

    def apply(self, x, xp: ModuleType):
        """Apply with the array module ``xp`` (``plrep.nn`` passes its JAX namespace); jittable there.

        ``xp`` must offer numpy's functions and ``erfc``; a user callable is applied as it is.
        """
        if self.is_builtin:
            return self.function(x, xp)
        return self.function(x)

    @property
    def is_piecewise_linear(self) -> bool:
        return self.closed_form == "prelu"

    @property
    def is_positively_homogeneous(self) -> bool:
        """sigma(a x) = a^p sigma(x) for every a > 0, known exactly (named activations only).

        relu, abs, leaky_relu, prelu:P, identity (p = 1), frelu = min(x, 0) (p = 1) and pow:P
        (p = P). For these a sample's amplitude changes no ratio ||P_j sigma(v)|| / ||sigma(v)||,
        so the numeric graphs need one amplitude instead of ten (``plrep.graphs``).

        >>> activation("relu").is_positively_homogeneous, activation("elu").is_positively_homogeneous
        (True, False)
        """
        return self.is_builtin and (self.closed_form in ("prelu", "pow") or self.name == "frelu")


def _builtin(name: str, fn, even_constant: bool, odd_linear: bool, **extra) -> Activation:
    return Activation(name, fn, Parity(even_constant, odd_linear), **extra)


def _piecewise_linear(name: str, slope: float) -> Activation:
    # sigma = (1 + s)/2 x + (1 - s)/2 |x|: odd part linear; even part constant iff s = 1.
    return _builtin(name, _prelu(slope), slope == 1.0, True, kinks=(0.0,), closed_form="prelu", slope=slope)


_FIXED = {
    "relu": lambda: _piecewise_linear("relu", 0.0),
    "abs": lambda: _piecewise_linear("abs", -1.0),
    "leaky_relu": lambda: _piecewise_linear("leaky_relu", 0.01),
    "identity": lambda: _piecewise_linear("identity", 1.0),
    "elu": lambda: _builtin("elu", _elu, False, False, kinks=(0.0,)),
    # x * g(x) with g - 1/2 odd: the odd part is exactly x/2, the even part is not constant.
    "gelu": lambda: _builtin("gelu", _gelu, False, True),
    "silu": lambda: _builtin("silu", _silu, False, True),
    # softplus(x) - softplus(-x) = x.
    "softplus": lambda: _builtin("softplus", _softplus, False, True),
    "tanh": lambda: _builtin("tanh", lambda x, xp: xp.tanh(x), True, False),
    # min(x, 0) = x - relu(x) (the paper's "FReLU"): odd part x/2, even part -|x|/2. Not
    # positively homogeneous in the sense of the PReLU closed form, so spectra are numeric.
    "frelu": lambda: _builtin("frelu", lambda x, xp: xp.minimum(x, 0.0), False, True, kinks=(0.0,)),
    "sigmoid": lambda: _builtin("sigmoid", _sigmoid, True, False),
    # Neither parity fact holds: the even part is 3 at 0 and -3/2 at 3 (not constant); the odd
    # part is -u/2 on [0, 3] but -3/4 - u/4 beyond (not linear).
    "sawtooth": lambda: _builtin("sawtooth", _sawtooth, False, False, kinks=SAWTOOTH_KINKS),
}
_PARAMETRIC = ("prelu", "pow")


def activation_names() -> tuple[str, ...]:
    """The accepted spec names (parametric ones as ``prelu:P`` and ``pow:P``)."""
    return (*_FIXED, "prelu:P", "pow:P")


def activation(spec, *, kinks=None) -> Activation:
    """Resolve an activation spec, an ``Activation``, or any numpy-vectorised callable.

    Args:
        spec: a name such as ``"relu"``, ``"prelu:-0.5"``, ``"pow:3"``, or a callable
            ``f(x) -> array`` applied elementwise (it is also what ``Activation.apply`` calls).
        kinks: for a callable, the points where it is not smooth (helps spectra).

    Raises:
        ValueError: for an unknown name, a bad parameter, or a callable that returns the
            wrong shape or non-finite values.
        TypeError: ``spec`` is neither a string, an ``Activation`` nor a callable.

    Example:
        >>> relu = activation("relu")
        >>> relu.kinks, relu.closed_form, relu.parity.odd_linear  # relu = x/2 + |x|/2
        ((0.0,), 'prelu', True)
        >>> activation("prelu:-0.5")([-2.0, 3.0]).tolist()
        [1.0, 3.0]
        >>> import numpy as np
        >>> activation(np.tanh).parity  # a callable: parity detected numerically
        Parity(even_constant=True, odd_linear=False, exact=False)
    """
    checked = None if kinks is None else _check_kinks(kinks)
    if isinstance(spec, Activation | str):
        resolved = spec if isinstance(spec, Activation) else _from_name(spec)
        # A named activation knows its kinks; other ones would silently be ignored.
        if checked is not None and checked != resolved.kinks:
            raise ValueError(
                f"`kinks` must be left out (or equal {list(resolved.kinks)}) for {resolved.name!r}, whose "
                f"kinks are known, got {list(checked)} instead"
            )
        return resolved
    if callable(spec):
        return _from_callable(spec, checked)
    raise TypeError(f"`activation` must be a name such as 'relu' or a callable, got {describe(spec)} instead")


def _from_name(spec: str) -> Activation:
    name, _, parameter = spec.strip().lower().partition(":")
    if name in _FIXED and not parameter:
        return _FIXED[name]()
    if name in _PARAMETRIC and parameter:
        try:
            value = float(parameter)
        except ValueError:
            value = None
        if name == "prelu" and value is not None:
            slope = check_finite_real(value, "prelu slope")
            return _piecewise_linear(f"prelu:{parameter}", slope)
        if name == "pow" and value is not None and value.is_integer():
            power = check_int(int(value), "pow exponent", minimum=0, maximum=64)
            return _builtin(
                f"pow:{power}",
                _pow(power),
                power % 2 == 1 or power == 0,
                power % 2 == 0 or power == 1,
                closed_form="pow",
                power=power,
            )
    names = ", ".join(activation_names())
    raise ValueError(f"`activation` must be one of {names}, got {spec!r} instead")


def _evaluate(fn: Callable, x: np.ndarray) -> np.ndarray:
    """Call a user's activation on ``x``, insisting on the same shape and finite values."""
    values = np.asarray(fn(x))
    if values.shape != x.shape:
        raise ValueError(
            f"`activation` must map an array of shape {x.shape} to the same shape, got shape {values.shape} instead"
        )
    if not np.all(np.isfinite(values)):
        low, high = float(x.min()), float(x.max())
        raise ValueError(
            f"`activation` must return finite values, got NaN or infinity on inputs in [{low:g}, {high:g}]"
        )
    return values.astype(np.float64, copy=False)


_MAX_KINKS = 1000


def _check_kinks(kinks) -> tuple[float, ...]:
    """A sorted tuple of finite reals; a string ('abc') or a bare number is refused, not iterated."""
    if isinstance(kinks, str | bytes) or not isinstance(kinks, list | tuple | np.ndarray):
        raise TypeError(
            f"`kinks` must be a list of real numbers such as [0.0], got {describe(kinks)} instead"
        )
    if len(kinks) > _MAX_KINKS:
        raise ValueError(f"`kinks` must list at most {_MAX_KINKS} points, got {len(kinks)} instead")
    return tuple(sorted(check_finite_real(k, "kinks") for k in np.asarray(kinks, dtype=object).ravel()))


def _from_callable(fn: Callable, kinks) -> Activation:
    _evaluate(fn, np.linspace(-4.0, 4.0, 801))
    kinks = kinks or ()
    name = getattr(fn, "__name__", "callable")
    return Activation(name, fn, detect_parity(fn), kinks=tuple(sorted(kinks)), is_builtin=False)


def detect_parity(fn: Callable, *, radius: float = 8.0, samples: int = 2001) -> Parity:
    """Detect the parity facts of a callable numerically on [-radius, radius].

    sigma_even is called constant, and sigma_odd linear, when the deviation is below
    1e-9 times the function's scale there: roughly the noise of float64 evaluation.
    """
    x = np.linspace(0.0, radius, samples)
    plus, minus = _evaluate(fn, x), _evaluate(fn, -x)
    even, odd = (plus + minus) / 2, (plus - minus) / 2
    scale = max(1.0, float(np.max(np.abs(plus))), float(np.max(np.abs(minus))))
    tolerance = 1e-9 * scale
    slope = float(np.dot(odd, x) / np.dot(x, x))
    return Parity(
        even_constant=bool(np.ptp(even) <= tolerance),
        odd_linear=bool(np.max(np.abs(odd - slope * x)) <= tolerance),
        exact=False,
    )
