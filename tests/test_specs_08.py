"""The checks of 08_softmax_classifier: the reference and other correct solutions pass, every known
mistake fails and is named, errors and wrong types get clear messages, and the judge agrees."""

import textwrap

import numpy as np

from grader import specs
from grader.judge.judge import Judge
from spec_suite import SpecSuite, edit

ASSIGNMENT = "08_softmax_classifier"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "one_hot": """
        def one_hot(y, C):
            m = y.shape[1]
            Y = np.zeros((C, m))
            Y[y[0], np.arange(m)] = 1.0
            return Y
    """,
    "softmax_cross_entropy": """
        def softmax_cross_entropy(Z, Y):
            m = Z.shape[1]
            Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
            log_sum = np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
            log_A = Z_shifted - log_sum
            cost = -np.sum(Y * log_A) / m
            dZ = np.exp(log_A) - Y
            return float(cost), dZ
    """,
    "L_model_forward_softmax": """
        def L_model_forward_softmax(X, parameters):
            caches = []
            A = X
            L = len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            ZL, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
            AL = softmax(ZL)
            caches.append((linear_cache, ZL))
            return AL, caches
    """,
    "L_model_backward_softmax": """
        def L_model_backward_softmax(AL, Y, caches):
            grads = {}
            L = len(caches)
            dZL = AL - Y
            linear_cache, ZL = caches[L - 1]
            dA_prev, dW, db = linear_backward(dZL, linear_cache)
            grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
            for l in reversed(range(1, L)):
                dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")
                grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
            return grads
    """,
    "predict_classes": """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            return np.argmax(AL, axis=0).reshape(1, -1)
    """,
    "learning_rate_decay": """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    """,
}

# Correct solutions that red-team variants (MISTAKES) change by a line or two

CROSS_ENTROPY = """
        def softmax_cross_entropy(Z, Y):
            m = Z.shape[1]
            Zs = Z - Z.max(axis=0, keepdims=True)
            log_A = Zs - np.log(np.exp(Zs).sum(axis=0, keepdims=True))
            return float(-np.sum(Y * log_A) / m), np.exp(log_A) - Y
    """
BACKWARD = """
        def L_model_backward_softmax(AL, Y, caches):
            grads, L = {}, len(caches)
            dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(AL - Y, caches[L - 1][0])
            for l in reversed(range(1, L)):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """

OTHER_CORRECT = [
    ("one_hot", """
        def one_hot(y, C):
            return np.eye(C)[y.reshape(-1)].T
    """),
    ("one_hot", """
        def one_hot(y, C):
            Y = np.zeros((C, y.shape[1]))
            for i in range(y.shape[1]):
                Y[int(y[0, i]), i] = 1
            return Y
    """),
    ("one_hot", """
        def one_hot(y, C):
            return (np.arange(C).reshape(C, 1) == y).astype(float)
    """),
    ("softmax_cross_entropy", """
        def softmax_cross_entropy(Z, Y):
            # a loop over the examples, log-sum-exp written out
            C, m = Z.shape
            cost = 0.0
            dZ = np.zeros((C, m))
            for i in range(m):
                z = Z[:, i]
                c = z.max()
                lse = c + math.log(sum(math.exp(v - c) for v in z))
                cost += -sum(Y[k, i] * (z[k] - lse) for k in range(C))
                dZ[:, i] = np.exp(z - lse) - Y[:, i]
            return cost / m, dZ
    """),
    ("softmax_cross_entropy", """
        def softmax_cross_entropy(Z, Y):
            # the loss of each example as logsumexp(z) - z_true
            c = Z.max(axis=0)
            lse = c + np.log(np.exp(Z - c).sum(axis=0))
            losses = lse - np.sum(Y * Z, axis=0)
            A = np.exp(Z - lse)
            return np.mean(losses), A - Y
    """),
    ("softmax_cross_entropy", """
        def softmax_cross_entropy(Z, Y):
            A = softmax(Z)
            Zs = Z - Z.max(axis=0, keepdims=True)
            log_A = Zs - np.log(np.exp(Zs).sum(axis=0, keepdims=True))
            return np.squeeze(-np.sum(Y * log_A, axis=0).mean()), A - Y
    """),
    ("L_model_forward_softmax", """
        def L_model_forward_softmax(X, parameters):
            # no helpers: the layers written out, the softmax too
            L = len(parameters) // 2
            A, caches = X, []
            for l in range(1, L + 1):
                W, b = parameters[f"W{l}"], parameters[f"b{l}"]
                Z = W @ A + b
                caches.append(((A, W, b), Z))
                if l < L:
                    A = np.maximum(Z, 0)
                else:
                    e = np.exp(Z - Z.max(axis=0))
                    A = e / e.sum(axis=0)
            return A, caches
    """),
    ("L_model_backward_softmax", """
        def L_model_backward_softmax(AL, Y, caches):
            # no helpers, no dA keys
            grads = {}
            L = len(caches)
            dZ = AL - Y
            for l in range(L, 0, -1):
                (A_prev, W, b), Z = caches[l - 1]
                m = A_prev.shape[1]
                if l < L:
                    dZ = dA * (Z > 0)
                grads["dW%d" % l] = dZ @ A_prev.T / m
                grads["db%d" % l] = dZ.sum(axis=1, keepdims=True) / m
                dA = W.T @ dZ
            return grads
    """),
    ("L_model_backward_softmax", """
        def L_model_backward_softmax(AL, Y, caches):
            # an older numbering of the dA keys (the gradient of A[l - 1] under "dA" + str(l))
            grads = {}
            L = len(caches)
            grads["dA" + str(L)], grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(AL - Y, caches[L - 1][0])
            for l in reversed(range(L - 1)):
                grads["dA" + str(l + 1)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = \\
                    linear_activation_backward(grads["dA" + str(l + 2)], caches[l], "relu")
            return grads
    """),
    ("L_model_backward_softmax", """
        def L_model_backward_softmax(AL, Y, caches):
            # dZL from the logits of the last cache, by the student's own softmax_cross_entropy
            grads = {}
            L = len(caches)
            linear_cache, ZL = caches[-1]
            _, dZL = softmax_cross_entropy(ZL, Y)
            dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(dZL, linear_cache)
            for l in range(L - 1, 0, -1):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("predict_classes", """
        def predict_classes(X, parameters):
            AL, caches = L_model_forward_softmax(X, parameters)
            return np.array([[int(np.argmax(AL[:, i])) for i in range(AL.shape[1])]])
    """),
    ("predict_classes", """
        def predict_classes(X, parameters):
            AL = L_model_forward_softmax(X, parameters)[0]
            return AL.argmax(axis=0)[np.newaxis, :]
    """),
    ("learning_rate_decay", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))
    """),
    ("learning_rate_decay", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            steps = math.floor(epoch_num / time_interval)
            learning_rate = learning_rate0 * 1.0 / (1.0 + decay_rate * steps)
            return learning_rate
    """),
    # the bases of red-team variants
    ("softmax_cross_entropy", CROSS_ENTROPY),
    ("L_model_backward_softmax", BACKWARD),
]

# A mistake that another red-team variant changes by a line

LOG_OF_SOFTMAX = """
        def softmax_cross_entropy(Z, Y):
            m = Z.shape[1]
            A = softmax(Z)
            cost = -np.sum(Y * np.log(A)) / m
            return float(cost), A - Y
    """

MISTAKES = [
    # one_hot
    ("one_hot", "one_hot transposed", """
        def one_hot(y, C):
            return np.eye(C)[y.reshape(-1)]
    """),
    ("one_hot", "the number of classes taken from the labels", """
        def one_hot(y, C):
            C = np.max(y) + 1
            Y = np.zeros((C, y.shape[1]))
            Y[y[0], np.arange(y.shape[1])] = 1
            return Y
    """),
    ("one_hot", "a one-hot matrix of integers", """
        def one_hot(y, C):
            Y = np.zeros((C, y.shape[1]), dtype=int)
            Y[y[0], np.arange(y.shape[1])] = 1
            return Y
    """),
    ("one_hot", "np.eye(C)[y] without flattening y", """
        def one_hot(y, C):
            return np.eye(C)[y]
    """),
    # softmax_cross_entropy
    ("softmax_cross_entropy", "softmax over the wrong axis", """
        def softmax_cross_entropy(Z, Y):
            m = Z.shape[1]
            Zs = Z - np.max(Z, axis=1, keepdims=True)
            log_A = Zs - np.log(np.sum(np.exp(Zs), axis=1, keepdims=True))
            return float(-np.sum(Y * log_A) / m), np.exp(log_A) - Y
    """),
    ("softmax_cross_entropy", "no max-shift (exp overflows)", """
        def softmax_cross_entropy(Z, Y):
            m = Z.shape[1]
            A = np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True)
            log_A = Z - np.log(np.sum(np.exp(Z), axis=0, keepdims=True))
            return float(-np.sum(Y * log_A) / m), A - Y
    """),
    ("softmax_cross_entropy", "the log of softmax (log 0 at large logits)", LOG_OF_SOFTMAX),
    ("softmax_cross_entropy", "the log of a clipped softmax (or of softmax + epsilon)",
     edit(LOG_OF_SOFTMAX, "np.log(A)", "np.log(np.clip(A, 1e-15, 1.0))")),
    ("softmax_cross_entropy", "the log of a clipped softmax (or of softmax + epsilon)", """
        def softmax_cross_entropy(Z, Y):
            A = softmax(Z)
            epsilon = 1e-8
            cost = -np.mean(np.sum(Y * np.log(A + epsilon), axis=0))
            return cost, A - Y
    """),
    ("softmax_cross_entropy", "a missing 1/m in the cost", """
        def softmax_cross_entropy(Z, Y):
            Zs = Z - Z.max(axis=0, keepdims=True)
            log_A = Zs - np.log(np.exp(Zs).sum(axis=0, keepdims=True))
            return float(-np.sum(Y * log_A)), np.exp(log_A) - Y
    """),
    ("softmax_cross_entropy", "the mean over every entry", """
        def softmax_cross_entropy(Z, Y):
            Zs = Z - Z.max(axis=0, keepdims=True)
            log_A = Zs - np.log(np.exp(Zs).sum(axis=0, keepdims=True))
            return float(-np.mean(Y * log_A)), np.exp(log_A) - Y
    """),
    ("softmax_cross_entropy", "dZ with 1/m", edit(CROSS_ENTROPY, "np.exp(log_A) - Y", "(np.exp(log_A) - Y) / m")),
    ("softmax_cross_entropy", "the cost with the wrong sign", edit(CROSS_ENTROPY, "float(-np.sum(", "float(np.sum(")),
    ("softmax_cross_entropy", "dZ with the wrong sign", edit(CROSS_ENTROPY, "np.exp(log_A) - Y", "Y - np.exp(log_A)")),
    # L_model_forward_softmax
    ("L_model_forward_softmax", "ReLU at the output", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L + 1):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            return A, caches
    """),
    ("L_model_forward_softmax", "sigmoid at the output", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
            caches.append(cache)
            return AL, caches
    """),
    ("L_model_forward_softmax", "softmax over the wrong axis", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            ZL, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
            e = np.exp(ZL - ZL.max(axis=1, keepdims=True))
            caches.append((linear_cache, ZL))
            return e / e.sum(axis=1, keepdims=True), caches
    """),
    ("L_model_forward_softmax", "the loop stopping one layer early (range(1, L - 1))", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L - 1):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            ZL, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
            caches.append((linear_cache, ZL))
            return softmax(ZL), caches
    """),
    ("L_model_forward_softmax", "the caches missing the output layer", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            ZL, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
            return softmax(ZL), caches
    """),
    ("L_model_forward_softmax", "AL stored in the last cache in place of ZL", """
        def L_model_forward_softmax(X, parameters):
            caches, A, L = [], X, len(parameters) // 2
            for l in range(1, L):
                A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
                caches.append(cache)
            ZL, linear_cache = linear_forward(A, parameters["W" + str(L)], parameters["b" + str(L)])
            AL = softmax(ZL)
            caches.append((linear_cache, AL))
            return AL, caches
    """),
    # L_model_backward_softmax
    ("L_model_backward_softmax", "dZL with the wrong sign", edit(BACKWARD, "linear_backward(AL - Y,", "linear_backward(Y - AL,")),
    ("L_model_backward_softmax", "dZL divided by m", """
        def L_model_backward_softmax(AL, Y, caches):
            grads, L = {}, len(caches)
            m = AL.shape[1]
            dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_backward((AL - Y) / m, caches[L - 1][0])
            for l in reversed(range(1, L)):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("L_model_backward_softmax", "dZL sent through relu' as well", """
        def L_model_backward_softmax(AL, Y, caches):
            grads, L = {}, len(caches)
            dA = AL - Y
            for l in reversed(range(1, L + 1)):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("L_model_backward_softmax", "the sigmoid's dAL used for the softmax layer", """
        def L_model_backward_softmax(AL, Y, caches):
            grads, L = {}, len(caches)
            dZL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            dA, grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(dZL, caches[L - 1][0])
            for l in reversed(range(1, L)):
                dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(dA, caches[l - 1], "relu")
            return grads
    """),
    ("L_model_backward_softmax", "the layer index off by one",
     edit(BACKWARD, ("range(1, L)", "range(L - 1)"), ("caches[l - 1]", "caches[l]"))),
    ("L_model_backward_softmax", "the loop stopping one layer early", edit(BACKWARD, "range(1, L)", "range(2, L)")),
    ("L_model_backward_softmax", "sigmoid used for the hidden layers", edit(BACKWARD, '"relu")', '"sigmoid")')),
    # predict_classes
    ("predict_classes", "argmax over the wrong axis", """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            return np.argmax(AL, axis=1).reshape(1, -1)
    """),
    ("predict_classes", "the result not reshaped to (1, m)", """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            return np.argmax(AL, axis=0)
    """),
    ("predict_classes", "the largest probability in place of its class", """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            return np.max(AL, axis=0, keepdims=True)
    """),
    ("predict_classes", "AL > 0.5, as for two classes", """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            return (AL > 0.5) * 1.0
    """),
    ("predict_classes", "classes as floats", """
        def predict_classes(X, parameters):
            AL, _ = L_model_forward_softmax(X, parameters)
            p = np.zeros((1, AL.shape[1]))
            p[0] = np.argmax(AL, axis=0)
            return p
    """),
    # learning_rate_decay
    ("learning_rate_decay", "decay without the floor", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
    """),
    ("learning_rate_decay", "time_interval ignored", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 / (1 + decay_rate * epoch_num)
    """),
    ("learning_rate_decay", "round in place of floor", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
    """),
    ("learning_rate_decay", "a missing 1 + in the denominator", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            steps = epoch_num // time_interval
            return learning_rate0 / (decay_rate * steps) if steps else learning_rate0
    """),
    ("learning_rate_decay", "the rate multiplied instead of divided", """
        def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
            return learning_rate0 * (1 + decay_rate * np.floor(epoch_num / time_interval))
    """),
]


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    NAMED_ON_VISIBLE_CASES = True
    QUESTIONS = [
        ("q_dz_entry", [-0.8, "-0.8", -0.80001], [0.8, 0.2, -0.2, 0.3]),
        ("q_initial_cost", [np.log(10), 2.3026, 2.303], [0.1, 10, 1.0, np.log(2), 3.32]),
        ("q_standardize_with", ["c", " C"], ["a", "b", "d"]),
        ("q_early_stopping_set", ["b", "B "], ["a", "c", "dev set"]),
    ]


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))


def test_an_overflow_shows_in_the_message():
    v = verdict("softmax_cross_entropy", mistake_src("softmax_cross_entropy", "no max-shift (exp overflows)"))
    assert "expected 10000., got nan" in v.message and "exp(1e4) is inf" in v.message, v.message
    assert "Z=[[ 10000., -10000.]" in v.message, v.message   # the input is shown


def test_the_dependency_is_replaced_by_its_reference():
    # a wrong L_model_forward_softmax costs its own points only
    ns = cell(mistake_src("L_model_forward_softmax", "ReLU at the output") + SOLUTIONS["predict_classes"])
    assert not CHECK.verdict("L_model_forward_softmax", ns["L_model_forward_softmax"], hidden=True).passed
    v = CHECK.verdict("predict_classes", ns["predict_classes"], hidden=True)
    assert v.passed, v.message


def test_a_wrong_cost_does_not_cost_the_backward_pass_its_points(tmp_path):
    backward = next(src for n, src in OTHER_CORRECT if n == "L_model_backward_softmax" and "softmax_cross_entropy(" in src)
    wrong = mistake_src("softmax_cross_entropy", "dZ with the wrong sign")
    ns = cell(wrong + backward)
    assert not CHECK.verdict("softmax_cross_entropy", ns["softmax_cross_entropy"], hidden=True).passed
    v = CHECK.verdict("L_model_backward_softmax", ns["L_model_backward_softmax"], hidden=True)
    assert v.passed, v.message
    verdicts = Judge(SPEC, tmp_path).judge([textwrap.dedent(wrong), textwrap.dedent(backward)],
                                           ["softmax_cross_entropy", "L_model_backward_softmax"])
    assert verdicts["softmax_cross_entropy"].mistake == "dZ with the wrong sign"
    assert verdicts["L_model_backward_softmax"].passed, verdicts["L_model_backward_softmax"].message


def test_a_function_that_raises_or_returns_the_wrong_type():
    v = verdict("one_hot", """
        def one_hot(y, C):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message
    v = verdict("softmax_cross_entropy", """
        def softmax_cross_entropy(Z, Y):
            A = softmax(Z)
            return A - Y
    """)
    assert not v.passed and "expected a tuple of length 2" in v.message, v.message
    v = verdict("L_model_backward_softmax", """
        def L_model_backward_softmax(AL, Y, caches):
            return linear_backward(AL - Y, caches[0])
    """)
    assert not v.passed and "raised" in v.message, v.message


def test_a_function_that_modifies_its_input():
    v = verdict("softmax_cross_entropy", """
        def softmax_cross_entropy(Z, Y):
            Z -= Z.max(axis=0)
            log_A = Z - np.log(np.exp(Z).sum(axis=0))
            return float(-np.sum(Y * log_A) / Z.shape[1]), np.exp(log_A) - Y
    """)
    assert not v.passed and v.mistake == "modifies its input" and "Z" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import multiclass
    ns = {"np": np, "multiclass": multiclass}
    exec("def one_hot(y, C):\n    return multiclass.one_hot(y, C)\n", ns)
    v = CHECK.verdict("one_hot", ns["one_hot"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees

ANSWERS = {"q_dz_entry": "-0.8", "q_initial_cost": "np.log(10)", "q_standardize_with": "'c'",
           "q_early_stopping_set": "'a'"}


def _sources(**override):
    srcs = {**{k: textwrap.dedent(v) for k, v in SOLUTIONS.items()},
            **{k: textwrap.dedent(v) for k, v in override.items()}}
    return [srcs[k] for k in SOLUTIONS] + [f"{q} = {a}\n" for q, a in ANSWERS.items()]


def test_judge_agrees_on_a_notebook(tmp_path):
    names = list(SOLUTIONS) + list(ANSWERS)
    sources = _sources(softmax_cross_entropy=mistake_src("softmax_cross_entropy", "the log of softmax (log 0 at large logits)"),
                       L_model_forward_softmax=mistake_src("L_model_forward_softmax", "softmax over the wrong axis"),
                       one_hot=mistake_src("one_hot", "a one-hot matrix of integers"))
    verdicts = Judge(SPEC, tmp_path).judge(sources, names)
    failed = {"softmax_cross_entropy", "L_model_forward_softmax", "one_hot", "q_early_stopping_set"}
    assert {n for n, v in verdicts.items() if v.passed} == set(names) - failed, \
        {n: v.message for n, v in verdicts.items()}
    assert verdicts["softmax_cross_entropy"].mistake == "the log of softmax (log 0 at large logits)"
    assert verdicts["L_model_forward_softmax"].mistake == "softmax over the wrong axis"
    assert verdicts["one_hot"].mistake == "a one-hot matrix of integers"
    # predict_classes called the wrong L_model_forward_softmax: judged with the reference, it passes
    assert verdicts["predict_classes"].passed
