"""Checks for ``06_optimization``: mini-batches, momentum, RMSprop and Adam.

``random_mini_batches`` is random and is checked by properties (:func:`_check_mini_batches`): the
number and sizes of the batches, every column of X exactly once, Y's columns still paired with X's
(Y is built from X, so the pairing can be read back), a shuffle that happened, and the same batches
for the same seed. Any correct shuffle passes (``rng.permutation(m)``, ``rng.shuffle`` of an index
array, ``rng.choice(m, m, replace=False)``, ``rng.permuted``...).

The update rules are compared with nnkit on single steps (small visible ones from zero state, then
hidden ones from the middle of a run, with other hyperparameters than the visible cases and the
notebook's experiments), and then over a run of several steps in which each call is given the
outputs of the previous one (:func:`_chain`). Epsilon is large in some cases, so that where it is
added shows. Nothing passed in may be modified: Ng's style writes into the dicts it is given
(``v["dW1"] = ...``, ``parameters["W1"] = ...``), so the message says how to build new ones
(:func:`grader.specs.common.guarded`).
"""

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, QuestionSpec, call_outcome, check_values,
                           compare, describe_type, fmt_case, looks_like, named, name_mistake, on_case, one_of, rng_for,
                           run_reference)
from grader.check.i18n import tr
from grader.specs.common import checked_unmodified, guarded
from grader.check.wire import GeneratorSeed
from nnkit import optimizers as ref

#: Hyperparameters of the visible cases and the notebook's experiments; a solution that hard-codes one
#: is named. The hidden cases use none of them.
NOTEBOOK_LRS = (0.1, 0.05, 0.01, 0.02, 0.001, 0.005, 0.0007, 0.3, 0.2, 0.03, 0.5, 0.003, 0.95, 1.5, 0.4)
NOTEBOOK_BETAS = (0.9, 0.999, 0.99, 0.95, 0.8)
DEFAULT_EPS = 1e-8


# --------------------------------------------------------------------------------------------------
# Cases


def _params(rng, dims, scale=1.0):
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) * scale
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * scale
    return p


def _grads(rng, params, scale=0.5):
    return {"d" + k: rng.normal(size=v.shape) * scale for k, v in params.items()}


def _second(rng, params, scale=0.25):
    return {"d" + k: rng.uniform(0.05, 1.0, size=v.shape) * scale for k, v in params.items()}


def _visible_params():
    return {"W1": np.array([[1.0, -0.5], [0.25, 2.0], [-1.5, 0.75]]), "b1": np.array([[0.1], [-0.2], [0.3]]),
            "W2": np.array([[0.5, -1.0, 1.5]]), "b2": np.array([[-0.4]])}


def _visible_grads():
    return {"dW1": np.array([[0.2, -0.4], [0.1, 0.3], [-0.5, 0.05]]), "db1": np.array([[0.3], [-0.1], [0.2]]),
            "dW2": np.array([[-0.6, 0.25, 0.4]]), "db2": np.array([[0.15]])}


def _zeros(params):
    return {"d" + k: np.zeros(v.shape) for k, v in params.items()}


_DIMS = ((2, 4, 1), (3, 1), (5, 3, 2, 1), (1, 6, 1))


def _init_cases(name):
    rng = rng_for(name)
    out = [Case((_visible_params(),))]
    for dims in _DIMS:
        out.append(Case((_params(rng, dims),), hidden=True))
    return out


def _momentum_cases():
    rng = rng_for("update_parameters_with_momentum")
    p, g = _visible_params(), _visible_grads()
    # lr is not 1 - beta, so another formulation of momentum (v = beta v + lr dW) is told apart
    out = [Case((p, g, _zeros(p), 0.9, 0.2)),
           Case((p, g, _grads(rng, p, 0.3), 0.8, 0.05))]
    for dims, beta, lr in zip(_DIMS, (0.75, 0.6, 0.97, 0.85), (0.037, 0.21, 0.45, 0.013)):
        p = _params(rng, dims)
        out.append(Case((p, _grads(rng, p), _grads(rng, p, 0.3), beta, lr), hidden=True))
    return out


def _rmsprop_cases():
    rng = rng_for("update_parameters_with_rmsprop")
    p, g = _visible_params(), _visible_grads()
    out = [Case((p, g, _zeros(p), 0.9, 0.05)),
           Case((p, g, _second(rng, p, 0.1), 0.99, 0.02), {"epsilon": 1e-2})]
    for dims, beta, lr, eps in zip(_DIMS, (0.75, 0.6, 0.97, 0.85), (0.037, 0.21, 0.45, 0.013),
                                   (None, 0.05, 1e-6, 0.003)):
        p = _params(rng, dims)
        kw = {} if eps is None else {"epsilon": eps}
        out.append(Case((p, _grads(rng, p), _second(rng, p), beta, lr), kw, hidden=True))
    return out


def _adam_cases():
    rng = rng_for("update_parameters_with_adam")
    p, g = _visible_params(), _visible_grads()
    # at t = 1 from zero state, v without its correction is a step of learning_rate * (1 - beta1): with
    # learning_rate 0.02 that is 0.002, no notebook value, so it is told apart from a hard-coded rate
    # (the defaults are checked by the visible run of steps, _chain)
    out = [Case((p, g, _zeros(p), _zeros(p), 1), {"learning_rate": 0.02}),
           Case((p, g, _grads(rng, p, 0.2), _second(rng, p, 0.05), 2),
                {"learning_rate": 0.05, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-2})]
    hidden = ((3, 0.037, 0.85, 0.98, 1e-8), (7, 0.21, 0.6, 0.995, 0.05), (50, 0.45, 0.7, 0.9995, 1e-6),
              (1, 0.013, 0.75, 0.97, 0.003), (12, 0.037, 0.9, 0.999, 1e-8))
    for (t, lr, b1, b2, eps), dims in zip(hidden, _DIMS + ((2, 3, 1),)):
        p = _params(rng, dims)
        v, s = (_zeros(p), _zeros(p)) if t == 1 else (_grads(rng, p, 0.2), _second(rng, p, 0.05))
        out.append(Case((p, _grads(rng, p), v, s, t),
                        {"learning_rate": lr, "beta1": b1, "beta2": b2, "epsilon": eps}, hidden=True))
    return out


# --------------------------------------------------------------------------------------------------
# Known mistakes of the update rules, as a student would make them


def _momentum_with(v_rule=lambda beta, v, g: beta * v + (1 - beta) * g, use="new", sign=-1,
                   beta_fixed=None, lr_fixed=None):
    def impl(parameters, grads, v, beta, learning_rate):
        beta = beta_fixed if beta_fixed is not None else beta
        lr = lr_fixed if lr_fixed is not None else learning_rate
        new_p, new_v = {}, {}
        for k, W in parameters.items():
            g, old = np.asarray(grads["d" + k], dtype=float), np.asarray(v["d" + k], dtype=float)
            vk = v_rule(beta, old, g)
            step = {"new": vk, "old": old, "grad": g}[use]
            new_v["d" + k], new_p[k] = vk, np.asarray(W, dtype=float) + sign * lr * step
        return new_p, new_v
    return impl


def _momentum_other(v_rule, sign):
    """Momentum as some other texts write it (v carries the learning rate; W = W + sign v)."""
    def impl(parameters, grads, v, beta, learning_rate):
        new_p, new_v = {}, {}
        for k, W in parameters.items():
            old, g = np.asarray(v["d" + k], dtype=float), np.asarray(grads["d" + k], dtype=float)
            vk = v_rule(beta, learning_rate, old, g)
            new_v["d" + k], new_p[k] = vk, np.asarray(W, dtype=float) + sign * vk
        return new_p, new_v
    return impl


def _rmsprop_with(s_rule=lambda beta, s, g: beta * s + (1 - beta) * g ** 2,
                  denom=lambda s, eps: np.sqrt(s) + eps, use_old=False, beta_fixed=None, lr_fixed=None,
                  eps_fixed=None, update=None):
    def impl(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
        beta = beta_fixed if beta_fixed is not None else beta
        lr = lr_fixed if lr_fixed is not None else learning_rate
        eps = eps_fixed if eps_fixed is not None else epsilon
        new_p, new_s = {}, {}
        for k, W in parameters.items():
            g, old = np.asarray(grads["d" + k], dtype=float), np.asarray(s["d" + k], dtype=float)
            sk = s_rule(beta, old, g)
            new_s["d" + k] = sk
            W, used = np.asarray(W, dtype=float), old if use_old else sk
            new_p[k] = update(W, lr, g, used, eps) if update else W - lr * g / denom(used, eps)
        return new_p, new_s
    return impl


def _adam_with(v_rule=lambda b1, v, g: b1 * v + (1 - b1) * g, s_rule=lambda b2, s, g: b2 * s + (1 - b2) * g ** 2,
               correct=lambda b, t: 1 - b ** t, denom=lambda s, eps: np.sqrt(s) + eps, use_old=False,
               store_corrected=False, swap_betas=False, sign=-1, fixed=None, correct_v=None, correct_s=None,
               update=None):
    fixed = fixed or {}
    correct_v, correct_s = correct_v or correct, correct_s or correct

    def impl(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
        lr = fixed.get("learning_rate", learning_rate)
        b1, b2 = fixed.get("beta1", beta1), fixed.get("beta2", beta2)
        eps = fixed.get("epsilon", epsilon)
        if swap_betas:
            b1, b2 = b2, b1
        new_p, new_v, new_s = {}, {}, {}
        for k, W in parameters.items():
            g = np.asarray(grads["d" + k], dtype=float)
            v_old, s_old = np.asarray(v["d" + k], dtype=float), np.asarray(s["d" + k], dtype=float)
            vk, sk = v_rule(b1, v_old, g), s_rule(b2, s_old, g)
            v_hat = (v_old if use_old else vk) / correct_v(b1, t)
            s_hat = (s_old if use_old else sk) / correct_s(b2, t)
            new_v["d" + k], new_s["d" + k] = (v_hat, s_hat) if store_corrected else (vk, sk)
            W = np.asarray(W, dtype=float)
            if update:
                new_p[k] = update(W, lr, v_hat, s_hat, eps, vk, sk, b1, b2, t)
            else:
                new_p[k] = W + sign * lr * v_hat / denom(s_hat, eps)
        return new_p, new_v, new_s
    return impl


def _hard_coded_lr(make):
    return [Mistake("a hard-coded learning rate", "use the learning_rate argument, not a number.", make(v))
            for v in NOTEBOOK_LRS]


def _hard_coded_beta(make, what="beta"):
    return [Mistake(f"a hard-coded {what}", f"use the {what} argument, not a number.", make(v))
            for v in NOTEBOOK_BETAS]


_MOMENTUM_MISTAKES = (
    [Mistake("v = beta v + dW (no 1 - beta)", "momentum is an exponential average: "
             "v = beta v + (1 - beta) dW.", _momentum_with(v_rule=lambda b, v, g: b * v + g)),
     Mistake("beta and 1 - beta swapped", "the old velocity keeps the weight beta: v = beta v + (1 - beta) dW.",
             _momentum_with(v_rule=lambda b, v, g: (1 - b) * v + b * g)),
     Mistake("the update made with the old v", "first update v with this step's gradient, then "
             "W = W - learning_rate v with the new v.", _momentum_with(use="old")),
     Mistake("W updated with dW, not with v", "the step follows the velocity: W = W - learning_rate v.",
             _momentum_with(use="grad")),
     Mistake("a sign slip (W + learning_rate v)", "step against the gradient: W = W - learning_rate v.",
             _momentum_with(sign=1)),
     Mistake("the learning rate inside v (another formulation of momentum)", "this course's momentum averages "
             "the gradients, v = beta v + (1 - beta) dW, and steps W = W - learning_rate v.",
             _momentum_other(lambda b, lr, v, g: b * v + lr * g, -1)),
     Mistake("the learning rate inside v (another formulation of momentum)", "this course's momentum averages "
             "the gradients, v = beta v + (1 - beta) dW, and steps W = W - learning_rate v.",
             _momentum_other(lambda b, lr, v, g: b * v - lr * g, 1))]
    + _hard_coded_beta(lambda b: _momentum_with(beta_fixed=b))
    + _hard_coded_lr(lambda lr: _momentum_with(lr_fixed=lr))
)

_RMSPROP_MISTAKES = (
    [Mistake("s built from dW, not dW^2", "s is a running mean of the SQUARED gradients: "
             "s = beta s + (1 - beta) dW^2.", _rmsprop_with(s_rule=lambda b, s, g: b * s + (1 - b) * g)),
     Mistake("epsilon inside the square root", "add epsilon after the root: dW / (sqrt(s) + epsilon).",
             _rmsprop_with(denom=lambda s, eps: np.sqrt(s + eps))),
     Mistake("no square root", "divide by the root mean square, sqrt(s) + epsilon, not by s.",
             _rmsprop_with(denom=lambda s, eps: s + eps)),
     Mistake("s = beta s + dW^2 (no 1 - beta)", "s is an exponential average: s = beta s + (1 - beta) dW^2.",
             _rmsprop_with(s_rule=lambda b, s, g: b * s + g ** 2)),
     Mistake("beta and 1 - beta swapped", "the old s keeps the weight beta: s = beta s + (1 - beta) dW^2.",
             _rmsprop_with(s_rule=lambda b, s, g: (1 - b) * s + b * g ** 2)),
     Mistake("the update made with the old s", "first update s with this step's gradient, then divide by "
             "sqrt(s) + epsilon with the new s.", _rmsprop_with(use_old=True)),
     Mistake("epsilon outside the parentheses", "epsilon belongs to the denominator: "
             "learning_rate * dW / (np.sqrt(s) + epsilon), with the parentheses.",
             _rmsprop_with(update=lambda W, lr, g, s, eps: W - lr * g / np.sqrt(s) + eps)),
     Mistake("epsilon outside the parentheses", "epsilon belongs to the denominator: "
             "learning_rate * dW / (np.sqrt(s) + epsilon), with the parentheses.",
             _rmsprop_with(update=lambda W, lr, g, s, eps: W - lr * (g / np.sqrt(s) + eps)))]
    + _hard_coded_beta(lambda b: _rmsprop_with(beta_fixed=b))
    + _hard_coded_lr(lambda lr: _rmsprop_with(lr_fixed=lr))
    + [Mistake("a hard-coded epsilon", "use the epsilon argument, not a number.", _rmsprop_with(eps_fixed=DEFAULT_EPS))]
)

_ADAM_MISTAKES = (
    [Mistake("Adam without bias correction", "divide v by (1 - beta1^t) and s by (1 - beta2^t) before the "
             "step; early on both averages are far too small.", _adam_with(correct=lambda b, t: 1.0)),
     Mistake("bias correction with t + 1 (t counted from 0)", "t is the number of this step, from 1: "
             "v_hat = v / (1 - beta1^t), with the t passed in.", _adam_with(correct=lambda b, t: 1 - b ** (t + 1))),
     Mistake("bias correction with t - 1", "use the t passed in: v_hat = v / (1 - beta1^t).",
             _adam_with(correct=lambda b, t: 1 - b ** (t - 1))),
     Mistake("the corrected averages returned as v and s", "return the running averages v and s themselves; "
             "v_hat and s_hat are only for this step's update.", _adam_with(store_corrected=True)),
     Mistake("epsilon inside the square root", "add epsilon after the root: v_hat / (sqrt(s_hat) + epsilon).",
             _adam_with(denom=lambda s, eps: np.sqrt(s + eps))),
     Mistake("s built from dW, not dW^2", "s averages the SQUARED gradients: s = beta2 s + (1 - beta2) dW^2.",
             _adam_with(s_rule=lambda b, s, g: b * s + (1 - b) * g)),
     Mistake("v = beta1 v + dW (no 1 - beta1)", "v is an exponential average: v = beta1 v + (1 - beta1) dW.",
             _adam_with(v_rule=lambda b, v, g: b * v + g)),
     Mistake("beta1 and beta2 swapped", "beta1 (0.9) averages the gradients, beta2 (0.999) their squares.",
             _adam_with(swap_betas=True)),
     Mistake("the update made with the old v and s", "first update v and s with this step's gradient, "
             "then correct them and step.", _adam_with(use_old=True)),
     Mistake("no square root", "divide by sqrt(s_hat) + epsilon, not by s_hat.",
             _adam_with(denom=lambda s, eps: s + eps)),
     Mistake("a sign slip (W + learning_rate ...)", "step against the gradient: W = W - learning_rate v_hat / "
             "(sqrt(s_hat) + epsilon).", _adam_with(sign=1)),
     Mistake("v not bias-corrected", "correct both averages: v_hat = v / (1 - beta1^t) as well as "
             "s_hat = s / (1 - beta2^t).", _adam_with(correct_v=lambda b, t: 1.0)),
     Mistake("s not bias-corrected", "correct both averages: s_hat = s / (1 - beta2^t) as well as "
             "v_hat = v / (1 - beta1^t).", _adam_with(correct_s=lambda b, t: 1.0)),
     Mistake("1 - beta * t in place of 1 - beta ** t", "the correction divides by 1 - beta1 ** t, beta1 to the "
             "power t (** in Python, not *).", _adam_with(correct=lambda b, t: 1 - b * t)),
     Mistake("(1 - beta) ** t in place of 1 - beta ** t", "the correction divides by 1 - beta1 ** t: the power "
             "applies to beta1 alone.", _adam_with(correct=lambda b, t: (1 - b) ** t)),
     Mistake("epsilon outside the parentheses", "epsilon belongs to the denominator: "
             "learning_rate * v_hat / (np.sqrt(s_hat) + epsilon), with the parentheses.",
             _adam_with(update=lambda W, lr, vh, sh, eps, *_: W - lr * vh / np.sqrt(sh) + eps)),
     Mistake("epsilon outside the parentheses", "epsilon belongs to the denominator: "
             "learning_rate * v_hat / (np.sqrt(s_hat) + epsilon), with the parentheses.",
             _adam_with(update=lambda W, lr, vh, sh, eps, *_: W - lr * (vh / np.sqrt(sh) + eps))),
     Mistake("the corrections folded into the learning rate", "that form (from the Adam paper) adds epsilon to "
             "sqrt(s), not to sqrt(s_hat); this course's formula is W - learning_rate v_hat / (sqrt(s_hat) + "
             "epsilon).", _adam_with(update=lambda W, lr, vh, sh, eps, vk, sk, b1, b2, t:
                                     W - lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t) * vk / (np.sqrt(sk) + eps)))]
    + _hard_coded_lr(lambda lr: _adam_with(fixed={"learning_rate": lr}))
    + _hard_coded_beta(lambda b: _adam_with(fixed={"beta1": b}), "beta1")
    + _hard_coded_beta(lambda b: _adam_with(fixed={"beta2": b}), "beta2")
    + [Mistake("a hard-coded epsilon", "use the epsilon argument, not a number.",
               _adam_with(fixed={"epsilon": DEFAULT_EPS}))]
)


def _init_with(value=lambda W: np.zeros(np.shape(W)), key=lambda k: "d" + k, only_w=False):
    def impl(parameters):
        return {key(k): value(W) for k, W in parameters.items() if not only_w or k.startswith("W")}
    return impl


_INIT_MISTAKES = [
    Mistake("keys named like the parameters ('W1', not 'dW1')", "the state is keyed like the gradients: "
            "v['dW1'], v['db1'], ...", _init_with(key=lambda k: k)),
    Mistake("the biases left out", "every parameter gets a state of its own, the b's too: "
            "v['db1'], v['db2'], ...", _init_with(only_w=True)),
    Mistake("the parameters' values in place of zeros", "the averages start at zero: np.zeros(W.shape).",
            _init_with(value=lambda W: np.array(W, dtype=float))),
    Mistake("one zero per row (shape (n_l, 1))", "each state has the shape of its parameter: np.zeros(W.shape).",
            _init_with(value=lambda W: np.zeros((np.shape(W)[0], 1)))),
]


def _adam_init_mistakes():
    return [Mistake(m.name, m.hint, (lambda f: lambda parameters: (f(parameters), f(parameters)))(m.impl))
            for m in _INIT_MISTAKES]


# --------------------------------------------------------------------------------------------------
# Arguments modified in place: the rule is the contract's; the message says how to keep to it

def _new_dicts(example):
    def advice(names):
        last = names[-1]
        return tr("Assigning to {targets}, or -= / += on the arrays in them, changes the caller's: build new "
                  "dicts ({example}). dict({last}) or {last}.copy() alone still shares the arrays; "
                  "copy.deepcopy({last}) copies them too.", targets=" / ".join(n + "[key]" for n in names),
                  example=example, last=last)
    return advice


_KEEP_INPUTS = {
    "random_mini_batches": "rng.shuffle(X), X[:] = ... or X.sort() change the caller's arrays: index new ones, "
                           "X[:, permutation] and Y[:, permutation].",
    "initialize_velocity": "Only read parameters: make new arrays of zeros, np.zeros(parameters[key].shape).",
    "initialize_rmsprop": "Only read parameters: make new arrays of zeros, np.zeros(parameters[key].shape).",
    "initialize_adam": "Only read parameters: make new arrays of zeros, np.zeros(parameters[key].shape).",
    "update_parameters_with_momentum": _new_dicts(
        'new_v["dW1"] = beta * v["dW1"] + ..., new_parameters["W1"] = parameters["W1"] - ...'),
    "update_parameters_with_rmsprop": _new_dicts(
        'new_s["dW1"] = beta * s["dW1"] + ..., new_parameters["W1"] = parameters["W1"] - ...'),
    "update_parameters_with_adam": _new_dicts(
        'new_v["dW1"] = beta1 * v["dW1"] + ..., new_parameters["W1"] = parameters["W1"] - ...'),
}


# --------------------------------------------------------------------------------------------------
# A run of several steps: each call is given the outputs of the previous one


def _run_setup(kind, hidden):
    rng = rng_for("run " + kind + str(hidden))
    dims = (3, 4, 2, 1) if hidden else (2, 3, 1)
    p = _params(rng, dims)
    steps = 5 if hidden else 3
    grads = [_grads(rng, p) for _ in range(steps)]
    if kind == "momentum":
        hyper = (0.7, 0.15) if hidden else (0.9, 0.1)
    elif kind == "rmsprop":
        hyper = ((0.93, 0.04), {"epsilon": 1e-3}) if hidden else ((0.9, 0.05), {})
    else:
        hyper = {"learning_rate": 0.06, "beta1": 0.85, "beta2": 0.97, "epsilon": 1e-3} if hidden else {}
    return p, grads, hyper


def _chain(call, spec, hidden, kind):
    p, grads, hyper = _run_setup(kind, hidden)
    if kind == "adam":
        state = [_zeros(p), _zeros(p)]
    else:
        state = [_zeros(p)]
    for k, g in enumerate(grads, 1):
        if kind == "adam":
            case = Case((p, g, *state, k), hyper)
        elif kind == "momentum":
            case = Case((p, g, *state, *hyper))
        else:
            case = Case((p, g, *state, *hyper[0]), hyper[1])
        got = call_outcome(call, spec, case)
        expected = run_reference(spec.ref, case)
        diff = compare(expected, got, spec.rtol, spec.atol, spec.optional_keys)
        if diff:
            m = name_mistake(spec, case, got)
            lines = [named(spec.name, diff),
                     "  " + tr("at step {k} of a run of {n} steps, each given the previous step's outputs", k=k,
                               n=len(grads)),
                     "  " + on_case(fmt_case(spec, case))]
            if m:
                lines.append("  " + looks_like(m.name, m.hint))
            raise Failure("\n".join(lines), mistake=m.name if m else None)
        p, state = got[0], list(got[1:])
    return len(grads)


def _with_chain(kind):
    def check(call, spec, hidden):
        call = guarded(call, spec)
        return check_values(spec, call, hidden) + _chain(call, spec, hidden, kind)
    return check


# --------------------------------------------------------------------------------------------------
# The property check of random_mini_batches


def _mb_with(perm=lambda rng, m: rng.permutation(m), apart=False, shuffle=True, last="keep", size_fixed=None,
             width=None, own_rng=False):
    """A random_mini_batches with one known mistake (for the table; the check finds them by property)."""
    def impl(X, Y, mini_batch_size=64, rng=None):
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        size = size_fixed or mini_batch_size
        gen = np.random.default_rng() if own_rng or rng is None else rng
        m = X.shape[1]
        p = perm(gen, m) if shuffle else np.arange(m)
        X, Y = X[:, p], Y[:, perm(gen, m) if apart else p]
        step = width(size) if width else size
        out = [(X[:, k * size:k * size + step], Y[:, k * size:k * size + step]) for k in range(m // size)]
        if last == "keep" and m % size:
            out.append((X[:, (m // size) * size:], Y[:, (m // size) * size:]))
        elif last == "always":
            out.append((X[:, (m // size) * size:], Y[:, (m // size) * size:]))
        elif last == "pad" and m % size:  # filled up with the first examples again
            cols = np.arange((m // size) * size, (m // size + 1) * size) % m
            out.append((X[:, cols], Y[:, cols]))
        return out
    return impl


_MB_NAMES = {
    "apart": Mistake("X and Y shuffled apart", "shuffle X and Y with ONE permutation: perm = "
                     "rng.permutation(m), then X[:, perm] and Y[:, perm].", _mb_with(apart=True)),
    "no_shuffle": Mistake("no shuffling", "shuffle the columns first (rng.permutation(m)), then cut.",
                          _mb_with(shuffle=False)),
    "dropped": Mistake("the last partial batch dropped", "when m is not a multiple of mini_batch_size, the "
                       "remaining examples make one last, smaller batch.", _mb_with(last="drop")),
    "empty": Mistake("an empty last batch", "add the last batch only when m % mini_batch_size != 0.",
                     _mb_with(last="always")),
    "padded": Mistake("the last batch padded to full size", "the last batch holds only the m % mini_batch_size "
                      "remaining examples: do not fill it up (with zeros or with examples used already).",
                      _mb_with(last="pad")),
    "size": Mistake("batches of the wrong size", "batch k holds the shuffled columns "
                    "k * mini_batch_size to (k + 1) * mini_batch_size - 1.", _mb_with(width=lambda s: s - 1)),
    "hard": Mistake("mini_batch_size hard-coded to 64", "use the mini_batch_size argument, not 64.",
                    _mb_with(size_fixed=64)),
    "replace": Mistake("examples drawn with replacement", "use a permutation, so each example appears "
                       "exactly once per epoch (rng.permutation(m)).",
                       _mb_with(perm=lambda rng, m: rng.choice(m, m))),
    "rng": Mistake("rng not used", "draw the permutation from the generator passed in, so the same seed "
                   "gives the same batches.", _mb_with(own_rng=True)),
}


def _sizes(m, size):
    return [size] * (m // size) + ([m % size] if m % size else [])


def _fmt_sizes(sizes):
    if len(sizes) <= 6:
        return str(list(sizes))
    return f"[{sizes[0]}, {sizes[1]}, ..., {sizes[-2]}, {sizes[-1]}] " + tr("({n} batches)", n=len(sizes))


def _xy(rng, n_x, m):
    """X with distinct columns, and Y computed from X so that a column of Y tells its X column."""
    X = rng.normal(size=(n_x, m))
    Y = (2 * X[0:1] - X[1:2]) if n_x >= 2 else 3 * X + 1
    return X, Y


def _named(key, message, where):
    m = _MB_NAMES[key]
    return Failure(f"{message}{where}\n  " + looks_like(m.name, m.hint), mistake=m.name)


def _mb_call(call, spec, X, Y, size, seed):
    """One call; every property but determinism. Return the order of the original columns."""
    kwargs = {} if size is None else {"mini_batch_size": size}
    if seed is not None:
        kwargs["rng"] = GeneratorSeed(seed)
    case = Case((X, Y), kwargs)
    size = 64 if size is None else size
    where = "\n  " + on_case(fmt_case(spec, case))
    got = call_outcome(call, spec, case)
    name = spec.name
    if not isinstance(got, (list, tuple)):
        raise Failure(tr("{name}: returned {got}; expected a list of (X_batch, Y_batch) pairs.", name=name,
                         got=describe_type(got)) + where)
    n_x, m = X.shape
    sizes = []
    for i, pair in enumerate(got):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise Failure(tr("{name}: item {i} of the list is {got}; expected a pair (X_batch, Y_batch).",
                             name=name, i=i, got=describe_type(pair)) + where)
        for what, arr, rows in (("X_batch", pair[0], n_x), ("Y_batch", pair[1], 1)):
            if not isinstance(arr, np.ndarray):
                raise Failure(tr("{name}: {what} of batch {i} is {got}; expected a numpy array.", name=name,
                                 what=what, i=i, got=describe_type(arr)) + where)
            if arr.ndim != 2 or arr.shape[0] != rows:
                raise Failure(tr("{name}: {what} of batch {i} has shape {shape}; expected ({rows}, batch size) "
                                 "(one column per example).", name=name, what=what, i=i, shape=arr.shape,
                                 rows=rows) + where)
        if pair[0].shape[1] != pair[1].shape[1]:
            raise Failure(tr("{name}: batch {i} has {a} columns in X_batch but {b} in Y_batch.", name=name, i=i,
                             a=pair[0].shape[1], b=pair[1].shape[1]) + where)
        sizes.append(pair[0].shape[1])
    expected = _sizes(m, size)
    if sizes != expected:
        msg = tr("{name}: the batch sizes are {got}; expected {expected}.", name=name, got=_fmt_sizes(sizes),
                 expected=_fmt_sizes(expected))
        if m % size and sizes == expected[:-1]:
            raise _named("dropped", msg, where)
        if sizes == expected + [0]:
            raise _named("empty", msg, where)
        if m % size and sizes == [size] * (m // size + 1):
            raise _named("padded", msg, where)
        if size != 64 and sizes == _sizes(m, 64):
            raise _named("hard", msg, where)
        raise _named("size", msg, where)
    index = {X[:, j].tobytes(): j for j in range(m)}
    order = []
    for i, (xb, yb) in enumerate(got):
        xb = np.asarray(xb, dtype=float)
        for c in range(xb.shape[1]):
            j = index.get(np.ascontiguousarray(xb[:, c]).tobytes())
            if j is None:
                raise Failure(tr("{name}: column {c} of X_batch {i} is not a column of X; shuffle whole columns "
                                 "(examples), X[:, permutation].", name=name, c=c, i=i) + where)
            order.append(j)
    counts = np.bincount(order, minlength=m)
    if counts.max() > 1:
        j = int(np.argmax(counts))
        raise _named("replace", tr("{name}: example {j} appears {n} times across the batches; {missing} examples "
                                   "never appear.", name=name, j=j, n=int(counts[j]),
                                   missing=int((counts == 0).sum())), where)
    y_got = np.concatenate([np.asarray(yb, dtype=float).ravel() for _, yb in got]) if got else np.zeros(0)
    if not np.array_equal(y_got, Y[0, order]):
        raise _named("apart", tr("{name}: the columns of Y_batch are not those of the examples in X_batch.",
                                 name=name), where)
    if m > 3 and order == list(range(m)):
        raise _named("no_shuffle", tr("{name}: the examples come out in their original order.", name=name), where)
    return order


def _check_mini_batches(call, spec, hidden):
    call = guarded(call, spec, values=False)
    rng = rng_for("random_mini_batches")
    n = 0
    runs = [(3, 150, None, 1), (2, 50, 16, 2)]
    if hidden:
        runs += [(4, 40, 10, 3), (2, 7, 1, 4), (3, 60, 200, 5), (5, 100, 32, 6), (1, 33, 8, 7), (2, 64, 64, 8),
                 (2, 20, 6, None)]
    for n_x, m, size, seed in runs:
        X, Y = _xy(rng, n_x, m)
        _mb_call(call, spec, X, Y, size, seed)
        n += 1
    X, Y = _xy(rng, 2, 40)
    size = 8 if hidden else 16
    first = _mb_call(call, spec, X, Y, size, 21)
    again = _mb_call(call, spec, X, Y, size, 21)
    other = _mb_call(call, spec, X, Y, size, 22)
    n += 3
    where = "\n  " + on_case(f"random_mini_batches(X {tr('shape {shape}', shape=X.shape)}, Y, mini_batch_size={size}, "
                              "rng=np.random.default_rng(21))")
    if first != again:
        raise _named("rng", tr("{name}: two calls with rng=np.random.default_rng(21) shuffled differently.",
                               name=spec.name), where)
    if first == other:
        raise _named("rng", tr("{name}: the seeds 21 and 22 gave the same shuffle.", name=spec.name), where)
    return n


# --------------------------------------------------------------------------------------------------


FUNCTIONS = [
    FunctionSpec("random_mini_batches", ref.random_mini_batches, lambda: [],
                 mistakes=[m for m in _MB_NAMES.values()], custom=_check_mini_batches),
    FunctionSpec("initialize_velocity", ref.initialize_velocity, lambda: _init_cases("initialize_velocity"),
                 mistakes=_INIT_MISTAKES, custom=checked_unmodified, float_arrays=True),
    FunctionSpec("update_parameters_with_momentum", ref.update_parameters_with_momentum, _momentum_cases,
                 mistakes=_MOMENTUM_MISTAKES, custom=_with_chain("momentum"), rtol=1e-6, atol=1e-9),
    FunctionSpec("initialize_rmsprop", ref.initialize_rmsprop, lambda: _init_cases("initialize_rmsprop"),
                 mistakes=_INIT_MISTAKES, custom=checked_unmodified, deps=("initialize_velocity",), float_arrays=True),
    FunctionSpec("update_parameters_with_rmsprop", ref.update_parameters_with_rmsprop, _rmsprop_cases,
                 mistakes=_RMSPROP_MISTAKES, custom=_with_chain("rmsprop"), rtol=1e-6, atol=1e-9),
    FunctionSpec("initialize_adam", ref.initialize_adam, lambda: _init_cases("initialize_adam"),
                 mistakes=_adam_init_mistakes(), custom=checked_unmodified, distinct_outputs=True, float_arrays=True,
                 deps=("initialize_velocity", "initialize_rmsprop")),
    FunctionSpec("update_parameters_with_adam", ref.update_parameters_with_adam, _adam_cases,
                 mistakes=_ADAM_MISTAKES, custom=_with_chain("adam"), rtol=1e-6, atol=1e-9),
]
for _f in FUNCTIONS:  # what to say when a function modifies its arguments
    _f.keep_inputs = _KEEP_INPUTS.get(_f.name)


def _pair_answer(expected, rtol=1e-3):
    def accept(value):
        if not isinstance(value, (tuple, list)) or len(value) != len(expected):
            return False
        return all(not isinstance(v, (str, bool)) and np.isclose(float(v), e, rtol=rtol, atol=1e-9)
                   for v, e in zip(value, expected))
    return accept


QUESTIONS = [
    QuestionSpec("q_num_batches", _pair_answer((16, 40)),
                 "1000 = 15 x 64 + 40: fifteen full batches and one of the remainder."),
    QuestionSpec("q_bias_correction", _pair_answer((0.19, 1.0)),
                 "v1 = 0.1 x 1, v2 = 0.9 v1 + 0.1 x 1; then divide v2 by 1 - 0.9^2."),
    QuestionSpec("q_adam_first_step", one_of(0.01),
                 "At t = 1, v_hat = dW and s_hat = dW^2, so the step is learning_rate * dW / |dW|."),
]

HELPERS = {}
