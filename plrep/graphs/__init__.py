"""Interaction graphs: which simples an activation sends each simple to.

Closed-form rules for C_n (``method="exact"``), numeric sampling for every group
(``"numeric"``, ``"basis"``), and graphs condensed onto the divisors of n (``condensed_graph``).
"""

from plrep.graphs._graph import (
    THRESHOLD,
    Edge,
    InteractionGraph,
    OrderClass,
    condensed_graph,
    interaction_graph,
)
from plrep.graphs._rules import NoClosedForm, divisors, factorise

__all__ = [
    "THRESHOLD",
    "Edge",
    "InteractionGraph",
    "NoClosedForm",
    "OrderClass",
    "condensed_graph",
    "divisors",
    "factorise",
    "interaction_graph",
]
