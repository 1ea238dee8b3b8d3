"""Run a submission's notebook in its kernel without letting it stop the class's grading.

nbgrader's ``Execute`` raises when the kernel dies (``sys.exit`` in a cell is harmless, but
``os._exit`` or a crash is not) and, on a cell that ignores the interrupt sent at its timeout, makes
every later cell wait out its own timeout. The kernel run only produces feedback (plots, the
in-kernel checks' messages): the grade is decided by :class:`grader.autograde.judge_cells.JudgeCells`. So
:class:`RobustExecute` stops executing at the first dead kernel or at the second timeout, notes
why in ``resources["nnkit"]["kernel"]``, and lets the judge and nbgrader's other preprocessors go on.

The kernel runs in a sandbox (:class:`grader.sandbox.kernel.SandboxedKernelManager`) according to
``RobustExecute.sandbox``: ``"auto"`` (wherever the sandbox can run; elsewhere the notebook runs
without it, with a warning in the log and a note in ``resources["nnkit"]["sandbox"]``), ``"on"``
(refuse to run a notebook without it) or ``"off"``. The limits the kernel hit (memory, processes,
CPU time, the cells' time limit) are listed, in words, in ``resources["nnkit"]["limits"]``, and where
the time went (the kernel's start, the solution cells, the test cells, the other cells, the kernel's
stop) in ``resources["nnkit"]["seconds"]``, for the report and the grading benchmark.

:class:`SandboxedExecute` is the same sandbox without the rest: nbgrader's ``Execute``, errors and
all, for ``nbgrader validate`` on the instructor's side (the course's configuration puts it in
``Validator.preprocessors``), where a dead kernel must fail the validation, not be noted and passed
over.
"""

import contextlib
import os
import time

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from traitlets import Enum

from nbgrader.preprocessors import Execute

from grader.check.i18n import metadata_language
from grader.sandbox.kernel import SandboxedKernelManager
from grader.sandbox.box import MODES, SandboxUnavailable, check_mode


class KernelGaveUp(RuntimeError):
    pass


def cell_kind(cell):
    """What a code cell is for: the student's solution, a test, or the rest (set-up, demos, figures)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution"):
        return "solution cells"
    if meta.get("grade"):
        return "test cells"
    return "other cells"


class SandboxedExecute(Execute):
    """nbgrader's ``Execute`` with the kernel in a sandbox, as ``sandbox`` says."""

    sandbox = Enum(MODES, "auto", help="Run the kernel in a sandbox: 'auto' (wherever it can "
                   "run), 'on' (refuse to run without it) or 'off'").tag(config=True)

    def __init__(self, **kw):
        super().__init__(**kw)  # nbgrader's Execute sets kernel_manager_class over any config
        try:
            self._unsandboxed = check_mode(self.sandbox)
            self._refusal = None
        except SandboxUnavailable as e:
            self._unsandboxed, self._refusal = None, e
        sandboxed = self.sandbox != "off" and self._unsandboxed is None
        self.kernel_manager_class = SandboxedKernelManager if sandboxed else AsyncKernelManager
        self._km = None

    def create_kernel_manager(self):
        self._km = super().create_kernel_manager()
        return self._km

    def _start(self):
        """Refuse (mode "on" where the sandbox cannot run) or warn (mode "auto"); the note to keep."""
        if self._refusal is not None:
            raise self._refusal
        if self._unsandboxed:
            self.log.warning("nnkit: the kernel %s; students' code runs with your rights", self._unsandboxed)
            return f"kernel {self._unsandboxed}"
        if self.sandbox == "off":
            return "kernel ran without a sandbox: NNKIT_SANDBOX=off (students' code ran with your rights)"
        return None

    def preprocess(self, nb, resources=None, km=None):
        resources = resources if resources is not None else {}
        self._start()
        # nbgrader's Validator gives no path but runs in the notebook's folder: the folder to copy in
        resources.setdefault("metadata", {}).setdefault("path", os.getcwd())
        try:
            with feedback_language(nb):
                return super().preprocess(nb, resources, km)
        finally:
            if isinstance(self._km, SandboxedKernelManager):
                self._km.close_box()


@contextlib.contextmanager
def feedback_language(nb):
    """While active, the kernels started here write their checks' messages in the notebook's
    language (``NNKIT_LANG``, read by :func:`grader.check.i18n.notebook_language`)."""
    before = os.environ.get("NNKIT_LANG")
    os.environ["NNKIT_LANG"] = metadata_language(nb.get("metadata")) or "en"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NNKIT_LANG", None)
        else:
            os.environ["NNKIT_LANG"] = before


class RobustExecute(SandboxedExecute):
    """``Execute`` that survives dead and unresponsive kernels, with the kernel in a sandbox."""

    def preprocess(self, nb, resources=None, km=None):
        resources = resources if resources is not None else {}
        self._timeouts, self._km = 0, km
        note = resources.setdefault("nnkit", {})
        self._seconds = note.setdefault("seconds", {})
        self._clock = time.monotonic()
        unsandboxed = self._start()
        if unsandboxed:
            note["sandbox"] = unsandboxed
        why = None
        try:
            with feedback_language(nb):
                Execute.preprocess(self, nb, resources, km)
        except DeadKernelError:
            why = "the kernel died (os._exit, a crash, or the memory limit)"
        except (CellTimeoutError, KernelGaveUp):
            why = "a cell ran past its time limit and ignored the interrupt"
        except Exception as e:  # a kernel that cannot start, broken messages, ...
            why = f"the notebook could not be executed: {type(e).__name__}: {e}"[:300]
        finally:
            self._took("kernel stop")
            self._note_limits(note)
        if why:
            note["kernel"] = why
            self._mark_unexecuted(nb, why)
        return nb, resources

    def preprocess_cell(self, cell, resources, index):
        if index == 0:
            self._took("kernel start")
        try:
            return super().preprocess_cell(cell, resources, index)
        finally:
            if cell.cell_type == "code":
                self._took(cell_kind(cell))

    def _took(self, what):
        """Add the time since the last mark to ``what`` (seconds, in the notebook's report)."""
        now = time.monotonic()
        key = f"kernel: {what}"
        self._seconds[key] = round(self._seconds.get(key, 0.0) + now - self._clock, 4)
        self._clock = now

    def _note_limits(self, note):
        limits = []
        if isinstance(self._km, SandboxedKernelManager):
            limits = self._km.close_box()
            if self._km.box_note:
                note["sandbox"] = f"kernel: {self._km.box_note}"
        if self._timeouts:
            limits.append(f"hit the time limit ({self.timeout} s per cell)"
                          + (", twice: the rest was not run" if self._timeouts >= 2 else ""))
        note["limits"] = limits

    async def _async_handle_timeout(self, timeout, cell=None):
        self._timeouts = getattr(self, "_timeouts", 0) + 1
        if self._timeouts >= 2:
            raise KernelGaveUp("second timeout")
        return await super()._async_handle_timeout(timeout, cell)

    @staticmethod
    def _mark_unexecuted(nb, why):
        for cell in nb.cells:
            if cell.cell_type == "code" and not cell.get("outputs") and cell.get("execution_count") is None:
                cell.outputs = [NotebookNode(output_type="stream", name="stdout",
                                             text=f"(not run: {why})\n")]
