"""The whole nbgrader cycle on a small course: fair marks, and no points for tampering.

Every submission here is graded by nbgrader's real ``autograde`` (through ``autograde_class``, two
processes), with the course's configuration: the kernel runs the notebook, the judge decides.
"""

import nbformat
from nbconvert.filters import strip_ansi
import pytest

import nbcycle

pytestmark = pytest.mark.slow

WRONG_SIGMOID = "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"
FULL = nbcycle.POINTS
LOST_SIGMOID = {**FULL, "test_sigmoid": 0.0}

ATTACKS = {
    # numpy's comparisons patched in the kernel: the kernel's checks pass, the judge's do not.
    "patch_numpy": dict(replace={"sigmoid": WRONG_SIGMOID}, insert_after={"setup": (
        "np.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, **k: np.ones(np.shape(a), dtype=bool)\n"
        "np.array_equal = lambda *a, **k: True\n"
        "np.testing.assert_allclose = lambda *a, **k: None\n")}),
    # the grader's own checks patched in the kernel.
    "patch_grader": dict(replace={"sigmoid": WRONG_SIGMOID}, insert_after={"setup": (
        "import grader.check.engine, grader.check.checker\n"
        "grader.check.engine.compare = lambda *a, **k: None\n"
        "grader.check.checker.Checker.__call__ = lambda self, *a, **k: print('\u2714 correct')\n"
        "check = grader.check.checker.Checker('01_neuron')\n")}),
    # an array that claims to equal anything.
    "masked_array": dict(replace={"sigmoid": "def sigmoid(z):\n    return np.ma.masked_array(np.asarray(z, float), mask=True)\n"}),
    "lying_subclass": dict(replace={"sigmoid": (
        "class Liar(np.ndarray):\n"
        "    def __eq__(self, other):\n        return np.ones(np.shape(self), dtype=bool)\n"
        "    def __array_function__(self, func, types, args, kwargs):\n        return True\n"
        "def sigmoid(z):\n    return np.zeros(np.shape(z)).view(Liar)\n")}),
    # fishing the expected value out of the caller's frames or the garbage collector.
    "read_frames": dict(replace={"sigmoid": (
        "import inspect\n"
        "def sigmoid(z):\n"
        "    for info in inspect.stack():\n"
        "        for name, v in info.frame.f_locals.items():\n"
        "            if name in ('expected', 'exp', 'e') and isinstance(v, np.ndarray) and v.shape == np.shape(z):\n"
        "                return v\n"
        "    return np.zeros(np.shape(z))\n")}),
    "read_gc": dict(replace={"sigmoid": (
        "import gc\n"
        "def sigmoid(z):\n"
        "    z = np.asarray(z, dtype=float)\n"
        "    for o in gc.get_objects():\n"
        "        if type(o) is np.ndarray and o.shape == z.shape and o is not z and ((o > 0) & (o < 1)).all():\n"
        "            return o\n"
        "    return np.zeros(z.shape)\n")}),
    # the reference of the function under test, plainly and hidden.
    "call_reference": dict(replace={"sigmoid": (
        "from nnkit.activations import sigmoid as _reference\n"
        "def sigmoid(z):\n    return _reference(z)\n")}),
    "call_reference_hidden": dict(replace={"sigmoid": (
        "def sigmoid(z):\n"
        "    import sys\n"
        "    sys.meta_path[:] = [f for f in sys.meta_path if 'Block' not in type(f).__name__]\n"
        "    m = __import__('nn' + 'kit.activ' + 'ations', fromlist=['x'])\n"
        "    return getattr(m, 'sig' + 'moid')(z)\n")}),
    # later cells, the hidden tests included, turned into no-ops.
    "input_transformer": dict(replace={"sigmoid": WRONG_SIGMOID}, insert_after={"setup": (
        "get_ipython().input_transformers_post.append(lambda lines: [])\n")}),
    "ast_transformer": dict(replace={"sigmoid": WRONG_SIGMOID}, insert_after={"setup": (
        "import ast\n"
        "class Nothing(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n        return ast.Module(body=[], type_ignores=[])\n"
        "get_ipython().ast_transformers.append(Nothing())\n")}),
    # builtins replaced.
    "builtins": dict(replace={"sigmoid": WRONG_SIGMOID}, insert_after={"setup": (
        "import builtins\n"
        "builtins.AssertionError = type('AssertionError', (Warning,), {})\n"
        "builtins.isinstance = lambda *a: True\n")}),
    # printing fake success.
    "fake_success": dict(replace={"sigmoid": (
        "def sigmoid(z):\n    print('\u2714 sigmoid: correct (6 checks passed).')\n    return np.zeros(np.shape(z))\n")}),
    # leaving the process from inside the graded function.
    "os_exit_in_function": dict(replace={"sigmoid": "def sigmoid(z):\n    import os\n    os._exit(0)\n"}),
    "sys_exit_in_function": dict(replace={"sigmoid": "def sigmoid(z):\n    import sys\n    sys.exit(0)\n"}),
    # a loop that ignores SIGINT.
    "endless_loop": dict(replace={"sigmoid": (
        "import signal\n"
        "def sigmoid(z):\n"
        "    signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "    while True:\n        pass\n")}),
}

FAIR = {
    # correct solutions written differently, noisy, or beside a crash: full marks.
    "loops": dict(replace={
        "sigmoid": ("import math\n"
                    "def sigmoid(z):\n"
                    "    z = np.asarray(z, dtype=float)\n"
                    "    out = np.empty_like(z)\n"
                    "    for i in np.ndindex(z.shape):\n"
                    "        out[i] = 1.0 / (1.0 + math.exp(-z[i]))\n"
                    "    return out\n"),
        "relu": "def relu(z):\n    z = np.array(z, dtype=float)\n    return z * (z > 0)\n",
        "tanh": "def tanh(z):\n    return 2 / (1 + np.exp(-2 * np.asarray(z, float))) - 1\n",
        "q_linear_layers": "q_linear_layers = 'one'\n"}),
    "noisy": dict(replace={"sigmoid": (
        "import sys, warnings\n"
        "def sigmoid(z):\n"
        "    print('computing sigmoid of', np.shape(z))\n"
        "    sys.stderr.write('debug: on stderr\\n')\n"
        "    warnings.warn('a warning from the student')\n"
        "    with np.errstate(over='warn'):\n        np.exp(np.array([1000.0]))\n"
        "    return 1 / (1 + np.exp(-z))\n")}),
    "kernel_dies_later": dict(append=["import os\nos._exit(1)\n"]),
    # a cell of the student's own with an import, a helper, a magic and an experiment; the solution
    # uses the helper; a later cell redefines sigmoid wrongly after its test cell ran.
    "own_helper_cell": dict(
        insert_after={"setup": ("%matplotlib inline\n"
                                "from numpy import exp as _exp\n"
                                "import nnkit.plots\n"
                                "def _logistic(v):\n    return 1 / (1 + _exp(-v))\n"
                                "print(_logistic(np.array([0.0])))\n")},
        replace={"sigmoid": "def sigmoid(z):\n    return _logistic(z)\n",
                 "relu": "%time _ = 1\ndef relu(z):\n    return np.maximum(z, 0)\n"},
        append=["def sigmoid(z):\n    return z\n"]),
    "sys_exit_cell": dict(append=["import sys\nsys.exit(3)\n"]),
    # a lambda and a constant in a cell of the student's own; an import of nnkit left unused and a
    # docstring that names it, in solution cells
    "own_lambda_and_nnkit_mentions": dict(
        insert_after={"setup": "step = lambda z: np.maximum(z, 0)\nTWO = 2.0\n"},
        replace={"relu": "import nnkit\ndef relu(z):\n    return step(z)\n",
                 "tanh": 'def tanh(z):\n    """tanh as in the nnkit notes"""\n    return np.tanh(TWO * z / 2)\n'}),
}


def _deleted_test_cells(nb, wrong_relu=True):
    nb = nbcycle.with_cells(nb, replace={"relu": "def relu(z):\n    return z\n"} if wrong_relu else None)
    nb.cells = [c for c in nb.cells
                if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") not in ("test_relu", "test_sigmoid")]
    return nb


def _tampered_metadata(nb):
    nb = nbcycle.with_cells(nb, replace={"relu": "def relu(z):\n    return z\n"})
    for c in nb.cells:
        meta = c.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") == "test_relu":
            meta["points"] = 100
            c.source = "print('all good')"
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    nbcycle.env_for_tests()
    tmp = tmp_path_factory.mktemp("cycle")
    source = nbcycle.mini_notebook()
    cdir = nbcycle.make_course(tmp, {"01_neuron": source})
    release = nbcycle.generate(cdir, "01_neuron")
    subs = {"complete": source, "blank": release,
            "one_mistake": nbcycle.with_cells(source, replace={"relu": "def relu(z):\n    return np.max(z, 0)\n"}),
            "deleted_tests": _deleted_test_cells(source),
            "tampered_metadata": _tampered_metadata(source)}
    subs.update({f"attack_{k}": nbcycle.with_cells(source, **v) for k, v in ATTACKS.items()})
    subs.update({f"fair_{k}": nbcycle.with_cells(source, **v) for k, v in FAIR.items()})
    results, scores, report = nbcycle.grade(cdir, "01_neuron", subs, tmp, jobs=2)
    return {"cdir": cdir, "results": {r.student: r for r in results}, "scores": scores, "report": report,
            "subs": subs, "tmp": tmp}


def test_every_submission_was_graded(graded):
    assert not graded["report"]["not_graded"]
    assert set(graded["scores"]) == set(graded["subs"])


def test_complete_gets_full_marks_blank_gets_zero(graded):
    assert graded["scores"]["complete"] == FULL
    assert graded["scores"]["blank"] == {k: 0.0 for k in FULL}


def test_one_mistake_loses_exactly_that_functions_points(graded):
    assert graded["scores"]["one_mistake"] == {**FULL, "test_relu": 0.0}
    assert {"function": "relu", "mistake": "np.max in place of np.maximum", "count": 1} in graded["report"]["mistakes"]


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attacks_earn_nothing(graded, attack):
    assert graded["scores"][f"attack_{attack}"] == LOST_SIGMOID


@pytest.mark.parametrize("case", sorted(FAIR))
def test_correct_solutions_keep_every_point(graded, case):
    assert graded["scores"][f"fair_{case}"] == FULL


def test_deleted_test_cells_are_put_back(graded):
    assert graded["scores"]["deleted_tests"] == {**FULL, "test_relu": 0.0}


def test_tampered_test_cell_is_restored(graded):
    assert graded["scores"]["tampered_metadata"] == {**FULL, "test_relu": 0.0}


def test_autograded_notebook_shows_the_judges_feedback(graded):
    nb = nbformat.read(graded["cdir"] / "autograded" / "attack_patch_numpy" / "01_neuron" / "01_neuron.ipynb", 4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_sigmoid")
    assert [o.output_type for o in cell.outputs] == ["error"]
    text = strip_ansi("\n".join(cell.outputs[0].traceback))
    logical = [ln for ln in text.splitlines() if len(ln) - len(ln.lstrip(" ")) < 4]  # not a wrapped continuation
    assert "sign slip" in text and len(logical) <= 5


def test_a_hang_costs_only_its_function_and_is_reported(graded):
    r = graded["results"]["attack_endless_loop"]
    assert r.success
    notes = [n for n in graded["report"]["notes"] if n.startswith("attack_endless_loop")]
    assert any("sigmoid hit the time limit" in n for n in notes), graded["report"]["notes"]


def test_a_dead_kernel_is_reported_and_graded(graded):
    notes = [n for n in graded["report"]["notes"] if n.startswith("fair_kernel_dies_later")]
    assert any("kernel died" in n for n in notes), graded["report"]["notes"]


def test_parallel_and_sequential_runs_agree(graded, tmp_path):
    """Grade a few of the same submissions again on one process: the same scores."""
    from grader.instructor.classgrade import autograde_class

    subset = ["one_mistake", "attack_patch_grader"]
    autograde_class(graded["cdir"], "01_neuron", subset, jobs=1)
    again = nbcycle.scores(graded["cdir"], "01_neuron")
    assert {s: again[s] for s in subset} == {s: graded["scores"][s] for s in subset}


def test_feedback_hides_hidden_tests(graded):
    from grader.instructor import course

    api = course.api(graded["cdir"])
    r = api.generate_feedback("01_neuron", "one_mistake", force=True)
    assert r["success"], r.get("log")
    html = (graded["cdir"] / "feedback" / "one_mistake" / "01_neuron" / "01_neuron.html").read_text()
    assert "hidden=True" not in html and "BEGIN HIDDEN TESTS" not in html
    assert "np.max in place of np.maximum" in html


def test_judge_only_mode_gives_the_same_scores(graded, tmp_path):
    """Every submission above (fair, mistaken, tampered, attacks, hangs, dead kernels) graded again
    with no kernel at all (``--judge-only``): exactly the same scores, and the report says the mode."""
    import shutil

    from grader.instructor.classgrade import autograde_class, class_report

    cdir = tmp_path / "course"
    shutil.copytree(graded["cdir"], cdir, ignore=shutil.ignore_patterns("autograded", "feedback", "reports"))
    results = autograde_class(cdir, "01_neuron", jobs=2, mode="judge")
    assert all(r.success for r in results), [r for r in results if not r.success]
    assert nbcycle.scores(cdir, "01_neuron") == graded["scores"]
    report = class_report(cdir, "01_neuron", results)
    assert set(report["judge_only"]) == set(graded["subs"])
    assert "Graded in judge-only mode" in report["text"]
    assert not graded["report"].get("judge_only")
    # no kernel ran: the autograded copy of a notebook that kills its kernel has no "not run" marks
    nb = nbformat.read(cdir / "autograded" / "fair_kernel_dies_later" / "01_neuron" / "01_neuron.ipynb", 4)
    assert not any("(not run:" in str(c.get("outputs", "")) for c in nb.cells)
