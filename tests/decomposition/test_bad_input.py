"""Bad input to the public entry points of plrep.decomposition: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import pytest

import plrep
from plrep.decomposition import dense_projector

BAD_INPUT = {
    "dense_projector too large": (
        lambda: plrep.dense_projector(plrep.cyclic(10**6), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
    "dense_projector too large (S_n)": (
        lambda: dense_projector(plrep.symmetric(8), 1),
        ValueError,
        "`space` must have at most 4096 points",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name):
    call, error, message = BAD_INPUT[name]
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)
