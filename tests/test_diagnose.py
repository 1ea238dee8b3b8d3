"""The diagnoses that work for every function (grader/check/diagnose.py): each on a deliberately wrong
answer, none on a right one or on a coincidence, and through the checker where no spec names it."""

import warnings

import numpy as np
import pytest

from grader.check import Checker
from grader.check.diagnose import diagnose

Z = np.array([[-2.0, -0.5, 0.7, 3.0], [1.5, -1.0, 0.2, -0.3]])
E = np.tanh(Z)


@pytest.mark.parametrize("got,args,kwargs,name", [
    (-E, (Z,), {}, "the sign flipped"),
    (np.where(Z < 0, -E, E), (Z,), {}, "the sign wrong where z < 0"),
    (E * 4, (Z,), {}, "off by a factor of m"),
    (E / 4, (Z,), {}, "off by a factor of 1/m"),
    (E * 2, (Z,), {}, "off by a factor of 2"),
    (E / 2, (Z,), {}, "off by a factor of 1/2"),
    (E * 0.7, (Z,), {"lambd": 0.7}, "multiplied by lambd"),
    (E / 0.8, (Z,), {"keep_prob": 0.8}, "divided by keep_prob"),
    (E * 0.4343, (Z,), {}, "off by a constant factor"),
    (E / np.log(10), (Z,), {}, "log10 in place of the natural log"),
    (E.T, (Z,), {}, "the result transposed"),
    (E.ravel(), (Z,), {}, "the right numbers in the wrong shape"),
    (np.full(E.shape, 0.5), (Z,), {}, "a constant for every input"),
    (Z.copy(), (Z,), {}, "the input returned unchanged"),
    (E + np.array([[0.3], [-0.2]]), (Z,), {}, "off by the same amount in every column of a row"),
    (E + np.array([[0.1, 0.2, -0.3, 0.4]]), (Z,), {}, "off by the same amount in every row of a column"),
    (np.maximum(Z, 0), (Z,), {}, "ReLU of the input"),
    (np.abs(Z), (Z,), {}, "|z| in place of the function"),
    (np.sign(Z), (Z,), {}, "sign(z), a step"),
    (1 - np.tanh(Z) ** 2, (Z,), {}, "tanh's derivative"),
    (np.tanh(np.tanh(Z)), (Z,), {}, "tanh applied twice"),
])
def test_each_diagnosis_on_a_wrong_answer(got, args, kwargs, name):
    found = diagnose(E, got, args, kwargs)
    assert found is not None and found[0] == name, found
    assert len(found[1].splitlines()) == 1 and found[1]


def test_the_relation_is_looked_for_in_nested_results():
    expected = ({"dW1": E, "db1": np.ones((2, 1))}, 0.5)
    got = ({"dW1": E, "db1": 4 * np.ones((2, 1))}, 0.5)
    assert diagnose(expected, got, (Z,), {})[0] == "off by a factor of m"


@pytest.mark.parametrize("got", [
    E + np.random.default_rng(0).normal(size=E.shape) * 0.1,   # noise: no relation
    np.zeros(E.shape),                                          # zeros where the answer is not zero
    np.full(E.shape, np.nan),                                   # not finite: nothing said
])
def test_no_diagnosis_of_a_coincidence(got):
    found = diagnose(E, got, (Z,), {})
    assert found is None or found[0] == "a constant for every input", found


def test_nothing_is_said_of_a_right_answer_or_where_the_answer_is_zero():
    assert diagnose(E, E.copy(), (Z,), {}) is None
    assert diagnose(np.zeros((2, 4)), np.ones((2, 4)), (Z,), {}) is None   # no relation to a zero answer


@pytest.mark.parametrize("assignment,name,fn,diagnosis", [
    ("01_neuron", "tanh", lambda z: 2 * np.tanh(z), "off by a factor of 2"),
    ("01_neuron", "relu", lambda z: np.abs(z), "|z| in place of the function"),
    ("01_neuron", "leaky_relu", lambda z, alpha=0.01: np.where(z > 0, z, -alpha * z), "the sign wrong where z < 0"),
    ("03_activations", "relu_grad", lambda z: np.sign(z), "sign(z), a step"),
])
def test_the_checker_names_what_no_spec_listed(assignment, name, fn, diagnosis):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v = Checker(assignment).verdict(name, fn, hidden=True)
    assert not v.passed and v.mistake == diagnosis, v.message
    assert f"This looks like {diagnosis}" in v.message and len(v.message.splitlines()) <= 5


@pytest.mark.parametrize("got", [10 ** 400, [[[[1]]]] * 3, "text", {"a": 1}, None, (1, 2), np.array(["x", "y"])])
def test_a_diagnosis_never_breaks_a_check_whatever_came_back(got):
    assert diagnose(E, got, (Z,), {}) is None
    v = Checker("01_neuron").verdict("relu", lambda z: got, hidden=True)
    assert not v.passed and v.message and "Traceback" not in v.message


def test_a_huge_integer_fails_one_function_through_the_judge():
    import nbcycle
    from grader.judge.judge import judge_notebook

    nb = nbcycle.with_cells(nbcycle.mini_notebook(), replace={"relu": "def relu(z):\n    return 10 ** 400\n"})
    verdicts, _ = judge_notebook(nb, "01_neuron", None, "off")
    assert not verdicts["relu"].passed and "returned an int" in verdicts["relu"].message
    assert verdicts["sigmoid"].passed and verdicts["tanh"].passed


@pytest.mark.parametrize("answer", ["b" * 1_000_000, 10 ** 5000, "line\n" * 10_000], ids=["long", "huge-int", "lines"])
def test_a_wrong_answer_is_never_echoed_whole(answer):
    from grader import specs
    from grader.check.engine import evaluate_question

    v = evaluate_question(specs.load("01_neuron").questions["q_linear_layers"], answer)
    assert not v.passed and len(v.message) < 400 and len(v.message.splitlines()) <= 3


@pytest.mark.parametrize("lang, heading, flipped", [("en", "Most frequent named mistakes:", "the sign flipped"),
                                                    ("zh_CN", None, None)])
def test_the_class_report_counts_a_generic_diagnosis_among_the_most_frequent_mistakes(lang, heading, flipped):
    """A diagnosis that no spec listed is a verdict's mistake like any other: the class report counts it
    (by its English name) and shows it in the report's language."""
    from grader.check.i18n import catalogue
    from grader.instructor.classgrade import format_report

    v = Checker("01_neuron", lang="en").verdict("tanh", lambda z: -np.tanh(z), hidden=True)
    assert v.mistake == "the sign flipped"
    report = {"assignment": "01_neuron", "totals": {"ada": {"score": 10, "max": 11, "late_penalty": 0}},
              "not_graded": {}, "notes": [], "pass_rate": {"tanh": {"passed": 0, "of": 3}},
              "mistakes": [{"function": "tanh", "mistake": v.mistake, "count": 3}]}
    text = format_report(report, lang=lang)
    heading = heading or catalogue(lang)["Most frequent named mistakes:"]
    flipped = flipped or catalogue(lang)["the sign flipped"]
    assert f"{heading}\n    3 x tanh: {flipped}" in text


# Wrong answers of a red-team round that a diagnosis once named wrongly: a single wrong number is "off by
# a factor" of anything, and keep_prob / (1 - keep_prob) = 4 was m = 4 on the visible case.
NEVER_NAMED_WRONGLY = [
    ("02_logistic_regression", "binary_cross_entropy", """
def binary_cross_entropy(A, Y):
    A = np.clip(A, 1e-15, 1 - 1e-15)
    return float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(A)))
"""),
    ("02_logistic_regression", "binary_cross_entropy", """
def binary_cross_entropy(A, Y):
    A = np.clip(A, 1e-15, 1 - 1e-15)
    return float(-np.mean(Y * np.log(A) - (1 - Y) * np.log(1 - A)))
"""),
    ("04_two_layer_backprop", "layer_sizes", """
def layer_sizes(X, Y, n_h):
    return (X.shape[0], Y.shape[0], n_h)
"""),
    ("05_regularization", "l2_penalty", """
def l2_penalty(parameters, lambd, m):
    total = 0.0
    for l in range(1, len(parameters) // 2 + 1):
        W = parameters["W" + str(l)]
        total += np.sum(np.dot(W, W.T))
    return lambd / (2 * m) * total
"""),
    ("05_regularization", "l2_penalty", """
def l2_penalty(parameters, lambd, m):
    for l in range(1, len(parameters) // 2 + 1):
        total = 0.0
        total += np.sum(parameters["W" + str(l)] ** 2)
    return lambd / (2 * m) * total
"""),
    ("05_regularization", "dropout_backward", """
def dropout_backward(dA, mask, keep_prob):
    return dA * mask / (1 - keep_prob)
"""),
]


@pytest.mark.parametrize("assignment, name, src", NEVER_NAMED_WRONGLY, ids=[f"{a[:2]}-{n}-{i}" for i, (a, n, _) in
                                                                             enumerate(NEVER_NAMED_WRONGLY)])
def test_a_coincidence_of_one_number_or_one_case_names_nothing(assignment, name, src):
    from kernel import run_cell

    for hidden in (False, True):
        v = Checker(assignment, lang="en").verdict(name, run_cell(src, assignment)[name], hidden=hidden)
        assert not v.passed and v.mistake is None and "This looks like" not in v.message, v.message
