"""G-sets given by generator permutations: validation and the action convention."""

import numpy as np
import pytest

from plrep import GSet, cyclic, direct_product, regular


def test_regular_action_is_shift_by_one():
    # docs/math.md §2: (a.f)(x) = f(x - 1).
    gset = regular(cyclic(5))
    f = np.arange(5.0)
    assert gset.act((1,), f).tolist() == [4.0, 0.0, 1.0, 2.0, 3.0]


def test_product_action_on_images_shifts_rows_and_columns():
    gset = regular(direct_product(cyclic(3), cyclic(4)))
    image = np.arange(12.0).reshape(3, 4)
    moved = gset.act((1, 2), image.ravel()).reshape(3, 4)
    assert np.array_equal(moved, np.roll(image, (1, 2), axis=(0, 1)))


def test_orbits_are_found():
    perm = np.array([[1, 0, 3, 4, 2]])  # a 2-cycle and a 3-cycle: an action of C6
    gset = GSet(cyclic(6), perm)
    assert gset.num_orbits == 2 and gset.orbit_sizes.tolist() == [2, 3]
    assert gset.base_points.tolist() == [0, 2]


@pytest.mark.parametrize(
    ("generators", "message"),
    [
        ([[0, 0, 1]], "`generators` row 0 must be a permutation of 0..2"),
        ([[1, 2, 0]], "`generators` must define an action of C2: row 0 must have order dividing 2"),
        ([[1, 0]], "`generators` must be an integer array of shape (1, |X|)"),
    ],
)
def test_invalid_actions_are_rejected(generators, message):
    size = len(generators[0])
    with pytest.raises(ValueError) as error:
        GSet(cyclic(2), np.array(generators) if size != 2 else np.array([generators[0], generators[0]]))
    assert str(error.value).startswith(message)


def test_noncommuting_generators_are_rejected():
    a = [1, 0, 2]  # (0 1)
    b = [0, 2, 1]  # (1 2)
    with pytest.raises(ValueError, match="rows 0 and 1 must commute"):
        GSet(direct_product(cyclic(2), cyclic(2)), np.array([a, b]))
