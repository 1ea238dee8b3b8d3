"""nnkit.datasets: the two-class data sets in the plane and the train/test split."""

import numpy as np
import pytest

from nnkit import datasets

NAMES = ["blobs", "circles", "moons", "flower", "spirals", "xor", "noisy"]


def test_registry_names_and_load():
    assert list(datasets.DATASETS) == NAMES
    for name in NAMES:
        X, Y = datasets.load(name, m=30, seed=4)
        X2, Y2 = datasets.DATASETS[name](m=30, seed=4)
        np.testing.assert_array_equal(X, X2)
        np.testing.assert_array_equal(Y, Y2)
    with pytest.raises(ValueError, match="unknown data set name 'spiral'.*spirals"):
        datasets.load("spiral")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("m", [2, 37, 200])
def test_shapes_dtypes_and_balance(name, m):
    X, Y = datasets.load(name, m=m)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert np.isfinite(X).all()
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert np.count_nonzero(Y == 0) == m // 2 and np.count_nonzero(Y == 1) == m - m // 2


@pytest.mark.parametrize("name", NAMES)
def test_shuffled_columns(name):
    _, Y = datasets.load(name, m=100)
    assert 0 < Y[0, :50].sum() < 50  # not all of one class first


def test_default_sizes():
    assert datasets.make_flower()[0].shape == (2, 400)
    assert datasets.make_noisy()[0].shape == (2, 60)


@pytest.mark.parametrize("name", NAMES)
def test_determinism_and_seeds(name):
    X1, Y1 = datasets.load(name, m=50, seed=7)
    X2, Y2 = datasets.load(name, m=50, seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    X3, _ = datasets.load(name, m=50, seed=8)
    assert not np.allclose(X1, X3)
    rng = np.random.default_rng(0)  # a Generator is drawn from: two calls give two data sets
    Xa, _ = datasets.load(name, m=50, seed=rng)
    Xb, _ = datasets.load(name, m=50, seed=rng)
    assert not np.allclose(Xa, Xb)
    np.testing.assert_array_equal(Xa, datasets.load(name, m=50, seed=np.random.default_rng(0))[0])


def test_no_global_random_state():
    np.random.seed(0)
    state = np.random.get_state()[1].copy()
    for name in NAMES:
        datasets.load(name, m=20)
    datasets.train_test_split(*datasets.make_blobs(20), rng=1)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


# --------------------------------------------------------------------------------------------------
# Geometry (noise 0 shows the shape exactly)


def test_blobs_centres():
    X, Y = datasets.make_blobs(4000, noise=0.5, seed=1)
    np.testing.assert_allclose(X[:, Y[0] == 0].mean(axis=1), [-1, -1], atol=0.05)
    np.testing.assert_allclose(X[:, Y[0] == 1].mean(axis=1), [1, 1], atol=0.05)
    np.testing.assert_allclose(X[:, Y[0] == 1].std(axis=1), [0.5, 0.5], atol=0.03)
    Xs, Ys = datasets.make_blobs(200, seed=2)  # the default is separated by the line x1 + x2 = 0
    assert np.mean((Xs.sum(axis=0) > 0) == (Ys[0] == 1)) >= 0.98


def test_circles_radii():
    X, Y = datasets.make_circles(100, noise=0.0, factor=0.3)
    r = np.hypot(X[0], X[1])
    np.testing.assert_allclose(r[Y[0] == 0], 1.0)
    np.testing.assert_allclose(r[Y[0] == 1], 0.3)
    Xn, Yn = datasets.make_circles(2000, noise=0.1, factor=0.3, seed=3)
    rn = np.hypot(Xn[0], Xn[1])
    assert abs(rn[Yn[0] == 0].mean() - 1.0) < 0.02 and rn[Yn[0] == 1].mean() < 0.5


def test_moons_arcs():
    X, Y = datasets.make_moons(100, noise=0.0)
    up, low = X[:, Y[0] == 0], X[:, Y[0] == 1]
    np.testing.assert_allclose(np.hypot(up[0], up[1]), 1.0)
    np.testing.assert_allclose(np.hypot(low[0] - 1.0, low[1] - 0.5), 1.0)
    assert (up[1] >= -1e-12).all() and (low[1] <= 0.5 + 1e-12).all()


def test_flower_petals():
    X, Y = datasets.make_flower(400, noise=0.0, petal_length=3.0)
    r = np.hypot(X[0], X[1])
    assert r.max() <= 3.0 + 1e-12 and r.max() > 2.9
    # with no noise, each point sits on r = a |sin(4 t)| at its own angle t = atan2(x1, x2)
    t = np.arctan2(X[0], X[1])
    np.testing.assert_allclose(r, 3.0 * np.abs(np.sin(4 * t)), atol=1e-9)


def test_spirals_arms():
    X, Y = datasets.make_spirals(200, noise=0.0, turns=1.0)
    r = np.hypot(X[0], X[1])
    assert r.min() >= 0.1 - 1e-12 and r.max() <= 1.0 + 1e-12
    # arm j: angle = 2 pi turns r + j pi (mod 2 pi)
    for j in (0, 1):
        sel = Y[0] == j
        expected = 2 * np.pi * r[sel] + j * np.pi
        diff = np.angle(np.exp(1j * (np.arctan2(X[1, sel], X[0, sel]) - expected)))
        np.testing.assert_allclose(diff, 0.0, atol=1e-9)


def test_xor_quadrants():
    X, Y = datasets.make_xor(400, noise=0.0)
    np.testing.assert_array_equal(Y[0] == 1, X[0] * X[1] < 0)
    assert (np.abs(X) <= 1.0).all()
    for s1 in (-1, 1):  # all four quadrants are used
        for s2 in (-1, 1):
            assert np.count_nonzero((np.sign(X[0]) == s1) & (np.sign(X[1]) == s2)) == 100


def test_noisy_labels_flipped():
    X, Y = datasets.make_noisy(60, noise=0.0, flip=0.0)
    above = X[1] > 0.4 * np.sin(np.pi * X[0])
    np.testing.assert_array_equal(above, Y[0] == 1)
    X, Y = datasets.make_noisy(60, noise=0.0, flip=0.2, seed=5)
    above = X[1] > 0.4 * np.sin(np.pi * X[0])
    assert np.count_nonzero(above != (Y[0] == 1)) == 2 * 6  # round(0.2 * 60 / 2) of each class


# --------------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("m", [0, 1, -5, 2.0, True, "10"])
def test_bad_m(name, m):
    with pytest.raises(ValueError, match=r"\bm must be"):
        datasets.load(name, m=m)


@pytest.mark.parametrize("name", NAMES)
def test_bad_noise(name):
    with pytest.raises(ValueError, match=r"noise must be in \[0"):
        datasets.load(name, noise=-0.1)
    with pytest.raises(ValueError, match="noise"):
        datasets.load(name, noise=float("nan"))


def test_bad_other_arguments():
    with pytest.raises(ValueError, match="factor"):
        datasets.make_circles(factor=1.0)
    with pytest.raises(ValueError, match="factor"):
        datasets.make_circles(factor=0.0)
    with pytest.raises(ValueError, match="flip"):
        datasets.make_noisy(flip=1.0)
    with pytest.raises(ValueError, match="turns"):
        datasets.make_spirals(turns=0)
    with pytest.raises(ValueError, match="petal_length"):
        datasets.make_flower(petal_length=-1)
    with pytest.raises(ValueError, match="seed"):
        datasets.make_moons(seed="abc")
    with pytest.raises(TypeError):
        datasets.make_moons(100, 0.2)  # noise is keyword-only: no silent mix-up with the seed


# --------------------------------------------------------------------------------------------------
# train_test_split


def _indexed(m):
    """X whose column j is (j, -j), Y = j mod 2: lets a test follow each example."""
    j = np.arange(m, dtype=np.float64)
    return np.vstack([j, -j]), (j % 2)[None, :]


def test_split_sizes_and_pairing(call_unchanged):
    X, Y = _indexed(40)
    Xtr, Ytr, Xte, Yte = call_unchanged(datasets.train_test_split, X, Y, 0.25, 3)
    assert Xtr.shape == (2, 30) and Ytr.shape == (1, 30) and Xte.shape == (2, 10) and Yte.shape == (1, 10)
    for Xs, Ys in ((Xtr, Ytr), (Xte, Yte)):
        np.testing.assert_array_equal(Xs[1], -Xs[0])  # columns kept whole
        np.testing.assert_array_equal(Ys[0], Xs[0] % 2)  # labels stay with their example
    np.testing.assert_array_equal(np.sort(np.concatenate([Xtr[0], Xte[0]])), np.arange(40))  # a partition
    assert not np.array_equal(Xtr[0], np.arange(30))  # shuffled
    for A in (Xtr, Ytr, Xte, Yte):
        assert A.dtype == np.float64


def test_split_determinism_and_rounding():
    X, Y = _indexed(50)
    a = datasets.train_test_split(X, Y, 0.3, rng=1)
    b = datasets.train_test_split(X, Y, 0.3, rng=np.random.default_rng(1))
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    c = datasets.train_test_split(X, Y, 0.3, rng=2)
    assert not np.array_equal(a[2], c[2])
    assert a[2].shape == (2, 15)
    assert datasets.train_test_split(X, Y, 0.001)[2].shape == (2, 1)  # at least one test example
    assert datasets.train_test_split(X, Y, 0.999)[0].shape == (2, 1)  # and one training example
    X2, Y2 = _indexed(2)
    Xtr, _, Xte, _ = datasets.train_test_split(X2, Y2, 0.5, rng=0)
    assert Xtr.shape == Xte.shape == (2, 1)


def test_split_errors():
    X, Y = _indexed(10)
    for bad in (0.0, 1.0, -0.2, 1.5, float("nan")):
        with pytest.raises(ValueError, match="test_fraction"):
            datasets.train_test_split(X, Y, bad)
    with pytest.raises(ValueError, match="same number of examples"):
        datasets.train_test_split(X, Y[:, :9])
    with pytest.raises(ValueError, match="at least 2 examples"):
        datasets.train_test_split(X[:, :1], Y[:, :1])
    with pytest.raises(ValueError, match="rng"):
        datasets.train_test_split(X, Y, rng="x")
