"""The grader's core: plain data on the wire, the check engine, the judge's worker, the sandbox."""

import io
import os
import time

import numpy as np
import pytest

from grader.check import Checker, CheckFailed
from grader import specs
from grader.check.engine import Case, FunctionSpec, Mistake, compare, evaluate
from grader.judge.judge import Judge, mentions_reference, without_reference_imports
from grader.check.wire import FunctionSource, GeneratorSeed, TypeTag, dumps, loads, read_frame, to_plain, write_frame
from grader.sandbox import box as sandbox


# -- wire ------------------------------------------------------------------------------------------

def test_plain_data_round_trips():
    value = {"a": np.arange(6.0).reshape(2, 3), "b": (1, 2.5, None, "x", True), "c": [np.float64(3.0), np.int64(4)],
             "d": np.array([[True, False]]), "e": float("nan"), "f": np.zeros((0, 3))}
    back = loads(dumps(to_plain(value)))
    assert back.keys() == value.keys()
    assert np.array_equal(back["a"], value["a"]) and back["a"].dtype == np.float64
    assert back["b"] == value["b"] and isinstance(back["b"], tuple)
    assert back["c"][0] == 3.0 and isinstance(back["c"][0], np.float64)
    assert back["d"].dtype == bool and np.isnan(back["e"]) and back["f"].shape == (0, 3)


def test_arrays_keep_their_shape_and_values_whatever_their_layout():
    base = np.arange(12.0).reshape(3, 4)
    for a in (np.array(2.5), base.T, base[:, ::2], np.asfortranarray(base), base[None, 1:, :]):
        back = loads(dumps(to_plain(a)))
        assert back.shape == a.shape and np.array_equal(back, a), a


def test_non_plain_values_become_type_tags():
    masked = np.ma.masked_array([1.0, 2.0], mask=[True, False])

    class Sub(np.ndarray):
        pass

    assert to_plain(masked) == TypeTag("numpy.ma.MaskedArray")
    assert isinstance(to_plain(np.zeros(2).view(Sub)), TypeTag)
    assert isinstance(to_plain(object()), TypeTag)
    assert isinstance(to_plain({1: 2}), TypeTag)
    assert isinstance(loads(dumps(to_plain(lambda: 0))), TypeTag)


@pytest.mark.parametrize("payload", [
    b'{"__nd__": ["<f8", [2, 2], "AAAA"]}',            # size does not match the shape
    b'{"__nd__": ["|O", [1], "AAAAAAAAAAA="]}',         # object dtype
    b'{"__fn__": "__import__(\'os\').system(\'true\')"}',  # the grader never evaluates a worker's text
    b'{"__rng__": 1}',
    b'{"a": 1, "b": 2}',
])
def test_decoding_rejects_what_a_worker_may_not_send(payload):
    with pytest.raises(ValueError):
        loads(payload)


def test_input_markers_become_live_objects_in_the_worker_only():
    data = dumps((FunctionSource("lambda z: z ** 3"), GeneratorSeed(5)))
    fn, rng = loads(data, make_inputs=True)
    assert fn(2.0) == 8.0 and isinstance(rng, np.random.Generator)


def test_frames():
    buf = io.BytesIO()
    write_frame(buf, b"hello")
    buf.seek(0)
    assert read_frame(buf) == b"hello" and read_frame(buf) is None


# -- engine ----------------------------------------------------------------------------------------

def test_compare_is_layered_type_shape_values():
    e = np.ones((2, 3))
    assert "a list" in compare(e, [1.0], 1e-6, 1e-9)
    assert "shape" in compare(e, np.ones((3, 2)), 1e-6, 1e-9) and "transposed" in compare(e, np.ones((3, 2)), 1e-6, 1e-9)
    msg = compare(e, np.array([[1, 1, 1], [1, 1, 2.0]]), 1e-6, 1e-9)
    assert "wrong values" in msg and "[1, 2]" in msg
    assert compare(e, e + 1e-12, 1e-6, 1e-9) is None
    assert compare(0.5, np.float64(0.5), 1e-6, 1e-9) is None
    assert "single number" in compare(0.5, np.array([[0.5]]), 1e-6, 1e-9)
    assert "missing key" in compare({"dW1": e}, {"db1": e}, 1e-6, 1e-9)


def _double(x):
    return 2 * np.asarray(x, dtype=float)


SPEC = FunctionSpec("double", _double, lambda: [Case((np.array([1.0, 2.0]),)), Case((np.ones((3, 4)),), hidden=True)],
                    mistakes=[Mistake("squaring", "double, not square", lambda x: np.asarray(x, float) ** 2)])


def _direct(fn):
    from grader.check.checker import direct_call
    from grader.check.engine import AssignmentSpec
    return direct_call(fn, SPEC, AssignmentSpec("t", {"double": SPEC}, {}, {}))


def test_evaluate_names_a_known_mistake_in_five_lines_at_most():
    v = evaluate(SPEC, _direct(lambda x: np.asarray(x, float) ** 2))
    assert not v.passed and v.mistake == "squaring" and len(v.message.splitlines()) <= 5
    assert "double(x=[1., 2.])" in v.message


def test_evaluate_reports_mutation_errors_and_hidden_cases():
    def mutating(x):
        x *= 2
        return x

    v = evaluate(SPEC, _direct(mutating))
    assert not v.passed and "modified its argument(s) x" in v.message

    def boom(x):
        raise ZeroDivisionError("no")

    assert "raised ZeroDivisionError: no" in evaluate(SPEC, _direct(boom)).message
    only_visible = lambda x: np.array([2.0, 4.0])  # noqa: E731 - right on the visible case only
    assert evaluate(SPEC, _direct(only_visible), hidden=False).passed
    assert not evaluate(SPEC, _direct(only_visible), hidden=True).passed


def test_checker_prints_one_line_or_raises_short_failure(capsys):
    check = Checker("01_neuron")
    check("relu", lambda z: np.maximum(z, 0))
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "relu" in out
    with pytest.raises(CheckFailed) as e:
        check("relu", lambda z: np.max(z, 0))
    assert "np.max in place of np.maximum" in str(e.value)
    assert all("Traceback" not in ln for ln in e.value._render_traceback_())


def test_checker_refuses_the_reference_itself():
    from nnkit.activations import sigmoid as ref
    check = Checker("01_neuron")
    assert check.verdict("sigmoid", ref).mistake == "calls the reference"
    wrapper = eval("lambda z: ref(z)", {"ref": ref})
    assert not check.verdict("sigmoid", wrapper).passed


def test_checker_uses_the_references_of_earlier_functions():
    """layer_forward is checked with the reference sigmoid even if the student's sigmoid is wrong."""
    ns = {"np": np}
    exec("def sigmoid(z):\n    return z\n"
         "def layer_forward(W, b, A_prev, activation='sigmoid'):\n"
         "    return {'sigmoid': sigmoid, 'tanh': tanh, 'relu': relu, 'leaky_relu': leaky_relu}[activation](W @ A_prev + b)\n",
         ns)
    assert Checker("01_neuron").verdict("layer_forward", ns["layer_forward"], hidden=True).passed
    assert ns["sigmoid"](3) == 3  # and the student's own function is back afterwards


def test_mentions_reference():
    assert mentions_reference("import nnkit")
    assert mentions_reference("from nnkit.activations import sigmoid")
    assert mentions_reference("x = 'nnkit'")
    assert mentions_reference("import grader.check.engine")
    assert not mentions_reference("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))")


@pytest.mark.parametrize("src, uses", [
    ("from nnkit.activations import sigmoid\ndef f(z):\n    return sigmoid(z)", False),  # a helper, as set up
    ("import numpy as np, nnkit\ndef f(z):\n    return np.tanh(z)", False),             # unused
    ('def f(z):\n    """the formula of the nnkit notes"""\n    return z', False),           # a docstring
    ("from nnkit.losses import binary_cross_entropy as bce\ndef f(A, Y):\n    return bce(A, Y)", True),
    ("from nnkit.two_layer import forward_propagation as sigmoid\ndef f(z):\n    return sigmoid(z)", True),
    ("import nnkit.activations\ndef f(z):\n    return nnkit.activations.sigmoid(z)", True),
    ("from nnkit.activations import *\ndef f(z):\n    return z", True),
    ("def f(z):\n    from grader.check.engine import compare\n    return compare(z, z)", True),
    # the student's own variable named grader (or nnkit) is not the package
    ("def f(z):\n    grader = 2.0\n    return z * grader", False),
    ("def f(z, nnkit=1):\n    return z + nnkit", False),
    ("def f(z):\n    return grader.check(z)", True),
])
def test_without_reference_imports(src, uses):
    out, used = without_reference_imports(src, {"sigmoid", "tanh"})
    assert used is uses
    assert "import nnkit" not in out and "from nnkit" not in out and "from grader" not in out
    if not uses:
        ns = {"np": np, "sigmoid": lambda z: z}
        exec(out, ns)  # what is left runs
        assert callable(ns["f"])


def test_a_solution_cell_that_imports_a_helper_from_nnkit_is_judged(tmp_path):
    src = ("from nnkit.activations import sigmoid\nimport numpy as np\n"
           "def propagate(w, b, X, Y):\n"
           '    """Gradients as in the nnkit notes."""\n'
           "    m = X.shape[1]\n    A = sigmoid(np.dot(w.T, X) + b)\n"
           "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m\n"
           "    return {'dw': np.dot(X, (A - Y).T) / m, 'db': float(np.sum(A - Y) / m)}, float(cost)\n")
    judge = Judge(specs.load("02_logistic_regression"), tmp_path, function_timeout=5)
    assert judge.judge([src], ["propagate"])["propagate"].passed, judge.notes
    cheat = "from nnkit.logistic import propagate as ref\ndef propagate(w, b, X, Y):\n    return ref(w, b, X, Y)\n"
    v = Judge(specs.load("02_logistic_regression"), tmp_path, function_timeout=5).judge([cheat], ["propagate"])
    assert not v["propagate"].passed and "uses nnkit or grader" in v["propagate"].message


# -- judge -----------------------------------------------------------------------------------------

GOOD = {
    "sigmoid": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
    "relu": "def relu(z):\n    return np.maximum(z, 0)\n",
}


def _judge(tmp_path, sources, names, **kw):
    kw.setdefault("function_timeout", 3)
    return Judge(specs.load("01_neuron"), tmp_path, **kw).judge(sources, names)


def test_judge_passes_good_and_fails_bad(tmp_path):
    v = _judge(tmp_path, [GOOD["sigmoid"], "def relu(z):\n    return np.minimum(z, 0)\n"], ["sigmoid", "relu", "tanh"])
    assert v["sigmoid"].passed and not v["relu"].passed and v["relu"].mistake == "min in place of max"
    assert not v["tanh"].passed and "not defined" in v["tanh"].message


def test_judge_survives_exits_hangs_and_bad_cells(tmp_path):
    sources = [
        "import os\nos._exit(1)\n",                                  # a cell that kills the process
        "while True:\n    pass\n",                                   # a cell that hangs
        "def tanh(z):\n    import sys\n    sys.exit(0)\n",
        "def leaky_relu(z, alpha=0.01):\n    import os\n    os._exit(0)\n",
        GOOD["sigmoid"], GOOD["relu"],
    ]
    judge = Judge(specs.load("01_neuron"), tmp_path, cell_timeout=2, function_timeout=3)
    v = judge.judge(sources, ["sigmoid", "relu", "tanh", "leaky_relu"])
    assert v["sigmoid"].passed and v["relu"].passed
    assert not v["tanh"].passed and "SystemExit" in v["tanh"].message
    assert not v["leaky_relu"].passed and "process ended" in v["leaky_relu"].message
    assert any("cell 1" in n for n in judge.notes) and any("cell 2" in n for n in judge.notes)


def test_judge_student_output_never_reaches_the_verdict(tmp_path):
    noisy = "import sys\ndef sigmoid(z):\n    print('x' * 10000)\n    sys.stderr.write('err')\n    return 1 / (1 + np.exp(-z))\n"
    assert _judge(tmp_path, [noisy], ["sigmoid"])["sigmoid"].passed


def test_solution_sources_take_the_students_own_definitions_but_never_the_instructors(tmp_path):
    import nbformat
    from grader.judge.judge import solution_sources

    def code(src, **meta):
        c = nbformat.v4.new_code_cell(src)
        if meta:
            c.metadata["nbgrader"] = {"grade": False, "locked": False, "schema_version": 3, "task": False, **meta}
        return c

    nb = nbformat.v4.new_notebook(cells=[
        code("import numpy as np", solution=False, grade_id="setup", locked=True),
        code("def relu(z):\n    return z * 0  # the instructor's demonstration"),    # the instructor's
        code("import copy\nfrom nnkit.plots import plot_decision_boundary\ndef _helper(z):\n    return z\n"
             "for i in range(10 ** 9):\n    pass\n"),                                # the student's
        code("def relu(z):\n    return _helper(np.maximum(z, 0))", solution=True, grade_id="relu"),
        code("def relu(z):\n    return z\nclass Thing:\n    pass\n"),                 # the student's, later
    ])
    instructor = ["import numpy as np", "def relu(z):\n    return z * 0  # the instructor's demonstration"]
    sources = solution_sources(nb, {"relu"}, instructor)
    assert sources == ["import copy\n\ndef _helper(z):\n    return z",
                       "def relu(z):\n    return _helper(np.maximum(z, 0))", "class Thing:\n    pass"]
    assert solution_sources(nb, {"relu"}) == ["def relu(z):\n    return _helper(np.maximum(z, 0))"]
    v = _judge(tmp_path, sources, ["relu"])
    assert v["relu"].passed, v["relu"].message


def test_an_added_cell_s_lambdas_and_constants_are_kept_its_computations_not():
    from grader.judge.judge import student_definitions

    src = ("step = lambda z: (z > 0).astype(float)\nTWO = 2.0\nSIZES = (3, 4, 1)\nrelu = lambda z: z\n"
           "X = np.random.randn(2, 10 ** 9)\nn = len(SIZES)\nprint('hi')\n")
    assert student_definitions(src, {"relu"}) == "step = lambda z: (z > 0).astype(float)\n\nTWO = 2.0\n\nSIZES = (3, 4, 1)"


def test_a_solution_cell_that_uses_a_notebook_variable_still_defines_its_functions(tmp_path):
    # X exists in the kernel (an earlier cell made it), not in the judge: the print fails there,
    # the definitions of the cell still count, and one that is wrong still fails
    cell = ("print(X.shape)\n" + GOOD["sigmoid"] + "def relu(z):\n    return np.minimum(z, 0)\n"
            "print(sigmoid(X))\n")
    v = _judge(tmp_path, [cell], ["sigmoid", "relu"])
    assert v["sigmoid"].passed, v["sigmoid"].message
    assert not v["relu"].passed and v["relu"].mistake == "min in place of max"


def test_each_function_is_judged_as_it_stood_when_its_test_cell_ran(tmp_path):
    # the kernel runs sigmoid's test right after its cell, before a later cell redefines _exp;
    # relu calls a helper that exists only after its own cell, so in the kernel it fails too
    cells = ["def _exp(z):\n    return np.exp(z)\n",
             "def sigmoid(z):\n    return 1 / (1 + _exp(-z))\n",
             "def _exp(z):\n    return z\ndef relu(z):\n    return _pos(z)\n",
             "def _pos(z):\n    return np.maximum(z, 0)\n"]
    v = _judge(tmp_path, cells, ["sigmoid", "relu"])
    assert v["sigmoid"].passed, v["sigmoid"].message
    assert not v["relu"].passed and "_pos" in v["relu"].message


def test_judge_questions(tmp_path):
    v = _judge(tmp_path, ["q_linear_layers = 1\nq_w1_shape = (3, 4)\n"], ["q_linear_layers", "q_w1_shape"])
    assert v["q_linear_layers"].passed and not v["q_w1_shape"].passed


@pytest.mark.skipif(not sandbox.bwrap_works(), reason="bubblewrap cannot run on this machine")
def test_sandboxed_worker_cannot_see_the_course_or_write_outside(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("hidden tests")
    probe = (
        "import os\n"
        f"found = os.path.exists({str(secret)!r}) or os.path.exists({str(sandbox.Path(__file__).resolve().parent.parent)!r} + '/nn' + 'kit')\n"
        "try:\n    open('/root/escaped.txt', 'w').write('x')\n    wrote = True\nexcept OSError:\n    wrote = False\n"
        "def sigmoid(z):\n    if found:\n        return z\n    return 1 / (1 + np.exp(-z))\n")
    prefix, workdir, note = sandbox.prepare("on")
    try:
        v = Judge(specs.load("01_neuron"), workdir, command_prefix=prefix).judge([probe], ["sigmoid"])
    finally:
        sandbox.cleanup(workdir)
    assert note is None and v["sigmoid"].passed
    assert not os.path.exists("/root/escaped.txt")


def test_a_cell_is_analysed_once_into_one_record_every_reader_agrees_with():
    from grader.judge.judge import analyse, defined_names, mentions_reference, student_definitions, without_magics

    src = "%matplotlib inline\nimport nnkit\ndef relu(z):\n    return np.maximum(z, 0)\nEPS = 1e-8\n!ls\n"
    cell = analyse(src)
    assert analyse(src) is cell  # one analysis per cell, whoever asks
    assert cell.parses and cell.source == src
    assert cell.code == "pass\nimport nnkit\ndef relu(z):\n    return np.maximum(z, 0)\nEPS = 1e-8\npass\n"
    assert cell.definitions == {"relu", "EPS"} == defined_names(src)
    assert without_magics(src) == cell.code and mentions_reference(src)
    assert student_definitions(src) == "def relu(z):\n    return np.maximum(z, 0)\n\nEPS = 1e-08"
    broken = analyse("def relu(z)\n    return z\n")
    assert not broken.parses and broken.definitions == frozenset()
    assert defined_names(broken.source) == set() and student_definitions(broken.source) == ""
    assert not mentions_reference("import nnkit(")


def test_one_call_and_observe_protocol_for_the_checker_and_the_worker():
    from grader.check.engine import outcome_of
    from grader.check.wire import FRAME_HEAD, frame, frame_length, observe_call

    def scale(A, k=2.0):
        A *= k  # changes its input
        return A

    ns = {"helper": "mine"}
    reply = observe_call(scale, (np.ones((2, 2)),), {"k": 3.0}, ns, {"helper": lambda: 0})
    assert reply["mutated"] == [0] and ns == {"helper": "mine"}  # the dependency is put back
    assert outcome_of(reply, ("A", "k")).mutated == ("A",)
    assert np.array_equal(reply["value"], np.full((2, 2), 3.0))
    err = observe_call(lambda: 1 / 0, (), {})
    assert err == {"error": ["ZeroDivisionError", "division by zero"]}
    assert outcome_of({"error": "junk"}, ()).error == ("Error", "")
    framed = frame(b"abc")
    assert frame_length(framed[:FRAME_HEAD]) == 3 and framed[FRAME_HEAD:] == b"abc"
    with pytest.raises(ValueError):
        frame_length((2 ** 31).to_bytes(4, "big"))


def _published_and_seeded_cases(seed):
    """{(assignment, function): (published cases, cases drawn under ``seed``)}, as plain bytes."""
    from grader.check.engine import _drawn_cases, hidden_seed, materialize

    def plain(cases):
        return [(c.hidden, dumps(to_plain(materialize(c.args))) + dumps(to_plain(materialize(c.kwargs))))
                for c in cases]

    out = {}
    for a in specs.MODULES:
        for f in specs.load(a).functions.values():
            if f.cases is not None:
                with hidden_seed(seed):
                    drawn = _drawn_cases(f.cases)
                out[(a, f.name)] = plain(f.cases()), plain(drawn)
    return out


#: Functions whose hidden cases have nothing random to draw: sizes only (initialize_with_zeros), or
#: no case list (their custom checks draw seeds of their own).
NOTHING_RANDOM_HIDDEN = {("02_logistic_regression", "initialize_with_zeros"),
                         ("04_two_layer_backprop", "initialize_parameters"), ("05_regularization", "dropout_forward"),
                         ("06_optimization", "random_mini_batches"), ("07_deep_network", "initialize_parameters_deep")}


def test_hidden_cases_come_from_the_instructor_s_seed_visible_ones_stay_published():
    seeded = _published_and_seeded_cases(20261205)
    for key, (published, drawn) in seeded.items():
        assert [h for h, _ in published] == [h for h, _ in drawn], key
        assert [x for h, x in published if not h] == [x for h, x in drawn if not h], key  # visible: fixed
        if key not in NOTHING_RANDOM_HIDDEN:  # a student's copy (no seed) cannot reproduce them
            assert any(x != y for (h, x), (_, y) in zip(published, drawn) if h), key
    again = _published_and_seeded_cases(20261205)
    assert again == seeded  # the same seed, the same cases: a regrade gives the same scores
    assert _published_and_seeded_cases(7) != seeded


@pytest.mark.parametrize("assignment", list(specs.MODULES))
def test_under_a_seed_the_reference_passes_and_every_known_mistake_fails(assignment):
    from grader.check.checker import direct_call
    from grader.check.engine import evaluate, hidden_seed

    aspec = specs.load(assignment)
    with hidden_seed(918273645):
        for spec in aspec.functions.values():
            assert evaluate(spec, direct_call(spec.ref, spec, aspec)).passed, spec.name
            for m in spec.mistakes:
                v = evaluate(spec, direct_call(m.impl, spec, aspec))
                assert not v.passed, f"{spec.name}: the mistake {m.name!r} passes under the seed"


def test_the_course_s_seed_is_read_from_a_file_never_released_or_the_environment(tmp_path, monkeypatch):
    import shutil

    from grader.instructor import course

    shutil.copy(course.DEFAULT_COURSE / "nbgrader_config.py", tmp_path)
    monkeypatch.delenv("NNKIT_HIDDEN_SEED", raising=False)
    assert course.hidden_seed(tmp_path) is None  # no seed: the published hidden cases
    (tmp_path / "hidden_seed.txt").write_text("4242\n")
    assert course.hidden_seed(tmp_path) == 4242
    monkeypatch.setenv("NNKIT_HIDDEN_SEED", "77")
    assert course.hidden_seed(tmp_path) == 77
    assert "course/hidden_seed.txt" in (course.ROOT / ".gitignore").read_text().split()


def test_a_hang_in_a_small_function_costs_its_own_budget_not_the_whole_limit(tmp_path):
    """sigmoid's reference takes milliseconds: its budget is the floor, so an endless loop in it
    costs about three seconds of the class's time, not the judge's whole function limit; a correct
    solution written with Python loops is well inside the same budget."""
    from grader import limits

    hang = "def sigmoid(z):\n    while True:\n        pass\n"
    loops = ("import math\ndef relu(z):\n    z = np.asarray(z, dtype=float)\n    out = np.empty_like(z)\n"
             "    for i in np.ndindex(z.shape):\n        out[i] = max(z[i], 0.0) + 0 * math.exp(0)\n    return out\n")
    judge = Judge(specs.load("01_neuron"), tmp_path, function_timeout=60)
    assert judge.budget(specs.load("01_neuron").functions["sigmoid"]) == limits.JUDGE_FUNCTION_FLOOR
    started = time.monotonic()
    v = judge.judge([hang, loops], ["sigmoid", "relu"])
    assert time.monotonic() - started < limits.JUDGE_FUNCTION_FLOOR + 5
    assert not v["sigmoid"].passed and v["relu"].passed
    assert any(n.startswith("sigmoid hit the time limit (3 s)") for n in judge.notes), judge.notes
    # a function that calls earlier graded ones keeps the whole limit (each call is a round trip)
    assert judge.budget(specs.load("01_neuron").functions["neuron_forward"]) == 60


@pytest.mark.slow
def test_a_test_cell_run_before_its_exercise_says_what_to_do_in_one_line(tmp_path):
    """In the kernel, a NameError on a graded function or question (its cell not run, or not written)
    is one line saying what to do; any other NameError keeps its usual traceback."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in (
        'from grader.check import Checker\ncheck = Checker("01_neuron")',
        'check.answer("q_zero_centred", q_zero_centred)',
        'check("sigmoid", sigmoid)',
        'print(undefined_thing)',
        'def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\nimport numpy as np\ncheck("sigmoid", sigmoid)',
    )])
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    question, function, other, fine = (c.outputs for c in nb.cells[1:])
    assert question[0].ename == "NameError" and len(question[0].traceback) == 1
    assert "q_zero_centred is not answered yet" in question[0].traceback[0]
    assert function[0].ename == "NameError" and len(function[0].traceback) == 1
    assert "sigmoid is not defined yet: write it in its cell" in function[0].traceback[0]
    assert other[0].ename == "NameError" and len(other[0].traceback) > 1  # the usual traceback
    assert "correct" in fine[0].text


def test_without_the_sandbox_the_reference_is_not_found_by_a_computed_name(tmp_path):
    """With the import blocker taken off sys.meta_path, an editable install's finder and path hook
    are gone too: nnkit is not found by name (only the sandbox hides its files: see the README)."""
    src = ("import sys, importlib\n"
           "sys.meta_path = [f for f in sys.meta_path if 'Block' not in type(f).__name__]\n"
           "try:\n    act = importlib.import_module('nn' + 'kit.activations')\nexcept ImportError:\n    act = None\n"
           "def sigmoid(z):\n    return act.sigmoid(z)\n")
    v = _judge(tmp_path, [src, GOOD["relu"]], ["sigmoid", "relu"])  # no command prefix: no sandbox
    assert not v["sigmoid"].passed and v["relu"].passed
