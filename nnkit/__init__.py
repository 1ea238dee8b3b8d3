"""nnkit: the NumPy reference library of the neural-network course.

Notation (Andrew Ng's): X is (n_x, m) with one column per example, Y is (1, m), W{l} is
(n_l, n_{l-1}), b{l} is (n_l, 1); parameters and gradients are dicts keyed "W1", "b1", ... and
"dW1", "db1", .... Every array is float64, nothing passed in is modified, and randomness comes only
from a ``numpy.random.Generator`` passed in or made from a seed.

Submodules, in the order of the course:

- :mod:`nnkit.activations` — sigmoid, tanh, ReLU, leaky ReLU, ELU, swish, GELU, their derivatives,
  softmax, ``numerical_derivative`` and the ``ACTIVATIONS`` / ``DERIVATIVES`` tables (03).
- :mod:`nnkit.losses` — binary cross-entropy (clipped), its gradient, the cost from logits.
- :mod:`nnkit.neuron` — one neuron and one layer, forward (01).
- :mod:`nnkit.logistic` — logistic regression by gradient descent (02).
- :mod:`nnkit.two_layer` — a two-layer network, backpropagation, gradient checking (04).
- :mod:`nnkit.regularization` — L2 penalty and gradients, inverted dropout (05).
- :mod:`nnkit.optimizers` — mini-batches, gradient descent, momentum, RMSprop, Adam (06).
- :mod:`nnkit.deep` — the L-layer network from forward/backward pairs with caches (07).
- :mod:`nnkit.multiclass` — one-hot labels, softmax cross-entropy from the logits, the L-layer
  network with a softmax output, learning-rate decay (08).
- :mod:`nnkit.datasets` — two-class data sets in the plane, and the handwritten digits (08).
- :mod:`nnkit.gradcheck` — centred-difference gradient checking for any dict of parameters.
"""

from nnkit import (activations, deep, gradcheck, logistic, losses, multiclass, neuron, optimizers,
                   regularization, two_layer)

__version__ = "0.1.0"

__all__ = ["activations", "deep", "gradcheck", "logistic", "losses", "multiclass", "neuron", "optimizers",
           "regularization", "two_layer", "__version__"]
