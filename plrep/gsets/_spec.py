"""``GROUP[:GSET]`` specs and the one coercion every entry point uses to get a G-set.

GSET is ``regular`` (the default), ``natural``, ``natural^K`` (K-tuples of points, row-major)
or ``subsets^K`` (K-element subsets, lexicographic), e.g. ``S6:natural^2``, ``C12:regular``.
"""

from __future__ import annotations

import re

from plrep._validate import describe
from plrep.groups import Group, parse_group
from plrep.groups._spec import quoted
from plrep.gsets._constructors import natural_gset, regular, subsets, tensor_power
from plrep.gsets._gset import GSet

__all__ = ["as_gset", "parse_space"]

# K of at most 30 digits: far past every cap, and int() of a 5000-digit K would hit Python's
# int-to-text limit with a message about sys.set_int_max_str_digits instead of about K.
_GSET = re.compile(r"(regular|natural|subsets)(?:\^([0-9]{1,30}))?", re.ASCII)


def parse_space(spec: str) -> GSet:
    """The G-set named by ``GROUP[:GSET]``.

    Raises:
        TypeError: ``spec`` is not a string.
        ValueError: a malformed spec, naming the part that is wrong.

    Example:
        >>> parse_space("S4:natural^2").size, parse_space("S5:subsets^2").size
        (16, 10)
    """
    if not isinstance(spec, str):
        raise TypeError(f"`space` must be a spec such as 'S4:natural', got {describe(spec)} instead")
    group_text, _, gset_text = spec.partition(":")
    group = parse_group(group_text)
    if not _:
        return regular(group)
    match = _GSET.fullmatch(gset_text.strip().lower())
    if match is None or (match.group(1) == "regular" and match.group(2) is not None):
        raise ValueError(
            "`space` must end in :regular, :natural, :natural^K or :subsets^K (K a whole number of at most 30 digits), "
            f"got {quoted(spec)} instead"
        )
    kind, power = match.group(1), match.group(2)
    if kind == "regular":
        return regular(group)
    base = natural_gset(group)
    if power is None and kind == "natural":
        return base
    k = 1 if power is None else int(power)
    return tensor_power(base, k) if kind == "natural" else subsets(base, k)


def as_gset(space, name: str = "space") -> GSet:
    """A G-set from a spec string (``"S4:natural"``), a group (its regular module) or a G-set.

    Example:
        >>> from plrep.groups import cyclic
        >>> as_gset(cyclic(5)) == as_gset("C5")
        True
    """
    if isinstance(space, GSet):
        return space
    if isinstance(space, str):
        return parse_space(space)
    if isinstance(space, Group):
        return regular(space)
    raise TypeError(
        f"`{name}` must be a G-set, a group or a spec such as 'S4:natural', got {describe(space)} instead"
    )
