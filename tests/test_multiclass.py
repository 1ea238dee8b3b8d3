"""nnkit.multiclass (08) and the digits of nnkit.datasets: one-hot labels, the softmax cross-entropy
against a direct formula and at extreme logits, the softmax network's backward pass against centred
differences, predictions, learning-rate decay, the shipped data and its split, bad input."""

import math
import warnings

import numpy as np
import pytest

from nnkit import deep, gradcheck, multiclass as mc
from nnkit.datasets import load_digits, train_dev_test_split


def problem(dims=(4, 5, 3, 3), m=6, seed=0):
    rng = np.random.default_rng(seed)
    params = deep.initialize_parameters_deep(list(dims), seed)
    params = {k: v + (rng.normal(size=v.shape) * 0.3 if k[0] == "b" else 0) for k, v in params.items()}
    X = rng.normal(size=(dims[0], m))
    y = rng.integers(0, dims[-1], size=(1, m))
    return params, X, mc.one_hot(y, dims[-1]), y


def cost_of(params, X, Y):
    AL, caches = mc.L_model_forward_softmax(X, params)
    return mc.softmax_cross_entropy(caches[-1][1], Y)[0]


# --------------------------------------------------------------------------------------------------
# one_hot


def test_one_hot(call_unchanged):
    y = np.array([[2, 0, 1, 2]])
    Y = call_unchanged(mc.one_hot, y, 4)
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1], [0, 0, 0, 0]])
    assert Y.dtype == np.float64 and Y.shape == (4, 4)
    np.testing.assert_array_equal(mc.one_hot(np.array([[1.0, 0.0]]), 2), [[0, 1], [1, 0]])
    np.testing.assert_array_equal(np.argmax(mc.one_hot(y, 3), axis=0), y[0])


@pytest.mark.parametrize("y,C,match", [
    (np.array([0, 1, 2]), 3, r"shape \(1, m\).*reshape"),
    (np.array([[0], [1], [2]]), 3, "transpose"),
    (np.array([[0, 3]]), 3, r"0\.\.2"),
    (np.array([[-1, 0]]), 3, r"\[-1, 1\]|\[-1, 0\]"),
    (np.array([[0.5, 1.0]]), 3, "whole numbers"),
    (np.array([["a", "b"]]), 3, "dtype"),
    (np.array([[0, 1]]), 0, "C must be a positive integer"),
    (np.array([[0, 1]]), 2.0, "C must be a positive integer"),
])
def test_one_hot_bad_input(y, C, match):
    with pytest.raises(ValueError, match=match):
        mc.one_hot(y, C)


# --------------------------------------------------------------------------------------------------
# softmax_cross_entropy


def test_softmax_cross_entropy_matches_the_formula(call_unchanged):
    rng = np.random.default_rng(1)
    Z = rng.normal(size=(5, 7)) * 3
    Y = mc.one_hot(rng.integers(0, 5, size=(1, 7)), 5)
    cost, dZ = call_unchanged(mc.softmax_cross_entropy, Z, Y)
    P = np.exp(Z) / np.exp(Z).sum(axis=0)
    assert isinstance(cost, float)
    assert cost == pytest.approx(-np.mean(np.sum(Y * np.log(P), axis=0)), rel=1e-12)
    np.testing.assert_allclose(dZ, P - Y, atol=1e-14)
    # dZ is the gradient of m * cost (no 1/m): centred differences
    num = np.zeros_like(Z)
    for i in np.ndindex(Z.shape):
        e = np.zeros_like(Z)
        e[i] = 1e-6
        num[i] = (mc.softmax_cross_entropy(Z + e, Y)[0] - mc.softmax_cross_entropy(Z - e, Y)[0]) / 2e-6 * 7
    np.testing.assert_allclose(dZ, num, atol=1e-7)


def test_softmax_cross_entropy_at_huge_logits():
    Z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0], [0.0, 0.0, 1e4]])
    Y = np.eye(3)[:, [0, 0, 2]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost, dZ = mc.softmax_cross_entropy(Z, Y)
    # example 0 right (loss ~0), example 1 wrong by 2e4 (loss 2e4), example 2 right
    assert cost == pytest.approx(2e4 / 3, rel=1e-12)
    np.testing.assert_allclose(dZ[:, 1], [-1, 1, 0], atol=1e-12)
    assert np.isfinite(dZ).all()
    # a shift of every logit of a column changes nothing
    Z2 = np.random.default_rng(0).normal(size=(4, 3))
    Y2 = np.eye(4)[:, [1, 3, 0]]
    a, b = mc.softmax_cross_entropy(Z2, Y2), mc.softmax_cross_entropy(Z2 + np.array([[1e4, -5e3, 300.0]]), Y2)
    assert a[0] == pytest.approx(b[0], rel=1e-9)
    np.testing.assert_allclose(a[1], b[1], atol=1e-9)


def test_softmax_cross_entropy_bad_input():
    Z = np.zeros((3, 4))
    with pytest.raises(ValueError, match="transposed"):
        mc.softmax_cross_entropy(Z, np.zeros((4, 3)))
    with pytest.raises(ValueError, match="one_hot"):
        mc.softmax_cross_entropy(Z, np.array([[0, 1, 2, 1]] * 3))
    with pytest.raises(ValueError, match="NaN"):
        mc.softmax_cross_entropy(Z + np.nan, np.ones((3, 4)) / 3)


# --------------------------------------------------------------------------------------------------
# The network


def test_forward_softmax_caches_and_probabilities(call_unchanged):
    params, X, Y, _ = problem()
    AL, caches = call_unchanged(mc.L_model_forward_softmax, X, params)
    assert AL.shape == (3, 6) and np.allclose(AL.sum(axis=0), 1) and (AL >= 0).all()
    assert len(caches) == 3
    A = X
    for l, ((A_prev, W, b), Z) in enumerate(caches, start=1):
        np.testing.assert_array_equal(A_prev, A)
        assert W is params[f"W{l}"] or np.array_equal(W, params[f"W{l}"])
        np.testing.assert_allclose(Z, W @ A_prev + b)
        A = np.maximum(Z, 0) if l < 3 else np.exp(Z) / np.exp(Z).sum(axis=0)
    np.testing.assert_allclose(AL, A)


@pytest.mark.parametrize("dims", [(4, 5, 3, 3), (2, 10), (3, 6, 6, 4, 5)])
def test_backward_softmax_against_the_numerical_gradient(dims, call_unchanged):
    params, X, Y, _ = problem(dims, m=5, seed=len(dims))
    AL, caches = mc.L_model_forward_softmax(X, params)
    grads = call_unchanged(mc.L_model_backward_softmax, AL, Y, caches)
    L = len(dims) - 1
    assert set(grads) == {f"dW{l}" for l in range(1, L + 1)} | {f"db{l}" for l in range(1, L + 1)} \
        | {f"dA{l}" for l in range(L)}
    assert grads["dA0"].shape == X.shape
    diff = gradcheck.gradient_check_n(params, X, Y, cost_of, grads, epsilon=1e-6)
    assert diff < 1e-7, diff


def test_backward_softmax_bad_input():
    params, X, Y, _ = problem()
    AL, caches = mc.L_model_forward_softmax(X, params)
    with pytest.raises(ValueError, match="transposed"):
        mc.L_model_backward_softmax(AL, Y.T, caches)
    with pytest.raises(ValueError, match="softmax"):
        mc.L_model_backward_softmax(caches[-1][1] * 10, Y, caches)
    with pytest.raises(ValueError, match="caches"):
        mc.L_model_backward_softmax(AL, Y, [])
    with pytest.raises(ValueError, match=r"caches\[1\]"):
        mc.L_model_backward_softmax(AL, Y, [caches[0], (1, 2), caches[2]])


def test_predict_classes():
    params, X, _, _ = problem(m=9)
    got = mc.predict_classes(X, params)
    assert got.shape == (1, 9) and np.issubdtype(got.dtype, np.integer)
    np.testing.assert_array_equal(got[0], np.argmax(mc.L_model_forward_softmax(X, params)[0], axis=0))
    with pytest.raises(ValueError, match="one column per example"):
        mc.predict_classes(X.T, params)


def test_the_network_learns_the_digits():
    X, y = load_digits()
    X_train, y_train, X_dev, y_dev, _, _ = train_dev_test_split(X, y, rng=0)
    params = deep.initialize_parameters_deep([64, 32, 10], 0)
    Y = mc.one_hot(y_train, 10)
    for _ in range(150):
        AL, caches = mc.L_model_forward_softmax(X_train, params)
        params = deep.update_parameters(params, mc.L_model_backward_softmax(AL, Y, caches), 0.5)
    assert np.mean(mc.predict_classes(X_dev, params) == y_dev) > 0.9


# --------------------------------------------------------------------------------------------------
# learning_rate_decay


def test_learning_rate_decay():
    assert mc.learning_rate_decay(0.5, 2, 1) == pytest.approx(0.5 / 3)
    assert mc.learning_rate_decay(0.5, 0, 3.0) == 0.5
    assert mc.learning_rate_decay(0.1, 9, 0.5, time_interval=4) == pytest.approx(0.1 / 2)  # floor(9/4) = 2
    assert mc.learning_rate_decay(0.1, 7, 0.0, 2) == 0.1
    assert mc.learning_rate_decay(1.0, 10.0, 1) == pytest.approx(1 / 11)
    assert isinstance(mc.learning_rate_decay(1, 1, 1), float)
    for args, match in [((0.0, 1, 1), "learning_rate0"), ((0.1, -1, 1), "epoch_num"), ((0.1, 1.5, 1), "epoch_num"),
                        ((0.1, 1, -1), "decay_rate"), ((0.1, 1, 1, 0), "time_interval"),
                        ((math.nan, 1, 1), "learning_rate0")]:
        with pytest.raises(ValueError, match=match):
            mc.learning_rate_decay(*args)


# --------------------------------------------------------------------------------------------------
# The digits


def test_load_digits():
    X, y = load_digits()
    assert X.shape == (64, 1797) and y.shape == (1, 1797)
    assert X.dtype == np.float64 and np.issubdtype(y.dtype, np.integer)
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.allclose(X * 16, np.round(X * 16))                 # pixel values 0..16, scaled
    counts = np.bincount(y[0])
    assert len(counts) == 10 and counts.min() >= 170 and counts.max() <= 190
    # the first image is a 0: a ring of ink around an empty middle
    img = X[:, 0].reshape(8, 8)
    assert y[0, 0] == 0 and img[3:5, 3:5].max() < 0.2 and img[0, 2:6].max() > 0.5


def test_train_dev_test_split(call_unchanged):
    X, y = load_digits()
    parts = call_unchanged(train_dev_test_split, X, y, 0.1, 0.2, 3)
    X_tr, y_tr, X_dev, y_dev, X_te, y_te = parts
    assert (X_dev.shape[1], X_te.shape[1]) == (180, 359) and X_tr.shape[1] == 1797 - 180 - 359
    assert y_tr.dtype == y.dtype and y_tr.shape == (1, X_tr.shape[1])
    # every example once, with its label
    cols = {tuple(c) + (int(l),) for Xp, yp in ((X_tr, y_tr), (X_dev, y_dev), (X_te, y_te))
            for c, l in zip(Xp.T, yp[0])}
    assert cols == {tuple(c) + (int(l),) for c, l in zip(X.T, y[0])}
    again = train_dev_test_split(X, y, 0.1, 0.2, 3)
    assert all(np.array_equal(a, b) for a, b in zip(parts, again))
    assert not np.array_equal(train_dev_test_split(X, y, 0.1, 0.2, 4)[1], y_tr)


def test_train_dev_test_split_bad_input():
    X, y = load_digits()
    with pytest.raises(ValueError, match="one column per example"):
        train_dev_test_split(X.T, y)
    with pytest.raises(ValueError, match="below 1"):
        train_dev_test_split(X, y, 0.5, 0.5)
    with pytest.raises(ValueError, match="too few"):
        train_dev_test_split(X[:, :2], y[:, :2])


# --------------------------------------------------------------------------------------------------
# The contract's signatures, numpydoc docstrings, and the classic slips (as tests/test_validation.py
# does for the modules of 01-07)

CONTRACT = {"one_hot": "(y, C)", "softmax_cross_entropy": "(Z, Y)", "L_model_forward_softmax": "(X, parameters)",
            "L_model_backward_softmax": "(AL, Y, caches)", "predict_classes": "(X, parameters)",
            "learning_rate_decay": "(learning_rate0, epoch_num, decay_rate, time_interval=1)"}


@pytest.mark.parametrize("name", list(CONTRACT))
def test_contract_signature_and_numpydoc(name):
    import inspect

    import nnkit
    fn = getattr(mc, name)
    assert str(inspect.signature(fn)) == CONTRACT[name] and name in mc.__all__
    assert nnkit.multiclass is mc and mc.__doc__.strip()
    doc = inspect.getdoc(fn)
    assert "Parameters\n----------" in doc and "Returns\n-------" in doc
    for p in inspect.signature(fn).parameters:
        assert p in doc, f"{name}: parameter {p} is not documented"


P3 = deep.initialize_parameters_deep([3, 4, 2], 0)
TAKES_X = {"L_model_forward_softmax": lambda X: mc.L_model_forward_softmax(X, P3),
           "predict_classes": lambda X: mc.predict_classes(X, P3)}


@pytest.mark.parametrize("call", TAKES_X.values(), ids=TAKES_X.keys())
def test_x_as_m_by_n_x_and_nan_are_named(call):
    X = np.random.default_rng(0).normal(size=(3, 8))
    call(X)
    with pytest.raises(ValueError, match=r"Did you pass X as \(m, n_x\)\? nnkit uses one column per example"):
        call(X.T)
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match="^X contains NaN or inf$"):
        call(X)


@pytest.mark.parametrize("call", [
    lambda: mc.one_hot(None, 3),
    lambda: mc.one_hot([[0, 1]], "3"),
    lambda: mc.softmax_cross_entropy("Z", np.ones((2, 2))),
    lambda: mc.L_model_forward_softmax(np.ones((3, 2)), "params"),
    lambda: mc.L_model_backward_softmax(None, np.ones((2, 2)), []),
    lambda: mc.L_model_backward_softmax(np.full((2, 2), 0.5), np.eye(2), "caches"),
    lambda: mc.predict_classes(np.ones((3, 2)), [P3]),
    lambda: mc.learning_rate_decay("0.1", 1, 1),
])
def test_garbage_gives_a_value_error_not_a_numpy_error(call):
    with pytest.raises(ValueError):
        call()
