"""Activation functions, their derivatives, softmax and a numerical derivative.

Every activation ``g`` is applied elementwise to ``z`` (any shape: a scalar, a list, a ``Z`` of shape
``(n_l, m)``) and every derivative ``g_grad(z)`` is ``g'(z)``, taken with respect to ``z`` (not to
``a = g(z)``). Inputs are converted to float64 and never modified; outputs are new float64 arrays of
the shape of ``z`` (a scalar input gives a 0-d array: use ``float(...)`` for a Python float).
NaN or inf in ``z`` raises ``ValueError``.

The tables ``ACTIVATIONS`` and ``DERIVATIVES`` (in the style of scikit-learn's
``neural_network/_base.py``) map a name to the function, so layers take the activation by name::

    >>> from nnkit.activations import ACTIVATIONS, get_activation
    >>> sorted(ACTIVATIONS)
    ['elu', 'gelu', 'identity', 'leaky_relu', 'relu', 'sigmoid', 'swish', 'tanh']
    >>> float(get_activation("sigmoid")(0.0))
    0.5

Each public function checks its input and then calls a private kernel (``_sigmoid``, ...); the
layer code of :mod:`nnkit.deep` uses the kernels through ``_FORWARD`` and ``_BACKWARD`` so that a
training loop pays for the checks once per step, not once per layer.
"""

import numpy as np

from nnkit._validate import as_float_array, check_activation, check_scalar

_GELU_C = np.sqrt(2.0 / np.pi)
_GELU_K = 0.044715
# tanh(_GELU_C * (z + _GELU_K z^3)) is exactly +-1 in float64 once |z| > ~7.2, so GELU's inner
# polynomial is evaluated on z clipped to [-10, 10]: the same numbers, and no overflow of z^3.
_GELU_CLIP = 10.0


# --------------------------------------------------------------------------------------------------
# Kernels: float64 arrays in, float64 arrays out, no checks.


def _sigmoid(z):
    if z.size and np.minimum.reduce(z, axis=None) > -700.0:  # exp(-z) < e^700 cannot overflow: the textbook formula
        return 1.0 / (1.0 + np.exp(-z))
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows (it may underflow to 0, quietly)
    r = 1.0 / (1.0 + e)
    return np.where(z >= 0, r, e * r)  # 1 / (1 + e^-z) for z >= 0, e^z / (1 + e^z) for z < 0


def _sigmoid_grad(z):
    e = np.exp(-np.abs(z))  # sigma'(z) = e^-|z| / (1 + e^-|z|)^2, symmetric in z
    return e / (1.0 + e) ** 2


_tanh = np.tanh  # the ufunc itself: it runs every hidden layer of every training step


def _tanh_grad(z):
    return 1.0 - np.tanh(z) ** 2


def _relu(z):
    return np.maximum(z, 0.0)


def _relu_grad(z):
    return z > 0  # a boolean mask: dA * mask is the cheapest product (relu_grad makes it float64)


def _leaky_relu(z, alpha=0.01):
    return np.where(z > 0, z, alpha * z)


def _leaky_relu_grad(z, alpha=0.01):
    return np.where(z > 0, 1.0, alpha)


def _elu(z, alpha=1.0):
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def _elu_grad(z, alpha=1.0):
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def _swish(z):
    return z * _sigmoid(z)


def _swish_grad(z):
    s = _sigmoid(z)
    return s * (1.0 + z * (1.0 - s))


def _gelu_tanh(z):
    zc = np.clip(z, -_GELU_CLIP, _GELU_CLIP)
    return zc, np.tanh(_GELU_C * (zc + _GELU_K * zc ** 3))


def _gelu(z):
    _, t = _gelu_tanh(z)
    return 0.5 * z * (1.0 + t)


def _gelu_grad(z):
    zc, t = _gelu_tanh(z)  # outside [-10, 10], 1 - t^2 is exactly 0, so zc in place of z is exact
    return 0.5 * (1.0 + t) + 0.5 * zc * (1.0 - t ** 2) * _GELU_C * (1.0 + 3.0 * _GELU_K * zc ** 2)


def _identity(z):
    return z.copy()


def _identity_grad(z):
    return np.ones_like(z)


# --------------------------------------------------------------------------------------------------
# Public activations


def sigmoid(z):
    """Logistic sigmoid, elementwise: sigma(z) = 1 / (1 + exp(-z)).

    Computed without overflow for any finite z: 1 / (1 + exp(-z)) when every z > -700 (where exp(-z)
    cannot overflow), else with e = exp(-|z|) in (0, 1], sigma(z) = 1 / (1 + e) for z >= 0 and
    e / (1 + e) for z < 0 (no warning at |z| = 1e4).

    Parameters
    ----------
    z : array_like, any shape (e.g. Z of shape (n_l, m))
        Pre-activations.

    Returns
    -------
    a : ndarray of float64, shape of z
        Values in [0, 1] (exactly 1 only for z > ~37 and 0 for z < ~-745, where float64 rounds).
    """
    return np.asarray(_sigmoid(as_float_array(z, "z")))


def tanh(z):
    """Hyperbolic tangent, elementwise: tanh(z) = (e^z - e^-z) / (e^z + e^-z) = 2 sigma(2z) - 1.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray of float64, shape of z
        Values in [-1, 1], zero-centred.
    """
    return np.asarray(_tanh(as_float_array(z, "z")))


def relu(z):
    """Rectified linear unit, elementwise: relu(z) = max(z, 0).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_relu(as_float_array(z, "z")))


def leaky_relu(z, alpha=0.01):
    """Leaky ReLU, elementwise: z for z > 0, alpha * z otherwise.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope for z <= 0.

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_leaky_relu(as_float_array(z, "z"), check_scalar(alpha, "alpha")))


def elu(z, alpha=1.0):
    """Exponential linear unit, elementwise: z for z > 0, alpha * (exp(z) - 1) otherwise.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 1.0
        The value approached as z -> -inf is -alpha.

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_elu(as_float_array(z, "z"), check_scalar(alpha, "alpha")))


def swish(z):
    """Swish (SiLU), elementwise: swish(z) = z * sigma(z).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_swish(as_float_array(z, "z")))


def gelu(z):
    """GELU, in its tanh approximation (Hendrycks and Gimpel; the one in BERT and GPT-2), elementwise:

    gelu(z) = 0.5 z (1 + tanh(sqrt(2 / pi) (z + 0.044715 z^3))),

    which is within about 1e-3 of the exact z Phi(z) (Phi the standard normal CDF).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_gelu(as_float_array(z, "z")))


def identity(z):
    """The identity (a "linear" activation), elementwise: identity(z) = z, as a new array.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    a : ndarray of float64, shape of z
    """
    return np.asarray(_identity(as_float_array(z, "z")))


# --------------------------------------------------------------------------------------------------
# Derivatives (all with respect to z)


def sigmoid_grad(z):
    """Derivative of the sigmoid: sigma'(z) = sigma(z) (1 - sigma(z)).

    Computed as e / (1 + e)^2 with e = exp(-|z|), the same number without overflow or cancellation.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations (z, not a = sigma(z)).

    Returns
    -------
    dadz : ndarray of float64, shape of z
        Values in (0, 0.25], largest at z = 0.
    """
    return np.asarray(_sigmoid_grad(as_float_array(z, "z")))


def tanh_grad(z):
    """Derivative of tanh: tanh'(z) = 1 - tanh(z)^2.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    dadz : ndarray of float64, shape of z
        Values in [0, 1], largest at z = 0.
    """
    return np.asarray(_tanh_grad(as_float_array(z, "z")))


def relu_grad(z):
    """Derivative of ReLU: 1 for z > 0, 0 for z <= 0 (0 at exactly z = 0, by convention).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    dadz : ndarray of float64, shape of z
        Zeros and ones.
    """
    return np.asarray(_relu_grad(as_float_array(z, "z")), dtype=np.float64)


def leaky_relu_grad(z, alpha=0.01):
    """Derivative of leaky ReLU: 1 for z > 0, alpha for z <= 0 (alpha at exactly z = 0).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 0.01
        Slope for z <= 0.

    Returns
    -------
    dadz : ndarray of float64, shape of z
    """
    return np.asarray(_leaky_relu_grad(as_float_array(z, "z"), check_scalar(alpha, "alpha")))


def elu_grad(z, alpha=1.0):
    """Derivative of ELU: 1 for z > 0, alpha * exp(z) for z <= 0.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.
    alpha : float, default 1.0

    Returns
    -------
    dadz : ndarray of float64, shape of z
    """
    return np.asarray(_elu_grad(as_float_array(z, "z"), check_scalar(alpha, "alpha")))


def swish_grad(z):
    """Derivative of swish: d/dz [z sigma(z)] = sigma(z) (1 + z (1 - sigma(z))).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    dadz : ndarray of float64, shape of z
    """
    return np.asarray(_swish_grad(as_float_array(z, "z")))


def gelu_grad(z):
    """Derivative of the tanh-approximated GELU of :func:`gelu`: with u = c (z + k z^3),
    c = sqrt(2 / pi), k = 0.044715 and t = tanh(u),

    gelu'(z) = 0.5 (1 + t) + 0.5 z (1 - t^2) c (1 + 3 k z^2).

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations.

    Returns
    -------
    dadz : ndarray of float64, shape of z
    """
    return np.asarray(_gelu_grad(as_float_array(z, "z")))


def identity_grad(z):
    """Derivative of the identity: 1 everywhere.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    dadz : ndarray of float64, shape of z
        Ones.
    """
    return np.asarray(_identity_grad(as_float_array(z, "z")))


# --------------------------------------------------------------------------------------------------
# Softmax and the numerical derivative


def softmax(z):
    """Softmax over each column: softmax(z)_ij = exp(z_ij) / sum_k exp(z_kj).

    Stable: the column maximum is subtracted first (softmax(z) = softmax(z - c) for any c per
    column), so no exp overflows, even at |z| = 1e4.

    Parameters
    ----------
    z : array_like, shape (n, m) (or (n,): one column)
        Scores, one column per example.

    Returns
    -------
    p : ndarray of float64, shape of z
        Each column is non-negative and sums to 1.
    """
    z = as_float_array(z, "z")
    if z.ndim == 0 or z.shape[0] == 0:
        raise ValueError(f"z must be an array of shape (n, m) with n >= 1 (softmax is taken over each column); "
                         f"got shape {z.shape}")
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def numerical_derivative(f, z, eps=1e-5):
    """Centred-difference derivative of an elementwise function f:

    f'(z) ~ (f(z + eps) - f(z - eps)) / (2 eps),

    evaluated on the whole array at once (f elementwise means entry i of f(z + eps) depends only on
    z_i + eps). Its error is O(eps^2), against O(eps) for the one-sided difference.

    Parameters
    ----------
    f : callable
        Elementwise function: f(z) has the shape of z.
    z : array_like, any shape
        Points at which to differentiate.
    eps : float, default 1e-5
        Half-width of the difference, > 0.

    Returns
    -------
    dfdz : ndarray of float64, shape of z
    """
    if not callable(f):
        raise ValueError(f"f must be a function of z; got {type(f).__name__}")
    z = as_float_array(z, "z")
    eps = check_scalar(eps, "eps", 0.0, include_low=False)
    plus, minus = np.asarray(f(z + eps), dtype=np.float64), np.asarray(f(z - eps), dtype=np.float64)
    if plus.shape != z.shape:
        raise ValueError(f"f must be elementwise: f(z) has shape {plus.shape} but z has shape {z.shape}")
    return (plus - minus) / (2.0 * eps)


ACTIVATIONS = {
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "swish": swish,
    "gelu": gelu,
    "identity": identity,
}

DERIVATIVES = {
    "sigmoid": sigmoid_grad,
    "tanh": tanh_grad,
    "relu": relu_grad,
    "leaky_relu": leaky_relu_grad,
    "elu": elu_grad,
    "swish": swish_grad,
    "gelu": gelu_grad,
    "identity": identity_grad,
}

# The unchecked kernels, by the same names, for the layer code of nnkit.deep and nnkit.neuron.
_FORWARD = {"sigmoid": _sigmoid, "tanh": _tanh, "relu": _relu, "leaky_relu": _leaky_relu, "elu": _elu,
            "swish": _swish, "gelu": _gelu, "identity": _identity}
_BACKWARD = {"sigmoid": _sigmoid_grad, "tanh": _tanh_grad, "relu": _relu_grad, "leaky_relu": _leaky_relu_grad,
             "elu": _elu_grad, "swish": _swish_grad, "gelu": _gelu_grad, "identity": _identity_grad}


def get_activation(name):
    """The activation called ``name`` in :data:`ACTIVATIONS`.

    Parameters
    ----------
    name : str
        One of ``sorted(ACTIVATIONS)``.

    Returns
    -------
    g : callable
        The function z -> g(z).

    Raises
    ------
    ValueError
        For an unknown name; the message lists the valid ones.
    """
    return ACTIVATIONS[check_activation(name, ACTIVATIONS)]


def get_derivative(name):
    """The derivative g'(z) of the activation called ``name``, from :data:`DERIVATIVES`.

    Parameters
    ----------
    name : str
        One of ``sorted(DERIVATIVES)``.

    Returns
    -------
    g_grad : callable
        The function z -> g'(z).
    """
    return DERIVATIVES[check_activation(name, DERIVATIVES)]


__all__ = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu", "identity",
           "sigmoid_grad", "tanh_grad", "relu_grad", "leaky_relu_grad", "elu_grad", "swish_grad",
           "gelu_grad", "identity_grad", "softmax", "numerical_derivative",
           "ACTIVATIONS", "DERIVATIVES", "get_activation", "get_derivative"]
