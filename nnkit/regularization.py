"""Assignment 05: L2 regularisation and inverted dropout.

L2 adds to the cost the penalty (lambd / (2m)) sum_l ||W_l||_F^2 (biases are not penalised), and so
adds (lambd / m) W_l to each dW_l ("weight decay").

Inverted dropout keeps each unit with probability keep_prob and scales the kept ones by
1 / keep_prob, so that E[A_drop] = A and nothing changes at test time::

    mask = (U < keep_prob) with U ~ Uniform[0, 1), A_drop = A * mask / keep_prob
    dA   = dA_drop * mask / keep_prob           (the same mask, on the way back)
"""

from collections.abc import Mapping

import numpy as np

from nnkit._validate import (as_float_array, as_generator, check_keep_prob, check_positive_int,
                             check_scalar)


def _weight_keys(parameters):
    if not isinstance(parameters, Mapping):
        raise ValueError(f"parameters must be a dict with keys 'W1', 'b1', ...; got {type(parameters).__name__}")
    keys = [k for k in parameters if isinstance(k, str) and k[:1] == "W" and k[1:].isdigit()]
    if not keys:
        raise ValueError(f"parameters has no weight keys 'W1', 'W2', ...; it has {sorted(map(str, parameters))}")
    return keys


def _lambd_m(lambd, m):
    return check_scalar(lambd, "lambd", 0.0), check_positive_int(m, "m")


def _dropout_forward(A, keep_prob, rng):
    mask = (rng.random(A.shape) < keep_prob).astype(np.float64)
    return A * mask / keep_prob, mask


def _dropout_backward(dA, mask, keep_prob):
    return dA * mask / keep_prob


def _weight_decay(dWs, Ws, decay):
    """[dW + decay W]: the L2 term's gradient added, decay = lambd / m (lists of arrays, unchecked)."""
    return [dW + decay * W for dW, W in zip(dWs, Ws)]


def l2_penalty(parameters, lambd, m):
    """The L2 cost term: (lambd / (2m)) sum_l ||W_l||_F^2, over every "W{l}" key.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``; only the W's count.
    lambd : float
        Regularisation strength, >= 0.
    m : int
        Number of examples, >= 1.

    Returns
    -------
    penalty : float
        To be added to the cross-entropy cost.
    """
    lambd, m = _lambd_m(lambd, m)
    total = sum(float(np.sum(np.square(np.asarray(parameters[k], dtype=np.float64))))
                for k in _weight_keys(parameters))
    return lambd / (2 * m) * total


def l2_gradients(grads, parameters, lambd, m):
    """The gradients of the regularised cost: dW_l + (lambd / m) W_l for every "dW{l}".

    Parameters
    ----------
    grads : dict of ndarray
        ``{"dW1": (n_1, n_0), "db1": (n_1, 1), ...}`` of the unregularised cost.
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.
    lambd : float
        Regularisation strength, >= 0.
    m : int
        Number of examples, >= 1.

    Returns
    -------
    grads : dict of ndarray
        A new dict: each ``dW{l}`` with (lambd / m) W_l added; ``db{l}`` and every other entry copied
        unchanged.
    """
    lambd, m = _lambd_m(lambd, m)
    if not isinstance(grads, Mapping):
        raise ValueError(f"grads must be a dict with keys 'dW1', 'db1', ...; got {type(grads).__name__}")
    weight_keys = set(_weight_keys(parameters))
    out = {}
    for key, g in grads.items():
        if isinstance(key, str) and key[:2] == "dW" and key[2:].isdigit():
            if key[1:] not in weight_keys:
                raise ValueError(f"parameters is missing key {key[1:]!r} (grads has {key!r})")
            W = np.asarray(parameters[key[1:]], dtype=np.float64)
            if np.shape(g) != W.shape:
                raise ValueError(f"grads[{key!r}] has shape {np.shape(g)}; expected {W.shape} like parameters[{key[1:]!r}]")
            out[key], = _weight_decay([np.asarray(g, dtype=np.float64)], [W], lambd / m)
        else:
            out[key] = g.copy() if isinstance(g, np.ndarray) else g
    return out


def dropout_forward(A, keep_prob, rng):
    """Inverted dropout: keep each unit with probability keep_prob and scale the kept by 1 / keep_prob.

    mask = (rng.random(A.shape) < keep_prob) as 0.0 / 1.0;  A_drop = A * mask / keep_prob.

    Parameters
    ----------
    A : array_like, shape (n_l, m)
        Activations of a layer (any shape works).
    keep_prob : float
        Probability of keeping a unit, in (0, 1]; 1 keeps every unit (A_drop is a copy of A).
    rng : numpy.random.Generator, int or None
        The generator of the mask, or a seed for a new one (None: a fresh, unseeded one).

    Returns
    -------
    A_drop : ndarray of float64, shape of A
        The activations after dropout; E[A_drop] = A.
    mask : ndarray of float64, shape of A
        1.0 for kept units, 0.0 for dropped ones; keep it for :func:`dropout_backward`.
    """
    return _dropout_forward(as_float_array(A, "A"), check_keep_prob(keep_prob), as_generator(rng))


def dropout_backward(dA, mask, keep_prob):
    """Backward pass of inverted dropout: dA * mask / keep_prob (gradient flows only through kept units).

    Parameters
    ----------
    dA : array_like, shape (n_l, m)
        Gradient with respect to A_drop.
    mask : array_like, shape of dA
        The mask returned by :func:`dropout_forward`.
    keep_prob : float
        The same keep_prob, in (0, 1].

    Returns
    -------
    dA : ndarray of float64, shape of dA
        Gradient with respect to A (a new array).
    """
    dA = as_float_array(dA, "dA")
    mask = as_float_array(mask, "mask")
    keep_prob = check_keep_prob(keep_prob)
    if mask.shape != dA.shape:
        raise ValueError(f"mask must have the shape of dA {dA.shape}; got {mask.shape}")
    return _dropout_backward(dA, mask, keep_prob)


__all__ = ["l2_penalty", "l2_gradients", "dropout_forward", "dropout_backward"]
