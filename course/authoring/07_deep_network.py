# %% [markdown]
# # 07 · Deep networks
#
# *About 2 hours.*
#
# Notebook 04 built a network with one hidden layer, writing each matrix of the forward and
# backward passes by hand: `W1`, `Z1`, `A1`, `W2`, ... That does not scale: a network with ten layers
# would need forty lines that differ only in an index. This notebook writes the forward and backward
# passes **once, for any number of layers**, as small functions that pass their results (and what
# they need to remember) from layer to layer. With them you will rebuild, from scratch, a classic
# small Keras network (2-4-6-6-4-1) and see what Keras's `model.fit` does underneath; then you will
# play with depth, width, activations and optimisers in a small version of TensorFlow Playground
# that runs on your own functions.
#
# **What you will learn**
#
# - the general step of layer $l$, forward, $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$,
#   $A^{[l]} = g^{[l]}(Z^{[l]})$, and backward, $dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})$,
#   $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]\top}$, $db^{[l]}$, $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$;
# - how forward and backward functions come in pairs that share a **cache**;
# - why a deep ReLU network needs **He initialisation**, $\mathrm{std}(W^{[l]}) = \sqrt{2 / n^{[l-1]}}$,
#   and what goes wrong with the small random weights of 04;
# - the 2-4-6-6-4-1 network (ReLU hidden layers, sigmoid output, binary cross-entropy, Adam,
#   mini-batches) trained on two circles, its loss and accuracy per epoch, and its decision
#   boundary as it learns;
# - what the universal approximation theorem says, and what it does not;
# - how data, depth, width, activation, learning rate, L2, dropout, optimiser and batch size change
#   what a network learns, in an interactive playground.
#
# **How this notebook works.** As before, each exercise is a function: write its body in place of
# `raise NotImplementedError()`, run the cell, then run the test cell below it (✔ means it agrees
# with the reference on the visible checks). The setup cell gives you ready-made the activations and
# their derivatives (`sigmoid`, `relu`, `sigmoid_grad`, `relu_grad`, which you wrote in 01 and 03) and
# the cost `binary_cross_entropy` (02). The experiments use **your** functions, so run the cells in
# order.

# %% setup
import numpy as np
import matplotlib.pyplot as plt
from IPython.display import HTML
from matplotlib.animation import FuncAnimation
from matplotlib.collections import LineCollection

from nnkit.activations import sigmoid, relu, sigmoid_grad, relu_grad
from nnkit.losses import binary_cross_entropy
from nnkit import optimizers
from nnkit.datasets import make_circles, train_test_split
from nnkit.gradcheck import gradient_check_n
from nnkit.plots import animation_html, plot_decision_boundary, CLASS_COLORS
from nnkit.playground import Playground

from grader.check import Checker
check = Checker("07_deep_network")

# %% [markdown]
# ## 1. From two layers to L layers
#
# A network with $L$ layers has $L - 1$ hidden layers and one output layer (the inputs are not
# counted as a layer). Layer $l$ has $n^{[l]}$ units; the input "layer" 0 has $n^{[0]} = n_x$, the
# number of features. The whole architecture is the list of these sizes,
#
# $$\texttt{layer\_dims} = [n^{[0]}, n^{[1]}, \dots, n^{[L]}] ,$$
#
# and the network of this notebook is `[2, 4, 6, 6, 4, 1]`: two input features, four hidden layers
# of 4, 6, 6 and 4 units, one output unit. Every layer does the same two things as the layers of 04:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}\big(Z^{[l]}\big), \qquad l = 1, \dots, L,$$
#
# starting from $A^{[0]} = X$ and ending with $A^{[L]}$, the prediction. Here the hidden layers use
# $g = \mathrm{ReLU}$ and the output layer the sigmoid, so $A^{[L]}$ is the probability that $y = 1$.
# With one column per example,
#
# | array | shape | for `[2, 4, 6, 6, 4, 1]` and $m$ examples |
# |---|---|---|
# | $W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ | $(4, 2), (6, 4), (6, 6), (4, 6), (1, 4)$ |
# | $b^{[l]}$ | $(n^{[l]}, 1)$ | $(4, 1), (6, 1), (6, 1), (4, 1), (1, 1)$ |
# | $Z^{[l]}, A^{[l]}$ | $(n^{[l]}, m)$ | $(4, m), (6, m), (6, m), (4, m), (1, m)$ |
#
# A row of $W^{[l]}$ holds the incoming weights of one unit of layer $l$; a column, the outgoing
# weights of one unit of layer $l - 1$. Here is the network, each line a weight:

# %%
layer_dims = [2, 4, 6, 6, 4, 1]
names = ["input", "hidden 1", "hidden 2", "hidden 3", "hidden 4", "output"]
fig, ax = plt.subplots(figsize=(12, 4.6))
ys = [np.linspace(-(n - 1) / 2, (n - 1) / 2, n) for n in layer_dims]
for l in range(1, len(layer_dims)):
    edges = [[(l - 1, y0), (l, y1)] for y0 in ys[l - 1] for y1 in ys[l]]
    ax.add_collection(LineCollection(edges, colors="0.7", linewidths=0.8, zorder=1))
    ax.text(l - 0.5, 3.2, f"$W^{{[{l}]}}$: {layer_dims[l]}×{layer_dims[l - 1]}", ha="center", fontsize=11)
for l, (n, y) in enumerate(zip(layer_dims, ys)):
    color = "C2" if l == 0 else ("C3" if l == len(layer_dims) - 1 else "C0")
    ax.scatter(np.full(n, l), y, s=420, color=color, edgecolors="black", zorder=2)
    act = "" if l == 0 else (" (sigmoid)" if l == len(layer_dims) - 1 else " (ReLU)")
    ax.text(l, -3.0, f"{names[l]}{act}\n$n^{{[{l}]}} = {n}$", ha="center", va="top", fontsize=11)
ax.set_xlim(-0.6, len(layer_dims) - 0.4)
ax.set_ylim(-4.1, 3.9)
ax.axis("off")
ax.set_title("The 2-4-6-6-4-1 network: L = 5 layers", fontsize=13)
plt.show()

# %% [markdown]
# **Check your understanding.** How many parameters (weights and biases together) does the
# 2-4-6-6-4-1 network have? This is the number Keras prints as "Trainable params" in
# `model.summary()`. Answer with a number.

# %% solution id=q_n_parameters
# Set q_n_parameters to your answer, a number.
### BEGIN SOLUTION
q_n_parameters = 117
### END SOLUTION

# %% tests id=test_q_n_parameters points=1

# %% [markdown]
# ## 2. Initialisation: He, and why not 0.01
#
# Notebook 04 started its weights at `0.01 * randn`: random, so that the units of a layer do not
# stay identical (the symmetry problem: with equal weights every unit computes the same thing and
# receives the same gradient, forever), and small, so that the tanh units did not saturate. With
# two layers that works. With many layers, the size of the weights decides whether any signal
# reaches the output at all.
#
# Follow the variance of $z$ through one layer. Take unit $i$ of layer $l$ on one example,
# $z_i = \sum_{j=1}^{n^{[l-1]}} w_{ij} a_j$ (with $b = 0$), where the weights are independent, of
# mean 0 and variance $\sigma^2$, and independent of the inputs $a_j$. A sum of independent terms has
# the sum of their variances, and $\mathrm{Var}(w a) = \sigma^2\, \mathbb{E}[a^2]$ when $w$ has mean 0:
#
# $$\mathrm{Var}\big(z^{[l]}\big) = n^{[l-1]}\, \sigma^2\, \mathbb{E}\big[(a^{[l-1]})^2\big].$$
#
# For a ReLU, $a = \max(0, z)$ with $z$ symmetric about 0: half of the time $a = 0$, the other half
# $a = z$, so $\mathbb{E}[a^2] = \frac12 \mathbb{E}[z^2] = \frac12 \mathrm{Var}(z)$. Hence
#
# $$\mathrm{Var}\big(z^{[l]}\big) = \frac{n^{[l-1]} \sigma^2}{2}\, \mathrm{Var}\big(z^{[l-1]}\big) .$$
#
# Every layer multiplies the variance by the factor $n^{[l-1]} \sigma^2 / 2$. After many layers the
# product of these factors explodes if they are above 1 and vanishes if they are below 1. With
# $\sigma = 0.01$ and 100 inputs the factor is $0.005$: ten layers shrink the variance by
# $0.005^{10} \approx 10^{-23}$, and the output no longer depends on the input. The factor is exactly
# 1 when
#
# $$\sigma = \sqrt{\frac{2}{n^{[l-1]}}} \qquad \text{(He et al., 2015)} .$$
#
# That is **He initialisation**: $W^{[l]}$ drawn from a normal distribution with mean 0 and
# standard deviation $\sqrt{2 / n^{[l-1]}}$, the biases at zero. The "2" is there because ReLU
# zeroes half of its inputs; for tanh, which does not, the same argument gives $\sqrt{1 / n^{[l-1]}}$
# (Xavier initialisation; Glorot and Bengio's version, $\sqrt{2 / (n^{[l-1]} + n^{[l]})}$ from a uniform
# distribution, is the default of Keras's `Dense` layers). Run backwards, through $dA^{[l-1]} =
# W^{[l]\top} dZ^{[l]}$, the same reasoning gives the same condition with $n^{[l]}$ in place of
# $n^{[l-1]}$: when neighbouring layers have similar widths, the gradients keep their size too.
#
# Note whose size it is: $n^{[l-1]}$ is the number of **inputs** of layer $l$, the number of terms in
# each sum, that is the number of *columns* of $W^{[l]}$.

# %% solution id=initialize_parameters_deep
def initialize_parameters_deep(layer_dims, seed):
    """He initialisation of an L-layer network.

    Parameters
    ----------
    layer_dims : list of int
        The sizes [n_0, n_1, ..., n_L]: n_0 = n_x inputs, then the units of layers 1 to L.
    seed : int
        Seed of the generator: the same seed gives the same parameters.

    Returns
    -------
    parameters : dict of ndarray
        "W1", "b1", ..., "WL", "bL", with W{l} of shape (n_l, n_{l-1}), drawn from a normal
        distribution with mean 0 and standard deviation sqrt(2 / n_{l-1}), and b{l} of shape
        (n_l, 1), all zeros.

    Hint: make one generator from the seed (np.random.default_rng) and draw every W from it. A
    standard normal draw multiplied by s has standard deviation s. The keys are strings such as
    "W" + str(l).
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L + 1):
        n_l, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = rng.standard_normal((n_l, n_prev)) * np.sqrt(2.0 / n_prev)
        parameters["b" + str(l)] = np.zeros((n_l, 1))
    return parameters
    ### END SOLUTION


# %% tests id=test_initialize_parameters_deep points=2

# %% [markdown]
# The experiment below sends 500 random examples through a stack of 12 ReLU layers of 100 units,
# initialised with your function (He) and with the same draws rescaled to the 0.01 of 04 and to
# Xavier's $\sqrt{1/n}$, and prints the standard deviation of the activations after each layer.

# %%
n_units, depth = 100, 12
X_probe = np.random.default_rng(0).standard_normal((n_units, 500))
he = initialize_parameters_deep([n_units] * (depth + 1), seed=1)
scales = {"0.01 (as in 04)": lambda n: 0.01, "Xavier: sqrt(1/n)": lambda n: np.sqrt(1 / n),
          "He: sqrt(2/n)": lambda n: np.sqrt(2 / n)}

fig, ax = plt.subplots(figsize=(9, 4.8))
for label, scale in scales.items():
    A, stds = X_probe, [X_probe.std()]
    for l in range(1, depth + 1):
        W = he[f"W{l}"] / np.sqrt(2 / n_units) * scale(n_units)   # the same draws, another scale
        A = relu(W @ A + he[f"b{l}"])
        stds.append(A.std())
    ax.semilogy(range(depth + 1), stds, "o-", lw=2, label=label)
ax.set_xlabel("layer l", fontsize=12)
ax.set_ylabel("standard deviation of $A^{[l]}$ (log scale)", fontsize=12)
ax.set_title("Only He's scale keeps the signal alive through 12 ReLU layers", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# With 0.01 the standard deviation shrinks by the factor $\sqrt{0.005} \approx 0.07$ in every layer
# and is around $10^{-14}$ after twelve layers, far below anything that could carry information;
# with Xavier's scale the variance halves at each ReLU layer; with He's it keeps its size. The
# backward pass multiplies by the same matrices, so the gradients of the early layers would vanish
# in the same way.
#
# **Check your understanding.** A layer has 50 inputs and 20 units. What standard deviation does He
# initialisation give its weights? Answer with a number.

# %% solution id=q_he_std
# Set q_he_std to your answer, a number.
### BEGIN SOLUTION
q_he_std = 0.2
### END SOLUTION

# %% tests id=test_q_he_std points=1

# %% [markdown]
# ## 3. The forward pass, as pairs of functions with caches
#
# The backward pass of a layer needs numbers that its forward pass computed: $dW^{[l]}$ needs
# $A^{[l-1]}$, $dA^{[l-1]}$ needs $W^{[l]}$, and $dZ^{[l]}$ needs $Z^{[l]}$, where the derivative of the
# activation is evaluated. So each forward function returns, besides its result, a **cache**: a
# tuple of what its backward partner will need. The forward pass builds the list of caches, one per
# layer, and the backward pass reads it in reverse order. Deep-learning frameworks keep exactly such
# a record while they compute (it is what "autograd" builds).
#
# We split a layer in two, so that each piece stays small:
#
# | forward | computes | cache | backward partner |
# |---|---|---|---|
# | `linear_forward(A_prev, W, b)` | $Z = W A_{\text{prev}} + b$ | `(A_prev, W, b)` | `linear_backward` |
# | `linear_activation_forward(A_prev, W, b, activation)` | $A = g(Z)$ | `(linear_cache, Z)` | `linear_activation_backward` |
# | `L_model_forward(X, parameters)` | $A^{[L]}$ | the list of the $L$ layer caches | `L_model_backward` |

# %% solution id=linear_forward
def linear_forward(A_prev, W, b):
    """The linear part of a layer: Z = W A_prev + b.

    Parameters
    ----------
    A_prev : ndarray, shape (n_{l-1}, m)
        Activations of the previous layer (X for the first layer), one column per example.
    W : ndarray, shape (n_l, n_{l-1})
        Weights of the layer.
    b : ndarray, shape (n_l, 1)
        Biases of the layer.

    Returns
    -------
    Z : ndarray, shape (n_l, m)
        Pre-activations.
    cache : tuple
        (A_prev, W, b), in that order, for the backward pass.

    Hint: one matrix product and one addition; NumPy broadcasts the column b over the m columns.
    """
    ### BEGIN SOLUTION
    Z = np.dot(W, A_prev) + b
    cache = (A_prev, W, b)
    return Z, cache
    ### END SOLUTION


# %% tests id=test_linear_forward points=1

# %% solution id=linear_activation_forward
def linear_activation_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, then A = g(Z).

    Parameters
    ----------
    A_prev : ndarray, shape (n_{l-1}, m)
        Activations of the previous layer.
    W : ndarray, shape (n_l, n_{l-1})
        Weights.
    b : ndarray, shape (n_l, 1)
        Biases.
    activation : str
        "relu" or "sigmoid": the activation g of the layer.

    Returns
    -------
    A : ndarray, shape (n_l, m)
        Activations of the layer.
    cache : tuple
        (linear_cache, Z): the cache of linear_forward, and Z of shape (n_l, m).

    Hint: call your linear_forward, then the activation named by `activation` (relu or sigmoid from
    the setup cell). Keep Z, not A, in the cache: the backward pass evaluates g' at Z.
    """
    ### BEGIN SOLUTION
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "relu":
        A = relu(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    cache = (linear_cache, Z)
    return A, cache
    ### END SOLUTION


# %% tests id=test_linear_activation_forward points=1

# %% [markdown]
# Now the whole network: layers $1, \dots, L-1$ with ReLU, then layer $L$ with the sigmoid. The
# number of layers is not passed in: `parameters` holds one `W` and one `b` per layer.

# %% solution id=L_model_forward
def L_model_forward(X, parameters):
    """The forward pass: [LINEAR -> RELU] x (L - 1), then LINEAR -> SIGMOID.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        "W1", "b1", ..., "WL", "bL", as made by initialize_parameters_deep.

    Returns
    -------
    AL : ndarray, shape (n_L, m)
        Output of the last layer (for one output unit, (1, m): the probabilities that y = 1).
    caches : list of tuple
        The L caches of linear_activation_forward, layer 1 first (caches[l - 1] is layer l's).

    Hint: L is half the number of entries of parameters. Loop over the hidden layers with your
    linear_activation_forward and "relu", each layer's output feeding the next; the output layer
    comes after the loop, with "sigmoid". Append every layer's cache, the output layer's too.
    """
    ### BEGIN SOLUTION
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
    ### END SOLUTION


# %% tests id=test_L_model_forward points=2

# %% [markdown]
# Your forward pass on five examples of the 2-4-6-6-4-1 network, with the shapes of what each
# cache holds:

# %%
parameters = initialize_parameters_deep([2, 4, 6, 6, 4, 1], seed=0)
X_five = np.random.default_rng(1).standard_normal((2, 5))
AL, caches = L_model_forward(X_five, parameters)
print("AL:", np.round(AL, 3), " shape", AL.shape)
for l, ((A_prev, W, b), Z) in enumerate(caches, start=1):
    print(f"layer {l}: A_prev {str(A_prev.shape):7}  W {str(W.shape):7}  b {str(b.shape):7}  Z {Z.shape}")

# %% [markdown]
# ## 4. The backward pass
#
# The cost is the binary cross-entropy of 02, the mean of the losses of the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \log a^{[L](i)} + \big(1 - y^{(i)}\big) \log\big(1 - a^{[L](i)}\big) \Big) .$$
#
# Write $dX$ for the derivative of the loss with respect to $X$, computed for every example at once
# (one column per example), and put the $\frac1m$ of the mean where the examples are summed, in $dW$
# and $db$. The backward pass starts from the derivative of the loss with respect to
# the output,
#
# $$dA^{[L]} = -\left( \frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}} \right) \quad \text{(elementwise)},$$
#
# and then goes through the layers in reverse, $l = L, L-1, \dots, 1$. For one layer, the chain rule
# gives three steps:
#
# 1. **Through the activation.** $A = g(Z)$ works entry by entry, so
#    $$dZ^{[l]} = dA^{[l]} * g'\big(Z^{[l]}\big) ,$$
#    with $*$ the elementwise product. This is `linear_activation_backward`'s job.
# 2. **To the parameters.** $z^{[l]}_i = \sum_j w_{ij} a^{[l-1]}_j + b_i$ on each example, so the
#    derivative with respect to $w_{ij}$ is $dz_i\, a^{[l-1]}_j$, and with respect to $b_i$ it is $dz_i$.
#    Averaging over the $m$ examples (the columns):
#    $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]\top}, \qquad db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)} .$$
#    $dW^{[l]}$ has the shape $(n^{[l]}, n^{[l-1]})$ of $W^{[l]}$, and $db^{[l]}$ the shape $(n^{[l]}, 1)$ of $b^{[l]}$.
# 3. **To the layer below.** $a^{[l-1]}_j$ enters every $z_i$ with weight $w_{ij}$, so
#    $$dA^{[l-1]} = W^{[l]\top} dZ^{[l]} ,$$
#    one column per example, without $\frac1m$: it is not a sum over the examples.
#
# Steps 2 and 3 are `linear_backward`. For the sigmoid output and this cost, step 1 of layer $L$
# simplifies to $dZ^{[L]} = A^{[L]} - Y$, exactly as in 02 and 04; starting from $dA^{[L]}$ instead
# keeps every layer the same, whatever its activation.

# %% solution id=linear_backward
def linear_backward(dZ, cache):
    """The backward pass of the linear part of a layer.

    Parameters
    ----------
    dZ : ndarray, shape (n_l, m)
        Derivative of the loss with respect to Z, one column per example.
    cache : tuple
        (A_prev, W, b) from linear_forward: A_prev (n_{l-1}, m), W (n_l, n_{l-1}), b (n_l, 1).

    Returns
    -------
    dA_prev : ndarray, shape (n_{l-1}, m)
        W^T dZ.
    dW : ndarray, shape (n_l, n_{l-1})
        (1/m) dZ A_prev^T.
    db : ndarray, shape (n_l, 1)
        (1/m) times the sum of the columns of dZ.

    Hint: m is the number of columns of A_prev. Only dW and db carry the 1/m. db must stay a
    column: ask the sum to keep its dimensions.
    """
    ### BEGIN SOLUTION
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
    ### END SOLUTION


# %% tests id=test_linear_backward points=2

# %% solution id=linear_activation_backward
def linear_activation_backward(dA, cache, activation):
    """The backward pass of one layer: dZ = dA * g'(Z), then linear_backward.

    Parameters
    ----------
    dA : ndarray, shape (n_l, m)
        Derivative of the loss with respect to the layer's output A.
    cache : tuple
        (linear_cache, Z) from linear_activation_forward; Z has shape (n_l, m).
    activation : str
        "relu" or "sigmoid": the activation the layer used forward.

    Returns
    -------
    dA_prev : ndarray, shape (n_{l-1}, m)
    dW : ndarray, shape (n_l, n_{l-1})
    db : ndarray, shape (n_l, 1)

    Hint: relu_grad and sigmoid_grad (setup cell) give g'(z) from z. Evaluate the derivative at
    the Z of the cache, multiply elementwise, then hand dZ and the linear cache to linear_backward.
    """
    ### BEGIN SOLUTION
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * relu_grad(Z)
    elif activation == "sigmoid":
        dZ = dA * sigmoid_grad(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    return linear_backward(dZ, linear_cache)
    ### END SOLUTION


# %% tests id=test_linear_activation_backward points=1

# %% [markdown]
# And the whole backward pass. It returns the gradients in a dict keyed like the parameters,
# `"dW1"`, `"db1"`, ..., `"dWL"`, `"dbL"`, ready for any update rule of 06. You may also store each
# $dA^{[l]}$ under `"dA" + str(l)` (the derivative with respect to $A^{[l]}$, for $l = 0, \dots, L-1$);
# it is not required.
#
# **Where to start: from the logits, not from $dA^{[L]}$.** The textbook start is
# $dA^{[L]} = -\big(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\big)$, then back through the sigmoid. On
# paper that is right, but in float64 a confident network's output *saturates*: on easy data
# $\sigma(z)$ for $z > 37$ is exactly `1.0`, and then $\frac{1 - Y}{1 - A^{[L]}}$ is $0/0$ = `nan`, which
# spreads to every gradient and every weight. The two steps simplify, as notebook 02 showed, to
# $dZ^{[L]} = A^{[L]} - Y$ (per example): no division, exact even when $A^{[L]}$ is exactly 0 or 1.
# So start from the logits: $dZ^{[L]} = A^{[L]} - Y$, then `linear_backward` of the output layer's
# linear cache. (Clipping $A^{[L]}$ to $[\epsilon, 1 - \epsilon]$ before the division also avoids the
# `nan`, and the checks accept it, but it only hides the problem: the simplified form is exact.)

# %% solution id=L_model_backward
def L_model_backward(AL, Y, caches):
    """The backward pass of L_model_forward: LINEAR -> SIGMOID first, then [LINEAR -> RELU] x (L - 1).

    Parameters
    ----------
    AL : ndarray, shape (1, m)
        Output of L_model_forward.
    Y : ndarray, shape (1, m)
        Labels, 0 or 1.
    caches : list of tuple
        The L caches of L_model_forward; caches[l - 1] belongs to layer l.

    Returns
    -------
    grads : dict of ndarray
        "dW1", "db1", ..., "dWL", "dbL", each the shape of the parameter it differentiates
        (optionally also "dA0", ..., "dA{L-1}").

    Hint: start from the output layer's dZ = AL - Y (sigmoid and cross-entropy together, see above)
    and its linear cache; then go back through layers L - 1, ..., 1 with "relu", each time feeding
    the dA_prev you got into the next layer down. Store each layer's gradients under its own number.
    """
    ### BEGIN SOLUTION
    grads = {}
    L = len(caches)
    linear_cache, _ = caches[L - 1]
    dZL = AL - Y                         # from the logits: no 0/0 when AL saturates at 0 or 1
    dA_prev, dW, db = linear_backward(dZL, linear_cache)
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = dA_prev, dW, db
    for l in reversed(range(1, L)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    return grads
    ### END SOLUTION


# %% tests id=test_L_model_backward points=2

# %% [markdown]
# The checks compare your functions with the reference on chosen inputs. A gradient check (04)
# compares your backward pass with the cost itself: it nudges each of the 117 parameters by
# $\pm\varepsilon$, measures how $J$ changes, and compares these slopes with your `grads`. A relative
# difference around $10^{-7}$ or below means the two agree.

# %%
X_check = np.random.default_rng(2).standard_normal((2, 8))
Y_check = np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0]])
params_check = initialize_parameters_deep([2, 4, 6, 6, 4, 1], seed=3)
for key in params_check:                  # non-zero biases, so that db is tested too
    if key.startswith("b"):
        params_check[key] = np.random.default_rng(4).normal(0, 0.1, params_check[key].shape)


def cost_of(parameters, X, Y):
    return binary_cross_entropy(L_model_forward(X, parameters)[0], Y)


AL_check, caches_check = L_model_forward(X_check, params_check)
grads_check = L_model_backward(AL_check, Y_check, caches_check)
difference = gradient_check_n(params_check, X_check, Y_check, cost_of, grads_check)
print(f"relative difference between backprop and the numerical gradient: {difference:.2e}")

# %% [markdown]
# ## 5. The Keras example, rebuilt from your functions
#
# A common first Keras exercise builds this network on the "two circles" data set (one class on a
# ring, the other on a disc inside it; scikit-learn's `make_circles`). In Keras it takes a few lines:
#
# ```python
# from tensorflow import keras
#
# model = keras.Sequential([
#     keras.Input(shape=(2,)),
#     keras.layers.Dense(4, activation="relu"),
#     keras.layers.Dense(6, activation="relu"),
#     keras.layers.Dense(6, activation="relu"),
#     keras.layers.Dense(4, activation="relu"),
#     keras.layers.Dense(1, activation="sigmoid"),
# ])
# model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
# history = model.fit(X_train, y_train, epochs=..., batch_size=32)
# ```
#
# Every line has a counterpart you have written:
#
# | Keras | what happens underneath | in this course |
# |---|---|---|
# | `Dense(4, activation="relu")`, ... | a layer owns $W^{[l]}$, $b^{[l]}$ and computes $g(W A + b)$ | `initialize_parameters_deep`, `linear_activation_forward` |
# | `Sequential([...])` | the layers applied one after the other | `L_model_forward` |
# | `loss="binary_crossentropy"` | the cost $J$ and its derivative $dA^{[L]}$ | `binary_cross_entropy` (02), the start of `L_model_backward` |
# | `optimizer="adam"` | Adam's moments $v$, $s$ and its update | `initialize_adam`, `update_parameters_with_adam` (06) |
# | `model.fit(..., epochs, batch_size=32)` | each epoch: shuffle, cut into mini-batches; each batch: forward, backward, update | `random_mini_batches` (06), `L_model_forward`, `L_model_backward` |
# | `history.history["loss"]`, `["accuracy"]` | the cost and accuracy, per epoch | the `history` dict below |
#
# Keras differs in details that do not change the idea: it stores one example per **row**
# (`X_train` has shape $(m, 2)$, the transpose of ours), it initialises `Dense` layers with Glorot's
# uniform distribution rather than He's normal one, its Adam starts with a learning rate of 0.001 (we use 0.01,
# so that training takes fewer epochs), and the loss it reports for an epoch is the average of the
# mini-batch losses during that epoch, where we measure the cost of the whole training set after it.
#
# The function below is `model.fit`. It uses your `initialize_parameters_deep`, `L_model_forward`
# and `L_model_backward`; the mini-batches and the Adam update are those you wrote in 06, taken here
# from `nnkit.optimizers`.

# %%
def accuracy_of(parameters, X, Y):
    AL, _ = L_model_forward(X, parameters)
    return float(np.mean((AL > 0.5) == (Y == 1)))


def fit(X, Y, layer_dims, epochs, batch_size=32, learning_rate=0.01, seed=0, X_test=None, Y_test=None,
        snapshot_epochs=()):
    """Train an L-layer network with Adam on mini-batches; return the parameters, the history
    (cost and accuracy after each epoch, entry 0 before training) and the parameters at the
    epochs listed in snapshot_epochs."""
    parameters = initialize_parameters_deep(layer_dims, seed)
    v, s = optimizers.initialize_adam(parameters)
    rng = np.random.default_rng(seed)
    t = 0                                                  # Adam's step count
    history = {"loss": [], "accuracy": [], "test_loss": [], "test_accuracy": []}
    snapshots = {}
    for epoch in range(epochs + 1):
        if epoch > 0:                                      # one epoch: every mini-batch once
            for X_batch, Y_batch in optimizers.random_mini_batches(X, Y, batch_size, rng):
                AL, caches = L_model_forward(X_batch, parameters)
                grads = L_model_backward(AL, Y_batch, caches)
                t += 1
                parameters, v, s = optimizers.update_parameters_with_adam(parameters, grads, v, s, t,
                                                                          learning_rate)
        history["loss"].append(cost_of(parameters, X, Y))
        history["accuracy"].append(accuracy_of(parameters, X, Y))
        if X_test is not None:
            history["test_loss"].append(cost_of(parameters, X_test, Y_test))
            history["test_accuracy"].append(accuracy_of(parameters, X_test, Y_test))
        if epoch in snapshot_epochs:
            snapshots[epoch] = parameters                  # each update makes a new dict
    return parameters, history, snapshots


# %% [markdown]
# The data: 500 points of two noisy circles, a quarter of them kept aside as a test set.

# %%
X_circles, Y_circles = make_circles(500, noise=0.1, factor=0.5, seed=1)
X_train, Y_train, X_test, Y_test = train_test_split(X_circles, Y_circles, 0.25, rng=1)
print("training set:", X_train.shape, Y_train.shape, "  test set:", X_test.shape, Y_test.shape)

frames = [0, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40]           # the epochs shown in the animation
trained, history, snapshots = fit(X_train, Y_train, [2, 4, 6, 6, 4, 1], epochs=40, batch_size=32,
                                  learning_rate=0.01, seed=0, X_test=X_test, Y_test=Y_test,
                                  snapshot_epochs=frames)
print(f"after {len(history['loss']) - 1} epochs: training cost {history['loss'][-1]:.4f}, "
      f"training accuracy {history['accuracy'][-1]:.1%}, test accuracy {history['test_accuracy'][-1]:.1%}")

# %%
epochs_axis = np.arange(len(history["loss"]))
fig, (ax_loss, ax_acc, ax_bound) = plt.subplots(1, 3, figsize=(17, 4.8))
ax_loss.plot(epochs_axis, history["loss"], lw=2, label="training set")
ax_loss.plot(epochs_axis, history["test_loss"], lw=2, ls="--", label="test set")
ax_loss.set_xlabel("epoch", fontsize=12)
ax_loss.set_ylabel("cross-entropy cost", fontsize=12)
ax_loss.set_title("Loss per epoch", fontsize=13)
ax_acc.plot(epochs_axis, history["accuracy"], lw=2, label="training set")
ax_acc.plot(epochs_axis, history["test_accuracy"], lw=2, ls="--", label="test set")
ax_acc.set_xlabel("epoch", fontsize=12)
ax_acc.set_ylabel("accuracy", fontsize=12)
ax_acc.set_title("Accuracy per epoch", fontsize=13)
for ax in (ax_loss, ax_acc):
    ax.grid(alpha=0.3)
    ax.legend(fontsize=11)
plot_decision_boundary(lambda X: L_model_forward(X, trained)[0], X_train, Y_train, ax=ax_bound, resolution=120)
ax_bound.set_title("Decision boundary after 40 epochs (training set)", fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# The first few epochs change little: the output sits near 0.5 for every point, the cost near
# $\log 2 \approx 0.69$, and the accuracy near chance. Then the network finds the shape of the
# problem, and the cost falls steeply; the last epochs only sharpen the boundary. Training and
# test curves stay together: with 117 parameters for 375 points this network has no room to
# memorise the noise.
#
# The animation replays the run: the decision boundary at each epoch of `frames`, drawn from the
# parameters `fit` kept at those epochs. The colour is the network's $A^{[L]}$, the probability of
# the inner class (blue); the boundary, in black, is where it crosses 0.5. Press play.

# %%
side = np.linspace(-1.7, 1.7, 80)
grid_x1, grid_x2 = np.meshgrid(side, side)
grid = np.vstack([grid_x1.ravel(), grid_x2.ravel()])            # 6400 points of the plane: (2, 6400)

fig, ax = plt.subplots(figsize=(5.6, 5.4), dpi=72)
plt.close(fig)                             # show the animation only, not a still of its figure
image = ax.imshow(np.full((80, 80), 0.5), origin="lower", extent=(-1.7, 1.7, -1.7, 1.7),
                  cmap="RdBu", vmin=0, vmax=1, alpha=0.55, interpolation="bilinear")
for label, color in zip((0, 1), CLASS_COLORS):
    keep = Y_train[0] == label
    ax.scatter(X_train[0, keep], X_train[1, keep], s=14, color=color, edgecolors="white", linewidths=0.5,
               label=f"y = {label}")
ax.legend(loc="upper right", fontsize=10)
ax.set_xticks([])                          # no tick labels: each frame is drawn faster
ax.set_yticks([])
ax.set_title("epoch 0", fontsize=12)       # the titles of the frames come in draw_frame
fig.tight_layout()
boundary = []                              # the contour line of the current frame


def draw_frame(k):
    epoch = frames[k]
    P = L_model_forward(grid, snapshots[epoch])[0].reshape(grid_x1.shape)
    image.set_data(P)
    for line in boundary:
        line.remove()
    boundary[:] = [ax.contour(grid_x1, grid_x2, P, levels=[0.5], colors="black")] if P.min() < 0.5 < P.max() else []
    ax.set_title(f"epoch {epoch}: cost {history['loss'][epoch]:.3f}, accuracy {history['accuracy'][epoch]:.0%}",
                 fontsize=12)


anim = FuncAnimation(fig, draw_frame, frames=len(frames), interval=500)
HTML(animation_html(anim))   # the player, with no icons fetched from the network

# %% [markdown]
# The network starts with a boundary that has nothing to do with the data (it comes from the
# random weights), bends it into a closed curve within a dozen epochs, and then pulls that curve
# onto the gap between the ring and the disc. A single neuron (02) could only draw a line here;
# each hidden layer of ReLUs folds the plane again, and four of them can carve a closed region
# out of it.
#
# ## 6. What the universal approximation theorem says, and what it does not
#
# Why can networks learn boundaries like this at all? The **universal approximation theorem**
# (Cybenko 1989 for sigmoids, Hornik 1991, and Leshno et al. 1993 for any activation that is not a
# polynomial, ReLU included) says:
#
# > For every continuous function $f$ on a closed and bounded region $K \subset \mathbb{R}^{n}$ and
# > every tolerance $\varepsilon > 0$, there is a network with **one** hidden layer such that
# > $|f(x) - \hat f(x)| < \varepsilon$ for every $x$ in $K$.
#
# For ReLU units and one input, the reason is easy to see: $\mathrm{relu}(x - x_k)$ is a bent
# line with its kink at $x_k$, and a sum of such bent lines is any broken line we like. So with
# knots $x_0 < x_1 < \dots < x_n$ in $K$ and one hidden unit per knot,
#
# $$\hat f(x) = f(x_0) + \sum_{k=0}^{n-1} (s_k - s_{k-1})\, \mathrm{relu}(x - x_k)$$
#
# (with $s_k$ the slope of $f$'s chord from $x_k$ to $x_{k+1}$, and $s_{-1} = 0$) joins the points
# $(x_k, f(x_k))$ with straight segments. That is a network with one hidden layer: $W^{[1]}$ all ones,
# $b^{[1]}_k = -x_k$, ReLU, and an output layer without activation, $W^{[2]}_k = s_k - s_{k-1}$,
# $b^{[2]} = f(x_0)$. More knots, smaller error. The cell builds it with your
# `linear_activation_forward` and `linear_forward`.

# %%
def f_target(x):
    return np.sin(2 * x) + 0.3 * x


def broken_line_network(n_units, a=-np.pi, b=np.pi):
    """Parameters of the one-hidden-layer ReLU network that joins f_target at n_units + 1 knots."""
    knots = np.linspace(a, b, n_units + 1)
    slopes = np.diff(f_target(knots)) / np.diff(knots)
    W1, b1 = np.ones((n_units, 1)), -knots[:-1].reshape(-1, 1)
    W2 = np.diff(slopes, prepend=0.0).reshape(1, -1)
    b2 = np.array([[f_target(knots[0])]])
    return W1, b1, W2, b2


def network_output(x_row, W1, b1, W2, b2):
    A1, _ = linear_activation_forward(x_row, W1, b1, "relu")   # hidden layer: ReLU
    Z2, _ = linear_forward(A1, W2, b2)                         # output layer: no activation
    return Z2


x_in = np.linspace(-np.pi, np.pi, 1001).reshape(1, -1)
x_out = np.linspace(-2 * np.pi, 2 * np.pi, 2001).reshape(1, -1)
fig, axes = plt.subplots(1, 4, figsize=(18, 4), sharey=True)
for ax, n_units in zip(axes[:3], (3, 8, 30)):
    y_hat = network_output(x_in, *broken_line_network(n_units))
    error = np.max(np.abs(y_hat - f_target(x_in)))
    ax.plot(x_in.ravel(), f_target(x_in).ravel(), color="black", lw=2.5, label="f")
    ax.plot(x_in.ravel(), y_hat.ravel(), color="C1", lw=1.8, label="network")
    ax.set_title(f"{n_units} hidden units: max error {error:.3f}", fontsize=12)
ax = axes[3]
ax.axvspan(-np.pi, np.pi, color="0.9", label="K, where it was built")
ax.plot(x_out.ravel(), f_target(x_out).ravel(), color="black", lw=2.5, label="f")
ax.plot(x_out.ravel(), network_output(x_out, *broken_line_network(30)).ravel(), color="C1", lw=1.8,
        label="network")
ax.set_title("30 units, outside K: no guarantee", fontsize=12)
for ax in axes:
    ax.set_xlabel("x", fontsize=12)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="lower right")
axes[0].set_ylabel("f(x) and the network", fontsize=12)
axes[0].set_ylim(-3.5, 3.5)
fig.tight_layout()
plt.show()

# %% [markdown]
# The error shrinks as units are added (for a smooth $f$, about as $1/n^2$): one hidden layer is
# indeed enough, *on K*. What the theorem does **not** say matters as much:
#
# - **How many units.** It promises some finite number, which can grow exponentially with the
#   number of inputs: a broken line needs a handful of knots in one dimension, a grid of them
#   needs $k^{n}$ in $n$ dimensions. Depth can be far cheaper: in 01, $k$ layers of two ReLUs made
#   $2^k$ pieces, where one layer needs about $2^k$ units.
# - **How to find the weights.** We *constructed* the network above from $f$. Training only sees
#   samples of $f$ and follows the gradient; nothing guarantees that it reaches the approximating
#   weights, or does so in reasonable time.
# - **What happens elsewhere.** The promise holds on $K$ only. Outside it, the network above
#   continues as a straight line while $f$ keeps oscillating (right panel); a network says nothing
#   reliable about inputs unlike those it was trained on.
# - **Generalisation.** Fitting $m$ training points well is not fitting $f$ well between them;
#   that is what the test set measures, and what the regularisation of 05 is for.
#
# **Check your understanding.** Which statement does the universal approximation theorem make?
#
# - (a) Gradient descent on a network with one hidden layer finds weights that approximate any
#   continuous function.
# - (b) A network with one hidden layer of 100 ReLU units can approximate any continuous function on
#   $[0, 1]$ within 0.01.
# - (c) For a continuous function on a closed, bounded region and any tolerance, some network with one
#   hidden layer is within that tolerance of the function everywhere on the region.
# - (d) A network that approximates $f$ well on $[0, 1]$ also approximates it well on $[1, 2]$.
#
# Answer with a letter, as a string.

# %% solution id=q_universal
# Set q_universal to your answer, "a", "b", "c" or "d".
### BEGIN SOLUTION
q_universal = "c"
### END SOLUTION

# %% tests id=test_q_universal points=1

# %% [markdown]
# ## 7. A playground
#
# [TensorFlow Playground](https://playground.tensorflow.org) lets you train small networks in the
# browser and watch them learn. The playground below does the same, in this notebook, on **your**
# functions: `initialize_parameters_deep`, `L_model_forward`, `L_model_backward` and the layer
# functions under them (for any of them that is not written yet, it uses the reference and says so).
# It adds what the earlier notebooks built: other activations, L2 and dropout (05), and the four
# optimisers and the mini-batches (06). For hidden activations other than ReLU, or with dropout, it
# runs the layers one by one with your `linear_forward`, `linear_activation_forward`,
# `linear_backward` and `linear_activation_backward`.
#
# The controls: a **data set**, its **noise** and a **seed** (which draws other data and other
# initial weights); the number of **hidden layers** and of **units** in each; the hidden
# **activation**; the **optimiser**, **learning rate** and **batch size**; the L2 strength **lambd**
# and the dropout **keep_prob**. **Step** trains a few epochs (the **epochs / step** slider),
# **Train** twenty steps, redrawing as it goes; **Reset** starts again from the same initial weights,
# so that two runs that differ in one setting can be compared. Changing the data or the network
# resets it. Left, the data (circles: training set, triangles: test set) over the network's
# probability of the blue class, with the boundary in black; right, the cross-entropy of the
# training and test sets per epoch.
#
# Things to try:
#
# 1. **Circles with 0 hidden layers** (logistic regression): the boundary stays a line, and the
#    cost stays at $\log 2$. One hidden layer of 4 ReLU units closes it within about 100 epochs.
#    Three units can close it too (a triangle), but whether training finds that triangle depends on
#    the seed: try seeds 0 and 1. The weights exist, as the universal approximation theorem
#    promises; gradient descent does not always find them.
# 2. **XOR** with one hidden layer of 2 units: change the seed a few times. How often does the small
#    network get stuck? Then give it 4 units.
# 3. **Spirals**, the hardest: compare 1 hidden layer of 8 units with 4 layers of 8, then try tanh.
# 4. **The learning rate**: with gradient descent, compare 0.01, 0.1 and 1: too small a step
#    crawls, a large one makes the loss jump about. Adam adapts each step to its gradient and is far
#    less sensitive.
# 5. **The sigmoid in the hidden layers** of a deep network (5 hidden layers of 6 units, Adam): the
#    cost sits at $\log 2 \approx 0.693$ for dozens of epochs, where ReLU is done in twenty. This is
#    the vanishing gradient of 03.
# 6. **Overfitting**: XOR with noise 0.3, 6 hidden layers of 8 units, batch size 8. After some 40
#    epochs the test loss turns up while the training loss keeps falling. Reset, set L2 to 0.3 (or
#    keep_prob to 0.85), and compare both curves after the same number of epochs.
# 7. **Batch size**: 1 (stochastic gradient descent) against 256 (the whole training set) with
#    gradient descent: many noisy steps against few smooth ones.
#
# The cell below shows the state of a playground after 40 epochs on the moons, without widgets;
# the next one opens the interactive version.

# %%
pg = Playground(globals())        # takes your functions from this notebook, by name
for name, origin in pg.origins.items():
    print(f"{name:28} {origin}")
pg.configure(dataset="moons", hidden_layers=3, units=6, activation="relu", optimizer="adam",
             learning_rate=0.01, batch_size=32)
pg.step(40)
pg.draw()

# %%
pg.widget()

# %% [markdown]
# ## Summary
#
# - An L-layer network is one step repeated: $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$,
#   $A^{[l]} = g^{[l]}(Z^{[l]})$, from $A^{[0]} = X$ to $A^{[L]}$. Its architecture is the list
#   `layer_dims`; $W^{[l]}$ is $(n^{[l]}, n^{[l-1]})$, $b^{[l]}$ is $(n^{[l]}, 1)$.
# - Backward, each layer turns $dA^{[l]}$ into $dZ^{[l]} = dA^{[l]} * g'(Z^{[l]})$, then
#   $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]\top}$, $db^{[l]} = \frac1m \sum_i dZ^{[l](i)}$ and
#   $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$, starting from
#   $dA^{[L]} = -\big(Y / A^{[L]} - (1 - Y) / (1 - A^{[L]})\big)$.
# - Forward and backward functions come in pairs; the forward one caches what the backward one
#   needs ($A^{[l-1]}$, $W^{[l]}$, $Z^{[l]}$). Frameworks record the same thing automatically.
# - He initialisation, $\mathrm{std} = \sqrt{2 / n^{[l-1]}}$, keeps the variance of a ReLU network's
#   signals constant from layer to layer; 0.01 makes them vanish, and Xavier's $\sqrt{1/n}$ suits tanh.
# - Keras's `Dense` layers, `compile` and `fit` are `initialize_parameters_deep`,
#   `L_model_forward`, the cross-entropy, `L_model_backward`, `random_mini_batches` and Adam's
#   update, in a loop over epochs and mini-batches.
# - One hidden layer can approximate any continuous function on a bounded region, but the theorem
#   says nothing about how many units, how to find the weights, or what happens outside the
#   region or between the training points.
#
# ## Where to go next
#
# You now have every piece of a modern feed-forward network in your own code, and can read what a
# framework does. Notebook **08** takes the next step: **softmax outputs** for more than two classes
# (the `softmax` of 03 with the cross-entropy over classes, whose $dZ^{[L]}$ is again $A^{[L]} - Y$),
# trained on real handwritten digits. Beyond the course: **batch normalisation**, which keeps each
# layer's $Z$ well scaled during training as He does at the start, and **convolutional layers**, which share weights across the positions of an image. In a
# framework such as PyTorch or Keras, write the 2-4-6-6-4-1 network again and compare its loss curve
# with yours: the differences should now be ones you can name.
