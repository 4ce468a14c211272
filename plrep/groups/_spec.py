"""The group spec grammar, and the one coercion from "something naming a group" to a group.

Grammar (case-insensitive, ASCII only): factors joined by ``x``, each a family letter and a
size: ``C8`` (cyclic), ``D5`` (dihedral of order 10), ``S4``, ``A5``, ``Q8``; e.g. ``C4xC6``,
``S3xC2``. Products of cyclic factors only give a ``CyclicProduct`` (the FFT path); any
other factor gives a ``PermutationGroup``. G-set suffixes (``S6:natural^2``) are parsed one
layer up, by ``plrep.gsets.parse_space``.
"""

from __future__ import annotations

import math
import re

from plrep._validate import describe, size_text
from plrep.groups._characters import CharacterTable
from plrep.groups._cyclic import MAX_FACTORS, MAX_GROUP_ORDER, CyclicProduct
from plrep.groups._families import (
    MAX_DEGREE,
    MAX_DIHEDRAL_DEGREE,
    alternating,
    as_permutation_group,
    cached_product,
    cyclic_perm,
    dihedral,
    quaternion,
    symmetric,
)
from plrep.groups._protocol import Group

__all__ = ["MAX_SPEC_DEGREE", "as_group", "character_table", "parse_group"]

_FACTOR = re.compile(r"([a-z]+)([0-9]{1,30})", re.ASCII)  # 30 digits: far past every cap
_FAMILIES = {"c": cyclic_perm, "d": dihedral, "s": symmetric, "a": alternating}
_KNOWN = ("c", "d", "s", "a", "q")
# Permutation factors act on at most this many points (plrep.groups._families.MAX_DEGREE).
MAX_SPEC_DEGREE = MAX_DEGREE


def quoted(spec: str, limit: int = 60) -> str:
    """``repr`` of a spec for a message, cut to ``limit`` characters (a spec can be megabytes)."""
    return repr(spec) if len(spec) <= limit else f"{spec[:limit]!r}... ({len(spec)} characters)"


def _parse_factors(spec: str) -> list[tuple[str, int]]:
    parts = spec.strip().lower().split("x")
    if len(parts) > MAX_FACTORS:  # before parsing any: "C2" * 100000 has a 30103-digit order
        raise ValueError(
            f"`group` must have at most {MAX_FACTORS} factors, got {quoted(spec)} with {len(parts)} instead"
        )
    factors = []
    for part in parts:
        match = _FACTOR.fullmatch(part)
        if match is None or match.group(1) not in _KNOWN:
            raise ValueError(f"`group` must be a spec such as 'C8' or 'C4xC6', got {quoted(spec)} instead")
        family, size = match.group(1), int(match.group(2))
        if size < 1:
            raise ValueError(
                f"`group` must have factors with n >= 1 (C8, D5, S4, A5, Q8), got {quoted(spec)} instead"
            )
        factors.append((family, size))
    return factors


def _permutation_group(factors: list[tuple[str, int]], spec: str):
    groups = []
    for family, size in factors:
        if family == "q":
            if size != 8:
                raise ValueError(f"`group` must use Q8 for the quaternion group, got {quoted(spec)} instead")
            groups.append(quaternion())
            continue
        cap = MAX_DIHEDRAL_DEGREE if family == "d" and len(factors) == 1 else MAX_SPEC_DEGREE
        if size > cap:
            raise ValueError(f"`group` factors must act on at most {cap} points, got {quoted(spec)} instead")
        groups.append(_FAMILIES[family](size))
    return groups[0] if len(groups) == 1 else cached_product(tuple(groups))


def parse_group(spec: str) -> Group:
    """Parse a group spec such as ``"C8"``, ``"c4xC6"``, ``"D6"``, ``"S5"``, ``"Q8"``, ``"S3xC2"``.

    Raises:
        TypeError: ``spec`` is not a string.
        ValueError: a malformed spec, a zero or oversized order, or Q_n with n != 8.

    Example:
        >>> parse_group("C4xC6").order, parse_group("S4").order
        (24, 24)
    """
    if not isinstance(spec, str):
        raise TypeError(f"`group` must be a group spec string such as 'C8', got {describe(spec)} instead")
    factors = _parse_factors(spec)
    if any(family != "c" for family, _ in factors):
        return _permutation_group(factors, spec)
    sizes = [size for _, size in factors]
    if math.prod(sizes) > MAX_GROUP_ORDER:
        raise ValueError(
            f"`group` order must be at most {MAX_GROUP_ORDER}, got {quoted(spec)} of order "
            f"{size_text(math.prod(sizes))} instead"
        )
    return CyclicProduct(tuple(sizes))


def as_group(value, name: str = "group") -> Group:
    """A group from a spec string, a group, or anything with a ``.group`` (a G-set).

    Example:
        >>> as_group("C8") == parse_group("C8")
        True
    """
    if isinstance(value, str):
        return parse_group(value)
    if isinstance(value, Group):
        return value
    inner = getattr(value, "group", None)
    if isinstance(inner, Group):
        return inner
    raise TypeError(
        f"`{name}` must be a group spec such as 'S4', a group or a G-set, got {describe(value)} instead"
    )


def character_table(group) -> CharacterTable:
    """The complex character table of a group (a spec, a group or a G-set's group).

    Cyclic products are taken as permutation groups of rotations, so their table lists
    every element as a class.

    Example:
        >>> character_table("S3").degrees.tolist()
        [1, 1, 2]
    """
    return as_permutation_group(as_group(group)).character_table
