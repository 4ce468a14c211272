"""plrep.nn: save -> load round trip and every malformed file rejected with its message."""

import json
import pickle

import jax
import numpy as np
import pytest

from plrep.nn import NetworkParams, NetworkSpec, apply, init, load, load_arrays, save

SPEC = NetworkSpec("C8", (1, 3, 2), "leaky_relu", readout=4)


@pytest.fixture(scope="module")
def params():
    base = init(jax.random.key(0), SPEC)
    rng = np.random.default_rng(0)
    return NetworkParams(
        SPEC, {k: v + rng.normal(size=v.shape).astype(np.float32) for k, v in base.arrays.items()}
    )


def metadata(**changes):
    meta = {
        "format": "plrep-network",
        "format_version": 1,
        "architecture": "cyclic-conv",
        "group": "C8",
        "activation": "leaky_relu",
        "widths": [1, 3, 2],
        "readout": 4,
    }
    meta.update(changes)
    return np.array(json.dumps(meta))


def arrays(params):
    return {k: np.asarray(v) for k, v in params.arrays.items()}


def write(tmp_path, entries, name="net.npz"):
    path = tmp_path / name
    np.savez(path, **entries)
    return path


def test_save_load_gives_identical_outputs(tmp_path, params):
    path = save(tmp_path / "net", params, extra={"note": "test"})
    assert path.name == "net.npz"
    loaded = load(path)
    assert loaded.spec == SPEC
    x = np.random.default_rng(1).normal(size=(5, 1, 8))
    np.testing.assert_array_equal(apply(loaded, x), apply(params, x))
    for name, value in params.arrays.items():
        np.testing.assert_array_equal(loaded.arrays[name], value)


def test_a_product_group_without_readout_round_trips(tmp_path):
    spec = NetworkSpec("C3xC4", (2, 2), "abs")
    params = init(jax.random.key(1), spec)
    loaded = load(save(tmp_path / "p.npz", params))
    assert loaded.spec == spec
    x = np.random.default_rng(2).normal(size=(2, 2, 12))
    np.testing.assert_array_equal(apply(loaded, x), apply(params, x))


def test_hand_written_export_in_float64_is_accepted(tmp_path, params):
    # What docs/weights_format.md tells users to write: metadata + float64 arrays.
    entries = {k: v.astype(np.float64) for k, v in arrays(params).items()}
    spec, loaded = load_arrays(write(tmp_path, {"metadata": metadata(), **entries}))
    assert spec == SPEC and loaded["layers.0.weight"].dtype == np.float32


def test_missing_file_and_non_npz_files(tmp_path):
    with pytest.raises(
        ValueError, match=r"^`weights` must be an existing \.npz file, got .*, which does not exist$"
    ):
        load(tmp_path / "absent.npz")
    text = tmp_path / "notes.npz"
    text.write_text("hello")
    with pytest.raises(ValueError, match=r"which is not in \.npz \(zip\) format$"):
        load(text)
    npy = tmp_path / "single.npy"
    np.save(npy, np.zeros(3))
    with pytest.raises(ValueError, match=r"which is not in \.npz \(zip\) format$"):
        load(npy)


def test_missing_metadata(tmp_path, params):
    path = write(tmp_path, arrays(params))
    with pytest.raises(ValueError) as error:
        load(path)
    assert (
        str(error.value)
        == "net.npz: missing the `metadata` entry (a JSON string); see docs/weights_format.md"
    )


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (np.array("{not json"), "net.npz: `metadata` must be valid JSON, got a parse error: "),
        (np.array("[1, 2]"), "net.npz: `metadata` must be a JSON object, got [1, 2] instead"),
        (
            np.zeros(3),
            "net.npz: `metadata` must be a JSON string, got an array of shape (3,) and dtype float64",
        ),
        (metadata(format_version=2), "net.npz: `metadata.format_version` must be 1, got 2 instead"),
        (metadata(format="keras"), "net.npz: `metadata.format` must be 'plrep-network', got 'keras' instead"),
        (metadata(architecture="mlp"), "net.npz: `metadata.architecture` must be 'cyclic-conv', got 'mlp'"),
        (
            metadata(group="D8"),
            "net.npz: invalid metadata: `group` must be a CyclicProduct or a spec such as 'C8', got PermutationGroup(D8",
        ),
        (metadata(activation="swish"), "net.npz: invalid metadata: `activation` must be one of"),
        (metadata(widths=[1]), "net.npz: invalid metadata: `widths` must be a sequence of at least two"),
        (
            metadata(widths="1,3"),
            "net.npz: `metadata.widths` must be a list of channel counts, got '1,3' instead",
        ),
    ],
)
def test_malformed_metadata(tmp_path, params, meta, message):
    path = write(tmp_path, {"metadata": meta, **arrays(params)})
    with pytest.raises(ValueError) as error:
        load(path)
    assert str(error.value).startswith(message)


def test_metadata_missing_a_key(tmp_path, params):
    meta = json.loads(str(metadata()))
    del meta["activation"]
    path = write(tmp_path, {"metadata": np.array(json.dumps(meta)), **arrays(params)})
    with pytest.raises(ValueError, match=r"^net\.npz: `metadata` is missing the key 'activation'$"):
        load(path)


def test_missing_extra_and_misshaped_arrays(tmp_path, params):
    entries = arrays(params)
    del entries["layers.1.bias"]
    with pytest.raises(ValueError) as error:
        load(write(tmp_path, {"metadata": metadata(), **entries}))
    assert str(error.value) == (
        "net.npz: missing parameter array(s) layers.1.bias for group C8, widths [1, 3, 2], readout 4"
    )
    with pytest.raises(ValueError) as error:
        load(write(tmp_path, {"metadata": metadata(), **arrays(params), "layers.9.weight": np.zeros(2)}))
    assert (
        str(error.value)
        == "net.npz: unexpected array(s) layers.9.weight for group C8, widths [1, 3, 2], readout 4"
    )


def test_group_that_does_not_match_the_weights(tmp_path, params):
    # Weights for C8 declared as C10: the first filter has the wrong length.
    with pytest.raises(ValueError) as error:
        load(write(tmp_path, {"metadata": metadata(group="C10"), **arrays(params)}))
    assert str(error.value) == (
        "net.npz: `layers.0.weight` must have shape (3, 1, 10) for group C10, widths [1, 3, 2], readout 4, "
        "got shape (3, 1, 8) instead"
    )


def test_nan_and_non_numeric_arrays(tmp_path, params):
    entries = arrays(params)
    entries["readout.bias"] = np.array([0.0, np.nan, 0.0, 0.0])
    with pytest.raises(ValueError) as error:
        load(write(tmp_path, {"metadata": metadata(), **entries}))
    assert (
        str(error.value)
        == "net.npz: `readout.bias` must contain only finite values, got NaN or infinity instead"
    )
    entries["readout.bias"] = np.array(["a", "b", "c", "d"])
    with pytest.raises(
        ValueError, match=r"^net.npz: `readout.bias` must be a real numeric array, got dtype <U1"
    ):
        load(write(tmp_path, {"metadata": metadata(), **entries}))
    entries["readout.bias"] = np.ones(4, dtype=np.complex64)
    with pytest.raises(ValueError, match=r"must be a real numeric array, got dtype complex64 instead$"):
        load(write(tmp_path, {"metadata": metadata(), **entries}))


class _Payload:
    """Unpickling this would create a file: proof that loading never unpickles."""

    def __init__(self, target):
        self.target = target

    def __reduce__(self):
        return (open, (str(self.target), "w"))


def test_pickled_object_arrays_are_refused_without_unpickling(tmp_path, params):
    target = tmp_path / "pwned.txt"
    entries = arrays(params)
    entries["layers.0.bias"] = np.array([_Payload(target), 1, 2], dtype=object)
    path = write(tmp_path, {"metadata": metadata(), **entries})
    assert pickle.dumps(_Payload(target))  # the payload really is picklable
    with pytest.raises(ValueError) as error:
        load(path)
    assert str(error.value) == (
        "net.npz: `layers.0.bias` is a pickled object array; plrep never unpickles, store numeric arrays"
    )
    assert not target.exists()
    with pytest.raises(ValueError, match=r"^net\.npz: `metadata` is a pickled object array"):
        load(write(tmp_path, {"metadata": np.array([{"group": "C8"}], dtype=object), **arrays(params)}))


def test_save_rejects_non_params(tmp_path):
    with pytest.raises(TypeError, match=r"^`params` must be NetworkParams, got \{\} instead$"):
        save(tmp_path / "x.npz", {})


def test_the_documented_export_example_runs_and_matches_its_reference(tmp_path, monkeypatch, capsys):
    # docs/weights_format.md promises users a working conversion recipe: run its code blocks.
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "weights_format.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", text, re.S))
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "docs/weights_format.md", "exec"), {})
    assert float(capsys.readouterr().out.strip()) < 1e-4
    assert load(tmp_path / "exported.npz").spec == NetworkSpec("C32", (1, 8, 8), "relu", readout=3)
