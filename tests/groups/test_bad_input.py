"""Bad input to the public entry points of plrep.groups: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plrep
from plrep.groups import PermutationGroup, character_table, perm_from_cycles

C8 = plrep.cyclic(8)
S3 = plrep.symmetric(3)

BAD_INPUT = {
    "character of simple 99": (lambda: C8.character(99, np.zeros((1, 1))), ValueError, "`simple_id` must be"),
    "contains out of range": (lambda: S3.contains([3, 1, 0]), ValueError, "`perms` must be integer arrays"),
    "index_of float": (lambda: S3.index_of([[1.5, 0, 2]]), ValueError, "`perms` must be integer arrays"),
    "contains nan": (lambda: S3.contains([np.nan, 1, 2]), ValueError, "`perms` must be integer arrays"),
    "perm_from_cycles overlapping": (
        lambda: perm_from_cycles(3, [(0, 1), (1, 2)]),
        ValueError,
        "`cycles` must be disjoint cycles",
    ),
    "perm_from_cycles repeated point": (
        lambda: perm_from_cycles(3, [(0, 0)]),
        ValueError,
        "`cycles` must be disjoint",
    ),
    "character_table of a spec": (
        lambda: character_table(3),
        TypeError,
        "`group` must be a group spec such as 'S4', a group or a G-set, got 3 instead",
    ),
    "multiplicities nan": (
        lambda: character_table(S3).multiplicities([np.nan, 0, 0]),
        ValueError,
        "`permutation_character` must contain only finite values",
    ),
    "S0": (lambda: plrep.parse_group("S0"), ValueError, "`group` must have factors with n >= 1"),
    "group name not a string": (
        lambda: PermutationGroup([[1, 0]], name=5),
        TypeError,
        "`name` must be a string",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])


@pytest.mark.parametrize("spec", ["C٣", "C3\nxC4", "C3 x C4", "C１", "S" + "9" * 5000, "", "x", "C4x", "Q4"])
def test_group_specs_are_ascii_and_whole(spec):
    with pytest.raises(ValueError, match="`group` must"):
        plrep.parse_group(spec)


@given(st.text(max_size=12))
def test_fuzzed_specs_parse_or_name_the_argument(spec):
    """Any text either parses to a group whose name round-trips, or is refused naming `group`."""
    from plrep.gsets import parse_space

    for parse in (plrep.parse_group, parse_space):
        try:
            parsed = parse(spec)
        except ValueError as error:
            assert "`group`" in str(error) or "`space`" in str(error) or "`gset`" in str(error), str(error)
            continue
        assert spec.strip().isascii() and parsed is not None
