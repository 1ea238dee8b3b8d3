# %% [markdown]
# # 05 · Regularisation: L2 and dropout
#
# *About 75 minutes.*
#
# A network with a few thousand parameters can fit almost any set of sixty points, including the
# points whose labels are simply wrong. It then knows its training set by heart and does worse on
# new data than a simpler model would. This is **overfitting**, and the techniques that fight it are
# called **regularisation**. This notebook shows overfitting happen, then builds the two
# regularisers you will use most: the L2 penalty on the weights and dropout.
#
# **What you will learn**
#
# - how to recognise overfitting: high training accuracy, lower dev accuracy, a dev cost that
#   rises while the training cost falls, and a decision boundary that bends around single points;
# - L2 regularisation: the cost term $\frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_F^2$, its
#   gradient $\frac{\lambda}{m} W^{[l]}$, why it is also called *weight decay*, and why small
#   weights make a simpler function;
# - inverted dropout: the random mask, the division by `keep_prob`, the backward pass through the
#   same mask, why nothing is dropped at test time, and why the cost curve stops being a reliable
#   monitor while dropout is on;
# - how to choose $\lambda$ and `keep_prob` from training and dev curves.
#
# **How this notebook works.** Each exercise is a function with a docstring: write its body in
# place of `raise NotImplementedError()`, run the cell, then run the test cell below it. A green ✔
# line means your function agrees with the reference on every visible check; a red message says what
# differs, on which input, and often which well-known slip it looks like. Run the cells from top to
# bottom: the experiments train networks with the functions you write.

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.datasets import make_noisy
from nnkit.deep import initialize_parameters_deep
from nnkit.plots import plot_decision_boundary

from grader.check import Checker
check = Checker("05_regularization")

# %% [markdown]
# ## 1. Overfitting made visible
#
# The data set is small and noisy on purpose: 60 points in the plane, two classes separated by a
# gently curved boundary, with about 10 % of the labels flipped. No boundary can get those flipped
# points right without getting new points wrong. Two more sets, drawn from the same distribution,
# play the part of *new data*; the network never trains on either:
#
# - the **dev set** (500 points, for *development*, also called the validation set) is what we
#   watch while training and what we use to choose hyperparameters such as $\lambda$ and
#   `keep_prob`. Because we choose by it, it slowly stops being new: the choice fits its noise a
#   little;
# - the **test set** (500 more points) is kept locked away and looked at **once**, at the very end
#   (section 4), to report how well the chosen network does on data that influenced nothing.

# %%
X_train, Y_train = make_noisy(60, seed=2)
X_dev, Y_dev = make_noisy(500, seed=99)
X_test, Y_test = make_noisy(500, seed=7)     # locked away until the end of section 4
print("X_train:", X_train.shape, " X_dev:", X_dev.shape, " X_test:", X_test.shape)

fig, ax = plt.subplots(figsize=(6, 4.5))
for label, color in ((0, "tab:red"), (1, "tab:blue")):
    sel = Y_dev[0] == label
    ax.scatter(X_dev[0, sel], X_dev[1, sel], s=6, c=color, alpha=0.15)
    sel = Y_train[0] == label
    ax.scatter(X_train[0, sel], X_train[1, sel], s=40, c=color, edgecolors="k", label=f"training, y = {label}")
grid = np.linspace(-1.2, 1.2, 200)
ax.plot(grid, 0.4 * np.sin(np.pi * grid), "k--", lw=1, label="the true boundary")
ax.set(xlabel="$x_1$", ylabel="$x_2$", title="60 training points (large) and the dev set (faint)")
ax.legend(loc="lower right", fontsize=8)
plt.show()

# %% [markdown]
# ### The network, and a training loop you can read
#
# The model is deliberately too big for 60 points: $2 \to 50 \to 50 \to 1$, tanh in the two hidden
# layers, a sigmoid output, about 2,800 parameters. The code below is the forward and backward pass
# you derived in `04_two_layer_backprop`, written for any number of tanh layers, with two hooks for
# this notebook:
#
# - `forward(..., keep_prob, rng)` calls **your** `dropout_forward` after every hidden layer when
#   `keep_prob < 1`, and `backward` calls **your** `dropout_backward` with the same masks;
# - `train_network(..., lambd)` adds **your** `l2_penalty` to the cost and passes the gradients
#   through **your** `l2_gradients` when `lambd > 0`.
#
# With `lambd=0` and `keep_prob=1` (the defaults) none of your functions is needed, so you can run
# it now. Read it once; the comments give the formulas. The cost is the cross-entropy
# $J = -\frac{1}{m}\sum_i \big(y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})\big)$, and
# $dZ^{[L]} = A^{[L]} - Y$ for the sigmoid output, as in notebook 02.

# %%
def forward(X, parameters, keep_prob=1.0, rng=None):
    """[LINEAR -> TANH (-> DROPOUT)] x (L-1) -> LINEAR -> SIGMOID. Returns AL (1, m) and the caches."""
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L):
        T = np.tanh(parameters[f"W{l}"] @ A + parameters[f"b{l}"])     # A[l] = tanh(W[l] A[l-1] + b[l])
        mask = None
        A_prev, A = A, T
        if keep_prob < 1:
            A, mask = dropout_forward(T, keep_prob, rng)               # your function (section 3)
        caches.append((A_prev, T, mask))
    Z = parameters[f"W{L}"] @ A + parameters[f"b{L}"]
    AL = 1 / (1 + np.exp(-Z))
    caches.append((A, AL, None))
    return AL, caches


def backward(AL, Y, parameters, caches, keep_prob=1.0):
    """Gradients {"dW1", "db1", ...} of the cross-entropy, back through the same dropout masks."""
    L, m = len(caches), Y.shape[1]
    grads = {}
    dZ = AL - Y                                                        # dZ[L] = A[L] - Y
    for l in range(L, 0, -1):
        A_prev = caches[l - 1][0]
        grads[f"dW{l}"] = dZ @ A_prev.T / m                           # dW[l] = (1/m) dZ[l] A[l-1]^T
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dA = parameters[f"W{l}"].T @ dZ                           # dA[l-1] = W[l]^T dZ[l]
            _, T, mask = caches[l - 2]
            if mask is not None:
                dA = dropout_backward(dA, mask, keep_prob)             # your function (section 3)
            dZ = dA * (1 - T ** 2)                                     # tanh'(z) = 1 - tanh(z)^2
    return grads


def cross_entropy(AL, Y):
    AL = np.clip(AL, 1e-12, 1 - 1e-12)
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def accuracy(parameters, X, Y):
    return float(np.mean((forward(X, parameters)[0] > 0.5) == Y))


def train_network(X, Y, layer_dims, num_iterations=1000, learning_rate=0.4, lambd=0.0, keep_prob=1.0,
                  seed=0, X_dev=None, Y_dev=None, record_every=25):
    """Gradient descent on the whole training set. Returns the parameters and a history:
    "J" the cost of every step (with dropout: of that step's thinned network), and every
    record_every steps ("iteration") the cross-entropy of the whole network on the training
    set ("train_cost") and on the dev set ("dev_cost")."""
    parameters = initialize_parameters_deep(layer_dims, seed)
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    history = {"J": [], "iteration": [], "train_cost": [], "dev_cost": []}
    for i in range(num_iterations + 1):
        AL, caches = forward(X, parameters, keep_prob, rng)
        J = cross_entropy(AL, Y)                                       # the cost this step minimises
        if lambd > 0:
            J += l2_penalty(parameters, lambd, m)                      # your function (section 2)
        history["J"].append(J)
        if X_dev is not None and i % record_every == 0:
            history["iteration"].append(i)
            history["train_cost"].append(cross_entropy(forward(X, parameters)[0], Y))
            history["dev_cost"].append(cross_entropy(forward(X_dev, parameters)[0], Y_dev))
        if i == num_iterations:
            break
        grads = backward(AL, Y, parameters, caches, keep_prob)
        if lambd > 0:
            grads = l2_gradients(grads, parameters, lambd, m)          # your function (section 2)
        parameters = {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}
    return parameters, history


LAYERS = [2, 50, 50, 1]

# %% [markdown]
# Train it without any regularisation, and watch two curves: the cost on the training set and the
# same cross-entropy measured on the dev set.

# %%
params_plain, hist_plain = train_network(X_train, Y_train, LAYERS, X_dev=X_dev, Y_dev=Y_dev)
print(f"no regularisation: train accuracy {accuracy(params_plain, X_train, Y_train):.1%}, "
      f"dev accuracy {accuracy(params_plain, X_dev, Y_dev):.1%}")


def show_boundary(ax, parameters, title):
    """The network's P(y = 1 | x) over the plane, its boundary, and the training points."""
    plot_decision_boundary(lambda X: forward(X, parameters)[0], X_train, Y_train, ax=ax, resolution=120,
                           title=f"{title}: train {accuracy(parameters, X_train, Y_train):.0%}, "
                                 f"dev {accuracy(parameters, X_dev, Y_dev):.0%}")


fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
axes[0].plot(hist_plain["iteration"], hist_plain["train_cost"], label="training set")
axes[0].plot(hist_plain["iteration"], hist_plain["dev_cost"], label="dev set")
best = int(np.argmin(hist_plain["dev_cost"]))
axes[0].axvline(hist_plain["iteration"][best], color="gray", ls=":", label="lowest dev cost")
axes[0].set(xlabel="iteration", ylabel="cross-entropy cost", title="The two costs part ways")
axes[0].legend()
show_boundary(axes[1], params_plain, "No regularisation")
plt.tight_layout()
plt.show()

# %% [markdown]
# Both pictures say the same thing. On the left, the training cost keeps falling, towards 0, while
# the dev cost stops falling early and then *rises*: from that point on, every step fits the
# particular noise of these 60 points better and the underlying pattern worse. On the right, the
# boundary makes detours to enclose single points of the wrong colour. Those are mostly the flipped
# labels; a new point that falls in such a pocket is misclassified.
#
# In the language of bias and variance: this network has low **bias** (it can represent the true
# boundary) and high **variance** (what it learns depends strongly on which 60 points it saw).
# More data is the best cure for variance, but it is often unavailable. Regularisation is the other
# cure: it makes the network prefer simpler functions, so it trades a little bias for much less
# variance.
#
# ## 2. L2 regularisation
#
# L2 regularisation adds to the cost a penalty on the size of the weights:
#
# $$J_{\text{L2}} = \underbrace{-\frac{1}{m}\sum_{i=1}^{m}\Big(y^{(i)}\log a^{[L](i)} + (1 - y^{(i)})\log\big(1 - a^{[L](i)}\big)\Big)}_{\text{cross-entropy}} \;+\; \underbrace{\frac{\lambda}{2m}\sum_{l=1}^{L}\big\lVert W^{[l]}\big\rVert_F^2}_{\text{L2 penalty}}$$
#
# where $\lVert W \rVert_F^2 = \sum_{j}\sum_{k} W_{jk}^2$ is the squared **Frobenius norm**, the sum of
# the squares of all the entries of the matrix. Some remarks on the formula:
#
# - $\lambda \ge 0$ is a new hyperparameter, the *regularisation strength*; $\lambda = 0$ is the
#   unregularised network. In code it is called `lambd`, because `lambda` is a Python keyword.
# - The penalty is divided by $m$, but that does **not** keep the two terms in balance whatever
#   $m$ is: the cross-entropy is a *mean* over the examples, so it stays about the same size as $m$
#   grows, while $\frac{\lambda}{2m}\lVert W \rVert_F^2$ shrinks like $1/m$. With the same $\lambda$,
#   more data means weaker regularisation, which is what we want (more data is itself a cure for
#   overfitting), but it also means a $\lambda$ tuned for one training-set size (or one mini-batch
#   size, if $m$ is taken per batch) must be tuned again for another. The $\frac{1}{2}$ is there
#   for a cleaner derivative.
# - Only the weights are penalised, not the biases: the biases are few (one per unit against one per
#   connection) and do not make the function wiggle; penalising them changes almost nothing.
#
# **Exercise.** Write `l2_penalty`, the second term only.

# %% solution id=l2_penalty
def l2_penalty(parameters, lambd, m):
    """The L2 penalty (lambd / (2m)) * sum over the layers of ||W[l]||_F^2.

    Parameters
    ----------
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ..., "WL": (n_L, n_{L-1}), "bL": (n_L, 1)}.
        Only the W's are penalised.
    lambd : float
        The regularisation strength lambda, >= 0.
    m : int
        The number of training examples.

    Returns
    -------
    penalty : float
        The number to add to the cross-entropy cost.

    Hint: the network has L = len(parameters) // 2 layers. ||W||_F^2 is the sum of the squares of
    all the entries of W; add it up over the layers, then multiply by lambd / (2m), with the
    parentheses in the right place.
    """
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    total = 0.0
    for l in range(1, L + 1):
        total += np.sum(np.square(parameters["W" + str(l)]))
    return float(lambd / (2 * m) * total)
    ### END SOLUTION


# %% tests id=test_l2_penalty points=1

# %% [markdown]
# ### The gradient, and why L2 is called weight decay
#
# The cross-entropy does not change, so neither do its gradients; the penalty only adds its own
# derivative. For one weight, $\frac{\partial}{\partial W_{jk}}\,\frac{\lambda}{2m} W_{jk}^2 = \frac{\lambda}{m} W_{jk}$,
# so for a whole layer
#
# $$dW^{[l]}_{\text{L2}} = \underbrace{dW^{[l]}}_{\text{from backprop}} + \frac{\lambda}{m} W^{[l]}, \qquad db^{[l]}_{\text{L2}} = db^{[l]} .$$
#
# (Here is the $\frac{1}{2}$ at work: the 2 from the square cancels it.) Put this gradient into the
# gradient-descent step and collect the terms in $W^{[l]}$:
#
# $$W^{[l]} \leftarrow W^{[l]} - \alpha\Big(dW^{[l]} + \frac{\lambda}{m} W^{[l]}\Big) = \Big(1 - \frac{\alpha\lambda}{m}\Big) W^{[l]} - \alpha\, dW^{[l]} .$$
#
# Each step first multiplies the weights by a number slightly smaller than 1, then takes the usual
# step. Every weight that the data does not actively hold up *decays* geometrically towards 0; hence
# the other name of L2 regularisation, **weight decay**.
#
# **Exercise.** Write `l2_gradients`. It receives the gradients of the cross-entropy (from
# `backward`) and returns those of the regularised cost, in a **new** dict: build a new dict rather
# than changing the one you were given (the caller may still need it).

# %% solution id=l2_gradients
def l2_gradients(grads, parameters, lambd, m):
    """The gradients of the L2-regularised cost: (lambd / m) W[l] added to every dW[l].

    Parameters
    ----------
    grads : dict of ndarray
        The gradients of the cross-entropy: {"dW1": (n_1, n_0), "db1": (n_1, 1), ...}.
    parameters : dict of ndarray
        {"W1": (n_1, n_0), "b1": (n_1, 1), ...}, the weights the gradients were computed at.
    lambd : float
        The regularisation strength, >= 0.
    m : int
        The number of training examples.

    Returns
    -------
    grads_l2 : dict of ndarray
        A new dict with the same keys: dW[l] + (lambd / m) W[l] for every "dW{l}", and every db[l]
        unchanged. The dicts passed in are not modified.

    Hint: copy the dict first (dict(grads) makes a new dict holding the same arrays); then, for
    each layer, store a new array under "dW{l}" (an assignment, not +=, which would write into the
    caller's array).
    """
    ### BEGIN SOLUTION
    new_grads = dict(grads)
    L = len(parameters) // 2
    for l in range(1, L + 1):
        new_grads["dW" + str(l)] = grads["dW" + str(l)] + (lambd / m) * parameters["W" + str(l)]
    return new_grads
    ### END SOLUTION


# %% tests id=test_l2_gradients points=2

# %% [markdown]
# **Check your understanding.** With learning rate $\alpha = 0.5$, $\lambda = 2$ and $m = 50$
# examples, each step of gradient descent multiplies every weight by what number before it subtracts
# $\alpha\, dW$?

# %% solution id=q_decay_factor
# Set q_decay_factor to your answer, a number.
### BEGIN SOLUTION
q_decay_factor = 0.98
### END SOLUTION

# %% tests id=test_q_decay_factor points=1

# %% [markdown]
# ### L2 at work
#
# Now train the same network with your two functions switched on, $\lambda = 0.3$.

# %%
LAMBDA = 0.3
params_l2, hist_l2 = train_network(X_train, Y_train, LAYERS, lambd=LAMBDA, X_dev=X_dev, Y_dev=Y_dev)
print(f"L2, lambda = {LAMBDA}: train accuracy {accuracy(params_l2, X_train, Y_train):.1%}, "
      f"dev accuracy {accuracy(params_l2, X_dev, Y_dev):.1%}")
print(f"sum of ||W||^2: {sum(np.sum(params_plain[k] ** 2) for k in params_plain if k[0] == 'W'):.1f} "
      f"without L2, {sum(np.sum(params_l2[k] ** 2) for k in params_l2 if k[0] == 'W'):.1f} with it")

fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
axes[0].plot(hist_l2["iteration"], hist_l2["train_cost"], label="training set")
axes[0].plot(hist_l2["iteration"], hist_l2["dev_cost"], label="dev set")
axes[0].plot(hist_plain["iteration"], hist_plain["dev_cost"], color="tab:orange", ls=":",
             label="dev set, no regularisation")
axes[0].set(xlabel="iteration", ylabel="cross-entropy cost", title=f"With L2 ($\\lambda$ = {LAMBDA})")
axes[0].legend()
show_boundary(axes[1], params_l2, f"L2, $\\lambda$ = {LAMBDA}")
plt.tight_layout()
plt.show()

# %% [markdown]
# The training cost no longer goes to 0 (the penalty holds the weights back, and the flipped points
# are given up), the dev cost no longer rises, and the boundary is a smooth, gently curved line
# with no pockets around single points. Training accuracy went down; dev accuracy went up. That exchange is what regularisation is
# for.
#
# ### Why small weights mean a simpler function
#
# Take a hidden unit, $a = \tanh(z)$ with $z = w^\top a^{[l-1]} + b$. When the weights are small,
# $z$ stays small, and near 0 the tanh is almost a straight line: $\tanh(z) \approx z$ for
# $|z| \lesssim 0.5$. A layer whose units all work in that range is almost linear, and a stack of
# almost linear layers computes an almost linear function (notebook 01): a smooth boundary with few
# bends. Large weights push $z$ into the curved parts of the tanh, where a unit acts like a switch,
# and many switches can carve a boundary around every single point. L2 regularisation, by keeping the
# weights small, keeps the network near the simple end of what it can represent, and $\lambda$ sets
# how near.
#
# The histograms below show this on the two networks you have trained: the values $z$ that the
# second hidden layer computes on the dev set.

# %%
def hidden_z(parameters, X, layer=2):
    A = X
    for l in range(1, layer + 1):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        A = np.tanh(Z)
    return Z.ravel()


z_grid = np.linspace(-6, 6, 400)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
axes[0].plot(z_grid, np.tanh(z_grid), label="tanh(z)")
axes[0].plot(z_grid, z_grid, "k:", lw=1, label="z")
axes[0].axvspan(-0.5, 0.5, color="tab:green", alpha=0.15, label="nearly linear")
axes[0].set(xlim=(-6, 6), ylim=(-1.5, 1.5), xlabel="z", title="tanh is almost linear near 0")
axes[0].legend(loc="upper left")
bins = np.linspace(-6, 6, 61)
axes[1].hist(np.clip(hidden_z(params_plain, X_dev), -6, 6), bins=bins, alpha=0.6, density=True,
             label="no regularisation")
axes[1].hist(np.clip(hidden_z(params_l2, X_dev), -6, 6), bins=bins, alpha=0.6, density=True,
             label=f"L2, $\\lambda$ = {LAMBDA}")
axes[1].axvspan(-0.5, 0.5, color="tab:green", alpha=0.15)
axes[1].set(xlabel="z of the second hidden layer, dev set (|z| > 6 counted at the edges)", ylabel="density",
            title="Where the hidden units work")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# Without regularisation many units work far out in the flat, saturated parts of the tanh, as
# switches; with L2 most of them stay in or near the nearly linear range.
#
# ## 3. Dropout
#
# Dropout regularises in a completely different way. At every training step, each hidden unit is
# **kept with probability `keep_prob`** and otherwise switched off: its activation is set to 0 for
# that step. The mask is drawn **per unit and per example**: in one step a unit may be dropped for
# some examples of the batch and kept for the others, so each example passes through its own thinned
# network. Where a unit is dropped it contributes nothing to the next layer for that example, and
# that example sends it no gradient. Each step therefore trains many different, randomly thinned
# networks at once. A unit can no longer rely on any particular other unit being
# there, so no unit can specialise in a few training points together with a few partners; the
# network has to spread what it learns over many units, which keeps each weight small, much as L2
# does.
#
# ### Inverted dropout
#
# For a layer with activations $A$ of shape $(n^{[l]}, m)$, draw a **mask** $D$ of the same shape, one
# independent draw per unit and per example: $D_{jk} = 1$ (keep) with probability `keep_prob` and
# $0$ (drop) otherwise. One way is to draw uniform numbers $U_{jk}$ in $[0, 1)$ and set
# $D = (U < \texttt{keep\_prob})$. Then
#
# $$A_{\text{drop}} = \frac{A \odot D}{\texttt{keep\_prob}}$$
#
# where $\odot$ is the entry-by-entry product. Why divide? Each entry is kept with probability
# `keep_prob`, so without the division its expected value would be
# $\texttt{keep\_prob} \cdot A_{jk} + (1 - \texttt{keep\_prob}) \cdot 0 = \texttt{keep\_prob}\, A_{jk}$:
# the next layer's $z = W A + b$ would be, on average, smaller during training than at test time,
# when nothing is dropped. Dividing the kept entries by `keep_prob` restores the expected value:
#
# $$\mathbb{E}\big[(A_{\text{drop}})_{jk}\big] = \texttt{keep\_prob}\cdot\frac{A_{jk}}{\texttt{keep\_prob}} + (1 - \texttt{keep\_prob})\cdot 0 = A_{jk}.$$
#
# This is **inverted dropout**, the version used everywhere: all the rescaling happens during
# training, so the network is used unchanged at test time.
#
# **Exercise.** Write `dropout_forward`. Draw the mask from the generator `rng` you are given (for
# example `rng.random(shape)`), never from `np.random` directly: the same generator state must give
# the same mask, so that experiments can be repeated.

# %% solution id=dropout_forward
def dropout_forward(A, keep_prob, rng):
    """Inverted dropout: keep each entry with probability keep_prob, scale the kept ones by 1/keep_prob.

    Parameters
    ----------
    A : ndarray of shape (n_l, m)
        Activations of a hidden layer.
    keep_prob : float
        The probability of KEEPING a unit, in (0, 1]; 1 keeps everything.
    rng : numpy.random.Generator
        The generator to draw the mask from (for example rng.random(shape) gives uniform numbers
        in [0, 1) of that shape).

    Returns
    -------
    A_drop : ndarray of shape (n_l, m)
        A * mask / keep_prob.
    mask : ndarray of shape (n_l, m)
        1 where the unit is kept, 0 where it is dropped (the backward pass needs it).

    Hint: compare a uniform draw of A's shape with keep_prob to get the mask (a boolean array is
    fine, or convert it to floats); then multiply and divide. Do not modify A.
    """
    ### BEGIN SOLUTION
    mask = (rng.random(A.shape) < keep_prob).astype(float)
    A_drop = A * mask / keep_prob
    return A_drop, mask
    ### END SOLUTION


# %% tests id=test_dropout_forward points=2

# %% [markdown]
# Here is your function on a small layer of 6 units and 12 examples, and then the average of
# `A_drop` over 4000 independent masks: it comes back to $A$, as the expected value says.

# %%
rng_demo = np.random.default_rng(0)
A_demo = np.tanh(rng_demo.normal(size=(6, 12)))
A_drop_demo, mask_demo = dropout_forward(A_demo, 0.6, rng_demo)
mean_drop = np.mean([dropout_forward(A_demo, 0.6, rng_demo)[0] for _ in range(4000)], axis=0)

fig, axes = plt.subplots(2, 2, figsize=(10, 5.2))
panels = [(A_demo, "A (6 units x 12 examples)", "coolwarm", (-1.7, 1.7)),
          (mask_demo, "mask, keep_prob = 0.6 (white = kept)", "gray", (0, 1)),
          (A_drop_demo, "A_drop = A * mask / 0.6", "coolwarm", (-1.7, 1.7)),
          (mean_drop, "mean of A_drop over 4000 masks: back to A", "coolwarm", (-1.7, 1.7))]
for ax, (img, title, cmap, (lo, hi)) in zip(axes.ravel(), panels):
    im = ax.imshow(img, cmap=cmap, vmin=lo, vmax=hi)
    ax.set_title(title, fontsize=11)
    ax.set(xlabel="example", ylabel="unit", xticks=[], yticks=[])
    bar = fig.colorbar(im, ax=ax, shrink=0.85)
    if cmap == "gray":
        bar.set_ticks([0, 1], labels=["dropped", "kept"])
plt.show()
print(f"fraction kept: {np.mean(mask_demo):.2f};  largest |mean of A_drop - A|: {np.max(np.abs(mean_drop - A_demo)):.3f}")

# %% [markdown]
# **Check your understanding.** With `keep_prob = 0.8`, a hidden unit whose activation is
# $2.0$ is kept by the mask. What is its value in `A_drop`?

# %% solution id=q_kept_value
# Set q_kept_value to your answer, a number.
### BEGIN SOLUTION
q_kept_value = 2.5
### END SOLUTION

# %% tests id=test_q_kept_value points=1

# %% [markdown]
# ### The backward pass
#
# The forward pass computed $A_{\text{drop}} = A \odot D / \texttt{keep\_prob}$ with a fixed mask
# $D$. That is a multiplication of each entry by a constant ($0$ or $1/\texttt{keep\_prob}$), so by
# the chain rule the gradient flows back through the same constants:
#
# $$dA = \frac{dA_{\text{drop}} \odot D}{\texttt{keep\_prob}} .$$
#
# Where a unit was dropped for an example, it contributed nothing to that example's output, so that
# example's gradient through it is 0. Its incoming weights still move at this step, by the
# gradients of the examples for which it was kept (a unit dropped for *every* example of the batch,
# rare with a batch of any size, would not move). The mask must be **the same one** as in the forward pass, which is why
# `dropout_forward` returns it: a fresh mask would send the gradient through units that were not
# used.
#
# **Exercise.** Write `dropout_backward`.

# %% solution id=dropout_backward
def dropout_backward(dA, mask, keep_prob):
    """The backward pass of inverted dropout.

    Parameters
    ----------
    dA : ndarray of shape (n_l, m)
        The gradient of the cost with respect to A_drop, the output of dropout (what the next
        layer sends back).
    mask : ndarray of shape (n_l, m)
        The mask returned by dropout_forward in the forward pass (1 = kept, 0 = dropped).
    keep_prob : float
        The same keep_prob as in the forward pass.

    Returns
    -------
    dA_before : ndarray of shape (n_l, m)
        The gradient with respect to A, the activations before dropout.

    Hint: the same two operations as in the forward pass, applied to the gradient.
    """
    ### BEGIN SOLUTION
    return dA * mask / keep_prob
    ### END SOLUTION


# %% tests id=test_dropout_backward points=1

# %% [markdown]
# ### At test time: no dropout
#
# Dropout is a training technique. Once the network is trained you want its best, deterministic
# answer, not a random one, so predictions use the whole network with every unit on. With inverted
# dropout nothing else changes either: the division by `keep_prob` during training already made the
# expected input of every layer equal to what it is with all the units on. (In `forward` above,
# predictions are made with the default `keep_prob=1`.)
#
# **Check your understanding.** At test time, with a network trained with inverted dropout and
# `keep_prob = 0.8`, what do you do?
#
# - (a) apply dropout with the same `keep_prob = 0.8`, as in training;
# - (b) nothing: keep every unit and do not rescale;
# - (c) keep every unit, but multiply the activations by 0.8;
# - (d) keep every unit, but divide the activations by 0.8.

# %% solution id=q_test_time
# Set q_test_time to your answer, a string: "a", "b", "c" or "d".
### BEGIN SOLUTION
q_test_time = "b"
### END SOLUTION

# %% tests id=test_q_test_time points=1

# %% [markdown]
# ### Dropout at work, and what happens to the cost curve
#
# Train the network with dropout after both hidden layers, `keep_prob = 0.6`, using your two
# functions through `forward` and `backward`.

# %%
KEEP_PROB = 0.6
params_drop, hist_drop = train_network(X_train, Y_train, LAYERS, keep_prob=KEEP_PROB, X_dev=X_dev,
                                       Y_dev=Y_dev)
print(f"dropout, keep_prob = {KEEP_PROB}: train accuracy {accuracy(params_drop, X_train, Y_train):.1%}, "
      f"dev accuracy {accuracy(params_drop, X_dev, Y_dev):.1%}")

fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
axes[0].plot(hist_drop["J"], lw=0.6, color="tab:gray", label="J of the thinned network of each step")
axes[0].plot(hist_plain["J"], color="tab:blue", label="J without dropout")
axes[0].plot(hist_drop["iteration"], hist_drop["dev_cost"], color="tab:orange",
             label="dev cost, with dropout")
axes[0].set(xlabel="iteration", ylabel="cross-entropy cost", ylim=(0, 0.8),
            title="The cost with dropout on is noisy")
axes[0].legend(loc="upper right", fontsize=9)
show_boundary(axes[1], params_drop, f"Dropout, keep_prob = {KEEP_PROB}")
plt.tight_layout()
plt.show()

# %% [markdown]
# The boundary is smoother again and the dev cost no longer rises. But look at the grey curve, the
# cost $J$ that the training loop computes at each step while dropout is on. It jumps up and down,
# because each step measures a *different* randomly thinned network on the training set; it is not
# the cost of any one fixed function, and gradient descent does not promise to make it decrease. A
# bug in your backward pass would hide in that noise.
#
# Hence the usual practice: **first train with dropout off** (`keep_prob = 1`) and check that $J$
# goes down steadily (as the blue curve does); a gradient check (notebook 04) is also only
# meaningful with dropout off, since every evaluation would draw a new mask. Then switch dropout on,
# and judge the training by the cost or accuracy of the whole network, measured with dropout off,
# on the training and dev sets.
#
# ## 4. Choosing $\lambda$ and `keep_prob`
#
# Both are hyperparameters: the training set cannot choose them, since on the training set the
# unregularised network always looks best. They are chosen by comparing accuracies on data the
# network does not train on (the dev set). The cell below trains the network for
# a few values of each and plots training and dev accuracy.

# %%
lambdas = [0.0, 0.1, 0.3, 1.0, 10.0]
keep_probs = [1.0, 0.8, 0.6, 0.4]
known = {("lambd", 0.0): params_plain, ("lambd", LAMBDA): params_l2, ("keep_prob", 1.0): params_plain,
         ("keep_prob", KEEP_PROB): params_drop}
results = {}
for name, values in (("lambd", lambdas), ("keep_prob", keep_probs)):
    for value in values:
        params = known.get((name, value))
        if params is None:
            params, _ = train_network(X_train, Y_train, LAYERS, **{name: value})
        results[name, value] = (accuracy(params, X_train, Y_train), accuracy(params, X_dev, Y_dev))

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
for ax, name, values, label in ((axes[0], "lambd", lambdas, "$\\lambda$"),
                                (axes[1], "keep_prob", keep_probs, "keep_prob")):
    positions = np.arange(len(values))
    ax.plot(positions, [results[name, v][0] for v in values], "o-", label="training set")
    ax.plot(positions, [results[name, v][1] for v in values], "s-", label="dev set")
    ax.set_xticks(positions, [str(v) for v in values])
    ax.set(xlabel=label + (" (more regularisation to the right)"), ylabel="accuracy", ylim=(0.45, 1.02),
           title=f"Accuracy against {label}")
    ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# Read each plot from left to right, from no regularisation to a lot:
#
# - on the left of each plot the gap between training and dev accuracy is large: **high
#   variance**, overfitting;
# - as regularisation grows, training accuracy falls and dev accuracy first rises; the gap closes;
# - too much regularisation (a large $\lambda$, a small `keep_prob`) pushes the network towards a
#   function that is too simple: both accuracies are low and close together, **high bias**,
#   underfitting. Here $\lambda = 10$ shrinks the weights so much that the network answers the same
#   class everywhere, 50 % on both sets; `keep_prob` would have to go much lower than 0.4 for a
#   similar collapse.
#
# The value to keep is the one with the best accuracy on the dev set. In practice you try values on
# a logarithmic scale for $\lambda$ (0.01, 0.03, 0.1, 0.3, ...) and a few values of `keep_prob`
# between 0.5 and 0.9; with only 60 training points the curves here are noisy, so do not read too
# much into a difference of a point or two. Dropout can be set per layer, too: a lower `keep_prob`
# for large layers, which have the most parameters to overfit with, and 1 for small ones and for
# the input. Both techniques can be combined.
#
# ### Early stopping
#
# The first figure of this notebook already showed a third regulariser: the dev cost falls, reaches
# its lowest point, then rises while the training cost keeps falling. **Early stopping** keeps the
# parameters from the iteration where the dev cost was lowest. In practice one cannot know that a
# minimum was the last one, so a **patience** rule decides: stop when the dev cost has not improved
# for `patience` consecutive checks, and return the best parameters seen. It costs nothing extra to
# compute (the dev cost is measured anyway), but it couples two goals that L2 and dropout keep apart:
# the same number of steps must both fit the training set and avoid overfitting it.

# %%
def train_with_early_stopping(X, Y, X_dev, Y_dev, layer_dims, max_iterations=3000, learning_rate=0.4,
                              check_every=25, patience=8, seed=0):
    """Gradient descent that checks the dev cost every check_every steps and stops after patience
    checks without improvement. Returns the best parameters, the iteration they come from and the
    dev costs checked."""
    parameters = initialize_parameters_deep(layer_dims, seed)
    best, best_cost, best_it, waited, dev_costs = parameters, np.inf, 0, 0, []
    for i in range(max_iterations + 1):
        if i % check_every == 0:
            cost = cross_entropy(forward(X_dev, parameters)[0], Y_dev)
            dev_costs.append(cost)
            if cost < best_cost:
                best, best_cost, best_it, waited = parameters, cost, i, 0
            else:
                waited += 1
                if waited >= patience:
                    break
        AL, caches = forward(X, parameters)
        grads = backward(AL, Y, parameters, caches)
        parameters = {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}
    return best, best_it, dev_costs


params_early, stop_it, early_costs = train_with_early_stopping(X_train, Y_train, X_dev, Y_dev, LAYERS)
print(f"early stopping kept iteration {stop_it} (stopped at {len(early_costs) * 25 - 25}): "
      f"train {accuracy(params_early, X_train, Y_train):.1%}, dev {accuracy(params_early, X_dev, Y_dev):.1%}")

# %% [markdown]
# ### The test set, once
#
# Every choice so far ($\lambda$, `keep_prob`, when to stop) was made by looking at the dev set.
# Now, and only now, the locked test set answers the question the dev set no longer can without
# bias: how well does the network we chose do on data that influenced nothing? Pick the candidate
# with the best dev accuracy, then measure it on the test set, once. (Had we then gone back to tune
# again, the test set would have become a second dev set.)

# %%
candidates = {"no regularisation": params_plain, f"L2, lambda = {LAMBDA}": params_l2,
              f"dropout, keep_prob = {KEEP_PROB}": params_drop, "early stopping": params_early}
dev_acc = {name: accuracy(p, X_dev, Y_dev) for name, p in candidates.items()}
chosen = max(dev_acc, key=dev_acc.get)
for name, acc in dev_acc.items():
    print(f"{name:<24} dev accuracy {acc:.1%}" + ("   <- chosen" if name == chosen else ""))
print(f"\nthe chosen network on the test set, reported once: {accuracy(candidates[chosen], X_test, Y_test):.1%}")

# %% [markdown]
# ## Summary
#
# - **Overfitting** shows as a training accuracy much higher than the dev accuracy, a dev
#   cost that rises while the training cost falls, and a boundary that bends around single points.
#   It is high variance; more data or regularisation reduce it.
# - **L2 regularisation** adds $\frac{\lambda}{2m}\sum_l \lVert W^{[l]}\rVert_F^2$ to the cost and
#   $\frac{\lambda}{m} W^{[l]}$ to each $dW^{[l]}$ (the biases are left alone). A gradient step then
#   multiplies the weights by $1 - \frac{\alpha\lambda}{m}$: **weight decay**. Small weights keep
#   $z$ in the nearly linear range of the activation, so the network computes a simpler function.
# - **Inverted dropout** keeps each hidden unit with probability `keep_prob` at each training step:
#   $A_{\text{drop}} = A \odot D / \texttt{keep\_prob}$, which leaves the expected value unchanged;
#   the backward pass uses the same mask, $dA = dA_{\text{drop}} \odot D / \texttt{keep\_prob}$; at
#   test time nothing is dropped or rescaled.
# - With dropout on, the training cost is noisy and not a reliable monitor: check that $J$ decreases
#   with dropout off first, and measure the whole network.
# - **Early stopping** keeps the parameters of the lowest dev cost, with a patience rule to decide
#   when to stop looking.
# - Choose $\lambda$ and `keep_prob` on a dev set: the value where dev accuracy is best, between
#   overfitting on one side and underfitting on the other.
#
# ## Next
#
# Every network so far was trained by plain gradient descent on the whole training set at once. In
# **06 · Optimisation** you will train on mini-batches and build the optimisers that make deep
# networks train fast: momentum, RMSprop and Adam.
