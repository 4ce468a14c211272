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


def test_former_import_paths_keep_working():
    # Paths that earlier READMEs showed: they now alias or re-export the folder modules.
    from plrep.dws import dws_apply
    from plrep.dws_blocks import dws_blocks
    from plrep.flow import check_containment, frequency_flow
    from plrep.inr import fit_inrs
    from plrep.nn import NetworkSpec, apply, init

    assert callable(dws_apply) and callable(dws_blocks) and callable(fit_inrs)
    assert callable(frequency_flow) and callable(check_containment)
    assert NetworkSpec and callable(apply) and callable(init)
