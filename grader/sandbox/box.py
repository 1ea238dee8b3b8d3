"""Sandboxes for student code: bubblewrap, a throwaway uid, cgroup limits, and a sweep at the end.

Student code runs in two places while grading, and both run it in a :class:`Box` built here: the
judge's worker (:mod:`grader.judge.judge`, through :func:`prepare` and :func:`cleanup`) and the notebook's
kernel (:class:`grader.sandbox.kernel.SandboxedKernelManager`).

Inside a box there is ``/usr``, the Python environment (read-only), the folders the caller binds,
a private ``/tmp``, a fresh ``/proc`` and ``/dev``, and nothing else of the machine's files; no
network (a network namespace of its own), its own pid, IPC and UTS namespaces, a new session, and no
capabilities. As root, the code runs as a throwaway uid without groups (bubblewrap itself runs as
root so that it can bind a Python that lives under ``/root``; ``setpriv`` drops to the uid and clears
every capability, the bounding set included). Limits: memory and processes (threads included) by a
cgroup of the box's own (cgroup v1 or v2) where cgroups are writable, else by rlimits (address space;
processes of the throwaway uid), which the box's ``note`` then says; CPU time, core files and file
size by rlimits. When the box closes, every process in its cgroup is killed (a double-forked, setsid
daemon included; the pid namespace ends them too when the box's first process ends), the cgroups are
removed, and :meth:`Box.close` says which limits were hit.

Modes: ``"auto"`` (sandbox wherever it runs, else run unsandboxed and say so), ``"on"`` (refuse to
run without it) or ``"off"``; the course's configuration reads ``NNKIT_SANDBOX``.

``python -m grader.sandbox --install`` installs bubblewrap (the Debian package ``bubblewrap``) when it
is missing and this is root with ``apt-get``; ``--check`` says whether the sandboxes work here.
"""

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grader import limits


class SandboxUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class Limits:
    """What one box may use."""

    memory_mb: int = limits.MEMORY_MB
    processes: int = limits.PROCESSES  # processes and threads
    cpu_seconds: int = limits.CPU_SECONDS  # per process
    file_mb: int = limits.FILE_MB  # largest file it may write


#: Run by ``sh`` before everything else: join the box's cgroups (arguments up to ``--``), then exec.
ENTER_CGROUPS = 'while [ "$1" != -- ]; do echo 0 > "$1" || exit 125; shift; done; shift; exec "$@"'
UID_BASE, UID_SPAN = 200000, 100000
CAPS_FOR_SETPRIV = ("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP")


# --------------------------------------------------------------------------------------------------
# bubblewrap's arguments (shared by the worker's and the kernel's boxes)


def _python_roots():
    """The folders the Python environment lives in (read-only inside the sandbox)."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.executable).resolve().parent.parent}
    return sorted(roots)


def _is_under(path, folder):
    return path == folder or folder in path.parents


def _parent_dirs(dest, made, mounted):
    """``--dir`` arguments for the folders above ``dest`` that neither exist yet nor are inside a
    mount (bubblewrap would make them private to root, 0700: they are made world-readable)."""
    args = []
    for p in reversed(Path(dest).parents):
        if p == Path("/") or p in made or any(_is_under(p, m) for m in mounted):
            continue
        args += ["--perms", "0755", "--dir", str(p)]
        made.add(p)
    return args


def bwrap_args(mounts=(), chdir=None, env=None, switch_uid=False):
    """bubblewrap's options for a box: ``mounts`` is a list of ``(kind, source, dest)``, kind
    ``"bind"`` or ``"ro-bind"``, applied in order after the Python roots; ``env`` (a dict) replaces
    the environment; ``switch_uid`` keeps the capabilities ``setpriv`` needs to drop to a uid."""
    args = ["--die-with-parent", "--new-session"]
    if switch_uid:  # root: no user namespace, so that setpriv can switch to a real throwaway uid
        args += ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                 "--cap-drop", "ALL"]
        for cap in CAPS_FOR_SETPRIV:
            args += ["--cap-add", cap]
    else:
        args += ["--unshare-all", "--cap-drop", "ALL"]
    args += ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--perms", "1777",
             "--size", str(limits.TMP_MB * 2 ** 20), "--tmpfs", "/tmp"]
    for d in ("/bin", "/lib", "/lib64", "/lib32", "/sbin"):
        if Path(d).is_symlink():
            args += ["--symlink", str(Path(d).readlink()), d]
        elif Path(d).exists():
            args += ["--ro-bind", d, d]
    made, mounted = {Path("/tmp")}, [Path("/usr"), Path("/proc"), Path("/dev")]
    roots = [("ro-bind", r, r) for r in _python_roots() if not _is_under(r, Path("/usr"))]
    for kind, src, dest in [*roots, *mounts]:
        if kind == "tmpfs":  # a folder in memory of at most ``src`` bytes (nothing reaches the disk)
            args += _parent_dirs(dest, made, mounted) + ["--perms", "1777", "--size", str(int(src)),
                                                         "--tmpfs", str(dest)]
        else:
            args += _parent_dirs(dest, made, mounted) + [f"--{kind}", str(src), str(dest)]
        mounted.append(Path(dest))
    if env is not None:
        args.append("--clearenv")
        for k, v in env.items():
            args += ["--setenv", k, v]
    if chdir:
        args += ["--chdir", str(chdir)]
    return args


def setpriv_args(uid):
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
            "--bounding-set=-all", "--"]


# --------------------------------------------------------------------------------------------------
# cgroups


def _read(path, default=""):
    try:
        return Path(path).read_text()
    except OSError:
        return default


def _write(path, text):
    Path(path).write_text(str(text))


def _count(path, key):
    """The number after ``key`` in a flat-keyed cgroup file (``memory.events``, ``pids.events``)."""
    for line in _read(path).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == key:
            return int(parts[1])
    return 0


def _cgroup_mounts():
    """{controller or "unified": mount point} from /proc/self/mounts."""
    out = {}
    for line in _read("/proc/self/mounts").splitlines():
        parts = line.split()
        if len(parts) < 4:
            continue
        if parts[2] == "cgroup2":
            out.setdefault("unified", parts[1])
        elif parts[2] == "cgroup":
            for opt in parts[3].split(","):
                out.setdefault(opt, parts[1])
    return out


def _own_cgroups():
    """{controller or "unified": this process's cgroup path} from /proc/self/cgroup."""
    out = {}
    for line in _read("/proc/self/cgroup").splitlines():
        _, controllers, path = line.split(":", 2)
        for c in controllers.split(",") if controllers else ["unified"]:
            out[c] = path
    return out


class Cgroups:
    """The box's own cgroups: memory and process limits, what was hit, and the sweep at the end."""

    def __init__(self, version, memory_dir, pids_dir, limits):
        self.version, self.memory, self.pids, self.limits = version, Path(memory_dir), Path(pids_dir), limits

    @classmethod
    def create(cls, name, limits):
        """Cgroups named ``name`` below this process's own, or None where they cannot be made."""
        mounts, own = _cgroup_mounts(), _own_cgroups()
        for make in (cls._make_v1, cls._make_v2):
            try:
                return make(name, limits, mounts, own)
            except (OSError, KeyError, ValueError):
                continue
        return None

    @classmethod
    def existing(cls, name, limits=None):
        """The cgroups named ``name`` below this process's own, if they exist (None otherwise)."""
        mounts, own = _cgroup_mounts(), _own_cgroups()
        try:
            if "memory" in mounts and "pids" in mounts:
                box = cls(1, Path(mounts["memory"] + own["memory"]) / name, Path(mounts["pids"] + own["pids"]) / name,
                          limits or Limits())
            else:
                d = Path(mounts["unified"] + own["unified"]) / name
                box = cls(2, d, d, limits or Limits())
        except KeyError:
            return None
        return box if any(d.is_dir() for d in box.dirs()) else None

    @classmethod
    def _make_v1(cls, name, limits, mounts, own):
        mem = Path(mounts["memory"] + own["memory"]) / name
        pids = Path(mounts["pids"] + own["pids"]) / name
        box = cls(1, mem, pids, limits)
        try:
            for d in (mem, pids):
                d.mkdir()
            _write(mem / "memory.limit_in_bytes", limits.memory_mb * 2 ** 20)
            if (mem / "memory.memsw.limit_in_bytes").exists():  # no swapping past the limit either
                _write(mem / "memory.memsw.limit_in_bytes", limits.memory_mb * 2 ** 20)
            _write(pids / "pids.max", limits.processes)
        except OSError:
            box.remove()
            raise
        return box

    @classmethod
    def _make_v2(cls, name, limits, mounts, own):
        parent = Path(mounts["unified"] + own["unified"])
        if not {"memory", "pids"} <= set(_read(parent / "cgroup.subtree_control").split()):
            raise ValueError("memory and pids are not delegated here")
        d = parent / name
        box = cls(2, d, d, limits)
        try:
            d.mkdir()
            _write(d / "memory.max", limits.memory_mb * 2 ** 20)
            if (d / "memory.swap.max").exists():
                _write(d / "memory.swap.max", 0)
            _write(d / "pids.max", limits.processes)
        except OSError:
            box.remove()
            raise
        return box

    def dirs(self):
        return [self.memory] if self.memory == self.pids else [self.memory, self.pids]

    def procs_files(self):
        return [str(d / "cgroup.procs") for d in self.dirs()]

    def hits(self):
        """The limits that were hit, in words."""
        out = []
        if self.version == 1:
            ooms = _count(self.memory / "memory.oom_control", "oom_kill")
        else:
            ooms = _count(self.memory / "memory.events", "oom_kill")
        if ooms:
            out.append(f"hit the memory limit ({self.limits.memory_mb} MB)")
        if _count(self.pids / "pids.events", "max"):
            out.append(f"hit the process limit ({self.limits.processes} processes and threads)")
        return out

    def pids_inside(self):
        return {int(p) for f in self.procs_files() for p in _read(f).split()}

    def kill_all(self, patience=10.0):
        """SIGKILL every process in the cgroups until none is left."""
        try:
            _write(self.pids / "pids.max", 0)  # no new process from here on
        except OSError:
            pass
        deadline = time.monotonic() + patience
        while True:
            pids = self.pids_inside()
            if not pids or time.monotonic() > deadline:
                return not pids
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            time.sleep(0.01)

    def remove(self):
        for d in self.dirs():
            for _ in range(200):  # a killed process may take a moment to leave
                try:
                    d.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)


# --------------------------------------------------------------------------------------------------
# A box


def _below_hard(name, value):
    """``value``, or this process's hard limit if lower (raising it needs CAP_SYS_RESOURCE)."""
    hard = resource.getrlimit(getattr(resource, f"RLIMIT_{name.upper()}"))[1]
    return value if hard == resource.RLIM_INFINITY else min(value, hard)


def _throwaway_uid():
    """A uid no account uses, different for every grading process alive at the same time."""
    return UID_BASE + os.getpid() % UID_SPAN


def new_workdir(kind):
    """A private folder for a box or a judge's worker, marked with the process that owns it (so that
    :func:`sweep_stale` knows it for left behind once that process is gone); old ones swept first."""
    if not _SWEPT:
        _SWEPT.append(True)
        sweep_stale()
    d = Path(tempfile.mkdtemp(prefix=f"nnkit-{kind}-"))
    (d / OWNER).write_text(str(os.getpid()))
    return d


OWNER = ".owner"
_SWEPT = []


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(root=None, max_age=86400.0):
    """Remove what killed gradings left behind: the folders ``nnkit-<kind>-*`` of a process that is
    gone (or, unmarked, older than ``max_age`` seconds), with their cgroups and any process still in
    them. The folders of a grading still running are left alone. The names removed."""
    removed = []
    for d in sorted(Path(root or tempfile.gettempdir()).glob("nnkit-*-*")):
        try:
            if not d.is_dir() or d.is_symlink() or d.stat().st_uid != os.geteuid():
                continue
            owner = (d / OWNER).read_text().strip() if (d / OWNER).is_file() else ""
            stale = (not _alive(int(owner))) if owner.isdigit() else time.time() - d.stat().st_mtime > max_age
        except (OSError, ValueError):
            continue
        if not stale:
            continue
        cg = Cgroups.existing(d.name)
        if cg is not None:
            cg.kill_all(patience=2.0)
            cg.remove()
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d.name)
    return removed


class Box:
    """One sandbox: a private folder, a throwaway uid (as root), cgroups with limits, the command
    that enters it, and :meth:`close`, which ends every process in it.

    ``workdir`` is the instructor's (mode 700); :meth:`folder` makes the box's folders in it."""

    def __init__(self, kind, limits=Limits()):
        self.limits = limits
        self.workdir = new_workdir(kind)
        self.uid = _throwaway_uid() if os.geteuid() == 0 else None
        self.cgroups = Cgroups.create(self.workdir.name, limits)
        self.closed = False
        self.hits = []
        self.note = None if self.cgroups else (
            "memory and process limits set by rlimits (cgroups are not writable here)")

    def folder(self, name):
        """A new folder of the box's uid in ``workdir`` (open to bubblewrap, which has no capabilities
        left when it enters it)."""
        d = self.workdir / name
        d.mkdir(mode=0o755)
        self.own(d)
        return d

    def own(self, *paths):
        """Give ``paths`` (folders: with everything in them) to the box's uid. Symbolic links are
        neither followed nor entered (a submission's link must not give away what it points to)."""
        if self.uid is None:
            return
        for p in paths:
            os.chown(p, self.uid, self.uid, follow_symlinks=False)
            for folder, dirs, files in os.walk(p) if Path(p).is_dir() and not Path(p).is_symlink() else ():
                for name in dirs + files:
                    os.chown(os.path.join(folder, name), self.uid, self.uid, follow_symlinks=False)

    def _rlimits(self):
        """prlimit's options (the CPU's hard limit 5 s later: SIGXCPU first says what happened)."""
        lim = self.limits
        wanted = {"cpu": (lim.cpu_seconds, lim.cpu_seconds + 5), "core": (0, 0),
                  "fsize": (lim.file_mb * 2 ** 20,) * 2}
        if self.cgroups is None:
            wanted["as"] = (lim.memory_mb * 2 ** 20,) * 2
            if self.uid is not None:  # per uid: the throwaway uid is this box's alone
                wanted["nproc"] = (lim.processes,) * 2
        return [f"--{name}={_below_hard(name, soft)}:{_below_hard(name, hard)}"
                for name, (soft, hard) in wanted.items()]

    def command(self, argv, mounts=(), chdir=None, env=None):
        """``argv`` run inside the box (see :func:`bwrap_args` for ``mounts``, ``chdir``, ``env``)."""
        cmd = []
        if self.cgroups is not None:
            cmd += ["/bin/sh", "-c", ENTER_CGROUPS, "nnkit-sandbox", *self.cgroups.procs_files(), "--"]
        cmd += ["prlimit", *self._rlimits(), "--"]
        cmd += ["bwrap", *bwrap_args(mounts, chdir, env, switch_uid=self.uid is not None), "--"]
        if self.uid is not None:
            cmd += setpriv_args(self.uid)
        return cmd + list(argv)

    def close(self, exit_code=None):
        """End every process of the box, remove its cgroups and folder; the limits it hit, in words."""
        if self.closed:
            return self.hits
        self.closed = True
        if self.cgroups is not None:
            self.hits = self.cgroups.hits()
            self.cgroups.kill_all()
            self.cgroups.remove()
        if exit_code in (128 + signal.SIGXCPU, -signal.SIGXCPU):
            self.hits.append(f"hit the CPU time limit ({self.limits.cpu_seconds} s)")
        shutil.rmtree(self.workdir, ignore_errors=True)
        return self.hits


# --------------------------------------------------------------------------------------------------
# Can it run here?


def _missing_programs():
    needed = ["bwrap", "prlimit"] + (["setpriv"] if os.geteuid() == 0 else [])
    return [p for p in needed if not shutil.which(p)]


@lru_cache(maxsize=None)
def unavailable():
    """None if a box can run here, else why not (in words)."""
    missing = _missing_programs()
    if missing:
        return (f"{', '.join(missing)} not found (install the Debian package 'bubblewrap', "
                "or run: python -m grader.sandbox --install)")
    box = Box("probe", Limits())
    try:
        work = box.folder("work")
        r = subprocess.run(box.command(["true"], [("bind", work, work)], chdir=work),
                           capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"bubblewrap could not start: {e}"
    finally:
        box.close()
    if r.returncode != 0:
        return f"bubblewrap cannot run here: {r.stderr.decode(errors='replace').strip()[:300]}"
    return None


def bwrap_works():
    """True if a box can run here."""
    return unavailable() is None


MODES = ("auto", "on", "off")


def check_mode(mode):
    """None if ``mode`` may sandbox, else the note for running without it; raises in mode "on"."""
    if mode not in MODES:
        raise ValueError(f"the sandbox's mode (NNKIT_SANDBOX) is one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off":
        return None
    why = unavailable()
    if why is None:
        return None
    if mode == "on":
        raise SandboxUnavailable(f"the sandbox cannot run here: {why}. To grade without it (only "
                                 "submissions you trust), set NNKIT_SANDBOX=off.")
    return f"ran without a sandbox: {why}"


# --------------------------------------------------------------------------------------------------
# The judge's worker


_BOXES = {}


def prepare(mode):
    """``(command_prefix, workdir, note)`` for a judge's worker; :func:`cleanup` ends it."""
    why = check_mode(mode)
    if mode == "off" or why:
        return (), new_workdir("judge"), why and f"judge {why}"
    box = Box("judge", Limits())
    work = box.folder("work")
    _BOXES[str(work)] = box
    # the worker's folder is a size-limited filesystem in memory, not the instructor's disk
    prefix = box.command([], [("tmpfs", limits.WORK_MB * 2 ** 20, work)], chdir=work)
    return tuple(prefix), work, box.note and f"judge: {box.note}"


def cleanup(workdir):
    """End every process of the worker's box and remove its folder; the limits it hit, in words."""
    box = _BOXES.pop(str(workdir), None)
    if box is None:
        shutil.rmtree(workdir, ignore_errors=True)
        return []
    return box.close()
