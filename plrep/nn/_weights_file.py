"""Save and load equivariant networks as ``.npz`` files (docs/weights_format.md).

The file is a numpy ``.npz`` archive holding

- ``metadata``: a 0-d unicode array with a JSON object ``{"format": "plrep-network",
  "format_version": 1, "architecture": "cyclic-conv", "group": "C8", "activation": "relu",
  "widths": [1, 8, 8], "readout": 3}`` (``readout`` may be ``null``);
- one float array per parameter, named as ``NetworkSpec.parameter_shapes()``:
  ``layers.{l}.weight`` (c_out, c_in, |G|), ``layers.{l}.bias`` (c_out,), and with a read-out
  ``readout.weight`` (outputs, c_L), ``readout.bias`` (outputs,).

Loading never unpickles (``allow_pickle=False``) and never runs code from the file; every
defect is reported as a ``ValueError`` naming the file and the key.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np

from plrep._files import PickledArrayError, read_npz
from plrep._validate import describe
from plrep.nn._network import NetworkParams, NetworkSpec

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "MissingMetadataError", "load", "load_arrays", "save"]


class MissingMetadataError(ValueError):
    """A safe, readable .npz without the ``metadata`` entry: arrays, but no plrep network."""


FORMAT_NAME = "plrep-network"
FORMAT_VERSION = 1
ARCHITECTURE = "cyclic-conv"
_METADATA = "metadata"


def _as_path(path, name: str) -> Path:
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"`{name}` must be a file path (str or Path), got {describe(path)} instead")
    return Path(path)


def save(path, params, *, extra: dict | None = None) -> Path:
    """Write ``params`` (a ``plrep.nn.NetworkParams``) to ``path`` (``.npz`` appended if missing).

    Args:
        path: destination file.
        params: the network.
        extra: optional JSON-serialisable information stored under ``metadata["extra"]``
            (training settings, accuracy); ignored by ``load``.

    Returns:
        The path written.

    Raises:
        TypeError: ``params`` not NetworkParams, ``extra`` not JSON-serialisable, ``path`` not
            a str or PathLike.
        ValueError: arrays of the wrong shape or non-finite, or a path in a missing folder.

    Example:
        >>> import os
        >>> import tempfile
        >>> import jax
        >>> from plrep.nn import NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = save(os.path.join(folder, "net"), params, extra={"steps": 0})
        ...     print(path.name)
        net.npz
    """

    if not isinstance(params, NetworkParams):
        raise TypeError(f"`params` must be NetworkParams, got {describe(params)} instead")
    spec = params.spec
    metadata = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "architecture": ARCHITECTURE,
        "group": spec.group.name,
        "activation": spec.activation,
        "widths": list(spec.widths),
        "readout": spec.readout,
    }
    if extra is not None:
        metadata["extra"] = extra
    try:
        text = json.dumps(metadata)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"`extra` must be JSON-serialisable, got {describe(extra)} instead ({error})"
        ) from None
    # Refuse what load would refuse, so that every file save writes can be read back.
    arrays = {
        name: _check_array(np.asarray(params.arrays.get(name, ())), name, shape, spec, "`params`")
        for name, shape in spec.parameter_shapes().items()
    }
    path = _as_path(path, "path")
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    if path.is_dir() or not path.parent.is_dir():
        problem = "is a directory" if path.is_dir() else "is in a folder that does not exist"
        raise ValueError(
            f"`path` must be a file path in an existing folder, got {str(path)!r}, which {problem}"
        )
    np.savez(path, **{_METADATA: np.array(text)}, **arrays)
    return path


def load(path):
    """Load a network saved by ``save`` or exported in the documented format.

    Returns:
        ``plrep.nn.NetworkParams`` with float32 JAX arrays.

    Raises:
        ValueError: naming the file and key for a file that is not an npz archive, lacks or
            has malformed metadata, has the wrong format version, or has missing, extra,
            misshaped, non-numeric, pickled or non-finite arrays.

    Example:
        >>> import os
        >>> import tempfile
        >>> import jax
        >>> from plrep.nn import NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = save(os.path.join(folder, "net"), params, extra={"steps": 0})
        ...     loaded = load(path)
        >>> loaded.spec == params.spec, loaded.arrays["layers.0.weight"].shape
        (True, (2, 1, 4))
    """
    import jax.numpy as jnp

    spec, arrays = load_arrays(path)
    return NetworkParams(spec, {name: jnp.asarray(value) for name, value in arrays.items()})


def load_arrays(path):
    """Validate a weights file and return ``(NetworkSpec, {name: float32 numpy array})``.

    Raises:
        ValueError: as ``load``.

    Example:
        >>> import os
        >>> import tempfile
        >>> import jax
        >>> from plrep.nn import NetworkSpec, init
        >>> params = init(jax.random.key(0), NetworkSpec("C4", (1, 2), readout=2))
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = save(os.path.join(folder, "net"), params, extra={"steps": 0})
        ...     spec, arrays = load_arrays(path)
        >>> spec.widths, sorted(arrays), arrays["layers.0.weight"].dtype.name
        ((1, 2), ['layers.0.bias', 'layers.0.weight', 'readout.bias', 'readout.weight'], 'float32')
    """

    path = _as_path(path, "weights")
    label = path.name
    if not path.is_file():
        problem = "is a directory" if path.is_dir() else "does not exist"
        raise ValueError(f"`weights` must be an existing .npz file, got {str(path)!r}, which {problem}")
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as error:
        raise ValueError(
            f"`weights` must be a readable file, got {str(path)[:200]!r}: {error.strerror}"
        ) from None
    if not is_zip:
        raise ValueError(
            f"`weights` must be a .npz archive, got {str(path)!r}, which is not in .npz (zip) format"
        )
    try:
        archive = read_npz(path, "weights")  # headers and sizes checked before any data is read
    except PickledArrayError as error:
        raise ValueError(
            f"{label}: `{error.member}` is a pickled object array; plrep never unpickles, store numeric arrays"
        ) from None
    names = set(archive)
    if _METADATA not in names:
        raise MissingMetadataError(
            f"{label}: missing the `metadata` entry (a JSON string); see docs/weights_format.md"
        )
    metadata = _read_metadata(archive[_METADATA], label)
    try:
        spec = NetworkSpec(
            metadata["group"], tuple(metadata["widths"]), metadata["activation"], metadata["readout"]
        )
    except (ValueError, TypeError) as error:
        raise ValueError(f"{label}: invalid metadata: {error}") from None
    expected = spec.parameter_shapes()
    missing = sorted(set(expected) - names)
    extra = sorted(names - set(expected) - {_METADATA})
    if missing:
        raise ValueError(f"{label}: missing parameter array(s) {', '.join(missing)} for {_summary(spec)}")
    if extra:
        raise ValueError(f"{label}: unexpected array(s) {', '.join(extra)} for {_summary(spec)}")
    arrays = {name: _check_array(archive[name], name, shape, spec, label) for name, shape in expected.items()}
    return spec, arrays


def _summary(spec) -> str:
    return f"group {spec.group.name}, widths {list(spec.widths)}, readout {spec.readout}"


def _read_metadata(entry: np.ndarray, label: str) -> dict:
    if entry.dtype.kind not in "US" or entry.size != 1:
        raise ValueError(f"{label}: `metadata` must be a JSON string, got {describe(entry)} instead")
    try:
        metadata = json.loads(str(entry.reshape(()).item()))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{label}: `metadata` must be valid JSON, got a parse error: {error}") from None
    if not isinstance(metadata, dict):
        raise ValueError(f"{label}: `metadata` must be a JSON object, got {describe(metadata)} instead")
    if metadata.get("format") != FORMAT_NAME:
        raise ValueError(
            f"{label}: `metadata.format` must be {FORMAT_NAME!r}, got {describe(metadata.get('format'))} instead"
        )
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ValueError(
            f"{label}: `metadata.format_version` must be {FORMAT_VERSION}, "
            f"got {describe(metadata.get('format_version'))} instead"
        )
    if metadata.get("architecture", ARCHITECTURE) != ARCHITECTURE:
        raise ValueError(
            f"{label}: `metadata.architecture` must be {ARCHITECTURE!r}, "
            f"got {describe(metadata.get('architecture'))} instead"
        )
    for key in ("group", "activation", "widths"):
        if key not in metadata:
            raise ValueError(f"{label}: `metadata` is missing the key {key!r}")
    if not isinstance(metadata["widths"], list):
        raise ValueError(
            f"{label}: `metadata.widths` must be a list of channel counts, got {describe(metadata['widths'])} instead"
        )
    metadata.setdefault("readout", None)
    return metadata


def _check_array(array: np.ndarray, name: str, shape: tuple[int, ...], spec, label: str) -> np.ndarray:
    if array.dtype.kind not in "fiu":
        raise ValueError(f"{label}: `{name}` must be a real numeric array, got dtype {array.dtype} instead")
    if array.shape != shape:
        raise ValueError(
            f"{label}: `{name}` must have shape {shape} for {_summary(spec)}, got shape {array.shape} instead"
        )
    array = array.astype(np.float32)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{label}: `{name}` must contain only finite values, got NaN or infinity instead")
    return array
