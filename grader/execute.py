"""Run a submission's notebook in its kernel without letting it stop the class's grading.

nbgrader's ``Execute`` raises when the kernel dies (``sys.exit`` in a cell is harmless, but
``os._exit`` or a crash is not) and, on a cell that ignores the interrupt sent at its timeout, makes
every later cell wait out its own timeout. The kernel run only produces feedback (plots, the
in-kernel checks' messages): the grade is decided by :class:`grader.judge.JudgeCells`. So
:class:`RobustExecute` stops executing at the first dead kernel or at the second timeout, notes
why in ``resources["nnkit"]["kernel"]``, and lets the judge and nbgrader's other preprocessors go on.
"""

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode

from nbgrader.preprocessors import Execute


class KernelGaveUp(RuntimeError):
    pass


class RobustExecute(Execute):
    """``Execute`` that survives dead and unresponsive kernels."""

    def preprocess(self, nb, resources=None, km=None):
        resources = resources if resources is not None else {}
        self._timeouts = 0
        note = resources.setdefault("nnkit", {})
        try:
            return super().preprocess(nb, resources, km)
        except DeadKernelError:
            note["kernel"] = "the kernel died (os._exit, a crash, or the memory limit)"
        except (CellTimeoutError, KernelGaveUp):
            note["kernel"] = "a cell ran past its time limit and ignored the interrupt"
        except Exception as e:  # a kernel that cannot start, broken messages, ...
            note["kernel"] = f"the notebook could not be executed: {type(e).__name__}: {e}"[:300]
        self._mark_unexecuted(nb, note["kernel"])
        return nb, resources

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
