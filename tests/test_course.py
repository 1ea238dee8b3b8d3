"""The real course: notebooks built from their text, run headless, and graded by nbgrader.

Every source notebook (solutions in) must earn full marks and every release notebook (nbgrader's
student version) zero, read from nbgrader's gradebook after a real ``autograde``; the source
notebooks must run top to bottom without an error outside the test cells, and the release versions
must run to the end with only the exercises failing.
"""

import inspect
import re
from pathlib import Path

import nbformat
import pytest

import nbcycle
from grader import specs
from grader.instructor import nbbuild

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "course" / "source"
DOCS = ROOT / "docs"
CONTRACT = DOCS / "COURSE_CONTRACT.md"
#: The product documents kept in ``docs/``, copies of the ones in ``../shared/`` (where present, CI).
SHARED = ROOT.parent / "shared"
SHARED_DOCUMENTS = ("COURSE_CONTRACT.md", "GRADING_DESIGN.md", "NOTEBOOKS.md", "PITFALLS.md")
#: Entries of the contract that other branches are adding (empty this after merging them): a whole
#: assignment by its name, or one function as ``(assignment, function)``.
AWAITING_MERGE = set()
GRADED = [a for a in specs.MODULES if (SOURCE / a / f"{a}.ipynb").exists()]
ALL = sorted(p.name for p in SOURCE.iterdir() if (p / f"{p.name}.ipynb").exists()) if SOURCE.exists() else []


def _gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def test_built_notebooks_match_their_text():
    assert nbbuild.main(["--check"]) == 0


def test_every_assignment_of_the_contract_has_a_notebook_and_checks():
    assert set(GRADED) == set(specs.MODULES), f"missing: {set(specs.MODULES) - set(GRADED)}"
    assert (SOURCE / "00_welcome" / "00_welcome.ipynb").exists()


def _contract_functions():
    """{assignment: {function: [parameter names]}} from the contract's table."""
    out = {}
    for line in CONTRACT.read_text().splitlines():
        m = re.match(r"\|\s*`(\d\d_[a-z_]+)`\s*\|[^|]*\|(.*)\|\s*$", line)
        if m:
            out[m.group(1)] = {f: [p.split("=")[0].strip() for p in args.split(",") if p.strip()]
                               for f, args in re.findall(r"`([A-Za-z_]\w*)\(([^)]*)\)", m.group(2))}
    return out


def test_specs_and_references_follow_the_contract():
    contract = _contract_functions()
    assert contract, f"no assignment table found in {CONTRACT}"
    assert set(contract) - AWAITING_MERGE == set(specs.MODULES)
    for assignment, functions in contract.items():
        if assignment in AWAITING_MERGE:
            continue
        functions = {f: p for f, p in functions.items() if (assignment, f) not in AWAITING_MERGE}
        spec = specs.load(assignment)
        assert set(spec.functions) == set(functions), assignment
        for name, params in functions.items():
            got = list(inspect.signature(spec.functions[name].ref).parameters)[:len(params)]
            assert got == params, f"{assignment}.{name}: {got} != {params}"


def test_awaiting_merge_lists_only_what_is_missing():
    """An entry of ``AWAITING_MERGE`` that has arrived must leave the list (it would hide a mismatch)."""
    contract = _contract_functions()
    for entry in AWAITING_MERGE:
        assignment, function = entry if isinstance(entry, tuple) else (entry, None)
        assert assignment in contract and (function is None or function in contract[assignment]), entry
        if function is None:
            assert assignment not in specs.MODULES, f"{assignment} has arrived: take it out of AWAITING_MERGE"
        elif assignment in specs.MODULES:
            assert function not in specs.load(assignment).functions, f"{entry} has arrived: take it out"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not beside the repository (only in CI)")
@pytest.mark.parametrize("name", SHARED_DOCUMENTS)
def test_docs_are_the_shared_documents(name):
    assert (DOCS / name).read_text() == (SHARED / name).read_text(), f"docs/{name} differs from shared/{name}"


@pytest.mark.parametrize("assignment", ALL)
def test_notebook_follows_the_template(assignment):
    nb = nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    for heading in ("you will learn", "summary", "next"):
        assert heading in text, f"{assignment} has no '{heading}' section"
    assert re.search(r"\d+\s*(min|minutes|hour)", first.source.lower()), "the title cell gives the time it takes"
    assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    if assignment not in specs.MODULES:
        return
    spec = specs.load(assignment)
    cells = nb.cells
    ids = [_gid(c) for c in cells]
    for name in list(spec.functions) + list(spec.questions):
        assert name in ids, f"no solution cell for {name}"
        i = ids.index(name)
        nxt = next(j for j in range(i + 1, len(cells)) if cells[j].cell_type == "code")
        assert _gid(cells[nxt]) == f"test_{name}", f"the cell after {name} is not its test cell"
        meta = cells[nxt].metadata["nbgrader"]
        assert meta["grade"] and meta["locked"] and meta["points"] > 0
        assert "BEGIN HIDDEN TESTS" in cells[nxt].source or name in spec.questions
        if name in spec.functions:
            assert "### BEGIN SOLUTION" in cells[i].source and '"""' in cells[i].source, f"{name}: docstring and solution"


@pytest.fixture(scope="module")
def course_graded(tmp_path_factory):
    nbcycle.env_for_tests()
    tmp = tmp_path_factory.mktemp("course")
    sources = {a: nbformat.read(SOURCE / a / f"{a}.ipynb", as_version=4) for a in GRADED}
    cdir = nbcycle.make_course(tmp, sources)
    out = {}
    for a in GRADED:
        release = nbcycle.generate(cdir, a)
        results, scores, report = nbcycle.grade(cdir, a, {"solutions": sources[a], "blank": release},
                                                tmp / a, jobs=2)
        out[a] = {"results": results, "scores": scores, "report": report}
    return cdir, out


@pytest.mark.slow
@pytest.mark.parametrize("assignment", GRADED)
def test_source_gets_full_marks_release_gets_zero(course_graded, assignment):
    _, out = course_graded
    scores, report = out[assignment]["scores"], out[assignment]["report"]
    assert not report["not_graded"], report["not_graded"]
    spec = specs.load(assignment)
    assert set(scores["solutions"]) == {f"test_{n}" for n in [*spec.functions, *spec.questions]}
    failed = {k: v for k, v in scores["solutions"].items() if not v}
    assert not failed, f"the solutions lost points on {sorted(failed)}: " + report["text"]
    assert all(v == 0 for v in scores["blank"].values()), scores["blank"]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", GRADED)
def test_source_runs_top_to_bottom_and_release_fails_only_in_exercises(course_graded, assignment):
    cdir, _ = course_graded
    for student in ("solutions", "blank"):
        nb = nbformat.read(cdir / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
            texts = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
            assert "(not run:" not in texts, f"{student}: the kernel stopped: {texts}"
            if student == "solutions":
                assert not errors, f"{assignment}: error in a cell:\n{cell.source[:300]}\n{errors[0].get('evalue')}"
            elif errors and not _gid(cell):
                names = {e.get("ename") for e in errors}
                assert names <= {"NotImplementedError", "NameError", "CheckFailed"}, (cell.source[:200], names)


@pytest.mark.slow
def test_welcome_runs_headless():
    from nbclient import NotebookClient

    path = SOURCE / "00_welcome" / "00_welcome.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("assignment", GRADED)
def test_every_figure_renders_to_a_picture(course_graded, assignment, tmp_path):
    """The figures as ``make figures`` writes them: each a PNG with something drawn on it (not one
    flat colour); 07's animation gives its frames. Set NNKIT_FIGURES=DIR to keep them for a look."""
    import io
    import os

    import matplotlib.image as mpimg
    import numpy as np

    from grader.instructor.figures import extract_figures

    cdir, _ = course_graded
    nb = nbformat.read(cdir / "autograded" / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    folder = Path(os.environ.get("NNKIT_FIGURES") or tmp_path) / assignment
    paths = extract_figures(nb, folder)
    assert len(paths) >= 3, f"{assignment}: only {len(paths)} figures"
    for p in paths:
        img = mpimg.imread(io.BytesIO(p.read_bytes()), format="png")
        assert img.shape[0] > 100 and img.shape[1] > 100, p.name
        assert float(np.std(img[..., :3])) > 0.02, f"{p.name} is blank"
    if assignment == "07_deep_network":
        assert any("_anim" in p.name for p in paths), "the training animation has no frames"


def test_the_builder_writes_the_test_cells():
    """A tests marker with no code becomes the visible check and the hidden one (check.answer for a
    question of the spec); a test cell with code keeps it; the authoring files type none by hand."""
    nb = nbbuild.parse("# %% tests id=test_sigmoid points=2\n\n# %% tests id=test_q_w1_shape points=1\n"
                       "# %% tests id=test_relu points=1\nprint('mine')\n", assignment="01_neuron")
    sources = [c.source for c in nb.cells]
    assert sources[0] == ('check("sigmoid", sigmoid)\n### BEGIN HIDDEN TESTS\n'
                          'check("sigmoid", sigmoid, hidden=True)\n### END HIDDEN TESTS')
    assert sources[1].startswith('check.answer("q_w1_shape", q_w1_shape)\n')
    assert sources[2] == "print('mine')"
    assert nb.cells[0].metadata["nbgrader"]["points"] == 2.0
    with pytest.raises(ValueError, match="must be test_NAME"):
        nbbuild.parse("# %% tests id=check_sigmoid\n", assignment="01_neuron")
    for path in (ROOT / "course" / "authoring").glob("*.py"):
        typed = [line for line in path.read_text().splitlines() if line.startswith("### BEGIN HIDDEN TESTS")]
        assert not typed, f"{path.name}: a test cell typed by hand; leave its marker empty"


@pytest.mark.parametrize("folder", [SOURCE, ROOT / "course" / "locale" / "zh_CN" / "source"], ids=["en", "zh_CN"])
def test_every_question_s_answer_cell_names_the_variable_to_set(folder):
    """A student sees which name to set in the cell itself (the solution region is replaced by a stub)."""
    questions = 0
    for path in sorted(folder.glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            if grade_id.startswith("q_") and cell.metadata.nbgrader.get("solution"):
                questions += 1
                shown = cell.source.split("### BEGIN SOLUTION")[0]
                assert grade_id in shown, f"{path.name}: the answer cell of {grade_id} does not name it"
    assert questions >= 24
