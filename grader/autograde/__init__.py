"""The nbgrader preprocessors of ``nbgrader autograde`` (named in ``course/nbgrader_config.py``).

* :mod:`grader.autograde.execute` — the kernel run for feedback, sandboxed and robust to dead kernels;
* :mod:`grader.autograde.judge_cells` — the judge's preprocessor, which decides the scores.
"""
