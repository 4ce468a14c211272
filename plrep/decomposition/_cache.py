"""One explicit, bounded cache for the decomposition backends.

Projector stacks (|simples| x |X| x |X| floats) and FFT layouts are worth keeping between
calls on the same G-set, but never without a bound: entries are evicted least recently used
first once their total size passes ``max_bytes``. ``plrep.decomposition.clear_cache()`` empties
it; ``plrep.decomposition.CACHE.max_bytes = 0`` turns caching off.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["CACHE", "BoundedCache", "clear_cache"]


class BoundedCache:
    """A least-recently-used cache bounded by the total size of its values in bytes.

    Example:
        >>> cache = BoundedCache(max_bytes=100)
        >>> cache.get("a", lambda: "value", size_of=lambda v: 60)
        'value'
        >>> _ = cache.get("b", lambda: "other", size_of=lambda v: 60)  # evicts "a"
        >>> list(cache.keys())
        ['b']
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0

    def keys(self):
        return self._entries.keys()

    @property
    def nbytes(self) -> int:
        """Bytes held now."""
        return self._bytes

    def get(self, key: Hashable, build: Callable[[], Any], *, size_of: Callable[[Any], int]) -> Any:
        """The cached value for ``key``, or ``build()`` (kept if it fits)."""
        if key in self._entries:
            self._entries.move_to_end(key)
            return self._entries[key][0]
        value = build()
        size = int(size_of(value))
        if size <= self.max_bytes:
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped
        return value

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0


CACHE = BoundedCache(max_bytes=256 * 2**20)


def clear_cache() -> None:
    """Forget every cached projector stack and FFT layout.

    Example:
        >>> from plrep.decomposition import CACHE, decompose
        >>> _ = decompose("S4:natural", [1.0, 2.0, 3.0, 4.0]).energies()
        >>> clear_cache()
        >>> CACHE.nbytes
        0
    """
    CACHE.clear()
