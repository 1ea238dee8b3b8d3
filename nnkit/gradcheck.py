"""Gradient checking: compare backprop's gradients with centred differences of the cost.

For each parameter theta_i (all the parameters flattened into one vector)::

    gradapprox_i = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)

and the check returns the relative difference

    ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2),

about 1e-7 or less when backprop is right, 1e-3 or more when it is wrong.
"""

from collections.abc import Mapping

import numpy as np

from nnkit._validate import check_scalar


def dictionary_to_vector(d, keys):
    """Flatten ``d[k]`` for k in ``keys``, in that order, into one column.

    Parameters
    ----------
    d : dict of array_like
        E.g. parameters ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}`` or grads ``{"dW1": ...}``.
    keys : sequence of str
        The keys to take, in order.

    Returns
    -------
    theta : ndarray of float64, shape (n, 1)
        n = the total number of entries.
    """
    if not isinstance(d, Mapping):
        raise ValueError(f"d must be a dict of arrays; got {type(d).__name__}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise ValueError(f"the dict is missing key {missing[0]!r}")
    if not keys:
        raise ValueError("keys must name at least one entry")
    return np.concatenate([np.asarray(d[k], dtype=np.float64).reshape(-1, 1) for k in keys])


def vector_to_dictionary(theta, shapes):
    """Undo :func:`dictionary_to_vector`: cut ``theta`` into arrays of the given shapes.

    Parameters
    ----------
    theta : array_like, shape (n, 1) or (n,)
        The flattened values.
    shapes : dict of tuple
        ``{key: shape}`` in the order used to flatten, e.g. ``{k: p.shape for k, p in params.items()}``.

    Returns
    -------
    d : dict of ndarray
        New arrays (copies), one per key, in the order of ``shapes``.
    """
    if not isinstance(shapes, Mapping):
        raise ValueError(f"shapes must be a dict {{key: shape}}; got {type(shapes).__name__}")
    theta = np.asarray(theta, dtype=np.float64).ravel()
    sizes = [int(np.prod(s)) for s in shapes.values()]
    if sum(sizes) != theta.size:
        raise ValueError(f"theta has {theta.size} entries but the shapes need {sum(sizes)}")
    out, start = {}, 0
    for (k, s), n in zip(shapes.items(), sizes):
        out[k] = theta[start:start + n].reshape(s).copy()
        start += n
    return out


def relative_difference(a, b):
    """||a - b||_2 / (||a||_2 + ||b||_2), and 0.0 when both are zero.

    Parameters
    ----------
    a, b : array_like, the same shape

    Returns
    -------
    diff : float
        In [0, 1].
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape; got {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_check_n(parameters, X, Y, forward_cost, grads, epsilon=1e-7, keys=None):
    """Centred-difference gradient check for any dict of parameters.

    Parameters
    ----------
    parameters : dict of ndarray
        The point at which to check, e.g. ``{"W1", "b1", ..., "WL", "bL"}`` (not modified).
    X : array_like, shape (n_x, m)
        Inputs, passed through to ``forward_cost``.
    Y : array_like, shape (1, m)
        Labels, passed through to ``forward_cost``.
    forward_cost : callable
        ``forward_cost(parameters, X, Y) -> float``, the cost J at those parameters.
    grads : dict of ndarray
        The analytic gradients to check: ``grads["d" + key]`` for every checked key.
    epsilon : float, default 1e-7
        Half-width of the centred difference, > 0.
    keys : sequence of str, optional
        The parameters to check, in the order they are flattened; default all of ``parameters``.

    Returns
    -------
    difference : float
        ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2).
    """
    epsilon = check_scalar(epsilon, "epsilon", 0.0, include_low=False)
    if not callable(forward_cost):
        raise ValueError(f"forward_cost must be a function (parameters, X, Y) -> float; got {type(forward_cost).__name__}")
    for d, name in ((parameters, "parameters"), (grads, "grads")):
        if not isinstance(d, Mapping):
            raise ValueError(f"{name} must be a dict of arrays; got {type(d).__name__}")
    keys = list(parameters) if keys is None else list(keys)
    missing = [k for k in keys if "d" + k not in grads]
    if missing:
        raise ValueError(f"grads is missing key {'d' + missing[0]!r}")
    shapes = {k: np.shape(parameters[k]) for k in keys}
    for k in keys:
        if np.shape(grads["d" + k]) != shapes[k]:
            raise ValueError(f"grads['d{k}'] has shape {np.shape(grads['d' + k])}; "
                             f"expected {shapes[k]} like parameters[{k!r}]")
    theta = dictionary_to_vector(parameters, keys)
    grad = dictionary_to_vector(grads, ["d" + k for k in keys])

    def cost_at(vector):
        cost = forward_cost({**parameters, **vector_to_dictionary(vector, shapes)}, X, Y)
        if np.ndim(cost) != 0 or not np.isfinite(cost):
            raise ValueError(f"forward_cost must return a finite number; got {cost!r:.60}")
        return float(cost)

    gradapprox = np.empty_like(theta)
    for i in range(theta.shape[0]):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += epsilon
        minus[i] -= epsilon
        gradapprox[i] = (cost_at(plus) - cost_at(minus)) / (2.0 * epsilon)
    return relative_difference(grad, gradapprox)


__all__ = ["dictionary_to_vector", "vector_to_dictionary", "relative_difference", "gradient_check_n"]
