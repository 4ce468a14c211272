"""The one vocabulary every finite group in plrep speaks: the abstract base ``Group``.

Two families implement it, both frozen values with value equality: ``CyclicProduct``
(C_{n_1} x ... x C_{n_r}, whose permutation modules decompose by real FFTs) and
``PermutationGroup`` (any group given by permutations: S_n, A_n, D_n, Q_8, products). A G-set
is always given the same way, by one permutation of its points per group generator
(``generator images``), so everything above this layer (G-sets, decompositions, orbit bases,
graphs) is written once for both families.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from plrep.groups._simple import SimpleRep

__all__ = ["Group"]


class Group(ABC):
    """A finite group with its real simple representations (the abstract base of both families).

    A new family implements these members; ``isinstance(x, Group)`` never evaluates them.

    Elements are numbered 0..order-1 (``elements`` lists them in that order, identity first);
    element arrays are exponent tuples for cyclic products and permutations of the domain for
    permutation groups.

    Example:
        >>> from plrep.groups import cyclic, symmetric
        >>> isinstance(cyclic(8), Group), isinstance(symmetric(3), Group)
        (True, True)
        >>> [s.dim for s in symmetric(3).simples]  # trivial, sign, standard
        [1, 1, 2]
    """

    @property
    @abstractmethod
    def name(self) -> str:
        """A spec such as ``"C8"``, ``"S4"`` or ``"S3xC2"``."""

    @property
    @abstractmethod
    def order(self) -> int:
        """|G| (an exact Python int)."""

    @property
    @abstractmethod
    def num_generators(self) -> int:
        """How many generators a G-set must give images for."""

    @property
    @abstractmethod
    def simples(self) -> tuple[SimpleRep, ...]:
        """The real simple representations, in id order (id 0 is the trivial one)."""

    @property
    @abstractmethod
    def num_simples(self) -> int:
        """len(simples), without building the metadata objects."""

    @abstractmethod
    def index_of(self, elements) -> np.ndarray:
        """Element numbers of elements given as arrays (shape (m, ...)), shape (m,)."""

    @abstractmethod
    def regular_images(self) -> np.ndarray:
        """Generator images on X = G (element numbers; s sends g to s g), shape (r, |G|)."""

    @abstractmethod
    def right_multiplication(self, elements) -> np.ndarray:
        """For each given element h, the map g -> g h on element numbers, shape (m, |G|)."""

    @abstractmethod
    def element_images(self, images: np.ndarray, points=None) -> np.ndarray:
        """g . x for every element g and the given points x, shape (|G|, m).

        ``images`` are the generator images of a G-set (r, |X|); ``points`` defaults to all
        of X, which gives the permutation of X by every element.
        """

    @abstractmethod
    def action_violation(self, images: np.ndarray) -> str | None:
        """Why the generator images do not define an action, or None if they do."""
