"""The check engine: compare a student's function with the nnkit reference and explain the difference.

One engine serves two callers. In a notebook, :class:`grader.Checker` calls the student's function
directly, for fast feedback. In the grader's own process, :mod:`grader.judge` calls it through a
sandboxed worker and only plain data comes back. Both hand :func:`evaluate` a ``call(case)`` that
returns an :class:`Outcome`; the engine never sees the student's objects, only plain data
(:func:`grader.check.wire.to_plain`), and so cannot be fooled by an array that lies about equality.

A spec (:class:`FunctionSpec`) says how one graded function is checked: the reference, the cases
(small visible ones first, then hidden ones of other shapes and hyperparameters), the tolerances, the
earlier graded functions it may call (``deps``: they are replaced by their references while it is
checked, so a mistake costs its points once), and a table of known mistakes, each a deliberately
wrong implementation: when a student's output matches one, the feedback names it.

Feedback is at most five lines, layered: error or type, then shape, then values.
"""

import contextlib
import copy
import inspect
import warnings
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np

from grader.check.diagnose import diagnose
from grader.check.i18n import N_, tr
from grader.check.wire import FunctionSource, GeneratorSeed, TypeTag, to_plain

MAX_LINES = 5


@dataclass(frozen=True)
class Case:
    """One call of the function under test: positional and keyword arguments."""

    args: tuple
    kwargs: dict = field(default_factory=dict)
    hidden: bool = False


@dataclass(frozen=True)
class Mistake:
    """A known wrong implementation, with a name and a hint a student can act on."""

    name: str
    hint: str
    impl: Callable


@dataclass
class Outcome:
    """What came back from one call, as plain data."""

    value: Any = None
    error: tuple | None = None  # (exception type name, message)
    timeout: bool = False
    mutated: tuple = ()  # names of the arguments the call modified
    line: str = ""  # the student's own line where the error was raised
    shared: tuple = ()  # pairs of places in the result that are one object (asked by distinct_outputs)


def outcome_of(reply, arg_names):
    """The :class:`Outcome` of a call observed by :func:`grader.check.wire.observe_call` (in the
    kernel, or in the judge's worker, whose reply is trusted for nothing: every field is checked
    and cut to size). Mutated positions become the names in ``arg_names``."""
    if "error" in reply:
        err = reply["error"]
        if type(err) not in (list, tuple) or len(err) != 2:
            err = ("Error", "")
        line = reply.get("line")
        return Outcome(error=(str(err[0])[:80], str(err[1])[:300]), line=line[:160] if type(line) is str else "")
    mutated = tuple(arg_names[i] if type(i) is int and 0 <= i < len(arg_names) else str(i)
                    for i in reply.get("mutated", ()) if type(i) in (int, str))
    shared = reply.get("shared") or ()
    shared = tuple((str(p[0])[:80], str(p[1])[:80]) for p in shared[:2]
                   if type(p) in (list, tuple) and len(p) == 2) if type(shared) is list else ()
    return Outcome(value=reply.get("value"), mutated=mutated, shared=shared)


class Failure(Exception):
    """Raised by a check to report the first problem it found."""

    def __init__(self, message, mistake=None):
        super().__init__(message)
        self.message = message
        self.mistake = mistake


@dataclass
class Verdict:
    name: str
    passed: bool
    message: str
    mistake: str | None = None
    checks: int = 0

    def to_json(self):
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "mistake": self.mistake, "checks": self.checks}


@dataclass
class FunctionSpec:
    """How one graded function is checked.

    ``cases()`` returns the cases (visible first). ``custom(call, spec)``, when given, replaces
    the value comparison (for functions whose result is random: initialisation, dropout,
    mini-batches); it raises :class:`Failure` and returns the number of checks it made.
    """

    name: str
    ref: Callable
    cases: Callable[[], list] = None
    mistakes: list = field(default_factory=list)
    deps: tuple = ()
    custom: Callable | None = None
    rtol: float = 1e-5
    atol: float = 1e-7
    optional_keys: Callable[[str], bool] | None = None
    points: float = 1.0
    #: how to leave the arguments alone, said when a call modifies them: a line of advice, or a
    #: function of the names of the modified arguments that returns one
    keep_inputs: str | Callable | None = None
    #: the parts of the result must be separate objects (Adam's v and s): a result whose parts are
    #: one object, or share memory, fails, as an in-place update of one would change the other
    distinct_outputs: bool = False
    #: every array of the result must hold floats (the contract's float64): an initialisation with
    #: dtype=int has the right zeros, but every later update of it would be rounded
    float_arrays: bool = False

    @property
    def arg_names(self):
        return list(inspect.signature(self.ref).parameters)


@dataclass
class QuestionSpec:
    """A "check your understanding" question answered as a variable."""

    name: str
    accept: Callable[[Any], bool]
    hint: str
    points: float = 1.0


@dataclass
class AssignmentSpec:
    name: str
    functions: dict
    questions: dict
    helpers: dict  # functions the notebook gives students, by name (their references)
    prelude: str = "import math\nimport numpy as np\n"

    def reference(self, name):
        if name in self.functions:
            return self.functions[name].ref
        return self.helpers[name]


# --------------------------------------------------------------------------------------------------
# Formatting


def fmt_value(v, limit=8):
    """A short text for a value: small arrays in full, larger ones by shape."""
    if isinstance(v, np.ndarray):
        if v.size <= limit:
            return np.array2string(v, precision=4, separator=", ", suppress_small=False,
                                   max_line_width=200).replace("\n", "")
        return tr("array of shape {shape}", shape=v.shape)
    if isinstance(v, dict):
        inner = ", ".join(f"{k}: {x.shape if isinstance(x, np.ndarray) else fmt_shape(x)}"
                          for k, x in list(v.items())[:6])
        return "{" + inner + (", ..." if len(v) > 6 else "") + "}"
    if isinstance(v, (tuple, list)):
        if len(v) > 4:
            return tr("{kind} of length {n}", kind=type(v).__name__, n=len(v))
        inner = ", ".join(fmt_value(x, limit=4) for x in v)
        return f"({inner})" if isinstance(v, tuple) else f"[{inner}]"
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.6g}"
    if isinstance(v, np.random.Generator):
        return tr("a numpy Generator")
    if isinstance(v, (FunctionSource, GeneratorSeed)):
        return repr(v)
    if callable(v):
        return getattr(v, "__name__", tr("a function"))
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 10 ** 60:
        return tr("an integer of about {n} digits", n=int(v.bit_length() * 0.30103) + 1)
    text = repr(v)
    return text if len(text) <= 80 else text[:60] + tr("... ({n} characters)", n=len(text))


def fmt_shape(v):
    if isinstance(v, np.ndarray):
        return tr("shape {shape}", shape=v.shape)
    return fmt_value(v, limit=2)


def describe_type(v):
    if isinstance(v, TypeTag):
        return v.type_name
    if isinstance(v, np.ndarray):
        return tr("a numpy array of shape {shape}", shape=v.shape)
    if isinstance(v, np.generic):
        return tr("a numpy {kind}", kind=type(v).__name__)
    kinds = {float: N_("a float"), int: N_("an int"), bool: N_("a bool"), str: N_("a string"),
             tuple: N_("a tuple"), list: N_("a list"), dict: N_("a dict"), type(None): "None"}
    return tr(kinds[type(v)]) if type(v) in kinds else type(v).__name__


def fmt_case(spec, case):
    names = spec.arg_names
    parts = [f"{names[i] if i < len(names) else '?'}={fmt_value(a)}" for i, a in enumerate(case.args)]
    parts += [f"{k}={fmt_value(a)}" for k, a in case.kwargs.items()]
    text = f"{spec.name}(" + ", ".join(parts) + ")"
    if len(text) <= 200:
        return text
    # cut between two arguments, never inside a word or a number
    kept, size = [], len(spec.name) + 1
    for part in parts:
        if size + len(part) + 2 > 190:
            break
        kept.append(part)
        size += len(part) + 2
    return f"{spec.name}(" + ", ".join(kept + ["..."]) + ")" if kept else text[:190].rsplit(" ", 1)[0] + " ...)"


# --------------------------------------------------------------------------------------------------
# Comparison of plain values


def _is_scalar(v):
    return type(v) in (int, float, bool) or isinstance(v, np.generic) or (
        isinstance(v, np.ndarray) and v.shape == ())


_ORDINALS = (N_("the first returned value"), N_("the second returned value"), N_("the third returned value"),
             N_("the fourth returned value"), N_("the fifth returned value"))


def describe_path(steps):
    """Where in a result a difference is, in words: ``(("tuple", 0), ("dict", "dw"))`` is "'dw' of the
    first returned value" (not ``[0]['dw']``)."""
    phrase = ""
    for kind, key in steps:
        if kind == "dict":
            phrase = tr("{key} of {whole}", key=repr(key), whole=phrase) if phrase else repr(key)
        elif not phrase and kind == "tuple":
            phrase = tr(_ORDINALS[key]) if key < len(_ORDINALS) else tr("returned value {i}", i=key + 1)
        else:
            phrase = tr("item {i} of {whole}", i=key, whole=phrase) if phrase else tr("item {i}", i=key)
    return phrase


def compare(expected, got, rtol, atol, optional_keys=None, path=()):
    """Return None when ``got`` matches ``expected``, else a one-line description of the first
    difference (its kind first: type, then length/keys, then shape, then values). ``path``: where
    ``expected`` is in the whole result (steps, for :func:`describe_path`)."""
    where = tr(" in {path}", path=describe_path(path)) if path else ""
    if isinstance(got, TypeTag):
        return tr("returned {got}{where}; expected {expected}", got=got.type_name, where=where,
                  expected=describe_type(expected))
    if isinstance(expected, np.ndarray) and expected.shape != () or isinstance(expected, np.ndarray) and not _is_scalar(got):
        if not isinstance(got, np.ndarray):
            return tr("returned {got}{where}; expected a numpy array of shape {shape}", got=describe_type(got),
                      where=where, shape=expected.shape)
        if got.shape != expected.shape:
            hint = shape_hint(got.shape, expected.shape)
            return tr("shape{where} is {got}; expected {expected}{hint}", where=where, got=got.shape,
                      expected=expected.shape, hint=hint)
        if not (np.issubdtype(got.dtype, np.number) or got.dtype == bool):
            return tr("array{where} has dtype {dtype}; expected numbers", where=where, dtype=got.dtype)
        return _compare_numbers(expected, got, rtol, atol, where)
    if _is_scalar(expected):
        if isinstance(got, np.ndarray) and got.shape != ():
            return tr("returned an array of shape {shape}{where}; expected a single number "
                      "(use float(...) or np.squeeze)", shape=got.shape, where=where)
        if not _is_scalar(got) or isinstance(got, str):
            return tr("returned {got}{where}; expected a number", got=describe_type(got), where=where)
        return _compare_numbers(np.asarray(expected, dtype=float), np.asarray(got, dtype=float), rtol, atol, where)
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return tr("returned {got}{where}; expected a {kind} of length {n}", got=describe_type(got),
                      where=where, kind=type(expected).__name__, n=len(expected))
        if len(got) != len(expected):
            return tr("returned a {kind} of length {n}{where}; expected length {expected}",
                      kind=type(got).__name__, n=len(got), where=where, expected=len(expected))
        for i, (e, g) in enumerate(zip(expected, got)):
            p = compare(e, g, rtol, atol, optional_keys,
                        (*path, ("tuple" if isinstance(expected, tuple) else "list", i)))
            if p:
                return p
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return tr("returned {got}{where}; expected a dict with keys {keys}", got=describe_type(got),
                      where=where, keys=sorted(expected))
        required = [k for k in expected if not (optional_keys and optional_keys(k))]
        missing = [k for k in required if k not in got]
        if missing:
            return tr("the dict{where} is missing key(s) {missing}; it has {keys}", where=where, missing=missing,
                      keys=sorted(got))
        for k in expected:
            if k in got:
                p = compare(expected[k], got[k], rtol, atol, optional_keys, (*path, ("dict", k)))
                if p:
                    return p
        return None
    if expected is None:
        return None if got is None else tr("returned {got}{where}; expected None", got=describe_type(got),
                                           where=where)
    if isinstance(expected, str):
        return None if got == expected else tr("returned {got}{where}; expected {expected}", got=repr(got),
                                               where=where, expected=repr(expected))
    return None if got == expected else tr("returned {got}{where}; expected {expected}", got=fmt_value(got),
                                           where=where, expected=fmt_value(expected))


def shape_hint(got, expected):
    """A few words on how shape ``got`` relates to ``expected``: transposed, or a 1-D array where a
    column or a row was meant (a sum without ``keepdims=True``)."""
    if len(got) == 2 and got == expected[::-1] and got != expected:
        return tr(" (transposed?)")
    if len(got) == 1 and len(expected) == 2 and got[0] in expected and 1 in expected and got[0] == max(expected):
        return tr(" (a 1-D array where a {kind} was meant: keepdims=True in the sum, or reshape)",
                  kind=tr("column") if expected[1] == 1 else tr("row"))
    if len(got) == 0 and len(expected) == 2 and expected == (1, 1):
        return tr(" (a number where a (1, 1) array was meant: keepdims=True in the sum, or reshape)")
    return ""


def _compare_numbers(expected, got, rtol, atol, where):
    e = np.asarray(expected, dtype=float)
    g = np.asarray(got, dtype=np.complex128 if np.iscomplexobj(got) else float)
    if np.iscomplexobj(g):
        return tr("values{where} are complex; expected real numbers", where=where)
    with np.errstate(all="ignore"):
        close = np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    with np.errstate(all="ignore"):
        err = np.where(close, 0.0, np.abs(g - e))
    err = np.where(np.isnan(err), np.inf, err)
    idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(err)), e.shape)) if e.shape else ()
    at = tr(" at index {index}", index=list(idx)) if idx else ""
    if e.size <= 8:
        return tr("wrong values{where}: expected {expected}, got {got}; largest error {error}{at}", where=where,
                  expected=fmt_value(e), got=fmt_value(g), error=f"{float(err[idx]) if idx else float(err):.3g}",
                  at=at)
    return tr("wrong values{where}: {n} of {size} entries differ; largest error {error}{at} (expected "
              "{expected}, got {got})", where=where, n=int((~close).sum()), size=e.size,
              error=f"{float(err[idx]):.3g}", at=at, expected=f"{float(e[idx]):.6g}", got=f"{float(g[idx]):.6g}")


# --------------------------------------------------------------------------------------------------
# Evaluation


def quietly(fn, *args, **kwargs):
    """Call a reference or a mistake without letting its warnings or prints out."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def dependency_error(name, e):
    """What a student's function sees when the reference of the earlier graded function ``name``,
    which it called, raises ``e``: the same exception, saying where it came from."""
    return tr("{name} (the reference, called by your code) raised: {error}", name=name, error=e)


def as_dependency(name, fn):
    """The reference ``fn`` of an earlier graded function, as the student's code calls it."""
    def reference(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as e:
            try:
                err = type(e)(dependency_error(name, e))
            except Exception:  # an exception type that takes other arguments
                err = RuntimeError(dependency_error(name, e))
            raise err from None

    reference.__name__ = reference.__qualname__ = name
    return reference


def materialize(value):
    """Turn the input markers of a case into live objects (a function, a fresh Generator)."""
    if isinstance(value, FunctionSource):
        return value.fn
    if isinstance(value, GeneratorSeed):
        return value.make()
    if type(value) is tuple:
        return tuple(materialize(v) for v in value)
    if type(value) is list:
        return [materialize(v) for v in value]
    if type(value) is dict:
        return {k: materialize(v) for k, v in value.items()}
    return copy.deepcopy(value)


def run_reference(fn, case):
    return to_plain(quietly(fn, *materialize(case.args), **materialize(case.kwargs)))


def expected_of(spec, case):
    return run_reference(spec.ref, case)


def name_mistake(spec, case, got):
    """The first known mistake whose output on ``case`` matches what the student returned."""
    for m in spec.mistakes:
        try:
            out = run_reference(m.impl, case)
        except Exception:
            continue
        if compare(out, got, spec.rtol, spec.atol, spec.optional_keys) is None:
            return m
    return None


def mistake_raising(spec, case, error):
    """The one known mistake that raises the student's ``error`` (``(name, message)``) on ``case``:
    the same exception and the same first line of its message (shapes and all), or None when no
    mistake, or more than one, does."""
    ename, msg = error
    first = (msg or "").strip().splitlines()[0] if (msg or "").strip() else ""
    found = []
    for m in spec.mistakes:
        try:
            run_reference(m.impl, case)
        except Exception as e:  # noqa: BLE001 - a mistake's own error is the point
            mine = str(e).strip().splitlines()[0] if str(e).strip() else ""
            if type(e).__name__ == ename and mine == first and m.name not in [f.name for f in found]:
                found.append(m)
    return found[0] if len(found) == 1 else None


def outcome_problem(spec, case, outcome, what=None, mistake=None):
    """A :class:`Failure` for an outcome that timed out or raised, else None. An error is named as
    the known ``mistake`` when given, else as the one mistake that raises the same error."""
    what = what or fmt_case(spec, case)
    if outcome.timeout:
        hint = (tr("Does it loop a fixed number of times instead of num_iterations, or endlessly?")
                if "num_iterations" in (spec.arg_names or ()) else tr("Is there an endless loop?"))
        return Failure(tr("{name} did not finish in time on {case}.", name=spec.name, case=what) + " " + hint)
    if outcome.error:
        ename, msg = outcome.error
        msg = (msg or "").strip().splitlines()[0][:200] if (msg or "").strip() else ""
        if ename == "NotImplementedError":
            return Failure(tr("{name} is not written yet (it raises NotImplementedError).", name=spec.name))
        m = mistake or mistake_raising(spec, case, outcome.error)
        hint = looks_like(m.name, m.hint) if m else next(
            (tr(h) for e, part, h, applies in ERROR_HINTS if e == ename and part in msg
             and applies(spec.arg_names or ())), "")
        return Failure(tr("{name} raised {error}: {message}", name=spec.name, error=ename, message=msg)
                       + ("\n  " + tr("in your line: {code}", code=outcome.line) if outcome.line else "")
                       + "\n  " + on_case(what) + (f"\n  {hint}" if hint else ""), mistake=m.name if m else None)
    return None


def named(name, problem):
    """``problem`` (a message's first line) said of the function ``name``."""
    return tr("{name}: {problem}", name=name, problem=problem)


def on_case(what):
    """The line that says on which call a check failed."""
    return tr("on {case}", case=what)


def looks_like(name, hint):
    """The line that names a mistake (``name`` and ``hint``: English, translated here)."""
    return tr("This looks like {mistake}: {hint}", mistake=tr(name), hint=tr(hint))


def is_looks_like(line):
    """Whether ``line`` of a message is a :func:`looks_like` line (in the current language)."""
    prefix = tr("This looks like {mistake}: {hint}", mistake="\0", hint="").split("\0")[0]
    return line.strip().startswith(prefix.strip())


_PRODUCT = N_("The inner sizes of a product do not match: check each shape (W is (n_l, n_l-1), X (n_x, m)); "
            "is a .T missing or extra?")
_LAYERS = N_("The dict has no such key: the network may have any number of layers, L = len(parameters) // 2; "
           "loop over l = 1..L rather than naming W1, W2.")
_PRODUCT_ANY = N_("The inner sizes of a product do not match: check the shape of each operand; is a .T missing or "
                  "extra?")


def _has_weights(names):
    """Whether a function's arguments hold weights or the data (the product hint names W and X)."""
    return any(n in ("X", "A_prev", "parameters", "w") or n.startswith("W") for n in names)


def _always(names):
    return True


#: (exception, part of its message, what to say, whether it fits the function's argument names): the
#: errors students meet most, explained in the words of the function (W and X only where it has them).
ERROR_HINTS = (
    ("TypeError", "only 0-dimensional arrays can be converted",
     N_("float() takes a single number: for an array of shape (1, 1) use float(np.squeeze(x)) or "
        "x.item(); for an array of many values, is a sum or a mean missing?"), _always),
    ("ValueError", "matmul: Input operand", _PRODUCT, _has_weights),
    ("ValueError", "not aligned", _PRODUCT, _has_weights),
    ("ValueError", "matmul: Input operand", _PRODUCT_ANY, _always),
    ("ValueError", "not aligned", _PRODUCT_ANY, _always),
    ("KeyError", "'W", _LAYERS, _always),
    ("KeyError", "'dW", _LAYERS, _always),
    ("ValueError", "could not be broadcast together",
     N_("Two arrays of incompatible shapes meet elementwise: check each shape (keepdims=True, a .T?)."), _always),
    ("ValueError", "truth value of an array with more than one element is ambiguous",
     N_("An array was used where one True or False was needed (an if, max(), and/or on arrays): work entry "
        "by entry with np.maximum, np.where or a mask such as (z > 0)."), _always),
    ("TypeError", "Cannot interpret", N_("np.zeros and np.ones take the shape as one tuple: np.zeros((n, 1)), "
                                         "not np.zeros(n, 1)."), _always),
    ("KeyError", "'dA", N_("The dict has no such key: grads holds dA0 .. dA(L-1), dW1 .. dWL and db1 .. dbL; "
                           "check the index of each key (l or l - 1)."), _always),
)


def check_values(spec, call, hidden=True):
    """Compare with the reference on every case; raise Failure at the first wrong one."""
    n = 0
    every = spec.cases()
    cases = [c for c in every if hidden or not c.hidden]
    for i, case in enumerate(cases):
        others = cases[:i] + cases[i + 1:]
        n += 1
        outcome = call(case)
        problem = named_problem(spec, call, case, outcome, others)
        if problem:
            raise problem
        expected = expected_of(spec, case)
        diff = compare(expected, outcome.value, spec.rtol, spec.atol, spec.optional_keys)
        if diff:
            raise value_failure(spec, call, every, case, expected, outcome.value, diff,
                                name_mistake(spec, case, outcome.value))
        if spec.float_arrays:
            found = integer_array(outcome.value)
            if found:
                raise integer_failure(spec.name, *found, case=fmt_case(spec, case))
        if outcome.mutated:
            raise mutation_failure(spec, case, outcome.mutated)
        if outcome.shared:
            raise shared_failure(spec, case, outcome.shared)
    return n


def named_problem(spec, call, case, outcome, others):
    """:func:`outcome_problem`, an error named by a known mistake where one explains it (the same
    error, or the student's numbers on one of ``others``, the other cases checked)."""
    problem = outcome_problem(spec, case, outcome)
    if problem and problem.mistake is None and outcome.error and outcome.error[0] != "NotImplementedError":
        m = _named_elsewhere(spec, call, case, outcome.error, others)
        if m:
            problem = outcome_problem(spec, case, outcome, mistake=m)
    return problem


def value_failure(spec, call, every, case, expected, got, diff, mistake=None):
    """The :class:`Failure` of a wrong answer ``got`` on ``case``: ``diff`` (what differs), the call,
    and the known ``mistake`` it matched, else a diagnosis that holds on the next case of ``every``."""
    lines = [named(spec.name, diff), "  " + on_case(fmt_case(spec, case))]
    found = (mistake.name, mistake.hint) if mistake else confirmed_diagnosis(spec, call, every, case, expected, got)
    if found:
        lines.append("  " + looks_like(*found))
    return Failure("\n".join(lines), mistake=found[0] if found else None)


def confirmed_diagnosis(spec, call, every, case, expected, got):
    """The diagnosis of the wrong answer ``got`` on ``case`` (:func:`grader.check.diagnose.diagnose`),
    kept only if it holds on the next case of ``every`` (all the spec's cases, a hidden one if need
    be: only the name depends on it); ``(name, hint)`` or None."""
    found = diagnose(expected, got, case.args, case.kwargs, spec.rtol, spec.atol)
    at = next((j for j, c in enumerate(every) if c is case), len(every))
    return found if found and _confirmed(spec, call, every[at + 1:], found[0]) else None


def _confirmed(spec, call, later, name):
    """Whether the diagnosis ``name`` of a wrong answer holds on the next case too (of ``later``, the
    cases checked after it): a relation seen on one case can be a coincidence (keep_prob /
    (1 - keep_prob) = 4 = m). True when the next case is not wrong, or none is left to look at."""
    for case in later[:1]:
        outcome = call(case)
        if outcome.error or outcome.timeout:
            return True
        expected = expected_of(spec, case)
        if compare(expected, outcome.value, spec.rtol, spec.atol, spec.optional_keys) is None:
            return True
        again = diagnose(expected, outcome.value, case.args, case.kwargs, spec.rtol, spec.atol)
        return again is not None and again[0] == name
    return True


def _named_elsewhere(spec, call, failed, error, others):
    """The known mistake that the student's values on one of ``others`` (the other cases) show, where
    on ``failed`` the function raised ``error``; or None. A transposed W fails in a product on most
    shapes but gives numbers, and so a name, on a square one. The mistake must raise the same
    exception on ``failed`` too (layers named one by one give the numbers of 'the last layer left
    out' on a deeper network, but that mistake raises no KeyError on a shallower one)."""
    for case in others:
        outcome = call(case)
        if outcome.error or outcome.timeout:
            continue
        if compare(expected_of(spec, case), outcome.value, spec.rtol, spec.atol, spec.optional_keys) is None:
            continue
        m = name_mistake(spec, case, outcome.value)
        if m is None:
            return None
        try:
            run_reference(m.impl, failed)
        except Exception as e:  # noqa: BLE001 - the mistake's own error is the point
            return m if type(e).__name__ == error[0] else None
        return None
    return None


def integer_array(value, path=()):
    """``(path, dtype)`` of the first array of integers or booleans in ``value``, or None."""
    if isinstance(value, np.ndarray):
        return (path, value.dtype) if value.dtype.kind in "iub" else None
    items = (value.items() if isinstance(value, dict) else enumerate(value)
             if isinstance(value, (tuple, list)) else ())
    kind = "dict" if isinstance(value, dict) else "tuple" if isinstance(value, tuple) else "list"
    for k, v in items:
        found = integer_array(v, (*path, (kind, k)))
        if found:
            return found
    return None


def integer_message(path, dtype):
    """What is wrong with an array of integers (``dtype``) at ``path`` of a result of floats."""
    return tr("{what} has dtype {dtype}; expected float64. np.zeros(shape) makes floats; dtype=int (or an "
              "integer array) makes integers, and every later update of them would be rounded.",
              what=describe_path(path) if path else tr("the result"), dtype=dtype)


def integer_failure(name, path, dtype, case=None):
    """The :class:`Failure` of a result whose array at ``path`` holds integers (``dtype``)."""
    return Failure(named(name, integer_message(path, dtype)) + ("\n  " + on_case(case) if case else ""),
                   mistake="integers in place of floats")


def shared_failure(spec, case, shared):
    """The :class:`Failure` of a result whose parts ``shared`` (pairs of paths) are one object."""
    a, b = shared[0]
    return Failure(tr("{name}: in what it returned, result{a} and result{b} are one object (or share "
                      "memory): make each with its own np.zeros(...), or updating one changes the other.",
                      name=spec.name, a=a, b=b) + "\n  " + on_case(fmt_case(spec, case)),
                   mistake="parts of the result are one object")


def mutation_failure(spec, case, mutated):
    """The :class:`Failure` of a call that modified its arguments ``mutated`` (their names)."""
    advice = spec.keep_inputs(mutated) if callable(spec.keep_inputs) else spec.keep_inputs
    return Failure(modified_message(spec.name, mutated) + (f"\n  {tr(advice)}" if advice else "")
                   + "\n  " + on_case(fmt_case(spec, case)), mistake="modifies its input")


def modified_message(name, mutated):
    """The line for a function ``name`` that modified its arguments ``mutated`` (their names)."""
    return tr("{name} modified its argument(s) {args}; work on a copy and return new arrays.", name=name,
              args=", ".join(mutated))


#: The grading seed of the hidden cases while the judge runs (:func:`hidden_seed`); None: the
#: published cases (the kernel, a student's copy, the tests).
_SEED = {"value": None, "public": False}


@contextlib.contextmanager
def hidden_seed(seed):
    """While active, hidden cases are drawn from ``seed`` (the instructor's, never released) as well
    as their names, so a student's copy of the course, which has every spec, cannot reproduce them;
    visible cases stay the published ones, so feedback is stable. ``seed`` None changes nothing."""
    before = dict(_SEED)
    _SEED.update(value=None if seed is None else int(seed), public=False)
    try:
        yield
    finally:
        _SEED.update(before)


def grading_seed():
    """The seed of the hidden cases while :func:`hidden_seed` is active, or None."""
    return _SEED["value"]


def _drawn_cases(cases):
    """The cases of ``cases()`` with every hidden one drawn again from the grading seed (visible
    ones, and every case of a list whose shape depends on the draw, stay the published ones)."""
    _SEED["public"] = True
    try:
        public = cases()
    finally:
        _SEED["public"] = False
    secret = cases()
    if [c.hidden for c in public] != [c.hidden for c in secret]:
        return public
    return [s if p.hidden else p for p, s in zip(public, secret)]


def evaluate(spec, call, hidden=True):
    """Run a spec against ``call`` and return a :class:`Verdict`."""
    if _SEED["value"] is not None and spec.cases is not None:
        spec = replace(spec, cases=lambda cases=spec.cases: _drawn_cases(cases))
    try:
        n = spec.custom(call, spec, hidden) if spec.custom else check_values(spec, call, hidden)
    except Failure as f:
        lines = f.message.splitlines()[:MAX_LINES]
        return Verdict(spec.name, False, "\n".join(lines), f.mistake)
    text = (tr("{name}: correct (1 check passed).", name=spec.name) if n == 1 else
            tr("{name}: correct ({n} checks passed).", name=spec.name, n=n))
    return Verdict(spec.name, True, text, None, n)


def evaluate_question(spec, value):
    try:
        ok = spec.accept(value)
    except Exception:
        ok = False
    if ok:
        return Verdict(spec.name, True, tr("{name}: correct.", name=spec.name), None, 1)
    return Verdict(spec.name, False, tr("{name}: not the answer we expect ({value}).", name=spec.name,
                                        value=fmt_value(value)) + " " + tr(spec.hint))


# --------------------------------------------------------------------------------------------------
# Helpers for writing specs


def rng_for(name):
    """A generator seeded from a name, so cases are the same in every process; while the judge
    grades with an instructor's seed (:func:`hidden_seed`), from the name and that seed."""
    base = sum(ord(c) * 31 ** i for i, c in enumerate(name)) % (2 ** 32)
    if _SEED["value"] is None or _SEED["public"]:
        return np.random.default_rng(base)
    return np.random.default_rng([base, _SEED["value"] % (2 ** 64)])


def one_of(*answers):
    """Accept a string answer (case and spaces ignored) or a number equal to one of ``answers``."""
    norm = {str(a).strip().lower() for a in answers}

    def accept(value):
        if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
            return any(_num_equal(value, a) for a in answers)
        return isinstance(value, str) and value.strip().lower() in norm

    return accept


def _num_equal(value, answer):
    try:
        return bool(np.isclose(float(value), float(answer), rtol=1e-3, atol=1e-9))
    except (TypeError, ValueError):
        return False


def call_outcome(call, spec, case):
    """Call and raise Failure on error or timeout; return the plain value (for custom checks)."""
    outcome = call(case)
    problem = outcome_problem(spec, case, outcome)
    if problem:
        raise problem
    if outcome.mutated:
        raise mutation_failure(spec, case, outcome.mutated)
    return outcome.value
