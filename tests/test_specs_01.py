"""The checks of 01_neuron: the reference and other correct solutions pass, every known mistake
fails and is named, errors and wrong types get clear messages, and the judge agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.judge.judge import Judge
from spec_suite import SpecSuite

ASSIGNMENT = "01_neuron"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "sigmoid": """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
    """,
    "tanh": """
        def tanh(z):
            return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    """,
    "relu": """
        def relu(z):
            return np.maximum(0, z)
    """,
    "leaky_relu": """
        def leaky_relu(z, alpha=0.01):
            return np.where(z > 0, z, alpha * z)
    """,
    "neuron_forward": """
        def neuron_forward(w, b, X):
            z = np.dot(w.T, X) + b
            return sigmoid(z)
    """,
    "layer_forward": """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            Z = np.dot(W, A_prev) + b
            if activation == "sigmoid":
                return sigmoid(Z)
            elif activation == "tanh":
                return tanh(Z)
            elif activation == "relu":
                return relu(Z)
            elif activation == "leaky_relu":
                return leaky_relu(Z)
            raise ValueError("unknown activation " + activation)
    """,
}

OTHER_CORRECT = [
    ("sigmoid", """
        def sigmoid(z):
            e = np.exp(z)
            return e / (1 + e)
    """),
    ("sigmoid", """
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            out = np.empty_like(z)
            for i, v in np.ndenumerate(z):
                out[i] = 1.0 / (1.0 + math.exp(-v))
            return out
    """),
    ("sigmoid", """
        def sigmoid(z):
            return 0.5 * (1 + np.tanh(z / 2))
    """),
    ("tanh", """
        def tanh(z):
            return np.tanh(z)
    """),
    ("tanh", """
        def tanh(z):
            return 2 / (1 + np.exp(-2 * z)) - 1
    """),
    ("relu", """
        def relu(z):
            return z * (z > 0)
    """),
    ("relu", """
        def relu(z):
            a = np.array(z, dtype=float)
            a[a < 0] = 0
            return a
    """),
    ("leaky_relu", """
        def leaky_relu(z, alpha=0.01):
            return np.maximum(alpha * z, z)
    """),
    ("leaky_relu", """
        def leaky_relu(z, alpha=0.01):
            return np.where(z >= 0, z, z * alpha)
    """),
    ("neuron_forward", """
        def neuron_forward(w, b, X):
            m = X.shape[1]
            A = np.zeros((1, m))
            for i in range(m):
                z = float(np.sum(w[:, 0] * X[:, i])) + b
                A[0, i] = 1 / (1 + np.exp(-z))
            return A
    """),
    ("neuron_forward", """
        def neuron_forward(w, b, X):
            return sigmoid(w.T @ X + b)
    """),
    ("layer_forward", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            g = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}[activation]
            return g(W @ A_prev + b)
    """),
    ("layer_forward", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            n_l, m = W.shape[0], A_prev.shape[1]
            Z = np.zeros((n_l, m))
            for j in range(n_l):
                Z[j, :] = W[j, :] @ A_prev + b[j, 0]
            if activation == "sigmoid":
                return 1 / (1 + np.exp(-Z))
            if activation == "tanh":
                return np.tanh(Z)
            if activation == "relu":
                return np.maximum(Z, 0)
            return np.where(Z > 0, Z, 0.01 * Z)
    """),
]

MISTAKES = [
    ("sigmoid", "a sign slip in the exponent", """
        def sigmoid(z):
            return 1 / (1 + np.exp(z))
    """),
    ("sigmoid", "1 - exp(-z) in the denominator", """
        def sigmoid(z):
            return 1 / (1 - np.exp(-z))
    """),
    ("sigmoid", "tanh in place of sigmoid", """
        def sigmoid(z):
            return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
    """),
    ("tanh", "sigmoid in place of tanh", """
        def tanh(z):
            return 1 / (1 + np.exp(-z))
    """),
    ("tanh", "2 sigmoid(z) - 1 (the z needs doubling)", """
        def tanh(z):
            return 2 / (1 + np.exp(-z)) - 1
    """),
    ("tanh", "numerator and denominator swapped", """
        def tanh(z):
            return (np.exp(z) + np.exp(-z)) / (np.exp(z) - np.exp(-z))
    """),
    ("relu", "np.max in place of np.maximum", """
        def relu(z):
            return np.max(z, 0)
    """),
    ("relu", "min in place of max", """
        def relu(z):
            return np.minimum(z, 0)
    """),
    ("relu", "the mask z > 0 in place of the values", """
        def relu(z):
            return (z > 0).astype(float)
    """),
    ("leaky_relu", "alpha fixed at 0.01", """
        def leaky_relu(z, alpha=0.01):
            return np.where(z > 0, z, 0.01 * z)
    """),
    ("leaky_relu", "the two branches swapped", """
        def leaky_relu(z, alpha=0.01):
            return np.where(z > 0, alpha * z, z)
    """),
    ("leaky_relu", "plain relu", """
        def leaky_relu(z, alpha=0.01):
            return np.maximum(z, 0)
    """),
    ("neuron_forward", "z without the sigmoid", """
        def neuron_forward(w, b, X):
            return np.dot(w.T, X) + b
    """),
    ("neuron_forward", "a forgotten bias", """
        def neuron_forward(w, b, X):
            return sigmoid(np.dot(w.T, X))
    """),
    ("neuron_forward", "X^T w in place of w^T X", """
        def neuron_forward(w, b, X):
            return sigmoid(np.dot(X.T, w) + b)
    """),
    ("neuron_forward", "the bias added after the sigmoid", """
        def neuron_forward(w, b, X):
            return sigmoid(np.dot(w.T, X)) + b
    """),
    ("layer_forward", "the activation argument ignored", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            return sigmoid(W @ A_prev + b)
    """),
    ("layer_forward", "a forgotten bias", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            g = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}[activation]
            return g(W @ A_prev)
    """),
    ("layer_forward", "Z returned without the activation", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            Z = W @ A_prev + b
            return Z
    """),
    ("layer_forward", "W transposed", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            g = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}[activation]
            return g(np.dot(W.T, A_prev) + b)
    """),
    ("layer_forward", "the bias added after the activation", """
        def layer_forward(W, b, A_prev, activation="sigmoid"):
            g = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}[activation]
            return g(W @ A_prev) + b
    """),
]


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    VISIBLE = [("leaky_relu", "alpha fixed at 0.01")]
    QUESTIONS = [
        ("q_linear_layers", [1, "1", "one", 1.0], [2, 3, "two", None]),
        ("q_w1_shape", [(4, 3), [4, 3], np.zeros((4, 3)).shape], [(3, 4), (4, 1), 12, "4x3"]),
        ("q_zero_centred", ["b", "B ", "tanh"], ["a", "c", "sigmoid", 2]),
    ]


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))


def test_layer_forward_is_not_failed_for_a_wrong_sigmoid():
    ns = cell(mistake_src("sigmoid", "a sign slip in the exponent") + SOLUTIONS["tanh"] + SOLUTIONS["relu"] + SOLUTIONS["leaky_relu"]
              + SOLUTIONS["layer_forward"])
    assert not CHECK.verdict("sigmoid", ns["sigmoid"], hidden=True).passed
    v = CHECK.verdict("layer_forward", ns["layer_forward"], hidden=True)
    assert v.passed, v.message


def test_a_function_that_raises():
    v = verdict("sigmoid", """
        def sigmoid(z):
            raise ValueError("not sure what to do")
    """)
    assert not v.passed and "raised ValueError: not sure what to do" in v.message
    v = verdict("relu", """
        def relu(z):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message


def test_a_wrong_type():
    v = verdict("relu", """
        def relu(z):
            return [max(v, 0) for v in np.ravel(z)]
    """)
    assert not v.passed and "returned a list" in v.message
    v = verdict("neuron_forward", """
        def neuron_forward(w, b, X):
            print(sigmoid(w.T @ X + b))
    """)
    assert not v.passed and "returned None" in v.message


def test_a_function_that_modifies_its_input():
    v = verdict("relu", """
        def relu(z):
            z[z < 0] = 0
            return z
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) z" in v.message


def test_a_shape_slip_says_transposed():
    v = verdict("neuron_forward", mistake_src("neuron_forward", "X^T w in place of w^T X"))
    assert "(transposed?)" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import activations
    ns = {"np": np, "act": activations}
    exec("def sigmoid(z):\n    return act.sigmoid(z)\n", ns)
    v = CHECK.verdict("sigmoid", ns["sigmoid"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("relu", cell(SOLUTIONS["relu"])["relu"])
    assert capsys.readouterr().out.startswith("\u2714 relu: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("relu", cell(mistake_src("relu", "min in place of max"))["relu"])
    assert "min in place of max" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees


def _sources(**override):
    srcs = {**{k: textwrap.dedent(v) for k, v in SOLUTIONS.items()}, **override}
    return [srcs[k] for k in SOLUTIONS] + ["q_linear_layers = 1\n", "q_w1_shape = (4, 3)\n",
                                           "q_zero_centred = 'c'\n"]


def test_judge_agrees_on_a_notebook(tmp_path):
    wrong_tanh = textwrap.dedent(mistake_src("tanh", "2 sigmoid(z) - 1 (the z needs doubling)"))
    names = list(SOLUTIONS) + ["q_linear_layers", "q_w1_shape", "q_zero_centred"]
    verdicts = Judge(SPEC, tmp_path).judge(_sources(tanh=wrong_tanh), names)
    assert {n for n, v in verdicts.items() if v.passed} == set(names) - {"tanh", "q_zero_centred"}
    assert verdicts["tanh"].mistake == "2 sigmoid(z) - 1 (the z needs doubling)"
    # layer_forward calls the student's (wrong) tanh: judged with the reference in its place
    assert verdicts["layer_forward"].passed


def test_judge_refuses_a_cell_that_imports_nnkit(tmp_path):
    cheat = "from nnkit.activations import relu\n"
    verdicts = Judge(SPEC, tmp_path).judge([cheat], ["relu"])
    assert not verdicts["relu"].passed and "not defined" in verdicts["relu"].message
