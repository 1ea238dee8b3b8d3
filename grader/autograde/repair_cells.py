"""Submissions whose nbgrader metadata a student broke are repaired, not failed.

nbgrader stops a whole notebook (NOT GRADED, "see the above traceback") on metadata that students
break without meaning to: a copy-pasted answer cell (the same grade id twice: nbgrader's
``DeduplicateIds`` then leaves an empty ``nbgrader`` entry that ``OverwriteCells`` trips over), a
cell given a grade id the gradebook does not know, or a test cell whose "solution" flag was switched
on (its checksum can then never match). :class:`RepairCells` runs after ``DeduplicateIds`` and
before ``OverwriteCells``:

* an ``nbgrader`` entry without a grade id (a duplicate that ``DeduplicateIds`` cleared) is removed:
  the cell is the student's own, like an added one;
* a cell whose grade id the gradebook does not know loses its ``nbgrader`` entry the same way;
* a cell of a known id gets back the gradebook's kind (answer, test, locked), so that the gradebook's
  checksum and the test's source are restored by ``OverwriteCells`` as for any tampered test cell.

What was repaired is written into the notebook's metadata (``nnkit_repairs``, replaced on every
run, so a student cannot write it), one line each, for the judge's notes in the report.
"""

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

#: the notebook metadata key of the repairs' lines (read by :mod:`grader.autograde.judge_cells`)
REPAIRS = "nnkit_repairs"


class RepairCells(NbGraderPreprocessor):
    """Repair the nbgrader metadata that would make nbgrader fail a whole notebook."""

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader", {})
        repairs = []
        known = self._known_cells(info)
        for i, cell in enumerate(nb.cells):
            meta = cell.get("metadata", {})
            if "nbgrader" not in meta:
                continue
            grade_id = meta["nbgrader"].get("grade_id") if isinstance(meta["nbgrader"], dict) else None
            if not grade_id:
                del meta["nbgrader"]
                repairs.append(f"cell {i + 1}: a copy of a graded cell, judged as a cell of the student's own")
            elif known is not None and grade_id not in known:
                del meta["nbgrader"]
                repairs.append(f"cell {i + 1}: grade id {grade_id!r} is not the assignment's; judged as a "
                               "cell of the student's own")
            elif known is not None:
                kind = known[grade_id]
                changed = [k for k, v in kind.items() if bool(meta["nbgrader"].get(k)) != v]
                if changed:
                    meta["nbgrader"].update(kind)
                    repairs.append(f"cell {i + 1} ({grade_id}): its {', '.join(changed)} flag was changed; "
                                   "set back as released")
        nb.metadata[REPAIRS] = repairs
        return nb, resources

    @staticmethod
    def _known_cells(info):
        """``{grade id: {"grade": bool, "solution": bool, "locked": bool}}`` of the notebook's cells in
        the gradebook, or None where there is no gradebook to ask."""
        if not info.get("db_url"):
            return None
        try:
            with Gradebook(info["db_url"]) as gb:
                notebook = gb.find_notebook(info["notebook"], info["assignment"])
                grades = {c.name for c in notebook.grade_cells}
                solutions = {c.name for c in notebook.solution_cells}
                return {c.name: {"grade": c.name in grades, "solution": c.name in solutions, "locked": bool(c.locked)}
                        for c in notebook.source_cells}
        except (MissingEntry, KeyError):
            return None
