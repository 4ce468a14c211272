"""Bad input to the public entry points of plrep.equivariant: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep.equivariant import hom_dimension_from_characters, nullspace_basis, orbit_labels

C8 = plrep.cyclic(8)
R8 = plrep.regular(C8)
S3 = plrep.symmetric(3)
X3 = plrep.natural_gset(S3)

BAD_INPUT = {
    "nullspace_basis too large": (
        lambda: nullspace_basis(
            plrep.natural_gset(plrep.symmetric(40)),
            plrep.symmetric_power(plrep.natural_gset(plrep.symmetric(40)), 2),
        ),
        ValueError,
        "`source` and `target` must have |Y| |X| <= 4096",
    ),
    "nullspace_basis different groups": (
        lambda: nullspace_basis(X3, R8),
        ValueError,
        "`target` must be a G-set of S3",
    ),
    "nullspace_basis tol nan": (
        lambda: nullspace_basis(X3, X3, tol=float("nan")),
        ValueError,
        "`tol` must be",
    ),
    "nullspace_basis tol negative": (
        lambda: nullspace_basis(X3, X3, tol=-1.0),
        ValueError,
        "`tol` must be a positive real number",
    ),
    "orbit_labels of nothing": (lambda: orbit_labels(), ValueError, "`spaces` must name at least one G-set"),
    "weight_matrix nan": (
        lambda: plrep.orbit_basis(X3, X3).weight_matrix([np.nan, 2.0]),
        ValueError,
        "`coefficients` must contain only finite values",
    ),
    "hom_dimension_from_characters of a string": (
        lambda: hom_dimension_from_characters(X3, "a"),
        TypeError,
        "`target` must be a GSet",
    ),
    "hom_dimension_from_characters different groups": (
        lambda: hom_dimension_from_characters(X3, plrep.natural_gset(plrep.symmetric(4))),
        ValueError,
        "`target` must be a G-set of S3",
    ),
    "check_action of a spec": (
        lambda: plrep.check_action("S3", lambda e: e, 3),
        TypeError,
        "`group` must be",
    ),
    "check_action not callable": (
        lambda: plrep.check_action(S3, 5, 3),
        TypeError,
        "`action` must be a callable",
    ),
    "check_sharing seed negative": (
        lambda: plrep.check_sharing(np.arange(9).reshape(3, 3), S3, seed=-1),
        ValueError,
        "`seed` must be an integer >= 0",
    ),
    "check_sharing string space": (
        lambda: plrep.check_sharing(np.eye(3, dtype=int), [X3, "a"]),
        TypeError,
        "`spaces` must be G-sets",
    ),
    "oversized tensor powers": (
        lambda: plrep.hom_basis("S64", 5, 0).apply([0.0] * 52, [0.0]),  # a vector on X^5: 64^5 entries
        ValueError,
        "`k` and `l` must keep |X|^k and |X|^l at most 16777216 points",
    ),
    "labels of oversized tensor powers": (
        lambda: plrep.hom_basis("S30", 3, 3).labels,
        ValueError,
        "`k` and `l` must keep |source| x |X^l| at most",
    ),
    "apply with batched coefficients": (
        lambda: plrep.hom_basis("S3", 1, 1).apply(np.ones((2, 2)), np.ones(3)),
        ValueError,
        "`coefficients` must have shape (2,)",
    ),
    "apply to the wrong axis": (
        lambda: plrep.hom_basis("S3", 2, 1).apply(np.ones(5), np.ones(3)),
        ValueError,
        "`inputs` must have last axis of length 9",
    ),
    "apply to NaN": (
        lambda: plrep.hom_basis("S3", 1, 1).apply([1.0, 0.0], [1.0, np.nan, 0.0]),
        ValueError,
        "`inputs` must contain only finite values",
    ),
    "apply with a string transpose": (
        lambda: plrep.hom_basis("S3", 1, 1).apply([1.0, 0.0], np.ones(3), transpose="yes"),
        TypeError,
        "`transpose` must be a bool",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])
