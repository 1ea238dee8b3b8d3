"""The judge: decides every score outside the student's kernel.

Under nbgrader, the student's notebook runs in a kernel where the student's code can reach
everything, including the checks, so what the test cells print there is feedback, never the grade
(see ``docs/GRADING_DESIGN.md``). The judge runs in the instructor's process, from
:func:`judge_notebook` (called by the nbgrader preprocessor :mod:`grader.autograde.judge_cells`, after
``Execute`` and before ``SaveAutoGrades``, and by ``nnkit-grade judge``):

1. takes the solution cells of the executed notebook (their sources, as submitted);
2. runs them again in a fresh worker process (:mod:`grader.judge.worker_main`; in the sandbox of
   :mod:`grader.sandbox.box` where the machine has one), with a time limit per cell;
3. calls each graded function there on inputs it chooses, with a time limit per function (a hang
   costs that function only: the worker is killed and a new one takes the next function); the
   references of earlier graded functions and of the notebook's helpers are served from this process
   when the student's code calls them;
4. reads back plain data only (:mod:`grader.check.wire`) and compares it here with nnkit
   (:mod:`grader.check.engine`);
5. replaces the outputs of every graded test cell with its verdict: a passing cell gets one line on
   stdout, a failing one an error with the feedback, so nbgrader's ``determine_grade`` scores exactly
   the judge's verdict, whatever the kernel printed;
6. (the preprocessor) writes the verdicts, as JSON, to the instructor's report folder for the
   class report.
"""

import ast
import contextlib
import copy
import os
import re
import select
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nbformat.notebooknode import NotebookNode

from grader import limits, specs
from grader.codewords import without_words
from grader.check.checker import direct_call, wrap_message
from grader.check.engine import (Outcome, Verdict, dependency_error, evaluate, evaluate_question, grading_seed,
                                 hidden_seed, outcome_of)
from grader.check.i18n import Message, language, metadata_language, tr
from grader.check.wire import (FRAME_HEAD, MAX_MESSAGE_BYTES, TypeTag, dumps, frame, frame_length, loads,
                               to_plain)

try:  # nbgrader's cell metadata helpers (nbgrader is installed with the course)
    from nbgrader import utils as nbutils
except ImportError:  # pragma: no cover
    nbutils = None

_GRADER = Path(__file__).resolve().parent.parent
WORKER_SOURCE = ((_GRADER / "check" / "wire.py").read_text() + "\n"
                 + (_GRADER / "judge" / "worker_main.py").read_text())


TOO_LARGE = "sent a message that is too large"
MALFORMED = "sent a malformed message"


class WorkerGone(Exception):
    """The worker ended, or stopped answering within its time."""

    def __init__(self, reason, timeout=False):
        super().__init__(reason)
        self.reason = reason
        self.timeout = timeout


def _limits(memory_bytes, cpu_seconds):
    def apply():
        import resource
        os.setsid()
        for res, val in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds),
                         (resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, limits.UNSANDBOXED_FILE_BYTES)):
            try:
                resource.setrlimit(res, (val, val))
            except (ValueError, OSError):
                pass
    return apply


class Worker:
    """One worker process and its pipes. ``request`` enforces a deadline and serves RPCs."""

    def __init__(self, workdir, command_prefix=(), memory_bytes=limits.UNSANDBOXED_MEMORY_BYTES,
                 cpu_seconds=limits.CPU_SECONDS):
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MPLBACKEND": "Agg",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "HOME": str(workdir), "TMPDIR": str(workdir), "PYTHONHASHSEED": "0"}
        for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
            if k in os.environ:
                env[k] = os.environ[k]
        cmd = [*command_prefix, sys.executable, "-I", "-c", WORKER_SOURCE]
        # in a sandbox, the sandbox sets the limits (grader.sandbox.Box)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=str(workdir), env=env,
                                     preexec_fn=os.setsid if command_prefix else _limits(memory_bytes, cpu_seconds))
        self._buf = b""
        self._sel = selectors.DefaultSelector()
        self._sel.register(self.proc.stdout, selectors.EVENT_READ)
        os.set_blocking(self.proc.stdin.fileno(), False)

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass
        self._sel.close()

    def _send(self, msg, deadline):
        """Write one message by ``deadline``: a worker that never reads cannot block the grader."""
        view = memoryview(frame(dumps(msg)))
        try:
            fd = self.proc.stdin.fileno()
        except ValueError:
            raise WorkerGone("the process ended") from None
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerGone("time limit (it stopped reading its input)", timeout=True)
            try:
                _, writable, _ = select.select([], [fd], [], left)
                if writable:
                    view = view[os.write(fd, view):]
            except BlockingIOError:
                continue
            except (BrokenPipeError, OSError, ValueError):
                raise WorkerGone("the process ended") from None

    def _read(self, n, deadline):
        fd = self.proc.stdout.fileno()
        while len(self._buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise WorkerGone("time limit", timeout=True)
            if not self._sel.select(timeout=left):
                continue
            chunk = os.read(fd, max(65536, n - len(self._buf)))
            if not chunk:
                raise WorkerGone("the process ended")
            self._buf += chunk
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def _receive(self, deadline):
        try:
            n = frame_length(self._read(FRAME_HEAD, deadline))
        except ValueError:
            raise WorkerGone(TOO_LARGE) from None
        try:
            msg = loads(self._read(n, deadline))
        except (ValueError, KeyError, TypeError, RecursionError, OverflowError, MemoryError):
            raise WorkerGone(MALFORMED) from None
        if type(msg) is not dict:
            raise WorkerGone(MALFORMED)
        return msg

    def request(self, msg, deadline, serve=None):
        """Send ``msg``, answer RPCs with ``serve(name, args, kwargs)``, return the reply."""
        self._send(msg, deadline)
        while True:
            reply = self._receive(deadline)
            if reply.get("op") != "rpc":
                return reply
            name, args, kwargs = reply.get("fn"), reply.get("args"), reply.get("kwargs")
            if serve is None or type(args) is not tuple or type(kwargs) is not dict:
                self._send({"error": ["RuntimeError", "not allowed"]}, deadline)
                continue
            with served_within(deadline - time.monotonic(), limits.SERVED_CALL_BYTES):
                try:
                    answer = serve(name, args, kwargs)
                except (TimeoutError, MemoryError) as e:  # the limits below, hit by the reference
                    answer = {"error": [type(e).__name__, str(e)[:300]]}
            self._send(answer, deadline)


def plain_bytes(value):
    """The bytes of the arrays in a plain ``value`` (what sending it costs, roughly)."""
    if hasattr(value, "nbytes"):
        return int(value.nbytes)
    if isinstance(value, dict):
        return sum(plain_bytes(v) for v in value.values())
    if isinstance(value, (tuple, list)):
        return sum(plain_bytes(v) for v in value)
    return 0


@contextlib.contextmanager
def served_within(seconds, extra_bytes):
    """While active, this (the grading) process may take at most ``extra_bytes`` more address space
    (a larger allocation raises MemoryError) and ``seconds`` more time (then TimeoutError, where a
    timer can be set: the main thread): a reference that the student's code asks the grader to run,
    with the student's arguments (``initialize_parameters(8000, 8000, 1, 0)``), runs within limits
    like the student's code, never at the expense of the class."""
    import resource
    import threading

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    try:
        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        used = None
    cap = None if used is None else used + int(extra_bytes)
    if cap is not None and (hard == resource.RLIM_INFINITY or cap < hard) and \
            (soft == resource.RLIM_INFINITY or cap < soft):
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    timed = threading.current_thread() is threading.main_thread() and seconds > 0

    def late(*_):
        raise TimeoutError("the reference ran past the function's time limit")

    old = signal.signal(signal.SIGALRM, late) if timed else None
    started = time.monotonic()
    before = signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01)) if timed else (0.0, 0.0)
    try:
        yield
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            if before[0] > 0:  # a timer of the caller's, set again with what is left of it
                signal.setitimer(signal.ITIMER_REAL, max(before[0] - (time.monotonic() - started), 0.001),
                                 before[1])
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_MAGIC = re.compile(r"^([ \t]*)[%!].*$", re.M)


@dataclass(frozen=True)
class CellCode:
    """A code cell analysed once, read by everything downstream of the judge.

    ``source`` as submitted; ``code`` the plain Python the worker runs (IPython's ``%magic`` and
    ``!shell`` lines turned into ``pass`` where the source is not plain Python already); ``tree`` its
    syntax tree, None when it does not parse (the worker then reports the cell's SyntaxError);
    ``definitions`` the names its top-level statements define (functions, classes, assignments).
    The tree is shared: a reader that changes it works on a copy.
    """

    source: str
    code: str
    tree: ast.Module | None
    definitions: frozenset

    @property
    def parses(self):
        return self.tree is not None


@lru_cache(maxsize=512)
def analyse(source):
    """The :class:`CellCode` of a cell's ``source`` (one parse per distinct source)."""
    try:
        tree, code = ast.parse(source), source
    except SyntaxError:
        code = _MAGIC.sub(r"\1pass", source)
        try:
            tree = ast.parse(code)
        except SyntaxError:
            tree = None
    definitions = set()
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            definitions.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            definitions |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return CellCode(source, code, tree, frozenset(definitions))


def mentions_reference(source):
    """True if a solution cell names nnkit or grader (an import, a name, an attribute or a string)."""
    tree = analyse(source).tree
    for node in ast.walk(tree) if tree is not None else ():
        text = None
        if isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        elif isinstance(node, ast.alias):
            text = node.name
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            text = getattr(node, "module", None) or ""
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        if _is_reference_module(text):
            return True
    return False


def _is_reference_module(name):
    """True if ``name`` (a module, a name or a string) is nnkit's or grader's."""
    return bool(name) and ("nnkit" in name or name.split(".")[0] == "grader")


def without_reference_imports(source, helpers=()):
    """``(source, uses)``: the cell with its imports of nnkit or grader taken out, and whether the
    rest of it still uses them. An import of one of the notebook's helpers under its own name
    (``from nnkit.activations import sigmoid``, as the setup cell does) is harmless: the judge
    serves the helpers; so is an import left unused, or a docstring that names nnkit. Any other use
    (a name such an import bound, ``import *``, ``nnkit.x``) makes ``uses`` true: the cell is not
    run, as code that calls the reference earns nothing (the worker blocks the imports anyway)."""
    cell = analyse(source)
    if not cell.parses:
        return source, False
    tree = copy.deepcopy(cell.tree)  # Drop changes it
    bound, dropped = set(), []

    class Drop(ast.NodeTransformer):
        def visit_Import(self, node):
            ours = [a for a in node.names if _is_reference_module(a.name)]
            if not ours:
                return node
            dropped.append(node)
            bound.update(a.asname or a.name.split(".")[0] for a in ours)
            node.names = [a for a in node.names if a not in ours]
            return node if node.names else ast.copy_location(ast.Pass(), node)

        def visit_ImportFrom(self, node):
            if not _is_reference_module(node.module or ""):
                return node
            dropped.append(node)
            bound.update(a.asname or a.name for a in node.names
                         if not (a.asname in (None, a.name) and a.name in helpers))
            return ast.copy_location(ast.Pass(), node)

    tree = Drop().visit(tree)
    # a name the cell binds itself (grader = ..., def f(grader): ...) is the student's, not the package
    own = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
    own |= {a.arg for n in ast.walk(tree) if isinstance(n, ast.arguments)
            for a in n.posonlyargs + n.args + n.kwonlyargs + [x for x in (n.vararg, n.kwarg) if x]}
    uses = "*" in bound or any(isinstance(n, ast.Name) and (n.id in bound or (n.id in ("nnkit", "grader")
                                                                              and n.id not in own))
                               for n in ast.walk(tree))
    return (ast.unparse(tree) if dropped else source), uses


_REFERENCE_SECONDS = {}


def reference_seconds(aspec, spec):
    """Seconds the reference takes on every check of ``spec`` (the same cases, the current grading
    seed), measured in this process the first time and remembered; a reference that fails counts as
    taking the judge's whole limit (it never does with the course's specs)."""
    key = (spec.name, spec.ref.__module__, grading_seed())
    if key not in _REFERENCE_SECONDS:
        started = time.perf_counter()
        verdict = evaluate(spec, direct_call(aspec.reference(spec.name), spec, aspec), hidden=True)
        took = time.perf_counter() - started
        _REFERENCE_SECONDS[key] = took if verdict.passed else limits.JUDGE_FUNCTION_TIMEOUT
    return _REFERENCE_SECONDS[key]


class Judge:
    """Judges one notebook's solution cells against an :class:`AssignmentSpec`."""

    def __init__(self, aspec, workdir, cell_timeout=limits.JUDGE_CELL_TIMEOUT,
                 function_timeout=limits.JUDGE_FUNCTION_TIMEOUT, command_prefix=(),
                 memory_bytes=limits.UNSANDBOXED_MEMORY_BYTES, notebook_timeout=limits.JUDGE_NOTEBOOK_TIMEOUT):
        self.aspec = aspec
        self.notebook_timeout = notebook_timeout
        self.deadline = float("inf")  # of the whole notebook's judging, set by judge()
        self.workdir = Path(workdir)
        self.cell_timeout = cell_timeout
        self.function_timeout = function_timeout
        self.command_prefix = tuple(command_prefix)
        self.memory_bytes = memory_bytes
        self.worker = None
        self.cells = []
        self.notes = []  # what went wrong with the notebook itself (for the report)
        self.left_out = {}  # name defined in a cell that was not run -> why
        self.seconds = {}  # where the judging time went: "worker start", "solution cells", each name

    # -- the worker's life ----------------------------------------------------------------------

    def _start(self):
        started = time.monotonic()
        try:
            self.worker = Worker(self.workdir, self.command_prefix, self.memory_bytes)
            self.worker.request({"op": "setup", "prelude": self.aspec.prelude,
                                 "helpers": sorted(self.aspec.helpers)}, self._until(30), self._serve_for(()))
        finally:
            self._took("worker start", started)

    def _took(self, what, started):
        self.seconds[what] = self.seconds.get(what, 0.0) + time.monotonic() - started

    def _stop(self):
        if self.worker is not None:
            self.worker.kill()
            self.worker = None

    def _ensure(self):
        """A live worker with every good cell run in it."""
        if self.worker is not None and self.worker.proc.poll() is None:
            return
        self._stop()
        self._start()
        for src in self.cells:
            self.worker.request({"op": "exec", "source": src}, self._until(self.cell_timeout))

    def _until(self, seconds):
        """The deadline of a step of ``seconds``, within the notebook's whole judging."""
        return min(time.monotonic() + seconds, self.deadline)

    def _serve_for(self, deps):
        allowed = set(deps) | set(self.aspec.helpers)

        def serve(name, args, kwargs):
            if name not in allowed:
                return {"error": ["RuntimeError", f"{name} is not available here"]}
            from grader.check.engine import quietly
            try:
                value = to_plain(quietly(self.aspec.reference(name), *args, **kwargs))
            except (TimeoutError, MemoryError):
                raise
            except Exception as e:  # the reference's error goes back to the student's code
                msg = dependency_error(name, e) if name in deps else str(e)
                return {"error": [type(e).__name__, msg[:300]]}
            if plain_bytes(value) > MAX_MESSAGE_BYTES // 2:
                return {"error": ["MemoryError", f"{name}: the result of these arguments is too large to send "
                                                 "(sizes too large?)"]}
            return {"value": value}
        return serve

    # -- judging --------------------------------------------------------------------------------

    def load_cell(self, i, src):
        """Run solution cell ``i`` once; a cell that hangs or kills the process is left out."""
        src, uses = without_reference_imports(src, self.aspec.helpers)
        if uses:
            self._leave_out(i, src, Message("it uses nnkit or grader (the reference and the checks) beyond the "
                                            "notebook's helpers; write it yourself"))
            return
        try:
            self._ensure()  # judging an earlier function may have ended the worker
            reply = self.worker.request({"op": "exec", "source": src}, self._until(self.cell_timeout))
            self.cells.append(src)
            if isinstance(reply, dict) and reply.get("ok") is False:
                # In the kernel the cell may have run fine on a variable of an earlier cell that
                # the judge does not run (a print(X.shape) before the def): its definitions and
                # imports are still defined, and judged, as they were in the kernel.
                defs = student_definitions(src)
                if defs:
                    self.worker.request({"op": "exec", "source": defs}, self._until(self.cell_timeout))
                    self.cells.append(defs)
        except WorkerGone as e:
            self._leave_out(i, src, Message("running it took longer than {seconds} s", seconds=self.cell_timeout)
                            if e.timeout else Message("running it ended the Python process"))
            if self.cells and self.cells[-1] is src:
                self.cells.pop()
            self._stop()
            self._ensure()

    def _leave_out(self, i, src, why):
        self.notes.append(f"code cell {i + 1} of the solutions was not run: {why}")
        for name in defined_names(src):
            self.left_out.setdefault(name, why)

    def budget(self, spec):
        """Seconds all checks of ``spec`` may take: :data:`~grader.limits.JUDGE_FUNCTION_FACTOR` times
        what the reference takes on them, within the floor and ``function_timeout``; the whole
        ``function_timeout`` for a function that calls earlier graded ones (each call is a round trip)."""
        if spec.deps or self.function_timeout <= limits.JUDGE_FUNCTION_FLOOR:
            return self.function_timeout
        seconds = reference_seconds(self.aspec, spec)
        return min(self.function_timeout, max(limits.JUDGE_FUNCTION_FLOOR, limits.JUDGE_FUNCTION_FACTOR * seconds))

    def _call_factory(self, spec):
        budget = self.budget(spec)
        deadline = self._until(budget)
        names = spec.arg_names
        serve = self._serve_for(spec.deps)

        def call(case):
            try:
                self._ensure()
                reply = self.worker.request({"op": "call", "fn": spec.name, "args": case.args,
                                             "kwargs": case.kwargs, "deps": list(spec.deps),
                                             "distinct": spec.distinct_outputs}, deadline, serve)
            except WorkerGone as e:
                self._stop()
                if e.timeout:
                    self._limit(spec.name, f"hit the time limit ({budget:.3g} s)")
                    return Outcome(timeout=True)
                if e.reason == TOO_LARGE:
                    self._limit(spec.name, "returned a result too large to read (over 64 MB)")
                    return Outcome(error=("ResultTooLarge", tr(
                        "{name} returned a result too large to check (over {mb} MB): is an array made of "
                        "the wrong sizes (m x m where (1, m) was meant)?", name=spec.name, mb=MAX_MESSAGE_BYTES >> 20)))
                if e.reason == MALFORMED:
                    self._limit(spec.name, "sent a reply that could not be read")
                    return Outcome(error=("UnreadableResult", tr(
                        "{name} returned something that could not be read back (nested too deep, or not "
                        "plain data): return arrays, numbers, tuples, lists or dicts.", name=spec.name)))
                self._limit(spec.name, "ended the Python process (exit, crash, or memory limit)")
                return Outcome(error=("ProcessEnded", tr("the Python process ended while {name} ran "
                                                         "(sys.exit, os._exit, a crash, or the memory limit?)",
                                                         name=spec.name)))
            return outcome_of(reply, names)
        return call

    def _limit(self, name, what):
        note = f"{name} {what}"
        if note not in self.notes:
            self.notes.append(note)

    def judge_function(self, name):
        if name in self.left_out:
            return self._left_out_verdict(name)
        spec = self.aspec.functions[name]
        return evaluate(spec, self._call_factory(spec), hidden=True)

    def judge_question(self, name):
        qspec = self.aspec.questions[name]
        if name in self.left_out:
            return self._left_out_verdict(name)
        try:
            self._ensure()
            reply = self.worker.request({"op": "get", "name": name}, self._until(self.cell_timeout))
        except WorkerGone:
            self._stop()
            return Verdict(name, False, tr("{name}: could not be read (the process ended).", name=name))
        if "error" in reply:
            return Verdict(name, False, tr("{name} is not defined: answer in its cell.", name=name))
        value = reply.get("value")
        if isinstance(value, TypeTag):
            return Verdict(name, False, tr("{name} should be a plain value, not {kind}.", name=name,
                                           kind=value.type_name))
        return evaluate_question(qspec, value)

    def _left_out_verdict(self, name):
        return Verdict(name, False, tr("{name}: its cell was not run by the grader: {why}.", name=name,
                                       why=tr(self.left_out[name])))

    def _judge_name(self, name):
        if time.monotonic() >= self.deadline:
            note = (f"the notebook's judging took longer than {self.notebook_timeout:g} s in all: the names "
                    "after it were not judged")
            if note not in self.notes:
                self.notes.append(note)
            return Verdict(name, False, tr("{name}: not judged: judging this notebook took longer than {seconds} s "
                                           "in all (cells or functions that run long, or end the process again "
                                           "and again).", name=name, seconds=f"{self.notebook_timeout:g}"))
        if name in self.aspec.functions:
            return self.judge_function(name)
        if name in self.aspec.questions:
            return self.judge_question(name)
        return Verdict(name, False, tr("no check is defined for {name}.", name=repr(name)))

    def judge(self, solution_sources, names):
        """Verdicts for ``names`` (functions or questions of the assignment), by name."""
        verdicts = {}
        pending = list(names)
        self.deadline = time.monotonic() + self.notebook_timeout
        try:
            self._start()
            # Each name is judged right after the first cell that defines it, as its test cell runs
            # right after it in the kernel: a later cell that redefines a helper it calls changes
            # nothing of its verdict, and a helper defined only later is not there yet.
            for i, src in enumerate(solution_sources):
                if time.monotonic() >= self.deadline:
                    break
                started = time.monotonic()
                self.load_cell(i, src)
                self._took("solution cells", started)
                defined = defined_names(src)
                for name in [n for n in pending if n in defined]:
                    started = time.monotonic()
                    verdicts[name] = self._judge_name(name)
                    self._took(name, started)
                    pending.remove(name)
            for name in pending:
                started = time.monotonic()
                verdicts[name] = self._judge_name(name)
                self._took(name, started)
        except WorkerGone as e:
            if time.monotonic() >= self.deadline:  # the notebook's time is up: the names left say so
                for name in names:
                    if name not in verdicts:
                        verdicts[name] = self._judge_name(name)
                return verdicts
            self.notes.append(f"the worker could not start: {e.reason}")
            for name in names:
                verdicts.setdefault(name, Verdict(name, False, tr("{name}: could not be judged ({why}).",
                                                                  name=name, why=e.reason)))
        finally:
            self._stop()
        return verdicts


# --------------------------------------------------------------------------------------------------
# nbgrader


def verdict_outputs(verdict):
    """The outputs that make nbgrader's ``determine_grade`` give exactly the verdict, its message
    wrapped as the kernel's checker shows it."""
    if verdict.passed:
        return [NotebookNode(output_type="stream", name="stdout", text=wrap_message("\u2714 " + verdict.message) + "\n")]
    lines = wrap_message(verdict.message).splitlines()  # as the kernel shows it (the feedback page does not wrap)
    return [NotebookNode(output_type="error", ename="Incorrect", evalue=lines[0] if lines else "",
                         traceback=["\x1b[0;31m" + ln + "\x1b[0m" for ln in lines])]


def defined_names(source):
    """The names a cell's top-level statements define (functions, classes, assignments)."""
    return set(analyse(source).definitions)


def graded_test_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and nbutils.is_grade(c) and not nbutils.is_solution(c)]


def without_magics(source):
    """IPython's ``%magic`` and ``!shell`` lines turned into ``pass`` (the worker runs plain Python);
    a cell that is plain Python already is left as it is."""
    return analyse(source).code


def student_definitions(source, graded=()):
    """The imports, the function and class definitions, and the names bound to a lambda or a
    literal (``EPS = 1e-8``) of a code cell the student added or changed, as source text ('' if
    none). No other statement of such a cell runs in the judge (no experiments, no prints), and it
    never redefines a graded name (``graded``): what is judged is what the solution cell defines,
    as in the kernel, where the test cell runs right after it."""
    tree = analyse(source).tree
    if tree is None:
        return ""
    keep = [node for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom))
            or (isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name not in graded)
            or _is_definition_by_assignment(node, graded)]
    # an import of nnkit or grader (for a plot, say) is dropped alone; a definition that uses them
    # stays, and leaves its cell out as any solution that uses them does
    keep = [n for n in keep if not (isinstance(n, (ast.Import, ast.ImportFrom)) and mentions_reference(ast.unparse(n)))]
    return "\n\n".join(ast.unparse(n) for n in keep)


#: Modules whose calls make a helper value, not an experiment: ``TWO = np.float64(2)``,
#: ``vsig = np.vectorize(f)``, ``exp = functools.partial(np.exp)``, ``C = math.sqrt(2)``.
_MAKERS = ("np", "numpy", "math", "functools", "operator")


def _is_maker(node):
    """An expression made only of literals, names, attributes, lambdas and calls of :data:`_MAKERS`."""
    if isinstance(node, (ast.Constant, ast.Name, ast.Lambda)):
        return True
    if isinstance(node, ast.Attribute):
        return _is_maker(node.value)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_is_maker(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp):
        return _is_maker(node.operand)
    if isinstance(node, ast.Call):
        root = node.func
        while isinstance(root, ast.Attribute):
            root = root.value
        return (isinstance(root, ast.Name) and root.id in _MAKERS and isinstance(node.func, ast.Attribute)
                and all(_is_maker(a) for a in node.args) and all(_is_maker(k.value) for k in node.keywords))
    return False


def _is_definition_by_assignment(node, graded):
    """``step = lambda z: ...``, ``EPS = 1e-8`` or ``TWO = np.float64(2)``: a name bound to a lambda,
    a literal or a value made by NumPy, math or functools from those (never a graded name, never a
    computation of the student's functions that could be an experiment)."""
    if not isinstance(node, ast.Assign) or not all(isinstance(t, ast.Name) and t.id not in graded
                                                   for t in node.targets):
        return False
    if isinstance(node.value, ast.Lambda) or _is_maker(node.value):
        return True
    try:
        ast.literal_eval(node.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def solution_sources(nb, graded=(), instructor=None):
    """The code the judge runs, in the order of the notebook: every solution cell as submitted and,
    where the instructor's notebook is known (``instructor``: its code cells' sources), the imports
    and definitions of every code cell that is not the instructor's (a cell the student added, or an
    unlocked one they changed), so that a solution using a helper or an import of its own is judged
    as it ran."""
    known = None if instructor is None else {without_words(s).strip() for s in instructor}
    # a graded name that no answer cell defines (its cell lost its metadata, or the answer was
    # written in a cell of the student's own) is taken from the student's cells
    answered = {n for c in nb.cells if c.cell_type == "code" and nbutils.is_solution(c)
                for n in defined_names(c.source)}
    out = []
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        if nbutils.is_solution(c):
            out.append(without_magics(c.source))
        elif known is not None and "nbgrader" not in c.get("metadata", {}) \
                and without_words(c.source).strip() not in known:  # the instructor's in any language
            extra = student_definitions(c.source, set(graded) & answered)
            if extra:
                out.append(extra)
    return out


def instructor_sources(path):
    """The sources of the code cells of the instructor's notebook at ``path`` that are not answer
    cells (None if unreadable): a student's cell with one of these is the instructor's, not theirs."""
    import nbformat

    try:
        nb = nbformat.read(str(path), as_version=4)
    except (OSError, ValueError):
        return None
    return [c.source for c in nb.cells if c.cell_type == "code" and not nbutils.is_solution(c)]


def check_name(grade_id):
    return grade_id[5:] if grade_id.startswith("test_") else grade_id


def kernel_notes(info):
    """The notes of :class:`grader.autograde.execute.RobustExecute` (``resources["nnkit"]``), for the report."""
    notes = [f"kernel: {h}" for h in info.get("limits", ())]
    if info.get("kernel"):
        notes.append(f"kernel: {info['kernel']} (feedback incomplete; scores decided by the judge)")
    if info.get("sandbox"):
        notes.append(info["sandbox"])
    return notes


def judge_notebook(nb, assignment, instructor=None, sandbox_mode="auto",
                   cell_timeout=limits.JUDGE_CELL_TIMEOUT, function_timeout=limits.JUDGE_FUNCTION_TIMEOUT,
                   seed=None, seconds=None, notebook_timeout=limits.JUDGE_NOTEBOOK_TIMEOUT):
    """``(verdicts, notes)``: the judge's verdict on every graded test cell of ``nb``, by check name
    in the order of the cells, and the notes for the report; the worker runs in a sandbox (``sandbox_mode``: auto, on, off).

    ``instructor``: the code cells of the instructor's notebook (:func:`instructor_sources`), so that
    cells the student added are judged with the solutions; None runs the solution cells only. ``seed``: the
    course's grading seed of the hidden cases (:func:`grader.check.engine.hidden_seed`). Used by
    the nbgrader preprocessor (:class:`grader.autograde.judge_cells.JudgeCells`) and by
    ``nnkit-grade judge``. ``seconds``: a dict that receives where the time went (the worker's start,
    the solution cells, each graded name), for the report and the grading benchmark.
    """
    from grader.sandbox import box as sandbox

    prefix, workdir, note = sandbox.prepare(sandbox_mode)
    try:
        aspec = specs.load(assignment)
        judge = Judge(aspec, workdir, cell_timeout, function_timeout, prefix, notebook_timeout=notebook_timeout)
        names = [check_name(c.metadata.nbgrader["grade_id"]) for c in graded_test_cells(nb)]
        graded = set(aspec.functions) | set(aspec.questions)
        with hidden_seed(seed), language(metadata_language(nb.metadata)):
            verdicts = judge.judge(solution_sources(nb, graded, instructor), names)
        verdicts = {n: verdicts[n] for n in names}  # in the order of the test cells
    finally:
        hits = sandbox.cleanup(workdir)
        if seconds is not None and "judge" in locals():
            seconds.update({k: round(v, 4) for k, v in judge.seconds.items()})
    return verdicts, judge.notes + [f"judge: {h}" for h in hits] + ([note] if note else [])
