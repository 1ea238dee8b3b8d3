"""A submission nbgrader cannot grade is named in the class report with what is wrong, in one line:
a notebook saved under another name (01_neuron-Copy1.ipynb), an empty file, a file that is not JSON
or not a notebook; the other students are graded as usual."""

import nbformat
import pytest

import nbcycle
from grader.instructor.classgrade import autograde_class, class_report
from grader.instructor.course import collect_from

pytestmark = pytest.mark.slow


def test_bad_submissions_are_named_with_their_reason(tmp_path):
    nbcycle.env_for_tests()
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {"01_neuron": source})
    nbcycle.generate(cdir, "01_neuron")
    inbox = tmp_path / "inbox"
    files = {
        "copy1": ("01_neuron-Copy1.ipynb", nbformat.writes(source)),
        "empty": ("01_neuron.ipynb", ""),
        "notjson": ("01_neuron.ipynb", '{"cells": [ oops'),
        "notnotebook": ("01_neuron.ipynb", '{"hello": "world"}'),
        "good": ("01_neuron.ipynb", nbformat.writes(source)),
    }
    for student, (name, text) in files.items():
        folder = inbox / student / "01_neuron"
        folder.mkdir(parents=True)
        (folder / name).write_text(text)
    collect_from(cdir, "01_neuron", inbox)
    results = autograde_class(cdir, "01_neuron", jobs=2, mode="judge")
    report = class_report(cdir, "01_neuron", results)
    why = report["not_graded"]
    assert set(why) == {"copy1", "empty", "notjson", "notnotebook"}, report["text"]
    assert why["copy1"] == "no 01_neuron.ipynb in the submission (it holds 01_neuron-Copy1.ipynb: rename it to 01_neuron.ipynb)"
    assert why["empty"] == "01_neuron.ipynb is an empty file, not a notebook"
    assert why["notjson"].startswith("01_neuron.ipynb is not a notebook: not valid JSON")
    assert why["notnotebook"].startswith("01_neuron.ipynb is not a valid notebook")
    assert all("\n" not in line for line in why.values())
    assert report["totals"]["good"]["score"] == report["max_score"]


def test_the_class_report_applies_late_penalties_as_the_csv_does(tmp_path):
    """A late penalty in the gradebook (nbgrader's LateSubmissionPlugin, when the instructor sets one)
    lowers the report's score exactly as it lowers the exported CSV's, and the report says so."""
    import csv

    from nbgrader.api import Gradebook

    from grader.instructor import course
    from grader.instructor.classgrade import format_report

    nbcycle.env_for_tests()
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {"01_neuron": source})
    nbcycle.generate(cdir, "01_neuron")
    nbcycle.submit(cdir, "01_neuron", {"late": source, "ontime": source}, tmp_path / "inbox")
    autograde_class(cdir, "01_neuron", jobs=2, mode="judge")
    with Gradebook(course.load_config(cdir).CourseDirectory.db_url, "nnkit") as gb:
        gb.find_submission_notebook("01_neuron", "01_neuron", "late").late_submission_penalty = 2.0
        gb.db.commit()
    report = class_report(cdir, "01_neuron")
    full = report["max_score"]
    assert report["totals"]["late"]["score"] == full - 2 and report["totals"]["late"]["late_penalty"] == 2
    assert report["totals"]["ontime"]["score"] == full
    assert "(late: -2)" in report["text"] and "（迟交：-2 分）" in format_report(report, "zh_CN")
    rows = {r["student_id"]: r for r in csv.DictReader(open(course.export_csv(cdir, tmp_path / "g.csv")))}
    assert float(rows["late"]["score"]) == report["totals"]["late"]["score"]


def _at(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_broken_metadata_is_repaired_and_graded_and_the_report_says_what(tmp_path):
    """A copy-pasted answer cell (the same grade id twice), a cell given a grade id of the student's,
    a test cell marked as an answer, an answer cell that lost its metadata, and a helper made by a
    call (np.float64, functools.partial): each graded as it ran, never NOT GRADED; a wrong answer in
    the copy that counts still loses its points."""
    import copy

    nbcycle.env_for_tests()
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {"01_neuron": source})
    nbcycle.generate(cdir, "01_neuron")
    dup = copy.deepcopy(source)
    dup.cells.insert(_at(dup, "sigmoid") + 1, copy.deepcopy(dup.cells[_at(dup, "sigmoid")]))
    dup_wrong = copy.deepcopy(dup)
    dup_wrong.cells[_at(dup, "sigmoid") + 1].source = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"
    unknown = copy.deepcopy(source)
    extra = copy.deepcopy(unknown.cells[_at(unknown, "sigmoid")])
    extra.metadata.nbgrader["grade_id"], extra.source = "my_extra", "x = 1"
    unknown.cells.append(extra)
    testsol = copy.deepcopy(source)
    testsol.cells[_at(testsol, "test_sigmoid")].metadata.nbgrader["solution"] = True
    lost = copy.deepcopy(source)
    lost.cells[_at(lost, "sigmoid")].metadata = {}
    helper = copy.deepcopy(source)
    helper.cells[_at(helper, "sigmoid")].source = "def sigmoid(z):\n    return 1 / (1 + exp_neg(-z * TWO / 2))\n"
    helper.cells.insert(_at(helper, "sigmoid"), nbformat.v4.new_code_cell(
        "import functools\nTWO = np.float64(2)\nexp_neg = functools.partial(np.exp)\nprint(TWO)"))
    subs = {"dup": dup, "dup_wrong": dup_wrong, "unknown": unknown, "testsol": testsol, "lost": lost, "helper": helper}
    nbcycle.submit(cdir, "01_neuron", subs, tmp_path / "inbox")
    report = class_report(cdir, "01_neuron", autograde_class(cdir, "01_neuron", jobs=2, mode="judge"))
    assert not report["not_graded"], report["text"]
    scores = nbcycle.scores(cdir, "01_neuron")
    for student in subs:
        lost_points = {k for k, v in scores[student].items() if not v}
        assert lost_points == ({"test_sigmoid"} if student == "dup_wrong" else set()), (student, lost_points)
    text = report["text"]
    assert "dup / 01_neuron: repaired: cell" in text and "a copy of a graded cell" in text
    assert "grade id 'my_extra' is not the assignment's" in text
    assert "(test_sigmoid): its solution flag was changed; set back as released" in text


def test_a_cell_that_prints_megabytes_is_cut_in_the_graded_notebook_and_the_feedback(tmp_path):
    """Full mode (the kernel runs the notebook): one print of 5 MB on a single line."""
    from grader.instructor import course

    nbcycle.env_for_tests()
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {"01_neuron": source})
    nbcycle.generate(cdir, "01_neuron")
    loud = nbcycle.with_cells(source, append=["print('x' * 5_000_000)"])
    nbcycle.submit(cdir, "01_neuron", {"loud": loud}, tmp_path / "inbox")
    autograde_class(cdir, "01_neuron", jobs=1)
    graded = cdir / "autograded" / "loud" / "01_neuron" / "01_neuron.ipynb"
    assert graded.stat().st_size < 500_000
    assert "more characters left out of the feedback" in graded.read_text()
    assert course.generate_feedback(cdir, "01_neuron")["success"]
    assert (cdir / "feedback" / "loud" / "01_neuron" / "01_neuron.html").stat().st_size < 1_500_000
    assert sum(nbcycle.scores(cdir, "01_neuron")["loud"].values()) == sum(nbcycle.POINTS.values())
