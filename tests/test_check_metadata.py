"""The course's CheckCellMetadata decides exactly as nbgrader's on good and corrupted metadata."""

import copy

import nbformat
import pytest
from nbgrader.preprocessors import CheckCellMetadata as Nbgrader

from grader.autograde.check_metadata import CheckCellMetadata as Ours
from grader.instructor.course import DEFAULT_COURSE


def _source():
    return nbformat.read(DEFAULT_COURSE / "source" / "01_neuron" / "01_neuron.ipynb", as_version=4)


def _graded(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


def _corrupt(kind):
    nb = copy.deepcopy(_source())
    first, second = _graded(nb)[:2]
    meta = first.metadata.nbgrader
    if kind == "duplicate_id":
        second.metadata.nbgrader["grade_id"] = meta["grade_id"]
    elif kind == "no_points":
        del meta["points"]
    elif kind == "points_text":
        meta["points"] = "lots"
    elif kind == "old_schema":
        meta["schema_version"] = 1
    elif kind == "new_schema":
        meta["schema_version"] = 99
    elif kind == "empty_id":
        meta["grade_id"] = ""
    elif kind == "grade_not_bool":
        meta["grade"] = "yes"
    return nb


def _verdict(cls, nb):
    try:
        cls().preprocess(nb, {})
        return "ok"
    except Exception as e:  # noqa: BLE001 - the kind of refusal is what is compared
        return type(e).__name__


@pytest.mark.parametrize("kind", ["none", "duplicate_id", "no_points", "points_text", "old_schema",
                                  "new_schema", "empty_id", "grade_not_bool"])
def test_same_decision_as_nbgrader(kind):
    nb = _corrupt(kind)
    ours, theirs = _verdict(Ours, copy.deepcopy(nb)), _verdict(Nbgrader, copy.deepcopy(nb))
    assert ours == theirs
    assert (ours == "ok") == (kind == "none")
