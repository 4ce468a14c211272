"""Inspect anyone's model: named arrays over a G-set, activation archives, ONNX graphs.

``inspect_arrays(space, {name: array}, axis=...)`` decomposes each array along its G-set axis
and returns an ``InspectionReport`` (per array: energy per simple, key simples, per-unit
dominant simple and purity). ``load_archive`` reads a framework-neutral ``.npz`` of named
arrays safely; ``inspect_onnx`` (needs ``plrep[onnx]``) runs an ONNX model with onnxruntime
and inspects every intermediate tensor. JAX functions are probed by ``plrep.nn.probe``, which
returns the same report.
"""

from plrep.inspection._archive import MAX_ARCHIVE_BYTES, load_archive
from plrep.inspection._onnx import MAX_ONNX_BYTES, MAX_ONNX_TENSOR_BYTES, inspect_onnx
from plrep.inspection._report import InspectionReport, gset_layout, inspect_arrays

__all__ = [
    "MAX_ARCHIVE_BYTES",
    "MAX_ONNX_BYTES",
    "MAX_ONNX_TENSOR_BYTES",
    "InspectionReport",
    "gset_layout",
    "inspect_arrays",
    "inspect_onnx",
    "load_archive",
]
