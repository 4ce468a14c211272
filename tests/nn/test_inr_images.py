"""plrep.nn (INRs of images): per-image independent initialisations, vmapped fits that reproduce the image."""

import jax
import numpy as np
import pytest

from plrep.nn import (
    MAX_TOTAL_PARAMETERS,
    fit_image_inrs,
    image_grid,
    image_inr_apply,
    image_inr_init,
    image_inr_inits,
    num_parameters,
)
from plrep.weightspace import mlp_forward, permute_neurons

WIDTHS = (2, 8, 8, 1)


def _images(n=4, size=5, seed=0):
    """Smooth random images (N, size, size) in [0, 1]: easy targets for a tiny INR."""
    rng = np.random.default_rng(seed)
    grid = image_grid(size, size)
    freqs = rng.normal(size=(n, 2, 2))
    values = (
        0.5
        + 0.25 * np.sin(np.einsum("pk,nk->np", grid, freqs[:, 0]))
        + 0.2 * np.cos(np.einsum("pk,nk->np", grid, freqs[:, 1]))
    )
    return values.reshape(n, size, size).astype(np.float32)


def test_image_grid_is_row_major_in_the_unit_square():
    grid = image_grid(3, 4)
    assert grid.shape == (12, 2) and grid.dtype == np.float32
    assert grid.min() == -1 and grid.max() == 1
    assert np.array_equal(grid[4], [0.0, -1.0])  # pixel (1, 0): y = 0, x = -1


def test_initialisations_are_independent_per_image_and_do_not_depend_on_chunks():
    inits = image_inr_inits(6, WIDTHS, seed=3)
    w1 = np.asarray(inits[0][0])
    assert w1.shape == (6, 8, 2)
    # every pair of images starts from different weights, in every layer
    for w, _ in inits:
        flat = np.asarray(w).reshape(6, -1)
        assert all(not np.allclose(flat[i], flat[j]) for i in range(6) for j in range(i + 1, 6))
    # image i's init is fold_in(key(seed), i), whatever the chunk it is fitted in
    later = image_inr_inits(2, WIDTHS, seed=3, start=4)
    assert np.array_equal(np.asarray(later[0][0]), w1[4:])
    one = image_inr_init(jax.random.fold_in(jax.random.key(3), 5), WIDTHS)
    assert np.allclose(np.asarray(one[0][0]), w1[5])
    assert not np.allclose(np.asarray(image_inr_inits(1, WIDTHS, seed=4)[0][0]), w1[0])


def test_fitted_inrs_reproduce_their_images_whatever_the_chunk_size():
    images = _images()
    params, errors = fit_image_inrs(
        images, widths=WIDTHS, steps=400, learning_rate=5e-3, omega0=3.0, chunk_size=3
    )
    assert [w.shape for w, _ in params] == [(4, 8, 2), (4, 8, 8), (4, 1, 8)]
    assert errors.shape == (4,) and np.all(np.isfinite(errors))
    assert np.max(errors) < 1e-3  # pixel values span ~[0, 1], so this is a close fit
    grid = image_grid(5, 5)
    for i in range(4):
        inr = [(w[i], b[i]) for w, b in params]
        rendered = image_inr_apply(inr, grid)
        assert np.mean((rendered - images[i].ravel()) ** 2) == pytest.approx(errors[i], rel=1e-3, abs=1e-7)
        # the INR is exactly the weightspace MLP with sin, so neuron permutations keep its image
        assert np.allclose(mlp_forward(inr, grid, activation="sin")[:, 0], rendered, atol=1e-5)
        moved = permute_neurons(inr, [np.roll(np.arange(8), 1), np.arange(8)[::-1]])
        assert np.allclose(image_inr_apply(moved, grid), rendered, atol=1e-5)
    again, _ = fit_image_inrs(images, widths=WIDTHS, steps=400, learning_rate=5e-3, omega0=3.0, chunk_size=4)
    assert all(np.allclose(a[0], b[0], atol=1e-5) for a, b in zip(params, again, strict=True))


def test_num_parameters_counts_weights_and_biases():
    assert num_parameters((2, 16, 16, 1)) == 16 * 3 + 16 * 17 + 17


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: image_grid(1, 4), ValueError, "`height` must be an integer >= 2"),
        (lambda: image_inr_init(0, WIDTHS), TypeError, "`key` must be one key"),
        (lambda: image_inr_init(jax.random.key(0), (1, 8, 1)), ValueError, "`widths` must be (2, d_1"),
        (lambda: image_inr_init(jax.random.key(0), (2, 1)), ValueError, "at least one hidden layer"),
        (
            lambda: image_inr_init(jax.random.key(0), WIDTHS, omega0=0),
            ValueError,
            "`omega0` must be a positive real number",
        ),
        (lambda: image_inr_inits(0, WIDTHS), ValueError, "`num_images` must be an integer >= 1"),
        (lambda: fit_image_inrs(np.zeros((4, 4))), ValueError, "`images` must have shape (N, H, W)"),
        (lambda: fit_image_inrs("abc"), TypeError, "`images` must be a numeric array"),
        (lambda: fit_image_inrs(np.full((1, 3, 3), np.nan)), ValueError, "`images` must contain only finite"),
        (lambda: fit_image_inrs(np.zeros((1, 3, 3)), steps=0), ValueError, "`steps` must be an integer >= 1"),
        (
            lambda: fit_image_inrs(np.zeros((1, 3, 3)), learning_rate=-1.0),
            ValueError,
            "`learning_rate` must be a positive",
        ),
        (lambda: fit_image_inrs(np.zeros((1, 3, 3)), chunk_size=0), ValueError, "`chunk_size` must be"),
        (lambda: fit_image_inrs(np.zeros((1, 3, 3)), progress=3), TypeError, "`progress` must be callable"),
        (
            lambda: fit_image_inrs(np.zeros((1, 1000, 1000)), widths=(2, 512, 512, 1)),
            ValueError,
            "`chunk_size` must keep",
        ),
        (
            lambda: image_inr_apply([(np.zeros((3, 2)), np.zeros(3))], image_grid(2, 2)),
            ValueError,
            "`widths`",
        ),
        (
            lambda: image_inr_apply(
                [(np.zeros((3, 2)), np.zeros(3)), (np.zeros((1, 3)), np.zeros(1))], np.zeros(4)
            ),
            ValueError,
            "`coords` must have last axis of length 2",
        ),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_total_size_is_refused_before_fitting():
    # 2 x 10^6 images of 2 x 2 pixels with a wide INR: refused from the shapes alone
    big = np.broadcast_to(np.float32(0), (2_000_000, 2, 2))
    with pytest.raises(ValueError, match="N x parameters per INR") as info:
        fit_image_inrs(big, widths=(2, 512, 1), chunk_size=1)
    assert str(MAX_TOTAL_PARAMETERS) in str(info.value)
