"""decompose/energies/summarize along any axis; dominant simple, purity, key simples.

References are computed here with numpy's complex FFT (C_n: ||P_k f||^2 = w_k |F_k|^2 / n,
w_k = 1 for k = 0, n/2 and 2 otherwise) or with dense permutation-matrix projectors built from
the S_3 character table written out below, never with plrep's backends.
"""

import json

import numpy as np
import pytest

from plrep import decompose, energies, summarize
from plrep.cli import main
from plrep.decomposition import summarize_energies
from plrep.groups import cyclic, parse_group


def _cyclic_reference(f: np.ndarray) -> np.ndarray:
    """Energies per simple L_0..L_{n//2} of f (..., n) by numpy's FFT."""
    n = f.shape[-1]
    power = np.abs(np.fft.fft(f, axis=-1)) ** 2 / n
    half = n // 2
    out = power[..., : half + 1].copy()
    out[..., 1 : (n + 1) // 2] *= 2
    return out


@pytest.mark.parametrize("axis", [0, 1, 2, -2])
def test_energies_along_any_axis_match_numpy_fft(axis):
    rng = np.random.default_rng(0)
    shape = [3, 4, 5]
    shape[axis] = 10
    x = rng.normal(size=shape)
    got = energies("C10", x, axis=axis)
    want = _cyclic_reference(np.moveaxis(x, axis, -1))
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(decompose("C10", x, axis=axis).energies(), want, rtol=1e-12, atol=1e-12)


def test_permutation_group_along_axis_0_matches_dense_projectors():
    # S_3 on its 3 points: trivial = constants, standard = sum-zero vectors; the sign rep is absent.
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 7))
    mean = x.mean(axis=0, keepdims=True)
    got = energies("S3:natural", x, axis=0)
    simples = parse_group("S3").simples
    trivial = next(s.id for s in simples if s.order == 1)
    standard = next(s.id for s in simples if s.dim == 2)
    sign = next(s.id for s in simples if s.dim == 1 and s.order == 2)
    np.testing.assert_allclose(got[:, trivial], 3 * mean[0] ** 2, rtol=1e-10)
    np.testing.assert_allclose(got[:, standard], ((x - mean) ** 2).sum(axis=0), rtol=1e-10)
    np.testing.assert_allclose(got[:, sign], 0.0, atol=1e-12)


def test_summary_of_pure_and_mixed_units():
    n = 12
    t = np.arange(n)
    pure3 = np.cos(2 * np.pi * 3 * t / n)
    mix = np.cos(2 * np.pi * 1 * t / n) + 0.5 * np.sin(2 * np.pi * 5 * t / n)
    x = np.stack([pure3, 2 * pure3, mix, np.zeros(n)], axis=1)  # units on axis 1
    s = summarize("C12", x, axis=0, key_fraction=0.9)
    assert s.dominant.tolist() == [3, 3, 1, -1]
    np.testing.assert_allclose(s.purity[:3], [1.0, 1.0, 1.0 / 1.25], rtol=1e-12)
    assert np.isnan(s.purity[3])
    # totals: L3 = 6 + 24 = 30, L1 = 6, L5 = 1.5; 30/37.5 = 0.8 < 0.9 <= 36/37.5.
    assert s.key_simples == [3, 1]
    assert summarize("C12", x, axis=0, key_fraction=0.5).key_simples == [3]
    payload = s.to_dict()
    assert payload["units"][3] == {"index": 3, "dominant": None, "purity": None, "energies": [0.0] * 7}
    json.dumps(payload, allow_nan=False)


def test_tie_is_reported_not_guessed():
    s = summarize_energies(cyclic(4), [[1.0, 1.0, 0.0], [1.0, 1.0 + 1e-3, 0.0]])
    assert s.dominant.tolist() == [-1, 1]


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match=r"`x` must have axis 0 of length 8"):
        energies("C8", np.zeros((7, 8)), axis=0)
    with pytest.raises(ValueError, match=r"`axis` must be an integer <= 1"):
        energies("C8", np.zeros((8, 8)), axis=2)
    with pytest.raises(TypeError, match=r"`axis` must be an integer"):
        energies("C8", np.zeros((8, 8)), axis=0.5)
    with pytest.raises(ValueError, match=r"`key_fraction` must be a number in \(0, 1\]"):
        summarize("C8", np.zeros(8), key_fraction=1.5)
    with pytest.raises(ValueError, match=r"`x` must contain only finite values"):
        summarize("C8", np.full((8, 2), np.nan), axis=0)


def test_cli_decompose_along_axis(tmp_path, capsys):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 9, 3))
    path = tmp_path / "w.npy"
    np.save(path, x)
    assert main(["decompose", "C9", "--input", str(path), "--axis", "1", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    want = _cyclic_reference(np.moveaxis(x, 1, -1)).reshape(6, 5)
    np.testing.assert_allclose(payload["energies"], want, rtol=1e-10)
    assert [u["index"] for u in payload["units"]] == list(range(6))
    np.testing.assert_allclose([u["energies"] for u in payload["units"]], want, rtol=1e-10)
    assert [u["dominant"] for u in payload["units"]] == want.argmax(axis=1).tolist()
    np.testing.assert_allclose([u["purity"] for u in payload["units"]], want.max(1) / want.sum(1), rtol=1e-10)
    order = np.argsort(-want.sum(0))
    share = np.cumsum(want.sum(0)[order]) / want.sum()
    assert payload["key_simples"] == order[: np.searchsorted(share, 0.9) + 1].tolist()
    assert main(["decompose", "C9", "--input", str(path), "--axis", "1"]) == 0
    assert "key simples" in capsys.readouterr().out


def test_cli_decompose_bad_axis_is_one_line(tmp_path, capsys):
    path = tmp_path / "w.npy"
    np.save(path, np.zeros((4, 9)))
    assert main(["decompose", "C9", "--input", str(path), "--axis", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "plrep: error: `--input` must have axis 0 of length 9 (one entry per point of the G-set), got shape (4, 9) instead"
    )
    assert main(["decompose", "C9", "--input", str(path), "--axis", "5"]) == 2
    assert main(["decompose", "C9", "--input", str(path), "--key-fraction", "0"]) == 2
    assert "`--key-fraction` must be" in capsys.readouterr().err


@pytest.mark.parametrize("spec", ["C12", "C4xC6", "S4"])
def test_energies_are_exactly_scale_equivariant_across_the_unscaled_range(spec):
    """Inside [2^-300, 2^300] plrep skips its power-of-two scaling, outside it scales each function:
    both must give energies(2^k x) = 4^k energies(x) bit for bit (powers of two round exactly)."""
    from plrep import parse_space

    space = parse_space(spec)
    x = np.random.default_rng(5).normal(size=(3, space.size, 2))
    base = energies(space, x, axis=1)
    for k in (-600, -200, 100, 400):  # unscaled path for -200 and 100, scaled path for the others
        np.testing.assert_array_equal(energies(space, np.ldexp(x, k), axis=1), np.ldexp(base, 2 * k))
    assert np.allclose(base.sum(-1), (x**2).sum(1))  # the reference: Parseval, with numpy alone
