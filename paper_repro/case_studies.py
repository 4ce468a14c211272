"""The case studies of ``analysis/`` as gallery entries of ``plrep repro --case-studies``.

Each case study is a script in the repository's ``analysis/`` folder (not part of the installed
package: a clone has it next to ``paper_repro/``, which is how it is found). It is run at its
defaults (``--quick``: its toy size) in a fresh Python process, with ``--out`` pointing at the
runner's staging folder, and its JSON and figure become a gallery entry whose caption carries
the key numbers read back from the JSON. The scripts train small models (a minute or so each on
two cores), so a plain ``plrep repro`` leaves them out: ``--case-studies`` or ``--only NAME``
runs them. Where ``analysis/`` or an optional extra is missing, the entry is pending with the
reason, never an error.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ANALYSIS", "CASE_STUDIES", "CaseStudy", "run_case_study"]

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis"
TIMEOUT_S = 1800  # a safety net for a hung script; every default run takes minutes at most


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def _modular_addition(r: dict) -> str:
    return (
        f"Gromov's MLP (x^2, width {r['width']}, no bias) on a + b mod {r['p']}, {r['seeds']} seeds trained "
        f"vmapped on {_percent(r['train_fraction'])} of the pairs: test accuracy {_percent(r['test_accuracy'])} "
        f"(lowest seed; published: 100 %). Gromov's picture, not a sparse key set: median neuron purity "
        f"{r['median_neuron_purity']:.3f} (published: single-frequency neurons), distinct neuron frequencies "
        f"{r['distinct_neuron_frequencies']} of {r['possible_frequencies']} per seed (published: spread over "
        f"the whole range); share of the logits' energy in the (k, k) targets the interaction graph predicts "
        f"{', '.join(f'{v:.2f}' for v in r['logits_energy_in_kk_targets'])}."
    )


def _group_composition(r: dict) -> str:
    enriched = r["left"]["enriched_irreducibles"]
    return (
        f"Chughtai et al.'s MLP learning (g, h) -> gh on {r['group']} (order {r['order']}): train accuracy "
        f"{_percent(r['train_accuracy'])}, test {_percent(r['test_accuracy'])}. Irreducibles learned (energy "
        f"share >= {r['learned_threshold']:g} x the random baseline dim^2/|G| in the left and right "
        f"embeddings and the unembedding): {r['learned']}; enriched >= {r['enriched_threshold']:g} x in the "
        f"left embedding: {enriched}. By share alone the largest irreducibles always look key."
    )


def _universality(r: dict) -> str:
    published = r.get("published") or {}
    counts = published.get("counts", {})
    rows = ", ".join(
        f"{name} {count}/{r['seeds']}"
        + (f" (published {counts[name]['count']}/50)" if name in counts else "")
        for name, count in r["learned_counts"].items()
    )
    deviations = ", ".join(
        "{} {} (published {})".format(name, v["plrep"], v["published"]) for name, v in r["deviations"].items()
    )
    return (
        f"{r['seeds']} seeds of Chughtai et al.'s MLP on {r['group']} composition, trained as one vmapped "
        f"computation: lowest test accuracy {_percent(r['min_test_accuracy'])} (published: >= 99.99 % for "
        f"all 50). Irreducibles learned per seed (enrichment >= {r['threshold']['enrichment']:g} against "
        f"the random baseline): {rows}. Deviations from the published settings: "
        f"{deviations or 'none'}." + ("" if r.get("converged", True) else f" {r['note']}.")
    )


def _grokking_transformer(r: dict) -> str:
    pub = r["published"]
    reused = (
        " (the committed full run, read back: retraining takes over an hour on two cores)"
        if r.get("reused")
        else ""
    )
    return (
        f"Nanda et al.'s one-layer transformer (d_model {r['model']['d_model']}, {r['model']['heads']} heads, "
        f"d_mlp {r['model']['d_mlp']}, ReLU, no LayerNorm) on a + b mod {r['p']}, trained on "
        f"{_percent(r['train_fraction'])} of the pairs with AdamW (weight decay {r['optimiser']['weight_decay']}, full "
        f"batch) for {r['steps']} steps{reused}: test accuracy {_percent(r['test_accuracy'])} (published "
        f"{_percent(pub['test_accuracy'])} after {pub['steps']} steps). Key frequencies of W_E by plrep "
        f"({_percent(r['key_fraction'])} of its non-trivial energy): {r['key_frequencies']}, holding "
        f"{_percent(r['key_energy_share'])} (published {pub['key_frequencies']}, about {_percent(pub['key_energy_share'])} "
        f"of the non-DC power). Loss on the training pairs at the end: full {r['full_loss']:.2g}, restricted to the "
        f"key frequencies {r['restricted_loss']:.2g}, key frequencies excluded {r['excluded_loss']:.2g}."
    )


def _digits_cnn(r: dict) -> str:
    keys = "; ".join(f"{layer['stage']} {len(layer['key_simples'])}" for layer in r["layers"])
    single = r["theory"]["single_simple_inputs"]
    return (
        f"A circular CNN on C8 x C8 (widths {r['widths']}, ReLU, invariant read-out) on periodic 8 x 8 digits: "
        f"train accuracy {_percent(r['train_accuracy'])}, test {_percent(r['test_accuracy'])} "
        f"({r['num_test_images']} test images). Number of key simples (90 % of the energy) per stage: {keys}. "
        f"Energy on unreachable simples, inputs in one simple: linear steps "
        f"{single['max_unreached_linear']:.1e}, ReLU beyond kernel containment "
        f"{single['max_unreached_relu_by_containment']:.1e} (zero up to float32 round-off), ReLU beyond the "
        f"one-step interaction graph {single['max_unreached_relu_by_graph']:.1e} (bias and mixtures reach more)."
    )


@dataclass(frozen=True)
class CaseStudy:
    name: str  # the gallery entry, ``plrep repro --only NAME``
    script: str  # in analysis/
    title: str
    json_name: str
    summary: Callable[[dict], str]  # the caption, from the script's JSON
    extra: str | None = None  # a module the script needs beyond plrep (an optional extra)
    full_args: tuple[str, ...] = ()  # options of a run without --quick

    def pending_reason(self) -> str | None:
        """Why it cannot run here, or None."""
        if not (ANALYSIS / self.script).is_file():
            return f"needs a clone of plrep: analysis/{self.script} is not installed with the package"
        if self.extra is not None and importlib.util.find_spec(self.extra) is None:
            return f"needs the optional extra: pip install 'plrep[analysis]' ({self.extra})"
        return None


CASE_STUDIES = (
    CaseStudy(
        "case_modular_addition",
        "modular_addition.py",
        "Case study: grokking modular addition, key frequencies",
        "modular_addition.json",
        _modular_addition,
    ),
    CaseStudy(
        "case_group_composition",
        "group_composition.py",
        "Case study: group composition on S_n, key irreducibles",
        "group_composition.json",
        _group_composition,
    ),
    CaseStudy(
        "case_grokking_transformer",
        "grokking_transformer.py",
        "Case study: grokking in a one-layer transformer, progress measures",
        "grokking_transformer.json",
        _grokking_transformer,
        full_args=("--reuse-full-run",),
    ),
    CaseStudy(
        "case_universality",
        "universality.py",
        "Case study: universality, irreducibles learned by many seeds on S_5",
        "universality.json",
        _universality,
    ),
    CaseStudy(
        "case_digits_cnn",
        "digits_cnn.py",
        "Case study: a circular CNN on periodic digits, frequency flow",
        "digits_cnn.json",
        _digits_cnn,
        extra="sklearn",
    ),
)


def run_case_study(study: CaseStudy, out_dir: Path, quick: bool) -> dict:
    """Run the script into ``out_dir``; ``{"files", "params", "caption"}`` as a figure's ``make``."""
    command = [sys.executable, str(ANALYSIS / study.script), "--out", str(out_dir)]
    if quick:
        command.append("--quick")
    else:
        command.extend(study.full_args)
    env = {**os.environ, "MPLBACKEND": "Agg"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"analysis/{study.script} failed (exit {done.returncode}): {tail[0][:300]}")
    result = json.loads((out_dir / study.json_name).read_text(encoding="utf-8"))
    files = sorted(p.name for p in out_dir.iterdir() if p.is_file() and not p.is_symlink())
    return {
        "files": files,
        "params": {"script": f"analysis/{study.script}", "quick": quick},
        "caption": study.summary(result),
    }
