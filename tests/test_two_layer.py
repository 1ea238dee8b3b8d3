"""nnkit.two_layer (04): shapes, initialisation, forward and backward against centred differences,
the training loop, learning an XOR-like task, gradient checking, errors."""

import numpy as np
import pytest

from nnkit import two_layer

KEYS = ("W1", "b1", "W2", "b2")


def random_problem(n_x=3, n_h=4, m=6, seed=0, scale=0.8):
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(n_h, n_x)) * scale, "b1": rng.normal(size=(n_h, 1)) * scale,
              "W2": rng.normal(size=(1, n_h)) * scale, "b2": rng.normal(size=(1, 1)) * scale}
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return params, X, Y


def xor_data(m, seed):
    """Points of [-1, 1]^2 away from the axes, labelled 1 where x1 x2 > 0: not linearly separable."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0.15, 1.0, size=(2, m)) * rng.choice([-1.0, 1.0], size=(2, m))
    return X, (X[0:1] * X[1:2] > 0).astype(float)


def cost_of(params, X, Y):
    A2, _ = two_layer.forward_propagation(X, params)
    return two_layer.compute_cost(A2, Y)


# --------------------------------------------------------------------------------------------------
# Sizes and initialisation


def test_layer_sizes(call_unchanged):
    X, Y = np.ones((5, 3)), np.ones((1, 3))
    assert call_unchanged(two_layer.layer_sizes, X, Y, 4) == (5, 4, 1)
    assert two_layer.layer_sizes(X, Y, 9) == (5, 9, 1)


def test_initialize_parameters_shapes_and_zeros():
    p = two_layer.initialize_parameters(3, 5, 1, seed=2)
    assert list(p) == list(KEYS)
    assert {k: v.shape for k, v in p.items()} == {"W1": (5, 3), "b1": (5, 1), "W2": (1, 5), "b2": (1, 1)}
    assert all(v.dtype == np.float64 for v in p.values())
    assert not p["b1"].any() and not p["b2"].any()
    assert np.all(p["W1"] != 0) and len(np.unique(p["W1"])) == 15  # the symmetry is broken


def test_initialize_parameters_scale():
    p = two_layer.initialize_parameters(300, 400, 150, seed=0)
    assert np.std(p["W1"]) == pytest.approx(0.01, rel=0.02)   # 120 000 draws
    assert np.std(p["W2"]) == pytest.approx(0.01, rel=0.03)   # 60 000 draws
    assert abs(np.mean(p["W1"])) < 1e-4


def test_initialize_parameters_seed():
    a, b = two_layer.initialize_parameters(4, 6, 1, 7), two_layer.initialize_parameters(4, 6, 1, 7)
    c = two_layer.initialize_parameters(4, 6, 1, 8)
    assert all(np.array_equal(a[k], b[k]) for k in KEYS)
    assert not np.array_equal(a["W1"], c["W1"]) and not np.array_equal(a["W2"], c["W2"])
    rng = np.random.default_rng(7)  # W1 drawn first, then W2
    np.testing.assert_array_equal(a["W1"], rng.standard_normal((6, 4)) * 0.01)
    np.testing.assert_array_equal(a["W2"], rng.standard_normal((1, 6)) * 0.01)
    g = np.random.default_rng(7)
    assert np.array_equal(two_layer.initialize_parameters(4, 6, 1, g)["W1"], a["W1"])  # a Generator works too


@pytest.mark.parametrize("args, match", [
    ((0, 4, 1, 0), "n_x must be a positive integer; got 0"),
    ((2, 2.5, 1, 0), "n_h must be a positive integer; got 2.5"),
    ((2, 4, 1, "seed"), "seed must be a numpy.random.Generator, a non-negative int seed or None; got 'seed'"),
])
def test_initialize_parameters_errors(args, match):
    with pytest.raises(ValueError, match=match):
        two_layer.initialize_parameters(*args)


# --------------------------------------------------------------------------------------------------
# Forward, cost, backward


def test_forward_propagation(call_unchanged):
    params, X, _ = random_problem()
    A2, cache = call_unchanged(two_layer.forward_propagation, X, params)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    Z1 = params["W1"] @ X + params["b1"]
    Z2 = params["W2"] @ np.tanh(Z1) + params["b2"]
    np.testing.assert_allclose(cache["Z1"], Z1, rtol=1e-14)
    np.testing.assert_allclose(cache["A1"], np.tanh(Z1), rtol=1e-14)
    np.testing.assert_allclose(cache["Z2"], Z2, rtol=1e-14)
    np.testing.assert_allclose(A2, 1 / (1 + np.exp(-Z2)), rtol=1e-14)
    assert A2 is cache["A2"] or np.array_equal(A2, cache["A2"])
    assert A2.shape == (1, 6) and cache["A1"].shape == (4, 6)


def test_compute_cost(call_unchanged):
    A2, Y = np.array([[0.8, 0.1, 0.5]]), np.array([[1.0, 0.0, 0.0]])
    expected = -(np.log(0.8) + np.log(0.9) + np.log(0.5)) / 3
    assert call_unchanged(two_layer.compute_cost, A2, Y) == pytest.approx(expected, rel=1e-13)
    assert type(two_layer.compute_cost(A2, Y)) is float
    assert np.isfinite(two_layer.compute_cost(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]])))


@pytest.mark.parametrize("seed, n_x, n_h, m", [(0, 3, 4, 6), (1, 2, 7, 5), (2, 5, 1, 3)])
def test_backward_propagation_matches_centred_differences(seed, n_x, n_h, m, numgrad, call_unchanged):
    params, X, Y = random_problem(n_x, n_h, m, seed)
    _, cache = two_layer.forward_propagation(X, params)
    grads = call_unchanged(two_layer.backward_propagation, params, cache, X, Y)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    for k in KEYS:
        expected = numgrad(lambda v: cost_of({**params, k: v}, X, Y), params[k])
        assert grads["d" + k].shape == params[k].shape
        np.testing.assert_allclose(grads["d" + k], expected, rtol=1e-6, atol=1e-9)


def test_update_parameters(call_unchanged):
    params, X, Y = random_problem()
    grads = {"d" + k: np.full_like(v, 0.5) for k, v in params.items()}
    new = call_unchanged(two_layer.update_parameters, params, grads, 0.2)
    assert set(new) == set(KEYS)
    for k in KEYS:
        np.testing.assert_allclose(new[k], params[k] - 0.1, rtol=1e-14)
        assert new[k] is not params[k]


# --------------------------------------------------------------------------------------------------
# nn_model, predict, gradient_check


def test_nn_model_calls_the_steps_in_order(monkeypatch):
    calls = []
    for name in ("initialize_parameters", "forward_propagation", "compute_cost", "backward_propagation",
                 "update_parameters"):
        real = getattr(two_layer, name)
        monkeypatch.setattr(two_layer, name, lambda *a, _n=name, _f=real, **k: calls.append(_n) or _f(*a, **k))
    X, Y = xor_data(20, 0)
    two_layer.nn_model(X, Y, 3, 2, 0.5, seed=1)
    step = ["forward_propagation", "compute_cost", "backward_propagation", "update_parameters"]
    assert calls == ["initialize_parameters"] + step * 2


def test_nn_model_is_gradient_descent_from_initialize_parameters():
    X, Y = xor_data(20, 1)
    p = two_layer.initialize_parameters(2, 3, 1, 5)
    for _ in range(3):
        _, cache = two_layer.forward_propagation(X, p)
        g = two_layer.backward_propagation(p, cache, X, Y)
        p = {k: p[k] - 0.7 * g["d" + k] for k in KEYS}
    got = two_layer.nn_model(X, Y, 3, 3, 0.7, 5)
    for k in KEYS:
        np.testing.assert_allclose(got[k], p[k], rtol=1e-12)
    assert all(np.array_equal(got[k], two_layer.nn_model(X, Y, 3, 3, 0.7, 5)[k]) for k in KEYS)


def test_nn_model_learns_xor(call_unchanged):
    X, Y = xor_data(200, 2)
    params = call_unchanged(two_layer.nn_model, X, Y, 6, 3000, 1.5, 3)
    pred = two_layer.predict(params, X)
    assert pred.shape == (1, 200) and set(np.unique(pred)) <= {0.0, 1.0}
    assert np.mean(pred == Y) >= 0.95
    X_test, Y_test = xor_data(200, 3)
    assert np.mean(two_layer.predict(params, X_test) == Y_test) >= 0.9


def test_predict(call_unchanged):
    params = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[10.0]]), "b2": np.zeros((1, 1))}
    X = np.array([[2.0, -2.0, 0.0], [5.0, 5.0, 5.0]])
    pred = call_unchanged(two_layer.predict, params, X)
    assert pred.dtype == np.float64 and pred.tolist() == [[1.0, 0.0, 0.0]]  # 0.5 exactly is not > 0.5


def test_gradient_check_is_small_for_backprop(call_unchanged):
    params, X, Y = random_problem(seed=4)
    diff = call_unchanged(two_layer.gradient_check, params, X, Y)
    assert type(diff) is float and diff < 1e-7
    assert two_layer.gradient_check(params, X, Y, epsilon=1e-4) < 1e-6


def test_gradient_check_catches_a_missing_one_over_m(monkeypatch):
    params, X, Y = random_problem(seed=5)
    real = two_layer.backward_propagation
    monkeypatch.setattr(two_layer, "backward_propagation",
                        lambda *a: {k: v * X.shape[1] if k == "dW1" else v for k, v in real(*a).items()})
    assert two_layer.gradient_check(params, X, Y) > 0.1


def test_gradient_check_uses_the_order_w1_b1_w2_b2(monkeypatch):
    seen = {}
    from nnkit import gradcheck

    def spy(parameters, X, Y, forward_cost, grads, epsilon=1e-7, keys=None):
        seen["keys"], seen["eps"] = list(keys), epsilon
        return 0.0
    monkeypatch.setattr(two_layer, "gradient_check_n", spy)
    params, X, Y = random_problem(seed=6)
    two_layer.gradient_check(dict(reversed(list(params.items()))), X, Y, epsilon=3e-6)
    assert seen == {"keys": list(KEYS), "eps": 3e-6}
    assert gradcheck.gradient_check_n is not spy


# --------------------------------------------------------------------------------------------------
# Errors


def test_two_layer_errors():
    params, X, Y = random_problem()
    _, cache = two_layer.forward_propagation(X, params)
    with pytest.raises(ValueError, match="parameters is missing key 'W2'"):
        two_layer.forward_propagation(X, {k: v for k, v in params.items() if k != "W2"})
    with pytest.raises(ValueError, match=r"parameters\['b1'\] must have shape \(n_1, 1\) = \(4, 1\); got shape \(4,\)"):
        two_layer.forward_propagation(X, {**params, "b1": np.zeros(4)})
    with pytest.raises(ValueError, match=r"parameters\['W2'\] has shape \(1, 5\) but parameters\['W1'\] has 4 rows"):
        two_layer.forward_propagation(X, {**params, "W2": np.zeros((1, 5))})
    with pytest.raises(ValueError, match=r"X must have n_x=3 rows .*got shape \(6, 3\)\. Did you pass X as \(m, n_x\)\?"):
        two_layer.forward_propagation(X.T, params)
    with pytest.raises(ValueError, match="cache is missing key 'A1'"):
        two_layer.backward_propagation(params, {"A2": cache["A2"]}, X, Y)
    with pytest.raises(ValueError, match=r"cache\['A1'\] must have shape \(4, 6\); got \(4, 5\)"):
        two_layer.backward_propagation(params, {**cache, "A1": cache["A1"][:, :5]}, X, Y)
    with pytest.raises(ValueError, match="X and Y must have the same number of examples"):
        two_layer.nn_model(X, Y[:, :4], 4, 10, 0.1, 0)
    with pytest.raises(ValueError, match="grads is missing key 'db2'"):
        two_layer.update_parameters(params, {"dW1": params["W1"], "db1": params["b1"], "dW2": params["W2"]}, 0.1)
    with pytest.raises(ValueError, match="A2 must hold probabilities"):
        two_layer.compute_cost(np.array([[1.5, 0.5]]), np.array([[1.0, 0.0]]))
    with pytest.raises(ValueError, match=r"epsilon must be in \(0, inf\); got -1e-07"):
        two_layer.gradient_check(params, X, Y, epsilon=-1e-7)
