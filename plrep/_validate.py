"""Argument checks shared by every public entry point.

Messages follow one pattern, "`name` must be <expected>, got <actual> instead", so users can
tell at once which argument is wrong; tests compare them word for word.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import numpy as np

__all__ = [
    "check_choice",
    "check_finite_array",
    "check_finite_real",
    "check_int",
    "describe",
    "size_text",
]


def describe(value: object) -> str:
    """A short, safe description of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def size_text(value: int) -> str:
    """An exact count as text, or ``about 9.3e157`` past 30 digits (str() of n! for n in the
    thousands exceeds Python's int-to-text limit, and nobody reads 150 digits)."""
    value = int(value)
    if abs(value) < 10**30:
        return str(value)
    shift = max(value.bit_length() - 64, 0)
    exponent = math.log10(value >> shift) + shift * math.log10(2)
    whole = math.floor(exponent)
    return f"about {10 ** (exponent - whole):.2f}e{whole}"


def check_int(value: object, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as a Python int, or raise if it is not an integer in range.

    Booleans are rejected: ``True`` as a group order is always a bug.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"`{name}` must be an integer, got {describe(value)} instead")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"`{name}` must be an integer >= {minimum}, got {value} instead")
    if maximum is not None and value > maximum:
        raise ValueError(f"`{name}` must be an integer <= {maximum}, got {value} instead")
    return value


def check_finite_real(value: object, name: str) -> float:
    """Return ``value`` as a float, or raise if it is not a finite real number."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a real number, got {describe(value)} instead")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"`{name}` must be a finite real number, got {value} instead")
    return value


def check_choice(value: object, name: str, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise naming the allowed values."""
    choices = tuple(choices)
    # hashable scalars only: `in` on an array compares elementwise ("truth value ... ambiguous")
    if not isinstance(value, str | int | float | type(None)) or value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"`{name}` must be one of {allowed}, got {describe(value)} instead")
    return value  # type: ignore[return-value]


def check_finite_array(
    value: object, name: str, *, last_axis: int | None = None, finite: bool = True
) -> np.ndarray:
    """Return ``value`` as a float64 array with finite entries and a given last-axis length.

    Object arrays are refused: they can only come from pickles or ragged lists. ``finite=False``
    leaves the finiteness check to a caller that reduces the array anyway (max/min propagate
    NaN and infinity), saving a full pass over large inputs.
    """
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:
        raise ValueError(f"`{name}` must be a numeric array, got {describe(value)} instead") from error
    if array.dtype.kind == "c":
        raise TypeError(f"`{name}` must be a real array, got {describe(array)} instead")
    # Booleans, integers and floats only: timedelta64 counts as an integer to numpy, and
    # void, bytes, str and object arrays have no arithmetic that means anything here.
    if array.dtype.kind not in "biuf":
        raise TypeError(f"`{name}` must be a numeric array, got {describe(array)} instead")
    if array.ndim == 0:
        raise ValueError(f"`{name}` must have at least one axis, got a scalar instead")
    if last_axis is not None and array.shape[-1] != last_axis:
        raise ValueError(
            f"`{name}` must have last axis of length {last_axis}, got shape {array.shape} instead"
        )
    array = array.astype(np.float64, copy=False)
    if finite and not np.all(np.isfinite(array)):
        raise nonfinite_error(name)
    return array


def nonfinite_error(name: str) -> ValueError:
    """The error for an array holding NaN or infinity (one wording for every check)."""
    return ValueError(f"`{name}` must contain only finite values, got NaN or infinity instead")
