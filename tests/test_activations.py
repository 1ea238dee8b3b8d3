"""nnkit.activations: values, derivatives against centred differences, softmax, the lookup tables,
stability at |z| = 1e4, types and shapes, and untouched inputs."""

import math
import warnings

import numpy as np
import pytest

from nnkit import activations as act

LN2, LN3 = math.log(2.0), math.log(3.0)

# name -> (activation, derivative, extra keyword arguments to try besides the defaults)
PAIRS = {
    "sigmoid": (act.sigmoid, act.sigmoid_grad, {}),
    "tanh": (act.tanh, act.tanh_grad, {}),
    "relu": (act.relu, act.relu_grad, {}),
    "leaky_relu": (act.leaky_relu, act.leaky_relu_grad, {"alpha": 0.2}),
    "elu": (act.elu, act.elu_grad, {"alpha": 1.7}),
    "swish": (act.swish, act.swish_grad, {}),
    "gelu": (act.gelu, act.gelu_grad, {}),
    "identity": (act.identity, act.identity_grad, {}),
}
ALL_FUNCTIONS = [f for g, dg, _ in PAIRS.values() for f in (g, dg)]


def centred(f, z, eps=1e-6):
    """An independent centred difference (the test's own, not act.numerical_derivative)."""
    return (f(z + eps) - f(z - eps)) / (2 * eps)


# --------------------------------------------------------------------------------------------------
# Values worked out by hand


@pytest.mark.parametrize("fn, z, expected", [
    (act.sigmoid, 0.0, 0.5),
    (act.sigmoid, LN3, 0.75),            # 1 / (1 + 1/3)
    (act.sigmoid, -LN3, 0.25),
    (act.tanh, 0.0, 0.0),
    (act.tanh, LN2, 0.6),                # (2 - 1/2) / (2 + 1/2)
    (act.relu, -2.0, 0.0),
    (act.relu, 3.5, 3.5),
    (act.leaky_relu, -2.0, -0.02),
    (act.leaky_relu, 4.0, 4.0),
    (act.elu, -LN2, -0.5),               # exp(-ln 2) - 1
    (act.elu, 2.0, 2.0),
    (act.swish, LN3, 0.75 * LN3),
    (act.gelu, 0.0, 0.0),
    (act.gelu, 1.0, 0.8411919906082768),  # the tanh approximation at 1
    (act.identity, -1.25, -1.25),
    (act.sigmoid_grad, 0.0, 0.25),
    (act.sigmoid_grad, LN3, 0.75 * 0.25),
    (act.tanh_grad, 0.0, 1.0),
    (act.tanh_grad, LN2, 1 - 0.36),
    (act.relu_grad, 0.0, 0.0),           # the convention at exactly 0
    (act.relu_grad, -1.0, 0.0),
    (act.relu_grad, 1e-9, 1.0),
    (act.leaky_relu_grad, -3.0, 0.01),
    (act.leaky_relu_grad, 0.0, 0.01),
    (act.elu_grad, -LN2, 0.5),
    (act.elu_grad, 1.0, 1.0),
    (act.swish_grad, 0.0, 0.5),
    (act.gelu_grad, 0.0, 0.5),
    (act.identity_grad, 7.0, 1.0),
])
def test_hand_computed_values(fn, z, expected):
    assert float(fn(z)) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_alpha_is_used():
    z = np.array([[-2.0, -0.5, 0.0, 1.5]])
    np.testing.assert_allclose(act.leaky_relu(z, alpha=0.2), [[-0.4, -0.1, 0.0, 1.5]])
    np.testing.assert_allclose(act.leaky_relu(z, 0.3), [[-0.6, -0.15, 0.0, 1.5]])
    np.testing.assert_allclose(act.leaky_relu_grad(z, alpha=0.2), [[0.2, 0.2, 0.2, 1.0]])
    np.testing.assert_allclose(act.elu(np.array([-LN2]), alpha=2.0), [-1.0])
    np.testing.assert_allclose(act.elu_grad(np.array([-LN2]), alpha=2.0), [1.0])


def test_relations_between_activations():
    z = np.linspace(-6, 6, 49)
    np.testing.assert_allclose(act.tanh(z), 2 * act.sigmoid(2 * z) - 1, atol=1e-15)
    np.testing.assert_allclose(act.sigmoid(z) + act.sigmoid(-z), 1.0, atol=1e-15)
    np.testing.assert_allclose(act.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(act.sigmoid_grad(z), act.sigmoid(z) * (1 - act.sigmoid(z)), rtol=1e-12, atol=1e-18)
    np.testing.assert_allclose(act.leaky_relu(z, alpha=0.0), act.relu(z))
    np.testing.assert_allclose(act.swish(z), z * act.sigmoid(z), rtol=1e-14)


def test_gelu_is_close_to_the_exact_gelu():
    z = np.linspace(-5, 5, 101)
    exact = np.array([x * 0.5 * (1 + math.erf(x / math.sqrt(2))) for x in z])
    assert np.max(np.abs(act.gelu(z) - exact)) < 1e-3


# --------------------------------------------------------------------------------------------------
# Derivatives against centred differences


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("use_kwargs", [False, True])
def test_derivative_matches_centred_difference(name, use_kwargs):
    g, dg, kwargs = PAIRS[name]
    kwargs = kwargs if use_kwargs else {}
    rng = np.random.default_rng(sorted(PAIRS).index(name))
    z = rng.uniform(-4, 4, size=(3, 5))
    z = np.where(np.abs(z) < 0.01, 0.5, z)  # away from the kink of relu and leaky relu
    expected = centred(lambda x: g(x, **kwargs), z)
    np.testing.assert_allclose(dg(z, **kwargs), expected, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_tables_and_lookup(name):
    g, dg, _ = PAIRS[name]
    assert act.ACTIVATIONS[name] is g
    assert act.DERIVATIVES[name] is dg
    assert act.get_activation(name) is g
    assert act.get_derivative(name) is dg


def test_tables_have_the_same_names():
    assert set(act.ACTIVATIONS) == set(act.DERIVATIVES) == set(PAIRS)


@pytest.mark.parametrize("getter", [act.get_activation, act.get_derivative])
@pytest.mark.parametrize("bad", ["sigmoind", "ReLU", "", None, 3])
def test_unknown_activation_names_the_valid_ones(getter, bad):
    with pytest.raises(ValueError, match=r"unknown activation .*valid names are elu, gelu, identity, leaky_relu, relu"):
        getter(bad)


# --------------------------------------------------------------------------------------------------
# numerical_derivative


def test_numerical_derivative_of_sin_is_cos():
    z = np.linspace(-3, 3, 13).reshape(1, -1)
    np.testing.assert_allclose(act.numerical_derivative(np.sin, z), np.cos(z), rtol=1e-8, atol=1e-10)


def test_numerical_derivative_is_centred_and_uses_eps():
    z = np.array([[-1.0, 0.0, 2.0]])
    # centred difference of exp with eps = 0.5: e^z (e^0.5 - e^-0.5) / 1, not the one-sided value
    np.testing.assert_allclose(act.numerical_derivative(np.exp, z, eps=0.5),
                               np.exp(z) * (np.exp(0.5) - np.exp(-0.5)), rtol=1e-13)
    # a cubic: the centred difference is 3 z^2 + eps^2 exactly
    np.testing.assert_allclose(act.numerical_derivative(lambda x: x ** 3, z, eps=0.1), 3 * z ** 2 + 0.01, rtol=1e-12)


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_numerical_derivative_agrees_with_each_derivative(name):
    g, dg, _ = PAIRS[name]
    z = np.array([[-2.5, -1.0, -0.3, 0.4, 1.1, 3.0]])
    np.testing.assert_allclose(act.numerical_derivative(g, z), dg(z), rtol=1e-6, atol=1e-9)


def test_numerical_derivative_takes_lists_and_scalars():
    assert act.numerical_derivative(act.sigmoid, 0.0) == pytest.approx(0.25, rel=1e-9)
    assert act.numerical_derivative(lambda x: x ** 2, [1.0, 2.0]).tolist() == pytest.approx([2.0, 4.0])


def test_numerical_derivative_errors():
    with pytest.raises(ValueError, match="f must be elementwise: f\\(z\\) has shape \\(\\) but z has shape \\(3,\\)"):
        act.numerical_derivative(np.sum, np.ones(3))
    with pytest.raises(ValueError, match="f must be a function of z; got ndarray"):
        act.numerical_derivative(np.ones(3), np.ones(3))
    with pytest.raises(ValueError, match=r"eps must be in \(0, inf\); got 0.0"):
        act.numerical_derivative(np.sin, np.ones(3), eps=0.0)


# --------------------------------------------------------------------------------------------------
# softmax


def test_softmax_values():
    z = np.array([[0.0, 1.0], [LN3, 1.0]])
    np.testing.assert_allclose(act.softmax(z), [[0.25, 0.5], [0.75, 0.5]], rtol=1e-14)


def test_softmax_columns_sum_to_one_and_are_shift_invariant():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 6)) * 3
    p = act.softmax(z)
    assert p.shape == (4, 6) and np.all(p > 0)
    np.testing.assert_allclose(p.sum(axis=0), 1.0, rtol=1e-14)
    np.testing.assert_allclose(act.softmax(z + rng.normal(size=(1, 6)) * 50), p, rtol=1e-10)
    # column-wise: each column is the softmax of that column alone
    np.testing.assert_allclose(p[:, 2], act.softmax(z[:, 2]), rtol=1e-14)
    assert act.softmax([1.0, 1.0]).tolist() == [0.5, 0.5]


def test_softmax_rejects_a_scalar():
    with pytest.raises(ValueError, match=r"z must be an array of shape \(n, m\).*got shape \(\)"):
        act.softmax(3.0)


# --------------------------------------------------------------------------------------------------
# Stability, types, shapes, inputs left alone


def test_stable_at_large_z_without_warnings():
    z = np.array([[-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for fn in ALL_FUNCTIONS:
            out = fn(z)
            assert np.all(np.isfinite(out)), fn.__name__
        s = act.sigmoid(z)
        p = act.softmax(np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]]))
        big = act.numerical_derivative(act.sigmoid, z)
    assert s[0, 0] == 0.0 and s[0, -1] == 1.0 and s[0, 3] == 0.5
    assert 0 < s[0, 2] < 1e-21  # the negative tail keeps its relative accuracy
    np.testing.assert_allclose(s[0, 2], math.exp(-50) / (1 + math.exp(-50)), rtol=1e-13)
    np.testing.assert_allclose(p, [[1, 0], [0, 1], [0, 0]], atol=1e-300)
    np.testing.assert_allclose(act.sigmoid_grad(z)[0, [0, -1]], 0.0)
    np.testing.assert_allclose(act.gelu(z)[0, [0, -1]], [0.0, 1e4])
    np.testing.assert_allclose(act.gelu_grad(z)[0, [0, -1]], [0.0, 1.0])
    np.testing.assert_allclose(act.swish_grad(z)[0, [0, -1]], [0.0, 1.0])
    assert np.all(np.isfinite(big))


@pytest.mark.parametrize("fn", ALL_FUNCTIONS, ids=lambda f: f.__name__)
def test_types_shapes_and_untouched_input(fn, call_unchanged):
    z = np.random.default_rng(1).normal(size=(2, 3, 4))
    out = call_unchanged(fn, z)
    assert isinstance(out, np.ndarray) and out.dtype == np.float64 and out.shape == z.shape
    assert out is not z and not np.shares_memory(out, z)
    from_list = fn([[-1, 0, 2]])  # ints in a list
    assert isinstance(from_list, np.ndarray) and from_list.dtype == np.float64 and from_list.shape == (1, 3)
    scalar = fn(0.5)
    assert isinstance(scalar, np.ndarray) and scalar.shape == () and scalar.dtype == np.float64


def test_softmax_and_numerical_derivative_leave_inputs_alone(call_unchanged):
    z = np.random.default_rng(2).normal(size=(3, 4))
    call_unchanged(act.softmax, z)
    call_unchanged(act.numerical_derivative, act.tanh, z, eps=1e-4)


@pytest.mark.parametrize("fn", ALL_FUNCTIONS + [act.softmax], ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_are_refused(fn, bad):
    with pytest.raises(ValueError, match="z contains NaN or inf"):
        fn(np.array([[0.0, bad]]))


def test_non_numeric_input_and_bad_alpha():
    with pytest.raises(ValueError, match="z must be a number or an array of numbers; got str"):
        act.relu("abc")
    with pytest.raises(ValueError, match="alpha must be a finite real number; got 'x'"):
        act.leaky_relu([1.0], alpha="x")
    with pytest.raises(ValueError, match="alpha must be a finite real number; got nan"):
        act.elu_grad([1.0], alpha=float("nan"))
