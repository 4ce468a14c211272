"""Closed-form projections of S_n on natural^2 / subsets^2 (``_pairs``) against independent references.

References that share no code with the closed forms: the character backend (sums over the listed
elements of S_5..S_8), the Krylov polynomials of the transposition sum (``_central.CentralParts``,
the method these replace), and the defining properties of each component checked entry by entry
with numpy (symmetry, diagonal, row sums). Graph strengths are compared with those computed
through the character backend and the Krylov path from the same samples.
"""

import numpy as np
import pytest

import plrep.decomposition._central as central
import plrep.decomposition._front as front
import plrep.graphs._numeric as numeric
from plrep.activations import activation
from plrep.decomposition import decompose, multiplicities
from plrep.decomposition._pairs import pair_parts, uses_pairs
from plrep.decomposition._projectors import character_parts
from plrep.graphs import THRESHOLD
from plrep.graphs._graph import MARGIN
from plrep.graphs._numeric import present_strengths
from plrep.gsets import parse_space

SMALL = [
    "S5:natural^2",
    "S6:natural^2",
    "S8:natural^2",
    "S6:subsets^2",
    "S8:subsets^2",
    "S5:natural^1",
    "S7:subsets^1",
]


@pytest.mark.parametrize("spec", SMALL)
def test_closed_forms_match_the_character_backend(spec):
    space = parse_space(spec)
    assert uses_pairs(space)
    x = np.random.default_rng(11).normal(size=(3, space.size))
    ours, listed = pair_parts(space, x), character_parts(space, x)
    reference = listed.components()
    np.testing.assert_allclose(ours.components(), reference, atol=1e-12)
    np.testing.assert_allclose(ours.energies(), np.square(reference).sum(axis=-1), rtol=1e-12, atol=1e-12)
    present = np.flatnonzero(np.square(reference).sum(axis=(0, 2)) > 1e-20)
    np.testing.assert_allclose(ours.project(present[1:]), reference[:, present[1:]].sum(axis=1), atol=1e-12)
    np.testing.assert_allclose(ours.reconstruct(), x, atol=1e-12)


def test_small_and_trivial_modules_keep_the_krylov_path():
    assert not uses_pairs(parse_space("S3:natural^2"))  # (1, 2) is no partition: n >= 4 only
    assert not uses_pairs(parse_space("S10:natural^3")) and not uses_pairs(parse_space("S10:subsets^3"))
    assert not uses_pairs(parse_space("S4:regular"))


@pytest.mark.parametrize("n", [100, 1000])
def test_components_satisfy_their_definitions_to_round_off_at_any_n(n):
    # natural^2 as n x n matrices: (n) is constant on and off the diagonal; (n-2,2) symmetric,
    # (n-2,1,1) antisymmetric, both with zero diagonal and zero row sums; (n-1,1) is a_i + a_j +
    # b_i - b_j off the diagonal, orthogonal to the other three. Round-off must not grow with n
    # (the Krylov polynomials left ~1e-16 n in another component).
    space = parse_space(f"S{n}:natural^2")
    x = np.random.default_rng(n).normal(size=(1, n * n))
    result = decompose(space, x)
    trivial, standard, pairs, wedge = (result.project([i])[0].reshape(n, n) for i in range(4))
    scale = np.abs(x).max()
    off = ~np.eye(n, dtype=bool)
    assert np.ptp(trivial[off]) == 0 and np.ptp(np.diag(trivial)) == 0
    for part, sign in ((pairs, 1), (wedge, -1)):
        assert np.array_equal(part, sign * part.T) and not np.diag(part).any()
        assert np.abs(part.sum(axis=1)).max() < 1e-14 * np.sqrt(n) * scale
    # the standard part: its (n-2,2) and (n-2,1,1) content, found with numpy by hand, is round-off
    sym, anti = (standard + standard.T) / 2, (standard - standard.T) / 2
    a = (sym.sum(axis=1) - np.diag(sym)) / (n - 2)
    b = anti.sum(axis=1) / n
    rest = standard - a[:, None] - a[None, :] - b[:, None] + b[None, :]
    assert np.abs(rest[off]).max() < 1e-15 * np.abs(standard).max() * 10
    # energies of a pure component elsewhere: round-off squared, independent of n
    for simple, part in enumerate((trivial, standard, pairs, wedge)):
        shares = decompose(space, part.reshape(1, -1)).energies()[0]
        shares = shares / shares.sum()
        assert shares[simple] == pytest.approx(1.0, abs=1e-13)
        assert np.sqrt(np.delete(shares, simple).max()) < 1e-14


def _strengths(spec, name, *, seed=4):
    space = parse_space(spec)
    present = np.flatnonzero(multiplicities(space) > 0)
    sigma = name if hasattr(name, "parity") else activation(name)
    return present_strengths(space, present, sigma, np.random.default_rng(seed))


def _same_decisions(ours, reference):
    """Equal strengths where there is an edge, both far below the threshold where there is none."""
    edge = reference >= THRESHOLD * MARGIN
    assert np.array_equal(edge, ours >= THRESHOLD * MARGIN)
    np.testing.assert_allclose(ours[edge], reference[edge], rtol=1e-9)
    assert (
        ours[~edge].max(initial=0) < THRESHOLD / MARGIN
        and reference[~edge].max(initial=0) < THRESHOLD / MARGIN
    )


@pytest.mark.parametrize("name", ["relu", "tanh", "pow:2"])
@pytest.mark.parametrize("spec", ["S7:natural^2", "S7:subsets^2"])
def test_graph_strengths_match_the_listed_backend(spec, name, monkeypatch):
    listed = _strengths(spec, name)  # S7 is listed: the character backend
    monkeypatch.setattr(front, "_backend", lambda gset: "central")  # its K <= 2 path: the closed forms
    _same_decisions(_strengths(spec, name), listed)


@pytest.mark.parametrize("name", ["relu", "softplus"])
@pytest.mark.parametrize("spec", ["S12:natural^2", "S30:subsets^2"])
def test_graph_strengths_match_the_krylov_path(spec, name, monkeypatch):
    ours = _strengths(spec, name)
    monkeypatch.setattr(central, "uses_pairs", lambda gset: False)
    monkeypatch.setattr(numeric, "sample_amplitudes", lambda sigma: numeric.AMPLITUDES)
    _same_decisions(ours, _strengths(spec, name))


@pytest.mark.parametrize(
    "name", ["relu", "abs", "leaky_relu", "prelu:-0.5", "identity", "frelu", "pow:0", "pow:3"]
)
def test_homogeneous_activations_are_homogeneous(name):
    sigma = activation(name)
    assert sigma.is_positively_homogeneous
    degree = sigma.power if sigma.closed_form == "pow" else 1
    x = np.random.default_rng(0).normal(size=1000) * 3
    for a in (1e-3, 0.37, 5.0, 2048.0):
        np.testing.assert_allclose(sigma(a * x), a**degree * sigma(x), rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", ["elu", "gelu", "silu", "softplus", "tanh", "sigmoid", "sawtooth"])
def test_other_activations_keep_every_amplitude(name):
    sigma = activation(name)
    assert not sigma.is_positively_homogeneous
    assert numeric.sample_amplitudes(sigma) == numeric.AMPLITUDES
    # no degree p with sigma(2 x) = 2^p sigma(x): the ratio varies with x
    x = np.linspace(-3, 3, 61)
    x = x[np.abs(sigma(x)) > 1e-3]
    assert np.ptp(sigma(2.0 * x) / sigma(x)) > 1e-2
    user = activation(lambda t: np.maximum(t, 0.0))  # homogeneous, but not known to be
    assert not user.is_positively_homogeneous


@pytest.mark.parametrize("name", ["relu", "pow:3", "frelu"])
def test_one_amplitude_gives_the_strengths_of_ten(name, monkeypatch):
    ours = _strengths("S11:natural^2", name)
    monkeypatch.setattr(numeric, "sample_amplitudes", lambda sigma: numeric.AMPLITUDES)
    _same_decisions(ours, _strengths("S11:natural^2", name))


def _read_only_relu(t):
    out = np.maximum(t, 0.0)
    out.flags.writeable = False
    return out


@pytest.mark.parametrize(("user", "named"), [(lambda t: t, "identity"), (_read_only_relu, "relu")])
def test_user_activations_that_return_their_input_or_read_only_arrays(user, named):
    # the samples are rescaled in place only where sigma's output is its own writable array
    ours = _strengths("S12:natural^2", activation(user))
    _same_decisions(ours, _strengths("S12:natural^2", named))


def test_relu_like_graphs_are_sized_by_their_one_amplitude():
    # S1500:natural^2 has 2,250,000 points; 3 directions, each with its opposite, make 6 samples
    # per amplitude: 1.35e7 floats for relu (one amplitude), 1.35e8 for softplus (ten) against
    # the cap of 2^27 = 1.34e8
    from plrep.graphs import interaction_graph
    from plrep.graphs._numeric import MAX_SAMPLE_FLOATS, check_sample_memory

    assert 1500**2 * 6 * 10 > MAX_SAMPLE_FLOATS > 1500**2 * 6
    check_sample_memory(1500**2, 1)
    with pytest.raises(ValueError, match="135000000 sample values needed"):
        interaction_graph("S1500:natural^2", "softplus")  # refused before anything of size |X|
