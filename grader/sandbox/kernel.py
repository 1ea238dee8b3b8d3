"""The notebook's kernel in a sandbox: a kernel manager that starts ipykernel inside a :class:`Box`.

:class:`SandboxedKernelManager` is what :class:`grader.autograde.execute.RobustExecute` gives nbclient when
the sandbox is on. For each kernel it opens a box (:mod:`grader.sandbox.box`) and binds into it only:

* a private copy of the notebook's folder, at ``/home/student``: the working directory, ``HOME``,
  ``MPLCONFIGDIR`` and ``IPYTHONDIR`` (nothing written there reaches the real folder);
* a folder of its own for the kernel's sockets: ZeroMQ runs over IPC sockets there (the network is
  unshared, so TCP would never connect), and the connection file, read-only, alone in it;
* the Python environment, ``nnkit`` and, of ``grader``, only the student side read-only
  (:data:`KERNEL_GRADER`: the notebooks import them for data sets, plots and the in-kernel checks)
  and the catalogues of the checks' messages (``grader/locale``); nothing else of the repository or the course (not the judge, the sandbox or the course's tools).

An interrupt is sent as a message (the default signal would reach bubblewrap and end the whole
sandbox, where a cell's timeout should interrupt that cell only). When the kernel is cleaned up,
every process left in its box is killed, and :attr:`SandboxedKernelManager.limits_hit` says which
limits it hit ("hit the memory limit (1024 MB)", ...).
"""

import asyncio
import os
import shutil
import sys
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer

import grader
import grader.check
import grader.specs
import nnkit
from grader.check.i18n import LOCALE
from grader.safecopy import copy_submission
from grader.sandbox.box import Box, Limits

HOME = "/home/student"
#: The grading process's environment variables a kernel keeps (everything else is left out).
PASSED_ENV = ("LANG", "LANGUAGE", "TZ", "TERM", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
              "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "PYTHONHASHSEED", "MPLBACKEND",
              "NNKIT_LANG")


def _matplotlib_caches():
    """Where this machine's matplotlib keeps its font cache (copied in: building it takes seconds)."""
    home = Path.home()
    dirs = [os.environ.get("MPLCONFIGDIR"), Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "matplotlib"]
    return [Path(d) for d in dirs if d and Path(d).is_dir()]


def _private_copy(folder, dest):
    """Copy the notebook's ``folder`` into ``dest``: regular files only, no link followed or kept."""
    if folder and Path(folder).is_dir():
        copy_submission(folder, dest)
        dest.chmod(0o755)  # copytree copied the folder's mode; bubblewrap must be able to enter it
    mpl = dest / ".config" / "matplotlib"
    mpl.mkdir(parents=True, exist_ok=True)
    for cache in _matplotlib_caches():
        for f in cache.glob("fontlist-*.json"):
            shutil.copy(f, mpl)


#: What the kernel sees of the grader: the package's ``__init__``, the checks and the specs.
KERNEL_GRADER = (grader.check, grader.specs)


def _package_dirs(module):
    """The folders a package is imported from (``__path__``: an editable install may make it a
    namespace package, without ``__file__``)."""
    return sorted({Path(p).resolve() for p in module.__path__ if Path(p).is_dir()})


def _package_inits(module):
    """The ``__init__.py`` of a package (none for a namespace package), to bind without its folder."""
    return [f for d in _package_dirs(module) if (f := d / "__init__.py").is_file()]


class SandboxedKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernel runs in a box, reached over IPC sockets."""

    memory_mb = Integer(Limits.memory_mb, help="Memory of the kernel and its processes (MB)").tag(config=True)
    processes = Integer(Limits.processes, help="Processes and threads the kernel may run").tag(config=True)
    cpu_seconds = Integer(Limits.cpu_seconds, help="CPU time of each process of the kernel (s)").tag(config=True)

    box = None
    limits_hit = ()

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None:
            spec.interrupt_mode = "message"
        return spec

    @property
    def box_note(self):
        return self.box.note if self.box is not None else None

    async def _async_start_kernel(self, **kw):
        try:
            await super()._async_start_kernel(**kw)
        except BaseException:
            self.close_box()  # a kernel that could not start leaves nothing behind either
            raise

    start_kernel = _async_start_kernel

    async def _async_pre_start_kernel(self, **kw):
        self.close_box()  # a restart: a new box
        self.box = Box("kernel", Limits(self.memory_mb, self.processes, self.cpu_seconds))
        home, ipc = self.box.folder("home"), self.box.folder("ipc")
        _private_copy(kw.get("cwd"), home)
        self.box.own(home)
        self.transport = "ipc"
        self.ip = str(ipc / "kernel")
        self.connection_file = str(ipc / "kernel.json")
        kw["cwd"] = str(home)
        return await super()._async_pre_start_kernel(**kw)

    pre_start_kernel = _async_pre_start_kernel

    def write_connection_file(self, **kw):
        super().write_connection_file(**kw)
        if self.box is not None:
            self.box.own(self.connection_file)

    def format_kernel_cmd(self, extra_arguments=None):
        argv = super().format_kernel_cmd(extra_arguments)
        if self.box is None:
            return argv
        ipc = self.box.workdir / "ipc"
        mounts = [("ro-bind", d, d) for m in (nnkit, *KERNEL_GRADER) for d in _package_dirs(m)]
        mounts += [("ro-bind", f, f) for f in _package_inits(grader)]
        if LOCALE.is_dir():  # the feedback's catalogues, for a notebook in another language
            mounts.append(("ro-bind", LOCALE, LOCALE))
        mounts += [("bind", self.box.workdir / "home", HOME), ("bind", ipc, ipc),
                   ("ro-bind", self.connection_file, self.connection_file)]
        return self.box.command(argv, mounts, chdir=HOME, env=self._kernel_env())

    @staticmethod
    def _kernel_env():
        env = {k: v for k, v in os.environ.items() if k in PASSED_ENV or k.startswith("LC_")}
        env.update(HOME=HOME, USER="student", LOGNAME="student", TMPDIR="/tmp",
                   PATH=f"{Path(sys.executable).parent}:/usr/bin:/bin",
                   MPLCONFIGDIR=f"{HOME}/.config/matplotlib", IPYTHONDIR=f"{HOME}/.ipython",
                   JUPYTER_CONFIG_DIR=f"{HOME}/.jupyter", JUPYTER_DATA_DIR=f"{HOME}/.local/share/jupyter",
                   JUPYTER_RUNTIME_DIR=f"{HOME}/.local/share/jupyter/runtime", PYTHONNOUSERSITE="1",
                   # the kernel's parent is the sandbox's pid 1: so no parent poller (bubblewrap ends the
                   # kernel with its parent) and no banner for a kernel started by hand
                   JPY_PARENT_PID="1")
        return env

    async def _async_shutdown_kernel(self, now=False, restart=False):
        # Ended, not asked: everything in the box goes at cleanup anyway, and a kernel asked to
        # shut down right after an interrupt message sometimes hangs until the SIGTERM 2.5 s later.
        await super()._async_shutdown_kernel(now=True, restart=restart)

    shutdown_kernel = _async_shutdown_kernel

    async def _async_cleanup_resources(self, restart=False):
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self.close_box()

    cleanup_resources = _async_cleanup_resources

    def close_box(self):
        """End every process of the kernel's box (once); the limits it hit, in words."""
        if self.box is not None and not self.box.closed:
            process = getattr(self.provisioner, "process", None)
            code = process.poll() if process is not None else None
            self.limits_hit = tuple(self.box.close(code))
        return list(self.limits_hit)


def check_kernel(timeout=60):
    """(works, message): start a sandboxed kernel here, run a line in it, shut it down."""
    async def run():
        km = SandboxedKernelManager(kernel_name="python3")
        await km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=timeout)
            reply = await kc.execute_interactive(
                "import os, numpy, grader.check; print(os.getuid(), os.getcwd(), sorted(os.listdir('/')))",
                timeout=timeout, output_hook=lambda msg: seen.append(msg["content"].get("text", "")))
            return reply["content"]["status"] == "ok", "".join(seen).strip()
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    seen = []
    try:
        return asyncio.run(run())
    except Exception as e:  # noqa: BLE001 - reported to the instructor as is
        return False, f"{type(e).__name__}: {e}"
