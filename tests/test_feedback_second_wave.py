"""Feedback that names the cause, in the words of the function: integer arrays, a 1-D array for a
column, which m, the student's own line, a product hint that fits the function, a result's parts in
words, and the student's variable named grader."""

import numpy as np
import pytest

from grader import specs
from grader.check import Checker
from grader.check.engine import compare, describe_path
from grader.judge.judge import Judge, judge_notebook


def _judge(tmp_path, sources, names, assignment="01_neuron"):
    return Judge(specs.load(assignment), tmp_path, function_timeout=5).judge(sources, names)


@pytest.mark.parametrize("assignment, name, fn", [
    ("02_logistic_regression", "initialize_with_zeros", lambda n_x: (np.zeros((n_x, 1), dtype=int), 0.0)),
    ("06_optimization", "initialize_velocity",
     lambda parameters: {f"d{k}": np.zeros(v.shape, dtype=int) for k, v in parameters.items()}),
])
def test_integer_arrays_where_floats_are_required_fail_with_their_cause(assignment, name, fn):
    v = Checker(assignment, lang="en").verdict(name, fn)
    assert not v.passed and v.mistake == "integers in place of floats"
    assert "has dtype int64; expected float64" in v.message and "dtype=int" in v.message


def test_integer_initialisations_of_04_and_07_fail_too():
    def init4(n_x, n_h, n_y, seed):
        rng = np.random.default_rng(seed)
        return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1), dtype=int),
                "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}

    def init7(layer_dims, seed):
        rng, p = np.random.default_rng(seed), {}
        for l in range(1, len(layer_dims)):
            p[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
            p[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=np.int32)
        return p

    v4 = Checker("04_two_layer_backprop", lang="en").verdict("initialize_parameters", init4)
    v7 = Checker("07_deep_network", lang="en").verdict("initialize_parameters_deep", init7)
    assert not v4.passed and "'b1' has dtype int64; expected float64" in v4.message
    assert not v7.passed and "'b1' has dtype int32; expected float64" in v7.message


def test_float_initialisations_still_pass():
    v = Checker("02_logistic_regression", lang="en").verdict(
        "initialize_with_zeros", lambda n_x: (np.zeros((n_x, 1)), 0))  # b = 0, as many write it
    assert v.passed, v.message


def test_a_1d_array_for_a_column_says_keepdims_whichever_gradient_lacks_it():
    msg = compare({"db1": np.zeros((4, 1)), "db2": np.zeros((1, 1))},
                  {"db1": np.zeros(4), "db2": np.zeros((1, 1))}, 1e-5, 1e-7)
    assert msg == ("shape in 'db1' is (4,); expected (4, 1) (a 1-D array where a column was meant: keepdims=True "
                   "in the sum, or reshape)")


def test_a_place_in_a_result_is_said_in_words():
    assert describe_path((("tuple", 0), ("dict", "dw"))) == "'dw' of the first returned value"
    assert describe_path((("dict", "W1"),)) == "'W1'"
    msg = compare(({"dw": np.zeros((2, 1))}, 1.0), ({"dw": np.ones((2, 1))}, 1.0), 1e-5, 1e-7)
    assert msg.startswith("wrong values in 'dw' of the first returned value")
    assert "[0]" not in msg


def test_dividing_by_the_wrong_m_is_told_which_m():
    def cost(A, Y):  # m taken from the rows of Y: 1
        m = Y.shape[0]
        return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)

    v = Checker("02_logistic_regression", lang="en").verdict("binary_cross_entropy", cost)
    assert not v.passed and "Y.shape[1]" in v.message and "Y.shape[0]" in v.message


def test_a_product_error_gets_a_hint_that_fits_the_function():
    def bce(A, Y):
        return float(-(np.dot(Y, np.log(A)) + np.dot(1 - Y, np.log(1 - A))) / Y.shape[1])

    v = Checker("02_logistic_regression", lang="en").verdict("binary_cross_entropy", bce)
    assert not v.passed and "ValueError" in v.message
    assert "W is (n_l" not in v.message and "check the shape of each operand" in v.message
    v = Checker("01_neuron", lang="en").verdict(
        "layer_forward", lambda W, b, A_prev, activation="sigmoid": np.dot(A_prev, W) + b)
    assert "W is (n_l, n_l-1)" in v.message


def test_an_error_shows_the_students_own_line_in_the_kernel_and_in_the_judge(tmp_path):
    import linecache

    src = ("def layer_forward(W, b, A_prev, activation='sigmoid'):\n    Z = np.dot(A_prev, W) + b\n"
           "    return 1 / (1 + np.exp(-Z))\n")
    name = "<ipython-input-3-a1b2>"
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    ns = {"np": np}
    exec(compile(src, name, "exec"), ns)
    kernel = Checker("01_neuron", lang="en").verdict("layer_forward", ns["layer_forward"])
    judged = _judge(tmp_path, [src], ["layer_forward"])["layer_forward"]
    for v in (kernel, judged):
        assert not v.passed and "in your line: Z = np.dot(A_prev, W) + b" in v.message, v.message
        assert len(v.message.splitlines()) <= 5


def test_an_error_inside_numpy_shows_the_students_line_not_numpys(tmp_path):
    src = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z.reshape(7, 7)))\n"
    v = _judge(tmp_path, [src], ["sigmoid"])["sigmoid"]
    assert "in your line: return 1 / (1 + np.exp(-z.reshape(7, 7)))" in v.message


def test_a_students_variable_named_grader_is_not_the_package(tmp_path):
    import nbcycle

    src = "def sigmoid(z):\n    grader = 1.0\n    return grader / (1 + np.exp(-z))\n"
    nb = nbcycle.with_cells(nbcycle.mini_notebook(), replace={"sigmoid": src})
    verdicts, notes = judge_notebook(nb, "01_neuron", None, "off")
    assert verdicts["sigmoid"].passed, verdicts["sigmoid"].message
    assert not [n for n in notes if "uses nnkit or grader" in n]


def test_the_call_line_is_cut_between_arguments_and_shows_shapes_compactly():
    from grader.check.engine import fmt_case

    spec = specs.load("04_two_layer_backprop").functions["backward_propagation"]
    text = fmt_case(spec, spec.cases()[0])
    assert text.startswith("backward_propagation(parameters={W1: (4, 2), b1: (4, 1), W2: (1, 4), b2: (1, 1)}, cache=")
    assert text.endswith(", ...)") and len(text) <= 200
    assert not any(part.strip().startswith(("sha", "shap")) and part.strip() != "shape" for part in text.split(","))


def test_a_test_run_after_a_failed_answer_cell_says_it_grades_the_older_version():
    import linecache

    from grader.check.checker import stale_definition

    old = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
    name = "<ipython-input-41-stale>"
    linecache.cache[name] = (len(old), None, old.splitlines(True), name)
    ns = {"np": np}
    exec(compile(old, name, "exec"), ns)
    slip = "def sigmoid(z)\n    return 1 / (1 + np.exp(z))\n"  # the new version did not compile
    note = stale_definition("sigmoid", ns["sigmoid"], ["", old, slip, "check('sigmoid', sigmoid)"])
    assert note and note.startswith("note: this is the sigmoid of an earlier run")
    assert stale_definition("sigmoid", ns["sigmoid"], ["", old, "check('sigmoid', sigmoid)"]) is None
    assert stale_definition("sigmoid", ns["sigmoid"], []) is None


# --------------------------------------------------------------------------------------------------
# Errors named by a known mistake, and visible cases whose sizes differ per dimension


_FORWARD_W1_T = '''
def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"].T, X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    return 1 / (1 + np.exp(-Z2)), {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": 1 / (1 + np.exp(-Z2))}
'''

_BACKWARD_DOT = '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = np.dot(np.dot(parameters["W2"].T, dZ2), 1 - cache["A1"] ** 2)
    return {"dW1": dZ1 @ X.T / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dZ2 @ cache["A1"].T / m, "db2": np.sum(dZ2, axis=1, keepdims=True) / m}
'''


def _defined(src, name, assignment="04_two_layer_backprop"):
    from kernel import run_cell
    return run_cell(src, assignment)[name]


def test_the_first_visible_case_of_04_s_passes_has_a_size_of_its_own_for_each_dimension():
    spec = specs.load("04_two_layer_backprop")
    X, P = spec.functions["forward_propagation"].cases()[0].args
    assert len({X.shape[0], X.shape[1], P["W1"].shape[0]}) == 3  # n_x, m, n_h
    P, cache, X, Y = spec.functions["backward_propagation"].cases()[0].args
    assert len({X.shape[0], X.shape[1], P["W1"].shape[0]}) == 3


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_an_error_that_a_known_mistake_raises_is_named_with_the_students_line(lang):
    v = Checker("04_two_layer_backprop", lang=lang).verdict(
        "backward_propagation", _defined(_BACKWARD_DOT, "backward_propagation"), hidden=False)
    assert not v.passed and v.mistake == "np.dot in place of * in dZ1"
    assert "np.dot(np.dot(parameters[\"W2\"].T, dZ2), 1 - cache[\"A1\"] ** 2)" in v.message
    assert "Z1: (4, 3)" in v.message and len(v.message.splitlines()) <= 5


def test_an_error_is_named_by_the_students_numbers_on_another_case_in_the_kernel_and_the_judge(tmp_path):
    v = Checker("04_two_layer_backprop", lang="en").verdict(
        "forward_propagation", _defined(_FORWARD_W1_T, "forward_propagation"), hidden=False)
    assert not v.passed and v.mistake == "W1 transposed"
    lines = v.message.splitlines()
    assert lines[0].startswith("forward_propagation raised ValueError") and "W1\"].T, X)" in lines[1]
    assert lines[-1].startswith("  This looks like W1 transposed") and len(lines) <= 5
    judged = _judge(tmp_path, [_FORWARD_W1_T], ["forward_propagation"], "04_two_layer_backprop")
    assert judged["forward_propagation"].mistake == "W1 transposed"


def test_an_error_that_two_mistakes_raise_alike_is_not_named():
    from grader.check.engine import Case, FunctionSpec, Mistake, evaluate, Outcome

    def boom(x):
        raise ValueError("the same error")

    spec = FunctionSpec("f", lambda x: x + 1.0, lambda: [Case((np.ones((2, 3)),))],
                        mistakes=[Mistake("one way", "a", boom), Mistake("another way", "b", boom)])
    v = evaluate(spec, lambda case: Outcome(error=("ValueError", "the same error")), hidden=True)
    assert not v.passed and v.mistake is None and "This looks like" not in v.message
    spec.mistakes.pop()
    v = evaluate(spec, lambda case: Outcome(error=("ValueError", "the same error")), hidden=True)
    assert v.mistake == "one way" and "This looks like one way" in v.message


@pytest.mark.parametrize("assignment, name, src, hint", [
    ("01_neuron", "relu", "def relu(z):\n    return z if z > 0 else 0\n", "np.maximum, np.where or a mask"),
    ("02_logistic_regression", "initialize_with_zeros",
     "def initialize_with_zeros(n_x):\n    return np.zeros(n_x, 1), 0.0\n", "np.zeros((n, 1))"),
])
def test_the_errors_met_in_a_red_team_round_come_with_a_hint(assignment, name, src, hint):
    v = Checker(assignment, lang="en").verdict(name, _defined(src, name, assignment), hidden=True)
    assert not v.passed and hint in v.message and len(v.message.splitlines()) <= 5, v.message
