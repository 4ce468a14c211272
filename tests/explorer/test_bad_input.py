"""Bad input to plrep.explorer: a clear error naming the argument, before any graph is computed.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import pytest

from plrep import explorer

BAD_INPUT = {
    "max_n too large": (
        lambda: explorer.explorer_data(max_n=10**6),
        ValueError,
        "`max_n` must be an integer <=",
    ),
    "max_n too small": (lambda: explorer.explorer_data(max_n=1), ValueError, "`max_n` must be an integer >="),
    "max_n float": (lambda: explorer.explorer_data(max_n=12.5), TypeError, "`max_n` must be an integer"),
    "groups a string": (lambda: explorer.explorer_groups("C12"), TypeError, "`groups` must be a list"),
    "groups empty": (lambda: explorer.explorer_groups([]), ValueError, "`groups` must list 1 to"),
    "groups too many": (
        lambda: explorer.explorer_groups([f"C{n}" for n in range(1, explorer.MAX_EXPLORE_GROUPS + 2)]),
        ValueError,
        "`groups` must list 1 to",
    ),
    "group too big": (lambda: explorer.explorer_groups(["S6"]), ValueError, "order at most"),
    "huge cyclic group": (lambda: explorer.explorer_groups(["C1000000000000"]), ValueError, "`group"),
    "malformed group": (lambda: explorer.explorer_groups(["X3"]), ValueError, "`group` must be a spec"),
    "a G-set": (lambda: explorer.explorer_groups(["S4:natural"]), ValueError, "must name groups"),
    "repeated group": (lambda: explorer.explorer_groups(["C4", "c4"]), ValueError, "must not repeat"),
    "non-string group": (lambda: explorer.explorer_groups([12]), TypeError, "`groups` must be a list"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])


@pytest.mark.parametrize(
    "call",
    [
        lambda: explorer.explorer_data(["S8"]),  # order 40320: refused from the closed-form order
        lambda: explorer.explorer_data(["C1000000000"]),
        lambda: explorer.explorer_data(max_n=10**9),
    ],
)
def test_oversized_pages_are_refused_before_any_work(call):
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ValueError):
            call()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20
