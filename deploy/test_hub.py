"""The shared server for real: deploy/setup.py as root, the hub on 127.0.0.1, an instructor and three
students, the whole nbgrader cycle through the hub, and the permissions tried.

Run by ``make hub-test`` (as root; CI runs it on a fresh machine). The users are ``nnkhub-inst`` and
``nnkhub-s1`` .. ``nnkhub-s3``; they are removed at the start (what an earlier run left) and at the end.
The software goes to ``/opt/nnkit-hub-test`` (kept between runs: a second run reuses it) and the
exchange to ``/srv/nnkit-hub-test-exchange``. Students act through their own Jupyter servers (the
REST API of nbgrader's Assignment List: fetch, submit, fetch feedback; the contents API to save their
work); the instructor runs nbgrader's commands (``nnkit-grade``) as the instructor's Unix user.
Screenshots of the student's Assignments panel and the instructor's formgrader go to
``deploy/_build/``.
"""

import csv
import json
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import nbformat
import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

PREFIX = Path(os.environ.get("NNKIT_HUB_TEST_PREFIX", "/opt/nnkit-hub-test"))
EXCHANGE = Path("/srv/nnkit-hub-test-exchange")
INSTRUCTOR = "nnkhub-inst"
STUDENTS = {"nnkhub-s1": "complete", "nnkhub-s2": "mistaken", "nnkhub-s3": "blank"}
ASSIGNMENT = "01_neuron"
SHOTS = HERE / "_build"
TIMES = {}

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the hub test creates Unix users: run it as root")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _remove_users():
    for user in [INSTRUCTOR, *STUDENTS]:
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        subprocess.run(["pkill", "-KILL", "-u", user], check=False)
        subprocess.run(["userdel", "--remove", user], check=False, capture_output=True)
    shutil.rmtree(EXCHANGE, ignore_errors=True)
    for var in ("jupyterhub.sqlite", "jupyterhub_cookie_secret", "proxy.pid"):
        (PREFIX / "var" / var).unlink(missing_ok=True)


def as_user(user, *cmd, check=True):
    """Run ``cmd`` as ``user`` (with the hub's environment), in the user's home."""
    home = pwd.getpwnam(user).pw_dir
    env = ["env", "-i", f"HOME={home}", f"USER={user}", f"PATH={PREFIX / 'venv' / 'bin'}:/usr/bin:/bin",
           f"NNKIT_EXCHANGE={EXCHANGE}", "LANG=C.UTF-8"]
    return subprocess.run(["runuser", "-u", user, "--", *env, *cmd], cwd=home, capture_output=True,
                          text=True, check=check)


class Hub:
    def __init__(self):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        env = {**os.environ, "NNKIT_HUB_IP": "127.0.0.1", "NNKIT_HUB_PORT": str(self.port),
               "NNKIT_HUB_INTERNAL_PORT": str(_free_port()), "NNKIT_HUB_PROXY_API_PORT": str(_free_port()),
               "NNKIT_HUB_ADMIN_TOKEN": self.token}
        self.log = open(PREFIX / "var" / "hub-test.log", "w")
        self.proc = subprocess.Popen([str(PREFIX / "venv" / "bin" / "jupyterhub"), "-f",
                                      str(PREFIX / "etc" / "jupyterhub_config.py")],
                                     cwd=PREFIX / "var", env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.api("GET", "/hub/api/")
                return
            except (urllib.error.URLError, ConnectionError):
                assert self.proc.poll() is None, (PREFIX / "var" / "hub-test.log").read_text()[-3000:]
                time.sleep(0.5)
        raise AssertionError("the hub did not answer in 60 s")

    def api(self, method, path, body=None, token=None, form=None):
        data = None
        headers = {"Authorization": f"token {token or self.token}"}
        if body is not None:
            data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=120) as r:
            text = r.read().decode()
            return json.loads(text) if text.strip().startswith(("{", "[")) else text

    def start_server(self, user):
        self.api("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            info = self.api("GET", f"/hub/api/users/{user}")
            server = info.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise AssertionError(f"{user}'s server did not start: "
                             + (PREFIX / "var" / "hub-test.log").read_text()[-3000:])

    def user_token(self, user):
        return self.api("POST", f"/hub/api/users/{user}/tokens", {"note": "hub test", "expires_in": 3600})["token"]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    from grader.instructor.demo import with_mistakes

    _remove_users()
    roster = tmp_path_factory.mktemp("hub") / "roster.csv"
    with roster.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["username", "role", "name"])
        w.writerow([INSTRUCTOR, "instructor", "The Instructor"])
        for s in STUDENTS:
            w.writerow([s, "student", ""])
    started = time.monotonic()
    r = subprocess.run([sys.executable, str(HERE / "setup.py"), "--roster", str(roster), "--prefix", str(PREFIX),
                        "--exchange", str(EXCHANGE)], capture_output=True, text=True)
    TIMES["setup"] = time.monotonic() - started
    assert r.returncode == 0, r.stdout + r.stderr
    again = subprocess.run([sys.executable, str(HERE / "setup.py"), "--roster", str(roster), "--prefix", str(PREFIX),
                            "--exchange", str(EXCHANGE), "--skip-apt"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # idempotent
    hub = Hub()
    try:
        for user in [INSTRUCTOR, *STUDENTS]:
            hub.start_server(user)
        hub.tokens = {u: hub.user_token(u) for u in [INSTRUCTOR, *STUDENTS]}
        course = Path(pwd.getpwnam(INSTRUCTOR).pw_dir) / "nnkit-course"
        rel = as_user(INSTRUCTOR, "nnkit-grade", "--course", str(course), "release", ASSIGNMENT, "--exchange",
                      check=False)
        assert rel.returncode == 0, rel.stdout + rel.stderr
        source = nbformat.read(REPO / "course" / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
        work = {"complete": source, "mistaken": with_mistakes(source, ASSIGNMENT)}
        for user, kind in STUDENTS.items():
            listed = hub.api("POST", f"/user/{user}/assignments/fetch", token=hub.tokens[user],
                             form={"course_id": "nnkit", "assignment_id": ASSIGNMENT})
            assert listed.get("success") and any(a["assignment_id"] == ASSIGNMENT for a in listed["value"]), listed
            path = f"nnkit/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
            fetched = hub.api("GET", f"/user/{user}/api/contents/{path}", token=hub.tokens[user])
            if kind in work:  # the student works: the notebook saved through the contents API
                nb = nbformat.from_dict(fetched["content"])
                answers = {c.metadata.nbgrader["grade_id"]: c.source for c in work[kind].cells
                           if c.get("metadata", {}).get("nbgrader", {}).get("solution")}
                for cell in nb.cells:
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    if gid in answers:
                        cell.source = answers[gid]
                hub.api("PUT", f"/user/{user}/api/contents/{path}", token=hub.tokens[user],
                        body={"type": "notebook", "format": "json", "content": nb})
            sent = hub.api("POST", f"/user/{user}/assignments/submit", token=hub.tokens[user],
                           form={"course_id": "nnkit", "assignment_id": ASSIGNMENT})
            assert sent.get("success", True) and "value" in sent, sent
        started = time.monotonic()
        steps = [["collect", ASSIGNMENT], ["autograde", ASSIGNMENT, "--jobs", "2"],
                 ["feedback", ASSIGNMENT, "--release"], ["export", "--to", str(course / "grades.csv")]]
        hub.outputs = {}
        for step in steps:
            out = as_user(INSTRUCTOR, "nnkit-grade", "--course", str(course), *step, check=False)
            assert out.returncode == 0, (step, out.stdout, out.stderr)
            hub.outputs[step[0]] = out.stdout
        for user in STUDENTS:
            hub.api("POST", f"/user/{user}/assignments/fetch_feedback", token=hub.tokens[user],
                    form={"course_id": "nnkit", "assignment_id": ASSIGNMENT})
        TIMES["collect to feedback"] = time.monotonic() - started
        hub.course = course
        yield hub
    finally:
        hub.stop()
        print(f"\nhub test: set-up {TIMES.get('setup', 0):.0f} s (first run of the test on this machine "
              f"installs everything); collect -> autograde -> feedback released and fetched by 3 students "
              f"{TIMES.get('collect to feedback', 0):.0f} s")
        if not os.environ.get("NNKIT_HUB_KEEP"):
            _remove_users()


def test_grades_are_as_expected(hub):
    rows = list(csv.DictReader((hub.course / "grades.csv").open()))
    scores = {r["student_id"]: float(r["score"] or 0) for r in rows if r["assignment"] == ASSIGNMENT}
    full = max(float(r["max_score"]) for r in rows)
    assert scores["nnkhub-s1"] == full and scores["nnkhub-s3"] == 0
    assert 0 < scores["nnkhub-s2"] < full
    assert "Class report: 01_neuron (3 graded, 0 not graded)" in hub.outputs["autograde"]


def test_students_fetched_their_own_feedback(hub):
    for user in STUDENTS:
        listed = hub.api("GET", f"/user/{user}/assignments?course_id=nnkit", token=hub.tokens[user])
        mine = [a for a in listed["value"] if a["assignment_id"] == ASSIGNMENT and a["status"] == "submitted"]
        assert mine and any(s.get("has_local_feedback") for s in mine[0]["submissions"]), (user, listed)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_modes_are_the_documented_ones(hub):
    assert _mode(EXCHANGE) == 0o777
    assert _mode(EXCHANGE / "nnkit") == 0o755
    assert _mode(EXCHANGE / "nnkit" / "outbound") == 0o755
    assert _mode(EXCHANGE / "nnkit" / "inbound") == 0o2733
    assert _mode(EXCHANGE / "nnkit" / "feedback") == 0o711
    for user in [INSTRUCTOR, *STUDENTS]:
        assert _mode(pwd.getpwnam(user).pw_dir) == 0o700, user
    assert _mode(hub.course) == 0o700


@pytest.mark.parametrize("what", ["home", "submission", "feedback", "source", "gradebook", "inbound"])
def test_a_student_cannot_read_what_is_not_theirs(hub, what):
    other = Path(pwd.getpwnam("nnkhub-s2").pw_dir)
    inbound = EXCHANGE / "nnkit" / "inbound"
    submission = next(p for p in inbound.iterdir() if p.name.startswith("nnkhub-s2+"))
    tries = {
        "home": ["ls", str(other)],
        "submission": ["cat", str(submission / f"{ASSIGNMENT}.ipynb")],
        "feedback": ["ls", str(EXCHANGE / "nnkit" / "feedback")],
        "source": ["cat", str(hub.course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")],
        "gradebook": ["cat", str(hub.course / "gradebook.db")],
        "inbound": ["ls", str(inbound)],
    }
    r = as_user("nnkhub-s1", *tries[what], check=False)
    assert r.returncode != 0 and "Permission denied" in r.stderr, (what, r.stdout[:200], r.stderr)


def test_a_student_server_has_no_formgrader(hub):
    with pytest.raises(urllib.error.HTTPError) as e:
        hub.api("GET", "/user/nnkhub-s1/formgrader", token=hub.tokens["nnkhub-s1"])
    assert e.value.code == 404
    assert "Manage Assignments" in hub.api("GET", f"/user/{INSTRUCTOR}/formgrader", token=hub.tokens[INSTRUCTOR])


def test_a_student_lab_wraps_the_validate_dialog_s_lines(hub):
    """The student lab's style (course/student-lab/custom/custom.css) is linked and served on the hub."""
    lab = hub.api("GET", "/user/nnkhub-s1/lab", token=hub.tokens["nnkhub-s1"])
    assert "custom/custom.css" in lab
    css = hub.api("GET", "/user/nnkhub-s1/custom/custom.css", token=hub.tokens["nnkhub-s1"])
    assert "#validation-message pre" in css and "pre-wrap" in css


def _password(user):
    rows = csv.DictReader((PREFIX / "etc" / "passwords.csv").open())
    return [r["password"] for r in rows if r["username"] == user][-1]  # the account made last


def test_screenshots_of_the_assignments_panel_and_the_formgrader(hub):
    """Log in as a student and as the instructor, as people do (the hub's login page, PAM), and look."""
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("no Chromium (make browser)")
    SHOTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
        for user in ("nnkhub-s1", INSTRUCTOR):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(f"{hub.url}/hub/login", wait_until="load")
            page.fill("#username_input", user)
            page.fill("#password_input", _password(user))
            page.click("#login_submit")
            page.wait_for_url("**/user/**", timeout=60000)
            if user == INSTRUCTOR:
                page.goto(f"{hub.url}/user/{user}/formgrader", wait_until="load")
                page.wait_for_selector("text=Manage Assignments", timeout=60000)
                page.wait_for_selector("text=01_neuron", timeout=60000)
                shot = SHOTS / "instructor-formgrader.png"
            else:
                page.goto(f"{hub.url}/user/{user}/lab", wait_until="load")
                page.wait_for_selector(".jp-LabShell", timeout=90000)
                page.get_by_role("menuitem", name="Nbgrader").click(timeout=30000)
                page.get_by_text("Assignment List", exact=True).click(timeout=30000)
                page.wait_for_selector("text=01_neuron", timeout=60000)
                shot = SHOTS / "student-assignments.png"
            page.wait_for_timeout(1500)
            page.screenshot(path=str(shot))
            context.close()
        browser.close()
    assert (SHOTS / "student-assignments.png").stat().st_size > 10_000
    assert (SHOTS / "instructor-formgrader.png").stat().st_size > 10_000
