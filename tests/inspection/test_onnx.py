"""ONNX models built with onnx.helper, inspected through onnxruntime; every energy checked with numpy."""

import json

import numpy as np
import pytest

onnx = pytest.importorskip("onnx", reason="install plrep[onnx] (make test does)")
pytest.importorskip("onnxruntime", reason="install plrep[onnx] (make test does)")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from plrep.cli import main  # noqa: E402
from plrep.gsets import parse_space  # noqa: E402
from plrep.inspection import inspect_onnx  # noqa: E402


def _save(path, nodes, inputs, outputs, weights):
    graph = helper.make_graph(
        nodes,
        "g",
        inputs,
        outputs,
        initializer=[numpy_helper.from_array(w.astype(np.float32), name) for name, w in weights.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def _circulant(kernel):
    n = kernel.size
    return np.array([[kernel[(j - i) % n] for j in range(n)] for i in range(n)])


def _cyclic_energies(f):
    n = f.shape[-1]
    power = np.abs(np.fft.fft(f, axis=-1)) ** 2 / n
    out = power[..., : n // 2 + 1].copy()
    out[..., 1 : (n + 1) // 2] *= 2
    return out


@pytest.fixture
def conv_model(tmp_path):
    """Two circular convolutions (circulant MatMuls) with a ReLU between, on C_10."""
    rng = np.random.default_rng(0)
    c1, c2 = _circulant(rng.normal(size=10)), _circulant(rng.normal(size=10))
    nodes = [
        helper.make_node("MatMul", ["x", "c1"], ["h1"]),
        helper.make_node("Relu", ["h1"], ["r1"]),
        helper.make_node("MatMul", ["r1", "c2"], ["h2"]),
        helper.make_node("ReduceSum", ["h2"], ["pooled"], keepdims=0),
    ]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 10])]
    outputs = [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, [])]
    path = _save(tmp_path / "conv.onnx", nodes, inputs, outputs, {"c1": c1, "c2": c2})
    return path, c1.astype(np.float32), c2.astype(np.float32)


def test_circular_conv_every_tensor_matches_numpy(conv_model):
    path, c1, c2 = conv_model
    x = np.random.default_rng(1).normal(size=(6, 10)).astype(np.float32)
    report = inspect_onnx(path, "C10", x, axis=-1)
    h1 = x.astype(np.float64) @ c1
    r1 = np.maximum(h1, 0)
    want = {"h1": h1, "r1": r1, "h2": r1 @ c2}
    assert sorted(report.summaries) == ["h1", "h2", "r1"]
    for name, act in want.items():
        np.testing.assert_allclose(
            report.summaries[name].energies, _cyclic_energies(act), rtol=1e-4, atol=1e-4
        )
    assert "pooled" in report.skipped


def test_mlp_on_one_hot_pairs_over_cp_x_cp(tmp_path):
    p, width = 5, 6
    rng = np.random.default_rng(2)
    w1, w2 = rng.normal(size=(2 * p, width)), rng.normal(size=(width, p))
    nodes = [
        helper.make_node("MatMul", ["pairs", "w1"], ["pre"]),
        helper.make_node("Relu", ["pre"], ["post"]),
        helper.make_node("MatMul", ["post", "w2"], ["logits"]),
    ]
    inputs = [helper.make_tensor_value_info("pairs", TensorProto.FLOAT, ["N", 2 * p])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", p])]
    path = _save(tmp_path / "mlp.onnx", nodes, inputs, outputs, {"w1": w1, "w2": w2})
    a, b = np.divmod(np.arange(p * p), p)  # point a * p + b of C_p x C_p, row-major
    x = np.concatenate([np.eye(p)[a], np.eye(p)[b]], 1).astype(np.float32)
    report = inspect_onnx(path, f"C{p}xC{p}", x, axis=0)
    group = parse_space(f"C{p}xC{p}").group
    u, v = np.meshgrid(np.arange(p), np.arange(p), indexing="ij")
    ids = group.simple_ids(np.stack([u, v], -1)).ravel()
    pre = x.astype(np.float64) @ w1.astype(np.float32)
    acts = {"pre": pre, "post": np.maximum(pre, 0), "logits": np.maximum(pre, 0) @ w2.astype(np.float32)}
    for name, act in acts.items():
        power = np.abs(np.fft.fft2(act.T.reshape(-1, p, p))) ** 2 / (p * p)
        want = np.stack(
            [power.reshape(act.shape[1], -1)[:, ids == k].sum(1) for k in range(group.num_simples)], 1
        )
        np.testing.assert_allclose(report.summaries[name].energies, want, rtol=1e-4, atol=1e-4)
    # The first layer is linear in one-hot (a, b): only frequencies (k, 0) and (0, k).
    pre_energy = report.summaries["pre"].totals
    mixed = [s.id for s in group.simples if all(s.frequency)]
    assert pre_energy[mixed].max() < 1e-6 * pre_energy.sum()


def test_cli_onnx_json_and_bad_input(conv_model, tmp_path, capsys):
    path, _, _ = conv_model
    x = np.random.default_rng(3).normal(size=(4, 10)).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    args = ["inspect", str(path), "--group", "C10", "--axis", "-1", "--inputs", str(tmp_path / "x.npy")]
    assert main([*args, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in payload["arrays"]] == ["h1", "r1", "h2"]
    assert payload["skipped"][0]["name"] == "pooled"
    np.save(tmp_path / "bad.npy", np.zeros((4, 9), np.float32))
    assert main([*args[:-1], str(tmp_path / "bad.npy")]) == 2
    assert "`--inputs` must have shape ('?', 10)" in capsys.readouterr().err
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"not a model")
    assert main(["inspect", str(broken), "--group", "C10", "--inputs", str(tmp_path / "x.npy")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plrep: error: `model` must be a valid ONNX model") and err.count("\n") == 1
    assert main(["inspect", str(path), "--group", "C10"]) == 2
    assert "`--inputs` must be given" in capsys.readouterr().err


def test_missing_extra_is_a_usage_error(conv_model, tmp_path, capsys, monkeypatch):
    path, _, _ = conv_model
    np.save(tmp_path / "x.npy", np.zeros((2, 10), np.float32))
    monkeypatch.setitem(__import__("sys").modules, "onnxruntime", None)  # import now fails
    assert main(["inspect", str(path), "--group", "C10", "--inputs", str(tmp_path / "x.npy")]) == 2
    assert "install plrep[onnx]" in capsys.readouterr().err


# Hostile models (issue 25, item 2): each is a few hundred bytes; each must be refused on one
# line with status 2 before onnxruntime allocates anything large or runs a loop.
_ANY = ["a", "b"]  # a declared output shape of unknown sizes


def _value(name, shape=_ANY):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def _hostile(tmp_path, kind):
    x = _value("x", ["N", 8])
    const = {}
    if kind == "loop":  # trip count 10^15: would run for ever
        body = helper.make_graph(
            [helper.make_node("Identity", ["c"], ["c_out"]), helper.make_node("Identity", ["v"], ["v_out"])],
            "body",
            [
                helper.make_tensor_value_info("i", TensorProto.INT64, []),
                helper.make_tensor_value_info("c", TensorProto.BOOL, []),
                _value("v"),
            ],
            [helper.make_tensor_value_info("c_out", TensorProto.BOOL, []), _value("v_out")],
        )
        nodes = [helper.make_node("Loop", ["M", "cond", "x"], ["y"], body=body)]
        const = {"M": np.array(10**15, np.int64), "cond": np.array(True)}
    elif kind == "if":
        branch = helper.make_graph([helper.make_node("Identity", ["x"], ["b"])], "branch", [], [_value("b")])
        nodes = [helper.make_node("If", ["cond"], ["y"], then_branch=branch, else_branch=branch)]
        const = {"cond": np.array(True)}
    elif kind == "constant_of_shape":  # 2^30 floats: 4 GiB
        value = helper.make_tensor("v", TensorProto.FLOAT, [1], [1.0])
        nodes = [
            helper.make_node("ConstantOfShape", ["s"], ["big"], value=value),
            helper.make_node("Relu", ["x"], ["y"]),
        ]
        const = {"s": np.array([2**30], np.int64)}
    elif kind == "tile":  # (2^26 N, 8) floats
        nodes = [helper.make_node("Tile", ["x", "r"], ["y"])]
        const = {"r": np.array([2**26, 1], np.int64)}
    elif kind == "many":  # 1,000 exposed intermediates of (2^17, 8): 4 GiB together
        nodes = [helper.make_node("Expand", ["x", "shape"], ["e0"])]
        nodes += [helper.make_node("Add", [f"e{i}", "x"], [f"e{i + 1}"]) for i in range(1000)]
        nodes.append(helper.make_node("Identity", ["e1000"], ["y"]))
        const = {"shape": np.array([2**17, 8], np.int64)}
    graph = helper.make_graph(
        nodes, "g", [x], [_value("y")], initializer=[numpy_helper.from_array(v, k) for k, v in const.items()]
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path / f"{kind}.onnx"
    onnx.save(model, str(path))
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("loop", "control flow"),
        ("if", "control flow"),
        ("constant_of_shape", "bytes"),
        ("tile", "bytes"),
        ("many", "bytes"),
    ],
)
def test_hostile_models_are_refused_before_running(tmp_path, capsys, kind, message):
    import resource

    path = _hostile(tmp_path, kind)
    assert path.stat().st_size < 25_000
    np.save(tmp_path / "x.npy", np.ones((1, 8), np.float32))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status = main(["inspect", str(path), "--group", "C8", "--inputs", str(tmp_path / "x.npy")])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith("plrep: error: `model`") and message in err
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 512 * 1024  # far below the GiBs these models ask for


def test_a_graph_without_inputs_is_refused(tmp_path, capsys):
    value = helper.make_tensor("v", TensorProto.FLOAT, [8], [1.0] * 8)
    graph = helper.make_graph(
        [helper.make_node("Constant", [], ["y"], value=value)], "g", [], [_value("y", [8])]
    )
    path = tmp_path / "none.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))
    np.save(tmp_path / "x.npy", np.ones((1, 8), np.float32))
    assert main(["inspect", str(path), "--group", "C8", "--inputs", str(tmp_path / "x.npy")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "`model` must have an input" in err


def test_a_run_that_decomposes_nothing_fails_and_says_why(conv_model, tmp_path, capsys):
    path, _, _ = conv_model
    np.save(tmp_path / "x.npy", np.ones((3, 10), np.float32))
    # C7 has 7 points: no tensor of this C_10 model has an axis of that length.
    status = main(["inspect", str(path), "--group", "C7", "--inputs", str(tmp_path / "x.npy")])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and err.count("\n") == 1
    assert "no tensor" in err and "7" in err and "h1" in err
    with pytest.raises(ValueError, match="no tensor"):
        inspect_onnx(path, "C7", np.ones((3, 10), np.float32))


def _expanded_chain(path, rows: int, links: int = 200):
    """x (1, 8) expanded to (rows, 8), then `links` Adds: links + 2 float tensors of rows x 8."""
    nodes = [helper.make_node("Expand", ["x", "shape"], ["e0"])]
    nodes += [helper.make_node("Add", [f"e{i}", "x"], [f"e{i + 1}"]) for i in range(links)]
    nodes.append(helper.make_node("Identity", [f"e{links}"], ["y"]))
    shape = numpy_helper.from_array(np.array([rows, 8], np.int64), "shape")
    graph = helper.make_graph(nodes, "g", [_value("x", ["N", 8])], [_value("y")], initializer=[shape])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def test_rows_of_an_onnx_run_are_bounded_before_running(tmp_path, capsys, monkeypatch):
    """200 tensors of (2^14, 8): 100 MB, under the byte cap, but 3.3 million rows of C8."""
    import onnxruntime

    np.save(tmp_path / "x.npy", np.ones((1, 8), np.float32))
    sessions = []
    original = onnxruntime.InferenceSession
    monkeypatch.setattr(
        onnxruntime, "InferenceSession", lambda *a, **k: sessions.append(1) or original(*a, **k)
    )
    big = _expanded_chain(tmp_path / "big.onnx", 2**14)
    argv = ["--group", "C8", "--inputs", str(tmp_path / "x.npy")]
    assert main(["inspect", str(big), *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "3309568 rows" in err and "--max-rows" in err and sessions == []
    small = _expanded_chain(tmp_path / "small.onnx", 64)  # 202 x 64 = 12928 rows
    assert main(["inspect", str(small), *argv, "--max-rows", "12927"]) == 2
    assert "12928 rows" in capsys.readouterr().err and sessions == []
    assert main(["inspect", str(small), *argv, "--max-rows", "12928", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["arrays"]) == 202 and sessions == [1]
