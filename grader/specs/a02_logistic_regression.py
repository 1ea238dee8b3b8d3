"""Checks for ``02_logistic_regression``: zeros, the cross-entropy cost, one gradient step's
gradients, gradient descent, and prediction.

Cases: small fixed inputs first (the visible checks), then hidden ones of other shapes (one
feature, one example, many features) and other hyperparameters (learning rates and numbers of
iterations that differ from the visible ones and from the notebook's experiments), so a value
hard-coded in place of a parameter is caught.

Tolerances accept every correct implementation:

* ``binary_cross_entropy`` is compared with the reference (rtol 1e-4) only where A is in
  [0.02, 0.98], where clipping, or adding a tiny eps inside the logs, makes no difference; at A exactly 0 or 1 it is checked for being finite, large
  where the prediction is confidently wrong and near 0 where it is confidently right, never for one
  clipping constant;
* ``optimize`` may return its costs as a list, a tuple or a 1-D array, of floats or 0-d arrays;
* ``db`` (and ``b``) may be a Python float, a NumPy scalar or a 0-d array, but not a (1, 1) array;
* ``predict`` may return 0.0/1.0 floats (or booleans); no case puts an activation within 1e-6 of 0.5,
  so ``> 0.5``, ``>= 0.5``, ``np.round`` and ``z > 0`` all agree.
"""

import numpy as np

from grader.engine import (Case, Failure, FunctionSpec, Mistake, Outcome, QuestionSpec, call_outcome,
                           check_values, describe_type, fmt_case, one_of, rng_for)
from nnkit import activations as act
from nnkit import logistic as ref
from nnkit import losses

_sig = act._sigmoid  # the unchecked kernel: same numbers, faster


# --------------------------------------------------------------------------------------------------
# Cases


def _data(rng, n_x, m, scale=1.0):
    """X (n_x, m) and Y (1, m) with both labels present when m >= 2."""
    X = rng.normal(size=(n_x, m)) * scale
    Y = (rng.random((1, m)) > 0.5).astype(float)
    if m >= 2:
        Y[0, 0], Y[0, 1] = 1.0, 0.0
    return X, Y


def _init_cases():
    return [Case((2,)), Case((3,)), Case((1,), hidden=True), Case((5,), hidden=True), Case((17,), hidden=True)]


def _bce_cases():
    rng = rng_for("binary_cross_entropy")
    out = [
        Case((np.array([[0.9, 0.2, 0.6, 0.3]]), np.array([[1.0, 0.0, 1.0, 1.0]]))),
        Case((np.array([[0.5, 0.25, 0.75]]), np.array([[0.0, 1.0, 1.0]]))),
    ]
    for m in (1, 6, 40):
        A = rng.uniform(0.02, 0.98, size=(1, m))
        Y = (rng.random((1, m)) > 0.5).astype(float)
        out.append(Case((A, Y), hidden=True))
    return out


def _propagate_cases():
    rng = rng_for("propagate")
    out = [Case((np.array([[1.0], [-0.5]]), 0.5, np.array([[1.0, -2.0, 0.5], [0.5, 1.0, -1.5]]),
                 np.array([[1.0, 0.0, 1.0]]))),
           Case((np.array([[0.2], [0.0], [-0.4]]), -0.3,
                 np.array([[1.0, 2.0, -1.0, 0.0], [0.5, -1.0, 1.5, 2.0], [-2.0, 0.0, 1.0, -0.5]]),
                 np.array([[0.0, 1.0, 1.0, 0.0]])))]
    for n_x, m, b in ((3, 7, -0.4), (1, 5, 1.5), (4, 1, 0.2), (6, 20, 0.0)):
        X, Y = _data(rng, n_x, m)
        out.append(Case((rng.normal(size=(n_x, 1)) * 0.5, b, X, Y), hidden=True))
    return out


#: The learning rates and iteration counts of the visible case and of the notebook's experiments:
#: a solution that hard-codes one of them is named by the mistakes below.
VISIBLE_LR, VISIBLE_ITERS = 0.1, 201
NOTEBOOK_LRS = (VISIBLE_LR, 0.05, 0.5, 0.005, 0.009, 0.01, 1.0)
NOTEBOOK_ITERS = (VISIBLE_ITERS, 1500, 100, 1000, 2000)


def _optimize_cases():
    rng = rng_for("optimize")
    X = np.array([[1.0, -2.0, 0.5, 2.0, -1.0], [0.5, 1.0, -1.5, 1.0, -0.5]])
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    out = [Case((np.zeros((2, 1)), 0.0, X, Y), {"num_iterations": VISIBLE_ITERS, "learning_rate": VISIBLE_LR}),
           Case((np.array([[0.5], [-0.5]]), 0.2, X, Y), {"num_iterations": 120, "learning_rate": 0.4})]
    for n_x, m, iters, lr, nonzero in ((3, 8, 250, 0.07, False), (2, 6, 100, 0.3, True),
                                       (1, 5, 301, 0.02, True), (4, 12, 150, 0.15, False)):
        X, Y = _data(rng, n_x, m)
        w = rng.normal(size=(n_x, 1)) * 0.3 if nonzero else np.zeros((n_x, 1))
        b = float(rng.normal() * 0.3) if nonzero else 0.0
        out.append(Case((w, b, X, Y), {"num_iterations": iters, "learning_rate": lr}, hidden=True))
    return out


def _predict_cases():
    rng = rng_for("predict")
    # z = w^T x + b = [0.95, -2.3, 1.45, 0.3, 0.1]: the last two tell z > 0 from z > 0.5 and b from no b
    out = [Case((np.array([[1.0], [-0.5]]), 0.2,
                 np.array([[1.0, -2.0, 0.5, 0.3, 0.1], [0.5, 1.0, -1.5, 0.4, 0.4]]))),
           Case((np.array([[0.5], [-1.0], [2.0]]), -0.5,
                 np.array([[1.0, 0.0, 2.0, -1.0], [1.0, 0.5, 0.0, -2.0], [1.0, 0.25, -1.0, 0.0]])))]
    for case in out:  # every visible z is at least 0.05 away from 0
        w, b, X = case.args
        assert np.all(np.abs(w.T @ X + b) >= 0.05)
    for n_x, m in ((3, 9), (1, 6), (5, 1), (2, 30)):
        w, b, X = rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)) * 2
        X = _away_from_boundary(w, b, X)
        out.append(Case((w, b, X), hidden=True))
    return out


def _away_from_boundary(w, b, X):
    """Move any example with |w^T x + b| < 0.05 off the boundary, so every threshold agrees."""
    z = (w.T @ X + b).ravel()
    close = np.abs(z) < 0.05
    if close.any():
        X = X.copy()
        X[:, close] += w * (0.1 / float(np.sum(w * w)))
    return X


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them


def _bce_ref(A, Y):
    A, Y = np.asarray(A, dtype=float), np.asarray(Y, dtype=float)
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))


def _forward(w, b, X):
    return _sig(np.dot(np.asarray(w).T, X) + b)


def _propagate_with(dw_fn=None, db_fn=None, cost_fn=None):
    def impl(w, b, X, Y):
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        m = X.shape[1]
        A = _forward(w, b, X)
        dZ = A - Y
        dw = dw_fn(X, dZ, m) if dw_fn else X @ dZ.T / m
        db = db_fn(dZ, m) if db_fn else float(np.sum(dZ) / m)
        cost = cost_fn(A, Y, m) if cost_fn else _bce_ref(A, Y)
        return {"dw": dw, "db": db}, cost
    return impl


def _fast_propagate(w, b, X, Y):
    """ref.propagate without its input checks (the mistakes run thousands of steps)."""
    A = _sig(w.T @ X + b)
    dZ = A - Y
    m = X.shape[1]
    return {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}, losses._bce(A, Y)


def _optimize_with(lr=None, iters=None, record=lambda i: i % 100 == 0, sequential=False,
                   last_grads_after=False):
    def impl(w, b, X, Y, num_iterations, learning_rate):
        w, b = np.array(w, dtype=float), float(b)
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        n, rate = iters or num_iterations, lr or learning_rate
        costs = []
        for i in range(n):
            grads, cost = _fast_propagate(w, b, X, Y)
            if record(i):
                costs.append(cost)
            w = w - rate * grads["dw"]
            if sequential:
                db = _fast_propagate(w, b, X, Y)[0]["db"]
                grads = {"dw": grads["dw"], "db": db}
            b = b - rate * grads["db"]
        if last_grads_after:
            grads = _fast_propagate(w, b, X, Y)[0]
        return {"w": w, "b": b}, grads, costs
    return impl


_BCE_MISTAKES = [
    Mistake("the minus sign left out", "log a <= 0, so J = -(1/m) sum [y log a + (1 - y) log(1 - a)] "
            "needs the minus to be >= 0.", lambda A, Y: -_bce_ref(A, Y)),
    Mistake("a sum in place of the mean", "the cost is the mean over the m examples: divide by m.",
            lambda A, Y: _bce_ref(A, Y) * np.shape(Y)[1]),
    Mistake("the (1 - y) log(1 - a) term left out", "examples with y = 0 contribute -log(1 - a).",
            lambda A, Y: float(-np.mean(np.asarray(Y) * np.log(A)))),
    Mistake("the squared error in place of the cross-entropy", "use -(y log a + (1 - y) log(1 - a)), "
            "not (a - y)^2.", lambda A, Y: float(np.mean((np.asarray(A) - Y) ** 2))),
    Mistake("the squared error in place of the cross-entropy", "use -(y log a + (1 - y) log(1 - a)), "
            "not (a - y)^2.", lambda A, Y: float(np.mean((np.asarray(A) - Y) ** 2) / 2)),
]

_PROPAGATE_MISTAKES = [
    Mistake("a missing 1/m", "the cost is a mean, so dw = (1/m) X dZ^T and db = (1/m) sum(dZ).",
            _propagate_with(dw_fn=lambda X, dZ, m: X @ dZ.T, db_fn=lambda dZ, m: float(np.sum(dZ)))),
    Mistake("a missing 1/m", "the cost is a mean, so J, dw and db all carry a 1/m.",
            _propagate_with(dw_fn=lambda X, dZ, m: X @ dZ.T, db_fn=lambda dZ, m: float(np.sum(dZ)),
                            cost_fn=lambda A, Y, m: _bce_ref(A, Y) * m)),
    Mistake("a missing 1/m", "the cost is a mean: J = -(1/m) sum [...].",
            _propagate_with(cost_fn=lambda A, Y, m: _bce_ref(A, Y) * m)),
    Mistake("dw = dZ X^T (shape (1, n_x))", "dw must have the shape of w, (n_x, 1): dw = (1/m) X dZ^T.",
            _propagate_with(dw_fn=lambda X, dZ, m: dZ @ X.T / m)),
    Mistake("the cost without its minus sign", "J = -(1/m) sum [y log a + (1 - y) log(1 - a)] >= 0.",
            _propagate_with(cost_fn=lambda A, Y, m: -_bce_ref(A, Y))),
    Mistake("dZ = Y - A (the sign)", "dL/dz = a - y: the gradient points uphill, gradient descent "
            "subtracts it.", _propagate_with(dw_fn=lambda X, dZ, m: -X @ dZ.T / m,
                                             db_fn=lambda dZ, m: float(-np.sum(dZ) / m))),
    Mistake("db as a (1, 1) array", "db is a single number: float(np.sum(dZ) / m) (a 0-d array is fine).",
            _propagate_with(db_fn=lambda dZ, m: np.sum(dZ, axis=1, keepdims=True) / m)),
    Mistake("db as a (1, 1) array", "db is a single number: float(np.sum(dZ) / m) (a 0-d array is fine).",
            _propagate_with(db_fn=lambda dZ, m: np.sum(dZ, axis=1) / m)),
]

_OPTIMIZE_MISTAKES = (
    [Mistake("costs recorded at every iteration", "append the cost only when i % 100 == 0.",
             _optimize_with(record=lambda i: True)),
     Mistake("the cost of iteration 0 missing", "record the cost when i % 100 == 0, which includes i = 0.",
             _optimize_with(record=lambda i: i % 100 == 99)),
     Mistake("the cost of iteration 0 missing", "record the cost when i % 100 == 0, which includes i = 0.",
             _optimize_with(record=lambda i: i > 0 and i % 100 == 0)),
     Mistake("w updated before db is computed (not a simultaneous update)",
             "compute dw and db from the same (w, b), then update both.", _optimize_with(sequential=True)),
     Mistake("the gradients of the final parameters returned",
             "return the grads computed in the last iteration, before its update.",
             _optimize_with(last_grads_after=True))]
    + [Mistake("a hard-coded learning rate", "use the learning_rate argument, not a number.",
               _optimize_with(lr=lr)) for lr in NOTEBOOK_LRS]
    + [Mistake("a hard-coded number of iterations", "loop num_iterations times.",
               _optimize_with(iters=n)) for n in NOTEBOOK_ITERS]
)

_PREDICT_MISTAKES = [
    Mistake("probabilities in place of labels", "turn a = sigmoid(z) into 1.0 where a > 0.5, else 0.0.",
            lambda w, b, X: _forward(w, b, X)),
    Mistake("the labels flipped", "predict 1.0 where a > 0.5 (the model's P(y = 1 | x)).",
            lambda w, b, X: (_forward(w, b, X) <= 0.5).astype(float)),
    Mistake("the threshold 0.5 applied to z", "threshold a = sigmoid(z) at 0.5 (or, the same, z at 0).",
            lambda w, b, X: ((np.asarray(w).T @ X + b) > 0.5).astype(float)),
    Mistake("the bias left out", "a = sigmoid(w^T X + b).",
            lambda w, b, X: (_sig(np.asarray(w).T @ X) > 0.5).astype(float)),
]

_INIT_MISTAKES = [
    Mistake("w as a 1-D array", "w is a column: np.zeros((n_x, 1)), not np.zeros(n_x).",
            lambda n_x: (np.zeros(n_x), 0.0)),
    Mistake("w as a row", "w is a column of shape (n_x, 1).", lambda n_x: (np.zeros((1, n_x)), 0.0)),
    Mistake("b as an array", "b is a single number: b = 0.0.", lambda n_x: (np.zeros((n_x, 1)), np.zeros((1, 1)))),
    Mistake("b as an array", "b is a single number: b = 0.0.", lambda n_x: (np.zeros((n_x, 1)), np.zeros(1))),
]


# --------------------------------------------------------------------------------------------------
# Custom checks


def _check_bce(call, spec, hidden):
    """Values where A is in [0.01, 0.99]; at A exactly 0 or 1: finite, large when wrong, ~0 when right."""
    n = check_values(spec, call, hidden)
    edge = [
        (np.array([[0.0, 0.5, 1.0]]), np.array([[1.0, 1.0, 0.0]]), "wrong"),
        (np.array([[1.0, 0.0, 1.0, 0.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]), "right"),
    ]
    if hidden:
        edge.append((np.array([[0.0, 1.0, 0.3, 0.8, 1.0, 0.0]]), np.array([[0.0, 1.0, 1.0, 0.0, 0.0, 1.0]]), "mixed"))
    for A, Y, kind in edge:
        case = Case((A, Y))
        got = call_outcome(call, spec, case)
        where = f"\n  on {fmt_case(spec, case)}"
        if not (np.ndim(got) == 0 and not isinstance(got, (str, bool)) and np.isrealobj(got)
                and np.issubdtype(np.asarray(got).dtype, np.number)):
            raise Failure(f"{spec.name}: returned {describe_type(got)}; expected a number.{where}")
        value = float(np.asarray(got))
        if not np.isfinite(value):
            raise Failure(f"{spec.name}: returned {value} where A is exactly 0 or 1; the cost must stay "
                          f"finite.{where}\n  Clip A to [eps, 1 - eps] (eps tiny, e.g. 1e-15) before the logs.",
                          mistake="no clipping at A = 0 or 1")
        clipped = np.clip(A, 1e-3, 1 - 1e-3)
        floor = 0.999 * _bce_ref(clipped, Y)  # what clipping at 1e-3 would give
        ceiling = 0.011  # a confident right answer costs about nothing
        n += 1
        if kind == "right" and not (-1e-6 <= value <= ceiling):
            raise Failure(f"{spec.name}: returned {value:.6g} for predictions that are all exactly right; "
                          f"expected about 0.{where}")
        if kind != "right" and value < floor:
            raise Failure(f"{spec.name}: returned {value:.6g}; a prediction of exactly 0 for y = 1 "
                          f"(or 1 for y = 0) should cost a lot (at least {floor:.3g}).{where}\n"
                          "  Clip A with a tiny eps (e.g. 1e-15), not a large one.", mistake="clipping eps too large")
    return n


def _normalise_costs(call):
    """Let optimize return its costs as a list, a tuple or a 1-D array of numbers."""
    def wrapped(case):
        outcome = call(case)
        v = outcome.value
        if type(v) is tuple and len(v) == 3:
            costs = v[2]
            if isinstance(costs, np.ndarray) and costs.ndim == 1:
                costs = [c for c in costs]
            elif type(costs) is tuple:
                costs = list(costs)
            outcome = Outcome(value=(v[0], v[1], costs), error=outcome.error, timeout=outcome.timeout,
                              mutated=outcome.mutated)
        return outcome
    return wrapped


def _check_optimize(call, spec, hidden):
    return check_values(spec, _normalise_costs(call), hidden)


# --------------------------------------------------------------------------------------------------

FUNCTIONS = [
    FunctionSpec("initialize_with_zeros", ref.initialize_with_zeros, _init_cases, mistakes=_INIT_MISTAKES),
    FunctionSpec("binary_cross_entropy", losses.binary_cross_entropy, _bce_cases, mistakes=_BCE_MISTAKES,
                 custom=_check_bce, rtol=1e-4),
    FunctionSpec("propagate", ref.propagate, _propagate_cases, mistakes=_PROPAGATE_MISTAKES,
                 deps=("binary_cross_entropy",), rtol=1e-4),
    FunctionSpec("optimize", ref.optimize, _optimize_cases, mistakes=_OPTIMIZE_MISTAKES,
                 deps=("propagate",), custom=_check_optimize, rtol=1e-5, atol=1e-7),
    FunctionSpec("predict", ref.predict, _predict_cases, mistakes=_PREDICT_MISTAKES),
]

QUESTIONS = [
    QuestionSpec("q_dz", one_of(-0.2),
                 "dz = a - y: here 0.8 - 1."),
    QuestionSpec("q_convex", one_of("a", "cross-entropy", "cross entropy"),
                 "Look again at the two cost surfaces: which one has a single bowl and no flat plateaus?"),
    QuestionSpec("q_circles", one_of("c", "line", "a line", "straight line", "a straight line"),
                 "A single neuron's decision boundary is the set where w^T x + b = 0: what shape is that?"),
]

HELPERS = {"sigmoid": act.sigmoid}
