"""Assignment 04: a two-layer network (tanh hidden layer, sigmoid output) trained by backpropagation.

Shapes: X (n_x, m), W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1), Y (n_y, m) with n_y = 1.

Forward::

    Z1 = W1 X + b1      A1 = tanh(Z1)       (n_h, m)
    Z2 = W2 A1 + b2     A2 = sigmoid(Z2)    (1, m)
    J  = -(1/m) sum [Y log A2 + (1 - Y) log(1 - A2)]

Backward::

    dZ2 = A2 - Y
    dW2 = (1/m) dZ2 A1^T          db2 = (1/m) sum(dZ2, axis=1, keepdims=True)
    dZ1 = W2^T dZ2 * (1 - A1^2)
    dW1 = (1/m) dZ1 X^T           db1 = (1/m) sum(dZ1, axis=1, keepdims=True)
"""

from collections.abc import Mapping

import numpy as np

from nnkit._validate import (as_generator, check_A_Y, check_features, check_positive_int, check_scalar,
                             check_X_Y, parameter_layers)
from nnkit.activations import _sigmoid, _tanh
from nnkit.gradcheck import gradient_check_n
from nnkit.losses import _bce
from nnkit.optimizers import update_parameters_with_gd

_KEYS = ("W1", "b1", "W2", "b2")


def _check_forward(X, parameters):
    """``(X, [(W1, b1), (W2, b2)])`` checked."""
    layers = parameter_layers(parameters, 2)
    return check_features(X, layers[0][0].shape[1]), layers


def layer_sizes(X, Y, n_h):
    """The sizes of the three layers.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    Y : array_like, shape (1, m)
        Labels.
    n_h : int
        Hidden units, >= 1.

    Returns
    -------
    n_x : int
        Input size, X.shape[0].
    n_h : int
        Hidden size.
    n_y : int
        Output size, Y.shape[0] (1).
    """
    X, Y = check_X_Y(X, Y)
    return X.shape[0], check_positive_int(n_h, "n_h"), Y.shape[0]


def initialize_parameters(n_x, n_h, n_y, seed):
    """Small random weights (to break the symmetry between hidden units) and zero biases.

    With rng = numpy.random.default_rng(seed): W1 = 0.01 * rng.standard_normal((n_h, n_x)), then
    W2 = 0.01 * rng.standard_normal((n_y, n_h)); b1, b2 zeros.

    Parameters
    ----------
    n_x, n_h, n_y : int
        Layer sizes, each >= 1.
    seed : int, numpy.random.Generator or None
        Seed of the generator (the same seed gives the same parameters), or a generator to draw from.

    Returns
    -------
    parameters : dict of ndarray
        ``{"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}``.
    """
    n_x, n_h, n_y = (check_positive_int(n, name) for n, name in ((n_x, "n_x"), (n_h, "n_h"), (n_y, "n_y")))
    rng = as_generator(seed, "seed")
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}


def forward_propagation(X, parameters):
    """Forward pass: A1 = tanh(W1 X + b1), A2 = sigmoid(W2 A1 + b2).

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        ``{"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}``.

    Returns
    -------
    A2 : ndarray of float64, shape (n_y, m)
        Output probabilities.
    cache : dict of ndarray
        ``{"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}``, for the backward pass.
    """
    X, ((W1, b1), (W2, b2)) = _check_forward(X, parameters)
    Z1 = W1 @ X + b1
    A1 = _tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = _sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """The cross-entropy cost J = -(1/m) sum [Y log A2 + (1 - Y) log(1 - A2)].

    The same as :func:`nnkit.losses.binary_cross_entropy` (A2 is clipped to [1e-15, 1 - 1e-15]).

    Parameters
    ----------
    A2 : array_like, shape (1, m)
        Output probabilities.
    Y : array_like, shape (1, m)
        Labels.

    Returns
    -------
    cost : float
    """
    return _bce(*check_A_Y(A2, Y, "A2"))


def backward_propagation(parameters, cache, X, Y):
    """Backward pass (see the module docstring for the formulas).

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", "W2", "b2"}`` as in :func:`forward_propagation`.
    cache : dict of ndarray
        The cache of :func:`forward_propagation`: needs ``"A1"`` (n_h, m) and ``"A2"`` (1, m).
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (1, m)
        Labels.

    Returns
    -------
    grads : dict of ndarray
        ``{"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (n_y, n_h), "db2": (n_y, 1)}``, gradients of J.
    """
    X, Y = check_X_Y(X, Y)
    X, (_, (W2, _)) = _check_forward(X, parameters)
    if not isinstance(cache, Mapping):
        raise ValueError(f"cache must be the dict returned by forward_propagation; got {type(cache).__name__}")
    for key in ("A1", "A2"):
        if key not in cache:
            raise ValueError(f"cache is missing key {key!r}")
    A1, A2 = np.asarray(cache["A1"], dtype=np.float64), np.asarray(cache["A2"], dtype=np.float64)
    m = X.shape[1]
    for key, A, rows in (("A1", A1, W2.shape[1]), ("A2", A2, W2.shape[0])):
        if A.shape != (rows, m):
            raise ValueError(f"cache[{key!r}] must have shape ({rows}, {m}); got {A.shape}")
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1.0 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent: W <- W - learning_rate dW, b <- b - learning_rate db.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", "W2", "b2"}`` (not modified).
    grads : dict of ndarray
        ``{"dW1", "db1", "dW2", "db2"}``, shapes of the parameters.
    learning_rate : float
        Step size, > 0.

    Returns
    -------
    parameters : dict of ndarray
        A new dict of new arrays.
    """
    return update_parameters_with_gd(parameters, grads, learning_rate)


def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
    """Train the two-layer network by batch gradient descent.

    initialize_parameters, then num_iterations times: forward_propagation, compute_cost,
    backward_propagation, update_parameters.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    Y : array_like, shape (1, m)
        Labels, 0 or 1.
    n_h : int
        Hidden units, >= 1.
    num_iterations : int
        Gradient-descent steps, >= 0.
    learning_rate : float
        Step size, > 0.
    seed : int, numpy.random.Generator or None
        Seed of the initialisation.

    Returns
    -------
    parameters : dict of ndarray
        The trained ``{"W1", "b1", "W2", "b2"}``.
    """
    X, Y = check_X_Y(X, Y)
    num_iterations = check_positive_int(num_iterations, "num_iterations", allow_zero=True)
    check_scalar(learning_rate, "learning_rate", 0.0, include_low=False)
    n_x, n_h, n_y = layer_sizes(X, Y, n_h)
    parameters = initialize_parameters(n_x, n_h, n_y, seed)
    for _ in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters


def predict(parameters, X):
    """Predicted labels: 1.0 where A2 > 0.5, else 0.0.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", "W2", "b2"}``.
    X : array_like, shape (n_x, m)
        Inputs.

    Returns
    -------
    predictions : ndarray of float64, shape (1, m)
        Zeros and ones.
    """
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(np.float64)


def _cost(parameters, X, Y):
    return compute_cost(forward_propagation(X, parameters)[0], Y)


def gradient_check(parameters, X, Y, epsilon=1e-7):
    """Check :func:`backward_propagation` against centred differences of the cost.

    The parameters are flattened in the order W1, b1, W2, b2 into theta; for each entry
    gradapprox_i = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps), with J computed by
    forward_propagation and compute_cost, and grad by backward_propagation.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", "W2", "b2"}``, the point at which to check.
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (1, m)
        Labels.
    epsilon : float, default 1e-7
        Half-width of the difference, > 0.

    Returns
    -------
    difference : float
        ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2); below ~1e-7 when backprop is right.
    """
    X, Y = check_X_Y(X, Y)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation(parameters, cache, X, Y)
    return gradient_check_n(parameters, X, Y, _cost, grads, epsilon, keys=_KEYS)


__all__ = ["layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
           "backward_propagation", "update_parameters", "nn_model", "predict", "gradient_check"]
