"""Judge-only grading: keep the student's own outputs, safely, instead of running the notebook again.

In the full mode, ``nbgrader autograde`` clears every output (``ClearOutput``) and the kernel
(:mod:`grader.autograde.execute`) runs the notebook again, for feedback only: the scores are the
judge's (:mod:`grader.autograde.judge_cells`). In the judge-only mode (``NNKIT_GRADE_MODE=judge``,
``nnkit-grade autograde --judge-only``) no kernel runs; :class:`KeepStudentOutputs` takes
``ClearOutput``'s place and keeps what the student's own run printed and drew, so the feedback still
shows it, but only as plain text and pictures: an output that could run in whoever opens the notebook
or its feedback (HTML, JavaScript, SVG, widgets) is dropped. The graded test cells' outputs are
replaced by the judge's verdicts afterwards, as in the full mode, so the scores are the same.
"""

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Integer

#: The kinds of data kept from a display or a result: text and raster pictures, nothing that runs.
SAFE_DATA = ("text/plain", "image/png", "image/jpeg")


def safe_output(out, max_chars):
    """A copy of the output ``out`` with only :data:`SAFE_DATA`, or None when nothing of it is safe."""
    kind = out.get("output_type")
    if kind == "stream":
        text = "".join(out.get("text", ""))
        return NotebookNode(output_type="stream", name=out.get("name", "stdout") if out.get("name") in
                            ("stdout", "stderr") else "stdout", text=text[:max_chars])
    if kind == "error":
        tb = [str(line)[:max_chars] for line in out.get("traceback", [])][:200]
        return NotebookNode(output_type="error", ename=str(out.get("ename", ""))[:200],
                            evalue=str(out.get("evalue", ""))[:max_chars], traceback=tb)
    if kind in ("display_data", "execute_result"):
        data = out.get("data") or {}
        kept = {k: data[k] for k in SAFE_DATA if isinstance(data.get(k), (str, list))}
        if not kept:
            return None
        if "text/plain" in kept:
            text = kept["text/plain"]
            kept["text/plain"] = ("".join(text) if isinstance(text, list) else text)[:max_chars]
        node = NotebookNode(output_type=kind, data=NotebookNode(kept), metadata=NotebookNode())
        if kind == "execute_result":
            node.execution_count = out.get("execution_count")
        return node
    return None


class KeepStudentOutputs(NbGraderPreprocessor):
    """Keep the plain-text and picture outputs of the student's own run; drop everything else."""

    enabled = Bool(True).tag(config=True)
    max_chars = Integer(20_000, help="Characters kept of one text output").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            outputs = [safe_output(o, self.max_chars) for o in cell.get("outputs", [])
                       if isinstance(o, dict)]
            cell.outputs = [o for o in outputs if o is not None]
        elif "outputs" in cell:
            del cell["outputs"]
        if "attachments" in cell and cell.cell_type != "markdown":
            del cell["attachments"]
        return cell, resources
