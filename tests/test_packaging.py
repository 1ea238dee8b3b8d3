"""The set-up files agree with each other and with the README."""

import re
import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_pins(extras=None):
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    optional = data["project"]["optional-dependencies"]
    deps = data["project"]["dependencies"] + [d for k, v in optional.items() if extras is None or k in extras for d in v]
    pins = {}
    for d in deps:
        name, _, version = d.partition("==")
        assert version, f"{d} is not pinned with =="
        pins[name.strip().lower()] = version.strip()
    return pins


def _conda_pins():
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s*([A-Za-z0-9_.\-]+)=([0-9][^\s#]*)", line)
        if m and m.group(1) != "python":
            pins[m.group(1).lower()] = m.group(2)
    return pins


def test_environment_yml_pins_the_same_versions_as_pyproject():
    assert _conda_pins() == _pyproject_pins()


def test_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    for name, pinned in _pyproject_pins(extras=("test",)).items():
        assert version(name) == pinned, name


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    head = (ROOT / "README.md").read_text().split("\n## ")[0]
    assert "make demo" in head and "make test" in head
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_generated_nbgrader_folders_are_ignored():
    ignored = (ROOT / ".gitignore").read_text()
    for folder in ("release", "submitted", "autograded", "feedback", "gradebook.db", "reports"):
        assert folder in ignored


def test_the_installed_package_carries_the_message_catalogues():
    """A non-editable install (the shared server's) gives Chinese feedback too: the package data of
    ``grader`` names every catalogue of the checks' messages."""
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["grader"]
    catalogues = [p.relative_to(ROOT / "grader") for p in (ROOT / "grader" / "locale").rglob("*.po")]
    assert catalogues and all(any(PurePosixPath(c.as_posix()).match(pat) for pat in patterns) for c in catalogues)
