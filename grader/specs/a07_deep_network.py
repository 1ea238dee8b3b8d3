"""Checks for ``07_deep_network``: He initialisation, and the forward/backward pairs of an L-layer
network (ReLU hidden layers, sigmoid output) with Ng's caches.

Cases: small fixed inputs first (the visible checks, L = 3 and L = 2), then hidden ones of other
depths (L = 1 to 5), widths and numbers of examples. Where a known mistake only runs on a square matrix (``W``
transposed in ``linear_forward``, ``dA_prev = W dZ`` in ``linear_backward``) or on two equal widths
(the loop of ``L_model_forward`` stopping one layer early), the first visible case has that shape,
so the mistake shows as wrong values and is named rather than as a shape error.

The caches of the backward cases are made by the nnkit forward functions; a case holds them as plain
tuples of arrays, ``(A_prev, W, b)`` and ``((A_prev, W, b), Z)``, as the contract fixes them.

``initialize_parameters_deep`` is random and is checked by properties (:func:`_check_init`), never
against one draw: the keys and shapes, zero biases, the same parameters for the same seed and others
for another seed, and, on large layers, a mean near 0 and a standard deviation within 10 % of He's
``sqrt(2 / n_{l-1})`` (the sample deviation of 20 000 draws is within 1 % of the true one). Any
correct way of drawing passes (``rng.standard_normal``, ``rng.normal(0, std, size)``, a uniform of
the same variance).

``L_model_backward`` may add ``dA{l}`` keys (the gradient with respect to ``A[l]``); they are
optional and not graded: an older version of Ng's notebook stores the gradient of ``A[l - 1]`` under
``"dA" + str(l)``, with ``dW``, ``db`` right, and passes too (:func:`_without_optional`).
"""

import numpy as np

from grader.check.engine import (Case, Failure, FunctionSpec, Mistake, Outcome, QuestionSpec, call_outcome,
                                 compare, describe_type, expected_of, fmt_case, integer_failure,
                                 looks_like, modified_message, named, named_problem, on_case, one_of,
                                 rng_for, run_reference, value_failure)
from grader.check.i18n import tr
from nnkit import activations as act
from nnkit import deep as ref

# --------------------------------------------------------------------------------------------------
# Cases


def _params(rng, dims, bias=0.3):
    """Parameters of a network with layer sizes ``dims`` (He scale; biases non-zero)."""
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) * np.sqrt(2.0 / dims[l - 1])
        p[f"b{l}"] = rng.normal(size=(dims[l], 1)) * bias
    return p


def _labels(rng, m):
    Y = (rng.random((1, m)) > 0.5).astype(float)
    if m >= 2:
        Y[0, 0], Y[0, 1] = 1.0, 0.0
    return Y


_A3 = np.array([[1.0, -2.0, 0.5, 3.0], [0.5, 1.0, -1.5, 0.0], [-1.0, 0.25, 2.0, -0.5]])
_W3 = np.array([[0.5, -1.0, 0.25], [1.5, 0.5, -0.5], [-0.75, 0.2, 1.0]])
_b3 = np.array([[0.1], [-0.3], [0.2]])


def _linear_forward_cases():
    rng = rng_for("linear_forward")
    out = [
        Case((_A3, _W3, _b3)),  # square W: W^T A_prev runs, so a transposed W is named
        Case((np.array([[1.0, 2.0, -1.0], [0.0, -1.0, 3.0]]), np.array([[2.0, -1.0]]), np.array([[0.5]]))),
    ]
    for n_prev, n_l, m in ((4, 5, 7), (2, 6, 1), (1, 1, 10), (6, 6, 3), (8, 3, 12)):
        out.append(Case((rng.normal(size=(n_prev, m)), rng.normal(size=(n_l, n_prev)),
                         rng.normal(size=(n_l, 1))), hidden=True))
    return out


def _linear_activation_forward_cases():
    rng = rng_for("linear_activation_forward")
    out = [Case((_A3, _W3, _b3, "relu")), Case((_A3, _W3, _b3, "sigmoid"))]
    for (n_prev, n_l, m), a in (((4, 5, 7), "relu"), ((4, 5, 7), "sigmoid"), ((2, 1, 9), "sigmoid"),
                                ((6, 3, 1), "relu"), ((3, 8, 4), "relu"), ((5, 5, 5), "sigmoid")):
        out.append(Case((rng.normal(size=(n_prev, m)), rng.normal(size=(n_l, n_prev)),
                         rng.normal(size=(n_l, 1)), a), hidden=True))
    return out


#: (layer sizes, m) of the networks of the L_model cases; visible first. The first has two equal
#: hidden widths, where the loop stopping one layer early still runs (and so is named).
_NETS = (((3, 4, 4, 1), 5, False), ((2, 3, 1), 4, False),
         ((2, 4, 6, 6, 4, 1), 8, True), ((5, 3, 2, 1), 7, True), ((4, 1), 3, True),
         ((3, 6, 6, 1), 10, True), ((1, 5, 1), 6, True), ((3, 5, 4, 3, 1), 9, True))


def _L_model_forward_cases():
    rng = rng_for("L_model_forward")
    return [Case((rng.normal(size=(dims[0], m)), _params(rng, dims)), hidden=hidden)
            for dims, m, hidden in _NETS]


def _linear_backward_cases():
    rng = rng_for("linear_backward")
    dZ = np.array([[0.2, -0.1, 0.4, 0.0], [-0.3, 0.5, 0.1, 0.2], [0.05, 0.3, -0.2, -0.4]])
    out = [
        Case((dZ, (_A3, _W3, _b3))),  # square W: W dZ runs, so a missing transpose is named
        Case((np.array([[0.5, -0.25, 0.1]]), (np.array([[1.0, 2.0, -1.0], [0.0, -1.0, 3.0]]),
                                               np.array([[2.0, -1.0]]), np.array([[0.5]])))),
    ]
    for n_prev, n_l, m in ((4, 5, 7), (2, 6, 1), (1, 1, 10), (6, 6, 3), (8, 3, 12)):
        cache = (rng.normal(size=(n_prev, m)), rng.normal(size=(n_l, n_prev)), rng.normal(size=(n_l, 1)))
        out.append(Case((rng.normal(size=(n_l, m)), cache), hidden=True))
    return out


def _activation_cache(A_prev, W, b):
    _, cache = ref.linear_activation_forward(A_prev, W, b, "relu")
    (A_prev, W, b), Z = cache
    return ((A_prev.copy(), W.copy(), b.copy()), Z.copy())


def _linear_activation_backward_cases():
    rng = rng_for("linear_activation_backward")
    dA = np.array([[0.2, -0.1, 0.4, 0.3], [-0.3, 0.5, 0.1, 0.2], [0.05, 0.3, -0.2, -0.4]])
    cache = _activation_cache(_A3, _W3, _b3)
    out = [Case((dA, cache, "relu")), Case((dA, cache, "sigmoid"))]
    for (n_prev, n_l, m), a in (((4, 5, 7), "sigmoid"), ((4, 5, 7), "relu"), ((2, 1, 9), "sigmoid"),
                                ((6, 3, 1), "relu"), ((3, 8, 4), "relu"), ((5, 5, 5), "sigmoid")):
        cache = _activation_cache(rng.normal(size=(n_prev, m)), rng.normal(size=(n_l, n_prev)),
                                  rng.normal(size=(n_l, 1)))
        out.append(Case((rng.normal(size=(n_l, m)), cache, a), hidden=True))
    return out


def _plain_caches(caches):
    return [((A.copy(), W.copy(), b.copy()), Z.copy()) for (A, W, b), Z in caches]


def _L_model_backward_cases():
    rng = rng_for("L_model_backward")
    out = []
    for dims, m, hidden in _NETS:
        X, params = rng.normal(size=(dims[0], m)), _params(rng, dims)
        AL, caches = ref.L_model_forward(X, params)
        out.append(Case((AL, _labels(rng, m), _plain_caches(caches)), hidden=hidden))
    return out


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them (the tests write each one out in a student's words)

_G = {"relu": act.relu, "sigmoid": act.sigmoid}
_G_GRAD = {"relu": act.relu_grad, "sigmoid": act.sigmoid_grad}
_SWAP = {"relu": "sigmoid", "sigmoid": "relu"}


def _init_with(scale=lambda n_l, n_prev: np.sqrt(2.0 / n_prev), draw="normal", transposed=False,
               bias=False, skip_last=False, own_seed=False, reseeded=False):
    def impl(layer_dims, seed):
        rng = np.random.default_rng(0 if own_seed else seed)
        p = {}
        L = len(layer_dims) - (2 if skip_last else 1)
        for l in range(1, L + 1):
            if reseeded:
                rng = np.random.default_rng(seed)
            n_l, n_prev = layer_dims[l], layer_dims[l - 1]
            shape = (n_prev, n_l) if transposed else (n_l, n_prev)
            W = rng.standard_normal(shape) if draw == "normal" else rng.random(shape)
            p[f"W{l}"] = W * scale(n_l, n_prev)
            p[f"b{l}"] = rng.standard_normal((n_l, 1)) if bias else np.zeros((n_l, 1))
        return p
    return impl


_INIT = {
    "0.01": Mistake("the 0.01 scale instead of He", "the small scale of 04 makes the signal shrink layer "
                    "after layer in a deep ReLU network; He uses sqrt(2 / n_{l-1}).",
                    _init_with(scale=lambda n_l, n_prev: 0.01)),
    "xavier": Mistake("sqrt(1/n) (Xavier) instead of sqrt(2/n) (He)", "ReLU zeroes half of its inputs, "
                      "so He doubles the variance: std = sqrt(2 / n_{l-1}).",
                      _init_with(scale=lambda n_l, n_prev: np.sqrt(1.0 / n_prev))),
    "glorot": Mistake("sqrt(2/(n_{l-1} + n_l)) (Glorot) instead of sqrt(2/n_{l-1}) (He)", "Glorot's scale "
                      "suits tanh and sigmoid layers; for ReLU layers He's std = sqrt(2 / n_{l-1}) uses the "
                      "inputs of the layer only.", _init_with(scale=lambda n_l, n_prev: np.sqrt(2.0 / (n_l + n_prev)))),
    "n_l": Mistake("n_l in place of n_{l-1} in the scale", "the scale uses the number of inputs of the "
                   "layer, layer_dims[l - 1], not its number of units layer_dims[l].",
                   _init_with(scale=lambda n_l, n_prev: np.sqrt(2.0 / n_l))),
    "variance": Mistake("the variance 2/n used as the standard deviation", "multiply the standard normal "
                        "draws by the standard deviation sqrt(2 / n_{l-1}), not by the variance.",
                        _init_with(scale=lambda n_l, n_prev: 2.0 / n_prev)),
    "uniform": Mistake("uniform draws in [0, 1) in place of normal ones", "rng.random (like np.random.rand) "
                       "draws from [0, 1): every weight positive. Use rng.standard_normal (like randn).",
                       _init_with(draw="uniform")),
    "transposed": Mistake("W transposed", "W[l] has shape (n_l, n_{l-1}) = (layer_dims[l], layer_dims[l - 1]).",
                          _init_with(transposed=True)),
    "bias": Mistake("the biases not zero", "the biases start at zero: np.zeros((n_l, 1)).", _init_with(bias=True)),
    "last": Mistake("the last layer left out", "layer_dims has L + 1 sizes, so the layers are l = 1..L: "
                    "range(1, len(layer_dims)).", _init_with(skip_last=True)),
    "seed": Mistake("the seed argument not used", "make the generator from the seed passed in: "
                    "rng = np.random.default_rng(seed), and draw every W from it.", _init_with(own_seed=True)),
    "reseeded": Mistake("a new generator for every layer", "made from the same seed inside the loop, "
                        "every layer draws the same numbers: make rng = np.random.default_rng(seed) once, "
                        "before the loop.", _init_with(reseeded=True)),
    "zeros": Mistake("W initialised to zeros", "with equal weights every unit of a layer computes the "
                     "same thing and gets the same gradient: draw W at random.",
                     _init_with(scale=lambda n_l, n_prev: 0.0)),
}


def _lf(A_prev, W, b):
    A_prev, W, b = (np.asarray(x, dtype=float) for x in (A_prev, W, b))
    return A_prev, W, b


_LINEAR_FORWARD_MISTAKES = [
    Mistake("W transposed", "W has shape (n_l, n_{l-1}), so Z = W A_prev (np.dot(W, A_prev), no transpose).",
            lambda A_prev, W, b: (lambda A, W, b: (W.T @ A + b, (A, W, b)))(*_lf(A_prev, W, b))),
    Mistake("a forgotten bias", "Z = W A_prev + b.",
            lambda A_prev, W, b: (lambda A, W, b: (W @ A, (A, W, b)))(*_lf(A_prev, W, b))),
    Mistake("the cache in the wrong order", "the cache is the tuple (A_prev, W, b), in that order.",
            lambda A_prev, W, b: (lambda A, W, b: (W @ A + b, (W, A, b)))(*_lf(A_prev, W, b))),
    Mistake("no cache returned", "return the pair (Z, cache) with cache = (A_prev, W, b).",
            lambda A_prev, W, b: (lambda A, W, b: W @ A + b)(*_lf(A_prev, W, b))),
]


def _laf(choose=lambda a: a, out=lambda A, Z, lc: (A, (lc, Z))):
    def impl(A_prev, W, b, activation):
        Z, lc = ref.linear_forward(A_prev, W, b)
        return out(_G[choose(activation)](Z), Z, lc)
    return impl


_LINEAR_ACTIVATION_FORWARD_MISTAKES = [
    Mistake("the two activations swapped", "activation == 'relu' means A = relu(Z), and 'sigmoid' A = sigmoid(Z).",
            _laf(choose=lambda a: _SWAP[a])),
    Mistake("the activation argument ignored", "apply sigmoid when activation == 'sigmoid' and relu when "
            "it is 'relu'.", _laf(choose=lambda a: "relu")),
    Mistake("the activation argument ignored", "apply sigmoid when activation == 'sigmoid' and relu when "
            "it is 'relu'.", _laf(choose=lambda a: "sigmoid")),
    Mistake("Z returned in place of A", "return A = g(Z) first; Z goes in the cache.",
            _laf(out=lambda A, Z, lc: (Z, (lc, Z)))),
    Mistake("A stored in the cache in place of Z", "the cache is (linear_cache, Z): the backward pass "
            "needs g'(Z), so keep Z.", _laf(out=lambda A, Z, lc: (A, (lc, A)))),
    Mistake("the cache parts in the wrong order", "the cache is (linear_cache, Z), in that order.",
            _laf(out=lambda A, Z, lc: (A, (Z, lc)))),
    Mistake("a flat cache", "keep linear_forward's cache whole: cache = (linear_cache, Z), a pair, "
            "not (A_prev, W, b, Z).", _laf(out=lambda A, Z, lc: (A, (*lc, Z)))),
]


def _lmf(hidden="relu", output="sigmoid", stop_early=False, drop_last_cache=False, reverse=False):
    def impl(X, parameters):
        L = len(parameters) // 2
        A, caches = X, []
        for l in range(1, L - 1 if stop_early else L):
            A, cache = ref.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden)
            caches.append(cache)
        AL, cache = ref.linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], output)
        if not drop_last_cache:
            caches.append(cache)
        return AL, caches[::-1] if reverse else caches
    return impl


_L_MODEL_FORWARD_MISTAKES = [
    Mistake("sigmoid applied to every layer", "the hidden layers 1..L-1 use relu; only the output layer "
            "L uses sigmoid.", _lmf(hidden="sigmoid")),
    Mistake("ReLU on the output layer", "the output layer L uses sigmoid, so AL is a probability in (0, 1).",
            _lmf(output="relu")),
    Mistake("the loop stopping one layer early (range(1, L - 1))", "the hidden layers are l = 1..L-1: "
            "range(1, L); the output layer L comes after the loop.", _lmf(stop_early=True)),
    Mistake("the caches missing a layer", "append the cache of every layer, the output layer's too: "
            "caches has L entries.", _lmf(drop_last_cache=True)),
    Mistake("the caches in reverse order", "caches[l - 1] is layer l's cache: append each layer's as it "
            "is computed (caches.append), from layer 1 to L.", _lmf(reverse=True)),
]


def _lb(dA_prev=lambda W, dZ, m: W.T @ dZ, dW=lambda dZ, A, m: dZ @ A.T / m,
        db=lambda dZ, m: np.sum(dZ, axis=1, keepdims=True) / m, order=(0, 1, 2)):
    def impl(dZ, cache):
        A_prev, W, _ = (np.asarray(x, dtype=float) for x in cache)
        dZ = np.asarray(dZ, dtype=float)
        m = A_prev.shape[1]
        out = (dA_prev(W, dZ, m), dW(dZ, A_prev, m), db(dZ, m))
        return tuple(out[i] for i in order)
    return impl


_LINEAR_BACKWARD_MISTAKES = [
    Mistake("a missing 1/m", "the cost is the mean over the m examples: dW = (1/m) dZ A_prev^T and "
            "db = (1/m) sum of dZ over the examples.",
            _lb(dW=lambda dZ, A, m: dZ @ A.T, db=lambda dZ, m: np.sum(dZ, axis=1, keepdims=True))),
    Mistake("a missing 1/m", "the cost is the mean over the m examples: db = (1/m) sum of dZ over the "
            "examples, like dW = (1/m) dZ A_prev^T.", _lb(db=lambda dZ, m: np.sum(dZ, axis=1, keepdims=True))),
    Mistake("a missing 1/m", "the cost is the mean over the m examples: dW = (1/m) dZ A_prev^T, like "
            "db = (1/m) sum of dZ over the examples.", _lb(dW=lambda dZ, A, m: dZ @ A.T)),
    Mistake("db without keepdims", "db must keep the shape (n_l, 1) of b: np.sum(dZ, axis=1, keepdims=True) / m.",
            _lb(db=lambda dZ, m: np.sum(dZ, axis=1) / m)),
    Mistake("dA_prev = W dZ without the transpose", "dA_prev = W^T dZ, of shape (n_{l-1}, m).",
            _lb(dA_prev=lambda W, dZ, m: W @ dZ)),
    Mistake("dW transposed", "dW = (1/m) dZ A_prev^T has the shape (n_l, n_{l-1}) of W.",
            _lb(dW=lambda dZ, A, m: A @ dZ.T / m)),
    Mistake("dA_prev divided by m", "only dW and db carry the 1/m; dA_prev = W^T dZ (each column is one "
            "example's gradient).", _lb(dA_prev=lambda W, dZ, m: W.T @ dZ / m)),
    Mistake("db summed over the wrong axis", "sum over the examples, the columns: axis=1.",
            _lb(db=lambda dZ, m: np.sum(dZ, axis=0, keepdims=True) / m)),
    Mistake("the outputs in the wrong order", "return (dA_prev, dW, db), in that order.", _lb(order=(1, 2, 0))),
]


def _lab(grad=lambda a, Z, dA: dA * _G_GRAD[a](Z), choose=lambda a: a):
    def impl(dA, cache, activation):
        linear_cache, Z = cache
        dA, Z = np.asarray(dA, dtype=float), np.asarray(Z, dtype=float)
        return ref.linear_backward(grad(choose(activation), Z, dA), linear_cache)
    return impl


_LINEAR_ACTIVATION_BACKWARD_MISTAKES = [
    Mistake("the two activations swapped", "use the derivative of the activation named: relu_grad for "
            "'relu', sigmoid_grad for 'sigmoid'.", _lab(choose=lambda a: _SWAP[a])),
    Mistake("the activation argument ignored", "use sigmoid_grad when activation == 'sigmoid' and "
            "relu_grad when it is 'relu'.", _lab(choose=lambda a: "relu")),
    Mistake("the activation argument ignored", "use sigmoid_grad when activation == 'sigmoid' and "
            "relu_grad when it is 'relu'.", _lab(choose=lambda a: "sigmoid")),
    Mistake("g' taken at A = g(Z) instead of at Z", "the cache holds Z: dZ = dA * g'(Z), with g' "
            "evaluated at Z itself, not at g(Z).", _lab(grad=lambda a, Z, dA: dA * _G_GRAD[a](_G[a](Z)))),
    Mistake("dZ = dA * A (the activation in place of its derivative)", "dZ = dA * g'(Z): multiply by "
            "the derivative of the activation (relu_grad, sigmoid_grad), not by the activation.",
            _lab(grad=lambda a, Z, dA: dA * _G[a](Z))),
    Mistake("dA passed to linear_backward in place of dZ", "first dZ = dA * g'(Z), then "
            "linear_backward(dZ, linear_cache).", _lab(grad=lambda a, Z, dA: dA)),
]


def _lmb(dAL=lambda AL, Y: -(Y / AL - (1 - Y) / (1 - AL)), output="sigmoid", hidden="relu", shift=False,
         stop_early=False):
    def impl(AL, Y, caches):
        AL, Y = np.asarray(AL, dtype=float), np.asarray(Y, dtype=float).reshape(np.shape(AL))
        L = len(caches)
        grads = {}
        dA, grads[f"dW{L}"], grads[f"db{L}"] = ref.linear_activation_backward(dAL(AL, Y), caches[L - 1], output)
        grads[f"dA{L - 1}"] = dA
        for l in reversed(range(1 if stop_early else 0, L - 1)):
            dA, dW, db = ref.linear_activation_backward(grads[f"dA{l + 1}"], caches[l], hidden)
            grads[f"dA{l}"] = dA
            k = l if shift else l + 1
            grads[f"dW{k}"], grads[f"db{k}"] = dW, db
        return grads
    return impl


_L_MODEL_BACKWARD_MISTAKES = [
    Mistake("dAL with the wrong sign", "dAL = -(Y / AL - (1 - Y) / (1 - AL)): the derivative of "
            "-[y log a + (1 - y) log(1 - a)] with respect to a.", _lmb(dAL=lambda AL, Y: Y / AL - (1 - Y) / (1 - AL))),
    Mistake("the output layer treated as ReLU", "layer L is the sigmoid layer: go back through it with "
            "activation 'sigmoid'; only layers L-1..1 are 'relu'.", _lmb(output="relu")),
    Mistake("the layer index off by one", "caches[l] belongs to layer l + 1: store its gradients as "
            "'dW' + str(l + 1) and 'db' + str(l + 1).", _lmb(shift=True)),
    Mistake("AL - Y used as dAL", "AL - Y is already dZL, the gradient after the sigmoid; passed as dAL it "
            "goes through sigmoid' a second time. Start from dAL = -(Y / AL - (1 - Y) / (1 - AL)).",
            _lmb(dAL=lambda AL, Y: AL - Y)),
    Mistake("the loop stopping one layer early", "the loop goes back through every hidden layer, "
            "l = L-1 down to 1 (caches[L - 2] down to caches[0]): reversed(range(L - 1)), so dW1 and db1 "
            "are there.", _lmb(stop_early=True)),
    Mistake("sigmoid used for the hidden layers", "the hidden layers are ReLU layers: go back through "
            "them with activation 'relu'.", _lmb(hidden="sigmoid")),
    Mistake("dAL divided by m", "linear_backward already divides dW and db by m; dAL is "
            "-(Y / AL - (1 - Y) / (1 - AL)) without a 1/m.",
            _lmb(dAL=lambda AL, Y: -(Y / AL - (1 - Y) / (1 - AL)) / AL.shape[1])),
]


# --------------------------------------------------------------------------------------------------
# The value check, naming the mistake that explains every output


def _matches(spec, mistake, case, got):
    try:
        out = run_reference(mistake.impl, case)
    except Exception:
        return False
    return compare(out, got, spec.rtol, spec.atol, spec.optional_keys) is None


def _name_mistake(spec, cases, i, got, call):
    """The known mistake that explains the wrong output on ``cases[i]``. When several explain it (an
    activation argument ignored and the two activations swapped give the same output on one case),
    the one that also explains the outputs on the other cases is preferred."""
    found = [m for m in spec.mistakes if _matches(spec, m, cases[i], got)]
    if len({m.name for m in found}) <= 1:
        return found[0] if found else None
    others = []
    for j, case in enumerate(cases):
        if j != i:
            outcome = call(case)
            if not (outcome.error or outcome.timeout):
                others.append((case, outcome.value))
    for m in found:
        if all(_matches(spec, m, case, value) for case, value in others):
            return m
    return found[0]


def _without_optional(call, optional):
    """``call`` with the optional keys of a returned dict left out: they are not graded (the ``dA``
    keys of ``L_model_backward``: some write the gradient of ``A[l - 1]`` under ``"dA" + str(l)``, as
    an older version of Ng's notebook did, and their ``dW``, ``db`` are still right)."""
    def wrapped(case):
        outcome = call(case)
        if isinstance(outcome.value, dict):
            value = {k: v for k, v in outcome.value.items() if not (isinstance(k, str) and optional(k))}
            outcome = Outcome(value=value, error=outcome.error, timeout=outcome.timeout, mutated=outcome.mutated)
        return outcome
    return wrapped


def _check_values(call, spec, hidden):
    """:func:`grader.check.engine.check_values`, with :func:`_name_mistake` to name the mistake."""
    if spec.optional_keys:
        call = _without_optional(call, spec.optional_keys)
    every = spec.cases()
    cases = [c for c in every if hidden or not c.hidden]
    for i, case in enumerate(cases):
        outcome = call(case)
        problem = named_problem(spec, call, case, outcome, cases[:i] + cases[i + 1:])
        if problem:
            raise problem
        expected = expected_of(spec, case)
        diff = compare(expected, outcome.value, spec.rtol, spec.atol, spec.optional_keys)
        if diff:
            raise value_failure(spec, call, every, case, expected, outcome.value, diff,
                                _name_mistake(spec, cases, i, outcome.value, call))
        if outcome.mutated:
            raise Failure(modified_message(spec.name, outcome.mutated) + "\n  " + on_case(fmt_case(spec, case)),
                          mistake="modifies its input")
    return len(cases)


# --------------------------------------------------------------------------------------------------
# The property check of initialize_parameters_deep


def _init_call(call, spec, dims, seed):
    """Call once and check the keys, shapes and zero biases; return the parameters as a dict."""
    case = Case((list(dims), seed))
    where = "\n  " + on_case(fmt_case(spec, case))
    p = call_outcome(call, spec, case)
    if not isinstance(p, dict):
        raise Failure(tr("{name}: returned {got}; expected a dict {example}.", name=spec.name, got=describe_type(p),
                         example="{'W1': ..., 'b1': ..., ...}") + where)
    L = len(dims) - 1
    keys = [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"]
    missing = [k for k in keys if k not in p]
    if missing:
        if L > 1 and missing == [f"W{L}", f"b{L}"]:
            m = _INIT["last"]
            raise Failure(tr("{name}: the dict has no W{L}, b{L}: for layer_dims of length {n} there are L = {L} "
                             "layers.", name=spec.name, L=L, n=L + 1) + where + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
        raise Failure(named(spec.name, tr("the dict{where} is missing key(s) {missing}; it has {keys}", where="",
                                          missing=missing, keys=sorted(p))) + where)
    for l in range(1, L + 1):
        W, b, n_l, n_prev = p[f"W{l}"], p[f"b{l}"], dims[l], dims[l - 1]
        for name, x in ((f"W{l}", W), (f"b{l}", b)):
            if not isinstance(x, np.ndarray):
                raise Failure(tr("{name}: {what} is {got}; expected a numpy array.", name=spec.name, what=name,
                                 got=describe_type(x)) + where)
            if not np.issubdtype(x.dtype, np.number) or np.iscomplexobj(x):
                raise Failure(tr("{name}: {what} has dtype {dtype}; expected floats.", name=spec.name, what=name,
                                 dtype=x.dtype) + where)
            if x.dtype.kind in "iub":
                raise integer_failure(spec.name, (("dict", name),), x.dtype, fmt_case(spec, case))
        if W.shape != (n_l, n_prev):
            wrong = tr("{name}: W{l} has shape {got}; expected (n_{l}, n_{k}) = {expected}.", name=spec.name, l=l,
                       k=l - 1, got=W.shape, expected=(n_l, n_prev)) + where
            if W.shape == (n_prev, n_l):
                m = _INIT["transposed"]
                raise Failure(wrong + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
            raise Failure(wrong)
        if b.shape != (n_l, 1):
            raise Failure(tr("{name}: b{l} has shape {got}; expected (n_{l}, 1) = {expected}.", name=spec.name, l=l,
                             got=b.shape, expected=(n_l, 1)) + where)
        if not np.all(np.isfinite(W)):
            raise Failure(tr("{name}: W{l} holds NaN or inf.", name=spec.name, l=l) + where)
        if np.any(b != 0):
            m = _INIT["bias"]
            raise Failure(tr("{name}: b{l} is not all zeros.", name=spec.name, l=l) + where + "\n  " + looks_like(m.name, m.hint),
                          mistake=m.name)
        if W.size > 1 and np.all(W == 0):
            m = _INIT["zeros"]
            raise Failure(tr("{name}: W{l} is all zeros.", name=spec.name, l=l) + where + "\n  " + looks_like(m.name, m.hint),
                          mistake=m.name)
    return p


#: (mistake key, the standard deviation it gives for a layer (n_l, n_prev)); He's is sqrt(2 / n_prev)
_SCALES = (("0.01", lambda n_l, n_prev: 0.01), ("xavier", lambda n_l, n_prev: np.sqrt(1.0 / n_prev)),
           ("n_l", lambda n_l, n_prev: np.sqrt(2.0 / n_l)), ("variance", lambda n_l, n_prev: 2.0 / n_prev),
           ("glorot", lambda n_l, n_prev: np.sqrt(2.0 / (n_l + n_prev))))


def _check_scale(call, spec, dims, seed):
    """On large layers: the weights are centred, and their std is He's within 10 %."""
    p = _init_call(call, spec, dims, seed)
    where = "\n  " + on_case(f"{spec.name}({list(dims)}, {seed})")
    big = [l for l in range(1, len(dims)) if dims[l] * dims[l - 1] >= 10000]
    stds = {l: float(np.std(p[f"W{l}"])) for l in big}
    for l in big:
        W, he = p[f"W{l}"].astype(float), np.sqrt(2.0 / dims[l - 1])
        if np.all(W >= 0):
            m = _INIT["uniform"]
            raise Failure(tr("{name}: every entry of W{l} is >= 0; the weights should be centred on 0.",
                             name=spec.name, l=l) + where + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
        if abs(float(np.mean(W))) > 0.05 * he:
            raise Failure(tr("{name}: the entries of W{l} have mean {mean}; they should be centred on 0.",
                             name=spec.name, l=l, mean=f"{float(np.mean(W)):.3g}") + where)
    for l in big:
        he = np.sqrt(2.0 / dims[l - 1])
        if abs(stds[l] / he - 1) > 0.1:
            text = tr("{name}: the standard deviation of W{l} (shape {shape}) is {std}; He's is sqrt(2 / n_{k}) = "
                      "sqrt(2 / {n}) = {he}.", name=spec.name, l=l, k=l - 1, shape=(dims[l], dims[l - 1]),
                      std=f"{stds[l]:.4g}", n=dims[l - 1], he=f"{he:.4g}") + where
            for key, std in _SCALES:
                if all(abs(stds[k] / std(dims[k], dims[k - 1]) - 1) <= 0.1 for k in big):
                    m = _INIT[key]
                    raise Failure(text + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
            raise Failure(text)
    return 1


def _check_init(call, spec, hidden):
    n = 0
    # 1. keys, shapes and zero biases, for several depths
    shapes = [(2, 4, 1), (3, 5, 4, 1)]
    if hidden:
        shapes += [(2, 4, 6, 6, 4, 1), (5, 1), (1, 7, 3, 2), (4, 8, 8, 8, 8, 1)]
    for i, dims in enumerate(shapes):
        _init_call(call, spec, dims, 3 + i)
        n += 1
    # 2. the same seed gives the same parameters; another seed others
    dims = (3, 5, 4, 1) if not hidden else (4, 6, 3, 2)
    first, again, other = (_init_call(call, spec, dims, s) for s in (7, 7, 8))
    n += 3
    m = _INIT["seed"]
    if any(not np.array_equal(first[k], again[k]) for k in first if k in again):
        raise Failure(tr("{name}: two calls with seed=7 gave different parameters.", name=spec.name) + "\n  "
                      + on_case(f"{spec.name}({list(dims)}, 7)") + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
    if np.array_equal(first["W1"], other["W1"]):
        raise Failure(tr("{name}: the seeds 7 and 8 gave the same W1.", name=spec.name) + "\n  "
                      + on_case(f"{spec.name}({list(dims)}, 8)") + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
    # 2b. the layers draw different numbers (not each layer from a new generator of the same seed)
    w1 = first["W1"].astype(float).ravel()
    for l in range(2, len(dims)):
        wl = first[f"W{l}"].astype(float).ravel()
        k = min(w1.size, wl.size)
        if k >= 3 and np.all(w1[:k] != 0):
            ratio = wl[:k] / w1[:k]
            if np.allclose(ratio, ratio[0], rtol=1e-9, atol=0):
                m = _INIT["reseeded"]
                raise Failure(tr("{name}: W{l} holds the numbers of W1 again, scaled (its first {k} entries are "
                                 "W1's times {ratio}).", name=spec.name, l=l, k=k, ratio=f"{ratio[0]:.4g}") + "\n  "
                              + on_case(f"{spec.name}({list(dims)}, 7)") + "\n  " + looks_like(m.name, m.hint), mistake=m.name)
    # 3. on large layers, He's scale: std sqrt(2 / n_{l-1}), mean 0
    n += _check_scale(call, spec, (300, 200, 100, 1), 11)
    if hidden:
        n += _check_scale(call, spec, (500, 120, 60, 1), 12)
        n += _check_scale(call, spec, (40, 400, 50, 1), 13)
    return n


# --------------------------------------------------------------------------------------------------


FUNCTIONS = [
    FunctionSpec("initialize_parameters_deep", ref.initialize_parameters_deep, lambda: [],
                 mistakes=list(_INIT.values()), custom=_check_init),
    FunctionSpec("linear_forward", ref.linear_forward, _linear_forward_cases, mistakes=_LINEAR_FORWARD_MISTAKES,
                 custom=_check_values),
    FunctionSpec("linear_activation_forward", ref.linear_activation_forward, _linear_activation_forward_cases,
                 mistakes=_LINEAR_ACTIVATION_FORWARD_MISTAKES, deps=("linear_forward",), custom=_check_values),
    FunctionSpec("L_model_forward", ref.L_model_forward, _L_model_forward_cases, mistakes=_L_MODEL_FORWARD_MISTAKES,
                 deps=("linear_activation_forward", "linear_forward"), custom=_check_values),
    FunctionSpec("linear_backward", ref.linear_backward, _linear_backward_cases, mistakes=_LINEAR_BACKWARD_MISTAKES,
                 custom=_check_values),
    FunctionSpec("linear_activation_backward", ref.linear_activation_backward, _linear_activation_backward_cases,
                 mistakes=_LINEAR_ACTIVATION_BACKWARD_MISTAKES, deps=("linear_backward",), custom=_check_values),
    FunctionSpec("L_model_backward", ref.L_model_backward, _L_model_backward_cases,
                 mistakes=_L_MODEL_BACKWARD_MISTAKES, deps=("linear_activation_backward", "linear_backward"),
                 optional_keys=lambda k: k.startswith("dA"), custom=_check_values),
]


QUESTIONS = [
    QuestionSpec("q_n_parameters", one_of(117),
                 "Count W[l] (n_l x n_{l-1} entries) and b[l] (n_l entries) for each of the five layers "
                 "of 2-4-6-6-4-1, and add them up."),
    QuestionSpec("q_he_std", one_of(0.2),
                 "He's standard deviation is sqrt(2 / n_{l-1}), with n_{l-1} the number of inputs of the layer."),
    QuestionSpec("q_universal", one_of("c"),
                 "The theorem is about existence: some network with one hidden layer comes as close as you "
                 "like on a bounded region. It says nothing about how many units, how to find the weights, "
                 "or what happens outside that region."),
]

HELPERS = {"sigmoid": act.sigmoid, "relu": act.relu, "sigmoid_grad": act.sigmoid_grad, "relu_grad": act.relu_grad}
