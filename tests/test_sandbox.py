"""The sandbox of students' code, through nbgrader's real ``autograde``: nothing escapes, nothing is earned.

One autograde run (two processes, the sandbox on) grades a submission per attack. Each attack runs
in a solution cell, so both the kernel (feedback) and the judge's worker (scores) run it: what the
worker could see decides a score (a function that turns wrong when it saw something), and what the
kernel could see is printed in the autograded notebook. Files, processes and the gradebook are then
checked on the real machine.
"""

import hashlib
import os
import socket
import threading
import time
import uuid
from pathlib import Path

import nbformat
import pytest

import nbcycle
from grader.sandbox import box as sandbox

pytestmark = pytest.mark.slow
#: Every test of an attack needs the sandbox; the tests of running without it run everywhere.
needs_sandbox = pytest.mark.skipif(not sandbox.bwrap_works(), reason=f"the sandbox cannot run here: "
                                   f"{sandbox.unavailable()} (python -m grader.sandbox --check)")

TAG = "nnk" + uuid.uuid4().hex[:12]  # in the names of every file and process an attack makes
FULL = nbcycle.POINTS
LOST_SIGMOID = {**FULL, "test_sigmoid": 0.0}
RIGHT = "1 / (1 + np.exp(-z))"
ONE_MISTAKE = {"relu": "def relu(z):\n    return np.max(z, 0)\n"}
WRONG = "1 / (1 + np.exp(z))"


def sigmoid_unless(flag):
    """A sigmoid that is right only if ``flag`` (a name the cell defines) is empty."""
    return f"def sigmoid(z):\n    return {WRONG} if {flag} else {RIGHT}\n"


def write_outside(cdir):
    targets = ["../" + TAG + "-dotdot", f"{cdir}/{TAG}-course", f"/tmp/{TAG}-tmp", f"~/{TAG}-home"]
    return ("import os\nWROTE = []\n"
            f"for p in {targets!r}:\n"
            "    try:\n"
            "        with open(os.path.expanduser(p), 'w') as f:\n            f.write('escaped')\n"
            "        WROTE.append(p)\n"
            "    except OSError:\n        pass\n"
            "print('WROTE', WROTE)\n"
            f"def sigmoid(z):\n    return {RIGHT}\n")


def read_secrets(cdir):
    secrets = [cdir / "source" / "01_neuron" / "01_neuron.ipynb", cdir / "gradebook.db",
               cdir / "submitted" / "complete" / "01_neuron" / "01_neuron.ipynb",
               "../../../submitted/complete/01_neuron/01_neuron.ipynb", "../../../gradebook.db"]
    return ("SEEN = []\n"
            f"for p in {[str(s) for s in secrets]!r}:\n"
            "    try:\n"
            "        with open(p, 'rb') as f:\n            f.read(1)\n"
            "        SEEN.append(p)\n"
            "    except OSError:\n        pass\n"
            "print('SEEN', SEEN)\n" + sigmoid_unless("SEEN"))


def daemon(cdir):
    """A double-forked, setsid daemon that waits for grading to end, then rewrites the gradebook."""
    body = (f"import sqlite3, time\ntime.sleep(4)\nopen('/tmp/{TAG}-daemon', 'w').write('alive')\n"
            f"db = sqlite3.connect({str(cdir / 'gradebook.db')!r})\n"
            "db.execute('UPDATE grade SET manual_score = 100')\ndb.commit()\n")
    return ("import os, sys\n"
            "pid = os.fork()\n"
            "if pid == 0:\n"
            "    os.setsid()\n"
            "    if os.fork() == 0:\n"
            f"        os.execv(sys.executable, [sys.executable, '-c', {body!r}, {TAG!r}])\n"
            "    os._exit(0)\n"
            "os.waitpid(pid, 0)\n"
            f"def sigmoid(z):\n    return {WRONG}\n")


FORK_BOMB = (f"import os, time\nopen('/proc/self/comm', 'w').write({TAG!r})\n"
             "while True:\n"
             "    try:\n        os.fork()\n"
             "    except OSError:\n        time.sleep(0.05)\n")
MEMORY_BOMB = "hog = np.ones(8 * 2 ** 30 // 8)  # 8 GB, every page touched\ndef tanh(z):\n    return np.tanh(z)\n"


def network(port):
    addresses = [("127.0.0.1", port), ("1.1.1.1", 80), ("8.8.8.8", 53)]
    return ("import socket\nREACHED = []\n"
            f"for a in {addresses!r}:\n"
            "    try:\n        socket.create_connection(a, timeout=2).close()\n        REACHED.append(a)\n"
            "    except OSError:\n        pass\n"
            "try:\n    REACHED.append(socket.getaddrinfo('example.com', 80)[0][4])\nexcept OSError:\n    pass\n"
            "print('REACHED', REACHED)\n" + sigmoid_unless("REACHED"))


class Listener:
    """A TCP server on 127.0.0.1 that counts who connects."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _with_env(name, value, fn):
    old = os.environ.get(name)
    os.environ[name] = value  # read by the course's configuration in autograde's worker processes
    try:
        return fn()
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    if not sandbox.bwrap_works():
        pytest.skip(f"the sandbox cannot run here: {sandbox.unavailable()}")
    nbcycle.env_for_tests()
    tmp = tmp_path_factory.mktemp("sandbox")
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp, {"01_neuron": source})
    nbcycle.generate(cdir, "01_neuron")
    server = Listener()
    wrong = {"sigmoid": f"def sigmoid(z):\n    return {WRONG}\n"}
    subs = {
        "complete": source,
        "one_mistake": nbcycle.with_cells(source, replace=ONE_MISTAKE),
        "write_outside": nbcycle.with_cells(source, replace={"sigmoid": write_outside(cdir)}),
        "read_secrets": nbcycle.with_cells(source, replace={"sigmoid": read_secrets(cdir)}),
        "daemon": nbcycle.with_cells(source, replace={"sigmoid": daemon(cdir)}),
        "fork_bomb": nbcycle.with_cells(source, replace=wrong, append=[FORK_BOMB]),
        "memory_bomb": nbcycle.with_cells(source, replace={**wrong, "tanh": MEMORY_BOMB}),
        "network": nbcycle.with_cells(source, replace={"sigmoid": network(server.port)}),
    }
    started = time.monotonic()
    results, scores, report = _with_env("NNKIT_SANDBOX", "on",
                                        lambda: nbcycle.grade(cdir, "01_neuron", subs, tmp, jobs=2))
    return {"cdir": cdir, "tmp": tmp, "results": {r.student: r for r in results}, "scores": scores,
            "report": report, "server": server, "seconds": time.monotonic() - started,
            "done": time.monotonic(), "gradebook": _sha(cdir / "gradebook.db"), "source": source}


def kernel_output(cdir, student):
    """Everything the kernel printed in the student's autograded notebook."""
    nb = nbformat.read(cdir / "autograded" / student / "01_neuron" / "01_neuron.ipynb", as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def marked_processes():
    """Processes of this machine that carry the attacks' tag (name or command line)."""
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                text = (d / "comm").read_text() + (d / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if TAG in text:
                found.append(d.name)
    return found


def notes_of(graded, student):
    return [n for n in graded["report"]["notes"] if n.startswith(f"{student} /")]


@needs_sandbox
def test_every_submission_is_graded(graded):
    assert not graded["report"]["not_graded"], graded["report"]["not_graded"]
    assert graded["scores"]["complete"] == FULL


@needs_sandbox
def test_files_written_outside_the_notebooks_folder_do_not_exist(graded):
    cdir = graded["cdir"]
    assert graded["scores"]["write_outside"] == FULL
    assert "WROTE" in kernel_output(cdir, "write_outside")  # the kernel ran the attempt
    mine = [cdir / folder / "write_outside" for folder in ("autograded", "submitted")]
    for p in [*(d / f"{TAG}-dotdot" for d in mine), *(d / "01_neuron" / f"{TAG}-home" for d in mine),
              cdir / f"{TAG}-course", Path("/tmp") / f"{TAG}-tmp", Path.home() / f"{TAG}-home"]:
        assert not p.exists(), p


@needs_sandbox
def test_the_source_the_gradebook_and_other_submissions_cannot_be_read(graded):
    assert graded["scores"]["read_secrets"] == FULL  # the judge's worker saw none of them
    assert "SEEN []" in kernel_output(graded["cdir"], "read_secrets")  # nor did the kernel


@needs_sandbox
def test_no_network(graded):
    assert graded["scores"]["network"] == FULL
    assert "REACHED []" in kernel_output(graded["cdir"], "network")
    assert graded["server"].connections == 0


@needs_sandbox
def test_a_daemon_does_not_outlive_the_notebook(graded):
    assert not marked_processes()
    time.sleep(max(0.0, graded["done"] + 5 - time.monotonic()))  # past the daemon's wake-up
    assert not marked_processes()
    assert _sha(graded["cdir"] / "gradebook.db") == graded["gradebook"]
    assert nbcycle.scores(graded["cdir"], "01_neuron")["daemon"] == LOST_SIGMOID
    assert not Path(f"/tmp/{TAG}-daemon").exists()


@needs_sandbox
def test_a_fork_bomb_hits_the_process_limit_and_is_reported(graded):
    assert graded["scores"]["fork_bomb"] == LOST_SIGMOID
    notes = notes_of(graded, "fork_bomb")
    assert any("kernel: hit the process limit" in n for n in notes), notes
    assert any("kernel: hit the time limit" in n for n in notes), notes
    assert not marked_processes()


@needs_sandbox
def test_a_memory_bomb_hits_the_memory_limit_and_is_reported(graded):
    assert graded["scores"]["memory_bomb"] == {**LOST_SIGMOID, "test_tanh": 0.0}
    notes = notes_of(graded, "memory_bomb")
    assert any("kernel: hit the memory limit (1024 MB)" in n for n in notes), notes
    assert any("judge: hit the memory limit (1024 MB)" in n for n in notes), notes
    assert "memory_bomb / 01_neuron: kernel: hit the memory limit" in graded["report"]["text"]


@needs_sandbox
def test_correct_submissions_get_the_same_scores_without_the_sandbox(graded):
    tmp = graded["tmp"] / "unsandboxed"
    cdir = nbcycle.make_course(tmp, {"01_neuron": graded["source"]})
    nbcycle.generate(cdir, "01_neuron")
    subs = {"complete": graded["source"], "one_mistake": nbcycle.with_cells(graded["source"], replace=ONE_MISTAKE)}
    _, off, report = _with_env("NNKIT_SANDBOX", "off", lambda: nbcycle.grade(cdir, "01_neuron", subs, tmp, jobs=2))
    assert off == {s: graded["scores"][s] for s in subs}
    assert off["complete"] == FULL and off["one_mistake"] == {**FULL, "test_relu": 0.0}
    assert not any(notes_of(graded, s) for s in subs)
    # graded without the sandbox: the report says so, loudly, for every notebook
    assert report["unsandboxed"] == sorted(subs)
    assert "WITHOUT the sandbox" in report["text"].splitlines()[2]
    assert all("NNKIT_SANDBOX=off" in n for n in report["notes"]) and len(report["notes"]) == len(subs)


def test_where_the_sandbox_cannot_run_auto_goes_on_with_a_note_and_on_refuses(monkeypatch, tmp_path):
    from jupyter_client.manager import AsyncKernelManager

    from grader.autograde.execute import RobustExecute, SandboxedExecute
    from grader.judge.judge import kernel_notes

    monkeypatch.setattr(sandbox, "unavailable", lambda: "bwrap not found (in this test)")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])
    ex = RobustExecute(sandbox="auto")
    assert ex.kernel_manager_class is AsyncKernelManager
    nb, resources = ex.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert nb.cells[0].outputs[0].text == "42\n"
    assert any("kernel ran without a sandbox: bwrap not found" in n for n in kernel_notes(resources["nnkit"]))
    prefix, workdir, note = sandbox.prepare("auto")
    sandbox.cleanup(workdir)
    assert prefix == () and "judge ran without a sandbox" in note
    with pytest.raises(sandbox.SandboxUnavailable, match="NNKIT_SANDBOX=off"):
        RobustExecute(sandbox="on").preprocess(nb, {})
    assert SandboxedExecute(sandbox="auto").kernel_manager_class is AsyncKernelManager  # nbgrader validate
    with pytest.raises(sandbox.SandboxUnavailable, match="NNKIT_SANDBOX=off"):
        SandboxedExecute(sandbox="on").preprocess(nb, {})
    with pytest.raises(sandbox.SandboxUnavailable):
        sandbox.prepare("on")


@needs_sandbox
def test_nbgrader_validate_runs_the_kernel_in_the_sandbox(tmp_path):
    """The instructor's ``nbgrader validate``: the release fails; the source, with cells that write
    into the course and into its own folder, passes and leaves nothing on the machine."""
    import subprocess
    import sys

    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp_path, {"01_neuron": source})
    release = nbcycle.generate(cdir, "01_neuron")
    escaped = cdir / f"{TAG}-validate"
    spy = nbcycle.with_cells(source, append=[f"open({str(escaped)!r}, 'w').write('escaped')",
                                             f"open('{TAG}-left', 'w').write('left')"])
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    out = {}
    for name, nb in (("release", release), ("spy", spy)):
        folder = tmp_path / "validate" / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / "01_neuron.ipynb")
        r = subprocess.run([nbgrader, "validate", str(folder / "01_neuron.ipynb")], cwd=cdir,
                           capture_output=True, text=True, timeout=300)
        out[name] = r.stdout + r.stderr
    assert "VALIDATION FAILED" in out["release"] and "Success!" not in out["release"], out["release"][-2000:]
    assert "Success! Your notebook passes all the tests." in out["spy"], out["spy"][-2000:]
    assert not escaped.exists()  # the course's folder is not in the box
    assert not (tmp_path / "validate" / "spy" / f"{TAG}-left").exists()  # its own folder is a copy


@needs_sandbox
def test_the_kernel_sees_only_the_student_side_of_the_grader():
    """The kernel imports the checks and the specs; the judge, the sandbox and the course's tools
    are not in its box (the folders are not mounted)."""
    import asyncio

    from grader.sandbox.kernel import SandboxedKernelManager

    probe = ("import importlib, pathlib, grader\n"
             "from grader.check import Checker\n"
             "Checker('01_neuron')\n"
             "found = []\n"
             "for m in ('grader.judge', 'grader.sandbox', 'grader.instructor', 'grader.autograde', 'grader.cli'):\n"
             "    try:\n"
             "        importlib.import_module(m)\n"
             "        found.append(m)\n"
             "    except ImportError:\n"
             "        pass\n"
             "print('FOUND', found, sorted(p.name for p in pathlib.Path(grader.__path__[0]).iterdir()))\n")

    async def run():
        km = SandboxedKernelManager(kernel_name="python3")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        seen = []
        try:
            await kc.wait_for_ready(timeout=60)
            reply = await kc.execute_interactive(probe, timeout=60, output_hook=lambda msg: seen.append(
                msg["content"].get("text") or msg["content"].get("evalue") or ""))
            return reply["content"]["status"], "".join(seen)
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    status, out = asyncio.run(run())
    assert status == "ok", out
    assert "FOUND []" in out, out
    assert "judge" not in out.split("FOUND []", 1)[1], out


def test_the_workers_folder_is_a_small_filesystem_in_memory(tmp_path):
    """A solution that writes files without end (8 x 255 MB with fallocate, say) fills a folder of
    limits.WORK_MB in memory: nothing reaches the instructor's disk, and the worker goes on."""
    from grader import limits, specs
    from grader.judge.judge import Judge
    from grader.sandbox import box as sandbox

    if sandbox.check_mode("on"):
        pytest.skip("no sandbox on this machine")
    prefix, work, _ = sandbox.prepare("on")
    try:
        src = ("import os\nwritten = 0\nfor i in range(8):\n    try:\n"
               "        with open(f'big{i}', 'wb') as fh:\n            os.posix_fallocate(fh.fileno(), 0, 255 * 2 ** 20)\n"
               "        written += 255\n    except OSError:\n        break\n"
               "def sigmoid(z):\n    return written + 0 * z\n")
        v = Judge(specs.load("01_neuron"), work, command_prefix=prefix).judge([src], ["sigmoid"])
        # it ran, and returned how many MB it managed to write: none of the 255 MB files fitted
        assert "got [[0., 0., 0.]]" in v["sigmoid"].message, v["sigmoid"].message
        host = sum(p.stat().st_size for p in work.rglob("*") if p.is_file())
        assert host < 2 ** 20, host  # nothing on the instructor's disk
        assert limits.WORK_MB < 255
    finally:
        sandbox.cleanup(work)


def test_what_a_killed_grading_left_behind_is_swept_on_the_next_run(tmp_path):
    """A grading process killed mid-way leaves its box's folder and cgroups behind (and any process
    still in them); the next grading sweeps them, never a folder of a grading still running."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    from grader.sandbox import box as sandbox

    code = textwrap.dedent("""
        import subprocess, sys, time
        from grader.sandbox.box import Box
        b = Box("judge")
        f = b.folder("w")
        cmd = ["sh", "-c", "echo $$ > " + str(f / "child") + "; sleep 300"]
        p = subprocess.Popen(b.command(cmd, [("bind", f, f)]) if b.cgroups else cmd)
        print(b.workdir, flush=True)
        time.sleep(300)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    workdir = Path(proc.stdout.readline().strip())
    for _ in range(200):
        if (workdir / "w" / "child").is_file() and (workdir / "w" / "child").read_text().strip():
            break
        time.sleep(0.05)
    live = sandbox.new_workdir("judge")  # a grading still running: this process's
    try:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert workdir.is_dir()
        cg = sandbox.Cgroups.existing(workdir.name)  # bubblewrap's --die-with-parent ends its processes
        removed = sandbox.sweep_stale()
        assert workdir.name in removed and not workdir.exists()
        assert live.is_dir() and live.name not in removed
        if cg is not None:  # the box's cgroups are gone: no process was left in them
            assert not any(d.exists() for d in cg.dirs())
    finally:
        import shutil
        shutil.rmtree(live, ignore_errors=True)
