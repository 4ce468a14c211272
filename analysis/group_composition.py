"""Group composition on a non-abelian group, read with plrep: the irreducibles the MLP chose.

Chughtai et al. 2023's one-hidden-layer MLP (``plrep.nn.train_composition``: embeddings of g
and h, concatenated, a hidden ReLU layer, an unembedding) learns (g, h) -> gh on S_4 (or S_5)
from a fraction of all |G|^2 pairs. plrep then decomposes, over the regular G-set R[G], the
functions on G that the hidden neurons see (left / right embedding times the hidden weight,
|G| x hidden, axis 0) and write (the unembedding, hidden x |G|, axis 1).

Energy shares alone mislead on a non-abelian group: a random function on G puts dim(L)^2 / |G|
of its energy on L, so the largest irreducibles always hold most of it. Every share is shown
against that random baseline (their ratio, the enrichment); an irreducible counts as *learned*
when its enrichment is at least ``plrep.nn.LEARNED_ENRICHMENT`` in all three matrices
(``plrep.nn.learned_simples``), and as *enriched* (chosen well above noise) from
``plrep.DEFAULT_ENRICHMENT``.

Writes ``OUT/group_composition.json``, ``.png`` and ``group_composition_weights.npz`` (the three
functions on G: ``plrep inspect group_composition_weights.npz --group S4 --axis 0`` reads
``left`` and ``right``). ``--quick``: fewer steps (the test suite).
Usage: python analysis/group_composition.py [--group S4|S5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from plrep import parse_group, regular, summarize
from plrep.decomposition import DEFAULT_ENRICHMENT
from plrep.nn import LEARNED_ENRICHMENT, learned_simples, train_composition

OUT = Path(__file__).resolve().parent / "out"


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", choices=["S4", "S5"], default="S4")
    parser.add_argument("--train-fraction", type=float, default=0.75)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="S4, 600 steps")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.group, args.steps = "S4", 600
    return args


# A neuron counts in ``dominant_counts`` when its energy is at least this share of the mean
# neuron's: weight decay leaves unused neurons with ~1e-4 of it, whose "dominant" irreducible is noise.
ALIVE = 0.01


def _describe(summary, group) -> dict:
    simples = group.simples
    share, enrichment = summary.relative(), summary.enrichment()
    energy = summary.energies.sum(axis=1)
    alive = energy >= ALIVE * energy.mean()
    return {
        "key_irreducibles_by_share": [simples[i].name for i in summary.key_simples],
        "enriched_irreducibles": [simples[i].name for i in summary.enriched_simples()],
        "energy_share": {s.name: float(v) for s, v in zip(simples, share, strict=True)},
        # A random function on G puts dim(L)^2 / |G| of its energy on L (L occurs dim L times in R[G]).
        "random_baseline_share": {s.name: float(v) for s, v in zip(simples, summary.baseline, strict=True)},
        "enrichment": {s.name: float(v) for s, v in zip(simples, enrichment, strict=True)},
        "median_purity": float(np.nanmedian(summary.purity)),
        "alive_neurons": int(alive.sum()),
        "dominant_counts": {
            s.name: int(np.sum(alive & (summary.dominant == s.id)))
            for s in simples
            if np.any(alive & (summary.dominant == s.id))
        },
    }


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    group = parse_group(args.group)
    space = regular(group)
    run = train_composition(
        group,
        seeds=(args.seed,),
        train_fraction=args.train_fraction,
        steps=args.steps,
        learning_rate=args.lr,
        weight_decay=args.weight_decay,
        eval_every=max(1, args.steps // 40),
    )
    functions = {k: np.asarray(v[0], np.float64) for k, v in run.functions_on_group().items()}
    found = {
        name: summarize(space, functions[name], axis=axis)
        for name, axis in (("left", 0), ("right", 0), ("unembed", 1))
    }
    learned = learned_simples(run)[0]
    result = {
        "group": args.group,
        "order": group.order,
        "irreducibles": [s.to_dict() for s in group.simples],
        "train_accuracy": float(run.train_accuracy[0]),
        "test_accuracy": float(run.test_accuracy[0]),
        "learned": learned,
        "learned_threshold": LEARNED_ENRICHMENT,
        "enriched_threshold": DEFAULT_ENRICHMENT,
        "settings": run.settings,
        "curve": [
            {"step": int(step), **{k: float(v[0]) for k, v in metrics.items()}}
            for step, metrics in run.curves.items()
        ],
        **{name: _describe(summary, group) for name, summary in found.items()},
        "seconds": time.perf_counter() - start,
    }
    (args.out / "group_composition.json").write_text(json.dumps(result, indent=1))
    np.savez(args.out / "group_composition_weights.npz", **functions)
    _figure(args.out / "group_composition.png", group, found, result)
    enriched = {name: result[name]["enriched_irreducibles"] for name in found}
    print(
        f"{args.group}: train {result['train_accuracy']:.3f}, test {result['test_accuracy']:.4f}; learned "
        f"(enrichment >= {LEARNED_ENRICHMENT:g} in left, right and unembed) {learned}; "
        f"enriched (>= {DEFAULT_ENRICHMENT:g}) {enriched}; "
        f"{result['seconds']:.0f} s"
    )
    return 0


def _figure(path, group, found, result):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, mid, right) = plt.subplots(1, 3, figsize=(16, 4.2), layout="constrained")
    curve = result["curve"]
    steps = [c["step"] for c in curve]
    left.plot(steps, [c["train_accuracy"] for c in curve], label="train")
    left.plot(steps, [c["test_accuracy"] for c in curve], label="test")
    left.set_xlabel("step")
    left.set_ylabel("accuracy")
    left.set_title(f"composition in {group.name}: test {result['test_accuracy']:.4f}")
    left.legend()
    names = [f"{s.name}\n(dim {s.dim})" for s in group.simples]
    x = np.arange(len(names))
    width = 0.8 / len(found)
    for i, (label, summary) in enumerate(found.items()):
        mid.bar(x + i * width, summary.relative(), width, label=label)
        right.bar(x + i * width, summary.enrichment(), width, label=label)
    centre = x + 0.4 - width / 2
    mid.scatter(
        centre, found["left"].baseline, color="black", marker="_", s=500, label="random: dim^2/|G|", zorder=3
    )
    mid.set_xticks(centre, names)
    mid.set_ylabel("share of energy")
    mid.set_title("energy share per irreducible (favours large ones)")
    mid.legend(fontsize=8)
    right.axhline(1.0, color="black", linewidth=0.8, label="random function on G")
    right.axhline(
        LEARNED_ENRICHMENT, color="gray", linestyle=":", label=f"learned from {LEARNED_ENRICHMENT:g}"
    )
    right.set_xticks(centre, names)
    right.set_yscale("log")
    right.set_ylabel("share / random baseline")
    right.set_title(f"against the random baseline: learned {result['learned']}")
    right.legend(fontsize=8)
    figure.savefig(path, dpi=120)
    plt.close(figure)


if __name__ == "__main__":
    sys.exit(main())
