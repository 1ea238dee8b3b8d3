# %% [markdown]
# # 06 · Optimisation: mini-batches, momentum, RMSprop and Adam
#
# *About 90 minutes.*
#
# Until now every network was trained by plain gradient descent: compute the gradient of the cost
# on the whole training set, take a step against it, repeat. That works on a few hundred examples.
# On millions of examples each step costs a full pass over the data, and on the long, narrow
# valleys and flat saddle regions of a real cost surface plain gradient descent crawls. This
# notebook builds the tools that every modern training loop uses instead.
#
# **What you will learn**
#
# - batch, stochastic and mini-batch gradient descent; why stochastic gradient descent never
#   settles, and how the mini-batch size is a dial between the two; shuffling, and the last,
#   smaller batch;
# - exponentially weighted averages, and **momentum**, which averages the gradients;
# - **RMSprop**, which divides each step by a running root mean square of the gradients;
# - **Adam**, which combines both, with a *bias correction* that matters in the first steps;
# - the hyperparameters and their usual values;
# - how the four optimisers behave on an ill-conditioned surface, near a saddle point, and on a
#   real classification task.
#
# **How this notebook works.** Each exercise is a function with a docstring: write its body in
# place of `raise NotImplementedError()`, run the cell, then run the test cell below it. A green ✔
# line means your function agrees with the reference on every visible check; a red message says what
# differs, on which input, and often which well-known slip it looks like. Run the cells from top to
# bottom: the experiments use the functions you write.
#
# A convention for the whole notebook: the update functions never change the dicts or arrays they
# are given; they build and return new ones. (A function that changes its arguments in place makes
# bugs that are hard to find: the caller's "old" parameters silently change too.)

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.datasets import make_moons
from nnkit.deep import initialize_parameters_deep, L_model_forward, L_model_backward
from nnkit.losses import binary_cross_entropy
from nnkit.optimizers import update_parameters_with_gd
from nnkit.plots import plot_decision_boundary, plot_loss_surface_paths

from grader.check import Checker
check = Checker("06_optimization")

# %% [markdown]
# ## 1. Batch, stochastic and mini-batch gradient descent
#
# The cost is a mean over the $m$ training examples, $J = \frac{1}{m}\sum_{i=1}^m L^{(i)}$, and so is
# its gradient. **Batch gradient descent** computes that mean exactly at every step: one step costs
# one pass over all $m$ examples. With $m = 5{,}000{,}000$ that is a lot of work for a single step.
#
# But a mean can be *estimated* from a sample. Split the training set into **mini-batches** of
# $B$ examples, $X^{\{1\}}, X^{\{2\}}, \dots$ (curly braces number the batches), and take one
# gradient step per mini-batch, using the gradient of the cost on that batch alone. One pass through
# all the batches is an **epoch**: with batch gradient descent an epoch is one step, with
# mini-batches of 64 out of 5,000,000 examples it is about 78,000 steps, each far cheaper.
#
# The mini-batch size $B$ is a dial:
#
# - $B = m$: **batch gradient descent**. Exact gradients, smooth progress, expensive steps.
# - $B = 1$: **stochastic gradient descent** (SGD). The cheapest possible steps, each following the
#   gradient of a single example, which points only roughly towards the minimum of the mean cost.
#   Even at that minimum the single-example gradients are not zero (only their mean is), so with a
#   constant learning rate SGD **never settles**: it keeps jumping around the minimum. It also throws
#   away the speed of vectorised code, which processes 64 examples almost as fast as one.
# - $1 < B < m$: **mini-batch gradient descent**, in between: many steps per epoch, gradients noisy
#   but much less so than with one example, and fully vectorised. Typical sizes are 32 to 512, often
#   a power of 2; with a small training set (a few thousand examples) batch gradient descent is fine.
#
# Two details matter when making the batches:
#
# 1. **Shuffle first**, every epoch, with one permutation applied to the columns of both $X$ and
#    $Y$ (so that each example keeps its label). Data often comes sorted (by class, by date, by
#    source); batches cut from sorted data would each see a biased sample, and the same batches
#    every epoch.
# 2. **The last batch is smaller** when $m$ is not a multiple of $b$: with $m = 150$ and $b = 64$
#    the batches hold 64, 64 and 22 examples. It is kept, so that every example is used every epoch.
#
# **Exercise.** Write `random_mini_batches`.

# %% solution id=random_mini_batches
def random_mini_batches(X, Y, mini_batch_size=64, rng=None):
    """Shuffle the examples and cut them into mini-batches.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
        Inputs, one column per example.
    Y : ndarray of shape (1, m)
        Labels; column j goes with column j of X.
    mini_batch_size : int, default 64
        The number of examples per mini-batch.
    rng : numpy.random.Generator or None, default None
        The generator of the shuffle; if None, make a fresh one with np.random.default_rng().

    Returns
    -------
    mini_batches : list of (X_batch, Y_batch)
        X_batch of shape (n_x, size) and Y_batch of shape (1, size): floor(m / mini_batch_size)
        full batches, then, if m is not a multiple of mini_batch_size, one last batch with the
        remaining examples.

    Hint: draw ONE permutation of the column indices 0..m-1 (rng.permutation(m)) and apply it to
    the columns of both X and Y. Then slice the shuffled arrays: batch k is columns
    k * mini_batch_size up to (k + 1) * mini_batch_size. Do not shuffle X or Y in place.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


# %% tests id=test_random_mini_batches points=3

# %% [markdown]
# **Check your understanding.** A training set has $m = 1000$ examples and `mini_batch_size = 64`.
# How many mini-batches does one epoch have, and how many examples are in the last one? Answer with
# a tuple `(number of batches, size of the last batch)`.

# %% solution id=q_num_batches
# Set q_num_batches to your answer, a tuple of two numbers.
### BEGIN SOLUTION
q_num_batches = (16, 40)
### END SOLUTION

# %% tests id=test_q_num_batches points=1

# %% [markdown]
# ### The dial at work
#
# To *see* the three variants, take a model with only two parameters, so that the whole cost
# surface fits in one picture: a line $\hat y = w x + b$ fitted to 256 noisy points by least
# squares, $J(w, b) = \frac{1}{2m}\sum_i (w x^{(i)} + b - y^{(i)})^2$. Its gradient on a batch of $B$
# examples (a capital $B$ for the batch size, so as not to confuse it with the bias $b$) is
# $dw = \frac{1}{B}\sum_{i \in \text{batch}} (w x^{(i)} + b - y^{(i)})\,x^{(i)}$ and
# $db = \frac{1}{B}\sum_{i \in \text{batch}} (w x^{(i)} + b - y^{(i)})$. The cell below runs five
# epochs with batch sizes 256 (batch), 16 and 1 (stochastic), with the same learning rate and your
# `random_mini_batches`, and draws the paths over the contours of $J$.

# %%
rng_line = np.random.default_rng(0)
x_line = rng_line.normal(1.0, 1.0, size=(1, 256))
y_line = 2.0 * x_line - 1.0 + rng_line.normal(0.0, 0.7, size=(1, 256))


def line_cost(w, b):
    """J(w, b) on the whole training set; w and b may be arrays of the same shape (a grid)."""
    w, b = np.asarray(w, dtype=float)[..., None], np.asarray(b, dtype=float)[..., None]
    return 0.5 * np.mean((w * x_line[0] + b - y_line[0]) ** 2, axis=-1)


def fit_line(batch_size, num_epochs=5, learning_rate=0.1, seed=1):
    rng = np.random.default_rng(seed)
    w, b = -1.0, 3.0
    path, costs = [(w, b)], [float(line_cost(w, b))]
    for epoch in range(num_epochs):
        for X_b, Y_b in random_mini_batches(x_line, y_line, batch_size, rng):
            error = w * X_b + b - Y_b
            w, b = w - learning_rate * np.mean(error * X_b), b - learning_rate * np.mean(error)
            path.append((w, b))
        costs.append(float(line_cost(w, b)))
    return np.array(path), costs


runs = {f"batch size {size}" + {256: " (batch)", 1: " (stochastic)"}.get(size, ""): fit_line(size)
        for size in (256, 16, 1)}
fig, axes = plt.subplots(1, 2, figsize=(12, 4.6))
plot_loss_surface_paths(line_cost, {name: path for name, (path, _) in runs.items()}, xlim=(-1.5, 3.0),
                        ylim=(-2.5, 3.5), ax=axes[0], title="Five epochs, learning rate 0.1")
axes[0].set(xlabel="w", ylabel="b")
for name, (path, costs) in runs.items():
    axes[1].plot(range(len(costs)), costs, "o-", label=f"{name}: {len(path) - 1} steps")
axes[1].set(xlabel="epoch", ylabel="J on the whole training set (log scale)", yscale="log",
            title="Cost after each epoch")
axes[1].set_yticks([0.3, 0.5, 1, 2, 5], ["0.3", "0.5", "1", "2", "5"])
axes[1].minorticks_off()
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# In five epochs, batch gradient descent took five careful steps and is still far from the
# minimum. Mini-batches of 16 took 80 noisy steps and arrived. Stochastic gradient descent took
# 1280 steps, arrived fastest, and then kept wandering around the minimum: each step follows one
# example, and at the minimum the examples still disagree. Its cost after each epoch is *not* the
# lowest, because of that wandering. (Shrinking the learning rate over time, *learning rate decay*,
# is the usual remedy.) Per epoch, mini-batches win; per second they win even more, since a batch of
# 16 costs hardly more than one example in vectorised code.
#
# ## 2. Momentum
#
# ### Exponentially weighted averages
#
# Given a noisy sequence $\theta_1, \theta_2, \dots$, the **exponentially weighted (moving)
# average** is
#
# $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t, \qquad 0 \le \beta < 1 .$$
#
# Unrolled, $v_t = (1-\beta)\big(\theta_t + \beta\,\theta_{t-1} + \beta^2\theta_{t-2} + \dots\big)$: a
# weighted mean in which older values count geometrically less. Since
# $\beta^{1/(1-\beta)} \approx 1/e$, it averages over roughly the last $\frac{1}{1-\beta}$ values:
# 10 for $\beta = 0.9$, 50 for $\beta = 0.98$. The larger $\beta$, the smoother the average and the
# later it reacts. It costs one number of memory per quantity averaged, which is why it is used
# instead of a true moving window.

# %%
rng_ewa = np.random.default_rng(4)
steps = np.arange(1, 201)
theta = np.sin(steps / 25) + rng_ewa.normal(0.0, 0.4, size=steps.size)
fig, ax = plt.subplots(figsize=(10, 3.8))
ax.plot(steps, theta, ".", color="0.6", ms=4, label=r"$\theta_t$ (noisy)")
for beta in (0.5, 0.9, 0.98):
    v, averages = 0.0, []
    for value in theta:
        v = beta * v + (1 - beta) * value
        averages.append(v)
    ax.plot(steps, averages, lw=2, label=rf"$\beta$ = {beta} (about {1 / (1 - beta):.0f} values)")
ax.set(xlabel="t", ylabel="value", title="Exponentially weighted averages of a noisy sequence")
ax.legend(loc="lower left", fontsize=9)
plt.show()

# %% [markdown]
# Notice also the start of the $\beta = 0.98$ curve: it begins far below the data, because $v_0 = 0$
# and the first values get only a weight of $1 - \beta = 0.02$. This start-up bias will come back
# with Adam.
#
# ### Gradient descent with momentum
#
# Momentum replaces the gradient in the update by its exponentially weighted average, for every
# parameter ($W^{[l]}$ and $b^{[l]}$ alike):
#
# $$v_{dW} = \beta\, v_{dW} + (1 - \beta)\, dW, \qquad W = W - \alpha\, v_{dW}.$$
#
# Picture a long, narrow valley. Across it, the gradient changes sign from one step to the next,
# and plain gradient descent zigzags from wall to wall; along it, the gradient keeps pointing the
# same way but is small. In the average, the zigzag components cancel and the consistent component
# remains, so the path straightens. That damping also lets you use a larger learning rate than plain
# gradient descent could survive. (The name comes from the physical picture: $v$ is a velocity,
# the gradient an acceleration, and $\beta$ a friction that keeps it from growing without bound.)
#
# $\beta = 0.9$ works well almost always. $\beta = 0$ is plain gradient descent. The velocities start
# at zero, one per parameter, with the parameter's shape; they are kept in a dict with the keys of
# the gradients: `v["dW1"]`, `v["db1"]`, ...
#
# **Exercise.** Write `initialize_velocity` and `update_parameters_with_momentum`.

# %% solution id=initialize_velocity
def initialize_velocity(parameters):
    """Zero velocities for gradient descent with momentum.

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.

    Returns
    -------
    v : dict of ndarray
        {"dW1": zeros of W1's shape, "db1": zeros of b1's shape, ...}: one entry per parameter,
        keyed like the gradients.

    Hint: the network has L = len(parameters) // 2 layers; np.zeros(shape) makes an array of zeros.
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
    ### END SOLUTION


# %% tests id=test_initialize_velocity points=1

# %% solution id=update_parameters_with_momentum
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    For every parameter P in W1, b1, ..., WL, bL:
        v["dP"] = beta * v["dP"] + (1 - beta) * grads["dP"]
        P = P - learning_rate * v["dP"]

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    grads : dict of ndarray
        {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}, the gradients at `parameters`.
    v : dict of ndarray
        The velocities {"dW1", "db1", ...} from the previous step (zeros at the first step).
    beta : float
        The momentum, in [0, 1); 0.9 is the usual value.
    learning_rate : float
        The learning rate alpha.

    Returns
    -------
    parameters : dict of ndarray
        The updated parameters, in a new dict.
    v : dict of ndarray
        The updated velocities, in a new dict.

    Hint: update the velocity first, then step with the NEW velocity. Build new dicts: write
    new_parameters[key] = ... rather than changing parameters[key] (and never use -= on the arrays
    you were given).
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    new_parameters, new_v = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = p + str(l)
            new_v["d" + key] = beta * v["d" + key] + (1 - beta) * grads["d" + key]
            new_parameters[key] = parameters[key] - learning_rate * new_v["d" + key]
    return new_parameters, new_v
    ### END SOLUTION


# %% tests id=test_update_parameters_with_momentum points=2

# %% [markdown]
# ## 3. RMSprop
#
# Momentum smooths the *direction* of the steps. RMSprop (root mean square propagation) adapts
# their *size*, separately for every parameter. It keeps an exponentially weighted average of the
# **squared** gradients, entry by entry, and divides each step by its square root:
#
# $$s_{dW} = \beta\, s_{dW} + (1 - \beta)\, dW^2, \qquad W = W - \alpha\, \frac{dW}{\sqrt{s_{dW}} + \varepsilon}$$
#
# (and the same for every $b$). $\sqrt{s_{dW}}$ is the running *root mean square* of the gradient of
# each weight. In a direction where the gradients are large (the steep walls of the valley), the
# steps are divided by a large number and shrink; in a direction where they are small (the flat
# floor of the valley, or the neighbourhood of a saddle point), they are divided by a small number
# and grow. Roughly, every parameter moves by about $\alpha$ per step, whatever the scale of its
# gradient. $\varepsilon$ (e.g. $10^{-8}$) is added *after* the square root only to avoid a division
# by zero. The same $\beta$ symbol is reused; a common value here is 0.9 or 0.999.
#
# **Exercise.** Write `initialize_rmsprop` (like the velocities: zeros, keyed like the gradients)
# and `update_parameters_with_rmsprop`.

# %% solution id=initialize_rmsprop
def initialize_rmsprop(parameters):
    """Zero running averages of the squared gradients, for RMSprop.

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.

    Returns
    -------
    s : dict of ndarray
        {"dW1": zeros of W1's shape, "db1": zeros of b1's shape, ...}.

    Hint: exactly the same as initialize_velocity.
    """
    ### BEGIN SOLUTION
    s = {}
    for key, value in parameters.items():
        s["d" + key] = np.zeros(value.shape)
    return s
    ### END SOLUTION


# %% tests id=test_initialize_rmsprop points=1

# %% solution id=update_parameters_with_rmsprop
def update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon=1e-8):
    """One step of RMSprop.

    For every parameter P in W1, b1, ..., WL, bL (the square and the root are entry by entry):
        s["dP"] = beta * s["dP"] + (1 - beta) * grads["dP"] ** 2
        P = P - learning_rate * grads["dP"] / (sqrt(s["dP"]) + epsilon)

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    grads : dict of ndarray
        {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    s : dict of ndarray
        The running averages of the squared gradients from the previous step (zeros at first).
    beta : float
        Decay of the average, in [0, 1).
    learning_rate : float
        The learning rate alpha.
    epsilon : float, default 1e-8
        Added after the square root, to avoid dividing by zero.

    Returns
    -------
    parameters : dict of ndarray
        The updated parameters, in a new dict.
    s : dict of ndarray
        The updated running averages, in a new dict.

    Hint: update s first, then step with the new s. np.sqrt works entry by entry.
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    new_parameters, new_s = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = p + str(l)
            g = grads["d" + key]
            new_s["d" + key] = beta * s["d" + key] + (1 - beta) * g ** 2
            new_parameters[key] = parameters[key] - learning_rate * g / (np.sqrt(new_s["d" + key]) + epsilon)
    return new_parameters, new_s
    ### END SOLUTION


# %% tests id=test_update_parameters_with_rmsprop points=2

# %% [markdown]
# ## 4. Adam
#
# **Adam** (adaptive moment estimation) combines the two: a momentum-like average of the gradients
# $v$ (the *first moment*) and an RMSprop-like average of their squares $s$ (the *second moment*),
# each with its own decay, then a step in the direction of $v$ scaled by $1/\sqrt{s}$. At step
# $t = 1, 2, 3, \dots$, for every parameter:
#
# $$v_{dW} = \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad s_{dW} = \beta_2 s_{dW} + (1 - \beta_2)\, dW^2,$$
#
# $$\hat v_{dW} = \frac{v_{dW}}{1 - \beta_1^{\,t}}, \qquad \hat s_{dW} = \frac{s_{dW}}{1 - \beta_2^{\,t}}, \qquad W = W - \alpha\, \frac{\hat v_{dW}}{\sqrt{\hat s_{dW}} + \varepsilon}.$$
#
# ### Why the bias correction
#
# Both averages start at 0, so at first they are far too small: after one step $v = (1-\beta_1)\,dW =
# 0.1\,dW$ and $s = (1-\beta_2)\,dW^2 = 0.001\,dW^2$. In general, if the gradient were a constant $g$,
# $v_t = (1 - \beta_1^{\,t})\,g$: dividing by $1 - \beta_1^{\,t}$ gives back exactly $g$. The
# correction matters only early: $\beta_1^{\,t}$ is below 0.01 after 44 steps, but $\beta_2^{\,t}$,
# with $\beta_2 = 0.999$, takes about 4600 steps to get there. Without it, the *ratio*
# $v / \sqrt{s}$ in the update is off by $\frac{1 - \beta_1^t}{\sqrt{1 - \beta_2^t}}$, which is
# $0.1 / \sqrt{0.001} \approx 3.2$ at the first step: the first steps, taken when the averages
# know least, would be several times too large. Note that `v` and `s` themselves stay uncorrected from
# step to step; $\hat v$ and $\hat s$ are computed for the current update only.
#
# ### The hyperparameters
#
# | hyperparameter | role | usual value |
# |---|---|---|
# | $\alpha$ (`learning_rate`) | step size | **must be tuned**; 0.001 to 0.01 are common starts |
# | $\beta_1$ (`beta1`) | decay of the gradient average | 0.9 |
# | $\beta_2$ (`beta2`) | decay of the squared-gradient average | 0.999 |
# | $\varepsilon$ (`epsilon`) | avoids division by zero | $10^{-8}$ |
#
# In practice only $\alpha$ is tuned; the other three are left at these values.
#
# **Exercise.** Write `initialize_adam` (two dicts of zeros, `v` and `s`) and
# `update_parameters_with_adam`.

# %% solution id=initialize_adam
def initialize_adam(parameters):
    """Zero first and second moments for Adam.

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.

    Returns
    -------
    v : dict of ndarray
        {"dW1": zeros, "db1": zeros, ...}, the running average of the gradients.
    s : dict of ndarray
        {"dW1": zeros, "db1": zeros, ...}, the running average of the squared gradients
        (separate arrays from those of v).
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
    ### END SOLUTION


# %% tests id=test_initialize_adam points=1

# %% solution id=update_parameters_with_adam
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    """One step of Adam, with bias correction.

    For every parameter P in W1, b1, ..., WL, bL (squares and roots entry by entry):
        v["dP"] = beta1 * v["dP"] + (1 - beta1) * grads["dP"]
        s["dP"] = beta2 * s["dP"] + (1 - beta2) * grads["dP"] ** 2
        v_hat = v["dP"] / (1 - beta1 ** t),   s_hat = s["dP"] / (1 - beta2 ** t)
        P = P - learning_rate * v_hat / (sqrt(s_hat) + epsilon)

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}.
    grads : dict of ndarray
        {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    v, s : dict of ndarray
        The first and second moments from the previous step, uncorrected (zeros at the first step).
    t : int
        The number of this step, counting from 1 (the first update has t = 1).
    learning_rate : float, default 0.01
    beta1 : float, default 0.9
    beta2 : float, default 0.999
    epsilon : float, default 1e-8

    Returns
    -------
    parameters : dict of ndarray
        The updated parameters, in a new dict.
    v, s : dict of ndarray
        The updated moments, UNcorrected, in new dicts.

    Hint: v_hat and s_hat are local variables used only for this step's update; what you store
    in the returned v and s are the plain running averages.
    """
    ### BEGIN SOLUTION
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
    ### END SOLUTION


# %% tests id=test_update_parameters_with_adam points=3

# %% [markdown]
# ### The bias correction, seen
#
# The cell below feeds your `update_parameters_with_adam` a stream of noisy gradients for a single
# weight, with mean 1 and root mean square about 1.1, and plots what it returns: the raw averages
# $v$ and $\sqrt{s}$, their corrected versions, and the resulting step
# $\hat v / (\sqrt{\hat s} + \varepsilon)$ against the uncorrected $v / (\sqrt{s} + \varepsilon)$.

# %%
rng_adam = np.random.default_rng(5)
gradients = 1.0 + 0.5 * rng_adam.normal(size=60)
p_adam = {"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}
v_adam, s_adam = initialize_adam(p_adam)
raw_v, raw_s = [], []
for t, g in enumerate(gradients, start=1):
    grads_adam = {"dW1": np.array([[g]]), "db1": np.zeros((1, 1))}
    p_adam, v_adam, s_adam = update_parameters_with_adam(p_adam, grads_adam, v_adam, s_adam, t)
    raw_v.append(float(v_adam["dW1"][0, 0]))
    raw_s.append(float(s_adam["dW1"][0, 0]))
t_axis = np.arange(1, len(gradients) + 1)
raw_v, raw_s = np.array(raw_v), np.array(raw_s)
v_hat, s_hat = raw_v / (1 - 0.9 ** t_axis), raw_s / (1 - 0.999 ** t_axis)

fig, axes = plt.subplots(1, 3, figsize=(14, 3.9))
axes[0].plot(t_axis, gradients, ".", color="0.6", label="gradient dW")
axes[0].plot(t_axis, raw_v, label="v (raw)")
axes[0].plot(t_axis, v_hat, label=r"$\hat v$ (corrected)")
axes[0].axhline(1.0, color="k", ls=":", lw=1, label="true mean")
axes[0].set(xlabel="step t", title=r"First moment, $\beta_1$ = 0.9")
axes[0].legend(fontsize=8)
axes[1].plot(t_axis, np.sqrt(raw_s), label=r"$\sqrt{s}$ (raw)")
axes[1].plot(t_axis, np.sqrt(s_hat), label=r"$\sqrt{\hat s}$ (corrected)")
axes[1].axhline(np.sqrt(1.25), color="k", ls=":", lw=1, label="true root mean square")
axes[1].set(xlabel="step t", ylim=(0, 1.6), title=r"Second moment, $\beta_2$ = 0.999")
axes[1].legend(fontsize=8)
axes[2].plot(t_axis, raw_v / (np.sqrt(raw_s) + 1e-8), label=r"$v / \sqrt{s}$ (no correction)")
axes[2].plot(t_axis, v_hat / (np.sqrt(s_hat) + 1e-8), label=r"$\hat v / \sqrt{\hat s}$ (Adam)")
axes[2].set(xlabel="step t", ylabel="step / learning rate", title="The step Adam takes")
axes[2].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# The raw $v$ catches up after some twenty steps, but with $\beta_2 = 0.999$ the raw $\sqrt{s}$ is
# still far below its true value after 60 steps; the corrected averages are about right from the
# first step. Without the correction the step would start three times too large, grow to about six
# times, and come down only over thousands of steps; with it, the step is about $\alpha$ from the
# start (here the gradient has a constant sign, so $\hat v / \sqrt{\hat s}$ is close to 1).
#
# **Check your understanding.** With $\beta_1 = 0.9$ and $v$ starting at 0, a parameter's gradient
# is 1.0 at step 1 and 1.0 at step 2. What are $v$ and $\hat v$ after step 2? Answer with the tuple
# `(v, v_hat)`.

# %% solution id=q_bias_correction
# Set q_bias_correction to your answer, a tuple of two numbers.
### BEGIN SOLUTION
q_bias_correction = (0.19, 1.0)
### END SOLUTION

# %% tests id=test_q_bias_correction points=1

# %% [markdown]
# **Check your understanding.** A network is trained with Adam, `learning_rate = 0.01` and the
# default betas. At the very first step ($t = 1$, $v$ and $s$ start at zero) one of its weights has
# the gradient $dW = -3$. By how much does Adam change that weight, $W_{\text{new}} - W_{\text{old}}$
# ($\varepsilon$ is negligible)? Then ask yourself whether the answer would change if the gradient
# were $-300$.

# %% solution id=q_adam_first_step
# Set q_adam_first_step to your answer, a number (the signed change of the weight).
### BEGIN SOLUTION
q_adam_first_step = 0.01
### END SOLUTION

# %% tests id=test_q_adam_first_step points=1

# %% [markdown]
# ## 5. A race on two surfaces
#
# To watch the four optimisers side by side, give them a cost of two parameters $(w_1, w_2)$ and
# draw their paths over its contours. Your update functions expect a network's parameters, so the
# point is stored as the weight matrix of a tiny network: `{"W1": [[w1, w2]], "b1": [[0]]}`, with the
# gradient `{"dW1": [[dJ/dw1, dJ/dw2]], "db1": [[0]]}` (the bias never moves). Plain gradient
# descent is `update_parameters_with_gd` from nnkit: $W = W - \alpha\, dW$.
#
# The two surfaces:
#
# - an **ill-conditioned valley**, $J = 0.01\,w_1^2 + w_2^2$: a hundred times steeper across ($w_2$)
#   than along ($w_1$). Plain gradient descent cannot use a learning rate above 1 here (its steps
#   across the valley would grow without bound), and with that learning rate it crawls along;
# - a **saddle point**, $J = w_1^2 + 0.1\,(w_2^2 - 1)^2$: the origin is a minimum along $w_1$ but a
#   maximum along $w_2$, and the two real minima are at $(0, \pm 1)$. The start is almost exactly on
#   the ridge ($w_2 = 10^{-4}$), where the gradient along $w_2$ is tiny. In a network with millions
#   of parameters, most points where the gradient vanishes are saddles like this, not local minima,
#   and the flat regions around them slow training down.
#
# Each optimiser gets a learning rate that suits it on each surface (tuning it is part of using
# it); momentum and RMSprop use $\beta = 0.9$, Adam the defaults.

# %%
def run_optimizer(grad_fn, start, method, learning_rate, num_steps, beta=0.9):
    """The path of one optimiser from `start`, driven by your update functions."""
    parameters = {"W1": np.array([start], dtype=float), "b1": np.zeros((1, 1))}
    if method == "momentum":
        v = initialize_velocity(parameters)
    elif method == "rmsprop":
        s = initialize_rmsprop(parameters)
    elif method == "adam":
        v, s = initialize_adam(parameters)
    path = [parameters["W1"][0].copy()]
    for t in range(1, num_steps + 1):
        grads = {"dW1": grad_fn(parameters["W1"]), "db1": np.zeros((1, 1))}
        if method == "gd":
            parameters = update_parameters_with_gd(parameters, grads, learning_rate)
        elif method == "momentum":
            parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
        elif method == "rmsprop":
            parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate)
        else:
            parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
        path.append(parameters["W1"][0].copy())
    return np.array(path)


def valley(w1, w2):
    return 0.01 * w1 ** 2 + w2 ** 2


def valley_grad(W):
    return np.array([[0.02 * W[0, 0], 2 * W[0, 1]]])


def saddle(w1, w2):
    return w1 ** 2 + 0.1 * (w2 ** 2 - 1) ** 2


def saddle_grad(W):
    return np.array([[2 * W[0, 0], 0.4 * W[0, 1] * (W[0, 1] ** 2 - 1)]])


NAMES = {"gd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}
races = {
    "valley": (valley, valley_grad, (-9.0, 2.0), 60, {"gd": 0.95, "momentum": 1.5, "rmsprop": 0.3, "adam": 0.5},
               (-10, 2), (-2.5, 2.5)),
    "saddle": (saddle, saddle_grad, (-2.0, 1e-4), 60, {"gd": 0.4, "momentum": 0.4, "rmsprop": 0.05, "adam": 0.05},
               (-2.3, 1.0), (-0.4, 1.4)),
}
fig, axes = plt.subplots(2, 2, figsize=(13, 9.5))
for col, (surface, (f, grad_fn, start, n, rates, xlim, ylim)) in enumerate(races.items()):
    paths = {f"{NAMES[k]} ($\\alpha$ = {lr})": run_optimizer(grad_fn, start, k, lr, n) for k, lr in rates.items()}
    plot_loss_surface_paths(f, paths, xlim=xlim, ylim=ylim, ax=axes[0, col],
                            title=f"The {surface}: {n} steps from {start}")
    axes[0, col].legend(loc="upper right" if surface == "valley" else "center left", fontsize=9)
    for name, path in paths.items():
        axes[1, col].plot(f(path[:, 0], path[:, 1]), label=name)
    axes[1, col].set(xlabel="step", ylabel="J (log scale)", yscale="log", title=f"The cost on the {surface}")
    axes[1, col].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# **In the valley**, gradient descent zigzags across the valley at every step (its learning rate
# is at the edge of stability for the steep direction) while creeping along the floor: after 60
# steps it is still at $w_1 \approx -3$. Momentum turns the zigzag into a slow swing that dies
# out, and that damping lets it use a learning rate of 1.5, where gradient descent would diverge;
# it travels much further along the floor. RMSprop rescales each coordinate by its own gradient
# size: the steep $w_2$ gets small steps, the flat $w_1$ large ones, and it heads almost straight
# for the minimum. Adam does the same, with the swing of its momentum term on top.
#
# **At the saddle**, gradient descent and momentum slide down the $w_1$ direction to the ridge
# (momentum overshooting back and forth along it). There the gradient along $w_2$ is of the order
# of $10^{-4}$ or less: they sit on the plateau, their cost flat at 0.1, for dozens of steps until the
# instability grows large enough to tip them off; momentum has not left it after 60 steps. RMSprop
# and Adam divide that tiny gradient by its own tiny root mean square, so they move along $w_2$ at
# normal speed from the very first step and never visit the saddle at all.
#
# ## 6. On a real task: the moons
#
# Finally, a real network: $2 \to 16 \to 8 \to 1$ with ReLU hidden layers and a sigmoid output
# (`L_model_forward` and `L_model_backward` from nnkit, which you will write yourself in notebook
# 07), on 300 points of two interleaved half-moons. Each optimiser trains it with your
# `random_mini_batches` (batches of 64) and your update functions, for 100 epochs, all with the
# same learning rate $\alpha = 0.01$.

# %%
X_moons, Y_moons = make_moons(300, noise=0.2, seed=1)
MOON_LAYERS = [2, 16, 8, 1]


def train_moons(method, learning_rate=0.01, num_epochs=100, mini_batch_size=64, beta=0.9, seed=3):
    """Mini-batch training of the moons network with one optimiser. Returns parameters and costs."""
    parameters = initialize_parameters_deep(MOON_LAYERS, seed)
    rng = np.random.default_rng(seed)
    if method == "momentum":
        v = initialize_velocity(parameters)
    elif method == "rmsprop":
        s = initialize_rmsprop(parameters)
    elif method == "adam":
        v, s = initialize_adam(parameters)
    t, m, costs = 0, X_moons.shape[1], []
    for epoch in range(num_epochs):
        total = 0.0
        for X_b, Y_b in random_mini_batches(X_moons, Y_moons, mini_batch_size, rng):
            AL, caches = L_model_forward(X_b, parameters)
            total += binary_cross_entropy(AL, Y_b) * X_b.shape[1]
            grads = L_model_backward(AL, Y_b, caches)
            grads = {k: g for k, g in grads.items() if not k.startswith("dA")}
            t += 1
            if method == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif method == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)
            elif method == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate)
            else:
                parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t, learning_rate)
        costs.append(total / m)                          # the mean of the mini-batch costs of the epoch
    return parameters, costs


trained = {method: train_moons(method) for method in NAMES}

fig, ax = plt.subplots(figsize=(8, 4.2))
for method, (_, costs) in trained.items():
    ax.plot(range(1, len(costs) + 1), costs, label=NAMES[method])
ax.set(xlabel="epoch", ylabel="cost (log scale)", yscale="log",
       title="Learning curves on the moons, learning rate 0.01 for all")
ax.set_yticks([0.05, 0.1, 0.2, 0.4, 0.7], ["0.05", "0.1", "0.2", "0.4", "0.7"])
ax.minorticks_off()
ax.legend()
plt.show()

fig, axes = plt.subplots(2, 2, figsize=(11, 9))
for ax, (method, (params, costs)) in zip(axes.ravel(), trained.items()):
    plot_decision_boundary(lambda P, params=params: L_model_forward(P, params)[0], X_moons, Y_moons, ax=ax,
                           resolution=120, colorbar=False,
                           title=f"{NAMES[method]}: cost {costs[-1]:.3f}, training accuracy "
                                 f"{np.mean((L_model_forward(X_moons, params)[0] > 0.5) == Y_moons):.0%}")
plt.tight_layout()
plt.show()

# %% [markdown]
# With the same learning rate, RMSprop and Adam have found the curved boundary while gradient
# descent and momentum are still near a rough, almost straight one. Momentum's curve lies on top of
# gradient descent's: with $v = \beta v + (1 - \beta)\,dW$, a consistent gradient gives the same
# step size as gradient descent, so momentum only pays off when it lets you raise the learning rate
# (try `train_moons("momentum", learning_rate=0.1)`). Adaptive methods are much less sensitive to
# the learning rate, which is a large part of why Adam is the default choice in practice. The
# curves are jagged because each epoch's cost is the mean over mini-batches that change every epoch.
#
# Try it yourself: other learning rates (`train_moons("gd", learning_rate=0.3)`), other batch sizes
# (`mini_batch_size=300` is batch gradient descent, `1` is stochastic), another `beta`.
#
# ## Summary
#
# - **Mini-batch gradient descent** takes one step per mini-batch of $b$ examples: $b = m$ is batch
#   gradient descent (exact, slow steps), $b = 1$ stochastic gradient descent (cheap, noisy steps
#   that never settle with a constant learning rate). Shuffle $X$ and $Y$ with one permutation every
#   epoch, and keep the last, smaller batch.
# - An **exponentially weighted average** $v = \beta v + (1 - \beta)\,\theta$ averages over about
#   $\frac{1}{1-\beta}$ values and starts biased towards 0.
# - **Momentum**: $v = \beta v + (1 - \beta)\,dW$, $W = W - \alpha v$. It damps oscillations and
#   allows larger learning rates; $\beta = 0.9$.
# - **RMSprop**: $s = \beta s + (1 - \beta)\,dW^2$, $W = W - \alpha\,dW / (\sqrt{s} + \varepsilon)$.
#   Each parameter's step is scaled by its own gradient size.
# - **Adam** combines both, with the bias corrections $\hat v = v / (1 - \beta_1^t)$ and
#   $\hat s = s / (1 - \beta_2^t)$ ($t$ from 1), which matter in the first steps:
#   $W = W - \alpha\,\hat v / (\sqrt{\hat s} + \varepsilon)$. Tune $\alpha$; keep $\beta_1 = 0.9$,
#   $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$.
# - Adaptive methods cross ill-conditioned valleys and leave saddle points quickly, and are less
#   sensitive to the learning rate.
#
# ## Next
#
# In **07 · The deep network** you write the L-layer network itself, layer by layer, forward and
# backward, and train it with Adam and mini-batches on the circles data, watching its decision
# boundary form.
