"""Group composition on a non-abelian group, read with plrep: the key irreducibles.

A one-hidden-layer MLP learns (g, h) -> gh on S_4 (or S_5) from a fraction of all |G|^2 pairs
(Chughtai et al. 2023, A toy model of universality): one-hot g and h, hidden layer
relu(W_g[g] + W_h[h]), logits = hidden U, trained with optax AdamW. plrep then decomposes the
embeddings W_g and W_h (|G| x N, axis 0 indexed by the regular module R[G] in the order of
``group.elements``) by character projectors and reports the key irreducibles (the fewest holding
90 % of the energy), each neuron's dominant irreducible and purity, and the same for the
unembedding U (axis 1 indexed by G).

Writes ``OUT/group_composition.json`` and ``.png``. ``--quick``: S_4 with fewer steps (the test
suite). Usage: python analysis/group_composition.py [--group S4|S5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep import parse_group, regular, summarize

OUT = Path(__file__).resolve().parent / "out"


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=["S4", "S5"], default="S4")
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--train-fraction", type=float, default=0.75)
    parser.add_argument("--steps", type=int, default=10000)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="S4, 1500 steps")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.group, args.steps = "S4", 1500
    return args


def multiplication_table(group) -> np.ndarray:
    """table[i, j] = index of elements[i] o elements[j] ((gh)[x] = g[h[x]])."""
    elements = group.elements
    index = {tuple(e): i for i, e in enumerate(elements)}
    rows = np.arange(len(elements))[:, None, None]
    composed = elements[rows, elements[None, :, :]]  # [i, j, x] = elements[i][elements[j][x]]
    return np.array([[index[tuple(c)] for c in row] for row in composed])


def train(args, table):
    order = table.shape[0]
    keys = jax.random.split(jax.random.key(args.seed), 4)
    params = {
        "wg": jax.random.normal(keys[0], (order, args.width)) / np.sqrt(order),
        "wh": jax.random.normal(keys[1], (order, args.width)) / np.sqrt(order),
        "u": jax.random.normal(keys[2], (args.width, order)) / np.sqrt(args.width),
    }
    pairs = jnp.arange(order * order)
    labels = jnp.asarray(table.ravel())
    perm = jax.random.permutation(keys[3], order * order)
    cut = int(args.train_fraction * order * order)
    train_idx, test_idx = perm[:cut], perm[cut:]

    def logits(params, idx):
        hidden = jax.nn.relu(params["wg"][idx // order] + params["wh"][idx % order])
        return hidden @ params["u"]

    def loss(params):
        return optax.softmax_cross_entropy_with_integer_labels(
            logits(params, train_idx), labels[train_idx]
        ).mean()

    optimiser = optax.adamw(args.lr, weight_decay=args.weight_decay)
    state = optimiser.init(params)

    @jax.jit
    def step(params, state):
        value, grads = jax.value_and_grad(loss)(params)
        updates, state = optimiser.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    @jax.jit
    def accuracies(params):
        correct = logits(params, pairs).argmax(-1) == labels
        return correct[train_idx].mean(), correct[test_idx].mean()

    curve = []
    for t in range(args.steps):
        params, state, value = step(params, state)
        if t % max(1, args.steps // 40) == 0 or t == args.steps - 1:
            tr, te = accuracies(params)
            curve.append(
                {"step": t, "loss": float(value), "train_accuracy": float(tr), "test_accuracy": float(te)}
            )
    return params, curve


def _describe(summary, group) -> dict:
    simples = group.simples
    return {
        "key_irreducibles": [simples[i].name for i in summary.key_simples],
        "energy_share": {s.name: float(v) for s, v in zip(simples, summary.relative(), strict=True)},
        # A random embedding puts dim(L)^2 / |G| of its energy on L (L occurs dim L times in R[G]).
        "random_baseline_share": {s.name: s.dim**2 / group.order for s in simples},
        "median_purity": float(np.nanmedian(summary.purity)),
        "dominant_counts": {
            s.name: int(np.sum(summary.dominant == s.id)) for s in simples if np.any(summary.dominant == s.id)
        },
    }


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    group = parse_group(args.group)
    space = regular(group)
    table = multiplication_table(group)
    params, curve = train(args, table)
    found = {
        name: summarize(space, np.asarray(params[key], np.float64), axis=axis)
        for name, key, axis in (("embed_g", "wg", 0), ("embed_h", "wh", 0), ("unembed", "u", 1))
    }
    result = {
        "group": args.group,
        "order": group.order,
        "irreducibles": [s.to_dict() for s in group.simples],
        "train_accuracy": curve[-1]["train_accuracy"],
        "test_accuracy": curve[-1]["test_accuracy"],
        "curve": curve,
        **{name: _describe(summary, group) for name, summary in found.items()},
        "seconds": time.perf_counter() - start,
    }
    (args.out / "group_composition.json").write_text(json.dumps(result, indent=1))
    # The embeddings, for checking (and for `plrep inspect group_composition_weights.npz --group S4`).
    np.savez(args.out / "group_composition_weights.npz", **{k: np.asarray(v) for k, v in params.items()})
    _figure(args.out / "group_composition.png", group, found, curve)
    print(
        f"{args.group}: train {result['train_accuracy']:.3f}, test {result['test_accuracy']:.3f}; key irreducibles "
        f"{ {n: result[n]['key_irreducibles'] for n in found} }; {result['seconds']:.0f} s"
    )
    return 0


def _figure(path, group, found, curve):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    steps = [c["step"] for c in curve]
    left.plot(steps, [c["train_accuracy"] for c in curve], label="train")
    left.plot(steps, [c["test_accuracy"] for c in curve], label="test")
    left.set_xlabel("step")
    left.set_ylabel("accuracy")
    left.set_title(f"composition in {group.name}")
    left.legend()
    names = [f"{s.name} (dim {s.dim})" for s in group.simples]
    width = 0.8 / len(found)
    for i, (label, summary) in enumerate(found.items()):
        right.bar(np.arange(len(names)) + i * width, summary.relative(), width, label=label)
    right.set_xticks(np.arange(len(names)) + 0.4 - width / 2, names, rotation=30)
    right.set_ylabel("share of energy")
    right.scatter(
        np.arange(len(names)) + 0.4 - width / 2,
        [s.dim**2 / group.order for s in group.simples],
        color="black",
        marker="_",
        s=400,
        label="random: dim^2/|G|",
        zorder=3,
    )
    right.set_title("energy per irreducible (character projectors on R[G])")
    right.legend()
    figure.savefig(path)
    plt.close(figure)


if __name__ == "__main__":
    sys.exit(main())
