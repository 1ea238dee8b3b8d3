"""Private input checks shared by every nnkit module.

Each helper either returns the (converted) value or raises ``ValueError`` with a message that names
the argument, says what was expected and what came instead, and, for the classic slips (``X``
passed as ``(m, n_x)``, a transposed ``W``, ``b`` as a 1-D array), says so. They cost a few shape
comparisons and, per array, one ``np.isfinite(x).all()`` (or a min and a max for values that must
lie in [0, 1]), so public functions can call them on every step of a training loop. Functions that
loop over layers (``L_model_forward``, ``L_model_backward``) check once and then call unchecked
private kernels.
"""

import math
import numbers
from collections.abc import Mapping

import numpy as np


def _as_float(x, name):
    """``x`` as a float64 array (no copy if it already is one); no finiteness check."""
    if type(x) is np.ndarray and x.dtype == np.float64:
        return x
    if np.iscomplexobj(x):
        raise ValueError(f"{name} must be real numbers; got a complex array")
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers; got {type(x).__name__}") from None


def as_float_array(x, name):
    """``x`` as a float64 array (no copy if it already is one), with no NaN or inf in it."""
    a = _as_float(x, name)
    if not np.isfinite(a).all():
        raise ValueError(f"{name} contains NaN or inf")
    return a


def check_2d(x, name, expected="(n, m)"):
    """``x`` as a finite float64 2-D array; ``expected`` describes its shape in the message."""
    a = as_float_array(x, name)
    if a.ndim != 2:
        hint = f" (use {name}.reshape(1, -1) for a row)" if a.ndim == 1 else ""
        raise ValueError(f"{name} must be a 2-D array of shape {expected}; got shape {a.shape}{hint}")
    if a.size == 0:
        raise ValueError(f"{name} is empty (shape {a.shape}); it needs at least one row and one column")
    return a


def check_row(x, name, m=None):
    """``x`` as a finite float64 array of shape ``(1, m)`` (any m if ``m`` is None)."""
    a = check_2d(x, name, "(1, m)")
    if a.shape[0] != 1:
        hint = " (a column: did you mean its transpose?)" if a.shape[1] == 1 else ""
        raise ValueError(f"{name} must have shape (1, m); got shape {a.shape}{hint}")
    if m is not None and a.shape[1] != m:
        raise ValueError(f"{name} must have shape (1, {m}); got shape {a.shape}")
    return a


def check_X_Y(X, Y):
    """``(X, Y)`` as finite float64 arrays of shapes ``(n_x, m)`` and ``(1, m)``."""
    X = check_2d(X, "X", "(n_x, m)")
    Y = check_row(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        hint = (" Did you pass X as (m, n_x)? nnkit uses one column per example."
                if X.shape[0] == Y.shape[1] else "")
        raise ValueError(
            "X and Y must have the same number of examples (columns): "
            f"X has m={X.shape[1]} (shape {X.shape}), Y has m={Y.shape[1]} (shape {Y.shape}).{hint}")
    return X, Y


def _check_range(a, name, what, hint=""):
    """Raise unless every entry of the float array ``a`` is in [0, 1] (NaN and inf fail too)."""
    lo, hi = a.min(), a.max()
    if not (0.0 <= lo and hi <= 1.0):  # False for NaN as well
        if not np.isfinite(a).all():
            raise ValueError(f"{name} contains NaN or inf")
        raise ValueError(f"{name} must hold {what} in [0, 1]; got values in [{lo:.4g}, {hi:.4g}]{hint}")


def check_A_Y(A, Y, a_name="A", check_labels=True):
    """``(A, Y)`` as float64 arrays of the same shape ``(1, m)``, A (and Y if ``check_labels``) in [0, 1].

    Two reductions per array (min and max, which also catch NaN and inf): this runs on every
    training step, in the cost and in the backward pass.
    """
    A, Y = _as_float(A, a_name), _as_float(Y, "Y")
    if A.ndim != 2 or A.shape[0] != 1 or A.shape != Y.shape or A.size == 0:
        check_row(A, a_name)
        check_row(Y, "Y")
        raise ValueError(f"{a_name} and Y must have the same shape (1, m); got {a_name} {A.shape} and Y {Y.shape}")
    _check_range(A, a_name, "probabilities", " (did you pass Z instead of A = sigmoid(Z)?)")
    if check_labels:
        _check_range(Y, "Y", "labels")
    return A, Y


def check_features(X, n_x, name="X", source="the columns of W1"):
    """``X`` as a finite float64 2-D array with ``n_x`` rows (``source`` says where n_x comes from)."""
    X = check_2d(X, name, "(n_x, m)")
    if X.shape[0] != n_x:
        hint = (f" Did you pass {name} as (m, n_x)? nnkit uses one column per example."
                if X.shape[1] == n_x else "")
        raise ValueError(f"{name} must have n_x={n_x} rows (one per input feature, {source}); "
                         f"got shape {X.shape}.{hint}")
    return X


def check_linear(W, b, A_prev, names=("W", "b", "A_prev")):
    """``(W, b, A_prev)`` as float64 arrays of shapes ``(n_l, n_prev)``, ``(n_l, 1)``, ``(n_prev, m)``."""
    wn, bn, an = names
    W = check_2d(W, wn, "(n_l, n_prev)")
    A_prev = check_2d(A_prev, an, "(n_prev, m)")
    b = as_float_array(b, bn)
    if W.shape[1] != A_prev.shape[0]:
        if W.shape[0] == A_prev.shape[0]:
            hint = f" Is {wn} transposed? It must be (n_l, n_prev)."
        elif A_prev.shape[1] == W.shape[1]:
            hint = f" Did you pass {an} as (m, n_prev)? nnkit uses one column per example."
        else:
            hint = ""
        raise ValueError(f"{wn} has shape {W.shape} so {an} must have {W.shape[1]} rows; "
                         f"got {an} of shape {A_prev.shape}.{hint}")
    if b.shape != (W.shape[0], 1):
        raise ValueError(f"{bn} must have shape (n_l, 1) = ({W.shape[0]}, 1); got shape {b.shape}")
    return W, b, A_prev


def parameter_layers(parameters, n_layers=None):
    """``[(W1, b1), ..., (WL, bL)]`` from ``parameters = {"W1": ..., "b1": ..., ...}``, checked.

    ``W{l}`` must be 2-D ``(n_l, n_{l-1})`` with ``n_{l-1}`` the rows of ``W{l-1}``, and ``b{l}``
    ``(n_l, 1)``. With ``n_layers`` None, L is the number of consecutive ``W1``, ``W2``, ... keys.
    Only shapes are checked (no copy, no finiteness check: this runs on every training step); lists
    are converted to float64 arrays.
    """
    if not isinstance(parameters, Mapping):
        raise ValueError(f"parameters must be a dict with keys 'W1', 'b1', ...; got {type(parameters).__name__}")
    if n_layers is None:
        n_layers = 0
        while f"W{n_layers + 1}" in parameters:
            n_layers += 1
    layers, n_prev = [], None
    for l in range(1, max(n_layers, 1) + 1):
        W, b = parameters.get(f"W{l}"), parameters.get(f"b{l}")
        if W is None or b is None:
            raise ValueError(f"parameters is missing key {('W' if W is None else 'b') + str(l)!r}")
        if type(W) is not np.ndarray:
            W = _as_float(W, f"parameters['W{l}']")
        if type(b) is not np.ndarray:
            b = _as_float(b, f"parameters['b{l}']")
        sw, sb = W.shape, b.shape
        if len(sw) != 2 or sb != (sw[0], 1) or (n_prev is not None and sw[1] != n_prev):
            _parameter_shape_error(l, sw, sb, n_prev)
        layers.append((W, b))
        n_prev = sw[0]
    return layers


def check_parameters(parameters, n_layers=None):
    """Check the shapes of ``parameters`` (see :func:`parameter_layers`) and return L."""
    return len(parameter_layers(parameters, n_layers))


def _parameter_shape_error(l, sw, sb, n_prev):
    if len(sw) != 2:
        raise ValueError(f"parameters['W{l}'] must be 2-D (n_{l}, n_{l - 1}); got shape {sw}")
    if n_prev is not None and sw[1] != n_prev:
        raise ValueError(f"parameters['W{l}'] has shape {sw} but parameters['W{l - 1}'] has "
                         f"{n_prev} rows: W{l} must have n_{l - 1}={n_prev} columns")
    raise ValueError(f"parameters['b{l}'] must have shape (n_{l}, 1) = ({sw[0]}, 1); got shape {sb}")


def check_scalar(x, name, low=None, high=None, include_low=True, include_high=True):
    """``x`` as a Python float after checking it is a finite real number within the bounds."""
    if type(x) is not float:
        if isinstance(x, np.ndarray) and x.size == 1:
            x = x.item()
        if isinstance(x, bool) or not isinstance(x, numbers.Real):
            raise ValueError(f"{name} must be a finite real number; got {x!r}")
        x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite real number; got {x!r}")
    if (low is not None and (x < low if include_low else x <= low)) or \
            (high is not None and (x > high if include_high else x >= high)):
        lo = "(-inf" if low is None else ("[" if include_low else "(") + f"{low:g}"
        hi = "inf)" if high is None else f"{high:g}" + ("]" if include_high else ")")
        raise ValueError(f"{name} must be in {lo}, {hi}; got {x!r}")
    return x


def check_keep_prob(keep_prob):
    """``keep_prob`` as a float in (0, 1]: the probability of keeping a unit."""
    return check_scalar(keep_prob, "keep_prob", 0.0, 1.0, include_low=False)


def check_positive_int(x, name, allow_zero=False):
    """``x`` as a Python int >= 1 (>= 0 with ``allow_zero``); bools and floats are refused."""
    if isinstance(x, bool) or not isinstance(x, numbers.Integral) or x < (0 if allow_zero else 1):
        kind = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be a {kind} integer; got {x!r}")
    return int(x)


def as_generator(rng, name="rng"):
    """A ``numpy.random.Generator``: ``rng`` itself, or ``default_rng(rng)`` for an int seed or None."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool) and rng >= 0):
        return np.random.default_rng(rng)
    raise ValueError(f"{name} must be a numpy.random.Generator, a non-negative int seed or None; got {rng!r}")


def check_activation(name, table):
    """``name`` if it is a key of ``table``, else a ValueError listing the valid names."""
    if not isinstance(name, str) or name not in table:
        raise ValueError(f"unknown activation {name!r}; valid names are {', '.join(sorted(table))}")
    return name
