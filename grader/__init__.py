"""The nnkit course's grader.

* :class:`grader.Checker` — the checks that test cells call, for feedback in the notebook;
* :mod:`grader.judge` — the verdict, decided outside the student's kernel under nbgrader;
* :mod:`grader.cli` — the instructor's commands (``nnkit-grade``).
"""

from grader.checker import CheckFailed, Checker

__all__ = ["CheckFailed", "Checker"]
