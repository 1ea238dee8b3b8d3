"""nnkit.neuron (01) and nnkit.logistic (02): values, gradients, the training loop, learning, errors."""

import math

import numpy as np
import pytest

from nnkit import activations, logistic, losses, neuron

# Ng's worked example (course 1, week 2), whose numbers are published with the assignment
W_NG, B_NG = np.array([[1.0], [2.0]]), 2.0
X_NG, Y_NG = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1.0, 0.0, 1.0]])


def blobs(m, seed, gap=3.0):
    """Two separable Gaussian blobs in 2-D, labels 0/1, one column per example."""
    rng = np.random.default_rng(seed)
    Y = (rng.random((1, m)) < 0.5).astype(float)
    X = rng.normal(size=(2, m)) + gap * (2 * Y - 1) * np.array([[1.0], [0.5]])
    return X, Y


# --------------------------------------------------------------------------------------------------
# neuron


def test_reexports():
    from nnkit.neuron import leaky_relu, relu, sigmoid, tanh
    assert (sigmoid, tanh, relu, leaky_relu) == (activations.sigmoid, activations.tanh, activations.relu,
                                                 activations.leaky_relu)


def test_neuron_forward_by_hand():
    w, X = np.array([[1.0], [-2.0]]), np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]])
    A = neuron.neuron_forward(w, 0.5, X)
    assert A.shape == (1, 3) and A.dtype == np.float64
    np.testing.assert_allclose(A, 1 / (1 + np.exp(-np.array([[-2.5, -1.5, -0.5]]))), rtol=1e-14)
    np.testing.assert_allclose(neuron.neuron_forward(w, np.array([[0.5]]), X), A)  # b as a (1, 1) array


def test_neuron_forward_is_a_layer_of_one():
    rng = np.random.default_rng(0)
    w, X = rng.normal(size=(4, 1)), rng.normal(size=(4, 7))
    np.testing.assert_allclose(neuron.neuron_forward(w, -0.3, X), neuron.layer_forward(w.T, [[-0.3]], X), rtol=1e-14)


@pytest.mark.parametrize("activation, g", [
    ("sigmoid", lambda z: 1 / (1 + np.exp(-z))),
    ("tanh", np.tanh),
    ("relu", lambda z: np.maximum(z, 0)),
    ("leaky_relu", lambda z: np.where(z > 0, z, 0.01 * z)),
])
def test_layer_forward_each_activation(activation, g, call_unchanged):
    rng = np.random.default_rng(1)
    W, b, A_prev = rng.normal(size=(3, 4)), rng.normal(size=(3, 1)), rng.normal(size=(4, 5))
    A = call_unchanged(neuron.layer_forward, W, b, A_prev, activation=activation)
    assert A.shape == (3, 5)
    np.testing.assert_allclose(A, g(W @ A_prev + b), rtol=1e-13)


def test_layer_forward_default_is_sigmoid():
    W, b, A_prev = np.array([[1.0, -1.0]]), np.array([[0.25]]), np.array([[1.0], [2.0]])
    assert neuron.layer_forward(W, b, A_prev)[0, 0] == pytest.approx(1 / (1 + math.exp(0.75)))


def test_neuron_errors():
    w, X = np.ones((2, 1)), np.ones((2, 5))
    with pytest.raises(ValueError, match=r"w must be a column of shape \(n_x, 1\); got shape \(1, 2\) \(a row"):
        neuron.neuron_forward(w.T, 0.0, X)
    with pytest.raises(ValueError, match=r"X must have n_x=2 rows .*got shape \(5, 2\)\. Did you pass X as \(m, n_x\)\?"):
        neuron.neuron_forward(w, 0.0, X.T)
    with pytest.raises(ValueError, match="b must be a finite real number; got array"):
        neuron.neuron_forward(w, np.ones(2), X)
    with pytest.raises(ValueError, match=r"W has shape \(3, 2\) so A_prev must have 2 rows; got A_prev of shape \(3, 5\)\. "
                                         r"Is W transposed\?"):
        neuron.layer_forward(np.ones((3, 2)), np.ones((3, 1)), np.ones((3, 5)))
    with pytest.raises(ValueError, match=r"b must have shape \(n_l, 1\) = \(3, 1\); got shape \(3,\)"):
        neuron.layer_forward(np.ones((3, 2)), np.ones(3), X)
    with pytest.raises(ValueError, match="unknown activation 'softplus'; valid names are"):
        neuron.layer_forward(np.ones((3, 2)), np.ones((3, 1)), X, activation="softplus")
    with pytest.raises(ValueError, match="A_prev contains NaN or inf"):
        neuron.layer_forward(np.ones((3, 2)), np.ones((3, 1)), np.full((2, 5), np.nan))


# --------------------------------------------------------------------------------------------------
# logistic regression


@pytest.mark.parametrize("n_x", [1, 4, 12288])
def test_initialize_with_zeros(n_x):
    w, b = logistic.initialize_with_zeros(n_x)
    assert w.shape == (n_x, 1) and w.dtype == np.float64 and not w.any()
    assert type(b) is float and b == 0.0


@pytest.mark.parametrize("bad", [0, -3, 2.0, True, "5"])
def test_initialize_with_zeros_errors(bad):
    with pytest.raises(ValueError, match="n_x must be a positive integer"):
        logistic.initialize_with_zeros(bad)


def test_propagate_published_values(call_unchanged):
    grads, cost = call_unchanged(logistic.propagate, W_NG, B_NG, X_NG, Y_NG)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], rtol=1e-7)
    assert type(grads["db"]) is float and grads["db"] == pytest.approx(0.00145557813678, rel=1e-9)
    assert type(cost) is float and cost == pytest.approx(5.801545319394553, rel=1e-12)
    assert cost == pytest.approx(losses.binary_cross_entropy(neuron.neuron_forward(W_NG, B_NG, X_NG), Y_NG))


def test_propagate_gradients_match_centred_differences(numgrad):
    rng = np.random.default_rng(3)
    w, b, X = rng.normal(size=(3, 1)), 0.4, rng.normal(size=(3, 8))
    Y = (rng.random((1, 8)) < 0.5).astype(float)
    grads, _ = logistic.propagate(w, b, X, Y)
    np.testing.assert_allclose(grads["dw"], numgrad(lambda w_: logistic.propagate(w_, b, X, Y)[1], w), rtol=1e-6)
    db = numgrad(lambda b_: logistic.propagate(w, float(b_), X, Y)[1], np.array(b))
    assert grads["db"] == pytest.approx(float(db), rel=1e-6)


def test_optimize_published_values(call_unchanged):
    params, grads, costs = call_unchanged(logistic.optimize, W_NG, B_NG, X_NG, Y_NG, 100, 0.009)
    np.testing.assert_allclose(params["w"], [[0.19033591], [0.12259159]], rtol=1e-7)
    assert params["b"] == pytest.approx(1.92535983008, rel=1e-10)
    np.testing.assert_allclose(grads["dw"], [[0.67752042], [1.41625495]], rtol=1e-7)
    assert grads["db"] == pytest.approx(0.219194504541, rel=1e-10)
    assert costs == [pytest.approx(5.801545319394553)]


def test_optimize_matches_a_loop_written_out():
    rng = np.random.default_rng(4)
    X, Y = blobs(30, 4)
    w0, b0, lr, n = rng.normal(size=(2, 1)), -0.2, 0.05, 301
    w, b, costs, last = w0.copy(), b0, [], None
    for i in range(n):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        dw, db = X @ (A - Y).T / 30, np.mean(A - Y)
        if i % 100 == 0:
            costs.append(cost)
        last = (dw, db)
        w, b = w - lr * dw, b - lr * db
    params, grads, got_costs = logistic.optimize(w0, b0, X, Y, n, lr)
    np.testing.assert_allclose(params["w"], w, rtol=1e-10)
    assert params["b"] == pytest.approx(b, rel=1e-10)
    np.testing.assert_allclose(grads["dw"], last[0], rtol=1e-10)
    assert grads["db"] == pytest.approx(last[1], rel=1e-9)
    assert len(got_costs) == 4  # iterations 0, 100, 200, 300
    np.testing.assert_allclose(got_costs, costs, rtol=1e-10)


@pytest.mark.parametrize("n, expected", [(1, 1), (100, 1), (101, 2), (200, 2), (201, 3)])
def test_optimize_records_every_hundredth_cost(n, expected):
    assert len(logistic.optimize(W_NG, B_NG, X_NG, Y_NG, n, 0.001)[2]) == expected


def test_optimize_calls_propagate_once_per_iteration(monkeypatch):
    calls = []
    real = logistic.propagate
    monkeypatch.setattr(logistic, "propagate", lambda *a: calls.append(1) or real(*a))
    logistic.optimize(W_NG, B_NG, X_NG, Y_NG, 7, 0.01)
    assert len(calls) == 7


def test_predict_threshold_and_type(call_unchanged):
    pred = call_unchanged(logistic.predict, np.array([[0.1124579], [0.23106775]]), -0.3,
                          np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]]))
    assert pred.dtype == np.float64 and pred.tolist() == [[1.0, 1.0, 0.0]]
    # a = 0.5 exactly is not > 0.5
    assert logistic.predict(np.array([[1.0]]), 0.0, np.array([[0.0, 1e-9, -1e-9]])).tolist() == [[0.0, 1.0, 0.0]]


def test_logistic_regression_learns_separable_data():
    X, Y = blobs(200, 5)
    X_test, Y_test = blobs(200, 6)
    w, b = logistic.initialize_with_zeros(2)
    params, _, costs = logistic.optimize(w, b, X, Y, 1000, 0.5)
    assert costs[-1] < costs[0] / 5
    assert np.all(np.diff(costs) < 0)
    assert np.mean(logistic.predict(params["w"], params["b"], X) == Y) >= 0.98
    assert np.mean(logistic.predict(params["w"], params["b"], X_test) == Y_test) >= 0.95


def test_logistic_errors():
    with pytest.raises(ValueError, match=r"X and Y must have the same number of examples \(columns\): X has m=2 "
                                         r"\(shape \(3, 2\)\), Y has m=3 \(shape \(1, 3\)\)\. Did you pass X as \(m, n_x\)\?"):
        logistic.propagate(W_NG, B_NG, X_NG.T, Y_NG)
    with pytest.raises(ValueError, match="num_iterations must be a positive integer; got 0"):
        logistic.optimize(W_NG, B_NG, X_NG, Y_NG, 0, 0.1)
    with pytest.raises(ValueError, match=r"learning_rate must be in \(0, inf\); got -0.1"):
        logistic.optimize(W_NG, B_NG, X_NG, Y_NG, 10, -0.1)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\); got shape \(3, 1\)"):
        logistic.propagate(W_NG, B_NG, X_NG, Y_NG.T)
    with pytest.raises(ValueError, match="X contains NaN or inf"):
        logistic.predict(W_NG, B_NG, np.array([[np.nan], [1.0]]))
