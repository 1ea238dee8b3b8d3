# %% [markdown]
# # 04 · A two-layer network and backpropagation
#
# *About 90 minutes.*
#
# A single neuron draws a straight line through the data (notebook 02). One hidden layer between
# the input and the output changes everything: the network can then bend its decision boundary
# around any shape, given enough hidden units. In this notebook you build such a network from
# scratch (a hidden layer of tanh units and a sigmoid output), derive its gradients with the chain
# rule, train it on data that logistic regression cannot separate, and check your gradients
# numerically.
#
# **What you will learn**
#
# - how a two-layer network is drawn, and the shape of every symbol ($W^{[1]}$, $b^{[1]}$, $Z$, $A$, ...);
# - the forward pass, vectorised over $m$ examples;
# - why the weights must start random (and what happens if they all start equal);
# - the backward pass (backpropagation) derived line by line, with a shape check at every line;
# - the training loop, and the decision boundary your network learns on the "flower" data set;
# - how the size of the hidden layer and the learning rate change what is learned;
# - gradient checking: how to know that your backward pass is right, and what its number means.
#
# The setup cell gives you `sigmoid` and `tanh` (the activations of notebook 01), the flower data
# set, functions that draw a data set and a decision boundary, and logistic regression ready-made (notebook 02).
# Write each function's body in place of `raise NotImplementedError()`, then run its test cell.

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.activations import sigmoid, tanh
from nnkit.datasets import make_flower
from nnkit.plots import plot_dataset, plot_decision_boundary
from nnkit import logistic

from grader.check import Checker
check = Checker("04_two_layer_backprop")

# %% [markdown]
# ## 1. Data that a straight line cannot separate
#
# The "flower" has 400 points in the plane, in two classes (red 0, blue 1), arranged as four
# petals: each class owns two opposite petals. As always, the examples are the columns: $X$ has
# shape $(2, 400)$ and $Y$ shape $(1, 400)$.

# %%
X, Y = make_flower(m=400, seed=1)
print("X:", X.shape, "  Y:", Y.shape, "  examples of class 1:", int(Y.sum()))

fig, ax = plt.subplots(figsize=(6, 5.5))
plot_dataset(X, Y, ax=ax, title="The flower data set")
plt.show()

# %% [markdown]
# Logistic regression, the one-neuron network of notebook 02, can only draw a straight line
# $w^\top x + b = 0$ through this plane. Here it is, trained ready-made:

# %%
w_lr, b_lr = logistic.initialize_with_zeros(2)
params_lr, _, _ = logistic.optimize(w_lr, b_lr, X, Y, num_iterations=1000, learning_rate=0.5)
acc_lr = np.mean(logistic.predict(params_lr["w"], params_lr["b"], X) == Y)
print(f"logistic regression: {100 * acc_lr:.1f} % of the training examples right")

def logistic_proba(Xg):
    """P(y = 1 | x) of the trained logistic regression, for points of shape (2, k)."""
    return sigmoid(params_lr["w"].T @ Xg + params_lr["b"])


fig, ax = plt.subplots(figsize=(7, 5.5))
plot_decision_boundary(logistic_proba, X, Y, ax=ax, title=f"Logistic regression: {100 * acc_lr:.0f} % right")
plt.show()

# %% [markdown]
# About as good as a coin. To do better, the network needs a hidden layer.
#
# ## 2. The network and the shape of everything
#
# Our network has an input layer (the $n_x = 2$ features, not counted as a layer), one **hidden
# layer** of $n_h$ tanh units, and an **output layer** of $n_y = 1$ sigmoid unit. It is a
# "two-layer" network: two layers have weights.

# %%
def draw_network(ax, n_x=2, n_h=4):
    """Circles for the units of a n_x - n_h - 1 network, a line for every weight."""
    layers = [(0.0, [f"$x_{i + 1}$" for i in range(n_x)], "#e8f0fe"),
              (3.0, [f"$a^{{[1]}}_{i + 1}$" for i in range(n_h)], "#fdebd0"),
              (6.0, ["$a^{[2]}$"], "#d5f5e3")]
    coords = []
    for x, labels, colour in layers:
        n = len(labels)
        ys = np.linspace((n - 1) / 2, -(n - 1) / 2, n) * 1.1       # unit 1 at the top
        coords.append([(x, y) for y in ys])
        for y, label in zip(ys, labels):
            ax.add_patch(plt.Circle((x, y), 0.3, fc=colour, ec="0.3", lw=1.3, zorder=3))
            ax.text(x, y, label, ha="center", va="center", fontsize=12, zorder=4)
    for left, right in zip(coords[:-1], coords[1:]):
        for (x0, y0) in left:
            for (x1, y1) in right:
                ax.plot([x0 + 0.3, x1 - 0.3], [y0, y1], color="0.55", lw=1.0, zorder=1)
    ax.text(0.0, -2.75, f"input x\n$n_x = {n_x}$", ha="center", va="top", fontsize=12)
    ax.text(3.0, -2.75, f"hidden layer: tanh\n$n_h = {n_h}$", ha="center", va="top", fontsize=12)
    ax.text(6.0, -2.75, "output: sigmoid\n$n_y = 1$, $\\hat y = a^{[2]}$", ha="center", va="top", fontsize=12)
    ax.text(1.5, 2.45, f"$W^{{[1]}}$: ({n_h}, {n_x})\n$b^{{[1]}}$: ({n_h}, 1)", ha="center", fontsize=12,
            color="tab:blue")
    ax.text(4.5, 2.45, f"$W^{{[2]}}$: (1, {n_h})\n$b^{{[2]}}$: (1, 1)", ha="center", fontsize=12, color="tab:blue")
    ax.set_xlim(-0.9, 6.9)
    ax.set_ylim(-3.9, 3.3)
    ax.set_aspect("equal")
    ax.axis("off")


fig, ax = plt.subplots(figsize=(9, 6.5))
draw_network(ax)
ax.set_title("A 2-4-1 network: every line is one weight", fontsize=13)
plt.show()

# %% [markdown]
# For one example $x$ (a column of shape $(n_x, 1)$), the network computes
#
# $$z^{[1]} = W^{[1]} x + b^{[1]}, \quad a^{[1]} = \tanh\big(z^{[1]}\big), \qquad
# z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}, \quad \hat y = a^{[2]} = \sigma\big(z^{[2]}\big).$$
#
# Row $j$ of $W^{[1]}$ holds the weights of hidden unit $j$, one per input; so $W^{[1]}$ has one
# row per unit of its layer and one column per unit of the layer before. For all $m$ examples at
# once, stack them as columns and every $z$ and $a$ becomes a matrix with one column per example:
#
# | symbol | shape | with $n_x = 2$, $n_h = 4$, $m = 400$ |
# |---|---|---|
# | $X = A^{[0]}$ | $(n_x, m)$ | (2, 400) |
# | $W^{[1]}$ | $(n_h, n_x)$ | (4, 2) |
# | $b^{[1]}$ | $(n_h, 1)$ | (4, 1) |
# | $Z^{[1]}, A^{[1]}$ | $(n_h, m)$ | (4, 400) |
# | $W^{[2]}$ | $(n_y, n_h)$ | (1, 4) |
# | $b^{[2]}$ | $(n_y, 1)$ | (1, 1) |
# | $Z^{[2]}, A^{[2]}$ | $(n_y, m)$ | (1, 400) |
# | $Y$ | $(n_y, m)$ | (1, 400) |
#
# The bias $b^{[1]}$ is a column: NumPy **broadcasts** it across the $m$ columns of $W^{[1]} X$,
# adding the same bias to every example. The first function just reads the sizes.

# %% solution id=layer_sizes
def layer_sizes(X, Y, n_h):
    """The sizes of the input, hidden and output layers.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.
    Y : ndarray of shape (n_y, m)
        The labels (n_y = 1 here).
    n_h : int
        The number of hidden units wanted.

    Returns
    -------
    sizes : tuple of 3 ints
        (n_x, n_h, n_y).

    Hint: n_x and n_y are the number of rows of X and of Y; n_h is given.
    """
    ### BEGIN SOLUTION
    n_x = X.shape[0]
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)
    ### END SOLUTION


# %% tests id=test_layer_sizes points=1

# %% [markdown]
# ## 3. Initialisation: why the weights must start random
#
# Logistic regression could start from zeros. A network with a hidden layer cannot. Suppose every
# hidden unit starts with the same weights (zeros, or any one value). Then every hidden unit
# computes the same $a^{[1]}_j$ on every example; the output weights they feed are equal too, so
# backpropagation gives every hidden unit the same gradient, and after the update they are still
# equal. By induction they stay identical forever: $n_h$ hidden units that behave as one. (With
# all-zero weights it is even worse: $\tanh(0) = 0$, so the hidden layer outputs zeros and $W^{[2]}$
# gets no gradient at all.) This is the **symmetry** problem; section 7 shows it happening.
#
# Random weights **break the symmetry**: each unit starts different and so learns something
# different. We draw them from a normal distribution and multiply by $0.01$: small weights keep
# $z$ near 0, where tanh and the sigmoid are steep and learning is fast (notebook 03: large $z$
# saturates them). The biases can start at zero, since the weights already differ.
#
# Draw the random numbers from a generator made from the seed, `rng = np.random.default_rng(seed)`
# (never from the global `np.random`), so that the same seed always gives the same network.

# %% solution id=initialize_parameters
def initialize_parameters(n_x, n_h, n_y, seed):
    """Small random weights and zero biases for the two-layer network.

    Parameters
    ----------
    n_x : int
        The size of the input layer.
    n_h : int
        The size of the hidden layer.
    n_y : int
        The size of the output layer.
    seed : int
        The seed of the random generator: the same seed gives the same parameters.

    Returns
    -------
    parameters : dict
        {"W1": ndarray of shape (n_h, n_x), "b1": ndarray of shape (n_h, 1),
         "W2": ndarray of shape (n_y, n_h), "b2": ndarray of shape (n_y, 1)}:
        the weights standard normal draws times 0.01, the biases zeros.

    Hint: make one generator from the seed and draw both weight matrices from it (its
    standard_normal method takes a shape); the biases are arrays of zeros.
    """
    ### BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    ### END SOLUTION


# %% tests id=test_initialize_parameters points=2

# %% [markdown]
# ## 4. The forward pass
#
# Vectorised over the $m$ examples:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]} \qquad (n_h, n_x)(n_x, m) + (n_h, 1) \to (n_h, m)$$
# $$A^{[1]} = \tanh\big(Z^{[1]}\big) \qquad (n_h, m)$$
# $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]} \qquad (1, n_h)(n_h, m) + (1, 1) \to (1, m)$$
# $$A^{[2]} = \sigma\big(Z^{[2]}\big) \qquad (1, m)$$
#
# The forward pass also returns a **cache** of the intermediate values: the backward pass needs
# them, and keeping them saves computing them twice.

# %% solution id=forward_propagation
def forward_propagation(X, parameters):
    """The forward pass of the two-layer network: tanh hidden layer, sigmoid output.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.
    parameters : dict
        {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.

    Returns
    -------
    A2 : ndarray of shape (n_y, m)
        The output probabilities.
    cache : dict
        {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}.

    Hint: the four lines of the formulas above, with the matrix product (np.dot or @) and the
    given tanh and sigmoid; then put the four arrays in the cache.
    """
    ### BEGIN SOLUTION
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
    ### END SOLUTION


# %% tests id=test_forward_propagation points=2

# %% [markdown]
# The cost is the cross-entropy of notebook 02, the mean loss over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \log a^{[2](i)} + \big(1 - y^{(i)}\big) \log\big(1 - a^{[2](i)}\big) \Big).$$

# %% solution id=compute_cost
def compute_cost(A2, Y):
    """The cross-entropy cost of the network's outputs.

    Parameters
    ----------
    A2 : ndarray of shape (1, m)
        The output probabilities (exactly 0 or 1 may occur).
    Y : ndarray of shape (1, m)
        The labels, 0 or 1.

    Returns
    -------
    cost : float
        J, a single number, finite even where A2 is exactly 0 or 1.

    Hint: as in notebook 02: clip A2 into [eps, 1 - eps] with a tiny eps, then the mean of the
    loss over the examples. Return a plain number (float(...)), not an array.
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-15, 1 - 1e-15)
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)
    ### END SOLUTION


# %% tests id=test_compute_cost points=1

# %% [markdown]
# ## 5. The backward pass, derived
#
# Backpropagation applies the chain rule from the cost back to every parameter, one layer at a
# time, reusing what the layer above computed. The $d$ symbols are not all derivatives of the same
# thing, so here is exactly what each one is:
#
# - $dW^{[l]} = \partial J / \partial W^{[l]}$ and $db^{[l]} = \partial J / \partial b^{[l]}$: derivatives of
#   the **cost** $J$, the mean over the $m$ examples; they carry the $\frac1m$;
# - $dZ^{[l]}$ and $dA^{[l]}$: column $i$ is the derivative of **example $i$'s loss**
#   $\mathcal{L}^{(i)}$ with respect to $z^{[l](i)}$ or $a^{[l](i)}$ (so $dZ^{[2]} = A^{[2]} - Y$ has no
#   $\frac1m$). Since $J = \frac1m\sum_i \mathcal{L}^{(i)}$, $\partial J / \partial Z^{[l]}$ would be
#   $\frac1m dZ^{[l]}$: the $\frac1m$ is applied once, when $dW$ and $db$ are formed.
#
# Every $dX$ has the shape of $X$, which is the check to make at every line.
#
# **Output layer.** For one example, notebook 02 showed that the cross-entropy of a sigmoid output
# has the simple derivative $\partial L / \partial z^{[2]} = a^{[2]} - y$. For all examples at once:
#
# $$dZ^{[2]} = A^{[2]} - Y \qquad (1, m)$$
#
# $z^{[2]} = W^{[2]} a^{[1]} + b^{[2]}$, so $\partial z^{[2]} / \partial W^{[2]}_{1j} = a^{[1]}_j$, and the
# cost is the mean of the losses, hence the $\frac1m$ and the sum over examples, which a matrix
# product does for us:
#
# $$dW^{[2]} = \frac{1}{m}\, dZ^{[2]} A^{[1]\top} \qquad (1, m)(m, n_h) \to (1, n_h) \;\checkmark$$
# $$db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)} \qquad (1, 1) \;\checkmark$$
#
# **Into the hidden layer.** Each hidden activation $a^{[1]}_j$ affects the cost through $z^{[2]}$
# with weight $W^{[2]}_{1j}$, so $dA^{[1]} = W^{[2]\top} dZ^{[2]}$, of shape $(n_h, 1)(1, m) \to (n_h,
# m)$. Then through the tanh, whose derivative you wrote in notebook 03, $\tanh'(z) = 1 - a^2$:
#
# $$dZ^{[1]} = W^{[2]\top} dZ^{[2]} \;*\; \big(1 - A^{[1]2}\big) \qquad (n_h, m) * (n_h, m) \to (n_h, m) \;\checkmark$$
#
# Here $*$ is the **elementwise** product (each unit, on each example, has its own $g'(z)$), and
# $A^{[1]2}$ means every entry squared. It is computed from $A^{[1]}$, from the cache, not from
# $Z^{[1]}$. **First layer.** Exactly as for the output layer, with $X$ in the role of $A^{[1]}$:
#
# $$dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^\top \qquad (n_h, m)(m, n_x) \to (n_h, n_x) \;\checkmark$$
# $$db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)} \qquad (n_h, 1) \;\checkmark$$
#
# **Why `keepdims=True`.** $db^{[1]}$ sums $dZ^{[1]}$ over the examples, the columns: `np.sum(dZ1,
# axis=1)`. Without more, NumPy drops the summed axis and returns shape $(n_h,)$, a 1-D array, not
# the $(n_h, 1)$ column that $b^{[1]}$ is. Used in the update $b^{[1]} - \alpha\, db^{[1]}$, a $(n_h,
# 1)$ minus an $(n_h,)$ broadcasts to an $(n_h, n_h)$ matrix, silently. `np.sum(dZ1, axis=1,
# keepdims=True)` keeps the axis, with length 1, and returns the column.

# %%
dZ_demo = np.arange(12.0).reshape(4, 3)           # 4 units, 3 examples
b_demo = np.zeros((4, 1))
print("np.sum(dZ, axis=1).shape                =", np.sum(dZ_demo, axis=1).shape)
print("np.sum(dZ, axis=1, keepdims=True).shape =", np.sum(dZ_demo, axis=1, keepdims=True).shape)
print("b - sum without keepdims has shape      ", (b_demo - np.sum(dZ_demo, axis=1)).shape, " (wrong!)")
print("b - sum with keepdims has shape         ", (b_demo - np.sum(dZ_demo, axis=1, keepdims=True)).shape)

# %% [markdown]
# ### Check your understanding
#
# With $n_x = 2$, $n_h = 4$ and $m = 400$, what is the shape of $dZ^{[1]}$? Answer with a tuple,
# e.g. `q_dz1_shape = (2, 4)`.

# %% solution id=q_dz1_shape
# Set q_dz1_shape to your answer, a tuple of two integers.
### BEGIN SOLUTION
q_dz1_shape = (4, 400)
### END SOLUTION

# %% tests id=test_q_dz1_shape points=1

# %% [markdown]
# Now write the six lines.

# %% solution id=backward_propagation
def backward_propagation(parameters, cache, X, Y):
    """The gradients of the cost with respect to every parameter (backpropagation).

    Parameters
    ----------
    parameters : dict
        {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.
    cache : dict
        {"Z1", "A1", "Z2", "A2"} from forward_propagation, each of shape (n_h, m) or (n_y, m).
    X : ndarray of shape (n_x, m)
        The inputs.
    Y : ndarray of shape (n_y, m)
        The labels.

    Returns
    -------
    grads : dict
        {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (n_y, n_h), "db2": (n_y, 1)}: each the
        shape of its parameter.

    Hint: the six formulas above, from the output back to the input. Take A1 and A2 from the
    cache; the tanh derivative is written with A1; the product that joins W2^T dZ2 to it is
    elementwise; every dW and db carries 1/m; every db keeps its column shape.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


# %% tests id=test_backward_propagation points=3

# %% [markdown]
# ## 6. Gradient descent and the training loop
#
# One step of gradient descent moves every parameter against its gradient, with the learning rate
# $\alpha$: $W^{[1]} \leftarrow W^{[1]} - \alpha\, dW^{[1]}$, and the same for $b^{[1]}$, $W^{[2]}$,
# $b^{[2]}$. Return a **new** dict of new arrays: `W = W - ...` makes a new array, while `W -= ...`
# would change the caller's array in place.

# %% solution id=update_parameters
def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent on every parameter.

    Parameters
    ----------
    parameters : dict
        {"W1", "b1", "W2", "b2"} (not modified).
    grads : dict
        {"dW1", "db1", "dW2", "db2"}, each the shape of its parameter.
    learning_rate : float
        The step size alpha.

    Returns
    -------
    parameters : dict
        A new dict {"W1", "b1", "W2", "b2"} with every parameter P replaced by
        P - learning_rate * dP.

    Hint: build a new dict; for each of the four keys, subtract the learning rate times the
    gradient stored under "d" + key.
    """
    ### BEGIN SOLUTION
    new = {}
    for key in ("W1", "b1", "W2", "b2"):
        new[key] = parameters[key] - learning_rate * grads["d" + key]
    return new
    ### END SOLUTION


# %% tests id=test_update_parameters points=1

# %% [markdown]
# The whole model puts the pieces together: the sizes, the initialisation, then `num_iterations`
# times forward pass, cost, backward pass, update.

# %% solution id=nn_model
def nn_model(X, Y, n_h, num_iterations, learning_rate, seed):
    """Train the two-layer network by gradient descent.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.
    Y : ndarray of shape (1, m)
        The labels, 0 or 1.
    n_h : int
        The number of hidden units.
    num_iterations : int
        The number of gradient-descent steps.
    learning_rate : float
        The step size alpha.
    seed : int
        The seed of the initialisation.

    Returns
    -------
    parameters : dict
        The trained {"W1", "b1", "W2", "b2"}.

    Hint: your layer_sizes and initialize_parameters, then a loop that calls your
    forward_propagation, compute_cost, backward_propagation and update_parameters. Keep what
    update_parameters returns: it does not change the parameters in place.
    """
    ### BEGIN SOLUTION
    n_x, n_h, n_y = layer_sizes(X, Y, n_h)
    parameters = initialize_parameters(n_x, n_h, n_y, seed)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters
    ### END SOLUTION


# %% tests id=test_nn_model points=2

# %% [markdown]
# To use the trained network, threshold its probability: predict 1 where $a^{[2]} > 0.5$, else 0.

# %% solution id=predict
def predict(parameters, X):
    """The labels the network predicts: 1.0 where A2 > 0.5, else 0.0.

    Parameters
    ----------
    parameters : dict
        {"W1", "b1", "W2", "b2"}.
    X : ndarray of shape (n_x, m)
        The inputs.

    Returns
    -------
    predictions : ndarray of shape (1, m)
        0.0 or 1.0 for every example.

    Hint: your forward_propagation gives A2; compare it with 0.5 and turn the booleans into floats.
    """
    ### BEGIN SOLUTION
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(float)
    ### END SOLUTION


# %% tests id=test_predict points=1

# %% [markdown]
# ## 7. Your network learns the flower
#
# Train a network with 4 hidden units for 3000 steps with $\alpha = 1.2$. The loop below is your
# `nn_model`, written out so that it can record the cost every 100 steps (a short run first checks
# that the two agree).

# %%
def train_recording(n_h, num_iterations, learning_rate, seed, every=100):
    """Your nn_model, written out to record the cost every `every` steps."""
    parameters = initialize_parameters(2, n_h, 1, seed)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % every == 0:
            costs.append(compute_cost(A2, Y))
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


short, _ = train_recording(4, 50, 1.2, seed=2)
print("the loop ends where nn_model does:",
      all(np.allclose(short[k], v) for k, v in nn_model(X, Y, 4, 50, 1.2, seed=2).items()))
parameters, costs = train_recording(4, 3000, 1.2, seed=2)
acc_nn = np.mean(predict(parameters, X) == Y)
print(f"two-layer network, 4 hidden units: {100 * acc_nn:.1f} % right   (logistic regression: {100 * acc_lr:.1f} %)")

fig, axes = plt.subplots(1, 3, figsize=(17, 5.2))
axes[0].plot(np.arange(len(costs)) * 100, costs, lw=2.2)
axes[0].set_xlabel("iteration", fontsize=12)
axes[0].set_ylabel("cost J", fontsize=12)
axes[0].set_title("The cost during training", fontsize=13)
axes[0].grid(alpha=0.3)
plot_decision_boundary(logistic_proba, X, Y, ax=axes[1], colorbar=False,
                       title=f"Logistic regression: {100 * acc_lr:.0f} % right")
plot_decision_boundary(lambda Xg: forward_propagation(Xg, parameters)[0], X, Y, ax=axes[2],
                       title=f"Your 2-4-1 network: {100 * acc_nn:.0f} % right")
fig.tight_layout()
plt.show()

# %% [markdown]
# Where logistic regression could only cut the plane in two, four tanh units combine four
# S-shaped "soft lines" into a boundary that follows the petals.
#
# **The symmetry, shown.** Now train the same network from a start where every weight is equal
# (0.5), instead of random: your functions, only the initialisation differs. Afterwards, print the
# rows of $W^{[1]}$, one per hidden unit.

# %%
equal_start = {"W1": np.full((4, 2), 0.5), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), 0.5), "b2": np.zeros((1, 1))}
params_eq = equal_start
for i in range(1000):
    A2, cache = forward_propagation(X, params_eq)
    params_eq = update_parameters(params_eq, backward_propagation(params_eq, cache, X, Y), 1.2)
print("W1 after 1000 steps from equal weights (one row per hidden unit):")
print(np.round(params_eq["W1"], 4))
print(f"accuracy: {100 * np.mean(predict(params_eq, X) == Y):.1f} %")

# %% [markdown]
# The four rows are still identical: the four units received the same gradient at every step and
# are still one unit copied four times, and the network is no better than a single hidden unit.
#
# ### Check your understanding
#
# After training from equal weights, how many *different* hidden units does the network really
# have? Answer with a number, e.g. `q_symmetric_units = 3`.

# %% solution id=q_symmetric_units
# Set q_symmetric_units to your answer, a number.
### BEGIN SOLUTION
q_symmetric_units = 1
### END SOLUTION

# %% tests id=test_q_symmetric_units points=1

# %% [markdown]
# ## 8. Experiments: the size of the hidden layer and the learning rate
#
# **Hidden units.** More hidden units can draw more complicated boundaries. The figure trains your
# `nn_model` with 1 to 50 hidden units (1000 steps each) and shows each boundary and its accuracy
# on the training set.

# %%
sizes = [1, 2, 3, 5, 20, 50]
fig, axes = plt.subplots(2, 3, figsize=(16, 10))
for ax, size in zip(axes.ravel(), sizes):
    p = nn_model(X, Y, size, num_iterations=1000, learning_rate=1.2, seed=2)
    acc = np.mean(predict(p, X) == Y)
    plot_decision_boundary(lambda Xg, p=p: forward_propagation(Xg, p)[0], X, Y, ax=ax, resolution=80,
                           colorbar=False, title=f"n_h = {size}: {100 * acc:.1f} % right")
fig.suptitle("Decision boundaries for hidden layers of 1 to 50 units", fontsize=15)
fig.tight_layout()
plt.show()

# %% [markdown]
# One unit gives a single (bent) cut, two units not much more. From 3 units on, the petals are
# found. Beyond that, more units change little here in 1000 steps; trained for longer, a large
# hidden layer starts to bend its boundary around single noisy points: it begins to **overfit**,
# learning the noise of this sample rather than the shape of the flower. Notebook 05 measures that
# on examples held out of training, and regularisation tames it. A good size is the smallest that
# does the job.
#
# **Learning rate.** The same 2-4-1 network trained with four learning rates (1000 steps each):

# %%
rates = [0.01, 0.1, 1.2, 30.0]
fig, ax = plt.subplots(figsize=(8.5, 4.8))
for lr in rates:
    _, curve = train_recording(4, 1000, lr, seed=2, every=1)
    too_large = lr > 5
    ax.plot(curve, lw=0.8 if too_large else 2.4, alpha=0.6 if too_large else 1.0, zorder=1 if too_large else 3,
            label=f"learning rate {lr}")
ax.set_ylim(0, 1.6)
ax.set_xlabel("iteration", fontsize=12)
ax.set_ylabel("cost J", fontsize=12)
ax.set_title("The cost of the 2-4-1 network for four learning rates", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=11, loc="upper right", framealpha=1)
plt.show()

# %% [markdown]
# Too small (0.01) and the cost hardly moves in 1000 steps; 0.1 is on its way but slow; 1.2 learns
# quickly; too large (30) and the steps overshoot the valley: the cost jumps up and down instead
# of settling, and even rises far above where it started. The right learning rate is found by trying a few values spaced by a factor
# of about 3 to 10, as here.
#
# ## 9. Gradient checking
#
# A backward pass with a bug often still "learns" a little, so a falling cost proves nothing.
# **Gradient checking** compares your analytic gradients with numerical ones, computed from the
# cost alone by the centred difference of notebook 03, one parameter at a time. Put all the
# parameters, in some order, into one long vector $\theta$ (here $W^{[1]}$, $b^{[1]}$, $W^{[2]}$,
# $b^{[2]}$, flattened), and the gradients in the same order into $d\theta$. For each entry $i$:
#
# $$d\theta^{\text{approx}}_i = \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon},$$
#
# where $\theta \pm \varepsilon e_i$ changes entry $i$ only, by $\pm\varepsilon$, and $J$ is computed by
# a forward pass and the cost. Then compare the two vectors by their **relative difference**:
#
# $$\text{difference} = \frac{\lVert d\theta - d\theta^{\text{approx}} \rVert_2}{\lVert d\theta \rVert_2 + \lVert d\theta^{\text{approx}} \rVert_2}.$$
#
# Dividing by the sizes of the gradients makes the number independent of their scale, and it lies
# between 0 and 1. With $\varepsilon = 10^{-7}$, read it as:
#
# - around $10^{-7}$ or less: the backward pass is right (what is left is rounding and the
#   $O(\varepsilon^2)$ of the centred difference);
# - around $10^{-5}$: suspicious, look again;
# - $10^{-3}$ or more: there is almost certainly a bug.
#
# The check costs two forward passes per parameter, millions for a real network, so it is run once,
# on a small network and a few examples, to validate the backward pass; never during training.

# %% solution id=gradient_check
def gradient_check(parameters, X, Y, epsilon=1e-7):
    """Compare backward_propagation's gradients with centred differences of the cost.

    Parameters
    ----------
    parameters : dict
        {"W1", "b1", "W2", "b2"}: the point at which to check (not modified).
    X : ndarray of shape (n_x, m)
        The inputs.
    Y : ndarray of shape (1, m)
        The labels.
    epsilon : float, default 1e-7
        The step on each side of every parameter.

    Returns
    -------
    difference : float
        ||grad - gradapprox||_2 / (||grad||_2 + ||gradapprox||_2).

    Hint: get the analytic gradients from your forward_propagation and backward_propagation.
    Then, for every entry of every parameter (np.ndindex walks over the indices of an array), make
    two copies of the parameters, move that entry up by epsilon in one and down in the other,
    compute the cost of each with forward_propagation and compute_cost, and keep the centred
    difference; keep the matching analytic gradient in a list in the same order. Work on copies
    (np.copy), never on the arrays you were given. np.linalg.norm gives the norms.
    """
    ### BEGIN SOLUTION
    A2, cache = forward_propagation(X, parameters)
    grads = backward_propagation(parameters, cache, X, Y)
    grad, gradapprox = [], []
    for key in ("W1", "b1", "W2", "b2"):
        for index in np.ndindex(parameters[key].shape):
            plus = {k: np.copy(v) for k, v in parameters.items()}
            minus = {k: np.copy(v) for k, v in parameters.items()}
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
    ### END SOLUTION


# %% tests id=test_gradient_check points=2

# %% [markdown]
# Check your backward pass on a small network (5 hidden units, 20 examples of the flower) at a
# random point. Then, to see what a bug looks like, the cell swaps in, for a moment, a copy of your
# backward pass with a deliberate mistake ($dW^{[1]}$ without its $\frac1m$) and checks again.

# %%
rng_gc = np.random.default_rng(5)
X_small, Y_small = X[:, :20], Y[:, :20]
p_check = {"W1": rng_gc.standard_normal((5, 2)), "b1": rng_gc.standard_normal((5, 1)),
           "W2": rng_gc.standard_normal((1, 5)), "b2": rng_gc.standard_normal((1, 1))}
print(f"your backward pass:           difference = {gradient_check(p_check, X_small, Y_small):.2e}")

your_backward = backward_propagation


def backward_propagation(parameters, cache, X, Y):     # your backward pass with a bug: dW1 without its 1/m
    grads = your_backward(parameters, cache, X, Y)
    return dict(grads, dW1=grads["dW1"] * X.shape[1])


try:
    print(f"dW1 without its 1/m (a bug):  difference = {gradient_check(p_check, X_small, Y_small):.2e}")
finally:
    backward_propagation = your_backward

# %% [markdown]
# The correct backward pass agrees with the numerical gradients to rounding error; the buggy one
# is off by a difference of order $10^{-1}$: unmistakable, although a network trained with it
# might still have learned something.
#
# ### Check your understanding
#
# Your colleague's `gradient_check` returns `0.02` with $\varepsilon = 10^{-7}$. What do you conclude?
#
# - a) the backward pass is right: 0.02 is a small number
# - b) $\varepsilon$ is too small; use $10^{-2}$ and the difference will vanish
# - c) the backward pass almost certainly has a bug
#
# Answer with a letter, e.g. `q_gradcheck = "a"`.

# %% solution id=q_gradcheck
# Set q_gradcheck to your answer, a string, the letter of your choice.
### BEGIN SOLUTION
q_gradcheck = "c"
### END SOLUTION

# %% tests id=test_q_gradcheck points=1

# %% [markdown]
# ## 10. A different task, a different output: regression
#
# Everything so far predicted a *class*, so the output unit was a sigmoid (a probability) and the
# cost the cross-entropy. The output layer follows the task:
#
# | task | output unit | cost |
# |---|---|---|
# | two classes | sigmoid, $a \in (0, 1)$ | binary cross-entropy |
# | $C$ classes (notebook 08) | softmax, one probability per class | categorical cross-entropy |
# | a real number (a price, a temperature) | **linear**, $a = z$, any value | **mean squared error** |
#
# For **regression** the output must be able to take any value, so the output unit applies no
# activation at all, and the natural cost is the mean squared error
# $J = \frac{1}{2m}\sum_i \big(a^{[2](i)} - y^{(i)}\big)^2$. Its derivative with respect to the output's
# $z$ (which is $a$ here) is, per example, $a - y$: **the same $dZ^{[2]} = A^{[2]} - Y$** as the
# sigmoid with the cross-entropy. (That is no accident: each of these output units is paired with
# the cost that makes its gradient that simple.) So your `backward_propagation` trains a regression
# network unchanged: only the forward pass's last line differs. Below, a tanh hidden layer of 20
# units learns a noisy sine curve with your `initialize_parameters`, `backward_propagation` and
# `update_parameters`.

# %%
rng_reg = np.random.default_rng(3)
x_reg = np.sort(rng_reg.uniform(-3, 3, size=(1, 120)), axis=1)
y_reg = np.sin(x_reg) + 0.15 * rng_reg.standard_normal(x_reg.shape)


def forward_regression(X, parameters):
    """Your forward pass with a linear output unit: A2 = Z2 (no sigmoid)."""
    A1 = np.tanh(parameters["W1"] @ X + parameters["b1"])
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    return Z2, {"Z1": None, "A1": A1, "Z2": Z2, "A2": Z2}


params_reg = initialize_parameters(1, 20, 1, seed=0)
params_reg = {k: v * (100 if k.startswith("W") else 1) for k, v in params_reg.items()}  # weights ~ 1
mse_history = []
for i in range(3000):
    A2_reg, cache_reg = forward_regression(x_reg, params_reg)
    mse_history.append(float(np.mean((A2_reg - y_reg) ** 2) / 2))
    params_reg = update_parameters(params_reg, backward_propagation(params_reg, cache_reg, x_reg, y_reg), 0.1)

grid_reg = np.linspace(-3.2, 3.2, 300).reshape(1, -1)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
axes[0].scatter(x_reg[0], y_reg[0], s=12, color="0.5", label="data: sin(x) + noise")
axes[0].plot(grid_reg[0], forward_regression(grid_reg, params_reg)[0][0], lw=2.4, label="the network")
axes[0].plot(grid_reg[0], np.sin(grid_reg[0]), "k--", lw=1, label="sin(x)")
axes[0].set(xlabel="x", ylabel="y", title="A linear output unit fits a curve")
axes[0].legend()
axes[1].semilogy(mse_history, lw=2)
axes[1].set(xlabel="iteration", ylabel="mean squared error / 2", title="The cost falls")
axes[1].grid(alpha=0.3)
plt.tight_layout()
plt.show()
print(f"final cost {mse_history[-1]:.4f}; the noise alone costs about {0.15 ** 2 / 2:.4f}, "
      "so below that the curve has begun to follow the noise (notebook 05)")

# %% [markdown]
# ## Summary
#
# - A two-layer network computes $A^{[1]} = \tanh(W^{[1]} X + b^{[1]})$, $A^{[2]} = \sigma(W^{[2]}
#   A^{[1]} + b^{[2]})$; $W^{[l]}$ has one row per unit of layer $l$ and one column per unit of the
#   layer before, and every $Z$, $A$ has one column per example.
# - The weights start small and random to break the symmetry; equal weights give identical units
#   forever. Biases may start at zero.
# - Backpropagation: $dZ^{[2]} = A^{[2]} - Y$, $dW^{[2]} = \frac1m dZ^{[2]} A^{[1]\top}$,
#   $db^{[2]} = \frac1m \sum dZ^{[2]}$, $dZ^{[1]} = W^{[2]\top} dZ^{[2]} * (1 - A^{[1]2})$,
#   $dW^{[1]} = \frac1m dZ^{[1]} X^\top$, $db^{[1]} = \frac1m \sum dZ^{[1]}$ (with `keepdims=True`).
#   Every gradient has the shape of its parameter: check it at every line.
# - One hidden layer lets the network learn boundaries that no straight line can draw; more hidden
#   units draw finer ones, and eventually fit the noise.
# - The learning rate must be neither too small (slow) nor too large (overshooting).
# - Gradient checking compares backprop with centred differences of the cost: about $10^{-7}$ means
#   right, $10^{-3}$ or more means a bug.
# - The output unit follows the task: a sigmoid with the cross-entropy for two classes, a linear unit
#   with the mean squared error for a real number; both give $dZ^{[2]} = A^{[2]} - Y$.
#
# ## Where to go next
#
# Notebook **05** asks how well the network does on examples it has not seen, shows overfitting on
# held-out data, and tames it with L2 regularisation and dropout. Notebook **07** extends the two
# layers of this notebook to any number of layers.
