"""chi^lambda(mu) of S_n removing each block of equal cycles at once, through r-quotients.

The Murnaghan–Nakayama rule removes one rim hook per cycle, so m cycles of length r visit every
shape between lambda and the result: from lambda = (10^10) with mu = (2^50) that is 63,504
shapes (seconds, even memoised). Removing all m hooks of length r at once needs no
intermediate shape (docs/math.md §5; G. James and A. Kerber, *The Representation Theory of
the Symmetric Group*, 2.7):

* On the abacus with r runners (beads = the beta-set B = {lambda_i + l - i}, runner = b mod r),
  removing an r-rim hook moves one bead one level down its runner; the beads of runner i are
  the r-quotient partition alpha_i, and the move removes a box from alpha_i.
* So the sequences of m removals from lambda to nu are interleavings of one path per runner
  in Young's lattice from alpha_i down to beta_i: m! / prod k_i! * prod f^{alpha_i / beta_i}
  of them (k_i = |alpha_i / beta_i|; f^{skew} counts standard skew tableaux).
* Every such sequence has the same sign delta(lambda) delta(nu), where delta(B) = (-1)^{inversions}
  between the order of the beads in B and their order once every bead has slid down its
  runner (a move past h beads changes that parity by h, the hook's height).

Then chi^lambda(mu) = sum over the shapes nu left after the blocks of coefficient * f^nu, the
fixed points by f^nu = |nu|! prod_{i<j} (b_i - b_j) / prod b_i!. Exact Python integers.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache

from plrep.groups._symmetric import hook_product

__all__ = ["FEW", "block_character"]

# Blocks of at most this many cycles go one rim hook at a time: the levels between are few,
# and single moves cost less than the quotient's enumeration (random S_100 values: 1.3x).
FEW = 3


def block_character(shape: tuple[int, ...], cycle_type: tuple[int, ...]) -> int:
    """chi^shape(cycle_type) (both partitions of the same n, unchecked), blocks of equal cycles at once.

    >>> block_character((2, 2), (2, 2)), block_character((10,) * 10, (2,) * 50) > 0
    (2, True)
    """
    beads = len(shape)
    states = {tuple(part + beads - 1 - i for i, part in enumerate(shape)): 1}
    blocks = Counter(part for part in cycle_type if part > 1)
    for length in sorted(blocks, reverse=True):
        following = defaultdict(int)
        for beta, coefficient in states.items():
            if blocks[length] <= FEW:  # a few cycles: one rim hook at a time, signs from heights
                for smaller, sign in _remove_hooks(beta, length, blocks[length]):
                    following[smaller] += coefficient * sign
                continue
            sign = _slide_sign(beta, length)
            for smaller, count in _remove_block(beta, length, blocks[length]):
                following[smaller] += coefficient * sign * _slide_sign(smaller, length) * count
        states = {beta: c for beta, c in following.items() if c}
        if not states:
            return 0
    return sum(coefficient * _dimension(beta) for beta, coefficient in states.items())


def _remove_hooks(beta: tuple[int, ...], r: int, m: int):
    """(beta-set, signed count) pairs after removing m rim hooks of length r one at a time."""
    states = {beta: 1}
    for _ in range(m):
        following = defaultdict(int)
        for current, coefficient in states.items():
            beads = set(current)
            for b in current:  # a bead b moves to a free b - r, past `height` beads
                if b >= r and b - r not in beads:
                    height = sum(1 for c in current if b - r < c < b)
                    moved = tuple(sorted((c if c != b else b - r for c in current), reverse=True))
                    following[moved] += -coefficient if height % 2 else coefficient
        states = following
    return states.items()


def _dimension(beta: tuple[int, ...]) -> int:
    """f^nu from a beta-set: |nu|! prod_{i<j} (b_i - b_j) / prod b_i!."""
    size = sum(beta) - len(beta) * (len(beta) - 1) // 2
    gaps = math.prod(b - c for i, b in enumerate(beta) for c in beta[i + 1 :])
    return math.factorial(size) * gaps // math.prod(map(math.factorial, beta))


def _slide_sign(beta: tuple[int, ...], r: int) -> int:
    """delta(B): the parity of the bead order against the order after sliding down the runners."""
    seen = Counter(b % r for b in beta)
    slid = []
    for b in beta:  # decreasing: the k-th bead from the top of runner i ends at level count - 1 - k
        runner = b % r
        seen[runner] -= 1
        slid.append(r * seen[runner] + runner)
    # the parity of the permutation taking the bead order to the slid order: length - cycles
    rank = {value: i for i, value in enumerate(sorted(slid, reverse=True))}
    target = [rank[value] for value in slid]
    visited, cycles = [False] * len(target), 0
    for start in range(len(target)):
        if not visited[start]:
            cycles += 1
            while not visited[start]:
                visited[start], start = True, target[start]
    return -1 if (len(target) - cycles) % 2 else 1


@lru_cache(maxsize=1 << 12)  # quotients recur across the states of one block (and across calls)
def _sub_partitions(alpha: tuple[int, ...], most: int) -> list[dict[tuple[int, ...], int]]:
    """[k] = {beta: f^{alpha / beta}} for the partitions beta inside alpha with |alpha / beta| = k <= most."""
    levels = [{alpha: 1}]
    for _ in range(min(most, sum(alpha))):
        below = defaultdict(int)
        for part, count in levels[-1].items():
            for i, row in enumerate(part):
                if row and (i + 1 == len(part) or part[i + 1] < row):  # a removable corner
                    smaller = (*part[:i], row - 1, *part[i + 1 :])
                    below[smaller] += count
        levels.append(dict(below))
    return levels


def _remove_block(beta: tuple[int, ...], r: int, m: int):
    """(beta-set of nu, number of ways) for every nu left by removing m r-rim hooks, unsigned."""
    runners = [sorted((b // r for b in beta if b % r == i), reverse=True) for i in range(r)]
    quotients = [tuple(level - (len(levels) - 1 - j) for j, level in enumerate(levels)) for levels in runners]
    capacity = [sum(q) for q in quotients]
    if sum(capacity) < m:
        return []
    if sum(capacity) == m:  # every bead slides to the bottom: nu is the r-core, f^{alpha_i} by hooks
        ways = math.factorial(m)
        for q, c in zip(quotients, capacity, strict=True):
            ways = ways // math.factorial(c) * (math.factorial(c) // hook_product(tuple(p for p in q if p)))
        core = sorted(
            (r * j + i for i, levels in enumerate(runners) for j in range(len(levels))), reverse=True
        )
        return [(tuple(core), ways)]
    left = [sum(capacity[i:]) for i in range(r)] + [0]
    options = [_sub_partitions(q, m) if c else [{q: 1}] for q, c in zip(quotients, capacity, strict=True)]
    partial = [(0, (), 1, 1)]  # (boxes removed, chosen sub-partitions, prod f, prod k!)
    for i in range(r):
        grown = []
        for removed, chosen, ways, factorials in partial:
            for k in range(min(m - removed, capacity[i]) + 1):
                if m - removed - k > left[i + 1]:
                    continue
                for sub, count in options[i][k].items():
                    grown.append((removed + k, (*chosen, sub), ways * count, factorials * math.factorial(k)))
        partial = grown
    total = math.factorial(m)
    out = []
    for _, chosen, ways, factorials in partial:
        positions = []
        for i, sub in enumerate(chosen):
            size = len(sub)
            positions += [r * (part + size - 1 - j) + i for j, part in enumerate(sub)]
        out.append((tuple(sorted(positions, reverse=True)), total // factorials * ways))
    return out
