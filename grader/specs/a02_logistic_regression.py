"""Checks for ``02_logistic_regression``: zeros, the cross-entropy cost, one gradient step's
gradients, gradient descent, and prediction.

Cases: small fixed inputs first (the visible checks), then hidden ones of other shapes (one
feature, one example, many features) and other hyperparameters (learning rates and numbers of
iterations that differ from the visible ones and from the notebook's experiments), so a value
hard-coded in place of a parameter is caught.

Tolerances accept every correct implementation:

* ``binary_cross_entropy`` (and ``propagate``) are compared with the reference (rtol 1e-3) only
  where A is in [0.02, 0.98], where clipping with any eps up to 0.02 makes no difference and adding
  an eps up to about 1e-5 inside the logs (``np.log(A + eps)``) very little; at A exactly 0 or 1 the
  cost is checked for being finite, large where the prediction is confidently wrong (at least what
  clipping at 1e-3 gives) and near 0 (within 0.011 either side) where it is confidently right,
  never for one clipping constant;
* ``optimize`` may return its costs as a list, a tuple or a 1-D array, of floats or 0-d arrays,
  each within rtol 1e-3 of the reference's (the parameters and gradients within 1e-5); a result
  that ignores ``learning_rate`` or ``num_iterations`` is named as a hard-coded value whatever the
  number;
* ``db`` (and ``b``) may be a Python float, a NumPy scalar or a 0-d array, but not a (1, 1) array;
* ``predict`` may return 0.0/1.0 floats (or booleans, or ints); no case puts |z| below 0.05, so
  ``> 0.5``, ``>= 0.5``, ``np.round`` and ``z > 0`` all agree: the contract's "1.0 where a > 0.5"
  is not tested at the tie a = 0.5 exactly (as relu's derivative is never tested at 0).

Functions that call earlier graded ones are checked with the references in their place
(``deps``): ``propagate`` may call ``binary_cross_entropy``, ``optimize`` ``propagate`` and
``binary_cross_entropy``; ``sigmoid`` is the notebook's helper (the reference) anyway.
"""

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, Outcome, QuestionSpec, check_values, compare, expected_of, fmt_value, one_of, rng_for)
from grader.check.i18n import tr
from grader.specs.common import check_cross_entropy
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


#: The learning rates and iteration counts of the visible cases: a solution that hard-codes one of
#: them is named by the mistakes below; one that hard-codes any other number (the notebook's 0.005,
#: 2000, ...) by the probe of _check_optimize, which calls it again with another value.
VISIBLE_LR, VISIBLE_ITERS = 0.1, 201
VISIBLE_LRS = (VISIBLE_LR, 0.4)
VISIBLE_ITERS_ALL = (VISIBLE_ITERS, 120)


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
    # z = w^T x + b = [0.95, -2.3, 1.45, 0.3, 0.1, 0.45]: the 4th and 5th tell z > 0 from z > 0.5 and
    # b from no b; the last tells z > 0.5 from w^T x - b > 0 (a subtracted bias)
    out = [Case((np.array([[1.0], [-0.5]]), 0.2,
                 np.array([[1.0, -2.0, 0.5, 0.3, 0.1, 0.45], [0.5, 1.0, -1.5, 0.4, 0.4, 0.4]]))),
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


def _propagate_with(dw_fn=None, db_fn=None, cost_fn=None, dz_fn=None, bias=True, m_of=None):
    def impl(w, b, X, Y):
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        m = m_of(X) if m_of else X.shape[1]
        A = _forward(w, b if bias else 0.0, X)
        dZ = dz_fn(A, Y) if dz_fn else A - Y
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
                   last_grads_after=False, extra_iters=0, sign=-1.0, update_b=True, cost_after=False,
                   first_grads=False):
    def impl(w, b, X, Y, num_iterations, learning_rate):
        w, b = np.array(w, dtype=float), float(b)
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        n, rate = (iters or num_iterations) + extra_iters, lr or learning_rate
        costs, first = [], None
        for i in range(n):
            grads, cost = _fast_propagate(w, b, X, Y)
            first = first or grads
            if record(i) and not cost_after:
                costs.append(cost)
            w = w + sign * rate * grads["dw"]
            if sequential:
                db = _fast_propagate(w, b, X, Y)[0]["db"]
                grads = {"dw": grads["dw"], "db": db}
            if update_b:
                b = b + sign * rate * grads["db"]
            if record(i) and cost_after:
                costs.append(_fast_propagate(w, b, X, Y)[1])
        if last_grads_after:
            grads = _fast_propagate(w, b, X, Y)[0]
        return {"w": w, "b": b}, first if first_grads else grads, costs
    return impl


_BCE_MISTAKES = [
    Mistake("the minus sign left out", "log a <= 0, so J = -(1/m) sum [y log a + (1 - y) log(1 - a)] "
            "needs the minus to be >= 0.", lambda A, Y: -_bce_ref(A, Y)),
    Mistake("a sum in place of the mean", "the cost is the mean over the m examples: divide by m, the number of examples (the "
            "columns: Y.shape[1]; Y.shape[0] is the number of output rows, 1).",
            lambda A, Y: _bce_ref(A, Y) * np.shape(Y)[1]),
    Mistake("the (1 - y) log(1 - a) term left out", "examples with y = 0 contribute -log(1 - a).",
            lambda A, Y: float(-np.mean(np.asarray(Y) * np.log(A)))),
    Mistake("log10 in place of the natural log", "the cross-entropy uses the natural log, np.log.",
            lambda A, Y: _bce_ref(A, Y) / np.log(10)),
    Mistake("the y log a term left out", "examples with y = 1 contribute -log a.",
            lambda A, Y: float(-np.mean((1 - np.asarray(Y)) * np.log(1 - np.asarray(A))))),
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
    Mistake("a missing 1/m", "the cost is a mean, so dw = (1/m) X dZ^T carries a 1/m too.",
            _propagate_with(dw_fn=lambda X, dZ, m: X @ dZ.T)),
    Mistake("a missing 1/m", "the cost is a mean, so db = (1/m) sum(dZ) carries a 1/m too.",
            _propagate_with(db_fn=lambda dZ, m: float(np.sum(dZ)))),
    Mistake("n_x in place of m", "m, the number of examples, is X.shape[1] (X.shape[0] is n_x).",
            _propagate_with(m_of=lambda X: X.shape[0])),
    Mistake("the sigmoid's slope a(1 - a) kept in dZ", "with the cross-entropy it cancels: dZ = A - Y.",
            _propagate_with(dz_fn=lambda A, Y: A * (1 - A) * (A - Y))),
    Mistake("the bias left out of z", "z = w^T X + b: A = sigmoid(np.dot(w.T, X) + b).",
            _propagate_with(bias=False, cost_fn=lambda A, Y, m: _bce_ref(A, Y))),
    Mistake("the squared error in place of the cross-entropy", "the cost is the cross-entropy: "
            "use your binary_cross_entropy(A, Y).",
            _propagate_with(cost_fn=lambda A, Y, m: float(np.mean((A - Y) ** 2)))),
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

_REF_COSTS = {}


def _reference_costs(w, b, X, Y, num_iterations, learning_rate):
    """The reference's costs, remembered for the few inputs seen last (every mistake needs them)."""
    key = tuple(np.asarray(a, dtype=float).tobytes() for a in (w, b, X, Y)) + (np.shape(X), num_iterations,
                                                                               learning_rate)
    if key not in _REF_COSTS:
        if len(_REF_COSTS) > 16:
            _REF_COSTS.clear()
        _REF_COSTS[key] = _optimize_with()(w, b, X, Y, num_iterations, learning_rate)[2]
    return _REF_COSTS[key]


def _snapping(impl):
    """``impl`` with its costs snapped to the reference's as the student's are (see _snap_costs)."""
    def snapped(w, b, X, Y, num_iterations, learning_rate):
        params, grads, costs = impl(w, b, X, Y, num_iterations, learning_rate)
        return params, grads, _snap_costs(costs, _reference_costs(w, b, X, Y, num_iterations, learning_rate))
    return snapped


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
             _optimize_with(last_grads_after=True)),
     Mistake("the gradients of the first iteration returned",
             "return the grads computed in the last iteration (keep the latest ones).",
             _optimize_with(first_grads=True)),
     Mistake("one iteration too many", "range(num_iterations) runs exactly num_iterations steps.",
             _optimize_with(extra_iters=1)),
     Mistake("one iteration too few", "range(num_iterations) runs exactly num_iterations steps.",
             _optimize_with(extra_iters=-1)),
     Mistake("gradient ascent (+ in place of -)", "descent moves against the gradient: "
             "w = w - learning_rate * dw.", _optimize_with(sign=1.0)),
     Mistake("b never updated", "update both parameters: b = b - learning_rate * db.",
             _optimize_with(update_b=False)),
     Mistake("the cost recorded after the update", "record the cost that propagate returned in that "
             "iteration, before the update.", _optimize_with(cost_after=True))]
    + [Mistake("a hard-coded learning rate", "use the learning_rate argument, not a number.",
               _optimize_with(lr=lr)) for lr in VISIBLE_LRS]
    + [Mistake("a hard-coded number of iterations", "loop num_iterations times.",
               _optimize_with(iters=n)) for n in VISIBLE_ITERS_ALL]
)
_OPTIMIZE_MISTAKES = [Mistake(m.name, m.hint, _snapping(m.impl)) for m in _OPTIMIZE_MISTAKES]

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


def _capital(text):
    return text[:1].upper() + text[1:]


#: How close each recorded cost must be to the reference's. Looser than the parameters' rtol, so a
#: cost computed inline with a tiny eps added inside the logs (log(A + 1e-5)) is accepted, as it is by
#: binary_cross_entropy; every wrong way of recording the costs is off by far more.
COSTS_RTOL = 1e-3


def _normalise_costs(call, spec, seen):
    """Let optimize return its costs as a list, a tuple or a 1-D array of numbers, and its whole
    result as a tuple or a list; keep the last case and outcome in ``seen``."""
    def wrapped(case):
        outcome = call(case)
        v = outcome.value
        if type(v) in (tuple, list) and len(v) == 3:
            costs = v[2]
            if isinstance(costs, np.ndarray) and costs.ndim == 1:
                costs = [c for c in costs]
            elif type(costs) is tuple:
                costs = list(costs)
            if type(costs) is list:
                costs = _snap_costs(costs, expected_of(spec, case)[2])
            outcome = Outcome(value=(v[0], v[1], costs), error=outcome.error, timeout=outcome.timeout,
                              mutated=outcome.mutated)
        seen[:] = [case, outcome]
        return outcome
    return wrapped


def _snap_costs(costs, expected):
    """The expected costs where every cost is within COSTS_RTOL of them, else ``costs`` as they are."""
    if len(costs) != len(expected) or not all(_is_number(c) for c in costs):
        return costs
    got = np.array([float(np.asarray(c)) for c in costs])
    return list(expected) if np.allclose(got, expected, rtol=COSTS_RTOL, atol=1e-9) else costs


def _is_number(v):
    return (type(v) in (int, float) or isinstance(v, np.generic) or
            (isinstance(v, np.ndarray) and v.shape == ())) and np.issubdtype(np.asarray(v).dtype, np.number)


def _check_optimize(call, spec, hidden):
    """The values; a wrong result that does not change with learning_rate but does with
    num_iterations (or the other way round) is named as a hard-coded value, whatever the number."""
    seen = []
    try:
        return check_values(spec, _normalise_costs(call, spec, seen), hidden)
    except Failure as f:
        if f.mistake is not None or not seen or seen[1].error or seen[1].timeout:
            raise
        case, outcome = seen
        same = {}
        for key, other in (("learning_rate", lambda v: v * 0.5), ("num_iterations", lambda v: v + 100)):
            if key not in case.kwargs:
                raise
            probe = Case(case.args, {**case.kwargs, key: other(case.kwargs[key])}, case.hidden)
            again = call(probe)
            if again.error or again.timeout:
                raise
            same[key] = (compare(outcome.value, again.value, 0.0, 0.0) is None, probe.kwargs[key])
        for key, mistake in (("learning_rate", "a hard-coded learning rate"),
                             ("num_iterations", "a hard-coded number of iterations")):
            other_key = "num_iterations" if key == "learning_rate" else "learning_rate"
            if same[key][0] and not same[other_key][0]:
                m = next(x for x in spec.mistakes if x.name == mistake)
                lines = f.message.splitlines()[:2] + ["  " + tr(
                    "This looks like {mistake}: the result is the same with {setting}. {hint}", mistake=tr(m.name),
                    setting=f"{key}={fmt_value(same[key][1])}", hint=_capital(tr(m.hint)))]
                raise Failure("\n".join(lines), mistake=m.name) from None
        raise


# --------------------------------------------------------------------------------------------------

FUNCTIONS = [
    FunctionSpec("initialize_with_zeros", ref.initialize_with_zeros, _init_cases, mistakes=_INIT_MISTAKES,
                 float_arrays=True),
    FunctionSpec("binary_cross_entropy", losses.binary_cross_entropy, _bce_cases, mistakes=_BCE_MISTAKES,
                 custom=check_cross_entropy, rtol=1e-3),
    FunctionSpec("propagate", ref.propagate, _propagate_cases, mistakes=_PROPAGATE_MISTAKES,
                 deps=("binary_cross_entropy",), rtol=1e-3),
    FunctionSpec("optimize", ref.optimize, _optimize_cases, mistakes=_OPTIMIZE_MISTAKES,
                 deps=("propagate", "binary_cross_entropy"), custom=_check_optimize, rtol=1e-5, atol=1e-7),
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
