"""The contract's signatures, the docstrings, the private checks of nnkit._validate, and the errors every
public function gives for the classic slips (X as (m, n_x), NaN, a non-dict) instead of a NumPy error."""

import inspect

import numpy as np
import pytest

import nnkit
from nnkit import _validate as v
from nnkit import activations, deep, gradcheck, logistic, losses, neuron, optimizers, regularization, two_layer

MODULES = [activations, losses, neuron, logistic, two_layer, regularization, optimizers, deep, gradcheck]

# The graded functions of COURSE_CONTRACT.md, with their exact signatures
CONTRACT = {
    neuron: {"sigmoid": "(z)", "tanh": "(z)", "relu": "(z)", "leaky_relu": "(z, alpha=0.01)",
             "neuron_forward": "(w, b, X)", "layer_forward": "(W, b, A_prev, activation='sigmoid')"},
    logistic: {"initialize_with_zeros": "(n_x)", "binary_cross_entropy": "(A, Y)", "propagate": "(w, b, X, Y)",
               "optimize": "(w, b, X, Y, num_iterations, learning_rate)", "predict": "(w, b, X)"},
    activations: {"sigmoid_grad": "(z)", "tanh_grad": "(z)", "relu_grad": "(z)",
                  "leaky_relu_grad": "(z, alpha=0.01)", "numerical_derivative": "(f, z, eps=1e-05)",
                  "softmax": "(z)"},
    two_layer: {"layer_sizes": "(X, Y, n_h)", "initialize_parameters": "(n_x, n_h, n_y, seed)",
                "forward_propagation": "(X, parameters)", "compute_cost": "(A2, Y)",
                "backward_propagation": "(parameters, cache, X, Y)",
                "update_parameters": "(parameters, grads, learning_rate)",
                "nn_model": "(X, Y, n_h, num_iterations, learning_rate, seed)", "predict": "(parameters, X)",
                "gradient_check": "(parameters, X, Y, epsilon=1e-07)"},
    regularization: {"l2_penalty": "(parameters, lambd, m)", "l2_gradients": "(grads, parameters, lambd, m)",
                     "dropout_forward": "(A, keep_prob, rng)", "dropout_backward": "(dA, mask, keep_prob)"},
    optimizers: {"random_mini_batches": "(X, Y, mini_batch_size=64, rng=None)",
                 "initialize_velocity": "(parameters)",
                 "update_parameters_with_momentum": "(parameters, grads, v, beta, learning_rate)",
                 "initialize_rmsprop": "(parameters)",
                 "update_parameters_with_rmsprop": "(parameters, grads, s, beta, learning_rate, epsilon=1e-08)",
                 "initialize_adam": "(parameters)",
                 "update_parameters_with_adam": "(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, "
                                                "beta2=0.999, epsilon=1e-08)"},
    deep: {"initialize_parameters_deep": "(layer_dims, seed)", "linear_forward": "(A_prev, W, b)",
           "linear_activation_forward": "(A_prev, W, b, activation)",
           "L_model_forward": "(X, parameters, hidden_activation='relu')",  # an optional keyword after the contract's
           "linear_backward": "(dZ, cache)", "linear_activation_backward": "(dA, cache, activation)",
           "L_model_backward": "(AL, Y, caches, hidden_activation='relu')"},
}


def public_functions():
    for mod in MODULES:
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) and obj.__module__ == mod.__name__:
                yield pytest.param(obj, id=f"{mod.__name__.split('.')[-1]}.{name}")


@pytest.mark.parametrize("mod, name, signature", [(m, n, s) for m, fns in CONTRACT.items() for n, s in fns.items()],
                         ids=lambda x: x if isinstance(x, str) and not x.startswith("(") else "")
def test_contract_signatures(mod, name, signature):
    assert str(inspect.signature(getattr(mod, name))) == signature
    assert name in mod.__all__


def test_package():
    assert nnkit.__version__ == "0.1.0"
    assert all(getattr(nnkit, m.__name__.split(".")[-1]) is m for m in MODULES)
    assert all(mod.__doc__ and mod.__doc__.strip() for mod in MODULES + [nnkit, v])


@pytest.mark.parametrize("fn", list(public_functions()))
def test_docstrings_are_numpydoc(fn):
    doc = inspect.getdoc(fn)
    assert doc and "Returns\n-------" in doc
    if inspect.signature(fn).parameters:
        assert "Parameters\n----------" in doc
        for p in inspect.signature(fn).parameters:
            assert p in doc, f"{fn.__name__}: parameter {p} is not documented"


# --------------------------------------------------------------------------------------------------
# The helpers themselves


def test_as_float_array():
    x = np.arange(3.0)
    assert v.as_float_array(x, "x") is x  # no copy
    out = v.as_float_array([[1, 2]], "x")
    assert out.dtype == np.float64 and out.shape == (1, 2)
    assert v.as_float_array(3, "x").shape == ()
    with pytest.raises(ValueError, match="^z contains NaN or inf$"):
        v.as_float_array([1.0, np.nan], "z")
    with pytest.raises(ValueError, match="^x must be real numbers; got a complex array$"):
        v.as_float_array(np.array([1j]), "x")
    with pytest.raises(ValueError, match="^x must be a number or an array of numbers; got dict$"):
        v.as_float_array({}, "x")


def test_check_2d():
    with pytest.raises(ValueError, match=r"^X must be a 2-D array of shape \(n_x, m\); got shape \(4,\) "
                                         r"\(use X.reshape\(1, -1\) for a row\)$"):
        v.check_2d(np.ones(4), "X", "(n_x, m)")
    with pytest.raises(ValueError, match=r"^X is empty \(shape \(2, 0\)\)"):
        v.check_2d(np.ones((2, 0)), "X")


def test_check_X_Y():
    X, Y = v.check_X_Y([[1, 2, 3, 4, 5]] * 2, [[0, 1, 0, 1, 1]])
    assert X.shape == (2, 5) and Y.shape == (1, 5) and X.dtype == Y.dtype == np.float64
    with pytest.raises(ValueError, match=r"^X and Y must have the same number of examples \(columns\): X has m=5 "
                                         r"\(shape \(2, 5\)\), Y has m=4 \(shape \(1, 4\)\)\.$"):
        v.check_X_Y(np.ones((2, 5)), np.ones((1, 4)))
    with pytest.raises(ValueError, match=r"X has m=2 \(shape \(5, 2\)\), Y has m=5 \(shape \(1, 5\)\)\. "
                                         r"Did you pass X as \(m, n_x\)\? nnkit uses one column per example\.$"):
        v.check_X_Y(np.ones((5, 2)), np.ones((1, 5)))
    with pytest.raises(ValueError, match=r"^Y must have shape \(1, m\); got shape \(5, 1\) \(a column"):
        v.check_X_Y(np.ones((2, 5)), np.ones((5, 1)))


def test_check_parameters():
    p = {"W1": np.ones((4, 3)), "b1": np.ones((4, 1)), "W2": np.ones((1, 4)), "b2": np.ones((1, 1))}
    assert v.check_parameters(p) == 2
    assert v.check_parameters(p, 1) == 1
    assert v.check_parameters({**p, "W4": np.ones((1, 1))}) == 2  # layers are consecutive from 1
    with pytest.raises(ValueError, match="^parameters is missing key 'W2'$"):
        v.check_parameters({"W1": p["W1"], "b1": p["b1"]}, 2)
    with pytest.raises(ValueError, match="^parameters is missing key 'b2'$"):
        v.check_parameters({**p, "b2": None})
    with pytest.raises(ValueError, match="^parameters is missing key 'W1'$"):
        v.check_parameters({})
    with pytest.raises(ValueError, match=r"^parameters\['b2'\] must have shape \(n_2, 1\) = \(1, 1\); got shape \(1,\)$"):
        v.check_parameters({**p, "b2": np.ones(1)})
    with pytest.raises(ValueError, match=r"^parameters\['W2'\] has shape \(1, 3\) but parameters\['W1'\] has 4 rows: "
                                         r"W2 must have n_1=4 columns$"):
        v.check_parameters({**p, "W2": np.ones((1, 3))})
    with pytest.raises(ValueError, match=r"^parameters\['W1'\] must be 2-D \(n_1, n_0\); got shape \(4,\)$"):
        v.check_parameters({**p, "W1": np.ones(4)})
    with pytest.raises(ValueError, match="^parameters must be a dict with keys 'W1', 'b1', ...; got list$"):
        v.check_parameters([p])


@pytest.mark.parametrize("value, ok", [(1, True), (1.0, True), (0.5, True), (np.float64(0.3), True),
                                       (0, False), (-0.1, False), (1.0001, False)])
def test_check_keep_prob(value, ok):
    if ok:
        assert v.check_keep_prob(value) == float(value)
    else:
        with pytest.raises(ValueError, match=rf"^keep_prob must be in \(0, 1\]; got {float(value)!r}$"):
            v.check_keep_prob(value)


def test_check_positive_int_and_scalar():
    assert v.check_positive_int(np.int64(3), "n") == 3
    assert v.check_positive_int(0, "n", allow_zero=True) == 0
    for bad in (0, -2, 1.5, "3", True, None):
        with pytest.raises(ValueError, match=r"^n must be a positive integer; got "):
            v.check_positive_int(bad, "n")
    assert v.check_scalar(np.array([[2.5]]), "b") == 2.5
    with pytest.raises(ValueError, match=r"^beta must be in \[0, 1\); got 1.0$"):
        v.check_scalar(1, "beta", 0, 1, include_high=False)
    with pytest.raises(ValueError, match=r"^x must be in \(-inf, 2\]; got 3.0$"):
        v.check_scalar(3, "x", high=2)
    with pytest.raises(ValueError, match="^x must be a finite real number; got inf$"):
        v.check_scalar(float("inf"), "x")


def test_as_generator():
    g = np.random.default_rng(0)
    assert v.as_generator(g) is g
    assert isinstance(v.as_generator(None), np.random.Generator)
    assert v.as_generator(5).random() == np.random.default_rng(5).random()
    for bad in (-1, 1.5, "x", np.random.RandomState(0)):
        with pytest.raises(ValueError, match="rng must be a numpy.random.Generator, a non-negative int seed or None"):
            v.as_generator(bad)


# --------------------------------------------------------------------------------------------------
# Every function that takes X catches the classic slips


def _setup():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3, 8))
    Y = (rng.random((1, 8)) < 0.5).astype(float)
    p2 = two_layer.initialize_parameters(3, 4, 1, 0)
    pd = deep.initialize_parameters_deep([3, 4, 1], 0)
    _, cache = two_layer.forward_propagation(X, p2)
    return X, Y, p2, pd, cache, np.zeros((3, 1))


X0, Y0, P2, PD, CACHE, W0 = _setup()

TAKES_X = {
    "logistic.propagate": lambda X: logistic.propagate(W0, 0.0, X, Y0),
    "logistic.optimize": lambda X: logistic.optimize(W0, 0.0, X, Y0, 5, 0.1),
    "logistic.predict": lambda X: logistic.predict(W0, 0.0, X),
    "neuron.neuron_forward": lambda X: neuron.neuron_forward(W0, 0.0, X),
    "two_layer.layer_sizes": lambda X: two_layer.layer_sizes(X, Y0, 4),
    "two_layer.forward_propagation": lambda X: two_layer.forward_propagation(X, P2),
    "two_layer.backward_propagation": lambda X: two_layer.backward_propagation(P2, CACHE, X, Y0),
    "two_layer.nn_model": lambda X: two_layer.nn_model(X, Y0, 4, 5, 0.1, 0),
    "two_layer.predict": lambda X: two_layer.predict(P2, X),
    "two_layer.gradient_check": lambda X: two_layer.gradient_check(P2, X, Y0),
    "optimizers.random_mini_batches": lambda X: optimizers.random_mini_batches(X, Y0, 4, 0),
    "deep.L_model_forward": lambda X: deep.L_model_forward(X, PD),
    "deep.predict": lambda X: deep.predict(PD, X),
}


@pytest.mark.parametrize("call", TAKES_X.values(), ids=TAKES_X.keys())
def test_x_as_m_by_n_x_is_named(call):
    call(X0)  # the right way round works
    with pytest.raises(ValueError, match=r"Did you pass X as \(m, n_x\)\? nnkit uses one column per example"):
        call(X0.T)


@pytest.mark.parametrize("call", TAKES_X.values(), ids=TAKES_X.keys())
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_in_x_is_named(call, bad):
    X = X0.copy()
    X[1, 2] = bad
    with pytest.raises(ValueError, match="^X contains NaN or inf$"):
        call(X)


@pytest.mark.parametrize("call", [
    lambda: two_layer.forward_propagation(X0, None),
    lambda: deep.L_model_forward(X0, "params"),
    lambda: two_layer.predict([P2], X0),
    lambda: optimizers.initialize_adam(None),
    lambda: optimizers.update_parameters_with_gd(P2, None, 0.1),
    lambda: regularization.l2_penalty(None, 0.1, 3),
    lambda: regularization.l2_gradients(None, P2, 0.1, 3),
    lambda: deep.linear_forward(None, W0.T, np.zeros((1, 1))),
    lambda: deep.linear_activation_backward(None, None, "relu"),
    lambda: deep.L_model_backward(None, Y0, []),
    lambda: losses.binary_cross_entropy("A", Y0),
    lambda: neuron.layer_forward(np.ones((2, 3)), np.ones((2, 1)), "X"),
    lambda: activations.softmax(None),
    lambda: gradcheck.relative_difference([1.0], [1.0, 2.0]),
    lambda: logistic.optimize(W0, 0.0, X0, Y0, "ten", 0.1),
    lambda: two_layer.backward_propagation(P2, None, X0, Y0),
])
def test_garbage_gives_a_value_error_not_a_numpy_error(call):
    with pytest.raises(ValueError):
        call()
