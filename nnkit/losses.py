"""The binary cross-entropy cost, its gradient, and the same cost computed from the logits.

For predictions ``A`` (probabilities, shape ``(1, m)``) and labels ``Y`` (shape ``(1, m)``)::

    J = -(1/m) * sum_i [ y_i log(a_i) + (1 - y_i) log(1 - a_i) ]

``A`` is clipped to ``[eps, 1 - eps]`` with ``eps = 1e-15`` (as scikit-learn's ``log_loss`` did), so
the cost is finite, large and warning-free at ``A`` exactly 0 or 1. Every cost in nnkit goes through
this module.
"""

import numpy as np

from nnkit._validate import check_A_Y, check_row

EPS = 1e-15


def _clip(A):
    return np.minimum(np.maximum(A, EPS), 1.0 - EPS)  # np.clip, without its Python overhead


def _bce(A, Y):
    A = _clip(A)
    return float(-(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A)).sum() / Y.shape[1])


def _bce_grad(A, Y):
    A = _clip(A)
    return (A - Y) / (A * (1.0 - A))  # = -(Y / A - (1 - Y) / (1 - A)), in fewer operations


def binary_cross_entropy(A, Y):
    """Binary cross-entropy cost: J = -(1/m) sum_i [y_i log(a_i) + (1 - y_i) log(1 - a_i)].

    ``A`` is clipped to [1e-15, 1 - 1e-15] first, so J stays finite when ``A`` is exactly 0 or 1.

    Parameters
    ----------
    A : array_like, shape (1, m)
        Predicted probabilities P(y = 1 | x), in [0, 1].
    Y : array_like, shape (1, m)
        Labels, 0 or 1 (values in [0, 1] are accepted).

    Returns
    -------
    cost : float
        J >= 0, a Python float.
    """
    return _bce(*check_A_Y(A, Y))


def binary_cross_entropy_grad(A, Y):
    """Gradient of the per-example loss with respect to A: dA = -(Y / A - (1 - Y) / (1 - A)).

    This is Ng's ``dAL``: the derivative of L_i = -[y_i log a_i + (1 - y_i) log(1 - a_i)], i.e.
    m dJ/dA. The 1/m of the mean is applied later, in ``dW`` and ``db`` (see
    :func:`nnkit.deep.linear_backward`). ``A`` is clipped like in :func:`binary_cross_entropy`.

    Parameters
    ----------
    A : array_like, shape (1, m)
        Predicted probabilities, in [0, 1].
    Y : array_like, shape (1, m)
        Labels.

    Returns
    -------
    dA : ndarray of float64, shape (1, m)
    """
    return _bce_grad(*check_A_Y(A, Y))


def cost_from_logits(Z, Y):
    """The cross-entropy cost of A = sigmoid(Z), computed from Z without forming A:

    J = (1/m) sum_i [ log(1 + exp(z_i)) - y_i z_i ],

    with log(1 + exp(z)) = logaddexp(0, z) (log-sum-exp), exact and finite for any finite z, where
    clipping A would cap each term at -log(1e-15) ~ 34.5.

    Parameters
    ----------
    Z : array_like, shape (1, m)
        Logits (pre-activations of the output unit).
    Y : array_like, shape (1, m)
        Labels, in [0, 1].

    Returns
    -------
    cost : float
    """
    Z = check_row(Z, "Z")
    Y = check_row(Y, "Y", Z.shape[1])
    return float(np.sum(np.logaddexp(0.0, Z) - Y * Z) / Z.shape[1])


__all__ = ["binary_cross_entropy", "binary_cross_entropy_grad", "cost_from_logits", "EPS"]
