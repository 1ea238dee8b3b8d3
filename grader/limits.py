"""Every limit and timeout of grading, in one place (the course's configuration may override them).

The box's limits apply to the notebook's kernel and to the judge's worker (:mod:`grader.sandbox.box`);
the timeouts are the judge's (:mod:`grader.judge.judge`) and the kernel's run for feedback
(``course/nbgrader_config.py``, where the ``NNKIT_*`` variables override them). The largest message
of the worker's protocol is :data:`grader.check.wire.MAX_MESSAGE_BYTES` (the worker reads it there).
"""

#: Memory of a box: the kernel or the judge's worker with every process it starts (MB).
MEMORY_MB = 1024
#: Processes and threads of a box.
PROCESSES = 128
#: CPU time of each process in a box (s).
CPU_SECONDS = 600
#: Largest file a box may write (MB).
FILE_MB = 256
#: The judge's worker's folder and a box's /tmp: filesystems in memory of this size (MB), so that
#: what a solution writes never reaches the instructor's disk (and counts against the box's memory).
WORK_MB = 64
TMP_MB = 64

#: Without the sandbox, the judge's worker gets rlimits only: address space (bytes) and largest file.
UNSANDBOXED_MEMORY_BYTES = 4 * 2 ** 30
UNSANDBOXED_FILE_BYTES = 64 * 2 ** 20
#: What a reference served to the worker (run in the grading process, with the student's arguments)
#: may allocate: a box's memory.
SERVED_CALL_BYTES = MEMORY_MB * 2 ** 20

#: Seconds one solution cell may run in the judge's worker.
JUDGE_CELL_TIMEOUT = 10.0
#: Seconds all checks of one function may take in the judge, at most.
JUDGE_FUNCTION_TIMEOUT = 20.0
#: The budget of a function that calls no earlier graded function is this many times what the
#: reference takes on the same checks (measured once per grading process), at least
#: JUDGE_FUNCTION_FLOOR and at most JUDGE_FUNCTION_TIMEOUT: a student's loops instead of NumPy stay
#: well inside it, and a hang in a small function costs the class seconds, not the full limit. A
#: function that calls earlier graded functions (served to it from the grading process, one round
#: trip per call) has the whole JUDGE_FUNCTION_TIMEOUT.
JUDGE_FUNCTION_FACTOR = 100.0
JUDGE_FUNCTION_FLOOR = 3.0
#: Seconds the judging of one whole notebook may take (its cells, every function, the worker's
#: restarts after a crash, which replay the earlier cells): past it, the names left are not judged.
#: The course's notebooks take a few seconds each.
JUDGE_NOTEBOOK_TIMEOUT = 180.0
#: Seconds one cell may run in the kernel during autograde (nbgrader's ``Execute.timeout``).
KERNEL_CELL_TIMEOUT = 60

#: Largest total size of one submission that is copied (collect, exchange, the sandbox's copy).
SUBMISSION_MAX_BYTES = 50 * 2 ** 20
