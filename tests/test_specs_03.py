"""The checks of 03_activations: the reference and other correct solutions pass (other formulas,
loops, a boolean mask for ReLU's derivative), every known mistake fails and is named, errors and
wrong types get clear messages, and the judge (outside the kernel) agrees, functions passed in
included."""

import textwrap

import numpy as np
import pytest

from grader import specs
from grader.check import CheckFailed
from grader.judge.judge import Judge
from nnkit import activations
from spec_suite import SpecSuite

ASSIGNMENT = "03_activations"
SPEC = specs.load(ASSIGNMENT)

# --------------------------------------------------------------------------------------------------
# Solutions as students write them

SOLUTIONS = {
    "sigmoid_grad": """
        def sigmoid_grad(z):
            a = sigmoid(z)
            return a * (1 - a)
    """,
    "tanh_grad": """
        def tanh_grad(z):
            a = tanh(z)
            return 1 - a ** 2
    """,
    "relu_grad": """
        def relu_grad(z):
            return (z > 0).astype(float)
    """,
    "leaky_relu_grad": """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1.0, alpha)
    """,
    "numerical_derivative": """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / (2 * eps)
    """,
    "elu": """
        def elu(z, alpha=1.0):
            return np.where(z > 0, z, alpha * (np.exp(np.minimum(z, 0)) - 1))
    """,
    "elu_grad": """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))
    """,
    "softmax": """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=0, keepdims=True))
            return e / np.sum(e, axis=0, keepdims=True)
    """,
}

OTHER_CORRECT = [
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            return np.exp(-z) / (1 + np.exp(-z)) ** 2
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            s = 1 / (1 + np.exp(-z))
            return s - s * s
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 1 / np.cosh(z) ** 2
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 4 * sigmoid(2 * z) * (1 - sigmoid(2 * z))
    """),
    ("relu_grad", """
        def relu_grad(z):
            return z > 0
    """),
    ("relu_grad", """
        def relu_grad(z):
            g = np.zeros_like(z, dtype=float)
            g[z > 0] = 1
            return g
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.heaviside(z, 0.0)
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            g = np.ones_like(z, dtype=float)
            g[z < 0] = alpha
            return g
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            z = np.asarray(z, dtype=float)
            out = np.empty_like(z)
            for i in np.ndindex(z.shape):
                out[i] = (f(z[i] + eps) - f(z[i] - eps)) / (2 * eps)
            return out
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            plus = f(z + eps)
            minus = f(z - eps)
            return (plus - minus) / eps / 2
    """),
    ("softmax", """
        def softmax(z):
            z = z - z.max(axis=0)
            return np.exp(z) / np.exp(z).sum(axis=0)
    """),
    ("softmax", """
        def softmax(z):
            z = np.asarray(z, dtype=float)
            columns = z.reshape(z.shape[0], -1)
            out = np.empty_like(columns)
            for j in range(columns.shape[1]):
                e = np.exp(columns[:, j] - np.max(columns[:, j]))
                out[:, j] = e / e.sum()
            return out.reshape(z.shape)
    """),
    ("softmax", """
        def softmax(z):
            # log-sum-exp, one column at a time
            c = np.max(z, axis=0, keepdims=True)
            return np.exp(z - c - np.log(np.sum(np.exp(z - c), axis=0, keepdims=True)))
    """),
    # found by red-teaming: other formulas, loops, int and float32 masks, prints, asserts, extra kwargs
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            s = 1 / (1 + np.exp(-z))
            return s * (1 - s)
    """),
    ("sigmoid_grad", """
        def my_sigmoid(x):
            return 1.0 / (1.0 + np.exp(-x))
        def sigmoid_grad(z):
            return np.multiply(my_sigmoid(z), 1 - my_sigmoid(z))
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            out = np.zeros_like(z, dtype=float)
            for idx in np.ndindex(z.shape):
                s = 1 / (1 + math.exp(-z[idx]))
                out[idx] = s * (1 - s)
            return out
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            return sigmoid(z) * sigmoid(-z)
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            return 0.25 / np.cosh(z / 2) ** 2
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z, print_it=False):
            a = sigmoid(z)
            assert a.shape == z.shape
            print("a =", a)
            return a - a ** 2
    """),
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            z = np.array(z, dtype=float)
            return np.exp(-z) / np.square(1 + np.exp(-z))
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 1 - np.tanh(z) ** 2
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 1 - np.power(np.tanh(z), 2)
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            t = (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
            return 1 - t * t
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 4 / (np.exp(z) + np.exp(-z)) ** 2
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            a = tanh(z)
            return (1 - a) * (1 + a)
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            out = np.empty(z.shape)
            for i, v in np.ndenumerate(z):
                out[i] = 1 - math.tanh(v) ** 2
            return out
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.where(z > 0, 1, 0)
    """),
    ("relu_grad", """
        def relu_grad(z):
            return (z > 0).astype(int)
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.heaviside(z, 0)
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.array(z > 0, dtype=float)
    """),
    ("relu_grad", """
        def relu_grad(z):
            return 1.0 * (z > 0)
    """),
    ("relu_grad", """
        def relu_grad(z):
            g = np.copy(z)
            g[g <= 0] = 0
            g[g > 0] = 1
            return g
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.sign(relu(z))
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.greater(z, 0).astype(np.float32)
    """),
    ("relu_grad", """
        def relu_grad(z):
            out = np.zeros(z.shape)
            for idx in np.ndindex(*z.shape):
                if z[idx] > 0:
                    out[idx] = 1
            return out
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.heaviside(z, 0.5)
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1, alpha)
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            return (z > 0) + alpha * (z <= 0)
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            dz = np.ones_like(z)
            dz[z <= 0] = alpha
            return dz
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            out = np.zeros(z.shape)
            for idx in np.ndindex(z.shape):
                out[idx] = 1.0 if z[idx] > 0 else alpha
            return out
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01, **kwargs):
            return np.where(z >= 0, 1.0, alpha * np.ones_like(z))
    """),
    ("leaky_relu_grad", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.heaviside(z, 1) * (1 - alpha) + alpha
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / (eps + eps)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            z = np.asarray(z, dtype=float)
            flat = z.ravel()
            out = np.zeros_like(flat)
            for i in range(flat.size):
                out[i] = (f(flat[i] + eps) - f(flat[i] - eps)) / (2 * eps)
            return out.reshape(z.shape)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            grad = np.zeros(z.shape)
            it = np.nditer(z, flags=["multi_index"])
            while not it.finished:
                i = it.multi_index
                zp = z.copy(); zp[i] += eps
                zm = z.copy(); zm[i] -= eps
                grad[i] = (f(zp)[i] - f(zm)[i]) / (2 * eps)
                it.iternext()
            return grad
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            zp, zm = z + eps, z - eps
            return (f(zp) - f(zm)) / (zp - zm)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return np.vectorize(lambda x: (f(x + eps) - f(x - eps)) / (2 * eps))(z)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return np.divide(np.subtract(f(z + eps), f(z - eps)), 2 * eps)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            forward = (f(z + eps) - f(z)) / eps
            backward = (f(z) - f(z - eps)) / eps
            return (forward + backward) / 2
    """),
    ("softmax", """
        def softmax(z):
            e = np.exp(z - np.max(z))
            return e / np.sum(e, axis=0, keepdims=True)
    """),
    ("softmax", """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=0))
            return e / np.sum(e, axis=0)
    """),
    ("softmax", """
        def softmax(z):
            zt = z.T
            e = np.exp(zt - zt.max(axis=1, keepdims=True))
            return (e / e.sum(axis=1, keepdims=True)).T
    """),
    ("softmax", """
        def softmax(z):
            out = np.zeros(z.shape)
            for j in range(z.shape[1]):
                col = z[:, j]
                e = np.exp(col - col.max())
                out[:, j] = e / e.sum()
            return out
    """),
    ("softmax", """
        def softmax(z):
            shifted = z - np.amax(z, axis=0, keepdims=True)
            logsum = np.log(np.sum(np.exp(shifted), axis=0, keepdims=True))
            return np.exp(shifted - logsum)
    """),
    ("softmax", """
        def softmax(z):
            e = np.exp(z - z.max(0))
            return np.divide(e, e.sum(0))
    """),
    ("softmax", """
        def softmax(z):
            m = np.max(z, axis=0, keepdims=True)
            e = np.exp(z - m)
            s = np.sum(e, axis=0, keepdims=True)
            p = e / s
            assert np.allclose(p.sum(axis=0), 1)
            print(p.shape)
            return p
    """),
    ("softmax", """
        def softmax(z):
            return np.apply_along_axis(lambda c: np.exp(c - c.max()) / np.exp(c - c.max()).sum(), 0, z)
    """),
]

MISTAKES = [
    ("sigmoid_grad", "a(1 - a) with a = z (the sigmoid not applied)", """
        def sigmoid_grad(z):
            return z * (1 - z)
    """),
    ("sigmoid_grad", "the sigmoid itself", """
        def sigmoid_grad(z):
            return 1 / (1 + np.exp(-z))
    """),
    ("sigmoid_grad", "1 - sigma(z)^2 (tanh's formula)", """
        def sigmoid_grad(z):
            return 1 - sigmoid(z) ** 2
    """),
    ("sigmoid_grad", "sigma(z) (1 + sigma(z)) (a sign slip)", """
        def sigmoid_grad(z):
            a = sigmoid(z)
            return a * (1 + a)
    """),
    ("tanh_grad", "1 - z^2 (tanh not applied)", """
        def tanh_grad(z):
            return 1 - z ** 2
    """),
    ("tanh_grad", "1 - tanh(z) (not squared)", """
        def tanh_grad(z):
            return 1 - tanh(z)
    """),
    ("tanh_grad", "tanh(z) (1 - tanh(z)) (the sigmoid's formula)", """
        def tanh_grad(z):
            a = tanh(z)
            return a * (1 - a)
    """),
    ("tanh_grad", "(1 - tanh(z))^2 (the square in the wrong place)", """
        def tanh_grad(z):
            return (1 - np.tanh(z)) ** 2
    """),
    ("tanh_grad", "tanh itself", """
        def tanh_grad(z):
            return np.tanh(z)
    """),
    ("relu_grad", "relu(z) in place of its derivative", """
        def relu_grad(z):
            return np.maximum(0, z)
    """),
    ("relu_grad", "z itself", """
        def relu_grad(z):
            return z
    """),
    ("relu_grad", "the mask inverted", """
        def relu_grad(z):
            return (z <= 0).astype(float)
    """),
    ("leaky_relu_grad", "alpha fixed at 0.01", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1.0, 0.01)
    """),
    ("leaky_relu_grad", "the two branches swapped", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, alpha, 1.0)
    """),
    ("leaky_relu_grad", "0 for z < 0 (plain ReLU's derivative)", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1.0, 0.0)
    """),
    ("leaky_relu_grad", "leaky_relu(z) in place of its derivative", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, z, alpha * z)
    """),
    ("numerical_derivative", "a one-sided difference", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z)) / eps
    """),
    ("numerical_derivative", "dividing by eps instead of 2 eps", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / eps
    """),
    ("numerical_derivative", "a hard-coded eps", """
        def numerical_derivative(f, z, eps=1e-5):
            h = 1e-5
            return (f(z + h) - f(z - h)) / (2 * h)
    """),
    ("softmax", "softmax over the rows (axis=1)", """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=1, keepdims=True))
            return e / np.sum(e, axis=1, keepdims=True)
    """),
    ("softmax", "softmax over the whole array", """
        def softmax(z):
            e = np.exp(z)
            return e / np.sum(e)
    """),
    ("softmax", "an unstable softmax (exp overflows)", """
        def softmax(z):
            e = np.exp(z)
            return e / np.sum(e, axis=0, keepdims=True)
    """),
    ("softmax", "an unstable softmax (exp overflows)", """
        def softmax(z):
            e = np.exp(z - np.min(z, axis=0, keepdims=True))  # a constant per column, but the wrong one
            return e / np.sum(e, axis=0, keepdims=True)
    """),
    ("softmax", "an unstable softmax (exp overflows)", """
        def softmax(z):
            e = np.exp(z - np.mean(z, axis=0, keepdims=True))  # stable only while the scores spread little
            return e / np.sum(e, axis=0, keepdims=True)
    """),
    ("softmax", "the maximum taken over the rows", """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=1, keepdims=True))
            return e / np.sum(e, axis=0, keepdims=True)
    """),
    # found by red-teaming
    ("sigmoid_grad", "a(1 - a) with a = z (the sigmoid not applied)", """
        def sigmoid_grad(z):
            return np.multiply(z, 1 - z)
    """),
    ("sigmoid_grad", "sigma(z) (1 - z) (z and a mixed)", """
        def sigmoid_grad(z):
            return sigmoid(z) * (1 - z)
    """),
    ("sigmoid_grad", "the sigmoid applied twice", """
        def sigmoid_grad(z):
            a = sigmoid(z)
            return sigmoid(a) * (1 - sigmoid(a))
    """),
    ("tanh_grad", "1 - z^2 (tanh not applied)", """
        def tanh_grad(z):
            return 1 - np.power(z, 2)
    """),
    ("tanh_grad", "1 - tanh(z^2) (the square inside)", """
        def tanh_grad(z):
            return 1 - np.tanh(z ** 2)
    """),
    ("tanh_grad", "tanh applied twice", """
        def tanh_grad(z):
            a = np.tanh(z)
            return 1 - np.tanh(a) ** 2
    """),
    ("relu_grad", "relu(z) in place of its derivative", """
        def relu_grad(z):
            return relu(z)
    """),
    ("relu_grad", "the mask inverted", """
        def relu_grad(z):
            return np.where(z > 0, 0.0, 1.0)
    """),
    ("relu_grad", "leaky ReLU's derivative", """
        def relu_grad(z):
            return np.where(z > 0, 1.0, 0.01)
    """),
    ("leaky_relu_grad", "alpha fixed at 0.01", """
        def leaky_relu_grad(z, alpha=0.01):
            g = np.ones_like(z)
            g[z < 0] = 0.01
            return g
    """),
    ("leaky_relu_grad", "-alpha for z < 0 (a sign slip)", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1.0, -alpha)
    """),
    ("leaky_relu_grad", "a hard-coded alpha", """
        def leaky_relu_grad(z, alpha=0.01):
            return np.where(z > 0, 1.0, 0.1)
    """),
    ("numerical_derivative", "a one-sided difference", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z) - f(z - eps)) / eps
    """),
    ("numerical_derivative", "2 * eps not in parentheses", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / 2 * eps
    """),
    ("numerical_derivative", "the difference not in parentheses", """
        def numerical_derivative(f, z, eps=1e-5):
            return f(z + eps) - f(z - eps) / (2 * eps)
    """),
    ("numerical_derivative", "a hard-coded eps", """
        def numerical_derivative(f, z, eps=1e-5):
            eps = 1e-4
            return (f(z + eps) - f(z - eps)) / (2 * eps)
    """),
    ("numerical_derivative", "a hard-coded eps", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + 1e-7) - f(z - 1e-7)) / (2e-7)
    """),
    ("softmax", "softmax over the rows (axis=1)", """
        def softmax(z):
            e = np.exp(z - np.max(z))
            return e / e.sum(axis=1, keepdims=True)
    """),
    ("softmax", "softmax over the rows (axis=1)", """
        def softmax(z):
            out = np.zeros(z.shape)
            for i in range(z.shape[0]):
                e = np.exp(z[i] - z[i].max())
                out[i] = e / e.sum()
            return out
    """),
    ("softmax", "an unstable softmax (exp overflows)", """
        def softmax(z):
            e = np.exp(z)
            return e / e.sum(axis=0)
    """),
]

# elu and its derivative

OTHER_CORRECT += [
    ("elu", """
        def elu(z, alpha=1.0):
            out = np.array(z, dtype=float)
            neg = out <= 0
            out[neg] = alpha * np.expm1(out[neg])
            return out
    """),
    ("elu", """
        def elu(z, alpha=1.0):
            out = np.zeros(z.shape)
            for i in np.ndindex(z.shape):
                out[i] = z[i] if z[i] > 0 else alpha * (math.exp(z[i]) - 1)
            return out
    """),
    ("elu", """
        def elu(z, alpha=1.0):
            return np.maximum(z, 0) + np.minimum(alpha * (np.exp(np.minimum(z, 0)) - 1), 0)
    """),
    ("elu_grad", """
        def elu_grad(z, alpha=1.0):
            a = np.where(z > 0, z, alpha * (np.exp(np.minimum(z, 0)) - 1))
            return np.where(z > 0, 1.0, a + alpha)
    """),
    ("elu_grad", """
        def elu_grad(z, alpha=1.0):
            g = np.ones(z.shape)
            mask = z <= 0
            g[mask] = alpha * np.exp(z[mask])
            return g
    """),
    ("elu_grad", """
        def elu_grad(z, alpha=1.0):
            out = np.empty(z.shape)
            for i in np.ndindex(z.shape):
                out[i] = 1.0 if z[i] > 0 else alpha * math.exp(z[i])
            return out
    """),
]

MISTAKES += [
    ("elu", "exp(z) - 1 without alpha", """
        def elu(z, alpha=1.0):
            return np.where(z > 0, z, np.exp(np.minimum(z, 0)) - 1)
    """),
    ("elu", "alpha * exp(z) (the -1 forgotten)", """
        def elu(z, alpha=1.0):
            return np.where(z > 0, z, alpha * np.exp(np.minimum(z, 0)))
    """),
    ("elu", "0 for z <= 0 (plain ReLU)", """
        def elu(z, alpha=1.0):
            return np.maximum(0, z)
    """),
    ("elu", "alpha * z for z <= 0 (leaky ReLU)", """
        def elu(z, alpha=1.0):
            return np.where(z > 0, z, alpha * z)
    """),
    ("elu", "the two branches swapped", """
        def elu(z, alpha=1.0):
            return np.where(z <= 0, z, alpha * (np.exp(np.minimum(z, 50)) - 1))
    """),
    ("elu", "elu's derivative in place of elu", """
        def elu(z, alpha=1.0):
            return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0)))
    """),
    ("elu", "a hard-coded alpha", """
        def elu(z, alpha=1.0):
            return np.where(z > 0, z, 0.1 * (np.exp(np.minimum(z, 0)) - 1))
    """),
    ("elu_grad", "exp(z) without alpha", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))
    """),
    ("elu_grad", "elu(z) in place of its derivative", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, z, alpha * (np.exp(np.minimum(z, 0)) - 1))
    """),
    ("elu_grad", "alpha * (exp(z) - 1) as the slope", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, 1.0, alpha * (np.exp(np.minimum(z, 0)) - 1))
    """),
    ("elu_grad", "0 for z <= 0 (ReLU's derivative)", """
        def elu_grad(z, alpha=1.0):
            return (z > 0).astype(float)
    """),
    ("elu_grad", "alpha for z <= 0 (leaky ReLU's derivative)", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, 1.0, alpha)
    """),
    ("elu_grad", "the two branches swapped", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, alpha * np.exp(np.minimum(z, 50)), 1.0)
    """),
    ("elu_grad", "a hard-coded alpha", """
        def elu_grad(z, alpha=1.0):
            return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)) * 0.1)
    """),
]

#: Wrong solutions that match no known mistake: they fail with a short message all the same.
WRONG = [
    ("sigmoid_grad", """
        def sigmoid_grad(z):
            return np.exp(-z) / (1 + np.exp(-z))
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 1 + np.tanh(z) ** 2
    """),
    ("tanh_grad", """
        def tanh_grad(z):
            return 2 * (1 - np.tanh(z) ** 2)
    """),
    ("relu_grad", """
        def relu_grad(z):
            return np.ones_like(z)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / (2 * 1e-5)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + 2 * eps) - f(z - 2 * eps)) / (2 * eps)
    """),
    ("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return (f(z + eps) - f(z - eps)) / (2 * eps) * z
    """),
    ("softmax", """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=0, keepdims=True))
            return e / np.max(e, axis=0, keepdims=True)
    """),
    ("softmax", """
        def softmax(z):
            return z / np.sum(z, axis=0, keepdims=True)
    """),
    ("softmax", """
        def softmax(z):
            e = np.exp(z - np.max(z, axis=0, keepdims=True))
            return e / np.sum(e)
    """),
]


# --------------------------------------------------------------------------------------------------


class TestSpec(SpecSuite):
    VISIBLE = [
        ("leaky_relu_grad", "alpha fixed at 0.01"), ("numerical_derivative", "a hard-coded eps"),
        ("numerical_derivative", "a one-sided difference"), ("softmax", "softmax over the rows (axis=1)"),
        ("softmax", "softmax over the whole array")]
    QUESTIONS = [
        ("q_depth", [0.25 ** 10, 9.5367e-7, 9.537e-07], [0.25, 0.25 * 10, 1e-6, "small"]),
        ("q_centred_error", [100, "100", 100.0], [10, 20, 1000, "a lot"]),
        ("q_softmax_column", ["b", " B"], ["a", "c", "d", 1]),
    ]


SUITE = TestSpec()
cell, verdict = SUITE.cell, SUITE.verdict
CHECK = SUITE.checker()


def _mistake_src(name, mistake):
    return next(s for n, m, s in MISTAKES if (n, m) == (name, mistake))


def test_a_naive_elu_that_overflows_in_the_unused_branch_is_still_right():
    # np.where evaluates both branches: exp(700) overflows (a warning), but its value is discarded
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        v = verdict("elu", """
            def elu(z, alpha=1.0):
                return np.where(z > 0, z, alpha * (np.exp(z) - 1))
        """)
    assert v.passed, v.message


def test_elu_hidden_cases_reach_large_z_and_other_alphas():
    cases = SPEC.functions["elu"].cases()
    assert any(np.max(c.args[0]) > 100 for c in cases if c.hidden)
    assert {c.kwargs.get("alpha", 1.0) for c in cases} >= {1.0, 0.5, 2.0}
    assert not any(np.any(np.asarray(c.args[0]) == 0) for c in cases)


def test_softmax_is_asked_of_an_n_by_m_array_only():
    # the notebook promises z of shape (n, m): a loop over z.shape[1] or a transpose is right
    assert all(np.ndim(c.args[0]) == 2 for c in SPEC.functions["softmax"].cases())


def test_a_softmax_that_subtracts_the_maximum_of_the_whole_array_passes():
    v = verdict("softmax", """
        def softmax(z):
            e = np.exp(z - np.max(z))
            return e / np.sum(e, axis=0, keepdims=True)
    """)
    assert v.passed, v.message


def test_an_unstable_softmax_passes_the_visible_checks_only():
    src = _mistake_src("softmax", "an unstable softmax (exp overflows)")
    assert verdict("softmax", src, hidden=False).passed
    v = verdict("softmax", src, hidden=True)
    assert not v.passed and "subtract each column's maximum" in v.message


def test_a_function_that_raises():
    v = verdict("softmax", """
        def softmax(z):
            raise ValueError("which axis?")
    """)
    assert not v.passed and "raised ValueError: which axis?" in v.message
    v = verdict("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            raise NotImplementedError()
    """)
    assert not v.passed and "not written yet" in v.message


def test_a_wrong_type():
    v = verdict("relu_grad", """
        def relu_grad(z):
            return [1.0 if v > 0 else 0.0 for v in np.ravel(z)]
    """)
    assert not v.passed and "returned a list" in v.message
    v = verdict("numerical_derivative", """
        def numerical_derivative(f, z, eps=1e-5):
            return str((f(z + eps) - f(z - eps)) / (2 * eps))
    """)
    assert not v.passed and "returned a string" in v.message


def test_a_function_that_modifies_its_input():
    v = verdict("softmax", """
        def softmax(z):
            z -= np.max(z, axis=0, keepdims=True)
            np.exp(z, out=z)
            z /= np.sum(z, axis=0, keepdims=True)
            return z
    """)
    assert not v.passed and v.mistake == "modifies its input"
    assert "modified its argument(s) z" in v.message


def test_calling_the_reference_earns_nothing():
    ns = {"np": np, "act": activations}
    exec("def softmax(z):\n    return act.softmax(z)\n", ns)
    v = CHECK.verdict("softmax", ns["softmax"], hidden=True)
    assert not v.passed and v.mistake == "calls the reference"


def test_the_checker_prints_a_pass_and_raises_a_short_failure(capsys):
    CHECK("tanh_grad", cell(SOLUTIONS["tanh_grad"])["tanh_grad"])
    assert capsys.readouterr().out.startswith("\u2714 tanh_grad: correct")
    with pytest.raises(CheckFailed) as info:
        CHECK("tanh_grad", cell(_mistake_src("tanh_grad", "1 - tanh(z) (not squared)"))["tanh_grad"])
    assert "not squared" in str(info.value)


# --------------------------------------------------------------------------------------------------
# The judge (outside the kernel) agrees


ANSWERS = ["q_depth = 0.25 ** 10\n", "q_centred_error = 10\n", "q_softmax_column = 'b'\n"]


def test_judge_agrees_on_a_notebook(tmp_path):
    srcs = {k: textwrap.dedent(v) for k, v in SOLUTIONS.items()}
    srcs["numerical_derivative"] = textwrap.dedent(_mistake_src("numerical_derivative", "a one-sided difference"))
    srcs["softmax"] = textwrap.dedent(_mistake_src("softmax", "an unstable softmax (exp overflows)"))
    names = list(SOLUTIONS) + ["q_depth", "q_centred_error", "q_softmax_column"]
    verdicts = Judge(SPEC, tmp_path).judge(list(srcs.values()) + ANSWERS, names)
    assert {n for n, v in verdicts.items() if v.passed} == set(names) - {
        "numerical_derivative", "softmax", "q_centred_error"}
    assert verdicts["numerical_derivative"].mistake == "a one-sided difference"
    assert verdicts["softmax"].mistake == "an unstable softmax (exp overflows)"


def test_judge_passes_functions_in_and_accepts_a_loop(tmp_path):
    loop = next(s for n, s in OTHER_CORRECT if n == "numerical_derivative")
    verdicts = Judge(SPEC, tmp_path).judge([textwrap.dedent(loop)], ["numerical_derivative"])
    assert verdicts["numerical_derivative"].passed, verdicts["numerical_derivative"].message

