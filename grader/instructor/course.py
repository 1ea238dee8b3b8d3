"""The nbgrader course folder: its paths, its configuration, and nbgrader's API on it.

Every instructor command works on one course folder (``course/`` of the repository by default, or
the one given with ``--course``), in nbgrader's layout: ``source/`` (committed), and the generated
``release/``, ``submitted/``, ``autograded/``, ``feedback/``, ``gradebook.db`` and ``reports/``.
"""

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from grader.check.i18n import N_, language, notebook_metadata_language, tr
from grader.safecopy import copy_submission

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_COURSE = ROOT / "course"


def ensure_path():
    """nbgrader runs ``alembic`` and ``jupyter`` as programs: put this Python's bin folder first."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])


def load_config(course_dir):
    """The traitlets config of ``course_dir/nbgrader_config.py``, with the folder as its root."""
    from traitlets.config.loader import PyFileConfigLoader

    course_dir = Path(course_dir).resolve()
    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course_dir)).load_config()
    cfg.CourseDirectory.root = str(course_dir)
    cfg.CourseDirectory.db_url = f"sqlite:///{course_dir / 'gradebook.db'}?timeout=120"
    cfg.JudgeCells.report_dir = str(course_dir / "reports")
    return cfg


def hidden_seed(course_dir):
    """The grading seed of the hidden cases that ``course_dir``'s configuration sets (None if none)."""
    try:
        seed = load_config(course_dir).JudgeCells.hidden_seed
    except Exception:  # noqa: BLE001 - no readable configuration: the published cases
        return None
    return seed if isinstance(seed, int) else None


def quiet_gradebook():
    """nbgrader 0.9's gradebook models trip SQLAlchemy 2's relationship-overlap ``SAWarning`` on
    every query; they say nothing about the grading and would bury the progress bar and report."""
    import warnings

    try:
        from sqlalchemy.exc import SAWarning
    except ImportError:
        return
    warnings.filterwarnings("ignore", category=SAWarning)


def api(course_dir):
    """An ``NbGraderAPI`` on ``course_dir``, quiet."""
    import logging

    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    ensure_path()
    quiet_gradebook()
    cfg = load_config(course_dir)
    coursedir = CourseDirectory(config=cfg)
    a = NbGraderAPI(coursedir=coursedir, config=cfg)
    a.log.setLevel(logging.ERROR)
    return a


def assignments(course_dir):
    """The assignments of the course: the folders of ``source/`` that hold a notebook."""
    src = Path(course_dir) / "source"
    return sorted(p.name for p in src.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def students(course_dir, assignment):
    sub = Path(course_dir) / "submitted"
    if not sub.is_dir():
        return []
    return sorted(p.name for p in sub.iterdir() if (p / assignment).is_dir())


def valid_student_id(name):
    """Whether ``name`` can be a student id: nbgrader takes ids as glob patterns, so ``*`` or ``bo?``
    would regrade every student, or another one."""
    import re

    return bool(re.fullmatch(r"[A-Za-z0-9_@+\-][A-Za-z0-9_.@+\-]*", name))


def collect_from(course_dir, assignment, folder):
    """Copy ``folder/<student>/<assignment>/`` into ``submitted/``, as ``nbgrader collect`` would.

    Only regular files and folders are copied (:func:`grader.safecopy.copy_submission`): links and
    special files are skipped, and the total size is capped. The submission time is the collector's
    own clock: a ``timestamp.txt`` that the student left is replaced. What was skipped, per student,
    goes to ``reports/<assignment>.collect.json`` for the class report.

    Returns
    -------
    (list of str, dict of str to list of str)
        The students collected, and the skipped entries of each (one line each).
    """
    folder = Path(folder)
    got, skipped = [], {}
    for sdir in sorted(folder.iterdir(), key=lambda p: p.name):
        sub = sdir / assignment
        if not (sdir.is_dir() and sub.is_dir()):
            continue
        if not valid_student_id(sdir.name):
            skipped[sdir.name] = [f"{assignment}: {sdir.name!r} is not a usable student id (letters, digits, "
                                  "'.', '_', '-', '@' and '+' only; nbgrader reads * ? [ ] as patterns): not collected"]
            continue
        if sdir.is_symlink() or sub.is_symlink():
            skipped[sdir.name] = [f"{assignment}: the submission folder is a symbolic link: not collected"]
            continue
        dest = Path(course_dir) / "submitted" / sdir.name / assignment
        if dest.exists():
            shutil.rmtree(dest)
        lost = copy_submission(sub, dest)
        (dest / "timestamp.txt").write_text(time.strftime("%Y-%m-%d %H:%M:%S.000000 UTC", time.gmtime()))
        if lost:
            skipped[sdir.name] = [f"{path}: {why}" for path, why in lost]
        got.append(sdir.name)
    write_collect_notes(course_dir, assignment, skipped)
    return got, skipped


def write_collect_notes(course_dir, assignment, skipped):
    """Record what collecting ``assignment`` skipped, per student (read by the class report)."""
    reports = Path(course_dir) / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    (reports / f"{assignment}.collect.json").write_text(json.dumps(skipped, indent=1, sort_keys=True))


def collect_notes(course_dir, assignment):
    """{student: [skipped entry, ...]} of the last collection of ``assignment`` (empty if none)."""
    try:
        data = json.loads((Path(course_dir) / "reports" / f"{assignment}.collect.json").read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def failures_file(course_dir, assignment):
    """Where autograde keeps the students whose last grading of ``assignment`` failed."""
    return Path(course_dir) / "reports" / f"{assignment}.not-graded.json"


def failed_students(course_dir, assignment):
    """{student: why} of the notebooks of ``assignment`` whose last autograde failed."""
    try:
        data = json.loads(failures_file(course_dir, assignment).read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def export_csv(course_dir, to):
    """Write the gradebook of ``course_dir`` as CSV to ``to`` (nbgrader export); the path written.

    nbgrader's columns, and one more, ``status``: ``graded``, ``no submission``, or ``NOT GRADED:
    <why>``. A notebook whose last autograde failed has empty scores, never a silent 0 or an old
    score: its row says why.
    """
    import csv

    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    cfg = load_config(course_dir)
    with Gradebook(cfg.CourseDirectory.db_url, "nnkit") as gb:
        CsvExportPlugin(to=str(to)).export(gb)
    with open(to, newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0].keys()) if rows else ["assignment", "student_id", "raw_score", "score", "max_score"]
    failed = {}
    for row in rows:
        a, s = row.get("assignment"), row.get("student_id")
        if a not in failed:
            failed[a] = failed_students(course_dir, a)
        if s in failed[a]:
            for k in ("raw_score", "late_submission_penalty", "score"):
                if k in row:
                    row[k] = ""
            row["status"] = f"NOT GRADED: {failed[a][s]}"
        elif not row.get("timestamp") and not (Path(course_dir) / "submitted" / s / a).is_dir():
            row["status"] = "no submission"
        else:
            row["status"] = "graded"
    with open(to, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=[*fields, "status"])
        w.writeheader()
        w.writerows(rows)
    return Path(to)


#: nbgrader's feedback page's own words (its template, nbgrader 0.9), each as (pattern, English template)
_FEEDBACK_WORDS = (
    (r"\(Score: (?P<score>[-0-9.]+) / (?P<max>[0-9.]+)\)", N_("(Score: {score} / {max})")),
    (r"Score: (?P<score>[-0-9.]+) / (?P<max>[0-9.]+)", N_("Score: {score} / {max}")),
    (r"Late submission penalty \(Score: -(?P<penalty>[0-9.]+)\)", N_("Late submission penalty (Score: -{penalty})")),
    (r">Test cell<", N_(">Test cell<")),
    (r">Comment<", N_(">Comment<")),
    (r">\(Top\)<", N_(">(Top)<")),
    (r">Student's answer<", N_(">Student's answer<")),
    (r"Grade cell: <code>", N_("Grade cell: <code>")),
    (r"<b>Comments:</b>", N_("<b>Comments:</b>")),
)


def localize_feedback(html, lang):
    """A feedback page of nbgrader's template with its own words (scores, headings, links) in
    ``lang``; the notebook's text and the verdicts are in it already, in the notebook's language."""
    if not lang or lang == "en":
        return html
    with language(lang):
        for pattern, english in _FEEDBACK_WORDS:
            html = re.sub(pattern, lambda m, e=english: tr(e, **m.groupdict()), html)
    return re.sub(r'<html lang="en"', f'<html lang="{lang.replace("_", "-")}"', html, count=1)


def generate_feedback(course_dir, assignment, student=None):
    """nbgrader's feedback of ``assignment`` (one ``student``, or all), each page's own words in the
    language of its notebook; nbgrader's result (``success``, ``log``)."""
    result = api(course_dir).generate_feedback(assignment, student, force=True)
    root = Path(course_dir)
    for page in (root / "feedback").glob(f"{student or '*'}/{assignment}/*.html"):
        graded = root / "autograded" / page.parent.parent.name / assignment / f"{page.stem}.ipynb"
        lang = notebook_metadata_language(graded)
        if lang:
            page.write_text(localize_feedback(page.read_text(encoding="utf-8"), lang), encoding="utf-8")
    return result
