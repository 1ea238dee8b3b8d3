"""nnkit.regularization (05): the L2 penalty and its gradient, inverted dropout forward and backward."""

import numpy as np
import pytest

from nnkit import regularization as reg
from nnkit import two_layer


def params3(seed=0):
    rng = np.random.default_rng(seed)
    dims = (3, 4, 2, 1)
    p = {}
    for l in range(1, 4):
        p[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        p[f"b{l}"] = rng.normal(size=(dims[l], 1))  # non-zero, so a penalty on b would show
    return p


# --------------------------------------------------------------------------------------------------
# L2


def test_l2_penalty_by_hand(call_unchanged):
    p = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([[5.0], [6.0]]),
         "W2": np.array([[1.0, -1.0]]), "b2": np.array([[7.0]])}
    assert call_unchanged(reg.l2_penalty, p, 0.5, 4) == pytest.approx(0.5 / 8 * (30 + 2), rel=1e-14)
    assert reg.l2_penalty(p, 0.0, 4) == 0.0
    assert type(reg.l2_penalty(p, 0.5, 4)) is float
    assert reg.l2_penalty({"W1": np.ones((2, 3))}, 1.0, 3) == pytest.approx(1.0)  # only W's needed


def test_l2_penalty_sums_every_layer():
    p = params3()
    expected = 0.3 / (2 * 7) * sum(np.sum(p[f"W{l}"] ** 2) for l in (1, 2, 3))
    assert reg.l2_penalty(p, 0.3, 7) == pytest.approx(expected, rel=1e-13)


def test_l2_gradients_are_the_gradient_of_the_penalty(numgrad, call_unchanged):
    p = params3(1)
    zeros = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    grads = call_unchanged(reg.l2_gradients, zeros, p, 0.7, 5)
    for l in (1, 2, 3):
        expected = numgrad(lambda W: reg.l2_penalty({**p, f"W{l}": W}, 0.7, 5), p[f"W{l}"])
        np.testing.assert_allclose(grads[f"dW{l}"], expected, rtol=1e-6, atol=1e-10)
        assert not grads[f"db{l}"].any()


def test_l2_gradients_of_a_regularised_network(numgrad):
    rng = np.random.default_rng(2)
    p = {"W1": rng.normal(size=(4, 2)), "b1": rng.normal(size=(4, 1)), "W2": rng.normal(size=(1, 4)),
         "b2": rng.normal(size=(1, 1))}
    X, Y = rng.normal(size=(2, 9)), (rng.random((1, 9)) < 0.5).astype(float)

    def J(params):
        return two_layer.compute_cost(two_layer.forward_propagation(X, params)[0], Y) + reg.l2_penalty(params, 0.4, 9)
    _, cache = two_layer.forward_propagation(X, p)
    grads = reg.l2_gradients(two_layer.backward_propagation(p, cache, X, Y), p, 0.4, 9)
    for k in p:
        np.testing.assert_allclose(grads["d" + k], numgrad(lambda v: J({**p, k: v}), p[k]), rtol=1e-6, atol=1e-9)


def test_l2_gradients_leave_db_and_other_keys_alone():
    p = params3(3)
    rng = np.random.default_rng(3)
    grads = {"d" + k: rng.normal(size=v.shape) for k, v in p.items()}
    grads["dA1"] = rng.normal(size=(4, 5))
    out = reg.l2_gradients(grads, p, 1.5, 6)
    assert list(out) == list(grads) and out is not grads
    for k, g in grads.items():
        assert out[k] is not g
        if k.startswith("dW"):
            np.testing.assert_allclose(out[k], g + 1.5 / 6 * p[k[1:]], rtol=1e-14)
        else:
            np.testing.assert_array_equal(out[k], g)


# --------------------------------------------------------------------------------------------------
# Dropout


def test_dropout_forward_by_construction(call_unchanged):
    A = np.random.default_rng(4).normal(size=(6, 9))
    A_drop, mask = call_unchanged(reg.dropout_forward, A, 0.7, np.random.default_rng(5))
    assert A_drop.shape == mask.shape == A.shape and mask.dtype == np.float64 and A_drop.dtype == np.float64
    assert set(np.unique(mask)) <= {0.0, 1.0}
    np.testing.assert_allclose(A_drop, A * mask / 0.7, rtol=1e-15)
    expected_mask = (np.random.default_rng(5).random(A.shape) < 0.7).astype(float)
    np.testing.assert_array_equal(mask, expected_mask)


@pytest.mark.parametrize("keep_prob", [0.2, 0.5, 0.8, 0.95])
def test_dropout_mask_mean_and_expectation(keep_prob):
    rng = np.random.default_rng(6)
    A = np.full((300, 400), 3.0)
    A_drop, mask = reg.dropout_forward(A, keep_prob, rng)
    assert mask.mean() == pytest.approx(keep_prob, abs=0.01)
    assert A_drop.mean() == pytest.approx(3.0, rel=0.02)  # inverted dropout keeps E[A_drop] = A
    assert set(np.unique(A_drop)) == {0.0, 3.0 / keep_prob}


def test_dropout_expectation_entry_by_entry():
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 4))
    mean = np.mean([reg.dropout_forward(A, 0.6, rng)[0] for _ in range(4000)], axis=0)
    np.testing.assert_allclose(mean, A, atol=0.05 * np.abs(A).max())


def test_dropout_randomness():
    A = np.ones((20, 30))
    m1, m2 = reg.dropout_forward(A, 0.5, 42)[1], reg.dropout_forward(A, 0.5, 42)[1]
    assert np.array_equal(m1, m2)  # the same seed, the same mask
    assert not np.array_equal(m1, reg.dropout_forward(A, 0.5, 43)[1])
    rng = np.random.default_rng(0)
    assert not np.array_equal(reg.dropout_forward(A, 0.5, rng)[1], reg.dropout_forward(A, 0.5, rng)[1])
    assert reg.dropout_forward(A, 0.5, None)[1].shape == A.shape


def test_dropout_keep_prob_one_is_a_copy():
    A = np.random.default_rng(8).normal(size=(4, 5))
    A_drop, mask = reg.dropout_forward(A, 1.0, 0)
    assert np.array_equal(A_drop, A) and A_drop is not A and not np.shares_memory(A_drop, A)
    assert np.array_equal(mask, np.ones_like(A))


def test_dropout_backward_by_hand(call_unchanged):
    dA = np.array([[0.5, -1.0], [2.0, 0.25]])
    mask = np.array([[1.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(call_unchanged(reg.dropout_backward, dA, mask, 0.8), [[0.625, 0.0], [0.0, 0.3125]])


@pytest.mark.parametrize("keep_prob", [0.3, 0.75, 1.0])
def test_dropout_backward_matches_centred_differences(keep_prob, numgrad):
    rng = np.random.default_rng(9)
    A, R = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))  # loss = sum(R * A_drop), so dA_drop = R
    _, mask = reg.dropout_forward(A, keep_prob, 11)
    expected = numgrad(lambda a: np.sum(R * reg.dropout_forward(a, keep_prob, 11)[0]), A)
    np.testing.assert_allclose(reg.dropout_backward(R, mask, keep_prob), expected, rtol=1e-6, atol=1e-9)


# --------------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize("keep_prob", [0, 0.0, -0.2, 1.5, float("nan")])
def test_keep_prob_outside_0_1(keep_prob):
    match = r"keep_prob must be in \(0, 1\]" if keep_prob == keep_prob else "keep_prob must be a finite real number"
    with pytest.raises(ValueError, match=match):
        reg.dropout_forward(np.ones((2, 2)), keep_prob, 0)
    with pytest.raises(ValueError, match=match):
        reg.dropout_backward(np.ones((2, 2)), np.ones((2, 2)), keep_prob)


def test_regularization_errors():
    p = params3()
    with pytest.raises(ValueError, match=r"mask must have the shape of dA \(2, 3\); got \(3, 2\)"):
        reg.dropout_backward(np.ones((2, 3)), np.ones((3, 2)), 0.5)
    with pytest.raises(ValueError, match="A contains NaN or inf"):
        reg.dropout_forward(np.array([[np.nan]]), 0.5, 0)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator, a non-negative int seed or None"):
        reg.dropout_forward(np.ones((2, 2)), 0.5, "seed")
    with pytest.raises(ValueError, match=r"lambd must be in \[0, inf\); got -0.1"):
        reg.l2_penalty(p, -0.1, 5)
    with pytest.raises(ValueError, match="m must be a positive integer; got 0"):
        reg.l2_gradients({"dW1": p["W1"]}, p, 0.1, 0)
    with pytest.raises(ValueError, match=r"parameters has no weight keys 'W1', 'W2', \.\.\.; it has \['b1'\]"):
        reg.l2_penalty({"b1": np.ones((2, 1))}, 0.1, 5)
    with pytest.raises(ValueError, match=r"parameters is missing key 'W4' \(grads has 'dW4'\)"):
        reg.l2_gradients({"dW4": np.ones((1, 1))}, p, 0.1, 5)
    with pytest.raises(ValueError, match=r"grads\['dW1'\] has shape \(3, 4\); expected \(4, 3\) like parameters\['W1'\]"):
        reg.l2_gradients({"dW1": p["W1"].T}, p, 0.1, 5)
