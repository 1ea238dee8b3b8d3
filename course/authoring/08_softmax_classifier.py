# %% [markdown]
# # 08 · Ten classes: a softmax classifier for handwritten digits
#
# *About 2 hours.*
#
# Every network so far answered a yes-or-no question: one sigmoid unit at the output, the
# probability that $y = 1$. Most real questions have more than two answers: which of ten digits,
# which of a thousand objects, which word comes next. This notebook changes only the last layer of
# the deep network of 07, and the cost, so that it chooses among $C$ classes, and trains it on real
# data: 1,797 handwritten digits scanned from forms filled in by 13 people. Along the way it adds
# the habits of a careful experiment: a dev set to make decisions on, a test set looked at once,
# inputs brought to a common scale, a learning rate that shrinks, and training stopped when the dev
# set says it is no longer helping.
#
# **What you will learn**
#
# - how labels $0, \dots, C-1$ become **one-hot** columns, $Y$ of shape $(C, m)$;
# - the **softmax** output layer, and why the **categorical cross-entropy** is computed from the
#   logits with the **log-sum-exp** trick;
# - why softmax followed by cross-entropy gives the simple gradient $dZ^{[L]} = A^{[L]} - Y$, derived;
# - the **train / dev / test** split, and what each of the three sets is for;
# - **standardising** the inputs, and why (and when dividing by the standard deviation goes wrong);
# - training with Adam on mini-batches, **learning-rate decay** and **early stopping** on the dev
#   cost with a patience rule;
# - reading a **confusion matrix** and looking at the digits the network gets wrong.
#
# **How this notebook works.** As before, each exercise is a function: write its body in place of
# `raise NotImplementedError()`, run the cell, then run the test cell below it (✔ means it agrees
# with the reference on the visible checks). The setup cell gives you, ready-made, what you wrote in
# earlier notebooks: `relu` and `relu_grad` (03), `softmax` (03), the layer functions
# `linear_forward`, `linear_activation_forward`, `linear_backward`, `linear_activation_backward` and
# `initialize_parameters_deep` (07), and Adam (06, in `optimizers`). The experiments use **your**
# functions, so run the cells in order.

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.activations import relu, relu_grad, softmax
from nnkit.deep import (initialize_parameters_deep, linear_forward, linear_activation_forward,
                        linear_backward, linear_activation_backward)
from nnkit import optimizers
from nnkit.datasets import load_digits, train_dev_test_split
from nnkit.gradcheck import gradient_check_n

from grader.check import Checker
check = Checker("08_softmax_classifier")

# %% [markdown]
# ## 1. The data: 1,797 handwritten digits
#
# The images come from the *Optical Recognition of Handwritten Digits* data set (E. Alpaydin and
# C. Kaynak, UCI Machine Learning Repository, 1998, licence CC BY 4.0; these are its test images, by
# 13 writers). Each digit was written on a form, scanned as a 32 × 32 black-and-white bitmap, and reduced to 8 × 8 by counting the black pixels
# in each 4 × 4 block, so a pixel holds a number from 0 (no ink) to 16 (all ink). The file ships
# inside nnkit; `load_digits` reads it and returns
#
# - `X` of shape $(64, m)$: one image per **column**, its 64 pixels row by row, divided by 16 so
#   that they lie in $[0, 1]$;
# - `y` of shape $(1, m)$: the digit each image shows, an integer from 0 to 9.

# %%
X_all, y_all = load_digits()
print("X:", X_all.shape, X_all.dtype, " y:", y_all.shape, y_all.dtype)
print("images of each digit:", np.bincount(y_all[0]))

fig, axes = plt.subplots(3, 10, figsize=(12, 4.2))
for k, ax in enumerate(axes.ravel()):
    i = np.flatnonzero(y_all[0] == k % 10)[k // 10]            # the (k // 10)-th image of digit k % 10
    ax.imshow(X_all[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"y = {y_all[0, i]}", fontsize=10)
    ax.axis("off")
fig.suptitle("Thirty of the 1,797 digits (8 × 8 pixels, darker = more ink)", fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# At 8 × 8 some digits are hard even for a person (a 1 and a 7, a 5 and a 9); the classes are close
# to balanced, about 180 images each.
#
# ### Training, dev and test sets
#
# A model is fitted on examples, and then we make **choices** about it: how many layers, which
# learning rate, when to stop training. Each use of the data needs its own examples:
#
# | set | share here | used for |
# |---|---|---|
# | **training** | 70 % | fitting the parameters $W$, $b$ by gradient descent |
# | **dev** (development, or validation) | 15 % | making choices: the epoch to stop at, the hyperparameters |
# | **test** | 15 % | one final, honest estimate of how well the chosen model does on new data |
#
# The dev set is needed because the training cost flatters the model: the parameters were fitted to
# those very examples. Choices made by looking at the dev set flatter it too (a little), so the
# final number comes from a third set that played no part in any decision, and is looked at
# **once**, at the very end. If the test accuracy is used to pick among models, it becomes a second
# dev set and no longer tells the truth. With millions of examples the dev and test sets can be a
# small share (1 % of a million is plenty); with 1,797 we keep 15 % each.

# %%
X_train_raw, y_train, X_dev_raw, y_dev, X_test_raw, y_test = train_dev_test_split(
    X_all, y_all, dev_fraction=0.15, test_fraction=0.15, rng=0)
print("training:", X_train_raw.shape, " dev:", X_dev_raw.shape, " test:", X_test_raw.shape)

# %% [markdown]
# ## 2. Standardising the inputs
#
# Gradient descent moves every weight with the same learning rate. If one input feature ranges over
# thousands and another over thousandths, the cost surface is a long narrow valley: a step small
# enough for the steep direction crawls along the flat one (the ill-conditioned surface of 06). He
# initialisation (07) also assumes inputs of variance about 1. So before training we **standardise**
# each feature $j$ (each row of $X$): subtract its mean $\mu_j$ and divide by its standard deviation
# $\sigma_j$,
#
# $$x_j \leftarrow \frac{x_j - \mu_j}{\sigma_j},$$
#
# which gives every feature mean 0 and standard deviation 1 on the training set. Two rules:
#
# - $\mu$ and $\sigma$ are computed on the **training set only**, and the same $\mu$, $\sigma$
#   transform the dev and test sets (and every future input). The dev and test sets stand for new
#   data; a model in use meets one example at a time and has no "test mean" to subtract.
# - A feature that barely varies has a tiny $\sigma$, and dividing by it blows up noise. Here the
#   pixels at the edge of the frame are blank in almost every image (the maps of $\mu$ and $\sigma$
#   below), with $\sigma$ below 0.01 for several: a stray dot of ink in one of them would become a
#   value in the hundreds. We floor $\sigma$ at 0.1, so such pixels are centred but not magnified.
#
# The pixels of this data set already share a scale, $[0, 1]$, so standardising helps less than it
# would for features in different units (a height in metres beside an income in euros); it still
# centres them, which the comparison below shows is worth having.

# %%
mu = X_train_raw.mean(axis=1, keepdims=True)                       # (64, 1)
sigma = np.maximum(X_train_raw.std(axis=1, keepdims=True), 0.1)   # (64, 1), floored at 0.1


def standardize(X):
    """(X - mu) / sigma with the training set's mu and sigma: X is (64, m)."""
    return (X - mu) / sigma


X_train, X_dev, X_test = standardize(X_train_raw), standardize(X_dev_raw), standardize(X_test_raw)
raw_std = X_train_raw.std(axis=1)
print(f"after: every pixel has mean 0 on the training set (largest |mean| {np.abs(X_train.mean(axis=1)).max():.1e}); "
      f"{np.sum(raw_std >= 0.1)} pixels have standard deviation 1, the {np.sum(raw_std < 0.1)} nearly blank ones less")

fig, axes = plt.subplots(1, 3, figsize=(12, 3.8))
for ax, image, title in zip(axes, (mu, raw_std, X_train[:, 0]),
                            ("mean of each pixel, $\\mu$", "standard deviation, $\\sigma$ (before the floor)",
                             "a training image, standardised")):
    shown = ax.imshow(np.reshape(image, (8, 8)), cmap="viridis")
    fig.colorbar(shown, ax=ax, fraction=0.046)
    ax.set_title(title, fontsize=11)
    ax.axis("off")
fig.suptitle("The training set's pixel statistics: the edge pixels hardly vary", fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# **Check your understanding.** The mean and standard deviation that standardise the **dev and test**
# sets are computed on:
#
# - (a) each set separately: the dev set with the dev set's own mean and standard deviation;
# - (b) all 1,797 images together, before the split;
# - (c) the training set only;
# - (d) the test set, since that is what we report.
#
# Answer with a letter, as a string.

# %% solution id=q_standardize_with
# Set q_standardize_with to your answer, "a", "b", "c" or "d".
### BEGIN SOLUTION
q_standardize_with = "c"
### END SOLUTION

# %% tests id=test_q_standardize_with points=1

# %% [markdown]
# ## 3. One-hot labels
#
# With two classes a label was one number, 0 or 1, and the network's output one probability. With
# $C$ classes the network outputs a column of $C$ probabilities per example, and the label is
# written the same way: a column of $C$ numbers, all 0 except a 1 in the row of the true class. For
# $C = 4$ and labels $y = [2, 0, 3]$:
#
# $$y = \begin{bmatrix} 2 & 0 & 3 \end{bmatrix} \quad\longrightarrow\quad
# Y = \begin{bmatrix} 0 & 1 & 0 \\ 0 & 0 & 0 \\ 1 & 0 & 0 \\ 0 & 0 & 1 \end{bmatrix} .$$
#
# $Y$ has shape $(C, m)$, one column per example like everything else in this course. This
# **one-hot** encoding says that the classes are categories, not quantities: a 7 is not "more" than
# a 3, and predicting 6 for a 7 is not "almost right".

# %% solution id=one_hot
def one_hot(y, C):
    """One-hot encoding of integer labels.

    Parameters
    ----------
    y : ndarray of int, shape (1, m)
        Class labels, each in 0, ..., C - 1.
    C : int
        The number of classes.

    Returns
    -------
    Y : ndarray of float, shape (C, m)
        Y[c, i] = 1.0 if y[0, i] == c, else 0.0.

    Hint: start from a (C, m) array of zeros (floats) and put a 1 in column i at row y[0, i], for
    every i; NumPy can do all the columns at once if you index with two arrays, one of rows and one
    of columns. Use the C given: a class may have no example in y.
    """
    ### BEGIN SOLUTION
    m = y.shape[1]
    Y = np.zeros((C, m))
    Y[y[0], np.arange(m)] = 1.0
    return Y
    ### END SOLUTION


# %% tests id=test_one_hot points=1

# %%
Y_train, Y_dev, Y_test = one_hot(y_train, 10), one_hot(y_dev, 10), one_hot(y_test, 10)
print("y_train[:, :5] =", y_train[:, :5])
print("Y_train[:, :5] =")
print(Y_train[:, :5].astype(int))

# %% [markdown]
# ## 4. Softmax and the cross-entropy, computed from the logits
#
# The output layer computes $C$ numbers per example, the **logits** $Z^{[L]} = W^{[L]} A^{[L-1]} + b^{[L]}$
# of shape $(C, m)$, and turns each column $z$ into probabilities with the softmax of 03:
#
# $$a_c = \mathrm{softmax}(z)_c = \frac{e^{z_c}}{\sum_{k=1}^{C} e^{z_k}} .$$
#
# Every $a_c$ is positive and each column sums to 1. Adding the same number to all the logits of a
# column changes nothing (it multiplies the numerator and the denominator by the same factor); with
# $C = 2$, softmax is the sigmoid of $z_1 - z_0$, so this generalises the output of 02-07.
#
# The loss of one example is the **categorical cross-entropy**, minus the log of the probability
# given to the true class:
#
# $$\mathcal{L}(a, y) = -\sum_{c=1}^{C} y_c \log a_c ,
# \qquad J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\big(a^{(i)}, y^{(i)}\big) .$$
#
# Only the true class's term survives, since the other $y_c$ are 0. With $C = 2$ it is the binary
# cross-entropy of 02.
#
# ### The log-sum-exp trick
#
# Computing $a = \mathrm{softmax}(z)$ and then $\log a$ fails at large logits. $e^{z}$ overflows to
# `inf` in float64 once $z > 709$; subtracting the column's maximum (as the softmax of 03 does)
# avoids that, but then a class whose logit is far below the maximum gets $a_c = e^{-2000}$, which
# is exactly 0 in float64, and $\log 0 = -\infty$. Take the log **before** dividing instead:
#
# $$\log a_c = z_c - \log \sum_{k} e^{z_k} = (z_c - c) - \log \sum_{k} e^{z_k - c},
# \qquad c = \max_k z_k .$$
#
# The right-hand side is the same number for any $c$; with $c$ the maximum, the largest term of the
# sum is $e^0 = 1$, so the sum lies between 1 and $C$: no overflow, and a log that is always finite.
# This is the **log-sum-exp** trick; frameworks apply it when a loss is given the logits (Keras's
# `from_logits=True`, PyTorch's `CrossEntropyLoss`, which takes logits, not probabilities).
#
# ### Why the gradient is $A - Y$
#
# Write the loss of one example with the log-sum-exp form and use $\sum_c y_c = 1$:
#
# $$\mathcal{L} = -\sum_c y_c \Big(z_c - \log \sum_k e^{z_k}\Big)
# = -\sum_c y_c z_c + \log \sum_k e^{z_k} .$$
#
# Differentiate with respect to one logit $z_j$: the first sum gives $-y_j$, and the derivative of
# $\log \sum_k e^{z_k}$ is $e^{z_j} / \sum_k e^{z_k} = a_j$. So
#
# $$\frac{\partial \mathcal{L}}{\partial z_j} = a_j - y_j, \qquad\text{for all examples at once:}\qquad
# dZ^{[L]} = A^{[L]} - Y .$$
#
# (The long way, through the softmax's Jacobian $\partial a_c / \partial z_j = a_c(\delta_{cj} - a_j)$
# and $\partial \mathcal{L} / \partial a_c = -y_c / a_c$, gives
# $\sum_c (-y_c / a_c)\, a_c (\delta_{cj} - a_j) = -y_j + a_j \sum_c y_c = a_j - y_j$, the same.)
# It is the formula of the sigmoid with the binary cross-entropy in 02: the output is pushed up for
# the true class and down for the others, each in proportion to its error. As in 07, $dZ$ is the
# gradient of each example's loss, without $\frac1m$: `linear_backward` divides $dW$ and $db$ by $m$.

# %% solution id=softmax_cross_entropy
def softmax_cross_entropy(Z, Y):
    """The categorical cross-entropy of softmax(Z) against Y, computed from the logits, and dZ.

    Parameters
    ----------
    Z : ndarray, shape (C, m)
        Logits of the output layer, one column per example.
    Y : ndarray, shape (C, m)
        One-hot labels.

    Returns
    -------
    cost : float
        -(1/m) * sum over the examples and classes of Y * log softmax(Z); finite even for logits
        of size 1e4.
    dZ : ndarray, shape (C, m)
        softmax(Z) - Y (per example: no 1/m).

    Hint: subtract each column's maximum from Z (keepdims=True keeps the shapes compatible). Then
    log softmax is the shifted Z minus the log of the column sums of its exponentials; softmax itself
    is the exponential of log softmax. The cost sums over the classes and averages over the m columns.
    """
    ### BEGIN SOLUTION
    m = Z.shape[1]
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    log_A = Z_shifted - np.log(np.sum(np.exp(Z_shifted), axis=0, keepdims=True))
    cost = -np.sum(Y * log_A) / m
    dZ = np.exp(log_A) - Y
    return float(cost), dZ
    ### END SOLUTION


# %% tests id=test_softmax_cross_entropy points=2

# %% [markdown]
# The figure shows one example, a 3, with made-up logits: the softmax probabilities, and the
# gradient $dz = a - y$, negative only for the true class (so gradient descent raises its logit)
# and positive for the others. The cell after it compares the naive way with yours on logits of size
# $10^4$.

# %%
z_example = np.array([[1.0], [-0.5], [0.3], [2.2], [-1.0], [0.8], [-2.0], [0.0], [1.9], [-0.3]])
y_example = one_hot(np.array([[3]]), 10)
cost_example, dz_example = softmax_cross_entropy(z_example, y_example)
a_example = dz_example + y_example

fig, (ax_a, ax_dz) = plt.subplots(1, 2, figsize=(12, 3.8))
ax_a.bar(range(10), a_example[:, 0], color=["C3" if c == 3 else "C0" for c in range(10)])
ax_a.set_title(f"softmax(z): the true class 3 gets {a_example[3, 0]:.2f}; loss {cost_example:.3f}", fontsize=12)
ax_a.set_ylabel("probability $a_c$", fontsize=12)
ax_dz.bar(range(10), dz_example[:, 0], color=["C3" if c == 3 else "C0" for c in range(10)])
ax_dz.axhline(0, color="black", lw=0.8)
ax_dz.set_title("the gradient $dz = a - y$", fontsize=12)
for ax in (ax_a, ax_dz):
    ax.set_xticks(range(10))
    ax.set_xlabel("class c", fontsize=12)
    ax.grid(alpha=0.3, axis="y")
fig.tight_layout()
plt.show()

Z_huge = np.array([[1e4, -1e4], [-1e4, 1e4], [0.0, 0.0]])
Y_huge = one_hot(np.array([[0, 0]]), 3)          # the second example is confidently wrong
with np.errstate(all="ignore"):
    naive = -np.sum(Y_huge * np.log(np.exp(Z_huge) / np.exp(Z_huge).sum(axis=0))) / 2
print("naive exp, divide, log:", naive)
print("log-sum-exp (yours):   ", softmax_cross_entropy(Z_huge, Y_huge)[0])

# %% [markdown]
# The naive formula returns `nan` (here $e^{10^4} / e^{10^4} = \infty / \infty$). Yours returns
# 10,000: the second example's true class is $2 \times 10^4$ below the winner, a loss of $2 \times 10^4$,
# averaged with the first example's 0.
#
# **Check your understanding.** An example of class 1 (the second class, counting from 0) gets the
# softmax output $a = (0.7, 0.2, 0.1)$. What is the second entry of its $dz$? Answer with a number.

# %% solution id=q_dz_entry
# Set q_dz_entry to your answer, a number.
### BEGIN SOLUTION
q_dz_entry = -0.8
### END SOLUTION

# %% tests id=test_q_dz_entry points=1

# %% [markdown]
# **Check your understanding.** Just after initialisation, a network knows nothing and gives each of
# the 10 digits about the same probability. What cost $J$ do you expect then? Answer with a number
# (natural logarithm). A first cost far from this number is a sign of a bug, or of a bad
# initialisation; it is worth printing before any long training run.

# %% solution id=q_initial_cost
# Set q_initial_cost to your answer, a number.
### BEGIN SOLUTION
q_initial_cost = np.log(10)
### END SOLUTION

# %% tests id=test_q_initial_cost points=1

# %% [markdown]
# ## 5. The network: ReLU hidden layers and a softmax output
#
# The forward pass is 07's with the last layer changed: layers $1, \dots, L-1$ compute
# $A^{[l]} = \mathrm{relu}(W^{[l]} A^{[l-1]} + b^{[l]})$, and layer $L$ computes the logits
# $Z^{[L]} = W^{[L]} A^{[L-1]} + b^{[L]}$, of shape $(C, m)$, and $A^{[L]} = \mathrm{softmax}(Z^{[L]})$.
# The caches are 07's too: one `(linear_cache, Z)` per layer, the output layer's included, so that
# the cost can be computed from its logits $Z^{[L]}$ = `caches[-1][1]`.

# %% solution id=L_model_forward_softmax
def L_model_forward_softmax(X, parameters):
    """The forward pass: [LINEAR -> RELU] x (L - 1), then LINEAR -> SOFTMAX.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        "W1", "b1", ..., "WL", "bL"; W{l} is (n_l, n_{l-1}), b{l} is (n_l, 1), and n_L = C.

    Returns
    -------
    AL : ndarray, shape (C, m)
        Class probabilities: each column is softmax of the output layer's logits.
    caches : list of tuple
        The L caches, layer 1 first: (linear_cache, Z) for each layer, with linear_cache =
        (A_prev, W, b), as in 07.

    Hint: the hidden layers are exactly 07's, with linear_activation_forward and "relu". For the
    output layer, linear_forward gives ZL and its linear cache; softmax (setup cell) turns ZL into
    AL, and the layer's cache is (linear_cache, ZL).
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


# %% tests id=test_L_model_forward_softmax points=2

# %% [markdown]
# The backward pass starts from $dZ^{[L]} = A^{[L]} - Y$, which already includes the softmax: the
# output layer goes straight to `linear_backward`, with no activation derivative. The hidden layers
# go back through ReLU exactly as in 07. The gradients are keyed `"dW1"`, `"db1"`, ..., as in 07;
# the `"dA" + str(l)` keys are optional.

# %% solution id=L_model_backward_softmax
def L_model_backward_softmax(AL, Y, caches):
    """The backward pass of L_model_forward_softmax with the categorical cross-entropy.

    Parameters
    ----------
    AL : ndarray, shape (C, m)
        Output of L_model_forward_softmax.
    Y : ndarray, shape (C, m)
        One-hot labels.
    caches : list of tuple
        The L caches of L_model_forward_softmax; caches[l - 1] belongs to layer l.

    Returns
    -------
    grads : dict of ndarray
        "dW1", "db1", ..., "dWL", "dbL", each the shape of the parameter it differentiates
        (optionally also "dA0", ..., "dA{L-1}").

    Hint: dZL = AL - Y. The output layer's cache is (linear_cache, ZL): hand dZL and its linear
    cache to linear_backward. Then go back through layers L - 1, ..., 1 with
    linear_activation_backward and "relu", each time feeding the dA_prev you got into the next
    layer down.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


# %% tests id=test_L_model_backward_softmax points=2

# %% [markdown]
# The derivation of $A - Y$ can be checked by numbers. The gradient check of 04 and 07 nudges each
# parameter of a small network by $\pm\varepsilon$ and compares the change of your cost with your
# backward pass; a relative difference around $10^{-7}$ or below means they agree.

# %%
def cost_of(parameters, X, Y):
    """The cost J of the network on (X, Y), from the logits of the output layer."""
    AL, caches = L_model_forward_softmax(X, parameters)
    return softmax_cross_entropy(caches[-1][1], Y)[0]


rng_check = np.random.default_rng(2)
X_check = rng_check.standard_normal((5, 7))
Y_check = one_hot(rng_check.integers(0, 4, size=(1, 7)), 4)
params_check = initialize_parameters_deep([5, 6, 6, 4], seed=3)
for key in params_check:                  # non-zero biases, so that db is tested too
    if key.startswith("b"):
        params_check[key] = rng_check.normal(0, 0.1, params_check[key].shape)

AL_check, caches_check = L_model_forward_softmax(X_check, params_check)
grads_check = L_model_backward_softmax(AL_check, Y_check, caches_check)
difference = gradient_check_n(params_check, X_check, Y_check, cost_of, grads_check)
print(f"relative difference between backprop and the numerical gradient: {difference:.2e}")

# %% [markdown]
# The prediction for an example is the class with the largest probability, the row of the largest
# entry of its column of $A^{[L]}$. No threshold is involved: with ten classes the winner may have a
# probability well below 0.5.

# %% solution id=predict_classes
def predict_classes(X, parameters):
    """The most probable class of each example.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs.
    parameters : dict of ndarray
        The network's parameters, as for L_model_forward_softmax.

    Returns
    -------
    classes : ndarray of int, shape (1, m)
        For each column of AL, the index of its largest entry, 0 to C - 1.

    Hint: run your forward pass, then np.argmax along the axis of the classes (each column is one
    example), and reshape to a row.
    """
    ### BEGIN SOLUTION
    AL, _ = L_model_forward_softmax(X, parameters)
    return np.argmax(AL, axis=0).reshape(1, -1)
    ### END SOLUTION


# %% tests id=test_predict_classes points=1

# %% [markdown]
# ## 6. Training: Adam, mini-batches and a decaying learning rate
#
# Adam on mini-batches (06) takes noisy steps: each mini-batch's gradient is an estimate. With a
# fixed learning rate the parameters keep jittering around a minimum instead of settling into it.
# **Learning-rate decay** shrinks the steps as training goes on: large steps early, while the cost
# falls fast, small ones later, for the fine adjustments. A common schedule divides the initial rate
# $\alpha_0$ by a number that grows with the epoch, once every `time_interval` epochs:
#
# $$\alpha = \frac{\alpha_0}{1 + d \cdot \left\lfloor e / T \right\rfloor} ,$$
#
# with $e$ the number of epochs done (`epoch_num`), $d$ the `decay_rate` and $T$ the `time_interval`.
# With $\lfloor\cdot\rfloor$ (the floor, rounding down) the rate stays constant for `time_interval`
# epochs and then drops, a staircase; without it the rate would fall a little at every epoch. Other
# schedules exist (exponential, $\alpha_0 \cdot 0.95^{\text{epoch}}$; or a cosine), and Adam itself
# already adapts each parameter's step: decay acts on top of it.

# %% solution id=learning_rate_decay
def learning_rate_decay(learning_rate0, epoch_num, decay_rate, time_interval=1):
    """The learning rate after epoch_num epochs, decayed in steps of time_interval epochs.

    Parameters
    ----------
    learning_rate0 : float
        The initial learning rate.
    epoch_num : int
        The number of epochs done, 0 at the start.
    decay_rate : float
        How fast the rate falls (0: no decay).
    time_interval : int, default 1
        The rate changes once every time_interval epochs.

    Returns
    -------
    learning_rate : float
        learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval)).

    Hint: np.floor, or integer division //, counts the whole intervals done.
    """
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    return float(learning_rate)
    ### END SOLUTION


# %% tests id=test_learning_rate_decay points=1

# %% [markdown]
# ### Early stopping
#
# A network with enough parameters keeps lowering its training cost long after it stopped learning
# anything that carries over to new digits: it starts to memorise the training images. The dev
# cost shows the moment. It falls with the training cost at first, then flattens, then rises. **Early
# stopping** keeps the parameters of the epoch with the lowest dev cost. Since the dev cost is noisy
# (it may rise for an epoch and fall again), we stop only after a **patience** of $p$ epochs without
# a new best, and then return the best parameters seen, not the last ones.
#
# Early stopping is a form of regularisation, like L2 and dropout (05): it limits how far the
# weights move from their small initial values. Its advantage is that it costs nothing; its
# drawback is that one knob now does two jobs (fit the training set, do not overfit it), where L2
# separates them.
#
# The function below trains the network with **your** functions: `L_model_forward_softmax`,
# `L_model_backward_softmax`, `softmax_cross_entropy` (through `cost_of`) and
# `learning_rate_decay`; the initialisation (07) and Adam's update (06) come from nnkit. Each epoch
# shuffles the training examples and cuts them into mini-batches of `batch_size` columns.

# %%
def fit(X_train, Y_train, X_dev, Y_dev, layer_dims, learning_rate0=0.003, decay_rate=0.5, time_interval=10,
        batch_size=64, max_epochs=200, patience=10, seed=1):
    """Train with Adam on mini-batches, a decaying learning rate and early stopping on the dev cost.

    Returns the best parameters (lowest dev cost), the epoch they come from, and the history: the
    training and dev costs after each epoch and the learning rate used in it."""
    parameters = initialize_parameters_deep(layer_dims, seed)
    v, s = optimizers.initialize_adam(parameters)
    rng = np.random.default_rng(seed)
    m, t = X_train.shape[1], 0                                  # t: Adam's step count
    history = {"train_cost": [], "dev_cost": [], "learning_rate": []}
    best_cost, best_epoch, best_parameters = np.inf, 0, parameters
    for epoch in range(1, max_epochs + 1):
        learning_rate = learning_rate_decay(learning_rate0, epoch - 1, decay_rate, time_interval)
        order = rng.permutation(m)                              # shuffle, then cut into mini-batches
        for start in range(0, m, batch_size):
            batch = order[start:start + batch_size]
            AL, caches = L_model_forward_softmax(X_train[:, batch], parameters)
            grads = L_model_backward_softmax(AL, Y_train[:, batch], caches)
            t += 1
            parameters, v, s = optimizers.update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
        history["train_cost"].append(cost_of(parameters, X_train, Y_train))
        history["dev_cost"].append(cost_of(parameters, X_dev, Y_dev))
        history["learning_rate"].append(learning_rate)
        if history["dev_cost"][-1] < best_cost:                  # a new best: remember it
            best_cost, best_epoch, best_parameters = history["dev_cost"][-1], epoch, parameters
        elif epoch - best_epoch >= patience:                    # no new best for `patience` epochs
            break
    return best_parameters, best_epoch, history


# %% [markdown]
# The network has two hidden layers of 64 and 32 ReLU units, and 10 softmax outputs. Its first cost
# is a little above $\log 10$: He's initialisation gives the logits of an example a spread of about 1,
# so the first probabilities are not quite equal. A first cost of 20 would mean a bug.
#
# Then what standardising buys: the same network, rate and seed, 15 epochs without early stopping,
# on the raw pixels in $[0, 1]$ and on the standardised ones.

# %%
layer_dims = [64, 64, 32, 10]
parameters_at_start = initialize_parameters_deep(layer_dims, seed=1)
print(f"cost at initialisation: {cost_of(parameters_at_start, X_train, Y_train):.3f}  (log 10 = {np.log(10):.3f})")

fig, ax = plt.subplots(figsize=(8, 4.2))
for X_tr, X_dv, label in ((X_train_raw, X_dev_raw, "raw pixels in [0, 1]"), (X_train, X_dev, "standardised")):
    _, _, short = fit(X_tr, Y_train, X_dv, Y_dev, layer_dims, max_epochs=15, patience=15)
    ax.plot(range(1, 16), short["dev_cost"], "o-", lw=2, label=label)
ax.set_xlabel("epoch", fontsize=12)
ax.set_ylabel("dev cost", fontsize=12)
ax.set_yscale("log")
ax.set_title("The same network learns faster on standardised inputs", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# Now the real run: at most 200 epochs, a patience of 10, the learning rate halved after the first
# 10 epochs (decay rate 0.5, time interval 10), then divided by 2.5 after 20, and so on.

# %%
best_parameters, best_epoch, history = fit(X_train, Y_train, X_dev, Y_dev, layer_dims, learning_rate0=0.003,
                                           decay_rate=0.5, time_interval=10, batch_size=64,
                                           max_epochs=200, patience=10, seed=1)
n_epochs = len(history["dev_cost"])
dev_accuracy = np.mean(predict_classes(X_dev, best_parameters) == y_dev)
print(f"stopped after {n_epochs} epochs; best dev cost {history['dev_cost'][best_epoch - 1]:.4f} "
      f"at epoch {best_epoch}; dev accuracy {dev_accuracy:.1%}")

epochs_axis = np.arange(1, n_epochs + 1)
fig, (ax_cost, ax_rate) = plt.subplots(1, 2, figsize=(14, 4.4))
ax_cost.plot(epochs_axis, history["train_cost"], lw=2, label="training set")
ax_cost.plot(epochs_axis, history["dev_cost"], lw=2, label="dev set")
ax_cost.axvline(best_epoch, color="C3", ls="--", label=f"best dev cost (epoch {best_epoch})")
ax_cost.axvspan(best_epoch, n_epochs, color="C3", alpha=0.08, label="patience: no new best")
ax_cost.set_yscale("log")
ax_cost.set_xlabel("epoch", fontsize=12)
ax_cost.set_ylabel("cross-entropy cost (log scale)", fontsize=12)
ax_cost.set_title("Early stopping on the dev cost", fontsize=13)
ax_cost.legend(fontsize=10)
ax_rate.step(epochs_axis, history["learning_rate"], where="post", lw=2, color="C2")
ax_rate.set_xlabel("epoch", fontsize=12)
ax_rate.set_ylabel("learning rate", fontsize=12)
ax_rate.set_title("Learning-rate decay: 0.003 / (1 + 0.5 floor(epoch / 10))", fontsize=13)
for ax in (ax_cost, ax_rate):
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# The training cost keeps falling to the end: the network can fit the training images almost
# perfectly. The dev cost falls with it for about ten epochs and then flattens: the later "new
# bests" are gains in the third decimal, and once ten epochs bring none, training stops. From then
# on the network would only be fitting details of the training images that do not carry over to the
# dev set. The parameters kept are those of the dashed line.
#
# **Check your understanding.** Which set decides the epoch that early stopping keeps?
#
# - (a) the training set;
# - (b) the dev set;
# - (c) the test set.
#
# Answer with a letter, as a string.

# %% solution id=q_early_stopping_set
# Set q_early_stopping_set to your answer, "a", "b" or "c".
### BEGIN SOLUTION
q_early_stopping_set = "b"
### END SOLUTION

# %% tests id=test_q_early_stopping_set points=1

# %% [markdown]
# ## 7. The test set, once
#
# Every choice is made: the architecture, the rate and its decay, the epoch. Now, and only now, the
# test set gives its one number.

# %%
test_predictions = predict_classes(X_test, best_parameters)
test_accuracy = np.mean(test_predictions == y_test)
print(f"test accuracy: {test_accuracy:.1%} on {y_test.shape[1]} digits never used for any choice "
      f"({int(np.sum(test_predictions != y_test))} wrong)")

# %% [markdown]
# One number hides *which* digits are confused. The **confusion matrix** counts, for every true
# class (a row) and predicted class (a column), the test images with that pair. A perfect classifier
# has everything on the diagonal; each off-diagonal count is a kind of mistake.

# %%
confusion = np.zeros((10, 10), dtype=int)
np.add.at(confusion, (y_test[0], test_predictions[0]), 1)      # one count per (true, predicted) pair

fig, ax = plt.subplots(figsize=(7, 6))
shown = ax.imshow(confusion, cmap="Blues")
for i in range(10):
    for j in range(10):
        if confusion[i, j]:
            ax.text(j, i, confusion[i, j], ha="center", va="center", fontsize=10,
                    color="white" if confusion[i, j] > confusion.max() / 2 else "black")
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("predicted digit", fontsize=12)
ax.set_ylabel("true digit", fontsize=12)
ax.set_title(f"Confusion matrix on the test set (accuracy {test_accuracy:.1%})", fontsize=13)
fig.colorbar(shown, ax=ax, fraction=0.046)
plt.show()

# %% [markdown]
# And the mistakes themselves: every misclassified test digit, with the network's answer, the true
# label and the probability the network gave to its answer.

# %%
wrong = np.flatnonzero(test_predictions[0] != y_test[0])
AL_test, _ = L_model_forward_softmax(X_test, best_parameters)
n_cols = 8
n_rows = max(1, int(np.ceil(len(wrong) / n_cols)))
fig, axes = plt.subplots(n_rows, n_cols, figsize=(12, 1.9 * n_rows + 0.6), squeeze=False)
for ax in axes.ravel():
    ax.axis("off")
for ax, i in zip(axes.ravel(), wrong):
    ax.imshow(X_test_raw[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"predicted {test_predictions[0, i]} ({AL_test[test_predictions[0, i], i]:.0%})\ntrue {y_test[0, i]}",
                 fontsize=10, color="C3")
fig.suptitle(f"The {len(wrong)} misclassified test digits", fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# Several of these are hard for a person too, at 8 × 8 pixels; others are confident mistakes on
# digits that look clear to us. A network that gives 90 % to a wrong answer is a reminder that the
# softmax output is a score the network was trained to make large, not a calibrated certainty.
#
# ## Summary
#
# - With $C$ classes the labels become **one-hot** columns $Y$ of shape $(C, m)$, and the output
#   layer computes $C$ logits per example, turned into probabilities by **softmax**.
# - The **categorical cross-entropy** $-\frac1m \sum_i \sum_c y_c \log a_c$ is computed from the
#   logits with **log-sum-exp**, $\log a_c = (z_c - \max z) - \log \sum_k e^{z_k - \max z}$, which is
#   finite for any logits.
# - Softmax with the cross-entropy gives $dZ^{[L]} = A^{[L]} - Y$; the rest of the backward pass is
#   07's.
# - The **training** set fits the parameters, the **dev** set makes the choices, the **test** set
#   measures the final model once.
# - Inputs are **standardised** with the training set's mean and standard deviation (floored, so
#   that nearly constant features are not magnified), applied unchanged to every other set.
# - **Learning-rate decay**, $\alpha_0 / (1 + d \lfloor e / T \rfloor)$ after $e$ epochs,
#   lets mini-batch training settle; **early stopping** keeps the parameters of the best dev cost,
#   after a patience of a few epochs without improvement.
# - A **confusion matrix** and a look at the misclassified examples say what one accuracy number
#   does not.
#
# ## Where to go next
#
# The digits here are tiny; the classic next data set is MNIST (70,000 digits of 28 × 28 pixels),
# where a network like this one reaches about 98 %. Beyond that, images call for **convolutional layers**,
# which reuse the same small filters at every position of the image, and deeper networks call for
# **batch normalisation**. To check your understanding, write this notebook's network again in
# PyTorch or Keras (`Dense(10)` with `CrossEntropyLoss`, or `from_logits=True`), and compare its
# curves with yours.
