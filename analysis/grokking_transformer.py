"""Grokking a + b mod p in Nanda et al.'s one-layer transformer, measured with plrep.

The model and training follow Nanda, Chan, Lieberum, Smith & Steinhardt (2023), "Progress measures
for grokking via mechanistic interpretability": inputs are the three tokens (a, b, "=") with a, b
in Z_p and "=" the token p; a learned embedding W_E (p + 1, d_model) and positional embedding;
one attention layer (4 heads of d_head 32, causal), one ReLU MLP (d_mlp 512), no LayerNorm, an
unembedding W_U (d_model, p); cross-entropy at the last position; full-batch AdamW (lr 1e-3,
weight decay 1.0, betas (0.9, 0.98)) with a linear warm-up over 10 steps, on 30 % of the p^2 pairs.

One simplification that changes no number: the loss reads only the logits at the last position
("="), and with one layer those depend on the queries, the MLP and the unembedding at that position
only (keys and values are needed at all three). So the queries, the MLP and the unembedding are
computed at the last position alone: the same function of the parameters, a third of the work.

plrep then measures, at each checkpoint (``plrep.nn.progress``):

* the key frequencies of W_E (its first p rows, axis 0 indexed by C_p): the simples of C_p
  holding ``KEY_FRACTION`` of its non-trivial energy, and the share they hold;
* the restricted loss: the logits over all p^2 pairs (a G-set: C_p x C_p, the pair (a, b) at
  a * p + b) projected onto the trivial simple and the simples (k, k) of the key frequencies
  (cos and sin of w_k (a + b): what the published algorithm uses), loss on the training pairs;
* the excluded loss: the same logits with the (k, k) components of the key frequencies removed;
* the Gini coefficient of W_E's energy over the non-trivial frequencies.

Writes ``OUT/grokking_transformer.json`` (with the published numbers beside plrep's), the final
weights ``OUT/grokking_transformer_final.npz`` and
``OUT/grokking_transformer.png`` / ``.svg`` (loss curves with restricted and excluded loss, the
key frequencies' share and the Gini coefficient against the step: Nanda et al.'s Figure 7 in kind).
Checkpoints go to ``OUT/grokking_transformer_checkpoints/`` as they are made; ``--resume`` goes on
from the last one. ``--quick`` is the toy size the tests run (p = 23, a small model, 1000 steps).

Usage: python analysis/grokking_transformer.py [--p 113] [--steps 15000] [--resume] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import jax
import jax.numpy as jnp
import numpy as np
import optax

from plrep._files import write_atomic

OUT = Path(__file__).resolve().parent / "out"
NAME = "grokking_transformer"

# Nanda et al. 2023 (arXiv:2301.05217), main run: key frequencies of W_E, share of W_E's non-DC
# power they hold (their Fig. / text: "about 94 %"), final test accuracy.
PUBLISHED = {
    "source": "Nanda et al. 2023, Progress measures for grokking via mechanistic interpretability",
    "p": 113,
    "train_fraction": 0.3,
    "steps": 40000,
    "key_frequencies": [14, 35, 41, 42, 52],
    "key_energy_share": 0.94,
    "test_accuracy": 1.0,
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--p", type=int, default=113)
    parser.add_argument("--train-fraction", type=float, default=0.3)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--d-head", type=int, default=32)
    parser.add_argument("--d-mlp", type=int, default=512)
    parser.add_argument("--steps", type=int, default=15000)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1.0)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--checkpoint-every", type=int, default=250)
    parser.add_argument(
        "--reuse-full-run",
        action="store_true",
        help="copy the committed full run's JSON and figures (analysis/out) into --out instead of training "
        "(plrep repro --case-studies: retraining takes over an hour on two cores)",
    )
    parser.add_argument("--measure-every", type=int, default=500, help="steps between measured checkpoints")
    parser.add_argument("--resume", action="store_true", help="go on from the last checkpoint in OUT")
    parser.add_argument(
        "--analyse-only", action="store_true", help="measure the checkpoints in OUT without training"
    )
    parser.add_argument("--quick", action="store_true", help="toy size (p = 23, small model, 1000 steps)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: analysis/out, --quick: analysis/out/quick)",
    )
    args = parser.parse_args(argv)
    if args.out is None:
        args.out = OUT / "quick" if args.quick else OUT
    if args.quick:
        args.p, args.d_model, args.heads, args.d_head, args.d_mlp = 23, 32, 2, 16, 64
        args.steps, args.checkpoint_every, args.train_fraction, args.measure_every = 1000, 100, 0.5, 100
    return args


# --- the model -----------------------------------------------------------------------------------


def init_params(key, p: int, d_model: int, heads: int, d_head: int, d_mlp: int) -> dict:
    """Gaussian initialisation scaled as in the published code (1 / sqrt(d_model), W_U 1 / sqrt(p))."""
    keys = jax.random.split(key, 8)
    scale = 1.0 / np.sqrt(d_model)
    return {
        "W_E": jax.random.normal(keys[0], (p + 1, d_model)) * scale,
        "W_pos": jax.random.normal(keys[1], (3, d_model)) * scale,
        "W_Q": jax.random.normal(keys[2], (heads, d_model, d_head)) * scale,
        "W_K": jax.random.normal(keys[3], (heads, d_model, d_head)) * scale,
        "W_V": jax.random.normal(keys[4], (heads, d_model, d_head)) * scale,
        "W_O": jax.random.normal(keys[5], (heads, d_head, d_model)) * scale,
        "W_in": jax.random.normal(keys[6], (d_model, d_mlp)) * scale,
        "b_in": jnp.zeros(d_mlp),
        "W_out": jax.random.normal(keys[7], (d_mlp, d_model)) / np.sqrt(d_mlp),
        "b_out": jnp.zeros(d_model),
        "W_U": jax.random.normal(jax.random.fold_in(key, 9), (d_model, p)) / np.sqrt(p),
    }


def forward_reference(params: dict, pairs) -> jnp.ndarray:
    """The transformer written out position by position (all three), logits at "=": the check."""
    p = params["W_U"].shape[1]
    tokens = jnp.stack([pairs // p, pairs % p, jnp.full_like(pairs, p)], axis=1)
    x = params["W_E"][tokens] + params["W_pos"]  # (batch, 3, d_model)
    q = jnp.einsum("bsd,hde->bhse", x, params["W_Q"])
    k = jnp.einsum("bsd,hde->bhse", x, params["W_K"])
    v = jnp.einsum("bsd,hde->bhse", x, params["W_V"])
    scores = jnp.einsum("bhse,bhte->bhst", q, k) / np.sqrt(q.shape[-1])
    causal = jnp.tril(jnp.ones((3, 3), bool))
    attention = jax.nn.softmax(jnp.where(causal, scores, -jnp.inf), axis=-1)
    z = jnp.einsum("bhst,bhte->bhse", attention, v)
    resid = x + jnp.einsum("bhse,hed->bsd", z, params["W_O"])
    resid = resid + jax.nn.relu(resid @ params["W_in"] + params["b_in"]) @ params["W_out"] + params["b_out"]
    return resid[:, -1] @ params["W_U"]


def forward(params: dict, pairs, intervene=None) -> jnp.ndarray:
    """Logits at the "=" position for pair indices a * p + b: (batch, p), as ``forward_reference``.

    Why it is cheaper and still the same function: with one layer, the logits at "=" read the
    queries, the MLP and the unembedding at that position only. There the query is the same for
    every pair (token "=" at position 2), and each key, value and value-times-W_O depends on one
    token: so they are tables of p rows, looked up per pair, instead of matmuls per pair.

    ``intervene(name, value) -> value`` is called on "W_E" (the first p rows of the embedding,
    one per element of Z_p), "hidden" (the MLP's ReLU output) and "logits": plrep's ablation hook
    (identity when None).
    """
    intervene = intervene or (lambda name, value: value)
    p = params["W_U"].shape[1]
    table = intervene("W_E", params["W_E"][:p])
    a, b = pairs // p, pairs % p
    x_a = table + params["W_pos"][0]  # (p, d_model): token a at position 0, for every a
    x_b = table + params["W_pos"][1]
    x_eq = params["W_E"][p] + params["W_pos"][2]  # (d_model,): "=" at position 2
    d_head = params["W_Q"].shape[-1]
    q = jnp.einsum("d,hde->he", x_eq, params["W_Q"]) / np.sqrt(d_head)
    score_a = jnp.einsum("pd,hde,he->ph", x_a, params["W_K"], q)
    score_b = jnp.einsum("pd,hde,he->ph", x_b, params["W_K"], q)
    score_eq = jnp.einsum("d,hde,he->h", x_eq, params["W_K"], q)
    value_out = jnp.einsum("hde,hef->hdf", params["W_V"], params["W_O"])  # (heads, d_model, d_model)
    out_a = jnp.einsum("pd,hdf->phf", x_a, value_out)
    out_b = jnp.einsum("pd,hdf->phf", x_b, value_out)
    out_eq = jnp.einsum("d,hdf->hf", x_eq, value_out)
    scores = jnp.stack([score_a[a], score_b[b], jnp.broadcast_to(score_eq, score_a[a].shape)], axis=-1)
    attention = jax.nn.softmax(scores, axis=-1)  # (batch, heads, 3): "=" sees all three positions

    mixed = (
        jnp.einsum("bh,bhf->bf", attention[..., 0], out_a[a])
        + jnp.einsum("bh,bhf->bf", attention[..., 1], out_b[b])
        + attention[..., 2] @ out_eq
    )
    resid = x_eq + mixed
    hidden = intervene("hidden", jax.nn.relu(resid @ params["W_in"] + params["b_in"]))
    resid = resid + hidden @ params["W_out"] + params["b_out"]
    return intervene("logits", resid @ params["W_U"])


def split(p: int, fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Train and test pair indices: a seeded permutation of the p^2 pairs, the first fraction trains."""
    order = np.random.default_rng(seed).permutation(p * p)
    cut = round(fraction * p * p)
    return np.sort(order[:cut]), np.sort(order[cut:])


def _loss(logits, labels):
    return optax.softmax_cross_entropy_with_integer_labels(logits.astype(jnp.float32), labels).mean()


# --- training with checkpoints -------------------------------------------------------------------


def _checkpoint_dir(args) -> Path:
    return args.out / f"{NAME}_checkpoints"


def write_npz_atomic(path: Path, arrays: dict) -> None:
    """np.savez into a temporary file beside ``path``, then a rename: a killed run leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # checkpoints are rewritten as the run goes (force), never through a symbolic link
        write_atomic(path, lambda temporary: np.savez(temporary, **arrays), argument="checkpoint", force=True)
    except ValueError as error:
        raise SystemExit(str(error)) from None


def _save_checkpoint(folder: Path, step: int, params, opt_state) -> None:
    """params as plain named arrays (read by plrep.nn.progress) and the optimiser state beside them."""
    arrays = {name: np.asarray(value) for name, value in params.items()}
    write_npz_atomic(folder / f"step_{step:06d}.npz", {**arrays, "step": np.array(step)})
    leaves = jax.tree_util.tree_leaves(opt_state)
    write_npz_atomic(
        folder / "optimizer" / "last.npz",
        {f"leaf_{i:03d}": np.asarray(leaf) for i, leaf in enumerate(leaves)} | {"step": np.array(step)},
    )


def _resume(folder: Path, params, opt_state):
    from plrep._files import read_npz

    files = sorted(folder.glob("step_*.npz"))
    state_file = folder / "optimizer" / "last.npz"
    if not files or not state_file.is_file():
        return 0, params, opt_state
    state = read_npz(state_file, "checkpoint")
    step = int(state.pop("step"))
    last = folder / f"step_{step:06d}.npz"
    arrays = read_npz(last, "checkpoint")
    arrays.pop("step")
    params = {name: jnp.asarray(arrays[name]) for name in params}
    treedef = jax.tree_util.tree_structure(opt_state)
    leaves = [jnp.asarray(state[f"leaf_{i:03d}"]) for i in range(treedef.num_leaves)]
    return step, params, jax.tree_util.tree_unflatten(treedef, leaves)


def train(args) -> dict:
    """Full-batch AdamW; checkpoints every ``checkpoint_every`` steps. Returns timing facts."""
    p = args.p
    params = init_params(jax.random.key(args.seed), p, args.d_model, args.heads, args.d_head, args.d_mlp)
    train_idx, _ = split(p, args.train_fraction, args.seed)
    labels = jnp.asarray((train_idx // p + train_idx % p) % p)
    pairs = jnp.asarray(train_idx)
    schedule = optax.linear_schedule(0.0, args.lr, max(args.warmup, 1))  # then constant at lr
    optimiser = optax.adamw(schedule, b1=0.9, b2=0.98, weight_decay=args.weight_decay)
    opt_state = optimiser.init(params)
    folder = _checkpoint_dir(args)
    start_step = 0
    if args.resume:
        start_step, params, opt_state = _resume(folder, params, opt_state)
    elif folder.exists() and any(folder.glob("step_*.npz")):
        raise SystemExit(f"{folder} holds checkpoints already: pass --resume, or remove it")
    folder.mkdir(parents=True, exist_ok=True)

    def step(carry, _):
        params, opt_state = carry
        value, grads = jax.value_and_grad(lambda q: _loss(forward(q, pairs), labels))(params)
        updates, opt_state = optimiser.update(grads, opt_state, params)
        return (optax.apply_updates(params, updates), opt_state), value

    @jax.jit
    def chunk(params, opt_state):
        (params, opt_state), values = jax.lax.scan(step, (params, opt_state), None, args.checkpoint_every)
        return params, opt_state, values[-1]

    if start_step == 0:
        _save_checkpoint(folder, 0, params, opt_state)
    from tqdm import tqdm

    started = time.perf_counter()
    done = start_step
    with tqdm(total=args.steps, initial=start_step, desc="training", unit="step", mininterval=5) as bar:
        while done < args.steps:
            params, opt_state, value = chunk(params, opt_state)
            done += args.checkpoint_every
            _save_checkpoint(folder, done, params, opt_state)
            bar.update(args.checkpoint_every)
            bar.set_postfix(train_loss=f"{float(value):.3g}")
    seconds = time.perf_counter() - started
    return {"train_seconds": seconds, "steps_this_run": done - start_step, "resumed_from": start_step}


# --- measuring with plrep ------------------------------------------------------------------------

# Key frequencies: the fewest non-trivial simples of C_p holding this share of W_E's non-trivial
# energy (Nanda et al.'s five hold about 94 %). The same rule at every checkpoint's key share.
KEY_FRACTION = 0.9


def _model(params, pairs, intervene):
    return forward(params, pairs, intervene)


def _embedding(params):
    return np.asarray(params["W_E"])[: params["W_U"].shape[1]]


def analyse(args) -> dict:
    """plrep's measures at every checkpoint and at the end; the published numbers beside them."""
    from plrep import summarize, unit_measures
    from plrep.nn import load_checkpoints, probe, progress
    from plrep.nn._progress import default_key_simples

    p = args.p
    checkpoints = load_checkpoints(_checkpoint_dir(args))
    every = max(args.measure_every, 1)  # each checkpoint is three passes over all p^2 pairs
    checkpoints = [c for i, c in enumerate(checkpoints) if c[0] % every == 0 or i == len(checkpoints) - 1]
    final_step, final = checkpoints[-1]
    embedding = _embedding(final)
    keys = default_key_simples(f"C{p}", embedding, 0, KEY_FRACTION)  # ids = frequencies for C_p
    train_idx, test_idx = split(p, args.train_fraction, args.seed)
    pairs = np.arange(p * p)
    labels = (pairs // p + pairs % p) % p
    diagonal = [(k, k) for k in keys]  # cos / sin of w_k (a + b): the published algorithm's terms
    run = progress(
        checkpoints,
        f"C{p}",
        watch=_embedding,
        key_simples=keys,
        model=_model,
        labels=labels,
        rows={"train": train_idx, "test": test_idx},
        at="logits",
        at_space=f"C{p}xC{p}",
        restrict=[0, *diagonal],
        exclude=diagonal,
    )
    end = run.rows[-1]
    summary = summarize(f"C{p}", embedding, axis=0)
    columns = unit_measures(summary, keys).to_dict()
    hidden = probe(lambda x: {"hidden": _hidden(final, x)}, f"C{p}xC{p}").summaries["hidden"]
    # A ReLU neuron reading cos / sin of w_k a and w_k b holds (k, 0), (0, k), (k, k), (k, -k).
    neuron_simples = {0} | {
        int(hidden.group.simple_ids(np.array(f))) for k in keys for f in ((k, 0), (0, k), (k, k), (k, -k))
    }
    neurons = unit_measures(hidden, sorted(neuron_simples))
    group = hidden.group
    return {
        "p": p,
        "train_fraction": args.train_fraction,
        "steps": final_step,
        "model": {
            "d_model": args.d_model,
            "heads": args.heads,
            "d_head": args.d_head,
            "d_mlp": args.d_mlp,
            "activation": "relu",
            "layer_norm": False,
        },
        "optimiser": {
            "name": "AdamW",
            "lr": args.lr,
            "weight_decay": args.weight_decay,
            "betas": [0.9, 0.98],
            "warmup_steps": args.warmup,
            "batch": "full",
        },
        "seed": args.seed,
        "train_accuracy": end["accuracy_train"],
        "test_accuracy": end["accuracy_test"],
        "full_loss": end["loss_train"],
        "test_loss": end["loss_test"],
        "restricted_loss": end["restricted_loss_train"],
        "excluded_loss": end["excluded_loss_train"],
        "restricted_test_accuracy": end["restricted_accuracy_test"],
        "excluded_train_accuracy": end["excluded_accuracy_train"],
        "key_frequencies": keys,
        "key_fraction": KEY_FRACTION,
        "key_energy_share": end["key_share"],
        "gini": end["gini"],
        "embedding_enriched_frequencies": summary.enriched_simples(),
        "embedding_columns": columns,
        "mlp_neurons": {
            **neurons.to_dict(),
            "simples": [group.simples[i].name for i in neurons.simples],
            "distinct_dominant": [group.simples[i].name for i in neurons.distinct_dominant],
            "note": "key_share: share of each MLP neuron's energy over the pairs (a, b) in the trivial "
            "simple and the simples (k, 0), (0, k), (k, k), (k, -k) of the key frequencies k",
        },
        "measures": {
            "restricted": "logits over C_p x C_p projected onto the trivial simple and the (k, k) simples "
            "of the key frequencies (cos and sin of w_k (a + b)), loss on the training pairs",
            "excluded": "logits with the (k, k) components of the key frequencies removed, loss on the "
            "training pairs",
            "key_energy_share": "share of W_E's non-trivial energy (its first p rows over C_p, the trivial "
            "simple left out) in the key frequencies",
        },
        "progress": run.rows,
        "published": PUBLISHED,
        "deviations": _deviations(args),
    }


def _hidden(params, pairs):
    seen = {}

    def grab(name, value):
        seen[name] = value
        return value

    forward(params, pairs, grab)
    return seen["hidden"]


def _deviations(args) -> list[str]:
    out = [
        "queries, MLP and unembedding computed at the last position only (the same function: the loss "
        "reads only that position)",
        "float32 throughout (the published code takes the loss in float64); the loss is computed in a "
        "form accurate to ~1e-30 (plrep.nn.cross_entropy_stable)",
    ]
    if args.p != PUBLISHED["p"]:
        out.append(f"p = {args.p} instead of {PUBLISHED['p']} (compute on this machine)")
    if args.train_fraction != PUBLISHED["train_fraction"]:
        out.append(f"train fraction {args.train_fraction} instead of {PUBLISHED['train_fraction']}")
    if args.quick:
        out.append("--quick: toy size for the tests (mechanics, not the numbers)")
    return out


def _figure(result: dict, run_rows: list, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from plrep.nn import Progress
    from plrep.plotting.inspection import save_figure
    from plrep.plotting.progress import plot_progress

    names = [f"k={k}" for k in result["key_frequencies"]]
    run = Progress(result["key_frequencies"], names, run_rows, {"watch": "W_E", "space": f"C{result['p']}"})
    figure = plot_progress(
        run,
        title=f"One-layer transformer on a + b mod {result['p']} ({100 * result['train_fraction']:.0f} % of pairs): "
        f"test accuracy {100 * result['test_accuracy']:.2f} %, key frequencies {result['key_frequencies']}",
    )
    for suffix in (".png", ".svg"):
        save_figure(figure, out / f"{NAME}{suffix}")
    plt.close(figure)


def _reuse_full_run(out: Path) -> int:
    source = OUT / f"{NAME}.json"
    if not source.is_file():
        raise SystemExit(f"no committed full run at {source}: run python analysis/grokking_transformer.py")
    result = json.loads(source.read_text())
    if any("--quick" in line for line in result.get("deviations", [])):
        raise SystemExit(f"{source} holds a --quick run, not the full one")
    result["reused"] = (
        f"read back from the committed {source.name} (rerun: python analysis/grokking_transformer.py)"
    )
    (out / f"{NAME}.json").write_text(json.dumps(result, indent=1))
    for suffix in (".png", ".svg"):
        if (OUT / f"{NAME}{suffix}").is_file() and out.resolve() != OUT.resolve():
            shutil.copyfile(OUT / f"{NAME}{suffix}", out / f"{NAME}{suffix}")
    print(
        f"reused the full run: p={result['p']}, step {result['steps']}, test accuracy {result['test_accuracy']:.4f}"
    )
    return 0


def main(argv=None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.reuse_full_run:
        return _reuse_full_run(args.out)
    started = time.perf_counter()
    timing = {} if args.analyse_only else train(args)
    measured = time.perf_counter()
    result = analyse(args)
    files = sorted(_checkpoint_dir(args).glob("step_*.npz"))
    result["timing"] = {
        **timing,
        # Wall time from the first checkpoint to the last, across --resume restarts (the gaps
        # between runs included): the training's cost on this machine, shared as it was.
        "checkpoint_wall_seconds": files[-1].stat().st_mtime - files[0].stat().st_mtime,
        "analysis_seconds": time.perf_counter() - measured,
        "machine": f"{os.cpu_count()} CPU cores, jax {jax.__version__} on {jax.default_backend()}",
    }
    result["seconds"] = time.perf_counter() - started
    result["load_average_at_analysis"] = list(os.getloadavg())
    # The final weights beside the JSON (under 1 MB at p = 113): its numbers can be checked.
    shutil.copyfile(files[-1], args.out / f"{NAME}_final.npz")
    (args.out / f"{NAME}.json").write_text(json.dumps(result, indent=1))
    _figure(result, result["progress"], args.out)
    print(
        f"p={args.p}, step {result['steps']}: train accuracy {result['train_accuracy']:.4f}, test "
        f"{result['test_accuracy']:.4f}; key frequencies {result['key_frequencies']} hold "
        f"{result['key_energy_share']:.3f} of W_E's non-trivial energy (published: "
        f"{PUBLISHED['key_frequencies']}, about {PUBLISHED['key_energy_share']}); loss full "
        f"{result['full_loss']:.3g}, restricted {result['restricted_loss']:.3g}, excluded {result['excluded_loss']:.3g}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
