"""Checks for ``01_neuron``: the activations, one neuron, one layer.

Cases: small fixed inputs first (the visible checks a self-learner runs), then hidden ones of other
shapes (1-D, a column, a wide matrix), other hyperparameters (``alpha``) and large |z|. Sigmoid's
large inputs stay within |z| <= 30, where every textbook formula is still exact in float64, so a
correct but naive formula is never failed for overflow alone.
"""

import numpy as np

from grader.check.engine import Case, FunctionSpec, Mistake, QuestionSpec, one_of, rng_for
from nnkit import activations as act
from nnkit import neuron as ref


def _z_cases(name, big=30.0):
    rng = rng_for(name)
    return [
        Case((np.array([[-1.0, 0.0, 2.0]]),)),
        Case((np.array([-3.0, -0.5, 0.5, 3.0]),)),
        Case((rng.normal(size=(3, 4)) * 3,), hidden=True),
        Case((rng.normal(size=(5, 1)),), hidden=True),
        Case((rng.uniform(-6, 6, size=(2, 7)),), hidden=True),
        Case((np.array([[-big, -10.0, 0.0, 10.0, big]]),), hidden=True),
    ]


def _leaky_cases():
    rng = rng_for("leaky_relu")
    return [
        Case((np.array([[-2.0, -0.5, 0.0, 1.5]]),)),
        Case((np.array([[-2.0, 3.0], [0.5, -1.0]]),), {"alpha": 0.2}),
        Case((rng.normal(size=(3, 5)) * 2,), {"alpha": 0.05}, hidden=True),
        Case((rng.normal(size=(4,)),), hidden=True),
        Case((rng.normal(size=(2, 3)),), {"alpha": 0.3}, hidden=True),
    ]


def _neuron_cases():
    rng = rng_for("neuron_forward")
    return [
        Case((np.array([[1.0], [-2.0]]), 0.5, np.array([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]))),
        Case((np.array([[0.5], [1.0], [-1.0]]), -1.0, np.array([[2.0, 0.0, 1.0, -1.0], [1.0, 0.5, -2.0, 0.0],
                                                                  [0.0, 1.5, 1.0, 1.0]]))),
        Case((rng.normal(size=(3, 1)), -0.3, rng.normal(size=(3, 6))), hidden=True),
        Case((rng.normal(size=(1, 1)), 2.0, rng.normal(size=(1, 4))), hidden=True),
        Case((rng.normal(size=(5, 1)), 0.0, rng.normal(size=(5, 1))), hidden=True),
    ]


def _layer_cases():
    rng = rng_for("layer_forward")
    W, b, A = np.array([[1.0, -1.0], [0.5, 2.0], [-1.0, 0.0]]), np.array([[0.1], [-0.2], [0.0]]), \
        np.array([[1.0, 2.0], [-1.0, 0.5]])
    # a square W first: there W^T A_prev runs, so a transposed W is named rather than a shape error
    out = [Case((np.array([[1.0, -2.0], [0.5, 1.0]]), np.array([[0.5], [-1.0]]),
                 np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]])))]
    out += [Case((W, b, A))] + [Case((W, b, A), {"activation": a}) for a in ("tanh", "relu", "leaky_relu")]
    for act_name in ("sigmoid", "tanh", "relu", "leaky_relu"):
        out.append(Case((rng.normal(size=(4, 3)), rng.normal(size=(4, 1)), rng.normal(size=(3, 5))),
                        {"activation": act_name}, hidden=True))
    out.append(Case((rng.normal(size=(1, 2)), rng.normal(size=(1, 1)), rng.normal(size=(2, 7))), hidden=True))
    out.append(Case((rng.normal(size=(6, 4)), rng.normal(size=(6, 1)), rng.normal(size=(4, 1))),
                    {"activation": "tanh"}, hidden=True))
    return out


def _apply(name, Z):
    return {"sigmoid": act.sigmoid, "tanh": act.tanh, "relu": act.relu, "leaky_relu": act.leaky_relu}[name](Z)


FUNCTIONS = [
    FunctionSpec(
        "sigmoid", ref.sigmoid, lambda: _z_cases("sigmoid"),
        mistakes=[
            Mistake("a sign slip in the exponent", "this is sigmoid(-z): sigmoid(z) = 1 / (1 + exp(-z)), note the "
                    "minus (and 1 on top, not exp(-z)).",
                    lambda z: 1 / (1 + np.exp(np.asarray(z, dtype=float)))),
            Mistake("1 - exp(-z) in the denominator", "the denominator is 1 + exp(-z).",
                    lambda z: 1 / (1 - np.exp(-np.asarray(z, dtype=float)))),
            Mistake("tanh in place of sigmoid", "sigmoid squashes to (0, 1), tanh to (-1, 1).",
                    lambda z: np.tanh(z)),
        ]),
    FunctionSpec(
        "tanh", ref.tanh, lambda: _z_cases("tanh", big=20.0),
        mistakes=[
            Mistake("sigmoid in place of tanh", "tanh(z) = (e^z - e^-z) / (e^z + e^-z), with outputs in (-1, 1).",
                    lambda z: act.sigmoid(z)),
            Mistake("2 sigmoid(z) - 1 (the z needs doubling)", "tanh(z) = 2 sigmoid(2z) - 1.",
                    lambda z: 2 * act.sigmoid(z) - 1),
            Mistake("numerator and denominator swapped", "tanh(z) = (e^z - e^-z) / (e^z + e^-z).",
                    lambda z: 1 / np.tanh(z)),
        ]),
    FunctionSpec(
        "relu", ref.relu, lambda: _z_cases("relu"),
        mistakes=[
            Mistake("np.max in place of np.maximum", "np.max(z, 0) takes the largest entry along axis 0; "
                    "np.maximum(z, 0) compares entry by entry.", lambda z: np.max(z, 0)),
            Mistake("min in place of max", "relu keeps positive values and sets negative ones to 0.",
                    lambda z: np.minimum(z, 0)),
            Mistake("the mask z > 0 in place of the values", "multiply the mask by z (that mask is relu's derivative).",
                    lambda z: (np.asarray(z) > 0).astype(float)),
        ]),
    FunctionSpec(
        "leaky_relu", ref.leaky_relu, _leaky_cases,
        mistakes=[
            Mistake("alpha fixed at 0.01", "use the alpha argument, not the number 0.01.",
                    lambda z, alpha=0.01: act.leaky_relu(z, 0.01)),
            Mistake("the two branches swapped", "leaky_relu(z) = z for z > 0 and alpha * z otherwise.",
                    lambda z, alpha=0.01: np.where(np.asarray(z) > 0, alpha * np.asarray(z), z)),
            Mistake("plain relu", "negative inputs give alpha * z, not 0.",
                    lambda z, alpha=0.01: np.maximum(z, 0)),
        ]),
    FunctionSpec(
        "neuron_forward", ref.neuron_forward, _neuron_cases, deps=("sigmoid",),
        mistakes=[
            Mistake("z without the sigmoid", "return a = sigmoid(z), not z.",
                    lambda w, b, X: np.dot(np.asarray(w).T, X) + b),
            Mistake("a forgotten bias", "z = w^T X + b.", lambda w, b, X: act.sigmoid(np.dot(np.asarray(w).T, X))),
            Mistake("X^T w in place of w^T X", "with one column per example, z = w^T X has shape (1, m).",
                    lambda w, b, X: act.sigmoid(np.dot(np.asarray(X).T, w) + b)),
            Mistake("the bias added after the sigmoid", "the bias belongs inside: a = sigmoid(w^T X + b).",
                    lambda w, b, X: act.sigmoid(np.dot(np.asarray(w).T, X)) + b),
        ]),
    FunctionSpec(
        "layer_forward", ref.layer_forward, _layer_cases, deps=("sigmoid", "tanh", "relu", "leaky_relu"),
        mistakes=[
            Mistake("the activation argument ignored", "apply the activation named by `activation`.",
                    lambda W, b, A_prev, activation="sigmoid": act.sigmoid(np.dot(W, A_prev) + b)),
            Mistake("a forgotten bias", "Z = W A_prev + b.",
                    lambda W, b, A_prev, activation="sigmoid": _apply(activation, np.dot(W, A_prev))),
            Mistake("Z returned without the activation", "return A = g(Z).",
                    lambda W, b, A_prev, activation="sigmoid": np.dot(W, A_prev) + b),
            Mistake("W transposed", "W has shape (n_l, n_prev), so Z = W A_prev (no transpose).",
                    lambda W, b, A_prev, activation="sigmoid": _apply(activation, np.dot(np.asarray(W).T, A_prev) + b)),
            Mistake("the bias added after the activation", "the bias belongs inside: A = g(W A_prev + b).",
                    lambda W, b, A_prev, activation="sigmoid": _apply(activation, np.dot(W, A_prev)) + b),
        ]),
]


def _shape_answer(expected):
    def accept(value):
        return isinstance(value, (tuple, list)) and tuple(int(v) for v in value) == expected
    return accept


QUESTIONS = [
    QuestionSpec("q_linear_layers", one_of(1, "1", "one"),
                 "Multiply out W2 (W1 x + b1) + b2: how many weight matrices does the result need?"),
    QuestionSpec("q_w1_shape", _shape_answer((4, 3)),
                 "W[1] maps the 3 inputs to the 4 hidden units: rows are units, columns are inputs."),
    QuestionSpec("q_zero_centred", one_of("b", "tanh"),
                 "Which of the three has outputs on both sides of 0, symmetric about 0?"),
]

HELPERS = {}
