"""Checks for ``08_softmax_classifier``: one-hot labels, the softmax cross-entropy from the logits,
the L-layer network with a softmax output, class predictions and learning-rate decay.

Cases: small fixed inputs first (the visible checks), then hidden ones of other sizes. The visible
cases are chosen so that each known mistake shows as wrong values and is named: ``one_hot`` gets a
``C`` larger than the largest label (so ``C`` taken from the labels shows); ``softmax_cross_entropy``
gets logits of size 1e4 with a wrong prediction among them (an unshifted ``exp`` overflows, the log of
a softmax that underflowed is ``-inf``, a clipped one is finite but far too small); the networks have
more classes than examples or the reverse (a softmax or an argmax over the wrong axis changes the
shape or the values); ``learning_rate_decay`` gets an epoch that is not a multiple of ``time_interval``.

``one_hot`` must return floats (a one-hot matrix of integers is named) and ``predict_classes``
integers, as the contract fixes them. The caches of the backward cases come from the nnkit forward
pass, as plain tuples ``((A_prev, W, b), Z)``. ``predict_classes`` may call the student's
``L_model_forward_softmax``, and ``L_model_backward_softmax`` the student's ``softmax_cross_entropy``
(for dZ from the logits of the last cache); each is judged with the reference in its place (no cascade). The network
functions may call the notebook's helpers (``linear_forward``, ``linear_activation_forward``,
``linear_backward``, ``linear_activation_backward``, ``relu``, ``relu_grad``, ``softmax``), which the
grader serves as the references.
"""

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, QuestionSpec, fmt_case, looks_like, on_case,
                                 one_of, rng_for)
from grader.check.i18n import N_, tr
from grader.specs.a07_deep_network import _check_values, _params
from nnkit import activations as act
from nnkit import deep
from nnkit import multiclass as ref

# --------------------------------------------------------------------------------------------------
# Cases


def _y(rng, C, m):
    """Labels (1, m) in 0..C-1 with every class present when m >= C."""
    y = rng.integers(0, C, size=(1, m))
    if m >= C:
        y[0, :C] = rng.permutation(C)
    return y


def _one_hot_cases():
    rng = rng_for("one_hot")
    out = [Case((np.array([[2, 0, 1, 2, 0]]), 4)),       # C > max(y) + 1: class 3 has no example
           Case((np.array([[1, 0, 0]]), 2))]
    for C, m in ((10, 25), (3, 1), (1, 4), (6, 6), (5, 12)):
        out.append(Case((_y(rng, C, m), C), hidden=True))
    out.append(Case((np.array([[3, 1, 1]]), 7), hidden=True))
    return out


def _softmax_cross_entropy_cases():
    rng = rng_for("softmax_cross_entropy")
    Z = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.5, 0.0], [-1.0, 0.25, 2.0, -0.5]])
    huge = np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]])   # small enough to be shown in a message
    out = [Case((Z, ref.one_hot(np.array([[0, 1, 2, 0]]), 3))),
           Case((huge, ref.one_hot(np.array([[0, 0]]), 3)))]   # the second example is wrong by 2e4
    for C, m, scale in ((10, 8, 3.0), (2, 5, 1.0), (4, 1, 2.0), (5, 5, 800.0), (3, 7, 1e4)):
        out.append(Case((rng.normal(size=(C, m)) * scale, ref.one_hot(_y(rng, C, m), C)), hidden=True))
    return out


#: (layer sizes, m, hidden) of the network cases; C = the last size. The visible ones have C != m,
#: two equal hidden widths (a loop stopping one layer early still runs) and L = 3 and L = 2.
_NETS = (((4, 5, 5, 3), 6, False), ((2, 4, 5), 3, False),
         ((64, 16, 10), 12, True), ((3, 1), 4, True), ((5, 6, 4, 3, 4), 7, True), ((2, 3, 2), 1, True),
         ((6, 8, 8, 10), 9, True))


def _L_model_forward_softmax_cases():
    rng = rng_for("L_model_forward_softmax")
    return [Case((rng.normal(size=(dims[0], m)), _params(rng, dims)), hidden=hidden) for dims, m, hidden in _NETS]


def _plain_caches(caches):
    return [((A.copy(), W.copy(), b.copy()), Z.copy()) for (A, W, b), Z in caches]


def _L_model_backward_softmax_cases():
    rng = rng_for("L_model_backward_softmax")
    out = []
    for dims, m, hidden in _NETS:
        X, params = rng.normal(size=(dims[0], m)), _params(rng, dims)
        AL, caches = ref.L_model_forward_softmax(X, params)
        out.append(Case((AL, ref.one_hot(_y(rng, dims[-1], m), dims[-1]), _plain_caches(caches)), hidden=hidden))
    return out


def _predict_classes_cases():
    rng = rng_for("predict_classes")
    return [Case((rng.normal(size=(dims[0], m)) * 2, _params(rng, dims, bias=1.0)), hidden=hidden)
            for dims, m, hidden in _NETS]


def _learning_rate_decay_cases():
    cases = [Case((0.5, 7, 1.0), {"time_interval": 3}),   # floor(7 / 3) = 2: 0.5 / 3
             Case((0.2, 5, 0.5, 3)),                       # 5 / 3 = 1.67: floor 1, round 2
             Case((0.1, 10, 0.3, 4), hidden=True), Case((1.0, 0, 2.0, 5), hidden=True),
             Case((0.05, 100, 0.01, 10), hidden=True), Case((0.3, 5, 0.0, 2), hidden=True),
             Case((0.01, 11, 1.0, 2), hidden=True), Case((0.7, 4, 1.0, 1), hidden=True)]
    rng = rng_for("learning_rate_decay")  # and two drawn at grading time (the instructor's seed)
    for _ in range(2):
        interval = int(rng.integers(2, 6))
        epoch = int(rng.integers(1, 40)) * interval + int(rng.integers(1, interval))
        cases.append(Case((float(rng.uniform(0.01, 1.0)), epoch, float(rng.uniform(0.1, 2.0)), interval),
                          hidden=True))
    return cases


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them (tests/test_specs_08.py writes each one out)


def _oh(transpose=False, dtype=float, C_from_labels=False):
    def impl(y, C):
        y = np.asarray(y).astype(int).ravel()
        C = int(y.max()) + 1 if C_from_labels else C
        Y = np.zeros((C, y.size), dtype=dtype)
        Y[y, np.arange(y.size)] = 1
        return Y.T if transpose else Y
    return impl


_ONE_HOT_MISTAKES = [
    Mistake("one_hot transposed", "Y has one column per example: shape (C, m), so Y[y[0, i], i] = 1.",
            _oh(transpose=True)),
    Mistake("the number of classes taken from the labels", "use the C passed in: a class may have no "
            "example in y (here the largest label is below C - 1), and Y must still have C rows.",
            _oh(C_from_labels=True)),
    Mistake("a one-hot matrix of integers", "Y is float64 (np.zeros((C, m)) is), so that A - Y and "
            "Y * log(A) are computed in floats.", _oh(dtype=int)),
    Mistake("np.eye(C)[y] without flattening y", "y has shape (1, m), so np.eye(C)[y] has shape (1, m, C): "
            "index with y.ravel() (or y[0]) and transpose, np.eye(C)[y.ravel()].T.",
            lambda y, C: np.eye(C)[np.asarray(y).astype(int)]),
]


def _sce(axis=0, shift=True, log_of_softmax=False, clip=None, eps=0.0, mean=True, over_all=False, dZ_over_m=False,
         sign=1.0, dZ_sign=1.0):
    def impl(Z, Y):
        Z, Y = np.asarray(Z, dtype=float), np.asarray(Y, dtype=float)
        m = Z.shape[1]
        S = Z - Z.max(axis=axis, keepdims=True) if shift else Z
        e = np.exp(S)
        P = e / e.sum(axis=axis, keepdims=True)
        if log_of_softmax:
            log_p = np.log((np.maximum(P, clip) if clip else P) + eps)
        else:
            log_p = S - np.log(e.sum(axis=axis, keepdims=True))
        total = -np.sum(Y * log_p)
        cost = total / Y.size if over_all else (total / m if mean else total)
        dZ = dZ_sign * (P - Y)
        return sign * float(cost), dZ / m if dZ_over_m else dZ
    return impl


_CLIPPED = "the log of a clipped softmax (or of softmax + epsilon)"
_EPSILONS = (1e-15, 1e-12, 1e-10, 1e-9, 1e-8, 1e-7)  # the usual choices

_SOFTMAX_CROSS_ENTROPY_MISTAKES = [
    Mistake("softmax over the wrong axis", "each column is one example: subtract the maximum of each "
            "column and sum the exponentials over the classes, axis=0 (keepdims=True).", _sce(axis=1)),
    Mistake("no max-shift (exp overflows)", "exp(1e4) is inf in float64: subtract each column's maximum "
            "from Z first (softmax(z) = softmax(z - max z)) and take log softmax = (Z - max) - log(sum exp(Z - max)).",
            _sce(shift=False)),
    Mistake("the log of softmax (log 0 at large logits)", "softmax of a large wrong logit is exactly 0 in "
            "float64 and log 0 = -inf: compute log softmax directly, (Z - max) - log(sum exp(Z - max)) "
            "(log-sum-exp).", _sce(log_of_softmax=True)),
    *[Mistake(_CLIPPED, "clipping softmax, or adding a small epsilon, before the log keeps the cost finite "
              "but wrong at large logits (a logit 2e4 below the winner costs 2e4, not -log(epsilon)): take log "
              "softmax directly, (Z - max) - log(sum exp(Z - max)).", _sce(log_of_softmax=True, **kw))
      for kw in [{"clip": c} for c in _EPSILONS] + [{"eps": e} for e in _EPSILONS]],
    Mistake("a missing 1/m in the cost", "the cost is the mean of the m examples' losses: divide the "
            "sum by m = Z.shape[1].", _sce(mean=False)),
    Mistake("the mean over every entry", "np.mean(Y * log_p) divides by C * m; the cost divides the sum "
            "by the m examples only.", _sce(over_all=True)),
    Mistake("dZ with 1/m", "dZ = softmax(Z) - Y per example, without 1/m: linear_backward divides dW "
            "and db by m.", _sce(dZ_over_m=True)),
    Mistake("the cost with the wrong sign", "cross-entropy is -sum Y log softmax(Z): the logs of "
            "probabilities are negative, the cost positive.", _sce(sign=-1.0)),
    Mistake("dZ with the wrong sign", "dZ = softmax(Z) - Y (A - Y), not Y - A.", _sce(dZ_sign=-1.0)),
]


def _softmax_axis1(Z):
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _lmfs(output=act.softmax, stop_early=False, drop_last_cache=False, cache_A=False):
    def impl(X, parameters):
        L = len(parameters) // 2
        A, caches = np.asarray(X, dtype=float), []
        for l in range(1, L - 1 if stop_early else L):
            A, cache = deep.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
            caches.append(cache)
        Z, lc = deep.linear_forward(A, parameters[f"W{L}"], parameters[f"b{L}"])
        AL = output(Z)
        if not drop_last_cache:
            caches.append((lc, AL if cache_A else Z))
        return AL, caches
    return impl


_L_MODEL_FORWARD_SOFTMAX_MISTAKES = [
    Mistake("ReLU at the output", "the output layer uses softmax, so each column of AL holds C "
            "probabilities that sum to 1; only the hidden layers use relu.", _lmfs(output=act.relu)),
    Mistake("sigmoid at the output", "sigmoid gives each class a probability of its own (the columns do "
            "not sum to 1): the output layer of a C-class network uses softmax.", _lmfs(output=act.sigmoid)),
    Mistake("softmax over the wrong axis", "softmax normalises each column (one example), over the "
            "classes: axis=0. The setup cell's softmax does it.", _lmfs(output=_softmax_axis1)),
    Mistake("the loop stopping one layer early (range(1, L - 1))", "the hidden layers are l = 1..L-1: "
            "range(1, L); the output layer L comes after the loop.", _lmfs(stop_early=True)),
    Mistake("the caches missing the output layer", "append the output layer's cache too, "
            "(linear_cache, ZL): caches has L entries.", _lmfs(drop_last_cache=True)),
    Mistake("AL stored in the last cache in place of ZL", "the cache of every layer is (linear_cache, Z), "
            "the output layer's too: keep ZL.", _lmfs(cache_A=True)),
]


def _lmbs(dZL=lambda AL, Y: AL - Y, output_relu=False, hidden="relu", shift=False, stop_early=False):
    def impl(AL, Y, caches):
        AL, Y = np.asarray(AL, dtype=float), np.asarray(Y, dtype=float)
        L = len(caches)
        grads = {}
        lc, ZL = caches[L - 1]
        if output_relu:
            dA, dW, db = deep.linear_activation_backward(dZL(AL, Y), caches[L - 1], "relu")
        else:
            dA, dW, db = deep.linear_backward(dZL(AL, Y), lc)
        grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA, dW, db
        for l in reversed(range(1 if stop_early else 0, L - 1)):
            dA, dW, db = deep.linear_activation_backward(grads[f"dA{l + 1}"], caches[l], hidden)
            grads[f"dA{l}"] = dA
            k = l if shift else l + 1
            grads[f"dW{k}"], grads[f"db{k}"] = dW, db
        return grads
    return impl


_L_MODEL_BACKWARD_SOFTMAX_MISTAKES = [
    Mistake("dZL with the wrong sign", "dZL = AL - Y: the gradient of -sum Y log softmax(Z) with respect to Z.",
            _lmbs(dZL=lambda AL, Y: Y - AL)),
    Mistake("dZL divided by m", "linear_backward already divides dW and db by m; dZL = AL - Y "
            "without a 1/m.", _lmbs(dZL=lambda AL, Y: (AL - Y) / AL.shape[1])),
    Mistake("dZL sent through relu' as well", "AL - Y is already dZL, the gradient after the softmax: "
            "give it to linear_backward with the linear cache, not to linear_activation_backward.",
            _lmbs(output_relu=True)),
    Mistake("the sigmoid's dAL used for the softmax layer", "dAL = -(Y / AL - (1 - Y) / (1 - AL)) is the "
            "binary cross-entropy's; with softmax and the categorical cross-entropy start from dZL = AL - Y.",
            _lmbs(dZL=lambda AL, Y: -(Y / AL - (1 - Y) / (1 - AL)))),
    Mistake("the layer index off by one", "caches[l] belongs to layer l + 1: store its gradients as "
            "'dW' + str(l + 1) and 'db' + str(l + 1).", _lmbs(shift=True)),
    Mistake("the loop stopping one layer early", "the loop goes back through every hidden layer, "
            "l = L-1 down to 1, so dW1 and db1 are there.", _lmbs(stop_early=True)),
    Mistake("sigmoid used for the hidden layers", "the hidden layers are ReLU layers: go back through "
            "them with activation 'relu'.", _lmbs(hidden="sigmoid")),
]


def _pc(out):
    def impl(X, parameters):
        AL, _ = ref.L_model_forward_softmax(X, parameters)
        return out(AL)
    return impl


_PREDICT_CLASSES_MISTAKES = [
    Mistake("argmax over the wrong axis", "each column is one example: take the argmax over the classes, "
            "axis=0, then reshape to (1, m).", _pc(lambda AL: np.argmax(AL, axis=1).reshape(1, -1))),
    Mistake("argmax over the wrong axis", "each column is one example: take the argmax over the classes, "
            "axis=0, then reshape to (1, m).", _pc(lambda AL: np.argmax(AL, axis=1))),
    Mistake("the result not reshaped to (1, m)", "np.argmax(AL, axis=0) has shape (m,): reshape it to "
            "(1, m), like the labels y.", _pc(lambda AL: np.argmax(AL, axis=0))),
    Mistake("the largest probability in place of its class", "np.max gives the probability; np.argmax "
            "gives the class, the row where it is.", _pc(lambda AL: np.max(AL, axis=0, keepdims=True))),
    Mistake("AL > 0.5, as for two classes", "with C classes no probability need pass 0.5: predict the "
            "class of the largest one, np.argmax(AL, axis=0).", _pc(lambda AL: (AL > 0.5).astype(float))),
    Mistake("classes as floats", "class labels are integers: np.argmax gives them; keep that dtype "
            "(no astype(float), no np.zeros to fill).",
            _pc(lambda AL: np.argmax(AL, axis=0).reshape(1, -1).astype(float))),
]


def _lrd(f):
    def impl(learning_rate0, epoch_num, decay_rate, time_interval=1):
        return float(f(learning_rate0, epoch_num, decay_rate, time_interval))
    return impl


_LEARNING_RATE_DECAY_MISTAKES = [
    Mistake("decay without the floor", "the rate changes in steps, once every time_interval epochs: "
            "floor(epoch_num / time_interval) (np.floor, or epoch_num // time_interval).",
            _lrd(lambda r, e, d, t: r / (1 + d * e / t))),
    Mistake("time_interval ignored", "the decay counts steps of time_interval epochs: "
            "floor(epoch_num / time_interval), not epoch_num.", _lrd(lambda r, e, d, t: r / (1 + d * e))),
    Mistake("round in place of floor", "the number of whole intervals done is floor(epoch_num / time_interval); "
            "round() goes up past half an interval.", _lrd(lambda r, e, d, t: r / (1 + d * round(e / t)))),
    Mistake("a missing 1 + in the denominator", "learning_rate0 / (1 + decay_rate * floor(epoch_num / "
            "time_interval)): at epoch 0 the rate is learning_rate0.",
            _lrd(lambda r, e, d, t: r / (d * (e // t)) if e // t else r)),
    Mistake("the rate multiplied instead of divided", "the rate falls: learning_rate0 / (1 + decay_rate "
            "* floor(epoch_num / time_interval)).", _lrd(lambda r, e, d, t: r * (1 + d * (e // t)))),
]


# --------------------------------------------------------------------------------------------------
# Dtype checks on top of the values


def _with_dtype(kind, what, mistake):
    """The value check, then: the visible first case's result (an array) has dtype ``kind`` ("f", "i")."""
    def check(call, spec, hidden):
        n = _check_values(call, spec, hidden)
        case = spec.cases()[0]
        value = call(case).value
        if isinstance(value, np.ndarray) and value.dtype.kind not in ({"i", "u"} if kind == "i" else {"f"}):
            m = next(x for x in spec.mistakes if x.name == mistake)
            raise Failure(tr("{name}: the result has dtype {dtype}; expected {what}.", name=spec.name,
                             dtype=value.dtype, what=tr(what)) + "\n  " + on_case(fmt_case(spec, case))
                          + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
        return n + 1
    return check


# --------------------------------------------------------------------------------------------------


FUNCTIONS = [
    FunctionSpec("one_hot", ref.one_hot, _one_hot_cases, mistakes=_ONE_HOT_MISTAKES,
                 custom=_with_dtype("f", N_("floats (float64)"), "a one-hot matrix of integers")),
    FunctionSpec("softmax_cross_entropy", ref.softmax_cross_entropy, _softmax_cross_entropy_cases,
                 mistakes=_SOFTMAX_CROSS_ENTROPY_MISTAKES, custom=_check_values),
    FunctionSpec("L_model_forward_softmax", ref.L_model_forward_softmax, _L_model_forward_softmax_cases,
                 mistakes=_L_MODEL_FORWARD_SOFTMAX_MISTAKES, custom=_check_values),
    FunctionSpec("L_model_backward_softmax", ref.L_model_backward_softmax, _L_model_backward_softmax_cases,
                 mistakes=_L_MODEL_BACKWARD_SOFTMAX_MISTAKES, deps=("softmax_cross_entropy",),
                 optional_keys=lambda k: k.startswith("dA"), custom=_check_values),
    FunctionSpec("predict_classes", ref.predict_classes, _predict_classes_cases, mistakes=_PREDICT_CLASSES_MISTAKES,
                 deps=("L_model_forward_softmax",), custom=_with_dtype("i", N_("integers"), "classes as floats")),
    FunctionSpec("learning_rate_decay", ref.learning_rate_decay, _learning_rate_decay_cases,
                 mistakes=_LEARNING_RATE_DECAY_MISTAKES, custom=_check_values),
]


QUESTIONS = [
    QuestionSpec("q_dz_entry", one_of(-0.8),
                 "dZ = A - Y for each example: for the true class the entry is a_c - 1, for the others a_c."),
    QuestionSpec("q_initial_cost", one_of(np.log(10)),
                 "Equal probabilities give every example the loss -log(1/10) = log 10, and the cost is "
                 "their mean."),
    QuestionSpec("q_standardize_with", one_of("c"),
                 "The dev and test sets stand for new data, which the network meets one example at a "
                 "time: they are transformed with the training set's mean and standard deviation (statistics "
                 "of all the images would let the dev and test sets leak into training)."),
    QuestionSpec("q_early_stopping_set", one_of("b"),
                 "The epoch to keep is a choice made by looking at data; the test set must play no part in "
                 "any choice, and the training cost keeps falling: the dev set decides."),
]

HELPERS = {"relu": act.relu, "relu_grad": act.relu_grad, "softmax": act.softmax,
           "linear_forward": deep.linear_forward, "linear_activation_forward": deep.linear_activation_forward,
           "linear_backward": deep.linear_backward, "linear_activation_backward": deep.linear_activation_backward}
