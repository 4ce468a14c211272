"""The group-composition trainer: table, split, vmapped seeds, learned simples, bad input."""

from dataclasses import replace

import numpy as np
import pytest

from plrep import parse_group
from plrep.nn import (
    LEARNED_ENRICHMENT,
    CompositionRun,
    composition_enrichment,
    composition_split,
    composition_table,
    learned_simples,
    train_composition,
)

SMALL = {"embed_dim": 8, "hidden": 16, "progress": False}


def _parity(perm) -> int:
    """Sign of a permutation by counting inversions (independent of plrep's characters)."""
    perm = list(perm)
    inversions = sum(1 for i in range(len(perm)) for j in range(i + 1, len(perm)) if perm[i] > perm[j])
    return -1 if inversions % 2 else 1


def test_table_is_the_group_law_by_hand():
    group = parse_group("S4")
    elements = np.asarray(group.elements)
    index = {tuple(e): i for i, e in enumerate(elements)}
    by_hand = np.array([[index[tuple(g[h])] for h in elements] for g in elements])  # (gh)(x) = g(h(x))
    assert np.array_equal(composition_table(group), by_hand)
    cyclic = parse_group("C7")
    exps = np.asarray(cyclic.elements).reshape(7)
    assert np.array_equal(composition_table("C7"), (exps[:, None] + exps[None, :]) % 7)


def test_split_is_a_seeded_partition():
    train, test = composition_split("S3", 0.4, seed=3)
    assert len(train) == round(0.4 * 36) and len(train) + len(test) == 36
    assert not set(train) & set(test)
    again, _ = composition_split("S3", 0.4, seed=3)
    other, _ = composition_split("S3", 0.4, seed=4)
    assert np.array_equal(train, again) and not np.array_equal(train, other)


def test_vmapped_seeds_equal_one_run_per_seed():
    kwargs = dict(SMALL, steps=30, batch_size=8, train_fraction=0.5, eval_every=10)
    together = train_composition("S3", seeds=(5, 0), **kwargs)
    for i, seed in enumerate((5, 0)):
        alone = train_composition("S3", seeds=(seed,), **kwargs)
        for name, value in alone.params.items():
            np.testing.assert_allclose(together.params[name][i], value[0], rtol=1e-4, atol=1e-5)
        assert together.test_accuracy[i] == alone.test_accuracy[0]
    assert sorted(together.curves) == [10, 20, 30]


def test_training_fits_and_generalises_on_a_small_group():
    run = train_composition(
        "C7", seeds=(0, 1), steps=600, learning_rate=1e-2, weight_decay=0.1, train_fraction=0.8, **SMALL
    )
    assert run.train_accuracy.min() == 1.0
    assert run.train_loss.max() < run.test_loss.max() + 1e-9 or run.test_accuracy.min() == 1.0
    assert run.settings["batch_size"] is None and run.settings["steps"] == 600


def test_gromov_variant_has_no_embeddings():
    run = train_composition(
        "C5", seeds=(0,), embed_dim=None, hidden=6, activation="square", steps=3, progress=False
    )
    assert set(run.params) == {"hidden_left", "hidden_right", "hidden_bias", "unembed"}
    assert run.functions_on_group()["left"].shape == (1, 5, 6)


def _planted(run: CompositionRun, left, right, unembed) -> CompositionRun:
    """The same run with its hidden layer reading exactly the given functions on G."""
    hidden = left.shape[1]
    params = {
        "hidden_left": left[None],
        "hidden_right": right[None],
        "hidden_bias": np.zeros((1, hidden)),
        "unembed": unembed[None],
    }
    return replace(run, params=params, seeds=(0,))


def test_learned_simples_reads_a_planted_sign_and_ignores_the_trivial():
    group = parse_group("S4")
    run = train_composition(group, seeds=(0,), steps=1, embed_dim=None, hidden=8, progress=False)
    rng = np.random.default_rng(0)
    sign = np.array([_parity(e) for e in group.elements], float)
    left = np.outer(sign, rng.normal(size=8)) + np.outer(np.ones(24), rng.normal(size=8))
    right = np.outer(sign, rng.normal(size=8))
    unembed = np.outer(rng.normal(size=8), sign)
    planted = _planted(run, left, right, unembed)
    names = [s.name for s in group.simples]
    sign_name = next(s.name for s in group.simples if s.dim == 1 and s.id != 0)
    assert learned_simples(planted) == [[sign_name]]
    enrichment = composition_enrichment(planted)
    # Energy share of sign in `right` is 1; its random baseline is 1/24 (dim^2 / |G|).
    np.testing.assert_allclose(enrichment["right"][0, names.index(sign_name)], 24.0, rtol=1e-9)
    # Noise: every simple near its baseline, so all non-trivial ones pass the (low) threshold.
    noise = _planted(
        run, rng.normal(size=(24, 4000)), rng.normal(size=(24, 4000)), rng.normal(size=(4000, 24))
    )
    values = composition_enrichment(noise)["left"][0]
    np.testing.assert_allclose(values, 1.0, atol=0.15)
    assert sorted(learned_simples(noise)[0]) == sorted(names[1:])
    assert learned_simples(noise, threshold=2.0) == [[]]
    assert 0 < LEARNED_ENRICHMENT < 1


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"seeds": 3}, TypeError, "`seeds`"),
        ({"seeds": ()}, ValueError, "`seeds`"),
        ({"seeds": (1, 1)}, ValueError, "distinct"),
        ({"seeds": (-1,)}, ValueError, "`seeds`"),
        ({"train_fraction": 0.0}, ValueError, "`train_fraction`"),
        ({"train_fraction": 1.0}, ValueError, "`train_fraction`"),
        ({"activation": "tanh"}, ValueError, "`activation`"),
        ({"schedule": "linear"}, ValueError, "`schedule`"),
        ({"steps": 0}, ValueError, "`steps`"),
        ({"steps": 10**30}, ValueError, "`steps`"),
        ({"learning_rate": 1e30}, ValueError, "`learning_rate`"),
        ({"progress": "zz"}, TypeError, "`progress`"),
        ({"learning_rate": -1.0}, ValueError, "`learning_rate`"),
        ({"weight_decay": float("nan")}, ValueError, "`weight_decay`"),
        ({"batch_size": 1000}, ValueError, "`batch_size`"),
        ({"warmup_steps": 50}, ValueError, "`warmup_steps`"),
        ({"hidden": 0}, ValueError, "`hidden`"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, words):
    options = {"steps": 10, **SMALL, **kwargs}
    with pytest.raises(error, match=words):
        train_composition("S3", **options)


def test_bad_group_and_oversized_work_fail_before_training():
    with pytest.raises(ValueError, match="group"):
        train_composition("X9", progress=False)
    with pytest.raises(TypeError, match="`group`"):
        train_composition(42, progress=False)
    with pytest.raises(ValueError, match="at most"):
        train_composition("S5", seeds=range(400), progress=False)  # 400 * 14400 * 128 activations
    with pytest.raises(TypeError, match="`run`"):
        learned_simples({"params": {}})
    run = train_composition("C5", seeds=(0,), steps=1, **SMALL)
    with pytest.raises(ValueError, match="`threshold`"):
        learned_simples(run, threshold=0)


def test_stop_at_callback_and_frozen_bias():
    seen = []
    run = train_composition(
        "C5",
        seeds=(0, 1),
        steps=400,
        eval_every=20,
        learning_rate=1e-2,
        weight_decay=0.0,
        train_fraction=0.52,
        stop_at=0.01,  # 12 test pairs: stops once every seed gets one of them right
        bias=False,
        callback=lambda step, params, metrics: seen.append((step, metrics["test_accuracy"].copy())),
        **SMALL,
    )
    done = run.settings["steps_done"]
    assert [s for s, _ in seen] == list(range(20, done + 1, 20))
    # It stopped at the first evaluation where every seed was at or above stop_at, not before.
    assert all(acc.min() < 0.01 for _, acc in seen[:-1])
    assert seen[-1][1].min() >= 0.01 if done < 400 else seen[-1][1].min() < 0.01
    assert np.all(run.params["hidden_bias"] == 0)
    with pytest.raises(ValueError, match="`stop_at`"):
        train_composition("C5", stop_at=1.5, **SMALL)
    with pytest.raises(TypeError, match="`callback`"):
        train_composition("C5", callback=3, **SMALL)
    with pytest.raises(TypeError, match="`bias`"):
        train_composition("C5", bias="no", **SMALL)


def test_a_resumed_run_takes_the_steps_an_uninterrupted_one_would(tmp_path):
    kwargs = dict(SMALL, batch_size=8, train_fraction=0.5, eval_every=10, schedule="cosine", warmup_steps=5)
    straight = train_composition("S3", seeds=(0, 3), steps=40, **kwargs)
    path = tmp_path / "run.npz"

    def stop_at_20(step, params, metrics):
        return step >= 20  # as a time budget would stop it

    first = train_composition("S3", seeds=(0, 3), steps=40, checkpoint=path, callback=stop_at_20, **kwargs)
    assert first.settings["steps_done"] == 20 and path.exists()
    resumed = train_composition("S3", seeds=(0, 3), steps=40, checkpoint=path, **kwargs)
    assert resumed.settings["resumed_from_step"] == 20 and resumed.settings["steps_done"] == 40
    for name, value in straight.params.items():
        np.testing.assert_allclose(resumed.params[name], value, rtol=1e-5, atol=1e-6)
    assert sorted(resumed.curves) == [10, 20, 30, 40]
    np.testing.assert_array_equal(resumed.test_accuracy, straight.test_accuracy)


def test_a_checkpoint_of_another_run_is_refused_not_reused(tmp_path):
    path = tmp_path / "run.npz"
    train_composition("S3", seeds=(0,), steps=10, checkpoint=path, **SMALL)
    before = path.read_bytes()
    with pytest.raises(ValueError, match=r"`checkpoint`.*learning_rate"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=path, learning_rate=0.1, **SMALL)
    with pytest.raises(ValueError, match=r"`checkpoint`.*shape"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=path, **{**SMALL, "hidden": 4})
    with pytest.raises(ValueError, match=r"`steps`.*5"):
        train_composition("S3", seeds=(0,), steps=5, checkpoint=path, **SMALL)
    sparse = tmp_path / "sparse.npz"  # two evaluations, at steps 5 and 10
    train_composition("S3", seeds=(0,), steps=10, eval_every=5, checkpoint=sparse, **SMALL)
    with pytest.raises(ValueError, match=r"`steps`.*at least the checkpoint's step 10"):
        train_composition("S3", seeds=(0,), steps=8, eval_every=5, checkpoint=sparse, **SMALL)
    assert path.read_bytes() == before
    (tmp_path / "other.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="`checkpoint`"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=tmp_path / "other.npz", **SMALL)
    with pytest.raises(ValueError, match=r"`checkpoint`.*.npz"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=tmp_path / "run.pkl", **SMALL)
    with pytest.raises(TypeError, match="`checkpoint`"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=3, **SMALL)
    (tmp_path / "link.npz").symlink_to(path)
    with pytest.raises(ValueError, match=r"`checkpoint`.*link"):
        train_composition("S3", seeds=(0,), steps=10, checkpoint=tmp_path / "link.npz", **SMALL)
