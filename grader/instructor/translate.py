"""The course in other languages, from one source: gettext catalogues of the notebooks' text.

English stays the source (``course/authoring/*.py``, built into ``course/source/``). Each
notebook's text is cut into *paragraphs* (the blocks of a markdown cell between blank lines; a
table, a list, a fenced block or a display formula stays whole) and each paragraph is one entry of
the notebook's catalogue, ``course/locale/<lang>/LC_MESSAGES/<assignment>.po`` (gettext, read and
written with Babel). Code cells are never translated: the graded functions, their tests, the
grade ids and the checks are the same in every language, so a translated notebook is graded exactly
as the English one.

    python -m grader.instructor.translate update     # new English text -> catalogues (changed = fuzzy)
                                                     # (the notebooks' and the feedback's, below)
    python -m grader.instructor.translate build      # catalogues -> course/locale/<lang>/source/
    python -m grader.instructor.translate check      # exit 1 if a translation is missing, out of date or stale

An English paragraph that changes keeps its old translation marked *fuzzy* (out of date) until a
translator updates it; :func:`problems` names every missing or fuzzy entry by notebook and
paragraph, and the tests fail while there is one. Only notebooks that have a catalogue are built in
a language, so a partial translation is honest about what it covers.
"""

import argparse
import contextlib
import copy
import io
import re
import sys
import warnings
from pathlib import Path

import nbformat

from grader.codewords import code_spans, translatable_code, translate_code
from grader.instructor.course import DEFAULT_COURSE

LOCALE = DEFAULT_COURSE / "locale"
SOURCE = DEFAULT_COURSE / "source"
LANGUAGES = {"zh_CN": "中文"}


def paragraphs(markdown):
    """The paragraphs of a markdown cell: blocks between blank lines, a fenced code block or a
    ``$$`` formula that holds blank lines kept whole."""
    blocks, current = [], []
    fence = math = False
    for line in markdown.split("\n"):
        stripped = line.strip()
        if not stripped and not fence and not math:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
        if stripped.startswith("```"):
            fence = not fence
        if not fence and stripped.count("$$") % 2 == 1:
            math = not math
    if current:
        blocks.append("\n".join(current))
    return blocks


def _translatable(block):
    """Whether a paragraph has words to translate: outside formulas and code, or in a formula's
    ``\\text{...}`` (a formula with no words is the same in every language)."""
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|```.*?```|`[^`]*`", "", block, flags=re.S)
    words_in_maths = re.search(r"(?<![_^]\{)\\text\{[^}]*[A-Za-z]{2,}[^}]*\}", block)  # not A_{\text{prev}}
    return bool(re.search(r"[A-Za-z]{2,}", text) or words_in_maths)


def entries(nb):
    """``[(cell index, paragraph index, text)]`` of a notebook's translatable paragraphs."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for j, block in enumerate(paragraphs(cell.source)):
                if _translatable(block):
                    out.append((i, j, block))
    return out


def template(assignment, nb):
    """The notebook's catalogue template (a Babel ``Catalog`` of its English paragraphs)."""
    from babel.messages.catalog import Catalog

    cat = Catalog(project=f"nnkit {assignment}", charset="utf-8", fuzzy=False)
    for i, j, text in entries(nb):
        cat.add(text, locations=[(f"{assignment}.ipynb:cell{i + 1}", j + 1)])
    for i, kind, text in code_entries(nb):
        if text not in cat:
            cat.add(text, locations=[(f"{assignment}.ipynb:cell{i + 1}", 0)], auto_comments=[f"code: {kind}"])
    return cat


def code_entries(nb):
    """``[(cell index, kind, English)]`` of the words in a notebook's translatable code cells."""
    return [(i, kind, text) for i, cell in enumerate(nb.cells) if translatable_code(cell)
            for _, _, text, kind in code_spans(cell.source)]


def catalogue_path(lang, assignment):
    return LOCALE / lang / "LC_MESSAGES" / f"{assignment}.po"


def read_catalogue(path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as fh:
        return read_po(fh, charset="utf-8")


def write_catalogue(path, cat):
    import datetime

    from babel.messages.pofile import write_po

    # Fixed dates: a catalogue changes in git only when its text does.
    cat.creation_date = cat.revision_date = datetime.datetime(2026, 12, 1, tzinfo=datetime.timezone.utc)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        write_po(fh, cat, width=100, sort_output=False, include_previous=True)


def source_notebook(assignment, source=SOURCE):
    return nbformat.read(Path(source) / assignment / f"{assignment}.ipynb", as_version=4)


def translated_assignments(lang):
    folder = LOCALE / lang / "LC_MESSAGES"
    return sorted(p.stem for p in folder.glob("*.po")) if folder.is_dir() else []


def update(lang, assignments=None):
    """Bring the catalogues of ``lang`` up to date with the English notebooks: new paragraphs are
    added untranslated, changed ones keep their old translation marked fuzzy, removed ones become
    obsolete. ``assignments``: start catalogues for these too (default: those that have one)."""
    names = sorted(set(assignments or ()) | set(translated_assignments(lang)))
    for a in names:
        merge_template(catalogue_path(lang, a), template(a, source_notebook(a)), lang, a)
    return names


def merge_template(path, tmpl, lang, name):
    """Bring the catalogue at ``path`` up to date with the English template ``tmpl`` (a changed entry
    keeps its old translation, marked fuzzy; a new one is untranslated; a removed one is dropped)."""
    from babel.messages.catalog import Catalog

    if path.exists():
        cat = read_catalogue(path)
        cat.update(tmpl, no_fuzzy_matching=False)
        cat.obsolete.clear()
    else:
        cat = Catalog(locale=lang, project=f"nnkit {name}", charset="utf-8", fuzzy=False)
        cat.update(tmpl)
    write_catalogue(path, cat)


def problems(lang, assignment, nb=None):
    """Every paragraph of ``assignment`` whose translation is missing or out of date, as lines that
    name the notebook and the paragraph."""
    nb = nb or source_notebook(assignment)
    cat = read_catalogue(catalogue_path(lang, assignment))
    out = []
    for i, j, text in entries(nb) + [(i, kind, text) for i, kind, text in code_entries(nb)]:
        msg = cat.get(text)
        part = f"paragraph {j + 1}" if isinstance(j, int) else f"the {j} in its code"
        where = f"{assignment}, cell {i + 1}, {part} ({text[:60]!r}...)"
        if msg is None or not msg.string:
            out.append(f"{where}: not translated")
        elif msg.fuzzy:
            out.append(f"{where}: the English changed; its translation is out of date (fuzzy)")
    return out


def catalogue_table(cat):
    """``{English: translation}`` of a catalogue's current entries (not the fuzzy or empty ones)."""
    return {m.id: m.string for m in cat if m.id and m.string and not m.fuzzy}


def translate_cells_code(nb, table):
    """In place: the words in ``nb``'s translatable code cells (:func:`translatable_code`) translated.
    Their nbgrader metadata stays as nbgrader made it: a translated cell is a solution cell (whose
    checksum nbgrader only reads for manually graded answers, which the course has none of) or a
    cell without nbgrader metadata, never a locked or a test cell (whose checksums are checked)."""
    for cell in nb.cells:
        if translatable_code(cell):
            cell.source = translate_code(cell.source, table)


def translate_notebook(nb, cat, lang):
    """A copy of ``nb`` with every paragraph in ``lang`` (the English one where none is usable), the
    words of its code cells too (comments, docstrings, figures: never the code, never a test cell)
    and the language in its metadata."""
    out = copy.deepcopy(nb)
    translate_cells_code(out, catalogue_table(cat))
    for cell in out.cells:
        if cell.cell_type != "markdown":
            continue
        blocks = []
        for block in paragraphs(cell.source):
            msg = cat.get(block) if _translatable(block) else None
            blocks.append(msg.string if msg is not None and msg.string and not msg.fuzzy else block)
        cell.source = "\n\n".join(blocks)
    out.metadata["nnkit"] = {**out.metadata.get("nnkit", {}), "lang": lang}
    return out


GLOSSARY = LOCALE / "glossary.tsv"
GLOSSARY_PAGE = DEFAULT_COURSE.parent / "docs" / "glossary.md"


def glossary():
    """``[(english, chinese, pattern)]``: the course's terms (``course/locale/glossary.tsv``)."""
    import csv

    with GLOSSARY.open(newline="", encoding="utf-8") as fh:
        return [tuple(row) for row in list(csv.reader(fh, delimiter="\t"))[1:] if row]


def glossary_markdown():
    """``docs/glossary.md``: the glossary as a page (written by :func:`build`)."""
    lines = ["# Glossary: English ↔ 中文", "",
             "The course's terms in English and in Chinese (the terms of the notes the course grew from).",
             "Every Chinese notebook uses each of them one way: `tests/test_translations.py` fails when a",
             "term is translated another way. The source is `course/locale/glossary.tsv`.", "",
             "| English | 中文 |", "|---|---|"]
    return "\n".join(lines + [f"| {en} | {zh} |" for en, zh, _ in glossary()]) + "\n"


def inconsistent_terms(lang, assignment):
    """The paragraphs of ``assignment`` whose English uses a glossary term and whose translation does
    not use the glossary's word for it."""
    out = []
    cat = read_catalogue(catalogue_path(lang, assignment))
    for msg in cat:
        if not msg.id or not msg.string or msg.fuzzy:
            continue
        english = " ".join(msg.id.split())  # a term may be cut by a line break
        for en, zh, pattern in glossary():
            if re.search(pattern, english, re.I) and zh.lower() not in msg.string.lower():
                out.append(f"{assignment}: {en!r} should be {zh!r} in: {msg.string[:70]!r}...")
    return out


def built_path(lang, assignment):
    return LOCALE / lang / "source" / assignment / f"{assignment}.ipynb"


def translated_notebook(lang, assignment):
    """The built notebook of ``assignment`` in ``lang``, or None where it has no translation yet."""
    path = built_path(lang, assignment)
    return nbformat.read(path, as_version=4) if path.exists() else None


def translation_table(lang, assignment):
    """``{English: translation}`` of ``assignment``'s catalogue in ``lang`` ({} without one)."""
    path = catalogue_path(lang, assignment)
    return catalogue_table(read_catalogue(path)) if path.exists() else {}


def localize(nb, translated, table=None):
    """``nb`` (a release or student version of a notebook) with the text of ``translated`` (the same
    notebook in another language): markdown cells replaced one for one, the words of the code cells
    translated with ``table`` (:func:`catalogue_table`; the starter code of a release is not the
    source's), and the code, the tests and the grade ids kept exactly as nbgrader made them."""
    if [c.cell_type for c in nb.cells] != [c.cell_type for c in translated.cells]:
        raise ValueError("the translation does not have the notebook's cells: rebuild it (make notebooks)")
    out = copy.deepcopy(nb)
    translate_cells_code(out, table or {})
    for cell, other in zip(out.cells, translated.cells):
        if cell.cell_type == "markdown":
            cell.source = other.source
    out.metadata["nnkit"] = {**out.metadata.get("nnkit", {}), **translated.metadata.get("nnkit", {})}
    return out


def build(lang, check=False):
    """Write (or, with ``check``, compare) the translated notebooks of ``lang``; the stale ones."""
    stale = []
    if not GLOSSARY_PAGE.exists() or GLOSSARY_PAGE.read_text() != glossary_markdown():
        stale.append(GLOSSARY_PAGE)
        if not check:
            GLOSSARY_PAGE.write_text(glossary_markdown())
    for a in translated_assignments(lang):
        nb = translate_notebook(source_notebook(a), read_catalogue(catalogue_path(lang, a)), lang)
        text = nbformat.writes(nb) + "\n"
        path = built_path(lang, a)
        if not path.exists() or path.read_text() != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
    return stale


# --------------------------------------------------------------------------------------------------
# The feedback's catalogues: every message of the checks, the judge and the class report


#: the source files of each catalogue of messages (``grader/locale/<lang>/LC_MESSAGES/<domain>.po``);
#: an assignment's checks (``checks-<assignment>``) come from its spec module
MESSAGE_SOURCES = {
    "feedback": ["check/checker.py", "check/diagnose.py", "check/engine.py", "judge/judge.py", "specs/common.py"],
    "report": ["instructor/classgrade.py", "instructor/course.py"],
}
KEYWORDS = {"tr": None, "N_": None, "Message": None}


def _spec_strings(module):
    """The English of a spec module's mistakes, hints and advice (plain strings, in the objects)."""
    from grader.check.engine import FunctionSpec, Mistake, QuestionSpec

    out, seen = [], set()

    def walk(v):
        if id(v) in seen:
            return
        seen.add(id(v))
        if isinstance(v, Mistake):
            out.extend([v.name, v.hint])
        elif isinstance(v, QuestionSpec):
            out.append(v.hint)
        elif isinstance(v, FunctionSpec):
            for m in v.mistakes:
                walk(m)
            if isinstance(v.keep_inputs, str):
                out.append(v.keep_inputs)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    for name, value in sorted(vars(module).items()):
        if not name.startswith("__"):
            walk(value)
    return out


def message_template(domain):
    """The English template (a Babel ``Catalog``) of one catalogue of messages."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    from grader import specs

    grader_dir = Path(specs.__file__).resolve().parent.parent
    cat = Catalog(project=f"nnkit {domain}", charset="utf-8", fuzzy=False)
    if domain.startswith("checks-"):
        module = specs.MODULES[domain[len("checks-"):]]
        files = [Path(module.__file__).resolve().relative_to(grader_dir).as_posix()]
        for text in _spec_strings(module):
            if text:
                cat.add(text, locations=[(files[0], 0)])
    else:
        files = MESSAGE_SOURCES[domain]
    for rel in files:
        # Babel prints a line for each f-string given as a field (meant: the template is the literal)
        with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = list(extract_from_file("python", grader_dir / rel, keywords=KEYWORDS))
        for _, text, _, _ in found:
            if text and isinstance(text, str):
                cat.add(text, locations=[(rel, 0)])  # the file, not the line: no churn as code moves
    return cat


def message_domains():
    from grader import specs

    return sorted(MESSAGE_SOURCES) + [f"checks-{a}" for a in specs.MODULES]


def message_catalogue_path(lang, domain):
    from grader.check.i18n import LOCALE as MESSAGES

    return MESSAGES / lang / "LC_MESSAGES" / f"{domain}.po"


def update_messages(lang):
    """Bring the feedback's catalogues of ``lang`` up to date with the English of the code (as
    :func:`update` does for the notebooks); the paths written."""
    written = []
    for domain in message_domains():
        path = message_catalogue_path(lang, domain)
        merge_template(path, message_template(domain), lang, domain)
        written.append(path)
    return written


_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*[^{}]*\}")
_CODE = re.compile(r"`[^`]+`")


def message_problems(lang):
    """Every message of the feedback whose translation is missing, out of date, or does not keep the
    English's fields (``{name}``) and code (```x.T```), as lines naming the catalogue and message."""
    out = []
    for domain in message_domains():
        path = message_catalogue_path(lang, domain)
        cat = read_catalogue(path) if path.exists() else None
        for msg in message_template(domain):
            if not msg.id:
                continue
            where = f"{path.name}: {msg.id[:70]!r}"
            got = cat.get(msg.id) if cat is not None else None
            if got is None or not got.string:
                out.append(f"{where}: not translated")
            elif got.fuzzy:
                out.append(f"{where}: the English changed; its translation is out of date (fuzzy)")
            elif sorted(_FIELD.findall(msg.id)) != sorted(_FIELD.findall(got.string)):
                out.append(f"{where}: the translation's fields {sorted(set(_FIELD.findall(got.string)))} "
                           f"differ from the English {sorted(set(_FIELD.findall(msg.id)))}")
            elif sorted(_CODE.findall(msg.id)) != sorted(_CODE.findall(got.string)):
                out.append(f"{where}: the translation changes the code in backticks")
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("action", choices=("update", "build", "check"),
                   help="update: the notebooks' and the feedback's catalogues; build: the notebooks; "
                        "check: both complete and current")
    p.add_argument("--lang", default="zh_CN", choices=sorted(LANGUAGES))
    p.add_argument("assignments", nargs="*", help="update: start catalogues for these too")
    args = p.parse_args(argv)
    if args.action == "update":
        for a in update(args.lang, args.assignments):
            print(f"updated {catalogue_path(args.lang, a).relative_to(DEFAULT_COURSE.parent)}")
        for path in update_messages(args.lang):
            print(f"updated {path.relative_to(DEFAULT_COURSE.parent)}")
        return 0
    if args.action == "build":
        for path in build(args.lang):
            print(f"built {path.relative_to(DEFAULT_COURSE.parent)}")
        return 0
    lines = [line for a in translated_assignments(args.lang)
             for line in problems(args.lang, a) + inconsistent_terms(args.lang, a)]
    lines += [f"{path}: out of date, run `make notebooks`" for path in build(args.lang, check=True)]
    lines += message_problems(args.lang)
    print("\n".join(lines) or f"{args.lang}: every translated notebook and message is complete and built")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
