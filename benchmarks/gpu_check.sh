#!/usr/bin/env bash
# Run the whole test suite and the JAX benchmarks on whatever accelerator JAX sees, and write a
# short report (benchmarks/gpu_check_report.md, or $PLREP_GPU_REPORT).
#
# On a GPU machine: make test (creates .venv), then
#   .venv/bin/pip install -U "jax[cuda12]"     # the CUDA wheels: only on the GPU machine
#   make gpu-check
# CI does not run this (no GPU). --quick runs a few tests and small benchmarks (a dry run, tested
# on the CPU by tests/test_gpu_check.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
REPORT="${PLREP_GPU_REPORT:-benchmarks/gpu_check_report.md}"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

devices="$("$PY" -c 'import jax; print(jax.default_backend(), len(jax.devices()), jax.devices()[0].device_kind)')"
{
  echo "# plrep device check"
  echo
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); backend, device count, kind: ${devices}"
  echo "jax: $("$PY" -c 'import jax; print(jax.__version__)')"
  echo
} > "$REPORT"

if [[ $QUICK == 1 ]]; then
  tests=(tests/nn/test_probe.py -k "samples or points")
  export PLREP_BENCH_SAMPLES=4096
else
  tests=(tests)
fi
set +e
"$PY" -m pytest -q -p no:cacheprovider "${tests[@]}" > "$REPORT.pytest.log" 2>&1
status=$?
set -e
{
  echo "## tests (exit status ${status})"
  echo
  echo '```'
  tail -n 15 "$REPORT.pytest.log"
  echo '```'
  echo
  echo "## JAX benchmarks"
  echo
  echo '```'
} >> "$REPORT"
"$PY" - >> "$REPORT" <<'PYEOF'
import sys
sys.path.insert(0, ".")
from benchmarks import bench_inspect
for result in (bench_inspect.probe_vs_forward(), bench_inspect.flow_vs_forward()):
    print(f"{result['name']}: plrep {result['ours_s']:.4g} s, baseline {result['baseline_s']:.4g} s, ratio {result['ratio']:.3g}")
PYEOF
echo '```' >> "$REPORT"
echo "wrote $REPORT"
exit "$status"
