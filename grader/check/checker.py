"""The checks that test cells call, for feedback in the notebook.

Usage in a notebook (the setup cell makes the checker, each test cell calls it)::

    from grader.check import Checker
    check = Checker("01_neuron")
    ...
    check("sigmoid", sigmoid)          # visible checks
    check("sigmoid", sigmoid, hidden=True)   # every case (the hidden tests)
    check.answer("q_linear_stack", q_linear_stack)

A pass prints one line; a failure raises :class:`CheckFailed`, which Jupyter shows as at most five
lines (no traceback). These checks run in the student's kernel and so only ever give *feedback*:
under nbgrader, :mod:`grader.judge` decides the score again outside the kernel.
"""

import contextlib
import copy
import io
import types
import warnings

import numpy as np

from grader import specs
from grader.check.engine import Outcome, Verdict, as_dependency, evaluate, evaluate_question, materialize
from grader.check.wire import shared_parts, to_plain


class CheckFailed(AssertionError):
    """A failed check. IPython shows only the message, in red, without a traceback."""

    def _render_traceback_(self):
        return ["\x1b[0;31m" + line + "\x1b[0m" for line in str(self).splitlines()]


def plain_equal(a, b):
    """Exact equality of two plain values (NaN equal to NaN)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if type(a) is not type(b):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(plain_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(plain_equal(a[k], b[k]) for k in a)
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def uses_reference(fn, refs):
    """True if ``fn`` is a reference, or names one (or an nnkit module) among its globals."""
    if fn in refs or (getattr(fn, "__module__", "") or "").startswith("nnkit"):
        return True
    code = getattr(fn, "__code__", None)
    glb = getattr(fn, "__globals__", {})
    names = set(code.co_names) if code else set()
    for const in (code.co_consts if code else ()):
        if isinstance(const, types.CodeType):
            names |= set(const.co_names)
    for n in names:
        v = glb.get(n)
        if v is not None and (any(v is r for r in refs) or
                              (isinstance(v, types.ModuleType) and v.__name__.startswith("nnkit"))):
            return True
    return False


def direct_call(fn, spec, aspec):
    """A ``call(case)`` for the engine that calls ``fn`` in this process."""
    names = spec.arg_names
    glb = getattr(fn, "__globals__", None)

    def call(case):
        args, kwargs = materialize(case.args), materialize(case.kwargs)
        before = [to_plain(a) for a in args], {k: to_plain(v) for k, v in kwargs.items()}
        saved = {}
        if glb is not None:
            for d in spec.deps:
                saved[d] = glb.get(d, _MISSING)
                glb[d] = as_dependency(d, aspec.reference(d))
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                    warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                value = fn(*args, **kwargs)
        except Exception as e:  # the student's error is the feedback
            return Outcome(error=(type(e).__name__, str(e)))
        finally:
            for d, v in saved.items():
                if v is _MISSING:
                    glb.pop(d, None)
                else:
                    glb[d] = v
        mutated = [names[i] if i < len(names) else f"#{i}" for i, a in enumerate(args)
                   if not plain_equal(to_plain(a), before[0][i])]
        mutated += [k for k, v in kwargs.items() if not plain_equal(to_plain(v), before[1][k])]
        shared = tuple(shared_parts(value)) if spec.distinct_outputs else ()
        return Outcome(value=to_plain(value), mutated=tuple(mutated), shared=shared)

    return call


_MISSING = object()


class Checker:
    """Checks one assignment's functions and answers against the nnkit reference."""

    def __init__(self, assignment):
        self.assignment = assignment
        self.spec = specs.load(assignment)

    def verdict(self, name, fn, hidden=False):
        """The :class:`Verdict` for function ``name`` implemented by ``fn`` (no printing)."""
        if name not in self.spec.functions:
            raise KeyError(f"{self.assignment} has no graded function {name!r}; "
                           f"it has {sorted(self.spec.functions)}")
        spec = self.spec.functions[name]
        if not callable(fn):
            return Verdict(name, False, f"{name} should be a function; it is {type(fn).__name__}.")
        refs = [f.ref for f in self.spec.functions.values()]
        if uses_reference(fn, refs):
            return Verdict(name, False, f"{name} calls the nnkit reference; write it yourself.",
                           "calls the reference")
        return evaluate(spec, direct_call(fn, spec, self.spec), hidden=hidden)

    def __call__(self, name, fn, hidden=False):
        return self._report(self.verdict(name, fn, hidden))

    def answer(self, name, value, hidden=False):
        """Check the answer to a "check your understanding" question."""
        if name not in self.spec.questions:
            raise KeyError(f"{self.assignment} has no question {name!r}")
        return self._report(evaluate_question(self.spec.questions[name], copy.deepcopy(value)))

    @staticmethod
    def _report(verdict):
        if not verdict.passed:
            raise CheckFailed(verdict.message)
        print("\u2714 " + verdict.message)
