"""nnkit.optimizers (06): mini-batches by their properties; gradient descent, momentum, RMSprop and Adam
against their formulas written out here, over several steps."""

import math

import numpy as np
import pytest

from nnkit import optimizers as opt


def network(seed=0, dims=(3, 4, 2)):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(size=(dims[l], 1))
    return p


def grads_like(p, rng):
    return {"d" + k: rng.normal(size=v.shape) for k, v in p.items()}


def labelled(m, n_x=3):
    """X whose columns say which example they are (and Y too), so that pairing can be checked."""
    idx = np.arange(m, dtype=float)
    X = np.vstack([idx, -2 * idx, np.full(m, 7.0)][:n_x])
    return X, idx.reshape(1, m)


# --------------------------------------------------------------------------------------------------
# random_mini_batches


@pytest.mark.parametrize("m, size, expected", [
    (148, 64, [64, 64, 20]),
    (128, 64, [64, 64]),
    (10, 3, [3, 3, 3, 1]),
    (5, 8, [5]),
    (7, 1, [1] * 7),
])
def test_mini_batch_sizes(m, size, expected, call_unchanged):
    X, Y = labelled(m)
    batches = call_unchanged(opt.random_mini_batches, X, Y, size, np.random.default_rng(0))
    assert [b[0].shape for b in batches] == [(3, n) for n in expected]
    assert [b[1].shape for b in batches] == [(1, n) for n in expected]


def test_mini_batches_pair_x_and_y_and_cover_every_example_once():
    X, Y = labelled(150)
    batches = opt.random_mini_batches(X, Y, 32, 1)
    for Xb, Yb in batches:
        np.testing.assert_array_equal(Xb[0], Yb[0])
        np.testing.assert_array_equal(Xb[1], -2 * Yb[0])
        assert not np.shares_memory(Xb, X) and Xb.dtype == np.float64
    order = np.concatenate([Yb[0] for _, Yb in batches])
    assert sorted(order) == list(range(150))
    assert not np.array_equal(order, np.arange(150))  # shuffled


def test_mini_batches_randomness():
    X, Y = labelled(100)

    def order(rng):
        return np.concatenate([Yb[0] for _, Yb in opt.random_mini_batches(X, Y, 16, rng)])
    assert np.array_equal(order(5), order(5))
    assert not np.array_equal(order(5), order(6))
    rng = np.random.default_rng(5)
    assert np.array_equal(order(rng), order(np.random.default_rng(5)))  # the int seed and the Generator agree
    assert not np.array_equal(order(rng), order(np.random.default_rng(5)))  # the generator has moved on
    assert sorted(order(None)) == list(range(100))
    assert len(opt.random_mini_batches(X, Y)) == 2  # default size 64: 64 + 36


# --------------------------------------------------------------------------------------------------
# Initial states


@pytest.mark.parametrize("init", [opt.initialize_velocity, opt.initialize_rmsprop])
def test_initial_state(init, call_unchanged):
    p = network(dims=(3, 5, 4, 1))
    v = call_unchanged(init, p)
    assert list(v) == ["dW1", "db1", "dW2", "db2", "dW3", "db3"]
    for k, x in v.items():
        assert x.shape == p[k[1:]].shape and x.dtype == np.float64 and not x.any()


def test_initialize_adam_gives_two_separate_states():
    p = network()
    v, s = opt.initialize_adam(p)
    assert list(v) == list(s) == ["dW1", "db1", "dW2", "db2"]
    assert all(not v[k].any() and not s[k].any() and not np.shares_memory(v[k], s[k]) for k in v)


# --------------------------------------------------------------------------------------------------
# Update rules against the formulas


def test_gradient_descent(call_unchanged):
    p = network(1)
    g = grads_like(p, np.random.default_rng(1))
    new = call_unchanged(opt.update_parameters_with_gd, p, g, 0.3)
    for k in p:
        np.testing.assert_allclose(new[k], p[k] - 0.3 * g["d" + k], rtol=1e-14)


@pytest.mark.parametrize("beta, lr", [(0.9, 0.01), (0.5, 0.2), (0.0, 0.1)])
def test_momentum_over_several_steps(beta, lr, call_unchanged):
    rng = np.random.default_rng(2)
    p = network(2)
    v = opt.initialize_velocity(p)
    p_ref = {k: x.copy() for k, x in p.items()}
    v_ref = {"d" + k: np.zeros_like(x) for k, x in p.items()}
    for _ in range(4):
        g = grads_like(p, rng)
        p, v = call_unchanged(opt.update_parameters_with_momentum, p, g, v, beta, lr)
        for k in p_ref:
            v_ref["d" + k] = beta * v_ref["d" + k] + (1 - beta) * g["d" + k]
            p_ref[k] = p_ref[k] - lr * v_ref["d" + k]
            np.testing.assert_allclose(v["d" + k], v_ref["d" + k], rtol=1e-13)
            np.testing.assert_allclose(p[k], p_ref[k], rtol=1e-13)
    if beta == 0.0:  # momentum 0 is gradient descent
        np.testing.assert_allclose(opt.update_parameters_with_momentum(p, g, v, 0.0, lr)[0]["W1"],
                                   p["W1"] - lr * g["dW1"], rtol=1e-14)


@pytest.mark.parametrize("beta, lr, eps", [(0.9, 0.01, 1e-8), (0.999, 0.05, 1e-4)])
def test_rmsprop_over_several_steps(beta, lr, eps, call_unchanged):
    rng = np.random.default_rng(3)
    p = network(3)
    s = opt.initialize_rmsprop(p)
    p_ref = {k: x.copy() for k, x in p.items()}
    s_ref = {"d" + k: np.zeros_like(x) for k, x in p.items()}
    for _ in range(3):
        g = grads_like(p, rng)
        p, s = call_unchanged(opt.update_parameters_with_rmsprop, p, g, s, beta, lr, epsilon=eps)
        for k in p_ref:
            dk = "d" + k
            s_ref[dk] = beta * s_ref[dk] + (1 - beta) * g[dk] ** 2
            p_ref[k] = p_ref[k] - lr * g[dk] / (np.sqrt(s_ref[dk]) + eps)
            np.testing.assert_allclose(s[dk], s_ref[dk], rtol=1e-13)
            np.testing.assert_allclose(p[k], p_ref[k], rtol=1e-13)


@pytest.mark.parametrize("lr, beta1, beta2, eps", [(0.01, 0.9, 0.999, 1e-8), (0.1, 0.7, 0.95, 1e-3)])
def test_adam_over_several_steps_with_bias_correction(lr, beta1, beta2, eps, call_unchanged):
    rng = np.random.default_rng(4)
    p = network(4)
    v, s = opt.initialize_adam(p)
    p_ref = {k: x.copy() for k, x in p.items()}
    v_ref = {"d" + k: np.zeros_like(x) for k, x in p.items()}
    s_ref = {"d" + k: np.zeros_like(x) for k, x in p.items()}
    for t in (1, 2, 3, 4):
        g = grads_like(p, rng)
        p, v, s = call_unchanged(opt.update_parameters_with_adam, p, g, v, s, t, lr, beta1, beta2, eps)
        for k in p_ref:
            dk = "d" + k
            v_ref[dk] = beta1 * v_ref[dk] + (1 - beta1) * g[dk]
            s_ref[dk] = beta2 * s_ref[dk] + (1 - beta2) * g[dk] ** 2
            v_hat = v_ref[dk] / (1 - beta1 ** t)
            s_hat = s_ref[dk] / (1 - beta2 ** t)
            p_ref[k] = p_ref[k] - lr * v_hat / (np.sqrt(s_hat) + eps)
            np.testing.assert_allclose(v[dk], v_ref[dk], rtol=1e-13)  # v and s are stored uncorrected
            np.testing.assert_allclose(s[dk], s_ref[dk], rtol=1e-13)
            np.testing.assert_allclose(p[k], p_ref[k], rtol=1e-13)


def test_adam_first_step_moves_every_weight_by_about_the_learning_rate():
    # with t = 1 the bias correction makes v_hat = dW and s_hat = dW^2, so each step is lr * sign(dW)
    p = network(5)
    g = grads_like(p, np.random.default_rng(5))
    new, v, s = opt.update_parameters_with_adam(p, g, *opt.initialize_adam(p), t=1, learning_rate=0.02)
    for k in p:
        np.testing.assert_allclose(new[k] - p[k], -0.02 * np.sign(g["d" + k]), rtol=1e-6)
        np.testing.assert_allclose(v["d" + k], 0.1 * g["d" + k], rtol=1e-14)
        np.testing.assert_allclose(s["d" + k], 0.001 * g["d" + k] ** 2, rtol=1e-14)


def test_updates_return_new_arrays():
    p = network(6)
    g = grads_like(p, np.random.default_rng(6))
    v, s = opt.initialize_adam(p)
    outs = [opt.update_parameters_with_gd(p, g, 0.1), *opt.update_parameters_with_momentum(p, g, v, 0.9, 0.1),
            *opt.update_parameters_with_rmsprop(p, g, s, 0.9, 0.1), *opt.update_parameters_with_adam(p, g, v, s, 1)]
    inputs = [x for d in (p, g, v, s) for x in d.values()]
    for out in outs:
        assert all(not any(np.shares_memory(x, y) for y in inputs) for x in out.values())


# --------------------------------------------------------------------------------------------------
# Errors


def test_optimizer_errors():
    p = network(7)
    g = grads_like(p, np.random.default_rng(7))
    v, s = opt.initialize_adam(p)
    with pytest.raises(ValueError, match="grads is missing key 'db2'"):
        opt.update_parameters_with_adam(p, {k: x for k, x in g.items() if k != "db2"}, v, s, 1)
    with pytest.raises(ValueError, match="v is missing key 'dW1'"):
        opt.update_parameters_with_momentum(p, g, {}, 0.9, 0.1)
    with pytest.raises(ValueError, match=r"s\['db1'\] has shape \(4,\); expected \(4, 1\) like parameters\['b1'\]"):
        opt.update_parameters_with_rmsprop(p, g, {**s, "db1": np.zeros(4)}, 0.9, 0.1)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(3, 4\); expected \(4, 3\)"):
        opt.update_parameters_with_gd(p, {**g, "dW1": g["dW1"].T}, 0.1)
    for bad_t in (0, -1, 1.0, True):
        with pytest.raises(ValueError, match="t must be a positive integer"):
            opt.update_parameters_with_adam(p, g, v, s, bad_t)
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\); got 1.0"):
        opt.update_parameters_with_momentum(p, g, v, 1.0, 0.1)
    with pytest.raises(ValueError, match=r"beta2 must be in \[0, 1\); got 1.5"):
        opt.update_parameters_with_adam(p, g, v, s, 2, beta2=1.5)
    with pytest.raises(ValueError, match=r"learning_rate must be in \(0, inf\); got 0.0"):
        opt.update_parameters_with_gd(p, g, 0)
    with pytest.raises(ValueError, match=r"epsilon must be in \(0, inf\); got 0.0"):
        opt.update_parameters_with_rmsprop(p, g, s, 0.9, 0.1, epsilon=0.0)
    with pytest.raises(ValueError, match="parameters must be a non-empty dict"):
        opt.initialize_velocity({})
    with pytest.raises(ValueError, match="grads must be a dict with keys 'dW1', 'db1', ...; got list"):
        opt.update_parameters_with_gd(p, [1, 2], 0.1)
    X, Y = labelled(10)
    with pytest.raises(ValueError, match="mini_batch_size must be a positive integer; got 0"):
        opt.random_mini_batches(X, Y, 0)
    with pytest.raises(ValueError, match=r"X has m=3 \(shape \(10, 3\)\), Y has m=10.*Did you pass X as \(m, n_x\)\?"):
        opt.random_mini_batches(X.T, Y, 4)


# --------------------------------------------------------------------------------------------------
# The table of update rules: one step of each, the one the trainer and the playground run


@pytest.mark.parametrize("name,public,hyper", [
    ("gd", lambda p, g, st, t: (opt.update_parameters_with_gd(p, g, 0.05), ()), {}),
    ("momentum", lambda p, g, st, t: (lambda r: (r[0], r[1:]))(
        opt.update_parameters_with_momentum(p, g, st[0], 0.8, 0.05)), {"beta": 0.8}),
    ("rmsprop", lambda p, g, st, t: (lambda r: (r[0], r[1:]))(
        opt.update_parameters_with_rmsprop(p, g, st[0], 0.8, 0.05, 1e-7)), {"beta": 0.8, "epsilon": 1e-7}),
    ("adam", lambda p, g, st, t: (lambda r: (r[0], r[1:]))(
        opt.update_parameters_with_adam(p, g, *st, t, 0.05, 0.85, 0.99, 1e-7)),
     {"beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7}),
])
def test_the_table_takes_the_public_functions_steps(name, public, hyper, call_unchanged):
    rng = np.random.default_rng(3)
    p = q = network(1)
    state = other = opt.UPDATE_RULES[name].init(p)
    assert len(state) == len(opt.UPDATE_RULES[name].state)
    for t in range(1, 5):
        g = grads_like(p, rng)
        p, state = call_unchanged(opt.apply_update, name, p, g, state, t, 0.05, **hyper)
        q, other = public(q, g, other, t)
        for k in p:
            np.testing.assert_array_equal(p[k], q[k])
        for s, o in zip(state, other):
            assert list(s) == list(o) == ["d" + k for k in p]
            for k in s:
                np.testing.assert_array_equal(s[k], o[k])


def test_the_table_refuses_what_a_rule_does_not_take():
    p = network()
    g = grads_like(p, np.random.default_rng(0))
    with pytest.raises(ValueError, match="optimizer must be one of 'gd', 'momentum', 'rmsprop', 'adam'; got 'sgd'"):
        opt.apply_update("sgd", p, g, (), 1, 0.1)
    with pytest.raises(ValueError, match="momentum takes beta besides the learning rate; got beta1"):
        opt.apply_update("momentum", p, g, opt.UPDATE_RULES["momentum"].init(p), 1, 0.1, beta1=0.9)
    with pytest.raises(ValueError, match=r"state must be the tuple \(v, s\) of adam"):
        opt.apply_update("adam", p, g, (opt.initialize_velocity(p),), 1, 0.1, beta1=0.9, beta2=0.99, epsilon=1e-8)
    with pytest.raises(ValueError, match="beta must be"):
        opt.apply_update("momentum", p, g, opt.UPDATE_RULES["momentum"].init(p), 1, 0.1, beta=1.0)


@pytest.mark.parametrize("name", list(opt.UPDATE_RULES))
def test_the_trainer_and_the_playground_run_the_tables_step(name, monkeypatch):
    """One training loop: both run the rule of the table (and so the maths of the public functions)."""
    from nnkit import datasets
    from nnkit.playground import Playground
    from nnkit.training import Trainer

    calls = []
    rule = opt.UPDATE_RULES[name]

    def counted(*args, **kwargs):
        calls.append(name)
        return rule.step(*args, **kwargs)

    monkeypatch.setitem(opt.UPDATE_RULES, name, rule._replace(step=counted))
    X, Y = datasets.make_moons(60, seed=0)
    Trainer(X, Y, [2, 3, 1], optimizer=name, mini_batch_size=20).step(2)
    assert len(calls) == 6
    calls.clear()
    pg = Playground(optimizer=name, n_samples=60, batch_size=21, epochs_per_step=1)
    pg.step(1)
    assert len(calls) == math.ceil(len(pg.Y_train[0]) / 21)
