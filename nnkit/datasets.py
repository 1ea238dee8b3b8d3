"""Two-class data sets in the plane, made in code, and a train/test split.

Every generator returns ``X`` of shape ``(2, m)`` (one column per example, row 0 is x1, row 1 is x2)
and ``Y`` of shape ``(1, m)`` holding 0.0 / 1.0, both float64. Class 0 gets ``m // 2`` examples and
class 1 the other ``m - m // 2``; the columns are shuffled, so any slice of them mixes the classes.
Randomness comes only from ``seed``: an int (the same int gives the same data), a
``numpy.random.Generator`` (drawn from, so it advances) or None (a fresh, unseeded generator).

========  ==================  =================================================================
name      function            what it is
========  ==================  =================================================================
blobs     :func:`make_blobs`   two Gaussian blobs, linearly separable (logistic regression is enough)
circles   :func:`make_circles` a ring around a disc (the seed notes' Keras example, as scikit-learn's)
moons     :func:`make_moons`   two interleaving half circles
flower    :func:`make_flower`  Andrew Ng's planar "flower": r = a sin(4 t), two classes of petals
spirals   :func:`make_spirals` two interleaved spiral arms
xor       :func:`make_xor`     the four quadrants, labelled by the sign of x1 x2
noisy     :func:`make_noisy`   60 points, a curved boundary, flipped labels: a big net overfits it
========  ==================  =================================================================

``load(name, **kw)`` calls ``DATASETS[name](**kw)``.

One real data set ships with the package, for the ten classes of 08: :func:`load_digits`, the UCI
8 x 8 handwritten digits (``X (64, 1797)`` in [0, 1], integer labels ``y (1, 1797)``), with
:func:`train_dev_test_split` to cut it into training, dev and test sets.
"""

from pathlib import Path

import numpy as np

from nnkit._validate import as_generator, check_2d, check_positive_int, check_scalar, check_X_Y


# --------------------------------------------------------------------------------------------------
# Helpers


def _check_m(m, minimum=2):
    m = check_positive_int(m, "m")
    if m < minimum:
        raise ValueError(f"m must be an integer >= {minimum} (at least one example of each class); got {m}")
    return m


def _check_noise(noise, name="noise"):
    return check_scalar(noise, name, 0.0)


def _rng(seed):
    return as_generator(seed, "seed")


def _finish(points0, points1, rng):
    """Stack class 0 and class 1 (each ``(k, 2)``) into shuffled ``X (2, m)``, ``Y (1, m)``."""
    X = np.concatenate([points0, points1], axis=0).T
    Y = np.concatenate([np.zeros(len(points0)), np.ones(len(points1))])[None, :]
    perm = rng.permutation(X.shape[1])
    return np.ascontiguousarray(X[:, perm], dtype=np.float64), np.ascontiguousarray(Y[:, perm], dtype=np.float64)


def _split(m):
    return m // 2, m - m // 2


# --------------------------------------------------------------------------------------------------
# Generators


def make_blobs(m=200, *, noise=0.6, seed=0):
    """Two Gaussian blobs: class 0 around (-1, -1), class 1 around (1, 1).

    x ~ N(mu_y, noise^2 I) with mu_0 = (-1, -1), mu_1 = (1, 1). The centres are 2 sqrt(2) ~ 2.8
    apart, so with the default ``noise`` (the standard deviation) the classes are separated by a line.

    Parameters
    ----------
    m : int, default 200
        Number of examples, >= 2.
    noise : float, default 0.6
        Standard deviation of each blob, >= 0.
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 / 1.0.
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    m0, m1 = _split(m)
    p0 = np.array([-1.0, -1.0]) + noise * rng.standard_normal((m0, 2))
    p1 = np.array([1.0, 1.0]) + noise * rng.standard_normal((m1, 2))
    return _finish(p0, p1, rng)


def make_circles(m=300, *, noise=0.05, factor=0.5, seed=0):
    """Two concentric circles, as scikit-learn's ``make_circles``: class 0 outside, class 1 inside.

    Class 0 lies on the unit circle, class 1 on the circle of radius ``factor``, at angles evenly
    spaced over [0, 2 pi); then Gaussian noise of standard deviation ``noise`` is added to each
    coordinate. No line separates them: a network needs hidden units to draw the closed boundary.

    Parameters
    ----------
    m : int, default 300
        Number of examples, >= 2.
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, >= 0.
    factor : float, default 0.5
        Radius of the inner circle relative to the outer one, in (0, 1).
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 (outer circle) / 1.0 (inner circle).
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    factor = check_scalar(factor, "factor", 0.0, 1.0, include_low=False, include_high=False)
    m0, m1 = _split(m)
    t0 = np.linspace(0.0, 2.0 * np.pi, m0, endpoint=False)
    t1 = np.linspace(0.0, 2.0 * np.pi, m1, endpoint=False)
    p0 = np.column_stack([np.cos(t0), np.sin(t0)]) + noise * rng.standard_normal((m0, 2))
    p1 = factor * np.column_stack([np.cos(t1), np.sin(t1)]) + noise * rng.standard_normal((m1, 2))
    return _finish(p0, p1, rng)


def make_moons(m=300, *, noise=0.1, seed=0):
    """Two interleaving half circles, as scikit-learn's ``make_moons``.

    Class 0: (cos t, sin t) for t in [0, pi]; class 1: (1 - cos t, 1/2 - sin t); then Gaussian noise
    of standard deviation ``noise`` on each coordinate.

    Parameters
    ----------
    m : int, default 300
        Number of examples, >= 2.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate, >= 0.
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 (upper moon) / 1.0 (lower moon).
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    m0, m1 = _split(m)
    t0, t1 = np.linspace(0.0, np.pi, m0), np.linspace(0.0, np.pi, m1)
    p0 = np.column_stack([np.cos(t0), np.sin(t0)]) + noise * rng.standard_normal((m0, 2))
    p1 = np.column_stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)]) + noise * rng.standard_normal((m1, 2))
    return _finish(p0, p1, rng)


def make_flower(m=400, *, noise=0.2, petal_length=4.0, seed=0):
    """Andrew Ng's planar "flower" data set (``load_planar_dataset`` of his course), redrawn with a Generator.

    For class j in {0, 1}, with k examples: t = linspace(3.12 j, 3.12 (j + 1), k) + noise e_1 and
    r = a sin(4 t) + noise e_2 (e_1, e_2 standard normal, a = ``petal_length``), and the point is
    (r sin t, r cos t). Each class makes two opposite petals; logistic regression gets about half
    right, a 2-4-1 tanh network about 90 %.

    Parameters
    ----------
    m : int, default 400
        Number of examples, >= 2.
    noise : float, default 0.2
        Standard deviation of the noise on the angle and on the radius, >= 0.
    petal_length : float, default 4.0
        a, the length of a petal, > 0.
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 / 1.0 (Ng's red / blue).
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    a = check_scalar(petal_length, "petal_length", 0.0, include_low=False)
    classes = []
    for j, k in enumerate(_split(m)):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, k) + noise * rng.standard_normal(k)
        r = a * np.sin(4.0 * t) + noise * rng.standard_normal(k)
        classes.append(np.column_stack([r * np.sin(t), r * np.cos(t)]))
    return _finish(classes[0], classes[1], rng)


def make_spirals(m=300, *, noise=0.05, turns=1.25, seed=0):
    """Two interleaved spiral arms, the second the first turned by half a turn.

    For class j and s evenly spaced in [0.1, 1]: angle theta = 2 pi turns s + j pi, radius s, point
    (s cos theta, s sin theta), plus Gaussian noise of standard deviation ``noise`` on each
    coordinate. The more ``turns``, the harder (the arms get closer: 1 / (2 turns) apart).

    Parameters
    ----------
    m : int, default 300
        Number of examples, >= 2.
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, >= 0.
    turns : float, default 1.25
        How many times each arm goes round the centre, > 0.
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 / 1.0, one arm each.
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    turns = check_scalar(turns, "turns", 0.0, include_low=False)
    classes = []
    for j, k in enumerate(_split(m)):
        s = np.linspace(0.1, 1.0, k)
        theta = 2.0 * np.pi * turns * s + j * np.pi
        classes.append(np.column_stack([s * np.cos(theta), s * np.sin(theta)]) + noise * rng.standard_normal((k, 2)))
    return _finish(classes[0], classes[1], rng)


def make_xor(m=200, *, noise=0.1, seed=0):
    """The XOR problem: points in the four quadrants, class 1 where x1 and x2 have opposite signs.

    Each point is (s1 u1, s2 u2) with u1, u2 ~ Uniform(0, 1) and the signs (s1, s2) in
    {(+, +), (-, -)} for class 0 and {(+, -), (-, +)} for class 1 (alternating), then Gaussian noise
    of standard deviation ``noise`` on each coordinate. y = 1 exactly when x1 x2 < 0 before the
    noise; no single line separates the classes.

    Parameters
    ----------
    m : int, default 200
        Number of examples, >= 2.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate, >= 0.
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 (same signs) / 1.0 (opposite signs).
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    classes = []
    for signs, k in zip(([[1.0, 1.0], [-1.0, -1.0]], [[1.0, -1.0], [-1.0, 1.0]]), _split(m)):
        quadrant = np.array(signs)[np.arange(k) % 2]  # (k, 2): the two quadrants of the class in turn
        classes.append(quadrant * rng.random((k, 2)) + noise * rng.standard_normal((k, 2)))
    return _finish(classes[0], classes[1], rng)


def make_noisy(m=60, *, noise=0.15, flip=0.1, seed=0):
    """A small, noisy set with a curved boundary: a big network fits its noise (overfitting).

    x1 ~ Uniform(-1, 1); class 1 lies above the curve x2 = 0.4 sin(pi x1), class 0 below it, at a
    distance Uniform(0.05, 0.8); Gaussian noise of standard deviation ``noise`` is added to each
    coordinate; then ``round(flip * m / 2)`` labels of each class are flipped, so the classes stay
    balanced and about a fraction ``flip`` of the labels is wrong. Draw a test set with another
    seed (or use :func:`train_test_split` on a bigger m) to see the gap between train and test.

    Parameters
    ----------
    m : int, default 60
        Number of examples, >= 2.
    noise : float, default 0.15
        Standard deviation of the noise added to each coordinate, >= 0.
    flip : float, default 0.1
        Fraction of labels flipped, in [0, 1).
    seed : int, numpy.random.Generator or None, default 0
        Seed (or generator) of the draw.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
        0.0 / 1.0, some of them wrong on purpose.
    """
    m, noise, rng = _check_m(m), _check_noise(noise), _rng(seed)
    flip = check_scalar(flip, "flip", 0.0, 1.0, include_high=False)
    m0, m1 = _split(m)
    classes = []
    for side, k in ((-1.0, m0), (1.0, m1)):
        x1 = rng.uniform(-1.0, 1.0, k)
        x2 = 0.4 * np.sin(np.pi * x1) + side * rng.uniform(0.05, 0.8, k)
        classes.append(np.column_stack([x1, x2]) + noise * rng.standard_normal((k, 2)))
    n_flip = min(int(round(flip * m / 2)), m0)
    if n_flip:  # swap the labels of n_flip points of each class: move them to the other class's list
        i0, i1 = rng.choice(m0, n_flip, replace=False), rng.choice(m1, n_flip, replace=False)
        p0, p1 = classes[0].copy(), classes[1].copy()
        p0[i0], p1[i1] = classes[1][i1], classes[0][i0]
        classes = [p0, p1]
    return _finish(classes[0], classes[1], rng)


# --------------------------------------------------------------------------------------------------
# Split and registry


def train_test_split(X, Y, test_fraction=0.25, rng=None):
    """Split the examples (columns) at random into a training set and a test set.

    One permutation is applied to the columns of X and Y, so column j of ``X_train`` still goes with
    column j of ``Y_train``. The test set gets ``round(test_fraction * m)`` examples (at least 1, and
    at least 1 is left for training).

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example; m >= 2.
    Y : array_like, shape (1, m)
        Labels.
    test_fraction : float, default 0.25
        Fraction of the examples that go to the test set, in (0, 1).
    rng : numpy.random.Generator, int or None, default None
        The generator of the permutation, or a seed for one (None: a fresh, unseeded one).

    Returns
    -------
    X_train : ndarray of float64, shape (n_x, m - m_test)
    Y_train : ndarray of float64, shape (1, m - m_test)
    X_test : ndarray of float64, shape (n_x, m_test)
    Y_test : ndarray of float64, shape (1, m_test)
        New arrays (the inputs are not modified), in Ng's order: train X, train Y, test X, test Y.
    """
    X, Y = check_X_Y(X, Y)
    test_fraction = check_scalar(test_fraction, "test_fraction", 0.0, 1.0, include_low=False, include_high=False)
    m = X.shape[1]
    if m < 2:
        raise ValueError(f"X must have at least 2 examples (columns) to split; got shape {X.shape}")
    m_test = min(max(int(round(test_fraction * m)), 1), m - 1)
    perm = as_generator(rng).permutation(m)
    test, train = perm[:m_test], perm[m_test:]
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


# --------------------------------------------------------------------------------------------------
# Real data: the UCI 8x8 handwritten digits, shipped with the package

_DIGITS = Path(__file__).resolve().parent / "data" / "digits.csv.gz"


def load_digits():
    """The 1,797 handwritten digits (8 x 8 pixels, classes 0..9) of the UCI optical digits, from disk.

    Provenance: "Optical Recognition of Handwritten Digits" by E. Alpaydin and C. Kaynak (1998), UCI
    Machine Learning Repository, https://doi.org/10.24432/C50P49, licensed under CC BY 4.0. The file
    ``nnkit/data/digits.csv.gz`` is the copy of its test set (1,797 images written by 13 people)
    that scikit-learn ships as ``sklearn/datasets/data/digits.csv.gz``, unchanged: one image per line,
    64 pixel values 0..16 (row by row) and the label. Nothing is downloaded; see
    ``nnkit/data/README.md``.

    Returns
    -------
    X : ndarray of float64, shape (64, 1797)
        One image per column, pixel (r, c) in row 8 r + c, scaled from 0..16 to [0, 1].
    y : ndarray of int64, shape (1, 1797)
        The digit each image shows, 0..9.
    """
    data = np.loadtxt(_DIGITS, delimiter=",", dtype=np.int64)
    return np.ascontiguousarray(data[:, :64].T / 16.0), np.ascontiguousarray(data[:, 64][None, :])


def train_dev_test_split(X, y, dev_fraction=0.15, test_fraction=0.15, rng=0):
    """Split the examples (columns) at random into training, dev and test sets.

    One permutation is applied to the columns of X and y, so each image keeps its label. The dev and
    test sets get ``round(fraction * m)`` examples each (at least 1), the training set the rest.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example; m >= 3.
    y : array_like, shape (1, m)
        Labels (any dtype; kept as they are).
    dev_fraction, test_fraction : float, default 0.15
        Fractions of the examples in the dev and the test set, each in (0, 1), summing to less than 1.
    rng : numpy.random.Generator, int or None, default 0
        The generator of the permutation, or a seed for one.

    Returns
    -------
    X_train : ndarray, shape (n_x, m_train)
    y_train : ndarray, shape (1, m_train)
    X_dev : ndarray, shape (n_x, m_dev)
    y_dev : ndarray, shape (1, m_dev)
    X_test : ndarray, shape (n_x, m_test)
    y_test : ndarray, shape (1, m_test)
        New arrays (the inputs are not modified).
    """
    X = check_2d(X, "X", "(n_x, m)")
    y = np.asarray(y)
    if y.ndim != 2 or y.shape[0] != 1 or y.shape[1] != X.shape[1]:
        hint = " Did you pass X as (m, n_x)? nnkit uses one column per example." if (
            y.size == X.shape[0]) else ""
        raise ValueError(f"y must have shape (1, m) with m = {X.shape[1]} (the columns of X); got shape {y.shape}.{hint}")
    dev_fraction = check_scalar(dev_fraction, "dev_fraction", 0.0, 1.0, include_low=False, include_high=False)
    test_fraction = check_scalar(test_fraction, "test_fraction", 0.0, 1.0, include_low=False, include_high=False)
    if dev_fraction + test_fraction >= 1.0:
        raise ValueError(f"dev_fraction + test_fraction must be below 1 (some examples are left to train on); "
                         f"got {dev_fraction} + {test_fraction}")
    m = X.shape[1]
    m_dev, m_test = (max(int(round(f * m)), 1) for f in (dev_fraction, test_fraction))
    if m - m_dev - m_test < 1:
        raise ValueError(f"X has too few examples ({m}) for a training, a dev and a test set")
    perm = as_generator(rng).permutation(m)
    parts = (perm[m_dev + m_test:], perm[:m_dev], perm[m_dev:m_dev + m_test])
    return tuple(a[:, idx] for idx in parts for a in (X, y))


DATASETS = {
    "blobs": make_blobs,
    "circles": make_circles,
    "moons": make_moons,
    "flower": make_flower,
    "spirals": make_spirals,
    "xor": make_xor,
    "noisy": make_noisy,
}
"""Name -> generator: ``DATASETS["circles"](m=500, noise=0.1, seed=3)``."""


def load(name, **kw):
    """Make the data set called ``name`` (a key of :data:`DATASETS`) with keyword arguments ``kw``.

    Parameters
    ----------
    name : str
        One of "blobs", "circles", "moons", "flower", "spirals", "xor", "noisy".
    **kw
        Passed to the generator (``m``, ``noise``, ``seed``, ...).

    Returns
    -------
    X : ndarray of float64, shape (2, m)
    Y : ndarray of float64, shape (1, m)
    """
    if not isinstance(name, str) or name not in DATASETS:
        raise ValueError(f"unknown data set name {name!r}; valid names are {', '.join(DATASETS)}")
    return DATASETS[name](**kw)


__all__ = ["make_blobs", "make_circles", "make_moons", "make_flower", "make_spirals", "make_xor", "make_noisy",
           "train_test_split", "load", "DATASETS", "load_digits", "train_dev_test_split"]
