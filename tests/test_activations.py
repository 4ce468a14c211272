"""plrep.activations: parity facts, parsing, callables, numpy vs JAX."""

import math
from itertools import pairwise

import jax
import jax.numpy as jnp
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import erf

from plrep.activations import Activation, activation, activation_names, detect_parity
from plrep.nn._xp import apply_activation

SPECS = [n for n in activation_names() if ":" not in n]
SPECS += ["prelu:-0.5", "prelu:1", "prelu:3", "pow:0", "pow:1", "pow:2", "pow:3", "pow:6"]

# Independent textbook formulas, written without the module's helpers.
REFERENCE = {
    "relu": lambda x: np.where(x > 0, x, 0.0),
    "abs": np.abs,
    "leaky_relu": lambda x: np.where(x > 0, x, 0.01 * x),
    "identity": lambda x: x,
    "elu": lambda x: np.where(x > 0, x, np.exp(x) - 1),
    "gelu": lambda x: x * (1 + erf(x / math.sqrt(2))) / 2,
    "silu": lambda x: x / (1 + np.exp(-x)),
    "softplus": lambda x: np.log1p(np.exp(x)),
    "tanh": np.tanh,
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "prelu:-0.5": lambda x: np.where(x > 0, x, -0.5 * x),
    "pow:3": lambda x: x**3,
}


@pytest.mark.parametrize("spec", SPECS)
def test_known_parity_equals_detected_parity(spec):
    act = activation(spec)
    detected = detect_parity(act)
    assert act.parity.exact and not detected.exact
    assert (act.parity.even_constant, act.parity.odd_linear) == (detected.even_constant, detected.odd_linear)


@pytest.mark.parametrize(
    ("spec", "even_constant", "odd_linear"),
    [
        ("relu", False, True),
        ("abs", False, True),
        ("identity", True, True),
        ("tanh", True, False),
        ("sigmoid", True, False),
        ("elu", False, False),
        ("gelu", False, True),
        ("pow:2", False, True),
        ("pow:3", True, False),
        ("pow:0", True, True),
        ("prelu:1", True, True),
    ],
)
def test_parity_facts_in_words(spec, even_constant, odd_linear):
    parity = activation(spec).parity
    assert (parity.even_constant, parity.odd_linear) == (even_constant, odd_linear)
    assert parity.is_affine == (even_constant and odd_linear)


@given(st.floats(-10, 10), st.sampled_from(SPECS))
def test_even_and_odd_parts_follow_the_facts(x, spec):
    act = activation(spec)
    scale = 1e-12 * max(1.0, abs(x)) ** max(1, act.power or 1)
    even = (act(x) + act(-x)) / 2 - (act(0.0) + act(-0.0)) / 2
    odd = (act(x) - act(-x)) / 2 - x * (act(1.0) - act(-1.0)) / 2
    if act.parity.even_constant:
        assert abs(even) <= scale
    if act.parity.odd_linear:
        assert abs(odd) <= scale


@pytest.mark.parametrize("spec", sorted(REFERENCE))
def test_values_match_textbook_formulas(spec):
    x = np.linspace(-6, 6, 241)
    np.testing.assert_allclose(activation(spec)(x), REFERENCE[spec](x), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("spec", SPECS)
def test_numpy_and_jax_agree(spec):
    act = activation(spec)
    x = np.linspace(-5, 5, 201)
    np.testing.assert_allclose(
        np.asarray(apply_activation(act, jnp.asarray(x, dtype=jnp.float32))), act(x), rtol=2e-6, atol=2e-6
    )
    with jax.enable_x64(True):
        values = jax.jit(lambda v: apply_activation(act, v))(jnp.asarray(x))
        assert values.dtype == jnp.float64
        np.testing.assert_allclose(np.asarray(values), act(x), rtol=1e-13, atol=1e-14)


def test_kinks_and_closed_forms():
    assert activation("relu").kinks == (0.0,) and activation("elu").kinks == (0.0,)
    assert activation("gelu").kinks == () and activation("gelu").closed_form is None
    assert activation("abs").slope == -1.0 and activation("abs").closed_form == "prelu"
    assert activation("pow:4").power == 4 and activation("pow:4").closed_form == "pow"
    assert activation(" ReLU ").name == "relu" and activation("prelu:0.25").slope == 0.25


def test_activation_passes_through_and_wraps_callables():
    act = activation("tanh")
    assert activation(act) is act
    wrapped = activation(lambda x: np.maximum(x - 1, 0), kinks=[1])
    assert isinstance(wrapped, Activation) and wrapped.kinks == (1.0,) and not wrapped.is_builtin
    assert wrapped.name == "<lambda>" and not wrapped.parity.exact


@pytest.mark.parametrize("spec", ["swish", "prelu", "prelu:", "prelu:abc", "pow:2.5", "pow:x", "relu:3", ""])
def test_unknown_specs_name_the_choices(spec):
    names = ", ".join(activation_names())
    with pytest.raises(ValueError, match=f"^`activation` must be one of {names}, got"):
        activation(spec)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("pow:-1", "`pow exponent` must be an integer >= 0, got -1 instead"),
        ("pow:65", "`pow exponent` must be an integer <= 64, got 65 instead"),
        ("prelu:inf", "`prelu slope` must be a finite real number, got inf instead"),
    ],
)
def test_bad_parameters(spec, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        activation(spec)


def test_bad_callables_and_types():
    with pytest.raises(
        ValueError, match=r"^`activation` must map an array of shape \(801,\) to the same shape"
    ):
        activation(lambda x: x[:10])
    with pytest.raises(ValueError, match=r"^`activation` must return finite values, got NaN or infinity"):
        activation(lambda x: np.where(x > 3, np.inf, x))
    with pytest.raises(
        TypeError, match=r"^`activation` must be a name such as 'relu' or a callable, got 3 instead$"
    ):
        activation(3)


def test_a_callable_that_fails_only_beyond_the_probe_is_caught_by_parity_detection():
    def blows_up_far_out(x):
        return np.where(np.abs(x) > 6, np.nan, np.tanh(x))

    with pytest.raises(
        ValueError,
        match=r"^`activation` must return finite values, got NaN or infinity on inputs in \[0, 8\]$",
    ):
        activation(blows_up_far_out)


def test_frelu_is_min_x_0_with_relu_parity_and_its_closed_form_spectrum():
    """min(x, 0) = x - relu(x): min(sin x, 0) = -1/pi + sin(x)/2 + (2/pi) sum_m cos(2mx)/(4m^2 - 1)."""
    from plrep import activation, activation_spectrum

    frelu = activation("frelu")
    x = np.linspace(-3, 3, 13)
    assert np.array_equal(frelu(x), np.minimum(x, 0))
    assert (frelu.parity.even_constant, frelu.parity.odd_linear) == (False, True)
    assert frelu.kinks == (0.0,)
    spectrum = activation_spectrum("frelu", harmonics=12)
    expected_a = np.zeros(13)
    expected_a[0] = -1 / np.pi
    m = np.arange(1, 7)
    expected_a[2 * m] = (2 / np.pi) / (4 * m**2 - 1)
    expected_b = np.zeros(13)
    expected_b[1] = 0.5
    assert np.allclose(spectrum.a, expected_a, atol=1e-10)
    assert np.allclose(spectrum.b, expected_b, atol=1e-10)
    # biased: equal to the identity's spectrum minus relu's closed form
    biased = activation_spectrum("frelu", harmonics=12, amplitude=1.5, bias=0.4)
    relu = activation_spectrum("relu", harmonics=12, amplitude=1.5, bias=0.4)
    identity_a, identity_b = np.zeros(13), np.zeros(13)
    identity_a[0], identity_b[1] = 0.4, 1.5
    assert np.allclose(biased.a, identity_a - relu.a, atol=1e-9)
    assert np.allclose(biased.b, identity_b - relu.b, atol=1e-9)


def _authors_srelu(u: float) -> float:
    """SRelUBasic of cyclic.nb (github.com/dtubbenhauer/pl-reps), transcribed piece by piece."""
    if u < -3:
        return -u - 3
    if -3 < u < 0:
        return u + 3
    if 0 <= u < 3:
        return -2 * u + 3
    if u >= 3:
        return 0.5 * u - 4.5
    return 0.0  # u = -3 exactly: Mathematica's Piecewise default, also both one-sided limits


def test_sawtooth_is_the_authors_srelu_with_its_kinks_and_no_parity_fact():
    sawtooth = activation("sawtooth")
    u = np.r_[np.linspace(-9, 9, 361), -3.0, 0.0, 3.0]
    assert np.array_equal(sawtooth(u), [_authors_srelu(float(v)) for v in u])
    assert sawtooth.kinks == (-3.0, 0.0, 3.0)
    assert (sawtooth.parity.even_constant, sawtooth.parity.odd_linear) == (False, False)
    assert sawtooth.closed_form is None and not sawtooth.is_piecewise_linear
    # continuous at every kink: the one-sided limits agree
    for kink in sawtooth.kinks:
        assert abs(_authors_srelu(kink - 1e-12) - _authors_srelu(kink + 1e-12)) < 1e-10
    assert "sawtooth" in activation_names()


def test_sawtooth_under_jax_equals_numpy():
    sawtooth = activation("sawtooth")
    u = np.linspace(-7, 7, 141)
    assert np.allclose(np.asarray(jax.jit(lambda v: sawtooth.apply(v, jnp))(u)), sawtooth(u), atol=1e-6)


@pytest.mark.parametrize(
    ("amplitude", "bias"), [(1.0, 0.0), (5.0, 1.0), (3.0, 0.0), (0.4, -3.2), (40.0, -7.0)]
)
def test_sawtooth_spectrum_matches_direct_quadrature(amplitude, bias):
    """Each Fourier coefficient by scipy's adaptive quad, split at the breakpoints by hand."""
    from scipy.integrate import quad

    from plrep import activation_spectrum

    spectrum = activation_spectrum("sawtooth", harmonics=9, amplitude=amplitude, bias=bias)
    cuts = []
    for kink in (-3.0, 0.0, 3.0):
        s = (kink - bias) / amplitude
        if abs(s) <= 1:
            cuts += [math.asin(s) % (2 * math.pi), (math.pi - math.asin(s)) % (2 * math.pi)]
    edges = sorted({0.0, 2 * math.pi, *cuts})

    def coefficient(weight):
        total = 0.0
        for lo, hi in pairwise(edges):
            total += quad(
                lambda x: _authors_srelu(amplitude * math.sin(x) + bias) * weight(x),
                lo,
                hi,
                epsabs=1e-12,
                epsrel=1e-12,
                limit=200,
            )[0]
        return total / math.pi

    for k in range(10):
        a_k = coefficient(lambda x, k=k: math.cos(k * x)) / (2 if k == 0 else 1)
        b_k = coefficient(lambda x, k=k: math.sin(k * x))
        scale = 1 + amplitude + abs(bias)
        assert abs(spectrum.a[k] - a_k) <= 1e-9 * scale
        assert abs(spectrum.b[k] - b_k) <= 1e-9 * scale


def test_sawtooth_of_sin_has_the_closed_form_of_docs_math():
    """On [-3, 3] sawtooth(u) = 3 - u/2 - (3/2)|u|; |sin x| = 2/pi - (4/pi) sum cos(2mx)/(4m^2 - 1)."""
    from plrep import activation_spectrum

    spectrum = activation_spectrum("sawtooth", harmonics=12)
    expected_a, expected_b = np.zeros(13), np.zeros(13)
    expected_a[0] = 3 - 3 / np.pi
    expected_b[1] = -0.5
    m = np.arange(1, 7)
    expected_a[2 * m] = 6 / (np.pi * (4 * m**2 - 1))
    assert np.allclose(spectrum.a, expected_a, atol=1e-12)
    assert np.allclose(spectrum.b, expected_b, atol=1e-12)


def test_plrep_spectrum_sawtooth_on_the_command_line(capsys):
    import json

    from plrep.cli import main

    assert main(["spectrum", "sawtooth", "--harmonics", "2", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["activation"] == "sawtooth"
    assert abs(payload["a"][0] - (3 - 3 / math.pi)) < 1e-12 and abs(payload["b"][1] + 0.5) < 1e-12
    assert abs(payload["a"][2] - 2 / math.pi) < 1e-12
