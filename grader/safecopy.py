"""Copy a folder that a student controls: regular files and folders only, never through a link.

A submission is the student's: it may hold symbolic links (to the instructor's source notebook, to
another student's work, to ``/proc/self/environ``, to ``/dev/zero``), FIFOs, sockets or device files.
``shutil.copytree`` follows links and reads special files, so a link would copy the instructor's data
into the student's submission and feedback, and a FIFO would hang the class. Every place that copies
a submission (``collect --from``, the exchange's collect, the kernel sandbox's private copy) copies it
with :func:`copy_submission` instead: links and special files are skipped, each with a reason, and the
total size is capped, so one submission can neither leak nor fill the disk, and the next student is
collected whatever this one holds.
"""

import os
import stat
from pathlib import Path

from grader.limits import SUBMISSION_MAX_BYTES

_CHUNK = 1 << 20
#: Folders deeper than this inside a submission are skipped (no notebook needs them; a deep tree is an attack).
MAX_DEPTH = 16


def _kind(mode):
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    return "not a regular file"


def copy_submission(src, dest, max_bytes=SUBMISSION_MAX_BYTES, ignore=None):
    """Copy the folder ``src`` into ``dest`` (created), without following any link.

    Parameters
    ----------
    src : path-like
        The student's folder (it may itself be a link: then nothing is copied).
    dest : path-like
        Where the copy goes; made if missing, files already in it are replaced.
    max_bytes : int
        The largest total size copied; files past it are skipped.
    ignore : callable, optional
        ``ignore(folder, names)`` gives the names of ``folder`` to leave out on purpose, as for
        ``shutil.copytree`` (nbgrader's ignore and include patterns); they are not reported.

    Returns
    -------
    list of (str, str)
        The skipped entries, as (path relative to ``src``, reason), in the order met.
    """
    src, dest = Path(src), Path(dest)
    skipped = []
    try:
        top = os.lstat(src)
    except OSError as e:
        return [(".", f"cannot be read ({e.strerror})")]
    if not stat.S_ISDIR(top.st_mode):
        return [(".", f"is {_kind(top.st_mode)}, not a folder")]
    dest.mkdir(parents=True, exist_ok=True)
    budget = [max_bytes]
    _copy_dir(src, dest, Path("."), skipped, budget, ignore)
    return skipped


def _copy_dir(src, dest, rel, skipped, budget, ignore=None):
    try:
        entries = sorted(os.scandir(src), key=lambda e: e.name)
    except OSError as e:
        skipped.append((str(rel), f"cannot be listed ({e.strerror})"))
        return
    if ignore is not None:
        left_out = set(ignore(str(src), [e.name for e in entries]))
        entries = [e for e in entries if e.name not in left_out]
    for entry in entries:
        here = rel / entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as e:
            skipped.append((str(here), f"cannot be read ({e.strerror})"))
            continue
        if stat.S_ISDIR(mode):
            if len(here.parts) > MAX_DEPTH:
                skipped.append((str(here), f"is a folder nested more than {MAX_DEPTH} deep: not copied"))
                continue
            sub = dest / entry.name
            sub.mkdir(exist_ok=True)
            _copy_dir(Path(entry.path), sub, here, skipped, budget, ignore)
        elif stat.S_ISREG(mode):
            reason = _copy_file(entry.path, dest / entry.name, budget)
            if reason:
                skipped.append((str(here), reason))
        else:
            skipped.append((str(here), f"is {_kind(mode)}: not copied"))


def _copy_file(path, target, budget):
    """Copy one regular file opened without following a link; the reason it was not copied, or None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        return f"cannot be read ({e.strerror})"
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):  # swapped for something else since it was listed
            return f"is {_kind(info.st_mode)}: not copied"
        if info.st_size > budget[0]:
            return f"is {info.st_size} bytes: over the submission's size limit, not copied"
        if target.is_symlink() or (target.exists() and not target.is_file()):
            target.unlink()
        written = 0
        with open(target, "wb") as out:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > budget[0]:
                    out.close()
                    target.unlink()
                    return "grew past the submission's size limit while copied: not copied"
                out.write(chunk)
        budget[0] -= written
        os.chmod(target, 0o644)
    return None
