"""A self-learner's own copy of the course: the student notebooks, made once, never overwritten.

``course/release/`` belongs to nbgrader: ``nnkit-grade release`` (and ``make clean``) regenerate or
remove it, so answers written there would be lost. :func:`make_workspace` writes the student version
of each notebook (solutions and hidden tests taken out, as nbgrader's release does) into a folder of
the learner's (``my-work/`` by default, ignored by git and never touched by ``make clean``), and only
where that notebook is not there yet: a learner's copy, once made, is theirs.
"""

from pathlib import Path

import nbformat

from grader.instructor.course import DEFAULT_COURSE, ROOT

DEFAULT_WORKSPACE = ROOT / "my-work"


def student_version(nb):
    """The student version of a source notebook: solutions replaced by stubs, hidden tests removed."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

    nb = nbformat.from_dict(nb)
    resources = {}
    for pre in (ClearSolutions(), ClearHiddenTests(), ClearOutput()):
        nb, resources = pre.preprocess(nb, resources)
    return nb


def make_workspace(dest=DEFAULT_WORKSPACE, assignments=None, course_dir=DEFAULT_COURSE, lang="en"):
    """Write the student notebooks of ``assignments`` (all by default) into ``dest/<assignment>/``.

    ``lang``: the language of the notebooks (``"zh_CN"``: the Chinese text where a notebook has been
    translated, the English elsewhere).

    Returns
    -------
    (list of Path, list of Path)
        The notebooks written, and those kept because the learner already has them.
    """
    source = Path(course_dir) / "source"
    names = assignments or sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").is_file())
    written, kept = [], []
    for name in names:
        src = source / name / f"{name}.ipynb"
        if not src.is_file():
            raise FileNotFoundError(f"unknown assignment {name!r}: no {src}")
        out = Path(dest) / name / f"{name}.ipynb"
        if out.exists():
            kept.append(out)
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        nb = student_version(nbformat.read(src, as_version=4))
        if lang != "en":
            from grader.instructor.translate import localize, translated_notebook, translation_table

            translated = translated_notebook(lang, name)
            nb = localize(nb, translated, translation_table(lang, name)) if translated is not None else nb
        nbformat.write(nb, out)
        written.append(out)
    return written, kept
