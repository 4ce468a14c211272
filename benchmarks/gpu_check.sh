#!/usr/bin/env bash
# Run the whole test suite and the JAX benchmarks on whatever accelerator JAX sees, and write a
# short report (benchmarks/gpu_check_report.md, or $PLREP_GPU_REPORT; the pytest log next to it).
#
# On a GPU machine (docs/devices.md):
#   make install
#   .venv/bin/pip install -U "jax[cuda12]"     # the CUDA wheels: only on the GPU machine
#   make gpu-check
# CI does not run this (no GPU). --quick (or PLREP_GPU_CHECK_QUICK=1) runs a few tests and
# small benchmarks (PLREP_BENCH_SAMPLES samples, default 4096): a dry run, which
# tests/test_gpu_check.py runs on the CPU with fewer samples.
# Exit status: the suite's (0 when every test passed), or 3 when a benchmark failed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
REPORT="${PLREP_GPU_REPORT:-benchmarks/gpu_check_report.md}"
QUICK="${PLREP_GPU_CHECK_QUICK:-0}"
[[ "${1:-}" == "--quick" ]] && QUICK=1

devices="$("$PY" -c 'import jax; d = jax.devices(); print(jax.default_backend(), len(d), d[0].device_kind)')"
{
  echo "# plrep device check"
  echo
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); backend, device count, kind: ${devices}"
  echo "jax: $("$PY" -c 'import jax; print(jax.__version__)'); plrep commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  [[ "$devices" == cpu* ]] && echo "(no accelerator seen: this run checks the script, not a GPU)"
  [[ $QUICK == 1 ]] && echo "(quick mode: a few tests and small benchmarks)"
  echo
} > "$REPORT"

if [[ $QUICK == 1 ]]; then
  tests=(tests/nn/test_probe.py -k "samples or points")
  export PLREP_BENCH_SAMPLES="${PLREP_BENCH_SAMPLES:-4096}"  # the caller's, if set (the test's is small)
else
  tests=(tests)  # one process: several would each claim most of the GPU's memory
fi
set +e
start=$(date +%s)
"$PY" -m pytest -q -p no:cacheprovider "${tests[@]}" > "$REPORT.pytest.log" 2>&1
status=$?
set -e
{
  echo "## tests (exit status ${status}, $(( $(date +%s) - start )) s)"
  echo
  echo '```'
  grep -E "^(FAILED|ERROR)" "$REPORT.pytest.log" | head -n 40 || true
  tail -n 3 "$REPORT.pytest.log"
  echo '```'
  echo
  echo "## JAX benchmarks (plrep vs a baseline side by side in one process; ratio = plrep / baseline)"
  echo
  echo '```'
} >> "$REPORT"
set +e
PLREP_GPU_CHECK_QUICK="$QUICK" "$PY" - >> "$REPORT" 2>> "$REPORT.pytest.log" <<'PYEOF'
import os
import sys

sys.path.insert(0, ".")
from benchmarks import bench_inspect, bench_nn

cases = [bench_inspect.flow_vs_forward, bench_inspect.probe_vs_forward]
if os.environ.get("PLREP_GPU_CHECK_QUICK") != "1":
    cases += [bench_nn.fft_vs_dense_circulant, bench_nn.forward_c4096]
for case in cases:
    result = case()
    ratio = "" if result["ratio"] is None else f", ratio {result['ratio']:.3g}"
    base = "" if result["baseline_s"] is None else f", baseline {result['baseline_s']:.4g} s"
    print(f"{result['name']}: plrep {result['ours_s']:.4g} s{base}{ratio} ({result['note']})", flush=True)
PYEOF
bench=$?
set -e
echo '```' >> "$REPORT"
[[ $bench != 0 ]] && echo "benchmarks failed (exit status ${bench}); see $REPORT.pytest.log" >> "$REPORT"
echo "wrote $REPORT"
[[ $status != 0 ]] && exit "$status"
[[ $bench != 0 ]] && exit 3
exit 0
