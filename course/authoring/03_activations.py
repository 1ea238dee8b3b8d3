# %% [markdown]
# # 03 · Activations and their derivatives
#
# *About 75 minutes.*
#
# In notebook 01 you wrote the activation functions; in 02 you trained a single sigmoid neuron and
# met its gradient $dz = a - y$. A network with hidden layers needs one more ingredient to learn:
# the **derivative of every activation**, because the gradient of the cost reaches a hidden unit's
# weights only by passing through $g'(z)$. This notebook is about those derivatives: what they
# are, how to check them, and what they do to learning when many layers multiply them together.
#
# **What you will learn**
#
# - the derivatives of sigmoid ($a(1 - a)$, derived step by step), tanh ($1 - a^2$), ReLU and
#   leaky ReLU, ELU, and what "the derivative at 0" means for ReLU;
# - how to check any derivative numerically with a centred difference, and why centred beats
#   one-sided;
# - vanishing gradients: saturation, and the product of derivatives through many layers;
# - why zero-centred activations help, and what goes wrong when they are not;
# - the dying ReLU and its remedies; ELU (which you write), PReLU with a learned slope, swish and
#   GELU, and the three families of activations;
# - softmax, the activation whose every output depends on every unit of its layer;
# - computational graphs, forward against reverse-mode automatic differentiation, and static against
#   dynamic graphs.
#
# The setup cell gives you the activations themselves (`sigmoid`, `tanh`, `relu`, `leaky_relu`,
# the versions you wrote in 01, made safe for very large $|z|$) and two newer ones, `swish` and
# `gelu`. Write each function's body in place of `raise NotImplementedError()`, then run its test
# cell.

# %% setup
import numpy as np
import matplotlib.pyplot as plt

from nnkit.activations import sigmoid, tanh, relu, leaky_relu, swish, gelu

from grader.check import Checker
check = Checker("03_activations")

# %% [markdown]
# ## 1. Why the derivative of the activation matters
#
# A unit computes $z = w^\top x + b$ and then $a = g(z)$. During training we need $\partial J /
# \partial w$, the sensitivity of the cost to each weight. The chain rule splits it at $z$:
#
# $$\frac{\partial J}{\partial z} = \frac{\partial J}{\partial a}\, g'(z), \qquad
# \frac{\partial J}{\partial w} = \frac{\partial J}{\partial z}\, x .$$
#
# Whatever reaches the unit from above ($\partial J / \partial a$) is multiplied by $g'(z)$ on its
# way down. If $g'(z)$ is close to 0, the unit's weights hardly learn, however wrong the network
# is. In vectorised form, for a whole layer and all $m$ examples at once, the same step reads
# $dZ = dA * g'(Z)$, with $*$ the elementwise product: each unit, on each example, has its own
# $g'(z)$. That is why every derivative below is an *elementwise* function of an array $z$ of any
# shape, just like the activation itself.
#
# ## 2. The sigmoid's derivative, step by step
#
# Write the sigmoid as a power, $\sigma(z) = (1 + e^{-z})^{-1}$, and differentiate with the chain
# rule (the derivative of $u^{-1}$ is $-u^{-2}\,u'$, and that of $1 + e^{-z}$ is $-e^{-z}$):
#
# $$\sigma'(z) = -\big(1 + e^{-z}\big)^{-2} \cdot \big(-e^{-z}\big) = \frac{e^{-z}}{\big(1 + e^{-z}\big)^2}.$$
#
# Now split the fraction into two factors and rewrite the second one with $e^{-z} = (1 + e^{-z}) - 1$:
#
# $$\sigma'(z) = \frac{1}{1 + e^{-z}} \cdot \frac{e^{-z}}{1 + e^{-z}}
# = \sigma(z) \cdot \frac{(1 + e^{-z}) - 1}{1 + e^{-z}}
# = \sigma(z)\,\big(1 - \sigma(z)\big).$$
#
# With $a = \sigma(z)$: $\;\sigma'(z) = a(1 - a)$. The derivative is written in terms of the
# activation itself, which the forward pass has already computed, so backpropagation gets it
# almost for free. Its largest value is at $z = 0$, where $a = \tfrac12$ and $\sigma'(0) = \tfrac14$.

# %% solution id=sigmoid_grad
def sigmoid_grad(z):
    """The derivative of the sigmoid, elementwise: sigma'(z) = sigma(z) (1 - sigma(z)).

    Parameters
    ----------
    z : ndarray of any shape (e.g. Z of shape (n_l, m))
        The pre-activations (z itself, not a = sigmoid(z)).

    Returns
    -------
    dadz : ndarray of the shape of z
        sigma'(z) for every entry, each in (0, 0.25].

    Hint: compute the activation a with the given sigmoid first; the derivative is a short
    expression in a.
    """
    ### BEGIN SOLUTION
    a = sigmoid(z)
    return a * (1 - a)
    ### END SOLUTION


# %% tests id=test_sigmoid_grad points=1

# %% [markdown]
# ## 3. tanh's derivative
#
# With $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = \dfrac{u}{v}$, the quotient rule gives
# $\dfrac{u'v - uv'}{v^2}$. Here $u' = e^{z} + e^{-z} = v$ and $v' = e^{z} - e^{-z} = u$, so
#
# $$\tanh'(z) = \frac{v^2 - u^2}{v^2} = 1 - \Big(\frac{u}{v}\Big)^2 = 1 - \tanh^2(z).$$
#
# With $a = \tanh(z)$: $\;\tanh'(z) = 1 - a^2$, again a function of the activation. Its largest
# value is $\tanh'(0) = 1$, four times the sigmoid's. (Since $\tanh(z) = 2\sigma(2z) - 1$, the two
# curves have the same shape: tanh is a sigmoid stretched to $(-1, 1)$ and made twice as steep.)

# %% solution id=tanh_grad
def tanh_grad(z):
    """The derivative of tanh, elementwise: tanh'(z) = 1 - tanh(z)^2.

    Parameters
    ----------
    z : ndarray of any shape
        The pre-activations (z itself, not a = tanh(z)).

    Returns
    -------
    dadz : ndarray of the shape of z
        tanh'(z) for every entry, each in (0, 1].

    Hint: compute a = tanh(z) with the given tanh first; then square it (elementwise) and take
    it away from 1.
    """
    ### BEGIN SOLUTION
    a = tanh(z)
    return 1 - a ** 2
    ### END SOLUTION


# %% tests id=test_tanh_grad points=1

# %% [markdown]
# ## 4. ReLU and leaky ReLU
#
# $\mathrm{relu}(z) = \max(z, 0)$ is made of two straight pieces, so its derivative is a step:
#
# $$\mathrm{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}$$
#
# At $z = 0$ exactly the two pieces meet at a corner and the derivative is **undefined** (the
# slope from the left is 0, from the right 1). In practice we simply choose a value there, and we
# take $\mathrm{relu}'(0) = 0$. It hardly matters: a pre-activation computed from real data is
# almost never exactly 0, and any value in $[0, 1]$ is a valid "subgradient" at the corner.
#
# Leaky ReLU, $z$ for $z > 0$ and $\alpha z$ otherwise, has slope $\alpha$ (a small number such
# as 0.01) on the left instead of 0:
#
# $$\mathrm{leaky\_relu}'(z) = \begin{cases} 1 & z > 0 \\ \alpha & z \le 0 \end{cases}$$
#
# Unlike the sigmoid and tanh, these derivatives do not shrink for large $z$: a unit that is "on"
# passes its gradient through unchanged. That is the main reason ReLU became the default in deep
# networks (section 6).

# %% solution id=relu_grad
def relu_grad(z):
    """The derivative of ReLU, elementwise: 1 where z > 0, 0 where z <= 0 (0 at z = 0 by convention).

    Parameters
    ----------
    z : ndarray of any shape
        The pre-activations.

    Returns
    -------
    dadz : ndarray of the shape of z
        1.0 where z > 0, else 0.0.

    Hint: a comparison of z with 0 gives a boolean array of the right shape; turn it into floats.
    """
    ### BEGIN SOLUTION
    return (z > 0).astype(float)
    ### END SOLUTION


# %% tests id=test_relu_grad points=1

# %% solution id=leaky_relu_grad
def leaky_relu_grad(z, alpha=0.01):
    """The derivative of leaky ReLU, elementwise: 1 where z > 0, alpha where z <= 0.

    Parameters
    ----------
    z : ndarray of any shape
        The pre-activations.
    alpha : float, default 0.01
        The slope of leaky ReLU for z <= 0.

    Returns
    -------
    dadz : ndarray of the shape of z
        1.0 where z > 0, else alpha.

    Hint: np.where chooses, entry by entry, between two values according to a condition.
    """
    ### BEGIN SOLUTION
    return np.where(z > 0, 1.0, alpha)
    ### END SOLUTION


# %% tests id=test_leaky_relu_grad points=1

# %% [markdown]
# Here are the four activations (top) and the derivatives you just wrote (bottom). Look at where
# each derivative is small: the sigmoid's and tanh's vanish on both sides as soon as $|z|$ exceeds
# about 4 (the units **saturate**), ReLU's is exactly 0 for every negative $z$, and leaky ReLU's
# never falls below $\alpha$ (drawn here with $\alpha = 0.1$ so that you can see it).

# %%
z = np.linspace(-6, 6, 601)
pairs = [("sigmoid", sigmoid(z), sigmoid_grad(z)), ("tanh", tanh(z), tanh_grad(z)),
         ("ReLU", relu(z), relu_grad(z)),
         ("leaky ReLU (alpha = 0.1)", leaky_relu(z, 0.1), leaky_relu_grad(z, 0.1))]
fig, axes = plt.subplots(2, 4, figsize=(15, 6.2), sharex=True)
for k, (name, a, da) in enumerate(pairs):
    axes[0, k].plot(z, a, lw=2.2, color="tab:blue")
    axes[0, k].set_title(name, fontsize=13)
    axes[1, k].plot(z, da, lw=2.2, color="tab:red")
    axes[1, k].set_xlabel("z", fontsize=12)
    for ax in axes[:, k]:
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        ax.grid(alpha=0.3)
axes[0, 0].set_ylabel("g(z)", fontsize=12)
axes[1, 0].set_ylabel("g'(z)", fontsize=12)
axes[1, 0].set_ylim(-0.02, 0.3)
axes[1, 2].set_ylim(-0.1, 1.1)
axes[1, 3].set_ylim(-0.1, 1.1)
fig.suptitle("Activations (top) and their derivatives (bottom)", fontsize=14)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Checking a derivative numerically
#
# A derivative derived by hand can be wrong, and a wrong gradient does not crash: the network just
# learns badly, or not at all. Fortunately any derivative can be checked against the definition.
# By Taylor's theorem, for a small $\varepsilon$,
#
# $$f(z + \varepsilon) = f(z) + \varepsilon f'(z) + \tfrac{\varepsilon^2}{2} f''(z) + \tfrac{\varepsilon^3}{6} f'''(z) + \dots$$
#
# The **one-sided** difference divides the first two terms' difference by $\varepsilon$:
#
# $$\frac{f(z + \varepsilon) - f(z)}{\varepsilon} = f'(z) + \tfrac{\varepsilon}{2} f''(z) + \dots
# \qquad\text{error } O(\varepsilon).$$
#
# The **centred** difference uses a point on each side. Subtracting the expansion of
# $f(z - \varepsilon)$ from that of $f(z + \varepsilon)$, the even terms cancel:
#
# $$\frac{f(z + \varepsilon) - f(z - \varepsilon)}{2\varepsilon} = f'(z) + \tfrac{\varepsilon^2}{6} f'''(z) + \dots
# \qquad\text{error } O(\varepsilon^2).$$
#
# With $\varepsilon = 10^{-5}$, the one-sided error is of order $10^{-5}$, the centred one of order
# $10^{-10}$: for the same two evaluations of $f$, the centred difference is a hundred thousand
# times more accurate. (Note the $2\varepsilon$: the two points are $2\varepsilon$ apart.)
#
# Write `numerical_derivative`. Since `f` is elementwise (entry $i$ of `f(z)` depends only on
# $z_i$), you can shift the whole array at once: `f(z + eps)` evaluates $f$ at every
# $z_i + \varepsilon$ in one call.

# %% solution id=numerical_derivative
def numerical_derivative(f, z, eps=1e-5):
    """The derivative of an elementwise function f at every entry of z, by a centred difference.

    f'(z) is approximated by (f(z + eps) - f(z - eps)) / (2 eps), entry by entry.

    Parameters
    ----------
    f : function
        An elementwise function: f(z) is an array of the shape of z (e.g. np.sin, sigmoid).
    z : ndarray of any shape
        The points at which to differentiate.
    eps : float, default 1e-5
        The half-width of the difference (the step on each side of z).

    Returns
    -------
    dfdz : ndarray of the shape of z
        The centred-difference estimate of f'(z) at every entry.

    Hint: evaluate f once a step to the right of z and once a step to the left (on the whole
    array at a time), subtract, and divide by the distance between the two points.
    """
    ### BEGIN SOLUTION
    return (f(z + eps) - f(z - eps)) / (2 * eps)
    ### END SOLUTION


# %% tests id=test_numerical_derivative points=2

# %% [markdown]
# First, use it to check the four derivatives you wrote. The largest difference should be tiny
# (around $10^{-10}$ or less). We keep the ReLU points away from the corner at $0$, where the
# derivative does not exist and a centred difference straddling the corner would return $\tfrac12$.

# %%
z_check = np.linspace(-5, 5, 1001)
z_check = z_check[np.abs(z_check) > 1e-3]            # not at ReLU's corner
for name, g, g_grad in [("sigmoid", sigmoid, sigmoid_grad), ("tanh", tanh, tanh_grad),
                        ("relu", relu, relu_grad), ("leaky_relu", leaky_relu, leaky_relu_grad)]:
    gap = np.max(np.abs(numerical_derivative(g, z_check) - g_grad(z_check)))
    print(f"{name:>10}:  largest |numerical - yours| = {gap:.2e}")

# %% [markdown]
# Now the accuracy itself. The figure shows the error of both differences for $f = \sin$ at
# $z = 1$ (where $f' = \cos 1$ is known exactly), as $\varepsilon$ shrinks. On a log-log plot an
# error proportional to $\varepsilon^p$ is a straight line of slope $p$: slope 1 for the one-sided
# difference, slope 2 for the centred one. Below some $\varepsilon$ both lines turn back up: the
# two values of $f$ become so close that floating-point **rounding** (about $10^{-16}$ relative,
# divided by $\varepsilon$) dominates. That is why $\varepsilon$ is small but not tiny: around
# $10^{-5}$ for the centred difference.

# %%
eps_grid = np.logspace(-13, -1, 49)
exact = np.cos(1.0)
centred = np.array([abs(float(numerical_derivative(np.sin, np.array([1.0]), e)[0]) - exact) for e in eps_grid])
one_sided = np.array([abs((np.sin(1.0 + e) - np.sin(1.0)) / e - exact) for e in eps_grid])
fig, ax = plt.subplots(figsize=(8, 4.8))
ax.loglog(eps_grid, one_sided, "o-", ms=3, lw=1.8, label="one-sided  (f(z+eps) - f(z)) / eps")
ax.loglog(eps_grid, centred, "s-", ms=3, lw=1.8, label="centred  (f(z+eps) - f(z-eps)) / (2 eps)")
ax.loglog(eps_grid, 0.5 * np.sin(1.0) * eps_grid, "--", color="tab:blue", alpha=0.5, label="slope 1: eps f''/2")
ax.loglog(eps_grid, np.cos(1.0) / 6 * eps_grid ** 2, "--", color="tab:orange", alpha=0.5,
          label="slope 2: eps² f'''/6")
ax.set_ylim(1e-17, 1)
ax.set_xlabel("eps", fontsize=12)
ax.set_ylabel("|estimate - exact derivative|", fontsize=12)
ax.set_title("Error of the numerical derivative of sin at z = 1", fontsize=13)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize=10, loc="lower right")
plt.show()

# %% [markdown]
# ### Check your understanding
#
# With the centred difference and a moderate $\varepsilon$ (where rounding does not yet matter),
# you divide $\varepsilon$ by 10. By about what factor does the error shrink? Answer with a
# number, e.g. `q_centred_error = 7`.

# %% solution id=q_centred_error
# Set q_centred_error to your answer, a number.
### BEGIN SOLUTION
q_centred_error = 100
### END SOLUTION

# %% tests id=test_q_centred_error points=1

# %% [markdown]
# ## 6. Vanishing gradients
#
# **Saturation.** When $|z|$ is large, the sigmoid and tanh are flat: $\sigma'(5) \approx 0.0066$,
# $\tanh'(5) \approx 0.00018$. A unit whose pre-activations are large, because its weights or
# inputs are large, passes almost no gradient, whatever its error. It has saturated, and it
# learns very slowly until something else brings its $z$ back towards 0.
#
# **Depth.** In a network of $L$ layers, the gradient that reaches the first layer has passed
# through every layer above it, and at each one it was multiplied by that layer's $g'(z)$ (and by
# its weights). For one path through the network,
#
# $$\frac{\partial J}{\partial z^{[1]}} = \frac{\partial J}{\partial z^{[L]}}
# \prod_{l=2}^{L} w^{[l]}\, g'\big(z^{[l-1]}\big).$$
#
# The sigmoid's derivative is never more than $\tfrac14$, so unless the weights are large, each
# sigmoid layer shrinks the gradient by a factor of 4 or more: after 10 layers, by at least a
# million. The first layers then barely learn while the last ones do. This is the **vanishing
# gradient** problem, and the reason deep networks were so hard to train before ReLU and careful
# initialisation.
#
# The experiment below measures it. It builds a network of 30 layers of 100 units, with random
# weights of standard deviation $1/\sqrt{100}$, feeds it a batch of random inputs, and sends a
# gradient of ones back from the top, layer by layer, exactly as backpropagation does:
# $dZ^{[l]} = dA^{[l]} * g'(Z^{[l]})$, then $dA^{[l-1]} = W^{[l]\top} dZ^{[l]}$. It uses your
# derivatives. The plot shows the mean size of $dZ^{[l]}$ at each layer (a log scale).

# %%
def gradient_sizes(g, g_grad, depth=30, width=100, m=64, scale=1.0, seed=0):
    """Mean |dZ| at every layer of a deep chain of layers after one backward pass (layer 1 first)."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((width, m))
    Ws, Zs = [], []
    for _ in range(depth):
        W = rng.standard_normal((width, width)) * scale / np.sqrt(width)
        Z = W @ A
        A = g(Z)
        Ws.append(W)
        Zs.append(Z)
    dA = np.ones_like(A)
    sizes = []
    for W, Z in zip(reversed(Ws), reversed(Zs)):
        dZ = dA * g_grad(Z)
        sizes.append(np.mean(np.abs(dZ)))
        dA = W.T @ dZ
    return np.array(sizes[::-1])


layers = np.arange(1, 31)
fig, ax = plt.subplots(figsize=(8.5, 4.8))
ax.semilogy(layers, gradient_sizes(sigmoid, sigmoid_grad), "o-", ms=4, label="sigmoid")
ax.semilogy(layers, gradient_sizes(tanh, tanh_grad), "s-", ms=4, label="tanh")
ax.semilogy(layers, gradient_sizes(relu, relu_grad), "^-", ms=4, label="ReLU")
ax.semilogy(layers, gradient_sizes(relu, relu_grad, scale=np.sqrt(2)), "v-", ms=4,
            label="ReLU, weights x sqrt(2) (He)")
ax.semilogy(layers, 0.25 ** (30 - layers), "k--", lw=1, label="0.25 per layer")
ax.set_ylim(1e-20, 30)
ax.set_xlabel("layer l (1 = nearest the input)", fontsize=12)
ax.set_ylabel("mean |dZ| at layer l", fontsize=12)
ax.set_title("How much gradient reaches each layer of a 30-layer network", fontsize=13)
ax.grid(alpha=0.3, which="both")
ax.legend(fontsize=10, loc="center left")
plt.show()

# %% [markdown]
# Read the plot from right (the output) to left (the input). With the sigmoid the gradient falls
# by roughly a factor of 4 or more per layer: the first layers receive essentially nothing. tanh
# does better (its derivative is 1 near 0), and ReLU passes the gradient of every active unit
# unchanged; what it still loses comes from the weights, and scaling them by $\sqrt 2$ (He
# initialisation, notebook 07) keeps the gradient's size nearly constant through all 30 layers.
#
# ### Check your understanding
#
# A gradient passes through 10 sigmoid layers. If every weight on its path were exactly 1, what is
# the **largest** factor by which the gradient could have been multiplied? Give the number (a
# Python expression is fine), e.g. `q_depth = 0.5 ** 3`.

# %% solution id=q_depth
# Set q_depth to your answer, a number.
### BEGIN SOLUTION
q_depth = 0.25 ** 10
### END SOLUTION

# %% tests id=test_q_depth points=1

# %% [markdown]
# ## 7. Why zero-centred outputs matter
#
# Look at one unit of a layer whose inputs are the outputs $a_j$ of a sigmoid layer. The gradient
# of its weights on one example is
#
# $$\frac{\partial L}{\partial w_j} = \frac{\partial L}{\partial z}\, a_j .$$
#
# Every $a_j$ is positive (the sigmoid's outputs lie in $(0, 1)$), so **every component of the
# gradient has the sign of $\partial L / \partial z$**: on each example all the weights of the unit
# go up together, or all go down together. If the best weights need some to rise and others to
# fall, the only way there is a zig-zag of all-up and all-down steps. Outputs centred on zero,
# like tanh's, have both signs, and the gradient can point in any direction.
#
# The figure shows it on the smallest example: a neuron with two weights learns the target
# $w^* = (1, -1)$ by gradient descent on one example at a time, from the start $(-1, 1)$. On the
# left its inputs are all positive (like sigmoid outputs); on the right they are centred on zero.
# Every step on the left goes up-and-to-the-right or down-and-to-the-left.

# %%
def sgd_path(X, w_star, w0, lr, steps):
    """Weights of a linear neuron y = w^T x trained on one example at a time (squared error)."""
    w, path = np.array(w0, dtype=float), [np.array(w0, dtype=float)]
    for i in range(steps):
        x = X[:, i % X.shape[1]]
        w = w - lr * (w @ x - w_star @ x) * x
        path.append(w.copy())
    return np.array(path)


rng_zc = np.random.default_rng(3)
w_star, w0 = np.array([1.0, -1.0]), np.array([-1.0, 1.0])
X_pos = rng_zc.uniform(0.2, 1.0, size=(2, 200))                   # all positive, like sigmoid outputs
X_cen = X_pos - X_pos.mean(axis=1, keepdims=True)                 # the same inputs, centred on 0
fig, axes = plt.subplots(1, 2, figsize=(12, 5.2), sharex=True, sharey=True)
for ax, X_in, title in [(axes[0], X_pos, "inputs all positive"), (axes[1], X_cen, "inputs centred on 0")]:
    path = sgd_path(X_in, w_star, w0, lr=1.0, steps=60)
    ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1.2, color="tab:blue", label="one step per example")
    ax.plot(*w0, "ks", ms=8, label="start")
    ax.plot(*w_star, "r*", ms=16, label="target w*")
    ax.set_title(f"{title}: {len(path) - 1} steps", fontsize=13)
    ax.set_xlabel("w1", fontsize=12)
    ax.grid(alpha=0.3)
    ax.set_aspect("equal")
axes[0].set_ylabel("w2", fontsize=12)
axes[1].legend(fontsize=10, loc="upper right")
fig.suptitle("The path of the weights: same-sign inputs force a zig-zag", fontsize=14, y=1.0)
fig.tight_layout()
plt.show()

# %% [markdown]
# With positive inputs every step moves both weights the same way (up-and-right or down-and-left),
# so the weights bounce across the direction $(1, -1)$ they actually need, each step partly undoing
# the previous one; with centred inputs they head almost straight for the target. This is one reason tanh usually trains hidden layers
# faster than the sigmoid, and one reason to standardise the input features (subtract the mean).
# ReLU's outputs are not zero-centred either; in practice good initialisation and optimisers
# such as Adam (notebook 06) make up for it.
#
# ## 8. The dying ReLU
#
# ReLU's derivative is exactly 0 for every negative $z$. A unit whose $z$ is negative on **every**
# training example gets a gradient of exactly 0 on every weight: it outputs 0, it never changes,
# and nothing can bring it back. It has **died**. This happens when a large update (a learning
# rate that is too large) pushes a unit's bias far negative, or when the initialisation starts
# units in that state.
#
# The experiment below takes a layer of 200 ReLU units on 500 two-dimensional inputs, shifts every
# bias down by a growing amount (as one large gradient step might) and counts the units whose
# derivative, from your `relu_grad`, is 0 on all 500 examples.

# %%
rng_dead = np.random.default_rng(1)
X_dead = rng_dead.standard_normal((2, 500))
W_dead = rng_dead.standard_normal((200, 2))
b_dead = rng_dead.standard_normal((200, 1)) * 0.5
shifts = np.linspace(0, 5, 51)
dead_relu = [np.mean(np.all(relu_grad(W_dead @ X_dead + b_dead - s) == 0, axis=1)) for s in shifts]
dead_leaky = [np.mean(np.all(leaky_relu_grad(W_dead @ X_dead + b_dead - s) == 0, axis=1)) for s in shifts]
fig, ax = plt.subplots(figsize=(8, 4.5))
ax.plot(shifts, 100 * np.array(dead_relu), lw=2.2, label="ReLU")
ax.plot(shifts, 100 * np.array(dead_leaky), lw=2.2, ls="--", label="leaky ReLU (alpha = 0.01)")
ax.set_xlabel("amount subtracted from every bias", fontsize=12)
ax.set_ylabel("dead units (%)", fontsize=12)
ax.set_title("Units with zero gradient on every example", fontsize=13)
ax.grid(alpha=0.3)
ax.legend(fontsize=11)
plt.show()

# %% [markdown]
# The remedies follow from the cause:
#
# - **leaky ReLU** keeps a small slope $\alpha$ for $z < 0$, so a unit that is "off" still gets a
#   (small) gradient and can recover: in the figure, no leaky unit ever dies;
# - **parametric ReLU** (PReLU) is leaky ReLU with $\alpha$ learned by gradient descent like a
#   weight, one per unit or per layer;
# - **careful initialisation**: weights of the right scale (He initialisation, notebook 07) and
#   biases of 0 (or a small positive value) start every unit active on about half the examples;
# - a **learning rate that is not too large**, so that one step cannot throw a unit far off.
#
# ## 9. ELU: a ramp with a smooth floor
#
# The **exponential linear unit** keeps ReLU's identity for positive inputs and replaces its flat
# left half by a curve that bends smoothly down to $-\alpha$:
#
# $$\mathrm{ELU}(z) = \begin{cases} z & z > 0 \\ \alpha\,(e^{z} - 1) & z \le 0 \end{cases}
# \qquad
# \mathrm{ELU}'(z) = \begin{cases} 1 & z > 0 \\ \alpha\,e^{z} & z \le 0 \end{cases}$$
#
# Three things follow from the formula. For $z \le 0$ the derivative $\alpha e^z$ is small but
# never 0, so an ELU unit cannot die the way a ReLU unit does. Its outputs can be negative (down to
# $-\alpha$), so their mean is closer to 0 than ReLU's, which helps for the reason of section 7.
# And with $\alpha = 1$ the two branches meet with the same slope at 0, so the curve has no corner.
# Note that for $z \le 0$ the derivative is $\alpha e^z = \mathrm{ELU}(z) + \alpha$: the backward
# pass can reuse the forward value.
#
# One numerical trap: `np.where(z > 0, z, alpha * (np.exp(z) - 1))` computes **both** branches for
# every entry, so a large positive $z$ (say 1000) makes `np.exp` overflow and warn, although its
# value is then thrown away. Evaluate the exponential on `np.minimum(z, 0)` instead: for $z \le 0$ it
# is the same number, and it never overflows.

# %% solution id=elu
def elu(z, alpha=1.0):
    """The exponential linear unit, elementwise: z where z > 0, alpha * (exp(z) - 1) where z <= 0.

    Parameters
    ----------
    z : ndarray of any shape
        The pre-activations.
    alpha : float, default 1.0
        ELU(z) tends to -alpha as z tends to -infinity.

    Returns
    -------
    a : ndarray of the shape of z
        The activations, float64, with no overflow warning for large positive z.

    Hint: choose between the two branches entry by entry; compute the exponential only on values
    that cannot overflow.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))
    ### END SOLUTION


# %% tests id=test_elu points=1

# %% solution id=elu_grad
def elu_grad(z, alpha=1.0):
    """The derivative of ELU, elementwise: 1 where z > 0, alpha * exp(z) where z <= 0.

    Parameters
    ----------
    z : ndarray of any shape
        The pre-activations.
    alpha : float, default 1.0
        The same alpha as in ELU.

    Returns
    -------
    dadz : ndarray of the shape of z
        The slopes, float64, with no overflow warning for large positive z.

    Hint: the same two branches as in elu; differentiate each one.
    """
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))
    ### END SOLUTION


# %% tests id=test_elu_grad points=1

# %% [markdown]
# Your `elu_grad` against a centred difference of your `elu` (your `numerical_derivative` of
# section 5), for two values of $\alpha$: the curves should lie on top of each other. Only at
# $z = 0$ with $\alpha \ne 1$ do they differ, where ELU has a corner and no derivative.

# %%
z = np.linspace(-4, 3, 701)
z = z[np.abs(z) > 1e-3]
fig, axes = plt.subplots(1, 2, figsize=(13, 4.6))
for alpha_e, color in [(1.0, "tab:blue"), (0.5, "tab:orange")]:
    axes[0].plot(z, elu(z, alpha_e), lw=2.2, color=color, label=f"ELU, alpha = {alpha_e}")
    axes[1].plot(z, elu_grad(z, alpha_e), lw=2.2, color=color, label=f"elu_grad, alpha = {alpha_e}")
    axes[1].plot(z[::25], numerical_derivative(lambda v: elu(v, alpha_e), z[::25]), "o", ms=5,
                 color=color, label=f"numerical, alpha = {alpha_e}")
axes[0].plot(z, relu(z), ":", color="0.4", lw=2, label="ReLU")
axes[0].set_title("ELU against ReLU", fontsize=13)
axes[1].set_title("ELU's derivative: formula (line) and centred difference (dots)", fontsize=13)
for ax, ylabel in zip(axes, ["g(z)", "g'(z)"]):
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlabel("z", fontsize=12)
    ax.set_ylabel(ylabel, fontsize=12)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=10)
fig.tight_layout()
plt.show()
print("large z, no overflow:", elu(np.array([[1000.0, -1000.0]])), elu_grad(np.array([[1000.0, -1000.0]])))

# %% [markdown]
# **PReLU: a slope that is learned.** Parametric ReLU is leaky ReLU whose slope $\alpha$ is a
# parameter, updated by gradient descent like a weight: $\mathrm{PReLU}(z) = z$ for $z > 0$ and
# $\alpha z$ otherwise. Its derivative with respect to $\alpha$ (not $z$) is what the update needs:
#
# $$\frac{\partial\, \mathrm{PReLU}(z)}{\partial \alpha} = \begin{cases} 0 & z > 0 \\ z & z \le 0 \end{cases}
# \qquad\text{so}\qquad
# \frac{\partial J}{\partial \alpha} = \frac{1}{m}\sum_{\text{entries with } z \le 0} dA \cdot z .$$
#
# Your `numerical_derivative` checks it too: hold $z$ fixed and vary $\alpha$.

# %%
def prelu(z, alpha):
    return np.where(z > 0, z, alpha * z)

z_p = np.array([-2.0, -0.5, 0.7, 3.0])
alpha_p = 0.25
by_formula = np.where(z_p > 0, 0.0, z_p)
by_difference = np.array([numerical_derivative(lambda al: prelu(zi, al), np.array(alpha_p)) for zi in z_p])
print("z                     :", z_p)
print("dPReLU/dalpha, formula:", by_formula)
print("dPReLU/dalpha, centred:", np.round(by_difference, 8))

# %% [markdown]
# ## 10. Swish and GELU
#
# Two smooth relatives of ReLU are common in recent networks (GELU in the Transformers behind
# large language models):
#
# $$\mathrm{swish}(z) = z\,\sigma(z), \qquad
# \mathrm{GELU}(z) = z\,\Phi(z) \approx \tfrac12 z \Big(1 + \tanh\big(\sqrt{2/\pi}\,(z + 0.044715\,z^3)\big)\Big),$$
#
# where $\Phi$ is the cumulative distribution function of the standard normal. Both behave like
# ReLU far from 0 (like $z$ on the right, like 0 on the left) but bend smoothly through 0, and both
# dip slightly below 0 for negative $z$, so they are not monotonic. Their derivatives (computed
# below with your `numerical_derivative`: no algebra needed to look at them) are smooth, rise a
# little above 1 for moderate positive $z$, and are slightly negative for moderately negative $z$:
# small gradients still flow where ReLU's would be exactly 0.

# %%
z = np.linspace(-5, 5, 501)
fig, axes = plt.subplots(1, 2, figsize=(13, 4.6))
z_off = z[np.abs(z) > 1e-3]                  # ReLU's derivative is not asked at its corner
for name, g, style in [("ReLU", relu, ":"), ("swish", swish, "-"), ("GELU", gelu, "--")]:
    axes[0].plot(z, g(z), ls=style, lw=2.2, label=name)
    axes[1].plot(z_off, numerical_derivative(g, z_off), ls=style, lw=2.2, label=name)
axes[0].set_title("Activations", fontsize=13)
axes[1].set_title("Their derivatives (by numerical_derivative)", fontsize=13)
for ax, ylabel in zip(axes, ["g(z)", "g'(z)"]):
    ax.axhline(0, color="0.6", lw=0.8)
    ax.axvline(0, color="0.6", lw=0.8)
    ax.set_xlabel("z", fontsize=12)
    ax.set_ylabel(ylabel, fontsize=12)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=11)
fig.tight_layout()
plt.show()

# %% [markdown]
# **Swish's $\beta$.** Swish is often written with a parameter, $\mathrm{swish}_\beta(z) = z\,\sigma(\beta z)$
# (the version above is $\beta = 1$). As $\beta \to 0$, $\sigma(\beta z) \to \tfrac12$ and swish
# becomes the straight line $z/2$; as $\beta \to \infty$, $\sigma(\beta z)$ becomes a step (0 for
# $z < 0$, 1 for $z > 0$) and swish becomes ReLU. $\beta$ slides the unit between linear and ReLU.

# %%
z = np.linspace(-4, 4, 401)
fig, ax = plt.subplots(figsize=(8, 4.6))
for beta in [0.01, 0.5, 1.0, 3.0, 30.0]:
    ax.plot(z, z * sigmoid(beta * z), lw=2, label=f"beta = {beta:g}")
ax.plot(z, relu(z), "k:", lw=1.5, label="ReLU")
ax.plot(z, z / 2, color="0.5", ls="--", lw=1.2, label="z / 2")
ax.set_title("swish_beta(z) = z sigmoid(beta z): from z / 2 to ReLU", fontsize=13)
ax.set_xlabel("z", fontsize=12)
ax.set_ylabel("g(z)", fontsize=12)
ax.grid(alpha=0.3)
ax.legend(fontsize=10)
plt.show()

# %% [markdown]
# **Three families.** The activations of this course fall into three families:
#
# | family | members | shape | strengths | weaknesses |
# |---|---|---|---|---|
# | S-shaped (saturating) | sigmoid, tanh | bounded, flat at both ends | outputs read as probabilities (sigmoid) or centred (tanh) | gradients vanish when saturated |
# | ramp (piecewise linear) | ReLU, leaky ReLU, PReLU | identity for $z > 0$ | cheap, gradient 1 on the right | dead units (ReLU), a corner at 0 |
# | composite (smooth ramps) | ELU, swish, GELU | like a ramp far from 0, smooth near it | no dead units, smooth gradients | an exponential or a normal CDF to compute |

# %% [markdown]
# ## 11. Softmax: an activation of the whole layer
#
# Every activation so far acts on each unit alone. **Softmax** turns the $n$ scores $z_1, \dots,
# z_n$ of a whole layer into $n$ probabilities that sum to 1, for classification into $n$ classes:
#
# $$\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{k=1}^{n} e^{z_k}} .$$
#
# Each output depends on **every** unit of the layer through the sum in the denominator: raise one
# score and every other probability falls. So softmax has no elementwise derivative $g'(z_i)$;
# its derivative is a full $n \times n$ matrix (its Jacobian),
#
# $$\frac{\partial\, \mathrm{softmax}(z)_i}{\partial z_j} = p_i\,(\delta_{ij} - p_j), \qquad p = \mathrm{softmax}(z),$$
#
# with $\delta_{ij} = 1$ if $i = j$ and 0 otherwise. (Paired with the cross-entropy loss, it
# simplifies to $dz = p - y$, just like the sigmoid's $a - y$.) With our notation, a layer's scores
# for $m$ examples form $Z$ of shape $(n, m)$, one column per example, so softmax normalises **each
# column**.
#
# **Stability.** $e^{1000}$ overflows to `inf` in float64, and `inf / inf` is `nan`. But adding the
# same constant $c$ to every score of a column changes nothing,
# $\dfrac{e^{z_i - c}}{\sum_k e^{z_k - c}} = \dfrac{e^{-c} e^{z_i}}{e^{-c} \sum_k e^{z_k}}$, so we
# subtract each column's maximum first: the largest exponent is then $e^0 = 1$, nothing overflows,
# and the denominator is at least 1.

# %% solution id=softmax
def softmax(z):
    """The softmax of each column of z, computed stably.

    softmax(z)[i, j] = exp(z[i, j]) / sum_k exp(z[k, j]).

    Parameters
    ----------
    z : ndarray of shape (n, m)
        Scores: n units (classes), one column per example.

    Returns
    -------
    p : ndarray of shape (n, m)
        Probabilities: every entry in [0, 1], every column sums to 1.

    Hint: subtract from each column its own maximum (a max over axis 0 that keeps the dimensions,
    so that it broadcasts), exponentiate, then divide each column by its own sum.
    """
    ### BEGIN SOLUTION
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
    ### END SOLUTION


# %% tests id=test_softmax points=2

# %% [markdown]
# Two properties to see with your own function: the stable version copes with huge scores, where
# the formula taken literally gives `nan`; and the Jacobian of one column, estimated one score at a
# time with centred differences, matches $p_i(\delta_{ij} - p_j)$: every output moves when any one
# score moves.

# %%
z_big = np.array([[1000.0], [999.0], [998.0]])
with np.errstate(over="ignore", invalid="ignore"):
    naive = np.exp(z_big) / np.sum(np.exp(z_big), axis=0, keepdims=True)
print("scores 1000, 999, 998:   naive:", naive.ravel(), "  yours:", np.round(softmax(z_big).ravel(), 4))

z_col = np.array([[2.0], [1.0], [0.1], [-1.0]])
p = softmax(z_col)
jacobian = np.zeros((4, 4))
for j in range(4):
    step = np.zeros((4, 1))
    step[j] = 1e-5
    jacobian[:, j] = ((softmax(z_col + step) - softmax(z_col - step)) / 2e-5).ravel()
print("numerical Jacobian of softmax at z =", z_col.ravel())
print(np.round(jacobian, 4))
print("largest difference from diag(p) - p p^T:", np.max(np.abs(jacobian - (np.diagflat(p) - p @ p.T))))

# %% [markdown]
# ### Check your understanding
#
# `Z` has shape (3, 5): 3 classes, 5 examples, and `P = softmax(Z)`. You increase only `Z[0, 1]`
# (class 0 of example 1). Which entries of `P` change?
#
# - a) only `P[0, 1]`
# - b) every entry of column 1, `P[:, 1]`
# - c) every entry of row 0, `P[0, :]`
# - d) every entry of `P`
#
# Answer with a letter, e.g. `q_softmax_column = "a"`.

# %% solution id=q_softmax_column
# Set q_softmax_column to your answer, a string, the letter of your choice.
### BEGIN SOLUTION
q_softmax_column = "b"
### END SOLUTION

# %% tests id=test_q_softmax_column points=1

# %% [markdown]
# ## 12. Computational graphs and automatic differentiation
#
# Every formula a network computes can be drawn as a **computational graph**: a node per
# elementary operation, an edge per intermediate value. Here is one neuron with its loss,
# $z = w_1 x_1 + w_2 x_2 + b$, $a = \sigma(z)$, $L = -\big(y \log a + (1 - y)\log(1 - a)\big)$:

# %%
def draw_graph(ax):
    """One neuron and its loss as a graph; each edge is labelled with its local derivative."""
    nodes = {"w1": (0, 3), "x1": (0, 2.2), "w2": (0, 1.2), "x2": (0, 0.4), "b": (2.3, -0.5),
             "u1 = w1 x1": (2.3, 2.6), "u2 = w2 x2": (2.3, 0.8), "z = u1 + u2 + b": (4.9, 1.2),
             "a = σ(z)": (7.0, 1.2), "L(a, y)": (9.0, 1.2)}
    edges = [("w1", "u1 = w1 x1", "x1"), ("x1", "u1 = w1 x1", ""), ("w2", "u2 = w2 x2", "x2"),
             ("x2", "u2 = w2 x2", ""), ("u1 = w1 x1", "z = u1 + u2 + b", "1"),
             ("u2 = w2 x2", "z = u1 + u2 + b", "1"), ("b", "z = u1 + u2 + b", "1"),
             ("z = u1 + u2 + b", "a = σ(z)", "σ'(z)"), ("a = σ(z)", "L(a, y)", "∂L/∂a")]
    def half_width(name):                      # about half the box's width, in data units
        return 0.052 * len(name) + 0.2

    for name, (x, y) in nodes.items():
        colour = "#e8f0fe" if name in ("w1", "x1", "w2", "x2", "b") else "#fdebd0"
        ax.text(x, y, name, ha="center", va="center", fontsize=12, zorder=3,
                bbox=dict(boxstyle="round,pad=0.4", fc=colour, ec="0.4"))
    for src, dst, local in edges:
        (x0, y0), (x1, y1) = nodes[src], nodes[dst]
        xa, xb = x0 + half_width(src), x1 - half_width(dst)
        ax.annotate("", xy=(xb, y1), xytext=(xa, y0), zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color="0.35", lw=1.4, mutation_scale=14))
        if local:
            ax.text(0.5 * (xa + xb), 0.5 * (y0 + y1) + 0.12, local, color="tab:red", fontsize=11,
                    ha="center", va="bottom", zorder=4)
    ax.annotate("forward: values flow left to right", xy=(8.6, 3.0), xytext=(4.0, 3.0), fontsize=12,
                color="tab:blue", va="center", arrowprops=dict(arrowstyle="->", color="tab:blue", lw=2))
    ax.annotate("reverse mode: dL/d(node) flows right to left", xy=(3.4, -0.7), xytext=(9.4, -0.7),
                fontsize=12, color="tab:red", va="center", ha="right",
                arrowprops=dict(arrowstyle="->", color="tab:red", lw=2))
    ax.set_xlim(-0.8, 9.8)
    ax.set_ylim(-1.2, 3.4)
    ax.axis("off")


fig, ax = plt.subplots(figsize=(13, 4.8))
draw_graph(ax)
ax.set_title("The computational graph of one neuron and its loss (red: the local derivative of each edge)",
             fontsize=13)
plt.show()

# %% [markdown]
# Each node knows only its own local derivative (for $a = \sigma(z)$: $\partial a / \partial z =
# \sigma'(z)$, the function you wrote). The chain rule combines them along the paths of the graph,
# and there are two orders in which to do it.
#
# - **Forward mode** picks one input, say $w_1$, and carries the derivative of every node with
#   respect to it from left to right, alongside the values: $\dot u_1 = x_1$, $\dot z = \dot u_1$,
#   $\dot a = \sigma'(z)\,\dot z$, $\dot L = \frac{\partial L}{\partial a} \dot a$. One pass gives
#   $\partial L / \partial w_1$, the derivative of *every* output with respect to *one* input. For
#   $\partial L / \partial w_2$ you need another pass.
# - **Reverse mode** first runs the graph forward, keeping the values (the *cache*), then carries
#   the derivative of *one* output with respect to every node from right to left:
#   $\bar a = \frac{\partial L}{\partial a}$, $\bar z = \bar a\,\sigma'(z)$, then $\bar w_1 = \bar z\,x_1$,
#   $\bar w_2 = \bar z\,x_2$, $\bar b = \bar z$. One backward pass gives the derivative of the output
#   with respect to *every* input.
#
# A network has one output that matters, the cost $J$, and millions of parameters. Forward mode
# would need one pass per parameter; reverse mode needs one backward pass in all, costing about as
# much as the forward pass. Reverse-mode differentiation of a network's graph is exactly
# **backpropagation**, and it is what PyTorch, TensorFlow and JAX do automatically ("autograd").
# The cell below runs both modes on this graph and checks them against each other.

# %%
x1, x2, y_true = 1.5, -0.5, 1.0
w1, w2, b = 0.3, -0.8, 0.1

# forward pass, keeping the intermediate values
z_val = w1 * x1 + w2 * x2 + b
a_val = float(sigmoid(z_val))
dL_da = -(y_true / a_val - (1 - y_true) / (1 - a_val))

# forward mode: one pass per input, seeding that input's derivative with 1
forward = {}
for name, (dw1, dw2, db) in {"w1": (1, 0, 0), "w2": (0, 1, 0), "b": (0, 0, 1)}.items():
    dz = dw1 * x1 + dw2 * x2 + db
    da = float(sigmoid_grad(z_val)) * dz
    forward[name] = dL_da * da

# reverse mode: one backward pass gives all three
z_bar = dL_da * float(sigmoid_grad(z_val))
reverse = {"w1": z_bar * x1, "w2": z_bar * x2, "b": z_bar}

for name in ("w1", "w2", "b"):
    print(f"dL/d{name}:  forward mode {forward[name]:+.6f}   reverse mode {reverse[name]:+.6f}")
print("and dL/dz = a - y =", round(a_val - y_true, 6), " (the result you derived in notebook 02)")

# %% [markdown]
# ### Static and dynamic graphs
#
# Deep-learning frameworks build this graph for you, in one of two ways.
#
# - A **static graph** ("define, then run") is described completely first, as a data structure,
#   and only then fed with numbers, many times. TensorFlow 1 worked this way, and so do compilers
#   such as XLA behind `tf.function` and JAX's `jit`. Because the whole graph is known in advance,
#   the framework can optimise it (fuse operations, plan memory, place work on devices) and save it
#   to run without Python. The price: ordinary Python `if` and `for` cannot depend on the data
#   inside the graph; special graph operations (`tf.cond`, `tf.while_loop`) stand in for them, and
#   an error shows up far from the line that caused it.
# - A **dynamic graph** ("define by running") is recorded while the forward pass runs, one
#   operation at a time, and thrown away after the backward pass. PyTorch and TensorFlow 2's eager
#   mode work this way. The graph can differ at every step (a loop over a sentence's words, a branch
#   on a value), the code is plain Python, and a debugger stops at the real line; the framework sees
#   less of the computation at once, so it optimises less.
#
# The code of this course is dynamic in spirit: the forward pass runs line by line and keeps in a
# cache what the backward pass will need, which is what a dynamic framework records for you.

# %% [markdown]
# ## Summary
#
# - The gradient reaches a unit's weights through $g'(z)$: $dZ = dA * g'(Z)$, elementwise.
# - $\sigma'(z) = a(1 - a)$ (at most $\tfrac14$), $\tanh'(z) = 1 - a^2$ (at most 1), ReLU's is 1 or
#   0 (and 0 at $z = 0$ by convention), leaky ReLU's is 1 or $\alpha$.
# - A centred difference $\big(f(z + \varepsilon) - f(z - \varepsilon)\big) / 2\varepsilon$ checks
#   any derivative to $O(\varepsilon^2)$; a one-sided one only to $O(\varepsilon)$.
# - Saturating activations and deep stacks make gradients vanish: a product of many factors below
#   1. ReLU and a good initialisation keep them alive.
# - Positive-only activations force zig-zag updates; zero-centred ones (tanh) do not.
# - ReLU units can die; leaky ReLU, PReLU, careful initialisation and moderate learning rates
#   prevent it. ELU ($\alpha(e^z - 1)$ on the left, derivative $\alpha e^z$), swish and GELU are
#   smooth alternatives; PReLU learns its slope.
# - Softmax normalises each column over the whole layer; subtract the column maximum first.
# - Backpropagation is reverse-mode automatic differentiation of the network's computational graph;
#   frameworks build that graph in advance (static) or while the forward pass runs (dynamic).
#
# ## Where to go next
#
# Notebook **04** puts these pieces together: a network with a tanh hidden layer and a sigmoid
# output, its backward pass derived with the chain rule (the $1 - A^2$ you wrote here appears in
# it), and a gradient check of the whole backward pass with the centred difference of section 5,
# applied to every parameter of the network.
