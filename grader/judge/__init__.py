"""The judge: the verdict of a notebook, decided outside the student's kernel.

* :mod:`grader.judge.judge` — :class:`~grader.judge.judge.Judge` (runs the solution cells in a
  worker process and the checks of :mod:`grader.specs` against it) and the analysis of cells;
* :mod:`grader.judge.worker_main` — the worker's side of the protocol (sent to the worker with
  :mod:`grader.check.wire` as its source; it imports nothing of the grader).
"""
