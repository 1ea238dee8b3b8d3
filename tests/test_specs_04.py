"""The checks of 04_two_layer_backprop: the reference and other correct solutions pass (other
orders of drawing, loops, an initialisation written inside nn_model, another flattening order in
gradient_check), every known mistake fails and is named, errors, wrong types and modified inputs get
clear messages, and the judge (outside the kernel) agrees."""

import math
import textwrap

import numpy as np
import pytest

from grader import CheckFailed, Checker, specs
from grader.engine import Outcome, evaluate, run_reference
from grader.judge import Judge
from grader.specs.a04_two_layer_backprop import INIT_MISTAKES
from nnkit import activations

ASSIGNMENT = "04_two_layer_backprop"
CHECK = Checker(ASSIGNMENT)
SPEC = specs.load(ASSIGNMENT)


def cell(src):
    """Run solution cells' text as the notebook would (numpy, math and the helpers) and return the namespace."""
    ns = {"np": np, "math": math, "sigmoid": activations.sigmoid, "tanh": activations.tanh}
    exec(textwrap.dedent(src), ns)
    return ns


def verdict(name, src, hidden=True):
    return CHECK.verdict(name, cell(src)[name], hidden=hidden)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "layer_sizes": """
        def layer_sizes(X, Y, n_h):
            n_x = X.shape[0]
            n_y = Y.shape[0]
            return (n_x, n_h, n_y)
    """,
    "initialize_parameters": """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W1 = rng.standard_normal((n_h, n_x)) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = rng.standard_normal((n_y, n_h)) * 0.01
            b2 = np.zeros((n_y, 1))
            return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    """,
    "forward_propagation": """
        def forward_propagation(X, parameters):
            W1, b1 = parameters["W1"], parameters["b1"]
            W2, b2 = parameters["W2"], parameters["b2"]
            Z1 = np.dot(W1, X) + b1
            A1 = tanh(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
            return A2, cache
    """,
    "compute_cost": """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
            cost = -np.sum(logprobs) / m
            return float(cost)
    """,
    "backward_propagation": """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """,
    "update_parameters": """
        def update_parameters(parameters, grads, learning_rate):
            new = {}
            for key in ("W1", "b1", "W2", "b2"):
                new[key] = parameters[key] - learning_rate * grads["d" + key]
            return new
    """,
    "nn_model": """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """,
    "predict": """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (A2 > 0.5).astype(float)
    """,
    "gradient_check": """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, gradapprox = [], []
            for key in ("W1", "b1", "W2", "b2"):
                for index in np.ndindex(parameters[key].shape):
                    plus = {k: v.copy() for k, v in parameters.items()}
                    minus = {k: v.copy() for k, v in parameters.items()}
                    plus[key][index] += epsilon
                    minus[key][index] -= epsilon
                    J_plus = compute_cost(forward_propagation(X, plus)[0], Y)
                    J_minus = compute_cost(forward_propagation(X, minus)[0], Y)
                    gradapprox.append((J_plus - J_minus) / (2 * epsilon))
                    grad.append(grads["d" + key][index])
            grad, gradapprox = np.array(grad), np.array(gradapprox)
            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            return float(numerator / denominator)
    """,
}

OTHER_CORRECT = [
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            return [np.shape(X)[0], n_h, np.shape(Y)[0]]
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W2 = rng.normal(0, 0.01, size=(n_y, n_h))
            W1 = rng.normal(0, 0.01, size=(n_h, n_x))
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(seed)
            W1 = np.random.randn(n_h, n_x) * 0.01
            b1 = np.zeros(shape=(n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros(shape=(n_y, 1))
            return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    """),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            Z1 = parameters["W1"] @ X + parameters["b1"]
            A1 = np.tanh(Z1)
            Z2 = parameters["W2"] @ A1 + parameters["b2"]
            A2 = 1 / (1 + np.exp(-Z2))
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "X": X}
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            eps = 1e-12
            logprobs = np.dot(Y, np.log(A2 + eps).T) + np.dot(1 - Y, np.log(1 - A2 + eps).T)
            return float(np.squeeze(-logprobs / m))
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-10, 1 - 1e-10)
            return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    """),
    ("backward_propagation", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W2 = parameters["W2"]
            grads = {"dW1": np.zeros(parameters["W1"].shape), "db1": np.zeros(parameters["b1"].shape),
                     "dW2": np.zeros(W2.shape), "db2": np.zeros(parameters["b2"].shape)}
            for i in range(m):
                x, a1 = X[:, i:i + 1], np.tanh(cache["Z1"][:, i:i + 1])
                dz2 = cache["A2"][:, i:i + 1] - Y[:, i:i + 1]
                dz1 = (W2.T @ dz2) * (1 - a1 ** 2)
                grads["dW2"] += dz2 @ a1.T / m
                grads["db2"] += dz2 / m
                grads["dW1"] += dz1 @ x.T / m
                grads["db1"] += dz1 / m
            return grads
    """),
    ("update_parameters", """
        def update_parameters(parameters, grads, learning_rate):
            parameters = {k: v.copy() for k, v in parameters.items()}
            parameters["W1"] -= learning_rate * grads["dW1"]
            parameters["b1"] -= learning_rate * grads["db1"]
            parameters["W2"] -= learning_rate * grads["dW2"]
            parameters["b2"] -= learning_rate * grads["db2"]
            return parameters
    """),
    ("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            # its own initialisation, drawn in another order than initialize_parameters
            rng = np.random.default_rng(seed)
            n_x = X.shape[0]
            parameters = {"W2": rng.standard_normal((1, n_h)) * 0.01, "b2": np.zeros((1, 1)),
                          "W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1))}
            costs = []
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                costs.append(compute_cost(A2, Y))
                if i % 1000 == 0:
                    print(f"cost after iteration {i}: {costs[-1]:.4f}")
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("predict", """
        def predict(parameters, X):
            A2, _ = forward_propagation(X, parameters)
            return np.round(A2)
    """),
    ("predict", """
        def predict(parameters, X):
            A2, _ = forward_propagation(X, parameters)
            return A2 > 0.5
    """),
    ("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            # flattened in another order (biases first), one vector at a time
            keys = ["b1", "b2", "W1", "W2"]
            shapes = {k: parameters[k].shape for k in keys}
            theta = np.concatenate([parameters[k].ravel() for k in keys])

            def to_dict(vector):
                out, start = {}, 0
                for k in keys:
                    size = int(np.prod(shapes[k]))
                    out[k] = vector[start:start + size].reshape(shapes[k])
                    start += size
                return out

            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad = np.concatenate([grads["d" + k].ravel() for k in keys])
            gradapprox = np.zeros_like(theta)
            for i in range(theta.size):
                theta_plus, theta_minus = theta.copy(), theta.copy()
                theta_plus[i] += epsilon
                theta_minus[i] -= epsilon
                J_plus = compute_cost(forward_propagation(X, to_dict(theta_plus))[0], Y)
                J_minus = compute_cost(forward_propagation(X, to_dict(theta_minus))[0], Y)
                gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
            return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    """),
]

MISTAKES = [
    ("layer_sizes", "n_h hard-coded as 4", """
        def layer_sizes(X, Y, n_h):
            return (X.shape[0], 4, Y.shape[0])
    """),
    ("layer_sizes", "m in place of n_x", """
        def layer_sizes(X, Y, n_h):
            return (X.shape[1], n_h, Y.shape[0])
    """),
    ("layer_sizes", "n_y as the number of examples", """
        def layer_sizes(X, Y, n_h):
            return (X.shape[0], n_h, Y.shape[1])
    """),
    ("initialize_parameters", "b drawn at random", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": rng.standard_normal((n_h, 1)) * 0.01,
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": rng.standard_normal((n_y, 1)) * 0.01}
    """),
    ("initialize_parameters", "all-zero weights", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            return {"W1": np.zeros((n_h, n_x)), "b1": np.zeros((n_h, 1)),
                    "W2": np.zeros((n_y, n_h)), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the same weights for every hidden unit", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            return {"W1": np.full((n_h, n_x), 0.01), "b1": np.zeros((n_h, 1)),
                    "W2": np.full((n_y, n_h), 0.01), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the seed ignored", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng()
            return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the seed ignored", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(2)
            return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the 0.01 scale left out", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": rng.standard_normal((n_h, n_x)), "b1": np.zeros((n_h, 1)),
                    "W2": rng.standard_normal((n_y, n_h)), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "uniform in place of normal", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": rng.random((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.random((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "uniform in place of normal", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": rng.uniform(-1, 1, (n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.uniform(-1, 1, (n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("forward_propagation", "the biases left out", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"], X)
            A1 = tanh(Z1)
            Z2 = np.dot(parameters["W2"], A1)
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", "sigmoid in the hidden layer", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
            A1 = sigmoid(Z1)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", "ReLU in the hidden layer", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
            A1 = np.maximum(Z1, 0)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", "tanh at the output", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
            A1 = tanh(Z1)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = tanh(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", "tanh at the output and sigmoid in the hidden layer", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
            A1 = sigmoid(Z1)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = tanh(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", "W1 transposed", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(parameters["W1"].T, X) + parameters["b1"]
            A1 = tanh(Z1)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("compute_cost", "the minus sign left out", """
        def compute_cost(A2, Y):
            return float(np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    """),
    ("compute_cost", "a sum in place of the mean", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    """),
    ("compute_cost", "the (1 - Y) log(1 - A2) term left out", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            return float(-np.sum(Y * np.log(A2)) / m)
    """),
    ("compute_cost", "the cost as a (1, 1) array", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            logprobs = np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)
            return -logprobs / m
    """),
    ("compute_cost", "the squared error in place of the cross-entropy", """
        def compute_cost(A2, Y):
            return float(np.mean((A2 - Y) ** 2))
    """),
    ("compute_cost", "no clipping at A2 = 0 or 1", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
    """),
    ("backward_propagation", "a missing 1/m", """
        def backward_propagation(parameters, cache, X, Y):
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T)
            db2 = np.sum(dZ2, axis=1, keepdims=True)
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T)
            db1 = np.sum(dZ1, axis=1, keepdims=True)
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "db without keepdims=True", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "db summed over the wrong axis", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=0, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=0, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "db as one number", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1) / m,
                    "dW2": np.dot(dZ2, A1.T) / m, "db2": np.sum(dZ2) / m}
    """),
    ("backward_propagation", "tanh' computed from Z1", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - cache["Z1"] ** 2)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "tanh' as 1 - A1 (not squared)", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "sigmoid's derivative in the hidden layer", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * A1 * (1 - A1)
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "np.dot in place of * in dZ1", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(np.dot(parameters["W2"].T, dZ2), 1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "dZ2 = Y - A2 (the sign)", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = Y - A2
            dW2 = np.dot(dZ2, A1.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("backward_propagation", "dW transposed", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(A1, dZ2.T) / m
            db2 = np.sum(dZ2, axis=1, keepdims=True) / m
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(X, dZ1.T) / m
            db1 = np.sum(dZ1, axis=1, keepdims=True) / m
            return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    """),
    ("update_parameters", "+ in place of -", """
        def update_parameters(parameters, grads, learning_rate):
            return {k: parameters[k] + learning_rate * grads["d" + k] for k in parameters}
    """),
    ("update_parameters", "the biases not updated", """
        def update_parameters(parameters, grads, learning_rate):
            return {"W1": parameters["W1"] - learning_rate * grads["dW1"], "b1": parameters["b1"].copy(),
                    "W2": parameters["W2"] - learning_rate * grads["dW2"], "b2": parameters["b2"].copy()}
    """),
    ("update_parameters", "a hard-coded learning rate", """
        def update_parameters(parameters, grads, learning_rate=1.2):
            return {k: parameters[k] - 1.2 * grads["d" + k] for k in parameters}
    """),
    ("update_parameters", "modifies its input", """
        def update_parameters(parameters, grads, learning_rate):
            for k in parameters:
                parameters[k] -= learning_rate * grads["d" + k]
            return parameters
    """),
    ("nn_model", "the result of update_parameters thrown away", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("nn_model", "n_h ignored", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, 4)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("nn_model", "a hard-coded learning rate", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, 1.2)
            return parameters
    """),
    ("nn_model", "a hard-coded number of iterations", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            for i in range(1000):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("nn_model", "the seed ignored", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, 42)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("nn_model", "the seed ignored", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            rng = np.random.default_rng(7)
            n_x = X.shape[0]
            parameters = {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                          "W2": rng.standard_normal((1, n_h)) * 0.01, "b2": np.zeros((1, 1))}
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("nn_model", "all-zero weights", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x = X.shape[0]
            parameters = {"W1": np.zeros((n_h, n_x)), "b1": np.zeros((n_h, 1)),
                          "W2": np.zeros((1, n_h)), "b2": np.zeros((1, 1))}
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("predict", "probabilities in place of labels", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return A2
    """),
    ("predict", "the labels flipped", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (A2 < 0.5).astype(float)
    """),
    ("predict", "the labels as a 1-D array", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return np.array([1.0 if a > 0.5 else 0.0 for a in A2[0]])
    """),
    ("predict", "the threshold 0 in place of 0.5", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (A2 > 0).astype(float)
    """),
]

_GRADCHECK = """
    def gradient_check(parameters, X, Y, epsilon=1e-7):
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        J = compute_cost(A2, Y)
        grad, gradapprox = [], []
        for key in ("W1", "b1", "W2", "b2"):
            for index in np.ndindex(parameters[key].shape):
                plus = {k: v.copy() for k, v in parameters.items()}
                minus = {k: v.copy() for k, v in parameters.items()}
                plus[key][index] += EPS
                minus[key][index] -= EPS
                J_plus = compute_cost(forward_propagation(X, plus)[0], Y)
                J_minus = compute_cost(forward_propagation(X, minus)[0], Y)
                gradapprox.append(APPROX)
                grad.append(grads["d" + key][index])
        grad, gradapprox = np.array(grad), np.array(gradapprox)
        return float(np.linalg.norm(grad - gradapprox) / (DENOMINATOR))
"""


def _gradcheck(eps="epsilon", approx="(J_plus - J_minus) / (2 * epsilon)",
               denominator="np.linalg.norm(grad) + np.linalg.norm(gradapprox)"):
    return _GRADCHECK.replace("EPS", eps).replace("APPROX", approx).replace("DENOMINATOR", denominator)


MISTAKES += [
    ("gradient_check", "a one-sided difference", _gradcheck(approx="(J_plus - J) / epsilon")),
    ("gradient_check", "dividing by eps instead of 2 eps", _gradcheck(approx="(J_plus - J_minus) / epsilon")),
    ("gradient_check", "the denominator without the norm of gradapprox",
     _gradcheck(denominator="np.linalg.norm(grad)")),
    ("gradient_check", "the difference not divided by the norms", _gradcheck(denominator="1")),
    ("gradient_check", "a hard-coded epsilon",
     _gradcheck(eps="1e-7", approx="(J_plus - J_minus) / (2 * 1e-7)")),
]

#: Mistakes named by the custom checks (not in a table of the spec).
CUSTOM_NAMED = {("initialize_parameters", m) for m in INIT_MISTAKES} | {
    ("compute_cost", "no clipping at A2 = 0 or 1"), ("nn_model", "all-zero weights"),
    ("update_parameters", "modifies its input"), ("nn_model", "the seed ignored")}


# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SPEC.functions))
def test_reference_passes_every_case(name):
    spec = SPEC.functions[name]
    v = evaluate(spec, lambda case: Outcome(value=run_reference(spec.ref, case)), hidden=True)
    assert v.passed, v.message
    assert v.checks >= len(spec.cases())


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_model_solution_passes(name):
    v = verdict(name, SOLUTIONS[name])
    assert v.passed, v.message


@pytest.mark.parametrize("name,src", OTHER_CORRECT, ids=[f"{n}-{i}" for i, (n, _) in enumerate(OTHER_CORRECT)])
def test_other_correct_solutions_pass(name, src):
    v = verdict(name, src)
    assert v.passed, v.message


@pytest.mark.parametrize("name,mistake,src", MISTAKES, ids=[f"{n}:{m}:{i}" for i, (n, m, _) in enumerate(MISTAKES)])
def test_known_mistake_is_named(name, mistake, src):
    v = verdict(name, src)
    assert not v.passed
    assert v.mistake == mistake, v.message
    if (name, mistake) not in CUSTOM_NAMED:
        assert f"This looks like {mistake}" in v.message
    assert len(v.message.splitlines()) <= 5


def test_every_mistake_of_the_spec_is_tested():
    tested = {(n, m) for n, m, _ in MISTAKES}
    for name, spec in SPEC.functions.items():
        for m in spec.mistakes:
            assert (name, m.name) in tested, f"{name}: no test for mistake {m.name!r}"
    assert CUSTOM_NAMED <= tested


@pytest.mark.parametrize("name,mistake", [
    ("layer_sizes", "n_h hard-coded as 4"), ("update_parameters", "a hard-coded learning rate"),
    ("gradient_check", "a hard-coded epsilon"), ("backward_propagation", "np.dot in place of * in dZ1"),
    ("forward_propagation", "W1 transposed"), ("initialize_parameters", "the 0.01 scale left out"),
    ("nn_model", "a hard-coded learning rate")])
def test_visible_checks_catch_common_mistakes(name, mistake):
    src = next(s for n, m, s in MISTAKES if (n, m) == (name, mistake))
    v = verdict(name, src, hidden=False)
    assert not v.passed and v.mistake == mistake, v.message


def test_a_broken_dependency_costs_its_points_once():
    ns = cell(next(s for n, m, s in MISTAKES if m == "a missing 1/m") + SOLUTIONS["nn_model"]
              + SOLUTIONS["gradient_check"])
    assert not CHECK.verdict("backward_propagation", ns["backward_propagation"], hidden=True).passed
    for name in ("nn_model", "gradient_check"):
        v = CHECK.verdict(name, ns[name], hidden=True)
        assert v.passed, v.message


def test_a_function_that_raises():
    v = verdict("backward_propagation", """
        def backward_propagation(parameters, cache, X, Y):
            dZ2 = cache["dZ2"]
    """)
    assert not v.passed and "raised KeyError" in v.message
    v = verdict("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message


def test_a_wrong_type():
    v = verdict("forward_propagation", """
        def forward_propagation(X, parameters):
            return sigmoid(parameters["W2"] @ tanh(parameters["W1"] @ X + parameters["b1"]) + parameters["b2"])
    """)
    assert not v.passed and "expected a tuple of length 2" in v.message
    v = verdict("gradient_check", _gradcheck(denominator="np.array([[1.0]])").replace(
        "return float(", "return ("))
    assert not v.passed and "expected one number" in v.message
    v = verdict("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return rng.standard_normal((n_h, n_x)) * 0.01, np.zeros((n_h, 1))
    """)
    assert not v.passed and "expected a dict" in v.message
    v = verdict("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": rng.standard_normal((n_x, n_h)) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
    """)
    assert not v.passed and "(transposed?)" in v.message


def test_gradient_check_that_modifies_its_input():
    v = verdict("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, gradapprox = [], []
            for key in ("W1", "b1", "W2", "b2"):
                for index in np.ndindex(parameters[key].shape):
                    parameters[key][index] += epsilon
                    J_plus = compute_cost(forward_propagation(X, parameters)[0], Y)
                    parameters[key][index] -= 2 * epsilon
                    J_minus = compute_cost(forward_propagation(X, parameters)[0], Y)
                    gradapprox.append((J_plus - J_minus) / (2 * epsilon))
                    grad.append(grads["d" + key][index])
            grad, gradapprox = np.array(grad), np.array(gradapprox)
            return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    """)
    assert not v.passed and v.mistake == "modifies its input"


def test_calling_the_reference_earns_nothing():
    from nnkit import two_layer
    ns = {"np": np, "two_layer": two_layer}
    exec("def backward_propagation(parameters, cache, X, Y):\n"
         "    return two_layer.backward_propagation(parameters, cache, X, Y)\n", ns)
    v = CHECK.verdict("backward_propagation", ns["backward_propagation"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("layer_sizes", cell(SOLUTIONS["layer_sizes"])["layer_sizes"])
    assert capsys.readouterr().out.startswith("\u2714 layer_sizes: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("backward_propagation", cell(next(s for n, m, s in MISTAKES if m == "db without keepdims=True"))
              ["backward_propagation"])
    assert "keepdims" in str(info.value)


# --------------------------------------------------------------------------------------------------
# Questions


@pytest.mark.parametrize("name,right,wrong", [
    ("q_symmetric_units", [1, "1", "one", 1.0], [4, 0, "four", None]),
    ("q_dz1_shape", [(4, 400), [4, 400]], [(400, 4), (4, 2), (1, 400), "4x400"]),
    ("q_gradcheck", ["c", " C"], ["a", "b", "d", 3]),
])
def test_questions(name, right, wrong):
    for value in right:
        CHECK.answer(name, value)
    for value in wrong:
        with pytest.raises(CheckFailed):
            CHECK.answer(name, value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees


ANSWERS = ["q_symmetric_units = 1\n", "q_dz1_shape = (4, 400)\n", "q_gradcheck = 'a'\n"]
QUESTION_NAMES = ["q_symmetric_units", "q_dz1_shape", "q_gradcheck"]


def _sources(**override):
    srcs = {**{k: textwrap.dedent(v) for k, v in SOLUTIONS.items()},
            **{k: textwrap.dedent(v) for k, v in override.items()}}
    return [srcs[k] for k in SOLUTIONS] + ANSWERS


def test_judge_agrees_on_a_notebook(tmp_path):
    no_m = next(s for n, m, s in MISTAKES if m == "a missing 1/m")
    names = list(SOLUTIONS) + QUESTION_NAMES
    verdicts = Judge(SPEC, tmp_path).judge(_sources(backward_propagation=no_m), names)
    assert {n for n, v in verdicts.items() if v.passed} == set(names) - {"backward_propagation", "q_gradcheck"}
    assert verdicts["backward_propagation"].mistake == "a missing 1/m"


def test_judge_accepts_other_draws_and_names_rng_misuse(tmp_path):
    own_init = next(s for n, s in OTHER_CORRECT if n == "nn_model")
    other_init = [s for n, s in OTHER_CORRECT if n == "initialize_parameters"][0]
    verdicts = Judge(SPEC, tmp_path).judge(_sources(nn_model=own_init, initialize_parameters=other_init),
                                           ["nn_model", "initialize_parameters"])
    assert all(v.passed for v in verdicts.values()), {k: v.message for k, v in verdicts.items()}
    unseeded = [s for n, m, s in MISTAKES if m == "the seed ignored" and n == "initialize_parameters"][0]
    v = Judge(SPEC, tmp_path).judge(_sources(initialize_parameters=unseeded), ["initialize_parameters"])
    assert v["initialize_parameters"].mistake == "the seed ignored"


def test_judge_refuses_a_cell_that_imports_nnkit(tmp_path):
    cheat = "from nnkit.two_layer import layer_sizes\n"
    verdicts = Judge(SPEC, tmp_path).judge([cheat], ["layer_sizes"])
    assert not verdicts["layer_sizes"].passed


def test_judge_accepts_a_cost_returned_as_a_0d_array(tmp_path):
    squeezed = """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            logprobs = np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)
            return np.squeeze(-logprobs / m)
    """
    assert verdict("compute_cost", squeezed).passed
    v = Judge(SPEC, tmp_path).judge([textwrap.dedent(squeezed)], ["compute_cost"])
    assert v["compute_cost"].passed, v["compute_cost"].message
