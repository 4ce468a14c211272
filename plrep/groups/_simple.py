"""The metadata of one real simple representation (arrays live with the group)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SimpleRep"]


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
