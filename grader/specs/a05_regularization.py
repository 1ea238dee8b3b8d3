"""Checks for ``05_regularization``: the L2 penalty and its gradient, inverted dropout forward and back.

Cases: small fixed inputs first (the visible checks), then hidden ones with other depths (one, three
and four layers), other ``lambd``, ``m`` and ``keep_prob`` values than the visible cases and the
notebook's experiments, so a value hard-coded in place of a parameter is caught. The biases in the
cases are non-zero, so a penalty (or a gradient term) on ``b`` shows.

``dropout_forward`` is random and is checked by properties (:func:`_check_dropout_forward`), never
against one draw: any correct way of drawing the mask passes (``rng.random(shape) < keep_prob``,
``rng.uniform(size=shape) < keep_prob``, ``rng.binomial(1, keep_prob, shape)``), with the mask as
floats, integers or booleans.
"""

import numpy as np

from grader.engine import (Case, Failure, FunctionSpec, Mistake, QuestionSpec, call_outcome,
                           describe_type, fmt_case, one_of, rng_for)
from grader.wire import GeneratorSeed
from nnkit import regularization as ref

#: lambd and keep_prob values of the visible cases and of the notebook's experiments: a solution that
#: hard-codes one of them is named. Hidden cases use none of them.
NOTEBOOK_LAMBDS = (0.7, 0.1, 0.3, 1.0, 3.0, 10.0, 0.03, 0.01)
NOTEBOOK_KEEP_PROBS = (0.8, 0.5, 0.6, 0.7, 0.9, 0.4)


# --------------------------------------------------------------------------------------------------
# Cases


def _params(rng, dims):
    """Parameters of a network with layer sizes ``dims``; biases non-zero."""
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * 0.5
    return p


def _grads(rng, dims):
    return {"d" + k: v for k, v in _params(rng, dims).items()}


def _visible_params():
    return {"W1": np.array([[1.0, -2.0], [0.5, 0.0], [-1.0, 3.0]]), "b1": np.array([[0.5], [-1.0], [2.0]]),
            "W2": np.array([[2.0, -1.0, 0.5]]), "b2": np.array([[1.5]])}


def _visible_grads():
    return {"dW1": np.array([[0.1, -0.2], [0.3, 0.0], [-0.1, 0.2]]), "db1": np.array([[0.05], [-0.1], [0.2]]),
            "dW2": np.array([[0.4, -0.3, 0.1]]), "db2": np.array([[-0.25]])}


#: (layer sizes, lambd, m) of the hidden cases
_HIDDEN = (((2, 5, 3, 1), 0.25, 20), ((4, 1), 1.5, 3), ((3, 6, 4, 2, 1), 0.45, 64), ((2, 3, 1), 2.2, 11))


def _penalty_cases():
    rng = rng_for("l2_penalty")
    out = [Case((_visible_params(), 0.7, 5))]
    for dims, lambd, m in _HIDDEN:
        out.append(Case((_params(rng, dims), lambd, m), hidden=True))
    return out


def _gradients_cases():
    rng = rng_for("l2_gradients")
    out = [Case((_visible_grads(), _visible_params(), 0.7, 5))]
    for dims, lambd, m in _HIDDEN:
        out.append(Case((_grads(rng, dims), _params(rng, dims), lambd, m), hidden=True))
    return out


def _mask(rng, shape, keep_prob):
    return (rng.random(shape) < keep_prob).astype(float)


def _backward_cases():
    rng = rng_for("dropout_backward")
    dA = np.array([[0.5, -1.0, 2.0, 0.25], [1.5, 0.75, -0.5, -2.0], [-1.0, 0.3, 0.6, 1.2]])
    mask = np.array([[1.0, 0.0, 1.0, 1.0], [1.0, 1.0, 0.0, 1.0], [0.0, 1.0, 1.0, 1.0]])
    out = [Case((dA, mask, 0.8))]
    for shape, kp in (((5, 7), 0.65), ((1, 9), 0.35), ((8, 3), 0.95), ((4, 4), 1.0)):
        out.append(Case((rng.normal(size=shape), _mask(rng, shape, kp), kp), hidden=True))
    return out


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them


def _weights(parameters):
    return [np.asarray(v, dtype=float) for k, v in parameters.items() if k.startswith("W")]


def _penalty_with(term=lambda W: np.sum(np.square(W)), factor=lambda lambd, m: lambd / (2 * m),
                  biases=False, skip_last=False, lambd_fixed=None):
    def impl(parameters, lambd, m):
        lambd = lambd_fixed if lambd_fixed is not None else lambd
        keys = [k for k in parameters if k.startswith("W")]
        if skip_last:
            keys = keys[:-1]
        total = sum(float(term(np.asarray(parameters[k], dtype=float))) for k in keys)
        if biases:
            total += sum(float(np.sum(np.square(v))) for k, v in parameters.items() if k.startswith("b"))
        return factor(lambd, m) * total
    return impl


def _gradients_with(term=lambda lambd, m, W: lambd / m * W, on_b=False, replace=False, lambd_fixed=None):
    def impl(grads, parameters, lambd, m):
        lambd = lambd_fixed if lambd_fixed is not None else lambd
        out = {}
        for k, g in grads.items():
            g = np.asarray(g, dtype=float)
            if k.startswith("dW") or (on_b and k.startswith("db")):
                extra = term(lambd, m, np.asarray(parameters[k[1:]], dtype=float))
                out[k] = extra if replace else g + extra
            else:
                out[k] = g.copy()
        return out
    return impl


_PENALTY_MISTAKES = (
    [Mistake("the 1/2 left out", "the penalty is (lambd / (2m)) times the sum of squares; the 1/2 makes "
             "its gradient (lambd / m) W.", _penalty_with(factor=lambda lambd, m: lambd / m)),
     Mistake("a missing 1/m", "the penalty is averaged like the cost: (lambd / (2m)) sum ||W||^2.",
             _penalty_with(factor=lambda lambd, m: lambd / 2)),
     Mistake("lambd / 2 * m (the precedence)", "lambd / 2 * m means (lambd / 2) * m; write lambd / (2 * m).",
             _penalty_with(factor=lambda lambd, m: lambd / 2 * m)),
     Mistake("np.sum(W) in place of the sum of squares", "||W||_F^2 is the sum of the squared entries: "
             "np.sum(np.square(W)).", _penalty_with(term=np.sum)),
     Mistake("the Frobenius norm not squared", "the penalty uses ||W||_F^2, the sum of squares, not ||W||_F.",
             _penalty_with(term=np.linalg.norm)),
     Mistake("the biases penalised too", "only the weights W[l] are penalised, not the biases b[l].",
             _penalty_with(biases=True)),
     Mistake("the last layer left out", "sum over every layer l = 1..L (range(1, L + 1)).",
             _penalty_with(skip_last=True))]
    + [Mistake("a hard-coded lambd", "use the lambd argument, not a number.", _penalty_with(lambd_fixed=v))
       for v in NOTEBOOK_LAMBDS]
)

_GRADIENTS_MISTAKES = (
    [Mistake("the L2 term added to db too", "the penalty does not involve b: add (lambd / m) W[l] to dW[l] "
             "only and copy db[l] unchanged.", _gradients_with(on_b=True)),
     Mistake("lambd / (2m) W in place of lambd / m W", "the derivative of (lambd / (2m)) ||W||^2 is "
             "(lambd / m) W: the 2 of the square cancels the 1/2.",
             _gradients_with(term=lambda lambd, m, W: lambd / (2 * m) * W)),
     Mistake("a factor 2 too many", "the 2 from the derivative of W^2 cancels the 1/2 of the penalty: "
             "the term is (lambd / m) W.", _gradients_with(term=lambda lambd, m, W: 2 * lambd / m * W)),
     Mistake("a missing 1/m", "the term is (lambd / m) W[l].", _gradients_with(term=lambda lambd, m, W: lambd * W)),
     Mistake("the L2 term subtracted", "the penalty adds to the cost, so its gradient is added: "
             "dW + (lambd / m) W.", _gradients_with(term=lambda lambd, m, W: -lambd / m * W)),
     Mistake("dW replaced by the L2 term", "add (lambd / m) W to the gradient dW of the cross-entropy; "
             "do not replace it.", _gradients_with(replace=True))]
    + [Mistake("a hard-coded lambd", "use the lambd argument, not a number.", _gradients_with(lambd_fixed=v))
       for v in NOTEBOOK_LAMBDS]
)


def _backward_with(fn, kp_fixed=None):
    def impl(dA, mask, keep_prob):
        kp = kp_fixed if kp_fixed is not None else keep_prob
        return fn(np.asarray(dA, dtype=float), np.asarray(mask, dtype=float), kp)
    return impl


_BACKWARD_MISTAKES = (
    [Mistake("no rescaling", "the forward pass divided the kept units by keep_prob, so the gradient "
             "is divided by it too: dA * mask / keep_prob.", _backward_with(lambda d, k, p: d * k)),
     Mistake("multiplied by keep_prob instead of divided", "divide by keep_prob, as in the forward pass.",
             _backward_with(lambda d, k, p: d * k * p)),
     Mistake("the mask not applied", "a dropped unit did not contribute to the output, so its gradient "
             "is 0: multiply by the mask.", _backward_with(lambda d, k, p: d / p)),
     Mistake("the mask inverted", "the mask holds 1 for the kept units: dA * mask / keep_prob.",
             _backward_with(lambda d, k, p: d * (1 - k) / p))]
    + [Mistake("a hard-coded keep_prob", "use the keep_prob argument, not a number.",
               _backward_with(lambda d, k, p: d * k / p, kp_fixed=v)) for v in NOTEBOOK_KEEP_PROBS]
)


def _forward_with(draw=lambda rng, shape, kp: rng.random(shape) < kp, scale=lambda A, mask, kp: A * mask / kp,
                  kp_fixed=None, swap=False, own_rng=False):
    def impl(A, keep_prob, rng):
        A = np.asarray(A, dtype=float)
        kp = kp_fixed if kp_fixed is not None else keep_prob
        gen = np.random.default_rng() if own_rng else rng
        mask = draw(gen, A.shape, kp).astype(float)
        out = scale(A, mask, kp)
        return (mask, out) if swap else (out, mask)
    return impl


#: The mistakes that :func:`_check_dropout_forward` recognises by their properties (the impls document
#: them and are what the tests write out in a student's words).
_FORWARD_MISTAKES = [
    Mistake("no rescaling", "divide the kept activations by keep_prob (inverted dropout), so the "
            "expected value of A_drop is A.", _forward_with(scale=lambda A, mask, kp: A * mask)),
    Mistake("multiplied by keep_prob instead of divided", "divide by keep_prob, so that E[A_drop] = A.",
            _forward_with(scale=lambda A, mask, kp: A * mask * kp)),
    Mistake("the mask inverted (keep_prob used as the drop probability)",
            "keep_prob is the probability of KEEPING a unit: mask = (uniform draw < keep_prob).",
            _forward_with(draw=lambda rng, shape, kp: rng.random(shape) < 1 - kp)),
    Mistake("a hard-coded keep_prob", "use the keep_prob argument, not a number.",
            _forward_with(kp_fixed=0.8)),
    Mistake("rng not used", "draw the mask with the generator passed in (rng.random(...)), so that the "
            "same seed gives the same mask.", _forward_with(own_rng=True)),
    Mistake("the outputs in the wrong order", "return (A_drop, mask), in that order.", _forward_with(swap=True)),
]


# --------------------------------------------------------------------------------------------------
# The property check of dropout_forward


def _as_pair(got, spec, case):
    where = f"\n  on {fmt_case(spec, case)}"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        n = f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""
        raise Failure(f"{spec.name}: returned {describe_type(got)}{n}; expected the tuple (A_drop, mask).{where}")
    A_drop, mask = got
    for what, x in (("A_drop", A_drop), ("mask", mask)):
        if not isinstance(x, np.ndarray):
            raise Failure(f"{spec.name}: {what} is {describe_type(x)}; expected a numpy array.{where}")
        if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool) or np.iscomplexobj(x):
            raise Failure(f"{spec.name}: {what} has dtype {x.dtype}; expected numbers.{where}")
    return A_drop, mask


def _is_binary(x):
    return bool(np.all((x == 0) | (x == 1)))


def _check_one(call, spec, A, keep_prob, seed, exact_mean=True):
    """Call once; check shapes, the 0/1 mask, A_drop = A * mask / keep_prob. Return the mask as floats."""
    case = Case((A, keep_prob, GeneratorSeed(seed)))
    where = f"\n  on {fmt_case(spec, case)}"
    A_drop, mask = _as_pair(call_outcome(call, spec, case), spec, case)
    if mask.shape != A.shape or A_drop.shape != A.shape:
        bad = "mask" if mask.shape != A.shape else "A_drop"
        got = mask.shape if bad == "mask" else A_drop.shape
        raise Failure(f"{spec.name}: {bad} has shape {got}; expected {A.shape}, the shape of A "
                      f"(one draw per unit and per example).{where}")
    if not _is_binary(mask):
        if _is_binary(A_drop):
            m = _FORWARD_MISTAKES[5]
            raise Failure(f"{spec.name}: the second output is not a mask of 0s and 1s, but the first is.{where}\n"
                          f"  This looks like {m.name}: {m.hint}", mistake=m.name)
        raise Failure(f"{spec.name}: the mask should hold only 0s and 1s (1 = keep); it holds other "
                      f"values.{where}")
    mask = mask.astype(float)
    A_drop = A_drop.astype(float)
    expected = A * mask / keep_prob
    if not np.allclose(A_drop, expected, rtol=1e-9, atol=1e-12):
        kept = (mask == 1) & (np.abs(A) > 1e-6)
        if not np.allclose(A_drop[mask == 0], 0.0, atol=1e-12):
            raise Failure(f"{spec.name}: A_drop is not zero where the mask is 0: a dropped unit "
                          f"outputs 0 (A_drop = A * mask / keep_prob).{where}")
        ratio = np.median(A_drop[kept] / A[kept]) if kept.any() else np.nan
        named = [(1.0, _FORWARD_MISTAKES[0]), (keep_prob, _FORWARD_MISTAKES[1])]
        for r, m in named:
            if np.isclose(ratio, r, rtol=1e-6) and np.allclose(A_drop, A * mask * r, rtol=1e-9, atol=1e-12):
                raise Failure(f"{spec.name}: A_drop is not A * mask / keep_prob: the kept units are "
                              f"multiplied by {r:.4g}, not 1 / keep_prob = {1 / keep_prob:.4g}.{where}\n"
                              f"  This looks like {m.name}: {m.hint}", mistake=m.name)
        if any(np.isclose(ratio, 1 / v, rtol=1e-6) for v in NOTEBOOK_KEEP_PROBS):
            m = _FORWARD_MISTAKES[3]
            raise Failure(f"{spec.name}: the kept units are divided by {1 / ratio:.4g}, not by keep_prob = "
                          f"{keep_prob}.{where}\n  This looks like {m.name}: {m.hint}", mistake=m.name)
        raise Failure(f"{spec.name}: A_drop is not A * mask / keep_prob for the mask you returned.{where}")
    return mask


def _check_dropout_forward(call, spec, hidden):
    n = 0
    inverted, hard = _FORWARD_MISTAKES[2], _FORWARD_MISTAKES[3]
    rng = rng_for("dropout_forward")
    # 1. a small visible case: shapes, a 0/1 mask, A_drop = A * mask / keep_prob
    A = np.array([[1.0, -2.0, 0.5, 3.0, -1.5], [0.25, 2.0, -0.75, 1.0, 4.0], [-3.0, 0.5, 1.5, -0.5, 2.5]])
    _check_one(call, spec, A, 0.8, 1)
    n += 1
    # 2. on a large A the fraction kept is keep_prob (6 standard deviations allowed)
    probes = [((40, 500), 0.7, 2)] + ([((50, 400), 0.65, 3), ((30, 600), 0.92, 4), ((25, 800), 0.35, 5)]
                                      if hidden else [])
    for shape, kp, seed in probes:
        big = rng.normal(size=shape) + 0.1
        mask = _check_one(call, spec, big, kp, seed)
        frac = float(mask.mean())
        tol = 6 * np.sqrt(kp * (1 - kp) / mask.size) + 1e-9
        n += 1
        if abs(frac - kp) > tol:
            where = f"\n  on dropout_forward(A of shape {shape}, keep_prob={kp}, rng=np.random.default_rng({seed}))"
            if abs(frac - (1 - kp)) <= tol:
                raise Failure(f"{spec.name}: the mask keeps {frac:.3f} of the units; expected about keep_prob "
                              f"= {kp}.{where}\n  This looks like {inverted.name}: {inverted.hint}",
                              mistake=inverted.name)
            if any(abs(frac - v) <= tol for v in NOTEBOOK_KEEP_PROBS):
                raise Failure(f"{spec.name}: the mask keeps {frac:.3f} of the units; expected about keep_prob "
                              f"= {kp}.{where}\n  This looks like {hard.name}: {hard.hint}", mistake=hard.name)
            raise Failure(f"{spec.name}: the mask keeps {frac:.3f} of the units; expected about keep_prob "
                          f"= {kp}.{where}")
    # 3. the same seed gives the same mask; another seed another mask
    A = rng.normal(size=(6, 30))
    first = _check_one(call, spec, A, 0.7 if hidden else 0.8, 11)
    again = _check_one(call, spec, A, 0.7 if hidden else 0.8, 11)
    other = _check_one(call, spec, A, 0.7 if hidden else 0.8, 12)
    n += 3
    m = _FORWARD_MISTAKES[4]
    where = f"\n  on dropout_forward(A of shape {A.shape}, keep_prob=..., rng=np.random.default_rng(11))"
    if not np.array_equal(first, again):
        raise Failure(f"{spec.name}: two calls with rng=np.random.default_rng(11) gave different masks.{where}\n"
                      f"  This looks like {m.name}: {m.hint}", mistake=m.name)
    if np.array_equal(first, other):
        raise Failure(f"{spec.name}: the seeds 11 and 12 gave the same mask.{where}\n"
                      f"  This looks like {m.name}: {m.hint}", mistake=m.name)
    # 4. keep_prob = 1 keeps every unit, unscaled
    A = rng.normal(size=(4, 9))
    mask = _check_one(call, spec, A, 1.0, 13)
    n += 1
    if not np.all(mask == 1):
        raise Failure(f"{spec.name}: with keep_prob=1 every unit should be kept; {int((mask == 0).sum())} "
                      f"of {mask.size} were dropped.\n  on dropout_forward(A of shape {A.shape}, keep_prob=1.0, "
                      f"rng=np.random.default_rng(13))")
    return n


# --------------------------------------------------------------------------------------------------


FUNCTIONS = [
    FunctionSpec("l2_penalty", ref.l2_penalty, _penalty_cases, mistakes=_PENALTY_MISTAKES, rtol=1e-6, atol=1e-9),
    FunctionSpec("l2_gradients", ref.l2_gradients, _gradients_cases, mistakes=_GRADIENTS_MISTAKES,
                 rtol=1e-6, atol=1e-9),
    FunctionSpec("dropout_forward", ref.dropout_forward, lambda: [], mistakes=_FORWARD_MISTAKES,
                 custom=_check_dropout_forward),
    FunctionSpec("dropout_backward", ref.dropout_backward, _backward_cases, mistakes=_BACKWARD_MISTAKES,
                 rtol=1e-6, atol=1e-9),
]


QUESTIONS = [
    QuestionSpec("q_decay_factor", one_of(0.98),
                 "The step W - alpha (dW + (lambd / m) W) multiplies W by 1 - alpha lambd / m before "
                 "subtracting alpha dW."),
    QuestionSpec("q_kept_value", one_of(2.5),
                 "A kept unit is divided by keep_prob: 2.0 / 0.8."),
    QuestionSpec("q_test_time", one_of("b"),
                 "Inverted dropout already rescaled during training, so at test time nothing is dropped "
                 "and nothing is rescaled."),
]

HELPERS = {}
