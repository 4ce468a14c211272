"""A circular CNN on periodic 8 x 8 digits, read with plrep: layer-by-layer frequency flow.

scikit-learn's bundled digits (1,797 images of 8 x 8 pixels, no download; the optional extra
``analysis``) are read as functions on the torus G = C_8 x C_8 (pixel (r, c) is the point
8 r + c, row-major: wrapping the image around). The network is plrep's own C_8 x C_8
convolutional network (``plrep.nn.NetworkSpec("C8xC8", ...)``: every layer a circular 2-D
convolution computed by FFT, a per-channel bias, ReLU) with the invariant read-out (mean over G,
then a dense layer), trained with optax Adam (``plrep.nn.train``) on a seeded 80 % split. The
classifier is invariant under circular shifts of the image, by construction.

Then, on the REAL test images, plrep reads off every layer's energy per simple of C_8 x C_8
(34 real simples L(u, v), u, v in Z_8 up to sign): ``plrep.nn.probe`` over the test batch
(energies reduced on the device), per layer the key simples (90 % of the energy) and the
purity of each channel (share of its energy, summed over the test images, in its dominant simple).

Theory check (docs/math.md §4). A layer is v -> sigma(A v + b). The linear step A v + b is
equivariant: by Schur it keeps each isotypic component (it can damp a simple, never create one),
and the bias adds only the trivial simple. The nonlinearity sigma can create simples, but only
along the interaction graph of ReLU on C_8 x C_8 (``plrep.interaction_graph``, numeric). For each
step we take the "carrying" simples of its input (relative energy above 1e-9) and report the share
of its output's energy on simples NOT reached: for the linear step, outside carrying + trivial;
for ReLU, outside the graph's successors of the carrying simples (one step), and outside the
kernel-containment bound (the simples of the subgroup the carrying frequencies generate), which
is the exact bound for mixtures. Real images carry energy in every simple, so on the test set the
reach is everything and the check is vacuous; it bites for inputs in ONE simple L_k, which we
also run through the trained network (``plrep.nn.frequency_flow`` without data).

Writes ``OUT/digits_cnn.json`` and ``OUT/digits_cnn_flow.png``. ``--quick`` is the toy size the
test suite runs. Usage: python analysis/digits_cnn.py [--widths 1,16,32] [--steps 3000] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "out"
GROUP = "C8xC8"
CARRYING = 1e-9  # relative energy above which a simple carries energy (float32 round-off: ~1e-14)


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", default="1,16,32", help="channels per layer, input first")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="toy size (widths 1,6,8, 300 steps)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.widths = tuple(int(w) for w in args.widths.split(","))
    if args.quick:
        args.widths, args.steps = (1, 6, 8), 300
    return args


def load_images(seed: int):
    """Digits as (N, 1, 64) float32 in [0, 1] (row-major torus points), labels, and a seeded split."""
    from sklearn.datasets import load_digits  # the optional extra `analysis`; no download

    digits = load_digits()
    x = (digits.images.reshape(-1, 1, 64) / 16.0).astype(np.float32)
    y = digits.target.astype(np.int32)
    order = np.random.default_rng(seed).permutation(len(y))
    cut = int(0.8 * len(y))
    return x, y, order[:cut], order[cut:]


def train(args):
    import jax

    from plrep.nn import NetworkSpec, accuracy, init
    from plrep.nn import train as train_network

    x, y, train_idx, test_idx = load_images(args.seed)
    spec = NetworkSpec(GROUP, args.widths, activation="relu", readout=10)
    params = init(jax.random.key(args.seed), spec)
    result = train_network(
        params,
        x[train_idx],
        y[train_idx],
        steps=args.steps,
        batch_size=args.batch_size,
        learning_rate=args.lr,
        seed=args.seed,
    )
    scores = {
        "train_accuracy": accuracy(result.params, x[train_idx], y[train_idx]),
        "test_accuracy": accuracy(result.params, x[test_idx], y[test_idx]),
        "final_loss": float(np.mean(result.losses[-50:])),
    }
    return result.params, x[test_idx], scores


def stage_names(num_layers: int) -> list[str]:
    names = ["input"]
    for layer in range(1, num_layers + 1):
        names += [f"layer {layer} conv", f"layer {layer} relu"]
    return names


def probe_layers(params, images):
    """``plrep.nn.probe`` of every stage over the test images: an InspectionReport."""
    from plrep.nn import apply_with_intermediates, probe

    def stages(x):
        _, out = apply_with_intermediates(params, x)
        values = [x]
        for pre, post in zip(out.pre, out.post, strict=True):
            values += [pre, post]
        return dict(zip(stage_names(len(out.pre)), values, strict=True))

    return probe(stages, GROUP, images, axis=-1)


def subgroup_simples(group, carrying) -> set[int]:
    """Simples whose frequency lies in the subgroup generated by the carrying frequencies."""
    n = np.asarray(group.factors)
    reached = {(0,) * len(n)}
    frontier = list(reached)
    gens = [tuple(int(v) for v in group.simple_frequencies[s]) for s in carrying]
    while frontier:
        point = frontier.pop()
        for g in gens:
            for sign in (1, -1):
                nxt = tuple(int(v) for v in (np.asarray(point) + sign * np.asarray(g)) % n)
                if nxt not in reached:
                    reached.add(nxt)
                    frontier.append(nxt)
    return {int(group.simple_ids(np.array(f))) for f in reached}


def step_check(group, graph, before: np.ndarray, after: np.ndarray, kind: str) -> dict:
    """Share of ``after``'s energy on simples the step cannot reach from ``before``'s carrying simples."""
    carrying = np.flatnonzero(before > CARRYING * before.sum())
    total = after.sum()
    if kind == "linear":  # Schur: isotypic components kept; the bias adds the trivial simple
        allowed = set(carrying.tolist()) | {0}
        return {
            "carrying": len(carrying),
            "unreached": float(after[list(_outside(allowed, after))].sum() / total),
        }
    successors = {t for s in carrying for t in graph.successors(int(s))}
    containment = subgroup_simples(group, carrying)
    return {
        "carrying": len(carrying),
        "unreached_by_graph": float(after[list(_outside(successors, after))].sum() / total),
        "unreached_by_containment": float(after[list(_outside(containment, after))].sum() / total),
    }


def _outside(allowed: set[int], row: np.ndarray) -> list[int]:
    return [i for i in range(row.size) if i not in allowed]


def theory_checks(params, stage_totals: list[np.ndarray], samples: int) -> dict:
    """Unreached energy per step, on the test images and for inputs in each single simple."""
    from plrep import interaction_graph
    from plrep.nn import frequency_flow

    group = params.spec.group
    graph = interaction_graph(GROUP, "relu")
    flow = frequency_flow(params, samples=samples)

    def chain(rows):
        checks = []
        for layer in range(len(rows) // 2):
            kept, conv, relu = rows[2 * layer], rows[2 * layer + 1], rows[2 * layer + 2]
            checks.append(
                {
                    "layer": layer + 1,
                    "linear": step_check(group, graph, kept, conv, "linear"),
                    "relu": step_check(group, graph, conv, relu, "relu"),
                }
            )
        return checks

    test_images = chain(stage_totals)
    per_source = []
    for s in range(len(flow.sources)):
        rows = [flow.input[s]]
        for layer in range(flow.num_layers):
            rows += [flow.pre[s, layer], flow.post[s, layer]]
        per_source.append(chain(rows))

    def worst(key, step, layer=None):
        return max(
            c[step][key] for checks in per_source for c in checks if layer is None or c["layer"] == layer
        )

    return {
        "notes": (
            "unreached = share of a step's output energy on simples it cannot reach from the carrying "
            "simples (relative energy > 1e-9) of its input. linear: Schur, only carrying + trivial (bias). "
            "relu by graph: one step of the ReLU interaction graph of C8xC8, which lists edges from ONE "
            "simple with zero bias; a bias (trivial simple) or a mixture reaches more (relu(cos) has no "
            "odd harmonics above the first, relu(cos + b) has them). relu by containment: the simples of "
            "the subgroup the carrying frequencies generate, the exact bound for any input."
        ),
        "graph_edges": len(graph.edge_set),
        "test_images": test_images,
        "single_simple_inputs": {
            "samples_per_simple": samples,
            "max_unreached_linear": worst("unreached", "linear"),
            "max_unreached_relu_by_graph": worst("unreached_by_graph", "relu"),
            "max_unreached_relu_by_containment": worst("unreached_by_containment", "relu"),
            "max_unreached_relu_by_graph_per_layer": [
                worst("unreached_by_graph", "relu", layer) for layer in range(1, flow.num_layers + 1)
            ],
            "sources_with_graph_gap": [
                group.simples[int(source)].name
                for source, checks in zip(flow.sources, per_source, strict=True)
                if any(c["relu"]["unreached_by_graph"] > CARRYING for c in checks)
            ],
        },
    }


def simple_order(group) -> list[int]:
    """Simple ids sorted by the order of their frequency, then by frequency (for the picture)."""
    n = np.asarray(group.factors)
    freqs = group.simple_frequencies
    orders = [int(np.lcm.reduce(n // np.gcd(f, n))) for f in freqs]
    return sorted(range(group.num_simples), key=lambda s: (orders[s], tuple(freqs[s]))), orders


def figure(
    path: Path, group, stages: list[str], shares: np.ndarray, keys: list[list[int]], scores: dict
) -> None:
    """Stages x simples heat map of energy shares (log colour scale); dots mark each stage's key simples."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm

    order, orders = simple_order(group)
    data = np.clip(shares[:, order], 1e-6, 1.0)
    names = [group.simples[s].name.removeprefix("L") for s in order]
    fig, ax = plt.subplots(figsize=(12, 0.55 * len(stages) + 2.6), layout="constrained")
    image = ax.imshow(data, norm=LogNorm(1e-6, 1.0), cmap="magma", aspect="auto")
    ax.set_xticks(range(len(order)), names, rotation=90, fontsize=8)
    ax.set_yticks(range(len(stages)), stages)
    ax.set_xlabel("simple L(u, v) of C8 × C8 (u, v up to a common sign), grouped by the order of (u, v)")
    ax.set_ylabel("stage of the network (test images)")
    column = {s: c for c, s in enumerate(order)}
    for row, key in enumerate(keys):  # the key simples: 90 % of the stage's energy
        ax.scatter([column[s] for s in key], [row] * len(key), s=9, color="#2a9df4", zorder=3)
    starts = [c for c in range(len(order)) if c == 0 or orders[order[c]] != orders[order[c - 1]]]
    for c, start in enumerate(starts):  # separators and a label per order class
        end = starts[c + 1] if c + 1 < len(starts) else len(order)
        if start:
            ax.axvline(start - 0.5, color="white", linewidth=1.2)
        label = str(orders[order[start]])
        ax.text((start + end - 1) / 2, -0.58, label, ha="center", va="bottom", fontsize=9)
    ax.text(-0.7, -0.58, "order of (u, v):", ha="right", va="bottom", fontsize=9)
    ax.set_title(
        "Circular CNN on periodic 8×8 digits: share of each stage's energy per simple\n"
        f"train accuracy {scores['train_accuracy']:.3f}, test {scores['test_accuracy']:.3f}; "
        "dots: key simples (90 % of the stage's energy)",
        fontsize=10,
        pad=16,
    )
    bar = fig.colorbar(image, ax=ax, pad=0.01)
    bar.set_label("share of the stage's energy (log scale)")
    fig.savefig(path, dpi=150)
    plt.close(fig)


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    params, test_images, scores = train(args)
    trained = time.perf_counter() - start
    report = probe_layers(params, test_images)
    group = report.space.group
    names = [s.name for s in group.simples]
    stages = report.names
    totals = [report.summaries[name].totals for name in stages]
    shares = np.array([t / t.sum() for t in totals])
    layers = []
    for name, row in zip(stages, shares, strict=True):
        summary = report.summaries[name]
        purity = summary.purity[~np.isnan(summary.purity)]
        layers.append(
            {
                "stage": name,
                "energy_share": {names[i]: float(v) for i, v in enumerate(row)},
                "key_simples": [names[i] for i in summary.key_simples],
                "channels": [  # a dead channel (no energy on the test images) has no dominant simple
                    {"index": i, "dominant": None, "purity": None}
                    if np.isnan(p)
                    else {"index": i, "dominant": names[int(d)], "purity": float(p)}
                    for i, (d, p) in enumerate(zip(summary.dominant, summary.purity, strict=True))
                ],
                "dead_channels": int(np.isnan(summary.purity).sum()),
                "median_channel_purity": float(np.median(purity)) if purity.size else None,
                "trivial_share": float(row[0]),
            }
        )
    checks = theory_checks(params, totals, samples=4 if args.quick else 16)
    result = {
        "group": GROUP,
        "widths": list(args.widths),
        "steps": args.steps,
        "num_test_images": len(test_images),
        **scores,
        "simples": names,
        "layers": layers,
        "theory": checks,
        "seconds_training": trained,
        "seconds": time.perf_counter() - start,
    }
    (args.out / "digits_cnn.json").write_text(json.dumps(result, indent=1))
    figure(
        args.out / "digits_cnn_flow.png",
        group,
        stages,
        shares,
        [report.summaries[name].key_simples for name in stages],
        scores,
    )
    single = checks["single_simple_inputs"]
    print(
        f"digits on {GROUP}, widths {args.widths}: train {scores['train_accuracy']:.3f}, "
        f"test {scores['test_accuracy']:.3f}; key simples "
        + "; ".join(f"{layer['stage']}: {len(layer['key_simples'])}" for layer in layers)
        + f"; unreached energy, single-simple inputs: linear {single['max_unreached_linear']:.1e}, "
        f"relu (graph) {single['max_unreached_relu_by_graph']:.1e}, relu (containment) "
        f"{single['max_unreached_relu_by_containment']:.1e}; {result['seconds']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
