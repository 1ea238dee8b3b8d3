"""The nnkit course's grader, in packages by who runs them (``docs/architecture.md`` draws them).

* :mod:`grader.check` — student side: the checks that test cells call, for feedback in the
  notebook (the only part of the grader the student's kernel sees, with :mod:`grader.specs`);
* :mod:`grader.specs` — the checks of every assignment, read by the kernel's checks and the judge;
* :mod:`grader.judge` — the verdict, decided outside the student's kernel;
* :mod:`grader.sandbox` — the box that student code runs in (the judge's worker and the kernel);
* :mod:`grader.autograde` — the nbgrader preprocessors of ``nbgrader autograde``;
* :mod:`grader.instructor` — course operations, class grading and reports, the notebook builder;
* :mod:`grader.cli` — the instructor's commands (``nnkit-grade``).

Importing :mod:`grader` imports none of them.
"""
