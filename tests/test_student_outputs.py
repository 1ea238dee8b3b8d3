"""Judge-only grading keeps the student's own outputs, but nothing that could run in a browser."""

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from grader.autograde.student_outputs import KeepStudentOutputs


def _run(cells):
    nb = new_notebook(cells=cells)
    out, _ = KeepStudentOutputs().preprocess(nb, {})
    return out


def test_text_and_pictures_are_kept():
    cell = new_code_cell("print(1)", outputs=[
        new_output("stream", name="stdout", text="hello\n"),
        new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        new_output("execute_result", data={"text/plain": "42"}, execution_count=3),
        new_output("error", ename="ValueError", evalue="bad shape", traceback=["Traceback", "ValueError"]),
    ])
    outs = _run([cell]).cells[0].outputs
    assert [o.output_type for o in outs] == ["stream", "display_data", "execute_result", "error"]
    assert outs[0].text == "hello\n" and outs[1].data["image/png"] == "iVBORw0KGgo="
    assert outs[2].data["text/plain"] == "42" and outs[3].evalue == "bad shape"
    nbformat.validate(_run([cell]))


def test_anything_that_runs_in_a_browser_is_dropped():
    cell = new_code_cell("x", outputs=[
        new_output("display_data", data={"text/html": "<script>steal()</script>",
                                         "application/javascript": "steal()"}),
        new_output("display_data", data={"image/svg+xml": "<svg onload='steal()'/>", "text/plain": "<svg>"}),
        new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}}),
    ])
    outs = _run([cell]).cells[0].outputs
    assert len(outs) == 1 and outs[0].data == {"text/plain": "<svg>"}
    assert "steal" not in str(outs)


def test_a_huge_output_is_cut():
    cell = new_code_cell("x", outputs=[new_output("stream", name="stdout", text="x" * 10_000_000)])
    assert len(_run([cell]).cells[0].outputs[0].text) == KeepStudentOutputs().max_chars


def test_markdown_cells_are_untouched():
    md = new_markdown_cell("# Title $z = w^T x$")
    assert _run([md]).cells[0].source == "# Title $z = w^T x$"


def test_outputs_are_capped_by_size_not_only_by_lines():
    from nbformat.notebooknode import NotebookNode

    from grader.autograde.cap_outputs import capped

    line = NotebookNode(output_type="stream", name="stdout", text="x" * 5_000_000)
    picture = NotebookNode(output_type="display_data", metadata={}, data={"image/png": "A" * 3_000_000,
                                                                           "text/plain": "<Figure>"})
    small = NotebookNode(output_type="display_data", metadata={}, data={"image/png": "A" * 1000})
    assert len(capped(line, 20_000, 2_000_000)["text"]) < 20_100
    assert "4980000 more characters left out" in line["text"]
    assert "image/png" not in capped(picture, 20_000, 2_000_000)["data"]
    assert capped(small, 20_000, 2_000_000)["data"]["image/png"] == "A" * 1000
