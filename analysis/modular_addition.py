"""Grokking modular addition, read with plrep: key frequencies, neuron purity, interaction graph.

A one-hidden-layer MLP on pairs (a, b) of Z_p (Gromov 2023): one-hot a and b, hidden layer
h = sigma(W_a[a] + W_b[b]) with sigma = x^2 (or relu), logits = h U, trained with optax AdamW on
a fraction of all p^2 pairs until it generalises to the rest. Then plrep reads off

* the key frequencies of the embedding W_a (p x N, axis 0 indexed by C_p): ``summarize``;
* each hidden neuron's dominant frequency and purity (its embedding column over C_p);
* the energy of the pre-activations, hidden activations and logits over C_p x C_p (the points
  are the pairs, a * p + b row-major), by simple: ``plrep.nn.probe``, reduced on the device;
* the interaction-graph check: a neuron whose embedding lives in L_k receives an input in
  (k, 0) + (0, k); plrep's prediction for sigma on that vertex is computed by the numeric method
  of the interaction graph (sigma applied to generic vectors of (k, 0) + (0, k), decomposed over
  C_p x C_p, simples above 1e-9 of the energy). For x^2 it is {(0,0), (2k,0), (0,2k), (k,k),
  (k,-k)}. We report the share of each neuron's post-activation energy inside the prediction
  for its dominant k (1 for a pure neuron), next to its purity.

Writes ``OUT/modular_addition.json``, ``OUT/modular_addition.png`` and the probe's report
``OUT/modular_addition_report.json`` (``InspectionReport.to_dict`` plus the activation's plrep
name, its layers in the network's order and the kind of each step between them), which ``plrep explore --report`` draws on the interaction graph of C_p x C_p. ``--quick`` is the toy size
the test suite runs (p = 23). Usage: python analysis/modular_addition.py [--p 59] [--quick]
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

from plrep import summarize
from plrep.nn import probe

OUT = Path(__file__).resolve().parent / "out"


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=int, default=59)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--activation", choices=["square", "relu"], default="square")
    parser.add_argument("--train-fraction", type=float, default=0.4)
    parser.add_argument("--steps", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--weight-decay", type=float, default=3.0)
    parser.add_argument("--quick", action="store_true", help="toy size (p = 23, 70 %% of pairs, 1500 steps)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.p, args.width, args.steps, args.train_fraction = 23, 96, 1500, 0.7
    return args


def _sigma(name):
    return jnp.square if name == "square" else jax.nn.relu


def _forward(params, pairs, p, sigma):
    a, b = pairs // p, pairs % p
    pre = params["wa"][a] + params["wb"][b]
    hidden = sigma(pre)
    return {"pre": pre, "hidden": hidden, "logits": hidden @ params["u"]}


def train(args):
    """Full-batch AdamW with weight decay on a random train split; returns params and curves."""
    p, n = args.p, args.width
    key_a, key_b, key_u, key_split = jax.random.split(jax.random.key(args.seed), 4)
    params = {
        "wa": jax.random.normal(key_a, (p, n)) / np.sqrt(p),
        "wb": jax.random.normal(key_b, (p, n)) / np.sqrt(p),
        "u": jax.random.normal(key_u, (n, p)) / np.sqrt(n),
    }
    pairs = jnp.arange(p * p)
    labels = (pairs // p + pairs % p) % p
    order = jax.random.permutation(key_split, p * p)
    cut = int(args.train_fraction * p * p)
    train_idx, test_idx = order[:cut], order[cut:]
    sigma = _sigma(args.activation)
    optimiser = optax.adamw(args.lr, weight_decay=args.weight_decay)
    state = optimiser.init(params)

    def loss(params):
        logits = _forward(params, pairs[train_idx], p, sigma)["logits"]
        return optax.softmax_cross_entropy_with_integer_labels(logits, labels[train_idx]).mean()

    @jax.jit
    def step(params, state):
        value, grads = jax.value_and_grad(loss)(params)
        updates, state = optimiser.update(grads, state, params)
        return optax.apply_updates(params, updates), state, value

    @jax.jit
    def accuracies(params):
        correct = _forward(params, pairs, p, sigma)["logits"].argmax(-1) == labels
        return correct[train_idx].mean(), correct[test_idx].mean()

    curve = []
    for t in range(args.steps):
        params, state, value = step(params, state)
        if t % max(1, args.steps // 50) == 0 or t == args.steps - 1:
            tr, te = accuracies(params)
            curve.append(
                {"step": t, "loss": float(value), "train_accuracy": float(tr), "test_accuracy": float(te)}
            )
    return params, curve


def predicted_targets(p: int, k: int, activation: str, rng) -> list[int]:
    """Simples of C_p x C_p that sigma creates from (k, 0) + (0, k): numeric interaction graph."""
    a, b = np.divmod(np.arange(p * p), p)
    amp = rng.normal(size=(4, 1))
    vectors = amp[0] * np.cos(2 * np.pi * k * a / p + amp[1]) + amp[2] * np.cos(
        2 * np.pi * k * b / p + amp[3]
    )
    vectors = vectors[None] if vectors.ndim == 1 else vectors
    out = vectors**2 if activation == "square" else np.maximum(vectors, 0)
    totals = summarize(f"C{p}xC{p}", out).totals
    return np.flatnonzero(totals > 1e-9 * totals.sum()).tolist()


def analyse(args, params):
    p = args.p
    sigma = _sigma(args.activation)
    embed = summarize(f"C{p}", np.asarray(params["wa"], np.float64), axis=0)
    report = probe(lambda pairs: _forward(params, pairs, p, sigma), f"C{p}xC{p}")
    group = report.space.group
    hidden = report.summaries["hidden"]
    rng = np.random.default_rng(0)
    predictions = {}
    inside = np.full(embed.num_units, np.nan)
    for unit, k in enumerate(embed.dominant):
        if k <= 0:
            continue
        if k not in predictions:
            predictions[int(k)] = predicted_targets(p, int(k), args.activation, rng)
        row = hidden.energies[unit]
        inside[unit] = row[predictions[int(k)]].sum() / row.sum()
    names = {s.id: s.name for s in group.simples}
    return (
        {
            "embedding": {
                "key_frequencies": embed.key_simples,
                "key_fraction": embed.key_fraction,
                "energy_share": {int(k): float(embed.relative()[k]) for k in embed.key_simples},
            },
            "neurons": [
                {
                    "index": i,
                    "dominant_frequency": int(d),
                    "purity": float(pu),
                    "post_energy_in_prediction": float(s),
                }
                for i, (d, pu, s) in enumerate(zip(embed.dominant, embed.purity, inside, strict=True))
            ],
            "median_neuron_purity": float(np.nanmedian(embed.purity)),
            "median_post_energy_in_prediction": float(np.nanmedian(inside)),
            "predicted_targets": {int(k): [names[i] for i in v] for k, v in predictions.items()},
            "logits_energy_by_simple": {
                names[i]: float(e)
                for i, e in enumerate(report.summaries["logits"].totals)
                if e > 1e-6 * report.summaries["logits"].totals.sum()
            },
            "logits_key_simples": [names[i] for i in report.summaries["logits"].key_simples],
            "hidden_key_simples": [names[i] for i in hidden.key_simples],
            "devices": report.devices,
        },
        report,
        embed,
    )


def _figure(path, curve, embed, findings):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, mid, right) = plt.subplots(1, 3, figsize=(15, 4), layout="constrained")
    steps = [c["step"] for c in curve]
    left.plot(steps, [c["train_accuracy"] for c in curve], label="train")
    left.plot(steps, [c["test_accuracy"] for c in curve], label="test")
    left.set_xlabel("step")
    left.set_ylabel("accuracy")
    left.set_title("accuracy (a + b mod p)")
    left.legend()
    mid.bar(range(embed.totals.size), embed.relative())
    mid.set_xlabel("frequency k of C_p")
    mid.set_ylabel("share of embedding energy")
    keys = findings["embedding"]["key_frequencies"]
    mid.set_title(f"embedding W_a: {len(keys)} key frequencies (90 % of energy)")
    purity = [n["purity"] for n in findings["neurons"]]
    inside = [n["post_energy_in_prediction"] for n in findings["neurons"]]
    right.scatter(purity, inside, s=10)
    right.set_xlabel("neuron purity (embedding, C_p)")
    right.set_ylabel("post-activation energy in predicted simples")
    right.set_title("x^2 on (k,0)+(0,k): predicted simples")
    right.set_xlim(0, 1.02)
    right.set_ylim(0, 1.02)
    figure.savefig(path)
    plt.close(figure)


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    params, curve = train(args)
    findings, report, embed = analyse(args, params)
    result = {
        "p": args.p,
        "width": args.width,
        "activation": args.activation,
        "train_fraction": args.train_fraction,
        "steps": args.steps,
        "train_accuracy": curve[-1]["train_accuracy"],
        "test_accuracy": curve[-1]["test_accuracy"],
        "curve": curve,
        **findings,
        "seconds": time.perf_counter() - start,
    }
    (args.out / "modular_addition.json").write_text(json.dumps(result, indent=1))
    _figure(args.out / "modular_addition.png", curve, embed, findings)
    model = {**report.to_dict(units=False), "source": f"modular addition MLP, p = {args.p}"}
    model["activation"] = "pow:2" if args.activation == "square" else "relu"
    model["layers"] = ["pre", "hidden", "logits"]  # the network's order (the probe's dict is sorted)
    model["steps"] = ["sigma", "linear"]  # pre -> hidden is sigma; hidden -> logits mixes units only
    (args.out / "modular_addition_report.json").write_text(json.dumps(model))
    print(
        f"p={args.p}: train {result['train_accuracy']:.3f}, test {result['test_accuracy']:.3f}; "
        f"key frequencies {findings['embedding']['key_frequencies']}; median purity "
        f"{findings['median_neuron_purity']:.3f}; median post energy in prediction "
        f"{findings['median_post_energy_in_prediction']:.3f}; {result['seconds']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
