"""The library's imports point down the layers only, and no two modules import each other.

Layers, bottom first (a module may import its own folder and any lower layer, nothing else):

    _validate, _files, _html  <  activations  <  groups  <  gsets  <  decomposition  <  equivariant
    <  maps, spectra, weightspace  <  graphs, testing  <  inspection  <  nn (the JAX wing)
    <  plotting  <  explorer  <  sweep  <  commands  <  cli  <  __main__

Every import counts, including those made inside functions (which is how circles used to hide).
"""

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plrep"

RANKS = {
    "_validate": 0,
    "_files": 0,
    "_html": 0,  # inline HTML for notebooks (the _repr_html_ of every layer's results)
    "activations": 1,
    "groups": 2,
    "gsets": 3,
    "decomposition": 4,
    "equivariant": 4.5,  # uses decomposition (multiplicities), never the other way
    "maps": 5,
    "spectra": 5,
    "weightspace": 5,
    "dws_blocks": 5.5,  # former import path of weightspace._blocks, just above it
    "graphs": 6,
    "testing": 6,
    "inspection": 6.5,  # named arrays, archives and ONNX graphs over a G-set (no jax)
    "nn": 7,
    "flow": 7.5,  # former import paths of plrep.nn modules, just above it
    "dws": 7.5,
    "inr": 7.5,
    "plotting": 8,
    "explorer": 8.5,  # the web page's data: graphs with the drawings' geometry (no jax, no matplotlib)
    "sweep": 8.7,  # grids of tasks over graphs, spectra and nn (jax only inside the composition task)
    "commands": 9,
    "cli": 10,
    "__main__": 11,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(path: Path, module: str) -> set[str]:
    """Every plrep module named by an import in the file (relative imports resolved)."""
    names = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "plrep" or name.startswith("plrep.")}


def _component(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


MODULES = _modules()


def test_every_component_has_a_rank():
    components = {_component(name) for name in MODULES} - {None}
    assert components <= set(RANKS), f"give these a layer: {sorted(components - set(RANKS))}"


@pytest.mark.parametrize("module", sorted(name for name in MODULES if name != "plrep"))
def test_imports_point_down(module):
    own = _component(module)
    upward = []
    for target in _imports(MODULES[module], module):
        other = _component(target)
        if target == "plrep":
            upward.append(target)  # the package top imports everything
        elif other is not None and other != own and other in RANKS and RANKS[other] >= RANKS[own]:
            upward.append(target)
    assert not upward, f"{module} imports {sorted(upward)} from its own layer or above"


def test_no_import_circles():
    graph = nx.DiGraph()
    for module, path in MODULES.items():
        for target in _imports(path, module):
            # "from plrep.x import y" names plrep.x.y, which is a module only sometimes.
            while target not in MODULES:
                target = target.rpartition(".")[0]
            if target != module:
                graph.add_edge(module, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import circles: {cycles[:5]}"


def test_the_jax_wing_is_one_folder():
    outside = [
        name
        for name, path in MODULES.items()
        if _component(name) not in ("nn", "flow", "dws", "inr")
        and any(n.startswith(("jax", "optax")) for n in _third_party(path))
    ]
    assert not outside, f"these import jax outside plrep/nn: {outside}"


def _third_party(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names.add(node.module or "")
    return names
