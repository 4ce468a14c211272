"""benchmarks/gpu_check.sh runs (quick mode) on the CPU and writes its report."""

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "gpu_check.sh"


def test_gpu_check_quick_mode_writes_a_report(tmp_path):
    report = tmp_path / "report.md"
    # 256 samples (one batch) instead of the quick mode's 4096: this checks the script, not speed
    env = dict(os.environ, PYTHON=sys.executable, PLREP_GPU_REPORT=str(report), PLREP_BENCH_SAMPLES="256")
    done = subprocess.run(
        ["bash", str(SCRIPT), "--quick"], capture_output=True, text=True, env=env, timeout=600
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    text = report.read_text()
    assert "backend, device count, kind: cpu" in text and "## tests (exit status 0," in text
    assert "no accelerator seen" in text and "quick mode" in text
    assert "frequency_flow" in text and "ratio" in text and "benchmarks failed" not in text
    assert "frequency_flow, 256 samples" in text  # the caller's PLREP_BENCH_SAMPLES is honoured
