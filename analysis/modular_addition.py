"""Modular addition in Gromov's MLP, read with plrep: single-frequency neurons, many frequencies.

Composition in C_p (a + b mod p) by the one-hidden-layer MLP of Gromov 2023 ("Grokking modular
arithmetic"): one-hot a and b, hidden layer h = (W_a[a] + W_b[b])^2 (no bias), logits = h U,
trained with AdamW on a fraction of the p^2 pairs (``plrep.nn.train_composition`` with
``embed_dim=None, activation="square", bias=False``; 3 seeds vmapped in one jit, each with its
own split). A warm-up and a cosine decay of the learning rate keep the end of training stable.

What plrep reads off, per seed (Gromov's picture, *not* Nanda et al.'s sparse set of key
frequencies in a transformer):

* each hidden neuron's dominant frequency k and purity (its W_a column over C_p,
  ``summarize``): in this regime neurons are single-frequency (purity near 1) and the
  frequencies are spread over most of 1..(p-1)/2: ``distinct_neuron_frequencies``;
* the interaction graph's prediction for x^2 on (k, 0) + (0, k) (computed numerically: x^2 of
  generic vectors of that input decomposed over C_p x C_p): {(0,0), (2k,0), (0,2k), (k,k),
  (k,-k)}; the share of each neuron's post-activation energy inside it;
* the logits over the pairs (C_p x C_p, a * p + b row-major, ``plrep.nn.probe``): the share of
  their energy in the diagonal targets (k, k) of the neurons' frequencies, the only ones that
  depend on a + b (the others cancel in the sum over neurons, as Gromov's solution has it).

Writes ``OUT/modular_addition.json`` (``test_accuracy`` is the minimum over seeds),
``OUT/modular_addition.png`` and the first seed's probe report ``OUT/modular_addition_report.json``
(pre-activations, hidden layer and logits over C_p x C_p), which ``plrep explore --report`` draws
on the interaction graph. ``--quick``: p = 23 and few steps (the test suite).
Usage: python analysis/modular_addition.py [--p 59] [--seeds 3] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import jax.numpy as jnp
import numpy as np

from plrep import parse_group, summarize
from plrep.nn import probe, train_composition

OUT = Path(__file__).resolve().parent / "out"

# A neuron counts towards the distinct frequencies when one frequency holds at least this share
# of its embedding energy (a two-frequency neuron has purity <= 0.5 at best for its second).
PURE = 0.5


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=int, default=59)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--train-fraction", type=float, default=0.5)
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=3.0)
    parser.add_argument("--warmup-steps", type=int, default=300)
    parser.add_argument("--quick", action="store_true", help="toy size (p = 23, 70 %% of pairs, 1200 steps)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.p, args.width, args.steps, args.train_fraction, args.warmup_steps = 23, 96, 1200, 0.7, 100
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, got {args.seeds}")
    return args


def predicted_targets(p: int, k: int, rng) -> list[int]:
    """Simples of C_p x C_p that x^2 creates from (k, 0) + (0, k): numeric interaction graph."""
    a, b = np.divmod(np.arange(p * p), p)
    # Generic amplitudes bounded away from 0 (a near-zero one would push a target such as (2k, 0),
    # whose energy goes as amplitude^4, under the 1e-9 cut) and generic phases.
    amplitude, phase = rng.uniform(0.5, 1.5, size=2), rng.uniform(0, 2 * np.pi, size=2)
    vectors = amplitude[0] * np.cos(2 * np.pi * k * a / p + phase[0]) + amplitude[1] * np.cos(
        2 * np.pi * k * b / p + phase[1]
    )
    totals = summarize(f"C{p}xC{p}", (vectors**2)[None]).totals  # one unit over the p^2 pairs
    return np.flatnonzero(totals > 1e-9 * totals.sum()).tolist()


def _forward(left, right, unembed, p):
    def forward(pairs):
        pre = left[pairs // p] + right[pairs % p]
        hidden = jnp.square(pre)
        return {"pre": pre, "hidden": hidden, "logits": hidden @ unembed}

    return forward


def analyse_seed(p: int, left, right, unembed, rng) -> tuple[dict, object]:
    """plrep's reading of one trained seed (module docstring), and the probe's report."""
    embed = summarize(f"C{p}", np.asarray(left, np.float64), axis=0)
    report = probe(_forward(jnp.asarray(left), jnp.asarray(right), jnp.asarray(unembed), p), f"C{p}xC{p}")
    pair_group = report.space.group
    names = {s.id: s.name for s in pair_group.simples}
    hidden = report.summaries["hidden"]
    predictions, inside = {}, np.full(embed.num_units, np.nan)
    for unit, k in enumerate(embed.dominant):
        if k <= 0:
            continue
        if int(k) not in predictions:
            predictions[int(k)] = predicted_targets(p, int(k), rng)
        row = hidden.energies[unit]
        inside[unit] = row[predictions[int(k)]].sum() / row.sum()
    pure = (embed.dominant > 0) & (embed.purity >= PURE)
    frequencies = sorted({int(k) for k in embed.dominant[pure]})
    diagonal = [int(pair_group.simple_ids(np.array([k, k]))) for k in frequencies]
    logits = report.summaries["logits"].totals
    found = {
        "median_neuron_purity": float(np.nanmedian(embed.purity)),
        "distinct_neuron_frequencies": frequencies,
        "neurons_per_frequency": {str(k): int(np.sum(embed.dominant[pure] == k)) for k in frequencies},
        "median_post_energy_in_prediction": float(np.nanmedian(inside)),
        "logits_energy_in_kk_targets": float(logits[diagonal].sum() / logits.sum()),
        "logits_energy_by_simple": {
            names[i]: float(e / logits.sum()) for i, e in enumerate(logits) if e > 1e-3 * logits.sum()
        },
        "predicted_targets": {str(k): [names[i] for i in v] for k, v in sorted(predictions.items())},
        "purity": [None if np.isnan(v) else float(v) for v in embed.purity],
        "post_energy_in_prediction": [None if np.isnan(v) else float(v) for v in inside],
        "embedding_energy_share": embed.relative().tolist(),
    }
    return found, report


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    seeds = tuple(range(args.seeds))
    run = train_composition(
        parse_group(f"C{args.p}"),
        seeds=seeds,
        embed_dim=None,
        hidden=args.width,
        activation="square",
        bias=False,
        train_fraction=args.train_fraction,
        steps=args.steps,
        learning_rate=args.lr,
        weight_decay=args.weight_decay,
        schedule="cosine",
        warmup_steps=args.warmup_steps,
        eval_every=max(1, args.steps // 50),
    )
    functions = run.functions_on_group()
    rng = np.random.default_rng(0)
    per_seed, reports = [], []
    for i, seed in enumerate(seeds):
        found, report = analyse_seed(
            args.p, functions["left"][i], functions["right"][i], functions["unembed"][i], rng
        )
        reports.append(report)
        per_seed.append(
            {
                "seed": seed,
                "train_accuracy": float(run.train_accuracy[i]),
                "test_accuracy": float(run.test_accuracy[i]),
                **found,
            }
        )
    all_purity = np.array([v for s in per_seed for v in s["purity"] if v is not None])
    result = {
        "p": args.p,
        "width": args.width,
        "activation": "square",
        "seeds": len(seeds),
        "train_fraction": args.train_fraction,
        "steps": args.steps,
        "test_accuracy": float(run.test_accuracy.min()),
        "train_accuracy": float(run.train_accuracy.min()),
        "test_accuracy_per_seed": run.test_accuracy.tolist(),
        "median_neuron_purity": float(np.median(all_purity)),
        "distinct_neuron_frequencies": [len(s["distinct_neuron_frequencies"]) for s in per_seed],
        "possible_frequencies": (args.p - 1) // 2,
        "logits_energy_in_kk_targets": [s["logits_energy_in_kk_targets"] for s in per_seed],
        "median_post_energy_in_prediction": float(
            np.median([s["median_post_energy_in_prediction"] for s in per_seed])
        ),
        "pure_neuron_threshold": PURE,
        "picture": "Gromov 2023: single-frequency neurons spread over many frequencies (not the sparse "
        "key-frequency set Nanda et al. 2023 find in a transformer)",
        "published": {
            "source": "Gromov 2023, Grokking modular arithmetic",
            "picture": "every neuron single-frequency, the frequencies spread over the whole range, "
            "logits built from the (k, k) terms; 100 % test accuracy",
        },
        "settings": run.settings,
        "per_seed": per_seed,
        "curve": [
            {"step": int(step), **{k: [float(x) for x in v] for k, v in metrics.items()}}
            for step, metrics in run.curves.items()
        ],
        "train_seconds": run.seconds,
    }
    result["seconds"] = time.perf_counter() - start
    (args.out / "modular_addition.json").write_text(json.dumps(result, indent=1))
    _figure(args.out / "modular_addition.png", result)
    # The first seed's probe report, for `plrep explore --report` (the Model panel): the activation's
    # plrep name and each step's kind (the probe lists the layers in the network's order).
    model = {**reports[0].to_dict(units=False), "source": f"modular addition MLP, p = {args.p}, seed 0"}
    model.update(activation="pow:2", steps=["sigma", "linear"])
    (args.out / "modular_addition_report.json").write_text(json.dumps(model))
    print(
        f"p={args.p}, {len(seeds)} seeds: test accuracy (min) {result['test_accuracy']:.4f}; median neuron purity "
        f"{result['median_neuron_purity']:.3f}; distinct neuron frequencies {result['distinct_neuron_frequencies']} "
        f"of {result['possible_frequencies']}; logits' energy in (k, k) {result['logits_energy_in_kk_targets']}; "
        f"{result['seconds']:.0f} s"
    )
    return 0


def _figure(path, result):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 3, figsize=(15, 4), layout="constrained")
    left, mid, right = axes
    steps = [c["step"] for c in result["curve"]]
    for i in range(result["seeds"]):
        left.plot(steps, [c["test_accuracy"][i] for c in result["curve"]], label=f"test, seed {i}")
    left.plot(steps, [min(c["train_accuracy"]) for c in result["curve"]], "k--", label="train (min)")
    left.set_xlabel("step")
    left.set_ylabel("accuracy")
    left.set_title(f"a + b mod {result['p']}: min test {result['test_accuracy']:.4f}")
    left.legend(fontsize=8)
    seed0 = result["per_seed"][0]
    counts = seed0["neurons_per_frequency"]
    mid.bar([int(k) for k in counts], list(counts.values()))
    mid.set_xlabel("dominant frequency k of the neuron (C_p)")
    mid.set_ylabel("neurons")
    mid.set_title(
        f"seed 0: {len(counts)} of {result['possible_frequencies']} frequencies used (Gromov's picture)"
    )
    points = [
        (a, b)
        for a, b in zip(seed0["purity"], seed0["post_energy_in_prediction"], strict=True)
        if a is not None and b is not None
    ]
    right.scatter([a for a, _ in points], [b for _, b in points], s=10)
    right.set_xlabel("neuron purity (embedding over C_p)")
    right.set_ylabel("post-activation energy in predicted simples")
    right.set_title("x^2 on (k,0)+(0,k): the interaction graph's targets")
    right.set_xlim(0, 1.02)
    right.set_ylim(0, 1.02)
    figure.savefig(path, dpi=120)
    plt.close(figure)


if __name__ == "__main__":
    sys.exit(main())
