"""The Chinese edition: complete and current catalogues, one word per term, the same code, the same grades."""

import re
import shutil

import nbformat
import pytest

import nbcycle
from grader import specs
from grader.codewords import translatable_code, without_words
from grader.instructor import translate
from grader.instructor.translate import (built_path, catalogue_path, entries, inconsistent_terms, localize,
                                         problems, read_catalogue, source_notebook, translated_assignments,
                                         write_catalogue)

LANG = "zh_CN"
TRANSLATED = translated_assignments(LANG)
GRADED_ZH = [a for a in TRANSLATED if a in specs.MODULES]


def test_every_notebook_is_translated():
    from grader.instructor.course import DEFAULT_COURSE, assignments

    assert set(TRANSLATED) == set(assignments(DEFAULT_COURSE))


@pytest.fixture
def without_a_translation(tmp_path, monkeypatch):
    """The catalogues and built notebooks, but 02's Chinese notebook taken away: an untranslated one."""
    shutil.copytree(translate.LOCALE, tmp_path / "locale")
    (tmp_path / "locale" / LANG / "source" / "02_logistic_regression" / "02_logistic_regression.ipynb").unlink()
    monkeypatch.setattr(translate, "LOCALE", tmp_path / "locale")
    return "02_logistic_regression"


@pytest.mark.parametrize("assignment", TRANSLATED)
def test_every_paragraph_is_translated_and_up_to_date(assignment):
    found = problems(LANG, assignment)
    assert not found, "\n".join(found)


def test_the_translated_notebooks_and_the_glossary_page_are_built():
    stale = translate.build(LANG, check=True)
    assert not stale, f"out of date (run `make notebooks`): {stale}"


@pytest.mark.parametrize("assignment", TRANSLATED)
def test_each_glossary_term_is_translated_one_way(assignment):
    found = inconsistent_terms(LANG, assignment)
    assert not found, "\n".join(found)


def test_a_term_translated_another_way_is_caught(tmp_path, monkeypatch):
    cat = read_catalogue(catalogue_path(LANG, "01_neuron"))
    msg = next(m for m in cat if m.id and "hidden layers" in m.id and m.string)
    msg.string = msg.string.replace("隐藏层", "隐层")
    monkeypatch.setattr(translate, "LOCALE", tmp_path)
    write_catalogue(catalogue_path(LANG, "01_neuron"), cat)
    assert any("'hidden layer' should be '隐藏层'" in line for line in inconsistent_terms(LANG, "01_neuron"))


def test_a_changed_english_paragraph_marks_its_translation_out_of_date(tmp_path, monkeypatch):
    """Edit one English paragraph: the update keeps the old translation, marked fuzzy, and the check
    names the notebook, the cell and the paragraph; a new paragraph is reported as not translated."""
    shutil.copytree(translate.LOCALE / LANG, tmp_path / LANG)
    monkeypatch.setattr(translate, "LOCALE", tmp_path)
    nb = source_notebook("01_neuron")
    i, j, text = entries(nb)[2]
    blocks = translate.paragraphs(nb.cells[i].source)
    blocks[j] = text.replace("the **neuron**", "the artificial **neuron**")
    nb.cells[i].source = "\n\n".join(blocks)
    nb.cells.append(nbformat.v4.new_markdown_cell("A paragraph added in English only."))
    monkeypatch.setattr(translate, "source_notebook", lambda a, source=None: nb)
    translate.update(LANG, ["01_neuron"])
    found = problems(LANG, "01_neuron", nb)
    assert any(f"cell {i + 1}, paragraph {j + 1}" in line and "out of date" in line for line in found), found
    assert any("A paragraph added" in line and "not translated" in line for line in found), found
    cat = read_catalogue(catalogue_path(LANG, "01_neuron"))
    assert cat.get(blocks[j]).fuzzy and "神经元" in cat.get(blocks[j]).string


@pytest.mark.parametrize("assignment", TRANSLATED)
def test_code_and_grade_ids_are_those_of_the_english_notebook(assignment):
    en = source_notebook(assignment)
    zh = nbformat.read(built_path(LANG, assignment), as_version=4)
    assert zh.metadata["nnkit"]["lang"] == LANG
    assert [c.cell_type for c in zh.cells] == [c.cell_type for c in en.cells]
    for a, b in zip(en.cells, zh.cells):
        assert a.metadata.get("nbgrader", {}).get("grade_id") == b.metadata.get("nbgrader", {}).get("grade_id")
        if a.cell_type == "code":
            # the same code: only comments, docstrings and figure words are translated, never a test
            assert without_words(a.source) == without_words(b.source)
            if not translatable_code(a):
                assert a.source == b.source and a.metadata == b.metadata
    text = "".join(c.source for c in zh.cells if c.cell_type == "markdown")
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 1000  # it is Chinese


def test_formulas_are_kept_as_they_are():
    """Every $...$ formula of a paragraph is in its translation, unchanged (but the words of its
    ``\\text{...}``, which are translated)."""
    import re

    for a in TRANSLATED:
        cat = read_catalogue(catalogue_path(LANG, a))
        for msg in cat:
            if msg.id and msg.string:
                for formula in re.findall(r"\$\$?[^$]+\$\$?", msg.id):
                    if "\\text{" not in formula:
                        assert formula in msg.string, (a, formula, msg.string[:80])


def test_release_and_workspace_in_chinese(tmp_path, without_a_translation):
    from grader.cli import main
    from grader.instructor.workspace import make_workspace

    untranslated = without_a_translation
    written, _ = make_workspace(tmp_path / "work", ["00_welcome", "01_neuron", untranslated], lang=LANG)
    nbs = {p.stem: nbformat.read(p, as_version=4) for p in written}
    assert "神经元" in nbs["01_neuron"].cells[0].source
    assert "raise NotImplementedError()" in "".join(c.source for c in nbs["01_neuron"].cells)
    assert "BEGIN SOLUTION" not in "".join(c.source for c in nbs["01_neuron"].cells)
    assert nbs[untranslated].cells[0].source.startswith(f"# {untranslated[:2]}")  # not translated yet: English
    cdir = nbcycle.make_course(tmp_path / "c", {"01_neuron": source_notebook("01_neuron")})
    assert main(["--course", str(cdir), "release", "01_neuron", "--lang", LANG]) == 0
    release = nbformat.read(cdir / "release" / "01_neuron" / "01_neuron.ipynb", as_version=4)
    assert "神经元" in release.cells[0].source and release.metadata["nnkit"]["lang"] == LANG
    english = nbcycle.generate(cdir, "01_neuron")
    assert [c.get("metadata") for c in english.cells] == [c.get("metadata") for c in release.cells]


def test_release_of_an_untranslated_notebook_is_one_clear_line(tmp_path, capsys, without_a_translation):
    from grader.cli import main

    untranslated = without_a_translation
    cdir = nbcycle.make_course(tmp_path, {untranslated: source_notebook(untranslated)})
    assert main(["--course", str(cdir), "release", untranslated, "--lang", LANG]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"no translation of {untranslated}" in err[0]


def test_localize_refuses_a_notebook_of_another_shape():
    nb = source_notebook("01_neuron")
    other = nbformat.read(built_path(LANG, "01_neuron"), as_version=4)
    other.cells = other.cells[:-1]
    with pytest.raises(ValueError, match="rebuild"):
        localize(nb, other)


@pytest.mark.slow
def test_chinese_notebooks_run_and_are_graded_like_the_english_ones(tmp_path, monkeypatch):
    """Through nbgrader's real cycle, every graded Chinese notebook: its source gets full marks, its
    release zero, and a Chinese notebook with the typical mistakes loses exactly those functions. The
    welcome runs headless; 01 is graded in the full mode (its kernel runs every cell), the others
    judge-only (the same scores: the kernel only gives feedback, and its code is the English one's,
    which test_course.py runs headless)."""
    from nbclient import NotebookClient

    from grader.instructor.classgrade import autograde_class, class_report
    from grader.instructor.demo import TYPICAL_MISTAKES, with_mistakes

    nbcycle.env_for_tests()
    # No hang is tried here: the judge's usual limit, so that a loaded machine cannot time out
    # optimize or nn_model (which call earlier graded functions once per iteration).
    monkeypatch.setenv("NNKIT_FUNCTION_TIMEOUT", "20")
    welcome = nbformat.read(built_path(LANG, "00_welcome"), as_version=4)
    NotebookClient(welcome, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert not [o for c in welcome.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    zh = {a: nbformat.read(built_path(LANG, a), as_version=4) for a in GRADED_ZH}
    cdir = nbcycle.make_course(tmp_path / "course", zh)
    for a in GRADED_ZH:
        release = nbcycle.generate(cdir, a)
        # a mixed class: an English student with the same mistakes beside the Chinese ones
        subs = {"zh_solutions": zh[a], "zh_blank": release, "zh_mistake": with_mistakes(zh[a], a),
                "en_mistake": with_mistakes(source_notebook(a), a)}
        nbcycle.submit(cdir, a, subs, tmp_path / "inbox" / a)
        results = autograde_class(cdir, a, jobs=2, mode=None if a == "01_neuron" else "judge")
        report = class_report(cdir, a, results)
        scores = nbcycle.scores(cdir, a)
        assert not report["not_graded"], (a, report["not_graded"])
        assert all(scores["zh_solutions"].values()), (a, scores["zh_solutions"])
        assert not any(scores["zh_blank"].values()), (a, scores["zh_blank"])
        lost = {k for k, v in scores["zh_mistake"].items() if not v}
        assert lost == {f"test_{n}" for n in TYPICAL_MISTAKES[a]}, (a, lost)
        # the feedback in the graded notebook is Chinese: every failing test cell says what is wrong,
        # and names the mistake, in Chinese (no English framing left)
        graded = nbformat.read(cdir / "autograded" / "zh_mistake" / a / f"{a}.ipynb", as_version=4)
        failing = [o for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade")
                   for o in c.get("outputs", ()) if o.output_type == "error"]
        assert len(failing) == len(lost), (a, len(failing))
        for out in failing:
            text = "\n".join([out.evalue] + list(out.traceback))
            assert re.search(r"[\u4e00-\u9fff]{4}", text), (a, text)
            assert "This looks like" not in text and "expected" not in text, (a, text)
        # the English student: the same points lost, feedback in English; each mistake counted once
        # in the class report whatever the language it was named in
        assert {k for k, v in scores["en_mistake"].items() if not v} == lost, a
        english = nbformat.read(cdir / "autograded" / "en_mistake" / a / f"{a}.ipynb", as_version=4)
        text = "".join(o.evalue for c in english.cells for o in c.get("outputs", ()) if o.output_type == "error")
        assert not re.search(r"[\u4e00-\u9fff]", text), (a, text)
        assert all(m["count"] % 2 == 0 for m in report["mistakes"]), (a, report["mistakes"])


def _cjk_font():
    import matplotlib

    from grader.check.i18n import use_figure_fonts

    before = list(matplotlib.rcParams["font.family"])
    try:
        return use_figure_fonts(LANG)
    finally:
        matplotlib.rcParams["font.family"] = before


@pytest.mark.slow
@pytest.mark.parametrize("assignment", GRADED_ZH)
def test_chinese_notebook_runs_headless_with_chinese_figures_and_feedback(assignment, tmp_path):
    """The built Chinese notebook (its comments, docstrings and figure words translated) runs top to
    bottom in a kernel that knows its language only from the notebook (no NNKIT_LANG), every figure
    has every glyph (a CJK font: `make fonts`), and its tests say "correct" in Chinese."""
    import os

    from nbclient import NotebookClient

    if _cjk_font() is None:
        pytest.skip("no Chinese font on this machine: `make fonts` (CI installs it)")
    nbcycle.env_for_tests()
    folder = tmp_path / assignment
    shutil.copytree(built_path(LANG, assignment).parent, folder)
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "NNKIT_LANG"}
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = "".join(o.get("text", "") for o in outputs if o.get("name") == "stderr")
    assert "Glyph" not in stderr and "missing from font" not in stderr, stderr[:500]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    stdout = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    assert "：正确" in stdout and ": correct" not in stdout
