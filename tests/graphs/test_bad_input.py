"""Bad input to the public entry points of plrep.graphs: a clear error that names the argument.

Each row of ``BAD_INPUT`` is (call, exception type, a substring of the message). Add a row for
every bad input found, whatever found it.
"""

from __future__ import annotations

import pytest

import plrep

GRAPH = plrep.interaction_graph("C8", "relu")

BAD_INPUT = {
    "condensed_graph huge n": (
        lambda: plrep.condensed_graph(10**30, "relu"),
        ValueError,
        "`n` must be an integer <=",
    ),
    "graph vertex True": (
        lambda: plrep.interaction_graph("C8", "relu").successors(True),
        ValueError,
        "`vertex` must be a vertex id",
    ),
    "exact graph of a dihedral group": (
        lambda: plrep.interaction_graph("D6", "relu", method="exact"),
        ValueError,
        "`method` must be 'numeric' for D6",
    ),
    "reachable after 10^9 layers": (lambda: GRAPH.reachable(1, 10**9), ValueError, "`layers` must be"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUT))
def test_bad_input_names_the_argument(name, refuses):
    refuses(*BAD_INPUT[name])
