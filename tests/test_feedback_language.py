"""The feedback in the notebook's language: complete catalogues, the language chosen from the notebook,
every message translated where it is shown, and English wherever no translation is asked for."""

import json

import numpy as np
import pytest

from grader import specs
from grader.check import Checker
from grader.check.engine import evaluate, looks_like
from grader.check.i18n import Message, catalogue, language, metadata_language, notebook_language, tr
from grader.instructor import translate

LANG = "zh_CN"
CJK = "\u4e00-\u9fff"


def _has_chinese(text):
    import re

    return re.search(f"[{CJK}]", text) is not None


def test_every_feedback_message_is_translated_and_keeps_its_fields():
    """Every message of the checks, the judge and the report (and every mistake and hint of the
    specs) has a current Chinese translation with the same fields and code; the check names it."""
    assert translate.message_problems(LANG) == []


def test_a_missing_or_changed_message_is_named(tmp_path, monkeypatch):
    """A message with no translation is reported, with its catalogue; a translation whose fields
    differ from the English is reported too."""
    from grader.check import i18n

    monkeypatch.setattr(i18n, "LOCALE", tmp_path)
    for path in translate.update_messages(LANG):
        assert path.is_relative_to(tmp_path)
    lines = translate.message_problems(LANG)
    assert any("feedback.po" in line and "not translated" in line for line in lines)
    path = translate.message_catalogue_path(LANG, "feedback")
    cat = translate.read_catalogue(path)
    cat["{name}: correct."].string = "{名字}：正确。"
    translate.write_catalogue(path, cat)
    assert any("{name}: correct." in line and "fields" in line for line in translate.message_problems(LANG))


def test_every_mistake_of_every_spec_is_in_the_catalogue():
    names = {m.name for a in specs.MODULES for f in specs.load(a).functions.values() for m in f.mistakes}
    table = catalogue(LANG)
    assert names and not [n for n in names if n not in table]


def test_checker_feedback_in_chinese_names_the_mistake():
    check = Checker("01_neuron", lang=LANG)
    v = check.verdict("sigmoid", lambda z: 1 / (1 + np.exp(np.asarray(z, dtype=float))))
    assert not v.passed and v.mistake == "a sign slip in the exponent"  # the identifier stays English
    with language(LANG):
        assert tr("a sign slip in the exponent") in v.message
        assert looks_like(v.mistake, specs.load("01_neuron").functions["sigmoid"].mistakes[0].hint) in v.message
    assert "This looks like" not in v.message and _has_chinese(v.message)
    ok = check.verdict("sigmoid", lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float))))
    assert ok.passed and ok.message.startswith("sigmoid：正确")


def test_english_stays_english():
    v = Checker("01_neuron", lang="en").verdict("sigmoid", lambda z: np.tanh(z))
    assert "This looks like tanh in place of sigmoid" in v.message and not _has_chinese(v.message)


@pytest.mark.parametrize("assignment", sorted(specs.MODULES))
def test_every_mistake_gives_chinese_feedback(assignment):
    """Each spec's first named mistake, run as a student's function, gets Chinese feedback."""
    aspec = specs.load(assignment)
    from grader.check.checker import direct_call

    for spec in aspec.functions.values():
        if not spec.mistakes:
            continue
        with language(LANG):
            v = evaluate(spec, direct_call(spec.mistakes[0].impl, spec, aspec), hidden=True)
        assert not v.passed
        assert _has_chinese(v.message.splitlines()[0]), (spec.name, v.message)
        assert "This looks like" not in v.message and "; expected" not in v.message, (spec.name, v.message)


def test_a_diagnosis_with_fields_is_translated_whole():
    """A diagnosed name made of a template ("divided by {name}") is translated with its field."""
    name = Message("divided by {name}", name="lambd")
    assert name == "divided by lambd"
    with language(LANG):
        assert tr(name) == "除以了 lambd"


def test_the_language_comes_from_the_notebook(tmp_path):
    nb = {"cells": [], "metadata": {"nnkit": {"lang": LANG}}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "01_neuron.ipynb").write_text(json.dumps(nb))
    assert notebook_language("01_neuron", environ={}, cwd=tmp_path) == LANG
    other = tmp_path / "elsewhere.ipynb"
    other.write_text(json.dumps({**nb, "metadata": {}}))
    # Jupyter names the notebook the kernel belongs to: it decides
    assert notebook_language("01_neuron", environ={"JPY_SESSION_NAME": str(other)}, cwd=tmp_path) == "en"
    # the grader's (or anyone's) setting comes first
    assert notebook_language("01_neuron", environ={"NNKIT_LANG": "en"}, cwd=tmp_path) == "en"
    assert notebook_language("02_logistic_regression", environ={}, cwd=tmp_path) == "en"


@pytest.mark.parametrize("metadata", [None, "x", {"nnkit": "zh_CN"}, {"nnkit": {"lang": 3}},
                                      {"nnkit": {"lang": "../../etc"}}, {"nnkit": {"lang": ""}}])
def test_tampered_language_metadata_means_english(metadata):
    assert metadata_language(metadata) is None
    with language(metadata_language(metadata)):
        assert tr("{name}: correct.", name="f") == "f: correct."


def test_a_broken_translation_never_hides_the_message(monkeypatch):
    from grader.check import i18n

    monkeypatch.setitem(i18n.catalogue(LANG), "{name}: correct.", "{nom}：正确。")
    with language(LANG):
        assert tr("{name}: correct.", name="sigmoid") == "sigmoid: correct."


def test_the_class_report_in_either_language():
    from grader.instructor.classgrade import format_report

    r = {"assignment": "01_neuron", "totals": {"ann": {"score": 8.0, "max": 9.0}}, "not_graded": {},
         "notes": ["ann / 01_neuron: code cell 3 of the solutions was not run: ..."], "judge_only": [],
         "pass_rate": {"sigmoid": {"passed": 1, "of": 1}},
         "mistakes": [{"count": 1, "function": "tanh", "mistake": "sigmoid in place of tanh"}]}
    english = format_report(r)
    chinese = format_report(r, "zh_CN")
    assert english.startswith("Class report: 01_neuron (1 graded, 0 not graded)")
    assert "tanh: sigmoid in place of tanh" in english
    assert chinese.startswith("班级报告：01_neuron") and "最常见的已识别错误" in chinese
    with language(LANG):
        assert f"tanh: {tr('sigmoid in place of tanh')}" in chinese
    assert "8 / 9" in chinese and "ann / 01_neuron: code cell 3" in chinese  # numbers and notes as they are


def test_report_language_is_checked_by_the_cli(capsys):
    from grader import cli

    with pytest.raises(SystemExit) as e:
        cli.main(["report", "01_neuron", "--lang", "fr"])
    assert e.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_a_test_cell_run_before_its_exercise_says_so_in_chinese():
    from grader.check.checker import undefined_name_message

    aspec = specs.load("01_neuron")
    with language(LANG):
        line = undefined_name_message("sigmoid", aspec)
        answer = undefined_name_message("q_zero_centred", aspec)
    assert line.startswith("sigmoid 还没有定义") and "Shift+Enter" in line
    assert answer.startswith("q_zero_centred 还没有作答")
    assert undefined_name_message("sigmoid", aspec).startswith("sigmoid is not defined yet")


def test_the_feedback_page_says_its_own_words_in_the_notebooks_language():
    from grader.instructor.course import localize_feedback

    page = ('<html lang="en"><h4>01_neuron (Score: 9.0 / 11.0)</h4><li><a href="#test_sigmoid">Test cell</a> '
            '(Score: 0.0 / 1.0)</li><span class="nbgrader-label">Student\'s answer</span>'
            '<span>Score: 1.0 / 1.0 <a href="#top">(Top)</a></span><b>Comments:</b>')
    zh = localize_feedback(page, LANG)
    assert zh.startswith('<html lang="zh-CN">')
    assert "（得分：9.0 / 11.0）" in zh and ">测试单元格<" in zh and "学生的答案" in zh and "得分：1.0 / 1.0" in zh
    assert "Score" not in zh and "Test cell" not in zh and "评语" in zh
    assert localize_feedback(page, "en") == page
