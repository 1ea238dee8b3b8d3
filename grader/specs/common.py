"""Checks shared by the spec modules: a call that must not modify its arguments, and a cost that
must stay finite and right where the predictions are exactly 0 or 1."""

import numpy as np

from grader.check.engine import (Case, Failure, Outcome, call_outcome, check_values, compare, describe_type,
                                 expected_of, fmt_case, mutation_failure, on_case)
from grader.check.i18n import tr
from nnkit.losses import _bce


def guarded(call, spec, values=True):
    """``call``, but a call that modifies its arguments fails with a message that says how not to.
    With ``values`` (the result can be compared with the reference's), wrong values are reported
    first, as the engine does."""
    def guarded_call(case):
        outcome = call(case)
        if not outcome.mutated or outcome.error or outcome.timeout:
            return outcome
        if values and compare(expected_of(spec, case), outcome.value, spec.rtol, spec.atol, spec.optional_keys):
            return Outcome(value=outcome.value)
        raise mutation_failure(spec, case, outcome.mutated)
    return guarded_call


def checked_unmodified(call, spec, hidden):
    """The custom check of a function whose values are checked as usual and that must not modify its
    inputs (``FunctionSpec(..., custom=checked_unmodified)``); the number of checks made."""
    return check_values(spec, guarded(call, spec), hidden)


#: (A, Y, kind) of the edge cases: predictions exactly 0 or 1, wrong, right, and (hidden) mixed
_EDGES = [(np.array([[0.0, 0.5, 1.0]]), np.array([[1.0, 1.0, 0.0]]), "wrong"),
          (np.array([[1.0, 0.0, 1.0, 0.0]]), np.array([[1.0, 0.0, 1.0, 0.0]]), "right")]
_HIDDEN_EDGE = (np.array([[0.0, 1.0, 0.3, 0.8, 1.0, 0.0]]), np.array([[0.0, 1.0, 1.0, 0.0, 0.0, 1.0]]), "mixed")


def check_cross_entropy(call, spec, hidden, A="A"):
    """The custom check of a cross-entropy cost ``f(A, Y)``: the values of the spec's cases (where A
    is inside (0, 1)), then predictions exactly 0 or 1: the cost is a finite number, about 0 when
    every prediction is exactly right (``log(A + eps)`` gives about -eps, accepted), and at least
    what clipping at 1e-3 would give when some are exactly wrong (a large eps hides a wrong answer).
    ``A`` is the name of the predictions in the notebook ("A", "A2"), which the messages and the
    mistakes use. Returns the number of checks made."""
    n = check_values(spec, call, hidden)
    for A_edge, Y, kind in _EDGES + ([_HIDDEN_EDGE] if hidden else []):
        case = Case((A_edge, Y))
        got = call_outcome(call, spec, case)
        where = "\n  " + on_case(fmt_case(spec, case))
        if not (np.ndim(got) == 0 and not isinstance(got, (str, bool)) and np.isrealobj(got)
                and np.issubdtype(np.asarray(got).dtype, np.number)):
            raise Failure(tr("{name}: returned {got}; expected a number.", name=spec.name, got=describe_type(got))
                          + where)
        value = float(np.asarray(got))
        n += 1
        if not np.isfinite(value):
            raise Failure(tr("{name}: returned {value} where {A} is exactly 0 or 1; the cost must stay finite.",
                             name=spec.name, value=value, A=A) + where + "\n  "
                          + tr("Clip {A} to [eps, 1 - eps] (eps tiny, e.g. 1e-15) before the logs.", A=A),
                          mistake=f"no clipping at {A} = 0 or 1")
        if kind == "right" and not (-0.011 <= value <= 0.011):  # a confident right answer costs about nothing
            raise Failure(tr("{name}: returned {value} for predictions that are all exactly right; expected "
                             "about 0.", name=spec.name, value=f"{value:.6g}") + where)
        floor = 0.999 * _bce(np.clip(A_edge, 1e-3, 1 - 1e-3), Y)  # what clipping at 1e-3 would give
        if kind != "right" and value < floor:
            raise Failure(tr("{name}: returned {value}; a prediction of exactly 0 for y = 1 (or 1 for y = 0) "
                             "should cost a lot (at least {floor}).", name=spec.name, value=f"{value:.6g}",
                             floor=f"{floor:.3g}") + where + "\n  "
                          + tr("Clip {A} with a tiny eps (e.g. 1e-15), not a large one.", A=A),
                          mistake="clipping eps too large")
    return n
