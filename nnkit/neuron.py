"""Assignment 01: one neuron, then one layer of neurons, vectorised over the m examples.

One neuron with weights ``w`` (n_x, 1) and bias ``b`` computes, for every column x of ``X`` (n_x, m),
``z = w^T x + b`` and ``a = sigma(z)``: all at once, ``A = sigma(w^T X + b)`` of shape (1, m).
A layer of n_l neurons stacks their weights as the rows of ``W`` (n_l, n_{l-1}):
``A = g(W A_prev + b)`` of shape (n_l, m).

The activations of the assignment are re-exported from :mod:`nnkit.activations`, so
``from nnkit.neuron import sigmoid`` works.
"""

from nnkit._validate import check_2d, check_activation, check_features, check_linear, check_scalar
from nnkit.activations import _FORWARD, _sigmoid, leaky_relu, relu, sigmoid, tanh


def _check_neuron(w, b, X):
    """``(w, b, X)`` checked: w a column (n_x, 1), b a finite number, X (n_x, m)."""
    w = check_2d(w, "w", "(n_x, 1)")
    if w.shape[1] != 1:
        hint = " (a row: use w.T or w.reshape(-1, 1))" if w.shape[0] == 1 else ""
        raise ValueError(f"w must be a column of shape (n_x, 1); got shape {w.shape}{hint}")
    b = check_scalar(b, "b")
    X = check_features(X, w.shape[0], "X", "the rows of w")
    return w, b, X


def neuron_forward(w, b, X):
    """One sigmoid neuron on every example: A = sigma(w^T X + b).

    Parameters
    ----------
    w : array_like, shape (n_x, 1)
        Weights, a column.
    b : float
        Bias (a one-element array is accepted too).
    X : array_like, shape (n_x, m)
        Inputs, one column per example.

    Returns
    -------
    A : ndarray of float64, shape (1, m)
        The neuron's output for each example, in (0, 1).
    """
    w, b, X = _check_neuron(w, b, X)
    return _sigmoid(w.T @ X + b)


def layer_forward(W, b, A_prev, activation="sigmoid"):
    """A layer of n_l neurons on every example: A = g(W A_prev + b).

    Parameters
    ----------
    W : array_like, shape (n_l, n_prev)
        Weights, one row per neuron.
    b : array_like, shape (n_l, 1)
        Biases, a column (broadcast over the m columns).
    A_prev : array_like, shape (n_prev, m)
        The previous layer's activations (X for the first layer).
    activation : str, default "sigmoid"
        "sigmoid", "tanh", "relu" or "leaky_relu" (alpha = 0.01); any name in
        :data:`nnkit.activations.ACTIVATIONS` is accepted.

    Returns
    -------
    A : ndarray of float64, shape (n_l, m)
    """
    g = _FORWARD[check_activation(activation, _FORWARD)]
    W, b, A_prev = check_linear(W, b, A_prev)
    return g(W @ A_prev + b)


__all__ = ["neuron_forward", "layer_forward", "sigmoid", "tanh", "relu", "leaky_relu"]
