"""Bad input to the public entry points of plrep.weightspace: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import numpy as np
import pytest

from plrep.weightspace import (
    block_dimension,
    dws_blocks,
    function_change,
    input_permutation_changes_function,
    invariant_dimension,
    is_function_invariant,
    mlp_forward,
    weight_space,
)

WIDTHS = (2, 3, 1)
SPACE = weight_space(WIDTHS)
MLP = SPACE.unflatten(np.arange(SPACE.size) / 10)
X = np.ones((4, 2))
NAN = float("nan")

BAD_INPUT = {
    "mlp_forward NaN x": (lambda: mlp_forward(MLP, [[NAN, 1.0]]), ValueError, "`x` must contain only finite"),
    "mlp_forward string x": (lambda: mlp_forward(MLP, "ab"), TypeError, "`x` must be a numeric array"),
    "mlp_forward wrong x": (
        lambda: mlp_forward(MLP, np.ones(3)),
        ValueError,
        "`x` must have last axis of length 2",
    ),
    "mlp_forward string entries": (
        lambda: mlp_forward([(np.zeros((3, 2)), ["a", "b", "c"]), MLP[1]], X),
        TypeError,
        "`params[0]` must hold real arrays",
    ),
    "function_change NaN x": (
        lambda: function_change(MLP, MLP, [[1.0, NAN]]),
        ValueError,
        "`x` must contain only finite",
    ),
    "function_change other string": (
        lambda: function_change(MLP, "q", X),
        TypeError,
        "`other` must be a list",
    ),
    "function_change other outputs": (
        lambda: function_change(MLP, weight_space((2, 3, 2)).unflatten(np.zeros(17)), X),
        ValueError,
        "`other` must give outputs of shape (4, 1)",
    ),
    "is_function_invariant rtol nan": (
        lambda: is_function_invariant(MLP, [[1, 0, 2]], X, rtol=NAN),
        ValueError,
        "`rtol` must be a finite real number, got nan",
    ),
    "is_function_invariant rtol negative": (
        lambda: is_function_invariant(MLP, [[1, 0, 2]], X, rtol=-1),
        ValueError,
        "`rtol` must be a non-negative real number, got -1.0",
    ),
    "input_permutation rtol nan": (
        lambda: input_permutation_changes_function(MLP, [1, 0], X, rtol=NAN),
        ValueError,
        "`rtol` must be a finite real number",
    ),
    "input_permutation rtol string": (
        lambda: input_permutation_changes_function(MLP, [1, 0], X, rtol="a"),
        TypeError,
        "`rtol` must be a real number",
    ),
    "unflatten NaN": (
        lambda: SPACE.unflatten(np.full(13, NAN)),
        ValueError,
        "`vector` must contain only finite",
    ),
    "unflatten wrong length": (
        lambda: SPACE.unflatten(np.zeros(12)),
        ValueError,
        "`vector` must have last axis of length 13",
    ),
    "unflatten string": (lambda: SPACE.unflatten("abc"), TypeError, "`vector` must be a numeric array"),
    "dws_blocks int64 overflow": (
        lambda: dws_blocks((100000000, 100000000)),
        ValueError,
        "`widths` must keep dim End_G(V) <= 2^63 - 1 (int64), got 100000002000000010000000000000000",
    ),
    "dws_blocks just over int64": (
        lambda: dws_blocks((3037000499, 1)),
        ValueError,
        "`widths` must keep dim End_G(V) <= 2^63 - 1",
    ),
    "block_dimension nullspace huge": (
        lambda: block_dimension((10**8, 10**8), "W1", "W1", method="nullspace"),
        ValueError,
        "nullspace method handles blocks of at most 4096 entries",
    ),
    "invariant_dimension nullspace large object": (
        lambda: invariant_dimension((100, 100, 1), "W1", method="nullspace"),
        ValueError,
        "nullspace method handles blocks of at most 4096 entries, got 1 x 10000 for W1",
    ),
    "invariant_dimension nullspace huge space": (
        lambda: invariant_dimension((2, 3, 10**6, 1), "W1", method="nullspace"),
        ValueError,
        "`widths` must give a weight space of at most 1000000 entries",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])


def test_largest_tables_that_fit_are_exact():
    table = dws_blocks((10**4, 10**4))
    assert table.total == 10**16 + 2 * 10**12 + 10**8  # W1<-W1 d0^2 d1^2, W1<->b1 d0 d1^2, b1<-b1 d1^2
    assert table.total_invariant == 10**8 + 10**4
