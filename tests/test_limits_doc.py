"""docs/limits.md states the value of every cap it lists, as the code has it."""

import importlib
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "limits.md"


def test_every_listed_cap_has_its_value():
    rows = re.findall(r"^\| `(\w+)` \(`([\w.]+)`\) \| (\d+) \|", DOC.read_text(), flags=re.MULTILINE)
    assert len(rows) >= 20
    for name, module, value in rows:
        assert getattr(importlib.import_module(module), name) == int(value), (module, name)
