"""Collecting submissions never follows a link out of a submission (issue: symlinks, FIFOs, forged times).

Each attack goes through the instructor's real commands (``nnkit-grade collect --from``,
``autograde``, ``feedback``) with a canary file that must never reach ``submitted/``, ``autograded/``
or ``feedback/``; the students after the attacker are collected and graded as usual.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import nbcycle
from grader.safecopy import copy_submission

A = "01_neuron"
CANARY = "CANARY-7f3e-instructor-secret"


def _cli(cdir, *args, timeout=600):
    return subprocess.run([sys.executable, "-m", "grader.cli", "--course", str(cdir), *args],
                          capture_output=True, text=True, timeout=timeout)


def _tree_text(folder):
    out = []
    for p in Path(folder).rglob("*"):
        if p.is_file() and not p.is_symlink():
            out.append(p.read_text(errors="replace"))
    return "\n".join(out)


def test_copy_submission_copies_regular_files_and_skips_links_and_special_files(tmp_path):
    src, dest = tmp_path / "src", tmp_path / "dest"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("a")
    (src / "sub" / "b.txt").write_text("b")
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY)
    (src / "link.txt").symlink_to(secret)
    (src / "dangling").symlink_to(tmp_path / "nowhere")
    (src / "zero").symlink_to("/dev/zero")
    (src / "dirlink").symlink_to(tmp_path)
    os.mkfifo(src / "fifo")
    skipped = dict(copy_submission(src, dest))
    assert (dest / "a.txt").read_text() == "a" and (dest / "sub" / "b.txt").read_text() == "b"
    assert set(skipped) == {"link.txt", "dangling", "zero", "dirlink", "fifo"}
    assert "symbolic link" in skipped["link.txt"] and "FIFO" in skipped["fifo"]
    assert not any(p.is_symlink() for p in dest.rglob("*"))
    assert CANARY not in _tree_text(dest)


def test_copy_submission_caps_the_total_size(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "big1").write_bytes(b"x" * 600)
    (src / "big2").write_bytes(b"y" * 600)
    skipped = dict(copy_submission(src, tmp_path / "dest", max_bytes=1000))
    assert (tmp_path / "dest" / "big1").stat().st_size == 600
    assert "size limit" in skipped["big2"] and not (tmp_path / "dest" / "big2").exists()


def test_copy_submission_of_a_link_copies_nothing(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "x").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    skipped = copy_submission(tmp_path / "link", tmp_path / "dest")
    assert skipped and "symbolic link" in skipped[0][1] and not (tmp_path / "dest").exists()


@pytest.fixture(scope="module")
def attacked_class(tmp_path_factory):
    """A class of five through collect --from, autograde and feedback: three attackers, two honest."""
    nbcycle.env_for_tests()
    tmp = tmp_path_factory.mktemp("attack")
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp, {A: source})
    release = nbcycle.generate(cdir, A)
    secret = tmp / "canary.txt"
    secret.write_text(CANARY)
    inbox = tmp / "inbox"
    for student, nb in {"alice": source, "zed": release}.items():
        (inbox / student / A).mkdir(parents=True)
        nbformat.write(nb, inbox / student / A / f"{A}.ipynb")
    # mallory: her notebook is a link to the instructor's source notebook, plus a canary link
    m = inbox / "mallory" / A
    m.mkdir(parents=True)
    (m / f"{A}.ipynb").symlink_to(cdir / "source" / A / f"{A}.ipynb")
    (m / "notes.txt").symlink_to(secret)
    (m / "zero.bin").symlink_to("/dev/zero")
    # bob: a relative link to alice's work, a dangling link and a FIFO (a careless student)
    b = inbox / "bob" / A
    b.mkdir(parents=True)
    (b / f"{A}.ipynb").symlink_to(Path("..") / ".." / "alice" / A / f"{A}.ipynb")
    (b / "gone").symlink_to(tmp / "nowhere")
    os.mkfifo(b / "pipe")
    # carol: an honest blank notebook but a forged submission time, and her folder is fine
    c = inbox / "carol" / A
    c.mkdir(parents=True)
    nbformat.write(release, c / f"{A}.ipynb")
    (c / "timestamp.txt").write_text("2020-01-01 00:00:00.000000 UTC")
    # trudy: the whole assignment folder is a link to alice's
    (inbox / "trudy").mkdir()
    (inbox / "trudy" / A).symlink_to(inbox / "alice" / A)
    collected = _cli(cdir, "collect", A, "--from", str(inbox), timeout=120)
    graded = _cli(cdir, "autograde", A, "--jobs", "2")
    feedback = _cli(cdir, "feedback", A)
    return cdir, collected, graded, feedback


@pytest.mark.slow
def test_collect_goes_on_and_says_what_it_skipped(attacked_class):
    cdir, collected, _, _ = attacked_class
    assert collected.returncode == 0, collected.stderr
    assert "Traceback" not in collected.stdout + collected.stderr
    out = collected.stdout
    for student in ("alice", "bob", "carol", "mallory", "zed"):
        assert student in out.splitlines()[0]
    assert "skipped, mallory: 01_neuron.ipynb: is a symbolic link" in out
    assert "skipped, bob: pipe: is a FIFO" in out
    assert "skipped, trudy: 01_neuron: the submission folder is a symbolic link" in out
    sub = cdir / "submitted"
    assert not (sub / "trudy").exists()
    assert not any(p.is_symlink() for p in sub.rglob("*"))


@pytest.mark.slow
def test_no_canary_and_no_solution_leaks_into_any_generated_folder(attacked_class):
    cdir, *_ = attacked_class
    for folder in ("submitted", "autograded", "feedback"):
        text = _tree_text(cdir / folder)
        assert CANARY not in text, folder
    for student in ("mallory", "bob"):
        assert not (cdir / "submitted" / student / A / f"{A}.ipynb").exists()
        assert not (cdir / "feedback" / student).exists() or "BEGIN SOLUTION" not in _tree_text(cdir / "feedback" / student)


@pytest.mark.slow
def test_the_class_is_graded_and_the_report_names_the_skipped_files(attacked_class):
    cdir, _, graded, feedback = attacked_class
    assert graded.returncode == 0, graded.stderr[-2000:]
    assert feedback.returncode == 0, feedback.stderr[-2000:]
    scores = nbcycle.scores(cdir, A)
    assert sum(scores["alice"].values()) == sum(nbcycle.POINTS.values())
    assert sum(scores["zed"].values()) == 0 and sum(scores["carol"].values()) == 0
    assert "mallory" not in scores or sum(scores["mallory"].values()) == 0
    assert "mallory: not collected: 01_neuron.ipynb: is a symbolic link" in graded.stdout
    assert "bob: not collected: pipe: is a FIFO" in graded.stdout


@pytest.mark.slow
def test_the_submission_time_is_the_collector_s_not_the_student_s(attacked_class):
    cdir, *_ = attacked_class
    stamp = (cdir / "submitted" / "carol" / A / "timestamp.txt").read_text()
    assert not stamp.startswith("2020"), stamp
    assert json.loads((cdir / "reports" / f"{A}.collect.json").read_text())["bob"]


@pytest.mark.slow
def test_feedback_html_runs_nothing_a_submission_put_in_it(tmp_path):
    """Stored script injection: <script> in markdown, display(HTML(...)), Javascript(...) outputs."""
    import nbformat as nbf

    nbcycle.env_for_tests()
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {A: source})
    nbcycle.generate(cdir, A)
    evil = nbcycle.with_cells(source, replace=None)
    evil.cells.append(nbf.v4.new_markdown_cell("Hi <script>window.PWNED_MD = 1</script> <img src=x onerror=\"window.PWNED_IMG=1\">"))
    evil.cells.append(nbf.v4.new_code_cell(
        "from IPython.display import HTML, Javascript, display\n"
        "display(HTML('<script>window.PWNED_HTML = 1</script><b>bold</b>'))\n"
        "display(Javascript('window.PWNED_JS = 1'))"))
    inbox = tmp_path / "inbox" / "eve" / A
    inbox.mkdir(parents=True)
    nbf.write(evil, inbox / f"{A}.ipynb")
    assert _cli(cdir, "collect", A, "--from", str(tmp_path / "inbox")).returncode == 0
    assert _cli(cdir, "autograde", A, "--jobs", "1").returncode == 0
    r = _cli(cdir, "feedback", A)
    assert r.returncode == 0, r.stderr[-2000:]
    html = (cdir / "feedback" / "eve" / A / f"{A}.html").read_text()
    for marker in ("PWNED_MD", "PWNED_IMG", "PWNED_HTML", "PWNED_JS"):
        i = html.find(marker)
        while i != -1:   # a marker may stay as escaped text, never inside a script or an attribute
            before = html[max(0, i - 200):i]
            assert before.rfind("<script") <= before.rfind("</script>") and "onerror=" not in before[-40:], (
                marker, html[max(0, i - 200):i + 50])
            i = html.find(marker, i + 1)
    assert "<b>bold</b>" in html or "bold" in html


def test_copy_submission_of_a_very_deep_tree_skips_it_and_goes_on(tmp_path):
    src = tmp_path / "src"
    deep = src
    for _ in range(200):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("x")
    (src / "a.txt").write_text("a")
    skipped = copy_submission(src, tmp_path / "dest")
    assert (tmp_path / "dest" / "a.txt").read_text() == "a"
    assert len(skipped) == 1 and "nested more than" in skipped[0][1]


def test_copy_submission_leaves_out_what_ignore_names(tmp_path):
    """nbgrader's ignore patterns (as the course's submit uses them): left out silently, the rest copied."""
    import shutil

    from grader.safecopy import copy_submission

    src = tmp_path / "src"
    (src / ".ipynb_checkpoints").mkdir(parents=True)
    (src / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{}")
    (src / "a.ipynb").write_text("{}")
    (src / "notes.pyc").write_text("x")
    skipped = copy_submission(src, tmp_path / "dest", ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.pyc"))
    assert skipped == []
    assert sorted(p.name for p in (tmp_path / "dest").rglob("*")) == ["a.ipynb"]


def test_feedback_keeps_the_maths_of_markdown_and_still_strips_markup():
    from grader.autograde.sanitize import clean_markdown

    maths = r"for $z > 0$ and $a < b$: $\begin{cases} z & z > 0 \\ 0 & z \le 0 \end{cases}$, **bold**"
    assert clean_markdown(maths) == maths
    for evil in ("Hi <script>window.PWNED=1</script>", '<img src=x onerror="PWNED=1">',
                 "&lt;script&gt;x&lt;/script&gt;", "$z > 0$ <iframe src=x></iframe>"):
        out = clean_markdown(evil)
        assert "<script" not in out and "onerror" not in out and "<iframe" not in out, out
