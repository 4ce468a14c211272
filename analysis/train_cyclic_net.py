"""Train a C_n-equivariant network on the frequency-band task and save it (CPU, < 2 minutes).

    .venv/bin/python analysis/train_cyclic_net.py [--group C32] [--steps 2000] [--out analysis/out/cyclic_net.npz]
    plrep inspect analysis/out/cyclic_net.npz

The task (``plrep.nn.frequency_bands``): which of three frequency bands holds most of a
periodic signal's energy; the label is G-invariant, the network ends in an invariant read-out.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import jax

from plrep.nn import (
    NetworkSpec,
    accuracy,
    check_containment,
    frequency_bands,
    frequency_flow,
    init,
    save,
    train,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", default="C32")
    parser.add_argument("--widths", default="1,16,16,16", help="channels per layer, comma-separated")
    parser.add_argument("--activation", default="relu")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="analysis/out/cyclic_net.npz")
    args = parser.parse_args()

    start = time.perf_counter()
    spec = NetworkSpec(args.group, tuple(int(w) for w in args.widths.split(",")), args.activation, readout=3)
    x_train, y_train = frequency_bands(spec.group, 8000, boost=2.0, seed=args.seed)
    x_test, y_test = frequency_bands(spec.group, 2000, boost=2.0, seed=args.seed + 1)
    params = init(jax.random.key(args.seed), spec)
    print(f"untrained test accuracy: {accuracy(params, x_test, y_test):.3f}")
    result = train(params, x_train, y_train, steps=args.steps, batch_size=128, seed=args.seed)
    train_acc = accuracy(result.params, x_train, y_train)
    test_acc = accuracy(result.params, x_test, y_test)
    print(f"final loss {result.losses[-50:].mean():.4f}; accuracy train {train_acc:.3f}, test {test_acc:.3f}")
    report = check_containment(frequency_flow(result.params, samples=16, seed=args.seed))
    print(
        f"kernel containment: {'OK' if report.ok else 'FAILED'} (largest forbidden relative energy "
        f"{report.max_forbidden:.2g})"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = {"task": "frequency_bands", "steps": args.steps, "seed": args.seed, "test_accuracy": test_acc}
    print(f"saved {save(out, result.params, extra=extra)} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
