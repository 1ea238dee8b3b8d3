"""Assignment 08: more than two classes, an L-layer network with a softmax output.

With C classes the labels ``y (1, m)`` hold integers 0..C-1; :func:`one_hot` turns them into
``Y (C, m)``, one column per example with a single 1 in the row of its class. The network is that of
:mod:`nnkit.deep` with its last layer changed (A0 = X, l = 1..L)::

    Z_l = W_l A_{l-1} + b_l,   A_l = relu(Z_l) for l < L,   A_L = softmax(Z_L)   (over each column)

and the cost is the categorical cross-entropy, the mean over the m examples of ``-sum_c Y log A_L``.
Computed from the logits Z_L with log-sum-exp (``log softmax(z) = z - max z - log sum exp(z - max z)``)
it stays finite for logits of any size, and its gradient with respect to Z_L is, per example,

    dZ_L = A_L - Y

(the 1/m of the mean is left to ``linear_backward``, as in 07). The caches and the grads keys are
07's: ``caches[l - 1] = ((A_{l-1}, W_l, b_l), Z_l)``, ``grads = {"dW{l}", "db{l}", "dA{l-1}"}``.
"""

import numbers

import numpy as np

from nnkit._validate import (_check_range, check_2d, check_features, check_positive_int, check_scalar,
                             parameter_layers)
from nnkit.activations import _relu, _relu_grad, softmax
from nnkit.deep import _activation_backward, _activation_forward, _linear_backward, _linear_forward, check_caches

# --------------------------------------------------------------------------------------------------
# Checks


def _check_labels(y, C):
    """``y`` as an int64 array of shape (1, m) with values in 0..C-1."""
    a = np.asarray(y)
    if a.dtype == object or not (np.issubdtype(a.dtype, np.integer) or np.issubdtype(a.dtype, np.floating)
                                 or a.dtype == bool):
        raise ValueError(f"y must be an array of integer labels of shape (1, m); got dtype {a.dtype}")
    if a.ndim != 2 or a.shape[0] != 1 or a.size == 0:
        hint = " (use y.reshape(1, -1) for a row)" if a.ndim == 1 else (
            " (a column: did you mean its transpose?)" if a.ndim == 2 and a.shape[1] == 1 else "")
        raise ValueError(f"y must have shape (1, m), one label per example; got shape {a.shape}{hint}")
    if np.issubdtype(a.dtype, np.floating):
        if not np.isfinite(a).all() or np.any(a != np.round(a)):
            raise ValueError("y must hold whole numbers (class labels 0..C-1); got values that are not")
    a = a.astype(np.int64)
    lo, hi = int(a.min()), int(a.max())
    if lo < 0 or hi >= C:
        raise ValueError(f"y must hold labels in 0..C-1 = 0..{C - 1}; got values in [{lo}, {hi}]")
    return a


def _check_probabilities_and_labels(A, Y, a_name):
    """``(A, Y)`` as float64 arrays of the same shape (C, m), both with values in [0, 1]."""
    A, Y = check_2d(A, a_name, "(C, m)"), check_2d(Y, "Y", "(C, m)")
    if A.shape != Y.shape:
        hint = " (is Y transposed?)" if Y.shape == A.shape[::-1] else ""
        raise ValueError(f"{a_name} and Y must have the same shape (C, m); got {a_name} {A.shape} and Y {Y.shape}{hint}")
    _check_range(A, a_name, "probabilities", " (did you pass Z instead of A = softmax(Z)?)")
    _check_range(Y, "Y", "one-hot labels", " (Y must be one_hot(y, C), not the labels y)")
    return A, Y


def _log_softmax(Z):
    """log softmax(Z) over each column, by log-sum-exp: finite for finite Z of any size."""
    shifted = Z - Z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


# --------------------------------------------------------------------------------------------------
# Public functions


def one_hot(y, C):
    """One-hot encoding of integer labels: Y[c, i] = 1 if y[0, i] == c, else 0.

    Parameters
    ----------
    y : array_like of int, shape (1, m)
        Class labels in 0..C-1, one per example (floats holding whole numbers are accepted).
    C : int
        Number of classes, >= 1.

    Returns
    -------
    Y : ndarray of float64, shape (C, m)
        Each column holds a single 1, in the row of its example's class.
    """
    C = check_positive_int(C, "C")
    y = _check_labels(y, C)
    m = y.shape[1]
    Y = np.zeros((C, m))
    Y[y[0], np.arange(m)] = 1.0
    return Y


def softmax_cross_entropy(Z, Y):
    """Categorical cross-entropy of softmax(Z) against Y, from the logits, and its gradient.

    cost = -(1/m) sum_i sum_c Y[c, i] log softmax(Z)[c, i], with log softmax computed as
    ``Z - max - log(sum(exp(Z - max)))`` over each column (log-sum-exp), so the cost is finite for
    logits as large as 1e4 in size. dZ = softmax(Z) - Y is the gradient of each example's loss with
    respect to its column of Z (no 1/m: :func:`nnkit.deep.linear_backward` divides by m).

    Parameters
    ----------
    Z : array_like, shape (C, m)
        Logits of the output layer, one column per example.
    Y : array_like, shape (C, m)
        One-hot labels (:func:`one_hot`); any columns of probabilities are accepted.

    Returns
    -------
    cost : float
        The mean of the m examples' losses, >= 0.
    dZ : ndarray of float64, shape (C, m)
        softmax(Z) - Y.
    """
    Z, Y = check_2d(Z, "Z", "(C, m)"), check_2d(Y, "Y", "(C, m)")
    if Z.shape != Y.shape:
        hint = " (is Y transposed?)" if Y.shape == Z.shape[::-1] else ""
        raise ValueError(f"Z and Y must have the same shape (C, m); got Z {Z.shape} and Y {Y.shape}{hint}")
    _check_range(Y, "Y", "one-hot labels", " (Y must be one_hot(y, C), not the labels y)")
    log_p = _log_softmax(Z)
    cost = -float(np.sum(Y * log_p)) / Z.shape[1]
    return cost, np.exp(log_p) - Y


def L_model_forward_softmax(X, parameters):
    """Forward pass: [LINEAR -> RELU] x (L-1) -> LINEAR -> SOFTMAX.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL": (C, n_{L-1}), "bL": (C, 1)}``; L is the
        number of W keys and C = n_L the number of classes.

    Returns
    -------
    AL : ndarray of float64, shape (C, m)
        Class probabilities: each column is >= 0 and sums to 1.
    caches : list of tuple
        One ``((A_prev, W, b), Z)`` per layer, layer 1 first (07's layout).
    """
    layers = parameter_layers(parameters)
    A = check_features(X, layers[0][0].shape[1])
    caches = []
    for W, b in layers[:-1]:
        A, cache = _activation_forward(A, W, b, _relu)
        caches.append(cache)
    W, b = layers[-1]
    Z, linear_cache = _linear_forward(A, W, b)
    caches.append((linear_cache, Z))
    return softmax(Z), caches


def L_model_backward_softmax(AL, Y, caches):
    """Backward pass of :func:`L_model_forward_softmax` and the categorical cross-entropy.

    Starts from dZ_L = AL - Y (softmax and cross-entropy together), then dW_L, db_L, dA_{L-1} by
    :func:`nnkit.deep.linear_backward`, then back through the ReLU layers L-1..1.

    Parameters
    ----------
    AL : array_like, shape (C, m)
        Output of :func:`L_model_forward_softmax`.
    Y : array_like, shape (C, m)
        One-hot labels.
    caches : list of tuple
        The caches of :func:`L_model_forward_softmax`, layer 1 first.

    Returns
    -------
    grads : dict of ndarray
        ``"dW{l}"`` (n_l, n_{l-1}) and ``"db{l}"`` (n_l, 1) for l = 1..L, and ``"dA{l}"`` (n_l, m)
        for l = 0..L-1 (the gradient with respect to each layer's input).
    """
    AL, Y = _check_probabilities_and_labels(AL, Y, "AL")
    check_caches(caches, AL.shape, "L_model_forward_softmax")
    L = len(caches)
    grads = {}
    dA, grads[f"dW{L}"], grads[f"db{L}"] = _linear_backward(AL - Y, caches[-1][0])
    grads[f"dA{L - 1}"] = dA
    for l in range(L - 1, 0, -1):
        dA, grads[f"dW{l}"], grads[f"db{l}"] = _activation_backward(dA, caches[l - 1], _relu_grad)
        grads[f"dA{l - 1}"] = dA
    return grads


def predict_classes(X, parameters):
    """The most probable class of each example: the argmax over each column of AL.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs.
    parameters : dict of ndarray
        As in :func:`L_model_forward_softmax`.

    Returns
    -------
    classes : ndarray of int64, shape (1, m)
        Labels in 0..C-1.
    """
    AL, _ = L_model_forward_softmax(X, parameters)
    return np.argmax(AL, axis=0).reshape(1, -1).astype(np.int64)


def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
    """Learning rate after ``epoch_num`` epochs, decayed in steps of ``time_interval`` epochs:

    learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval)).

    Parameters
    ----------
    learning_rate0 : float
        Initial learning rate, > 0.
    epoch_num : int
        Epochs done so far, >= 0.
    decay_rate : float
        How fast the rate falls, >= 0 (0: no decay).
    time_interval : int, default 1
        The rate changes once every ``time_interval`` epochs, >= 1.

    Returns
    -------
    learning_rate : float
    """
    learning_rate0 = check_scalar(learning_rate0, "learning_rate0", 0.0, include_low=False)
    if isinstance(epoch_num, numbers.Real) and not isinstance(epoch_num, (bool, numbers.Integral)) \
            and float(epoch_num).is_integer():
        epoch_num = int(epoch_num)
    epoch_num = check_positive_int(epoch_num, "epoch_num", allow_zero=True)
    decay_rate = check_scalar(decay_rate, "decay_rate", 0.0)
    time_interval = check_positive_int(time_interval, "time_interval")
    return learning_rate0 / (1.0 + decay_rate * (epoch_num // time_interval))


__all__ = ["one_hot", "softmax_cross_entropy", "L_model_forward_softmax", "L_model_backward_softmax",
           "predict_classes", "learning_rate_decay"]
