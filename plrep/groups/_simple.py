"""The metadata of one real simple representation (arrays live with the group)."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["LazySimples", "SimpleRep"]


@dataclass(frozen=True)
class SimpleRep:
    """A real simple representation: metadata only.

    Attributes:
        id: index of the simple in its group's list (for C_n, id = k of L_k).
        name: ``"L3"`` for C_n, ``"L(1,2)"`` for products, ATLAS-style ``"2a"`` otherwise.
        dim: real dimension.
        order: order of the image of the group in GL(L) (for C_n, ord(k) = n / gcd(n, k)).
        frequency: the canonical frequency tuple (abelian groups); empty otherwise.
        type: ``"real"``, ``"complex"`` or ``"quaternionic"`` (Frobenius–Schur type; recorded for
            permutation groups), ``None`` where not recorded.
        partition: for S_n, the partition lambda of the Specht module S^lambda (for A_n, of the
            S_n character it restricts from); empty otherwise.

    Example:
        >>> SimpleRep(id=1, name="L1", dim=2, order=8, frequency=(1,)).to_dict()
        {'id': 1, 'name': 'L1', 'dim': 2, 'order': 8, 'frequency': [1]}
    """

    id: int
    name: str
    dim: int
    order: int
    frequency: tuple[int, ...] = ()
    type: str | None = None
    partition: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        """The JSON shape of the CLI: id, name, dim, order (+ frequency, type where known)."""
        out = {"id": self.id, "name": self.name, "dim": self.dim, "order": self.order}
        if self.frequency:
            out["frequency"] = list(self.frequency)
        if self.type is not None:
            out["type"] = self.type
        if self.partition:
            out["partition"] = list(self.partition)
        return out


class LazySimples(Sequence):
    """The simples of a large group as a read-only sequence: each ``SimpleRep`` made when asked for.

    ``make(i)`` builds the simple of id i; ids are the positions. C_1048576 has 524,289 simples
    and D_1000000 500,003: listing them as objects takes seconds and hundreds of MB, indexing
    one takes microseconds. Compares equal to a tuple of the same simples.
    """

    def __init__(self, count: int, make: Callable[[int], SimpleRep], label: str) -> None:
        self._count, self._make, self._label = count, make, label

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._count)))
        index = operator.index(index)
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(f"simple id {index} out of range for {self._label} ({self._count} simples)")
        return self._make(index)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Sequence) or len(other) != self._count:
            return NotImplemented if not isinstance(other, Sequence) else False
        return tuple(self) == tuple(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"<{self._count} simples of {self._label}: {self[0]!r}, ...>"
