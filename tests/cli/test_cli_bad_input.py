"""Bad input for every subcommand: one line on stderr naming the argument, exit status 2.

Directories given for files, pickled and empty arrays, float and out-of-range integer flags,
output paths that would clobber or cannot be written, and JSON that must stay strict (no NaN
or Infinity tokens). Add a case here for every bad command line found, whatever found it.
"""

import json
from types import SimpleNamespace

import jax.numpy as jnp
import numpy as np
import pytest

from plrep.cli import main
from plrep.commands._common import json_text
from plrep.nn import NetworkParams, NetworkSpec, save


@pytest.fixture(scope="module")
def weights(tmp_path_factory):
    spec = NetworkSpec("C6", (1, 2), "relu")
    rng = np.random.default_rng(0)
    arrays = {k: jnp.asarray(rng.normal(size=s), jnp.float32) for k, s in spec.parameter_shapes().items()}
    return save(tmp_path_factory.mktemp("net") / "net.npz", NetworkParams(spec, arrays))


def usage_error(capsys, *argv) -> str:
    """Run ``plrep argv``; check exit status 2, nothing on stdout, one line on stderr; return it."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert status == 2, (argv, err)
    assert out == "" and err.count("\n") == 1 and err.startswith("plrep: error: "), (argv, err)
    return err.strip()


def strict_json(text: str):
    def refuse(token):
        raise AssertionError(f"JSON output holds {token}")

    return json.loads(text, parse_constant=refuse)


def test_no_subcommand_is_one_line(capsys):
    err = usage_error(capsys)
    assert err == "plrep: error: `command` must be one of the subcommands that `plrep --help` lists, got none"
    # --debug shows tracebacks of failures, not of the CLI's own usage messages.
    assert usage_error(capsys, "--debug") == err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["spectrum", "relu", "--harmonics", "2.5"], "`--harmonics` must be an integer, got '2.5' instead"),
        (["spectrum", "relu", "--harmonics=١٢"], "`--harmonics` must be an integer, got '١٢' instead"),
        (["spectrum", "relu", "--harmonics=1_0"], "`--harmonics` must be an integer, got '1_0' instead"),
        (["graph", "C8", "--seed", " 3\n"], "`--seed` must be a non-negative integer, got ' 3\\n' instead"),
        (["graph", "C8", "--layers", "2.5"], "`--layers` must be a non-negative integer, got '2.5' instead"),
        (["graph", "C8", "--layers", "1000000000"], "`--layers` must be an integer <= 1000, got 1000000000"),
        (["graph", "C8", "--seed", "2.5"], "`--seed` must be a non-negative integer, got '2.5' instead"),
        (["basis", "S4", "--in", "2.5"], "`--in` must be a non-negative integer, got '2.5' instead"),
        (["hom", "S4", "--out", "x"], "`--out` must be a non-negative integer, got 'x' instead"),
        (["inspect", "net.npz", "--samples", "2.5"], "`--samples` must be a positive integer, got '2.5'"),
        (["inspect", "net.npz", "--samples", "100000000"], "`--samples` must be an integer <= 100000"),
        (["inspect", "net.npz", "--seed", "-1"], "`--seed` must be a non-negative integer, got -1 instead"),
    ],
)
def test_integer_flags_name_the_flag(capsys, argv, message):
    # Checked while parsing, before any file is read (net.npz need not exist).
    assert usage_error(capsys, *argv).startswith(f"plrep: error: {message}")


def test_a_directory_is_not_an_input_file(capsys, tmp_path):
    folder = tmp_path / "x.npy"
    folder.mkdir()
    expected = f"must be a .npy file, got {str(folder)!r}, which is a directory"
    assert usage_error(capsys, "decompose", "C4", "--input", folder) == f"plrep: error: `--input` {expected}"
    assert usage_error(capsys, "check-sharing", "S4", folder) == f"plrep: error: `pattern` {expected}"
    archive = tmp_path / "w.npz"
    archive.mkdir()
    assert usage_error(capsys, "inspect", archive) == (
        f"plrep: error: `weights` must be a .npz file, got {str(archive)!r}, which is a directory"
    )


def test_pickled_pattern_is_refused(capsys, tmp_path):
    path = tmp_path / "p.npy"
    np.save(path, np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    assert usage_error(capsys, "check-sharing", "S4", path) == (
        f"plrep: error: `pattern` must hold a numeric array, got a pickled object array in {str(path)!r} instead"
    )


def test_decompose_names_its_input_argument(capsys, tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.full(4, np.nan))
    assert usage_error(capsys, "decompose", "C4", "--input", path) == (
        "plrep: error: `--input` must contain only finite values, got NaN or infinity instead"
    )
    np.save(path, np.zeros(0))
    assert usage_error(capsys, "decompose", "C4", "--input", path) == (
        "plrep: error: `--input` must have last axis of length 4, got shape (0,) instead"
    )
    # Squares of 1e308 overflow: an error naming the input, not Infinity in the JSON.
    err = usage_error(capsys, "decompose", "C4", "--values=1e308,1,1,1", "--format", "json")
    assert err.startswith("plrep: error: `--values` must have energies below 1e308")
    # A group too large to list is reported as such, before any shape check.
    assert usage_error(capsys, "decompose", "S30", "--values", "1,2").startswith(
        "plrep: error: `group` must keep |G| at most"
    )


def test_non_finite_results_fail_on_one_line_instead_of_invalid_json(capsys, monkeypatch):
    import plrep.spectra

    # A library result that came out NaN (as relu at bias 1e308 once did) is a failure, exit 1.
    broken = SimpleNamespace(a=np.array([np.nan, 1.0]), b=np.array([0.0, 0.5]))
    monkeypatch.setattr(plrep.spectra, "activation_spectrum", lambda *args, **kwargs: broken)
    status = main(["spectrum", "relu", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("plrep: failed: FloatingPointError: the coefficients of relu")
    with pytest.raises(FloatingPointError, match="JSON cannot represent"):
        json_text({"energies": [1.0, float("inf")]})


@pytest.mark.parametrize(
    "argv",
    [
        ["group", "Q8"],
        ["characters", "S4"],
        ["decompose", "C6", "--values", "1,2,3,4,5,6"],
        ["spectrum", "gelu", "--harmonics", "4"],
        ["graph", "C12", "--layers", "2"],
        ["basis", "S4", "--in", "2"],
        ["hom", "A4", "--in", "2"],
        ["dws", "2,3,1"],
    ],
)
def test_json_output_is_strict(capsys, argv):
    assert main([*argv, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and isinstance(strict_json(out), dict)


@pytest.mark.parametrize(("command", "fmt"), [("graph", "png"), ("graph", "svg"), ("spectrum", "svg")])
def test_picture_out_must_carry_the_format_suffix(capsys, tmp_path, command, fmt):
    target = "C8" if command == "graph" else "relu"
    for name in ("picture", "picture.txt", "picture.png" if fmt == "svg" else "picture.svg"):
        err = usage_error(capsys, command, target, "--format", fmt, "--out", tmp_path / name)
        assert err.startswith(f"plrep: error: `--out` must end in .{fmt} for that format")
    assert list(tmp_path.iterdir()) == []
    assert main([command, target, "--format", fmt, "--out", str(tmp_path / f"p.{fmt}")]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / f'p.{fmt}'}\n"


@pytest.mark.parametrize(
    "argv", [["graph", "C8"], ["graph", "C8", "--format", "png"], ["spectrum", "relu", "--format", "json"]]
)
def test_out_file_into_a_directory_or_nowhere(capsys, tmp_path, argv):
    assert usage_error(capsys, *argv, "--out", tmp_path) == (
        f"plrep: error: `--out` must be a file path, got {str(tmp_path)!r}, which is a directory"
    )
    missing = tmp_path / "no" / ("x.json" if "json" in argv else "x.png")  # the format's suffix
    assert usage_error(capsys, *argv, "--out", missing) == (
        f"plrep: error: `--out` must be in an existing directory, got {str(missing)!r}, "
        f"but {str(missing.parent)!r} is not a directory"
    )


def test_inspect_out_must_not_be_a_file(capsys, weights, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    err = usage_error(capsys, "inspect", weights, "--format", "png", "--out", existing, "--samples", "2")
    assert err == f"plrep: error: `--out` must be a directory, got {str(existing)!r}, which is a file"
    assert existing.read_text() == "keep me"


def test_inspect_refuses_empty_data(capsys, weights, tmp_path):
    data = tmp_path / "x.npy"
    np.save(data, np.zeros((0, 6)))
    assert usage_error(capsys, "inspect", weights, "--data", data) == (
        "plrep: error: `--data` must hold at least one input, got shape (0, 6) instead"
    )


@pytest.mark.parametrize("kind", ["truncated", "random", "no metadata"])
def test_inspect_broken_archives(capsys, weights, tmp_path, kind):
    path = tmp_path / "w.npz"
    if kind == "truncated":
        data = weights.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "random":
        path.write_bytes(np.random.default_rng(0).bytes(300))
    else:
        np.savez(path, a=np.zeros(3))
    err = usage_error(capsys, "inspect", path)
    assert "w.npz" in err


@pytest.mark.parametrize("widths", ["0,3", "2,,3", "abc", "1_0,3", "2,3,"])
def test_dws_widths(capsys, widths):
    assert usage_error(capsys, "dws", widths) == (
        "plrep: error: `widths` must be at least 2 comma-separated positive integers such as 2,3,4,1, "
        f"got {widths!r} instead"
    )


def test_repro_does_not_clobber_other_files(capsys, tmp_path):
    page = tmp_path / "index.html"
    page.write_text("my site")
    err = usage_error(capsys, "repro", "--quick", "--only", "c8_relu", "--out", tmp_path)
    assert err.endswith("whose index.html was not written by `plrep repro` (no manifest.json beside it)")
    (tmp_path / "manifest.json").write_text('{"name": "a web app"}')
    err = usage_error(capsys, "repro", "--quick", "--only", "c8_relu", "--out", tmp_path)
    assert err.endswith("whose manifest.json was not written by `plrep repro`")
    assert page.read_text() == "my site"
    assert usage_error(capsys, "repro", "--out", page).endswith("which is a file")
    # A bad --only is reported before --out is created.
    assert usage_error(capsys, "repro", "--only", "nope", "--out", tmp_path / "new").startswith(
        "plrep: error: `--only` must be one of"
    )
    assert not (tmp_path / "new").exists()


def test_dws_mismatch_is_reported_on_stderr(capsys, monkeypatch):
    import dataclasses

    import plrep.weightspace

    real = plrep.weightspace.dws_blocks

    def off_by_one(widths, *, method="formula"):
        table = real(widths, method=method)
        return dataclasses.replace(table, dims=table.dims + 1) if method == "orbits" else table

    monkeypatch.setattr(plrep.weightspace, "dws_blocks", off_by_one)
    status = main(["dws", "2,3,1", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 1 and strict_json(out)["orbit_count_agrees"] is False
    assert err.startswith("plrep: failed: orbit count ") and err.count("\n") == 1


def test_cli_refuses_widths_beyond_int64(capsys):
    err = usage_error(capsys, "dws", "100000000,100000000")
    assert "`widths` must keep dim End_G(V) <= 2^63 - 1" in err


def test_long_error_lines_are_cut_to_500_characters(capsys):
    err = usage_error(capsys, "group", "x".join(["C2"] * 3000))
    assert len(err) <= len("plrep: error: ") + 500 and "at most 32 factors" in err  # the spec is quoted short
    from plrep.cli import _one_line

    assert (
        _one_line(ValueError("`x` " + "y" * 2000)).endswith("...")
        and len(_one_line(ValueError("y" * 2000))) == 500
    )
    # A size beyond Python's int-parsing limit names the argument (no "Exceeds the limit").
    err = usage_error(capsys, "group", "C" + "9" * 5000)
    assert err.startswith("plrep: error: `group` must")
