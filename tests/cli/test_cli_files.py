"""Files in and out: ``--out`` never clobbers, follows links or leaves half-written files; bad
archives and unreadable files are one-line errors with exit status 2, checked before reading."""

from __future__ import annotations

import io
import os
import zipfile

import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plrep._files
from plrep._files import read_npz
from plrep.cli import main
from plrep.nn import NetworkParams, NetworkSpec, save


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    spec = NetworkSpec("C6", (1, 2), "relu")
    rng = np.random.default_rng(0)
    arrays = {k: jnp.asarray(rng.normal(size=s), jnp.float32) for k, s in spec.parameter_shapes().items()}
    return save(tmp_path_factory.mktemp("net") / "net.npz", NetworkParams(spec, arrays))


def usage_error(capsys, *argv) -> str:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert status == 2, (argv, out, err)
    assert out == "" and err.count("\n") == 1 and err.startswith("plrep: error: "), (argv, err)
    return err.strip()


WRITERS = [
    ["spectrum", "relu", "--format", "json"],
    ["graph", "C8", "--format", "dot"],
    ["spectrum", "relu", "--format", "svg"],
]


def _suffix(argv):
    return {"json": ".json", "dot": ".dot", "svg": ".svg"}[argv[-1]]


@pytest.mark.parametrize("argv", WRITERS)
def test_out_refuses_an_existing_file_unless_forced(capsys, tmp_path, argv):
    target = tmp_path / f"result{_suffix(argv)}"
    target.write_text("keep me")
    err = usage_error(capsys, *argv, "--out", target)
    assert "which exists (pass --force to overwrite it)" in err
    assert target.read_text() == "keep me"
    assert main([*argv, "--out", str(target), "--force"]) == 0
    capsys.readouterr()
    assert target.read_text() != "keep me" and target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left


@pytest.mark.parametrize("argv", WRITERS)
def test_out_never_follows_a_symlink(capsys, tmp_path, argv):
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / f"result{_suffix(argv)}"
    link.symlink_to(outside)
    for force in ([], ["--force"]):
        err = usage_error(capsys, *argv, "--out", link, *force)
        assert "must not be a symbolic link" in err
    assert outside.read_text() == "precious" and link.is_symlink()


def test_out_refuses_a_fifo_instead_of_blocking(capsys, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    err = usage_error(capsys, "spectrum", "relu", "--format", "json", "--out", fifo, "--force")
    assert "which is a special file" in err


def test_a_failed_write_keeps_the_old_file_and_leaves_no_partial_file(capsys, tmp_path, monkeypatch):
    import plrep.commands._common as common

    target = tmp_path / "r.json"
    target.write_text("old")

    def full_disk(path, write, argument="--out", *, force=False):
        def failing(temporary):
            temporary.write_text("half")
            raise OSError(28, "No space left on device")

        return real(path, failing, argument, force=force)

    real = common.write_output
    monkeypatch.setattr("plrep.commands.spectrum.write_output", full_disk)
    err = usage_error(capsys, "spectrum", "relu", "--format", "json", "--out", target, "--force")
    assert "No space left on device" in err
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_inspect_png_checks_both_targets_before_work(capsys, weights, tmp_path):
    (tmp_path / "filter_spectra.png").write_text("mine")
    err = usage_error(capsys, "inspect", weights, "--format", "png", "--out", tmp_path, "--samples", "2")
    assert "filter_spectra.png" in err and "pass --force" in err
    assert not (tmp_path / "frequency_flow.png").exists()
    assert (
        main(
            ["inspect", str(weights), "--format", "png", "--out", str(tmp_path), "--samples", "2", "--force"]
        )
        == 0
    )
    capsys.readouterr()
    assert (tmp_path / "filter_spectra.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- archives: every member's header and size checked before its data is read -------------


def _npy_bytes(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def _archive(path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _absurd_header(shape_text: str) -> bytes:
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape_text + ", }"
    header = header.ljust(118) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode() + b"\0" * 16


def _bad_archives(tmp_path):
    good = _npy_bytes(np.zeros(3))
    corrupt = tmp_path / "corrupt.npz"
    data = _archive(tmp_path / "c.npz", {"a.npy": good}).read_bytes()
    corrupt.write_bytes(data[:-10] + b"\xff" * 10)  # end of central directory broken
    encrypted = tmp_path / "encrypted.npz"
    raw = bytearray(_archive(tmp_path / "e.npz", {"a.npy": good}, zipfile.ZIP_STORED).read_bytes())
    raw[6] |= 1  # general purpose flag, bit 0 (encrypted), in the local and the central header
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 8] |= 1
    encrypted.write_bytes(bytes(raw))
    return {
        "corrupt central directory": (corrupt, "must be a .npz (zip) archive"),
        "encrypted member": (encrypted, "must not be encrypted"),
        "unknown compression": (
            _archive(tmp_path / "bz.npz", {"a.npy": good}, zipfile.ZIP_BZIP2),
            "must be stored or deflated",
        ),
        "member not .npy": (_archive(tmp_path / "txt.npz", {"a.txt": b"hello"}), "must be a .npy array"),
        "absurd header": (
            _archive(tmp_path / "absurd.npz", {"a.npy": _absurd_header("(10**400,)")}),
            "must be a valid .npy array",
        ),
        "huge shape": (
            _archive(tmp_path / "huge.npz", {"a.npy": _absurd_header("(4611686018427387903, 2)")}),
            "must hold at most",
        ),
        "header larger than the member": (
            _archive(tmp_path / "lie.npz", {"a.npy": _absurd_header("(100,)")}),
            "must hold the 800 data bytes its header declares",
        ),
        "pickled member": (
            _archive(tmp_path / "pickle.npz", {"a.npy": _pickled()}),
            "pickled object array",
        ),
    }


def _pickled() -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    return buffer.getvalue()


CASE_NAMES = [
    "corrupt central directory",
    "encrypted member",
    "unknown compression",
    "member not .npy",
    "absurd header",
    "huge shape",
    "header larger than the member",
    "pickled member",
]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_archives_are_refused_before_reading(capsys, tmp_path, case):
    path, message = _bad_archives(tmp_path)[case]
    with pytest.raises(ValueError, match="`weights`") as info:
        read_npz(path)
    assert message in str(info.value)
    assert message in usage_error(capsys, "inspect", path)


def test_a_zip_bomb_is_refused_from_the_directory(capsys, tmp_path, monkeypatch):
    # 4 MB of zeros deflate to a few KB; with the cap lowered to 1 MB the member is refused
    # from the sizes in the zip directory, before anything is decompressed.
    path = _archive(tmp_path / "bomb.npz", {"a.npy": _npy_bytes(np.zeros(500_000))})
    assert path.stat().st_size < 20_000
    monkeypatch.setattr(plrep._files, "MAX_ARCHIVE_BYTES", 10**6)
    assert "must expand to at most 1000000 bytes" in usage_error(capsys, "inspect", path)


def test_unreadable_and_overlong_names_are_usage_errors(capsys, tmp_path):
    long_name = tmp_path / ("w" * 300 + ".npz")
    err = usage_error(capsys, "inspect", long_name)
    assert err.startswith("plrep: error: `weights` must be") and len(err) <= 520
    err = usage_error(capsys, "decompose", "C4", "--input", tmp_path / ("x" * 300 + ".npy"))
    assert err.startswith("plrep: error: `--input` must be")
    if os.geteuid() != 0:  # root reads every file
        locked = tmp_path / "locked.npz"
        locked.write_bytes(b"")
        locked.chmod(0)
        assert "must be a readable" in usage_error(capsys, "inspect", locked)


def test_npy_with_absurd_header_is_a_usage_error(capsys, tmp_path):
    path = tmp_path / "x.npy"
    path.write_bytes(_absurd_header("(4611686018427387903,)"))
    assert "`--input` must hold at most" in usage_error(capsys, "decompose", "C4", "--input", path)
    path.write_bytes(_absurd_header("(10**400,)"))
    assert "`--input` must be a valid .npy array" in usage_error(capsys, "decompose", "C4", "--input", path)


def test_good_archives_round_trip(tmp_path):
    arrays = {"a": np.arange(6.0).reshape(2, 3), "b": np.asfortranarray(np.arange(6).reshape(2, 3))}
    np.savez_compressed(tmp_path / "ok.npz", **arrays)
    loaded = read_npz(tmp_path / "ok.npz")
    assert sorted(loaded) == ["a", "b"]
    for name, array in arrays.items():
        np.testing.assert_array_equal(loaded[name], array)
        assert loaded[name].dtype == array.dtype


@given(st.binary(max_size=400), st.integers(0, 400))
def test_fuzzed_archives_only_raise_value_errors(tmp_path_factory, noise, position):
    """Random bytes, and a valid archive with bytes overwritten, give ValueError or arrays."""
    folder = tmp_path_factory.mktemp("fuzz")
    for data in (noise, _spliced(noise, position)):
        path = folder / "f.npz"
        path.write_bytes(data)
        try:
            read_npz(path)
        except ValueError as error:
            assert str(error).startswith("`weights`")


def _spliced(noise: bytes, position: int) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, a=np.arange(4.0))
    data = buffer.getvalue()
    return data[:position] + noise[:16] + data[position + len(noise[:16]) :]
