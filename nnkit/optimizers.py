"""Assignment 06: mini-batches, and gradient descent with momentum, RMSprop and Adam.

Every update rule works key by key on ``parameters = {"W1": ..., "b1": ..., ...}`` with the gradients
``grads = {"dW1": ..., "db1": ...}`` and state dicts keyed like the gradients (Ng's convention:
``v["dW1"]``, ``s["db2"]``). For each parameter W with gradient dW:

- gradient descent: W <- W - lr dW
- momentum:         v <- beta v + (1 - beta) dW;             W <- W - lr v
- RMSprop:          s <- beta s + (1 - beta) dW^2;           W <- W - lr dW / (sqrt(s) + epsilon)
- Adam:             v <- beta1 v + (1 - beta1) dW;  s <- beta2 s + (1 - beta2) dW^2;
                    v_hat = v / (1 - beta1^t);  s_hat = s / (1 - beta2^t)   (t = 1, 2, ...)
                    W <- W - lr v_hat / (sqrt(s_hat) + epsilon)

Nothing passed in is modified: each update returns new dicts of new arrays.
"""

from collections.abc import Mapping

import numpy as np

from nnkit._validate import as_generator, check_positive_int, check_scalar, check_X_Y


def _aligned(parameters, *named):
    """``[(key, p, x1, x2, ...)]``: each parameter with ``d["d" + key]`` from each ``(d, name)`` in
    ``named``, checking that the keys are there and the shapes agree."""
    try:  # the fast path of a training loop: dicts of arrays of matching shapes
        rows = []
        for key, p in parameters.items():
            dkey = "d" + key
            row = [key, p]
            for d, _ in named:
                x = d[dkey]
                if type(x) is not np.ndarray or x.shape != p.shape:
                    raise TypeError
                row.append(x)
            rows.append(row)
        if rows:
            return rows
    except (KeyError, TypeError, AttributeError):
        pass
    return _aligned_checked(parameters, *named)


def _aligned_checked(parameters, *named):
    """:func:`_aligned` for anything else: converts lists, or raises a ValueError naming the problem."""
    if not isinstance(parameters, Mapping) or not parameters:
        raise ValueError(f"parameters must be a non-empty dict such as {{'W1': ..., 'b1': ...}}; got {parameters!r:.60}")
    for d, name in named:
        if not isinstance(d, Mapping):
            raise ValueError(f"{name} must be a dict with keys 'dW1', 'db1', ...; got {type(d).__name__}")
    out = []
    for key, p in parameters.items():
        dkey = "d" + key
        if type(p) is not np.ndarray:
            p = np.asarray(p, dtype=np.float64)
        row = [key, p]
        for d, name in named:
            x = d.get(dkey)
            if x is None:
                raise ValueError(f"{name} is missing key {dkey!r}")
            if type(x) is not np.ndarray:
                x = np.asarray(x, dtype=np.float64)
            if x.shape != p.shape:
                raise ValueError(f"{name}[{dkey!r}] has shape {x.shape}; expected {p.shape} like parameters[{key!r}]")
            row.append(x)
        out.append(row)
    return out


def _rate(learning_rate):
    return check_scalar(learning_rate, "learning_rate", 0.0, include_low=False)


def _beta(beta, name="beta"):
    return check_scalar(beta, name, 0.0, 1.0, include_high=False)


def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    """Shuffle the examples (one permutation for X and Y) and cut them into mini-batches.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    Y : array_like, shape (1, m)
        Labels; column j stays paired with column j of X.
    mini_batch_size : int, default 64
        Examples per batch, >= 1.
    rng : numpy.random.Generator, int or None, default None
        The generator of the permutation, or a seed for a new one (None: a fresh, unseeded one).

    Returns
    -------
    mini_batches : list of (ndarray, ndarray)
        ``(X_batch (n_x, size), Y_batch (1, size))``: floor(m / mini_batch_size) full batches, then
        one with the remaining m mod mini_batch_size examples if that is not zero. New arrays.
    """
    X, Y = check_X_Y(X, Y)
    size = check_positive_int(mini_batch_size, "mini_batch_size")
    perm = as_generator(rng).permutation(X.shape[1])
    X, Y = X[:, perm], Y[:, perm]
    return [(X[:, k:k + size], Y[:, k:k + size]) for k in range(0, X.shape[1], size)]


def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent: W <- W - learning_rate * dW for every parameter.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL", "bL"}`` (any keys; each needs a ``"d" + key``
        gradient).
    grads : dict of ndarray
        ``{"dW1": (n_1, n_0), "db1": (n_1, 1), ...}``; other keys (``"dA1"``, ...) are ignored.
    learning_rate : float
        Step size, > 0.

    Returns
    -------
    parameters : dict of ndarray
        A new dict of new arrays, same keys and shapes.
    """
    lr = _rate(learning_rate)
    return {k: p - lr * g for k, p, g in _aligned(parameters, (grads, "grads"))}


def initialize_velocity(parameters):
    """Zero velocities for momentum (and for Adam's first moment).

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.

    Returns
    -------
    v : dict of ndarray
        ``{"dW1": zeros (n_1, n_0), "db1": zeros (n_1, 1), ...}``, float64.
    """
    if not isinstance(parameters, Mapping) or not parameters:
        raise ValueError(f"parameters must be a non-empty dict such as {{'W1': ..., 'b1': ...}}; got {parameters!r:.60}")
    return {"d" + k: np.zeros(np.shape(p)) for k, p in parameters.items()}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    v <- beta v + (1 - beta) dW;  W <- W - learning_rate v  (and the same for every b).

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.
    grads : dict of ndarray
        ``{"dW1", "db1", ...}``, shapes of the parameters.
    v : dict of ndarray
        Velocities ``{"dW1", "db1", ...}`` (from :func:`initialize_velocity` at the first step).
    beta : float
        Momentum, in [0, 1) (0 is plain gradient descent).
    learning_rate : float
        Step size, > 0.

    Returns
    -------
    parameters : dict of ndarray
        Updated (new dict, new arrays).
    v : dict of ndarray
        Updated velocities (new dict, new arrays).
    """
    beta, lr = _beta(beta), _rate(learning_rate)
    new_p, new_v = {}, {}
    for k, p, g, vk in _aligned(parameters, (grads, "grads"), (v, "v")):
        vk = beta * vk + (1.0 - beta) * g
        new_v["d" + k], new_p[k] = vk, p - lr * vk
    return new_p, new_v


def initialize_rmsprop(parameters):
    """Zero running means of the squared gradients for RMSprop.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.

    Returns
    -------
    s : dict of ndarray
        ``{"dW1": zeros (n_1, n_0), "db1": zeros (n_1, 1), ...}``.
    """
    return initialize_velocity(parameters)


def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    """One step of RMSprop (no bias correction).

    s <- beta s + (1 - beta) dW^2;  W <- W - learning_rate dW / (sqrt(s) + epsilon).

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.
    grads : dict of ndarray
        ``{"dW1", "db1", ...}``.
    s : dict of ndarray
        Running means of squared gradients ``{"dW1", "db1", ...}``.
    beta : float
        Decay, in [0, 1) (commonly 0.9 or 0.999).
    learning_rate : float
        Step size, > 0.
    epsilon : float, default 1e-8
        Added after the square root, > 0.

    Returns
    -------
    parameters : dict of ndarray
        Updated (new dict, new arrays).
    s : dict of ndarray
        Updated (new dict, new arrays).
    """
    beta, lr = _beta(beta), _rate(learning_rate)
    epsilon = check_scalar(epsilon, "epsilon", 0.0, include_low=False)
    new_p, new_s = {}, {}
    for k, p, g, sk in _aligned(parameters, (grads, "grads"), (s, "s")):
        sk = beta * sk + (1.0 - beta) * g ** 2
        new_s["d" + k], new_p[k] = sk, p - lr * g / (np.sqrt(sk) + epsilon)
    return new_p, new_s


def initialize_adam(parameters):
    """Zero first and second moments for Adam.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.

    Returns
    -------
    v : dict of ndarray
        ``{"dW1": zeros, "db1": zeros, ...}``, the running mean of the gradients.
    s : dict of ndarray
        The same, for the running mean of the squared gradients (separate arrays).
    """
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam, with bias correction.

    v <- beta1 v + (1 - beta1) dW;   s <- beta2 s + (1 - beta2) dW^2;
    v_hat = v / (1 - beta1^t);  s_hat = s / (1 - beta2^t);
    W <- W - learning_rate v_hat / (sqrt(s_hat) + epsilon).

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.
    grads : dict of ndarray
        ``{"dW1", "db1", ...}``.
    v : dict of ndarray
        First moments ``{"dW1", "db1", ...}`` (uncorrected, as returned by the previous step).
    s : dict of ndarray
        Second moments, same keys (uncorrected).
    t : int
        The number of this step, counting from 1 (the first update has t = 1).
    learning_rate : float, default 0.01
        Step size, > 0.
    beta1 : float, default 0.9
        Decay of the first moment, in [0, 1).
    beta2 : float, default 0.999
        Decay of the second moment, in [0, 1).
    epsilon : float, default 1e-8
        Added after the square root, > 0.

    Returns
    -------
    parameters : dict of ndarray
        Updated (new dict, new arrays).
    v : dict of ndarray
        Updated first moments, uncorrected (new dict, new arrays).
    s : dict of ndarray
        Updated second moments, uncorrected (new dict, new arrays).
    """
    t = check_positive_int(t, "t")
    lr, beta1, beta2 = _rate(learning_rate), _beta(beta1, "beta1"), _beta(beta2, "beta2")
    epsilon = check_scalar(epsilon, "epsilon", 0.0, include_low=False)
    c1, c2 = 1.0 - beta1 ** t, 1.0 - beta2 ** t
    new_p, new_v, new_s = {}, {}, {}
    for k, p, g, vk, sk in _aligned(parameters, (grads, "grads"), (v, "v"), (s, "s")):
        vk = beta1 * vk + (1.0 - beta1) * g
        sk = beta2 * sk + (1.0 - beta2) * g ** 2
        new_v["d" + k], new_s["d" + k] = vk, sk
        new_p[k] = p - lr * (vk / c1) / (np.sqrt(sk / c2) + epsilon)
    return new_p, new_v, new_s


__all__ = ["random_mini_batches", "update_parameters_with_gd", "initialize_velocity",
           "update_parameters_with_momentum", "initialize_rmsprop", "update_parameters_with_rmsprop",
           "initialize_adam", "update_parameters_with_adam"]
