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
