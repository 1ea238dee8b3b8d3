# %% [markdown]
# # 00 · Welcome
#
# *About 20 minutes. Nothing in this notebook is graded.*
#
# This course builds neural networks from the inside. You will not call a deep-learning library:
# you will write the mathematics yourself, in NumPy, one function at a time, starting from a single
# neuron and ending with a deep network that learns a curved decision boundary. Every function you
# write is checked against a reference library, `nnkit`, and when it is wrong the check tells you
# how.
#
# | notebook | what you build |
# |---|---|
# | `01_neuron` | the activations (sigmoid, tanh, ReLU, leaky ReLU), one neuron, one layer |
# | `02_logistic_regression` | the cross-entropy cost, its gradients, gradient descent, predictions |
# | `03_activations` | the derivatives of the activations, numerical derivatives, softmax |
# | `04_two_layer_backprop` | a network with a hidden layer: forward pass, backpropagation, gradient checking |
# | `05_regularization` | L2 regularisation and dropout |
# | `06_optimization` | mini-batches, momentum, RMSprop, Adam |
# | `07_deep_network` | a network of any depth, and a playground |
# | `08_softmax_classifier` | ten classes: a classifier of real handwritten digits |
#
# **What you will learn here**
#
# - how to work through the notebooks, with nbgrader (in a class) or without it (on your own);
# - what the checks print, and how to read a failure;
# - the few NumPy habits that the whole course relies on: one column per example, column vectors,
#   broadcasting a bias, and `keepdims`.
#
# You need Python and a little calculus (derivatives and the chain rule). Knowing NumPy helps; the
# last part of this notebook revises what you need.
#
# The course is written in English and in Chinese, with the same exercises and the same checks. Its
# terms in both languages are listed in the glossary, `docs/glossary.md` in the course's repository.

# %% setup
import numpy as np

from grader.check import Checker

# %% [markdown]
# ## 1. How to use the course
#
# Every graded notebook has the same parts: an explanation with the formulas, then **exercises**,
# each a function with a docstring that gives the shapes of its inputs and outputs and a hint. You
# write the function's body; right below it, a **test cell** checks it. A few "check your
# understanding" questions are answered by setting a variable. Between the exercises,
# **experiments** use the functions *you* wrote, so you watch your own code learn.
#
# Run the cells from top to bottom: later cells use what earlier ones defined. If the notebook gets
# into a strange state, *Kernel → Restart Kernel and Run All Cells* starts it afresh.
#
# ### In a class, with nbgrader
#
# Your instructor releases each notebook through nbgrader, and you fetch it from JupyterLab's
# *Assignments* tab. Each exercise cell holds
#
# ```python
# # YOUR CODE HERE
# raise NotImplementedError()
# ```
#
# which you replace with your code. When you are done, submit from the same tab. A few rules follow
# from how your work is graded:
#
# - **The test cells in your notebook give feedback; they do not decide your grade.** After you
#   submit, the grader runs your exercise cells again in a separate, clean Python process, calls your
#   functions there on inputs of its own, including *hidden* cases you have not seen (other shapes,
#   other learning rates), and compares the results with `nnkit`. Passing the visible checks is a
#   good sign, not a guarantee.
# - **An exercise cell must stand on its own.** When grading, only your exercise cells are run,
#   with `numpy` (as `np`), `math`, and the functions the notebook hands you ready-made for the
#   exercises (such as `sigmoid` in 02, which its text points out). You may call your own functions
#   from earlier exercises. Do not rely on variables made in other cells, and do not import `nnkit`
#   or `grader` in an exercise cell: such a cell is not run at all.
# - **A mistake costs its points once.** If your `propagate` calls your own `binary_cross_entropy`
#   and that one is wrong, `propagate` is graded as if it had called a correct one.
# - Prints and warnings never cost points. Do not edit or delete the test cells: they are restored
#   before grading anyway.
#
# ### On your own, without nbgrader
#
# Everything works in plain Jupyter. From the repository's folder, `make lab` installs what is
# needed, makes your own copy of the student notebooks in `my-work/` (each exercise reads
# `raise NotImplementedError()`) and opens JupyterLab there. That folder is yours: running
# `make lab` again, a new release or `make clean` never overwrites a notebook that is already in it
# (delete one yourself to start it again). The instructor's versions, with every solution between
# two marker comments, open with `make lab-solutions`, for when you want to compare.
#
# As a self-learner you can also run the **hidden** cases yourself: `check("sigmoid", sigmoid,
# hidden=True)` runs the hidden cases of your copy of the course (an instructor's grading draws its
# own hidden inputs of the same kinds, so they cannot be learned by heart).
#
# ## 2. How the checks report
#
# The first cell of each notebook makes a checker for that notebook, for example
# `check = Checker("01_neuron")`, and each test cell calls it:
#
# ```python
# check("relu", relu)                                 # a function: its visible cases
# check.answer("q_linear_layers", q_linear_layers)    # a "check your understanding" answer
# ```
#
# A function that agrees with the reference on every case prints one line with a ✔. One that does
# not raises an error whose message has at most five lines, in this order of importance: first an
# error your code raised or a wrong *type* (a list instead of an array, an array instead of a
# number), then a wrong *shape*, then wrong *values*; then the input it failed on; and, when the
# result matches a well-known slip (a missing $1/m$, a transposed matrix, `np.max` in place of
# `np.maximum`, ...), the slip's name and a hint.
#
# Below, the checker of `01_neuron` looks at a few deliberately wrong versions of `relu` and
# `neuron_forward` (you will write the right ones there). Each failure is caught and printed, so this
# notebook runs to the end; in a test cell you would see the same lines in red.

# %%
check01 = Checker("01_neuron")


def show(name, fn):
    """Run the check of 01_neuron on fn and print what a test cell would show."""
    try:
        check01(name, fn)
    except AssertionError as failure:
        print("✘ " + str(failure).replace("\n", "\n  "))
    print()


def relu(z):
    raise NotImplementedError()         # what every exercise looks like before you start


show("relu", relu)


def relu(z):
    return np.max(z, 0)                 # wrong: np.max takes the largest entry along an axis


show("relu", relu)


def relu(z):
    return np.maximum(z, 0)             # right: the entry-by-entry maximum


show("relu", relu)

# %% [markdown]
# Shapes are checked before values. Here a neuron's output comes out as a column instead of a row,
# then as a row that forgets the bias:

# %%
# neuron_forward calls sigmoid, which is not defined in this notebook: while a function is checked,
# the earlier graded functions it calls are replaced by correct ones (a mistake costs its points once).
def neuron_forward(w, b, X):
    return sigmoid(X.T @ w + b)         # wrong: (m, n_x) @ (n_x, 1) gives a column (m, 1)


show("neuron_forward", neuron_forward)


def neuron_forward(w, b, X):
    return sigmoid(w.T @ X)             # the shape (1, m) is right now, but where is b?


show("neuron_forward", neuron_forward)

# %% [markdown]
# Read a failure from the top: the first line says what is wrong, the second on which input (small
# enough to redo by hand), the third, when there is one, which slip it looks like.
#
# ## 3. A NumPy refresher: the shapes that matter
#
# Most bugs in neural-network code are shape bugs, and most shape bugs come from four habits. Every
# notebook of the course follows Andrew Ng's notation, so these shapes will be the same everywhere.
#
# ### 3.1 One column per example
#
# A data set of $m$ examples with $n_x$ features each is a matrix `X` of shape `(n_x, m)`: **each
# column is one example**, each row one feature. Labels are a row `Y` of shape `(1, m)`.

# %%
X = np.array([[1.0, 2.0, 3.0, 4.0],      # feature 1 of the 4 examples
              [0.5, 0.0, -0.5, -1.0]])   # feature 2
Y = np.array([[1.0, 0.0, 1.0, 0.0]])
n_x, m = X.shape
print("n_x =", n_x, " m =", m, " Y has shape", Y.shape)
print("example 3 as a 1-D array:", X[:, 2], "shape", X[:, 2].shape)
print("example 3 as a column:   ", X[:, 2:3].ravel(), "shape", X[:, 2:3].shape, " (slicing keeps the axis)")

# %% [markdown]
# ### 3.2 Column vectors, not 1-D arrays
#
# NumPy has arrays of shape `(3,)`, which are neither rows nor columns. They are a classic trap:
# transposing one does nothing, so `v.T @ v` and `v @ v.T` are both the same number, and adding one
# to a column silently builds a whole matrix. In this course a vector of weights is always a
# **column** of shape `(n, 1)`; `reshape(-1, 1)` turns a 1-D array into one.

# %%
v = np.array([1.0, 2.0, 3.0])            # shape (3,): avoid
w = v.reshape(-1, 1)                     # shape (3, 1): a column
print("v.T has shape", v.T.shape, "  (transposing a 1-D array changes nothing)")
print("w.T @ w =", w.T @ w, "shape", (w.T @ w).shape, "  (an inner product)")
print("w @ w.T has shape", (w @ w.T).shape, "  (an outer product)")
print("v @ v.T =", v @ v.T, "  (not the outer product you might expect)")
print("w + v has shape", (w + v).shape, "  (a (3, 1) plus a (3,) broadcasts to (3, 3)!)")

# %% [markdown]
# ### 3.3 Broadcasting a bias
#
# A layer computes $Z = W X + b$ with `W` of shape `(n_l, n_x)`, `X` of shape `(n_x, m)` and `b` of
# shape `(n_l, 1)`. The product `W @ X` has shape `(n_l, m)`, and `b` has only one column: NumPy
# **broadcasts** it, adding it to each of the `m` columns. The rule: compare the shapes from the
# right; two sizes fit if they are equal or one of them is 1, which is stretched to match.
#
# With `b` as a 1-D array of shape `(n_l,)`, the rule lines it up with the *last* axis, the examples,
# instead of the units: an error if you are lucky, a silently wrong result when `m` happens to equal
# `n_l`.

# %%
rng = np.random.default_rng(0)
W = rng.normal(size=(4, 2))              # 4 units, 2 inputs
b = np.array([[0.1], [0.2], [0.3], [0.4]])
Z = W @ X + b                            # (4, 2) @ (2, 4) + (4, 1) -> (4, 4)
print("Z has shape", Z.shape)
print("each column got the same bias:", np.allclose(Z - W @ X, np.tile(b, (1, m))))

b_flat = b.ravel()                       # shape (4,): the trap
Z_wrong = W @ X + b_flat                 # no error, because m = 4 = n_l ...
print("with b of shape (4,), the bias went along the wrong axis:", not np.allclose(Z_wrong, Z))

# %% [markdown]
# ### 3.4 Sums and means: `axis` and `keepdims`
#
# `np.sum(A)` adds everything into one number. `np.sum(A, axis=1)` adds along the rows' length,
# that is over the examples, one total per unit, and drops that axis: the result has shape
# `(n_l,)`. With `keepdims=True` the axis is kept with size 1, shape `(n_l, 1)`, which is the shape
# of `b` and broadcasts correctly. That is why the gradient of a layer's bias is written
# `db = np.sum(dZ, axis=1, keepdims=True) / m`. Likewise `axis=0` works over the units, one result
# per example; with `keepdims=True` it stays a row `(1, m)`, which is what you need to, say, divide
# every column by its own total.

# %%
dZ = rng.normal(size=(3, 5))             # 3 units, m = 5 examples
print("np.sum(dZ)                          ->", np.round(np.sum(dZ), 3), "(one number)")
print("np.sum(dZ, axis=1).shape            ->", np.sum(dZ, axis=1).shape)
print("np.sum(dZ, axis=1, keepdims=True)   ->", np.sum(dZ, axis=1, keepdims=True).shape, "(the shape of b)")
b3 = np.zeros((3, 1))
print("b - sum without keepdims has shape   ", (b3 - np.sum(dZ, axis=1)).shape, "(wrong: a matrix)")
print("b - sum with keepdims has shape      ", (b3 - np.sum(dZ, axis=1, keepdims=True)).shape)

P = np.abs(dZ)
P_cols = P / np.sum(P, axis=0, keepdims=True)   # (3, 5) / (1, 5): every column divided by its total
print("each column now sums to 1:", np.allclose(P_cols.sum(axis=0), 1.0))

# %% [markdown]
# ### 3.5 Two more habits
#
# **`*` is entry by entry, `@` is the matrix product.** `A * B` needs shapes that broadcast and
# multiplies matching entries; `A @ B` (or `np.dot(A, B)`) needs the inner sizes to agree.
#
# **Return new arrays; do not change the ones you are given.** `w -= lr * dw` changes the caller's
# array in place, `w = w - lr * dw` makes a new one. The checks report a function that modifies its
# inputs. And for randomness, the course always uses a generator made from a seed,
# `rng = np.random.default_rng(seed)`, so that every run draws the same numbers.

# %%
A = np.array([[1.0, 2.0], [3.0, 4.0]])
B = np.array([[10.0, 0.0], [0.0, 10.0]])
print("A * B =\n", A * B)
print("A @ B =\n", A @ B)

w_caller = np.ones((2, 1))
w_inside = w_caller
w_inside = w_inside - 0.5                # a new array: w_caller is unchanged
print("after w = w - 0.5:  caller's w =", w_caller.ravel())
w_inside = w_caller
w_inside -= 0.5                          # in place: this changes w_caller too
print("after w -= 0.5:     caller's w =", w_caller.ravel())

print("same seed, same draws:", np.allclose(np.random.default_rng(7).normal(size=3),
                                            np.random.default_rng(7).normal(size=3)))

# %% [markdown]
# **Try it.** Before running the next cell, predict each shape. (Answers are printed; nothing is
# graded.)

# %%
W1 = np.zeros((4, 3))
X5 = np.zeros((3, 5))
b1 = np.zeros((4, 1))
for expression, value in [("W1 @ X5", W1 @ X5), ("W1 @ X5 + b1", W1 @ X5 + b1),
                          ("np.sum(W1 @ X5, axis=1, keepdims=True)", np.sum(W1 @ X5, axis=1, keepdims=True)),
                          ("np.mean(X5, axis=0)", np.mean(X5, axis=0)), ("W1.T @ b1", W1.T @ b1)]:
    print(f"{expression:42s} -> {value.shape}")

# %% [markdown]
# ## Summary
#
# - Write each exercise's body, then run its test cell: ✔ is a pass; a failure says what, on
#   which input, and often which known slip. Run the notebook from top to bottom.
# - The notebook's checks are feedback. The grade comes from running your exercise cells again, in a
#   clean process, on visible and hidden cases: keep each exercise cell self-contained (NumPy, the
#   ready-made functions of the notebook, and your earlier functions; never `nnkit`).
# - Without nbgrader: `make lab` (your notebooks in `my-work/`, never overwritten; the solutions with
#   `make lab-solutions`); `hidden=True` runs the hidden cases too.
# - Shapes: `X` is `(n_x, m)`, one column per example; vectors are columns `(n, 1)`, never `(n,)`;
#   `b` of shape `(n_l, 1)` broadcasts over the `m` columns; `keepdims=True` keeps sums in that shape.
#
# ## Next
#
# **01 · The neuron**: the smallest part of every network, and the first functions you write.
