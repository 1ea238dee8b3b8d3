"""nnkit.training: the training loop, dropout between layers, the Trainer, and their history."""

import numpy as np
import pytest

from nnkit import datasets, training
from nnkit.deep import L_model_backward, L_model_forward, initialize_parameters_deep
from nnkit.losses import binary_cross_entropy
from nnkit.regularization import l2_penalty

DEEP = [2, 4, 6, 6, 4, 1]


@pytest.fixture(scope="module")
def circles():
    return datasets.make_circles(200, noise=0.05, seed=0)


@pytest.fixture(scope="module")
def moons():
    return datasets.make_moons(120, noise=0.15, seed=0)


def weight_norm(parameters):
    return sum(float(np.sum(W ** 2)) for k, W in parameters.items() if k.startswith("W"))


# --------------------------------------------------------------------------------------------------
# It learns


def test_circles_adam_minibatches(circles):
    X, Y = circles
    p, h = training.train(X, Y, DEEP, optimizer="adam", learning_rate=0.01, num_epochs=40, mini_batch_size=32)
    assert training.accuracy(p, X, Y) >= 0.97
    assert h["train_accuracy"][-1] >= 0.95
    assert h["cost"][-1] < 0.2 < h["cost"][0]
    assert set(p) == {f"{c}{l}" for l in range(1, 6) for c in "Wb"}
    assert all(p[f"W{l}"].shape == (DEEP[l], DEEP[l - 1]) and p[f"b{l}"].shape == (DEEP[l], 1) for l in range(1, 6))


def test_flower_gd():
    X, Y = datasets.make_flower()
    p, h = training.train(X, Y, [2, 4, 1], hidden_activation="tanh", optimizer="gd", learning_rate=1.2,
                          num_epochs=1000, record_every=100)
    assert training.accuracy(p, X, Y, "tanh") >= 0.9
    assert h["epoch"] == list(range(0, 1000, 100))
    assert all(a > b for a, b in zip(h["cost"], h["cost"][1:]))  # full-batch gd at this rate: always down


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.5), ("momentum", 0.5), ("rmsprop", 0.01), ("adam", 0.01)])
def test_each_optimizer_decreases_the_cost(moons, optimizer, lr):
    X, Y = moons
    p, h = training.train(X, Y, [2, 5, 1], optimizer=optimizer, learning_rate=lr, num_epochs=30, seed=1)
    assert h["cost"][-1] < 0.8 * h["cost"][0]
    assert training.accuracy(p, X, Y) > 0.75


def test_optimizers_differ_and_use_their_hyperparameters(moons):
    X, Y = moons
    kw = dict(num_epochs=5, mini_batch_size=40, seed=2)
    runs = {opt: training.train(X, Y, [2, 3, 1], optimizer=opt, learning_rate=0.05, **kw)[0]
            for opt in training.OPTIMIZERS}
    for a in training.OPTIMIZERS:
        for b in training.OPTIMIZERS:
            if a < b:
                assert not np.allclose(runs[a]["W1"], runs[b]["W1"]), (a, b)
    for opt, name, value in (("momentum", "beta", 0.5), ("rmsprop", "beta", 0.5), ("adam", "beta1", 0.5),
                             ("adam", "beta2", 0.9), ("adam", "epsilon", 0.1), ("rmsprop", "epsilon", 0.1)):
        other = training.train(X, Y, [2, 3, 1], optimizer=opt, learning_rate=0.05, **{name: value}, **kw)[0]
        assert not np.allclose(other["W1"], runs[opt]["W1"]), (opt, name)


# --------------------------------------------------------------------------------------------------
# The history


def test_history_lengths_and_keys(moons):
    X, Y = moons
    _, h = training.train(X, Y, [2, 3, 1], num_epochs=10, record_every=3)
    assert set(h) == {"epoch", "cost", "train_accuracy"}
    assert h["epoch"] == [0, 3, 6, 9]
    assert len(h["cost"]) == len(h["train_accuracy"]) == 4
    assert all(isinstance(c, float) for c in h["cost"])
    assert all(0.0 <= a <= 1.0 for a in h["train_accuracy"])
    _, h = training.train(X, Y, [2, 3, 1], num_epochs=0)
    assert h == {"epoch": [], "cost": [], "train_accuracy": []}


def test_full_batch_history_is_the_cost_of_each_step(moons):
    X, Y = moons
    p0 = initialize_parameters_deep([2, 3, 1], 5)
    trainer = training.Trainer(X, Y, [2, 3, 1], optimizer="gd", learning_rate=0.3, seed=5, lambd=0.7)
    for _ in range(3):
        before = trainer.parameters
        trainer.step(1)
        AL = L_model_forward(X, before)[0]
        expected = binary_cross_entropy(AL, Y) + l2_penalty(before, 0.7, X.shape[1])
        assert trainer.history["cost"][-1] == pytest.approx(expected, rel=1e-12)
        assert trainer.history["train_accuracy"][-1] == np.mean((AL > 0.5) == Y)
    np.testing.assert_array_equal(training.train(X, Y, [2, 3, 1], num_epochs=0, seed=5)[0]["W1"], p0["W1"])


def test_minibatch_history_is_the_mean_of_the_batch_costs(moons):
    X, Y = moons  # m = 120 in batches of 50, 50, 20: the weighted mean, not the mean of the three
    trainer = training.Trainer(X, Y, [2, 3, 1], optimizer="gd", learning_rate=1e-12, mini_batch_size=50, seed=1)
    trainer.step(1)  # a step this small leaves the cost of every batch that of the initial network
    full = binary_cross_entropy(L_model_forward(X, initialize_parameters_deep([2, 3, 1], 1))[0], Y)
    assert trainer.history["cost"][0] == pytest.approx(full, rel=1e-9)
    assert trainer.t == 3


def test_validation_keys(circles, moons):
    X, Y = circles
    Xtr, Ytr, Xva, Yva = datasets.train_test_split(X, Y, 0.25, rng=0)
    p, h = training.train(Xtr, Ytr, DEEP, mini_batch_size=32, num_epochs=30, X_val=Xva, Y_val=Yva, record_every=2)
    assert set(h) == {"epoch", "cost", "train_accuracy", "val_cost", "val_accuracy"}
    assert len(h["val_cost"]) == len(h["val_accuracy"]) == len(h["epoch"]) == 15
    p0 = initialize_parameters_deep(DEEP, 0)
    assert h["val_cost"][0] == pytest.approx(binary_cross_entropy(L_model_forward(Xva, p0)[0], Yva), rel=1e-12)
    assert h["val_accuracy"][-1] > 0.9
    with pytest.raises(ValueError, match="X_val and Y_val must be given together"):
        training.train(Xtr, Ytr, DEEP, X_val=Xva)
    with pytest.raises(ValueError, match="X_val, Y_val: .*same number of examples"):
        training.train(Xtr, Ytr, DEEP, X_val=Xva, Y_val=Yva[:, :-1])
    with pytest.raises(ValueError, match="X_val must have n_x=2 rows"):
        training.train(Xtr, Ytr, DEEP, X_val=Xva.T[:, :2], Y_val=Yva[:, :2])


# --------------------------------------------------------------------------------------------------
# Regularisation


def test_l2_shrinks_the_weights(moons):
    X, Y = moons
    kw = dict(optimizer="adam", learning_rate=0.02, num_epochs=150, seed=3)
    p0, h0 = training.train(X, Y, [2, 20, 20, 1], **kw)
    p1, h1 = training.train(X, Y, [2, 20, 20, 1], lambd=2.0, **kw)
    assert weight_norm(p1) < 0.7 * weight_norm(p0)
    # the recorded cost includes the penalty: at epoch 0 the parameters are the same
    init = initialize_parameters_deep([2, 20, 20, 1], 3)
    assert h1["cost"][0] == pytest.approx(h0["cost"][0] + l2_penalty(init, 2.0, X.shape[1]), rel=1e-12)


def test_forward_with_dropout_masks(circles):
    X, _ = circles
    p = initialize_parameters_deep([2, 50, 40, 1], 0)
    AL, caches, masks = training.forward_with_dropout(X, p, 0.7, np.random.default_rng(0))
    assert AL.shape == (1, 200) and len(caches) == 3 and [mk.shape for mk in masks] == [(50, 200), (40, 200)]
    for mk in masks:
        assert set(np.unique(mk)) <= {0.0, 1.0}
        assert abs(mk.mean() - 0.7) < 0.02  # keep_prob is the probability of keeping
    A1 = np.maximum(p["W1"] @ X + p["b1"], 0.0)
    np.testing.assert_allclose(caches[1][0][0], A1 * masks[0] / 0.7)  # layer 2 sees the dropped, rescaled A1
    # the same seed gives the same masks; the output layer has none
    AL2, _, masks2 = training.forward_with_dropout(X, p, 0.7, 0)
    AL3, _, masks3 = training.forward_with_dropout(X, p, 0.7, 0)
    np.testing.assert_array_equal(masks2[0], masks3[0])
    np.testing.assert_array_equal(AL2, AL3)


def test_dropout_keep_prob_one_is_the_plain_network(circles):
    X, Y = circles
    p = initialize_parameters_deep(DEEP, 1)
    AL, caches, masks = training.forward_with_dropout(X, p, 1.0, 0)
    AL_ref, caches_ref = L_model_forward(X, p)
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-14)
    grads = training.backward_with_dropout(AL, Y, caches, masks, 1.0)
    ref = L_model_backward(AL_ref, Y, caches_ref)
    for k in grads:
        np.testing.assert_allclose(grads[k], ref[k], rtol=1e-12, atol=1e-15)


def test_backward_with_dropout_is_the_gradient(numgrad, call_unchanged):
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(3, 12)), (rng.random((1, 12)) < 0.5).astype(float)
    p = initialize_parameters_deep([3, 5, 4, 1], 2)

    def J(params):  # the same masks every time: the generator is re-seeded
        return binary_cross_entropy(training.forward_with_dropout(X, params, 0.6, 9, "tanh")[0], Y)
    AL, caches, masks = call_unchanged(training.forward_with_dropout, X, p, 0.6, 9, "tanh")
    assert any((mk == 0).any() for mk in masks)
    grads = call_unchanged(training.backward_with_dropout, AL, Y, caches, masks, 0.6, "tanh")
    for k in p:
        np.testing.assert_allclose(grads["d" + k], numgrad(lambda v: J({**p, k: v}), p[k]), rtol=1e-5, atol=1e-9)


def test_dropout_training_still_learns_and_evaluates_without_dropout(circles):
    X, Y = circles
    trainer = training.Trainer(X, Y, [2, 30, 30, 1], keep_prob=0.8, mini_batch_size=32, seed=4)
    p0 = trainer.parameters
    trainer.step(40)
    assert trainer.accuracy(X, Y) >= 0.95
    # the history measures the whole network (no dropout): entry 0 is the cost of the initial one
    assert trainer.history["cost"][0] == pytest.approx(binary_cross_entropy(L_model_forward(X, p0)[0], Y), rel=1e-12)
    # prediction is deterministic (no dropout at evaluation)
    np.testing.assert_array_equal(trainer.predict_proba(X), trainer.predict_proba(X))
    # and the masks did act: the run differs from one without dropout
    plain = training.Trainer(X, Y, [2, 30, 30, 1], mini_batch_size=32, seed=4).step(40)
    assert not np.allclose(plain.parameters["W1"], trainer.parameters["W1"])


# --------------------------------------------------------------------------------------------------
# Callback and Trainer


def test_callback_called_and_can_stop(moons):
    X, Y = moons
    calls = []

    def cb(epoch, parameters, history):
        calls.append((epoch, parameters["W1"].copy(), len(history["cost"])))
        return epoch < 12 and None  # None (keep going) until epoch 12, then False

    p, h = training.train(X, Y, [2, 3, 1], num_epochs=100, callback=cb, callback_every=4)
    assert [c[0] for c in calls] == [4, 8, 12]
    np.testing.assert_array_equal(calls[-1][1], p["W1"])  # the parameters after epoch 12 are returned
    assert len(h["cost"]) == 12 and h["epoch"][-1] == 11
    assert [c[2] for c in calls] == [4, 8, 12]

    seen = []
    training.train(X, Y, [2, 3, 1], num_epochs=5, callback=lambda e, p, h: seen.append(e) or 0)
    assert seen == [1, 2, 3, 4, 5]  # a falsy value other than False does not stop training
    with pytest.raises(ValueError, match="callback must be callable"):
        training.train(X, Y, [2, 3, 1], callback=3)


@pytest.mark.parametrize("kw", [dict(optimizer="gd", learning_rate=0.3),
                                dict(optimizer="adam", mini_batch_size=32, keep_prob=0.8, lambd=0.1),
                                dict(optimizer="momentum", mini_batch_size=50),
                                dict(optimizer="rmsprop", mini_batch_size=50)])
def test_trainer_step_continues_where_it_left_off(moons, kw):
    X, Y = moons
    p_long, h_long = training.train(X, Y, [2, 4, 3, 1], num_epochs=12, record_every=2, seed=6, **kw)
    trainer = training.Trainer(X, Y, [2, 4, 3, 1], record_every=2, seed=6, **kw)
    assert trainer.step(5) is trainer
    trainer.step(0)
    trainer.step(7)
    assert trainer.epoch == 12
    for k in p_long:
        np.testing.assert_array_equal(trainer.parameters[k], p_long[k])
    assert trainer.history == h_long
    steps_per_epoch = 1 if "mini_batch_size" not in kw else -(-X.shape[1] // kw["mini_batch_size"])
    assert trainer.t == 12 * steps_per_epoch


def test_trainer_helpers(moons):
    X, Y = moons
    trainer = training.Trainer(X, Y, [2, 5, 1], seed=2, hidden_activation="tanh").step(20)
    P = trainer.predict_proba(X)
    assert P.shape == (1, 120) and ((P > 0) & (P < 1)).all()
    np.testing.assert_array_equal(trainer.predict(X), (P > 0.5).astype(float))
    assert trainer.accuracy(X, Y) == np.mean((P > 0.5) == Y)
    assert trainer.accuracy(X, Y) == training.accuracy(trainer.parameters, X, Y, "tanh")
    assert trainer.cost() == pytest.approx(binary_cross_entropy(P, Y), rel=1e-12)
    np.testing.assert_array_equal(training.predict(trainer.parameters, X, "tanh"), trainer.predict(X))
    assert "epoch=20" in repr(trainer)


def test_trainer_from_given_parameters(moons):
    X, Y = moons
    p = initialize_parameters_deep([2, 3, 1], 11)
    trainer = training.Trainer(X, Y, [2, 3, 1], parameters=p, seed=0)
    np.testing.assert_array_equal(trainer.parameters["W1"], p["W1"])
    trainer.step(3)
    assert not np.allclose(trainer.parameters["W1"], p["W1"])
    np.testing.assert_array_equal(p["W1"], initialize_parameters_deep([2, 3, 1], 11)["W1"])  # not modified
    with pytest.raises(ValueError, match=r"parameters\['W1'\] must have shape \(3, 2\)"):
        training.Trainer(X, Y, [2, 3, 1], parameters={**p, "W1": p["W1"].T})


def test_train_does_not_modify_its_inputs(moons, call_unchanged):
    X, Y = moons
    Xv, Yv = X[:, :20].copy(), Y[:, :20].copy()
    call_unchanged(training.train, X, Y, [2, 3, 1], num_epochs=3, mini_batch_size=16, keep_prob=0.9, lambd=0.1,
                   X_val=Xv, Y_val=Yv)


def test_seeds(moons):
    X, Y = moons
    kw = dict(num_epochs=3, mini_batch_size=16)
    a = training.train(X, Y, [2, 3, 1], seed=1, **kw)[0]
    b = training.train(X, Y, [2, 3, 1], seed=1, **kw)[0]
    c = training.train(X, Y, [2, 3, 1], seed=2, **kw)[0]
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert not np.allclose(a["W1"], c["W1"])
    g = training.train(X, Y, [2, 3, 1], seed=np.random.default_rng(1), **kw)[0]
    assert g["W1"].shape == (3, 2)


@pytest.mark.parametrize("kw, match", [
    (dict(optimizer="sgd"), "optimizer must be one of"),
    (dict(hidden_activation="softplus"), "hidden_activation must be one of"),
    (dict(learning_rate=0.0), "learning_rate"),
    (dict(num_epochs=-1), "num_epochs"),
    (dict(num_epochs=2.5), "num_epochs"),
    (dict(mini_batch_size=0), "mini_batch_size"),
    (dict(lambd=-1.0), "lambd"),
    (dict(keep_prob=0.0), "keep_prob"),
    (dict(keep_prob=1.5), "keep_prob"),
    (dict(beta=1.0), "beta"),
    (dict(beta1=1.0), "beta1"),
    (dict(beta2=-0.1), "beta2"),
    (dict(epsilon=0.0), "epsilon"),
    (dict(seed=-1), "seed"),
    (dict(record_every=0), "record_every"),
    (dict(callback_every=0, callback=print), "callback_every"),
])
def test_bad_arguments(moons, kw, match):
    X, Y = moons
    with pytest.raises(ValueError, match=match):
        training.train(X, Y, [2, 3, 1], **{"num_epochs": 1, **kw})


def test_bad_shapes(moons):
    X, Y = moons
    with pytest.raises(ValueError, match="layer_dims must end with 1"):
        training.train(X, Y, [2, 3, 2])
    with pytest.raises(ValueError, match=r"X must have n_x=3 rows"):
        training.train(X, Y, [3, 3, 1])
    with pytest.raises(ValueError, match="Did you pass X as"):
        training.train(X.T, Y, [2, 3, 1])
    with pytest.raises(ValueError, match="layer_dims"):
        training.train(X, Y, [2])
    with pytest.raises(ValueError, match=r"layer_dims\[1\]"):
        training.train(X, Y, [2, 0, 1])
    with pytest.raises(ValueError, match="masks must be the list of L - 1 = 2 masks"):
        AL, caches, masks = training.forward_with_dropout(X, initialize_parameters_deep([2, 3, 3, 1], 0), 0.5, 0)
        training.backward_with_dropout(AL, Y, caches, masks[:1], 0.5)


@pytest.mark.parametrize("optimizer", training.OPTIMIZERS)
@pytest.mark.parametrize("lambd,keep_prob,act", [(0.0, 1.0, "relu"), (0.7, 1.0, "tanh"), (0.3, 0.8, "leaky_relu")])
def test_the_trainer_takes_the_steps_of_the_public_functions(circles, optimizer, lambd, keep_prob, act):
    """The trainer's unchecked kernels against the loop written with the course's public functions."""
    from nnkit import optimizers as opt
    from nnkit.regularization import l2_gradients

    X, Y = circles
    kw = dict(hidden_activation=act, optimizer=optimizer, learning_rate=0.02, mini_batch_size=50, lambd=lambd,
              keep_prob=keep_prob, beta=0.8, beta1=0.85, beta2=0.99, epsilon=1e-7, seed=4)
    trainer = training.Trainer(X, Y, DEEP, **kw)
    p = dict(trainer.parameters)
    rng = np.random.default_rng(np.random.SeedSequence(4).spawn(1)[0])  # the trainer's documented generator
    state = {"momentum": lambda: opt.initialize_velocity(p), "rmsprop": lambda: opt.initialize_rmsprop(p),
             "adam": lambda: opt.initialize_adam(p), "gd": lambda: None}[optimizer]()
    t = 0
    for _ in range(3):
        for Xb, Yb in opt.random_mini_batches(X, Y, 50, rng):
            if keep_prob < 1:
                AL, caches, masks = training.forward_with_dropout(Xb, p, keep_prob, rng, act)
                grads = training.backward_with_dropout(AL, Yb, caches, masks, keep_prob, act)
            else:
                AL, caches = L_model_forward(Xb, p, act)
                grads = L_model_backward(AL, Yb, caches, act)
            grads = {k: g for k, g in grads.items() if not k.startswith("dA")}
            if lambd:
                grads = l2_gradients(grads, p, lambd, X.shape[1])
            t += 1
            if optimizer == "gd":
                p = opt.update_parameters_with_gd(p, grads, 0.02)
            elif optimizer == "momentum":
                p, state = opt.update_parameters_with_momentum(p, grads, state, 0.8, 0.02)
            elif optimizer == "rmsprop":
                p, state = opt.update_parameters_with_rmsprop(p, grads, state, 0.8, 0.02, 1e-7)
            else:
                p, v, s = opt.update_parameters_with_adam(p, grads, *state, t, 0.02, 0.85, 0.99, 1e-7)
                state = (v, s)
    trainer.step(3)
    assert trainer.t == t
    for k in p:
        np.testing.assert_allclose(trainer.parameters[k], p[k], rtol=1e-9, atol=1e-12, err_msg=k)


def test_the_trainer_never_changes_the_arrays_it_handed_out(moons):
    X, Y = moons
    trainer = training.Trainer(X, Y, [2, 5, 1], optimizer="adam", mini_batch_size=16)
    before = {k: v.copy() for k, v in trainer.parameters.items()}
    held = trainer.parameters
    trainer.step(2)
    for k in before:
        np.testing.assert_array_equal(held[k], before[k])
        assert not np.array_equal(trainer.parameters[k], before[k])
