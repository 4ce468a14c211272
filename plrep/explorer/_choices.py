"""What the explorer page offers: its groups, activations and slider grids, checked and sized.

Everything here is decided before any graph is computed, so an oversized request is refused
with one line naming the argument and nothing is allocated.
"""

from __future__ import annotations

import numpy as np

from plrep._validate import check_int, describe, size_text
from plrep.activations import activation, activation_names
from plrep.groups import parse_group
from plrep.groups._spec import quoted

__all__ = [
    "DEFAULT_MAX_N",
    "MAX_EXPLORE_GROUPS",
    "MAX_EXPLORE_N",
    "MAX_EXPLORE_ORDER",
    "PRELU_SLOPES",
    "SPECTRUM_AMPLITUDES",
    "SPECTRUM_BIASES",
    "SPECTRUM_HARMONICS",
    "default_groups",
    "explorer_activations",
    "explorer_groups",
]

# C_n for every n up to this are drawn by default; the maps panel offers the same n.
DEFAULT_MAX_N = 32
# Largest n of --max-n: C_128 has 65 simples and up to ~1700 edges per activation, about a
# second of edge routing each; beyond that the page would take minutes to build and be tens of MB.
MAX_EXPLORE_N = 128
# Groups of one page (each costs up to ~25 interaction graphs) and the order of each (numeric
# graphs sample the regular module, |G| floats per sample; S_5 of order 120 takes ~0.2 s).
MAX_EXPLORE_GROUPS = 200
MAX_EXPLORE_ORDER = 128

# The PReLU slider's grid (slope of the negative side): -1 is abs, 0 relu, 1 the identity.
PRELU_SLOPES = tuple(float(s) for s in np.linspace(-1.0, 1.0, 9))
# The spectra panel's grids: sigma(a sin x + b) for these a and b, harmonics 0..K.
SPECTRUM_AMPLITUDES = tuple(float(a) for a in np.arange(1, 13) * 0.25)
SPECTRUM_BIASES = tuple(float(b) for b in np.arange(-4, 5) * 0.5)
SPECTRUM_HARMONICS = 12

_PRODUCTS = ("C2xC2", "C2xC4", "C3xC3", "C2xC6", "C4xC4", "C3xC6")
_OTHERS = ("D3", "D4", "D5", "D6", "D7", "D8", "S3", "S4", "S5", "A4", "A5", "Q8")


def _prelu_name(slope: float) -> str:
    return f"prelu:{slope:g}"


def explorer_activations() -> tuple[str, ...]:
    """The activation specs the page offers: every fixed name of the registry, a PReLU grid, x², x³.

    Parametric names come from the registry too, so a new fixed activation appears by itself.

    Example:
        >>> names = explorer_activations()
        >>> "relu" in names, "prelu:-0.5" in names, "pow:3" in names
        (True, True, True)
    """
    fixed = tuple(name for name in activation_names() if ":" not in name)
    return (*fixed, *(_prelu_name(s) for s in PRELU_SLOPES), "pow:2", "pow:3")


def default_groups(max_n: int = DEFAULT_MAX_N) -> tuple[str, ...]:
    """C_1..C_max_n, small products C_n x C_m, dihedral, symmetric and alternating groups, Q_8.

    Example:
        >>> default_groups(4)[:5]
        ('C1', 'C2', 'C3', 'C4', 'C2xC2')
    """
    max_n = check_int(max_n, "max_n", minimum=2, maximum=MAX_EXPLORE_N)
    return (*(f"C{n}" for n in range(1, max_n + 1)), *_PRODUCTS, *_OTHERS)


def explorer_groups(groups=None, max_n: int = DEFAULT_MAX_N) -> tuple[str, ...]:
    """Check the page's group specs before any work; ``None`` gives ``default_groups(max_n)``.

    Raises:
        ValueError: more than ``MAX_EXPLORE_GROUPS`` specs, a malformed spec, a repeated one, or
            a group of order above ``MAX_EXPLORE_ORDER``.

    Example:
        >>> explorer_groups(["C12", "D6"])
        ('C12', 'D6')
    """
    if groups is None:
        return default_groups(max_n)
    if isinstance(groups, str) or not all(isinstance(g, str) for g in groups):
        raise TypeError(
            f"`groups` must be a list of group specs such as ['C12', 'D6'], got {describe(groups)} instead"
        )
    groups = tuple(g.strip() for g in groups)
    if not groups or len(groups) > MAX_EXPLORE_GROUPS:
        raise ValueError(
            f"`groups` must list 1 to {MAX_EXPLORE_GROUPS} group specs, got {len(groups)} instead"
        )
    seen = set()
    for spec in groups:
        if ":" in spec:
            raise ValueError(
                f"`groups` must name groups (their regular module), got the G-set {quoted(spec)} instead"
            )
        order = parse_group(spec).order  # a malformed spec: parse_group's own message
        if order > MAX_EXPLORE_ORDER:
            raise ValueError(
                f"`groups` must hold groups of order at most {MAX_EXPLORE_ORDER}, got {quoted(spec)} of order "
                f"{size_text(order)} instead"
            )
        if spec.upper() in seen:
            raise ValueError(f"`groups` must not repeat a group, got {quoted(spec)} twice instead")
        seen.add(spec.upper())
    return groups


def check_activations() -> tuple:
    """Resolve every offered activation (a registry change that breaks one fails here, early)."""
    return tuple(activation(name) for name in explorer_activations())
