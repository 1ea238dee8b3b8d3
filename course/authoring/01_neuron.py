# %% [markdown]
# # 01 · The neuron
#
# *About 60 minutes.*
#
# Every neural network, from the two-layer ones of this course to the models behind speech
# recognition, is built from one small part repeated many times: the **neuron**. It takes a few
# numbers in, weighs them, adds them up and passes the total through a simple function. This notebook
# takes that part apart.
#
# **What you will learn**
#
# - how an artificial neuron models a biological one: $z = w^\top x + b$ gathers the evidence and
#   $a = g(z)$ decides;
# - the four activations you will meet everywhere (sigmoid, tanh, ReLU, leaky ReLU) and what each is
#   good and bad at;
# - why a single neuron splits its input space with a straight line (a hyperplane);
# - how to compute a neuron, and a whole layer of neurons, on all examples at once, and how much
#   faster that is than a loop;
# - input, hidden and output layers, the shapes of $W$ and $b$, and why depth adds more than width;
# - why the activation must be non-linear.
#
# **How this notebook works.** Each exercise is a function with a docstring; write its body in
# place of `raise NotImplementedError()`, run the cell, then run the test cell below it. A green
# ✔ line means your function agrees with the reference on every visible check; a red message says
# what differs, on which input, and often which well-known slip it looks like. (`00_welcome` explains
# the checks in more detail.) Run the cells from top to bottom: later experiments use the functions
# you wrote earlier.

# %% setup
import time

import numpy as np
import matplotlib.pyplot as plt

from nnkit.datasets import make_blobs

from grader.check import Checker
check = Checker("01_neuron")

# %% [markdown]
# ## 1. From a biological neuron to two lines of arithmetic
#
# A nerve cell receives signals from thousands of other cells through its *dendrites*. Where one
# cell touches another, at a *synapse*, the incoming signal is amplified or damped: some synapses
# excite, others inhibit. The cell body adds everything up, and if the total passes a threshold the
# cell *fires*, sending a pulse down its *axon* to the next cells.
#
# The artificial neuron keeps exactly these two steps. It receives the $n_x$ numbers of one
# example, a column vector $x = (x_1, \dots, x_{n_x})^\top$, and computes
#
# $$z = w_1 x_1 + w_2 x_2 + \dots + w_{n_x} x_{n_x} + b = w^\top x + b \qquad \text{(gather the evidence)}$$
#
# $$a = g(z) \qquad \text{(decide)}$$
#
# | symbol | shape | role | in the biological picture |
# |---|---|---|---|
# | $x$ | $(n_x, 1)$ | the inputs of one example | signals arriving at the dendrites |
# | $w$ | $(n_x, 1)$ | one weight per input | synapse strengths: $w_i > 0$ excites, $w_i < 0$ inhibits |
# | $b$ | a number | the bias | minus the firing threshold |
# | $z$ | a number | the weighted total | the total input of the cell body |
# | $g$ | a function | the activation | the firing decision |
# | $a$ | a number | the activation (the output) | the strength of the pulse sent on |
#
# The weights and the bias are the neuron's **parameters**: learning, in the next notebook, means
# finding values of $w$ and $b$ that make $a$ useful. The activation $g$ is fixed in advance.
#
# Both $x$ and $w$ are **column vectors** of shape $(n_x, 1)$, so the sum $\sum_i w_i x_i$ is the matrix
# product $w^\top x$ of a $(1, n_x)$ row by a $(n_x, 1)$ column: a $(1, 1)$ array. Here is one
# neuron with three inputs, computed both ways:

# %%
x = np.array([[2.0], [-1.0], [0.5]])   # one example, 3 features: a column (3, 1)
w = np.array([[0.4], [1.5], [-2.0]])   # one weight per feature: a column (3, 1)
b = 0.3

z_by_hand = 0.4 * 2.0 + 1.5 * (-1.0) + (-2.0) * 0.5 + 0.3
z = w.T @ x + b                         # (1, 3) @ (3, 1) -> (1, 1)
print("by hand:", z_by_hand, "  w.T @ x + b:", z, "with shape", z.shape)

# %% [markdown]
# The evidence is negative: the second input, with its large weight, pulls $z$ down more than the
# first pushes it up. What the neuron *does* with $z = -1.4$ is the activation's job.
#
# ## 2. Activations
#
# The first artificial neuron (McCulloch and Pitts, 1943; Rosenblatt's perceptron, 1958) used a
# hard threshold: output 1 if $z \ge 0$, else 0. That is a faithful model of firing, but useless for
# learning by gradient descent: its slope is 0 everywhere (and undefined at 0), so a small change of
# $w$ never tells us whether the output got better. Every activation in use today is a continuous
# function with a useful slope somewhere. Four of them cover almost everything you will meet.
#
# ### 2.1 Sigmoid
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}$$
#
# The sigmoid is a smoothed threshold. It maps any $z$ into $(0, 1)$, with $\sigma(0) = 0.5$,
# $\sigma(z) \to 1$ as $z \to +\infty$ and $\sigma(z) \to 0$ as $z \to -\infty$, so its output can be read as a
# probability: that is why it is the activation of the *output* unit of a yes/no classifier.
# Its weaknesses: its outputs are centred at 0.5, not 0, and it is **flat for large $|z|$** (it
# *saturates*): beyond $|z| \approx 5$ its slope is almost 0, and a neuron whose $z$ sits there learns
# very slowly.
#
# In NumPy, `np.exp` works entry by entry on a whole array, so one formula handles a number, a row,
# or a matrix `Z` of shape `(n_l, m)` alike.

# %% solution id=sigmoid
def sigmoid(z):
    """The logistic sigmoid, entry by entry: sigmoid(z) = 1 / (1 + exp(-z)).

    Parameters
    ----------
    z : ndarray, any shape (for example Z of shape (n_l, m))
        Pre-activations.

    Returns
    -------
    a : ndarray, the shape of z
        Values in (0, 1).

    Hint: NumPy's exponential works on every entry of an array at once; no loop is needed.
    """
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-z))
    ### END SOLUTION


# %% tests id=test_sigmoid points=1

# %% [markdown]
# ### 2.2 Tanh
#
# $$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\,\sigma(2z) - 1$$
#
# The hyperbolic tangent is a sigmoid stretched to $(-1, 1)$. Its outputs are **zero-centred**
# ($\tanh(0) = 0$ and $\tanh(-z) = -\tanh(z)$), which helps the *next* layer: inputs that are
# sometimes positive and sometimes negative make gradient descent take straighter steps than inputs
# that are always positive. For hidden layers it was the standard choice before ReLU, and it is
# still the hidden activation of the two-layer network in notebook 04. It **saturates** too, for the
# same reason as the sigmoid (it *is* a sigmoid, rescaled).

# %% solution id=tanh
def tanh(z):
    """The hyperbolic tangent, entry by entry: tanh(z) = (e^z - e^-z) / (e^z + e^-z).

    Parameters
    ----------
    z : ndarray, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray, the shape of z
        Values in (-1, 1), with tanh(0) = 0.

    Hint: write it from the definition with exponentials. (NumPy also has a ready-made tanh that
    is safe for huge |z|; use it to compare your result, if you like.)
    """
    ### BEGIN SOLUTION
    e_pos, e_neg = np.exp(z), np.exp(-z)
    return (e_pos - e_neg) / (e_pos + e_neg)
    ### END SOLUTION


# %% tests id=test_tanh points=1

# %% [markdown]
# ### 2.3 ReLU
#
# $$\mathrm{relu}(z) = \max(0, z)$$
#
# The rectified linear unit is the **default for hidden layers** today. It is as cheap as an
# activation can be, and for $z > 0$ its slope is exactly 1 however large $z$ grows: it never
# saturates on that side, so deep networks of ReLUs train much faster than networks of sigmoids.
# Its weakness is the other side: for $z < 0$ it outputs **zero, with slope zero**. A unit whose
# $z$ is negative for every example passes nothing on and receives no gradient: it has "died" and
# stays dead.
#
# Careful with the NumPy names here: `np.max(z)` is the largest entry of `z`, while
# `np.maximum(z, 0)` compares entry by entry.

# %% solution id=relu
def relu(z):
    """The rectified linear unit, entry by entry: relu(z) = max(0, z).

    Parameters
    ----------
    z : ndarray, any shape
        Pre-activations.

    Returns
    -------
    a : ndarray, the shape of z
        z where z > 0, and 0 elsewhere.

    Hint: compare every entry with 0 and keep the larger (the entry-by-entry maximum). Return a new
    array: do not change z in place.
    """
    ### BEGIN SOLUTION
    return np.maximum(0, z)
    ### END SOLUTION


# %% tests id=test_relu points=1

# %% [markdown]
# ### 2.4 Leaky ReLU
#
# $$\mathrm{leaky\_relu}(z) = \begin{cases} z & z > 0 \\ \alpha z & z \le 0 \end{cases}
# \qquad (\alpha \text{ small, typically } 0.01)$$
#
# Leaky ReLU gives the negative side a small slope $\alpha$ instead of zero, so a unit with negative
# $z$ still passes a little signal and a little gradient, and can recover. It usually behaves like
# ReLU, sometimes slightly better; $\alpha$ is one more hyperparameter to choose. Your function must
# use the `alpha` it is given (the checks try several).

# %% solution id=leaky_relu
def leaky_relu(z, alpha=0.01):
    """Leaky ReLU, entry by entry: z where z > 0, alpha * z elsewhere.

    Parameters
    ----------
    z : ndarray, any shape
        Pre-activations.
    alpha : float, default 0.01
        The slope for z <= 0.

    Returns
    -------
    a : ndarray, the shape of z

    Hint: choose, entry by entry, between two arrays (z and alpha * z) with a condition on z;
    NumPy has a function that does exactly this.
    """
    ### BEGIN SOLUTION
    return np.where(z > 0, z, alpha * z)
    ### END SOLUTION


# %% tests id=test_leaky_relu points=1

# %% [markdown]
# ### 2.5 The four side by side
#
# The figure below draws your four functions (solid) and their slopes (dashed). The slopes are
# measured numerically from your outputs, $g'(z) \approx \frac{g(z + h) - g(z - h)}{2h}$; notebook 03
# derives them exactly. Look for the flat ends of sigmoid and tanh, where the slope vanishes, and
# for ReLU's dead side.

# %%
z_grid = np.linspace(-6, 6, 601)
h = 1e-4
panels = [("sigmoid", sigmoid), ("tanh", tanh), ("ReLU", relu), ("leaky ReLU (alpha = 0.1)",
                                                                  lambda z: leaky_relu(z, alpha=0.1))]
fig, axes = plt.subplots(1, 4, figsize=(16, 3.8), sharex=True)
for ax, (title, g) in zip(axes, panels):
    slope = (g(z_grid + h) - g(z_grid - h)) / (2 * h)
    ax.axhline(0, color="0.75", lw=0.8)
    ax.axvline(0, color="0.75", lw=0.8)
    ax.plot(z_grid, g(z_grid), lw=2.2, label="g(z)")
    ax.plot(z_grid, slope, "--", lw=1.8, label="slope g'(z)")
    ax.set_title(title, fontsize=13)
    ax.set_xlabel("z", fontsize=11)
    ax.set_ylim(-1.25, 2.0)
    ax.grid(alpha=0.3)
for ax in axes[:2]:
    ax.axvspan(-6, -4, color="tab:red", alpha=0.08)
    ax.axvspan(4, 6, color="tab:red", alpha=0.08, label="saturated: slope near 0")
axes[0].set_ylabel("value", fontsize=11)
axes[0].legend(loc="upper left", fontsize=9)
axes[1].legend(loc="upper left", fontsize=9)
fig.suptitle("Your activations (leaky ReLU drawn with alpha = 0.1 so its slope is visible)", fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# | activation | range | strengths | weaknesses | where it is used |
# |---|---|---|---|---|
# | sigmoid | $(0, 1)$ | reads as a probability | centred at 0.5; saturates (slope $\le 1/4$, near 0 for $\lvert z\rvert > 5$) | the output of a binary classifier |
# | tanh | $(-1, 1)$ | zero-centred | saturates | hidden layers of small networks, recurrent networks |
# | ReLU | $[0, \infty)$ | cheap; slope 1 for $z > 0$, never saturates there | zero (and slope zero) for $z < 0$: units can die | the default for hidden layers |
# | leaky ReLU | $(-\infty, \infty)$ | like ReLU, and negative inputs keep a small slope | one more hyperparameter $\alpha$ | a drop-in replacement for ReLU |
#
# **Check your understanding.** Which of these activations has outputs centred on 0 (symmetric
# about 0, half of them negative for symmetric inputs)? Answer with one letter: `"a"` sigmoid,
# `"b"` tanh, `"c"` ReLU.

# %% solution id=q_zero_centred
# Set q_zero_centred to your answer, a string: "a", "b" or "c".
### BEGIN SOLUTION
q_zero_centred = "b"
### END SOLUTION

# %% tests id=test_q_zero_centred points=1

# %% [markdown]
# ## 3. One neuron draws a line
#
# Take a sigmoid neuron and read its output as "the probability that $x$ belongs to class 1". It
# says *class 1* when $a > 0.5$, that is when $z > 0$, so the two classes are separated by the
# set of points where
#
# $$w^\top x + b = 0 .$$
#
# With two inputs this is the line $w_1 x_1 + w_2 x_2 + b = 0$; with three, a plane; with $n_x$, a
# **hyperplane**: a flat surface of dimension $n_x - 1$. Its geometry is worth knowing by heart:
#
# - $w$ is **perpendicular** to the boundary and points towards the side the neuron calls class 1;
# - the bias **shifts** the boundary without turning it: its distance from the origin is
#   $|b| / \lVert w \rVert$;
# - the length $\lVert w \rVert$ sets **how sharp** the decision is: multiplying $w$ and $b$ by 5
#   leaves the line where it is but makes $a$ go from 0 to 1 five times faster across it.
#
# So a single neuron can only ever separate two classes with a straight cut. Keep that in mind: it
# is the whole reason for hidden layers.
#
# ### Vectorising over examples
#
# A data set of $m$ examples is stored as a matrix $X$ of shape $(n_x, m)$, **one column per
# example**. Applying the neuron to every column is one matrix product:
#
# $$A = \sigma(w^\top X + b), \qquad (1, n_x) \times (n_x, m) \to (1, m),$$
#
# where the number $b$ is added to every entry (NumPy *broadcasts* it). Entry $i$ of $A$ is the neuron's
# output on example $i$.

# %% solution id=neuron_forward
def neuron_forward(w, b, X):
    """One sigmoid neuron applied to every example: A = sigmoid(w^T X + b).

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        The weights, a column.
    b : float
        The bias.
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.

    Returns
    -------
    A : ndarray of shape (1, m)
        The neuron's output on each example.

    Hint: one matrix product of the transposed weights with X gives every z at once; add the bias
    and apply your sigmoid.
    """
    ### BEGIN SOLUTION
    Z = np.dot(w.T, X) + b
    return sigmoid(Z)
    ### END SOLUTION


# %% tests id=test_neuron_forward points=2

# %% [markdown]
# Now watch it split two classes. The cell below makes two clouds of points, picks $w$ and $b$ by
# hand, and colours the plane by your neuron's output $a$. The dashed line is the boundary $a = 0.5$,
# the arrow is $w$. On the right, the same line with $w$ and $b$ five times larger: the same
# boundary, a sharper transition. The hand-picked line is not a good one: change `w_hand` (to turn
# the line) and `b_hand` (to move it) until almost every point is on its own side. Can you reach
# 99%?

# %%
X_blobs, Y_blobs = make_blobs(m=200, seed=1)
w_hand = np.array([[1.0], [0.2]])
b_hand = -0.8

A_hand = neuron_forward(w_hand, b_hand, X_blobs)
accuracy = np.mean((A_hand > 0.5) == (Y_blobs == 1))
print(f"X has shape {X_blobs.shape}, Y has shape {Y_blobs.shape}, A has shape {A_hand.shape}")
print(f"accuracy of the hand-picked neuron: {accuracy:.1%}")

lo, hi = X_blobs.min(axis=1) - 0.8, X_blobs.max(axis=1) + 0.8
g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], 250), np.linspace(lo[1], hi[1], 250))
grid = np.vstack([g1.ravel(), g2.ravel()])          # (2, 250*250): one column per grid point
fig, axes = plt.subplots(1, 2, figsize=(13, 5.2))
for ax, scale in zip(axes, (1, 5)):
    a_grid = neuron_forward(scale * w_hand, scale * b_hand, grid).reshape(g1.shape)
    cs = ax.contourf(g1, g2, a_grid, levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.45)
    ax.contour(g1, g2, a_grid, levels=[0.5], colors="k", linewidths=2, linestyles="--")
    for label, marker, colour in ((0, "o", "tab:red"), (1, "s", "tab:blue")):   # the course's colours
        pts = X_blobs[:, Y_blobs[0] == label]
        ax.scatter(pts[0], pts[1], marker=marker, s=24, c=colour, edgecolors="k", linewidths=0.6,
                   label=f"class {label}")
    centre = -b_hand * w_hand[:, 0] / np.sum(w_hand ** 2)   # the point of the line nearest the origin
    ax.annotate("", xy=centre + w_hand[:, 0], xytext=centre,
                arrowprops=dict(arrowstyle="->", lw=2.5, color="k"))
    ax.text(*(centre + 1.1 * w_hand[:, 0]), "w", fontsize=14, fontweight="bold")
    ax.set_title(r"$a = \sigma(w^\top x + b)$" if scale == 1 else rf"$a = \sigma({scale}\,w^\top x + {scale}\,b)$",
                 fontsize=13)
    ax.set_xlabel("$x_1$", fontsize=12)
    ax.set_ylabel("$x_2$", fontsize=12)
    ax.set_aspect("equal")
    ax.legend(loc="lower right", fontsize=10)
fig.colorbar(cs, ax=axes, label="neuron output a", shrink=0.85)
plt.show()

# %% [markdown]
# ## 4. Many neurons: a layer, and the cost of a loop
#
# ### A loop against a matrix product
#
# You could also apply the neuron to one column at a time in a Python loop. The result is the same;
# the time is not. NumPy's matrix product runs compiled, cache-friendly code over the whole array,
# while the loop pays Python's overhead once per example:

# %%
rng = np.random.default_rng(0)
n_x, m = 20, 20_000
X_big = rng.normal(size=(n_x, m))
w_big = rng.normal(size=(n_x, 1))

start = time.perf_counter()
A_loop = np.zeros((1, m))
for i in range(m):
    z_i = 0.0
    for j in range(n_x):
        z_i += w_big[j, 0] * X_big[j, i]
    A_loop[0, i] = 1 / (1 + np.exp(-(z_i + 0.5)))
t_loop = time.perf_counter() - start

start = time.perf_counter()
A_vec = neuron_forward(w_big, 0.5, X_big)
t_vec = time.perf_counter() - start

print(f"loop:       {t_loop * 1000:8.1f} ms")
print(f"vectorised: {t_vec * 1000:8.1f} ms   ({t_loop / t_vec:,.0f} times faster)")
print("same result:", np.allclose(A_loop, A_vec))

# %% [markdown]
# The gap grows with the data: training a network means doing this thousands of times, so every
# function in this course works on all $m$ examples at once.
#
# ### Vectorising over neurons
#
# A **layer** is $n^{[l]}$ neurons that all read the same inputs. Write the weights of neuron $j$ as the
# *row* $j$ of a matrix $W$ and its bias as entry $j$ of a column $b$:
#
# $$W = \begin{pmatrix} \text{---}\; w_1^\top \;\text{---} \\ \vdots \\ \text{---}\; w_{n^{[l]}}^\top \;\text{---} \end{pmatrix}
# \in \mathbb{R}^{n_l \times n_{l-1}}, \qquad
# b = \begin{pmatrix} b_1 \\ \vdots \\ b_{n_l} \end{pmatrix} \in \mathbb{R}^{n_l \times 1} .$$
#
# Then the whole layer, on all examples, is
#
# $$Z = W A_{\text{prev}} + b, \qquad A = g(Z), \qquad
# (n_l, n_{l-1}) \times (n_{l-1}, m) \to (n_l, m),$$
#
# where $A_{\text{prev}}$ is the previous layer's output ($X$ itself for the first layer). Row $j$ of
# $Z$ holds neuron $j$'s $z$ for every example, column $i$ holds every neuron's $z$ for example $i$.
# The bias $b$ has shape $(n^{[l]}, 1)$ and is added to each of the $m$ columns: NumPy broadcasting
# stretches a dimension of size 1 to match.

# %% solution id=layer_forward
def layer_forward(W, b, A_prev, activation="sigmoid"):
    """A layer of neurons applied to every example: A = g(W A_prev + b).

    Parameters
    ----------
    W : ndarray of shape (n_l, n_prev)
        The weights, one row per neuron of the layer.
    b : ndarray of shape (n_l, 1)
        The biases, a column (added to every column of W A_prev).
    A_prev : ndarray of shape (n_prev, m)
        The previous layer's outputs (X for the first layer), one column per example.
    activation : str, default "sigmoid"
        The activation g: "sigmoid", "tanh", "relu" or "leaky_relu" (with its default alpha).

    Returns
    -------
    A : ndarray of shape (n_l, m)

    Hint: one matrix product and one addition give Z for the whole layer; then apply the
    activation function you wrote above whose name is `activation`.
    """
    ### BEGIN SOLUTION
    Z = np.dot(W, A_prev) + b
    activations = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "leaky_relu": leaky_relu}
    if activation not in activations:
        raise ValueError(f"unknown activation {activation!r}")
    return activations[activation](Z)
    ### END SOLUTION


# %% tests id=test_layer_forward points=2

# %% [markdown]
# A layer really is its neurons side by side: row $j$ of the layer's output is what `neuron_forward`
# gives for the weights in row $j$ of $W$ (as a column) and the bias $b_j$.

# %%
rng = np.random.default_rng(1)
W_demo, b_demo, X_demo = rng.normal(size=(4, 3)), rng.normal(size=(4, 1)), rng.normal(size=(3, 6))
A_layer = layer_forward(W_demo, b_demo, X_demo)
A_rows = np.vstack([neuron_forward(W_demo[j:j + 1].T, b_demo[j, 0], X_demo) for j in range(4)])
print("layer output shape:", A_layer.shape)
print("row j of the layer == neuron j on its own:", np.allclose(A_layer, A_rows))

# %% [markdown]
# ## 5. Layers, shapes, and why depth matters
#
# A network is layers in a chain, each reading the previous one's output:
#
# - the **input layer** is the data itself, $A^{[0]} = X$ (it computes nothing, so it is not counted);
# - **hidden layers** $l = 1, \dots, L-1$ compute $A^{[l]} = g^{[l]}(W^{[l]} A^{[l-1]} + b^{[l]})$; their
#   values are never given in the data, hence the name;
# - the **output layer** $L$ gives the prediction, $\hat{Y} = A^{[L]}$ (one sigmoid unit for a yes/no
#   question).
#
# Superscripts in square brackets count layers: $W^{[1]}$ is the first layer's weight matrix, in the
# code `W1`. The shapes follow from the layer rule above: with $n^{[l]}$ units in layer $l$,
#
# $$W^{[l]} : (n^{[l]},\ n^{[l-1]}), \qquad b^{[l]} : (n^{[l]},\ 1), \qquad Z^{[l]}, A^{[l]} : (n^{[l]},\ m).$$
#
# Here is a network with 3 inputs, one hidden layer of 4 units and 1 output unit: a "two-layer"
# network, since the input layer does not count.

# %%
sizes = [3, 4, 1]
fig, ax = plt.subplots(figsize=(7.5, 4.2))
pos = {}
for l, n in enumerate(sizes):
    for j in range(n):
        pos[l, j] = (l * 3.0, (n - 1) / 2 - j)
for l in range(1, len(sizes)):
    for j in range(sizes[l]):
        for k in range(sizes[l - 1]):
            ax.plot(*zip(pos[l - 1, k], pos[l, j]), color="0.6", lw=1, zorder=1)
colours = ["#9ecae1", "#fdae6b", "#a1d99b"]
for (l, j), (px, py) in pos.items():
    ax.add_patch(plt.Circle((px, py), 0.32, facecolor=colours[l], edgecolor="k", zorder=2))
    label = f"$x_{j + 1}$" if l == 0 else (f"$a^{{[{l}]}}_{j + 1}$" if l < 2 else "$\\hat{y}$")
    ax.text(px, py, label, ha="center", va="center", fontsize=11, zorder=3)
for l, title in enumerate(["input layer\n$n_0 = 3$", "hidden layer\n$n_1 = 4$", "output layer\n$n_2 = 1$"]):
    ax.text(l * 3.0, 2.35, title, ha="center", fontsize=11)
ax.text(1.5, -2.35, "$W^{[1]}, b^{[1]}$", ha="center", fontsize=12)
ax.text(4.5, -2.35, "$W^{[2]}, b^{[2]}$", ha="center", fontsize=12)
ax.set_xlim(-0.8, 6.8)
ax.set_ylim(-2.7, 2.9)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("A two-layer network: 3 inputs, 4 hidden units, 1 output", fontsize=12)
plt.show()

# %% [markdown]
# **Check your understanding.** What is the shape of $W^{[1]}$ in this network? Answer with a tuple
# such as `(2, 5)`. Then check your answer by building the network with your `layer_forward` in the
# cell after the test.

# %% solution id=q_w1_shape
# Set q_w1_shape to your answer, a tuple of two integers.
### BEGIN SOLUTION
q_w1_shape = (4, 3)
### END SOLUTION

# %% tests id=test_q_w1_shape points=1

# %%
rng = np.random.default_rng(2)
m = 5
X_small = rng.normal(size=(3, m))
W1, b1 = rng.normal(size=(4, 3)), np.zeros((4, 1))
W2, b2 = rng.normal(size=(1, 4)), np.zeros((1, 1))
A1 = layer_forward(W1, b1, X_small, activation="tanh")
A2 = layer_forward(W2, b2, A1, activation="sigmoid")
for name, arr in [("X", X_small), ("W1", W1), ("b1", b1), ("A1", A1), ("W2", W2), ("b2", b2), ("A2", A2)]:
    print(f"{name:>2}: {str(arr.shape):8}")
print("predictions:", np.round(A2, 3))

# %% [markdown]
# ### Why depth adds more than width
#
# Adding units to a layer (width) and adding layers (depth) both add parameters, but not the same
# power. A simple count shows it. Give a network one input $x$ and ReLU hidden units. Each ReLU unit
# $\max(0, wx + b)$ is a bent line with one kink, so **one** hidden layer of $n$ units, summed,
# gives a piecewise-linear function of $x$ with at most $n + 1$ straight pieces.
#
# Now stack layers instead. Two ReLU units can make a "tent" on $[0, 1]$:
# $t(x) = 2\,\mathrm{relu}(x) - 4\,\mathrm{relu}(x - \tfrac12)$ rises from 0 to 1 and falls back to 0.
# Feeding the tent into another tent, $t(t(x))$, folds the interval twice: 4 pieces. Each further
# layer of just **two** units doubles the count, so $k$ layers ($2k$ units) make $2^k$ pieces. A
# single hidden layer would need about $2^k$ units for the same function. Depth lets a network
# reuse what earlier layers computed; width can only add pieces one at a time. The cell below
# builds the stack with your `layer_forward` and counts the pieces.

# %%
x_line = np.linspace(0, 1, 4097).reshape(1, -1)           # 4097 examples of one feature: (1, m)
W_first, W_next = np.array([[1.0], [1.0]]), np.array([[2.0, -4.0], [2.0, -4.0]])
b_tent = np.array([[0.0], [-0.5]])
w_out = np.array([[2.0, -4.0]])


def count_pieces(y):
    slopes = np.round(np.diff(y.ravel()) / np.diff(x_line.ravel()), 6)
    return 1 + int(np.sum(slopes[1:] != slopes[:-1]))


fig, axes = plt.subplots(1, 4, figsize=(16, 3.4), sharey=True)
H = layer_forward(W_first, b_tent, x_line, activation="relu")    # layer 1: 2 units
for k, ax in enumerate(axes, start=1):
    y = w_out @ H                                                  # a linear read-out of the last layer
    ax.plot(x_line.ravel(), y.ravel(), lw=2)
    ax.set_title(f"{k} layer{'s' if k > 1 else ''} ({2 * k} ReLUs): {count_pieces(y)} pieces", fontsize=12)
    ax.set_xlabel("x", fontsize=11)
    ax.grid(alpha=0.3)
    H = layer_forward(W_next, b_tent, H, activation="relu")        # one more layer of 2 units
axes[0].set_ylabel("network output", fontsize=11)
fig.suptitle("Stacking layers of 2 ReLUs doubles the linear pieces; one layer of n ReLUs gives at most n + 1",
             fontsize=13)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 6. Why the activation must be non-linear
#
# Suppose we dropped the activations, $g(z) = z$. A two-layer network would compute
#
# $$W^{[2]}\big(W^{[1]} x + b^{[1]}\big) + b^{[2]} = \underbrace{W^{[2]} W^{[1]}}_{W'}\, x + \underbrace{W^{[2]} b^{[1]} + b^{[2]}}_{b'} ,$$
#
# which is a **single** linear layer with weights $W'$ and bias $b'$. The same argument repeats
# layer after layer: a stack of any number of linear layers is one linear layer, and all the extra
# parameters buy nothing. It is the non-linear activation between the layers that lets a network
# bend its decision boundary. Here is the collapse, numerically:

# %%
rng = np.random.default_rng(3)
X_lin = rng.normal(size=(3, 8))
Ws = [rng.normal(size=(5, 3)), rng.normal(size=(4, 5)), rng.normal(size=(2, 4))]
bs = [rng.normal(size=(5, 1)), rng.normal(size=(4, 1)), rng.normal(size=(2, 1))]

A = X_lin
for W_l, b_l in zip(Ws, bs):
    A = W_l @ A + b_l                      # three linear layers, no activation

W_one = Ws[2] @ Ws[1] @ Ws[0]              # the single equivalent layer
b_one = Ws[2] @ (Ws[1] @ bs[0] + bs[1]) + bs[2]
print("three linear layers == one linear layer:", np.allclose(A, W_one @ X_lin + b_one))



def tanh_network(X):
    """The same three layers, with tanh after each."""
    A = X
    for W_l, b_l in zip(Ws, bs):
        A = layer_forward(W_l, b_l, A, activation="tanh")
    return A


# Any linear (affine) map f has f(2x) - f(0) = 2 (f(x) - f(0)); test that on the tanh network.
zero = np.zeros((3, 1))
print("with tanh between the layers, still linear?",
      np.allclose(tanh_network(2 * X_lin) - tanh_network(zero), 2 * (tanh_network(X_lin) - tanh_network(zero))))

# %% [markdown]
# **Check your understanding.** A network has 5 layers, all with the identity activation
# $g(z) = z$. As how many linear layers could it be written, at the fewest? Answer with a number.

# %% solution id=q_linear_layers
# Set q_linear_layers to your answer, a number.
### BEGIN SOLUTION
q_linear_layers = 1
### END SOLUTION

# %% tests id=test_q_linear_layers points=1

# %% [markdown]
# ## Summary
#
# - A neuron computes $z = w^\top x + b$ (the weighted evidence) and $a = g(z)$ (the decision). Its
#   parameters are $w$, of shape $(n_x, 1)$, and the number $b$.
# - Sigmoid squashes to $(0, 1)$ and reads as a probability, but is centred at 0.5 and saturates;
#   tanh is zero-centred and saturates too; ReLU is the default for hidden layers, cheap and
#   non-saturating for $z > 0$ but zero for $z < 0$; leaky ReLU keeps a small slope there.
# - A single sigmoid neuron splits its inputs with the hyperplane $w^\top x + b = 0$: $w$ is
#   perpendicular to it, $b$ shifts it, $\lVert w \rVert$ sets how sharp the transition is.
# - With one column per example, a neuron on all $m$ examples is $\sigma(w^\top X + b)$, of shape
#   $(1, m)$; a layer is $g(W A_{\text{prev}} + b)$, of shape $(n^{[l]}, m)$, with $W$ of shape
#   $(n^{[l]}, n^{[l-1]})$ and $b$ of shape $(n^{[l]}, 1)$ broadcast over the columns. Vectorised code is
#   orders of magnitude faster than a loop.
# - Depth composes: $k$ layers of 2 ReLUs make $2^k$ linear pieces where one layer of $n$ makes at
#   most $n + 1$. Without a non-linear activation, any stack of layers is one linear layer.
#
# ## Next
#
# A neuron with the right $w$ and $b$ separates two classes; so far you chose them by hand. In
# **02 · Logistic regression** the neuron learns them: you will measure how wrong it is with the
# cross-entropy cost, derive its gradient, and train it by gradient descent.
