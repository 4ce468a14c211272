"""Cyclic products and their real simple representations (docs/math.md §2)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep import CyclicProduct, cyclic, direct_product, parse_group


@given(st.integers(1, 200))
def test_cyclic_simples_follow_math_md(n):
    group = cyclic(n)
    assert group.num_simples == n // 2 + 1
    for simple in group.simples:
        k = simple.id
        assert simple.frequency == (k,)
        assert simple.name == f"L{k}"
        assert simple.dim == (1 if k == 0 or 2 * k == n else 2)
        assert simple.order == n // math.gcd(n, k)
    # The real dimensions add up to |G|: each simple occurs once in the regular module.
    assert group.simple_dims.sum() == n


@given(st.integers(1, 12), st.integers(1, 12))
def test_product_simples_are_frequency_pairs_up_to_sign(n, m):
    group = direct_product(cyclic(n), cyclic(m))
    assert group.simple_dims.sum() == n * m
    seen = set()
    for simple in group.simples:
        k, j = simple.frequency
        pair = {(k, j), ((-k) % n, (-j) % m)}
        assert not (pair & seen)
        seen |= pair
        assert simple.dim == len(pair)
        assert simple.order == math.lcm(n // math.gcd(n, k), m // math.gcd(m, j))
    assert len(seen) == n * m


def test_simple_ids_accept_either_sign():
    group = parse_group("C4xC6")
    frequencies = group.simple_frequencies
    assert np.array_equal(group.simple_ids(frequencies), np.arange(group.num_simples))
    assert np.array_equal(group.simple_ids(-frequencies), np.arange(group.num_simples))


@pytest.mark.parametrize(
    ("spec", "factors"), [("C8", (8,)), ("c8", (8,)), ("C4xC6", (4, 6)), (" c2XC3xC1 ", (2, 3, 1))]
)
def test_parse_group(spec, factors):
    assert parse_group(spec) == CyclicProduct(factors)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("C0", "`group` must have factors with n >= 1 (C8, D5, S4, A5, Q8), got 'C0' instead"),
        ("Z8", "`group` must be a spec such as 'C8' or 'C4xC6', got 'Z8' instead"),
        ("C-3", "`group` must be a spec such as 'C8' or 'C4xC6', got 'C-3' instead"),
        ("C2.5", "`group` must be a spec such as 'C8' or 'C4xC6', got 'C2.5' instead"),
        ("", "`group` must be a spec such as 'C8' or 'C4xC6', got '' instead"),
    ],
)
def test_parse_group_errors(spec, message):
    with pytest.raises(ValueError) as error:
        parse_group(spec)
    assert str(error.value) == message


def test_cyclic_rejects_bad_sizes():
    with pytest.raises(ValueError, match=r"^`n` must be an integer >= 1, got 0 instead$"):
        cyclic(0)
    with pytest.raises(TypeError, match=r"^`n` must be an integer, got 2.0 instead$"):
        cyclic(2.0)
    with pytest.raises(TypeError, match=r"^`n` must be an integer, got True instead$"):
        cyclic(True)


def test_huge_group_is_refused_before_allocating():
    with pytest.raises(ValueError, match="order must be at most"):
        parse_group("C99999999999")


def test_large_cyclic_group_is_linear_in_n():
    # C_{2^20}: half a million simples, built from arrays (O(n), not O(n^2)).
    group = cyclic(2**20)
    assert group.num_simples == 2**19 + 1
    assert group.simple_orders[3] == 2**20 and group.simple_orders[2**18] == 4
