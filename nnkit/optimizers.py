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

from collections.abc import Callable, Mapping
from typing import NamedTuple

import numpy as np

from nnkit._validate import as_generator, check_positive_int, check_scalar, check_X_Y


def _aligned(parameters, *named):
    """``(keys, columns)``: the parameters' keys and, for the parameters and each ``(d, name)`` of
    ``named``, the list of arrays in that order (``d["d" + key]``), checking that the keys are there
    and the shapes agree."""
    try:  # the fast path of a training loop: dicts of arrays of matching shapes
        keys = list(parameters)
        ps = list(parameters.values())
        columns = [ps]
        for d, _ in named:
            col = [d["d" + k] for k in keys]
            for x, p in zip(col, ps):
                if type(x) is not np.ndarray or x.shape != p.shape:
                    raise TypeError
            columns.append(col)
        if keys and all(type(p) is np.ndarray for p in ps):
            return keys, columns
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
    keys = list(parameters)
    columns = [[p if type(p) is np.ndarray else np.asarray(p, dtype=np.float64) for p in parameters.values()]]
    for d, name in named:
        col = []
        for key, p in zip(keys, columns[0]):
            dkey = "d" + key
            x = d.get(dkey)
            if x is None:
                raise ValueError(f"{name} is missing key {dkey!r}")
            if type(x) is not np.ndarray:
                x = np.asarray(x, dtype=np.float64)
            if x.shape != p.shape:
                raise ValueError(f"{name}[{dkey!r}] has shape {x.shape}; expected {p.shape} like parameters[{key!r}]")
            col.append(x)
        columns.append(col)
    return keys, columns


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
    return apply_update("gd", parameters, grads, (), 1, learning_rate)[0]


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
    parameters, (v,) = apply_update("momentum", parameters, grads, (v,), 1, learning_rate, beta=beta)
    return parameters, v


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
    parameters, (s,) = apply_update("rmsprop", parameters, grads, (s,), 1, learning_rate, beta=beta, epsilon=epsilon)
    return parameters, s


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
    parameters, (v, s) = apply_update("adam", parameters, grads, (v, s), t, learning_rate, beta1=beta1, beta2=beta2,
                                      epsilon=epsilon)
    return parameters, v, s


# --------------------------------------------------------------------------------------------------
# The update rules as one table: what every training loop of nnkit runs (the trainer, the playground)


def _gd(params, grads, state, t, lr):
    """W <- W - lr dW, on lists of arrays (unchecked)."""
    return [p - lr * g for p, g in zip(params, grads)], state


def _momentum(params, grads, state, t, lr, beta):
    """v <- beta v + (1 - beta) dW;  W <- W - lr v."""
    v = [beta * vk + (1.0 - beta) * g for vk, g in zip(state[0], grads)]
    return [p - lr * vk for p, vk in zip(params, v)], (v,)


def _rmsprop(params, grads, state, t, lr, beta, epsilon):
    """s <- beta s + (1 - beta) dW^2;  W <- W - lr dW / (sqrt(s) + epsilon)."""
    s = [beta * sk + (1.0 - beta) * g ** 2 for sk, g in zip(state[0], grads)]
    return [p - lr * g / (np.sqrt(sk) + epsilon) for p, g, sk in zip(params, grads, s)], (s,)


def _adam(params, grads, state, t, lr, beta1, beta2, epsilon):
    """v, s as momentum and RMSprop; W <- W - lr (v / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + epsilon)."""
    c1, c2 = 1.0 - beta1 ** t, 1.0 - beta2 ** t
    out, v, s = [], [], []
    for p, g, vk, sk in zip(params, grads, state[0], state[1]):
        vk = beta1 * vk + (1.0 - beta1) * g
        sk = beta2 * sk + (1.0 - beta2) * g ** 2
        v.append(vk)
        s.append(sk)
        out.append(p - lr * (vk / c1) / (np.sqrt(sk / c2) + epsilon))
    return out, (v, s)


class UpdateRule(NamedTuple):
    """One update rule of :data:`UPDATE_RULES`.

    Attributes
    ----------
    init : callable
        ``init(parameters) -> tuple of state dicts`` (zeros keyed ``"dW1"``, ...): the public
        ``initialize_*`` functions.
    step : callable
        ``step(params, grads, state, t, lr, **hyper) -> (params, state)`` on lists of arrays in one
        order (``state`` a tuple of such lists), unchecked, returning new arrays: the rule's maths,
        written once; the public ``update_parameters_with_*`` functions run it too.
    state : tuple of str
        The names of the state dicts (``("v", "s")`` for Adam).
    hyper : tuple of str
        The hyper-parameters ``step`` takes by name, besides the learning rate.
    """

    init: Callable
    step: Callable
    state: tuple
    hyper: tuple


UPDATE_RULES = {
    "gd": UpdateRule(lambda parameters: (), _gd, (), ()),
    "momentum": UpdateRule(lambda parameters: (initialize_velocity(parameters),), _momentum, ("v",), ("beta",)),
    "rmsprop": UpdateRule(lambda parameters: (initialize_rmsprop(parameters),), _rmsprop, ("s",), ("beta", "epsilon")),
    "adam": UpdateRule(initialize_adam, _adam, ("v", "s"), ("beta1", "beta2", "epsilon")),
}
"""The update rules by name: gradient descent, momentum, RMSprop, Adam."""

_HYPER_CHECKS = {"beta": _beta, "beta1": _beta, "beta2": _beta,
                 "epsilon": lambda x, name: check_scalar(x, name, 0.0, include_low=False)}


def check_hyper(optimizer, **hyper):
    """The hyper-parameters of an update rule, checked.

    Parameters
    ----------
    optimizer : {"gd", "momentum", "rmsprop", "adam"}
        A name of :data:`UPDATE_RULES`.
    **hyper : float
        Exactly the rule's hyper-parameters (``UPDATE_RULES[optimizer].hyper``): betas in [0, 1),
        epsilon > 0.

    Returns
    -------
    hyper : dict of float
        The same values as floats, in the rule's order; a ValueError names an unknown rule, a
        hyper-parameter the rule does not take, or a value out of range.
    """
    if optimizer not in UPDATE_RULES:
        raise ValueError(f"optimizer must be one of {', '.join(map(repr, UPDATE_RULES))}; got {optimizer!r}")
    wanted = UPDATE_RULES[optimizer].hyper
    unknown = set(hyper) - set(wanted)
    if unknown:
        raise ValueError(f"{optimizer} takes {', '.join(wanted) or 'no hyper-parameter'} besides the learning rate; "
                         f"got {', '.join(sorted(unknown))}")
    return {k: _HYPER_CHECKS[k](hyper[k], k) for k in wanted}


def apply_update(optimizer, parameters, grads, state, t, learning_rate, **hyper):
    """One step of the update rule ``optimizer`` of :data:`UPDATE_RULES`, on dicts.

    Parameters
    ----------
    optimizer : {"gd", "momentum", "rmsprop", "adam"}
        The rule.
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ...}``.
    grads : dict of ndarray
        ``{"dW1", "db1", ...}``, shapes of the parameters; other keys are ignored.
    state : tuple of dict
        The rule's state dicts keyed like the gradients (``UPDATE_RULES[optimizer].init(parameters)``
        at the first step): ``()``, ``(v,)``, ``(s,)`` or ``(v, s)``.
    t : int
        The number of this step, counting from 1 (Adam's bias correction).
    learning_rate : float
        Step size, > 0.
    **hyper : float
        The rule's hyper-parameters (``beta``; ``beta``, ``epsilon``; ``beta1``, ``beta2``, ``epsilon``).

    Returns
    -------
    parameters : dict of ndarray
        Updated (new dict, new arrays).
    state : tuple of dict
        The updated state (new dicts, new arrays).
    """
    hyper = check_hyper(optimizer, **hyper)
    rule = UPDATE_RULES[optimizer]
    lr = _rate(learning_rate)
    if rule is UPDATE_RULES["adam"]:
        t = check_positive_int(t, "t")
    if not isinstance(state, (tuple, list)) or len(state) != len(rule.state):
        raise ValueError(f"state must be the tuple ({', '.join(rule.state)}) of {optimizer}")
    keys, (params, gs, *columns) = _aligned(parameters, (grads, "grads"), *zip(state, rule.state))
    params, state = rule.step(params, gs, tuple(columns), t, lr, **hyper)
    dkeys = ["d" + k for k in keys]
    return dict(zip(keys, params)), tuple(dict(zip(dkeys, col)) for col in state)


__all__ = ["UPDATE_RULES", "UpdateRule", "apply_update", "check_hyper", "random_mini_batches", "update_parameters_with_gd", "initialize_velocity",
           "update_parameters_with_momentum", "initialize_rmsprop", "update_parameters_with_rmsprop",
           "initialize_adam", "update_parameters_with_adam"]
