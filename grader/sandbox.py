"""Where the judge's worker runs: a private temporary folder, and bubblewrap where it can run.

``prepare(mode, resources)`` returns ``(command_prefix, workdir, note)``. ``mode`` is ``"auto"``
(use bubblewrap when it is installed and works, else run unsandboxed and say so in ``note``),
``"on"`` (refuse to judge without it) or ``"off"``.
"""

import shutil
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path


class SandboxUnavailable(RuntimeError):
    pass


@lru_cache(maxsize=None)
def bwrap_works():
    """True if bubblewrap is installed and can start a process here."""
    exe = shutil.which("bwrap")
    if not exe:
        return False
    try:
        r = subprocess.run([exe, *base_args(Path(tempfile.gettempdir())), "true"],
                           capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


def _python_roots():
    """The folders the Python environment lives in (read-only inside the sandbox)."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.executable).resolve().parent.parent}
    return sorted(roots)


def base_args(workdir):
    args = ["bwrap", "--die-with-parent", "--unshare-all", "--new-session", "--cap-drop", "ALL",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in ("/bin", "/lib", "/lib64", "/lib32", "/sbin"):
        if Path(d).is_symlink():
            args += ["--symlink", str(Path(d).readlink()), d]
        elif Path(d).exists():
            args += ["--ro-bind", d, d]
    for root in _python_roots():
        if not str(root).startswith("/usr"):
            args += ["--ro-bind", str(root), str(root)]
    args += ["--bind", str(workdir), str(workdir), "--chdir", str(workdir)]
    return args[1:]


def prepare(mode, resources=None):
    workdir = Path(tempfile.mkdtemp(prefix="nnkit-judge-"))
    if mode == "off":
        return (), workdir, None
    if bwrap_works():
        return ("bwrap", *base_args(workdir)), workdir, None
    if mode == "on":
        cleanup(workdir)
        raise SandboxUnavailable("bubblewrap is not installed or cannot run here "
                                 "(install the Debian package 'bubblewrap', or set JudgeCells.sandbox='off')")
    return (), workdir, "judged without a sandbox (bubblewrap unavailable)"


def cleanup(workdir):
    shutil.rmtree(workdir, ignore_errors=True)
