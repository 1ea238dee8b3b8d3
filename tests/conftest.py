"""Shared test set-up: tests import the helpers beside them, and run with nbgrader's programs on PATH."""

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent))
bindir = str(Path(sys.executable).parent)
if bindir not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


# --------------------------------------------------------------------------------------------------
# Fixtures of the nnkit library tests: a numerical gradient, and a call that checks nothing passed in
# was modified.

import copy  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402


def _numgrad(f, x, eps=1e-6):
    """Centred-difference gradient of the scalar function f at the array x, one entry at a time."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = f(x.copy())
        x[i] = old - eps
        minus = f(x.copy())
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def _same(a, b):
    if isinstance(a, np.random.Generator):  # a generator passed in is meant to advance
        return True
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _call_unchanged(fn, *args, **kwargs):
    """fn(*args, **kwargs), asserting that no argument (array, dict, list, nested) was modified."""
    before = copy.deepcopy((args, kwargs))
    out = fn(*args, **kwargs)
    assert _same((args, kwargs), before), f"{fn.__name__} modified its arguments"
    return out


@pytest.fixture
def numgrad():
    return _numgrad


@pytest.fixture
def call_unchanged():
    return _call_unchanged


# --------------------------------------------------------------------------------------------------
# The spec tests' one harness: each SpecSuite subclass's tests are parametrised from its tables.


def pytest_generate_tests(metafunc):
    from spec_suite import SpecSuite

    if metafunc.cls is not None and issubclass(metafunc.cls, SpecSuite):
        params = metafunc.cls.params(metafunc.function.__name__)
        if params is not None:
            argnames, values, ids = params
            metafunc.parametrize(argnames, values, ids=ids)
