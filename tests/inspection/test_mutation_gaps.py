"""Issue 25 item 12: report details that single-line mutations could change unnoticed.

Surviving mutations were: the default G-set axis with ``fibers=True`` (must be the last axis,
not the first axis of length |X|), non-floating ONNX tensors vanishing from ``skipped``, and the
printed "median unit purity" computed as a mean. Each reference is computed here with numpy.
"""

from __future__ import annotations

import numpy as np
import pytest

import plrep
from plrep.inspection import gset_layout, inspect_arrays, inspect_onnx


def test_fibers_default_to_the_last_axis_even_when_another_has_length_size():
    x = np.arange(8 * 16, dtype=float).reshape(8, 16)  # axis 0 has |X| = 8 points too
    laid = gset_layout(x, 8, fibers=True)
    assert laid.shape == (8, 2, 8)
    assert np.array_equal(laid, x.reshape(8, 2, 8))  # fibres: consecutive blocks of |X| on the last axis


def test_printed_median_purity_is_the_median():
    # Three units on C4 with purities 1, 1 and 0.25: median 1, mean 0.75. Purity of a unit is
    # its largest energy share (plrep.decomposition.summarize_energies).
    units = np.array(
        [
            [1.0, 1.0, 1.0, 1.0],  # all in L0: purity 1
            [1.0, -1.0, 1.0, -1.0],  # all in L2: purity 1
            [1.0, 0.0, 0.0, 0.0],  # energies 1/4, 1/2, 1/4 of L0, L1, L2: purity 0.5
        ]
    )
    report = inspect_arrays("C4", {"h": units}, axis=-1)
    purity = report.summaries["h"].purity
    assert np.allclose(purity, [1.0, 1.0, 0.5])
    assert "median unit purity 1.000" in report.table()


onnx = pytest.importorskip("onnx", reason="install plrep[onnx] (make test does)")
pytest.importorskip("onnxruntime", reason="install plrep[onnx] (make test does)")


def test_non_floating_onnx_tensors_are_listed_as_skipped(tmp_path):
    from onnx import TensorProto, helper

    nodes = [
        helper.make_node("Relu", ["x"], ["r"]),
        helper.make_node("Cast", ["r"], ["as_int"], to=TensorProto.INT64),
        helper.make_node("Cast", ["as_int"], ["back"], to=TensorProto.FLOAT),
    ]
    graph = helper.make_graph(
        nodes,
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 8])],
        [helper.make_tensor_value_info("back", TensorProto.FLOAT, ["N", 8])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = tmp_path / "cast.onnx"
    onnx.save(model, str(path))
    x = np.random.default_rng(0).normal(size=(4, 8)).astype(np.float32) * 5
    report = inspect_onnx(path, plrep.cyclic(8), x, axis=-1)
    assert "r" in report.summaries and "back" in report.summaries
    assert report.skipped.get("as_int") == "dtype int64 is not floating"
