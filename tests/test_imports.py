"""Dependency boundary: `import plrep` stays light (no jax, no matplotlib)."""

import subprocess
import sys


def test_import_plrep_loads_neither_jax_nor_matplotlib():
    code = "import sys, plrep; print(sorted(m for m in ('jax', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_cli_group_loads_neither_jax_nor_matplotlib():
    code = (
        "import sys, io, contextlib; from plrep.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['group', 'C4'])\n"
        "print(sorted(m for m in ('jax', 'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
