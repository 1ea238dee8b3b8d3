"""``nnkit-grade``: the instructor's commands, each a thin wrapper around nbgrader.

    nnkit-grade release   [ASSIGNMENT ...]   generate the student version (nbgrader generate_assignment)
                                             and, with --exchange, release it (nbgrader release_assignment)
    nnkit-grade collect   ASSIGNMENT [--from DIR]
                                             nbgrader collect, or copy DIR/<student>/<assignment>/*.ipynb
    nnkit-grade autograde ASSIGNMENT [ASSIGNMENT ...] | --all [--jobs N] [--student S ...] [--judge-only]
                                             nbgrader autograde for the class, on every core, then the report;
                                             --judge-only: no kernel run (same scores, faster)
    nnkit-grade feedback  ASSIGNMENT [--release]
                                             nbgrader generate_feedback (hidden tests removed)
    nnkit-grade export    [--to grades.csv]  nbgrader export (CSV)
    nnkit-grade report    ASSIGNMENT         the class report
    nnkit-grade judge     NOTEBOOK.ipynb [--sandbox auto|on|off]
                                             judge one notebook file (no gradebook), print the verdicts;
                                             its code runs in the sandbox (grader.sandbox)
    nnkit-grade demo      [--out DIR]        the whole cycle on sample submissions
    nnkit-grade figures   [--out DIR] [ASSIGNMENT ...]
                                             run the source notebooks, write every figure as PNG
    nnkit-grade workspace [--dir DIR] [ASSIGNMENT ...]
                                             a self-learner's student notebooks in DIR (default my-work/),
                                             made once: a notebook already there is never overwritten

``--course DIR`` selects the course folder (default: ``course/`` of the repository).
"""

import argparse
import json
import os
import sys
from pathlib import Path

import nbformat

from grader.instructor import course
from grader.instructor.course import collect_from, export_csv
from grader.instructor.classgrade import autograde_assignments, class_report, format_report


class UsageError(Exception):
    """Bad input to a command: printed as one line, exit status 2, nothing written."""


def _api(args):
    return course.api(args.course)


def _known(args, assignment):
    """``assignment``, after checking that the course has it (one clear line otherwise)."""
    known = course.assignments(args.course)
    if assignment not in known:
        raise UsageError(f"unknown assignment {assignment!r}: the course {args.course} has "
                         f"{', '.join(known) or 'no assignment in source/'}")
    return assignment


def _check_course(args):
    cdir = Path(args.course)
    if not (cdir / "nbgrader_config.py").is_file() or not (cdir / "source").is_dir():
        raise UsageError(f"{cdir} is not a course folder (it needs nbgrader_config.py and source/)")


def _assignment_of(nb, path, known):
    """The assignment a notebook belongs to: its file name, else the Checker(...) of its setup cell."""
    import re

    if path.stem in known:
        return path.stem
    for cell in nb.cells:
        m = re.search(r"Checker\(\s*[\"']([0-9A-Za-z_]+)[\"']", cell.get("source", ""))
        if m and m.group(1) in known:
            return m.group(1)
    raise UsageError(f"{path}: cannot tell its assignment (not named after one, no Checker(...) of one); "
                     f"give --assignment, one of {', '.join(known)}")


def _check(result, what):
    if not result.get("success"):
        sys.stderr.write(result.get("log", "") + (result.get("error") or "") + "\n")
        raise SystemExit(f"{what} failed")


def cmd_release(args):
    from grader.instructor import translate

    api = _api(args)
    names = [_known(args, a) for a in args.assignments] or course.assignments(args.course)
    if args.lang != "en":
        missing = [a for a in names if translate.translated_notebook(args.lang, a) is None]
        if missing:
            done = ", ".join(translate.translated_assignments(args.lang)) or "none yet"
            raise UsageError(f"--lang {args.lang}: no translation of {', '.join(missing)} (translated: {done})")
    exchange_root = Path(course.load_config(args.course).Exchange.root) if args.exchange else None
    for a in names:
        _check(api.generate_assignment(a, force=True, create=True), f"generate_assignment {a}")
        if args.lang != "en":  # the same cells, grade ids and checksums; the text in the language
            path = Path(args.course) / "release" / a / f"{a}.ipynb"
            nb = translate.localize(nbformat.read(path, as_version=4), translate.translated_notebook(args.lang, a),
                                    translate.translation_table(args.lang, a))
            nbformat.write(nb, path)
        print(f"generated {Path(args.course) / 'release' / a}" + (f" ({args.lang})" if args.lang != "en" else ""))
        if args.exchange:
            exchange_root.mkdir(parents=True, exist_ok=True)
            _check(api.release_assignment(a), f"release_assignment {a}")
            print(f"released {a} to the exchange")


def cmd_collect(args):
    _known(args, args.assignment)
    if args.source and not Path(args.source).is_dir():
        raise UsageError(f"--from {args.source}: no such folder")
    if args.source:
        got, skipped = collect_from(args.course, args.assignment, args.source)
        print(f"collected {len(got)} submissions of {args.assignment}: {', '.join(got)}")
        for student, lines in sorted(skipped.items()):
            for line in lines:
                print(f"  skipped, {student}: {line}")
    else:
        _check(_api(args).collect(args.assignment), f"collect {args.assignment}")
        print(f"collected {args.assignment} from the exchange")


def cmd_autograde(args):
    if args.all:
        assignments = [a for a in course.assignments(args.course) if course.students(args.course, a)]
        if not assignments:
            raise UsageError(f"--all: no assignment of the course {args.course} has submissions (collect them first)")
    elif args.assignment:
        assignments = [_known(args, a) for a in dict.fromkeys(args.assignment)]
    else:
        raise UsageError("name the assignment(s) to autograde, or --all")
    from grader.autograde.judge_cells import grade_mode

    try:
        grade_mode(os.environ.get("NNKIT_GRADE_MODE"))
    except ValueError as e:
        raise UsageError(str(e)) from None
    for student in args.student or ():
        if not course.valid_student_id(student):
            raise UsageError(f"--student {student!r}: not a student id (ids are literal: no * ? [ ])")
        if not any(student in course.students(args.course, a) for a in assignments):
            raise UsageError(f"--student {student!r}: no submission of {' or '.join(assignments)} from this student")
    results = autograde_assignments(args.course, assignments, args.student or None, args.jobs,
                                    mode="judge" if args.judge_only else None)
    not_graded = False
    for i, a in enumerate(assignments):
        report = class_report(args.course, a, [r for r in results if r.assignment == a])
        print(("\n" if i else "") + format_report(report, args.lang))
        not_graded = not_graded or bool(report["not_graded"])
    return 1 if not_graded and args.strict else 0


def cmd_feedback(args):
    _known(args, args.assignment)
    _check(course.generate_feedback(args.course, args.assignment), f"generate_feedback {args.assignment}")
    print(f"feedback in {Path(args.course) / 'feedback'}")
    if args.release:
        api = _api(args)
        _check(api.release_feedback(args.assignment), f"release_feedback {args.assignment}")


def cmd_export(args):
    if not Path(args.to).resolve().parent.is_dir():
        raise UsageError(f"--to {args.to}: the folder {Path(args.to).resolve().parent} does not exist")
    print(f"grades written to {export_csv(args.course, args.to)}")


#: the course's languages (of a release, of a class report)
LANGUAGES = ["en", "zh_CN"]


def cmd_report(args):
    _known(args, args.assignment)
    report = class_report(args.course, args.assignment)
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, v in report.items() if k != "text"}, indent=1))
    print(format_report(report, args.lang))


def cmd_judge(args):
    import nbformat

    from grader.judge.judge import instructor_sources, judge_notebook

    path = Path(args.notebook)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # noqa: BLE001 - any unreadable file: one line
        raise UsageError(f"{path}: not a notebook ({type(e).__name__}: {str(e).splitlines()[0][:120] if str(e) else 'unreadable'})")
    known = course.assignments(args.course)
    name = _known(args, args.assignment) if args.assignment else _assignment_of(nb, path, known)
    instructor = instructor_sources(Path(args.course) / "source" / name / f"{name}.ipynb")
    seed = course.hidden_seed(args.course)
    verdicts, notes = judge_notebook(nb, name, instructor, args.sandbox, seed=seed)  # its code runs sandboxed
    for v in verdicts.values():
        print(("PASS " if v.passed else "FAIL ") + v.message.replace("\n", "\n     "))
    for n in notes:
        print(f"note: {n}")
    return 0 if all(v.passed for v in verdicts.values()) else 1


def cmd_demo(args):
    from grader.instructor.demo import run_demo

    return run_demo(Path(args.out), args.assignments, args.jobs)


def cmd_figures(args):
    from grader.instructor.figures import render_course

    done = render_course(args.out, args.assignments or None, args.course, args.jobs)
    failed = 0
    for a, (paths, errors) in done.items():
        print(f"{a}: {len(paths)} figures in {Path(args.out) / a}" + (f"  (errors: {', '.join(errors)})" if errors else ""))
        failed += bool(errors)
    return 1 if failed else 0


def cmd_workspace(args):
    from grader.instructor.workspace import make_workspace

    try:
        written, kept = make_workspace(args.dir, args.assignments or None, args.course, args.lang)
    except FileNotFoundError as e:
        print(f"nnkit-grade workspace: {e}", file=sys.stderr)
        return 2
    for path in written:
        print(f"made   {path}")
    for path in kept:
        print(f"kept   {path} (yours: never overwritten; delete it yourself to start that notebook again)")
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(prog="nnkit-grade", description="The nnkit course's instructor commands.")
    p.add_argument("--course", type=Path, default=course.DEFAULT_COURSE, help="the course folder")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("release", help="generate (and release) the student version")
    s.add_argument("assignments", nargs="*")
    s.add_argument("--exchange", action="store_true", help="also copy it to the exchange")
    s.add_argument("--lang", default="en", choices=LANGUAGES,
                   help="the language of the student version (the same exercises, grade ids and checks)")
    s.set_defaults(fn=cmd_release)
    s = sub.add_parser("collect", help="collect submissions")
    s.add_argument("assignment")
    s.add_argument("--from", dest="source", type=Path, help="a folder of <student>/<assignment>/ submissions")
    s.set_defaults(fn=cmd_collect)
    s = sub.add_parser("autograde", help="autograde the class in parallel, then print the report")
    s.add_argument("assignment", nargs="*", help="one or more assignments, graded on one pool of processes")
    s.add_argument("--all", action="store_true", help="every assignment that has submissions")
    s.add_argument("--jobs", type=int, default=None, help="grading processes (default: one more than the cores)")
    s.add_argument("--student", action="append", help="only this student (repeatable)")
    s.add_argument("--strict", action="store_true", help="exit 1 if any notebook could not be graded")
    s.add_argument("--judge-only", action="store_true",
                   help="scores from the judge alone, no kernel run: the same scores, several times faster; "
                        "the feedback shows the student's own outputs instead of a fresh run")
    s.add_argument("--lang", default=None, choices=LANGUAGES, help="the report's language (default: English)")
    s.set_defaults(fn=cmd_autograde)
    s = sub.add_parser("feedback", help="generate feedback HTML")
    s.add_argument("assignment")
    s.add_argument("--release", action="store_true", help="also release it through the exchange")
    s.set_defaults(fn=cmd_feedback)
    s = sub.add_parser("export", help="export the grades as CSV")
    s.add_argument("--to", type=Path, default=Path("grades.csv"))
    s.set_defaults(fn=cmd_export)
    s = sub.add_parser("report", help="the class report of an autograded assignment")
    s.add_argument("assignment")
    s.add_argument("--json", type=Path)
    s.add_argument("--lang", default=None, choices=LANGUAGES, help="the report's language (default: English)")
    s.set_defaults(fn=cmd_report)
    s = sub.add_parser("judge", help="judge one notebook file and print the verdicts")
    s.add_argument("notebook", type=Path)
    s.add_argument("--assignment")
    s.add_argument("--sandbox", default=os.environ.get("NNKIT_SANDBOX", "auto"), choices=["auto", "on", "off"],
                   help="run the notebook's code in the sandbox: auto (where it can run), on, off")
    s.set_defaults(fn=cmd_judge)
    s = sub.add_parser("demo", help="run the whole instructor cycle on sample submissions")
    s.add_argument("--out", default="demo-output")
    s.add_argument("--assignments", nargs="*")
    s.add_argument("--jobs", type=int, default=None)
    s.set_defaults(fn=cmd_demo)
    s = sub.add_parser("figures", help="run the source notebooks and write every figure as PNG")
    s.add_argument("assignments", nargs="*")
    s.add_argument("--out", default="figures")
    s.add_argument("--jobs", type=int, default=None)
    s.set_defaults(fn=cmd_figures)
    s = sub.add_parser("workspace", help="a self-learner's student notebooks, never overwritten")
    s.add_argument("assignments", nargs="*")
    s.add_argument("--dir", type=Path, default=Path("my-work"))
    s.add_argument("--lang", default="en", choices=LANGUAGES,
                   help="the notebooks' language (English where a notebook has no translation yet)")
    s.set_defaults(fn=cmd_workspace)
    args = p.parse_args(argv)
    course.ensure_path()
    try:
        if args.command not in ("demo",):
            _check_course(args)
        return args.fn(args) or 0
    except UsageError as e:
        print(f"nnkit-grade {args.command}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
