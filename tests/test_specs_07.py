"""The checks of 07_deep_network: the reference and other correct solutions pass, every known mistake
fails and is named, errors and wrong types get clear messages, and the judge agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.judge.judge import Judge
from spec_suite import SpecSuite, edit

ASSIGNMENT = "07_deep_network"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "initialize_parameters_deep": """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng(seed)
            parameters = {}
            L = len(layer_dims) - 1
            for l in range(1, L + 1):
                parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) \\
                    * np.sqrt(2 / layer_dims[l - 1])
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
    """,
    "linear_forward": """
        def linear_forward(A_prev, W, b):
            Z = np.dot(W, A_prev) + b
            cache = (A_prev, W, b)
            return Z, cache
    """,
    "linear_activation_forward": """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "sigmoid":
                A = sigmoid(Z)
            elif activation == "relu":
                A = relu(Z)
            cache = (linear_cache, Z)
            return A, cache
    """,
    "L_model_forward": """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2
            for l in range(1, L):
                A_prev = A
                A, cache = linear_activation_forward(A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
            caches.append(cache)
            return AL, caches
    """,
    "linear_backward": """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            return dA_prev, dW, db
    """,
    "linear_activation_backward": """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * relu_grad(Z)
            elif activation == "sigmoid":
                dZ = dA * sigmoid_grad(Z)
            dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
    """,
    "L_model_backward": """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            Y = Y.reshape(AL.shape)
            dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            current_cache = caches[L - 1]
            dA_prev, dW, db = linear_activation_backward(dAL, current_cache, "sigmoid")
            grads["dA" + str(L - 1)] = dA_prev
            grads["dW" + str(L)] = dW
            grads["db" + str(L)] = db
            for l in reversed(range(L - 1)):
                current_cache = caches[l]
                dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
                grads["dA" + str(l)] = dA_prev
                grads["dW" + str(l + 1)] = dW
                grads["db" + str(l + 1)] = db
            return grads
    """,
}

# Correct solutions that red-team variants (MISTAKES) change by a line or two (init_src: He's
# initialisation with another W or b)

_INIT_TEMPLATE = """
    def initialize_parameters_deep(layer_dims, seed):
        rng = np.random.default_rng(seed)
        parameters = {{}}
        L = len(layer_dims)
        for l in range(1, L):
            parameters["W" + str(l)] = {W}
            parameters["b" + str(l)] = {b}
        return parameters
"""


def init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])",
             b="np.zeros((layer_dims[l], 1))"):
    return _INIT_TEMPLATE.format(W=W, b=b)


HE_INIT = init_src()
ACTIVATION_FORWARD = """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            A = sigmoid(Z) if activation == "sigmoid" else relu(Z)
            return A, (linear_cache, Z)
    """
LINEAR_BACKWARD = """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m
    """
ACTIVATION_BACKWARD = """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            dZ = dA * (relu_grad(Z) if activation == "relu" else sigmoid_grad(Z))
            return linear_backward(dZ, linear_cache)
    """

OTHER_CORRECT = [
    ("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng(seed)
            parameters = {}
            for l, (n_prev, n_l) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
                parameters[f"W{l}"] = rng.normal(0.0, math.sqrt(2.0 / n_prev), size=(n_l, n_prev))
                parameters[f"b{l}"] = np.zeros((n_l, 1))
            return parameters
    """),
    ("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            # a uniform on [-a, a] has variance a^2 / 3: a = sqrt(6 / n_prev) gives He's variance
            rng = np.random.default_rng(seed)
            parameters = {}
            for l in range(1, len(layer_dims)):
                a = np.sqrt(6.0 / layer_dims[l - 1])
                parameters["W%d" % l] = rng.uniform(-a, a, size=(layer_dims[l], layer_dims[l - 1]))
                parameters["b%d" % l] = np.zeros(shape=(layer_dims[l], 1))
            return parameters
    """),
    ("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            # the W's first, then the b's: another order of the keys
            rng = np.random.default_rng(seed)
            L = len(layer_dims) - 1
            parameters = {f"W{l}": np.sqrt(2 / layer_dims[l - 1]) * rng.standard_normal(size=(layer_dims[l], layer_dims[l - 1]))
                          for l in range(1, L + 1)}
            parameters.update({f"b{l}": np.zeros((layer_dims[l], 1)) for l in range(1, L + 1)})
            return parameters
    """),
    ("linear_forward", """
        def linear_forward(A_prev, W, b):
            return W @ A_prev + b, (A_prev, W, b)
    """),
    ("linear_forward", """
        def linear_forward(A_prev, W, b):
            n_l, m = W.shape[0], A_prev.shape[1]
            Z = np.zeros((n_l, m))
            for i in range(m):
                Z[:, i] = W @ A_prev[:, i] + b[:, 0]
            return Z, [A_prev, W, b]
    """),
    ("linear_activation_forward", """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            g = {"relu": relu, "sigmoid": sigmoid}[activation]
            return g(Z), (linear_cache, Z)
    """),
    ("linear_activation_forward", """
        def linear_activation_forward(A_prev, W, b, activation):
            Z = W @ A_prev + b
            if activation == "relu":
                A = np.maximum(0, Z)
            else:
                A = 1 / (1 + np.exp(-Z))
            return A, ((A_prev, W, b), Z)
    """),
    ("L_model_forward", """
        def L_model_forward(X, parameters):
            L = len([k for k in parameters if k.startswith("W")])
            A, caches = X, []
            for l in range(1, L + 1):
                activation = "sigmoid" if l == L else "relu"
                A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
                caches.append(cache)
            return A, caches
    """),
    ("L_model_forward", """
        def L_model_forward(X, parameters):
            L = len(parameters) // 2
            A, caches = X, []
            for l in range(1, L + 1):
                Z, linear_cache = linear_forward(A, parameters["W" + str(l)], parameters["b" + str(l)])
                A = relu(Z) if l < L else sigmoid(Z)
                caches.append((linear_cache, Z))
            return A, caches
    """),
    ("linear_backward", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = dZ.shape[1]
            dW = (1 / m) * dZ @ A_prev.T
            db = (1 / m) * dZ.sum(axis=1).reshape(-1, 1)
            return W.T @ dZ, dW, db
    """),
    ("linear_backward", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.zeros(W.shape)
            db = np.zeros(b.shape)
            for i in range(m):
                dW += np.outer(dZ[:, i], A_prev[:, i])
                db[:, 0] += dZ[:, i]
            return np.dot(W.T, dZ), dW / m, db / m
    """),
    ("linear_activation_backward", """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "sigmoid":
                s = 1 / (1 + np.exp(-Z))
                dZ = dA * s * (1 - s)
            else:
                dZ = np.array(dA, copy=True)
                dZ[Z <= 0] = 0
            return linear_backward(dZ, linear_cache)
    """),
    ("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            # the output layer in one step: for a sigmoid output and cross-entropy, dZL = AL - Y
            L = len(caches)
            grads = {}
            linear_cache, ZL = caches[-1]
            dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(AL - Y, linear_cache)
            for l in range(L - 1, 0, -1):
                dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            # with clipping, and the dA keys of every layer's input
            A = np.clip(AL, 1e-12, 1 - 1e-12)
            dA = -(Y / A - (1 - Y) / (1 - A))
            grads = {}
            L = len(caches)
            for l in range(L, 0, -1):
                dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == L else "relu")
                grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA, dW, db
            return grads
    """),
    # red-team regressions: Ng's notebook code and other correct styles
    ("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            np.random.seed(seed)
            parameters = {}
            L = len(layer_dims)
            for l in range(1, L):
                parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * np.sqrt(2 / layer_dims[l-1])
                parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
                assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l-1]))
            return parameters
    """),
    ("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            # float32 weights are fair: only the statistics are checked
            rng = np.random.default_rng(seed)
            p = {}
            for l in range(1, len(layer_dims)):
                p[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1]), dtype=np.float32) \\
                    * np.float32(np.sqrt(2 / layer_dims[l - 1]))
                p[f"b{l}"] = np.zeros((layer_dims[l], 1), dtype=np.float32)
            return p
    """),
    ("linear_forward", """
        def linear_forward(A_prev, W, b):
            A_prev, W, b = (np.asarray(x, dtype=np.float32) for x in (A_prev, W, b))
            return W @ A_prev + b, (A_prev, W, b)
    """),
    ("linear_activation_forward", """
        def sigmoid(Z):
            A = 1 / (1 + np.exp(-Z))
            cache = Z
            return A, cache

        def relu(Z):
            A = np.maximum(0, Z)
            cache = Z
            return A, cache

        def linear_activation_forward(A_prev, W, b, activation):
            if activation == "sigmoid":
                Z, linear_cache = linear_forward(A_prev, W, b)
                A, activation_cache = sigmoid(Z)
            elif activation == "relu":
                Z, linear_cache = linear_forward(A_prev, W, b)
                A, activation_cache = relu(Z)
            cache = (linear_cache, activation_cache)
            return A, cache
    """),
    ("linear_backward", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            dW = dZ @ A_prev.T / dZ.shape[1]
            db = np.mean(dZ, axis=1, keepdims=True)
            return W.T @ dZ, dW, db
    """),
    ("linear_activation_backward", """
        def relu_backward(dA, cache):
            Z = cache
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
            return dZ

        def sigmoid_backward(dA, cache):
            Z = cache
            s = 1 / (1 + np.exp(-Z))
            return dA * s * (1 - s)

        def linear_activation_backward(dA, cache, activation):
            linear_cache, activation_cache = cache
            if activation == "relu":
                dZ = relu_backward(dA, activation_cache)
                dA_prev, dW, db = linear_backward(dZ, linear_cache)
            elif activation == "sigmoid":
                dZ = sigmoid_backward(dA, activation_cache)
                dA_prev, dW, db = linear_backward(dZ, linear_cache)
            return dA_prev, dW, db
    """),
    ("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            # an older version of Ng's notebook: "dA" + str(l) holds the gradient of A[l - 1]
            grads = {}
            L = len(caches)
            m = AL.shape[1]
            Y = Y.reshape(AL.shape)
            dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            current_cache = caches[L-1]
            grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = \\
                linear_activation_backward(dAL, current_cache, activation="sigmoid")
            for l in reversed(range(L-1)):
                current_cache = caches[l]
                dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 2)], current_cache,
                                                                            activation="relu")
                grads["dA" + str(l + 1)] = dA_prev_temp
                grads["dW" + str(l + 1)] = dW_temp
                grads["db" + str(l + 1)] = db_temp
            return grads
    """),
    ("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            # dA{L} = dAL kept too, and everything by hand from the caches
            L = len(caches)
            grads = {"dA" + str(L): -(Y / AL - (1 - Y) / (1 - AL))}
            m = AL.shape[1]
            dZ = AL - Y
            for l in range(L, 0, -1):
                (A_prev, W, b), Z = caches[l - 1]
                if l < L:
                    dZ = grads["dA" + str(l)] * (Z > 0)
                grads["dW" + str(l)] = dZ @ A_prev.T / m
                grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True) / m
                grads["dA" + str(l - 1)] = W.T @ dZ
            return grads
    """),
    # the bases of red-team variants
    ("initialize_parameters_deep", HE_INIT),
    ("linear_activation_forward", ACTIVATION_FORWARD),
    ("linear_backward", LINEAR_BACKWARD),
    ("linear_activation_backward", ACTIVATION_BACKWARD),
]

# Mistakes that other red-team variants change by a line

UNSEEDED_INIT = """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng()
            parameters = {}
            for l in range(1, len(layer_dims)):
                parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
    """
ALL_SIGMOID_FORWARD = """
        def L_model_forward(X, parameters):
            caches, A = [], X
            L = len(parameters) // 2
            for l in range(1, L + 1):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "sigmoid")
                caches.append(cache)
            return A, caches
    """

MISTAKES = [
    ("initialize_parameters_deep", "the 0.01 scale instead of He",
     init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01")),
    ("initialize_parameters_deep", "sqrt(1/n) (Xavier) instead of sqrt(2/n) (He)",
     init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) / np.sqrt(layer_dims[l - 1])")),
    ("initialize_parameters_deep", "n_l in place of n_{l-1} in the scale",
     init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l])")),
    ("initialize_parameters_deep", "the variance 2/n used as the standard deviation",
     init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * (2 / layer_dims[l - 1])")),
    ("initialize_parameters_deep", "uniform draws in [0, 1) in place of normal ones",
     init_src(W="rng.random((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])")),
    ("initialize_parameters_deep", "W transposed",
     init_src(W="rng.standard_normal((layer_dims[l - 1], layer_dims[l])) * np.sqrt(2 / layer_dims[l - 1])")),
    ("initialize_parameters_deep", "the biases not zero",
     init_src(b="rng.standard_normal((layer_dims[l], 1)) * 0.01")),
    ("initialize_parameters_deep", "W initialised to zeros", init_src(W="np.zeros((layer_dims[l], layer_dims[l - 1]))")),
    ("initialize_parameters_deep", "the last layer left out", edit(HE_INIT, "range(1, L)", "range(1, L - 1)")),
    ("initialize_parameters_deep", "the seed argument not used", UNSEEDED_INIT),
    ("initialize_parameters_deep", "the seed argument not used", edit(UNSEEDED_INIT, "default_rng()", "default_rng(3)")),
    ("initialize_parameters_deep", "a new generator for every layer", """
        def initialize_parameters_deep(layer_dims, seed):
            parameters = {}
            for l in range(1, len(layer_dims)):
                rng = np.random.default_rng(seed)
                parameters["W" + str(l)] = rng.normal(0, np.sqrt(2 / layer_dims[l - 1]), (layer_dims[l], layer_dims[l - 1]))
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
    """),
    ("initialize_parameters_deep", "a new generator for every layer", """
        def initialize_parameters_deep(layer_dims, seed):
            parameters = {}
            L = len(layer_dims) - 1
            for l in range(1, L + 1):
                np.random.seed(seed)
                parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
    """),
    ("L_model_forward", "the caches in reverse order", """
        def L_model_forward(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.insert(0, cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
            caches.insert(0, cache)
            return AL, caches
    """),
    ("linear_forward", "W transposed", """
        def linear_forward(A_prev, W, b):
            Z = np.dot(W.T, A_prev) + b
            return Z, (A_prev, W, b)
    """),
    ("linear_forward", "a forgotten bias", """
        def linear_forward(A_prev, W, b):
            Z = np.dot(W, A_prev)
            return Z, (A_prev, W, b)
    """),
    ("linear_forward", "the cache in the wrong order", """
        def linear_forward(A_prev, W, b):
            Z = np.dot(W, A_prev) + b
            return Z, (W, A_prev, b)
    """),
    ("linear_forward", "no cache returned", """
        def linear_forward(A_prev, W, b):
            Z = np.dot(W, A_prev) + b
            return Z
    """),
    ("linear_activation_forward", "the two activations swapped", """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "sigmoid":
                A = relu(Z)
            else:
                A = sigmoid(Z)
            return A, (linear_cache, Z)
    """),
    ("linear_activation_forward", "the activation argument ignored",
     edit(ACTIVATION_FORWARD, 'sigmoid(Z) if activation == "sigmoid" else relu(Z)', "relu(Z)")),
    ("linear_activation_forward", "the activation argument ignored", """
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "Sigmoid":   # never true: the name is "sigmoid"
                A = relu(Z)
            A = sigmoid(Z)
            return A, (linear_cache, Z)
    """),
    ("linear_activation_forward", "Z returned in place of A",
     edit(ACTIVATION_FORWARD, "return A, (linear_cache, Z)", "return Z, (linear_cache, Z)")),
    ("linear_activation_forward", "A stored in the cache in place of Z",
     edit(ACTIVATION_FORWARD, "(linear_cache, Z)", "(linear_cache, A)")),
    ("linear_activation_forward", "the cache parts in the wrong order",
     edit(ACTIVATION_FORWARD, "(linear_cache, Z)", "(Z, linear_cache)")),
    ("linear_activation_forward", "a flat cache",
     edit(ACTIVATION_FORWARD, ("Z, linear_cache = linear_forward", "Z, (A_prev, W, b) = linear_forward"),
          ("(linear_cache, Z)", "(A_prev, W, b, Z)"))),
    ("L_model_forward", "sigmoid applied to every layer", ALL_SIGMOID_FORWARD),
    ("L_model_forward", "ReLU on the output layer", edit(ALL_SIGMOID_FORWARD, '"sigmoid")', '"relu")')),
    ("L_model_forward", "the loop stopping one layer early (range(1, L - 1))", """
        def L_model_forward(X, parameters):
            caches, A = [], X
            L = len(parameters) // 2
            for l in range(1, L - 1):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
            caches.append(cache)
            return AL, caches
    """),
    ("L_model_forward", "the caches missing a layer", """
        def L_model_forward(X, parameters):
            caches, A = [], X
            L = len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
            return AL, caches
    """),
    ("linear_backward", "a missing 1/m", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            dW = np.dot(dZ, A_prev.T)
            db = np.sum(dZ, axis=1, keepdims=True)
            return np.dot(W.T, dZ), dW, db
    """),
    ("linear_backward", "db without keepdims", edit(LINEAR_BACKWARD, "axis=1, keepdims=True", "axis=1")),
    ("linear_backward", "dA_prev = W dZ without the transpose", edit(LINEAR_BACKWARD, "np.dot(W.T, dZ)", "np.dot(W, dZ)")),
    ("linear_backward", "dW transposed", edit(LINEAR_BACKWARD, "np.dot(dZ, A_prev.T)", "np.dot(A_prev, dZ.T)")),
    ("linear_backward", "dA_prev divided by m", edit(LINEAR_BACKWARD, "np.dot(W.T, dZ)", "np.dot(W.T, dZ) / m")),
    ("linear_backward", "db summed over the wrong axis", edit(LINEAR_BACKWARD, "axis=1", "axis=0")),
    ("linear_backward", "the outputs in the wrong order",
     edit(SOLUTIONS["linear_backward"], "return dA_prev, dW, db", "return dW, db, dA_prev")),
    ("linear_activation_backward", "the two activations swapped", """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                dZ = dA * sigmoid_grad(Z)
            else:
                dZ = dA * relu_grad(Z)
            return linear_backward(dZ, linear_cache)
    """),
    ("linear_activation_backward", "the activation argument ignored",
     edit(ACTIVATION_BACKWARD, '(relu_grad(Z) if activation == "relu" else sigmoid_grad(Z))', "relu_grad(Z)")),
    ("linear_activation_backward", "the activation argument ignored",
     edit(ACTIVATION_BACKWARD, '(relu_grad(Z) if activation == "relu" else sigmoid_grad(Z))', "sigmoid_grad(Z)")),
    ("linear_activation_backward", "g' taken at A = g(Z) instead of at Z", """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            if activation == "relu":
                A = relu(Z)
                dZ = dA * relu_grad(A)
            else:
                A = sigmoid(Z)
                dZ = dA * sigmoid_grad(A)
            return linear_backward(dZ, linear_cache)
    """),
    ("linear_activation_backward", "dZ = dA * A (the activation in place of its derivative)", """
        def linear_activation_backward(dA, cache, activation):
            linear_cache, Z = cache
            A = relu(Z) if activation == "relu" else sigmoid(Z)
            dZ = dA * A
            return linear_backward(dZ, linear_cache)
    """),
    ("linear_activation_backward", "dA passed to linear_backward in place of dZ",
     edit(ACTIVATION_BACKWARD, "linear_backward(dZ,", "linear_backward(dA,")),
    ("L_model_backward", "dAL with the wrong sign", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)
            grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
                linear_activation_backward(dAL, caches[L - 1], "sigmoid")
            for l in reversed(range(L - 1)):
                grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = \\
                    linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
            return grads
    """),
    ("L_model_backward", "the output layer treated as ReLU", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            for l in reversed(range(1, L + 1)):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("L_model_backward", "the layer index off by one", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
                linear_activation_backward(dAL, caches[L - 1], "sigmoid")
            for l in reversed(range(L - 1)):
                dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
                grads["dA" + str(l)] = dA_prev
                grads["dW" + str(l)] = dW
                grads["db" + str(l)] = db
            return grads
    """),
    ("L_model_backward", "AL - Y used as dAL", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dA = AL - Y
            for l in range(L, 0, -1):
                dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                    dA, caches[l - 1], "sigmoid" if l == L else "relu")
            return grads
    """),
    ("L_model_backward", "sigmoid used for the hidden layers", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dA = -(Y / AL - (1 - Y) / (1 - AL))
            for l in range(L, 0, -1):
                dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(dA, caches[l - 1], "sigmoid")
            return grads
    """),
    ("L_model_backward", "dAL divided by m", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            m = AL.shape[1]
            dA = -(Y / AL - (1 - Y) / (1 - AL)) / m
            for l in range(L, 0, -1):
                dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                    dA, caches[l - 1], "sigmoid" if l == L else "relu")
            return grads
    """),
    ("linear_backward", "a missing 1/m", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=1, keepdims=True)
            return np.dot(W.T, dZ), dW, db
    """),
    ("linear_backward", "a missing 1/m", edit(LINEAR_BACKWARD, "np.dot(dZ, A_prev.T) / m", "np.dot(dZ, A_prev.T)")),
    ("L_model_backward", "the loop stopping one layer early", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_activation_backward(dA, caches[L - 1], "sigmoid")
            for l in reversed(range(1, L - 1)):
                dA, grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = linear_activation_backward(dA, caches[l], "relu")
            return grads
    """),
    ("initialize_parameters_deep", "sqrt(2/(n_{l-1} + n_l)) (Glorot) instead of sqrt(2/n_{l-1}) (He)",
     init_src(W="rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / (layer_dims[l - 1] + layer_dims[l]))")),
]


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    NAMED_ON_VISIBLE_CASES = True
    QUESTIONS = [
        ("q_n_parameters", [117, 117.0, "117"], [112, 96, 116, 0, "a"]),
        ("q_he_std", [0.2, 0.2000, np.sqrt(2 / 50)], [0.04, 0.1414, 0.02, 0.01, 2]),
        ("q_universal", ["c", " C "], ["a", "b", "d", 3]),
    ]


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


def test_the_global_generator_seeded_from_the_seed_passes():
    # not the course's way (the contract asks for a Generator), but correct and not detectable
    v = verdict("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            np.random.seed(seed)
            parameters = {}
            for l in range(1, len(layer_dims)):
                parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
                parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
            return parameters
    """)
    assert v.passed, v.message


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))


def test_a_shape_slip_says_transposed():
    v = verdict("linear_backward", mistake_src("linear_backward", "dW transposed"))
    assert "This looks like dW transposed" in v.message
    v = verdict("initialize_parameters_deep", mistake_src("initialize_parameters_deep", "W transposed"))
    assert "expected (n_1, n_0) = (4, 2)" in v.message


def test_db_without_keepdims_reports_the_shape():
    v = verdict("linear_backward", mistake_src("linear_backward", "db without keepdims"))
    assert "shape in the third returned value is (3,); expected (3, 1)" in v.message


def test_a_wrong_scale_reports_the_numbers():
    v = verdict("initialize_parameters_deep", mistake_src("initialize_parameters_deep", "the 0.01 scale instead of He"))
    assert "sqrt(2 / 300)" in v.message and "0.08165" in v.message


def test_dependencies_are_replaced_by_their_references():
    # a wrong linear_forward costs its own points only
    ns = cell(mistake_src("linear_forward", "a forgotten bias") + SOLUTIONS["linear_activation_forward"]
              + SOLUTIONS["L_model_forward"])
    assert not CHECK.verdict("linear_forward", ns["linear_forward"], hidden=True).passed
    for name in ("linear_activation_forward", "L_model_forward"):
        v = CHECK.verdict(name, ns[name], hidden=True)
        assert v.passed, v.message
    ns = cell(mistake_src("linear_backward", "a missing 1/m") + SOLUTIONS["linear_activation_backward"]
              + SOLUTIONS["L_model_backward"])
    assert not CHECK.verdict("linear_backward", ns["linear_backward"], hidden=True).passed
    for name in ("linear_activation_backward", "L_model_backward"):
        v = CHECK.verdict(name, ns[name], hidden=True)
        assert v.passed, v.message


def test_a_function_that_raises():
    v = verdict("L_model_forward", """
        def L_model_forward(X, parameters):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message
    v = verdict("L_model_forward", """
        def L_model_forward(X, parameters):
            L = len(parameters)
            A, caches = X, []
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            return A, caches
    """)
    assert not v.passed and "raised" in v.message
    v = verdict("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng(seed)
            parameters = {}
            for l in range(1, len(layer_dims)):
                parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
                parameters["b" + str(l)] = np.zeros(layer_dims[l], 1)
            return parameters
    """)
    assert not v.passed and "raised TypeError" in v.message


def test_a_wrong_type():
    v = verdict("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            dA = -(Y / AL - (1 - Y) / (1 - AL))
            out = []
            for l in range(len(caches), 0, -1):
                dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == len(caches) else "relu")
                out += [dW, db]
            return out
    """)
    assert not v.passed and "returned a list" in v.message and "expected a dict" in v.message
    v = verdict("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng(seed)
            return [(rng.standard_normal((n, p)) * np.sqrt(2 / p), np.zeros((n, 1)))
                    for p, n in zip(layer_dims[:-1], layer_dims[1:])]
    """)
    assert not v.passed and "returned a list; expected a dict" in v.message
    v = verdict("initialize_parameters_deep", """
        def initialize_parameters_deep(layer_dims, seed):
            rng = np.random.default_rng(seed)
            p = {}
            for l in range(1, len(layer_dims)):
                p[f"W{l}"] = (rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])).tolist()
                p[f"b{l}"] = np.zeros((layer_dims[l], 1))
            return p
    """)
    assert not v.passed and "W1 is a list; expected a numpy array" in v.message
    v = verdict("linear_forward", """
        def linear_forward(A_prev, W, b):
            print(W @ A_prev + b)
    """)
    assert not v.passed and "returned None" in v.message


def test_a_function_that_modifies_its_input():
    v = verdict("linear_backward", """
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dZ /= m
            return np.dot(W.T, dZ) * m, np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) dZ" in v.message
    v = verdict("L_model_backward", """
        def L_model_backward(AL, Y, caches):
            grads = {}
            L = len(caches)
            AL[AL < 1e-12] = 1e-12
            dA = -(Y / AL - (1 - Y) / (1 - AL))
            for l in range(L, 0, -1):
                dA, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
                    dA, caches[l - 1], "sigmoid" if l == L else "relu")
            caches.clear()
            return grads
    """)
    assert not v.passed and v.mistake == "modifies its input" and "caches" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import deep
    ns = {"np": np, "deep": deep}
    exec("def L_model_forward(X, parameters):\n    return deep.L_model_forward(X, parameters)\n", ns)
    v = CHECK.verdict("L_model_forward", ns["L_model_forward"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("linear_backward", cell(SOLUTIONS["linear_backward"])["linear_backward"])
    assert capsys.readouterr().out.startswith("\u2714 linear_backward: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("linear_backward", cell(mistake_src("linear_backward", "a missing 1/m"))["linear_backward"])
    assert "a missing 1/m" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees

ANSWERS = {"q_n_parameters": "117", "q_he_std": "0.2", "q_universal": "'a'"}


def _sources(**override):
    srcs = {**{k: textwrap.dedent(v) for k, v in SOLUTIONS.items()},
            **{k: textwrap.dedent(v) for k, v in override.items()}}
    return [srcs[k] for k in SOLUTIONS] + [f"{q} = {a}\n" for q, a in ANSWERS.items()]


def test_judge_agrees_on_a_notebook(tmp_path):
    names = list(SOLUTIONS) + list(ANSWERS)
    sources = _sources(L_model_backward=mistake_src("L_model_backward", "dAL with the wrong sign"),
                       initialize_parameters_deep=mistake_src("initialize_parameters_deep",
                                                              "sqrt(1/n) (Xavier) instead of sqrt(2/n) (He)"))
    verdicts = Judge(SPEC, tmp_path).judge(sources, names)
    assert {n for n, v in verdicts.items() if v.passed} == \
        set(names) - {"L_model_backward", "initialize_parameters_deep", "q_universal"}
    assert verdicts["L_model_backward"].mistake == "dAL with the wrong sign"
    assert verdicts["initialize_parameters_deep"].mistake == "sqrt(1/n) (Xavier) instead of sqrt(2/n) (He)"


def test_judge_names_mistakes_through_dependencies_and_helpers(tmp_path):
    # linear_activation_backward calls the helpers and linear_backward (served by the grader)
    sources = _sources(linear_activation_backward=mistake_src("linear_activation_backward",
                                                               "g' taken at A = g(Z) instead of at Z"),
                       linear_forward=mistake_src("linear_forward", "W transposed"))
    names = ["linear_forward", "linear_activation_forward", "linear_activation_backward", "L_model_backward"]
    verdicts = Judge(SPEC, tmp_path).judge(sources, names)
    assert verdicts["linear_activation_backward"].mistake == "g' taken at A = g(Z) instead of at Z"
    assert verdicts["linear_forward"].mistake == "W transposed"
    assert verdicts["linear_activation_forward"].passed, verdicts["linear_activation_forward"].message
    assert verdicts["L_model_backward"].passed, verdicts["L_model_backward"].message


def test_judge_agrees_on_red_team_solutions(tmp_path):
    # Ng's code: sigmoid/relu of its own returning (A, Z), relu_backward, the older dA numbering
    picks = {}
    for name, src in OTHER_CORRECT:
        if "def sigmoid(Z)" in src or "def relu_backward" in src or "older version of Ng" in src:
            picks[name] = src
    assert set(picks) == {"linear_activation_forward", "linear_activation_backward", "L_model_backward"}
    names = list(SOLUTIONS)
    verdicts = Judge(SPEC, tmp_path).judge(_sources(**picks)[:len(names)], names)
    for name in names:
        assert verdicts[name].passed, verdicts[name].message
        if name in picks:
            ns = cell(SOLUTIONS["linear_forward"])
            ns = cell(SOLUTIONS["linear_backward"], ns)
            v = CHECK.verdict(name, cell(picks[name], ns)[name], hidden=True)
            assert v.passed, v.message


def test_an_error_of_a_reference_the_student_called_says_so(tmp_path):
    src = textwrap.dedent(SOLUTIONS["L_model_backward"]).replace(
        'linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")',
        'linear_activation_backward(dAL, current_cache, "relu")')  # dAL given to every layer
    kernel = CHECK.verdict("L_model_backward", cell(src)["L_model_backward"], hidden=True)
    judged = Judge(SPEC, tmp_path).judge([src], ["L_model_backward"])["L_model_backward"]
    assert not kernel.passed and not judged.passed
    assert "linear_activation_backward (the reference, called by your code) raised: " in kernel.message, kernel.message
    assert judged.message == kernel.message
