"""ONNX models (PyTorch users: ``torch.onnx.export``): every intermediate tensor, inspected.

The model is loaded with ``onnx`` (a protobuf parser: nothing in the file is executed), every
node output is added to the graph's outputs, and onnxruntime runs it once on ``inputs`` (fed
to the model's first input). A model is sized before it runs, as a file of a few hundred bytes
can ask for gigabytes or loop for ever: control flow (Loop, Scan, If, any node with a subgraph)
is refused, and the shapes of every node output, inferred by ``onnx.shape_inference`` from the
actual input shape (with constant propagation), must be known and hold at most
``MAX_ONNX_TENSOR_BYTES`` together; onnxruntime then runs without its memory arena (memory is
returned as tensors die) and without constant folding of anything larger. Each tensor is then handed to ``inspect_arrays`` with
``skip_mismatched=True``: those with a G-set axis of the right length are decomposed, the
others are listed in the report's ``skipped`` with the reason. Needs ``pip install 'plrep[onnx]'``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from plrep._files import check_input_file
from plrep._validate import check_int, describe
from plrep.gsets import as_gset
from plrep.inspection._report import ONNX_ORDER, InspectionReport, check_rows, inspect_arrays

__all__ = ["MAX_ONNX_BYTES", "MAX_ONNX_TENSOR_BYTES", "inspect_onnx"]

# Model files above this are refused before parsing (protobuf's own limit is 2 GiB).
MAX_ONNX_BYTES = 2**31 - 1
# Every node output comes back to Python, so their bytes add up; the cap of activation archives.
MAX_ONNX_TENSOR_BYTES = 1 << 30
# Ops whose work depends on values (a trip count, a branch) and cannot be sized from shapes.
_CONTROL_FLOW = ("Loop", "Scan", "If")
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


def _in_node_order(names: list[str], model) -> list[str]:
    """``names`` in the network's order: by the node that computes each (ONNX keeps the nodes
    topologically sorted), where the outputs list the graph's own outputs first. Tensors no node
    computes (a graph input passed through) come first, in their listed order."""
    position = {}
    for index, node in enumerate(model.graph.node):
        for slot, name in enumerate(node.output):
            position.setdefault(name, (index, slot))
    return sorted(names, key=lambda name: position.get(name, (-1, 0)))


def _refuse_control_flow(onnx, model) -> None:
    """Loop, Scan, If and any node carrying a subgraph (also inside local functions): refused."""
    graph_kinds = (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS)
    nodes = [*model.graph.node, *(node for function in model.functions for node in function.node)]
    for node in nodes:
        if node.op_type in _CONTROL_FLOW or any(a.type in graph_kinds for a in node.attribute):
            label = node.name or (node.output[0] if node.output else "?")
            raise ValueError(
                f"`model` must not use control flow (Loop, Scan, If or a node with a subgraph), got node "
                f"{label[:80]!r} of type {node.op_type[:40]}: its work cannot be sized before running"
            )


def _first_input(model):
    """The graph input ``inputs`` feeds (initializers listed as inputs by old exporters excluded)."""
    constants = {t.name for t in model.graph.initializer}
    real = [i for i in model.graph.input if i.name not in constants]
    if not real:
        raise ValueError("`model` must have an input to feed `inputs` to, got a graph with none")
    return real[0]


def _feed(onnx, model, inputs) -> dict:
    first = _first_input(model)
    array = np.asarray(inputs)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"`inputs` must be a real numeric array, got {describe(array)} instead")
    tensor = first.type.tensor_type
    dims = [d.dim_value if d.HasField("dim_value") else None for d in tensor.shape.dim]
    if tensor.HasField("shape") and (
        len(dims) != array.ndim
        or any(d is not None and d != n for d, n in zip(dims, array.shape, strict=False))
    ):
        raise ValueError(
            f"`inputs` must have shape {tuple('?' if d is None else d for d in dims)} for input "
            f"{first.name!r} of the model, got shape {array.shape} instead"
        )
    type_name = (
        f"tensor({onnx.helper.tensor_dtype_to_string(tensor.elem_type).removeprefix('TensorProto.').lower()})"
    )
    dtype = _ORT_TYPES.get(type_name)
    if dtype is None:
        raise ValueError(f"`model` input {first.name!r} has type {type_name}, which plrep cannot feed")
    if not np.all(np.isfinite(array)):
        raise ValueError("`inputs` must contain only finite values, got NaN or infinity instead")
    return {first.name: array.astype(dtype)}


def _check_tensor_bytes(onnx, model, feed: dict) -> list[int]:
    """Infer every node output's shape for this input and refuse unknown or too large totals.

    Returns the entry counts of the floating tensors (those ``inspect_arrays`` may decompose).
    """
    sized = onnx.ModelProto()
    sized.CopyFrom(model)
    name, array = next(iter(feed.items()))
    for graph_input in sized.graph.input:
        if graph_input.name == name:
            shape = graph_input.type.tensor_type.shape
            shape.ClearField("dim")
            for n in array.shape:
                shape.dim.add().dim_value = n
    for output in sized.graph.output:  # declared output shapes may be symbolic: infer them too
        output.type.tensor_type.ClearField("shape")
    try:
        inferred = onnx.shape_inference.infer_shapes(sized, strict_mode=False, data_prop=True)
    except Exception:  # noqa: BLE001 - an inference failure leaves every shape unknown, refused below
        inferred = sized
    known = {v.name: v.type.tensor_type for v in [*inferred.graph.value_info, *inferred.graph.output]}
    total, floating = 0, []
    for node in model.graph.node:
        for output in filter(None, node.output):
            tensor = known.get(output)
            dims = [] if tensor is None else list(tensor.shape.dim)
            if (
                tensor is None
                or not tensor.HasField("shape")
                or not all(d.HasField("dim_value") for d in dims)
            ):
                raise ValueError(
                    f"`model` must have tensor shapes that can be inferred before running, got {output[:80]!r} "
                    f"(from a {node.op_type[:40]} node) whose shape depends on the data"
                )
            try:
                dtype = onnx.helper.tensor_dtype_to_np_dtype(tensor.elem_type)
            except (KeyError, TypeError, ValueError):
                dtype = np.dtype(np.float64)
            entries = int(np.prod([d.dim_value for d in dims], dtype=object))
            total += entries * dtype.itemsize
            if dtype.kind == "f":
                floating.append(entries)
            if total > MAX_ONNX_TENSOR_BYTES:
                raise ValueError(
                    f"`model` must produce at most {MAX_ONNX_TENSOR_BYTES} bytes of tensors for these inputs, "
                    f"got more than that by {output[:80]!r} (a {node.op_type[:40]} node of shape "
                    f"{tuple(d.dim_value for d in dims)}); inspect fewer inputs or a smaller model"
                )
    return floating


def inspect_onnx(
    model,
    space,
    inputs,
    *,
    axis=None,
    fibers=False,
    key_fraction: float = 0.9,
    batch_axis=None,
    max_rows: int | None = None,
) -> InspectionReport:
    """Run an ONNX model on ``inputs`` and inspect every intermediate tensor over ``space``.

    Args:
        model: path of a ``.onnx`` file.
        space: a ``GSet``, a group or a spec.
        inputs: the batch fed to the model's first input.
        axis, fibers, key_fraction, batch_axis: as in ``inspect_arrays`` (``batch_axis=0``: the
            samples of ``inputs`` are summed over, not counted as units).
        max_rows: as in ``inspect_arrays``; checked from the inferred shapes, before running.

    Returns:
        An ``InspectionReport`` (``source`` = the file name); tensors without a fitting G-set
        axis and non-floating tensors are in ``skipped``. At least one tensor is decomposed.

    Raises:
        ImportError: onnx/onnxruntime missing ("install plrep[onnx]").
        ValueError, TypeError: a model that fails to load or run, inputs of the wrong shape,
            NaN or infinity in a tensor; a model with control flow, with no input, or whose
            tensors for these inputs cannot be sized from shapes or exceed
            ``MAX_ONNX_TENSOR_BYTES`` (all refused before running); no tensor that fits ``space``.
    """
    if not isinstance(model, str | Path):
        raise TypeError(f"`model` must be a path to a .onnx file, got {describe(model)} instead")
    gset = as_gset(space)
    onnx, ort = _modules()
    loaded = _load(onnx, Path(model))
    _refuse_control_flow(onnx, loaded)
    feed = _feed(onnx, loaded, inputs)
    if max_rows is not None:
        max_rows = check_int(max_rows, "max_rows", minimum=1)
    check_rows(_check_tensor_bytes(onnx, loaded, feed), gset.size, max_rows, "model")
    proto = _expose_intermediates(onnx, loaded)
    options = ort.SessionOptions()
    options.enable_cpu_mem_arena = False  # no arena that grows and keeps its peak
    options.log_severity_level = 3  # onnxruntime's warnings would print around plrep's one line
    try:
        session = ort.InferenceSession(proto.SerializeToString(), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # noqa: BLE001 - onnxruntime's errors are its own types
        raise ValueError(f"`model` must be runnable by onnxruntime, got {str(model)!r}: {error}") from None
    names = _in_node_order([o.name for o in session.get_outputs()], loaded)
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
    summaries, mismatched = {}, {}
    if arrays:
        report = inspect_arrays(
            gset,
            arrays,
            axis=axis,
            fibers=fibers,
            key_fraction=key_fraction,
            batch_axis=batch_axis,
            max_rows=max_rows,
            skip_mismatched=True,
            source=Path(model).name,
        )
        summaries, mismatched = report.summaries, report.skipped
    merged = {**mismatched, **skipped}
    skipped = {name: merged[name] for name in names if name in merged}
    if not summaries:  # an empty report would read as success: say why nothing was decomposed
        # The largest floating tensor's reason is the telling one (a scalar's is not).
        example = max(arrays, key=lambda key: arrays[key].size, default=next(iter(skipped), None))
        names = ", ".join(repr(name[:40]) for name in list(skipped)[:6]) + (
            ", ..." if len(skipped) > 6 else ""
        )
        reason = f"; e.g. {example[:80]!r}: {skipped[example][:240]}" if example is not None else ""
        raise ValueError(
            f"`space` must fit some tensor of {Path(model).name[:80]!r}, got {gset.group.name} "
            f"({gset.size} points), which fits no tensor (skipped: {names or 'none'}){reason}"
        )
    return InspectionReport(gset, summaries, skipped, Path(model).name, order=ONNX_ORDER)
