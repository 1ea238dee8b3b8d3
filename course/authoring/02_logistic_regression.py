# %% [markdown]
# # 02 · Logistic regression: a neuron that learns
#
# *About 75 minutes.*
#
# In notebook 01 you chose a neuron's weights by hand. Here the neuron finds them itself. A single
# sigmoid neuron trained to predict a yes/no label is called **logistic regression**: the simplest
# neural network there is, and every part of it (the forward pass, the cost, the gradients, the
# gradient-descent loop) reappears unchanged in the larger networks of the coming notebooks.
#
# **What you will learn**
#
# - logistic regression as a one-neuron network that outputs a probability;
# - the cross-entropy loss $L(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big)$, and why the squared
#   error is the wrong choice here;
# - the cost $J$, the mean of the loss over the $m$ examples;
# - gradient descent with simultaneous updates, and what the learning rate does;
# - the derivation of the gradients, $dz = a - y$, $dw = x\,dz$, $db = dz$, step by step;
# - training the neuron, drawing its decision boundary, and seeing where a single neuron fails.
#
# The setup cell gives you a ready-made `sigmoid` (the one you wrote in 01, made safe for very large
# $|z|$). As before, write each function's body in place of `raise NotImplementedError()`, then run
# its test cell.

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.activations import sigmoid
from nnkit.datasets import make_blobs, make_circles
from nnkit.plots import plot_costs, plot_decision_boundary

from grader.check import Checker
check = Checker("02_logistic_regression")

# %% [markdown]
# ## 1. The model
#
# We have $m$ examples, stored as before one per column: $X$ of shape $(n_x, m)$, and their labels
# $Y$ of shape $(1, m)$, each 0 or 1. For one example $x$, logistic regression computes
#
# $$z = w^\top x + b, \qquad \hat{y} = a = \sigma(z),$$
#
# and reads $a$ as the model's estimate of $P(y = 1 \mid x)$. That is one sigmoid neuron; its
# parameters are $w$, of shape $(n_x, 1)$, and the number $b$.
#
# Learning starts from some values of the parameters. For a single neuron, zeros are a fine start:
# every weight receives its own gradient (it multiplies its own feature), so the weights move apart
# on the first step. (In a network with hidden layers zeros would be a mistake, because all hidden
# units would stay identical forever; notebook 04 shows why.)

# %% solution id=initialize_with_zeros
def initialize_with_zeros(n_x):
    """Zero weights and a zero bias for a neuron with n_x inputs.

    Parameters
    ----------
    n_x : int
        The number of input features.

    Returns
    -------
    w : ndarray of shape (n_x, 1)
        Zeros, a column.
    b : float
        0.0.

    Hint: NumPy makes an array of zeros of any shape you give it as a tuple; the bias is a plain
    number, not an array.
    """
    ### BEGIN SOLUTION
    w = np.zeros((n_x, 1))
    b = 0.0
    return w, b
    ### END SOLUTION


# %% tests id=test_initialize_with_zeros points=1

# %% [markdown]
# ## 2. How wrong is a prediction? The loss
#
# To learn, the model needs a number that says how wrong it is. For one example with prediction
# $a$ and label $y$, logistic regression uses the **cross-entropy loss**
#
# $$L(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big).$$
#
# Only one of the two terms is ever active:
#
# - if $y = 1$, $L = -\log a$: zero when $a = 1$, and growing without bound as $a \to 0$;
# - if $y = 0$, $L = -\log(1 - a)$: zero when $a = 0$, and growing without bound as $a \to 1$.
#
# A confident wrong answer is punished hard, a confident right one costs almost nothing. The loss
# is not an arbitrary choice: the model says $P(y \mid x) = a^y (1 - a)^{1 - y}$, and $L$ is exactly
# $-\log P(y \mid x)$, so minimising the loss is maximising the probability the model gives to the
# labels it sees (maximum likelihood).
#
# The **cost** is the mean loss over the training set:
#
# $$J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L\big(a^{(i)}, y^{(i)}\big)
# = -\frac{1}{m} \sum_{i=1}^{m} \Big( y^{(i)} \log a^{(i)} + \big(1 - y^{(i)}\big) \log\big(1 - a^{(i)}\big) \Big).$$
#
# The figure shows the two branches of the loss.

# %%
a_grid = np.linspace(0.001, 0.999, 500)
fig, ax = plt.subplots(figsize=(7, 4.2))
ax.plot(a_grid, -np.log(a_grid), lw=2.2, label="y = 1:  L = -log a")
ax.plot(a_grid, -np.log(1 - a_grid), lw=2.2, label="y = 0:  L = -log(1 - a)")
ax.set_xlabel("prediction a", fontsize=12)
ax.set_ylabel("loss L(a, y)", fontsize=12)
ax.set_ylim(0, 5)
ax.set_title("Cross-entropy: confident and wrong costs the most", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# ### Why not the squared error?
#
# The squared error $\frac12 (a - y)^2$ works well for regression, so why not here? Because of the
# sigmoid inside $a$. As a function of $w$ and $b$, the squared-error cost has **plateaus** where the
# sigmoid saturates: if the model is confidently wrong ($a \approx 0$ for $y = 1$), the cost is near
# its maximum but almost flat, so its gradient is almost zero and gradient descent barely moves.
# And it is **not convex**: it curves down in places, so it can have flat regions and local minima
# that gradient descent gets stuck in. The cross-entropy's $\log$ exactly undoes the sigmoid's
# exponential flattening: its cost is **convex** (one bowl, no local minima) and grows linearly,
# never flatly, as the model becomes more confidently wrong.
#
# The figure compares the two costs on a small one-feature data set, as functions of the weight
# $w$ and the bias $b$.

# %%
x_toy = np.array([[-2.5, -1.8, -1.2, -0.6, -0.3, 0.2, 0.4, 0.9, 1.5, 2.2]])   # one feature, m = 10
y_toy = np.array([[0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0]])


def cost_surfaces(ws, bs):
    """Cross-entropy and squared-error costs on (x_toy, y_toy) for every (w, b) of the grids."""
    A = sigmoid(ws[..., None] * x_toy[0] + bs[..., None])                    # (..., m)
    A = np.clip(A, 1e-15, 1 - 1e-15)
    ce = -np.mean(y_toy[0] * np.log(A) + (1 - y_toy[0]) * np.log(1 - A), axis=-1)
    se = np.mean(0.5 * (A - y_toy[0]) ** 2, axis=-1)
    return ce, se


w_grid, b_grid = np.meshgrid(np.linspace(-8, 8, 61), np.linspace(-8, 8, 61))
ce, se = cost_surfaces(w_grid, b_grid)
fig = plt.figure(figsize=(15, 4.8))
for k, (surface, title) in enumerate([(ce, "cross-entropy cost"), (se, "squared-error cost")]):
    ax = fig.add_subplot(1, 3, k + 1, projection="3d")
    ax.plot_surface(w_grid, b_grid, surface, cmap="viridis", linewidth=0, antialiased=True)
    ax.set_title(title, fontsize=13)
    ax.set_xlabel("w", fontsize=11)
    ax.set_ylabel("b", fontsize=11)
    ax.view_init(elev=28, azim=-125)
ax = fig.add_subplot(1, 3, 3)
w_line = np.linspace(-8, 8, 401)
ce_line, se_line = cost_surfaces(w_line, np.zeros_like(w_line))
ax.plot(w_line, ce_line / ce_line.max(), lw=2.2, label="cross-entropy (convex)")
ax.plot(w_line, se_line / se_line.max(), lw=2.2, label="squared error (plateaus)")
ax.set_xlabel("w  (b = 0)", fontsize=11)
ax.set_ylabel("cost / its largest value", fontsize=11)
ax.set_title("A slice at b = 0", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=10)
fig.tight_layout()
plt.show()

# A convex function has no negative second differences; the squared-error slice has many.
print("negative curvature along the slice:  cross-entropy", np.sum(np.diff(ce_line, 2) < -1e-12),
      "points,  squared error", np.sum(np.diff(se_line, 2) < -1e-12), "points")

# %% [markdown]
# **Check your understanding.** For logistic regression, which loss makes the cost $J(w, b)$ a
# convex function (a single bowl)? Answer `"a"` cross-entropy, `"b"` squared error, `"c"` both,
# `"d"` neither.

# %% solution id=q_convex
# Set q_convex to your answer, a string: "a", "b", "c" or "d".
### BEGIN SOLUTION
q_convex = "a"
### END SOLUTION

# %% tests id=test_q_convex points=1

# %% [markdown]
# ### The cost in code, and $\log 0$
#
# A computer adds one practical problem. The sigmoid's output can round to exactly 0 or 1 in
# floating point (already for $z > 37$), and then $\log 0 = -\infty$ and $0 \cdot \log 0$ is `nan`:
# one saturated prediction would turn the whole cost into `inf` or `nan`. The usual cure is to
# **clip** the predictions into $[\varepsilon, 1 - \varepsilon]$ with a tiny $\varepsilon$ (such as
# $10^{-15}$) before taking logs. That changes nothing for ordinary predictions, and turns "infinitely
# wrong" into "very wrong" (about $-\log 10^{-15} \approx 34.5$).

# %% solution id=binary_cross_entropy
def binary_cross_entropy(A, Y):
    """The cross-entropy cost J = -(1/m) sum_i [y_i log a_i + (1 - y_i) log(1 - a_i)].

    Parameters
    ----------
    A : ndarray of shape (1, m)
        Predicted probabilities, in [0, 1] (exactly 0 or 1 may occur).
    Y : ndarray of shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    cost : float
        The mean loss over the m examples: a single number, finite even where A is exactly 0 or 1.

    Hint: clip A into [eps, 1 - eps] with a tiny eps first; then the formula is a few array
    operations, a sum (or a mean) and a minus sign. Return a plain number, not an array.
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    A = np.clip(A, 1e-15, 1 - 1e-15)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return float(cost)
    ### END SOLUTION


# %% tests id=test_binary_cross_entropy points=2

# %% [markdown]
# ## 3. Gradient descent
#
# The cost $J(w, b)$ is a landscape over the space of parameters, and we want its lowest point.
# **Gradient descent** walks downhill: the gradient $\big(\frac{\partial J}{\partial w},
# \frac{\partial J}{\partial b}\big)$ points uphill, so each step moves the parameters a little the
# other way,
#
# $$w := w - \alpha \frac{\partial J}{\partial w}, \qquad b := b - \alpha \frac{\partial J}{\partial b},$$
#
# where $\alpha > 0$ is the **learning rate**. In code these derivatives are called `dw` and `db`.
#
# The two updates are **simultaneous**: both derivatives are computed at the *same* point
# $(w, b)$, and only then are both parameters changed. Updating $w$ first and computing `db` at the
# new $w$ would be a different, and wrong, algorithm.
#
# ## 4. The gradients, step by step
#
# Take one example $(x, y)$. The loss depends on $w$ and $b$ through a chain:
#
# $$w, b \;\longrightarrow\; z = w^\top x + b \;\longrightarrow\; a = \sigma(z) \;\longrightarrow\; L(a, y).$$
#
# The chain rule walks it backwards, one link at a time.
#
# **Step 1, the loss with respect to $a$.** Differentiating $L = -y \log a - (1 - y) \log(1 - a)$:
#
# $$\frac{\partial L}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}.$$
#
# **Step 2, the sigmoid with respect to $z$.** With $\sigma(z) = (1 + e^{-z})^{-1}$,
#
# $$\frac{d a}{d z} = \frac{e^{-z}}{(1 + e^{-z})^2} = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}} = a\,(1 - a).$$
#
# **Step 3, multiply** (this is the step where the cross-entropy pays off):
#
# $$dz = \frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \cdot \frac{d a}{d z}
# = \Big(-\frac{y}{a} + \frac{1 - y}{1 - a}\Big)\, a (1 - a) = -y (1 - a) + (1 - y)\, a = a - y.$$
#
# The sigmoid's slope $a(1 - a)$ cancels completely: the error signal is just *prediction minus
# label*, large when the model is confidently wrong. (With the squared error the factor $a(1 - a)$
# would stay, and vanish exactly when the model is confidently wrong: the plateau of the figure.)
#
# **Step 4, the parameters.** Since $z = w_1 x_1 + \dots + w_{n_x} x_{n_x} + b$, we have
# $\partial z / \partial w_j = x_j$ and $\partial z / \partial b = 1$, so
#
# $$dw_j = \frac{\partial L}{\partial w_j} = x_j\, dz, \qquad db = \frac{\partial L}{\partial b} = dz,
# \qquad\text{that is}\qquad dw = x\, dz \;\; (n_x, 1).$$
#
# **Step 5, all examples at once.** The cost is the mean of the losses, so its gradients are the
# means of theirs. With $A = \sigma(w^\top X + b)$ of shape $(1, m)$:
#
# $$dZ = A - Y \;\; (1, m), \qquad dw = \frac{1}{m} X\, dZ^\top \;\; (n_x, 1), \qquad db = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)} \;\; \text{(a number)}.$$
#
# Check the shapes: $X$ is $(n_x, m)$ and $dZ^\top$ is $(m, 1)$, so $X\,dZ^\top$ is $(n_x, 1)$, the
# shape of $w$, as every gradient must have the shape of what it differentiates. Its entry $j$
# is $\sum_i x_j^{(i)} dz^{(i)}$, the sum over the examples of $x_j\,dz$.
#
# Here is Step 3 checked numerically with your cost: nudge $z$ a little each way and compare the
# change of the loss with $a - y$.

# %%
for z0, y0 in [(1.5, 1.0), (1.5, 0.0), (-0.7, 1.0)]:
    h = 1e-6
    loss = lambda z: binary_cross_entropy(sigmoid(np.array([[z]])), np.array([[y0]]))
    numeric = (loss(z0 + h) - loss(z0 - h)) / (2 * h)
    print(f"z = {z0:5.2f}, y = {y0:.0f}:  numerical dL/dz = {numeric:+.6f}   a - y = {float(sigmoid(z0)) - y0:+.6f}")

# %% [markdown]
# **Check your understanding.** An example has label $y = 1$ and the model predicts $a = 0.8$.
# What is $dz$ for this example? Answer with a number.

# %% solution id=q_dz
# Set q_dz to your answer, a number.
### BEGIN SOLUTION
q_dz = -0.2
### END SOLUTION

# %% tests id=test_q_dz points=1

# %% [markdown]
# Now put the forward pass (the cost) and the backward pass (the gradients) together in one
# function. It is called `propagate` because it propagates the data forward through the neuron and
# the error backward.

# %% solution id=propagate
def propagate(w, b, X, Y):
    """The cost of logistic regression and its gradients, on all m examples.

    Forward: A = sigmoid(w^T X + b) and the cost J. Backward: dZ = A - Y, then dw and db.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        The weights.
    b : float
        The bias.
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.
    Y : ndarray of shape (1, m)
        The labels, 0 or 1.

    Returns
    -------
    grads : dict
        {"dw": ndarray of shape (n_x, 1), "db": float}: the gradients of the cost J.
    cost : float
        J, the cross-entropy cost.

    Hint: use the given sigmoid and your binary_cross_entropy for the forward pass. For dw, one
    matrix product of X with the transposed dZ, then the 1/m of the mean; db is the mean of dZ, a
    single number.
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = binary_cross_entropy(A, Y)
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    grads = {"dw": dw, "db": db}
    return grads, cost
    ### END SOLUTION


# %% tests id=test_propagate points=3

# %% [markdown]
# ## 5. The training loop
#
# Gradient descent repeats `propagate` and the update `num_iterations` times. To watch it learn,
# record the cost every 100 iterations, starting with iteration 0 (the cost before any update), so
# a run of 250 iterations records the costs of iterations 0, 100 and 200.

# %% solution id=optimize
def optimize(w, b, X, Y, num_iterations, learning_rate):
    """Gradient descent on the parameters of logistic regression.

    Each iteration computes the gradients and the cost at the current (w, b), then updates both:
    w <- w - learning_rate * dw and b <- b - learning_rate * db.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        The initial weights (do not modify this array).
    b : float
        The initial bias.
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.
    Y : ndarray of shape (1, m)
        The labels, 0 or 1.
    num_iterations : int
        The number of gradient-descent steps.
    learning_rate : float
        The step size alpha.

    Returns
    -------
    params : dict
        {"w": ndarray of shape (n_x, 1), "b": float}: the parameters after the last step.
    grads : dict
        {"dw", "db"}: the gradients computed in the last iteration (before its update).
    costs : list of float
        The cost at iterations 0, 100, 200, ... (as computed in that iteration, before its update).

    Hint: a loop that calls your propagate, keeps the cost when the iteration number is a multiple
    of 100, and updates both parameters from the same gradients. Let each update make a new array
    rather than change w in place: an in-place update would also change the caller's array.
    """
    ### BEGIN SOLUTION
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    params = {"w": w, "b": b}
    return params, grads, costs
    ### END SOLUTION


# %% tests id=test_optimize points=3

# %% [markdown]
# Finally, the trained neuron answers the question: it predicts class 1 where $a > 0.5$, that is
# where $w^\top x + b > 0$.

# %% solution id=predict
def predict(w, b, X):
    """The labels predicted by logistic regression: 1.0 where sigmoid(w^T X + b) > 0.5, else 0.0.

    Parameters
    ----------
    w : ndarray of shape (n_x, 1)
        The weights.
    b : float
        The bias.
    X : ndarray of shape (n_x, m)
        The inputs, one column per example.

    Returns
    -------
    Y_prediction : ndarray of shape (1, m)
        0.0 or 1.0 for each example.

    Hint: compute the probabilities as in propagate, compare them with 0.5 (a boolean array), and
    turn the booleans into floats.
    """
    ### BEGIN SOLUTION
    A = sigmoid(np.dot(w.T, X) + b)
    return (A > 0.5).astype(float)
    ### END SOLUTION


# %% tests id=test_predict points=2

# %% [markdown]
# ## 6. Experiments
#
# ### The learning rate
#
# The learning rate $\alpha$ is the one number gradient descent does not learn. Back on the
# one-feature data set of the figure above (with $b$ held at 0, so the cost is a curve $J(w)$ you can
# see), here are twelve steps of your gradient with three learning rates:
#
# - **too small**: every step is tiny, and after twelve of them the weight has barely moved;
# - **about right**: the cost drops fast and settles at the bottom;
# - **too large**: each step overshoots the bottom and lands on the other side of the bowl,
#   sometimes higher than it started; the cost jumps up and down instead of falling.

# %%
learning_rates = {"too small (0.1)": 0.1, "about right (5)": 5.0, "too large (45)": 45.0}
w_curve = np.linspace(-1, 13, 400)
J_curve = cost_surfaces(w_curve, np.zeros_like(w_curve))[0]

fig, (ax_path, ax_cost) = plt.subplots(1, 2, figsize=(14, 4.8))
ax_path.plot(w_curve, J_curve, color="0.3", lw=2, label="cost J(w)")
for (label, lr), colour in zip(learning_rates.items(), ["tab:orange", "tab:green", "tab:red"]):
    w_now, path, costs_path = np.array([[0.5]]), [], []
    for step in range(13):
        grads, cost = propagate(w_now, 0.0, x_toy, y_toy)
        path.append(w_now[0, 0])
        costs_path.append(cost)
        w_now = w_now - lr * grads["dw"]
    ax_path.plot(path, costs_path, "o-", color=colour, ms=5, lw=1.2, alpha=0.85, label=label)
    ax_cost.plot(costs_path, "o-", color=colour, ms=4, lw=1.8, label=label)
ax_path.set_xlabel("w", fontsize=12)
ax_path.set_ylabel("J(w)", fontsize=12)
ax_path.set_title("Twelve steps of gradient descent on J(w)", fontsize=13)
ax_path.legend(fontsize=10)
ax_path.grid(alpha=0.3)
ax_cost.set_xlabel("iteration", fontsize=12)
ax_cost.set_ylabel("cost", fontsize=12)
ax_cost.set_title("The cost curve of each learning rate", fontsize=13)
ax_cost.legend(fontsize=10)
ax_cost.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# The cost curve is the tool you will use for the rest of the course: a curve that falls and
# flattens is healthy; one that barely moves asks for a larger rate; one that rises or zig-zags asks
# for a smaller one. In practice you try rates a factor of 3 to 10 apart (0.001, 0.003, 0.01, ...) and
# keep the largest that still falls smoothly.
#
# ### Training on two clouds of points
#
# Now train on a real (small) data set: two clouds of points in the plane, one per class. Your
# functions do all the work: `initialize_with_zeros`, `optimize` (which calls your `propagate`), and
# `predict`.

# %%
X_blobs, Y_blobs = make_blobs(m=300, seed=0)
w0, b0 = initialize_with_zeros(X_blobs.shape[0])
params, grads, costs = optimize(w0, b0, X_blobs, Y_blobs, num_iterations=1500, learning_rate=0.05)
w_fit, b_fit = params["w"], params["b"]
train_accuracy = np.mean(predict(w_fit, b_fit, X_blobs) == Y_blobs)
print(f"w = {w_fit.ravel().round(3)}, b = {float(b_fit):.3f}")
print(f"training accuracy: {train_accuracy:.1%}")

fig, (ax_cost, ax_bound) = plt.subplots(1, 2, figsize=(14, 5))
plot_costs(costs, ax=ax_cost, every=100, title="Cost on the blobs, every 100 iterations")
ax_cost.set_ylim(0, 0.75)
plot_decision_boundary(lambda X: predict(w_fit, b_fit, X), X_blobs, Y_blobs, ax=ax_bound, resolution=120,
                       title=f"Your predict on the blobs: training accuracy {train_accuracy:.1%}")
fig.tight_layout()
plt.show()

# %% [markdown]
# The boundary is the straight line $w^\top x + b = 0$ from notebook 01, but this time nobody chose
# it: gradient descent found it from the data.
#
# ### Where one neuron fails: the circles
#
# The same model, the same code, on a data set whose classes are a disc and a ring around it:

# %%
X_circ, Y_circ = make_circles(m=300, seed=0)
w0, b0 = initialize_with_zeros(X_circ.shape[0])
params_c, _, costs_c = optimize(w0, b0, X_circ, Y_circ, num_iterations=1500, learning_rate=0.05)
circ_accuracy = np.mean(predict(params_c["w"], params_c["b"], X_circ) == Y_circ)
print(f"cost: {costs_c[0]:.3f} at the start, {costs_c[-1]:.3f} after training")
print(f"training accuracy on the circles: {circ_accuracy:.1%}")

fig, (ax_cost, ax_bound) = plt.subplots(1, 2, figsize=(14, 5))
plot_costs(costs_c, ax=ax_cost, every=100, title="Cost on the circles: stuck near log 2 = 0.693")
ax_cost.set_ylim(0, 0.75)
plot_decision_boundary(lambda X: predict(params_c["w"], params_c["b"], X), X_circ, Y_circ, ax=ax_bound,
                       resolution=120, title=f"Your predict on the circles: training accuracy {circ_accuracy:.1%}")
fig.tight_layout()
plt.show()

# %% [markdown]
# The cost hardly falls and the accuracy stays near that of a coin toss: whatever the weights, a
# single neuron can only cut the plane with one straight line, and no straight line separates a
# disc from the ring around it. Training longer or with another learning rate will not help; the
# model itself is too simple. What would help is to let the network first compute new features
# (here, something like "distance from the centre") and then draw its line in *their* space. That
# is exactly what a **hidden layer** does, and it is where notebook 04 goes.
#
# **Check your understanding.** What shape is the decision boundary of logistic regression with
# two input features? Answer `"a"` a circle, `"b"` two straight lines, `"c"` one straight line,
# `"d"` any curve, given enough iterations.

# %% solution id=q_circles
# Set q_circles to your answer, a string: "a", "b", "c" or "d".
### BEGIN SOLUTION
q_circles = "c"
### END SOLUTION

# %% tests id=test_q_circles points=1

# %% [markdown]
# ## Summary
#
# - Logistic regression is one sigmoid neuron: $a = \sigma(w^\top x + b)$ estimates $P(y = 1 \mid x)$.
#   Zeros are a fine starting point for its parameters.
# - Its loss is the cross-entropy $L(a, y) = -\big(y \log a + (1 - y) \log(1 - a)\big)$, the negative
#   log-probability of the label; the cost $J$ is its mean over the $m$ examples. With the sigmoid,
#   the cross-entropy cost is convex, while the squared error's has plateaus and is not convex.
#   In code, clip $A$ away from exactly 0 and 1.
# - Gradient descent updates $w$ and $b$ simultaneously, $w := w - \alpha\,dw$, $b := b - \alpha\,db$.
#   Too small a learning rate crawls, too large a one overshoots; the cost curve tells which.
# - The chain rule gives $dz = a - y$ (the sigmoid's slope cancels), then $dw = x\,dz$ and
#   $db = dz$; over $m$ examples, $dw = \frac{1}{m} X (A - Y)^\top$ and $db = \frac{1}{m}\sum (A - Y)$.
# - One neuron draws one straight boundary: it separates the blobs and fails on the circles.
#
# ## Next
#
# **03 · Activations** looks closely at the functions you met in 01: their derivatives (which you
# will need for backpropagation), how to check a derivative numerically, and why saturation and dead
# units slow learning down. Then **04 · Two-layer network** adds the hidden layer that the circles
# asked for.
