"""Checks for ``05_regularization``: the L2 penalty and its gradient, inverted dropout forward and back.

Cases: small fixed inputs first (the visible checks), then hidden ones with other depths (one, three
and four layers), other ``lambd``, ``m`` and ``keep_prob`` values than the visible cases and the
notebook's experiments, so a value hard-coded in place of a parameter is caught. The biases in the
cases are non-zero, so a penalty (or a gradient term) on ``b`` shows.

``dropout_forward`` is random and is checked by properties (:func:`_check_dropout_forward`), never
against one draw: any correct way of drawing the mask passes (``rng.random(shape) < keep_prob``,
``rng.uniform(size=shape) < keep_prob``, ``rng.binomial(1, keep_prob, shape)``), with the mask as
floats, integers or booleans; one draw per unit and per example (a mask constant along every row or
every column of a large A is named). ``dropout_backward`` is compared with nnkit, and an output that
is ``dA / keep_prob`` or 0 with a pattern other than the mask's is named: a new mask drawn.

A function that modifies its arguments fails (the contract's rule); the message names the arguments and
says how to work on a copy (:func:`grader.specs.common.guarded`).
"""

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, QuestionSpec, call_outcome, check_values, compare, describe_type, fmt_case, is_looks_like, looks_like,
                           on_case, one_of, rng_for)
from grader.check.i18n import N_, tr
from grader.specs.common import checked_unmodified, guarded
from grader.check.wire import GeneratorSeed
from nnkit import regularization as ref

#: lambd and keep_prob values of the visible cases and of the notebook's experiments: a solution that
#: hard-codes one of them is named. Hidden cases use none of them.
NOTEBOOK_LAMBDS = (0.7, 0.1, 0.3, 1.0, 3.0, 10.0, 0.03, 0.01)
NOTEBOOK_KEEP_PROBS = (0.8, 0.5, 0.6, 0.7, 0.9, 0.4)
#: m of the visible cases and of the notebook's training set (60 points)
NOTEBOOK_MS = (5, 60)


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


#: (layer sizes, lambd, m) of the hidden cases. lambd * m of the first one matches no hard-coded
#: (lambd, m) pair of NOTEBOOK_LAMBDS x NOTEBOOK_MS, nor 2, 4, 1/2 or 1/3 times it, so the hard-coded values
#: are told apart from each other and from a misplaced factor 2.
_HIDDEN = (((2, 5, 3, 1), 0.45, 20), ((4, 1), 1.5, 3), ((3, 6, 4, 2, 1), 0.45, 64), ((2, 3, 1), 2.2, 11))


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


def _penalty_with(term=lambda W: np.sum(np.square(W)), factor=lambda lambd, m: lambd / (2 * m),
                  biases=False, skip_last=False, lambd_fixed=None, m_fixed=None):
    def impl(parameters, lambd, m):
        lambd = lambd_fixed if lambd_fixed is not None else lambd
        m = m_fixed if m_fixed is not None else m
        keys = [k for k in parameters if k.startswith("W")]
        if skip_last:
            keys = keys[:-1]
        total = sum(float(term(np.asarray(parameters[k], dtype=float))) for k in keys)
        if biases:
            total += sum(float(np.sum(np.square(v))) for k, v in parameters.items() if k.startswith("b"))
        return factor(lambd, m) * total
    return impl


def _gradients_with(term=lambda lambd, m, W: lambd / m * W, on_b=False, replace=False, lambd_fixed=None,
                    m_fixed=None):
    def impl(grads, parameters, lambd, m):
        lambd = lambd_fixed if lambd_fixed is not None else lambd
        m = m_fixed if m_fixed is not None else m
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
             _penalty_with(skip_last=True)),
     Mistake("the spectral norm in place of the Frobenius norm", "np.linalg.norm(W, 2) of a matrix is its "
             "largest singular value; ||W||_F^2 is the sum of the squared entries: np.sum(np.square(W)).",
             _penalty_with(term=lambda W: np.linalg.norm(W, 2) ** 2))]
    + [Mistake("a hard-coded m", "use the m argument, the number of examples, not a number.",
               _penalty_with(m_fixed=v)) for v in NOTEBOOK_MS]
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
    + [Mistake("a hard-coded m", "use the m argument, the number of examples, not a number.",
               _gradients_with(m_fixed=v)) for v in NOTEBOOK_MS]
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
    # random: never matched by its output, found by _fresh_mask (its impl documents it)
    + [Mistake("a new mask drawn instead of the one passed in", "use the mask argument, the one the forward "
               "pass drew and returned: a new draw sends the gradient through units that were dropped.",
               _backward_with(lambda d, k, p: d * (np.random.default_rng(0).random(d.shape) < p) / p))]
)
_NEW_MASK = _BACKWARD_MISTAKES[-1]


def _fresh_mask(case, got):
    """True if ``got`` is dA / keep_prob or 0 entry by entry, but zero where the mask kept a unit or
    non-zero where it dropped one: a mask other than the one passed in."""
    dA, mask, keep_prob = (np.asarray(a, dtype=float) for a in case.args)
    if not isinstance(got, np.ndarray) or got.shape != dA.shape or not np.issubdtype(got.dtype, np.number):
        return False
    got = got.astype(float)
    with np.errstate(all="ignore"):
        zero = np.isclose(got, 0.0, rtol=0.0, atol=1e-12)
        scaled = np.isclose(got, dA / keep_prob, rtol=1e-6, atol=1e-9)
    if not np.all(zero | scaled):
        return False
    shows = np.abs(dA) > 1e-9  # where kept and dropped can be told apart
    return bool(np.any(scaled[shows] & ~zero[shows] & (mask[shows] == 0)) or np.any(zero[shows] & (mask[shows] == 1)))


def _check_dropout_backward(call, spec, hidden):
    last = {}

    def recording(case):
        last["case"], last["outcome"] = case, call(case)
        return last["outcome"]

    try:
        return check_values(spec, guarded(recording, spec), hidden)
    except Failure as f:
        if not last or last["outcome"].value is None:
            raise
        # a mask drawn anew is told by its pattern or, when the draw happened to keep every unit
        # (then the output is dA / keep_prob, as if the mask were not applied), by another call
        if (f.mistake is None and _fresh_mask(last["case"], last["outcome"].value)) or _draws_anew(call, last):
            lines = [ln for ln in f.message.splitlines() if not is_looks_like(ln)]
            raise Failure("\n".join(lines + ["  " + looks_like(_NEW_MASK.name, _NEW_MASK.hint)]),
                          mistake=_NEW_MASK.name) from None
        raise


def _draws_anew(call, last, tries=3):
    """True if calling again on the last case gives another result: the function draws for itself."""
    for _ in range(tries):
        again = call(last["case"])
        if again.value is None or compare(last["outcome"].value, again.value, 0.0, 0.0) is not None:
            return again.value is not None
    return False


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
    Mistake("one draw per unit, the same for every example", "draw one number per unit AND per example: "
            "rng.random(A.shape), not rng.random((n_l, 1)) spread over the columns.",
            _forward_with(draw=lambda rng, shape, kp: np.broadcast_to(rng.random((shape[0], 1)) < kp, shape))),
    Mistake("one draw per example, the same for every unit", "draw one number per unit AND per example: "
            "rng.random(A.shape), not rng.random((1, m)) spread over the rows.",
            _forward_with(draw=lambda rng, shape, kp: np.broadcast_to(rng.random((1, shape[1])) < kp, shape))),
]


# --------------------------------------------------------------------------------------------------
# Arguments modified in place: the rule is the contract's; the message says how to keep to it


_KEEP_INPUTS = {
    "l2_penalty": "Only read parameters: no pop, del, += or assignment to its keys or arrays.",
    "l2_gradients": "dict(grads) or grads.copy() is a new dict holding the SAME arrays: store new arrays in it "
                    "(new_grads[\"dW1\"] = grads[\"dW1\"] + ...), never += on them; copy.deepcopy(grads) copies "
                    "the arrays too.",
    "dropout_forward": "A *= mask, A /= keep_prob or A[...] = 0 change the caller's array: compute a new one, "
                       "A_drop = A * mask / keep_prob.",
    "dropout_backward": "dA *= mask or dA /= keep_prob change the caller's array: return a new one, "
                        "dA * mask / keep_prob.",
}


# --------------------------------------------------------------------------------------------------
# The property check of dropout_forward


def _as_pair(got, spec, case):
    where = "\n  " + on_case(fmt_case(spec, case))
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        got_text = (tr("a {kind} of length {n}", kind=type(got).__name__, n=len(got))
                    if isinstance(got, (tuple, list)) else describe_type(got))
        raise Failure(tr("{name}: returned {got}; expected the tuple (A_drop, mask).", name=spec.name, got=got_text)
                      + where)
    A_drop, mask = got
    for what, x in (("A_drop", A_drop), ("mask", mask)):
        if not isinstance(x, np.ndarray):
            raise Failure(tr("{name}: {what} is {got}; expected a numpy array.", name=spec.name, what=what,
                             got=describe_type(x)) + where)
        if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool) or np.iscomplexobj(x):
            raise Failure(tr("{name}: {what} has dtype {dtype}; expected numbers.", name=spec.name, what=what,
                             dtype=x.dtype) + where)
    return A_drop, mask


def _is_binary(x):
    return bool(np.all((x == 0) | (x == 1)))


def _check_one(call, spec, A, keep_prob, seed, exact_mean=True):
    """Call once; check shapes, the 0/1 mask, A_drop = A * mask / keep_prob. Return the mask as floats."""
    case = Case((A, keep_prob, GeneratorSeed(seed)))
    where = "\n  " + on_case(fmt_case(spec, case))
    A_drop, mask = _as_pair(call_outcome(call, spec, case), spec, case)
    if mask.shape != A.shape or A_drop.shape != A.shape:
        bad = "mask" if mask.shape != A.shape else "A_drop"
        got = mask.shape if bad == "mask" else A_drop.shape
        raise Failure(tr("{name}: {what} has shape {got}; expected {expected}, the shape of A (one draw per unit "
                         "and per example).", name=spec.name, what=bad, got=got, expected=A.shape) + where)
    if not _is_binary(mask):
        if _is_binary(A_drop):
            m = _FORWARD_MISTAKES[5]
            raise Failure(tr("{name}: the second output is not a mask of 0s and 1s, but the first is.",
                             name=spec.name) + where + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
        raise Failure(tr("{name}: the mask should hold only 0s and 1s (1 = keep); it holds other values.",
                         name=spec.name) + where)
    mask = mask.astype(float)
    A_drop = A_drop.astype(float)
    expected = A * mask / keep_prob
    if not np.allclose(A_drop, expected, rtol=1e-9, atol=1e-12):
        kept = (mask == 1) & (np.abs(A) > 1e-6)
        if not np.allclose(A_drop[mask == 0], 0.0, atol=1e-12):
            raise Failure(tr("{name}: A_drop is not zero where the mask is 0: a dropped unit outputs 0 "
                             "(A_drop = A * mask / keep_prob).", name=spec.name) + where)
        ratio = np.median(A_drop[kept] / A[kept]) if kept.any() else np.nan
        named = [(1.0, _FORWARD_MISTAKES[0]), (keep_prob, _FORWARD_MISTAKES[1])]
        for r, m in named:
            if np.isclose(ratio, r, rtol=1e-6) and np.allclose(A_drop, A * mask * r, rtol=1e-9, atol=1e-12):
                raise Failure(tr("{name}: A_drop is not A * mask / keep_prob: the kept units are multiplied by "
                                 "{r}, not 1 / keep_prob = {inverse}.", name=spec.name, r=f"{r:.4g}",
                                 inverse=f"{1 / keep_prob:.4g}") + where + "\n  " + looks_like(m.name, m.hint),
                              mistake=m.name)
        if any(np.isclose(ratio, 1 / v, rtol=1e-6) for v in NOTEBOOK_KEEP_PROBS):
            m = _FORWARD_MISTAKES[3]
            raise Failure(tr("{name}: the kept units are divided by {d}, not by keep_prob = {keep_prob}.",
                             name=spec.name, d=f"{1 / ratio:.4g}", keep_prob=keep_prob) + where + "\n  "
                          + looks_like(m.name, m.hint), mistake=m.name)
        raise Failure(tr("{name}: A_drop is not A * mask / keep_prob for the mask you returned.", name=spec.name)
                      + where)
    return mask


def _check_dropout_forward(call, spec, hidden):
    call = guarded(call, spec, values=False)
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
        where = "\n  " + on_case(f"dropout_forward(A {tr('shape {shape}', shape=shape)}, keep_prob={kp}, "
                                  f"rng=np.random.default_rng({seed}))")
        # independent draws make neither every row nor every column of a large mask constant
        for m, same, along in ((_FORWARD_MISTAKES[6], np.all(mask == mask[:, :1]), N_("row (unit)")),
                               (_FORWARD_MISTAKES[7], np.all(mask == mask[:1, :]), N_("column (example)"))):
            if same:
                raise Failure(tr("{name}: every {along} of the mask is all 0s or all 1s; each entry should be "
                                 "drawn on its own.", name=spec.name, along=tr(along)) + where + "\n  "
                              + looks_like(m.name, m.hint), mistake=m.name)
        if abs(frac - kp) > tol:
            wrong = tr("{name}: the mask keeps {frac} of the units; expected about keep_prob = {kp}.",
                       name=spec.name, frac=f"{frac:.3f}", kp=kp) + where
            if abs(frac - (1 - kp)) <= tol:
                raise Failure(wrong + "\n  " + looks_like(inverted.name, inverted.hint), mistake=inverted.name)
            if any(abs(frac - v) <= tol for v in NOTEBOOK_KEEP_PROBS):
                raise Failure(wrong + "\n  " + looks_like(hard.name, hard.hint), mistake=hard.name)
            raise Failure(wrong)
    # 3. the same seed gives the same mask; another seed another mask
    A = rng.normal(size=(6, 30))
    first = _check_one(call, spec, A, 0.7 if hidden else 0.8, 11)
    again = _check_one(call, spec, A, 0.7 if hidden else 0.8, 11)
    other = _check_one(call, spec, A, 0.7 if hidden else 0.8, 12)
    n += 3
    m = _FORWARD_MISTAKES[4]
    where = "\n  " + on_case(f"dropout_forward(A {tr('shape {shape}', shape=A.shape)}, keep_prob=..., "
                              "rng=np.random.default_rng(11))")
    if not np.array_equal(first, again):
        raise Failure(tr("{name}: two calls with rng=np.random.default_rng(11) gave different masks.",
                         name=spec.name) + where + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
    if np.array_equal(first, other):
        raise Failure(tr("{name}: the seeds 11 and 12 gave the same mask.", name=spec.name) + where + "\n  "
                      + looks_like(m.name, m.hint), mistake=m.name)
    # 4. keep_prob = 1 keeps every unit, unscaled
    A = rng.normal(size=(4, 9))
    mask = _check_one(call, spec, A, 1.0, 13)
    n += 1
    if not np.all(mask == 1):
        raise Failure(tr("{name}: with keep_prob=1 every unit should be kept; {n} of {size} were dropped.",
                         name=spec.name, n=int((mask == 0).sum()), size=mask.size) + "\n  " + on_case(
            f"dropout_forward(A {tr('shape {shape}', shape=A.shape)}, keep_prob=1.0, rng=np.random.default_rng(13))"))
    return n


# --------------------------------------------------------------------------------------------------


FUNCTIONS = [
    FunctionSpec("l2_penalty", ref.l2_penalty, _penalty_cases, mistakes=_PENALTY_MISTAKES, custom=checked_unmodified,
                 rtol=1e-6, atol=1e-9),
    FunctionSpec("l2_gradients", ref.l2_gradients, _gradients_cases, mistakes=_GRADIENTS_MISTAKES,
                 custom=checked_unmodified, rtol=1e-6, atol=1e-9),
    FunctionSpec("dropout_forward", ref.dropout_forward, lambda: [], mistakes=_FORWARD_MISTAKES,
                 custom=_check_dropout_forward),
    FunctionSpec("dropout_backward", ref.dropout_backward, _backward_cases, mistakes=_BACKWARD_MISTAKES,
                 custom=_check_dropout_backward, rtol=1e-6, atol=1e-9),
]
for _f in FUNCTIONS:  # what to say when a function modifies its arguments
    _f.keep_inputs = _KEEP_INPUTS.get(_f.name)


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
