"""The Model panel's data: a trained network's energies per simple, layer by layer, from a report.

Two JSON shapes are read (and nothing else of them):

* an inspection report: ``plrep inspect ... --group G --format json``, ``plrep.nn.probe(...)``
  or ``inspect_arrays(...)`` written with ``report.to_dict()`` (a case study may wrap it as
  ``{"report": {...}}``). Fields read: ``group``, ``simples[].id``/``name``, ``arrays[].name``,
  ``arrays[].totals`` (||P_L f||^2 summed over units and samples), ``skipped[].name``/``reason``,
  ``source``, and two optional fields a case study may add: ``activation`` (a plrep activation
  name, the page's default), ``layers`` (array names in the order to show; by default the
  report's own, the network's order; older plrep versions listed a probe's arrays by name) and ``steps`` (one of ``"sigma"``,
  ``"linear"``, ``"both"`` per step between consecutive layers).
* a network's frequency flow: ``plrep inspect WEIGHTS.npz --format json``. Fields read:
  ``network.activation``, ``flow.group``, ``flow.simples``, ``flow.sources`` (input simples, or
  ``"data"``), ``flow.input`` (source, simple) and ``flow.pre``/``flow.post`` (source, layer,
  simple). The layers are input, pre 1, post 1, pre 2, ...: input -> pre is an equivariant linear
  map (it keeps each simple), pre -> post is sigma.

Checks happen before anything is drawn: the group must parse, have at most ``MAX_REPORT_ORDER``
elements, and its simples must be the report's (same ids and names); every energy is a finite
non-negative number and each layer has one per simple.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from plrep._validate import describe
from plrep.groups import parse_group

__all__ = [
    "DEFAULT_MARGIN",
    "MAX_REPORT_BYTES",
    "MAX_REPORT_LAYERS",
    "MAX_REPORT_ORDER",
    "MODEL_MARGINS",
    "STEPS",
    "model_data",
    "read_report",
]

# A report's JSON is read whole; per-unit energies of a wide layer over C_59 x C_59 are ~10 MB.
MAX_REPORT_BYTES = 256 * 2**20
MAX_REPORT_LAYERS = 512
# C_59 x C_59 (the modular-addition study) is 3481; the page draws its 1741 simples as a grid.
MAX_REPORT_ORDER = 4096
# A simple is in a layer's support when it holds at least this share of the layer's energy; the
# page offers these margins (float32 activations leave ~1e-7 of round-off energy per simple).
MODEL_MARGINS = (1e-9, 1e-6, 1e-4, 1e-3, 1e-2)
DEFAULT_MARGIN = 1e-6
STEPS = ("sigma", "linear", "both")


def read_report(path, argument: str = "report") -> dict:
    """The JSON object of a report file, size-checked before it is read.

    Raises:
        ValueError: a missing, oversized or non-JSON file, or JSON that is not an object.

    Example:
        >>> import json, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = Path(folder) / "r.json"
        ...     _ = path.write_text(json.dumps({"group": "C4"}))
        ...     read_report(path)
        {'group': 'C4'}
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ValueError(
                f"`{argument}` must be a JSON file, got {str(path)!r}, which is not a regular file"
            )
        if size > MAX_REPORT_BYTES:
            raise ValueError(
                f"`{argument}` must be a JSON file of at most {MAX_REPORT_BYTES >> 20} MiB, "
                f"got {str(path)!r} of {size / 2**20:.0f} MiB"
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_REPORT_BYTES + 1)
    except OSError as error:
        raise ValueError(
            f"`{argument}` must be a readable JSON file, got {str(path)[:200]!r}: {error.strerror or error}"
        ) from None
    try:
        payload = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError) as error:  # JSONDecodeError, or NaN / Infinity
        raise ValueError(f"`{argument}` must be a JSON file, got {str(path)!r}: {error}") from None
    except RecursionError:  # json's decoder recurses once per nested array or object
        raise ValueError(
            f"`{argument}` must be a JSON file nested at most a few hundred levels deep, got {str(path)!r}, nested deeper"
        ) from None
    if not isinstance(payload, dict):
        raise ValueError(f"`{argument}` must hold a JSON object, got {describe(payload)} in {str(path)!r}")
    return payload


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _energies(values, width: int, where: str) -> list[float]:
    if not isinstance(values, list) or len(values) != width:
        raise ValueError(
            f"{where} must list {width} energies (one per simple), got {describe(values)} instead"
        )
    out = []
    for value in values:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise ValueError(f"{where} must hold finite non-negative energies, got {value!r} instead")
        out.append(float(value))
    return out


def _group(spec, simples, where: str):
    if not isinstance(spec, str):
        raise ValueError(f"{where} must name a group such as 'C23xC23', got {describe(spec)} instead")
    group = parse_group(spec)
    if group.order > MAX_REPORT_ORDER:
        raise ValueError(
            f"{where} must be a group of order at most {MAX_REPORT_ORDER}, got {spec!r} of order {group.order}"
        )
    expected = [(s.id, s.name) for s in group.simples]
    found = [(s.get("id"), s.get("name")) for s in simples] if isinstance(simples, list) else None
    if found is not None and any(not isinstance(s, dict) for s in simples):
        found = None
    if found != expected:
        raise ValueError(
            f"the report's simples must be those of {group.name} ({len(expected)} simples, ids 0.."
            f"{len(expected) - 1}, as plrep numbers them), got {describe(simples)} instead"
        )
    return group


def _steps(raw, count: int) -> list[str | None]:
    if raw is None:
        return [None] * count
    if not isinstance(raw, list) or len(raw) != count or any(s not in STEPS for s in raw):
        raise ValueError(
            f"the report's `steps` must list {count} of {', '.join(STEPS)} (one per step between arrays), "
            f"got {describe(raw)} instead"
        )
    return list(raw)


def _ordered(arrays: list, order) -> list:
    if order is None:
        return arrays
    named = {a.get("name"): a for a in arrays if isinstance(a, dict)}
    if (
        not isinstance(order, list)
        or not order
        or len(set(map(str, order))) != len(order)
        or any(name not in named for name in order)
    ):
        raise ValueError(
            f"the report's `layers` must list distinct names of its arrays ({', '.join(map(str, named))}), "
            f"got {describe(order)} instead"
        )
    return [named[name] for name in order]


def _activation(raw) -> str | None:
    if raw is None:
        return None
    from plrep.activations import activation

    if not isinstance(raw, str):
        raise ValueError(
            f"the report's `activation` must be a plrep activation name, got {describe(raw)} instead"
        )
    return activation(raw).name


def _from_inspection(report: dict, label: str) -> dict:
    group = _group(report.get("group"), report.get("simples"), "the report's `group`")
    arrays = report.get("arrays")
    if not isinstance(arrays, list) or not arrays or len(arrays) > MAX_REPORT_LAYERS:
        raise ValueError(
            f"the report's `arrays` must list 1 to {MAX_REPORT_LAYERS} arrays, got {describe(arrays)} instead"
        )
    arrays = _ordered(arrays, report.get("layers"))
    layers, energies = [], []
    steps = _steps(report.get("steps"), len(arrays) - 1)
    for index, array in enumerate(arrays):
        name = array.get("name") if isinstance(array, dict) else None
        if not isinstance(name, str):
            raise ValueError(
                f"the report's arrays[{index}] must be an object with a `name`, got {describe(array)}"
            )
        energies.append(
            _energies(array.get("totals"), group.num_simples, f"arrays[{index}] ({name!r}).totals")
        )
        layers.append({"name": name, "step": steps[index - 1] if index else None})
    skipped = [
        {"name": str(s.get("name")), "reason": str(s.get("reason"))}
        for s in report.get("skipped") or []
        if isinstance(s, dict)
    ]
    return {
        "label": label,
        "kind": "inspection",
        "source": str(report.get("source", "")),
        "group": group.name,
        "activation": _activation(report.get("activation")),
        "inputs": ["all inputs"],
        "layers": layers,
        "energies": [energies],
        "skipped": skipped,
    }


def _from_flow(payload: dict, label: str) -> dict:
    flow = payload["flow"]
    if not isinstance(flow, dict):
        raise ValueError(f"the report's `flow` must be an object, got {describe(flow)} instead")
    group = _group(flow.get("group"), flow.get("simples"), "the report's `flow.group`")
    sources, width = flow.get("sources"), group.num_simples
    if not isinstance(sources, list) or not sources:
        raise ValueError(
            f"the report's `flow.sources` must be a non-empty list, got {describe(sources)} instead"
        )
    names = {s.id: s.name for s in group.simples}
    inputs = [f"input in {names[s]}" if isinstance(s, int) and s in names else str(s) for s in sources]
    pre, post, first = flow.get("pre"), flow.get("post"), flow.get("input")
    for key, value in (("pre", pre), ("post", post), ("input", first)):
        if not isinstance(value, list) or len(value) != len(sources):
            raise ValueError(
                f"the report's `flow.{key}` must have one entry per source, got {describe(value)}"
            )
    depth = len(pre[0]) if isinstance(pre[0], list) else -1
    if not 1 <= depth <= MAX_REPORT_LAYERS // 2:
        raise ValueError(f"the report's `flow.pre` must hold 1 to {MAX_REPORT_LAYERS // 2} layers per source")
    energies = []
    for i in range(len(sources)):
        rows = [_energies(first[i], width, f"flow.input[{i}]")]
        for layer in range(depth):
            for key, stage in (("pre", pre), ("post", post)):
                if not isinstance(stage[i], list) or len(stage[i]) != depth:
                    raise ValueError(f"the report's `flow.{key}[{i}]` must hold {depth} layers")
                rows.append(_energies(stage[i][layer], width, f"flow.{key}[{i}][{layer}]"))
        energies.append(rows)
    layers = [{"name": "input", "step": None}]
    for layer in range(1, depth + 1):
        layers += [{"name": f"pre {layer}", "step": "linear"}, {"name": f"post {layer}", "step": "sigma"}]
    network = payload.get("network") if isinstance(payload.get("network"), dict) else {}
    return {
        "label": label,
        "kind": "flow",
        "source": str(payload.get("weights", "")),
        "group": group.name,
        "activation": _activation(network.get("activation")),
        "inputs": inputs,
        "layers": layers,
        "energies": energies,
        "skipped": [],
    }


def model_data(report: dict, label: str = "report") -> dict:
    """The Model panel's data from a report's JSON object (module docstring: the fields read).

    Returns:
        {"label", "kind", "source", "group", "activation" (or None), "inputs" (one name per
        input source), "layers" ([{"name", "step"}]), "energies" (source, layer, simple),
        "skipped"}.

    Raises:
        ValueError: a report of neither shape, a group that is not the report's simples, a layer
            without one finite non-negative energy per simple.

    Example:
        >>> report = {"group": "C4", "simples": [{"id": 0, "name": "L0"}, {"id": 1, "name": "L1"},
        ...           {"id": 2, "name": "L2"}], "arrays": [{"name": "h", "totals": [1.0, 0.0, 2.0]}]}
        >>> data = model_data(report)
        >>> data["group"], [layer["name"] for layer in data["layers"]], data["energies"][0][0]
        ('C4', ['h'], [1.0, 0.0, 2.0])
    """
    if not isinstance(report, dict):
        raise ValueError(f"`report` must be a JSON object, got {describe(report)} instead")
    if isinstance(report.get("report"), dict) and "arrays" not in report:
        report = report["report"]  # a case study's JSON holding an inspection report
    if "arrays" in report:
        return _from_inspection(report, label)
    if "flow" in report:
        return _from_flow(report, label)
    raise ValueError(
        "`report` must be the JSON of `plrep inspect ... --format json` (an inspection report with "
        "`arrays`, or a network's `flow`) or of `plrep.nn.probe(...).to_dict()`, got an object with keys "
        f"{sorted(report)[:8]} instead"
    )
