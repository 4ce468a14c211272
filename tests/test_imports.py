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


def test_former_import_paths_warn_and_keep_working():
    # Paths that earlier READMEs showed: deprecated (issue 25), they re-export the folder modules.
    code = (
        "import warnings, sys\n"
        "warnings.simplefilter('error')\n"
        "for name in ('plrep.flow', 'plrep.dws', 'plrep.inr', 'plrep.dws_blocks'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "    except DeprecationWarning as warning:\n"
        "        print(name, 'import the same names from' in str(warning))\n"
        "warnings.simplefilter('ignore')\n"
        "from plrep.dws import dws_apply\n"
        "from plrep.dws_blocks import dws_blocks\n"
        "from plrep.flow import check_containment, frequency_flow\n"
        "from plrep.inr import fit_inrs\n"
        "import plrep.nn, plrep.weightspace\n"
        "print(dws_apply is plrep.nn.dws_apply, dws_blocks is plrep.weightspace.dws_blocks,\n"
        "      frequency_flow is plrep.nn.frequency_flow, fit_inrs is plrep.nn.fit_inrs)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:5] == [
        "plrep.flow True",
        "plrep.dws True",
        "plrep.inr True",
        "plrep.dws_blocks True",
        "True True True True",
    ]


def test_import_plrep_does_not_load_scipy_special():
    # scipy.special (through scipy.fft too) was half of the CPU time of `import plrep`.
    code = "import sys, plrep; print('scipy.special' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
    # ... and GELU, which needs erf, still works once asked for.
    import numpy as np

    import plrep

    assert np.isclose(plrep.activation("gelu")(np.array([1.0]))[0], 0.8413447460685429)
