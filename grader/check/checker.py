"""The checks that test cells call, for feedback in the notebook.

Usage in a notebook (the setup cell makes the checker, each test cell calls it)::

    from grader.check import Checker
    check = Checker("01_neuron")
    ...
    check("sigmoid", sigmoid)          # visible checks
    check("sigmoid", sigmoid, hidden=True)   # every case (the hidden tests)
    check.answer("q_linear_stack", q_linear_stack)

A pass prints one line; a failure raises :class:`CheckFailed`, which Jupyter shows as a message of at
most five lines (no traceback). These checks run in the student's kernel and so only ever give *feedback*:
under nbgrader, :mod:`grader.judge` decides the score again outside the kernel.

What the checker shows is wrapped at :data:`WIDTH` columns (:func:`wrap_message`), so that every line
can be read whole wherever it appears: in the notebook, in nbgrader's Validate dialog (whose ``<pre>``
does not wrap) and in ``nbgrader validate`` in a terminal (which cuts longer lines). The messages
themselves (``Verdict.message``, ``str(CheckFailed)``) keep their lines as written.
"""

import contextlib
import copy
import io
import sys
import types
import unicodedata
import warnings

import numpy as np

from grader import specs
from grader.check.engine import Verdict, as_dependency, evaluate, evaluate_question, materialize, outcome_of
from grader.check.i18n import language, notebook_language, tr, use_figure_fonts
from grader.check.wire import observe_call


#: The widest line, in columns (a Chinese character takes two), that the checker shows. nbgrader's
#: Validate dialog shows a message in a ``<pre>`` that does not wrap, about 117 columns wide in a
#: window 1024 pixels wide or wider and narrower below; ``nbgrader validate`` in a terminal indents
#: each line by 4 and cuts it after 83 characters. 80 fits both.
WIDTH = 80
#: how much further than its line a wrapped line's continuation is indented (a message's own detail
#: lines are indented by 2)
HANG = "    "
#: no line starts with one of these (they stay with the text before them) ...
_CLOSING = set(",.;:!?)]}%\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\uff09\u300b\u300d\u300f\u3011")
#: ... or ends with one of these (they stay with the text after them)
_OPENING = set("([{\uff08\u300a\u300c\u300e\u3010")
_PAIRS = {")": "(", "]": "[", "}": "{", "\uff09": "\uff08", "\u300b": "\u300a", "\u300d": "\u300c",
          "\u300f": "\u300e", "\u3011": "\u3010"}
#: a bracketed group at most this wide is never broken: ``(4, 1)``, ``[ 0.0956, -0.0712]``
GROUP = 24


def _columns(text):
    """The width of ``text`` in a monospaced font: two columns for a wide (East Asian) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _kept_together(text):
    """The positions of ``text`` before which no line may break: inside a short bracketed group
    (:data:`GROUP`), and the space after a ``key:`` inside brackets (``{W1: (4, 2), ...}``)."""
    keep, stack = set(), []
    for i, ch in enumerate(text):
        if ch in _OPENING:
            stack.append(i)
        elif ch in _PAIRS and stack and text[stack[-1]] == _PAIRS[ch]:
            start = stack.pop()
            if _columns(text[start:i + 1]) <= GROUP:
                keep.update(range(start + 1, i + 1))
        elif ch == " " and stack and text[i - 1] == ":":
            keep.add(i)
    return keep


def _pieces(text):
    """``text`` cut where a line may break, as ``(spaces, piece)`` pairs: at spaces (which the break
    replaces) and next to a wide character (Chinese has no spaces), but never before a closing mark,
    after an opening one, or inside what :func:`_kept_together` keeps together."""
    keep = _kept_together(text)
    pieces, space, start, i, n = [], "", 0, 0, len(text)
    while i < n:
        if text[i].isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            if i > start and i not in keep and j < n and text[i - 1] not in _OPENING and text[j] not in _CLOSING:
                pieces.append((space, text[start:i]))
                space, start = text[i:j], j
            i = j
            continue
        if (i > start and i not in keep and (_columns(text[i - 1]) == 2 or _columns(text[i]) == 2)
                and text[i] not in _CLOSING and text[i - 1] not in _OPENING):
            pieces.append((space, text[start:i]))
            space, start = "", i
        i += 1
    if start < n:
        pieces.append((space, text[start:]))
    return pieces


def wrap_line(line, width=WIDTH):
    """``line`` as lines of at most ``width`` columns: broken at spaces (and between Chinese
    characters), each continuation indented by :data:`HANG` more than the line. Only the breaks
    change the text; a piece wider than a whole line is cut where it must."""
    if _columns(line) <= width:
        return [line]
    body = line.lstrip(" ")
    indent = line[:len(line) - len(body)]
    lines, current, fresh = [], indent, True
    for space, piece in _pieces(body):
        if not fresh and _columns(current + space + piece) <= width:
            current += space + piece
            continue
        if not fresh:
            lines.append(current)
            current = indent + HANG
        for ch in piece:  # a fresh line takes the piece, cut only if it is wider than the line
            if _columns(current + ch) > width and current.strip():
                lines.append(current)
                current = indent + HANG
            current += ch
        fresh = False
    lines.append(current)
    return lines


def wrap_message(text, width=WIDTH):
    """Every line of ``text`` wrapped at ``width`` columns (:func:`wrap_line`)."""
    return "\n".join(out for line in str(text).split("\n") for out in wrap_line(line, width))


class CheckFailed(AssertionError):
    """A failed check. IPython shows only the message, in red, without a traceback, wrapped at
    :data:`WIDTH` columns; ``str()`` of it is the message as written."""

    def _render_traceback_(self):
        return ["\x1b[0;31m" + line + "\x1b[0m" for line in wrap_message(str(self)).splitlines()]


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
    """A ``call(case)`` for the engine that calls ``fn`` in this process (quietly: its prints,
    warnings and floating-point notices are the student's), observed as the judge's worker does."""

    def call(case):
        args, kwargs = materialize(case.args), materialize(case.kwargs)
        deps = {d: as_dependency(d, aspec.reference(d)) for d in spec.deps}
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            reply = observe_call(fn, args, kwargs, getattr(fn, "__globals__", None), deps,
                                 spec.distinct_outputs, catch=Exception)
        return outcome_of(reply, spec.arg_names)

    return call


def undefined_name_message(name, spec):
    """One line for a ``NameError`` on a graded function or question of ``spec``, or None."""
    if name in spec.questions:
        return tr("{name} is not answered yet: write your answer in its cell (above the test) and run "
                  "that cell, then this one.", name=name)
    if name in spec.functions:
        return tr("{name} is not defined yet: write it in its cell (above the test) and run that cell "
                  "(Shift+Enter), then this one.", name=name)
    return None


def _shell():
    """The IPython shell this code runs in, or None (IPython is loaded in a kernel; never imported here)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def explain_undefined_names(spec, lang=None):
    """In IPython, show a test cell's ``NameError`` on a graded name as one line that says what to do
    (in ``lang``, wrapped at :data:`WIDTH` columns; the usual traceback for any other name). Outside
    IPython, nothing changes."""
    shell = _shell()
    if shell is None:
        return

    def handler(self, etype, value, tb, tb_offset=None):
        # IPython shows nothing itself for an exception a custom handler takes: show it here
        name = getattr(value, "name", None)
        with language(lang):
            line = undefined_name_message(name, spec) if name else None
        if line is None:
            self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        else:
            # one entry (Jupyter joins them with newlines), wrapped as the checker's messages are
            shown = wrap_message("NameError: " + line)[len("NameError"):]
            self._showtraceback(etype, value, ["\x1b[0;31mNameError\x1b[0m" + shown])

    shell.set_custom_exc((NameError,), handler)


def stale_definition(name, fn, inputs=None):
    """A line saying that ``fn`` is an older version of ``name`` when the last cell run that defines
    ``def name(`` is not the one ``fn`` came from (that run failed before the def: a syntax slip, an
    error above it), else None. ``inputs``: the cells run so far, IPython's ``In`` (default: this
    kernel's, if any)."""
    import linecache
    import re

    shell = _shell()
    if inputs is None:
        inputs = shell.user_ns.get("In", []) if shell is not None else []
    code = getattr(fn, "__code__", None)
    if code is None or not inputs:
        return None
    pattern = re.compile(rf"^\s*def\s+{re.escape(name)}\s*\(", re.M)
    latest = next((src for src in reversed(list(inputs)[:-1]) if isinstance(src, str) and pattern.search(src)), None)
    source = "".join(linecache.getlines(code.co_filename))
    if latest is None or not source:
        return None
    if shell is not None:  # the cell as IPython compiled it (magics turned into calls)
        try:
            latest = shell.transform_cell(latest)
        except Exception:  # noqa: BLE001 - a cell IPython cannot transform: compare it as written
            pass
    if latest.strip() == source.strip():
        return None
    return tr("note: this is the {name} of an earlier run: the last run of its cell did not define it (a "
              "syntax slip, or an error above the def?). Fix that cell and run it again.", name=name)


class Checker:
    """Checks one assignment's functions and answers against the nnkit reference, with feedback in
    ``lang`` (default: the language of the notebook the kernel runs, see
    :func:`grader.check.i18n.notebook_language`), and figures drawn with a font of that language."""

    def __init__(self, assignment, lang=None):
        self.assignment = assignment
        self.spec = specs.load(assignment)
        self.lang = lang or notebook_language(assignment)
        explain_undefined_names(self.spec, self.lang)
        use_figure_fonts(self.lang)

    def verdict(self, name, fn, hidden=False):
        """The :class:`Verdict` for function ``name`` implemented by ``fn`` (no printing)."""
        if name not in self.spec.functions:
            raise KeyError(f"{self.assignment} has no graded function {name!r}; "
                           f"it has {sorted(self.spec.functions)}")
        spec = self.spec.functions[name]
        with language(self.lang):
            if not callable(fn):
                return Verdict(name, False, tr("{name} should be a function; it is {kind}.", name=name,
                                               kind=type(fn).__name__))
            refs = [f.ref for f in self.spec.functions.values()]
            if uses_reference(fn, refs):
                return Verdict(name, False, tr("{name} calls the nnkit reference; write it yourself.", name=name),
                               "calls the reference")
            return evaluate(spec, direct_call(fn, spec, self.spec), hidden=hidden)

    def __call__(self, name, fn, hidden=False):
        with language(self.lang):
            stale = stale_definition(name, fn)
        if stale:
            print(wrap_message(stale))
        return self._report(self.verdict(name, fn, hidden))

    def answer(self, name, value, hidden=False):
        """Check the answer to a "check your understanding" question."""
        if name not in self.spec.questions:
            raise KeyError(f"{self.assignment} has no question {name!r}")
        with language(self.lang):
            verdict = evaluate_question(self.spec.questions[name], copy.deepcopy(value))
        return self._report(verdict)

    @staticmethod
    def _report(verdict):
        if not verdict.passed:
            raise CheckFailed(verdict.message)
        print(wrap_message("\u2714 " + verdict.message))
