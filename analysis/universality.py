"""Universality at sweep scale: which irreducibles of S_5 each seed of a composition MLP learns.

Chughtai et al. 2023 ("A toy model of universality") trained 50 seeds of a one-hidden-layer MLP
on S_5 composition (embeddings 256, hidden 128, ReLU, AdamW lr 1e-3, weight decay 1, full batch,
40 % of the 14,400 pairs). Every seed generalised; which irreducibles it learned varied by seed
(sign 49/50, standard 49/50, 5-dim (a) 18/50, standard x sign 17/50, 5-dim (b) 10/50, 6-dim
never; counted from their committed run summaries).

Here all seeds train as ONE vmapped, jitted computation (``plrep.nn.train_composition``: seeds
are a batch axis), then per seed plrep decomposes the functions on G that the hidden neurons see
(left and right embedding times the hidden weight) and write (the unembedding) over the regular
G-set, divides each irreducible's energy share by what a random function on G puts there
(dim^2 / |G|) and calls an irreducible *learned* when that enrichment is at least
``plrep.nn.LEARNED_ENRICHMENT`` in all three (``plrep.nn.learned_simples``). Neurons per
irreducible: the dominant irreducible of each neuron's left function (``summarize``).

The published recipe (40 % of the pairs, lr 1e-3) memorises the training pairs in a few hundred
steps and then groks slowly: after 2,000 full-batch steps 4 seeds test at 0.0-0.2 % (0.5-1 %
with lr 3e-3), too slow for 2 CPU cores. The defaults keep the published model, optimiser,
weight decay and full batch and change two settings, listed in the JSON's ``deviations``:
60 % of the pairs and lr 3e-3. With them all 16 seeds pass 0.999 test accuracy by step 7,500
(74 min on 2 shared CPU cores). Training stops once every seed's test accuracy is >=
``--stop-at`` or after ``--max-minutes`` (the JSON says which, with the curve).

Writes ``OUT/universality.json`` and ``OUT/universality.png``. ``--quick``: S_4, 3 seeds, a few
hundred steps (the test suite: the mechanics, not the numbers). ``--compare-loop N``: also time N
steps of the same seeds as a Python loop of one-seed runs, against the vmapped run.
The trainer's state is saved to ``OUT/universality_checkpoint.npz`` at every evaluation;
``--resume`` continues a stopped run from it (the same steps an uninterrupted run takes).
Usage: python analysis/universality.py [--seeds 16] [--steps 8000] [--max-minutes M] [--resume] [--quick]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from plrep import parse_group, regular, summarize
from plrep.nn import LEARNED_ENRICHMENT, composition_enrichment, learned_simples, train_composition

OUT = Path(__file__).resolve().parent / "out"

# Chughtai et al. 2023, S_5, 50 seeds: how many learned each irreducible (counted from their
# committed run summaries, as quoted in plrep's issue 23). Keyed by the Specht module's
# partition; the paper's "5-dim (a)" / "(b)" are matched to (3,2) / (2,2,1) by assumption (the
# paper names them a/b without partitions), so those two rows may be swapped.
PUBLISHED = {
    "seeds": 50,
    "test_accuracy": ">= 0.9999 for every seed",
    "counts_by_partition": {
        "(1, 1, 1, 1, 1)": ("sign", 49),
        "(4, 1)": ("standard (4-dim)", 49),
        "(3, 2)": ("5-dim (a)", 18),
        "(2, 1, 1, 1)": ("standard x sign (4-dim)", 17),
        "(2, 2, 1)": ("5-dim (b)", 10),
        "(3, 1, 1)": ("6-dim", 0),
    },
    "settings": {
        "group": "S5",
        "embed_dim": 256,
        "hidden": 128,
        "activation": "relu",
        "learning_rate": 1e-3,
        "weight_decay": 1.0,
        "train_fraction": 0.4,
        "batch_size": None,
        "schedule": "constant",
        "warmup_steps": 0,
    },
}


def _args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", default="S5")
    parser.add_argument("--seeds", type=int, default=16, help="how many seeds, 0..N-1 (paper: 50)")
    parser.add_argument("--steps", type=int, default=8000, help="at most this many steps")
    parser.add_argument(
        "--stop-at", type=float, default=0.999, help="stop once every seed's test accuracy is >= this"
    )
    parser.add_argument("--eval-every", type=int, default=250)
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="stop training after this many minutes (0: no limit); said in the JSON",
    )
    parser.add_argument(
        "--embed-dim",
        type=int,
        default=256,
        help="embedding width (published: 256); 0: none, the hidden layer reads one-hots",
    )
    parser.add_argument("--train-fraction", type=float, default=0.6, help="published: 0.4")
    parser.add_argument("--batch-size", type=int, default=0, help="0: full batch (published)")
    parser.add_argument("--lr", type=float, default=3e-3, help="published: 1e-3")
    parser.add_argument("--weight-decay", type=float, default=1.0)
    parser.add_argument("--schedule", choices=["constant", "cosine"], default="constant")
    parser.add_argument("--warmup-steps", type=int, default=0)
    parser.add_argument("--threshold", type=float, default=LEARNED_ENRICHMENT)
    parser.add_argument(
        "--compare-loop", type=int, default=0, metavar="N", help="time N steps vmapped vs a loop"
    )
    parser.add_argument(
        "--timing-only",
        action="store_true",
        help="only time --compare-loop N steps; writes universality_timing.json",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue from OUT/universality_checkpoint.npz (exactly the steps an uninterrupted run takes)",
    )
    parser.add_argument("--force", action="store_true", help="start afresh over an existing checkpoint")
    parser.add_argument("--quick", action="store_true", help="S4, 3 seeds, 300 steps")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.quick:
        args.group, args.seeds, args.steps, args.batch_size, args.eval_every = "S4", 3, 300, 128, 50
        args.warmup_steps = min(args.warmup_steps, 50)
        args.compare_loop = min(args.compare_loop, 20)
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, got {args.seeds}")
    return args


def _settings(args) -> dict:
    return {
        "steps": args.steps,
        "learning_rate": args.lr,
        "weight_decay": args.weight_decay,
        "train_fraction": args.train_fraction,
        "batch_size": args.batch_size or None,
        "schedule": args.schedule,
        "warmup_steps": args.warmup_steps,
        "stop_at": args.stop_at,
        "embed_dim": args.embed_dim or None,
    }


def _deviations(settings: dict) -> dict:
    """Every setting that differs from the published one: {name: {"plrep", "published"}}."""
    published = PUBLISHED["settings"]
    return {
        name: {"plrep": settings[name], "published": published[name]}
        for name in (
            "embed_dim",
            "learning_rate",
            "weight_decay",
            "train_fraction",
            "batch_size",
            "schedule",
            "warmup_steps",
        )
        if settings[name] != published[name]
    }


# A neuron counts when its energy is at least this share of the mean neuron's: weight decay
# leaves unused neurons with ~1e-4 of it, whose "dominant" irreducible is noise.
ALIVE = 0.01


def _note(run, args) -> str:
    if run.test_accuracy.min() >= args.stop_at:
        return f"every seed reached test accuracy >= {args.stop_at} at step {run.settings['steps_done']}"
    return (
        f"NOT converged: training stopped at step {run.settings['steps_done']} with the lowest test accuracy "
        f"{run.test_accuracy.min():.4f} < {args.stop_at}; the learned sets are mid-training readings (irreducibles "
        "not yet emptied by weight decay still count), not comparable with the published counts"
    )


def _neurons_per_irreducible(space, left: np.ndarray) -> dict:
    """Dominant irreducible of each live neuron's left function on G: {name: count}."""
    summary = summarize(space, np.asarray(left, np.float64), axis=0)
    energy = summary.energies.sum(axis=1)
    alive = energy >= ALIVE * energy.mean()
    names = {s.id: s.name for s in space.group.simples}
    counts = {"dead (energy < 1 % of the mean)": int((~alive).sum())}
    for dominant in summary.dominant[alive]:
        key = names.get(int(dominant), "tie")
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _time_loop(args, seeds, steps: int) -> dict:
    """Wall and CPU seconds of ``steps`` steps: all seeds vmapped vs a loop of one-seed runs."""
    options = dict(_train_options(args), steps=steps, eval_every=steps, progress=False)
    options["warmup_steps"] = min(options["warmup_steps"], steps)
    wall, cpu = time.perf_counter(), time.process_time()
    train_composition(args.group, seeds=seeds, **options)
    vmapped = (time.perf_counter() - wall, time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    for seed in seeds:
        train_composition(args.group, seeds=(seed,), **options)
    loop = (time.perf_counter() - wall, time.process_time() - cpu)
    return {
        "steps": steps,
        "seeds": len(seeds),
        "vmapped_wall_s": vmapped[0],
        "vmapped_cpu_s": vmapped[1],
        "loop_wall_s": loop[0],
        "loop_cpu_s": loop[1],
        "loop_over_vmapped_wall": loop[0] / vmapped[0],
        "loop_over_vmapped_cpu": loop[1] / vmapped[1],
        "note": "compilation included (a loop compiles once per seed, as a shell loop of runs would)",
    }


def _train_options(args) -> dict:
    return {
        "embed_dim": args.embed_dim or None,
        "train_fraction": args.train_fraction,
        "learning_rate": args.lr,
        "weight_decay": args.weight_decay,
        "batch_size": args.batch_size or None,
        "schedule": args.schedule,
        "warmup_steps": args.warmup_steps,
    }


def main(argv=None) -> int:
    args = _args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    group = parse_group(args.group)
    space = regular(group)
    seeds = tuple(range(args.seeds))
    start = time.perf_counter()
    if args.timing_only:
        timing = {
            "group": group.name,
            **_time_loop(args, seeds, args.compare_loop or 20),
            "settings": _settings(args),
        }
        (args.out / "universality_timing.json").write_text(json.dumps(timing, indent=1))
        print(json.dumps(timing, indent=1))
        return 0
    progress_file = args.out / "universality_progress.json"
    checkpoint_file = None if args.quick else args.out / "universality_checkpoint.npz"
    if checkpoint_file is not None and checkpoint_file.exists() and not args.resume:
        if not args.force:
            print(
                f"universality.py: {checkpoint_file} exists: pass --resume to continue that run or --force "
                "to start afresh",
                file=sys.stderr,
            )
            return 2
        checkpoint_file.unlink()

    def watch(step, params, metrics):
        # Written at every evaluation, so a killed run still says how far it got.
        progress_file.write_text(
            json.dumps({"step": step, **{k: v.tolist() for k, v in metrics.items()}}, indent=1)
        )
        return bool(args.max_minutes) and time.perf_counter() - start > 60 * args.max_minutes

    run = train_composition(
        group,
        seeds=seeds,
        steps=args.steps,
        eval_every=args.eval_every,
        stop_at=args.stop_at,
        callback=None if args.quick else watch,
        checkpoint=checkpoint_file,
        **_train_options(args),
    )
    learned = learned_simples(run, threshold=args.threshold)
    enrichment = composition_enrichment(run)
    functions = run.functions_on_group()
    names = [s.name for s in group.simples]
    per_seed = []
    for i, seed in enumerate(seeds):
        per_seed.append(
            {
                "seed": seed,
                "test_accuracy": float(run.test_accuracy[i]),
                "train_accuracy": float(run.train_accuracy[i]),
                "learned": learned[i],
                "enrichment": {
                    where: dict(zip(names, np.round(enrichment[where][i], 4).tolist(), strict=True))
                    for where in ("left", "right", "unembed")
                },
                "neurons_per_irreducible": _neurons_per_irreducible(space, functions["left"][i]),
            }
        )
    counts = {s.name: sum(s.name in row for row in learned) for s in group.simples[1:]}
    partitions = {s.name: str(tuple(s.partition)) for s in group.simples}
    published = None
    if group.name == "S5":
        by_partition = PUBLISHED["counts_by_partition"]
        published = {
            "source": "Chughtai et al. 2023, A toy model of universality (50 seeds)",
            "seeds": PUBLISHED["seeds"],
            "test_accuracy": PUBLISHED["test_accuracy"],
            "settings": PUBLISHED["settings"],
            "counts": {
                name: {"label": by_partition[p][0], "count": by_partition[p][1]}
                for name, p in partitions.items()
                if p in by_partition
            },
            "label_assumption": "5-dim (a) = partition (3, 2), 5-dim (b) = (2, 2, 1): assumed, not stated in the paper",
        }
    settings = {**run.settings, **_settings(args)}
    result = {
        "group": group.name,
        "seeds": len(seeds),
        "min_test_accuracy": float(run.test_accuracy.min()),
        "steps_done": run.settings["steps_done"],
        "converged": bool(run.test_accuracy.min() >= args.stop_at),
        "note": _note(run, args),
        "stopped_by_time_budget": run.settings["stopped_by_callback"],
        "time_budget_minutes": args.max_minutes or None,
        "all_seeds_at_least_0.999": bool(run.test_accuracy.min() >= 0.999),
        "per_seed": per_seed,
        "learned_counts": counts,
        "learned_fractions": {name: c / len(seeds) for name, c in counts.items()},
        "irreducibles": [
            {
                "name": s.name,
                "dim": s.dim,
                "partition": list(s.partition),
                "random_baseline": s.dim**2 / group.order,
            }
            for s in group.simples
        ],
        "threshold": {
            "enrichment": args.threshold,
            "rule": "learned = non-trivial irreducible whose energy share is >= threshold x its random "
            "baseline (dim^2/|G|) in the left embedding, the right embedding and the unembedding "
            "(functions on G seen/written by the hidden neurons)",
        },
        "settings": settings,
        "deviations": _deviations(settings),
        "published": published,
        "train_seconds": run.seconds,
        "curve": {
            int(step): {k: [round(float(v), 5) for v in values] for k, values in metrics.items()}
            for step, metrics in run.curves.items()
        },
    }
    if args.compare_loop:
        result["timing_vmapped_vs_loop"] = _time_loop(args, seeds, args.compare_loop)
    result["seconds"] = time.perf_counter() - start
    (args.out / "universality.json").write_text(json.dumps(result, indent=1))
    _figure(args.out / "universality.png", result)
    print(
        f"{group.name}, {len(seeds)} seeds: min test accuracy {result['min_test_accuracy']:.4f}; learned "
        f"{counts}; {run.seconds:.0f} s training"
    )
    if published:
        print("published (of 50):", {n: v["count"] for n, v in published["counts"].items()})
    return 0


def _figure(path, result):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    irreducibles = [s for s in result["irreducibles"][1:]]
    names = [s["name"] for s in irreducibles]
    ours = [result["learned_fractions"][n] for n in names]
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    x = np.arange(len(names))
    width = 0.38
    left.bar(x - width / 2, ours, width, label=f"plrep ({result['seeds']} seeds)")
    if result["published"]:
        counts = result["published"]["counts"]
        published = [counts[n]["count"] / result["published"]["seeds"] if n in counts else 0 for n in names]
        left.bar(x + width / 2, published, width, label="Chughtai et al. 2023 (50 seeds)")
        labels = [
            f"{n}\n{counts[n]['label'].replace(' (', chr(10) + '(')}" if n in counts else n for n in names
        ]
    else:
        labels = names
    left.set_xticks(
        x, [f"{lab}\n(dim {s['dim']})" for lab, s in zip(labels, irreducibles, strict=True)], fontsize=8
    )
    left.set_ylabel("fraction of seeds that learned it")
    left.set_ylim(0, 1.05)
    status = "" if result.get("converged", True) else f" (NOT converged, step {result['steps_done']})"
    left.set_title(f"{result['group']}: irreducibles learned per seed{status}")
    deviations = result.get("deviations") or {}
    if deviations:
        shown = "; ".join(f"{k} {v['plrep']} (published {v['published']})" for k, v in deviations.items())
        figure.suptitle(f"plrep's run differs from the published one in: {shown}", fontsize=9)
    left.legend()
    steps = sorted(result["curve"], key=int)  # int keys in memory, str keys read back from JSON
    tests = np.array([result["curve"][s]["test_accuracy"] for s in steps])
    right.plot([int(s) for s in steps], tests, color="tab:blue", alpha=0.4, linewidth=0.8)
    right.plot([], [], color="tab:blue", label="test accuracy, one line per seed")
    right.set_xlabel("step")
    right.set_ylabel("test accuracy")
    right.set_title(f"min over seeds at the end: {result['min_test_accuracy']:.4f}")
    right.legend(loc="lower right")
    figure.savefig(path, dpi=120)
    plt.close(figure)


def redraw(json_path: Path) -> None:
    """Draw the figure again from a written universality.json (no training)."""
    result = json.loads(Path(json_path).read_text())
    _figure(Path(json_path).with_suffix(".png"), result)


if __name__ == "__main__":
    sys.exit(main())
