"""nbgrader configuration of the nnkit course (nbgrader 0.9.6, current option names).

Scores are decided by the judge (``grader.autograde.judge_cells.JudgeCells``) outside the student's
kernel; see ``docs/GRADING_DESIGN.md`` and ``docs/architecture.md``.

Students' code (the notebook's kernel and the judge's worker) runs in a sandbox (``grader/sandbox/``:
bubblewrap, a throwaway uid, no network, limits on memory, processes and CPU time). The switch is the
environment variable ``NNKIT_SANDBOX``: ``auto`` (the default: sandboxed wherever it can run; where it
cannot, grading goes on without it, with a warning and a note in every notebook's report), ``on``
(refuse to grade without it) or ``off`` (only for submissions you trust). ``python -m grader.sandbox
--check`` says whether it runs here; ``--install`` installs bubblewrap. Limits of the kernel:
``NNKIT_MEMORY_MB``, ``NNKIT_MAX_PROCESSES`` (threads included), ``NNKIT_CPU_SECONDS`` (per
process); their defaults, and every other limit and timeout, are in ``grader/limits.py``.

The grading mode is the environment variable ``NNKIT_GRADE_MODE`` (``nnkit-grade autograde
--judge-only`` sets it): ``full`` (the default: the kernel runs the notebook again, for the feedback's
outputs, and the judge decides the scores) or ``judge`` (no kernel: the judge alone, the student's own
outputs kept as text and pictures; the same scores, several times faster).
"""

import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, ClearHiddenTests, ClearOutput,
                                    DeduplicateIds, GetGrades, IgnorePattern, LimitOutput, OverwriteCells,
                                    OverwriteKernelspec, SaveAutoGrades)
from nbgrader.validator import Validator

from grader import limits
from grader.autograde.cap_outputs import CapOutputs
from grader.autograde.check_metadata import CheckCellMetadata
from grader.autograde.execute import RobustExecute, SandboxedExecute
from grader.autograde.judge_cells import JudgeCells, grade_mode
from grader.autograde.repair_cells import RepairCells
from grader.autograde.sanitize import SanitizeFeedback
from grader.autograde.student_outputs import KeepStudentOutputs

HERE = os.path.dirname(os.path.abspath(__file__))
c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "nnkit"
c.CourseDirectory.root = HERE
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")
c.Exchange.root = os.environ.get("NNKIT_EXCHANGE", os.path.join(HERE, "exchange"))
c.Exchange.path_includes_course = True
# Collect from the exchange without following links out of a submission (grader/autograde/exchange.py).
c.ExchangeFactory.collect = "grader.autograde.exchange.SafeExchangeCollect"
# Submit so that no other student can read a submission's files (owner and course group only).
c.ExchangeFactory.submit = "grader.autograde.exchange.PrivateExchangeSubmit"

# Release: solutions and hidden tests stripped, the stub students start from.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograde: deleted test cells come back; the kernel runs for feedback; the judge decides.
c.OverwriteCells.add_missing_cells = True
c.Execute.timeout = int(os.environ.get("NNKIT_CELL_TIMEOUT", limits.KERNEL_CELL_TIMEOUT))
c.Execute.interrupt_on_timeout = True
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:"]
c.RobustExecute.sandbox = os.environ.get("NNKIT_SANDBOX", "auto")
c.SandboxedKernelManager.memory_mb = int(os.environ.get("NNKIT_MEMORY_MB", limits.MEMORY_MB))
c.SandboxedKernelManager.processes = int(os.environ.get("NNKIT_MAX_PROCESSES", limits.PROCESSES))
c.SandboxedKernelManager.cpu_seconds = int(os.environ.get("NNKIT_CPU_SECONDS", limits.CPU_SECONDS))
c.JudgeCells.mode = grade_mode(os.environ.get("NNKIT_GRADE_MODE"))
_judge_only = c.JudgeCells.mode == "judge-only"
c.Autograde.sanitize_preprocessors = [
    KeepStudentOutputs if _judge_only else ClearOutput,
    DeduplicateIds,
    RepairCells,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    *([] if _judge_only else [RobustExecute]),
    JudgeCells,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    CapOutputs,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# Validate (``nbgrader validate`` on the instructor's side) runs the kernel in the same sandbox.
# ``Validator.preprocessors`` is not a configurable trait in nbgrader 0.9.6, so its default is set
# here, for the nbgrader processes that read this file. Validation scores the in-kernel checks,
# which give feedback only; ``nnkit-grade judge NOTEBOOK`` gives the judge's verdict.
c.SandboxedExecute.sandbox = os.environ.get("NNKIT_SANDBOX", "auto")
Validator.class_traits()["preprocessors"].default_value = [CheckCellMetadata, ClearOutput, SandboxedExecute]
c.JudgeCells.report_dir = os.path.join(HERE, "reports")
c.JudgeCells.function_timeout = float(os.environ.get("NNKIT_FUNCTION_TIMEOUT", limits.JUDGE_FUNCTION_TIMEOUT))
c.JudgeCells.notebook_timeout = float(os.environ.get("NNKIT_NOTEBOOK_TIMEOUT", limits.JUDGE_NOTEBOOK_TIMEOUT))
c.JudgeCells.sandbox = os.environ.get("NNKIT_SANDBOX", "auto")
# Hidden cases are drawn at grading time from the instructor's seed, so that a student's copy of the
# course (which has every spec) cannot reproduce them; visible cases stay the published ones. The
# seed is never released: NNKIT_HIDDEN_SEED, or a number in hidden_seed.txt beside this file
# (git-ignored). Without one, the judge uses the published hidden cases.
_SEED_FILE = os.path.join(HERE, "hidden_seed.txt")
_seed = os.environ.get("NNKIT_HIDDEN_SEED") or (open(_SEED_FILE).read().strip() if os.path.isfile(_SEED_FILE) else "")
if _seed:
    if not _seed.isdigit():
        raise ValueError(f"the hidden seed {_seed!r} (NNKIT_HIDDEN_SEED or hidden_seed.txt) is not a whole number")
    c.JudgeCells.hidden_seed = int(_seed)

# Feedback: hidden tests are removed from the cells students get back.
c.ClearHiddenTests.enforce_metadata = False
# Feedback HTML is opened by the instructor and the student: nothing a submission put in it may run
# (a <script> in markdown, display(HTML(...)) or Javascript(...) outputs): grader/autograde/sanitize.py.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, SanitizeFeedback, CSSHTMLHeaderPreprocessor]
c.HTMLExporter.sanitize_html = True
