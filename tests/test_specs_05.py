"""The checks of 05_regularization: the reference and other correct solutions pass, every known mistake
fails and is named, errors, wrong types and modified inputs get clear messages, and the judge agrees."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.check.engine import Outcome, evaluate, run_reference
from grader.judge.judge import Judge
from spec_suite import SpecSuite, edit

ASSIGNMENT = "05_regularization"
SPEC = specs.load(ASSIGNMENT)


# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "l2_penalty": """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            total = 0.0
            for l in range(1, L + 1):
                total += np.sum(np.square(parameters["W" + str(l)]))
            return lambd / (2 * m) * total
    """,
    "l2_gradients": """
        def l2_gradients(grads, parameters, lambd, m):
            new_grads = dict(grads)
            L = len(parameters) // 2
            for l in range(1, L + 1):
                new_grads["dW" + str(l)] = grads["dW" + str(l)] + (lambd / m) * parameters["W" + str(l)]
            return new_grads
    """,
    "dropout_forward": """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) < keep_prob).astype(float)
            A_drop = A * mask / keep_prob
            return A_drop, mask
    """,
    "dropout_backward": """
        def dropout_backward(dA, mask, keep_prob):
            return dA * mask / keep_prob
    """,
}

#: l2_gradients with a new dict and a loop over the layers: the base of the L2 term's mistakes below
L2_GRADIENTS_LOOP = """
    def l2_gradients(grads, parameters, lambd, m):
        new = dict(grads)
        for l in range(1, len(parameters) // 2 + 1):
            new["dW" + str(l)] = grads["dW" + str(l)] + lambd / m * parameters["W" + str(l)]
        return new
"""

OTHER_CORRECT = [
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            squares = [np.linalg.norm(W, "fro") ** 2 for key, W in parameters.items() if key.startswith("W")]
            return float(lambd * sum(squares) / (2 * m))
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            total = 0
            for key in parameters:
                if key[0] == "W":
                    W = parameters[key]
                    for i in range(W.shape[0]):
                        for j in range(W.shape[1]):
                            total = total + W[i, j] * W[i, j]
            return (1 / m) * (lambd / 2) * total
    """),
    ("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            return {k: (g + lambd / m * parameters[k[1:]] if k.startswith("dW") else g.copy())
                    for k, g in grads.items()}
    """),
    ("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            out = {}
            for key in grads:
                if key.startswith("dW"):
                    W = parameters["W" + key[2:]]
                    out[key] = np.add(grads[key], np.multiply(lambd / m, W))
                else:
                    out[key] = grads[key]
            return out
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            D = rng.uniform(0, 1, size=A.shape)
            D = D < keep_prob
            A = A * D
            A = A / keep_prob
            return A, D
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.binomial(1, keep_prob, size=A.shape)
            return np.multiply(A, mask) / keep_prob, mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = np.where(rng.random(A.shape) < keep_prob, 1.0, 0.0)
            return A * (mask / keep_prob), mask
    """),
    ("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            dA = np.multiply(dA, mask)
            dA = dA / keep_prob
            return dA
    """),
    ("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            return np.where(mask == 1, dA / keep_prob, 0.0)
    """),
    # more ways to write them (the red-team round of 05 and 06)
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return lambd / (2 * m) * sum(np.linalg.norm(parameters[f"W{l}"]) ** 2 for l in range(1, L + 1))
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            s = 0.0
            for k in parameters:
                if k.startswith("W"):
                    W = parameters[k]
                    s = s + np.sum(W * W)
            return (lambd / m) * s / 2
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            total = sum(np.trace(W.T @ W) for name, W in sorted(parameters.items()) if name.startswith("W"))
            return lambd * total / m / 2
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            return lambd / (2 * m) * sum(np.einsum("ij,ij->", W, W) for k, W in parameters.items() if "W" in k)
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return (1 / m) * (lambd / 2) * np.sum([np.sum(np.square(parameters['W' + str(l)])) for l in range(1, L + 1)])
    """),
    ("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            total = np.float64(0)
            i = 1
            while "W" + str(i) in parameters:
                total += (parameters["W" + str(i)] ** 2).sum()
                i += 1
            return total * lambd / (2.0 * m)
    """),
    ("l2_gradients", """
        import copy

        def l2_gradients(grads, parameters, lambd, m):
            g = copy.deepcopy(grads)
            for key in parameters:
                if key.startswith("W"):
                    g["d" + key] += lambd / m * parameters[key]
            return g
    """),
    ("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            return {**grads, **{"d" + k: grads["d" + k] + lambd / m * W for k, W in parameters.items() if k.startswith("W")}}
    """),
    ("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            new = {k: np.copy(v) for k, v in grads.items()}
            for l in range(1, len(parameters) // 2 + 1):
                new[f"dW{l}"] += np.multiply(lambd / m, parameters[f"W{l}"])
            return new
    """),
    ("l2_gradients", L2_GRADIENTS_LOOP),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) > 1 - keep_prob).astype(float)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.choice([0, 1], size=A.shape, p=[1 - keep_prob, keep_prob])
            return np.multiply(A, mask) / keep_prob, mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            D1 = rng.random((A.shape[0], A.shape[1]))
            D1 = (D1 < keep_prob).astype(int)
            A1 = np.multiply(A, D1)
            A1 /= keep_prob
            return A1, D1
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            keep = rng.random(size=A.shape) <= keep_prob
            A_drop = A.copy()
            A_drop[~keep] = 0
            A_drop /= keep_prob
            return A_drop, keep.astype(np.float64)
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.binomial(n=1, p=keep_prob, size=A.shape).astype(bool)
            return np.where(mask, A / keep_prob, 0.0), mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            if keep_prob == 1:
                return A.copy(), np.ones(A.shape)
            mask = (rng.random(A.shape, dtype=np.float32) < keep_prob).astype(np.float32)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            gen = np.random.default_rng(rng)  # a Generator passed to default_rng comes back unchanged
            mask = gen.random(A.shape) < keep_prob
            return [A * mask * (1 / keep_prob), mask]
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = np.zeros(A.shape)
            for i in range(A.shape[0]):
                for j in range(A.shape[1]):
                    if rng.random() < keep_prob:
                        mask[i, j] = 1
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            # exactly round(keep_prob * size) units kept, at random places: each kept with probability keep_prob
            flat = np.zeros(A.size)
            flat[:int(round(keep_prob * A.size))] = 1
            mask = rng.permutation(flat).reshape(A.shape)
            return A * mask / keep_prob, mask
    """),
    ("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            out = dA.copy()
            out[mask == 0] = 0
            out /= keep_prob
            return out
    """),
    ("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            return (dA / keep_prob) * mask
    """),
]

# Every mistake of the spec, as a student would write it
MISTAKES = [
    ("l2_penalty", "the 1/2 left out", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return lambd / m * sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    """),
    ("l2_penalty", "a missing 1/m", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return lambd / 2 * sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    """),
    ("l2_penalty", "lambd / 2 * m (the precedence)", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            total = sum(np.sum(parameters["W" + str(l)] ** 2) for l in range(1, L + 1))
            return lambd / 2 * m * total
    """),
    ("l2_penalty", "np.sum(W) in place of the sum of squares", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return lambd / (2 * m) * sum(np.sum(parameters["W" + str(l)]) for l in range(1, L + 1))
    """),
    ("l2_penalty", "the Frobenius norm not squared", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return lambd / (2 * m) * sum(np.linalg.norm(parameters["W" + str(l)]) for l in range(1, L + 1))
    """),
    ("l2_penalty", "the biases penalised too", """
        def l2_penalty(parameters, lambd, m):
            return lambd / (2 * m) * sum(np.sum(np.square(p)) for p in parameters.values())
    """),
    ("l2_penalty", "the last layer left out",
     edit(SOLUTIONS["l2_penalty"], "for l in range(1, L + 1):", "for l in range(1, L):")),
    ("l2_penalty", "a hard-coded lambd", """
        def l2_penalty(parameters, lambd, m):
            L = len(parameters) // 2
            return 0.7 / (2 * m) * sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    """),
    ("l2_gradients", "the L2 term added to db too", """
        def l2_gradients(grads, parameters, lambd, m):
            return {k: g + lambd / m * parameters[k[1:]] for k, g in grads.items()}
    """),
    ("l2_gradients", "lambd / (2m) W in place of lambd / m W",
     edit(L2_GRADIENTS_LOOP, "+ lambd / m *", "+ lambd / (2 * m) *")),
    ("l2_gradients", "a factor 2 too many", edit(L2_GRADIENTS_LOOP, "+ lambd / m *", "+ 2 * lambd / m *")),
    ("l2_gradients", "a missing 1/m", edit(L2_GRADIENTS_LOOP, "+ lambd / m *", "+ lambd *")),
    ("l2_gradients", "the L2 term subtracted", edit(L2_GRADIENTS_LOOP, "+ lambd / m *", "- lambd / m *")),
    ("l2_gradients", "dW replaced by the L2 term",
     edit(L2_GRADIENTS_LOOP, '= grads["dW" + str(l)] + lambd / m', '= lambd / m')),
    ("l2_gradients", "a hard-coded lambd", edit(L2_GRADIENTS_LOOP, "+ lambd / m *", "+ 0.1 / m *")),
    ("dropout_forward", "no rescaling", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) < keep_prob).astype(float)
            return A * mask, mask
    """),
    ("dropout_forward", "multiplied by keep_prob instead of divided", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) < keep_prob).astype(float)
            return A * mask * keep_prob, mask
    """),
    ("dropout_forward", "the mask inverted (keep_prob used as the drop probability)", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) > keep_prob).astype(float)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "a hard-coded keep_prob", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) < 0.8).astype(float)
            return A * mask / 0.8, mask
    """),
    ("dropout_forward", "rng not used", """
        def dropout_forward(A, keep_prob, rng):
            mask = (np.random.rand(A.shape[0], A.shape[1]) < keep_prob).astype(float)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "the outputs in the wrong order", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random(A.shape) < keep_prob).astype(float)
            return mask, A * mask / keep_prob
    """),
    ("dropout_backward", "no rescaling", """
        def dropout_backward(dA, mask, keep_prob):
            return dA * mask
    """),
    ("dropout_backward", "multiplied by keep_prob instead of divided", """
        def dropout_backward(dA, mask, keep_prob):
            return dA * mask * keep_prob
    """),
    ("dropout_backward", "the mask not applied", """
        def dropout_backward(dA, mask, keep_prob):
            return dA / keep_prob
    """),
    ("dropout_backward", "the mask inverted", """
        def dropout_backward(dA, mask, keep_prob):
            return dA * (1 - mask) / keep_prob
    """),
    ("dropout_backward", "a hard-coded keep_prob", """
        def dropout_backward(dA, mask, keep_prob):
            return dA * mask / 0.5
    """),
    ("l2_penalty", "the spectral norm in place of the Frobenius norm", """
        def l2_penalty(parameters, lambd, m):
            return lambd / (2 * m) * sum(np.linalg.norm(W, ord=2) ** 2 for k, W in parameters.items() if k[0] == "W")
    """),
    ("l2_penalty", "a hard-coded m", """
        def l2_penalty(parameters, lambd, m):
            return lambd / (2 * 5) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W")
    """),
    ("l2_gradients", "a hard-coded m", """
        def l2_gradients(grads, parameters, lambd, m):
            return {k: (g + lambd / 5 * parameters[k[1:]] if k.startswith("dW") else g) for k, g in grads.items()}
    """),
    ("dropout_forward", "one draw per unit, the same for every example", """
        def dropout_forward(A, keep_prob, rng):
            mask = np.broadcast_to(rng.random((A.shape[0], 1)) < keep_prob, A.shape).astype(float)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "one draw per example, the same for every unit", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random((1, A.shape[1])) < keep_prob) * np.ones(A.shape)
            return A * mask / keep_prob, mask
    """),
    ("dropout_backward", "a new mask drawn instead of the one passed in", """
        def dropout_backward(dA, mask, keep_prob):
            D = np.random.rand(dA.shape[0], dA.shape[1]) < keep_prob
            return dA * D / keep_prob
    """),
]

#: More ways to make a named mistake
MORE_MISTAKES = [
    ("dropout_forward", "the mask inverted (keep_prob used as the drop probability)", """
        def dropout_forward(A, keep_prob, rng):
            drop = rng.random(A.shape) < keep_prob
            mask = 1.0 - drop
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "rng not used", """
        def dropout_forward(A, keep_prob, rng):
            rng = np.random.default_rng(0)
            mask = rng.random(A.shape) < keep_prob
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "a hard-coded keep_prob", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.random(A.shape) < 0.5
            return A * mask / keep_prob, mask
    """),
    ("l2_penalty", "a hard-coded lambd", """
        def l2_penalty(parameters, lambd, m):
            return 0.1 / (2 * m) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W")
    """),
    ("l2_penalty", "a hard-coded m", """
        def l2_penalty(parameters, lambd, m):
            m = 60
            return lambd / (2 * m) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W")
    """),
    ("l2_penalty", "a hard-coded lambd", """
        def l2_penalty(parameters, lambd, m):
            return 0.7 / (2 * m) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W")
    """),
    ("l2_gradients", "a hard-coded lambd", """
        def l2_gradients(grads, parameters, lambd, m):
            return {k: (g + 0.7 / m * parameters[k[1:]] if k.startswith("dW") else g) for k, g in grads.items()}
    """),
    ("l2_gradients", "a missing 1/m", """
        def l2_gradients(grads, parameters, lambd, m):
            for l in range(1, len(parameters) // 2 + 1):  # wrong values are reported before the modified input
                grads["dW" + str(l)] = grads["dW" + str(l)] + lambd * parameters["W" + str(l)]
            return grads
    """),
    ("dropout_forward", "the mask inverted (keep_prob used as the drop probability)", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.binomial(1, 1 - keep_prob, size=A.shape)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "rng not used", """
        def dropout_forward(A, keep_prob, rng):
            mask = np.random.binomial(1, keep_prob, size=A.shape)
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "rng not used", """
        def dropout_forward(A, keep_prob, rng):
            np.random.seed(1)
            mask = np.random.rand(*A.shape) < keep_prob
            return A * mask / keep_prob, mask
    """),
    ("dropout_forward", "a hard-coded keep_prob", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.integers(0, 2, size=A.shape)
            return A * mask / keep_prob, mask
    """),
    ("dropout_backward", "a new mask drawn instead of the one passed in", """
        def dropout_backward(dA, mask, keep_prob):
            D = np.random.default_rng(0).random(dA.shape) < keep_prob
            return dA * D / keep_prob
    """),
]


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    VISIBLE = [
        ("dropout_forward", "no rescaling"),
        ("dropout_forward", "the mask inverted (keep_prob used as the drop probability)"),
        ("dropout_forward", "a hard-coded keep_prob"),
        ("l2_gradients", "the L2 term added to db too"),
        ("l2_penalty", "the 1/2 left out"),
    ]
    QUESTIONS = [
        ("q_decay_factor", [0.98, "0.98", 0.9800001], [0.99, 0.02, 1.0, "a"]),
        ("q_kept_value", [2.5, "2.5"], [2.0, 1.6, 0.0]),
        ("q_test_time", ["b", " B"], ["a", "c", 1]),
    ]

    def test_reference_passes_every_case(self, name):
        super().test_reference_passes_every_case(name)
        # the custom checks of 05 add only a message to the value checks: one check per case
        spec = self.spec().functions[name]
        if spec.cases():
            v = evaluate(spec, lambda case: Outcome(value=run_reference(spec.ref, case)), hidden=True)
            assert v.checks == len(spec.cases())


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


def mistake_src(function, mistake):
    return next(src for n, m, src in MISTAKES if (n, m) == (function, mistake))


@pytest.mark.parametrize("name", ["dropout_forward", "dropout_backward", "l2_penalty", "l2_gradients"])
def test_every_mistake_impl_of_the_spec_fails(name):
    spec = SPEC.functions[name]
    for m in spec.mistakes:
        v = CHECK.verdict(name, m.impl, hidden=True)
        assert not v.passed and v.mistake == m.name, (m.name, v.message)


def test_a_function_that_raises():
    v = verdict("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            return lambd / (2 * m) * np.sum(np.square(parameters["W3"]))
    """)
    assert not v.passed and "raised KeyError" in v.message
    v = verdict("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message


def test_a_wrong_type():
    v = verdict("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.random(A.shape) < keep_prob
            return A * mask / keep_prob
    """)
    assert not v.passed and "expected the tuple (A_drop, mask)" in v.message
    v = verdict("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.random(A.shape) < keep_prob
            return (A * mask / keep_prob).tolist(), mask
    """)
    assert not v.passed and "A_drop is a list" in v.message
    v = verdict("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            print(lambd / (2 * m) * sum(np.sum(W ** 2) for k, W in parameters.items() if k[0] == "W"))
    """)
    assert not v.passed and "returned None" in v.message
    v = verdict("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            return [grads["dW1"] + lambd / m * parameters["W1"]]
    """)
    assert not v.passed and "returned a list" in v.message


def test_a_mask_of_the_wrong_shape():
    v = verdict("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = (rng.random((A.shape[0], 1)) < keep_prob).astype(float)
            return A * mask / keep_prob, mask
    """)
    assert not v.passed and "mask has shape (3, 1); expected (3, 5)" in v.message


def test_a_function_that_modifies_its_input():
    v = verdict("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            for l in range(1, len(parameters) // 2 + 1):
                grads["dW" + str(l)] += lambd / m * parameters["W" + str(l)]
            return grads
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) grads" in v.message
    v = verdict("dropout_forward", """
        def dropout_forward(A, keep_prob, rng):
            mask = rng.random(A.shape) < keep_prob
            A *= mask
            A /= keep_prob
            return A, mask
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) A" in v.message
    assert "A_drop = A * mask / keep_prob" in v.message and len(v.message.splitlines()) <= 5


def test_a_shallow_copy_that_still_modifies_the_input_is_explained():
    # dict(grads) is a new dict of the same arrays: += on them changes the caller's arrays
    v = verdict("l2_gradients", """
        def l2_gradients(grads, parameters, lambd, m):
            new = dict(grads)
            for l in range(1, len(parameters) // 2 + 1):
                new["dW" + str(l)] += lambd / m * parameters["W" + str(l)]
            return new
    """)
    assert not v.passed and v.mistake == "modifies its input"
    lines = v.message.splitlines()
    assert lines[0].startswith("l2_gradients modified its argument(s) grads; work on a copy")
    assert "SAME arrays" in lines[1] and "copy.deepcopy(grads)" in lines[1]
    assert lines[2].startswith("  on l2_gradients(") and len(lines) <= 5
    v = verdict("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            dA *= mask
            dA /= keep_prob
            return dA
    """)
    assert not v.passed and v.mistake == "modifies its input" and "return a new one" in v.message


def test_calling_the_reference_earns_nothing():
    from nnkit import regularization
    ns = {"np": np, "reg": regularization}
    exec("def dropout_backward(dA, mask, keep_prob):\n    return reg.dropout_backward(dA, mask, keep_prob)\n", ns)
    v = CHECK.verdict("dropout_backward", ns["dropout_backward"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("dropout_forward", cell(SOLUTIONS["dropout_forward"])["dropout_forward"])
    assert capsys.readouterr().out.startswith("\u2714 dropout_forward: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("dropout_forward", cell(mistake_src("dropout_forward", "no rescaling"))["dropout_forward"])
    assert "no rescaling" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees

QUESTION_CELLS = ["q_decay_factor = 0.98\n", "q_kept_value = 2.5\n", "q_test_time = 'a'\n"]
NAMES = list(SOLUTIONS) + ["q_decay_factor", "q_kept_value", "q_test_time"]


def test_judge_agrees_on_a_notebook(tmp_path):
    srcs = {k: textwrap.dedent(v) for k, v in SOLUTIONS.items()}
    srcs["dropout_forward"] = textwrap.dedent(mistake_src("dropout_forward",
                                                          "the mask inverted (keep_prob used as the drop probability)"))
    verdicts = Judge(SPEC, tmp_path).judge(list(srcs.values()) + QUESTION_CELLS, NAMES)
    assert {n for n, v in verdicts.items() if v.passed} == set(NAMES) - {"dropout_forward", "q_test_time"}
    assert verdicts["dropout_forward"].mistake == "the mask inverted (keep_prob used as the drop probability)"


def test_judge_passes_other_correct_draws_and_names_rng_misuse(tmp_path):
    srcs = [textwrap.dedent(OTHER_CORRECT[5][1]), textwrap.dedent(SOLUTIONS["l2_penalty"]),
            textwrap.dedent(mistake_src("l2_gradients", "the L2 term added to db too"))]
    verdicts = Judge(SPEC, tmp_path).judge(srcs, ["dropout_forward", "l2_penalty", "l2_gradients"])
    assert verdicts["dropout_forward"].passed, verdicts["dropout_forward"].message
    assert verdicts["l2_penalty"].passed
    assert verdicts["l2_gradients"].mistake == "the L2 term added to db too"
    rng_misuse = textwrap.dedent(mistake_src("dropout_forward", "rng not used"))
    verdicts = Judge(SPEC, tmp_path).judge([rng_misuse], ["dropout_forward"])
    assert verdicts["dropout_forward"].mistake == "rng not used"


def test_judge_names_a_shallow_copy_that_modifies_the_input(tmp_path):
    """-= on the arrays of grads.copy() changes the caller's arrays: named so in the kernel and outside."""
    src = textwrap.dedent("""
        def l2_gradients(grads, parameters, lambd, m):
            new = grads.copy()
            for k in new:
                if k.startswith("dW"):
                    new[k] -= -lambd / m * parameters[k[1:]]
            return new
    """)
    kernel = CHECK.verdict("l2_gradients", cell(src)["l2_gradients"], hidden=True)
    judged = Judge(SPEC, tmp_path).judge([src], ["l2_gradients"])["l2_gradients"]
    assert not judged.passed and not kernel.passed, judged.message
    assert judged.mistake == kernel.mistake == "modifies its input", (judged.message, kernel.message)


def test_layers_named_one_by_one_fail_on_another_depth_with_a_hint():
    v = verdict("l2_penalty", """
        def l2_penalty(parameters, lambd, m):
            W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
            return lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    """)
    assert not v.passed and "raised KeyError" in v.message, v.message
    assert "L = len(parameters) // 2" in v.message and len(v.message.splitlines()) <= 5, v.message


def test_a_new_mask_is_named_so_even_when_its_draw_keeps_every_unit():
    """A fresh draw keeps every unit of a small case now and then (0.8^12 is 7 %): its output is
    then dA / keep_prob, as if the mask were not applied; another call tells the two apart."""
    fresh = cell("""
        def dropout_backward(dA, mask, keep_prob):
            D = np.random.rand(dA.shape[0], dA.shape[1]) < keep_prob
            return dA * D / keep_prob
    """)["dropout_backward"]
    names = {CHECK.verdict("dropout_backward", fresh, hidden=True).mistake for _ in range(60)}
    assert names == {"a new mask drawn instead of the one passed in"}
    assert verdict("dropout_backward", """
        def dropout_backward(dA, mask, keep_prob):
            return dA / keep_prob
    """).mistake == "the mask not applied"
