"""Collection settings for the doctest run over plrep/ (pyproject: --doctest-modules).

The former import paths warn on import (DeprecationWarning, issue 25), and warnings are
errors here; they hold no doctests, and tests/test_imports.py checks them in a subprocess.
"""

collect_ignore = ["plrep/flow.py", "plrep/dws.py", "plrep/inr.py", "plrep/dws_blocks.py"]
