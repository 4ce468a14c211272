"""Figure of the DWS INR experiment: test error with and without neuron permutations."""

from __future__ import annotations

from pathlib import Path

__all__ = ["plot_dws_experiment"]


def plot_dws_experiment(results: dict, path) -> Path:
    """Bar chart of test MSE (original vs permuted hidden neurons) for each model, plus
    predicted vs true frequency b on the permuted test set.

    Args:
        results: {"models": {name: {"test_mse", "test_permuted_mse", "pred_b_permuted",
            "true_b"}}} as written by ``analysis/dws_inr_experiment.py``.
        path: output PNG path.
    """
    import matplotlib.pyplot as plt

    models = results["models"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    names = list(models)
    width = 0.38
    for k, (key, label) in enumerate((("test_mse", "original test"), ("test_permuted_mse", "permuted test"))):
        values = [models[n][key] for n in names]
        axes[0].bar([i + (k - 0.5) * width for i in range(len(names))], values, width, label=label)
    axes[0].set_xticks(range(len(names)), names)
    axes[0].set_ylabel("MSE on standardised (a, b)")
    axes[0].set_yscale("log")
    axes[0].set_title("INR parameter regression")
    axes[0].legend()
    for n in names:
        axes[1].scatter(models[n]["true_b"], models[n]["pred_b_permuted"], s=4, alpha=0.5, label=n)
    lo = min(min(m["true_b"]) for m in models.values())
    hi = max(max(m["true_b"]) for m in models.values())
    axes[1].plot([lo, hi], [lo, hi], "k--", lw=1)
    axes[1].set_xlabel("true b")
    axes[1].set_ylabel("predicted b (permuted INRs)")
    axes[1].legend()
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
