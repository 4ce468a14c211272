#!/usr/bin/env bash
# A built wheel installs into a clean virtual environment and works there: `plrep --version`,
# one command-line example and one library call, run from a folder outside the clone (so the
# source tree cannot stand in for the installed package). Run by `make wheel-check` (and so by
# `make test`); reuses pip's cache, so after the first run it takes well under a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PYTHON" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$work/dist" . 2>/dev/null \
  || "$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" .
wheel="$(ls "$work"/dist/plrep-*.whl)"
"$PYTHON" -m venv "$work/venv"
# pip's notes about unused index locations go to a log, shown only if the install fails.
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" 2>"$work/pip.log" \
  || { cat "$work/pip.log" >&2; exit 1; }
cd "$work"  # away from the clone
version="$("$work/venv/bin/plrep" --version)"
echo "wheel check: $(basename "$wheel") -> $version"
"$work/venv/bin/plrep" group C8 --format json | "$work/venv/bin/python" -c \
  "import json, sys; d = json.load(sys.stdin); assert d['order'] == 8 and len(d['simples']) == 5, d"
"$work/venv/bin/python" -c "import plrep; assert plrep.__file__.startswith('$work/venv'), plrep.__file__; \
print('wheel check: plrep.decompose ok', plrep.decompose(plrep.cyclic(4), [1.0, 0, 0, 0]).energies().round(3).tolist())"
