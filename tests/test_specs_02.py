"""The checks of 02_logistic_regression: the reference and other correct solutions pass, every
known mistake fails and is named, errors and wrong types get clear messages, and the judge agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.check.engine import check_values
from grader.judge.judge import Judge
from nnkit.activations import sigmoid as nnkit_sigmoid
from spec_suite import SpecSuite, edit

ASSIGNMENT = "02_logistic_regression"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "initialize_with_zeros": """
        def initialize_with_zeros(n_x):
            w = np.zeros((n_x, 1))
            b = 0.0
            return w, b
    """,
    "binary_cross_entropy": """
        def binary_cross_entropy(A, Y):
            m = Y.shape[1]
            A = np.clip(A, 1e-15, 1 - 1e-15)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            return float(cost)
    """,
    "propagate": """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = binary_cross_entropy(A, Y)
            dZ = A - Y
            dw = np.dot(X, dZ.T) / m
            db = np.sum(dZ) / m
            grads = {"dw": dw, "db": db}
            return grads, cost
    """,
    "optimize": """
        def optimize(w, b, X, Y, num_iterations, learning_rate):
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                dw = grads["dw"]
                db = grads["db"]
                w = w - learning_rate * dw
                b = b - learning_rate * db
                if i % 100 == 0:
                    costs.append(cost)
            params = {"w": w, "b": b}
            return params, grads, costs
    """,
    "predict": """
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            return (A > 0.5).astype(float)
    """,
}

OTHER_CORRECT = [
    ("initialize_with_zeros", """
        def initialize_with_zeros(n_x):
            return np.zeros(shape=(n_x, 1), dtype=float), 0
    """),
    ("binary_cross_entropy", """
        def binary_cross_entropy(A, Y):
            eps = 1e-7
            total = 0.0
            for a, y in zip(A[0], Y[0]):
                a = min(max(a, eps), 1 - eps)
                total += y * math.log(a) + (1 - y) * math.log(1 - a)
            return -total / A.shape[1]
    """),
    ("binary_cross_entropy", """
        def binary_cross_entropy(A, Y):
            eps = 1e-8
            return np.mean(-(Y * np.log(A + eps) + (1 - Y) * np.log(1 - A + eps)))
    """),
    ("binary_cross_entropy", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-12, 1 - 1e-12)
            logprobs = np.multiply(np.log(A), Y) + np.multiply(np.log(1 - A), 1 - Y)
            return float(np.squeeze(-np.sum(logprobs, axis=1, keepdims=True) / Y.shape[1]))
    """),
    ("propagate", """
        def propagate(w, b, X, Y):
            n_x, m = X.shape
            dw = np.zeros((n_x, 1))
            db = 0.0
            cost = 0.0
            for i in range(m):
                x = X[:, i:i + 1]
                a = float(sigmoid(w.T @ x + b)[0, 0])
                y = Y[0, i]
                cost += -(y * np.log(a) + (1 - y) * np.log(1 - a))
                dz = a - y
                dw += x * dz
                db += dz
            return {"dw": dw / m, "db": db / m}, cost / m
    """),
    ("propagate", """
        def propagate(w, b, X, Y):
            A = sigmoid(w.T @ X + b)
            cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
            dZ = A - Y
            return {"dw": (X @ dZ.T) / X.shape[1], "db": np.array(np.mean(dZ))}, cost
    """),
    ("optimize", """
        import copy
        def optimize(w, b, X, Y, num_iterations, learning_rate):
            w = copy.deepcopy(w)
            costs = []
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                if i % 100 == 0:
                    costs.append(cost)
                w -= learning_rate * grads["dw"]
                b -= learning_rate * grads["db"]
            return {"w": w, "b": b}, grads, np.array(costs)
    """),
    ("optimize", """
        def optimize(w, b, X, Y, num_iterations, learning_rate):
            m = X.shape[1]
            costs = []
            for i in range(num_iterations):
                A = sigmoid(w.T @ X + b)
                cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
                dw = X @ (A - Y).T / m
                db = np.sum(A - Y) / m
                if i % 100 == 0:
                    costs.append(cost)
                w, b = w - learning_rate * dw, b - learning_rate * db
            return {"w": w, "b": b}, {"dw": dw, "db": db}, tuple(costs)
    """),
    ("predict", """
        def predict(w, b, X):
            m = X.shape[1]
            Y_prediction = np.zeros((1, m))
            A = sigmoid(np.dot(w.T, X) + b)
            for i in range(m):
                if A[0, i] > 0.5:
                    Y_prediction[0, i] = 1
                else:
                    Y_prediction[0, i] = 0
            return Y_prediction
    """),
    ("predict", """
        def predict(w, b, X):
            return np.where(w.T @ X + b > 0, 1.0, 0.0)
    """),
    ("predict", """
        def predict(w, b, X):
            return np.round(sigmoid(w.T @ X + b))
    """),
    ("predict", """
        def predict(w, b, X):
            return (sigmoid(w.T @ X + b) >= 0.5) * 1.0
    """),
]

#: propagate as most of its red-team variants write it: the gradients in the returned dict
PROPAGATE = """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = binary_cross_entropy(A, Y)
            dZ = A - Y
            return {"dw": np.dot(X, dZ.T) / m, "db": np.sum(dZ) / m}, cost
    """

_OPTIMIZE_HEAD = """
        def optimize(w, b, X, Y, num_iterations, learning_rate):
            costs = []
"""

#: optimize as most of its red-team variants write it (a correct one)
OPTIMIZE = _OPTIMIZE_HEAD + """
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                if i % 100 == 0:
                    costs.append(cost)
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
            return {"w": w, "b": b}, grads, costs
    """

MISTAKES = [
    ("initialize_with_zeros", "w as a 1-D array", """
        def initialize_with_zeros(n_x):
            return np.zeros(n_x), 0.0
    """),
    ("initialize_with_zeros", "w as a row", """
        def initialize_with_zeros(n_x):
            return np.zeros((1, n_x)), 0.0
    """),
    ("initialize_with_zeros", "b as an array", edit(SOLUTIONS["initialize_with_zeros"], "b = 0.0", "b = np.zeros((1, 1))")),
    ("binary_cross_entropy", "the minus sign left out", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    """),
    ("binary_cross_entropy", "a sum in place of the mean", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    """),
    ("binary_cross_entropy", "the (1 - y) log(1 - a) term left out", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return -np.mean(Y * np.log(A))
    """),
    ("binary_cross_entropy", "the squared error in place of the cross-entropy", """
        def binary_cross_entropy(A, Y):
            return np.mean((A - Y) ** 2)
    """),
    ("binary_cross_entropy", "no clipping at A = 0 or 1", """
        def binary_cross_entropy(A, Y):
            return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    """),
    ("binary_cross_entropy", "clipping eps too large", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 0.01, 0.99)
            return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    """),
    ("binary_cross_entropy", "log10 in place of the natural log", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return -np.mean(Y * np.log10(A) + (1 - Y) * np.log10(1 - A))
    """),
    ("binary_cross_entropy", "the y log a term left out", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return -np.mean((1 - Y) * np.log(1 - A))
    """),
    ("propagate", "n_x in place of m", edit(PROPAGATE, "m = X.shape[1]", "m = X.shape[0]")),
    ("propagate", "the sigmoid's slope a(1 - a) kept in dZ", edit(PROPAGATE, "dZ = A - Y", "dZ = (A - Y) * A * (1 - A)")),
    ("propagate", "the bias left out of z", edit(PROPAGATE, "A = sigmoid(np.dot(w.T, X) + b)", "A = sigmoid(np.dot(w.T, X))")),
    ("propagate", "the squared error in place of the cross-entropy",
     edit(PROPAGATE, "cost = binary_cross_entropy(A, Y)", "cost = np.mean((A - Y) ** 2)")),
    ("propagate", "a missing 1/m", """
        def propagate(w, b, X, Y):
            A = sigmoid(np.dot(w.T, X) + b)
            cost = binary_cross_entropy(A, Y)
            dw = np.dot(X, (A - Y).T)
            db = np.sum(A - Y)
            return {"dw": dw, "db": db}, cost
    """),
    ("propagate", "dw = dZ X^T (shape (1, n_x))", edit(PROPAGATE, "np.dot(X, dZ.T)", "np.dot(dZ, X.T)")),
    ("propagate", "the cost without its minus sign",
     edit(PROPAGATE, "cost = binary_cross_entropy(A, Y)", "cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m")),
    ("propagate", "dZ = Y - A (the sign)", edit(PROPAGATE, "dZ = A - Y", "dZ = Y - A")),
    ("propagate", "db as a (1, 1) array", edit(PROPAGATE, "np.sum(dZ) / m", "np.sum(dZ, axis=1, keepdims=True) / m")),
    ("optimize", "costs recorded at every iteration",
     edit(OPTIMIZE, "if i % 100 == 0:\n                    costs.append(cost)", "costs.append(cost)")),
    ("optimize", "the cost of iteration 0 missing", _OPTIMIZE_HEAD + """
            for i in range(1, num_iterations + 1):
                grads, cost = propagate(w, b, X, Y)
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
                if i % 100 == 0:
                    costs.append(cost)
            return {"w": w, "b": b}, grads, costs
    """),
    ("optimize", "w updated before db is computed (not a simultaneous update)", _OPTIMIZE_HEAD + """
            m = X.shape[1]
            for i in range(num_iterations):
                A = sigmoid(w.T @ X + b)
                cost = binary_cross_entropy(A, Y)
                dw = X @ (A - Y).T / m
                w = w - learning_rate * dw
                A = sigmoid(w.T @ X + b)
                db = np.sum(A - Y) / m
                b = b - learning_rate * db
                if i % 100 == 0:
                    costs.append(cost)
            return {"w": w, "b": b}, {"dw": dw, "db": db}, costs
    """),
    ("optimize", "the gradients of the final parameters returned",
     edit(OPTIMIZE, 'return {"w": w, "b": b}, grads, costs',
          'grads, _ = propagate(w, b, X, Y)\n            return {"w": w, "b": b}, grads, costs')),
    ("optimize", "a hard-coded learning rate", edit(OPTIMIZE, ('w = w - learning_rate * grads["dw"]', 'w = w - 0.009 * grads["dw"]'),
                                                    ('b = b - learning_rate * grads["db"]', 'b = b - 0.009 * grads["db"]'))),
    ("optimize", "a hard-coded number of iterations", edit(OPTIMIZE, "range(num_iterations)", "range(1000)")),
    ("optimize", "one iteration too many", edit(OPTIMIZE, "range(num_iterations)", "range(num_iterations + 1)")),
    ("optimize", "one iteration too few", edit(OPTIMIZE, "range(num_iterations)", "range(num_iterations - 1)")),
    ("optimize", "gradient ascent (+ in place of -)", edit(OPTIMIZE, ('w = w - learning_rate', 'w = w + learning_rate'),
                                                           ('b = b - learning_rate', 'b = b + learning_rate'))),
    ("optimize", "b never updated", edit(OPTIMIZE, 'b = b - learning_rate * grads["db"]', "pass")),
    ("optimize", "the gradients of the first iteration returned", _OPTIMIZE_HEAD + """
            first = None
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                if first is None:
                    first = grads
                if i % 100 == 0:
                    costs.append(cost)
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
            return {"w": w, "b": b}, first, costs
    """),
    ("optimize", "the cost recorded after the update", _OPTIMIZE_HEAD + """
            for i in range(num_iterations):
                grads, cost = propagate(w, b, X, Y)
                w = w - learning_rate * grads["dw"]
                b = b - learning_rate * grads["db"]
                if i % 100 == 0:
                    _, cost = propagate(w, b, X, Y)
                    costs.append(cost)
            return {"w": w, "b": b}, grads, costs
    """),
    ("predict", "probabilities in place of labels", """
        def predict(w, b, X):
            return sigmoid(np.dot(w.T, X) + b)
    """),
    ("predict", "the labels flipped", """
        def predict(w, b, X):
            A = sigmoid(np.dot(w.T, X) + b)
            return np.where(A > 0.5, 0.0, 1.0)
    """),
    ("predict", "the threshold 0.5 applied to z", """
        def predict(w, b, X):
            Z = np.dot(w.T, X) + b
            return (Z > 0.5).astype(float)
    """),
    ("predict", "the bias left out", """
        def predict(w, b, X):
            return (sigmoid(np.dot(w.T, X)) > 0.5).astype(float)
    """),
]


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))

#: the earlier graded functions a function calls: its verdict is taken after their model solutions' cells
DEPS_OF = {"propagate": ("binary_cross_entropy",), "optimize": ("binary_cross_entropy", "propagate")}


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    #: the cost's own check at A exactly 0 or 1 says what is wrong in its own words
    CUSTOM_NAMED = {("binary_cross_entropy", "no clipping at A = 0 or 1"),
                    ("binary_cross_entropy", "clipping eps too large")}
    VISIBLE = [("optimize", "a hard-coded learning rate"), ("optimize", "a hard-coded number of iterations")]
    QUESTIONS = [
        ("q_dz", [-0.2, "-0.2", -0.19999999], [0.2, -0.8, 0.8, "a"]),
        ("q_convex", ["a", "A", "cross-entropy"], ["b", "c", "squared error", 1]),
        ("q_circles", ["c", "C ", "a straight line"], ["a", "b", "d", "circle"]),
    ]

    def verdict(self, name, src, hidden=True):
        """The verdict of ``src`` run, as in the notebook, after the model solutions of the cells it
        calls (``DEPS_OF``)."""
        ns = None
        for dep in DEPS_OF.get(name, ()):
            ns = self.cell(SOLUTIONS[dep], ns)
        return self.checker().verdict(name, self.cell(src, ns)[name], hidden=hidden)


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


@pytest.mark.parametrize("lr", ["0.1", "0.05", "0.5"])
def test_a_learning_rate_hard_coded_from_a_visible_case_or_the_notebook_is_named(lr):
    src = mistake_src("optimize", "a hard-coded learning rate").replace("0.009", lr)
    v = verdict("optimize", src, hidden=True)
    assert not v.passed and v.mistake == "a hard-coded learning rate", v.message


def test_an_unclipped_cost_is_right_on_ordinary_inputs_and_told_to_clip_at_0_and_1():
    fn = cell(mistake_src("binary_cross_entropy", "no clipping at A = 0 or 1"))["binary_cross_entropy"]
    from grader.check.checker import direct_call
    spec = SPEC.functions["binary_cross_entropy"]
    assert check_values(spec, direct_call(fn, spec, SPEC), hidden=True) == len(spec.cases())
    v = CHECK.verdict("binary_cross_entropy", fn, hidden=False)
    assert not v.passed and "exactly 0 or 1" in v.message and "Clip A" in v.message


def test_propagate_is_not_failed_for_a_wrong_cost_function():
    ns = cell(mistake_src("binary_cross_entropy", "the minus sign left out"))
    v = CHECK.verdict("propagate", cell(SOLUTIONS["propagate"], ns)["propagate"], hidden=True)
    assert v.passed, v.message


def test_a_function_that_raises():
    v = verdict("predict", """
        def predict(w, b, X):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message
    v = verdict("propagate", """
        def propagate(w, b, X, Y):
            A = sigmoid(np.dot(w, X) + b)
            return {}, 0.0
    """)
    assert not v.passed and "raised ValueError" in v.message and "on propagate(w=" in v.message


def test_wrong_types():
    v = verdict("binary_cross_entropy", """
        def binary_cross_entropy(A, Y):
            A = np.clip(A, 1e-15, 1 - 1e-15)
            return -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A), axis=1, keepdims=True) / Y.shape[1]
    """)
    assert not v.passed and "array of shape (1, 1)" in v.message and "single number" in v.message
    v = verdict("propagate", """
        def propagate(w, b, X, Y):
            A = sigmoid(np.dot(w.T, X) + b)
            dZ = A - Y
            return {"dw": X @ dZ.T / X.shape[1]}, 0.1
    """)
    assert not v.passed and "missing key(s) ['db']" in v.message
    v = verdict("initialize_with_zeros", """
        def initialize_with_zeros(n_x):
            return {"w": np.zeros((n_x, 1)), "b": 0.0}
    """)
    assert not v.passed and "returned a dict" in v.message and "expected a tuple of length 2" in v.message


def test_optimize_that_updates_w_in_place_modifies_its_input():
    v = verdict("optimize", edit(OPTIMIZE, ('w = w - learning_rate * grads["dw"]', 'w -= learning_rate * grads["dw"]'),
                                 ('b = b - learning_rate * grads["db"]', 'b -= learning_rate * grads["db"]')))
    assert not v.passed and v.mistake == "modifies its input" and "argument(s) w" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import logistic
    ns = cell("def predict(w, b, X):\n    return logistic.predict(w, b, X)\n",
              {"np": np, "logistic": logistic, "sigmoid": nnkit_sigmoid})
    v = CHECK.verdict("predict", ns["predict"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("predict", cell(SOLUTIONS["predict"])["predict"])
    assert capsys.readouterr().out.startswith("\u2714 predict: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("predict", cell(mistake_src("predict", "the labels flipped"))["predict"])
    assert "the labels flipped" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees


NAMES = list(SOLUTIONS) + ["q_dz", "q_convex", "q_circles"]


def _sources(**override):
    srcs = {**{k: textwrap.dedent(v) for k, v in SOLUTIONS.items()}, **override}
    return [srcs[k] for k in SOLUTIONS] + ["q_dz = -0.2\n", "q_convex = 'a'\n", "q_circles = 'c'\n"]


def test_judge_passes_a_correct_notebook(tmp_path):
    verdicts = Judge(SPEC, tmp_path).judge(_sources(), NAMES)
    assert all(v.passed for v in verdicts.values()), {n: v.message for n, v in verdicts.items()}


def test_judge_names_mistakes_and_charges_them_once(tmp_path):
    wrong_prop = textwrap.dedent(mistake_src("propagate", "dZ = Y - A (the sign)"))
    wrong_opt = textwrap.dedent(mistake_src("optimize", "a hard-coded learning rate"))
    verdicts = Judge(SPEC, tmp_path).judge(_sources(propagate=wrong_prop, optimize=wrong_opt), NAMES)
    assert verdicts["propagate"].mistake == "dZ = Y - A (the sign)"
    assert verdicts["optimize"].mistake == "a hard-coded learning rate"
    assert {n for n, v in verdicts.items() if not v.passed} == {"propagate", "optimize"}


def test_judge_accepts_the_helper_and_refuses_nnkit(tmp_path):
    cheat = "import nnkit.logistic\npredict = nnkit.logistic.predict\n"
    verdicts = Judge(SPEC, tmp_path).judge([cheat], ["predict"])
    assert not verdicts["predict"].passed


def test_judge_times_out_a_loop_that_ignores_num_iterations_and_says_so(tmp_path):
    slow = textwrap.dedent(mistake_src("optimize", "a hard-coded number of iterations")).replace("1000", "10 ** 8")
    verdicts = Judge(SPEC, tmp_path, function_timeout=2).judge(_sources(optimize=slow), NAMES)
    v = verdicts["optimize"]
    assert not v.passed and "did not finish in time" in v.message and "num_iterations" in v.message, v.message
    assert verdicts["predict"].passed and verdicts["propagate"].passed


def test_the_errors_students_meet_most_come_with_a_hint():
    float_of_matrix = """
        def propagate(w, b, X, Y):
            m = X.shape[1]
            A = sigmoid(np.dot(w.T, X) + b)
            cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
            dw = np.dot(X, (A - Y).T) / m
            db = float(np.sum(A - Y, axis=1, keepdims=True) / m)  # (1, 1): an error in NumPy 2
            return {"dw": dw, "db": db}, cost
    """
    v = verdict("propagate", float_of_matrix)
    assert not v.passed and "raised TypeError" in v.message, v.message
    assert "float(np.squeeze(x)) or x.item()" in v.message and len(v.message.splitlines()) <= 5, v.message
    no_transpose = float_of_matrix.replace("np.dot(w.T, X)", "np.dot(w, X)")
    v = verdict("propagate", no_transpose)
    assert not v.passed and "is a .T missing or extra?" in v.message, v.message
