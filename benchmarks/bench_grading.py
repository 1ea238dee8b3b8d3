"""Grading benchmark: what the sandbox costs per notebook, and the class's throughput on every core.

    python benchmarks/bench_grading.py [--repeat 3] [--copies 8] [--jobs 2] [--only NAME ...]

The notebooks are the course's (``course/source/*/``; an assignment that is only in
``course/authoring/`` yet is built from there with :mod:`grader.nbbuild`) and the mini notebook of
the tests (``tests/nbcycle.py``). Each is its own complete submission.

(a) Per notebook (median of ``--repeat`` runs after a warm-up): a bare nbclient run of the notebook
    (no grader, no sandbox); the same run with the kernel sandboxed (``SandboxedKernelManager``);
    nbgrader's ``autograde`` of it (kernel and judge) with the sandbox off and on. Aims: the
    sandbox's cost per notebook small (sandboxed / bare nbclient), autograde <= 1.3x a bare run.
(b) Class throughput: ``--copies`` students handing in the notebook, graded by
    ``grader.instructor.classgrade.autograde_class`` on ``--jobs`` processes against one sequential
    ``nbgrader autograde`` over the same students, both with the sandbox as ``NNKIT_SANDBOX`` says
    (default: on where it runs). Aim: >= 1.8x on 2 cores.
"""

import argparse
import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import nbcycle  # noqa: E402
from grader import specs  # noqa: E402
from grader.instructor import course  # noqa: E402
from grader.sandbox import box as sandbox  # noqa: E402
from grader.instructor.classgrade import autograde_class  # noqa: E402
from grader.sandbox.kernel import SandboxedKernelManager  # noqa: E402
from grader.instructor.nbbuild import parse  # noqa: E402


def notebooks(only=()):
    """{assignment: (notebook, where it comes from)} of the course, and the tests' mini notebook."""
    found = {}
    for p in sorted((ROOT / "course" / "source").glob("*/*.ipynb")):
        found[p.parent.name] = (nbformat.read(p, as_version=4), "course/source")
    for p in sorted((ROOT / "course" / "authoring").glob("*.py")):
        if p.stem not in found:
            found[p.stem] = (parse(p.read_text(), str(p)), "built from course/authoring")
    found = {k: v for k, v in found.items() if k in specs.MODULES}
    found["mini (tests)"] = (nbcycle.mini_notebook(), "tests/nbcycle.py")
    return {k: v for k, v in found.items() if not only or k in only}


def assignment_name(name):
    return "01_neuron" if name == "mini (tests)" else name


def timed(fn, repeat):
    fn()  # warm-up: page cache, compiled files, matplotlib's font cache
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def run_nbclient(nb, folder, manager=None):
    kw = {"kernel_manager_class": manager} if manager else {}
    client = NotebookClient(copy.deepcopy(nb), timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}, **kw)
    client.execute()


def with_sandbox(mode, fn):
    old = os.environ.get("NNKIT_SANDBOX")
    os.environ["NNKIT_SANDBOX"] = mode  # read by the course's configuration when nbgrader starts
    try:
        return fn()
    finally:
        if old is None:
            os.environ.pop("NNKIT_SANDBOX")
        else:
            os.environ["NNKIT_SANDBOX"] = old


def make_class(tmp, assignment, nb, students):
    cdir = nbcycle.make_course(tmp, {assignment: nb})
    nbcycle.generate(cdir, assignment)
    nbcycle.submit(cdir, assignment, {s: nb for s in students}, Path(tmp) / "inbox")
    return cdir


def autograde_one(cdir, assignment, mode):
    def run():
        r = course.api(cdir).autograde(assignment, "s01", force=True, create=True)
        if not r.get("success"):
            raise RuntimeError(r.get("error") or r.get("log"))
    return with_sandbox(mode, run)


def per_notebook(name, nb, repeat, tmp):
    a = assignment_name(name)
    folder = Path(tmp) / "bare"
    folder.mkdir()
    cdir = make_class(Path(tmp) / "class", a, nb, ["s01"])
    return {
        "bare": timed(lambda: run_nbclient(nb, folder), repeat),
        "sandboxed": timed(lambda: run_nbclient(nb, folder, SandboxedKernelManager), repeat),
        "autograde_off": timed(lambda: autograde_one(cdir, a, "off"), repeat),
        "autograde_on": timed(lambda: autograde_one(cdir, a, "on"), repeat),
    }


def class_throughput(name, nb, copies, jobs, tmp):
    a = assignment_name(name)
    students = [f"s{i:02d}" for i in range(1, copies + 1)]
    cdir = make_class(tmp, a, nb, students)
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    t = time.perf_counter()
    r = subprocess.run([nbgrader, "autograde", a, "--force"], cwd=cdir, capture_output=True, text=True)
    sequential = time.perf_counter() - t
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    t = time.perf_counter()
    results = autograde_class(cdir, a, students, jobs=jobs, out=open(os.devnull, "w"))
    parallel = time.perf_counter() - t
    failed = [r.student for r in results if not r.success]
    if failed:
        raise RuntimeError(f"not graded: {failed}")
    return sequential, parallel


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--copies", type=int, default=8)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--only", nargs="*", default=(), help="assignments to measure (default: all)")
    args = p.parse_args(argv)
    course.ensure_path()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    why = sandbox.unavailable()
    print(f"sandbox: {'on' if why is None else 'UNAVAILABLE (' + why + '): the on columns run without it'}; "
          f"{os.cpu_count()} cores; median of {args.repeat} runs\n")
    print("(a) seconds per notebook      bare nbclient  sandboxed   ratio   autograde off   on   "
          "on/off  on/bare")
    nbs = notebooks(args.only)
    for name, (nb, origin) in nbs.items():
        with tempfile.TemporaryDirectory() as tmp:
            try:
                t = per_notebook(name, nb, args.repeat, tmp)
            except Exception as e:  # noqa: BLE001 - a notebook being written may not run yet
                print(f"  {name:<28} failed: {type(e).__name__}: {str(e)[:200]}")
                continue
        print(f"  {name:<28} {t['bare']:>9.2f} {t['sandboxed']:>11.2f} {t['sandboxed'] / t['bare']:>7.2f}x"
              f" {t['autograde_off']:>12.2f} {t['autograde_on']:>6.2f} {t['autograde_on'] / t['autograde_off']:>7.2f}x"
              f" {t['autograde_on'] / t['bare']:>7.2f}x   ({origin})")
    print(f"\n(b) class of {args.copies}, NNKIT_SANDBOX={os.environ.get('NNKIT_SANDBOX', 'auto')}"
          "   sequential nbgrader autograde   "
          f"autograde_class jobs={args.jobs}   speed-up")
    for name, (nb, _) in nbs.items():
        with tempfile.TemporaryDirectory() as tmp:
            try:
                seq, par = class_throughput(name, nb, args.copies, args.jobs, tmp)
            except Exception as e:  # noqa: BLE001
                print(f"  {name:<28} failed: {type(e).__name__}: {str(e)[:200]}")
                continue
        print(f"  {name:<28} {seq:>12.1f} s {seq / args.copies:>6.2f} s/nb {par:>10.1f} s "
              f"{par / args.copies:>5.2f} s/nb {seq / par:>8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
