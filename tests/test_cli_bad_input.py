"""The instructor's commands meet bad input calmly: one clear line on stderr, exit status 2, no
traceback, nothing half-written; and `release --exchange` works through nbgrader's real exchange."""

import os
import subprocess
import sys

import nbformat
import pytest

import nbcycle

A = "01_neuron"


@pytest.fixture(scope="module")
def cdir(tmp_path_factory):
    nbcycle.env_for_tests()
    tmp = tmp_path_factory.mktemp("cli")
    return nbcycle.make_course(tmp, {A: nbcycle.mini_notebook()})


def _cli(cdir, *args, env=None):
    return subprocess.run([sys.executable, "-m", "grader.cli", "--course", str(cdir), *args],
                          capture_output=True, text=True, timeout=300, env=env)


def _one_line_error(r, *words):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    err = r.stderr.strip()
    assert "Traceback" not in r.stderr + r.stdout and len(err.splitlines()) == 1, err
    for w in words:
        assert w in err, err


@pytest.mark.parametrize("args,words", [
    (["release", "99_nothing"], ["unknown assignment '99_nothing'", A]),
    (["feedback", "99_nothing"], ["unknown assignment '99_nothing'"]),
    (["autograde", "99_nothing"], ["unknown assignment '99_nothing'"]),
    (["report", "99_nothing"], ["unknown assignment '99_nothing'"]),
    (["collect", "99_nothing", "--from", "."], ["unknown assignment '99_nothing'"]),
    (["collect", A, "--from", "/no/such/folder"], ["--from /no/such/folder: no such folder"]),
    (["export", "--to", "/no/such/folder/grades.csv"], ["does not exist"]),
    (["judge", "/no/such/file.ipynb"], ["no such file"]),
])
def test_bad_input_gets_one_line(cdir, args, words):
    _one_line_error(_cli(cdir, *args), *words)


def test_a_folder_that_is_not_a_course(tmp_path):
    _one_line_error(_cli(tmp_path, "autograde", A), "is not a course folder")


@pytest.mark.parametrize("content", ["this is not json {", "", '{"cells": 3}'])
def test_judge_of_a_file_that_is_not_a_notebook(cdir, tmp_path, content):
    f = tmp_path / f"{A}.ipynb"
    f.write_text(content)
    _one_line_error(_cli(cdir, "judge", str(f)), "not a notebook")


def test_judge_reads_the_assignment_from_the_notebook_when_the_name_says_nothing(cdir, tmp_path):
    f = tmp_path / "my homework (final).ipynb"
    nbformat.write(nbcycle.mini_notebook(), f)
    r = _cli(cdir, "judge", str(f))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stdout + r.stderr
    assert r.stdout.count("PASS") == 4


def test_judge_of_a_notebook_of_no_assignment(cdir, tmp_path):
    f = tmp_path / "scratch.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), f)
    _one_line_error(_cli(cdir, "judge", str(f)), "cannot tell its assignment")


@pytest.mark.slow
def test_release_through_the_real_exchange(cdir, tmp_path):
    env = {**os.environ, "NNKIT_EXCHANGE": str(tmp_path / "exchange")}
    r = _cli(cdir, "release", A, "--exchange", env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "exchange" / "nnkit" / "outbound" / A / f"{A}.ipynb").is_file()
    listed = subprocess.run([os.path.join(os.path.dirname(sys.executable), "nbgrader"), "list",
                             f"--Exchange.root={tmp_path / 'exchange'}", "--CourseDirectory.course_id=nnkit"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert f"nnkit {A}" in listed.stdout + listed.stderr, listed.stdout + listed.stderr


@pytest.mark.slow
def test_a_notebook_that_could_not_be_graded_is_marked_in_the_export_never_a_silent_number(tmp_path):
    import csv

    nbcycle.env_for_tests()
    cdir = nbcycle.make_course(tmp_path, {A: nbcycle.mini_notebook()})
    nbcycle.generate(cdir, A)
    inbox = tmp_path / "inbox"
    (inbox / "alice" / A).mkdir(parents=True)
    nbformat.write(nbcycle.mini_notebook(), inbox / "alice" / A / f"{A}.ipynb")
    (inbox / "bob" / A).mkdir(parents=True)
    (inbox / "bob" / A / f"{A}.ipynb").write_text("{ this is not json")
    assert _cli(cdir, "collect", A, "--from", str(inbox)).returncode == 0
    graded = _cli(cdir, "autograde", A, "--jobs", "1")
    assert graded.returncode == 0 and "bob" in graded.stdout.split("Could not be graded")[1]
    out = tmp_path / "grades.csv"
    assert _cli(cdir, "export", "--to", str(out)).returncode == 0
    rows = {r["student_id"]: r for r in csv.DictReader(out.open())}
    assert rows["alice"]["status"] == "graded" and float(rows["alice"]["score"]) == 5.0
    assert rows["bob"]["status"].startswith("NOT GRADED") and rows["bob"]["score"] == ""
    report = _cli(cdir, "report", A)                 # the report, later, still says so
    assert "bob" in report.stdout.split("Could not be graded")[1]


@pytest.mark.parametrize("student", ["*", "bo?", "[ab]c"])
def test_a_student_id_is_literal_never_a_pattern(cdir, student):
    _one_line_error(_cli(cdir, "autograde", A, "--student", student), "not a student id")


def test_collect_refuses_folder_names_that_nbgrader_would_read_as_patterns(tmp_path):
    nbcycle.env_for_tests()
    cdir = nbcycle.make_course(tmp_path, {A: nbcycle.mini_notebook()})
    inbox = tmp_path / "inbox"
    for name in ("alice", "*", "bo?"):
        (inbox / name / A).mkdir(parents=True)
        nbformat.write(nbcycle.mini_notebook(), inbox / name / A / f"{A}.ipynb")
    r = _cli(cdir, "collect", A, "--from", str(inbox))
    assert r.returncode == 0 and "collected 1 submissions of 01_neuron: alice" in r.stdout
    assert "skipped, *: 01_neuron: '*' is not a usable student id" in r.stdout
    assert sorted(p.name for p in (cdir / "submitted").iterdir()) == ["alice"]


def test_an_unknown_grading_mode_is_one_line(capsys, monkeypatch):
    from grader.autograde.judge_cells import grade_mode
    from grader.cli import main

    assert grade_mode(None) == "full" and grade_mode("judge") == "judge-only"
    monkeypatch.setenv("NNKIT_GRADE_MODE", "bogus")
    assert main(["autograde", "01_neuron"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "NNKIT_GRADE_MODE='bogus' is not a grading mode" in err[0]
