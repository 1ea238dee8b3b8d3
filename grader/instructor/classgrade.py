"""Autograde a whole class in parallel, and the class report.

``autograde_class`` runs nbgrader's own ``autograde`` (through ``NbGraderAPI``, so every configured
preprocessor, the judge included, runs exactly as with ``nbgrader autograde``) for each student, on
``jobs`` worker processes (all cores by default). Each worker imports nbgrader once and grades many
students; the gradebook is SQLite, opened with a long lock timeout so concurrent writers wait for
each other instead of failing.

``class_report`` reads the gradebook and the judge's verdicts (``reports/<assignment>/*.json``) and
says: the total of every student; every notebook that could not be graded, and why (never a silent
0); notebooks whose kernel died or hit a limit; the pass rate of every graded function; the most
frequent named mistakes.
"""

import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from grader.check.i18n import language, tr
from grader.instructor import course

_API = None


@dataclass
class Result:
    student: str
    success: bool
    seconds: float
    error: str = ""
    assignment: str = ""


def _init_worker(course_dir, mode):
    global _API
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if mode:
        os.environ["NNKIT_GRADE_MODE"] = mode  # read by the course's configuration, loaded just below
    _API = course.api(course_dir)


def _grade_one(assignment, student):
    t = time.monotonic()
    try:
        r = _API.autograde(assignment, student, force=True, create=True)
    except Exception as e:  # noqa: BLE001 - one student's failure never stops the class
        why = submission_problem(_API.coursedir.root, assignment, student)
        return Result(student, False, time.monotonic() - t, why or f"{type(e).__name__}: {e}", assignment)
    err = "" if r.get("success") else (submission_problem(_API.coursedir.root, assignment, student)
                                       or _first_error(r.get("error") or r.get("log") or ""))
    return Result(student, bool(r.get("success")), time.monotonic() - t, err, assignment)


def submission_problem(course_dir, assignment, student):
    """What is wrong with a submission that nbgrader could not grade, in one line, or None: a
    notebook missing (and what was handed in instead, such as ``01_neuron-Copy1.ipynb``), empty,
    not JSON, or not a notebook."""
    import nbformat

    folder = Path(course_dir) / "submitted" / student / assignment
    expected = sorted(p.name for p in (Path(course_dir) / "source" / assignment).glob("*.ipynb"))
    handed_in = sorted(p.name for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    for name in expected:
        path = folder / name
        if not path.is_file():
            others = [n for n in handed_in if n not in expected]
            return (f"no {name} in the submission" + (f" (it holds {', '.join(others)}: rename it to {name})"
                                                      if others else ""))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            return f"{name} cannot be read as text ({type(e).__name__})"
        if not text.strip():
            return f"{name} is an empty file, not a notebook"
        try:
            json.loads(text)
        except ValueError as e:
            return f"{name} is not a notebook: not valid JSON ({e.msg} at line {e.lineno})"
        try:
            nbformat.validate(nbformat.reads(text, as_version=4))
        except Exception as e:  # noqa: BLE001 - any way of not being a notebook
            return f"{name} is not a valid notebook ({type(e).__name__}: {str(e).splitlines()[0][:120]})"
    return None


def _first_error(text):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "Error" in ln or "error" in ln:
            return ln[:300]
    return (lines[-1] if lines else "unknown error")[:300]


def progress_line(done, total, width=30):
    filled = int(width * done / total) if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def autograde_class(course_dir, assignment, students=None, jobs=None, out=sys.stderr, mode=None):
    """Autograde ``assignment`` for ``students`` (default: every submission) on ``jobs`` processes;
    ``mode``: ``"full"`` or ``"judge"`` (judge only, no kernel), default ``NNKIT_GRADE_MODE`` or full."""
    return autograde_assignments(course_dir, [assignment], students, jobs, out, mode)


def autograde_assignments(course_dir, assignments, students=None, jobs=None, out=sys.stderr, mode=None):
    """Autograde every submission of each of ``assignments`` (of ``students`` only, where given) on
    one pool of ``jobs`` processes, as :func:`autograde_class` does for one."""
    course.ensure_path()
    pairs, bad = [], []
    for assignment in assignments:
        handed_in = course.students(course_dir, assignment)
        for s in (handed_in if students is None else [s for s in students if s in handed_in or len(assignments) == 1]):
            if course.valid_student_id(s):
                pairs.append((assignment, s))
            else:
                bad.append(Result(s, False, 0.0, "not a usable student id (nbgrader reads * ? [ ] as patterns): "
                                  "not graded", assignment))
    results = autograde_many(course_dir, pairs, jobs, out, mode) + bad
    return sorted(results, key=lambda r: (r.assignment, r.student))


def default_jobs():
    """One grading process more than the machine has cores: a process often waits (for its judge's
    worker, or for the gradebook), and the extra one keeps every core busy (on 2 cores, a class is
    graded in about 13 % less time with 3 processes than with 2: benchmarks/bench_grading.py --class)."""
    return (os.cpu_count() or 1) + 1


def autograde_many(course_dir, pairs, jobs=None, out=sys.stderr, mode=None):
    """Autograde every ``(assignment, student)`` of ``pairs`` on one pool of ``jobs`` processes (by
    default :func:`default_jobs`), with a progress bar on ``out``; the results sorted by assignment and student.
    ``mode``: as for :func:`autograde_class`."""
    course.ensure_path()
    pairs = list(pairs)
    jobs = max(1, min(jobs or default_jobs(), len(pairs) or 1))
    results = []
    if not pairs:
        return results
    tty = hasattr(out, "isatty") and out.isatty()
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_init_worker,
                             initargs=(str(course_dir), mode)) as pool:
        futures = {pool.submit(_grade_one, a, s): (a, s) for a, s in pairs}
        for fut in as_completed(futures):
            a, s = futures[fut]
            try:
                r = fut.result()
            except Exception as e:  # a worker process that died
                r = Result(s, False, 0.0, f"grading process failed: {e}", a)
            results.append(r)
            status = "ok" if r.success else "NOT GRADED"
            line = f"{progress_line(len(results), len(pairs))} {a} {r.student}: {status} ({r.seconds:.1f} s)"
            print(("\r" + line + "\x1b[K") if tty else line, file=out, end="" if tty else "\n", flush=True)
    if tty:
        print(file=out)
    _record_failures(course_dir, results)
    return sorted(results, key=lambda r: (r.assignment, r.student))


def _record_failures(course_dir, results):
    """Keep, per assignment, the students whose last autograde failed (and why), for the report and
    the export: a failed regrade must never leave an old score looking current."""
    for assignment in {r.assignment for r in results}:
        path = course.failures_file(course_dir, assignment)
        failed = course.failed_students(course_dir, assignment)
        for r in results:
            if r.assignment == assignment:
                if r.success:
                    failed.pop(r.student, None)
                else:
                    failed[r.student] = r.error or "autograde failed"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(failed, indent=1, sort_keys=True))


# --------------------------------------------------------------------------------------------------
# The report


def _verdicts(course_dir, assignment):
    folder = Path(course_dir) / "reports" / assignment
    out = {}
    for p in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            data = json.loads(p.read_text())
        except (OSError, ValueError):
            continue
        out[(data.get("student"), data.get("notebook"))] = data
    return out


def class_report(course_dir, assignment, results=None):
    """The class report as a dict (``text`` holds it formatted for a terminal)."""
    from nbgrader.api import Gradebook, MissingEntry

    cfg = course.load_config(course_dir)
    results = {r.student: r for r in (results or [])}
    failed_before = course.failed_students(course_dir, assignment)
    submitted = course.students(course_dir, assignment)
    verdicts = _verdicts(course_dir, assignment)
    totals, not_graded, notes = {}, {}, []
    with Gradebook(cfg.CourseDirectory.db_url, "nnkit") as gb:
        try:
            max_score = gb.find_assignment(assignment).max_score
        except MissingEntry:
            max_score = 0.0
        for s in submitted:
            r = results.get(s)
            if r is not None and not r.success:
                not_graded[s] = r.error or "autograde failed"
                continue
            if r is None and s in failed_before:
                not_graded[s] = failed_before[s]
                continue
            try:
                sub = gb.find_submission(assignment, s)
                penalty = float(sub.late_submission_penalty or 0.0)
                # the score after the late penalty, as nbgrader's CSV export computes it
                totals[s] = (max(0.0, sub.score - penalty), sub.max_score, penalty)
            except MissingEntry:
                not_graded[s] = "no grades in the gradebook (not autograded yet?)"
                continue
            if not any(k[0] == s for k in verdicts):
                not_graded.setdefault(s, "the judge left no verdicts")
                totals.pop(s, None)
    unboxed = sorted({s for (s, _), data in verdicts.items()
                      if any("without a sandbox" in n for n in data.get("notes", []))})
    judge_only = sorted({s for (s, _), data in verdicts.items()
                         if data.get("mode") == "judge-only" and s in totals})
    for student, lines in sorted(course.collect_notes(course_dir, assignment).items()):
        notes += [f"{student}: not collected: {line}" for line in lines]
    passes, tries, mistakes = Counter(), Counter(), Counter()
    for (student, notebook), data in verdicts.items():
        if student in not_graded:
            continue
        for n in data.get("notes", []):
            notes.append(f"{student} / {notebook}: {n}")
        for name, v in data.get("verdicts", {}).items():
            tries[name] += 1
            passes[name] += bool(v.get("passed"))
            if v.get("mistake"):
                mistakes[(name, v["mistake"])] += 1
    report = {
        "assignment": assignment,
        "max_score": max_score,
        "totals": {s: {"score": a, "max": b, "late_penalty": p} for s, (a, b, p) in totals.items()},
        "not_graded": not_graded,
        "notes": notes,
        "pass_rate": {n: {"passed": passes[n], "of": tries[n]} for n in tries},
        "mistakes": [{"function": f, "mistake": m, "count": c} for (f, m), c in mistakes.most_common(10)],
        "unsandboxed": unboxed,
        "judge_only": judge_only,
    }
    report["text"] = format_report(report)
    return report


def format_report(r, lang=None):
    """The class report as text, in ``lang`` (the headings, and the mistakes' names; the notes and
    reasons stay as the tools wrote them)."""
    with language(lang):
        return _format_report(r)


def _format_report(r):
    lines = [tr("Class report: {assignment} ({graded} graded, {not_graded} not graded)", assignment=r["assignment"],
                graded=len(r["totals"]), not_graded=len(r["not_graded"])), ""]
    if r.get("unsandboxed"):
        lines += [tr("WARNING: {n} notebook(s) were graded WITHOUT the sandbox: students' code ran with your rights "
                     "and could reach the reference. Install bubblewrap (python -m grader.sandbox --install) and "
                     "grade again.", n=len(r["unsandboxed"])), ""]
    judge_only = set(r.get("judge_only", ()))
    if judge_only:
        lines += [tr("Graded in judge-only mode: {n} of {total} (no kernel ran the notebook; the scores are the "
                     "judge's, as always; the feedback shows the student's own outputs).", n=len(judge_only),
                     total=len(r["totals"])), ""]
    if r["totals"]:
        student, score = tr("student"), tr("score")
        width = max(12, *(len(s) for s in r["totals"]))
        lines.append(f"  {student:<{width}}  {score}")
        for s, t in sorted(r["totals"].items()):
            mark = ("   " + tr("(judge only)")) if judge_only and s in judge_only and len(judge_only) < len(r["totals"]) \
                else ""
            late = ("   " + tr("(late: -{penalty:g})", penalty=t["late_penalty"])) if t.get("late_penalty") else ""
            lines.append(f"  {s:<{width}}  {t['score']:g} / {t['max']:g}{late}{mark}")
    if r["not_graded"]:
        lines += ["", tr("Could not be graded (not scored; look at these by hand):")]
        lines += [f"  {s}: {why}" for s, why in sorted(r["not_graded"].items())]
    if r["notes"]:
        lines += ["", tr("Notes from collecting and grading (files skipped, limits hit, cells left out):")]
        lines += [f"  {n}" for n in r["notes"]]
    if r["pass_rate"]:
        lines += ["", tr("Pass rate per graded function or question:")]
        for n, p in r["pass_rate"].items():
            pct = 100 * p["passed"] / p["of"] if p["of"] else 0
            lines.append(f"  {n:<34} {p['passed']:>3}/{p['of']:<3} {pct:5.0f}%")
    if r["mistakes"]:
        lines += ["", tr("Most frequent named mistakes:")]
        lines += [f"  {m['count']:>3} x {m['function']}: {tr(m['mistake'])}" for m in r["mistakes"]]
    return "\n".join(lines)
