"""The checks of 04_two_layer_backprop: the reference and other correct solutions pass (other
orders of drawing, loops, an initialisation written inside nn_model, another flattening order in
gradient_check), every known mistake fails and is named, errors, wrong types and modified inputs get
clear messages, and the judge (outside the kernel) agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.judge.judge import Judge
from grader.specs.a04_two_layer_backprop import INIT_MISTAKES
from spec_suite import SpecSuite, edit

ASSIGNMENT = "04_two_layer_backprop"
SPEC = specs.load(ASSIGNMENT)


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

# --------------------------------------------------------------------------------------------------
# The bases of the red-team variants: a variant that differs from one of these (or from SOLUTIONS[name])
# by a few lines is written as that edit. Each base is a correct solution of OTHER_CORRECT.

#: Andrew Ng's course-1 week-3 solutions (adapted to the seed argument).
NG_BACKWARD = """
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        W1 = parameters["W1"]
        W2 = parameters["W2"]
        A1 = cache["A1"]
        A2 = cache["A2"]
        dZ2 = A2 - Y
        dW2 = (1 / m) * np.dot(dZ2, A1.T)
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
        dW1 = (1 / m) * np.dot(dZ1, X.T)
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        return grads
"""

NG_NN_MODEL = """
    def nn_model(X, Y, n_h, num_iterations, learning_rate, seed, print_cost=False):
        n_x = layer_sizes(X, Y, n_h)[0]
        n_y = layer_sizes(X, Y, n_h)[2]
        parameters = initialize_parameters(n_x, n_h, n_y, seed)
        for i in range(0, num_iterations):
            A2, cache = forward_propagation(X, parameters)
            cost = compute_cost(A2, Y)
            grads = backward_propagation(parameters, cache, X, Y)
            parameters = update_parameters(parameters, grads, learning_rate)
            if print_cost and i % 1000 == 0:
                print("Cost after iteration %i: %f" % (i, cost))
        return parameters
"""

NG_GRADIENT_CHECK = """
    def gradient_check(parameters, X, Y, epsilon=1e-7):
        keys = ["W1", "b1", "W2", "b2"]
        def dictionary_to_vector(d, names):
            return np.concatenate([d[k].reshape(-1, 1) for k in names], axis=0)
        def vector_to_dictionary(theta):
            out, start = {}, 0
            for k in keys:
                n = parameters[k].size
                out[k] = theta[start:start + n].reshape(parameters[k].shape)
                start += n
            return out
        parameters_values = dictionary_to_vector(parameters, keys)
        A2, cache = forward_propagation(X, parameters)
        gradients = backward_propagation(parameters, cache, X, Y)
        grad = dictionary_to_vector(gradients, ["d" + k for k in keys])
        num_parameters = parameters_values.shape[0]
        J_plus = np.zeros((num_parameters, 1))
        J_minus = np.zeros((num_parameters, 1))
        gradapprox = np.zeros((num_parameters, 1))
        for i in range(num_parameters):
            thetaplus = np.copy(parameters_values)
            thetaplus[i][0] = thetaplus[i][0] + epsilon
            J_plus[i] = compute_cost(forward_propagation(X, vector_to_dictionary(thetaplus))[0], Y)
            thetaminus = np.copy(parameters_values)
            thetaminus[i][0] = thetaminus[i][0] - epsilon
            J_minus[i] = compute_cost(forward_propagation(X, vector_to_dictionary(thetaminus))[0], Y)
            gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        numerator = np.linalg.norm(grad - gradapprox)
        denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
        difference = numerator / denominator
        if difference > 2e-7:
            print("There is a mistake in the backward propagation! difference = " + str(difference))
        else:
            print("Your backward propagation works perfectly fine! difference = " + str(difference))
        return difference
"""

#: Other styles than SOLUTIONS: the parameters indexed inline (no W1 = ...), nn_model without the cost.
INIT_INLINE = """
    def initialize_parameters(n_x, n_h, n_y, seed):
        rng = np.random.default_rng(seed)
        return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}
"""

FORWARD_INLINE = """
    def forward_propagation(X, parameters):
        Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
        A1 = tanh(Z1)
        Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
        A2 = sigmoid(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
"""

BACKWARD_INLINE = """
    def backward_propagation(parameters, cache, X, Y):
        m = X.shape[1]
        A1, A2 = cache["A1"], cache["A2"]
        dZ2 = A2 - Y
        dW2 = np.dot(dZ2, A1.T) / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
        dW1 = np.dot(dZ1, X.T) / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
"""

NN_MODEL_NO_COST = """
    def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
        n_x, n_h, n_y = layer_sizes(X, Y, n_h)
        parameters = initialize_parameters(n_x, n_h, n_y, seed)
        for i in range(num_iterations):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            parameters = update_parameters(parameters, grads, learning_rate)
        return parameters
"""

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
    ("compute_cost", """
        def compute_cost(A2, Y):
            # a tiny eps inside the logs (as 02 accepts): -1e-5 for predictions exactly right
            m = Y.shape[1]
            return float(-np.sum(Y * np.log(A2 + 1e-5) + (1 - Y) * np.log(1 - A2 + 1e-5)) / m)
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
    # found by red-teaming: Ng's course-1 week-3 solutions (adapted to the seed argument), other
    # formulas, loops, prints, asserts, extra keyword arguments
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            n_x = X.shape[0]
            n_y = Y.shape[0]
            return (n_x, n_h, n_y)
    """),
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h=4):
            n_x, _ = X.shape
            n_y, _ = Y.shape
            print("sizes", n_x, n_h, n_y)
            return n_x, n_h, n_y
    """),
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            return len(X), n_h, len(Y)
    """),
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            return (np.shape(X)[0], int(n_h), np.shape(Y)[0])
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(seed)
            W1 = np.random.randn(n_h, n_x) * 0.01
            b1 = np.zeros((n_h, 1))
            W2 = np.random.randn(n_y, n_h) * 0.01
            b2 = np.zeros((n_y, 1))
            assert (W1.shape == (n_h, n_x))
            assert (b1.shape == (n_h, 1))
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            return {"W1": 0.01 * rng.normal(size=(n_h, n_x)), "b1": np.zeros([n_h, 1]),
                    "W2": 0.01 * rng.normal(size=(n_y, n_h)), "b2": np.zeros([n_y, 1])}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rs = np.random.RandomState(seed)
            return {"W1": rs.randn(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": rs.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed=None):
            rng = np.random.default_rng(seed)
            parameters = {}
            parameters["W1"] = rng.normal(0.0, 0.01, (n_h, n_x))
            parameters["b1"] = np.zeros((n_h, 1))
            parameters["W2"] = rng.normal(0.0, 0.01, (n_y, n_h))
            parameters["b2"] = np.zeros((n_y, 1))
            return parameters
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W1 = rng.standard_normal(size=n_h * n_x).reshape(n_h, n_x) / 100
            W2 = rng.standard_normal(size=n_y * n_h).reshape(n_y, n_h) / 100
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W1 = np.zeros((n_h, n_x))
            for i in range(n_h):
                for j in range(n_x):
                    W1[i, j] = rng.standard_normal() * 0.01
            W2 = rng.standard_normal((n_y, n_h)) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]
            Z1 = np.dot(W1, X) + b1
            A1 = np.tanh(Z1)
            Z2 = np.dot(W2, A1) + b2
            A2 = sigmoid(Z2)
            assert(A2.shape == (1, X.shape[1]))
            cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
            return A2, cache
    """),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            Z1 = np.matmul(parameters["W1"], X) + parameters["b1"]
            A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))
            Z2 = np.matmul(parameters["W2"], A1) + parameters["b2"]
            A2 = 1 / (1 + np.exp(-Z2))
            return A2, dict(Z1=Z1, A1=A1, Z2=Z2, A2=A2)
    """),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
            m = X.shape[1]
            Z1 = np.zeros((W1.shape[0], m))
            for i in range(m):
                Z1[:, i:i+1] = W1 @ X[:, i:i+1] + b1
            A1 = tanh(Z1)
            Z2 = (A1.T @ W2.T).T + b2
            A2 = np.exp(Z2) / (1 + np.exp(Z2))
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            Z1 = np.dot(X.T, parameters["W1"].T).T + parameters["b1"]
            A1 = 2 * sigmoid(2 * Z1) - 1
            Z2 = parameters["W2"].dot(A1) + parameters["b2"]
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2, "X": X}
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            cost = - np.sum(logprobs) / m
            cost = float(np.squeeze(cost))
            return cost
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            eps = 1e-8
            logprobs = np.multiply(np.log(A2 + eps), Y) + np.multiply(np.log(1 - A2 + eps), 1 - Y)
            cost = np.squeeze(- np.sum(logprobs) / m)
            return cost
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-12, 1 - 1e-12)
            m = A2.shape[1]
            total = 0.0
            for i in range(m):
                a, y = A2[0, i], Y[0, i]
                total += -(y * math.log(a) + (1 - y) * math.log(1 - a))
            return total / m
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            p = np.where(Y == 1, A2, 1 - A2)
            return float(-np.mean(np.log(np.clip(p, 1e-15, None))))
    """),
    ("backward_propagation", NG_BACKWARD),
    ("backward_propagation", edit(NG_BACKWARD, 'dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))', 'dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - A1 * A1)')),
    ("backward_propagation", edit(NG_BACKWARD, 'dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))', "dZ1 = (W2.T @ dZ2) * (1 - np.tanh(cache['Z1']) ** 2)")),
    ("backward_propagation", edit(NG_BACKWARD, 'dZ2 = A2 - Y', 'dZ2 = (-(Y / A2) + (1 - Y) / (1 - A2)) * A2 * (1 - A2)')),
    ("backward_propagation", edit(NG_BACKWARD, ('db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)', 'db2 = np.mean(dZ2, axis=1, keepdims=True)'), ('db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)', 'db1 = np.sum(dZ1, axis=1).reshape(-1, 1) / m'))),
    ("backward_propagation", edit(NG_BACKWARD, ('dW2 = (1 / m) * np.dot(dZ2, A1.T)', 'dW2 = (A1 @ dZ2.T).T / m'), ('dW1 = (1 / m) * np.dot(dZ1, X.T)', "dW1 = np.einsum('im,jm->ij', dZ1, X) / m"))),
    ("backward_propagation", edit(NG_BACKWARD, ('db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)', 'db2 = np.sum(dZ2, axis=1, keepdims=True) / Y.shape[1]'), ('db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)', 'db1 = dZ1.sum(1, keepdims=True) / X.shape[1]'))),
    ("update_parameters", """
        import copy
        def update_parameters(parameters, grads, learning_rate=1.2):
            parameters = copy.deepcopy(parameters)
            W1 = parameters["W1"]
            b1 = parameters["b1"]
            W2 = parameters["W2"]
            b2 = parameters["b2"]
            dW1 = grads["dW1"]
            db1 = grads["db1"]
            dW2 = grads["dW2"]
            db2 = grads["db2"]
            W1 = W1 - learning_rate * dW1
            b1 = b1 - learning_rate * db1
            W2 = W2 - learning_rate * dW2
            b2 = b2 - learning_rate * db2
            parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
            return parameters
    """),
    ("update_parameters", """
        import copy
        def update_parameters(parameters, grads, learning_rate):
            new = copy.deepcopy(parameters)
            for k in new:
                new[k] -= learning_rate * grads["d" + k]
            return new
    """),
    ("update_parameters", """
        def update_parameters(parameters, grads, learning_rate):
            return {k: np.subtract(v, np.multiply(learning_rate, grads["d" + k])) for k, v in parameters.items()}
    """),
    ("update_parameters", """
        def update_parameters(parameters, grads, learning_rate):
            out = dict()
            for l in (1, 2):
                out["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
                out["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
            return out
    """),
    ("nn_model", NG_NN_MODEL),
    ("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            i = 0
            while i < num_iterations:
                A2, cache = forward_propagation(X, parameters)
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
                i += 1
            return parameters
    """),
    ("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            np.random.seed(seed)
            n_x = X.shape[0]
            W1 = np.random.randn(n_h, n_x) * 0.01
            W2 = np.random.randn(1, n_h) * 0.01
            p = {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((1, 1))}
            for _ in range(num_iterations):
                A2, cache = forward_propagation(X, p)
                g = backward_propagation(p, cache, X, Y)
                p = update_parameters(p, g, learning_rate)
            return p
    """),
    ("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            # everything inline, no calls
            rng = np.random.default_rng(seed)
            n_x, m = X.shape
            W1 = rng.standard_normal((n_h, n_x)) * 0.01; b1 = np.zeros((n_h, 1))
            W2 = rng.standard_normal((1, n_h)) * 0.01; b2 = np.zeros((1, 1))
            for i in range(num_iterations):
                A1 = np.tanh(W1 @ X + b1)
                A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
                dZ2 = A2 - Y
                dW2 = dZ2 @ A1.T / m; db2 = dZ2.sum(axis=1, keepdims=True) / m
                dZ1 = W2.T @ dZ2 * (1 - A1 ** 2)
                dW1 = dZ1 @ X.T / m; db1 = dZ1.sum(axis=1, keepdims=True) / m
                W1 -= learning_rate * dW1; b1 -= learning_rate * db1
                W2 -= learning_rate * dW2; b2 -= learning_rate * db2
            return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    """),
    ("nn_model", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            n_x, n_h, n_y = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(n_x, n_h, n_y, seed)
            costs = []
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, parameters)
                cost = compute_cost(A2, Y)
                if i % 100 == 0:
                    costs.append(cost)
                    print(f"iteration {i}: cost {cost:.6f}")
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate)
            return parameters
    """),
    ("predict", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            predictions = (A2 > 0.5)
            return predictions
    """),
    ("predict", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return np.round(A2)
    """),
    ("predict", """
        def predict(parameters, X):
            A2 = forward_propagation(X, parameters)[0]
            return np.where(A2 > 0.5, 1, 0)
    """),
    ("predict", """
        def predict(parameters, X):
            A2, _ = forward_propagation(X, parameters)
            out = np.zeros((1, A2.shape[1]))
            for i in range(A2.shape[1]):
                out[0, i] = 1 if A2[0, i] > 0.5 else 0
            return out
    """),
    ("predict", """
        def predict(parameters, X):
            Z1 = parameters["W1"] @ X + parameters["b1"]
            A2 = sigmoid(parameters["W2"] @ np.tanh(Z1) + parameters["b2"])
            return (A2 >= 0.5) * 1.0
    """),
    ("gradient_check", NG_GRADIENT_CHECK),
    ("gradient_check", edit(NG_GRADIENT_CHECK, 'numerator = np.linalg.norm(grad - gradapprox)', 'numerator = np.linalg.norm(grad - gradapprox, ord=2)')),
    ("gradient_check", edit(NG_GRADIENT_CHECK, ('numerator = np.linalg.norm(grad - gradapprox)', 'numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))'), ('denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)', 'denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))'))),
    ("gradient_check", """
        import copy
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            num, den1, den2 = 0.0, 0.0, 0.0
            for key in parameters:
                for idx in np.ndindex(parameters[key].shape):
                    p = copy.deepcopy(parameters)
                    p[key][idx] += epsilon
                    jp = compute_cost(forward_propagation(X, p)[0], Y)
                    p[key][idx] -= 2 * epsilon
                    jm = compute_cost(forward_propagation(X, p)[0], Y)
                    approx = (jp - jm) / (2 * epsilon)
                    g = grads["d" + key][idx]
                    num += (g - approx) ** 2
                    den1 += g ** 2
                    den2 += approx ** 2
            return math.sqrt(num) / (math.sqrt(den1) + math.sqrt(den2))
    """),
    ("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, approx = [], []
            for key in ("W1", "b1", "W2", "b2"):
                for idx in np.ndindex(parameters[key].shape):
                    old = parameters[key][idx]
                    parameters[key][idx] = old + epsilon
                    jp = compute_cost(forward_propagation(X, parameters)[0], Y)
                    parameters[key][idx] = old - epsilon
                    jm = compute_cost(forward_propagation(X, parameters)[0], Y)
                    parameters[key][idx] = old
                    approx.append((jp - jm) / (2 * epsilon))
                    grad.append(grads["d" + key][idx])
            grad, approx = np.array(grad), np.array(approx)
            return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W2 = rng.normal(size=(n_y, n_h)) * 0.01
            W1 = rng.normal(size=(n_h, n_x)) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W = rng.standard_normal(n_h * n_x + n_y * n_h) * 0.01
            return {"W1": W[:n_h * n_x].reshape(n_h, n_x), "b1": np.zeros((n_h, 1)),
                    "W2": W[n_h * n_x:].reshape(n_y, n_h), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(seed)
            W2 = np.random.randn(n_y, n_h) * 0.01
            W1 = np.random.randn(n_h, n_x) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W1 = rng.standard_normal((n_x, n_h)).T * 0.01
            W2 = rng.standard_normal((n_h, n_y)).T * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("nn_model", """
        import copy
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            sizes = layer_sizes(X, Y, n_h)
            parameters = initialize_parameters(*sizes, seed=seed)
            for i in range(num_iterations):
                A2, cache = forward_propagation(X, copy.deepcopy(parameters))
                grads = backward_propagation(parameters, cache, X, Y)
                parameters = update_parameters(parameters, grads, learning_rate=learning_rate)
            assert parameters["W1"].shape == (n_h, X.shape[0])
            return parameters
    """),
    ("predict", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (cache["Z2"] > 0).astype(float)
    """),
    ("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7, verbose=True):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            keys = sorted(parameters)
            grad = np.concatenate([grads["d" + k].flatten() for k in keys])
            approx = np.zeros_like(grad)
            i = 0
            for k in keys:
                flat = parameters[k].flatten()
                for j in range(flat.size):
                    up, down = flat.copy(), flat.copy()
                    up[j] += epsilon; down[j] -= epsilon
                    pu = dict(parameters); pu[k] = up.reshape(parameters[k].shape)
                    pd = dict(parameters); pd[k] = down.reshape(parameters[k].shape)
                    approx[i] = (compute_cost(forward_propagation(X, pu)[0], Y) - compute_cost(forward_propagation(X, pd)[0], Y)) / (2 * epsilon)
                    i += 1
            diff = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
            if verbose:
                print(diff)
            return diff
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return float(np.squeeze(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), axis=1, keepdims=True) / Y.shape[1]))
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / Y.shape[1]
            return cost.item()
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            logprobs = np.multiply(np.log(A2), Y) + np.multiply((1 - Y), np.log(1 - A2))
            cost = - np.sum(logprobs) / m
            cost = float(np.squeeze(cost))
            assert isinstance(cost, float)
            return cost
    """),
    # the bases of the red-team variants (above) not in the tables otherwise
    ("initialize_parameters", INIT_INLINE),
    ("forward_propagation", FORWARD_INLINE),
    ("backward_propagation", BACKWARD_INLINE),
    ("nn_model", NN_MODEL_NO_COST),
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
    ("initialize_parameters", "b drawn at random",
     edit(INIT_INLINE, ('"b1": np.zeros((n_h, 1))', '"b1": rng.standard_normal((n_h, 1)) * 0.01'),
                       ('"b2": np.zeros((n_y, 1))', '"b2": rng.standard_normal((n_y, 1)) * 0.01'))),
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
    ("initialize_parameters", "the seed ignored", edit(INIT_INLINE, "default_rng(seed)", "default_rng()")),
    ("initialize_parameters", "the seed ignored", edit(INIT_INLINE, "default_rng(seed)", "default_rng(2)")),
    ("initialize_parameters", "the 0.01 scale left out",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01", "rng.standard_normal((n_h, n_x))"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01", "rng.standard_normal((n_y, n_h))"))),
    ("initialize_parameters", "uniform in place of normal",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x))", "rng.random((n_h, n_x))"),
                       ("rng.standard_normal((n_y, n_h))", "rng.random((n_y, n_h))"))),
    ("initialize_parameters", "uniform in place of normal",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x))", "rng.uniform(-1, 1, (n_h, n_x))"),
                       ("rng.standard_normal((n_y, n_h))", "rng.uniform(-1, 1, (n_y, n_h))"))),
    ("forward_propagation", "the biases left out",
     edit(FORWARD_INLINE, (' + parameters["b1"]', ""), (' + parameters["b2"]', ""))),
    ("forward_propagation", "sigmoid in the hidden layer", edit(FORWARD_INLINE, "A1 = tanh(Z1)", "A1 = sigmoid(Z1)")),
    ("forward_propagation", "ReLU in the hidden layer",
     edit(FORWARD_INLINE, "A1 = tanh(Z1)", "A1 = np.maximum(Z1, 0)")),
    ("forward_propagation", "tanh at the output", edit(FORWARD_INLINE, "A2 = sigmoid(Z2)", "A2 = tanh(Z2)")),
    ("forward_propagation", "tanh at the output and sigmoid in the hidden layer",
     edit(FORWARD_INLINE, ("A1 = tanh(Z1)", "A1 = sigmoid(Z1)"), ("A2 = sigmoid(Z2)", "A2 = tanh(Z2)"))),
    ("forward_propagation", "W1 transposed",
     edit(FORWARD_INLINE, 'np.dot(parameters["W1"], X)', 'np.dot(parameters["W1"].T, X)')),
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
    ("backward_propagation", "db without keepdims=True",
     edit(BACKWARD_INLINE, ("np.sum(dZ2, axis=1, keepdims=True)", "np.sum(dZ2, axis=1)"),
                           ("np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=1)"))),
    ("backward_propagation", "db summed over the wrong axis",
     edit(BACKWARD_INLINE, ("np.sum(dZ2, axis=1, keepdims=True)", "np.sum(dZ2, axis=0, keepdims=True)"),
                           ("np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=0, keepdims=True)"))),
    ("backward_propagation", "db as one number", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
            return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1) / m,
                    "dW2": np.dot(dZ2, A1.T) / m, "db2": np.sum(dZ2) / m}
    """),
    ("backward_propagation", "tanh' computed from Z1",
     edit(BACKWARD_INLINE, "(1 - np.power(A1, 2))", '(1 - cache["Z1"] ** 2)')),
    ("backward_propagation", "tanh' as 1 - A1 (not squared)",
     edit(BACKWARD_INLINE, "(1 - np.power(A1, 2))", "(1 - A1)")),
    ("backward_propagation", "sigmoid's derivative in the hidden layer",
     edit(BACKWARD_INLINE, "(1 - np.power(A1, 2))", "A1 * (1 - A1)")),
    ("backward_propagation", "np.dot in place of * in dZ1",
     edit(BACKWARD_INLINE, 'np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))',
                           'np.dot(np.dot(parameters["W2"].T, dZ2), 1 - np.power(A1, 2))')),
    ("backward_propagation", "dZ2 = Y - A2 (the sign)", edit(BACKWARD_INLINE, "dZ2 = A2 - Y", "dZ2 = Y - A2")),
    ("backward_propagation", "dW transposed",
     edit(BACKWARD_INLINE, ("np.dot(dZ2, A1.T)", "np.dot(A1, dZ2.T)"), ("np.dot(dZ1, X.T)", "np.dot(X, dZ1.T)"))),
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
    ("nn_model", "the result of update_parameters thrown away",
     edit(NN_MODEL_NO_COST, "parameters = update_parameters(", "update_parameters(")),
    ("nn_model", "n_h ignored", edit(NN_MODEL_NO_COST, "layer_sizes(X, Y, n_h)", "layer_sizes(X, Y, 4)")),
    ("nn_model", "a hard-coded learning rate",
     edit(NN_MODEL_NO_COST, "update_parameters(parameters, grads, learning_rate)",
                            "update_parameters(parameters, grads, 1.2)")),
    ("nn_model", "a hard-coded number of iterations", edit(NN_MODEL_NO_COST, "range(num_iterations)", "range(1000)")),
    ("nn_model", "the seed ignored",
     edit(NN_MODEL_NO_COST, "initialize_parameters(n_x, n_h, n_y, seed)", "initialize_parameters(n_x, n_h, n_y, 42)")),
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
    # found by red-teaming
    ("layer_sizes", "n_h hard-coded as 4", """
        def layer_sizes(X, Y, n_h):
            n_x = X.shape[0]
            n_h = 4
            n_y = Y.shape[0]
            return (n_x, n_h, n_y)
    """),
    ("layer_sizes", "m in place of n_x", """
        def layer_sizes(X, Y, n_h):
            return (X.shape[1], n_h, Y.shape[0])
    """),
    ("initialize_parameters", "the seed ignored", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(2)
            W1 = np.random.randn(n_h, n_x) * 0.01
            W2 = np.random.randn(n_y, n_h) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the seed ignored", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            W1 = np.random.randn(n_h, n_x) * 0.01
            W2 = np.random.randn(n_y, n_h) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the seed ignored", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            rng = np.random.default_rng(seed)
            W1 = rng.standard_normal((n_h, n_x)) * 0.01
            W2 = np.random.randn(n_y, n_h) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "all-zero weights", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            return {"W1": np.zeros((n_h, n_x)), "b1": np.zeros((n_h, 1)), "W2": np.zeros((n_y, n_h)), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "the 0.01 scale left out", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(seed)
            return {"W1": np.random.randn(n_h, n_x), "b1": np.zeros((n_h, 1)),
                    "W2": np.random.randn(n_y, n_h), "b2": np.zeros((n_y, 1))}
    """),
    ("initialize_parameters", "uniform in place of normal", """
        def initialize_parameters(n_x, n_h, n_y, seed):
            np.random.seed(seed)
            return {"W1": np.random.rand(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
                    "W2": np.random.rand(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}
    """),
    ("forward_propagation", "W1 transposed",
     edit(FORWARD_INLINE, ('np.dot(parameters["W1"], X)', 'np.dot(parameters["W1"].T, X)'),
                          ("A1 = tanh(Z1)", "A1 = np.tanh(Z1)"))),
    ("forward_propagation", "sigmoid in the hidden layer", edit(FORWARD_INLINE, "A1 = tanh(Z1)", "A1 = sigmoid(Z1)")),
    ("compute_cost", "no clipping at A2 = 0 or 1", """
        def compute_cost(A2, Y):
            m = Y.shape[1]
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            cost = - np.sum(logprobs) / m
            cost = float(np.squeeze(cost))
            return cost
    """),
    ("compute_cost", "a sum in place of the mean", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return float(-np.sum(np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)))
    """),
    ("compute_cost", "the cost as a (1, 1) array", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / Y.shape[1]
    """),
    ("backward_propagation", "tanh' computed from Z1",
     edit(NG_BACKWARD, "np.power(A1, 2)", "np.power(cache['Z1'], 2)")),
    ("backward_propagation", "a missing 1/m", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            W1 = parameters["W1"]
            W2 = parameters["W2"]
            A1 = cache["A1"]
            A2 = cache["A2"]
            dZ2 = A2 - Y
            dW2 = np.dot(dZ2, A1.T)
            db2 = np.sum(dZ2, axis=1, keepdims=True)
            dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
            dW1 = np.dot(dZ1, X.T)
            db1 = np.sum(dZ1, axis=1, keepdims=True)
            grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
            return grads
    """),
    ("backward_propagation", "db without keepdims=True",
     edit(NG_BACKWARD, ("np.sum(dZ2, axis=1, keepdims=True)", "np.sum(dZ2, axis=1)"),
                       ("np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=1)"))),
    ("backward_propagation", "dW transposed",
     edit(NG_BACKWARD, ("np.dot(dZ2, A1.T)", "np.dot(A1, dZ2.T)"), ("np.dot(dZ1, X.T)", "np.dot(X, dZ1.T)"))),
    ("backward_propagation", "sigmoid's derivative in the hidden layer",
     edit(NG_BACKWARD, "(1 - np.power(A1, 2))", "A1 * (1 - A1)")),
    ("backward_propagation", "dZ2 = Y - A2 (the sign)", edit(NG_BACKWARD, "dZ2 = A2 - Y", "dZ2 = Y - A2")),
    ("update_parameters", "a hard-coded learning rate", """
        import copy
        def update_parameters(parameters, grads, learning_rate=1.2):
            parameters = copy.deepcopy(parameters)
            for k in parameters:
                parameters[k] = parameters[k] - 1.2 * grads["d" + k]
            return parameters
    """),
    ("update_parameters", "modifies its input", """
        def update_parameters(parameters, grads, learning_rate):
            parameters["W1"] -= learning_rate * grads["dW1"]
            parameters["b1"] -= learning_rate * grads["db1"]
            parameters["W2"] -= learning_rate * grads["dW2"]
            parameters["b2"] -= learning_rate * grads["db2"]
            return parameters
    """),
    ("update_parameters", "+ in place of -", """
        def update_parameters(parameters, grads, learning_rate):
            return {k: parameters[k] + learning_rate * grads["d" + k] for k in parameters}
    """),
    ("nn_model", "a hard-coded learning rate",
     edit(NG_NN_MODEL, "update_parameters(parameters, grads, learning_rate)",
                       "update_parameters(parameters, grads, 1.2)")),
    ("nn_model", "the seed ignored",
     edit(NG_NN_MODEL, "initialize_parameters(n_x, n_h, n_y, seed)", "initialize_parameters(n_x, n_h, n_y, 2)")),
    ("nn_model", "the seed ignored",
     edit(NG_NN_MODEL, "initialize_parameters(n_x, n_h, n_y, seed)", "initialize_parameters(n_x, n_h, n_y, None)")),
    ("nn_model", "an off-by-one number of iterations",
     edit(NG_NN_MODEL, "range(0, num_iterations)", "range(0, num_iterations + 1)")),
    ("nn_model", "an off-by-one number of iterations",
     edit(NG_NN_MODEL, "range(0, num_iterations)", "range(0, num_iterations - 1)")),
    ("nn_model", "n_h ignored",
     edit(NN_MODEL_NO_COST, ("n_x, n_h, n_y = layer_sizes", "n_x, _, n_y = layer_sizes"),
                            ("initialize_parameters(n_x, n_h, n_y, seed)",
                             "initialize_parameters(n_x, 5, n_y, seed)"))),
    ("nn_model", "the result of update_parameters thrown away",
     edit(NN_MODEL_NO_COST, "parameters = update_parameters(", "new_parameters = update_parameters(")),
    ("predict", "probabilities in place of labels", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return A2
    """),
    ("predict", "the labels as a 1-D array", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return np.round(A2).ravel()
    """),
    ("gradient_check", "modifies its input", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, approx = [], []
            for key in ("W1", "b1", "W2", "b2"):
                for idx in np.ndindex(parameters[key].shape):
                    parameters[key][idx] += epsilon
                    jp = compute_cost(forward_propagation(X, parameters)[0], Y)
                    parameters[key][idx] -= 2 * epsilon
                    jm = compute_cost(forward_propagation(X, parameters)[0], Y)
                    parameters[key][idx] += epsilon
                    approx.append((jp - jm) / (2 * epsilon))
                    grad.append(grads["d" + key][idx])
            grad, approx = np.array(grad), np.array(approx)
            return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    """),
    ("gradient_check", "the difference not divided by the norms",
     edit(NG_GRADIENT_CHECK, "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)", "denominator = 1")),
    ("gradient_check", "a hard-coded epsilon",
     edit(NG_GRADIENT_CHECK, ("thetaplus[i][0] + epsilon", "thetaplus[i][0] + 1e-7"),
                             ("thetaminus[i][0] - epsilon", "thetaminus[i][0] - 1e-7"),
                             ("/ (2 * epsilon)", "/ (2 * 1e-7)"))),
    ("gradient_check", "a one-sided difference",
     edit(NG_GRADIENT_CHECK, "(J_plus[i] - J_minus[i]) / (2 * epsilon)",
                             "(J_plus[i] - compute_cost(A2, Y)) / epsilon")),
    ("gradient_check", "a norm other than the L2 norm",
     edit(NG_GRADIENT_CHECK, ("numerator = np.linalg.norm(grad - gradapprox)",
                              "numerator = np.linalg.norm(grad - gradapprox, ord=1)"),
                             ("denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                              "denominator = np.linalg.norm(grad, ord=1) + np.linalg.norm(gradapprox, ord=1)"))),
    ("gradient_check", "a norm other than the L2 norm",
     edit(NG_GRADIENT_CHECK, ("numerator = np.linalg.norm(grad - gradapprox)",
                              "numerator = np.sum((grad - gradapprox) ** 2)"),
                             ("denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                              "denominator = np.sum(grad ** 2) + np.sum(gradapprox ** 2)"))),
    ("gradient_check", "the norm of the sum in the denominator",
     edit(NG_GRADIENT_CHECK, "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                             "denominator = np.linalg.norm(grad + gradapprox)")),
    ("gradient_check", "the denominator without the norm of grad",
     edit(NG_GRADIENT_CHECK, "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                             "denominator = np.linalg.norm(gradapprox)")),
    ("gradient_check", "a hard-coded epsilon",
     edit(NG_GRADIENT_CHECK, ("thetaplus[i][0] + epsilon", "thetaplus[i][0] + 1e-4"),
                             ("thetaminus[i][0] - epsilon", "thetaminus[i][0] - 1e-4"),
                             ("/ (2 * epsilon)", "/ (2 * 1e-4)"))),
    ("gradient_check", "2 * epsilon not in parentheses", edit(NG_GRADIENT_CHECK, "/ (2 * epsilon)", "/ 2 * epsilon")),
    ("gradient_check", "a norm other than the L2 norm",
     edit(NG_GRADIENT_CHECK, ("numerator = np.linalg.norm(grad - gradapprox)",
                              "numerator = np.abs(grad - gradapprox).max()"),
                             ("denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                              "denominator = np.abs(grad).max() + np.abs(gradapprox).max()"))),
    ("backward_propagation", "tanh' left out of dZ1",
     edit(NG_BACKWARD, "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))", "dZ1 = np.dot(W2.T, dZ2)")),
    ("backward_propagation", "tanh applied twice in tanh'",
     edit(NG_BACKWARD, "np.power(A1, 2)", "np.power(np.tanh(A1), 2)")),
    ("backward_propagation", "an extra sigmoid' in dZ2",
     edit(NG_BACKWARD, "dZ2 = A2 - Y", "dZ2 = (A2 - Y) * A2 * (1 - A2)")),
    ("backward_propagation", "a missing 1/m",
     edit(NG_BACKWARD, "dW1 = (1 / m) * np.dot(dZ1, X.T)", "dW1 = np.dot(dZ1, X.T)")),
    ("backward_propagation", "a missing 1/m",
     edit(NG_BACKWARD, ("db2 = (1 / m) * np.sum(", "db2 = np.sum("), ("db1 = (1 / m) * np.sum(", "db1 = np.sum("))),
    ("initialize_parameters", "a scale other than 0.01",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01", "rng.standard_normal((n_h, n_x)) * 0.1"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01", "rng.standard_normal((n_y, n_h)) * 0.1"))),
    ("initialize_parameters", "a scale other than 0.01",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01",
                        "rng.standard_normal((n_h, n_x)) * np.sqrt(1 / n_x)"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01",
                        "rng.standard_normal((n_y, n_h)) * np.sqrt(1 / n_h)"))),
    ("initialize_parameters", "uniform in place of normal",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01", "rng.uniform(-0.01, 0.01, (n_h, n_x))"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01", "rng.uniform(-0.01, 0.01, (n_y, n_h))"))),
    ("nn_model", "the 0.01 scale left out", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            rng = np.random.default_rng(seed)
            n_x = X.shape[0]
            p = {"W1": rng.standard_normal((n_h, n_x)), "b1": np.zeros((n_h, 1)),
                 "W2": rng.standard_normal((1, n_h)), "b2": np.zeros((1, 1))}
            for _ in range(num_iterations):
                A2, cache = forward_propagation(X, p)
                p = update_parameters(p, backward_propagation(p, cache, X, Y), learning_rate)
            return p
    """),
    ("nn_model", "the seed ignored", """
        def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
            rng = np.random.default_rng()
            n_x = X.shape[0]
            p = {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                 "W2": rng.standard_normal((1, n_h)) * 0.01, "b2": np.zeros((1, 1))}
            for _ in range(num_iterations):
                A2, cache = forward_propagation(X, p)
                p = update_parameters(p, backward_propagation(p, cache, X, Y), learning_rate)
            return p
    """),
]

#: Wrong solutions that match no known mistake: they fail with a short message all the same.
WRONG = [
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            return (X.shape[0], n_h, 1) if False else (X.shape[0], n_h)
    """),
    ("layer_sizes", """
        def layer_sizes(X, Y, n_h):
            return (X.shape, n_h, Y.shape)
    """),
    ("initialize_parameters",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01", "rng.standard_normal((n_h, n_x)) * 0.1"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01", "rng.standard_normal((n_y, n_h)) * 0.1"))),
    ("initialize_parameters",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01",
                        "rng.standard_normal((n_h, n_x)) * np.sqrt(1 / n_x)"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01",
                        "rng.standard_normal((n_y, n_h)) * np.sqrt(1 / n_h)"))),
    ("initialize_parameters",
     edit(INIT_INLINE, ('"b1": np.zeros((n_h, 1))', '"b1": np.zeros((n_h,))'),
                       ('"b2": np.zeros((n_y, 1))', '"b2": np.zeros((n_y,))'))),
    ("initialize_parameters", edit(INIT_INLINE, '"b2": np.zeros((n_y, 1))', '"b2": 0')),
    ("forward_propagation", edit(FORWARD_INLINE, ("A1 = tanh(Z1)", "A1 = np.tanh(Z1)"), ('"A1": A1', '"A1": Z1'))),
    ("forward_propagation",
     edit(FORWARD_INLINE, ("A1 = tanh(Z1)", "A1 = np.tanh(Z1)"),
                          ('{"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}', "(Z1, A1, Z2, A2)"))),
    ("forward_propagation", """
        def forward_propagation(X, parameters):
            Z1 = parameters["W1"] * X + parameters["b1"] if False else np.dot(parameters["W1"], X) - parameters["b1"]
            A1 = np.tanh(Z1)
            Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
            A2 = sigmoid(Z2)
            return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.minimum(np.maximum(A2, 1e-15), 1 - 1e-15)
            return float(-(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / Y.shape[1])
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return float(-np.mean(Y * np.log10(A2) + (1 - Y) * np.log10(1 - A2)))
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 0.01, 0.99)
            return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    """),
    ("compute_cost", """
        def compute_cost(A2, Y):
            A2 = np.clip(A2, 1e-15, 1 - 1e-15)
            return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / 4)
    """),
    ("backward_propagation", edit(NG_BACKWARD, "dW1 = (1 / m) * np.dot(dZ1, X.T)", "dW1 = np.dot(dZ1, X.T)")),
    ("backward_propagation", edit(NG_BACKWARD, "np.sum(dZ1, axis=1, keepdims=True)", "np.sum(dZ1, axis=1)")),
    ("backward_propagation", edit(NG_BACKWARD, "np.power(A1, 2)", "np.power(np.tanh(A1), 2)")),
    ("backward_propagation",
     edit(NG_BACKWARD, "dZ2 = A2 - Y", "dZ2 = (-(Y / A2) + (1 - Y) / (1 - A2)) * sigmoid(A2) * (1 - sigmoid(A2))")),
    ("backward_propagation",
     edit(NG_BACKWARD, "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))", "dZ1 = np.dot(W2.T, dZ2)")),
    ("update_parameters", """
        def update_parameters(parameters, grads, learning_rate):
            return {k: parameters[k] - learning_rate * grads["d" + k] / 2 for k in parameters}
    """),
    ("update_parameters", """
        def update_parameters(parameters, grads, learning_rate):
            return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "W2")}
    """),
    ("nn_model", edit(NN_MODEL_NO_COST, "return parameters", "return parameters, A2")),
    ("predict", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (cache["Z1"] > 0.5).astype(float)
    """),
    ("backward_propagation",
     edit(NG_BACKWARD, "dZ2 = A2 - Y", "dZ2 = (-(Y / A2) + (1 - Y) / (1 - A2)) * sigmoid(A2) * (1 - sigmoid(A2))")),
    ("initialize_parameters",
     edit(INIT_INLINE, ("rng.standard_normal((n_h, n_x)) * 0.01", "rng.normal(0.01, 0.01, (n_h, n_x))"),
                       ("rng.standard_normal((n_y, n_h)) * 0.01", "rng.normal(0.01, 0.01, (n_y, n_h))"))),
    ("predict", """
        def predict(parameters, X):
            A2, cache = forward_propagation(X, parameters)
            return (cache["Z2"] > 0.5).astype(float)
    """),
    ("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, approx = [], []
            for key in ("W1", "W2"):
                for idx in np.ndindex(parameters[key].shape):
                    p = {k: v.copy() for k, v in parameters.items()}
                    m = {k: v.copy() for k, v in parameters.items()}
                    p[key][idx] += epsilon; m[key][idx] -= epsilon
                    approx.append((compute_cost(forward_propagation(X, p)[0], Y) - compute_cost(forward_propagation(X, m)[0], Y)) / (2 * epsilon))
                    grad.append(grads["d" + key][idx])
            grad, approx = np.array(grad), np.array(approx)
            return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    """),
    ("gradient_check", """
        def gradient_check(parameters, X, Y, epsilon=1e-7):
            A2, cache = forward_propagation(X, parameters)
            grads = backward_propagation(parameters, cache, X, Y)
            grad, approx = [], []
            for key in ("W1", "b1", "W2", "b2"):
                for idx in np.ndindex(parameters[key].shape):
                    p = {k: v.copy() for k, v in parameters.items()}
                    p[key][idx] += epsilon
                    jp = compute_cost(forward_propagation(X, p)[0], Y)
                    p[key][idx] -= epsilon
                    jm = compute_cost(forward_propagation(X, p)[0], Y)
                    approx.append((jp - jm) / (2 * epsilon))
                    grad.append(grads["d" + key][idx])
            grad, approx = np.array(grad), np.array(approx)
            return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    """),
    ("backward_propagation", """
        def backward_propagation(parameters, cache, X, Y):
            m = X.shape[1]
            A1, A2 = cache["A1"], cache["A2"]
            dZ2 = A2 - Y
            dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
            return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
                    "dW2": dZ2 @ A1.T / m, "db2": np.sum(dZ2) / m}
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
    ("update_parameters", "modifies its input"), ("nn_model", "the seed ignored"),
    ("nn_model", "the 0.01 scale left out"), ("gradient_check", "modifies its input")}


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    VISIBLE = [
        ("layer_sizes", "n_h hard-coded as 4"), ("update_parameters", "a hard-coded learning rate"),
        ("gradient_check", "a hard-coded epsilon"), ("backward_propagation", "np.dot in place of * in dZ1"),
        ("forward_propagation", "W1 transposed"), ("initialize_parameters", "the 0.01 scale left out"),
        ("nn_model", "a hard-coded learning rate")]
    QUESTIONS = [
        ("q_symmetric_units", [1, "1", "one", 1.0], [4, 0, "four", None]),
        ("q_dz1_shape", [(4, 400), [4, 400]], [(400, 4), (4, 2), (1, 400), "4x400"]),
        ("q_gradcheck", ["c", " C"], ["a", "b", "d", 3]),
    ]
    # a hard-coded 1000 or 10000 steps: through the judge's calls of the references it takes seconds,
    # and that is all it shows
    JUDGE_SKIP = {"a hard-coded number of iterations"}


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


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
