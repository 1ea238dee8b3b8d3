"""Test helpers: a small nbgrader course in a temporary folder, graded with nbgrader's real commands."""

import json
import os
import shutil
from pathlib import Path

import nbformat

from grader.instructor import course
from grader.instructor.classgrade import autograde_class, class_report
from grader.instructor.course import collect_from
from grader.instructor.nbbuild import parse

ROOT = Path(__file__).resolve().parent.parent

#: A short version of 01_neuron: three graded functions and one question.
MINI_01 = '''
# %% [markdown]
# # Mini neuron
# %% setup
import numpy as np
from grader.check import Checker
check = Checker("01_neuron")
# %% solution id=sigmoid
def sigmoid(z):
    ### BEGIN SOLUTION
    return 1 / (1 + np.exp(-z))
    ### END SOLUTION
# %% tests id=test_sigmoid points=2
check("sigmoid", sigmoid)
### BEGIN HIDDEN TESTS
check("sigmoid", sigmoid, hidden=True)
### END HIDDEN TESTS
# %% solution id=relu
def relu(z):
    ### BEGIN SOLUTION
    return np.maximum(z, 0)
    ### END SOLUTION
# %% tests id=test_relu points=1
check("relu", relu)
### BEGIN HIDDEN TESTS
check("relu", relu, hidden=True)
### END HIDDEN TESTS
# %% solution id=tanh
def tanh(z):
    ### BEGIN SOLUTION
    return np.tanh(z)
    ### END SOLUTION
# %% tests id=test_tanh points=1
check("tanh", tanh)
### BEGIN HIDDEN TESTS
check("tanh", tanh, hidden=True)
### END HIDDEN TESTS
# %% solution id=q_linear_layers
### BEGIN SOLUTION
q_linear_layers = 1
### END SOLUTION
# %% tests id=test_q_linear_layers points=1
check.answer("q_linear_layers", q_linear_layers)
# %%
print("experiments would go here")
'''

POINTS = {"test_sigmoid": 2.0, "test_relu": 1.0, "test_tanh": 1.0, "test_q_linear_layers": 1.0}


def make_course(tmp_path, notebooks):
    """A course folder with ``notebooks`` ({assignment: notebook}) as its source."""
    cdir = Path(tmp_path) / "course"
    (cdir / "source").mkdir(parents=True)
    shutil.copy(ROOT / "course" / "nbgrader_config.py", cdir)
    for name, nb in notebooks.items():
        (cdir / "source" / name).mkdir()
        nbformat.write(nb, cdir / "source" / name / f"{name}.ipynb")
    return cdir


def mini_notebook():
    return parse(MINI_01)


def generate(cdir, assignment):
    r = course.api(cdir).generate_assignment(assignment, force=True, create=True)
    assert r["success"], r.get("log", "") + r.get("error", "")
    return nbformat.read(cdir / "release" / assignment / f"{assignment}.ipynb", as_version=4)


def submit(cdir, assignment, submissions, folder):
    """Hand in ``submissions`` ({student: notebook}) and collect them."""
    for student, nb in submissions.items():
        d = Path(folder) / student / assignment
        d.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, d / f"{assignment}.ipynb")
    collect_from(cdir, assignment, folder)


def scores(cdir, assignment, notebook=None):
    """{student: {grade_id: score}} read from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    notebook = notebook or assignment
    cfg = course.load_config(cdir)
    out = {}
    with Gradebook(cfg.CourseDirectory.db_url, "nnkit") as gb:
        for s in gb.students:
            try:
                nb = gb.find_submission_notebook(notebook, assignment, s.id)
            except MissingEntry:
                continue
            out[s.id] = {g.name: g.score for g in nb.grades if g.cell.cell_type == "code" and g.max_score}
    return out


def grade(cdir, assignment, submissions, tmp_path, jobs=2):
    submit(cdir, assignment, submissions, Path(tmp_path) / "inbox")
    results = autograde_class(cdir, assignment, jobs=jobs)
    return results, scores(cdir, assignment), class_report(cdir, assignment, results)


def with_cells(nb, replace=None, append=(), insert_after=None):
    """A copy of ``nb`` with solution cells replaced ({grade_id: source}) and code cells added."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if replace and gid in replace:
            cell.source = replace[gid]
    for src in append:
        nb.cells.append(nbformat.v4.new_code_cell(src))
    if insert_after:
        for gid, src in insert_after.items():
            idx = next(i for i, c in enumerate(nb.cells)
                       if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == gid)
            nb.cells.insert(idx + 1, nbformat.v4.new_code_cell(src))
    for c in nb.cells:
        c.pop("id", None)
    nb.nbformat_minor = 4
    return nb


def env_for_tests():
    os.environ.setdefault("NNKIT_CELL_TIMEOUT", "5")
    os.environ.setdefault("NNKIT_FUNCTION_TIMEOUT", "4")
