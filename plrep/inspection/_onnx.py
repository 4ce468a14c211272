"""ONNX models (PyTorch users: ``torch.onnx.export``): every intermediate tensor, inspected.

The model is loaded with ``onnx`` (a protobuf parser: nothing in the file is executed), every
node output is added to the graph's outputs, and onnxruntime runs it once on ``inputs`` (fed
to the model's first input). Each tensor is then handed to ``inspect_arrays`` with
``skip_mismatched=True``: those with a G-set axis of the right length are decomposed, the
others are listed in the report's ``skipped`` with the reason. Needs ``pip install 'plrep[onnx]'``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plrep._files import check_input_file
from plrep._validate import describe
from plrep.gsets import as_gset
from plrep.inspection._report import InspectionReport, inspect_arrays

__all__ = ["MAX_ONNX_BYTES", "inspect_onnx"]

# Model files above this are refused before parsing (protobuf's own limit is 2 GiB).
MAX_ONNX_BYTES = 2**31 - 1
_ORT_TYPES = {
    "tensor(float)": np.float32,
    "tensor(double)": np.float64,
    "tensor(int64)": np.int64,
    "tensor(int32)": np.int32,
    "tensor(float16)": np.float16,
}


def _modules():
    try:
        import onnx
        import onnxruntime
    except ImportError:
        raise ImportError(
            "ONNX models need the optional extra onnx: install plrep[onnx] (pip install 'plrep[onnx]')"
        ) from None
    return onnx, onnxruntime


def _load(onnx, path: Path):
    check_input_file(path, "model", ".onnx")  # never opens a FIFO, never reads /dev/zero
    if path.stat().st_size > MAX_ONNX_BYTES:
        raise ValueError(f"`model` must be at most {MAX_ONNX_BYTES} bytes, got {path.stat().st_size}")
    try:
        model = onnx.load(str(path), load_external_data=False)
        onnx.checker.check_model(model)
    except Exception as error:  # noqa: BLE001 - protobuf and the checker raise many types
        raise ValueError(f"`model` must be a valid ONNX model, got {str(path)!r}: {error}") from None
    return model


def _expose_intermediates(onnx, model):
    """Add every node output to the graph outputs (types from shape inference, else unknown)."""
    try:
        inferred = onnx.shape_inference.infer_shapes(model)
    except Exception:  # noqa: BLE001 - inference is a convenience; outputs work without types
        inferred = model
    known = {v.name: v for v in [*inferred.graph.value_info, *inferred.graph.output]}
    present = {o.name for o in model.graph.output}
    for node in model.graph.node:
        for name in node.output:
            if name and name not in present:
                info = known.get(name) or onnx.helper.ValueInfoProto(name=name)
                model.graph.output.append(info)
                present.add(name)
    return model


def _feed(session, inputs) -> dict:
    first = session.get_inputs()[0]
    array = np.asarray(inputs)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"`inputs` must be a real numeric array, got {describe(array)} instead")
    dims = first.shape
    if len(dims) != array.ndim or any(
        isinstance(d, int) and d != n for d, n in zip(dims, array.shape, strict=False)
    ):
        raise ValueError(
            f"`inputs` must have shape {tuple(d if isinstance(d, int) else '?' for d in dims)} for input "
            f"{first.name!r} of the model, got shape {array.shape} instead"
        )
    dtype = _ORT_TYPES.get(first.type)
    if dtype is None:
        raise ValueError(f"`model` input {first.name!r} has type {first.type}, which plrep cannot feed")
    if not np.all(np.isfinite(array)):
        raise ValueError("`inputs` must contain only finite values, got NaN or infinity instead")
    return {first.name: array.astype(dtype)}


def inspect_onnx(
    model, space, inputs, *, axis=None, fibers=False, key_fraction: float = 0.9
) -> InspectionReport:
    """Run an ONNX model on ``inputs`` and inspect every intermediate tensor over ``space``.

    Args:
        model: path of a ``.onnx`` file.
        space: a ``GSet``, a group or a spec.
        inputs: the batch fed to the model's first input.
        axis, fibers, key_fraction: as in ``inspect_arrays``.

    Returns:
        An ``InspectionReport`` (``source`` = the file name); tensors without a fitting G-set
        axis and non-floating tensors are in ``skipped``.

    Raises:
        ImportError: onnx/onnxruntime missing ("install plrep[onnx]").
        ValueError, TypeError: a model that fails to load or run, inputs of the wrong shape,
            NaN or infinity in a tensor.
    """
    if not isinstance(model, str | Path):
        raise TypeError(f"`model` must be a path to a .onnx file, got {describe(model)} instead")
    gset = as_gset(space)
    onnx, ort = _modules()
    proto = _expose_intermediates(onnx, _load(onnx, Path(model)))
    try:
        session = ort.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    except Exception as error:  # noqa: BLE001 - onnxruntime's errors are its own types
        raise ValueError(f"`model` must be runnable by onnxruntime, got {str(model)!r}: {error}") from None
    feed = _feed(session, inputs)
    names = [o.name for o in session.get_outputs()]
    try:
        values = session.run(names, feed)
    except Exception as error:  # noqa: BLE001
        raise ValueError(f"`inputs` could not be run through {str(model)!r}: {error}") from None
    arrays, skipped = {}, {}
    for name, value in zip(names, values, strict=True):
        value = np.asarray(value)
        if value.dtype.kind != "f":
            skipped[name] = f"dtype {value.dtype} is not floating"
        elif not np.all(np.isfinite(value)):
            raise ValueError(
                f"`inputs` must give finite activations, got NaN or infinity in {name!r} of {str(model)!r}"
            )
        else:
            arrays[name] = value
    if not arrays:
        return InspectionReport(gset, {}, skipped, Path(model).name)
    report = inspect_arrays(
        gset,
        arrays,
        axis=axis,
        fibers=fibers,
        key_fraction=key_fraction,
        skip_mismatched=True,
        source=Path(model).name,
    )
    return InspectionReport(gset, report.summaries, {**report.skipped, **skipped}, report.source)
