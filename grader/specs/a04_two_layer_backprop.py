"""Checks for ``04_two_layer_backprop``: a two-layer network (tanh hidden, sigmoid output), its
initialisation, forward and backward passes, gradient descent, prediction and gradient checking.

Cases: small fixed inputs first (the visible checks), then hidden ones of other shapes and other
hyperparameters (``n_h``, learning rates, numbers of iterations, ``epsilon``), so a value hard-coded
in place of a parameter is caught. A few first cases are square on purpose (``n_x == n_h`` in the
forward pass, ``m == n_h`` in the backward pass), so that a transposed ``W1`` or a matrix product in
place of ``*`` gives wrong numbers there, which can be named, rather than a shape error.

Checks by properties where a result depends on a random draw:

* ``initialize_parameters``: the keys and shapes, zero biases, weights that are not zero and whose
  rows differ (the symmetry is broken), a standard deviation of about 0.01 on a large layer (bounds
  5 or more standard errors wide, so no correct way of drawing fails them by bad luck), the same
  parameters for the same seed and different ones for another seed; never one exact draw. A scale
  of 1, another scale (0.1, 1/sqrt(n)) and uniform draws are named apart.
* ``nn_model``: with the references in place of its dependencies, a solution that calls
  ``initialize_parameters`` returns exactly what ``nnkit.two_layer.nn_model`` returns. A solution that
  draws its own initial weights is accepted when its result is what ``num_iterations`` steps of
  gradient descent give from the parameters it returns with ``num_iterations=0`` (the same seed), and
  when those initial parameters are a proper initialisation (zero biases, weights below 0.1) that
  depends on the seed. A known mistake is named before that start is blamed (one step too many also
  trains from a start that is not an initialisation); a result that changes from one call to the
  next is named as the seed ignored, a hidden layer of another size as ``n_h`` ignored. The cases
  run few steps (each step costs the judge four calls of the references).
* ``gradient_check``: at the default ``epsilon`` its number is rounding noise, so any value below
  1e-6 is accepted (or one within 1e-2 relative of nnkit's); at a large ``epsilon`` (0.05 to 2) the
  centred difference has a real, deterministic error of order ``epsilon**2``, and the value must
  match nnkit's to 1e-3 relative (the order in which the parameters are flattened does not change
  it: the norms are the same in every order). At ``epsilon=2`` gradapprox is far enough from grad
  for ``||grad + gradapprox||`` in the denominator to differ from ``||grad|| + ||gradapprox||``.
  Changing the parameters in place (even adding epsilon and taking it away again, which can leave a
  rounding error) is reported as modifying the input, with a hint of its own.

``compute_cost`` is compared with nnkit where A2 is in [0.02, 0.98] (clipping or not makes no
difference there) and at A2 exactly 0 or 1 is checked for being finite and large, never for one
clipping constant.
"""

import functools

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, QuestionSpec, call_outcome, compare, describe_type, expected_of, fmt_case, integer_array, integer_message, looks_like,
                           named, name_mistake, on_case,
                           one_of, outcome_problem, rng_for)
from grader.check.i18n import N_, tr
from grader.specs.common import check_cross_entropy
from nnkit import activations as act
from nnkit import two_layer as ref

_sig, _tanh = act.sigmoid, act.tanh
_KEYS = ("W1", "b1", "W2", "b2")
_GRAD_KEYS = ("dW1", "db1", "dW2", "db2")


# --------------------------------------------------------------------------------------------------
# Data for the cases


def _params(rng, n_x, n_h, n_y=1, scale=0.8):
    return {"W1": rng.normal(size=(n_h, n_x)) * scale, "b1": rng.normal(size=(n_h, 1)) * scale * 0.5,
            "W2": rng.normal(size=(n_y, n_h)) * scale, "b2": rng.normal(size=(n_y, 1)) * scale * 0.5}


def _data(rng, n_x, m):
    """X (n_x, m) and labels Y (1, m) with both classes present (m >= 2)."""
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    if m >= 2:
        Y[0, 0], Y[0, 1] = 1.0, 0.0
    return X, Y


def _xor_data(rng, n_x, m):
    """A small nonlinear task: the label is the sign of x1 * x2 (plus noise features)."""
    X = rng.normal(size=(n_x, m))
    Y = (X[0:1] * X[1:2] > 0).astype(float)
    return X, Y


# --------------------------------------------------------------------------------------------------
# Cases


def _layer_sizes_cases():
    rng = rng_for("layer_sizes")
    return [
        Case((rng.normal(size=(2, 5)), np.array([[1.0, 0.0, 1.0, 1.0, 0.0]]), 4)),
        Case((rng.normal(size=(3, 7)), _data(rng, 3, 7)[1], 6)),
        Case((rng.normal(size=(5, 3)), np.array([[0.0, 1.0, 1.0]]), 1), hidden=True),
        Case((rng.normal(size=(1, 9)), _data(rng, 1, 9)[1], 10), hidden=True),
        Case((rng.normal(size=(4, 2)), np.array([[1.0, 0.0]]), 3), hidden=True),
    ]


def _forward_cases():
    rng = rng_for("forward_propagation")
    # first, sizes that differ (n_x 3, n_h 4, m 5), so that every shape in a message says which is
    # which; a transposed W1 fails in a product there, and is named by its numbers on the second
    out = [Case((rng.normal(size=(3, 5)), _params(rng, 3, 4))),
           Case((rng.normal(size=(3, 4)), _params(rng, 3, 3)))]  # square W1: a transposed W1 gives numbers
    for n_x, n_h, m in ((2, 4, 5), (4, 2, 1), (1, 6, 8), (5, 5, 3), (3, 1, 10)):
        out.append(Case((rng.normal(size=(n_x, m)), _params(rng, n_x, n_h)), hidden=True))
    return out


def _cost_cases():
    rng = rng_for("compute_cost")
    out = [Case((np.array([[0.9, 0.2, 0.6, 0.3]]), np.array([[1.0, 0.0, 1.0, 1.0]])))]
    for m in (1, 6, 40):
        out.append(Case((rng.uniform(0.02, 0.98, size=(1, m)), (rng.random((1, m)) > 0.5).astype(float)),
                        hidden=True))
    return out


def _backward_case(rng, n_x, n_h, m, hidden):
    P = _params(rng, n_x, n_h)
    X, Y = _data(rng, n_x, m)
    _, cache = ref.forward_propagation(X, P)
    return Case((P, cache, X, Y), hidden=hidden)


def _backward_cases():
    rng = rng_for("backward_propagation")
    out = [_backward_case(rng, 2, 4, 3, False)]  # n_x, n_h, m all differ: np.dot for * is named by its error
    for n_x, n_h, m in ((3, 5, 7), (1, 2, 9), (4, 1, 3), (2, 6, 1), (5, 3, 20)):
        out.append(_backward_case(rng, n_x, n_h, m, True))
    return out


def _update_cases():
    rng = rng_for("update_parameters")
    out = []
    for n_x, n_h, lr, hidden in ((2, 3, 0.5, False), (3, 4, 0.05, True), (1, 2, 2.5, True), (4, 6, 0.7, True)):
        P = _params(rng, n_x, n_h)
        G = {"d" + k: rng.normal(size=v.shape) for k, v in P.items()}
        out.append(Case((P, G, lr), hidden=hidden))
    return out


#: Learning rates and iteration counts of the notebook's experiments and of Ng's course: a solution
#: that hard-codes one of them is named.
HARD_CODED_LRS = (1.2, 0.5, 1.0, 0.1, 0.01)
HARD_CODED_ITERS = (10000, 5000, 2000, 1000, 100)


def _nn_model_cases():
    rng = rng_for("nn_model")
    out = []
    # few steps (each costs the judge four calls of the references): enough to tell every learning rate,
    # number of steps and seed apart
    for n_x, m, n_h, iters, lr, seed, hidden in ((2, 30, 3, 40, 0.9, 1, False),
                                                 (2, 40, 5, 60, 0.6, 7, True),
                                                 (3, 25, 1, 30, 2.0, 3, True),
                                                 (2, 35, 6, 45, 0.3, 11, True)):
        X, Y = _xor_data(rng, n_x, m)
        out.append(Case((X, Y), {"n_h": n_h, "num_iterations": iters, "learning_rate": lr, "seed": seed},
                        hidden=hidden))
    return out


def _away_from_half(rng, P, n_x, m):
    """X (n_x, m) whose outputs A2 all stay at least 1e-3 away from 0.5 (every threshold agrees)."""
    X = rng.normal(size=(n_x, 3 * m)) * 2
    A2, _ = ref.forward_propagation(X, P)
    keep = np.abs(A2[0] - 0.5) > 1e-3
    return X[:, keep][:, :m]


def _predict_cases():
    rng = rng_for("predict")
    out = []
    for n_x, n_h, m, hidden in ((2, 3, 6, False), (3, 4, 9, True), (1, 2, 5, True), (4, 5, 1, True),
                                (2, 6, 30, True)):
        P = _params(rng, n_x, n_h, scale=1.5)
        out.append(Case((P, _away_from_half(rng, P, n_x, m)), hidden=hidden))
    return out


def _gradcheck_cases():
    rng = rng_for("gradient_check")
    out = []
    for n_x, n_h, m, eps, hidden in ((2, 3, 5, None, False), (2, 3, 5, 0.1, False),
                                     (3, 4, 6, 0.3, True), (1, 2, 4, 0.05, True), (2, 5, 8, None, True),
                                     (4, 2, 3, 1e-6, True), (2, 2, 7, 0.2, True), (2, 3, 5, 2.0, True)):
        P = _params(rng, n_x, n_h, scale=0.7)
        X, Y = _data(rng, n_x, m)
        out.append(Case((P, X, Y), {} if eps is None else {"epsilon": eps}, hidden=hidden))
    return out


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them


def _bce(A, Y):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def _forward_with(hidden=_tanh, out=_sig, bias=True, transpose_W1=False):
    def impl(X, parameters):
        W1, b1, W2, b2 = (np.asarray(parameters[k], dtype=float) for k in _KEYS)
        W1 = W1.T if transpose_W1 else W1
        Z1 = W1 @ X + (b1 if bias else 0)
        A1 = hidden(Z1)
        Z2 = W2 @ A1 + (b2 if bias else 0)
        A2 = out(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return impl


def _backward_with(scale=True, db=None, dW=None, gprime=None, dz1=None, sign=1.0, dz2=None, unscaled=()):
    def sum_cols(dZ):
        return np.sum(dZ, axis=1, keepdims=True)

    def impl(parameters, cache, X, Y):
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        W2 = np.asarray(parameters["W2"], dtype=float)
        Z1, A1, A2 = (np.asarray(cache[k], dtype=float) for k in ("Z1", "A1", "A2"))
        m = X.shape[1] if scale else 1
        dZ2 = dz2(A2, Y) if dz2 else sign * (A2 - Y)
        g = gprime(Z1, A1) if gprime else 1 - A1 ** 2
        dZ1 = dz1(W2.T @ dZ2, g) if dz1 else (W2.T @ dZ2) * g
        dW_fn = dW or (lambda dZ, A_prev: dZ @ A_prev.T)
        db_fn = db or sum_cols
        out = {"dW1": dW_fn(dZ1, X), "db1": db_fn(dZ1), "dW2": dW_fn(dZ2, A1), "db2": db_fn(dZ2)}
        return {k: v if k in unscaled else v / m for k, v in out.items()}
    return impl


def _update_with(lr=None, sign=-1.0, biases=True):
    def impl(parameters, grads, learning_rate):
        rate = lr if lr is not None else learning_rate
        out = {}
        for k in _KEYS:
            p = np.asarray(parameters[k], dtype=float)
            out[k] = p + sign * rate * np.asarray(grads["d" + k]) if (biases or k[0] == "W") else p.copy()
        return out
    return impl


def _gd_steps(P, X, Y, num_iterations, learning_rate):
    """``num_iterations`` steps of gradient descent from ``P`` (plain NumPy: the mistakes of nn_model
    may run thousands of them, and the references' input checks would make that slow)."""
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    W1, b1, W2, b2 = (np.array(P[k], dtype=float) for k in _KEYS)
    m = X.shape[1]
    for _ in range(num_iterations):
        A1 = np.tanh(W1 @ X + b1)
        A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
        dZ2 = A2 - Y
        dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
        W1, b1 = W1 - learning_rate * (dZ1 @ X.T / m), b1 - learning_rate * np.sum(dZ1, axis=1, keepdims=True) / m
        W2, b2 = W2 - learning_rate * (dZ2 @ A1.T / m), b2 - learning_rate * np.sum(dZ2, axis=1, keepdims=True) / m
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


_SNAPSHOTS = {}


def _hard_coded_iters(X, Y, n_h, learning_rate, seed, iters):
    """nn_model's result after ``iters`` (one of HARD_CODED_ITERS) steps; one run serves them all."""
    key = (np.asarray(X).tobytes(), np.asarray(Y).tobytes(), np.shape(X), n_h, learning_rate, seed)
    if key not in _SNAPSHOTS:
        if len(_SNAPSHOTS) >= 8:  # the cases of nn_model are few and fixed: keep them all
            _SNAPSHOTS.clear()
        n_x, n_h, n_y = ref.layer_sizes(X, Y, n_h)
        P, done, snaps = ref.initialize_parameters(n_x, n_h, n_y, seed), 0, {}
        for n in sorted(HARD_CODED_ITERS):
            P, done = _gd_steps(P, X, Y, n - done, learning_rate), n
            snaps[n] = P
        _SNAPSHOTS[key] = snaps
    return _SNAPSHOTS[key][iters]


def _nn_model_with(lr=None, iters=None, n_h_fixed=None, keep_update=True, seed_fixed=None, extra=0):
    def impl(X, Y, n_h, num_iterations, learning_rate, seed):
        if iters is not None:
            return _hard_coded_iters(X, Y, n_h, learning_rate, seed, iters)
        n_x, n_h, n_y = ref.layer_sizes(X, Y, n_h_fixed or n_h)
        P = ref.initialize_parameters(n_x, n_h, n_y, seed if seed_fixed is None else seed_fixed)
        if not keep_update:
            return P
        return _gd_steps(P, X, Y, max(num_iterations + extra, 0), lr if lr is not None else learning_rate)
    return impl


def _predict_with(fn):
    def impl(parameters, X):
        A2, _ = ref.forward_propagation(X, parameters)
        return fn(A2)
    return impl


def _gradcheck_with(difference="centred", denominator="sum", eps_fixed=None, norm="l2"):
    def impl(parameters, X, Y, epsilon=1e-7):
        eps = eps_fixed if eps_fixed is not None else epsilon
        _, cache = ref.forward_propagation(X, parameters)
        grads = ref.backward_propagation(parameters, cache, X, Y)

        def J(P):
            return ref.compute_cost(ref.forward_propagation(X, P)[0], Y)

        grad, approx = [], []
        J0 = J(parameters)
        for k in _KEYS:
            for idx in np.ndindex(np.shape(parameters[k])):
                plus = {kk: np.array(v, dtype=float) for kk, v in parameters.items()}
                minus = {kk: np.array(v, dtype=float) for kk, v in parameters.items()}
                plus[k][idx] += eps
                minus[k][idx] -= eps
                if difference == "centred":
                    approx.append((J(plus) - J(minus)) / (2 * eps))
                elif difference == "one-sided":
                    approx.append((J(plus) - J0) / eps)
                elif difference == "times eps":  # (J+ - J-) / 2 * eps
                    approx.append((J(plus) - J(minus)) / 2 * eps)
                else:  # divided by eps only
                    approx.append((J(plus) - J(minus)) / eps)
                grad.append(float(np.asarray(grads["d" + k])[idx]))
        grad, approx = np.array(grad), np.array(approx)
        if norm == "l1":
            return float(np.abs(grad - approx).sum() / (np.abs(grad).sum() + np.abs(approx).sum()))
        if norm == "squared":
            return float(np.sum((grad - approx) ** 2) / (np.sum(grad ** 2) + np.sum(approx ** 2)))
        if norm == "max":
            return float(np.abs(grad - approx).max() / (np.abs(grad).max() + np.abs(approx).max()))
        num = np.linalg.norm(grad - approx)
        if denominator == "sum":
            return float(num / (np.linalg.norm(grad) + np.linalg.norm(approx)))
        if denominator == "grad":
            return float(num / np.linalg.norm(grad))
        if denominator == "approx":
            return float(num / np.linalg.norm(approx))
        if denominator == "norm of the sum":
            return float(num / np.linalg.norm(grad + approx))
        return float(num)
    return impl


_LAYER_SIZES_MISTAKES = [
    Mistake("n_h hard-coded as 4", "return the n_h you were given, not the number 4.",
            lambda X, Y, n_h: (np.shape(X)[0], 4, np.shape(Y)[0])),
    Mistake("m in place of n_x", "n_x is the number of rows of X (features); X.shape[1] is m, the examples.",
            lambda X, Y, n_h: (np.shape(X)[1], n_h, np.shape(Y)[0])),
    Mistake("n_y as the number of examples", "n_y is the number of rows of Y (1 here), not Y.shape[1].",
            lambda X, Y, n_h: (np.shape(X)[0], n_h, np.shape(Y)[1])),
]

_FORWARD_MISTAKES = [
    Mistake("the biases left out", "Z1 = W1 X + b1 and Z2 = W2 A1 + b2.", _forward_with(bias=False)),
    Mistake("sigmoid in the hidden layer", "the hidden layer uses tanh: A1 = tanh(Z1).", _forward_with(hidden=_sig)),
    Mistake("ReLU in the hidden layer", "the hidden layer uses tanh: A1 = tanh(Z1).", _forward_with(hidden=act.relu)),
    Mistake("tanh at the output", "the output is a probability: A2 = sigmoid(Z2).", _forward_with(out=_tanh)),
    Mistake("tanh at the output and sigmoid in the hidden layer", "A1 = tanh(Z1), A2 = sigmoid(Z2).",
            _forward_with(hidden=_sig, out=_tanh)),
    Mistake("W1 transposed", "W1 has shape (n_h, n_x), so Z1 = W1 X (no transpose).", _forward_with(transpose_W1=True)),
]

_COST_MISTAKES = [
    Mistake("the minus sign left out", "log a <= 0, so J = -(1/m) sum [y log a + (1 - y) log(1 - a)] needs the minus.",
            lambda A2, Y: -_bce(A2, Y)),
    Mistake("a sum in place of the mean", "the cost is the mean over the m examples: divide by m, the number of examples (the "
            "columns: Y.shape[1]; Y.shape[0] is the number of output rows, 1).",
            lambda A2, Y: _bce(A2, Y) * np.shape(Y)[1]),
    Mistake("the (1 - Y) log(1 - A2) term left out", "examples with y = 0 contribute -log(1 - a).",
            lambda A2, Y: float(-np.mean(np.asarray(Y) * np.log(A2)))),
    Mistake("the cost as a (1, 1) array", "np.dot(Y, np.log(A2).T) is a (1, 1) array: return float(...) of it.",
            lambda A2, Y: np.array([[_bce(A2, Y)]])),
    Mistake("the squared error in place of the cross-entropy", "use -(y log a + (1 - y) log(1 - a)), not (a - y)^2.",
            lambda A2, Y: float(np.mean((np.asarray(A2) - Y) ** 2))),
]

_BACKWARD_MISTAKES = [
    Mistake("a missing 1/m", "the cost is a mean over m examples, so every dW and db carries a 1/m.",
            _backward_with(scale=False)),
    Mistake("db without keepdims=True", "np.sum(dZ, axis=1) has shape (n,); keepdims=True keeps the (n, 1) of b.",
            _backward_with(db=lambda dZ: np.sum(dZ, axis=1))),
    Mistake("db summed over the wrong axis", "db sums dZ over the examples, which are the columns: axis=1.",
            _backward_with(db=lambda dZ: np.sum(dZ, axis=0, keepdims=True))),
    Mistake("db as one number", "db1 has shape (n_h, 1): sum over the examples only (axis=1, keepdims=True).",
            _backward_with(db=lambda dZ: np.sum(dZ))),
    Mistake("tanh' computed from Z1", "tanh'(z) = 1 - tanh(z)^2 = 1 - A1^2: use A1, not Z1.",
            _backward_with(gprime=lambda Z1, A1: 1 - Z1 ** 2)),
    Mistake("tanh' as 1 - A1 (not squared)", "tanh'(z) = 1 - A1^2.", _backward_with(gprime=lambda Z1, A1: 1 - A1)),
    Mistake("sigmoid's derivative in the hidden layer", "the hidden layer is tanh: g'(Z1) = 1 - A1^2, not A1 (1 - A1).",
            _backward_with(gprime=lambda Z1, A1: A1 * (1 - A1))),
    Mistake("np.dot in place of * in dZ1", "dZ1 = (W2^T dZ2) * g'(Z1) multiplies entry by entry, not as matrices.",
            _backward_with(dz1=lambda a, g: np.dot(a, g))),
    Mistake("dZ2 = Y - A2 (the sign)", "dZ2 = A2 - Y: the gradient points uphill, gradient descent subtracts it.",
            _backward_with(sign=-1.0)),
    Mistake("dW transposed", "dW has the shape of W: dW1 = (1/m) dZ1 X^T is (n_h, n_x), dW2 = (1/m) dZ2 A1^T.",
            _backward_with(dW=lambda dZ, A_prev: A_prev @ dZ.T)),
    Mistake("tanh' left out of dZ1", "dZ1 = (W2^T dZ2) * (1 - A1^2): the gradient passes through the tanh.",
            _backward_with(gprime=lambda Z1, A1: 1.0)),
    Mistake("tanh applied twice in tanh'", "A1 is tanh(Z1) already: tanh'(Z1) = 1 - A1^2, not 1 - tanh(A1)^2.",
            _backward_with(gprime=lambda Z1, A1: 1 - np.tanh(A1) ** 2)),
    Mistake("an extra sigmoid' in dZ2", "for a sigmoid output and the cross-entropy, dZ2 = A2 - Y already "
            "includes sigma'(Z2): do not multiply by A2 (1 - A2) again.",
            _backward_with(dz2=lambda A2, Y: (A2 - Y) * A2 * (1 - A2))),
] + [Mistake("a missing 1/m", "the cost is a mean over m examples, so every dW and db carries a 1/m, "
             f"{which} too.", _backward_with(unscaled=keys))
     for which, keys in (("db1 and db2", ("db1", "db2")), ("dW1 and dW2", ("dW1", "dW2")), ("dW1", ("dW1",)),
                         ("db1", ("db1",)), ("dW2", ("dW2",)), ("db2", ("db2",)))]

_UPDATE_MISTAKES = (
    [Mistake("+ in place of -", "gradient descent steps against the gradient: W = W - learning_rate * dW.",
             _update_with(sign=1.0)),
     Mistake("the biases not updated", "update b1 and b2 too: b = b - learning_rate * db.", _update_with(biases=False))]
    + [Mistake("a hard-coded learning rate", "use the learning_rate argument, not a number.", _update_with(lr=lr))
       for lr in HARD_CODED_LRS]
)

_NN_MODEL_MISTAKES = (
    [Mistake("the result of update_parameters thrown away",
             "update_parameters returns new parameters: parameters = update_parameters(...).",
             _nn_model_with(keep_update=False)),
     Mistake("n_h ignored", "build the hidden layer with the n_h you were given.", _nn_model_with(n_h_fixed=4))]
    + [Mistake("a hard-coded learning rate", "pass the learning_rate argument on to update_parameters.",
               _nn_model_with(lr=lr)) for lr in HARD_CODED_LRS]
    + [Mistake("a hard-coded number of iterations", "loop num_iterations times.", _nn_model_with(iters=n))
       for n in HARD_CODED_ITERS]
    + [Mistake("the seed ignored", "pass seed on to initialize_parameters.", _nn_model_with(seed_fixed=s))
       for s in (0, 1, 2, 3, 42)]
    + [Mistake("an off-by-one number of iterations", "range(num_iterations) makes exactly num_iterations steps "
               "(not range(1, num_iterations) or range(num_iterations + 1)).", _nn_model_with(extra=k))
       for k in (-1, 1)]
)

_PREDICT_MISTAKES = [
    Mistake("probabilities in place of labels", "turn A2 into labels: 1.0 where A2 > 0.5, else 0.0.",
            _predict_with(lambda A2: A2)),
    Mistake("the labels flipped", "predict 1.0 where A2 > 0.5 (the network's P(y = 1 | x)).",
            _predict_with(lambda A2: (A2 <= 0.5).astype(float))),
    Mistake("the labels as a 1-D array", "keep the shape (1, m): threshold A2 itself, not A2[0].",
            _predict_with(lambda A2: (A2[0] > 0.5).astype(float))),
    Mistake("the threshold 0 in place of 0.5", "A2 is a probability in (0, 1): threshold it at 0.5.",
            _predict_with(lambda A2: (A2 > 0).astype(float))),
]

_GRADCHECK_MISTAKES = (
    [Mistake("a one-sided difference", "use the centred difference (J(theta + eps) - J(theta - eps)) / (2 eps).",
             _gradcheck_with(difference="one-sided")),
     Mistake("dividing by eps instead of 2 eps", "gradapprox is off by a factor of 2: the two points theta + eps "
             "and theta - eps are 2 eps apart, so divide by 2 * epsilon (and check that the minus side really "
             "is at theta - eps).",
             _gradcheck_with(difference="eps")),
     Mistake("the denominator without the norm of gradapprox",
             "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||).", _gradcheck_with(denominator="grad")),
     Mistake("the difference not divided by the norms",
             "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||): divide by the sum of the norms.",
             _gradcheck_with(denominator="none")),
     Mistake("the denominator without the norm of grad",
             "difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||).", _gradcheck_with(denominator="approx")),
     Mistake("the norm of the sum in the denominator", "the denominator is the sum of the two norms, "
             "||grad|| + ||gradapprox||, not the norm of the sum ||grad + gradapprox||.",
             _gradcheck_with(denominator="norm of the sum")),
     Mistake("2 * epsilon not in parentheses", "a / 2 * epsilon is (a / 2) * epsilon: divide by (2 * epsilon).",
             _gradcheck_with(difference="times eps"))]
    + [Mistake("a norm other than the L2 norm", "use the Euclidean norm np.linalg.norm(v) (the square root of the "
               "sum of squares) in all three places.", _gradcheck_with(norm=k)) for k in ("l1", "squared", "max")]
    + [Mistake("a hard-coded epsilon", "use the epsilon argument, not a number.", _gradcheck_with(eps_fixed=e))
       for e in (1e-7, 1e-4)]
)


# --------------------------------------------------------------------------------------------------
# Custom checks


def _param_problem(P, sizes, what):
    """A message if ``P`` is not a dict of W1, b1, W2, b2 with the shapes of ``sizes``, else None."""
    n_x, n_h, n_y = sizes
    if not isinstance(P, dict):
        return tr("returned {got}{where}; expected a dict with keys {keys}", got=describe_type(P), where=what,
                  keys=list(_KEYS))
    missing = [k for k in _KEYS if k not in P]
    if missing:
        return tr("the dict{where} is missing key(s) {missing}; it has {keys}", where=what, missing=missing,
                  keys=sorted(P))
    shapes = {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}
    for k, s in shapes.items():
        v = P[k]
        if not isinstance(v, np.ndarray) or not (np.issubdtype(v.dtype, np.number)):
            return tr("{key}{where} is {got}; expected a numpy array of shape {shape}", key=k, where=what,
                      got=describe_type(v), shape=s)
        if v.shape != s:
            hint = tr(" (transposed?)") if v.shape == s[::-1] and len(s) == 2 and s[0] != s[1] else ""
            return tr("{key}{where} has shape {got}; expected {expected}{hint}", key=k, where=what, got=v.shape,
                      expected=s, hint=hint)
    found = integer_array({k: P[k] for k in _KEYS})
    return integer_message(*found) if found else None


def _init_problem(P, name="W"):
    """(message, mistake) if P is not a proper small random initialisation, else None."""
    for b in ("b1", "b2"):
        if np.any(P[b] != 0):
            return (tr("{b} is not zero; biases start at zero (np.zeros((n, 1))): the random weights alone "
                       "break the symmetry.", b=b), "b drawn at random")
    for w in ("W1", "W2"):
        if np.all(P[w] == 0):
            return (tr("{w} is all zeros; then every hidden unit computes the same thing and learns the "
                       "same update forever. Draw the weights at random.", w=w), "all-zero weights")
    W1 = P["W1"]
    if W1.shape[0] > 1 and np.all(W1 == W1[0:1]):
        return (tr("every row of W1 is the same, so every hidden unit starts (and stays) identical; "
                   "draw each weight at random."), "the same weights for every hidden unit")
    return None


def _init_cases(hidden):
    cases = [(2, 4, 1, 3)]
    if hidden:
        cases += [(3, 5, 1, 11), (5, 2, 1, 0), (4, 3, 2, 8), (1, 1, 1, 21)]
    return cases


def _check_init(call, spec, hidden):
    n = 0
    for n_x, n_h, n_y, seed in _init_cases(hidden):
        case = Case((n_x, n_h, n_y, seed))
        where = "\n  " + on_case(fmt_case(spec, case))
        P = call_outcome(call, spec, case)
        problem = _param_problem(P, (n_x, n_h, n_y), "")
        if problem:
            raise Failure(named(spec.name, problem) + where)
        problem = _init_problem(P)
        if problem:
            raise Failure(named(spec.name, problem[0]) + where, mistake=problem[1])
        again = call_outcome(call, spec, case)
        if not all(np.array_equal(P[k], again[k]) for k in _KEYS):
            raise Failure(tr("{name}: two calls with the same seed gave different parameters.", name=spec.name)
                          + where + "\n  " + tr("Draw from np.random.default_rng(seed), not from the global "
                                                "np.random."), mistake="the seed ignored")
        other = call_outcome(call, spec, Case((n_x, n_h, n_y, seed + 1)))
        if np.array_equal(P["W1"], other["W1"]) and np.array_equal(P["W2"], other["W2"]):
            raise Failure(tr("{name}: seeds {a} and {b} gave the same parameters.", name=spec.name, a=seed,
                             b=seed + 1) + where + "\n  "
                          + tr("Make the generator from the seed argument: np.random.default_rng(seed)."),
                          mistake="the seed ignored")
        n += 3
    # the scale, on a layer large enough for the standard deviation to be measured
    case = Case((100, 200, 1, 5))
    where = "\n  " + on_case(fmt_case(spec, case))
    P = call_outcome(call, spec, case)
    problem = _param_problem(P, (100, 200, 1), "")
    if problem:
        raise Failure(named(spec.name, problem) + where)
    # W1 has 20000 entries, W2 200: the bounds are 5 or more standard errors of the sample's mean and
    # standard deviation away from a correct draw, however it is drawn
    for w, lo, hi, centred in (("W1", 0.0095, 0.0105, 0.2), ("W2", 0.007, 0.013, 0.4)):
        W = P[w].astype(float)
        std, mean, biggest = float(W.std()), float(W.mean()), float(np.abs(W).max())
        if not (lo <= std <= hi and abs(mean) < centred * std):
            if 0.5 < std < 2 and abs(mean) < centred * std:
                mistake, hint = "the 0.01 scale left out", N_("multiply the standard normal draws by 0.01")
            elif biggest <= 0.0101:  # every |w| <= 0.01: rng.random() * 0.01 or rng.uniform(-1, 1) * 0.01
                mistake, hint = ("uniform in place of normal", N_("draw from a standard normal "
                                                                  "(rng.standard_normal), not rng.random or rng.uniform"))
            elif abs(mean) >= centred * std:
                mistake, hint = None, N_("draw from a standard normal, whose mean is 0, and multiply by 0.01")
            else:
                mistake, hint = ("a scale other than 0.01",
                                 N_("multiply standard normal draws by 0.01 exactly (not 0.1, not 1/sqrt(n))"))
            raise Failure(tr("{name}: {w} has mean {mean} and standard deviation {std}; expected mean about 0 and "
                             "standard deviation about 0.01 ({hint}).", name=spec.name, w=w, mean=f"{mean:.3g}",
                             std=f"{std:.3g}", hint=tr(hint)) + where, mistake=mistake)
    return n + 1


def _trained_from_own_start(call, spec, case, got):
    """Whether ``got`` is gradient descent from the parameters nn_model returns with 0 iterations (a
    solution that draws its own initial weights), and the :class:`Failure` to report if that start
    is not a proper initialisation that depends on the seed (else None). The failure is raised only
    when no known mistake explains the result better (one step too many also trains from a start
    that is not the initialisation, say)."""
    X, Y = case.args
    kw = case.kwargs
    where = "\n  " + on_case(fmt_case(spec, case))
    start = Case((X, Y), {**kw, "num_iterations": 0})
    outcome = call(start)
    P0 = outcome.value
    if outcome.error or outcome.timeout or _param_problem(P0, (X.shape[0], kw["n_h"], 1), "") is not None:
        return False, None
    trained = _gd_steps(P0, X, Y, kw["num_iterations"], kw["learning_rate"])
    if compare(trained, got, spec.rtol, spec.atol) is not None:
        return False, None
    init = _init_problem(P0)
    if init:
        return True, Failure(tr("{name} (its initialisation, with num_iterations=0): {problem}", name=spec.name,
                                problem=init[0]) + where, mistake=init[1])
    # a few weights only: no standard deviation to measure, but normal draws times 0.01 stay below 0.1
    # (10 standard deviations) and draws times 1 do not, all of them
    biggest = max(float(np.abs(P0[w]).max()) for w in ("W1", "W2"))
    if biggest >= 0.1:
        return True, Failure(tr("{name} (its initialisation, with num_iterations=0): a weight of size {size}; "
                                "standard normal draws times 0.01 are about 0.01.", name=spec.name,
                                size=f"{biggest:.3g}") + where + "\n  "
                             + tr("Initialise with initialize_parameters (normal draws times 0.01)."),
                             mistake="the 0.01 scale left out" if biggest > 0.5 else "a scale other than 0.01")
    other = call_outcome(call, spec, Case((X, Y), {**start.kwargs, "seed": kw["seed"] + 1}))
    if isinstance(other, dict) and all(np.array_equal(P0[k], other.get(k)) for k in _KEYS):
        return True, Failure(tr("{name}: seeds {a} and {b} give the same initial parameters.", name=spec.name,
                                a=kw["seed"], b=kw["seed"] + 1) + where + "\n  "
                             + tr("Pass seed on to initialize_parameters."), mistake="the seed ignored")
    return True, None


def _check_nn_model(call, spec, hidden):
    n = 0
    for case in spec.cases():
        if case.hidden and not hidden:
            continue
        X, Y = case.args
        kw = case.kwargs
        sizes = (X.shape[0], kw["n_h"], 1)
        where = "\n  " + on_case(fmt_case(spec, case))
        got = call_outcome(call, spec, case)
        expected = expected_of(spec, case)
        diff = compare(expected, got, spec.rtol, spec.atol)
        n += 1
        if diff is None:
            continue
        problem = _param_problem(got, sizes, "")
        own, failure = _trained_from_own_start(call, spec, case, got) if problem is None else (False, None)
        if own and failure is None:
            n += 1
            continue
        m = name_mistake(spec, case, got)
        if m is None and failure is not None:
            raise failure
        if m is None and problem is None and not own:
            again = call(case).value
            if isinstance(again, dict) and not all(np.array_equal(got[k], again.get(k)) for k in _KEYS):
                raise Failure(tr("{name}: two calls with the same seed gave different parameters.", name=spec.name)
                              + where + "\n  " + tr("Pass seed on to initialize_parameters (which draws from "
                                                    "np.random.default_rng(seed))."), mistake="the seed ignored")
        if m is None and problem and isinstance(got, dict) and isinstance(got.get("W1"), np.ndarray) \
                and got["W1"].ndim == 2 and got["W1"].shape[1] == sizes[0] and got["W1"].shape[0] != kw["n_h"]:
            raise Failure(named(spec.name, problem) + where + "\n  " + tr(
                "This looks like n_h ignored: build the hidden layer with the n_h you were given ({n_h} here), "
                "not {got}.", n_h=kw["n_h"], got=got["W1"].shape[0]), mistake="n_h ignored")
        if m:
            raise Failure(named(spec.name, problem or diff) + where + "\n  " + looks_like(m.name, m.hint),
                          mistake=m.name)
        if problem:
            raise Failure(named(spec.name, problem) + where)
        raise Failure(named(spec.name, diff) + where + "\n  " + tr(
            "This is not what {n} steps of gradient descent give (initialize_parameters, then "
            "forward_propagation, backward_propagation and update_parameters in a loop).",
            n=kw["num_iterations"]))
    return n


def _check_gradient_check(call, spec, hidden):
    n = 0
    for case in spec.cases():
        if case.hidden and not hidden:
            continue
        where = "\n  " + on_case(fmt_case(spec, case))
        outcome = call(case)
        problem = outcome_problem(spec, case, outcome)
        if problem:
            raise problem
        if outcome.mutated:
            raise Failure(tr("{name} changed the parameters it was given (even adding epsilon and then taking it "
                             "away can change a number by a rounding error).", name=spec.name) + "\n  "
                          + tr("Work on copies (np.copy) of the parameters and leave the originals alone.") + where,
                          mistake="modifies its input")
        got = outcome.value
        n += 1
        if not (np.ndim(got) == 0 and not isinstance(got, (str, bool)) and np.isrealobj(got)
                and np.issubdtype(np.asarray(got).dtype, np.number)):
            raise Failure(tr("{name}: returned {got}; expected one number (the relative difference).",
                             name=spec.name, got=describe_type(got)) + where)
        value, expected = float(np.asarray(got)), float(expected_of(spec, case))
        eps = case.kwargs.get("epsilon", 1e-7)
        if eps <= 1e-5:  # rounding noise: any small number is right
            ok = (0 <= value < 1e-6) or bool(np.isclose(value, expected, rtol=1e-2, atol=0))
        else:
            ok = bool(np.isclose(value, expected, rtol=1e-3, atol=1e-12))
        if ok:
            continue
        m = name_mistake(spec, case, got)
        lines = [tr("{name}: returned {got}; expected {expected}", name=spec.name, got=f"{value:.6g}",
                    expected=f"{expected:.6g}") + (tr(" (or any value below 1e-6)") if eps <= 1e-5 else ""),
                 "  " + on_case(fmt_case(spec, case))]
        if m:
            lines.append("  " + looks_like(m.name, m.hint))
        elif eps > 1e-5:
            lines.append("  " + tr("With a large epsilon the centred difference has a real error of order "
                                   "epsilon^2, which the relative difference measures."))
        raise Failure("\n".join(lines), mistake=m.name if m else None)
    return n


# --------------------------------------------------------------------------------------------------

_DEPS_MODEL = ("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
               "backward_propagation", "update_parameters")

FUNCTIONS = [
    FunctionSpec("layer_sizes", ref.layer_sizes, _layer_sizes_cases, mistakes=_LAYER_SIZES_MISTAKES),
    FunctionSpec("initialize_parameters", ref.initialize_parameters, lambda: [], custom=_check_init,
                 mistakes=[]),
    FunctionSpec("forward_propagation", ref.forward_propagation, _forward_cases, mistakes=_FORWARD_MISTAKES,
                 rtol=1e-6, atol=1e-9),
    FunctionSpec("compute_cost", ref.compute_cost, _cost_cases, mistakes=_COST_MISTAKES, custom=functools.partial(check_cross_entropy, A="A2"),
                 rtol=1e-4),
    FunctionSpec("backward_propagation", ref.backward_propagation, _backward_cases, mistakes=_BACKWARD_MISTAKES,
                 rtol=1e-6, atol=1e-9),
    FunctionSpec("update_parameters", ref.update_parameters, _update_cases, mistakes=_UPDATE_MISTAKES,
                 rtol=1e-7, atol=1e-10),
    FunctionSpec("nn_model", ref.nn_model, _nn_model_cases, mistakes=_NN_MODEL_MISTAKES, deps=_DEPS_MODEL,
                 custom=_check_nn_model, rtol=1e-4, atol=1e-7),
    FunctionSpec("predict", ref.predict, _predict_cases, mistakes=_PREDICT_MISTAKES, deps=("forward_propagation",)),
    FunctionSpec("gradient_check", ref.gradient_check, _gradcheck_cases, mistakes=_GRADCHECK_MISTAKES,
                 deps=("forward_propagation", "compute_cost", "backward_propagation"),
                 custom=_check_gradient_check),
]

#: The mistakes that the custom check of initialize_parameters names (no table: it checks properties).
INIT_MISTAKES = ("b drawn at random", "all-zero weights", "the same weights for every hidden unit",
                 "the seed ignored", "the 0.01 scale left out", "uniform in place of normal",
                 "a scale other than 0.01")


def _shape_answer(expected):
    def accept(value):
        try:
            return isinstance(value, (tuple, list)) and tuple(int(v) for v in value) == expected
        except (TypeError, ValueError):
            return False
    return accept


QUESTIONS = [
    QuestionSpec("q_symmetric_units", one_of(1, "1", "one"),
                 "With every weight equal at the start, do two hidden units ever get different gradients?"),
    QuestionSpec("q_dz1_shape", _shape_answer((4, 400)),
                 "dZ1 has the shape of Z1: one row per hidden unit, one column per example."),
    QuestionSpec("q_gradcheck", one_of("c"),
                 "Below about 1e-7 is rounding noise; around 1e-2 or more, the two gradients disagree."),
]

HELPERS = {"sigmoid": act.sigmoid, "tanh": act.tanh}
