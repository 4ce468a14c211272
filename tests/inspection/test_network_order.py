"""Reports list their arrays in the network's order, and say what that order follows.

The reference order is written out by hand in each test (the order the network computes its
layers in), never taken from plrep; names are chosen so that sorting them would give another order.
"""

import json

import jax.numpy as jnp
import numpy as np
import pytest

from plrep.cli import main
from plrep.explorer import model_data
from plrep.inspection import inspect_arrays
from plrep.nn import probe

# A network's layers, named so that alphabetical order is the reverse of the network's.
NETWORK = ["z_embed", "m_hidden", "a_logits"]


def _network(points):
    embed = jnp.cos(2 * jnp.pi * points / 8)[:, None] * jnp.ones((1, 3))
    hidden = jnp.square(embed)
    return {
        "z_embed": embed,
        "m_hidden": hidden,
        "a_logits": hidden @ jnp.ones((3, 2)),
        "scalar": jnp.ones(3),
    }


def test_probe_lists_layers_in_the_order_fn_returns_them():
    report = probe(_network, "C8")
    assert report.names == NETWORK
    assert list(report.skipped) == ["scalar"]
    assert report.order == "the order of the dict fn returns (its insertion order)"
    payload = json.loads(json.dumps(report.to_dict()))
    assert [a["name"] for a in payload["arrays"]] == NETWORK and payload["order"] == report.order
    # The explorer shows the layers in that order without a `layers` field ...
    assert [layer["name"] for layer in model_data(payload)["layers"]] == NETWORK
    # ... and a `layers` field, as reports written before this order carried, still wins.
    legacy = model_data({**payload, "layers": sorted(NETWORK)})
    assert [layer["name"] for layer in legacy["layers"]] == sorted(NETWORK)


def test_probe_over_samples_keeps_the_order_and_the_energies_follow_their_names():
    x = np.random.default_rng(0).normal(size=(5, 8)).astype(np.float32)

    def net(s):
        return {"second": jnp.square(s), "first": s}

    report = probe(net, "C8", x, axis=-1)
    assert report.names == ["second", "first"]
    # energies are the squared norms: each name keeps its own array's, not its neighbour's
    np.testing.assert_allclose(
        report.summaries["first"].totals.sum(), (x.astype(np.float64) ** 2).sum(), rtol=1e-5
    )
    np.testing.assert_allclose(
        report.summaries["second"].totals.sum(), (x.astype(np.float64) ** 4).sum(), rtol=1e-5
    )


def test_a_dict_subclass_keeps_its_order_and_an_unseen_order_is_said_to_be_sorted():
    class Layers(dict):
        pass

    report = probe(lambda p: Layers(b=p[:, None] * 1.0, a=p[:, None] * 2.0), "C8")
    assert report.names == ["b", "a"] and "insertion order" in report.order
    from plrep.nn._probe import _ReturnedOrder

    unseen = _ReturnedOrder(lambda p: {"b": p, "a": p})  # never traced: nothing recorded
    assert unseen.names({"a": 1, "b": 2}) == ["a", "b"] and unseen.described.startswith("sorted by name")


def test_inspect_arrays_keeps_the_given_order():
    t = np.arange(8)
    arrays = {name: np.cos(np.pi * t * (i + 1) / 4)[:, None] for i, name in enumerate(NETWORK)}
    report = inspect_arrays("C8", arrays)
    assert report.names == NETWORK and report.order == "the order the arrays were given in"


def test_cli_archive_lists_members_in_archive_order(tmp_path, capsys):
    t = np.arange(8)
    np.savez(
        tmp_path / "acts.npz",
        **{name: np.cos(np.pi * t * (i + 1) / 4)[:, None] for i, name in enumerate(NETWORK)},
    )
    assert main(["inspect", str(tmp_path / "acts.npz"), "--group", "C8", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in payload["arrays"]] == NETWORK
    assert payload["order"].startswith("the archive's member order")


def test_onnx_tensors_come_in_node_order_not_outputs_first(tmp_path, capsys):
    onnx = pytest.importorskip("onnx", reason="install plrep[onnx] (make test does)")
    pytest.importorskip("onnxruntime", reason="install plrep[onnx] (make test does)")
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    w1, w2 = rng.normal(size=(8, 8)).astype(np.float32), rng.normal(size=(8, 8)).astype(np.float32)
    nodes = [
        helper.make_node("MatMul", ["x", "w1"], ["z_embed"]),
        helper.make_node("Relu", ["z_embed"], ["m_hidden"]),
        helper.make_node("MatMul", ["m_hidden", "w2"], ["a_logits"]),
        helper.make_node("ReduceSum", ["a_logits"], ["b_pooled"], keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 8])],
        # graph outputs listed first by onnxruntime: the logits and the pooled sum
        [
            helper.make_tensor_value_info("b_pooled", TensorProto.FLOAT, []),
            helper.make_tensor_value_info("a_logits", TensorProto.FLOAT, ["N", 8]),
        ],
        initializer=[numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(tmp_path / "net.onnx"))
    np.save(tmp_path / "x.npy", rng.normal(size=(3, 8)).astype(np.float32))
    args = ["inspect", str(tmp_path / "net.onnx"), "--group", "C8", "--axis", "-1"]
    assert main([*args, "--inputs", str(tmp_path / "x.npy"), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [a["name"] for a in payload["arrays"]] == NETWORK
    assert [s["name"] for s in payload["skipped"]] == ["b_pooled"]
    assert payload["order"].startswith("the ONNX graph's node order")
