"""nnkit.deep (07) and nnkit.gradcheck: He initialisation, the forward/backward pairs against centred
differences for every activation, the L-layer passes, stability at A in {0, 1}, learning, errors."""

import warnings

import numpy as np
import pytest

from nnkit import activations, deep, gradcheck, losses, optimizers

NAMES = sorted(activations.ACTIVATIONS)


def layer(seed, n_l=3, n_prev=4, m=5):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_prev, m)), rng.normal(size=(n_l, n_prev)), rng.normal(size=(n_l, 1)), \
        rng.normal(size=(n_l, m))


def problem(dims=(3, 5, 4, 1), m=7, seed=0):
    rng = np.random.default_rng(seed)
    params = deep.initialize_parameters_deep(list(dims), seed)
    params = {k: v + (rng.normal(size=v.shape) * 0.3 if k[0] == "b" else 0) for k, v in params.items()}
    X = rng.normal(size=(dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(float)
    return params, X, Y


def cost(params, X, Y, hidden="relu"):
    return losses.binary_cross_entropy(deep.L_model_forward(X, params, hidden_activation=hidden)[0], Y)


# --------------------------------------------------------------------------------------------------
# Initialisation


def test_initialize_parameters_deep_shapes(call_unchanged):
    dims = [2, 4, 6, 6, 4, 1]
    p = call_unchanged(deep.initialize_parameters_deep, dims, 0)
    assert list(p) == [f"{c}{l}" for l in range(1, 6) for c in "Wb"]
    for l in range(1, 6):
        assert p[f"W{l}"].shape == (dims[l], dims[l - 1]) and p[f"b{l}"].shape == (dims[l], 1)
        assert p[f"W{l}"].dtype == np.float64 and not p[f"b{l}"].any()


def test_he_scale():
    p = deep.initialize_parameters_deep([500, 400, 200], 1)
    assert np.std(p["W1"]) == pytest.approx(np.sqrt(2 / 500), rel=0.02)
    assert np.std(p["W2"]) == pytest.approx(np.sqrt(2 / 400), rel=0.03)
    assert abs(np.mean(p["W1"])) < 0.01 * np.sqrt(2 / 500)


def test_initialize_parameters_deep_seed():
    a, b = deep.initialize_parameters_deep((3, 4, 1), 9), deep.initialize_parameters_deep((3, 4, 1), 9)
    c = deep.initialize_parameters_deep((3, 4, 1), 10)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])
    rng = np.random.default_rng(9)  # drawn in layer order
    np.testing.assert_array_equal(a["W1"], rng.standard_normal((4, 3)) * np.sqrt(2 / 3))
    np.testing.assert_array_equal(a["W2"], rng.standard_normal((1, 4)) * np.sqrt(2 / 4))


@pytest.mark.parametrize("dims, match", [
    ([5], r"layer_dims must be a list of at least two layer sizes"),
    ("54", r"layer_dims must be a list of at least two layer sizes"),
    ([3, 0, 1], r"layer_dims\[1\] must be a positive integer; got 0"),
    ([3, 2.5], r"layer_dims\[1\] must be a positive integer; got 2.5"),
])
def test_initialize_parameters_deep_errors(dims, match):
    with pytest.raises(ValueError, match=match):
        deep.initialize_parameters_deep(dims, 0)


# --------------------------------------------------------------------------------------------------
# Forward


def test_linear_forward(call_unchanged):
    A, W, b, _ = layer(0)
    Z, cache = call_unchanged(deep.linear_forward, A, W, b)
    np.testing.assert_allclose(Z, W @ A + b, rtol=1e-14)
    assert isinstance(cache, tuple) and len(cache) == 3
    for got, want in zip(cache, (A, W, b)):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("name", NAMES)
def test_linear_activation_forward(name, call_unchanged):
    A_prev, W, b, _ = layer(1)
    A, cache = call_unchanged(deep.linear_activation_forward, A_prev, W, b, name)
    (A0, W0, b0), Z = cache
    np.testing.assert_allclose(Z, W @ A_prev + b, rtol=1e-14)
    np.testing.assert_allclose(A, activations.ACTIVATIONS[name](Z), rtol=1e-14)
    assert np.array_equal(A0, A_prev) and np.array_equal(W0, W) and np.array_equal(b0, b)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "leaky_relu"])
def test_L_model_forward(hidden, call_unchanged):
    params, X, _ = problem()
    kwargs = {} if hidden == "relu" else {"hidden_activation": hidden}
    AL, caches = call_unchanged(deep.L_model_forward, X, params, **kwargs)
    g = activations.ACTIVATIONS[hidden]
    A = X
    for l in (1, 2):
        A = g(params[f"W{l}"] @ A + params[f"b{l}"])
    np.testing.assert_allclose(AL, activations.sigmoid(params["W3"] @ A + params["b3"]), rtol=1e-13)
    assert AL.shape == (1, 7) and len(caches) == 3
    assert all(c[1].shape == (params[f"W{l}"].shape[0], 7) for l, c in enumerate(caches, start=1))
    np.testing.assert_array_equal(caches[0][0][0], X)


def test_one_layer_is_logistic_regression():
    params, X, _ = problem(dims=(4, 1))
    AL, caches = deep.L_model_forward(X, params)
    np.testing.assert_allclose(AL, activations.sigmoid(params["W1"] @ X + params["b1"]), rtol=1e-14)


# --------------------------------------------------------------------------------------------------
# Backward against centred differences


def test_linear_backward(numgrad, call_unchanged):
    A, W, b, R = layer(2)  # loss = sum(R * Z), so dZ = R
    m = A.shape[1]
    dA_prev, dW, db = call_unchanged(deep.linear_backward, R, (A, W, b))
    np.testing.assert_allclose(dW, numgrad(lambda w: np.sum(R * (w @ A + b)), W) / m, rtol=1e-6)
    np.testing.assert_allclose(db, numgrad(lambda c: np.sum(R * (W @ A + c)), b) / m, rtol=1e-6)
    np.testing.assert_allclose(dA_prev, numgrad(lambda a: np.sum(R * (W @ a + b)), A), rtol=1e-6)
    assert dA_prev.shape == A.shape and dW.shape == W.shape and db.shape == b.shape


@pytest.mark.parametrize("name", NAMES)
def test_linear_activation_backward(name, numgrad, call_unchanged):
    A, W, b, R = layer(3 + NAMES.index(name))  # loss = sum(R * g(W A + b)), so dA = R
    g = activations.ACTIVATIONS[name]
    m = A.shape[1]
    _, cache = deep.linear_activation_forward(A, W, b, name)
    dA_prev, dW, db = call_unchanged(deep.linear_activation_backward, R, cache, name)
    np.testing.assert_allclose(dW, numgrad(lambda w: np.sum(R * g(w @ A + b)), W) / m, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(db, numgrad(lambda c: np.sum(R * g(W @ A + c)), b) / m, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(dA_prev, numgrad(lambda a: np.sum(R * g(W @ a + b)), A), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "leaky_relu", "gelu"])
@pytest.mark.parametrize("dims", [(3, 5, 4, 1), (2, 3, 1), (4, 1)])
def test_L_model_backward(hidden, dims, numgrad, call_unchanged):
    params, X, Y = problem(dims, seed=len(dims))
    AL, caches = deep.L_model_forward(X, params, hidden_activation=hidden)
    kwargs = {} if hidden == "relu" else {"hidden_activation": hidden}
    grads = call_unchanged(deep.L_model_backward, AL, Y, caches, **kwargs)
    L = len(dims) - 1
    assert set(grads) == {f"{p}{l}" for l in range(1, L + 1) for p in ("dW", "db")} | {f"dA{l}" for l in range(L)}
    for k, v in params.items():
        expected = numgrad(lambda x: cost({**params, k: x}, X, Y, hidden), v)
        np.testing.assert_allclose(grads["d" + k], expected, rtol=1e-6, atol=1e-9)
    # the dA's carry no 1/m (Ng's convention): dA0 is m times the gradient of J with respect to X
    np.testing.assert_allclose(grads["dA0"], X.shape[1] * numgrad(lambda x: cost(params, x, Y, hidden), X),
                               rtol=1e-6, atol=1e-9)


def test_L_model_backward_is_stable_at_zero_and_one():
    params = {"W1": np.array([[1e3, 0.0], [0.0, 1e3]]), "b1": np.zeros((2, 1)),
              "W2": np.array([[10.0, -10.0]]), "b2": np.zeros((1, 1))}
    X = np.array([[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])  # the first two are confidently wrong
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AL, caches = deep.L_model_forward(X, params)
        grads = deep.L_model_backward(AL, Y, caches)
        J = losses.binary_cross_entropy(AL, Y)
    assert AL.tolist() == [[1.0, 0.0, 1.0, 0.0]]
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    assert np.isfinite(J) and J > 15


# --------------------------------------------------------------------------------------------------
# Update, predict, learning


def test_update_parameters(call_unchanged):
    params, X, Y = problem()
    AL, caches = deep.L_model_forward(X, params)
    grads = deep.L_model_backward(AL, Y, caches)
    new = call_unchanged(deep.update_parameters, params, grads, 0.05)
    assert list(new) == list(params)
    for k in params:
        np.testing.assert_allclose(new[k], params[k] - 0.05 * grads["d" + k], rtol=1e-14)


def test_predict(call_unchanged):
    params = {"W1": np.array([[1.0, 0.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[5.0]]), "b2": np.array([[-2.5]])}
    X = np.array([[2.0, 0.2, 0.5, -3.0], [9.0, 9.0, 9.0, 9.0]])
    pred = call_unchanged(deep.predict, params, X)
    assert pred.dtype == np.float64 and pred.tolist() == [[1.0, 0.0, 0.0, 0.0]]  # 0.5 exactly is not > 0.5


def test_the_course_network_learns_circles_with_adam():
    rng = np.random.default_rng(0)
    m = 300
    r = np.where(rng.random(m) < 0.5, rng.uniform(0.0, 0.5, m), rng.uniform(0.8, 1.2, m))
    theta = rng.uniform(0, 2 * np.pi, m)
    X = np.vstack([r * np.cos(theta), r * np.sin(theta)])
    Y = (r < 0.65).astype(float).reshape(1, m)
    params = deep.initialize_parameters_deep([2, 4, 6, 6, 4, 1], 1)
    v, s = optimizers.initialize_adam(params)
    t = 0
    for _ in range(120):
        for Xb, Yb in optimizers.random_mini_batches(X, Y, 64, rng):
            AL, caches = deep.L_model_forward(Xb, params)
            grads = deep.L_model_backward(AL, Yb, caches)
            t += 1
            params, v, s = optimizers.update_parameters_with_adam(params, grads, v, s, t, 0.01)
    assert np.mean(deep.predict(params, X) == Y) >= 0.97


# --------------------------------------------------------------------------------------------------
# gradcheck


def test_gradient_check_n_on_a_deep_network(call_unchanged):
    params, X, Y = problem((3, 4, 3, 1), m=5, seed=11)
    AL, caches = deep.L_model_forward(X, params, hidden_activation="tanh")
    grads = deep.L_model_backward(AL, Y, caches, hidden_activation="tanh")
    diff = call_unchanged(gradcheck.gradient_check_n, params, X, Y, lambda p, X_, Y_: cost(p, X_, Y_, "tanh"), grads)
    assert type(diff) is float and diff < 1e-7
    wrong = {**grads, "dW2": grads["dW2"] * 1.1}
    assert gradcheck.gradient_check_n(params, X, Y, lambda p, X_, Y_: cost(p, X_, Y_, "tanh"), wrong) > 1e-3
    # a subset of keys, in any order
    assert gradcheck.gradient_check_n(params, X, Y, lambda p, X_, Y_: cost(p, X_, Y_, "tanh"), grads,
                                      epsilon=1e-6, keys=["b2", "W1"]) < 1e-7


def test_dictionary_vector_round_trip(call_unchanged):
    params, _, _ = problem((3, 4, 1))
    keys = ["W1", "b1", "W2", "b2"]
    theta = call_unchanged(gradcheck.dictionary_to_vector, params, keys)
    assert theta.shape == (3 * 4 + 4 + 4 + 1, 1)
    np.testing.assert_array_equal(theta[:12, 0], params["W1"].ravel())
    np.testing.assert_array_equal(theta[12:16, 0], params["b1"].ravel())
    back = call_unchanged(gradcheck.vector_to_dictionary, theta, {k: params[k].shape for k in keys})
    assert list(back) == keys and all(np.array_equal(back[k], params[k]) for k in keys)
    assert not np.shares_memory(back["W1"], theta)


def test_relative_difference():
    assert gradcheck.relative_difference([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
    assert gradcheck.relative_difference([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert gradcheck.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert gradcheck.relative_difference([1.0], [-1.0]) == 1.0


def test_gradcheck_errors():
    params, X, Y = problem((3, 2, 1))
    with pytest.raises(ValueError, match="grads is missing key 'db2'"):
        gradcheck.gradient_check_n(params, X, Y, cost, {"dW1": 0, "db1": 0, "dW2": 0})
    with pytest.raises(ValueError, match=r"theta has 5 entries but the shapes need 6"):
        gradcheck.vector_to_dictionary(np.zeros(5), {"W1": (2, 3)})
    with pytest.raises(ValueError, match=r"a and b must have the same shape; got \(2,\) and \(3,\)"):
        gradcheck.relative_difference(np.zeros(2), np.zeros(3))
    with pytest.raises(ValueError, match="the dict is missing key 'W3'"):
        gradcheck.dictionary_to_vector(params, ["W1", "W3"])


# --------------------------------------------------------------------------------------------------
# Errors


def test_deep_errors():
    params, X, Y = problem()
    AL, caches = deep.L_model_forward(X, params)
    A, W, b, R = layer(5)
    with pytest.raises(ValueError, match="unknown activation 'softmax'; valid names are elu, gelu"):
        deep.linear_activation_forward(A, W, b, "softmax")
    with pytest.raises(ValueError, match="unknown activation 'Relu'"):
        deep.L_model_forward(X, params, hidden_activation="Relu")
    with pytest.raises(ValueError, match=r"X must have n_x=3 rows .*Did you pass X as \(m, n_x\)\?"):
        deep.L_model_forward(X.T, params)
    with pytest.raises(ValueError, match="parameters is missing key 'b2'"):
        deep.L_model_forward(X, {k: v for k, v in params.items() if k != "b2"})
    with pytest.raises(ValueError, match=r"parameters\['W3'\] has shape \(1, 5\) but parameters\['W2'\] has 4 rows"):
        deep.L_model_forward(X, {**params, "W3": np.ones((1, 5))})
    with pytest.raises(ValueError, match=r"dZ must have shape \(3, 5\) \(that of Z in the cache\); got \(3, 4\)"):
        deep.linear_backward(R[:, :4], (A, W, b))
    with pytest.raises(ValueError, match=r"cache must be the tuple \(A_prev, W, b\) returned by linear_forward"):
        deep.linear_backward(R, (A, W))
    with pytest.raises(ValueError, match=r"cache must be the tuple \(linear_cache, Z\)"):
        deep.linear_activation_backward(R, (A, W, b), "relu")
    with pytest.raises(ValueError, match=r"dA must have shape \(3, 5\)"):
        deep.linear_activation_backward(R.T, deep.linear_activation_forward(A, W, b, "relu")[1], "relu")
    with pytest.raises(ValueError, match=r"caches\[1\] must be \(\(A_prev, W, b\), Z\)"):
        deep.L_model_backward(AL, Y, [caches[0], "oops", caches[2]])
    with pytest.raises(ValueError, match="caches must be the non-empty list of caches returned by L_model_forward"):
        deep.L_model_backward(AL, Y, [])
    with pytest.raises(ValueError, match=r"AL and Y must have the same shape \(1, m\); got AL \(1, 7\) and Y \(1, 6\)"):
        deep.L_model_backward(AL, Y[:, :6], caches)
    with pytest.raises(ValueError, match=r"AL has shape \(1, 6\) but the last cache's Z has shape \(1, 7\)"):
        deep.L_model_backward(AL[:, :6], Y[:, :6], caches)
    with pytest.raises(ValueError, match="AL contains NaN or inf"):
        deep.L_model_backward(np.full_like(AL, np.nan), Y, caches)


def test_gradient_check_n_argument_errors():
    params, X, Y = problem((3, 2, 1))
    grads = {"d" + k: np.zeros_like(v) for k, v in params.items()}
    with pytest.raises(ValueError, match=r"forward_cost must return a finite number; got array"):
        gradcheck.gradient_check_n(params, X, Y, lambda p, X_, Y_: np.ones(2), grads)
    with pytest.raises(ValueError, match=r"forward_cost must be a function \(parameters, X, Y\) -> float; got str"):
        gradcheck.gradient_check_n(params, X, Y, "cost", grads)
    with pytest.raises(ValueError, match="grads must be a dict of arrays; got list"):
        gradcheck.gradient_check_n(params, X, Y, cost, [grads])
    with pytest.raises(ValueError, match=r"shapes must be a dict \{key: shape\}; got list"):
        gradcheck.vector_to_dictionary(np.zeros(6), [(2, 3)])
