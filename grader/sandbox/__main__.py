"""``python -m grader.sandbox --install | --check``: install bubblewrap, say whether the sandboxes work.

``--install`` installs bubblewrap (the Debian package ``bubblewrap``) when it is missing and this is
root with ``apt-get``; ``--check`` runs a probe in the worker's box and a kernel in the kernel's box.
"""

import argparse
import os
import shutil
import subprocess
import sys

from grader.sandbox.box import Limits, cleanup, prepare, unavailable
from grader.sandbox.kernel import check_kernel


def install(out=sys.stdout):
    """Install bubblewrap where it is missing and this is root with apt-get; 0 if the sandbox runs."""
    if not shutil.which("bwrap"):
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            print("nnkit sandbox: bubblewrap is missing; install the package 'bubblewrap' as root "
                  "(grading runs unsandboxed meanwhile, with a note in every report)", file=out)
            return 1
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "bubblewrap"]):
            r = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                print(f"nnkit sandbox: {' '.join(cmd)} failed:\n{r.stderr[-1000:]}", file=out)
                return 1
    unavailable.cache_clear()
    why = unavailable()
    print(f"nnkit sandbox: {'ready' if why is None else 'unavailable: ' + why}", file=out)
    return 0 if why is None else 1


PROBE = """
import os, socket
caps = [l.split()[1] for l in open('/proc/self/status') if l.startswith(('CapEff', 'CapBnd'))]
try:
    socket.create_connection(('127.0.0.1', 22), timeout=1)
    net = 'reachable'
except OSError:
    net = 'none'
print(f'uid {os.getuid()}, capabilities {"none" if set(caps) == {"0000000000000000"} else caps}, '
      f'network {net}, sees {sorted(os.listdir("/"))}')
"""


def check(out=sys.stdout):
    """Print whether the worker's and the kernel's sandboxes work here; 0 if both do."""
    why = unavailable()
    if why:
        print(f"sandbox unavailable: {why}", file=out)
        return 1
    prefix, workdir, note = prepare("on")
    try:
        r = subprocess.run([*prefix, sys.executable, "-I", "-c", PROBE], capture_output=True, text=True,
                           timeout=30, cwd=workdir)
    finally:
        cleanup(workdir)
    print(f"worker sandbox: {'works' if r.returncode == 0 else 'FAILED'}: {(r.stdout + r.stderr).strip()}",
          file=out)
    print(f"limits: {note or 'memory and processes by cgroups'}; {Limits()}", file=out)
    ok, message = check_kernel()
    print(f"kernel sandbox: {'works' if ok else 'FAILED'}: {message}", file=out)
    return 0 if r.returncode == 0 and ok else 1


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m grader.sandbox", description=__doc__.split("\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--install", action="store_true", help="install bubblewrap if missing (root, apt-get)")
    g.add_argument("--check", action="store_true", help="say whether the sandboxes work here")
    args = p.parse_args(argv)
    return install() if args.install else check()


if __name__ == "__main__":
    sys.exit(main())
