"""Activation archives and inspect_arrays: energies against numpy's FFT, layouts, safe loading."""

import json
import re
import zipfile

import numpy as np
import pytest

from plrep import parse_group
from plrep.cli import main
from plrep.inspection import gset_layout, inspect_arrays, load_archive


def _fft_energies(f: np.ndarray) -> np.ndarray:
    """C_n energies (..., n) -> (..., n//2 + 1) with numpy's complex FFT, written independently."""
    n = f.shape[-1]
    power = np.abs(np.fft.fft(f, axis=-1)) ** 2 / n
    out = power[..., : n // 2 + 1].copy()
    out[..., 1 : (n + 1) // 2] *= 2
    return out


def _fft2_energies(f: np.ndarray) -> np.ndarray:
    """C_h x C_w: full 2-D spectrum power |F(u, v)|^2 / (h w), per frequency (u, v)."""
    h, w = f.shape[-2:]
    return np.abs(np.fft.fft2(f)) ** 2 / (h * w)


def test_embedding_units_on_axis_0_match_numpy():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(11, 6))
    report = inspect_arrays("C11", {"embed": w})
    summary = report.summaries["embed"]
    want = _fft_energies(w.T)
    np.testing.assert_allclose(summary.energies, want, rtol=1e-12)
    np.testing.assert_allclose(summary.purity, want.max(1) / want.sum(1), rtol=1e-12)
    assert summary.dominant.tolist() == want.argmax(1).tolist()


def test_periodic_images_on_the_last_two_axes():
    rng = np.random.default_rng(1)
    images = rng.normal(size=(3, 2, 4, 6))  # (batch, channel, h, w) under C4 x C6
    report = inspect_arrays("C4xC6", {"img": images}, axis=(-2, -1))
    got = report.summaries["img"]
    power = _fft2_energies(images).reshape(6, -1)
    np.testing.assert_allclose(got.energies.sum(1), (images**2).sum((-2, -1)).ravel(), rtol=1e-12)
    # Each real simple of C4 x C6 is a pair {xi, -xi} (or a single self-conjugate xi): compare the
    # energy of the simple holding (1, 2) with |F(1, 2)|^2 + |F(-1, -2)|^2.
    from plrep.groups import parse_group

    group = parse_group("C4xC6")
    simple = int(group.simple_ids(np.array([1, 2])))
    np.testing.assert_allclose(got.energies[:, simple], power[:, 1 * 6 + 2] + power[:, 3 * 6 + 4], rtol=1e-10)
    assert got.unit_shape == (3, 2)


def test_regular_fields_in_fibers():
    # escnn layout: channels in blocks of |G| = 8, field f at entries 8 f .. 8 f + 7.
    rng = np.random.default_rng(2)
    x = rng.normal(size=(5, 3 * 8))
    report = inspect_arrays("C8", {"h": x}, axis=-1, fibers=True)
    want = _fft_energies(x.reshape(5, 3, 8))
    np.testing.assert_allclose(report.summaries["h"].energies, want.reshape(15, -1), rtol=1e-12)
    assert gset_layout(x, 8, axis=-1, fibers=True).shape == (5, 3, 8)


def test_ambiguous_or_missing_axis_is_an_error_not_a_guess():
    with pytest.raises(ValueError, match=r"exactly one axis of length 5"):
        inspect_arrays("C5", {"w": np.zeros((5, 5))})
    with pytest.raises(ValueError, match=r"must have 5 entries along axis 1"):
        inspect_arrays("C5", {"w": np.zeros((5, 4))}, axis=1)
    report = inspect_arrays("C5", {"w": np.zeros((4, 4)), "v": np.ones(5)}, skip_mismatched=True)
    assert list(report.skipped) == ["w"] and report.names == ["v"]
    with pytest.raises(ValueError, match=r"`arrays\['w'\]` must contain only finite values"):
        inspect_arrays("C5", {"w": np.full(5, np.inf)})


def test_archive_refuses_pickles_and_oversized_members(tmp_path):
    objects = tmp_path / "obj.npz"
    np.savez(objects, bad=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match=r"must be a numeric array, got dtype object"):
        load_archive(objects)
    big = tmp_path / "big.npz"
    np.savez_compressed(big, zeros=np.zeros(100_000))  # 800 kB expanded, a few kB on disk
    with pytest.raises(ValueError, match=r"`archive` must expand to at most 1000 bytes"):
        load_archive(big, max_bytes=1000)
    assert load_archive(big)["zeros"].shape == (100_000,)
    text = tmp_path / "text.npz"
    with zipfile.ZipFile(text, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ValueError, match=r"must be a \.npy array"):
        load_archive(text)
    plain = tmp_path / "plain.npz"
    plain.write_text("not a zip")
    with pytest.raises(ValueError, match=r"must be a \.npz \(zip\) archive"):
        load_archive(plain)


def test_cli_inspect_archive_json_and_pictures(tmp_path, capsys):
    rng = np.random.default_rng(3)
    embed, hidden = rng.normal(size=(9, 4)), rng.normal(size=(2, 9, 3))
    path = tmp_path / "acts.npz"
    np.savez(path, embed=embed, hidden=hidden)
    assert main(["inspect", str(path), "--group", "C9", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["devices"] == 1 and [a["name"] for a in payload["arrays"]] == ["embed", "hidden"]
    want = {
        "embed": _fft_energies(embed.T),
        "hidden": _fft_energies(np.moveaxis(hidden, 1, -1)).reshape(6, -1),
    }
    for entry in payload["arrays"]:
        energies = np.array([u["energies"] for u in entry["units"]])
        np.testing.assert_allclose(energies, want[entry["name"]], rtol=1e-10)
        np.testing.assert_allclose(entry["totals"], want[entry["name"]].sum(0), rtol=1e-10)
    for fmt in ("png", "svg"):
        assert main(["inspect", str(path), "--group", "C9", "--format", fmt, "--out", str(tmp_path)]) == 0
        assert (tmp_path / f"inspection.{fmt}").stat().st_size > 1000
    assert main(["inspect", str(path), "--group", "C9", "--format", "png", "--out", str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arrays", "args", "message"),
    [
        ({"w": np.zeros((4, 3))}, ["--axis", "0"], "`arrays['w']` must have 9 entries along axis 0"),
        ({"w": np.full(9, np.nan)}, [], "must contain only finite values"),
        ({"w": np.zeros(9)}, ["--key-fraction", "2"], "`--key-fraction` must be a number in (0, 1]"),
        ({"w": np.zeros(9)}, ["--axis", "x"], "`--axis` must be an integer"),
    ],
)
def test_cli_inspect_archive_bad_input_is_one_line(tmp_path, capsys, arrays, args, message):
    path = tmp_path / "acts.npz"
    np.savez(path, **arrays)
    assert main(["inspect", str(path), "--group", "C9", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("plrep: error: ") and message in err


def test_archive_refuses_complex_members_from_the_header(tmp_path):
    path = tmp_path / "complex.npz"
    np.savez(path, ok=np.zeros(4), z=np.zeros(4, dtype=np.complex128))
    with pytest.raises(
        ValueError, match=r"`archive` member 'z.npy' .* must be a real numeric array, got dtype complex128"
    ):
        load_archive(path)


# Archive bounds (issue 25, item 3): a 261 KB .npz expanding to 256 MiB ran past 60 s and
# 10,000 members took 48 s and 864 MB. Each bound is checked from the zip directory and the
# .npy headers, before any member's data is read, and each can be raised from the command line.


def _spy_on_data_reads(monkeypatch):
    """Count member data reads (np.frombuffer on a member's bytes): a refusal must make none."""
    import plrep._files

    reads = []
    original = plrep._files._read_member

    def counting(*args, **kwargs):
        reads.append(args[1].filename)
        return original(*args, **kwargs)

    monkeypatch.setattr(plrep._files, "_read_member", counting)
    return reads


def test_a_compression_bomb_is_refused_by_its_ratio(tmp_path, capsys, monkeypatch):
    path = tmp_path / "bomb.npz"
    np.savez_compressed(path, a=np.zeros((2**18, 8)))  # 16 MiB in about 16 KB
    assert path.stat().st_size < 100_000
    reads = _spy_on_data_reads(monkeypatch)
    assert main(["inspect", str(path), "--group", "C8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "compression ratio" in err and "--max-ratio" in err and reads == []
    with pytest.raises(ValueError, match="compression ratio"):
        load_archive(path)
    assert main(["inspect", str(path), "--group", "C8", "--max-ratio", "5000", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["arrays"][0]["num_units"] == 2**18


def test_small_compressible_members_are_not_refused(tmp_path, capsys):
    path = tmp_path / "zeros.npz"
    np.savez_compressed(path, dead=np.zeros((8, 1000)))  # 64 KB of zeros: a dead layer, not a bomb
    assert main(["inspect", str(path), "--group", "C8", "--axis", "0"]) == 0


def test_too_many_members_are_refused_from_the_directory(tmp_path, capsys, monkeypatch):
    path = tmp_path / "many.npz"
    np.savez(path, **{f"m{i}": np.ones(8) for i in range(1001)})
    reads = _spy_on_data_reads(monkeypatch)
    assert main(["inspect", str(path), "--group", "C8"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "at most 1000 members" in err and "--max-members" in err and reads == []
    assert main(["inspect", str(path), "--group", "C8", "--max-members", "2000", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["arrays"]) == 1001


def test_rows_inspected_are_bounded_before_reading(tmp_path, capsys, monkeypatch):
    path = tmp_path / "wide.npz"
    rows = (1 << 24) // 3481 + 1  # one row more than the default holds for C59xC59
    np.savez(path, a=np.ones((rows, 3481), np.uint8))  # 16 MB on disk
    reads = _spy_on_data_reads(monkeypatch)
    assert main(["inspect", str(path), "--group", "C59xC59"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{rows} rows" in err and "--max-rows" in err and reads == []
    small = tmp_path / "small.npz"
    np.savez(small, a=np.ones((40, 8)), b=np.ones((8, 30)))  # 70 rows of C8 in all
    assert main(["inspect", str(small), "--group", "C8", "--max-rows", "69"]) == 2
    assert "70 rows" in capsys.readouterr().err
    assert main(["inspect", str(small), "--group", "C8", "--max-rows", "70"]) == 0
    with pytest.raises(ValueError, match="rows"):
        inspect_arrays("C8", {"a": np.ones((40, 8))}, max_rows=39)


# The batch axis (issue 25, item 15): an archive of shape (batch, units..., |X|) counted the
# batch as units ("65 units" for (5, 13, 32)); --batch-axis sums the energies over it, as
# ``probe`` does over samples, so both agree on what a unit is.


def test_batch_axis_sums_energies_over_samples(tmp_path, capsys):
    acts = np.random.default_rng(5).normal(size=(5, 13, 32))
    want = _fft_energies(acts).sum(axis=0)  # numpy FFT per sample, summed over the batch
    report = inspect_arrays("C32", {"h": acts}, batch_axis=0)
    summary = report.summaries["h"]
    assert summary.num_units == 13 and tuple(summary.unit_shape) == (13,)
    np.testing.assert_allclose(summary.energies, want, rtol=1e-10)
    # The batch may sit anywhere; its length may even equal |X| (it is not a G-set axis candidate).
    moved = inspect_arrays("C32", {"h": np.moveaxis(acts, 0, 1)}, batch_axis=1)
    np.testing.assert_allclose(moved.summaries["h"].energies, want, rtol=1e-10)
    square = np.random.default_rng(6).normal(size=(32, 4, 32))
    np.testing.assert_allclose(
        inspect_arrays("C32", {"s": square}, batch_axis=0).summaries["s"].energies,
        _fft_energies(square).sum(axis=0),
        rtol=1e-10,
    )
    with pytest.raises(ValueError, match="batch_axis"):
        inspect_arrays("C32", {"h": acts}, batch_axis=2)  # the G-set axis itself
    path = tmp_path / "acts.npz"
    np.savez(path, h=acts)
    assert main(["inspect", str(path), "--group", "C32", "--batch-axis", "0", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["arrays"][0]["num_units"] == 13


def test_batch_axis_agrees_with_probe_over_samples():
    pytest.importorskip("jax")
    from plrep.nn import probe

    acts = np.random.default_rng(7).normal(size=(6, 3, 16)).astype(np.float32)
    probed = probe(lambda batch: {"h": batch}, "C16", acts, axis=-1).summaries["h"]
    arrays = inspect_arrays("C16", {"h": acts}, batch_axis=0).summaries["h"]
    assert probed.num_units == arrays.num_units == 3
    np.testing.assert_allclose(probed.energies, arrays.energies, rtol=1e-4)


def test_an_archive_without_group_hints_at_group(tmp_path, capsys):
    path = tmp_path / "X.npz"
    np.savez(path, h=np.ones((5, 13, 32)))
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--group" in err and "metadata" not in err


def test_non_abelian_report_shows_energy_against_the_random_baseline():
    """A planted sign component is enriched 24x on S_4 (share 1, baseline 1/24); the 3-dim simples,
    large in share for any vector (3 * 3 / 24 each), are not reported as chosen."""
    group = parse_group("S4")
    inversions = [sum(p[i] > p[j] for i in range(4) for j in range(i + 1, 4)) for p in group.elements]
    sign = np.array([(-1.0) ** k for k in inversions])  # parity by counting inversions
    rng = np.random.default_rng(0)
    units = np.outer(sign, rng.normal(size=6)) + 0.01 * rng.normal(size=(24, 6))
    report = inspect_arrays("S4", {"w": units})
    summary = report.to_dict()["arrays"][0]
    names = [s.name for s in group.simples]
    sign_id = next(s.id for s in group.simples if s.dim == 1 and s.id != 0)
    assert summary["baseline"] == pytest.approx([s.dim**2 / 24 for s in group.simples])
    assert summary["enrichment"][sign_id] == pytest.approx(24, rel=1e-3)
    line = report.table().splitlines()[-1]
    assert line.strip().startswith("against a random vector")
    assert re.search(rf"{names[sign_id]} 2[34]\.\d\dx$", line)
    assert "3a" not in line and "3b" not in line
    # Abelian groups keep the plain report (every simple's baseline is its dimension over |G|).
    assert "against a random" not in inspect_arrays("C8", {"w": rng.normal(size=(8, 3))}).table()
