"""Build the course's nbgrader source notebooks from their percent-format text.

Each notebook is written as ``course/authoring/<assignment>.py`` (readable diffs, one template) and
built into ``course/source/<assignment>/<assignment>.ipynb`` with nbgrader's cell metadata, without
outputs. ``python -m grader.nbbuild`` rebuilds them all; ``--check`` fails if any is out of date
(the tests run it).

Cell markers (a line of its own)::

    # %% [markdown]                 a text cell: every line starts with "# " (or is "#")
    # %%                            a code cell (experiments, figures)
    # %% setup                      a locked, read-only code cell (imports, the checker)
    # %% solution id=NAME           an autograded answer: the student writes NAME here
    # %% tests id=test_NAME points=P   the locked test cell of NAME, worth P points

A test cell is written by the builder when the marker is followed by no code (the usual case): the
visible check, then the same check on the hidden cases::

    check("NAME", NAME)                    (check.answer("NAME", NAME) when NAME is a question of the spec)
    ### BEGIN HIDDEN TESTS
    check("NAME", NAME, hidden=True)
    ### END HIDDEN TESTS

A test cell with code of its own keeps it.
"""

import argparse
import json
import re
import sys
from pathlib import Path

import nbformat

from grader import specs

ROOT = Path(__file__).resolve().parent.parent.parent
AUTHORING = ROOT / "course" / "authoring"
SOURCE = ROOT / "course" / "source"
MARKER = re.compile(r"^# %%(?P<rest>.*)$")


def _meta(kind, opts):
    base = {"schema_version": 3, "task": False}
    if kind == "setup":
        return {**base, "grade": False, "solution": False, "locked": True,
                "grade_id": opts.get("id", "setup")}
    if kind == "solution":
        return {**base, "grade": False, "solution": True, "locked": False, "grade_id": opts["id"]}
    if kind == "tests":
        return {**base, "grade": True, "solution": False, "locked": True, "grade_id": opts["id"],
                "points": float(opts.get("points", 1))}
    raise ValueError(f"unknown cell kind {kind!r}")


def test_cell_source(grade_id, questions=()):
    """The source of the test cell ``test_NAME`` that the builder writes: NAME checked on the visible
    cases, then on the hidden ones (``check.answer`` for a question, a name in ``questions``)."""
    if not grade_id.startswith("test_"):
        raise ValueError(f"a test cell's id must be test_NAME to be written by the builder; got {grade_id!r}")
    name = grade_id[len("test_"):]
    call = "check.answer" if name in questions else "check"
    return (f'{call}("{name}", {name})\n### BEGIN HIDDEN TESTS\n'
            f'{call}("{name}", {name}, hidden=True)\n### END HIDDEN TESTS')


def parse(text, name="<notebook>", assignment=None):
    """The notebook described by percent-format ``text``; ``assignment`` names the spec whose
    questions the written test cells check with ``check.answer`` (default: the stem of ``name``)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                   "language_info": {"name": "python"}}
    cells, current = [], None
    for lineno, line in enumerate(text.splitlines(), 1):
        m = MARKER.match(line)
        if m:
            rest = m.group("rest").strip()
            if rest == "[markdown]":
                current = {"type": "markdown", "lines": [], "meta": None}
            else:
                words = rest.split()
                kind = words[0] if words else ""
                opts = dict(w.split("=", 1) for w in words[1:] if "=" in w)
                if kind and kind not in ("setup", "solution", "tests"):
                    raise ValueError(f"{name}:{lineno}: unknown cell marker {line!r}")
                if kind in ("solution", "tests") and "id" not in opts:
                    raise ValueError(f"{name}:{lineno}: a {kind} cell needs id=...")
                current = {"type": "code", "lines": [], "meta": _meta(kind, opts) if kind else None}
            cells.append(current)
            continue
        if current is None:
            if line.strip():
                raise ValueError(f"{name}:{lineno}: text before the first cell marker")
            continue
        if current["type"] == "markdown":
            if line.strip() and not (line.startswith("# ") or line == "#"):
                raise ValueError(f"{name}:{lineno}: a markdown line must start with '# ': {line!r}")
            current["lines"].append(line[2:] if line.startswith("# ") else "")
        else:
            current["lines"].append(line)
    questions = None
    for i, c in enumerate(cells):
        src = "\n".join(c["lines"]).strip("\n")
        if c["meta"] and c["meta"]["grade"] and not src.strip():
            if questions is None:
                questions = specs.load(assignment or Path(name).stem).questions
            src = test_cell_source(c["meta"]["grade_id"], questions)
        cell = nbformat.v4.new_markdown_cell(src) if c["type"] == "markdown" else nbformat.v4.new_code_cell(src)
        cell["id"] = f"cell-{i:03d}"
        if c["meta"]:
            cell.metadata["nbgrader"] = c["meta"]
        nb.cells.append(cell)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise ValueError(f"{name}: duplicate grade ids {sorted(dup)}")
    nbformat.validator.normalize(nb)
    return nb


def render(nb):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    return nbformat.writes(nb, version=4) + "\n"


def targets():
    for src in sorted(AUTHORING.glob("*.py")):
        yield src, SOURCE / src.stem / f"{src.stem}.ipynb"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="fail if a built notebook is out of date")
    args = p.parse_args(argv)
    stale = []
    for src, out in targets():
        text = render(parse(src.read_text(), str(src)))
        if args.check:
            if not out.exists() or out.read_text() != text:
                stale.append(str(out.relative_to(ROOT)))
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text)
            print(f"built {out.relative_to(ROOT)}")
    if stale:
        print("out of date (run `python -m grader.nbbuild`): " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
