"""Issue 15: in nbgrader's Validate dialog every line of the checker's messages can be read whole.

The dialog shows a failed test cell's error (its traceback lines) in a ``<pre>`` that does not wrap,
and ``nbgrader validate`` in a terminal cuts a line after 83 characters, so the checker shows its
messages wrapped at :data:`grader.check.checker.WIDTH` columns; and a student's JupyterLab
(``course/student-lab``, used by ``make lab`` and deploy/) loads a style that wraps what is wider
still (a student's own traceback, a narrow window)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from nbconvert.filters import strip_ansi

from grader.check import CheckFailed, Checker
from grader.check.checker import HANG, WIDTH, _columns, wrap_line, wrap_message

ROOT = Path(__file__).resolve().parent.parent
A = "04_two_layer_backprop"

# The classic slip of 04: the biases' gradients summed without keepdims=True
NO_KEEPDIMS = '''def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * dZ2 @ A1.T
    db2 = (1 / m) * np.sum(dZ2, axis=1)
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = (1 / m) * dZ1 @ X.T
    db1 = (1 / m) * np.sum(dZ1, axis=1)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''


def _squeezed(text):
    return "".join(strip_ansi(text).split())


# --------------------------------------------------------------------------------------------------
# The wrapping


def test_a_long_line_is_wrapped_at_spaces_with_its_continuations_indented_and_nothing_lost():
    line = ("  on backward_propagation(parameters={W1: (4, 2), b1: (4, 1), W2: (1, 4), b2: (1, 1)}, "
            "cache={Z1: (4, 4), A1: (4, 4), Z2: (1, 4), A2: (1, 4)}, ...)")
    out = wrap_line(line)
    assert len(out) == 2 and all(_columns(ln) <= WIDTH for ln in out)
    assert out[0].startswith("  on ") and out[1].startswith("  " + HANG + "b2: (1, 1)},")  # "b2: (1, 1)" kept whole
    assert " ".join(ln.strip() for ln in out) == line.strip()
    assert wrap_line("short line") == ["short line"] and wrap_message("a\n\n  b") == "a\n\n  b"


def test_chinese_is_wrapped_by_its_width_between_characters_never_before_its_punctuation():
    line = ("backward_propagation：形状（'db1'）是 (4,)；应为 (4, 1)（该是列向量的地方成了一维数组："
            "求和时加 keepdims=True，或用 reshape）")
    out = wrap_line(line)
    assert len(out) == 2 and all(_columns(ln) <= WIDTH for ln in out) and _columns(line) > WIDTH
    assert out[1].startswith(HANG) and out[1].strip()[0] not in "，。；：）"
    assert _squeezed("".join(out)) == _squeezed(line)


def test_a_piece_wider_than_a_line_is_cut_rather_than_left_wide():
    out = wrap_line("x = " + "9" * 200)
    assert all(_columns(ln) <= WIDTH for ln in out) and _squeezed("".join(out)) == "x=" + "9" * 200


def test_the_failure_is_shown_wrapped_and_its_message_stays_as_written():
    import numpy as np

    check = Checker(A, lang="en")
    ns = {"np": np}
    exec(NO_KEEPDIMS, ns)
    message = check.verdict("backward_propagation", ns["backward_propagation"]).message
    assert max(_columns(ln) for ln in message.splitlines()) > WIDTH  # the case of issue 15
    with pytest.raises(CheckFailed) as info:
        check("backward_propagation", ns["backward_propagation"])
    assert str(info.value) == message
    shown = [strip_ansi(ln) for ln in info.value._render_traceback_()]
    assert all(_columns(ln) <= WIDTH for ln in shown) and _squeezed("".join(shown)) == _squeezed(message)


def test_the_judge_s_outputs_in_the_feedback_are_wrapped_as_the_kernel_shows_them():
    """The graded cell's outputs (which nbgrader's feedback page shows) read as in the notebook."""
    import numpy as np

    from grader.judge.judge import verdict_outputs

    ns = {"np": np}
    exec(NO_KEEPDIMS, ns)
    verdict = Checker(A, lang="en").verdict("backward_propagation", ns["backward_propagation"])
    (out,) = verdict_outputs(verdict)
    shown = [strip_ansi(ln) for ln in out.traceback]
    assert all(_columns(ln) <= WIDTH for ln in shown) and _squeezed("".join(shown)) == _squeezed(verdict.message)
    assert out.output_type == "error" and out.evalue == shown[0]


# --------------------------------------------------------------------------------------------------
# Through nbgrader's Validate: the lab's "Validate" button calls Validator.validate (nbgrader's
# validate_assignment handler) and shows each failed cell's "error"; ``nbgrader validate`` prints
# its "raw_error" lines


def _student_notebook(folder, lang):
    from grader.instructor.workspace import make_workspace

    (path,), _ = make_workspace(folder, [A], lang=lang)
    nb = nbformat.read(path, as_version=4)
    keep = {"setup", "backward_propagation", "test_backward_propagation", "q_dz1_shape", "test_q_dz1_shape"}
    nb.cells = [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") in keep]
    for cell in nb.cells:
        if cell.metadata.nbgrader["grade_id"] == "backward_propagation":
            cell.source = NO_KEEPDIMS
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_every_line_of_the_validate_dialog_s_errors_fits_its_width(tmp_path, lang):
    import numpy as np
    from nbgrader.validator import Validator

    path = _student_notebook(tmp_path, lang)
    failed = Validator().validate(str(path))["failed"]
    errors = {cell["source"]: cell["raw_error"] for cell in failed}
    assert set(errors) == {'check("backward_propagation", backward_propagation)',
                           'check.answer("q_dz1_shape", q_dz1_shape)'}
    for error in errors.values():
        lines = strip_ansi(error).splitlines()
        assert lines and all(_columns(ln) <= WIDTH for ln in lines), "\n".join(lines)
    ns = {"np": np}
    exec(NO_KEEPDIMS, ns)
    message = Checker(A, lang=lang).verdict("backward_propagation", ns["backward_propagation"]).message
    shown = errors['check("backward_propagation", backward_propagation)']
    assert "keepdims=True" in shown and _squeezed(shown) == _squeezed(message)  # only line breaks differ
    assert strip_ansi(errors['check.answer("q_dz1_shape", q_dz1_shape)']).startswith("NameError: q_dz1_shape")


# --------------------------------------------------------------------------------------------------
# A student's JupyterLab wraps the dialog's <pre> blocks itself


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode()


@pytest.mark.slow
def test_the_student_lab_serves_a_style_that_wraps_the_validate_dialog(tmp_path):
    port = _free_port()
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(ROOT / "course" / "student-lab"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_DATA_DIR": str(tmp_path / "data")}
    server = subprocess.Popen([str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser",
                               f"--port={port}", "--ip=127.0.0.1", "--ServerApp.token=", "--ServerApp.password=",
                               "--ServerApp.port_retries=0", "--allow-root"],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base, page, deadline = f"http://127.0.0.1:{port}", None, time.monotonic() + 60
        while page is None:
            try:
                page = _get(base + "/lab")
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "jupyter lab did not start"
                time.sleep(0.2)
        assert '<link rel="stylesheet" href="/custom/custom.css">' in page
        css = _get(base + "/custom/custom.css")
        assert "#validation-message pre" in css and "white-space: pre-wrap" in css
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
