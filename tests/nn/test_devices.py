"""Four forced host devices give the one-device results: frequency_flow, probe, training, inspect.

XLA fixes its device count when jax is imported, so the four-device runs happen in a
subprocess started with ``XLA_FLAGS=--xla_force_host_platform_device_count=4``; inside it,
every call runs twice, sharded over the four devices and on the first device alone. Sizes are
chosen so that batches do not divide evenly by four (padding).
"""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np

_SCRIPT = textwrap.dedent(
    """
    import contextlib, io, json, sys, tempfile
    from pathlib import Path
    import jax, numpy as np
    from plrep.cli import main
    from plrep.nn import NetworkSpec, apply_with_intermediates, frequency_bands, frequency_flow, init, probe, save, train
    many, one = jax.local_devices(), jax.local_devices()[:1]
    params = init(jax.random.key(0), NetworkSpec("C8", (1, 4, 3), "relu", readout=3))
    data = np.random.default_rng(0).normal(size=(103, 1, 8))
    out = {"devices": len(many)}
    for name, kwargs in {"data": {"data": data}, "simples": {"samples": 9}}.items():
        for who, devices in (("many", many), ("one", one)):
            flow = frequency_flow(params, batch_size=10, devices=devices, **kwargs)
            out[f"flow_{name}_{who}"] = [flow.input.tolist(), flow.pre.tolist(), flow.post.tolist()]
    def layers(x):  # the FFT network itself: irfft -> relu -> rfft, the pattern XLA's CPU SPMD rejects
        return {f"post{i}": v for i, v in enumerate(apply_with_intermediates(params, x)[1].post)}
    for who, devices in (("many", many), ("one", one)):
        report = probe(layers, "C8", data, axis=-1, batch_size=10, devices=devices)
        out[f"probe_{who}"] = [report.summaries[k].energies.sum(0).tolist() for k in ("post0", "post1")]
        out[f"probe_devices_{who}"] = report.devices
    # over the points too (one input per point: the batch is not split, the report says 4 devices)
    waves = probe(lambda p: {"w": jax.numpy.cos(p[:, None] * jax.numpy.arange(3.0))}, "C16")
    out["probe_points_devices"] = waves.devices
    x, y = frequency_bands("C8", 48, num_classes=3, seed=1)
    for batch in (8, 6):  # 8 splits over four devices; 6 is padded to 8 with rows of weight 0
        for who, devices in (("many", many), ("one", one)):
            result = train(params, x, y, steps=4, batch_size=batch, progress=False, devices=devices)
            leaves = jax.tree_util.tree_leaves(result.params)
            out[f"train_{batch}_{who}"] = [np.asarray(a).ravel().tolist() for a in leaves]
    with tempfile.TemporaryDirectory() as tmp:
        weights = save(Path(tmp) / "net.npz", params)
        np.save(Path(tmp) / "x.npy", data[:, 0])
        text = io.StringIO()
        with contextlib.redirect_stdout(text):
            status = main(["inspect", str(weights), "--data", str(Path(tmp) / "x.npy"), "--format", "json"])
        out["inspect_status"], out["inspect_devices"] = status, json.loads(text.getvalue())["devices"]
    print(json.dumps(out))
    """
)

# Float32 sums in another order (per-device partial sums, then an all-reduce).
RTOL = 64 * float(np.finfo(np.float32).eps)


def test_four_forced_host_devices_give_the_one_device_results():
    env = dict(os.environ, XLA_FLAGS="--xla_force_host_platform_device_count=4", JAX_PLATFORMS="cpu")
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["devices"] == 4
    assert out["inspect_status"] == 0 and out["inspect_devices"] == 4
    assert (
        out["probe_devices_many"] == 4 and out["probe_devices_one"] == 1 and out["probe_points_devices"] == 4
    )
    many, one = np.array(out["probe_many"]), np.array(out["probe_one"])
    assert np.all(np.abs(many - one) <= RTOL * one.sum(axis=-1, keepdims=True))
    for name in ("data", "simples"):
        for many, one in zip(out[f"flow_{name}_many"], out[f"flow_{name}_one"], strict=True):
            many, one = np.array(many), np.array(one)
            # relative to each row's total energy: tiny simples carry only round-off
            scale = one.sum(axis=-1, keepdims=True)
            assert np.all(np.abs(many - one) <= RTOL * scale), np.max(np.abs(many - one) / scale)
    for batch in (8, 6):
        for many, one in zip(out[f"train_{batch}_many"], out[f"train_{batch}_one"], strict=True):
            np.testing.assert_allclose(many, one, rtol=1e-5, atol=1e-6)
