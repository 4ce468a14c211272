"""Activation spectra: closed forms, the kink-aware numerical method, facts, C_n aliasing, CLI."""

import json
import math
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.integrate import quad

from plrep import cyclic, dense_projector
from plrep.activations import activation, activation_names
from plrep.cli import main
from plrep.spectra import (
    activation_spectrum,
    aliased_energies,
    complex_coefficients,
    decay_rate,
    discrete_energies,
    harmonic_magnitudes,
    nonzero_harmonics,
    simple_vector,
)
from plrep.spectra._numeric import _fft_rule, breakpoints

GOLDEN = Path(__file__).parents[1] / "golden"
PRELU_FAMILY = ("relu", "abs", "leaky_relu", "prelu:-0.3", "prelu:2.5", "identity")
# (a, b): crossing kinks, |b| >= |a| both ways, a < 0, a = 0, tangency, tiny a.
PAIRS = [(1.0, 0.0), (2.0, 0.3), (0.5, -0.45), (-1.3, 0.9), (3.7, -2.0), (1.0, 1.0), (1.0, -1.0)]
PAIRS += [(-2.0, 5.0), (0.0, 0.7), (0.0, -0.7), (1e-3, 0.0), (-0.8, -0.79)]


def named_specs():
    return [n for n in activation_names() if ":" not in n] + [
        "prelu:-0.3",
        "prelu:2.5",
        "pow:0",
        "pow:3",
        "pow:4",
    ]


# --- closed forms against the classical series ---------------------------------------------------


@pytest.mark.parametrize("name", ["relu_sin", "abs_sin"])
@pytest.mark.parametrize("method", ["closed", "numeric"])
def test_classical_series_of_math_md(name, method):
    golden = json.loads((GOLDEN / f"spectra_{name}.json").read_text())
    s = activation_spectrum(golden["activation"], harmonics=golden["harmonics"], method=method)
    assert s.method == method
    # The closed form is exact up to rounding; the numerical method is good to ~1e-14.
    tolerance = 1e-15 if method == "closed" else 1e-13
    np.testing.assert_allclose(s.a, golden["a"], rtol=0, atol=tolerance)
    np.testing.assert_allclose(s.b, golden["b"], rtol=0, atol=tolerance)


def test_gelu_against_stored_mpmath_values():
    golden = json.loads((GOLDEN / "spectra_gelu_2sin_minus_half.json").read_text())
    s = activation_spectrum(
        "gelu", harmonics=golden["harmonics"], amplitude=golden["amplitude"], bias=golden["bias"]
    )
    np.testing.assert_allclose(s.a, golden["a"], rtol=0, atol=1e-12)
    np.testing.assert_allclose(s.b, golden["b"], rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", PRELU_FAMILY)
def test_closed_and_numeric_agree_to_1e12_for_the_prelu_family(name):
    amplitudes, biases = np.array(PAIRS).T
    for harmonics in (0, 1, 2, 7, 64):
        closed = activation_spectrum(
            name, harmonics=harmonics, amplitude=amplitudes, bias=biases, method="closed"
        )
        numeric = activation_spectrum(
            name, harmonics=harmonics, amplitude=amplitudes, bias=biases, method="numeric"
        )
        assert numeric.method == "numeric" and np.all(numeric.error < 1e-12)
        np.testing.assert_allclose(numeric.a, closed.a, rtol=0, atol=1e-12)
        np.testing.assert_allclose(numeric.b, closed.b, rtol=0, atol=1e-12)


def test_relu_limits_in_words():
    # b >= |a|: relu is the identity on the range; b <= -|a|: zero; a = 0: the constant relu(b).
    s = activation_spectrum("relu", harmonics=3, amplitude=[-2.0, 2.0, 0.0, 0.0], bias=[3.0, -3.0, 0.5, -0.5])
    np.testing.assert_allclose(s.a, [[3, 0, 0, 0], [0, 0, 0, 0], [0.5, 0, 0, 0], [0, 0, 0, 0]], atol=1e-15)
    np.testing.assert_allclose(s.b, [[0, -2, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], atol=1e-15)


@pytest.mark.parametrize("power", [0, 1, 2, 3, 5, 8])
def test_powers_closed_form_is_finite_and_matches_numeric(power):
    a, b = np.array([1.0, -1.7, 0.6]), np.array([0.0, 0.4, -1.1])
    closed = activation_spectrum(f"pow:{power}", harmonics=12, amplitude=a, bias=b)
    numeric = activation_spectrum(f"pow:{power}", harmonics=12, amplitude=a, bias=b, method="numeric")
    assert closed.method == "closed"
    assert np.all(closed.a[:, power + 1 :] == 0) and np.all(closed.b[:, power + 1 :] == 0)
    scale = max(1.0, float(np.max(np.abs(a) + np.abs(b))) ** power)
    np.testing.assert_allclose(numeric.a, closed.a, atol=1e-13 * scale)
    np.testing.assert_allclose(numeric.b, closed.b, atol=1e-13 * scale)
    # sin^3 x = (3 sin x - sin 3x)/4 (product-to-sum identity)
    if power == 3:
        np.testing.assert_allclose(closed.b[0, :4], [0, 0.75, 0, -0.25], atol=1e-15)


# --- the numerical method against an independent adaptive quadrature -------------------------------


def quad_coefficients(name, a, b, harmonics):
    act = activation(name)
    points = [p for p in np.unique(breakpoints(np.array([a]), np.array([b]), act.kinks)) if 0 < p < 2 * np.pi]

    def integral(weight):
        f = lambda x: float(act(a * np.sin(x) + b)) * weight(x)  # noqa: E731
        return quad(f, 0, 2 * np.pi, points=points or None, epsabs=1e-14, epsrel=1e-13, limit=200)[0]

    cos = [integral(lambda x: 0.5)] + [
        integral(lambda x, k=k: np.cos(k * x)) for k in range(1, harmonics + 1)
    ]
    sin = [0.0] + [integral(lambda x, k=k: np.sin(k * x)) for k in range(1, harmonics + 1)]
    return np.array(cos) / np.pi, np.array(sin) / np.pi


@pytest.mark.parametrize("name", ["gelu", "silu", "tanh", "elu"])
@pytest.mark.parametrize(("a", "b"), [(1.0, 0.0), (2.5, -0.7), (-1.2, 0.4), (0.6, 1.1)])
def test_numeric_matches_scipy_quad(name, a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # QUADPACK's roundoff notes at 1e-14
        ref_a, ref_b = quad_coefficients(name, a, b, 6)
    s = activation_spectrum(name, harmonics=6, amplitude=a, bias=b)
    np.testing.assert_allclose(s.a, ref_a, rtol=0, atol=1e-11)
    np.testing.assert_allclose(s.b, ref_b, rtol=0, atol=1e-11)


def test_fft_error_decays_geometrically_for_smooth_and_like_n2_at_a_kink():
    """Why smooth sigma may use a sampled FFT and kinked sigma may not."""
    amplitude, bias = np.array([2.0]), np.array([0.3])
    reference = activation_spectrum("tanh", harmonics=4, amplitude=2.0, bias=0.3)
    ref = complex_coefficients(reference)
    smooth = [
        np.abs(_fft_rule(activation("tanh"), amplitude, bias, 4, n)[0][0] - ref).max() for n in (16, 32, 64)
    ]
    assert smooth[1] < 1e-3 * smooth[0] and smooth[2] < 1e-14  # geometric: digits double with N
    ref = complex_coefficients(activation_spectrum("relu", harmonics=4, amplitude=2.0, bias=0.3))
    sizes = 2 ** np.arange(6, 14)
    kinked = [np.abs(_fft_rule(activation("relu"), amplitude, bias, 4, n)[0][0] - ref).max() for n in sizes]
    slope = np.polyfit(np.log(sizes), np.log(kinked), 1)[0]
    assert -2.8 < slope < -1.5 and kinked[-1] > 1e-9  # ~N^-2 (oscillating with the kink's grid position)


def test_user_callable_with_declared_kinks_is_accurate():
    relu_like = activation(lambda x: np.where(x > 0.5, 2 * (x - 0.5), 0.0), kinks=[0.5])
    s = activation_spectrum(relu_like, harmonics=20, amplitude=1.5, bias=0.2)
    ref = activation_spectrum("relu", harmonics=20, amplitude=1.5, bias=-0.3)  # 2 relu(u - 0.5)
    np.testing.assert_allclose(s.a, 2 * ref.a, atol=1e-12)
    np.testing.assert_allclose(s.b, 2 * ref.b, atol=1e-12)


def test_grid_is_vectorised_and_equals_pointwise():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(3, 4)) * 2, rng.normal(size=(3, 4))
    for name in ("gelu", "elu", "relu"):
        grid = activation_spectrum(name, harmonics=9, amplitude=a, bias=b, method="numeric")
        assert grid.a.shape == (3, 4, 10) and grid.error.shape == (3, 4)
        one = activation_spectrum(name, harmonics=9, amplitude=a[2, 1], bias=b[2, 1], method="numeric")
        np.testing.assert_allclose(grid.a[2, 1], one.a, atol=1e-14)
    scalar_bias = activation_spectrum("tanh", harmonics=3, amplitude=[1.0, 2.0], bias=0.5)
    assert scalar_bias.a.shape == (2, 4)


def test_partial_sum_converges_to_the_function():
    s = activation_spectrum("relu", harmonics=128, amplitude=1.3, bias=-0.2)
    x = np.linspace(0, 2 * np.pi, 101)
    assert np.max(np.abs(s(x) - np.maximum(1.3 * np.sin(x) - 0.2, 0))) < 5e-3  # tail ~ sum 1/k^2 ~ 1/K


# --- facts: parity, nonzero harmonics, decay -----------------------------------------------------


@given(
    name=st.sampled_from(named_specs()),
    amplitude=st.floats(0.05, 6.0) | st.floats(-6.0, -0.05),
)
def test_parity_rule(name, amplitude):
    act = activation(name)
    s = activation_spectrum(act, harmonics=12, amplitude=amplitude)
    scale = 1e-11 * max(1.0, float(np.abs(harmonic_magnitudes(s)).max()))
    k = np.arange(13)
    if act.parity.even_constant:  # odd up to a constant: no even harmonics
        assert np.all(harmonic_magnitudes(s)[(k % 2 == 0) & (k > 0)] <= scale)
    if act.parity.odd_linear:  # even up to a linear term: odd harmonics only the fundamental
        assert np.all(harmonic_magnitudes(s)[(k % 2 == 1) & (k > 1)] <= scale)
        slope = float(act(1.0) - act(-1.0)) / 2
        assert s.b[1] == pytest.approx(slope * amplitude, abs=scale) and abs(s.a[1]) <= scale


@given(amplitude=st.floats(0.2, 4.0), bias=st.floats(-0.9, 0.9).filter(lambda b: abs(b) > 0.05))
def test_bias_breaks_the_parity_rule_of_relu(amplitude, bias):
    s = activation_spectrum("relu", harmonics=3, amplitude=amplitude, bias=bias * amplitude)
    assert np.hypot(s.a[3], s.b[3]) > 1e-6  # odd harmonic 3 appears once b != 0


def test_nonzero_harmonics_and_decay():
    relu, absolute = activation_spectrum("relu", harmonics=64), activation_spectrum("abs", harmonics=64)
    assert nonzero_harmonics(relu) == (0, 1, *range(2, 65, 2))
    assert nonzero_harmonics(absolute) == (0, *range(2, 65, 2))
    assert nonzero_harmonics(activation_spectrum("pow:3", harmonics=8)) == (1, 3)
    assert decay_rate(relu) == pytest.approx(2.0, abs=0.01)
    assert decay_rate(absolute) == pytest.approx(2.0, abs=0.01)
    assert decay_rate(activation_spectrum("elu", harmonics=64, bias=0.2)) == pytest.approx(3.0, abs=0.3)
    assert decay_rate(activation_spectrum("gelu", harmonics=64)) > 5
    assert decay_rate(activation_spectrum("pow:4", harmonics=16), start=5) == math.inf


# --- discrete counterpart on C_n ------------------------------------------------------------------


@pytest.mark.parametrize(("n", "k"), [(8, 1), (12, 5), (9, 3), (10, 5), (7, 0), (16, 4)])
def test_discrete_energies_match_dense_projectors(n, k):
    values = activation("relu")(simple_vector(n, k, radius=1.3, phase=0.4, bias=0.1))
    dense = [float(values @ dense_projector(cyclic(n), j) @ values) for j in range(n // 2 + 1)]
    np.testing.assert_allclose(
        discrete_energies("relu", n, k, radius=1.3, phase=0.4, bias=0.1), dense, atol=1e-12
    )


@pytest.mark.parametrize("name", ["pow:3", "pow:4", "tanh", "gelu", "sigmoid"])
@pytest.mark.parametrize(("n", "k"), [(8, 1), (12, 5), (9, 3), (10, 5), (7, 0), (15, 6)])
def test_aliasing_is_exact_for_finite_or_fast_decaying_series(name, n, k):
    # pow:P has harmonics |m| <= P only, so 16 of them is the whole series; tanh, gelu and
    # sigmoid at this amplitude have |c_m| < 1e-16 well before m = 64 (geometric decay).
    direct = discrete_energies(name, n, k, radius=1.3, phase=0.4, bias=0.1)
    predicted = aliased_energies(name, n, k, radius=1.3, phase=0.4, bias=0.1, harmonics=64)
    np.testing.assert_allclose(predicted, direct, rtol=0, atol=1e-12 * max(1.0, direct.sum()))


@pytest.mark.parametrize(("n", "k"), [(8, 1), (12, 5), (9, 3), (10, 5)])
def test_aliasing_for_relu_converges_within_the_truncation_bound(n, k):
    """ReLU has infinitely many harmonics aliasing onto each frequency; truncating at K leaves
    sum_{|m|>K} |c_m| <= 2 (|a|/pi)(1 + pi)/K (|c_m| <= (jumps of f' + int |f''|)/(2 pi m^2)),
    which bounds the energy error by n * sum_l (2 |F_l| delta + delta^2) with delta that tail."""
    radius, direct = 1.3, discrete_energies("relu", n, k, radius=1.3, phase=0.4, bias=0.1)
    errors = []
    for harmonics in (64, 1024, 16384):
        predicted = aliased_energies("relu", n, k, radius=radius, phase=0.4, bias=0.1, harmonics=harmonics)
        delta = 2 * radius * (1 + 1 / np.pi) / harmonics
        bound = n * np.sum(2 * np.sqrt(direct / n) * delta + 2 * delta**2)
        errors.append(np.abs(predicted - direct).max())
        assert errors[-1] <= bound
    assert errors[2] < errors[0] / 50


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"sigma": "swish"}, ValueError, "`activation` must be one of relu, abs, leaky_relu, identity, elu"),
        ({"harmonics": -1}, ValueError, "`harmonics` must be an integer >= 0, got -1 instead"),
        ({"harmonics": 100_001}, ValueError, "`harmonics` must be an integer <= 100000, got 100001 instead"),
        ({"harmonics": 2.0}, TypeError, "`harmonics` must be an integer, got 2.0 instead"),
        ({"amplitude": math.inf}, ValueError, "`amplitude` must be a finite real number, got inf instead"),
        ({"bias": math.nan}, ValueError, "`bias` must be a finite real number, got nan instead"),
        ({"amplitude": [1.0, math.nan]}, ValueError, "`amplitude` must contain only finite values"),
        (
            {"amplitude": [1.0, 2.0], "bias": [1.0, 2.0, 3.0]},
            ValueError,
            "`amplitude` and `bias` must broadcast",
        ),
        (
            {"sigma": "gelu", "method": "closed"},
            ValueError,
            "`method` must be 'auto' or 'numeric' for 'gelu'",
        ),
        ({"method": "exact"}, ValueError, "`method` must be one of 'auto', 'closed', 'numeric', got 'exact'"),
    ],
)
def test_errors_are_clear(kwargs, error, message):
    kwargs = {"sigma": "relu", **kwargs}
    with pytest.raises(error, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        activation_spectrum(kwargs.pop("sigma"), **kwargs)


def test_callables_returning_nan_or_the_wrong_shape_are_refused():
    # Finite on the probe [-4, 4] and parity detection's [-8, 8], so only the spectrum's own
    # check can catch it.
    blows_up = activation(lambda x: np.where(x > 9, np.nan, x))
    with pytest.raises(
        ValueError, match=r"^`activation` must return finite values, got NaN or infinity at input"
    ):
        activation_spectrum(blows_up, amplitude=10.0)
    wrong_shape = activation(lambda x: x if x.ndim == 1 else x[..., :1])
    with pytest.raises(ValueError, match=r"^`activation` must return an array of its input's shape"):
        activation_spectrum(wrong_shape)
    with pytest.raises(ValueError, match=r"must map an array of shape \(801,\) to the same shape"):
        activation_spectrum(lambda x: x[:3])


def test_unresolved_callable_warns_and_reports_its_error():
    with pytest.warns(RuntimeWarning, match="not resolved to machine precision"):
        s = activation_spectrum(lambda x: np.abs(x) ** 0.5, harmonics=4)  # undeclared singular kink
    assert s.error > 1e-10


# --- CLI and figure ------------------------------------------------------------------------------


def test_cli_json_contract(capsys):
    assert main(["spectrum", "relu", "--harmonics", "4", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["activation"] == "relu" and payload["amplitude"] == 1.0 and payload["bias"] == 0.0
    np.testing.assert_allclose(
        payload["a"], [1 / np.pi, 0, -2 / (3 * np.pi), 0, -2 / (15 * np.pi)], atol=1e-15
    )
    assert payload["b"][0] == 0.0 and payload["b"][1] == 0.5 and len(payload["b"]) == 5


def test_cli_text_png_and_errors(capsys, tmp_path):
    assert main(["spectrum", "gelu", "--harmonics", "2", "--amplitude", "2", "--bias", "-0.5"]) == 0
    assert "method: numeric" in capsys.readouterr().out
    assert main(["spectrum", "abs", "--format", "png", "--out", str(tmp_path / "s.png")]) == 0
    assert (tmp_path / "s.png").read_bytes()[:4] == b"\x89PNG"
    capsys.readouterr()
    for argv, message in [
        (["spectrum", "swish"], "plrep: error: `activation` must be one of"),
        (
            ["spectrum", "relu", "--harmonics", "-3"],
            "plrep: error: `harmonics` must be an integer >= 0, got -3",
        ),
        (
            ["spectrum", "relu", "--amplitude", "inf"],
            "plrep: error: `amplitude` must be a finite real number",
        ),
        (["spectrum", "relu", "--format", "svg"], "plrep: error: `--out` must be given for --format svg"),
    ]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(message) and err.count("\n") == 1


def test_guitar_string_figure(tmp_path):
    from paper_repro.fig_guitar_string import make

    result = make(tmp_path, quick=True)
    assert sorted(result["files"]) == ["guitar_string.json", "guitar_string.png"]
    data = json.loads((tmp_path / "guitar_string.json").read_text())
    relu = data["spectra"][0]
    np.testing.assert_allclose(relu["a"][2::2], data["math_md_series"]["relu"]["a_2m"], atol=1e-15)
    assert relu["decay_exponent"] == pytest.approx(2.0, abs=0.05)


def test_side_by_side_plot_has_a_row_per_activation():
    from plrep.plotting.spectra import plot_spectra, save_figure

    with pytest.raises(
        ValueError, match=r"^`sigmas` must name at least one activation, got an empty list instead$"
    ):
        plot_spectra([])
    figure = plot_spectra(["relu", "gelu", "pow:3"], harmonics=8)
    assert len(figure.axes) == 6 and figure.axes[1].get_yscale() == "log"
    save_figure(figure, "/dev/null", format="png")


@pytest.mark.parametrize("bias", [1.0, 10.0, 1e8, 1e308])
def test_relu_of_an_always_positive_input_is_the_input(bias):
    # a sin x + b with b >= |a| never changes sign, so relu is the identity there: exactly
    # a_0 = b, b_1 = a and nothing else (no 1e-16 * b leftovers from sin(m pi))
    spectrum = activation_spectrum("relu", harmonics=8, amplitude=1.0, bias=bias)
    expected_a, expected_b = np.zeros(9), np.zeros(9)
    expected_a[0], expected_b[1] = bias, 1.0
    np.testing.assert_array_equal(spectrum.a, expected_a)
    np.testing.assert_array_equal(spectrum.b, expected_b)
    never = activation_spectrum("relu", harmonics=8, amplitude=1.0, bias=-bias)
    assert not np.any(never.a) and not np.any(never.b)
