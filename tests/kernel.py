"""A solution cell's text run as the notebook's kernel runs it, for the spec tests.

The namespace is the one a student's cell sees: ``np`` and ``math`` and the helpers the notebook's
setup cell gives (the spec's ``HELPERS``). The text is compiled as IPython compiles a cell (a file
name of its own, its lines in ``linecache``), so an error inside it names the student's line in the
feedback, as in the kernel and in the judge.
"""

import itertools
import linecache
import math
import textwrap

import numpy as np

from grader import specs

_COUNT = itertools.count(1)


def run_cell(src, assignment=None, ns=None):
    """Run ``src`` (dedented) in ``ns`` (default: a fresh namespace with numpy, math and the helpers
    of ``assignment``) and return the namespace."""
    if ns is None:
        ns = {"np": np, "math": math, **(specs.load(assignment).helpers if assignment else {})}
    text = textwrap.dedent(src)
    name = f"<ipython-input-{next(_COUNT)}-spec-test>"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    exec(compile(text, name, "exec"), ns)
    return ns
