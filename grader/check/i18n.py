"""The language of the feedback: every message a student reads, in the notebook's language.

The checks write their messages in English, as templates with named fields::

    tr("{name} is not written yet (it raises NotImplementedError).", name=spec.name)

and :func:`tr` looks the template up in the catalogues of the current language
(``grader/locale/<lang>/LC_MESSAGES/*.po``, gettext, read with Babel; written by
``python -m grader.instructor.translate update``) before it fills the fields in. A template with no
translation, or a language with no catalogue, stays English: feedback is never lost for want of a
translation, and the tests fail while any entry is missing. The spec modules' mistakes and hints are
plain English strings, translated where they are shown; :func:`N_` marks other constant strings for
the catalogue without translating them.

The language is chosen by the caller, once per notebook (:func:`language`): the judge and the
grader read it from the notebook's metadata (``metadata.nnkit.lang``, written when a notebook is
built in another language); in a student's kernel, where the setup cell is the same in every
language, :func:`notebook_language` reads the metadata of the notebook the kernel runs.
"""

import contextlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
#: what a language may be called (the metadata and NNKIT_LANG are anyone's to write): zh_CN, en
_LANG_CODE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")
_CURRENT = {"lang": ENGLISH}


def N_(text):
    """Mark ``text`` for the catalogue; it is translated where it is shown (with :func:`tr`)."""
    return text


class Message(str):
    """English text that keeps its template and fields, so that :func:`tr` can write it in another
    language where it is shown (a mistake's name such as "divided by lambd" is English wherever it
    is an identifier, in a report or a JSON file, and Chinese in a Chinese notebook's feedback)."""

    def __new__(cls, template, **fields):
        obj = super().__new__(cls, template.format(**fields) if fields else template)
        obj.template, obj.fields = template, fields
        return obj


@lru_cache(maxsize=None)
def catalogue(lang):
    """``{English template: translation}`` of ``lang`` (empty for English or an unknown language).
    Fuzzy (out of date) and empty entries are left out: their English is shown."""
    folder = LOCALE / str(lang) / "LC_MESSAGES"
    if lang == ENGLISH or not folder.is_dir():
        return {}
    from babel.messages.pofile import read_po

    table = {}
    for path in sorted(folder.glob("*.po")):
        with open(path, "rb") as fh:
            for msg in read_po(fh, charset="utf-8"):
                if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy:
                    table[msg.id] = msg.string
    return table


@contextlib.contextmanager
def language(lang):
    """While active, :func:`tr` writes in ``lang`` (None or an unknown language: English)."""
    before = _CURRENT["lang"]
    _CURRENT["lang"] = lang if lang and _LANG_CODE.fullmatch(str(lang)) else ENGLISH
    try:
        yield
    finally:
        _CURRENT["lang"] = before


def tr(template, **fields):
    """``template`` in the current language, with ``fields`` filled in (``str.format``)."""
    if isinstance(template, Message) and not fields:
        template, fields = template.template, template.fields
    text = catalogue(_CURRENT["lang"]).get(template, template) if _CURRENT["lang"] != ENGLISH else template
    if not fields:
        return text
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
        return template.format(**fields)


def metadata_language(metadata):
    """The language named by a notebook's metadata (``metadata.nnkit.lang``), or None where it names
    none, or something that is not a language code (the metadata is the student's to edit)."""
    nnkit = metadata.get("nnkit") if isinstance(metadata, dict) else None
    lang = nnkit.get("lang") if isinstance(nnkit, dict) else None
    return lang if isinstance(lang, str) and _LANG_CODE.fullmatch(lang) else None


def notebook_metadata_language(path):
    """:func:`metadata_language` of the notebook at ``path``, or None (unreadable, or not set)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return metadata_language(json.load(fh).get("metadata"))
    except (OSError, ValueError, AttributeError):
        return None


def notebook_language(assignment, environ=None, cwd=None):
    """The language of the feedback in a kernel that runs ``assignment``'s notebook.

    ``NNKIT_LANG`` first (the grader sets it for the kernels it starts; anyone may set it); then the
    metadata of the notebook this kernel belongs to (Jupyter's ``JPY_SESSION_NAME``), or of
    ``<assignment>.ipynb`` in the working folder; English otherwise.
    """
    env = os.environ if environ is None else environ
    if env.get("NNKIT_LANG"):
        return metadata_language({"nnkit": {"lang": env["NNKIT_LANG"]}}) or ENGLISH
    folder = Path(cwd or os.getcwd())
    candidates = [Path(env["JPY_SESSION_NAME"])] if env.get("JPY_SESSION_NAME") else []
    candidates.append(folder / f"{assignment}.ipynb")
    for path in candidates:
        path = path if path.is_absolute() else folder / path
        if path.suffix == ".ipynb" and path.is_file():  # the first notebook found decides
            return notebook_metadata_language(path) or ENGLISH
    return ENGLISH


#: fonts with Chinese glyphs, the first one found draws a Chinese notebook's figures (``make fonts``
#: installs the first: Debian's fonts-noto-cjk)
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
_FONT_NOTICE = {"shown": False}


def use_figure_fonts(lang):
    """For a notebook in ``lang``, draw matplotlib's text with a font that has its glyphs (Chinese:
    the first of :data:`CJK_FONTS` on this machine, registered even where matplotlib's font cache is
    older than the font; its Latin letters and digits are drawn with it too, so that a label that
    mixes Chinese and ``$maths$`` has every glyph). Returns the font's name, or None (English, or no
    such font: one line says how to install one, once)."""
    if not str(lang or "").startswith("zh"):
        return None
    import glob

    import matplotlib
    from matplotlib import font_manager

    def known():
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((n for n in CJK_FONTS if n in names), None)

    found = known()
    if found is None:
        for folder in FONT_FOLDERS:
            for path in glob.glob(os.path.join(os.path.expanduser(folder), "**", "*"), recursive=True):
                if re.search(r"(?i)(cjk|wqy|sourcehan|notosanssc).*\.(ttc|otf|ttf)$", os.path.basename(path)):
                    try:
                        font_manager.fontManager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue
        found = known()
    if found is None:
        if not _FONT_NOTICE["shown"]:
            _FONT_NOTICE["shown"] = True
            print("nnkit: no Chinese font for the figures (their words would show as boxes): install one, "
                  "e.g. `make fonts` or `sudo apt-get install fonts-noto-cjk`, then restart the kernel.")
        return None
    matplotlib.rcParams["font.family"] = [found, "DejaVu Sans"]
    return found
