"""Build the course's book: every notebook as a web page, from the same source as the notebooks.

    python book/build.py [--out book/_build/html] [--lang en]

1. Pages (``book/_build/pages/<lang>/``, generated, never committed): each notebook of
   ``course/source/`` (built from ``course/authoring/*.py``), turned into a page a self-learner
   reads: every exercise shown as the student sees it (the stub, then its test) with the solution
   folded behind a "Show the solution" toggle; hidden tests taken out; the interactive playground
   replaced by a recording of it; a download link to the student notebook. Then the landing page,
   the list of graded functions, and the student notebooks to download.
2. MathJax 3 served from the site itself (npm's ``mathjax`` package, pinned in
   ``book/package.json``, installed once into ``book/node_modules``): maths typesets offline.
3. ``sphinx-build -W --keep-going`` with MyST-NB, which executes every page once and caches the
   outputs (jupyter-cache, in ``book/_build/.jupyter_cache``): a rebuild re-executes only the pages
   whose code changed. Any warning (a broken reference, a missing image, a cell that raises) fails.

Two editions: English at the site's root, Chinese in ``zh_CN/`` (the notebooks translated so far,
``course/locale/zh_CN/source/``, and the English ones where there is no translation yet), each page
linking to the same page in the other language. The words of the pages that are not in the
notebooks are in :data:`WORDS`; each edition's landing page is ``landing.md`` / ``landing.<lang>.md``.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbgrader.utils import is_grade, is_solution

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent
sys.path.insert(0, str(ROOT))

from grader import specs  # noqa: E402
from grader.instructor.course import assignments  # noqa: E402
from grader.instructor.translate import translated_notebook  # noqa: E402
from grader.instructor.workspace import student_version  # noqa: E402

SOURCE = ROOT / "course" / "source"
BUILD = BOOK / "_build"
MATHJAX = BOOK / "node_modules" / "mathjax" / "es5"

#: The editions: language -> folder of the site (English at the root).
EDITIONS = {"en": "", "zh_CN": "zh_CN"}

#: The words of the pages that are not in the notebooks, by language.
WORDS = {
    "en": {
        "exercise": "Exercise: write `{name}`",
        "question": "Question: answer `{name}`",
        "exercise_text": ("In the notebook this cell holds the stub below; you write the body. Try it "
                          "yourself first, then open the solution."),
        "download": ("**Work on it yourself:** download the student notebook {link} (it needs the "
                     "course installed: see [how to start](index.md#two-ways-to-work))."),
        "playground": ("In JupyterLab this cell opens the interactive playground: sliders and menus for "
                       "the data set, the layers, the activation, the optimiser, the learning rate, "
                       "L2 and dropout, and buttons that train the network step by step while the "
                       "boundary and the loss curves move. A web page has no Python to run it, so here "
                       "is a recording of the same playground training for 48 epochs. To use it, run "
                       "`make lab` (see [how to start](index.md#two-ways-to-work)), open `07_deep_network` "
                       "and run the notebook."),
        "functions_title": "Every graded function",
        "functions_text": ("Every function you write in the course, and every question you answer, in the order "
                           "you meet them, with the points its test is worth when a class is graded with "
                           "nbgrader. Each name links to its exercise."),
        "function": "function", "question_kind": "question", "points": "points", "exercise_col": "exercise",
        "kind": "kind",
        "switch": "中文", "switch_title": "这一页的中文版",
    },
    "zh_CN": {
        "exercise": "练习：写出 `{name}`",
        "question": "问题：回答 `{name}`",
        "exercise_text": "在笔记本里，这个单元格里是下面的空函数，由你来写函数体。先自己试一试，再打开答案。",
        "download": ("**自己动手：** 下载学生版笔记本 {link}（需要先在本机装好课程：见"
                     "[怎样开始](index.md#two-ways-to-work)）。"),
        "playground": ("在 JupyterLab 里，这个单元格会打开可交互的实验场：可以选择数据集、层数、激活函数、优化器、"
                       "学习率、L2 和 dropout，并用按钮一步一步训练网络，看着决策边界和损失曲线变化。网页里没有 "
                       "Python 来运行它，所以这里放的是同一个实验场训练 48 个 epoch 的录像。要亲手使用它，运行 "
                       "`make lab`（见[怎样开始](index.md#two-ways-to-work)），打开 `07_deep_network` 并运行整个笔记本。"),
        "functions_title": "所有计分的函数",
        "functions_text": ("这门课里你要写的每个函数、要回答的每个问题，按出现的顺序列出，并注明用 nbgrader "
                           "给全班评分时它的测试值多少分。每个名字都链接到对应的练习。"),
        "function": "函数", "question_kind": "问题", "points": "分值", "exercise_col": "练习", "kind": "类型",
        "switch": "English", "switch_title": "this page in English",
    },
}


# --------------------------------------------------------------------------------------------------
# one notebook -> one page


def _grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def without_solution_markers(source):
    """A solution cell's source without nbgrader's ``### BEGIN/END SOLUTION`` lines."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")).strip() + "\n"


def label(assignment, name):
    """The cross-reference target of an exercise, unique in the book (``predict`` is in 02 and 04)."""
    return f"nb{assignment[:2]}-{name}".replace("_", "-")


PLAYGROUND_RECORDING = """\
pg.configure(dataset="moons", hidden_layers=3, units=6, activation="relu", optimizer="adam",
             learning_rate=0.01, batch_size=32)
pg.reset()
fig = pg.draw()
plt.close(fig)


def _train_and_draw(k):
    if k:
        pg.step(4)
    pg.draw()


HTML(animation_html(FuncAnimation(fig, _train_and_draw, frames=13, interval=400)))
"""


def language_switch(lang, page_name):
    """A line of raw HTML linking to the same page in the other edition."""
    other = "zh_CN" if lang == "en" else "en"
    href = f"{EDITIONS[other]}/{page_name}.html" if lang == "en" else f"../{page_name}.html"
    words = WORDS[lang]
    return (f'<p class="nnkit-lang"><a href="{href}" hreflang="{other.replace("_", "-")}" '
            f'title="{words["switch_title"]}">{words["switch"]}</a></p>')


def page(assignment, nb, words, lang="en"):
    """The book's page (a notebook) of the solution notebook ``nb`` of ``assignment``."""
    student = {_grade_id(c): c for c in student_version(nb).cells if _grade_id(c)}
    questions = set(specs.load(assignment).questions) if assignment in specs.MODULES else set()
    cells = [nbformat.v4.new_markdown_cell(language_switch(lang, assignment))]
    title_done = False
    for cell in nb.cells:
        cell = nbformat.from_dict(json.loads(json.dumps(cell)))
        cell.pop("id", None)
        gid = _grade_id(cell)
        if cell.cell_type == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source))
            if not title_done and cell.source.lstrip().startswith("# "):
                title_done = True
                link = f"{{download}}`{assignment}.ipynb <downloads/{assignment}.ipynb>`"
                cells.append(nbformat.v4.new_markdown_cell(words["download"].format(link=link)))
            continue
        if cell.cell_type != "code":
            continue
        if is_solution(cell) and gid:
            stub = student[gid].source.rstrip()
            heading = words["question" if gid in questions else "exercise"].format(name=gid)
            cells.append(nbformat.v4.new_markdown_cell(
                f"({label(assignment, gid)})=\n**{heading}.** "
                f"{words['exercise_text']}\n\n```python\n{stub}\n```"))
            cells.append(nbformat.v4.new_code_cell(without_solution_markers(cell.source),
                                                   metadata={"tags": ["hide-input"]}))
        elif is_grade(cell) and gid:
            cells.append(nbformat.v4.new_code_cell(student[gid].source))  # hidden tests taken out
        elif re.search(r"^\s*pg\.widget\(", cell.source, re.M):
            cells.append(nbformat.v4.new_markdown_cell(words["playground"]))
            cells.append(nbformat.v4.new_code_cell(PLAYGROUND_RECORDING, metadata={"tags": ["remove-input"]}))
        else:
            cells.append(nbformat.v4.new_code_cell(cell.source))
    out = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    out.metadata["nnkit"] = {"assignment": assignment}
    return out


def minutes(nb):
    """The time a notebook takes, as its first lines say ("About 60 minutes", "About 2 hours")."""
    text = nb.cells[0].source if nb.cells else ""
    m = re.search(r"(?:About|约) ?([\d.]+) ?(minutes|hours?|分钟|小时)", text)
    if not m:
        return ""
    unit = {"minutes": "min", "hour": "h", "hours": "h"}.get(m.group(2), m.group(2))
    return f"{m.group(1)} {unit}"


def title(nb):
    m = re.search(r"^# (.+)$", nb.cells[0].source, re.M) if nb.cells else None
    return m.group(1).strip() if m else ""


def summary(nb):
    """The first two sentences of the notebook's first paragraph after its time line."""
    paragraphs = [p.strip() for p in nb.cells[0].source.split("\n\n")] if nb.cells else []
    for p in paragraphs:
        if p and not p.startswith(("#", "*About", "*约", "|")):
            text = " ".join(p.split())
            if re.search(r"[\u4e00-\u9fff]", text):  # Chinese: sentences end with 。！？ and no space
                return "".join(re.findall(r"[^。！？]+[。！？]?", text)[:2]).strip()
            return " ".join(re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)[:2])
    return ""


# --------------------------------------------------------------------------------------------------
# the whole book


def functions_page(names, notebooks, words, lang="en"):
    """Every graded function and question, with its points, linked to where it is taught."""
    lines = [language_switch(lang, "functions"), "", f"# {words['functions_title']}", "",
             words["functions_text"], ""]
    for a in names:
        nb = notebooks[a]
        graded = [c for c in nb.cells if is_solution(c) and _grade_id(c)]
        if not graded:
            continue
        points = {_grade_id(c)[len("test_"):]: c.metadata.nbgrader.get("points", 0)
                  for c in nb.cells if is_grade(c) and not is_solution(c)}
        aspec = specs.load(a) if a in specs.MODULES else None
        lines += [f"## {title(nb)}", "", f"| {words['exercise_col']} | {words['kind']} | {words['points']} |",
                  "|---|---|---|"]
        for c in graded:
            gid = _grade_id(c)
            kind = (words["function"] if aspec and gid in aspec.functions else
                    words["question_kind"] if aspec and gid in aspec.questions else words["exercise_col"])
            lines.append(f"| [`{gid}`]({label(a, gid)}) | {kind} | {points.get(gid, 0):g} |")
        lines.append("")
    return "\n".join(lines)


def landing_page(names, notebooks, words, lang="en"):
    rows = "\n".join(f"| [{title(notebooks[a])}]({a}.ipynb) | {minutes(notebooks[a])} | {summary(notebooks[a])} |"
                     for a in names)
    template = language_switch(lang, "index") + "\n\n" + (
        BOOK / ("landing.md" if lang == "en" else f"landing.{lang}.md")).read_text()
    toc = "\n".join([*names, "functions"])
    return template.replace("{{notebook_table}}", rows).replace("{{toctree}}", toc)


def make_pages(lang="en", source=SOURCE):
    """Write the pages of edition ``lang`` into ``book/_build/pages/<lang>/``, from the notebooks of
    ``source`` (``course/source/``); their folder."""
    words = WORDS[lang]
    out = BUILD / "pages" / lang
    out.mkdir(parents=True, exist_ok=True)
    names = assignments(ROOT / "course")
    notebooks = {a: nbformat.read(Path(source) / a / f"{a}.ipynb", as_version=4) for a in names}
    if lang != "en":  # the translation where there is one, the English elsewhere
        notebooks = {a: translated_notebook(lang, a) or nb for a, nb in notebooks.items()}
    wanted = {f"{a}.ipynb" for a in names} | {"index.md", "functions.md", "downloads"}
    for old in out.iterdir():  # a notebook taken out of the course leaves no page behind
        if old.name not in wanted:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    for a in names:
        _write_if_changed(out / f"{a}.ipynb", nbformat.writes(page(a, notebooks[a], words, lang)))
        _write_if_changed(out / "downloads" / f"{a}.ipynb", nbformat.writes(student_version(notebooks[a])))
    _write_if_changed(out / "index.md", landing_page(names, notebooks, words, lang))
    _write_if_changed(out / "functions.md", functions_page(names, notebooks, words, lang))
    return out


def _write_if_changed(path, text):
    """Write ``text`` unless the file already holds it (Sphinx rebuilds what changed by time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


def mathjax():
    """MathJax 3's browser files, installed from npm once (pinned by ``book/package-lock.json``)."""
    if not (MATHJAX / "tex-mml-chtml.js").is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("the book serves MathJax itself and takes it from npm: install Node.js and npm "
                             "(Debian: apt-get install nodejs npm)")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=BOOK, check=True)
    return MATHJAX


def build(out=BUILD / "html", lang=None, quiet=True, source=SOURCE):
    """Build the book into ``out`` (every edition, or the one of ``lang``); the seconds it took."""
    started = time.monotonic()
    for edition in [lang] if lang else EDITIONS:
        build_edition(Path(out) / EDITIONS[edition], edition, quiet, source)
    return time.monotonic() - started


def build_edition(out, lang, quiet, source):
    pages = make_pages(lang, source)
    mj = mathjax()
    target = BUILD / "static" / "mathjax"  # conf.py's html_static_path: the site's _static/mathjax/
    if not (target / "tex-mml-chtml.js").is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copy(mj / "tex-mml-chtml.js", target)
        for part in ("input", "output/chtml", "ui", "a11y"):  # what it loads on demand; not the 4 MB speech engine
            if (mj / part).is_dir():
                shutil.copytree(mj / part, target / part)
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-c", str(BOOK),
           "-d", str(BUILD / "doctrees" / lang), "-D", f"language={lang}", str(pages), str(out)]
    if quiet:
        cmd.insert(3, "-q")
    # NNKIT_LANG: the pages' kernels write their checks' messages in the edition's language
    r = subprocess.run(cmd, env={**os.environ, "NNKIT_BOOK_LANG": lang, "NNKIT_LANG": lang})
    if r.returncode != 0:
        raise SystemExit(f"the book ({lang}) did not build (sphinx-build exit status {r.returncode}): "
                         "see the lines above")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=BUILD / "html")
    p.add_argument("--lang", default=None, choices=sorted(WORDS), help="one edition only (default: all)")
    p.add_argument("--verbose", action="store_true", help="sphinx-build's own progress lines")
    args = p.parse_args(argv)
    seconds = build(args.out, args.lang, quiet=not args.verbose)
    print(f"book built in {seconds:.0f} s: open {args.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
