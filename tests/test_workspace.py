"""A self-learner's notebooks: the student version, made once in a folder of their own, never
overwritten by a second `workspace`, a `release` or `make clean`; a student's JupyterLab hides the
instructor's tools."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
A = "04_two_layer_backprop"
ANSWER = "def layer_sizes(X, Y, n_h=4):\n    # MY OWN ANSWER, kept\n    return (X.shape[0], n_h, Y.shape[0])\n"


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_workspace_is_the_student_version_and_keeps_a_learner_s_answers(tmp_path):
    work = tmp_path / "my-work"
    first = _cli("workspace", "--dir", str(work))
    assert first.returncode == 0, first.stderr
    nb_path = work / A / f"{A}.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "raise NotImplementedError()" in text
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "layer_sizes":
            cell.source = ANSWER
    nbformat.write(nb, nb_path)
    again = _cli("workspace", "--dir", str(work))
    assert again.returncode == 0 and "kept" in again.stdout and "never overwritten" in again.stdout
    course = tmp_path / "course"
    (course).mkdir()
    subprocess.run(["cp", "-r", str(ROOT / "course" / "source"), str(course)], check=True)
    subprocess.run(["cp", str(ROOT / "course" / "nbgrader_config.py"), str(course)], check=True)
    rel = _cli("--course", str(course), "release", A)
    assert rel.returncode == 0, rel.stdout + rel.stderr
    assert "MY OWN ANSWER, kept" in nb_path.read_text()


def test_workspace_of_an_unknown_assignment_says_so_in_one_line(tmp_path):
    r = _cli("workspace", "--dir", str(tmp_path), "99_nothing")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "unknown assignment '99_nothing'" in r.stderr


def test_make_clean_and_make_lab_leave_the_learner_s_folder_alone():
    dry = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "my-work" not in dry and "WORK" not in dry
    lab = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "nnkit-grade workspace --dir my-work" in lab and "course/student-lab" in lab
    assert "my-work/" in (ROOT / ".gitignore").read_text()


def test_a_student_s_jupyterlab_hides_the_instructor_s_nbgrader_tools():
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(ROOT / "course" / "student-lab")}
    out = subprocess.run([str(Path(sys.executable).parent / "jupyter"), "labextension", "list"], env=env,
                         capture_output=True, text=True, timeout=120)
    listing = out.stdout + out.stderr
    disabled = listing.split("Disabled extensions:")[1]
    for plugin in ("formgrader", "create-assignment", "course-list"):
        assert f"@jupyter/nbgrader:{plugin}" in disabled
    for plugin in ("assignment-list", "validate-assignment"):
        assert f"@jupyter/nbgrader:{plugin}" not in disabled
