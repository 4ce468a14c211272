"""Permutation groups: orders, elements, classes, orbits, stabilisers, specs (docs/math.md §5)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plrep.groups import (
    CyclicProduct,
    PermutationGroup,
    alternating,
    cyclic_perm,
    dihedral,
    direct_product,
    parse_group,
    perm_from_cycles,
    quaternion,
    symmetric,
)


@given(st.integers(1, 7))
def test_named_orders(n):
    assert symmetric(n).order == math.factorial(n)
    assert alternating(n).order == max(1, math.factorial(n) // 2)
    assert dihedral(n).order == 2 * n
    assert cyclic_perm(n).order == n


def test_large_orders_without_listing():
    assert symmetric(32).order == math.factorial(32)
    assert alternating(12).order == math.factorial(12) // 2
    assert direct_product(symmetric(6), dihedral(7)).order == 720 * 14


@pytest.mark.parametrize(
    "group", [symmetric(4), alternating(5), dihedral(6), quaternion(), parse_group("S3xC2")]
)
def test_elements_form_the_group(group):
    elements = group.elements
    assert np.array_equal(elements[0], np.arange(group.degree))
    assert len({row.tobytes() for row in elements}) == group.order
    assert np.array_equal(group.index_of(elements), np.arange(group.order))
    rng = np.random.default_rng(0)
    a, b = elements[rng.integers(0, group.order, 50)], elements[rng.integers(0, group.order, 50)]
    products = np.take_along_axis(a, b, axis=1)  # closure under composition
    assert np.all(group.contains(products))
    assert np.all(group.contains(np.argsort(a, axis=1)))  # and inverses


def test_membership():
    assert symmetric(4).contains(perm_from_cycles(4, [(0, 1)]))
    assert not alternating(4).contains(perm_from_cycles(4, [(0, 1)]))
    with pytest.raises(ValueError, match=r"^`perms` must be elements of A4, got \[1, 0, 2, 3\] instead$"):
        alternating(4).index_of(perm_from_cycles(4, [(0, 1)]))


@pytest.mark.parametrize("group", [symmetric(5), alternating(5), dihedral(7), dihedral(8), quaternion()])
def test_conjugacy_classes(group):
    labels, elements = group.class_labels, group.elements
    assert group.class_sizes.sum() == group.order
    assert np.all(group.order % group.class_sizes == 0)
    rng = np.random.default_rng(1)
    for g in elements[rng.integers(0, group.order, 10)]:
        conjugated = g[elements[:, np.argsort(g)]]  # g x g^-1 for every x
        assert np.array_equal(labels[group.index_of(conjugated)], labels)
    assert labels[0] == 0 and group.class_sizes[0] == 1


def test_dihedral_class_numbers():
    for n in range(3, 13):
        assert dihedral(n).num_classes == ((n + 3) // 2 if n % 2 else (n + 6) // 2)


def test_power_map():
    group = symmetric(4)
    squares = group.power_map(2)
    orders = group.class_element_orders
    assert np.all(orders[squares] == orders // np.gcd(orders, 2))


def test_orbits_and_stabilisers():
    group = direct_product(symmetric(3), cyclic_perm(4))
    assert [o.tolist() for o in group.orbits()] == [[0, 1, 2], [3, 4, 5, 6]]
    for point in range(group.degree):
        orbit = next(o for o in group.orbits() if point in o)
        stabiliser = group.stabiliser(point)
        assert stabiliser.order * orbit.size == group.order  # orbit-stabiliser
        assert np.all(stabiliser.generators[:, point] == point)
    assert symmetric(32).stabiliser(0).order == math.factorial(31)


def test_quaternion_relations():
    i, j = quaternion().generators
    minus_one = i[i]
    assert np.array_equal(j[j], minus_one) and np.array_equal(i[j][i[j]], minus_one)  # i^2 = j^2 = k^2
    assert np.array_equal(minus_one[minus_one], np.arange(8))


@pytest.mark.parametrize(
    ("spec", "name", "order"),
    [
        ("D6", "D6", 12),
        ("s5", "S5", 120),
        ("A5", "A5", 60),
        ("Q8", "Q8", 8),
        ("S3xC2", "S3xC2", 12),
        ("d1", "D1", 2),
    ],
)
def test_parse_group_specs(spec, name, order):
    group = parse_group(spec)
    assert isinstance(group, PermutationGroup)
    assert (group.name, group.order) == (name, order)


def test_cyclic_specs_keep_the_fft_path():
    assert parse_group("C4xC6") == CyclicProduct((4, 6))


@pytest.mark.parametrize(
    ("generators", "message"),
    [
        ([[0, 1, 2], [1, 0]], "`generators` must all have the same length, got lengths [2, 3] instead"),
        ([[0, 0, 1]], "`generators` row 0 must be a permutation of 0..2, got [0, 0, 1] instead"),
        ([[1, 2, 3]], "`generators` row 0 must be a permutation of 0..2, got [1, 2, 3] instead"),
        (
            [[0.0, 1.0]],
            "`generators` must be a non-empty integer array of shape (r, n), one permutation of 0..n-1 per "
            "row, got an array of shape (1, 2) and dtype float64 instead",
        ),
    ],
)
def test_bad_generators(generators, message):
    with pytest.raises(ValueError) as error:
        PermutationGroup(generators)
    assert str(error.value) == message


def test_bad_specs():
    with pytest.raises(
        ValueError, match=r"^`group` must use Q8 for the quaternion group, got 'Q16' instead$"
    ):
        parse_group("Q16")
    with pytest.raises(
        ValueError, match=r"^`group` must have factors with n >= 1 \(C8, D5, S4, A5, Q8\), got 'S0' instead$"
    ):
        parse_group("S0")


def test_too_many_elements():
    with pytest.raises(ValueError, match=r"^`group` S10 has 3628800 elements, more than the 200000"):
        _ = symmetric(10).elements
