"""Student side: the checks that a notebook's test cells call (``from grader.check import Checker``).

This package and :mod:`grader.specs` are all of the grader that the student's kernel imports (and
all that its sandbox mounts); they never import the instructor side.

* :mod:`grader.check.checker` — :class:`Checker`, which runs a function's checks in the kernel;
* :mod:`grader.check.engine` — cases, comparisons and the messages a student reads (shared with
  the judge, which decides the score with the same checks);
* :mod:`grader.check.wire` — plain data and its framing, for the judge's worker protocol.
"""

from grader.check.checker import CheckFailed, Checker

__all__ = ["CheckFailed", "Checker"]
