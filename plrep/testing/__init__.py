"""Testing helpers for users' own layers and for plrep's suite.

``assert_equivariant(f, source, target)`` checks a map against a group action; hypothesis
strategies for groups, G-sets and functions on them live in ``plrep.testing.strategies``
(they need hypothesis, which ``import plrep.testing`` does not).
"""

from plrep.testing._equivariance import assert_equivariant

__all__ = ["assert_equivariant"]
