"""nnkit.losses: the cross-entropy on known numbers, at A in {0, 1}, its gradient, the cost from logits."""

import math
import warnings

import numpy as np
import pytest

from nnkit import losses
from nnkit.activations import sigmoid


@pytest.mark.parametrize("A, Y, expected", [
    ([[0.5, 0.5]], [[1, 0]], math.log(2)),
    ([[0.9, 0.2]], [[1, 0]], -(math.log(0.9) + math.log(0.8)) / 2),
    ([[0.9, 0.2, 0.6]], [[0, 1, 1]], -(math.log(0.1) + math.log(0.2) + math.log(0.6)) / 3),
    ([[0.7]], [[0.25]], -(0.25 * math.log(0.7) + 0.75 * math.log(0.3))),  # soft label
])
def test_binary_cross_entropy_known_values(A, Y, expected):
    cost = losses.binary_cross_entropy(np.array(A, dtype=float), np.array(Y, dtype=float))
    assert type(cost) is float
    assert cost == pytest.approx(expected, rel=1e-13)


def test_binary_cross_entropy_is_the_mean_over_examples():
    rng = np.random.default_rng(0)
    A, Y = rng.uniform(0.05, 0.95, (1, 7)), (rng.random((1, 7)) < 0.5).astype(float)
    each = [losses.binary_cross_entropy(A[:, [j]], Y[:, [j]]) for j in range(7)]
    assert losses.binary_cross_entropy(A, Y) == pytest.approx(np.mean(each), rel=1e-13)


def test_binary_cross_entropy_at_zero_and_one_is_finite_and_large():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        wrong = losses.binary_cross_entropy(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]))
        right = losses.binary_cross_entropy(np.array([[1.0, 0.0]]), np.array([[1.0, 0.0]]))
        grad = losses.binary_cross_entropy_grad(np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 0.0, 1.0]]))
    assert math.isfinite(wrong) and wrong > 30  # -log(1e-15) ~ 34.5
    assert 0 <= right < 1e-12
    assert np.all(np.isfinite(grad))
    assert grad[0, 0] < -1e14 and grad[0, 1] > 1e14  # pushes A towards Y, hard
    np.testing.assert_allclose(grad[0, 2:], [1.0, -1.0], rtol=1e-12)


def test_gradient_is_m_times_the_gradient_of_the_cost(numgrad):
    rng = np.random.default_rng(1)
    A, Y = rng.uniform(0.1, 0.9, (1, 6)), (rng.random((1, 6)) < 0.5).astype(float)
    expected = 6 * numgrad(lambda a: losses.binary_cross_entropy(a, Y), A)
    np.testing.assert_allclose(losses.binary_cross_entropy_grad(A, Y), expected, rtol=1e-6)
    np.testing.assert_allclose(losses.binary_cross_entropy_grad(A, Y), -(Y / A - (1 - Y) / (1 - A)), rtol=1e-14)


def test_cost_from_logits_matches_the_cost_of_sigmoid():
    rng = np.random.default_rng(2)
    Z, Y = rng.normal(size=(1, 9)) * 4, (rng.random((1, 9)) < 0.5).astype(float)
    assert losses.cost_from_logits(Z, Y) == pytest.approx(losses.binary_cross_entropy(sigmoid(Z), Y), rel=1e-12)


def test_cost_from_logits_is_exact_where_clipping_is_not():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert losses.cost_from_logits(np.array([[100.0]]), np.array([[0.0]])) == pytest.approx(100.0, rel=1e-15)
        assert losses.cost_from_logits(np.array([[1e4, -1e4]]), np.array([[0.0, 0.0]])) == pytest.approx(5e3)
        assert losses.cost_from_logits(np.array([[1e4, -1e4]]), np.array([[1.0, 0.0]])) == pytest.approx(0.0, abs=1e-300)
    assert losses.binary_cross_entropy(sigmoid(np.array([[100.0]])), np.array([[0.0]])) == pytest.approx(34.54, abs=0.01)  # capped by the clipping


def test_inputs_are_left_alone(call_unchanged):
    A, Y, Z = np.array([[0.0, 0.3, 1.0]]), np.array([[1.0, 0.0, 1.0]]), np.array([[-2.0, 0.0, 3.0]])
    call_unchanged(losses.binary_cross_entropy, A, Y)
    call_unchanged(losses.binary_cross_entropy_grad, A, Y)
    call_unchanged(losses.cost_from_logits, Z, Y)


def test_lists_are_accepted():
    assert losses.binary_cross_entropy([[0.5, 0.5]], [[1, 0]]) == pytest.approx(math.log(2))


@pytest.mark.parametrize("fn", [losses.binary_cross_entropy, losses.binary_cross_entropy_grad])
def test_shape_errors(fn):
    with pytest.raises(ValueError, match=r"A and Y must have the same shape \(1, m\); got A \(1, 3\) and Y \(1, 4\)"):
        fn(np.full((1, 3), 0.5), np.ones((1, 4)))
    with pytest.raises(ValueError, match=r"A must have shape \(1, m\); got shape \(3, 1\) \(a column: did you mean its transpose\?\)"):
        fn(np.full((3, 1), 0.5), np.ones((3, 1)))
    with pytest.raises(ValueError, match=r"Y must be a 2-D array of shape \(1, m\); got shape \(3,\)"):
        fn(np.full((1, 3), 0.5), np.ones(3))


@pytest.mark.parametrize("fn", [losses.binary_cross_entropy, losses.binary_cross_entropy_grad])
def test_value_errors(fn):
    with pytest.raises(ValueError, match=r"A must hold probabilities in \[0, 1\]; got values in \[-2, 3\] "
                                         r"\(did you pass Z instead of A = sigmoid\(Z\)\?\)"):
        fn(np.array([[-2.0, 3.0]]), np.array([[1.0, 0.0]]))
    with pytest.raises(ValueError, match=r"Y must hold labels in \[0, 1\]; got values in \[-1, 1\]"):
        fn(np.array([[0.2, 0.7]]), np.array([[-1.0, 1.0]]))
    with pytest.raises(ValueError, match="A contains NaN or inf"):
        fn(np.array([[np.nan, 0.5]]), np.array([[1.0, 0.0]]))
    with pytest.raises(ValueError, match="Y contains NaN or inf"):
        fn(np.array([[0.5, 0.5]]), np.array([[np.inf, 0.0]]))


def test_cost_from_logits_errors():
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 3\); got shape \(1, 2\)"):
        losses.cost_from_logits(np.zeros((1, 3)), np.zeros((1, 2)))
    with pytest.raises(ValueError, match="Z contains NaN or inf"):
        losses.cost_from_logits(np.array([[np.inf]]), np.zeros((1, 1)))
