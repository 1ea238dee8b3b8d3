"""The checks of 06_optimization: the reference and other correct solutions pass, every known mistake
fails and is named, errors, wrong types and modified inputs get clear messages, and the judge agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.judge.judge import Judge
from spec_suite import SpecSuite, edit

ASSIGNMENT = "06_optimization"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

#: the model solution of random_mini_batches, at column 0 as the edits below insert whole lines into it
MINI_BATCHES = """
def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    if rng is None:
        rng = np.random.default_rng()
    m = X.shape[1]
    permutation = rng.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    num_complete = m // mini_batch_size
    for k in range(num_complete):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete * mini_batch_size:]
        mini_batch_Y = shuffled_Y[:, num_complete * mini_batch_size:]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches
"""


SOLUTIONS = {
    "random_mini_batches": MINI_BATCHES,
    "initialize_velocity": """
        def initialize_velocity(parameters):
            L = len(parameters) // 2
            v = {}
            for l in range(1, L + 1):
                v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
                v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
            return v
    """,
    "update_parameters_with_momentum": """
        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            L = len(parameters) // 2
            new_parameters, new_v = {}, {}
            for l in range(1, L + 1):
                for p in ("W", "b"):
                    key = p + str(l)
                    new_v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                    new_parameters[key] = parameters[key] - learning_rate * new_v["d" + key]
            return new_parameters, new_v
    """,
    "initialize_rmsprop": """
        def initialize_rmsprop(parameters):
            s = {}
            for key, value in parameters.items():
                s["d" + key] = np.zeros_like(value)
            return s
    """,
    "update_parameters_with_rmsprop": """
        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            L = len(parameters) // 2
            new_parameters, new_s = {}, {}
            for l in range(1, L + 1):
                for p in ("W", "b"):
                    key = p + str(l)
                    g = grads["d" + key]
                    new_s["d" + key] = beta * s["d" + key] + (1 - beta) * g ** 2
                    new_parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(new_s["d" + key]) + epsilon)
            return new_parameters, new_s
    """,
    "initialize_adam": """
        def initialize_adam(parameters):
            L = len(parameters) // 2
            v, s = {}, {}
            for l in range(1, L + 1):
                v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
                v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
                s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
                s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
            return v, s
    """,
    "update_parameters_with_adam": """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            L = len(parameters) // 2
            new_parameters, new_v, new_s = {}, {}, {}
            for l in range(1, L + 1):
                for p in ("W", "b"):
                    key = p + str(l)
                    g = grads["d" + key]
                    new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
                    new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * np.square(g)
                    v_corrected = new_v["d" + key] / (1 - beta1 ** t)
                    s_corrected = new_s["d" + key] / (1 - beta2 ** t)
                    new_parameters[key] = parameters[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
            return new_parameters, new_v, new_s
    """,
}

#: Andrew Ng's random_mini_batches (course 2, week 2, with rng for the seed)
NG_MINI_BATCHES = """
def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    if rng is None:
        rng = np.random.default_rng()
    m = X.shape[1]
    mini_batches = []
    permutation = list(rng.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    inc = mini_batch_size
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size : m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size : m]
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)
    return mini_batches
"""
_NG_LAST = ("mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size : m]\n"
            "        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size : m]")


#: Ng's update_parameters_with_adam, as written there: it updates the dicts it is given
NG_ADAM = """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(L):
        v["dW" + str(l + 1)] = beta1 * v["dW" + str(l + 1)] + (1 - beta1) * grads["dW" + str(l + 1)]
        v["db" + str(l + 1)] = beta1 * v["db" + str(l + 1)] + (1 - beta1) * grads["db" + str(l + 1)]
        v_corrected["dW" + str(l + 1)] = v["dW" + str(l + 1)] / (1 - beta1 ** t)
        v_corrected["db" + str(l + 1)] = v["db" + str(l + 1)] / (1 - beta1 ** t)
        s["dW" + str(l + 1)] = beta2 * s["dW" + str(l + 1)] + (1 - beta2) * np.square(grads["dW" + str(l + 1)])
        s["db" + str(l + 1)] = beta2 * s["db" + str(l + 1)] + (1 - beta2) * np.square(grads["db" + str(l + 1)])
        s_corrected["dW" + str(l + 1)] = s["dW" + str(l + 1)] / (1 - beta2 ** t)
        s_corrected["db" + str(l + 1)] = s["db" + str(l + 1)] / (1 - beta2 ** t)
        parameters["W" + str(l + 1)] = (parameters["W" + str(l + 1)] - learning_rate * v_corrected["dW" + str(l + 1)]
                                        / (np.sqrt(s_corrected["dW" + str(l + 1)]) + epsilon))
        parameters["b" + str(l + 1)] = (parameters["b" + str(l + 1)] - learning_rate * v_corrected["db" + str(l + 1)]
                                        / (np.sqrt(s_corrected["db" + str(l + 1)]) + epsilon))
    return parameters, v, s
"""

OTHER_CORRECT = [
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            rng = np.random.default_rng() if rng is None else rng
            idx = np.arange(X.shape[1])
            rng.shuffle(idx)
            batches = []
            for start in range(0, X.shape[1], mini_batch_size):
                cols = idx[start:start + mini_batch_size]
                batches.append((X[:, cols], Y[:, cols]))
            return batches
    """),
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            if rng is None:
                rng = np.random.default_rng()
            m = X.shape[1]
            order = rng.choice(m, size=m, replace=False)
            XY = np.concatenate([X, Y], axis=0)[:, order]
            n_batches = math.ceil(m / mini_batch_size)
            return [(XY[:-1, k * mini_batch_size:(k + 1) * mini_batch_size],
                     XY[-1:, k * mini_batch_size:(k + 1) * mini_batch_size]) for k in range(n_batches)]
    """),
    ("initialize_velocity", """
        def initialize_velocity(parameters):
            return {"d" + k: np.zeros_like(p, dtype=float) for k, p in parameters.items()}
    """),
    ("initialize_adam", """
        def initialize_adam(parameters):
            v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
            s = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
            return v, s
    """),
    ("update_parameters_with_momentum", """
        import copy

        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            parameters = copy.deepcopy(parameters)
            v = copy.deepcopy(v)
            for key in parameters:
                v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                parameters[key] -= learning_rate * v["d" + key]
            return parameters, v
    """),
    ("update_parameters_with_rmsprop", """
        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            new_s = {k: beta * s[k] + (1 - beta) * grads[k] * grads[k] for k in s}
            new_p = {k: W - learning_rate * grads["d" + k] / (np.sqrt(new_s["d" + k]) + epsilon)
                     for k, W in parameters.items()}
            return new_p, new_s
    """),
    ("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            v_out, s_out, p_out = {}, {}, {}
            for key, W in parameters.items():
                g = grads["d" + key]
                v_out["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
                s_out["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
                v_hat = v_out["d" + key] / (1 - np.power(beta1, t))
                s_hat = s_out["d" + key] / (1 - np.power(beta2, t))
                p_out[key] = W - learning_rate * (v_hat / (np.sqrt(s_hat) + epsilon))
            return p_out, v_out, s_out
    """),
    # more ways to write them (the red-team round of 05 and 06)
    ("random_mini_batches", NG_MINI_BATCHES),
    ("random_mini_batches", edit(NG_MINI_BATCHES, "permutation = list(rng.permutation(m))",
                                 "permutation = rng.permuted(np.arange(m))")),
    ("random_mini_batches", edit(NG_MINI_BATCHES, "math.floor(m / mini_batch_size)", "int(m / mini_batch_size)")),
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            if rng is None:
                rng = np.random.default_rng()
            m = X.shape[1]
            data = np.vstack([X, Y])
            data = rng.permutation(data.T).T
            batches = []
            start = 0
            while start < m:
                end = min(start + mini_batch_size, m)
                batches.append((data[:-1, start:end], data[-1:, start:end]))
                start = end
            return batches
    """),
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            if rng is None:
                rng = np.random.default_rng()
            idx = rng.permutation(X.shape[1])
            cuts = list(range(mini_batch_size, X.shape[1], mini_batch_size))
            return list(zip(np.split(X[:, idx], cuts, axis=1), np.split(Y[:, idx], cuts, axis=1)))
    """),
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            if rng is None:
                rng = np.random.default_rng(0)
            m = X.shape[1]
            data = np.concatenate((X, Y), axis=0)
            rng.shuffle(data, axis=1)  # a new array: X and Y are left alone
            out = []
            for k in range(math.ceil(m / mini_batch_size)):
                chunk = data[:, k * mini_batch_size:(k + 1) * mini_batch_size]
                out.append([chunk[:X.shape[0]], chunk[X.shape[0]:]])
            return out
    """),
    ("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            if rng is None:
                rng = np.random.default_rng()
            m = X.shape[1]
            p = np.argsort(rng.random(m))
            sx, sy = np.take(X, p, axis=1), np.take(Y, p, axis=1)
            return [(sx[:, k:k + mini_batch_size], sy[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]
    """),
    ("initialize_velocity", """
        def initialize_velocity(parameters):
            L = len(parameters) // 2
            v = {}
            for l in range(L):
                v["dW" + str(l + 1)] = np.zeros((parameters["W" + str(l + 1)].shape[0], parameters["W" + str(l + 1)].shape[1]))
                v["db" + str(l + 1)] = np.zeros((parameters["b" + str(l + 1)].shape[0], parameters["b" + str(l + 1)].shape[1]))
            return v
    """),
    ("initialize_rmsprop", """
        def initialize_rmsprop(parameters):
            return {"d" + k: W * 0 for k, W in parameters.items()}
    """),
    ("initialize_adam", """
        def initialize_adam(parameters):
            v = {"d" + k: np.zeros(W.shape) for k, W in parameters.items()}
            return [v, {k: z.copy() for k, z in v.items()}]
    """),
    ("update_parameters_with_momentum", """
        import copy

        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            parameters = copy.deepcopy(parameters)
            v = copy.deepcopy(v)
            L = len(parameters) // 2
            for l in range(L):
                v["dW" + str(l + 1)] = beta * v["dW" + str(l + 1)] + (1 - beta) * grads['dW' + str(l + 1)]
                v["db" + str(l + 1)] = beta * v["db" + str(l + 1)] + (1 - beta) * grads['db' + str(l + 1)]
                parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * v["dW" + str(l + 1)]
                parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * v["db" + str(l + 1)]
            return parameters, v
    """),
    ("update_parameters_with_momentum", """
        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            parameters, v = parameters.copy(), v.copy()  # new dicts; the new arrays are assigned to them
            for key in list(parameters):
                v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                parameters[key] = parameters[key] - learning_rate * v["d" + key]
            return parameters, v
    """),
    ("update_parameters_with_momentum", """
        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            new_v = {k: np.multiply(beta, v[k]) + np.multiply(1 - beta, grads[k]) for k in v}
            return {k: W - learning_rate * new_v["d" + k] for k, W in parameters.items()}, new_v
    """),
    ("update_parameters_with_rmsprop", """
        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            new_p, new_s = {}, {}
            for key in parameters:
                g = grads["d" + key]
                new_s["d" + key] = beta * s["d" + key] + (1 - beta) * g * g
                new_p[key] = parameters[key] - learning_rate * g / (np.power(new_s["d" + key], 0.5) + epsilon)
            return new_p, new_s
    """),
    ("update_parameters_with_rmsprop", """
        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            new_s = {k: beta * s[k] + (1 - beta) * np.square(grads[k]) for k in s}
            return {k: W - learning_rate * grads["d" + k] / (new_s["d" + k] ** (1 / 2) + epsilon)
                    for k, W in parameters.items()}, new_s
    """),
    ("update_parameters_with_rmsprop", """
        import copy

        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            parameters, s = copy.deepcopy(parameters), copy.deepcopy(s)
            for l in range(1, len(parameters) // 2 + 1):
                for p in "Wb":
                    s["d%s%d" % (p, l)] = beta * s["d%s%d" % (p, l)] + (1 - beta) * grads["d%s%d" % (p, l)] ** 2
                    parameters["%s%d" % (p, l)] -= learning_rate * grads["d%s%d" % (p, l)] / (np.sqrt(s["d%s%d" % (p, l)]) + epsilon)
            return parameters, s
    """),
    ("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            L = len(parameters) // 2
            v_corrected, s_corrected = {}, {}
            new_p, new_v, new_s = {}, {}, {}
            for l in range(1, L + 1):
                for p in ("W", "b"):
                    k = "d" + p + str(l)
                    new_v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
                    v_corrected[k] = new_v[k] / (1 - np.power(beta1, t))
                    new_s[k] = beta2 * s[k] + (1 - beta2) * np.power(grads[k], 2)
                    s_corrected[k] = new_s[k] / (1 - np.power(beta2, t))
                    new_p[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[k] / (np.sqrt(s_corrected[k]) + epsilon)
            return new_p, new_v, new_s
    """),
    ("update_parameters_with_adam", edit(NG_ADAM, "L = len(parameters) // 2", (
        "import copy\n"
        "    parameters, v, s = copy.deepcopy(parameters), copy.deepcopy(v), copy.deepcopy(s)\n"
        "    L = len(parameters) // 2"))),
    ("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            c1, c2 = 1.0 - beta1 ** t, 1.0 - beta2 ** t
            new_v = {k: beta1 * v[k] + (1 - beta1) * grads[k] for k in v}
            new_s = {k: beta2 * s[k] + (1 - beta2) * grads[k] * grads[k] for k in s}
            new_p = {k: W - learning_rate * (new_v["d" + k] / c1) / ((new_s["d" + k] / c2) ** 0.5 + epsilon)
                     for k, W in parameters.items()}
            return new_p, new_v, new_s
    """),
    ("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            new_p, new_v, new_s = dict(parameters), dict(v), dict(s)
            for key in parameters:
                g = grads["d" + key]
                new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
                new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
                v_hat = new_v["d" + key] / (1 - beta1 ** t)
                s_hat = new_s["d" + key] / (1 - beta2 ** t)
                new_p[key] = parameters[key] - learning_rate * np.divide(v_hat, np.add(np.sqrt(s_hat), epsilon))
            return new_p, new_v, new_s
    """),
]


INIT_MISTAKES = {
    "keys named like the parameters ('W1', not 'dW1')": """
        def {name}(parameters):
            v = {{}}
            for key in parameters:
                v[key] = np.zeros(parameters[key].shape)
            return {ret}
    """,
    "the biases left out": """
        def {name}(parameters):
            L = len(parameters) // 2
            v = {{}}
            for l in range(1, L + 1):
                v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
            return {ret}
    """,
    "the parameters' values in place of zeros": """
        def {name}(parameters):
            v = {{}}
            for key in parameters:
                v["d" + key] = parameters[key].copy()
            return {ret}
    """,
    "one zero per row (shape (n_l, 1))": """
        def {name}(parameters):
            v = {{}}
            for key in parameters:
                v["d" + key] = np.zeros((parameters[key].shape[0], 1))
            return {ret}
    """,
}

MISTAKES = [
    ("random_mini_batches", "X and Y shuffled apart",
     edit(MINI_BATCHES, "shuffled_Y = Y[:, permutation]", "shuffled_Y = Y[:, rng.permutation(m)]")),
    ("random_mini_batches", "no shuffling",
     edit(MINI_BATCHES, "permutation = rng.permutation(m)", "permutation = np.arange(m)")),
    ("random_mini_batches", "the last partial batch dropped",
     edit(MINI_BATCHES, "if m % mini_batch_size != 0:", "if False:")),
    ("random_mini_batches", "an empty last batch",
     edit(MINI_BATCHES, "if m % mini_batch_size != 0:", "if True:")),
    ("random_mini_batches", "batches of the wrong size",
     edit(MINI_BATCHES,
          ("X[:, k * mini_batch_size:(k + 1) * mini_batch_size]",
           "X[:, k * mini_batch_size:(k + 1) * mini_batch_size - 1]"),
          ("Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]",
           "Y[:, k * mini_batch_size:(k + 1) * mini_batch_size - 1]"))),
    ("random_mini_batches", "mini_batch_size hard-coded to 64",
     edit(MINI_BATCHES, "num_complete = m // mini_batch_size",
          "mini_batch_size = 64\n    num_complete = m // mini_batch_size")),
    ("random_mini_batches", "examples drawn with replacement",
     edit(MINI_BATCHES, "permutation = rng.permutation(m)", "permutation = rng.choice(m, m)")),
    ("random_mini_batches", "rng not used",
     edit(MINI_BATCHES, "permutation = rng.permutation(m)", "permutation = np.random.permutation(m)")),
]
for _name, _ret in (("initialize_velocity", "v"), ("initialize_rmsprop", "v"), ("initialize_adam", "v, dict(v)")):
    for _mistake, _src in INIT_MISTAKES.items():
        MISTAKES.append((_name, _mistake, textwrap.dedent(_src).format(name=_name, ret=_ret)))

#: the bases of the update rules' mistakes below, and the lines of them that the mistakes change
MOMENTUM = SOLUTIONS["update_parameters_with_momentum"]
RMSPROP = SOLUTIONS["update_parameters_with_rmsprop"]
ADAM = SOLUTIONS["update_parameters_with_adam"]
_MOM_V = 'new_v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]'
_MOM_W = 'new_parameters[key] = parameters[key] - learning_rate * new_v["d" + key]'
MISTAKES += [
    ("update_parameters_with_momentum", "v = beta v + dW (no 1 - beta)",
     edit(MOMENTUM, _MOM_V, 'new_v["d" + key] = beta * v["d" + key] + grads["d" + key]')),
    ("update_parameters_with_momentum", "beta and 1 - beta swapped",
     edit(MOMENTUM, _MOM_V, 'new_v["d" + key] = (1 - beta) * v["d" + key] + beta * grads["d" + key]')),
    ("update_parameters_with_momentum", "the update made with the old v",
     edit(MOMENTUM, _MOM_W, 'new_parameters[key] = parameters[key] - learning_rate * v["d" + key]')),
    ("update_parameters_with_momentum", "W updated with dW, not with v",
     edit(MOMENTUM, _MOM_W, 'new_parameters[key] = parameters[key] - learning_rate * grads["d" + key]')),
    ("update_parameters_with_momentum", "a sign slip (W + learning_rate v)",
     edit(MOMENTUM, _MOM_W, 'new_parameters[key] = parameters[key] + learning_rate * new_v["d" + key]')),
    ("update_parameters_with_momentum", "a hard-coded beta",
     edit(MOMENTUM, _MOM_V, 'new_v["d" + key] = 0.9 * v["d" + key] + (1 - 0.9) * grads["d" + key]')),
    ("update_parameters_with_momentum", "a hard-coded learning rate",
     edit(MOMENTUM, _MOM_W, 'new_parameters[key] = parameters[key] - 0.1 * new_v["d" + key]')),
]

_RMS_S = 'new_s["d" + key] = beta * s["d" + key] + (1 - beta) * g ** 2'
_RMS_W = 'new_parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(new_s["d" + key]) + epsilon)'
MISTAKES += [
    ("update_parameters_with_rmsprop", "s built from dW, not dW^2",
     edit(RMSPROP, _RMS_S, 'new_s["d" + key] = beta * s["d" + key] + (1 - beta) * g')),
    ("update_parameters_with_rmsprop", "epsilon inside the square root",
     edit(RMSPROP, _RMS_W,
          'new_parameters[key] = parameters[key] - learning_rate * g / np.sqrt(new_s["d" + key] + epsilon)')),
    ("update_parameters_with_rmsprop", "no square root",
     edit(RMSPROP, _RMS_W, 'new_parameters[key] = parameters[key] - learning_rate * g / (new_s["d" + key] + epsilon)')),
    ("update_parameters_with_rmsprop", "s = beta s + dW^2 (no 1 - beta)",
     edit(RMSPROP, _RMS_S, 'new_s["d" + key] = beta * s["d" + key] + g ** 2')),
    ("update_parameters_with_rmsprop", "beta and 1 - beta swapped",
     edit(RMSPROP, _RMS_S, 'new_s["d" + key] = (1 - beta) * s["d" + key] + beta * g ** 2')),
    ("update_parameters_with_rmsprop", "the update made with the old s",
     edit(RMSPROP, _RMS_W,
          'new_parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(s["d" + key]) + epsilon)')),
    ("update_parameters_with_rmsprop", "a hard-coded beta",
     edit(RMSPROP, _RMS_S, 'new_s["d" + key] = 0.999 * s["d" + key] + 0.001 * g ** 2')),
    ("update_parameters_with_rmsprop", "a hard-coded learning rate",
     edit(RMSPROP, _RMS_W, 'new_parameters[key] = parameters[key] - 0.01 * g / (np.sqrt(new_s["d" + key]) + epsilon)')),
    ("update_parameters_with_rmsprop", "a hard-coded epsilon",
     edit(RMSPROP, _RMS_W,
          'new_parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(new_s["d" + key]) + 1e-8)')),
]

_AD_V = 'new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g'
_AD_S = 'new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * np.square(g)'
_AD_VC = 'v_corrected = new_v["d" + key] / (1 - beta1 ** t)'
_AD_SC = 's_corrected = new_s["d" + key] / (1 - beta2 ** t)'
_AD_W = 'new_parameters[key] = parameters[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)'
MISTAKES += [
    ("update_parameters_with_adam", "Adam without bias correction", edit(
        ADAM, (_AD_VC, 'v_corrected = new_v["d" + key]'), (_AD_SC, 's_corrected = new_s["d" + key]'))),
    ("update_parameters_with_adam", "bias correction with t + 1 (t counted from 0)", edit(
        ADAM, (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta1 ** (t + 1))'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - beta2 ** (t + 1))'))),
    ("update_parameters_with_adam", "bias correction with t - 1", edit(
        ADAM, (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta1 ** (t - 1))'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - beta2 ** (t - 1))'))),
    ("update_parameters_with_adam", "the corrected averages returned as v and s", edit(
        ADAM, (_AD_VC, 'new_v["d" + key] = new_v["d" + key] / (1 - beta1 ** t)'),
        (_AD_SC, 'new_s["d" + key] = new_s["d" + key] / (1 - beta2 ** t)'),
        (_AD_W, 'new_parameters[key] = parameters[key] - learning_rate * new_v["d" + key] / '
                '(np.sqrt(new_s["d" + key]) + epsilon)'))),
    ("update_parameters_with_adam", "epsilon inside the square root", edit(
        ADAM, _AD_W,
        'new_parameters[key] = parameters[key] - learning_rate * v_corrected / np.sqrt(s_corrected + epsilon)')),
    ("update_parameters_with_adam", "s built from dW, not dW^2", edit(
        ADAM, _AD_S, 'new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g')),
    ("update_parameters_with_adam", "v = beta1 v + dW (no 1 - beta1)", edit(
        ADAM, _AD_V, 'new_v["d" + key] = beta1 * v["d" + key] + g')),
    ("update_parameters_with_adam", "beta1 and beta2 swapped", edit(
        ADAM, (_AD_V, 'new_v["d" + key] = beta2 * v["d" + key] + (1 - beta2) * g'),
        (_AD_S, 'new_s["d" + key] = beta1 * s["d" + key] + (1 - beta1) * np.square(g)'),
        (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta2 ** t)'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - beta1 ** t)'))),
    ("update_parameters_with_adam", "the update made with the old v and s", edit(
        ADAM, (_AD_VC, 'v_corrected = v["d" + key] / (1 - beta1 ** t)'),
        (_AD_SC, 's_corrected = s["d" + key] / (1 - beta2 ** t)'))),
    ("update_parameters_with_adam", "no square root", edit(
        ADAM, _AD_W, 'new_parameters[key] = parameters[key] - learning_rate * v_corrected / (s_corrected + epsilon)')),
    ("update_parameters_with_adam", "a sign slip (W + learning_rate ...)", edit(
        ADAM, _AD_W,
        'new_parameters[key] = parameters[key] + learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)')),
    ("update_parameters_with_adam", "a hard-coded learning rate", edit(
        ADAM, _AD_W, 'new_parameters[key] = parameters[key] - 0.01 * v_corrected / (np.sqrt(s_corrected) + epsilon)')),
    ("update_parameters_with_adam", "a hard-coded beta1", edit(
        ADAM, (_AD_V, 'new_v["d" + key] = 0.9 * v["d" + key] + 0.1 * g'),
        (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - 0.9 ** t)'))),
    ("update_parameters_with_adam", "a hard-coded beta2", edit(
        ADAM, (_AD_S, 'new_s["d" + key] = 0.999 * s["d" + key] + 0.001 * np.square(g)'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - 0.999 ** t)'))),
    ("update_parameters_with_adam", "a hard-coded epsilon", edit(
        ADAM, _AD_W,
        'new_parameters[key] = parameters[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + 1e-8)')),
]

#: momentum with the learning rate inside v (v = beta v - learning_rate dW, W = W + v)
MOMENTUM_LR_IN_V = """
    def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
        new_p, new_v = {}, {}
        for k in parameters:
            new_v["d" + k] = beta * v["d" + k] - learning_rate * grads["d" + k]
            new_p[k] = parameters[k] + new_v["d" + k]
        return new_p, new_v
"""

MISTAKES += [
    ("random_mini_batches", "the last batch padded to full size", edit(
        NG_MINI_BATCHES, _NG_LAST, "mini_batch_X = shuffled_X[:, m - mini_batch_size : m]\n"
                                   "        mini_batch_Y = shuffled_Y[:, m - mini_batch_size : m]")),
    ("update_parameters_with_momentum", "the learning rate inside v (another formulation of momentum)",
     MOMENTUM_LR_IN_V),
    ("update_parameters_with_rmsprop", "epsilon outside the parentheses", edit(
        RMSPROP, _RMS_W,
        'new_parameters[key] = parameters[key] - learning_rate * g / np.sqrt(new_s["d" + key]) + epsilon')),
    ("update_parameters_with_adam", "v not bias-corrected", edit(ADAM, _AD_VC, 'v_corrected = new_v["d" + key]')),
    ("update_parameters_with_adam", "s not bias-corrected", edit(ADAM, _AD_SC, 's_corrected = new_s["d" + key]')),
    ("update_parameters_with_adam", "1 - beta * t in place of 1 - beta ** t", edit(
        ADAM, (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta1 * t)'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - beta2 * t)'))),
    ("update_parameters_with_adam", "(1 - beta) ** t in place of 1 - beta ** t", edit(
        ADAM, (_AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta1) ** t'),
        (_AD_SC, 's_corrected = new_s["d" + key] / (1 - beta2) ** t'))),
    ("update_parameters_with_adam", "epsilon outside the parentheses", edit(
        ADAM, _AD_W,
        'new_parameters[key] = parameters[key] - learning_rate * v_corrected / np.sqrt(s_corrected) + epsilon')),
    ("update_parameters_with_adam", "the corrections folded into the learning rate", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            new_p, new_v, new_s = {}, {}, {}
            alpha_t = learning_rate * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            for key in parameters:
                g = grads["d" + key]
                new_v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
                new_s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
                new_p[key] = parameters[key] - alpha_t * new_v["d" + key] / (np.sqrt(new_s["d" + key]) + epsilon)
            return new_p, new_v, new_s
    """),
]

#: More ways to make a named mistake
MORE_MISTAKES = [
    ("random_mini_batches", "the last batch padded to full size", edit(
        NG_MINI_BATCHES, _NG_LAST, "pad = (num_complete_minibatches + 1) * mini_batch_size - m\n"
        "        mini_batch_X = np.concatenate([shuffled_X[:, num_complete_minibatches * mini_batch_size:], "
        "np.zeros((X.shape[0], pad))], axis=1)\n"
        "        mini_batch_Y = np.concatenate([shuffled_Y[:, num_complete_minibatches * mini_batch_size:], "
        "np.zeros((1, pad))], axis=1)")),
    ("random_mini_batches", "X and Y shuffled apart", edit(
        NG_MINI_BATCHES, "shuffled_Y = Y[:, permutation]", "shuffled_Y = Y[:, list(rng.permutation(m))]")),
    ("random_mini_batches", "X and Y shuffled apart", edit(
        NG_MINI_BATCHES, "shuffled_Y = Y[:, permutation].reshape((1, m))", "shuffled_Y = Y")),
    ("random_mini_batches", "the last partial batch dropped", edit(
        NG_MINI_BATCHES, "if m % mini_batch_size != 0:", "if False:")),
    ("random_mini_batches", "no shuffling", edit(
        NG_MINI_BATCHES, "permutation = list(rng.permutation(m))", "permutation = list(range(m))")),
    ("random_mini_batches", "mini_batch_size hard-coded to 64", edit(
        NG_MINI_BATCHES, "inc = mini_batch_size", "mini_batch_size = 64")),
    ("random_mini_batches", "rng not used", edit(
        NG_MINI_BATCHES, "permutation = list(rng.permutation(m))",
        "np.random.seed(0)\n    permutation = list(np.random.permutation(m))")),
    ("random_mini_batches", "rng not used", edit(
        NG_MINI_BATCHES, "rng.permutation(m)", "np.random.default_rng(0).permutation(m)")),
    ("random_mini_batches", "examples drawn with replacement", edit(
        NG_MINI_BATCHES, "rng.permutation(m)", "rng.integers(0, m, m)")),
    ("update_parameters_with_momentum", "the learning rate inside v (another formulation of momentum)", edit(
        MOMENTUM_LR_IN_V, ("- learning_rate * grads", "+ learning_rate * grads"),
        ("parameters[k] + new_v", "parameters[k] - new_v"))),
    ("update_parameters_with_rmsprop", "epsilon outside the parentheses", edit(
        RMSPROP, _RMS_W,
        'new_parameters[key] = parameters[key] - learning_rate * (g / np.sqrt(new_s["d" + key]) + epsilon)')),
    ("update_parameters_with_adam", "epsilon outside the parentheses", edit(
        ADAM, _AD_W,
        'new_parameters[key] = parameters[key] - learning_rate * (v_corrected / np.sqrt(s_corrected) + epsilon)')),
    ("update_parameters_with_adam", "a hard-coded learning rate", edit(
        ADAM, _AD_W, 'new_parameters[key] = parameters[key] - 0.001 * v_corrected / (np.sqrt(s_corrected) + epsilon)')),
]

# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    VISIBLE = [
        ("random_mini_batches", "X and Y shuffled apart"),
        ("random_mini_batches", "the last partial batch dropped"),
        ("random_mini_batches", "mini_batch_size hard-coded to 64"),
        ("update_parameters_with_momentum", "v = beta v + dW (no 1 - beta)"),
        ("update_parameters_with_rmsprop", "epsilon inside the square root"),
        ("update_parameters_with_adam", "Adam without bias correction"),
        ("update_parameters_with_adam", "bias correction with t + 1 (t counted from 0)"),
        ("update_parameters_with_adam", "the corrected averages returned as v and s"),
    ]
    QUESTIONS = [
        ("q_num_batches", [(16, 40), [16, 40], (16.0, 40.0)], [(15, 40), (16, 64), 16, "16, 40", (16, 40, 0)]),
        ("q_bias_correction", [(0.19, 1.0), [0.19, 1]], [(0.1, 1.0), (0.19, 0.19), 0.19, (1.0, 0.19)]),
        ("q_adam_first_step", [0.01, "0.01"], [-0.01, 0.03, 0.0]),
    ]


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


@pytest.mark.parametrize("name", list(SPEC.functions))
def test_every_mistake_impl_of_the_spec_fails(name):
    spec = SPEC.functions[name]
    for m in spec.mistakes:
        v = CHECK.verdict(name, m.impl, hidden=True)
        assert not v.passed and v.mistake == m.name, (m.name, v.message)


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))


def test_a_run_of_steps_reports_the_step():
    src = edit(ADAM, _AD_VC, 'v_corrected = new_v["d" + key] / (1 - beta1 ** min(t, 2))')
    fn = cell(src)["update_parameters_with_adam"]
    # the visible single steps have t = 1 and t = 2; the visible run of three steps finds it
    v = CHECK.verdict("update_parameters_with_adam", fn, hidden=False)
    assert not v.passed
    assert "at step 3 of a run of 3 steps" in v.message
    assert len(v.message.splitlines()) <= 5


def test_a_function_that_raises():
    v = verdict("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            return parameters["W3"], v, s
    """)
    assert not v.passed and "raised KeyError" in v.message
    v = verdict("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message


def test_rng_none_must_work():
    v = verdict("random_mini_batches", edit(MINI_BATCHES, "rng = np.random.default_rng()", "pass"))
    assert not v.passed and "raised AttributeError" in v.message


def test_a_wrong_type():
    v = verdict("random_mini_batches",
                edit(MINI_BATCHES, "return mini_batches", "return np.array(mini_batches, dtype=object)"))
    assert not v.passed and "expected a list of (X_batch, Y_batch) pairs" in v.message
    v = verdict("random_mini_batches", MINI_BATCHES.replace("mini_batches.append((mini_batch_X, mini_batch_Y))",
                                                            "mini_batches.append(mini_batch_X)"))  # both appends
    assert not v.passed and "expected a pair (X_batch, Y_batch)" in v.message
    v = verdict("update_parameters_with_momentum",
                edit(MOMENTUM, "return new_parameters, new_v", "return new_parameters"))
    assert not v.passed and "expected a tuple of length 2" in v.message
    v = verdict("initialize_adam", """
        def initialize_adam(parameters):
            return {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
    """)
    assert not v.passed and "returned a dict" in v.message


def test_a_function_that_modifies_its_input():
    v = verdict("update_parameters_with_momentum", """
        def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
            for key in parameters:
                v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
                parameters[key] = parameters[key] - learning_rate * v["d" + key]
            return parameters, v
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) parameters, v" in v.message
    v = verdict("update_parameters_with_adam", """
        def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                        beta1=0.9, beta2=0.999, epsilon=1e-8):
            parameters, v, s = dict(parameters), dict(v), dict(s)
            for key in parameters:
                g = grads["d" + key]
                v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
                s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
                v_hat = v["d" + key] / (1 - beta1 ** t)
                s_hat = s["d" + key] / (1 - beta2 ** t)
                parameters[key] -= learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
            return parameters, v, s
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) parameters" in v.message
    v = verdict("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            rng = rng or np.random.default_rng()
            m = X.shape[1]
            perm = rng.permutation(m)
            X[:] = X[:, perm]
            Y[:] = Y[:, perm]
            return [(X[:, k:k + mini_batch_size], Y[:, k:k + mini_batch_size]) for k in range(0, m, mini_batch_size)]
    """)
    assert not v.passed and v.mistake == "modifies its input"


def test_modified_inputs_are_explained():
    """Ng's updates write into the dicts they are given; the rule stays, and the message says what to do."""
    v = verdict("update_parameters_with_adam", NG_ADAM)
    lines = v.message.splitlines()
    assert not v.passed and v.mistake == "modifies its input" and len(lines) <= 5
    assert lines[0] == ("update_parameters_with_adam modified its argument(s) parameters, v, s; "
                        "work on a copy and return new arrays.")
    assert "build new dicts" in lines[1] and "copy.deepcopy(s)" in lines[1]
    # a shallow copy and *= on its arrays: still the caller's arrays
    v = verdict("update_parameters_with_rmsprop", """
        def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
            new_p, new_s = parameters.copy(), s.copy()
            for key in parameters:
                new_s["d" + key] *= beta
                new_s["d" + key] += (1 - beta) * grads["d" + key] ** 2
                new_p[key] = parameters[key] - learning_rate * grads["d" + key] / (np.sqrt(new_s["d" + key]) + epsilon)
            return new_p, new_s
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) s;" in v.message and "s.copy() alone still shares the arrays" in v.message
    v = verdict("random_mini_batches", """
        def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
            rng = np.random.default_rng() if rng is None else rng
            data = np.concatenate([X, Y])
            rng.shuffle(data.T)
            X[:], Y[:] = data[:-1], data[-1:]
            return [(X[:, k:k + mini_batch_size].copy(), Y[:, k:k + mini_batch_size].copy())
                    for k in range(0, X.shape[1], mini_batch_size)]
    """)
    assert not v.passed and v.mistake == "modifies its input" and "X[:, permutation]" in v.message
    v = verdict("initialize_velocity", """
        def initialize_velocity(parameters):
            v = {"d" + k: np.zeros(p.shape) for k, p in parameters.items()}
            for p in parameters.values():
                p *= 0  # the caller's arrays
            return v
    """)
    assert not v.passed and v.mistake == "modifies its input" and "Only read parameters" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import optimizers
    ns = {"np": np, "opt": optimizers}
    exec("def initialize_velocity(parameters):\n    return opt.initialize_velocity(parameters)\n", ns)
    v = CHECK.verdict("initialize_velocity", ns["initialize_velocity"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("random_mini_batches", cell(SOLUTIONS["random_mini_batches"])["random_mini_batches"])
    assert capsys.readouterr().out.startswith("\u2714 random_mini_batches: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("random_mini_batches", cell(mistake_src("random_mini_batches", "X and Y shuffled apart"))["random_mini_batches"])
    assert "shuffled apart" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees

QUESTION_CELLS = ["q_num_batches = (16, 40)\n", "q_bias_correction = (0.19, 1.0)\n", "q_adam_first_step = -0.01\n"]
NAMES = list(SOLUTIONS) + ["q_num_batches", "q_bias_correction", "q_adam_first_step"]


def test_judge_agrees_on_a_notebook(tmp_path):
    srcs = {k: textwrap.dedent(v) for k, v in SOLUTIONS.items()}
    srcs["update_parameters_with_adam"] = textwrap.dedent(mistake_src("update_parameters_with_adam",
                                                                      "Adam without bias correction"))
    srcs["random_mini_batches"] = textwrap.dedent(mistake_src("random_mini_batches", "X and Y shuffled apart"))
    verdicts = Judge(SPEC, tmp_path).judge(list(srcs.values()) + QUESTION_CELLS, NAMES)
    failed = {n for n, v in verdicts.items() if not v.passed}
    assert failed == {"update_parameters_with_adam", "random_mini_batches", "q_adam_first_step"}, \
        {n: v.message for n, v in verdicts.items() if n in failed}
    assert verdicts["update_parameters_with_adam"].mistake == "Adam without bias correction"
    assert verdicts["random_mini_batches"].mistake == "X and Y shuffled apart"


def test_judge_agrees_on_the_red_team_variants(tmp_path):
    """Ng's style and the mistakes added in the red-team round get the same verdict outside the kernel, and
    the same message (the suite's test of every variant compares the verdicts)."""
    picks = [("random_mini_batches", True, NG_MINI_BATCHES), ("update_parameters_with_adam", "modifies its input", NG_ADAM)]
    picks += [(n, m, src) for n, m, src in MISTAKES + MORE_MISTAKES if m in (
        "the last batch padded to full size", "the learning rate inside v (another formulation of momentum)",
        "epsilon outside the parentheses", "v not bias-corrected", "the corrections folded into the learning rate")]
    for name, expect, src in picks:
        src = textwrap.dedent(src)
        kernel = CHECK.verdict(name, cell(src)[name], hidden=True)
        judged = Judge(SPEC, tmp_path).judge([src], [name])[name]
        assert judged.passed == kernel.passed == (expect is True), (name, expect, judged.message)
        assert judged.mistake == kernel.mistake and judged.message == kernel.message, (judged.message, kernel.message)
        if expect is not True:
            assert judged.mistake == expect, judged.message


@pytest.mark.parametrize("second", ["v", "v.copy()", "dict(v)", "{k: a[...] for k, a in v.items()}"])
def test_adams_v_and_s_must_be_separate_objects(second, tmp_path):
    """``s = v`` (or a copy that shares v's arrays) has the right zeros, but an in-place update of
    one moment changes the other: it fails in the kernel and in the judge alike, with the places."""
    src = textwrap.dedent(f"""
        def initialize_adam(parameters):
            v = {{"d" + k: np.zeros(p.shape) for k, p in parameters.items()}}
            s = {second}
            return v, s
    """)
    kernel = CHECK.verdict("initialize_adam", cell(src)["initialize_adam"], hidden=True)
    judged = Judge(SPEC, tmp_path).judge([src], ["initialize_adam"])["initialize_adam"]
    assert not kernel.passed and not judged.passed
    assert judged.message == kernel.message and judged.mistake == kernel.mistake == "parts of the result are one object"
    place = "result[0] and result[1]" if second == "v" else "result[0]['dW1'] and result[1]['dW1']"
    assert place in kernel.message and "own np.zeros" in kernel.message, kernel.message


def test_adams_v_and_s_made_apart_pass(tmp_path):
    for second in ("copy.deepcopy(v)", "{k: np.zeros_like(a) for k, a in v.items()}", "{k: a.copy() for k, a in v.items()}"):
        src = textwrap.dedent(f"""
            import copy
            def initialize_adam(parameters):
                v = {{"d" + k: np.zeros(p.shape) for k, p in parameters.items()}}
                s = {second}
                return v, s
        """)
        assert CHECK.verdict("initialize_adam", cell(src)["initialize_adam"], hidden=True).passed, second
        assert Judge(SPEC, tmp_path).judge([src], ["initialize_adam"])["initialize_adam"].passed, second


def test_a_wrong_initialize_velocity_costs_its_points_once(tmp_path):
    """The notebook says initialize_rmsprop is initialize_velocity again: a student who calls it
    there (and in initialize_adam) loses initialize_velocity's point only."""
    srcs = {
        "initialize_velocity": textwrap.dedent("""
            def initialize_velocity(parameters):
                L = len(parameters) // 2
                v = {}
                for l in range(1, L):  # the last layer left out
                    v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
                    v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
                return v
        """),
        "initialize_rmsprop": "def initialize_rmsprop(parameters):\n    return initialize_velocity(parameters)\n",
        "initialize_adam": ("def initialize_adam(parameters):\n"
                            "    return initialize_velocity(parameters), initialize_rmsprop(parameters)\n"),
    }
    ns = cell("\n".join(srcs.values()))
    judged = Judge(SPEC, tmp_path).judge(list(srcs.values()), list(srcs))
    for name in srcs:
        kernel = CHECK.verdict(name, ns[name], hidden=True)
        assert kernel.passed == judged[name].passed == (name != "initialize_velocity"), (name, judged[name].message)
