"""Diagnoses that work for every graded function: what the wrong answer is, from how it relates to
the right one.

The specs name the mistakes someone thought of in advance (:class:`grader.check.engine.Mistake`).
When none of them matches, :func:`diagnose` looks at the first array that differs and at the case's
inputs, and tries relations that hold whatever the function is: the same numbers transposed or in
another shape, the sign flipped (everywhere, or only where the input is negative), a constant factor
(and which one: m, 1/m, 2, 1/2, or one of the case's own numbers such as lambda, keep_prob, the
learning rate), the same offset in every column of a row (a bias) or in every row of a column, a
constant returned for every input, the input returned unchanged, or another elementwise function of
the input (another activation, a derivative for a value, an activation applied twice). Each relation
must hold on every entry, within the spec's tolerances, and must not also hold for the right answer,
so a diagnosis is never made of a coincidence; where nothing fits, nothing is said.
"""

import numpy as np

from grader.check.i18n import N_, Message, tr
from grader.check.wire import TypeTag


def _sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * z))


def _elementwise():
    """(name, f, hint) of elementwise functions of the input that a wrong answer may be."""
    s, t = _sigmoid, np.tanh
    return [
        (N_("the sigmoid of the input"), s, N_("this is sigmoid(z): is it the function you were asked for?")),
        (N_("tanh of the input"), t, N_("this is tanh(z): is it the function you were asked for?")),
        (N_("ReLU of the input"), lambda z: np.maximum(z, 0), N_("this is relu(z) = max(z, 0): is it the function asked?")),
        (N_("|z| in place of the function"), np.abs, N_("this is |z|: ReLU is max(z, 0), not the absolute value.")),
        (N_("sign(z), a step"), np.sign, N_("this is sign(z): a step, not the function asked.")),
        (N_("the sigmoid's derivative"), lambda z: s(z) * (1 - s(z)),
         N_("this is the sigmoid's derivative sigma(z)(1 - sigma(z)): the value was asked, not the slope?")),
        (N_("tanh's derivative"), lambda z: 1 - t(z) ** 2,
         N_("this is tanh's derivative 1 - tanh(z)^2: the value was asked, not the slope?")),
        (N_("ReLU's derivative"), lambda z: (z > 0).astype(float),
         N_("this is ReLU's derivative (1 where z > 0): the value was asked, not the slope?")),
        (N_("the sigmoid applied twice"), lambda z: s(s(z)), N_("the activation is applied twice: apply it once.")),
        (N_("tanh applied twice"), lambda z: t(t(z)), N_("the activation is applied twice: apply it once.")),
    ]


def _close(a, b, rtol, atol):
    with np.errstate(all="ignore"):
        return a.shape == b.shape and bool(np.all(np.isclose(a, b, rtol=rtol, atol=atol)))


def _first_difference(expected, got, rtol, atol):
    """The first (expected, got) pair of arrays or numbers that differ, walking tuples and dicts."""
    if isinstance(got, TypeTag):
        return None
    if isinstance(expected, dict) and isinstance(got, dict):
        for k in expected:
            if k in got:
                d = _first_difference(expected[k], got[k], rtol, atol)
                if d is not None:
                    return d
        return None
    if isinstance(expected, (tuple, list)) and isinstance(got, (tuple, list)):
        for e, g in zip(expected, got):
            d = _first_difference(e, g, rtol, atol)
            if d is not None:
                return d
        return None
    try:
        e = np.asarray(expected, dtype=float)
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return None
    if e.shape == g.shape and _close(e, g, rtol, atol):
        return None
    return e, g


def _array_args(args):
    out = []
    for a in args:
        if isinstance(a, np.ndarray) and a.dtype.kind in "fiu" and a.size > 1:
            out.append(np.asarray(a, dtype=float))
    return out


def _scalars(args, kwargs):
    vals = {}
    for k, v in list(kwargs.items()):
        if isinstance(v, (int, float, np.floating)) and not isinstance(v, bool) and v not in (0, 1):
            vals[k] = float(v)
    for i, v in enumerate(args):
        if isinstance(v, (float, np.floating)) and v not in (0.0, 1.0):
            vals.setdefault(f"argument {i + 1}", float(v))
    return vals


def _factor(e, g, rtol, atol, args, kwargs, m):
    """g = c e for one constant c (not 1): (name, hint), or None."""
    big = np.abs(e) > max(atol * 10, 1e-12)
    if big.sum() < 1 or np.any(np.abs(g[~big]) > atol * 10 + 1e-9):
        return None
    c = float(np.median(g[big] / e[big]))
    if not np.isfinite(c) or abs(c) < 1e-12 or np.isclose(c, 1.0, rtol=1e-6) or np.isclose(c, -1.0, rtol=1e-6):
        return None
    if not _close(g, c * e, max(rtol, 1e-7), atol):
        return None
    if np.isclose(c, 1 / np.log(10), rtol=1e-6):
        return (N_("log10 in place of the natural log"), N_("every value is 0.4343 = 1/ln(10) times the right "
                                                             "one: np.log10 where np.log (the natural logarithm) was meant?"))
    single = big.sum() < 2  # one number: any two differ by "a factor"; only a factor with a name says something
    named = {"m": m, "1/m": 1 / m if m else None, "2": 2.0, "1/2": 0.5}
    for k, v in _scalars(args, kwargs).items():
        named[k] = v
        named[f"1/{k}"] = 1 / v
    for label, v in named.items():
        if v and np.isclose(c, v, rtol=1e-6):
            if label == "m":
                return (N_("off by a factor of m"), tr("every value is m = {m} times too large: a sum where the "
                                                       "mean was meant? Divide by m, the number of examples: the "
                                                       "columns, X.shape[1] (not Y.shape[0], the output's rows).",
                                                       m=f"{m:g}"))
            if label == "1/m":
                return (N_("off by a factor of 1/m"), tr("every value is m = {m} times too small: divided by m "
                                                         "once too often (or twice)?", m=f"{m:g}"))
            if label in ("2", "1/2"):
                return (Message("off by a factor of {factor}", factor=label), tr("every value is {factor} times the right one: a factor 2 "
                        "or 1/2 (from a derivative of a square, or a 1/2 in the cost) too many or missing?",
                        factor=label))
            if label.startswith("1/"):
                return (Message("divided by {name}", name=label[2:]), tr("every value is the right one divided by {name} = {value}: "
                        "divided where you should multiply, or divided twice?", name=label[2:], value=f"{1 / v:g}"))
            return (Message("multiplied by {name}", name=label), tr("every value is the right one times {name} = {value}: a factor "
                    "{name} too many (applied twice?)", name=label, value=f"{v:g}"))
    if single:
        return None
    return (N_("off by a constant factor"), tr("every value is {c} times the right one: a scale factor is "
                                               "missing or extra.", c=f"{c:.4g}"))


def diagnose(expected, got, args=(), kwargs=None, rtol=1e-5, atol=1e-8):
    """A likely cause of a wrong answer, from how it relates to the right one.

    Parameters
    ----------
    expected, got : plain values
        The reference's result and the student's (arrays, numbers, tuples, dicts).
    args, kwargs : tuple, dict
        The case's inputs (plain values).
    rtol, atol : float
        The spec's tolerances.

    Returns
    -------
    (str, str) or None
        The diagnosis's name and a one-line hint, or None where no relation fits.
    """
    try:
        return _diagnose(expected, got, args, kwargs or {}, rtol, atol)
    except Exception:  # noqa: BLE001 - a diagnosis is a bonus: whatever the answer, it never breaks a check
        return None


def _diagnose(expected, got, args, kwargs, rtol, atol):
    pair = _first_difference(expected, got, rtol, atol)
    if pair is None:
        return None
    e, g = pair
    if e.size == 0 or not np.all(np.isfinite(e)) or not np.all(np.isfinite(g)):
        return None
    inputs = _array_args(args)
    m = next((float(a.shape[1]) for a in inputs if a.ndim == 2), float(e.shape[-1]) if e.ndim == 2 else None)
    if e.shape != g.shape:
        if g.size == e.size and g.ndim == 2 and e.ndim == 2 and _close(g.T, e, rtol, atol):
            return (N_("the result transposed"), tr("the right numbers, transposed: shape {got} for {expected}; "
                    "swap the order of the product or drop a .T.", got=g.shape, expected=e.shape))
        if g.size == e.size and _close(g.reshape(e.shape), e, rtol, atol):
            return (N_("the right numbers in the wrong shape"), tr("the right numbers with shape {got}; expected "
                    "{expected}: keep 2-D arrays (keepdims=True, or reshape), never (n,) for (1, n) or (n, 1).",
                    got=g.shape, expected=e.shape))
        return None
    if np.all(np.abs(e) <= atol * 10):
        return None
    if _close(g, -e, rtol, atol):
        return (N_("the sign flipped"), N_("every value has the opposite sign: a minus missing or extra "
                                           "(a - b for b - a, or the gradient added where it is subtracted)?"))
    for z in inputs:
        if z.shape == e.shape:
            neg = z < 0
            if neg.any() and (~neg).any() and _close(g[neg], -e[neg], rtol, atol) and _close(g[~neg], e[~neg], rtol, atol):
                return (N_("the sign wrong where z < 0"), N_("right where the input is positive, sign flipped "
                                                             "where it is negative: check the negative branch's sign."))
    factor = _factor(e, g, rtol, atol, args, kwargs, m)
    if factor:
        return factor
    if g.size > 1 and np.allclose(g, g.flat[0], rtol=rtol, atol=atol) and not np.allclose(e, e.flat[0]):
        return (N_("a constant for every input"), tr("every entry is {value} whatever the input: is the input "
                "used at all (a hard-coded value, or a sum where an elementwise result was meant)?",
                value=f"{float(g.flat[0]):.4g}"))
    for z in inputs:
        if z.shape == g.shape and _close(g, z, rtol, atol) and not _close(e, z, rtol, atol):
            return (N_("the input returned unchanged"), N_("the function returns its input as it came: the "
                    "computation is missing (or works on a copy that is then thrown away)."))
    if e.ndim == 2 and e.shape[1] > 1:
        d = g - e
        if np.allclose(d, d[:, :1], rtol=0, atol=max(atol, 1e-9) * 10) and np.any(np.abs(d[:, 0]) > atol * 10):
            return (N_("off by the same amount in every column of a row"), N_("each row is off by its own "
                    "constant: a bias b forgotten, or added twice?"))
        if e.shape[0] > 1 and np.allclose(d, d[:1, :], rtol=0, atol=max(atol, 1e-9) * 10) and np.any(np.abs(d[0]) > atol * 10):
            return (N_("off by the same amount in every row of a column"), N_("each column is off by its own "
                    "constant: a mean or sum over the wrong axis (axis=0 for axis=1)?"))
    for z in inputs:
        if z.shape != g.shape:
            continue
        for name, f, hint in _elementwise():
            with np.errstate(all="ignore"):
                fz = f(z)
            if _close(g, fz, rtol, atol) and not _close(e, fz, rtol, atol):
                return (name, hint)
    return None
