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
