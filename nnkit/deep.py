"""Assignment 07: an L-layer network (ReLU hidden layers, sigmoid output), built from forward/backward pairs.

Layer l (l = 1..L, A0 = X)::

    Z_l = W_l A_{l-1} + b_l        linear_forward,            cache (A_{l-1}, W_l, b_l)
    A_l = g_l(Z_l)                 linear_activation_forward, cache (linear_cache, Z_l)

and backwards, from dA_L = -(Y / A_L - (1 - Y) / (1 - A_L))::

    dZ_l     = dA_l * g_l'(Z_l)                                 linear_activation_backward
    dW_l     = (1/m) dZ_l A_{l-1}^T                             linear_backward
    db_l     = (1/m) sum(dZ_l, axis=1, keepdims=True)
    dA_{l-1} = W_l^T dZ_l

g_l is ReLU (or ``hidden_activation``) for l < L and sigmoid for l = L. Activations are taken by
name from :data:`nnkit.activations.ACTIVATIONS` / ``DERIVATIVES``. The public functions check their
arguments; :func:`L_model_forward` and :func:`L_model_backward` check once and then run the
unchecked per-layer kernels, so a training step pays for the checks once.
"""

import functools

import numpy as np

from nnkit._validate import (as_generator, check_2d, check_A_Y, check_activation, check_features,
                             check_linear, check_positive_int, parameter_layers)
from nnkit.activations import _BACKWARD, _FORWARD, _sigmoid, _sigmoid_grad
from nnkit.losses import _bce_grad
from nnkit.optimizers import update_parameters_with_gd
from nnkit.regularization import _dropout_backward, _dropout_forward

# --------------------------------------------------------------------------------------------------
# Kernels (no checks)


def _linear_forward(A_prev, W, b):
    return W @ A_prev + b, (A_prev, W, b)


def _activation_forward(A_prev, W, b, g):
    Z = W @ A_prev + b  # _linear_forward, inline: this runs every layer of every training step
    return g(Z), ((A_prev, W, b), Z)


def _weight_grads(dZ, A_prev):
    m = A_prev.shape[1]
    return dZ @ A_prev.T / m, np.add.reduce(dZ, axis=1, keepdims=True) / m


def _linear_backward(dZ, linear_cache):
    A_prev, W, _ = linear_cache
    dW, db = _weight_grads(dZ, A_prev)
    return W.T @ dZ, dW, db


def _activation_backward(dA, cache, g_grad):
    linear_cache, Z = cache
    return _linear_backward(dA * g_grad(Z), linear_cache)


# --------------------------------------------------------------------------------------------------
# The passes through the whole network, with dropout: every loop of nnkit runs these (L_model_forward
# and L_model_backward, forward_with_dropout and backward_with_dropout, the trainer, the playground),
# each with its own layer functions.


def forward_pass(X, layers, hidden, output, keep_prob=1.0, rng=None):
    """The forward pass of an L-layer network, with inverted dropout after each hidden layer; checks nothing.

    For l = 1..L-1: ``A_l, cache_l = hidden(A_{l-1}, W_l, b_l)``, then, if keep_prob < 1,
    ``mask_l = (U < keep_prob)`` with U drawn from ``rng`` and ``A_l = A_l * mask_l / keep_prob``
    (the next layer's cache holds the dropped-out A_l); the output layer is
    ``AL, cache_L = output(A_{L-1}, W_L, b_L)``, never dropped out.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, float64.
    layers : sequence of (ndarray, ndarray)
        ``(W_l (n_l, n_{l-1}), b_l (n_l, 1))`` for l = 1..L.
    hidden, output : callable
        ``(A_prev, W, b) -> (A, cache)``: a hidden layer and the output layer (e.g.
        :func:`linear_activation_forward` with an activation, or a student's function).
    keep_prob : float, default 1.0
        Probability of keeping a hidden unit, in (0, 1]; 1 draws no mask.
    rng : numpy.random.Generator, optional
        The generator of the masks (needed when keep_prob < 1).

    Returns
    -------
    AL : ndarray, shape (n_L, m)
    caches : list
        The L caches, layer 1 first.
    masks : list of ndarray
        mask_l (n_l, m) for l = 1..L-1; empty when keep_prob is 1.
    """
    A, caches, masks = X, [], []
    for W, b in layers[:-1]:
        A, cache = hidden(A, W, b)
        caches.append(cache)
        if keep_prob < 1.0:
            A, mask = _dropout_forward(A, keep_prob, rng)
            masks.append(mask)
    A, cache = output(A, *layers[-1])
    caches.append(cache)
    return A, caches, masks


def backward_pass(AL, Y, caches, masks, keep_prob, hidden, output, first=None):
    """The backward pass of :func:`forward_pass`: the same masks, the same scaling, in reverse; checks nothing.

    ``dA_{L-1}, dW_L, db_L = output(AL, Y, cache_L)``; then for l = L-1..1: ``dA_l = dA_l * mask_l /
    keep_prob`` (with dropout) and ``dA_{l-1}, dW_l, db_l = hidden(dA_l, cache_l)``.

    Parameters
    ----------
    AL : ndarray, shape (n_L, m)
    Y : ndarray, shape (n_L, m)
    caches : list
        The caches of :func:`forward_pass`.
    masks : list of ndarray
        Its masks (empty without dropout).
    keep_prob : float
        The same keep_prob.
    hidden : callable
        ``(dA, cache) -> (dA_prev, dW, db)`` for a hidden layer.
    output : callable
        ``(AL, Y, cache) -> (dA_prev, dW, db)`` for the output layer and the cost together.
    first : callable, optional
        The backward of layer 1 when dA_0 (the gradient of X) is not wanted, ``(dA, cache) -> (None,
        dW, db)`` (a training loop saves a product); by default ``hidden``.

    Returns
    -------
    dWs, dbs : list of ndarray
        dW_l (n_l, n_{l-1}) and db_l (n_l, 1) for l = 1..L.
    dAs : list of ndarray
        dA_l (n_l, m), the gradient with respect to layer l+1's input, for l = 0..L-1 (dA_0 is None
        with ``first``).
    """
    L = len(caches)
    dWs, dbs, dAs = [None] * L, [None] * L, [None] * L
    dA, dWs[-1], dbs[-1] = output(AL, Y, caches[-1])
    for l in range(L - 1, 0, -1):
        dAs[l] = dA
        if masks:
            dA = _dropout_backward(dA, masks[l - 1], keep_prob)
        dA, dWs[l - 1], dbs[l - 1] = (first if l == 1 and first is not None else hidden)(dA, caches[l - 1])
    dAs[0] = dA
    return dWs, dbs, dAs


def _layer(g):
    """The reference's layer of activation function g, for :func:`forward_pass`."""
    return functools.partial(_activation_forward, g=g)


def _layer_back(g_grad):
    """The reference's backward of a layer of activation derivative g_grad, for :func:`backward_pass`."""
    return functools.partial(_activation_backward, g_grad=g_grad)


def _output_back(AL, Y, cache):
    """The reference's output layer backward: dAL = -(Y / AL - (1 - Y) / (1 - AL)), through the sigmoid."""
    return _activation_backward(_bce_grad(AL, Y), cache, _sigmoid_grad)


# --------------------------------------------------------------------------------------------------
# Checks of caches


def _check_linear_cache(cache, name="cache"):
    if not isinstance(cache, (tuple, list)) or len(cache) != 3:
        raise ValueError(f"{name} must be the tuple (A_prev, W, b) returned by linear_forward; got {type(cache).__name__}"
                         + (f" of length {len(cache)}" if isinstance(cache, (tuple, list)) else ""))
    A_prev, W, b = cache
    W, b, A_prev = check_linear(W, b, A_prev, names=(f"{name} W", f"{name} b", f"{name} A_prev"))
    return A_prev, W, b


def _check_activation_cache(cache, name="cache"):
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise ValueError(f"{name} must be the tuple (linear_cache, Z) returned by linear_activation_forward")
    A_prev, W, b = _check_linear_cache(cache[0], f"{name}[0]")
    Z = check_2d(cache[1], f"{name} Z", "(n_l, m)")
    if Z.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"{name} Z must have shape (n_l, m) = {(W.shape[0], A_prev.shape[1])}; got {Z.shape}")
    return (A_prev, W, b), Z


def _check_grad(dX, name, shape):
    dX = check_2d(dX, name, "(n_l, m)")
    if dX.shape != shape:
        raise ValueError(f"{name} must have shape {shape} (that of Z in the cache); got {dX.shape}")
    return dX


# --------------------------------------------------------------------------------------------------
# Public functions


def initialize_parameters_deep(layer_dims, seed):
    """He initialisation of an L-layer network.

    With rng = numpy.random.default_rng(seed), for l = 1..L in order:
    W_l = rng.standard_normal((n_l, n_{l-1})) * sqrt(2 / n_{l-1}) and b_l = zeros((n_l, 1)).
    The standard deviation sqrt(2 / n_{l-1}) keeps the variance of ReLU activations about constant
    from layer to layer.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_0 = n_x, n_1, ..., n_L]``, at least two sizes, each >= 1.
    seed : int, numpy.random.Generator or None
        Seed of the generator (the same seed gives the same parameters), or a generator to draw from.

    Returns
    -------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}``.
    """
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__") or len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be a list of at least two layer sizes [n_x, ..., n_L]; got {layer_dims!r}")
    dims = [check_positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]
    rng = as_generator(seed, "seed")
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    return parameters


def linear_forward(A_prev, W, b):
    """The linear part of a layer: Z = W A_prev + b.

    Parameters
    ----------
    A_prev : array_like, shape (n_{l-1}, m)
        Activations of the previous layer (X for l = 1).
    W : array_like, shape (n_l, n_{l-1})
        Weights.
    b : array_like, shape (n_l, 1)
        Biases.

    Returns
    -------
    Z : ndarray of float64, shape (n_l, m)
    cache : tuple
        ``(A_prev, W, b)``, for :func:`linear_backward`.
    """
    W, b, A_prev = check_linear(W, b, A_prev)
    return _linear_forward(A_prev, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, A = g(Z).

    Parameters
    ----------
    A_prev : array_like, shape (n_{l-1}, m)
        Activations of the previous layer.
    W : array_like, shape (n_l, n_{l-1})
        Weights.
    b : array_like, shape (n_l, 1)
        Biases.
    activation : str
        A name in :data:`nnkit.activations.ACTIVATIONS` ("sigmoid", "relu", "tanh", ...).

    Returns
    -------
    A : ndarray of float64, shape (n_l, m)
    cache : tuple
        ``(linear_cache, Z)`` with linear_cache = ``(A_prev, W, b)``.
    """
    g = _FORWARD[check_activation(activation, _FORWARD)]
    W, b, A_prev = check_linear(W, b, A_prev)
    return _activation_forward(A_prev, W, b, g)


def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward pass of the L-layer network: [LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL", "bL"}``; L is the number of W keys.
    hidden_activation : str, default "relu"
        Activation of layers 1..L-1, a name in :data:`nnkit.activations.ACTIVATIONS`.

    Returns
    -------
    AL : ndarray of float64, shape (n_L, m)
        Output probabilities.
    caches : list of tuple
        One ``(linear_cache, Z)`` per layer, layer 1 first.
    """
    g = _FORWARD[check_activation(hidden_activation, _FORWARD)]
    layers = parameter_layers(parameters)
    A = check_features(X, layers[0][0].shape[1])
    AL, caches, _ = forward_pass(A, layers, _layer(g), _layer(_sigmoid))
    return AL, caches


def linear_backward(dZ, cache):
    """Backward pass of the linear part of a layer.

    dW = (1/m) dZ A_prev^T;  db = (1/m) sum(dZ, axis=1, keepdims=True);  dA_prev = W^T dZ,
    with m = A_prev.shape[1].

    Parameters
    ----------
    dZ : array_like, shape (n_l, m)
        Gradient with respect to Z.
    cache : tuple
        ``(A_prev, W, b)`` from :func:`linear_forward`.

    Returns
    -------
    dA_prev : ndarray of float64, shape (n_{l-1}, m)
    dW : ndarray of float64, shape (n_l, n_{l-1})
    db : ndarray of float64, shape (n_l, 1)
    """
    linear_cache = _check_linear_cache(cache)
    dZ = _check_grad(dZ, "dZ", (linear_cache[1].shape[0], linear_cache[0].shape[1]))
    return _linear_backward(dZ, linear_cache)


def linear_activation_backward(dA, cache, activation):
    """Backward pass of one layer: dZ = dA * g'(Z), then :func:`linear_backward`.

    Parameters
    ----------
    dA : array_like, shape (n_l, m)
        Gradient with respect to the layer's output A.
    cache : tuple
        ``(linear_cache, Z)`` from :func:`linear_activation_forward`.
    activation : str
        The activation used forward, a name in :data:`nnkit.activations.DERIVATIVES`.

    Returns
    -------
    dA_prev : ndarray of float64, shape (n_{l-1}, m)
    dW : ndarray of float64, shape (n_l, n_{l-1})
    db : ndarray of float64, shape (n_l, 1)
    """
    g_grad = _BACKWARD[check_activation(activation, _BACKWARD)]
    cache = _check_activation_cache(cache)
    dA = _check_grad(dA, "dA", cache[1].shape)
    return _activation_backward(dA, cache, g_grad)


def check_caches(caches, AL_shape, producer):
    """Raise a ValueError unless ``caches`` is the non-empty list of ``((A_prev, W, b), Z)`` that
    ``producer`` returns, its last Z of shape ``AL_shape``."""
    if not isinstance(caches, (list, tuple)) or not caches:
        raise ValueError(f"caches must be the non-empty list of caches returned by {producer}")
    for l, cache in enumerate(caches, start=1):
        try:
            (A_prev, W, _), Z = cache
            ok = Z.shape == (W.shape[0], A_prev.shape[1])
        except (TypeError, ValueError, IndexError, AttributeError):
            ok = False
        if not ok:
            raise ValueError(f"caches[{l - 1}] must be ((A_prev, W, b), Z) with Z of shape (n_{l}, m), "
                             f"as returned by {producer}")
    if caches[-1][1].shape != AL_shape:
        raise ValueError(f"AL has shape {AL_shape} but the last cache's Z has shape {caches[-1][1].shape}")


def L_model_backward(AL, Y, caches, hidden_activation="relu"):
    """Backward pass of the L-layer network of :func:`L_model_forward`.

    Starts from dAL = -(Y / AL - (1 - Y) / (1 - AL)) (AL clipped to [1e-15, 1 - 1e-15], as in the
    cost), goes back through the sigmoid layer L, then through layers L-1..1 with
    ``hidden_activation``. The shapes of AL, Y and the caches are checked, and AL must be in [0, 1];
    Y's values are left to :func:`nnkit.losses.binary_cross_entropy` to check (this runs every step).

    Parameters
    ----------
    AL : array_like, shape (1, m)
        Output of :func:`L_model_forward`.
    Y : array_like, shape (1, m)
        Labels.
    caches : list of tuple
        The caches of :func:`L_model_forward`, layer 1 first.
    hidden_activation : str, default "relu"
        The activation used forward for layers 1..L-1.

    Returns
    -------
    grads : dict of ndarray
        ``"dW{l}"`` (n_l, n_{l-1}) and ``"db{l}"`` (n_l, 1) for l = 1..L, and ``"dA{l}"`` (n_l, m)
        for l = 0..L-1 (the gradient with respect to each layer's input).
    """
    g_grad = _BACKWARD[check_activation(hidden_activation, _BACKWARD)]
    AL, Y = check_A_Y(AL, Y, "AL", check_labels=False)  # Y's values are checked by the cost
    check_caches(caches, AL.shape, "L_model_forward")
    dWs, dbs, dAs = backward_pass(AL, Y, caches, [], 1.0, _layer_back(g_grad), _output_back)
    return grads_dict(dWs, dbs, dAs)


def grads_dict(dWs, dbs, dAs=()):
    """The gradients keyed as the course keys them.

    Parameters
    ----------
    dWs, dbs : list of ndarray
        dW_l (n_l, n_{l-1}) and db_l (n_l, 1) for l = 1..L, as :func:`backward_pass` returns them.
    dAs : list of ndarray, optional
        dA_l (n_l, m) for l = 0..L-1; left out when empty.

    Returns
    -------
    grads : dict of ndarray
        ``{"dWL": ..., "dbL": ..., "dA{L-1}": ..., ..., "dW1", "db1", "dA0"}``, layer L first (the
        order of :func:`L_model_backward`).
    """
    grads = {}
    for l in range(len(dWs), 0, -1):
        grads[f"dW{l}"], grads[f"db{l}"] = dWs[l - 1], dbs[l - 1]
        if dAs:
            grads[f"dA{l - 1}"] = dAs[l - 1]
    return grads


def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent on every layer: W_l <- W_l - learning_rate dW_l, b_l likewise.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", ..., "WL", "bL"}`` (not modified).
    grads : dict of ndarray
        ``{"dW1", "db1", ..., "dWL", "dbL"}`` (``"dA{l}"`` keys are ignored).
    learning_rate : float
        Step size, > 0.

    Returns
    -------
    parameters : dict of ndarray
        A new dict of new arrays.
    """
    return update_parameters_with_gd(parameters, grads, learning_rate)


def predict(parameters, X, hidden_activation="relu"):
    """Predicted labels: 1.0 where AL > 0.5, else 0.0.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", ..., "WL", "bL"}``.
    X : array_like, shape (n_x, m)
        Inputs.
    hidden_activation : str, default "relu"
        As in :func:`L_model_forward`.

    Returns
    -------
    predictions : ndarray of float64, shape (1, m)
        Zeros and ones.
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(np.float64)


__all__ = ["initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
           "linear_backward", "linear_activation_backward", "L_model_backward", "update_parameters", "predict",
           "forward_pass", "backward_pass", "grads_dict"]
