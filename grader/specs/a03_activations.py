"""Checks for ``03_activations``: the derivatives of the activations, ELU, a numerical derivative, softmax.

Cases: small fixed inputs first (the visible checks), then hidden ones of other shapes (1-D, a
column, a wide matrix, a single entry), other hyperparameters (``alpha``, ``eps``) and large |z|.

* The derivatives of ReLU and leaky ReLU are never asked at exactly z = 0 (the convention there is
  a choice, not a fact). A mask such as ``z > 0`` returned as booleans is accepted for ReLU: its
  values are the right ones.
* The sigmoid's large inputs stay within |z| <= 30, where sigmoid(z) (1 - sigmoid(z)) computed from
  a plain sigmoid is still right to within the absolute tolerance (1e-7).
* ``numerical_derivative`` receives real functions (``np.sin``, a cubic, ``np.exp``, ...: each a
  :class:`grader.check.wire.FunctionSource`) and large ``eps`` too (0.1, 0.01), where a one-sided
  difference, a division by eps and a hard-coded eps give numbers far from the centred difference.
  For the cubic, the centred difference is exactly 3 z^2 + eps^2.
* ``softmax`` is taken over each column of an (n, m) array (the shape the notebook promises; no
  1-D input, which a correct loop over ``z.shape[1]`` or a transpose would reject). Hidden cases
  have scores of about 1000 and about -1000, where a softmax that subtracts no maximum gives nan
  (inf / inf, 0 / 0). That is wrong: the contract asks for a stable softmax. Within one case every
  column has the same scale, so subtracting the maximum of the whole array (a constant for each
  column too, and as stable there) is accepted as well as each column's own maximum. One hidden
  column spreads over 1500, where subtracting its minimum or its mean instead overflows (nan) as
  no shift does.
* ``numerical_derivative``'s mistakes include the two missing parentheses (``/ 2 * eps`` and
  ``f(z + eps) - f(z - eps) / (2 * eps)``) and an eps hard-coded at any of the usual values.
"""

import numpy as np

from grader.check.engine import Case, FunctionSpec, Mistake, QuestionSpec, one_of, rng_for
from grader.check.wire import FunctionSource
from nnkit import activations as act


def _nonzero(a):
    """``a`` with any entry closer than 1e-3 to 0 moved to 0.25 (ReLU's kink is never asked)."""
    a = np.array(a, dtype=float)
    a[np.abs(a) < 1e-3] = 0.25
    return a


def _smooth_cases(name, big):
    rng = rng_for(name)
    return [
        Case((np.array([[-1.0, 0.0, 2.0]]),)),
        Case((np.array([-3.0, -0.5, 0.5, 3.0]),)),
        Case((rng.normal(size=(3, 4)) * 3,), hidden=True),
        Case((rng.normal(size=(5, 1)),), hidden=True),
        Case((rng.uniform(-6, 6, size=(2, 7)),), hidden=True),
        Case((np.array([[0.7]]),), hidden=True),
        Case((np.array([[-big, -10.0, -4.0, 0.0, 4.0, 10.0, big]]),), hidden=True),
    ]


def _relu_cases():
    rng = rng_for("relu_grad")
    return [
        Case((np.array([[-1.0, 0.5, 2.0]]),)),
        Case((np.array([[-2.0, 3.0], [0.1, -0.2]]),)),
        Case((_nonzero(rng.normal(size=(3, 5)) * 2),), hidden=True),
        Case((_nonzero(rng.normal(size=(6,))),), hidden=True),
        Case((_nonzero(rng.normal(size=(4, 1)) * 10),), hidden=True),
    ]


def _leaky_cases():
    rng = rng_for("leaky_relu_grad")
    return [
        Case((np.array([[-2.0, -0.5, 1.5, 3.0]]),)),
        Case((np.array([[-2.0, 3.0], [0.5, -1.0]]),), {"alpha": 0.2}),
        Case((_nonzero(rng.normal(size=(3, 5)) * 2),), {"alpha": 0.05}, hidden=True),
        Case((_nonzero(rng.normal(size=(4,))),), hidden=True),
        Case((_nonzero(rng.normal(size=(2, 3))),), {"alpha": 0.3}, hidden=True),
    ]


def _elu_cases(name):
    """ELU's cases: never exactly at z = 0 (a corner when alpha != 1); large positive z, where an
    exponential of both branches overflows (its value is thrown away, so it stays right)."""
    rng = rng_for(name)
    return [
        Case((np.array([[-2.0, -0.5, 1.5, 3.0]]),)),
        Case((np.array([[-3.0, 2.0], [0.5, -1.0]]),), {"alpha": 0.5}),
        Case((_nonzero(rng.normal(size=(3, 5)) * 2),), {"alpha": 2.0}, hidden=True),
        Case((_nonzero(rng.normal(size=(6,))),), hidden=True),
        Case((_nonzero(rng.normal(size=(4, 1)) * 4),), {"alpha": 0.3}, hidden=True),
        Case((np.array([[-50.0, -5.0, -0.1, 0.1, 5.0, 700.0]]),), {"alpha": 1.5}, hidden=True),
    ]


CUBIC = "lambda z: z ** 3"


def _numerical_cases():
    rng = rng_for("numerical_derivative")
    return [
        Case((FunctionSource(CUBIC), np.array([[-1.0, 0.0, 0.5, 2.0]]))),
        Case((FunctionSource(CUBIC), np.array([[-1.0, 0.0, 0.5, 2.0]])), {"eps": 0.1}),
        Case((FunctionSource("np.sin"), np.array([[0.0, 1.0], [2.0, -3.0]])), {"eps": 0.01}),
        Case((FunctionSource("np.exp"), rng.normal(size=(3, 4))), {"eps": 0.05}, hidden=True),
        Case((FunctionSource("np.sin"), rng.uniform(-3, 3, size=(5,))), hidden=True),
        Case((FunctionSource("lambda z: np.tanh(2 * z)"), rng.normal(size=(2, 6))), {"eps": 1e-3}, hidden=True),
        Case((FunctionSource("lambda z: z ** 3 - 2 * z ** 2 + 1"), rng.normal(size=(4, 1)) * 2), {"eps": 0.2},
             hidden=True),
        Case((FunctionSource("np.cos"), np.array([[1.3]])), {"eps": 0.1}, hidden=True),
    ]


def _softmax_cases():
    rng = rng_for("softmax")
    return [
        Case((np.array([[1.0, 2.0], [3.0, 1.0], [0.0, -1.0]]),)),
        Case((np.array([[2.0], [1.0], [0.1], [-1.0]]),)),
        Case((rng.normal(size=(5, 7)) * 3,), hidden=True),
        Case((rng.normal(size=(2, 3)),), hidden=True),
        Case((rng.normal(size=(6, 1)) * 2,), hidden=True),
        Case((np.array([[1.0, -3.0, 0.5, 2.0, 7.0]]),), hidden=True),
        # scores of about 1000, then about -1000: exp overflows (inf / inf) or underflows (0 / 0)
        # unless a maximum is subtracted first; every column has the same scale, so subtracting the
        # maximum of the whole array (a constant for every column too) is as right as the columns' own
        Case((np.array([[1000.0, 998.0, 1001.5], [999.0, 1000.5, 1000.0], [1001.0, 997.0, 999.0]]),), hidden=True),
        Case((np.array([[-1000.0, -1003.0], [-1001.5, -999.0], [-999.0, -1000.0], [-1002.0, -1001.0]]),),
             hidden=True),
        # one column whose scores spread over 1500: shifting by its minimum or its mean (constants
        # too, but not the maximum) overflows as no shift does; its maximum, or the whole array's, not
        Case((np.array([[1490.0], [0.0], [-15.0], [1500.0]]),), hidden=True),
    ]


# --------------------------------------------------------------------------------------------------
# Known mistakes, as a student would make them


def _f(z):
    return np.asarray(z, dtype=float)


def _numerical_with(kind="centred", eps_fixed=None):
    def impl(f, z, eps=1e-5):
        z = _f(z)
        e = eps_fixed if eps_fixed is not None else eps
        if kind == "forward":
            return (f(z + e) - f(z)) / e
        if kind == "backward":
            return (f(z) - f(z - e)) / e
        if kind == "by eps":
            return (f(z + e) - f(z - e)) / e
        if kind == "times eps":
            return (f(z + e) - f(z - e)) / 2 * e
        if kind == "no brackets":
            return f(z + e) - f(z - e) / (2 * e)
        return (f(z + e) - f(z - e)) / (2 * e)
    return impl


def _naive_softmax(z, axis=0):
    e = np.exp(_f(z))
    return e / e.sum(axis=axis, keepdims=True)


def _stable_softmax(z, axis=0):
    z = _f(z)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_whole(z):
    z = _f(z)
    e = np.exp(z - z.max())
    return e / e.sum()


def _softmax_row_max(z):
    z = _f(z)
    e = np.exp(z - z.max(axis=1, keepdims=True)) if z.ndim == 2 else np.exp(z - z.max())
    return e / e.sum(axis=0, keepdims=True)


FUNCTIONS = [
    FunctionSpec(
        "sigmoid_grad", act.sigmoid_grad, lambda: _smooth_cases("sigmoid_grad", 30.0),
        mistakes=[
            Mistake("a(1 - a) with a = z (the sigmoid not applied)",
                    "sigma'(z) = a (1 - a) with a = sigmoid(z): compute a first.", lambda z: _f(z) * (1 - _f(z))),
            Mistake("the sigmoid itself", "return the derivative sigma(z) (1 - sigma(z)), not sigma(z).",
                    lambda z: act.sigmoid(z)),
            Mistake("1 - sigma(z)^2 (tanh's formula)", "for the sigmoid, sigma'(z) = sigma(z) (1 - sigma(z)).",
                    lambda z: 1 - act.sigmoid(z) ** 2),
            Mistake("sigma(z) (1 + sigma(z)) (a sign slip)", "sigma'(z) = sigma(z) (1 - sigma(z)).",
                    lambda z: act.sigmoid(z) * (1 + act.sigmoid(z))),
            Mistake("the sigmoid applied twice", "sigmoid_grad receives z, not a: a = sigmoid(z) once, then "
                    "a (1 - a).", lambda z: act.sigmoid(act.sigmoid(z)) * (1 - act.sigmoid(act.sigmoid(z)))),
            Mistake("sigma(z) (1 - z) (z and a mixed)", "both factors use a = sigmoid(z): a (1 - a).",
                    lambda z: act.sigmoid(z) * (1 - _f(z))),
        ]),
    FunctionSpec(
        "tanh_grad", act.tanh_grad, lambda: _smooth_cases("tanh_grad", 20.0),
        mistakes=[
            Mistake("1 - z^2 (tanh not applied)", "tanh'(z) = 1 - a^2 with a = tanh(z): compute a first.",
                    lambda z: 1 - _f(z) ** 2),
            Mistake("1 - tanh(z) (not squared)", "tanh'(z) = 1 - tanh(z)^2: square the tanh.",
                    lambda z: 1 - np.tanh(z)),
            Mistake("tanh(z) (1 - tanh(z)) (the sigmoid's formula)", "for tanh, tanh'(z) = 1 - tanh(z)^2.",
                    lambda z: np.tanh(z) * (1 - np.tanh(z))),
            Mistake("(1 - tanh(z))^2 (the square in the wrong place)", "tanh'(z) = 1 - tanh(z)^2.",
                    lambda z: (1 - np.tanh(z)) ** 2),
            Mistake("tanh itself", "return the derivative 1 - tanh(z)^2, not tanh(z).", lambda z: np.tanh(z)),
            Mistake("tanh applied twice", "tanh_grad receives z, not a: a = tanh(z) once, then 1 - a^2.",
                    lambda z: 1 - np.tanh(np.tanh(z)) ** 2),
            Mistake("1 - tanh(z^2) (the square inside)", "square the tanh, not z: 1 - tanh(z)^2.",
                    lambda z: 1 - np.tanh(_f(z) ** 2)),
        ]),
    FunctionSpec(
        "relu_grad", act.relu_grad, _relu_cases,
        mistakes=[
            Mistake("relu(z) in place of its derivative", "the slope of relu is 1 where z > 0 and 0 elsewhere.",
                    lambda z: np.maximum(_f(z), 0)),
            Mistake("z itself", "the slope of relu is 1 where z > 0 and 0 elsewhere, whatever the size of z.",
                    lambda z: _f(z)),
            Mistake("the mask inverted", "the slope is 1 where z > 0 (where relu passes z through).",
                    lambda z: (_f(z) < 0).astype(float)),
            Mistake("leaky ReLU's derivative", "plain ReLU is flat for z < 0: its slope there is 0, not 0.01.",
                    lambda z: np.where(_f(z) > 0, 1.0, 0.01)),
        ]),
    FunctionSpec(
        "leaky_relu_grad", act.leaky_relu_grad, _leaky_cases,
        mistakes=[
            Mistake("alpha fixed at 0.01", "use the alpha argument, not the number 0.01.",
                    lambda z, alpha=0.01: np.where(_f(z) > 0, 1.0, 0.01)),
            Mistake("the two branches swapped", "the slope is 1 for z > 0 and alpha for z <= 0.",
                    lambda z, alpha=0.01: np.where(_f(z) > 0, alpha, 1.0)),
            Mistake("0 for z < 0 (plain ReLU's derivative)", "leaky ReLU keeps a slope alpha for z < 0.",
                    lambda z, alpha=0.01: (_f(z) > 0).astype(float)),
            Mistake("leaky_relu(z) in place of its derivative", "return the slope (1 or alpha), not the value.",
                    lambda z, alpha=0.01: np.where(_f(z) > 0, _f(z), alpha * _f(z))),
            Mistake("-alpha for z < 0 (a sign slip)", "leaky ReLU is alpha z for z < 0: its slope there is +alpha.",
                    lambda z, alpha=0.01: np.where(_f(z) > 0, 1.0, -alpha)),
        ] + [Mistake("a hard-coded alpha", "use the alpha argument, not a number of your own: leaky_relu_grad is "
                     "called with other values of alpha.", lambda z, alpha=0.01, a=a: np.where(_f(z) > 0, 1.0, a))
             for a in (0.1, 0.2, 0.05, 0.001, 0.3)]),
    FunctionSpec(
        "elu", act.elu, lambda: _elu_cases("elu"),
        mistakes=[
            Mistake("exp(z) - 1 without alpha", "the negative branch is alpha * (exp(z) - 1): multiply by alpha.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, _f(z), np.expm1(np.minimum(_f(z), 0)))),
            Mistake("alpha * exp(z) (the -1 forgotten)", "ELU is alpha * (exp(z) - 1) for z <= 0, so that it "
                    "is 0 at z = 0: subtract 1 inside the bracket.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, _f(z), alpha * np.exp(np.minimum(_f(z), 0)))),
            Mistake("0 for z <= 0 (plain ReLU)", "ELU is not flat on the left: alpha * (exp(z) - 1) for z <= 0.",
                    lambda z, alpha=1.0: np.maximum(_f(z), 0)),
            Mistake("alpha * z for z <= 0 (leaky ReLU)", "ELU's left branch is alpha * (exp(z) - 1), a curve, "
                    "not the straight line alpha * z.", lambda z, alpha=1.0: np.where(_f(z) > 0, _f(z), alpha * _f(z))),
            Mistake("the two branches swapped", "z for z > 0, alpha * (exp(z) - 1) for z <= 0.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, alpha * np.expm1(np.minimum(_f(z), 50)), _f(z))),
            Mistake("elu's derivative in place of elu", "return the value alpha * (exp(z) - 1), not the slope.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, 1.0, alpha * np.exp(np.minimum(_f(z), 0)))),
        ] + [Mistake("a hard-coded alpha", "use the alpha argument, not a number of your own: elu is called "
                     "with other values of alpha.",
                     lambda z, alpha=1.0, a=a: np.where(_f(z) > 0, _f(z), a * np.expm1(np.minimum(_f(z), 0))))
             for a in (0.01, 0.1, 0.2)]),
    FunctionSpec(
        "elu_grad", act.elu_grad, lambda: _elu_cases("elu_grad"),
        mistakes=[
            Mistake("exp(z) without alpha", "the slope for z <= 0 is alpha * exp(z): multiply by alpha.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, 1.0, np.exp(np.minimum(_f(z), 0)))),
            Mistake("elu(z) in place of its derivative", "return the slope (1 or alpha * exp(z)), not the value.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, _f(z), alpha * np.expm1(np.minimum(_f(z), 0)))),
            Mistake("alpha * (exp(z) - 1) as the slope", "the derivative of alpha * (exp(z) - 1) is alpha * exp(z): "
                    "the -1 goes away.", lambda z, alpha=1.0: np.where(_f(z) > 0, 1.0, alpha * np.expm1(np.minimum(_f(z), 0)))),
            Mistake("0 for z <= 0 (ReLU's derivative)", "ELU is not flat on the left: its slope there is alpha * exp(z).",
                    lambda z, alpha=1.0: (_f(z) > 0).astype(float)),
            Mistake("alpha for z <= 0 (leaky ReLU's derivative)", "ELU's slope on the left changes with z: "
                    "alpha * exp(z).", lambda z, alpha=1.0: np.where(_f(z) > 0, 1.0, alpha)),
            Mistake("the two branches swapped", "the slope is 1 for z > 0 and alpha * exp(z) for z <= 0.",
                    lambda z, alpha=1.0: np.where(_f(z) > 0, alpha * np.exp(np.minimum(_f(z), 50)), 1.0)),
        ] + [Mistake("a hard-coded alpha", "use the alpha argument, not a number of your own: elu_grad is called "
                     "with other values of alpha.",
                     lambda z, alpha=1.0, a=a: np.where(_f(z) > 0, 1.0, a * np.exp(np.minimum(_f(z), 0))))
             for a in (0.01, 0.1, 0.2)]),
    FunctionSpec(
        "numerical_derivative", act.numerical_derivative, _numerical_cases,
        mistakes=[
            Mistake("a one-sided difference", "use the centred difference (f(z + eps) - f(z - eps)) / (2 eps): "
                    "its error is O(eps^2), the one-sided one's O(eps).", _numerical_with("forward")),
            Mistake("a one-sided difference", "use the centred difference (f(z + eps) - f(z - eps)) / (2 eps).",
                    _numerical_with("backward")),
            Mistake("dividing by eps instead of 2 eps", "z + eps and z - eps are 2 eps apart: divide by 2 * eps.",
                    _numerical_with("by eps")),
            Mistake("2 * eps not in parentheses", "a / 2 * eps is (a / 2) * eps: divide by (2 * eps).",
                    _numerical_with("times eps")),
            Mistake("the difference not in parentheses", "f(z + eps) - f(z - eps) / (2 * eps) divides f(z - eps) "
                    "only: write (f(z + eps) - f(z - eps)) / (2 * eps).", _numerical_with("no brackets")),
        ] + [Mistake("a hard-coded eps", "use the eps argument, not a number of your own: numerical_derivative "
                     "is called with other values of eps.", _numerical_with(eps_fixed=e))
             for e in (1e-5, 1e-4, 1e-6, 1e-7, 1e-3, 1e-8, 1e-2)],
        rtol=1e-6, atol=1e-8),
    FunctionSpec(
        "softmax", act.softmax, _softmax_cases,
        mistakes=[
            # first: where exp overflows, every naive softmax (over any axis) gives nan alike
            Mistake("an unstable softmax (exp overflows)", "subtract each column's maximum before np.exp: "
                    "softmax(z) = softmax(z - c), and exp(1000) is inf.", lambda z: _naive_softmax(z, axis=0)),
            Mistake("softmax over the rows (axis=1)", "each column is one example: normalise over axis=0, "
                    "so that every column sums to 1.", lambda z: _stable_softmax(z, axis=1)),
            Mistake("softmax over the rows (axis=1)", "each column is one example: normalise over axis=0.",
                    lambda z: _naive_softmax(z, axis=1)),
            Mistake("softmax over the whole array", "normalise each column on its own (axis=0, keepdims=True), "
                    "not by the sum of every entry.", _softmax_whole),
            Mistake("softmax over the whole array", "normalise each column on its own (axis=0, keepdims=True).",
                    lambda z: np.exp(_f(z)) / np.exp(_f(z)).sum()),
            Mistake("the maximum taken over the rows", "subtract each column's own maximum (axis=0): only a "
                    "constant per column leaves the softmax unchanged.", _softmax_row_max),
        ]),
]

QUESTIONS = [
    QuestionSpec("q_depth", one_of(0.25 ** 10),
                 "Each sigmoid layer multiplies the gradient by at most max sigma'(z) = 0.25: ten of them?"),
    QuestionSpec("q_centred_error", one_of(100, "100"),
                 "The centred difference's error is O(eps^2): dividing eps by 10 divides eps^2 by..."),
    QuestionSpec("q_softmax_column", one_of("b"),
                 "Every output of a column is divided by that column's sum, and that sum contains z[0, 1]."),
]

HELPERS = {"sigmoid": act.sigmoid, "tanh": act.tanh, "relu": act.relu, "leaky_relu": act.leaky_relu}
