"""The judge as an nbgrader preprocessor: every graded test cell's outputs become the judge's verdict.

:class:`JudgeCells` runs in ``nbgrader autograde`` after the kernel (:mod:`grader.autograde.execute`)
and before ``SaveAutoGrades``; the verdicts come from :func:`grader.judge.judge.judge_notebook`, as
those of ``nnkit-grade judge`` do, and nbgrader reads the scores from the outputs it writes.
"""

import json
import time
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Enum, Float, Integer, Unicode

from grader import limits, specs
from grader.autograde.repair_cells import REPAIRS
from grader.check.engine import Verdict
from grader.check.i18n import language, metadata_language, tr
from grader.judge.judge import (check_name, graded_test_cells, instructor_sources,
                                judge_notebook, kernel_notes, verdict_outputs)


#: The values of ``NNKIT_GRADE_MODE`` (and ``mode=`` of the class grading) -> ``JudgeCells.mode``.
GRADE_MODES = {"full": "full", "judge": "judge-only", "judge-only": "judge-only"}


def grade_mode(value):
    """``JudgeCells.mode`` for a value of ``NNKIT_GRADE_MODE`` (empty: full); ValueError if unknown."""
    value = (value or "").strip() or "full"
    if value not in GRADE_MODES:
        raise ValueError(f"NNKIT_GRADE_MODE={value!r} is not a grading mode: use 'full' or 'judge' (or --judge-only)")
    return GRADE_MODES[value]


class JudgeCells(NbGraderPreprocessor):
    """nbgrader preprocessor: replace every graded test cell's outputs with the judge's verdict."""

    enabled = Bool(True).tag(config=True)
    cell_timeout = Float(limits.JUDGE_CELL_TIMEOUT, help="Seconds a solution cell may run in the judge").tag(config=True)
    function_timeout = Float(limits.JUDGE_FUNCTION_TIMEOUT, help="Seconds all checks of one function may take").tag(config=True)
    notebook_timeout = Float(limits.JUDGE_NOTEBOOK_TIMEOUT, help="Seconds the judging of one notebook may take in "
                             "all").tag(config=True)
    report_dir = Unicode("", help="Folder for the verdicts as JSON (empty: none)").tag(config=True)
    hidden_seed = Integer(None, allow_none=True, help="Seed of the hidden cases (the instructor's, never "
                          "released; None: the published cases)").tag(config=True)
    sandbox = Unicode("auto", help="'auto' (use bubblewrap where it runs), 'on' (require it), 'off'").tag(config=True)
    mode = Enum(["full", "judge-only"], "full", help="How the notebook is graded, for the report: 'full' (the "
                "kernel ran it again for feedback) or 'judge-only' (no kernel; the student's own outputs "
                "kept)").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        notebook = info.get("notebook", "")
        assignment = info.get("assignment", notebook)
        key = notebook if notebook in specs.MODULES else assignment
        cells = graded_test_cells(nb)
        started = time.monotonic()
        seconds = {}
        if key not in specs.MODULES:
            # an ungraded notebook (00_welcome) needs none; a graded one without them is worth a note
            verdicts, notes = {}, [f"no checks for {key!r}"] if cells else []
        else:
            verdicts, notes = self._judge(key, nb, cells, resources, seconds)
        notes += kernel_notes(resources.get("nnkit", {}))
        repairs = nb.metadata.pop(REPAIRS, [])  # RepairCells' lines (a list of strings, capped)
        notes += [f"repaired: {r}"[:200] for r in (repairs if isinstance(repairs, list) else [])[:20]]
        for cell in cells:
            name = check_name(cell.metadata.nbgrader["grade_id"])
            with language(metadata_language(nb.metadata)):
                v = verdicts.get(name) or Verdict(name, False, tr("no check is defined for {name}.", name=repr(name)))
            cell.outputs = verdict_outputs(v)
        if self.report_dir:
            seconds["judge"] = round(time.monotonic() - started, 4)
            seconds.update(resources.get("nnkit", {}).get("seconds", {}))
            self._write_report(info, notebook, verdicts, notes, seconds)
        return nb, resources

    def _instructor_cells(self, resources):
        """The code cells of the instructor's source notebook of this submission, or None."""
        from nbgrader.coursedir import CourseDirectory

        info = resources.get("nbgrader", {})
        try:
            cd = CourseDirectory(config=self.config)
            folder = Path(cd.format_path(cd.source_directory, ".", info["assignment"]))
        except Exception:  # noqa: BLE001 - no course: the judge runs the solution cells only
            return None
        return instructor_sources(folder / f"{info.get('notebook', '')}.ipynb")

    def _judge(self, key, nb, cells, resources, seconds):
        """Verdicts and notes of the judge, its worker in a sandbox."""
        return judge_notebook(nb, key, self._instructor_cells(resources), self.sandbox,
                              self.cell_timeout, self.function_timeout, self.hidden_seed, seconds,
                              self.notebook_timeout)

    def _write_report(self, info, notebook, verdicts, notes, seconds):
        """``reports/<assignment>/<student>__<notebook>.json``: the verdicts, the notes, the mode and
        where the time went (``seconds``: the judge's and, in the full mode, the kernel's)."""
        folder = Path(self.report_dir) / str(info.get("assignment", "unknown"))
        folder.mkdir(parents=True, exist_ok=True)
        data = {"student": info.get("student"), "assignment": info.get("assignment"),
                "notebook": notebook, "mode": self.mode, "seconds": seconds, "notes": notes,
                "verdicts": {k: v.to_json() for k, v in verdicts.items()}}
        path = folder / f"{info.get('student')}__{notebook}.json"
        path.write_text(json.dumps(data, indent=1))
