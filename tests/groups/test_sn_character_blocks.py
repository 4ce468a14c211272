"""Issue 26: single S_n characters by blocks of equal cycles equal an independent rim-hook rule.

The reference (``_independent_mn``) removes one rim hook per cycle from Young diagrams (hook
cells, no beta-sets, no quotients): it shares no code with ``plrep.groups._mn_blocks``. The
worst cases of the former recursion (near-square lambda, many 2- or 3-cycles) are included.
"""

import math
import random
import sys
from pathlib import Path

import pytest

import plrep
from plrep.groups._mn_blocks import _slide_sign, block_character
from plrep.groups._symmetric import partitions

sys.path.insert(0, str(Path(__file__).parent))
from _independent_mn import character as reference


@pytest.mark.parametrize("n", range(1, 11))
def test_every_entry_of_small_tables(n):
    shapes = partitions(n)
    for lam in shapes:
        for mu in shapes:
            assert block_character(lam, mu) == reference(lam, mu), (lam, mu)


WORST = [
    ((6,) * 6, (2,) * 18),
    ((6,) * 6, (2,) * 12 + (1,) * 12),
    ((6,) * 6, (3,) * 12),
    ((6,) * 6, (3,) * 4 + (2,) * 12),
    ((7,) * 6 + (6,), (2,) * 24),
    ((7,) * 7, (4,) * 3 + (2,) * 18 + (1,)),
    ((8, 8, 7, 7, 6, 6, 5, 5), (2,) * 26),
    ((9, 8, 7, 6, 5, 4, 3, 2, 1), (3,) * 15),  # a staircase: its 2-core is itself
    ((9, 8, 7, 6, 5, 4, 3, 2, 1), (2,) * 20 + (1,) * 5),
    ((8,) * 6, (5, 5) + (3,) * 6 + (2,) * 9 + (1,) * 2),
    ((10,) * 5, (2,) * 25),
]


@pytest.mark.parametrize(("lam", "mu"), WORST)
def test_worst_cases_of_the_former_recursion(lam, mu):
    assert sum(lam) == sum(mu)
    assert plrep.character(f"S{sum(lam)}", lam, mu) == reference(lam, mu)


def test_s100_near_square_with_fifty_2_cycles():
    # 63,504 intermediate shapes for the rim-hook rule (about 2 s here); one block for ours
    lam = (10,) * 10
    assert plrep.character("S100", lam, (2,) * 50) == reference(lam, (2,) * 50) != 0
    # and against the closed form of one block (James-Kerber 2.7.32): delta * 50! / (25!)^2 * (f^(5^5))^2
    # with f^(5^5) = 25! / prod of the hooks (i + j + 1 for i, j < 5) and delta = +-1
    hooks = math.prod(i + j + 1 for i in range(5) for j in range(5))
    closed = math.comb(50, 25) * (math.factorial(25) // hooks) ** 2
    assert abs(plrep.character("S100", lam, (2,) * 50)) == closed


def test_random_entries_of_s30_to_s40():
    rng = random.Random(26)
    for n in range(30, 41, 2):
        shapes = partitions(n)
        for _ in range(15):
            lam = rng.choice(shapes)
            mu = rng.choice([m for m in shapes if m[0] <= rng.choice([3, 5, n])])
            assert block_character(lam, mu) == reference(lam, mu), (lam, mu)


def test_slide_sign_is_the_parity_of_the_hook_heights():
    # (1, 1) = a vertical domino (height 1); (2) a horizontal one; (2, 1) with r = 3 a hook of height 1
    assert _slide_sign((2, 1), 2) == -1 and _slide_sign((2,), 2) == 1 and _slide_sign((3, 1), 3) == -1
