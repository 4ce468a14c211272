"""The public API: a reviewed snapshot of every ``__all__``, examples in every docstring.

* ``__all__`` of plrep and of each concept folder equals tests/golden/public_api.json, so a
  change of the public API is deliberate (regenerate with tests/golden/make_public_api.py);
* every public function and class has a docstring with a ``>>>`` example (run as a doctest);
* every public name resolves, and is defined in a private module of its folder or re-exported
  deliberately (listed in ``REEXPORTS``).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
REGENERATE = ".venv/bin/python tests/golden/make_public_api.py"

_spec = importlib.util.spec_from_file_location("make_public_api", GOLDEN / "make_public_api.py")
make_public_api = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_public_api)
PACKAGES = make_public_api.PACKAGES
SNAPSHOT = json.loads((GOLDEN / "public_api.json").read_text())

# Names a folder exports although another folder defines them: (package, name) -> defining folder.
REEXPORTS = {
    ("plrep.equivariant", "HomomorphismReport"): "plrep.groups",
    ("plrep.equivariant", "check_homomorphism"): "plrep.groups",
}


def _is_routine_or_class(obj) -> bool:
    """Functions (also behind functools.lru_cache / wraps) and classes; not constants."""
    return inspect.isclass(obj) or inspect.isfunction(inspect.unwrap(obj))


def _public(kind_filter=None, packages=PACKAGES):
    out = []
    for package in packages:
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = getattr(module, name)
            if kind_filter is None or kind_filter(obj):
                out.append(pytest.param(package, name, id=f"{package}.{name}"))
    return out


@pytest.mark.parametrize("package", PACKAGES)
def test_all_matches_snapshot(package):
    live = set(importlib.import_module(package).__all__)
    recorded = set(SNAPSHOT.get(package, []))
    appeared, disappeared = sorted(live - recorded), sorted(recorded - live)
    assert not appeared and not disappeared, (
        f"the public API of {package} changed: appeared {appeared}, disappeared {disappeared}. "
        f"If this is deliberate, regenerate the snapshot with `{REGENERATE}` and commit it."
    )


def test_snapshot_names_the_packages():
    assert sorted(SNAPSHOT) == sorted(PACKAGES), f"regenerate with `{REGENERATE}`"


@pytest.mark.parametrize(("package", "name"), _public(_is_routine_or_class))
def test_public_docstring_has_example(package, name):
    obj = getattr(importlib.import_module(package), name)
    doc = inspect.getdoc(obj) or ""
    assert doc.strip(), f"{package}.{name} has no docstring"
    assert ">>>" in doc, f"{package}.{name} has a docstring without a `>>>` example"


def test_top_level_names_resolve():
    import plrep

    assert len(set(plrep.__all__)) == len(plrep.__all__)
    for name in plrep.__all__:
        assert hasattr(plrep, name), f"plrep.__all__ names {name!r}, which plrep does not define"


def test_top_level_names_come_from_the_folders():
    """plrep re-exports the folders' names (and plrep.activations); it defines none itself."""
    import plrep

    sources = {"plrep.activations": importlib.import_module("plrep.activations")}
    sources |= {p: importlib.import_module(p) for p in PACKAGES if p != "plrep"}
    for name in plrep.__all__:
        owners = [p for p, m in sources.items() if name in getattr(m, "__all__", ())]
        assert owners, f"plrep.{name} is in no folder's __all__"
        assert any(getattr(sources[p], name) is getattr(plrep, name) for p in owners)


@pytest.mark.parametrize(("package", "name"), _public(packages=[p for p in PACKAGES if p != "plrep"]))
def test_folder_names_are_defined_in_the_folder(package, name):
    module = importlib.import_module(package)
    obj = getattr(module, name)  # resolves
    if not _is_routine_or_class(obj):
        return  # constants and instances carry no defining module
    defined_in = inspect.unwrap(obj).__module__
    if (package, name) in REEXPORTS:
        owner = REEXPORTS[(package, name)]
        assert obj is getattr(importlib.import_module(owner), name)
        return
    assert defined_in.startswith(package + "._"), (
        f"{package}.{name} is defined in {defined_in}, not in a private module of {package}; "
        "define it there or list it in REEXPORTS"
    )
