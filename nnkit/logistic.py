"""Assignment 02: logistic regression, the one-neuron network, trained by gradient descent.

Model: A = sigma(w^T X + b) with w (n_x, 1), b a float, X (n_x, m), Y (1, m).
Cost: the binary cross-entropy J = -(1/m) sum [y log a + (1 - y) log(1 - a)].
Gradients: dZ = A - Y, dw = (1/m) X dZ^T (n_x, 1), db = (1/m) sum(dZ).
Update: w <- w - learning_rate * dw, b <- b - learning_rate * db.
"""

import numpy as np

from nnkit._validate import check_positive_int, check_scalar, check_X_Y
from nnkit.losses import _bce, binary_cross_entropy
from nnkit.neuron import _check_neuron, neuron_forward


def initialize_with_zeros(n_x):
    """Zero weights and bias (zeros are fine for one neuron: there is no symmetry to break).

    Parameters
    ----------
    n_x : int
        Number of input features, >= 1.

    Returns
    -------
    w : ndarray of float64, shape (n_x, 1)
        Zeros.
    b : float
        0.0.
    """
    return np.zeros((check_positive_int(n_x, "n_x"), 1)), 0.0


def propagate(w, b, X, Y):
    """Forward and backward pass of logistic regression.

    A = sigma(w^T X + b);  J = -(1/m) sum [Y log A + (1 - Y) log(1 - A)];
    dw = (1/m) X (A - Y)^T;  db = (1/m) sum(A - Y).

    Parameters
    ----------
    w : array_like, shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    Y : array_like, shape (1, m)
        Labels, 0 or 1.

    Returns
    -------
    grads : dict
        ``{"dw": ndarray (n_x, 1), "db": float}``, the gradients of J.
    cost : float
        J.
    """
    X, Y = check_X_Y(X, Y)
    A = neuron_forward(w, b, X)
    dZ = A - Y
    m = X.shape[1]
    return {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}, _bce(A, Y)


def optimize(w, b, X, Y, num_iterations, learning_rate):
    """Gradient descent on (w, b): num_iterations steps of w -= learning_rate * dw, b -= learning_rate * db.

    Parameters
    ----------
    w : array_like, shape (n_x, 1)
        Initial weights (not modified).
    b : float
        Initial bias.
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    Y : array_like, shape (1, m)
        Labels, 0 or 1.
    num_iterations : int
        Number of steps, >= 1.
    learning_rate : float
        Step size, > 0.

    Returns
    -------
    params : dict
        ``{"w": ndarray (n_x, 1), "b": float}`` after the last step.
    grads : dict
        ``{"dw", "db"}`` of the last iteration (computed before its update).
    costs : list of float
        The cost at iterations 0, 100, 200, ... (each computed by :func:`propagate` in that
        iteration, before its update).
    """
    X, Y = check_X_Y(X, Y)
    w, b, X = _check_neuron(w, b, X)
    num_iterations = check_positive_int(num_iterations, "num_iterations")
    learning_rate = check_scalar(learning_rate, "learning_rate", 0.0, include_low=False)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        if i % 100 == 0:
            costs.append(cost)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Predicted labels: 1.0 where sigma(w^T X + b) > 0.5, else 0.0.

    Parameters
    ----------
    w : array_like, shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : array_like, shape (n_x, m)
        Inputs, one column per example.

    Returns
    -------
    Y_prediction : ndarray of float64, shape (1, m)
        Zeros and ones.
    """
    return (neuron_forward(w, b, X) > 0.5).astype(np.float64)


__all__ = ["initialize_with_zeros", "propagate", "optimize", "predict", "binary_cross_entropy"]
