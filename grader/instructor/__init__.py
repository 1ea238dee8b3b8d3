"""The instructor's operations, under the ``nnkit-grade`` commands of :mod:`grader.cli`.

* :mod:`grader.instructor.course` — the nbgrader course folder and its API;
* :mod:`grader.instructor.classgrade` — a class graded in parallel, and its report;
* :mod:`grader.instructor.demo` — the whole cycle on sample submissions;
* :mod:`grader.instructor.figures` — every figure of the course as PNG;
* :mod:`grader.instructor.nbbuild` — the notebooks built from ``course/authoring/*.py``.
"""
