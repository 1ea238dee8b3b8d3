"""Grading benchmark: what the sandbox costs per notebook, the class's throughput, and a whole class.

    python benchmarks/bench_grading.py [--repeat 3] [--copies 8] [--jobs 2] [--only NAME ...]
    python benchmarks/bench_grading.py --class 300 [--jobs 2] [--mode judge full] [--only NAME ...]

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
(c) ``--class N``: a whole class. N students hand in every notebook of the course (complete, with
    the demo's typical mistakes, blank, and a few attacks: numpy patched in the kernel over wrong
    solutions, a cell that kills the kernel, deleted test cells, a graded function that never
    returns), released and collected as an instructor does, then graded with the instructor's command,
    ``nnkit-grade autograde A B ... --jobs J`` (``--judge-only`` for the judge mode), every assignment
    on one pool of processes, sandboxed. Printed: the wall time, notebooks per minute, the CPU time of the whole grading
    (every process), where the time of one notebook goes (from the reports the kernel and the judge
    write: nbgrader's own work, the kernel's start, solution cells, test cells, the other cells, the
    judge's worker start, the solution cells in the judge, the functions judged), the slowest
    functions, and the wall time projected for 8 and 16 cores from the CPU time. With two modes, the
    scores of every student in both must be the same: the benchmark fails otherwise.
"""

import argparse
import copy
import json
import os
import re
import resource
import shutil
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
from grader.instructor.classgrade import autograde_class, default_jobs  # noqa: E402
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


# --------------------------------------------------------------------------------------------------
# (c) a whole class


def _attack(nb, kind, assignment):
    """A complete notebook turned into one of the attacks of the class benchmark."""
    from grader.instructor.demo import with_mistakes

    graded = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("solution")
              and c.cell_type == "code" and "def " in c.source]
    setup = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), 0)
    nb = with_mistakes(nb, assignment) if kind == "patched_numpy" else nbformat.from_dict(copy.deepcopy(nb))
    if kind == "patched_numpy":
        nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(
            "np.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
            "print('\u2714 every check passed')\n"))
    elif kind == "kills_kernel":
        nb.cells.insert(setup + 1, nbformat.v4.new_code_cell("import os\nos._exit(1)\n"))
    elif kind == "deleted_tests":
        nb.cells = [c for c in nb.cells if not (c.get("metadata", {}).get("nbgrader", {}).get("grade")
                                                and not c.get("metadata", {}).get("nbgrader", {}).get("solution"))]
    elif kind == "endless_loop" and graded:
        name = re.search(r"def (\w+)\(([^)]*)\)", graded[0].source)
        target = next(c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                      == graded[0].metadata.nbgrader["grade_id"])
        target.source = f"def {name.group(1)}({name.group(2)}):\n    while True:\n        pass\n"
    return nb


ATTACKS = ("patched_numpy", "kills_kernel", "deleted_tests", "endless_loop")


def class_kinds(n, attack_every=25):
    """The kind of each of ``n`` students: 4 in 10 complete, 3 mistaken, 2 blank, 1 in ``attack_every``
    an attack (the four in turn), deterministic."""
    kinds, attacks = [], 0
    for i in range(n):
        if i % attack_every == attack_every - 1:
            kinds.append(ATTACKS[attacks % len(ATTACKS)])
            attacks += 1
        else:
            kinds.append(("complete", "mistaken", "complete", "blank", "mistaken", "complete", "blank",
                          "mistaken", "complete", "complete")[i % 10])
    return kinds


def make_whole_class(tmp, n, names):
    """A course with every assignment of ``names`` released, and ``n`` students' submissions collected."""
    from grader.instructor.demo import with_mistakes

    cdir = Path(tmp) / "course"
    (cdir / "source").mkdir(parents=True)
    shutil.copy(course.DEFAULT_COURSE / "nbgrader_config.py", cdir)
    for a in names:
        shutil.copytree(course.DEFAULT_COURSE / "source" / a, cdir / "source" / a)
    api = course.api(cdir)
    kinds = class_kinds(n)
    inbox = Path(tmp) / "inbox"
    for a in names:
        r = api.generate_assignment(a, force=True, create=True)
        if not r.get("success"):
            raise RuntimeError(f"release of {a} failed: {r.get('error')}")
        source = nbformat.read(cdir / "source" / a / f"{a}.ipynb", as_version=4)
        release = nbformat.read(cdir / "release" / a / f"{a}.ipynb", as_version=4)
        made = {"complete": source, "mistaken": with_mistakes(source, a), "blank": release}
        made.update({k: _attack(source, k, a) for k in ATTACKS})
        for i, kind in enumerate(kinds):
            dest = inbox / f"s{i + 1:03d}" / a
            dest.mkdir(parents=True, exist_ok=True)
            nbformat.write(made[kind], dest / f"{a}.ipynb")
        course.collect_from(cdir, a, inbox)
    return cdir, kinds


class CpuMeter:
    """CPU seconds used by this process and everything it starts. Where a cgroup's CPU accounting can
    be made (root, cgroup v1 ``cpuacct``), the benchmark moves itself into its own group, which counts
    every descendant (the sandboxed kernels and judge workers included); elsewhere, the children's
    resource usage, which misses processes no one waited for (marked "at least")."""

    GROUP = Path("/sys/fs/cgroup/cpuacct/nnkit-bench")

    def __init__(self):
        self.exact = False
        try:
            self.GROUP.mkdir(exist_ok=True)
            (self.GROUP / "cgroup.procs").write_text(str(os.getpid()))
            self.exact = True
        except OSError:
            pass

    def read(self):
        if self.exact:
            return int((self.GROUP / "cpuacct.usage").read_text()) / 1e9
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


PROGRESS = re.compile(r"\] \d+/\d+ (\S+) (\S+): (ok|NOT GRADED) \(([\d.]+) s\)")


def grade_whole_class(cdir, names, jobs, mode, meter):
    """Grade every assignment with ``nnkit-grade autograde``; wall and CPU seconds, per-notebook
    seconds, and the scores and verdict reports."""
    cli = str(Path(sys.executable).parent / "nnkit-grade")
    shutil.rmtree(cdir / "reports", ignore_errors=True)
    before = meter.read()
    t = time.perf_counter()
    per_nb, failed = [], []
    cmd = [cli, "--course", str(cdir), "autograde", *names, "--jobs", str(jobs)]
    r = subprocess.run(cmd + (["--judge-only"] if mode == "judge" else []), capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {r.stderr[-1500:]}")
    for m in PROGRESS.finditer(r.stderr):
        per_nb.append(float(m.group(4)))
        if m.group(3) != "ok":
            failed.append((m.group(1), m.group(2)))
    wall = time.perf_counter() - t
    cpu = meter.read() - before
    scores = {a: nbcycle.scores(cdir, a) for a in names}
    reports = [json.loads(p.read_text()) for p in sorted((cdir / "reports").glob("*/*.json"))]
    return {"wall": wall, "cpu": cpu, "per_notebook": per_nb, "failed": failed, "scores": scores,
            "reports": reports}


def _breakdown(run):
    """Mean seconds per notebook: nbgrader's own work, and each part of the kernel's and the judge's."""
    n = max(1, len(run["reports"]))
    parts, functions = {}, {}
    for rep in run["reports"]:
        sec = rep.get("seconds", {})
        for k, v in sec.items():
            if k.startswith("kernel: "):
                parts[k] = parts.get(k, 0.0) + v
            elif k in ("worker start", "solution cells"):
                parts[f"judge: {k}"] = parts.get(f"judge: {k}", 0.0) + v
            elif k != "judge":
                parts["judge: functions and questions"] = parts.get("judge: functions and questions", 0.0) + v
                functions[(rep["assignment"], k)] = functions.get((rep["assignment"], k), 0.0) + v
        judged = sum(v for k, v in sec.items() if k != "judge" and not k.startswith("kernel: "))
        parts["judge: the rest (sandbox set-up, clean-up)"] = (parts.get("judge: the rest (sandbox set-up, clean-up)", 0.0)
                                                               + max(0.0, sec.get("judge", 0.0) - judged))
    total = statistics.mean(run["per_notebook"]) if run["per_notebook"] else 0.0
    mean = {k: v / n for k, v in parts.items()}
    mean = {"nbgrader (start, copying, sanitizing, gradebook writes)": max(0.0, total - sum(mean.values())), **mean}
    return total, mean, sorted(((v / n, a, f) for (a, f), v in functions.items()), reverse=True)[:5]


def whole_class(n, jobs, modes, only):
    jobs = jobs or default_jobs()
    names = [a for a in course.assignments(course.DEFAULT_COURSE) if not only or a in only]
    notebooks_count = n * len(names)
    print(f"(c) a class of {n} students x {len(names)} notebooks = {notebooks_count} notebooks, "
          f"nnkit-grade autograde --jobs {jobs}, {os.cpu_count()} cores, sandbox "
          f"{'on' if sandbox.unavailable() is None else 'UNAVAILABLE'}")
    meter = CpuMeter()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        cdir, kinds = make_whole_class(tmp, n, names)
        counts = {k: kinds.count(k) for k in dict.fromkeys(kinds)}
        print(f"    students: {', '.join(f'{v} {k}' for k, v in counts.items())}; "
              f"released and collected in {time.perf_counter() - t:.0f} s\n")
        runs = {}
        for mode in modes:
            run = runs[mode] = grade_whole_class(cdir, names, jobs, mode, meter)
            total, parts, slowest = _breakdown(run)
            per_min = notebooks_count / run["wall"] * 60
            cpu_nb = run["cpu"] / notebooks_count
            cores = min(jobs, os.cpu_count() or 1)
            efficiency = run["cpu"] / run["wall"] / cores
            print(f"  mode {mode}: {run['wall'] / 60:.1f} min wall, {per_min:.0f} notebooks/min, "
                  f"{'' if meter.exact else 'at least '}{run['cpu'] / 60:.1f} min CPU ({cpu_nb:.2f} CPU-s per notebook, "
                  f"{efficiency:.0%} of {cores} cores busy)")
            if run["failed"]:
                print(f"    NOT GRADED: {len(run['failed'])}: {run['failed'][:5]}")
            print(f"    one notebook, {total:.2f} s wall on average in a grading process:")
            for k, v in parts.items():
                print(f"      {k:<58} {v:6.3f} s")
            print("    slowest functions to judge (mean s per notebook): "
                  + "; ".join(f"{a} {f} {v:.2f}" for v, a, f in slowest))
            efficiency = run["cpu"] / run["wall"] / jobs
            for cores in (8, 16):
                proj = n * len(names) * cpu_nb / (cores * efficiency)
                print(f"    projected on {cores} cores (--jobs {cores}, same CPU per notebook and use of "
                      f"the cores): {proj / 60:.1f} min for these {n} students")
            print()
        if len(runs) > 1:
            first, *rest = runs.values()
            for mode, run in zip(list(runs)[1:], rest):
                same = run["scores"] == first["scores"]
                print(f"  scores of {list(runs)[0]} and {mode} modes: {'the same for every student' if same else 'DIFFERENT'}")
                if not same:
                    return 1
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--copies", type=int, default=8)
    p.add_argument("--jobs", type=int, default=None, help="grading processes (default: as nnkit-grade's, cores + 1)")
    p.add_argument("--only", nargs="*", default=(), help="assignments to measure (default: all)")
    p.add_argument("--class", dest="class_size", type=int, default=0,
                   help="grade a whole class of this many students instead of (a) and (b)")
    p.add_argument("--mode", nargs="+", choices=("judge", "full"), default=("judge", "full"),
                   help="with --class: the grading modes to run (default both, and their scores compared)")
    args = p.parse_args(argv)
    args.jobs = args.jobs or default_jobs()
    course.ensure_path()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if args.class_size:
        return whole_class(args.class_size, args.jobs, args.mode, args.only)
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
