"""Set up the course for a class on one Debian server: JupyterHub, nbgrader's exchange, Unix users.

    python3 deploy/setup.py --roster roster.csv [--prefix /opt/nnkit-hub] [--exchange /srv/nnkit-exchange]

Run as root, from a clone of this repository; running it again changes only what is missing or
wrong (it never removes a user or a file of a user). ``roster.csv`` has a header line and one row
per person: ``username,role`` (``instructor`` or ``student``), an optional ``name``. What it does:

1. Debian packages it needs (bubblewrap for the grading sandbox, Node.js and npm for the proxy).
2. ``PREFIX/venv``: JupyterHub and the idle culler (``deploy/requirements.txt``, pinned) and this
   course with its pinned packages (nbgrader, JupyterLab, ...); ``PREFIX/node_modules``:
   configurable-http-proxy (``deploy/package.json``, pinned).
3. One Unix account per row, home 0700 (Debian's default 0755 would let every student read every
   other's work), a random first password for PAM written to ``PREFIX/etc/passwords.csv`` (0600,
   root's). Instructors are in the group ``nnkit-instructors``, students in ``nnkit-students``.
4. nbgrader's exchange at ``--exchange`` (0777, as nbgrader's documentation sets it; nbgrader makes
   each course's ``inbound`` 2733, ``outbound`` 0755 and ``feedback`` 0711 itself).
5. The course in each instructor's home (``~/nnkit-course``: the source notebooks, the course's
   nbgrader configuration, a hidden-case seed of its own), readable by the instructor alone.
6. The configuration: ``PREFIX/etc/jupyterhub_config.py`` (``deploy/jupyterhub_config.py``), the
   nbgrader settings every user shares (``PREFIX/venv/etc/jupyter/nbgrader_config.py``), the
   students' JupyterLab configuration (no Formgrader, Create Assignment or Course List), and the
   single-user wrapper that applies each user's limits.

Then start the hub: ``PREFIX/venv/bin/jupyterhub -f PREFIX/etc/jupyterhub_config.py`` (a systemd
unit is written where systemd runs). ``deploy/README.md`` explains every choice.
"""

import argparse
import csv
import grp
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
COURSE_ID = "nnkit"
ROLES = ("instructor", "student")
GROUPS = {"instructor": "nnkit-instructors", "student": "nnkit-students"}


class SetupError(Exception):
    """A problem the person running the set-up must fix: printed as one line."""


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def read_roster(path):
    """``[(username, role, name)]`` of the roster CSV, every row checked."""
    path = Path(path)
    if not path.is_file():
        raise SetupError(f"no roster at {path}")
    rows = []
    with path.open(newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"username", "role"} <= set(reader.fieldnames):
            raise SetupError(f"{path}: the first line must name the columns username,role[,name]")
        for n, row in enumerate(reader, 2):
            user, role = (row.get("username") or "").strip(), (row.get("role") or "").strip().lower()
            if not user or not user.replace("-", "").replace("_", "").isalnum() or not user[0].isalpha() \
                    or len(user) > 32 or user != user.lower():
                raise SetupError(f"{path}:{n}: {user!r} is not a usable Unix user name (lower-case letters, "
                                 "digits, - and _, starting with a letter)")
            if role not in ROLES:
                raise SetupError(f"{path}:{n}: role {role!r}: use instructor or student")
            rows.append((user, role, (row.get("name") or "").strip()))
    if not any(r == "instructor" for _, r, _ in rows):
        raise SetupError(f"{path}: no instructor in the roster")
    if len({u for u, _, _ in rows}) != len(rows):
        raise SetupError(f"{path}: a user name appears twice")
    return rows


#: The Python of the hub's environment: Debian's, which every user may run (a Python installed in
#: root's home, as pyenv does, cannot be run by the users whose servers start from the environment).
PYTHON = Path("/usr/bin/python3")


def debian_packages():
    missing = [p for p, cmd in (("bubblewrap", "bwrap"), ("nodejs", "node"), ("npm", "npm"),
                                ("util-linux", "prlimit")) if not shutil.which(cmd)]
    if not PYTHON.exists() or subprocess.run([str(PYTHON), "-c", "import ensurepip"], capture_output=True).returncode:
        missing += ["python3", "python3-venv"]
    if missing:
        run(["apt-get", "update", "-qq"])
        run(["apt-get", "install", "-y", "-qq", *missing], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def software(prefix):
    """The hub's own Python environment and proxy, from the pinned files in ``deploy/``."""
    venv = prefix / "venv"
    if not PYTHON.exists():
        raise SetupError(f"no {PYTHON}: install Debian's python3 and python3-venv (or run without --skip-apt)")
    if not (venv / "bin" / "python").exists():
        run([str(PYTHON), "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    stamp = venv / ".nnkit-installed"
    wanted = (HERE / "requirements.txt").read_text() + (REPO / "pyproject.toml").read_text()
    if not stamp.exists() or stamp.read_text() != wanted:
        run(pip + ["--upgrade", "pip"])
        run(pip + ["-r", str(HERE / "requirements.txt"), str(REPO)])
        stamp.write_text(wanted)
    else:  # the pinned packages are there: the course's own code, as it is now
        run(pip + ["--no-deps", "--force-reinstall", str(REPO)])
    if not (prefix / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        for name in ("package.json", "package-lock.json"):
            shutil.copy(HERE / name, prefix / name)
        run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=prefix)
    return venv


def ensure_group(name):
    try:
        grp.getgrnam(name)
    except KeyError:
        run(["groupadd", "--system", name])


def ensure_user(user, role, name, passwords):
    """The account, its group, and its home at 0700; a first password for a new account."""
    ensure_group(GROUPS[role])
    try:
        pwd.getpwnam(user)
        created = False
    except KeyError:
        run(["useradd", "--create-home", "--shell", "/bin/bash", "--comment", name or user,
             "--groups", GROUPS[role], user])
        created = True
    run(["usermod", "--append", "--groups", GROUPS[role], user])
    home = Path(pwd.getpwnam(user).pw_dir)
    home.mkdir(exist_ok=True)
    os.chown(home, pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid)
    os.chmod(home, 0o700)
    if created:
        password = secrets.token_urlsafe(12)
        run(["chpasswd"], input=f"{user}:{password}\n", text=True)
        passwords[user] = password
    return home


def as_user(user, path, mode):
    info = pwd.getpwnam(user)
    os.chown(path, info.pw_uid, info.pw_gid)
    os.chmod(path, mode)


def course_for(instructor, home):
    """``~/nnkit-course`` of an instructor: the source notebooks and the course's configuration."""
    course = home / "nnkit-course"
    if not (course / "nbgrader_config.py").exists():  # once: later the course is the instructor's
        (course / "source").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
        for folder in sorted((REPO / "course" / "source").iterdir()):
            if folder.is_dir():
                shutil.copytree(folder, course / "source" / folder.name)
    seed = course / "hidden_seed.txt"
    if not seed.exists():
        seed.write_text(f"{secrets.randbelow(2 ** 62)}\n")
    jupyter = home / ".jupyter"
    jupyter.mkdir(exist_ok=True)
    (jupyter / "nbgrader_config.py").write_text(
        "# Written by deploy/setup.py: the formgrader and nbgrader's commands find the course here.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(course)!r}\n")
    for path in [course, *course.rglob("*"), jupyter, jupyter / "nbgrader_config.py"]:
        as_user(instructor, path, 0o700 if path.is_dir() else 0o600)
    return course


def configuration(prefix, venv, exchange, rows):
    etc = prefix / "etc"
    etc.mkdir(parents=True, exist_ok=True)
    instructors = sorted(u for u, r, _ in rows if r == "instructor")
    students = sorted(u for u, r, _ in rows if r == "student")
    settings = {"prefix": str(prefix), "exchange": str(exchange), "course_id": COURSE_ID,
                "instructors": instructors, "students": students}
    (etc / "nnkit_hub.json").write_text(__import__("json").dumps(settings, indent=1))
    shutil.copy(HERE / "jupyterhub_config.py", etc / "jupyterhub_config.py")
    shared = venv / "etc" / "jupyter"
    shared.mkdir(parents=True, exist_ok=True)
    (shared / "nbgrader_config.py").write_text(
        "# Written by deploy/setup.py: the nbgrader settings every user of the hub shares.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        "# A submission's files readable by the student and the instructors' group only (nbgrader's are\n"
        "# world-readable): grader/autograde/exchange.py.\n"
        "c.ExchangeFactory.submit = 'grader.autograde.exchange.PrivateExchangeSubmit'\n")
    student = etc / "student"
    if student.exists():
        shutil.rmtree(student)
    shutil.copytree(REPO / "course" / "student-lab", student)
    (student / "jupyter_server_config.json").write_text(
        '{"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": false,\n'
        '                                       "nbgrader.server_extensions.course_list": false}}}\n')
    wrapper = prefix / "bin" / "nnkit-singleuser"
    wrapper.parent.mkdir(exist_ok=True)
    shutil.copy(HERE / "nnkit-singleuser", wrapper)
    wrapper.chmod(0o755)
    os.chmod(etc, 0o755)
    for path in (etc / "nnkit_hub.json", etc / "jupyterhub_config.py"):
        os.chmod(path, 0o644)
    (prefix / "var").mkdir(exist_ok=True)
    os.chmod(prefix / "var", 0o700)
    if Path("/run/systemd/system").is_dir():
        unit = Path("/etc/systemd/system/nnkit-hub.service")
        unit.write_text("[Unit]\nDescription=nnkit JupyterHub\nAfter=network.target\n\n[Service]\n"
                        f"ExecStart={venv}/bin/jupyterhub -f {etc}/jupyterhub_config.py\n"
                        f"WorkingDirectory={prefix}/var\nRestart=on-failure\n\n[Install]\n"
                        "WantedBy=multi-user.target\n")
        run(["systemctl", "daemon-reload"])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--roster", required=True, type=Path, help="CSV: username,role[,name]")
    p.add_argument("--prefix", type=Path, default=Path("/opt/nnkit-hub"))
    p.add_argument("--exchange", type=Path, default=Path("/srv/nnkit-exchange"))
    p.add_argument("--skip-apt", action="store_true", help="do not install Debian packages")
    args = p.parse_args(argv)
    started = time.monotonic()
    try:
        if os.geteuid() != 0:
            raise SetupError("run it as root: it creates Unix users and the hub runs their servers as them")
        rows = read_roster(args.roster)
        prefix = args.prefix.resolve()
        prefix.mkdir(parents=True, exist_ok=True)
        os.chmod(prefix, 0o755)
        if not args.skip_apt:
            debian_packages()
        venv = software(prefix)
        passwords = {}
        homes = {u: ensure_user(u, r, n, passwords) for u, r, n in rows}
        args.exchange.mkdir(parents=True, exist_ok=True)
        os.chown(args.exchange, 0, 0)
        os.chmod(args.exchange, 0o777)
        for user, role, _ in rows:
            if role == "instructor":
                course_for(user, homes[user])
        configuration(prefix, venv, args.exchange, rows)
        if passwords:
            book = prefix / "etc" / "passwords.csv"
            old = book.read_text() if book.exists() else "username,password\n"
            book.write_text(old + "".join(f"{u},{pw}\n" for u, pw in passwords.items()))
            os.chmod(book, 0o600)
    except SetupError as e:
        print(f"setup: {e}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as e:
        print(f"setup: {' '.join(map(str, e.cmd))} failed (exit status {e.returncode})", file=sys.stderr)
        return 1
    print(f"set up in {time.monotonic() - started:.0f} s: {len(rows)} users; start the hub with\n"
          f"  {venv}/bin/jupyterhub -f {prefix}/etc/jupyterhub_config.py"
          + (f"\nfirst passwords of new accounts: {prefix}/etc/passwords.csv (root only)" if passwords else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
